/*
 * Unit tests: atomic output files (temporary, commit, discard, the old file kept on failure),
 * packs replaced as a set and recovered after a kill, the output directory's lock and sweep.
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

/* Runs a shell command in the test directory; returns its exit status. */
static int sh(const char *fmt, ...)
{
    char body[1024], cmd[1200];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(body, sizeof body, fmt, ap);
    va_end(ap);
    snprintf(cmd, sizeof cmd, "cd '%s' && %s", dir, body);
    return system(cmd);
}

static void path_of(char *out, size_t cap, const char *name)
{
    snprintf(out, cap, "%s/%s", dir, name);
}

/* A temporary for `name` in dir, filled with text. */
static char *temp_with(const char *name, const char *text)
{
    char final[256];
    path_of(final, sizeof final, name);
    char *tmp = NULL;
    diag_t d = {0};
    assert_int_equal(outfile_temp(final, &tmp, &d), ST_OK);
    assert_int_equal(outfile_fill(tmp, text, strlen(text), &d), ST_OK);
    return tmp;
}

static int setup(void **state)
{
    (void)state;
    assert_non_null(mkdtemp(dir));
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    return sh("cd / && rm -rf '%s'", dir);
}

static void test_commit_and_discard(void **state)
{
    (void)state;
    char final[256];
    snprintf(final, sizeof final, "%s/sub/dir/pack.json", dir);
    diag_t d = {0};
    char sub[256];
    snprintf(sub, sizeof sub, "%s/sub/dir", dir);
    assert_int_equal(outfile_mkdir(sub, &d), ST_OK);
    assert_int_equal(outfile_mkdir(sub, &d), ST_OK); /* exists: fine */

    char *tmp = NULL;
    assert_int_equal(outfile_temp(final, &tmp, &d), ST_OK);
    /* in the run's own work directory (mode 0700), beside the target */
    assert_non_null(strstr(tmp, "/sub/dir/.iso20k-work-"));
    assert_non_null(strstr(tmp, "/pack.json."));
    char work[256];
    snprintf(work, sizeof work, "%.*s", (int)(strrchr(tmp, '/') - tmp), tmp);
    struct stat sb;
    assert_int_equal(stat(work, &sb), 0);
    assert_int_equal(sb.st_mode & 0777, 0700);
    assert_int_equal(outfile_fill(tmp, "first", 5, &d), ST_OK);
    assert_int_equal(access(final, F_OK), -1); /* nothing under the final name yet */
    assert_int_equal(outfile_commit(tmp, final, &d), ST_OK);
    assert_int_equal(access(tmp, F_OK), -1);
    assert_int_equal(access(work, F_OK), -1); /* the work directory goes when empty */
    assert_string_equal(slurp(final), "first");
    assert_int_equal(stat(final, &sb), 0);
    assert_int_equal(sb.st_mode & 0777, 0644);
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

    /* a temporary swapped for a link is never written through */
    assert_int_equal(outfile_temp(final, &tmp, &d), ST_OK);
    char victim[256];
    path_of(victim, sizeof victim, "victim");
    assert_int_equal(sh(": >victim && rm '%s' && ln -s '%s' '%s'", tmp, victim, tmp), 0);
    assert_int_equal(outfile_fill(tmp, "through", 7, &d), ST_IOERR);
    diag_clear(&d);
    assert_string_equal(slurp(victim), "");
    outfile_discard(tmp);
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
    /* a lock file that is a link (even dangling), a directory or a FIFO is refused, and the
     * link's target is never created */
    const char *const traps[] = {"ln -s ../iso20k-lock-target .iso20k.lock",
                                 "ln -s /dev/null .iso20k.lock", "mkdir .iso20k.lock",
                                 "mkfifo .iso20k.lock"};
    for (size_t i = 0; i < sizeof traps / sizeof traps[0]; i++) {
        assert_int_equal(sh("rm -rf .iso20k.lock && %s", traps[i]), 0);
        assert_int_equal(outfile_lock(dir, &a, &d), ST_CANTCREATE);
        assert_non_null(strstr(d.message, "not a regular file"));
        assert_int_equal(a, -1);
        diag_clear(&d);
    }
    assert_int_equal(sh("test ! -e ../iso20k-lock-target && rm -rf .iso20k.lock"), 0);
}

/* The sweep removes the work directories dead runs left, and nothing else: no file of another
 * program, even one named like a temporary. */
