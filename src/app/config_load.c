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

/* A time zone name the zone database knows (out: a const char *). */
static status_t S_timezone(ydoc_t *ld, yaml_node_t *v, const char *what, void *out)
{
    const char **name = out;
    TRY(ydoc_nonempty(ld, v, what, name));
    tz_t *tz = NULL;
    diag_t d2 = {0};
    if (tz_load(*name, &tz, &d2) != ST_OK) {
        status_t st = diag_set(ld->d, ST_CONFIG, ld->path, v->start_mark.line + 1,
                               v->start_mark.column + 1, "%s", d2.message);
        diag_clear(&d2);
        return st;
    }
    tz_free(tz);
    return ST_OK;
}

/* ---- sources ---- */

/* A source's `profile`: one of the built-in profiles (out: a const char *). */
static status_t S_source_profile(ydoc_t *ld, yaml_node_t *v, const char *what, void *out)
{
    const char **profile = out;
    TRY(ydoc_nonempty(ld, v, what, profile));
    if (!profile_known(*profile))
        FAIL_AT(v, "unknown profile '%s' (known: %s)", *profile, profile_names_help());
    return ST_OK;
}

/* A source's `kind`: every row of a generic source is of that kind (out: an int). */
static status_t S_source_kind(ydoc_t *ld, yaml_node_t *v, const char *what, void *out)
{
    int *kind = out;
    const char *name;
    TRY(ydoc_nonempty(ld, v, what, &name));
    *kind = KIND_NONE;
    for (int j = 0; j < KIND_COUNT; j++)
        if (!strcmp(name, kind_names[j]))
            *kind = j;
    if (*kind == KIND_NONE)
        FAIL_AT(v, "kind must be incident, request, problem or change, not '%s'", name);
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
static status_t S_source_columns(ydoc_t *ld, yaml_node_t *v, const char *what, void *out)
{
    cfg_source_t *src = out;
    TRY(S_pairs(ld, v, what, &src->columns, &src->ncolumns));
    for (size_t j = 0; j < src->ncolumns; j++)
        TRY(ydoc_nonempty(ld, VAL(ld, PAIRS(v)[j]), "a column header", &src->columns[j].value));
    return ST_OK;
}

/* The states of `events.states`: activity → the state it moves the case to. */
static status_t S_events_states(ydoc_t *ld, yaml_node_t *x, const char *what, void *out)
{
    cfg_events_t *e = out;
    TRY(S_pairs(ld, x, what, &e->states, &e->nstates));
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
    return ST_OK;
}

/* The activities of `events.response`: a list of names, or one name. */
static status_t S_events_response(ydoc_t *ld, yaml_node_t *v, const char *what, void *out)
{
    cfg_events_t *e = out;
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

static const ydoc_field_t EVENTS_FIELDS[] = {
    {"case", YDOC_NONEMPTY, .offset = offsetof(cfg_events_t, case_id), .what = "events.case"},
    {"activity", YDOC_NONEMPTY, .offset = offsetof(cfg_events_t, activity),
     .what = "events.activity"},
    {"time", YDOC_NONEMPTY, .offset = offsetof(cfg_events_t, time), .what = "events.time"},
    {"resource", YDOC_NONEMPTY, .offset = offsetof(cfg_events_t, resource),
     .what = "events.resource"},
    {"states", YDOC_READ, .read = S_events_states, .what = "events.states"},
    {"response", YDOC_READ, .read = S_events_response},
    {.key = NULL}};

/* A source's `events` block (docs/configuration.md §5): which columns hold the case, the activity,
 * the time and the resource, the state each activity moves the case to, and the response
 * activities (out: the cfg_events_t). */
static status_t S_source_events(ydoc_t *ld, yaml_node_t *v, const char *what, void *out)
{
    cfg_events_t *e = out;
    e->set = 1;
    e->mark = ydoc_mark(v);
    return ydoc_fields(ld, v, what, EVENTS_FIELDS, e);
}

/* A source's `priorities`: the export's value → priority 1..5. */
static status_t S_source_priorities(ydoc_t *ld, yaml_node_t *v, const char *what, void *out)
{
    cfg_source_t *src = out;
    TRY(S_pairs(ld, v, what, &src->priorities, &src->npriorities));
    for (size_t j = 0; j < src->npriorities; j++) {
        long p;
        TRY(ydoc_integer(ld, VAL(ld, PAIRS(v)[j]), "a priority", 1, 5, &p));
        src->priorities[j].number = (int)p;
    }
    return ST_OK;
}

/* A source's `encoding`: utf-8 or cp1252 (out: a const char *). */
static status_t S_source_encoding(ydoc_t *ld, yaml_node_t *v, const char *what, void *out)
{
    const char **encoding = out;
    TRY(ydoc_nonempty(ld, v, what, encoding));
    size_t len = strlen(*encoding);
    if (!ascii_ieq(*encoding, len, "utf-8") && !ascii_ieq(*encoding, len, "utf8") &&
        !ascii_ieq(*encoding, len, "cp1252") && !ascii_ieq(*encoding, len, "windows-1252"))
        FAIL_AT(v, "encoding must be utf-8 or cp1252, not '%s'", *encoding);
    return ST_OK;
}

/* A source's `delimiter`: , ; | or tab (out: a char). */
static status_t S_source_delimiter(ydoc_t *ld, yaml_node_t *v, const char *what, void *out)
{
    const char *dl;
    TRY(ydoc_string(ld, v, what, &dl));
    if (!strcmp(dl, "\\t") || !strcmp(dl, "tab"))
        dl = "\t";
    if (strlen(dl) != 1 || !strchr(",;\t|", dl[0]))
        FAIL_AT(v, "delimiter must be one of , ; | or tab");
    *(char *)out = dl[0];
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
 * other; out: a const char *). */
static status_t S_sheet(ydoc_t *ld, yaml_node_t *v, const char *what, void *out)
{
    const char **sheet = out;
    TRY(ydoc_nonempty(ld, v, what, sheet));
    if ((*sheet)[0] == '0' && strspn(*sheet, "0123456789") == strlen(*sheet))
        FAIL_AT(v, "sheet numbers start at 1, not '%s'", *sheet);
    return ST_OK;
}

/* The keys of a source; `file` is read as written and resolved once the source is read. */
static const ydoc_field_t SOURCE_FIELDS[] = {
    {"file", YDOC_NONEMPTY, .offset = offsetof(cfg_source_t, file_written)},
    {"profile", YDOC_READ, .offset = offsetof(cfg_source_t, profile), .read = S_source_profile},
    {"timezone", YDOC_READ, .offset = offsetof(cfg_source_t, timezone), .read = S_timezone},
    {"kind", YDOC_READ, .offset = offsetof(cfg_source_t, kind), .read = S_source_kind},
    {"columns", YDOC_READ, .read = S_source_columns},
    {"time_format", YDOC_NONEMPTY, .offset = offsetof(cfg_source_t, time_format)},
    {"priorities", YDOC_READ, .read = S_source_priorities},
    {"encoding", YDOC_READ, .offset = offsetof(cfg_source_t, encoding), .read = S_source_encoding},
    {"delimiter", YDOC_READ, .offset = offsetof(cfg_source_t, delimiter),
     .read = S_source_delimiter},
    {"sheet", YDOC_READ, .offset = offsetof(cfg_source_t, sheet), .read = S_sheet},
    {"header_row", YDOC_SIZE, .offset = offsetof(cfg_source_t, header_row), .lo = 1, .hi = 1048576},
    {"events", YDOC_READ, .offset = offsetof(cfg_source_t, events), .read = S_source_events},
    {.key = NULL}};

static status_t S_source(ydoc_t *ld, yaml_node_t *m, cfg_source_t *src)
{
    src->kind = KIND_NONE;
    src->mark = ydoc_mark(m);
    TRY(ydoc_fields(ld, m, "a source", SOURCE_FIELDS, src));
    if (src->file_written)
        src->file = ydoc_resolve(ld, src->file_written);
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

/* One line of `hours`: "08:00-12:00,13:00-17:00" or "closed" → the day's opening hours, in
 * order and apart; *nh: how many (none when closed). */
static status_t S_opening_hours(ydoc_t *ld, yaml_node_t *vn, cfg_hours_t **out, size_t *nh)
{
    const char *spec;
    TRY(ydoc_string(ld, vn, "opening hours", &spec));
    size_t cap = 1;
    for (const char *c = spec; *c; c++)
        cap += *c == ',';
    cfg_hours_t *hours = arena_alloc(ld->cfg->arena, cap * sizeof(cfg_hours_t));
    *out = hours;
    *nh = 0;
    if (!strcmp(spec, "closed"))
        return ST_OK;
    const char *s = spec;
    while (*s) {
        const char *comma = strchr(s, ',');
        size_t len = comma ? (size_t)(comma - s) : strlen(s);
        while (len && *s == ' ')
            s++, len--;
        while (len && s[len - 1] == ' ')
            len--;
        cfg_hours_t *h = &hours[*nh];
        if (len != 11 || s[5] != '-' || S_hhmm(s, 5, &h->start_min) != 0 ||
            S_hhmm(s + 6, 5, &h->end_min) != 0)
            FAIL_AT(vn,
                    "'%s' is not a list of opening hours (write e.g. "
                    "08:00-18:00 or 08:00-12:00,13:00-17:00)",
                    spec);
        if (h->end_min <= h->start_min)
            FAIL_AT(vn, "opening hours '%.*s' end before they start", (int)len, s);
        ++*nh;
        s += comma ? (size_t)(comma - s) + 1 : strlen(s);
    }
    if (*nh > 1)
        qsort(hours, *nh, sizeof *hours, S_cmp_hours);
    for (size_t h = 1; h < *nh; h++)
        if (hours[h].start_min < hours[h - 1].end_min)
            FAIL_AT(vn, "opening hours '%s' overlap", spec);
    return ST_OK;
}

/* A calendar's `hours`: days or day ranges → opening hours, each day given once (out: the
 * cfg_calendar_t). */
static status_t S_calendar_hours(ydoc_t *ld, yaml_node_t *v, const char *what, void *out)
{
    cfg_calendar_t *cal = out;
    TRY(ydoc_check_keys(ld, v, what, NULL));
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
        cfg_hours_t *hours;
        size_t nh;
        TRY(S_opening_hours(ld, VAL(ld, PAIRS(v)[j]), &hours, &nh));
        for (int day = 0; day < 7; day++) {
            if (mask & (1u << day)) {
                cal->hours[day] = hours;
                cal->nhours[day] = nh;
            }
        }
    }
    return ST_OK;
}

/* A calendar's `holidays`: dates, kept in order (out: the cfg_calendar_t). */
static status_t S_calendar_holidays(ydoc_t *ld, yaml_node_t *v, const char *what, void *out)
{
    cfg_calendar_t *cal = out;
    TRY(ydoc_expect(ld, v, YAML_SEQUENCE_NODE, what));
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
    return ST_OK;
}

static const ydoc_field_t CALENDAR_FIELDS[] = {{"hours", YDOC_READ, .read = S_calendar_hours},
                                               {"holidays", YDOC_READ, .read = S_calendar_holidays},
                                               {.key = NULL}};

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
        cfg->calendars[1 + i].name = name;
        TRY(ydoc_fields(ld, VAL(ld, PAIRS(m)[i]), "a calendar", CALENDAR_FIELDS,
                        &cfg->calendars[1 + i]));
    }
    return ST_OK;
}

