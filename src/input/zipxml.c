/*
 * zipxml — libzip and expat behind one interface. The archive is opened read-only; a member is
 * read through zip_fread into a 64 KiB buffer that expat owns (XML_GetBuffer), so a pause leaves
 * the unparsed rest of the buffer inside expat and resuming needs no copy. Expat allocates
 * through the project's wrappers (out of memory exits 71), except that one allocation above
 * 64 MiB (a single token that large: a crafted file) is refused, which expat reports as its own
 * error and we as bad input.
 */
#include "input/zipxml.h"

#include <errno.h>
#include <expat.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>
#include <zlib.h>

#define CHUNK (64 * 1024)
#define XML_MAX_ALLOC ((size_t)64 << 20)

struct zipxml {
    zip_t *zip;
    void *mem; /* the archive's bytes when opened from memory */
    char *display;
};

/* ---- archives ---- */

static status_t S_zip_error(int code, const char *display, diag_t *d)
{
    zip_error_t ze;
    zip_error_init_with_code(&ze, code);
    status_t st;
    switch (code) {
    case ZIP_ER_NOENT:
    case ZIP_ER_OPEN:
    case ZIP_ER_READ:
    case ZIP_ER_SEEK:
        st = diag_set(d, ST_NOINPUT, display, 0, 0, "cannot read the file: %s",
                      zip_error_strerror(&ze));
        break;
    case ZIP_ER_NOZIP:
        st = diag_set(d, ST_DATA, display, 0, 0,
                      "a damaged or truncated zip archive (its central directory is missing): "
                      "export the file again");
        break;
    case ZIP_ER_INCONS:
        st = diag_set(d, ST_DATA, display, 0, 0,
                      "a damaged zip archive (its directory is inconsistent): export the file "
                      "again");
        break;
    case ZIP_ER_MEMORY:
        st = diag_set(d, ST_NOMEM, display, 0, 0, "out of memory opening the zip archive");
        break;
    default:
        st = diag_set(d, ST_DATA, display, 0, 0, "cannot read the zip archive: %s",
                      zip_error_strerror(&ze));
        break;
    }
    zip_error_fini(&ze);
    return st;
}

status_t zipxml_open_file(const char *path, const char *display, zipxml_t **out, diag_t *d)
{
    *out = NULL;
    int err = 0;
    zip_t *zip = zip_open(path, ZIP_RDONLY, &err);
    if (!zip)
        return S_zip_error(err, display, d);
    zipxml_t *z = xcalloc(1, sizeof *z);
    z->zip = zip;
    z->display = xstrdup(display);
    *out = z;
    return ST_OK;
}

status_t zipxml_open_memory(void *data, size_t size, const char *display, zipxml_t **out, diag_t *d)
{
    *out = NULL;
    zip_error_t ze;
    zip_error_init(&ze);
    zip_source_t *src = zip_source_buffer_create(data, size, 0, &ze);
    zip_t *zip = src ? zip_open_from_source(src, ZIP_RDONLY, &ze) : NULL;
    if (!zip) {
        int code = zip_error_code_zip(&ze);
        zip_error_fini(&ze);
        if (src)
            zip_source_free(src);
        free(data);
        return S_zip_error(code, display, d);
    }
    zip_error_fini(&ze);
    zipxml_t *z = xcalloc(1, sizeof *z);
    z->zip = zip;
    z->mem = data;
    z->display = xstrdup(display);
    *out = z;
    return ST_OK;
}

void zipxml_close(zipxml_t *z)
{
    if (!z)
        return;
    zip_discard(z->zip); /* read-only: nothing to write back */
    free(z->mem);
    free(z->display);
    free(z);
}

const char *zipxml_display(const zipxml_t *z)
{
    return z->display;
}

static zip_int64_t S_locate(const zipxml_t *z, const char *name)
{
    if (name[0] == '/')
        name++;
    zip_int64_t i = zip_name_locate(z->zip, name, ZIP_FL_NOCASE);
    return i;
}

