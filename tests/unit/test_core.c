/*
 * Unit tests: SHA-256 vectors, rounding half away from zero, the hash table, interning,
 * string buffers, the arena, diagnostics, the text every output can hold, the growable-array
 * push and the keyed ordering.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/diag.h"
#include "core/sha256.h"
#include "core/text.h"
#include "core/util.h"

static void test_sha256(void **state)
{
    (void)state;
    sha256_t c;
    char hex[65];
    sha256_init(&c);
    sha256_final_hex(&c, hex);
    assert_string_equal(hex, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    sha256_init(&c);
    sha256_update(&c, "abc", 3);
    sha256_final_hex(&c, hex);
    assert_string_equal(hex, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    /* 1000 × 'a' fed in uneven pieces crosses block boundaries */
    char a[1000];
    memset(a, 'a', sizeof a);
    sha256_init(&c);
    sha256_update(&c, a, 1);
    sha256_update(&c, a, 63);
    sha256_update(&c, a, 100);
    sha256_update(&c, a, 836);
    sha256_final_hex(&c, hex);
    assert_string_equal(hex, "41edece42d63e8d9bf515a9ba6932e1c20cbc9f5a5d134645adb5db1b9737ea3");
}

static void test_rounding(void **state)
{
    (void)state;
    assert_true(round_half_away(2.5, 0) == 3.0);
    assert_true(round_half_away(-2.5, 0) == -3.0);
    assert_true(round_half_away(0.125, 2) == 0.13);
    assert_true(round_half_away(-0.125, 2) == -0.13);
    assert_true(round_half_away(2.675, 2) == 2.68); /* 2.67499999… in binary */
    assert_true(round_half_away(1.005, 2) == 1.01);
    assert_true(round_half_away(99.994999, 2) == 99.99);
    assert_true(round_half_away(28.65, 1) == 28.7);
    assert_true(round_half_away(0.04, 1) == 0.0);
    assert_true(round_half_away(95.6, 2) == 95.6);
}

static void test_hashmap(void **state)
{
    (void)state;
    hashmap_t *m = hashmap_new();
    char key[32];
    for (int i = 0; i < 5000; i++) {
        snprintf(key, sizeof key, "INC%07d", i);
        hashmap_put(m, key, strlen(key), (void *)(intptr_t)(i + 1));
    }
    assert_int_equal(hashmap_count(m), 5000);
    for (int i = 0; i < 5000; i += 7) {
        snprintf(key, sizeof key, "INC%07d", i);
        assert_int_equal((intptr_t)hashmap_get(m, key, strlen(key)), i + 1);
    }
    assert_null(hashmap_get(m, "nope", 4));
    hashmap_put(m, "INC0000001", 10, (void *)(intptr_t)42);
    assert_int_equal((intptr_t)hashmap_get(m, "INC0000001", 10), 42);
    assert_int_equal(hashmap_count(m), 5000);
    hashmap_free(m);
    hashmap_free(NULL);

    /* keys of every length to 40 (the hash reads words, the last one overlapping), each also
     * with one byte changed at every place: all distinct, all found; the empty key too */
    m = hashmap_new();
    char text[41];
    memset(text, 'a', sizeof text);
    intptr_t n = 0;
    for (size_t len = 0; len <= 40; len++) {
        hashmap_put(m, text, len, (void *)++n);
        for (size_t at = 0; at < len; at++) {
            text[at] = 'b';
            hashmap_put(m, text, len, (void *)++n);
            text[at] = 'a';
        }
    }
    assert_int_equal(hashmap_count(m), (size_t)n); /* 1 + 2 + ... + 41 = 861 */
    assert_int_equal(n, 861);
    n = 0;
    for (size_t len = 0; len <= 40; len++) {
        assert_int_equal((intptr_t)hashmap_get(m, text, len), ++n);
        for (size_t at = 0; at < len; at++) {
            text[at] = 'b';
            assert_int_equal((intptr_t)hashmap_get(m, text, len), ++n);
            text[at] = 'a';
        }
    }
    text[3] = 'c';
    assert_null(hashmap_get(m, text, 8));
    hashmap_free(m);

    interner_t *in = interner_new();
    const char *a = intern(in, "Email service", 5);
    const char *b = intern(in, "Email", 5);
    assert_ptr_equal(a, b);
    assert_string_equal(a, "Email");
    assert_ptr_not_equal(intern(in, "ERP", 3), a);
    interner_free(in);
}

