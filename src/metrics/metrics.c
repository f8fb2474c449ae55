/*
 * metrics — runs the metric functions of section 5 for one period and frees their results.
 */
#include "metrics/metrics.h"

#include <stdlib.h>

metrics_t *metrics_compute(const config_t *cfg, const store_t *store, const tz_t *tz,
                           const metrics_period_t *p)
{
    metrics_t *m = xcalloc(1, sizeof(*m));
    m->period = *p;
    metrics_volumes(store, p, &m->volumes);
    metrics_sla(cfg, store, tz, p, &m->sla, &m->response, &m->resolution, m->resolution_hist);
    metrics_availability(cfg, store, tz, p, m);
    /* the response rate's denominator: incidents and requests resolved in P */
    size_t resolved_ir = 0;
    for (size_t i = 0; i < store->ntickets; i++) {
        const ticket_t *t = &store->tickets[i];
        if (is_incident_or_request(t) && ticket_counts(t, p->as_of) &&
            in_period(ticket_resolution(t, p->as_of), p))
            resolved_ir++;
    }
    metrics_satisfaction(cfg, store, p, resolved_ir, &m->satisfaction);
    metrics_efficiency(store, p, &m->efficiency);
    return m;
}

void metrics_trend_kpis(const metrics_t *m, trend_kpis_t *out)
{
    out->opened = (long)m->volumes.opened;
    out->resolved = (long)m->volumes.resolved;
    out->response_attainment_pct = m->sla.response_attainment_pct;
    out->resolution_attainment_pct = m->sla.resolution_attainment_pct;
    out->csat_pct = m->satisfaction.csat_pct;
    out->reopen_rate_pct = m->efficiency.reopen_rate_pct;
    out->availability_pct = m->overall_availability_pct;
}

ts_t metrics_earliest_opened(const store_t *store, ts_t as_of)
{
    ts_t best = TS_NONE;
    for (size_t i = 0; i < store->ntickets; i++) {
        ts_t o = store->tickets[i].opened;
        if (o <= as_of && (best == TS_NONE || o < best))
            best = o;
    }
    return best;
}

void metrics_free(metrics_t *m)
{
    if (!m)
        return;
    free(m->sla.rows);
    free(m->availability);
    satisfaction_free_parts(&m->satisfaction);
    volumes_free_parts(&m->volumes);
    for (size_t i = 0; i < m->nwarnings; i++)
        free(m->warnings[i]);
    free(m->warnings);
    free(m);
}
