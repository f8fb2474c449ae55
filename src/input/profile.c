/*
 * profile — canonical CSV formats → records.
 *
 * A format is a list of column names; the header is matched case-insensitively (surrounding
 * blanks ignored), unknown columns are ignored, and a missing required column rejects every row
 * with that reason. Each row is parsed field by field into a record; the first problem rejects
 * the row with one reason.
 */
#include "input/profile.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "input/csv.h"

static const char *const PROFILES[] = {
    "servicenow-incident", "servicenow-outage", "servicenow-survey", "freshservice-ticket",
    "freshservice-survey", "manageengine-request", "jira-sm", "zendesk-ticket", "glpi-ticket",
    "tickets", "outages", "csat", "generic", NULL};

int profile_known(const char *name)
{
    for (const char *const *p = PROFILES; *p; p++)
        if (!strcmp(*p, name))
            return 1;
    return 0;
}

const char *profile_names_help(void)
{
    return "servicenow-incident, servicenow-outage, servicenow-survey, freshservice-ticket, "
           "freshservice-survey, manageengine-request, jira-sm, zendesk-ticket, glpi-ticket, "
           "tickets, outages, csat, generic";
}

/* Canonical ticket columns (SPEC 3.2), in this order. */
enum {
    TC_ID, TC_KIND, TC_SERVICE, TC_PRIORITY, TC_STATUS, TC_OPENED, TC_FIRST_RESPONSE, TC_RESOLVED,
    TC_CLOSED, TC_GROUP, TC_ASSIGNEE, TC_CHANNEL, TC_REOPEN, TC_REASSIGN, TC_TITLE,
    TC_CHANGE_TYPE, TC_OUTCOME, TC_COUNT
};
static const char *const TICKET_COLS[TC_COUNT] = {
    "id", "kind", "service", "priority", "status", "opened_at", "first_response_at",
    "resolved_at", "closed_at", "group", "assignee", "channel", "reopen_count",
    "reassignment_count", "title", "change_type", "outcome"};

enum { OC_SERVICE, OC_START, OC_END, OC_TYPE, OC_ID, OC_DESCRIPTION, OC_COUNT };
static const char *const OUTAGE_COLS[OC_COUNT] = {"service", "start", "end", "type", "id",
                                                  "description"};

enum { SC_RESPONDED, SC_SCORE, SC_TICKET, SC_NPS, SC_COMMENT, SC_COUNT };
static const char *const SURVEY_COLS[SC_COUNT] = {"responded_at", "score", "ticket_id", "nps",
                                                  "comment"};

int profile_canonical_column(const char *name)
{
    for (int i = 0; i < TC_COUNT; i++)
        if (!strcmp(TICKET_COLS[i], name))
            return 1;
    return 0;
}

int profile_pairs_have(const cfg_pair_t *pairs, size_t n, const char *key)
{
    for (size_t i = 0; i < n; i++)
        if (!strcmp(pairs[i].key, key))
            return 1;
    return 0;
}

/* ---- reading context ---- */

typedef struct reader {
    const config_t *cfg;
    const cfg_source_t *src;
    size_t index;
    const tz_t *tz;
    store_t *store;
    csv_record_t rec;
    int *col;     /* canonical column → field index, -1 when absent */
    size_t ncols;
    size_t header_fields;
} reader_t;

static void S_trim(const char **s, size_t *len)
{
    while (*len && (**s == ' ' || **s == '\t')) {
        (*s)++;
        (*len)--;
    }
    while (*len && ((*s)[*len - 1] == ' ' || (*s)[*len - 1] == '\t'))
        (*len)--;
}

/* The trimmed field of canonical column c, or NULL (with *len 0) when absent or empty. */
static const char *S_field(const reader_t *r, int c, size_t *len)
{
    *len = 0;
    int i = r->col[c];
    if (i < 0 || (size_t)i >= r->rec.nfields)
        return NULL;
    const char *s = r->rec.fields[i];
    size_t n = r->rec.lens[i];
    S_trim(&s, &n);
    if (!n)
        return NULL;
    *len = n;
    return s;
}

