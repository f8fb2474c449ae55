/*
 * text — the one definition of text every output can hold, and its repair.
 */
#include "core/text.h"

#include <stdint.h>
#include <string.h>

/*
 * Decodes one UTF-8 sequence at p (n > 0 bytes available): its length with *cp set, or 0 when
 * the byte at p does not start a valid sequence (overlong forms, surrogates and code points
 * above U+10FFFF are invalid, as is a sequence cut short).
 */
static size_t S_decode(const unsigned char *p, size_t n, unsigned *cp)
{
    unsigned char b = p[0];
    size_t len;
    unsigned c;
    if (b < 0x80) {
        *cp = b;
        return 1;
    }
    if (b >= 0xC2 && b <= 0xDF)
        len = 2, c = b & 0x1Fu;
    else if (b >= 0xE0 && b <= 0xEF)
        len = 3, c = b & 0x0Fu;
    else if (b >= 0xF0 && b <= 0xF4)
        len = 4, c = b & 0x07u;
    else
        return 0;
    if (n < len)
        return 0;
    for (size_t i = 1; i < len; i++) {
        if ((p[i] & 0xC0) != 0x80)
            return 0;
        c = c << 6 | (p[i] & 0x3Fu);
    }
    if ((len == 3 && c < 0x800) || (len == 4 && (c < 0x10000 || c > 0x10FFFF)) ||
        (c >= 0xD800 && c <= 0xDFFF))
        return 0;
    *cp = c;
    return len;
}

/* A code point that some consumer refuses: C0 controls but tab, LF and CR; noncharacters. */
static int S_refused(unsigned cp)
{
    if (cp < 0x20)
        return cp != '\t' && cp != '\n' && cp != '\r';
    return (cp >= 0xFDD0 && cp <= 0xFDEF) || (cp & 0xFFFE) == 0xFFFE;
}

int text_is_safe(const char *s, size_t len)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0;
    while (i < len) {
        /* the common case, eight bytes at a time: no byte at or above 0x80, none below 0x20
         * (a byte below 0x20 borrows, so its high bit shows; a borrow passed on only makes a
         * word take the byte-by-byte path) */
        uint64_t w;
        while (i + 8 <= len && (memcpy(&w, p + i, 8),
                                ((w | (w - 0x2020202020202020ULL)) & 0x8080808080808080ULL) == 0))
            i += 8;
        if (i >= len)
            break;
        if (p[i] >= 0x20 && p[i] < 0x80) {
            i++;
            continue;
        }
        /* a two-byte sequence (U+0080 to U+07FF, the accented letters of most names) is always
         * safe: none of those is a C0 control or a noncharacter, and a lead byte from 0xC2 on
         * is never overlong */
        if (p[i] >= 0xC2 && p[i] <= 0xDF && i + 1 < len && (p[i + 1] & 0xC0) == 0x80) {
            i += 2;
            continue;
        }
        unsigned cp;
        size_t n = S_decode(p + i, len - i, &cp);
        if (n == 0 || S_refused(cp))
            return 0;
        i += n;
    }
    return 1;
}

size_t text_make_safe(strbuf_t *out, const char *s, size_t len)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t replaced = 0, i = 0;
    while (i < len) {
        size_t run = i; /* a run of safe characters, copied at once */
        unsigned cp = 0;
        size_t n = 0;
        while (run < len) {
            if (p[run] >= 0x20 && p[run] < 0x80) {
                run++;
                continue;
            }
            n = S_decode(p + run, len - run, &cp);
            if (n == 0 || S_refused(cp))
                break;
            run += n;
        }
        if (run > i)
            strbuf_append(out, (const char *)p + i, run - i);
        if (run >= len)
            break;
        strbuf_append(out, "\xEF\xBF\xBD", 3);
        replaced++;
        i = run + (n ? n : 1); /* a refused character whole; a broken sequence byte by byte */
    }
    if (!out->data)
        strbuf_append(out, "", 0); /* "" rather than NULL for empty text */
    return replaced;
}

size_t text_utf8_encode(uint32_t cp, unsigned char out[4])
{
    if (cp < 0x80) {
        out[0] = (unsigned char)cp;
        return 1;
    }
    if (cp < 0x800) {
        out[0] = (unsigned char)(0xC0 | cp >> 6);
        out[1] = (unsigned char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        out[0] = (unsigned char)(0xE0 | cp >> 12);
        out[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
        out[2] = (unsigned char)(0x80 | (cp & 0x3F));
        return 3;
    }
    out[0] = (unsigned char)(0xF0 | cp >> 18);
    out[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
    out[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
    out[3] = (unsigned char)(0x80 | (cp & 0x3F));
    return 4;
}
