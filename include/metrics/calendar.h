/*
 * calendar — how many seconds of an interval fall inside a calendar's open times
 * (docs/configuration.md §8): weekly open hours per weekday, holidays closed all day, in the
 * report's time zone, DST-aware (a 24x7 day lasts 23 or 25 hours at a change). Pure: no I/O.
 */
#ifndef ISO20K_CALENDAR_H
#define ISO20K_CALENDAR_H

#include "core/config.h"
#include "input/tz.h"

/*
 * Seconds of [a, b) on the calendar: the instants whose local wall-clock time falls inside an
 * open interval of a day that is not a holiday (so a repeated hour counts twice when open and
 * a skipped hour not at all). 0 when b <= a. The cost does not grow with the length of the
 * interval, only with the DST changes and holidays inside it.
 */
int64_t calendar_seconds(const cfg_calendar_t *cal, const tz_t *tz, ts_t a, ts_t b);

/*
 * The inverse: the earliest instant t >= start with calendar_seconds(start, t) = seconds (an
 * SLA due time). TS_NONE when the calendar is never open within 200 years of start.
 */
ts_t calendar_add(const cfg_calendar_t *cal, const tz_t *tz, ts_t start, int64_t seconds);

/* True when the local date `days` is one of the calendar's holidays. */
int calendar_is_holiday(const cfg_calendar_t *cal, int64_t days);

#endif
