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

typedef struct xl {
    lxw_workbook *wb;
    const report_t *r;
    lxw_format *title, *subtitle, *header, *text, *integer, *number[4], *percent[4], *date, *note,
        *rag[4];
    lxw_error err;
} xl_t;

static void S_check(xl_t *x, lxw_error e)
{
    if (e != LXW_NO_ERROR && x->err == LXW_NO_ERROR)
        x->err = e;
}

/* Text from inputs may hold anything: valid UTF-8, no control characters, at most Excel's
 * 32,767 characters a cell. */
static const char *S_clean(strbuf_t *sb, const char *s)
{
    utf8_clean(sb, s, 1);
    if (sb->len > 32767) {
        sb->len = 32767;
        while (sb->len && ((unsigned char)sb->data[sb->len] & 0xC0) == 0x80)
            sb->len--;
        sb->data[sb->len] = '\0';
    }
    return strbuf_cstr(sb);
}

static void S_str(xl_t *x, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col, const char *s,
                  lxw_format *f)
{
    strbuf_t sb = {0};
    const char *t = S_clean(&sb, s);
    if (*t)
        S_check(x, worksheet_write_string(ws, row, col, t, f));
    else if (f)
        S_check(x, worksheet_write_blank(ws, row, col, f));
    strbuf_free(&sb);
}

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
    x->text = workbook_add_format(wb);
    x->integer = workbook_add_format(wb);
    format_set_num_format(x->integer, "#,##0");
    static const char *const nf[4] = {"#,##0", "#,##0.0", "#,##0.00", "#,##0.000"};
    static const char *const pf[4] = {"0\"%\"", "0.0\"%\"", "0.00\"%\"", "0.000\"%\""};
    for (int i = 0; i < 4; i++) {
        x->number[i] = workbook_add_format(wb);
        format_set_num_format(x->number[i], nf[i]);
        x->percent[i] = workbook_add_format(wb);
        format_set_num_format(x->percent[i], pf[i]);
    }
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

/* A number format with the RAG colours, created on demand (libxlsxwriter formats are
 * immutable once used, so each combination is its own format). */
static lxw_format *S_cell_format(xl_t *x, const report_cell_t *c)
{
    int dec = c->decimals < 0 ? 0 : c->decimals > 3 ? 3 : c->decimals;
    if (c->rag == RAG_NONE && c->type != CELL_DELTA) {
        switch (c->type) {
        case CELL_INT: return x->integer;
        case CELL_PERCENT: return x->percent[dec];
        default: return x->number[dec];
        }
    }
    lxw_format *f = workbook_add_format(x->wb);
    static const lxw_color_t rag_bg[4] = {0, 0xC6EFCE, 0xFFEB9C, 0xFFC7CE};
    static const lxw_color_t rag_fg[4] = {0, 0x006100, 0x9C5700, 0x9C0006};
    if (c->rag != RAG_NONE) {
        format_set_bg_color(f, rag_bg[c->rag]);
        format_set_font_color(f, rag_fg[c->rag]);
    }
    static const char *const nf[4] = {"#,##0", "#,##0.0", "#,##0.00", "#,##0.000"};
    static const char *const pf[4] = {"0\"%\"", "0.0\"%\"", "0.00\"%\"", "0.000\"%\""};
    static const char *const df[4] = {"+#,##0;-#,##0;0", "+#,##0.0;-#,##0.0;0", "+#,##0.00;-#,##0.00;0",
                                      "+#,##0.000;-#,##0.000;0"};
    if (c->type == CELL_DELTA)
        format_set_num_format(f, df[dec]); /* signed, as the PDF shows it */
    else if (c->type == CELL_PERCENT)
        format_set_num_format(f, pf[dec]);
    else if (c->type != CELL_TEXT && c->type != CELL_EMPTY)
        format_set_num_format(f, c->type == CELL_INT ? nf[0] : nf[dec]);
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
    strbuf_free(&sb);
}

