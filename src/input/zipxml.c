/*
 * zipxml — libzip and expat behind one interface. The archive is opened read-only; a member is
 * read through zip_fread into a 64 KiB buffer that expat owns (XML_GetBuffer), so a pause leaves
 * the unparsed rest of the buffer inside expat and resuming needs no copy. Expat allocates
 * through the project's wrappers (out of memory exits 71), except that one allocation above
 * 64 MiB (a single token that large: a crafted file) is refused, which expat reports as its own
 * error and we as bad input.
 */
#include "input/zipxml.h"

#include "core/text.h"

#include <errno.h>
#include <expat.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
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
    arena_t *arena; /* the names and the fast scanner's element and attribute arrays */
    char *display;  /* the file, for messages */
    char *member;   /* the member, or NULL for a plain file */
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
    /* the fast scanner (XMLSTREAM_FAST) */
    int fast;
    char *fbuf;
    size_t fcap, flen, fpos;
    int feof, fdone;
    uint64_t flines;    /* line breaks in the bytes already dropped from fbuf */
    uint64_t fcol_base; /* bytes after the last of them */
    strbuf_t fnames;    /* the open elements' names, each followed by a NUL */
    size_t *fstack;     /* where each starts in fnames */
    size_t fdepth, fcapstack;
    strbuf_t ftag; /* the current tag's name and attributes, decoded */
    size_t *fattr_off;
    const char **fattrs;
    size_t fcapattrs, fcapattrs2;
    strbuf_t ftext; /* text with its references decoded */
    int froot;      /* 0 before the root element, 1 inside it, 2 after it */
    int fseen;      /* a token was read (a byte-order mark and the declaration come first) */
    char *prefill;  /* bytes read before falling back to expat */
    size_t prefill_len;
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

static xmlstream_t *S_stream_new(const char *display, const char *member, int flags,
                                 const xml_handlers_t *h)
{
    int namespaces = flags & XMLSTREAM_NS;
    xmlstream_t *s = xcalloc(1, sizeof *s);
    s->h = *h;
    s->arena = arena_new();
    s->display = arena_strdup(s->arena, display);
    s->member = member ? arena_strdup(s->arena, member) : NULL;
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
    s->fast = !namespaces && (flags & XMLSTREAM_FAST);
    if (s->fast) {
        s->fcap = CHUNK;
        s->fbuf = xmalloc(s->fcap + 1);
        s->fbuf[0] = '\0';
    }
    return s;
}

status_t xmlstream_open_member(zipxml_t *z, const char *name, int flags, const xml_handlers_t *h,
                               xmlstream_t **out, diag_t *d)
{
    *out = NULL;
    member_t m;
    status_t st = S_member_open(z, name, &m, d);
    if (st != ST_OK)
        return st;
    xmlstream_t *s = S_stream_new(z->display, name, flags, h);
    s->z = z;
    s->m = m;
    *out = s;
    return ST_OK;
}

