/*
 * csv — a streaming RFC 4180 reader: quoted fields with doubled quotes and line breaks inside,
 * CRLF/LF/CR line ends, a UTF-8 byte-order mark, `,` `;` or tab delimiters (sniffed from the
 * header when not given), blank lines skipped, NUL bytes replaced, gzip inflated within a
 * bound. A record's fields, their bytes and its total bytes are capped (the record says so and
 * its reader rejects it), so memory never grows with a record. Every record carries the
 * physical line it starts on. The bytes read are hashed (SHA-256) for the data-quality report.
 * It does not know what the columns mean: that is profile.c's job.
 */
#ifndef ISO20K_CSV_H
#define ISO20K_CSV_H

#include <stdio.h>

#include "core/diag.h"

typedef struct csv csv_t;

typedef struct csv_record {
    size_t nfields;
    char **fields; /* NUL-terminated; owned by the reader, valid until the next csv_next */
    size_t *lens;
    size_t line;      /* 1-based physical line where the record starts */
    size_t end_line;  /* physical line where it ends (differs when a quoted field spans lines) */
    int too_long;     /* 1: a field exceeded CSV_MAX_FIELD and was cut; 2: the record
                       * exceeded CSV_MAX_RECORD and its end was dropped */
    int unterminated; /* the file ended inside a quoted field */
    size_t too_many;  /* the record's number of fields when above CSV_MAX_FIELDS (only the
                       * first CSV_MAX_FIELDS are kept); 0 otherwise */
} csv_record_t;

/* Bounds on one record, so that its memory never grows with what a file holds: a field's
 * bytes, the fields kept, and all the bytes kept of a record. */
#define CSV_MAX_FIELD ((size_t)16 << 20)
#define CSV_MAX_FIELDS ((size_t)16384)
#define CSV_MAX_RECORD ((size_t)64 << 20)
/* A gzip file may inflate to 100 times its size, or to 1 GiB when that is more
 * (docs/spreadsheets.md's bound on an archive member). */
#define CSV_MAX_INFLATE_RATIO 100
#define CSV_MAX_INFLATED ((unsigned long long)1 << 30)

typedef enum { CSV_ENC_AUTO = 0, CSV_ENC_CP1252 } csv_encoding_t;

/* delimiter 0 = sniff from the first record. */
typedef struct csv_options {
    char delimiter;
    csv_encoding_t encoding;
} csv_options_t;

/* What decoding had to do, for data-quality warnings. */
typedef struct csv_notes {
    const char *encoding; /* "UTF-8", "UTF-16LE", "UTF-16BE", "Windows-1252" */
    int gzip;
    size_t fallback_bytes; /* bytes that were not valid UTF-8, read as Windows-1252 */
    size_t fallback_line;  /* line of the first one */
    int truncated_gzip;    /* the compressed stream ended early or was corrupt */
    size_t nul_bytes;      /* NUL bytes, each read as U+FFFD */
    size_t nul_line;       /* line of the first one */
    size_t bad_utf16;      /* UTF-16 code units with no pair (lone surrogates, an odd last
                            * byte), each read as U+FFFD */
    size_t bad_utf16_line; /* line of the first one */
    int inflate_bound;     /* reading stopped: the gzip stream passed the inflation bound */
    size_t inflate_line;   /* the line reached then */
} csv_notes_t;

/*
 * Opens `path` for reading. ST_NOINPUT (with the system's reason in d) when it cannot be opened.
 * The reader is freed with csv_close.
 */
status_t csv_open(const char *path, const csv_options_t *opt, csv_t **out, diag_t *d);
/* Reads from an open stream the caller keeps owning (tests use fmemopen). */
csv_t *csv_open_stream(FILE *f, const csv_options_t *opt);
/* Reads the next record: 1 when *rec is filled, 0 at the end, -1 on a read error or when a
 * gzip stream passes the inflation bound (csv_notes(csv)->inflate_bound). */
int csv_next(csv_t *csv, csv_record_t *rec);
/*
 * From here on, parse on a second thread, ahead of the caller (records come out the same, in
 * the same order). csv_bytes and csv_notes are then final only once csv_next has returned 0 or
 * -1. Does nothing with a single core (util_cores) or when no thread can be started.
 */
void csv_read_ahead(csv_t *csv);
/* The delimiter in use (after the first csv_next). */
char csv_delimiter(const csv_t *csv);
/* Reads whatever is left (so the digest covers the whole file) and returns the hex SHA-256. */
const char *csv_sha256(csv_t *csv);
/* Bytes of the file consumed so far. */
size_t csv_bytes(const csv_t *csv);
/* What decoding noticed so far. */
const csv_notes_t *csv_notes(const csv_t *csv);
void csv_close(csv_t *csv);

#endif
