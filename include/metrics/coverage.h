/*
 * coverage — what the data can support (docs/metrics.md §9): the earliest and latest timestamps of
 * the inputs, overall and per source, and whether they cover the period P (covered, partial or not
 * covered), and which kinds of data exist at all (outage data, a survey source, change and problem
 * records), so that a figure whose data is absent is null rather than a good-looking zero. Pure:
 * reads the config and the store, prints nothing.
 */
#ifndef ISO20K_COVERAGE_H
#define ISO20K_COVERAGE_H

#include "core/config.h"
#include "input/store.h"

typedef enum {
    COVERAGE_NOT_COVERED = 0,
    COVERAGE_PARTIAL,
    COVERAGE_COVERED,
    COVERAGE_STATUS_COUNT
} coverage_status_t;
/* "not_covered", "partial", "covered" (the JSON's words). */
extern const char *const coverage_status_names[COVERAGE_STATUS_COUNT];

/* A span of data and what it says of P. */
typedef struct coverage {
    ts_t first, last; /* TS_NONE when there is no timestamp */
    coverage_status_t status;
} coverage_t;

/* What each source is, and the data's coverage of P, overall and per source. */
typedef struct coverage_report {
    arena_t *arena;      /* holds the arrays below */
    coverage_t overall;  /* from the ticket sources; without any, from the others */
    coverage_t *sources; /* per entry of store->quality (the sources, then the registers) */
    int *records;        /* per source: PROFILE_TICKETS, _OUTAGES, _SURVEYS or _REGISTER */
    size_t nsources;
    int from_tickets;  /* overall comes from ticket sources */
    size_t *in_period; /* per source: tickets opened in P, outages meeting P, responses in P */
    /* the catalogue services that no ticket and no outage record names (known at as-of), in
     * catalogue order: in the catalogue but absent from the data; the names are the config's */
    const char **absent;
    size_t nabsent;
} coverage_report_t;

/* Which kinds of data the inputs hold at all (docs/metrics.md §9): a figure of a kind that is
 * absent is null, and the pack says so in words. */
typedef struct data_kinds {
    int tickets;       /* a source with a ticket profile */
    int outage_data;   /* a source with an outage profile, or availability.from_incidents */
    int survey_source; /* a source with a survey profile */
    int changes;       /* some source holds a change */
    int problems;      /* some source holds a problem */
} data_kinds_t;

/*
 * The status of a span [first, last] for P = [start, end) at as_of with the slack `gap`
 * seconds (quality.coverage_gap): not covered when there is no data (first or last TS_NONE),
 * or first >= end, or last < start; else partial when first > start + gap or
 * last < min(end, as_of) - gap; else covered.
 */
coverage_status_t coverage_judge(ts_t first, ts_t last, ts_t start, ts_t end, ts_t as_of,
                                 int64_t gap);
/*
 * The coverage of P by the data known at as_of: each source's span of its own timestamps at or
 * before as_of (tickets: opened, first response, resolved, closed; outages: start and end;
 * surveys: the response time), its records in P, the overall span, and the catalogue services
 * the data never names. Fills *out (zeroed by the caller); free with coverage_clear.
 */
void coverage_compute(const config_t *cfg, const store_t *store, ts_t start, ts_t end, ts_t as_of,
                      coverage_report_t *out);
/* Whether source i's coverage of P is judged: not for a review register (docs/configuration.md
 * §14), whose entry in store->quality has no timestamps of the period; its `sources[i]` is then
 * meaningless and neither shown nor warned about. */
int coverage_judged(const coverage_report_t *c, size_t i);
/* Frees what c holds and empties it; c itself is the caller's. */
void coverage_clear(coverage_report_t *c);
/* Which kinds of data the inputs hold (store->quality must hold each source's profile). */
void coverage_data_kinds(const config_t *cfg, const store_t *store, data_kinds_t *out);

#endif
