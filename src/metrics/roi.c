/*
 * roi — the ROI model of docs/metrics.md §12.
 */
#include "metrics/roi.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/util.h"

#define YEAR_SECONDS (365.25 * 86400.0)

double roi_annual(double x, double seconds)
{
    return seconds > 0 ? x * YEAR_SECONDS / seconds : NAN;
}

double roi_pv(double rate, const double *x, size_t n)
{
    double pv = 0, f = 1;
    for (size_t t = 0; t < n; t++) {
        pv += x[t] / f;
        f *= 1 + rate;
    }
    return pv;
}

double roi_irr(const double *flows, size_t n)
{
    int pos = 0, neg = 0;
    for (size_t t = 0; t < n; t++) {
        pos |= flows[t] > 0;
        neg |= flows[t] < 0;
    }
    if (!pos || !neg)
        return NAN;
    double lo = -0.99, hi = 1.0;
    double flo = roi_pv(lo, flows, n), fhi = roi_pv(hi, flows, n);
    while ((flo > 0) == (fhi > 0) && hi < 1e6) { /* widen until the sign changes */
        hi *= 2;
        fhi = roi_pv(hi, flows, n);
    }
    if ((flo > 0) == (fhi > 0))
        return NAN;
    for (int i = 0; i < 200; i++) {
        double mid = (lo + hi) / 2, fm = roi_pv(mid, flows, n);
        if ((fm > 0) == (flo > 0))
            lo = mid, flo = fm;
        else
            hi = mid;
    }
    return (lo + hi) / 2;
}

double roi_payback_months(const double *benefits, const double *costs, size_t n)
{
    double cum = benefits[0] - costs[0];
    if (cum >= 0)
        return 0;
    for (size_t t = 1; t < n; t++) {
        double year = benefits[t] - costs[t];
        if (year > 0 && cum + year >= 0)
            return 12.0 * (double)(t - 1) + 12.0 * (-cum) / year;
        cum += year;
    }
    return NAN;
}

/* The measures' services by name (name → position + 1), so that each costed service is one
 * probe rather than a walk of every service measured. */
static hashmap_t *S_service_index(const roi_measures_t *m)
{
    hashmap_t *index = hashmap_new();
    for (size_t i = 0; i < m->nservices; i++) {
        void **slot = hashmap_slot(index, m->services[i], strlen(m->services[i]), NULL);
        if (!*slot) /* the first of a repeated name, as a walk would find */
            *slot = (void *)(uintptr_t)(i + 1);
    }
    return index;
}

static double S_hours(const roi_measures_t *m, const hashmap_t *index, const char *service)
{
    uintptr_t at = (uintptr_t)hashmap_get(index, service, strlen(service));
    return at ? m->service_hours[at - 1] : 0;
}

static roi_line_t *S_line(roi_result_t *r, const char *name, int measured)
{
    roi_line_t *l = xpush((void **)&r->lines, &r->nlines, &r->caplines, sizeof *l);
    l->name = xstrdup(name);
    l->measured = measured;
    return l;
}

void roi_result_clear(roi_result_t *r)
{
    for (size_t i = 0; i < r->nlines; i++)
        free(r->lines[i].name);
    free(r->lines);
    memset(r, 0, sizeof *r);
}

static void S_measured(roi_result_t *r, const roi_assumptions_t *a, const char *name,
                       const char *risk_name, double base, double base_s, double cur, double cur_s,
                       double unit)
{
    if (isnan(unit) || isnan(base))
        return; /* not valued, or no baseline for it: no line */
    roi_line_t *l = S_line(r, name, 1);
    l->baseline = base;
    l->current = cur;
    l->baseline_annual = roi_annual(base, base_s);
    l->current_annual = isnan(cur) ? NAN : roi_annual(cur, cur_s);
    l->unit = unit;
    /* a measure the period's data cannot give (docs/metrics.md §9: not covered, or no outage data)
     * makes a null line, which adds nothing */
    l->value = isnan(cur) ? NAN : (l->baseline_annual - l->current_annual) * unit;
    if (isnan(l->value) && !isnan(cur))
        l->value = 0;
    double risk = roi_risk(a, name);
    if (risk == a->risk_default && risk_name)
        risk = roi_risk(a, risk_name);
    l->risk = risk;
}

