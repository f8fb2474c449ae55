/*
 * Unit tests: the CSV reader (quoting, line ends, BOM, delimiter sniffing, line numbers,
 * blank lines, NUL bytes, ragged rows, the digest of the bytes read, the bounds on a record and
 * on inflation).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <zlib.h>

#include "input/csv.h"

typedef struct {
    FILE *f;
    csv_t *csv;
    csv_record_t rec;
} fixture_t;

static void open_text(fixture_t *fx, const char *text, size_t len, char delim)
{
    fx->f = fmemopen((void *)text, len, "rb");
    assert_non_null(fx->f);
    csv_options_t opt = {delim, CSV_ENC_AUTO};
    fx->csv = csv_open_stream(fx->f, &opt);
}

static void close_text(fixture_t *fx)
{
    csv_close(fx->csv);
    fclose(fx->f);
}

static void expect_record(fixture_t *fx, size_t line, size_t n, const char *const *fields)
{
    assert_int_equal(csv_next(fx->csv, &fx->rec), 1);
    assert_int_equal(fx->rec.line, line);
    assert_int_equal(fx->rec.nfields, n);
    for (size_t i = 0; i < n; i++) {
        assert_string_equal(fx->rec.fields[i], fields[i]);
        assert_int_equal(fx->rec.lens[i], strlen(fields[i]));
    }
}

static void test_quoting(void **state)
{
    (void)state;
    static const char text[] = "id,title,note\n"
                               "1,\"Hello, world\",plain\n"
                               "2,\"She said \"\"no\"\"\",\n"
                               "3,\"two\nlines\",x\n"
                               "4,,\"\"\n";
    fixture_t fx;
    open_text(&fx, text, sizeof text - 1, 0);
    expect_record(&fx, 1, 3, (const char *[]){"id", "title", "note"});
    expect_record(&fx, 2, 3, (const char *[]){"1", "Hello, world", "plain"});
    expect_record(&fx, 3, 3, (const char *[]){"2", "She said \"no\"", ""});
    expect_record(&fx, 4, 3, (const char *[]){"3", "two\nlines", "x"});
    assert_int_equal(fx.rec.end_line, 5);
    expect_record(&fx, 6, 3, (const char *[]){"4", "", ""}); /* line 6: the quoted break counted */
    assert_int_equal(csv_next(fx.csv, &fx.rec), 0);
    close_text(&fx);
}

static void test_line_ends_and_bom(void **state)
{
    (void)state;
    static const char text[] = "\xEF\xBB\xBF"
                               "a,b\r\n1,2\r\n\r\n3,4\r5,6"; /* CRLF, blank, CR, no final end */
    fixture_t fx;
    open_text(&fx, text, sizeof text - 1, 0);
    expect_record(&fx, 1, 2, (const char *[]){"a", "b"});
    expect_record(&fx, 2, 2, (const char *[]){"1", "2"});
    expect_record(&fx, 4, 2, (const char *[]){"3", "4"}); /* the blank line 3 is skipped */
    expect_record(&fx, 5, 2, (const char *[]){"5", "6"});
    assert_int_equal(csv_next(fx.csv, &fx.rec), 0);
    close_text(&fx);
    /* CRLF inside a quoted field reads as one line break */
    static const char t2[] = "x\r\n\"a\r\nb\"\r\n";
    open_text(&fx, t2, sizeof t2 - 1, 0);
    expect_record(&fx, 1, 1, (const char *[]){"x"});
    expect_record(&fx, 2, 1, (const char *[]){"a\nb"});
    assert_int_equal(csv_next(fx.csv, &fx.rec), 0);
    close_text(&fx);
}

static void test_sniffing(void **state)
{
    (void)state;
    static const char semi[] = "ID;Titre;\"Date, ouverture\"\n5;Écran noir;01-10-2026\n";
    fixture_t fx;
    open_text(&fx, semi, sizeof semi - 1, 0);
    expect_record(&fx, 1, 3, (const char *[]){"ID", "Titre", "Date, ouverture"});
    assert_int_equal(csv_delimiter(fx.csv), ';');
    expect_record(&fx, 2, 3, (const char *[]){"5", "Écran noir", "01-10-2026"});
    close_text(&fx);
    static const char tab[] = "a\tb,c\td\n1\t2,3\t4\n";
    open_text(&fx, tab, sizeof tab - 1, 0);
    expect_record(&fx, 1, 3, (const char *[]){"a", "b,c", "d"});
    assert_int_equal(csv_delimiter(fx.csv), '\t');
    close_text(&fx);
    /* a configured delimiter wins over sniffing */
    open_text(&fx, tab, sizeof tab - 1, ',');
    expect_record(&fx, 1, 2, (const char *[]){"a\tb", "c\td"});
    close_text(&fx);
}

