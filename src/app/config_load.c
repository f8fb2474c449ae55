/*
 * config_load — review.yaml (docs/configuration.md §4) → config_t: every key of the review config
 * typed and checked where it is read, defaults applied, relative paths resolved. The YAML layer is
 * app/ydoc.c; the files the config names have loaders of their own (config_theme.c,
 * config_roi.c, config_catalogue.c, config_assessment.c).
 *
 * Nothing here recurses on input-shaped data: every level of the config is a named function
 * for a known key, so an error points at the exact node.
 */
#include "app/config_load.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/config_assessment.h"
#include "app/config_catalogue.h"
#include "app/config_roi.h"
#include "app/config_theme.h"
#include "app/outfile.h"
#include "app/ydoc.h"
#include "input/profile.h"
#include "input/registers.h"
#include "input/tz.h"
#include "metrics/kpi.h"
#include "metrics/period.h"

/* A time zone name the zone database knows. */
static status_t S_timezone(ydoc_t *ld, yaml_node_t *v, const char *what, const char **out)
{
    TRY(ydoc_nonempty(ld, v, what, out));
    tz_t *tz = NULL;
    diag_t d2 = {0};
    if (tz_load(*out, &tz, &d2) != ST_OK) {
        status_t st = diag_set(ld->d, ST_CONFIG, ld->path, v->start_mark.line + 1,
                               v->start_mark.column + 1, "%s", d2.message);
        diag_clear(&d2);
        return st;
    }
    tz_free(tz);
    return ST_OK;
}

/* ---- sources ---- */

static const char *const SOURCE_KEYS[] = {
    "file",     "profile",   "timezone", "kind",       "columns", "time_format", "priorities",
    "encoding", "delimiter", "sheet",    "header_row", "events",  NULL};

/* A source's `kind`: every row of a generic source is of that kind. */
static status_t S_source_kind(ydoc_t *ld, yaml_node_t *v, cfg_source_t *src)
{
    const char *kind;
    TRY(ydoc_nonempty(ld, v, "kind", &kind));
    src->kind = KIND_NONE;
    for (int j = 0; j < KIND_COUNT; j++)
        if (!strcmp(kind, kind_names[j]))
            src->kind = j;
    if (src->kind == KIND_NONE)
        FAIL_AT(v, "kind must be incident, request, problem or change, not '%s'", kind);
    return ST_OK;
}

/* A mapping of names read as pairs, their keys copied (the values are read by the caller). */
static status_t S_pairs(ydoc_t *ld, yaml_node_t *v, const char *what, cfg_pair_t **pairs, size_t *n)
{
    TRY(ydoc_check_keys(ld, v, what, NULL));
    *n = NPAIRS(v);
    *pairs = arena_alloc(ld->cfg->arena, *n * sizeof(cfg_pair_t));
    for (size_t j = 0; j < *n; j++)
        (*pairs)[j].key = arena_strdup(ld->cfg->arena, KEY(ld, PAIRS(v)[j]));
    return ST_OK;
}

/* A source's `columns`: canonical name → the export's header (the names are checked against
 * the profile once the whole source is read, in S_source_complete). */
static status_t S_source_columns(ydoc_t *ld, yaml_node_t *v, cfg_source_t *src)
{
    TRY(S_pairs(ld, v, "columns", &src->columns, &src->ncolumns));
    for (size_t j = 0; j < src->ncolumns; j++)
        TRY(ydoc_nonempty(ld, VAL(ld, PAIRS(v)[j]), "a column header", &src->columns[j].value));
    return ST_OK;
}

/* The activities of `events.response`: a list of names, or one name. */
static status_t S_events_response(ydoc_t *ld, yaml_node_t *v, cfg_events_t *e)
{
    if (v->type == YAML_SCALAR_NODE) {
        e->nresponse = 1;
        e->response = arena_alloc(ld->cfg->arena, sizeof(char *));
        return ydoc_nonempty(ld, v, "a response activity", &e->response[0]);
    }
    TRY(ydoc_expect(ld, v, YAML_SEQUENCE_NODE, "response (a list of activities)"));
    if (NITEMS(v) == 0)
        FAIL_AT(v, "response needs at least one activity (leave it out for the default: the "
                   "first move out of new)");
    e->nresponse = NITEMS(v);
    e->response = arena_alloc(ld->cfg->arena, e->nresponse * sizeof(char *));
    for (size_t j = 0; j < e->nresponse; j++)
        TRY(ydoc_nonempty(ld, ydoc_node(ld, ITEMS(v)[j]), "a response activity", &e->response[j]));
    return ST_OK;
}

/* A source's `events` block (docs/configuration.md §5): which columns hold the case, the activity,
 * the time and the resource, the state each activity moves the case to, and the response
 * activities. */
static status_t S_source_events(ydoc_t *ld, yaml_node_t *v, cfg_source_t *src)
{
    static const char *const keys[] = {"case",   "activity", "time", "resource",
                                       "states", "response", NULL};
    cfg_events_t *e = &src->events;
    TRY(ydoc_check_keys(ld, v, "events", keys));
    e->set = 1;
    e->mark = ydoc_mark(v);
    for (size_t i = 0; i < NPAIRS(v); i++) {
        const char *k = KEY(ld, PAIRS(v)[i]);
        yaml_node_t *x = VAL(ld, PAIRS(v)[i]);
        if (!strcmp(k, "case"))
            TRY(ydoc_nonempty(ld, x, "events.case", &e->case_id));
        else if (!strcmp(k, "activity"))
            TRY(ydoc_nonempty(ld, x, "events.activity", &e->activity));
        else if (!strcmp(k, "time"))
            TRY(ydoc_nonempty(ld, x, "events.time", &e->time));
        else if (!strcmp(k, "resource"))
            TRY(ydoc_nonempty(ld, x, "events.resource", &e->resource));
        else if (!strcmp(k, "response"))
            TRY(S_events_response(ld, x, e));
        else {
            TRY(S_pairs(ld, x, "events.states", &e->states, &e->nstates));
            for (size_t j = 0; j < e->nstates; j++) {
                yaml_node_t *sv = VAL(ld, PAIRS(x)[j]);
                const char *state;
                TRY(ydoc_nonempty(ld, sv, "a state", &state));
                e->states[j].value = state;
                e->states[j].number = profile_state_by_name(state);
                if (e->states[j].number < 0)
                    FAIL_AT(sv,
                            "'%s' is not a state (states: new, in_progress, on_hold, resolved, "
                            "closed, cancelled)",
                            state);
            }
        }
    }
    return ST_OK;
}

