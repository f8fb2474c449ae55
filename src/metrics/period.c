/*
 * period — parsing and resolution of reporting periods.
 */
#include "metrics/period.h"

#include <string.h>

const char period_forms_help[] =
    "valid forms: 2026-10 (a month), 2026-Q3 (a quarter), 2026 (a year), "
    "2026-10-01..2026-10-15 (inclusive dates), last-month, last-quarter, this-month";

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
    /* a PERIOD as written is exact: no blanks around it (timeparse_period allows them) */
    size_t len = strlen(s);
    if (!len || s[0] == ' ' || s[0] == '\t' || s[len - 1] == ' ' || s[len - 1] == '\t')
        return -1;
    out->form = PFORM_ABSOLUTE;
    return timeparse_period(s, len, &out->kind, &out->first_day, &out->end_day);
}

static int64_t S_month_start(int64_t y, int m) /* m may be out of 1..12 */
{
    int64_t mm = (int64_t)m - 1;
    y += floor_div(mm, 12);
    mm -= floor_div(mm, 12) * 12;
    return days_from_civil(y, (int)mm + 1, 1);
}

static void S_finish(period_t *p, const tz_t *tz)
{
    p->start = tz_day_start(tz, p->first_day);
    p->end = tz_day_start(tz, p->end_day);
    timeparse_period_label(p->kind, p->first_day, p->end_day, p->label, sizeof p->label);
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