/* ---- services ---- */

/* A service's keys; `service_defaults` takes all but the first. */
static const ydoc_field_t SERVICE_FIELDS[] = {
    {"name", YDOC_NAME, .offset = offsetof(cfg_service_t, name)},
    {"calendar", YDOC_NONEMPTY, .offset = offsetof(cfg_service_t, calendar),
     .mark = YDOC_MARK(cfg_service_t, mark)},
    {"availability_target", YDOC_PERCENT, .offset = offsetof(cfg_service_t, availability_target)},
    {.key = NULL}};

static status_t S_service(ydoc_t *ld, yaml_node_t *m, cfg_service_t *svc, int need_name)
{
    svc->mark = ydoc_mark(m);
    TRY(ydoc_fields(ld, m, need_name ? "a service" : "service_defaults",
                    SERVICE_FIELDS + !need_name, svc));
    if (need_name && !svc->name)
        FAIL_AT(m, "a service needs a 'name'");
    return ST_OK;
}

/* ---- maintenance ---- */

/* A local wall-clock time "YYYY-MM-DD HH:MM" (out: an int64_t, seconds). */
static status_t S_local_time(ydoc_t *ld, yaml_node_t *n, const char *what, void *out)
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
    *(int64_t *)out = pt.seconds;
    return ST_OK;
}