/* A source's `priorities`: the export's value → priority 1..5. */
static status_t S_source_priorities(ydoc_t *ld, yaml_node_t *v, cfg_source_t *src)
{
    TRY(S_pairs(ld, v, "priorities", &src->priorities, &src->npriorities));
    for (size_t j = 0; j < src->npriorities; j++) {
        long p;
        TRY(ydoc_integer(ld, VAL(ld, PAIRS(v)[j]), "a priority", 1, 5, &p));
        src->priorities[j].number = (int)p;
    }
    return ST_OK;
}

/* A source's `encoding` (utf-8 or cp1252) and `delimiter` (, ; | or tab). */
static status_t S_source_text(ydoc_t *ld, const char *k, yaml_node_t *v, cfg_source_t *src)
{
    if (!strcmp(k, "encoding")) {
        TRY(ydoc_nonempty(ld, v, "encoding", &src->encoding));
        size_t len = strlen(src->encoding);
        if (!ascii_ieq(src->encoding, len, "utf-8") && !ascii_ieq(src->encoding, len, "utf8") &&
            !ascii_ieq(src->encoding, len, "cp1252") &&
            !ascii_ieq(src->encoding, len, "windows-1252"))
            FAIL_AT(v, "encoding must be utf-8 or cp1252, not '%s'", src->encoding);
        return ST_OK;
    }
    const char *dl;
    TRY(ydoc_string(ld, v, "delimiter", &dl));
    if (!strcmp(dl, "\\t") || !strcmp(dl, "tab"))
        dl = "\t";
    if (strlen(dl) != 1 || !strchr(",;\t|", dl[0]))
        FAIL_AT(v, "delimiter must be one of , ; | or tab");
    src->delimiter = dl[0];
    return ST_OK;
}

/* The key node (`value` 0) or the value node (1) of `key` in mapping m; m itself when m has
 * no such key. */
static yaml_node_t *S_key_node(ydoc_t *ld, yaml_node_t *m, const char *key, int value)
{
    for (size_t i = 0; i < NPAIRS(m); i++)
        if (!strcmp(KEY(ld, PAIRS(m)[i]), key))
            return ydoc_node(ld, value ? PAIRS(m)[i].value : PAIRS(m)[i].key);
    return m;
}

/* The names in `columns`: canonical for the profile's records, and none that an event log's
 * walk sets. */
static status_t S_check_columns(ydoc_t *ld, yaml_node_t *m, const cfg_source_t *src)
{
    yaml_node_t *map = S_key_node(ld, m, "columns", 1);
    if (map == m)
        return ST_OK;
    for (size_t j = 0; j < src->ncolumns; j++) {
        yaml_node_t *k = ydoc_node(ld, PAIRS(map)[j].key);
        const char *name = src->columns[j].key;
        if (!profile_canonical_column(src->profile, name)) {
            strbuf_t names = {0};
            profile_column_names(src->profile, &names);
            status_t st = diag_set(ld->d, ST_CONFIG, ld->path, k->start_mark.line + 1,
                                   k->start_mark.column + 1,
                                   "'%s' is not a canonical column name for the %s profile "
                                   "(valid: %s)",
                                   name, src->profile, strbuf_cstr(&names));
            strbuf_clear(&names);
            return st;
        }
        if (src->events.set && profile_walk_sets(name, src->events.resource != NULL))
            FAIL_AT(
                k,
                "'%s' is rebuilt from the events (docs/configuration.md §5) and cannot be given in "
                "'columns' beside 'events'",
                name);
    }
    return ST_OK;
}

/* What a source needs whatever its keys' order: a file, a profile, columns that the profile
 * knows, and for a generic source the kind and the columns of id and opened_at (or events). */
static status_t S_source_complete(ydoc_t *ld, yaml_node_t *m, const cfg_source_t *src)
{
    if (!src->file)
        FAIL_AT(m, "a source needs a 'file'");
    if (!src->profile)
        FAIL_AT(m, "source '%s' needs a 'profile' (known: %s)", src->file_written,
                profile_names_help());
    if (src->events.set && strcmp(src->profile, "generic") != 0)
        FAIL_AT(S_key_node(ld, m, "events", 0),
                "'events' needs the generic profile (this source reads '%s')", src->profile);
    TRY(S_check_columns(ld, m, src));
    if (!strcmp(src->profile, "generic")) {
        if (src->kind == KIND_NONE && !profile_pairs_have(src->columns, src->ncolumns, "kind"))
            FAIL_AT(m, "a generic source needs 'kind' or a 'kind' column in 'columns'");
        if (!src->events.set && (!profile_pairs_have(src->columns, src->ncolumns, "id") ||
                                 !profile_pairs_have(src->columns, src->ncolumns, "opened_at")))
            FAIL_AT(m, "a generic source needs 'columns' naming at least id and opened_at (or "
                       "an 'events' block for an event log)");
    }
    return ST_OK;
}

/* A workbook's `sheet`: a name, or a 1-based index (a number in YAML is a scalar like any
 * other). */
static status_t S_sheet(ydoc_t *ld, yaml_node_t *v, const char **out)
{
    TRY(ydoc_nonempty(ld, v, "sheet", out));
    if ((*out)[0] == '0' && strspn(*out, "0123456789") == strlen(*out))
        FAIL_AT(v, "sheet numbers start at 1, not '%s'", *out);
    return ST_OK;
}

/* A source's `sheet` or its `header_row`. */
static status_t S_source_sheet(ydoc_t *ld, const char *k, yaml_node_t *v, cfg_source_t *src)
{
    if (!strcmp(k, "sheet"))
        return S_sheet(ld, v, &src->sheet);
    long row;
    TRY(ydoc_integer(ld, v, "header_row", 1, 1048576, &row));
    src->header_row = (size_t)row;
    return ST_OK;
}

static status_t S_source(ydoc_t *ld, yaml_node_t *m, cfg_source_t *src)
{
    TRY(ydoc_check_keys(ld, m, "a source", SOURCE_KEYS));
    src->kind = KIND_NONE;
    src->mark = ydoc_mark(m);
    for (size_t i = 0; i < NPAIRS(m); i++) {
        const char *k = KEY(ld, PAIRS(m)[i]);
        yaml_node_t *v = VAL(ld, PAIRS(m)[i]);
        if (!strcmp(k, "file")) {
            TRY(ydoc_nonempty(ld, v, "file", &src->file_written));
            src->file = ydoc_resolve(ld, src->file_written);
        } else if (!strcmp(k, "profile")) {
            TRY(ydoc_nonempty(ld, v, "profile", &src->profile));
            if (!profile_known(src->profile))
                FAIL_AT(v, "unknown profile '%s' (known: %s)", src->profile, profile_names_help());
        } else if (!strcmp(k, "timezone")) {
            TRY(S_timezone(ld, v, "timezone", &src->timezone));
        } else if (!strcmp(k, "kind")) {
            TRY(S_source_kind(ld, v, src));
        } else if (!strcmp(k, "columns")) {
            TRY(S_source_columns(ld, v, src));
        } else if (!strcmp(k, "time_format")) {
            TRY(ydoc_nonempty(ld, v, "time_format", &src->time_format));
        } else if (!strcmp(k, "priorities")) {
            TRY(S_source_priorities(ld, v, src));
        } else if (!strcmp(k, "encoding") || !strcmp(k, "delimiter")) {
            TRY(S_source_text(ld, k, v, src));
        } else if (!strcmp(k, "sheet") || !strcmp(k, "header_row")) {
            TRY(S_source_sheet(ld, k, v, src));
        } else if (!strcmp(k, "events")) {
            TRY(S_source_events(ld, v, src));
        }
    }
    return S_source_complete(ld, m, src);
}

