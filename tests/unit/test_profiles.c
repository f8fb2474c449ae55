/*
 * Unit tests: every tool profile on a fixture with that tool's real header row
 * (tests/fixtures/profiles), read into the exact expected records. Expected instants were
 * computed independently (Python); each fixture's quirks are named where they are checked.
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

#include "app/config_load.h"
#include "input/profile.h"

typedef struct loaded {
    config_t *cfg;
    tz_t *tz;
    store_t *store;
    status_t st;
} loaded_t;

/* Reads one source given as a YAML flow mapping, relative to the fixtures directory. */
static void load(loaded_t *l, const char *tz, const char *source)
{
    char text[1024];
    snprintf(text, sizeof text, "timezone: %s\nsources:\n  - %s\nsla: {pause_states: [on_hold]}\n",
             tz, source);
    diag_t d = {0};
    memset(l, 0, sizeof *l);
    if (config_load_buffer("tests/fixtures/profiles/review.yaml", text, strlen(text), &l->cfg,
                           &d) != ST_OK)
        fail_msg("config: %zu:%zu %s", d.line, d.column, d.message);
    assert_int_equal(tz_load(tz, &l->tz, &d), ST_OK);
    l->store = store_new(1);
    l->st = profile_read_source(l->cfg, 0, l->tz, TS_MAX, l->store, &d);
    diag_clear(&d);
}

static void unload(loaded_t *l)
{
    store_free(l->store);
    tz_free(l->tz);
    config_free(l->cfg);
}

static const ticket_t *T(loaded_t *l, const char *id)
{
    long i = store_find_ticket(l->store, id);
    if (i < 0)
        fail_msg("no ticket %s", id);
    return &l->store->tickets[i];
}

static void counts(loaded_t *l, size_t read, size_t accepted, size_t rejected)
{
    const source_quality_t *q = &l->store->quality[0];
    if (q->rows_read != read || q->rows_accepted != accepted || q->rows_rejected != rejected)
        fail_msg("rows read/accepted/rejected %zu/%zu/%zu, expected %zu/%zu/%zu", q->rows_read,
                 q->rows_accepted, q->rows_rejected, read, accepted, rejected);
}

static const quality_entry_t *entry(loaded_t *l, const char *reason, int warning)
{
    const source_quality_t *q = &l->store->quality[0];
    const quality_entry_t *e = warning ? q->warnings : q->rejected;
    size_t n = warning ? q->nwarnings : q->nrejected;
    for (size_t i = 0; i < n; i++)
        if (!strncmp(e[i].reason, reason, strlen(reason)))
            return &e[i];
    fail_msg("no %s '%s'", warning ? "warning" : "rejection", reason);
    return NULL;
}

static void test_servicenow_list(void **state)
{
    (void)state;
    loaded_t l;
    /* a US instance: MM-dd-yyyy (13 and 16 in the day place settle it), New York time */
    load(&l, "America/New_York", "{file: servicenow-list.csv, profile: servicenow-incident}");
    assert_int_equal(l.st, ST_OK);
    counts(&l, 5, 4, 1);
    assert_string_equal(entry(&l, "response or resolution before opening", 0)->examples[0],
                        "servicenow-list.csv:5");
    const ticket_t *t = T(&l, "INC0010001");
    assert_int_equal(t->kind, KIND_INCIDENT);
    assert_int_equal(t->opened, 1739479566);
    assert_int_equal(t->resolved, 1739484060);
    assert_int_equal(t->closed, 1739746800);
    assert_int_equal(t->priority, 1); /* "1 - Critical" */
    assert_int_equal(t->status, TSTATUS_CLOSED);
    assert_string_equal(t->service, "VPN"); /* business_service wins over cmdb_ci */
    assert_string_equal(t->group, "Network");
    assert_string_equal(t->assignee, "Beth Anglin");
    assert_string_equal(t->channel, "Phone");
    assert_int_equal(t->reassignment_count, 1);
    t = T(&l, "INC0010002");
    assert_int_equal(t->status, TSTATUS_IN_PROGRESS);
    assert_int_equal(t->priority, 3);
    assert_string_equal(t->title, "Outlook fragt ständig nach dem Passwort");
    assert_null(t->assignee);
    t = T(&l, "INC0010003");
    assert_int_equal(t->status, TSTATUS_ON_HOLD);
    assert_int_equal(t->reopen_count, -1);
    assert_null(t->service);
    assert_int_equal(T(&l, "INC0010005")->status, TSTATUS_CANCELLED);
    assert_int_equal(entry(&l, "ticket with no service", 1)->count, 1);
    unload(&l);
}

