/*
 * registers (metrics) — the figures of the review registers for a period (docs/metrics.md §14),
 * each row's state at the period's end (exists, closed, open, overdue, age, risk rating), and what
 * the review covers (docs/metrics.md §14): fourteen inputs, each measured, declared or missing,
 * with the sources that gave it. Pure: it reads the records of input/registers.h and the config.
 */
#ifndef ISO20K_METRICS_REGISTERS_H
#define ISO20K_METRICS_REGISTERS_H

#include "core/config.h"
#include "input/registers.h"
#include "input/tz.h"
#include "metrics/metrics.h"

/* The span the figures are taken over, in local wall-clock seconds of the report's zone (the
 * registers' dates are local days): P's start, `end` = min(end, as-of) (a date at or after it
 * has not happened yet), and the instant twelve calendar months before `end`. */
typedef struct reg_span {
    int64_t start, end, year_ago;
} reg_span_t;

/* The span of period p in zone tz. */
reg_span_t registers_span(const metrics_period_t *p, const tz_t *tz);
/* Day d lies before end / within P / within the twelve months before end (REG_NO_DATE: no). */
int registers_before_end(int64_t d, const reg_span_t *sp);
int registers_in_period(int64_t d, const reg_span_t *sp);
int registers_in_year(int64_t d, const reg_span_t *sp);
/* A `period` cell lies within P (its first day at or after P's start, its end at or before
 * `end`). */
int registers_period_within(const reg_period_t *p, const reg_span_t *sp);
/* A supplier measure met its target: actual at or below it when lower is better, else at or
 * above it. */
int registers_measure_met(const reg_measure_t *m);

/* An item's state at the end of the span (docs/metrics.md §14). */
typedef struct reg_state {
    int exists;  /* raised (received, date) empty or before end */
    int closed;  /* its closed date before end, or no closed date and a closing status */
    int open;    /* exists and not closed */
    int overdue; /* open, with its due date before end */
    long age;    /* whole days from raised to its closed date (closed) or to end (open);
                    -1: unknown (no raised date, or closed by its status alone) */
} reg_state_t;

/* The state of an item raised on `raised`, due on `due`, closed on `closed` (each REG_NO_DATE
 * when empty) whose status is a closing one (`closing`). */
reg_state_t registers_state(int64_t raised, int64_t due, int64_t closed, int closing,
                            const reg_span_t *sp);
/* The states of one record of each register (closing statuses as docs/metrics.md §14 lists them).
 */
reg_state_t registers_action_state(const reg_action_t *a, const reg_span_t *sp);
reg_state_t registers_nc_state(const reg_nonconformity_t *n, const reg_span_t *sp);
reg_state_t registers_finding_state(const reg_finding_t *f, const reg_span_t *sp);
reg_state_t registers_complaint_state(const reg_complaint_t *c, const reg_span_t *sp);
reg_state_t registers_risk_state(const reg_risk_t *k, const reg_span_t *sp);
reg_state_t registers_improvement_state(const reg_improvement_t *m, const reg_span_t *sp);

/* Risk rating bands. */
enum { BAND_LOW, BAND_MEDIUM, BAND_HIGH };
extern const char *const band_names[3]; /* "low", "medium", "high" */
/* The band of a rating (likelihood × impact) under the config's risk_levels. */
int registers_band(const config_t *cfg, int rating);

/* A count under a name (a service of the complaints, "(none)" for an empty cell). */
typedef struct reg_count {
    const char *name;
    size_t count;
} reg_count_t;

/* The key of the count of empty cells in a vocabulary's object. */
#define REG_NONE_KEY "(none)"

typedef struct supplier_score {
    const char *supplier;
    size_t measures, met; /* rows whose period lies within P; those on target */
    double met_pct;       /* NAN without a measure */
} supplier_score_t;

typedef struct capacity_figure {
    const reg_capacity_t *row; /* the latest period within P of this service and resource */
    double utilisation_pct;
    int over_threshold;
} capacity_figure_t;