/* ---- calendars ---- */

static const char *const DAY_NAMES[7] = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};

static int S_day(const char *s, size_t len)
{
    for (int i = 0; i < 7; i++)
        if (ascii_ieq(s, len, DAY_NAMES[i]))
            return i;
    return -1;
}

/* "mon-fri", "sat", "mon,wed,fri" → a bit per day. */
static int S_days(const char *s, unsigned *mask)
{
    *mask = 0;
    while (*s) {
        const char *comma = strchr(s, ',');
        size_t len = comma ? (size_t)(comma - s) : strlen(s);
        const char *dash = memchr(s, '-', len);
        int a, b;
        if (dash) {
            a = S_day(s, (size_t)(dash - s));
            b = S_day(dash + 1, len - (size_t)(dash - s) - 1);
        } else {
            a = b = S_day(s, len);
        }
        if (a < 0 || b < 0)
            return -1;
        for (int i = a;; i = (i + 1) % 7) { /* fri-mon wraps over the weekend */
            *mask |= 1u << i;
            if (i == b)
                break;
        }
        s += len;
        if (*s == ',')
            s++;
    }
    return *mask ? 0 : -1;
}

static int S_hhmm(const char *s, size_t len, int *min)
{
    if (len != 5 || s[2] != ':')
        return -1;
    for (int i = 0; i < 5; i++)
        if (i != 2 && (s[i] < '0' || s[i] > '9'))
            return -1;
    int h = (s[0] - '0') * 10 + (s[1] - '0'), m = (s[3] - '0') * 10 + (s[4] - '0');
    if (h > 24 || m > 59 || (h == 24 && m != 0))
        return -1;
    *min = h * 60 + m;
    return 0;
}

static int S_cmp_hours(const void *a, const void *b)
{
    const cfg_hours_t *x = a, *y = b;
    return (x->start_min > y->start_min) - (x->start_min < y->start_min);
}

static int S_cmp_i64(const void *a, const void *b)
{
    int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
    return (x > y) - (x < y);
}

static status_t S_calendar(ydoc_t *ld, const char *name, yaml_node_t *m, cfg_calendar_t *cal)
{
    static const char *const keys[] = {"hours", "holidays", NULL};
    TRY(ydoc_check_keys(ld, m, "a calendar", keys));
    cal->name = name;
    for (size_t i = 0; i < NPAIRS(m); i++) {
        const char *k = KEY(ld, PAIRS(m)[i]);
        yaml_node_t *v = VAL(ld, PAIRS(m)[i]);
        if (!strcmp(k, "hours")) {
            TRY(ydoc_check_keys(ld, v, "hours", NULL));
            unsigned seen = 0;
            for (size_t j = 0; j < NPAIRS(v); j++) {
                yaml_node_t *kn = ydoc_node(ld, PAIRS(v)[j].key);
                unsigned mask;
                if (S_days(KEY(ld, PAIRS(v)[j]), &mask) != 0)
                    FAIL_AT(kn, "'%s' is not a day or day range (write e.g. mon-fri, sat, mon,wed)",
                            KEY(ld, PAIRS(v)[j]));
                if (mask & seen)
                    FAIL_AT(kn, "'%s' gives hours for a day already given", KEY(ld, PAIRS(v)[j]));
                seen |= mask;
                const char *spec;
                yaml_node_t *vn = VAL(ld, PAIRS(v)[j]);
                TRY(ydoc_string(ld, vn, "opening hours", &spec));
                /* "08:00-12:00,13:00-17:00" or "closed" */
                size_t cap = 1;
                for (const char *c = spec; *c; c++)
                    cap += *c == ',';
                cfg_hours_t *hours = arena_alloc(ld->cfg->arena, cap * sizeof(cfg_hours_t));
                size_t nh = 0;
                if (strcmp(spec, "closed") != 0) {
                    const char *s = spec;
                    while (*s) {
                        const char *comma = strchr(s, ',');
                        size_t len = comma ? (size_t)(comma - s) : strlen(s);
                        while (len && *s == ' ')
                            s++, len--;
                        while (len && s[len - 1] == ' ')
                            len--;
                        if (len != 11 || s[5] != '-' || S_hhmm(s, 5, &hours[nh].start_min) != 0 ||
                            S_hhmm(s + 6, 5, &hours[nh].end_min) != 0)
                            FAIL_AT(vn,
                                    "'%s' is not a list of opening hours (write e.g. "
                                    "08:00-18:00 or 08:00-12:00,13:00-17:00)",
                                    spec);
                        if (hours[nh].end_min <= hours[nh].start_min)
                            FAIL_AT(vn, "opening hours '%.*s' end before they start", (int)len, s);
                        nh++;
                        s += comma ? (size_t)(comma - s) + 1 : strlen(s);
                    }
                    if (nh > 1)
                        qsort(hours, nh, sizeof *hours, S_cmp_hours);
                    for (size_t h = 1; h < nh; h++)
                        if (hours[h].start_min < hours[h - 1].end_min)
                            FAIL_AT(vn, "opening hours '%s' overlap", spec);
                }
                for (int day = 0; day < 7; day++) {
                    if (mask & (1u << day)) {
                        cal->hours[day] = hours;
                        cal->nhours[day] = nh;
                    }
                }
            }
        } else if (!strcmp(k, "holidays")) {
            TRY(ydoc_expect(ld, v, YAML_SEQUENCE_NODE, "holidays"));
            cal->nholidays = NITEMS(v);
            cal->holidays = arena_alloc(ld->cfg->arena, cal->nholidays * sizeof(int64_t));
            for (size_t j = 0; j < cal->nholidays; j++) {
                yaml_node_t *dn = ydoc_node(ld, ITEMS(v)[j]);
                const char *ds;
                TRY(ydoc_string(ld, dn, "a holiday", &ds));
                if (timeparse_date(ds, strlen(ds), &cal->holidays[j]) != 0)
                    FAIL_AT(dn, "holiday '%s' is not a date (write YYYY-MM-DD)", ds);
            }
            if (cal->nholidays > 1)
                qsort(cal->holidays, cal->nholidays, sizeof(int64_t), S_cmp_i64);
        }
    }
    return ST_OK;
}

