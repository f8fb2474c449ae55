/*
 * sheet — what the three workbook readers (xlsx.c, ods.c, xls.c) and the XES reader (xes.c)
 * share, and the interface rows.c drives them through: a reader walks its sheets in workbook
 * order and each sheet's non-empty rows in order. Also the cell rules of docs/spreadsheets.md that
 * do not depend on the format: how a number is written as text, how a serial date becomes a
 * wall-clock time, how a duration is written. Used by the readers and rows.c only; profiles see
 * rows.h.
 */
#ifndef ISO20K_SHEET_H
#define ISO20K_SHEET_H

#include <stddef.h>
#include <stdint.h>

#include "core/diag.h"
#include "core/util.h"
#include "input/rows.h"

/* docs/spreadsheets.md's bounds of a sheet. */
#define SHEET_MAX_ROWS 1048576
#define SHEET_MAX_COLS 16384

/* Warnings the readers collect for rows.c to hand on (rows_warnings). */
typedef struct sheet_warnings {
    rows_warning_t *items;
    size_t n, cap;
} sheet_warnings_t;

/* Counts one occurrence of `reason` (a constant string); the first one's place is kept. */
void sheet_warn(sheet_warnings_t *w, const char *reason, size_t line, size_t column,
                const char *sheet, const char *note);
/* Counts `count` occurrences at once. */
void sheet_warn_n(sheet_warnings_t *w, const char *reason, size_t count, size_t line, size_t column,
                  const char *sheet, const char *note);
/* Forgets every warning (a reader read again from the start counts its cells again). */
void sheet_warnings_clear(sheet_warnings_t *w);
void sheet_warnings_free(sheet_warnings_t *w);

/* A row being built, cell by cell, in any column order. */
typedef struct sheet_row {
    size_t row;     /* 1-based */
    size_t ncols;   /* one more than the highest column set */
    strbuf_t text;  /* every cell's text, each followed by a NUL */
    size_t *starts; /* per column: offset in text + 1, 0 when the cell is empty */
    size_t *lens;   /* per column */
    unsigned char *types;
    int64_t *values;
    size_t cap;      /* columns allocated */
    size_t nonempty; /* cells set with a non-empty value */
    int too_long;    /* a cell's text was cut at CSV_MAX_FIELD */
    char **fields;   /* built by sheet_row_finish */
    size_t capfields;
} sheet_row_t;

/* Starts row `row` (1-based), forgetting the previous one's cells. */
void sheet_row_reset(sheet_row_t *r, size_t row);
/* Sets the cell in column `col` (0-based, < SHEET_MAX_COLS) to text s[0..len) of `type`, with
 * `value` for DATETIME, DURATION and BOOL cells. A later set of the same column replaces it. */
void sheet_row_set(sheet_row_t *r, size_t col, rows_cell_t type, const char *s, size_t len,
                   int64_t value);
/* Sets a DATETIME, DURATION or BOOL cell from its value, with its text written as rows.h says. */
void sheet_row_set_value(sheet_row_t *r, size_t col, rows_cell_t type, int64_t value);
/* Points rec at the row's fields (gaps as empty cells); valid until the next reset. */
void sheet_row_finish(sheet_row_t *r, rows_record_t *rec);
void sheet_row_free(sheet_row_t *r);

/* Parses a cell's number s[0..len) exactly as strtod would (without its cost for the common
 * forms: up to 16 digits with a decimal point); 0, or -1 when it is not a number. */
int sheet_parse_number(const char *s, size_t len, double *out);
/* Writes a number as text: integers in full ("1234"), others in their shortest form that reads
 * back as the same double with at most `digits` significant digits (17: exact). Returns buf. */
const char *sheet_number_text(double v, int digits, char buf[40]);
/*
 * A serial day number of the 1900 (date1904 = 0; serial 60 is the nonexistent 1900-02-29,
 * read as 1900-03-01) or 1904 date system → local wall-clock seconds, rounded to the nearest
 * second. Returns 0, or -1 when the serial is not a date (negative, not finite, after 9999).
 */
