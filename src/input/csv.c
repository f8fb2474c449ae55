/*
 * csv — streaming reader in three layers: raw bytes from the file (hashed), gzip inflation when
 * the file starts with the gzip magic, decoding to UTF-8; then one pass over the decoded buffer
 * with a four-state machine. A record's fields are gathered in one growable buffer and cut
 * into NUL-terminated strings at its end.
 */
#include "input/csv.h"

#include <errno.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "core/sha256.h"
#include "core/text.h"
#include "core/util.h"

#define CSV_BUF (64 * 1024)

typedef enum { DEC_UTF8, DEC_CP1252, DEC_UTF16LE, DEC_UTF16BE } decoding_t;

struct csv {
    FILE *f;
    int owns_file;
    char delim;
    /* layer 1: raw file bytes */
    unsigned char raw[CSV_BUF];
    int raw_eof;
    /* layer 2: gzip */
    int gz_checked, gz;
    z_stream zs;
    int zs_open;
    int gz_in_member; /* inside a gzip member that has not ended yet */
    unsigned char plain[CSV_BUF];
    /* layer 3: decoding */
    decoding_t dec;
    int dec_checked;
    unsigned char carry[4]; /* an incomplete sequence from the previous chunk */
    size_t ncarry;
    size_t decoded_lines; /* line breaks decoded so far, to place fallback bytes */
    csv_notes_t notes;
    /* the decoded buffer the parser reads */
    unsigned char buf[CSV_BUF * 3 + 16];
    size_t pos, len;
    int eof, error, started;
    size_t line; /* current physical line, 1-based */
    int last_cr; /* previous byte was CR: an LF now belongs to the same line end */
    sha256_t sha;
    char hex[65];
    int hashed;
    size_t bytes;
    strbuf_t row;   /* field bytes, each followed by a NUL */
    size_t rowbase; /* where the current record starts in row (0 unless reading ahead) */
    int keep_row;   /* reading ahead: row is a batch's buffer, records appended one after
                     * another, so that no record is copied a second time */
    size_t *starts; /* offsets of fields in row */
    size_t nstarts, capstarts;
    char **fields;
    size_t *lens;
    size_t capfields;
    int too_long;
    size_t nfields_seen; /* the record's fields, kept or not */
    int skip_field;      /* the current field is beyond CSV_MAX_FIELDS: its bytes are dropped */
    unsigned long long inflated;      /* bytes gzip has produced */
    unsigned char stop_unquoted[256]; /* bytes that end a run of an unquoted field */
    unsigned char stop_quoted[256];   /* … of a quoted field */
    uint64_t stop_word[2][3];         /* the non-NUL stop bytes of each, repeated in a word */
    struct ahead *ahead;              /* the reading-ahead thread, when started */
};

static void S_init(csv_t *c, const csv_options_t *opt)
{
    c->delim = opt ? opt->delimiter : 0;
    c->dec = opt && opt->encoding == CSV_ENC_CP1252 ? DEC_CP1252 : DEC_UTF8;
    c->dec_checked = opt && opt->encoding == CSV_ENC_CP1252;
    c->line = 1;
    c->notes.encoding = c->dec == DEC_CP1252 ? "Windows-1252" : "UTF-8";
    sha256_init(&c->sha);
}

status_t csv_open(const char *path, const csv_options_t *opt, csv_t **out, diag_t *d)
{
    *out = NULL;
    FILE *f = fopen(path, "rb");
    if (!f)
        return diag_set(d, ST_NOINPUT, path, 0, 0, "cannot open input file: %s", strerror(errno));
    csv_t *c = csv_open_stream(f, opt);
    c->owns_file = 1;
    *out = c;
    return ST_OK;
}

csv_t *csv_open_stream(FILE *f, const csv_options_t *opt)
{
    csv_t *c = xcalloc(1, sizeof(*c));
    c->f = f;
    S_init(c, opt);
    return c;
}

/* Layer 1: up to `cap` raw bytes; 0 at the end. */
static size_t S_read_raw(csv_t *c, unsigned char *out, size_t cap)
{
    if (c->raw_eof)
        return 0;
    size_t n = fread(out, 1, cap, c->f);
    if (n == 0) {
        if (ferror(c->f))
            c->error = 1;
        c->raw_eof = 1;
        return 0;
    }
    sha256_update(&c->sha, out, n);
    c->bytes += n;
    return n;
}

