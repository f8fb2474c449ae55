/*
 * run — one run of `pack`, `metrics` or `check` as a sequence of phases over a run_t that owns
 * everything the run allocates: load the config, resolve the period, lock the output directory,
 * read the sources, load the history, plan the periods, compute the metrics, build the report,
 * render, write the outputs, record the period in the history.
 *
 * Nothing here prints or picks an exit code: each phase returns a status with a diagnostic, and
 * the command layer (app/cli.c) calls the phases in order, reports between them and maps the
 * statuses to exit codes. The end of a phase that -v times (rendering each format) is told to
 * the `on_phase` callback.
 */
#ifndef ISO20K_RUN_H
#define ISO20K_RUN_H

#include "app/history.h"
#include "app/outfile.h"
#include "core/config.h"
#include "core/diag.h"
#include "input/store.h"
#include "input/tz.h"
#include "metrics/metrics.h"
#include "metrics/period.h"
#include "input/registers.h"
#include "metrics/readiness.h"
#include "metrics/registers.h"
#include "metrics/roi.h"
#include "metrics/trend.h"
#include "report/report.h"

typedef enum { RUN_PACK, RUN_METRICS, RUN_CHECK } run_command_t;

/* Output formats (run_options_t.formats). */
enum { RUN_PDF = 1, RUN_XLSX = 2, RUN_JSON = 4, RUN_CSV = 8 };

/* What the command line asked for. The strings must outlive the run. */
typedef struct run_options {
    run_command_t command;
    const char *config; /* the review config */
    const char *period; /* -p, or NULL for the config's period */
    const char *outdir; /* -o, or NULL for the config's output.dir */
    const char *as_of;  /* --as-of, or NULL (SOURCE_DATE_EPOCH, else the clock) */
    int formats;   /* RUN_PDF | RUN_XLSX | RUN_JSON for pack; RUN_JSON or RUN_CSV for metrics */
    int readiness; /* pack --kind readiness */
    int has_sample_seed; /* --sample-seed N given */
    uint64_t sample_seed;
} run_options_t;

/* Told the end of a phase that has a name of its own ("rendered the PDF"). */
typedef void (*run_phase_fn)(void *ctx, const char *what);

/* One output file of a pack: rendered into tmp_path, then renamed to final_path. */
typedef struct run_file {
    char *final_path;
    char *tmp_path;
    int committed;
} run_file_t;

/* A run. The command layer reads the fields; only the phases write them. The fields are grouped
 * as run_free releases them: what the run read, what the metrics computed, what the report was
 * built of, and the output directory's files and lock. The arrays marked (arena) live in the
 * run's arena until run_free. */
typedef struct run {
    run_options_t opt;
    run_phase_fn on_phase;
    void *ctx;
    arena_t *arena;
    /* read */
    config_t *cfg;
    tz_t *tz;
    const char *outdir; /* -o, else the config's output.dir */
    ts_t as_of;
    period_t period;
    store_t *store; /* every source's records and data-quality figures (the registers' too) */
    registers_t *registers; /* the review registers' records (docs/configuration.md §14) */
    int data_error;         /* a source could not be parsed (exit 65) */
    int over_limit;         /* a source rejected more than quality.max_rejected_pct (exit 65) */
    history_t history;
    ts_t (*report_spans)[2]; /* the history's periods, for the readiness checks (arena) */
    /* computed */
    coverage_report_t coverage; /* the data's coverage of P, overall and per source */
    metrics_period_t *jobs;     /* the periods to compute: P, the ROI baseline, the trend (arena) */
    size_t njobs, base_job;
    period_t baseline_period; /* the ROI baseline period (config `baseline`), when base_job */
    trend_t trend;
    metrics_t *metrics;  /* P's */
    metrics_t *baseline; /* the ROI baseline period's, or NULL */
    metrics_t *previous; /* the previous period's, when computed from the inputs, or NULL */
    /* built */
    readiness_check_t checks[CHECK_COUNT];
    readiness_check_t *trend_checks; /* ntrend × CHECK_COUNT (arena), or NULL without readiness */
    readiness_result_t readiness;
    reg_span_t reg_span;            /* P for the registers: local, end = min(end, as-of) */
    register_figures_t reg_figures; /* docs/metrics.md §14 */
    review_input_t review_inputs[INPUT_COUNT]; /* docs/metrics.md §14 */
    roi_outcome_t roi;
    report_t *report;
    /* the output directory */
    int lock; /* its lock (pack), -1 when not held */
    /* what interrupted runs left in it, and what became of it */
    outfile_swept_t swept;
    run_file_t files[4]; /* the PDF, the workbook, the JSON and history.csv, one set */
    size_t nfiles;
} run_t;