status_t xmlstream_open_file(const char *path, const char *display, int flags,
                             const xml_handlers_t *h, xmlstream_t **out, diag_t *d)
{
    *out = NULL;
    FILE *f = fopen(path, "rb");
    if (!f)
        return diag_set(d, ST_NOINPUT, display, 0, 0, "cannot open input file: %s",
                        strerror(errno));
    xmlstream_t *s = S_stream_new(display, NULL, flags, h);
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

/* Up to cap bytes of the stream's input (inflated): the count, 0 at the end, -1 (s->fail). */
static long S_input(xmlstream_t *s, void *buf, size_t cap)
{
    long n = s->f ? S_file_read(s, buf, cap, &s->fail)
                  : S_member_read(s->z, &s->m, s->member, buf, cap, &s->fail);
    if (n > 0)
        s->bytes += (uint64_t)n;
    return n;
}

static int S_fail_out(xmlstream_t *s, diag_t *d);

/* ---- the fast scanner ----
 *
 * Sheets are large and their markup tiny: expat tokenises them at about 70 MB/s here, which
 * made a 100,000-row sheet take a second on its own. This scanner reads the same documents at
 * several times that speed and checks what the readers rely on: tags balanced and properly
 * nested, one root element, attributes quoted, the five predefined entities and character
 * references only (an undefined entity is an error, as for expat without a DTD), comments,
 * processing instructions and CDATA sections; a document type declaration is refused. It
 * expects UTF-8 (a document declaring another encoding goes to expat instead) and does not
 * validate the UTF-8 of text or names. Same callbacks, same pause and failure semantics. */

/* Character classes of the scanner, one table look-up per byte. */
enum { C_SPACE = 1, C_NAME_END = 2, C_VALUE_SPECIAL = 4 };
static const unsigned char CLASS[256] = {
    ['\t'] = C_SPACE | C_NAME_END | C_VALUE_SPECIAL,
    ['\n'] = C_SPACE | C_NAME_END | C_VALUE_SPECIAL,
    ['\r'] = C_SPACE | C_NAME_END | C_VALUE_SPECIAL,
    [' '] = C_SPACE | C_NAME_END,
    ['/'] = C_NAME_END,
    ['>'] = C_NAME_END,
    ['='] = C_NAME_END,
    ['&'] = C_VALUE_SPECIAL,
    ['<'] = C_VALUE_SPECIAL,
};

static int S_is_space(char c)
{
    return CLASS[(unsigned char)c] & C_SPACE;
}

/* The 1-based line and column of byte p of fbuf. */
static void S_fast_place(const xmlstream_t *s, const char *p, size_t *line, size_t *col)
{
    uint64_t l = s->flines, c = s->fcol_base;
    for (const char *q = s->fbuf; q < p; q++) {
        if (*q == '\n')
            l++, c = 0;
        else
            c++;
    }
    *line = (size_t)l + 1;
    *col = (size_t)c + 1;
}

static int S_fast_error(xmlstream_t *s, const char *p, const char *what)
{
    if (s->failed)
        return -1;
    size_t line, col;
    S_fast_place(s, p, &line, &col);
    if (s->member)
        diag_set(&s->fail, ST_DATA, s->display, 0, 0,
                 "malformed XML in '%s' at line %zu, column %zu: %s", s->member, line, col, what);
    else
        diag_set(&s->fail, ST_DATA, s->display, line, col, "malformed XML: %s", what);
    s->failed = 1;
    return -1;
}

/* Drops the consumed bytes and reads more: 1, 0 at the end of the input, -1 on an error. */
static int S_fast_fill(xmlstream_t *s)
{
    if (s->feof)
        return 0;
    if (s->fpos) {
        const char *last = NULL, *q = s->fbuf, *end = s->fbuf + s->fpos;
        while ((q = memchr(q, '\n', (size_t)(end - q))) != NULL) {
            s->flines++;
            last = q++;
        }
        s->fcol_base = last ? (uint64_t)(end - last - 1) : s->fcol_base + s->fpos;
        memmove(s->fbuf, s->fbuf + s->fpos, s->flen - s->fpos);
        s->flen -= s->fpos;
        s->fpos = 0;
    }
    if (s->flen == s->fcap) {
        if (s->fcap >= XML_MAX_ALLOC)
            return S_fast_error(s, s->fbuf, "an XML token larger than 64 MiB");
        s->fcap *= 2;
        s->fbuf = xrealloc(s->fbuf, s->fcap + 1);
    }
    long n = S_input(s, s->fbuf + s->flen, s->fcap - s->flen);
    if (n < 0) {
        s->failed = 1;
        return -1;
    }
    if (n == 0) {
        s->feof = 1;
        return 0;
    }
    const char *nul = memchr(s->fbuf + s->flen, '\0', (size_t)n);
    s->flen += (size_t)n;
    s->fbuf[s->flen] = '\0';
    if (nul)
        return S_fast_error(s, nul, "not well-formed (a NUL byte)");
    return 1;
}

/* Where the needle ends in [p, end), or NULL. */
static const char *S_find(const char *p, const char *end, const char *needle)
{
    size_t nl = strlen(needle);
    while (p + nl <= end) {
        const char *q = memchr(p, needle[0], (size_t)(end - p));
        if (!q || q + nl > end)
            return NULL;
        if (!memcmp(q, needle, nl))
            return q + nl;
        p = q + 1;
    }
    return NULL;
}

/* The length of the markup token at p ('<'), 0 when it is not complete in [p, end). */
static size_t S_token_len(const char *p, const char *end)
{
    size_t avail = (size_t)(end - p);
    const char *e;
    if (avail < 2)
        return 0;
    if (p[1] == '!') {
        if (avail < 4)
            return 0;
        if (p[2] == '-' && p[3] == '-')
            return (e = S_find(p + 4, end, "-->")) ? (size_t)(e - p) : 0;
        if (avail < 9)
            return 0; /* "<!DOCTYPE" and "<![CDATA[" are told apart by nine bytes */
        if (!memcmp(p, "<![CDATA[", 9))
            return (e = S_find(p + 9, end, "]]>")) ? (size_t)(e - p) : 0;
        return 2; /* a declaration: refused when processed */
    }
    if (p[1] == '?')
        return (e = S_find(p + 2, end, "?>")) ? (size_t)(e - p) : 0;
    char quote = 0;
    for (const char *q = p + 1; q < end; q++) {
        if (quote) {
            if (*q == quote)
                quote = 0;
        } else if (*q == '"' || *q == '\'') {
            quote = *q;
        } else if (*q == '>') {
            return (size_t)(q + 1 - p);
        }
    }
    return 0;
}

/* Appends literal text to sb as XML reads it: line ends become "\n" in text and every line end,
 * tab and newline one space in an attribute value. */
static void S_literal(strbuf_t *sb, const char *t, size_t n, int attr)
{
    for (size_t i = 0; i < n;) {
        size_t run = 0;
        while (i + run < n && t[i + run] != '\r' &&
               (!attr || (t[i + run] != '\n' && t[i + run] != '\t')))
            run++;
        strbuf_append(sb, t + i, run);
        i += run;
        if (i == n)
            break;
        if (t[i] == '\r' && i + 1 < n && t[i + 1] == '\n')
            i++; /* CR LF is one line end */
        strbuf_putc(sb, attr ? ' ' : '\n');
        i++;
    }
}

/* Appends t[0..n) to sb with its references decoded (and its literal line ends and, in an
 * attribute value, whitespace normalised); -1 (error set) on a bad reference. */
static int S_decode(xmlstream_t *s, strbuf_t *sb, const char *t, size_t n, int attr)
{
    size_t i = 0;
    while (i < n) {
        const char *amp = memchr(t + i, '&', n - i);
        size_t run = amp ? (size_t)(amp - t) - i : n - i;
        S_literal(sb, t + i, run, attr);
        i += run;
        if (!amp)
            break;
        const char *semi = memchr(amp, ';', n - i < 12 ? n - i : 12);
        if (!semi)
            return S_fast_error(s, amp, "not well-formed (an '&' that starts no reference)");
        const char *name = amp + 1;
        size_t nl = (size_t)(semi - name);
        static const struct {
            const char *name;
            char c;
        } pre[] = {{"lt", '<'}, {"gt", '>'}, {"amp", '&'}, {"quot", '"'}, {"apos", '\''}};
        int done = 0;
        for (size_t k = 0; k < 5 && !done; k++)
            if (strlen(pre[k].name) == nl && !memcmp(pre[k].name, name, nl)) {
                strbuf_putc(sb, pre[k].c);
                done = 1;
            }
        if (!done && nl >= 2 && name[0] == '#') {
            unsigned long cp = 0;
            int hex = name[1] == 'x';
            size_t k = hex ? 2 : 1;
            if (k == nl)
                return S_fast_error(s, amp, "not well-formed (an empty character reference)");
            for (; k < nl; k++) {
                char c = name[k];
                int v = c >= '0' && c <= '9'          ? c - '0'
                        : hex && c >= 'a' && c <= 'f' ? c - 'a' + 10
                        : hex && c >= 'A' && c <= 'F' ? c - 'A' + 10
                                                      : -1;
                if (v < 0)
                    return S_fast_error(s, amp, "not well-formed (a bad character reference)");
                cp = cp * (hex ? 16 : 10) + (unsigned long)v;
                if (cp > 0x10FFFF)
                    break;
            }
            if (cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp < 0xE000) ||
                (cp < 0x20 && cp != 9 && cp != 10 && cp != 13) || cp == 0xFFFE || cp == 0xFFFF)
                return S_fast_error(s, amp, "reference to invalid character number");
            unsigned char o[4];
            size_t len = text_utf8_encode((uint32_t)cp, o);
            strbuf_append(sb, (const char *)o, len);
            done = 1;
        }
        if (!done)
            return S_fast_error(s, amp, "undefined entity");
        i = (size_t)(semi + 1 - t);
    }
    return 0;
}

