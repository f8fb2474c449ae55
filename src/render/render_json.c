/*
 * render_json — a hand-written emitter: the shape is fixed (docs/iso20k.schema.json), so a generic
 * JSON library would add nothing but a dependency. Strings are escaped; numbers are printed from
 * their rounded value with trailing zeros trimmed.
 */
#include "render/render_json.h"

#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "core/text.h"

typedef struct jw {
    strbuf_t *out;
    int depth;
    int first; /* no member written yet at this level */
} jw_t;

static void S_indent(jw_t *w)
{
    strbuf_putc(w->out, '\n');
    for (int i = 0; i < w->depth; i++)
        strbuf_puts(w->out, "  ");
}

/* A JSON string; text that is not safe (core/text.h: a file name from the command line, say) is
 * made so first, for a JSON reader refuses invalid UTF-8. */
static void S_str(strbuf_t *out, const char *s)
{
    strbuf_t safe = {0};
    if (!text_is_safe(s, strlen(s))) {
        text_make_safe(&safe, s, strlen(s));
        s = safe.data;
    }
    strbuf_putc(out, '"');
    /* the escapes JSON names; other control characters are written as \u00XX */
    static const char *const named[0x60] = {
        ['"'] = "\\\"", ['\\'] = "\\\\", ['\n'] = "\\n", ['\r'] = "\\r", ['\t'] = "\\t"};
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (*p < 0x60 && named[*p])
            strbuf_puts(out, named[*p]);
        else if (*p < 0x20)
            strbuf_printf(out, "\\u%04x", *p);
        else
            strbuf_putc(out, (char)*p);
    }
    strbuf_putc(out, '"');
    strbuf_clear(&safe);
}

static void S_key(jw_t *w, const char *key)
{
    if (!w->first)
        strbuf_putc(w->out, ',');
    w->first = 0;
    S_indent(w);
    if (key) {
        S_str(w->out, key);
        strbuf_puts(w->out, ": ");
    }
}

static void S_open(jw_t *w, const char *key, char c)
{
    S_key(w, key);
    strbuf_putc(w->out, c);
    w->depth++;
    w->first = 1;
}

static void S_close(jw_t *w, char c)
{
    w->depth--;
    if (!w->first)
        S_indent(w);
    strbuf_putc(w->out, c);
    w->first = 0;
}

static void S_null(jw_t *w, const char *key)
{
    S_key(w, key);
    strbuf_puts(w->out, "null");
}

static void S_string(jw_t *w, const char *key, const char *v)
{
    S_key(w, key);
    if (v)
        S_str(w->out, v);
    else
        strbuf_puts(w->out, "null");
}

static void S_int(jw_t *w, const char *key, long long v)
{
    S_key(w, key);
    strbuf_printf(w->out, "%lld", v);
}

static void S_bool(jw_t *w, const char *key, int v)
{
    S_key(w, key);
    strbuf_puts(w->out, v < 0 ? "null" : v ? "true" : "false");
}

/* A number rounded half away from zero to `dec` places; NAN, an infinity or a number beyond
 * NUM_SHOWN_MAX → null (JSON has no infinity, and rounding 1e308 to cents overflows to one). */
static void S_num(jw_t *w, const char *key, double v, int dec)
{
    S_key(w, key);
    if (!num_shown(v)) {
        strbuf_puts(w->out, "null");
        return;
    }
    char buf[FORMAT_ROUNDED_MAX];
    format_rounded(buf, sizeof buf, v, dec);
    strbuf_puts(w->out, buf);
}

static void S_time(jw_t *w, const char *key, const tz_t *tz, ts_t t)
{
    if (t == TS_NONE) {
        S_null(w, key);
        return;
    }
    char buf[32];
    tz_format_iso(tz, t, buf);
    S_string(w, key, buf);
}

/* A count of P: null when the data does not cover P (docs/metrics.md §9). */
static void S_count(jw_t *w, const char *key, const metrics_t *m, size_t v)
{
    S_num(w, key, metrics_count(m, v), 0);
}

/* A KPI's value rounded as the JSON rounds it (counts as whole numbers); NAN → null. */
static void S_kpi(jw_t *w, kpi_id_t k, double v)
{
    S_num(w, kpi_table[k].key, v, kpi_table[k].json_decimals);
}