static void test_servicenow_eventlog(void **state)
{
    (void)state;
    loaded_t l;
    load(&l, "UTC", "{file: servicenow-eventlog.csv, profile: servicenow-incident}");
    assert_int_equal(l.st, ST_OK);
    counts(&l, 10, 10, 0);
    assert_int_equal(l.store->ntickets, 2);
    const ticket_t *t = T(&l, "INC1000001");
    assert_int_equal(t->opened, 1456995600);
    assert_int_equal(t->first_response, 1456996800); /* New → Active at 09:20 */
    assert_int_equal(t->resolved, 1457089200);
    assert_int_equal(t->closed, 1457524800);
    assert_int_equal(t->status, TSTATUS_CLOSED);
    assert_string_equal(t->group, "Group 2");
    assert_int_equal(t->pause_count, 1); /* Awaiting User Info 10:00 → 13:00 */
    assert_int_equal(l.store->pauses[t->pause_first].start, 1456999200);
    assert_int_equal(l.store->pauses[t->pause_first].end, 1457010000);
    /* rows out of file order are put in sys_mod_count order */
    t = T(&l, "INC1000002");
    assert_int_equal(t->first_response, 1456996200); /* Active at 09:10 */
    assert_int_equal(t->priority, 1);
    assert_int_equal(t->status, TSTATUS_NONE); /* the final row's state is unknown */
    assert_int_equal(t->pause_count, 1);       /* Awaiting Vendor until the next update */
    assert_int_equal(l.store->pauses[t->pause_first].start, 1457164800);
    assert_int_equal(l.store->pauses[t->pause_first].end, 1457251200);
    assert_string_equal(entry(&l, "unknown status", 1)->examples[0],
                        "servicenow-eventlog.csv:11 ('Bogus State')");
    /* every date here has day and month ≤ 12: the profile's day-first default, with a warning */
    assert_non_null(strstr(entry(&l, "day and month order", 1)->examples[0], "%d/%m/%Y"));
    unload(&l);
}

static void test_servicenow_outage_and_survey(void **state)
{
    (void)state;
    loaded_t l;
    load(&l, "UTC", "{file: servicenow-outage.csv, profile: servicenow-outage}");
    counts(&l, 4, 3, 1);
    assert_int_equal(l.store->noutages, 3);
    assert_string_equal(l.store->outages[0].service, "Email");
    assert_int_equal(l.store->outages[0].type, OUTAGE_OUTAGE);
    assert_int_equal(l.store->outages[0].start, 1740823200);
    assert_int_equal(l.store->outages[0].end, 1740825900);
    assert_int_equal(l.store->outages[1].type, OUTAGE_PLANNED);
    assert_int_equal(l.store->outages[2].type, OUTAGE_DEGRADATION);
    assert_int_equal(l.store->outages[2].end, TS_NONE); /* still ongoing */
    assert_string_equal(l.store->outages[2].description,
                        "Slow responses, still under investigation");
    assert_string_equal(entry(&l, "unknown outage type", 0)->examples[0],
                        "servicenow-outage.csv:5");
    unload(&l);

    load(&l, "UTC", "{file: servicenow-survey.csv, profile: servicenow-survey}");
    counts(&l, 5, 3, 2);
    assert_true(l.store->surveys[0].score == 5);
    assert_true(l.store->surveys[1].score == 2);
    assert_string_equal(l.store->surveys[1].comment, "Too slow");
    assert_true(isnan(l.store->surveys[2].score)); /* -1: no value */
    assert_int_equal(l.store->surveys[2].nps, 9);
    assert_string_equal(entry(&l, "no score or nps", 0)->examples[0], "servicenow-survey.csv:5");
    assert_string_equal(entry(&l, "score out of range", 0)->examples[0], "servicenow-survey.csv:6");
    unload(&l);
}

