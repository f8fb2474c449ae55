/*
 * render_csv — the KPI CSV of `iso20k metrics --format csv`: one row per KPI and scope, with
 * its target, red/amber/green status, previous value and change, numbers rounded as in the
 * JSON. Cells holding a comma, a quote or a line break are quoted.
 */
#include "render/render_csv.h"

#include <math.h>
#include <string.h>

#include "core/text.h"

/* One CSV cell, quoted when it holds a comma, a quote or a line break; text that is not safe
 * (core/text.h) made so first. */
static void S_csv_cell(strbuf_t *out, const char *s)
{
    strbuf_t safe = {0};
    if (!text_is_safe(s, strlen(s))) {
        text_make_safe(&safe, s, strlen(s));
        s = safe.data;
    }
    if (!strpbrk(s, ",\"\r\n")) {
        strbuf_puts(out, s);
    } else {
        strbuf_putc(out, '"');
        for (; *s; s++) {
            if (*s == '"')
                strbuf_putc(out, '"');
            strbuf_putc(out, *s);
        }
        strbuf_putc(out, '"');
    }
    strbuf_clear(&safe);
}

static void S_csv_num(strbuf_t *out, double v, int dec)
{
    strbuf_putc(out, ',');
    if (num_shown(v)) {
        char buf[FORMAT_ROUNDED_MAX];
        strbuf_puts(out, format_rounded(buf, sizeof buf, v, dec));
    }
}

/* One row: a KPI in a scope, rounded as the JSON rounds it, judged against its configured
 * target, or against target_value (a per-service target, the stage 2 line) when there is none. */
static void S_csv_row(strbuf_t *out, kpi_id_t k, const char *scope, double value,
                      const cfg_kpi_target_t *target, double target_value, double previous)
{
    int dec = kpi_table[k].json_decimals;
    S_csv_cell(out, kpi_table[k].key);
    strbuf_putc(out, ',');
    S_csv_cell(out, scope);
    S_csv_num(out, value, dec);
    S_csv_num(out, target ? target->target : target_value, dec);
    strbuf_putc(out, ',');
    rag_t rag = target                                ? report_rag(target, value)
                : isnan(target_value) || isnan(value) ? RAG_NONE
                : value >= target_value               ? RAG_GREEN
                                                      : RAG_RED;
    strbuf_puts(out, rag_names[rag]);
    S_csv_num(out, previous, dec);
    S_csv_num(out, isnan(previous) ? NAN : value - previous, dec);
    strbuf_putc(out, '\n');
}

/* Scope `all`: every row of the KPI table in the CSV's order; a trend KPI with its previous
 * value. */
static void S_all(strbuf_t *out, const report_facts_t *f)
{
    const trend_kpis_t *pv = f->previous && f->previous->known ? &f->previous->kpis : NULL;
    for (size_t pos = 0; pos < KPI_COUNT; pos++) {
        kpi_id_t k = kpi_csv_at(pos);
        if (k == KPI_COUNT || !kpi_available(k, f->readiness))
            continue;
        double previous = pv && kpi_table[k].trend >= 0 ? pv->value[k] : NAN;
        S_csv_row(out, k, "all", kpi_value(k, f->metrics, f->readiness), kpi_target(k, f->cfg), NAN,
                  previous);
    }
}

/* SPEC 6: each top-level clause against the stage 2 line. */
static void S_clauses(strbuf_t *out, const readiness_result_t *rr, strbuf_t *scope)
{
    for (size_t i = 0; i < rr->nclauses; i++) {
        const readiness_clause_t *c = &rr->clauses[i];
        if (c->depth)
            continue;
        strbuf_reset(scope);
        strbuf_printf(scope, "clause:%s", c->clause);
        S_csv_row(out, KPI_READINESS, scope->data, c->score_pct, NULL, 60, NAN);
    }
}

/* SLA attainment by kind and priority. */
static void S_priorities(strbuf_t *out, const report_facts_t *f, strbuf_t *scope)
{
    const sla_result_t *sla = &f->metrics->sla;
    for (size_t i = 0; i < sla->nrows; i++) {
        const sla_row_t *row = &sla->rows[i];
        strbuf_reset(scope);
        if (row->priority)
            strbuf_printf(scope, "%s:P%d", kind_names[row->kind], row->priority);
        else
            strbuf_printf(scope, "%s:no priority", kind_names[row->kind]);
        S_csv_row(out, KPI_RESPONSE, scope->data, row->resp_pct, kpi_target(KPI_RESPONSE, f->cfg),
                  NAN, NAN);
        S_csv_row(out, KPI_RESOLUTION, scope->data, row->res_pct,
                  kpi_target(KPI_RESOLUTION, f->cfg), NAN, NAN);
    }
}

/* Availability by service against its own target; CSAT by service and by group. */
static void S_services(strbuf_t *out, const report_facts_t *f, strbuf_t *scope)
{
    const metrics_t *m = f->metrics;
    for (size_t i = 0; i < m->navailability; i++) {
        const availability_row_t *a = &m->availability[i];
        strbuf_reset(scope);
        strbuf_printf(scope, "service:%s", a->service);
        S_csv_row(out, KPI_AVAILABILITY, scope->data, a->availability_pct, NULL, a->target_pct,
                  NAN);
    }
    for (int part = 0; part < 2; part++) {
        const satisfaction_part_t *arr =
            part ? m->satisfaction.by_group : m->satisfaction.by_service;
        size_t n = part ? m->satisfaction.nby_group : m->satisfaction.nby_service;
        for (size_t i = 0; i < n; i++) {
            strbuf_reset(scope);
            strbuf_printf(scope, "%s:%s", part ? "group" : "service", arr[i].name);
            S_csv_row(out, KPI_CSAT, scope->data, arr[i].csat_pct, kpi_target(KPI_CSAT, f->cfg),
                      NAN, NAN);
        }
    }
}

void render_csv_kpis(const report_t *r, strbuf_t *out)
{
    const report_facts_t *f = &r->facts;
    strbuf_t scope = {0};
    strbuf_puts(out, "kpi,scope,value,target,status,previous,delta\n");
    S_all(out, f);
    if (f->readiness)
        S_clauses(out, f->readiness, &scope);
    S_priorities(out, f, &scope);
    S_services(out, f, &scope);
    strbuf_clear(&scope);
}
