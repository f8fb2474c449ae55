/*
 * render_xlsx_evidence — the workbook's ticket detail (each listed ticket with its SLA outcome,
 * continued on further sheets past Excel's last row) and the evidence sheets that follow it:
 * Breaches, Outages and the SLA check, whose COUNTIFS formulas recount the ticket sheets.
 * Part of the render_xlsx module; the sheets of the report sections are in render_xlsx.c.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <xlsxwriter.h>

#include "metrics/metrics.h"
#include "render_xlsx_int.h"

static double S_excel_time(const tz_t *tz, ts_t t)
{
    return (double)tz_utc_to_local(tz, t) / 86400.0 + 25569.0;
}

/* A ticket sheet's rows 0..rows-1 become an Excel table, or get an autofilter in
 * constant-memory mode (where libxlsxwriter refuses tables). */
static void S_ticket_filter(xl_t *x, lxw_worksheet *ws, lxw_row_t rows, const char *const *hdr,
                            size_t ncols)
{
    if (x->constant_memory) {
        xl_check(x, worksheet_autofilter(ws, 0, 0, rows - 1, (lxw_col_t)(ncols - 1)));
        return;
    }
    xl_add_table(x, ws, 0, rows - 1, ncols, (char *const *)hdr);
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
        xl_str(x, ws, 0, (lxw_col_t)c, TICKET_COLUMNS[c], x->header);
    worksheet_freeze_panes(ws, 1, 0);
    xl_print(x, ws, 1, 0, 0, 0);
    if (columns) {
        xl_check(x, worksheet_set_column(ws, 0, 0, 14, NULL));
        xl_check(x, worksheet_set_column(ws, 5, 8, 17, NULL));
        xl_check(x, worksheet_set_column(ws, 14, 14, 50, NULL));
        xl_check(x, worksheet_set_column(ws, 16, 23, 14, NULL));
    }
    return ws;
}

static void S_target_format(strbuf_t *sb, const cfg_sla_target_t *t)
{
    if (t->priority)
        strbuf_printf(sb, "%s P%d (%s)", kind_names[t->kind], t->priority, t->calendar);
    else
        strbuf_printf(sb, "%s default (%s)", kind_names[t->kind], t->calendar);
}

const char *xl_target_text(xl_t *x, const cfg_sla_target_t *t)
{
    const config_t *cfg = x->r->facts.cfg;
    /* every target metrics applies is an entry of cfg->sla (config_sla_target): its text is
     * made once, by its place there */
    uintptr_t at = (uintptr_t)t, first = (uintptr_t)cfg->sla;
    if (!cfg->nsla || at < first || at >= (uintptr_t)(cfg->sla + cfg->nsla)) {
        strbuf_reset(&x->target_scratch);
        S_target_format(&x->target_scratch, t);
        return strbuf_cstr(&x->target_scratch);
    }
    if (!x->target_text)
        x->target_text = xcalloc(cfg->nsla, sizeof(char *));
    char **text = &x->target_text[t - cfg->sla];
    if (!*text) {
        strbuf_t sb = {0};
        S_target_format(&sb, t);
        *text = sb.data ? sb.data : xstrdup("");
    }
    return *text;
}

