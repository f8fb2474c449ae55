/*
 * kpi — the one table of the KPIs: for each its JSON key (also its name in the KPI CSV, the
 * history file and `targets.<key>` of the config), its label in the pack, the population it
 * counts in the user's words, its unit, its display precision, its rounding in the JSON, which
 * way is better, where the pack details it, its place in a trend row and in the KPI CSV, and how
 * to fetch its value and its denominator n from the metrics.
 *
 * The executive summary, the trend table, the workbook's Summary and Trends sheets (which show
 * those tables), the JSON's `kpis` list and the KPI CSV, the history file, the JSON's trend,
 * previous and delta keys and the config's `targets` all iterate over it, and every one of them
 * takes a KPI's status (docs/metrics.md §9) from kpi_status. Adding a KPI is a row here plus its
 * computation.
 *
 * The table also holds measures shown beside the KPIs (cancelled tickets, response and
 * resolution times, ...): they carry no KPI_LISTED flag.
 */
#ifndef ISO20K_KPI_H
#define ISO20K_KPI_H

#include "core/config.h"
#include "metrics/metrics.h"
#include "metrics/readiness.h"

/* The rows of the table, in its order. The KPI_LISTED ones are the 13 KPIs of
 * docs/iso20k.schema.json's `kpis` list, in that list's order. */
typedef enum {
    KPI_AVAILABILITY,     /* availability_pct: overall, AST-weighted (docs/metrics.md §5) */
    KPI_RESPONSE,         /* response_attainment_pct */
    KPI_RESOLUTION,       /* resolution_attainment_pct */
    KPI_CSAT,             /* csat_pct */
    KPI_CSAT_MEAN,        /* csat_mean (a measure) */
    KPI_NPS,              /* nps */
    KPI_RESPONSE_RATE,    /* response_rate_pct (a measure) */
    KPI_REOPEN,           /* reopen_rate_pct */
    KPI_FIRST_ASSIGNMENT, /* first_assignment_resolution_pct */
    KPI_CHANGE_SUCCESS,   /* change_success_pct */
    KPI_EMERGENCY_CHANGE, /* emergency_change_pct */
    KPI_OPENED,           /* opened */
    KPI_RESOLVED,         /* resolved */
    KPI_BACKLOG,          /* backlog_end */
    KPI_READINESS,        /* readiness_pct (from the readiness result) */
    KPI_CANCELLED,        /* the measures of the KPI CSV */
    KPI_OPEN_BREACHED,
    KPI_NO_TARGET,
    KPI_RESPONSE_MEDIAN,
    KPI_RESPONSE_P90,
    KPI_RESOLUTION_MEDIAN,
    KPI_RESOLUTION_P90,
    KPI_COUNT
} kpi_id_t;

typedef enum { KPI_UNIT_PERCENT, KPI_UNIT_COUNT, KPI_UNIT_SCORE, KPI_UNIT_MINUTES } kpi_unit_t;

/* Where the pack details a KPI (the report maps it to a section). */
typedef enum {
    KPI_AREA_AVAILABILITY,
    KPI_AREA_TICKETS, /* volumes, SLA and times: incidents and requests */
    KPI_AREA_SATISFACTION,
    KPI_AREA_EFFICIENCY, /* changes and problems */
    KPI_AREA_READINESS
} kpi_area_t;

/* Flags of a row. */
enum {
    KPI_LISTED =
        1, /* one of the KPIs of docs/iso20k.schema.json (else a measure the KPI CSV lists) */
    KPI_SUMMARY = 2, /* a row of the executive summary */
    KPI_TARGET = 4,  /* may carry a target: targets.<key> in the config */
};

typedef struct kpi {
    const char *key;        /* JSON key; KPI CSV, history and targets name */
    const char *label;      /* its name in the pack: "Response SLA attainment" */
    const char *population; /* what it counts, in the user's words */
    kpi_unit_t unit;
    int decimals;        /* display precision in the PDF and the workbook */
    int json_decimals;   /* rounding in the JSON and the KPI CSV */
    int lower_is_better; /* direction (the config's target may say otherwise for its marks) */
    int flags;
    kpi_area_t area;
    int trend; /* its column in a trend row (docs/metrics.md §8), -1: not a trend KPI */
    const char *trend_header; /* its column header in the trend table */
    /* its value; rr is the readiness result (NULL when no self-assessment is configured) */
    double (*value)(const metrics_t *m, const readiness_result_t *rr);
    /* its denominator n (docs/metrics.md §9); NULL where n is null (availability, readiness,
     * counts) */
    double (*n)(const metrics_t *m);
} kpi_t;

extern const kpi_t kpi_table[KPI_COUNT];

/* The trend KPIs: how many there are, and the one in column `col` of a trend row. */
size_t kpi_trend_count(void);
kpi_id_t kpi_trend_at(size_t col);
/* The row with this key, or -1. */
int kpi_by_key(const char *key);

/* A KPI's value (NAN where not computable, or where its source is absent). */
double kpi_value(kpi_id_t k, const metrics_t *m, const readiness_result_t *rr);
/* Its denominator n (NAN where n is null). */
double kpi_n(kpi_id_t k, const metrics_t *m);
/* Whether its source is there: readiness_pct needs a readiness result. */
int kpi_available(kpi_id_t k, const readiness_result_t *rr);
/* Its target from the config (targets.<key>), or NULL. */
const cfg_kpi_target_t *kpi_target(kpi_id_t k, const config_t *cfg);

/* A KPI's status (docs/metrics.md §9), the first that applies, in this order. */
typedef enum {
    KPI_ST_NO_DATA,      /* no value, or P not covered by the data */
    KPI_ST_SMALL_SAMPLE, /* a share from fewer observations than quality.min_sample */
    KPI_ST_NO_TARGET,    /* no targets.<key> (counts never have one) */
    KPI_ST_GREEN,
    KPI_ST_AMBER,
    KPI_ST_RED,
    KPI_ST_COUNT
} kpi_status_t;
/* "no_data", "small_sample", "no_target", "green", "amber", "red" (the JSON's words). */
extern const char *const kpi_status_names[KPI_ST_COUNT];
/*
 * The status of a value with sample size n (NAN: a measurement, never a small sample) against
 * target t (NULL: none), judged on the unrounded value: green at or beyond the target, amber
 * between the target and t->amber (when given), red beyond; lower_is_better turns the
 * comparisons round. The same rule serves a KPI, a service's availability (t built from its
 * catalogue target) and a per-service, group or priority share.
 */
kpi_status_t kpi_judge(double value, double n, size_t min_sample, const cfg_kpi_target_t *t);
/* The status of KPI k for the period of m: no_data when P is not covered (readiness_pct
 * excepted, which does not come from the period's data), else kpi_judge of its value, its n,
 * quality.min_sample and targets.<key>. */
kpi_status_t kpi_status(kpi_id_t k, const metrics_t *m, const readiness_result_t *rr,
                        const config_t *cfg);

/* The trend KPIs of a period (docs/metrics.md §8), by KPI; NAN where null or not a trend KPI. n is
 * each share's sample (docs/metrics.md §9) when the period was computed from the inputs, NAN
 * otherwise (the history file keeps values only). */
typedef struct trend_kpis {
    double value[KPI_COUNT];
    double n[KPI_COUNT];
} trend_kpis_t;

/* Every KPI null. */
void kpi_trend_none(trend_kpis_t *out);
/* The trend KPIs of a computed result. */
void kpi_trend_values(const metrics_t *m, trend_kpis_t *out);

#endif
