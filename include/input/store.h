/*
 * store — the normalised records every metric reads: tickets, outage records and survey
 * responses, all times in UTC seconds, repeated strings interned; plus the data-quality log
 * (rows read, accepted, rejected by reason, warnings, each with the first three places).
 * It does not read files (profile.c does) and computes nothing (metrics do).
 */
#ifndef ISO20K_STORE_H
#define ISO20K_STORE_H

#include <stdint.h>

#include "core/config.h"
#include "core/util.h"
#include "input/timeparse.h"

typedef enum {
    TSTATUS_NONE = -1,
    TSTATUS_NEW = 0,
    TSTATUS_IN_PROGRESS,
    TSTATUS_ON_HOLD,
    TSTATUS_RESOLVED,
    TSTATUS_CLOSED,
    TSTATUS_CANCELLED,
    TSTATUS_COUNT
} ticket_status_t;
extern const char *const ticket_status_names[TSTATUS_COUNT];

typedef enum {
    CHANGE_NONE = -1,
    CHANGE_NORMAL = 0,
    CHANGE_STANDARD,
    CHANGE_EMERGENCY,
    CHANGE_TYPE_COUNT
} change_type_t;
extern const char *const change_type_names[CHANGE_TYPE_COUNT];

typedef enum {
    OUTCOME_NONE = -1,
    OUTCOME_SUCCESSFUL = 0,
    OUTCOME_FAILED,
    OUTCOME_BACKED_OUT,
    OUTCOME_CANCELLED,
    OUTCOME_COUNT
} change_outcome_t;
extern const char *const change_outcome_names[OUTCOME_COUNT];

typedef enum {
    OUTAGE_OUTAGE = 0,
    OUTAGE_DEGRADATION,
    OUTAGE_PLANNED,
    OUTAGE_TYPE_COUNT
} outage_type_t;
extern const char *const outage_type_names[OUTAGE_TYPE_COUNT];

/* A paused interval of a ticket's SLA clock (from a source with state history). */
typedef struct pause {
    ts_t start, end;
} pause_t;

typedef struct ticket {
    const char *id;
    const char *service; /* interned; NULL when the source gave none */
    const char *group;   /* interned or NULL */
    const char *assignee;
    const char *channel;
    const char *title; /* NULL when empty */
    ts_t opened;
    ts_t first_response; /* TS_NONE when not given */
    ts_t resolved;
    ts_t closed;
    ts_t updated;         /* last update, where the source gives one (orders duplicates) */
    int32_t reopen_count; /* -1: unknown */
    int32_t reassignment_count;
    int8_t kind;     /* ticket_kind_t */
    int8_t priority; /* 1..5, 0: none */
    int8_t status;   /* ticket_status_t */
    int8_t change_type;
    int8_t outcome;
    uint16_t source;      /* index into the config's sources */
    uint32_t line;        /* physical line in that source */
    uint32_t pause_first; /* into store.pauses */
    uint32_t pause_count;
} ticket_t;

typedef struct outage {
    const char *service;
    const char *id;
    const char *description;
    ts_t start;
    ts_t end; /* TS_NONE: still ongoing */
    int type; /* outage_type_t */
    uint16_t source;
    uint32_t line;
} outage_t;

typedef struct survey {
    ts_t responded;
    double score;          /* NAN when not given */
    int nps;               /* 0..10, -1 when not given */
    const char *ticket_id; /* NULL when not given */
    const char *comment;
    uint16_t source;
    uint32_t line;
} survey_t;

#define QUALITY_EXAMPLES 3

/* One reason for rejected rows, or one kind of warning, in one source. */
typedef struct quality_entry {
    const char *reason;
    size_t count;
    const char *examples[QUALITY_EXAMPLES]; /* "file:line" */
} quality_entry_t;

/* An activity of an event log, as `check` lists it. */
typedef struct quality_activity {
    const char *name;
    size_t count;
    int state; /* the state it maps to (ticket_status_t); TSTATUS_NONE: unmapped */
} quality_activity_t;

/* What an event-log source held (docs/configuration.md §5), for `check`. */
typedef struct quality_events {
    int set; /* the source is an event log */
    size_t events, cases;
    size_t rebuilt;                 /* cases that became tickets */
    size_t rejected;                /* cases rejected whole (each of their events a rejected row) */
    size_t later;                   /* cases whose every event is after as-of */
    ts_t first, last;               /* the log's time span (TS_NONE when it has no event) */
    quality_activity_t *activities; /* most frequent first, then by name; arena-owned */
    size_t nactivities;
} quality_events_t;

