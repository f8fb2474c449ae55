/*
 * Unit tests: event logs read by a `generic` source with an `events` block (docs/configuration.md
 * §5), from the hand-made helpdesk log of tests/fixtures/events/ — the same events as CSV, as XES
 * (plain and gzipped, with times in other offsets and with fractions) and as .xlsx and .ods
 * workbooks with date cells — each giving the tickets worked out by hand below. Then the bad
 * inputs: a rejected event, a case rejected whole, the config errors found on reading, and the
 * hint for an event log read without `events`.
 *
 * The log, as-of 2026-11-01 06:00 UTC, pause_states [on_hold], response ["Take in charge
 * ticket"], priorities Value 1..4 → 4..1 (41 rows):
 *
 * T1  Insert 10-01 08:00 (ann, Value 2, Email, Section 1), Wait 08:30, Take 09:00 (bob), Wait
 *     10:00, Take 12:00, Resolve 15:00, Take 10-02 09:00 (carl: a reopen, both times cleared),
 *     Resolve 11:00 (Value 3): opened 10-01 08:00, response 09:00 (the first Take: the Wait
 *     before it is no response), resolved 10-02 11:00, status resolved, 1 reopen, assignee carl
 *     after ann → bob → carl (2 reassignments), priority 2, pauses [08:30, 09:00) before the
 *     response and [10:00, 12:00) after it.
 * T2  Insert 10-03 08:00 (ann, Value 1, ERP, Section 2), Assign seriousness 08:05 (unmapped),
 *     Take at "yesterday" (rejected: unparseable time), Take 09:00 (dan), Closed 17:00: closed
 *     without a resolve, so resolved = closed = 17:00; 1 reassignment; priority 4.
 * T3  Insert 10-05 08:00 (ann, Value 2), Take 08:10, Resolve 09:00 (erin), Closed 10-06 09:00,
 *     Insert 10-07 10:00 (a reopen from closed), Take 11:00, Resolve 12:00, Closed 10-08 12:00:
 *     response 10-05 08:10, resolved 10-07 12:00, closed 10-08 12:00, 1 reopen, assignee erin
 *     (the last non-empty resource), 1 reassignment, priority 3.
 * T4  Insert 10-09 08:00 and Take 08:00 (equal times: file order), Resolve 10:00 and Take 10:00
 *     (equal times: the Take comes later, a reopen): in_progress, 1 reopen, no resolution,
 *     response 08:00.
 * T5  written Cancel 10-10 09:00 then Insert 08:00: in time order Insert, Cancel: opened 08:00,
 *     cancelled, no response, no resolution; priority 1, ERP.
 *     (An event with an empty case id follows: rejected.)
 * T6  Insert 10-11 08:00, Cancel 09:00, Insert 10:00 (out of cancelled: no reopen), Take
 *     11:00: in_progress, response 11:00, 0 reopens.
 * T7  Insert 10-20 08:00, Take 09:00, Wait 10:00: on_hold at the end, its pause open
 *     [10-20 10:00, TS_MAX).
 * T8  Insert 10-30 08:00, Take 10-31 09:00 (bob), Resolve 11-02 10:00 (carl, Value 4: after
 *     as-of, ignored with its priority): in_progress, priority 2, assignee bob.
 * T9  Insert 11-05: after as-of, no ticket (its row is read and accepted).
 * T10 Value 9 is no priority: the case is rejected whole, each of its 2 events a rejected row.
 *
 * Rows: 41 read, 4 rejected (1 time, 1 case id, 2 of T10), 37 accepted; 8 tickets.
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
#include <zip.h>
#include <zlib.h>

#include "app/config_load.h"
#include "input/profile.h"
#include "metrics/metrics.h"

#define FIX "tests/fixtures/events"

static char dir[] = "/tmp/iso20k-test-events-XXXXXX";
static char cwd[1024];

static ts_t T(const char *s)
{
    parsed_time_t pt;
    assert_int_equal(timeparse_canonical(s, strlen(s), &pt), 0);
    return pt.seconds; /* UTC: the test's zone */
}

