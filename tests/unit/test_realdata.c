/*
 * Unit tests on the real ServiceNow incident audit log (tests/data/uci-servicenow, UCI
 * "Incident management process enriched event log"; see tests/data/README.md): the zip is
 * committed, its CSV is unzipped into a temporary folder at test time.
 * The number of rebuilt incidents must equal the distinct `number` values, and four incidents
 * are checked against their raw rows, read by hand (times are UTC). The same log as an .xlsx
 * export, and rewritten as a generic event log, gives the same incidents.
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

#include <xlsxwriter.h>

#include "app/config_load.h"
#include "input/csv.h"
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
    read_status = profile_read_source(cfg, 0, tz, TS_MAX, store, &d);
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

/* The ServiceNow label of each field name the incident profile reads (an Excel export's
 * header), NULL for the others (kept as named). */
static const char *label(const char *name)
{
    static const char *const map[][2] = {{"number", "Number"},
                                         {"incident_state", "Incident state"},
                                         {"reassignment_count", "Reassignment count"},
                                         {"reopen_count", "Reopen count"},
                                         {"sys_mod_count", "Updates"},
                                         {"opened_at", "Opened"},
                                         {"sys_updated_at", "Updated"},
                                         {"contact_type", "Channel"},
                                         {"cmdb_ci", "Configuration item"},
                                         {"priority", "Priority"},
                                         {"assignment_group", "Assignment group"},
                                         {"assigned_to", "Assigned to"},
                                         {"resolved_at", "Resolved"},
                                         {"closed_at", "Closed"}};
    for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
        if (!strcmp(map[i][0], name))
            return map[i][1];
    return NULL;
}

/*
 * The log as ServiceNow's Excel export holds it: labels as headers, times as date cells, counts
 * as numbers, the rest (and "?") as text. Read by the same profile, it gives exactly the
 * tickets of the CSV.
 */
static void test_xlsx_copy(void **state)
{
    (void)state;
    char csv_path[300], xlsx_path[300];
    snprintf(csv_path, sizeof csv_path, "%s/incident_event_log.csv", dir);
    snprintf(xlsx_path, sizeof xlsx_path, "%s/incident_event_log.xlsx", dir);
    csv_t *csv;
    diag_t d = {0};
    assert_int_equal(csv_open(csv_path, NULL, &csv, &d), ST_OK);
    lxw_workbook_options opt = {.constant_memory = LXW_TRUE};
    lxw_workbook *wb = workbook_new_opt(xlsx_path, &opt);
    lxw_worksheet *ws = workbook_add_worksheet(wb, "Page 1");
    lxw_format *dt = workbook_add_format(wb);
    format_set_num_format(dt, "dd/mm/yyyy hh:mm");
    csv_record_t rec;
    lxw_row_t row = 0;
    size_t dates = 0;
    while (csv_next(csv, &rec) == 1) {
        for (size_t c = 0; c < rec.nfields; c++) {
            const char *s = rec.fields[c];
            int dd, mm, yy, h, mi, used = 0;
            if (row == 0) {
                worksheet_write_string(ws, row, (lxw_col_t)c, label(s) ? label(s) : s, NULL);
            } else if (sscanf(s, "%d/%d/%d %d:%d%n", &dd, &mm, &yy, &h, &mi, &used) == 5 &&
                       (size_t)used == rec.lens[c]) {
                lxw_datetime when = {yy, mm, dd, h, mi, 0};
                worksheet_write_datetime(ws, row, (lxw_col_t)c, &when, dt);
                dates++;
            } else if (rec.lens[c] && strspn(s, "0123456789") == rec.lens[c] && rec.lens[c] < 9) {
                worksheet_write_number(ws, row, (lxw_col_t)c, strtod(s, NULL), NULL);
            } else if (rec.lens[c]) {
                worksheet_write_string(ws, row, (lxw_col_t)c, s, NULL);
            }
        }
        row++;
    }
    csv_close(csv);
    assert_int_equal(workbook_close(wb), LXW_NO_ERROR);
    assert_true(dates > 200000);

    char path[300], text[600];
    snprintf(path, sizeof path, "%s/review-xlsx.yaml", dir);
    snprintf(text, sizeof text,
             "timezone: UTC\n"
             "sources: [{file: incident_event_log.xlsx, profile: servicenow-incident}]\n"
             "sla: {pause_states: [on_hold]}\n");
    config_t *cfg2;
    assert_int_equal(config_load_buffer(path, text, strlen(text), &cfg2, &d), ST_OK);
    store_t *x = store_new(1);
    assert_int_equal(profile_read_source(cfg2, 0, tz, TS_MAX, x, &d), ST_OK);
    const source_quality_t *q = &x->quality[0];
    assert_string_equal(q->format, "xlsx");
    assert_int_equal(q->rows_read, 119998);
    assert_int_equal(q->rows_rejected, 0);
    assert_int_equal(x->ntickets, store->ntickets);
    for (size_t i = 0; i < store->ntickets; i++) {
        const ticket_t *a = &store->tickets[i];
        long j = store_find_ticket(x, a->id);
        assert_true(j >= 0);
        const ticket_t *b = &x->tickets[j];
        if (a->opened != b->opened || a->first_response != b->first_response ||
            a->resolved != b->resolved || a->closed != b->closed || a->updated != b->updated ||
            a->priority != b->priority || a->status != b->status ||
            a->reopen_count != b->reopen_count || a->reassignment_count != b->reassignment_count ||
            a->pause_count != b->pause_count ||
            (a->service != b->service &&
             (!a->service || !b->service || strcmp(a->service, b->service))) ||
            strcmp(a->group ? a->group : "", b->group ? b->group : "") ||
            strcmp(a->assignee ? a->assignee : "", b->assignee ? b->assignee : "") ||
            strcmp(a->channel ? a->channel : "", b->channel ? b->channel : ""))
            fail_msg("ticket %s differs", a->id);
        for (uint32_t k = 0; k < a->pause_count; k++) {
            assert_int_equal(store->pauses[a->pause_first + k].start,
                             x->pauses[b->pause_first + k].start);
            assert_int_equal(store->pauses[a->pause_first + k].end,
                             x->pauses[b->pause_first + k].end);
        }
    }
    store_free(x);
    config_free(cfg2);
}