/* The ticket's SLA outcome as metrics counted it (metrics_ticket_sla), columns 16..23. */
static void S_ticket_sla_cells(xl_t *x, lxw_worksheet *ws, lxw_row_t row, const ticket_t *t,
                               ticket_sla_t *out)
{
    const report_facts_t *f = &x->r->facts;
    metrics_ticket_sla(f->cfg, f->store, f->tz, &f->metrics->period, t, out);
    const ticket_sla_t o = *out;
    if (o.response != SLA_OUT_NONE)
        xl_str(x, ws, row, TICKET_COL_RESPONSE_SLA, sla_outcome_names[o.response], NULL);
    if (o.resolution != SLA_OUT_NONE)
        xl_str(x, ws, row, TICKET_COL_RESPONSE_SLA + 1, sla_outcome_names[o.resolution], NULL);
    int64_t secs[3] = {o.response_elapsed, o.resolution_elapsed, o.paused};
    for (int k = 0; k < 3; k++)
        if (secs[k] >= 0)
            xl_check(x,
                     worksheet_write_number(ws, row, (lxw_col_t)(TICKET_COL_RESPONSE_SLA + 2 + k),
                                            (double)secs[k] / 60.0, x->number[2]));
    if (!o.target)
        return;
    xl_str(x, ws, row, TICKET_COL_RESPONSE_SLA + 5, xl_target_text(x, o.target), NULL);
    int64_t tg[2] = {o.target->respond, o.target->resolve};
    for (int k = 0; k < 2; k++)
        if (tg[k] >= 0)
            xl_check(x,
                     worksheet_write_number(ws, row, (lxw_col_t)(TICKET_COL_RESPONSE_SLA + 6 + k),
                                            (double)tg[k] / 60.0, x->number[2]));
}

/* One ticket's row; its SLA outcome into *o. */
static void S_ticket_row(xl_t *x, lxw_worksheet *ws, lxw_row_t row, const ticket_t *t,
                         ticket_sla_t *o)
{
    const report_facts_t *f = &x->r->facts;
    xl_str(x, ws, row, 0, t->id, NULL);
    xl_str(x, ws, row, 1, kind_names[t->kind], NULL);
    xl_str(x, ws, row, 2, t->service, NULL);
    if (t->priority)
        xl_number(x, ws, row, 3, t->priority, NULL);
    if (t->status >= 0)
        xl_str(x, ws, row, 4, ticket_status_names[t->status], NULL);
    ts_t times[4] = {t->opened, t->first_response, t->resolved, t->closed};
    for (int k = 0; k < 4; k++)
        if (times[k] != TS_NONE)
            xl_number(x, ws, row, (lxw_col_t)(5 + k), S_excel_time(f->tz, times[k]), x->date);
    xl_str(x, ws, row, 9, t->group, NULL);
    xl_str(x, ws, row, 10, t->assignee, NULL);
    xl_str(x, ws, row, 11, t->channel, NULL);
    if (t->reopen_count >= 0)
        xl_number(x, ws, row, 12, t->reopen_count, NULL);
    if (t->reassignment_count >= 0)
        xl_number(x, ws, row, 13, t->reassignment_count, NULL);
    xl_str(x, ws, row, 14, t->title, NULL);
    xl_str(x, ws, row, 15, f->store->quality[t->source].file, NULL);
    S_ticket_sla_cells(x, ws, row, t, o);
}

/* Every ticket the metrics list for P (ticket_listed: opened in P, resolved in P, or in the
 * backlog at end), in store order, continued on a further sheet past Excel's last row. */
