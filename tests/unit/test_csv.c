/*
 * Unit tests: the CSV reader (quoting, line ends, BOM, delimiter sniffing, line numbers,
 * blank lines, NUL bytes, ragged rows, the digest of the bytes read).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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
    static const char text[] =
        "id,title,note\n"
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
    static const char text[] = "\xEF\xBB\xBF" "a,b\r\n1,2\r\n\r\n3,4\r5,6"; /* CRLF, blank, CR, no final end */
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
    close_text(&fx);
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
    assert_int_equal(csv_next(fx.csv, &fx.rec), 0);
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

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_quoting),           cmocka_unit_test(test_line_ends_and_bom),
        cmocka_unit_test(test_sniffing),          cmocka_unit_test(test_ragged_and_nul),
        cmocka_unit_test(test_unterminated_quote), cmocka_unit_test(test_long_field_and_digest),
        cmocka_unit_test(test_open_missing),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
