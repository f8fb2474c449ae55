/*
 * render_xlsx — libxlsxwriter workbook: the formats, the sheet of each report section (its
 * tables, conditional formats and native charts), the helpers the other sheets share, and
 * render_xlsx() itself. libxlsxwriter reports most errors only at workbook_close, so every
 * call's status is folded into one and checked there too. The ROI sheet is in
 * render_xlsx_roi.c; the ticket detail and the evidence sheets in render_xlsx_evidence.c.
 */
#include "render/render_xlsx.h"

#include <math.h>
#include <stdio.h>
#include <string.h>
#include <xlsxwriter.h>

#include "core/version.h"
#include "metrics/metrics.h"
#include "render_xlsx_int.h"

#define XLSX_MAX_CELL 32767

void xl_check(xl_t *x, lxw_error e)
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
const char *xl_chart_name(strbuf_t *sb, const char *s)
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

void xl_str(xl_t *x, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col, const char *s, lxw_format *f)
{
    strbuf_t sb = {0};
    const char *t = s ? s : "";
    /* a text S_clean would leave as it is (most of them: a name, a code, a title) goes to the
     * library without a copy: fewer bytes than the limit are fewer characters too */
    size_t n = utf8_clean_span(t, 1);
    if (t[n] || n > XLSX_MAX_CELL)
        t = S_clean(x, &sb, t);
    /* always a string cell: a title "=HYPERLINK(…)" or "@SUM(1)" stays text */
    if (*t)
        xl_check(x, worksheet_write_string(ws, row, col, t, f));
    else if (f)
        xl_check(x, worksheet_write_blank(ws, row, col, f));
    strbuf_clear(&sb);
}

/* A number cell, or "n/a" for a number no output shows (num_shown): a formula that refers to it
 * then shows #VALUE!, never a figure computed from a hole. */
void xl_number(xl_t *x, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col, double v, lxw_format *f)
{
    if (num_shown(v))
        xl_check(x, worksheet_write_number(ws, row, col, v, f));
    else
        xl_check(x, worksheet_write_string(ws, row, col, "n/a", f));
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
void xl_print(xl_t *x, lxw_worksheet *ws, int landscape, uint16_t tall, lxw_row_t first,
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
        xl_check(x, worksheet_repeat_rows(ws, first, last));
    lxw_header_footer_options hf = {.margin = 0.25};
    xl_check(x, worksheet_set_header_opt(ws, x->print_header, &hf));
    xl_check(x, worksheet_set_footer_opt(ws, x->print_footer, &hf));
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

void xl_title_block(xl_t *x, lxw_worksheet *ws, const char *title)
{
    const report_t *r = x->r;
    strbuf_t sb = {0};
    xl_str(x, ws, 0, 0, title, x->title);
    strbuf_printf(&sb, "%s — %s", r->organization, r->title);
    xl_str(x, ws, 1, 0, sb.data, x->subtitle);
    strbuf_reset(&sb);
    strbuf_printf(&sb, "Period %s · data as known at %s", r->period_text, r->as_of_text);
    xl_str(x, ws, 2, 0, sb.data, x->subtitle);
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
        xl_check(x, worksheet_conditional_format_cell(ws, row, col, &cf));
    }
}

/* Makes rows first..last (the first the header) an Excel table with the given header names. */
void xl_add_table(xl_t *x, lxw_worksheet *ws, lxw_row_t first, lxw_row_t last, size_t ncols,
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
    xl_check(x, worksheet_add_table(ws, first, 0, last, (lxw_col_t)(ncols - 1), &opt));
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
        xl_str(x, ws, header, (lxw_col_t)c, names[c], x->header);
        double w = (double)strlen(names[c]) * 1.1 + 2;
        if (c < 32 && w > widths[c])
            widths[c] = w > 40 ? 40 : w;
    }
    for (size_t h = 0; h < nhelpers; h++) {
        strbuf_t sb = {0};
        if (helpers[h].has_target) {
            strbuf_printf(&sb, "%s: target", t->headers[helpers[h].col]);
            xl_str(x, ws, header, helpers[h].target_at, sb.data, x->helper_header);
            strbuf_reset(&sb);
            if (helpers[h].target_at < 32)
                widths[helpers[h].target_at] = 14;
        }
        strbuf_printf(&sb, "%s: amber", t->headers[helpers[h].col]);
        xl_str(x, ws, header, helpers[h].amber_at, sb.data, x->helper_header);
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
    xl_check(x, worksheet_write_formula_str(ws, row, col, f, NULL,
                                            S_clean(x, &sb, cell->text ? cell->text : "")));
    strbuf_clear(&sb);
}

/* A number cell; a judged cell is coloured by conditional formats, others keep their mark. */
static void S_number_cell(xl_t *x, lxw_worksheet *ws, const report_cell_t *cell, lxw_row_t row,
                          lxw_col_t col)
{
    lxw_format *f =
        cell->rag && !cell->judged ? S_marked_format(x, cell) : S_number_format(x, cell);
    xl_number(x, ws, row, col, cell->number, f);
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
            xl_str(x, ws, row, col, cell->text,
                   cell->rag && !S_marked(t, c) ? x->rag[cell->rag] : NULL);
            w = (double)strlen(cell->text ? cell->text : "") * 1.05 + 2;
        } else if (cell->type == CELL_EMPTY) {
            continue;
        } else if (num_shown(cell->number)) {
            S_number_cell(x, ws, cell, row, col);
            w = 12;
        } else {
            xl_check(x, worksheet_write_string(ws, row, col, "n/a", NULL));
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
            xl_number(x, ws, row, helpers[h].target_at, cell->rag_target, x->helper);
        if (num_shown(cell->rag_amber))
            xl_number(x, ws, row, helpers[h].amber_at, cell->rag_amber, x->helper);
    }
}

