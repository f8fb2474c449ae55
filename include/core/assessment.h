/*
 * assessment — a readiness self-assessment (`readiness.yaml`, docs/metrics.md §11) as plain data:
 * per catalogue item a score 0–5 or none, the evidence, the owner, the due date and the action with
 * its status. Loaded by app/config_assessment.c against the catalogue in force, scored by
 * metrics/readiness.c.
 */
#ifndef ISO20K_ASSESSMENT_H
#define ISO20K_ASSESSMENT_H

#include <stddef.h>

#include "core/catalogue.h"

/* The status of an item's action. */
typedef enum {
    ACTION_NONE = 0,
    ACTION_OPEN,
    ACTION_IN_PROGRESS,
    ACTION_DONE,
    ACTION_CANCELLED,
    ACTION_STATUS_COUNT
} action_status_t;
extern const char *const action_status_names[ACTION_STATUS_COUNT]; /* "", "open", … */

typedef struct assessment_entry {
    int score;            /* 0..5; -1: not assessed */
    const char *evidence; /* NULL when none given */
    const char *owner;
    const char *due; /* YYYY-MM-DD, or NULL */
    const char *action;
    int status; /* action_status_t */
} assessment_entry_t;

typedef struct assessment {
    const catalogue_t *catalogue; /* the catalogue the ids were checked against */
    assessment_entry_t *entries;  /* one per catalogue item, same index */
    const char *assessed_on;      /* YYYY-MM-DD, or NULL */
    const char *assessor;
} assessment_t;

#endif