static void test_sweep(void **state)
{
    (void)state;
    assert_int_equal(sh("mkdir -p .iso20k-work-ABC123 .iso20k-work-x1y2z3 && "
                        ": >.iso20k-work-ABC123/a.pdf.Q1W2E3 && : >.iso20k-work-ABC123/kept-0 && "
                        ": >.a.pdf.tmp-ABC123 && : >a.pdf && : >.iso20k-work-ABCDEFG && "
                        "mkdir .iso20k-work-1234567 && ln -s /tmp .iso20k-work-LINK12"),
                     0);
    outfile_swept_t w;
    diag_t d = {0};
    assert_int_equal(outfile_sweep(dir, &w, &d), ST_OK);
    assert_int_equal(w.removed, 2);
    assert_int_equal(w.recovered, 0);
    assert_int_equal(
        sh("test ! -e .iso20k-work-ABC123 && test ! -e .iso20k-work-x1y2z3 && "
           "test -e .a.pdf.tmp-ABC123 && test -e a.pdf && test -e .iso20k-work-ABCDEFG "
           "&& test -d .iso20k-work-1234567 && test -L .iso20k-work-LINK12 && "
           "test -d /tmp"),
        0);
    assert_int_equal(outfile_sweep(dir, &w, &d), ST_OK);
    assert_int_equal(w.removed, 0);
    assert_int_equal(sh("rm -rf .a.pdf.tmp-ABC123 a.pdf .iso20k-work-*"), 0);
}

/* Three files replaced as a set: all new after, the previous ones gone, nothing left over. A
 * name taken by a directory fails the whole set before any rename. */
static void test_set(void **state)
{
    (void)state;
    diag_t d = {0};
    assert_int_equal(sh("printf old >p.pdf && printf old >p.json && rm -f history.csv"), 0);
    const char *names[3] = {"p.pdf", "p.json", "history.csv"};
    outfile_set_t *set = outfile_set_new(dir);
    char *tmps[3];
    for (int i = 0; i < 3; i++) {
        tmps[i] = temp_with(names[i], "new");
        char final[256];
        path_of(final, sizeof final, names[i]);
        outfile_set_add(set, tmps[i], final);
    }
    assert_int_equal(outfile_set_commit(set, &d), ST_OK);
    outfile_set_free(set);
    for (int i = 0; i < 3; i++) {
        char final[256];
        path_of(final, sizeof final, names[i]);
        assert_string_equal(slurp(final), "new");
        assert_int_equal(access(tmps[i], F_OK), -1);
        free(tmps[i]);
    }
    assert_int_equal(sh("test ! -e .iso20k-journal && ! ls -a | grep -q iso20k-work"), 0);

    /* the workbook's name taken by a directory: nothing replaced, nothing left */
    assert_int_equal(sh("printf old >p.pdf && mkdir p.xlsx"), 0);
    set = outfile_set_new(dir);
    const char *names2[2] = {"p.pdf", "p.xlsx"};
    for (int i = 0; i < 2; i++) {
        tmps[i] = temp_with(names2[i], "new");
        char final[256];
        path_of(final, sizeof final, names2[i]);
        outfile_set_add(set, tmps[i], final);
    }
    assert_int_equal(outfile_set_commit(set, &d), ST_CANTCREATE);
    assert_non_null(strstr(d.path, "p.xlsx"));
    assert_non_null(strstr(d.message, "directory"));
    diag_clear(&d);
    outfile_set_free(set);
    for (int i = 0; i < 2; i++) {
        assert_int_equal(access(tmps[i], F_OK), -1);
        outfile_discard(tmps[i]); /* as the caller does on failure: harmless */
        free(tmps[i]);
    }
    char p[256];
    path_of(p, sizeof p, "p.pdf");
    assert_string_equal(slurp(p), "old");
    assert_int_equal(
        sh("test -d p.xlsx && test ! -e .iso20k-journal && ! ls -a | grep -q iso20k-work"), 0);
    assert_int_equal(sh("rm -rf p.pdf p.json p.xlsx history.csv"), 0);
}

/* The state a run killed in the middle of its renames leaves, built by hand: a.pdf renamed
 * (its previous file kept), b.json not yet, c.csv new (nothing before). */
