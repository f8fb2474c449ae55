/*
 * config_load — review.yaml → config_t. The only module that touches libyaml.
 *
 * The document is loaded whole (libyaml's loader keeps its own stack; nothing here recurses on
 * input-shaped data: every level of the config is a named function for a known key). Each value
 * is checked where it is read, so an error points at the exact node.
 */
#include "app/config_load.h"

#include <ctype.h>
#include <errno.h>
#include <stdint.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "app/outfile.h"
#include "app/period.h"
#include "core/text.h"
#include "input/profile.h"
#include "input/tz.h"

#define CONFIG_MAX_BYTES (1 << 20)

typedef struct loader {
    yaml_document_t doc;
    const char *path;
    diag_t *d;
    config_t *cfg;
} loader_t;

#define FAIL_AT(node, ...)                                                                         \
    return diag_set(ld->d, ST_CONFIG, ld->path, (node)->start_mark.line + 1,                       \
                    (node)->start_mark.column + 1, __VA_ARGS__)

#define TRY(expr)                                                                                  \
    do {                                                                                           \
        status_t st_ = (expr);                                                                     \
        if (st_ != ST_OK)                                                                          \
            return st_;                                                                            \
    } while (0)

static yaml_node_t *N(loader_t *ld, int idx)
{
    return yaml_document_get_node(&ld->doc, idx);
}

static cfg_mark_t S_mark(const yaml_node_t *n)
{
    cfg_mark_t m = {n->start_mark.line + 1, n->start_mark.column + 1};
    return m;
}

static const char *S_type_name(const yaml_node_t *n)
{
    switch (n->type) {
    case YAML_SCALAR_NODE:
        return "a scalar";
    case YAML_SEQUENCE_NODE:
        return "a list";
    case YAML_MAPPING_NODE:
        return "a mapping";
    default:
        return "nothing";
    }
}

static int S_is_null(const yaml_node_t *n)
{
    if (n->type != YAML_SCALAR_NODE || n->data.scalar.style != YAML_PLAIN_SCALAR_STYLE)
        return 0;
    const char *v = (const char *)n->data.scalar.value;
    return !*v || strcmp(v, "~") == 0 || strcmp(v, "null") == 0;
}

static status_t S_expect(loader_t *ld, yaml_node_t *n, yaml_node_type_t type, const char *what)
{
    if (n->type != type)
        FAIL_AT(n, "%s must be %s, not %s", what,
                type == YAML_MAPPING_NODE    ? "a mapping"
                : type == YAML_SEQUENCE_NODE ? "a list"
                                             : "a scalar",
                S_type_name(n));
    return ST_OK;
}

static status_t S_string(loader_t *ld, yaml_node_t *n, const char *what, const char **out)
{
    TRY(S_expect(ld, n, YAML_SCALAR_NODE, what));
    const char *v = (const char *)n->data.scalar.value;
    if (strlen(v) != n->data.scalar.length)
        FAIL_AT(n, "%s contains a NUL byte", what);
    *out = arena_strdup(ld->cfg->arena, v);
    if (!text_is_safe(v, n->data.scalar.length)) { /* as input text is (core/text.h) */
        strbuf_t sb = {0};
        text_make_safe(&sb, v, n->data.scalar.length);
        *out = arena_strdup(ld->cfg->arena, sb.data);
        strbuf_free(&sb);
    }
    return ST_OK;
}

static status_t S_nonempty(loader_t *ld, yaml_node_t *n, const char *what, const char **out)
{
    TRY(S_string(ld, n, what, out));
    if (!**out)
        FAIL_AT(n, "%s must not be empty", what);
    return ST_OK;
}

static status_t S_number(loader_t *ld, yaml_node_t *n, const char *what, double *out)
{
    TRY(S_expect(ld, n, YAML_SCALAR_NODE, what));
    const char *v = (const char *)n->data.scalar.value;
    char *end;
    errno = 0;
    double x = strtod(v, &end);
    if (end == v || *end || errno || !isfinite(x))
        FAIL_AT(n, "%s must be a number, not '%s'", what, v);
    *out = x;
    return ST_OK;
}

static status_t S_integer(loader_t *ld, yaml_node_t *n, const char *what, long lo, long hi,
                          long *out)
{
    TRY(S_expect(ld, n, YAML_SCALAR_NODE, what));
    const char *v = (const char *)n->data.scalar.value;
    char *end;
    errno = 0;
    long x = strtol(v, &end, 10);
    if (end == v || *end || errno)
        FAIL_AT(n, "%s must be a whole number, not '%s'", what, v);
    if (x < lo || x > hi)
        FAIL_AT(n, "%s must be between %ld and %ld, not %ld", what, lo, hi, x);
    *out = x;
    return ST_OK;
}

static status_t S_bool(loader_t *ld, yaml_node_t *n, const char *what, int *out)
{
    TRY(S_expect(ld, n, YAML_SCALAR_NODE, what));
    const char *v = (const char *)n->data.scalar.value;
    size_t len = strlen(v);
    if (ascii_ieq(v, len, "true") || ascii_ieq(v, len, "yes") || ascii_ieq(v, len, "on"))
        *out = 1;
    else if (ascii_ieq(v, len, "false") || ascii_ieq(v, len, "no") || ascii_ieq(v, len, "off"))
        *out = 0;
    else
        FAIL_AT(n, "%s must be true or false, not '%s'", what, v);
    return ST_OK;
}

static status_t S_percent(loader_t *ld, yaml_node_t *n, const char *what, double *out)
{
    TRY(S_number(ld, n, what, out));
    if (*out < 0 || *out > 100)
        FAIL_AT(n, "%s must be a percentage between 0 and 100, not %g", what, *out);
    return ST_OK;
}

int64_t config_parse_duration(const char *s)
{
    if (!s || !*s)
        return -1;
    int64_t total = 0;
    const char *p = s;
    char last_unit = 0;
    static const char units[] = "wdhms";
    while (*p) {
        if (*p < '0' || *p > '9')
            return -1;
        int64_t v = 0;
        while (*p >= '0' && *p <= '9') {
            v = v * 10 + (*p++ - '0');
            if (v > 100000000)
                return -1;
        }
        const char *u = *p ? strchr(units, *p) : NULL;
        if (!u)
            return -1;
        /* units in decreasing order, each once: 1h30m, not 30m1h */
        if (last_unit && u <= strchr(units, last_unit))
            return -1;
        last_unit = *p++;
        static const int64_t mult[] = {7 * 86400, 86400, 3600, 60, 1};
        total += v * mult[u - units];
    }
    return total;
}

static status_t S_duration(loader_t *ld, yaml_node_t *n, const char *what, int64_t *out)
{
    const char *v;
    TRY(S_string(ld, n, what, &v));
    *out = config_parse_duration(v);
    if (*out < 0)
        FAIL_AT(n, "%s: '%s' is not a duration (write e.g. 90s, 15m, 4h, 3d, 1w or 1h30m)", what,
                v);
    if (*out == 0)
        FAIL_AT(n, "%s must be longer than zero", what);
    return ST_OK;
}

/* Resolves a path against the config's directory. */
static const char *S_resolve(loader_t *ld, const char *p)
{
    if (p[0] == '/' || !ld->cfg->dir[0] || strcmp(ld->cfg->dir, ".") == 0)
        return arena_strdup(ld->cfg->arena, p);
    strbuf_t sb = {0};
    strbuf_printf(&sb, "%s/%s", ld->cfg->dir, p);
    const char *r = arena_strdup(ld->cfg->arena, sb.data);
    strbuf_free(&sb);
    return r;
}

static status_t S_path(loader_t *ld, yaml_node_t *n, const char *what, const char **out)
{
    const char *v;
    TRY(S_nonempty(ld, n, what, &v));
    *out = S_resolve(ld, v);
    return ST_OK;
}

/* The first scalar key of a mapping that an earlier one repeats (*first: that one), or -1;
 * by hash, so that a mapping of thousands of keys costs no n² comparisons. */
static long S_repeated_key(loader_t *ld, yaml_node_pair_t *pairs, size_t n, size_t *first)
{
    hashmap_t *seen = hashmap_new();
    long twice = -1;
    for (size_t i = 0; i < n && twice < 0; i++) {
        yaml_node_t *k = N(ld, pairs[i].key);
        if (k->type != YAML_SCALAR_NODE)
            continue;
        void **at = hashmap_slot(seen, (const char *)k->data.scalar.value,
                                 strlen((const char *)k->data.scalar.value), NULL);
        if (*at) {
            *first = (uintptr_t)*at - 1;
            twice = (long)i;
        }
        *at = (void *)(uintptr_t)(i + 1);
    }
    hashmap_free(seen);
    return twice;
}

/*
 * Iterates a mapping: checks that keys are scalars, unique, and among `allowed` (a
 * NULL-terminated list; NULL allows any key). Returns ST_OK or the error.
 */
static status_t S_check_keys(loader_t *ld, yaml_node_t *map, const char *what,
                             const char *const *allowed)
{
    TRY(S_expect(ld, map, YAML_MAPPING_NODE, what));
    yaml_node_pair_t *pairs = map->data.mapping.pairs.start;
    size_t n = (size_t)(map->data.mapping.pairs.top - pairs), first = 0;
    long twice = S_repeated_key(ld, pairs, n, &first);
    for (size_t i = 0; i < n; i++) {
        yaml_node_t *k = N(ld, pairs[i].key);
        if (k->type != YAML_SCALAR_NODE)
            FAIL_AT(k, "keys in %s must be plain names", what);
        const char *key = (const char *)k->data.scalar.value;
        if (!text_is_safe(key, k->data.scalar.length)) /* keys name things the outputs show */
            FAIL_AT(k, "a key in %s holds a control character, a Unicode noncharacter or a NUL",
                    what);
        if ((long)i == twice)
            FAIL_AT(k, "duplicate key '%s' in %s (first at line %zu)", key, what,
                    (size_t)N(ld, pairs[first].key)->start_mark.line + 1);
        if (!allowed)
            continue;
        int ok = 0;
        for (const char *const *a = allowed; *a; a++)
            if (strcmp(*a, key) == 0)
                ok = 1;
        if (!ok) {
            strbuf_t sb = {0};
            for (const char *const *a = allowed; *a; a++)
                strbuf_printf(&sb, "%s%s", a == allowed ? "" : ", ", *a);
            status_t st = diag_set(ld->d, ST_CONFIG, ld->path, k->start_mark.line + 1,
                                   k->start_mark.column + 1, "unknown key '%s' in %s (known: %s)",
                                   key, what, sb.data);
            strbuf_free(&sb);
            return st;
        }
    }
    return ST_OK;
}

