/*
 * satisfaction — docs/metrics.md §6: every accepted survey row with responded_at in P counts,
 * whatever its ticket. Out-of-scale rows were already rejected on reading.
 */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "metrics/metrics.h"

/* Up to this many parts a walk comparing pointers (names are interned) costs less than
 * hashing; beyond, the parts are found by name in one probe of an index built then. */
#define PARTS_WALK 16

static satisfaction_part_t *S_part(satisfaction_part_t **arr, size_t *n, size_t *cap,
                                   hashmap_t **index, const char *name)
{
    void **slot = NULL;
    if (!*index && *n <= PARTS_WALK) {
        for (size_t i = 0; i < *n; i++)
            if ((*arr)[i].name == name)
                return &(*arr)[i];
    } else {
        if (!*index) {
            *index = hashmap_new();
            for (size_t i = 0; i < *n; i++)
                hashmap_put(*index, (*arr)[i].name, strlen((*arr)[i].name),
                            (void *)(uintptr_t)(i + 1));
        }
        slot = hashmap_slot(*index, name, strlen(name), NULL);
        if (*slot)
            return &(*arr)[(uintptr_t)*slot - 1];
    }
    satisfaction_part_t *p = xpush((void **)arr, n, cap, sizeof *p);
    p->name = name;
    if (slot)
        *slot = (void *)(uintptr_t)*n;
    return p;
}

static void S_add(satisfaction_part_t *p, const survey_t *s, double satisfied_from)
{
    p->responses++;
    if (!isnan(s->score)) {
        p->scored++;
        p->score_sum += s->score;
        p->satisfied += s->score >= satisfied_from;
    }
}

static int S_cmp_part(const void *a, const void *b)
{
    return strcmp(((const satisfaction_part_t *)a)->name, ((const satisfaction_part_t *)b)->name);
}

static void S_finish(satisfaction_part_t *arr, size_t n)
{
    if (n > 1)
        qsort(arr, n, sizeof *arr, S_cmp_part);
    for (size_t i = 0; i < n; i++) {
        arr[i].csat_pct =
            arr[i].scored ? 100.0 * (double)arr[i].satisfied / (double)arr[i].scored : NAN;
        arr[i].csat_mean = arr[i].scored ? arr[i].score_sum / (double)arr[i].scored : NAN;
    }
}

void satisfaction_clear(satisfaction_t *s)
{
    free(s->by_service);
    free(s->by_group);
    s->by_service = s->by_group = NULL;
    s->nby_service = s->nby_group = 0;
}

void metrics_satisfaction(const config_t *cfg, const store_t *store, const metrics_period_t *p,
                          size_t resolved_incidents_requests, satisfaction_t *out)
{
    memset(out, 0, sizeof *out);
    double sum = 0;
    size_t cap_service = 0, cap_group = 0;
    hashmap_t *services = NULL, *groups = NULL; /* made when there are many */
    for (size_t i = 0; i < store->nsurveys; i++) {
        const survey_t *s = &store->surveys[i];
        if (!in_period(s->responded, p) || s->responded > p->as_of)
            continue;
        out->responses++;
        if (!isnan(s->score)) {
            out->scored++;
            sum += s->score;
            long rounded = lround(s->score);
            if (rounded >= 0 && rounded <= 10)
                out->by_score[rounded]++;
            if (s->score >= cfg->satisfied_from)
                out->satisfied++;
        }
        long ti = s->ticket_id ? store_find_ticket(store, s->ticket_id) : -1;
        if (ti < 0) {
            out->unjoined++;
        } else {
            const ticket_t *t = &store->tickets[ti];
            if (t->service)
                S_add(S_part(&out->by_service, &out->nby_service, &cap_service, &services,
                             t->service),
                      s, cfg->satisfied_from);
            if (t->group)
                S_add(S_part(&out->by_group, &out->nby_group, &cap_group, &groups, t->group), s,
                      cfg->satisfied_from);
        }
        if (s->nps >= 0) {
            out->with_nps++;
            if (s->nps >= 9)
                out->promoters++;
            else if (s->nps <= 6)
                out->detractors++;
        }
    }
    hashmap_free(services);
    hashmap_free(groups);
    S_finish(out->by_service, out->nby_service);
    S_finish(out->by_group, out->nby_group);
    out->csat_pct = out->scored ? 100.0 * (double)out->satisfied / (double)out->scored : NAN;
    out->csat_mean = out->scored ? sum / (double)out->scored : NAN;
    out->nps = out->with_nps ? 100.0 * ((double)out->promoters - (double)out->detractors) /
                                   (double)out->with_nps
                             : NAN;
    out->response_rate_pct = resolved_incidents_requests ? 100.0 * (double)out->responses /
                                                               (double)resolved_incidents_requests
                                                         : NAN;
}