static status_t S_calendars(ydoc_t *ld, yaml_node_t *m)
{
    TRY(ydoc_check_keys(ld, m, "calendars", NULL));
    config_t *cfg = ld->cfg;
    cfg->ncalendars = 1 + NPAIRS(m);
    cfg->calendars = arena_alloc(cfg->arena, cfg->ncalendars * sizeof(cfg_calendar_t));
    cfg->calendars[0].name = "24x7";
    cfg->calendars[0].always_open = 1;
    for (size_t i = 0; i < NPAIRS(m); i++) {
        const char *name = arena_strdup(cfg->arena, KEY(ld, PAIRS(m)[i]));
        if (!strcmp(name, "24x7"))
            FAIL_AT(ydoc_node(ld, PAIRS(m)[i].key),
                    "the calendar '24x7' is built in and cannot be redefined");
        TRY(S_calendar(ld, name, VAL(ld, PAIRS(m)[i]), &cfg->calendars[1 + i]));
    }
    return ST_OK;
}

/* ---- services ---- */

static status_t S_service(ydoc_t *ld, yaml_node_t *m, cfg_service_t *svc, int need_name)
{
    static const char *const keys[] = {"name", "calendar", "availability_target", NULL};
    TRY(ydoc_check_keys(ld, m, need_name ? "a service" : "service_defaults", keys + !need_name));
    svc->mark = ydoc_mark(m);
    for (size_t i = 0; i < NPAIRS(m); i++) {
        const char *k = KEY(ld, PAIRS(m)[i]);
        yaml_node_t *v = VAL(ld, PAIRS(m)[i]);
        if (!strcmp(k, "name")) {
            TRY(ydoc_name(ld, v, "name", &svc->name));
        } else if (!strcmp(k, "calendar")) {
            TRY(ydoc_nonempty(ld, v, "calendar", &svc->calendar));
            svc->mark = ydoc_mark(v);
        } else if (!strcmp(k, "availability_target")) {
            TRY(ydoc_percent(ld, v, "availability_target", &svc->availability_target));
        }
    }
    if (need_name && !svc->name)
        FAIL_AT(m, "a service needs a 'name'");
    return ST_OK;
}

/* ---- maintenance ---- */

static status_t S_local_time(ydoc_t *ld, yaml_node_t *n, const char *what, int64_t *out)
{
    const char *s;
    TRY(ydoc_string(ld, n, what, &s));
    parsed_time_t pt;
    if (timeparse_canonical(s, strlen(s), &pt) != 0)
        FAIL_AT(n, "%s '%s' is not a time (write YYYY-MM-DD HH:MM)", what, s);
    if (pt.has_offset)
        FAIL_AT(n,
                "%s '%s': maintenance windows are in the report's time zone; leave out the "
                "offset",
                what, s);
    *out = pt.seconds;
    return ST_OK;
}

static status_t S_maintenance(ydoc_t *ld, yaml_node_t *seq)
{
    static const char *const keys[] = {"service", "start", "end", NULL};
    TRY(ydoc_expect(ld, seq, YAML_SEQUENCE_NODE, "maintenance"));
    config_t *cfg = ld->cfg;
    cfg->nmaintenance = NITEMS(seq);
    cfg->maintenance = arena_alloc(cfg->arena, cfg->nmaintenance * sizeof(cfg_maintenance_t));
    for (size_t i = 0; i < cfg->nmaintenance; i++) {
        yaml_node_t *m = ydoc_node(ld, ITEMS(seq)[i]);
        cfg_maintenance_t *w = &cfg->maintenance[i];
        TRY(ydoc_check_keys(ld, m, "a maintenance window", keys));
        w->mark = ydoc_mark(m);
        int have_start = 0, have_end = 0;
        for (size_t j = 0; j < NPAIRS(m); j++) {
            const char *k = KEY(ld, PAIRS(m)[j]);
            yaml_node_t *v = VAL(ld, PAIRS(m)[j]);
            if (!strcmp(k, "service"))
                TRY(ydoc_name(ld, v, "service", &w->service));
            else if (!strcmp(k, "start")) {
                TRY(S_local_time(ld, v, "start", &w->start_local));
                have_start = 1;
            } else if (!strcmp(k, "end")) {
                TRY(S_local_time(ld, v, "end", &w->end_local));
                have_end = 1;
            }
        }
        if (!w->service || !have_start || !have_end)
            FAIL_AT(m, "a maintenance window needs service, start and end");
        if (w->end_local <= w->start_local)
            FAIL_AT(m, "maintenance window for '%s' ends before it starts", w->service);
    }
    return ST_OK;
}

/* ---- sla ---- */

static status_t S_sla_target(ydoc_t *ld, yaml_node_t *m, cfg_sla_target_t *t)
{
    static const char *const keys[] = {"respond", "resolve", "calendar", NULL};
    TRY(ydoc_check_keys(ld, m, "an SLA target", keys));
    t->respond = t->resolve = -1;
    t->calendar = "24x7";
    t->mark = ydoc_mark(m);
    for (size_t i = 0; i < NPAIRS(m); i++) {
        const char *k = KEY(ld, PAIRS(m)[i]);
        yaml_node_t *v = VAL(ld, PAIRS(m)[i]);
        if (!strcmp(k, "respond"))
            TRY(ydoc_duration(ld, v, "respond", &t->respond));
        else if (!strcmp(k, "resolve"))
            TRY(ydoc_duration(ld, v, "resolve", &t->resolve));
        else if (!strcmp(k, "calendar")) {
            TRY(ydoc_nonempty(ld, v, "calendar", &t->calendar));
            t->mark = ydoc_mark(v);
        }
    }
    if (t->respond < 0 && t->resolve < 0)
        FAIL_AT(m, "an SLA target needs respond, resolve or both");
    return ST_OK;
}

