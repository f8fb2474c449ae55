/*
 * ods — OpenDocument spreadsheets (.ods), streamed from content.xml, where every sheet is a
 * <table:table> in order. The parser pauses at each sheet's start and end and at the end of each
 * non-empty row; a row repeated N times (table:number-rows-repeated) is handed out N times from
 * one parse, and repeated empty rows and cells only move the row and column counters, so the
 * million empty rows LibreOffice writes after the data cost nothing. Cells: office:value-type
 * (float, percentage, currency, date, time, boolean, string), their office:*-value attributes,
 * the text of text:p paragraphs (with text:s, text:tab, text:line-break and spans); annotations
 * and the hidden content of covered (merged) cells are ignored. It does not evaluate formulas:
 * a formula cell is the value LibreOffice stored.
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "input/sheet.h"
#include "input/timeparse.h"
#include "input/zipxml.h"

#define NS_TABLE "urn:oasis:names:tc:opendocument:xmlns:table:"
#define NS_OFFICE "urn:oasis:names:tc:opendocument:xmlns:office:"
#define NS_TEXT "urn:oasis:names:tc:opendocument:xmlns:text:"
#define NS_CALCEXT "urn:org:documentfoundation:names:experimental:calc:xmlns:calcext:"

enum { V_NONE, V_FLOAT, V_PERCENT, V_DATE, V_TIME, V_BOOL, V_STRING, V_ERROR };

typedef struct ods {
    sheet_xml_t xml; /* first: the stream of content.xml (sheet_xml_bytes) */
    zipxml_t *z;
    sheet_warnings_t *w;
    size_t nsheets; /* from a scan of content.xml */
    char **names;   /* of the sheets begun so far */
    size_t nnames, capnames;
    /* where the parse of content.xml is: zeroed when it starts (again) */
    struct ods_pass {
        size_t cur;   /* sheets handed out */
        size_t begun; /* top-level tables whose start was parsed */
        size_t ended; /* … whose end was parsed */
        int eof;
        int depth;     /* nesting of table:table */
        int skipping;  /* rows of the table being passed over */
        size_t row_no; /* rows of the current table so far (1-based number of the last) */
        int in_row, in_cell, covered, annotation, in_p, paragraphs;
        size_t row_repeat, col, col_repeat;
        int vtype;
        int text_long;
        int row_ready;
        size_t repeat_left; /* times the ready row is still to be handed out */
    } pass;
    strbuf_t value; /* office:value, date-value, time-value or boolean-value */
    strbuf_t strval;
    strbuf_t text;
    sheet_row_t row;
} ods_t;

static const char *S_label(const ods_t *o)
{
    return o->nsheets > 1 && o->pass.cur ? o->names[o->pass.cur - 1] : NULL;
}

/* A non-negative count attribute, saturating at `cap`; 1 when absent or invalid. */
static size_t S_count(const char *s, size_t cap)
{
    if (!s || !*s)
        return 1;
    size_t v = 0;
    for (; *s; s++) {
        if (*s < '0' || *s > '9')
            return 1;
        v = v * 10 + (size_t)(*s - '0');
        if (v > cap)
            v = cap;
    }
    return v ? v : 1;
}

static void S_fail_place(ods_t *o, size_t row, size_t col, const char *what)
{
    const char *l = S_label(o);
    xmlstream_fail(o->xml.xs, row, col, "%s%s%s%s", l ? "sheet '" : "", l ? l : "", l ? "': " : "",
                   what);
}

/* A top-level table begins: a sheet, named, passed over until next_sheet takes it. */
static void S_table_start(ods_t *o, const char **attrs)
{
    const char *tn = xml_attr(attrs, NS_TABLE, "name");
    xgrow((void **)&o->names, &o->capnames, o->nnames + 1, sizeof *o->names);
    o->names[o->nnames++] = xstrdup(tn ? tn : "");
    o->pass.begun++;
    o->pass.row_no = 0;
    o->pass.skipping = 1; /* until next_sheet takes it */
    xmlstream_pause(o->xml.xs);
}

/* An element inside a cell: an annotation (ignored with all it holds), a paragraph, or the
 * spaces, tabs and line breaks of one. */