int zipxml_has(const zipxml_t *z, const char *name)
{
    return S_locate(z, name) >= 0;
}

/* An open member with what its bounds need. */
typedef struct member {
    zip_file_t *zf;
    zip_uint64_t declared, comp; /* sizes from the directory (UINT64_MAX when not given) */
    uint64_t inflated;
} member_t;

static status_t S_member_open(zipxml_t *z, const char *name, member_t *m, diag_t *d)
{
    memset(m, 0, sizeof *m);
    zip_int64_t idx = S_locate(z, name);
    if (idx < 0)
        return diag_set(d, ST_DATA, z->display, 0, 0, "the archive has no member '%s'", name);
    zip_stat_t st;
    zip_stat_init(&st);
    if (zip_stat_index(z->zip, (zip_uint64_t)idx, 0, &st) != 0)
        return diag_set(d, ST_DATA, z->display, 0, 0, "cannot read the directory entry of '%s'",
                        name);
    if ((st.valid & ZIP_STAT_ENCRYPTION_METHOD) && st.encryption_method != ZIP_EM_NONE)
        return diag_set(d, ST_DATA, z->display, 0, 0,
                        "a password-protected archive: save it without a password");
    m->declared = (st.valid & ZIP_STAT_SIZE) ? st.size : UINT64_MAX;
    m->comp = (st.valid & ZIP_STAT_COMP_SIZE) ? st.comp_size : UINT64_MAX;
    if (m->declared != UINT64_MAX && m->comp != UINT64_MAX && m->declared > ZIPXML_MAX_INFLATED &&
        m->declared / ZIPXML_MAX_RATIO > m->comp)
        return diag_set(d, ST_DATA, z->display, 0, 0,
                        "member '%s' would inflate from %llu to %llu bytes (more than %d times "
                        "and more than 1 GiB): a zip bomb, not an export",
                        name, (unsigned long long)m->comp, (unsigned long long)m->declared,
                        ZIPXML_MAX_RATIO);
    m->zf = zip_fopen_index(z->zip, (zip_uint64_t)idx, 0);
    if (!m->zf) {
        zip_error_t *ze = zip_get_error(z->zip);
        int code = zip_error_code_zip(ze);
        if (code == ZIP_ER_NOPASSWD || code == ZIP_ER_WRONGPASSWD || code == ZIP_ER_ENCRNOTSUPP)
            return diag_set(d, ST_DATA, z->display, 0, 0,
                            "a password-protected archive: save it without a password");
        if (code == ZIP_ER_MEMORY)
            return diag_set(d, ST_NOMEM, z->display, 0, 0, "out of memory");
        return diag_set(d, ST_DATA, z->display, 0, 0, "cannot read member '%s': %s", name,
                        zip_error_strerror(ze));
    }
    return ST_OK;
}

/* Reads up to cap inflated bytes of the member: the count, 0 at its end, -1 on an error. */
static long S_member_read(zipxml_t *z, member_t *m, const char *name, void *buf, size_t cap,
                          diag_t *d)
{
    zip_int64_t n = zip_fread(m->zf, buf, cap);
    if (n < 0) {
        zip_error_t *ze = zip_file_get_error(m->zf);
        diag_set(d, ST_DATA, z->display, 0, 0,
                 "member '%s' is damaged (%s): the archive is truncated or corrupt", name,
                 zip_error_strerror(ze));
        return -1;
    }
    m->inflated += (uint64_t)n;
    if (m->declared != UINT64_MAX && m->inflated > m->declared) {
        diag_set(d, ST_DATA, z->display, 0, 0,
                 "member '%s' inflates beyond the %llu bytes its directory entry declares: a "
                 "damaged or crafted archive",
                 name, (unsigned long long)m->declared);
        return -1;
    }
    if (m->inflated > ZIPXML_MAX_INFLATED && m->comp != UINT64_MAX &&
        m->inflated / ZIPXML_MAX_RATIO > m->comp) {
        diag_set(d, ST_DATA, z->display, 0, 0,
                 "member '%s' inflates to more than %d times its compressed size and more than "
                 "1 GiB: a zip bomb, not an export",
                 name, ZIPXML_MAX_RATIO);
        return -1;
    }
    return (long)n;
}