static void test_strbuf_arena(void **state)
{
    (void)state;
    strbuf_t sb = {0};
    assert_string_equal(strbuf_cstr(&sb), "");
    strbuf_printf(&sb, "%s:%d", "file.csv", 12);
    strbuf_putc(&sb, '!');
    assert_string_equal(sb.data, "file.csv:12!");
    assert_int_equal(sb.len, 12);
    strbuf_reset(&sb);
    for (int i = 0; i < 1000; i++)
        strbuf_puts(&sb, "0123456789");
    assert_int_equal(sb.len, 10000);
    strbuf_clear(&sb);

    arena_t *ar = arena_new();
    assert_int_equal(arena_bytes(ar), 0);
    arena_alloc(ar, 16); /* an arena of a few names costs a small first block */
    assert_int_equal(arena_bytes(ar), 4096);
    for (int i = 0; i < 4; i++) /* 3,000 bytes fill a block in turn: 8 KiB, then 16 KiB */
        arena_alloc(ar, 3000);
    assert_int_equal(arena_bytes(ar), 4096 + 8192 + 16384);
    char *big = arena_alloc(ar, 1 << 20); /* larger than a block */
    memset(big, 1, 1 << 20);
    char *s = arena_strdup(ar, "Überweisung");
    assert_string_equal(s, "Überweisung");
    int *z = arena_alloc(ar, 16 * sizeof(int));
    for (int i = 0; i < 16; i++)
        assert_int_equal(z[i], 0);
    arena_free(ar);
    arena_free(NULL);
}

static void test_utf8_clean(void **state)
{
    (void)state;
    strbuf_t sb = {0};
    assert_string_equal(utf8_clean(&sb, "Écran noir – Überweisung", 0), "Écran noir – Überweisung");
    assert_string_equal(utf8_clean(&sb,
                                   "a\xff"
                                   "b",
                                   0),
                        "a\xEF\xBF\xBD"
                        "b");                                        /* invalid byte */
    assert_string_equal(utf8_clean(&sb, "\xC3", 0), "\xEF\xBF\xBD"); /* truncated */
    assert_string_equal(utf8_clean(&sb, "\xC0\xAF", 0), "\xEF\xBF\xBD\xEF\xBF\xBD"); /* overlong */
    assert_string_equal(utf8_clean(&sb, "\xED\xA0\x80", 0),
                        "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD"); /* surrogate */
    assert_string_equal(utf8_clean(&sb, "a\tb\nc\x01", 0), "a b c ");
    assert_string_equal(utf8_clean(&sb, "a\tb\nc\x01", 1), "a\tb\nc ");
    assert_string_equal(utf8_clean(&sb, NULL, 0), "");
    /* noncharacters (cairo refuses them, XML 1.0 has no U+FFFE or U+FFFF): one U+FFFD each */
    assert_string_equal(utf8_clean(&sb,
                                   "a\xEF\xBF\xBF"
                                   "b",
                                   0),
                        "a\xEF\xBF\xBD"
                        "b");                                                /* FFFF */
    assert_string_equal(utf8_clean(&sb, "\xEF\xBF\xBE", 1), "\xEF\xBF\xBD"); /* FFFE */
    assert_string_equal(utf8_clean(&sb, "\xEF\xB7\x90\xEF\xB7\xAF", 0),
                        "\xEF\xBF\xBD\xEF\xBF\xBD");                             /* FDD0, FDEF */
    assert_string_equal(utf8_clean(&sb, "\xF0\x9F\xBF\xBE", 0), "\xEF\xBF\xBD"); /* 1FFFE */
    assert_string_equal(utf8_clean(&sb, "\xF4\x8F\xBF\xBF", 0), "\xEF\xBF\xBD"); /* 10FFFF */
    /* their neighbours are characters: U+FDCF, U+FDF0, U+FFFD, U+1F600 */
    assert_string_equal(utf8_clean(&sb, "\xEF\xB7\x8F\xEF\xB7\xB0\xEF\xBF\xBD\xF0\x9F\x98\x80", 0),
                        "\xEF\xB7\x8F\xEF\xB7\xB0\xEF\xBF\xBD\xF0\x9F\x98\x80");
    strbuf_clear(&sb);
}