static status_t S_sla(ydoc_t *ld, yaml_node_t *m)
{
    static const char *const keys[] = {"incident", "request", "pause_states", NULL};
    TRY(ydoc_check_keys(ld, m, "sla", keys));
    config_t *cfg = ld->cfg;
    size_t total = 0;
    for (size_t i = 0; i < NPAIRS(m); i++) {
        yaml_node_t *v = VAL(ld, PAIRS(m)[i]);
        if (strcmp(KEY(ld, PAIRS(m)[i]), "pause_states") != 0) {
            TRY(ydoc_check_keys(ld, v, "SLA targets of a kind", NULL));
            total += NPAIRS(v);
        }
    }
    cfg->sla = arena_alloc(cfg->arena, total * sizeof(cfg_sla_target_t));
    for (size_t i = 0; i < NPAIRS(m); i++) {
        const char *k = KEY(ld, PAIRS(m)[i]);
        yaml_node_t *v = VAL(ld, PAIRS(m)[i]);
        if (!strcmp(k, "pause_states")) {
            TRY(ydoc_expect(ld, v, YAML_SEQUENCE_NODE, "pause_states"));
            cfg->npause_states = NITEMS(v);
            cfg->pause_states = arena_alloc(cfg->arena, cfg->npause_states * sizeof(char *));
            for (size_t j = 0; j < cfg->npause_states; j++)
                TRY(ydoc_nonempty(ld, ydoc_node(ld, ITEMS(v)[j]), "a pause state",
                                  &cfg->pause_states[j]));
            continue;
        }
        int kind = !strcmp(k, "incident") ? KIND_INCIDENT : KIND_REQUEST;
        /* the key that gave each priority (1 … 5) its target: `1` and `"01"` (or `+1`) are
         * different keys of one priority, and the first must not win in silence */
        yaml_node_t *given[6] = {NULL};
        for (size_t j = 0; j < NPAIRS(v); j++) {
            yaml_node_t *kn = ydoc_node(ld, PAIRS(v)[j].key);
            const char *pk = KEY(ld, PAIRS(v)[j]);
            cfg_sla_target_t *t = &cfg->sla[cfg->nsla++];
            t->kind = kind;
            if (!strcmp(pk, "default")) {
                t->priority = 0;
            } else {
                char *end;
                long p = strtol(pk, &end, 10);
                if (*end || end == pk || p < 1 || p > 5)
                    FAIL_AT(kn, "SLA priority must be 1 to 5 or 'default', not '%s'", pk);
                if (given[p])
                    FAIL_AT(kn,
                            "SLA priority '%s' of %s is priority %ld, already given as '%s' at "
                            "line %zu, column %zu",
                            pk, k, p, (const char *)given[p]->data.scalar.value,
                            (size_t)given[p]->start_mark.line + 1,
                            (size_t)given[p]->start_mark.column + 1);
                given[p] = kn;
                t->priority = (int)p;
            }
            TRY(S_sla_target(ld, VAL(ld, PAIRS(v)[j]), t));
        }
    }
    return ST_OK;
}

/* ---- smaller sections ---- */

static status_t S_output(ydoc_t *ld, yaml_node_t *m)
{
    static const char *const keys[] = {"dir", "name", NULL};
    TRY(ydoc_check_keys(ld, m, "output", keys));
    for (size_t i = 0; i < NPAIRS(m); i++) {
        const char *k = KEY(ld, PAIRS(m)[i]);
        yaml_node_t *v = VAL(ld, PAIRS(m)[i]);
        if (!strcmp(k, "dir")) {
            TRY(ydoc_path(ld, v, "output.dir", &ld->cfg->output_dir));
        } else {
            TRY(ydoc_nonempty(ld, v, "output.name", &ld->cfg->output_name));
            const char *nm = ld->cfg->output_name;
            if (strchr(nm, '/') || strchr(nm, '\\') || nm[0] == '.')
                FAIL_AT(v, "output.name must be a plain file name without '/' and not starting "
                           "with '.'");
            if (!outfile_pattern_ok(nm))
                FAIL_AT(v,
                        "output.name '%s' has an unknown placeholder (known: {period}, "
                        "{organization}, {as_of})",
                        nm);
        }
    }
    return ST_OK;
}

static status_t S_availability(ydoc_t *ld, yaml_node_t *m)
{
    static const char *const keys[] = {"from_incidents", "count_degradation", NULL};
    static const char *const fkeys[] = {"max_priority", NULL};
    TRY(ydoc_check_keys(ld, m, "availability", keys));
    for (size_t i = 0; i < NPAIRS(m); i++) {
        const char *k = KEY(ld, PAIRS(m)[i]);
        yaml_node_t *v = VAL(ld, PAIRS(m)[i]);
        if (!strcmp(k, "count_degradation")) {
            TRY(ydoc_bool(ld, v, "count_degradation", &ld->cfg->count_degradation));
        } else {
            TRY(ydoc_check_keys(ld, v, "from_incidents", fkeys));
            if (NPAIRS(v) == 0)
                FAIL_AT(v, "from_incidents needs max_priority");
            long p;
            TRY(ydoc_integer(ld, VAL(ld, PAIRS(v)[0]), "max_priority", 1, 5, &p));
            ld->cfg->from_incidents_max_priority = (int)p;
        }
    }
    return ST_OK;
}

static status_t S_satisfaction(ydoc_t *ld, yaml_node_t *m)
{
    static const char *const keys[] = {"scale", "satisfied_from", NULL};
    TRY(ydoc_check_keys(ld, m, "satisfaction", keys));
    config_t *cfg = ld->cfg;
    yaml_node_t *from = NULL;
    for (size_t i = 0; i < NPAIRS(m); i++) {
        const char *k = KEY(ld, PAIRS(m)[i]);
        yaml_node_t *v = VAL(ld, PAIRS(m)[i]);
        if (!strcmp(k, "scale")) {
            TRY(ydoc_expect(ld, v, YAML_SEQUENCE_NODE, "scale"));
            if (NITEMS(v) != 2)
                FAIL_AT(v, "scale must be [lowest, highest], e.g. [1, 5]");
            TRY(ydoc_number(ld, ydoc_node(ld, ITEMS(v)[0]), "the scale's lowest score",
                            &cfg->scale_min));
            TRY(ydoc_number(ld, ydoc_node(ld, ITEMS(v)[1]), "the scale's highest score",
                            &cfg->scale_max));
            if (cfg->scale_max <= cfg->scale_min)
                FAIL_AT(v, "the scale's highest score must be above its lowest");
        } else {
            from = v;
        }
    }
    if (from) {
        TRY(ydoc_number(ld, from, "satisfied_from", &cfg->satisfied_from));
        if (cfg->satisfied_from < cfg->scale_min || cfg->satisfied_from > cfg->scale_max)
            FAIL_AT(from, "satisfied_from must lie on the scale [%g, %g]", cfg->scale_min,
                    cfg->scale_max);
    } else {
        cfg->satisfied_from = cfg->scale_max - 1;
    }
    return ST_OK;
}