static void killed_run(const char *journal_extra)
{
    assert_int_equal(
        sh("mkdir -p .iso20k-work-K1LLED && printf old-a >.iso20k-work-K1LLED/kept-0 && "
           "printf new-a >a.pdf && printf old-b >b.json && ln b.json .iso20k-work-K1LLED/kept-1 "
           "&& printf new-b >.iso20k-work-K1LLED/b.json.AAAAAA && printf new-c >c.csv && "
           "printf 'iso20k journal 1\\na.pdf .iso20k-work-K1LLED/a.pdf.BBBBBB "
           ".iso20k-work-K1LLED/kept-0\\nb.json .iso20k-work-K1LLED/b.json.AAAAAA "
           ".iso20k-work-K1LLED/kept-1\\nc.csv .iso20k-work-K1LLED/c.csv.CCCCCC -\\n' "
           ">.iso20k-journal && printf '%%s' '%s' >>.iso20k-journal",
           journal_extra),
        0);
}

static void test_recovery(void **state)
{
    (void)state;
    diag_t d = {0};
    outfile_swept_t w;
    /* every previous file still kept: rolled back */
    killed_run("");
    assert_int_equal(outfile_sweep(dir, &w, &d), ST_OK);
    assert_int_equal(w.recovered, 3);
    assert_int_equal(w.rolled_back, 1);
    assert_int_equal(w.removed, 1);
    char p[256];
    path_of(p, sizeof p, "a.pdf");
    assert_string_equal(slurp(p), "old-a");
    path_of(p, sizeof p, "b.json");
    assert_string_equal(slurp(p), "old-b");
    assert_int_equal(sh("test ! -e c.csv && test ! -e .iso20k-journal && "
                        "test ! -e .iso20k-work-K1LLED"),
                     0);
    /* a kept file already gone: the run had finished its renames; the set is completed */
    assert_int_equal(sh("rm -f a.pdf b.json"), 0);
    killed_run("");
    assert_int_equal(sh("rm .iso20k-work-K1LLED/kept-0"), 0);
    assert_int_equal(outfile_sweep(dir, &w, &d), ST_OK);
    assert_int_equal(w.rolled_back, 0);
    path_of(p, sizeof p, "a.pdf");
    assert_string_equal(slurp(p), "new-a");
    path_of(p, sizeof p, "b.json");
    assert_string_equal(slurp(p), "new-b");
    path_of(p, sizeof p, "c.csv");
    assert_string_equal(slurp(p), "new-c");
    assert_int_equal(sh("test ! -e .iso20k-journal && test ! -e .iso20k-work-K1LLED"), 0);
    /* a journal naming anything outside the output directory, or not this program's, is
     * refused and left for a person to look at; nothing is touched */
    const char *const foreign[] = {"x ../.iso20k-work-K1LLED/x.AAAAAA -\n",
                                   "../x .iso20k-work-K1LLED/x.AAAAAA -\n",
                                   "x .iso20k-work-K1LLED/../../x -\n",
                                   "x /etc/passwd -\n",
                                   "x other-dir-1234567/x.AAAAAA -\n",
                                   "x .iso20k-work-K1LLED/x%2F.. -\n",
                                   "x .iso20k-work-K1LLED/x.A\n"};
    for (size_t i = 0; i < sizeof foreign / sizeof foreign[0]; i++) {
        assert_int_equal(sh("rm -rf a.pdf b.json c.csv .iso20k-work-K1LLED"), 0);
        killed_run(foreign[i]);
        if (outfile_sweep(dir, &w, &d) != ST_CANTCREATE)
            fail_msg("journal line '%s' was taken as this program's", foreign[i]);
        assert_non_null(strstr(d.message, "not a journal this program wrote"));
        diag_clear(&d);
        path_of(p, sizeof p, "a.pdf");
        assert_string_equal(slurp(p), "new-a");
        assert_int_equal(sh("test -e .iso20k-journal && test -d .iso20k-work-K1LLED"), 0);
    }
    assert_int_equal(sh("rm -rf a.pdf b.json c.csv .iso20k-work-K1LLED .iso20k-journal && "
                        "ln -s /etc/passwd .iso20k-journal"),
                     0);
    assert_int_equal(outfile_sweep(dir, &w, &d), ST_CANTCREATE); /* a link is no journal */
    diag_clear(&d);
    assert_int_equal(sh("rm .iso20k-journal"), 0);
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
        cmocka_unit_test(test_sweep),
        cmocka_unit_test(test_set),
        cmocka_unit_test(test_recovery),
        cmocka_unit_test(test_pack_names),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