/* utf8_clean as it was written first, a byte-by-byte copy: the reference the faster one (a
 * clean run copied at once) must match byte for byte. */
static void clean_reference(strbuf_t *sb, const char *s, int keep_breaks)
{
    strbuf_reset(sb);
    const unsigned char *p = (const unsigned char *)s;
    while (*p) {
        int n = *p < 0x80 ? 1 : (*p >> 5) == 6 ? 2 : (*p >> 4) == 14 ? 3 : (*p >> 3) == 30 ? 4 : 0;
        int ok = n > 0;
        for (int i = 1; ok && i < n; i++)
            ok = (p[i] & 0xC0) == 0x80;
        if (ok && n == 2 && *p < 0xC2)
            ok = 0;
        if (ok && n == 3 && ((*p == 0xE0 && p[1] < 0xA0) || (*p == 0xED && p[1] >= 0xA0)))
            ok = 0;
        if (ok && n == 4 &&
            ((*p == 0xF0 && p[1] < 0x90) || *p > 0xF4 || (*p == 0xF4 && p[1] >= 0x90)))
            ok = 0;
        if (ok && n >= 3) {
            unsigned cp = n == 3 ? (p[0] & 0x0Fu) << 12 | (p[1] & 0x3Fu) << 6 | (p[2] & 0x3Fu)
                                 : (p[0] & 0x07u) << 18 | (p[1] & 0x3Fu) << 12 |
                                       (p[2] & 0x3Fu) << 6 | (p[3] & 0x3Fu);
            if ((cp >= 0xFDD0 && cp <= 0xFDEF) || (cp & 0xFFFE) == 0xFFFE) {
                strbuf_append(sb, "\xEF\xBF\xBD", 3);
                p += n;
                continue;
            }
        }
        if (!ok) {
            strbuf_append(sb, "\xEF\xBF\xBD", 3);
            p++;
        } else if (*p < 0x20 && !(keep_breaks && (*p == '\n' || *p == '\t'))) {
            strbuf_putc(sb, ' ');
            p++;
        } else {
            strbuf_append(sb, (const char *)p, (size_t)n);
            p += n;
        }
    }
}

/* One text against the reference, both ways of keep_breaks; the clean span is the whole text
 * exactly when the clean copy is the text itself, and else ends where the copy first differs. */
static void check_clean(const char *s)
{
    strbuf_t got = {0}, want = {0};
    for (int k = 0; k < 2; k++) {
        utf8_clean(&got, s, k);
        clean_reference(&want, s, k);
        assert_int_equal(got.len, want.len);
        assert_memory_equal(strbuf_cstr(&got), strbuf_cstr(&want), want.len);
        size_t span = utf8_clean_span(s, k), len = strlen(s);
        assert_true(span <= len);
        assert_true(span <= want.len);
        assert_memory_equal(s, strbuf_cstr(&want), span);
        if (span == len)
            assert_true(want.len == len && !memcmp(want.data ? want.data : "", s, len));
        else { /* the span ends at a replaced character, not before */
            const unsigned char *c = (const unsigned char *)s + span;
            const char *w = want.data + span;
            if (*c < 0x20)
                assert_true(*w == ' ');
            else
                assert_true(!memcmp(w, "\xEF\xBF\xBD", 3) && memcmp(c, "\xEF\xBF\xBD", 3));
        }
    }
    strbuf_clear(&got);
    strbuf_clear(&want);
}