/* Character data at t[0..n). */
static int S_fast_text(xmlstream_t *s, const char *t, size_t n)
{
    if (s->froot != 1) {
        for (size_t i = 0; i < n; i++)
            if (!S_is_space(t[i]))
                return S_fast_error(s, t + i,
                                    s->froot ? "junk after document element"
                                             : "syntax error (text before the root element)");
        return 0;
    }
    size_t i = 0;
    while (i < n && t[i] != '&' && t[i] != '\r') /* cell values are short: one pass */
        i++;
    if (i == n) {
        if (s->h.text)
            s->h.text(s->h.ctx, t, (int)n);
        return 0;
    }
    strbuf_reset(&s->ftext);
    if (S_decode(s, &s->ftext, t, n, 0) < 0)
        return -1;
    if (s->h.text && s->ftext.len)
        s->h.text(s->h.ctx, s->ftext.data, (int)s->ftext.len);
    return 0;
}

static int S_name_end(char c)
{
    return CLASS[(unsigned char)c] & C_NAME_END;
}

/* A start tag at p ("<name a='v'…>" or "…/>"), parsed in one pass up to `lim` (the end of the
 * buffer): returns its length, 0 when it does not end before lim, -1 on an error. The name and
 * the attributes are copied into ftag, reserved at once (decoding never makes a value longer),
 * so that the hot path is plain stores. One function on purpose, like the CSV reader's S_next: a
 * state machine over the tag's bytes whose states share the cursor and the reserved output. */