void roi_evaluate(const roi_assumptions_t *a, const roi_measures_t *b, const roi_measures_t *c,
                  roi_result_t *out)
{
    memset(out, 0, sizeof *out);
    out->scenario = a->name;
    out->years = a->horizon_years;
    /* measured lines: downtime (per service where a cost is given), incidents, breaches */
    double other_b = b->downtime_hours, other_c = c->downtime_hours;
    if (a->nservice_downtime_cost && b->nservices) {
        hashmap_t *bi = S_service_index(b), *ci = S_service_index(c);
        for (size_t i = 0; i < a->nservice_downtime_cost; i++) {
            const char *svc = a->service_downtime_cost[i].name;
            double hb = S_hours(b, bi, svc), hc = S_hours(c, ci, svc);
            other_b -= hb;
            other_c -= hc;
            strbuf_t name = {0};
            strbuf_printf(&name, "downtime: %s", svc);
            S_measured(out, a, name.data, "downtime", hb, b->seconds, hc, c->seconds,
                       a->service_downtime_cost[i].value);
            strbuf_clear(&name);
        }
        hashmap_free(bi);
        hashmap_free(ci);
        S_measured(out, a, "downtime: other services", "downtime", other_b, b->seconds, other_c,
                   c->seconds, a->downtime_cost_per_hour);
    } else {
        S_measured(out, a, "downtime", NULL, b->downtime_hours, b->seconds, c->downtime_hours,
                   c->seconds, a->downtime_cost_per_hour);
    }
    S_measured(out, a, "incidents", NULL, b->incidents, b->seconds, c->incidents, c->seconds,
               a->cost_per_incident);
    S_measured(out, a, "breaches", NULL, b->breaches, b->seconds, c->breaches, c->seconds,
               a->cost_per_breach);
    for (size_t i = 0; i < a->nbenefits; i++) {
        roi_line_t *l = S_line(out, a->benefits[i].name, 0);
        l->value = a->benefits[i].value;
        l->risk = roi_risk(a, l->name);
        l->baseline = l->current = l->baseline_annual = l->current_annual = l->unit = NAN;
    }
    double total = 0;
    for (size_t i = 0; i < out->nlines; i++) {
        roi_line_t *l = &out->lines[i];
        l->adjusted = l->value > 0 ? l->value * (1 - l->risk) : l->value; /* a loss stays whole */
        /* a measured line the period's data cannot give (docs/metrics.md §9) leaves the benefits,
         * and every figure made from them, unknown: never a total without it */
        if (isnan(l->adjusted))
            out->incomplete = 1;
        total += l->adjusted;
    }
    int n = a->horizon_years;
    for (size_t i = 0; i < a->ninitial; i++)
        out->costs[0] += a->initial[i].value;
    for (int t = 1; t <= n; t++) {
        out->benefits[t] = a->ramp[t - 1] * total;
        for (size_t i = 0; i < a->nannual; i++)
            out->costs[t] += a->annual[i].value;
    }
    out->pv_costs = roi_pv(a->discount_rate, out->costs, (size_t)n + 1);
    if (out->incomplete) {
        out->pv_benefits = out->npv = out->roi_pct = out->payback_months = out->irr = NAN;
        return;
    }
    out->pv_benefits = roi_pv(a->discount_rate, out->benefits, (size_t)n + 1);
    out->npv = out->pv_benefits - out->pv_costs;
    out->roi_pct = out->pv_costs > 0 ? 100.0 * out->npv / out->pv_costs : NAN;
    out->payback_months = roi_payback_months(out->benefits, out->costs, (size_t)n + 1);
    double flows[ROI_MAX_YEARS + 1];
    for (int t = 0; t <= n; t++)
        flows[t] = out->benefits[t] - out->costs[t];
    out->irr = roi_irr(flows, (size_t)n + 1);
}

static double S_npv_with(const roi_assumptions_t *a, const roi_measures_t *b,
                         const roi_measures_t *c)
{
    roi_result_t r;
    roi_evaluate(a, b, c, &r);
    double npv = r.npv;
    roi_result_clear(&r);
    return npv;
}

/* Scales a list of amounts into fresh storage (the assumptions stay untouched). */
static roi_amount_t *S_scale(const roi_amount_t *v, size_t n, double f)
{
    roi_amount_t *out = xmalloc((n ? n : 1) * sizeof *out);
    for (size_t i = 0; i < n; i++) {
        out[i] = v[i];
        out[i].value *= f;
    }
    return out;
}

static int S_cmp_swing(const void *x, const void *y)
{
    const roi_sensitivity_t *a = x, *b = y;
    double sa = fabs(a->npv_high - a->npv_low), sb = fabs(b->npv_high - b->npv_low);
    if (sa != sb)
        return sa > sb ? -1 : 1;
    return strcmp(a->assumption, b->assumption);
}

/* The assumptions varied one at a time, in this order; then each named benefit. */
enum { DISCOUNT, DOWNTIME, INCIDENT, BREACH, INITIAL, ANNUAL, BENEFIT };

/* v = a with assumption k scaled by f (new amounts in *tmp, which the caller frees); its label,
 * and whether a has that assumption at all. */
