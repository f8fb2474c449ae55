/*
 * report_review — the sections of the management-review pack (SPEC 8.1): executive summary,
 * availability, incidents and requests, satisfaction, changes and problems, trends; then the
 * readiness, ROI and data-quality sections the other files build.
 */
#include <math.h>
#include <stdlib.h>

#include "report/report_parts.h"

/* A KPI's display precision, the same wherever the pack shows it. */
#define DEC(k) (kpi_table[k].decimals)

/* The section of the review pack that details an area of the KPI table. */
static int S_area_section(kpi_area_t area)
{
    static const int section[] = {[KPI_AREA_AVAILABILITY] = SECTION_AVAILABILITY,
                                  [KPI_AREA_TICKETS] = SECTION_INCIDENTS,
                                  [KPI_AREA_SATISFACTION] = SECTION_SATISFACTION,
                                  [KPI_AREA_EFFICIENCY] = SECTION_CHANGES,
                                  [KPI_AREA_READINESS] = SECTION_READINESS};
    return section[area];
}

/* Row i of the key indicators: value, target, status, previous value and change. */
static void S_summary_row(report_t *r, report_table_t *t, size_t i, kpi_id_t k, double value,
                          double previous)
{
    const kpi_t *kp = &kpi_table[k];
    const cfg_kpi_target_t *tg = kpi_target(k, r->facts.cfg);
    cell_type_t type = report_kpi_cell_type(kp->unit);
    int dec = kp->decimals;
    t->row_links[i] = S_area_section(kp->area);
    report_set_text(t, i, 0, kp->label);
    report_set_num(t, i, 1, type, value, dec);
    report_judge(report_cell(t, i, 1), tg, 2);
    if (tg)
        report_set_num(t, i, 2, type, tg->target, dec);
    rag_t rag = report_rag(tg, value);
    report_set_text(t, i, 3,
                    rag == RAG_GREEN   ? "on target"
                    : rag == RAG_AMBER ? "watch"
                    : rag == RAG_RED   ? "off target"
                                       : NULL);
    report_cell(t, i, 3)->rag = rag;
    if (tg)
        report_cell(t, i, 3)->status_of = 1;
    report_set_num(t, i, 4, type, previous, dec);
    double delta = value - previous;
    if (isnan(previous) || isnan(value)) {
        report_cell(t, i, 4)->type = isnan(previous) ? CELL_EMPTY : report_cell(t, i, 4)->type;
        report_cell(t, i, 5)->type = CELL_EMPTY;
        return;
    }
    /* an arrow for the direction; green when it moved the right way for a KPI with a target,
     * red when the wrong way */
    double shown = round_half_away(delta, dec);
    const char *arrow = shown > 0 ? "▲" : shown < 0 ? "▼" : "▶";
    report_set_num(t, i, 5, CELL_DELTA, delta, dec);
    report_cell(t, i, 5)->text = shown == 0 ? report_fmt(r, "%s 0", arrow) /* shown in the PDF */
                                            : report_fmt(r, "%s %+.*f", arrow, dec, shown);
    if (tg && shown != 0)
        report_cell(t, i, 5)->rag = (shown > 0) != (tg->lower_is_better != 0) ? RAG_GREEN : RAG_RED;
}

/* Every KPI of the summary against its target and the previous period (the trend KPIs). */
static void S_summary_table(report_t *r, report_section_t *s)
{
    const report_facts_t *f = &r->facts;
    const trend_kpis_t *pv = f->previous && f->previous->known ? &f->previous->kpis : NULL;
    size_t n = 0;
    for (size_t k = 0; k < KPI_COUNT; k++)
        n += (kpi_table[k].flags & KPI_SUMMARY) && kpi_available((kpi_id_t)k, f->readiness);
    static const char *const hdr[] = {"Indicator", "Value",    "Target",
                                      "Status",    "Previous", "Change"};
    report_table_t *t = report_add_table(r, s, "Key indicators", n, 6, hdr);
    t->row_links = arena_alloc(r->arena, (n ? n : 1) * sizeof(int));
    for (size_t k = 0, i = 0; k < KPI_COUNT; k++) {
        if (!(kpi_table[k].flags & KPI_SUMMARY) || !kpi_available((kpi_id_t)k, f->readiness))
            continue;
        double previous = pv && kpi_table[k].trend >= 0 ? pv->value[k] : NAN;
        S_summary_row(r, t, i++, (kpi_id_t)k, kpi_value((kpi_id_t)k, f->metrics, f->readiness),
                      previous);
    }
}

