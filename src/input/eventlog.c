/*
 * eventlog — the walk of docs/configuration.md §5 over one case's events, and the collection of a
 * whole log (cases found by id in a table of their own, activities and resources numbered once
 * each) that hands every case's walk on in the order the cases first appear. See input/eventlog.h.
 * It reads no file, knows no column and touches no store.
 */
#include "input/eventlog.h"

#include <stdlib.h>
#include <string.h>

/* ---- the walk ---- */

/* Appends [start, end) to the pauses from index `first` on (this case's), joined to the one
 * before it when they touch (on hold, taken up and put on hold again at the same instant). */
static void S_pause(pause_t **pauses, size_t *npauses, size_t *cap, size_t first, ts_t start,
                    ts_t end)
{
    if (end <= start)
        return; /* a pause left at the instant it began stops nothing */
    if (*npauses > first && (*pauses)[*npauses - 1].end == start) {
        (*pauses)[*npauses - 1].end = end;
        return;
    }
    xgrow((void **)pauses, cap, *npauses + 1, sizeof(pause_t));
    (*pauses)[*npauses].start = start;
    (*pauses)[*npauses].end = end;
    (*npauses)++;
}

static int S_open_state(int s)
{
    return s == TSTATUS_NEW || s == TSTATUS_IN_PROGRESS || s == TSTATUS_ON_HOLD;
}

/* The times a move from `from` into `to` at t sets or clears (docs/configuration.md §5). */
static void S_move(eventlog_walk_t *w, int from, int to, ts_t t)
{
    if ((from == TSTATUS_RESOLVED || from == TSTATUS_CLOSED) && S_open_state(to)) {
        w->reopen_count++;
        w->resolved = w->closed = TS_NONE;
    }
    if (to == TSTATUS_RESOLVED) {
        w->resolved = t;
    } else if (to == TSTATUS_CLOSED) {
        w->closed = t;
        if (from != TSTATUS_RESOLVED)
            w->resolved = t;
    } else if (to == TSTATUS_CANCELLED) {
        w->resolved = w->closed = TS_NONE;
    }
}

void eventlog_walk(const eventlog_step_t *steps, size_t n, const eventlog_rules_t *rules,
                   eventlog_walk_t *out, pause_t **pauses, size_t *npauses, size_t *cap)
{
    memset(out, 0, sizeof *out);
    out->opened = out->first_response = out->resolved = out->closed = out->last = TS_NONE;
    out->status = TSTATUS_NONE;
    out->reassignment_count = -1;
    size_t used = 0;
    while (used < n && steps[used].time <= rules->as_of)
        used++;
    out->used = used;
    if (!used)
        return;
    int state = TSTATUS_NEW;
    size_t first = *npauses;
    out->opened = steps[0].time;
    ts_t paused_since = rules->pause[TSTATUS_NEW] ? steps[0].time : TS_NONE;
    const char *resource = NULL;
    int32_t changes = 0;
    for (size_t i = 0; i < used; i++) {
        const eventlog_step_t *s = &steps[i];
        if (rules->response_listed && s->response && out->first_response == TS_NONE)
            out->first_response = s->time;
        if (s->resource) {
            if (resource && s->resource != resource) /* interned: equal text, equal pointer */
                changes++;
            resource = s->resource;
        }
        int to = s->state;
        if (to < 0 || to == state)
            continue; /* an unlisted activity, or one that keeps the state: no move */
        if (!rules->response_listed && state == TSTATUS_NEW && to != TSTATUS_CANCELLED &&
            out->first_response == TS_NONE)
            out->first_response = s->time;
        S_move(out, state, to, s->time);
        if (rules->pause[state] && !rules->pause[to]) {
            S_pause(pauses, npauses, cap, first, paused_since, s->time);
            paused_since = TS_NONE;
        } else if (!rules->pause[state] && rules->pause[to]) {
            paused_since = s->time;
        }
        state = to;
    }
    if (paused_since != TS_NONE) /* still paused: until min(end, as-of), which metrics clip */
        S_pause(pauses, npauses, cap, first, paused_since, TS_MAX);
    out->status = (int8_t)state;
    out->last = steps[used - 1].time;
    out->assignee = resource;
    out->reassignment_count = resource ? changes : -1;
}