static long S_fast_start(xmlstream_t *s, const char *p, const char *lim)
{
    const char *q = p + 1;
    while (q < lim && !S_name_end(*q))
        q++;
    if (q == lim)
        return 0;
    if (q == p + 1)
        return S_fast_error(s, p, "not well-formed (invalid token)");
    if (s->froot == 2)
        return S_fast_error(s, p, "junk after document element");
    size_t avail = (size_t)(lim - p);
    if (s->ftag.cap < 2 * avail + 8) {
        strbuf_reset(&s->ftag);
        xgrow((void **)&s->ftag.data, &s->ftag.cap, 2 * avail + 8, 1);
    }
    char *o = s->ftag.data;
    size_t namelen = (size_t)(q - p - 1);
    memcpy(o, p + 1, namelen);
    o[namelen] = '\0';
    o += namelen + 1;
    size_t nattr = 0;
    int empty = 0;
    for (;;) {
        int spaced = 0;
        while (q < lim && S_is_space(*q))
            q++, spaced = 1;
        if (q == lim)
            return 0;
        if (*q == '>')
            break;
        if (*q == '/') {
            if (q + 1 == lim)
                return 0;
            if (q[1] != '>')
                return S_fast_error(s, q, "not well-formed (invalid token)");
            empty = 1;
            q++;
            break;
        }
        if (!spaced)
            return S_fast_error(s, q, "not well-formed (invalid token)");
        const char *an = q;
        while (q < lim && !S_name_end(*q))
            q++;
        if (q == lim)
            return 0;
        if (q == an)
            return S_fast_error(s, q, "not well-formed (invalid token)");
        const char *ae = q;
        while (q < lim && S_is_space(*q))
            q++;
        if (q == lim)
            return 0;
        if (*q != '=')
            return S_fast_error(s, q, "not well-formed (invalid token)");
        q++;
        while (q < lim && S_is_space(*q))
            q++;
        if (q == lim)
            return 0;
        if (*q != '"' && *q != '\'')
            return S_fast_error(s, q, "not well-formed (invalid token)");
        char quote = *q++;
        const char *v = q;
        int special = 0;
        for (; q < lim && *q != quote; q++) {
            if (CLASS[(unsigned char)*q] & C_VALUE_SPECIAL) {
                if (*q == '<')
                    return S_fast_error(s, q, "not well-formed");
                special = 1;
            }
        }
        if (q == lim)
            return 0;
        if (2 * nattr + 3 > s->fcapattrs)
            arena_grow(s->arena, (void **)&s->fattr_off, &s->fcapattrs, 2 * nattr + 3,
                       sizeof *s->fattr_off);
        s->fattr_off[2 * nattr] = (size_t)(o - s->ftag.data);
        memcpy(o, an, (size_t)(ae - an));
        o += ae - an;
        *o++ = '\0';
        s->fattr_off[2 * nattr + 1] = (size_t)(o - s->ftag.data);
        size_t vl = (size_t)(q - v);
        if (special) {
            s->ftag.len = (size_t)(o - s->ftag.data);
            if (S_decode(s, &s->ftag, v, vl, 1) < 0)
                return -1;
            o = s->ftag.data + s->ftag.len;
        } else {
            memcpy(o, v, vl);
            o += vl;
        }
        *o++ = '\0';
        nattr++;
        q++; /* the closing quote */
    }
    long len = (long)(q + 1 - p); /* q is at the '>' */
    s->fpos += (size_t)len;
    s->ftag.len = (size_t)(o - s->ftag.data);
    if (2 * nattr + 1 > s->fcapattrs2)
        arena_grow(s->arena, (void **)&s->fattrs, &s->fcapattrs2, 2 * nattr + 1, sizeof *s->fattrs);
    for (size_t i = 0; i < 2 * nattr; i++)
        s->fattrs[i] = s->ftag.data + s->fattr_off[i];
    s->fattrs[2 * nattr] = NULL;
    const char *name = s->ftag.data;
    if (!s->froot)
        s->froot = 1;
    if (!empty) {
        if (s->fdepth + 1 > s->fcapstack)
            arena_grow(s->arena, (void **)&s->fstack, &s->fcapstack, s->fdepth + 1,
                       sizeof *s->fstack);
        s->fstack[s->fdepth++] = s->fnames.len;
        strbuf_append(&s->fnames, name, namelen + 1);
    }
    s->fseen = 1;
    if (s->h.start)
        s->h.start(s->h.ctx, name, s->fattrs);
    if (empty) {
        if (!s->failed && s->h.end)
            s->h.end(s->h.ctx, name);
        if (!s->fdepth)
            s->froot = 2;
    }
    return len;
}

