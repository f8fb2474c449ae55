/*
 * Unit tests: ydoc_fields, the table of fields every config loader reads its mappings with —
 * each kind into its C type at its offset, keys left out keeping their value, marks, nested
 * tables, a field's own function, the unknown-key message in the table's order, and the first
 * error in the file's order with its line and column.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "app/ydoc.h"

typedef struct inner {
    double x;
    int flag;
} inner_t;

typedef struct sample {
    const char *text, *nonempty, *name, *path;
    double number, percent;
    int flag;
    int64_t seconds;
    int small;
    size_t big;
    cfg_mark_t path_mark;
    inner_t inner;
    int custom; /* set by S_twice */
    const char *custom_what;
} sample_t;

/* A field's own function: twice the whole number, and the name it was given for messages. */
static status_t S_twice(ydoc_t *ld, yaml_node_t *v, const char *what, void *out)
{
    long n;
    TRY(ydoc_integer(ld, v, what, 0, 100, &n));
    sample_t *s = (sample_t *)((char *)out - offsetof(sample_t, custom));
    s->custom = (int)(2 * n);
    s->custom_what = what;
    return ST_OK;
}

static const ydoc_field_t INNER_FIELDS[] = {{"x", YDOC_NUMBER, .offset = offsetof(inner_t, x)},
                                            {"flag", YDOC_BOOL, .offset = offsetof(inner_t, flag)},
                                            {.key = NULL}};

static const ydoc_field_t SAMPLE_FIELDS[] = {
    {"text", YDOC_STRING, .offset = offsetof(sample_t, text)},
    {"nonempty", YDOC_NONEMPTY, .offset = offsetof(sample_t, nonempty), .what = "sample.nonempty"},
    {"name", YDOC_NAME, .offset = offsetof(sample_t, name)},
    {"path", YDOC_PATH, .offset = offsetof(sample_t, path), .mark = YDOC_MARK(sample_t, path_mark)},
    {"number", YDOC_NUMBER, .offset = offsetof(sample_t, number)},
    {"percent", YDOC_PERCENT, .offset = offsetof(sample_t, percent)},
    {"flag", YDOC_BOOL, .offset = offsetof(sample_t, flag)},
    {"seconds", YDOC_DURATION, .offset = offsetof(sample_t, seconds)},
    {"small", YDOC_INT, .offset = offsetof(sample_t, small), .lo = -3, .hi = 3},
    {"big", YDOC_SIZE, .offset = offsetof(sample_t, big), .lo = 1, .hi = 5000000000L},
    {"inner", YDOC_MAP, .offset = offsetof(sample_t, inner), .fields = INNER_FIELDS},
    {"custom", YDOC_READ, .offset = offsetof(sample_t, custom), .what = "a custom value",
     .read = S_twice},
    {.key = NULL}};

/* The arena of the strings read_sample copies: freed after each test. */
static arena_t *strings;

static int free_strings(void **state)
{
    (void)state;
    arena_free(strings);
    strings = NULL;
    return 0;
}

/* Reads text's root mapping into *s with SAMPLE_FIELDS (config directory "conf"); the status,
 * with the error in *d. */
static status_t read_sample(const char *text, sample_t *s, diag_t *d)
{
    config_t cfg = {0};
    if (!strings)
        strings = arena_new();
    cfg.arena = strings;
    cfg.dir = "conf";
    ydoc_t ld = {.path = "sample.yaml", .d = d, .cfg = &cfg};
    status_t st = ydoc_load(&ld, text, strlen(text));
    assert_int_equal(st, ST_OK);
    st = ydoc_fields(&ld, yaml_document_get_root_node(&ld.doc), "the sample", SAMPLE_FIELDS, s);
    ydoc_close(&ld);
    return st;
}