/* Layer 2: up to `cap` plain (decompressed) bytes; 0 at the end. */
static size_t S_read_plain(csv_t *c, unsigned char *out, size_t cap)
{
    if (!c->gz_checked) {
        c->gz_checked = 1;
        size_t n = S_read_raw(c, c->raw, sizeof c->raw);
        if (n >= 2 && c->raw[0] == 0x1f && c->raw[1] == 0x8b) {
            c->gz = 1;
            c->notes.gzip = 1;
            if (inflateInit2(&c->zs, 15 + 32) != Z_OK) {
                c->error = 1;
                return 0;
            }
            c->zs_open = 1;
            c->zs.next_in = c->raw;
            c->zs.avail_in = (uInt)n;
        } else {
            /* not compressed: hand the bytes already read over first */
            size_t take = n < cap ? n : cap;
            memcpy(out, c->raw, take);
            if (take < n) { /* cap is never smaller than the raw buffer here */
                c->error = 1;
            }
            return take;
        }
    }
    if (!c->gz)
        return S_read_raw(c, out, cap);
    for (;;) {
        if (c->zs.avail_in == 0) {
            size_t n = S_read_raw(c, c->raw, sizeof c->raw);
            if (n == 0) {
                if (c->gz_in_member && !c->error)
                    c->notes.truncated_gzip = 1; /* the file stops inside a member */
                return 0;
            }
            c->zs.next_in = c->raw;
            c->zs.avail_in = (uInt)n;
        }
        c->zs.next_out = out;
        c->zs.avail_out = (uInt)cap;
        int rc = inflate(&c->zs, Z_NO_FLUSH);
        size_t got = cap - c->zs.avail_out;
        c->gz_in_member = 1;
        c->inflated += got;
        if (c->inflated > CSV_MAX_INFLATED &&
            c->inflated / CSV_MAX_INFLATE_RATIO >= (unsigned long long)c->bytes) {
            /* a decompression bomb, or a file no export makes: stop before time and memory do */
            c->notes.inflate_bound = 1;
            c->notes.inflate_line = c->decoded_lines + 1;
            c->error = 1;
            c->raw_eof = 1;
            c->zs.avail_in = 0;
            return 0;
        }
        if (rc == Z_STREAM_END) {
            c->gz_in_member = 0;
            /* another gzip member may follow (concatenated files) */
            if (inflateReset(&c->zs) != Z_OK)
                c->error = 1;
        } else if (rc != Z_OK && rc != Z_BUF_ERROR) {
            c->notes.truncated_gzip = 1;
            c->zs.avail_in = 0;
            c->raw_eof = 1;
            return got;
        } else if (rc == Z_BUF_ERROR && c->raw_eof) {
            c->notes.truncated_gzip = 1;
            return got;
        }
        if (got)
            return got;
    }
}

static const unsigned short CP1252_HIGH[32] = {
    0x20AC, 0xFFFD, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0xFFFD, 0x017D, 0xFFFD, 0xFFFD, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0xFFFD, 0x017E, 0x0178};

static unsigned S_cp1252(unsigned char b)
{
    return b >= 0x80 && b < 0xA0 ? CP1252_HIGH[b - 0x80] : b;
}

/* Length of a valid UTF-8 sequence at p (n bytes available): >0 valid, 0 invalid, -1 incomplete. */
static int S_utf8_len(const unsigned char *p, size_t n)
{
    unsigned char b = p[0];
    int len = b < 0x80 ? 1 : (b >> 5) == 6 ? 2 : (b >> 4) == 14 ? 3 : (b >> 3) == 30 ? 4 : 0;
    if (len == 0 || (len == 2 && b < 0xC2) || b > 0xF4)
        return 0;
    for (int i = 1; i < len; i++) {
        if ((size_t)i >= n)
            return -1;
        if ((p[i] & 0xC0) != 0x80)
            return 0;
    }
    if (len == 3 && ((b == 0xE0 && p[1] < 0xA0) || (b == 0xED && p[1] >= 0xA0)))
        return 0;
    if (len == 4 && ((b == 0xF0 && p[1] < 0x90) || (b == 0xF4 && p[1] >= 0x90)))
        return 0;
    return len;
}

/* Counts a UTF-16 code unit read as U+FFFD. */
static void S_bad_utf16(csv_t *c)
{
    if (!c->notes.bad_utf16++)
        c->notes.bad_utf16_line = c->decoded_lines + 1;
}

/* The encoding, from a byte-order mark or from UTF-16's zero bytes in the first chunk; returns
 * the number of bytes of the mark, which are skipped. */