/* Parses a time cell. Returns 0 (with *out TS_NONE for an empty cell) or -1. */
static int S_time(reader_t *r, int c, ts_t *out, size_t line)
{
    size_t len;
    const char *s = S_field(r, c, &len);
    *out = TS_NONE;
    if (!s)
        return 0;
    parsed_time_t pt;
    if (timeparse_canonical(s, len, &pt) != 0)
        return -1;
    if (pt.has_offset) {
        *out = pt.seconds;
    } else {
        int flags;
        *out = tz_local_to_utc(r->tz, pt.seconds, &flags);
        if (flags & TZ_NONEXISTENT)
            store_warn(r->store, r->index, line, "nonexistent local time (skipped by a DST change)");
        if (flags & TZ_AMBIGUOUS)
            store_warn(r->store, r->index, line, "ambiguous local time (repeated by a DST change)");
    }
    return 0;
}

static int S_enum(const char *s, size_t len, const char *const *names, int n)
{
    for (int i = 0; i < n; i++)
        if (ascii_ieq(s, len, names[i]))
            return i;
    return -1;
}

/* Non-negative integer cell; returns 0 (with -1 for empty) or -1 when invalid. */
static int S_count(reader_t *r, int c, int32_t *out)
{
    size_t len;
    const char *s = S_field(r, c, &len);
    *out = -1;
    if (!s)
        return 0;
    int64_t v = 0;
    for (size_t i = 0; i < len; i++) {
        if (s[i] < '0' || s[i] > '9')
            return -1;
        v = v * 10 + (s[i] - '0');
        if (v > INT32_MAX)
            return -1;
    }
    *out = (int32_t)v;
    return 0;
}

static const char *S_interned(reader_t *r, int c)
{
    size_t len;
    const char *s = S_field(r, c, &len);
    return s ? intern(r->store->strings, s, len) : NULL;
}

static const char *S_copy(reader_t *r, int c)
{
    size_t len;
    const char *s = S_field(r, c, &len);
    return s ? arena_strndup(r->store->arena, s, len) : NULL;
}

static int S_ticket_equal(const ticket_t *a, const ticket_t *b)
{
    return a->kind == b->kind && a->service == b->service && a->priority == b->priority &&
           a->status == b->status && a->opened == b->opened &&
           a->first_response == b->first_response && a->resolved == b->resolved &&
           a->closed == b->closed && a->group == b->group && a->assignee == b->assignee &&
           a->channel == b->channel && a->reopen_count == b->reopen_count &&
           a->reassignment_count == b->reassignment_count && a->change_type == b->change_type &&
           a->outcome == b->outcome &&
           ((a->title == NULL && b->title == NULL) ||
            (a->title && b->title && strcmp(a->title, b->title) == 0));
}

