/*
 * render_xlsx — libxlsxwriter workbook. libxlsxwriter reports most errors only at
 * workbook_close, so every call's status is folded into one and checked there too.
 */
#include "render/render_xlsx.h"

#include <math.h>
#include <stdio.h>
#include <string.h>
#include <xlsxwriter.h>

#include "core/version.h"
#include "metrics/metrics.h"

#define XLSX_MAX_CELL 32767

typedef struct xl {
    lxw_workbook *wb;
    const report_t *r;
    int constant_memory;
    lxw_format *title, *subtitle, *header, *text, *integer, *number[4], *percent[4], *fraction,
        *delta[4], *date, *note, *rag[4], *helper_header, *helper;
    /* number formats with a red/amber/green fill, made as needed (S_marked_format) */
    struct marked {
        const char *num_format;
        rag_t rag;
        lxw_format *format;
    } marked[32];
    size_t nmarked;
    lxw_error err;
    size_t cut_strings;                /* text cells longer than Excel allows, cut with a marker */
    char *print_header, *print_footer; /* every sheet's printed header and footer; owned */
} xl_t;

static void S_check(xl_t *x, lxw_error e)
{
    if (e != LXW_NO_ERROR && x->err == LXW_NO_ERROR)
        x->err = e;
}

/* Text from inputs may hold anything: valid UTF-8, no control characters, and at most Excel's
 * 32,767 characters a cell (a longer text is cut with a visible marker and counted). */
static const char *S_clean(xl_t *x, strbuf_t *sb, const char *s)
{
    utf8_clean(sb, s, 1);
    static const char marker[] = " […cut]"; /* 7 characters */
    if (sb->len <= XLSX_MAX_CELL)
        return strbuf_cstr(sb); /* fewer bytes than the limit: fewer characters too */
    /* Excel counts UTF-16 units: a character beyond the BMP (4 UTF-8 bytes) counts two */
    size_t units = 0, keep = 0, i = 0;
    while (i < sb->len) {
        unsigned char b = (unsigned char)sb->data[i];
        size_t n = b < 0x80 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4;
        size_t u = n == 4 ? 2 : 1;
        if (units + u > XLSX_MAX_CELL - 7 && !keep)
            keep = i;
        units += u;
        i += n;
    }
    if (units > XLSX_MAX_CELL) {
        sb->len = keep;
        sb->data[keep] = '\0';
        strbuf_puts(sb, marker);
        x->cut_strings++;
    }
    return strbuf_cstr(sb);
}

/* Text that is no cell's (a chart's title, an axis or series name, a document property, a
 * table's column name): S_clean's characters on one line, cut at a character boundary to at
 * most XLSX_MAX_NAME bytes, for no such place needs more. */
#define XLSX_MAX_NAME 1000
static const char *S_name(strbuf_t *sb, const char *s)
{
    utf8_clean(sb, s, 0);
    if (sb->len > XLSX_MAX_NAME) {
        size_t n = XLSX_MAX_NAME;
        while (n > 0 && ((unsigned char)sb->data[n] & 0xC0) == 0x80)
            n--;
        sb->len = n;
        sb->data[n] = '\0';
    }
    return strbuf_cstr(sb);
}

/*
 * A chart's title, an axis name or a series name: S_name's text, and literal. libxlsxwriter
 * reads a name that begins with '=' as a reference ("=Sheet1!A1", or a currency written
 * "=cmd|' /C calc'!A0"), so such a name begins with a space instead: the text stays whole and
 * visible, where the *_set_name_range forms would need every name in a cell of its own.
 */
static const char *S_chart_name(strbuf_t *sb, const char *s)
{
    S_name(sb, s);
    if (sb->len && sb->data[0] == '=') {
        strbuf_t lit = {0};
        strbuf_putc(&lit, ' ');
        strbuf_append(&lit, sb->data, sb->len);
        strbuf_clear(sb);
        *sb = lit;
    }
    return strbuf_cstr(sb);
}

static void S_str(xl_t *x, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col, const char *s,
                  lxw_format *f)
{
    strbuf_t sb = {0};
    const char *t = S_clean(x, &sb, s);
    /* always a string cell: a title "=HYPERLINK(…)" or "@SUM(1)" stays text */
    if (*t)
        S_check(x, worksheet_write_string(ws, row, col, t, f));
    else if (f)
        S_check(x, worksheet_write_blank(ws, row, col, f));
    strbuf_clear(&sb);
}

/* A number cell, or "n/a" for a number no output shows (num_shown): a formula that refers to it
 * then shows #VALUE!, never a figure computed from a hole. */
static void S_number(xl_t *x, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col, double v,
                     lxw_format *f)
{
    if (num_shown(v))
        S_check(x, worksheet_write_number(ws, row, col, v, f));
    else
        S_check(x, worksheet_write_string(ws, row, col, "n/a", f));
}
/* Number formats by decimals (0 to 3): each KPI keeps one display precision in the workbook
 * as in the PDF, and a change keeps its sign and decimals ("-0.059", never a bare "0"). */
static const char *const number_formats[4] = {"#,##0", "#,##0.0", "#,##0.00", "#,##0.000"};
static const char *const delta_formats[4] = {"+#,##0;-#,##0;0", "+#,##0.0;-#,##0.0;0",
                                             "+#,##0.00;-#,##0.00;0", "+#,##0.000;-#,##0.000;0"};
static const char *const percent_formats[4] = {"0\"%\"", "0.0\"%\"", "0.00\"%\"", "0.000\"%\""};

static void S_formats(xl_t *x)
{
    lxw_workbook *wb = x->wb;
    x->title = workbook_add_format(wb);
    format_set_bold(x->title);
    format_set_font_size(x->title, 16);
    format_set_font_color(x->title, 0x0D4073);
    x->subtitle = workbook_add_format(wb);
    format_set_font_color(x->subtitle, 0x595959);
    x->header = workbook_add_format(wb);
    format_set_bold(x->header);
    format_set_font_color(x->header, LXW_COLOR_WHITE);
    format_set_bg_color(x->header, 0x0D4073);
    format_set_text_wrap(x->header);
    format_set_align(x->header, LXW_ALIGN_VERTICAL_CENTER);
    x->helper_header = workbook_add_format(wb);
    format_set_bold(x->helper_header);
    format_set_italic(x->helper_header);
    format_set_font_color(x->helper_header, 0x595959);
    format_set_text_wrap(x->helper_header);
    x->helper = workbook_add_format(wb);
    format_set_font_color(x->helper, 0x595959);
    format_set_bg_color(x->helper, 0xFFF2CC); /* an input cell: edit it and the marks follow */
    format_set_num_format(x->helper, "0.00");
    format_set_unlocked(x->helper);
    x->text = workbook_add_format(wb);
    x->integer = workbook_add_format(wb);
    format_set_num_format(x->integer, "#,##0");
    for (int i = 0; i < 4; i++) {
        x->number[i] = workbook_add_format(wb);
        format_set_num_format(x->number[i], number_formats[i]);
        x->delta[i] = workbook_add_format(wb);
        format_set_num_format(x->delta[i], delta_formats[i]);
        x->percent[i] = workbook_add_format(wb);
        format_set_num_format(x->percent[i], percent_formats[i]);
    }
    x->fraction = workbook_add_format(wb); /* a fraction shown as a percentage: the IRR */
    format_set_num_format(x->fraction, "0.0%");
    x->date = workbook_add_format(wb);
    format_set_num_format(x->date, "yyyy-mm-dd hh:mm");
    x->note = workbook_add_format(wb);
    format_set_italic(x->note);
    format_set_font_color(x->note, 0x595959);
    static const lxw_color_t rag_bg[4] = {0, 0xC6EFCE, 0xFFEB9C, 0xFFC7CE};
    static const lxw_color_t rag_fg[4] = {0, 0x006100, 0x9C5700, 0x9C0006};
    for (int i = 1; i < 4; i++) {
        x->rag[i] = workbook_add_format(wb);
        format_set_bg_color(x->rag[i], rag_bg[i]);
        format_set_font_color(x->rag[i], rag_fg[i]);
    }
}

/* The number format of a cell: by its type and its display decimals. A duration is a number
 * in the unit its column header names (the report chose it), never a clock time. */
static const char *S_num_format_string(const report_cell_t *c)
{
    int dec = c->decimals < 0 ? 0 : c->decimals > 3 ? 3 : c->decimals;
    switch (c->type) {
    case CELL_INT:
        return number_formats[0];
    case CELL_PERCENT:
        return percent_formats[dec];
    case CELL_DELTA:
        return delta_formats[dec];
    default:
        return number_formats[dec];
    }
}

/* ---- printing: every sheet on A4, one page wide, with header and footer ---- */

/* Text for a printed header: S_name's (no character XML refuses, one line), '&' doubled (a
 * code there), cut to `max` bytes on a character boundary (Excel allows 255 characters in all,
 * codes included). */
static void S_header_text(strbuf_t *sb, const char *s, size_t max)
{
    size_t start = sb->len;
    strbuf_t clean = {0};
    s = S_name(&clean, s ? s : "");
    for (const char *p = s; *p; p++) {
        size_t n = (*p & 0xC0) == 0xC0 ? ((*p & 0xE0) == 0xC0   ? 2
                                          : (*p & 0xF0) == 0xE0 ? 3
                                                                : 4)
                                       : 1;
        if (sb->len - start + n + (*p == '&') > max)
            break;
        if (*p == '&')
            strbuf_putc(sb, '&');
        for (size_t k = 0; k < n && p[k]; k++)
            strbuf_putc(sb, p[k]);
        p += n - 1;
    }
    strbuf_clear(&clean);
}

/* The header (organisation, sheet, period) and footer (title, page of pages) of every
 * printed page. */
static void S_print_texts(xl_t *x)
{
    strbuf_t h = {0}, f = {0};
    strbuf_puts(&h, "&L");
    S_header_text(&h, x->r->organization, 70);
    strbuf_puts(&h, "&C&A&R");
    S_header_text(&h, x->r->facts.period_label, 40);
    strbuf_puts(&f, "&L");
    S_header_text(&f, x->r->title, 70);
    strbuf_puts(&f, "&RPage &P of &N");
    x->print_header = h.data ? h.data : xstrdup("");
    x->print_footer = f.data ? f.data : xstrdup("");
}

/*
 * A sheet's print set-up: A4, one page wide, `tall` pages high at most (0: as many as it
 * takes, for the list sheets), landscape or not, the rows first..last repeated on every page
 * (none when last < first), the header and footer.
 */
static void S_print(xl_t *x, lxw_worksheet *ws, int landscape, uint16_t tall, lxw_row_t first,
                    lxw_row_t last)
{
    worksheet_set_paper(ws, 9); /* A4 */
    if (landscape)
        worksheet_set_landscape(ws);
    else
        worksheet_set_portrait(ws);
    worksheet_set_margins(ws, 0.4, 0.4, 0.6, 0.6);
    worksheet_fit_to_pages(ws, 1, tall);
    if (last >= first)
        S_check(x, worksheet_repeat_rows(ws, first, last));
    lxw_header_footer_options hf = {.margin = 0.25};
    S_check(x, worksheet_set_header_opt(ws, x->print_header, &hf));
    S_check(x, worksheet_set_footer_opt(ws, x->print_footer, &hf));
}

static lxw_format *S_number_format(xl_t *x, const report_cell_t *c)
{
    int dec = c->decimals < 0 ? 0 : c->decimals > 3 ? 3 : c->decimals;
    switch (c->type) {
    case CELL_INT:
        return x->integer;
    case CELL_PERCENT:
        return x->percent[dec];
    case CELL_DELTA:
        return x->delta[dec];
    default:
        return x->number[dec];
    }
}

/* The cell's own number format with a red/amber/green fill (a mark not recomputed from a
 * target, e.g. the arrow of a change): the same digits as the unmarked cell. */
static lxw_format *S_marked_format(xl_t *x, const report_cell_t *c)
{
    const char *nf = S_num_format_string(c);
    for (size_t i = 0; i < x->nmarked; i++)
        if (x->marked[i].rag == c->rag && !strcmp(x->marked[i].num_format, nf))
            return x->marked[i].format;
    static const lxw_color_t bg[4] = {0, 0xC6EFCE, 0xFFEB9C, 0xFFC7CE};
    static const lxw_color_t fg[4] = {0, 0x006100, 0x9C5700, 0x9C0006};
    lxw_format *f = workbook_add_format(x->wb);
    format_set_bg_color(f, bg[c->rag]);
    format_set_font_color(f, fg[c->rag]);
    format_set_num_format(f, nf);
    if (x->nmarked < sizeof x->marked / sizeof x->marked[0])
        x->marked[x->nmarked++] = (struct marked){nf, c->rag, f};
    return f;
}

