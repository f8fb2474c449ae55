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

/* Creates the fixture `name` in the test folder, open for writing. */
static FILE *create(const char *name)
{
    char path[256];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    return f;
}

static void write_file(const char *name, const char *text)
{
    FILE *f = create(name);
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
        l->st[i] = profile_read_source(l->cfg, i, l->tz, TS_MAX, l->store, &d);
        diag_clear(&d);
    }
}

static void unload(loaded_t *l)
{
    store_free(l->store);
    tz_free(l->tz);
    config_free(l->cfg);
}

/* The entry whose reason starts with r, or NULL. */
static const quality_entry_t *find(const source_quality_t *q, const char *r, int warning)
{
    const quality_entry_t *e = warning ? q->warnings : q->rejected;
    size_t n = warning ? q->nwarnings : q->nrejected;
    for (size_t i = 0; i < n; i++)
        if (!strncmp(e[i].reason, r, strlen(r)))
            return &e[i];
    return NULL;
}

static const quality_entry_t *reason(const source_quality_t *q, const char *r, int warning)
{
    const quality_entry_t *e = find(q, r, warning);
    if (!e)
        fail_msg("no %s '%s'", warning ? "warning" : "rejection", r);
    return e;
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

/* Vocabulary words fold the Latin-1 capitals of UTF-8 as they fold A-Z: RÉSOLU is résolu, but
 * RÈSOLU (È is è, not é) is an unknown status, kept without one. */
static void test_status_latin1_case(void **state)
{
    (void)state;
    write_file("l.csv", "ID;Titre;Statut;Type;Priorité;Date d'ouverture;Date de résolution\n"
                        "B1;a;RÉSOLU;Incident;Haute;02-10-2026 10:00;02-10-2026 12:00\n"
                        "B2;b;Résolu;Incident;Haute;02-10-2026 10:00;02-10-2026 12:00\n"
                        "B3;c;RÈSOLU;Incident;Haute;02-10-2026 10:00;02-10-2026 12:00\n");
    loaded_t l = {0};
    load(&l, "timezone: UTC\nsources: [{file: l.csv, profile: glpi-ticket}]\n");
    assert_int_equal(l.st[0], ST_OK);
    const source_quality_t *q = &l.store->quality[0];
    const quality_entry_t *e = reason(q, "unknown status", 1);
    assert_int_equal(e->count, 1);
    assert_string_equal(e->examples[0], "l.csv:4 ('RÈSOLU')");
    const ticket_t *t = l.store->tickets;
    assert_int_equal(t[store_find_ticket(l.store, "B1")].status, TSTATUS_RESOLVED);
    assert_int_equal(t[store_find_ticket(l.store, "B2")].status, TSTATUS_RESOLVED);
    assert_int_equal(t[store_find_ticket(l.store, "B3")].status, TSTATUS_NONE);
    unload(&l);
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
    /* A2's first row has no service, but its later row (which replaces it) names one */
    assert_null(find(q, "ticket with no service", 1));
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

/* `columns` overrides any profile's headers (docs/spreadsheets.md), outage and survey fields
 * included. */
static void test_columns_override(void **state)
{
    (void)state;
    write_file("o.csv", "CI,Kind,From,To\nERP,outage,2026-10-02 10:00,2026-10-02 11:30\n");
    write_file("s.csv", "When,Rating,Case\n2026-10-03 09:00,4,INC1\n");
    loaded_t l = {0};
    load(&l, "timezone: UTC\n"
             "sources:\n"
             "  - {file: o.csv, profile: outages, columns: {service: CI, type: Kind, start: From, "
             "end: To}}\n"
             "  - {file: s.csv, profile: csat, columns: {responded_at: When, score: Rating, "
             "ticket_id: Case}}\n");
    assert_int_equal(l.st[0], ST_OK);
    assert_int_equal(l.st[1], ST_OK);
    assert_int_equal(l.store->noutages, 1);
    assert_string_equal(l.store->outages[0].service, "ERP");
    assert_int_equal(l.store->outages[0].end - l.store->outages[0].start, 5400);
    assert_int_equal(l.store->nsurveys, 1);
    assert_true(l.store->surveys[0].score == 4.0);
    assert_string_equal(l.store->surveys[0].ticket_id, "INC1");
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
    FILE *f = create("sn10k.csv");
    fputs("number,opened_at,priority,state\n", f);
    for (int i = 0; i < 10000; i++)
        fprintf(f, "INC%07d,2025-03-03 09:00:00,3 - Moderate,New\n", i);
    fclose(f);
    /* a field over 16 MiB is a rejected row, and the rows after it are read */
    f = create("huge.csv");
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

/* Text no output can hold (a noncharacter, control characters, an entity decoding to one) is
 * replaced by U+FFFD where it enters the records, once, with a warning per row and its place;
 * a rejected row's text is not counted. */
static void test_unsafe_text(void **state)
{
    (void)state;
    write_file("u.csv",
               "id,kind,opened_at,service,group,title\n"
               "U1,incident,2026-10-02 10:00,Mail\xEF\xBF\xBF,Ops,ok\n"
               "U2,incident,2026-10-02 10:00,Mail,\xEF\xB7\x90Ops,a\x01"
               "b\x0b"
               "c\n"
               "U\x02"
               "3,incident,2026-10-02 10:00,Mail,Ops,\xF0\x9F\xBF\xBE\n"
               "U4,incident,2026-10-02 10:00,Mail,Ops,tab\tstays\n"
               "U5,incident,not a time,Mail\x1b,Ops,x\n"
               "U6,incident,2026-10-02 10:00,Mail\xEF\xBF\xBF,Ops,emoji \xF0\x9F\x98\x80\n");
    write_file("g.csv", "ID,Title,Opening date,Type,Assigned to - Technician group\n"
                        "1,Bell &#7; ringing &amp; &#xFFFE;,2025-03-03 09:15,Incident,Support\n");
    loaded_t l = {0};
    load(
        &l,
        "sources:\n  - {file: u.csv, profile: tickets}\n  - {file: g.csv, profile: glpi-ticket}\n");
    const source_quality_t *q = &l.store->quality[0];
    assert_int_equal(q->rows_accepted, 5);
    const quality_entry_t *e = reason(q, "control characters, Unicode noncharacters", 1);
    assert_int_equal(e->count, 4); /* U1, U2, U3, U6; not the rejected U5 */
    assert_string_equal(e->examples[0], "u.csv:2 (1 character)");
    assert_string_equal(e->examples[1], "u.csv:3 (3 characters)");
    assert_string_equal(e->examples[2], "u.csv:4 (2 characters)");
    const ticket_t *t = &l.store->tickets[store_find_ticket(l.store, "U1")];
    assert_string_equal(t->service, "Mail\xEF\xBF\xBD");
    /* the same repaired name is the same interned string */
    assert_ptr_equal(t->service, l.store->tickets[store_find_ticket(l.store, "U6")].service);
    t = &l.store->tickets[store_find_ticket(l.store, "U2")];
    assert_string_equal(t->group, "\xEF\xBF\xBDOps");
    assert_string_equal(t->title, "a\xEF\xBF\xBD"
                                  "b\xEF\xBF\xBD"
                                  "c");
    assert_true(store_find_ticket(l.store, "U\xEF\xBF\xBD"
                                           "3") >= 0);
    t = &l.store->tickets[store_find_ticket(l.store, "U\xEF\xBF\xBD"
                                                     "3")];
    assert_string_equal(t->title, "\xEF\xBF\xBD");
    assert_string_equal(l.store->tickets[store_find_ticket(l.store, "U4")].title, "tab\tstays");
    assert_string_equal(l.store->tickets[store_find_ticket(l.store, "U6")].title,
                        "emoji \xF0\x9F\x98\x80");
    /* GLPI's entities are decoded first, then made safe */
    q = &l.store->quality[1];
    assert_int_equal(reason(q, "control characters, Unicode noncharacters", 1)->count, 1);
    assert_string_equal(l.store->tickets[store_find_ticket(l.store, "1")].title,
                        "Bell \xEF\xBF\xBD ringing & \xEF\xBF\xBD");
    unload(&l);
}

/* Repeated values of the interned fields: the same value, blanks around it or not, is one
 * interned string; a value with a control character is repaired and counted on every row it is
 * on, before and after the same value without one; vocabulary words match whole words only. */
static void test_repeated_values(void **state)
{
    (void)state;
    write_file("r.csv", "id,kind,opened_at,status,service,group,channel\n"
                        "R1,incident,2026-10-02 10:00,closed,Mail,Ops,email\n"
                        "R2,incident, 2026-10-02 10:00\t,CLOSED, Mail ,Ops\t,email\n"
                        "R3,incident,2026-10-02 10:00,Closed,Mail\x01,Ops,email\n"
                        "R4,incident,2026-10-02 10:00,closed,Mail\x01,Ops,email\n"
                        "R5,incident,2026-10-02 10:00,closed,Mail,\"Ops\r\n\",email\n"
                        "R6,incident,2026-10-02 10:00,close,Mail,Ops,email\n"
                        "R7,incident,2026-10-02 10:00,closedx,Mail,Ops,email\n"
                        "R8,incidents,2026-10-02 10:00,closed,Mail,Ops,email\n"
                        "R9,incident,2026-10-02 10:00,closed,Mail,Ops,\n");
    loaded_t l = {0};
    load(&l, "timezone: UTC\nsources: [{file: r.csv, profile: tickets}]\n");
    const source_quality_t *q = &l.store->quality[0];
    assert_int_equal(q->rows_accepted, 6);
    assert_int_equal(reason(q, "unknown status", 0)->count, 2);
    /* R5's group holds a line break: the rows after it start a line later */
    assert_string_equal(reason(q, "unknown status", 0)->examples[0], "r.csv:8");
    assert_string_equal(reason(q, "unknown status", 0)->examples[1], "r.csv:9");
    assert_string_equal(reason(q, "unknown kind", 0)->examples[0], "r.csv:10");
    const quality_entry_t *e = reason(q, "control characters, Unicode noncharacters", 1);
    assert_int_equal(e->count, 2);
    assert_string_equal(e->examples[0], "r.csv:4 (1 character)");
    assert_string_equal(e->examples[1], "r.csv:5 (1 character)");
    const ticket_t *tk = l.store->tickets;
    const ticket_t *r1 = &tk[store_find_ticket(l.store, "R1")];
    assert_string_equal(r1->service, "Mail");
    assert_string_equal(r1->group, "Ops");
    assert_int_equal(r1->status, TSTATUS_CLOSED);
    assert_int_equal(r1->opened, 1790935200);
    const char *ids[] = {"R2", "R5", "R9"};
    for (size_t i = 0; i < 3; i++) {
        const ticket_t *t = &tk[store_find_ticket(l.store, ids[i])];
        assert_ptr_equal(t->service, r1->service);
        assert_ptr_equal(t->group, r1->group);
        assert_int_equal(t->status, TSTATUS_CLOSED);
        assert_int_equal(t->opened, r1->opened);
    }
    assert_null(tk[store_find_ticket(l.store, "R9")].channel);
    const ticket_t *r3 = &tk[store_find_ticket(l.store, "R3")];
    assert_string_equal(r3->service, "Mail\xEF\xBF\xBD");
    assert_ptr_equal(tk[store_find_ticket(l.store, "R4")].service, r3->service);
    assert_ptr_equal(tk[store_find_ticket(l.store, "R4")].group, r1->group);
    unload(&l);
}

/* The vocabulary fields remember the values they mapped lately, byte for byte: spellings that
 * fold alike (Incident, INCIDENT), more of them than are remembered, and words outside the
 * vocabulary between them, which are refused every time. 168 rows cycle through 8 kinds, 7
 * priorities and 6 statuses, so that every combination occurs; each row's fate is worked out
 * here from the tables below. */
static void test_vocabulary_memo(void **state)
{
    (void)state;
    static const char *const kinds[8] = {"incident", "Incident", "INCIDENT", "request",
                                         "Request",  "change",   "problem",  "gadget"};
    static const int kind_of[8] = {KIND_INCIDENT, KIND_INCIDENT, KIND_INCIDENT, KIND_REQUEST,
                                   KIND_REQUEST,  KIND_CHANGE,   KIND_PROBLEM,  -1};
    static const char *const prios[7] = {"1", "P2", "p3", "4", "P5", "5", "P9"};
    static const int prio_of[7] = {1, 2, 3, 4, 5, 5, -1};
    static const char *const statuses[6] = {"closed", "Closed", "RESOLVED",
                                            "new",    "close",  "in_progress"};
    static const int status_of[6] = {
        TSTATUS_CLOSED, TSTATUS_CLOSED, TSTATUS_RESOLVED, TSTATUS_NEW, -1, TSTATUS_IN_PROGRESS};
    strbuf_t csv = {0};
    strbuf_puts(&csv, "id,kind,opened_at,priority,status\n");
    for (int i = 0; i < 168; i++)
        strbuf_printf(&csv, "V%d,%s,2026-10-02 10:00,%s,%s\n", i, kinds[i % 8], prios[i % 7],
                      statuses[i % 6]);
    write_file("v.csv", csv.data);
    strbuf_clear(&csv);
    loaded_t l = {0};
    load(&l, "timezone: UTC\nsources: [{file: v.csv, profile: tickets}]\n");
    assert_int_equal(l.st[0], ST_OK);
    const source_quality_t *q = &l.store->quality[0];
    size_t accepted = 0, bad_kind = 0, bad_prio = 0, bad_status = 0;
    for (int i = 0; i < 168; i++) {
        char id[16];
        snprintf(id, sizeof id, "V%d", i);
        long at = store_find_ticket(l.store, id);
        if (kind_of[i % 8] < 0) {
            bad_kind++;
        } else if (prio_of[i % 7] < 0) {
            bad_prio++;
        } else if (status_of[i % 6] < 0) {
            bad_status++;
        } else {
            accepted++;
            assert_true(at >= 0);
            const ticket_t *t = &l.store->tickets[at];
            assert_int_equal(t->kind, kind_of[i % 8]);
            assert_int_equal(t->priority, prio_of[i % 7]);
            assert_int_equal(t->status, status_of[i % 6]);
            continue;
        }
        assert_int_equal(at, -1);
    }
    assert_int_equal(q->rows_accepted, accepted);
    assert_int_equal(reason(q, "unknown kind", 0)->count, bad_kind);
    assert_int_equal(reason(q, "unknown priority", 0)->count, bad_prio);
    assert_int_equal(reason(q, "unknown status", 0)->count, bad_status);
    unload(&l);
}

/* Interned fields remember the strings of the values they met, by a few of their bytes: 40
 * names of one length in turn (more than the entries, so that names share an entry and replace
 * each other), each row's names must be its own, the same string for the same name. */
static void test_interned_memo(void **state)
{
    (void)state;
    strbuf_t csv = {0};
    strbuf_puts(&csv, "id,kind,opened_at,service,group\n");
    for (int i = 0; i < 400; i++)
        strbuf_printf(&csv, "W%d,incident,2026-10-02 10:00,Svc %02d,Grp %02d\n", i, i * 7 % 40,
                      i % 40);
    write_file("w.csv", csv.data);
    strbuf_clear(&csv);
    loaded_t l = {0};
    load(&l, "timezone: UTC\nsources: [{file: w.csv, profile: tickets}]\n");
    assert_int_equal(l.store->quality[0].rows_accepted, 400);
    const ticket_t *tk = l.store->tickets;
    const char *first_svc[40] = {0}, *first_grp[40] = {0};
    for (int i = 0; i < 400; i++) {
        char id[16], svc[16], grp[16];
        snprintf(id, sizeof id, "W%d", i);
        snprintf(svc, sizeof svc, "Svc %02d", i * 7 % 40);
        snprintf(grp, sizeof grp, "Grp %02d", i % 40);
        const ticket_t *t = &tk[store_find_ticket(l.store, id)];
        assert_string_equal(t->service, svc);
        assert_string_equal(t->group, grp);
        if (!first_svc[i * 7 % 40])
            first_svc[i * 7 % 40] = t->service;
        if (!first_grp[i % 40])
            first_grp[i % 40] = t->group;
        assert_ptr_equal(t->service, first_svc[i * 7 % 40]);
        assert_ptr_equal(t->group, first_grp[i % 40]);
    }
    unload(&l);
}

/* More distinct values than the reader remembers: each is still interned once and found again. */
static void test_many_distinct_values(void **state)
{
    (void)state;
    FILE *f = create("many.csv");
    fputs("id,kind,opened_at,assignee\n", f);
    for (int i = 0; i < 70000; i++)
        fprintf(f, "M%d,incident,2026-10-02 10:00,Agent %d\n", i, i);
    fputs("N1,incident,2026-10-02 10:00,Agent 0\nN2,incident,2026-10-02 10:00,Agent 69999\n", f);
    fclose(f);
    loaded_t l = {0};
    load(&l, "timezone: UTC\nsources: [{file: many.csv, profile: tickets}]\n");
    assert_int_equal(l.store->quality[0].rows_accepted, 70002);
    const ticket_t *tk = l.store->tickets;
    assert_string_equal(tk[store_find_ticket(l.store, "M69999")].assignee, "Agent 69999");
    assert_ptr_equal(tk[store_find_ticket(l.store, "N1")].assignee,
                     tk[store_find_ticket(l.store, "M0")].assignee);
    assert_ptr_equal(tk[store_find_ticket(l.store, "N2")].assignee,
                     tk[store_find_ticket(l.store, "M69999")].assignee);
    assert_int_equal(hashmap_count(l.store->strings), 70000); /* the names, once each */
    unload(&l);
}

/* A million identical rows of one ticket cost what one row costs: rows merged into a ticket,
 * or replacing it, keep no strings of their own; "ticket with no service" counts tickets. */
static void test_duplicates_cost_nothing(void **state)
{
    (void)state;
    char title[1001];
    memset(title, 'x', 1000);
    title[1000] = '\0';
    FILE *f = create("same.csv");
    fputs("id,kind,opened_at,status,title\n", f);
    for (int i = 0; i < 20000; i++) /* 20 MB of titles if each row kept its own */
        fprintf(f, "D1,incident,2026-10-02 10:00,new,%s\n", title);
    /* and a ticket replaced 20,000 times by rows that differ (status, then a title of the
     * same length): the earlier title's bytes are reused */
    for (int i = 0; i < 20000; i++) {
        title[0] = (char)('a' + i % 26);
        fprintf(f, "D2,incident,2026-10-02 10:00,%s,%s\n", i % 2 ? "new" : "closed", title);
    }
    fclose(f);
    f = create("one.csv");
    fprintf(f, "id,kind,opened_at,status,title\nD1,incident,2026-10-02 10:00,new,%s\n", title);
    fclose(f);
    loaded_t one = {0}, l = {0};
    load(&one, "sources: [{file: one.csv, profile: tickets}]\n");
    load(&l, "sources: [{file: same.csv, profile: tickets}]\n");
    const source_quality_t *q = &l.store->quality[0];
    assert_int_equal(q->rows_read, 40000);
    assert_int_equal(q->rows_accepted, 40000);
    assert_int_equal(l.store->ntickets, 2);
    const quality_entry_t *e = reason(q, "ticket with no service", 1);
    assert_int_equal(e->count, 2);                         /* two tickets, 40,000 rows */
    assert_string_equal(e->examples[0], "same.csv:2");     /* D1: the first row, kept */
    assert_string_equal(e->examples[1], "same.csv:40001"); /* D2: the last row, which won */
    assert_int_equal(reason(q, "duplicate id", 1)->count, 19999);
    const ticket_t *t = &l.store->tickets[store_find_ticket(l.store, "D2")];
    assert_int_equal(t->title[0], 'a' + 19999 % 26);
    assert_int_equal(strlen(t->title), 1000);
    /* the store of 40,000 rows holds no more than one block beyond the one-row store's */
    assert_true(arena_bytes(l.store->arena) <= arena_bytes(one.store->arena) + (256 << 10));
    unload(&one);
    unload(&l);
}

/* The id index is sized from the ids read: no estimate, however large (a 215 GB input at 200
 * bytes a row asked for 17 GB before the first row), ends the run; a hint within bounds is
 * taken, and look-ups work either way. */
static void test_id_index_hint(void **state)
{
    (void)state;
    store_t *st = store_new(1);
    store_reserve_tickets(st, (size_t)(215e9 / 200));
    store_reserve_tickets(st, SIZE_MAX);
    assert_int_equal(st->idcap, 0); /* both ignored */
    store_reserve_tickets(st, 5000);
    assert_int_equal(st->idcap, 16384); /* at most half full */
    char id[16];
    for (int i = 0; i < 20000; i++) { /* past the hint: the index doubles as ids come */
        snprintf(id, sizeof id, "T%d", i);
        ticket_t t = {0};
        t.id = id;
        int added;
        assert_int_equal(store_add_ticket_once(st, &t, &added), i);
        assert_true(added);
    }
    assert_int_equal(st->idcap, 65536);
    assert_int_equal(store_find_ticket(st, "T0"), 0);
    assert_int_equal(store_find_ticket(st, "T19999"), 19999);
    assert_int_equal(store_find_ticket(st, "T20000"), -1);
    store_free(st);
}

/* The store's arrays grow in its arena: pauses appended a few at a time keep their values as the
 * array moves, the quality log keeps its reasons in order of first occurrence with their counts
 * and first places, and store_free releases everything (the suite's valgrind run checks it). */
static void test_store_arrays(void **state)
{
    (void)state;
    store_t *st = store_new(2);
    st->quality[1].file = "f.csv";
    for (int i = 0; i < 100; i++) { /* 1, 2, 3, 1, 2, 3, … pauses: 34 + 66 + 99 = 199 */
        size_t n = (size_t)(i % 3 + 1);
        pause_t *p = store_add_pauses(st, n);
        for (size_t k = 0; k < n; k++)
            p[k] = (pause_t){i, 10 * i + (ts_t)k};
    }
    assert_int_equal(st->npauses, 199);
    assert_int_equal(st->pauses[0].start, 0);
    assert_int_equal(st->pauses[2].end, 11); /* i = 1, second */
    assert_int_equal(st->pauses[5].end, 22); /* i = 2, third */
    assert_int_equal(st->pauses[198].start, 99);
    assert_int_equal(st->pauses[198].end, 990);
    char reason[32];
    for (int round = 0; round < 2; round++)
        for (int r = 0; r < 20; r++) {
            snprintf(reason, sizeof reason, "reason %d", r);
            store_reject(st, 1, (size_t)(100 * round + r + 1), reason);
        }
    const source_quality_t *q = &st->quality[1];
    assert_int_equal(q->nrejected, 20);
    assert_string_equal(q->rejected[0].reason, "reason 0");
    assert_string_equal(q->rejected[19].reason, "reason 19");
    assert_int_equal(q->rejected[19].count, 2);
    assert_string_equal(q->rejected[19].examples[0], "f.csv:20");
    assert_string_equal(q->rejected[19].examples[1], "f.csv:120");
    assert_null(q->rejected[19].examples[2]);
    assert_int_equal(st->quality[0].nrejected, 0);
    store_free(st);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_tickets),
        cmocka_unit_test(test_status_latin1_case),
        cmocka_unit_test(test_source_timezone_and_others),
        cmocka_unit_test(test_missing_column_and_file),
        cmocka_unit_test(test_columns_override),
        cmocka_unit_test(test_duplicates_by_update_time),
        cmocka_unit_test(test_limits_and_encoding_warnings),
        cmocka_unit_test(test_unsafe_text),
        cmocka_unit_test(test_repeated_values),
        cmocka_unit_test(test_vocabulary_memo),
        cmocka_unit_test(test_interned_memo),
        cmocka_unit_test(test_many_distinct_values),
        cmocka_unit_test(test_duplicates_cost_nothing),
        cmocka_unit_test(test_id_index_hint),
        cmocka_unit_test(test_store_arrays),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
