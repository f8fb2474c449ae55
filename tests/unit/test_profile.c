/*
 * Unit tests: reading the canonical formats into records — conversion with the source's time
 * zone, every rejection reason with its line, warnings, duplicate ids, missing columns.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "app/config_load.h"
#include "input/profile.h"

static char dir[] = "/tmp/iso20k-test-profile-XXXXXX";

static void write_file(const char *name, const char *text)
{
    char path[256];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
}

typedef struct loaded {
    config_t *cfg;
    tz_t *tz;
    store_t *store;
    status_t st[4];
} loaded_t;

static void load(loaded_t *l, const char *config_text)
{
    char path[256];
    snprintf(path, sizeof path, "%s/review.yaml", dir);
    diag_t d = {0};
    assert_int_equal(config_load_buffer(path, config_text, strlen(config_text), &l->cfg, &d),
                     ST_OK);
    assert_int_equal(tz_load(l->cfg->timezone, &l->tz, &d), ST_OK);
    l->store = store_new(l->cfg->nsources);
    for (size_t i = 0; i < l->cfg->nsources && i < 4; i++) {
        l->st[i] = profile_read_source(l->cfg, i, l->tz, l->store, &d);
        diag_clear(&d);
    }
}

static void unload(loaded_t *l)
{
    store_free(l->store);
    tz_free(l->tz);
    config_free(l->cfg);
}

static const quality_entry_t *reason(const source_quality_t *q, const char *r, int warning)
{
    const quality_entry_t *e = warning ? q->warnings : q->rejected;
    size_t n = warning ? q->nwarnings : q->nrejected;
    for (size_t i = 0; i < n; i++)
        if (!strncmp(e[i].reason, r, strlen(r)))
            return &e[i];
    fail_msg("no %s '%s'", warning ? "warning" : "rejection", r);
    return NULL;
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
    char cmd[300];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    return system(cmd);
}

static void test_tickets(void **state)
{
    (void)state;
    write_file("t.csv", "ID, Kind ,opened_at,first_response_at,resolved_at,priority,status,service,"
                        "reopen_count,title,extra\n"
                        "A1,incident,2026-10-02 10:00,2026-10-02 10:05,2026-10-02 "
                        "12:00,2,closed,Email,0,Écran noir,x\n"
                        "A2,Incident,2026-10-02 10:00:30.75,,,,,,,\"multi\nline\",\n"
                        "A3,incident,2026-10-02 10:00,,2026-10-01 09:00,2,,Email,,,\n"
                        "A4,incident,2026/10/02,,,2,,Email,,,\n"
                        "A5,incident,2026-10-02 10:00,,,7,,Email,,,\n"
                        "A6,gadget,2026-10-02 10:00,,,2,,Email,,,\n"
                        ",incident,2026-10-02 10:00,,,2,,Email,,,\n"
                        "A8,incident,2026-10-02 10:00,,,2,,Email\n"
                        "A9,incident,2026-10-02 10:00,,,2,unknown,Email,,,\n"
                        "A10,incident,2026-10-02 10:00,,,2,,Email,-1,,\n"
                        "A11,incident,2026-03-29 02:30,,,2,,Email,,,\n"
                        "A1,incident,2026-10-02 10:00,2026-10-02 10:05,2026-10-02 "
                        "12:00,2,closed,Email,0,Écran noir,y\n"
                        "A12,incident,2026-10-02T10:00:00Z,,,2,,Email,,,\n"
                        "A2,request,2026-10-03 10:00,,,,,Email,,,\n");
    loaded_t l = {0};
    load(&l, "timezone: Europe/Berlin\nsources: [{file: t.csv, profile: tickets}]\n");
    assert_int_equal(l.st[0], ST_OK);
    const source_quality_t *q = &l.store->quality[0];
    assert_int_equal(q->rows_read, 14);
    assert_int_equal(q->rows_rejected, 8);
    assert_int_equal(q->rows_accepted, 6);
    assert_int_equal(q->rows_read, q->rows_accepted + q->rows_rejected);
    const quality_entry_t *e = reason(q, "response or resolution before opening", 0);
    assert_int_equal(e->count, 1);
    assert_string_equal(e->examples[0], "t.csv:5"); /* the quoted line break makes A3 line 5 */
    /* the offending value is quoted in its place */
    assert_string_equal(reason(q, "unparseable time", 0)->examples[0], "t.csv:6 ('2026/10/02')");
    assert_string_equal(reason(q, "unknown priority", 0)->examples[0], "t.csv:7 ('7')");
    assert_string_equal(reason(q, "unknown kind", 0)->examples[0], "t.csv:8");
    assert_string_equal(reason(q, "missing id", 0)->examples[0], "t.csv:9");
    /* a ragged row says how many fields it has, and the header */
    assert_string_equal(reason(q, "wrong number of fields", 0)->examples[0],
                        "t.csv:10 (8 fields, the header has 11)");
    assert_string_equal(reason(q, "unknown status", 0)->examples[0], "t.csv:11");
    assert_string_equal(reason(q, "invalid count", 0)->examples[0], "t.csv:12");
    /* warnings: the skipped DST time, tickets without service, the changed duplicate */
    assert_string_equal(reason(q, "nonexistent local time", 1)->examples[0], "t.csv:13");
    assert_int_equal(reason(q, "ticket with no service", 1)->count, 1);
    e = reason(q, "duplicate id", 1);
    assert_int_equal(e->count, 1); /* A1 again (line 14) but identical: merged silently */
    assert_string_equal(e->examples[0], "t.csv:16 (replaces t.csv:3)"); /* both places */

    assert_int_equal(l.store->ntickets, 4); /* A1, A2 (replaced), A11, A12 */
    long i1 = store_find_ticket(l.store, "A1");
    const ticket_t *t = &l.store->tickets[i1];
    assert_int_equal(t->kind, KIND_INCIDENT);
    assert_int_equal(t->priority, 2);
    assert_int_equal(t->status, TSTATUS_CLOSED);
    assert_string_equal(t->title, "Écran noir");
    assert_int_equal(t->opened, 1790928000); /* 10:00 CEST = 08:00Z */
    assert_int_equal(t->first_response - t->opened, 300);
    assert_int_equal(t->reopen_count, 0);
    assert_int_equal(t->reassignment_count, -1);
    t = &l.store->tickets[store_find_ticket(l.store, "A2")];
    assert_int_equal(t->kind, KIND_REQUEST); /* the later row replaced the earlier one */
    t = &l.store->tickets[store_find_ticket(l.store, "A12")];
    assert_int_equal(t->opened, 1790935200); /* an explicit Z ignores the source zone */
    t = &l.store->tickets[store_find_ticket(l.store, "A11")];
    assert_int_equal(t->opened, 1774747800); /* the offset before the change */
    assert_int_equal(store_find_ticket(l.store, "A3"), -1);
    unload(&l);
}

