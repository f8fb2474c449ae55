/*
 * report — the report model's common part: the cover facts, the helpers every section builder
 * uses (sections, paragraphs, tables of typed cells, red/amber/green judgements, chart specs),
 * and report_build, which hands the sections to the pack being made (report_review.c or
 * report_readiness.c). Everything allocated here lives in the report's arena.
 */
#include "report/report.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report/report_parts.h"

const char *const rag_names[4] = {"", "green", "amber", "red"};

static const char *const MONTHS[12] = {"January",   "February", "March",    "April",
                                       "May",       "June",     "July",     "August",
                                       "September", "October",  "November", "December"};

const char *report_fmt(report_t *r, const char *fmt, ...)
{
    /* measured first: a sentence holds names from the inputs, which have no length limit */
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0)
        return "";
    char *buf = arena_alloc(r->arena, (size_t)n + 1);
    va_start(ap, fmt);
    vsnprintf(buf, (size_t)n + 1, fmt, ap);
    va_end(ap);
    return buf;
}

report_section_t *report_add_section(report_t *r, const char *title, const char *sheet)
{
    r->sections = xrealloc(r->sections, (r->nsections + 1) * sizeof(report_section_t));
    report_section_t *s = &r->sections[r->nsections++];
    memset(s, 0, sizeof *s);
    s->title = title;
    s->sheet = sheet;
    return s;
}

report_section_t *report_add_parts(report_t *r, const char *title, const char *sheet,
                                   const report_part_fn *parts, size_t n)
{
    report_section_t *s = report_add_section(r, title, sheet);
    for (size_t i = 0; i < n; i++)
        parts[i](r, s);
    return s;
}

static report_block_t *S_block(report_section_t *s, block_kind_t kind)
{
    xgrow((void **)&s->blocks, &s->capblocks, s->nblocks + 1, sizeof(report_block_t));
    report_block_t *b = &s->blocks[s->nblocks++];
    memset(b, 0, sizeof *b);
    b->kind = kind;
    return b;
}

void report_add_para(report_section_t *s, const char *text)
{
    S_block(s, BLOCK_PARAGRAPH)->text = text;
}

void report_add_note(report_section_t *s, const char *text)
{
    S_block(s, BLOCK_NOTE)->text = text;
}

report_table_t *report_add_table(report_t *r, report_section_t *s, const char *title, size_t nrows,
                                 size_t ncols, const char *const *headers)
{
    report_table_t *t = arena_alloc(r->arena, sizeof *t);
    t->title = title;
    t->ncols = ncols;
    t->nrows = nrows;
    t->headers = arena_alloc(r->arena, ncols * sizeof(char *));
    for (size_t i = 0; i < ncols; i++)
        t->headers[i] = headers[i];
    t->cells = arena_alloc(r->arena, (nrows ? nrows : 1) * ncols * sizeof(report_cell_t));
    for (size_t i = 0; i < (nrows ? nrows : 1) * ncols; i++)
        t->cells[i].target_col = t->cells[i].status_of = -1;
    S_block(s, BLOCK_TABLE)->table = t;
    return t;
}

report_cell_t *report_cell(report_table_t *t, size_t row, size_t col)
{
    return &t->cells[row * t->ncols + col];
}

void report_set_text(report_table_t *t, size_t row, size_t col, const char *text)
{
    report_cell_t *c = report_cell(t, row, col);
    c->type = text ? CELL_TEXT : CELL_EMPTY;
    c->text = text;
}

void report_set_num(report_table_t *t, size_t row, size_t col, cell_type_t type, double v, int dec)
{
    report_cell_t *c = report_cell(t, row, col);
    c->type = type;
    c->number = v;
    c->decimals = dec;
}