/* ---- collecting ---- */

/* One event: 24 bytes. Its index in the array is its place in the file. */
typedef struct event {
    ts_t time;
    uint32_t kase;
    uint32_t activity;
    uint32_t resource; /* 0: none, else an index into resources + 1 */
    uint32_t line;
} event_t;

/* One case: 16 bytes. */
typedef struct kase {
    const char *id; /* in the log's arena */
    uint32_t hash;  /* of the id */
    uint32_t events;
} kase_t;

struct eventlog {
    interner_t *strings;
    arena_t *arena; /* case ids and every array below but the table */
    size_t nattrs;
    ts_t as_of;
    event_t *events;
    size_t nevents, capevents;
    kase_t *cases; /* numbered in order of first appearance */
    /* the latest value of each attribute of each case (ncases × nattrs), and the event that
     * gave it (UINT32_MAX: none) */
    const char **attr_values;
    uint32_t *attr_events;
    size_t ncases, capcases;
    uint32_t *table; /* open addressing: case index + 1, 0 empty; at most half full */
    size_t tablecap;
    /* activities and resources */
    hashmap_t *activity_map; /* name → index + 1 */
    eventlog_activity_t *activities;
    size_t nactivities, capactivities;
    hashmap_t *resource_map; /* name → index + 1 */
    const char **resources;  /* interned */
    size_t nresources, capresources;
    ts_t first, last;
};

eventlog_t *eventlog_new(interner_t *strings, size_t nattrs, ts_t as_of)
{
    eventlog_t *log = xcalloc(1, sizeof *log);
    log->strings = strings;
    log->arena = arena_new();
    log->nattrs = nattrs;
    log->as_of = as_of;
    log->activity_map = hashmap_new();
    log->resource_map = hashmap_new();
    log->tablecap = 1024;
    log->table = xcalloc(log->tablecap, sizeof *log->table);
    log->first = log->last = TS_NONE;
    return log;
}

void eventlog_free(eventlog_t *log)
{
    if (!log)
        return;
    free(log->table); /* replaced whenever it grows: the one array outside the arena */
    hashmap_free(log->activity_map);
    hashmap_free(log->resource_map);
    arena_free(log->arena);
    free(log);
}

size_t eventlog_activity(eventlog_t *log, const char *name, size_t len, int *added)
{
    const char *stored;
    void **v = hashmap_slot(log->activity_map, name, len, &stored);
    *added = 0;
    if (!*v) {
        arena_grow(log->arena, (void **)&log->activities, &log->capactivities, log->nactivities + 1,
                   sizeof(eventlog_activity_t));
        eventlog_activity_t *a = &log->activities[log->nactivities++];
        a->name = stored;
        a->count = 0;
        a->state = TSTATUS_NONE;
        a->response = 0;
        *v = (void *)(uintptr_t)log->nactivities;
        *added = 1;
    }
    return (size_t)(uintptr_t)*v - 1;
}

eventlog_activity_t *eventlog_activity_at(eventlog_t *log, size_t index)
{
    return &log->activities[index];
}

size_t eventlog_activity_count(const eventlog_t *log)
{
    return log->nactivities;
}

static void S_table_grow(eventlog_t *log)
{
    size_t cap = log->tablecap * 2;
    uint32_t *t = xcalloc(cap, sizeof *t);
    for (size_t c = 0; c < log->ncases; c++) {
        size_t i = log->cases[c].hash & (cap - 1);
        while (t[i])
            i = (i + 1) & (cap - 1);
        t[i] = (uint32_t)(c + 1);
    }
    free(log->table);
    log->table = t;
    log->tablecap = cap;
}

/* Room for `need` cases and their attribute slots. The slots' capacity is capcases × nattrs:
 * from the second growth on, that doubling is the one arena_grow makes, so no slot is wasted. */
