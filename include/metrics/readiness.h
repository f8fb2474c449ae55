/*
 * readiness — docs/metrics.md §11 over a self-assessment: clause scores at every level, overall
 * readiness, coverage, the gap register, the stage 1 and stage 2 verdicts with their reasons item
 * by item, and the evidence the period's data gives (each check's measured fact, pass or fail, and
 * the items whose self-assessed score of 3 or more it contradicts). Pure: no I/O.
 */
#ifndef ISO20K_READINESS_H
#define ISO20K_READINESS_H

#include "core/assessment.h"
#include "core/config.h"
#include "input/registers.h"
#include "metrics/metrics.h"

/* Service reports are "produced for consecutive periods" when at least this many are in a row. */
#define READINESS_REPORTS_IN_A_ROW 3
/* Satisfaction is "measured" on at least this many responses. */
#define READINESS_MIN_RESPONSES 30
/* Records are "recorded with" a field when at least this share of them has it. */
#define READINESS_RECORDED_PCT 95.0

/* A check's outcome. */
enum {
    CHECK_NOT_CHECKED = -1, /* its source (data or register) is absent, or the data does not
                             * cover the period */
    CHECK_FAIL = 0,
    CHECK_PASS = 1
};

typedef struct readiness_check {
    int passed;     /* CHECK_PASS, CHECK_FAIL or CHECK_NOT_CHECKED (blocks nothing) */
    double value;   /* the measured figure the check judges (NAN: none) */
    char fact[256]; /* the measured fact, in words */
} readiness_check_t;

typedef struct readiness_clause {
    const char *clause, *title;
    int depth;        /* 0 for 4..10 */
    double score_pct; /* NAN: nothing assessed beneath */
    size_t items, assessed;
} readiness_clause_t;

typedef struct readiness_gap {
    size_t item; /* index into the catalogue's items */
    int score;
    int major;
    int no_evidence; /* the reason: 1 "no evidence named" (a required item), 0 "score" */
} readiness_gap_t;

/* A gap's reason in the JSON's words: "score" or "no evidence named". */
const char *readiness_gap_reason(const readiness_gap_t *g);
/* Whether an item names its evidence: a reference that is not empty or blank. */
int readiness_has_evidence(const assessment_entry_t *e);

typedef struct readiness_result {
    double overall_pct; /* NAN: nothing assessed */
    double coverage_pct;
    size_t assessed, nitems;
    int stage1_ready, stage2_ready;
    readiness_clause_t *clauses; /* catalogue order; owned */
    size_t nclauses;
    readiness_gap_t *gaps; /* major first, then by item id; owned */
    size_t ngaps, nmajor;
    char **stage1_reasons; /* why stage 1 is not ready, item by item; owned */
    size_t nstage1_reasons;
    char **stage2_reasons; /* the further reasons for stage 2 */
    size_t nstage2_reasons;
    int have_checks;
    readiness_check_t checks[CHECK_COUNT];
    int *contradicted; /* per item: 1 when a failed check (its source given, covering the
                        * period) contradicts a score >= 3 */
    size_t ncontradicted;
} readiness_result_t;

/* What the data checks read besides the metrics: the spans of the reports already produced
 * (the history file's periods, any order), the review registers (NULL: none) and the report's
 * zone (for the registers' dates). */
typedef struct readiness_data {
    const config_t *cfg;
    const store_t *store;
    const metrics_t *metrics;
    const ts_t (*reports)[2];
    size_t nreports;
    const registers_t *registers;
    const tz_t *tz;
} readiness_data_t;

/* Runs every data check for the period of `data->metrics`: a check whose source is absent
 * (no outage data, no survey source, no change or problem record, no ticket) or whose period
 * the data does not cover is CHECK_NOT_CHECKED. */
void readiness_checks(const readiness_data_t *data, readiness_check_t out[CHECK_COUNT]);
/*
 * Scores an assessment (docs/metrics.md §11). `checks` may be NULL (no data evidence). Returns the
 * result in *out; free with readiness_clear.
 */
void readiness_score(const assessment_t *a, const readiness_check_t *checks,
                     readiness_result_t *out);
/* Frees what r holds and empties it; r itself is the caller's. */
void readiness_clear(readiness_result_t *r);
/* A clause score rounded as the JSON shows it (two decimals, half away from zero). */
double readiness_round(double pct);

#endif
