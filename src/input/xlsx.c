/*
 * xlsx — Office Open XML workbooks (.xlsx), streamed. Opening reads the small parts whole-ly
 * through expat callbacks: the workbook's relationships (which part is which sheet: never the
 * numeric sheetId), the workbook (sheet order and names, the 1904 date system), the styles (which
 * cell formats are dates, durations or percentages) and the shared strings, the one part held
 * in memory (bounded at 10 million strings). A sheet is then parsed one row at a time: the
 * parser pauses at the end of each non-empty row, so memory holds one row, never the sheet.
 * It does not read formulas (a formula cell is its cached value), charts or comments.
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "input/sheet.h"
#include "input/timeparse.h"
#include "input/zipxml.h"

#define XLSX_MAX_SHARED_STRINGS 10000000u
#define XLSX_MAX_STYLES 1000000u
#define XLSX_MAX_SHEETS 4096u
#define SMALL_PART ((size_t)64 << 20) /* rels and workbook parts */

/* The strings of both are in the reader's arena. */
typedef struct xlsx_sheet {
    const char *name;
    const char *part; /* the sheet's part, resolved from the relationships */
} xlsx_sheet_t;

typedef struct rel {
    const char *id, *type, *target;
} rel_t;

typedef struct xlsx {
    sheet_xml_t xml; /* first: the current sheet's stream (sheet_xml_bytes) */
    zipxml_t *z;
    sheet_warnings_t *w;
    arena_t *arena; /* what the reader keeps until it is closed: the relationships, the sheets
                     * and their names and parts, the shared-string offsets, the format kinds */
    int date1904;
    /* shared strings: NUL-separated in one buffer */
    strbuf_t sst;
    size_t *sst_off;
    size_t nsst, capsst;
    /* styles: the class of each cell format (cellXfs index) */
    unsigned char *xf_kind;
    size_t nxf;
    xlsx_sheet_t *sheets;
    size_t nsheets, capsheets;
    size_t cur; /* sheets begun so far (the current is cur - 1) */
    /* the current sheet */
    sheet_row_t row;
    int row_ready, sheet_done;
    size_t last_row; /* the previous row's number */
    size_t next_col; /* 0-based column of a cell without `r` */
    int in_sheetdata, in_row, in_cell, in_v, in_is, in_t, rph;
    size_t cell_col;
    char cell_type; /* 's' shared, 'i' inline, 'S' formula string, 'b', 'e', 'd', 'n' */
    long cell_style;
    int val_long;
    /* parsing the small parts */
    rel_t *rels;
    size_t nrels, caprels;
    long *xf_fmt; /* numFmtId of each cellXfs entry, resolved at the end */
    size_t capxf;
    struct numfmt {
        long id;
        unsigned char kind;
    } * numfmts;
    size_t nnumfmts, capnumfmts;
    int in_cellxfs, in_si;
    strbuf_t text;
    const char *part; /* the part being parsed, for messages */
} xlsx_t;

static const char *S_sheet_label(const xlsx_t *x)
{
    return x->nsheets > 1 && x->cur ? x->sheets[x->cur - 1].name : NULL;
}

/* Decodes OOXML's _xHHHH_ escapes in place (Excel writes control characters so); returns the
 * new length. "_x005F_" is a literal underscore. */
static size_t S_unescape(char *s, size_t len)
{
    if (!memchr(s, '_', len))
        return len;
    size_t o = 0;
    for (size_t i = 0; i < len;) {
        if (s[i] == '_' && i + 6 < len && s[i + 1] == 'x' && s[i + 6] == '_') {
            unsigned cp = 0;
            int ok = 1;
            for (int k = 2; k < 6 && ok; k++) {
                char c = s[i + k];
                cp = cp * 16 + (unsigned)(c >= '0' && c <= '9'   ? c - '0'
                                          : c >= 'a' && c <= 'f' ? c - 'a' + 10
                                          : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                                                 : (ok = 0));
            }
            if (ok && !(cp >= 0xD800 && cp < 0xE000)) {
                o += sheet_utf8_bmp(cp, s + o); /* at most 3 bytes for the escape's 7 */
                i += 7;
                continue;
            }
        }
        s[o++] = s[i++];
    }
    s[o] = '\0';
    return o;
}

