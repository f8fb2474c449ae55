/*
 * profile — tool exports → records, driven by the tables of profile_tables.h.
 *
 * Reading a source: (1) find the header (skipping title rows where the profile allows them;
 * for `auto`, pick the profile whose columns the header matches best); (2) when a time column
 * has several candidate formats, scan the file once to choose one per column (a day above 12
 * settles day/month order; a tie is reported); (3) parse each row into a record, rejecting it
 * with one reason on the first problem; (4) for an audit log (rows per update), rebuild each
 * ticket from its rows; for an event log (an `events` block: rows per event, the XES reader's
 * attributes taken as columns), walk each case's events (eventlog.c) into a ticket whose other
 * fields are parsed from the case's latest attribute values like a row. Duplicated ids are
 * resolved as docs/metrics.md §13 says.
 */
#include "input/profile.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/text.h"
#include "input/eventlog.h"
#include "input/profile_tables.h"
#include "input/rows.h"

static const char *const PROFILE_NAMES[] = {"servicenow-incident",
                                            "servicenow-outage",
                                            "servicenow-survey",
                                            "freshservice-ticket",
                                            "freshservice-survey",
                                            "manageengine-request",
                                            "jira-sm",
                                            "zendesk-ticket",
                                            "glpi-ticket",
                                            "tickets",
                                            "outages",
                                            "csat",
                                            "generic",
                                            "auto",
                                            NULL};

/* The canonical names `columns` accepts, per record type (docs/configuration.md §6): the ticket
 * fields (the generic profile's whole mapping, an override for a ticket profile), the outage and
 * the survey fields. */
typedef struct field_name {
    const char *name;
    int field;
} field_name_t;
static const field_name_t TICKET_NAMES[] = {{"id", F_ID},
                                            {"kind", F_KIND},
                                            {"service", F_SERVICE},
                                            {"priority", F_PRIORITY},
                                            {"status", F_STATUS},
                                            {"opened_at", F_OPENED},
                                            {"first_response_at", F_FIRST_RESPONSE},
                                            {"resolved_at", F_RESOLVED},
                                            {"closed_at", F_CLOSED},
                                            {"group", F_GROUP},
                                            {"assignee", F_ASSIGNEE},
                                            {"channel", F_CHANNEL},
                                            {"reopen_count", F_REOPEN},
                                            {"reassignment_count", F_REASSIGN},
                                            {"title", F_TITLE},
                                            {"change_type", F_CHANGE_TYPE},
                                            {"outcome", F_OUTCOME},
                                            {"updated_at", F_UPDATED},
                                            {NULL, -1}};
static const field_name_t OUTAGE_NAMES[] = {{"service", F_O_SERVICE},
                                            {"start", F_O_START},
                                            {"end", F_O_END},
                                            {"type", F_O_TYPE},
                                            {"id", F_O_ID},
                                            {"description", F_O_DESCRIPTION},
                                            {NULL, -1}};
static const field_name_t SURVEY_NAMES[] = {{"responded_at", F_S_RESPONDED}, {"score", F_S_SCORE},
                                            {"ticket_id", F_S_TICKET},       {"nps", F_S_NPS},
                                            {"comment", F_S_COMMENT},        {NULL, -1}};
#define NTICKET_NAMES (sizeof TICKET_NAMES / sizeof TICKET_NAMES[0] - 1)

/* The ticket fields an event log's walk sets (docs/configuration.md §5), which `columns` may not
 * give; the last two only when the log has a resource column. */
static const char *const WALK_FIELDS[] = {"id",           "opened_at", "first_response_at",
                                          "resolved_at",  "closed_at", "status",
                                          "reopen_count", "assignee",  "reassignment_count"};
#define NWALK_FIELDS 7
#define NWALK_FIELDS_RESOURCE 9

static const int TIME_FIELDS[] = {F_OPENED,  F_FIRST_RESPONSE, F_RESOLVED,    F_CLOSED, F_UPDATED,
                                  F_O_START, F_O_END,          F_S_RESPONDED, F_E_TIME};
#define NTIME_FIELDS (sizeof TIME_FIELDS / sizeof TIME_FIELDS[0])

int profile_known(const char *name)
{
    for (const char *const *p = PROFILE_NAMES; *p; p++)
        if (!strcmp(*p, name))
            return 1;
    return 0;
}

int profile_records(const char *name)
{
    if (name && !strncmp(name, "register:", 9))
        return PROFILE_REGISTER;
    for (size_t i = 0; name && i < profile_ndefs; i++)
        if (!strcmp(profile_defs[i].name, name))
            return profile_defs[i].record == REC_OUTAGE   ? PROFILE_OUTAGES
                   : profile_defs[i].record == REC_SURVEY ? PROFILE_SURVEYS
                                                          : PROFILE_TICKETS;
    return PROFILE_TICKETS; /* generic, and auto before it has picked */
}

const char *profile_names_help(void)
{
    return "servicenow-incident, servicenow-outage, servicenow-survey, freshservice-ticket, "
           "freshservice-survey, manageengine-request, jira-sm, zendesk-ticket, glpi-ticket, "
           "tickets, outages, csat, generic, auto";
}

static const field_name_t *S_names(int record)
{
    return record == REC_OUTAGE ? OUTAGE_NAMES : record == REC_SURVEY ? SURVEY_NAMES : TICKET_NAMES;
}

/* The field a canonical name stands for in a record of this type, or -1. */
static int S_field_by_name(int record, const char *name)
{
    for (const field_name_t *f = S_names(record); f->name; f++)
        if (!strcmp(f->name, name))
            return f->field;
    return -1;
}

static const profile_def_t *S_def(const char *name);

/* The record type a profile reads; -1 for `auto` (any). */
static int S_record_of(const char *profile)
{
    if (!strcmp(profile, "generic"))
        return REC_TICKET;
    const profile_def_t *def = S_def(profile);
    return def ? def->record : -1;
}

int profile_canonical_column(const char *profile, const char *name)
{
    int record = S_record_of(profile);
    if (record >= 0)
        return S_field_by_name(record, name) >= 0;
    return S_field_by_name(REC_TICKET, name) >= 0 || S_field_by_name(REC_OUTAGE, name) >= 0 ||
           S_field_by_name(REC_SURVEY, name) >= 0;
}

static void S_list_names(strbuf_t *sb, int record)
{
    for (const field_name_t *f = S_names(record); f->name; f++)
        strbuf_printf(sb, "%s%s", f == S_names(record) ? "" : ", ", f->name);
}

void profile_column_names(const char *profile, strbuf_t *out)
{
    int record = S_record_of(profile);
    strbuf_reset(out);
    if (record >= 0) {
        S_list_names(out, record);
        return;
    }
    static const char *const what[] = {"tickets: ", "; outages: ", "; surveys: "};
    for (int k = 0; k < 3; k++) {
        strbuf_puts(out, what[k]);
        S_list_names(out, k == 0 ? REC_TICKET : k == 1 ? REC_OUTAGE : REC_SURVEY);
    }
}

int profile_walk_sets(const char *column, int with_resource)
{
    size_t n = with_resource ? NWALK_FIELDS_RESOURCE : NWALK_FIELDS;
    for (size_t i = 0; i < n; i++)
        if (!strcmp(WALK_FIELDS[i], column))
            return 1;
    return 0;
}

int profile_state_by_name(const char *name)
{
    for (int i = 0; i < TSTATUS_COUNT; i++)
        if (!strcmp(ticket_status_names[i], name))
            return i;
    return -1;
}

int profile_pairs_have(const cfg_pair_t *pairs, size_t n, const char *key)
{
    for (size_t i = 0; i < n; i++)
        if (!strcmp(pairs[i].key, key))
            return 1;
    return 0;
}

static const profile_def_t *S_def(const char *name)
{
    for (size_t i = 0; i < profile_ndefs; i++)
        if (!strcmp(profile_defs[i].name, name))
            return &profile_defs[i];
    return NULL;
}

/* ---- reading context ---- */

typedef struct event {
    ticket_t t;
    int64_t seq;
    int paused;     /* the row's state stops the SLA clock */
    int leaves_new; /* the row's state is not `new` */
} event_t;

/*
 * The values a vocabulary field (kind, status, priority, change type, outcome) mapped to lately,
 * byte for byte: an export repeats a handful of them, and a value equal to one of these maps
 * alike (the mapping depends only on the bytes and the source's fixed profile), so a repeated
 * one costs a comparison instead of a walk of the vocabulary with case folding. A cache: values
 * longer than VMEMO_MAX, and those that map to nothing, are not kept.
 */
#define VMEMO_WAYS 4
#define VMEMO_MAX 32
typedef struct vmemo {
    size_t len[VMEMO_WAYS]; /* 0: empty */
    int value[VMEMO_WAYS];
    char text[VMEMO_WAYS][VMEMO_MAX];
    unsigned next; /* the entry the next new value replaces */
} vmemo_t;

static int S_memo_get(const vmemo_t *m, const char *s, size_t len, int *out)
{
    for (int w = 0; w < VMEMO_WAYS; w++)
        if (len && m->len[w] == len && memcmp(m->text[w], s, len) == 0) {
            *out = m->value[w];
            return 1;
        }
    return 0;
}

static void S_memo_put(vmemo_t *m, const char *s, size_t len, int value)
{
    if (len == 0 || len > VMEMO_MAX)
        return;
    unsigned w = m->next++ % VMEMO_WAYS;
    memcpy(m->text[w], s, len);
    m->len[w] = len;
    m->value[w] = value;
}

#define KEPT_WAYS 16

