/*
 * calendar — open-time arithmetic.
 *
 * [a, b) is split at the zone's offset changes; within each piece local time is UTC plus a
 * constant, so its open seconds are those of a local-time range on the weekly pattern: the
 * partial first and last days interval by interval, the whole days between them by weeks from
 * the nominal weekly open time, less the holidays among them (found by date, their open time
 * summed in advance by config_index).
 */
#include "metrics/calendar.h"

/* The position of the first holiday on or after local day `days`. */
static size_t S_holiday_from(const cfg_calendar_t *cal, int64_t days)
{
    return i64_search(cal->holidays, cal->nholidays, sizeof *cal->holidays, days, 0);
}

int calendar_is_holiday(const cfg_calendar_t *cal, int64_t days)
{
    size_t at = S_holiday_from(cal, days);
    return at < cal->nholidays && cal->holidays[at] == days;
}

/* Nominal open seconds of a weekday. */
static int64_t S_nominal(const cfg_calendar_t *cal, int wd)
{
    int64_t total = 0;
    for (size_t i = 0; i < cal->nhours[wd]; i++)
        total += (int64_t)(cal->hours[wd][i].end_min - cal->hours[wd][i].start_min) * 60;
    return total;
}

/* Open local seconds of day `day` within the local range [x, y). */
static int64_t S_day_part(const cfg_calendar_t *cal, int64_t day, int64_t x, int64_t y)
{
    int wd = weekday_from_days(day);
    if (!cal->nhours[wd] || calendar_is_holiday(cal, day))
        return 0;
    int64_t total = 0, base = day * 86400;
    for (size_t i = 0; i < cal->nhours[wd]; i++) {
        int64_t s = base + (int64_t)cal->hours[wd][i].start_min * 60;
        int64_t e = base + (int64_t)cal->hours[wd][i].end_min * 60;
        if (s < x)
            s = x;
        if (e > y)
            e = y;
        if (e > s)
            total += e - s;
    }
    return total;
}

/* Open seconds of the whole local days d0..d1 (inclusive). */
static int64_t S_whole_days(const cfg_calendar_t *cal, int64_t d0, int64_t d1)
{
    if (d1 < d0)
        return 0;
    int64_t nominal[7], week = 0;
    for (int wd = 0; wd < 7; wd++)
        week += nominal[wd] = S_nominal(cal, wd);
    int64_t n = d1 - d0 + 1;
    int64_t total = n / 7 * week;
    for (int64_t d = d0 + n / 7 * 7; d <= d1; d++)
        total += nominal[weekday_from_days(d)];
    size_t lo = S_holiday_from(cal, d0);
    if (cal->holiday_open) { /* the holidays' open time by their sums: two look-ups by date */
        size_t hi = S_holiday_from(cal, d1 + 1); /* lo is the first of any repeated date */
        return total - (cal->holiday_open[hi] - cal->holiday_open[lo]);
    }
    for (size_t i = lo; i < cal->nholidays && cal->holidays[i] <= d1; i++)
        if (i == lo || cal->holidays[i] != cal->holidays[i - 1])
            total -= nominal[weekday_from_days(cal->holidays[i])];
    return total;
}

/* Open seconds of the local-time range [x, y). */
static int64_t S_local(const cfg_calendar_t *cal, int64_t x, int64_t y)
{
    if (y <= x)
        return 0;
    int64_t d0 = floor_div(x, 86400), d1 = floor_div(y - 1, 86400);
    if (d0 == d1)
        return S_day_part(cal, d0, x, y);
    return S_day_part(cal, d0, x, (d0 + 1) * 86400) + S_whole_days(cal, d0 + 1, d1 - 1) +
           S_day_part(cal, d1, d1 * 86400, y);
}

int64_t calendar_seconds(const cfg_calendar_t *cal, const tz_t *tz, ts_t a, ts_t b)
{
    if (b <= a)
        return 0;
    if (cal->always_open)
        return b - a;
    int64_t total = 0;
    for (ts_t cur = a; cur < b;) {
        int off;
        ts_t next = tz_offset_until(tz, cur, &off);
        ts_t end = next < b ? next : b;
        total += S_local(cal, cur + off, end + off);
        cur = end;
    }
    return total;
}

ts_t calendar_add(const cfg_calendar_t *cal, const tz_t *tz, ts_t start, int64_t seconds)
{
    if (seconds <= 0)
        return start;
    if (cal->always_open)
        return start + seconds;
    /* gallop to an instant past the target, then bisect: calendar_seconds grows by at most
     * one per second, so the smallest t reaching the target meets it exactly */
    const int64_t limit = (int64_t)200 * 366 * 86400;
    int64_t span = seconds;
    while (calendar_seconds(cal, tz, start, start + span) < seconds) {
        if (span > limit)
            return TS_NONE;
        span *= 2;
    }
    ts_t lo = start, hi = start + span; /* seconds(lo) < target <= seconds(hi) */
    while (hi - lo > 1) {
        ts_t mid = lo + (hi - lo) / 2;
        if (calendar_seconds(cal, tz, start, mid) >= seconds)
            hi = mid;
        else
            lo = mid;
    }
    return hi;
}
