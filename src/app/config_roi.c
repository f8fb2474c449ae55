/*
 * config_roi — loads the ROI assumptions; see app/config_roi.h.
 */
#include "app/config_roi.h"

#include <errno.h>
#include <math.h>
#include <string.h>

#include "app/ydoc.h"

static status_t S_amounts(ydoc_t *ld, yaml_node_t *m, const char *what, roi_amount_t **out,
                          size_t *n, double lo)
{
    TRY(ydoc_check_keys(ld, m, what, NULL));
    *n = NPAIRS(m);
    *out = arena_alloc(ld->cfg->arena, (*n ? *n : 1) * sizeof(roi_amount_t));
    for (size_t i = 0; i < *n; i++) {
        (*out)[i].name = arena_strdup(ld->cfg->arena, KEY(ld, PAIRS(m)[i]));
        yaml_node_t *v = VAL(ld, PAIRS(m)[i]);
        TRY(ydoc_number(ld, v, (*out)[i].name, &(*out)[i].value));
        if ((*out)[i].value < lo)
            FAIL_AT(v, "%s must not be below %g", (*out)[i].name, lo);
    }
    return ST_OK;
}

static status_t S_fraction(ydoc_t *ld, yaml_node_t *v, const char *what, double *out)
{
    TRY(ydoc_number(ld, v, what, out));
    if (*out < 0 || *out > 1)
        FAIL_AT(v, "%s must be a fraction between 0 and 1, not %g", what, *out);
    return ST_OK;
}

/* `costs`: initial (year 0) and annual (years 1…N), each item named. */
static status_t S_costs(ydoc_t *ld, yaml_node_t *v, roi_assumptions_t *a)
{
    static const char *const ck[] = {"initial", "annual", NULL};
    TRY(ydoc_check_keys(ld, v, "costs", ck));
    for (size_t j = 0; j < NPAIRS(v); j++) {
        if (!strcmp(KEY(ld, PAIRS(v)[j]), "initial"))
            TRY(S_amounts(ld, VAL(ld, PAIRS(v)[j]), "initial costs", &a->initial, &a->ninitial, 0));
        else
            TRY(S_amounts(ld, VAL(ld, PAIRS(v)[j]), "annual costs", &a->annual, &a->nannual, 0));
    }
    return ST_OK;
}

/* `downtime_cost_per_hour`: one figure, or one per service of the catalogue (`default` for the
 * others). */
static status_t S_downtime_cost(ydoc_t *ld, const char *k, yaml_node_t *v, roi_assumptions_t *a)
{
    if (v->type == YAML_SCALAR_NODE) {
        TRY(ydoc_number(ld, v, k, &a->downtime_cost_per_hour));
        if (a->downtime_cost_per_hour < 0)
            FAIL_AT(v, "downtime_cost_per_hour must not be negative");
        return ST_OK;
    }
    TRY(S_amounts(ld, v, k, &a->service_downtime_cost, &a->nservice_downtime_cost, 0));
    size_t keep = 0;
    for (size_t j = 0; j < a->nservice_downtime_cost; j++) {
        const char *svc = a->service_downtime_cost[j].name;
        if (!strcmp(svc, "default")) {
            a->downtime_cost_per_hour = a->service_downtime_cost[j].value;
            continue;
        }
        if (!config_service(ld->cfg, svc))
            FAIL_AT(ydoc_node(ld, PAIRS(v)[j].key), "'%s' is not a service of the catalogue", svc);
        a->service_downtime_cost[keep++] = a->service_downtime_cost[j];
    }
    a->nservice_downtime_cost = keep;
    return ST_OK;
}

/* `risk_adjustment`: one fraction, or one per benefit line (`default` for the others). */
static status_t S_risk(ydoc_t *ld, const char *k, yaml_node_t *v, roi_assumptions_t *a)
{
    if (v->type == YAML_SCALAR_NODE)
        return S_fraction(ld, v, k, &a->risk_default);
    TRY(S_amounts(ld, v, k, &a->risk, &a->nrisk, 0));
    for (size_t j = 0; j < a->nrisk; j++) {
        if (a->risk[j].value > 1)
            FAIL_AT(VAL(ld, PAIRS(v)[j]), "a risk adjustment is a fraction between 0 and 1");
        if (!strcmp(a->risk[j].name, "default"))
            a->risk_default = a->risk[j].value;
    }
    return ST_OK;
}

