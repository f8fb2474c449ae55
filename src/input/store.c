/*
 * store — record arrays, interning and the data-quality log.
 */
#include "input/store.h"

#include <stdlib.h>
#include <string.h>

const char *const ticket_status_names[TSTATUS_COUNT] = {"new",      "in_progress", "on_hold",
                                                        "resolved", "closed",      "cancelled"};
const char *const change_type_names[CHANGE_TYPE_COUNT] = {"normal", "standard", "emergency"};
const char *const change_outcome_names[OUTCOME_COUNT] = {"successful", "failed", "backed_out",
                                                         "cancelled"};
const char *const outage_type_names[OUTAGE_TYPE_COUNT] = {"outage", "degradation", "planned"};

store_t *store_new(size_t nsources)
{
    store_t *s = xcalloc(1, sizeof(*s));
    s->arena = arena_new();
    s->strings = interner_new();
    s->nquality = nsources;
    s->quality = xcalloc(nsources ? nsources : 1, sizeof(source_quality_t));
    s->ticket_ids = hashmap_new();
    return s;
}

void store_free(store_t *s)
{
    if (!s)
        return;
    for (size_t i = 0; i < s->nquality; i++) {
        free(s->quality[i].rejected);
        free(s->quality[i].warnings);
    }
    free(s->quality);
    free(s->tickets);
    free(s->outages);
    free(s->surveys);
    free(s->pauses);
    hashmap_free(s->ticket_ids);
    interner_free(s->strings);
    arena_free(s->arena);
    free(s);
}

ticket_t *store_add_ticket(store_t *s, const ticket_t *t)
{
    xgrow((void **)&s->tickets, &s->captickets, s->ntickets + 1, sizeof(ticket_t));
    s->tickets[s->ntickets] = *t;
    hashmap_put(s->ticket_ids, t->id, strlen(t->id), (void *)(uintptr_t)(s->ntickets + 1));
    return &s->tickets[s->ntickets++];
}

long store_add_ticket_once(store_t *s, const ticket_t *t, int *added)
{
    void **slot = hashmap_slot(s->ticket_ids, t->id, strlen(t->id), NULL);
    *added = *slot == NULL;
    if (!*added)
        return (long)(uintptr_t)*slot - 1;
    xgrow((void **)&s->tickets, &s->captickets, s->ntickets + 1, sizeof(ticket_t));
    s->tickets[s->ntickets] = *t;
    *slot = (void *)(uintptr_t)(s->ntickets + 1);
    return (long)s->ntickets++;
}

outage_t *store_add_outage(store_t *s, const outage_t *o)
{
    xgrow((void **)&s->outages, &s->capoutages, s->noutages + 1, sizeof(outage_t));
    s->outages[s->noutages] = *o;
    return &s->outages[s->noutages++];
}

survey_t *store_add_survey(store_t *s, const survey_t *v)
{
    xgrow((void **)&s->surveys, &s->capsurveys, s->nsurveys + 1, sizeof(survey_t));
    s->surveys[s->nsurveys] = *v;
    return &s->surveys[s->nsurveys++];
}

long store_find_ticket(const store_t *s, const char *id)
{
    uintptr_t v = (uintptr_t)hashmap_get(s->ticket_ids, id, strlen(id));
    return v ? (long)v - 1 : -1;
}

static void S_log(store_t *s, quality_entry_t **arr, size_t *n, size_t *cap, const char *file,
                  size_t line, const char *reason, const char *note)
{
    quality_entry_t *e = NULL;
    for (size_t i = 0; i < *n; i++)
        if (strcmp((*arr)[i].reason, reason) == 0)
            e = &(*arr)[i];
    if (!e) {
        xgrow((void **)arr, cap, *n + 1, sizeof(quality_entry_t));
        e = &(*arr)[(*n)++];
        memset(e, 0, sizeof *e);
        e->reason = arena_strdup(s->arena, reason);
    }
    if (e->count < QUALITY_EXAMPLES) {
        strbuf_t sb = {0};
        if (line)
            strbuf_printf(&sb, "%s:%zu", file, line);
        else
            strbuf_puts(&sb, file);
        if (note)
            strbuf_printf(&sb, " (%s)", note);
        e->examples[e->count] = arena_strdup(s->arena, sb.data);
        strbuf_free(&sb);
    }
    e->count++;
}

void store_reject(store_t *s, size_t src, size_t line, const char *reason)
{
    source_quality_t *q = &s->quality[src];
    S_log(s, &q->rejected, &q->nrejected, &q->caprejected, q->file, line, reason, NULL);
}

void store_warn(store_t *s, size_t src, size_t line, const char *reason)
{
    source_quality_t *q = &s->quality[src];
    S_log(s, &q->warnings, &q->nwarnings, &q->capwarnings, q->file, line, reason, NULL);
}

void store_warn_note(store_t *s, size_t src, size_t line, const char *reason, const char *note)
{
    source_quality_t *q = &s->quality[src];
    S_log(s, &q->warnings, &q->nwarnings, &q->capwarnings, q->file, line, reason, note);
}

size_t store_warning_count(const source_quality_t *q)
{
    size_t n = 0;
    for (size_t i = 0; i < q->nwarnings; i++)
        n += q->warnings[i].count;
    return n;
}