static const char *tpath(const char *name)
{
    static char buf[4][1400];
    static int k;
    k = (k + 1) % 4;
    snprintf(buf[k], sizeof buf[k], "%s/%s", dir, name);
    return buf[k];
}

/* The absolute path of a file of the fixture folder (the tests run from the repository root). */
static const char *fixture(const char *name)
{
    static char buf[1200];
    snprintf(buf, sizeof buf, "%s/" FIX "/%s", cwd, name);
    return buf;
}

typedef struct loaded {
    config_t *cfg;
    tz_t *tz;
    store_t *store;
    status_t st;
    char message[512];
} loaded_t;

/* Reads source 0 of config_text (written in the temporary folder) with as-of 2026-11-01 06:00. */
static void load_as_of(loaded_t *l, const char *config_text, ts_t as_of)
{
    diag_t d = {0};
    memset(l, 0, sizeof *l);
    assert_int_equal(
        config_load_buffer(tpath("review.yaml"), config_text, strlen(config_text), &l->cfg, &d),
        ST_OK);
    assert_int_equal(tz_load(l->cfg->timezone, &l->tz, &d), ST_OK);
    l->store = store_new(l->cfg->nsources);
    l->st = profile_read_source(l->cfg, 0, l->tz, as_of, l->store, &d);
    if (d.message) {
        char *m = diag_format(&d, "error");
        snprintf(l->message, sizeof l->message, "%s", m);
        free(m);
    }
    diag_clear(&d);
}

static void load(loaded_t *l, const char *config_text)
{
    load_as_of(l, config_text, T("2026-11-01T06:00:00Z"));
}

static void unload(loaded_t *l)
{
    store_free(l->store);
    tz_free(l->tz);
    config_free(l->cfg);
}

static const ticket_t *find(const loaded_t *l, const char *id)
{
    long i = store_find_ticket(l->store, id);
    if (i < 0)
        fail_msg("no ticket %s", id);
    return &l->store->tickets[i];
}

static const quality_entry_t *reason(const source_quality_t *q, const char *r)
{
    for (size_t i = 0; i < q->nrejected; i++)
        if (!strncmp(q->rejected[i].reason, r, strlen(r)))
            return &q->rejected[i];
    fail_msg("no rejection '%s'", r);
    return NULL;
}

static const quality_entry_t *warning(const source_quality_t *q, const char *w)
{
    for (size_t i = 0; i < q->nwarnings; i++)
        if (!strncmp(q->warnings[i].reason, w, strlen(w)))
            return &q->warnings[i];
    return NULL;
}

/* The common part of the configs: the log's states, response, case attributes, priorities. */
#define COMMON                                                                                     \
    "    kind: incident\n"                                                                         \
    "    columns: {priority: seriousness_2, service: product, group: support_section}\n"           \
    "    priorities: {\"Value 1\": 4, \"Value 2\": 3, \"Value 3\": 2, \"Value 4\": 1}\n"
#define STATES                                                                                     \
    "      states:\n"                                                                              \
    "        \"Insert ticket\": new\n"                                                             \
    "        \"Take in charge ticket\": in_progress\n"                                             \
    "        \"Wait\": on_hold\n"                                                                  \
    "        \"Resolve ticket\": resolved\n"                                                       \
    "        \"Closed\": closed\n"                                                                 \
    "        \"Cancel\": cancelled\n"                                                              \
    "      response: [\"Take in charge ticket\"]\n"
#define TAIL                                                                                       \
    "sla: {pause_states: [on_hold], incident: {2: {respond: 1h, resolve: 8h}, 3: {respond: 4h, "   \
    "resolve: 3d}, 4: {respond: 8h, resolve: 5d}}}\n"

