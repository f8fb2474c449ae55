/*
 * xes — IEEE 1849 XES event logs (`.xes`, `.xes.gz`) as rows: one row per event, one column per
 * attribute the caller asked for (rows_xes_columns in rows.h), taken from the event, from its
 * trace, or from the event and else its trace. Attributes of every XES type are read (string,
 * date, int, float, boolean, id); a date is handed on as its text (with its offset; the
 * profile drops any fraction), a boolean as TRUE/FALSE, numbers as written. Lists, containers
 * and the attributes nested inside attributes are skipped by their depth, without recursion;
 * `global` defaults are not applied (a missing time stays missing rather than becoming the
 * global's placeholder), and log-level attributes, extensions and classifiers are ignored.
 *
 * Streaming on expat through zipxml.c: the parser stops after each event, so memory holds the
 * values of the attributes asked for, of one trace and one event, never a whole trace. A trace
 * attribute written after the trace's first event applies to the later events only (XES writes
 * them first), with a warning. An event outside any trace is a row without trace attributes.
 */
#include <stdlib.h>
#include <string.h>

#include "input/sheet.h"
#include "input/zipxml.h"

/* The value of one attribute asked for, in the trace or in the event being read. */
typedef struct value {
    strbuf_t text;
    int set;
    unsigned char type; /* rows_cell_t */
    int64_t number;     /* a boolean's 0 or 1 */
} value_t;

typedef struct xes {
    sheet_xml_t xml; /* first: the log's stream (sheet_xml_bytes) */
    arena_t *arena;  /* the names, the keys and the two value arrays */
    char *path, *display;
    rows_xes_key_t *keys; /* copied; their names too */
    size_t nkeys;
    sheet_warnings_t *warn;
    int sheet_given; /* next_sheet has named the log */
    int ended;
    size_t depth;       /* of the element being read (the root is 1) */
    size_t trace_depth; /* the open <trace>'s depth, 0 outside one */
    size_t event_depth; /* the open <event>'s depth, 0 outside one */
    size_t trace_events;
    value_t *trace, *event; /* nkeys each */
    sheet_row_t row;
    int row_ready;
    size_t event_line;
} xes_t;

/* The XES type of an attribute element, as a cell type; -1 for other elements. */
static int S_attr_type(const char *local)
{
    if (!strcmp(local, "string") || !strcmp(local, "id") || !strcmp(local, "date"))
        return ROWS_CELL_TEXT;
    if (!strcmp(local, "int") || !strcmp(local, "float"))
        return ROWS_CELL_NUMBER;
    if (!strcmp(local, "boolean"))
        return ROWS_CELL_BOOL;
    return -1;
}

/* An attribute element of the trace (in_event 0) or of the event (1): kept when asked for. */
static void S_attribute(xes_t *x, int in_event, int type, const char **attrs)
{
    const char *key = xml_attr(attrs, NULL, "key");
    const char *val = xml_attr(attrs, NULL, "value");
    if (!key || !val)
        return;
    value_t *vals = in_event ? x->event : x->trace;
    for (size_t k = 0; k < x->nkeys; k++) {
        if (strcmp(x->keys[k].key, key) != 0)
            continue;
        if (x->keys[k].scope == ROWS_XES_TRACE && in_event)
            continue;
        if (x->keys[k].scope == ROWS_XES_EVENT && !in_event)
            continue;
        if (!in_event && x->trace_events)
            sheet_warn(x->warn,
                       "a trace attribute after the trace's first event (it applies to the "
                       "later events only)",
                       xmlstream_line(x->xml.xs), 0, NULL, key);
        value_t *v = &vals[k];
        size_t len = strlen(val);
        const char *p = val;
        if (type != ROWS_CELL_TEXT)
            ascii_trim(&p, &len);
        strbuf_reset(&v->text);
        v->set = 1;
        v->type = (unsigned char)type;
        v->number = 0;
        if (type == ROWS_CELL_BOOL) {
            /* xs:boolean: true, false, 1, 0 */
            if (ascii_ieq(p, len, "true") || ascii_ieq(p, len, "1"))
                v->number = 1, strbuf_puts(&v->text, "TRUE");
            else if (ascii_ieq(p, len, "false") || ascii_ieq(p, len, "0"))
                strbuf_puts(&v->text, "FALSE");
            else
                v->type = ROWS_CELL_TEXT, strbuf_append(&v->text, p, len);
        } else {
            strbuf_append(&v->text, p, len);
        }
    }
}

static void S_clear(value_t *vals, size_t n)
{
    for (size_t k = 0; k < n; k++)
        vals[k].set = 0;
}