/* Parses a whole small part through the handlers. */
static status_t S_parse_part(xlsx_t *x, const char *part, const xml_handlers_t *h, diag_t *d)
{
    xmlstream_t *s = NULL;
    status_t st = xmlstream_open_member(x->z, part, XMLSTREAM_FAST, h, &s, d);
    if (st != ST_OK)
        return st;
    x->part = part;
    int rc;
    while ((rc = xmlstream_run(s, d)) == 1)
        ;
    xmlstream_close(s);
    x->xml.xs = NULL;
    return rc < 0 ? d->status : ST_OK;
}

/* ---- relationships ---- */

static void S_rels_start(void *ctx, const char *name, const char **attrs)
{
    xlsx_t *x = ctx;
    if (strcmp(xml_local(name), "Relationship") != 0)
        return;
    const char *id = xml_attr(attrs, NULL, "Id"), *type = xml_attr(attrs, NULL, "Type");
    const char *target = xml_attr(attrs, NULL, "Target");
    if (!id || !type || !target || x->nrels >= 100000)
        return;
    rel_t *r = arena_push(x->arena, (void **)&x->rels, &x->nrels, &x->caprels, sizeof *r);
    r->id = arena_strdup(x->arena, id);
    r->type = arena_strdup(x->arena, type);
    r->target = arena_strdup(x->arena, target);
}

static const rel_t *S_rel(const xlsx_t *x, const char *id)
{
    for (size_t i = 0; i < x->nrels; i++)
        if (!strcmp(x->rels[i].id, id))
            return &x->rels[i];
    return NULL;
}

static int S_type_is(const char *type, const char *what)
{
    size_t lt = strlen(type), lw = strlen(what);
    return lt > lw && type[lt - lw - 1] == '/' && !strcmp(type + lt - lw, what);
}

/* A target relative to xl/ (or absolute) → the member's name, in the reader's arena. */
static const char *S_resolve(xlsx_t *x, const char *target)
{
    strbuf_t sb = {0};
    if (target[0] == '/')
        strbuf_puts(&sb, target + 1);
    else {
        strbuf_puts(&sb, "xl/");
        while (!strncmp(target, "../", 3)) {
            /* up from xl/: the package root */
            strbuf_reset(&sb);
            target += 3;
        }
        strbuf_puts(&sb, target);
    }
    const char *name = arena_strndup(x->arena, sb.data ? sb.data : "", sb.len);
    strbuf_clear(&sb);
    return name;
}

/* ---- workbook ---- */

static void S_wb_start(void *ctx, const char *name, const char **attrs)
{
    xlsx_t *x = ctx;
    const char *l = xml_local(name);
    if (!strcmp(l, "workbookPr")) {
        const char *v = xml_attr(attrs, NULL, "date1904");
        x->date1904 = v && (!strcmp(v, "1") || !strcmp(v, "true"));
    } else if (!strcmp(l, "sheet")) {
        const char *sname = xml_attr(attrs, NULL, "name"), *rid = xml_attr(attrs, NULL, "id");
        const rel_t *r = rid ? S_rel(x, rid) : NULL;
        if (!sname || !r || !S_type_is(r->type, "worksheet") || x->nsheets >= XLSX_MAX_SHEETS)
            return; /* chart sheets, dialog sheets: no rows */
        xlsx_sheet_t *s =
            arena_push(x->arena, (void **)&x->sheets, &x->nsheets, &x->capsheets, sizeof *s);
        s->name = arena_strdup(x->arena, sname);
        s->part = S_resolve(x, r->target);
    }
}

/* ---- styles ---- */