static void test_source_timezone_and_others(void **state)
{
    (void)state;
    write_file("u.csv", "id,kind,opened_at\nB1,incident,2026-10-02 10:00\n");
    write_file("o.csv", "service,start,end,type\n"
                        "Email,2026-10-10 10:00,2026-10-10 11:00,outage\n"
                        "Email,2026-10-10 10:00,,Degradation\n"
                        "Email,2026-10-10 10:00,2026-10-10 09:00,outage\n"
                        ",2026-10-10 10:00,,outage\n"
                        "Email,2026-10-10 10:00,,storm\n");
    write_file("s.csv", "responded_at;score;nps;ticket_id\n"
                        "2026-10-03 10:00;5;10;B1\n"
                        "2026-10-03 10:00;6;;\n"
                        "2026-10-03 10:00;;11;\n"
                        "2026-10-03 10:00;;;\n"
                        "2026-10-03 10:00;4.5;;\n"
                        "2026-10-03 10:00;good;;\n");
    loaded_t l = {0};
    load(&l, "timezone: Europe/Berlin\n"
             "sources:\n"
             "  - {file: u.csv, profile: tickets, timezone: UTC}\n"
             "  - {file: o.csv, profile: outages}\n"
             "  - {file: s.csv, profile: csat}\n");
    assert_int_equal(l.store->tickets[0].opened, 1790935200); /* 10:00 UTC */
    const source_quality_t *q = &l.store->quality[1];
    assert_int_equal(q->rows_accepted, 2);
    assert_int_equal(l.store->outages[1].type, OUTAGE_DEGRADATION);
    assert_int_equal(l.store->outages[1].end, TS_NONE); /* ongoing */
    assert_string_equal(reason(q, "end before start", 0)->examples[0], "o.csv:4");
    assert_string_equal(reason(q, "missing service", 0)->examples[0], "o.csv:5");
    assert_string_equal(reason(q, "unknown outage type", 0)->examples[0], "o.csv:6");
    q = &l.store->quality[2];
    assert_int_equal(q->rows_accepted, 2);
    assert_string_equal(reason(q, "score out of range", 0)->examples[0], "s.csv:3");
    assert_string_equal(reason(q, "nps out of range", 0)->examples[0], "s.csv:4");
    assert_string_equal(reason(q, "no score or nps", 0)->examples[0], "s.csv:5");
    assert_string_equal(reason(q, "unparseable score", 0)->examples[0], "s.csv:7");
    assert_true(l.store->surveys[1].score == 4.5);
    assert_int_equal(l.store->surveys[1].nps, -1);
    assert_int_equal(strlen(l.store->quality[0].sha256), 64);
    unload(&l);
}

static void test_missing_column_and_file(void **state)
{
    (void)state;
    write_file("m.csv", "id,opened_at\nC1,2026-10-02 10:00\nC2,2026-10-02 11:00\n");
    loaded_t l = {0};
    load(&l,
         "sources:\n  - {file: m.csv, profile: tickets}\n  - {file: gone.csv, profile: tickets}\n"
         "  - {file: m.csv, profile: jira-sm}\n");
    assert_int_equal(l.st[0], ST_DATA);
    const source_quality_t *q = &l.store->quality[0];
    assert_int_equal(q->rows_read, 2);
    assert_int_equal(q->rows_rejected, 2); /* counted, not dropped */
    assert_int_equal(reason(q, "missing required column 'kind'", 0)->count, 2);
    assert_int_equal(l.st[1], ST_NOINPUT);
    assert_int_equal(l.st[2], ST_DATA); /* not a Jira export: no 'Issue key' column */
    assert_int_equal(reason(&l.store->quality[2], "missing required column 'id'", 0)->count, 2);
    unload(&l);
}

