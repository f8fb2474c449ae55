/*
 * report — the format-neutral model every renderer walks: a cover, then sections in the order
 * of README.md "The pack", each a list of blocks (paragraphs, tables of typed cells with
 * red/amber/green marks, chart specs). Numbers are computed once, in metrics; this module only
 * selects and arranges them. The JSON renderer reads the same facts (report.facts) directly.
 */
#ifndef ISO20K_REPORT_H
#define ISO20K_REPORT_H

#include "core/config.h"
#include "input/store.h"
#include "input/tz.h"
#include "metrics/coverage.h"
#include "metrics/kpi.h"
#include "metrics/metrics.h"
#include "metrics/readiness.h"
#include "metrics/registers.h"
#include "metrics/roi.h"
#include "metrics/trend.h"

typedef enum { RAG_NONE = 0, RAG_GREEN, RAG_AMBER, RAG_RED } rag_t;
extern const char *const rag_names[4];

typedef enum {
    CELL_EMPTY = 0, /* shown as "n/a" where a number was expected */
    CELL_TEXT,
    CELL_INT,
    CELL_NUMBER,  /* plain number with `decimals` places */
    CELL_PERCENT, /* a percentage 0–100 */
    CELL_MINUTES, /* a duration in minutes */
    CELL_DELTA    /* a signed change, with `decimals` places */
} cell_type_t;

typedef struct report_cell {
    cell_type_t type;
    const char *text; /* CELL_TEXT; for a number, an optional display form (e.g. "▲ +1.2") */
    double number;    /* NAN: not computable */
    int decimals;
    rag_t rag;
    /* When the mark comes from a target, how it is judged, so that a spreadsheet can recompute
     * it (a workbook colours by formulas over target cells): */
    int judged;                   /* 1: rag = value against rag_target / rag_amber */
    double rag_target, rag_amber; /* amber NAN: none */
    int rag_lower;                /* lower is better */
    int target_col;               /* the column holding the target in the same row, -1: none */
    int status_of; /* a status text for the value in this column of the row, -1: none */
} report_cell_t;

/* A text value of a column and its mark ("yes" in an Overdue column: red): the workbook
 * colours the column by a conditional format on the value, so that an edited cell follows;
 * the cells carry the same mark for the PDF. */
typedef struct report_value_mark {
    size_t col;
    const char *value;
    rag_t rag;
} report_value_mark_t;

typedef struct report_table {
    const char *title;
    size_t ncols, nrows;
    const char **headers;
    report_cell_t *cells; /* row-major, nrows × ncols */
    int *row_links;       /* per row, the section it links to (-1: none); NULL: no links */
    int sheet_only;       /* a full listing for the workbook; the PDF leaves it out */
    const double *shares; /* a form to fill in: each column's share of the page's width, its
                             rows tall enough to write in (NULL: widths from the content) */
    report_value_mark_t *value_marks; /* in the report's arena */
    size_t nvalue_marks, capvalue_marks;
} report_table_t;

/* The sections other parts refer to (a link from the summary, the ROI sheet's own layout):
 * report_section.id; a section's place in the pack is its index in report.sections. */
enum {
    SECTION_OTHER = -1,
    SECTION_SUMMARY,
    SECTION_AVAILABILITY,
    SECTION_INCIDENTS,
    SECTION_SATISFACTION,
    SECTION_CHANGES,
    SECTION_TRENDS,
    SECTION_READINESS,
    SECTION_ROI,
    SECTION_QUALITY,
    SECTION_REVIEW_INPUTS,
    SECTION_DECISIONS,
    SECTION_REGISTER /* + register_kind_t: the section of that register */
};

typedef enum {
    CHART_BAR, /* one bar per category (and per series: grouped) */
    CHART_GROUPED_BAR,
    CHART_STACKED_BAR, /* series stacked in each category */
    CHART_HISTOGRAM,   /* adjacent bars over ordered bins */
    CHART_LINE,        /* lines over ordered categories, optional target band */
    CHART_CUMULATIVE,  /* a cumulative line with a marked crossing (payback) */
    CHART_DONUT,       /* shares of one series, a figure in the middle */
    CHART_RADAR,       /* one axis per category, 0..y_max */
    CHART_HEATMAP,     /* rows = series, columns = categories, value 0..y_max coloured */
    CHART_TORNADO,     /* per category a low and a high value around `base`, sorted by swing */
    CHART_RISK_MATRIX  /* 5 × 5: series = likelihood 5..1, categories = impact 1..5; values are
                          the risks in each cell, cell_labels their ids, each cell coloured by
                          its rating's band (band_lo = medium, band_hi = high) */
} chart_kind_t;

typedef struct chart_series {
    const char *name;
    double *values; /* ncat values; NAN: no value */
    double *n;      /* per value its sample size (NULL: none): below the spec's min_sample a
                     * bar is drawn grey and labelled with its n, never in a series colour */
} chart_series_t;

typedef struct chart_spec {
    chart_kind_t kind;
    const char *title;
    const char *y_title;
    size_t ncat;
    const char **categories;
    size_t nseries;
    chart_series_t *series;
    double target; /* a horizontal target line; NAN: none */
    const char *target_label;
    double target2; /* a second target line (response beside resolution) when target2_label */
    const char *target2_label;
    int integer;         /* the values are counts: whole-number ticks */
    int value_decimals;  /* percentages' display decimals (1 when 0): 3 for availability */
    size_t min_sample;   /* with series n: the smallest sample a value is shown for as measured */
    double y_min, y_max; /* NAN: automatic */
    int percent;         /* values are percentages */
    double band_lo, band_hi; /* a shaded horizontal band (e.g. amber..target); NAN: none */
    double marker_x;         /* CHART_CUMULATIVE: position of the marker in category units */
    const char *marker_label;
    const char *center_text;   /* CHART_DONUT: the figure in the middle */
    double base;               /* CHART_TORNADO: the value the bars swing around */
    const char **cell_labels;  /* CHART_HEATMAP, CHART_RISK_MATRIX: a label per cell (nseries ×
                                  ncat), or NULL */
    const double *cat_targets; /* bars: a target per category (a mark across its bars, named by
                                  target_label), or NULL */
} chart_spec_t;