/* Stands in a window's start and end until they are read: no time of the calendar is it. */
#define NOT_GIVEN INT64_MIN

static const ydoc_field_t MAINTENANCE_FIELDS[] = {
    {"service", YDOC_NAME, .offset = offsetof(cfg_maintenance_t, service)},
    {"start", YDOC_READ, .offset = offsetof(cfg_maintenance_t, start_local), .read = S_local_time},
    {"end", YDOC_READ, .offset = offsetof(cfg_maintenance_t, end_local), .read = S_local_time},
    {.key = NULL}};

static status_t S_maintenance(ydoc_t *ld, yaml_node_t *seq)
{
    TRY(ydoc_expect(ld, seq, YAML_SEQUENCE_NODE, "maintenance"));
    config_t *cfg = ld->cfg;
    cfg->nmaintenance = NITEMS(seq);
    cfg->maintenance = arena_alloc(cfg->arena, cfg->nmaintenance * sizeof(cfg_maintenance_t));
    for (size_t i = 0; i < cfg->nmaintenance; i++) {
        yaml_node_t *m = ydoc_node(ld, ITEMS(seq)[i]);
        cfg_maintenance_t *w = &cfg->maintenance[i];
        w->mark = ydoc_mark(m);
        w->start_local = w->end_local = NOT_GIVEN;
        TRY(ydoc_fields(ld, m, "a maintenance window", MAINTENANCE_FIELDS, w));
        if (!w->service || w->start_local == NOT_GIVEN || w->end_local == NOT_GIVEN)
            FAIL_AT(m, "a maintenance window needs service, start and end");
        if (w->end_local <= w->start_local)
            FAIL_AT(m, "maintenance window for '%s' ends before it starts", w->service);
    }
    return ST_OK;
}

