/*
 * report_parts — what the files of the report model share (report.c, report_review.c,
 * report_readiness.c, report_roi.c, report_quality.c): adding sections, paragraphs, notes,
 * tables of typed cells and chart specs to a report, judging a cell against a KPI target, and
 * the section builders each file exports. Internal to src/report/; renderers read report.h.
 * Everything these functions allocate lives in the report's arena.
 */
#ifndef ISO20K_REPORT_PARTS_H
#define ISO20K_REPORT_PARTS_H

#include "report/report.h"

/* At most this many services in a chart; the rest stay in the tables. */
#define CHART_MAX_SERVICES 20

/* A printf-formatted string in the report's arena. */
const char *report_fmt(report_t *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Appends a section (its title, and the workbook sheet it goes on). */
report_section_t *report_add_section(report_t *r, const char *title, const char *sheet);
/* A part of a section: what it adds to s. */
typedef void (*report_part_fn)(report_t *r, report_section_t *s);
/* Appends a section and its n parts, each adding to it in order. */
report_section_t *report_add_parts(report_t *r, const char *title, const char *sheet,
                                   const report_part_fn *parts, size_t n);
/* The number of parts of a static array. */
#define NPARTS(a) (sizeof(a) / sizeof((a)[0]))
/* Appends a paragraph or a note (small print); the text must outlive the report. */
void report_add_para(report_section_t *s, const char *text);
void report_add_note(report_section_t *s, const char *text);
/* Appends a warning set apart from the text (the period's coverage). */
void report_add_warning(report_section_t *s, const char *text);
/* Appends a table of nrows × ncols empty cells with the given headers. */
report_table_t *report_add_table(report_t *r, report_section_t *s, const char *title, size_t nrows,
                                 size_t ncols, const char *const *headers);
/* Appends a chart spec of ncat categories and nseries series, every value NAN. */
chart_spec_t *report_add_chart(report_t *r, report_section_t *s, chart_kind_t kind,
                               const char *title, size_t ncat, size_t nseries);

/* Marks `value` in column col of a table with rag (see report_value_mark_t); the value and its
 * mark are the caller's to set on the cells too. */
void report_mark_value(report_t *r, report_table_t *t, size_t col, const char *value, rag_t rag);
/* The cell at row, col of a table. */
report_cell_t *report_cell(report_table_t *t, size_t row, size_t col);
/* A text cell (NULL: empty). */
void report_set_text(report_table_t *t, size_t row, size_t col, const char *text);
/* A number cell of the given type and display decimals (NAN: not computable). */
void report_set_num(report_table_t *t, size_t row, size_t col, cell_type_t type, double v, int dec);
/* Marks a cell red/amber/green against a KPI target (none: no mark) and records how, so that
 * the workbook can recompute it; target_col is the column holding the target, or -1. */
void report_judge(report_cell_t *c, const cfg_kpi_target_t *t, int target_col);
/*
 * Marks a share's cell by its status (docs/metrics.md §9): green, amber or red are its colour
 * (judged against t and recorded for the workbook, as report_judge); a small sample is never
 * coloured and shows its n beside the value ("100.0 % (n = 1)"); no_data and no_target leave it
 * plain.
 */
void report_mark(report_t *r, report_cell_t *c, kpi_status_t st, const cfg_kpi_target_t *t,
                 int target_col, double n);
/* The status of a share of the period with sample size n (NAN: a measurement) against t:
 * no_data for a period the data does not cover, else kpi_judge with quality.min_sample. */
kpi_status_t report_status(const report_t *r, double value, double n, const cfg_kpi_target_t *t);
/* A status in the pack's words: "on target", "watch", "off target", "small sample", "no
 * target", "no data". */
const char *report_status_text(kpi_status_t st);
/* The unit of a column of durations whose largest is max_minutes: "min" while minutes stay
 * under a thousand, else "h" while hours do, else "d"; *per_minute is the unit per minute. */
const char *report_duration_unit(double max_minutes, double *per_minute);
/* Whether the first nseries series of a chart hold one value only (or none), and that value
 * (NAN when none). */
int report_chart_flat(const chart_spec_t *c, size_t nseries, double *value);
/* Replaces the section's last block (a chart) by a sentence: a chart whose values are all equal
 * says less than one sentence. */
void report_chart_replace(report_section_t *s, const char *sentence);
/* The local date of t: "2026-10-05". */
const char *report_date(report_t *r, ts_t t);

/*
 * A chart of n services, or of the CHART_MAX_SERVICES with the lowest keys (NAN last) when
 * there are more, in their original order: titled `title`, or "<title>: the <shown> <cut>"
 * when some are left out. keys (n values, allocated by the caller) is freed; *pick receives a
 * new array of the positions shown, as many as the chart's categories (the caller fills the
 * categories and values, then frees it).
 */
chart_spec_t *report_add_picked_chart(report_t *r, report_section_t *s, chart_kind_t kind,
                                      const char *title, const char *cut, double *keys, size_t n,
                                      size_t nseries, size_t **pick);
/* The cell type a KPI's unit is shown as. */
cell_type_t report_kpi_cell_type(kpi_unit_t unit);
/* A KPI's value in a sentence, with its display precision: "95.2%", "-12", "n/a". */
const char *report_kpi_text(report_t *r, kpi_id_t k, double v);
/* A register's date (a day number) as "2026-10-05"; NULL for REG_NO_DATE. */
const char *report_day(report_t *r, int64_t day);
/* "Incident P2", "Request (no priority)". */
const char *report_priority_name(report_t *r, int kind, int priority);

/* The sections of each pack, in order (report_build calls one of the two). */
void report_review(report_t *r);
void report_readiness(report_t *r);
/* Sections both packs or the review pack use. */
void report_readiness_section(report_t *r);
void report_roi_section(report_t *r);
void report_quality_section(report_t *r);
/* The review pack's parts from the registers (report_registers.c): "What this review covers",
 * a section per register given, the summary's sentence per register, and "Decisions and
 * actions of this review". */
void report_review_inputs_section(report_t *r);
void report_register_sections(report_t *r);
/* The title of register k's section ("Risks and opportunities"). */
const char *report_register_title(register_kind_t k);
void report_register_summary(report_t *r, report_section_t *s);
void report_decisions_section(report_t *r);
/* The open and overdue actions carried forward, in the Actions section's order, with a column
 * for the review's decision on each (report_registers.c). */
void report_carried_forward(report_t *r, report_section_t *s);

#endif
