/*
 * volumes — SPEC 5.1: opened, resolved, cancelled, by kind, backlog and its aging.
 */
#include <string.h>

#include "metrics/metrics.h"

void metrics_volumes(const store_t *store, const metrics_period_t *p, volumes_t *out)
{
    memset(out, 0, sizeof *out);
    for (size_t i = 0; i < store->ntickets; i++) {
        const ticket_t *t = &store->tickets[i];
        if (t->opened > p->as_of)
            continue; /* not yet known at as-of */
        if (t->status == TSTATUS_CANCELLED) {
            if (in_period(t->opened, p))
                out->cancelled++;
            continue;
        }
        if (in_period(t->opened, p)) {
            out->opened++;
            out->by_kind[t->kind]++;
        }
        ts_t res = ticket_resolution(t, p->as_of);
        if (in_period(res, p))
            out->resolved++;
        if (is_incident_or_request(t) && t->opened < p->end && (res == TS_NONE || res >= p->end)) {
            out->backlog_end++;
            int64_t age = p->end - t->opened;
            int bucket = age <= 7 * 86400 ? 0 : age <= 30 * 86400 ? 1 : age <= 90 * 86400 ? 2 : 3;
            out->aging[bucket]++;
        }
    }
}
