/*
 * Unit tests on the real ServiceNow incident audit log (tests/data/uci-servicenow, UCI
 * "Incident management process enriched event log"; see tests/data/README.md): the zip is
 * committed, its CSV is unzipped into a temporary folder at test time.
 * The number of rebuilt incidents must equal the distinct `number` values, and four incidents
 * are checked against their raw rows, read by hand (times are UTC).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "app/config_load.h"
#include "input/profile.h"

#define ZIP "tests/data/uci-servicenow/incident_event_log.zip"

static char dir[] = "/tmp/iso20k-test-realdata-XXXXXX";
static config_t *cfg;
static tz_t *tz;
static store_t *store;
static status_t read_status;

static int setup(void **state)
{
    (void)state;
    if (access(ZIP, R_OK) != 0) {
        fprintf(stderr, "missing %s (run from the repository root)\n", ZIP);
        return -1;
    }
    if (!mkdtemp(dir))
        return -1;
    char cmd[512];
    snprintf(cmd, sizeof cmd, "unzip -o -q '%s' -d '%s'", ZIP, dir);
    if (system(cmd) != 0)
        return -1;
    char path[300], text[600];
    snprintf(path, sizeof path, "%s/review.yaml", dir);
    snprintf(text, sizeof text,
             "timezone: UTC\n"
             "sources: [{file: incident_event_log.csv, profile: servicenow-incident}]\n"
             "sla: {pause_states: [on_hold]}\n");
    diag_t d = {0};
    if (config_load_buffer(path, text, strlen(text), &cfg, &d) != ST_OK ||
        tz_load("UTC", &tz, &d) != ST_OK)
        return -1;
    store = store_new(1);
    read_status = profile_read_source(cfg, 0, tz, store, &d);
    diag_clear(&d);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    store_free(store);
    tz_free(tz);
    config_free(cfg);
    char cmd[300];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    return system(cmd);
}

static const ticket_t *find(const char *id)
{
    long i = store_find_ticket(store, id);
    assert_true(i >= 0);
    return &store->tickets[i];
}

static void test_counts(void **state)
{
    (void)state;
    assert_int_equal(read_status, ST_OK);
    const source_quality_t *q = &store->quality[0];
    assert_int_equal(q->rows_read, 119998);
    assert_int_equal(q->rows_accepted + q->rows_rejected, q->rows_read);
    assert_int_equal(q->rows_rejected, 0);
    assert_int_equal(store->ntickets, 20769); /* = distinct `number` values */
    for (size_t i = 0; i < store->ntickets; i++)
        assert_int_equal(store->tickets[i].kind, KIND_INCIDENT);
}

static void test_spot_checks(void **state)
{
    (void)state;
    /* INC0000045: New 01:23 → Resolved 08:53 (the first move out of New) → Closed */
    const ticket_t *t = find("INC0000045");
    assert_int_equal(t->opened, 1456708560);         /* 29/2/2016 01:16 */
    assert_int_equal(t->first_response, 1456735980); /* 29/2/2016 08:53 */
    assert_int_equal(t->resolved, 1456745340);       /* 29/2/2016 11:29 */
    assert_int_equal(t->closed, 1457179200);         /* 5/3/2016 12:00 */
    assert_int_equal(t->priority, 3);                /* "3 - Moderate" */
    assert_int_equal(t->status, TSTATUS_CLOSED);
    assert_int_equal(t->reopen_count, 0);
    assert_int_equal(t->reassignment_count, 0);
    assert_string_equal(t->channel, "Phone");
    assert_string_equal(t->group, "Group 56");
    assert_null(t->service); /* cmdb_ci is "?" */
    assert_int_equal(t->pause_count, 0);
    /* INC0000047: Active at 05:30; Awaiting User Info from 1/3 09:14 to the next update 09:52;
     * final group and reassignment count from the last row */
    t = find("INC0000047");
    assert_int_equal(t->first_response, 1456723800);
    assert_string_equal(t->group, "Group 24");
    assert_int_equal(t->reassignment_count, 1);
    assert_int_equal(t->pause_count, 1);
    assert_int_equal(store->pauses[t->pause_first].start, 1456823640);
    assert_int_equal(store->pauses[t->pause_first].end, 1456825920);
    /* INC0000062: New until it was resolved; priority changed from 3 to 2 on the way */
    t = find("INC0000062");
    assert_int_equal(t->opened, 1456729080);
    assert_int_equal(t->first_response, 1456761060); /* the Resolved row, 15:51 */
    assert_int_equal(t->priority, 2);
    /* INC0000074: created Active (first response at creation); four Awaiting rows in a row
     * make one pause, up to the Resolved update */
    t = find("INC0000074");
    assert_int_equal(t->first_response, 1456734180);
    assert_int_equal(t->pause_count, 1);
    assert_int_equal(store->pauses[t->pause_first].start, 1456735080);
    assert_int_equal(store->pauses[t->pause_first].end, 1460385540);
}

static void test_quality(void **state)
{
    (void)state;
    const source_quality_t *q = &store->quality[0];
    int stray = 0;
    for (size_t i = 0; i < q->nwarnings; i++)
        if (strstr(q->warnings[i].reason, "unknown status")) {
            stray = 1;
            assert_int_equal(q->warnings[i].count, 2); /* the stray "-100" state */
            assert_non_null(strstr(q->warnings[i].examples[0], "('-100')"));
        }
    assert_true(stray);
    assert_int_equal(strlen(q->sha256), 64);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_counts),
        cmocka_unit_test(test_spot_checks),
        cmocka_unit_test(test_quality),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
