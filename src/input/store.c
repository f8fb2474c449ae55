/*
 * store — record arrays, interning and the data-quality log.
 */
#include "input/store.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/text.h"

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
    s->quality = arena_alloc(s->arena, (nsources ? nsources : 1) * sizeof(source_quality_t));
    return s;
}

void store_free(store_t *s)
{
    if (!s)
        return;
    free(s->ids); /* replaced whenever it grows: the one array outside the arena */
    interner_free(s->strings);
    arena_free(s->arena);
    free(s);
}

/*
 * The ticket-id index: 8 bytes a slot (a 32-bit hash and the position + 1), the ids themselves
 * read from the tickets, so that a million ids take 16 MB rather than a general table's 80 MB
 * with copies of the keys. Lookups compare an id only when the hashes agree.
 */
struct id_slot {
    uint32_t hash;
    uint32_t at; /* position + 1; 0: empty */
};

static uint32_t S_id_hash(const char *id)
{
    uint64_t h = util_hash(id, strlen(id));
    return (uint32_t)(h ^ (h >> 32));
}

/* The slot holding id, or the empty slot where it would go (the table is never full). */
static struct id_slot *S_id_slot(const store_t *s, const char *id, uint32_t h)
{
    size_t mask = s->idcap - 1;
    for (size_t i = h & mask;; i = (i + 1) & mask) {
        struct id_slot *e = &s->ids[i];
        if (!e->at || (e->hash == h && strcmp(s->tickets[e->at - 1].id, id) == 0))
            return e;
    }
}

/* The slots of an index for `count` ids at most half full; 0 when that is more than a 32-bit
 * position can address (memory runs out long before). */
static size_t S_ids_cap(size_t have, size_t count)
{
    if (count > UINT32_MAX / 2)
        return 0;
    size_t cap = have ? have : 1024;
    while (count * 2 > cap)
        cap *= 2;
    return cap;
}

/* Room for `count` ids with the table at most half full. A hint (hint = 1) that cannot be met
 * is ignored: the index then grows with the ids as they come. */
static void S_ids_reserve(store_t *s, size_t count, int hint)
{
    if (count * 2 <= s->idcap && count <= UINT32_MAX / 2)
        return;
    size_t cap = S_ids_cap(s->idcap, count);
    struct id_slot *ids = NULL;
    if (hint)
        ids = cap ? calloc(cap, sizeof(struct id_slot)) : NULL;
    else
        ids = cap ? xcalloc(cap, sizeof(struct id_slot)) : xmalloc(SIZE_MAX);
    if (!ids)
        return;
    struct id_slot *old = s->ids;
    size_t oldcap = s->idcap;
    s->ids = ids;
    s->idcap = cap;
    for (size_t i = 0; i < oldcap; i++) {
        if (!old[i].at)
            continue;
        size_t j = old[i].hash & (cap - 1);
        while (s->ids[j].at)
            j = (j + 1) & (cap - 1);
        s->ids[j] = old[i];
    }
    free(old);
}

/* Appends t and points its id's slot e at it. */
static ticket_t *S_append(store_t *s, const ticket_t *t, struct id_slot *e, uint32_t h)
{
    if (s->ntickets >= UINT32_MAX - 1) /* positions are 32-bit: memory runs out long before */
        xmalloc(SIZE_MAX);
    arena_grow(s->arena, (void **)&s->tickets, &s->captickets, s->ntickets + 1, sizeof(ticket_t));
    s->tickets[s->ntickets] = *t;
    e->hash = h;
    e->at = (uint32_t)(s->ntickets + 1);
    return &s->tickets[s->ntickets++];
}

ticket_t *store_add_ticket(store_t *s, const ticket_t *t)
{
    S_ids_reserve(s, s->ntickets + 1, 0);
    uint32_t h = S_id_hash(t->id);
    return S_append(s, t, S_id_slot(s, t->id, h), h); /* a repeated id now names this one */
}

long store_add_ticket_once(store_t *s, const ticket_t *t, int *added)
{
    S_ids_reserve(s, s->ntickets + 1, 0);
    uint32_t h = S_id_hash(t->id);
    struct id_slot *e = S_id_slot(s, t->id, h);
    *added = e->at == 0;
    if (!*added)
        return (long)e->at - 1;
    ticket_t *kept = S_append(s, t, e, h);
    kept->id = arena_strdup(s->arena, t->id);
    if (t->title)
        kept->title = arena_strdup(s->arena, t->title);
    return (long)s->ntickets - 1;
}

