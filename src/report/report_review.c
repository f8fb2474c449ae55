/*
 * report_review — the sections of the management-review pack (README.md "The pack"): executive
 * summary, availability, incidents and requests, satisfaction, changes and problems, trends; then
 * the readiness, ROI and data-quality sections the other files build.
 *
 * What the data cannot support is said in words, never shown as a good figure (docs/metrics.md §9):
 * a period the data does not cover, availability without outage records, satisfaction without a
 * survey source, changes or problems without a single record. Every count names its
 * population; a share of too few observations carries its n and no colour; a chart whose values
 * are all the same is one sentence instead.
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

/* Why the period has no figure, for a section that has none: "the data ends on …". */
static const char *S_no_data_text(report_t *r)
{
    const coverage_report_t *cv = r->facts.coverage;
    if (!cv || cv->overall.last == TS_NONE)
        return "No figure: the inputs hold no data.";
    if (cv->overall.first >= r->facts.metrics->period.end)
        return report_fmt(r, "No figure: the data begins on %s, after the period.",
                          report_date(r, cv->overall.first));
    return report_fmt(r, "No figure: the data ends on %s, before the period.",
                      report_date(r, cv->overall.last));
}

/* "Not measured: …" for availability (docs/metrics.md §9). */
static const char *S_availability_unmeasured(report_t *r)
{
    if (r->facts.metrics->no_data) {
        const coverage_report_t *cv = r->facts.coverage;
        return cv && cv->overall.last != TS_NONE
                   ? report_fmt(r, "Availability not measured: the data ends on %s.",
                                report_date(r, cv->overall.last))
                   : "Availability not measured: the inputs hold no data.";
    }
    return "Availability not measured: no outage records. No source has an outage profile and "
           "incidents are not counted as outages (availability.from_incidents), so downtime is "
           "unknown; the pack does not show it as 100 %.";
}

/* "minutes", "hours" or "days", for a unit of report_duration_unit. */
static const char *S_unit_word(double per_minute)
{
    return per_minute == 1 ? "minutes" : per_minute < 0.01 ? "days" : "hours";
}

/* ---- executive summary ---- */

/* Row i of the key indicators: value, sample size, target, status, previous value, change. */
static void S_summary_row(report_t *r, report_table_t *t, size_t i, const kpi_entry_t *e)
{
    kpi_id_t k = e->kpi;
    const kpi_t *kp = &kpi_table[k];
    const cfg_kpi_target_t *tg = kpi_target(k, r->facts.cfg);
    cell_type_t type = report_kpi_cell_type(kp->unit);
    int dec = kp->decimals;
    t->row_links[i] = S_area_section(kp->area);
    report_set_text(t, i, 0, kp->label);
    report_set_num(t, i, 1, type, e->value, dec);
    report_mark(r, report_cell(t, i, 1), e->status, tg, 3, e->n);
    if (!isnan(e->n) && !isnan(e->value)) /* no n beside a figure that is not there */
        report_set_num(t, i, 2, CELL_INT, e->n, 0);
    if (tg)
        report_set_num(t, i, 3, type, tg->target, dec);
    report_set_text(t, i, 4, report_status_text(e->status));
    report_cell(t, i, 4)->rag = report_status_rag(e->status);
    if (report_cell(t, i, 1)->judged)
        report_cell(t, i, 4)->status_of = 1; /* the workbook recomputes it from the target */
    report_set_num(t, i, 5, type, e->previous, dec);
    if (isnan(e->previous) || isnan(e->value)) {
        report_cell(t, i, 5)->type = isnan(e->previous) ? CELL_EMPTY : report_cell(t, i, 5)->type;
        report_cell(t, i, 6)->type = CELL_EMPTY;
        return;
    }
    /* an arrow for the direction; green when it moved the right way for a KPI with a target,
     * red when the wrong way */
    double shown = round_half_away(e->delta, dec);
    const char *arrow = shown > 0 ? "▲" : shown < 0 ? "▼" : "▶";
    report_set_num(t, i, 6, CELL_DELTA, e->delta, dec);
    report_cell(t, i, 6)->text = shown == 0 ? report_fmt(r, "%s 0", arrow) /* shown in the PDF */
                                            : report_fmt(r, "%s %+.*f", arrow, dec, shown);
    if (tg && shown != 0)
        report_cell(t, i, 6)->rag = (shown > 0) != (tg->lower_is_better != 0) ? RAG_GREEN : RAG_RED;
}

/* Every KPI of the summary with its n, target, status and the change since the previous
 * period. */
static void S_summary_table(report_t *r, report_section_t *s)
{
    const report_facts_t *f = &r->facts;
    if (r->coverage_text)
        report_add_warning(s, r->coverage_text);
    size_t n = 0;
    for (size_t k = 0; k < KPI_COUNT; k++)
        n += (kpi_table[k].flags & KPI_SUMMARY) && kpi_available((kpi_id_t)k, f->readiness);
    static const char *const hdr[] = {"Indicator", "Value",    "n",     "Target",
                                      "Status",    "Previous", "Change"};
    report_table_t *t = report_add_table(r, s, "Key indicators", n, 7, hdr);
    t->row_links = arena_alloc(r->arena, (n ? n : 1) * sizeof(int));
    for (size_t k = 0, i = 0; k < KPI_COUNT; k++) {
        if (!(kpi_table[k].flags & KPI_SUMMARY) || !kpi_available((kpi_id_t)k, f->readiness))
            continue;
        kpi_entry_t e;
        report_kpi_entry(r, (kpi_id_t)k, &e);
        S_summary_row(r, t, i++, &e);
    }
    report_add_note(
        s, report_fmt(r,
                      "n: the tickets or responses a share is computed from; below %zu "
                      "(quality.min_sample) a share is a small sample, shown with its n and not "
                      "judged. Availability, readiness and counts are measurements, with no n.",
                      f->cfg->min_sample));
}

