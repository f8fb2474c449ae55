/*
 * zipxml — the one module that owns libzip and expat: opens a zip archive (from a path or from
 * memory), finds its members, reads small ones whole and streams large XML ones through an
 * expat parser that the caller can pause after any element (so that a sheet is read one row
 * at a time, never held whole). Also streams a plain XML file, gzipped or not.
 *
 * Bounds: a member that would inflate to more than 100 times its compressed size and more than
 * 1 GiB is refused, before reading from its declared size and while inflating from the bytes
 * actually produced (a declared size that lies is caught). XML with a document type
 * declaration (hence any entity declaration, internal or external) is refused: no entity is
 * ever expanded or fetched. Malformed XML and damaged archives are ST_DATA errors naming the
 * member and the line and column. It knows nothing of workbooks: xlsx.c, ods.c (and the XES
 * reader) give the meaning.
 */
#ifndef ISO20K_ZIPXML_H
#define ISO20K_ZIPXML_H

#include <stddef.h>
#include <stdint.h>

#include "core/diag.h"
#include "core/util.h"

/* A member inflating beyond both bounds is a zip bomb. */
#define ZIPXML_MAX_RATIO 100
#define ZIPXML_MAX_INFLATED ((uint64_t)1 << 30)

typedef struct zipxml zipxml_t;

/*
 * Opens the zip archive at `path`; `display` is the name used in messages (the path as the
 * user wrote it). ST_NOINPUT when the file cannot be opened, ST_DATA when it is not a zip
 * archive or is damaged or truncated. Free with zipxml_close.
 */
status_t zipxml_open_file(const char *path, const char *display, zipxml_t **out, diag_t *d);
/*
 * Opens a zip archive held in memory; takes ownership of `data` (allocated with xmalloc), which
 * zipxml_close frees. Errors as zipxml_open_file.
 */
status_t zipxml_open_memory(void *data, size_t size, const char *display, zipxml_t **out,
                            diag_t *d);
/* Closes the archive; zipxml_close(NULL) is a no-op. */
void zipxml_close(zipxml_t *z);
/* The name the archive is shown under in messages. */
const char *zipxml_display(const zipxml_t *z);
/* True when the archive holds the member `name` (compared case-insensitively, as OPC does). */
int zipxml_has(const zipxml_t *z, const char *name);

/*
 * Reads the member `name` whole into `out` (replacing its contents). ST_DATA when it is missing
 * (and `required`), larger than `max` bytes, encrypted, damaged or a zip bomb. When the member
 * is missing and not required, *out is left empty and ST_OK returned.
 */
status_t zipxml_read(zipxml_t *z, const char *name, size_t max, int required, strbuf_t *out,
                     diag_t *d);

/*
 * Passes the inflated bytes of member `name` to fn in chunks (fn returns 0 to go on, 1 to stop
 * early). Errors as zipxml_read.
 */
status_t zipxml_scan(zipxml_t *z, const char *name, int (*fn)(void *ctx, const char *buf, size_t n),
                     void *ctx, diag_t *d);

/* ---- streaming XML ---- */

/*
 * Callbacks. `attrs` is expat's NULL-terminated name/value array. Use xml_local or xml_is to
 * compare names whatever their namespace or prefix.
 */
typedef struct xml_handlers {
    void *ctx;
    void (*start)(void *ctx, const char *name, const char **attrs);
    void (*end)(void *ctx, const char *name);
    void (*text)(void *ctx, const char *s, int len); /* may be NULL */
} xml_handlers_t;

typedef struct xmlstream xmlstream_t;

/* How a stream parses (flags, or-ed). */
#define XMLSTREAM_NS 1 /* names arrive as "URI|local" (expat's namespace processing) */
#define XMLSTREAM_FAST                                                                             \
    2 /* without XMLSTREAM_NS: a scanner several times faster than expat for                       \
       * large UTF-8 documents (sheets), with the same checks the readers need */

/*
 * Streams the member `name` of z (which must outlive the stream), parsed as `flags` say: with
 * XMLSTREAM_NS names arrive as "URI|local"; without, as written ("x:c", "row"). ST_DATA when
 * the member is missing.
 */
status_t xmlstream_open_member(zipxml_t *z, const char *name, int flags, const xml_handlers_t *h,
                               xmlstream_t **out, diag_t *d);
/*
 * Streams a plain XML file, inflating it when it starts with the gzip magic; `display` is its
 * name in messages. ST_NOINPUT when it cannot be opened.
 */
status_t xmlstream_open_file(const char *path, const char *display, int flags,
                             const xml_handlers_t *h, xmlstream_t **out, diag_t *d);
/*
 * Parses until a handler calls xmlstream_pause (returns 1), the document ends (0) or an error
 * (-1, with d filled: ST_DATA with the member, line and column; ST_NOINPUT on a read error).
 * After a pause, the next call resumes where the parser stopped.
 */
int xmlstream_run(xmlstream_t *s, diag_t *d);
/* From a handler: stop after this callback; xmlstream_run then returns 1. Only from an end
 * handler or a text handler (expat may still report the end of an empty element otherwise). */
void xmlstream_pause(xmlstream_t *s);
/*
 * From a handler: stop with an ST_DATA error; xmlstream_run then returns -1 with this message.
 * It is placed at FILE:line:col when line is not 0 (a sheet's row and column), else at the
 * parser's place (inside a member, the member's name and its line and column are added to the
 * message). The message is printf-formatted.
 */
void xmlstream_fail(xmlstream_t *s, size_t line, size_t col, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
/* The 1-based line and column of the event being reported. */
size_t xmlstream_line(const xmlstream_t *s);
size_t xmlstream_column(const xmlstream_t *s);
/* Inflated bytes parsed so far (for throughput figures); 0 for NULL. */
uint64_t xmlstream_bytes(const xmlstream_t *s);
/* Closes the stream; xmlstream_close(NULL) is a no-op. */
void xmlstream_close(xmlstream_t *s);

/* The local part of a name ("uri|local" or "prefix:local" → "local"). */
const char *xml_local(const char *name);
/* True when the name is `local` in the namespace whose URI starts with `ns_prefix` (NULL: any
 * namespace or none; a stream without namespaces never matches a non-NULL ns_prefix). */
int xml_is(const char *name, const char *ns_prefix, const char *local);
/* The value of the attribute whose local name is `local` (any namespace when ns_prefix is
 * NULL), or NULL. */
const char *xml_attr(const char **attrs, const char *ns_prefix, const char *local);

#endif