typedef struct source_quality {
    const char *file; /* as written in the config */
    const char *path; /* as opened */
    const char *profile;
    char sha256[65];
    size_t bytes;
    const char
        *format; /* "csv", "xlsx", "ods", "xls" (docs/spreadsheets.md), NULL before reading */
    const char *sheets; /* the sheets read, comma-separated ("" for CSV) */
    int unreadable;     /* the file is not a table that can be read: no output may be written */
    int is_register;    /* a review register (docs/configuration.md §14): never counts toward
                           max_rejected_pct */
    const char *sheet;  /* while reading: the sheet named in the places logged, or NULL */
    size_t rows_read, rows_accepted, rows_rejected;
    quality_entry_t *rejected; /* by reason, in order of first occurrence */
    size_t nrejected, caprejected;
    quality_entry_t *warnings;
    size_t nwarnings, capwarnings;
    quality_events_t events;
} source_quality_t;

typedef struct store {
    arena_t *arena; /* owns every string of every record, the record arrays and the quality log */
    interner_t *strings;
    ticket_t *tickets;
    size_t ntickets, captickets;
    outage_t *outages;
    size_t noutages, capoutages;
    survey_t *surveys;
    size_t nsurveys, capsurveys;
    pause_t *pauses;
    size_t npauses, cappauses;
    source_quality_t *quality; /* one per config source */
    size_t nquality;
    struct id_slot *ids; /* id → position: open addressing, at most half full */
    size_t idcap;
} store_t;

/* Returns a new empty store for `nsources` sources; free with store_free. */
store_t *store_new(size_t nsources);
void store_free(store_t *store);

/* Appends records (copied); returns the stored copy. */
ticket_t *store_add_ticket(store_t *store, const ticket_t *t);
/* Adds t when no ticket has its id yet (*added = 1), copying its id and title into the store
 * (they may point into a row that is about to be read over); returns the position of the
 * ticket that holds the id, in one hash probe. A row that is not added costs no memory. */
long store_add_ticket_once(store_t *store, const ticket_t *t, int *added);
/* Replaces the ticket at position `at` (same id) with t's fields, copying t's title into the
 * store; the earlier title's memory is reused when the new one fits. */
void store_replace_ticket(store_t *store, size_t at, const ticket_t *t);
/*
 * Makes room for `more` ticket ids beyond those stored: a hint, never needed for correctness.
 * A hint above STORE_RESERVE_MAX, or one memory cannot meet, is ignored (the index grows with
 * the ids as they are added), so that no estimate can end a run before its first row.
 */
void store_reserve_tickets(store_t *store, size_t more);
#define STORE_RESERVE_MAX ((size_t)1 << 22)
/* A hint that id is about to be added: its slot of the id index starts loading into the cache. */
void store_prefetch_id(const store_t *store, const char *id);
outage_t *store_add_outage(store_t *store, const outage_t *o);
survey_t *store_add_survey(store_t *store, const survey_t *s);
/* Appends n paused intervals (uninitialised) to store->pauses and returns the first; the pointer
 * is valid until the next append. */
pause_t *store_add_pauses(store_t *store, size_t n);
/* Index of the ticket with this id, or -1. */
long store_find_ticket(const store_t *store, const char *id);

/* Records one rejected row / one warning for source `src` at `line` (0: the whole file). */
void store_reject(store_t *store, size_t src, size_t line, const char *reason);
void store_warn(store_t *store, size_t src, size_t line, const char *reason);
/* A rejected row whose place carries the offending value or what was wrong (NULL: none), e.g.
 * "t.csv:5 ('P9')", "t.csv:7 (7 fields, the header has 9)" or "risks.csv:9 ('7')". */
void store_reject_note(store_t *store, size_t src, size_t line, const char *reason,
                       const char *note);
/* A warning whose example place carries a note, e.g. "b.csv:9 (replaces a.csv:3)". */
void store_warn_note(store_t *store, size_t src, size_t line, const char *reason, const char *note);
/* Total warnings in a source. */
size_t store_warning_count(const source_quality_t *q);

#endif
