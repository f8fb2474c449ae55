/*
 * roi — docs/metrics.md §12 as pure functions: benefit lines from measured values (annualised over
 * their periods), risk adjustment and ramp, yearly benefits and costs, PV, NPV, ROI %, payback in
 * months (interpolated) and IRR; scenarios and the sensitivity of NPV to ±20 % on each
 * assumption. No I/O.
 */
#ifndef ISO20K_ROI_H
#define ISO20K_ROI_H

#include <stddef.h>

#include "core/roi_config.h"
#include "metrics/metrics.h"

/* What a period measured, for the benefit lines. */
typedef struct roi_measures {
    double seconds;        /* |Q| (clipped to as-of); 365.25 days for annual numbers */
    double downtime_hours; /* all services in scope */
    const char **services; /* per-service downtime, for per-service unit values */
    double *service_hours;
    size_t nservices;
    double incidents; /* incidents opened */
    double breaches;  /* resolution breaches (docs/metrics.md §3) */
} roi_measures_t;

typedef struct roi_line {
    char *name;   /* "downtime", "downtime: ERP", "incidents", "breaches", or a benefit; owned */
    int measured; /* from data (else a named benefit) */
    double baseline, current; /* the measured values (hours or counts) */
    double baseline_annual, current_annual;
    double unit;  /* value per hour or per item */
    double value; /* the annual benefit before risk */
    double risk;
    double adjusted; /* after risk adjustment (a negative line is kept whole) */
} roi_line_t;

typedef struct roi_result {
    const char *scenario;
    int years;
    double benefits[ROI_MAX_YEARS + 1], costs[ROI_MAX_YEARS + 1]; /* t = 0 … N */
    double pv_benefits, pv_costs, npv;
    double roi_pct;        /* NAN when PV(costs) is 0 */
    double payback_months; /* NAN when not reached within the horizon */
    double irr;            /* NAN when the flows do not change sign */
    roi_line_t *lines;     /* every benefit line, measured then named; owned (roi_result_clear) */
    size_t nlines, caplines;
    /* a measured line has no value (the period's data cannot give it, docs/metrics.md §9): the
     * yearly benefits, PV of benefits, NPV, ROI, payback and IRR are NAN, the costs as computed */
    int incomplete;
} roi_result_t;

typedef struct roi_sensitivity {
    const char *assumption;
    double npv_low, npv_high; /* NPV with the assumption at −20 % and +20 % */
} roi_sensitivity_t;

/* Present value Σ x_t / (1 + r)^t, t = 0 … n−1. */
double roi_pv(double rate, const double *x, size_t n);
/* The rate at which the PV of the flows is 0, by bisection; NAN when there is none. */
double roi_irr(const double *flows, size_t n);
/* Months until the undiscounted cumulative cash flow reaches 0 (−C0 at month 0, then
 * (B_t − C_t)/12 each month of year t), interpolated; NAN when not within n−1 years. */
double roi_payback_months(const double *benefits, const double *costs, size_t n);
/* annual(x, Q) = x × 365.25 × 86400 / |Q| */
double roi_annual(double x, double seconds);

/*
 * Evaluates one set of assumptions against the baseline and current measures into *out, which
 * it overwrites (clear a result that holds lines first). Every benefit line is kept, however
 * many: free them with roi_result_clear.
 */
void roi_evaluate(const roi_assumptions_t *a, const roi_measures_t *baseline,
                  const roi_measures_t *current, roi_result_t *out);
/* Frees the lines of a result and empties it; out itself is the caller's. */
void roi_result_clear(roi_result_t *r);
/*
 * NPV at −20 % and +20 % of each assumption (discount rate, unit values, each named benefit,
 * initial and annual costs), sorted by the size of the swing: a new array of *n rows (all of
 * them), which the caller frees.
 */
roi_sensitivity_t *roi_sensitivity(const roi_assumptions_t *a, const roi_measures_t *baseline,
                                   const roi_measures_t *current, size_t *n);

/*
 * What a period measured for the benefit lines, from its metrics: its length clipped to as-of,
 * downtime hours overall and per service in scope, incidents opened and resolution breaches.
 * The per-service arrays are allocated (the names point into the config and the store); free
 * them with roi_measures_clear.
 */
void roi_measures_of(const metrics_t *m, roi_measures_t *out);
/* Frees the arrays of a roi_measures_of result and zeroes it. */
void roi_measures_clear(roi_measures_t *m);

/* The ROI of a run: each set of assumptions evaluated, and the sensitivities. */
typedef struct roi_outcome {
    roi_measures_t baseline, current;
    roi_result_t *results; /* [0] the base ("expected") assumptions, then each scenario */
    size_t nresults;
    roi_sensitivity_t *sensitivity;
    size_t nsensitivity;
} roi_outcome_t;

/*
 * Evaluates the base assumptions and each scenario of rc on the period's metrics against the
 * baseline period's (base), or, with base NULL, against roi.yaml's annual baseline numbers;
 * then the sensitivity of NPV. Free with roi_outcome_clear.
 */
void roi_compute(const roi_config_t *rc, const metrics_t *current, const metrics_t *base,
                 roi_outcome_t *out);
/* Frees what o holds and zeroes it; o itself is not freed. */
void roi_outcome_clear(roi_outcome_t *o);

#endif