status_t zipxml_read(zipxml_t *z, const char *name, size_t max, int required, strbuf_t *out,
                     diag_t *d)
{
    strbuf_reset(out);
    if (!zipxml_has(z, name)) {
        if (!required)
            return ST_OK;
        return diag_set(d, ST_DATA, z->display, 0, 0, "the archive has no member '%s'", name);
    }
    member_t m;
    status_t st = S_member_open(z, name, &m, d);
    if (st != ST_OK)
        return st;
    char buf[CHUNK];
    long n;
    while ((n = S_member_read(z, &m, name, buf, sizeof buf, d)) > 0) {
        if (out->len + (size_t)n > max) {
            st = diag_set(d, ST_DATA, z->display, 0, 0, "member '%s' is larger than %zu bytes",
                          name, max);
            goto done;
        }
        strbuf_append(out, buf, (size_t)n);
    }
    if (n < 0)
        st = d->status;
done:
    zip_fclose(m.zf);
    return st;
}

status_t zipxml_scan(zipxml_t *z, const char *name, int (*fn)(void *ctx, const char *buf, size_t n),
                     void *ctx, diag_t *d)
{
    member_t m;
    status_t st = S_member_open(z, name, &m, d);
    if (st != ST_OK)
        return st;
    char *buf = xmalloc(CHUNK);
    long n;
    while ((n = S_member_read(z, &m, name, buf, CHUNK, d)) > 0)
        if (fn(ctx, buf, (size_t)n))
            break;
    if (n < 0)
        st = d->status;
    free(buf);
    zip_fclose(m.zf);
    return st;
}

/* ---- streaming XML ---- */

struct xmlstream {
    XML_Parser p;
    xml_handlers_t h;
    char *display; /* the file, for messages */
    char *member;  /* the member, or NULL for a plain file */
    /* a zip member */
    zipxml_t *z;
    member_t m;
    /* a plain file, maybe gzipped */
    FILE *f;
    int gz;
    z_stream zs;
    int zs_open, raw_eof;
    unsigned char raw[CHUNK];
    uint64_t raw_bytes;
    uint64_t bytes; /* inflated bytes handed to expat */
    int suspended, final_fed, pause_wanted;
    int failed;           /* a handler failed: msg holds why */
    status_t fail_status; /* … or a read failed */
    diag_t fail;
};

static void *S_xml_malloc(size_t size)
{
    return size > XML_MAX_ALLOC ? NULL : xmalloc(size);
}

static void *S_xml_realloc(void *p, size_t size)
{
    return size > XML_MAX_ALLOC ? NULL : xrealloc(p, size);
}

static const XML_Memory_Handling_Suite XML_MEMORY = {S_xml_malloc, S_xml_realloc, free};

static void XMLCALL S_on_start(void *ud, const XML_Char *name, const XML_Char **attrs)
{
    xmlstream_t *s = ud;
    if (!s->failed && s->h.start)
        s->h.start(s->h.ctx, name, attrs);
}

static void XMLCALL S_on_end(void *ud, const XML_Char *name)
{
    xmlstream_t *s = ud;
    if (!s->failed && s->h.end)
        s->h.end(s->h.ctx, name);
}

static void XMLCALL S_on_text(void *ud, const XML_Char *text, int len)
{
    xmlstream_t *s = ud;
    if (!s->failed && s->h.text)
        s->h.text(s->h.ctx, text, len);
}

static void XMLCALL S_on_doctype(void *ud, const XML_Char *name, const XML_Char *sysid,
                                 const XML_Char *pubid, int has_internal_subset)
{
    (void)name, (void)sysid, (void)pubid, (void)has_internal_subset;
    xmlstream_fail(ud, 0, 0,
                   "a document type declaration (<!DOCTYPE>) is not accepted: entity "
                   "declarations are never expanded");
}

