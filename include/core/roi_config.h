/*
 * roi_config — the ROI assumptions of docs/metrics.md §12 (`roi.yaml`) as plain data: horizon,
 * discount rate, currency, named costs, unit values, named benefits, risk adjustments, ramp, annual
 * baseline numbers and scenarios that override any of them. Loaded by app/config_roi.c,
 * evaluated by metrics/roi.c.
 */
#ifndef ISO20K_ROI_CONFIG_H
#define ISO20K_ROI_CONFIG_H

#include <stddef.h>

#define ROI_MAX_YEARS 10

typedef struct roi_amount {
    const char *name;
    double value;
} roi_amount_t;

typedef struct roi_assumptions {
    const char *name;  /* "expected" for the base, else the scenario's name */
    int horizon_years; /* N, 1..ROI_MAX_YEARS */
    double discount_rate;
    const char *currency;
    roi_amount_t *initial; /* year-0 costs */
    size_t ninitial;
    roi_amount_t *annual; /* yearly costs, years 1..N */
    size_t nannual;
    double downtime_cost_per_hour;       /* the default for every service; NAN: not valued */
    roi_amount_t *service_downtime_cost; /* per service */
    size_t nservice_downtime_cost;
    double cost_per_incident; /* NAN: not valued */
    double cost_per_breach;
    roi_amount_t *benefits; /* other named annual benefits */
    size_t nbenefits;
    roi_amount_t *risk; /* risk adjustment per benefit line name */
    size_t nrisk;
    double risk_default;        /* 0.10 */
    double ramp[ROI_MAX_YEARS]; /* fraction of the full benefit reached in year t (t-1) */
    /* annual baseline numbers, used when the config names no baseline period */
    double baseline_downtime_hours, baseline_incidents, baseline_breaches; /* NAN: not given */
} roi_assumptions_t;

typedef struct roi_config {
    roi_assumptions_t base;
    roi_assumptions_t *scenarios; /* each a full copy with its overrides */
    size_t nscenarios;
} roi_config_t;

/* The risk adjustment of a benefit line (its own, else the default). */
double roi_risk(const roi_assumptions_t *a, const char *line);

#endif