static const char *table_config(const char *file)
{
    static char buf[2048];
    snprintf(buf, sizeof buf,
             "timezone: UTC\n"
             "sources:\n"
             "  - file: %s\n"
             "    profile: generic\n" COMMON "    time_format: \"%%Y-%%m-%%d %%H:%%M:%%S\"\n"
             "    events:\n"
             "      case: \"Case ID\"\n"
             "      activity: Activity\n"
             "      time: \"Complete Timestamp\"\n"
             "      resource: Resource\n" STATES TAIL,
             file);
    return buf;
}

static const char *xes_config(const char *file)
{
    static char buf[2048];
    snprintf(buf, sizeof buf,
             "timezone: UTC\n"
             "sources:\n"
             "  - file: %s\n"
             "    profile: generic\n" COMMON "    events:\n" STATES TAIL,
             file);
    return buf;
}

/* A ticket of the log as the comment above works it out: its times (NULL: none), status,
 * reopens and priority. */
typedef struct want_ticket {
    const char *id, *opened, *response, *resolved, *closed;
    int status, reopens, priority;
} want_ticket_t;

/* clang-format off */
static const want_ticket_t HELPDESK[] = {
    {"T1", "2026-10-01 08:00", "2026-10-01 09:00", "2026-10-02 11:00", NULL,
     TSTATUS_RESOLVED, 1, 2},
    {"T2", "2026-10-03 08:00", "2026-10-03 09:00", "2026-10-03 17:00", "2026-10-03 17:00",
     TSTATUS_CLOSED, 0, 4},
    {"T3", "2026-10-05 08:00", "2026-10-05 08:10", "2026-10-07 12:00", "2026-10-08 12:00",
     TSTATUS_CLOSED, 1, 3},
    {"T4", "2026-10-09 08:00", "2026-10-09 08:00", NULL, NULL, TSTATUS_IN_PROGRESS, 1, 2},
    {"T5", "2026-10-10 08:00", NULL, NULL, NULL, TSTATUS_CANCELLED, 0, 1},
    {"T6", "2026-10-11 08:00", "2026-10-11 11:00", NULL, NULL, TSTATUS_IN_PROGRESS, 0, 3},
    {"T7", "2026-10-20 08:00", "2026-10-20 09:00", NULL, NULL, TSTATUS_ON_HOLD, 0, 4},
    {"T8", "2026-10-30 08:00", "2026-10-31 09:00", NULL, NULL, TSTATUS_IN_PROGRESS, 0, 2},
};
/* clang-format on */

static ts_t T_or_none(const char *s)
{
    return s ? T(s) : TS_NONE;
}

static void assert_ticket(const loaded_t *l, const want_ticket_t *w)
{
    const ticket_t *t = find(l, w->id);
    assert_int_equal(t->opened, T_or_none(w->opened));
    assert_int_equal(t->first_response, T_or_none(w->response));
    assert_int_equal(t->resolved, T_or_none(w->resolved));
    assert_int_equal(t->closed, T_or_none(w->closed));
    assert_int_equal(t->status, w->status);
    assert_int_equal(t->reopen_count, w->reopens);
    assert_int_equal(t->priority, w->priority);
}