/* Writes a table at *row; returns the row of its header. Tracks column widths. */
static lxw_row_t S_table(xl_t *x, lxw_worksheet *ws, const report_table_t *t, lxw_row_t *row,
                         double *widths)
{
    if (t->title)
        S_str(x, ws, (*row)++, 0, t->title, x->subtitle);
    lxw_row_t header = *row;
    for (size_t c = 0; c < t->ncols; c++) {
        S_str(x, ws, header, (lxw_col_t)c, t->headers[c], x->header);
        double w = (double)strlen(t->headers[c]) * 1.1 + 2;
        if (c < 32 && w > widths[c])
            widths[c] = w > 40 ? 40 : w;
    }
    (*row)++;
    for (size_t r = 0; r < t->nrows; r++, (*row)++) {
        for (size_t c = 0; c < t->ncols; c++) {
            const report_cell_t *cell = &t->cells[r * t->ncols + c];
            lxw_col_t col = (lxw_col_t)c;
            double w = 8;
            if (cell->type == CELL_TEXT) {
                S_str(x, ws, *row, col, cell->text, cell->rag ? x->rag[cell->rag] : NULL);
                w = (double)strlen(cell->text ? cell->text : "") * 1.05 + 2;
            } else if (cell->type == CELL_EMPTY) {
                continue;
            } else if (isfinite(cell->number)) {
                S_check(x, worksheet_write_number(ws, *row, col, cell->number, S_cell_format(x, cell)));
                w = 12;
            } else {
                S_check(x, worksheet_write_string(ws, *row, col, "n/a", NULL));
            }
            if (c < 32 && w > widths[c])
                widths[c] = w > 60 ? 60 : w;
        }
    }
    (*row)++;
    return header;
}

static void S_chart(xl_t *x, lxw_worksheet *ws, const char *sheet, const chart_spec_t *spec,
                    lxw_row_t *data_row, lxw_col_t data_col, lxw_row_t *chart_row)
{
    /* the chart's data, in cells beside the tables */
    lxw_row_t top = *data_row;
    S_str(x, ws, top, data_col, spec->title, x->subtitle);
    S_str(x, ws, top + 1, data_col, "Category", x->header);
    for (size_t s = 0; s < spec->nseries; s++)
        S_str(x, ws, top + 1, data_col + 1 + (lxw_col_t)s, spec->series[s].name, x->header);
    if (isfinite(spec->target))
        S_str(x, ws, top + 1, data_col + 1 + (lxw_col_t)spec->nseries,
              spec->target_label ? spec->target_label : "Target", x->header);
    for (size_t j = 0; j < spec->ncat; j++) {
        lxw_row_t rr = top + 2 + (lxw_row_t)j;
        S_str(x, ws, rr, data_col, spec->categories[j], NULL);
        for (size_t s = 0; s < spec->nseries; s++) {
            double v = spec->series[s].values[j];
            if (isfinite(v))
                S_check(x, worksheet_write_number(ws, rr, data_col + 1 + (lxw_col_t)s, v,
                                                  spec->percent ? x->percent[2] : x->number[1]));
        }
        if (isfinite(spec->target))
            S_check(x, worksheet_write_number(ws, rr, data_col + 1 + (lxw_col_t)spec->nseries,
                                              spec->target, x->percent[2]));
    }
    *data_row = top + 3 + (lxw_row_t)spec->ncat;
    if (spec->ncat == 0)
        return;

    uint8_t type;
    switch (spec->kind) {
    case CHART_LINE:
    case CHART_CUMULATIVE: type = LXW_CHART_LINE; break;
    case CHART_STACKED_BAR: type = LXW_CHART_COLUMN_STACKED; break;
    case CHART_DONUT: type = LXW_CHART_DOUGHNUT; break;
    case CHART_RADAR: type = LXW_CHART_RADAR; break;
    case CHART_TORNADO: type = LXW_CHART_BAR; break;
    case CHART_HEATMAP: return; /* no native heat map: the data stays in the sheet */
    default: type = LXW_CHART_COLUMN; break;
    }
    lxw_chart *ch = workbook_add_chart(x->wb, type);
    if (!ch) {
        S_check(x, LXW_ERROR_MEMORY_MALLOC_FAILED);
        return;
    }
    lxw_row_t first = top + 2, last = top + 1 + (lxw_row_t)spec->ncat;
    size_t nser = spec->nseries + (isfinite(spec->target) ? 1 : 0);
    for (size_t s = 0; s < nser; s++) {
        lxw_chart_series *ser = chart_add_series(ch, NULL, NULL);
        if (!ser)
            continue;
        lxw_col_t vc = data_col + 1 + (lxw_col_t)s;
        chart_series_set_categories(ser, sheet, first, data_col, last, data_col);
        chart_series_set_values(ser, sheet, first, vc, last, vc);
        chart_series_set_name_range(ser, sheet, top + 1, vc);
        if (s == spec->nseries) { /* the target: a dashed red line */
            lxw_chart_line line = {.color = 0xC00000, .dash_type = LXW_CHART_LINE_DASH_DASH, .width = 1.5};
            chart_series_set_line(ser, &line);
        }
    }
    chart_title_set_name(ch, spec->title);
    if (spec->y_title)
        chart_axis_set_name(ch->y_axis, spec->y_title);
    if (isfinite(spec->y_min))
        chart_axis_set_min(ch->y_axis, spec->y_min);
    if (isfinite(spec->y_max))
        chart_axis_set_max(ch->y_axis, spec->y_max);
    if (spec->percent && !isfinite(spec->y_min)) {
        /* availability-style values all near 100: do not start the axis at zero */
        double mn = INFINITY;
        for (size_t s = 0; s < spec->nseries; s++)
            for (size_t j = 0; j < spec->ncat; j++)
                if (isfinite(spec->series[s].values[j]) && spec->series[s].values[j] < mn)
                    mn = spec->series[s].values[j];
        if (isfinite(mn) && mn > 90)
            chart_axis_set_min(ch->y_axis, floor(mn - 1));
    }
    chart_legend_set_position(ch, nser > 1 ? LXW_CHART_LEGEND_BOTTOM : LXW_CHART_LEGEND_NONE);
    lxw_chart_options opt = {.x_scale = 1.4, .y_scale = 1.1};
    S_check(x, worksheet_insert_chart_opt(ws, *chart_row, 0, ch, &opt));
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
    size_t ncharts = 0;
    for (size_t b = 0; b < sec->nblocks; b++) {
        const report_block_t *blk = &sec->blocks[b];
        if (blk->kind == BLOCK_TABLE) {
            lxw_row_t h = S_table(x, ws, blk->table, &row, widths);
            if (!have_header)
                first_header = h, have_header = 1;
        } else if (blk->kind == BLOCK_CHART) {
            ncharts++;
        } else {
            S_str(x, ws, row++, 0, blk->text, blk->kind == BLOCK_NOTE ? x->note : NULL);
        }
    }
    if (have_header)
        worksheet_freeze_panes(ws, first_header + 1, 0);
    /* charts below the tables; their data to the right of everything */
    lxw_row_t chart_row = row + 1;
    lxw_row_t data_row = 4;
    lxw_col_t data_col = 12;
    for (size_t b = 0; b < sec->nblocks; b++)
        if (sec->blocks[b].kind == BLOCK_CHART)
            S_chart(x, ws, sec->sheet, sec->blocks[b].chart, &data_row, data_col, &chart_row);
    if (ncharts)
        S_check(x, worksheet_set_column(ws, data_col, data_col, 22, NULL));
    for (lxw_col_t c = 0; c < 10; c++)
        if (widths[c] > 0)
            S_check(x, worksheet_set_column(ws, c, c, widths[c] < 10 ? 10 : widths[c], NULL));
}