/* Availability against target over the services measured, and the one furthest below it. */
static void S_summary_availability(report_t *r, report_section_t *s)
{
    const metrics_t *m = r->facts.metrics;
    int dec = kpi_table[KPI_AVAILABILITY].decimals;
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
    if (!measured)
        return;
    if (worst)
        report_add_para(s, report_fmt(r,
                                      "Availability met its target on %zu of %zu services; %s "
                                      "missed it by %.*f points (%.*f%% against %.*f%%).",
                                      met, measured, worst->service, dec,
                                      worst->target_pct - worst->availability_pct, dec,
                                      worst->availability_pct, dec, worst->target_pct));
    else
        report_add_para(
            s, report_fmt(r, "Availability met its target on all %zu services.", measured));
}

/* SLA attainment, and the weakest kind and priority. */
static void S_summary_sla(report_t *r, report_section_t *s)
{
    const metrics_t *m = r->facts.metrics;
    if (isnan(m->sla.response_attainment_pct) && isnan(m->sla.resolution_attainment_pct))
        return;
    const cfg_kpi_target_t *rt = kpi_target(KPI_RESOLUTION, r->facts.cfg);
    const sla_row_t *weakest = NULL;
    for (size_t i = 0; i < m->sla.nrows; i++)
        if (!isnan(m->sla.rows[i].res_pct) &&
            (!weakest || m->sla.rows[i].res_pct < weakest->res_pct))
            weakest = &m->sla.rows[i];
    strbuf_t sb = {0};
    strbuf_printf(&sb, "SLA: %s of responses and %s of resolutions were within target",
                  report_kpi_text(r, KPI_RESPONSE, m->sla.response_attainment_pct),
                  report_kpi_text(r, KPI_RESOLUTION, m->sla.resolution_attainment_pct));
    if (rt)
        strbuf_printf(&sb, " (resolution target %g%%)", rt->target);
    if (weakest)
        strbuf_printf(&sb, "; the weakest was %s at %s",
                      report_priority_name(r, weakest->kind, weakest->priority),
                      report_kpi_text(r, KPI_RESOLUTION, weakest->res_pct));
    strbuf_puts(&sb, ".");
    report_add_para(s, arena_strdup(r->arena, sb.data));
    strbuf_clear(&sb);
}

/* Satisfaction, changes, volumes and readiness, a sentence each. */
static void S_summary_sentences(report_t *r, report_section_t *s)
{
    const report_facts_t *f = &r->facts;
    const metrics_t *m = f->metrics;
    const satisfaction_t *sa = &m->satisfaction;
    if (sa->responses) {
        const cfg_kpi_target_t *ct = kpi_target(KPI_CSAT, f->cfg);
        report_add_para(
            s, report_fmt(r,
                          "Customer satisfaction: %s%s from %zu survey responses%s; net promoter "
                          "score %s.",
                          report_kpi_text(r, KPI_CSAT, sa->csat_pct),
                          isnan(sa->csat_pct) ? "" : " satisfied", sa->responses,
                          ct ? report_fmt(r, " (target %g%%)", ct->target) : "",
                          report_kpi_text(r, KPI_NPS, sa->nps)));
    }
    const efficiency_t *e = &m->efficiency;
    if (e->changes_resolved)
        report_add_para(
            s, report_fmt(r,
                          "Changes: %zu closed, %zu failed or backed out (success %s), %zu "
                          "emergency.",
                          e->changes_resolved, e->changes_failed + e->changes_backed_out,
                          report_kpi_text(r, KPI_CHANGE_SUCCESS, e->change_success_pct),
                          e->changes_emergency));
    report_add_para(
        s,
        report_fmt(r,
                   "%zu tickets were opened and %zu resolved in the period; %zu incidents and "
                   "requests remained open at its end, %zu of them already past their resolution "
                   "target.",
                   m->volumes.opened, m->volumes.resolved, m->volumes.backlog_end,
                   m->sla.open_breached));
    if (f->readiness) {
        const readiness_result_t *rr = f->readiness;
        report_add_para(
            s, report_fmt(r,
                          "ISO/IEC 20000-1 readiness: %s overall; stage 1 %s, stage 2 %s; %zu gaps "
                          "(%zu major)%s.",
                          report_kpi_text(r, KPI_READINESS, rr->overall_pct),
                          rr->stage1_ready ? "ready" : "not ready",
                          rr->stage2_ready ? "ready" : "not ready", rr->ngaps, rr->nmajor,
                          rr->ncontradicted
                              ? report_fmt(r, "; the data contradicts %zu self-assessed score%s",
                                           rr->ncontradicted, rr->ncontradicted == 1 ? "" : "s")
                              : ""));
    }
}