static void test_ragged_and_nul(void **state)
{
    (void)state;
    static const char text[] = "a,b,c\n1,2\n1,2,3,4\nx\0y,2,3\n";
    fixture_t fx;
    open_text(&fx, text, sizeof text - 1, 0);
    expect_record(&fx, 1, 3, (const char *[]){"a", "b", "c"});
    expect_record(&fx, 2, 2, (const char *[]){"1", "2"});
    expect_record(&fx, 3, 4, (const char *[]){"1", "2", "3", "4"});
    expect_record(&fx, 4, 3, (const char *[]){"x\xEF\xBF\xBDy", "2", "3"}); /* NUL → U+FFFD */
    assert_int_equal(csv_next(fx.csv, &fx.rec), 0);
    assert_int_equal(csv_notes(fx.csv)->nul_bytes, 1); /* counted, with its line, for a warning */
    assert_int_equal(csv_notes(fx.csv)->nul_line, 4);
    close_text(&fx);
}

/* Fields of every length from 0 to 20 after a first field of 0 to 8 bytes, so that each stop
 * byte (delimiter, quote, CR LF, LF, NUL) falls at every place of an eight-byte word; with ','
 * and with ';' as the delimiter (where ',' is an ordinary byte). */
static void test_stop_bytes_at_every_place(void **state)
{
    (void)state;
    const char delims[2] = {',', ';'};
    for (int d = 0; d < 2; d++) {
        char c = delims[d];
        for (size_t pad = 0; pad <= 8; pad++) {
            for (size_t len = 0; len <= 20; len++) {
                char p[16], a[32], z[32], text[256], quoted[64], nul[64];
                memset(p, 'p', pad);
                p[pad] = '\0';
                memset(a, c == ',' ? 'a' : ',', len); /* under ';' a run of commas */
                a[len] = '\0';
                memset(z, 'z', len);
                z[len] = '\0';
                int n =
                    snprintf(text, sizeof text, "%s%c%s%cb\"c%c\"q%s\"\"w\"%ctail\r\n%s%ck%c2\n", p,
                             c, a, c, c, z, c, a, 0, c);
                assert_true(n > 0 && (size_t)n < sizeof text);
                /* snprintf stops at the NUL of "%c" with 0: write it by hand */
                size_t at = pad + 1 + len + 1 + 3 + 1 + 2 + len + 4 + 1 + 6 + len;
                assert_int_equal(text[at], '\0');
                size_t total = at + 1 + 1 + 1 + 2;
                memcpy(text + at + 1, (const char[]){'k', c, '2', '\n'}, 4);
                snprintf(quoted, sizeof quoted, "q%s\"w", z);
                snprintf(nul, sizeof nul, "%s\xEF\xBF\xBDk", a);
                fixture_t fx;
                open_text(&fx, text, total, c);
                expect_record(&fx, 1, 5, (const char *[]){p, a, "b\"c", quoted, "tail"});
                expect_record(&fx, 2, 2, (const char *[]){nul, "2"});
                assert_int_equal(csv_next(fx.csv, &fx.rec), 0);
                assert_int_equal(csv_notes(fx.csv)->nul_bytes, 1);
                close_text(&fx);
            }
        }
    }
}

static void test_unterminated_quote(void **state)
{
    (void)state;
    static const char text[] = "a,b\n1,\"never closed\n2,3\n";
    fixture_t fx;
    open_text(&fx, text, sizeof text - 1, 0);
    expect_record(&fx, 1, 2, (const char *[]){"a", "b"});
    /* the rest of the file is one field: the record is kept (and rejected later as ragged
     * or malformed), never dropped and never a crash */
    expect_record(&fx, 2, 2, (const char *[]){"1", "never closed\n2,3\n"});
    assert_true(fx.rec.unterminated); /* flagged, so the reader of the profile rejects it */
    assert_int_equal(csv_next(fx.csv, &fx.rec), 0);
    close_text(&fx);
    /* a quote closed at the very end is fine */
    static const char closed[] = "a,b\n1,\"closed\"";
    open_text(&fx, closed, sizeof closed - 1, 0);
    expect_record(&fx, 1, 2, (const char *[]){"a", "b"});
    expect_record(&fx, 2, 2, (const char *[]){"1", "closed"});
    assert_false(fx.rec.unterminated);
    close_text(&fx);
}

