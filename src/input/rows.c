/*
 * rows — one reader over every input format. CSV goes to csv.c as before; a workbook to the
 * reader of its format (sheet.h) through which this module walks the sheets: the one the
 * options name, or the first and then every later sheet whose first row repeats the header
 * (the later sheet's header row itself is skipped). It also finds the header (docs/spreadsheets.md)
 * for whoever knows what a header must hold, hashes the file, and keeps the readers' warnings.
 */
#include "input/rows.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "core/sha256.h"
#include "input/detect.h"
#include "input/sheet.h"
#include "input/zipxml.h"

/* An owned copy of a record (the header, the first row). */
typedef struct saved_row {
    int set;
    rows_record_t rec;
    strbuf_t text;
    char **fields;
    size_t *lens;
    unsigned char *types;
    int64_t *values;
} saved_row_t;

struct rows {
    rows_format_t format;
    int gzip;
    arena_t *arena; /* the copies below */
    char *path, *display;
    char *sheet_opt; /* the `sheet` option */
    size_t header_row;
    csv_options_t csv_opt;
    csv_t *csv;
    sheet_reader_t sr; /* a workbook's reader (impl NULL for CSV and XES) */
    sheet_warnings_t warnings;
    int sheet_open;        /* a sheet is being read */
    int explicit_sheet;    /* the options named the sheet: read only it */
    int first_sheet_only;  /* while searching the header */
    size_t records;        /* returned since the start (or the last rewind) */
    size_t header_records; /* records up to and including the header (0: no header) */
    strbuf_t sheets;       /* names of the sheets read, comma-separated */
    saved_row_t header, first;
    diag_t err;
    char sha[65];
    int sha_done;
    size_t file_bytes;
    csv_notes_t no_notes;
};

/* ---- saved rows ---- */

static void S_save(saved_row_t *s, const rows_record_t *rec)
{
    strbuf_reset(&s->text);
    size_t n = rec->nfields;
    s->fields = xrealloc(s->fields, (n ? n : 1) * sizeof *s->fields);
    s->lens = xrealloc(s->lens, (n ? n : 1) * sizeof *s->lens);
    s->types = xrealloc(s->types, (n ? n : 1) * sizeof *s->types);
    s->values = xrealloc(s->values, (n ? n : 1) * sizeof *s->values);
    size_t *offs = xmalloc((n ? n : 1) * sizeof *offs);
    for (size_t i = 0; i < n; i++) {
        offs[i] = s->text.len;
        strbuf_append(&s->text, rec->fields[i], rec->lens[i]);
        strbuf_append(&s->text, "", 1);
        s->lens[i] = rec->lens[i];
        s->types[i] = rec->types ? rec->types[i] : ROWS_CELL_TEXT;
        s->values[i] = rec->values ? rec->values[i] : 0;
    }
    for (size_t i = 0; i < n; i++)
        s->fields[i] = s->text.data + offs[i];
    free(offs);
    s->rec = *rec;
    s->rec.fields = s->fields;
    s->rec.lens = s->lens;
    s->rec.types = rec->types ? s->types : NULL;
    s->rec.values = rec->values ? s->values : NULL;
    s->rec.sheet = NULL; /* the reader's name may not outlive it */
    s->set = 1;
}

static void S_saved_free(saved_row_t *s)
{
    strbuf_clear(&s->text);
    free(s->fields);
    free(s->lens);
    free(s->types);
    free(s->values);
    memset(s, 0, sizeof *s);
}

/* Do two rows hold the same texts (trimmed; missing trailing cells are empty)? */
static int S_same_row(const rows_record_t *a, const rows_record_t *b)
{
    size_t n = a->nfields > b->nfields ? a->nfields : b->nfields;
    for (size_t i = 0; i < n; i++) {
        const char *x = i < a->nfields ? a->fields[i] : "", *y = i < b->nfields ? b->fields[i] : "";
        size_t xl = i < a->nfields ? a->lens[i] : 0, yl = i < b->nfields ? b->lens[i] : 0;
        ascii_trim(&x, &xl);
        ascii_trim(&y, &yl);
        if (xl != yl || memcmp(x, y, xl) != 0)
            return 0;
    }
    return 1;
}