/* Returns NULL when the row is accepted, else the reason. */
static const char *S_ticket_row(reader_t *r, size_t line)
{
    ticket_t t;
    memset(&t, 0, sizeof t);
    size_t len;
    const char *s;

    s = S_field(r, TC_ID, &len);
    if (!s)
        return "missing id";
    t.id = arena_strndup(r->store->arena, s, len);
    s = S_field(r, TC_KIND, &len);
    if (!s)
        return "missing kind";
    if ((t.kind = (int8_t)S_enum(s, len, kind_names, KIND_COUNT)) < 0)
        return "unknown kind";
    if (S_time(r, TC_OPENED, &t.opened, line) != 0)
        return "unparseable time";
    if (t.opened == TS_NONE)
        return "missing opened_at";
    if (S_time(r, TC_FIRST_RESPONSE, &t.first_response, line) != 0 ||
        S_time(r, TC_RESOLVED, &t.resolved, line) != 0 || S_time(r, TC_CLOSED, &t.closed, line) != 0)
        return "unparseable time";
    s = S_field(r, TC_PRIORITY, &len);
    if (s) {
        if (len != 1 || s[0] < '1' || s[0] > '5')
            return "unknown priority";
        t.priority = (int8_t)(s[0] - '0');
    }
    t.status = TSTATUS_NONE;
    s = S_field(r, TC_STATUS, &len);
    if (s && (t.status = (int8_t)S_enum(s, len, ticket_status_names, TSTATUS_COUNT)) < 0)
        return "unknown status";
    t.change_type = CHANGE_NONE;
    s = S_field(r, TC_CHANGE_TYPE, &len);
    if (s && (t.change_type = (int8_t)S_enum(s, len, change_type_names, CHANGE_TYPE_COUNT)) < 0)
        return "unknown change_type";
    t.outcome = OUTCOME_NONE;
    s = S_field(r, TC_OUTCOME, &len);
    if (s && (t.outcome = (int8_t)S_enum(s, len, change_outcome_names, OUTCOME_COUNT)) < 0)
        return "unknown outcome";
    if (S_count(r, TC_REOPEN, &t.reopen_count) != 0 ||
        S_count(r, TC_REASSIGN, &t.reassignment_count) != 0)
        return "invalid count";
    /* SPEC 5: a ticket whose first response or resolution is before its opening is rejected. */
    ts_t resolution = t.resolved != TS_NONE ? t.resolved : t.closed;
    if ((t.first_response != TS_NONE && t.first_response < t.opened) ||
        (resolution != TS_NONE && resolution < t.opened))
        return "response or resolution before opening";
    t.service = S_interned(r, TC_SERVICE);
    t.group = S_interned(r, TC_GROUP);
    t.assignee = S_interned(r, TC_ASSIGNEE);
    t.channel = S_interned(r, TC_CHANNEL);
    t.title = S_copy(r, TC_TITLE);
    t.source = (uint16_t)r->index;
    t.line = (uint32_t)line;
    if (!t.service)
        store_warn(r->store, r->index, line, "ticket with no service");

    long prev = store_find_ticket(r->store, t.id);
    if (prev >= 0) {
        ticket_t *old = &r->store->tickets[prev];
        if (!S_ticket_equal(old, &t)) {
            strbuf_t sb = {0};
            strbuf_printf(&sb, "replaces %s:%u", r->store->quality[old->source].file, old->line);
            store_warn_note(r->store, r->index, line, "duplicate id (the later row replaces the earlier one)",
                            sb.data);
            strbuf_free(&sb);
        }
        *old = t; /* the later row wins; identical rows merge silently */
    } else {
        store_add_ticket(r->store, &t);
    }
    return NULL;
}

static const char *S_outage_row(reader_t *r, size_t line)
{
    outage_t o;
    memset(&o, 0, sizeof o);
    size_t len;
    const char *s = S_field(r, OC_SERVICE, &len);
    if (!s)
        return "missing service";
    o.service = intern(r->store->strings, s, len);
    s = S_field(r, OC_TYPE, &len);
    if (!s)
        return "missing type";
    if ((o.type = S_enum(s, len, outage_type_names, OUTAGE_TYPE_COUNT)) < 0)
        return "unknown outage type";
    if (S_time(r, OC_START, &o.start, line) != 0 || S_time(r, OC_END, &o.end, line) != 0)
        return "unparseable time";
    if (o.start == TS_NONE)
        return "missing start";
    if (o.end != TS_NONE && o.end < o.start)
        return "end before start";
    o.id = S_copy(r, OC_ID);
    o.description = S_copy(r, OC_DESCRIPTION);
    o.source = (uint16_t)r->index;
    o.line = (uint32_t)line;
    store_add_outage(r->store, &o);
    return NULL;
}

static const char *S_survey_row(reader_t *r, size_t line)
{
    survey_t v;
    memset(&v, 0, sizeof v);
    v.score = NAN;
    v.nps = -1;
    if (S_time(r, SC_RESPONDED, &v.responded, line) != 0)
        return "unparseable time";
    if (v.responded == TS_NONE)
        return "missing responded_at";
    size_t len;
    const char *s = S_field(r, SC_SCORE, &len);
    if (s) {
        char buf[64];
        if (len >= sizeof buf)
            return "unparseable score";
        memcpy(buf, s, len);
        buf[len] = '\0';
        char *end;
        errno = 0;
        double x = strtod(buf, &end);
        if (*end || errno || !isfinite(x))
            return "unparseable score";
        if (x < r->cfg->scale_min || x > r->cfg->scale_max)
            return "score out of range";
        v.score = x;
    }
    s = S_field(r, SC_NPS, &len);
    if (s) {
        int n = 0;
        for (size_t i = 0; i < len; i++) {
            if (s[i] < '0' || s[i] > '9' || n > 100)
                return "unparseable nps";
            n = n * 10 + (s[i] - '0');
        }
        if (n > 10)
            return "nps out of range";
        v.nps = n;
    }
    if (isnan(v.score) && v.nps < 0)
        return "no score or nps";
    v.ticket_id = S_copy(r, SC_TICKET);
    v.comment = S_copy(r, SC_COMMENT);
    v.source = (uint16_t)r->index;
    v.line = (uint32_t)line;
    store_add_survey(r->store, &v);
    return NULL;
}