typedef struct reader {
    const config_t *cfg;
    const cfg_source_t *src;
    size_t index;
    const tz_t *tz;
    store_t *store;
    const profile_def_t *def;
    profile_def_t generic;                    /* the table built for `generic` */
    coldef_t generic_cols[NTICKET_NAMES + 5]; /* the columns, the events' four, the end */
    const char *generic_formats[3];
    int col[F_COUNT];           /* CSV column of each field, -1 when absent */
    int fmt[F_COUNT];           /* chosen format of each time field */
    const char *const *formats; /* candidate time formats */
    size_t header_fields;
    size_t header_line;
    rows_record_t rec;
    rows_t *rows;
    int event_log;
    size_t truncated;      /* rows a tool wrote where it cut the export short … */
    size_t truncated_line; /* … and the first of them */
    event_t *events;
    size_t nevents, capevents;
    strbuf_t scratch;  /* for messages */
    strbuf_t why_note; /* the rejected row's offending value, quoted in its place (or empty) */
    strbuf_t html;     /* a field with its HTML entities decoded */
    strbuf_t id;       /* the row's ticket id, when it is not the record's field as it stands */
    strbuf_t title;    /* the row's title, when not the record's field as it stands */
    strbuf_t text;     /* any other text field, until it is kept */
    size_t row_unsafe; /* characters of this row replaced by U+FFFD */
    hashmap_t *seen;   /* S_text: values of interned fields kept as they stand → interned copy */
    ts_t as_of;
    /* an `events` source (docs/configuration.md §5) */
    eventlog_t *elog;
    int attr_field[NTICKET_NAMES]; /* the ticket field of each case attribute */
    size_t nattrs;
    int resource;          /* the log has a resource column: the walk sets the assignee */
    size_t dup_rows;       /* rows whose id an earlier row of the source had (the event-log hint) */
    vmemo_t memo[F_COUNT]; /* of each vocabulary field */
    /* of each interned field, the interned strings of values met as they stand, by a cheap
     * hash of their bytes (S_kept_slot): a repeated value is one comparison of its bytes, no
     * look-up in `seen` (a cache: a miss only costs that look-up) */
    struct kept_memo {
        const char *kept; /* NULL: empty */
        size_t len;
    } kept[F_COUNT][KEPT_WAYS];
} reader_t;

/* The offending value of the row being rejected, quoted in its place: "tickets.csv:5 ('P9')". */
static void S_why_value(reader_t *r, const char *s, size_t len)
{
    /* at most 60 bytes, cut before a UTF-8 continuation byte, and made safe: the value is raw
     * input and reaches the PDF, the workbook and the JSON */
    size_t keep = len;
    if (keep > 60) {
        keep = 60;
        while (keep && ((unsigned char)s[keep] & 0xC0) == 0x80)
            keep--;
    }
    strbuf_reset(&r->why_note);
    strbuf_putc(&r->why_note, '\'');
    text_make_safe(&r->why_note, s, keep);
    strbuf_puts(&r->why_note, keep < len ? "…'" : "'");
}

/* Does s[0..len) equal one of the |-separated words (case-insensitive)? */
static int S_in_list(const char *s, size_t len, const char *list)
{
    while (list && *list) {
        const char *bar = strchr(list, '|');
        size_t l = bar ? (size_t)(bar - list) : strlen(list);
        if (l == len && ascii_ieqn(s, list, len))
            return 1;
        if (!bar)
            break;
        list = bar + 1;
    }
    return 0;
}

/* Byte i of s folded to small: A-Z, and the Latin-1 capitals of UTF-8 (À..Þ but ×, after 0xC3). */
static unsigned char S_fold(const char *s, size_t i)
{
    unsigned char c = (unsigned char)s[i];
    if (c >= 'A' && c <= 'Z')
        return (unsigned char)(c + 32);
    if (i > 0 && (unsigned char)s[i - 1] == 0xC3 && c >= 0x80 && c <= 0x9E && c != 0x97)
        return (unsigned char)(c + 0x20); /* À..Þ → à..þ */
    return c;
}

/* Case-insensitive comparison that also folds the Latin-1 capitals of UTF-8 (É → é). The word's
 * end is found on the way (no strlen): most words of a vocabulary differ in their first bytes. */
static int S_word_eq(const char *s, size_t len, const char *word)
{
    for (size_t i = 0; i < len; i++) {
        /* equal bytes after an equally folded start fold alike: only differing ones are folded */
        if (s[i] == word[i] ? !word[i] : !word[i] || S_fold(s, i) != S_fold(word, i))
            return 0;
    }
    return word[len] == '\0';
}

static int S_vocab(const vocab_t *v, const char *s, size_t len, int *out)
{
    for (; v && v->text; v++)
        if (S_word_eq(s, len, v->text)) {
            *out = v->value;
            return 1;
        }
    return 0;
}

/* Field f's value s through `vocab`, then `canonical` (NULL: none): 1 and *out when it maps,
 * else 0. The field's memo is asked first, and keeps what maps. */
static int S_mapped(reader_t *r, int f, const vocab_t *vocab, const vocab_t *canonical,
                    const char *s, size_t len, int *out)
{
    if (S_memo_get(&r->memo[f], s, len, out))
        return 1;
    if (!S_vocab(vocab, s, len, out) && !(canonical && S_vocab(canonical, s, len, out)))
        return 0;
    S_memo_put(&r->memo[f], s, len, *out);
    return 1;
}

/* The trimmed value of field f, or NULL (len 0) when absent, empty or a missing marker. */
static inline const char *S_get(const reader_t *r, int f, size_t *len)
{
    size_t n;
    const char *s = rows_field(&r->rec, r->col[f], &n);
    *len = 0;
    if (!s)
        return NULL;
    if (r->def->missing && *r->def->missing && S_in_list(s, n, r->def->missing))
        return NULL;
    *len = n;
    return s;
}

/* True when field f is a spreadsheet cell of `type` (a date-time or a duration): its value. */
static int S_typed(const reader_t *r, int f, rows_cell_t type, int64_t *value)
{
    int i = r->col[f];
    if (!r->rec.types || i < 0 || (size_t)i >= r->rec.nfields || r->rec.types[i] != type)
        return 0;
    *value = r->rec.values[i];
    return 1;
}

/* Parses the time in field f: 0 (TS_NONE when empty or unset), -1 when unparseable. */
static int S_time(reader_t *r, int f, ts_t *out, size_t line)
{
    size_t len;
    const char *s = S_get(r, f, &len);
    *out = TS_NONE;
    if (!s)
        return 0;
    parsed_time_t pt;
    int rc;
    if (S_typed(r, f, ROWS_CELL_DATETIME, &pt.seconds)) {
        pt.has_offset = 0; /* a date cell: whatever time_format says */
        rc = 0;
    } else {
        /* "iso" read straight by timeparse_canonical (what timeparse_format does for it, less
         * the pattern's look-up and a trim S_get has done) */
        const char *fmt = r->formats[r->fmt[f]];
        int iso = fmt[0] == 'i' && fmt[1] == 's' && fmt[2] == 'o' && fmt[3] == '\0';
        rc = iso ? timeparse_canonical(s, len, &pt) : timeparse_format(fmt, s, len, &pt);
        if (rc < 0 && !iso)
            rc = timeparse_canonical(s, len, &pt); /* ISO 8601 is never ambiguous */
    }
    if (rc < 0) {
        S_why_value(r, s, len);
        return -1;
    }
    if (rc == 1)
        return 0;
    /* a year before 1970 or after 2199 is no ticket time: a typo or a placeholder (0000, 9999) */
    if (pt.seconds < -14 * 3600 || pt.seconds >= (ts_t)7258118400LL + 14 * 3600) {
        S_why_value(r, s, len);
        return -2;
    }
    if (pt.has_offset) {
        *out = pt.seconds;
    } else {
        int flags;
        *out = tz_local_to_utc(r->tz, pt.seconds, &flags);
        if (flags & TZ_NONEXISTENT)
            store_warn(r->store, r->index, line,
                       "nonexistent local time (skipped by a DST change)");
        if (flags & TZ_AMBIGUOUS)
            store_warn(r->store, r->index, line, "ambiguous local time (repeated by a DST change)");
    }
    return 0;
}

/* The reason for rejecting a row whose time S_time refused. */
static const char *S_time_why(int rc)
{
    return rc == -2 ? "time out of range (before 1970 or after 2199)" : "unparseable time";
}

/* A non-negative whole number: 0 (−1 when empty), or -1 when invalid. */
static int S_count(reader_t *r, int f, int32_t *out)
{
    size_t len;
    const char *s = S_get(r, f, &len);
    *out = -1;
    if (!s)
        return 0;
    int64_t v = 0;
    size_t i = 0;
    for (; i < len && s[i] >= '0' && s[i] <= '9'; i++) {
        v = v * 10 + (s[i] - '0');
        if (v > INT32_MAX)
            return -1;
    }
    /* "2.0" as spreadsheets write whole numbers */
    if (i < len && s[i] == '.') {
        for (i++; i < len && s[i] == '0'; i++)
            ;
    }
    if (i != len || len == 0)
        return -1;
    *out = (int32_t)v;
    return 0;
}

/* Decodes the HTML entities GLPI leaves in its exports. */
static void S_unescape_html(strbuf_t *sb, const char *s, size_t len)
{
    static const struct {
        const char *name;
        const char *text;
    } ents[] = {{"amp", "&"},  {"lt", "<"},   {"gt", ">"}, {"quot", "\""},
                {"apos", "'"}, {"nbsp", " "}, {"#39", "'"}};
    strbuf_reset(sb);
    for (size_t i = 0; i < len; i++) {
        if (s[i] == '&') {
            const char *semi = memchr(s + i, ';', len - i < 10 ? len - i : 10);
            if (semi) {
                size_t nl = (size_t)(semi - s - i - 1);
                const char *name = s + i + 1;
                int done = 0;
                for (size_t k = 0; k < sizeof ents / sizeof ents[0] && !done; k++)
                    if (strlen(ents[k].name) == nl && !memcmp(ents[k].name, name, nl)) {
                        strbuf_puts(sb, ents[k].text);
                        done = 1;
                    }
                if (!done && nl >= 2 && name[0] == '#') {
                    char *end;
                    long cp = name[1] == 'x' || name[1] == 'X' ? strtol(name + 2, &end, 16)
                                                               : strtol(name + 1, &end, 10);
                    if (end == semi && cp > 0 && cp < 0x110000 && !(cp >= 0xD800 && cp < 0xE000)) {
                        unsigned char o[4];
                        strbuf_append(sb, (const char *)o, text_utf8_encode((uint32_t)cp, o));
                        done = 1;
                    }
                }
                if (done) {
                    i = (size_t)(semi - s);
                    continue;
                }
            }
        }
        strbuf_putc(sb, s[i]);
    }
}

/*
 * The value of text field f as every output can hold it: GLPI's HTML entities decoded, then
 * each character no consumer accepts replaced by U+FFFD (text_make_safe) and counted for the
 * row's warning. Points into the record or into buf, so it lives until the next row; nothing
 * is kept until the caller decides the row is (S_keep). NULL (len 0) when empty or missing.
 */
