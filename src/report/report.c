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

#include "input/profile.h"
#include "report/report_parts.h"

const char *const rag_names[4] = {"", "green", "amber", "red"};

static const char *S_date(report_t *r, ts_t t);

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
    report_section_t *s =
        arena_push(r->arena, (void **)&r->sections, &r->nsections, &r->capsections, sizeof *s);
    s->arena = r->arena;
    s->id = SECTION_OTHER;
    s->title = title;
    s->sheet = sheet;
    return s;
}

int report_section_index(const report_t *r, int id)
{
    for (size_t i = 0; id != SECTION_OTHER && i < r->nsections; i++)
        if (r->sections[i].id == id)
            return (int)i;
    return -1;
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
    report_block_t *b =
        arena_push(s->arena, (void **)&s->blocks, &s->nblocks, &s->capblocks, sizeof *b);
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

void report_add_warning(report_section_t *s, const char *text)
{
    S_block(s, BLOCK_WARNING)->text = text;
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

void report_mark_value(report_t *r, report_table_t *t, size_t col, const char *value, rag_t rag)
{
    report_value_mark_t *m = arena_push(r->arena, (void **)&t->value_marks, &t->nvalue_marks,
                                        &t->capvalue_marks, sizeof *m);
    *m = (report_value_mark_t){col, value, rag};
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
    keyed_t *r = xmalloc(n * sizeof *r);
    for (size_t i = 0; i < n; i++) {
        r[i].index = i;
        r[i].key = isnan(keys[i]) ? INFINITY : keys[i];
    }
    keyed_sort(r, n);
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
    if (!num_shown(v))
        return "n/a";
    return report_fmt(r, kp->unit == KPI_UNIT_PERCENT ? "%.*f %%" : "%.*f", kp->decimals, v);
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

void report_mark(report_t *r, report_cell_t *c, kpi_status_t st, const cfg_kpi_target_t *t,
                 int target_col, double n)
{
    c->rag = report_status_rag(st);
    if (c->rag != RAG_NONE && t) {
        c->judged = 1;
        c->rag_target = t->target;
        c->rag_amber = t->amber;
        c->rag_lower = t->lower_is_better;
        c->target_col = target_col;
    }
    if (st == KPI_ST_SMALL_SAMPLE && isfinite(c->number))
        c->text = report_fmt(r, c->type == CELL_PERCENT ? "%.*f %% (n = %.0f)" : "%.*f (n = %.0f)",
                             c->decimals, round_half_away(c->number, c->decimals), n);
}

kpi_status_t report_status(const report_t *r, double value, double n, const cfg_kpi_target_t *t)
{
    if (r->facts.metrics->no_data)
        return KPI_ST_NO_DATA;
    return kpi_judge(value, n, r->facts.cfg->min_sample, t);
}

const char *report_status_text(kpi_status_t st)
{
    static const char *const text[KPI_ST_COUNT] = {"no data",   "small sample", "no target",
                                                   "on target", "watch",        "off target"};
    return st < KPI_ST_COUNT ? text[st] : "";
}

const char *report_duration_unit(double max_minutes, double *per_minute)
{
    if (!(max_minutes >= 1000)) {
        *per_minute = 1;
        return "min";
    }
    if (max_minutes < 1000 * 60) {
        *per_minute = 1.0 / 60;
        return "h";
    }
    *per_minute = 1.0 / 1440;
    return "d";
}

int report_chart_flat(const chart_spec_t *c, size_t nseries, double *value)
{
    *value = NAN;
    for (size_t s = 0; s < nseries && s < c->nseries; s++)
        for (size_t j = 0; j < c->ncat; j++) {
            double v = c->series[s].values[j];
            if (!isfinite(v))
                continue;
            if (isnan(*value))
                *value = v;
            else if (v != *value)
                return 0;
        }
    return 1;
}

void report_chart_replace(report_section_t *s, const char *sentence)
{
    report_block_t *b = &s->blocks[s->nblocks - 1];
    b->kind = BLOCK_PARAGRAPH;
    b->chart = NULL;
    b->text = sentence;
}

const char *report_date(report_t *r, ts_t t)
{
    return S_date(r, t);
}

const char *report_day(report_t *r, int64_t day)
{
    if (day == REG_NO_DATE)
        return NULL;
    int64_t y;
    int m, d;
    civil_from_days(day, &y, &m, &d);
    return report_fmt(r, "%04d-%02d-%02d", (int)y, m, d);
}

const char *report_priority_name(report_t *r, int kind, int priority)
{
    const char *k = kind == KIND_INCIDENT ? "Incident" : "Request";
    return priority ? report_fmt(r, "%s P%d", k, priority) : report_fmt(r, "%s (no priority)", k);
}

/* A time as the local date "2026-10-05". */
static const char *S_date(report_t *r, ts_t t)
{
    int64_t y;
    int mo, d;
    civil_from_days(floor_div(tz_utc_to_local(r->facts.tz, t), 86400), &y, &mo, &d);
    return report_fmt(r, "%04d-%02d-%02d", (int)y, mo, d);
}

/* "from 2026-04-06 to 2026-09-30", or "no data" for a span without timestamps. */
static const char *S_span(report_t *r, const coverage_t *c)
{
    if (c->first == TS_NONE)
        return "no data";
    return report_fmt(r, "data from %s to %s", S_date(r, c->first), S_date(r, c->last));
}

/* The sources that speak for the period's coverage (the ticket sources, or every source when
 * none holds tickets) and do not cover it fully, as "tickets.csv: data from … to …". */
static const char *S_short_sources(report_t *r)
{
    const coverage_report_t *cv = r->facts.coverage;
    size_t speaking = 0;
    for (size_t i = 0; i < cv->nsources; i++)
        speaking +=
            coverage_judged(cv, i) && (!cv->from_tickets || cv->records[i] == PROFILE_TICKETS);
    if (speaking < 2)
        return NULL; /* the one source's span is the overall span */
    strbuf_t sb = {0};
    for (size_t i = 0; i < cv->nsources; i++) {
        if (!coverage_judged(cv, i) || cv->sources[i].status == COVERAGE_COVERED ||
            (cv->from_tickets && cv->records[i] != PROFILE_TICKETS))
            continue;
        strbuf_printf(&sb, "%s%s: %s", sb.len ? "; " : "", r->facts.store->quality[i].file,
                      S_span(r, &cv->sources[i]));
    }
    const char *out = sb.len ? arena_strdup(r->arena, sb.data) : NULL;
    strbuf_clear(&sb);
    return out;
}

/* docs/metrics.md §9: the warning and banner when the data does not cover P fully. */
static void S_coverage_text(report_t *r)
{
    const coverage_report_t *cv = r->facts.coverage;
    if (!cv || cv->overall.status == COVERAGE_COVERED)
        return;
    int none = cv->overall.status == COVERAGE_NOT_COVERED;
    const char *span = S_span(r, &cv->overall);
    const char *sources = S_short_sources(r);
    r->coverage_text =
        report_fmt(r, "The data %s the period %s%s: the inputs hold %s%s. %s",
                   none ? "does not cover" : "covers", r->period_text, none ? "" : " only in part",
                   span, sources ? report_fmt(r, " (%s)", sources) : "",
                   none ? "No figure of the period is shown, and the history file is not updated."
                        : "Figures that depend on the missing days are incomplete.");
    const char *label = r->facts.period_label;
    r->banner =
        none ? report_fmt(r,
                          "Warning: the data does not cover %s; no figure of the period "
                          "is shown (see the summary).",
                          label)
             : report_fmt(r, "Warning: the data covers %s only in part (%s); see the summary.",
                          label, span);
}

static report_warning_t *S_warning(report_t *r)
{
    return arena_push(r->arena, (void **)&r->warnings, &r->nwarnings, &r->capwarnings,
                      sizeof(report_warning_t));
}

/* A warning naming a list of things: "<n> <what>: a, b, c, … (see …)" on the terminal, every
 * name in the appendix. */
#define WARNING_NAMES 5
static void S_named_warning(report_t *r, const char *what, const char *const *names, size_t n)
{
    strbuf_t line = {0}, full = {0};
    strbuf_printf(&line, "%s: ", what);
    strbuf_printf(&full, "%s: ", what);
    for (size_t i = 0; i < n; i++) {
        strbuf_printf(&full, "%s%s", i ? ", " : "", names[i]);
        if (i < WARNING_NAMES)
            strbuf_printf(&line, "%s%s", i ? ", " : "", names[i]);
    }
    if (n > WARNING_NAMES)
        strbuf_puts(&line, ", …");
    strbuf_puts(&line, " (see the data-quality appendix)");
    report_warning_t *w = S_warning(r);
    w->line = arena_strdup(r->arena, line.data);
    w->full = arena_strdup(r->arena, full.data);
    strbuf_clear(&line);
    strbuf_clear(&full);
}

/* The data's warnings beyond the rows' own: the period's coverage, each source that does not
 * cover it, the services outside the catalogue and those the data never names. */
static void S_warnings(report_t *r)
{
    const report_facts_t *f = &r->facts;
    const coverage_report_t *cv = f->coverage;
    if (r->coverage_text) {
        report_warning_t *w = S_warning(r);
        w->full = r->coverage_text;
        char *line = arena_strdup(r->arena, r->coverage_text);
        line[0] = 't'; /* "The data …" in a sentence after "warning: " */
        w->line = line;
        w->always = 1;
    }
    for (size_t i = 0; cv && cv->overall.status != COVERAGE_NOT_COVERED && i < cv->nsources; i++) {
        if (!coverage_judged(cv, i) || cv->sources[i].status != COVERAGE_NOT_COVERED)
            continue;
        report_warning_t *w = S_warning(r);
        w->line = w->full = report_fmt(
            r, "%s holds no record in the period %s (%s)%s", f->store->quality[i].file,
            f->period_label, S_span(r, &cv->sources[i]),
            cv->records[i] == PROFILE_TICKETS ? ""
            : cv->records[i] == PROFILE_OUTAGES
                ? "; outage records are sparse, so a quiet month looks the same: check the "
                  "export"
                : "; survey responses are sparse, so a quiet month looks the same: check the "
                  "export");
    }
    const metrics_t *m = f->metrics;
    size_t outside = 0;
    for (size_t i = 0; i < m->navailability; i++)
        outside += !m->availability[i].in_catalogue;
    if (outside) {
        const char **names = xmalloc(outside * sizeof(char *));
        for (size_t i = 0, k = 0; i < m->navailability; i++)
            if (!m->availability[i].in_catalogue)
                names[k++] = m->availability[i].service;
        S_named_warning(
            r,
            report_fmt(r,
                       "%zu service%s named by the period's data %s not in the catalogue "
                       "(measured with service_defaults: calendar %s, target %g%%)",
                       outside, outside == 1 ? "" : "s", outside == 1 ? "is" : "are",
                       f->cfg->service_defaults.calendar,
                       f->cfg->service_defaults.availability_target),
            names, outside);
        free(names);
    }
    if (cv && cv->nabsent)
        S_named_warning(r,
                        report_fmt(r,
                                   "%zu service%s %s in the catalogue but absent from the data "
                                   "(no ticket or outage record names %s)",
                                   cv->nabsent, cv->nabsent == 1 ? "" : "s",
                                   cv->nabsent == 1 ? "is" : "are",
                                   cv->nabsent == 1 ? "it" : "them"),
                        cv->absent, cv->nabsent);
}

report_t *report_build(const report_facts_t *facts)
{
    report_t *r = xcalloc(1, sizeof(*r));
    r->arena = arena_new();
    r->facts = *facts;
    /* without registers and review inputs (a caller that has none): every register absent,
     * every input missing */
    static const register_figures_t no_figures;
    static const review_input_t no_inputs[INPUT_COUNT];
    if (!r->facts.reg_figures)
        r->facts.reg_figures = &no_figures;
    if (!r->facts.review_inputs)
        r->facts.review_inputs = no_inputs;
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
    S_coverage_text(r);
    /* one line on every page: the coverage and the rejections in one sentence when both */
    if (facts->over_rejected_limit && !r->banner)
        r->banner = "Warning: an input rejected more rows than quality.max_rejected_pct allows; "
                    "figures may be incomplete (see Data quality).";
    else if (facts->over_rejected_limit)
        r->banner = report_fmt(
            r, "Warning: the data %s %s%s, and an input rejected too many rows (see Data quality).",
            facts->coverage->overall.status == COVERAGE_NOT_COVERED ? "does not cover" : "covers",
            facts->period_label,
            facts->coverage->overall.status == COVERAGE_NOT_COVERED ? "" : " only in part");
    S_warnings(r);
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
    arena_free(r->arena);
    free(r);
}
