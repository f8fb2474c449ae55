/*
 * tz — TZif (RFC 8536) reader and POSIX TZ rule expansion.
 *
 * A zone is a sorted list of transitions (UTC instant, offset before, offset after). Local →
 * UTC finds the last transition whose wall-clock moment (measured in the offset before it) is
 * not after the local time; a local time inside a gap, or inside a repeated hour, takes the
 * offset in force before the change, as docs/configuration.md §8 fixes.
 */
#include "input/tz.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/util.h"

#define TZ_LAST_YEAR 2200

/* Bounds of RFC 8536: offsets within ±25:59:59 (and never INT32_MIN), transition times within
 * ±2^59 seconds, so that no sum of a time and an offset can overflow. */
#define TZ_MAX_OFFSET 93599
#define TZ_MAX_TIME ((ts_t)1 << 59)

struct transition {
    ts_t at;    /* UTC instant of the change */
    int before; /* offset in force before it */
    int after;  /* offset in force from it on */
};

struct tz {
    char *name;
    int initial; /* offset before the first transition */
    struct transition *tr;
    size_t n, cap;
    uint64_t serial; /* unique among the zones of the process: keys the range cache */
    int cacheable;   /* the changes' wall-clock moments ascend (see tz_local_to_utc) */
};

/* A new empty zone with its own serial number (a freed zone's address may be reused by
 * another, so the cache below never keys on the address). */
static tz_t *S_new_zone(const char *name)
{
    static uint64_t serials;
    tz_t *tz = xcalloc(1, sizeof(*tz));
    tz->name = xstrdup(name);
    tz->serial = __atomic_add_fetch(&serials, 1, __ATOMIC_RELAXED);
    tz->cacheable = 1;
    return tz;
}

/* ---- POSIX TZ strings ("CET-1CEST,M3.5.0,M10.5.0/3") ---- */

struct posix_rule {
    char kind;   /* 'M', 'J' or 'n' */
    int m, w, d; /* Mm.w.d, or day number in d */
    int time;    /* seconds after local midnight (may be negative or > 24h) */
};

struct posix_tz {
    int std_off, dst_off; /* east-positive */
    int has_dst;
    struct posix_rule start, end;
};

static const char *S_posix_name(const char *p)
{
    if (*p == '<') {
        const char *q = strchr(p, '>');
        return q ? q + 1 : NULL;
    }
    const char *q = p;
    while ((*q >= 'A' && *q <= 'Z') || (*q >= 'a' && *q <= 'z'))
        q++;
    return q - p >= 3 ? q : NULL;
}

/* A run of digits as a number no greater than max; NULL when there is none or it is greater
 * (so that no run of digits can overflow). */
static const char *S_posix_num(const char *p, int max, int *out)
{
    if (*p < '0' || *p > '9')
        return NULL;
    int x = 0;
    while (*p >= '0' && *p <= '9') {
        x = x * 10 + (*p++ - '0');
        if (x > max)
            return NULL;
    }
    *out = x;
    return p;
}

/* [+-]hh[:mm[:ss]] → seconds (hours up to 167, as RFC 8536 extends POSIX); returns pointer
 * after it or NULL. */
static const char *S_posix_hms(const char *p, int *out)
{
    int sign = 1;
    if (*p == '+' || *p == '-') {
        sign = *p == '-' ? -1 : 1;
        p++;
    }
    int v[3] = {0, 0, 0};
    for (int i = 0; i < 3; i++) {
        if (*p < '0' || *p > '9')
            return i == 0 ? NULL : p;
        int x = 0;
        if (!(p = S_posix_num(p, i == 0 ? 167 : 59, &x)))
            return NULL;
        v[i] = x;
        if (i < 2 && *p == ':')
            p++;
        else
            break;
    }
    *out = sign * (v[0] * 3600 + v[1] * 60 + v[2]);
    return p;
}