static void test_freshservice(void **state)
{
    (void)state;
    loaded_t l;
    load(&l, "UTC", "{file: freshservice-ticket.csv, profile: freshservice-ticket}");
    counts(&l, 4, 3, 1);
    const ticket_t *t = T(&l, "#INC-101");
    assert_int_equal(t->kind, KIND_INCIDENT);
    assert_int_equal(t->priority, 1); /* Urgent */
    assert_int_equal(t->status, TSTATUS_CLOSED);
    assert_int_equal(t->opened, 1740992400);
    assert_int_equal(t->first_response, 1740993600); /* Initial Response Time */
    assert_int_equal(t->resolved, 1741005000);
    assert_int_equal(t->closed, 1741165200);
    assert_int_equal(t->updated, 1741165200);
    assert_string_equal(t->assignee, "Zoë Müller");
    assert_string_equal(t->title, "Écran noir au démarrage");
    t = T(&l, "#SR-102");
    assert_int_equal(t->kind, KIND_REQUEST);
    assert_int_equal(t->status, TSTATUS_ON_HOLD); /* Pending */
    assert_int_equal(t->priority, 4);
    assert_int_equal(t->first_response, 1741082400 + 7200); /* "02:00:00" after opening */
    t = T(&l, "#INC-103");
    assert_int_equal(t->status, TSTATUS_IN_PROGRESS); /* Open */
    assert_int_equal(t->first_response, 1741086000 + 1800);
    assert_string_equal(entry(&l, "unknown priority", 0)->examples[0],
                        "freshservice-ticket.csv:5 ('Extreme')");
    unload(&l);

    load(&l, "UTC", "{file: freshservice-survey.csv, profile: freshservice-survey}");
    counts(&l, 4, 3, 1);
    assert_true(l.store->surveys[0].score == 5); /* Extremely Happy */
    assert_string_equal(l.store->surveys[0].ticket_id, "#INC-101");
    assert_string_equal(l.store->surveys[0].comment, "Très rapide");
    assert_true(l.store->surveys[1].score == 2); /* Unhappy */
    assert_true(l.store->surveys[2].score == 5); /* 102 */
    assert_string_equal(entry(&l, "unparseable score", 0)->examples[0],
                        "freshservice-survey.csv:5");
    unload(&l);
}

static void test_manageengine(void **state)
{
    (void)state;
    loaded_t l;
    /* a title row above the header; "-" marks empty cells; dd-MM-yyyy (13-03 settles it) */
    load(&l, "UTC", "{file: manageengine-request.csv, profile: manageengine-request}");
    assert_int_equal(l.st, ST_OK);
    counts(&l, 3, 3, 0);
    const ticket_t *t = T(&l, "5001");
    assert_int_equal(t->kind, KIND_INCIDENT);
    assert_int_equal(t->priority, 2);
    assert_int_equal(t->status, TSTATUS_CLOSED);
    assert_int_equal(t->opened, 1740992400);
    assert_int_equal(t->first_response, 1740995100);
    assert_int_equal(t->resolved, 1741014000);
    assert_int_equal(t->closed, 1741078800);
    assert_int_equal(t->reopen_count, 0);
    assert_string_equal(t->assignee, "Tomás Ó Briain");
    assert_string_equal(t->service, "Email");
    assert_int_equal(t->line, 3);
    t = T(&l, "5002");
    assert_int_equal(t->kind, KIND_REQUEST);
    assert_int_equal(t->opened, 1741874400);
    assert_null(t->assignee); /* "-" */
    assert_int_equal(t->first_response, TS_NONE);
    assert_int_equal(T(&l, "5003")->reopen_count, 1); /* ReOpened: Yes */
    unload(&l);
}

static void test_jira(void **state)
{
    (void)state;
    loaded_t l;
    /* ; delimiter (sniffed), "25/Feb/26 10:17 PM", repeated Comment columns, a multi-line cell */
    load(&l, "UTC", "{file: jira-sm.csv, profile: jira-sm}");
    counts(&l, 4, 4, 0);
    const ticket_t *t = T(&l, "ITSM-12");
    assert_int_equal(t->kind, KIND_INCIDENT);
    assert_int_equal(t->opened, 1772057820);
    assert_int_equal(t->resolved, 1772096400);
    assert_int_equal(t->status, TSTATUS_RESOLVED);
    assert_int_equal(t->priority, 2);
    assert_string_equal(t->title, "Laptop won't boot");
    assert_string_equal(t->channel, "Get IT help");
    t = T(&l, "ITSM-13");
    assert_int_equal(t->kind, KIND_REQUEST);
    assert_int_equal(t->status, TSTATUS_NEW);
    assert_int_equal(t->line, 4); /* after the two-line record */
    t = T(&l, "ITSM-14");
    assert_int_equal(t->kind, KIND_PROBLEM);
    assert_int_equal(t->priority, 1);
    assert_int_equal(t->opened, 1772368200); /* 12:30 PM */
    t = T(&l, "ITSM-15");
    assert_int_equal(t->kind, KIND_CHANGE);
    assert_int_equal(t->opened, 1772495940);   /* 11:59 PM */
    assert_int_equal(t->resolved, 1772496000); /* 12:00 AM the next day */
    unload(&l);
}