static void S_styles_start(void *ctx, const char *name, const char **attrs)
{
    xlsx_t *x = ctx;
    const char *l = xml_local(name);
    if (!strcmp(l, "numFmt")) {
        const char *id = xml_attr(attrs, NULL, "numFmtId"),
                   *code = xml_attr(attrs, NULL, "formatCode");
        if (!id || x->nnumfmts >= XLSX_MAX_STYLES)
            return;
        xgrow((void **)&x->numfmts, &x->capnumfmts, x->nnumfmts + 1, sizeof *x->numfmts);
        x->numfmts[x->nnumfmts].id = strtol(id, NULL, 10);
        x->numfmts[x->nnumfmts].kind = (unsigned char)sheet_format_kind(code);
        x->nnumfmts++;
    } else if (!strcmp(l, "cellXfs")) {
        x->in_cellxfs = 1;
    } else if (!strcmp(l, "xf") && x->in_cellxfs) {
        if (x->nxf >= XLSX_MAX_STYLES) {
            xmlstream_fail(x->xml.xs, 0, 0, "more than %u cell formats", XLSX_MAX_STYLES);
            return;
        }
        const char *id = xml_attr(attrs, NULL, "numFmtId");
        xgrow((void **)&x->xf_fmt, &x->capxf, x->nxf + 1, sizeof *x->xf_fmt);
        x->xf_fmt[x->nxf++] = id ? strtol(id, NULL, 10) : 0;
    }
}

static void S_styles_end(void *ctx, const char *name)
{
    xlsx_t *x = ctx;
    if (!strcmp(xml_local(name), "cellXfs"))
        x->in_cellxfs = 0;
}

static void S_resolve_styles(xlsx_t *x)
{
    x->xf_kind = arena_alloc(x->arena, x->nxf ? x->nxf : 1);
    for (size_t i = 0; i < x->nxf; i++) {
        long id = x->xf_fmt[i];
        sheet_fmt_t k = sheet_builtin_kind(id);
        for (size_t j = 0; j < x->nnumfmts; j++)
            if (x->numfmts[j].id == id)
                k = (sheet_fmt_t)x->numfmts[j].kind; /* a custom format may redefine an id */
        x->xf_kind[i] = (unsigned char)k;
    }
    free(x->xf_fmt);
    x->xf_fmt = NULL;
    free(x->numfmts);
    x->numfmts = NULL;
}

/* ---- shared strings ---- */

static void S_sst_start(void *ctx, const char *name, const char **attrs)
{
    xlsx_t *x = ctx;
    const char *l = xml_local(name);
    (void)attrs;
    if (!strcmp(l, "si")) {
        x->in_si = 1;
        x->rph = 0;
        strbuf_reset(&x->text);
        x->val_long = 0;
    } else if (!strcmp(l, "t")) {
        x->in_t = x->in_si && !x->rph;
    } else if (!strcmp(l, "rPh")) {
        x->rph++; /* phonetic runs are not part of the text */
    }
}

static void S_sst_end(void *ctx, const char *name)
{
    xlsx_t *x = ctx;
    const char *l = xml_local(name);
    if (!strcmp(l, "t")) {
        x->in_t = 0;
    } else if (!strcmp(l, "rPh")) {
        if (x->rph)
            x->rph--;
    } else if (!strcmp(l, "si")) {
        x->in_si = 0;
        if (x->nsst >= XLSX_MAX_SHARED_STRINGS) {
            xmlstream_fail(x->xml.xs, 0, 0, "more than 10 million shared strings");
            return;
        }
        size_t len = x->text.data ? S_unescape(x->text.data, x->text.len) : 0;
        arena_grow(x->arena, (void **)&x->sst_off, &x->capsst, x->nsst + 1, sizeof *x->sst_off);
        x->sst_off[x->nsst++] = x->sst.len;
        strbuf_append(&x->sst, x->text.data ? x->text.data : "", len);
        strbuf_append(&x->sst, "", 1);
    }
}

static void S_text_collect(void *ctx, const char *s, int len)
{
    xlsx_t *x = ctx;
    if (!x->in_t && !x->in_v)
        return;
    if (x->text.len + (size_t)len > CSV_MAX_FIELD + 1) {
        x->val_long = 1;
        len = (int)(CSV_MAX_FIELD + 1 - x->text.len);
        if (len <= 0)
            return;
    }
    if (x->text.len + (size_t)len + 1 <= x->text.cap) { /* a cell value: no call */
        memcpy(x->text.data + x->text.len, s, (size_t)len);
        x->text.len += (size_t)len;
        x->text.data[x->text.len] = '\0';
    } else {
        strbuf_append(&x->text, s, (size_t)len);
    }
}