static void XMLCALL S_on_entity(void *ud, const XML_Char *name, int is_param, const XML_Char *value,
                                int value_length, const XML_Char *base, const XML_Char *sysid,
                                const XML_Char *pubid, const XML_Char *notation)
{
    (void)is_param, (void)value, (void)value_length, (void)base, (void)sysid, (void)pubid;
    (void)notation;
    xmlstream_fail(ud, 0, 0, "an entity declaration (<!ENTITY %s>) is not accepted", name);
}

static int XMLCALL S_on_external(XML_Parser p, const XML_Char *context, const XML_Char *base,
                                 const XML_Char *sysid, const XML_Char *pubid)
{
    (void)p, (void)context, (void)base, (void)sysid, (void)pubid;
    return XML_STATUS_ERROR; /* never fetched */
}

static xmlstream_t *S_stream_new(const char *display, const char *member, int namespaces,
                                 const xml_handlers_t *h)
{
    xmlstream_t *s = xcalloc(1, sizeof *s);
    s->h = *h;
    s->display = xstrdup(display);
    s->member = member ? xstrdup(member) : NULL;
    s->p = XML_ParserCreate_MM(NULL, &XML_MEMORY, namespaces ? "|" : NULL);
    if (!s->p) {
        fprintf(stderr, "iso20k: error: out of memory (creating an XML parser)\n");
        exit(UTIL_EXIT_OOM);
    }
    XML_SetUserData(s->p, s);
    XML_SetElementHandler(s->p, S_on_start, S_on_end);
    XML_SetCharacterDataHandler(s->p, S_on_text);
    XML_SetStartDoctypeDeclHandler(s->p, S_on_doctype);
    XML_SetEntityDeclHandler(s->p, S_on_entity);
    XML_SetExternalEntityRefHandler(s->p, S_on_external);
    XML_SetParamEntityParsing(s->p, XML_PARAM_ENTITY_PARSING_NEVER);
    return s;
}

status_t xmlstream_open_member(zipxml_t *z, const char *name, int namespaces,
                               const xml_handlers_t *h, xmlstream_t **out, diag_t *d)
{
    *out = NULL;
    member_t m;
    status_t st = S_member_open(z, name, &m, d);
    if (st != ST_OK)
        return st;
    xmlstream_t *s = S_stream_new(z->display, name, namespaces, h);
    s->z = z;
    s->m = m;
    *out = s;
    return ST_OK;
}

status_t xmlstream_open_file(const char *path, const char *display, int namespaces,
                             const xml_handlers_t *h, xmlstream_t **out, diag_t *d)
{
    *out = NULL;
    FILE *f = fopen(path, "rb");
    if (!f)
        return diag_set(d, ST_NOINPUT, display, 0, 0, "cannot open input file: %s",
                        strerror(errno));
    xmlstream_t *s = S_stream_new(display, NULL, namespaces, h);
    s->f = f;
    int c1 = getc(f), c2 = getc(f);
    s->gz = c1 == 0x1f && c2 == 0x8b;
    rewind(f);
    if (s->gz) {
        if (inflateInit2(&s->zs, 15 + 32) != Z_OK) {
            xmlstream_close(s);
            return diag_set(d, ST_NOMEM, display, 0, 0, "cannot start inflating");
        }
        s->zs_open = 1;
    }
    *out = s;
    return ST_OK;
}