/* utf8_clean and utf8_clean_span against the byte-by-byte reference: every one- and two-byte
 * text, every lead byte with each continuation pattern of the boundary bytes around it (overlong,
 * surrogate, noncharacter, past U+10FFFF), inside clean text and at its ends. */
static void test_utf8_clean_fast(void **state)
{
    (void)state;
    char buf[16];
    for (int a = 1; a < 256; a++) {
        buf[0] = (char)a;
        buf[1] = '\0';
        check_clean(buf);
        for (int b = 1; b < 256; b++) {
            buf[1] = (char)b;
            buf[2] = '\0';
            check_clean(buf);
        }
    }
    static const unsigned char edges[] = {0x01, 0x09, 0x0A, 0x1F, 0x20, 0x7E, 0x7F, 0x80,
                                          0x8F, 0x90, 0x9F, 0xA0, 0xB7, 0xBE, 0xBF, 0xC0};
    size_t ne = sizeof edges;
    for (int lead = 0xC0; lead < 256; lead++)
        for (size_t i = 0; i < ne; i++)
            for (size_t j = 0; j < ne; j++)
                for (size_t k = 0; k < ne; k++) {
                    /* "ab" + lead + three bytes + "cd": the character inside clean text */
                    unsigned char t[] = {
                        'a', 'b', (unsigned char)lead, edges[i], edges[j], edges[k], 'c', 'd', 0};
                    check_clean((const char *)t);
                    check_clean((const char *)t + 2); /* at the start */
                }
    check_clean("plain ASCII, the common case");
    check_clean("\xEF\xB7\x8F\xEF\xB7\xB0\xF0\x9F\x98\x80 \xC3\xA9t\xC3\xA9");
    assert_int_equal(utf8_clean_span(NULL, 0), 0);
    assert_int_equal(utf8_clean_span("", 1), 0);
    assert_int_equal(utf8_clean_span("ab\tc", 0), 2);
    assert_int_equal(utf8_clean_span("ab\tc", 1), 4);
    assert_int_equal(utf8_clean_span("\xC3\xA9t\xC3", 0), 3);  /* a cut character at the end */
    assert_int_equal(utf8_clean_span("x\xEF\xBF\xBEy", 0), 1); /* U+FFFE */
    /* an empty text copies nothing and allocates nothing */
    strbuf_t sb = {0};
    assert_string_equal(utf8_clean(&sb, "", 0), "");
    assert_null(sb.data);
    strbuf_clear(&sb);
}

/* text_make_safe of s (len bytes) into a fresh buffer; *replaced receives the count. */
static char *safe(const char *s, size_t len, size_t *replaced)
{
    strbuf_t sb = {0};
    *replaced = text_make_safe(&sb, s, len);
    assert_non_null(sb.data);
    assert_int_equal(text_is_safe(sb.data, sb.len), 1); /* the repair is always safe text */
    return sb.data;
}

