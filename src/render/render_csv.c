/*
 * render_csv — the KPI CSV of `iso20k metrics --format csv`: one row per KPI and scope, with
 * its sample size, target, status (docs/metrics.md §9), previous value and change, numbers rounded
 * as in the JSON: first the JSON's `kpis` list (scope `all`), then the readiness clauses, the SLA
 * by kind and priority, availability by service and CSAT by service and group. Cells holding a
 * comma, a quote or a line break are quoted.
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

/* One row: a KPI in a scope with its sample size n and target (NAN: none), its status, its
 * previous value and change (NAN: none), numbers rounded as the JSON rounds them. */
static void S_csv_row(strbuf_t *out, kpi_id_t k, const char *scope, double value, double n,
                      double target, kpi_status_t status, double previous)
{
    int dec = kpi_table[k].json_decimals;
    S_csv_cell(out, kpi_table[k].key);
    strbuf_putc(out, ',');
    S_csv_cell(out, scope);
    S_csv_num(out, value, dec);
    S_csv_num(out, n, 0);
    S_csv_num(out, target, dec);
    strbuf_putc(out, ',');
    strbuf_puts(out, kpi_status_names[status]);
    S_csv_num(out, previous, dec);
    S_csv_num(out, isnan(previous) || isnan(value) ? NAN : value - previous, dec);
    strbuf_putc(out, '\n');
}

/* A share in a scope (a service, group or priority), judged as the KPI is. */
static void S_scope_row(strbuf_t *out, const report_facts_t *f, kpi_id_t k, const char *scope,
                        double value, size_t n)
{
    const cfg_kpi_target_t *t = kpi_target(k, f->cfg);
    double nn = f->metrics->no_data ? NAN : (double)n;
    kpi_status_t st =
        f->metrics->no_data ? KPI_ST_NO_DATA : kpi_judge(value, nn, f->cfg->min_sample, t);
    S_csv_row(out, k, scope, value, nn, t ? t->target : NAN, st, NAN);
}

/* Scope `all`: the entries of the JSON's `kpis` list, the same values and statuses. */
static void S_all(strbuf_t *out, const report_t *r)
{
    for (size_t k = 0; k < KPI_COUNT; k++) {
        if (!(kpi_table[k].flags & KPI_LISTED))
            continue;
        kpi_entry_t e;
        report_kpi_entry(r, (kpi_id_t)k, &e);
        S_csv_row(out, (kpi_id_t)k, "all", e.value, e.n, e.target, e.status, e.previous);
    }
}

/* docs/metrics.md §11: each top-level clause against the stage 2 line. */
static void S_clauses(strbuf_t *out, const readiness_result_t *rr, strbuf_t *scope)
{
    for (size_t i = 0; i < rr->nclauses; i++) {
        const readiness_clause_t *c = &rr->clauses[i];
        if (c->depth)
            continue;
        strbuf_reset(scope);
        strbuf_printf(scope, "clause:%s", c->clause);
        cfg_kpi_target_t line60 = {"clause_score_pct", 60, NAN, 0};
        S_csv_row(out, KPI_READINESS, scope->data, c->score_pct, NAN, 60,
                  kpi_judge(readiness_round(c->score_pct), NAN, 0, &line60), NAN);
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
        S_scope_row(out, f, KPI_RESPONSE, scope->data, row->resp_pct,
                    row->resp_met + row->resp_breached);
        S_scope_row(out, f, KPI_RESOLUTION, scope->data, row->res_pct,
                    row->res_met + row->res_breached);
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
        cfg_kpi_target_t own = {"availability_pct", a->target_pct, NAN, 0};
        S_csv_row(out, KPI_AVAILABILITY, scope->data, a->availability_pct, NAN, a->target_pct,
                  kpi_judge(a->availability_pct, NAN, 0, &own), NAN);
    }
    for (int part = 0; part < 2; part++) {
        const satisfaction_part_t *arr =
            part ? m->satisfaction.by_group : m->satisfaction.by_service;
        size_t n = part ? m->satisfaction.nby_group : m->satisfaction.nby_service;
        for (size_t i = 0; i < n; i++) {
            strbuf_reset(scope);
            strbuf_printf(scope, "%s:%s", part ? "group" : "service", arr[i].name);
            S_scope_row(out, f, KPI_CSAT, scope->data, arr[i].csat_pct, arr[i].scored);
        }
    }
}

void render_csv_kpis(const report_t *r, strbuf_t *out)
{
    const report_facts_t *f = &r->facts;
    strbuf_t scope = {0};
    strbuf_puts(out, "kpi,scope,value,n,target,status,previous,delta\n");
    S_all(out, r);
    if (f->readiness)
        S_clauses(out, f->readiness, &scope);
    S_priorities(out, f, &scope);
    S_services(out, f, &scope);
    strbuf_clear(&scope);
}