/* An end tag at p ("</name>"). */
static int S_fast_end(xmlstream_t *s, const char *p, size_t n)
{
    const char *q = p + 2, *end = p + n - 1;
    while (q < end && !S_name_end(*q))
        q++;
    size_t nl = (size_t)(q - p - 2);
    while (q < end && S_is_space(*q))
        q++;
    if (q != end || !nl || !s->fdepth)
        return S_fast_error(s, p, "not well-formed (invalid token)");
    size_t off = s->fstack[s->fdepth - 1];
    const char *open = s->fnames.data + off;
    /* the open name and its NUL fill fnames from off to its end */
    if (s->fnames.len - off - 1 != nl || memcmp(open, p + 2, nl))
        return S_fast_error(s, p, "mismatched tag");
    if (s->h.end)
        s->h.end(s->h.ctx, open);
    s->fnames.len = s->fstack[--s->fdepth];
    if (!s->fdepth)
        s->froot = 2;
    return 0;
}

/* "<?xml version='1.0' encoding='…'?>": 1 when it names an encoding other than UTF-8. */
static int S_other_encoding(const char *p, size_t n)
{
    const char *end = p + n, *e = S_find(p, end, "encoding");
    if (!e)
        return 0;
    while (e < end && (S_is_space(*e) || *e == '='))
        e++;
    if (e >= end || (*e != '"' && *e != '\''))
        return 0;
    char quote = *e++;
    const char *v = e;
    while (e < end && *e != quote)
        e++;
    size_t l = (size_t)(e - v);
    return !((l == 5 && !strncasecmp(v, "UTF-8", 5)) || (l == 4 && !strncasecmp(v, "UTF8", 4)));
}