static const char *S_posix_rule(const char *p, struct posix_rule *r)
{
    r->time = 7200;
    if (*p == 'M') {
        r->kind = 'M';
        p++;
        int *f[3] = {&r->m, &r->w, &r->d};
        for (int i = 0; i < 3; i++) {
            if (!(p = S_posix_num(p, 99, f[i])))
                return NULL;
            if (i < 2) {
                if (*p != '.')
                    return NULL;
                p++;
            }
        }
        if (r->m < 1 || r->m > 12 || r->w < 1 || r->w > 5 || r->d > 6)
            return NULL;
    } else {
        r->kind = 'n';
        if (*p == 'J') {
            r->kind = 'J';
            p++;
        }
        if (!(p = S_posix_num(p, 365, &r->d)) || (r->kind == 'J' && r->d < 1))
            return NULL;
    }
    if (*p == '/') {
        p = S_posix_hms(p + 1, &r->time);
        if (!p)
            return NULL;
    }
    return p;
}

static int S_posix_parse(const char *s, struct posix_tz *pt)
{
    memset(pt, 0, sizeof *pt);
    const char *p = S_posix_name(s);
    int off;
    if (!p || !(p = S_posix_hms(p, &off)) || off < -TZ_MAX_OFFSET || off > TZ_MAX_OFFSET)
        return -1;
    pt->std_off = -off;
    if (*p == '\0')
        return 0;
    p = S_posix_name(p);
    if (!p)
        return -1;
    pt->has_dst = 1;
    pt->dst_off = pt->std_off + 3600;
    if (*p && *p != ',') {
        if (!(p = S_posix_hms(p, &off)) || off < -TZ_MAX_OFFSET || off > TZ_MAX_OFFSET)
            return -1;
        pt->dst_off = -off;
    }
    if (*p != ',') /* no rule given: POSIX default is US rules; treat as no DST */
        return pt->has_dst = 0, 0;
    if (!(p = S_posix_rule(p + 1, &pt->start)) || *p != ',')
        return -1;
    if (!(p = S_posix_rule(p + 1, &pt->end)) || *p != '\0')
        return -1;
    return 0;
}

/* Local wall-clock seconds at which rule r fires in year y. */
static int64_t S_rule_local(const struct posix_rule *r, int64_t y)
{
    int64_t days;
    if (r->kind == 'M') {
        int64_t first = days_from_civil(y, r->m, 1);
        int wd = (weekday_from_days(first) + 1) % 7; /* Sunday = 0 as POSIX counts */
        int64_t day = first + ((r->d - wd + 7) % 7) + 7 * (r->w - 1);
        int dim = days_in_month(y, r->m);
        while (day >= first + dim)
            day -= 7;
        days = day;
    } else if (r->kind == 'J') {
        /* 1..365, February 29 never counted */
        int64_t jan1 = days_from_civil(y, 1, 1);
        int leap = days_in_month(y, 2) == 29;
        days = jan1 + r->d - 1 + (leap && r->d >= 60);
    } else {
        days = days_from_civil(y, 1, 1) + r->d;
    }
    return days * 86400 + r->time;
}

static void S_push(tz_t *tz, ts_t at, int before, int after)
{
    if (before == after)
        return;
    xgrow((void **)&tz->tr, &tz->cap, tz->n + 1, sizeof(struct transition));
    tz->tr[tz->n].at = at;
    tz->tr[tz->n].before = before;
    tz->tr[tz->n].after = after;
    tz->n++;
}

/* ---- TZif ---- */

static uint32_t S_be32(const unsigned char *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static int64_t S_be64(const unsigned char *p)
{
    return (int64_t)((uint64_t)S_be32(p) << 32 | S_be32(p + 4));
}

static int S_valid_name(const char *name)
{
    if (!name[0] || name[0] == '/' || strstr(name, ".."))
        return 0;
    for (const char *p = name; *p; p++) {
        char c = *p;
        if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
              c == '/' || c == '_' || c == '-' || c == '+'))
            return 0;
    }
    return 1;
}

