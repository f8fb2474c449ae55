/*
 * detect — magic bytes first (zip, OLE2, gzip), then a look at the first 4 KiB of text. A zip is
 * opened (through zipxml) to see which members it holds; an OLE2 file's directory is walked to
 * find its stream names (only the sectors of the directory chain and the FAT entries they need
 * are read). A gzipped file is inflated far enough to see what it wraps; a gzipped zip or OLE2
 * workbook is inflated whole into memory, since a zip is read from its end.
 */
#include "input/detect.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <zlib.h>

#include "input/zipxml.h"

#define PROBE 4096

static const char EXPORT_INSTEAD[] = "export the list as CSV or Excel (.xlsx) instead";

/* ---- OLE2 compound files ---- */

typedef struct bytesrc {
    const unsigned char *mem;
    size_t size;
    FILE *f;
} bytesrc_t;

static int S_read_at(const bytesrc_t *s, uint64_t off, void *buf, size_t n)
{
    if (off > s->size || n > s->size - off)
        return -1;
    if (s->mem) {
        memcpy(buf, s->mem + off, n);
        return 0;
    }
    if (fseeko(s->f, (off_t)off, SEEK_SET) != 0 || fread(buf, 1, n, s->f) != n)
        return -1;
    return 0;
}

static uint32_t S_u32(const unsigned char *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

#define OLE_END 0xFFFFFFFAu /* this and above: no further sector */

typedef struct ole {
    const bytesrc_t *src;
    uint32_t ssz;
    unsigned char hdr[512];
    uint64_t nsectors; /* sectors the file can hold: a bound on every chain */
} ole_t;

static uint64_t S_sector_off(const ole_t *o, uint32_t sec)
{
    return ((uint64_t)sec + 1) * o->ssz;
}

/* The FAT sector holding entry `idx` of the FAT (through the DIFAT), or OLE_END. */
static uint32_t S_difat(const ole_t *o, uint64_t idx)
{
    if (idx < 109)
        return S_u32(o->hdr + 0x4C + idx * 4);
    uint64_t per = o->ssz / 4 - 1;
    uint64_t j = idx - 109;
    uint32_t sec = S_u32(o->hdr + 0x44);
    for (uint64_t hops = 0; j >= per; hops++) {
        if (sec >= OLE_END || hops > o->nsectors)
            return OLE_END;
        unsigned char b[4];
        if (S_read_at(o->src, S_sector_off(o, sec) + o->ssz - 4, b, 4) != 0)
            return OLE_END;
        sec = S_u32(b);
        j -= per;
    }
    if (sec >= OLE_END)
        return OLE_END;
    unsigned char b[4];
    if (S_read_at(o->src, S_sector_off(o, sec) + j * 4, b, 4) != 0)
        return OLE_END;
    return S_u32(b);
}

/* The sector after `sec` in its chain, or OLE_END. */
static uint32_t S_fat_next(const ole_t *o, uint32_t sec)
{
    uint64_t per = o->ssz / 4;
    uint32_t fatsec = S_difat(o, sec / per);
    if (fatsec >= OLE_END)
        return OLE_END;
    unsigned char b[4];
    if (S_read_at(o->src, S_sector_off(o, fatsec) + (sec % per) * 4, b, 4) != 0)
        return OLE_END;
    return S_u32(b);
}

/* A directory entry's name, as ASCII (other characters as '?'). */
static void S_entry_name(const unsigned char *e, char out[33])
{
    size_t nbytes = (size_t)e[0x40] | (size_t)e[0x41] << 8;
    size_t n = nbytes >= 2 ? nbytes / 2 - 1 : 0;
    if (n > 32)
        n = 32;
    for (size_t i = 0; i < n; i++) {
        unsigned c = (unsigned)e[2 * i] | (unsigned)e[2 * i + 1] << 8;
        out[i] = c < 128 ? (char)c : '?';
    }
    out[n] = '\0';
}

static ole2_kind_t S_ole2_kind(const bytesrc_t *src)
{
    ole_t o;
    memset(&o, 0, sizeof o);
    o.src = src;
    if (S_read_at(src, 0, o.hdr, sizeof o.hdr) != 0)
        return OLE2_OTHER;
    unsigned shift = (unsigned)o.hdr[0x1E] | (unsigned)o.hdr[0x1F] << 8;
    if (shift != 9 && shift != 12)
        return OLE2_OTHER;
    o.ssz = 1u << shift;
    o.nsectors = src->size / o.ssz + 1;
    ole2_kind_t kind = OLE2_OTHER;
    uint32_t sec = S_u32(o.hdr + 0x30);
    unsigned char *buf = xmalloc(o.ssz);
    for (uint64_t hops = 0; sec < OLE_END && hops <= o.nsectors; hops++) {
        if (S_read_at(src, S_sector_off(&o, sec), buf, o.ssz) != 0)
            break;
        for (uint32_t k = 0; k + 128 <= o.ssz; k += 128) {
            const unsigned char *e = buf + k;
            if (e[0x42] != 2) /* streams only */
                continue;
            char name[33];
            S_entry_name(e, name);
            if (!strcasecmp(name, "EncryptedPackage"))
                kind = OLE2_ENCRYPTED;
            else if ((!strcasecmp(name, "Workbook") || !strcasecmp(name, "Book")) &&
                     kind != OLE2_ENCRYPTED)
                kind = OLE2_WORKBOOK;
            else if (!strcasecmp(name, "WordDocument") && kind == OLE2_OTHER)
                kind = OLE2_WORD;
            else if (!strcasecmp(name, "PowerPoint Document") && kind == OLE2_OTHER)
                kind = OLE2_POWERPOINT;
        }
        sec = S_fat_next(&o, sec);
    }
    free(buf);
    return kind;
}

/* Appends the sectors of the chain starting at `sec` to out, up to `limit` bytes; -1 when the
 * chain leaves the file. */
static int S_chain(const ole_t *o, uint32_t sec, uint64_t limit, strbuf_t *out)
{
    unsigned char *buf = xmalloc(o->ssz);
    int rc = 0;
    for (uint64_t hops = 0; sec < OLE_END && out->len < limit; hops++) {
        if (hops > o->nsectors || S_read_at(o->src, S_sector_off(o, sec), buf, o->ssz) != 0) {
            rc = -1;
            break;
        }
        uint64_t want = limit - out->len < o->ssz ? limit - out->len : o->ssz;
        strbuf_append(out, (const char *)buf, (size_t)want);
        sec = S_fat_next(o, sec);
    }
    free(buf);
    return rc;
}

int detect_ole2_stream(const unsigned char *data, size_t size, const char *const *names,
                       strbuf_t *out)
{
    bytesrc_t src = {data, size, NULL};
    ole_t o;
    memset(&o, 0, sizeof o);
    o.src = &src;
    strbuf_reset(out);
    if (S_read_at(&src, 0, o.hdr, sizeof o.hdr) != 0)
        return -1;
    unsigned shift = (unsigned)o.hdr[0x1E] | (unsigned)o.hdr[0x1F] << 8;
    unsigned mshift = (unsigned)o.hdr[0x20] | (unsigned)o.hdr[0x21] << 8;
    if ((shift != 9 && shift != 12) || mshift > 12)
        return -1;
    o.ssz = 1u << shift;
    o.nsectors = size / o.ssz + 1;
    uint32_t cutoff = S_u32(o.hdr + 0x38);
    /* the directory: the root entry (the mini stream) and the wanted stream */
    strbuf_t dir = {0};
    if (S_chain(&o, S_u32(o.hdr + 0x30), (uint64_t)size, &dir) != 0 && !dir.len) {
        strbuf_clear(&dir);
        return -1;
    }
    const unsigned char *root = NULL, *entry = NULL;
    for (size_t k = 0; k + 128 <= dir.len && !entry; k += 128) {
        const unsigned char *e = (const unsigned char *)dir.data + k;
        char name[33];
        S_entry_name(e, name);
        if (e[0x42] == 5 && !root)
            root = e;
        for (const char *const *n = names; e[0x42] == 2 && *n; n++)
            if (!strcasecmp(name, *n))
                entry = e;
    }
    int rc = -1;
    if (entry) {
        uint32_t start = S_u32(entry + 0x74);
        uint64_t len = S_u32(entry + 0x78);
        if (len > size)
            len = size; /* a stream cannot be longer than the file */
        if (len >= cutoff || !root) {
            rc = S_chain(&o, start, len, out) == 0 && out->len == len ? 0 : -1;
        } else {
            /* a small stream lives in the mini stream, in 64-byte sectors chained by the mini
             * FAT */
            strbuf_t minifat = {0}, ministream = {0};
            S_chain(&o, S_u32(o.hdr + 0x3C), (uint64_t)size, &minifat);
            S_chain(&o, S_u32(root + 0x74), (uint64_t)size, &ministream);
            size_t msz = (size_t)1 << mshift;
            uint32_t sec = start;
            rc = 0;
            for (uint64_t hops = 0; out->len < len; hops++) {
                if (sec >= OLE_END || hops > ministream.len / msz ||
                    ((size_t)sec + 1) * msz > ministream.len ||
                    ((size_t)sec + 1) * 4 > minifat.len) {
                    rc = -1;
                    break;
                }
                size_t want = len - out->len < msz ? (size_t)(len - out->len) : msz;
                strbuf_append(out, ministream.data + (size_t)sec * msz, want);
                sec = S_u32((const unsigned char *)minifat.data + (size_t)sec * 4);
            }
            strbuf_clear(&minifat);
            strbuf_clear(&ministream);
        }
    }
    strbuf_clear(&dir);
    return rc;
}

ole2_kind_t detect_ole2_kind(const unsigned char *data, size_t size)
{
    bytesrc_t s = {data, size, NULL};
    return S_ole2_kind(&s);
}

static status_t S_ole2(const bytesrc_t *src, const char *display, detect_result_t *out, diag_t *d)
{
    switch (S_ole2_kind(src)) {
    case OLE2_WORKBOOK:
        out->format = ROWS_XLS;
        return ST_OK;
    case OLE2_ENCRYPTED:
        return diag_set(d, ST_DATA, display, 0, 0,
                        "a password-protected workbook: save it without a password (or export "
                        "the list as CSV)");
    case OLE2_WORD:
        return diag_set(d, ST_DATA, display, 0, 0, "a Word document (.doc), not a table: %s",
                        EXPORT_INSTEAD);
    case OLE2_POWERPOINT:
        return diag_set(d, ST_DATA, display, 0, 0,
                        "a PowerPoint presentation (.ppt), not a table: %s", EXPORT_INSTEAD);
    default:
        return diag_set(d, ST_DATA, display, 0, 0,
                        "an OLE2 compound file without an Excel workbook stream (not an .xls "
                        "workbook, or a damaged one): %s",
                        EXPORT_INSTEAD);
    }
}

/* ---- zip archives ---- */

static status_t S_zip(zipxml_t *z, const char *display, detect_result_t *out, diag_t *d)
{
    if (zipxml_has(z, "xl/workbook.xml")) {
        out->format = ROWS_XLSX;
        out->zip = z;
        return ST_OK;
    }
    strbuf_t mt = {0};
    status_t st = ST_OK;
    if (zipxml_has(z, "mimetype") && (st = zipxml_read(z, "mimetype", 256, 0, &mt, d)) != ST_OK) {
        zipxml_close(z);
        strbuf_clear(&mt);
        return st;
    }
    const char *m = strbuf_cstr(&mt);
    size_t ml = strlen(m);
    while (ml && isspace((unsigned char)m[ml - 1]))
        ml--;
    const char *ods = "application/vnd.oasis.opendocument.spreadsheet";
    if (ml == strlen(ods) && !memcmp(m, ods, ml)) {
        strbuf_clear(&mt);
        out->format = ROWS_ODS;
        out->zip = z;
        return ST_OK;
    }
    if (zipxml_has(z, "xl/workbook.bin"))
        st = diag_set(d, ST_DATA, display, 0, 0,
                      "an Excel binary workbook (.xlsb): save it as .xlsx or CSV");
    else if (zipxml_has(z, "word/document.xml"))
        st = diag_set(d, ST_DATA, display, 0, 0, "a Word document (.docx), not a table: %s",
                      EXPORT_INSTEAD);
    else if (zipxml_has(z, "ppt/presentation.xml"))
        st = diag_set(d, ST_DATA, display, 0, 0,
                      "a PowerPoint presentation (.pptx), not a table: %s", EXPORT_INSTEAD);
    else if (ml > 35 && !strncmp(m, "application/vnd.oasis.opendocument.", 35))
        st = diag_set(d, ST_DATA, display, 0, 0,
                      "an OpenDocument file that is not a spreadsheet (%.*s): %s", (int)ml, m,
                      EXPORT_INSTEAD);
    else
        st = diag_set(d, ST_DATA, display, 0, 0,
                      "a zip archive that is not a workbook (no xl/workbook.xml, no "
                      "OpenDocument spreadsheet): unzip it and name the export inside, or %s",
                      EXPORT_INSTEAD);
    strbuf_clear(&mt);
    zipxml_close(z);
    return st;
}

/* ---- text ---- */

static int S_prefix_ci(const char *s, size_t len, const char *word)
{
    size_t wl = strlen(word);
    if (len < wl)
        return 0;
    for (size_t i = 0; i < wl; i++)
        if (tolower((unsigned char)s[i]) != tolower((unsigned char)word[i]))
            return 0;
    return 1;
}

/* The first bytes as ASCII text: UTF-16 (with or without a byte-order mark) narrowed, a UTF-8
 * byte-order mark dropped. */
static size_t S_probe_text(const unsigned char *b, size_t n, char *out)
{
    size_t o = 0, i = 0;
    int step = 1, off = 0;
    if (n >= 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF)
        i = 3;
    else if (n >= 2 && b[0] == 0xFF && b[1] == 0xFE)
        i = 2, step = 2, off = 0;
    else if (n >= 2 && b[0] == 0xFE && b[1] == 0xFF)
        i = 2, step = 2, off = 1;
    else if (n >= 4 && b[0] && !b[1] && b[2] && !b[3])
        step = 2, off = 0;
    else if (n >= 4 && !b[0] && b[1] && !b[2] && b[3])
        step = 2, off = 1;
    for (; i + (size_t)off < n; i += (size_t)step)
        out[o++] = (char)b[i + (size_t)off];
    out[o] = '\0';
    return o;
}

/* What a text starting with `<` is: sets *xes, or fails naming the document. */
static status_t S_markup(const char *t, size_t n, const char *display, int *xes, diag_t *d)
{
    size_t i = 0;
    *xes = 0;
    for (int guard = 0; guard < 64; guard++) {
        while (i < n && isspace((unsigned char)t[i]))
            i++;
        if (i >= n || t[i] != '<')
            break;
        if (S_prefix_ci(t + i, n - i, "<?")) {
            const char *e = strstr(t + i, "?>");
            if (!e)
                break;
            i = (size_t)(e - t) + 2;
        } else if (S_prefix_ci(t + i, n - i, "<!--")) {
            const char *e = strstr(t + i, "-->");
            if (!e)
                break;
            i = (size_t)(e - t) + 3;
        } else if (S_prefix_ci(t + i, n - i, "<!DOCTYPE")) {
            size_t j = i + 9;
            while (j < n && isspace((unsigned char)t[j]))
                j++;
            if (S_prefix_ci(t + j, n - j, "html"))
                goto html;
            /* an internal subset ([ ... ]) holds declarations that end in '>' themselves */
            const char *e = strchr(t + i, '>'), *open = strchr(t + i, '[');
            if (open && e && open < e && (open = strchr(open, ']')) != NULL)
                e = strchr(open, '>');
            if (!e)
                break;
            i = (size_t)(e - t) + 1;
        } else {
            /* the root element */
            size_t j = i + 1, k = j;
            while (k < n && !isspace((unsigned char)t[k]) && t[k] != '>' && t[k] != '/')
                k++;
            const char *name = t + j;
            size_t nl = k - j;
            const char *colon = memchr(name, ':', nl);
            if (colon) {
                nl -= (size_t)(colon + 1 - name);
                name = colon + 1;
            }
            if (nl == 3 && !memcmp(name, "log", 3)) {
                *xes = 1;
                return ST_OK;
            }
            if ((nl == 4 && S_prefix_ci(name, nl, "html")) ||
                (nl == 5 && S_prefix_ci(name, nl, "table")))
                goto html;
            if (nl == 8 && !memcmp(name, "Workbook", 8))
                return diag_set(d, ST_DATA, display, 0, 0,
                                "an Excel 2003 XML spreadsheet (SpreadsheetML), which this "
                                "program does not read: save it as .xlsx or CSV");
            return diag_set(d, ST_DATA, display, 0, 0,
                            "an XML document (root element <%.*s>), not a table or an XES event "
                            "log: %s",
                            (int)(k - j > 60 ? 60 : k - j), t + j, EXPORT_INSTEAD);
        }
    }
    return diag_set(d, ST_DATA, display, 0, 0, "an XML or HTML document, not a table: %s",
                    EXPORT_INSTEAD);
html:
    return diag_set(d, ST_DATA, display, 0, 0,
                    "an HTML page (web tools often save these under an .xls name), not a "
                    "spreadsheet: %s",
                    EXPORT_INSTEAD);
}

/* Classifies by the first n bytes of the (inflated) content; sets *need_all for zip and OLE2. */
static status_t S_classify(const unsigned char *b, size_t n, const char *display,
                           detect_result_t *out, int *binary_container, diag_t *d)
{
    *binary_container = 0;
    if (n >= 4 && b[0] == 'P' && b[1] == 'K' &&
        ((b[2] == 3 && b[3] == 4) || (b[2] == 5 && b[3] == 6) || (b[2] == 7 && b[3] == 8))) {
        *binary_container = 1;
        out->format = ROWS_XLSX; /* decided once the archive is open */
        return ST_OK;
    }
    if (n >= 8 && !memcmp(b, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8)) {
        *binary_container = 2;
        out->format = ROWS_XLS;
        return ST_OK;
    }
    char text[PROBE + 1];
    size_t tl = S_probe_text(b, n < PROBE ? n : PROBE, text);
    size_t i = 0;
    while (i < tl && isspace((unsigned char)text[i]))
        i++;
    const char *t = text + i;
    size_t rest = tl - i;
    if (S_prefix_ci(t, rest, "%PDF"))
        return diag_set(d, ST_DATA, display, 0, 0, "a PDF document, not a table: %s",
                        EXPORT_INSTEAD);
    if (S_prefix_ci(t, rest, "{\\rtf"))
        return diag_set(d, ST_DATA, display, 0, 0, "an RTF document, not a table: %s",
                        EXPORT_INSTEAD);
    if (rest && t[0] == '<') {
        int xes;
        status_t st = S_markup(t, rest, display, &xes, d);
        if (st != ST_OK)
            return st;
        out->format = ROWS_XES;
        return ST_OK;
    }
    out->format = ROWS_CSV;
    return ST_OK;
}

/* Inflates gzip bytes from f (or mem) into a buffer: the whole stream (and any gzip members
 * concatenated to it) when `all`, else the first PROBE bytes. Refuses more than 100 times the
 * compressed size and 1 GiB. */
static status_t S_inflate(FILE *f, const unsigned char *mem, size_t memsize, int all,
                          const char *display, unsigned char **outp, size_t *outn, diag_t *d)
{
    z_stream zs;
    memset(&zs, 0, sizeof zs);
    *outp = NULL;
    *outn = 0;
    if (inflateInit2(&zs, 15 + 32) != Z_OK)
        return diag_set(d, ST_NOMEM, display, 0, 0, "cannot start inflating");
    unsigned char raw[64 * 1024];
    size_t cap = all ? (size_t)1 << 20 : PROBE, n = 0, mempos = 0;
    unsigned char *out = xmalloc(cap);
    uint64_t consumed = 0;
    status_t st = ST_OK;
    int ended = 0; /* the last member ended: only more input starts another */
    for (;;) {
        if (zs.avail_in == 0) {
            size_t got;
            if (f) {
                got = fread(raw, 1, sizeof raw, f);
                if (got == 0 && ferror(f)) {
                    st = diag_set(d, ST_NOINPUT, display, 0, 0, "read error: %s", strerror(errno));
                    break;
                }
                zs.next_in = raw;
            } else {
                got = memsize - mempos < sizeof raw ? memsize - mempos : sizeof raw;
                zs.next_in = (unsigned char *)mem + mempos;
                mempos += got;
            }
            zs.avail_in = (uInt)got;
            consumed += got;
            if (got == 0) {
                if (!ended && all)
                    st = diag_set(d, ST_DATA, display, 0, 0,
                                  "the compressed file ends early: it is truncated");
                break;
            }
            if (ended) {
                if (inflateReset(&zs) != Z_OK)
                    break;
                ended = 0;
            }
        }
        if (n == cap) {
            if (!all)
                break;
            cap *= 2;
            out = xrealloc(out, cap);
        }
        zs.next_out = out + n;
        zs.avail_out = (uInt)(cap - n);
        int rc = inflate(&zs, Z_NO_FLUSH);
        n = cap - zs.avail_out;
        if (rc == Z_STREAM_END) {
            ended = 1;
            if (zs.avail_in && inflateReset(&zs) == Z_OK)
                ended = 0;
        } else if (rc != Z_OK && rc != Z_BUF_ERROR) {
            if (all)
                st = diag_set(d, ST_DATA, display, 0, 0, "the compressed file is damaged (%s)",
                              zs.msg ? zs.msg : "inflate error");
            break;
        }
        if (n > ZIPXML_MAX_INFLATED && n / ZIPXML_MAX_RATIO > consumed) {
            st = diag_set(d, ST_DATA, display, 0, 0,
                          "the compressed file inflates to more than %d times its size and more "
                          "than 1 GiB: a zip bomb, not an export",
                          ZIPXML_MAX_RATIO);
            break;
        }
    }
    inflateEnd(&zs);
    if (st != ST_OK) {
        free(out);
        return st;
    }
    *outp = out;
    *outn = n;
    return ST_OK;
}

static status_t S_detect(FILE *f, const unsigned char *mem, size_t memsize, const char *path,
                         const char *display, detect_result_t *out, diag_t *d)
{
    memset(out, 0, sizeof *out);
    unsigned char head[PROBE];
    size_t n;
    if (f) {
        n = fread(head, 1, sizeof head, f);
        if (n == 0 && ferror(f))
            return diag_set(d, ST_NOINPUT, display, 0, 0, "read error: %s", strerror(errno));
    } else {
        n = memsize < sizeof head ? memsize : sizeof head;
        memcpy(head, mem, n);
    }
    int container;
    if (n >= 2 && head[0] == 0x1f && head[1] == 0x8b) {
        out->gzip = 1;
        unsigned char *probe;
        size_t pn;
        if (f)
            rewind(f);
        status_t st = S_inflate(f, mem, memsize, 0, display, &probe, &pn, d);
        if (st != ST_OK)
            return st;
        st = S_classify(probe, pn, display, out, &container, d);
        free(probe);
        if (st != ST_OK || !container)
            return st;
        /* a zip is read from its end, an OLE2 file by sector: the whole thing in memory */
        unsigned char *all;
        size_t an;
        if (f)
            rewind(f);
        if ((st = S_inflate(f, mem, memsize, 1, display, &all, &an, d)) != ST_OK)
            return st;
        if (container == 1) {
            zipxml_t *z;
            if ((st = zipxml_open_memory(all, an, display, &z, d)) != ST_OK)
                return st;
            return S_zip(z, display, out, d);
        }
        bytesrc_t src = {all, an, NULL};
        st = S_ole2(&src, display, out, d);
        if (st != ST_OK) {
            free(all);
            return st;
        }
        out->data = all;
        out->size = an;
        return ST_OK;
    }
    status_t st = S_classify(head, n, display, out, &container, d);
    if (st != ST_OK || !container)
        return st;
    if (container == 1) {
        zipxml_t *z;
        if (mem) {
            void *copy = xmalloc(memsize);
            memcpy(copy, mem, memsize);
            st = zipxml_open_memory(copy, memsize, display, &z, d);
        } else {
            st = zipxml_open_file(path, display, &z, d);
        }
        if (st != ST_OK)
            return st;
        return S_zip(z, display, out, d);
    }
    bytesrc_t src = {mem, memsize, f};
    if (f) {
        if (fseeko(f, 0, SEEK_END) != 0)
            return diag_set(d, ST_NOINPUT, display, 0, 0, "cannot seek: %s", strerror(errno));
        off_t size = ftello(f);
        src.size = size > 0 ? (size_t)size : 0;
    }
    return S_ole2(&src, display, out, d);
}

status_t detect_file(const char *path, const char *display, detect_result_t *out, diag_t *d)
{
    memset(out, 0, sizeof *out);
    if (!display)
        display = path;
    FILE *f = fopen(path, "rb");
    if (!f)
        return diag_set(d, ST_NOINPUT, display, 0, 0, "cannot open input file: %s",
                        strerror(errno));
    status_t st = S_detect(f, NULL, 0, path, display, out, d);
    fclose(f);
    return st;
}

status_t detect_memory(const void *data, size_t size, const char *display, detect_result_t *out,
                       diag_t *d)
{
    return S_detect(NULL, data, size, NULL, display ? display : "(memory)", out, d);
}

void detect_result_free(detect_result_t *r)
{
    if (!r)
        return;
    zipxml_close(r->zip);
    free(r->data);
    memset(r, 0, sizeof *r);
}
