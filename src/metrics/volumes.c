/*
 * volumes — docs/metrics.md §2: opened, resolved, cancelled, by kind, backlog and its aging.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "metrics/metrics.h"

static int S_cmp_volume(const void *a, const void *b)
{
    const service_volume_t *x = a, *y = b;
    if (x->total != y->total)
        return x->total > y->total ? -1 : 1;
    return strcmp(x->service, y->service);
}

void volumes_clear(volumes_t *v)
{
    free(v->by_service);
    v->by_service = NULL;
    v->nby_service = 0;
}

void metrics_volumes(const store_t *store, const metrics_period_t *p, volumes_t *out)
{
    memset(out, 0, sizeof *out);
    hashmap_t *index = hashmap_new(); /* service → position + 1 */
    /* the names are interned: the positions of the strings met last, by address, so that a
     * repeated name costs no hashing */
    addr_memo_t memo = {0};
    size_t cap = 0;
    for (size_t i = 0, nt = period_ntickets(store, p); i < nt; i++) {
        const ticket_t *t = period_ticket(store, p, i);
        if (t->opened > p->as_of)
            continue; /* not yet known at as-of */
        out->listed += ticket_listed(t, p);
        if (t->status == TSTATUS_CANCELLED) {
            if (in_period(t->opened, p))
                out->cancelled++;
            continue;
        }
        if (in_period(t->opened, p)) {
            out->opened++;
            out->by_kind[t->kind]++;
            if (!t->service) {
                out->no_service++;
                out->no_service_by_kind[t->kind]++;
            } else {
                uintptr_t at = 0;
                size_t len = 0;
                if (!addr_memo_get(&memo, t->service, &at)) {
                    len = strlen(t->service);
                    at = (uintptr_t)hashmap_get(index, t->service, len);
                }
                if (!at) {
                    service_volume_t *v =
                        xpush((void **)&out->by_service, &out->nby_service, &cap, sizeof *v);
                    v->service = t->service;
                    at = out->nby_service;
                    hashmap_put(index, t->service, len, (void *)at);
                }
                addr_memo_put(&memo, t->service, at);
                out->by_service[at - 1].by_kind[t->kind]++;
                out->by_service[at - 1].total++;
            }
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
    hashmap_free(index);
    if (out->nby_service > 1)
        qsort(out->by_service, out->nby_service, sizeof(service_volume_t), S_cmp_volume);
}