static void S_in_cell_start(ods_t *o, const char *name, const char **attrs)
{
    if (o->pass.covered)
        return;
    if (xml_is(name, NS_OFFICE, "annotation")) {
        o->pass.annotation++;
    } else if (o->pass.annotation) {
        return;
    } else if (xml_is(name, NS_TEXT, "p") || xml_is(name, NS_TEXT, "h")) {
        if (o->pass.paragraphs++)
            strbuf_putc(&o->text, '\n');
        o->pass.in_p++;
    } else if (o->pass.in_p && xml_is(name, NS_TEXT, "s")) {
        size_t n = S_count(xml_attr(attrs, NS_TEXT, "c"), 1024);
        for (size_t i = 0; i < n && o->text.len <= CSV_MAX_FIELD; i++)
            strbuf_putc(&o->text, ' ');
    } else if (o->pass.in_p && xml_is(name, NS_TEXT, "tab")) {
        strbuf_putc(&o->text, '\t');
    } else if (o->pass.in_p && xml_is(name, NS_TEXT, "line-break")) {
        strbuf_putc(&o->text, '\n');
    }
}

/* A cell's value type and the attribute holding its value, kept for the cell's end. */
static void S_cell_value_start(ods_t *o, const char **attrs)
{
    const char *vt = xml_attr(attrs, NS_OFFICE, "value-type");
    const char *ct = xml_attr(attrs, NS_CALCEXT, "value-type");
    const char *v = NULL;
    if (ct && !strcmp(ct, "error")) {
        o->pass.vtype = V_ERROR;
    } else if (vt) {
        if (!strcmp(vt, "float") || !strcmp(vt, "currency"))
            o->pass.vtype = V_FLOAT, v = xml_attr(attrs, NS_OFFICE, "value");
        else if (!strcmp(vt, "percentage"))
            o->pass.vtype = V_PERCENT, v = xml_attr(attrs, NS_OFFICE, "value");
        else if (!strcmp(vt, "date"))
            o->pass.vtype = V_DATE, v = xml_attr(attrs, NS_OFFICE, "date-value");
        else if (!strcmp(vt, "time"))
            o->pass.vtype = V_TIME, v = xml_attr(attrs, NS_OFFICE, "time-value");
        else if (!strcmp(vt, "boolean"))
            o->pass.vtype = V_BOOL, v = xml_attr(attrs, NS_OFFICE, "boolean-value");
        else
            o->pass.vtype = V_STRING;
    }
    if (v)
        strbuf_puts(&o->value, v);
    const char *sv = xml_attr(attrs, NS_OFFICE, "string-value");
    if (sv)
        strbuf_puts(&o->strval, sv);
}

/* A table-cell or covered-table-cell begins: its repeat count, then its value unless covered. */
static void S_cell_start(ods_t *o, const char *name, const char **attrs)
{
    o->pass.in_cell = 1;
    o->pass.covered = xml_is(name, NS_TABLE, "covered-table-cell");
    o->pass.col_repeat =
        S_count(xml_attr(attrs, NS_TABLE, "number-columns-repeated"), SHEET_MAX_COLS + 1);
    o->pass.annotation = o->pass.in_p = o->pass.paragraphs = 0;
    o->pass.text_long = 0;
    strbuf_reset(&o->text);
    strbuf_reset(&o->value);
    strbuf_reset(&o->strval);
    o->pass.vtype = V_NONE;
    if (!o->pass.covered)
        S_cell_value_start(o, attrs);
}

static void S_start(void *ctx, const char *name, const char **attrs)
{
    ods_t *o = ctx;
    if (xml_is(name, NS_TABLE, "table")) {
        if (o->pass.depth++ == 0)
            S_table_start(o, attrs);
        return;
    }
    if (o->pass.depth != 1 || o->pass.skipping)
        return;
    if (o->pass.in_cell) {
        S_in_cell_start(o, name, attrs);
        return;
    }
    if (o->pass.in_row &&
        (xml_is(name, NS_TABLE, "table-cell") || xml_is(name, NS_TABLE, "covered-table-cell"))) {
        S_cell_start(o, name, attrs);
    } else if (xml_is(name, NS_TABLE, "table-row")) {
        o->pass.in_row = 1;
        o->pass.row_repeat =
            S_count(xml_attr(attrs, NS_TABLE, "number-rows-repeated"), SHEET_MAX_ROWS + 1);
        o->pass.col = 0;
        sheet_row_reset(&o->row, o->pass.row_no + 1);
    }
}

/* "PT26H30M00.5S", "-PT1H", "P1DT2H": seconds, rounded; -1 when not a duration of days and
 * time (years and months have no fixed length). */
