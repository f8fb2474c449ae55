/*
 * timeparse — civil dates (Howard Hinnant's days_from_civil algorithm) and canonical timestamps.
 */
#include "input/timeparse.h"

int64_t floor_div(int64_t a, int64_t b)
{
    int64_t q = a / b;
    if ((a % b != 0) && ((a < 0) != (b < 0)))
        q--;
    return q;
}

int64_t days_from_civil(int64_t y, int m, int d)
{
    y -= m <= 2;
    int64_t era = floor_div(y, 400);
    int64_t yoe = y - era * 400;
    int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

void civil_from_days(int64_t z, int64_t *y, int *m, int *d)
{
    z += 719468;
    int64_t era = floor_div(z, 146097);
    int64_t doe = z - era * 146097;
    int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int64_t mp = (5 * doy + 2) / 153;
    *d = (int)(doy - (153 * mp + 2) / 5 + 1);
    *m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = yoe + era * 400 + (*m <= 2);
}

int weekday_from_days(int64_t days)
{
    /* 1970-01-01 was a Thursday (3 when Monday is 0). */
    int64_t w = (days + 3) % 7;
    return (int)(w < 0 ? w + 7 : w);
}

int days_in_month(int64_t y, int m)
{
    static const int dm[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
        return 29;
    return dm[m - 1];
}

/* Reads exactly n digits at *p; returns -1 if any is not a digit. */
static int S_digits(const char **p, const char *end, int n)
{
    int v = 0;
    for (int i = 0; i < n; i++) {
        if (*p >= end || **p < '0' || **p > '9')
            return -1;
        v = v * 10 + (**p - '0');
        (*p)++;
    }
    return v;
}

static int S_date(const char **p, const char *end, int64_t *days)
{
    int y = S_digits(p, end, 4);
    if (y < 0 || *p >= end || **p != '-')
        return -1;
    (*p)++;
    int m = S_digits(p, end, 2);
    if (m < 1 || m > 12 || *p >= end || **p != '-')
        return -1;
    (*p)++;
    int d = S_digits(p, end, 2);
    if (d < 1 || d > days_in_month(y, m))
        return -1;
    *days = days_from_civil(y, m, d);
    return 0;
}

static void S_trim(const char **s, const char **end)
{
    while (*s < *end && (**s == ' ' || **s == '\t'))
        (*s)++;
    while (*end > *s && ((*end)[-1] == ' ' || (*end)[-1] == '\t'))
        (*end)--;
}

int timeparse_date(const char *s, size_t len, int64_t *days)
{
    const char *end = s + len;
    S_trim(&s, &end);
    if (S_date(&s, end, days) != 0 || s != end)
        return -1;
    return 0;
}

int timeparse_canonical(const char *s, size_t len, parsed_time_t *out)
{
    const char *end = s + len;
    S_trim(&s, &end);
    int64_t days;
    if (S_date(&s, end, &days) != 0)
        return -1;
    int64_t secs = 0;
    out->has_offset = 0;
    if (s < end) {
        if (*s != ' ' && *s != 'T')
            return -1;
        s++;
        int hh = S_digits(&s, end, 2);
        if (hh < 0 || hh > 23 || s >= end || *s != ':')
            return -1;
        s++;
        int mi = S_digits(&s, end, 2);
        if (mi < 0 || mi > 59)
            return -1;
        int ss = 0;
        if (s < end && *s == ':') {
            s++;
            ss = S_digits(&s, end, 2);
            if (ss < 0 || ss > 60)
                return -1;
            if (ss == 60) /* a leap second reads as the last second of its minute */
                ss = 59;
            if (s < end && (*s == '.' || *s == ',')) {
                s++;
                if (s >= end || *s < '0' || *s > '9')
                    return -1;
                while (s < end && *s >= '0' && *s <= '9')
                    s++; /* fractions are dropped (SPEC 4) */
            }
        }
        secs = hh * 3600 + mi * 60 + ss;
        if (s < end && (*s == 'Z' || *s == 'z')) {
            s++;
            out->has_offset = 1;
        } else if (s < end && (*s == '+' || *s == '-')) {
            int sign = *s == '-' ? -1 : 1;
            s++;
            int oh = S_digits(&s, end, 2);
            if (oh < 0 || oh > 18)
                return -1;
            int om = 0;
            if (s < end && *s == ':')
                s++;
            if (s < end) {
                om = S_digits(&s, end, 2);
                if (om < 0 || om > 59)
                    return -1;
            }
            secs -= sign * (oh * 3600 + om * 60);
            out->has_offset = 1;
        }
    }
    if (s != end)
        return -1;
    out->seconds = days * 86400 + secs;
    return 0;
}