/* A note when an input rejected more rows than the limit. */
static void S_summary_rejections(report_t *r, report_section_t *s)
{
    if (r->facts.over_rejected_limit)
        report_add_note(
            s, "Some inputs had more rejected rows than the configured limit: see Data quality.");
}

/* Availability against target per service (the furthest below target when many). */
static void S_summary_chart(report_t *r, report_section_t *s)
{
    const metrics_t *m = r->facts.metrics;
    if (!m->navailability)
        return;
    double *keys = xmalloc(m->navailability * sizeof(double));
    for (size_t i = 0; i < m->navailability; i++)
        keys[i] = m->availability[i].availability_pct - m->availability[i].target_pct;
    size_t *pick;
    chart_spec_t *c =
        report_add_picked_chart(r, s, CHART_GROUPED_BAR, "Availability by service (%)",
                                "furthest below target", keys, m->navailability, 2, &pick);
    c->percent = 1;
    c->y_title = "%";
    c->series[0].name = "Availability";
    c->series[1].name = "Target";
    for (size_t i = 0; i < c->ncat; i++) {
        c->categories[i] = m->availability[pick[i]].service;
        c->series[0].values[i] = m->availability[pick[i]].availability_pct;
        c->series[1].values[i] = m->availability[pick[i]].target_pct;
    }
    free(pick);
}

static void S_summary(report_t *r)
{
    static const report_part_fn parts[] = {
        S_summary_table,         S_summary_availability, S_summary_sla,  S_summary_sentences,
        report_register_summary, S_summary_rejections,   S_summary_chart};
    report_add_parts(r, "Executive summary", "Summary", parts, NPARTS(parts));
}