/* A token cut by the end of the buffer: an error when the document ends there, else the buffer
 * is filled further. Returns -1 on an error, 0 to scan on. */
static int S_fast_more(xmlstream_t *s, const char *p)
{
    if (s->feof) {
        S_fast_error(s, p, "unclosed token");
        return -1;
    }
    return S_fast_fill(s) < 0 ? -1 : 0;
}

/* A "<!" token of n bytes at p: CDATA (its text handed on as it stands, or with its CRLF made LF),
 * a comment (skipped), a document type declaration (refused) or an error. Returns -1 on an error.
 */
static int S_fast_bang(xmlstream_t *s, const char *p, size_t n)
{
    if (n >= 9 && !memcmp(p, "<![CDATA[", 9)) {
        if (s->froot != 1)
            return S_fast_error(s, p, "not well-formed (CDATA outside the root element)");
        if (s->h.text && n > 12 && !memchr(p + 9, '\r', n - 12))
            s->h.text(s->h.ctx, p + 9, (int)(n - 12));
        else if (s->h.text && n > 12) {
            strbuf_reset(&s->ftext);
            S_literal(&s->ftext, p + 9, n - 12, 0);
            s->h.text(s->h.ctx, s->ftext.data, (int)s->ftext.len);
        }
        return 0;
    }
    if (n >= 4 && p[2] == '-' && p[3] == '-')
        return 0; /* a comment */
    if (!memcmp(p, "<!DOCTYPE", 9)) {
        xmlstream_fail(s, 0, 0,
                       "a document type declaration (<!DOCTYPE>) is not accepted: entity "
                       "declarations are never expanded");
        return -1;
    }
    return S_fast_error(s, p, "not well-formed (invalid token)");
}

/* The text from p up to the next '<' (or the buffer's end, less a reference the end cuts, which
 * waits for the rest of it) handed on; the buffer filled further when nothing can be handed on
 * yet. Returns -1 on an error. */
static int S_fast_chars(xmlstream_t *s, char *p, char *end)
{
    char *lt = memchr(p, '<', (size_t)(end - p));
    char *stop = lt ? lt : end;
    if (!lt && !s->feof) {
        for (char *a = stop - 1; a >= p && a > stop - 12; a--)
            if (*a == '&') {
                if (!memchr(a, ';', (size_t)(stop - a)))
                    stop = a;
                break;
            }
        if (stop == p)
            return S_fast_fill(s) < 0 ? -1 : 0;
    }
    s->fpos = (size_t)(stop - s->fbuf);
    return S_fast_text(s, p, (size_t)(stop - p)) < 0 ? -1 : 0;
}

/* The fast scanner's main loop: text, tags, comments, CDATA, processing instructions and
 * references in one pass over the buffer, handing each event to the reader as expat would. */