static void S_cases_grow(eventlog_t *log, size_t need)
{
    size_t values_cap = log->capcases * log->nattrs, events_cap = values_cap;
    arena_grow(log->arena, (void **)&log->cases, &log->capcases, need, sizeof *log->cases);
    size_t slots = log->capcases * log->nattrs;
    arena_grow(log->arena, (void **)&log->attr_values, &values_cap, slots,
               sizeof *log->attr_values);
    arena_grow(log->arena, (void **)&log->attr_events, &events_cap, slots,
               sizeof *log->attr_events);
}

/* The index of case id[0..len), added when new; SIZE_MAX when the log is full. */
static size_t S_case(eventlog_t *log, const char *id, size_t len)
{
    uint32_t h = (uint32_t)util_hash(id, len);
    size_t mask = log->tablecap - 1;
    for (size_t i = h & mask;; i = (i + 1) & mask) {
        uint32_t c = log->table[i];
        if (!c)
            break;
        const char *s = log->cases[c - 1].id;
        if (log->cases[c - 1].hash == h && !memcmp(s, id, len) && s[len] == '\0')
            return c - 1;
    }
    if (log->ncases >= UINT32_MAX - 1)
        return SIZE_MAX;
    if ((log->ncases + 1) * 2 > log->tablecap)
        S_table_grow(log);
    size_t c = log->ncases++;
    if (c >= log->capcases)
        S_cases_grow(log, c + 1);
    log->cases[c].id = arena_strndup(log->arena, id, len);
    log->cases[c].hash = h;
    log->cases[c].events = 0;
    for (size_t k = 0; k < log->nattrs; k++) {
        log->attr_values[c * log->nattrs + k] = NULL;
        log->attr_events[c * log->nattrs + k] = UINT32_MAX;
    }
    mask = log->tablecap - 1;
    size_t i = h & mask;
    while (log->table[i])
        i = (i + 1) & mask;
    log->table[i] = (uint32_t)(c + 1);
    return c;
}

/* The resource's number (index + 1), 0 for none. */
static uint32_t S_resource(eventlog_t *log, const char *s, size_t len)
{
    if (!s || !len)
        return 0;
    const char *stored;
    void **v = hashmap_slot(log->resource_map, s, len, &stored);
    if (!*v) {
        arena_grow(log->arena, (void **)&log->resources, &log->capresources, log->nresources + 1,
                   sizeof *log->resources);
        log->resources[log->nresources++] = intern(log->strings, s, len);
        *v = (void *)(uintptr_t)log->nresources;
    }
    return (uint32_t)(uintptr_t)*v;
}

int eventlog_add(eventlog_t *log, const char *id, size_t idlen, ts_t time, size_t activity,
                 const char *resource, size_t rlen, size_t line)
{
    if (log->nevents >= UINT32_MAX - 1)
        return -1;
    size_t c = S_case(log, id, idlen);
    if (c == SIZE_MAX)
        return -1;
    if (log->nevents == log->capevents) /* the call only when full: this runs for every row */
        arena_grow(log->arena, (void **)&log->events, &log->capevents, log->nevents + 1,
                   sizeof(event_t));
    event_t *e = &log->events[log->nevents++];
    e->time = time;
    e->kase = (uint32_t)c;
    e->activity = (uint32_t)activity;
    e->resource = S_resource(log, resource, rlen);
    e->line = line > UINT32_MAX ? UINT32_MAX : (uint32_t)line;
    log->cases[c].events++;
    log->activities[activity].count++;
    if (log->first == TS_NONE || time < log->first)
        log->first = time;
    if (log->last == TS_NONE || time > log->last)
        log->last = time;
    return 0;
}

void eventlog_attr(eventlog_t *log, size_t slot, const char *value, size_t len)
{
    if (!log->nevents)
        return;
    const event_t *e = &log->events[log->nevents - 1];
    if (e->time > log->as_of || slot >= log->nattrs)
        return;
    size_t k = (size_t)e->kase * log->nattrs + slot;
    uint32_t *by = &log->attr_events[k];
    const char **v = &log->attr_values[k];
    /* events arrive in file order: an equal time read later is the later event */
    if (*by != UINT32_MAX && log->events[*by].time > e->time)
        return;
    *by = (uint32_t)(log->nevents - 1);
    /* a case's attributes mostly repeat from event to event: no look-up for the same text */
    if (!*v || strncmp(*v, value, len) != 0 || (*v)[len] != '\0')
        *v = intern(log->strings, value, len);
}