static const char *S_text_view(reader_t *r, int f, strbuf_t *buf, size_t *len)
{
    const char *s = S_get(r, f, len);
    if (!s)
        return NULL;
    if (r->def->html && memchr(s, '&', *len)) {
        S_unescape_html(&r->html, s, *len);
        s = strbuf_cstr(&r->html);
        *len = r->html.len;
    }
    if (!text_is_safe(s, *len)) {
        strbuf_reset(buf);
        r->row_unsafe += text_make_safe(buf, s, *len);
    } else if (s == r->html.data) { /* r->html serves every field: move it to buf */
        strbuf_reset(buf);
        strbuf_append(buf, s, *len);
    } else {
        return s;
    }
    *len = buf->len;
    return buf->data;
}

/* The most values S_text remembers per source: enough for the services, groups, assignees and
 * channels of any export, and a bound on its memory when a column holds unique values. */
#define SEEN_MAX 65536

/* The entry of a value of `len` bytes (len > 0) in a field's kept_memo: a few of its bytes, so
 * that the short names of a column (services, groups, channels) seldom share one. */
static inline size_t S_kept_slot(const char *s, size_t len)
{
    const unsigned char *u = (const unsigned char *)s;
    return (len * 7 + u[0] + u[len / 2] * 3 + u[len - 1] * 5) % KEPT_WAYS;
}

/* Text fields kept at once: interned (repeated values) or copied into the store. */
static const char *S_text(reader_t *r, int f, int interned)
{
    size_t len;
    const char *s;
    const char *raw = NULL;
    size_t raw_len = 0;
    struct kept_memo *memo = NULL;
    if (interned) {
        /* a value this source gave before as it stands, safe and free of entities: its
         * interned string at once, without checking its characters again */
        raw = S_get(r, f, &raw_len);
        if (!raw)
            return NULL;
        memo = &r->kept[f][S_kept_slot(raw, raw_len)];
        if (memo->kept && memo->len == raw_len && memcmp(memo->kept, raw, raw_len) == 0)
            return memo->kept; /* the same bytes: the same interned string */
        const char *known = r->seen ? hashmap_get(r->seen, raw, raw_len) : NULL;
        if (known) {
            *memo = (struct kept_memo){known, raw_len};
            return known;
        }
    }
    s = S_text_view(r, f, &r->text, &len);
    if (!s)
        return NULL;
    if (!interned)
        return arena_strndup(r->store->arena, s, len);
    const char *kept = intern(r->store->strings, s, len);
    if (s == raw && len == raw_len) /* its bytes as they stand: they map to it again */
        *memo = (struct kept_memo){kept, raw_len};
    if (s == raw && (r->seen || (r->seen = hashmap_new()) != NULL) &&
        hashmap_count(r->seen) < SEEN_MAX)
        hashmap_put(r->seen, raw, raw_len, (void *)kept);
    return kept;
}

/* The ticket id, valid until the next row (S_text_view); grouped digits ("5 732 943") lose
 * their separators. */
static const char *S_id(reader_t *r, int f)
{
    size_t len;
    const char *s = S_get(r, f, &len);
    if (!s)
        return NULL;
    if (r->def->grouped_ids) {
        strbuf_reset(&r->id);
        int only_digits = 1;
        for (size_t i = 0; i < len && only_digits; i++) {
            unsigned char c = (unsigned char)s[i];
            if (c >= '0' && c <= '9')
                strbuf_putc(&r->id, (char)c);
            else if (c == ' ' || c == '.' || c == ',' || c == '\'')
                ;
            else if (c == 0xC2 && i + 1 < len && (unsigned char)s[i + 1] == 0xA0)
                i++; /* no-break space */
            else if (c == 0xE2 && i + 2 < len && (unsigned char)s[i + 1] == 0x80 &&
                     (unsigned char)s[i + 2] == 0xAF)
                i += 2; /* narrow no-break space */
            else
                only_digits = 0;
        }
        if (only_digits && r->id.len)
            return r->id.data;
    }
    if (!text_is_safe(s, len)) {
        strbuf_reset(&r->id);
        r->row_unsafe += text_make_safe(&r->id, s, len);
        return r->id.data;
    }
    if (s[len] == '\0')
        return s; /* the record's own field, trimmed of nothing at its end */
    strbuf_reset(&r->id);
    strbuf_append(&r->id, s, len);
    return r->id.data;
}

static int S_priority_word(reader_t *r, const char *s, size_t len, int *out);

/* A priority's number from its text (the memo of the field first). */
static int S_priority(reader_t *r, const char *s, size_t len, int *out)
{
    if (S_memo_get(&r->memo[F_PRIORITY], s, len, out))
        return 1;
    if (!S_priority_word(r, s, len, out))
        return 0;
    S_memo_put(&r->memo[F_PRIORITY], s, len, *out);
    return 1;
}

static int S_priority_word(reader_t *r, const char *s, size_t len, int *out)
{
    for (size_t i = 0; i < r->src->npriorities; i++)
        if (S_word_eq(s, len, r->src->priorities[i].key)) {
            *out = r->src->priorities[i].number;
            return 1;
        }
    if (S_vocab(r->def->priorities, s, len, out))
        return 1;
    /* "3", "P2", "1 - Critical", "2 – High" */
    size_t i = 0;
    if (len > 1 && (s[0] == 'P' || s[0] == 'p'))
        i = 1;
    if (i < len && s[i] >= '1' && s[i] <= '5' &&
        (i + 1 == len || s[i + 1] == ' ' || s[i + 1] == '-')) {
        *out = s[i] - '0';
        return 1;
    }
    if (r->def != &r->generic && r->def->priorities != profile_priorities_common && !r->def->strict)
        return S_vocab(profile_priorities_common, s, len, out);
    return 0;
}

static int S_is_pause(const reader_t *r, const char *raw, size_t len, int status)
{
    for (size_t i = 0; i < r->cfg->npause_states; i++) {
        const char *p = r->cfg->pause_states[i];
        if (status >= 0 && !strcmp(p, ticket_status_names[status]))
            return 1;
        if (raw && S_word_eq(raw, len, p))
            return 1;
    }
    return 0;
}

static int S_ticket_equal(const ticket_t *a, const ticket_t *b)
{
    return a->kind == b->kind && a->service == b->service && a->priority == b->priority &&
           a->status == b->status && a->opened == b->opened &&
           a->first_response == b->first_response && a->resolved == b->resolved &&
           a->closed == b->closed && a->group == b->group && a->assignee == b->assignee &&
           a->channel == b->channel && a->reopen_count == b->reopen_count &&
           a->reassignment_count == b->reassignment_count && a->change_type == b->change_type &&
           a->outcome == b->outcome && a->updated == b->updated &&
           ((a->title == NULL && b->title == NULL) ||
            (a->title && b->title && strcmp(a->title, b->title) == 0));
}

/*
 * Adds a ticket, resolving a duplicate id as docs/metrics.md §13 says. Its id and title may be the
 * row's (S_text_view): the store copies them only for a ticket it keeps, so that rows merged into
 * or replacing an earlier one cost no memory of their own.
 */
static void S_add_ticket(reader_t *r, const ticket_t *t)
{
    int added;
    long prev = store_add_ticket_once(r->store, t, &added);
    if (added)
        return;
    ticket_t *old = &r->store->tickets[prev];
    if (old->source == t->source)
        r->dup_rows++;
    if (S_ticket_equal(old, t)) { /* identical rows merge silently */
        return;
    }
    /* the later row by update time where both have one, else the one read later */
    int keep_old = old->updated != TS_NONE && t->updated != TS_NONE && t->updated < old->updated;
    strbuf_t note = {0};
    if (keep_old)
        strbuf_printf(&note, "older than %s:%u, which is kept", r->store->quality[old->source].file,
                      old->line);
    else
        strbuf_printf(&note, "replaces %s:%u", r->store->quality[old->source].file, old->line);
    store_warn_note(r->store, r->index, t->line,
                    "duplicate id (the later row replaces the earlier one)", note.data);
    strbuf_clear(&note);
    if (!keep_old)
        store_replace_ticket(r->store, (size_t)prev, t);
}

/* The ticket's kind: the profile's or the source's fixed kind, else the row's. */
static const char *S_ticket_kind(reader_t *r, ticket_t *t)
{
    t->kind = (int8_t)r->def->fixed_kind;
    if (r->src->kind != KIND_NONE)
        t->kind = (int8_t)r->src->kind;
    if (t->kind != KIND_NONE)
        return NULL;
    size_t len;
    const char *s = S_get(r, F_KIND, &len);
    int k;
    if (!s) {
        if (r->def->default_kind == KIND_NONE)
            return "missing kind";
        t->kind = (int8_t)r->def->default_kind;
    } else if (S_mapped(r, F_KIND, r->def->kinds,
                        r->def == &r->generic ? profile_kinds_canonical : NULL, s, len, &k)) {
        t->kind = (int8_t)k;
    } else {
        return "unknown kind";
    }
    return NULL;
}

/* The ticket's times; a first response given as a duration after opening. */
static const char *S_ticket_times(reader_t *r, size_t line, ticket_t *t)
{
    int trc;
    if ((trc = S_time(r, F_OPENED, &t->opened, line)) != 0)
        return S_time_why(trc);
    if (t->opened == TS_NONE)
        return "missing opened_at";
    if ((trc = S_time(r, F_FIRST_RESPONSE, &t->first_response, line)) != 0 ||
        (trc = S_time(r, F_RESOLVED, &t->resolved, line)) != 0 ||
        (trc = S_time(r, F_CLOSED, &t->closed, line)) != 0 ||
        (trc = S_time(r, F_UPDATED, &t->updated, line)) != 0)
        return S_time_why(trc);
    size_t len;
    const char *s;
    if (t->first_response == TS_NONE && (s = S_get(r, F_RESPONSE_DURATION, &len)) != NULL) {
        int64_t secs;
        if (S_typed(r, F_RESPONSE_DURATION, ROWS_CELL_DURATION, &secs)) {
            if (secs < 0)
                return "negative duration";
        } else if (len && s[0] == '-') {
            return "negative duration";
        } else if (timeparse_duration(s, len, r->def->duration_unit, &secs) != 0) {
            return "unparseable duration";
        }
        t->first_response = t->opened + secs;
    }
    return NULL;
}