static void S_availability(report_t *r)
{
    const metrics_t *m = r->facts.metrics;
    report_section_t *s = report_add_section(r, "Service availability", "Availability");
    report_add_para(
        s, "Availability = (agreed service time − downtime) / agreed service time, on each "
           "service's calendar, with planned maintenance excluded from the agreed time. "
           "Overlapping outages count once.");
    static const char *const hdr[] = {"Service",      "Calendar",       "Target %",
                                      "Agreed (min)", "Downtime (min)", "Availability %",
                                      "Outages",      "MTRS (min)",     "MTBF (min)"};
    report_table_t *t = report_add_table(r, s, "Availability by service", m->navailability, 9, hdr);
    size_t outside = 0;
    for (size_t i = 0; i < m->navailability; i++) {
        const availability_row_t *a = &m->availability[i];
        report_set_text(t, i, 0, a->in_catalogue ? a->service : report_fmt(r, "%s *", a->service));
        outside += !a->in_catalogue;
        report_set_text(t, i, 1, a->calendar);
        report_set_num(t, i, 2, CELL_PERCENT, a->target_pct, 2);
        report_set_num(t, i, 3, CELL_MINUTES, (double)a->agreed_seconds / 60.0, 0);
        report_set_num(t, i, 4, CELL_MINUTES, (double)a->downtime_seconds / 60.0, 1);
        report_set_num(t, i, 5, CELL_PERCENT, a->availability_pct, DEC(KPI_AVAILABILITY));
        cfg_kpi_target_t svc_target = {"availability_pct", a->target_pct, NAN, 0};
        report_judge(report_cell(t, i, 5), &svc_target, 2);
        report_cell(t, i, 5)->rag = a->met_target < 0 ? RAG_NONE
                                    : a->met_target   ? RAG_GREEN
                                                      : RAG_RED;
        report_set_num(t, i, 6, CELL_INT, (double)a->outages, 0);
        report_set_num(t, i, 7, CELL_MINUTES, a->mtrs_minutes, 1);
        report_set_num(t, i, 8, CELL_MINUTES, a->mtbf_minutes, 0);
    }
    if (outside)
        report_add_note(
            s,
            report_fmt(r,
                       "* Not in the service catalogue (%zu service%s named by the period's data): "
                       "measured with service_defaults (calendar %s, target %g%%).",
                       outside, outside == 1 ? "" : "s", r->facts.cfg->service_defaults.calendar,
                       r->facts.cfg->service_defaults.availability_target));
    if (m->navailability) {
        double *keys = xmalloc(m->navailability * sizeof(double));
        for (size_t i = 0; i < m->navailability; i++)
            keys[i] = -(double)m->availability[i].downtime_seconds; /* most downtime first */
        size_t *pick;
        chart_spec_t *c =
            report_add_picked_chart(r, s, CHART_BAR, "Downtime by service (minutes)",
                                    "with the most", keys, m->navailability, 1, &pick);
        c->y_title = "minutes";
        c->y_min = 0;
        c->series[0].name = "Downtime";
        for (size_t i = 0; i < c->ncat; i++) {
            c->categories[i] = m->availability[pick[i]].service;
            c->series[0].values[i] = (double)m->availability[pick[i]].downtime_seconds / 60.0;
        }
        free(pick);
    }
}

/* Volumes: opened by kind, resolved, cancelled, the backlog and how much of it is past target. */
static void S_volume_table(report_t *r, report_section_t *s)
{
    const metrics_t *m = r->facts.metrics;
    static const char *const vh[] = {"Measure", "Count"};
    report_table_t *v = report_add_table(r, s, "Volumes", 9, 2, vh);
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
        report_set_text(v, i, 0, names[i]);
        report_set_num(v, i, 1, CELL_INT, vals[i], 0);
    }
}

/* SLA attainment by kind and priority, and the tickets without a target. */
static void S_sla_table(report_t *r, report_section_t *s)
{
    const metrics_t *m = r->facts.metrics;
    static const char *const sh[] = {"Kind and priority", "Resp. met",   "Resp. late",
                                     "Pending",           "Response %",  "Resol. met",
                                     "Resol. late",       "Resolution %"};
    report_table_t *t =
        report_add_table(r, s, "SLA attainment by priority", m->sla.nrows + 1, 8, sh);
    const cfg_kpi_target_t *rt = kpi_target(KPI_RESPONSE, r->facts.cfg);
    const cfg_kpi_target_t *st = kpi_target(KPI_RESOLUTION, r->facts.cfg);
    for (size_t i = 0; i <= m->sla.nrows; i++) {
        int total = i == m->sla.nrows;
        const sla_row_t *row = total ? NULL : &m->sla.rows[i];
        report_set_text(t, i, 0,
                        total ? "All with a target"
                              : report_priority_name(r, row->kind, row->priority));
        report_set_num(t, i, 1, CELL_INT, (double)(total ? m->sla.resp_met : row->resp_met), 0);
        report_set_num(t, i, 2, CELL_INT,
                       (double)(total ? m->sla.resp_breached : row->resp_breached), 0);
        report_set_num(t, i, 3, CELL_INT, (double)(total ? m->sla.resp_pending : row->resp_pending),
                       0);
        double rp = total ? m->sla.response_attainment_pct : row->resp_pct;
        report_set_num(t, i, 4, CELL_PERCENT, rp, DEC(KPI_RESPONSE));
        report_judge(report_cell(t, i, 4), rt, -1);
        report_set_num(t, i, 5, CELL_INT, (double)(total ? m->sla.res_met : row->res_met), 0);
        report_set_num(t, i, 6, CELL_INT, (double)(total ? m->sla.res_breached : row->res_breached),
                       0);
        double sp = total ? m->sla.resolution_attainment_pct : row->res_pct;
        report_set_num(t, i, 7, CELL_PERCENT, sp, DEC(KPI_RESOLUTION));
        report_judge(report_cell(t, i, 7), st, -1);
    }
    if (m->sla.no_target)
        report_add_note(
            s, report_fmt(r,
                          "%zu incidents and requests opened in the period have no SLA target "
                          "for their kind and priority and are left out of attainment.",
                          m->sla.no_target));
}