static int S_duration(const char *s, int64_t *out)
{
    int neg = 0;
    if (*s == '-')
        neg = 1, s++;
    if (*s++ != 'P')
        return -1;
    double total = 0;
    int in_time = 0, any = 0;
    while (*s) {
        if (*s == 'T') {
            in_time = 1;
            s++;
            continue;
        }
        char *end;
        errno = 0;
        double v = strtod(s, &end);
        if (end == s || errno || !isfinite(v) || v < 0)
            return -1;
        s = end;
        char u = *s++;
        if (u == 'D' && !in_time)
            total += v * 86400;
        else if (u == 'H' && in_time)
            total += v * 3600;
        else if (u == 'M' && in_time)
            total += v * 60;
        else if (u == 'S' && in_time)
            total += v;
        else
            return -1;
        any = 1;
    }
    if (!any || total > 1e15)
        return -1;
    *out = (neg ? -1 : 1) * llround(total);
    return 0;
}

/* "2026-10-05T10:30:15.6" → local seconds, rounded to the nearest second; -1 when it is no
 * date, 1 when it carries a zone (then it is left to the profile as text: a wall-clock value
 * cannot say which instant it is). */
static int S_date(const char *s, int64_t *out)
{
    parsed_time_t pt;
    size_t len = strlen(s);
    if (timeparse_canonical(s, len, &pt) != 0)
        return -1;
    if (pt.has_offset)
        return 1;
    const char *t = strchr(s, 'T');
    const char *dot = t ? strchr(t, '.') : NULL;
    if (dot && dot[1] >= '5' && dot[1] <= '9')
        pt.seconds++; /* timeparse drops fractions; a cell value rounds */
    *out = pt.seconds;
    return 0;
}

/* The cell just closed, as its value type says: its type, text (*txt, *len: its paragraphs'
 * text on entry) and value. A value its type cannot read leaves the cell its text, if any. */
static rows_cell_t S_cell_typed(ods_t *o, const char **txt, size_t *len, int64_t *value,
                                char buf[40])
{
    const char *v = strbuf_cstr(&o->value);
    switch (o->pass.vtype) {
    case V_ERROR:
        *len = 0;
        return ROWS_CELL_ERROR;
    case V_FLOAT:
    case V_PERCENT: {
        double num;
        if (sheet_parse_number(v, strlen(v), &num) != 0 || !isfinite(num))
            break;
        if (o->pass.vtype == V_PERCENT)
            sheet_number_text(num * 100, 15, buf);
        else
            sheet_number_text(num, 17, buf);
        *txt = buf;
        *len = strlen(buf);
        return ROWS_CELL_NUMBER;
    }
    case V_DATE: {
        int rc = *v ? S_date(v, value) : -1;
        if (rc == 0) {
            *txt = sheet_datetime_text(*value, buf);
            *len = strlen(buf);
            return ROWS_CELL_DATETIME;
        }
        if (rc == 1) {
            *txt = v;
            *len = strlen(v);
            return ROWS_CELL_TEXT;
        }
        break;
    }
    case V_TIME:
        if (!*v || S_duration(v, value) != 0)
            break;
        *txt = sheet_duration_text(*value, buf);
        *len = strlen(buf);
        return ROWS_CELL_DURATION;
    case V_BOOL:
        if (strcmp(v, "true") != 0 && strcmp(v, "false") != 0)
            break;
        *value = v[0] == 't';
        *txt = *value ? "TRUE" : "FALSE";
        *len = strlen(*txt);
        return ROWS_CELL_BOOL;
    default:
        if (!*len && o->strval.len) {
            *txt = o->strval.data;
            *len = o->strval.len;
        }
        break;
    }
    return *len ? ROWS_CELL_TEXT : ROWS_CELL_EMPTY;
}