/* `ramp`: the share of the full benefit reached in each year. */
static status_t S_ramp(ydoc_t *ld, yaml_node_t *v, roi_assumptions_t *a)
{
    TRY(ydoc_expect(ld, v, YAML_SEQUENCE_NODE, "ramp"));
    if (NITEMS(v) < 1 || NITEMS(v) > ROI_MAX_YEARS)
        FAIL_AT(v, "ramp needs one fraction per year of the horizon");
    for (size_t j = 0; j < ROI_MAX_YEARS; j++)
        a->ramp[j] = j < NITEMS(v) ? 0 : 1;
    for (size_t j = 0; j < NITEMS(v); j++)
        TRY(S_fraction(ld, ydoc_node(ld, ITEMS(v)[j]), "a ramp value", &a->ramp[j]));
    return ST_OK;
}

/* `baseline`: annual numbers for when the config names no baseline period. */
static status_t S_baseline(ydoc_t *ld, yaml_node_t *v, roi_assumptions_t *a)
{
    static const char *const bk[] = {"downtime_hours", "incidents", "breaches", NULL};
    TRY(ydoc_check_keys(ld, v, "baseline", bk));
    for (size_t j = 0; j < NPAIRS(v); j++) {
        const char *bkey = KEY(ld, PAIRS(v)[j]);
        double *dst = !strcmp(bkey, "downtime_hours") ? &a->baseline_downtime_hours
                      : !strcmp(bkey, "incidents")    ? &a->baseline_incidents
                                                      : &a->baseline_breaches;
        TRY(ydoc_number(ld, VAL(ld, PAIRS(v)[j]), bkey, dst));
        if (*dst < 0)
            FAIL_AT(VAL(ld, PAIRS(v)[j]), "%s must not be negative", bkey);
    }
    return ST_OK;
}

/* Applies the keys of mapping m to a (the base, or a copy for a scenario). */
static status_t S_roi_keys(ydoc_t *ld, yaml_node_t *m, roi_assumptions_t *a, int scenario,
                           yaml_node_t **ramp_node)
{
    static const char *const keys[] = {"horizon_years",
                                       "discount_rate",
                                       "currency",
                                       "costs",
                                       "downtime_cost_per_hour",
                                       "cost_per_incident",
                                       "cost_per_breach",
                                       "benefits",
                                       "risk_adjustment",
                                       "ramp",
                                       "baseline",
                                       "scenarios",
                                       NULL};
    TRY(ydoc_check_keys(ld, m, scenario ? "a scenario" : "the ROI assumptions", keys));
    for (size_t i = 0; i < NPAIRS(m); i++) {
        const char *k = KEY(ld, PAIRS(m)[i]);
        yaml_node_t *v = VAL(ld, PAIRS(m)[i]);
        if (!strcmp(k, "horizon_years")) {
            long h;
            TRY(ydoc_integer(ld, v, k, 1, ROI_MAX_YEARS, &h));
            a->horizon_years = (int)h;
        } else if (!strcmp(k, "discount_rate")) {
            TRY(ydoc_number(ld, v, k, &a->discount_rate));
            if (a->discount_rate < 0 || a->discount_rate >= 1)
                FAIL_AT(v, "discount_rate must be at least 0 and below 1 (0.10 for 10 %%), not %g",
                        a->discount_rate);
        } else if (!strcmp(k, "currency")) {
            TRY(ydoc_name(ld, v, k, &a->currency));
        } else if (!strcmp(k, "costs")) {
            TRY(S_costs(ld, v, a));
        } else if (!strcmp(k, "downtime_cost_per_hour")) {
            TRY(S_downtime_cost(ld, k, v, a));
        } else if (!strcmp(k, "cost_per_incident") || !strcmp(k, "cost_per_breach")) {
            double *dst =
                !strcmp(k, "cost_per_incident") ? &a->cost_per_incident : &a->cost_per_breach;
            TRY(ydoc_number(ld, v, k, dst));
            if (*dst < 0)
                FAIL_AT(v, "%s must not be negative", k);
        } else if (!strcmp(k, "benefits")) {
            TRY(S_amounts(ld, v, "benefits", &a->benefits, &a->nbenefits, -1e15));
        } else if (!strcmp(k, "risk_adjustment")) {
            TRY(S_risk(ld, k, v, a));
        } else if (!strcmp(k, "ramp")) {
            TRY(S_ramp(ld, v, a));
            *ramp_node = v;
        } else if (!strcmp(k, "baseline")) {
            TRY(S_baseline(ld, v, a));
        } else if (!strcmp(k, "scenarios") && scenario) {
            FAIL_AT(ydoc_node(ld, PAIRS(m)[i].key), "a scenario cannot hold scenarios");
        }
    }
    return ST_OK;
}