static void S_stats(jw_t *w, const char *key, const metrics_t *m, const time_stats_t *s)
{
    S_open(w, key, '{');
    S_count(w, "n", m, s->n);
    S_num(w, "mean", s->mean, 1);
    S_num(w, "median", s->median, 1);
    S_num(w, "p90", s->p90, 1);
    S_close(w, '}');
}

/* The trend KPIs of a row, in the KPI table's trend order. */
static void S_trend_kpis(jw_t *w, const trend_kpis_t *k, int known)
{
    for (size_t c = 0; c < kpi_trend_count(); c++) {
        kpi_id_t id = kpi_trend_at(c);
        S_kpi(w, id, known ? k->value[id] : NAN);
    }
}

static void S_trend_row(jw_t *w, const char *key, const trend_row_t *row, const tz_t *tz)
{
    S_open(w, key, '{');
    S_string(w, "label", row->label);
    S_time(w, "start", tz, row->start);
    S_time(w, "end", tz, row->end);
    S_trend_kpis(w, &row->kpis, row->known);
    S_close(w, '}');
}

/* P's value minus the previous period's, unrounded (rounding is for the output only). */
static double S_diff(double a, double b)
{
    if (isnan(a) || isnan(b))
        return NAN;
    return a - b;
}

/* period, as_of, timezone */
static void S_period(jw_t *w, const report_facts_t *f)
{
    const tz_t *tz = f->tz;
    const metrics_t *m = f->metrics;
    S_open(w, "period", '{');
    S_time(w, "start", tz, m->period.start);
    S_time(w, "end", tz, m->period.end);
    S_string(w, "label", f->period_label);
    S_close(w, '}');
    S_time(w, "as_of", tz, m->period.as_of);
    S_string(w, "timezone", tz_name(tz));
}

/* volumes (docs/metrics.md §2) */
static void S_volumes(jw_t *w, const metrics_t *m)
{
    const volumes_t *v = &m->volumes;
    S_open(w, "volumes", '{');
    S_count(w, "opened", m, v->opened);
    S_count(w, "resolved", m, v->resolved);
    S_count(w, "cancelled", m, v->cancelled);
    S_count(w, "backlog_end", m, v->backlog_end);
    S_open(w, "backlog_aging", '{');
    static const char *const ages[4] = {"d0_7", "d8_30", "d31_90", "d90_plus"};
    for (int i = 0; i < 4; i++)
        S_count(w, ages[i], m, v->aging[i]);
    S_close(w, '}');
    S_open(w, "by_kind", '{');
    for (int k = 0; k < KIND_COUNT; k++)
        S_count(w, kind_names[k], m, v->by_kind[k]);
    S_close(w, '}');
    S_close(w, '}');
}

/* sla (docs/metrics.md §3) */
static void S_sla(jw_t *w, const metrics_t *m)
{
    const sla_result_t *s = &m->sla;
    S_open(w, "sla", '{');
    S_kpi(w, KPI_RESPONSE, s->response_attainment_pct);
    S_kpi(w, KPI_RESOLUTION, s->resolution_attainment_pct);
    S_count(w, "open_breached", m, s->open_breached);
    S_count(w, "no_target", m, s->no_target);
    S_open(w, "by_priority", '[');
    for (size_t i = 0; i < s->nrows && !m->no_data; i++) {
        const sla_row_t *row = &s->rows[i];
        S_open(w, NULL, '{');
        if (row->priority)
            S_int(w, "priority", row->priority);
        else
            S_null(w, "priority");
        S_string(w, "kind", kind_names[row->kind]);
        S_open(w, "response", '{');
        S_int(w, "met", (long long)row->resp_met);
        S_int(w, "breached", (long long)row->resp_breached);
        S_int(w, "pending", (long long)row->resp_pending);
        S_num(w, "attainment_pct", row->resp_pct, 2);
        S_close(w, '}');
        S_open(w, "resolution", '{');
        S_int(w, "met", (long long)row->res_met);
        S_int(w, "breached", (long long)row->res_breached);
        S_num(w, "attainment_pct", row->res_pct, 2);
        S_close(w, '}');
        S_close(w, '}');
    }
    S_close(w, ']');
    S_close(w, '}');
}

/* times (docs/metrics.md §4) */
static void S_times(jw_t *w, const metrics_t *m)
{
    S_open(w, "times", '{');
    S_stats(w, "response_minutes", m, &m->response);
    S_stats(w, "resolution_minutes", m, &m->resolution);
    S_close(w, '}');
}