static void test_every_kind(void **state)
{
    (void)state;
    sample_t s = {0};
    diag_t d = {0};
    const char *text = "text: free text\n"
                       "nonempty: set\n"
                       "name: A name\n"
                       "path: data/x.csv\n"
                       "number: -2.5e3\n"
                       "percent: 99.95\n"
                       "flag: yes\n"
                       "seconds: 1h30m\n"
                       "small: -3\n"
                       "big: 4000000000\n"
                       "inner: {x: 0.25, flag: off}\n"
                       "custom: 21\n";
    s.inner.flag = 1;
    if (read_sample(text, &s, &d) != ST_OK)
        fail_msg("%zu:%zu: %s", d.line, d.column, d.message);
    assert_string_equal(s.text, "free text");
    assert_string_equal(s.nonempty, "set");
    assert_string_equal(s.name, "A name");
    assert_string_equal(s.path, "conf/data/x.csv"); /* resolved against the config's directory */
    assert_true(s.number == -2500.0);
    assert_true(s.percent == 99.95);
    assert_int_equal(s.flag, 1);
    assert_int_equal(s.seconds, 5400);
    assert_int_equal(s.small, -3);
    assert_true(s.big == 4000000000u);
    assert_int_equal(s.path_mark.line, 4);
    assert_int_equal(s.path_mark.column, 7);
    assert_true(s.inner.x == 0.25);
    assert_int_equal(s.inner.flag, 0);
    assert_int_equal(s.custom, 42);
    assert_string_equal(s.custom_what, "a custom value");
}

static void test_keys_left_out(void **state)
{
    (void)state;
    sample_t s = {.number = 7, .small = 2, .seconds = 60, .path_mark = {9, 9}};
    diag_t d = {0};
    assert_int_equal(read_sample("text: \"\"\n", &s, &d), ST_OK);
    assert_string_equal(s.text, "");
    assert_true(s.number == 7); /* what the file leaves out keeps its value */
    assert_int_equal(s.small, 2);
    assert_int_equal(s.seconds, 60);
    assert_null(s.path);
    assert_int_equal(s.path_mark.line, 9); /* no mark without the key */
    assert_int_equal(s.custom, 0);
}

/* Each error class with its place and message, one file each. */
static const struct {
    const char *text;
    size_t line, column;
    const char *message;
} ERRORS[] = {
    {"text: a\nbogus: 1\n", 2, 1,
     "unknown key 'bogus' in the sample (known: text, nonempty, name, path, number, percent, "
     "flag, seconds, small, big, inner, custom)"},
    {"inner: {x: 1, y: 2}\n", 1, 15, "unknown key 'y' in inner (known: x, flag)"},
    {"text: a\ntext: b\n", 2, 1, "duplicate key 'text' in the sample (first at line 1)"},
    /* `what` names the field when the table gives it, else the key */
    {"nonempty: \"\"\n", 1, 11, "sample.nonempty must not be empty"},
    {"name: \"\"\n", 1, 7, "name must not be empty"},
    {"path: \"\"\n", 1, 7, "path must not be empty"},
    {"number: 1e13\n", 1, 9, "number must lie between -10^12 and 10^12, not 1e13"},
    {"percent: 100.5\n", 1, 10, "percent must be a percentage between 0 and 100, not 100.5"},
    {"flag: maybe\n", 1, 7, "flag must be true or false, not 'maybe'"},
    {"seconds: 0s\n", 1, 10, "seconds must be longer than zero"},
    {"small: 4\n", 1, 8, "small must be between -3 and 3, not 4"},
    {"big: 0\n", 1, 6, "big must be between 1 and 5000000000, not 0"},
    {"inner: 3\n", 1, 8, "inner must be a mapping, not a scalar"},
    {"inner: {flag: 2}\n", 1, 15, "flag must be true or false, not '2'"},
    {"custom: 101\n", 1, 9, "a custom value must be between 0 and 100, not 101"},
    {"- a\n", 1, 1, "the sample must be a mapping, not a list"},
    /* the first error in the file's order, whatever the table's */
    {"small: 9\nflag: maybe\n", 1, 8, "small must be between -3 and 3, not 9"},
    {"flag: maybe\nsmall: 9\n", 1, 7, "flag must be true or false, not 'maybe'"},
};

static void test_errors(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof ERRORS / sizeof ERRORS[0]; i++) {
        sample_t s = {0};
        diag_t d = {0};
        if (read_sample(ERRORS[i].text, &s, &d) != ST_CONFIG)
            fail_msg("no error for: %s", ERRORS[i].text);
        assert_string_equal(d.path, "sample.yaml");
        if (d.line != ERRORS[i].line || d.column != ERRORS[i].column ||
            strcmp(d.message, ERRORS[i].message) != 0)
            fail_msg("got %zu:%zu: %s; expected %zu:%zu: %s", d.line, d.column, d.message,
                     ERRORS[i].line, ERRORS[i].column, ERRORS[i].message);
        diag_clear(&d);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_teardown(test_every_kind, free_strings),
        cmocka_unit_test_teardown(test_keys_left_out, free_strings),
        cmocka_unit_test_teardown(test_errors, free_strings),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