static void S_title_block(xl_t *x, lxw_worksheet *ws, const char *title)
{
    const report_t *r = x->r;
    strbuf_t sb = {0};
    S_str(x, ws, 0, 0, title, x->title);
    strbuf_printf(&sb, "%s — %s", r->organization, r->title);
    S_str(x, ws, 1, 0, sb.data, x->subtitle);
    strbuf_reset(&sb);
    strbuf_printf(&sb, "Period %s · data as known at %s", r->period_text, r->as_of_text);
    S_str(x, ws, 2, 0, sb.data, x->subtitle);
    strbuf_clear(&sb);
}

static void S_cell_ref(char *buf, lxw_row_t row, lxw_col_t col)
{
    lxw_rowcol_to_cell_abs(buf, row, col, 1, 1);
}

/* Red/amber/green for a judged cell, as conditional formats over its target and amber cells,
 * so that editing a target recolours it. */
static void S_rag_formats(xl_t *x, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col,
                          const report_cell_t *c, lxw_row_t trow, lxw_col_t tcol, int have_amber,
                          lxw_col_t acol)
{
    char v[32], t[32], a[32], formula[512];
    S_cell_ref(v, row, col);
    S_cell_ref(t, trow, tcol);
    S_cell_ref(a, row, acol);
    const char *ge = c->rag_lower ? "<=" : ">=", *lt = c->rag_lower ? ">" : "<";
    for (int k = 0; k < 3; k++) {
        if (k == 1 && !have_amber)
            continue;
        if (k == 0)
            snprintf(formula, sizeof formula, "=AND(ISNUMBER(%s),ISNUMBER(%s),%s%s%s)", v, t, v, ge,
                     t);
        else if (k == 1)
            snprintf(formula, sizeof formula,
                     "=AND(ISNUMBER(%s),ISNUMBER(%s),%s%s%s,ISNUMBER(%s),%s%s%s)", v, t, v, lt, t,
                     a, v, ge, a);
        else
            snprintf(formula, sizeof formula, "=AND(ISNUMBER(%s),ISNUMBER(%s),%s%s%s)", v, t, v, lt,
                     t);
        lxw_conditional_format cf = {0};
        cf.type = LXW_CONDITIONAL_TYPE_FORMULA;
        cf.value_string = formula;
        cf.format = x->rag[k == 0 ? RAG_GREEN : k == 1 ? RAG_AMBER : RAG_RED];
        cf.stop_if_true = LXW_TRUE;
        S_check(x, worksheet_conditional_format_cell(ws, row, col, &cf));
    }
}

/* Makes rows first..last (the first the header) an Excel table with the given header names. */
static void S_add_table(xl_t *x, lxw_worksheet *ws, lxw_row_t first, lxw_row_t last, size_t ncols,
                        char *const *names)
{
    lxw_table_column *colv = xcalloc(ncols, sizeof(lxw_table_column));
    lxw_table_column **cols = xcalloc(ncols + 1, sizeof(lxw_table_column *));
    for (size_t c = 0; c < ncols; c++) {
        colv[c].header = names[c];
        colv[c].header_format = x->header;
        cols[c] = &colv[c];
    }
    lxw_table_options opt = {0};
    opt.style_type = LXW_TABLE_STYLE_TYPE_LIGHT;
    opt.style_type_number = 9;
    opt.columns = cols;
    S_check(x, worksheet_add_table(ws, first, 0, last, (lxw_col_t)(ncols - 1), &opt));
    free(cols);
    free(colv);
}

typedef struct judged_col {
    size_t col;          /* a table column whose cells are judged against targets */
    int has_target;      /* target_at holds the targets (the table does not show them) */
    lxw_col_t target_at; /* … */
    lxw_col_t amber_at;  /* the amber thresholds */
} judged_col_t;

/* A table whose cells are judged against targets it does not show gets editable helper columns
 * to its right (target and amber, two per judged column); one whose targets it shows gets an
 * amber column when a target has an amber band, so that the conditional formats give the same
 * three colours as the PDF from cells one can edit (at most 16 judged columns). */
static size_t S_helpers(const report_table_t *t, judged_col_t helpers[16])
{
    size_t nhelpers = 0;
    lxw_col_t next = (lxw_col_t)t->ncols + 1;
    for (size_t c = 0; c < t->ncols && nhelpers < 16; c++) {
        int needs_target = 0, needs_amber = 0;
        for (size_t r = 0; r < t->nrows; r++) {
            const report_cell_t *cell = &t->cells[r * t->ncols + c];
            needs_target |= cell->judged && cell->target_col < 0;
            needs_amber |= cell->judged && !isnan(cell->rag_amber);
        }
        if (!needs_target && !needs_amber)
            continue;
        helpers[nhelpers].col = c;
        helpers[nhelpers].has_target = needs_target;
        helpers[nhelpers].target_at = needs_target ? next++ : 0;
        helpers[nhelpers].amber_at = next++;
        nhelpers++;
    }
    return nhelpers;
}

/* Excel compares a table's column names without regard to case. */
static int S_same_column(const char *a, const char *b)
{
    return ascii_ieq(a, strlen(a), b);
}

/* The helper of column c, or NULL. */
static const judged_col_t *S_helper_of(const judged_col_t *helpers, size_t n, size_t c)
{
    for (size_t h = 0; h < n; h++)
        if (helpers[h].col == c)
            return &helpers[h];
    return NULL;
}

/* The header row: the table's headers made distinct (Excel tables need that), then the helper
 * columns' headers. Returns the names, which the caller frees. */
static char **S_header(xl_t *x, lxw_worksheet *ws, const report_table_t *t, lxw_row_t header,
                       const judged_col_t *helpers, size_t nhelpers, double *widths)
{
    char **names = xcalloc(t->ncols ? t->ncols : 1, sizeof(char *));
    for (size_t c = 0; c < t->ncols; c++) {
        /* one line: Excel wants the table's column name and its header cell alike, and an XML
         * attribute turns a line break into a space */
        strbuf_t sb = {0};
        S_name(&sb, t->headers[c]);
        for (size_t k = 0; k < c; k++)
            if (S_same_column(names[k], sb.data ? sb.data : "")) {
                strbuf_printf(&sb, " (%zu)", c + 1);
                k = (size_t)-1; /* the new name again from the first column */
            }
        names[c] = sb.data ? sb.data : xstrdup("");
        S_str(x, ws, header, (lxw_col_t)c, names[c], x->header);
        double w = (double)strlen(names[c]) * 1.1 + 2;
        if (c < 32 && w > widths[c])
            widths[c] = w > 40 ? 40 : w;
    }
    for (size_t h = 0; h < nhelpers; h++) {
        strbuf_t sb = {0};
        if (helpers[h].has_target) {
            strbuf_printf(&sb, "%s: target", t->headers[helpers[h].col]);
            S_str(x, ws, header, helpers[h].target_at, sb.data, x->helper_header);
            strbuf_reset(&sb);
            if (helpers[h].target_at < 32)
                widths[helpers[h].target_at] = 14;
        }
        strbuf_printf(&sb, "%s: amber", t->headers[helpers[h].col]);
        S_str(x, ws, header, helpers[h].amber_at, sb.data, x->helper_header);
        strbuf_clear(&sb);
        if (helpers[h].amber_at < 32)
            widths[helpers[h].amber_at] = 14;
    }
    return names;
}

/* A status text that follows the value, its target and its amber threshold in the workbook
 * (the same cells the conditional formats read): a formula. */
static void S_status_cell(xl_t *x, lxw_worksheet *ws, const report_table_t *t, size_t r,
                          lxw_row_t row, lxw_col_t col, const judged_col_t *helper)
{
    const report_cell_t *cell = &t->cells[r * t->ncols + col];
    const report_cell_t *vc = &t->cells[r * t->ncols + (size_t)cell->status_of];
    char v[32], tg[32], a[32], f[400];
    S_cell_ref(v, row, (lxw_col_t)cell->status_of);
    S_cell_ref(tg, row, (lxw_col_t)vc->target_col);
    const char *ge = vc->rag_lower ? "<=" : ">=";
    if (!num_shown(vc->rag_amber) || !helper) {
        snprintf(f, sizeof f,
                 "=IF(AND(ISNUMBER(%s),ISNUMBER(%s)),IF(%s%s%s,\"on target\",\"off "
                 "target\"),\"\")",
                 v, tg, v, ge, tg);
    } else {
        S_cell_ref(a, row, helper->amber_at);
        snprintf(f, sizeof f,
                 "=IF(AND(ISNUMBER(%s),ISNUMBER(%s)),IF(%s%s%s,\"on target\",IF(AND(ISNUMBER(%s),"
                 "%s%s%s),\"watch\",\"off target\")),\"\")",
                 v, tg, v, ge, tg, a, v, ge, a);
    }
    strbuf_t sb = {0};
    S_check(x, worksheet_write_formula_str(ws, row, col, f, NULL,
                                           S_clean(x, &sb, cell->text ? cell->text : "")));
    strbuf_clear(&sb);
}

/* A number cell; a judged cell is coloured by conditional formats, others keep their mark. */
static void S_number_cell(xl_t *x, lxw_worksheet *ws, const report_cell_t *cell, lxw_row_t row,
                          lxw_col_t col)
{
    lxw_format *f =
        cell->rag && !cell->judged ? S_marked_format(x, cell) : S_number_format(x, cell);
    S_number(x, ws, row, col, cell->number, f);
}

/* Row r of a table: its cells, the conditional formats of its judged cells and its helper
 * cells (the target and the amber threshold, editable). */
/* Whether column c's values are marked by conditional formats (report_value_mark_t). */
static int S_marked(const report_table_t *t, size_t c)
{
    for (size_t m = 0; m < t->nvalue_marks; m++)
        if (t->value_marks[m].col == c)
            return 1;
    return 0;
}

static void S_row(xl_t *x, lxw_worksheet *ws, const report_table_t *t, size_t r, lxw_row_t row,
                  const judged_col_t *helpers, size_t nhelpers, double *widths)
{
    for (size_t c = 0; c < t->ncols; c++) {
        const report_cell_t *cell = &t->cells[r * t->ncols + c];
        lxw_col_t col = (lxw_col_t)c;
        double w = 8;
        if (cell->type == CELL_TEXT && cell->status_of >= 0) {
            S_status_cell(x, ws, t, r, row, col,
                          S_helper_of(helpers, nhelpers, (size_t)cell->status_of));
            w = 12;
        } else if (cell->type == CELL_TEXT) {
            /* a marked column is coloured by its conditional formats, not a fixed fill */
            S_str(x, ws, row, col, cell->text,
                  cell->rag && !S_marked(t, c) ? x->rag[cell->rag] : NULL);
            w = (double)strlen(cell->text ? cell->text : "") * 1.05 + 2;
        } else if (cell->type == CELL_EMPTY) {
            continue;
        } else if (num_shown(cell->number)) {
            S_number_cell(x, ws, cell, row, col);
            w = 12;
        } else {
            S_check(x, worksheet_write_string(ws, row, col, "n/a", NULL));
        }
        if (cell->judged && cell->type != CELL_TEXT) {
            const judged_col_t *h = S_helper_of(helpers, nhelpers, c);
            if (cell->target_col >= 0)
                S_rag_formats(x, ws, row, col, cell, row, (lxw_col_t)cell->target_col,
                              h && num_shown(cell->rag_amber), h ? h->amber_at : 0);
            else if (h)
                S_rag_formats(x, ws, row, col, cell, row, h->target_at, num_shown(cell->rag_amber),
                              h->amber_at);
        }
        if (c < 32 && w > widths[c])
            widths[c] = w > 60 ? 60 : w;
    }
    for (size_t h = 0; h < nhelpers; h++) {
        const report_cell_t *cell = &t->cells[r * t->ncols + helpers[h].col];
        if (!cell->judged)
            continue;
        if (helpers[h].has_target)
            S_number(x, ws, row, helpers[h].target_at, cell->rag_target, x->helper);
        if (num_shown(cell->rag_amber))
            S_number(x, ws, row, helpers[h].amber_at, cell->rag_amber, x->helper);
    }
}