void store_replace_ticket(store_t *s, size_t at, const ticket_t *t)
{
    ticket_t *old = &s->tickets[at];
    const char *id = old->id; /* the same id: the index keeps pointing at this copy */
    char *title = (char *)old->title;
    *old = *t;
    old->id = id;
    if (!t->title || (title && strcmp(title, t->title) == 0)) {
        old->title = t->title ? title : NULL;
        return;
    }
    /* the earlier title's bytes are reused when the new one fits, so that a ticket replaced
     * again and again does not pile up titles in the arena */
    size_t len = strlen(t->title);
    if (title && strlen(title) >= len) {
        memcpy(title, t->title, len + 1);
        old->title = title;
    } else {
        old->title = arena_strndup(s->arena, t->title, len);
    }
}

void store_prefetch_id(const store_t *s, const char *id)
{
#if defined(__GNUC__)
    if (s->idcap)
        __builtin_prefetch(&s->ids[S_id_hash(id) & (s->idcap - 1)]);
#else
    (void)s, (void)id;
#endif
}

void store_reserve_tickets(store_t *s, size_t more)
{
    if (more <= STORE_RESERVE_MAX) /* beyond, a guess costs more than growing would */
        S_ids_reserve(s, s->ntickets + more, 1);
}

outage_t *store_add_outage(store_t *s, const outage_t *o)
{
    arena_grow(s->arena, (void **)&s->outages, &s->capoutages, s->noutages + 1, sizeof(outage_t));
    s->outages[s->noutages] = *o;
    return &s->outages[s->noutages++];
}

survey_t *store_add_survey(store_t *s, const survey_t *v)
{
    arena_grow(s->arena, (void **)&s->surveys, &s->capsurveys, s->nsurveys + 1, sizeof(survey_t));
    s->surveys[s->nsurveys] = *v;
    return &s->surveys[s->nsurveys++];
}

pause_t *store_add_pauses(store_t *s, size_t n)
{
    arena_grow(s->arena, (void **)&s->pauses, &s->cappauses, s->npauses + n, sizeof(pause_t));
    s->npauses += n;
    return s->pauses + s->npauses - n;
}

long store_find_ticket(const store_t *s, const char *id)
{
    if (!s->idcap)
        return -1;
    const struct id_slot *e = S_id_slot(s, id, S_id_hash(id));
    return e->at ? (long)e->at - 1 : -1;
}

static void S_log(store_t *s, quality_entry_t **arr, size_t *n, size_t *cap, const char *file,
                  const char *sheet, size_t line, const char *reason, const char *note)
{
    quality_entry_t *e = NULL;
    for (size_t i = 0; i < *n; i++)
        if (strcmp((*arr)[i].reason, reason) == 0)
            e = &(*arr)[i];
    if (!e) {
        e = arena_push(s->arena, (void **)arr, n, cap, sizeof *e);
        e->reason = arena_strdup(s->arena, reason);
    }
    if (e->count < QUALITY_EXAMPLES) {
        strbuf_t sb = {0};
        if (line)
            strbuf_printf(&sb, "%s:%zu", file, line);
        else
            strbuf_puts(&sb, file);
        if (sheet && note)
            strbuf_printf(&sb, " (sheet '%s'; %s)", sheet, note);
        else if (sheet || note)
            strbuf_printf(&sb, sheet ? " (sheet '%s')" : " (%s)", sheet ? sheet : note);
        if (!text_is_safe(sb.data, sb.len)) { /* a note may quote the input, or cut it */
            strbuf_t safe = {0};
            text_make_safe(&safe, sb.data, sb.len);
            strbuf_clear(&sb);
            sb = safe;
        }
        e->examples[e->count] = arena_strdup(s->arena, sb.data);
        strbuf_clear(&sb);
    }
    e->count++;
}

void store_reject(store_t *s, size_t src, size_t line, const char *reason)
{
    store_reject_note(s, src, line, reason, NULL);
}

void store_reject_note(store_t *s, size_t src, size_t line, const char *reason, const char *note)
{
    source_quality_t *q = &s->quality[src];
    S_log(s, &q->rejected, &q->nrejected, &q->caprejected, q->file, q->sheet, line, reason, note);
}

void store_warn(store_t *s, size_t src, size_t line, const char *reason)
{
    store_warn_note(s, src, line, reason, NULL);
}

void store_warn_note(store_t *s, size_t src, size_t line, const char *reason, const char *note)
{
    source_quality_t *q = &s->quality[src];
    S_log(s, &q->warnings, &q->nwarnings, &q->capwarnings, q->file, q->sheet, line, reason, note);
}

size_t store_warning_count(const source_quality_t *q)
{
    size_t n = 0;
    for (size_t i = 0; i < q->nwarnings; i++)
        n += q->warnings[i].count;
    return n;
}