static status_t S_targets(ydoc_t *ld, yaml_node_t *m)
{
    static const char *const keys[] = {"target", "amber", "lower_is_better", NULL};
    TRY(ydoc_check_keys(ld, m, "targets", NULL));
    config_t *cfg = ld->cfg;
    cfg->ntargets = NPAIRS(m);
    cfg->targets = arena_alloc(cfg->arena, cfg->ntargets * sizeof(cfg_kpi_target_t));
    for (size_t i = 0; i < cfg->ntargets; i++) {
        const char *k = KEY(ld, PAIRS(m)[i]);
        yaml_node_t *v = VAL(ld, PAIRS(m)[i]);
        /* the KPIs of the KPI table that may carry a target; percentages are checked as such */
        int kpi = kpi_by_key(k);
        if (kpi < 0 || !(kpi_table[kpi].flags & KPI_TARGET)) {
            strbuf_t sb = {0};
            for (size_t j = 0; j < KPI_COUNT; j++)
                if (kpi_table[j].flags & KPI_TARGET)
                    strbuf_printf(&sb, "%s%s", sb.len ? ", " : "", kpi_table[j].key);
            status_t st = diag_set(ld->d, ST_CONFIG, ld->path,
                                   ydoc_node(ld, PAIRS(m)[i].key)->start_mark.line + 1,
                                   ydoc_node(ld, PAIRS(m)[i].key)->start_mark.column + 1,
                                   "'%s' is not a KPI with a target (known: %s)", k, sb.data);
            strbuf_clear(&sb);
            return st;
        }
        int pct = kpi_table[kpi].unit == KPI_UNIT_PERCENT;
        cfg_kpi_target_t *t = &cfg->targets[i];
        t->kpi = arena_strdup(cfg->arena, k);
        t->amber = NAN;
        TRY(ydoc_check_keys(ld, v, "a KPI target", keys));
        int have_target = 0;
        for (size_t j = 0; j < NPAIRS(v); j++) {
            const char *tk = KEY(ld, PAIRS(v)[j]);
            yaml_node_t *tv = VAL(ld, PAIRS(v)[j]);
            if (!strcmp(tk, "target")) {
                TRY(pct ? ydoc_percent(ld, tv, "target", &t->target)
                        : ydoc_number(ld, tv, "target", &t->target));
                have_target = 1;
            } else if (!strcmp(tk, "amber")) {
                TRY(pct ? ydoc_percent(ld, tv, "amber", &t->amber)
                        : ydoc_number(ld, tv, "amber", &t->amber));
            } else {
                TRY(ydoc_bool(ld, tv, "lower_is_better", &t->lower_is_better));
            }
        }
        if (!have_target)
            FAIL_AT(v, "target for '%s' needs a 'target' value", k);
        if (!isnan(t->amber) && (t->lower_is_better ? t->amber < t->target : t->amber > t->target))
            FAIL_AT(v, "the amber threshold of '%s' must lie on the %s side of its target", k,
                    t->lower_is_better ? "higher" : "lower");
    }
    return ST_OK;
}

static status_t S_one_int_map(ydoc_t *ld, yaml_node_t *m, const char *what, const char *key,
                              long lo, long hi, long *out)
{
    const char *const keys[] = {key, NULL};
    TRY(ydoc_check_keys(ld, m, what, keys));
    if (NPAIRS(m))
        TRY(ydoc_integer(ld, VAL(ld, PAIRS(m)[0]), key, lo, hi, out));
    return ST_OK;
}

static status_t S_period_value(ydoc_t *ld, yaml_node_t *v, const char *what, const char **out,
                               cfg_mark_t *mark)
{
    TRY(ydoc_nonempty(ld, v, what, out));
    period_spec_t spec;
    if (period_parse(*out, &spec) != 0)
        FAIL_AT(v, "%s '%s' is not a period; %s", what, *out, period_forms_help);
    *mark = ydoc_mark(v);
    return ST_OK;
}

/* ---- registers (docs/configuration.md §14) ---- */

/* One register: a path, or {file, sheet, columns} (columns: the register's name → the file's). */
static status_t S_register(ydoc_t *ld, register_kind_t kind, yaml_node_t *v)
{
    static const char *const keys[] = {"file", "sheet", "columns", NULL};
    cfg_register_t *reg = &ld->cfg->registers[kind];
    reg->mark = ydoc_mark(v);
    if (v->type == YAML_SCALAR_NODE) {
        TRY(ydoc_nonempty(ld, v, register_names[kind], &reg->file_written));
        reg->file = ydoc_resolve(ld, reg->file_written);
        return ST_OK;
    }
    TRY(ydoc_check_keys(ld, v, "a register", keys));
    for (size_t i = 0; i < NPAIRS(v); i++) {
        const char *k = KEY(ld, PAIRS(v)[i]);
        yaml_node_t *x = VAL(ld, PAIRS(v)[i]);
        if (!strcmp(k, "file")) {
            TRY(ydoc_nonempty(ld, x, "file", &reg->file_written));
            reg->file = ydoc_resolve(ld, reg->file_written);
        } else if (!strcmp(k, "sheet")) {
            TRY(S_sheet(ld, x, &reg->sheet));
        } else {
            TRY(S_pairs(ld, x, "columns", &reg->columns, &reg->ncolumns));
            for (size_t j = 0; j < reg->ncolumns; j++) {
                if (registers_column(kind, reg->columns[j].key) < 0)
                    FAIL_AT(ydoc_node(ld, PAIRS(x)[j].key),
                            "'%s' is not a column of the %s register (its columns: %s)",
                            reg->columns[j].key, register_names[kind],
                            registers_columns_help(kind));
                TRY(ydoc_nonempty(ld, VAL(ld, PAIRS(x)[j]), "a column header",
                                  &reg->columns[j].value));
            }
        }
    }
    if (!reg->file)
        FAIL_AT(v, "the %s register needs a 'file'", register_names[kind]);
    return ST_OK;
}

/* `registers`: each register optional, under its own name. */
static status_t S_registers(ydoc_t *ld, yaml_node_t *m)
{
    static const char *const keys[REG_COUNT + 1] = {
        "actions", "nonconformities", "audits",   "complaints", "suppliers",
        "risks",   "improvements",    "capacity", "context",    NULL};
    TRY(ydoc_check_keys(ld, m, "registers", keys));
    for (size_t i = 0; i < NPAIRS(m); i++) {
        yaml_node_t *v = VAL(ld, PAIRS(m)[i]);
        if (ydoc_is_null(v))
            continue; /* a register left empty is not given */
        for (int k = 0; k < REG_COUNT; k++)
            if (!strcmp(KEY(ld, PAIRS(m)[i]), register_names[k]))
                TRY(S_register(ld, (register_kind_t)k, v));
    }
    return ST_OK;
}

/* `risk_levels: {high: 15, medium: 8}`: the lowest rating of each band (1–25). */
static status_t S_risk_levels(ydoc_t *ld, yaml_node_t *m)
{
    static const char *const keys[] = {"high", "medium", NULL};
    TRY(ydoc_check_keys(ld, m, "risk_levels", keys));
    config_t *cfg = ld->cfg;
    for (size_t i = 0; i < NPAIRS(m); i++) {
        const char *k = KEY(ld, PAIRS(m)[i]);
        long v;
        TRY(ydoc_integer(ld, VAL(ld, PAIRS(m)[i]), k, 1, 25, &v));
        if (!strcmp(k, "high"))
            cfg->risk_high = (int)v;
        else
            cfg->risk_medium = (int)v;
    }
    if (cfg->risk_medium >= cfg->risk_high)
        FAIL_AT(m,
                "risk_levels: medium (%d) must be below high (%d): a rating of likelihood × "
                "impact is high from `high` up, medium from `medium` up, low below",
                cfg->risk_medium, cfg->risk_high);
    return ST_OK;
}