/* availability by service (docs/metrics.md §5) */
static void S_availability(jw_t *w, const metrics_t *m)
{
    S_open(w, "availability", '[');
    for (size_t i = 0; i < m->navailability; i++) {
        const availability_row_t *a = &m->availability[i];
        S_open(w, NULL, '{');
        S_string(w, "service", a->service);
        S_string(w, "calendar", a->calendar);
        S_num(w, "target_pct", a->target_pct, 2);
        S_num(w, "agreed_minutes", (double)a->agreed_seconds / 60.0, 1);
        /* without outage data, or for a period the data misses, nothing but the agreed time */
        int measured = m->availability_measured && !m->no_data;
        S_num(w, "downtime_minutes", measured ? (double)a->downtime_seconds / 60.0 : NAN, 1);
        S_kpi(w, KPI_AVAILABILITY, a->availability_pct);
        S_num(w, "outages", measured ? (double)a->outages : NAN, 0);
        S_num(w, "mtrs_minutes", a->mtrs_minutes, 1);
        S_num(w, "mtbf_minutes", a->mtbf_minutes, 1);
        S_num(w, "mtbsi_minutes", a->mtbsi_minutes, 1);
        S_bool(w, "met_target", a->met_target);
        S_close(w, '}');
    }
    S_close(w, ']');
}

/* satisfaction (docs/metrics.md §6) */
static void S_satisfaction(jw_t *w, const metrics_t *m)
{
    const satisfaction_t *sa = &m->satisfaction;
    if (!metrics_satisfaction_measured(m)) {
        S_null(w, "satisfaction"); /* no survey source: not measured, not zero */
        return;
    }
    S_open(w, "satisfaction", '{');
    S_count(w, "responses", m, sa->responses);
    S_kpi(w, KPI_CSAT, sa->csat_pct);
    S_kpi(w, KPI_CSAT_MEAN, sa->csat_mean);
    S_kpi(w, KPI_NPS, sa->nps);
    S_kpi(w, KPI_RESPONSE_RATE, sa->response_rate_pct);
    S_close(w, '}');
}

/* efficiency (docs/metrics.md §7) */
static void S_efficiency(jw_t *w, const metrics_t *m)
{
    const efficiency_t *e = &m->efficiency;
    S_open(w, "efficiency", '{');
    S_kpi(w, KPI_REOPEN, e->reopen_rate_pct);
    S_kpi(w, KPI_FIRST_ASSIGNMENT, e->first_assignment_resolution_pct);
    S_kpi(w, KPI_CHANGE_SUCCESS, e->change_success_pct);
    S_kpi(w, KPI_EMERGENCY_CHANGE, e->emergency_change_pct);
    S_open(w, "problems", '{');
    S_num(w, "opened", metrics_problem_count(m, e->problems_opened), 0);
    S_num(w, "resolved", metrics_problem_count(m, e->problems_resolved), 0);
    S_num(w, "open_end", metrics_problem_count(m, e->problems_open_end), 0);
    S_close(w, '}');
    S_close(w, '}');
}

/* readiness.clauses, in catalogue order */
static void S_readiness_clauses(jw_t *w, const readiness_result_t *rr)
{
    S_open(w, "clauses", '[');
    for (size_t i = 0; i < rr->nclauses; i++) {
        const readiness_clause_t *c = &rr->clauses[i];
        S_open(w, NULL, '{');
        S_string(w, "clause", c->clause);
        S_string(w, "title", c->title);
        S_num(w, "score_pct", c->score_pct, 2);
        S_int(w, "assessed", (long long)c->assessed);
        S_int(w, "items", (long long)c->items);
        S_close(w, '}');
    }
    S_close(w, ']');
}

/* readiness.gaps, major first */
static void S_readiness_gaps(jw_t *w, const readiness_result_t *rr, const assessment_t *as)
{
    const catalogue_t *cat = as->catalogue;
    S_open(w, "gaps", '[');
    for (size_t i = 0; i < rr->ngaps; i++) {
        const readiness_gap_t *g = &rr->gaps[i];
        const assessment_entry_t *ae = &as->entries[g->item];
        S_open(w, NULL, '{');
        S_string(w, "item", cat->items[g->item].id);
        S_string(w, "clause", cat->items[g->item].clause);
        S_int(w, "score", g->score);
        S_string(w, "severity", g->major ? "major" : "minor");
        S_string(w, "reason", readiness_gap_reason(g));
        S_string(w, "owner", ae->owner);
        S_string(w, "due", ae->due);
        S_string(w, "action", ae->action);
        S_string(w, "status", ae->status ? action_status_names[ae->status] : NULL);
        S_close(w, '}');
    }
    S_close(w, ']');
}

