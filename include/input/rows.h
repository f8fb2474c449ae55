/*
 * rows — the one interface through which a source's rows are read, whatever the file's format
 * (docs/spreadsheets.md): CSV (csv.c underneath, unchanged), Excel .xlsx, OpenDocument .ods and
 * legacy Excel .xls, the format decided from the file's first bytes by detect.c, never from its
 * name. Every row comes out as text fields like a CSV record; a spreadsheet row also says what each
 * cell was (a date-time, a duration, a number, …) and carries the parsed value where text would
 * lose it. A workbook is read one sheet and one row at a time, in workbook order: by default
 * the first sheet, then every later sheet whose first row repeats the header; or the sheet the
 * options name. Empty spreadsheet rows are skipped.
 * It does not know which columns mean what: the profiles (profile.c) and the register readers
 * do, and only they touch the store.
 */
#ifndef ISO20K_ROWS_H
#define ISO20K_ROWS_H

#include <stddef.h>
#include <stdint.h>

#include "core/diag.h"
#include "core/util.h"
#include "input/csv.h"

typedef enum {
    ROWS_CSV = 0,
    ROWS_XLSX,
    ROWS_ODS,
    ROWS_XLS,
    ROWS_XES /* an XES event log: rows once rows_xes_columns names their columns */
} rows_format_t;

/* What a spreadsheet cell held. */
typedef enum {
    ROWS_CELL_EMPTY = 0,
    ROWS_CELL_TEXT,
    ROWS_CELL_NUMBER,   /* text: the number, shortest exact form, no trailing ".0" */
    ROWS_CELL_DATETIME, /* value: local wall-clock seconds since 1970; text "YYYY-MM-DD HH:MM:SS" */
    ROWS_CELL_DURATION, /* value: seconds; text "H:MM:SS" */
    ROWS_CELL_BOOL,     /* value: 0 or 1; text "FALSE" or "TRUE" */
    ROWS_CELL_ERROR     /* an error cell (#N/A, …): empty text, counted as a warning */
} rows_cell_t;

typedef struct rows_record {
    size_t nfields;
    char **fields; /* NUL-terminated; owned by the reader, valid until the next rows_next */
    size_t *lens;
    size_t line;      /* CSV: the physical line the record starts on; sheets: the 1-based row */
    size_t end_line;  /* CSV: the line it ends on; sheets: the row again */
    int too_long;     /* a field exceeded CSV_MAX_FIELD and was cut (2: the record exceeded
                       * CSV_MAX_RECORD) */
    size_t too_many;  /* CSV: the record had this many fields, more than CSV_MAX_FIELDS (0: not) */
    int unterminated; /* CSV: the file ended inside a quoted field */
    /* spreadsheets only; NULL for CSV */
    const unsigned char *types; /* rows_cell_t of each field */
    const int64_t *values;      /* the value of each DATETIME, DURATION and BOOL field */
    const char *sheet; /* the sheet's name when the workbook has several sheets, else NULL */
} rows_record_t;

/* The header is searched among this many rows (docs/spreadsheets.md). */
#define ROWS_HEADER_SEARCH 20

typedef struct rows_options {
    char delimiter;          /* CSV: 0 = sniffed from the header */
    csv_encoding_t encoding; /* CSV */
    const char *sheet;       /* a sheet name or 1-based index; NULL: the default choice */
    size_t header_row;       /* 1-based row (CSV: line) of the header; 0: searched */
} rows_options_t;

typedef struct rows rows_t;

/* A problem a reader noticed and went on (an error cell, a formula .xls cannot read, …). */
typedef struct rows_warning {
    const char *reason; /* constant text */
    size_t count;
    size_t line, column; /* the first place (1-based; 0 when unknown) */
    const char *sheet;   /* its sheet when the workbook has several, else NULL */
    char note[96];       /* e.g. the column's header or the error's text */
} rows_warning_t;

/*
 * Opens `path`, detecting its format; `display` names it in messages (the path as written in
 * the config; NULL: path). ST_NOINPUT when it cannot be opened; ST_DATA, with a message saying
 * what the file is and what to export instead, when it is not a table this program reads (a
 * PDF, an HTML page, a zip or OLE2 file that is not a workbook, a password-protected
 * workbook, a damaged archive, a zip bomb) or names no sheet `opt->sheet`. An XES file opens
 * (rows_format says ROWS_XES) but gives no rows, rows_next failing with a message, until
 * rows_xes_columns says which attributes make its columns.
 * Free with rows_close.
 */
status_t rows_open(const char *path, const char *display, const rows_options_t *opt, rows_t **out,
                   diag_t *d);
/*
 * Reads the next row: 1 when *rec is filled, 0 at the end, -1 on an error (rows_error tells
 * it: ST_DATA for a malformed or out-of-bounds workbook, with its place; ST_NOINPUT for a
 * read error). An error is final: the file cannot be read as a table.
 */