/* The readiness catalogue in force, then the self-assessment against it. */
static status_t S_readiness(config_t *cfg, diag_t *d)
{
    TRY(config_catalogue_load(cfg, d));
    return config_assessment_load(cfg, d);
}

/* `readiness: FILE`, or `readiness: {assessment: FILE, catalogue: FILE, catalogue_mode:
 * extend|replace}`. */
static status_t S_readiness_key(ydoc_t *ld, yaml_node_t *v)
{
    config_t *cfg = ld->cfg;
    if (v->type == YAML_SCALAR_NODE) {
        TRY(ydoc_path(ld, v, "readiness", &cfg->readiness));
        cfg->readiness_mark = ydoc_mark(v);
        return ST_OK;
    }
    static const char *const keys[] = {"assessment", "catalogue", "catalogue_mode", NULL};
    TRY(ydoc_check_keys(ld, v, "readiness", keys));
    for (size_t i = 0; i < NPAIRS(v); i++) {
        const char *k = KEY(ld, PAIRS(v)[i]);
        yaml_node_t *x = VAL(ld, PAIRS(v)[i]);
        if (!strcmp(k, "assessment")) {
            TRY(ydoc_path(ld, x, k, &cfg->readiness));
            cfg->readiness_mark = ydoc_mark(x);
        } else if (!strcmp(k, "catalogue")) {
            TRY(ydoc_path(ld, x, k, &cfg->readiness_catalogue));
            cfg->readiness_catalogue_mark = ydoc_mark(x);
        } else {
            const char *mode;
            TRY(ydoc_string(ld, x, k, &mode));
            if (!strcmp(mode, "replace"))
                cfg->readiness_catalogue_replace = 1;
            else if (strcmp(mode, "extend") != 0)
                FAIL_AT(x, "catalogue_mode must be extend or replace, not '%s'", mode);
        }
    }
    return ST_OK;
}

/* `quality`: the rejection limit, the smallest sample a share is judged on and the gap at
 * either end of the period that the data may leave before the period counts as partly
 * covered (docs/metrics.md §13, §9). */
static status_t S_quality(ydoc_t *ld, yaml_node_t *v)
{
    config_t *cfg = ld->cfg;
    static const char *const qk[] = {"max_rejected_pct", "min_sample", "coverage_gap", NULL};
    TRY(ydoc_check_keys(ld, v, "quality", qk));
    for (size_t i = 0; i < NPAIRS(v); i++) {
        const char *key = KEY(ld, PAIRS(v)[i]);
        yaml_node_t *val = VAL(ld, PAIRS(v)[i]);
        if (!strcmp(key, "max_rejected_pct")) {
            TRY(ydoc_percent(ld, val, key, &cfg->max_rejected_pct));
        } else if (!strcmp(key, "min_sample")) {
            long n = 0;
            TRY(ydoc_integer(ld, val, key, 1, 1000000, &n));
            cfg->min_sample = (size_t)n;
        } else {
            TRY(ydoc_duration(ld, val, key, &cfg->coverage_gap));
        }
    }
    return ST_OK;
}

static const char *const TOP_KEYS[] = {"organization",
                                       "scope",
                                       "timezone",
                                       "period",
                                       "theme",
                                       "output",
                                       "sources",
                                       "calendars",
                                       "services",
                                       "service_defaults",
                                       "maintenance",
                                       "sla",
                                       "availability",
                                       "satisfaction",
                                       "targets",
                                       "trend",
                                       "quality",
                                       "readiness",
                                       "roi",
                                       "baseline",
                                       "registers",
                                       "risk_levels",
                                       NULL};

/* One top-level key that sets a value of its own: every key but sources, services and
 * service_defaults, which are read once the calendars are known. */
static status_t S_root_key(ydoc_t *ld, const char *k, yaml_node_t *v)
{
    config_t *cfg = ld->cfg;
    if (!strcmp(k, "organization"))
        return ydoc_text(ld, v, k, YDOC_MAX_NAME, &cfg->organization);
    if (!strcmp(k, "scope"))
        return ydoc_string(ld, v, k, &cfg->scope);
    if (!strcmp(k, "timezone"))
        return S_timezone(ld, v, k, &cfg->timezone);
    if (!strcmp(k, "period"))
        return S_period_value(ld, v, k, &cfg->period, &cfg->period_mark);
    if (!strcmp(k, "baseline"))
        return S_period_value(ld, v, k, &cfg->baseline, &cfg->baseline_mark);
    if (!strcmp(k, "theme")) {
        cfg->theme_mark = ydoc_mark(v);
        return ydoc_path(ld, v, k, &cfg->theme);
    }
    if (!strcmp(k, "roi")) {
        cfg->roi_mark = ydoc_mark(v);
        return ydoc_path(ld, v, k, &cfg->roi);
    }
    /* the keys read by a function of their own */
    static const struct {
        const char *key;
        status_t (*read)(ydoc_t *, yaml_node_t *);
    } sections[] = {
        {"readiness", S_readiness_key},   {"output", S_output},   {"calendars", S_calendars},
        {"maintenance", S_maintenance},   {"sla", S_sla},         {"availability", S_availability},
        {"satisfaction", S_satisfaction}, {"targets", S_targets}, {"registers", S_registers},
        {"risk_levels", S_risk_levels}};
    for (size_t i = 0; i < sizeof sections / sizeof sections[0]; i++)
        if (!strcmp(k, sections[i].key))
            return sections[i].read(ld, v);
    if (!strcmp(k, "trend")) {
        long n = cfg->trend_periods;
        TRY(S_one_int_map(ld, v, "trend", "periods", 1, 120, &n));
        cfg->trend_periods = (int)n;
    } else if (!strcmp(k, "quality")) {
        TRY(S_quality(ld, v));
    }
    return ST_OK;
}

/* `sources`: at least one. */
static status_t S_sources(ydoc_t *ld, yaml_node_t *root, yaml_node_t *sources)
{
    config_t *cfg = ld->cfg;
    if (!sources)
        return diag_set(ld->d, ST_CONFIG, ld->path, root->start_mark.line + 1,
                        root->start_mark.column + 1,
                        "the config needs 'sources' (a list of input "
                        "files, each with a file and a profile)");
    TRY(ydoc_expect(ld, sources, YAML_SEQUENCE_NODE, "sources"));
    if (NITEMS(sources) == 0)
        FAIL_AT(sources, "sources must list at least one input file");
    cfg->nsources = NITEMS(sources);
    cfg->sources = arena_alloc(cfg->arena, cfg->nsources * sizeof(cfg_source_t));
    for (size_t i = 0; i < cfg->nsources; i++)
        TRY(S_source(ld, ydoc_node(ld, ITEMS(sources)[i]), &cfg->sources[i]));
    return ST_OK;
}