/* BLOCK_WARNING: a paragraph that must not be missed (the period's coverage), set apart. */
typedef enum { BLOCK_PARAGRAPH, BLOCK_TABLE, BLOCK_CHART, BLOCK_NOTE, BLOCK_WARNING } block_kind_t;

typedef struct report_block {
    block_kind_t kind;
    const char *text; /* paragraph or note */
    report_table_t *table;
    chart_spec_t *chart;
} report_block_t;

typedef struct report_section {
    int id; /* SECTION_*, or SECTION_OTHER */
    const char *title;
    const char *sheet; /* the workbook sheet it belongs to */
    arena_t *arena;    /* the report's, which holds the blocks */
    report_block_t *blocks;
    size_t nblocks, capblocks;
} report_section_t;

/* The facts the report is made of (owned by the caller, who keeps them alive). */
typedef struct report_facts {
    const config_t *cfg;
    const store_t *store;
    const tz_t *tz;
    const metrics_t *metrics;
    const char *period_label;
    const trend_row_t *trend;
    size_t ntrend;
    const trend_row_t *previous; /* NULL: no previous period */
    /* the previous period's metrics when it was computed from the inputs, else NULL (the KPIs
     * the history file does not hold take their previous value from these) */
    const metrics_t *previous_metrics;
    const coverage_report_t *coverage; /* the data's coverage of P (docs/metrics.md §9); required */
    int kind_readiness;                /* 0: management review, 1: pre-audit readiness */
    int has_sample_seed;               /* --sample-seed given: the audit samples' seed */
    uint64_t sample_seed;
    /* ROI (docs/metrics.md §12); roi NULL when no assumptions are configured */
    const roi_result_t *roi; /* the base ("expected") assumptions */
    const roi_result_t *roi_scenarios;
    size_t nroi_scenarios;
    const roi_sensitivity_t *roi_sensitivity;
    size_t nroi_sensitivity;
    const roi_measures_t *roi_baseline, *roi_current;
    const char *roi_baseline_label; /* the baseline period, or NULL for roi.yaml's numbers */
    int over_rejected_limit;        /* a source rejected more than quality.max_rejected_pct */
    /* readiness (docs/metrics.md §11); NULL when no self-assessment is configured */
    const readiness_result_t *readiness;
    const assessment_t *assessment;
    const readiness_check_t *checks;       /* the period's data checks (CHECK_COUNT), or NULL */
    const readiness_check_t *trend_checks; /* ntrend × CHECK_COUNT (rows not computed: zeroed) */
    /* the history file's rows: the periods reported before (README.md "Where the outputs land") */
    const trend_row_t *history;
    size_t nhistory;
    /* the review registers (docs/configuration.md §14, docs/metrics.md §14) and what the review
     * covers (docs/metrics.md §14) */
    const registers_t *registers;
    const register_figures_t *reg_figures;
    reg_span_t reg_span;
    const review_input_t *review_inputs; /* INPUT_COUNT */
} report_facts_t;

/* A warning about the data as a whole (docs/metrics.md §13, §9), repeated ones grouped into one.
 */
typedef struct report_warning {
    const char *line; /* for the terminal: a long list of names cut after the first few */
    const char *full; /* for the data-quality appendix: every name */
    int always;       /* printed even with -q: the data does not cover the period fully */
} report_warning_t;

typedef struct report {
    arena_t *arena;
    report_facts_t facts;
    const char *title; /* "Management review" … */
    const char *organization;
    const char *scope;
    const char *period_text; /* "October 2026 (2026-10-01 – 2026-10-31)" */
    char as_of_text[40];     /* "2026-11-01 06:00 CET" style */
    char as_of_iso[32];
    const char *banner; /* a warning shown on every page, or NULL */
    /* the period's coverage in a sentence when the data covers it only in part or not at all
     * (shown on the cover and the summary, printed on standard error), or NULL */
    const char *coverage_text;
    report_warning_t *warnings; /* the data's warnings, grouped */
    size_t nwarnings, capwarnings;
    report_section_t *sections;
    size_t nsections, capsections;
} report_t;

/* The index in r->sections of the section with this id, or -1. */
int report_section_index(const report_t *r, int id);
/* Builds the report model. Returns a new report; free with report_free. */
report_t *report_build(const report_facts_t *facts);
void report_free(report_t *r);

/* RAG of a value against a configured target (RAG_NONE when no target or no value). */
rag_t report_rag(const cfg_kpi_target_t *t, double value);
/* The colour of a status: green, amber or red; none for no_data, small_sample, no_target. */
rag_t report_status_rag(kpi_status_t st);

/* One entry of the JSON's `kpis` list and of the KPI CSV's `all` rows
 * (docs/iso20k.schema.json, docs/metrics.md §9): the unrounded figures (NAN: null) and the status.
 */
typedef struct kpi_entry {
    kpi_id_t kpi;
    double value, n, target, previous, delta;
    kpi_status_t status;
} kpi_entry_t;
/* The entry of KPI k (one of the KPI_LISTED rows) for the report's period. */
void report_kpi_entry(const report_t *r, kpi_id_t k, kpi_entry_t *out);

#endif
