/*
 * timeparse — civil dates (Howard Hinnant's days_from_civil algorithm) and canonical timestamps.
 */
#include "input/timeparse.h"

#include <stdio.h>
#include <string.h>

int64_t floor_div(int64_t a, int64_t b)
{
    int64_t q = a / b;
    if ((a % b != 0) && ((a < 0) != (b < 0)))
        q--;
    return q;
}

/* days_from_civil's body, inlined where every row's times are read (S_fixed) */
static inline int64_t S_days_from_civil(int64_t y, int m, int d)
{
    y -= m <= 2;
    int64_t era = (y >= 0 ? y : y - 399) / 400; /* floor_div(y, 400) */
    int64_t yoe = y - era * 400;
    int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

int64_t days_from_civil(int64_t y, int m, int d)
{
    return S_days_from_civil(y, m, d);
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

/* The months S_fixed met lately, per thread: the day count of each one's first day and its
 * length, by its "YYYY-MM" (read as a number; 0 never matches, as digits are not NUL). An
 * export's times fall in a few months, so a time then costs no calendar arithmetic. */
#define MONTH_WAYS 16
static _Thread_local struct month_memo {
    uint64_t key;
    int64_t first;
    int len;
} S_months[MONTH_WAYS];

/* "YYYY-MM-DD hh:mm:ss" (or with a T), the form nearly every export writes: read at fixed
 * places. 1 when s is in that form and valid (*out set), 0 when the general reader must
 * decide (another form, or an invalid value it rejects the same way). */
static int S_fixed(const char *s, size_t len, parsed_time_t *out)
{
#define D(i) ((unsigned)((unsigned char)s[i] - '0')) /* above 9 when not a digit */
    if (len != 19 || s[4] != '-' || s[7] != '-' || (s[10] != ' ' && s[10] != 'T') || s[13] != ':' ||
        s[16] != ':')
        return 0;
    /* bytes 0-15 checked eight at a time, the separators (4, 7, 10, 13) read as '0': a byte is a
     * digit when its high half is 3 and adding 6 leaves it 3 (no carry can cross a byte then) */
    static const unsigned char SEPS[16] = {0, 0, 0,    0, 0xFF, 0,    0, 0xFF,
                                           0, 0, 0xFF, 0, 0,    0xFF, 0, 0};
    const uint64_t zeros = 0x3030303030303030ULL, high = 0xF0F0F0F0F0F0F0F0ULL;
    for (int half = 0; half < 2; half++) {
        uint64_t w, seps;
        memcpy(&w, s + 8 * half, 8);
        memcpy(&seps, SEPS + 8 * half, 8);
        w = (w & ~seps) | (zeros & seps);
        if ((w & high) != zeros || ((w + 0x0606060606060606ULL) & high) != zeros)
            return 0;
    }
    if (D(17) > 9 || D(18) > 9)
        return 0;
    uint64_t key = 0;
    memcpy(&key, s, 7);
    _Static_assert(MONTH_WAYS == 16, "the entry is the top four bits of the hash");
    struct month_memo *mm = &S_months[(key * 0x9E3779B97F4A7C15ULL) >> 60];
    if (mm->key != key) {
        int y = (int)(D(0) * 1000 + D(1) * 100 + D(2) * 10 + D(3)), m = (int)(D(5) * 10 + D(6));
        if (m < 1 || m > 12)
            return 0;
        *mm = (struct month_memo){key, S_days_from_civil(y, m, 1), days_in_month(y, m)};
    }
    int d = (int)(D(8) * 10 + D(9)), hh = (int)(D(11) * 10 + D(12));
    int mi = (int)(D(14) * 10 + D(15)), ss = (int)(D(17) * 10 + D(18));
#undef D
    if (d < 1 || d > mm->len || hh > 23 || mi > 59 || ss > 60)
        return 0;
    if (ss == 60) /* a leap second reads as the last second of its minute */
        ss = 59;
    out->has_offset = 0;
    out->seconds = (mm->first + d - 1) * 86400 + hh * 3600 + mi * 60 + ss;
    return 1;
}

int timeparse_canonical(const char *s, size_t len, parsed_time_t *out)
{
    const char *end = s + len;
    if (len && (s[0] == ' ' || s[0] == '\t' || end[-1] == ' ' || end[-1] == '\t'))
        S_trim(&s, &end); /* seldom: the callers have trimmed */
    if (S_fixed(s, (size_t)(end - s), out))
        return 0;
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
                    s++; /* fractions are dropped (docs/configuration.md §8) */
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

static const char *const MONTH_NAMES[12] = {"january",   "february", "march",    "april",
                                            "may",       "june",     "july",     "august",
                                            "september", "october",  "november", "december"};

static int S_lower(int c)
{
    return c >= 'A' && c <= 'Z' ? c + 32 : c;
}

/* 1 or 2 digits (up to `max` digits). */
static int S_num(const char **p, const char *end, int max)
{
    int v = 0, n = 0;
    while (*p < end && n < max && **p >= '0' && **p <= '9') {
        v = v * 10 + (**p - '0');
        (*p)++;
        n++;
    }
    return n ? v : -1;
}

typedef struct fields {
    int y, mo, d, h, mi, s, pm, h12, has_offset, offset;
} fields_t;

/* %m, %d, %H, %I, %M, %S: at most two digits within the conversion's range, into its field (a
 * leap second is read as 59). */
static int S_field(char conv, const char **sp, const char *end, fields_t *f)
{
    int *out, lo = 0, hi = 59;
    switch (conv) {
    case 'm':
        out = &f->mo, lo = 1, hi = 12;
        break;
    case 'd':
        out = &f->d, lo = 1, hi = 31;
        break;
    case 'H':
        out = &f->h, hi = 23;
        break;
    case 'I':
        out = &f->h, lo = 1, hi = 12;
        f->h12 = 1;
        break;
    case 'M':
        out = &f->mi;
        break;
    default:
        out = &f->s, hi = 60;
        break;
    }
    *out = S_num(sp, end, 2);
    if (*out < lo || *out > hi)
        return -1;
    if (out == &f->s && *out == 60)
        *out = 59;
    return 0;
}

/* %b: a month's full name or its three-letter abbreviation, the longest that matches. */
static int S_month_name(const char **sp, const char *end, fields_t *f)
{
    const char *s = *sp;
    int found = -1;
    size_t best = 0;
    for (int m = 0; m < 12; m++) {
        /* the full name, then the three-letter abbreviation ("May" is both: once) */
        size_t full = strlen(MONTH_NAMES[m]);
        size_t tries[2] = {full, 3};
        for (int t = 0; t < (full > 3 ? 2 : 1); t++) {
            size_t l = tries[t];
            if ((size_t)(end - s) < l)
                continue;
            size_t k = 0;
            while (k < l && S_lower((unsigned char)s[k]) == MONTH_NAMES[m][k])
                k++;
            if (k == l && l > best) {
                found = m;
                best = l;
            }
        }
    }
    if (found < 0)
        return -1;
    f->mo = found + 1;
    *sp = s + best;
    return 0;
}

/* %z: Z, or +HH[:MM] / -HH[:MM] (at most 18 hours). */
static int S_offset(const char **sp, const char *end, fields_t *f)
{
    const char *s = *sp;
    if (s < end && (*s == 'Z' || *s == 'z')) {
        s++;
        f->has_offset = 1;
        f->offset = 0;
    } else if (s < end && (*s == '+' || *s == '-')) {
        int sign = *s == '-' ? -1 : 1;
        s++;
        const char *t = s;
        int oh = S_num(&s, end, 2);
        if (oh < 0 || s - t != 2 || oh > 18)
            return -1;
        if (s < end && *s == ':')
            s++;
        int om = 0;
        if (s < end && *s >= '0' && *s <= '9') {
            om = S_num(&s, end, 2);
            if (om > 59)
                return -1;
        }
        f->has_offset = 1;
        f->offset = sign * (oh * 3600 + om * 60);
    } else {
        return -1;
    }
    *sp = s;
    return 0;
}

/* Matches pattern [pat, pend) against text at *sp; returns 0 and advances, or -1. A state
 * machine over the pattern, one case per conversion: kept in one piece so that a conversion's
 * rule reads beside the others. */
static int S_match(const char *pat, const char *pend, const char **sp, const char *end, fields_t *f)
{
    const char *s = *sp;
    while (pat < pend) {
        if (*pat == '[') {
            const char *close = memchr(pat, ']', (size_t)(pend - pat));
            if (!close)
                return -1;
            const char *t = s;
            fields_t saved = *f;
            if (S_match(pat + 1, close, &t, end, f) == 0)
                s = t;
            else
                *f = saved;
            pat = close + 1;
            continue;
        }
        if (*pat == ' ') {
            if (s >= end || (*s != ' ' && *s != '\t'))
                return -1;
            while (s < end && (*s == ' ' || *s == '\t'))
                s++;
            pat++;
            continue;
        }
        if (*pat != '%') {
            if (s >= end || S_lower((unsigned char)*s) != S_lower((unsigned char)*pat))
                return -1;
            s++;
            pat++;
            continue;
        }
        if (pat + 1 >= pend)
            return -1;
        char conv = pat[1];
        pat += 2;
        switch (conv) {
        case 'Y':
            if (end - s < 4 || (f->y = S_num(&s, end, 4)) < 1000)
                return -1;
            break;
        case 'y': {
            const char *t = s;
            int v = S_num(&s, end, 2);
            if (v < 0 || s - t != 2)
                return -1;
            f->y = 2000 + v;
            break;
        }
        case 'm':
        case 'd':
        case 'H':
        case 'I':
        case 'M':
        case 'S':
            if (S_field(conv, &s, end, f) != 0)
                return -1;
            break;
        case 'f':
            if (s + 1 < end && (*s == '.' || *s == ',') && s[1] >= '0' && s[1] <= '9') {
                s++;
                while (s < end && *s >= '0' && *s <= '9')
                    s++;
            }
            break;
        case 'p':
            if (end - s < 2 || S_lower((unsigned char)s[1]) != 'm')
                return -1;
            if (S_lower((unsigned char)s[0]) == 'p')
                f->pm = 1;
            else if (S_lower((unsigned char)s[0]) != 'a')
                return -1;
            s += 2;
            break;
        case 'b':
            if (S_month_name(&s, end, f) != 0)
                return -1;
            break;
        case 'z':
            if (S_offset(&s, end, f) != 0)
                return -1;
            break;
        case '%':
            if (s >= end || *s != '%')
                return -1;
            s++;
            break;
        default:
            return -1;
        }
    }
    *sp = s;
    return 0;
}

int timeparse_format(const char *pattern, const char *s, size_t len, parsed_time_t *out)
{
    const char *end = s + len;
    while (s < end && (*s == ' ' || *s == '\t'))
        s++;
    while (end > s && (end[-1] == ' ' || end[-1] == '\t'))
        end--;
    if (!strcmp(pattern, "iso"))
        return timeparse_canonical(s, (size_t)(end - s), out);
    if (!strcmp(pattern, "epoch") || !strcmp(pattern, "epoch_ms")) {
        const char *p = s;
        int neg = p < end && *p == '-';
        if (neg)
            p++;
        if (p >= end)
            return -1;
        int64_t v = 0;
        for (; p < end; p++) {
            if (*p < '0' || *p > '9' || v > INT64_MAX / 10 - 10)
                return -1;
            v = v * 10 + (*p - '0');
        }
        if (neg && v == 1)
            return 1; /* -1: unset */
        if (neg)
            return -1;
        if (v == 0)
            return 1;                             /* 0: unset */
        out->seconds = pattern[5] ? v / 1000 : v; /* milliseconds: fractions dropped */
        out->has_offset = 1;
        return 0;
    }
    fields_t f = {0};
    f.y = -1;
    const char *p = s;
    if (S_match(pattern, pattern + strlen(pattern), &p, end, &f) != 0 || p != end)
        return -1;
    if (f.y < 0 || f.mo < 1 || f.d < 1 || f.d > days_in_month(f.y, f.mo))
        return -1;
    if (f.h12)
        f.h = f.h % 12 + (f.pm ? 12 : 0);
    else if (f.pm && f.h < 12)
        f.h += 12;
    out->seconds = days_from_civil(f.y, f.mo, f.d) * 86400 + f.h * 3600 + f.mi * 60 + f.s;
    out->has_offset = f.has_offset;
    if (f.has_offset)
        out->seconds -= f.offset;
    return 0;
}

/* A run of digits at *p into *v (at most 9 digits are read: a duration of no sense stays within
 * range); -1 when there is none. */
static int S_digit_run(const char **p, const char *end, int64_t *v)
{
    const char *st = *p;
    *v = 0;
    while (*p < end && **p >= '0' && **p <= '9' && *v < 100000000)
        *v = *v * 10 + (*(*p)++ - '0');
    return *p == st ? -1 : 0;
}

/* HH:MM[:SS], hours may exceed 24. */
static int S_duration_clock(const char *s, const char *end, int64_t *seconds)
{
    int64_t part[3] = {0, 0, 0};
    int n = 0;
    const char *p = s;
    while (p < end && n < 3) {
        if (S_digit_run(&p, end, &part[n++]) != 0)
            return -1;
        if (p < end && *p != ':')
            return -1;
        if (p < end)
            p++;
    }
    if (p != end || n < 2 || part[1] > 59 || part[2] > 59)
        return -1;
    *seconds = part[0] * 3600 + part[1] * 60 + part[2];
    return 0;
}

/* "2 Days 3 Hours 5 Minutes": numbers with units (days, hours, min…, seconds). */
static int S_duration_words(const char *s, const char *end, int64_t *seconds)
{
    int64_t total = 0;
    int any = 0;
    const char *p = s;
    while (p < end) {
        while (p < end && (*p == ' ' || *p == ','))
            p++;
        if (p >= end)
            break;
        int64_t v;
        if (S_digit_run(&p, end, &v) != 0)
            return -1;
        while (p < end && *p == ' ')
            p++;
        const char *w = p;
        while (p < end && ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z')))
            p++;
        size_t wl = (size_t)(p - w);
        int mult = 0;
        if (wl >= 1 && S_lower((unsigned char)w[0]) == 'd')
            mult = 86400;
        else if (wl >= 1 && S_lower((unsigned char)w[0]) == 'h')
            mult = 3600;
        else if (wl >= 3 && S_lower((unsigned char)w[0]) == 'm' &&
                 S_lower((unsigned char)w[1]) == 'i' && S_lower((unsigned char)w[2]) == 'n')
            mult = 60;
        else if (wl >= 1 && S_lower((unsigned char)w[0]) == 's')
            mult = 1;
        else
            return -1;
        total += v * mult;
        any = 1;
    }
    if (!any)
        return -1;
    *seconds = total;
    return 0;
}

int timeparse_duration(const char *s, size_t len, int unit_seconds, int64_t *seconds)
{
    const char *end = s + len;
    while (s < end && *s == ' ')
        s++;
    while (end > s && end[-1] == ' ')
        end--;
    if (s >= end)
        return -1;
    if (memchr(s, ':', (size_t)(end - s)))
        return S_duration_clock(s, end, seconds);
    /* a plain number (fractions allowed) */
    int64_t whole = 0, frac = 0, scale = 1;
    const char *p = s;
    while (p < end && *p >= '0' && *p <= '9' && whole < 100000000000LL)
        whole = whole * 10 + (*p++ - '0');
    if (p < end && (*p == '.' || *p == ',')) {
        p++;
        while (p < end && *p >= '0' && *p <= '9' && scale < 1000000) {
            frac = frac * 10 + (*p++ - '0');
            scale *= 10;
        }
    }
    if (p == end && p > s) {
        *seconds = whole * unit_seconds + frac * unit_seconds / scale;
        return 0;
    }
    return S_duration_words(s, end, seconds);
}

/* One absolute form in [s, end): YYYY, YYYY-Qn, YYYY-MM, YYYY-MM-DD. */
static int S_period_part(const char *s, const char *end, period_kind_t *kind, int64_t *first,
                         int64_t *last_excl)
{
    const char *p = s;
    int y = S_digits(&p, end, 4), m, d, q;
    if (y < 1900 || y > 2200)
        return -1;
    if (p == end) {
        *kind = PERIOD_YEAR;
        *first = days_from_civil(y, 1, 1);
        *last_excl = days_from_civil(y + 1, 1, 1);
        return 0;
    }
    if (*p++ != '-' || p >= end)
        return -1;
    if (*p == 'Q' || *p == 'q') {
        p++;
        q = S_digits(&p, end, 1);
        if (q < 1 || q > 4 || p != end)
            return -1;
        *kind = PERIOD_QUARTER;
        *first = days_from_civil(y, 3 * q - 2, 1);
        *last_excl = q == 4 ? days_from_civil(y + 1, 1, 1) : days_from_civil(y, 3 * q + 1, 1);
        return 0;
    }
    m = S_digits(&p, end, 2);
    if (m < 1 || m > 12)
        return -1;
    if (p == end) {
        *kind = PERIOD_MONTH;
        *first = days_from_civil(y, m, 1);
        *last_excl = m == 12 ? days_from_civil(y + 1, 1, 1) : days_from_civil(y, m + 1, 1);
        return 0;
    }
    if (*p++ != '-')
        return -1;
    d = S_digits(&p, end, 2);
    if (d < 1 || d > days_in_month(y, m) || p != end)
        return -1;
    *kind = PERIOD_RANGE;
    *first = days_from_civil(y, m, d);
    *last_excl = *first + 1;
    return 0;
}

int timeparse_period(const char *s, size_t len, period_kind_t *kind, int64_t *first, int64_t *end)
{
    const char *e = s + len;
    S_trim(&s, &e);
    const char *dots = NULL;
    for (const char *p = s; p + 1 < e && !dots; p++)
        if (p[0] == '.' && p[1] == '.')
            dots = p;
    if (!dots)
        return S_period_part(s, e, kind, first, end);
    period_kind_t k1, k2;
    int64_t f1, e1, f2, e2;
    if (S_period_part(s, dots, &k1, &f1, &e1) != 0 ||
        S_period_part(dots + 2, e, &k2, &f2, &e2) != 0)
        return -1;
    if (e2 <= f1)
        return -1; /* the range ends before it starts */
    *kind = PERIOD_RANGE;
    *first = f1;
    *end = e2;
    return 0;
}

void timeparse_period_label(period_kind_t kind, int64_t first, int64_t end, char *buf, size_t n)
{
    int64_t y, y2;
    int m, d, m2, d2;
    civil_from_days(first, &y, &m, &d);
    switch (kind) {
    case PERIOD_MONTH:
        snprintf(buf, n, "%04d-%02d", (int)y, m);
        break;
    case PERIOD_QUARTER:
        snprintf(buf, n, "%04d-Q%d", (int)y, (m - 1) / 3 + 1);
        break;
    case PERIOD_YEAR:
        snprintf(buf, n, "%04d", (int)y);
        break;
    case PERIOD_RANGE:
        civil_from_days(end - 1, &y2, &m2, &d2);
        snprintf(buf, n, "%04d-%02d-%02d..%04d-%02d-%02d", (int)y, m, d, (int)y2, m2, d2);
        break;
    }
}