/*
 * The same log rewritten as a generic event log (tests/e2e/sn_to_events.py: an event at each
 * opening, at each change of state and at the resolution) and read with an `events` block:
 * every incident again, with the opening, the resolution (resolved, else closed), the reopen
 * count, the priority and the group the audit-log profile reads.
 */
static void test_as_event_log(void **state)
{
    (void)state;
    char cmd[1200], path[300], text[1200];
    snprintf(cmd, sizeof cmd,
             "python3 tests/e2e/sn_to_events.py '%s/incident_event_log.csv' '%s/events.csv'", dir,
             dir);
    assert_int_equal(system(cmd), 0);
    snprintf(path, sizeof path, "%s/review-events.yaml", dir);
    snprintf(text, sizeof text,
             "timezone: UTC\n"
             "sources:\n"
             "  - file: events.csv\n"
             "    profile: generic\n"
             "    kind: incident\n"
             "    time_format: \"%%d/%%m/%%Y %%H:%%M\"\n"
             "    events:\n"
             "      case: case\n"
             "      activity: activity\n"
             "      time: time\n"
             "      states: {Open: new, New: new, Active: in_progress, Awaiting User Info: "
             "on_hold, Awaiting Problem: on_hold, Awaiting Vendor: on_hold, Awaiting Evidence: "
             "on_hold, Resolved: resolved, Closed: closed, Canceled: cancelled}\n"
             "    columns: {priority: priority, group: group, channel: channel, assignee: "
             "assignee}\n"
             "sla: {pause_states: [on_hold]}\n");
    config_t *cfg2;
    diag_t d = {0};
    assert_int_equal(config_load_buffer(path, text, strlen(text), &cfg2, &d), ST_OK);
    store_t *x = store_new(1);
    assert_int_equal(profile_read_source(cfg2, 0, tz, TS_MAX, x, &d), ST_OK);
    const source_quality_t *q = &x->quality[0];
    assert_int_equal(q->rows_rejected, 0);
    assert_int_equal(q->events.cases, 20769);
    assert_int_equal(q->events.rebuilt, 20769);
    assert_int_equal(x->ntickets, store->ntickets);
    size_t reopened = 0, paused = 0;
    for (size_t i = 0; i < store->ntickets; i++) {
        const ticket_t *a = &store->tickets[i];
        long j = store_find_ticket(x, a->id);
        assert_true(j >= 0);
        const ticket_t *b = &x->tickets[j];
        ts_t ra = a->resolved != TS_NONE ? a->resolved : a->closed;
        ts_t rb = b->resolved != TS_NONE ? b->resolved : b->closed;
        if (a->opened != b->opened || ra != rb || a->reopen_count != b->reopen_count ||
            a->priority != b->priority || a->kind != b->kind ||
            strcmp(a->group ? a->group : "", b->group ? b->group : ""))
            fail_msg("ticket %s differs", a->id);
        reopened += b->reopen_count > 0;
        paused += b->pause_count > 0;
    }
    assert_true(reopened > 100); /* the comparison covers reopens and pauses */
    assert_true(paused > 1000);
    store_free(x);
    config_free(cfg2);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_counts),       cmocka_unit_test(test_spot_checks),
        cmocka_unit_test(test_quality),      cmocka_unit_test(test_xlsx_copy),
        cmocka_unit_test(test_as_event_log),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