/* The counts of a TZif header. */
typedef struct tzif_counts {
    uint32_t isut, isstd, leap, time, type, chars;
} tzif_counts_t;

/* Reads the header at buf + pos and the size of the data block after it into *body, checked
 * against each other and against the len - pos bytes left. Returns NULL, or what is wrong. */
static const char *S_tzif_header(const unsigned char *buf, size_t len, size_t pos, int version,
                                 int timesize, tzif_counts_t *c, uint64_t *body)
{
    if (pos + 44 > len || memcmp(buf + pos, "TZif", 4) != 0 || buf[pos + 4] != version)
        return "the second header is missing or differs from the first";
    c->isut = S_be32(buf + pos + 20);
    c->isstd = S_be32(buf + pos + 24);
    c->leap = S_be32(buf + pos + 28);
    c->time = S_be32(buf + pos + 32);
    c->type = S_be32(buf + pos + 36);
    c->chars = S_be32(buf + pos + 40);
    if (c->type == 0 || c->type > 256 || c->chars == 0 || (c->isut != 0 && c->isut != c->type) ||
        (c->isstd != 0 && c->isstd != c->type))
        return "the header's counts contradict each other";
    /* at most 2^32 of each, so these sums cannot overflow a 64-bit size */
    *body = (uint64_t)c->time * (uint64_t)timesize + c->time + (uint64_t)c->type * 6 + c->chars +
            (uint64_t)c->leap * (uint64_t)(timesize + 4) + c->isstd + c->isut;
    if (*body > len - pos - 44)
        return "the header's counts ask for more data than the file holds";
    return NULL;
}

/* Reads the data block at `data` (its size checked by S_tzif_header) into tz: the local time
 * types, the indicators, the transitions. Returns NULL, or what is wrong. */
static const char *S_tzif_block(tz_t *tz, const unsigned char *data, int timesize,
                                const tzif_counts_t *c)
{
    const unsigned char *times = data;
    const unsigned char *idx = times + (size_t)c->time * (size_t)timesize;
    const unsigned char *types = idx + c->time;
    const unsigned char *after =
        types + (size_t)c->type * 6 + c->chars + (size_t)c->leap * (size_t)(timesize + 4);
    for (uint32_t i = 0; i < c->isstd + c->isut; i++)
        if (after[i] > 1)
            return "a standard/wall or UT/local indicator is neither 0 nor 1";
    int offsets[256];
    for (uint32_t i = 0; i < c->type; i++) {
        int64_t off = (int32_t)S_be32(types + 6 * i);
        if (off < -TZ_MAX_OFFSET || off > TZ_MAX_OFFSET)
            return "a UTC offset beyond 25 hours";
        if (types[6 * i + 4] > 1 || types[6 * i + 5] >= c->chars)
            return "a local time type with a bad DST flag or abbreviation index";
        offsets[i] = (int)off;
    }
    tz->initial = offsets[0];
    int prev = tz->initial;
    ts_t last = 0;
    for (uint32_t i = 0; i < c->time; i++) {
        ts_t at = timesize == 8 ? S_be64(times + 8 * i) : (int32_t)S_be32(times + 4 * i);
        if (at < -TZ_MAX_TIME || at > TZ_MAX_TIME)
            return "a transition time out of range";
        if (i > 0 && at <= last)
            return "transitions out of order";
        if (idx[i] >= c->type)
            return "a transition names a local time type that does not exist";
        int off = offsets[idx[i]];
        S_push(tz, at, prev, off);
        prev = off;
        last = at;
    }
    return NULL;
}

/* Extends tz beyond its last transition by the footer's rule: its changes of every year up to
 * TZ_LAST_YEAR, or the standard offset for good. */