static size_t S_detect(csv_t *c, const unsigned char *in, size_t n)
{
    c->dec_checked = 1;
    if (n >= 3 && in[0] == 0xEF && in[1] == 0xBB && in[2] == 0xBF)
        return 3;
    if (n >= 2 && in[0] == 0xFF && in[1] == 0xFE) {
        c->dec = DEC_UTF16LE, c->notes.encoding = "UTF-16LE";
        return 2;
    }
    if (n >= 2 && in[0] == 0xFE && in[1] == 0xFF) {
        c->dec = DEC_UTF16BE, c->notes.encoding = "UTF-16BE";
        return 2;
    }
    if (n >= 8) {
        /* UTF-16 without a byte-order mark: ASCII text with every other byte 0 */
        size_t even0 = 0, odd0 = 0, pairs = n / 2 < 64 ? n / 2 : 64;
        for (size_t k = 0; k < pairs; k++) {
            even0 += in[2 * k] == 0 && in[2 * k + 1] != 0;
            odd0 += in[2 * k + 1] == 0 && in[2 * k] != 0;
        }
        if (odd0 >= pairs * 9 / 10)
            c->dec = DEC_UTF16LE, c->notes.encoding = "UTF-16LE (no byte-order mark)";
        else if (even0 >= pairs * 9 / 10)
            c->dec = DEC_UTF16BE, c->notes.encoding = "UTF-16BE (no byte-order mark)";
    }
    return 0;
}

/* The decoding steps below each take in[i..n) into c->buf from *o on and return where they
 * stopped: at n, or before a sequence that the next chunk completes (`last`: there is none, so
 * an incomplete sequence is decoded as it stands). */

static size_t S_dec_utf16(csv_t *c, const unsigned char *in, size_t i, size_t n, int last,
                          size_t *o)
{
    unsigned char *out = c->buf;
    int le = c->dec == DEC_UTF16LE;
    while (i < n) {
        if (n - i < 2 && !last)
            break;
        if (n - i < 2) { /* an odd last byte */
            S_bad_utf16(c);
            *o += text_utf8_encode(0xFFFD, out + *o);
            return n;
        }
        unsigned u = le ? (unsigned)(in[i] | in[i + 1] << 8) : (unsigned)(in[i] << 8 | in[i + 1]);
        if (u >= 0xD800 && u < 0xDC00) {
            if (n - i < 4 && !last)
                break;
            unsigned v = n - i >= 4 ? (le ? (unsigned)(in[i + 2] | in[i + 3] << 8)
                                          : (unsigned)(in[i + 2] << 8 | in[i + 3]))
                                    : 0;
            if (v >= 0xDC00 && v < 0xE000) {
                *o += text_utf8_encode(0x10000 + ((u - 0xD800) << 10) + (v - 0xDC00), out + *o);
                i += 4;
            } else { /* a high surrogate without its low half */
                S_bad_utf16(c);
                *o += text_utf8_encode(0xFFFD, out + *o);
                i += 2;
            }
        } else {
            if (u >= 0xDC00 && u < 0xE000) { /* a low surrogate alone */
                S_bad_utf16(c);
                u = 0xFFFD;
            }
            if (u == '\n')
                c->decoded_lines++;
            *o += text_utf8_encode(u, out + *o);
            i += 2;
        }
    }
    return i;
}

static size_t S_dec_cp1252(csv_t *c, const unsigned char *in, size_t i, size_t n, size_t *o)
{
    for (; i < n; i++) {
        if (in[i] == '\n')
            c->decoded_lines++;
        *o += text_utf8_encode(S_cp1252(in[i]), c->buf + *o);
    }
    return i;
}

/* UTF-8, where a byte that is not part of a valid sequence is read as Windows-1252 and
 * counted. */
static size_t S_dec_utf8(csv_t *c, const unsigned char *in, size_t i, size_t n, int last, size_t *o)
{
    unsigned char *out = c->buf;
    while (i < n) {
        if (in[i] < 0x80) {
            /* the common case: a run of ASCII, found eight bytes at a time and copied at once */
            size_t start = i;
            uint64_t w;
            while (i + 8 <= n && (memcpy(&w, in + i, 8), (w & 0x8080808080808080ULL) == 0))
                i += 8;
            while (i < n && in[i] < 0x80)
                i++;
            memcpy(out + *o, in + start, i - start);
            for (const unsigned char *q = in + start, *e = in + i;
                 (q = memchr(q, '\n', (size_t)(e - q))) != NULL; q++)
                c->decoded_lines++;
            *o += i - start;
            continue;
        }
        int len = S_utf8_len(in + i, n - i);
        if (len < 0 && !last)
            break; /* completed by the next chunk */
        if (len > 0) {
            memcpy(out + *o, in + i, (size_t)len);
            *o += (size_t)len;
            i += (size_t)len;
        } else {
            /* not UTF-8: read the byte as Windows-1252, and count it */
            if (!c->notes.fallback_bytes)
                c->notes.fallback_line = c->decoded_lines + 1;
            c->notes.fallback_bytes++;
            *o += text_utf8_encode(S_cp1252(in[i]), out + *o);
            i++;
        }
    }
    return i;
}