/* readiness.evidence: each data check and the items it speaks to */
static void S_readiness_evidence(jw_t *w, const readiness_result_t *rr, const catalogue_t *cat)
{
    S_open(w, "evidence", '[');
    for (int c = 0; rr->have_checks && c < CHECK_COUNT; c++) {
        S_open(w, NULL, '{');
        S_string(w, "check", check_names[c]);
        S_bool(w, "passed", rr->checks[c].passed); /* not checked: null */
        S_num(w, "value", rr->checks[c].value, 2);
        S_string(w, "fact", rr->checks[c].fact);
        S_open(w, "items", '[');
        for (size_t i = 0; i < cat->nitems; i++)
            if (cat->items[i].checks & CHECK_BIT(c))
                S_string(w, NULL, cat->items[i].id);
        S_close(w, ']');
        S_close(w, '}');
    }
    S_close(w, ']');
}

/* readiness (docs/metrics.md §11), null without a self-assessment */
static void S_readiness(jw_t *w, const report_facts_t *f)
{
    if (f->readiness) {
        const readiness_result_t *rr = f->readiness;
        const assessment_t *as = f->assessment;
        const catalogue_t *cat = as->catalogue;
        S_open(w, "readiness", '{');
        S_num(w, "overall_pct", rr->overall_pct, 2);
        S_num(w, "coverage_pct", rr->coverage_pct, 2);
        S_bool(w, "stage1_ready", rr->stage1_ready);
        S_bool(w, "stage2_ready", rr->stage2_ready);
        S_readiness_clauses(w, rr);
        S_readiness_gaps(w, rr, as);
        S_int(w, "assessed", (long long)rr->assessed);
        S_int(w, "items", (long long)rr->nitems);
        S_open(w, "stage1_reasons", '[');
        for (size_t i = 0; i < rr->nstage1_reasons; i++)
            S_string(w, NULL, rr->stage1_reasons[i]);
        S_close(w, ']');
        S_open(w, "stage2_reasons", '[');
        for (size_t i = 0; i < rr->nstage2_reasons; i++)
            S_string(w, NULL, rr->stage2_reasons[i]);
        S_close(w, ']');
        S_readiness_evidence(w, rr, cat);
        S_open(w, "contradicted", '[');
        for (size_t i = 0; i < cat->nitems; i++)
            if (rr->contradicted[i])
                S_string(w, NULL, cat->items[i].id);
        S_close(w, ']');
        S_close(w, '}');
    } else {
        S_null(w, "readiness");
    }
}

/* roi.lines: each benefit line */
static void S_roi_lines(jw_t *w, const roi_result_t *ro)
{
    S_open(w, "lines", '[');
    for (size_t i = 0; i < ro->nlines; i++) {
        const roi_line_t *l = &ro->lines[i];
        S_open(w, NULL, '{');
        S_string(w, "line", l->name);
        S_bool(w, "measured", l->measured);
        S_num(w, "baseline_annual", l->baseline_annual, 2);
        S_num(w, "current_annual", l->current_annual, 2);
        S_num(w, "unit_value", l->unit, 2);
        S_num(w, "annual_value", l->value, 2);
        S_num(w, "risk_adjustment", l->risk, 4);
        S_num(w, "adjusted", l->adjusted, 2);
        S_close(w, '}');
    }
    S_close(w, ']');
}

/* roi.scenarios and roi.sensitivity */
static void S_roi_variants(jw_t *w, const report_facts_t *f)
{
    S_open(w, "scenarios", '[');
    for (size_t i = 0; i < f->nroi_scenarios; i++) {
        const roi_result_t *sc = &f->roi_scenarios[i];
        S_open(w, NULL, '{');
        S_string(w, "name", sc->scenario);
        S_num(w, "npv", sc->npv, 2);
        S_num(w, "roi_pct", sc->roi_pct, 2);
        S_num(w, "payback_months", sc->payback_months, 1);
        S_num(w, "irr", sc->irr, 4);
        S_close(w, '}');
    }
    S_close(w, ']');
    S_open(w, "sensitivity", '[');
    for (size_t i = 0; i < f->nroi_sensitivity; i++) {
        S_open(w, NULL, '{');
        S_string(w, "assumption", f->roi_sensitivity[i].assumption);
        S_num(w, "npv_low", f->roi_sensitivity[i].npv_low, 2);
        S_num(w, "npv_high", f->roi_sensitivity[i].npv_high, 2);
        S_close(w, '}');
    }
    S_close(w, ']');
}