int rows_next(rows_t *r, rows_record_t *rec);
/* The error after rows_next returned -1 (status ST_OK before any). */
const diag_t *rows_error(const rows_t *r);
/*
 * The reader's error as the caller's diagnostic: in `file` when the error names no path,
 * ST_NOINPUT when none was recorded. Any status but ST_NOINPUT and ST_NOMEM means the file cannot
 * be read as a table, and sets *unreadable (nothing may then be written). Returns the status.
 */
status_t rows_failed(const rows_t *r, const char *file, int *unreadable, diag_t *d);
/* The trimmed text of field i of rec, its length in *len; NULL (and 0) when i is negative or
 * beyond the row's fields, or the field is empty once trimmed. Inline: the readers call it for
 * every field of every row, and a field with no blank at either end (nearly all) is not trimmed. */
static inline const char *rows_field(const rows_record_t *rec, int i, size_t *len)
{
    *len = 0;
    if (i < 0 || (size_t)i >= rec->nfields)
        return NULL;
    const char *s = rec->fields[i];
    size_t n = rec->lens[i];
    if (!n)
        return NULL;
    if ((unsigned char)s[0] <= ' ' || (unsigned char)s[n - 1] <= ' ') {
        ascii_trim(&s, &n);
        if (!n)
            return NULL;
    }
    *len = n;
    return s;
}
/* Starts again from the first row (header search, format scans). */
status_t rows_rewind(rows_t *r, diag_t *d);

/*
 * How a row scores as the header: 2 when it holds every required column, 1 when it looks like
 * a header that lacks some, 0 when it is no header.
 */
typedef int (*rows_header_fn)(const rows_record_t *rec, void *ctx);
/*
 * Finds the header: the row opt->header_row when it was given; else the first row scoring 2
 * among the first ROWS_HEADER_SEARCH rows, else the first scoring 1, else the first row. On
 * return the reader stands just after the header, *header holds it (owned by the reader, valid
 * until rows_close; rows_header returns it again) and later sheets are read only when their
 * first row repeats it. Returns 1 when a header was found, 0 when the file has no rows, -1 on
 * an error (rows_error; for a header_row beyond the end, an ST_DATA error naming it).
 */
int rows_find_header(rows_t *r, rows_header_fn score, void *ctx, rows_record_t *header);
/* Starts again just after the header found by rows_find_header (from the first row when none
 * was found): a second pass over the data rows. */
status_t rows_rewind_to_data(rows_t *r, diag_t *d);
/* The header found by rows_find_header, or NULL. */
const rows_record_t *rows_header(const rows_t *r);

/* An attribute an XES log's rows are read for (docs/configuration.md §5): where it is looked up. */
typedef enum {
    ROWS_XES_TRACE = 0, /* the event's trace */
    ROWS_XES_EVENT,     /* the event */
    ROWS_XES_ANY        /* the event, else its trace */
} rows_xes_scope_t;

typedef struct rows_xes_key {
    const char *key; /* the attribute's key, e.g. "concept:name" */
    int scope;       /* rows_xes_scope_t */
} rows_xes_key_t;

/*
 * For an XES log (rows_format ROWS_XES), opened by rows_open: from now on rows_next gives one
 * row per event, whose field k is the value of attribute keys[k] (empty when the event and
 * its trace lack it), with no header row; rows_rewind starts again from the first event.
 * ST_DATA for any other format; ST_NOINPUT when the file cannot be read again.
 */
status_t rows_xes_columns(rows_t *r, const rows_xes_key_t *keys, size_t nkeys, diag_t *d);

/* From here on, CSV is parsed on a second thread ahead of the caller (see csv_read_ahead);
 * nothing for other formats. */
void rows_read_ahead(rows_t *r);

rows_format_t rows_format(const rows_t *r);
/* "csv", "xlsx", "ods", "xls", "xes". */
const char *rows_format_name(rows_format_t f);
/* True when the input was gzip-compressed. */
int rows_gzip(const rows_t *r);
/* The names of the sheets read so far, in order, comma-separated ("" for CSV). */
const char *rows_sheets(const rows_t *r);
/* The number of sheets in the workbook (0 for CSV). */
size_t rows_sheet_count(const rows_t *r);
/* The hex SHA-256 of the file's bytes (for CSV, after reading whatever is left). */
const char *rows_sha256(rows_t *r);
/* Bytes of the file (for CSV, consumed so far). */
size_t rows_bytes(const rows_t *r);
/* Bytes of sheet XML parsed so far (xlsx, ods; 0 otherwise), for throughput figures. */
uint64_t rows_xml_bytes(const rows_t *r);
/* CSV decoding notes (all zero for other formats). */
const csv_notes_t *rows_notes(const rows_t *r);
/* The warnings noticed so far, in order of first occurrence; *n gets their number. */
const rows_warning_t *rows_warnings(const rows_t *r, size_t *n);
/* Closes the reader; rows_close(NULL) is a no-op. */
void rows_close(rows_t *r);

#endif