static void S_tzif_extend(tz_t *tz, const struct posix_tz *pt)
{
    if (!pt->has_dst) {
        if (tz->n && tz->tr[tz->n - 1].after != pt->std_off)
            S_push(tz, tz->tr[tz->n - 1].at + 1, tz->tr[tz->n - 1].after, pt->std_off);
        else if (!tz->n)
            tz->initial = pt->std_off;
        return;
    }
    ts_t last = tz->n ? tz->tr[tz->n - 1].at : TS_NONE;
    int cur = tz->n ? tz->tr[tz->n - 1].after : tz->initial;
    int64_t y0 = 1970;
    if (tz->n) {
        int64_t yy;
        int mm, dd;
        civil_from_days(floor_div(last, 86400), &yy, &mm, &dd);
        y0 = yy < 1900 ? 1900 : yy; /* nothing before 1970 is read; bound the loop */
    }
    for (int64_t y = y0; y <= TZ_LAST_YEAR; y++) {
        ts_t st = S_rule_local(&pt->start, y) - pt->std_off;
        ts_t e = S_rule_local(&pt->end, y) - pt->dst_off;
        ts_t a = st < e ? st : e, b = st < e ? e : st;
        int oa = st < e ? pt->dst_off : pt->std_off, ob = st < e ? pt->std_off : pt->dst_off;
        if (last == TS_NONE || a > last) {
            S_push(tz, a, cur, oa);
            cur = oa;
        }
        if (last == TS_NONE || b > last) {
            S_push(tz, b, cur, ob);
            cur = ob;
        }
    }
}

/* Reads the footer of a version 2+ file at buf + pos ("\nTZ\n", then the end of the file) and
 * extends tz by its rule. Returns NULL, or what is wrong. */
static const char *S_tzif_footer(tz_t *tz, const unsigned char *buf, size_t len, size_t pos)
{
    if (pos >= len || buf[pos] != '\n')
        return "no footer";
    const unsigned char *nl = memchr(buf + pos + 1, '\n', len - pos - 1);
    if (!nl || (size_t)(nl - buf) + 1 != len)
        return "the footer does not end the file";
    if (nl == buf + pos + 1)
        return NULL; /* an empty footer: no rule beyond the transitions */
    char *rule = xstrndup((const char *)buf + pos + 1, (size_t)(nl - buf - pos - 1));
    struct posix_tz pt;
    int ok = S_posix_parse(rule, &pt);
    free(rule);
    if (ok != 0)
        return "the footer is not a POSIX TZ string";
    S_tzif_extend(tz, &pt);
    return NULL;
}

/*
 * Reads a TZif file (RFC 8536) into tz after checking it: the magic and version, the counts
 * against each other and against the file's size (which must end where the data, and for
 * version 2 and later the footer, end), transitions in strictly ascending order within ±2^59
 * s, type indexes, offsets and abbreviation indexes in range, and a footer that is a POSIX TZ
 * string. Returns NULL, or what is wrong.
 */
static const char *S_parse_tzif(tz_t *tz, const unsigned char *buf, size_t len)
{
    if (len < 44 || memcmp(buf, "TZif", 4) != 0)
        return "no TZif header";
    int version = buf[4];
    if (version != 0 && (version < '2' || version > '4'))
        return "unknown TZif version";
    tzif_counts_t c;
    uint64_t body;
    size_t pos = 0;
    int timesize = 4;
    const char *why = S_tzif_header(buf, len, pos, version, timesize, &c, &body);
    if (!why && version >= '2') { /* the version 1 block, then the 64-bit one that counts */
        pos += 44 + (size_t)body;
        timesize = 8;
        why = S_tzif_header(buf, len, pos, version, timesize, &c, &body);
    }
    if (!why)
        why = S_tzif_block(tz, buf + pos + 44, timesize, &c);
    if (why)
        return why;
    pos += 44 + (size_t)body;
    if (version == 0)
        return pos == len ? NULL : "bytes after the data";
    return S_tzif_footer(tz, buf, len, pos);
}

/* TZif files are a few kilobytes; anything larger is not one. */
#define TZ_MAX_FILE (1 << 20)

