/*
 * render_csv — the KPI CSV of `iso20k metrics --format csv`: one row per KPI and scope, with
 * its target, red/amber/green status, previous value and change, numbers rounded as in the
 * JSON. Cells holding a comma, a quote or a line break are quoted.
 */
#include "render/render_csv.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

/* One CSV cell, quoted when it holds a comma, a quote or a line break. */
static void S_csv_cell(strbuf_t *out, const char *s)
{
    if (!strpbrk(s, ",\"\r\n")) {
        strbuf_puts(out, s);
        return;
    }
    strbuf_putc(out, '"');
    for (; *s; s++) {
        if (*s == '"')
            strbuf_putc(out, '"');
        strbuf_putc(out, *s);
    }
    strbuf_putc(out, '"');
}

static void S_csv_num(strbuf_t *out, double v, int dec)
{
    strbuf_putc(out, ',');
    if (!isnan(v) && !isinf(v)) {
        char buf[FORMAT_ROUNDED_MAX];
        strbuf_puts(out, format_rounded(buf, sizeof buf, v, dec));
    }
}

static void S_csv_row(strbuf_t *out, const report_t *r, const char *kpi, const char *scope,
                      double value, int dec, const cfg_kpi_target_t *target, double target_value,
                      double previous)
{
    S_csv_cell(out, kpi);
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
    (void)r;
}

void render_csv_kpis(const report_t *r, strbuf_t *out)
{
    const report_facts_t *f = &r->facts;
    const metrics_t *m = f->metrics;
    const config_t *cfg = f->cfg;
    const trend_kpis_t *pv = f->previous && f->previous->known ? &f->previous->kpis : NULL;
#define PREV(field) (pv ? (double)pv->field : NAN)
#define PREVN(field) (pv && pv->field >= 0 ? (double)pv->field : NAN)
    strbuf_puts(out, "kpi,scope,value,target,status,previous,delta\n");
    struct {
        const char *kpi;
        double v;
        int dec;
        double prev;
    } all[] = {
        {"opened", (double)m->volumes.opened, 0, PREVN(opened)},
        {"resolved", (double)m->volumes.resolved, 0, PREVN(resolved)},
        {"cancelled", (double)m->volumes.cancelled, 0, NAN},
        {"backlog_end", (double)m->volumes.backlog_end, 0, NAN},
        {"open_breached", (double)m->sla.open_breached, 0, NAN},
        {"no_target", (double)m->sla.no_target, 0, NAN},
        {"response_attainment_pct", m->sla.response_attainment_pct, 2,
         PREV(response_attainment_pct)},
        {"resolution_attainment_pct", m->sla.resolution_attainment_pct, 2,
         PREV(resolution_attainment_pct)},
        {"response_median_minutes", m->response.median, 1, NAN},
        {"response_p90_minutes", m->response.p90, 1, NAN},
        {"resolution_median_minutes", m->resolution.median, 1, NAN},
        {"resolution_p90_minutes", m->resolution.p90, 1, NAN},
        {"availability_pct", m->overall_availability_pct, 2, PREV(availability_pct)},
        {"csat_pct", m->satisfaction.csat_pct, 2, PREV(csat_pct)},
        {"csat_mean", m->satisfaction.csat_mean, 2, NAN},
        {"nps", m->satisfaction.nps, 2, NAN},
        {"response_rate_pct", m->satisfaction.response_rate_pct, 2, NAN},
        {"reopen_rate_pct", m->efficiency.reopen_rate_pct, 2, PREV(reopen_rate_pct)},
        {"first_assignment_resolution_pct", m->efficiency.first_assignment_resolution_pct, 2, NAN},
        {"change_success_pct", m->efficiency.change_success_pct, 2, NAN},
        {"emergency_change_pct", m->efficiency.emergency_change_pct, 2, NAN},
    };
#undef PREV
#undef PREVN
    for (size_t i = 0; i < sizeof all / sizeof all[0]; i++)
        S_csv_row(out, r, all[i].kpi, "all", all[i].v, all[i].dec, config_target(cfg, all[i].kpi),
                  NAN, all[i].prev);
    strbuf_t scope = {0};
    if (f->readiness) {
        /* SPEC 6: overall readiness, then each top-level clause against the stage 2 line */
        S_csv_row(out, r, "readiness_pct", "all", f->readiness->overall_pct, 2,
                  config_target(cfg, "readiness_pct"), NAN, NAN);
        for (size_t i = 0; i < f->readiness->nclauses; i++) {
            const readiness_clause_t *c = &f->readiness->clauses[i];
            if (c->depth)
                continue;
            strbuf_reset(&scope);
            strbuf_printf(&scope, "clause:%s", c->clause);
            S_csv_row(out, r, "readiness_pct", scope.data, c->score_pct, 2, NULL, 60, NAN);
        }
    }
    for (size_t i = 0; i < m->sla.nrows; i++) {
        const sla_row_t *row = &m->sla.rows[i];
        strbuf_reset(&scope);
        if (row->priority)
            strbuf_printf(&scope, "%s:P%d", kind_names[row->kind], row->priority);
        else
            strbuf_printf(&scope, "%s:no priority", kind_names[row->kind]);
        S_csv_row(out, r, "response_attainment_pct", scope.data, row->resp_pct, 2,
                  config_target(cfg, "response_attainment_pct"), NAN, NAN);
        S_csv_row(out, r, "resolution_attainment_pct", scope.data, row->res_pct, 2,
                  config_target(cfg, "resolution_attainment_pct"), NAN, NAN);
    }
    for (size_t i = 0; i < m->navailability; i++) {
        const availability_row_t *a = &m->availability[i];
        strbuf_reset(&scope);
        strbuf_printf(&scope, "service:%s", a->service);
        S_csv_row(out, r, "availability_pct", scope.data, a->availability_pct, 2, NULL,
                  a->target_pct, NAN);
    }
    for (int part = 0; part < 2; part++) {
        const satisfaction_part_t *arr =
            part ? m->satisfaction.by_group : m->satisfaction.by_service;
        size_t n = part ? m->satisfaction.nby_group : m->satisfaction.nby_service;
        for (size_t i = 0; i < n; i++) {
            strbuf_reset(&scope);
            strbuf_printf(&scope, "%s:%s", part ? "group" : "service", arr[i].name);
            S_csv_row(out, r, "csat_pct", scope.data, arr[i].csat_pct, 2,
                      config_target(cfg, "csat_pct"), NAN, NAN);
        }
    }
    strbuf_free(&scope);
}