static void S_cell_end(ods_t *o)
{
    o->pass.in_cell = 0;
    size_t n = o->pass.col_repeat;
    size_t col = o->pass.col;
    o->pass.col = col + n > SHEET_MAX_COLS + 1 ? SHEET_MAX_COLS + 1 : col + n;
    if (o->pass.covered)
        return;
    const char *txt = o->text.data ? o->text.data : "";
    size_t len = o->text.len;
    int64_t value = 0;
    char buf[40];
    rows_cell_t type = S_cell_typed(o, &txt, &len, &value, buf);
    if (type == ROWS_CELL_EMPTY)
        return; /* repeated empty cells cost nothing */
    if (col + n > SHEET_MAX_COLS) {
        S_fail_place(o, o->row.row, SHEET_MAX_COLS + 1,
                     "a cell beyond column 16,384, the most a sheet has");
        return;
    }
    if (o->pass.text_long)
        o->row.too_long = 1;
    for (size_t k = 0; k < n; k++) {
        sheet_row_set(&o->row, col + k, type, txt, len, value);
        if (type == ROWS_CELL_ERROR)
            sheet_warn(o->w, "error cell (#N/A, #VALUE!, …) read as empty", o->row.row, col + k + 1,
                       S_label(o), o->text.data ? o->text.data : "");
    }
}

static void S_end(void *ctx, const char *name)
{
    ods_t *o = ctx;
    if (xml_is(name, NS_TABLE, "table")) {
        if (o->pass.depth > 0 && --o->pass.depth == 0) {
            o->pass.ended++;
            o->pass.in_row = o->pass.in_cell = 0;
            xmlstream_pause(o->xml.xs);
        }
        return;
    }
    if (o->pass.depth != 1 || o->pass.skipping)
        return;
    if (o->pass.in_cell) {
        if (xml_is(name, NS_TABLE, "table-cell") || xml_is(name, NS_TABLE, "covered-table-cell")) {
            S_cell_end(o);
        } else if (o->pass.covered) {
            return;
        } else if (xml_is(name, NS_OFFICE, "annotation")) {
            if (o->pass.annotation)
                o->pass.annotation--;
        } else if (!o->pass.annotation &&
                   (xml_is(name, NS_TEXT, "p") || xml_is(name, NS_TEXT, "h"))) {
            if (o->pass.in_p)
                o->pass.in_p--;
        }
        return;
    }
    if (o->pass.in_row && xml_is(name, NS_TABLE, "table-row")) {
        o->pass.in_row = 0;
        size_t first = o->pass.row_no + 1;
        o->pass.row_no = o->pass.row_no + o->pass.row_repeat > SHEET_MAX_ROWS + 1
                             ? SHEET_MAX_ROWS + 1
                             : o->pass.row_no + o->pass.row_repeat;
        if (!o->row.nonempty)
            return;
        if (first + o->pass.row_repeat - 1 > SHEET_MAX_ROWS) {
            S_fail_place(o, SHEET_MAX_ROWS + 1, 0,
                         "more than 1,048,576 rows, the most a sheet has");
            return;
        }
        o->row.row = first;
        o->pass.row_ready = 1;
        o->pass.repeat_left = o->pass.row_repeat;
        xmlstream_pause(o->xml.xs);
    }
}

static void S_text(void *ctx, const char *s, int len)
{
    ods_t *o = ctx;
    if (!o->pass.in_cell || !o->pass.in_p || o->pass.annotation || o->pass.covered ||
        o->pass.skipping || o->pass.depth != 1)
        return;
    if (o->text.len + (size_t)len > CSV_MAX_FIELD + 1) {
        o->pass.text_long = 1;
        len = (int)(CSV_MAX_FIELD + 1 - o->text.len);
        if (len <= 0)
            return;
    }
    strbuf_append(&o->text, s, (size_t)len);
}

/* ---- the reader interface ---- */

static status_t S_open_stream(ods_t *o, diag_t *d)
{
    xml_handlers_t h = {o, S_start, S_end, S_text};
    memset(&o->pass, 0, sizeof o->pass);
    for (size_t i = 0; i < o->nnames; i++)
        free(o->names[i]);
    o->nnames = 0;
    return xmlstream_open_member(o->z, "content.xml", XMLSTREAM_NS, &h, &o->xml.xs, d);
}

/* Parses on: 1 after a pause, 0 at the end of the document, -1 on an error. */
static int S_run(ods_t *o, diag_t *d)
{
    if (o->pass.eof)
        return 0;
    int rc = xmlstream_run(o->xml.xs, d);
    if (rc == 0)
        o->pass.eof = 1;
    return rc;
}

static int S_next_sheet(void *impl, const char **name, diag_t *d)
{
    ods_t *o = impl;
    o->pass.skipping = 1;
    o->pass.row_ready = 0;
    o->pass.repeat_left = 0;
    while (o->pass.begun <= o->pass.cur) {
        int rc = S_run(o, d);
        if (rc < 0)
            return -1;
        if (rc == 0)
            return 0;
    }
    o->pass.cur = o->pass.begun;
    o->pass.skipping = 0;
    *name = o->names[o->pass.cur - 1];
    return 1;
}