/* Availability against target over the services measured, and the one furthest below it. */
static void S_summary_availability(report_t *r, report_section_t *s)
{
    const metrics_t *m = r->facts.metrics;
    if (m->no_data)
        return;
    if (!m->availability_measured) {
        report_add_para(s, S_availability_unmeasured(r));
        return;
    }
    int dec = DEC(KPI_AVAILABILITY);
    size_t met = 0, measured = 0, outside = 0;
    const availability_row_t *worst = NULL;
    for (size_t i = 0; i < m->navailability; i++) {
        const availability_row_t *a = &m->availability[i];
        if (a->met_target < 0 || !num_shown(a->availability_pct) || !num_shown(a->target_pct))
            continue;
        measured++;
        outside += !a->in_catalogue;
        met += a->met_target == 1;
        if (a->met_target == 0 && (!worst || a->target_pct - a->availability_pct >
                                                 worst->target_pct - worst->availability_pct))
            worst = a;
    }
    if (!measured)
        return;
    /* the population: the services in scope, which may include some outside the catalogue
     * (the readiness evidence counts the catalogue's only) */
    const char *pop =
        outside ? report_fmt(r, "services in scope (%zu of them outside the catalogue)", outside)
                : "services in scope";
    if (worst)
        report_add_para(s, report_fmt(r,
                                      "Availability met its own target on %zu of the %zu %s "
                                      "measured; %s missed it by %.*f points (%.*f %% against "
                                      "%.*f %%).",
                                      met, measured, pop, worst->service, dec,
                                      worst->target_pct - worst->availability_pct, dec,
                                      worst->availability_pct, dec, worst->target_pct));
    else
        report_add_para(s, report_fmt(r, "Availability met its own target on all %zu %s measured.",
                                      measured, pop));
}

/* SLA attainment with its populations, and the weakest kind and priority. */
static void S_summary_sla(report_t *r, report_section_t *s)
{
    const metrics_t *m = r->facts.metrics;
    if (m->no_data ||
        (isnan(m->sla.response_attainment_pct) && isnan(m->sla.resolution_attainment_pct)))
        return;
    const cfg_kpi_target_t *pt = kpi_target(KPI_RESPONSE, r->facts.cfg);
    const cfg_kpi_target_t *rt = kpi_target(KPI_RESOLUTION, r->facts.cfg);
    const sla_row_t *weakest = NULL;
    for (size_t i = 0; i < m->sla.nrows; i++) {
        const sla_row_t *row = &m->sla.rows[i];
        /* the weakest among the rows large enough to judge */
        if (!isnan(row->res_pct) &&
            (double)(row->res_met + row->res_breached) >= (double)r->facts.cfg->min_sample &&
            (!weakest || row->res_pct < weakest->res_pct))
            weakest = row;
    }
    strbuf_t sb = {0};
    strbuf_printf(
        &sb,
        "SLA: %s of the %zu incidents and requests opened in the period with a "
        "response target, answered or already past it, were answered within target%s; "
        "%s of the %zu resolved in the period with a resolution target were resolved "
        "within it%s",
        report_kpi_text(r, KPI_RESPONSE, m->sla.response_attainment_pct),
        m->sla.resp_met + m->sla.resp_breached,
        pt ? report_fmt(r, " (target %s)", report_kpi_text(r, KPI_RESPONSE, pt->target)) : "",
        report_kpi_text(r, KPI_RESOLUTION, m->sla.resolution_attainment_pct),
        m->sla.res_met + m->sla.res_breached,
        rt ? report_fmt(r, " (target %s)", report_kpi_text(r, KPI_RESOLUTION, rt->target)) : "");
    if (weakest)
        strbuf_printf(&sb, "; the weakest was %s at %s of %zu",
                      report_priority_name(r, weakest->kind, weakest->priority),
                      report_kpi_text(r, KPI_RESOLUTION, weakest->res_pct),
                      weakest->res_met + weakest->res_breached);
    strbuf_puts(&sb, ".");
    report_add_para(s, arena_strdup(r->arena, sb.data));
    strbuf_clear(&sb);
}

/* Satisfaction in a sentence, or why there is none. */
static void S_summary_satisfaction(report_t *r, report_section_t *s)
{
    const report_facts_t *f = &r->facts;
    const metrics_t *m = f->metrics;
    const satisfaction_t *sa = &m->satisfaction;
    if (m->no_data)
        return;
    if (!metrics_satisfaction_measured(m)) {
        report_add_para(s, "Customer satisfaction not measured: no survey source is configured.");
        return;
    }
    if (!sa->responses) {
        report_add_para(s, "Customer satisfaction: no survey response in the period.");
        return;
    }
    const cfg_kpi_target_t *ct = kpi_target(KPI_CSAT, f->cfg);
    kpi_status_t st = report_status(r, sa->csat_pct, (double)sa->scored, ct);
    report_add_para(
        s, report_fmt(
               r,
               "Customer satisfaction: %s of the %zu survey responses in the period with a "
               "score were satisfied (%g or more)%s%s; net promoter score %s from the %zu "
               "responses with a recommendation score.",
               report_kpi_text(r, KPI_CSAT, sa->csat_pct), sa->scored, f->cfg->satisfied_from,
               ct ? report_fmt(r, " (target %s)", report_kpi_text(r, KPI_CSAT, ct->target)) : "",
               st == KPI_ST_SMALL_SAMPLE ? ", a small sample" : "",
               report_kpi_text(r, KPI_NPS, sa->nps), sa->with_nps));
}