/* Writes a table at *row (its title, header and rows); returns the header row. */
static lxw_row_t S_table(xl_t *x, lxw_worksheet *ws, const report_table_t *t, lxw_row_t *row,
                         double *widths)
{
    if (t->title)
        S_str(x, ws, (*row)++, 0, t->title, x->subtitle);
    lxw_row_t header = *row;
    judged_col_t helpers[16];
    size_t nhelpers = S_helpers(t, helpers);
    char **names = S_header(x, ws, t, header, helpers, nhelpers, widths);
    (*row)++;
    for (size_t r = 0; r < t->nrows; r++, (*row)++)
        S_row(x, ws, t, r, *row, helpers, nhelpers, widths);
    lxw_row_t last = *row - 1;
    for (size_t m = 0; m < t->nvalue_marks && t->nrows > 0; m++) {
        const report_value_mark_t *vm = &t->value_marks[m];
        char quoted[80];
        snprintf(quoted, sizeof quoted, "\"%s\"", vm->value);
        lxw_conditional_format cf = {0};
        cf.type = LXW_CONDITIONAL_TYPE_CELL;
        cf.criteria = LXW_CONDITIONAL_CRITERIA_EQUAL_TO;
        cf.value_string = quoted;
        cf.format = x->rag[vm->rag];
        S_check(x, worksheet_conditional_format_range(ws, header + 1, (lxw_col_t)vm->col, last,
                                                      (lxw_col_t)vm->col, &cf));
    }
    if (t->nrows > 0 && t->ncols > 0) {
        /* the sections' sheets are always in memory: only ticket sheets may not be */
        S_add_table(x, ws, header, last, t->ncols, names);
    }
    for (size_t c = 0; c < t->ncols; c++)
        free(names[c]);
    free(names);
    (*row)++;
    return header;
}

/*
 * A heat map has no native Excel chart: it is written as the grid the PDF draws (a row per
 * series, a cell per category) with a red–amber–green colour scale over the values, and, when
 * its cells carry labels, the same grid of labels below it.
 */
static void S_heatmap_grid(xl_t *x, lxw_worksheet *ws, const chart_spec_t *spec,
                           lxw_row_t *data_row)
{
    lxw_row_t top = *data_row;
    S_str(x, ws, top, 0, spec->title, x->subtitle);
    S_str(x, ws, top + 1, 0, "", x->header);
    for (size_t j = 0; j < spec->ncat; j++)
        S_str(x, ws, top + 1, 1 + (lxw_col_t)j, spec->categories[j], x->header);
    for (size_t s = 0; s < spec->nseries; s++) {
        lxw_row_t rr = top + 2 + (lxw_row_t)s;
        S_str(x, ws, rr, 0, spec->series[s].name, NULL);
        for (size_t j = 0; j < spec->ncat; j++) {
            double v = spec->series[s].values[j];
            if (num_shown(v))
                S_number(x, ws, rr, 1 + (lxw_col_t)j, v, x->number[0]);
        }
    }
    if (spec->ncat && spec->nseries) {
        lxw_conditional_format cf = {0};
        cf.type = LXW_CONDITIONAL_3_COLOR_SCALE;
        cf.min_rule_type = LXW_CONDITIONAL_RULE_TYPE_NUMBER;
        cf.min_value = num_shown(spec->y_min) ? spec->y_min : 0;
        cf.mid_rule_type = LXW_CONDITIONAL_RULE_TYPE_NUMBER;
        cf.mid_value = ((num_shown(spec->y_min) ? spec->y_min : 0) +
                        (num_shown(spec->y_max) ? spec->y_max : 5)) /
                       2;
        cf.max_rule_type = LXW_CONDITIONAL_RULE_TYPE_NUMBER;
        cf.max_value = num_shown(spec->y_max) ? spec->y_max : 5;
        cf.min_color = 0xF8696B; /* Excel's own red–yellow–green scale */
        cf.mid_color = 0xFFEB84;
        cf.max_color = 0x63BE7B;
        S_check(x, worksheet_conditional_format_range(ws, top + 2, 1,
                                                      top + 1 + (lxw_row_t)spec->nseries,
                                                      (lxw_col_t)spec->ncat, &cf));
    }
    lxw_row_t next = top + 3 + (lxw_row_t)spec->nseries;
    if (spec->cell_labels) {
        S_str(x, ws, next, 0, "The items in those cells", x->header);
        for (size_t s = 0; s < spec->nseries; s++) {
            lxw_row_t rr = next + 1 + (lxw_row_t)s;
            S_str(x, ws, rr, 0, spec->series[s].name, NULL);
            for (size_t j = 0; j < spec->ncat; j++)
                if (spec->cell_labels[s * spec->ncat + j])
                    S_str(x, ws, rr, 1 + (lxw_col_t)j, spec->cell_labels[s * spec->ncat + j], NULL);
        }
        next += 2 + (lxw_row_t)spec->nseries;
    }
    *data_row = next;
}

/* The decimals a chart's percentages are shown with: the spec's, else one. */
static int S_chart_decimals(const chart_spec_t *spec)
{
    return spec->value_decimals > 0 && spec->value_decimals <= 3 ? spec->value_decimals : 1;
}

/*
 * The risk matrix has no native Excel chart either: the grid of risk counts, likelihood down
 * (5 at the top) and impact across, each cell filled with its rating's band, and below it the
 * grid of the risks' ids.
 */
static void S_risk_grid(xl_t *x, lxw_worksheet *ws, const chart_spec_t *spec, lxw_row_t *data_row)
{
    lxw_row_t top = *data_row;
    S_str(x, ws, top, 0, spec->title, x->subtitle);
    for (int part = 0; part < 2; part++) {
        lxw_row_t head = top + 1 + (lxw_row_t)part * (lxw_row_t)(spec->nseries + 2);
        S_str(x, ws, head, 0, part ? "Risks in the cell" : "Likelihood \\ impact", x->header);
        for (size_t j = 0; j < spec->ncat; j++)
            S_str(x, ws, head, 1 + (lxw_col_t)j, spec->categories[j], x->header);
        for (size_t s = 0; s < spec->nseries; s++) {
            lxw_row_t rr = head + 1 + (lxw_row_t)s;
            S_str(x, ws, rr, 0, spec->series[s].name, NULL);
            for (size_t j = 0; j < spec->ncat; j++) {
                double rating = (double)(spec->nseries - s) * (double)(j + 1);
                rag_t band = rating >= spec->band_hi   ? RAG_RED
                             : rating >= spec->band_lo ? RAG_AMBER
                                                       : RAG_GREEN;
                const char *label =
                    spec->cell_labels ? spec->cell_labels[s * spec->ncat + j] : NULL;
                if (part)
                    S_str(x, ws, rr, 1 + (lxw_col_t)j, label ? label : "", x->rag[band]);
                else
                    S_number(x, ws, rr, 1 + (lxw_col_t)j, spec->series[s].values[j], x->rag[band]);
            }
        }
    }
    *data_row = top + 2 * (lxw_row_t)(spec->nseries + 2) + 1;
}

/* A chart's data as a small table at row top (title, header, a row per category), the target
 * in a column of its own where there is one. Returns whether there is. */
static int S_chart_data(xl_t *x, lxw_worksheet *ws, const chart_spec_t *spec, lxw_row_t top)
{
    const lxw_col_t c0 = 0;
    S_str(x, ws, top, c0, spec->title, x->subtitle);
    S_str(x, ws, top + 1, c0, spec->kind == CHART_HEATMAP ? "" : "Category", x->header);
    for (size_t s = 0; s < spec->nseries; s++)
        S_str(x, ws, top + 1, c0 + 1 + (lxw_col_t)s, spec->series[s].name, x->header);
    int with_target = (num_shown(spec->target) || spec->cat_targets) && spec->kind != CHART_DONUT &&
                      spec->kind != CHART_HEATMAP;
    if (with_target)
        S_str(x, ws, top + 1, c0 + 1 + (lxw_col_t)spec->nseries,
              spec->target_label ? spec->target_label : "Target", x->header);
    for (size_t j = 0; j < spec->ncat; j++) {
        lxw_row_t rr = top + 2 + (lxw_row_t)j;
        S_str(x, ws, rr, c0, spec->categories[j], NULL);
        for (size_t s = 0; s < spec->nseries; s++) {
            double v = spec->series[s].values[j];
            if (num_shown(v))
                S_number(x, ws, rr, c0 + 1 + (lxw_col_t)s, v,
                         spec->percent ? x->percent[S_chart_decimals(spec)] : x->number[1]);
        }
        double tv = spec->cat_targets ? spec->cat_targets[j] : spec->target;
        if (with_target && num_shown(tv))
            S_number(x, ws, rr, c0 + 1 + (lxw_col_t)spec->nseries, tv,
                     x->percent[S_chart_decimals(spec)]);
    }
    return with_target;
}

/* The native chart type of a chart kind (a heat map has none: 0). */
static uint8_t S_chart_type(chart_kind_t kind)
{
    switch (kind) {
    case CHART_LINE:
    case CHART_CUMULATIVE:
        return LXW_CHART_LINE;
    case CHART_STACKED_BAR:
        return LXW_CHART_COLUMN_STACKED;
    case CHART_DONUT:
        return LXW_CHART_DOUGHNUT;
    case CHART_RADAR:
        return LXW_CHART_RADAR;
    case CHART_TORNADO:
        return LXW_CHART_BAR;
    case CHART_HEATMAP:
    case CHART_RISK_MATRIX:
        return 0;
    default:
        return LXW_CHART_COLUMN;
    }
}

/* A theme colour as Excel's 0xRRGGBB. */
static lxw_color_t S_theme_color(theme_rgb_t c)
{
    double v[3] = {c.r, c.g, c.b};
    lxw_color_t out = 0;
    for (int k = 0; k < 3; k++) {
        double x = v[k] < 0 ? 0 : v[k] > 1 ? 1 : v[k];
        out = (out << 8) | (lxw_color_t)(x * 255.0 + 0.5);
    }
    return out;
}

/* Series s of a chart in the theme's palette, as the PDF's charts draw it. */
static void S_series_color(xl_t *x, lxw_chart_series *ser, uint8_t type, size_t s)
{
    const theme_t *th = &x->r->facts.cfg->look;
    if (!th->nseries)
        return;
    lxw_color_t c = S_theme_color(th->series[s % th->nseries]);
    lxw_chart_line line = {.color = c, .width = type == LXW_CHART_LINE ? 2.25 : 0.75};
    chart_series_set_line(ser, &line);
    if (type != LXW_CHART_LINE && type != LXW_CHART_RADAR) {
        lxw_chart_fill fill = {.color = c};
        chart_series_set_fill(ser, &fill);
    }
}

/* A doughnut's slices, one colour of the palette each, as the PDF's. */
static void S_point_colors(xl_t *x, lxw_chart_series *ser, size_t n)
{
    const theme_t *th = &x->r->facts.cfg->look;
    if (!th->nseries || !n)
        return;
    lxw_chart_fill *fills = xcalloc(n, sizeof *fills);
    lxw_chart_point *pts = xcalloc(n, sizeof *pts);
    lxw_chart_point **ptrs = xcalloc(n + 1, sizeof *ptrs);
    for (size_t j = 0; j < n; j++) {
        fills[j].color = S_theme_color(th->series[j % th->nseries]);
        pts[j].fill = &fills[j];
        ptrs[j] = &pts[j];
    }
    S_check(x, chart_series_set_points(ser, ptrs)); /* copied by libxlsxwriter */
    free(ptrs);
    free(pts);
    free(fills);
}

/* A series per column of the data in the theme's colours (the target last: a dashed line in
 * the theme's target colour, an outlined bar where a column chart needs one). */
static void S_chart_series(xl_t *x, lxw_chart *ch, uint8_t type, const char *sheet,
                           const chart_spec_t *spec, lxw_row_t top, size_t nser)
{
    const lxw_col_t c0 = 0;
    lxw_row_t first = top + 2, last = top + 1 + (lxw_row_t)spec->ncat;
    for (size_t s = 0; s < nser; s++) {
        lxw_chart_series *ser = chart_add_series(ch, NULL, NULL);
        if (!ser)
            continue;
        lxw_col_t vc = c0 + 1 + (lxw_col_t)s;
        chart_series_set_categories(ser, sheet, first, c0, last, c0);
        chart_series_set_values(ser, sheet, first, vc, last, vc);
        chart_series_set_name_range(ser, sheet, top + 1, vc);
        if (s < spec->nseries) {
            if (type == LXW_CHART_DOUGHNUT)
                S_point_colors(x, ser, spec->ncat);
            else
                S_series_color(x, ser, type, s);
        } else {
            lxw_chart_line line = {.color = S_theme_color(x->r->facts.cfg->look.target),
                                   .dash_type = LXW_CHART_LINE_DASH_DASH,
                                   .width = 1.5};
            chart_series_set_line(ser, &line);
            if (type != LXW_CHART_LINE) {
                lxw_chart_fill none = {.none = LXW_TRUE};
                chart_series_set_fill(ser, &none);
            } else {
                chart_series_set_marker_type(ser, LXW_CHART_MARKER_NONE);
            }
        }
    }
}