/* SLA attainment by kind and priority, against the resolution target. */
static void S_sla_chart(report_t *r, report_section_t *s)
{
    const metrics_t *m = r->facts.metrics;
    const cfg_kpi_target_t *st = kpi_target(KPI_RESOLUTION, r->facts.cfg);
    if (m->sla.nrows) {
        chart_spec_t *c = report_add_chart(r, s, CHART_GROUPED_BAR,
                                           "SLA attainment by priority (%)", m->sla.nrows, 2);
        c->percent = 1;
        c->y_title = "%";
        c->y_min = 0;
        c->y_max = 100;
        c->series[0].name = "Response";
        c->series[1].name = "Resolution";
        for (size_t i = 0; i < m->sla.nrows; i++) {
            c->categories[i] =
                report_priority_name(r, m->sla.rows[i].kind, m->sla.rows[i].priority);
            c->series[0].values[i] = m->sla.rows[i].resp_pct;
            c->series[1].values[i] = m->sla.rows[i].res_pct;
        }
        if (st) {
            c->target = st->target;
            c->target_label = "resolution target";
        }
    }
}

/* Response and resolution times, and the histogram of resolution times. */
static void S_times(report_t *r, report_section_t *s)
{
    const metrics_t *m = r->facts.metrics;
    static const char *const th[] = {"Time (wall clock)", "Tickets", "Mean (min)", "Median (min)",
                                     "90th percentile (min)"};
    report_table_t *tt = report_add_table(r, s, "Response and resolution times", 2, 5, th);
    const time_stats_t *ts[2] = {&m->response, &m->resolution};
    const char *tn[2] = {"First response", "Resolution"};
    for (size_t i = 0; i < 2; i++) {
        report_set_text(tt, i, 0, tn[i]);
        report_set_num(tt, i, 1, CELL_INT, (double)ts[i]->n, 0);
        report_set_num(tt, i, 2, CELL_MINUTES, ts[i]->mean, 1);
        report_set_num(tt, i, 3, CELL_MINUTES, ts[i]->median, 1);
        report_set_num(tt, i, 4, CELL_MINUTES, ts[i]->p90, 1);
    }
    if (m->resolution.n) {
        static const char *const bins[RESOLUTION_BINS] = {"< 1 h", "1–4 h", "4–8 h", "8–24 h",
                                                          "1–3 d", "3–7 d", "> 7 d"};
        chart_spec_t *h = report_add_chart(
            r, s, CHART_HISTOGRAM, "Resolution times (wall clock, tickets)", RESOLUTION_BINS, 1);
        h->y_title = "tickets";
        h->y_min = 0;
        h->series[0].name = "Resolved";
        for (int i = 0; i < RESOLUTION_BINS; i++) {
            h->categories[i] = bins[i];
            h->series[0].values[i] = (double)m->resolution_hist[i];
        }
    }
}

