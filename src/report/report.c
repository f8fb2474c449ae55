/*
 * report — metrics → sections, tables and chart specs, in the order of SPEC 8.1.
 * Everything allocated here lives in the report's arena.
 */
#include "report/report.h"

#include <ctype.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *const rag_names[4] = {"", "green", "amber", "red"};

static const char *const MONTHS[12] = {"January",   "February", "March",    "April",
                                       "May",       "June",     "July",     "August",
                                       "September", "October",  "November", "December"};

static const char *S_fmt(report_t *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static const char *S_fmt(report_t *r, const char *fmt, ...)
{
    char buf[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    return arena_strdup(r->arena, buf);
}

static report_section_t *S_section(report_t *r, const char *title, const char *sheet)
{
    r->sections = xrealloc(r->sections, (r->nsections + 1) * sizeof(report_section_t));
    report_section_t *s = &r->sections[r->nsections++];
    memset(s, 0, sizeof *s);
    s->title = title;
    s->sheet = sheet;
    return s;
}

static report_block_t *S_block(report_section_t *s, block_kind_t kind)
{
    xgrow((void **)&s->blocks, &s->capblocks, s->nblocks + 1, sizeof(report_block_t));
    report_block_t *b = &s->blocks[s->nblocks++];
    memset(b, 0, sizeof *b);
    b->kind = kind;
    return b;
}

static void S_para(report_section_t *s, const char *text)
{
    S_block(s, BLOCK_PARAGRAPH)->text = text;
}

static void S_note(report_section_t *s, const char *text)
{
    S_block(s, BLOCK_NOTE)->text = text;
}

static report_table_t *S_table(report_t *r, report_section_t *s, const char *title, size_t nrows,
                               size_t ncols, const char *const *headers)
{
    report_table_t *t = arena_alloc(r->arena, sizeof *t);
    t->title = title;
    t->ncols = ncols;
    t->nrows = nrows;
    t->headers = arena_alloc(r->arena, ncols * sizeof(char *));
    for (size_t i = 0; i < ncols; i++)
        t->headers[i] = headers[i];
    t->cells = arena_alloc(r->arena, (nrows ? nrows : 1) * ncols * sizeof(report_cell_t));
    for (size_t i = 0; i < (nrows ? nrows : 1) * ncols; i++)
        t->cells[i].target_col = t->cells[i].status_of = -1;
    S_block(s, BLOCK_TABLE)->table = t;
    return t;
}

static report_cell_t *C(report_table_t *t, size_t row, size_t col)
{
    return &t->cells[row * t->ncols + col];
}

static void S_text(report_table_t *t, size_t row, size_t col, const char *text)
{
    report_cell_t *c = C(t, row, col);
    c->type = text ? CELL_TEXT : CELL_EMPTY;
    c->text = text;
}

static void S_num(report_table_t *t, size_t row, size_t col, cell_type_t type, double v, int dec)
{
    report_cell_t *c = C(t, row, col);
    c->type = type;
    c->number = v;
    c->decimals = dec;
}

static chart_spec_t *S_chart(report_t *r, report_section_t *s, chart_kind_t kind, const char *title,
                             size_t ncat, size_t nseries)
{
    chart_spec_t *c = arena_alloc(r->arena, sizeof *c);
    c->kind = kind;
    c->title = title;
    c->ncat = ncat;
    c->categories = arena_alloc(r->arena, (ncat ? ncat : 1) * sizeof(char *));
    c->nseries = nseries;
    c->series = arena_alloc(r->arena, nseries * sizeof(chart_series_t));
    for (size_t i = 0; i < nseries; i++) {
        c->series[i].values = arena_alloc(r->arena, (ncat ? ncat : 1) * sizeof(double));
        for (size_t j = 0; j < ncat; j++)
            c->series[i].values[j] = NAN;
    }
    c->target = NAN;
    c->y_min = c->y_max = NAN;
    c->band_lo = c->band_hi = NAN;
    c->marker_x = NAN;
    c->base = NAN;
    S_block(s, BLOCK_CHART)->chart = c;
    return c;
}

#define CHART_MAX_SERVICES 20

typedef struct ranked {
    size_t index;
    double key;
} ranked_t;

static int S_cmp_ranked(const void *a, const void *b)
{
    const ranked_t *x = a, *y = b;
    if (x->key != y->key)
        return x->key < y->key ? -1 : 1;
    return x->index < y->index ? -1 : x->index > y->index;
}

/*
 * The positions to chart out of n: all of them in their order when n <= CHART_MAX_SERVICES,
 * else the CHART_MAX_SERVICES with the lowest keys (NAN last), in their original order.
 * Returns how many were written to out.
 */
static size_t S_pick(const double *keys, size_t n, size_t *out)
{
    if (n <= CHART_MAX_SERVICES) {
        for (size_t i = 0; i < n; i++)
            out[i] = i;
        return n;
    }
    ranked_t *r = xmalloc(n * sizeof *r);
    for (size_t i = 0; i < n; i++) {
        r[i].index = i;
        r[i].key = isnan(keys[i]) ? INFINITY : keys[i];
    }
    qsort(r, n, sizeof *r, S_cmp_ranked);
    for (size_t i = 0; i < CHART_MAX_SERVICES; i++)
        out[i] = r[i].index;
    free(r);
    /* back in catalogue order */
    for (size_t i = 1; i < CHART_MAX_SERVICES; i++)
        for (size_t j = i; j > 0 && out[j - 1] > out[j]; j--) {
            size_t t = out[j];
            out[j] = out[j - 1];
            out[j - 1] = t;
        }
    return CHART_MAX_SERVICES;
}

rag_t report_rag(const cfg_kpi_target_t *t, double v)
{
    if (!t || isnan(v))
        return RAG_NONE;
    if (t->lower_is_better) {
        if (v <= t->target)
            return RAG_GREEN;
        return (!isnan(t->amber) && v <= t->amber) ? RAG_AMBER : RAG_RED;
    }
    if (v >= t->target)
        return RAG_GREEN;
    return (!isnan(t->amber) && v >= t->amber) ? RAG_AMBER : RAG_RED;
}

/* Marks a cell red/amber/green against a KPI target, and records how (for the workbook). */
static void S_judge(report_cell_t *c, const cfg_kpi_target_t *t, int target_col)
{
    c->rag = report_rag(t, c->number);
    if (!t)
        return;
    c->judged = 1;
    c->rag_target = t->target;
    c->rag_amber = t->amber;
    c->rag_lower = t->lower_is_better;
    c->target_col = target_col;
}

static const char *S_priority_name(report_t *r, int kind, int priority)
{
    const char *k = kind == KIND_INCIDENT ? "Incident" : "Request";
    return priority ? S_fmt(r, "%s P%d", k, priority) : S_fmt(r, "%s (no priority)", k);
}

/* ---- sections ---- */

typedef struct kpi_line {
    const char *name;
    int section;     /* where the KPI is detailed */
    const char *key; /* target key in the config */
    cell_type_t type;
    int decimals;
    double value, previous;
} kpi_line_t;

static void S_summary(report_t *r)
{
    const report_facts_t *f = &r->facts;
    const metrics_t *m = f->metrics;
    const trend_kpis_t *pv = f->previous && f->previous->known ? &f->previous->kpis : NULL;
    report_section_t *s = S_section(r, "Executive summary", "Summary");
    kpi_line_t lines[] = {
        {"Service availability (all services)", SECTION_AVAILABILITY, "availability_pct",
         CELL_PERCENT, 2, m->overall_availability_pct, pv ? pv->availability_pct : NAN},
        {"Response SLA attainment", SECTION_INCIDENTS, "response_attainment_pct", CELL_PERCENT, 1,
         m->sla.response_attainment_pct, pv ? pv->response_attainment_pct : NAN},
        {"Resolution SLA attainment", SECTION_INCIDENTS, "resolution_attainment_pct", CELL_PERCENT,
         1, m->sla.resolution_attainment_pct, pv ? pv->resolution_attainment_pct : NAN},
        {"Customer satisfaction (CSAT)", SECTION_SATISFACTION, "csat_pct", CELL_PERCENT, 1,
         m->satisfaction.csat_pct, pv ? pv->csat_pct : NAN},
        {"Net promoter score", SECTION_SATISFACTION, "nps", CELL_NUMBER, 0, m->satisfaction.nps,
         NAN},
        {"Reopen rate", SECTION_CHANGES, "reopen_rate_pct", CELL_PERCENT, 1,
         m->efficiency.reopen_rate_pct, pv ? pv->reopen_rate_pct : NAN},
        {"First-assignment resolution", SECTION_CHANGES, "first_assignment_resolution_pct",
         CELL_PERCENT, 1, m->efficiency.first_assignment_resolution_pct, NAN},
        {"Change success", SECTION_CHANGES, "change_success_pct", CELL_PERCENT, 1,
         m->efficiency.change_success_pct, NAN},
        {"Tickets opened", SECTION_INCIDENTS, NULL, CELL_INT, 0, (double)m->volumes.opened,
         pv && pv->opened >= 0 ? (double)pv->opened : NAN},
        {"Tickets resolved", SECTION_INCIDENTS, NULL, CELL_INT, 0, (double)m->volumes.resolved,
         pv && pv->resolved >= 0 ? (double)pv->resolved : NAN},
        {"Open backlog at period end", SECTION_INCIDENTS, NULL, CELL_INT, 0,
         (double)m->volumes.backlog_end, NAN},
        {"ISO/IEC 20000-1 readiness", SECTION_READINESS, "readiness_pct", CELL_PERCENT, 1,
         f->readiness ? f->readiness->overall_pct : NAN, NAN},
    };
    size_t n =
        sizeof lines / sizeof lines[0] - !f->readiness; /* the readiness line needs an assessment */
    static const char *const hdr[] = {"Indicator", "Value",    "Target",
                                      "Status",    "Previous", "Change"};
    report_table_t *t = S_table(r, s, "Key indicators", n, 6, hdr);
    t->row_links = arena_alloc(r->arena, n * sizeof(int));
    for (size_t i = 0; i < n; i++) {
        t->row_links[i] = lines[i].section;
        const cfg_kpi_target_t *tg = lines[i].key ? config_target(f->cfg, lines[i].key) : NULL;
        S_text(t, i, 0, lines[i].name);
        S_num(t, i, 1, lines[i].type, lines[i].value, lines[i].decimals);
        S_judge(C(t, i, 1), tg, 2);
        if (tg)
            S_num(t, i, 2, lines[i].type, tg->target, lines[i].decimals);
        rag_t rag = report_rag(tg, lines[i].value);
        S_text(t, i, 3,
               rag == RAG_GREEN   ? "on target"
               : rag == RAG_AMBER ? "watch"
               : rag == RAG_RED   ? "off target"
                                  : NULL);
        C(t, i, 3)->rag = rag;
        if (tg)
            C(t, i, 3)->status_of = 1;
        S_num(t, i, 4, lines[i].type, lines[i].previous, lines[i].decimals);
        double delta = lines[i].value - lines[i].previous;
        if (isnan(lines[i].previous) || isnan(lines[i].value)) {
            C(t, i, 4)->type = isnan(lines[i].previous) ? CELL_EMPTY : C(t, i, 4)->type;
            C(t, i, 5)->type = CELL_EMPTY;
            continue;
        }
        /* an arrow for the direction; green when it moved the right way for a KPI with a
         * target, red when the wrong way */
        double shown = round_half_away(delta, lines[i].decimals);
        const char *arrow = shown > 0 ? "▲" : shown < 0 ? "▼" : "▶";
        char num[48];
        snprintf(num, sizeof num, "%+.*f", lines[i].decimals, shown == 0 ? 0.0 : shown);
        S_num(t, i, 5, CELL_DELTA, delta, lines[i].decimals);
        C(t, i, 5)->text = S_fmt(r, "%s %s", arrow, shown == 0 ? "0" : num); /* shown in the PDF */
        if (tg && shown != 0)
            C(t, i, 5)->rag = (shown > 0) != (tg->lower_is_better != 0) ? RAG_GREEN : RAG_RED;
    }
    /* A sentence per area. */
    size_t met = 0, measured = 0;
    const availability_row_t *worst = NULL;
    for (size_t i = 0; i < m->navailability; i++) {
        const availability_row_t *a = &m->availability[i];
        if (a->met_target < 0)
            continue;
        measured++;
        met += a->met_target == 1;
        if (a->met_target == 0 && (!worst || a->target_pct - a->availability_pct >
                                                 worst->target_pct - worst->availability_pct))
            worst = a;
    }
    if (measured) {
        if (worst)
            S_para(s,
                   S_fmt(r,
                         "Availability met its target on %zu of %zu services; %s missed it by "
                         "%.2f points (%.2f%% against %.2f%%).",
                         met, measured, worst->service, worst->target_pct - worst->availability_pct,
                         worst->availability_pct, worst->target_pct));
        else
            S_para(s, S_fmt(r, "Availability met its target on all %zu services.", measured));
    }
    if (!isnan(m->sla.response_attainment_pct) || !isnan(m->sla.resolution_attainment_pct)) {
        const cfg_kpi_target_t *rt = config_target(f->cfg, "resolution_attainment_pct");
        const sla_row_t *weakest = NULL;
        for (size_t i = 0; i < m->sla.nrows; i++)
            if (!isnan(m->sla.rows[i].res_pct) &&
                (!weakest || m->sla.rows[i].res_pct < weakest->res_pct))
                weakest = &m->sla.rows[i];
        strbuf_t sb = {0};
        strbuf_printf(&sb, "SLA: %s of responses and %s of resolutions were within target",
                      isnan(m->sla.response_attainment_pct)
                          ? "n/a"
                          : S_fmt(r, "%.1f%%", m->sla.response_attainment_pct),
                      isnan(m->sla.resolution_attainment_pct)
                          ? "n/a"
                          : S_fmt(r, "%.1f%%", m->sla.resolution_attainment_pct));
        if (rt)
            strbuf_printf(&sb, " (resolution target %g%%)", rt->target);
        if (weakest)
            strbuf_printf(&sb, "; the weakest was %s at %.1f%%",
                          S_priority_name(r, weakest->kind, weakest->priority), weakest->res_pct);
        strbuf_puts(&sb, ".");
        S_para(s, arena_strdup(r->arena, sb.data));
        strbuf_free(&sb);
    }
    if (m->satisfaction.responses) {
        const cfg_kpi_target_t *ct = config_target(f->cfg, "csat_pct");
        S_para(
            s,
            S_fmt(r,
                  "Customer satisfaction: %s from %zu survey responses%s; net promoter score %s.",
                  isnan(m->satisfaction.csat_pct)
                      ? "n/a"
                      : S_fmt(r, "%.1f%% satisfied", m->satisfaction.csat_pct),
                  m->satisfaction.responses, ct ? S_fmt(r, " (target %g%%)", ct->target) : "",
                  isnan(m->satisfaction.nps) ? "n/a" : S_fmt(r, "%.0f", m->satisfaction.nps)));
    }
    if (m->efficiency.changes_resolved)
        S_para(s,
               S_fmt(r,
                     "Changes: %zu closed, %zu failed or backed out (success %s), %zu emergency.",
                     m->efficiency.changes_resolved,
                     m->efficiency.changes_failed + m->efficiency.changes_backed_out,
                     isnan(m->efficiency.change_success_pct)
                         ? "n/a"
                         : S_fmt(r, "%.1f%%", m->efficiency.change_success_pct),
                     m->efficiency.changes_emergency));
    S_para(s, S_fmt(r,
                    "%zu tickets were opened and %zu resolved in the period; %zu incidents and "
                    "requests remained open at its end, %zu of them already past their resolution "
                    "target.",
                    m->volumes.opened, m->volumes.resolved, m->volumes.backlog_end,
                    m->sla.open_breached));
    if (f->readiness) {
        const readiness_result_t *rr = f->readiness;
        S_para(s, S_fmt(r,
                        "ISO/IEC 20000-1 readiness: %s overall; stage 1 %s, stage 2 %s; %zu gaps "
                        "(%zu major)%s.",
                        isnan(rr->overall_pct) ? "n/a" : S_fmt(r, "%.1f%%", rr->overall_pct),
                        rr->stage1_ready ? "ready" : "not ready",
                        rr->stage2_ready ? "ready" : "not ready", rr->ngaps, rr->nmajor,
                        rr->ncontradicted
                            ? S_fmt(r, "; the data contradicts %zu self-assessed score%s",
                                    rr->ncontradicted, rr->ncontradicted == 1 ? "" : "s")
                            : ""));
    }
    if (f->over_rejected_limit)
        S_note(s,
               "Some inputs had more rejected rows than the configured limit: see Data quality.");

    /* Chart: availability against target per service (the furthest below target when many). */
    if (m->navailability) {
        double *keys = xmalloc(m->navailability * sizeof(double));
        size_t *pick = xmalloc(m->navailability * sizeof(size_t));
        for (size_t i = 0; i < m->navailability; i++)
            keys[i] = m->availability[i].availability_pct - m->availability[i].target_pct;
        size_t shown = S_pick(keys, m->navailability, pick);
        chart_spec_t *c = S_chart(
            r, s, CHART_GROUPED_BAR,
            shown < m->navailability
                ? S_fmt(r, "Availability by service (%%): the %zu furthest below target", shown)
                : "Availability by service (%)",
            shown, 2);
        c->percent = 1;
        c->y_title = "%";
        c->series[0].name = "Availability";
        c->series[1].name = "Target";
        for (size_t i = 0; i < shown; i++) {
            c->categories[i] = m->availability[pick[i]].service;
            c->series[0].values[i] = m->availability[pick[i]].availability_pct;
            c->series[1].values[i] = m->availability[pick[i]].target_pct;
        }
        free(keys);
        free(pick);
    }
}

static void S_availability(report_t *r)
{
    const metrics_t *m = r->facts.metrics;
    report_section_t *s = S_section(r, "Service availability", "Availability");
    S_para(s, "Availability = (agreed service time − downtime) / agreed service time, on each "
              "service's calendar, with planned maintenance excluded from the agreed time. "
              "Overlapping outages count once.");
    static const char *const hdr[] = {"Service",      "Calendar",       "Target %",
                                      "Agreed (min)", "Downtime (min)", "Availability %",
                                      "Outages",      "MTRS (min)",     "MTBF (min)"};
    report_table_t *t = S_table(r, s, "Availability by service", m->navailability, 9, hdr);
    size_t outside = 0;
    for (size_t i = 0; i < m->navailability; i++) {
        const availability_row_t *a = &m->availability[i];
        S_text(t, i, 0, a->in_catalogue ? a->service : S_fmt(r, "%s *", a->service));
        outside += !a->in_catalogue;
        S_text(t, i, 1, a->calendar);
        S_num(t, i, 2, CELL_PERCENT, a->target_pct, 2);
        S_num(t, i, 3, CELL_MINUTES, (double)a->agreed_seconds / 60.0, 0);
        S_num(t, i, 4, CELL_MINUTES, (double)a->downtime_seconds / 60.0, 1);
        S_num(t, i, 5, CELL_PERCENT, a->availability_pct, 3);
        cfg_kpi_target_t svc_target = {"availability_pct", a->target_pct, NAN, 0};
        S_judge(C(t, i, 5), &svc_target, 2);
        C(t, i, 5)->rag = a->met_target < 0 ? RAG_NONE : a->met_target ? RAG_GREEN : RAG_RED;
        S_num(t, i, 6, CELL_INT, (double)a->outages, 0);
        S_num(t, i, 7, CELL_MINUTES, a->mtrs_minutes, 1);
        S_num(t, i, 8, CELL_MINUTES, a->mtbf_minutes, 0);
    }
    if (outside)
        S_note(s,
               S_fmt(r,
                     "* Not in the service catalogue (%zu service%s named by the period's data): "
                     "measured with service_defaults (calendar %s, target %g%%).",
                     outside, outside == 1 ? "" : "s", r->facts.cfg->service_defaults.calendar,
                     r->facts.cfg->service_defaults.availability_target));
    if (m->navailability) {
        double *keys = xmalloc(m->navailability * sizeof(double));
        size_t *pick = xmalloc(m->navailability * sizeof(size_t));
        for (size_t i = 0; i < m->navailability; i++)
            keys[i] = -(double)m->availability[i].downtime_seconds; /* most downtime first */
        size_t n = S_pick(keys, m->navailability, pick);
        chart_spec_t *c =
            S_chart(r, s, CHART_BAR,
                    n < m->navailability
                        ? S_fmt(r, "Downtime by service (minutes): the %zu with the most", n)
                        : "Downtime by service (minutes)",
                    n, 1);
        c->y_title = "minutes";
        c->y_min = 0;
        c->series[0].name = "Downtime";
        for (size_t i = 0; i < n; i++) {
            c->categories[i] = m->availability[pick[i]].service;
            c->series[0].values[i] = (double)m->availability[pick[i]].downtime_seconds / 60.0;
        }
        free(keys);
        free(pick);
    }
}

static void S_incidents(report_t *r)
{
    const metrics_t *m = r->facts.metrics;
    report_section_t *s = S_section(r, "Incidents and requests", "SLA");
    static const char *const vh[] = {"Measure", "Count"};
    report_table_t *v = S_table(r, s, "Volumes", 9, 2, vh);
    const char *names[] = {"Opened (all kinds)",
                           "  incidents",
                           "  requests",
                           "  problems",
                           "  changes",
                           "Resolved (all kinds)",
                           "Cancelled",
                           "Backlog at period end",
                           "  of which past resolution target"};
    double vals[] = {(double)m->volumes.opened,     (double)m->volumes.by_kind[0],
                     (double)m->volumes.by_kind[1], (double)m->volumes.by_kind[2],
                     (double)m->volumes.by_kind[3], (double)m->volumes.resolved,
                     (double)m->volumes.cancelled,  (double)m->volumes.backlog_end,
                     (double)m->sla.open_breached};
    for (size_t i = 0; i < 9; i++) {
        S_text(v, i, 0, names[i]);
        S_num(v, i, 1, CELL_INT, vals[i], 0);
    }

    static const char *const sh[] = {"Kind and priority", "Resp. met",   "Resp. late",
                                     "Pending",           "Response %",  "Resol. met",
                                     "Resol. late",       "Resolution %"};
    report_table_t *t = S_table(r, s, "SLA attainment by priority", m->sla.nrows + 1, 8, sh);
    const cfg_kpi_target_t *rt = config_target(r->facts.cfg, "response_attainment_pct");
    const cfg_kpi_target_t *st = config_target(r->facts.cfg, "resolution_attainment_pct");
    for (size_t i = 0; i <= m->sla.nrows; i++) {
        int total = i == m->sla.nrows;
        const sla_row_t *row = total ? NULL : &m->sla.rows[i];
        S_text(t, i, 0, total ? "All with a target" : S_priority_name(r, row->kind, row->priority));
        S_num(t, i, 1, CELL_INT, (double)(total ? m->sla.resp_met : row->resp_met), 0);
        S_num(t, i, 2, CELL_INT, (double)(total ? m->sla.resp_breached : row->resp_breached), 0);
        S_num(t, i, 3, CELL_INT, (double)(total ? m->sla.resp_pending : row->resp_pending), 0);
        double rp = total ? m->sla.response_attainment_pct : row->resp_pct;
        S_num(t, i, 4, CELL_PERCENT, rp, 1);
        S_judge(C(t, i, 4), rt, -1);
        S_num(t, i, 5, CELL_INT, (double)(total ? m->sla.res_met : row->res_met), 0);
        S_num(t, i, 6, CELL_INT, (double)(total ? m->sla.res_breached : row->res_breached), 0);
        double sp = total ? m->sla.resolution_attainment_pct : row->res_pct;
        S_num(t, i, 7, CELL_PERCENT, sp, 1);
        S_judge(C(t, i, 7), st, -1);
    }
    if (m->sla.no_target)
        S_note(s, S_fmt(r,
                        "%zu incidents and requests opened in the period have no SLA target "
                        "for their kind and priority and are left out of attainment.",
                        m->sla.no_target));
    if (m->sla.nrows) {
        chart_spec_t *c =
            S_chart(r, s, CHART_GROUPED_BAR, "SLA attainment by priority (%)", m->sla.nrows, 2);
        c->percent = 1;
        c->y_title = "%";
        c->y_min = 0;
        c->y_max = 100;
        c->series[0].name = "Response";
        c->series[1].name = "Resolution";
        for (size_t i = 0; i < m->sla.nrows; i++) {
            c->categories[i] = S_priority_name(r, m->sla.rows[i].kind, m->sla.rows[i].priority);
            c->series[0].values[i] = m->sla.rows[i].resp_pct;
            c->series[1].values[i] = m->sla.rows[i].res_pct;
        }
        if (st) {
            c->target = st->target;
            c->target_label = "resolution target";
        }
    }
    static const char *const th[] = {"Time (wall clock)", "Tickets", "Mean (min)", "Median (min)",
                                     "90th percentile (min)"};
    report_table_t *tt = S_table(r, s, "Response and resolution times", 2, 5, th);
    const time_stats_t *ts[2] = {&m->response, &m->resolution};
    const char *tn[2] = {"First response", "Resolution"};
    for (size_t i = 0; i < 2; i++) {
        S_text(tt, i, 0, tn[i]);
        S_num(tt, i, 1, CELL_INT, (double)ts[i]->n, 0);
        S_num(tt, i, 2, CELL_MINUTES, ts[i]->mean, 1);
        S_num(tt, i, 3, CELL_MINUTES, ts[i]->median, 1);
        S_num(tt, i, 4, CELL_MINUTES, ts[i]->p90, 1);
    }
    if (m->resolution.n) {
        static const char *const bins[RESOLUTION_BINS] = {"< 1 h", "1–4 h", "4–8 h", "8–24 h",
                                                          "1–3 d", "3–7 d", "> 7 d"};
        chart_spec_t *h = S_chart(r, s, CHART_HISTOGRAM, "Resolution times (wall clock, tickets)",
                                  RESOLUTION_BINS, 1);
        h->y_title = "tickets";
        h->y_min = 0;
        h->series[0].name = "Resolved";
        for (int i = 0; i < RESOLUTION_BINS; i++) {
            h->categories[i] = bins[i];
            h->series[0].values[i] = (double)m->resolution_hist[i];
        }
    }
    if (m->volumes.nby_service) {
        size_t n = m->volumes.nby_service < 12 ? m->volumes.nby_service : 12;
        chart_spec_t *bs = S_chart(r, s, CHART_STACKED_BAR,
                                   m->volumes.nby_service > 12
                                       ? "Tickets opened by service and kind (the 12 busiest)"
                                       : "Tickets opened by service and kind",
                                   n, KIND_COUNT);
        bs->y_title = "tickets";
        bs->y_min = 0;
        static const char *const kn[KIND_COUNT] = {"Incidents", "Requests", "Problems", "Changes"};
        for (int k = 0; k < KIND_COUNT; k++)
            bs->series[k].name = kn[k];
        for (size_t i = 0; i < n; i++) {
            bs->categories[i] = m->volumes.by_service[i].service;
            for (int k = 0; k < KIND_COUNT; k++)
                bs->series[k].values[i] = (double)m->volumes.by_service[i].by_kind[k];
        }
    }
    chart_spec_t *c = S_chart(r, s, CHART_BAR, "Backlog at period end by age (tickets)", 4, 1);
    c->y_title = "tickets";
    c->y_min = 0;
    c->series[0].name = "Open tickets";
    static const char *const an[4] = {"0–7 days", "8–30 days", "31–90 days", "over 90 days"};
    for (int i = 0; i < 4; i++) {
        c->categories[i] = an[i];
        c->series[0].values[i] = (double)m->volumes.aging[i];
    }
}

static void S_satisfaction(report_t *r)
{
    const metrics_t *m = r->facts.metrics;
    const satisfaction_t *sa = &m->satisfaction;
    report_section_t *s = S_section(r, "Customer satisfaction", "Satisfaction");
    static const char *const hdr[] = {"Measure", "Value"};
    report_table_t *t = S_table(r, s, "Survey results", 5, 2, hdr);
    S_text(t, 0, 0, "Survey responses");
    S_num(t, 0, 1, CELL_INT, (double)sa->responses, 0);
    S_text(t, 1, 0, S_fmt(r, "CSAT (share scoring %g or more)", r->facts.cfg->satisfied_from));
    S_num(t, 1, 1, CELL_PERCENT, sa->csat_pct, 1);
    S_judge(C(t, 1, 1), config_target(r->facts.cfg, "csat_pct"), -1);
    S_text(t, 2, 0,
           S_fmt(r, "Mean score (scale %g–%g)", r->facts.cfg->scale_min, r->facts.cfg->scale_max));
    S_num(t, 2, 1, CELL_NUMBER, sa->csat_mean, 2);
    S_text(t, 3, 0, "Net promoter score");
    S_num(t, 3, 1, CELL_NUMBER, sa->nps, 1);
    S_text(t, 4, 0, "Response rate (of incidents and requests resolved)");
    S_num(t, 4, 1, CELL_PERCENT, sa->response_rate_pct, 1);
    const cfg_kpi_target_t *ct = config_target(r->facts.cfg, "csat_pct");
    static const char *const ph[] = {"Responses", "Scored", "CSAT %", "Mean score"};
    for (int part = 0; part < 2; part++) {
        const satisfaction_part_t *arr = part ? sa->by_group : sa->by_service;
        size_t n = part ? sa->nby_group : sa->nby_service;
        const char *cols[5] = {part ? "Group" : "Service", ph[0], ph[1], ph[2], ph[3]};
        report_table_t *t2 = S_table(r, s, part ? "By resolver group" : "By service", n, 5, cols);
        for (size_t i = 0; i < n; i++) {
            S_text(t2, i, 0, arr[i].name);
            S_num(t2, i, 1, CELL_INT, (double)arr[i].responses, 0);
            S_num(t2, i, 2, CELL_INT, (double)arr[i].scored, 0);
            S_num(t2, i, 3, CELL_PERCENT, arr[i].csat_pct, 1);
            S_judge(C(t2, i, 3), ct, -1);
            S_num(t2, i, 4, CELL_NUMBER, arr[i].csat_mean, 2);
        }
    }
    if (sa->unjoined)
        S_note(s, S_fmt(r,
                        "%zu of %zu responses name no ticket of the inputs, so they count in the "
                        "totals but in no service or group.",
                        sa->unjoined, sa->responses));
    if (sa->nby_service) {
        double *keys = xmalloc(sa->nby_service * sizeof(double));
        size_t *pick = xmalloc(sa->nby_service * sizeof(size_t));
        for (size_t i = 0; i < sa->nby_service; i++)
            keys[i] = sa->by_service[i].csat_pct;
        size_t n = S_pick(keys, sa->nby_service, pick);
        chart_spec_t *c =
            S_chart(r, s, CHART_BAR,
                    n < sa->nby_service ? S_fmt(r, "CSAT by service (%%): the %zu lowest", n)
                                        : "CSAT by service (%)",
                    n, 1);
        c->percent = 1;
        c->y_min = 0;
        c->y_max = 100;
        c->y_title = "%";
        c->series[0].name = "CSAT";
        for (size_t i = 0; i < n; i++) {
            c->categories[i] = sa->by_service[pick[i]].name;
            c->series[0].values[i] = sa->by_service[pick[i]].csat_pct;
        }
        free(keys);
        free(pick);
        if (ct) {
            c->target = ct->target;
            c->target_label = "target";
        }
    }
    if (sa->scored) {
        const config_t *cfg = r->facts.cfg;
        int lo = (int)ceil(cfg->scale_min), hi = (int)floor(cfg->scale_max);
        if (lo < 0)
            lo = 0;
        if (hi > 10)
            hi = 10;
        size_t n = hi >= lo ? (size_t)(hi - lo + 1) : 0;
        chart_spec_t *c = S_chart(r, s, CHART_DONUT, "Responses by score", n, 1);
        c->series[0].name = "Responses";
        for (size_t i = 0; i < n; i++) {
            int score = hi - (int)i; /* best first */
            c->categories[i] = S_fmt(r, "Score %d", score);
            c->series[0].values[i] = (double)sa->by_score[score];
        }
        c->center_text = isnan(sa->csat_pct) ? "n/a" : S_fmt(r, "%.0f%% CSAT", sa->csat_pct);
    }
}

static void S_changes(report_t *r)
{
    const efficiency_t *e = &r->facts.metrics->efficiency;
    report_section_t *s = S_section(r, "Changes and problems", "Efficiency");
    static const char *const hdr[] = {"Measure", "Value"};
    report_table_t *t = S_table(r, s, "Process efficiency", 9, 2, hdr);
    struct {
        const char *n;
        cell_type_t ty;
        double v;
        const char *key;
    } rows[] = {
        {"Reopen rate", CELL_PERCENT, e->reopen_rate_pct, "reopen_rate_pct"},
        {"First-assignment resolution", CELL_PERCENT, e->first_assignment_resolution_pct,
         "first_assignment_resolution_pct"},
        {"Changes closed in the period", CELL_INT, (double)e->changes_resolved, NULL},
        {"Change success rate", CELL_PERCENT, e->change_success_pct, "change_success_pct"},
        {"Emergency changes", CELL_PERCENT, e->emergency_change_pct, "emergency_change_pct"},
        {"Failed or backed-out changes", CELL_INT,
         (double)(e->changes_failed + e->changes_backed_out), NULL},
        {"Problems opened", CELL_INT, (double)e->problems_opened, NULL},
        {"Problems resolved", CELL_INT, (double)e->problems_resolved, NULL},
        {"Problems open at period end", CELL_INT, (double)e->problems_open_end, NULL},
    };
    for (size_t i = 0; i < 9; i++) {
        S_text(t, i, 0, rows[i].n);
        S_num(t, i, 1, rows[i].ty, rows[i].v, 1);
        if (rows[i].key)
            S_judge(C(t, i, 1), config_target(r->facts.cfg, rows[i].key), -1);
    }
    if (e->changes_resolved) {
        chart_spec_t *c = S_chart(r, s, CHART_BAR, "Changes closed by outcome", 3, 1);
        c->categories[0] = "Successful";
        c->categories[1] = "Failed";
        c->categories[2] = "Backed out";
        c->series[0].name = "Changes";
        c->series[0].values[0] = (double)e->changes_successful;
        c->series[0].values[1] = (double)e->changes_failed;
        c->series[0].values[2] = (double)e->changes_backed_out;
        c->y_title = "changes";
    }
}

static void S_trends(report_t *r)
{
    const report_facts_t *f = &r->facts;
    report_section_t *s = S_section(r, "Trends", "Trends");
    static const char *const hdr[] = {"Period",       "Opened", "Resolved", "Response %",
                                      "Resolution %", "CSAT %", "Reopen %", "Availability %"};
    report_table_t *t =
        S_table(r, s, S_fmt(r, "The last %zu periods", f->ntrend), f->ntrend, 8, hdr);
    chart_spec_t *vol = S_chart(r, s, CHART_LINE, "Tickets opened and resolved", f->ntrend, 2);
    vol->series[0].name = "Opened";
    vol->series[1].name = "Resolved";
    vol->y_title = "tickets";
    vol->y_min = 0;
    chart_spec_t *att = S_chart(r, s, CHART_LINE, "SLA attainment (%)", f->ntrend, 2);
    att->series[0].name = "Response";
    att->series[1].name = "Resolution";
    att->percent = 1;
    att->y_title = "%";
    const cfg_kpi_target_t *st = config_target(f->cfg, "resolution_attainment_pct");
    if (st) {
        att->target = st->target;
        att->target_label = "resolution target";
        if (!isnan(st->amber)) { /* the amber zone below the target */
            att->band_lo = st->amber;
            att->band_hi = st->target;
        }
    }
    for (size_t i = 0; i < f->ntrend; i++) {
        const trend_row_t *row = &f->trend[i];
        const trend_kpis_t *k = &row->kpis;
        S_text(t, i, 0,
               row->from_history ? S_fmt(r, "%s (history)", row->label)
                                 : arena_strdup(r->arena, row->label));
        S_num(t, i, 1, CELL_INT, row->known ? (double)k->opened : NAN, 0);
        S_num(t, i, 2, CELL_INT, row->known ? (double)k->resolved : NAN, 0);
        S_num(t, i, 3, CELL_PERCENT, row->known ? k->response_attainment_pct : NAN, 1);
        S_num(t, i, 4, CELL_PERCENT, row->known ? k->resolution_attainment_pct : NAN, 1);
        S_num(t, i, 5, CELL_PERCENT, row->known ? k->csat_pct : NAN, 1);
        S_num(t, i, 6, CELL_PERCENT, row->known ? k->reopen_rate_pct : NAN, 1);
        S_num(t, i, 7, CELL_PERCENT, row->known ? k->availability_pct : NAN, 3);
        vol->categories[i] = arena_strdup(r->arena, row->label);
        att->categories[i] = vol->categories[i];
        if (row->known) {
            vol->series[0].values[i] = (double)k->opened;
            vol->series[1].values[i] = (double)k->resolved;
            att->series[0].values[i] = k->response_attainment_pct;
            att->series[1].values[i] = k->resolution_attainment_pct;
        }
    }
    S_note(s, "A period the inputs do not reach back to is taken from the history file of earlier "
              "packs, marked (history); without one it shows n/a.");
}

/* An action's status as people write it ("in progress"). */
static const char *S_status_text(int status)
{
    static const char *const text[ACTION_STATUS_COUNT] = {"", "open", "in progress", "done",
                                                          "cancelled"};
    return status > 0 && status < ACTION_STATUS_COUNT ? text[status] : "";
}

/* The verdict and its reasons, item by item. */
static void S_rd_verdict(report_t *r, report_section_t *s)
{
    const readiness_result_t *rr = r->facts.readiness;
    const assessment_t *as = r->facts.assessment;
    S_para(
        s,
        S_fmt(r,
              "Stage 1 (documentation): %s. Stage 2 (implementation): %s. Overall readiness "
              "%s over %zu of %zu items assessed (coverage %.0f%%); %zu gaps, %zu of them major%s.",
              rr->stage1_ready ? "ready" : "not ready", rr->stage2_ready ? "ready" : "not ready",
              isnan(rr->overall_pct) ? "n/a" : S_fmt(r, "%.1f%%", rr->overall_pct), rr->assessed,
              rr->nitems, rr->coverage_pct, rr->ngaps, rr->nmajor,
              rr->ncontradicted ? S_fmt(r, "; the data contradicts %zu self-assessed score%s",
                                        rr->ncontradicted, rr->ncontradicted == 1 ? "" : "s")
                                : ""));
    if (as->assessed_on || as->assessor)
        S_note(s, S_fmt(r, "Self-assessment%s%s%s%s.", as->assessed_on ? " of " : "",
                        as->assessed_on ? as->assessed_on : "", as->assessor ? " by " : "",
                        as->assessor ? as->assessor : ""));
    size_t nreasons = rr->nstage1_reasons + rr->nstage2_reasons;
    if (nreasons) {
        static const char *const hdr[] = {"Verdict", "Reason"};
        report_table_t *t = S_table(r, s, "Why not ready", nreasons, 2, hdr);
        for (size_t i = 0; i < rr->nstage1_reasons; i++) {
            S_text(t, i, 0, "Stage 1");
            S_text(t, i, 1, rr->stage1_reasons[i]);
            C(t, i, 0)->rag = RAG_RED;
        }
        for (size_t i = 0; i < rr->nstage2_reasons; i++) {
            S_text(t, rr->nstage1_reasons + i, 0, "Stage 2");
            S_text(t, rr->nstage1_reasons + i, 1, rr->stage2_reasons[i]);
            C(t, rr->nstage1_reasons + i, 0)->rag = RAG_AMBER;
        }
    }
}

/* Clause scores: a bar per top-level clause against the 60 % line. */
static void S_rd_clause_chart(report_t *r, report_section_t *s)
{
    const readiness_result_t *rr = r->facts.readiness;
    size_t ntop = 0;
    for (size_t i = 0; i < rr->nclauses; i++)
        ntop += rr->clauses[i].depth == 0;
    chart_spec_t *ch =
        S_chart(r, s, CHART_BAR, "Clause scores against the 60% stage 2 line", ntop, 1);
    ch->series[0].name = "Score";
    ch->y_title = "%";
    ch->percent = 1;
    ch->y_min = 0;
    ch->y_max = 100;
    ch->target = 60;
    ch->target_label = "60%";
    for (size_t i = 0, k = 0; i < rr->nclauses; i++) {
        if (rr->clauses[i].depth)
            continue;
        /* the number and the title's first word ("7 Support"), short enough to stand upright */
        const char *title = rr->clauses[i].title;
        size_t w = strcspn(title, " ,");
        ch->categories[k] =
            S_fmt(r, "%s %.*s", rr->clauses[i].clause, (int)(w > 14 ? 14 : w), title);
        ch->series[0].values[k++] = rr->clauses[i].score_pct;
    }
}

/* The heat map: a row per clause 4–10 (8 by its sub-clauses), a cell per item. */
static void S_rd_heatmap(report_t *r, report_section_t *s)
{
    const readiness_result_t *rr = r->facts.readiness;
    const assessment_t *as = r->facts.assessment;
    const catalogue_t *cat = as->catalogue;
    size_t nrows = 0, maxcols = 0;
    const char *rows[64];
    for (size_t i = 0; i < rr->nclauses && nrows < 64; i++) {
        const readiness_clause_t *c = &rr->clauses[i];
        int split = !strcmp(c->clause, "8");
        if ((c->depth == 0 && !split) || (c->depth == 1 && catalogue_under(c->clause, "8")))
            rows[nrows++] = c->clause;
    }
    for (size_t k = 0; k < nrows; k++) {
        size_t n = 0;
        for (size_t i = 0; i < cat->nitems; i++)
            n += catalogue_under(cat->items[i].clause, rows[k]);
        if (n > maxcols)
            maxcols = n;
    }
    if (nrows && maxcols) {
        chart_spec_t *hm =
            S_chart(r, s, CHART_HEATMAP, "Self-assessed scores by item (0–5; grey: not assessed)",
                    maxcols, nrows);
        hm->y_min = 0;
        hm->y_max = 5;
        hm->cell_labels = arena_alloc(r->arena, nrows * maxcols * sizeof(char *));
        for (size_t j = 0; j < maxcols; j++)
            hm->categories[j] = S_fmt(r, "%zu", j + 1);
        for (size_t k = 0; k < nrows; k++) {
            long ci = catalogue_find_clause(cat, rows[k]);
            hm->series[k].name = S_fmt(r, "%s %s", rows[k],
                                       ci < 0 ? ""
                                       : strlen(cat->clauses[ci].title) > 22
                                           ? S_fmt(r, "%.20s…", cat->clauses[ci].title)
                                           : cat->clauses[ci].title);
            size_t j = 0;
            for (size_t i = 0; i < cat->nitems; i++) {
                if (!catalogue_under(cat->items[i].clause, rows[k]))
                    continue;
                int sc = as->entries[i].score;
                hm->series[k].values[j] = sc < 0 ? NAN : sc;
                hm->cell_labels[k * maxcols + j] = cat->items[i].id;
                j++;
            }
            for (; j < maxcols; j++)
                hm->cell_labels[k * maxcols + j] = NULL;
        }
    }
}

/* The clause scores, two levels deep. */
static void S_rd_clause_table(report_t *r, report_section_t *s)
{
    const readiness_result_t *rr = r->facts.readiness;
    size_t nshow = 0;
    for (size_t i = 0; i < rr->nclauses; i++)
        nshow += rr->clauses[i].depth <= 1;
    static const char *const chdr[] = {"Clause", "Title", "Score", "Assessed", "Items"};
    report_table_t *ct = S_table(r, s, "Clause scores", nshow, 5, chdr);
    cfg_kpi_target_t line60 = {"clause_score_pct", 60, NAN, 0};
    for (size_t i = 0, k = 0; i < rr->nclauses; i++) {
        const readiness_clause_t *c = &rr->clauses[i];
        if (c->depth > 1)
            continue;
        S_text(ct, k, 0, c->clause);
        S_text(ct, k, 1, c->depth ? S_fmt(r, "  %s", c->title) : c->title);
        S_num(ct, k, 2, CELL_PERCENT, c->score_pct, 1);
        S_judge(C(ct, k, 2), &line60, -1);
        S_num(ct, k, 3, CELL_INT, (double)c->assessed, 0);
        S_num(ct, k, 4, CELL_INT, (double)c->items, 0);
        k++;
    }
}

/* The gap register, major first. */
static void S_rd_gaps(report_t *r, report_section_t *s)
{
    const readiness_result_t *rr = r->facts.readiness;
    const assessment_t *as = r->facts.assessment;
    const catalogue_t *cat = as->catalogue;
    if (rr->ngaps) {
        static const char *const ghdr[] = {"Item",  "Clause", "Score",  "Severity",
                                           "Owner", "Due",    "Action", "Status"};
        report_table_t *gt = S_table(r, s, "Gap register (major first)", rr->ngaps, 8, ghdr);
        for (size_t g = 0; g < rr->ngaps; g++) {
            const readiness_gap_t *gp = &rr->gaps[g];
            const assessment_entry_t *e = &as->entries[gp->item];
            S_text(gt, g, 0, cat->items[gp->item].id);
            S_text(gt, g, 1, cat->items[gp->item].clause);
            S_num(gt, g, 2, CELL_INT, gp->score, 0);
            S_text(gt, g, 3, gp->major ? "major" : "minor");
            C(gt, g, 3)->rag = gp->major ? RAG_RED : RAG_AMBER;
            S_text(gt, g, 4, e->owner);
            S_text(gt, g, 5, e->due);
            S_text(gt, g, 6, e->action);
            S_text(gt, g, 7, e->status ? S_status_text(e->status) : NULL);
        }
    } else {
        S_para(s, "No assessed item scores below 3: the gap register is empty.");
    }
}

/* What this period's data says of the items it speaks to. */
static void S_rd_evidence(report_t *r, report_section_t *s)
{
    const readiness_result_t *rr = r->facts.readiness;
    const assessment_t *as = r->facts.assessment;
    const catalogue_t *cat = as->catalogue;
    if (rr->have_checks) {
        static const char *const ehdr[] = {"Check", "Items", "Self-assessed",
                                           "Measured in the period", "Result"};
        report_table_t *et = S_table(r, s, "Evidence from the period's data", CHECK_COUNT, 5, ehdr);
        for (int c = 0; c < CHECK_COUNT; c++) {
            strbuf_t ids = {0}, scores = {0};
            int contradicted = 0;
            for (size_t i = 0; i < cat->nitems; i++) {
                if (!(cat->items[i].checks & CHECK_BIT(c)))
                    continue;
                int sc = as->entries[i].score;
                strbuf_printf(&ids, "%s%s", ids.len ? ", " : "", cat->items[i].id);
                strbuf_printf(&scores, "%s%s", scores.len ? ", " : "",
                              sc < 0 ? "–" : S_fmt(r, "%d", sc));
                contradicted |= rr->contradicted[i] && !rr->checks[c].passed;
            }
            S_text(et, (size_t)c, 0, check_titles[c]);
            S_text(et, (size_t)c, 1,
                   ids.len ? arena_strdup(r->arena, ids.data) : "none in the catalogue");
            S_text(et, (size_t)c, 2, scores.len ? arena_strdup(r->arena, scores.data) : NULL);
            S_text(et, (size_t)c, 3, rr->checks[c].fact);
            S_text(et, (size_t)c, 4,
                   rr->checks[c].passed ? "pass"
                   : contradicted       ? "fail: contradicts"
                                        : "fail");
            C(et, (size_t)c, 4)->rag = rr->checks[c].passed ? RAG_GREEN
                                       : contradicted       ? RAG_RED
                                                            : RAG_AMBER;
            strbuf_free(&ids);
            strbuf_free(&scores);
        }
        if (rr->ncontradicted)
            S_note(
                s,
                "\"fail: contradicts\" marks a check the data fails while an item it speaks to is "
                "self-assessed at 3 or more: the score needs evidence or a correction before the "
                "audit.");
    }
}

/* The status of actions from previous reviews (clause 9.3 input a). */
static void S_rd_actions(report_t *r, report_section_t *s)
{
    const assessment_t *as = r->facts.assessment;
    const catalogue_t *cat = as->catalogue;
    const report_facts_t *f = &r->facts;
    size_t nact = 0;
    for (size_t i = 0; i < cat->nitems; i++)
        nact += as->entries[i].action != NULL;
    if (nact) {
        static const char *const ahdr[] = {"Item", "Action", "Owner", "Due", "Status"};
        report_table_t *at =
            S_table(r, s, "Status of actions from previous reviews", nact, 5, ahdr);
        char today[16];
        int64_t local = tz_utc_to_local(f->tz, f->metrics->period.as_of), y;
        int mo, dd;
        civil_from_days(local / 86400 - (local % 86400 < 0), &y, &mo, &dd);
        snprintf(today, sizeof today, "%04d-%02d-%02d", (int)y, mo, dd);
        for (size_t i = 0, k = 0; i < cat->nitems; i++) {
            const assessment_entry_t *e = &as->entries[i];
            if (!e->action)
                continue;
            int overdue = e->due && strcmp(e->due, today) < 0 && e->status != ACTION_DONE &&
                          e->status != ACTION_CANCELLED;
            S_text(at, k, 0, cat->items[i].id);
            S_text(at, k, 1, e->action);
            S_text(at, k, 2, e->owner);
            S_text(at, k, 3, e->due);
            S_text(at, k, 4,
                   overdue ? S_fmt(r, "%s, overdue", S_status_text(e->status))
                           : S_status_text(e->status));
            C(at, k, 4)->rag = e->status == ACTION_DONE ? RAG_GREEN : overdue ? RAG_RED : RAG_NONE;
            k++;
        }
    }
}

static void S_rd_scoring_note(report_section_t *s)
{
    S_note(
        s,
        "Scores: 0 absent, 1 initial, 2 repeatable, 3 defined, 4 managed, 5 optimising. A clause "
        "scores 100 × the weighted mean of its assessed items / 5. A gap is an item below 3; it is "
        "major at 0 or 1 or when the item is required documented information. Stage 1 needs every "
        "required document and record at 3 or more; stage 2 also needs each clause 4–10 at 60% or "
        "more, no major gap, and every item of 9.2 and 9.3 at 3 or more.");
}

static void S_readiness(report_t *r)
{
    report_section_t *s = S_section(r, "ISO/IEC 20000-1 readiness", "Readiness");
    if (!r->facts.readiness) {
        S_para(s, "No readiness self-assessment is configured (config key 'readiness'), so this "
                  "pack shows no clause scores, gap register or verdict. Run 'iso20k init DIR' "
                  "for a template.");
        return;
    }
    S_rd_verdict(r, s);
    S_rd_clause_chart(r, s);
    S_rd_heatmap(r, s);
    S_rd_clause_table(r, s);
    S_rd_gaps(r, s);
    S_rd_evidence(r, s);
    S_rd_actions(r, s);
    S_rd_scoring_note(s);
}

/* ---- the pre-audit readiness pack (SPEC 8.4) ---- */

static const char *S_yes_no(int v)
{
    return v ? "ready" : "not ready";
}

static void S_rp_verdict(report_t *r)
{
    report_section_t *s = S_section(r, "Verdict", "Verdict");
    const readiness_result_t *rr = r->facts.readiness;
    if (!rr) {
        S_para(s, "No readiness self-assessment is configured (config key 'readiness'), so there "
                  "is no verdict: this pack shows only the evidence the period's data gives. Run "
                  "'iso20k init DIR' for a self-assessment template listing every item.");
        return;
    }
    S_rd_verdict(r, s);
    static const char *const hdr[] = {"Figure", "Value"};
    report_table_t *t = S_table(r, s, "Readiness in figures", 8, 2, hdr);
    S_text(t, 0, 0, "Stage 1 (documentation)");
    S_text(t, 0, 1, S_yes_no(rr->stage1_ready));
    C(t, 0, 1)->rag = rr->stage1_ready ? RAG_GREEN : RAG_RED;
    S_text(t, 1, 0, "Stage 2 (implementation)");
    S_text(t, 1, 1, S_yes_no(rr->stage2_ready));
    C(t, 1, 1)->rag = rr->stage2_ready ? RAG_GREEN : RAG_RED;
    S_text(t, 2, 0, "Overall readiness");
    S_num(t, 2, 1, CELL_PERCENT, rr->overall_pct, 1);
    S_judge(C(t, 2, 1), config_target(r->facts.cfg, "readiness_pct"), -1);
    S_text(t, 3, 0, "Coverage (items assessed)");
    S_num(t, 3, 1, CELL_PERCENT, rr->coverage_pct, 1);
    S_text(t, 4, 0, "Items assessed");
    S_num(t, 4, 1, CELL_INT, (double)rr->assessed, 0);
    S_text(t, 5, 0, "Major gaps");
    S_num(t, 5, 1, CELL_INT, (double)rr->nmajor, 0);
    C(t, 5, 1)->rag = rr->nmajor ? RAG_RED : RAG_GREEN;
    S_text(t, 6, 0, "Minor gaps");
    S_num(t, 6, 1, CELL_INT, (double)(rr->ngaps - rr->nmajor), 0);
    S_text(t, 7, 0, "Scores the data contradicts");
    S_num(t, 7, 1, CELL_INT, (double)rr->ncontradicted, 0);
    C(t, 7, 1)->rag = rr->ncontradicted ? RAG_AMBER : RAG_GREEN;
    S_rd_clause_chart(r, s);
}

static void S_rp_register(report_t *r)
{
    report_section_t *s = S_section(r, "Clause scores, gap register and action plan", "Readiness");
    if (!r->facts.readiness) {
        S_para(s, "No self-assessment is configured.");
        return;
    }
    S_rd_heatmap(r, s);
    S_rd_clause_table(r, s);
    S_rd_gaps(r, s);
    S_rd_actions(r, s);
    S_rd_scoring_note(s);
}

/* Each required document and record of the catalogue, the evidence given, and whether it is there.
 */
static void S_rp_documents(report_t *r)
{
    report_section_t *s = S_section(r, "Documented information index", "Documents");
    const assessment_t *as = r->facts.assessment;
    const catalogue_t *cat = as                        ? as->catalogue
                             : r->facts.cfg->catalogue ? r->facts.cfg->catalogue
                                                       : &catalogue_builtin;
    size_t n = 0, present = 0;
    for (size_t i = 0; i < cat->nitems; i++)
        n += cat->items[i].required != 0;
    static const char *const hdr[] = {"Item",           "Clause", "Kind",   "What is required",
                                      "Evidence given", "Score",  "Present"};
    report_table_t *t = S_table(r, s, "Required documents and records", n, 7, hdr);
    for (size_t i = 0, k = 0; i < cat->nitems; i++) {
        const catalogue_item_t *it = &cat->items[i];
        if (!it->required)
            continue;
        const assessment_entry_t *e = as ? &as->entries[i] : NULL;
        S_text(t, k, 0, it->id);
        S_text(t, k, 1, it->clause);
        S_text(t, k, 2, it->required == 'M' ? "document" : "record");
        S_text(t, k, 3, it->text);
        S_text(t, k, 4, e ? e->evidence : NULL);
        if (e && e->score >= 0)
            S_num(t, k, 5, CELL_INT, e->score, 0);
        /* present: evidence is named and the item is not scored absent (0) */
        const char *state = !e || e->score < 0                        ? "not assessed"
                            : e->score == 0 || STR_EMPTY(e->evidence) ? "no"
                            : e->score < 3                            ? "partly"
                                                                      : "yes";
        S_text(t, k, 6, state);
        C(t, k, 6)->rag = !strcmp(state, "yes")      ? RAG_GREEN
                          : !strcmp(state, "partly") ? RAG_AMBER
                                                     : RAG_RED;
        present += !strcmp(state, "yes");
        k++;
    }
    S_para(s,
           S_fmt(r,
                 "%zu of %zu required documents and records are present with a named reference "
                 "and a score of 3 or more. \"Partly\" marks one that exists but scores below 3; "
                 "\"no\" one without a reference or scored absent.",
                 present, n));
}

/* The data checks month by month over the trend periods: the processes ran. */
static void S_rp_evidence(report_t *r)
{
    report_section_t *s = S_section(r, "Evidence from data", "Evidence");
    const report_facts_t *f = &r->facts;
    if (f->readiness)
        S_rd_evidence(r, s);
    else if (f->checks) {
        static const char *const hdr[] = {"Check", "Measured in the period", "Result"};
        report_table_t *t = S_table(r, s, "Evidence from the period's data", CHECK_COUNT, 3, hdr);
        for (int c = 0; c < CHECK_COUNT; c++) {
            S_text(t, (size_t)c, 0, check_titles[c]);
            S_text(t, (size_t)c, 1, f->checks[c].fact);
            S_text(t, (size_t)c, 2, f->checks[c].passed ? "pass" : "fail");
            C(t, (size_t)c, 2)->rag = f->checks[c].passed ? RAG_GREEN : RAG_AMBER;
        }
    }
    if (!f->trend_checks || !f->ntrend)
        return;
    const char **hdr = arena_alloc(r->arena, (f->ntrend + 1) * sizeof(char *));
    hdr[0] = "Check";
    for (size_t i = 0; i < f->ntrend; i++)
        hdr[i + 1] = f->trend[i].label;
    /* every check but the reports one (its own row below, from the history file) */
    report_table_t *t =
        S_table(r, s, "Month by month over the trend periods", CHECK_COUNT, f->ntrend + 1, hdr);
    for (int c = 0; c < CHECK_COUNT; c++) {
        S_text(t, (size_t)c, 0,
               c == CHECK_REPORTS_PRODUCED ? "Service report in the history file"
                                           : check_titles[c]);
        for (size_t i = 0; i < f->ntrend; i++) {
            const trend_row_t *row = &f->trend[i];
            report_cell_t *cell = C(t, (size_t)c, i + 1);
            if (c == CHECK_REPORTS_PRODUCED) {
                int found = i + 1 == f->ntrend; /* this pack reports the period itself */
                for (size_t h = 0; h < f->nhistory && !found; h++)
                    found = f->history[h].start == row->start && f->history[h].end == row->end;
                S_text(t, (size_t)c, i + 1, found ? "yes" : "no");
                cell->rag = found ? RAG_GREEN : RAG_AMBER;
                continue;
            }
            if (!row->known || row->from_history) {
                S_text(t, (size_t)c, i + 1, "n/a");
                continue;
            }
            const readiness_check_t *ck = &f->trend_checks[i * CHECK_COUNT + (size_t)c];
            S_text(t, (size_t)c, i + 1, ck->passed ? "pass" : "fail");
            cell->rag = ck->passed ? RAG_GREEN : RAG_RED;
        }
    }
    S_note(s, "Each month is checked as the period is: on the tickets, outages and surveys of that "
              "month as known at the as-of time. n/a: the inputs do not reach back to that month.");
}

/* Internal audit (9.2), management review (9.3) and service reporting (9.4): their items and
 * the reviews this tool has produced. */
static void S_rp_audit_review(report_t *r)
{
    report_section_t *s = S_section(r, "Internal audit and management review", "Audit and review");
    const report_facts_t *f = &r->facts;
    const assessment_t *as = f->assessment;
    if (as) {
        const catalogue_t *cat = as->catalogue;
        size_t n = 0;
        for (size_t i = 0; i < cat->nitems; i++)
            n += catalogue_under(cat->items[i].clause, "9.2") ||
                 catalogue_under(cat->items[i].clause, "9.3") ||
                 catalogue_under(cat->items[i].clause, "9.4");
        static const char *const hdr[] = {
            "Item", "What is assessed", "Score", "Evidence", "Owner", "Due", "Action"};
        report_table_t *t = S_table(r, s, "Self-assessment of clauses 9.2, 9.3 and 9.4", n, 7, hdr);
        for (size_t i = 0, k = 0; i < cat->nitems; i++) {
            const catalogue_item_t *it = &cat->items[i];
            if (!(catalogue_under(it->clause, "9.2") || catalogue_under(it->clause, "9.3") ||
                  catalogue_under(it->clause, "9.4")))
                continue;
            const assessment_entry_t *e = &as->entries[i];
            S_text(t, k, 0, it->id);
            S_text(t, k, 1, it->text);
            if (e->score >= 0) {
                S_num(t, k, 2, CELL_INT, e->score, 0);
                C(t, k, 2)->rag = e->score >= 3 ? RAG_GREEN : RAG_RED;
            } else {
                S_text(t, k, 2, "not assessed");
                C(t, k, 2)->rag = RAG_RED;
            }
            S_text(t, k, 3, e->evidence);
            S_text(t, k, 4, e->owner);
            S_text(t, k, 5, e->due);
            S_text(t, k, 6,
                   e->action ? S_fmt(r, "%s (%s)", e->action, S_status_text(e->status)) : NULL);
            k++;
        }
    } else {
        S_para(s,
               "No self-assessment is configured, so the status of internal audits and management "
               "reviews is not recorded here.");
    }
    /* the service reports (management-review packs) iso20k has produced, from its history file */
    size_t n = f->nhistory;
    if (!n) {
        S_para(s, "The history file holds no earlier report: iso20k writes a row there for every "
                  "management-review pack, so regular packs become evidence of service reporting "
                  "(clause 9.4).");
        return;
    }
    static const char *const rh[] = {"Period", "From", "To", "Tickets opened", "Resolution SLA"};
    report_table_t *t = S_table(r, s, "Service reports produced (history file)", n, 5, rh);
    for (size_t i = 0; i < n; i++) {
        const trend_row_t *h = &f->history[i];
        char a[32], b[32];
        tz_format_iso(f->tz, h->start, a);
        tz_format_iso(f->tz, h->end, b);
        S_text(t, i, 0, arena_strdup(r->arena, h->label));
        S_text(t, i, 1, S_fmt(r, "%.10s", a));
        S_text(t, i, 2, S_fmt(r, "%.10s", b));
        S_num(t, i, 3, CELL_INT, h->kpis.opened >= 0 ? (double)h->kpis.opened : NAN, 0);
        S_num(t, i, 4, CELL_PERCENT, h->kpis.resolution_attainment_pct, 1);
    }
}

static const char *S_money(report_t *r, const char *currency, double v)
{
    if (isnan(v))
        return "n/a";
    char buf[64], digits[64];
    snprintf(digits, sizeof digits, "%.0f", fabs(round_half_away(v, 0)));
    size_t len = strlen(digits), o = 0;
    for (size_t i = 0; i < len && o + 2 < sizeof buf; i++) {
        if (i && (len - i) % 3 == 0)
            buf[o++] = ',';
        buf[o++] = digits[i];
    }
    buf[o] = '\0';
    return S_fmt(r, "%s%s %s", v < 0 && round_half_away(v, 0) != 0 ? "−" : "", currency, buf);
}

static const char *S_payback(report_t *r, double months)
{
    return isnan(months) ? "not within the horizon" : S_fmt(r, "%.1f months", months);
}

static void S_roi(report_t *r)
{
    report_section_t *s = S_section(r, "Return on investment", "ROI");
    const report_facts_t *f = &r->facts;
    if (!f->roi) {
        S_para(s, "No ROI model is configured (config key 'roi'), so this pack shows no NPV, ROI "
                  "or payback figures. Run 'iso20k init DIR' for a template.");
        return;
    }
    const roi_result_t *ro = f->roi;
    const roi_assumptions_t *a = &f->cfg->roi_model->base;
    const char *cur = a->currency;
    strbuf_t sb = {0};
    strbuf_printf(
        &sb,
        "At the expected scenario the programme %s; over %d years its net present "
        "value is %s (ROI %s, discounted at %.1f%%).",
        isnan(ro->payback_months) ? "does not pay back within the horizon"
                                  : S_fmt(r, "pays back in %.1f months", ro->payback_months),
        ro->years, S_money(r, cur, ro->npv),
        isnan(ro->roi_pct) ? "n/a" : S_fmt(r, "%.0f%%", ro->roi_pct), a->discount_rate * 100);
    for (size_t i = 0; i < f->nroi_scenarios; i++)
        strbuf_printf(&sb, " %c%s: NPV %s, payback %s.",
                      toupper((unsigned char)f->roi_scenarios[i].scenario[0]),
                      f->roi_scenarios[i].scenario + 1, S_money(r, cur, f->roi_scenarios[i].npv),
                      S_payback(r, f->roi_scenarios[i].payback_months));
    S_para(s, arena_strdup(r->arena, sb.data));
    strbuf_reset(&sb);
    if (f->roi_baseline_label)
        strbuf_printf(
            &sb,
            "Measured benefits compare the baseline period %s with %s, each "
            "annualised (× 365.25 days / the period's length); a line that got worse is a "
            "negative benefit and is not risk-adjusted.",
            f->roi_baseline_label, f->period_label);
    else
        strbuf_printf(
            &sb,
            "Measured benefits compare the annual baseline numbers given in the ROI "
            "assumptions with %s, annualised; a line that got worse is a negative benefit.",
            f->period_label);
    S_note(s, arena_strdup(r->arena, sb.data));
    strbuf_free(&sb);

    static const char *const lh[] = {"Benefit line", "Baseline / year", "Now / year",
                                     "Unit value",   "Annual value",    "Risk",
                                     "Adjusted"};
    report_table_t *lt = S_table(r, s, S_fmt(r, "Benefit lines (%s)", cur), ro->nlines, 7, lh);
    for (size_t i = 0; i < ro->nlines; i++) {
        const roi_line_t *l = &ro->lines[i];
        S_text(lt, i, 0, arena_strdup(r->arena, l->name));
        S_num(lt, i, 1, CELL_NUMBER, l->baseline_annual, 1);
        S_num(lt, i, 2, CELL_NUMBER, l->current_annual, 1);
        S_num(lt, i, 3, CELL_NUMBER, l->unit, 0);
        S_num(lt, i, 4, CELL_NUMBER, l->value, 0);
        S_num(lt, i, 5, CELL_PERCENT, l->risk * 100, 0);
        S_num(lt, i, 6, CELL_NUMBER, l->adjusted, 0);
        if (l->adjusted < 0)
            C(lt, i, 6)->rag = RAG_RED;
    }
    static const char *const yh[] = {"Year", "Benefits", "Costs", "Net", "Cumulative"};
    report_table_t *yt = S_table(r, s, S_fmt(r, "Cash flow by year (%s, undiscounted)", cur),
                                 (size_t)ro->years + 1, 5, yh);
    chart_spec_t *cc = S_chart(r, s, CHART_CUMULATIVE, S_fmt(r, "Cumulative cash flow (%s)", cur),
                               (size_t)ro->years + 1, 1);
    cc->series[0].name = "Cumulative net cash flow";
    cc->y_title = cur;
    double cum = 0;
    for (int t = 0; t <= ro->years; t++) {
        double net = ro->benefits[t] - ro->costs[t];
        cum += net;
        S_text(yt, (size_t)t, 0, S_fmt(r, "%d", t));
        S_num(yt, (size_t)t, 1, CELL_NUMBER, ro->benefits[t], 0);
        S_num(yt, (size_t)t, 2, CELL_NUMBER, ro->costs[t], 0);
        S_num(yt, (size_t)t, 3, CELL_NUMBER, net, 0);
        S_num(yt, (size_t)t, 4, CELL_NUMBER, cum, 0);
        cc->categories[t] = S_fmt(r, "Year %d", t);
        cc->series[0].values[t] = cum;
    }
    if (!isnan(ro->payback_months)) {
        cc->marker_x = ro->payback_months / 12.0;
        cc->marker_label = S_fmt(r, "payback: %.1f months", ro->payback_months);
    }
    static const char *const rh[] = {"Result", "Value"};
    report_table_t *rt = S_table(r, s, "Results (expected scenario)", 6, 2, rh);
    const char *names[6] = {"PV of benefits",    "PV of costs",
                            "Net present value", "ROI",
                            "Payback",           "Internal rate of return"};
    const char *vals[6] = {S_money(r, cur, ro->pv_benefits),
                           S_money(r, cur, ro->pv_costs),
                           S_money(r, cur, ro->npv),
                           isnan(ro->roi_pct) ? "n/a" : S_fmt(r, "%.1f %%", ro->roi_pct),
                           S_payback(r, ro->payback_months),
                           isnan(ro->irr) ? "n/a" : S_fmt(r, "%.1f %%", ro->irr * 100)};
    for (int i = 0; i < 6; i++) {
        S_text(rt, (size_t)i, 0, names[i]);
        S_text(rt, (size_t)i, 1, vals[i]);
    }
    if (f->nroi_scenarios) {
        static const char *const sh[] = {"Scenario", "NPV", "ROI %", "Payback (months)", "IRR %"};
        report_table_t *st =
            S_table(r, s, S_fmt(r, "Scenarios (%s)", cur), f->nroi_scenarios + 1, 5, sh);
        for (size_t i = 0; i <= f->nroi_scenarios; i++) {
            const roi_result_t *sc = i == 0 ? ro : &f->roi_scenarios[i - 1];
            S_text(st, i, 0, sc->scenario);
            S_num(st, i, 1, CELL_NUMBER, sc->npv, 0);
            S_num(st, i, 2, CELL_PERCENT, sc->roi_pct, 1);
            S_num(st, i, 3, CELL_NUMBER, sc->payback_months, 1);
            S_num(st, i, 4, CELL_PERCENT, sc->irr * 100, 1);
        }
    }
    if (f->nroi_sensitivity) {
        chart_spec_t *tc =
            S_chart(r, s, CHART_TORNADO,
                    S_fmt(r, "Sensitivity of NPV to ±20 %% on each assumption (%s)", cur),
                    f->nroi_sensitivity, 2);
        tc->series[0].name = "assumption −20 %";
        tc->series[1].name = "assumption +20 %";
        tc->base = ro->npv;
        for (size_t i = 0; i < f->nroi_sensitivity; i++) {
            tc->categories[i] = f->roi_sensitivity[i].assumption;
            tc->series[0].values[i] = f->roi_sensitivity[i].npv_low;
            tc->series[1].values[i] = f->roi_sensitivity[i].npv_high;
        }
    }
    static const char *const ah[] = {"Assumption", "Value"};
    size_t na = 4 + a->ninitial + a->nannual;
    report_table_t *at = S_table(r, s, "Assumptions", na, 2, ah);
    size_t k = 0;
    S_text(at, k, 0, "Horizon");
    S_text(at, k++, 1, S_fmt(r, "%d years", a->horizon_years));
    S_text(at, k, 0, "Discount rate");
    S_text(at, k++, 1, S_fmt(r, "%.1f %%", a->discount_rate * 100));
    strbuf_t ramp = {0};
    for (int t = 0; t < a->horizon_years; t++)
        strbuf_printf(&ramp, "%s%.0f %%", t ? ", " : "", a->ramp[t] * 100);
    S_text(at, k, 0, "Ramp (share of the full benefit per year)");
    S_text(at, k++, 1, arena_strdup(r->arena, ramp.data ? ramp.data : ""));
    strbuf_free(&ramp);
    S_text(at, k, 0, "Risk adjustment (default)");
    S_text(at, k++, 1, S_fmt(r, "%.0f %%", a->risk_default * 100));
    for (size_t i = 0; i < a->ninitial; i++, k++) {
        S_text(at, k, 0, S_fmt(r, "Initial cost: %s", a->initial[i].name));
        S_text(at, k, 1, S_money(r, cur, a->initial[i].value));
    }
    for (size_t i = 0; i < a->nannual; i++, k++) {
        S_text(at, k, 0, S_fmt(r, "Annual cost: %s", a->annual[i].name));
        S_text(at, k, 1, S_money(r, cur, a->annual[i].value));
    }
}

static void S_quality(report_t *r)
{
    const report_facts_t *f = &r->facts;
    const store_t *st = f->store;
    report_section_t *s = S_section(r, "Data quality and method", "Data quality");
    static const char *const hdr[] = {"Input",    "Profile",  "Rows read",
                                      "Accepted", "Rejected", "Warnings"};
    report_table_t *t = S_table(r, s, "Inputs", st->nquality, 6, hdr);
    size_t nreasons = 0;
    for (size_t i = 0; i < st->nquality; i++) {
        const source_quality_t *q = &st->quality[i];
        S_text(t, i, 0, q->file);
        S_text(t, i, 1, q->profile);
        S_num(t, i, 2, CELL_INT, (double)q->rows_read, 0);
        S_num(t, i, 3, CELL_INT, (double)q->rows_accepted, 0);
        S_num(t, i, 4, CELL_INT, (double)q->rows_rejected, 0);
        double pct = q->rows_read ? 100.0 * (double)q->rows_rejected / (double)q->rows_read : 0;
        C(t, i, 4)->rag = q->rows_rejected == 0            ? RAG_GREEN
                          : pct > f->cfg->max_rejected_pct ? RAG_RED
                                                           : RAG_AMBER;
        S_num(t, i, 5, CELL_INT, (double)store_warning_count(q), 0);
        nreasons += q->nrejected + q->nwarnings;
    }
    static const char *const fh[] = {"Input", "SHA-256 of the file read"};
    report_table_t *ft = S_table(r, s, "Input fingerprints", st->nquality, 2, fh);
    for (size_t i = 0; i < st->nquality; i++) {
        S_text(ft, i, 0, st->quality[i].file);
        S_text(ft, i, 1, st->quality[i].sha256);
    }
    static const char *const rh[] = {"Input", "Rejected or warned", "Rows", "First places"};
    report_table_t *rt = S_table(r, s, "Rejected rows and warnings by reason",
                                 nreasons + f->metrics->nwarnings, 4, rh);
    size_t row = 0;
    for (size_t i = 0; i < st->nquality; i++) {
        const source_quality_t *q = &st->quality[i];
        for (int w = 0; w < 2; w++) {
            const quality_entry_t *es = w ? q->warnings : q->rejected;
            size_t ne = w ? q->nwarnings : q->nrejected;
            for (size_t j = 0; j < ne; j++, row++) {
                strbuf_t sb = {0};
                for (size_t k = 0; k < QUALITY_EXAMPLES && es[j].examples[k]; k++)
                    strbuf_printf(&sb, "%s%s", k ? ", " : "", es[j].examples[k]);
                S_text(rt, row, 0, q->file);
                S_text(rt, row, 1, S_fmt(r, "%s: %s", w ? "warning" : "rejected", es[j].reason));
                S_num(rt, row, 2, CELL_INT, (double)es[j].count, 0);
                S_text(rt, row, 3, arena_strdup(r->arena, strbuf_cstr(&sb)));
                strbuf_free(&sb);
            }
        }
    }
    for (size_t i = 0; i < f->metrics->nwarnings; i++, row++) {
        S_text(rt, row, 0, "(metrics)");
        S_text(rt, row, 1, S_fmt(r, "warning: %s", f->metrics->warnings[i]));
        S_num(rt, row, 2, CELL_INT, 1, 0);
    }
    if (!row)
        S_para(s, "Every row of every input was accepted, with no warnings.");

    static const char *const sh[] = {"Kind", "Priority", "Respond", "Resolve", "Calendar"};
    report_table_t *slt = S_table(r, s, "SLA targets used", f->cfg->nsla, 5, sh);
    for (size_t i = 0; i < f->cfg->nsla; i++) {
        const cfg_sla_target_t *tg = &f->cfg->sla[i];
        S_text(slt, i, 0, kind_names[tg->kind]);
        S_text(slt, i, 1, tg->priority ? S_fmt(r, "%d", tg->priority) : "default");
        S_text(slt, i, 2,
               tg->respond >= 0 ? S_fmt(r, "%.0f min", (double)tg->respond / 60.0) : NULL);
        S_text(slt, i, 3,
               tg->resolve >= 0 ? S_fmt(r, "%.1f h", (double)tg->resolve / 3600.0) : NULL);
        S_text(slt, i, 4, tg->calendar);
    }
    static const char *const calh[] = {"Calendar", "Opening hours", "Holidays"};
    report_table_t *calt = S_table(r, s, "Calendars", f->cfg->ncalendars, 3, calh);
    static const char *const days[7] = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
    for (size_t i = 0; i < f->cfg->ncalendars; i++) {
        const cfg_calendar_t *cal = &f->cfg->calendars[i];
        S_text(calt, i, 0, cal->name);
        strbuf_t sb = {0};
        if (cal->always_open) {
            strbuf_puts(&sb, "always open");
        } else {
            for (int d = 0; d < 7; d++) {
                if (!cal->nhours[d])
                    continue;
                strbuf_printf(&sb, "%s%s ", sb.len ? "; " : "", days[d]);
                for (size_t k = 0; k < cal->nhours[d]; k++)
                    strbuf_printf(&sb, "%s%02d:%02d–%02d:%02d", k ? "," : "",
                                  cal->hours[d][k].start_min / 60, cal->hours[d][k].start_min % 60,
                                  cal->hours[d][k].end_min / 60, cal->hours[d][k].end_min % 60);
            }
            if (!sb.len)
                strbuf_puts(&sb, "never open");
        }
        S_text(calt, i, 1, arena_strdup(r->arena, strbuf_cstr(&sb)));
        strbuf_reset(&sb);
        for (size_t k = 0; k < cal->nholidays; k++) {
            int64_t y;
            int mo, dd;
            civil_from_days(cal->holidays[k], &y, &mo, &dd);
            strbuf_printf(&sb, "%s%04d-%02d-%02d", k ? ", " : "", (int)y, mo, dd);
        }
        S_text(calt, i, 2, cal->nholidays ? arena_strdup(r->arena, sb.data) : "none");
        strbuf_free(&sb);
    }
    S_para(s, "Definitions (iso20k SPEC section 5). Cancelled tickets count only as cancelled. "
              "Response SLA: incidents and requests opened in the period; met when the first "
              "response (or the resolution, if earlier) came within the target on the target's "
              "calendar, breached when it came later or has not come and the target has already "
              "passed; others are pending and left out. Resolution SLA: incidents and requests "
              "resolved in the period. Times are wall-clock; medians and percentiles use the "
              "nearest-rank method. A ratio with no denominator is shown as n/a, never 0 or 100.");
    S_para(s, S_fmt(r,
                    "Times are reported in %s. Data as known at %s: later events count as "
                    "not yet happened.",
                    tz_name(f->tz), r->as_of_text));
}

report_t *report_build(const report_facts_t *facts)
{
    report_t *r = xcalloc(1, sizeof(*r));
    r->arena = arena_new();
    r->facts = *facts;
    const config_t *cfg = facts->cfg;
    r->title = facts->kind_readiness ? "Pre-audit readiness pack" : "Service management review";
    r->organization = STR_EMPTY(cfg->organization) ? "(organization not set)" : cfg->organization;
    r->scope = cfg->scope ? cfg->scope : "";
    const metrics_period_t *p = &facts->metrics->period;
    tz_format_iso(facts->tz, p->as_of, r->as_of_iso);
    int64_t local = tz_utc_to_local(facts->tz, p->as_of);
    int64_t y;
    int mo, d;
    civil_from_days(floor_div(local, 86400), &y, &mo, &d);
    int64_t secs = local - floor_div(local, 86400) * 86400;
    snprintf(r->as_of_text, sizeof r->as_of_text, "%d %s %04d %02d:%02d", d, MONTHS[mo - 1], (int)y,
             (int)(secs / 3600), (int)(secs / 60 % 60));
    int64_t sd = floor_div(tz_utc_to_local(facts->tz, p->start), 86400);
    int64_t ed = floor_div(tz_utc_to_local(facts->tz, p->end), 86400) - 1;
    int64_t y1, y2;
    int m1, d1, m2, d2;
    civil_from_days(sd, &y1, &m1, &d1);
    civil_from_days(ed, &y2, &m2, &d2);
    r->period_text = S_fmt(r, "%s (%d %s %04d – %d %s %04d)", facts->period_label, d1,
                           MONTHS[m1 - 1], (int)y1, d2, MONTHS[m2 - 1], (int)y2);
    if (facts->over_rejected_limit)
        r->banner = "Warning: an input rejected more rows than quality.max_rejected_pct allows; "
                    "figures may be incomplete (see Data quality).";
    if (facts->kind_readiness) {
        /* SPEC 8.4: for the audit team, verdict first */
        S_rp_verdict(r);
        S_rp_register(r);
        S_rp_documents(r);
        S_rp_evidence(r);
        S_rp_audit_review(r);
        S_quality(r);
        return r;
    }
    S_summary(r);
    S_availability(r);
    S_incidents(r);
    S_satisfaction(r);
    S_changes(r);
    S_trends(r);
    S_readiness(r);
    S_roi(r);
    S_quality(r);
    return r;
}

void report_free(report_t *r)
{
    if (!r)
        return;
    for (size_t i = 0; i < r->nsections; i++)
        free(r->sections[i].blocks);
    free(r->sections);
    arena_free(r->arena);
    free(r);
}