/* ---- sheet rows ---- */

/* The 0-based column of a reference like "C7" (and its row in *row), or -1. */
static long S_ref_col(const char *ref, size_t *row)
{
    long col = 0;
    size_t i = 0;
    for (; (ref[i] >= 'A' && ref[i] <= 'Z') || (ref[i] >= 'a' && ref[i] <= 'z'); i++) {
        col = col * 26 + ((ref[i] | 0x20) - 'a' + 1);
        if (col > SHEET_MAX_COLS)
            return (long)SHEET_MAX_COLS; /* beyond the bound: reported by the caller */
    }
    if (i == 0)
        return -1;
    size_t r = 0;
    for (; ref[i] >= '0' && ref[i] <= '9'; i++)
        if ((r = r * 10 + (size_t)(ref[i] - '0')) > SHEET_MAX_ROWS + 1)
            r = SHEET_MAX_ROWS + 1;
    *row = r;
    return col - 1;
}

static size_t S_number(const char *s, int *ok)
{
    size_t v = 0;
    *ok = *s != '\0';
    for (; *s; s++) {
        if (*s < '0' || *s > '9') {
            *ok = 0;
            return 0;
        }
        v = v * 10 + (size_t)(*s - '0');
        if (v > (size_t)SHEET_MAX_ROWS * 16)
            v = (size_t)SHEET_MAX_ROWS * 16;
    }
    return v;
}

/* Names without a prefix are the common case: compare them without scanning. */
static const char *S_local(const char *name)
{
    if (name[0] && (name[1] == '\0' || name[2] == '\0' || !strchr(name, ':')))
        return name;
    return strchr(name, ':') + 1;
}

/* A <c> element begins: its column (from its reference, or the one after the last), type and
 * style. */
static void S_cell_start(xlsx_t *x, const char **attrs)
{
    const char *r = NULL, *t = NULL, *s = NULL;
    for (size_t i = 0; attrs[i]; i += 2) {
        const char *a = attrs[i];
        if (a[0] == 'r' && !a[1])
            r = attrs[i + 1];
        else if (a[0] == 't' && !a[1])
            t = attrs[i + 1];
        else if (a[0] == 's' && !a[1])
            s = attrs[i + 1];
    }
    size_t col = x->next_col;
    if (r) {
        size_t rrow = 0;
        long c = S_ref_col(r, &rrow);
        if (c < 0) {
            xmlstream_fail(x->xml.xs, x->row.row, col + 1, "%s%s%sbad cell reference '%.20s'",
                           S_sheet_label(x) ? "sheet '" : "",
                           S_sheet_label(x) ? S_sheet_label(x) : "", S_sheet_label(x) ? "': " : "",
                           r);
            return;
        }
        col = (size_t)c;
    }
    if (col >= SHEET_MAX_COLS) {
        xmlstream_fail(x->xml.xs, x->row.row, SHEET_MAX_COLS + 1,
                       "%s%s%sa cell beyond column 16,384 (XFD), the most a sheet has",
                       S_sheet_label(x) ? "sheet '" : "", S_sheet_label(x) ? S_sheet_label(x) : "",
                       S_sheet_label(x) ? "': " : "");
        return;
    }
    x->cell_col = col;
    x->next_col = col + 1;
    x->cell_type = !t || !strcmp(t, "n")     ? 'n'
                   : !strcmp(t, "s")         ? 's'
                   : !strcmp(t, "inlineStr") ? 'i'
                   : !strcmp(t, "str")       ? 'S'
                   : !strcmp(t, "b")         ? 'b'
                   : !strcmp(t, "e")         ? 'e'
                   : !strcmp(t, "d")         ? 'd'
                                             : 'n';
    x->cell_style = 0;
    if (s) {
        int ok;
        x->cell_style = (long)S_number(s, &ok);
        if (!ok)
            x->cell_style = 0;
    }
    x->in_cell = 1;
    x->in_v = x->in_is = x->in_t = 0;
    x->rph = 0;
    strbuf_reset(&x->text);
    x->val_long = 0;
}