/* The value axis: its title and range (availability-style values all near 100 do not start
 * it at zero). */
static void S_chart_axis(lxw_chart *ch, uint8_t type, const chart_spec_t *spec)
{
    if (type == LXW_CHART_DOUGHNUT || type == LXW_CHART_RADAR)
        return;
    if (spec->y_title) {
        strbuf_t sb = {0};
        chart_axis_set_name(type == LXW_CHART_BAR ? ch->x_axis : ch->y_axis,
                            S_chart_name(&sb, spec->y_title));
        strbuf_clear(&sb);
    }
    if (num_shown(spec->y_min))
        chart_axis_set_min(ch->y_axis, spec->y_min);
    if (num_shown(spec->y_max))
        chart_axis_set_max(ch->y_axis, spec->y_max);
    if (spec->percent && !num_shown(spec->y_min)) {
        double mn = INFINITY;
        for (size_t s = 0; s < spec->nseries; s++)
            for (size_t j = 0; j < spec->ncat; j++)
                if (num_shown(spec->series[s].values[j]) && spec->series[s].values[j] < mn)
                    mn = spec->series[s].values[j];
        if (isfinite(mn) && mn > 90)
            chart_axis_set_min(ch->y_axis, floor(mn - 1));
    }
}

/* Writes a chart's data below the tables and inserts the native chart beside them. */
static void S_chart(xl_t *x, lxw_worksheet *ws, const char *sheet, const chart_spec_t *spec,
                    lxw_row_t *data_row, lxw_row_t *chart_row, lxw_col_t chart_col)
{
    lxw_row_t top = *data_row;
    if (spec->kind == CHART_HEATMAP) {
        S_heatmap_grid(x, ws, spec, data_row);
        return;
    }
    if (spec->kind == CHART_RISK_MATRIX) {
        S_risk_grid(x, ws, spec, data_row);
        return;
    }
    int with_target = S_chart_data(x, ws, spec, top);
    *data_row = top + 3 + (lxw_row_t)spec->ncat;
    uint8_t type = S_chart_type(spec->kind);
    if (spec->ncat == 0 || !type)
        return; /* no native heat map: the data stays in the sheet */
    lxw_chart *ch = workbook_add_chart(x->wb, type);
    if (!ch) {
        S_check(x, LXW_ERROR_MEMORY_MALLOC_FAILED);
        return;
    }
    size_t nser = spec->nseries + (with_target ? 1 : 0);
    S_chart_series(x, ch, type, sheet, spec, top, nser);
    strbuf_t sb = {0};
    chart_title_set_name(ch, S_chart_name(&sb, spec->title));
    strbuf_clear(&sb);
    S_chart_axis(ch, type, spec);
    chart_legend_set_position(ch, nser > 1 || type == LXW_CHART_DOUGHNUT ? LXW_CHART_LEGEND_BOTTOM
                                                                         : LXW_CHART_LEGEND_NONE);
    lxw_chart_options opt = {.x_scale = 1.3, .y_scale = 1.1};
    S_check(x, worksheet_insert_chart_opt(ws, *chart_row, chart_col, ch, &opt));
    *chart_row += 18;
}

static void S_section(xl_t *x, const report_section_t *sec)
{
    lxw_worksheet *ws = workbook_add_worksheet(x->wb, sec->sheet);
    if (!ws) {
        S_check(x, LXW_ERROR_SHEETNAME_ALREADY_USED);
        return;
    }
    S_title_block(x, ws, sec->title);
    double widths[32] = {0};
    widths[0] = 30;
    lxw_row_t row = 4;
    lxw_row_t first_header = 0;
    int have_header = 0;
    size_t widest = 0;
    /* rows are written in order, as constant-memory mode requires: the blocks, then the data
     * of the charts below them; the charts float to the right of the tables */
    for (size_t b = 0; b < sec->nblocks; b++) {
        const report_block_t *blk = &sec->blocks[b];
        if (blk->kind == BLOCK_TABLE) {
            lxw_row_t h = S_table(x, ws, blk->table, &row, widths);
            if (!have_header)
                first_header = h, have_header = 1;
            if (blk->table->ncols > widest)
                widest = blk->table->ncols;
        } else if (blk->kind != BLOCK_CHART) {
            S_str(x, ws, row++, 0, blk->text,
                  blk->kind == BLOCK_NOTE      ? x->note
                  : blk->kind == BLOCK_WARNING ? x->rag[RAG_RED]
                                               : NULL);
        }
    }
    if (have_header)
        worksheet_freeze_panes(ws, first_header + 1, 0);
    lxw_row_t data_row = row + 1, chart_row = 4;
    lxw_col_t chart_col = (lxw_col_t)(widest + 1 + 4); /* past the tables and their helpers */
    if (chart_col < 8)
        chart_col = 8;
    for (size_t b = 0; b < sec->nblocks; b++)
        if (sec->blocks[b].kind == BLOCK_CHART)
            S_chart(x, ws, sec->sheet, sec->blocks[b].chart, &data_row, &chart_row, chart_col);
    for (lxw_col_t c = 0; c < 16; c++)
        if (widths[c] > 0)
            S_check(x, worksheet_set_column(ws, c, c, widths[c] < 10 ? 10 : widths[c], NULL));
    /* tables with charts beside them are wider than tall: landscape, on one page */
    int charts = chart_row > 4;
    /* the audit samples are a list, and so is a long sheet without charts (a register of
     * many rows): as many pages as they take, landscape; nothing there for a break to cut */
    int list = !strcmp(sec->sheet, "Samples") || (!charts && row > 60);
    uint16_t tall = list ? 0 : 1;
    if (have_header)
        S_print(x, ws, list || charts || widest > 6, tall, first_header, first_header);
    else
        S_print(x, ws, list || charts || widest > 6, tall, 1, 0);
}

/* Says on the ticket sheet how many texts were too long for Excel. */
static void S_note_cut(xl_t *x)
{
    lxw_worksheet *ws = workbook_get_worksheet_by_name(x->wb, "Data quality");
    if (!ws)
        return;
    char buf[160];
    snprintf(buf, sizeof buf,
             "%zu text cell%s longer than Excel's 32,767 characters: cut and "
             "marked \"[…cut]\".",
             x->cut_strings, x->cut_strings == 1 ? " was" : "s were");
    S_check(x, worksheet_write_string(ws, 3, 0, buf, x->note));
}

static double S_excel_time(const tz_t *tz, ts_t t)
{
    return (double)tz_utc_to_local(tz, t) / 86400.0 + 25569.0;
}

/* ---- the ROI sheet: a live model of docs/metrics.md §12 in formulas ---- */

static void S_ref(char *buf, lxw_row_t row, lxw_col_t col)
{
    lxw_rowcol_to_cell(buf, row, col);
}

static void S_formula(xl_t *x, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col, const char *f,
                      lxw_format *fmt, double cached)
{
    if (!num_shown(cached))
        S_check(x, worksheet_write_formula_str(ws, row, col, f, fmt, ""));
    else
        S_check(x, worksheet_write_formula_num(ws, row, col, f, fmt, cached));
}

/* The ROI sheet being written: its formats, and the cells the later steps refer to. */
typedef struct roi_sheet {
    xl_t *x;
    lxw_worksheet *ws;
    const char *sheet;
    const report_facts_t *f;
    const roi_result_t *ro;
    const roi_assumptions_t *a;
    int n; /* the horizon in years */
    lxw_format *input, *input_pct, *money, *money_bold, *bold;
    lxw_row_t row;        /* the next row to write */
    char rate[16];        /* the discount rate's cell */
    lxw_row_t cost_total; /* the row of the costs' totals by year */
    char total[16];       /* the total annual benefit's cell */
    lxw_row_t ramp_row, ben_row, cost_row, net_row, cum_row;
    lxw_row_t sens_first; /* the first sensitivity row */
    lxw_row_t line_first; /* the first benefit line's row */
    char npv[16];         /* the NPV's cell */
} roi_sheet_t;

/* The input cells (yellow, unlocked) and the money formats in the configured currency. */
/* An input cell's format: yellow, outlined, unlocked (the sheet is protected). */
static lxw_format *S_input_format(xl_t *x, const char *num_format)
{
    lxw_format *f = workbook_add_format(x->wb);
    format_set_bg_color(f, 0xFFF2CC);
    format_set_border(f, LXW_BORDER_THIN);
    format_set_border_color(f, 0xBF9000);
    format_set_unlocked(f);
    format_set_num_format(f, num_format);
    return f;
}

static void S_roi_formats(roi_sheet_t *rs)
{
    xl_t *x = rs->x;
    rs->input = S_input_format(x, "#,##0.00");
    rs->input_pct = S_input_format(x, "0.0%");
    /* money in the configured currency; the currency code is text in the format, so quote it */
    char money_fmt[64];
    char cur[8];
    size_t cl = 0;
    for (const char *c = rs->a->currency; *c && cl < sizeof cur - 1; c++)
        if ((*c >= 'A' && *c <= 'Z') || (*c >= 'a' && *c <= 'z'))
            cur[cl++] = *c;
    cur[cl] = '\0';
    snprintf(money_fmt, sizeof money_fmt, "#,##0.00 \"%s\";-#,##0.00 \"%s\"", cur, cur);
    rs->money = workbook_add_format(x->wb);
    format_set_num_format(rs->money, money_fmt);
    rs->money_bold = workbook_add_format(x->wb);
    format_set_num_format(rs->money_bold, money_fmt);
    format_set_bold(rs->money_bold);
    rs->bold = workbook_add_format(x->wb);
    format_set_bold(rs->bold);
}

/* A header row "<label>, Year 0 … Year N". */
static void S_roi_years(roi_sheet_t *rs, const char *label)
{
    S_str(rs->x, rs->ws, rs->row, 0, label, rs->x->header);
    for (int t = 0; t <= rs->n; t++) {
        char h[16];
        snprintf(h, sizeof h, "Year %d", t);
        S_str(rs->x, rs->ws, rs->row, (lxw_col_t)(1 + t), h, rs->x->header);
    }
    rs->row++;
}

/* "=SUM(first:last)" over a column, or "=0" for no rows. */
static void S_sum(char *fbuf, size_t n, lxw_row_t first, lxw_row_t last, lxw_col_t col)
{
    if (last < first) {
        snprintf(fbuf, n, "=0");
        return;
    }
    char c1[16], c2[16];
    S_ref(c1, first, col);
    S_ref(c2, last, col);
    snprintf(fbuf, n, "=SUM(%s:%s)", c1, c2);
}

/* A cost item's label ("Initial: consultancy") in the first column of the current row. */
static void S_cost_label(roi_sheet_t *rs, const char *kind, const char *name)
{
    strbuf_t sb = {0};
    strbuf_printf(&sb, "%s: %s", kind, name);
    S_str(rs->x, rs->ws, rs->row, 0, sb.data, NULL);
    strbuf_clear(&sb);
}

/* The discount rate and currency, then the costs: items × years and their totals. */
static void S_roi_costs(roi_sheet_t *rs)
{
    xl_t *x = rs->x;
    lxw_worksheet *ws = rs->ws;
    S_str(x, ws, rs->row, 0, "Discount rate", rs->bold);
    const roi_assumptions_t *a = rs->a;
    S_number(x, ws, rs->row, 1, a->discount_rate, rs->input_pct);
    lxw_rowcol_to_cell_abs(rs->rate, rs->row, 1, 1, 1);
    rs->row++;
    S_str(x, ws, rs->row, 0, "Currency", rs->bold);
    S_str(x, ws, rs->row++, 1, a->currency, NULL);
    rs->row++;
    S_roi_years(rs, "Costs");
    lxw_row_t cost_first = rs->row;
    for (size_t i = 0; i < a->ninitial; i++, rs->row++) {
        S_cost_label(rs, "Initial", a->initial[i].name);
        S_number(x, ws, rs->row, 1, a->initial[i].value, rs->input);
    }
    for (size_t i = 0; i < a->nannual; i++, rs->row++) {
        S_cost_label(rs, "Annual", a->annual[i].name);
        for (int t = 1; t <= rs->n; t++)
            S_number(x, ws, rs->row, (lxw_col_t)(1 + t), a->annual[i].value, rs->input);
    }
    lxw_row_t cost_last = rs->row - 1;
    rs->cost_total = rs->row;
    S_str(x, ws, rs->row, 0, "Costs (total)", rs->bold);
    char fbuf[64];
    for (int t = 0; t <= rs->n; t++) {
        S_sum(fbuf, sizeof fbuf, cost_first, cost_last, (lxw_col_t)(1 + t));
        S_formula(x, ws, rs->row, (lxw_col_t)(1 + t), fbuf, rs->money_bold, rs->ro->costs[t]);
    }
    rs->row += 2;
}