/* ---- sla ---- */

static const ydoc_field_t SLA_TARGET_FIELDS[] = {
    {"respond", YDOC_DURATION, .offset = offsetof(cfg_sla_target_t, respond)},
    {"resolve", YDOC_DURATION, .offset = offsetof(cfg_sla_target_t, resolve)},
    {"calendar", YDOC_NONEMPTY, .offset = offsetof(cfg_sla_target_t, calendar),
     .mark = YDOC_MARK(cfg_sla_target_t, mark)},
    {.key = NULL}};

static status_t S_sla_target(ydoc_t *ld, yaml_node_t *m, cfg_sla_target_t *t)
{
    t->respond = t->resolve = -1;
    t->calendar = "24x7";
    t->mark = ydoc_mark(m);
    TRY(ydoc_fields(ld, m, "an SLA target", SLA_TARGET_FIELDS, t));
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

/* `output.name`: a file name pattern (out: a const char *). */
static status_t S_output_name(ydoc_t *ld, yaml_node_t *v, const char *what, void *out)
{
    const char **name = out;
    TRY(ydoc_nonempty(ld, v, what, name));
    const char *nm = *name;
    if (strchr(nm, '/') || strchr(nm, '\\') || nm[0] == '.')
        FAIL_AT(v, "output.name must be a plain file name without '/' and not starting "
                   "with '.'");
    if (!outfile_pattern_ok(nm))
        FAIL_AT(v,
                "output.name '%s' has an unknown placeholder (known: {period}, "
                "{organization}, {as_of})",
                nm);
    return ST_OK;
}

static const ydoc_field_t OUTPUT_FIELDS[] = {
    {"dir", YDOC_PATH, .offset = offsetof(config_t, output_dir), .what = "output.dir"},
    {"name", YDOC_READ, .offset = offsetof(config_t, output_name), .what = "output.name",
     .read = S_output_name},
    {.key = NULL}};

/* `availability.from_incidents`: the lowest priority whose incidents count as outages (out: an
 * int). */
static status_t S_from_incidents(ydoc_t *ld, yaml_node_t *v, const char *what, void *out)
{
    static const char *const fkeys[] = {"max_priority", NULL};
    TRY(ydoc_check_keys(ld, v, what, fkeys));
    if (NPAIRS(v) == 0)
        FAIL_AT(v, "from_incidents needs max_priority");
    long p;
    TRY(ydoc_integer(ld, VAL(ld, PAIRS(v)[0]), "max_priority", 1, 5, &p));
    *(int *)out = (int)p;
    return ST_OK;
}

static const ydoc_field_t AVAILABILITY_FIELDS[] = {
    {"from_incidents", YDOC_READ, .offset = offsetof(config_t, from_incidents_max_priority),
     .read = S_from_incidents},
    {"count_degradation", YDOC_BOOL, .offset = offsetof(config_t, count_degradation)},
    {.key = NULL}};

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

/* A register's `columns`: the register's column name → the file's header (out: the
 * cfg_register_t). */
static status_t S_register_columns(ydoc_t *ld, yaml_node_t *x, const char *what, void *out)
{
    cfg_register_t *reg = out;
    register_kind_t kind = (register_kind_t)(reg - ld->cfg->registers); /* the config's order */
    TRY(S_pairs(ld, x, what, &reg->columns, &reg->ncolumns));
    for (size_t j = 0; j < reg->ncolumns; j++) {
        if (registers_column(kind, reg->columns[j].key) < 0)
            FAIL_AT(ydoc_node(ld, PAIRS(x)[j].key),
                    "'%s' is not a column of the %s register (its columns: %s)",
                    reg->columns[j].key, register_names[kind], registers_columns_help(kind));
        TRY(ydoc_nonempty(ld, VAL(ld, PAIRS(x)[j]), "a column header", &reg->columns[j].value));
    }
    return ST_OK;
}

/* A register's keys; `file` is read as written and resolved once the register is read. */
static const ydoc_field_t REGISTER_FIELDS[] = {
    {"file", YDOC_NONEMPTY, .offset = offsetof(cfg_register_t, file_written)},
    {"sheet", YDOC_READ, .offset = offsetof(cfg_register_t, sheet), .read = S_sheet},
    {"columns", YDOC_READ, .read = S_register_columns},
    {.key = NULL}};

/* One register: a path, or {file, sheet, columns} (columns: the register's name → the file's). */
static status_t S_register(ydoc_t *ld, register_kind_t kind, yaml_node_t *v)
{
    cfg_register_t *reg = &ld->cfg->registers[kind];
    reg->mark = ydoc_mark(v);
    if (v->type == YAML_SCALAR_NODE)
        TRY(ydoc_nonempty(ld, v, register_names[kind], &reg->file_written));
    else
        TRY(ydoc_fields(ld, v, "a register", REGISTER_FIELDS, reg));
    if (!reg->file_written)
        FAIL_AT(v, "the %s register needs a 'file'", register_names[kind]);
    reg->file = ydoc_resolve(ld, reg->file_written);
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

static const ydoc_field_t RISK_LEVEL_FIELDS[] = {
    {"high", YDOC_INT, .offset = offsetof(config_t, risk_high), .lo = 1, .hi = 25},
    {"medium", YDOC_INT, .offset = offsetof(config_t, risk_medium), .lo = 1, .hi = 25},
    {.key = NULL}};

/* `risk_levels: {high: 15, medium: 8}`: the lowest rating of each band (1–25). */
static status_t S_risk_levels(ydoc_t *ld, yaml_node_t *m)
{
    config_t *cfg = ld->cfg;
    TRY(ydoc_fields(ld, m, "risk_levels", RISK_LEVEL_FIELDS, cfg));
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

/* `readiness.catalogue_mode`: extend (the default) or replace (out: an int, 1 for replace). */
static status_t S_catalogue_mode(ydoc_t *ld, yaml_node_t *x, const char *what, void *out)
{
    const char *mode;
    TRY(ydoc_string(ld, x, what, &mode));
    if (!strcmp(mode, "replace"))
        *(int *)out = 1;
    else if (strcmp(mode, "extend") != 0)
        FAIL_AT(x, "catalogue_mode must be extend or replace, not '%s'", mode);
    return ST_OK;
}

static const ydoc_field_t READINESS_FIELDS[] = {
    {"assessment", YDOC_PATH, .offset = offsetof(config_t, readiness),
     .mark = YDOC_MARK(config_t, readiness_mark)},
    {"catalogue", YDOC_PATH, .offset = offsetof(config_t, readiness_catalogue),
     .mark = YDOC_MARK(config_t, readiness_catalogue_mark)},
    {"catalogue_mode", YDOC_READ, .offset = offsetof(config_t, readiness_catalogue_replace),
     .read = S_catalogue_mode},
    {.key = NULL}};

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
    return ydoc_fields(ld, v, "readiness", READINESS_FIELDS, cfg);
}

/* `quality`: the rejection limit, the smallest sample a share is judged on and the gap at
 * either end of the period that the data may leave before the period counts as partly
 * covered (docs/metrics.md §13, §9). */
static const ydoc_field_t QUALITY_FIELDS[] = {
    {"max_rejected_pct", YDOC_PERCENT, .offset = offsetof(config_t, max_rejected_pct)},
    {"min_sample", YDOC_SIZE, .offset = offsetof(config_t, min_sample), .lo = 1, .hi = 1000000},
    {"coverage_gap", YDOC_DURATION, .offset = offsetof(config_t, coverage_gap)},
    {.key = NULL}};

/* `trend: {periods: N}`: how many periods the trend shows. */
static const ydoc_field_t TREND_FIELDS[] = {
    {"periods", YDOC_INT, .offset = offsetof(config_t, trend_periods), .lo = 1, .hi = 120},
    {.key = NULL}};

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
    } sections[] = {{"readiness", S_readiness_key},   {"calendars", S_calendars},
                    {"maintenance", S_maintenance},   {"sla", S_sla},
                    {"satisfaction", S_satisfaction}, {"targets", S_targets},
                    {"registers", S_registers},       {"risk_levels", S_risk_levels}};
    for (size_t i = 0; i < sizeof sections / sizeof sections[0]; i++)
        if (!strcmp(k, sections[i].key))
            return sections[i].read(ld, v);
    /* the mappings of plain fields */
    static const struct {
        const char *key;
        const ydoc_field_t *fields;
    } maps[] = {{"output", OUTPUT_FIELDS},
                {"availability", AVAILABILITY_FIELDS},
                {"trend", TREND_FIELDS},
                {"quality", QUALITY_FIELDS}};
    for (size_t i = 0; i < sizeof maps / sizeof maps[0]; i++)
        if (!strcmp(k, maps[i].key))
            return ydoc_fields(ld, v, k, maps[i].fields, cfg);
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