/* Layer 3: decodes the next chunk into c->buf. Returns 0 at the end. The bytes of a sequence
 * that the chunk cuts are carried over to the next. */
static int S_fill(csv_t *c)
{
    if (c->eof)
        return 0;
    unsigned char in[CSV_BUF + 4];
    memcpy(in, c->carry, c->ncarry);
    size_t n = c->ncarry;
    size_t got = S_read_plain(c, in + n, CSV_BUF);
    n += got;
    c->ncarry = 0;
    int last = got == 0; /* no more input: flush what is carried */
    if (n == 0) {
        c->eof = 1;
        return 0;
    }
    size_t i = c->dec_checked ? 0 : S_detect(c, in, n);
    size_t o = 0;
    if (c->dec == DEC_UTF16LE || c->dec == DEC_UTF16BE)
        i = S_dec_utf16(c, in, i, n, last, &o);
    else if (c->dec == DEC_CP1252)
        i = S_dec_cp1252(c, in, i, n, &o);
    else
        i = S_dec_utf8(c, in, i, n, last, &o);
    c->ncarry = n - i;
    memcpy(c->carry, in + i, c->ncarry);
    c->pos = 0;
    c->len = o;
    if (o == 0 && c->ncarry == 0 && last) {
        c->eof = 1;
        return 0;
    }
    return 1;
}

/* Picks the delimiter that occurs most often outside quotes in the first line. */
static void S_sniff(csv_t *c)
{
    size_t counts[3] = {0, 0, 0};
    static const char cand[3] = {',', ';', '\t'};
    int inq = 0;
    for (size_t i = c->pos; i < c->len; i++) {
        unsigned char ch = c->buf[i];
        if (ch == '"')
            inq = !inq;
        else if (!inq && (ch == '\n' || ch == '\r'))
            break;
        else if (!inq)
            for (int k = 0; k < 3; k++)
                counts[k] += ch == (unsigned char)cand[k];
    }
    int best = 0;
    for (int k = 1; k < 3; k++)
        if (counts[k] > counts[best])
            best = k;
    c->delim = cand[best];
}

/* Starts a field; beyond CSV_MAX_FIELDS it is only counted, its bytes dropped. */
static inline void S_field_start(csv_t *c)
{
    c->nfields_seen++;
    c->skip_field = c->nstarts >= CSV_MAX_FIELDS;
    if (c->skip_field)
        return;
    if (c->nstarts >= c->capstarts) /* the call only when it grows: this runs for every field */
        xgrow((void **)&c->starts, &c->capstarts, c->nstarts + 1, sizeof(size_t));
    c->starts[c->nstarts++] = c->row.len;
}

static inline void S_field_end(csv_t *c)
{
    if (!c->skip_field)
        strbuf_putc(&c->row, '\0');
}

/* How many of n more bytes the current field can take within the field and record caps. */
static size_t S_room(csv_t *c, size_t n)
{
    if (c->skip_field)
        return 0;
    size_t have = c->row.len - c->starts[c->nstarts - 1];
    if (have + n > CSV_MAX_FIELD) {
        c->too_long = c->too_long > 1 ? c->too_long : 1;
        n = have < CSV_MAX_FIELD ? CSV_MAX_FIELD - have : 0;
    }
    size_t rec = c->row.len - c->rowbase;
    if (rec + n > CSV_MAX_RECORD) {
        c->too_long = 2;
        n = rec < CSV_MAX_RECORD ? CSV_MAX_RECORD - rec : 0;
    }
    return n;
}

/* Appends a run of ordinary bytes (no NUL) to the current field, within the caps. */
static void S_put_run(csv_t *c, const unsigned char *p, size_t n)
{
    n = S_room(c, n);
    if (n)
        strbuf_append(&c->row, (const char *)p, n);
}

