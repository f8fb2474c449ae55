/*
 * Unit tests: atomic output files (temporary, commit, discard, the old file kept on failure)
 * and the output directory's lock.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "app/outfile.h"

static char dir[] = "/tmp/iso20k-test-outfile-XXXXXX";

static char *slurp(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    static char buf[256];
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    buf[n] = '\0';
    fclose(f);
    return buf;
}

static void test_commit_and_discard(void **state)
{
    (void)state;
    assert_non_null(mkdtemp(dir));
    char final[256];
    snprintf(final, sizeof final, "%s/sub/dir/pack.json", dir);
    diag_t d = {0};
    char sub[256];
    snprintf(sub, sizeof sub, "%s/sub/dir", dir);
    assert_int_equal(outfile_mkdir(sub, &d), ST_OK);
    assert_int_equal(outfile_mkdir(sub, &d), ST_OK); /* exists: fine */

    char *tmp = NULL;
    assert_int_equal(outfile_temp(final, &tmp, &d), ST_OK);
    assert_non_null(strstr(tmp, "/.pack.json.tmp-"));
    assert_int_equal(outfile_fill(tmp, "first", 5, &d), ST_OK);
    assert_int_equal(access(final, F_OK), -1); /* nothing under the final name yet */
    assert_int_equal(outfile_commit(tmp, final, &d), ST_OK);
    assert_int_equal(access(tmp, F_OK), -1);
    assert_string_equal(slurp(final), "first");
    free(tmp);

    /* a run that fails after writing its temporary leaves the old file as it was */
    assert_int_equal(outfile_temp(final, &tmp, &d), ST_OK);
    assert_int_equal(outfile_fill(tmp, "second, half-wri", 16, &d), ST_OK);
    outfile_discard(tmp);
    assert_int_equal(access(tmp, F_OK), -1);
    assert_string_equal(slurp(final), "first");
    free(tmp);

    /* cleanup_all removes what is still pending (the out-of-memory and signal path) */
    assert_int_equal(outfile_temp(final, &tmp, &d), ST_OK);
    outfile_cleanup_all();
    assert_int_equal(access(tmp, F_OK), -1);
    free(tmp);

    /* a directory that cannot be made: 73 */
    snprintf(final, sizeof final, "%s/sub/dir/pack.json/below", dir);
    assert_int_equal(outfile_mkdir(final, &d), ST_CANTCREATE);
    diag_clear(&d);
    assert_int_equal(outfile_temp("/proc/no-such-dir/pack.pdf", &tmp, &d), ST_CANTCREATE);
    assert_null(tmp);
    diag_clear(&d);
}

static void test_lock(void **state)
{
    (void)state;
    diag_t d = {0};
    int a = -1, b = -1;
    assert_int_equal(outfile_lock(dir, &a, &d), ST_OK);
    assert_int_equal(outfile_lock(dir, &b, &d), ST_LOCKED); /* a second run */
    assert_int_equal(status_exit_code(d.status), 75);
    diag_clear(&d);
    outfile_unlock(a);
    assert_int_equal(outfile_lock(dir, &b, &d), ST_OK); /* released: free again */
    outfile_unlock(b);
    /* the sweep removes what dead runs left, and nothing else */
    char cmd[600];
    snprintf(cmd, sizeof cmd,
             "cd '%s' && : >.a.pdf.tmp-ABC123 && : >'.b c.json.tmp-x1y2z3' && : >a.pdf && "
             ": >.x.tmp-12 && : >.a.pdf.tmp-ABC1234 && mkdir .d.tmp-ABCDEF",
             dir);
    assert_int_equal(system(cmd), 0);
    assert_int_equal(outfile_sweep(dir), 2);
    snprintf(
        cmd, sizeof cmd,
        "cd '%s' && test ! -e .a.pdf.tmp-ABC123 && test ! -e '.b c.json.tmp-x1y2z3' && "
        "test -e a.pdf && test -e .x.tmp-12 && test -e .a.pdf.tmp-ABC1234 && test -d .d.tmp-ABCDEF",
        dir);
    assert_int_equal(system(cmd), 0);
    assert_int_equal(outfile_sweep(dir), 0);
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    assert_int_equal(system(cmd), 0);
}

static void expect_name(const char *pattern, const char *org, const char *want)
{
    char *got = outfile_pack_name(pattern, "2026-10", org, "20261101T0600");
    if (strcmp(got, want) != 0)
        fail_msg("'%s' with '%s': got '%s', want '%s'", pattern, org ? org : "(null)", got, want);
    free(got);
}

static void test_pack_names(void **state)
{
    (void)state;
    expect_name("review-{period}", "X", "review-2026-10");
    expect_name("{organization}-{period}-{as_of}", "Brückner & Søn Logistik GmbH",
                "Brückner-Søn-Logistik-GmbH-2026-10-20261101T0600");
    /* separators, slashes and dots at the start never reach the file name */
    expect_name("{organization}", "../../etc/passwd", "etc-passwd");
    expect_name("{organization}", "a/b\\c:d*e?f\"g<h>i|j", "a-b-c-d-e-f-g-h-i-j");
    expect_name("{organization}", "  Tab\tand\nnewline  ", "Tab-and-newline");
    expect_name("{organization}", "", "organization");
    expect_name("{organization}", NULL, "organization");
    expect_name("{organization}", "&&&", "organization");
    /* capped at 64 bytes, never inside a UTF-8 sequence */
    char longname[200];
    memset(longname, 'a', 63);
    strcpy(longname + 63, "äöü");
    char *got = outfile_pack_name("{organization}", "p", longname, "t");
    assert_int_equal(strlen(got), 63); /* "ä" would need bytes 64 and 65: dropped whole */
    free(got);
    assert_true(outfile_pattern_ok("r-{period}-{organization}-{as_of}"));
    assert_false(outfile_pattern_ok("r-{periode}"));
    assert_false(outfile_pattern_ok("r-{"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_commit_and_discard),
        cmocka_unit_test(test_lock),
        cmocka_unit_test(test_pack_names),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