/* Tickets opened by service and kind (the busiest when many). */
static void S_service_chart(report_t *r, report_section_t *s)
{
    const metrics_t *m = r->facts.metrics;
    if (m->volumes.nby_service) {
        size_t n = m->volumes.nby_service < 12 ? m->volumes.nby_service : 12;
        chart_spec_t *bs = report_add_chart(
            r, s, CHART_STACKED_BAR,
            m->volumes.nby_service > 12 ? "Tickets opened by service and kind (the 12 busiest)"
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
}

/* The backlog at period end by age. */
static void S_backlog_chart(report_t *r, report_section_t *s)
{
    const metrics_t *m = r->facts.metrics;
    chart_spec_t *c =
        report_add_chart(r, s, CHART_BAR, "Backlog at period end by age (tickets)", 4, 1);
    c->y_title = "tickets";
    c->y_min = 0;
    c->series[0].name = "Open tickets";
    static const char *const an[4] = {"0–7 days", "8–30 days", "31–90 days", "over 90 days"};
    for (int i = 0; i < 4; i++) {
        c->categories[i] = an[i];
        c->series[0].values[i] = (double)m->volumes.aging[i];
    }
}

static void S_incidents(report_t *r)
{
    static const report_part_fn parts[] = {S_volume_table, S_sla_table,     S_sla_chart,
                                           S_times,        S_service_chart, S_backlog_chart};
    report_add_parts(r, "Incidents and requests", "SLA", parts, NPARTS(parts));
}

/* The survey results: responses, CSAT, mean score, NPS and response rate. */
static void S_survey_table(report_t *r, report_section_t *s)
{
    const satisfaction_t *sa = &r->facts.metrics->satisfaction;
    static const char *const hdr[] = {"Measure", "Value"};
    report_table_t *t = report_add_table(r, s, "Survey results", 5, 2, hdr);
    report_set_text(t, 0, 0, "Survey responses");
    report_set_num(t, 0, 1, CELL_INT, (double)sa->responses, 0);
    report_set_text(t, 1, 0,
                    report_fmt(r, "CSAT (share scoring %g or more)", r->facts.cfg->satisfied_from));
    report_set_num(t, 1, 1, CELL_PERCENT, sa->csat_pct, DEC(KPI_CSAT));
    report_judge(report_cell(t, 1, 1), kpi_target(KPI_CSAT, r->facts.cfg), -1);
    report_set_text(t, 2, 0,
                    report_fmt(r, "Mean score (scale %g–%g)", r->facts.cfg->scale_min,
                               r->facts.cfg->scale_max));
    report_set_num(t, 2, 1, CELL_NUMBER, sa->csat_mean, DEC(KPI_CSAT_MEAN));
    report_set_text(t, 3, 0, "Net promoter score");
    report_set_num(t, 3, 1, CELL_NUMBER, sa->nps, DEC(KPI_NPS));
    report_set_text(t, 4, 0, "Response rate (of incidents and requests resolved)");
    report_set_num(t, 4, 1, CELL_PERCENT, sa->response_rate_pct, DEC(KPI_RESPONSE_RATE));
}

/* CSAT by service and by resolver group, and the responses that join no ticket. */
static void S_csat_parts(report_t *r, report_section_t *s)
{
    const satisfaction_t *sa = &r->facts.metrics->satisfaction;
    const cfg_kpi_target_t *ct = kpi_target(KPI_CSAT, r->facts.cfg);
    static const char *const ph[] = {"Responses", "Scored", "CSAT %", "Mean score"};
    for (int part = 0; part < 2; part++) {
        const satisfaction_part_t *arr = part ? sa->by_group : sa->by_service;
        size_t n = part ? sa->nby_group : sa->nby_service;
        const char *cols[5] = {part ? "Group" : "Service", ph[0], ph[1], ph[2], ph[3]};
        report_table_t *t2 =
            report_add_table(r, s, part ? "By resolver group" : "By service", n, 5, cols);
        for (size_t i = 0; i < n; i++) {
            report_set_text(t2, i, 0, arr[i].name);
            report_set_num(t2, i, 1, CELL_INT, (double)arr[i].responses, 0);
            report_set_num(t2, i, 2, CELL_INT, (double)arr[i].scored, 0);
            report_set_num(t2, i, 3, CELL_PERCENT, arr[i].csat_pct, DEC(KPI_CSAT));
            report_judge(report_cell(t2, i, 3), ct, -1);
            report_set_num(t2, i, 4, CELL_NUMBER, arr[i].csat_mean, DEC(KPI_CSAT_MEAN));
        }
    }
    if (sa->unjoined)
        report_add_note(
            s, report_fmt(r,
                          "%zu of %zu responses name no ticket of the inputs, so they count in the "
                          "totals but in no service or group.",
                          sa->unjoined, sa->responses));
}

/* CSAT by service (the lowest when many), against the target. */
static void S_csat_chart(report_t *r, report_section_t *s)
{
    const satisfaction_t *sa = &r->facts.metrics->satisfaction;
    const cfg_kpi_target_t *ct = kpi_target(KPI_CSAT, r->facts.cfg);
    if (sa->nby_service) {
        double *keys = xmalloc(sa->nby_service * sizeof(double));
        for (size_t i = 0; i < sa->nby_service; i++)
            keys[i] = sa->by_service[i].csat_pct;
        size_t *pick;
        chart_spec_t *c = report_add_picked_chart(r, s, CHART_BAR, "CSAT by service (%)", "lowest",
                                                  keys, sa->nby_service, 1, &pick);
        c->percent = 1;
        c->y_min = 0;
        c->y_max = 100;
        c->y_title = "%";
        c->series[0].name = "CSAT";
        for (size_t i = 0; i < c->ncat; i++) {
            c->categories[i] = sa->by_service[pick[i]].name;
            c->series[0].values[i] = sa->by_service[pick[i]].csat_pct;
        }
        free(pick);
        if (ct) {
            c->target = ct->target;
            c->target_label = "target";
        }
    }
}

/* The responses by score. */
static void S_score_donut(report_t *r, report_section_t *s)
{
    const satisfaction_t *sa = &r->facts.metrics->satisfaction;
    if (sa->scored) {
        const config_t *cfg = r->facts.cfg;
        int lo = (int)ceil(cfg->scale_min), hi = (int)floor(cfg->scale_max);
        if (lo < 0)
            lo = 0;
        if (hi > 10)
            hi = 10;
        size_t n = hi >= lo ? (size_t)(hi - lo + 1) : 0;
        chart_spec_t *c = report_add_chart(r, s, CHART_DONUT, "Responses by score", n, 1);
        c->series[0].name = "Responses";
        for (size_t i = 0; i < n; i++) {
            int score = hi - (int)i; /* best first */
            c->categories[i] = report_fmt(r, "Score %d", score);
            c->series[0].values[i] = (double)sa->by_score[score];
        }
        c->center_text = isnan(sa->csat_pct)
                             ? "n/a"
                             : report_fmt(r, "%s CSAT", report_kpi_text(r, KPI_CSAT, sa->csat_pct));
    }
}

static void S_satisfaction(report_t *r)
{
    static const report_part_fn parts[] = {S_survey_table, S_csat_parts, S_csat_chart,
                                           S_score_donut};
    report_add_parts(r, "Customer satisfaction", "Satisfaction", parts, NPARTS(parts));
}

static void S_changes(report_t *r)
{
    const efficiency_t *e = &r->facts.metrics->efficiency;
    report_section_t *s = report_add_section(r, "Changes and problems", "Efficiency");
    static const char *const hdr[] = {"Measure", "Value"};
    report_table_t *t = report_add_table(r, s, "Process efficiency", 9, 2, hdr);
    struct {
        const char *n;
        cell_type_t ty;
        double v;
        int kpi; /* the KPI it shows, -1: a count */
    } rows[] = {
        {"Reopen rate", CELL_PERCENT, e->reopen_rate_pct, KPI_REOPEN},
        {"First-assignment resolution", CELL_PERCENT, e->first_assignment_resolution_pct,
         KPI_FIRST_ASSIGNMENT},
        {"Changes closed in the period", CELL_INT, (double)e->changes_resolved, -1},
        {"Change success rate", CELL_PERCENT, e->change_success_pct, KPI_CHANGE_SUCCESS},
        {"Emergency changes", CELL_PERCENT, e->emergency_change_pct, KPI_EMERGENCY_CHANGE},
        {"Failed or backed-out changes", CELL_INT,
         (double)(e->changes_failed + e->changes_backed_out), -1},
        {"Problems opened", CELL_INT, (double)e->problems_opened, -1},
        {"Problems resolved", CELL_INT, (double)e->problems_resolved, -1},
        {"Problems open at period end", CELL_INT, (double)e->problems_open_end, -1},
    };
    for (size_t i = 0; i < 9; i++) {
        report_set_text(t, i, 0, rows[i].n);
        report_set_num(t, i, 1, rows[i].ty, rows[i].v, rows[i].kpi >= 0 ? DEC(rows[i].kpi) : 0);
        if (rows[i].kpi >= 0)
            report_judge(report_cell(t, i, 1), kpi_target(rows[i].kpi, r->facts.cfg), -1);
    }
    if (e->changes_resolved) {
        chart_spec_t *c = report_add_chart(r, s, CHART_BAR, "Changes closed by outcome", 3, 1);
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

/* The table of the trend periods: a column per trend KPI of the KPI table. */
static void S_trend_table(report_t *r, report_section_t *s)
{
    const report_facts_t *f = &r->facts;
    size_t ncols = 1 + kpi_trend_count();
    const char **hdr = arena_alloc(r->arena, ncols * sizeof(char *));
    hdr[0] = "Period";
    for (size_t c = 1; c < ncols; c++)
        hdr[c] = kpi_table[kpi_trend_at(c - 1)].trend_header;
    report_table_t *t = report_add_table(r, s, report_fmt(r, "The last %zu periods", f->ntrend),
                                         f->ntrend, ncols, hdr);
    for (size_t i = 0; i < f->ntrend; i++) {
        const trend_row_t *row = &f->trend[i];
        report_set_text(t, i, 0,
                        row->from_history ? report_fmt(r, "%s (history)", row->label)
                                          : arena_strdup(r->arena, row->label));
        for (size_t c = 1; c < ncols; c++) {
            const kpi_t *kp = &kpi_table[kpi_trend_at(c - 1)];
            report_set_num(t, i, c, report_kpi_cell_type(kp->unit),
                           row->known ? row->kpis.value[kpi_trend_at(c - 1)] : NAN, kp->decimals);
        }
    }
}

static void S_trends(report_t *r)
{
    const report_facts_t *f = &r->facts;
    report_section_t *s = report_add_section(r, "Trends", "Trends");
    S_trend_table(r, s);
    chart_spec_t *vol =
        report_add_chart(r, s, CHART_LINE, "Tickets opened and resolved", f->ntrend, 2);
    vol->series[0].name = "Opened";
    vol->series[1].name = "Resolved";
    vol->y_title = "tickets";
    vol->y_min = 0;
    chart_spec_t *att = report_add_chart(r, s, CHART_LINE, "SLA attainment (%)", f->ntrend, 2);
    att->series[0].name = "Response";
    att->series[1].name = "Resolution";
    att->percent = 1;
    att->y_title = "%";
    const cfg_kpi_target_t *st = kpi_target(KPI_RESOLUTION, f->cfg);
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
        const double *v = row->kpis.value;
        vol->categories[i] = arena_strdup(r->arena, row->label);
        att->categories[i] = vol->categories[i];
        if (row->known) {
            vol->series[0].values[i] = v[KPI_OPENED];
            vol->series[1].values[i] = v[KPI_RESOLVED];
            att->series[0].values[i] = v[KPI_RESPONSE];
            att->series[1].values[i] = v[KPI_RESOLUTION];
        }
    }
    report_add_note(
        s, "A period the inputs do not reach back to is taken from the history file of earlier "
           "packs, marked (history); without one it shows n/a.");
}

/* Marks the section just added as the one of `id` (for links and the ROI sheet). */
static void S_id(report_t *r, int id)
{
    r->sections[r->nsections - 1].id = id;
}

void report_review(report_t *r)
{
    S_summary(r);
    S_id(r, SECTION_SUMMARY);
    report_review_inputs_section(r);
    report_register_sections(r);
    S_availability(r);
    S_id(r, SECTION_AVAILABILITY);
    S_incidents(r);
    S_id(r, SECTION_INCIDENTS);
    S_satisfaction(r);
    S_id(r, SECTION_SATISFACTION);
    S_changes(r);
    S_id(r, SECTION_CHANGES);
    S_trends(r);
    S_id(r, SECTION_TRENDS);
    report_readiness_section(r);
    S_id(r, SECTION_READINESS);
    report_roi_section(r);
    S_id(r, SECTION_ROI);
    report_decisions_section(r);
    report_quality_section(r);
    S_id(r, SECTION_QUALITY);
}
