/*
 * tz — IANA time zones read from the system's TZif files (/usr/share/zoneinfo, or $TZDIR),
 * with the POSIX rule of the file's footer extended to 2200. Conversions are table look-ups;
 * no global TZ, no localtime, no mktime.
 */
#ifndef ISO20K_TZ_H
#define ISO20K_TZ_H

#include "core/diag.h"
#include "input/timeparse.h"

typedef struct tz tz_t;

/* Flags set by tz_local_to_utc. */
#define TZ_NONEXISTENT 1 /* the local time was skipped by a DST change */
#define TZ_AMBIGUOUS 2   /* the local time occurs twice */

/*
 * Loads the zone `name` (e.g. "Europe/Berlin", "UTC"). On success *out is a new zone the caller
 * frees with tz_free. Errors: ST_CONFIG for an unknown or malformed zone (message in d).
 */
status_t tz_load(const char *name, tz_t **out, diag_t *d);
/*
 * Reads the zone `name` from the TZif bytes data[0..len) (the tests and the fuzzer use it;
 * tz_load reads the file and calls it). A file that is not a valid TZif (RFC 8536: counts that
 * do not match the file's size, transitions out of order, offsets beyond 25 hours, a footer
 * that is no POSIX TZ string, …) is ST_CONFIG naming the zone, `file` and what is wrong.
 */
status_t tz_load_bytes(const char *name, const char *file, const void *data, size_t len, tz_t **out,
                       diag_t *d);
void tz_free(tz_t *tz);
const char *tz_name(const tz_t *tz);

/* UTC offset in seconds (east positive) in force at the UTC instant t. */
int tz_offset_at(const tz_t *tz, ts_t t);
/*
 * Converts local wall-clock seconds (days_from_civil × 86400 + time of day) to UTC. A skipped
 * or repeated local time is converted with the offset in force just before the change
 * (docs/configuration.md §8), and *flags (if not NULL) says which. Each thread keeps the last two
 * ranges of local times that convert alike, so that a run of times between the same two changes
 * costs no search; the zone itself is only read, and may be shared by threads.
 */
ts_t tz_local_to_utc(const tz_t *tz, int64_t local, int *flags);
/* UTC → local wall-clock seconds. */
static inline int64_t tz_utc_to_local(const tz_t *tz, ts_t t)
{
    return t + tz_offset_at(tz, t);
}

/* The first offset change strictly after t, or TS_MAX when there is none. */
ts_t tz_next_transition(const tz_t *tz, ts_t t);
/*
 * Both at once: the offset in force at t into *off, and the first change strictly after t (or
 * TS_MAX). Each thread keeps the last span between two changes that it found, so that a run of
 * instants between the same two changes costs no search; the zone is only read.
 */
ts_t tz_offset_until(const tz_t *tz, ts_t t, int *off);

/* Midnight (local) that starts the local day `days`, in UTC. */
ts_t tz_day_start(const tz_t *tz, int64_t days);

/* Writes t as ISO 8601 with the zone's offset ("2026-10-01T00:00:00+02:00") into buf[32]. */
void tz_format_iso(const tz_t *tz, ts_t t, char buf[32]);

#endif
