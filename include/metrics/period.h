/*
 * period — the PERIOD forms of docs/configuration.md §1 (`2026-10`, `2026-Q3`, `2026`, `A..B`,
 * `last-month`, `last-quarter`, `this-month`), resolved to a half-open interval of local midnights
 * in the report's time zone, and stepped backwards for trends.
 */
#ifndef ISO20K_PERIOD_H
#define ISO20K_PERIOD_H

#include "input/timeparse.h"
#include "input/tz.h"

typedef enum {
    PFORM_ABSOLUTE,
    PFORM_LAST_MONTH,
    PFORM_LAST_QUARTER,
    PFORM_THIS_MONTH
} period_form_t;

/* A parsed PERIOD, not yet placed in a zone. */
typedef struct period_spec {
    period_form_t form;
    period_kind_t kind;
    int64_t first_day; /* day numbers (days_from_civil); [first_day, end_day) */
    int64_t end_day;
} period_spec_t;

typedef struct period {
    period_kind_t kind;
    int64_t first_day, end_day; /* local dates, end exclusive */
    ts_t start, end;            /* UTC instants of the local midnights */
    char label[48];             /* canonical form: 2026-10, 2026-Q3, 2026, A..B */
} period_t;

/* The list of valid forms, for error messages. */
extern const char period_forms_help[];

/* Parses a PERIOD; returns 0, or -1 when `s` is not one of the forms. */
int period_parse(const char *s, period_spec_t *out);
/* Places a parsed PERIOD in the zone; relative forms count from as_of. */
void period_resolve(const period_spec_t *spec, const tz_t *tz, ts_t as_of, period_t *out);
/* The period `back` steps before p (same kind; ranges step by their length in days). */
void period_shift_back(const period_t *p, int back, const tz_t *tz, period_t *out);

#endif