static void S_put(csv_t *c, unsigned char ch)
{
    if (ch == 0 && !c->notes.nul_bytes++) /* counted even where the caps drop it */
        c->notes.nul_line = c->line;
    if (S_room(c, ch == 0 ? 3 : 1) < (ch == 0 ? 3u : 1u))
        return; /* the rest of this field is dropped; the record is flagged */
    if (ch == 0)
        strbuf_append(&c->row, "\xEF\xBF\xBD", 3); /* U+FFFD for a NUL byte */
    else
        strbuf_putc(&c->row, (char)ch);
}

/* Two arrays indexed alike (fields and their lengths), grown together to hold `need`. */
static void S_grow_pair(void **a, size_t asize, void **b, size_t bsize, size_t *cap, size_t need)
{
    if (need <= *cap)
        return;
    size_t n = *cap;
    xgrow(a, &n, need, asize);
    *b = xrealloc(*b, n * bsize);
    *cap = n;
}

/* Before the first record: the first bytes, the delimiter, the bytes that stop a run of a
 * field. 0 when the input holds nothing. */
static int S_start(csv_t *c)
{
    c->started = 1;
    do {
        if (!S_fill(c))
            return 0;
    } while (c->len == 0);
    if (!c->delim)
        S_sniff(c);
    static const unsigned char common[] = {'\n', '\r', 0};
    for (size_t k = 0; k < sizeof common; k++)
        c->stop_unquoted[common[k]] = c->stop_quoted[common[k]] = 1;
    c->stop_unquoted[(unsigned char)c->delim] = 1;
    c->stop_quoted['"'] = 1;
    const uint64_t ones = 0x0101010101010101ULL;
    const unsigned char own[2] = {(unsigned char)c->delim, '"'};
    for (int q = 0; q < 2; q++) {
        c->stop_word[q][0] = ones * own[q];
        c->stop_word[q][1] = ones * '\n';
        c->stop_word[q][2] = ones * '\r';
    }
    return 1;
}

/* A word with the high bit set in each byte that is zero; exact up to the first zero byte
 * (a borrow can only mark bytes above it), which is all a scan for the first one needs. */
static inline uint64_t S_zero_bytes(uint64_t w)
{
    return (w - 0x0101010101010101ULL) & ~w & 0x8080808080808080ULL;
}

/* The position of the first stop byte of a run at or after `pos` (or `len`): NUL or one of the
 * three bytes of `stop` (each repeated in a word), or any byte `table` marks. Eight bytes a
 * step where a whole word is there, on little-endian machines. */
static inline size_t S_scan(const unsigned char *buf, size_t pos, size_t len,
                            const uint64_t stop[3], const unsigned char *table)
{
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    while (pos + 8 <= len) {
        uint64_t w;
        memcpy(&w, buf + pos, 8);
        uint64_t hit = S_zero_bytes(w) | S_zero_bytes(w ^ stop[0]) | S_zero_bytes(w ^ stop[1]) |
                       S_zero_bytes(w ^ stop[2]);
        if (hit)
            return pos + (size_t)(__builtin_ctzll(hit) >> 3);
        pos += 8;
    }
#else
    (void)stop;
#endif
    while (pos < len && !table[buf[pos]])
        pos++;
    return pos;
}

/* An unquoted field's last run and its end in one step, when it fits the caps: the bytes and
 * the NUL that ends them. 0 (nothing done) when a cap applies; S_put_run then cuts it. */
static inline int S_put_last_run(csv_t *c, const unsigned char *p, size_t n)
{
    if (c->skip_field || c->row.len - c->starts[c->nstarts - 1] + n > CSV_MAX_FIELD ||
        c->row.len - c->rowbase + n > CSV_MAX_RECORD)
        return 0;
    strbuf_t *sb = &c->row;
    if (sb->len + n + 2 > sb->cap)
        xgrow((void **)&sb->data, &sb->cap, sb->len + n + 2, 1);
    memcpy(sb->data + sb->len, p, n);
    sb->len += n;
    sb->data[sb->len++] = '\0'; /* the field's end */
    sb->data[sb->len] = '\0';   /* the buffer's terminator, as strbuf keeps it */
    return 1;
}

/* Fills rec with the record S_next has just read into the row buffer: its fields' addresses
 * and lengths, its lines (`done`: it ended at a line end; `unterminated`: the file ended inside
 * a quoted field) and its flags. */