/* The tickets of the comment above, whatever the form of the log. */
static void check_helpdesk(const loaded_t *l, const char *form)
{
    if (l->st != ST_OK)
        fail_msg("%s: %s", form, l->message);
    const source_quality_t *q = &l->store->quality[0];
    assert_int_equal(q->rows_read, 41);
    assert_int_equal(q->rows_rejected, 4);
    assert_int_equal(q->rows_accepted, 37);
    assert_int_equal(reason(q, "unparseable time")->count, 1);
    assert_int_equal(reason(q, "missing case id")->count, 1);
    assert_int_equal(reason(q, "unknown priority")->count, 2);
    assert_int_equal(l->store->ntickets, 8);
    assert_true(q->events.set);
    assert_int_equal(q->events.events, 39);
    assert_int_equal(q->events.cases, 10);
    assert_int_equal(q->events.rebuilt, 8);
    assert_int_equal(q->events.rejected, 1);
    assert_int_equal(q->events.later, 1);
    assert_int_equal(q->events.first, T("2026-10-01 08:00"));
    assert_int_equal(q->events.last, T("2026-11-05 08:00"));
    /* activities, most frequent first: Insert ticket 12, Take in charge ticket 12, … */
    assert_string_equal(q->events.activities[0].name, "Insert ticket");
    assert_int_equal(q->events.activities[0].count, 12);
    assert_int_equal(q->events.activities[0].state, TSTATUS_NEW);
    assert_string_equal(q->events.activities[1].name, "Take in charge ticket");
    assert_int_equal(q->events.activities[1].count, 12);
    int unmapped = 0;
    for (size_t i = 0; i < q->events.nactivities; i++)
        if (!strcmp(q->events.activities[i].name, "Assign seriousness")) {
            unmapped = 1;
            assert_int_equal(q->events.activities[i].state, TSTATUS_NONE);
        }
    assert_true(unmapped);

    for (size_t i = 0; i < sizeof HELPDESK / sizeof *HELPDESK; i++)
        assert_ticket(l, &HELPDESK[i]);
    const ticket_t *t = find(l, "T1");
    assert_int_equal(t->kind, KIND_INCIDENT);
    assert_string_equal(t->assignee, "carl");
    assert_int_equal(t->reassignment_count, 2);
    assert_string_equal(t->service, "Email");
    assert_string_equal(t->group, "Section 1");
    assert_int_equal(t->pause_count, 2);
    assert_int_equal(l->store->pauses[t->pause_first].start, T("2026-10-01 08:30"));
    assert_int_equal(l->store->pauses[t->pause_first].end, T("2026-10-01 09:00"));
    assert_int_equal(l->store->pauses[t->pause_first + 1].start, T("2026-10-01 10:00"));
    assert_int_equal(l->store->pauses[t->pause_first + 1].end, T("2026-10-01 12:00"));
    t = find(l, "T2");
    assert_string_equal(t->assignee, "dan");
    assert_int_equal(t->reassignment_count, 1);
    assert_string_equal(t->service, "ERP");
    assert_int_equal(t->pause_count, 0);
    t = find(l, "T3");
    assert_string_equal(t->assignee, "erin");
    assert_int_equal(t->reassignment_count, 1);
    assert_string_equal(find(l, "T5")->service, "ERP");
    t = find(l, "T7");
    assert_int_equal(t->pause_count, 1);
    assert_int_equal(l->store->pauses[t->pause_first].start, T("2026-10-20 10:00"));
    assert_int_equal(l->store->pauses[t->pause_first].end, TS_MAX);
    t = find(l, "T8");
    assert_string_equal(t->assignee, "bob");
    assert_int_equal(t->reassignment_count, 1);

    assert_int_equal(store_find_ticket(l->store, "T9"), -1);
    assert_int_equal(store_find_ticket(l->store, "T10"), -1);
}