status_t profile_read_source(const config_t *cfg, size_t index, const tz_t *report_tz,
                             store_t *store, diag_t *d)
{
    const cfg_source_t *src = &cfg->sources[index];
    source_quality_t *q = &store->quality[index];
    q->file = src->file_written;
    q->path = src->file;
    q->profile = src->profile;

    const char *const *cols;
    size_t ncols;
    const char *(*row_fn)(reader_t *, size_t);
    const int *required;
    size_t nrequired;
    static const int treq[] = {TC_ID, TC_KIND, TC_OPENED};
    static const int oreq[] = {OC_SERVICE, OC_START, OC_TYPE};
    static const int sreq[] = {SC_RESPONDED};
    if (!strcmp(src->profile, "tickets")) {
        cols = TICKET_COLS, ncols = TC_COUNT, row_fn = S_ticket_row, required = treq, nrequired = 3;
    } else if (!strcmp(src->profile, "outages")) {
        cols = OUTAGE_COLS, ncols = OC_COUNT, row_fn = S_outage_row, required = oreq, nrequired = 3;
    } else if (!strcmp(src->profile, "csat")) {
        cols = SURVEY_COLS, ncols = SC_COUNT, row_fn = S_survey_row, required = sreq, nrequired = 1;
    } else {
        return diag_set(d, ST_CONFIG, cfg->path, src->mark.line, src->mark.column,
                        "profile '%s' is not supported by this version yet (use tickets, outages "
                        "or csat)", src->profile);
    }

    tz_t *own_tz = NULL;
    const tz_t *tz = report_tz;
    if (src->timezone) {
        status_t st = tz_load(src->timezone, &own_tz, d);
        if (st != ST_OK)
            return st;
        tz = own_tz;
    }
    csv_options_t opt = {src->delimiter};
    csv_t *csv = NULL;
    status_t st = csv_open(src->file, &opt, &csv, d);
    if (st != ST_OK) {
        tz_free(own_tz);
        return st;
    }
    reader_t r = {0};
    r.cfg = cfg;
    r.src = src;
    r.index = index;
    r.tz = tz;
    r.store = store;
    r.ncols = ncols;
    r.col = xmalloc(ncols * sizeof(int));
    for (size_t i = 0; i < ncols; i++)
        r.col[i] = -1;

    int got = csv_next(csv, &r.rec);
    const char *missing = NULL;
    if (got == 1) {
        r.header_fields = r.rec.nfields;
        for (size_t f = 0; f < r.rec.nfields; f++) {
            const char *h = r.rec.fields[f];
            size_t hl = r.rec.lens[f];
            S_trim(&h, &hl);
            for (size_t c = 0; c < ncols; c++)
                if (r.col[c] < 0 && ascii_ieq(h, hl, cols[c]))
                    r.col[c] = (int)f;
        }
        for (size_t i = 0; i < nrequired; i++)
            if (r.col[required[i]] < 0 && !missing)
                missing = cols[required[i]];
    }
    strbuf_t reason = {0};
    if (missing)
        strbuf_printf(&reason, "missing required column '%s'", missing);
    while (got == 1 && (got = csv_next(csv, &r.rec)) == 1) {
        size_t line = r.rec.line;
        q->rows_read++;
        const char *why = NULL;
        if (missing)
            why = reason.data;
        else if (r.rec.nfields != r.header_fields)
            why = "wrong number of fields";
        else
            why = row_fn(&r, line);
        if (why) {
            q->rows_rejected++;
            store_reject(store, index, line, why);
        } else {
            q->rows_accepted++;
        }
    }
    if (got < 0)
        st = diag_set(d, ST_NOINPUT, src->file, 0, 0, "read error");
    else if (missing)
        st = diag_set(d, ST_DATA, src->file, 1, 0, "the header has no '%s' column, which the %s "
                      "profile requires; every row is rejected", missing, src->profile);
    q->bytes = csv_bytes(csv);
    memcpy(q->sha256, csv_sha256(csv), 65);
    strbuf_free(&reason);
    free(r.col);
    csv_close(csv);
    tz_free(own_tz);
    return st;
}