static int S_fast_run(xmlstream_t *s, diag_t *d)
{
    for (;;) {
        if (s->failed)
            return S_fail_out(s, d);
        if (s->pause_wanted) {
            s->pause_wanted = 0;
            return 1;
        }
        if (s->fdone)
            return 0;
        if (!s->fseen && s->flen >= 3 && !memcmp(s->fbuf, "\xEF\xBB\xBF", 3) && s->fpos == 0)
            s->fpos = 3; /* a byte-order mark */
        char *p = s->fbuf + s->fpos, *end = s->fbuf + s->flen;
        if (p == end) {
            int rc = S_fast_fill(s);
            if (rc < 0)
                return S_fail_out(s, d);
            if (rc == 0) {
                if (s->froot != 2) {
                    S_fast_error(s, end,
                                 s->froot ? "unclosed token (the document ends inside "
                                            "an element)"
                                          : "no element found");
                    return S_fail_out(s, d);
                }
                s->fdone = 1;
                return 0;
            }
            continue;
        }
        if (*p != '<') {
            if (S_fast_chars(s, p, end) < 0)
                return S_fail_out(s, d);
            continue;
        }
        if (p + 1 < end && p[1] != '/' && p[1] != '?' && p[1] != '!') {
            /* a start tag, the common token: parsed where it stands */
            long len = S_fast_start(s, p, end);
            if (len < 0)
                return S_fail_out(s, d);
            if (len == 0 && S_fast_more(s, p) < 0)
                return S_fail_out(s, d);
            continue;
        }
        size_t n = S_token_len(p, end);
        if (!n) {
            if (S_fast_more(s, p) < 0)
                return S_fail_out(s, d);
            continue;
        }
        s->fpos += n;
        int rc = 0;
        int first = !s->fseen;
        s->fseen = 1;
        if (p[1] == '/') {
            rc = S_fast_end(s, p, n);
        } else if (p[1] == '?') {
            if (n >= 6 && !strncmp(p, "<?xml", 5) && S_is_space(p[5]) && first &&
                S_other_encoding(p, n)) {
                /* a declared encoding other than UTF-8: expat reads the document */
                s->fast = 0;
                s->prefill = xmalloc(s->flen + 1);
                memcpy(s->prefill, s->fbuf, s->flen);
                s->prefill_len = s->flen;
                return xmlstream_run(s, d);
            }
        } else if (p[1] == '!') {
            rc = S_fast_bang(s, p, n);
        } else {
            rc = S_fast_error(s, p, "not well-formed (invalid token)");
        }
        if (rc < 0)
            return S_fail_out(s, d);
    }
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
    if (s->fast)
        return S_fast_run(s, d);
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
        long n;
        if (s->prefill) { /* what the fast scanner read before handing over */
            buf = XML_GetBuffer(s->p, (int)s->prefill_len);
            if (!buf) {
                fprintf(stderr, "iso20k: error: out of memory (XML buffer)\n");
                exit(UTIL_EXIT_OOM);
            }
            memcpy(buf, s->prefill, s->prefill_len);
            n = (long)s->prefill_len;
            free(s->prefill);
            s->prefill = NULL;
        } else {
            n = S_input(s, buf, CHUNK);
        }
        if (n < 0) {
            s->failed = 1;
            return S_fail_out(s, d);
        }
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
    if (s->fast) {
        s->pause_wanted = 1;
        return;
    }
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
    size_t xl = xmlstream_line(s), xc = xmlstream_column(s);
    if (line || !s->member) {
        if (!line) {
            line = xl;
            col = xc;
        }
        diag_set(&s->fail, ST_DATA, s->display, line, col, "%s", msg);
    } else {
        diag_set(&s->fail, ST_DATA, s->display, 0, 0, "%s (in '%s' at line %zu, column %zu)", msg,
                 s->member, xl, xc);
    }
    s->failed = 1;
    if (s->fast)
        return;
    XML_ParsingStatus ps;
    XML_GetParsingStatus(s->p, &ps);
    if (ps.parsing == XML_PARSING)
        XML_StopParser(s->p, XML_FALSE);
}

size_t xmlstream_line(const xmlstream_t *s)
{
    if (s->fast) {
        size_t line, col;
        S_fast_place(s, s->fbuf + s->fpos, &line, &col);
        return line;
    }
    return (size_t)XML_GetCurrentLineNumber(s->p);
}

size_t xmlstream_column(const xmlstream_t *s)
{
    if (s->fast) {
        size_t line, col;
        S_fast_place(s, s->fbuf + s->fpos, &line, &col);
        return col;
    }
    return (size_t)XML_GetCurrentColumnNumber(s->p) + 1;
}

uint64_t xmlstream_bytes(const xmlstream_t *s)
{
    return s ? s->bytes : 0;
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
    free(s->fbuf); /* grown by hand up to a token's size */
    free(s->prefill);
    strbuf_clear(&s->fnames);
    strbuf_clear(&s->ftag);
    strbuf_clear(&s->ftext);
    diag_clear(&s->fail);
    arena_free(s->arena);
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