status_t tz_load(const char *name, tz_t **out, diag_t *d)
{
    *out = NULL;
    if (!name || !S_valid_name(name))
        return diag_set(d, ST_CONFIG, NULL, 0, 0,
                        "'%s' is not a time zone name (use an IANA name "
                        "such as Europe/Berlin or UTC)",
                        name ? name : "");
    const char *dir = getenv("TZDIR");
    if (STR_EMPTY(dir))
        dir = "/usr/share/zoneinfo";
    strbuf_t path = {0};
    strbuf_printf(&path, "%s/%s", dir, name);
    FILE *f = fopen(path.data, "rb");
    if (!f) {
        strbuf_clear(&path);
        if (strcmp(name, "UTC") == 0 || strcmp(name, "Etc/UTC") == 0) {
            *out = S_new_zone(name);
            return ST_OK;
        }
        return diag_set(d, ST_CONFIG, NULL, 0, 0, "unknown time zone '%s' (no such zone in %s)",
                        name, dir);
    }
    strbuf_t data = {0};
    char chunk[8192];
    size_t got;
    while ((got = fread(chunk, 1, sizeof chunk, f)) > 0 && data.len <= TZ_MAX_FILE)
        strbuf_append(&data, chunk, got);
    int err = ferror(f);
    fclose(f);
    status_t st;
    if (err)
        st = diag_set(d, ST_CONFIG, NULL, 0, 0, "time zone '%s': %s cannot be read", name,
                      path.data);
    else if (data.len > TZ_MAX_FILE)
        st = diag_set(d, ST_CONFIG, NULL, 0, 0,
                      "time zone '%s': %s is not a valid TZif file: larger than 1 MiB", name,
                      path.data);
    else
        st = tz_load_bytes(name, path.data, strbuf_cstr(&data), data.len, out, d);
    strbuf_clear(&data);
    strbuf_clear(&path);
    return st;
}

status_t tz_load_bytes(const char *name, const char *file, const void *data, size_t len, tz_t **out,
                       diag_t *d)
{
    *out = NULL;
    tz_t *tz = S_new_zone(name);
    const char *why = S_parse_tzif(tz, data, len);
    if (why) {
        tz_free(tz);
        return diag_set(d, ST_CONFIG, NULL, 0, 0, "time zone '%s': %s is not a valid TZif file: %s",
                        name, file, why);
    }
    /* Two changes closer together than the offsets they switch between can make the wall-clock
     * moments descend; the search then answers point by point, and a cached range could answer
     * differently from it: such a zone is never cached. */
    for (size_t i = 1; i < tz->n; i++)
        if (tz->tr[i].at + tz->tr[i].before < tz->tr[i - 1].at + tz->tr[i - 1].before)
            tz->cacheable = 0;
    *out = tz;
    return ST_OK;
}

void tz_free(tz_t *tz)
{
    if (!tz)
        return;
    free(tz->name);
    free(tz->tr);
    free(tz);
}

const char *tz_name(const tz_t *tz)
{
    return tz->name;
}

/* The index of the first change strictly after t (tz->n when none): the one before it, if any,
 * is in force at t. */
static size_t S_first_after(const tz_t *tz, ts_t t)
{
    return i64_search(tz->n ? &tz->tr[0].at : NULL, tz->n, sizeof *tz->tr, t, 1);
}

int tz_offset_at(const tz_t *tz, ts_t t)
{
    size_t lo = S_first_after(tz, t);
    return lo == 0 ? tz->initial : tz->tr[lo - 1].after;
}

/* Local times convert alike over long ranges (between two changes, minus the gaps and repeated
 * hours around them): the last two ranges found are kept per thread, so that tickets spread
 * over both sides of a change rarely search the transitions. A range holds [from, to). */
struct tz_range {
    uint64_t serial; /* the zone's; 0: empty */
    int64_t from, to;
    int off, flags;
};
static _Thread_local struct tz_range S_ranges[2];