static void S_start(void *ctx, const char *name, const char **attrs)
{
    xes_t *x = ctx;
    x->depth++;
    const char *local = xml_local(name);
    if (x->depth == 1) {
        if (strcmp(local, "log") != 0) {
            xmlstream_fail(x->xml.xs, 0, 0, "the root element is <%s>, not an XES <log>", local);
        }
        return;
    }
    if (x->depth == 2 && !strcmp(local, "trace")) {
        x->trace_depth = 2;
        x->trace_events = 0;
        S_clear(x->trace, x->nkeys);
        return;
    }
    if (!strcmp(local, "event") && !x->event_depth &&
        ((x->trace_depth && x->depth == x->trace_depth + 1) ||
         (!x->trace_depth && x->depth == 2))) {
        x->event_depth = x->depth;
        x->event_line = xmlstream_line(x->xml.xs);
        S_clear(x->event, x->nkeys);
        return;
    }
    int type = S_attr_type(local);
    if (type < 0)
        return;
    /* only the attributes right under an event or a trace: nested ones are meta-attributes */
    if (x->event_depth && x->depth == x->event_depth + 1)
        S_attribute(x, 1, type, attrs);
    else if (!x->event_depth && x->trace_depth && x->depth == x->trace_depth + 1)
        S_attribute(x, 0, type, attrs);
}

/* The row of the event just ended: each column from the event, the trace, or either. */
static void S_make_row(xes_t *x)
{
    sheet_row_reset(&x->row, x->event_line);
    for (size_t k = 0; k < x->nkeys; k++) {
        const value_t *v = NULL;
        if (x->keys[k].scope != ROWS_XES_TRACE && x->event[k].set)
            v = &x->event[k];
        else if (x->keys[k].scope != ROWS_XES_EVENT && x->trace[k].set)
            v = &x->trace[k];
        if (!v)
            continue;
        sheet_row_set(&x->row, k, (rows_cell_t)v->type, strbuf_cstr(&v->text), v->text.len,
                      v->number);
    }
    x->row_ready = 1;
}

static void S_end(void *ctx, const char *name)
{
    xes_t *x = ctx;
    (void)name;
    if (x->event_depth && x->depth == x->event_depth) {
        x->event_depth = 0;
        if (x->trace_depth)
            x->trace_events++;
        S_make_row(x);
        xmlstream_pause(x->xml.xs); /* one event at a time */
    } else if (x->trace_depth && x->depth == x->trace_depth) {
        x->trace_depth = 0;
    }
    x->depth--;
}

static status_t S_open_stream(xes_t *x, diag_t *d)
{
    xml_handlers_t h = {x, S_start, S_end, NULL};
    x->depth = x->trace_depth = x->event_depth = 0;
    x->trace_events = 0;
    x->ended = 0;
    x->row_ready = 0;
    S_clear(x->trace, x->nkeys);
    S_clear(x->event, x->nkeys);
    return xmlstream_open_file(x->path, x->display, 0, &h, &x->xml.xs, d);
}

static int S_next_sheet(void *impl, const char **name, diag_t *d)
{
    xes_t *x = impl;
    (void)d;
    if (x->sheet_given)
        return 0;
    x->sheet_given = 1;
    *name = "log";
    return 1;
}

static int S_next_row(void *impl, rows_record_t *rec, diag_t *d)
{
    xes_t *x = impl;
    if (x->ended)
        return 0;
    x->row_ready = 0;
    int rc = xmlstream_run(x->xml.xs, d);
    if (rc < 0)
        return -1;
    if (x->row_ready) {
        sheet_row_finish(&x->row, rec);
        return 1;
    }
    x->ended = 1;
    return 0;
}

static status_t S_rewind(void *impl, diag_t *d)
{
    xes_t *x = impl;
    sheet_xml_end(&x->xml);
    x->sheet_given = 0;
    return S_open_stream(x, d);
}

static void S_close(void *impl)
{
    xes_t *x = impl;
    if (!x)
        return;
    xmlstream_close(x->xml.xs);
    for (size_t k = 0; k < x->nkeys; k++) {
        strbuf_clear(&x->trace[k].text);
        strbuf_clear(&x->event[k].text);
    }
    arena_free(x->arena);
    sheet_row_free(&x->row);
    free(x);
}

/* The reader as rows.c drives it (the order of sheet_reader_t's members; impl set on opening). */
static const sheet_reader_t S_reader = {
    NULL, S_next_sheet, S_next_row, S_rewind, NULL, sheet_xml_bytes, S_close,
};

status_t xes_open(const char *path, const char *display, const rows_xes_key_t *keys, size_t nkeys,
                  sheet_warnings_t *w, sheet_reader_t *out, diag_t *d)
{
    memset(out, 0, sizeof *out);
    xes_t *x = xcalloc(1, sizeof *x);
    x->arena = arena_new();
    x->path = arena_strdup(x->arena, path);
    x->display = arena_strdup(x->arena, display);
    x->warn = w;
    x->nkeys = nkeys;
    x->keys = arena_alloc(x->arena, (nkeys ? nkeys : 1) * sizeof *x->keys);
    x->trace = arena_alloc(x->arena, (nkeys ? nkeys : 1) * sizeof *x->trace);
    x->event = arena_alloc(x->arena, (nkeys ? nkeys : 1) * sizeof *x->event);
    for (size_t k = 0; k < nkeys; k++) {
        x->keys[k].key = arena_strdup(x->arena, keys[k].key);
        x->keys[k].scope = keys[k].scope;
    }
    status_t st = S_open_stream(x, d);
    if (st != ST_OK) {
        S_close(x);
        return st;
    }
    *out = S_reader;
    out->impl = x;
    return ST_OK;
}
