/*
 * period — parsing and resolution of reporting periods.
 */
#include "metrics/period.h"

#include <stdio.h>
#include <string.h>

const char period_forms_help[] =
    "valid forms: 2026-10 (a month), 2026-Q3 (a quarter), 2026 (a year), "
    "2026-10-01..2026-10-15 (inclusive dates), last-month, last-quarter, this-month";

static int S_num(const char **p, const char *end, int n, int *out)
{
    int v = 0;
    for (int i = 0; i < n; i++) {
        if (*p >= end || **p < '0' || **p > '9')
            return -1;
        v = v * 10 + (*(*p)++ - '0');
    }
    *out = v;
    return 0;
}

/* One absolute form: YYYY, YYYY-Qn, YYYY-MM, YYYY-MM-DD. */
static int S_absolute(const char *s, const char *end, period_kind_t *kind, int64_t *first,
                      int64_t *last_excl)
{
    const char *p = s;
    int y, m, d, q;
    if (S_num(&p, end, 4, &y) != 0 || y < 1900 || y > 2200)
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
        if (S_num(&p, end, 1, &q) != 0 || q < 1 || q > 4 || p != end)
            return -1;
        *kind = PERIOD_QUARTER;
        *first = days_from_civil(y, 3 * q - 2, 1);
        *last_excl = q == 4 ? days_from_civil(y + 1, 1, 1) : days_from_civil(y, 3 * q + 1, 1);
        return 0;
    }
    if (S_num(&p, end, 2, &m) != 0 || m < 1 || m > 12)
        return -1;
    if (p == end) {
        *kind = PERIOD_MONTH;
        *first = days_from_civil(y, m, 1);
        *last_excl = m == 12 ? days_from_civil(y + 1, 1, 1) : days_from_civil(y, m + 1, 1);
        return 0;
    }
    if (*p++ != '-' || S_num(&p, end, 2, &d) != 0 || d < 1 || d > days_in_month(y, m) || p != end)
        return -1;
    *kind = PERIOD_RANGE;
    *first = days_from_civil(y, m, d);
    *last_excl = *first + 1;
    return 0;
}

int period_parse(const char *s, period_spec_t *out)
{
    memset(out, 0, sizeof *out);
    if (!s)
        return -1;
    if (strcmp(s, "last-month") == 0) {
        out->form = PFORM_LAST_MONTH;
        out->kind = PERIOD_MONTH;
        return 0;
    }
    if (strcmp(s, "last-quarter") == 0) {
        out->form = PFORM_LAST_QUARTER;
        out->kind = PERIOD_QUARTER;
        return 0;
    }
    if (strcmp(s, "this-month") == 0) {
        out->form = PFORM_THIS_MONTH;
        out->kind = PERIOD_MONTH;
        return 0;
    }
    const char *end = s + strlen(s);
    const char *dots = strstr(s, "..");
    out->form = PFORM_ABSOLUTE;
    if (!dots)
        return S_absolute(s, end, &out->kind, &out->first_day, &out->end_day);
    period_kind_t k1, k2;
    int64_t f1, e1, f2, e2;
    if (S_absolute(s, dots, &k1, &f1, &e1) != 0 || S_absolute(dots + 2, end, &k2, &f2, &e2) != 0)
        return -1;
    if (e2 <= f1)
        return -1; /* the range ends before it starts */
    out->kind = PERIOD_RANGE;
    out->first_day = f1;
    out->end_day = e2;
    return 0;
}

static int64_t S_month_start(int64_t y, int m) /* m may be out of 1..12 */
{
    int64_t mm = (int64_t)m - 1;
    y += floor_div(mm, 12);
    mm -= floor_div(mm, 12) * 12;
    return days_from_civil(y, (int)mm + 1, 1);
}

static void S_label(period_t *p)
{
    int64_t y, y2;
    int m, d, m2, d2;
    civil_from_days(p->first_day, &y, &m, &d);
    switch (p->kind) {
    case PERIOD_MONTH:
        snprintf(p->label, sizeof p->label, "%04d-%02d", (int)y, m);
        break;
    case PERIOD_QUARTER:
        snprintf(p->label, sizeof p->label, "%04d-Q%d", (int)y, (m - 1) / 3 + 1);
        break;
    case PERIOD_YEAR:
        snprintf(p->label, sizeof p->label, "%04d", (int)y);
        break;
    case PERIOD_RANGE:
        civil_from_days(p->end_day - 1, &y2, &m2, &d2);
        snprintf(p->label, sizeof p->label, "%04d-%02d-%02d..%04d-%02d-%02d", (int)y, m, d, (int)y2,
                 m2, d2);
        break;
    }
}

static void S_finish(period_t *p, const tz_t *tz)
{
    p->start = tz_day_start(tz, p->first_day);
    p->end = tz_day_start(tz, p->end_day);
    S_label(p);
}

void period_resolve(const period_spec_t *spec, const tz_t *tz, ts_t as_of, period_t *out)
{
    memset(out, 0, sizeof *out);
    out->kind = spec->kind;
    if (spec->form == PFORM_ABSOLUTE) {
        out->first_day = spec->first_day;
        out->end_day = spec->end_day;
    } else {
        int64_t today = floor_div(tz_utc_to_local(tz, as_of), 86400);
        int64_t y;
        int m, d;
        civil_from_days(today, &y, &m, &d);
        if (spec->form == PFORM_THIS_MONTH) {
            out->first_day = S_month_start(y, m);
            out->end_day = S_month_start(y, m + 1);
        } else if (spec->form == PFORM_LAST_MONTH) {
            out->first_day = S_month_start(y, m - 1);
            out->end_day = S_month_start(y, m);
        } else {
            int qm = (m - 1) / 3 * 3 + 1; /* first month of the current quarter */
            out->first_day = S_month_start(y, qm - 3);
            out->end_day = S_month_start(y, qm);
        }
    }
    S_finish(out, tz);
}

void period_shift_back(const period_t *p, int back, const tz_t *tz, period_t *out)
{
    *out = *p;
    int64_t y;
    int m, d;
    civil_from_days(p->first_day, &y, &m, &d);
    switch (p->kind) {
    case PERIOD_MONTH:
        out->first_day = S_month_start(y, m - back);
        out->end_day = S_month_start(y, m - back + 1);
        break;
    case PERIOD_QUARTER:
        out->first_day = S_month_start(y, m - 3 * back);
        out->end_day = S_month_start(y, m - 3 * back + 3);
        break;
    case PERIOD_YEAR:
        out->first_day = days_from_civil(y - back, 1, 1);
        out->end_day = days_from_civil(y - back + 1, 1, 1);
        break;
    case PERIOD_RANGE: {
        int64_t len = p->end_day - p->first_day;
        out->first_day = p->first_day - back * len;
        out->end_day = p->end_day - back * len;
        break;
    }
    }
    S_finish(out, tz);
}
