/*
 * eventlog — tickets rebuilt from an event log (docs/configuration.md §5): one row per event of a
 * case, as process-mining exports (CSV, spreadsheets, XES) and audit trails hold them. Events are
 * collected as they are read (case id, time, activity, resource, file order, and the latest
 * value of each case attribute); then each case's events are ordered by time, ties by file
 * order, and walked: opened, first response, paused intervals, resolved, closed, reopen count,
 * cancellation, assignee and reassignments, final state.
 *
 * It reads no file and knows no column or vocabulary: profile.c hands it the values of each
 * row and turns each case's walk into a ticket. Memory: 24 bytes per event (and 4 more while
 * rebuilding), plus per case its id, 28 bytes and 12 per attribute, plus the distinct
 * activities and resources; nothing grows with anything else (a case's events are ordered in
 * scratch arrays as large as the largest case, 44 bytes an event).
 */
#ifndef ISO20K_EVENTLOG_H
#define ISO20K_EVENTLOG_H

#include <stddef.h>
#include <stdint.h>

#include "core/util.h"
#include "input/store.h"

/* What the walk needs from the config and the run. */
typedef struct eventlog_rules {
    ts_t as_of;                         /* events after it are ignored (TS_MAX: none) */
    unsigned char pause[TSTATUS_COUNT]; /* 1 for each state whose time stops the SLA clock */
    int response_listed; /* the first response is the first event of a `response` activity;
                          * 0: the first move out of `new` into in_progress, on_hold, resolved
                          * or closed */
} eventlog_rules_t;

/* One event as the walk sees it. */
typedef struct eventlog_step {
    ts_t time;
    int8_t state;         /* the state its activity moves to; TSTATUS_NONE: unlisted (no move) */
    uint8_t response;     /* its activity is listed in `response` */
    const char *resource; /* NULL when empty (or no resource column) */
} eventlog_step_t;

/* What the walk found. */
typedef struct eventlog_walk {
    size_t used; /* steps at or before as-of (0: the case does not exist yet at as-of) */
    ts_t opened; /* the first step's time */
    ts_t first_response, resolved, closed; /* TS_NONE when not (or no longer) set */
    ts_t last;                             /* the last step's time */
    int8_t status;                         /* the state after the last step */
    int32_t reopen_count;
    const char *assignee;       /* the last non-empty resource, or NULL */
    int32_t reassignment_count; /* changes of resource after its first non-empty value; -1 when
                                 * no step has one */
} eventlog_walk_t;

/*
 * Walks steps[0..n) (ordered by time, ties by file order) as docs/configuration.md §5 says,
 * stopping at the first step after rules->as_of. Paused intervals (time spent in a pause state; one
 * still open at the last step ends at TS_MAX, which the metrics clip to min(end, as-of); two that
 * touch are one) are appended to *pauses (grown with xgrow; *npauses and *cap updated). Pure: no
 * other state is touched.
 */
void eventlog_walk(const eventlog_step_t *steps, size_t n, const eventlog_rules_t *rules,
                   eventlog_walk_t *out, pause_t **pauses, size_t *npauses, size_t *cap);

/* ---- collecting a log ---- */

typedef struct eventlog eventlog_t;

/* A distinct activity of the log. */
typedef struct eventlog_activity {
    const char *name; /* owned by the log */
    size_t count;     /* events read with it */
    int8_t state;     /* the state it moves a case to; TSTATUS_NONE: unlisted (the default) */
    uint8_t response; /* listed in `response` (0 by default) */
} eventlog_activity_t;

/*
 * A new, empty log whose cases have `nattrs` attribute slots. Resources and attribute values
 * are interned in `strings` (the store's interner, so that the tickets share them; it must
 * outlive the log). Events after `as_of` count but give no attribute value. Free with
 * eventlog_free.
 */
eventlog_t *eventlog_new(interner_t *strings, size_t nattrs, ts_t as_of);
/* Frees the log; eventlog_free(NULL) is a no-op. */
void eventlog_free(eventlog_t *log);

/* The index of activity name[0..len), added when new (*added set to 1; the caller then sets
 * its state and response through eventlog_activity_at). */
size_t eventlog_activity(eventlog_t *log, const char *name, size_t len, int *added);
eventlog_activity_t *eventlog_activity_at(eventlog_t *log, size_t index);
size_t eventlog_activity_count(const eventlog_t *log);

/*
 * Adds an event of case id[0..idlen) (not empty) at `time`, of activity `activity` (an index
 * from eventlog_activity), by resource[0..rlen) (NULL or empty: none), read at `line`. Returns
 * 0, or -1 when the log is full (2^32 − 1 events or cases): the event is not added.
 */
int eventlog_add(eventlog_t *log, const char *id, size_t idlen, ts_t time, size_t activity,
                 const char *resource, size_t rlen, size_t line);
/* Offers value[0..len) (not empty) of attribute `slot` of the event just added: it becomes the
 * case's value when the event is at or before as-of and no later event (by time, then file
 * order) gave one. */
void eventlog_attr(eventlog_t *log, size_t slot, const char *value, size_t len);

size_t eventlog_event_count(const eventlog_t *log);
size_t eventlog_case_count(const eventlog_t *log);
/* The earliest and latest event times (TS_NONE when the log is empty). */
void eventlog_span(const eventlog_t *log, ts_t *first, ts_t *last);

/* A case as the rebuild hands it on. */
typedef struct eventlog_case {
    const char *id;              /* owned by the log (the store copies what it keeps) */
    const eventlog_walk_t *walk; /* walk->used 0: every event is after as-of */
    const char *const *attrs;    /* the attribute values (interned), NULL where none */
    const pause_t *pauses;       /* its paused intervals, in order */
    size_t npauses;
    const uint32_t *lines; /* the line of each of its events, in walk order */
    size_t nevents;        /* all its events, those after as-of too */
} eventlog_case_t;

/*
 * Walks every case, in the order of their first events in the file, and calls fn with each.
 * The case's arrays are valid during the call only.
 */
void eventlog_rebuild(eventlog_t *log, const eventlog_rules_t *rules,
                      void (*fn)(void *ctx, const eventlog_case_t *c), void *ctx);

#endif