/* Reads up to cap bytes for expat from a plain (maybe gzipped) file: count, 0 at the end, -1. */
static long S_file_read(xmlstream_t *s, void *buf, size_t cap, diag_t *d)
{
    if (!s->gz) {
        size_t n = fread(buf, 1, cap, s->f);
        if (n == 0 && ferror(s->f)) {
            diag_set(d, ST_NOINPUT, s->display, 0, 0, "read error: %s", strerror(errno));
            return -1;
        }
        return (long)n;
    }
    s->zs.next_out = buf;
    s->zs.avail_out = (uInt)cap;
    while (s->zs.avail_out == cap) {
        if (s->zs.avail_in == 0 && !s->raw_eof) {
            size_t n = fread(s->raw, 1, sizeof s->raw, s->f);
            if (n == 0) {
                if (ferror(s->f)) {
                    diag_set(d, ST_NOINPUT, s->display, 0, 0, "read error: %s", strerror(errno));
                    return -1;
                }
                s->raw_eof = 1;
            }
            s->raw_bytes += n;
            s->zs.next_in = s->raw;
            s->zs.avail_in = (uInt)n;
        }
        if (s->zs.avail_in == 0 && s->raw_eof)
            break;
        int rc = inflate(&s->zs, Z_NO_FLUSH);
        if (rc == Z_STREAM_END) {
            /* a further gzip member may follow (concatenated files) */
            if (s->zs.avail_in == 0 && s->raw_eof)
                break;
            if (inflateReset(&s->zs) != Z_OK)
                break;
        } else if (rc != Z_OK && rc != Z_BUF_ERROR) {
            diag_set(d, ST_DATA, s->display, 0, 0, "the compressed file is damaged (%s)",
                     s->zs.msg ? s->zs.msg : "inflate error");
            return -1;
        }
    }
    size_t n = cap - s->zs.avail_out;
    if (s->bytes + n > ZIPXML_MAX_INFLATED && (s->bytes + n) / ZIPXML_MAX_RATIO > s->raw_bytes) {
        diag_set(d, ST_DATA, s->display, 0, 0,
                 "the compressed file inflates to more than %d times its size and more than "
                 "1 GiB: a zip bomb, not an export",
                 ZIPXML_MAX_RATIO);
        return -1;
    }
    return (long)n;
}

static int S_fail_out(xmlstream_t *s, diag_t *d)
{
    if (d != &s->fail) {
        diag_set(d, s->fail.status, s->fail.path, s->fail.line, s->fail.column, "%s",
                 s->fail.message ? s->fail.message : "");
    }
    return -1;
}

/* Turns an expat error (or a handler's failure) into the diagnostic. */
static int S_parse_error(xmlstream_t *s, diag_t *d)
{
    if (s->failed)
        return S_fail_out(s, d);
    enum XML_Error code = XML_GetErrorCode(s->p);
    size_t line = (size_t)XML_GetCurrentLineNumber(s->p);
    size_t col = (size_t)XML_GetCurrentColumnNumber(s->p) + 1;
    const char *what =
        code == XML_ERROR_NO_MEMORY ? "an XML token larger than 64 MiB" : XML_ErrorString(code);
    if (s->member)
        diag_set(&s->fail, ST_DATA, s->display, 0, 0,
                 "malformed XML in '%s' at line %zu, column %zu: %s", s->member, line, col,
                 what ? what : "error");
    else
        diag_set(&s->fail, ST_DATA, s->display, line, col, "malformed XML: %s",
                 what ? what : "error");
    s->failed = 1;
    return S_fail_out(s, d);
}