/* roi (docs/metrics.md §12), null without ROI assumptions */
static void S_roi(jw_t *w, const report_facts_t *f)
{
    if (f->roi) {
        const roi_result_t *ro = f->roi;
        S_open(w, "roi", '{');
        S_num(w, "npv", ro->npv, 2);
        S_num(w, "roi_pct", ro->roi_pct, 2);
        S_num(w, "payback_months", ro->payback_months, 1);
        S_num(w, "pv_benefits", ro->pv_benefits, 2);
        S_num(w, "pv_costs", ro->pv_costs, 2);
        S_open(w, "years", '[');
        for (int t = 0; t <= ro->years; t++) {
            S_open(w, NULL, '{');
            S_int(w, "year", t);
            S_num(w, "benefits", ro->benefits[t], 2);
            S_num(w, "costs", ro->costs[t], 2);
            S_close(w, '}');
        }
        S_close(w, ']');
        S_num(w, "irr", ro->irr, 4);
        S_string(w, "currency", f->cfg->roi_model->base.currency);
        S_string(w, "baseline", f->roi_baseline_label);
        S_roi_lines(w, ro);
        S_roi_variants(w, f);
        S_close(w, '}');
    } else {
        S_null(w, "roi"); /* no ROI assumptions configured */
    }
}

/* previous and delta (docs/metrics.md §8), null without a previous period */
static void S_previous(jw_t *w, const report_facts_t *f)
{
    const tz_t *tz = f->tz;
    const metrics_t *m = f->metrics;
    if (f->previous) {
        S_trend_row(w, "previous", f->previous, tz);
        const trend_row_t *cur = f->ntrend ? &f->trend[f->ntrend - 1] : NULL;
        S_open(w, "delta", '{');
        S_string(w, "label", cur ? cur->label : f->period_label);
        S_time(w, "start", tz, m->period.start);
        S_time(w, "end", tz, m->period.end);
        int both = cur && cur->known && f->previous->known;
        for (size_t c = 0; c < kpi_trend_count(); c++) {
            kpi_id_t id = kpi_trend_at(c);
            S_kpi(w, id, both ? S_diff(cur->kpis.value[id], f->previous->kpis.value[id]) : NAN);
        }
        S_close(w, '}');
    } else {
        S_null(w, "previous");
        S_null(w, "delta");
    }
}

/* trend, oldest first */
static void S_trend(jw_t *w, const report_facts_t *f)
{
    const tz_t *tz = f->tz;
    S_open(w, "trend", '[');
    for (size_t i = 0; i < f->ntrend; i++)
        S_trend_row(w, NULL, &f->trend[i], tz);
    S_close(w, ']');
}

/* A span of data and what it says of P (docs/metrics.md §9). */
static void S_coverage_object(jw_t *w, const char *key, const tz_t *tz, const coverage_t *c)
{
    S_open(w, key, '{');
    S_time(w, "first", tz, c->first);
    S_time(w, "last", tz, c->last);
    S_string(w, "status", coverage_status_names[c->status]);
    S_close(w, '}');
}

/* quality: every source with its counts, reasons and coverage */
static void S_quality(jw_t *w, const report_facts_t *f)
{
    S_open(w, "quality", '{');
    S_open(w, "sources", '[');
    for (size_t i = 0; i < f->store->nquality; i++) {
        const source_quality_t *q = &f->store->quality[i];
        S_open(w, NULL, '{');
        S_string(w, "file", q->file);
        S_string(w, "profile", q->profile);
        S_string(w, "sha256", q->sha256);
        S_int(w, "rows_read", (long long)q->rows_read);
        S_int(w, "rows_accepted", (long long)q->rows_accepted);
        S_int(w, "rows_rejected", (long long)q->rows_rejected);
        S_open(w, "reasons", '[');
        for (size_t j = 0; j < q->nrejected; j++) {
            S_open(w, NULL, '{');
            S_string(w, "reason", q->rejected[j].reason);
            S_int(w, "count", (long long)q->rejected[j].count);
            S_open(w, "examples", '[');
            for (size_t k = 0; k < QUALITY_EXAMPLES && q->rejected[j].examples[k]; k++)
                S_string(w, NULL, q->rejected[j].examples[k]);
            S_close(w, ']');
            S_close(w, '}');
        }
        S_close(w, ']');
        S_coverage_object(w, "coverage", f->tz, &f->coverage->sources[i]);
        S_close(w, '}');
    }
    S_close(w, ']');
    S_close(w, '}');
}