static void test_duplicates_by_update_time(void **state)
{
    (void)state;
    /* the same ticket in two Freshservice exports: the row with the later update wins, whatever
     * the file order; the warning names both places */
    const char *hdr = "Ticket Id,Subject,Type,Status,Priority,Created Time,Last Updated Time\n";
    char a[512], b[512];
    snprintf(a, sizeof a,
             "%s#1,new version,Incident,Closed,Low,2025-03-03 09:00:00,2025-03-05 09:00:00\n"
             "#2,only here,Incident,Open,Low,2025-03-03 09:00:00,2025-03-03 09:00:00\n",
             hdr);
    snprintf(b, sizeof b,
             "%s#1,old version,Incident,Open,Low,2025-03-03 09:00:00,2025-03-04 09:00:00\n"
             "#2,later here,Incident,Closed,Low,2025-03-03 09:00:00,2025-03-06 09:00:00\n",
             hdr);
    write_file("dup-a.csv", a);
    write_file("dup-b.csv", b);
    loaded_t l = {0};
    load(&l, "sources:\n  - {file: dup-a.csv, profile: freshservice-ticket}\n"
             "  - {file: dup-b.csv, profile: freshservice-ticket}\n");
    assert_int_equal(l.store->ntickets, 2);
    const ticket_t *t = &l.store->tickets[store_find_ticket(l.store, "#1")];
    assert_string_equal(t->title, "new version"); /* read first, but updated later */
    t = &l.store->tickets[store_find_ticket(l.store, "#2")];
    assert_string_equal(t->title, "later here");
    const source_quality_t *q = &l.store->quality[1];
    const quality_entry_t *e = reason(q, "duplicate id", 1);
    assert_int_equal(e->count, 2);
    assert_string_equal(e->examples[0], "dup-b.csv:2 (older than dup-a.csv:2, which is kept)");
    assert_string_equal(e->examples[1], "dup-b.csv:3 (replaces dup-a.csv:3)");
    unload(&l);
}

static void test_limits_and_encoding_warnings(void **state)
{
    (void)state;
    /* exactly 10,000 rows from ServiceNow: its default export limit may have cut the file */
    char path[256];
    snprintf(path, sizeof path, "%s/sn10k.csv", dir);
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    fputs("number,opened_at,priority,state\n", f);
    for (int i = 0; i < 10000; i++)
        fprintf(f, "INC%07d,2025-03-03 09:00:00,3 - Moderate,New\n", i);
    fclose(f);
    /* a field over 16 MiB is a rejected row, and the rows after it are read */
    snprintf(path, sizeof path, "%s/huge.csv", dir);
    f = fopen(path, "wb");
    assert_non_null(f);
    fputs("id,kind,opened_at,title\nH1,incident,2025-03-03 09:00,", f);
    for (int i = 0; i < 17 * 1024; i++) {
        static char kb[1024];
        memset(kb, 'x', sizeof kb);
        fwrite(kb, 1, sizeof kb, f);
    }
    fputs("\nH2,incident,2025-03-03 10:00,ok\n", f);
    fclose(f);
    /* Windows-1252 bytes in a file read as UTF-8: read, and a warning with the line */
    write_file("latin.csv", "id,kind,opened_at,title\nL1,incident,2025-03-03 09:00,ok\n"
                            "L2,incident,2025-03-03 10:00,\xC9"
                            "cran noir\n");
    loaded_t l = {0};
    load(&l, "sources:\n  - {file: sn10k.csv, profile: servicenow-incident}\n"
             "  - {file: huge.csv, profile: tickets}\n  - {file: latin.csv, profile: tickets}\n");
    assert_int_equal(l.store->quality[0].rows_read, 10000);
    assert_int_equal(reason(&l.store->quality[0], "exactly 10,000 rows", 1)->count, 1);
    const source_quality_t *q = &l.store->quality[1];
    assert_int_equal(q->rows_read, 2);
    assert_int_equal(q->rows_rejected, 1);
    assert_string_equal(reason(q, "field longer than 16 MiB", 0)->examples[0], "huge.csv:2");
    assert_true(store_find_ticket(l.store, "H2") >= 0);
    q = &l.store->quality[2];
    assert_int_equal(q->rows_accepted, 2);
    assert_string_equal(reason(q, "not valid UTF-8", 1)->examples[0], "latin.csv:3 (1 byte)");
    assert_string_equal(l.store->tickets[store_find_ticket(l.store, "L2")].title, "Écran noir");
    unload(&l);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_tickets),
        cmocka_unit_test(test_source_timezone_and_others),
        cmocka_unit_test(test_missing_column_and_file),
        cmocka_unit_test(test_duplicates_by_update_time),
        cmocka_unit_test(test_limits_and_encoding_warnings),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