static int S_next_row(void *impl, rows_record_t *rec, diag_t *d)
{
    ods_t *o = impl;
    if (!o->pass.cur)
        return 0;
    for (;;) {
        if (o->pass.repeat_left) {
            sheet_row_finish(&o->row, rec);
            rec->sheet = S_label(o);
            o->row.row++;
            if (--o->pass.repeat_left == 0)
                o->pass.row_ready = 0;
            return 1;
        }
        if (o->pass.ended >= o->pass.cur)
            return 0;
        int rc = S_run(o, d);
        if (rc < 0)
            return -1;
        if (rc == 0 && !o->pass.repeat_left)
            return 0;
    }
}

static status_t S_rewind(void *impl, diag_t *d)
{
    ods_t *o = impl;
    sheet_xml_end(&o->xml);
    return S_open_stream(o, d);
}

static size_t S_sheet_count(void *impl)
{
    ods_t *o = impl;
    return o->nsheets > o->pass.begun ? o->nsheets : o->pass.begun;
}

static void S_close(void *impl)
{
    ods_t *o = impl;
    if (!o)
        return;
    xmlstream_close(o->xml.xs);
    for (size_t i = 0; i < o->nnames; i++)
        free(o->names[i]);
    free(o->names);
    strbuf_clear(&o->value);
    strbuf_clear(&o->strval);
    strbuf_clear(&o->text);
    sheet_row_free(&o->row);
    zipxml_close(o->z);
    free(o);
}

/* Counts "<table:table" start tags in the raw bytes, to know before parsing whether the
 * workbook has several sheets (a tag may straddle two chunks: the last bytes are kept). */
typedef struct count_ctx {
    size_t n;
    char tail[16];
    size_t ntail;
} count_ctx_t;

static const char TABLE_TAG[] = "<table:table";
#define TABLE_TAG_LEN (sizeof TABLE_TAG - 1)

static int S_tag_at(const char *p, size_t avail)
{
    return avail > TABLE_TAG_LEN && !memcmp(p, TABLE_TAG, TABLE_TAG_LEN) &&
           (p[TABLE_TAG_LEN] == ' ' || p[TABLE_TAG_LEN] == '>' || p[TABLE_TAG_LEN] == '/' ||
            p[TABLE_TAG_LEN] == '\n' || p[TABLE_TAG_LEN] == '\t' || p[TABLE_TAG_LEN] == '\r');
}

static int S_count_tables(void *ctx, const char *buf, size_t n)
{
    count_ctx_t *c = ctx;
    char joint[2 * TABLE_TAG_LEN + 2];
    size_t head = n < TABLE_TAG_LEN + 1 ? n : TABLE_TAG_LEN + 1;
    memcpy(joint, c->tail, c->ntail);
    memcpy(joint + c->ntail, buf, head);
    for (size_t i = 0; i < c->ntail; i++) /* tags that begin in the previous chunk */
        if (S_tag_at(joint + i, c->ntail + head - i))
            c->n++;
    for (size_t i = 0; i < n; i++) {
        const char *p = memchr(buf + i, '<', n - i);
        if (!p)
            break;
        i = (size_t)(p - buf);
        if (S_tag_at(p, n - i))
            c->n++;
    }
    c->ntail = n < TABLE_TAG_LEN ? n : TABLE_TAG_LEN;
    memcpy(c->tail, buf + n - c->ntail, c->ntail);
    return 0;
}

/* The reader as rows.c drives it (the order of sheet_reader_t's members; impl set on opening). */
static const sheet_reader_t S_reader = {
    NULL, S_next_sheet, S_next_row, S_rewind, S_sheet_count, sheet_xml_bytes, S_close,
};

status_t ods_open(zipxml_t *z, sheet_warnings_t *w, sheet_reader_t *out, diag_t *d)
{
    ods_t *o = xcalloc(1, sizeof *o);
    o->z = z;
    o->w = w;
    count_ctx_t cc = {0};
    status_t st = zipxml_scan(z, "content.xml", S_count_tables, &cc, d);
    if (st == ST_OK) {
        o->nsheets = cc.n;
        st = S_open_stream(o, d);
    }
    if (st != ST_OK) {
        S_close(o);
        return st;
    }
    *out = S_reader;
    out->impl = o;
    return ST_OK;
}