static status_t S_roi_check_ramp(ydoc_t *ld, const roi_assumptions_t *a, yaml_node_t *ramp_node,
                                 yaml_node_t *where)
{
    if (ramp_node && NITEMS(ramp_node) != (size_t)a->horizon_years)
        FAIL_AT(ramp_node, "ramp has %zu values but the horizon is %d years", NITEMS(ramp_node),
                a->horizon_years);
    (void)where;
    return ST_OK;
}

static status_t S_roi_fn(ydoc_t *ld, yaml_node_t *root, void *out)
{
    roi_config_t *rc = out;
    roi_assumptions_t *a = &rc->base;
    memset(a, 0, sizeof *a);
    a->name = "expected";
    a->horizon_years = 3;
    a->discount_rate = 0.10;
    a->currency = "EUR";
    a->downtime_cost_per_hour = a->cost_per_incident = a->cost_per_breach = NAN;
    a->risk_default = 0.10;
    for (int t = 0; t < ROI_MAX_YEARS; t++)
        a->ramp[t] = 1;
    a->baseline_downtime_hours = a->baseline_incidents = a->baseline_breaches = NAN;
    TRY(ydoc_expect(ld, root, YAML_MAPPING_NODE, "the ROI assumptions"));
    yaml_node_t *ramp_node = NULL;
    TRY(S_roi_keys(ld, root, a, 0, &ramp_node));
    TRY(S_roi_check_ramp(ld, a, ramp_node, root));
    for (size_t i = 0; i < NPAIRS(root); i++) {
        if (strcmp(KEY(ld, PAIRS(root)[i]), "scenarios") != 0)
            continue;
        yaml_node_t *sc = VAL(ld, PAIRS(root)[i]);
        TRY(ydoc_check_keys(ld, sc, "scenarios", NULL));
        rc->nscenarios = NPAIRS(sc);
        rc->scenarios = arena_alloc(ld->cfg->arena, (rc->nscenarios ? rc->nscenarios : 1) *
                                                        sizeof(roi_assumptions_t));
        for (size_t j = 0; j < rc->nscenarios; j++) {
            roi_assumptions_t *s = &rc->scenarios[j];
            *s = *a; /* a scenario overrides what it names and keeps the rest */
            s->name = arena_strdup(ld->cfg->arena, KEY(ld, PAIRS(sc)[j]));
            yaml_node_t *sramp = NULL;
            TRY(S_roi_keys(ld, VAL(ld, PAIRS(sc)[j]), s, 1, &sramp));
            TRY(S_roi_check_ramp(ld, s, sramp ? sramp : ramp_node, VAL(ld, PAIRS(sc)[j])));
        }
    }
    return ST_OK;
}

status_t config_roi_load(config_t *cfg, diag_t *d)
{
    cfg->roi_model = arena_alloc(cfg->arena, sizeof(roi_config_t));
    return ydoc_load_file(cfg, cfg->roi, cfg->roi_mark, "ROI assumptions", S_roi_fn, cfg->roi_model,
                          d);
}