/* documents: the index of documented information (the readiness pack, docs/iso20k.schema.json) */
static void S_documents(jw_t *w, const report_facts_t *f)
{
    const assessment_t *as = f->assessment;
    const catalogue_t *cat = as                  ? as->catalogue
                             : f->cfg->catalogue ? f->cfg->catalogue
                                                 : &catalogue_builtin;
    S_open(w, "documents", '[');
    for (size_t i = 0; i < cat->nitems; i++) {
        const catalogue_item_t *it = &cat->items[i];
        if (!it->required)
            continue;
        const assessment_entry_t *e = as ? &as->entries[i] : NULL;
        int present = e && readiness_has_evidence(e);
        S_open(w, NULL, '{');
        S_string(w, "item", it->id);
        S_string(w, "clause", it->clause);
        S_string(w, "kind", it->required == 'M' ? "document" : "record");
        S_string(w, "evidence", present ? e->evidence : NULL);
        S_bool(w, "present", present);
        S_close(w, '}');
    }
    S_close(w, ']');
}

/* evidence_by_period: each data check over the trend periods; null where the period was not
 * computed from the inputs (not covered, or taken from the history) or the check's source is
 * absent */
static void S_evidence_by_period(jw_t *w, const report_facts_t *f)
{
    S_open(w, "evidence_by_period", '[');
    for (size_t i = 0; i < f->ntrend; i++) {
        const trend_row_t *row = &f->trend[i];
        int computed = f->trend_checks && row->known && !row->from_history;
        S_open(w, NULL, '{');
        S_string(w, "label", row->label);
        S_open(w, "checks", '[');
        for (int c = 0; c < CHECK_COUNT; c++) {
            S_open(w, NULL, '{');
            S_string(w, "check", check_names[c]);
            S_bool(w, "pass", computed ? f->trend_checks[i * CHECK_COUNT + (size_t)c].passed : -1);
            S_close(w, '}');
        }
        S_close(w, ']');
        S_close(w, '}');
    }
    S_close(w, ']');
}

/* kpis: the 13 KPIs of docs/iso20k.schema.json in its order, each with n, target, status, previous,
 * delta */
static void S_kpis(jw_t *w, const report_t *r)
{
    S_open(w, "kpis", '[');
    for (size_t k = 0; k < KPI_COUNT; k++) {
        if (!(kpi_table[k].flags & KPI_LISTED))
            continue;
        kpi_entry_t e;
        report_kpi_entry(r, (kpi_id_t)k, &e);
        int dec = kpi_table[k].json_decimals;
        S_open(w, NULL, '{');
        S_string(w, "key", kpi_table[k].key);
        S_num(w, "value", e.value, dec);
        S_num(w, "n", e.n, 0);
        S_num(w, "target", e.target, dec);
        S_string(w, "status", kpi_status_names[e.status]);
        S_num(w, "previous", e.previous, dec);
        S_num(w, "delta", e.delta, dec);
        S_close(w, '}');
    }
    S_close(w, ']');
}

/* review_inputs (docs/metrics.md §14): the fourteen inputs in order */
static void S_review_inputs(jw_t *w, const report_facts_t *f)
{
    S_open(w, "review_inputs", '[');
    for (int i = 0; f->review_inputs && i < INPUT_COUNT; i++) {
        const review_input_t *in = &f->review_inputs[i];
        S_open(w, NULL, '{');
        S_string(w, "input", review_input_names[i]);
        S_string(w, "status", review_input_status_names[in->status]);
        S_open(w, "sources", '[');
        for (size_t k = 0; k < in->nsources; k++)
            S_string(w, NULL, in->sources[k]);
        S_close(w, ']');
        S_close(w, '}');
    }
    S_close(w, ']');
}