static void test_csv(void **state)
{
    (void)state;
    loaded_t l;
    load(&l, table_config(fixture("helpdesk.csv")));
    check_helpdesk(&l, "csv");
    /* the ticket detail's SLA outcome (metrics_ticket_sla) with the config's 24x7 targets:
     * T1 resolved in 27 h, 2.5 h of them on hold (0.5 h + 2 h): 24.5 h net of 8 h, breached;
     * T7 in the backlog at the end of October, on hold from 10-20 10:00 to 11-01 00:00 (11 days
     * 14 hours) after 2 h of work: open, not breached; T2 has no pause */
    ts_t as_of = T("2026-11-01T06:00:00Z");
    metrics_period_t p = {T("2026-10-01T00:00:00Z"), T("2026-11-01T00:00:00Z"), as_of,
                          l.store->tickets, l.store->ntickets};
    ticket_sla_t o;
    metrics_ticket_sla(l.cfg, l.store, l.tz, &p, find(&l, "T1"), &o);
    assert_int_equal(o.resolution, SLA_OUT_BREACHED);
    assert_int_equal(o.resolution_elapsed, 27 * 3600 - 9000);
    assert_int_equal(o.paused, 9000);
    metrics_ticket_sla(l.cfg, l.store, l.tz, &p, find(&l, "T7"), &o);
    assert_int_equal(o.resolution, SLA_OUT_OPEN);
    assert_int_equal(o.resolution_elapsed, 2 * 3600);
    assert_int_equal(o.paused, (11 * 24 + 14) * 3600);
    metrics_ticket_sla(l.cfg, l.store, l.tz, &p, find(&l, "T2"), &o);
    assert_int_equal(o.resolution, SLA_OUT_MET);
    assert_int_equal(o.paused, 0);
    /* the rejected rows' places */
    const source_quality_t *q = &l.store->quality[0];
    assert_non_null(strstr(reason(q, "unparseable time")->examples[0], "helpdesk.csv:10"));
    assert_non_null(strstr(reason(q, "missing case id")->examples[0], "helpdesk.csv:29"));
    assert_non_null(strstr(reason(q, "unknown priority")->examples[0], "helpdesk.csv:41"));
    assert_non_null(strstr(reason(q, "unknown priority")->examples[1], "helpdesk.csv:42"));
    unload(&l);
}

static void test_xes(void **state)
{
    (void)state;
    loaded_t l;
    const char *path = fixture("helpdesk.xes");
    load(&l, xes_config(path));
    check_helpdesk(&l, "xes");
    assert_string_equal(l.store->quality[0].format, "xes");
    unload(&l);

    /* gzipped: the same */
    FILE *in = fopen(path, "rb");
    assert_non_null(in);
    gzFile gz = gzopen(tpath("helpdesk.xes.gz"), "wb");
    assert_non_null(gz);
    char buf[4096];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, in)) > 0)
        assert_int_equal(gzwrite(gz, buf, (unsigned)n), (int)n);
    fclose(in);
    gzclose(gz);
    load(&l, xes_config(tpath("helpdesk.xes.gz")));
    check_helpdesk(&l, "xes.gz");
    unload(&l);
}

/* One field of the CSV log for a writer of its workbook forms: its row and column, its text,
 * the time of a time-column field (year, month, day, hour, minute, second) or NULL, and whether
 * it is the row's last field. */
typedef void (*log_field_fn)(void *ctx, int row, int col, const char *text, const int *when,
                             int last);

/* Calls field for each field of the CSV log at csv (no quoted fields), row by row. */
static void each_log_field(const char *csv, log_field_fn field, void *ctx)
{
    FILE *f = fopen(csv, "r");
    assert_non_null(f);
    char line[512];
    for (int row = 0; fgets(line, sizeof line, f); row++) {
        line[strcspn(line, "\r\n")] = '\0';
        char *p = line;
        for (int col = 0;; col++) {
            char *comma = strchr(p, ',');
            if (comma)
                *comma = '\0';
            int t[6];
            int is_time =
                row > 0 && col == 2 &&
                sscanf(p, "%d-%d-%d %d:%d:%d", &t[0], &t[1], &t[2], &t[3], &t[4], &t[5]) == 6;
            field(ctx, row, col, p, is_time ? t : NULL, !comma);
            if (!comma)
                break;
            p = comma + 1;
        }
    }
    fclose(f);
}

typedef struct xlsx_out {
    lxw_worksheet *ws;
    lxw_format *date;
} xlsx_out_t;

static void xlsx_field(void *ctx, int row, int col, const char *text, const int *when, int last)
{
    xlsx_out_t *x = ctx;
    (void)last;
    if (when) {
        lxw_datetime dt = {when[0], when[1], when[2], when[3], when[4], (double)when[5]};
        worksheet_write_datetime(x->ws, (lxw_row_t)row, (lxw_col_t)col, &dt, x->date);
    } else if (*text) {
        worksheet_write_string(x->ws, (lxw_row_t)row, (lxw_col_t)col, text, NULL);
    }
}