int xl_tickets(xl_t *x, breaches_t *br)
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
                xl_check(x, LXW_ERROR_SHEETNAME_ALREADY_USED);
                break;
            }
            row = 1;
        }
        ticket_sla_t o;
        S_ticket_row(x, ws, row, t, &o);
        if (o.response == SLA_OUT_BREACHED || o.resolution == SLA_OUT_BREACHED ||
            o.resolution == SLA_OUT_OPEN_BREACHED) {
            xgrow((void **)&br->v, &br->cap, br->n + 1, sizeof br->v[0]);
            br->v[br->n++] = (breach_t){t, o};
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
        xl_check(x, LXW_ERROR_SHEETNAME_ALREADY_USED);
        return;
    }
    for (size_t c = 0; c < ls->ncols; c++) {
        xl_str(x, ls->ws, 0, (lxw_col_t)c, ls->hdr[c], x->header);
        xl_check(x, worksheet_set_column(ls->ws, (lxw_col_t)c, (lxw_col_t)c, ls->widths[c], NULL));
    }
    worksheet_freeze_panes(ls->ws, 1, 0);
    xl_print(x, ls->ws, 1, 0, 0, 0);
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
    xl_str(x, ws, row, 0, t->id, NULL);
    xl_str(x, ws, row, 1, resolution ? "resolution" : "response", NULL);
    xl_str(x, ws, row, 2, sla_outcome_names[out], NULL);
    xl_str(x, ws, row, 3, kind_names[t->kind], NULL);
    if (t->priority)
        xl_check(x, worksheet_write_number(ws, row, 4, t->priority, NULL));
    xl_str(x, ws, row, 5, t->service, NULL);
    xl_str(x, ws, row, 6, t->group, NULL);
    xl_str(x, ws, row, 7, t->assignee, NULL);
    xl_check(x, worksheet_write_number(ws, row, 8, S_excel_time(f->tz, t->opened), x->date));
    if (at != TS_NONE && out != SLA_OUT_OPEN_BREACHED)
        xl_check(x, worksheet_write_number(ws, row, 9, S_excel_time(f->tz, at), x->date));
    double v[3] = {(double)el / 60.0, (double)tg / 60.0, (double)(el - tg) / 60.0};
    for (int k = 0; k < 3; k++)
        xl_check(x, worksheet_write_number(ws, row, (lxw_col_t)(10 + k), v[k], x->number[2]));
    xl_str(x, ws, row, 13, xl_target_text(x, b->o.target), NULL);
    xl_str(x, ws, row, 14, t->title, NULL);
}

/*
 * "Breaches": one row per breached measure of a ticket of the detail (response breached,
 * resolution breached, open_breached), in the ticket detail's order, so that every breach
 * count of the SLA sheet is a filter away from its ticket ids.
 */
void xl_breaches(xl_t *x, const breaches_t *br)
{
    list_sheet_t ls = {
        x, "Breaches", BREACH_COLUMNS, sizeof BREACH_COLUMNS / sizeof(char *), BREACH_WIDTHS, NULL,
        0, 0};
    for (size_t i = 0; i < br->n; i++) {
        const breach_t *b = &br->v[i];
        if (b->o.response == SLA_OUT_BREACHED)
            S_breach_row(x, &ls, b, 0);
        if (b->o.resolution == SLA_OUT_BREACHED || b->o.resolution == SLA_OUT_OPEN_BREACHED)
            S_breach_row(x, &ls, b, 1);
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
    xl_str(x, ws, row, 0, iv->service, NULL);
    xl_check(x, worksheet_write_number(ws, row, 1, (double)no, NULL));
    xl_check(x, worksheet_write_number(ws, row, 2, S_excel_time(f->tz, iv->start), x->date));
    xl_check(x, worksheet_write_number(ws, row, 3, S_excel_time(f->tz, iv->end), x->date));
    xl_check(x,
             worksheet_write_number(ws, row, 4, (double)iv->downtime_seconds / 60.0, x->number[2]));
    xl_str(x, ws, row, 5, iv->counted ? "yes" : "no", NULL);
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
    xl_str(x, ws, row, 6, id, NULL);
    xl_str(x, ws, row, 7, sb.data, NULL);
    strbuf_clear(&sb);
    xl_check(x, worksheet_write_number(ws, row, 8, S_excel_time(f->tz, rec->start), x->date));
    xl_check(x, worksheet_write_number(ws, row, 9, S_excel_time(f->tz, rec->end), x->date));
    xl_str(x, ws, row, 10, f->store->quality[source].file, NULL);
    xl_check(x, worksheet_write_number(ws, row, 11, (double)line, NULL));
}

/*
 * "Outages": every merged unplanned-outage interval of the availability rows (metrics'
 * own merging), one row per record it came from; `counted` says whether it is one of the
 * row's outages (downtime on the calendar outside maintenance).
 */
void xl_outages(xl_t *x)
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
        xl_formula(x, ws, row, c, f.data, x->integer, (double)figures[k]);
        xl_check(x, worksheet_write_number(ws, row, c + 1, (double)figures[k], x->integer));
        char a[16], b[16];
        xl_ref(a, row, c);
        xl_ref(b, row, c + 1);
        strbuf_printf(&agree, "%s%s=%s", k ? "," : "", a, b);
    }
    strbuf_puts(&agree, "),\"yes\",\"NO\")");
    xl_check(x, worksheet_write_formula_str(ws, row, 12, agree.data, NULL, "yes"));
    strbuf_clear(&f);
    strbuf_clear(&agree);
}