/* One benefit line: its inputs and its annual value before and after risk, as formulas. */
static void S_roi_line(roi_sheet_t *rs, const roi_line_t *l, double bdays, double cdays)
{
    xl_t *x = rs->x;
    lxw_worksheet *ws = rs->ws;
    lxw_row_t row = rs->row;
    char fbuf[2048];
    S_str(x, ws, row, 0, l->name, NULL);
    char b[16], bd[16], c[16], cd[16], u[16], rk[16], h[16];
    S_ref(b, row, 1);
    S_ref(bd, row, 2);
    S_ref(c, row, 3);
    S_ref(cd, row, 4);
    S_ref(u, row, 5);
    S_ref(rk, row, 6);
    S_ref(h, row, 7);
    if (l->measured) {
        S_number(x, ws, row, 1, l->baseline, rs->input);
        S_number(x, ws, row, 2, bdays, rs->input);
        /* a measure the period's data cannot give is an empty input: the line and every total
         * that needs it are #N/A, as the JSON's are null */
        if (num_shown(l->current))
            S_number(x, ws, row, 3, l->current, rs->input);
        else
            S_check(x, worksheet_write_blank(ws, row, 3, rs->input));
        S_number(x, ws, row, 4, cdays, rs->input);
        S_number(x, ws, row, 5, l->unit, rs->input);
        snprintf(fbuf, sizeof fbuf, "=IF(ISNUMBER(%s),(%s*365.25/%s-%s*365.25/%s)*%s,NA())", c, b,
                 bd, c, cd, u);
    } else {
        S_number(x, ws, row, 5, l->value, rs->input);
        snprintf(fbuf, sizeof fbuf, "=%s", u);
    }
    S_number(x, ws, row, 6, l->risk, rs->input_pct);
    S_formula(x, ws, row, 7, fbuf, rs->money, l->value);
    snprintf(fbuf, sizeof fbuf, "=IF(%s>0,%s*(1-%s),%s)", h, h, rk, h); /* a loss stays whole */
    S_formula(x, ws, row, 8, fbuf, rs->money, l->adjusted);
}

/* The benefit lines and their risk-adjusted total. */
static void S_roi_lines(roi_sheet_t *rs)
{
    xl_t *x = rs->x;
    const roi_result_t *ro = rs->ro;
    char fbuf[64];
    static const char *const bh[] = {
        "Benefit line",    "Baseline measure",      "Baseline period (days)",
        "Current measure", "Current period (days)", "Unit value",
        "Risk adjustment", "Annual value",          "Risk-adjusted"};
    for (int c = 0; c < 9; c++)
        S_str(x, rs->ws, rs->row, (lxw_col_t)c, bh[c], x->header);
    rs->row++;
    lxw_row_t line_first = rs->row;
    rs->line_first = line_first;
    double bdays = rs->f->roi_baseline ? rs->f->roi_baseline->seconds / 86400.0 : 365.25;
    double cdays = rs->f->roi_current ? rs->f->roi_current->seconds / 86400.0 : 365.25;
    for (size_t i = 0; i < ro->nlines; i++, rs->row++)
        S_roi_line(rs, &ro->lines[i], bdays, cdays);
    lxw_row_t line_last = rs->row - 1;
    S_str(x, rs->ws, rs->row, 0, "Total annual benefit (risk-adjusted)", rs->bold);
    double total_v = 0;
    for (size_t i = 0; i < ro->nlines; i++)
        total_v += ro->lines[i].adjusted;
    S_sum(fbuf, sizeof fbuf, line_first, line_last, 8);
    S_formula(x, rs->ws, rs->row, 8, fbuf, rs->money_bold, total_v);
    lxw_rowcol_to_cell_abs(rs->total, rs->row, 8, 1, 1);
    rs->row += 2;
}

/* The ramp and the cash flow by year: benefits, costs, net and cumulative, as formulas (rows
 * are written in that order). */
static void S_roi_cashflow(roi_sheet_t *rs)
{
    xl_t *x = rs->x;
    lxw_worksheet *ws = rs->ws;
    const roi_result_t *ro = rs->ro;
    const int n = rs->n;
    char c1[16], c2[16], fbuf[2048];
    S_roi_years(rs, "Cash flow");
    rs->ramp_row = rs->row, rs->ben_row = rs->row + 1, rs->cost_row = rs->row + 2;
    rs->net_row = rs->row + 3, rs->cum_row = rs->row + 4;
    S_str(x, ws, rs->ramp_row, 0, "Ramp (share of the full benefit)", NULL);
    for (int t = 1; t <= n; t++)
        S_number(x, ws, rs->ramp_row, (lxw_col_t)(1 + t), rs->a->ramp[t - 1], rs->input_pct);
    S_str(x, ws, rs->ben_row, 0, "Benefits", rs->bold);
    S_str(x, ws, rs->cost_row, 0, "Costs", rs->bold);
    S_str(x, ws, rs->net_row, 0, "Net cash flow", rs->bold);
    S_str(x, ws, rs->cum_row, 0, "Cumulative", rs->bold);
    S_formula(x, ws, rs->ben_row, 1, "=0", rs->money, 0);
    for (int t = 1; t <= n; t++) {
        S_ref(c1, rs->ramp_row, (lxw_col_t)(1 + t));
        snprintf(fbuf, sizeof fbuf, "=%s*%s", c1, rs->total);
        S_formula(x, ws, rs->ben_row, (lxw_col_t)(1 + t), fbuf, rs->money, ro->benefits[t]);
    }
    for (int t = 0; t <= n; t++) {
        S_ref(c1, rs->cost_total, (lxw_col_t)(1 + t));
        snprintf(fbuf, sizeof fbuf, "=%s", c1);
        S_formula(x, ws, rs->cost_row, (lxw_col_t)(1 + t), fbuf, rs->money, ro->costs[t]);
    }
    for (int t = 0; t <= n; t++) {
        S_ref(c1, rs->ben_row, (lxw_col_t)(1 + t));
        S_ref(c2, rs->cost_row, (lxw_col_t)(1 + t));
        snprintf(fbuf, sizeof fbuf, "=%s-%s", c1, c2);
        S_formula(x, ws, rs->net_row, (lxw_col_t)(1 + t), fbuf, rs->money,
                  ro->benefits[t] - ro->costs[t]);
    }
    double cum = 0;
    for (int t = 0; t <= n; t++) {
        cum += ro->benefits[t] - ro->costs[t];
        S_ref(c1, rs->net_row, (lxw_col_t)(1 + t));
        if (t == 0) {
            snprintf(fbuf, sizeof fbuf, "=%s", c1);
        } else {
            S_ref(c2, rs->cum_row, (lxw_col_t)t);
            snprintf(fbuf, sizeof fbuf, "=%s+%s", c2, c1);
        }
        S_formula(x, ws, rs->cum_row, (lxw_col_t)(1 + t), fbuf, rs->money, cum);
    }
    rs->row = rs->cum_row + 2;
}

/* Payback: the first year whose cumulative cash flow reaches 0, interpolated within it. */
static void S_roi_payback(roi_sheet_t *rs)
{
    strbuf_t pb = {0};
    char cz[16];
    S_ref(cz, rs->cum_row, 1);
    strbuf_printf(&pb, "=IF(%s>=0,0,", cz);
    for (int t = 1; t <= rs->n; t++) {
        char ct[16], cp[16], nt[16];
        S_ref(ct, rs->cum_row, (lxw_col_t)(1 + t));
        S_ref(cp, rs->cum_row, (lxw_col_t)t);
        S_ref(nt, rs->net_row, (lxw_col_t)(1 + t));
        strbuf_printf(&pb, "IF(AND(%s>0,%s>=0),%d+12*(-%s)/%s,", nt, ct, 12 * (t - 1), cp, nt);
    }
    strbuf_puts(&pb, "\"\"");
    for (int t = 0; t <= rs->n; t++)
        strbuf_putc(&pb, ')');
    S_str(rs->x, rs->ws, rs->row, 0, "Payback (months)", rs->bold);
    S_formula(rs->x, rs->ws, rs->row, 1, pb.data, rs->x->number[1], rs->ro->payback_months);
    strbuf_clear(&pb);
    rs->row++;
}

/* The cells of one cash-flow row that the formulas name: year 0, year 1 and the last year. */
typedef struct flow_cells {
    char y0[16], y1[16], last[16];
} flow_cells_t;

static flow_cells_t S_flow_cells(const roi_sheet_t *rs, lxw_row_t row)
{
    flow_cells_t c;
    S_ref(c.y0, row, 1);
    S_ref(c.y1, row, 2);
    S_ref(c.last, row, (lxw_col_t)(1 + rs->n));
    return c;
}

/* The results as formulas over the cash flow: PV of benefits and costs, NPV, ROI, payback,
 * IRR. */
static void S_roi_results(roi_sheet_t *rs)
{
    xl_t *x = rs->x;
    lxw_worksheet *ws = rs->ws;
    const roi_result_t *ro = rs->ro;
    char fbuf[2048], pvb[16], pvc[16], npv[16];
    flow_cells_t b = S_flow_cells(rs, rs->ben_row), k = S_flow_cells(rs, rs->cost_row);
    flow_cells_t net = S_flow_cells(rs, rs->net_row);
    S_str(x, ws, rs->row, 0, "PV of benefits", rs->bold);
    /* Excel's NPV discounts its first value: year 0 is added outside it */
    snprintf(fbuf, sizeof fbuf, "=%s+NPV(%s,%s:%s)", b.y0, rs->rate, b.y1, b.last);
    S_formula(x, ws, rs->row, 1, fbuf, rs->money_bold, ro->pv_benefits);
    S_ref(pvb, rs->row, 1);
    rs->row++;
    S_str(x, ws, rs->row, 0, "PV of costs", rs->bold);
    snprintf(fbuf, sizeof fbuf, "=%s+NPV(%s,%s:%s)", k.y0, rs->rate, k.y1, k.last);
    S_formula(x, ws, rs->row, 1, fbuf, rs->money_bold, ro->pv_costs);
    S_ref(pvc, rs->row, 1);
    rs->row++;
    S_str(x, ws, rs->row, 0, "NPV", rs->bold);
    snprintf(fbuf, sizeof fbuf, "=%s-%s", pvb, pvc);
    S_formula(x, ws, rs->row, 1, fbuf, rs->money_bold, ro->npv);
    S_ref(npv, rs->row, 1);
    lxw_rowcol_to_cell_abs(rs->npv, rs->row, 1, 1, 1);
    rs->row++;
    S_str(x, ws, rs->row, 0, "ROI %", rs->bold);
    snprintf(fbuf, sizeof fbuf, "=IF(%s>0,100*%s/%s,\"\")", pvc, npv, pvc);
    S_formula(x, ws, rs->row, 1, fbuf, x->number[2], ro->roi_pct);
    rs->row++;
    S_roi_payback(rs);
    S_str(x, ws, rs->row, 0, "IRR", rs->bold);
    snprintf(fbuf, sizeof fbuf, "=IFERROR(IRR(%s:%s),\"\")", net.y0, net.last);
    S_formula(x, ws, rs->row, 1, fbuf, x->fraction, isnan(ro->irr) ? NAN : ro->irr);
    rs->row += 2;
}

/* The adjusted-benefit cells of the lines an assumption scales ("+I20+I21"), empty when it
 * scales none: the downtime lines for the downtime cost, "incidents", "breaches", or the named
 * benefit of that name. */
static void S_roi_lines_of(const roi_sheet_t *rs, const char *assumption, strbuf_t *sb)
{
    for (size_t i = 0; i < rs->ro->nlines; i++) {
        const roi_line_t *l = &rs->ro->lines[i];
        int hit;
        if (!strcmp(assumption, "downtime cost per hour"))
            hit = l->measured && !strncmp(l->name, "downtime", 8);
        else if (!strcmp(assumption, "cost per incident"))
            hit = l->measured && !strcmp(l->name, "incidents");
        else if (!strcmp(assumption, "cost per breach"))
            hit = l->measured && !strcmp(l->name, "breaches");
        else
            hit = !l->measured && !strcmp(l->name, assumption);
        if (hit) {
            char c[16];
            S_ref(c, rs->line_first + (lxw_row_t)i, 8);
            strbuf_printf(sb, "+%s", c);
        }
    }
}