/* The ticket's status: a value outside the profile's vocabulary is an error in a strict
 * profile, else kept without a status and warned about (*status_known 0). */
static const char *S_ticket_status(reader_t *r, size_t line, ticket_t *t, int *status_known)
{
    size_t len;
    t->status = TSTATUS_NONE;
    *status_known = 1;
    const char *s = S_get(r, F_STATUS, &len);
    if (!s)
        return NULL;
    int st;
    if (S_mapped(r, F_STATUS, r->def->statuses,
                 r->def == &r->generic ? profile_statuses_canonical : NULL, s, len, &st)) {
        t->status = (int8_t)st;
    } else if (r->def->strict) {
        return "unknown status";
    } else {
        *status_known = 0;
        strbuf_reset(&r->scratch);
        strbuf_printf(&r->scratch, "'%.*s'", (int)(len > 60 ? 60 : len), s);
        store_warn_note(r->store, r->index, line, "unknown status (kept without a status)",
                        r->scratch.data);
    }
    return NULL;
}

/* A vocabulary field of a change: *out the value, or none (outside the vocabulary: an error in a
 * strict profile, else kept without one and warned about). Returns the error or NULL. */
static const char *S_change_field(reader_t *r, size_t line, int f, const vocab_t *vocab,
                                  int8_t *out, const char *unknown, const char *kept)
{
    size_t len;
    const char *s = S_get(r, f, &len);
    if (!s)
        return NULL;
    int v;
    if (S_mapped(r, f, vocab, NULL, s, len, &v))
        *out = (int8_t)v;
    else if (r->def->strict)
        return unknown;
    else
        store_warn(r->store, r->index, line, kept);
    return NULL;
}

/* The ticket's free texts: service, group, assignee and channel interned, the title a view that
 * S_add_ticket keeps. */
static void S_ticket_texts(reader_t *r, ticket_t *t)
{
    t->service = S_text(r, F_SERVICE, 1);
    t->group = S_text(r, F_GROUP, 1);
    t->assignee = S_text(r, F_ASSIGNEE, 1);
    t->channel = S_text(r, F_CHANNEL, 1);
    size_t title_len;
    t->title = S_text_view(r, F_TITLE, &r->title, &title_len);
}

/* A change's type and outcome. */
static const char *S_ticket_change(reader_t *r, size_t line, ticket_t *t)
{
    t->change_type = CHANGE_NONE;
    const char *why =
        S_change_field(r, line, F_CHANGE_TYPE, r->def->change_types, &t->change_type,
                       "unknown change_type", "unknown change type (kept without one)");
    if (why)
        return why;
    t->outcome = OUTCOME_NONE;
    return S_change_field(r, line, F_OUTCOME, r->def->outcomes, &t->outcome, "unknown outcome",
                          "unknown outcome (kept without one)");
}

/* The reopen and reassignment counts, or what the export gives instead (a reopened flag, the
 * number of assignee stations). */
static const char *S_ticket_counts(reader_t *r, ticket_t *t)
{
    size_t len;
    const char *s;
    if (S_count(r, F_REOPEN, &t->reopen_count) != 0 ||
        S_count(r, F_REASSIGN, &t->reassignment_count) != 0)
        return "invalid count";
    if (t->reopen_count < 0 && (s = S_get(r, F_REOPENED_FLAG, &len)) != NULL) {
        if (S_in_list(s, len, "yes|true|1|y|oui"))
            t->reopen_count = 1;
        else if (S_in_list(s, len, "no|false|0|n|non"))
            t->reopen_count = 0;
    }
    if (t->reassignment_count < 0 && r->col[F_ASSIGNEE_STATIONS] >= 0) {
        int32_t st;
        if (S_count(r, F_ASSIGNEE_STATIONS, &st) != 0)
            return "invalid count";
        if (st >= 0)
            t->reassignment_count = st > 0 ? st - 1 : 0;
    }
    return NULL;
}

/* Parses the row as a ticket into *t; NULL when accepted, else the reason. */
static const char *S_ticket_row(reader_t *r, size_t line, ticket_t *t, int *status_known)
{
    memset(t, 0, sizeof *t);
    size_t len;
    const char *s, *why;
    t->id = S_id(r, F_ID);
    if (!t->id)
        return "missing id";
    store_prefetch_id(r->store, t->id); /* the rest of the row is parsed while it loads */
    if ((why = S_ticket_kind(r, t)) != NULL || (why = S_ticket_times(r, line, t)) != NULL)
        return why;
    s = S_get(r, F_PRIORITY, &len);
    if (s) {
        int p;
        if (!S_priority(r, s, len, &p)) {
            S_why_value(r, s, len);
            return "unknown priority";
        }
        t->priority = (int8_t)p;
    }
    if ((why = S_ticket_status(r, line, t, status_known)) != NULL ||
        (why = S_ticket_change(r, line, t)) != NULL || (why = S_ticket_counts(r, t)) != NULL)
        return why;
    /* docs/metrics.md: a ticket whose first response or resolution is before its opening is
     * rejected */
    ts_t resolution = t->resolved != TS_NONE ? t->resolved : t->closed;
    if ((t->first_response != TS_NONE && t->first_response < t->opened) ||
        (resolution != TS_NONE && resolution < t->opened))
        return "response or resolution before opening";
    S_ticket_texts(r, t);
    t->source = (uint16_t)r->index;
    t->line = (uint32_t)line;
    return NULL;
}

static const char *S_ticket(reader_t *r, size_t line)
{
    ticket_t t;
    int status_known;
    const char *why = S_ticket_row(r, line, &t, &status_known);
    if (why)
        return why;
    if (r->event_log) {
        event_t *e;
        xgrow((void **)&r->events, &r->capevents, r->nevents + 1, sizeof(event_t));
        e = &r->events[r->nevents++];
        e->t = t; /* every row of an event log is kept until its ticket is rebuilt */
        e->t.id = arena_strdup(r->store->arena, t.id);
        e->t.title = t.title ? arena_strdup(r->store->arena, t.title) : NULL;
        e->seq = -1;
        size_t len;
        const char *s = S_get(r, F_SEQ, &len);
        if (s) {
            char *end;
            char buf[32];
            if (len >= sizeof buf)
                len = sizeof buf - 1;
            memcpy(buf, s, len);
            buf[len] = '\0';
            errno = 0;
            long long v = strtoll(buf, &end, 10);
            if (!*end && !errno)
                e->seq = v;
        }
        const char *raw = S_get(r, F_STATUS, &len);
        e->paused = S_is_pause(r, raw, len, t.status);
        e->leaves_new = status_known && t.status != TSTATUS_NEW && raw != NULL;
        return NULL;
    }
    S_add_ticket(r, &t);
    return NULL;
}

static const char *S_outage(reader_t *r, size_t line)
{
    outage_t o;
    memset(&o, 0, sizeof o);
    size_t len;
    const char *s = S_get(r, F_O_SERVICE, &len);
    if (!s)
        return "missing service";
    o.service = S_text(r, F_O_SERVICE, 1);
    s = S_get(r, F_O_TYPE, &len);
    if (!s)
        return "missing type";
    if (!S_vocab(r->def->outage_types, s, len, &o.type))
        return "unknown outage type";
    int trc;
    if ((trc = S_time(r, F_O_START, &o.start, line)) != 0 ||
        (trc = S_time(r, F_O_END, &o.end, line)) != 0)
        return S_time_why(trc);
    if (o.start == TS_NONE)
        return "missing start";
    if (o.end != TS_NONE && o.end < o.start)
        return "end before start";
    o.id = S_text(r, F_O_ID, 0);
    o.description = S_text(r, F_O_DESCRIPTION, 0);
    o.source = (uint16_t)r->index;
    o.line = (uint32_t)line;
    store_add_outage(r->store, &o);
    return NULL;
}

/* A survey's score: a word of the profile's vocabulary, or a number (a decimal comma too). */
static const char *S_score(reader_t *r, const char *s, size_t len, double *score)
{
    int mapped;
    if (S_vocab(r->def->scores, s, len, &mapped)) {
        *score = mapped;
        return NULL;
    }
    char buf[64];
    if (len >= sizeof buf)
        return "unparseable score";
    memcpy(buf, s, len);
    buf[len] = '\0';
    for (char *c = buf; *c; c++)
        if (*c == ',')
            *c = '.'; /* a decimal comma */
    char *end;
    errno = 0;
    double x = strtod(buf, &end);
    if (*end || errno || !isfinite(x))
        return "unparseable score";
    *score = x;
    return NULL;
}

/* A survey's NPS answer, 0 to 10 ("9.0" is 9). */
static const char *S_nps(const char *s, size_t len, int *nps)
{
    int n = 0;
    size_t i = 0;
    for (; i < len && s[i] >= '0' && s[i] <= '9' && n <= 100; i++)
        n = n * 10 + (s[i] - '0');
    if (i < len && s[i] == '.') /* "9.0" */
        for (i++; i < len && s[i] == '0'; i++)
            ;
    if (i != len)
        return "unparseable nps";
    if (n > 10)
        return "nps out of range";
    *nps = n;
    return NULL;
}

static const char *S_survey(reader_t *r, size_t line)
{
    survey_t v;
    memset(&v, 0, sizeof v);
    v.source = (uint16_t)r->index;
    v.line = (uint32_t)line;
    v.score = NAN;
    v.nps = -1;
    int trc;
    if ((trc = S_time(r, F_S_RESPONDED, &v.responded, line)) != 0)
        return S_time_why(trc);
    if (v.responded == TS_NONE)
        return "missing responded_at";
    size_t len;
    const char *why, *s = S_get(r, F_S_SCORE, &len);
    if (s) {
        if ((why = S_score(r, s, len, &v.score)) != NULL)
            return why;
        if (v.score < r->cfg->scale_min || v.score > r->cfg->scale_max)
            return "score out of range";
    }
    s = S_get(r, F_S_NPS, &len);
    if (s && (why = S_nps(s, len, &v.nps)) != NULL)
        return why;
    if (isnan(v.score) && v.nps < 0)
        return "no score or nps";
    v.ticket_id = S_text(r, F_S_TICKET, 0);
    v.comment = S_text(r, F_S_COMMENT, 0);
    store_add_survey(r->store, &v);
    return NULL;
}

/* ---- event logs (docs/configuration.md §5) ---- */