/* Writes the CSV log as an .xlsx workbook: times as date cells, the rest as text. */
static void write_xlsx(const char *csv, const char *xlsx)
{
    lxw_workbook *wb = workbook_new(xlsx);
    xlsx_out_t x = {workbook_add_worksheet(wb, "Events"), workbook_add_format(wb)};
    format_set_num_format(x.date, "yyyy-mm-dd hh:mm:ss");
    each_log_field(csv, xlsx_field, &x);
    assert_int_equal(workbook_close(wb), LXW_NO_ERROR);
}

static void ods_field(void *ctx, int row, int col, const char *text, const int *when, int last)
{
    strbuf_t *x = ctx;
    (void)row;
    if (col == 0)
        strbuf_puts(x, "<table:table-row>");
    if (when)
        strbuf_printf(x,
                      "<table:table-cell office:value-type=\"date\" "
                      "office:date-value=\"%04d-%02d-%02dT%02d:%02d:%02d\"><text:p>"
                      "%02d.%02d.%04d %02d:%02d</text:p></table:table-cell>",
                      when[0], when[1], when[2], when[3], when[4], when[5], when[2], when[1],
                      when[0], when[3], when[4]);
    else if (*text)
        strbuf_printf(x,
                      "<table:table-cell office:value-type=\"string\"><text:p>%s"
                      "</text:p></table:table-cell>",
                      text);
    else
        strbuf_puts(x, "<table:table-cell/>");
    if (last)
        strbuf_puts(x, "</table:table-row>");
}

/* Writes the CSV log as an OpenDocument spreadsheet: times as date cells (office:date-value,
 * shown in a form time_format does not read, so only the cell's date can give the time), the
 * rest as text cells, empty fields as empty cells. The fixture holds no character XML would
 * need escaped. */
static void write_ods(const char *csv, const char *ods)
{
    strbuf_t x = {0};
    strbuf_puts(&x, "<?xml version=\"1.0\"?><office:document-content "
                    "xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" "
                    "xmlns:table=\"urn:oasis:names:tc:opendocument:xmlns:table:1.0\" "
                    "xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\"><office:body>"
                    "<office:spreadsheet><table:table table:name=\"Events\">");
    each_log_field(csv, ods_field, &x);
    strbuf_puts(&x, "</table:table></office:spreadsheet></office:body></office:document-content>");
    int err = 0;
    zip_t *z = zip_open(ods, ZIP_CREATE | ZIP_TRUNCATE, &err);
    assert_non_null(z);
    static const char mime[] = "application/vnd.oasis.opendocument.spreadsheet";
    zip_source_t *src = zip_source_buffer(z, mime, strlen(mime), 0);
    zip_int64_t i = zip_file_add(z, "mimetype", src, ZIP_FL_OVERWRITE);
    assert_true(i >= 0);
    zip_set_file_compression(z, (zip_uint64_t)i, ZIP_CM_STORE, 0);
    src = zip_source_buffer(z, x.data, x.len, 0);
    assert_true(zip_file_add(z, "content.xml", src, ZIP_FL_OVERWRITE) >= 0);
    assert_int_equal(zip_close(z), 0);
    strbuf_clear(&x);
}

/* The helpdesk log written by `write` as the workbook `name` reads as the CSV does, its
 * format `format`. */
static void check_workbook(const char *name, const char *format,
                           void (*write)(const char *csv, const char *out))
{
    write(fixture("helpdesk.csv"), tpath(name));
    loaded_t l;
    load(&l, table_config(tpath(name)));
    check_helpdesk(&l, format);
    assert_string_equal(l.store->quality[0].format, format);
    unload(&l);
}

static void test_xlsx(void **state)
{
    (void)state;
    check_workbook("helpdesk.xlsx", "xlsx", write_xlsx);
}

static void test_ods(void **state)
{
    (void)state;
    check_workbook("helpdesk.ods", "ods", write_ods);
}