/*
 * One sensitivity cell (column 1: −20 %, 2: +20 %) as a formula over the live model: NPV is
 * linear in every assumption but the discount rate, so scaling one by f moves it by (f − 1)
 * times that assumption's present value; the discount rate re-discounts the cash-flow rows.
 * Agrees with roi_sensitivity, which recomputes the model (docs/metrics.md §12).
 */
static void S_roi_sensitivity_cell(roi_sheet_t *rs, const char *assumption, int col, double cached)
{
    const char *d = col == 1 ? "-0.2" : "0.2", *f = col == 1 ? "0.8" : "1.2";
    flow_cells_t b = S_flow_cells(rs, rs->ben_row), k = S_flow_cells(rs, rs->cost_row);
    flow_cells_t ramp = S_flow_cells(rs, rs->ramp_row);
    strbuf_t sb = {0};
    if (!strcmp(assumption, "discount rate")) {
        strbuf_printf(&sb, "=%s+NPV(%s*%s,%s:%s)-(%s+NPV(%s*%s,%s:%s))", b.y0, rs->rate, f, b.y1,
                      b.last, k.y0, rs->rate, f, k.y1, k.last);
    } else if (!strcmp(assumption, "initial costs")) {
        strbuf_printf(&sb, "=%s-(%s)*%s", rs->npv, d, k.y0); /* year 0 holds the initial costs */
    } else if (!strcmp(assumption, "annual costs")) {
        strbuf_printf(&sb, "=%s-(%s)*NPV(%s,%s:%s)", rs->npv, d, rs->rate, k.y1, k.last);
    } else {
        strbuf_t lines = {0};
        S_roi_lines_of(rs, assumption, &lines);
        /* a benefit line scaled by f > 0 keeps its sign, so its risk-adjusted value scales too */
        strbuf_printf(&sb, "=%s+(%s)*(0%s)*NPV(%s,%s:%s)", rs->npv, d, lines.len ? lines.data : "",
                      rs->rate, ramp.y1, ramp.last);
        strbuf_clear(&lines);
    }
    S_formula(rs->x, rs->ws, rs->row, (lxw_col_t)col, sb.data, rs->money, cached);
    strbuf_clear(&sb);
}

/* The scenarios and the sensitivity, as iso20k computed them (values, not formulas). */
static void S_roi_computed(roi_sheet_t *rs)
{
    xl_t *x = rs->x;
    lxw_worksheet *ws = rs->ws;
    const report_facts_t *f = rs->f;
    S_str(x, ws, rs->row++, 0, "Scenarios (computed by iso20k from the ROI assumptions)",
          x->subtitle);
    static const char *const sh[] = {"Scenario", "NPV", "ROI %", "Payback (months)", "IRR"};
    for (int c = 0; c < 5; c++)
        S_str(x, ws, rs->row, (lxw_col_t)c, sh[c], x->header);
    rs->row++;
    for (size_t i = 0; i <= f->nroi_scenarios; i++, rs->row++) {
        const roi_result_t *sc = i == 0 ? rs->ro : &f->roi_scenarios[i - 1];
        S_str(x, ws, rs->row, 0, sc->scenario, NULL);
        double v[4] = {sc->npv, sc->roi_pct, sc->payback_months, sc->irr};
        lxw_format *fm[4] = {rs->money, x->number[2], x->number[1], x->fraction};
        for (int c = 0; c < 4; c++)
            if (num_shown(v[c]))
                S_number(x, ws, rs->row, (lxw_col_t)(1 + c), v[c], fm[c]);
    }
    rs->row++;
    S_str(x, ws, rs->row++, 0,
          "Sensitivity of NPV to ±20 % on each assumption (live: it follows the inputs above)",
          x->subtitle);
    static const char *const th[] = {"Assumption", "NPV at −20 %", "NPV at +20 %"};
    for (int c = 0; c < 3; c++)
        S_str(x, ws, rs->row, (lxw_col_t)c, th[c], x->header);
    rs->row++;
    rs->sens_first = rs->row;
    for (size_t i = 0; i < f->nroi_sensitivity; i++, rs->row++) {
        const roi_sensitivity_t *sv = &f->roi_sensitivity[i];
        S_str(x, ws, rs->row, 0, sv->assumption, NULL);
        S_roi_sensitivity_cell(rs, sv->assumption, 1, sv->npv_low);
        S_roi_sensitivity_cell(rs, sv->assumption, 2, sv->npv_high);
    }
}

/* Native charts: the cumulative cash flow over the live row, and the sensitivity. */
static void S_roi_charts(roi_sheet_t *rs)
{
    xl_t *x = rs->x;
    const char *sheet = rs->sheet;
    lxw_chart *ch = workbook_add_chart(x->wb, LXW_CHART_LINE);
    if (ch) {
        lxw_chart_series *ser = chart_add_series(ch, NULL, NULL);
        chart_series_set_categories(ser, sheet, rs->cum_row - 5, 1, rs->cum_row - 5,
                                    (lxw_col_t)(1 + rs->n));
        chart_series_set_values(ser, sheet, rs->cum_row, 1, rs->cum_row, (lxw_col_t)(1 + rs->n));
        strbuf_t sb = {0};
        chart_series_set_name(ser, S_chart_name(&sb, "Cumulative net cash flow"));
        S_series_color(x, ser, LXW_CHART_LINE, 0);
        chart_title_set_name(ch, S_chart_name(&sb, "Cumulative cash flow"));
        chart_axis_set_name(ch->y_axis, S_chart_name(&sb, rs->a->currency));
        strbuf_clear(&sb);
        chart_legend_set_position(ch, LXW_CHART_LEGEND_NONE);
        lxw_chart_options opt = {.x_scale = 1.2, .y_scale = 1.0};
        S_check(x, worksheet_insert_chart_opt(rs->ws, 4, 11, ch, &opt));
    }
    if (!rs->f->nroi_sensitivity)
        return;
    lxw_chart *tc = workbook_add_chart(x->wb, LXW_CHART_BAR);
    if (!tc)
        return;
    for (int c = 1; c <= 2; c++) {
        lxw_chart_series *ser = chart_add_series(tc, NULL, NULL);
        chart_series_set_categories(ser, sheet, rs->sens_first, 0, rs->row - 1, 0);
        chart_series_set_values(ser, sheet, rs->sens_first, (lxw_col_t)c, rs->row - 1,
                                (lxw_col_t)c);
        chart_series_set_name_range(ser, sheet, rs->sens_first - 1, (lxw_col_t)c);
        S_series_color(x, ser, LXW_CHART_BAR, (size_t)(c - 1));
    }
    strbuf_t sb = {0};
    chart_title_set_name(tc, S_chart_name(&sb, "Sensitivity of NPV (±20 %)"));
    strbuf_clear(&sb);
    chart_legend_set_position(tc, LXW_CHART_LEGEND_BOTTOM);
    lxw_chart_options opt = {.x_scale = 1.2, .y_scale = 1.1};
    S_check(x, worksheet_insert_chart_opt(rs->ws, 22, 11, tc, &opt));
}

static void S_roi_sheet(xl_t *x, const report_section_t *sec)
{
    roi_sheet_t rs;
    memset(&rs, 0, sizeof rs);
    rs.x = x;
    rs.sheet = sec->sheet;
    rs.f = &x->r->facts;
    rs.ro = rs.f->roi;
    rs.a = &rs.f->cfg->roi_model->base;
    rs.n = rs.a->horizon_years;
    rs.ws = workbook_add_worksheet(x->wb, sec->sheet);
    if (!rs.ws) {
        S_check(x, LXW_ERROR_SHEETNAME_ALREADY_USED);
        return;
    }
    S_roi_formats(&rs);
    S_title_block(x, rs.ws, sec->title);
    rs.row = 4;
    S_str(x, rs.ws, rs.row++, 0,
          "A live model of docs/metrics.md §12: edit the yellow cells and every result below "
          "recalculates. The values shown before recalculation are iso20k's own.",
          x->note);
    rs.row++;
    S_roi_costs(&rs);
    S_roi_lines(&rs);
    S_roi_cashflow(&rs);
    S_roi_results(&rs);
    S_roi_computed(&rs);
    S_roi_charts(&rs);
    S_check(x, worksheet_set_column(rs.ws, 0, 0, 38, NULL));
    S_check(x, worksheet_set_column(rs.ws, 1, 9, 15, NULL));
    worksheet_freeze_panes(rs.ws, 4, 1);
    S_print(x, rs.ws, 1, 1, 1, 0);
    worksheet_protect(rs.ws, NULL, NULL); /* formulas locked; the yellow inputs stay editable */
}

/* A ticket sheet's rows 0..rows-1 become an Excel table, or get an autofilter in
 * constant-memory mode (where libxlsxwriter refuses tables). */
static void S_ticket_filter(xl_t *x, lxw_worksheet *ws, lxw_row_t rows, const char *const *hdr,
                            size_t ncols)
{
    if (x->constant_memory) {
        S_check(x, worksheet_autofilter(ws, 0, 0, rows - 1, (lxw_col_t)(ncols - 1)));
        return;
    }
    S_add_table(x, ws, 0, rows - 1, ncols, (char *const *)hdr);
}

static const char *const TICKET_COLUMNS[] = {"id",
                                             "kind",
                                             "service",
                                             "priority",
                                             "status",
                                             "opened_at",
                                             "first_response_at",
                                             "resolved_at",
                                             "closed_at",
                                             "group",
                                             "assignee",
                                             "channel",
                                             "reopen_count",
                                             "reassignment_count",
                                             "title",
                                             "source",
                                             "response_sla",
                                             "resolution_sla",
                                             "response_elapsed_minutes",
                                             "resolution_elapsed_minutes",
                                             "paused_minutes",
                                             "sla_target",
                                             "respond_target_minutes",
                                             "resolve_target_minutes"};
#define NTICKET_COLUMNS (sizeof TICKET_COLUMNS / sizeof TICKET_COLUMNS[0])
#define TICKET_COL_KIND 1
#define TICKET_COL_PRIORITY 3
#define TICKET_COL_RESPONSE_SLA 16 /* then resolution_sla, the minutes, the target */
#define TICKET_COL_TARGET 21

/* A ticket sheet ("Tickets", "Tickets 2", …) with its header row; NULL when it cannot be made.
 */
static lxw_worksheet *S_ticket_sheet(xl_t *x, int sheet_no, int columns)
{
    strbuf_t name = {0};
    if (sheet_no == 0)
        strbuf_puts(&name, "Tickets");
    else
        strbuf_printf(&name, "Tickets %d", sheet_no + 1);
    lxw_worksheet *ws = workbook_add_worksheet(x->wb, name.data);
    strbuf_clear(&name);
    if (!ws)
        return NULL;
    for (size_t c = 0; c < NTICKET_COLUMNS; c++)
        S_str(x, ws, 0, (lxw_col_t)c, TICKET_COLUMNS[c], x->header);
    worksheet_freeze_panes(ws, 1, 0);
    S_print(x, ws, 1, 0, 0, 0);
    if (columns) {
        S_check(x, worksheet_set_column(ws, 0, 0, 14, NULL));
        S_check(x, worksheet_set_column(ws, 5, 8, 17, NULL));
        S_check(x, worksheet_set_column(ws, 14, 14, 50, NULL));
        S_check(x, worksheet_set_column(ws, 16, 23, 14, NULL));
    }
    return ws;
}

/* The ticket's SLA outcome as metrics counted it (metrics_ticket_sla), columns 16..23. */
static void S_ticket_sla_cells(xl_t *x, lxw_worksheet *ws, lxw_row_t row, const ticket_t *t,
                               ticket_sla_t *out)
{
    const report_facts_t *f = &x->r->facts;
    metrics_ticket_sla(f->cfg, f->store, f->tz, &f->metrics->period, t, out);
    const ticket_sla_t o = *out;
    if (o.response != SLA_OUT_NONE)
        S_str(x, ws, row, TICKET_COL_RESPONSE_SLA, sla_outcome_names[o.response], NULL);
    if (o.resolution != SLA_OUT_NONE)
        S_str(x, ws, row, TICKET_COL_RESPONSE_SLA + 1, sla_outcome_names[o.resolution], NULL);
    int64_t secs[3] = {o.response_elapsed, o.resolution_elapsed, o.paused};
    for (int k = 0; k < 3; k++)
        if (secs[k] >= 0)
            S_check(x, worksheet_write_number(ws, row, (lxw_col_t)(TICKET_COL_RESPONSE_SLA + 2 + k),
                                              (double)secs[k] / 60.0, x->number[2]));
    if (!o.target)
        return;
    strbuf_t sb = {0};
    if (o.target->priority)
        strbuf_printf(&sb, "%s P%d (%s)", kind_names[o.target->kind], o.target->priority,
                      o.target->calendar);
    else
        strbuf_printf(&sb, "%s default (%s)", kind_names[o.target->kind], o.target->calendar);
    S_str(x, ws, row, TICKET_COL_RESPONSE_SLA + 5, sb.data, NULL);
    strbuf_clear(&sb);
    int64_t tg[2] = {o.target->respond, o.target->resolve};
    for (int k = 0; k < 2; k++)
        if (tg[k] >= 0)
            S_check(x, worksheet_write_number(ws, row, (lxw_col_t)(TICKET_COL_RESPONSE_SLA + 6 + k),
                                              (double)tg[k] / 60.0, x->number[2]));
}

