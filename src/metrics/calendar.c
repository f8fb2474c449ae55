/*
 * calendar — open-time arithmetic. Each local day of the interval contributes the overlap of
 * its open intervals (converted to UTC through the zone, so DST days have their true length).
 * The loop is per day; an interval of a year costs 366 steps.
 */
#include "metrics/calendar.h"

int calendar_is_holiday(const cfg_calendar_t *cal, int64_t days)
{
    size_t lo = 0, hi = cal->nholidays;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (cal->holidays[mid] < days)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < cal->nholidays && cal->holidays[lo] == days;
}

int64_t calendar_seconds(const cfg_calendar_t *cal, const tz_t *tz, ts_t a, ts_t b)
{
    if (b <= a)
        return 0;
    if (cal->always_open)
        return b - a;
    int64_t first = floor_div(tz_utc_to_local(tz, a), 86400);
    int64_t last = floor_div(tz_utc_to_local(tz, b), 86400);
    int64_t total = 0;
    for (int64_t day = first; day <= last; day++) {
        int wd = weekday_from_days(day);
        if (!cal->nhours[wd] || calendar_is_holiday(cal, day))
            continue;
        for (size_t i = 0; i < cal->nhours[wd]; i++) {
            ts_t s = tz_local_to_utc(tz, day * 86400 + (int64_t)cal->hours[wd][i].start_min * 60, NULL);
            ts_t e = tz_local_to_utc(tz, day * 86400 + (int64_t)cal->hours[wd][i].end_min * 60, NULL);
            if (s < a)
                s = a;
            if (e > b)
                e = b;
            if (e > s)
                total += e - s;
        }
    }
    return total;
}