/* A <row> element begins: its number (from its r attribute, or the one after the last). */
static void S_row_start(xlsx_t *x, const char **attrs)
{
    const char *r = xml_attr(attrs, NULL, "r");
    size_t n = x->last_row + 1;
    if (r) {
        int ok;
        n = S_number(r, &ok);
        if (!ok || n == 0) {
            xmlstream_fail(x->xml.xs, 0, 0, "bad row number '%.20s'", r);
            return;
        }
    }
    if (n > SHEET_MAX_ROWS) {
        xmlstream_fail(x->xml.xs, SHEET_MAX_ROWS + 1, 0,
                       "%s%s%smore than 1,048,576 rows, the most a sheet has",
                       S_sheet_label(x) ? "sheet '" : "", S_sheet_label(x) ? S_sheet_label(x) : "",
                       S_sheet_label(x) ? "': " : "");
        return;
    }
    x->last_row = n;
    x->next_col = 0;
    x->in_row = 1;
    sheet_row_reset(&x->row, n);
}

static void S_sheet_start(void *ctx, const char *name, const char **attrs)
{
    xlsx_t *x = ctx;
    const char *l = S_local(name);
    if (x->in_cell) {
        if (!strcmp(l, "v")) {
            x->in_v = 1;
        } else if (!strcmp(l, "is")) {
            x->in_is = 1;
        } else if (!strcmp(l, "t")) {
            x->in_t = x->in_is && !x->rph;
        } else if (!strcmp(l, "rPh")) {
            x->rph++;
        }
        return;
    }
    if (!strcmp(l, "c") && x->in_row)
        S_cell_start(x, attrs);
    else if (!strcmp(l, "row") && x->in_sheetdata)
        S_row_start(x, attrs);
    else if (!strcmp(l, "sheetData"))
        x->in_sheetdata = 1;
}

/* The cell just closed → the row. */
static void S_cell(xlsx_t *x)
{
    char *v = x->text.data ? x->text.data : (char *)"";
    size_t len = x->text.len;
    char t = x->cell_type;
    size_t col = x->cell_col;
    char buf[40];
    if (x->val_long)
        x->row.too_long = 1;
    if (t == 's') {
        int ok;
        size_t idx = S_number(v, &ok);
        if (!ok || idx >= x->nsst) {
            xmlstream_fail(
                x->xml.xs, x->row.row, col + 1, "%s%s%sshared string %.20s does not exist",
                S_sheet_label(x) ? "sheet '" : "", S_sheet_label(x) ? S_sheet_label(x) : "",
                S_sheet_label(x) ? "': " : "", v);
            return;
        }
        size_t off = x->sst_off[idx];
        size_t end = idx + 1 < x->nsst ? x->sst_off[idx + 1] - 1 : x->sst.len - 1;
        sheet_row_set(&x->row, col, ROWS_CELL_TEXT, x->sst.data + off, end - off, 0);
    } else if (t == 'i' || t == 'S') {
        len = S_unescape(v, len);
        sheet_row_set(&x->row, col, len ? ROWS_CELL_TEXT : ROWS_CELL_EMPTY, v, len, 0);
    } else if (t == 'b') {
        int b = !strcmp(v, "1") || !strcmp(v, "true");
        if (b || !strcmp(v, "0") || !strcmp(v, "false"))
            sheet_row_set(&x->row, col, ROWS_CELL_BOOL, b ? "TRUE" : "FALSE", b ? 4 : 5, b);
        else
            sheet_row_set(&x->row, col, ROWS_CELL_TEXT, v, len, 0);
    } else if (t == 'e') {
        sheet_row_set(&x->row, col, ROWS_CELL_ERROR, "", 0, 0);
        sheet_warn(x->w, "error cell (#N/A, #VALUE!, …) read as empty", x->row.row, col + 1,
                   S_sheet_label(x), v);
    } else if (t == 'd') {
        parsed_time_t pt;
        /* with a zone it is an instant, not a wall-clock time: the profile reads the text */
        if (timeparse_canonical(v, len, &pt) == 0 && !pt.has_offset)
            sheet_row_set_value(&x->row, col, ROWS_CELL_DATETIME, pt.seconds);
        else
            sheet_row_set(&x->row, col, ROWS_CELL_TEXT, v, len, 0);
    } else {
        /* a number */
        if (!len)
            return;
        double num;
        if (sheet_parse_number(v, len, &num) != 0) {
            sheet_row_set(&x->row, col, ROWS_CELL_TEXT, v, len, 0);
            return;
        }
        sheet_fmt_t k = x->cell_style >= 0 && (size_t)x->cell_style < x->nxf
                            ? (sheet_fmt_t)x->xf_kind[x->cell_style]
                            : SHEET_FMT_GENERAL;
        int64_t secs;
        if (k == SHEET_FMT_DATE && sheet_serial_to_local(num, x->date1904, &secs) == 0) {
            sheet_row_set_value(&x->row, col, ROWS_CELL_DATETIME, secs);
        } else if (k == SHEET_FMT_DURATION && num > -1e9 && num < 1e9) {
            secs = llround(num * 86400.0);
            sheet_row_set_value(&x->row, col, ROWS_CELL_DURATION, secs);
        } else if (k == SHEET_FMT_PERCENT) {
            sheet_number_text(num * 100, 15, buf);
            sheet_row_set(&x->row, col, ROWS_CELL_NUMBER, buf, strlen(buf), 0);
        } else {
            sheet_number_text(num, 17, buf);
            sheet_row_set(&x->row, col, ROWS_CELL_NUMBER, buf, strlen(buf), 0);
        }
    }
}