/* One ticket's row; its SLA outcome into *o. */
static void S_ticket_row(xl_t *x, lxw_worksheet *ws, lxw_row_t row, const ticket_t *t,
                         ticket_sla_t *o)
{
    const report_facts_t *f = &x->r->facts;
    S_str(x, ws, row, 0, t->id, NULL);
    S_str(x, ws, row, 1, kind_names[t->kind], NULL);
    S_str(x, ws, row, 2, t->service, NULL);
    if (t->priority)
        S_number(x, ws, row, 3, t->priority, NULL);
    if (t->status >= 0)
        S_str(x, ws, row, 4, ticket_status_names[t->status], NULL);
    ts_t times[4] = {t->opened, t->first_response, t->resolved, t->closed};
    for (int k = 0; k < 4; k++)
        if (times[k] != TS_NONE)
            S_number(x, ws, row, (lxw_col_t)(5 + k), S_excel_time(f->tz, times[k]), x->date);
    S_str(x, ws, row, 9, t->group, NULL);
    S_str(x, ws, row, 10, t->assignee, NULL);
    S_str(x, ws, row, 11, t->channel, NULL);
    if (t->reopen_count >= 0)
        S_number(x, ws, row, 12, t->reopen_count, NULL);
    if (t->reassignment_count >= 0)
        S_number(x, ws, row, 13, t->reassignment_count, NULL);
    S_str(x, ws, row, 14, t->title, NULL);
    S_str(x, ws, row, 15, f->store->quality[t->source].file, NULL);
    S_ticket_sla_cells(x, ws, row, t, o);
}

/* Every ticket the metrics list for P (ticket_listed: opened in P, resolved in P, or in the
 * backlog at end), in store order, continued on a further sheet past Excel's last row. */
/* The breached tickets of the ticket detail, kept for the Breaches sheet (their outcome is
 * computed again there: a pointer a ticket keeps memory small in a very large period). */
typedef struct breaches {
    const ticket_t **v;
    size_t n, cap;
} breaches_t;

/* A breached ticket with its outcome. */
typedef struct breach {
    const ticket_t *t;
    ticket_sla_t o;
} breach_t;

static int S_tickets(xl_t *x, breaches_t *br)
{
    const report_facts_t *f = &x->r->facts;
    const metrics_period_t *p = &f->metrics->period;
    lxw_worksheet *ws = NULL;
    lxw_row_t row = 0;
    int sheet_no = 0;
    for (size_t i = 0; i < f->store->ntickets; i++) {
        const ticket_t *t = &f->store->tickets[i];
        if (!ticket_listed(t, p))
            continue;
        if (!ws || row >= LXW_ROW_MAX) {
            ws = S_ticket_sheet(x, sheet_no++, 1);
            if (!ws) {
                S_check(x, LXW_ERROR_SHEETNAME_ALREADY_USED);
                break;
            }
            row = 1;
        }
        ticket_sla_t o;
        S_ticket_row(x, ws, row, t, &o);
        if (o.response == SLA_OUT_BREACHED || o.resolution == SLA_OUT_BREACHED ||
            o.resolution == SLA_OUT_OPEN_BREACHED) {
            xgrow((void **)&br->v, &br->cap, br->n + 1, sizeof(const ticket_t *));
            br->v[br->n++] = t;
        }
        row++;
        if (row >= LXW_ROW_MAX) /* the sheet is full: filter it before the next one starts */
            S_ticket_filter(x, ws, row, TICKET_COLUMNS, NTICKET_COLUMNS);
    }
    if (ws && row > 1 && row < LXW_ROW_MAX)
        S_ticket_filter(x, ws, row, TICKET_COLUMNS, NTICKET_COLUMNS);
    if (!ws)
        S_ticket_sheet(x, 0, 0);
    return sheet_no ? sheet_no : 1;
}

/* ---- evidence: sheets that trace the SLA and availability figures to their records ---- */

/* A list sheet being written ("Breaches", "Outages"): continued on "Breaches 2", … past
 * Excel's last row, each part an Excel table (an autofilter in constant-memory mode). */
typedef struct list_sheet {
    xl_t *x;
    const char *name;
    const char *const *hdr;
    size_t ncols;
    const double *widths; /* per column */
    lxw_worksheet *ws;
    lxw_row_t row; /* the next row to write */
    int sheet_no;
} list_sheet_t;

static void S_list_open(list_sheet_t *ls)
{
    xl_t *x = ls->x;
    strbuf_t name = {0};
    if (ls->sheet_no == 0)
        strbuf_puts(&name, ls->name);
    else
        strbuf_printf(&name, "%s %d", ls->name, ls->sheet_no + 1);
    ls->sheet_no++;
    ls->ws = workbook_add_worksheet(x->wb, name.data);
    strbuf_clear(&name);
    ls->row = 1;
    if (!ls->ws) {
        S_check(x, LXW_ERROR_SHEETNAME_ALREADY_USED);
        return;
    }
    for (size_t c = 0; c < ls->ncols; c++) {
        S_str(x, ls->ws, 0, (lxw_col_t)c, ls->hdr[c], x->header);
        S_check(x, worksheet_set_column(ls->ws, (lxw_col_t)c, (lxw_col_t)c, ls->widths[c], NULL));
    }
    worksheet_freeze_panes(ls->ws, 1, 0);
    S_print(x, ls->ws, 1, 0, 0, 0);
}

/* The sheet to write the next row on (ls->row), NULL when none could be made. */
static lxw_worksheet *S_list_next(list_sheet_t *ls)
{
    if (ls->ws && ls->row >= LXW_ROW_MAX) {
        S_ticket_filter(ls->x, ls->ws, ls->row, ls->hdr, ls->ncols);
        ls->ws = NULL;
    }
    if (!ls->ws)
        S_list_open(ls);
    return ls->ws;
}

/* Ends the list: filters its last part; an empty list still gets its sheet and header. */
static void S_list_close(list_sheet_t *ls)
{
    if (!ls->ws && ls->sheet_no == 0)
        S_list_open(ls);
    if (ls->ws && ls->row > 1)
        S_ticket_filter(ls->x, ls->ws, ls->row, ls->hdr, ls->ncols);
}

static const char *const BREACH_COLUMNS[] = {"id",
                                             "measure",
                                             "outcome",
                                             "kind",
                                             "priority",
                                             "service",
                                             "group",
                                             "assignee",
                                             "opened_at",
                                             "responded_or_resolved_at",
                                             "elapsed_minutes",
                                             "target_minutes",
                                             "over_by_minutes",
                                             "sla_target",
                                             "title"};
static const double BREACH_WIDTHS[] = {14, 11, 14, 10, 9, 18, 16, 16, 17, 24, 16, 15, 16, 22, 50};

/* One breached measure of a ticket: response (0) or resolution (1). */
static void S_breach_row(xl_t *x, list_sheet_t *ls, const breach_t *b, int resolution)
{
    lxw_worksheet *ws = S_list_next(ls);
    if (!ws)
        return;
    const ticket_t *t = b->t;
    const report_facts_t *f = &x->r->facts;
    lxw_row_t row = ls->row++;
    sla_outcome_t out = resolution ? b->o.resolution : b->o.response;
    int64_t el = resolution ? b->o.resolution_elapsed : b->o.response_elapsed;
    int64_t tg = resolution ? b->o.target->resolve : b->o.target->respond;
    ts_t at = resolution ? ticket_resolution(t, f->metrics->period.as_of)
                         : ticket_response(t, f->metrics->period.as_of);
    S_str(x, ws, row, 0, t->id, NULL);
    S_str(x, ws, row, 1, resolution ? "resolution" : "response", NULL);
    S_str(x, ws, row, 2, sla_outcome_names[out], NULL);
    S_str(x, ws, row, 3, kind_names[t->kind], NULL);
    if (t->priority)
        S_check(x, worksheet_write_number(ws, row, 4, t->priority, NULL));
    S_str(x, ws, row, 5, t->service, NULL);
    S_str(x, ws, row, 6, t->group, NULL);
    S_str(x, ws, row, 7, t->assignee, NULL);
    S_check(x, worksheet_write_number(ws, row, 8, S_excel_time(f->tz, t->opened), x->date));
    if (at != TS_NONE && out != SLA_OUT_OPEN_BREACHED)
        S_check(x, worksheet_write_number(ws, row, 9, S_excel_time(f->tz, at), x->date));
    double v[3] = {(double)el / 60.0, (double)tg / 60.0, (double)(el - tg) / 60.0};
    for (int k = 0; k < 3; k++)
        S_check(x, worksheet_write_number(ws, row, (lxw_col_t)(10 + k), v[k], x->number[2]));
    strbuf_t sb = {0};
    if (b->o.target->priority)
        strbuf_printf(&sb, "%s P%d (%s)", kind_names[b->o.target->kind], b->o.target->priority,
                      b->o.target->calendar);
    else
        strbuf_printf(&sb, "%s default (%s)", kind_names[b->o.target->kind], b->o.target->calendar);
    S_str(x, ws, row, 13, sb.data, NULL);
    strbuf_clear(&sb);
    S_str(x, ws, row, 14, t->title, NULL);
}

/*
 * "Breaches": one row per breached measure of a ticket of the detail (response breached,
 * resolution breached, open_breached), in the ticket detail's order, so that every breach
 * count of the SLA sheet is a filter away from its ticket ids.
 */
static void S_breaches(xl_t *x, const breaches_t *br)
{
    list_sheet_t ls = {
        x, "Breaches", BREACH_COLUMNS, sizeof BREACH_COLUMNS / sizeof(char *), BREACH_WIDTHS, NULL,
        0, 0};
    const report_facts_t *f = &x->r->facts;
    for (size_t i = 0; i < br->n; i++) {
        breach_t b = {br->v[i], {0}};
        metrics_ticket_sla(f->cfg, f->store, f->tz, &f->metrics->period, b.t, &b.o);
        if (b.o.response == SLA_OUT_BREACHED)
            S_breach_row(x, &ls, &b, 0);
        if (b.o.resolution == SLA_OUT_BREACHED || b.o.resolution == SLA_OUT_OPEN_BREACHED)
            S_breach_row(x, &ls, &b, 1);
    }
    S_list_close(&ls);
}

static const char *const OUTAGE_COLUMNS[] = {
    "service", "interval",    "interval_start", "interval_end", "downtime_minutes", "counted",
    "record",  "record_kind", "record_start",   "record_end",   "source",           "line"};
static const double OUTAGE_WIDTHS[] = {18, 9, 17, 17, 17, 9, 16, 16, 17, 17, 18, 8};

/* One record behind interval number `no` of its service. */
static void S_outage_row(xl_t *x, list_sheet_t *ls, const outage_interval_t *iv, size_t no,
                         const outage_record_t *rec)
{
    lxw_worksheet *ws = S_list_next(ls);
    if (!ws)
        return;
    const report_facts_t *f = &x->r->facts;
    lxw_row_t row = ls->row++;
    S_str(x, ws, row, 0, iv->service, NULL);
    S_check(x, worksheet_write_number(ws, row, 1, (double)no, NULL));
    S_check(x, worksheet_write_number(ws, row, 2, S_excel_time(f->tz, iv->start), x->date));
    S_check(x, worksheet_write_number(ws, row, 3, S_excel_time(f->tz, iv->end), x->date));
    S_check(x,
            worksheet_write_number(ws, row, 4, (double)iv->downtime_seconds / 60.0, x->number[2]));
    S_str(x, ws, row, 5, iv->counted ? "yes" : "no", NULL);
    strbuf_t sb = {0};
    const char *id;
    uint16_t source;
    uint32_t line;
    if (rec->ticket) {
        id = rec->ticket->id;
        strbuf_printf(&sb, "incident P%d", rec->ticket->priority);
        source = rec->ticket->source;
        line = rec->ticket->line;
    } else {
        id = rec->outage->id ? rec->outage->id : "";
        strbuf_puts(&sb, outage_type_names[rec->outage->type]);
        source = rec->outage->source;
        line = rec->outage->line;
    }
    S_str(x, ws, row, 6, id, NULL);
    S_str(x, ws, row, 7, sb.data, NULL);
    strbuf_clear(&sb);
    S_check(x, worksheet_write_number(ws, row, 8, S_excel_time(f->tz, rec->start), x->date));
    S_check(x, worksheet_write_number(ws, row, 9, S_excel_time(f->tz, rec->end), x->date));
    S_str(x, ws, row, 10, f->store->quality[source].file, NULL);
    S_check(x, worksheet_write_number(ws, row, 11, (double)line, NULL));
}