/* An object of counts keyed by a vocabulary, then REG_NONE_KEY for empty cells. */
static void S_by_word(jw_t *w, const char *key, const char *const *words, int n,
                      const size_t *counts)
{
    S_open(w, key, '{');
    for (int i = 0; i < n; i++)
        S_int(w, words[i], (long long)counts[i]);
    S_int(w, REG_NONE_KEY, (long long)counts[n]);
    S_close(w, '}');
}

/* What one figure of a register object is: a count (size_t), a percentage (double, 2 places), or
 * counts keyed by a vocabulary (size_t[nwords + 1]). */
typedef enum { FIG_COUNT = 0, FIG_PCT, FIG_BY_WORD } fig_kind_t;

typedef struct reg_figure {
    register_kind_t reg;
    const char *key;
    size_t offset; /* in register_figures_t */
    fig_kind_t kind;
    const char *const *words; /* FIG_BY_WORD */
    int nwords;
} reg_figure_t;

#define COUNT(reg, key, field)                                                                     \
    {                                                                                              \
        reg, key, offsetof(register_figures_t, field), FIG_COUNT, NULL, 0                          \
    }
#define PCT(reg, key, field)                                                                       \
    {                                                                                              \
        reg, key, offsetof(register_figures_t, field), FIG_PCT, NULL, 0                            \
    }
#define BY_WORD(reg, key, field, words, n)                                                         \
    {                                                                                              \
        reg, key, offsetof(register_figures_t, field), FIG_BY_WORD, words, n                       \
    }
/* The registers written as one object of plain figures, each register's rows in the schema's
 * order: a figure added to one of them is one row here. */
static const reg_figure_t reg_figures[] = {
    COUNT(REG_ACTIONS, "open_end", actions.open_end),
    COUNT(REG_ACTIONS, "overdue", actions.overdue),
    COUNT(REG_ACTIONS, "done", actions.done),
    BY_WORD(REG_ACTIONS, "by_source", actions.by_source, action_source_words, ASRC_COUNT),
    COUNT(REG_NONCONFORMITIES, "raised", nonconformities.raised),
    COUNT(REG_NONCONFORMITIES, "closed", nonconformities.closed),
    COUNT(REG_NONCONFORMITIES, "open_end", nonconformities.open_end),
    COUNT(REG_NONCONFORMITIES, "overdue", nonconformities.overdue),
    COUNT(REG_NONCONFORMITIES, "major_open", nonconformities.major_open),
    COUNT(REG_NONCONFORMITIES, "ineffective", nonconformities.ineffective),
    PCT(REG_NONCONFORMITIES, "effective_pct", nonconformities.effective_pct),
    COUNT(REG_AUDITS, "audits", audits.audits),
    BY_WORD(REG_AUDITS, "findings", audits.findings, grade_words, GRADE_COUNT),
    COUNT(REG_AUDITS, "open_findings_end", audits.open_findings_end),
    COUNT(REG_RISKS, "high", risks.high),
    COUNT(REG_RISKS, "medium", risks.medium),
    COUNT(REG_RISKS, "low", risks.low),
    COUNT(REG_RISKS, "untreated", risks.untreated),
    COUNT(REG_RISKS, "review_overdue", risks.review_overdue),
    COUNT(REG_RISKS, "opportunities", risks.opportunities),
    COUNT(REG_IMPROVEMENTS, "raised", improvements.raised),
    COUNT(REG_IMPROVEMENTS, "done", improvements.done),
    COUNT(REG_IMPROVEMENTS, "open_end", improvements.open_end),
    COUNT(REG_IMPROVEMENTS, "overdue", improvements.overdue),
};
#undef COUNT
#undef PCT
#undef BY_WORD

/* Register k as an object of its rows of reg_figures. */
static void S_reg_object(jw_t *w, const register_figures_t *g, register_kind_t k)
{
    S_open(w, register_names[k], '{');
    for (size_t i = 0; i < sizeof reg_figures / sizeof reg_figures[0]; i++) {
        const reg_figure_t *f = &reg_figures[i];
        const char *at = (const char *)g + f->offset;
        if (f->reg != k)
            continue;
        if (f->kind == FIG_PCT)
            S_num(w, f->key, *(const double *)at, 2);
        else if (f->kind == FIG_BY_WORD)
            S_by_word(w, f->key, f->words, f->nwords, (const size_t *)at);
        else
            S_int(w, f->key, (long long)*(const size_t *)at);
    }
    S_close(w, '}');
}

