/*
 * timeparse — civil-date arithmetic and the canonical timestamp forms of docs/configuration.md §6:
 * `YYYY-MM-DD HH:MM[:SS]` (also with `T`, fractions dropped) with an optional `Z` or offset.
 * No locale, no strptime, no mktime: pure arithmetic, safe to call a million times.
 */
#ifndef ISO20K_TIMEPARSE_H
#define ISO20K_TIMEPARSE_H

#include <stddef.h>
#include <stdint.h>

typedef int64_t ts_t;     /* seconds since 1970-01-01T00:00:00Z */
#define TS_NONE INT64_MIN /* "no value" */
#define TS_MAX INT64_MAX

/* Days since 1970-01-01 of a proleptic Gregorian date (month 1–12). */
int64_t days_from_civil(int64_t y, int m, int d);
/* The date of a day number. */
void civil_from_days(int64_t days, int64_t *y, int *m, int *d);
/* 0 = Monday … 6 = Sunday. */
int weekday_from_days(int64_t days);
/* Number of days in a month. */
int days_in_month(int64_t y, int m);
/* Floor division for seconds → days. */
int64_t floor_div(int64_t a, int64_t b);

/* The result of parsing one timestamp. */
typedef struct parsed_time {
    int64_t seconds; /* local wall-clock seconds since 1970-01-01 00:00 (or UTC if has_offset) */
    int has_offset;  /* 1 when the text carried `Z` or an offset: seconds is already UTC */
} parsed_time_t;

/*
 * Parses s[0..len) in a canonical form (leading and trailing blanks allowed). A date alone is
 * its midnight. Returns 0 on success, -1 when the text is not such a timestamp or names an
 * impossible date or time.
 */
int timeparse_canonical(const char *s, size_t len, parsed_time_t *out);

/*
 * Parses s[0..len) with a pattern: `%Y` (4-digit year), `%y` (2-digit, 2000–2099), `%m` `%d`
 * `%H` `%I` `%M` `%S` (1 or 2 digits), `%b` (English month name or abbreviation), `%p` (AM/PM),
 * `%f` (an optional fraction, dropped), `%z` (`Z` or an offset), `[...]` (an optional part), a
 * space (one or more blanks); other characters match themselves (letters case-insensitively).
 * Special patterns: "iso" (timeparse_canonical), "epoch" and "epoch_ms" (0 and -1 mean unset).
 * Returns 0 on success, 1 for an "unset" value, -1 when the text does not match.
 */
int timeparse_format(const char *pattern, const char *s, size_t len, parsed_time_t *out);

/*
 * Parses a duration as exports write them: `HH:MM[:SS]`, a plain number in `unit_seconds`
 * units (60 for minutes), or `N Days N Hours N Minutes` style text. Returns 0 or -1.
 */
int timeparse_duration(const char *s, size_t len, int unit_seconds, int64_t *seconds);

/* Parses a date `YYYY-MM-DD` into a day number. Returns 0 or -1. */
int timeparse_date(const char *s, size_t len, int64_t *days);

/* The kinds of calendar period (docs/configuration.md §1's PERIOD forms). */
typedef enum { PERIOD_MONTH, PERIOD_QUARTER, PERIOD_YEAR, PERIOD_RANGE } period_kind_t;

/*
 * Parses an absolute PERIOD in s[0..len) (surrounding blanks allowed): `2026-10`, `2026-Q3`
 * (or `q3`), `2026`, a date `2026-10-05`, or `A..B` of those; years 1900–2200. Sets its kind
 * (a date or a range is PERIOD_RANGE) and its days [first, end). Returns 0, or -1 when s is not
 * such a period or a range ends before it starts.
 */
int timeparse_period(const char *s, size_t len, period_kind_t *kind, int64_t *first, int64_t *end);
/* The canonical label of a period (`2026-10`, `2026-Q3`, `2026`, `2026-10-01..2026-10-15`)
 * into buf (at least 24 bytes). */
void timeparse_period_label(period_kind_t kind, int64_t first, int64_t end, char *buf, size_t n);

#endif