static void test_text_safe(void **state)
{
    (void)state;
    static const struct {
        const char *in;
        size_t len;
        const char *out;
        size_t replaced;
    } cases[] = {
        {"", 0, "", 0},
        {"plain ASCII ~", 13, "plain ASCII ~", 0},
        {"tab\tLF\nCR\r", 10, "tab\tLF\nCR\r", 0}, /* the three controls XML allows */
        {"\x7f\xc2\x85", 3, "\x7f\xc2\x85", 0},    /* DEL and C1 controls: XML 1.0 Chars */
        {"a\x01"
         "b",
         3,
         "a\xEF\xBF\xBD"
         "b",
         1}, /* C0 control */
        {"a\0b", 3,
         "a\xEF\xBF\xBD"
         "b",
         1}, /* NUL inside the text */
        {"\x0b\x0c\x1b\x1f", 4, "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD", 4},
        {"\xEF\xBF\xBE|\xEF\xBF\xBF", 7, "\xEF\xBF\xBD|\xEF\xBF\xBD", 2}, /* U+FFFE, U+FFFF */
        {"\xEF\xB7\x90\xEF\xB7\xAF", 6, "\xEF\xBF\xBD\xEF\xBF\xBD", 2},   /* U+FDD0, U+FDEF */
        {"\xEF\xB7\x8F\xEF\xB7\xB0", 6, "\xEF\xB7\x8F\xEF\xB7\xB0", 0},   /* U+FDCF, U+FDF0 */
        {"\xF0\x9F\xBF\xBE\xF4\x8F\xBF\xBF", 8, "\xEF\xBF\xBD\xEF\xBF\xBD",
         2},                                            /* U+1FFFE, U+10FFFF */
        {"\xF0\x9F\x98\x80", 4, "\xF0\x9F\x98\x80", 0}, /* an emoji (U+1F600) is text */
        {"\xEF\xBF\xBD", 3, "\xEF\xBF\xBD", 0},         /* U+FFFD itself */
        {"\xED\xA0\x80", 3, "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD", 3}, /* a lone surrogate */
        {"\xC0\xAF", 2, "\xEF\xBF\xBD\xEF\xBF\xBD", 2},                 /* an overlong '/' */
        {"\xF4\x90\x80\x80", 4, "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD", 4},
        {"ab\xC3", 3, "ab\xEF\xBF\xBD", 1},               /* cut short at the end */
        {"\xC3(", 2, "\xEF\xBF\xBD(", 1},                 /* a lead byte without its tail */
        {"\xE9t\xE9", 3, "\xEF\xBF\xBDt\xEF\xBF\xBD", 2}, /* Latin-1 bytes */
        {"\xC3\xA9t\xC3\xA9", 5, "\xC3\xA9t\xC3\xA9", 0},
        /* two-byte sequences, taken whole: their edges, and their tails missing or wrong */
        {"\xC2\x80|\xDF\xBF", 5, "\xC2\x80|\xDF\xBF", 0}, /* U+0080, U+07FF */
        {"\xC3\xA9\xC3", 3, "\xC3\xA9\xEF\xBF\xBD", 1},
        {"\xC3\xC3\xA9", 3, "\xEF\xBF\xBD\xC3\xA9", 1},
        {"\xC3\xA9\x01", 3, "\xC3\xA9\xEF\xBF\xBD", 1},
        {"\xC3\xA9\xEF\xBF\xBE", 5, "\xC3\xA9\xEF\xBF\xBD", 1}, /* then U+FFFE */
        {"\xC3\x9C"
         "berweisung f\xC3\xBC"
         "r Zo\xC3\xAB"
         " M\xC3\xBC"
         "ller",
         30,
         "\xC3\x9C"
         "berweisung f\xC3\xBC"
         "r Zo\xC3\xAB"
         " M\xC3\xBC"
         "ller",
         0},
        {"\xC3\x9C"
         "berweisung f\xC3\xBC"
         "r Zo\xC3\xAB"
         " M\xC3\xBC"
         "ller"
         "\x1f",
         31,
         "\xC3\x9C"
         "berweisung f\xC3\xBC"
         "r Zo\xC3\xAB"
         " M\xC3\xBC"
         "ller"
         "\xEF\xBF\xBD",
         1},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        size_t replaced;
        char *out = safe(cases[i].in, cases[i].len, &replaced);
        if (strcmp(out, cases[i].out) != 0 || replaced != cases[i].replaced)
            fail_msg("case %zu: got '%s' (%zu replaced)", i, out, replaced);
        assert_int_equal(text_is_safe(cases[i].in, cases[i].len), cases[i].replaced == 0);
        free(out);
    }
    /* appends: what the buffer held stays */
    strbuf_t sb = {0};
    strbuf_puts(&sb, "x=");
    assert_int_equal(text_make_safe(&sb, "\x02y", 2), 1);
    assert_string_equal(sb.data, "x=\xEF\xBF\xBDy");
    strbuf_clear(&sb);
}