static void test_zendesk_and_auto(void **state)
{
    (void)state;
    loaded_t l;
    for (int pass = 0; pass < 2; pass++) {
        load(&l, "UTC",
             pass ? "{file: zendesk-ticket.csv, profile: auto}"
                  : "{file: zendesk-ticket.csv, profile: zendesk-ticket}");
        counts(&l, 3, 3, 0);
        const ticket_t *t = T(&l, "3001");
        assert_int_equal(t->kind, KIND_INCIDENT);
        assert_int_equal(t->status, TSTATUS_RESOLVED);   /* solved */
        assert_int_equal(t->priority, 1);                /* urgent */
        assert_int_equal(t->opened, 1740988800);         /* +0100 in the text */
        assert_int_equal(t->first_response, 1740989700); /* 15 minutes */
        assert_int_equal(t->resolved, 1740996000);
        assert_int_equal(t->reopen_count, 1);
        assert_int_equal(t->reassignment_count, 1); /* 2 assignee stations */
        assert_string_equal(t->service, "Acme GmbH");
        assert_int_equal(T(&l, "3002")->kind, KIND_REQUEST); /* question */
        t = T(&l, "3003");
        assert_int_equal(t->kind, KIND_REQUEST); /* no type: the profile's default */
        assert_int_equal(t->status, TSTATUS_ON_HOLD);
        assert_int_equal(t->first_response, 1741082700);
        assert_int_equal(t->reassignment_count, 0);
        if (pass) {
            assert_string_equal(l.store->quality[0].profile, "zendesk-ticket");
            assert_non_null(strstr(entry(&l, "profile auto", 1)->examples[0], "zendesk-ticket"));
        }
        unload(&l);
    }
}

static void test_glpi(void **state)
{
    (void)state;
    loaded_t l;
    /* French UI: BOM, CRLF, ;, no-break spaces in ids, a two-line cell, HTML entities */
    load(&l, "UTC", "{file: glpi-fr.csv, profile: glpi-ticket}");
    counts(&l, 3, 3, 0);
    const ticket_t *t = T(&l, "5732943");
    assert_string_equal(t->title, "Imprimante & scanner HS");
    assert_int_equal(t->status, TSTATUS_CLOSED);
    assert_int_equal(t->priority, 2);
    assert_int_equal(t->opened, 1740993300);
    assert_int_equal(t->resolved, 1741020300);
    assert_int_equal(t->closed, 1741168800);
    assert_string_equal(t->assignee, "Amélie Laurent\nLuc Martin");
    assert_string_equal(t->group, "Support N1");
    t = T(&l, "5732944");
    assert_int_equal(t->kind, KIND_REQUEST); /* Demande */
    assert_int_equal(t->status, TSTATUS_IN_PROGRESS);
    t = T(&l, "5732945");
    assert_int_equal(t->priority, 1); /* Majeure */
    assert_int_equal(t->status, TSTATUS_NEW);
    unload(&l);

    load(&l, "UTC", "{file: glpi-en.csv, profile: glpi-ticket}");
    counts(&l, 2, 2, 0);
    t = T(&l, "1201");
    assert_string_equal(t->title, "Mail <urgent>");
    assert_int_equal(t->priority, 1); /* Very high */
    assert_int_equal(t->status, TSTATUS_RESOLVED);
    assert_int_equal(t->resolved, 1741000500);
    assert_int_equal(T(&l, "1202")->status, TSTATUS_ON_HOLD);
    unload(&l);
}

static void test_generic(void **state)
{
    (void)state;
    loaded_t l;
    load(&l, "UTC",
         "{file: generic.csv, profile: generic, kind: incident, time_format: \"%d/%m/%Y %H:%M\",\n"
         "     columns: {id: Key, opened_at: Created, resolved_at: Resolved, priority: Prio,\n"
         "               group: Team, title: Headline},\n"
         "     priorities: {Critical: 1, High: 2, Medium: 3, Low: 4}}");
    counts(&l, 3, 2, 1);
    const ticket_t *t = T(&l, "OPS-1");
    assert_int_equal(t->kind, KIND_INCIDENT);
    assert_int_equal(t->opened, 1740992400);
    assert_int_equal(t->resolved, 1740997800);
    assert_int_equal(t->priority, 1);
    assert_string_equal(t->group, "Ops");
    assert_int_equal(T(&l, "OPS-2")->opened, 1741874400);
    assert_string_equal(entry(&l, "unknown priority", 0)->examples[0],
                        "generic.csv:4 ('Whenever')");
    unload(&l);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_servicenow_list),
        cmocka_unit_test(test_servicenow_eventlog),
        cmocka_unit_test(test_servicenow_outage_and_survey),
        cmocka_unit_test(test_freshservice),
        cmocka_unit_test(test_manageengine),
        cmocka_unit_test(test_jira),
        cmocka_unit_test(test_zendesk_and_auto),
        cmocka_unit_test(test_glpi),
        cmocka_unit_test(test_generic),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