static int S_vary(const roi_assumptions_t *a, size_t k, double f, roi_assumptions_t *v,
                  roi_amount_t **tmp, const char **label)
{
    *v = *a;
    *tmp = NULL;
    switch (k) {
    case DISCOUNT:
        v->discount_rate *= f;
        *label = "discount rate";
        return 1;
    case DOWNTIME:
        *label = "downtime cost per hour";
        v->downtime_cost_per_hour *= f;
        v->service_downtime_cost = *tmp =
            S_scale(a->service_downtime_cost, a->nservice_downtime_cost, f);
        return !isnan(a->downtime_cost_per_hour) || a->nservice_downtime_cost;
    case INCIDENT:
        *label = "cost per incident";
        v->cost_per_incident *= f;
        return !isnan(a->cost_per_incident);
    case BREACH:
        *label = "cost per breach";
        v->cost_per_breach *= f;
        return !isnan(a->cost_per_breach);
    case INITIAL:
        *label = "initial costs";
        v->initial = *tmp = S_scale(a->initial, a->ninitial, f);
        return a->ninitial > 0;
    case ANNUAL:
        *label = "annual costs";
        v->annual = *tmp = S_scale(a->annual, a->nannual, f);
        return a->nannual > 0;
    default: {
        size_t i = k - BENEFIT;
        *label = a->benefits[i].name;
        v->benefits = *tmp = S_scale(a->benefits, a->nbenefits, 1);
        (*tmp)[i].value *= f;
        return 1;
    }
    }
}

roi_sensitivity_t *roi_sensitivity(const roi_assumptions_t *a, const roi_measures_t *b,
                                   const roi_measures_t *c, size_t *n)
{
    const double f[2] = {0.8, 1.2};
    size_t kinds = BENEFIT + a->nbenefits;
    roi_sensitivity_t *out = xcalloc(kinds, sizeof *out);
    *n = 0;
    for (size_t k = 0; k < kinds; k++) {
        double npv[2];
        const char *label = NULL;
        int applies = 1;
        for (int s = 0; s < 2; s++) {
            roi_assumptions_t v;
            roi_amount_t *tmp;
            applies = S_vary(a, k, f[s], &v, &tmp, &label);
            npv[s] = applies ? S_npv_with(&v, b, c) : NAN;
            free(tmp);
        }
        if (!applies || isnan(npv[0]) || isnan(npv[1]))
            continue; /* no NPV without the measures it needs */
        out[*n].assumption = label;
        out[*n].npv_low = npv[0];
        out[*n].npv_high = npv[1];
        (*n)++;
    }
    if (*n > 1)
        qsort(out, *n, sizeof *out, S_cmp_swing);
    return out;
}

void roi_measures_of(const metrics_t *m, roi_measures_t *out)
{
    const metrics_period_t *p = &m->period;
    ts_t hi = p->end < p->as_of ? p->end : p->as_of;
    memset(out, 0, sizeof *out);
    out->seconds = hi > p->start ? (double)(hi - p->start) : 0;
    const char **names = xcalloc(m->navailability + 1, sizeof(char *));
    double *hours = xcalloc(m->navailability + 1, sizeof(double));
    for (size_t i = 0; i < m->navailability; i++) {
        names[i] = m->availability[i].service;
        hours[i] = (double)m->availability[i].downtime_seconds / 3600.0;
        out->downtime_hours += hours[i];
    }
    out->services = names;
    out->service_hours = hours;
    out->nservices = m->navailability;
    out->incidents = metrics_count(m, m->volumes.by_kind[KIND_INCIDENT]);
    out->breaches = metrics_count(m, m->sla.res_breached);
    if (m->no_data || !m->availability_measured) { /* downtime unknown, not zero */
        out->downtime_hours = NAN;
        for (size_t i = 0; i < m->navailability; i++)
            hours[i] = NAN;
    }
}

void roi_measures_clear(roi_measures_t *m)
{
    free((void *)m->services);
    free(m->service_hours);
    memset(m, 0, sizeof *m);
}

void roi_compute(const roi_config_t *rc, const metrics_t *current, const metrics_t *base,
                 roi_outcome_t *out)
{
    memset(out, 0, sizeof *out);
    roi_measures_of(current, &out->current);
    if (base) {
        roi_measures_of(base, &out->baseline);
    } else {
        out->baseline.seconds = 365.25 * 86400; /* roi.yaml's numbers are annual already */
        out->baseline.downtime_hours = rc->base.baseline_downtime_hours;
        out->baseline.incidents = rc->base.baseline_incidents;
        out->baseline.breaches = rc->base.baseline_breaches;
    }
    out->nresults = 1 + rc->nscenarios;
    out->results = xcalloc(out->nresults, sizeof(roi_result_t));
    roi_evaluate(&rc->base, &out->baseline, &out->current, &out->results[0]);
    for (size_t i = 0; i < rc->nscenarios; i++)
        roi_evaluate(&rc->scenarios[i], &out->baseline, &out->current, &out->results[1 + i]);
    out->sensitivity =
        roi_sensitivity(&rc->base, &out->baseline, &out->current, &out->nsensitivity);
}

void roi_outcome_clear(roi_outcome_t *o)
{
    roi_measures_clear(&o->baseline);
    roi_measures_clear(&o->current);
    for (size_t i = 0; i < o->nresults; i++)
        roi_result_clear(&o->results[i]);
    free(o->results);
    free(o->sensitivity);
    memset(o, 0, sizeof *o);
}
