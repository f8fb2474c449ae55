/*
 * detect — what a source file is, from its first bytes and never from its name
 * (docs/spreadsheets.md): a zip archive holding an Excel workbook (.xlsx) or an OpenDocument
 * spreadsheet (.ods), an OLE2 compound file holding a legacy Excel workbook (.xls), any of them
 * gzipped, an XES event log, or text read as CSV. Whatever else it recognises (a PDF, an HTML page,
 * a Word document, a password-protected workbook, an Excel 2003 XML file, a zip of something else)
 * is refused with a message that says what the file is and what to export instead. It reads no
 * rows.
 */
#ifndef ISO20K_DETECT_H
#define ISO20K_DETECT_H

#include <stddef.h>

#include "core/diag.h"
#include "core/util.h"
#include "input/rows.h"

struct zipxml;

typedef struct detect_result {
    rows_format_t format;
    int gzip;            /* the file was gzip-compressed */
    struct zipxml *zip;  /* xlsx, ods: the open archive, owned (hand it on or free it) */
    unsigned char *data; /* xls in gzip: the inflated workbook (xmalloc'ed, owned) */
    size_t size;
} detect_result_t;

/*
 * Detects the format of the file at `path` (`display` names it in messages). ST_NOINPUT when it
 * cannot be opened or read; ST_DATA when it is something this program does not read as a table,
 * or a damaged or oversized archive. Free the result with detect_result_free.
 */
status_t detect_file(const char *path, const char *display, detect_result_t *out, diag_t *d);
/* The same for bytes in memory (tests and fuzzing); a zip found here is opened from a copy. */
status_t detect_memory(const void *data, size_t size, const char *display, detect_result_t *out,
                       diag_t *d);
/* Frees what the result owns; safe on a zeroed result. */
void detect_result_free(detect_result_t *r);

/* What an OLE2 compound file holds (its stream names, found in its directory). */
typedef enum {
    OLE2_OTHER = 0,
    OLE2_WORKBOOK,  /* a Workbook or Book stream: a legacy Excel workbook */
    OLE2_ENCRYPTED, /* an EncryptedPackage stream: a password-protected OOXML file */
    OLE2_WORD,      /* WordDocument */
    OLE2_POWERPOINT /* PowerPoint Document */
} ole2_kind_t;
/* Reads the directory of the compound file in data[0..size): never beyond its bounds, never
 * looping on a cyclic sector chain. Returns OLE2_OTHER for a damaged directory. */
ole2_kind_t detect_ole2_kind(const unsigned char *data, size_t size);

/*
 * Reads the first stream of the compound file data[0..size) named one of `names` (a
 * NULL-terminated list, compared case-insensitively) into out, following its chain through the
 * FAT or, for a small stream, the mini FAT. Returns 0, or -1 when there is no such stream or its
 * chain is damaged (out may then hold a part of it).
 */
int detect_ole2_stream(const unsigned char *data, size_t size, const char *const *names,
                       strbuf_t *out);

#endif