/* An activity seen for the first time: the state `states` maps it to and whether it is a
 * response, matched as the other vocabularies are (trimmed, without regard to case). */
static void S_classify_activity(reader_t *r, size_t index)
{
    const cfg_events_t *ev = &r->src->events;
    eventlog_activity_t *a = eventlog_activity_at(r->elog, index);
    size_t len = strlen(a->name);
    for (size_t i = 0; i < ev->nstates; i++)
        if (S_word_eq(a->name, len, ev->states[i].key)) {
            a->state = (int8_t)ev->states[i].number;
            break;
        }
    for (size_t i = 0; i < ev->nresponse; i++)
        if (S_word_eq(a->name, len, ev->response[i]))
            a->response = 1;
}

/* One event row: its case, time, activity and resource, and the case attributes it gives. */
static const char *S_event(reader_t *r, size_t line)
{
    size_t alen, rlen;
    const char *id = S_id(r, F_E_CASE); /* made safe, as the other texts below */
    if (!id)
        return "missing case id";
    size_t idlen = strlen(id);
    ts_t t;
    int trc = S_time(r, F_E_TIME, &t, line);
    if (trc != 0)
        return S_time_why(trc);
    if (t == TS_NONE)
        return "missing event time";
    const char *act = S_text_view(r, F_E_ACTIVITY, &r->text, &alen);
    int added;
    size_t a = eventlog_activity(r->elog, act ? act : "", alen, &added);
    if (added)
        S_classify_activity(r, a);
    const char *res = r->resource ? S_text_view(r, F_E_RESOURCE, &r->title, &rlen) : NULL;
    if (eventlog_add(r->elog, id, idlen, t, a, res, res ? rlen : 0, line) != 0)
        return "more than 4,294,967,294 events or cases in one log";
    for (size_t k = 0; k < r->nattrs; k++) {
        size_t len;
        const char *v = S_get(r, r->attr_field[k], &len);
        if (v)
            eventlog_attr(r->elog, k, v, len);
    }
    return NULL;
}

/* The case attributes `columns` may give beside `events`, in slot order; the log is made. */
static void S_event_setup(reader_t *r)
{
    r->nattrs = 0;
    for (size_t i = 0; i < r->src->ncolumns && r->nattrs < NTICKET_NAMES; i++) {
        int f = S_field_by_name(REC_TICKET, r->src->columns[i].key);
        if (f >= 0 && !profile_walk_sets(r->src->columns[i].key, r->resource))
            r->attr_field[r->nattrs++] = f;
    }
    r->elog = eventlog_new(r->store->strings, r->nattrs, r->as_of);
}

/* A rebuilt case's own fields, from the latest value of each attribute (parsed as a row with
 * one column per attribute); NULL, or the reason the whole case is rejected. */
static const char *S_case_fields(reader_t *r, const eventlog_case_t *c, ticket_t *t)
{
    char *fields[NTICKET_NAMES + 1];
    size_t lens[NTICKET_NAMES + 1];
    for (int f = 0; f < F_COUNT; f++)
        r->col[f] = -1;
    for (size_t k = 0; k < r->nattrs; k++) {
        fields[k] = (char *)(c->attrs[k] ? c->attrs[k] : "");
        lens[k] = strlen(fields[k]);
        r->col[r->attr_field[k]] = (int)k;
    }
    memset(&r->rec, 0, sizeof r->rec);
    r->rec.nfields = r->nattrs;
    r->rec.fields = fields;
    r->rec.lens = lens;
    size_t line = c->lines[0];
    memset(t, 0, sizeof *t);
    const char *why, *s;
    size_t len;
    if ((why = S_ticket_kind(r, t)) != NULL)
        return why;
    if ((s = S_get(r, F_PRIORITY, &len)) != NULL) {
        int p;
        if (!S_priority(r, s, len, &p))
            return "unknown priority";
        t->priority = (int8_t)p;
    }
    if ((why = S_ticket_change(r, line, t)) != NULL)
        return why;
    if (S_count(r, F_REASSIGN, &t->reassignment_count) != 0)
        return "invalid count";
    int trc = S_time(r, F_UPDATED, &t->updated, line);
    if (trc != 0)
        return S_time_why(trc);
    S_ticket_texts(r, t);
    return NULL;
}

/* One case walked: a ticket, or each of its events a rejected row. */
static void S_case_done(void *ctx, const eventlog_case_t *c)
{
    reader_t *r = ctx;
    const eventlog_walk_t *w = c->walk;
    source_quality_t *q = &r->store->quality[r->index];
    if (!w->used) {
        q->events.later++; /* every event is after as-of: the case does not exist yet */
        return;
    }
    ticket_t t;
    const char *why = S_case_fields(r, c, &t);
    if (r->row_unsafe && !why) { /* the case attributes are made safe here, not row by row */
        strbuf_reset(&r->scratch);
        strbuf_printf(&r->scratch, "%zu character%s", r->row_unsafe, r->row_unsafe == 1 ? "" : "s");
        store_warn_note(r->store, r->index, c->lines[0],
                        "control characters, Unicode noncharacters or invalid UTF-8 in text "
                        "replaced by U+FFFD",
                        r->scratch.data);
    }
    r->row_unsafe = 0;
    if (why) {
        q->events.rejected++;
        q->rows_accepted -= c->nevents;
        q->rows_rejected += c->nevents;
        for (size_t k = 0; k < c->nevents; k++)
            store_reject(r->store, r->index, c->lines[k], why);
        return;
    }
    t.id = c->id; /* the store copies the id and the title of a ticket it keeps */
    t.opened = w->opened;
    t.first_response = w->first_response;
    t.resolved = w->resolved;
    t.closed = w->closed;
    t.status = w->status;
    t.reopen_count = w->reopen_count;
    if (r->resource) {
        t.assignee = w->assignee;
        t.reassignment_count = w->reassignment_count;
    }
    if (t.updated == TS_NONE)
        t.updated = w->last;
    t.source = (uint16_t)r->index;
    t.line = (uint32_t)c->lines[0];
    t.pause_first = (uint32_t)r->store->npauses;
    t.pause_count = (uint32_t)c->npauses;
    if (c->npauses)
        memcpy(store_add_pauses(r->store, c->npauses), c->pauses, c->npauses * sizeof(pause_t));
    if (!t.service)
        store_warn(r->store, r->index, t.line, "ticket with no service");
    q->events.rebuilt++;
    S_add_ticket(r, &t);
}

static int S_cmp_activity(const void *a, const void *b)
{
    const quality_activity_t *x = a, *y = b;
    if (x->count != y->count)
        return x->count > y->count ? -1 : 1;
    return strcmp(x->name, y->name);
}

/* What `check` says of the log: events, cases, span, activities with their states. */
static void S_event_facts(reader_t *r)
{
    quality_events_t *qe = &r->store->quality[r->index].events;
    qe->set = 1;
    qe->events = eventlog_event_count(r->elog);
    qe->cases = eventlog_case_count(r->elog);
    eventlog_span(r->elog, &qe->first, &qe->last);
    size_t n = eventlog_activity_count(r->elog);
    qe->activities = arena_alloc(r->store->arena, (n ? n : 1) * sizeof *qe->activities);
    for (size_t i = 0; i < n; i++) {
        const eventlog_activity_t *a = eventlog_activity_at(r->elog, i);
        qe->activities[i].name = arena_strdup(r->store->arena, a->name);
        qe->activities[i].count = a->count;
        qe->activities[i].state = a->state;
    }
    qsort(qe->activities, n, sizeof *qe->activities, S_cmp_activity);
    qe->nactivities = n;
}

/* Every case of the log rebuilt into a ticket (docs/configuration.md §5). */
static void S_event_rebuild(reader_t *r)
{
    eventlog_rules_t rules;
    memset(&rules, 0, sizeof rules);
    rules.as_of = r->as_of;
    for (size_t i = 0; i < r->cfg->npause_states; i++) {
        int st = profile_state_by_name(r->cfg->pause_states[i]);
        if (st >= 0)
            rules.pause[st] = 1;
    }
    rules.response_listed = r->src->events.nresponse > 0;
    S_event_facts(r);
    eventlog_rebuild(r->elog, &rules, S_case_done, r);
    eventlog_free(r->elog);
    r->elog = NULL;
}

/* ---- header, profile choice, formats ---- */

/* The header column whose name is `name` (case-insensitive, trimmed), or -1. */
static int S_header_col(const rows_record_t *rec, const char *name, size_t nlen)
{
    for (size_t i = 0; i < rec->nfields; i++) {
        const char *h = rec->fields[i];
        size_t hl = rec->lens[i];
        ascii_trim(&h, &hl);
        if (hl >= 3 && (unsigned char)h[0] == 0xEF && (unsigned char)h[1] == 0xBB &&
            (unsigned char)h[2] == 0xBF)
            h += 3, hl -= 3; /* a stray BOM inside the header */
        if (hl == nlen) {
            char word[128];
            if (nlen >= sizeof word)
                continue;
            memcpy(word, name, nlen);
            word[nlen] = '\0';
            if (S_word_eq(h, hl, word))
                return (int)i; /* a repeated header name keeps its first column */
        }
    }
    return -1;
}

/*
 * Maps header columns to profile fields; returns how many fields were found. The config's
 * `columns` come first; then each field's aliases in the table's order, so the preferred
 * name wins when an export has several.
 */
static int S_map_header(reader_t *r, const profile_def_t *def, const rows_record_t *rec)
{
    int found = 0;
    for (int f = 0; f < F_COUNT; f++)
        r->col[f] = -1;
    for (size_t k = 0; k < r->src->ncolumns; k++) {
        int f = S_field_by_name(def->record, r->src->columns[k].key);
        const char *h = r->src->columns[k].value;
        if (f >= 0 && r->col[f] < 0 && (r->col[f] = S_header_col(rec, h, strlen(h))) >= 0)
            found++;
    }
    for (const coldef_t *c = def->cols; c->headers; c++) {
        if (r->col[c->field] >= 0)
            continue;
        const char *list = c->headers;
        while (*list && r->col[c->field] < 0) {
            const char *bar = strchr(list, '|');
            size_t l = bar ? (size_t)(bar - list) : strlen(list);
            if ((r->col[c->field] = S_header_col(rec, list, l)) >= 0)
                found++;
            if (!bar)
                break;
            list = bar + 1;
        }
    }
    return found;
}