static void S_reg_complaints(jw_t *w, const register_figures_t *g)
{
    S_open(w, "complaints", '{');
    S_int(w, "received", (long long)g->complaints.received);
    S_int(w, "upheld", (long long)g->complaints.upheld);
    S_open(w, "by_service", '{');
    for (size_t i = 0; i < g->complaints.nby_service; i++)
        S_int(w, g->complaints.by_service[i].name, (long long)g->complaints.by_service[i].count);
    S_close(w, '}');
    S_int(w, "open_end", (long long)g->complaints.open_end);
    S_close(w, '}');
}

static void S_reg_suppliers(jw_t *w, const register_figures_t *g)
{
    S_open(w, "suppliers", '[');
    for (size_t i = 0; i < g->nsuppliers; i++) {
        S_open(w, NULL, '{');
        S_string(w, "supplier", g->suppliers[i].supplier);
        S_int(w, "measures", (long long)g->suppliers[i].measures);
        S_int(w, "met", (long long)g->suppliers[i].met);
        S_num(w, "met_pct", g->suppliers[i].met_pct, 2);
        S_close(w, '}');
    }
    S_close(w, ']');
}

static void S_reg_capacity(jw_t *w, const register_figures_t *g)
{
    S_open(w, "capacity", '[');
    for (size_t i = 0; i < g->ncapacity; i++) {
        S_open(w, NULL, '{');
        S_string(w, "service", g->capacity[i].row->service);
        S_string(w, "resource", g->capacity[i].row->resource);
        S_num(w, "utilisation_pct", g->capacity[i].utilisation_pct, 2);
        S_bool(w, "over_threshold", g->capacity[i].over_threshold);
        S_close(w, '}');
    }
    S_close(w, ']');
}

static void S_reg_context(jw_t *w, const register_figures_t *g)
{
    S_open(w, "context", '[');
    for (size_t i = 0; i < g->ncontext; i++) {
        const reg_context_t *c = g->context[i];
        int64_t y;
        int m, d;
        char date[16];
        civil_from_days(c->date, &y, &m, &d);
        snprintf(date, sizeof date, "%04d-%02d-%02d", (int)y, m, d);
        S_open(w, NULL, '{');
        S_string(w, "date", date);
        S_string(w, "kind", context_kind_words[c->kind]);
        S_string(w, "summary", c->summary);
        S_close(w, '}');
    }
    S_close(w, ']');
}

/* registers (docs/metrics.md §14): each register's figures, null when it is not given (or not
 * read); a register with no writer of its own is an object of its rows of reg_figures */
static void S_registers(jw_t *w, const report_facts_t *f)
{
    static void (*const write[REG_COUNT])(jw_t *, const register_figures_t *) = {
        [REG_COMPLAINTS] = S_reg_complaints,
        [REG_SUPPLIERS] = S_reg_suppliers,
        [REG_CAPACITY] = S_reg_capacity,
        [REG_CONTEXT] = S_reg_context};
    const register_figures_t *g = f->reg_figures;
    S_open(w, "registers", '{');
    for (int k = 0; k < REG_COUNT; k++) {
        if (!g || !g->read[k])
            S_null(w, register_names[k]);
        else if (write[k])
            write[k](w, g);
        else
            S_reg_object(w, g, (register_kind_t)k);
    }
    S_close(w, '}');
}

void render_json(const report_t *r, strbuf_t *out)
{
    const report_facts_t *f = &r->facts;
    const metrics_t *m = f->metrics;
    jw_t wv = {out, 0, 1};
    jw_t *w = &wv;
    strbuf_putc(out, '{');
    w->depth = 1;
    S_period(w, f);
    S_volumes(w, m);
    S_sla(w, m);
    S_times(w, m);
    S_availability(w, m);
    S_satisfaction(w, m);
    S_efficiency(w, m);
    S_readiness(w, f);
    S_roi(w, f);
    S_previous(w, f);
    S_trend(w, f);
    S_quality(w, f);
    S_coverage_object(w, "coverage", f->tz, &f->coverage->overall);
    S_kpis(w, r);
    if (f->kind_readiness) {
        S_documents(w, f);
        S_evidence_by_period(w, f);
    }
    S_review_inputs(w, f);
    S_registers(w, f);
    w->depth = 0;
    strbuf_puts(out, "\n}\n");
}