/*
 * "SLA check": the SLA sheet's counts per kind and priority recounted by COUNTIFS formulas
 * over the ticket detail's SLA columns, so that a reader (or a recalculating spreadsheet) sees
 * that every figure is the sum of its tickets.
 */
void xl_sla_check(xl_t *x, int nsheets)
{
    const sla_result_t *sla = &x->r->facts.metrics->sla;
    lxw_worksheet *ws = workbook_add_worksheet(x->wb, "SLA check");
    if (!ws) {
        xl_check(x, LXW_ERROR_SHEETNAME_ALREADY_USED);
        return;
    }
    xl_title_block(x, ws, "SLA figures recounted from the ticket detail");
    xl_str(x, ws, 3, 0,
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
    xl_check(x, worksheet_set_row(ws, row, 45, NULL)); /* before the row: constant-memory mode */
    for (lxw_col_t c = 0; c < 13; c++)
        xl_str(x, ws, row, c, hdr[c], x->header);
    row++;
    for (size_t i = 0; i < sla->nrows; i++, row++) {
        const sla_row_t *r = &sla->rows[i];
        xl_str(x, ws, row, 0, kind_names[r->kind], NULL);
        if (r->priority)
            xl_check(x, worksheet_write_number(ws, row, 1, r->priority, NULL));
        size_t fig[5] = {r->resp_met, r->resp_breached, r->resp_pending, r->res_met,
                         r->res_breached};
        S_check_row(x, ws, row, nsheets, kind_names[r->kind], r->priority, fig);
    }
    xl_str(x, ws, row, 0, "all", x->header);
    size_t all[5] = {sla->resp_met, sla->resp_breached, sla->resp_pending, sla->res_met,
                     sla->res_breached};
    S_check_row(x, ws, row, nsheets, NULL, 0, all);
    row += 2;
    /* the backlog past its target and the tickets without a target, outside the rows */
    strbuf_t f = {0};
    xl_check(x, worksheet_set_row(ws, row, 30, NULL));
    xl_str(x, ws, row, 0, "open_breached (tickets)", x->header);
    xl_str(x, ws, row, 1, "open_breached (SLA sheet)", x->header);
    xl_str(x, ws, row, 2, "no target (tickets)", x->header);
    xl_str(x, ws, row, 3, "no target (SLA sheet)", x->header);
    row++;
    S_countifs(&f, nsheets, NULL, 0, TICKET_COL_RESPONSE_SLA + 1, "open_breached");
    xl_formula(x, ws, row, 0, f.data, x->integer, (double)sla->open_breached);
    xl_check(x, worksheet_write_number(ws, row, 1, (double)sla->open_breached, x->integer));
    /* no_target in the figures: opened in P with no target at all (the target column empty) */
    strbuf_reset(&f);
    for (int k = 0; k < nsheets; k++) {
        strbuf_puts(&f, k ? "+COUNTIFS(" : "COUNTIFS(");
        S_ticket_col(&f, k, TICKET_COL_RESPONSE_SLA);
        strbuf_puts(&f, ",\"no_target\",");
        S_ticket_col(&f, k, TICKET_COL_TARGET);
        strbuf_puts(&f, ",\"=\")");
    }
    xl_formula(x, ws, row, 2, f.data, x->integer, (double)sla->no_target);
    xl_check(x, worksheet_write_number(ws, row, 3, (double)sla->no_target, x->integer));
    strbuf_clear(&f);
    xl_check(x, worksheet_set_column(ws, 0, 0, 22, NULL));
    xl_check(x, worksheet_set_column(ws, 1, 12, 13, NULL));
    worksheet_freeze_panes(ws, 6, 2);
    xl_print(x, ws, 1, 1, 5, 5);
}
