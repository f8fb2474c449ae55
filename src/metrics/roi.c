/*
 * roi — the ROI model of SPEC 7.
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
    if (r->nlines >= sizeof r->lines / sizeof r->lines[0])
        return NULL;
    roi_line_t *l = &r->lines[r->nlines++];
    memset(l, 0, sizeof *l);
    snprintf(l->name, sizeof l->name, "%s", name);
    l->measured = measured;
    return l;
}

static void S_measured(roi_result_t *r, const roi_assumptions_t *a, const char *name,
                       const char *risk_name, double base, double base_s, double cur, double cur_s,
                       double unit)
{
    if (isnan(unit) || isnan(base) || isnan(cur))
        return; /* not valued, or no baseline for it: no line */
    roi_line_t *l = S_line(r, name, 1);
    if (!l)
        return;
    l->baseline = base;
    l->current = cur;
    l->baseline_annual = roi_annual(base, base_s);
    l->current_annual = roi_annual(cur, cur_s);
    l->unit = unit;
    l->value = (l->baseline_annual - l->current_annual) * unit;
    if (isnan(l->value))
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
            char name[96];
            snprintf(name, sizeof name, "downtime: %s", svc);
            S_measured(out, a, name, "downtime", hb, b->seconds, hc, c->seconds,
                       a->service_downtime_cost[i].value);
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
        if (!l)
            break;
        l->value = a->benefits[i].value;
        l->risk = roi_risk(a, l->name);
        l->baseline = l->current = l->baseline_annual = l->current_annual = l->unit = NAN;
    }
    double total = 0;
    for (size_t i = 0; i < out->nlines; i++) {
        roi_line_t *l = &out->lines[i];
        l->adjusted = l->value > 0 ? l->value * (1 - l->risk) : l->value; /* a loss stays whole */
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
    out->pv_benefits = roi_pv(a->discount_rate, out->benefits, (size_t)n + 1);
    out->pv_costs = roi_pv(a->discount_rate, out->costs, (size_t)n + 1);
    out->npv = out->pv_benefits - out->pv_costs;
    out->roi_pct = out->pv_costs > 0 ? 100.0 * out->npv / out->pv_costs : NAN;
    out->payback_months = roi_payback_months(out->benefits, out->costs, (size_t)n + 1);
    double flows[ROI_MAX_YEARS + 1];
    for (int t = 0; t <= n; t++)
        flows[t] = out->benefits[t] - out->costs[t];
    out->irr = roi_irr(flows, (size_t)n + 1);
}

typedef struct sens_work {
    roi_assumptions_t a;
    roi_amount_t scaled[ROI_MAX_YEARS * 8];
} sens_work_t;

static double S_npv_with(const roi_assumptions_t *a, const roi_measures_t *b,
                         const roi_measures_t *c)
{
    roi_result_t *r = malloc(sizeof *r);
    if (!r)
        return NAN;
    roi_evaluate(a, b, c, r);
    double npv = r->npv;
    free(r);
    return npv;
}

/* Scales a list of amounts into fresh storage (the assumptions stay untouched). */
static roi_amount_t *S_scale(const roi_amount_t *v, size_t n, double f)
{
    roi_amount_t *out = malloc((n ? n : 1) * sizeof *out);
    if (!out)
        return NULL;
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

size_t roi_sensitivity(const roi_assumptions_t *a, const roi_measures_t *b, const roi_measures_t *c,
                       roi_sensitivity_t *out, size_t max)
{
    size_t n = 0;
    const double f[2] = {0.8, 1.2};
    /* one assumption at a time: which field, and how to vary it */
    enum { DISCOUNT, DOWNTIME, INCIDENT, BREACH, INITIAL, ANNUAL, BENEFIT };
    size_t kinds = BENEFIT + a->nbenefits;
    for (size_t k = 0; k < kinds && n < max; k++) {
        double npv[2];
        const char *label = NULL;
        int applies = 1;
        for (int s = 0; s < 2; s++) {
            roi_assumptions_t v = *a;
            roi_amount_t *tmp = NULL, *tmp2 = NULL;
            switch (k) {
            case DISCOUNT:
                v.discount_rate *= f[s];
                label = "discount rate";
                break;
            case DOWNTIME:
                label = "downtime cost per hour";
                applies = !isnan(a->downtime_cost_per_hour) || a->nservice_downtime_cost;
                v.downtime_cost_per_hour *= f[s];
                v.service_downtime_cost = tmp =
                    S_scale(a->service_downtime_cost, a->nservice_downtime_cost, f[s]);
                break;
            case INCIDENT:
                label = "cost per incident";
                applies = !isnan(a->cost_per_incident);
                v.cost_per_incident *= f[s];
                break;
            case BREACH:
                label = "cost per breach";
                applies = !isnan(a->cost_per_breach);
                v.cost_per_breach *= f[s];
                break;
            case INITIAL:
                label = "initial costs";
                applies = a->ninitial > 0;
                v.initial = tmp = S_scale(a->initial, a->ninitial, f[s]);
                break;
            case ANNUAL:
                label = "annual costs";
                applies = a->nannual > 0;
                v.annual = tmp = S_scale(a->annual, a->nannual, f[s]);
                break;
            default: {
                size_t i = k - BENEFIT;
                label = a->benefits[i].name;
                v.benefits = tmp2 = S_scale(a->benefits, a->nbenefits, 1);
                if (tmp2)
                    tmp2[i].value *= f[s];
                break;
            }
            }
            npv[s] = applies ? S_npv_with(&v, b, c) : NAN;
            free(tmp);
            free(tmp2);
        }
        if (!applies)
            continue;
        out[n].assumption = label;
        out[n].npv_low = npv[0];
        out[n].npv_high = npv[1];
        n++;
    }
    if (n > 1)
        qsort(out, n, sizeof *out, S_cmp_swing);
    return n;
}