static void test_diag(void **state)
{
    (void)state;
    diag_t d = {0};
    assert_int_equal(diag_set(&d, ST_CONFIG, "review.yaml", 5, 19, "bad %s", "duration"),
                     ST_CONFIG);
    char *s = diag_format(&d, "error");
    assert_string_equal(s, "review.yaml:5:19: error: bad duration");
    free(s);
    diag_set(&d, ST_NOINPUT, "x.csv", 0, 0, "missing");
    s = diag_format(&d, "error");
    assert_string_equal(s, "x.csv: error: missing");
    free(s);
    diag_clear(&d);
    assert_null(d.path);
    assert_int_equal(status_exit_code(ST_USAGE), 64);
    assert_int_equal(status_exit_code(ST_DATA), 65);
    assert_int_equal(status_exit_code(ST_NOINPUT), 66);
    assert_int_equal(status_exit_code(ST_NOMEM), 71);
    assert_int_equal(status_exit_code(ST_CANTCREATE), 73);
    assert_int_equal(status_exit_code(ST_IOERR), 74);
    assert_int_equal(status_exit_code(ST_LOCKED), 75);
    assert_int_equal(status_exit_code(ST_CONFIG), 78);
}

/* xpush: every element zeroed, the count kept, the contents kept across growth. */
/* addr_memo: empty when zeroed, a put found again with its value, a string of equal text at
 * another address not found, and two addresses of one slot replacing each other. */
static void test_addr_memo(void **state)
{
    (void)state;
    static char text[2][ADDR_MEMO_WAYS * 8 + 8];
    addr_memo_t m = {0};
    uintptr_t v = 99;
    const char *a = text[0], *b = text[1];
    strcpy(text[0], "Email");
    strcpy(text[1], "Email");
    assert_false(addr_memo_get(&m, a, &v));
    assert_int_equal(v, 99);
    addr_memo_put(&m, a, 7);
    assert_true(addr_memo_get(&m, a, &v));
    assert_int_equal(v, 7);
    assert_true(addr_memo_get(&m, a, NULL));
    assert_false(addr_memo_get(&m, b, &v)); /* equal text, another string */
    const char *same_slot = a + ADDR_MEMO_WAYS * 8;
    assert_int_equal(addr_memo_slot(same_slot), addr_memo_slot(a));
    addr_memo_put(&m, same_slot, 3);
    assert_false(addr_memo_get(&m, a, &v)); /* replaced: a miss, never a wrong value */
    assert_true(addr_memo_get(&m, same_slot, &v));
    assert_int_equal(v, 3);
}

static void test_xpush(void **state)
{
    (void)state;
    struct item {
        int a;
        double b;
    } *v = NULL;
    size_t n = 0, cap = 0;
    for (int i = 0; i < 100; i++) {
        struct item *it = xpush((void **)&v, &n, &cap, sizeof *v);
        assert_int_equal(it->a, 0);
        assert_true(it->b == 0.0);
        it->a = i;
        it->b = i * 0.5;
        assert_int_equal(n, (size_t)i + 1);
        assert_true(cap >= n);
    }
    for (int i = 0; i < 100; i++) {
        assert_int_equal(v[i].a, i);
        assert_true(v[i].b == i * 0.5);
    }
    free(v);
}

/* arena_grow and arena_push: arrays that move as they grow keep their contents and alignment,
 * several arrays share one arena, and arena_free frees them all (the leak checkers of make asan
 * and make valgrind fail this test otherwise). */