/* Changes and problems in a sentence each, or "no change records". */
static void S_summary_changes(report_t *r, report_section_t *s)
{
    const metrics_t *m = r->facts.metrics;
    const efficiency_t *e = &m->efficiency;
    if (m->no_data)
        return;
    if (!m->kinds.changes)
        report_add_para(s, "Changes: no change records (no source holds a change).");
    else if (e->changes_resolved)
        report_add_para(
            s, report_fmt(r,
                          "Changes: %zu closed in the period, %zu of them failed or backed out "
                          "(success %s of the %zu closed as successful, failed or backed out); "
                          "%zu emergency changes (%s of the changes closed).",
                          e->changes_resolved, e->changes_failed + e->changes_backed_out,
                          report_kpi_text(r, KPI_CHANGE_SUCCESS, e->change_success_pct),
                          e->changes_successful + e->changes_failed + e->changes_backed_out,
                          e->changes_emergency,
                          report_kpi_text(r, KPI_EMERGENCY_CHANGE, e->emergency_change_pct)));
    else
        report_add_para(s, "Changes: none closed in the period.");
    if (!m->kinds.problems)
        report_add_para(s, "Problems: no problem records (no source holds a problem).");
}

/* Volumes and readiness, a sentence each. */
static void S_summary_sentences(report_t *r, report_section_t *s)
{
    const report_facts_t *f = &r->facts;
    const metrics_t *m = f->metrics;
    if (m->no_data)
        report_add_para(s, S_no_data_text(r));
    else
        report_add_para(
            s, report_fmt(r,
                          "%zu tickets of every kind were opened and %zu resolved in the period; "
                          "%zu incidents and requests were open at its end, %zu of them already "
                          "past their resolution target.",
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
    if (!m->navailability || !m->availability_measured || m->no_data)
        return;
    double *keys = xmalloc(m->navailability * sizeof(double));
    for (size_t i = 0; i < m->navailability; i++)
        keys[i] = m->availability[i].availability_pct - m->availability[i].target_pct;
    size_t *pick;
    chart_spec_t *c =
        report_add_picked_chart(r, s, CHART_GROUPED_BAR, "Availability by service (%)",
                                "furthest below target", keys, m->navailability, 2, &pick);
    c->percent = 1;
    c->value_decimals = DEC(KPI_AVAILABILITY);
    c->y_title = "%";
    c->series[0].name = "Availability";
    c->series[1].name = "Target";
    for (size_t i = 0; i < c->ncat; i++) {
        c->categories[i] = m->availability[pick[i]].service;
        c->series[0].values[i] = m->availability[pick[i]].availability_pct;
        c->series[1].values[i] = m->availability[pick[i]].target_pct;
    }
    free(pick);
    double v;
    if (report_chart_flat(c, 1, &v))
        report_chart_replace(s, report_fmt(r, "Every service measured had an availability of %s.",
                                           report_kpi_text(r, KPI_AVAILABILITY, v)));
}

static void S_summary(report_t *r)
{
    static const report_part_fn parts[] = {
        S_summary_table,         S_summary_availability, S_summary_sla,
        S_summary_satisfaction,  S_summary_changes,      S_summary_sentences,
        report_register_summary, S_summary_rejections,   S_summary_chart};
    report_add_parts(r, "Executive summary", "Summary", parts, NPARTS(parts));
}

/* ---- availability ---- */

/* The table of availability by service: every column when measured, else the agreed time. */
static void S_availability_table(report_t *r, report_section_t *s, int measured)
{
    const metrics_t *m = r->facts.metrics;
    double agreed_max = 0, down_max = 0, mtrs_max = 0, mtbf_max = 0;
    for (size_t i = 0; i < m->navailability; i++) {
        const availability_row_t *a = &m->availability[i];
        agreed_max = fmax(agreed_max, (double)a->agreed_seconds / 60);
        down_max = fmax(down_max, (double)a->downtime_seconds / 60);
        mtrs_max = isfinite(a->mtrs_minutes) ? fmax(mtrs_max, a->mtrs_minutes) : mtrs_max;
        mtbf_max = isfinite(a->mtbf_minutes) ? fmax(mtbf_max, a->mtbf_minutes) : mtbf_max;
    }
    double pa, pd, pr, pb; /* each column's unit, per minute */
    const char *ua = report_duration_unit(agreed_max, &pa),
               *ud = report_duration_unit(down_max, &pd);
    const char *ur = report_duration_unit(mtrs_max, &pr), *ub = report_duration_unit(mtbf_max, &pb);
    const char *hdr[] = {"Service",
                         "Calendar",
                         "Target %",
                         report_fmt(r, "Agreed (%s)", ua),
                         report_fmt(r, "Downtime (%s)", ud),
                         "Availability %",
                         "Outages",
                         report_fmt(r, "MTRS (%s)", ur),
                         report_fmt(r, "MTBF (%s)", ub)};
    size_t ncols = measured ? 9 : 4;
    report_table_t *t =
        report_add_table(r, s, "Availability by service", m->navailability, ncols, hdr);
    size_t outside = 0;
    for (size_t i = 0; i < m->navailability; i++) {
        const availability_row_t *a = &m->availability[i];
        report_set_text(t, i, 0, a->in_catalogue ? a->service : report_fmt(r, "%s *", a->service));
        outside += !a->in_catalogue;
        report_set_text(t, i, 1, a->calendar);
        report_set_num(t, i, 2, CELL_PERCENT, a->target_pct, DEC(KPI_AVAILABILITY));
        report_set_num(t, i, 3, CELL_MINUTES, (double)a->agreed_seconds / 60.0 * pa, 1);
        if (!measured)
            continue;
        report_set_num(t, i, 4, CELL_MINUTES, (double)a->downtime_seconds / 60.0 * pd, 1);
        report_set_num(t, i, 5, CELL_PERCENT, a->availability_pct, DEC(KPI_AVAILABILITY));
        /* each service against its own catalogue target: green or red, no amber band */
        cfg_kpi_target_t own = {"availability_pct", a->target_pct, NAN, 0};
        report_mark(r, report_cell(t, i, 5), kpi_judge(a->availability_pct, NAN, 0, &own), &own, 2,
                    NAN);
        report_set_num(t, i, 6, CELL_INT, (double)a->outages, 0);
        report_set_num(t, i, 7, CELL_MINUTES, a->mtrs_minutes * pr, 1);
        report_set_num(t, i, 8, CELL_MINUTES, a->mtbf_minutes * pb, 1);
    }
    if (outside)
        report_add_note(
            s,
            report_fmt(r,
                       "* Not in the service catalogue (%zu service%s named by the period's data): "
                       "measured with service_defaults (calendar %s, target %g%%).",
                       outside, outside == 1 ? "" : "s", r->facts.cfg->service_defaults.calendar,
                       r->facts.cfg->service_defaults.availability_target));
}

/* Replaces the chart just added to s by a sentence when its one series holds a single value:
 * `none` when that value is 0, else `each` (which the caller words with the value). */
static void S_flat_or_none(report_section_t *s, const chart_spec_t *c, const char *none,
                           const char *each)
{
    double v;
    if (report_chart_flat(c, 1, &v))
        report_chart_replace(s, v == 0 ? none : each);
}

/* Downtime by service (the most when many), or a sentence when all had the same. */
static void S_downtime_chart(report_t *r, report_section_t *s)
{
    const metrics_t *m = r->facts.metrics;
    if (!m->navailability)
        return;
    double max = 0;
    for (size_t i = 0; i < m->navailability; i++)
        max = fmax(max, (double)m->availability[i].downtime_seconds / 60);
    double per;
    const char *unit = report_duration_unit(max, &per);
    double *keys = xmalloc(m->navailability * sizeof(double));
    for (size_t i = 0; i < m->navailability; i++)
        keys[i] = -(double)m->availability[i].downtime_seconds; /* most downtime first */
    size_t *pick;
    chart_spec_t *c = report_add_picked_chart(
        r, s, CHART_BAR, report_fmt(r, "Downtime by service (%s)", S_unit_word(per)),
        "with the most", keys, m->navailability, 1, &pick);
    c->y_title = unit;
    c->y_min = 0;
    c->series[0].name = "Downtime";
    for (size_t i = 0; i < c->ncat; i++) {
        c->categories[i] = m->availability[pick[i]].service;
        c->series[0].values[i] = (double)m->availability[pick[i]].downtime_seconds / 60.0 * per;
    }
    free(pick);
    S_flat_or_none(
        s, c, "No service had any downtime in the period.",
        report_fmt(r, "Every service had %.1f %s of downtime.", c->series[0].values[0], unit));
}

static void S_availability(report_t *r)
{
    const metrics_t *m = r->facts.metrics;
    report_section_t *s = report_add_section(r, "Service availability", "Availability");
    report_add_para(
        s, "Availability = (agreed service time − downtime) / agreed service time, on each "
           "service's calendar, with planned maintenance excluded from the agreed time. "
           "Overlapping outages count once.");
    int measured = m->availability_measured && !m->no_data;
    if (!measured)
        report_add_warning(s, S_availability_unmeasured(r));
    S_availability_table(r, s, measured);
    if (measured)
        S_downtime_chart(r, s);
}

/* ---- incidents and requests ---- */

/* Volumes, each with its population. */
static void S_volume_table(report_t *r, report_section_t *s)
{
    const metrics_t *m = r->facts.metrics;
    if (m->no_data)
        return; /* the section says why in a sentence */
    static const char *const vh[] = {"Tickets", "Count"};
    report_table_t *v = report_add_table(r, s, "Volumes", 9, 2, vh);
    const char *names[] = {"Opened in the period (every kind, cancelled left out)",
                           "  incidents",
                           "  requests",
                           "  problems",
                           "  changes",
                           "Resolved in the period (every kind)",
                           "Cancelled (opened in the period)",
                           "Incidents and requests open at the end of the period",
                           "  of which past their resolution target"};
    size_t vals[] = {m->volumes.opened,     m->volumes.by_kind[0],  m->volumes.by_kind[1],
                     m->volumes.by_kind[2], m->volumes.by_kind[3],  m->volumes.resolved,
                     m->volumes.cancelled,  m->volumes.backlog_end, m->sla.open_breached};
    for (size_t i = 0; i < 9; i++) {
        report_set_text(v, i, 0, names[i]);
        report_set_num(v, i, 1, CELL_INT, metrics_count(m, vals[i]), 0);
    }
}

/* SLA attainment by kind and priority, with each share's n, and the tickets without a
 * target. */
static void S_sla_table(report_t *r, report_section_t *s)
{
    const metrics_t *m = r->facts.metrics;
    if (m->no_data)
        return;
    static const char *const sh[] = {
        "Kind and priority", "Resp. met",  "Resp. late",  "Resp. n",  "Pending",
        "Response %",        "Resol. met", "Resol. late", "Resol. n", "Resolution %"};
    report_table_t *t =
        report_add_table(r, s, "SLA attainment by priority", m->sla.nrows + 1, 10, sh);
    const cfg_kpi_target_t *rt = kpi_target(KPI_RESPONSE, r->facts.cfg);
    const cfg_kpi_target_t *st = kpi_target(KPI_RESOLUTION, r->facts.cfg);
    for (size_t i = 0; i <= m->sla.nrows; i++) {
        int total = i == m->sla.nrows;
        const sla_row_t *row = total ? NULL : &m->sla.rows[i];
        size_t rm = total ? m->sla.resp_met : row->resp_met;
        size_t rb = total ? m->sla.resp_breached : row->resp_breached;
        size_t sm = total ? m->sla.res_met : row->res_met;
        size_t sb = total ? m->sla.res_breached : row->res_breached;
        report_set_text(t, i, 0,
                        total ? "All with a target"
                              : report_priority_name(r, row->kind, row->priority));
        report_set_num(t, i, 1, CELL_INT, (double)rm, 0);
        report_set_num(t, i, 2, CELL_INT, (double)rb, 0);
        report_set_num(t, i, 3, CELL_INT, (double)(rm + rb), 0);
        report_set_num(t, i, 4, CELL_INT, (double)(total ? m->sla.resp_pending : row->resp_pending),
                       0);
        double rp = total ? m->sla.response_attainment_pct : row->resp_pct;
        report_set_num(t, i, 5, CELL_PERCENT, rp, DEC(KPI_RESPONSE));
        report_mark(r, report_cell(t, i, 5), report_status(r, rp, (double)(rm + rb), rt), rt, -1,
                    (double)(rm + rb));
        report_set_num(t, i, 6, CELL_INT, (double)sm, 0);
        report_set_num(t, i, 7, CELL_INT, (double)sb, 0);
        report_set_num(t, i, 8, CELL_INT, (double)(sm + sb), 0);
        double sp = total ? m->sla.resolution_attainment_pct : row->res_pct;
        report_set_num(t, i, 9, CELL_PERCENT, sp, DEC(KPI_RESOLUTION));
        report_mark(r, report_cell(t, i, 9), report_status(r, sp, (double)(sm + sb), st), st, -1,
                    (double)(sm + sb));
    }
    report_add_note(s, "Response: incidents and requests opened in the period with a response "
                       "target, counted when answered or already past their target (pending ones "
                       "are left out). Resolution: those resolved in the period with a resolution "
                       "target.");
    if (m->sla.no_target)
        report_add_note(
            s, report_fmt(r,
                          "%zu incidents and requests opened in the period have no SLA target "
                          "for their kind and priority and are left out of attainment.",
                          m->sla.no_target));
}

/* SLA attainment by kind and priority, against both targets. */
static void S_sla_chart(report_t *r, report_section_t *s)
{
    const metrics_t *m = r->facts.metrics;
    if (!m->sla.nrows || m->no_data)
        return;
    const cfg_kpi_target_t *pt = kpi_target(KPI_RESPONSE, r->facts.cfg);
    const cfg_kpi_target_t *st = kpi_target(KPI_RESOLUTION, r->facts.cfg);
    chart_spec_t *c = report_add_chart(r, s, CHART_GROUPED_BAR, "SLA attainment by priority (%)",
                                       m->sla.nrows, 2);
    c->percent = 1;
    c->y_title = "%";
    c->y_min = 0;
    c->y_max = 100;
    c->min_sample = r->facts.cfg->min_sample;
    c->series[0].name = "Response";
    c->series[1].name = "Resolution";
    for (int k = 0; k < 2; k++)
        c->series[k].n = arena_alloc(r->arena, m->sla.nrows * sizeof(double));
    for (size_t i = 0; i < m->sla.nrows; i++) {
        const sla_row_t *row = &m->sla.rows[i];
        c->categories[i] = report_priority_name(r, row->kind, row->priority);
        c->series[0].values[i] = row->resp_pct;
        c->series[1].values[i] = row->res_pct;
        c->series[0].n[i] = (double)(row->resp_met + row->resp_breached);
        c->series[1].n[i] = (double)(row->res_met + row->res_breached);
    }
    if (st) {
        c->target = st->target;
        c->target_label =
            report_fmt(r, "resolution target %s", report_kpi_text(r, KPI_RESOLUTION, st->target));
    }
    if (pt) {
        c->target2 = pt->target;
        c->target2_label =
            report_fmt(r, "response target %s", report_kpi_text(r, KPI_RESPONSE, pt->target));
    }
    double v;
    if (report_chart_flat(c, 2, &v))
        report_chart_replace(
            s, report_fmt(r,
                          "Every kind and priority attained %s of its response and resolution "
                          "targets.",
                          report_kpi_text(r, KPI_RESPONSE, v)));
}

/* Response and resolution times (each in a unit people read), the histogram of resolution
 * times, and what each counts. */
static void S_times(report_t *r, report_section_t *s)
{
    const metrics_t *m = r->facts.metrics;
    if (m->no_data)
        return;
    static const char *const th[] = {"Time (wall clock)", "Tickets", "Unit", "Mean", "Median",
                                     "90th percentile"};
    report_table_t *tt = report_add_table(r, s, "Response and resolution times", 2, 6, th);
    const time_stats_t *ts[2] = {&m->response, &m->resolution};
    const char *tn[2] = {"First response", "Resolution"};
    for (size_t i = 0; i < 2; i++) {
        double per;
        report_duration_unit(isfinite(ts[i]->p90) ? ts[i]->p90 : 0, &per);
        report_set_text(tt, i, 0, tn[i]);
        report_set_num(tt, i, 1, CELL_INT, (double)ts[i]->n, 0);
        report_set_text(tt, i, 2, S_unit_word(per));
        report_set_num(tt, i, 3, CELL_MINUTES, ts[i]->mean * per, 1);
        report_set_num(tt, i, 4, CELL_MINUTES, ts[i]->median * per, 1);
        report_set_num(tt, i, 5, CELL_MINUTES, ts[i]->p90 * per, 1);
    }
    report_add_note(
        s, report_fmt(r,
                      "Times count every incident and request with a first response (%zu opened "
                      "in the period) or resolved in the period (%zu), with or without an SLA "
                      "target; response attainment counts the %zu with a response target that "
                      "were answered or are already past it, unanswered ones included. Medians "
                      "and percentiles by nearest rank.",
                      m->response.n, m->resolution.n, m->sla.resp_met + m->sla.resp_breached));
    if (m->resolution.n) {
        static const char *const bins[RESOLUTION_BINS] = {"< 1 h", "1–4 h", "4–8 h", "8–24 h",
                                                          "1–3 d", "3–7 d", "> 7 d"};
        chart_spec_t *h =
            report_add_chart(r, s, CHART_HISTOGRAM,
                             "Resolution times (wall clock): incidents and requests resolved in "
                             "the period",
                             RESOLUTION_BINS, 1);
        h->y_title = "tickets";
        h->y_min = 0;
        h->integer = 1;
        h->series[0].name = "Resolved";
        for (int i = 0; i < RESOLUTION_BINS; i++) {
            h->categories[i] = bins[i];
            h->series[0].values[i] = (double)m->resolution_hist[i];
        }
    }
}

/* Tickets opened by service and kind: the busiest, and those without a service as a bucket of
 * their own. */
#define TOP_SERVICES 12
static void S_service_chart(report_t *r, report_section_t *s)
{
    const metrics_t *m = r->facts.metrics;
    const volumes_t *v = &m->volumes;
    if (m->no_data || (!v->nby_service && !v->no_service))
        return;
    size_t room = v->no_service ? TOP_SERVICES - 1 : TOP_SERVICES;
    size_t n = v->nby_service < room ? v->nby_service : room;
    /* a series per kind the period holds: no legend entry for an empty one */
    int kinds[KIND_COUNT];
    size_t nkinds = 0;
    for (int k = 0; k < KIND_COUNT; k++)
        if (v->by_kind[k])
            kinds[nkinds++] = k;
    chart_spec_t *bs = report_add_chart(
        r, s, CHART_STACKED_BAR,
        v->nby_service > room
            ? report_fmt(r, "Tickets opened in the period by service and kind (the %zu busiest)",
                         room)
            : "Tickets opened in the period by service and kind",
        n + (v->no_service ? 1 : 0), nkinds);
    bs->y_title = "tickets";
    bs->y_min = 0;
    bs->integer = 1;
    static const char *const kn[KIND_COUNT] = {"Incidents", "Requests", "Problems", "Changes"};
    for (size_t k = 0; k < nkinds; k++)
        bs->series[k].name = kn[kinds[k]];
    for (size_t i = 0; i < n; i++) {
        bs->categories[i] = v->by_service[i].service;
        for (size_t k = 0; k < nkinds; k++)
            bs->series[k].values[i] = (double)v->by_service[i].by_kind[kinds[k]];
    }
    if (v->no_service) {
        bs->categories[n] = "(no service)";
        for (size_t k = 0; k < nkinds; k++)
            bs->series[k].values[n] = (double)v->no_service_by_kind[kinds[k]];
    }
}

/* The backlog at period end by age, or a sentence when it is empty. */
static void S_backlog_chart(report_t *r, report_section_t *s)
{
    const metrics_t *m = r->facts.metrics;
    if (m->no_data)
        return;
    chart_spec_t *c = report_add_chart(
        r, s, CHART_BAR, "Incidents and requests open at the end of the period, by age", 4, 1);
    c->y_title = "tickets";
    c->y_min = 0;
    c->integer = 1;
    c->series[0].name = "Open tickets";
    static const char *const an[4] = {"0–7 days", "8–30 days", "31–90 days", "over 90 days"};
    for (int i = 0; i < 4; i++) {
        c->categories[i] = an[i];
        c->series[0].values[i] = (double)m->volumes.aging[i];
    }
    S_flat_or_none(s, c, "No incident or request was open at the end of the period.",
                   report_fmt(r,
                              "%zu incidents and requests were open at the end of the period in "
                              "each age band.",
                              m->volumes.aging[0]));
}

static void S_incidents_intro(report_t *r, report_section_t *s)
{
    if (r->facts.metrics->no_data)
        report_add_warning(s, S_no_data_text(r));
}

static void S_incidents(report_t *r)
{
    static const report_part_fn parts[] = {S_incidents_intro, S_volume_table, S_sla_table,
                                           S_sla_chart,       S_times,        S_service_chart,
                                           S_backlog_chart};
    report_add_parts(r, "Incidents and requests", "SLA", parts, NPARTS(parts));
}

/* ---- satisfaction ---- */

/* The survey results: responses, CSAT, mean score, NPS and response rate, each share with its
 * n. */
static void S_survey_table(report_t *r, report_section_t *s)
{
    const metrics_t *m = r->facts.metrics;
    const satisfaction_t *sa = &m->satisfaction;
    const config_t *cfg = r->facts.cfg;
    static const char *const hdr[] = {"Measure", "Value", "n", "Status"};
    report_table_t *t = report_add_table(r, s, "Survey results", 5, 4, hdr);
    report_set_text(t, 0, 0, "Survey responses in the period");
    report_set_num(t, 0, 1, CELL_INT, (double)sa->responses, 0);
    struct {
        const char *name;
        kpi_id_t k;
        double value, n;
    } rows[4] = {
        {report_fmt(r, "CSAT: responses with a score of %g or more", cfg->satisfied_from), KPI_CSAT,
         sa->csat_pct, (double)sa->scored},
        {report_fmt(r, "Mean score (scale %g–%g)", cfg->scale_min, cfg->scale_max), KPI_CSAT_MEAN,
         sa->csat_mean, (double)sa->scored},
        {"Net promoter score (responses with a recommendation score)", KPI_NPS, sa->nps,
         (double)sa->with_nps},
        {"Response rate: responses per incident and request resolved in the period",
         KPI_RESPONSE_RATE, sa->response_rate_pct, NAN},
    };
    for (size_t i = 0; i < 4; i++) {
        const cfg_kpi_target_t *tg = kpi_target(rows[i].k, cfg);
        kpi_status_t st = report_status(r, rows[i].value, rows[i].n, tg);
        report_set_text(t, i + 1, 0, rows[i].name);
        report_set_num(t, i + 1, 1, report_kpi_cell_type(kpi_table[rows[i].k].unit), rows[i].value,
                       DEC(rows[i].k));
        report_mark(r, report_cell(t, i + 1, 1), st, tg, -1, rows[i].n);
        if (!isnan(rows[i].n))
            report_set_num(t, i + 1, 2, CELL_INT, rows[i].n, 0);
        report_set_text(t, i + 1, 3, report_status_text(st));
    }
}

/* CSAT by service and by resolver group, each with its n, and the responses that join no
 * ticket. */
static void S_csat_parts(report_t *r, report_section_t *s)
{
    const satisfaction_t *sa = &r->facts.metrics->satisfaction;
    const cfg_kpi_target_t *ct = kpi_target(KPI_CSAT, r->facts.cfg);
    static const char *const ph[] = {"Responses", "Scored (n)", "CSAT %", "Mean score"};
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
            report_mark(r, report_cell(t2, i, 3),
                        report_status(r, arr[i].csat_pct, (double)arr[i].scored, ct), ct, -1,
                        (double)arr[i].scored);
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

/* CSAT by service (the lowest when many), against the target; small samples grey. */
static void S_csat_chart(report_t *r, report_section_t *s)
{
    const satisfaction_t *sa = &r->facts.metrics->satisfaction;
    const cfg_kpi_target_t *ct = kpi_target(KPI_CSAT, r->facts.cfg);
    if (!sa->nby_service)
        return;
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
    c->min_sample = r->facts.cfg->min_sample;
    c->series[0].name = "CSAT";
    c->series[0].n = arena_alloc(r->arena, (c->ncat ? c->ncat : 1) * sizeof(double));
    for (size_t i = 0; i < c->ncat; i++) {
        c->categories[i] = sa->by_service[pick[i]].name;
        c->series[0].values[i] = sa->by_service[pick[i]].csat_pct;
        c->series[0].n[i] = (double)sa->by_service[pick[i]].scored;
    }
    free(pick);
    if (ct) {
        c->target = ct->target;
        c->target_label = report_fmt(r, "target %s", report_kpi_text(r, KPI_CSAT, ct->target));
    }
    double v;
    if (report_chart_flat(c, 1, &v))
        report_chart_replace(
            s, report_fmt(r, "Every service's CSAT was %s.", report_kpi_text(r, KPI_CSAT, v)));
}

/* The responses by score: shares of the responses with a score. */
static void S_score_donut(report_t *r, report_section_t *s)
{
    const satisfaction_t *sa = &r->facts.metrics->satisfaction;
    if (!sa->scored)
        return;
    const config_t *cfg = r->facts.cfg;
    int lo = (int)ceil(cfg->scale_min), hi = (int)floor(cfg->scale_max);
    if (lo < 0)
        lo = 0;
    if (hi > 10)
        hi = 10;
    size_t n = hi >= lo ? (size_t)(hi - lo + 1) : 0;
    chart_spec_t *c = report_add_chart(
        r, s, CHART_DONUT, report_fmt(r, "The %zu responses with a score, by score", sa->scored), n,
        1);
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

static void S_satisfaction(report_t *r)
{
    const metrics_t *m = r->facts.metrics;
    if (!metrics_satisfaction_measured(m) || m->no_data) {
        report_section_t *s = report_add_section(r, "Customer satisfaction", "Satisfaction");
        report_add_warning(s, m->no_data ? S_no_data_text(r)
                                         : "Not measured: no survey source is configured, so "
                                           "the pack shows no satisfaction figure (not 0 %).");
        return;
    }
    static const report_part_fn parts[] = {S_survey_table, S_csat_parts, S_csat_chart,
                                           S_score_donut};
    report_add_parts(r, "Customer satisfaction", "Satisfaction", parts, NPARTS(parts));
}

/* ---- changes and problems ---- */

/* A row of the efficiency table: a share with its n and status, a count, or words. */
static void S_eff_row(report_t *r, report_table_t *t, size_t i, const char *name, int kpi,
                      double value, double n, const char *words)
{
    report_set_text(t, i, 0, name);
    if (words) {
        report_set_text(t, i, 1, words);
        return;
    }
    if (kpi < 0) {
        report_set_num(t, i, 1, CELL_INT, value, 0);
        return;
    }
    const cfg_kpi_target_t *tg = kpi_target((kpi_id_t)kpi, r->facts.cfg);
    kpi_status_t st = report_status(r, value, n, tg);
    report_set_num(t, i, 1, CELL_PERCENT, value, DEC(kpi));
    report_mark(r, report_cell(t, i, 1), st, tg, -1, n);
    if (!isnan(n))
        report_set_num(t, i, 2, CELL_INT, n, 0);
    report_set_text(t, i, 3, report_status_text(st));
}

static void S_changes(report_t *r)
{
    const metrics_t *m = r->facts.metrics;
    const efficiency_t *e = &m->efficiency;
    report_section_t *s = report_add_section(r, "Changes and problems", "Efficiency");
    if (m->no_data) {
        report_add_warning(s, S_no_data_text(r));
        return;
    }
    static const char *const hdr[] = {"Measure", "Value", "n", "Status"};
    report_table_t *t = report_add_table(r, s, "Process efficiency", 9, 4, hdr);
    const char *no_changes = m->kinds.changes ? NULL : "no change records";
    const char *no_problems = m->kinds.problems ? NULL : "no problem records";
    S_eff_row(r, t, 0,
              "Reopen rate: incidents and requests resolved in the period with a known reopen "
              "count",
              KPI_REOPEN, e->reopen_rate_pct, (double)e->reopen_known, NULL);
    S_eff_row(r, t, 1,
              "First-assignment resolution: incidents and requests resolved in the period with "
              "a known reassignment count",
              KPI_FIRST_ASSIGNMENT, e->first_assignment_resolution_pct,
              (double)e->reassignment_known, NULL);
    S_eff_row(r, t, 2, "Changes closed in the period", -1, (double)e->changes_resolved, NAN,
              no_changes);
    S_eff_row(r, t, 3, "Change success: of those closed as successful, failed or backed out",
              KPI_CHANGE_SUCCESS, e->change_success_pct,
              (double)(e->changes_successful + e->changes_failed + e->changes_backed_out),
              no_changes);
    S_eff_row(r, t, 4, "Emergency changes: of the changes closed in the period",
              KPI_EMERGENCY_CHANGE, e->emergency_change_pct, (double)e->changes_resolved,
              no_changes);
    S_eff_row(r, t, 5, "Changes closed in the period that failed or were backed out", -1,
              (double)(e->changes_failed + e->changes_backed_out), NAN, no_changes);
    S_eff_row(r, t, 6, "Problems opened in the period", -1, (double)e->problems_opened, NAN,
              no_problems);
    S_eff_row(r, t, 7, "Problems resolved in the period", -1, (double)e->problems_resolved, NAN,
              no_problems);
    S_eff_row(r, t, 8, "Problems open at the end of the period", -1, (double)e->problems_open_end,
              NAN, no_problems);
    if (m->kinds.changes)
        report_add_note(s, "The change figures count changes closed in the period; the readiness "
                           "evidence counts changes opened in the period, so their numbers can "
                           "differ.");
    if (e->changes_resolved) {
        chart_spec_t *c =
            report_add_chart(r, s, CHART_BAR, "Changes closed in the period, by outcome", 3, 1);
        c->categories[0] = "Successful";
        c->categories[1] = "Failed";
        c->categories[2] = "Backed out";
        c->series[0].name = "Changes";
        c->series[0].values[0] = (double)e->changes_successful;
        c->series[0].values[1] = (double)e->changes_failed;
        c->series[0].values[2] = (double)e->changes_backed_out;
        c->y_title = "changes";
        c->y_min = 0;
        c->integer = 1;
        S_flat_or_none(s, c, "No change closed in the period has its outcome recorded.",
                       report_fmt(r,
                                  "Of the changes closed in the period, %zu were successful, %zu "
                                  "failed and %zu were backed out.",
                                  e->changes_successful, e->changes_failed, e->changes_backed_out));
    }
}

/* ---- trends ---- */

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
        int partial = row->known && row->coverage == COVERAGE_PARTIAL;
        report_set_text(t, i, 0,
                        row->from_history ? report_fmt(r, "%s (history%s)", row->label,
                                                       partial ? ", partial" : "")
                        : partial         ? report_fmt(r, "%s (partial)", row->label)
                                          : arena_strdup(r->arena, row->label));
        for (size_t c = 1; c < ncols; c++) {
            kpi_id_t k = kpi_trend_at(c - 1);
            const kpi_t *kp = &kpi_table[k];
            report_set_num(t, i, c, report_kpi_cell_type(kp->unit),
                           row->known ? row->kpis.value[k] : NAN, kp->decimals);
            /* a share of a computed period from too few tickets or responses shows its n (a
             * partial month's "100 %" from one ticket); the history file keeps no n */
            double n = row->known ? row->kpis.n[k] : NAN;
            if (isfinite(n) && n >= 1 && n < (double)f->cfg->min_sample)
                report_mark(r, report_cell(t, i, c), KPI_ST_SMALL_SAMPLE, NULL, -1, n);
        }
    }
}

static void S_trends(report_t *r)
{
    const report_facts_t *f = &r->facts;
    report_section_t *s = report_add_section(r, "Trends", "Trends");
    S_trend_table(r, s);
    chart_spec_t *vol = report_add_chart(
        r, s, CHART_LINE, "Tickets opened and resolved in each period", f->ntrend, 2);
    vol->series[0].name = "Opened";
    vol->series[1].name = "Resolved";
    vol->y_title = "tickets";
    vol->y_min = 0;
    vol->integer = 1;
    chart_spec_t *att = report_add_chart(r, s, CHART_LINE, "SLA attainment (%)", f->ntrend, 2);
    att->series[0].name = "Response";
    att->series[1].name = "Resolution";
    att->percent = 1;
    att->y_title = "%";
    const cfg_kpi_target_t *st = kpi_target(KPI_RESOLUTION, f->cfg);
    const cfg_kpi_target_t *pt = kpi_target(KPI_RESPONSE, f->cfg);
    if (st) {
        att->target = st->target;
        att->target_label =
            report_fmt(r, "resolution target %s", report_kpi_text(r, KPI_RESOLUTION, st->target));
        if (!isnan(st->amber)) { /* the amber zone below the target */
            att->band_lo = st->amber;
            att->band_hi = st->target;
        }
    }
    if (pt) {
        att->target2 = pt->target;
        att->target2_label =
            report_fmt(r, "response target %s", report_kpi_text(r, KPI_RESPONSE, pt->target));
    }
    size_t nknown = 0;
    for (size_t i = 0; i < f->ntrend; i++) {
        const trend_row_t *row = &f->trend[i];
        const double *v = row->kpis.value;
        nknown += row->known;
        vol->categories[i] = arena_strdup(r->arena, row->label);
        att->categories[i] = vol->categories[i];
        if (row->known) {
            vol->series[0].values[i] = v[KPI_OPENED];
            vol->series[1].values[i] = v[KPI_RESOLVED];
            att->series[0].values[i] = v[KPI_RESPONSE];
            att->series[1].values[i] = v[KPI_RESOLUTION];
        }
    }
    if (nknown < 2) {    /* a line through one point or none is no trend: one sentence instead */
        s->nblocks -= 2; /* the two charts just added (their specs stay in the arena) */
        report_add_para(
            s, nknown ? "No trend chart: only one of these periods has figures. Each pack of a "
                        "later period adds a row to the history file, and the trend grows from "
                        "it."
                      : "No trend chart: none of these periods has figures.");
    }
    if (!f->metrics->availability_measured && !f->metrics->no_data)
        report_add_para(s, "Availability: not measured: no outage records.");
    report_add_note(
        s, "A period the inputs do not reach back to is taken from the history file of earlier "
           "packs, marked (history); without one it shows n/a. (partial): the data covered that "
           "period only in part.");
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