/* The fields a record of the profile cannot do without; NULL when all are there. */
static const char *S_missing_required(const reader_t *r, const profile_def_t *def)
{
    switch (def->record) {
    case REC_TICKET:
        if (def == &r->generic && r->src->events.set) {
            const cfg_events_t *ev = &r->src->events;
            if (r->col[F_E_CASE] < 0)
                return ev->case_id;
            if (r->col[F_E_ACTIVITY] < 0)
                return ev->activity;
            if (r->col[F_E_TIME] < 0)
                return ev->time;
            if (r->resource && r->col[F_E_RESOURCE] < 0)
                return ev->resource;
        } else if (r->col[F_ID] < 0) {
            return "id";
        } else if (r->col[F_OPENED] < 0) {
            return "opened_at";
        }
        if (def->fixed_kind == KIND_NONE && def->default_kind == KIND_NONE &&
            r->src->kind == KIND_NONE && r->col[F_KIND] < 0)
            return "kind";
        return NULL;
    case REC_OUTAGE:
        return r->col[F_O_SERVICE] < 0 ? "service"
               : r->col[F_O_START] < 0 ? "start"
               : r->col[F_O_TYPE] < 0  ? "type"
                                       : NULL;
    default:
        if (r->col[F_S_RESPONDED] < 0)
            return "responded_at";
        if (r->col[F_S_SCORE] < 0 && r->col[F_S_NPS] < 0)
            return "score";
        return NULL;
    }
}

static void S_build_generic(reader_t *r)
{
    profile_def_t *g = &r->generic;
    memset(g, 0, sizeof *g);
    g->name = "generic";
    g->record = REC_TICKET;
    g->fixed_kind = KIND_NONE;
    g->default_kind = KIND_NONE;
    size_t n = 0;
    for (size_t i = 0; i < r->src->ncolumns && n < NTICKET_NAMES; i++) {
        int f = S_field_by_name(REC_TICKET, r->src->columns[i].key);
        if (f >= 0) {
            r->generic_cols[n].field = f;
            r->generic_cols[n].headers = r->src->columns[i].value;
            n++;
        }
    }
    const cfg_events_t *ev = &r->src->events;
    const struct {
        int field;
        const char *header;
    } event_cols[] = {{F_E_CASE, ev->case_id},
                      {F_E_ACTIVITY, ev->activity},
                      {F_E_TIME, ev->time},
                      {F_E_RESOURCE, ev->resource}};
    for (size_t i = 0; ev->set && i < 4; i++)
        if (event_cols[i].header) {
            r->generic_cols[n].field = event_cols[i].field;
            r->generic_cols[n].headers = event_cols[i].header;
            n++;
        }
    r->generic_cols[n].field = -1;
    r->generic_cols[n].headers = NULL;
    g->cols = r->generic_cols;
    g->kinds = profile_kinds_common;
    g->priorities = profile_priorities_common;
    g->statuses = profile_statuses_common;
    g->outcomes = profile_outcomes_common;
    g->change_types = profile_change_types_common;
    g->time_formats = profile_formats_generic;
    g->missing = "";
    g->duration_unit = 60;
}

static int S_is_swap(const char *a, const char *b)
{
    /* b is a with %d and %m exchanged */
    size_t la = strlen(a);
    if (la != strlen(b) || !strstr(a, "%d") || !strstr(a, "%m"))
        return 0;
    for (size_t i = 0; i < la; i++) {
        if (a[i] == '%' && i + 1 < la && (a[i + 1] == 'd' || a[i + 1] == 'm')) {
            if (b[i] != '%' || b[i + 1] != (a[i + 1] == 'd' ? 'm' : 'd'))
                return 0;
            i++;
        } else if (a[i] != b[i]) {
            return 0;
        }
    }
    return 1;
}

/* A read error of the rows reader: ST_NOINPUT stays an unreadable file (66); anything else means
 * the file cannot be read as a table, and the source is marked unreadable. */
static status_t S_rows_failed(reader_t *r, diag_t *d)
{
    return rows_failed(r->rows, r->src->file, &r->store->quality[r->index].unreadable, d);
}

/* An ambiguous time column (day-first and month-first read it equally well) follows a column of
 * the same export that settled the order; else it keeps its first reading, with a warning. */
static void S_settle(reader_t *r, size_t counts[NTIME_FIELDS][16], const int *ambiguous)
{
    for (size_t k = 0; k < NTIME_FIELDS; k++) {
        if (!ambiguous[k])
            continue;
        int f = TIME_FIELDS[k];
        size_t other = (size_t)ambiguous[k] - 1;
        int settled = 0;
        for (size_t m = 0; m < NTIME_FIELDS && !settled; m++) {
            int g = TIME_FIELDS[m];
            if (m == k || ambiguous[m] || r->col[g] < 0 || counts[m][r->fmt[g]] == 0)
                continue;
            if ((size_t)r->fmt[g] == other || r->fmt[g] == r->fmt[f]) {
                r->fmt[f] = r->fmt[g];
                settled = 1;
            }
        }
        if (!settled) {
            strbuf_reset(&r->scratch);
            const rows_record_t *header = rows_header(r->rows);
            const char *h =
                header && header->nfields > (size_t)r->col[f] ? header->fields[r->col[f]] : "";
            strbuf_printf(&r->scratch, "column '%s' read as %s", h, r->formats[r->fmt[f]]);
            store_warn_note(r->store, r->index, 0,
                            "day and month order cannot be told from the data", r->scratch.data);
        }
    }
}

/* Chooses each time column's format by scanning the file once. */
static status_t S_choose_formats(reader_t *r, diag_t *d)
{
    size_t nf = 0;
    while (r->formats[nf])
        nf++;
    for (size_t k = 0; k < NTIME_FIELDS; k++)
        r->fmt[TIME_FIELDS[k]] = 0;
    if (nf <= 1)
        return ST_OK;
    size_t counts[NTIME_FIELDS][16];
    memset(counts, 0, sizeof counts);
    if (nf > 16)
        nf = 16;
    /* a second pass over the data rows, then back to the first of them for reading */
    int got;
    while ((got = rows_next(r->rows, &r->rec)) == 1) {
        for (size_t k = 0; k < NTIME_FIELDS; k++) {
            size_t len;
            int64_t typed;
            const char *s = S_get(r, TIME_FIELDS[k], &len);
            if (!s || S_typed(r, TIME_FIELDS[k], ROWS_CELL_DATETIME, &typed))
                continue;
            parsed_time_t pt;
            for (size_t c = 0; c < nf; c++)
                if (timeparse_format(r->formats[c], s, len, &pt) >= 0)
                    counts[k][c]++;
        }
    }
    if (got < 0)
        return S_rows_failed(r, d);
    status_t st = rows_rewind_to_data(r->rows, d);
    if (st != ST_OK)
        return st;
    /* each column's best format; a tie between day-first and month-first is ambiguous */
    int ambiguous[NTIME_FIELDS] = {0};
    for (size_t k = 0; k < NTIME_FIELDS; k++) {
        int f = TIME_FIELDS[k];
        if (r->col[f] < 0)
            continue;
        size_t best = 0;
        for (size_t c = 1; c < nf; c++)
            if (counts[k][c] > counts[k][best])
                best = c;
        r->fmt[f] = (int)best;
        for (size_t c = 0; c < nf; c++)
            if (c != best && counts[k][c] == counts[k][best] && counts[k][best] > 0 &&
                S_is_swap(r->formats[best], r->formats[c]))
                ambiguous[k] = 1 + (int)c; /* the other reading */
    }
    S_settle(r, counts, ambiguous);
    return ST_OK;
}

static int S_cmp_event(const void *a, const void *b)
{
    const event_t *x = a, *y = b;
    int c = strcmp(x->t.id, y->t.id);
    if (c)
        return c;
    if (x->seq != y->seq)
        return x->seq < y->seq ? -1 : 1;
    if (x->t.updated != y->t.updated)
        return x->t.updated < y->t.updated ? -1 : 1;
    return x->t.line < y->t.line ? -1 : x->t.line > y->t.line;
}

/* Rebuilds one ticket per id from an event log's rows. */
static void S_rebuild(reader_t *r)
{
    if (r->nevents > 1)
        qsort(r->events, r->nevents, sizeof(event_t), S_cmp_event);
    for (size_t i = 0; i < r->nevents;) {
        size_t j = i;
        while (j < r->nevents && !strcmp(r->events[j].t.id, r->events[i].t.id))
            j++;
        ticket_t t = r->events[j - 1].t; /* the last update holds the final fields */
        ts_t res = t.resolved != TS_NONE ? t.resolved : t.closed;
        if (t.first_response == TS_NONE) {
            for (size_t k = i; k < j; k++) {
                const event_t *e = &r->events[k];
                if (e->leaves_new && e->t.updated != TS_NONE && e->t.updated >= t.opened) {
                    t.first_response = e->t.updated;
                    break;
                }
            }
        }
        /* time spent in a pause state stops the clock, up to the next update */
        t.pause_first = (uint32_t)r->store->npauses;
        t.pause_count = 0;
        for (size_t k = i; k < j; k++) {
            const event_t *e = &r->events[k];
            if (!e->paused || e->t.updated == TS_NONE)
                continue;
            ts_t end = TS_NONE;
            for (size_t m = k + 1; m < j && end == TS_NONE; m++)
                end = r->events[m].t.updated;
            if (end == TS_NONE)
                end = res != TS_NONE ? res : TS_MAX; /* still paused */
            if (end <= e->t.updated)
                continue;
            if (t.pause_count && r->store->pauses[r->store->npauses - 1].end >= e->t.updated) {
                if (end > r->store->pauses[r->store->npauses - 1].end)
                    r->store->pauses[r->store->npauses - 1].end = end;
                continue;
            }
            *store_add_pauses(r->store, 1) = (pause_t){e->t.updated, end};
            t.pause_count++;
        }
        if (t.first_response != TS_NONE && t.first_response < t.opened)
            t.first_response = TS_NONE;
        S_add_ticket(r, &t);
        i = j;
    }
    free(r->events);
    r->events = NULL;
    r->nevents = r->capevents = 0;
}

/* Scores every profile against the first rows (4 of a CSV file, ROWS_HEADER_SEARCH of a
 * sheet, where titles stand above the header more often); returns the best or NULL, the
 * reader rewound. */