static void S_sheet_end(void *ctx, const char *name)
{
    xlsx_t *x = ctx;
    const char *l = S_local(name);
    if (x->in_cell) {
        if (!strcmp(l, "c")) {
            x->in_cell = 0;
            S_cell(x);
        } else if (!strcmp(l, "v")) {
            x->in_v = 0;
        } else if (!strcmp(l, "t")) {
            x->in_t = 0;
        } else if (!strcmp(l, "is")) {
            x->in_is = 0;
        } else if (!strcmp(l, "rPh")) {
            if (x->rph)
                x->rph--;
        }
        return;
    }
    if (!strcmp(l, "row") && x->in_row) {
        x->in_row = 0;
        if (x->row.nonempty) {
            x->row_ready = 1;
            xmlstream_pause(x->xml.xs);
        }
    } else if (!strcmp(l, "sheetData")) {
        x->in_sheetdata = 0;
        x->sheet_done = 1;
    }
}

/* ---- the reader interface ---- */

static int S_next_sheet(void *impl, const char **name, diag_t *d)
{
    xlsx_t *x = impl;
    sheet_xml_end(&x->xml);
    if (x->cur >= x->nsheets)
        return 0;
    xlsx_sheet_t *sh = &x->sheets[x->cur++];
    xml_handlers_t h = {x, S_sheet_start, S_sheet_end, S_text_collect};
    if (xmlstream_open_member(x->z, sh->part, XMLSTREAM_FAST, &h, &x->xml.xs, d) != ST_OK)
        return -1;
    x->row_ready = x->sheet_done = 0;
    x->in_sheetdata = x->in_row = x->in_cell = 0;
    x->last_row = 0;
    *name = sh->name;
    return 1;
}

static int S_next_row(void *impl, rows_record_t *rec, diag_t *d)
{
    xlsx_t *x = impl;
    if (!x->xml.xs)
        return 0;
    while (!x->row_ready) {
        if (x->sheet_done)
            return 0;
        int rc = xmlstream_run(x->xml.xs, d);
        if (rc < 0)
            return -1;
        if (rc == 0 && !x->row_ready)
            return 0;
    }
    x->row_ready = 0;
    sheet_row_finish(&x->row, rec);
    rec->sheet = S_sheet_label(x);
    return 1;
}