static void S_finish_record(csv_t *c, csv_record_t *rec, size_t start_line, int done,
                            int unterminated)
{
    S_grow_pair((void **)&c->fields, sizeof(char *), (void **)&c->lens, sizeof(size_t),
                &c->capfields, c->nstarts);
    for (size_t i = 0; i < c->nstarts; i++) {
        c->fields[i] = c->row.data + c->starts[i];
        size_t endoff = i + 1 < c->nstarts ? c->starts[i + 1] - 1 : c->row.len - 1;
        c->lens[i] = endoff - c->starts[i];
    }
    rec->nfields = c->nstarts;
    rec->fields = c->fields;
    rec->lens = c->lens;
    rec->line = start_line;
    rec->end_line = done ? c->line - 1 : c->line;
    rec->too_long = c->too_long;
    rec->unterminated = unterminated;
    rec->too_many = c->nfields_seen > CSV_MAX_FIELDS ? c->nfields_seen : 0;
    if (rec->end_line < start_line)
        rec->end_line = start_line;
}

/* The RFC 4180 state machine: one record per call. Kept whole because its states hand the
 * current field from one to the next; it is the hottest loop of a read. */
static int S_next(csv_t *c, csv_record_t *rec)
{
    enum { FIELD_START, UNQUOTED, QUOTED, QUOTE_IN_QUOTED } st;
    for (;;) {
        if (!c->started && !S_start(c))
            return c->error ? -1 : 0;
        c->too_long = 0;
        if (!c->keep_row)
            strbuf_reset(&c->row);
        c->rowbase = c->row.len;
        c->nstarts = c->nfields_seen = 0;
        c->skip_field = 0;
        st = FIELD_START;
        size_t start_line = c->line;
        int any = 0; /* saw any byte of this record (other than its line end) */
        int done = 0;
        while (!done) {
            while (c->pos >= c->len && S_fill(c) && c->len == 0)
                ;
            if (c->pos >= c->len) {
                if (c->error)
                    return -1;
                if (!any)
                    return 0;
                break; /* last record without a line end */
            }
            if (st == UNQUOTED || st == QUOTED) {
                /* a run of bytes that cannot end or quote the field, taken at once */
                size_t start = c->pos;
                int q = st == QUOTED;
                c->pos = S_scan(c->buf, c->pos, c->len, c->stop_word[q],
                                q ? c->stop_quoted : c->stop_unquoted);
                if (!q && c->pos < c->len && c->buf[c->pos] == (unsigned char)c->delim &&
                    S_put_last_run(c, c->buf + start, c->pos - start)) {
                    /* the usual end of an unquoted field, without the state machine; and
                     * the next field's start when it is an ordinary byte */
                    c->pos++;
                    c->last_cr = 0;
                    st = FIELD_START;
                    if (c->pos < c->len && !c->stop_unquoted[c->buf[c->pos]] &&
                        c->buf[c->pos] != '"') {
                        S_field_start(c);
                        st = UNQUOTED;
                    }
                    continue;
                }
                if (c->pos > start) {
                    S_put_run(c, c->buf + start, c->pos - start);
                    c->last_cr = 0;
                    continue;
                }
            }
            unsigned char ch = c->buf[c->pos++];
            if (ch == '\n' && c->last_cr) {
                c->last_cr = 0;
                continue; /* the LF of a CRLF: the line was already counted at the CR */
            }
            c->last_cr = ch == '\r';
            int newline = ch == '\n' || ch == '\r';
            switch (st) {
            case FIELD_START:
                if (ch == '"') {
                    S_field_start(c);
                    st = QUOTED;
                    any = 1;
                } else if (ch == (unsigned char)c->delim) {
                    S_field_start(c);
                    S_field_end(c);
                    any = 1;
                } else if (newline) {
                    c->line++;
                    if (any) {
                        S_field_start(c); /* trailing empty field after a delimiter */
                        S_field_end(c);
                        done = 1;
                    } else {
                        start_line = c->line; /* blank line: skipped */
                    }
                } else {
                    S_field_start(c);
                    st = UNQUOTED;
                    any = 1;
                    if (ch == 0)
                        S_put(c, ch);
                    else
                        c->pos--; /* taken with the rest of its run, at the top of the loop */
                }
                break;
            case QUOTED:
                if (ch == '"') {
                    st = QUOTE_IN_QUOTED;
                } else {
                    if (newline) {
                        c->line++;
                        if (ch == '\r') { /* keep CRLF inside a field as a single LF */
                            S_put(c, '\n');
                            break;
                        }
                    }
                    S_put(c, ch);
                }
                break;
            case QUOTE_IN_QUOTED:
                if (ch == '"') {
                    S_put(c, '"');
                    st = QUOTED;
                    break;
                }
                /* the field's closing quote: what follows reads as outside quotes (text after
                 * it is kept, as spreadsheets do) */
                st = UNQUOTED;
                /* fall through */
            case UNQUOTED:
                if (ch == (unsigned char)c->delim) {
                    S_field_end(c);
                    st = FIELD_START;
                } else if (newline) {
                    c->line++;
                    S_field_end(c);
                    done = 1;
                } else {
                    S_put(c, ch);
                }
                break;
            }
        }
        if (!done) { /* end of file inside a record */
            if (st == FIELD_START)
                S_field_start(c);
            S_field_end(c);
        }
        S_finish_record(c, rec, start_line, done, !done && st == QUOTED);
        return 1;
    }
}