static void test_arena_arrays(void **state)
{
    (void)state;
    arena_t *ar = arena_new();
    double *d = NULL;
    size_t nd = 0, capd = 0;
    long *l = NULL;
    size_t capl = 0;
    for (int i = 0; i < 5000; i++) {
        double *at = arena_push(ar, (void **)&d, &nd, &capd, sizeof *d);
        assert_true(*at == 0.0);
        *at = i * 0.25;
        if (i % 7 == 0) {
            arena_grow(ar, (void **)&l, &capl, (size_t)i / 7 + 1, sizeof *l);
            l[i / 7] = -i;
        }
    }
    assert_int_equal(nd, 5000);
    assert_true(capd >= 5000 && capl >= 715);
    assert_int_equal((uintptr_t)d % _Alignof(max_align_t), 0);
    assert_int_equal((uintptr_t)l % _Alignof(max_align_t), 0);
    for (int i = 0; i < 5000; i++)
        assert_true(d[i] == i * 0.25);
    for (int i = 0; i < 5000; i += 7)
        assert_int_equal(l[i / 7], -i);
    size_t before = capl;
    arena_grow(ar, (void **)&l, &capl, 3, sizeof *l); /* already room: nothing moves */
    assert_int_equal(capl, before);
    /* what the arena costs counts its arrays, not only its blocks (it has none here) */
    assert_true(arena_bytes(ar) >= capd * sizeof *d + capl * sizeof *l);
    assert_true(arena_bytes(ar) < (capd * sizeof *d + capl * sizeof *l) + 1024);
    arena_free(ar);
}

/* keyed_sort: ascending keys, equal keys in index order whatever their place; 0 and 1 elements. */
static void test_keyed_sort(void **state)
{
    (void)state;
    keyed_t k[] = {{0, 2.0}, {1, -1.0}, {2, 2.0}, {3, 0.5}, {4, -1.0}, {5, 2.0}};
    keyed_t rev[6];
    for (size_t i = 0; i < 6; i++)
        rev[i] = k[5 - i];
    keyed_sort(k, 6);
    keyed_sort(rev, 6);
    static const size_t want[] = {1, 4, 3, 0, 2, 5};
    for (size_t i = 0; i < 6; i++) {
        assert_int_equal(k[i].index, want[i]);
        assert_int_equal(rev[i].index, want[i]);
    }
    keyed_sort(NULL, 0);
    keyed_t one = {7, 3.0};
    keyed_sort(&one, 1);
    assert_int_equal(one.index, 7);
}

/* i64_search: at-or-above and above on a plain array with a run of equal keys, below the first
 * and above the last key, the extremes of int64_t, no keys, and a key member of structs. */
static void test_i64_search(void **state)
{
    (void)state;
    static const int64_t v[] = {-5, 0, 3, 3, 3, 9};
    const size_t n = 6, w = sizeof *v;
    assert_int_equal(i64_search(v, n, w, 3, 0), 2);
    assert_int_equal(i64_search(v, n, w, 3, 1), 5);
    assert_int_equal(i64_search(v, n, w, 1, 0), 2);
    assert_int_equal(i64_search(v, n, w, 1, 1), 2);
    assert_int_equal(i64_search(v, n, w, -6, 0), 0);
    assert_int_equal(i64_search(v, n, w, -5, 0), 0);
    assert_int_equal(i64_search(v, n, w, -5, 1), 1);
    assert_int_equal(i64_search(v, n, w, 9, 0), 5);
    assert_int_equal(i64_search(v, n, w, 9, 1), 6);
    assert_int_equal(i64_search(v, n, w, INT64_MAX, 1), 6);
    assert_int_equal(i64_search(v, n, w, INT64_MIN, 0), 0);
    assert_int_equal(i64_search(NULL, 0, w, 0, 0), 0);
    assert_int_equal(i64_search(NULL, 0, w, 0, 1), 0);
    /* the key is the second member: the search must step by the struct, not by the key */
    struct {
        int32_t pad;
        int64_t at;
        int32_t other;
    } s[] = {{1, 10, -1}, {2, 20, 99}, {3, 20, 5}, {4, 40, 0}};
    assert_int_equal(i64_search(&s[0].at, 4, sizeof *s, 20, 0), 1);
    assert_int_equal(i64_search(&s[0].at, 4, sizeof *s, 20, 1), 3);
    assert_int_equal(i64_search(&s[0].at, 4, sizeof *s, 39, 1), 3);
    assert_int_equal(i64_search(&s[0].at, 4, sizeof *s, 41, 0), 4);
}