static status_t S_rewind(void *impl, diag_t *d)
{
    (void)d;
    xlsx_t *x = impl;
    sheet_xml_end(&x->xml);
    x->cur = 0;
    return ST_OK;
}

static size_t S_sheet_count(void *impl)
{
    return ((xlsx_t *)impl)->nsheets;
}

static void S_close(void *impl)
{
    xlsx_t *x = impl;
    if (!x)
        return;
    xmlstream_close(x->xml.xs);
    arena_free(x->arena);
    free(x->xf_fmt); /* the styles' scratch: left only when reading the styles failed */
    free(x->numfmts);
    strbuf_clear(&x->sst);
    strbuf_clear(&x->text);
    sheet_row_free(&x->row);
    zipxml_close(x->z);
    free(x);
}

/* Streams a part whose handlers need x->xml.xs (to fail from a callback). */
static status_t S_parse_streamed(xlsx_t *x, const char *part, const xml_handlers_t *h, diag_t *d)
{
    status_t st = xmlstream_open_member(x->z, part, XMLSTREAM_FAST, h, &x->xml.xs, d);
    if (st != ST_OK)
        return st;
    int rc;
    while ((rc = xmlstream_run(x->xml.xs, d)) == 1)
        ;
    xmlstream_close(x->xml.xs);
    x->xml.xs = NULL;
    return rc < 0 ? d->status : ST_OK;
}

/* The reader as rows.c drives it (the order of sheet_reader_t's members; impl set on opening). */
static const sheet_reader_t S_reader = {
    NULL, S_next_sheet, S_next_row, S_rewind, S_sheet_count, sheet_xml_bytes, S_close,
};

status_t xlsx_open(zipxml_t *z, sheet_warnings_t *w, sheet_reader_t *out, diag_t *d)
{
    xlsx_t *x = xcalloc(1, sizeof *x);
    x->z = z;
    x->w = w;
    x->arena = arena_new();
    status_t st;
    const char *sst_part = NULL, *styles_part = NULL; /* the first the relationships name */
    xml_handlers_t rels = {x, S_rels_start, NULL, NULL};
    if (zipxml_has(z, "xl/_rels/workbook.xml.rels") &&
        (st = S_parse_part(x, "xl/_rels/workbook.xml.rels", &rels, d)) != ST_OK)
        goto fail;
    for (size_t i = 0; i < x->nrels; i++) {
        if (S_type_is(x->rels[i].type, "sharedStrings") && !sst_part)
            sst_part = S_resolve(x, x->rels[i].target);
        else if (S_type_is(x->rels[i].type, "styles") && !styles_part)
            styles_part = S_resolve(x, x->rels[i].target);
    }
    if (!sst_part)
        sst_part = "xl/sharedStrings.xml";
    if (!styles_part)
        styles_part = "xl/styles.xml";
    xml_handlers_t wb = {x, S_wb_start, NULL, NULL};
    if ((st = S_parse_part(x, "xl/workbook.xml", &wb, d)) != ST_OK)
        goto fail;
    if (x->nsheets == 0) {
        st = diag_set(d, ST_DATA, zipxml_display(z), 0, 0,
                      "the workbook has no worksheet (only charts, or a damaged workbook)");
        goto fail;
    }
    if (zipxml_has(z, styles_part)) {
        xml_handlers_t sty = {x, S_styles_start, S_styles_end, NULL};
        if ((st = S_parse_streamed(x, styles_part, &sty, d)) != ST_OK)
            goto fail;
    }
    S_resolve_styles(x);
    if (zipxml_has(z, sst_part)) {
        xml_handlers_t sst = {x, S_sst_start, S_sst_end, S_text_collect};
        if ((st = S_parse_streamed(x, sst_part, &sst, d)) != ST_OK)
            goto fail;
    }
    strbuf_clear(&x->text);
    *out = S_reader;
    out->impl = x;
    return ST_OK;
fail:
    S_close(x);
    return st;
}