/*
 * Reading ahead: a second thread runs the parser (S_next) with a batch's buffer as its row
 * buffer, so that records land in the batch as they are parsed, and gives each field its
 * address once the batch is full; csv_next hands the records out in order on the caller's
 * thread, which does no more per record than take the next one. Parsing one batch and the
 * caller's work on the previous one overlap, and nothing else changes: same records, same
 * order, same line numbers. The two threads share only the batches (under the mutex);
 * everything else in csv_t belongs to the reading thread until the last batch has been handed
 * over.
 */
#define AHEAD_RECORDS 4096
#define AHEAD_BYTES ((size_t)4 << 20)
#define AHEAD_FIELDS ((size_t)1 << 18)
#define AHEAD_BATCHES 3

typedef struct ahead_rec {
    size_t field, nfields, line, end_line;
    int too_long, unterminated;
    size_t too_many;
} ahead_rec_t;

typedef struct batch {
    strbuf_t bytes;    /* the records' fields, each NUL-terminated */
    size_t *off, *len; /* each field's offset in bytes and its length */
    char **ptr;        /* each field, once the batch is full (bytes no longer moves) */
    size_t nfield, capfield, capptr;
    ahead_rec_t *recs;
    size_t nrecs, caprecs;
    int last;   /* the stream ends after these records … */
    int result; /* … and csv_next then returns this (0, or -1: a read error) */
} batch_t;

struct ahead {
    pthread_t thread;
    pthread_mutex_t mu;
    pthread_cond_t cv;
    batch_t b[AHEAD_BATCHES];
    size_t filled, released; /* batches handed over and given back; slot = count % AHEAD_BATCHES */
    int stop;
    batch_t *cur; /* the caller's batch and its next record */
    size_t next;
};

static void *S_ahead_main(void *arg)
{
    csv_t *c = arg;
    struct ahead *a = c->ahead;
    for (;;) {
        pthread_mutex_lock(&a->mu);
        while (a->filled - a->released >= AHEAD_BATCHES && !a->stop)
            pthread_cond_wait(&a->cv, &a->mu);
        int stop = a->stop;
        batch_t *b = &a->b[a->filled % AHEAD_BATCHES];
        pthread_mutex_unlock(&a->mu);
        if (stop)
            break;
        b->nfield = b->nrecs = 0;
        /* the parser writes straight into the batch's buffer, one record after another */
        strbuf_reset(&b->bytes);
        strbuf_t own = c->row;
        c->row = b->bytes;
        c->keep_row = 1;
        csv_record_t rec;
        int got = 1;
        /* a batch ends at a number of records, of bytes or of fields, whichever comes first,
         * so that three batches of the largest records stay within bounds too */
        while (b->nrecs < AHEAD_RECORDS && c->row.len < AHEAD_BYTES && b->nfield < AHEAD_FIELDS &&
               (got = S_next(c, &rec)) == 1) {
            xgrow((void **)&b->recs, &b->caprecs, b->nrecs + 1, sizeof(ahead_rec_t));
            ahead_rec_t *ar = &b->recs[b->nrecs++];
            *ar = (ahead_rec_t){b->nfield,    rec.nfields,      rec.line,    rec.end_line,
                                rec.too_long, rec.unterminated, rec.too_many};
            S_grow_pair((void **)&b->off, sizeof(size_t), (void **)&b->len, sizeof(size_t),
                        &b->capfield, b->nfield + rec.nfields);
            memcpy(b->off + b->nfield, c->starts, rec.nfields * sizeof(size_t));
            memcpy(b->len + b->nfield, rec.lens, rec.nfields * sizeof(size_t));
            b->nfield += rec.nfields;
        }
        b->bytes = c->row;
        c->row = own;
        c->keep_row = 0;
        /* the fields' addresses, here rather than on the caller's thread, which is the busier */
        xgrow((void **)&b->ptr, &b->capptr, b->nfield ? b->nfield : 1, sizeof(char *));
        for (size_t i = 0; i < b->nfield; i++)
            b->ptr[i] = b->bytes.data + b->off[i];
        b->last = got != 1;
        b->result = got;
        pthread_mutex_lock(&a->mu);
        a->filled++;
        pthread_cond_broadcast(&a->cv);
        pthread_mutex_unlock(&a->mu);
        if (b->last)
            break;
    }
    return NULL;
}