/* ---- sheets ---- */

static void S_note_sheet(rows_t *r, const char *name)
{
    if (r->format == ROWS_XES)
        return; /* a log, not a workbook: no sheet to name */
    if (r->sheets.len)
        strbuf_puts(&r->sheets, ", ");
    strbuf_puts(&r->sheets, name);
}

static int S_all_digits(const char *s)
{
    if (!*s)
        return 0;
    for (; *s; s++)
        if (*s < '0' || *s > '9')
            return 0;
    return 1;
}

/* Opens the first sheet to read: the one the options name, or the first. */
static status_t S_begin(rows_t *r, diag_t *d)
{
    const char *name;
    strbuf_reset(&r->sheets);
    r->sheet_open = 0;
    if (!r->sheet_opt) {
        int rc = r->sr.next_sheet(r->sr.impl, &name, d);
        if (rc < 0)
            return d->status;
        if (rc == 0)
            return diag_set(d, ST_DATA, r->display, 0, 0, "the workbook has no sheet");
        S_note_sheet(r, name);
        r->sheet_open = 1;
        return ST_OK;
    }
    strbuf_t seen = {0};
    status_t st = ST_OK;
    size_t index = 0, want = 0;
    if (S_all_digits(r->sheet_opt)) {
        errno = 0;
        unsigned long long v = strtoull(r->sheet_opt, NULL, 10);
        want = errno || v > 1000000 ? 1000001 : (size_t)v;
    }
    int rc;
    while ((rc = r->sr.next_sheet(r->sr.impl, &name, d)) == 1) {
        index++;
        if ((want && index == want) || (!want && !strcmp(name, r->sheet_opt))) {
            S_note_sheet(r, name);
            r->sheet_open = 1;
            goto done;
        }
        strbuf_printf(&seen, "%s'%s'", seen.len ? ", " : "", name);
    }
    if (rc < 0) {
        st = d->status;
        goto done;
    }
    /* no exact match: a name that differs only in case or surrounding spaces */
    if (!want && (st = r->sr.rewind(r->sr.impl, d)) == ST_OK) {
        const char *w = r->sheet_opt;
        size_t wl = strlen(w);
        ascii_trim(&w, &wl);
        while ((rc = r->sr.next_sheet(r->sr.impl, &name, d)) == 1) {
            const char *n = name;
            size_t nl = strlen(n);
            ascii_trim(&n, &nl);
            if (nl == wl && !strncasecmp(n, w, wl)) {
                S_note_sheet(r, name);
                r->sheet_open = 1;
                goto done;
            }
        }
        if (rc < 0) {
            st = d->status;
            goto done;
        }
    }
    if (st == ST_OK) {
        if (want)
            st = diag_set(d, ST_DATA, r->display, 0, 0,
                          "sheet: %s, but the workbook has %zu sheet%s (%s)", r->sheet_opt, index,
                          index == 1 ? "" : "s", seen.data ? seen.data : "");
        else
            st = diag_set(d, ST_DATA, r->display, 0, 0,
                          "the workbook has no sheet named '%s' (its sheets: %s)", r->sheet_opt,
                          seen.data ? seen.data : "none");
    }
done:
    strbuf_clear(&seen);
    return st;
}

/* ---- opening ---- */