/*
 * "Outages": every merged unplanned-outage interval of the availability rows (metrics'
 * own merging), one row per record it came from; `counted` says whether it is one of the
 * row's outages (downtime on the calendar outside maintenance).
 */
static void S_outages(xl_t *x)
{
    const report_facts_t *f = &x->r->facts;
    outage_detail_t d;
    metrics_outage_detail(f->cfg, f->store, f->tz, f->metrics, &d);
    list_sheet_t ls = {
        x, "Outages", OUTAGE_COLUMNS, sizeof OUTAGE_COLUMNS / sizeof(char *), OUTAGE_WIDTHS, NULL,
        0, 0};
    const char *service = NULL;
    size_t no = 0;
    for (size_t i = 0; i < d.nintervals; i++) {
        const outage_interval_t *iv = &d.intervals[i];
        no = iv->service == service ? no + 1 : 1;
        service = iv->service;
        for (size_t k = 0; k < iv->nrecords; k++)
            S_outage_row(x, &ls, iv, no, &d.records[iv->first_record + k]);
    }
    S_list_close(&ls);
    outage_detail_clear(&d);
}

/* A ticket sheet's name as a formula refers to it: Tickets, 'Tickets 2', … */
static void S_ticket_sheet_ref(strbuf_t *sb, int sheet_no)
{
    if (sheet_no == 0)
        strbuf_puts(sb, "Tickets!");
    else
        strbuf_printf(sb, "'Tickets %d'!", sheet_no + 1);
}

/* A column of every ticket sheet, whole: Tickets!$Q:$Q. */
static void S_ticket_col(strbuf_t *sb, int sheet_no, lxw_col_t col)
{
    char c[8];
    lxw_col_to_name(c, col, 1);
    S_ticket_sheet_ref(sb, sheet_no);
    strbuf_printf(sb, "%s:%s", c, c);
}

/*
 * The formula that counts the ticket detail's rows of one kind and priority (0: the empty
 * priority, matched by "=") whose column `col` holds `outcome`, summed over the ticket
 * sheets; kind NULL counts every kind and priority.
 */
static void S_countifs(strbuf_t *sb, int nsheets, const char *kind, int priority, lxw_col_t col,
                       const char *outcome)
{
    for (int k = 0; k < nsheets; k++) {
        strbuf_puts(sb, k ? "+COUNTIFS(" : "COUNTIFS(");
        if (kind) {
            S_ticket_col(sb, k, TICKET_COL_KIND);
            strbuf_printf(sb, ",\"%s\",", kind);
            S_ticket_col(sb, k, TICKET_COL_PRIORITY);
            if (priority)
                strbuf_printf(sb, ",%d,", priority);
            else
                strbuf_puts(sb, ",\"=\",");
        }
        S_ticket_col(sb, k, col);
        strbuf_printf(sb, ",\"%s\")", outcome);
    }
}

/* One row of the SLA check: per outcome, the count from the ticket detail (a formula) beside
 * the SLA sheet's figure, then whether all agree. */
static void S_check_row(xl_t *x, lxw_worksheet *ws, lxw_row_t row, int nsheets, const char *kind,
                        int priority, const size_t figures[5])
{
    static const struct {
        int resolution;
        sla_outcome_t outcome;
    } what[5] = {{0, SLA_OUT_MET},
                 {0, SLA_OUT_BREACHED},
                 {0, SLA_OUT_PENDING},
                 {1, SLA_OUT_MET},
                 {1, SLA_OUT_BREACHED}};
    strbuf_t f = {0}, agree = {0};
    strbuf_puts(&agree, "IF(AND(");
    for (int k = 0; k < 5; k++) {
        lxw_col_t c = (lxw_col_t)(2 + 2 * k);
        strbuf_reset(&f);
        S_countifs(&f, nsheets, kind, priority,
                   (lxw_col_t)(TICKET_COL_RESPONSE_SLA + what[k].resolution),
                   sla_outcome_names[what[k].outcome]);
        S_formula(x, ws, row, c, f.data, x->integer, (double)figures[k]);
        S_check(x, worksheet_write_number(ws, row, c + 1, (double)figures[k], x->integer));
        char a[16], b[16];
        S_ref(a, row, c);
        S_ref(b, row, c + 1);
        strbuf_printf(&agree, "%s%s=%s", k ? "," : "", a, b);
    }
    strbuf_puts(&agree, "),\"yes\",\"NO\")");
    S_check(x, worksheet_write_formula_str(ws, row, 12, agree.data, NULL, "yes"));
    strbuf_clear(&f);
    strbuf_clear(&agree);
}

/*
 * "SLA check": the SLA sheet's counts per kind and priority recounted by COUNTIFS formulas
 * over the ticket detail's SLA columns, so that a reader (or a recalculating spreadsheet) sees
 * that every figure is the sum of its tickets.
 */
static void S_sla_check(xl_t *x, int nsheets)
{
    const sla_result_t *sla = &x->r->facts.metrics->sla;
    lxw_worksheet *ws = workbook_add_worksheet(x->wb, "SLA check");
    if (!ws) {
        S_check(x, LXW_ERROR_SHEETNAME_ALREADY_USED);
        return;
    }
    S_title_block(x, ws, "SLA figures recounted from the ticket detail");
    S_str(x, ws, 3, 0,
          "Each \"tickets\" column counts the Tickets sheet's SLA columns with COUNTIFS; each "
          "\"SLA sheet\" column is the figure the SLA sheet reports. Filter the Tickets sheet "
          "on response_sla or resolution_sla to see the tickets behind a count.",
          x->note);
    static const char *const hdr[] = {"kind",
                                      "priority",
                                      "response met (tickets)",
                                      "response met (SLA sheet)",
                                      "response breached (tickets)",
                                      "response breached (SLA sheet)",
                                      "response pending (tickets)",
                                      "response pending (SLA sheet)",
                                      "resolution met (tickets)",
                                      "resolution met (SLA sheet)",
                                      "resolution breached (tickets)",
                                      "resolution breached (SLA sheet)",
                                      "agrees"};
    lxw_row_t row = 5;
    S_check(x, worksheet_set_row(ws, row, 45, NULL)); /* before the row: constant-memory mode */
    for (lxw_col_t c = 0; c < 13; c++)
        S_str(x, ws, row, c, hdr[c], x->header);
    row++;
    for (size_t i = 0; i < sla->nrows; i++, row++) {
        const sla_row_t *r = &sla->rows[i];
        S_str(x, ws, row, 0, kind_names[r->kind], NULL);
        if (r->priority)
            S_check(x, worksheet_write_number(ws, row, 1, r->priority, NULL));
        size_t fig[5] = {r->resp_met, r->resp_breached, r->resp_pending, r->res_met,
                         r->res_breached};
        S_check_row(x, ws, row, nsheets, kind_names[r->kind], r->priority, fig);
    }
    S_str(x, ws, row, 0, "all", x->header);
    size_t all[5] = {sla->resp_met, sla->resp_breached, sla->resp_pending, sla->res_met,
                     sla->res_breached};
    S_check_row(x, ws, row, nsheets, NULL, 0, all);
    row += 2;
    /* the backlog past its target and the tickets without a target, outside the rows */
    strbuf_t f = {0};
    S_check(x, worksheet_set_row(ws, row, 30, NULL));
    S_str(x, ws, row, 0, "open_breached (tickets)", x->header);
    S_str(x, ws, row, 1, "open_breached (SLA sheet)", x->header);
    S_str(x, ws, row, 2, "no target (tickets)", x->header);
    S_str(x, ws, row, 3, "no target (SLA sheet)", x->header);
    row++;
    S_countifs(&f, nsheets, NULL, 0, TICKET_COL_RESPONSE_SLA + 1, "open_breached");
    S_formula(x, ws, row, 0, f.data, x->integer, (double)sla->open_breached);
    S_check(x, worksheet_write_number(ws, row, 1, (double)sla->open_breached, x->integer));
    /* no_target in the figures: opened in P with no target at all (the target column empty) */
    strbuf_reset(&f);
    for (int k = 0; k < nsheets; k++) {
        strbuf_puts(&f, k ? "+COUNTIFS(" : "COUNTIFS(");
        S_ticket_col(&f, k, TICKET_COL_RESPONSE_SLA);
        strbuf_puts(&f, ",\"no_target\",");
        S_ticket_col(&f, k, TICKET_COL_TARGET);
        strbuf_puts(&f, ",\"=\")");
    }
    S_formula(x, ws, row, 2, f.data, x->integer, (double)sla->no_target);
    S_check(x, worksheet_write_number(ws, row, 3, (double)sla->no_target, x->integer));
    strbuf_clear(&f);
    S_check(x, worksheet_set_column(ws, 0, 0, 22, NULL));
    S_check(x, worksheet_set_column(ws, 1, 12, 13, NULL));
    worksheet_freeze_panes(ws, 6, 2);
    S_print(x, ws, 1, 1, 5, 5);
}

int render_xlsx_constant_memory(size_t rows)
{
    return rows > RENDER_XLSX_CONSTANT_MEMORY_ROWS;
}

status_t render_xlsx(const report_t *r, const char *path, diag_t *d)
{
    xl_t xv = {0};
    xl_t *x = &xv;
    x->r = r;
    x->constant_memory = render_xlsx_constant_memory(r->facts.metrics->volumes.listed);
    lxw_workbook_options opt = {.constant_memory = 0, .tmpdir = NULL, .use_zip64 = LXW_TRUE};
    x->wb = workbook_new_opt(path, &opt);
    if (!x->wb)
        return diag_set(d, ST_CANTCREATE, path, 0, 0, "cannot create the workbook");
    S_formats(x);
    S_print_texts(x);
    strbuf_t title = {0}, raw = {0}, company = {0};
    strbuf_printf(&raw, "%s %s", r->title, r->facts.period_label);
    lxw_doc_properties props = {0};
    props.title = (char *)S_name(&title, raw.data);
    props.subject = r->facts.kind_readiness ? "ISO/IEC 20000-1 pre-audit readiness"
                                            : "ISO/IEC 20000-1 service management review";
    props.author = "iso20k " ISO20K_VERSION;
    props.company = (char *)S_name(&company, r->organization);
    props.comments = "Generated by iso20k from ITSM exports";
    props.created = (time_t)r->facts.metrics->period.as_of; /* reproducible */
    S_check(x, workbook_set_properties(x->wb, &props));
    for (size_t i = 0; i < r->nsections; i++) {
        if (!r->facts.kind_readiness && r->sections[i].id == SECTION_ROI && r->facts.roi)
            S_roi_sheet(x, &r->sections[i]);
        else
            S_section(x, &r->sections[i]);
    }
    /* libxlsxwriter takes a sheet's mode from the workbook's option when the sheet is added:
     * the sheets from here on (the ticket detail, then the evidence lists), and only they, are
     * written row by row in a very large period (see render_xlsx.h) */
    x->wb->options.constant_memory = (uint8_t)x->constant_memory;
    breaches_t br = {0};
    int nticket_sheets = S_tickets(x, &br);
    if (!r->facts.kind_readiness) {
        S_breaches(x, &br);
        S_outages(x);
        S_sla_check(x, nticket_sheets);
    }
    free(br.v);
    if (x->cut_strings)
        S_note_cut(x);
    lxw_error e = workbook_close(x->wb);
    strbuf_clear(&title);
    strbuf_clear(&raw);
    strbuf_clear(&company);
    free(x->print_header);
    free(x->print_footer);
    if (x->err == LXW_NO_ERROR)
        x->err = e;
    if (x->err != LXW_NO_ERROR)
        return diag_set(d, ST_IOERR, path, 0, 0, "cannot write the workbook: %s",
                        lxw_strerror(x->err));
    return ST_OK;
}