/* ascii_trim: spaces, tabs, CR and LF on both sides; other bytes (a no-break space) kept. */
static void test_ascii_trim(void **state)
{
    (void)state;
    const char *s = " \t\r\n a b \n\r\t ";
    size_t len = strlen(s);
    ascii_trim(&s, &len);
    assert_int_equal(len, 3);
    assert_memory_equal(s, "a b", 3);
    s = " \t\n";
    len = strlen(s);
    ascii_trim(&s, &len);
    assert_int_equal(len, 0);
    s = "\xC2\xA0x\xC2\xA0";
    len = strlen(s);
    ascii_trim(&s, &len);
    assert_int_equal(len, 5);
    s = "";
    len = 0;
    ascii_trim(&s, &len);
    assert_int_equal(len, 0);
}

/* ascii_ieqn and ascii_ieq: A-Z folded, nothing else (É and é differ); lengths must agree. */
static void test_ascii_ieq(void **state)
{
    (void)state;
    assert_true(ascii_ieqn("Lower_Is_Better", "lower_is_better", 15));
    assert_true(ascii_ieqn("abc", "abd", 2));
    assert_false(ascii_ieqn("abc", "abd", 3));
    assert_false(ascii_ieqn("\xC3\x89", "\xC3\xA9", 2));
    assert_false(ascii_ieqn("@", "`", 1)); /* 0x40 and 0x60: not letters */
    assert_true(ascii_ieqn("", "", 0));
    assert_true(ascii_ieq("CP1252x", 6, "cp1252"));
    assert_false(ascii_ieq("CP125", 5, "cp1252"));
    assert_false(ascii_ieq("cp1252", 6, "cp125"));
}

/* text_utf8_encode at each length's edges: one to four bytes. */
static void test_utf8_encode(void **state)
{
    (void)state;
    static const struct {
        uint32_t cp;
        const char *want;
    } cases[] = {{0x41, "A"},
                 {0x7F, "\x7F"},
                 {0x80, "\xC2\x80"},
                 {0xE9, "\xC3\xA9"},
                 {0x7FF, "\xDF\xBF"},
                 {0x800, "\xE0\xA0\x80"},
                 {0xFFFD, "\xEF\xBF\xBD"},
                 {0xFFFF, "\xEF\xBF\xBF"},
                 {0x10000, "\xF0\x90\x80\x80"},
                 {0x10FFFF, "\xF4\x8F\xBF\xBF"}};
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        unsigned char o[4];
        size_t n = text_utf8_encode(cases[i].cp, o);
        assert_int_equal(n, strlen(cases[i].want));
        assert_memory_equal(o, cases[i].want, n);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_sha256),       cmocka_unit_test(test_rounding),
        cmocka_unit_test(test_hashmap),      cmocka_unit_test(test_strbuf_arena),
        cmocka_unit_test(test_utf8_clean),   cmocka_unit_test(test_utf8_clean_fast),
        cmocka_unit_test(test_diag),         cmocka_unit_test(test_text_safe),
        cmocka_unit_test(test_addr_memo),    cmocka_unit_test(test_xpush),
        cmocka_unit_test(test_arena_arrays), cmocka_unit_test(test_keyed_sort),
        cmocka_unit_test(test_i64_search),   cmocka_unit_test(test_ascii_trim),
        cmocka_unit_test(test_ascii_ieq),    cmocka_unit_test(test_utf8_encode),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