static void test_long_field_and_digest(void **state)
{
    (void)state;
    /* a field longer than the reader's 64 KiB buffer */
    size_t n = 200000;
    char *text = malloc(n + 16);
    assert_non_null(text);
    memcpy(text, "h\n\"", 3);
    memset(text + 3, 'x', n);
    memcpy(text + 3 + n, "\"\n", 2);
    fixture_t fx;
    open_text(&fx, text, n + 5, 0);
    expect_record(&fx, 1, 1, (const char *[]){"h"});
    assert_int_equal(csv_next(fx.csv, &fx.rec), 1);
    assert_int_equal(fx.rec.lens[0], n);
    close_text(&fx);
    free(text);

    static const char abc[] = "abc";
    open_text(&fx, abc, 3, 0);
    assert_string_equal(csv_sha256(fx.csv),
                        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    close_text(&fx);
    /* the digest covers the whole file even when reading stopped early */
    static const char two[] = "a,b\n1,2\n";
    open_text(&fx, two, sizeof two - 1, 0);
    assert_int_equal(csv_next(fx.csv, &fx.rec), 1);
    const char *h = csv_sha256(fx.csv);
    assert_int_equal(strlen(h), 64);
    assert_int_equal(csv_bytes(fx.csv), sizeof two - 1);
    close_text(&fx);
}

static void test_utf16(void **state)
{
    (void)state;
    /* "id;titre\n1;Écran 🙂\n" in UTF-16LE and UTF-16BE with BOM */
    static const char le[] = "\xFF\xFE"
                             "i\0d\0;\0t\0i\0t\0r\0e\0\n\0"
                             "1\0;\0\xC9\0c\0r\0a\0n\0 \0"
                             "\x3D\xD8\x42\xDE\n\0";
    static const char be[] = "\xFE\xFF"
                             "\0i\0d\0;\0t\0i\0t\0r\0e\0\n"
                             "\0"
                             "1\0;\0\xC9\0c\0r\0a\0n\0 "
                             "\xD8\x3D\xDE\x42\0\n";
    const char *texts[2] = {le, be};
    size_t lens[2] = {sizeof le - 1, sizeof be - 1};
    for (int i = 0; i < 2; i++) {
        fixture_t fx;
        open_text(&fx, texts[i], lens[i], 0);
        expect_record(&fx, 1, 2, (const char *[]){"id", "titre"});
        expect_record(&fx, 2, 2, (const char *[]){"1", "Écran 🙂"});
        assert_string_equal(csv_notes(fx.csv)->encoding, i ? "UTF-16BE" : "UTF-16LE");
        assert_int_equal(csv_notes(fx.csv)->fallback_bytes, 0);
        close_text(&fx);
        /* the same without the byte-order mark: recognised by its zero bytes */
        open_text(&fx, texts[i] + 2, lens[i] - 2, 0);
        expect_record(&fx, 1, 2, (const char *[]){"id", "titre"});
        expect_record(&fx, 2, 2, (const char *[]){"1", "Écran 🙂"});
        assert_non_null(strstr(csv_notes(fx.csv)->encoding, "no byte-order mark"));
        close_text(&fx);
    }
}

static void test_cp1252(void **state)
{
    (void)state;
    /* Windows-1252 bytes: é (E9), € (80), ’ (92) */
    static const char text[] = "a,b\n\xE9t\xE9,\x80 5\n\x92ok\x92,x\n";
    fixture_t fx;
    fx.f = fmemopen((void *)text, sizeof text - 1, "rb");
    csv_options_t opt = {0, CSV_ENC_CP1252};
    fx.csv = csv_open_stream(fx.f, &opt);
    expect_record(&fx, 1, 2, (const char *[]){"a", "b"});
    expect_record(&fx, 2, 2, (const char *[]){"été", "€ 5"});
    expect_record(&fx, 3, 2, (const char *[]){"’ok’", "x"});
    assert_int_equal(csv_notes(fx.csv)->fallback_bytes, 0); /* configured: nothing to warn */
    close_text(&fx);
    /* not configured: valid UTF-8 passes, the invalid bytes are read as Windows-1252 and
     * counted with the line of the first */
    static const char mixed[] = "a,b\nÜber,ok\n\xE9t\xE9,x\n";
    open_text(&fx, mixed, sizeof mixed - 1, 0);
    expect_record(&fx, 1, 2, (const char *[]){"a", "b"});
    expect_record(&fx, 2, 2, (const char *[]){"Über", "ok"});
    expect_record(&fx, 3, 2, (const char *[]){"été", "x"});
    assert_int_equal(csv_notes(fx.csv)->fallback_bytes, 2);
    assert_int_equal(csv_notes(fx.csv)->fallback_line, 3);
    close_text(&fx);
}

static void test_utf8_across_chunks(void **state)
{
    (void)state;
    /* a two-byte character split by the 64 KiB read boundary must not be mangled */
    size_t n = 65536 + 10;
    char *text = malloc(n + 8);
    assert_non_null(text);
    memcpy(text, "h\n", 2);
    memset(text + 2, 'x', n - 2);
    memcpy(text + 65535, "\xC3\xA9", 2); /* é straddles offset 65536 */
    text[n] = '\n';
    fixture_t fx;
    open_text(&fx, text, n + 1, 0);
    expect_record(&fx, 1, 1, (const char *[]){"h"});
    assert_int_equal(csv_next(fx.csv, &fx.rec), 1);
    assert_non_null(strstr(fx.rec.fields[0], "é"));
    assert_int_equal(csv_notes(fx.csv)->fallback_bytes, 0);
    close_text(&fx);
    free(text);
}

static void test_gzip(void **state)
{
    (void)state;
    static const char plain[] = "id,title\n1,Überweisung\n2,\"two\nlines\"\n";
    unsigned char gz[512];
    z_stream zs;
    memset(&zs, 0, sizeof zs);
    assert_int_equal(deflateInit2(&zs, 9, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY), Z_OK);
    zs.next_in = (unsigned char *)plain;
    zs.avail_in = sizeof plain - 1;
    zs.next_out = gz;
    zs.avail_out = sizeof gz;
    assert_int_equal(deflate(&zs, Z_FINISH), Z_STREAM_END);
    size_t gzlen = sizeof gz - zs.avail_out;
    deflateEnd(&zs);
    fixture_t fx;
    open_text(&fx, (const char *)gz, gzlen, 0);
    expect_record(&fx, 1, 2, (const char *[]){"id", "title"});
    expect_record(&fx, 2, 2, (const char *[]){"1", "Überweisung"});
    expect_record(&fx, 3, 2, (const char *[]){"2", "two\nlines"});
    assert_int_equal(csv_next(fx.csv, &fx.rec), 0);
    assert_true(csv_notes(fx.csv)->gzip);
    assert_int_equal(csv_notes(fx.csv)->truncated_gzip, 0);
    assert_int_equal(csv_bytes(fx.csv), gzlen); /* the digest is of the stored bytes */
    close_text(&fx);
    /* a damaged stream ends the input with a note, never a crash or a hang */
    open_text(&fx, (const char *)gz, gzlen / 2, 0);
    while (csv_next(fx.csv, &fx.rec) == 1)
        ;
    assert_true(csv_notes(fx.csv)->truncated_gzip);
    close_text(&fx);
}

static void test_field_over_16_mib(void **state)
{
    (void)state;
    size_t n = CSV_MAX_FIELD + 1000;
    char *text = malloc(n + 32);
    assert_non_null(text);
    size_t o = 0;
    memcpy(text + o, "a,b\n1,", 6);
    o += 6;
    memset(text + o, 'y', n);
    o += n;
    memcpy(text + o, "\n2,ok\n", 6);
    o += 6;
    fixture_t fx;
    open_text(&fx, text, o, 0);
    expect_record(&fx, 1, 2, (const char *[]){"a", "b"});
    assert_int_equal(csv_next(fx.csv, &fx.rec), 1);
    assert_true(fx.rec.too_long);
    assert_int_equal(fx.rec.lens[1], CSV_MAX_FIELD);       /* cut, not grown without bound */
    expect_record(&fx, 3, 2, (const char *[]){"2", "ok"}); /* the next row is intact */
    assert_false(fx.rec.too_long);
    close_text(&fx);
    free(text);
}

/* A record of more than CSV_MAX_FIELDS fields keeps the first ones only and says how many it
 * had; one of exactly CSV_MAX_FIELDS is whole; the records after it are intact, read on one
 * thread or ahead. */
static void test_too_many_fields(void **state)
{
    (void)state;
    size_t big = 50000, len = 0;
    char *text = malloc(4 * big + 64);
    assert_non_null(text);
    len += (size_t)sprintf(text + len, "a,b\n");
    for (size_t i = 1; i < big; i++) { /* 50,000 fields, a NUL in one beyond the cap */
        if (i == 30000)
            text[len++] = '\0';
        text[len++] = ',';
    }
    text[len++] = '\n';
    for (size_t i = 1; i < CSV_MAX_FIELDS; i++)
        text[len++] = ',';
    text[len++] = '\n';
    len += (size_t)sprintf(text + len, "1,ok\n");
    for (int ahead = 0; ahead < 2; ahead++) {
        fixture_t fx;
        open_text(&fx, text, len, ',');
        expect_record(&fx, 1, 2, (const char *[]){"a", "b"});
        if (ahead)
            csv_read_ahead(fx.csv);
        assert_int_equal(csv_next(fx.csv, &fx.rec), 1);
        assert_int_equal(fx.rec.nfields, CSV_MAX_FIELDS);
        assert_int_equal(fx.rec.too_many, big);
        assert_int_equal(fx.rec.lens[CSV_MAX_FIELDS - 1], 0);
        assert_int_equal(csv_next(fx.csv, &fx.rec), 1); /* exactly at the cap: whole */
        assert_int_equal(fx.rec.nfields, CSV_MAX_FIELDS);
        assert_int_equal(fx.rec.too_many, 0);
        expect_record(&fx, 4, 2, (const char *[]){"1", "ok"});
        assert_int_equal(fx.rec.too_many, 0);
        assert_int_equal(csv_next(fx.csv, &fx.rec), 0);
        assert_int_equal(csv_notes(fx.csv)->nul_bytes, 1); /* counted where it was dropped */
        assert_int_equal(csv_notes(fx.csv)->nul_line, 2);
        close_text(&fx);
    }
    free(text);
}

/* NUL bytes past a field's 16 MiB are still counted; a record's bytes stop at 64 MiB (five
 * fields of 15 MiB), flagged apart from a long field; alike when read ahead, where a record is
 * parsed into a buffer that already holds the records before it. */
static void test_caps_count_and_record(void **state)
{
    (void)state;
    size_t part = (size_t)15 << 20, len = 0;
    size_t before = (size_t)3 << 20; /* a record before the long one, in the same batch */
    char *text = malloc(CSV_MAX_FIELD + before + 5 * part + 64);
    assert_non_null(text);
    len += (size_t)sprintf(text + len, "a,b\n1,");
    memset(text + len, 'y', CSV_MAX_FIELD + 10);
    len += CSV_MAX_FIELD + 10;
    memcpy(text + len, "\0z\0\0\n", 5); /* three NUL bytes after the cap */
    len += 5;
    memset(text + len, 'w', before);
    len += before;
    text[len++] = '\n';
    for (int f = 0; f < 5; f++) {
        memset(text + len, 'x', part);
        len += part;
        text[len++] = f < 4 ? ',' : '\n';
    }
    len += (size_t)sprintf(text + len, "2,ok\n");
    for (int ahead = 0; ahead < 2; ahead++) {
        fixture_t fx;
        open_text(&fx, text, len, ',');
        if (ahead)
            csv_read_ahead(fx.csv);
        expect_record(&fx, 1, 2, (const char *[]){"a", "b"});
        assert_int_equal(csv_next(fx.csv, &fx.rec), 1);
        assert_int_equal(fx.rec.too_long, 1);
        assert_int_equal(fx.rec.lens[1], CSV_MAX_FIELD);
        assert_int_equal(csv_next(fx.csv, &fx.rec), 1);
        assert_int_equal(fx.rec.lens[0], before);
        assert_int_equal(fx.rec.too_long, 0);
        assert_int_equal(csv_next(fx.csv, &fx.rec), 1);
        assert_int_equal(fx.rec.too_long, 2);
        assert_int_equal(fx.rec.nfields, 5);
        size_t kept = 0;
        for (size_t i = 0; i < fx.rec.nfields; i++)
            kept += fx.rec.lens[i];
        assert_true(kept <= CSV_MAX_RECORD);
        assert_true(kept >= CSV_MAX_RECORD - 8);
        assert_true(fx.rec.lens[4] < part); /* what did not fit was dropped */
        expect_record(&fx, 5, 2, (const char *[]){"2", "ok"});
        assert_int_equal(fx.rec.too_long, 0);
        assert_int_equal(csv_next(fx.csv, &fx.rec), 0);
        /* read ahead, the notes are final at the end */
        assert_int_equal(csv_notes(fx.csv)->nul_bytes, 3);
        assert_int_equal(csv_notes(fx.csv)->nul_line, 2);
        close_text(&fx);
    }
    free(text);
}

/* A UTF-16 code unit without its pair is U+FFFD and counted, with the line of the first. */
static void test_utf16_lone_surrogates(void **state)
{
    (void)state;
    /* "a\n" "x<D800>y\n" "<DC00>\n" then an odd last byte, in UTF-16LE */
    static const char le[] = "\xFF\xFE"
                             "a\0\n\0"
                             "x\0\x00\xD8y\0\n\0"
                             "\x00\xDC\n\0"
                             "z";
    fixture_t fx;
    open_text(&fx, le, sizeof le - 1, 0);
    expect_record(&fx, 1, 1, (const char *[]){"a"});
    expect_record(&fx, 2, 1, (const char *[]){"x\xEF\xBF\xBDy"});
    expect_record(&fx, 3, 1, (const char *[]){"\xEF\xBF\xBD"});
    expect_record(&fx, 4, 1, (const char *[]){"\xEF\xBF\xBD"});
    assert_int_equal(csv_next(fx.csv, &fx.rec), 0);
    assert_int_equal(csv_notes(fx.csv)->bad_utf16, 3);
    assert_int_equal(csv_notes(fx.csv)->bad_utf16_line, 2);
    close_text(&fx);
}

/* Gzip that inflates far beyond its size but to less than 1 GiB is read as any file: the bound
 * (100 times and 1 GiB, both) is for bombs, not for well-compressed exports. */
static void test_gzip_high_ratio(void **state)
{
    (void)state;
    size_t n = (size_t)32 << 20; /* 32 MiB of one repeated row: about 1000 times smaller */
    char *plain = malloc(n);
    assert_non_null(plain);
    for (size_t i = 0; i < n; i += 8)
        memcpy(plain + i, "1,abcd\r\n", 8);
    uLongf cap = compressBound(n) + 64;
    unsigned char *gz = malloc(cap);
    assert_non_null(gz);
    z_stream zs;
    memset(&zs, 0, sizeof zs);
    assert_int_equal(deflateInit2(&zs, 9, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY), Z_OK);
    zs.next_in = (unsigned char *)plain;
    zs.avail_in = (uInt)n;
    zs.next_out = gz;
    zs.avail_out = (uInt)cap;
    assert_int_equal(deflate(&zs, Z_FINISH), Z_STREAM_END);
    size_t gzlen = cap - zs.avail_out;
    deflateEnd(&zs);
    assert_true(gzlen * 100 < n);
    fixture_t fx;
    open_text(&fx, (const char *)gz, gzlen, ',');
    size_t rows = 0;
    int got;
    while ((got = csv_next(fx.csv, &fx.rec)) == 1)
        rows++;
    assert_int_equal(got, 0);
    assert_int_equal(rows, n / 8);
    assert_false(csv_notes(fx.csv)->inflate_bound);
    close_text(&fx);
    free(gz);
    free(plain);
}

static void test_open_missing(void **state)
{
    (void)state;
    csv_t *csv = NULL;
    diag_t d = {0};
    assert_int_equal(csv_open("/nonexistent/file.csv", NULL, &csv, &d), ST_NOINPUT);
    assert_null(csv);
    assert_string_equal(d.path, "/nonexistent/file.csv");
    diag_clear(&d);
}

typedef struct {
    char *data;
    size_t len, cap;
} strbuf_like_t;

static void grow_append(strbuf_like_t *sb, const char *s, size_t n)
{
    if (sb->len + n + 1 > sb->cap) {
        sb->cap = (sb->len + n + 1) * 2;
        sb->data = realloc(sb->data, sb->cap);
        assert_non_null(sb->data);
    }
    memcpy(sb->data + sb->len, s, n);
    sb->len += n;
    sb->data[sb->len] = '\0';
}

/* A text of n records of varied shapes: quoted fields with delimiters, doubled quotes and line
 * breaks (CRLF and LF), empty fields, ragged rows, a NUL byte, non-ASCII. */
static char *varied_text(size_t n, size_t *len)
{
    strbuf_like_t sb = {0};
    for (size_t i = 0; i < n; i++) {
        char row[256];
        int k = snprintf(row, sizeof row,
                         i % 7 == 3    ? "%zu,\"multi\r\nline %zu\",x\r\n"
                         : i % 5 == 1  ? "%zu,\"a, \"\"b\"\"\",Zoë\n"
                         : i % 11 == 4 ? "%zu,,,extra\n"
                                       : "%zu,plain %zu,\n",
                         i, i);
        grow_append(&sb, row, (size_t)k);
        if (i == n / 2)
            grow_append(&sb, "nul,\0,x\n", 9);
    }
    *len = sb.len;
    return sb.data;
}

/* Reading ahead on a second thread gives the same records, line numbers and flags as reading
 * on one, in order, across many batches; the digest and notes are the same; and closing the
 * reader in the middle of the stream stops the thread cleanly. */

/* Two reads of the same record agree: its lines, flags and every field's bytes (with the NUL). */
static void assert_same_record(const csv_record_t *a, const csv_record_t *b)
{
    assert_int_equal(a->line, b->line);
    assert_int_equal(a->end_line, b->end_line);
    assert_int_equal(a->nfields, b->nfields);
    assert_int_equal(a->too_long, b->too_long);
    assert_int_equal(a->unterminated, b->unterminated);
    assert_int_equal(a->too_many, b->too_many);
    for (size_t i = 0; i < a->nfields; i++) {
        assert_int_equal(a->lens[i], b->lens[i]);
        assert_memory_equal(a->fields[i], b->fields[i], a->lens[i] + 1);
    }
}
static void test_read_ahead(void **state)
{
    (void)state;
    size_t len;
    char *text = varied_text(20000, &len);
    fixture_t one, two;
    open_text(&one, text, len, ',');
    open_text(&two, text, len, ',');
    assert_int_equal(csv_next(one.csv, &one.rec), 1); /* the first record, then ahead */
    assert_int_equal(csv_next(two.csv, &two.rec), 1);
    csv_read_ahead(two.csv);
    size_t n = 1;
    int g1, g2;
    while ((g1 = csv_next(one.csv, &one.rec)) == 1) {
        g2 = csv_next(two.csv, &two.rec);
        assert_int_equal(g2, 1);
        assert_same_record(&one.rec, &two.rec);
        n++;
    }
    assert_int_equal(g1, 0);
    assert_int_equal(csv_next(two.csv, &two.rec), 0);
    assert_int_equal(csv_next(two.csv, &two.rec), 0); /* the end stays the end */
    assert_int_equal(n, 20001);
    assert_int_equal(csv_notes(two.csv)->nul_bytes, csv_notes(one.csv)->nul_bytes);
    assert_int_equal(csv_bytes(two.csv), csv_bytes(one.csv));
    assert_string_equal(csv_sha256(two.csv), csv_sha256(one.csv));
    close_text(&one);
    close_text(&two);

    /* closed after a few records, with the thread still reading: no hang, no leak */
    open_text(&two, text, len, ',');
    csv_read_ahead(two.csv);
    for (int i = 0; i < 10; i++)
        assert_int_equal(csv_next(two.csv, &two.rec), 1);
    close_text(&two);
    /* … and the digest still covers the whole text when asked for in the middle */
    open_text(&one, text, len, ',');
    open_text(&two, text, len, ',');
    csv_read_ahead(two.csv);
    assert_int_equal(csv_next(two.csv, &two.rec), 1);
    assert_string_equal(csv_sha256(two.csv), csv_sha256(one.csv));
    close_text(&one);
    close_text(&two);
    free(text);
}

/* Reads `text` on one thread and, a second time, ahead from record `after` on; every record,
 * line, flag, note, the byte count and the digest must agree. Returns the records read. */
static size_t compare_ahead(const char *text, size_t len, size_t after)
{
    fixture_t one, two;
    open_text(&one, text, len, 0);
    open_text(&two, text, len, 0);
    size_t n = 0;
    int g1, g2;
    for (;;) {
        if (n == after)
            csv_read_ahead(two.csv);
        g1 = csv_next(one.csv, &one.rec);
        g2 = csv_next(two.csv, &two.rec);
        assert_int_equal(g1, g2);
        if (g1 != 1)
            break;
        assert_same_record(&one.rec, &two.rec);
        n++;
    }
    const csv_notes_t *a = csv_notes(one.csv), *b = csv_notes(two.csv);
    assert_string_equal(a->encoding, b->encoding);
    assert_int_equal(a->fallback_bytes, b->fallback_bytes);
    assert_int_equal(a->fallback_line, b->fallback_line);
    assert_int_equal(a->nul_bytes, b->nul_bytes);
    assert_int_equal(a->nul_line, b->nul_line);
    assert_int_equal(csv_delimiter(one.csv), csv_delimiter(two.csv));
    assert_int_equal(csv_bytes(one.csv), csv_bytes(two.csv));
    assert_string_equal(csv_sha256(one.csv), csv_sha256(two.csv));
    close_text(&one);
    close_text(&two);
    return n;
}

/* The inputs that are hard to cut at a record boundary, read ahead from every record on: a
 * quoted field with line breaks, CRLF inside and outside quotes, a ragged row, a byte-order
 * mark, a "" escape, blank and empty last lines, a last record with no line end, an
 * unterminated quote, NUL bytes and bytes that are not UTF-8. */
static void test_read_ahead_tricky(void **state)
{
    (void)state;
    static const struct {
        const char *text;
        size_t records;
    } cases[] = {
        {"id,note\r\n1,\"two\r\nlines\"\r\n2,\"three\nmore\nlines\"\r\n3,x\r\n", 4},
        {"\xEF\xBB\xBFid,note\n1,\"a \"\"quoted\"\" word\"\n2,\"\"\"\"\n3,\"\"\n", 4},
        {"id,a,b\n1,x\n2,x,y,z\n3\n\n\n4,\"\",\n", 5},
        {"id;note\n1;\"open\nnever closed;\n2;y\n", 2},
        {"id,note\n1,a\0b\n2,\xE9t\xE9\n3,\xC3\xA9t\xC3\xA9\n4,last", 5},
        {"id,note\r1,cr only\r2,\"cr\rinside\"\r\r", 3},
        {"id,note\n1,x\n\n", 2},
        {"\n\n\nid\n", 1},
    };
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        size_t len = strlen(cases[k].text);
        if (k == 4)
            len += strlen(cases[k].text + len + 1) + 1; /* the text holds a NUL byte */
        for (size_t after = 0; after <= cases[k].records; after++)
            assert_int_equal(compare_ahead(cases[k].text, len, after), cases[k].records);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_quoting),
        cmocka_unit_test(test_line_ends_and_bom),
        cmocka_unit_test(test_sniffing),
        cmocka_unit_test(test_ragged_and_nul),
        cmocka_unit_test(test_stop_bytes_at_every_place),
        cmocka_unit_test(test_unterminated_quote),
        cmocka_unit_test(test_long_field_and_digest),
        cmocka_unit_test(test_utf16),
        cmocka_unit_test(test_cp1252),
        cmocka_unit_test(test_utf8_across_chunks),
        cmocka_unit_test(test_gzip),
        cmocka_unit_test(test_field_over_16_mib),
        cmocka_unit_test(test_too_many_fields),
        cmocka_unit_test(test_caps_count_and_record),
        cmocka_unit_test(test_utf16_lone_surrogates),
        cmocka_unit_test(test_gzip_high_ratio),
        cmocka_unit_test(test_open_missing),
        cmocka_unit_test(test_read_ahead),
        cmocka_unit_test(test_read_ahead_tricky),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