static double S_excel_time(const tz_t *tz, ts_t t)
{
    return (double)tz_utc_to_local(tz, t) / 86400.0 + 25569.0;
}

/* Every ticket that counts in P: opened in P, resolved in P, or in the backlog at end. */
static void S_tickets(xl_t *x)
{
    const report_facts_t *f = &x->r->facts;
    const metrics_period_t *p = &f->metrics->period;
    static const char *const hdr[] = {"id", "kind", "service", "priority", "status", "opened_at",
                                      "first_response_at", "resolved_at", "closed_at", "group",
                                      "assignee", "channel", "reopen_count", "reassignment_count",
                                      "title", "source"};
    const size_t ncols = sizeof hdr / sizeof hdr[0];
    lxw_worksheet *ws = NULL;
    lxw_row_t row = 0;
    int sheet_no = 0;
    strbuf_t name = {0};
    for (size_t i = 0; i < f->store->ntickets; i++) {
        const ticket_t *t = &f->store->tickets[i];
        if (t->opened > p->as_of)
            continue;
        ts_t res = ticket_resolution(t, p->as_of);
        int counts = in_period(t->opened, p) || in_period(res, p) ||
                     (is_incident_or_request(t) && t->status != TSTATUS_CANCELLED &&
                      t->opened < p->end && (res == TS_NONE || res >= p->end));
        if (!counts)
            continue;
        if (!ws || row >= LXW_ROW_MAX) {
            strbuf_reset(&name);
            if (sheet_no == 0)
                strbuf_puts(&name, "Tickets");
            else
                strbuf_printf(&name, "Tickets %d", sheet_no + 1);
            sheet_no++;
            ws = workbook_add_worksheet(x->wb, name.data);
            if (!ws) {
                S_check(x, LXW_ERROR_SHEETNAME_ALREADY_USED);
                break;
            }
            for (size_t c = 0; c < ncols; c++)
                S_str(x, ws, 0, (lxw_col_t)c, hdr[c], x->header);
            worksheet_freeze_panes(ws, 1, 0);
            S_check(x, worksheet_set_column(ws, 0, 0, 14, NULL));
            S_check(x, worksheet_set_column(ws, 5, 8, 17, NULL));
            S_check(x, worksheet_set_column(ws, 14, 14, 50, NULL));
            row = 1;
        }
        S_str(x, ws, row, 0, t->id, NULL);
        S_str(x, ws, row, 1, kind_names[t->kind], NULL);
        S_str(x, ws, row, 2, t->service, NULL);
        if (t->priority)
            S_check(x, worksheet_write_number(ws, row, 3, t->priority, NULL));
        if (t->status >= 0)
            S_str(x, ws, row, 4, ticket_status_names[t->status], NULL);
        ts_t times[4] = {t->opened, t->first_response, t->resolved, t->closed};
        for (int k = 0; k < 4; k++)
            if (times[k] != TS_NONE)
                S_check(x, worksheet_write_number(ws, row, (lxw_col_t)(5 + k),
                                                  S_excel_time(f->tz, times[k]), x->date));
        S_str(x, ws, row, 9, t->group, NULL);
        S_str(x, ws, row, 10, t->assignee, NULL);
        S_str(x, ws, row, 11, t->channel, NULL);
        if (t->reopen_count >= 0)
            S_check(x, worksheet_write_number(ws, row, 12, t->reopen_count, NULL));
        if (t->reassignment_count >= 0)
            S_check(x, worksheet_write_number(ws, row, 13, t->reassignment_count, NULL));
        S_str(x, ws, row, 14, t->title, NULL);
        S_str(x, ws, row, 15, f->store->quality[t->source].file, NULL);
        row++;
        if (row >= LXW_ROW_MAX) /* the sheet is full: filter it before the next one starts */
            S_check(x, worksheet_autofilter(ws, 0, 0, row - 1, (lxw_col_t)(ncols - 1)));
    }
    if (ws && row > 1 && row < LXW_ROW_MAX)
        S_check(x, worksheet_autofilter(ws, 0, 0, row - 1, (lxw_col_t)(ncols - 1)));
    if (!ws) {
        ws = workbook_add_worksheet(x->wb, "Tickets");
        if (ws) {
            for (size_t c = 0; c < ncols; c++)
                S_str(x, ws, 0, (lxw_col_t)c, hdr[c], x->header);
            worksheet_freeze_panes(ws, 1, 0);
        }
    }
    strbuf_free(&name);
}

