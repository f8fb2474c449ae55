/*
 * profile_tables — the types of the built-in tool profiles, which are data (profile_tables.c):
 * header names (aliases separated by |), value vocabularies, time formats, missing-value
 * markers and quirks. Used by profile.c only; adding a tool means adding a table, not code.
 */
#ifndef ISO20K_PROFILE_TABLES_H
#define ISO20K_PROFILE_TABLES_H

#include "core/config.h"
#include "input/store.h"

/* The fields a column can fill. */
enum {
    F_ID,
    F_KIND,
    F_SERVICE,
    F_PRIORITY,
    F_STATUS,
    F_OPENED,
    F_FIRST_RESPONSE,
    F_RESOLVED,
    F_CLOSED,
    F_GROUP,
    F_ASSIGNEE,
    F_CHANNEL,
    F_REOPEN,
    F_REASSIGN,
    F_TITLE,
    F_CHANGE_TYPE,
    F_OUTCOME,
    F_UPDATED,           /* last update: orders duplicates and events */
    F_SEQ,               /* update sequence number (sys_mod_count): marks an event log */
    F_RESPONSE_DURATION, /* time to first response, as a duration after opening */
    F_REOPENED_FLAG,     /* yes/no */
    F_ASSIGNEE_STATIONS, /* number of assignees: reassignments = stations − 1 */
    F_O_SERVICE,
    F_O_START,
    F_O_END,
    F_O_TYPE,
    F_O_ID,
    F_O_DESCRIPTION,
    F_S_RESPONDED,
    F_S_SCORE,
    F_S_TICKET,
    F_S_NPS,
    F_S_COMMENT,
    F_E_CASE, /* an event log's columns (docs/configuration.md §5): the case id, */
    F_E_ACTIVITY,
    F_E_TIME,
    F_E_RESOURCE,
    F_COUNT
};

enum { REC_TICKET, REC_OUTAGE, REC_SURVEY };

typedef struct vocab {
    const char *text;
    int value;
} vocab_t;

typedef struct coldef {
    int field;
    const char *headers; /* aliases, case-insensitive, separated by | */
} coldef_t;

typedef struct profile_def {
    const char *name;
    int record;
    int fixed_kind;   /* every row is this kind (KIND_NONE: from the data) */
    int default_kind; /* for an empty kind cell (KIND_NONE: rejected) */
    const coldef_t *cols;
    const vocab_t *kinds, *priorities, *statuses, *outcomes, *change_types, *outage_types, *scores;
    const char *const *time_formats; /* candidates; NULL-terminated; chosen per column */
    const char *missing;             /* missing-value markers besides the empty cell, | separated */
    int strict;                      /* canonical formats: unknown values reject the row */
    int html;                        /* text may hold HTML entities */
    int grouped_ids;                 /* ids may hold thousands separators */
    int duration_unit;               /* seconds per unit of a plain-number duration */
    int servicenow;                  /* warn at exactly 10,000 rows (the default export limit) */
} profile_def_t;

#define END_COLS                                                                                   \
    {                                                                                              \
        -1, NULL                                                                                   \
    }
#define END_VOCAB                                                                                  \
    {                                                                                              \
        NULL, 0                                                                                    \
    }

extern const profile_def_t profile_defs[];
extern const size_t profile_ndefs;
extern const vocab_t profile_kinds_common[], profile_priorities_common[], profile_statuses_common[],
    profile_outcomes_common[], profile_change_types_common[], profile_kinds_canonical[],
    profile_statuses_canonical[];
extern const char *const profile_formats_iso[];
/* The generic profile's candidate formats when the config gives no time_format. */
extern const char *const profile_formats_generic[];

#endif