/* Writes a table at *row (its title, header and rows); returns the header row. */
static lxw_row_t S_table(xl_t *x, lxw_worksheet *ws, const report_table_t *t, lxw_row_t *row,
                         double *widths)
{
    if (t->title)
        xl_str(x, ws, (*row)++, 0, t->title, x->subtitle);
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
        xl_check(x, worksheet_conditional_format_range(ws, header + 1, (lxw_col_t)vm->col, last,
                                                       (lxw_col_t)vm->col, &cf));
    }
    if (t->nrows > 0 && t->ncols > 0) {
        /* the sections' sheets are always in memory: only ticket sheets may not be */
        xl_add_table(x, ws, header, last, t->ncols, names);
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
    xl_str(x, ws, top, 0, spec->title, x->subtitle);
    xl_str(x, ws, top + 1, 0, "", x->header);
    for (size_t j = 0; j < spec->ncat; j++)
        xl_str(x, ws, top + 1, 1 + (lxw_col_t)j, spec->categories[j], x->header);
    for (size_t s = 0; s < spec->nseries; s++) {
        lxw_row_t rr = top + 2 + (lxw_row_t)s;
        xl_str(x, ws, rr, 0, spec->series[s].name, NULL);
        for (size_t j = 0; j < spec->ncat; j++) {
            double v = spec->series[s].values[j];
            if (num_shown(v))
                xl_number(x, ws, rr, 1 + (lxw_col_t)j, v, x->number[0]);
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
        xl_check(x, worksheet_conditional_format_range(ws, top + 2, 1,
                                                       top + 1 + (lxw_row_t)spec->nseries,
                                                       (lxw_col_t)spec->ncat, &cf));
    }
    lxw_row_t next = top + 3 + (lxw_row_t)spec->nseries;
    if (spec->cell_labels) {
        xl_str(x, ws, next, 0, "The items in those cells", x->header);
        for (size_t s = 0; s < spec->nseries; s++) {
            lxw_row_t rr = next + 1 + (lxw_row_t)s;
            xl_str(x, ws, rr, 0, spec->series[s].name, NULL);
            for (size_t j = 0; j < spec->ncat; j++)
                if (spec->cell_labels[s * spec->ncat + j])
                    xl_str(x, ws, rr, 1 + (lxw_col_t)j, spec->cell_labels[s * spec->ncat + j],
                           NULL);
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
    xl_str(x, ws, top, 0, spec->title, x->subtitle);
    for (int part = 0; part < 2; part++) {
        lxw_row_t head = top + 1 + (lxw_row_t)part * (lxw_row_t)(spec->nseries + 2);
        xl_str(x, ws, head, 0, part ? "Risks in the cell" : "Likelihood \\ impact", x->header);
        for (size_t j = 0; j < spec->ncat; j++)
            xl_str(x, ws, head, 1 + (lxw_col_t)j, spec->categories[j], x->header);
        for (size_t s = 0; s < spec->nseries; s++) {
            lxw_row_t rr = head + 1 + (lxw_row_t)s;
            xl_str(x, ws, rr, 0, spec->series[s].name, NULL);
            for (size_t j = 0; j < spec->ncat; j++) {
                double rating = (double)(spec->nseries - s) * (double)(j + 1);
                rag_t band = rating >= spec->band_hi   ? RAG_RED
                             : rating >= spec->band_lo ? RAG_AMBER
                                                       : RAG_GREEN;
                const char *label =
                    spec->cell_labels ? spec->cell_labels[s * spec->ncat + j] : NULL;
                if (part)
                    xl_str(x, ws, rr, 1 + (lxw_col_t)j, label ? label : "", x->rag[band]);
                else
                    xl_number(x, ws, rr, 1 + (lxw_col_t)j, spec->series[s].values[j], x->rag[band]);
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
    xl_str(x, ws, top, c0, spec->title, x->subtitle);
    xl_str(x, ws, top + 1, c0, spec->kind == CHART_HEATMAP ? "" : "Category", x->header);
    for (size_t s = 0; s < spec->nseries; s++)
        xl_str(x, ws, top + 1, c0 + 1 + (lxw_col_t)s, spec->series[s].name, x->header);
    int with_target = (num_shown(spec->target) || spec->cat_targets) && spec->kind != CHART_DONUT &&
                      spec->kind != CHART_HEATMAP;
    if (with_target)
        xl_str(x, ws, top + 1, c0 + 1 + (lxw_col_t)spec->nseries,
               spec->target_label ? spec->target_label : "Target", x->header);
    for (size_t j = 0; j < spec->ncat; j++) {
        lxw_row_t rr = top + 2 + (lxw_row_t)j;
        xl_str(x, ws, rr, c0, spec->categories[j], NULL);
        for (size_t s = 0; s < spec->nseries; s++) {
            double v = spec->series[s].values[j];
            if (num_shown(v))
                xl_number(x, ws, rr, c0 + 1 + (lxw_col_t)s, v,
                          spec->percent ? x->percent[S_chart_decimals(spec)] : x->number[1]);
        }
        double tv = spec->cat_targets ? spec->cat_targets[j] : spec->target;
        if (with_target && num_shown(tv))
            xl_number(x, ws, rr, c0 + 1 + (lxw_col_t)spec->nseries, tv,
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
void xl_series_color(xl_t *x, lxw_chart_series *ser, uint8_t type, size_t s)
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
    xl_check(x, chart_series_set_points(ser, ptrs)); /* copied by libxlsxwriter */
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
                xl_series_color(x, ser, type, s);
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
                            xl_chart_name(&sb, spec->y_title));
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
        xl_check(x, LXW_ERROR_MEMORY_MALLOC_FAILED);
        return;
    }
    size_t nser = spec->nseries + (with_target ? 1 : 0);
    S_chart_series(x, ch, type, sheet, spec, top, nser);
    strbuf_t sb = {0};
    chart_title_set_name(ch, xl_chart_name(&sb, spec->title));
    strbuf_clear(&sb);
    S_chart_axis(ch, type, spec);
    chart_legend_set_position(ch, nser > 1 || type == LXW_CHART_DOUGHNUT ? LXW_CHART_LEGEND_BOTTOM
                                                                         : LXW_CHART_LEGEND_NONE);
    lxw_chart_options opt = {.x_scale = 1.3, .y_scale = 1.1};
    xl_check(x, worksheet_insert_chart_opt(ws, *chart_row, chart_col, ch, &opt));
    *chart_row += 18;
}

static void S_section(xl_t *x, const report_section_t *sec)
{
    lxw_worksheet *ws = workbook_add_worksheet(x->wb, sec->sheet);
    if (!ws) {
        xl_check(x, LXW_ERROR_SHEETNAME_ALREADY_USED);
        return;
    }
    xl_title_block(x, ws, sec->title);
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
            xl_str(x, ws, row++, 0, blk->text,
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
            xl_check(x, worksheet_set_column(ws, c, c, widths[c] < 10 ? 10 : widths[c], NULL));
    /* tables with charts beside them are wider than tall: landscape, on one page */
    int charts = chart_row > 4;
    /* the audit samples are a list, and so is a long sheet without charts (a register of
     * many rows): as many pages as they take, landscape; nothing there for a break to cut */
    int list = !strcmp(sec->sheet, "Samples") || (!charts && row > 60);
    uint16_t tall = list ? 0 : 1;
    if (have_header)
        xl_print(x, ws, list || charts || widest > 6, tall, first_header, first_header);
    else
        xl_print(x, ws, list || charts || widest > 6, tall, 1, 0);
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
    xl_check(x, worksheet_write_string(ws, 3, 0, buf, x->note));
}

void xl_ref(char *buf, lxw_row_t row, lxw_col_t col)
{
    lxw_rowcol_to_cell(buf, row, col);
}

void xl_formula(xl_t *x, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col, const char *f,
                lxw_format *fmt, double cached)
{
    if (!num_shown(cached))
        xl_check(x, worksheet_write_formula_str(ws, row, col, f, fmt, ""));
    else
        xl_check(x, worksheet_write_formula_num(ws, row, col, f, fmt, cached));
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
    xl_check(x, workbook_set_properties(x->wb, &props));
    for (size_t i = 0; i < r->nsections; i++) {
        if (!r->facts.kind_readiness && r->sections[i].id == SECTION_ROI && r->facts.roi)
            xl_roi_sheet(x, &r->sections[i]);
        else
            S_section(x, &r->sections[i]);
    }
    /* libxlsxwriter takes a sheet's mode from the workbook's option when the sheet is added:
     * the sheets from here on (the ticket detail, then the evidence lists), and only they, are
     * written row by row in a very large period (see render_xlsx.h) */
    x->wb->options.constant_memory = (uint8_t)x->constant_memory;
    breaches_t br = {0};
    int nticket_sheets = xl_tickets(x, &br);
    if (!r->facts.kind_readiness) {
        xl_breaches(x, &br);
        xl_outages(x);
        xl_sla_check(x, nticket_sheets);
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
    for (size_t i = 0; x->target_text && i < r->facts.cfg->nsla; i++)
        free(x->target_text[i]);
    free(x->target_text);
    strbuf_clear(&x->target_scratch);
    if (x->err == LXW_NO_ERROR)
        x->err = e;
    if (x->err != LXW_NO_ERROR)
        return diag_set(d, ST_IOERR, path, 0, 0, "cannot write the workbook: %s",
                        lxw_strerror(x->err));
    return ST_OK;
}