status_t render_xlsx(const report_t *r, const char *path, diag_t *d)
{
    xl_t xv = {0};
    xl_t *x = &xv;
    x->r = r;
    lxw_workbook_options opt = {.constant_memory = LXW_FALSE, .tmpdir = NULL, .use_zip64 = LXW_TRUE};
    x->wb = workbook_new_opt(path, &opt);
    if (!x->wb)
        return diag_set(d, ST_CANTCREATE, path, 0, 0, "cannot create the workbook");
    S_formats(x);
    strbuf_t title = {0};
    strbuf_printf(&title, "%s %s", r->title, r->facts.period_label);
    lxw_doc_properties props = {0};
    props.title = (char *)title.data;
    props.subject = "ISO/IEC 20000-1 service management review";
    props.author = "iso20k " ISO20K_VERSION;
    props.company = (char *)r->organization;
    props.comments = "Generated by iso20k from ITSM exports";
    props.created = (time_t)r->facts.metrics->period.as_of; /* reproducible */
    S_check(x, workbook_set_properties(x->wb, &props));
    for (size_t i = 0; i < r->nsections; i++)
        S_section(x, &r->sections[i]);
    S_tickets(x);
    lxw_error e = workbook_close(x->wb);
    strbuf_free(&title);
    if (x->err == LXW_NO_ERROR)
        x->err = e;
    if (x->err != LXW_NO_ERROR)
        return diag_set(d, ST_IOERR, path, 0, 0, "cannot write the workbook: %s",
                        lxw_strerror(x->err));
    return ST_OK;
}