chart_spec_t *report_add_chart(report_t *r, report_section_t *s, chart_kind_t kind,
                               const char *title, size_t ncat, size_t nseries)
{
    chart_spec_t *c = arena_alloc(r->arena, sizeof *c);
    c->kind = kind;
    c->title = title;
    c->ncat = ncat;
    c->categories = arena_alloc(r->arena, (ncat ? ncat : 1) * sizeof(char *));
    c->nseries = nseries;
    c->series = arena_alloc(r->arena, nseries * sizeof(chart_series_t));
    for (size_t i = 0; i < nseries; i++) {
        c->series[i].values = arena_alloc(r->arena, (ncat ? ncat : 1) * sizeof(double));
        for (size_t j = 0; j < ncat; j++)
            c->series[i].values[j] = NAN;
    }
    c->target = NAN;
    c->y_min = c->y_max = NAN;
    c->band_lo = c->band_hi = NAN;
    c->marker_x = NAN;
    c->base = NAN;
    S_block(s, BLOCK_CHART)->chart = c;
    return c;
}

typedef struct ranked {
    size_t index;
    double key;
} ranked_t;

static int S_cmp_ranked(const void *a, const void *b)
{
    const ranked_t *x = a, *y = b;
    if (x->key != y->key)
        return x->key < y->key ? -1 : 1;
    return x->index < y->index ? -1 : x->index > y->index;
}

/* The positions to chart out of n: all of them in their order when n <= CHART_MAX_SERVICES,
 * else the CHART_MAX_SERVICES with the lowest keys (NAN last), in their original order.
 * Returns how many were written to out. */
static size_t S_pick(const double *keys, size_t n, size_t *out)
{
    if (n <= CHART_MAX_SERVICES) {
        for (size_t i = 0; i < n; i++)
            out[i] = i;
        return n;
    }
    ranked_t *r = xmalloc(n * sizeof *r);
    for (size_t i = 0; i < n; i++) {
        r[i].index = i;
        r[i].key = isnan(keys[i]) ? INFINITY : keys[i];
    }
    qsort(r, n, sizeof *r, S_cmp_ranked);
    for (size_t i = 0; i < CHART_MAX_SERVICES; i++)
        out[i] = r[i].index;
    free(r);
    /* back in catalogue order */
    for (size_t i = 1; i < CHART_MAX_SERVICES; i++)
        for (size_t j = i; j > 0 && out[j - 1] > out[j]; j--) {
            size_t t = out[j];
            out[j] = out[j - 1];
            out[j - 1] = t;
        }
    return CHART_MAX_SERVICES;
}

chart_spec_t *report_add_picked_chart(report_t *r, report_section_t *s, chart_kind_t kind,
                                      const char *title, const char *cut, double *keys, size_t n,
                                      size_t nseries, size_t **pick)
{
    *pick = xmalloc((n ? n : 1) * sizeof(size_t));
    size_t shown = S_pick(keys, n, *pick);
    free(keys);
    return report_add_chart(r, s, kind,
                            shown < n ? report_fmt(r, "%s: the %zu %s", title, shown, cut) : title,
                            shown, nseries);
}

cell_type_t report_kpi_cell_type(kpi_unit_t unit)
{
    switch (unit) {
    case KPI_UNIT_PERCENT:
        return CELL_PERCENT;
    case KPI_UNIT_COUNT:
        return CELL_INT;
    case KPI_UNIT_MINUTES:
        return CELL_MINUTES;
    default:
        return CELL_NUMBER;
    }
}

const char *report_kpi_text(report_t *r, kpi_id_t k, double v)
{
    const kpi_t *kp = &kpi_table[k];
    if (isnan(v))
        return "n/a";
    return report_fmt(r, kp->unit == KPI_UNIT_PERCENT ? "%.*f%%" : "%.*f", kp->decimals, v);
}

rag_t report_status_rag(kpi_status_t st)
{
    return st == KPI_ST_GREEN   ? RAG_GREEN
           : st == KPI_ST_AMBER ? RAG_AMBER
           : st == KPI_ST_RED   ? RAG_RED
                                : RAG_NONE;
}

rag_t report_rag(const cfg_kpi_target_t *t, double v)
{
    return report_status_rag(kpi_judge(v, NAN, 0, t));
}