#define PAIRS(map) ((map)->data.mapping.pairs.start)
#define NPAIRS(map) ((size_t)((map)->data.mapping.pairs.top - (map)->data.mapping.pairs.start))
#define ITEMS(seq) ((seq)->data.sequence.items.start)
#define NITEMS(seq) ((size_t)((seq)->data.sequence.items.top - (seq)->data.sequence.items.start))
#define KEY(ld, pair) ((const char *)N(ld, (pair).key)->data.scalar.value)
#define VAL(ld, pair) (N(ld, (pair).value))

/* ---- sources ---- */

static const char *const SOURCE_KEYS[] = {"file",      "profile",     "timezone",   "kind",
                                          "columns",   "time_format", "priorities", "encoding",
                                          "delimiter", NULL};

static status_t S_source(loader_t *ld, yaml_node_t *m, cfg_source_t *src)
{
    TRY(S_check_keys(ld, m, "a source", SOURCE_KEYS));
    src->kind = KIND_NONE;
    src->mark = S_mark(m);
    int have_profile = 0;
    for (size_t i = 0; i < NPAIRS(m); i++) {
        const char *k = KEY(ld, PAIRS(m)[i]);
        yaml_node_t *v = VAL(ld, PAIRS(m)[i]);
        if (!strcmp(k, "file")) {
            TRY(S_nonempty(ld, v, "file", &src->file_written));
            src->file = S_resolve(ld, src->file_written);
        } else if (!strcmp(k, "profile")) {
            TRY(S_nonempty(ld, v, "profile", &src->profile));
            if (!profile_known(src->profile))
                FAIL_AT(v, "unknown profile '%s' (known: %s)", src->profile, profile_names_help());
            have_profile = 1;
        } else if (!strcmp(k, "timezone")) {
            TRY(S_nonempty(ld, v, "timezone", &src->timezone));
            tz_t *tz = NULL;
            diag_t d2 = {0};
            if (tz_load(src->timezone, &tz, &d2) != ST_OK) {
                status_t st = diag_set(ld->d, ST_CONFIG, ld->path, v->start_mark.line + 1,
                                       v->start_mark.column + 1, "%s", d2.message);
                diag_clear(&d2);
                return st;
            }
            tz_free(tz);
        } else if (!strcmp(k, "kind")) {
            const char *kind;
            TRY(S_nonempty(ld, v, "kind", &kind));
            src->kind = KIND_NONE;
            for (int j = 0; j < KIND_COUNT; j++)
                if (!strcmp(kind, kind_names[j]))
                    src->kind = j;
            if (src->kind == KIND_NONE)
                FAIL_AT(v, "kind must be incident, request, problem or change, not '%s'", kind);
        } else if (!strcmp(k, "columns")) {
            TRY(S_check_keys(ld, v, "columns", NULL));
            src->ncolumns = NPAIRS(v);
            src->columns = arena_alloc(ld->cfg->arena, src->ncolumns * sizeof(cfg_pair_t));
            for (size_t j = 0; j < src->ncolumns; j++) {
                src->columns[j].key = arena_strdup(ld->cfg->arena, KEY(ld, PAIRS(v)[j]));
                if (!profile_canonical_column(src->columns[j].key))
                    FAIL_AT(N(ld, PAIRS(v)[j].key), "'%s' is not a canonical column name",
                            src->columns[j].key);
                TRY(S_nonempty(ld, VAL(ld, PAIRS(v)[j]), "a column header",
                               &src->columns[j].value));
            }
        } else if (!strcmp(k, "time_format")) {
            TRY(S_nonempty(ld, v, "time_format", &src->time_format));
        } else if (!strcmp(k, "priorities")) {
            TRY(S_check_keys(ld, v, "priorities", NULL));
            src->npriorities = NPAIRS(v);
            src->priorities = arena_alloc(ld->cfg->arena, src->npriorities * sizeof(cfg_pair_t));
            for (size_t j = 0; j < src->npriorities; j++) {
                long p;
                src->priorities[j].key = arena_strdup(ld->cfg->arena, KEY(ld, PAIRS(v)[j]));
                TRY(S_integer(ld, VAL(ld, PAIRS(v)[j]), "a priority", 1, 5, &p));
                src->priorities[j].number = (int)p;
            }
        } else if (!strcmp(k, "encoding")) {
            TRY(S_nonempty(ld, v, "encoding", &src->encoding));
            size_t len = strlen(src->encoding);
            if (!ascii_ieq(src->encoding, len, "utf-8") && !ascii_ieq(src->encoding, len, "utf8") &&
                !ascii_ieq(src->encoding, len, "cp1252") &&
                !ascii_ieq(src->encoding, len, "windows-1252"))
                FAIL_AT(v, "encoding must be utf-8 or cp1252, not '%s'", src->encoding);
        } else if (!strcmp(k, "delimiter")) {
            const char *dl;
            TRY(S_string(ld, v, "delimiter", &dl));
            if (!strcmp(dl, "\\t") || !strcmp(dl, "tab"))
                dl = "\t";
            if (strlen(dl) != 1 || !strchr(",;\t|", dl[0]))
                FAIL_AT(v, "delimiter must be one of , ; | or tab");
            src->delimiter = dl[0];
        }
    }
    if (!src->file)
        FAIL_AT(m, "a source needs a 'file'");
    if (!have_profile)
        FAIL_AT(m, "source '%s' needs a 'profile' (known: %s)", src->file_written,
                profile_names_help());
    if (!strcmp(src->profile, "generic")) {
        if (src->kind == KIND_NONE && !profile_pairs_have(src->columns, src->ncolumns, "kind"))
            FAIL_AT(m, "a generic source needs 'kind' or a 'kind' column in 'columns'");
        if (!profile_pairs_have(src->columns, src->ncolumns, "id") ||
            !profile_pairs_have(src->columns, src->ncolumns, "opened_at"))
            FAIL_AT(m, "a generic source needs 'columns' naming at least id and opened_at");
    }
    return ST_OK;
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

static status_t S_calendar(loader_t *ld, const char *name, yaml_node_t *m, cfg_calendar_t *cal)
{
    static const char *const keys[] = {"hours", "holidays", NULL};
    TRY(S_check_keys(ld, m, "a calendar", keys));
    cal->name = name;
    for (size_t i = 0; i < NPAIRS(m); i++) {
        const char *k = KEY(ld, PAIRS(m)[i]);
        yaml_node_t *v = VAL(ld, PAIRS(m)[i]);
        if (!strcmp(k, "hours")) {
            TRY(S_check_keys(ld, v, "hours", NULL));
            unsigned seen = 0;
            for (size_t j = 0; j < NPAIRS(v); j++) {
                yaml_node_t *kn = N(ld, PAIRS(v)[j].key);
                unsigned mask;
                if (S_days(KEY(ld, PAIRS(v)[j]), &mask) != 0)
                    FAIL_AT(kn, "'%s' is not a day or day range (write e.g. mon-fri, sat, mon,wed)",
                            KEY(ld, PAIRS(v)[j]));
                if (mask & seen)
                    FAIL_AT(kn, "'%s' gives hours for a day already given", KEY(ld, PAIRS(v)[j]));
                seen |= mask;
                const char *spec;
                yaml_node_t *vn = VAL(ld, PAIRS(v)[j]);
                TRY(S_string(ld, vn, "opening hours", &spec));
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
            TRY(S_expect(ld, v, YAML_SEQUENCE_NODE, "holidays"));
            cal->nholidays = NITEMS(v);
            cal->holidays = arena_alloc(ld->cfg->arena, cal->nholidays * sizeof(int64_t));
            for (size_t j = 0; j < cal->nholidays; j++) {
                yaml_node_t *dn = N(ld, ITEMS(v)[j]);
                const char *ds;
                TRY(S_string(ld, dn, "a holiday", &ds));
                if (timeparse_date(ds, strlen(ds), &cal->holidays[j]) != 0)
                    FAIL_AT(dn, "holiday '%s' is not a date (write YYYY-MM-DD)", ds);
            }
            if (cal->nholidays > 1)
                qsort(cal->holidays, cal->nholidays, sizeof(int64_t), S_cmp_i64);
        }
    }
    return ST_OK;
}

static status_t S_calendars(loader_t *ld, yaml_node_t *m)
{
    TRY(S_check_keys(ld, m, "calendars", NULL));
    config_t *cfg = ld->cfg;
    cfg->ncalendars = 1 + NPAIRS(m);
    cfg->calendars = arena_alloc(cfg->arena, cfg->ncalendars * sizeof(cfg_calendar_t));
    cfg->calendars[0].name = "24x7";
    cfg->calendars[0].always_open = 1;
    for (size_t i = 0; i < NPAIRS(m); i++) {
        const char *name = arena_strdup(cfg->arena, KEY(ld, PAIRS(m)[i]));
        if (!strcmp(name, "24x7"))
            FAIL_AT(N(ld, PAIRS(m)[i].key),
                    "the calendar '24x7' is built in and cannot be redefined");
        TRY(S_calendar(ld, name, VAL(ld, PAIRS(m)[i]), &cfg->calendars[1 + i]));
    }
    return ST_OK;
}

/* ---- services ---- */

static status_t S_service(loader_t *ld, yaml_node_t *m, cfg_service_t *svc, int need_name)
{
    static const char *const keys[] = {"name", "calendar", "availability_target", NULL};
    TRY(S_check_keys(ld, m, need_name ? "a service" : "service_defaults", keys + !need_name));
    svc->mark = S_mark(m);
    for (size_t i = 0; i < NPAIRS(m); i++) {
        const char *k = KEY(ld, PAIRS(m)[i]);
        yaml_node_t *v = VAL(ld, PAIRS(m)[i]);
        if (!strcmp(k, "name")) {
            TRY(S_nonempty(ld, v, "name", &svc->name));
        } else if (!strcmp(k, "calendar")) {
            TRY(S_nonempty(ld, v, "calendar", &svc->calendar));
            svc->mark = S_mark(v);
        } else if (!strcmp(k, "availability_target")) {
            TRY(S_percent(ld, v, "availability_target", &svc->availability_target));
        }
    }
    if (need_name && !svc->name)
        FAIL_AT(m, "a service needs a 'name'");
    return ST_OK;
}

/* ---- maintenance ---- */

static status_t S_local_time(loader_t *ld, yaml_node_t *n, const char *what, int64_t *out)
{
    const char *s;
    TRY(S_string(ld, n, what, &s));
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

static status_t S_maintenance(loader_t *ld, yaml_node_t *seq)
{
    static const char *const keys[] = {"service", "start", "end", NULL};
    TRY(S_expect(ld, seq, YAML_SEQUENCE_NODE, "maintenance"));
    config_t *cfg = ld->cfg;
    cfg->nmaintenance = NITEMS(seq);
    cfg->maintenance = arena_alloc(cfg->arena, cfg->nmaintenance * sizeof(cfg_maintenance_t));
    for (size_t i = 0; i < cfg->nmaintenance; i++) {
        yaml_node_t *m = N(ld, ITEMS(seq)[i]);
        cfg_maintenance_t *w = &cfg->maintenance[i];
        TRY(S_check_keys(ld, m, "a maintenance window", keys));
        w->mark = S_mark(m);
        int have_start = 0, have_end = 0;
        for (size_t j = 0; j < NPAIRS(m); j++) {
            const char *k = KEY(ld, PAIRS(m)[j]);
            yaml_node_t *v = VAL(ld, PAIRS(m)[j]);
            if (!strcmp(k, "service"))
                TRY(S_nonempty(ld, v, "service", &w->service));
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

static status_t S_sla_target(loader_t *ld, yaml_node_t *m, cfg_sla_target_t *t)
{
    static const char *const keys[] = {"respond", "resolve", "calendar", NULL};
    TRY(S_check_keys(ld, m, "an SLA target", keys));
    t->respond = t->resolve = -1;
    t->calendar = "24x7";
    t->mark = S_mark(m);
    for (size_t i = 0; i < NPAIRS(m); i++) {
        const char *k = KEY(ld, PAIRS(m)[i]);
        yaml_node_t *v = VAL(ld, PAIRS(m)[i]);
        if (!strcmp(k, "respond"))
            TRY(S_duration(ld, v, "respond", &t->respond));
        else if (!strcmp(k, "resolve"))
            TRY(S_duration(ld, v, "resolve", &t->resolve));
        else if (!strcmp(k, "calendar")) {
            TRY(S_nonempty(ld, v, "calendar", &t->calendar));
            t->mark = S_mark(v);
        }
    }
    if (t->respond < 0 && t->resolve < 0)
        FAIL_AT(m, "an SLA target needs respond, resolve or both");
    return ST_OK;
}

static status_t S_sla(loader_t *ld, yaml_node_t *m)
{
    static const char *const keys[] = {"incident", "request", "pause_states", NULL};
    TRY(S_check_keys(ld, m, "sla", keys));
    config_t *cfg = ld->cfg;
    size_t total = 0;
    for (size_t i = 0; i < NPAIRS(m); i++) {
        yaml_node_t *v = VAL(ld, PAIRS(m)[i]);
        if (strcmp(KEY(ld, PAIRS(m)[i]), "pause_states") != 0) {
            TRY(S_check_keys(ld, v, "SLA targets of a kind", NULL));
            total += NPAIRS(v);
        }
    }
    cfg->sla = arena_alloc(cfg->arena, total * sizeof(cfg_sla_target_t));
    for (size_t i = 0; i < NPAIRS(m); i++) {
        const char *k = KEY(ld, PAIRS(m)[i]);
        yaml_node_t *v = VAL(ld, PAIRS(m)[i]);
        if (!strcmp(k, "pause_states")) {
            TRY(S_expect(ld, v, YAML_SEQUENCE_NODE, "pause_states"));
            cfg->npause_states = NITEMS(v);
            cfg->pause_states = arena_alloc(cfg->arena, cfg->npause_states * sizeof(char *));
            for (size_t j = 0; j < cfg->npause_states; j++)
                TRY(S_nonempty(ld, N(ld, ITEMS(v)[j]), "a pause state", &cfg->pause_states[j]));
            continue;
        }
        int kind = !strcmp(k, "incident") ? KIND_INCIDENT : KIND_REQUEST;
        for (size_t j = 0; j < NPAIRS(v); j++) {
            yaml_node_t *kn = N(ld, PAIRS(v)[j].key);
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
                t->priority = (int)p;
            }
            TRY(S_sla_target(ld, VAL(ld, PAIRS(v)[j]), t));
        }
    }
    return ST_OK;
}

/* ---- smaller sections ---- */

static status_t S_output(loader_t *ld, yaml_node_t *m)
{
    static const char *const keys[] = {"dir", "name", NULL};
    TRY(S_check_keys(ld, m, "output", keys));
    for (size_t i = 0; i < NPAIRS(m); i++) {
        const char *k = KEY(ld, PAIRS(m)[i]);
        yaml_node_t *v = VAL(ld, PAIRS(m)[i]);
        if (!strcmp(k, "dir")) {
            TRY(S_path(ld, v, "output.dir", &ld->cfg->output_dir));
        } else {
            TRY(S_nonempty(ld, v, "output.name", &ld->cfg->output_name));
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

static status_t S_availability(loader_t *ld, yaml_node_t *m)
{
    static const char *const keys[] = {"from_incidents", "count_degradation", NULL};
    static const char *const fkeys[] = {"max_priority", NULL};
    TRY(S_check_keys(ld, m, "availability", keys));
    for (size_t i = 0; i < NPAIRS(m); i++) {
        const char *k = KEY(ld, PAIRS(m)[i]);
        yaml_node_t *v = VAL(ld, PAIRS(m)[i]);
        if (!strcmp(k, "count_degradation")) {
            TRY(S_bool(ld, v, "count_degradation", &ld->cfg->count_degradation));
        } else {
            TRY(S_check_keys(ld, v, "from_incidents", fkeys));
            if (NPAIRS(v) == 0)
                FAIL_AT(v, "from_incidents needs max_priority");
            long p;
            TRY(S_integer(ld, VAL(ld, PAIRS(v)[0]), "max_priority", 1, 5, &p));
            ld->cfg->from_incidents_max_priority = (int)p;
        }
    }
    return ST_OK;
}

static status_t S_satisfaction(loader_t *ld, yaml_node_t *m)
{
    static const char *const keys[] = {"scale", "satisfied_from", NULL};
    TRY(S_check_keys(ld, m, "satisfaction", keys));
    config_t *cfg = ld->cfg;
    yaml_node_t *from = NULL;
    for (size_t i = 0; i < NPAIRS(m); i++) {
        const char *k = KEY(ld, PAIRS(m)[i]);
        yaml_node_t *v = VAL(ld, PAIRS(m)[i]);
        if (!strcmp(k, "scale")) {
            TRY(S_expect(ld, v, YAML_SEQUENCE_NODE, "scale"));
            if (NITEMS(v) != 2)
                FAIL_AT(v, "scale must be [lowest, highest], e.g. [1, 5]");
            TRY(S_number(ld, N(ld, ITEMS(v)[0]), "the scale's lowest score", &cfg->scale_min));
            TRY(S_number(ld, N(ld, ITEMS(v)[1]), "the scale's highest score", &cfg->scale_max));
            if (cfg->scale_max <= cfg->scale_min)
                FAIL_AT(v, "the scale's highest score must be above its lowest");
        } else {
            from = v;
        }
    }
    if (from) {
        TRY(S_number(ld, from, "satisfied_from", &cfg->satisfied_from));
        if (cfg->satisfied_from < cfg->scale_min || cfg->satisfied_from > cfg->scale_max)
            FAIL_AT(from, "satisfied_from must lie on the scale [%g, %g]", cfg->scale_min,
                    cfg->scale_max);
    } else {
        cfg->satisfied_from = cfg->scale_max - 1;
    }
    return ST_OK;
}

/* KPIs that may carry a target, and whether they are percentages. */
static const struct {
    const char *name;
    int pct;
} KPI_NAMES[] = {
    {"availability_pct", 1},
    {"response_attainment_pct", 1},
    {"resolution_attainment_pct", 1},
    {"csat_pct", 1},
    {"csat_mean", 0},
    {"nps", 0},
    {"response_rate_pct", 1},
    {"reopen_rate_pct", 1},
    {"first_assignment_resolution_pct", 1},
    {"change_success_pct", 1},
    {"emergency_change_pct", 1},
    {"readiness_pct", 1},
};

static status_t S_targets(loader_t *ld, yaml_node_t *m)
{
    static const char *const keys[] = {"target", "amber", "lower_is_better", NULL};
    TRY(S_check_keys(ld, m, "targets", NULL));
    config_t *cfg = ld->cfg;
    cfg->ntargets = NPAIRS(m);
    cfg->targets = arena_alloc(cfg->arena, cfg->ntargets * sizeof(cfg_kpi_target_t));
    for (size_t i = 0; i < cfg->ntargets; i++) {
        const char *k = KEY(ld, PAIRS(m)[i]);
        yaml_node_t *v = VAL(ld, PAIRS(m)[i]);
        int pct = -1;
        for (size_t j = 0; j < sizeof KPI_NAMES / sizeof KPI_NAMES[0]; j++)
            if (!strcmp(KPI_NAMES[j].name, k))
                pct = KPI_NAMES[j].pct;
        if (pct < 0) {
            strbuf_t sb = {0};
            for (size_t j = 0; j < sizeof KPI_NAMES / sizeof KPI_NAMES[0]; j++)
                strbuf_printf(&sb, "%s%s", j ? ", " : "", KPI_NAMES[j].name);
            status_t st =
                diag_set(ld->d, ST_CONFIG, ld->path, N(ld, PAIRS(m)[i].key)->start_mark.line + 1,
                         N(ld, PAIRS(m)[i].key)->start_mark.column + 1,
                         "'%s' is not a KPI with a target (known: %s)", k, sb.data);
            strbuf_free(&sb);
            return st;
        }
        cfg_kpi_target_t *t = &cfg->targets[i];
        t->kpi = arena_strdup(cfg->arena, k);
        t->amber = NAN;
        TRY(S_check_keys(ld, v, "a KPI target", keys));
        int have_target = 0;
        for (size_t j = 0; j < NPAIRS(v); j++) {
            const char *tk = KEY(ld, PAIRS(v)[j]);
            yaml_node_t *tv = VAL(ld, PAIRS(v)[j]);
            if (!strcmp(tk, "target")) {
                TRY(pct ? S_percent(ld, tv, "target", &t->target)
                        : S_number(ld, tv, "target", &t->target));
                have_target = 1;
            } else if (!strcmp(tk, "amber")) {
                TRY(pct ? S_percent(ld, tv, "amber", &t->amber)
                        : S_number(ld, tv, "amber", &t->amber));
            } else {
                TRY(S_bool(ld, tv, "lower_is_better", &t->lower_is_better));
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

static status_t S_one_int_map(loader_t *ld, yaml_node_t *m, const char *what, const char *key,
                              long lo, long hi, long *out)
{
    const char *const keys[] = {key, NULL};
    TRY(S_check_keys(ld, m, what, keys));
    if (NPAIRS(m))
        TRY(S_integer(ld, VAL(ld, PAIRS(m)[0]), key, lo, hi, out));
    return ST_OK;
}

static status_t S_period_value(loader_t *ld, yaml_node_t *v, const char *what, const char **out,
                               cfg_mark_t *mark)
{
    TRY(S_nonempty(ld, v, what, out));
    period_spec_t spec;
    if (period_parse(*out, &spec) != 0)
        FAIL_AT(v, "%s '%s' is not a period; %s", what, *out, period_forms_help);
    *mark = S_mark(v);
    return ST_OK;
}

/* ---- themes ---- */

static status_t S_color(loader_t *ld, yaml_node_t *n, const char *what, theme_rgb_t *out)
{
    const char *v;
    TRY(S_string(ld, n, what, &v));
    if (theme_parse_color(v, out) != 0)
        FAIL_AT(n, "%s '%s' is not a colour (write \"#RRGGBB\")", what, v);
    return ST_OK;
}

/* Reads the first bytes of a file; returns how many, or -1 with errno when it cannot. */
static long S_head(const char *path, unsigned char *buf, size_t n)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return -1;
    size_t got = fread(buf, 1, n, f);
    fclose(f);
    return (long)got;
}

/* True when the bytes start a PNG whose header chunk is sane, or a JPEG. */
static int S_image_ok(const unsigned char *b, long n)
{
    static const unsigned char png[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
    if (n >= 33 && !memcmp(b, png, 8) && !memcmp(b + 12, "IHDR", 4)) {
        uint32_t len = (uint32_t)b[8] << 24 | (uint32_t)b[9] << 16 | (uint32_t)b[10] << 8 | b[11];
        uint32_t w = (uint32_t)b[16] << 24 | (uint32_t)b[17] << 16 | (uint32_t)b[18] << 8 | b[19];
        uint32_t h = (uint32_t)b[20] << 24 | (uint32_t)b[21] << 16 | (uint32_t)b[22] << 8 | b[23];
        int depth = b[24], type = b[25];
        return len == 13 && w > 0 && h > 0 && w <= 20000 && h <= 20000 &&
               (depth == 1 || depth == 2 || depth == 4 || depth == 8 || depth == 16) &&
               (type == 0 || type == 2 || type == 3 || type == 4 || type == 6) && b[28] == 0;
    }
    return n >= 4 && b[0] == 0xFF && b[1] == 0xD8 && b[2] == 0xFF;
}

static status_t S_theme_root(loader_t *ld, yaml_node_t *root, const char *dir, theme_t *t)
{
    static const char *const keys[] = {"name", "fonts", "colors", "logo", "margin_mm", NULL};
    static const char *const font_keys[] = {"regular", "bold", NULL};
    static const char *const color_keys[] = {"primary", "text", "muted",  "zebra",
                                             "target",  "rag",  "series", NULL};
    static const char *const rag_keys[] = {"green", "amber", "red", NULL};
    TRY(S_check_keys(ld, root, "the theme", keys));
    for (size_t i = 0; i < NPAIRS(root); i++) {
        const char *k = KEY(ld, PAIRS(root)[i]);
        yaml_node_t *v = VAL(ld, PAIRS(root)[i]);
        if (!strcmp(k, "name")) {
            TRY(S_nonempty(ld, v, "name", &t->name));
        } else if (!strcmp(k, "margin_mm")) {
            double mm;
            TRY(S_number(ld, v, "margin_mm", &mm));
            if (mm < 5 || mm > 40)
                FAIL_AT(v, "margin_mm must be between 5 and 40, not %g", mm);
            t->margin_pt = mm * 72.0 / 25.4;
        } else if (!strcmp(k, "logo")) {
            if (S_is_null(v)) {
                t->logo = NULL;
                continue;
            }
            const char *logo;
            TRY(S_nonempty(ld, v, "logo", &logo));
            strbuf_t sb = {0};
            if (logo[0] == '/' || !strcmp(dir, "."))
                strbuf_puts(&sb, logo);
            else
                strbuf_printf(&sb, "%s/%s", dir, logo);
            t->logo = arena_strdup(ld->cfg->arena, sb.data);
            strbuf_free(&sb);
            unsigned char head[64];
            long n = S_head(t->logo, head, sizeof head);
            if (n < 0)
                FAIL_AT(v, "logo '%s' cannot be read: %s", t->logo, strerror(errno));
            if (!S_image_ok(head, n))
                FAIL_AT(v, "logo '%s' is not a PNG or JPEG image", t->logo);
        } else if (!strcmp(k, "fonts")) {
            TRY(S_check_keys(ld, v, "fonts", font_keys));
            for (size_t j = 0; j < NPAIRS(v); j++) {
                yaml_node_t *fv = VAL(ld, PAIRS(v)[j]);
                const char *name;
                TRY(S_nonempty(ld, fv, "a font", &name));
                if (strchr(name, '/') && name[0] != '/' && strcmp(dir, ".") != 0) {
                    strbuf_t sb = {0};
                    strbuf_printf(&sb, "%s/%s", dir, name);
                    name = arena_strdup(ld->cfg->arena, sb.data);
                    strbuf_free(&sb);
                }
                char *path = theme_font_path(name);
                unsigned char head[4];
                long n = S_head(path, head, sizeof head);
                int ttf =
                    n == 4 && ((head[0] == 0 && head[1] == 1 && head[2] == 0 && head[3] == 0) ||
                               !memcmp(head, "true", 4));
                status_t st = ST_OK;
                if (n < 0)
                    st = diag_set(ld->d, ST_CONFIG, ld->path, fv->start_mark.line + 1,
                                  fv->start_mark.column + 1, "font '%s' cannot be read: %s", path,
                                  strerror(errno));
                else if (!ttf)
                    st = diag_set(ld->d, ST_CONFIG, ld->path, fv->start_mark.line + 1,
                                  fv->start_mark.column + 1, "font '%s' is not a TrueType font",
                                  path);
                free(path);
                if (st != ST_OK)
                    return st;
                if (!strcmp(KEY(ld, PAIRS(v)[j]), "regular"))
                    t->font_regular = name;
                else
                    t->font_bold = name;
            }
        } else if (!strcmp(k, "colors")) {
            TRY(S_check_keys(ld, v, "colors", color_keys));
            for (size_t j = 0; j < NPAIRS(v); j++) {
                const char *ck = KEY(ld, PAIRS(v)[j]);
                yaml_node_t *cv = VAL(ld, PAIRS(v)[j]);
                if (!strcmp(ck, "primary"))
                    TRY(S_color(ld, cv, ck, &t->primary));
                else if (!strcmp(ck, "text"))
                    TRY(S_color(ld, cv, ck, &t->text));
                else if (!strcmp(ck, "muted"))
                    TRY(S_color(ld, cv, ck, &t->muted));
                else if (!strcmp(ck, "zebra"))
                    TRY(S_color(ld, cv, ck, &t->zebra));
                else if (!strcmp(ck, "target"))
                    TRY(S_color(ld, cv, ck, &t->target));
                else if (!strcmp(ck, "rag")) {
                    TRY(S_check_keys(ld, cv, "rag", rag_keys));
                    for (size_t m = 0; m < NPAIRS(cv); m++) {
                        const char *rk = KEY(ld, PAIRS(cv)[m]);
                        int idx = !strcmp(rk, "green") ? 1 : !strcmp(rk, "amber") ? 2 : 3;
                        TRY(S_color(ld, VAL(ld, PAIRS(cv)[m]), rk, &t->rag_fill[idx]));
                    }
                } else {
                    TRY(S_expect(ld, cv, YAML_SEQUENCE_NODE, "series"));
                    if (NITEMS(cv) < 2 || NITEMS(cv) > THEME_MAX_SERIES)
                        FAIL_AT(cv, "series needs 2 to %d colours", THEME_MAX_SERIES);
                    t->nseries = NITEMS(cv);
                    for (size_t m = 0; m < t->nseries; m++)
                        TRY(S_color(ld, N(ld, ITEMS(cv)[m]), "a series colour", &t->series[m]));
                }
            }
        }
    }
    return ST_OK;
}

/* Nesting deeper than this is no config (the deepest real key, a source's priorities, is 4). */
#define CONFIG_MAX_DEPTH 32

/*
 * libyaml 0.2.5 sets no limit on nesting and resolves aliases into shared nodes that a walk
 * would visit again and again: before loading a document, read its events once and reject
 * nesting deeper than CONFIG_MAX_DEPTH, anchors and aliases (a config needs none), and more
 * than one document, each with its line and column.
 */
static status_t S_yaml_precheck(const char *path, const char *text, size_t len, diag_t *d)
{
    yaml_parser_t parser;
    if (!yaml_parser_initialize(&parser))
        return diag_set(d, ST_NOMEM, path, 0, 0, "cannot initialise the YAML parser");
    yaml_parser_set_input_string(&parser, (const unsigned char *)text, len);
    status_t st = ST_OK;
    int depth = 0, docs = 0, done = 0;
    while (!done && st == ST_OK) {
        yaml_event_t ev;
        if (!yaml_parser_parse(&parser, &ev)) {
            st = diag_set(d, ST_CONFIG, path, parser.problem_mark.line + 1,
                          parser.problem_mark.column + 1, "%s%s%s",
                          parser.problem ? parser.problem : "malformed YAML",
                          parser.context ? " " : "", parser.context ? parser.context : "");
            break;
        }
        size_t line = ev.start_mark.line + 1, col = ev.start_mark.column + 1;
        const unsigned char *anchor = NULL;
        switch (ev.type) {
        case YAML_STREAM_END_EVENT:
            done = 1;
            break;
        case YAML_DOCUMENT_START_EVENT:
            if (++docs > 1)
                st = diag_set(d, ST_CONFIG, path, line, col,
                              "a second YAML document ('---'): a config "
                              "file holds one");
            break;
        case YAML_ALIAS_EVENT:
            st = diag_set(d, ST_CONFIG, path, line, col,
                          "YAML aliases (*%s) are not allowed in a config; "
                          "write the value out",
                          (const char *)ev.data.alias.anchor);
            break;
        case YAML_SCALAR_EVENT:
            anchor = ev.data.scalar.anchor;
            break;
        case YAML_SEQUENCE_START_EVENT:
            anchor = ev.data.sequence_start.anchor;
            depth++;
            break;
        case YAML_MAPPING_START_EVENT:
            anchor = ev.data.mapping_start.anchor;
            depth++;
            break;
        case YAML_SEQUENCE_END_EVENT:
        case YAML_MAPPING_END_EVENT:
            depth--;
            break;
        default:
            break;
        }
        if (st == ST_OK && anchor)
            st = diag_set(d, ST_CONFIG, path, line, col,
                          "YAML anchors (&%s) are not allowed in a config", (const char *)anchor);
        if (st == ST_OK && depth > CONFIG_MAX_DEPTH)
            st = diag_set(d, ST_CONFIG, path, line, col, "nesting deeper than %d levels",
                          CONFIG_MAX_DEPTH);
        yaml_event_delete(&ev);
    }
    yaml_parser_delete(&parser);
    return st;
}

typedef status_t (*side_root_fn)(loader_t *ld, yaml_node_t *root, const char *dir, void *out);

/*
 * Loads a YAML file the config names (a theme, the ROI assumptions) with `fn` over its root;
 * errors name that file, line and column, or the config's key when the file cannot be read.
 */
static status_t S_side_file(config_t *cfg, const char *path, cfg_mark_t mark, const char *what,
                            side_root_fn fn, void *out, diag_t *d)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return diag_set(d, ST_CONFIG, cfg->path, mark.line, mark.column,
                        "%s '%s' cannot be read: %s", what, path, strerror(errno));
    strbuf_t text = {0};
    char buf[8192];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, f)) > 0 && text.len <= CONFIG_MAX_BYTES)
        strbuf_append(&text, buf, n);
    fclose(f);
    status_t st = ST_OK;
    loader_t ldv = {0};
    loader_t *ld = &ldv;
    ld->path = path;
    ld->d = d;
    ld->cfg = cfg;
    yaml_parser_t parser;
    if (!yaml_parser_initialize(&parser)) {
        strbuf_free(&text);
        return diag_set(d, ST_NOMEM, path, 0, 0, "cannot initialise the YAML parser");
    }
    yaml_parser_set_input_string(&parser, (const unsigned char *)strbuf_cstr(&text), text.len);
    if (text.len > CONFIG_MAX_BYTES) {
        st = diag_set(d, ST_CONFIG, path, 0, 0, "%s file is larger than 1 MiB", what);
    } else if ((st = S_yaml_precheck(path, strbuf_cstr(&text), text.len, d)) != ST_OK) {
        /* reported */
    } else if (!yaml_parser_load(&parser, &ld->doc)) {
        st = diag_set(d, ST_CONFIG, path, parser.problem_mark.line + 1,
                      parser.problem_mark.column + 1, "%s",
                      parser.problem ? parser.problem : "malformed YAML");
    } else {
        yaml_node_t *root = yaml_document_get_root_node(&ld->doc);
        const char *slash = strrchr(path, '/');
        char *dir = slash ? xstrndup(path, (size_t)(slash - path + (slash == path))) : xstrdup(".");
        if (!root)
            st = diag_set(d, ST_CONFIG, path, 1, 1, "the %s file is empty", what);
        else
            st = fn(ld, root, dir, out);
        free(dir);
        yaml_document_delete(&ld->doc);
    }
    yaml_parser_delete(&parser);
    strbuf_free(&text);
    return st;
}

static status_t S_theme_fn(loader_t *ld, yaml_node_t *root, const char *dir, void *out)
{
    return S_theme_root(ld, root, dir, out);
}

/* ---- ROI assumptions ---- */

static status_t S_amounts(loader_t *ld, yaml_node_t *m, const char *what, roi_amount_t **out,
                          size_t *n, double lo)
{
    TRY(S_check_keys(ld, m, what, NULL));
    *n = NPAIRS(m);
    *out = arena_alloc(ld->cfg->arena, (*n ? *n : 1) * sizeof(roi_amount_t));
    for (size_t i = 0; i < *n; i++) {
        (*out)[i].name = arena_strdup(ld->cfg->arena, KEY(ld, PAIRS(m)[i]));
        yaml_node_t *v = VAL(ld, PAIRS(m)[i]);
        TRY(S_number(ld, v, (*out)[i].name, &(*out)[i].value));
        if ((*out)[i].value < lo)
            FAIL_AT(v, "%s must not be below %g", (*out)[i].name, lo);
    }
    return ST_OK;
}

static status_t S_fraction(loader_t *ld, yaml_node_t *v, const char *what, double *out)
{
    TRY(S_number(ld, v, what, out));
    if (*out < 0 || *out > 1)
        FAIL_AT(v, "%s must be a fraction between 0 and 1, not %g", what, *out);
    return ST_OK;
}

/* Applies the keys of mapping m to a (the base, or a copy for a scenario). */
static status_t S_roi_keys(loader_t *ld, yaml_node_t *m, roi_assumptions_t *a, int scenario,
                           yaml_node_t **ramp_node)
{
    static const char *const keys[] = {"horizon_years",
                                       "discount_rate",
                                       "currency",
                                       "costs",
                                       "downtime_cost_per_hour",
                                       "cost_per_incident",
                                       "cost_per_breach",
                                       "benefits",
                                       "risk_adjustment",
                                       "ramp",
                                       "baseline",
                                       "scenarios",
                                       NULL};
    TRY(S_check_keys(ld, m, scenario ? "a scenario" : "the ROI assumptions", keys));
    for (size_t i = 0; i < NPAIRS(m); i++) {
        const char *k = KEY(ld, PAIRS(m)[i]);
        yaml_node_t *v = VAL(ld, PAIRS(m)[i]);
        if (!strcmp(k, "horizon_years")) {
            long h;
            TRY(S_integer(ld, v, k, 1, ROI_MAX_YEARS, &h));
            a->horizon_years = (int)h;
        } else if (!strcmp(k, "discount_rate")) {
            TRY(S_number(ld, v, k, &a->discount_rate));
            if (a->discount_rate < 0 || a->discount_rate >= 1)
                FAIL_AT(v, "discount_rate must be at least 0 and below 1 (0.10 for 10 %%), not %g",
                        a->discount_rate);
        } else if (!strcmp(k, "currency")) {
            TRY(S_nonempty(ld, v, k, &a->currency));
        } else if (!strcmp(k, "costs")) {
            static const char *const ck[] = {"initial", "annual", NULL};
            TRY(S_check_keys(ld, v, "costs", ck));
            for (size_t j = 0; j < NPAIRS(v); j++) {
                if (!strcmp(KEY(ld, PAIRS(v)[j]), "initial"))
                    TRY(S_amounts(ld, VAL(ld, PAIRS(v)[j]), "initial costs", &a->initial,
                                  &a->ninitial, 0));
                else
                    TRY(S_amounts(ld, VAL(ld, PAIRS(v)[j]), "annual costs", &a->annual, &a->nannual,
                                  0));
            }
        } else if (!strcmp(k, "downtime_cost_per_hour")) {
            if (v->type == YAML_SCALAR_NODE) {
                TRY(S_number(ld, v, k, &a->downtime_cost_per_hour));
                if (a->downtime_cost_per_hour < 0)
                    FAIL_AT(v, "downtime_cost_per_hour must not be negative");
            } else {
                TRY(S_amounts(ld, v, k, &a->service_downtime_cost, &a->nservice_downtime_cost, 0));
                size_t keep = 0;
                for (size_t j = 0; j < a->nservice_downtime_cost; j++) {
                    const char *svc = a->service_downtime_cost[j].name;
                    if (!strcmp(svc, "default")) {
                        a->downtime_cost_per_hour = a->service_downtime_cost[j].value;
                        continue;
                    }
                    if (!config_service(ld->cfg, svc))
                        FAIL_AT(N(ld, PAIRS(v)[j].key), "'%s' is not a service of the catalogue",
                                svc);
                    a->service_downtime_cost[keep++] = a->service_downtime_cost[j];
                }
                a->nservice_downtime_cost = keep;
            }
        } else if (!strcmp(k, "cost_per_incident") || !strcmp(k, "cost_per_breach")) {
            double *dst =
                !strcmp(k, "cost_per_incident") ? &a->cost_per_incident : &a->cost_per_breach;
            TRY(S_number(ld, v, k, dst));
            if (*dst < 0)
                FAIL_AT(v, "%s must not be negative", k);
        } else if (!strcmp(k, "benefits")) {
            TRY(S_amounts(ld, v, "benefits", &a->benefits, &a->nbenefits, -1e15));
        } else if (!strcmp(k, "risk_adjustment")) {
            if (v->type == YAML_SCALAR_NODE) {
                TRY(S_fraction(ld, v, k, &a->risk_default));
            } else {
                TRY(S_amounts(ld, v, k, &a->risk, &a->nrisk, 0));
                for (size_t j = 0; j < a->nrisk; j++) {
                    if (a->risk[j].value > 1)
                        FAIL_AT(VAL(ld, PAIRS(v)[j]),
                                "a risk adjustment is a fraction between 0 and 1");
                    if (!strcmp(a->risk[j].name, "default"))
                        a->risk_default = a->risk[j].value;
                }
            }
        } else if (!strcmp(k, "ramp")) {
            TRY(S_expect(ld, v, YAML_SEQUENCE_NODE, "ramp"));
            if (NITEMS(v) < 1 || NITEMS(v) > ROI_MAX_YEARS)
                FAIL_AT(v, "ramp needs one fraction per year of the horizon");
            for (size_t j = 0; j < ROI_MAX_YEARS; j++)
                a->ramp[j] = j < NITEMS(v) ? 0 : 1;
            for (size_t j = 0; j < NITEMS(v); j++)
                TRY(S_fraction(ld, N(ld, ITEMS(v)[j]), "a ramp value", &a->ramp[j]));
            *ramp_node = v;
        } else if (!strcmp(k, "baseline")) {
            static const char *const bk[] = {"downtime_hours", "incidents", "breaches", NULL};
            TRY(S_check_keys(ld, v, "baseline", bk));
            for (size_t j = 0; j < NPAIRS(v); j++) {
                const char *bkey = KEY(ld, PAIRS(v)[j]);
                double *dst = !strcmp(bkey, "downtime_hours") ? &a->baseline_downtime_hours
                              : !strcmp(bkey, "incidents")    ? &a->baseline_incidents
                                                              : &a->baseline_breaches;
                TRY(S_number(ld, VAL(ld, PAIRS(v)[j]), bkey, dst));
                if (*dst < 0)
                    FAIL_AT(VAL(ld, PAIRS(v)[j]), "%s must not be negative", bkey);
            }
        } else if (!strcmp(k, "scenarios") && scenario) {
            FAIL_AT(N(ld, PAIRS(m)[i].key), "a scenario cannot hold scenarios");
        }
    }
    return ST_OK;
}

static status_t S_roi_check_ramp(loader_t *ld, const roi_assumptions_t *a, yaml_node_t *ramp_node,
                                 yaml_node_t *where)
{
    if (ramp_node && NITEMS(ramp_node) != (size_t)a->horizon_years)
        FAIL_AT(ramp_node, "ramp has %zu values but the horizon is %d years", NITEMS(ramp_node),
                a->horizon_years);
    (void)where;
    return ST_OK;
}

static status_t S_roi_fn(loader_t *ld, yaml_node_t *root, const char *dir, void *out)
{
    (void)dir;
    roi_config_t *rc = out;
    roi_assumptions_t *a = &rc->base;
    memset(a, 0, sizeof *a);
    a->name = "expected";
    a->horizon_years = 3;
    a->discount_rate = 0.10;
    a->currency = "EUR";
    a->downtime_cost_per_hour = a->cost_per_incident = a->cost_per_breach = NAN;
    a->risk_default = 0.10;
    for (int t = 0; t < ROI_MAX_YEARS; t++)
        a->ramp[t] = 1;
    a->baseline_downtime_hours = a->baseline_incidents = a->baseline_breaches = NAN;
    TRY(S_expect(ld, root, YAML_MAPPING_NODE, "the ROI assumptions"));
    yaml_node_t *ramp_node = NULL;
    TRY(S_roi_keys(ld, root, a, 0, &ramp_node));
    TRY(S_roi_check_ramp(ld, a, ramp_node, root));
    for (size_t i = 0; i < NPAIRS(root); i++) {
        if (strcmp(KEY(ld, PAIRS(root)[i]), "scenarios") != 0)
            continue;
        yaml_node_t *sc = VAL(ld, PAIRS(root)[i]);
        TRY(S_check_keys(ld, sc, "scenarios", NULL));
        rc->nscenarios = NPAIRS(sc);
        rc->scenarios = arena_alloc(ld->cfg->arena, (rc->nscenarios ? rc->nscenarios : 1) *
                                                        sizeof(roi_assumptions_t));
        for (size_t j = 0; j < rc->nscenarios; j++) {
            roi_assumptions_t *s = &rc->scenarios[j];
            *s = *a; /* a scenario overrides what it names and keeps the rest */
            s->name = arena_strdup(ld->cfg->arena, KEY(ld, PAIRS(sc)[j]));
            yaml_node_t *sramp = NULL;
            TRY(S_roi_keys(ld, VAL(ld, PAIRS(sc)[j]), s, 1, &sramp));
            TRY(S_roi_check_ramp(ld, s, sramp ? sramp : ramp_node, VAL(ld, PAIRS(sc)[j])));
        }
    }
    return ST_OK;
}

/* Loads the theme file named by the config into cfg->look. Errors name the theme file. */
static status_t S_theme(config_t *cfg, diag_t *d)
{
    return S_side_file(cfg, cfg->theme, cfg->theme_mark, "theme", S_theme_fn, &cfg->look, d);
}

static status_t S_roi(config_t *cfg, diag_t *d)
{
    cfg->roi_model = arena_alloc(cfg->arena, sizeof(roi_config_t));
    return S_side_file(cfg, cfg->roi, cfg->roi_mark, "ROI assumptions", S_roi_fn, cfg->roi_model,
                       d);
}

/* ---- readiness: a catalogue that extends or replaces the built-in, and the self-assessment ----
 */

const char *const action_status_names[ACTION_STATUS_COUNT] = {"", "open", "in_progress", "done",
                                                              "cancelled"};

typedef struct cat_build {
    catalogue_clause_t *clauses;
    size_t nclauses, capclauses;
    catalogue_item_t *items;
    size_t nitems, capitems;
} cat_build_t;

static long S_cat_clause(const cat_build_t *b, const char *number)
{
    for (size_t i = 0; i < b->nclauses; i++)
        if (!strcmp(b->clauses[i].number, number))
            return (long)i;
    return -1;
}

/* A clause number is digits separated by single dots ("8", "8.5.1.3", "A.1" is not one). */
static int S_clause_number_ok(const char *s)
{
    if (!isdigit((unsigned char)*s))
        return 0;
    for (; *s; s++)
        if (!isdigit((unsigned char)*s) && !(*s == '.' && isdigit((unsigned char)s[1])))
            return 0;
    return 1;
}

static status_t S_cat_clauses(loader_t *ld, yaml_node_t *seq, cat_build_t *b)
{
    static const char *const keys[] = {"number", "title", NULL};
    TRY(S_expect(ld, seq, YAML_SEQUENCE_NODE, "clauses"));
    for (size_t i = 0; i < NITEMS(seq); i++) {
        yaml_node_t *m = N(ld, ITEMS(seq)[i]);
        TRY(S_check_keys(ld, m, "a clause", keys));
        catalogue_clause_t c = {0};
        for (size_t j = 0; j < NPAIRS(m); j++) {
            const char *k = KEY(ld, PAIRS(m)[j]);
            yaml_node_t *v = VAL(ld, PAIRS(m)[j]);
            if (!strcmp(k, "number")) {
                TRY(S_nonempty(ld, v, "number", &c.number));
                if (!S_clause_number_ok(c.number))
                    FAIL_AT(v, "clause number '%s' must be numbers separated by dots, like 8.6.1",
                            c.number);
                if (S_cat_clause(b, c.number) >= 0)
                    FAIL_AT(v, "clause %s is already in the catalogue", c.number);
            } else
                TRY(S_nonempty(ld, v, "title", &c.title));
        }
        if (!c.number || !c.title)
            FAIL_AT(m, "a clause needs a number and a title");
        /* its parent must exist; it goes after the parent's last descendant */
        size_t at = b->nclauses;
        const char *dot = strrchr(c.number, '.');
        if (dot) {
            char *parent = xstrndup(c.number, (size_t)(dot - c.number));
            long p = S_cat_clause(b, parent);
            free(parent);
            if (p < 0)
                FAIL_AT(m, "clause %s needs its parent clause in the catalogue first", c.number);
            at = (size_t)p + 1;
            while (at < b->nclauses && catalogue_under(b->clauses[at].number, b->clauses[p].number))
                at++;
        }
        xgrow((void **)&b->clauses, &b->capclauses, b->nclauses + 1, sizeof *b->clauses);
        memmove(&b->clauses[at + 1], &b->clauses[at], (b->nclauses - at) * sizeof *b->clauses);
        b->clauses[at] = c;
        b->nclauses++;
    }
    return ST_OK;
}

static status_t S_cat_items(loader_t *ld, yaml_node_t *seq, cat_build_t *b)
{
    static const char *const keys[] = {"id",       "clause", "text", "weight",
                                       "required", "checks", NULL};
    TRY(S_expect(ld, seq, YAML_SEQUENCE_NODE, "items"));
    for (size_t i = 0; i < NITEMS(seq); i++) {
        yaml_node_t *m = N(ld, ITEMS(seq)[i]);
        TRY(S_check_keys(ld, m, "an item", keys));
        catalogue_item_t it = {0};
        it.weight = 1;
        for (size_t j = 0; j < NPAIRS(m); j++) {
            const char *k = KEY(ld, PAIRS(m)[j]);
            yaml_node_t *v = VAL(ld, PAIRS(m)[j]);
            if (!strcmp(k, "id")) {
                TRY(S_nonempty(ld, v, "id", &it.id));
                for (size_t x = 0; x < b->nitems; x++)
                    if (!strcmp(b->items[x].id, it.id))
                        FAIL_AT(v, "item '%s' is already in the catalogue", it.id);
            } else if (!strcmp(k, "clause")) {
                TRY(S_nonempty(ld, v, "clause", &it.clause));
                if (S_cat_clause(b, it.clause) < 0)
                    FAIL_AT(v, "clause '%s' is not in the catalogue", it.clause);
            } else if (!strcmp(k, "text")) {
                TRY(S_nonempty(ld, v, "text", &it.text));
            } else if (!strcmp(k, "weight")) {
                TRY(S_number(ld, v, "weight", &it.weight));
                if (it.weight <= 0 || it.weight > 100)
                    FAIL_AT(v, "weight must be above 0 and at most 100, not %g", it.weight);
            } else if (!strcmp(k, "required")) {
                const char *r;
                TRY(S_string(ld, v, "required", &r));
                if (!strcmp(r, "document"))
                    it.required = 'M';
                else if (!strcmp(r, "record"))
                    it.required = 'R';
                else if (strcmp(r, "no") != 0 && strcmp(r, "none") != 0)
                    FAIL_AT(v, "required must be document, record or none, not '%s'", r);
            } else {
                TRY(S_expect(ld, v, YAML_SEQUENCE_NODE, "checks"));
                for (size_t x = 0; x < NITEMS(v); x++) {
                    yaml_node_t *cv = N(ld, ITEMS(v)[x]);
                    const char *cn;
                    TRY(S_string(ld, cv, "a check", &cn));
                    int c = check_by_name(cn);
                    if (c < 0) {
                        strbuf_t sb = {0};
                        for (int y = 0; y < CHECK_COUNT; y++)
                            strbuf_printf(&sb, "%s%s", y ? ", " : "", check_names[y]);
                        status_t st = diag_set(ld->d, ST_CONFIG, ld->path, cv->start_mark.line + 1,
                                               cv->start_mark.column + 1,
                                               "unknown check '%s' (known: %s)", cn, sb.data);
                        strbuf_free(&sb);
                        return st;
                    }
                    it.checks |= CHECK_BIT(c);
                }
            }
        }
        if (!it.id || !it.clause || !it.text)
            FAIL_AT(m, "an item needs an id, a clause and a text");
        xgrow((void **)&b->items, &b->capitems, b->nitems + 1, sizeof *b->items);
        b->items[b->nitems++] = it;
    }
    return ST_OK;
}

static const cat_build_t *S_sort_build;
static int S_cmp_items(const void *a, const void *b)
{
    const catalogue_item_t *x = a, *y = b;
    long cx = S_cat_clause(S_sort_build, x->clause), cy = S_cat_clause(S_sort_build, y->clause);
    if (cx != cy)
        return cx < cy ? -1 : 1;
    return catalogue_cmp_id(x->id, y->id);
}

static status_t S_catalogue_fn(loader_t *ld, yaml_node_t *root, const char *dir, void *out)
{
    (void)dir;
    static const char *const keys[] = {"clauses", "items", NULL};
    TRY(S_check_keys(ld, root, "the catalogue", keys));
    config_t *cfg = ld->cfg;
    cat_build_t b = {0};
    if (!cfg->readiness_catalogue_replace) {
        const catalogue_t *bi = &catalogue_builtin;
        b.clauses = xmalloc(bi->nclauses * sizeof *b.clauses);
        memcpy(b.clauses, bi->clauses, bi->nclauses * sizeof *b.clauses);
        b.nclauses = b.capclauses = bi->nclauses;
        b.items = xmalloc(bi->nitems * sizeof *b.items);
        memcpy(b.items, bi->items, bi->nitems * sizeof *b.items);
        b.nitems = b.capitems = bi->nitems;
    }
    status_t st = ST_OK;
    yaml_node_t *items = NULL;
    for (size_t i = 0; i < NPAIRS(root) && st == ST_OK; i++) {
        if (!strcmp(KEY(ld, PAIRS(root)[i]), "clauses"))
            st = S_cat_clauses(ld, VAL(ld, PAIRS(root)[i]), &b);
        else
            items = VAL(ld, PAIRS(root)[i]);
    }
    if (st == ST_OK && items)
        st = S_cat_items(ld, items, &b);
    if (st == ST_OK && b.nitems == 0)
        st = diag_set(ld->d, ST_CONFIG, ld->path, root->start_mark.line + 1,
                      root->start_mark.column + 1, "the catalogue has no items");
    if (st == ST_OK) {
        S_sort_build = &b;
        qsort(b.items, b.nitems, sizeof *b.items, S_cmp_items);
        S_sort_build = NULL;
        catalogue_t *cat = arena_alloc(cfg->arena, sizeof *cat);
        catalogue_clause_t *cl =
            arena_alloc(cfg->arena, (b.nclauses ? b.nclauses : 1) * sizeof *cl);
        catalogue_item_t *it = arena_alloc(cfg->arena, b.nitems * sizeof *it);
        memcpy(cl, b.clauses, b.nclauses * sizeof *cl);
        memcpy(it, b.items, b.nitems * sizeof *it);
        cat->clauses = cl;
        cat->nclauses = b.nclauses;
        cat->items = it;
        cat->nitems = b.nitems;
        *(const catalogue_t **)out = cat;
    }
    free(b.clauses);
    free(b.items);
    return st;
}

static status_t S_date_string(loader_t *ld, yaml_node_t *v, const char *what, const char **out)
{
    int64_t day;
    TRY(S_nonempty(ld, v, what, out));
    if (timeparse_date(*out, strlen(*out), &day) != 0)
        FAIL_AT(v, "%s '%s' is not a date (write YYYY-MM-DD)", what, *out);
    return ST_OK;
}

/* `evidence` is a text or a list of texts (file references), kept as one text joined by "; ". */
static status_t S_evidence(loader_t *ld, yaml_node_t *v, const char **out)
{
    if (v->type != YAML_SEQUENCE_NODE)
        return S_string(ld, v, "evidence", out);
    strbuf_t sb = {0};
    for (size_t i = 0; i < NITEMS(v); i++) {
        const char *e;
        status_t st = S_string(ld, N(ld, ITEMS(v)[i]), "an evidence reference", &e);
        if (st != ST_OK) {
            strbuf_free(&sb);
            return st;
        }
        strbuf_printf(&sb, "%s%s", sb.len ? "; " : "", e);
    }
    *out = arena_strdup(ld->cfg->arena, strbuf_cstr(&sb));
    strbuf_free(&sb);
    return ST_OK;
}

static status_t S_assessment_item(loader_t *ld, yaml_node_t *m, assessment_entry_t *e)
{
    static const char *const keys[] = {"score",  "evidence", "owner", "due",
                                       "action", "status",   NULL};
    TRY(S_check_keys(ld, m, "an assessed item", keys));
    for (size_t j = 0; j < NPAIRS(m); j++) {
        const char *k = KEY(ld, PAIRS(m)[j]);
        yaml_node_t *v = VAL(ld, PAIRS(m)[j]);
        if (S_is_null(v))
            continue; /* an empty key: not given (a score left empty is "not assessed") */
        if (!strcmp(k, "score")) {
            long sc;
            TRY(S_integer(ld, v, "score", 0, 5, &sc));
            e->score = (int)sc;
        } else if (!strcmp(k, "evidence")) {
            TRY(S_evidence(ld, v, &e->evidence));
        } else if (!strcmp(k, "owner")) {
            TRY(S_string(ld, v, k, &e->owner));
        } else if (!strcmp(k, "due")) {
            TRY(S_date_string(ld, v, "due", &e->due));
        } else if (!strcmp(k, "action")) {
            TRY(S_string(ld, v, k, &e->action));
        } else {
            const char *sv;
            TRY(S_string(ld, v, "status", &sv));
            e->status = -1;
            for (int x = 1; x < ACTION_STATUS_COUNT; x++)
                if (!strcmp(action_status_names[x], sv))
                    e->status = x;
            if (e->status < 0)
                FAIL_AT(v, "status must be open, in_progress, done or cancelled, not '%s'", sv);
        }
    }
    if (e->action && e->status == ACTION_NONE)
        e->status = ACTION_OPEN;
    return ST_OK;
}

static status_t S_assessment_fn(loader_t *ld, yaml_node_t *root, const char *dir, void *out)
{
    (void)dir;
    static const char *const keys[] = {"assessed_on", "assessor", "items", NULL};
    assessment_t *a = out;
    const catalogue_t *cat = ld->cfg->catalogue;
    a->catalogue = cat;
    a->entries = arena_alloc(ld->cfg->arena, cat->nitems * sizeof *a->entries);
    for (size_t i = 0; i < cat->nitems; i++) {
        memset(&a->entries[i], 0, sizeof a->entries[i]);
        a->entries[i].score = -1;
    }
    TRY(S_check_keys(ld, root, "the self-assessment", keys));
    for (size_t i = 0; i < NPAIRS(root); i++) {
        const char *k = KEY(ld, PAIRS(root)[i]);
        yaml_node_t *v = VAL(ld, PAIRS(root)[i]);
        if (S_is_null(v))
            continue;
        if (!strcmp(k, "assessed_on"))
            TRY(S_date_string(ld, v, "assessed_on", &a->assessed_on));
        else if (!strcmp(k, "assessor"))
            TRY(S_string(ld, v, k, &a->assessor));
        else {
            TRY(S_check_keys(ld, v, "items", NULL)); /* also rejects an item given twice */
            for (size_t j = 0; j < NPAIRS(v); j++) {
                yaml_node_t *kn = N(ld, PAIRS(v)[j].key);
                const char *id = KEY(ld, PAIRS(v)[j]);
                long idx = catalogue_find_item(cat, id);
                if (idx < 0) {
                    /* name the items of the same clause, the likely intent */
                    strbuf_t sb = {0};
                    const char *dash = strrchr(id, '-');
                    size_t clen = dash ? (size_t)(dash - id) : strlen(id);
                    for (size_t x = 0; x < cat->nitems; x++)
                        if (strlen(cat->items[x].clause) == clen &&
                            !strncmp(cat->items[x].clause, id, clen))
                            strbuf_printf(&sb, "%s%s", sb.len ? ", " : "", cat->items[x].id);
                    status_t st = diag_set(
                        ld->d, ST_CONFIG, ld->path, kn->start_mark.line + 1,
                        kn->start_mark.column + 1,
                        "unknown item '%s' (%s%s; 'iso20k init' writes every item)", id,
                        sb.len ? "this clause has " : "not in the catalogue", strbuf_cstr(&sb));
                    strbuf_free(&sb);
                    return st;
                }
                yaml_node_t *iv = VAL(ld, PAIRS(v)[j]);
                if (S_is_null(iv))
                    continue;
                TRY(S_assessment_item(ld, iv, &a->entries[idx]));
            }
        }
    }
    return ST_OK;
}

static status_t S_readiness(config_t *cfg, diag_t *d)
{
    cfg->catalogue = &catalogue_builtin;
    if (cfg->readiness_catalogue)
        TRY(S_side_file(cfg, cfg->readiness_catalogue, cfg->readiness_catalogue_mark,
                        "readiness catalogue", S_catalogue_fn, &cfg->catalogue, d));
    if (!cfg->readiness)
        return ST_OK;
    cfg->assessment = arena_alloc(cfg->arena, sizeof(assessment_t));
    memset(cfg->assessment, 0, sizeof(assessment_t));
    return S_side_file(cfg, cfg->readiness, cfg->readiness_mark, "self-assessment", S_assessment_fn,
                       cfg->assessment, d);
}

/* `readiness: FILE`, or `readiness: {assessment: FILE, catalogue: FILE, catalogue_mode:
 * extend|replace}`. */
static status_t S_readiness_key(loader_t *ld, yaml_node_t *v)
{
    config_t *cfg = ld->cfg;
    if (v->type == YAML_SCALAR_NODE) {
        TRY(S_path(ld, v, "readiness", &cfg->readiness));
        cfg->readiness_mark = S_mark(v);
        return ST_OK;
    }
    static const char *const keys[] = {"assessment", "catalogue", "catalogue_mode", NULL};
    TRY(S_check_keys(ld, v, "readiness", keys));
    for (size_t i = 0; i < NPAIRS(v); i++) {
        const char *k = KEY(ld, PAIRS(v)[i]);
        yaml_node_t *x = VAL(ld, PAIRS(v)[i]);
        if (!strcmp(k, "assessment")) {
            TRY(S_path(ld, x, k, &cfg->readiness));
            cfg->readiness_mark = S_mark(x);
        } else if (!strcmp(k, "catalogue")) {
            TRY(S_path(ld, x, k, &cfg->readiness_catalogue));
            cfg->readiness_catalogue_mark = S_mark(x);
        } else {
            const char *mode;
            TRY(S_string(ld, x, k, &mode));
            if (!strcmp(mode, "replace"))
                cfg->readiness_catalogue_replace = 1;
            else if (strcmp(mode, "extend") != 0)
                FAIL_AT(x, "catalogue_mode must be extend or replace, not '%s'", mode);
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
                                       NULL};

static status_t S_root(loader_t *ld, yaml_node_t *root)
{
    config_t *cfg = ld->cfg;
    TRY(S_check_keys(ld, root, "the config", TOP_KEYS));
    yaml_node_t *sources = NULL, *services = NULL, *defaults = NULL;
    for (size_t i = 0; i < NPAIRS(root); i++) {
        const char *k = KEY(ld, PAIRS(root)[i]);
        yaml_node_t *v = VAL(ld, PAIRS(root)[i]);
        if (S_is_null(v) && strcmp(k, "sources") != 0)
            continue; /* an empty key keeps its default */
        if (!strcmp(k, "organization"))
            TRY(S_string(ld, v, k, &cfg->organization));
        else if (!strcmp(k, "scope"))
            TRY(S_string(ld, v, k, &cfg->scope));
        else if (!strcmp(k, "timezone")) {
            TRY(S_nonempty(ld, v, k, &cfg->timezone));
            tz_t *tz = NULL;
            diag_t d2 = {0};
            if (tz_load(cfg->timezone, &tz, &d2) != ST_OK) {
                status_t st = diag_set(ld->d, ST_CONFIG, ld->path, v->start_mark.line + 1,
                                       v->start_mark.column + 1, "%s", d2.message);
                diag_clear(&d2);
                return st;
            }
            tz_free(tz);
        } else if (!strcmp(k, "period"))
            TRY(S_period_value(ld, v, k, &cfg->period, &cfg->period_mark));
        else if (!strcmp(k, "baseline"))
            TRY(S_period_value(ld, v, k, &cfg->baseline, &cfg->baseline_mark));
        else if (!strcmp(k, "theme")) {
            TRY(S_path(ld, v, k, &cfg->theme));
            cfg->theme_mark = S_mark(v);
        } else if (!strcmp(k, "readiness"))
            TRY(S_readiness_key(ld, v));
        else if (!strcmp(k, "roi")) {
            TRY(S_path(ld, v, k, &cfg->roi));
            cfg->roi_mark = S_mark(v);
        } else if (!strcmp(k, "output"))
            TRY(S_output(ld, v));
        else if (!strcmp(k, "sources"))
            sources = v;
        else if (!strcmp(k, "calendars"))
            TRY(S_calendars(ld, v));
        else if (!strcmp(k, "services"))
            services = v;
        else if (!strcmp(k, "service_defaults"))
            defaults = v;
        else if (!strcmp(k, "maintenance"))
            TRY(S_maintenance(ld, v));
        else if (!strcmp(k, "sla"))
            TRY(S_sla(ld, v));
        else if (!strcmp(k, "availability"))
            TRY(S_availability(ld, v));
        else if (!strcmp(k, "satisfaction"))
            TRY(S_satisfaction(ld, v));
        else if (!strcmp(k, "targets"))
            TRY(S_targets(ld, v));
        else if (!strcmp(k, "trend")) {
            long n = cfg->trend_periods;
            TRY(S_one_int_map(ld, v, "trend", "periods", 1, 120, &n));
            cfg->trend_periods = (int)n;
        } else if (!strcmp(k, "quality")) {
            static const char *const qk[] = {"max_rejected_pct", NULL};
            TRY(S_check_keys(ld, v, "quality", qk));
            if (NPAIRS(v))
                TRY(S_percent(ld, VAL(ld, PAIRS(v)[0]), "max_rejected_pct",
                              &cfg->max_rejected_pct));
        }
    }
    if (!sources)
        return diag_set(ld->d, ST_CONFIG, ld->path, root->start_mark.line + 1,
                        root->start_mark.column + 1,
                        "the config needs 'sources' (a list of input "
                        "files, each with a file and a profile)");
    TRY(S_expect(ld, sources, YAML_SEQUENCE_NODE, "sources"));
    if (NITEMS(sources) == 0)
        FAIL_AT(sources, "sources must list at least one input file");
    cfg->nsources = NITEMS(sources);
    cfg->sources = arena_alloc(cfg->arena, cfg->nsources * sizeof(cfg_source_t));
    for (size_t i = 0; i < cfg->nsources; i++)
        TRY(S_source(ld, N(ld, ITEMS(sources)[i]), &cfg->sources[i]));

    /* services and defaults after calendars, whatever the key order */
    if (defaults) {
        yaml_node_t *cal = NULL;
        TRY(S_service(ld, defaults, &cfg->service_defaults, 0));
        (void)cal;
    }
    if (services) {
        TRY(S_expect(ld, services, YAML_SEQUENCE_NODE, "services"));
        cfg->nservices = NITEMS(services);
        cfg->services = arena_alloc(cfg->arena, cfg->nservices * sizeof(cfg_service_t));
        for (size_t i = 0; i < cfg->nservices; i++) {
            cfg_service_t *s = &cfg->services[i];
            s->calendar = cfg->service_defaults.calendar;
            s->availability_target = cfg->service_defaults.availability_target;
            yaml_node_t *sn = N(ld, ITEMS(services)[i]);
            TRY(S_service(ld, sn, s, 1));
        }
    }
    long twice = config_index(cfg); /* names by hash: a long catalogue costs no n² */
    if (twice >= 0)
        FAIL_AT(N(ld, ITEMS(services)[twice]), "service '%s' is listed twice",
                cfg->services[twice].name);
    /* Every calendar named must exist. */
    const cfg_service_t *all[1] = {&cfg->service_defaults};
    if (!config_calendar(cfg, all[0]->calendar))
        return diag_set(ld->d, ST_CONFIG, ld->path, all[0]->mark.line, all[0]->mark.column,
                        "unknown calendar '%s' (define it under calendars)", all[0]->calendar);
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
}

status_t config_load_buffer(const char *path, const char *text, size_t len, config_t **out,
                            diag_t *d)
{
    *out = NULL;
    if (len > CONFIG_MAX_BYTES)
        return diag_set(d, ST_CONFIG, path, 0, 0, "config file is larger than 1 MiB");
    loader_t ldv = {0};
    loader_t *ld = &ldv;
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

    status_t st = S_yaml_precheck(path, text, len, d);
    if (st != ST_OK) {
        config_free(cfg);
        return st;
    }
    yaml_parser_t parser;
    if (!yaml_parser_initialize(&parser)) {
        config_free(cfg);
        return diag_set(d, ST_NOMEM, path, 0, 0, "cannot initialise the YAML parser");
    }
    yaml_parser_set_input_string(&parser, (const unsigned char *)text, len);
    if (!yaml_parser_load(&parser, &ld->doc)) {
        st = diag_set(d, ST_CONFIG, path, parser.problem_mark.line + 1,
                      parser.problem_mark.column + 1, "%s%s%s",
                      parser.problem ? parser.problem : "malformed YAML", parser.context ? " " : "",
                      parser.context ? parser.context : "");
        yaml_parser_delete(&parser);
        config_free(cfg);
        return st;
    }
    yaml_node_t *root = yaml_document_get_root_node(&ld->doc);
    if (!root) {
        st = diag_set(d, ST_CONFIG, path, 1, 1, "the config is empty; it needs at least 'sources'");
    } else {
        st = S_root(ld, root);
    }
    yaml_document_delete(&ld->doc);
    yaml_parser_delete(&parser);
    if (st != ST_OK) {
        config_free(cfg);
        return st;
    }
    if (!cfg->output_dir)
        cfg->output_dir = S_resolve(ld, "output");
    if ((cfg->theme && (st = S_theme(cfg, d)) != ST_OK) ||
        (cfg->roi && (st = S_roi(cfg, d)) != ST_OK) || (st = S_readiness(cfg, d)) != ST_OK) {
        config_free(cfg);
        return st;
    }
    *out = cfg;
    return ST_OK;
}

status_t config_load(const char *path, config_t **out, diag_t *d)
{
    *out = NULL;
    FILE *f = fopen(path, "rb");
    if (!f)
        return diag_set(d, ST_NOINPUT, path, 0, 0, "cannot read the config: %s", strerror(errno));
    strbuf_t sb = {0};
    char buf[8192];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, f)) > 0) {
        strbuf_append(&sb, buf, n);
        if (sb.len > CONFIG_MAX_BYTES)
            break;
    }
    int err = ferror(f);
    fclose(f);
    if (err) {
        strbuf_free(&sb);
        return diag_set(d, ST_NOINPUT, path, 0, 0, "cannot read the config");
    }
    status_t st = config_load_buffer(path, strbuf_cstr(&sb), sb.len, out, d);
    strbuf_free(&sb);
    return st;
}