typedef struct register_figures {
    int read[REG_COUNT]; /* the register was given and read: its figures below are computed */
    struct {
        size_t open_end, overdue, done;
        size_t by_source[ASRC_COUNT + 1]; /* open at end by source; the last: no source */
    } actions;
    struct {
        size_t raised, closed, open_end, overdue, major_open, ineffective;
        size_t verified;      /* closed in the twelve months before end with effective yes or no */
        double effective_pct; /* NAN when none is verified */
    } nonconformities;
    struct {
        size_t audits;                    /* distinct audits dated in P */
        size_t findings[GRADE_COUNT + 1]; /* findings of audits dated in P; the last: ungraded */
        size_t open_findings_end;
    } audits;
    struct {
        size_t received, upheld, open_end;
        reg_count_t *by_service; /* received in P: the catalogue's services, others by name, then
                                    REG_NONE_KEY; owned */
        size_t nby_service;
    } complaints;
    supplier_score_t *suppliers; /* every supplier of the register, by name; owned */
    size_t nsuppliers;
    struct {
        size_t high, medium, low, untreated, review_overdue, opportunities;
        size_t matrix[5][5]; /* open risks by [likelihood - 1][impact - 1] */
    } risks;
    struct {
        size_t raised, done, open_end, overdue;
    } improvements;
    capacity_figure_t *capacity; /* per service and resource with a figure in P, by service then
                                    resource; owned */
    size_t ncapacity;
    size_t capacity_pairs; /* the register's service and resource pairs, with a figure or not */
    const reg_context_t **context; /* entries dated in P, oldest first; owned (the array) */
    size_t ncontext;
} register_figures_t;

/* Computes the figures of every register read; free with register_figures_clear. */
void registers_compute(const config_t *cfg, const registers_t *regs, const reg_span_t *sp,
                       register_figures_t *out);
/* Frees what f holds and empties it (f is the caller's). */
void register_figures_clear(register_figures_t *f);

/* ---- what the review covers (docs/metrics.md §14) ---- */

typedef enum {
    INPUT_ACTIONS = 0,
    INPUT_ISSUES,
    INPUT_INTERESTED_PARTIES,
    INPUT_POLICIES,
    INPUT_OBJECTIVES,
    INPUT_NONCONFORMITIES,
    INPUT_MONITORING,
    INPUT_AUDITS,
    INPUT_CUSTOMER_FEEDBACK,
    INPUT_SUPPLIERS,
    INPUT_SERVICE_PERFORMANCE,
    INPUT_RESOURCES,
    INPUT_RISKS,
    INPUT_IMPROVEMENTS,
    INPUT_COUNT
} review_input_id_t;
extern const char *const review_input_names[INPUT_COUNT]; /* "actions", "issues", … */

typedef enum { INPUT_MISSING = 0, INPUT_DECLARED, INPUT_MEASURED } review_input_status_t;
extern const char *const review_input_status_names[3]; /* "missing", "declared", "measured" */

typedef struct review_input {
    int status;             /* review_input_status_t */
    const char *sources[4]; /* register names, or "tickets", "outages", "surveys" */
    size_t nsources;
} review_input_t;

/* What the period's tickets, outages and surveys measured: the caller decides it from the
 * data's coverage of the period and the metrics (app/run.c, docs/metrics.md §9). */
typedef struct review_measured {
    int period_covered;            /* P is covered or partial (docs/metrics.md §9) */
    int availability_measured;     /* docs/metrics.md §9's rule */
    int attainment_known;          /* a response or resolution attainment is not null */
    size_t responses;              /* satisfaction.responses */
    int tickets, outages, surveys; /* the inputs hold records of that kind */
} review_measured_t;

/* The fourteen inputs in docs/metrics.md §14's order. */
void registers_review_inputs(const registers_t *regs, const reg_span_t *sp,
                             const review_measured_t *m, review_input_t out[INPUT_COUNT]);

#endif