static void write_file(const char *name, const char *text)
{
    FILE *f = fopen(tpath(name), "wb");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
}

static void test_default_response_and_no_resource(void **state)
{
    (void)state;
    /* without `response`, the first move out of new answers; without `resource`, assignee and
     * reassignment_count come from `columns` (here: none given, so unknown) */
    write_file("small.csv", "case,act,at,who\n"
                            "A,open,2026-10-01 08:00,x\n"
                            "A,hold,2026-10-01 09:00,y\n"
                            "A,work,2026-10-01 10:00,y\n"
                            "A,done,2026-10-01 11:00,y\n");
    loaded_t l;
    load(&l, "timezone: UTC\n"
             "sources:\n"
             "  - file: small.csv\n"
             "    profile: generic\n"
             "    kind: request\n"
             "    events: {case: case, activity: act, time: at, states: {open: new, hold: "
             "on_hold, work: in_progress, done: resolved}}\n"
             "    columns: {assignee: who}\n");
    assert_int_equal(l.st, ST_OK);
    const ticket_t *t = find(&l, "A");
    assert_int_equal(t->kind, KIND_REQUEST);
    assert_int_equal(t->first_response, T("2026-10-01 09:00")); /* into on_hold */
    assert_int_equal(t->resolved, T("2026-10-01 11:00"));
    assert_string_equal(t->assignee, "y"); /* from `columns`: the last non-empty value */
    assert_int_equal(t->reassignment_count, -1);
    assert_int_equal(t->pause_count, 0); /* no pause_states */
    assert_null(warning(&l.store->quality[0], "this looks like an event log"));
    unload(&l);
}

/* The config of small2.csv but for its `events` block, the source's last key. */
#define SMALL2                                                                                     \
    "timezone: UTC\n"                                                                              \
    "sources:\n"                                                                                   \
    "  - file: small2.csv\n"                                                                       \
    "    profile: generic\n"                                                                       \
    "    kind: incident\n"

static void test_config_errors_on_reading(void **state)
{
    (void)state;
    write_file("small2.csv", "case,act,at\nA,open,2026-10-01 08:00\n");
    /* a CSV log needs case, activity and time: a config error placed at `events` */
    loaded_t l;
    load(&l, SMALL2 "    events: {case: case, activity: act}\n");
    assert_int_equal(l.st, ST_CONFIG);
    assert_non_null(strstr(l.message, "review.yaml:6:13: error: events: 'time' is not given"));
    unload(&l);
    /* a named column the header lacks: the file's rows are all rejected */
    load(&l, SMALL2 "    events: {case: case, activity: act, time: when}\n");
    assert_int_equal(l.st, ST_DATA);
    assert_non_null(strstr(l.message, "the header has no 'when' column"));
    assert_int_equal(l.store->quality[0].rows_rejected, 1);
    unload(&l);
}