static const profile_def_t *S_auto(reader_t *r, diag_t *d)
{
    const profile_def_t *best = NULL;
    int best_found = 1;
    rows_record_t rec;
    int rows = rows_format(r->rows) == ROWS_CSV ? 4 : ROWS_HEADER_SEARCH;
    for (int row = 0; row < rows && rows_next(r->rows, &rec) == 1; row++) {
        for (size_t p = 0; p < profile_ndefs; p++) {
            int found = S_map_header(r, &profile_defs[p], &rec);
            if (found > best_found && !S_missing_required(r, &profile_defs[p])) {
                best = &profile_defs[p];
                best_found = found;
            }
        }
    }
    if (rows_rewind(r->rows, d) != ST_OK)
        return NULL;
    return best;
}

/* A row's score as the header (rows_find_header): 2 with every required column, 1 for a header
 * that lacks some (three known columns or more), else 0. */
static int S_header_score(const rows_record_t *rec, void *ctx)
{
    reader_t *r = ctx;
    int found = S_map_header(r, r->def, rec);
    return !S_missing_required(r, r->def) ? 2 : found >= 3 ? 1 : 0;
}

/* The row a tool writes where it cut an export short (ServiceNow's Excel export). */
static int S_export_stopped(const rows_record_t *rec)
{
    static const char msg[] = "export stopped due to excessive size";
    for (size_t i = 0; i < rec->nfields; i++) {
        const char *s = rec->fields[i];
        size_t len = rec->lens[i];
        ascii_trim(&s, &len);
        if (!len)
            continue;
        return len >= sizeof msg - 1 && ascii_ieq(s, sizeof msg - 1, msg);
    }
    return 0;
}

/* The attributes an XES log is read for (docs/configuration.md §5), in column order: the case (a
 * trace attribute), the activity and the time (event attributes), the resource (an event attribute:
 * `org:resource` unless the config names another, or `columns` names an assignee or a
 * reassignment count, which the resource would set), then each of `columns` (the event's,
 * else its trace's). Sets r->resource; with keys NULL, maps r->col to the columns instead. */
static size_t S_xes_keys(reader_t *r, rows_xes_key_t *keys)
{
    const cfg_events_t *ev = &r->src->events;
    const cfg_source_t *src = r->src;
    r->resource = ev->resource != NULL ||
                  (!profile_pairs_have(src->columns, src->ncolumns, "assignee") &&
                   !profile_pairs_have(src->columns, src->ncolumns, "reassignment_count"));
    const struct {
        int field;
        const char *key;
        int scope;
    } fixed[] = {
        {F_E_CASE, ev->case_id ? ev->case_id : "concept:name", ROWS_XES_TRACE},
        {F_E_ACTIVITY, ev->activity ? ev->activity : "concept:name", ROWS_XES_EVENT},
        {F_E_TIME, ev->time ? ev->time : "time:timestamp", ROWS_XES_EVENT},
        {F_E_RESOURCE, ev->resource ? ev->resource : "org:resource", ROWS_XES_EVENT},
    };
    size_t n = 0;
    for (size_t i = 0; i < 4; i++) {
        if (fixed[i].field == F_E_RESOURCE && !r->resource)
            continue;
        if (keys)
            keys[n] = (rows_xes_key_t){fixed[i].key, fixed[i].scope};
        else
            r->col[fixed[i].field] = (int)n;
        n++;
    }
    for (size_t i = 0; i < src->ncolumns && n < NTICKET_NAMES + 4; i++) {
        int f = S_field_by_name(REC_TICKET, src->columns[i].key);
        if (f < 0)
            continue;
        if (keys)
            keys[n] = (rows_xes_key_t){src->columns[i].value, ROWS_XES_ANY};
        else if (r->col[f] < 0)
            r->col[f] = (int)n;
        n++;
    }
    return n;
}

/* Opens the source as a table (CSV, or a sheet of a workbook). A file that is not a table (a PDF,
 * an HTML page, a damaged workbook, an XES log without `events`, …) is never read as CSV bytes,
 * and the source is marked unreadable, so that nothing is written. */
static status_t S_open(reader_t *r, diag_t *d)
{
    const cfg_source_t *src = r->src;
    source_quality_t *q = &r->store->quality[r->index];
    rows_options_t opt = {src->delimiter, CSV_ENC_AUTO, src->sheet, src->header_row};
    if (src->encoding && (ascii_ieq(src->encoding, strlen(src->encoding), "cp1252") ||
                          ascii_ieq(src->encoding, strlen(src->encoding), "windows-1252")))
        opt.encoding = CSV_ENC_CP1252;
    status_t st = rows_open(src->file, src->file, &opt, &r->rows, d);
    if (st != ST_OK) {
        if (st == ST_DATA)
            q->unreadable = 1;
        return st;
    }
    q->format = rows_format_name(rows_format(r->rows));
    const cfg_events_t *ev = &src->events;
    if (rows_format(r->rows) == ROWS_XES) {
        if (!ev->set) {
            q->unreadable = 1;
            return diag_set(d, ST_DATA, src->file, 0, 0,
                            "an XES event log: it is read only by a `generic` source with an "
                            "`events` block, not by the %s profile",
                            src->profile);
        }
        rows_xes_key_t keys[NTICKET_NAMES + 4];
        size_t n = S_xes_keys(r, keys);
        st = rows_xes_columns(r->rows, keys, n, d);
        if (st == ST_DATA)
            q->unreadable = 1;
        return st;
    }
    if (ev->set && (!ev->case_id || !ev->activity || !ev->time))
        return diag_set(d, ST_CONFIG, r->cfg->path, ev->mark.line, ev->mark.column,
                        "events: '%s' is not given; a %s log needs 'case', 'activity' and "
                        "'time' (the names of its columns; only XES has defaults)",
                        !ev->case_id    ? "case"
                        : !ev->activity ? "activity"
                                        : "time",
                        q->format);
    r->resource = ev->set && ev->resource;
    /* the id index grows with the ids read: sized from the file's size, an input of hundreds
     * of gigabytes would have asked for its memory before a byte was read */
    return ST_OK;
}

/* The profile of the source: the generic mapping of the config, the best match of the header
 * (`auto`), or the named one. */
static status_t S_pick_profile(reader_t *r, diag_t *d)
{
    const cfg_source_t *src = r->src;
    if (!strcmp(src->profile, "generic")) {
        S_build_generic(r);
        r->def = &r->generic;
        if (src->events.set)
            S_event_setup(r);
    } else if (!strcmp(src->profile, "auto")) {
        r->def = S_auto(r, d);
        if (!r->def && d->status != ST_OK)
            return d->status;
        if (r->def) {
            r->store->quality[r->index].profile = r->def->name;
            strbuf_printf(&r->scratch, "picked %s from the header", r->def->name);
            store_warn_note(r->store, r->index, 1, "profile auto", r->scratch.data);
        }
    } else {
        r->def = S_def(src->profile);
    }
    return ST_OK;
}

/* The header: the first row, among the first ROWS_HEADER_SEARCH, that names the profile's
 * columns (titles may stand above it), or the row header_row names. Sets *header_found, and
 * *missing to a required column the header lacks. */
static status_t S_find_header(reader_t *r, int *header_found, const char **missing, diag_t *d)
{
    *header_found = 0;
    *missing = NULL;
    if (!r->def) {
        *missing = "the header of any known profile";
        return ST_OK;
    }
    if (rows_format(r->rows) == ROWS_XES) {
        /* no header: the columns are the attributes asked for, in S_xes_keys's order */
        for (int f = 0; f < F_COUNT; f++)
            r->col[f] = -1;
        r->header_fields = S_xes_keys(r, NULL);
        *missing = S_missing_required(r, r->def);
        *header_found = 1;
        return ST_OK;
    }
    rows_record_t header;
    int got = rows_find_header(r->rows, S_header_score, r, &header);
    if (got < 0)
        return S_rows_failed(r, d);
    if (got == 1) {
        S_map_header(r, r->def, &header);
        *missing = S_missing_required(r, r->def);
        *header_found = 1;
        r->header_fields = header.nfields;
        r->header_line = header.end_line;
    }
    return ST_OK;
}

/* The candidate time formats (the profile's, or the source's time_format), and each time
 * column's own when the header is complete. */
static status_t S_time_formats(reader_t *r, int header_found, const char *missing, diag_t *d)
{
    r->formats = r->def ? r->def->time_formats : profile_formats_iso;
    if (rows_format(r->rows) == ROWS_XES)
        r->formats = profile_formats_iso; /* xs:dateTime */
    if (r->src->time_format) {
        r->generic_formats[0] = r->src->time_format;
        r->generic_formats[1] = NULL;
        r->formats = r->generic_formats;
    }
    if (!r->def || !header_found || missing)
        return ST_OK;
    r->event_log = r->col[F_SEQ] >= 0;
    return S_choose_formats(r, d);
}

/* Every data row, accepted or rejected with its reason. Returns rows_next's last result. */
static int S_read_rows(reader_t *r, const char *missing)
{
    source_quality_t *q = &r->store->quality[r->index];
    strbuf_t reason = {0};
    if (missing)
        strbuf_printf(&reason, "missing required column '%s'", missing);
    const char *(*row_fn)(reader_t *, size_t) = !r->def                        ? NULL
                                                : r->elog                      ? S_event
                                                : r->def->record == REC_TICKET ? S_ticket
                                                : r->def->record == REC_OUTAGE ? S_outage
                                                                               : S_survey;
    int csv = rows_format(r->rows) == ROWS_CSV;
    int got;
    rows_read_ahead(r->rows); /* CSV rows are parsed on a second core while this one maps them */
    while ((got = rows_next(r->rows, &r->rec)) == 1) {
        size_t line = r->rec.line;
        q->sheet = r->rec.sheet; /* named in the places of a workbook of several sheets */
        q->rows_read++;
        strbuf_reset(&r->why_note);
        const char *why;
        if (S_export_stopped(&r->rec)) {
            why = "export truncated by the tool";
            if (!r->truncated++)
                r->truncated_line = line;
        } else if (missing)
            why = reason.data;
        else if (r->rec.too_many) {
            why = "too many fields";
            strbuf_printf(&r->why_note, "%zu fields; at most 16384 are read", r->rec.too_many);
        } else if (r->rec.too_long == 2)
            why = "record longer than 64 MiB";
        else if (r->rec.too_long)
            why = "field longer than 16 MiB";
        else if (r->rec.unterminated)
            why = "quoted field never closed (it runs to the end of the file)";
        else if (csv && r->rec.nfields != r->header_fields) {
            /* a sheet has no ragged rows: missing cells are empty */
            why = "wrong number of fields";
            strbuf_printf(&r->why_note, "%zu field%s, the header has %zu", r->rec.nfields,
                          r->rec.nfields == 1 ? "" : "s", r->header_fields);
        } else {
            why = row_fn(r, line);
        }
        if (why) {
            q->rows_rejected++;
            store_reject_note(r->store, r->index, line, why,
                              r->why_note.len ? r->why_note.data : NULL);
        } else {
            q->rows_accepted++;
        }
        if (r->row_unsafe && !why) { /* text of a rejected row goes nowhere */
            strbuf_reset(&r->scratch);
            strbuf_printf(&r->scratch, "%zu character%s", r->row_unsafe,
                          r->row_unsafe == 1 ? "" : "s");
            store_warn_note(r->store, r->index, line,
                            "control characters, Unicode noncharacters or invalid UTF-8 in text "
                            "replaced by U+FFFD",
                            r->scratch.data);
        }
        r->row_unsafe = 0;
    }
    q->sheet = NULL;
    strbuf_clear(&reason);
    return got;
}