/* The conversion of `local` and the widest range around it that converts alike. */
static struct tz_range S_range(const tz_t *tz, int64_t local)
{
    struct tz_range r = {tz->serial, INT64_MIN, INT64_MAX, tz->initial, 0};
    /* last transition whose wall-clock moment before the change is <= local */
    size_t lo = 0, hi = tz->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (tz->tr[mid].at + tz->tr[mid].before <= local)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo > 0) {
        const struct transition *t = &tz->tr[lo - 1];
        int64_t gap_end = t->at + t->after;
        r.from = t->at + t->before;
        if (local < gap_end) {
            r.off = t->before; /* inside the gap the change skipped */
            r.flags |= TZ_NONEXISTENT;
            r.to = gap_end;
        } else {
            r.off = t->after;
            if (gap_end > r.from)
                r.from = gap_end;
        }
    }
    if (lo < tz->n) {
        const struct transition *nx = &tz->tr[lo];
        int64_t next = nx->at + nx->before, repeat = nx->at + nx->after;
        if (next < r.to)
            r.to = next;
        if (nx->after < nx->before) { /* the hour before the next change comes again */
            if (local >= repeat) {
                r.flags |= TZ_AMBIGUOUS;
                if (repeat > r.from)
                    r.from = repeat;
            } else if (repeat < r.to) {
                r.to = repeat;
            }
        }
    }
    return r;
}

ts_t tz_local_to_utc(const tz_t *tz, int64_t local, int *flags)
{
    struct tz_range *c = S_ranges;
    if (!tz->cacheable) {
        struct tz_range r = S_range(tz, local);
        if (flags)
            *flags = r.flags;
        return local - r.off;
    }
    if (!(c[0].serial == tz->serial && local >= c[0].from && local < c[0].to)) {
        if (c[1].serial == tz->serial && local >= c[1].from && local < c[1].to) {
            struct tz_range t = c[0];
            c[0] = c[1];
            c[1] = t;
        } else {
            c[1] = c[0];
            c[0] = S_range(tz, local);
        }
    }
    if (flags)
        *flags = c[0].flags;
    return local - c[0].off;
}

ts_t tz_next_transition(const tz_t *tz, ts_t t)
{
    size_t lo = S_first_after(tz, t);
    return lo < tz->n ? tz->tr[lo].at : TS_MAX;
}

/* tz_offset_until's span: [from, to) under offset `off`, of the zone `serial` as it was with
 * `n` changes (a zone still being built may gain changes). */
struct tz_span {
    uint64_t serial; /* 0: empty */
    size_t n;
    ts_t from, to;
    int off;
};
static _Thread_local struct tz_span S_span;

ts_t tz_offset_until(const tz_t *tz, ts_t t, int *off)
{
    struct tz_span *c = &S_span;
    if (c->serial == tz->serial && c->n == tz->n && t >= c->from && t < c->to) {
        *off = c->off;
        return c->to;
    }
    size_t lo = S_first_after(tz, t);
    *c = (struct tz_span){tz->serial, tz->n, lo == 0 ? INT64_MIN : tz->tr[lo - 1].at,
                          lo < tz->n ? tz->tr[lo].at : TS_MAX,
                          lo == 0 ? tz->initial : tz->tr[lo - 1].after};
    *off = c->off;
    return c->to;
}

ts_t tz_day_start(const tz_t *tz, int64_t days)
{
    return tz_local_to_utc(tz, days * 86400, NULL);
}

void tz_format_iso(const tz_t *tz, ts_t t, char buf[32])
{
    int off = tz_offset_at(tz, t);
    int64_t local = t + off;
    int64_t days = floor_div(local, 86400), secs = local - days * 86400;
    int64_t y;
    int m, d;
    civil_from_days(days, &y, &m, &d);
    int aoff = off < 0 ? -off : off;
    snprintf(buf, 32, "%04d-%02d-%02dT%02d:%02d:%02d%c%02d:%02d", (int)y, m, d, (int)(secs / 3600),
             (int)(secs / 60 % 60), (int)(secs % 60), off < 0 ? '-' : '+', aoff / 3600,
             aoff / 60 % 60);
}