status_t rows_open(const char *path, const char *display, const rows_options_t *opt, rows_t **out,
                   diag_t *d)
{
    *out = NULL;
    if (!display)
        display = path;
    detect_result_t det;
    status_t st = detect_file(path, display, &det, d);
    if (st != ST_OK)
        return st;
    rows_t *r = xcalloc(1, sizeof *r);
    r->format = det.format;
    r->gzip = det.gzip;
    r->arena = arena_new();
    r->path = arena_strdup(r->arena, path);
    r->display = arena_strdup(r->arena, display);
    if (opt) {
        r->csv_opt.delimiter = opt->delimiter;
        r->csv_opt.encoding = opt->encoding;
        r->sheet_opt = opt->sheet ? arena_strdup(r->arena, opt->sheet) : NULL;
        r->header_row = opt->header_row;
    }
    r->explicit_sheet = r->sheet_opt != NULL;
    struct stat sb;
    if (stat(path, &sb) == 0 && sb.st_size > 0)
        r->file_bytes = (size_t)sb.st_size;
    switch (det.format) {
    case ROWS_CSV:
        st = csv_open(path, &r->csv_opt, &r->csv, d);
        break;
    case ROWS_XLSX:
        st = xlsx_open(det.zip, &r->warnings, &r->sr, d);
        det.zip = NULL;
        break;
    case ROWS_ODS:
        st = ods_open(det.zip, &r->warnings, &r->sr, d);
        det.zip = NULL;
        break;
    case ROWS_XLS:
        st = det.data ? xls_open_memory(det.data, det.size, display, &r->warnings, &r->sr, d)
                      : xls_open(path, display, &r->warnings, &r->sr, d);
        break;
    case ROWS_XES:
        break;
    }
    detect_result_free(&det);
    if (st == ST_OK && r->sr.impl)
        st = S_begin(r, d);
    if (st != ST_OK) {
        rows_close(r);
        return st;
    }
    *out = r;
    return ST_OK;
}

/* ---- reading ---- */

static int S_fail(rows_t *r)
{
    if (r->err.status == ST_OK)
        diag_set(&r->err, ST_DATA, r->display, 0, 0, "cannot read the file");
    return -1;
}

int rows_next(rows_t *r, rows_record_t *rec)
{
    if (r->err.status != ST_OK)
        return -1;
    if (r->format == ROWS_CSV) {
        csv_record_t c;
        int rc = csv_next(r->csv, &c);
        if (rc == 1) {
            memset(rec, 0, sizeof *rec);
            rec->nfields = c.nfields;
            rec->fields = c.fields;
            rec->lens = c.lens;
            rec->line = c.line;
            rec->end_line = c.end_line;
            rec->too_long = c.too_long;
            rec->too_many = c.too_many;
            rec->unterminated = c.unterminated;
            r->records++;
        } else if (rc < 0 && csv_notes(r->csv)->inflate_bound) {
            diag_set(&r->err, ST_DATA, r->display, csv_notes(r->csv)->inflate_line, 0,
                     "the compressed file inflates to more than %d times its size and more "
                     "than 1 GiB; reading stopped here (is it really an export?)",
                     CSV_MAX_INFLATE_RATIO);
        } else if (rc < 0) {
            diag_set(&r->err, ST_NOINPUT, r->display, 0, 0, "read error");
        }
        return rc;
    }
    if (r->format == ROWS_XES && !r->sr.impl) {
        diag_set(&r->err, ST_DATA, r->display, 0, 0,
                 "an XES event log: it is read only by a `generic` source with an `events` "
                 "block (docs/configuration.md §5), not by a tool profile");
        return -1;
    }
    if (!r->sheet_open)
        return 0;
    for (;;) {
        int rc = r->sr.next_row(r->sr.impl, rec, &r->err);
        if (rc < 0)
            return S_fail(r);
        if (rc == 1) {
            if (!r->first.set && !r->explicit_sheet && rows_sheet_count(r) > 1)
                S_save(&r->first, rec);
            r->records++;
            return 1;
        }
        if (r->explicit_sheet || r->first_sheet_only) {
            r->sheet_open = 0;
            return 0;
        }
        /* a later sheet continues the table when its first row repeats the header */
        const rows_record_t *ref = r->header.set  ? &r->header.rec
                                   : r->first.set ? &r->first.rec
                                                  : NULL;
        for (;;) {
            const char *name;
            rc = ref ? r->sr.next_sheet(r->sr.impl, &name, &r->err) : 0;
            if (rc < 0)
                return S_fail(r);
            if (rc == 0) {
                r->sheet_open = 0;
                return 0;
            }
            rc = r->sr.next_row(r->sr.impl, rec, &r->err);
            if (rc < 0)
                return S_fail(r);
            if (rc == 1 && S_same_row(rec, ref)) {
                S_note_sheet(r, name);
                break;
            }
        }
    }
}