static void test_xes_details(void **state)
{
    (void)state;
    /* an event outside any trace has no case (rejected); a trace attribute written after the
     * trace's first event applies to the later events only, with a warning; a boolean and an
     * int attribute as case attributes; a date without an offset is in the source's zone */
    write_file("odd.xes", "<?xml version=\"1.0\"?>\n"
                          "<log xes.version=\"2.0\">\n"
                          "  <event><string key=\"concept:name\" value=\"open\"/>"
                          "<date key=\"time:timestamp\" value=\"2026-10-01T08:00:00Z\"/></event>\n"
                          "  <trace>\n"
                          "    <event><string key=\"concept:name\" value=\"open\"/>"
                          "<date key=\"time:timestamp\" value=\"2026-10-01T08:00:00\"/></event>\n"
                          "    <string key=\"concept:name\" value=\"L\"/>\n"
                          "    <boolean key=\"vip\" value=\"true\"/>\n"
                          "    <event><string key=\"concept:name\" value=\"work\"/>"
                          "<date key=\"time:timestamp\" value=\"2026-10-01T09:00:00\"/>"
                          "<int key=\"team\" value=\" 42 \"/></event>\n"
                          "  </trace>\n"
                          "</log>\n");
    loaded_t l;
    load(&l, "timezone: Europe/Berlin\n"
             "sources:\n"
             "  - file: odd.xes\n"
             "    profile: generic\n"
             "    kind: incident\n"
             "    events: {states: {open: new, work: in_progress}}\n"
             "    columns: {channel: vip, group: team}\n");
    assert_int_equal(l.st, ST_OK);
    const source_quality_t *q = &l.store->quality[0];
    assert_int_equal(q->rows_read, 3);
    assert_int_equal(reason(q, "missing case id")->count, 2);
    assert_non_null(strstr(reason(q, "missing case id")->examples[0], "odd.xes:3"));
    assert_non_null(warning(q, "a trace attribute after the trace's first event"));
    const ticket_t *t = find(&l, "L");
    assert_int_equal(t->opened, T("2026-10-01T07:00:00Z")); /* 09:00 in Berlin, summer time */
    assert_string_equal(t->channel, "TRUE");
    assert_string_equal(t->group, "42");
    assert_null(t->assignee); /* org:resource by default, and no event has one */
    assert_int_equal(t->reassignment_count, -1);
    unload(&l);

    /* malformed XML: a data error with its line */
    write_file("bad.xes", "<log>\n<trace><event></trace>\n</log>\n");
    load(&l, "sources:\n"
             "  - file: bad.xes\n"
             "    profile: generic\n"
             "    kind: incident\n"
             "    events: {}\n");
    assert_int_equal(l.st, ST_DATA);
    assert_non_null(strstr(l.message, "bad.xes:2:"));
    assert_true(l.store->quality[0].unreadable);
    unload(&l);
}

static void test_event_log_hint(void **state)
{
    (void)state;
    /* an event log read as tickets: ids repeat on most rows, a column looks like an activity */
    write_file("looks.csv", "id,Activity,Timestamp\n"
                            "1,open,2026-10-01 08:00\n"
                            "1,work,2026-10-01 09:00\n"
                            "1,done,2026-10-01 10:00\n"
                            "2,open,2026-10-02 08:00\n"
                            "2,done,2026-10-02 09:00\n");
    loaded_t l;
    load(&l, "timezone: UTC\n"
             "sources:\n"
             "  - {file: looks.csv, profile: generic, kind: incident, columns: {id: id, "
             "opened_at: Timestamp}}\n");
    const quality_entry_t *w =
        warning(&l.store->quality[0], "this looks like an event log (5 rows for 2 ids)");
    assert_non_null(w);
    assert_int_equal(w->count, 1);
    unload(&l);
    /* ids that do not repeat: no hint */
    write_file("plain.csv", "id,Activity,Timestamp\n"
                            "1,open,2026-10-01 08:00\n"
                            "2,open,2026-10-02 08:00\n"
                            "3,open,2026-10-03 08:00\n");
    load(&l, "timezone: UTC\n"
             "sources:\n"
             "  - {file: plain.csv, profile: generic, kind: incident, columns: {id: id, "
             "opened_at: Timestamp}}\n");
    assert_null(warning(&l.store->quality[0], "this looks like an event log"));
    unload(&l);
}

static int setup(void **state)
{
    (void)state;
    if (!getcwd(cwd, sizeof cwd) || access(FIX "/helpdesk.csv", R_OK) != 0) {
        fprintf(stderr, "run from the repository root\n");
        return -1;
    }
    return mkdtemp(dir) ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    char cmd[300];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    return system(cmd);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_csv),
        cmocka_unit_test(test_xes),
        cmocka_unit_test(test_xlsx),
        cmocka_unit_test(test_ods),
        cmocka_unit_test(test_default_response_and_no_resource),
        cmocka_unit_test(test_config_errors_on_reading),
        cmocka_unit_test(test_xes_details),
        cmocka_unit_test(test_event_log_hint),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