/* A new run of o (copied); on_phase (may be NULL) is called with ctx. Free with run_free. */
run_t *run_new(const run_options_t *o, run_phase_fn on_phase, void *ctx);
/* Removes the pack's uncommitted temporaries, releases the lock and frees everything;
 * run_free(NULL) is a no-op. */
void run_free(run_t *r);

/* Loads the config and its time zone. ST_NOINPUT / ST_CONFIG. */
status_t run_load_config(run_t *r, diag_t *d);
/* Fixes "now" (--as-of, SOURCE_DATE_EPOCH or the clock) and the period P (-p or the config's).
 * ST_USAGE with the message of the command-line error. */
status_t run_resolve_period(run_t *r, diag_t *d);
/* pack: creates the output directory, takes its lock for the whole run (ST_LOCKED when another
 * run holds it) and sweeps the temporaries of interrupted runs. */
status_t run_lock_output(run_t *r, diag_t *d);
/* Reads source i (in config order, 0 first) into the store. ST_DATA when the file cannot be
 * parsed (the run goes on; data_error is set); any other failure stops the run. */
status_t run_read_source(run_t *r, size_t i, diag_t *d);
/* Reads register k (when the config names it) into the registers, its rows logged in the store
 * after the sources'. ST_DATA when the file lacks a required column (the run goes on without
 * the register; data_error is set) or is not a table (quality.unreadable: the run stops); any
 * other failure stops the run. */
status_t run_read_register(run_t *r, register_kind_t k, diag_t *d);
/* 1 with the message in d when source i rejected more rows than quality.max_rejected_pct
 * (over_limit is set), else 0; never for a register, whose rejections have no limit. */
int run_check_rejections(run_t *r, size_t i, diag_t *d);
/* Reads the output directory's history file (its problems are in history.problems). */
void run_load_history(run_t *r);
/* Judges the data's coverage of P (metrics/coverage.c), then chooses the periods to compute: P,
 * the ROI baseline and the trend periods (metrics/trend.c). */
void run_plan_periods(run_t *r);
/* The data does not cover P at all (docs/metrics.md §9): the run's figures are null and it
 * exits 65. */
int run_not_covered(const run_t *r);
/* Computes them together, fills the trend and, with readiness, each trend period's checks. */
void run_compute_metrics(run_t *r);
/* The ROI, the readiness score and the report model. */
void run_build_report(run_t *r);
/* metrics: the JSON or the KPI CSV. */
void run_render_metrics(const run_t *r, strbuf_t *out);
/* pack: renders each format into a temporary file beside its target. */
status_t run_render(run_t *r, diag_t *d);
/* pack: P's trend row put in the history and history.csv rendered into a temporary, to be
 * replaced with the pack's files: only for a review pack computed from the inputs whose run exits
 * 0 (no source unreadable or over the rejection limit) and whose data covers P at least partly;
 * a partial row never replaces a covered one (README.md "Where the outputs land"). */
status_t run_record_history(run_t *r, diag_t *d);
/* pack: the rendered files and history.csv replace the previous ones as one set (outfile_set);
 * on a failure none is replaced (ST_CANTCREATE or ST_IOERR). */
status_t run_write_outputs(run_t *r, diag_t *d);

#endif