status_t rows_xes_columns(rows_t *r, const rows_xes_key_t *keys, size_t nkeys, diag_t *d)
{
    if (r->format != ROWS_XES || r->sr.impl)
        return diag_set(d, ST_DATA, r->display, 0, 0, "not an XES event log");
    status_t st = xes_open(r->path, r->display, keys, nkeys, &r->warnings, &r->sr, d);
    if (st != ST_OK)
        return st;
    /* one log, one "sheet": a `sheet` option has nothing to choose */
    r->sheet_opt = NULL;
    r->explicit_sheet = 1;
    return S_begin(r, d);
}

const diag_t *rows_error(const rows_t *r)
{
    return &r->err;
}

status_t rows_failed(const rows_t *r, const char *file, int *unreadable, diag_t *d)
{
    const diag_t *e = &r->err;
    status_t st = e->status != ST_OK ? e->status : ST_NOINPUT;
    diag_set(d, st, e->path ? e->path : file, e->line, e->column, "%s",
             e->message ? e->message : "read error");
    if (st != ST_NOINPUT && st != ST_NOMEM)
        *unreadable = 1;
    return st;
}

status_t rows_rewind(rows_t *r, diag_t *d)
{
    r->records = 0;
    sheet_warnings_clear(&r->warnings); /* the next pass counts its cells again */
    if (r->format == ROWS_CSV) {
        csv_close(r->csv);
        r->csv = NULL;
        return csv_open(r->path, &r->csv_opt, &r->csv, d);
    }
    if (!r->sr.impl)
        return ST_OK;
    status_t st = r->sr.rewind(r->sr.impl, d);
    if (st == ST_OK)
        st = S_begin(r, d);
    return st;
}

/* Reads `n` records from the start; the last one read in *rec. */
static int S_skip_to(rows_t *r, size_t n, rows_record_t *rec, diag_t *d)
{
    if (rows_rewind(r, d) != ST_OK)
        return -1;
    for (size_t i = 0; i < n; i++) {
        int rc = rows_next(r, rec);
        if (rc <= 0)
            return rc;
    }
    return 1;
}

int rows_find_header(rows_t *r, rows_header_fn score, void *ctx, rows_record_t *header)
{
    rows_record_t rec;
    int rc;
    r->first_sheet_only = 1;
    if (r->header_row) {
        while ((rc = rows_next(r, &rec)) == 1 && rec.line < r->header_row)
            ;
        r->first_sheet_only = 0;
        if (rc < 0)
            return -1;
        if (rc == 0 || rec.line != r->header_row) {
            diag_set(&r->err, ST_DATA, r->display, r->header_row, 0,
                     "header_row: %zu, but that row is empty or beyond the end of the %s",
                     r->header_row, r->format == ROWS_CSV ? "file" : "sheet");
            return -1;
        }
        goto found;
    }
    long best2 = -1, best1 = -1;
    size_t k = 0;
    for (; k < ROWS_HEADER_SEARCH; k++) {
        rc = rows_next(r, &rec);
        if (rc < 0) {
            r->first_sheet_only = 0;
            return -1;
        }
        if (rc == 0)
            break;
        int s = score(&rec, ctx);
        if (s >= 2) {
            best2 = (long)k;
            break;
        }
        if (s == 1 && best1 < 0)
            best1 = (long)k;
    }
    if (best2 < 0 && k == 0) {
        r->first_sheet_only = 0;
        return 0; /* no rows at all */
    }
    if (best2 < 0) {
        size_t chosen = best1 >= 0 ? (size_t)best1 : 0;
        diag_t d = {0};
        rc = S_skip_to(r, chosen + 1, &rec, &d);
        if (rc <= 0) {
            if (r->err.status == ST_OK)
                diag_set(&r->err, d.status ? d.status : ST_DATA, d.path ? d.path : r->display,
                         d.line, d.column, "%s", d.message ? d.message : "cannot read again");
            diag_clear(&d);
            r->first_sheet_only = 0;
            return -1;
        }
        diag_clear(&d);
    }
    r->first_sheet_only = 0;
found:
    r->header_records = r->records;
    S_save(&r->header, &rec);
    r->header.rec.sheet = rec.sheet;
    *header = r->header.rec;
    /* the first row compared with later sheets is the header from now on */
    return 1;
}