/* The readers' warnings (cells a sheet could not give as the profile expects) as data-quality
 * warnings, with the column as a letter. */
static void S_note_cells(reader_t *r)
{
    source_quality_t *q = &r->store->quality[r->index];
    size_t nwarn;
    const rows_warning_t *warns = rows_warnings(r->rows, &nwarn);
    for (size_t i = 0; i < nwarn; i++) {
        strbuf_reset(&r->scratch);
        char col[8] = "";
        size_t c = warns[i].column, k = sizeof col - 1;
        col[k] = '\0';
        while (c && k) { /* 1 → A, 27 → AA */
            col[--k] = (char)('A' + (c - 1) % 26);
            c = (c - 1) / 26;
        }
        strbuf_printf(&r->scratch, "%s%s%s%zu cell%s%s%s", warns[i].column ? "column " : "",
                      col + k, warns[i].column ? "; " : "", warns[i].count,
                      warns[i].count == 1 ? "" : "s", warns[i].note[0] ? ", e.g. " : "",
                      warns[i].note);
        q->sheet = warns[i].sheet;
        store_warn_note(r->store, r->index, warns[i].line, warns[i].reason, r->scratch.data);
        q->sheet = NULL;
    }
}

/* The reader's notes on the file (encoding fallbacks, NUL bytes, a cut gzip, an export the tool
 * cut short or that may have hit ServiceNow's limit) as data-quality warnings. */
static void S_note_file(reader_t *r)
{
    source_quality_t *q = &r->store->quality[r->index];
    store_t *store = r->store;
    size_t index = r->index;
    if (r->truncated) {
        q->sheet = r->rec.sheet;
        store_warn(store, index, r->truncated_line,
                   "the tool stopped the export early (\"Export stopped due to excessive "
                   "size\"): rows are missing; export as CSV for a complete list");
        q->sheet = NULL;
    }
    const csv_notes_t *notes = rows_notes(r->rows);
    if (notes->fallback_bytes) {
        strbuf_reset(&r->scratch);
        strbuf_printf(&r->scratch, "%zu byte%s", notes->fallback_bytes,
                      notes->fallback_bytes == 1 ? "" : "s");
        store_warn_note(
            store, index, notes->fallback_line,
            "not valid UTF-8: read as Windows-1252 (set encoding: cp1252 if that is right)",
            r->scratch.data);
    }
    if (notes->nul_bytes) {
        strbuf_reset(&r->scratch);
        strbuf_printf(&r->scratch, "%zu byte%s", notes->nul_bytes,
                      notes->nul_bytes == 1 ? "" : "s");
        store_warn_note(store, index, notes->nul_line, "NUL bytes read as U+FFFD", r->scratch.data);
    }
    if (notes->bad_utf16) {
        strbuf_reset(&r->scratch);
        strbuf_printf(&r->scratch, "%zu code unit%s", notes->bad_utf16,
                      notes->bad_utf16 == 1 ? "" : "s");
        store_warn_note(store, index, notes->bad_utf16_line,
                        "UTF-16 without its pair (a lone surrogate) read as U+FFFD",
                        r->scratch.data);
    }
    if (notes->encoding && strstr(notes->encoding, "no byte-order mark"))
        store_warn_note(store, index, 1, "read as UTF-16 without a byte-order mark",
                        notes->encoding);
    if (notes->truncated_gzip)
        store_warn(store, index, 0, "the compressed file ends early or is damaged");
    S_note_cells(r);
    if (r->def && r->def->servicenow && q->rows_read == 10000)
        store_warn(store, index, 0,
                   "exactly 10,000 rows: ServiceNow's default export limit may "
                   "have cut this export short");
}

/* The status of the source once read: an empty file, a missing column. */
static status_t S_verdict(reader_t *r, int header_found, const char *missing, diag_t *d)
{
    const cfg_source_t *src = r->src;
    if (r->def && !header_found && !missing) {
        /* not one row, not even a header: an export that failed or was cut to nothing */
        store_warn(r->store, r->index, 0, "empty file: no header and no rows");
        return diag_set(d, ST_DATA, src->file, 0, 0,
                        "the file has no header and no rows; is the "
                        "export complete?");
    }
    if (missing)
        return diag_set(d, ST_DATA, src->file, r->header_line ? r->header_line : 1, 0,
                        "the header has no %s%s%s column%s; every row is rejected",
                        r->def ? "'" : "", missing, r->def ? "'" : "",
                        r->def ? ", which the profile requires" : "");
    return ST_OK;
}

/* Does a header name look like an event log's activity column, or like a time? */
static int S_looks_like(const char *h, size_t len, int activity)
{
    static const char *const act_words[] = {"activity",  "event",   "action",     "task", "step",
                                            "operation", "concept", "transition", NULL};
    static const char *const time_words[] = {"time", "date", "stamp", "when", NULL};
    const char *const *words = activity ? act_words : time_words;
    for (const char *const *w = words; *w; w++) {
        size_t wl = strlen(*w);
        for (size_t i = 0; i + wl <= len; i++)
            if (ascii_ieq(h + i, wl, *w))
                return 1;
    }
    return 0;
}

/*
 * A ticket source read row by row whose ids repeat on most rows, with a column that looks like
 * an activity and one like a time, is most likely an event log read as tickets (each id then
 * keeps one row): one warning saying so.
 */
static void S_event_log_hint(reader_t *r)
{
    const source_quality_t *q = &r->store->quality[r->index];
    if (!r->def || r->def->record != REC_TICKET || r->src->events.set || r->event_log)
        return;
    size_t rows = q->rows_accepted;
    if (rows < 3 || r->dup_rows * 2 <= rows)
        return;
    const rows_record_t *h = rows_header(r->rows);
    int activity = 0, time = 0;
    for (size_t i = 0; h && i < h->nfields; i++) {
        int used = 0;
        for (int f = 0; f < F_COUNT; f++)
            if (r->col[f] == (int)i && f != F_TITLE)
                used = 1; /* a column the profile reads as a ticket field is no activity */
        activity |= !used && S_looks_like(h->fields[i], h->lens[i], 1);
        time |= S_looks_like(h->fields[i], h->lens[i], 0);
    }
    if (!activity || !time)
        return;
    strbuf_reset(&r->scratch);
    strbuf_printf(&r->scratch,
                  "this looks like an event log (%zu rows for %zu ids): see `events` in "
                  "docs/configuration.md",
                  rows, rows - r->dup_rows);
    store_warn(r->store, r->index, 0, r->scratch.data);
}

status_t profile_read_source(const config_t *cfg, size_t index, const tz_t *report_tz, ts_t as_of,
                             store_t *store, diag_t *d)
{
    const cfg_source_t *src = &cfg->sources[index];
    source_quality_t *q = &store->quality[index];
    q->file = src->file_written;
    q->path = src->file;
    q->profile = src->profile;

    reader_t r;
    memset(&r, 0, sizeof r);
    r.cfg = cfg;
    r.src = src;
    r.index = index;
    r.store = store;
    r.as_of = as_of;
    status_t st = ST_OK;
    tz_t *own_tz = NULL;
    r.tz = report_tz;
    if (src->timezone) {
        if ((st = tz_load(src->timezone, &own_tz, d)) != ST_OK)
            return st;
        r.tz = own_tz;
    }
    const char *missing = NULL;
    int header_found = 0;
    if ((st = S_open(&r, d)) != ST_OK || (st = S_pick_profile(&r, d)) != ST_OK ||
        (st = S_find_header(&r, &header_found, &missing, d)) != ST_OK ||
        (st = S_time_formats(&r, header_found, missing, d)) != ST_OK)
        goto done;
    if (S_read_rows(&r, missing) < 0) {
        st = S_rows_failed(&r, d);
        goto done;
    }
    if (r.event_log)
        S_rebuild(&r);
    /* once per ticket, not per row: duplicates merged or replaced are counted once */
    for (size_t i = 0; i < store->ntickets; i++)
        if (!store->tickets[i].service && store->tickets[i].source == index)
            store_warn(store, index, store->tickets[i].line, "ticket with no service");
    S_note_file(&r);
    if (r.elog)
        S_event_rebuild(&r);
    S_event_log_hint(&r);
    st = S_verdict(&r, header_found, missing, d);
    q->sheets = arena_strdup(store->arena, rows_sheets(r.rows));
    q->bytes = rows_bytes(r.rows);
    memcpy(q->sha256, rows_sha256(r.rows), 65);
done:
    if (r.rows && st != ST_OK && q->sha256[0] == '\0') {
        q->bytes = rows_bytes(r.rows);
        memcpy(q->sha256, rows_sha256(r.rows), 65);
    }
    free(r.events);
    eventlog_free(r.elog);
    hashmap_free(r.seen);
    strbuf_clear(&r.scratch);
    strbuf_clear(&r.why_note);
    strbuf_clear(&r.html);
    strbuf_clear(&r.id);
    strbuf_clear(&r.title);
    strbuf_clear(&r.text);
    rows_close(r.rows);
    tz_free(own_tz);
    return st;
}