int xmlstream_run(xmlstream_t *s, diag_t *d)
{
    if (s->failed)
        return S_fail_out(s, d);
    if (s->suspended) {
        s->suspended = 0;
        enum XML_Status st = XML_ResumeParser(s->p);
        if (st == XML_STATUS_SUSPENDED) {
            s->suspended = 1;
            return 1;
        }
        if (st == XML_STATUS_ERROR)
            return S_parse_error(s, d);
        if (s->final_fed)
            return 0;
    } else if (s->final_fed) {
        return 0;
    }
    for (;;) {
        void *buf = XML_GetBuffer(s->p, CHUNK);
        if (!buf) {
            fprintf(stderr, "iso20k: error: out of memory (XML buffer)\n");
            exit(UTIL_EXIT_OOM);
        }
        long n = s->f ? S_file_read(s, buf, CHUNK, &s->fail)
                      : S_member_read(s->z, &s->m, s->member, buf, CHUNK, &s->fail);
        if (n < 0) {
            s->failed = 1;
            return S_fail_out(s, d);
        }
        s->bytes += (uint64_t)n;
        s->final_fed = n == 0;
        enum XML_Status st = XML_ParseBuffer(s->p, (int)n, s->final_fed);
        if (st == XML_STATUS_ERROR)
            return S_parse_error(s, d);
        if (st == XML_STATUS_SUSPENDED) {
            s->suspended = 1;
            return 1;
        }
        if (s->final_fed)
            return 0;
    }
}

void xmlstream_pause(xmlstream_t *s)
{
    XML_ParsingStatus ps;
    XML_GetParsingStatus(s->p, &ps);
    if (ps.parsing == XML_PARSING)
        XML_StopParser(s->p, XML_TRUE);
}

void xmlstream_fail(xmlstream_t *s, size_t line, size_t col, const char *fmt, ...)
{
    if (s->failed)
        return;
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    if (line || !s->member) {
        if (!line) {
            line = (size_t)XML_GetCurrentLineNumber(s->p);
            col = (size_t)XML_GetCurrentColumnNumber(s->p) + 1;
        }
        diag_set(&s->fail, ST_DATA, s->display, line, col, "%s", msg);
    } else {
        diag_set(&s->fail, ST_DATA, s->display, 0, 0, "%s (in '%s' at line %zu, column %zu)", msg,
                 s->member, (size_t)XML_GetCurrentLineNumber(s->p),
                 (size_t)XML_GetCurrentColumnNumber(s->p) + 1);
    }
    s->failed = 1;
    XML_ParsingStatus ps;
    XML_GetParsingStatus(s->p, &ps);
    if (ps.parsing == XML_PARSING)
        XML_StopParser(s->p, XML_FALSE);
}

size_t xmlstream_line(const xmlstream_t *s)
{
    return (size_t)XML_GetCurrentLineNumber(s->p);
}

size_t xmlstream_column(const xmlstream_t *s)
{
    return (size_t)XML_GetCurrentColumnNumber(s->p) + 1;
}

uint64_t xmlstream_bytes(const xmlstream_t *s)
{
    return s->bytes;
}

void xmlstream_close(xmlstream_t *s)
{
    if (!s)
        return;
    if (s->m.zf)
        zip_fclose(s->m.zf);
    if (s->zs_open)
        inflateEnd(&s->zs);
    if (s->f)
        fclose(s->f);
    XML_ParserFree(s->p);
    diag_clear(&s->fail);
    free(s->display);
    free(s->member);
    free(s);
}

/* ---- names ---- */

/* Where the local part starts, and whether the name carries a namespace URI ("uri|local"). */
static const char *S_split(const char *name, int *has_uri)
{
    const char *bar = strrchr(name, '|');
    *has_uri = bar != NULL;
    if (bar)
        return bar + 1;
    const char *colon = strrchr(name, ':');
    return colon ? colon + 1 : name;
}

const char *xml_local(const char *name)
{
    int has_uri;
    return S_split(name, &has_uri);
}

int xml_is(const char *name, const char *ns_prefix, const char *local)
{
    int has_uri;
    const char *l = S_split(name, &has_uri);
    if (strcmp(l, local) != 0)
        return 0;
    if (!ns_prefix)
        return 1;
    size_t np = strlen(ns_prefix);
    return has_uri && (size_t)(l - 1 - name) >= np && memcmp(name, ns_prefix, np) == 0;
}

const char *xml_attr(const char **attrs, const char *ns_prefix, const char *local)
{
    for (size_t i = 0; attrs && attrs[i]; i += 2)
        if (xml_is(attrs[i], ns_prefix, local))
            return attrs[i + 1];
    return NULL;
}