status_t rows_rewind_to_data(rows_t *r, diag_t *d)
{
    rows_record_t rec;
    size_t n = r->header_records;
    int rc = S_skip_to(r, n, &rec, d);
    if (rc < 0 && d->status == ST_OK)
        diag_set(d, r->err.status ? r->err.status : ST_DATA, r->display, r->err.line, r->err.column,
                 "%s", r->err.message ? r->err.message : "cannot read again");
    if (rc < 0)
        return d->status;
    r->header_records = n;
    return ST_OK;
}

const rows_record_t *rows_header(const rows_t *r)
{
    return r->header.set ? &r->header.rec : NULL;
}

void rows_read_ahead(rows_t *r)
{
    if (r->format == ROWS_CSV)
        csv_read_ahead(r->csv);
}

/* ---- facts ---- */

rows_format_t rows_format(const rows_t *r)
{
    return r->format;
}

const char *rows_format_name(rows_format_t f)
{
    switch (f) {
    case ROWS_CSV:
        return "csv";
    case ROWS_XLSX:
        return "xlsx";
    case ROWS_ODS:
        return "ods";
    case ROWS_XLS:
        return "xls";
    case ROWS_XES:
        return "xes";
    }
    return "?";
}

int rows_gzip(const rows_t *r)
{
    return r->gzip;
}

const char *rows_sheets(const rows_t *r)
{
    return strbuf_cstr(&r->sheets);
}

size_t rows_sheet_count(const rows_t *r)
{
    if (!r->sr.impl)
        return 0;
    return r->sr.sheet_count ? r->sr.sheet_count(r->sr.impl) : 1;
}

const char *rows_sha256(rows_t *r)
{
    if (r->format == ROWS_CSV)
        return csv_sha256(r->csv);
    if (!r->sha_done) {
        r->sha_done = 1;
        sha256_t ctx;
        sha256_init(&ctx);
        FILE *f = fopen(r->path, "rb");
        if (f) {
            char buf[64 * 1024];
            size_t n;
            while ((n = fread(buf, 1, sizeof buf, f)) > 0)
                sha256_update(&ctx, buf, n);
            fclose(f);
        }
        sha256_final_hex(&ctx, r->sha);
    }
    return r->sha;
}

size_t rows_bytes(const rows_t *r)
{
    return r->format == ROWS_CSV ? csv_bytes(r->csv) : r->file_bytes;
}

uint64_t rows_xml_bytes(const rows_t *r)
{
    return r->sr.impl && r->sr.xml_bytes ? r->sr.xml_bytes(r->sr.impl) : 0;
}

const csv_notes_t *rows_notes(const rows_t *r)
{
    return r->format == ROWS_CSV ? csv_notes(r->csv) : &r->no_notes;
}

const rows_warning_t *rows_warnings(const rows_t *r, size_t *n)
{
    *n = r->warnings.n;
    return r->warnings.items;
}

void rows_close(rows_t *r)
{
    if (!r)
        return;
    csv_close(r->csv);
    if (r->sr.impl)
        r->sr.close(r->sr.impl);
    sheet_warnings_free(&r->warnings);
    S_saved_free(&r->header);
    S_saved_free(&r->first);
    strbuf_clear(&r->sheets);
    diag_clear(&r->err);
    arena_free(r->arena);
    free(r);
}