void report_kpi_entry(const report_t *r, kpi_id_t k, kpi_entry_t *out)
{
    const report_facts_t *f = &r->facts;
    const cfg_kpi_target_t *t = kpi_target(k, f->cfg);
    out->kpi = k;
    out->value = kpi_value(k, f->metrics, f->readiness);
    out->n = kpi_n(k, f->metrics);
    if (f->metrics->no_data && !isnan(out->n))
        out->n = NAN; /* no sample was taken */
    out->target = t ? t->target : NAN;
    out->status = kpi_status(k, f->metrics, f->readiness, f->cfg);
    /* the trend KPIs from the previous trend row (which the history file may give); the others
     * only from a previous period computed from the inputs; readiness never */
    out->previous = NAN;
    if (kpi_table[k].trend >= 0)
        out->previous = f->previous && f->previous->known ? f->previous->kpis.value[k] : NAN;
    else if (k != KPI_READINESS && f->previous_metrics)
        out->previous = kpi_value(k, f->previous_metrics, NULL);
    out->delta = isnan(out->value) || isnan(out->previous) ? NAN : out->value - out->previous;
}

/* Marks a cell red/amber/green against a KPI target, and records how (for the workbook). */
void report_judge(report_cell_t *c, const cfg_kpi_target_t *t, int target_col)
{
    c->rag = report_rag(t, c->number);
    if (!t)
        return;
    c->judged = 1;
    c->rag_target = t->target;
    c->rag_amber = t->amber;
    c->rag_lower = t->lower_is_better;
    c->target_col = target_col;
}

const char *report_priority_name(report_t *r, int kind, int priority)
{
    const char *k = kind == KIND_INCIDENT ? "Incident" : "Request";
    return priority ? report_fmt(r, "%s P%d", k, priority) : report_fmt(r, "%s (no priority)", k);
}

report_t *report_build(const report_facts_t *facts)
{
    report_t *r = xcalloc(1, sizeof(*r));
    r->arena = arena_new();
    r->facts = *facts;
    const config_t *cfg = facts->cfg;
    r->title = facts->kind_readiness ? "Pre-audit readiness pack" : "Service management review";
    r->organization = STR_EMPTY(cfg->organization) ? "(organization not set)" : cfg->organization;
    r->scope = cfg->scope ? cfg->scope : "";
    const metrics_period_t *p = &facts->metrics->period;
    tz_format_iso(facts->tz, p->as_of, r->as_of_iso);
    int64_t local = tz_utc_to_local(facts->tz, p->as_of);
    int64_t y;
    int mo, d;
    civil_from_days(floor_div(local, 86400), &y, &mo, &d);
    int64_t secs = local - floor_div(local, 86400) * 86400;
    snprintf(r->as_of_text, sizeof r->as_of_text, "%d %s %04d %02d:%02d", d, MONTHS[mo - 1], (int)y,
             (int)(secs / 3600), (int)(secs / 60 % 60));
    int64_t sd = floor_div(tz_utc_to_local(facts->tz, p->start), 86400);
    int64_t ed = floor_div(tz_utc_to_local(facts->tz, p->end), 86400) - 1;
    int64_t y1, y2;
    int m1, d1, m2, d2;
    civil_from_days(sd, &y1, &m1, &d1);
    civil_from_days(ed, &y2, &m2, &d2);
    r->period_text = report_fmt(r, "%s (%d %s %04d – %d %s %04d)", facts->period_label, d1,
                                MONTHS[m1 - 1], (int)y1, d2, MONTHS[m2 - 1], (int)y2);
    if (facts->over_rejected_limit)
        r->banner = "Warning: an input rejected more rows than quality.max_rejected_pct allows; "
                    "figures may be incomplete (see Data quality).";
    if (facts->kind_readiness)
        report_readiness(r);
    else
        report_review(r);
    return r;
}

void report_free(report_t *r)
{
    if (!r)
        return;
    for (size_t i = 0; i < r->nsections; i++)
        free(r->sections[i].blocks);
    free(r->sections);
    arena_free(r->arena);
    free(r);
}