size_t eventlog_event_count(const eventlog_t *log)
{
    return log->nevents;
}

size_t eventlog_case_count(const eventlog_t *log)
{
    return log->ncases;
}

void eventlog_span(const eventlog_t *log, ts_t *first, ts_t *last)
{
    *first = log->first;
    *last = log->last;
}

/* ---- the rebuild ---- */

/* An event of the case being walked: its time and its place in the file. */
typedef struct order {
    ts_t time;
    uint32_t index;
} order_t;

static int S_cmp_order(const void *a, const void *b)
{
    const order_t *x = a, *y = b;
    if (x->time != y->time)
        return x->time < y->time ? -1 : 1;
    return x->index < y->index ? -1 : x->index > y->index;
}

/* Scratch arrays for one case at a time, as large as the largest case. */
typedef struct scratch {
    order_t *order;
    eventlog_step_t *steps;
    uint32_t *lines;
    pause_t *pauses;
    size_t npauses, cappauses;
} scratch_t;

/* Orders case c's events (their indexes in first[0..n)) and walks them. */
static void S_walk_case(eventlog_t *log, const eventlog_rules_t *rules, size_t c,
                        const uint32_t *idx, size_t n, scratch_t *sc,
                        void (*fn)(void *ctx, const eventlog_case_t *c), void *ctx)
{
    int sorted = 1;
    for (size_t k = 0; k < n; k++) {
        sc->order[k].time = log->events[idx[k]].time;
        sc->order[k].index = idx[k];
        if (k && sc->order[k].time < sc->order[k - 1].time)
            sorted = 0;
    }
    if (!sorted) /* the indexes rise already: only the times can be out of order */
        qsort(sc->order, n, sizeof *sc->order, S_cmp_order);
    for (size_t k = 0; k < n; k++) {
        const event_t *e = &log->events[sc->order[k].index];
        const eventlog_activity_t *a = &log->activities[e->activity];
        sc->steps[k].time = e->time;
        sc->steps[k].state = a->state;
        sc->steps[k].response = a->response;
        sc->steps[k].resource = e->resource ? log->resources[e->resource - 1] : NULL;
        sc->lines[k] = e->line;
    }
    eventlog_walk_t w;
    sc->npauses = 0;
    eventlog_walk(sc->steps, n, rules, &w, &sc->pauses, &sc->npauses, &sc->cappauses);
    eventlog_case_t ec = {
        log->cases[c].id, &w, log->attr_values + c * log->nattrs, sc->pauses, sc->npauses,
        sc->lines,        n};
    fn(ctx, &ec);
}

void eventlog_rebuild(eventlog_t *log, const eventlog_rules_t *rules,
                      void (*fn)(void *ctx, const eventlog_case_t *c), void *ctx)
{
    if (!log->ncases)
        return;
    /* a counting sort of the events by case, keeping file order within each case */
    uint32_t *start = xmalloc((log->ncases + 1) * sizeof *start);
    size_t largest = 0;
    start[0] = 0;
    for (size_t c = 0; c < log->ncases; c++) {
        start[c + 1] = start[c] + log->cases[c].events;
        if (log->cases[c].events > largest)
            largest = log->cases[c].events;
    }
    uint32_t *idx = xmalloc((log->nevents ? log->nevents : 1) * sizeof *idx);
    for (size_t i = 0; i < log->nevents; i++)
        idx[start[log->events[i].kase]++] = (uint32_t)i;
    /* start[c] is now the end of case c, which is where case c + 1 begins */
    scratch_t sc = {0};
    sc.order = xmalloc(largest * sizeof *sc.order);
    sc.steps = xmalloc(largest * sizeof *sc.steps);
    sc.lines = xmalloc(largest * sizeof *sc.lines);
    size_t begin = 0;
    for (size_t c = 0; c < log->ncases; c++) {
        S_walk_case(log, rules, c, idx + begin, start[c] - begin, &sc, fn, ctx);
        begin = start[c];
    }
    free(sc.order);
    free(sc.steps);
    free(sc.lines);
    free(sc.pauses);
    free(idx);
    free(start);
}