/* `service_defaults`, then `services`, each named once (after the calendars, whatever the key
 * order). */
static status_t S_services(ydoc_t *ld, yaml_node_t *services, yaml_node_t *defaults)
{
    config_t *cfg = ld->cfg;
    if (defaults)
        TRY(S_service(ld, defaults, &cfg->service_defaults, 0));
    if (services) {
        TRY(ydoc_expect(ld, services, YAML_SEQUENCE_NODE, "services"));
        cfg->nservices = NITEMS(services);
        cfg->services = arena_alloc(cfg->arena, cfg->nservices * sizeof(cfg_service_t));
        for (size_t i = 0; i < cfg->nservices; i++) {
            cfg_service_t *s = &cfg->services[i];
            s->calendar = cfg->service_defaults.calendar;
            s->availability_target = cfg->service_defaults.availability_target;
            TRY(S_service(ld, ydoc_node(ld, ITEMS(services)[i]), s, 1));
        }
    }
    long twice = config_index(cfg); /* names by hash: a long catalogue costs no n² */
    if (twice >= 0)
        FAIL_AT(ydoc_node(ld, ITEMS(services)[twice]), "service '%s' is listed twice",
                cfg->services[twice].name);
    return ST_OK;
}

/* Every calendar a service or an SLA target names must exist. */
static status_t S_check_calendars(ydoc_t *ld)
{
    const config_t *cfg = ld->cfg;
    const cfg_service_t *dflt = &cfg->service_defaults;
    if (!config_calendar(cfg, dflt->calendar))
        return diag_set(ld->d, ST_CONFIG, ld->path, dflt->mark.line, dflt->mark.column,
                        "unknown calendar '%s' (define it under calendars)", dflt->calendar);
    for (size_t i = 0; i < cfg->nservices; i++)
        if (!config_calendar(cfg, cfg->services[i].calendar))
            return diag_set(ld->d, ST_CONFIG, ld->path, cfg->services[i].mark.line,
                            cfg->services[i].mark.column,
                            "unknown calendar '%s' (define it under calendars)",
                            cfg->services[i].calendar);
    for (size_t i = 0; i < cfg->nsla; i++)
        if (!config_calendar(cfg, cfg->sla[i].calendar))
            return diag_set(
                ld->d, ST_CONFIG, ld->path, cfg->sla[i].mark.line, cfg->sla[i].mark.column,
                "unknown calendar '%s' (define it under calendars)", cfg->sla[i].calendar);
    return ST_OK;
}

static status_t S_root(ydoc_t *ld, yaml_node_t *root)
{
    TRY(ydoc_check_keys(ld, root, "the config", TOP_KEYS));
    yaml_node_t *sources = NULL, *services = NULL, *defaults = NULL;
    for (size_t i = 0; i < NPAIRS(root); i++) {
        const char *k = KEY(ld, PAIRS(root)[i]);
        yaml_node_t *v = VAL(ld, PAIRS(root)[i]);
        if (ydoc_is_null(v) && strcmp(k, "sources") != 0)
            continue; /* an empty key keeps its default */
        if (!strcmp(k, "sources"))
            sources = v;
        else if (!strcmp(k, "services"))
            services = v;
        else if (!strcmp(k, "service_defaults"))
            defaults = v;
        else
            TRY(S_root_key(ld, k, v));
    }
    TRY(S_sources(ld, root, sources));
    TRY(S_services(ld, services, defaults));
    return S_check_calendars(ld);
}

static void S_defaults(config_t *cfg)
{
    theme_default(&cfg->look);
    cfg->organization = "";
    cfg->scope = "";
    cfg->timezone = "UTC";
    cfg->ncalendars = 1;
    cfg->calendars = arena_alloc(cfg->arena, sizeof(cfg_calendar_t));
    cfg->calendars[0].name = "24x7";
    cfg->calendars[0].always_open = 1;
    cfg->service_defaults.calendar = "24x7";
    cfg->service_defaults.availability_target = 99.5;
    cfg->scale_min = 1;
    cfg->scale_max = 5;
    cfg->satisfied_from = 4;
    cfg->trend_periods = 12;
    cfg->max_rejected_pct = 5;
    cfg->min_sample = 10;
    cfg->coverage_gap = 3 * 86400;
    cfg->risk_high = 15;
    cfg->risk_medium = 8;
}

status_t config_load_buffer(const char *path, const char *text, size_t len, config_t **out,
                            diag_t *d)
{
    *out = NULL;
    if (len > YDOC_MAX_BYTES)
        return diag_set(d, ST_CONFIG, path, 0, 0, "config file is larger than 1 MiB");
    ydoc_t ldv = {0};
    ydoc_t *ld = &ldv;
    ld->path = path;
    ld->d = d;
    config_t *cfg = xcalloc(1, sizeof(*cfg));
    cfg->arena = arena_new();
    ld->cfg = cfg;
    cfg->path = arena_strdup(cfg->arena, path);
    const char *slash = strrchr(path, '/');
    cfg->dir =
        slash ? arena_strndup(cfg->arena, path, (size_t)(slash - path + (slash == path))) : ".";
    S_defaults(cfg);

    status_t st = ydoc_load(ld, text, len);
    if (st != ST_OK) {
        config_free(cfg);
        return st;
    }
    yaml_node_t *root = yaml_document_get_root_node(&ld->doc);
    if (!root) {
        st = diag_set(d, ST_CONFIG, path, 1, 1, "the config is empty; it needs at least 'sources'");
    } else {
        st = S_root(ld, root);
    }
    ydoc_close(ld);
    if (st != ST_OK) {
        config_free(cfg);
        return st;
    }
    if (!cfg->output_dir)
        cfg->output_dir = ydoc_resolve(ld, "output");
    if ((cfg->theme && (st = config_theme_load(cfg, d)) != ST_OK) ||
        (cfg->roi && (st = config_roi_load(cfg, d)) != ST_OK) ||
        (st = S_readiness(cfg, d)) != ST_OK) {
        config_free(cfg);
        return st;
    }
    *out = cfg;
    return ST_OK;
}

status_t config_load(const char *path, config_t **out, diag_t *d)
{
    *out = NULL;
    strbuf_t sb = {0};
    const char *why = ydoc_read(path, &sb);
    if (why) {
        strbuf_clear(&sb);
        return diag_set(d, ST_NOINPUT, path, 0, 0, "cannot read the config: %s", why);
    }
    status_t st = config_load_buffer(path, strbuf_cstr(&sb), sb.len, out, d);
    strbuf_clear(&sb);
    return st;
}