void csv_read_ahead(csv_t *c)
{
    if (c->ahead || util_cores() < 2)
        return;
    struct ahead *a = xcalloc(1, sizeof(*a));
    if (pthread_mutex_init(&a->mu, NULL) != 0) {
        free(a);
        return;
    }
    if (pthread_cond_init(&a->cv, NULL) != 0) {
        pthread_mutex_destroy(&a->mu);
        free(a);
        return;
    }
    c->ahead = a;
    if (pthread_create(&a->thread, NULL, S_ahead_main, c) != 0) { /* then read on this thread */
        c->ahead = NULL;
        pthread_cond_destroy(&a->cv);
        pthread_mutex_destroy(&a->mu);
        free(a);
    }
}

/* Stops the reading thread (after the batch it is filling) and takes csv_t back. */
static void S_ahead_end(csv_t *c)
{
    struct ahead *a = c->ahead;
    if (!a)
        return;
    pthread_mutex_lock(&a->mu);
    a->stop = 1;
    pthread_cond_broadcast(&a->cv);
    pthread_mutex_unlock(&a->mu);
    pthread_join(a->thread, NULL);
    for (int i = 0; i < AHEAD_BATCHES; i++) {
        strbuf_clear(&a->b[i].bytes);
        free(a->b[i].off);
        free(a->b[i].len);
        free(a->b[i].recs);
        free(a->b[i].ptr);
    }
    pthread_cond_destroy(&a->cv);
    pthread_mutex_destroy(&a->mu);
    free(a);
    c->ahead = NULL;
}

static int S_ahead_next(csv_t *c, csv_record_t *rec)
{
    struct ahead *a = c->ahead;
    for (;;) {
        if (a->cur && a->next < a->cur->nrecs) {
            const batch_t *b = a->cur;
            const ahead_rec_t *ar = &b->recs[a->next++];
            *rec =
                (csv_record_t){ar->nfields,  b->ptr + ar->field, b->len + ar->field, ar->line,
                               ar->end_line, ar->too_long,       ar->unterminated,   ar->too_many};
            return 1;
        }
        pthread_mutex_lock(&a->mu);
        if (a->cur && a->cur->last) { /* the end: the reader has finished with csv_t */
            pthread_mutex_unlock(&a->mu);
            return a->cur->result;
        }
        if (a->cur) { /* give the batch back */
            a->released++;
            a->cur = NULL;
            pthread_cond_broadcast(&a->cv);
        }
        while (a->filled == a->released)
            pthread_cond_wait(&a->cv, &a->mu);
        a->cur = &a->b[a->released % AHEAD_BATCHES];
        a->next = 0;
        pthread_mutex_unlock(&a->mu);
    }
}

int csv_next(csv_t *c, csv_record_t *rec)
{
    return c->ahead ? S_ahead_next(c, rec) : S_next(c, rec);
}

char csv_delimiter(const csv_t *c)
{
    return c->delim ? c->delim : ',';
}

const char *csv_sha256(csv_t *c)
{
    S_ahead_end(c);
    if (!c->hashed) {
        unsigned char sink[CSV_BUF];
        if (!c->gz_checked)
            c->gz_checked = 1;
        while (S_read_raw(c, sink, sizeof sink))
            ; /* the digest is of the file as stored: no need to decode the rest */
        sha256_final_hex(&c->sha, c->hex);
        c->hashed = 1;
    }
    return c->hex;
}

size_t csv_bytes(const csv_t *c)
{
    return c->bytes;
}

const csv_notes_t *csv_notes(const csv_t *c)
{
    return &c->notes;
}

void csv_close(csv_t *c)
{
    if (!c)
        return;
    S_ahead_end(c);
    if (c->owns_file && c->f)
        fclose(c->f);
    if (!c->hashed)
        sha256_discard(&c->sha);
    if (c->zs_open)
        inflateEnd(&c->zs);
    strbuf_clear(&c->row);
    free(c->starts);
    free(c->fields);
    free(c->lens);
    free(c);
}