int sheet_serial_to_local(double serial, int date1904, int64_t *seconds);
/* Writes local wall-clock seconds as "YYYY-MM-DD HH:MM:SS". Returns buf. */
const char *sheet_datetime_text(int64_t seconds, char buf[40]);
/* Writes a duration in seconds as "H:MM:SS" (hours unbounded; "-" before a negative one). */
const char *sheet_duration_text(int64_t seconds, char buf[40]);

/* Writes a 16-bit code point (< 0x10000: a BIFF string's character, an OOXML _xHHHH_ escape) as
 * one to three bytes of UTF-8 at out, which has room for three. Returns the bytes written. */
size_t sheet_utf8_bmp(unsigned cp, char *out);

/* What a number format makes of a number. */
typedef enum {
    SHEET_FMT_GENERAL = 0,
    SHEET_FMT_DATE,     /* has a day, month or year part: a timestamp */
    SHEET_FMT_DURATION, /* only time parts: a duration */
    SHEET_FMT_PERCENT
} sheet_fmt_t;
/* Classifies an Excel format code ("yyyy-mm-dd hh:mm", "[h]:mm:ss", "0.0%", …): only the first
 * section counts; quoted text, escaped characters and [colour]/[$-409] brackets are ignored; an
 * `m` next to an `h` or before an `s` is minutes. */
sheet_fmt_t sheet_format_kind(const char *code);
/* The kind of a built-in Excel number format id. */
sheet_fmt_t sheet_builtin_kind(long id);

/*
 * The XML stream an XML reader (xlsx.c, ods.c, xes.c) is parsing, and the bytes parsed by the
 * streams it closed before (earlier sheets, or passes before a rewind). Such a reader's struct
 * begins with one, so that sheet_xml_bytes serves as its sheet_reader_t.xml_bytes.
 */
struct xmlstream;
typedef struct sheet_xml {
    struct xmlstream *xs; /* NULL between streams */
    uint64_t bytes_done;
} sheet_xml_t;
/* Closes the stream, if one is open, adding its bytes to bytes_done. */
void sheet_xml_end(sheet_xml_t *x);
/* The bytes of XML parsed so far by the reader impl, whose struct begins with a sheet_xml_t. */
uint64_t sheet_xml_bytes(void *impl);

/* The interface rows.c drives a workbook reader through. */
typedef struct sheet_reader {
    void *impl;
    /* Moves to the next sheet in workbook order: 1 with *name set (owned by the reader, valid
     * until close), 0 when no sheet is left, -1 on an error (d filled). */
    int (*next_sheet)(void *impl, const char **name, diag_t *d);
    /* The next non-empty row of the current sheet: 1, 0 at the sheet's end, -1 on an error. */
    int (*next_row)(void *impl, rows_record_t *rec, diag_t *d);
    /* Back to before the first sheet. */
    status_t (*rewind)(void *impl, diag_t *d);
    /* The number of sheets; NULL for a reader of one sheet. */
    size_t (*sheet_count)(void *impl);
    /* Sheet bytes of XML parsed so far; NULL for a reader that parses no XML. */
    uint64_t (*xml_bytes)(void *impl);
    void (*close)(void *impl);
} sheet_reader_t;

/* Each reader's constructor. The display name is for messages; warnings go to w (which must
 * outlive the reader). */
struct zipxml;
/* Takes ownership of z (closed with the reader, also on failure). */
status_t xlsx_open(struct zipxml *z, sheet_warnings_t *w, sheet_reader_t *out, diag_t *d);
status_t ods_open(struct zipxml *z, sheet_warnings_t *w, sheet_reader_t *out, diag_t *d);
status_t xls_open(const char *path, const char *display, sheet_warnings_t *w, sheet_reader_t *out,
                  diag_t *d);
/* An XES event log (xes.c), plain or gzipped, read as one sheet named "log" whose rows are its
 * events, one column per key (copied). */
status_t xes_open(const char *path, const char *display, const rows_xes_key_t *keys, size_t nkeys,
                  sheet_warnings_t *w, sheet_reader_t *out, diag_t *d);
/* The same for a workbook in memory (an inflated .xls.gz): FreeXL reads it from an anonymous
 * in-memory file that lives as long as the reader. */
status_t xls_open_memory(const void *data, size_t size, const char *display, sheet_warnings_t *w,
                         sheet_reader_t *out, diag_t *d);

#endif
