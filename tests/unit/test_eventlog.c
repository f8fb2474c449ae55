/*
 * Unit tests: the walk of docs/configuration.md §5 over one case's events (input/eventlog.h), rule
 * by rule, each expected ticket worked out by hand in the comments; then the collection of a log
 * (cases in first-appearance order, events ordered by time then file order, attributes from
 * the latest event at or before as-of, counts and span).
 *
 * Times are small numbers of seconds: what matters is their order and the differences.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "input/eventlog.h"

enum {
    N = TSTATUS_NEW,
    P = TSTATUS_IN_PROGRESS,
    H = TSTATUS_ON_HOLD,
    R = TSTATUS_RESOLVED,
    C = TSTATUS_CLOSED,
    X = TSTATUS_CANCELLED,
    U = TSTATUS_NONE /* an unlisted activity */
};

/* The walk's result and its pauses. */
typedef struct walked {
    eventlog_walk_t w;
    pause_t *pauses;
    size_t npauses, cap;
} walked_t;

static eventlog_rules_t rules_with(ts_t as_of, int pause_on_hold)
{
    eventlog_rules_t r;
    memset(&r, 0, sizeof r);
    r.as_of = as_of;
    r.pause[TSTATUS_ON_HOLD] = (unsigned char)pause_on_hold;
    return r;
}

static void walk(walked_t *out, const eventlog_step_t *steps, size_t n, const eventlog_rules_t *r)
{
    memset(out, 0, sizeof *out);
    eventlog_walk(steps, n, r, &out->w, &out->pauses, &out->npauses, &out->cap);
}

static void done(walked_t *w)
{
    free(w->pauses);
}

/* Fails unless the walk ends in status with these resolution and closure times and reopens. */
static void assert_ends(const walked_t *w, int status, ts_t resolved, ts_t closed, int reopens)
{
    assert_int_equal(w->w.status, status);
    assert_int_equal(w->w.resolved, resolved);
    assert_int_equal(w->w.closed, closed);
    assert_int_equal(w->w.reopen_count, reopens);
}

/* Fails unless the walk's pauses are the n of want, in order. */
static void assert_pauses(const walked_t *w, const pause_t *want, size_t n)
{
    assert_int_equal(w->npauses, n);
    for (size_t k = 0; k < n; k++) {
        assert_int_equal(w->pauses[k].start, want[k].start);
        assert_int_equal(w->pauses[k].end, want[k].end);
    }
}

#define STEP(t, s)                                                                                 \
    {                                                                                              \
        (t), (int8_t)(s), 0, NULL                                                                  \
    }
#define STEP_R(t, s, who)                                                                          \
    {                                                                                              \
        (t), (int8_t)(s), 0, (who)                                                                 \
    }

static void test_same_state_and_first_response(void **state)
{
    (void)state;
    /* new at 100 (the listed "Insert" maps to new: no move), again new at 150, in_progress at
     * 200 (the first move out of new: the first response), in_progress again at 300 (no move),
     * resolved at 400, resolved again at 500 (no move: resolved_at stays 400) */
    eventlog_step_t s[] = {STEP(100, N), STEP(150, N), STEP(200, P),
                           STEP(300, P), STEP(400, R), STEP(500, R)};
    eventlog_rules_t r = rules_with(TS_MAX, 1);
    walked_t w;
    walk(&w, s, 6, &r);
    assert_int_equal(w.w.used, 6);
    assert_int_equal(w.w.opened, 100);
    assert_int_equal(w.w.first_response, 200);
    assert_ends(&w, R, 400, TS_NONE, 0);
    assert_int_equal(w.w.last, 500);
    assert_pauses(&w, NULL, 0);
    done(&w);
}

static void test_reopen_from_resolved_and_from_closed(void **state)
{
    (void)state;
    /* in_progress 10, resolved 20, in_progress 30 (reopen 1: both times cleared), resolved 40,
     * closed 50 (from resolved: resolved_at stays 40), new 60 (reopen 2: cleared), closed 70
     * (not from resolved: resolved_at = closed_at = 70) */
    eventlog_step_t s[] = {STEP(10, P), STEP(20, R), STEP(30, P), STEP(40, R),
                           STEP(50, C), STEP(60, N), STEP(70, C)};
    eventlog_rules_t r = rules_with(TS_MAX, 0);
    walked_t w;
    walk(&w, s, 7, &r);
    assert_ends(&w, C, 70, 70, 2);
    /* the first event itself moves out of new: the response is at the opening */
    assert_int_equal(w.w.first_response, 10);
    done(&w);

    /* stopped after the reopen from closed: open again, no resolution, two reopens */
    walk(&w, s, 6, &r);
    assert_ends(&w, N, TS_NONE, TS_NONE, 2);
    done(&w);

    /* resolved then closed: the resolution keeps its own time */
    eventlog_step_t s2[] = {STEP(0, N), STEP(5, P), STEP(40, R), STEP(90, C)};
    walk(&w, s2, 4, &r);
    assert_ends(&w, C, 40, 90, 0);
    done(&w);
}

static void test_close_without_resolve(void **state)
{
    (void)state;
    /* new 0, in_progress 60, closed 600: closed_at and resolved_at both 600 */
    eventlog_step_t s[] = {STEP(0, N), STEP(60, P), STEP(600, C)};
    eventlog_rules_t r = rules_with(TS_MAX, 0);
    walked_t w;
    walk(&w, s, 3, &r);
    assert_ends(&w, C, 600, 600, 0);
    assert_int_equal(w.w.first_response, 60);
    done(&w);
}

static void test_cancel_and_uncancel(void **state)
{
    (void)state;
    /* new 0, resolved 100 (response and resolution at 100), cancelled 200 (both cleared, no
     * reopen), in_progress 300 (out of cancelled: no reopen; not out of new: no response
     * either, the response stays 100), resolved 400 */
    eventlog_step_t s[] = {STEP(0, N), STEP(100, R), STEP(200, X), STEP(300, P), STEP(400, R)};
    eventlog_rules_t r = rules_with(TS_MAX, 0);
    walked_t w;
    walk(&w, s, 3, &r);
    assert_ends(&w, X, TS_NONE, TS_NONE, 0);
    done(&w);
    walk(&w, s, 5, &r);
    assert_ends(&w, R, 400, TS_NONE, 0);
    assert_int_equal(w.w.first_response, 100);
    done(&w);

    /* cancelled straight from new, then taken up: a move into cancelled is no response, and
     * in_progress after it is not a move out of new, so the case has no first response */
    eventlog_step_t s2[] = {STEP(0, N), STEP(50, X), STEP(80, P)};
    walk(&w, s2, 3, &r);
    assert_int_equal(w.w.first_response, TS_NONE);
    assert_int_equal(w.w.status, P);
    done(&w);

    /* cancelled, then new again, then in_progress: that is a move out of new */
    eventlog_step_t s3[] = {STEP(0, N), STEP(50, X), STEP(60, N), STEP(90, P)};
    walk(&w, s3, 4, &r);
    assert_int_equal(w.w.first_response, 90);
    assert_int_equal(w.w.reopen_count, 0);
    done(&w);
}

static void test_pauses(void **state)
{
    (void)state;
    /* on_hold pauses: new 0, on_hold 100 (also the first response), in_progress 250 (pause
     * [100, 250)), on_hold 300, on_hold again 350 (no move), resolved 500 (pause [300, 500)),
     * on_hold 600 (a reopen, and a pause still open at the last event: [600, TS_MAX)) */
    eventlog_step_t s[] = {STEP(0, N),   STEP(100, H), STEP(250, P), STEP(300, H),
                           STEP(350, H), STEP(500, R), STEP(600, H)};
    eventlog_rules_t r = rules_with(TS_MAX, 1);
    walked_t w;
    walk(&w, s, 7, &r);
    assert_int_equal(w.w.first_response, 100);
    static const pause_t held[] = {{100, 250}, {300, 500}, {600, TS_MAX}};
    assert_pauses(&w, held, 3);
    assert_ends(&w, H, TS_NONE, TS_NONE, 1);
    done(&w);

    /* without on_hold in pause_states nothing pauses */
    r = rules_with(TS_MAX, 0);
    walk(&w, s, 7, &r);
    assert_pauses(&w, NULL, 0);
    done(&w);

    /* `new` paused from the opening: new 0 .. in_progress 40, and two pause states in a row
     * (new → on_hold) make one interval */
    eventlog_step_t s2[] = {STEP(0, N), STEP(20, H), STEP(40, P), STEP(60, R)};
    r = rules_with(TS_MAX, 1);
    r.pause[TSTATUS_NEW] = 1;
    walk(&w, s2, 4, &r);
    static const pause_t from_opening[] = {{0, 40}};
    assert_pauses(&w, from_opening, 1);
    done(&w);

    /* on hold, taken up and on hold again at the same instant: one interval [20, 90) */
    eventlog_step_t s4[] = {STEP(0, N), STEP(20, H), STEP(50, P), STEP(50, H), STEP(90, P)};
    r = rules_with(TS_MAX, 1);
    walk(&w, s4, 5, &r);
    static const pause_t joined[] = {{20, 90}};
    assert_pauses(&w, joined, 1);
    done(&w);

    /* on hold and out of it at the same instant: no interval */
    eventlog_step_t s3[] = {STEP(0, N), STEP(20, H), STEP(20, P)};
    r = rules_with(TS_MAX, 1);
    walk(&w, s3, 3, &r);
    assert_pauses(&w, NULL, 0);
    done(&w);
}

static void test_as_of(void **state)
{
    (void)state;
    /* as-of 300: the events at 400 and 500 do not exist yet. new 0, on_hold 200 (a pause still
     * open at as-of: [200, TS_MAX), which metrics clip to min(end, as-of)) */
    eventlog_step_t s[] = {STEP(0, N), STEP(200, H), STEP(300, H), STEP(400, R), STEP(500, C)};
    eventlog_rules_t r = rules_with(300, 1);
    walked_t w;
    walk(&w, s, 5, &r);
    assert_int_equal(w.w.used, 3);
    assert_ends(&w, H, TS_NONE, TS_NONE, 0);
    assert_int_equal(w.w.last, 300);
    static const pause_t open_at_as_of[] = {{200, TS_MAX}};
    assert_pauses(&w, open_at_as_of, 1);
    done(&w);

    /* every event after as-of: the case does not exist yet */
    r = rules_with(-1, 1);
    walk(&w, s, 5, &r);
    assert_int_equal(w.w.used, 0);
    assert_int_equal(w.w.opened, TS_NONE);
    assert_int_equal(w.w.status, TSTATUS_NONE);
    assert_pauses(&w, NULL, 0);
    done(&w);
}

static void test_response_list_and_waits(void **state)
{
    (void)state;
    /* `response` lists the activity of the steps marked 1. Wait (on_hold) 100 before the first
     * response, Take (in_progress, listed) 300: the first response although the case left new
     * at 100; Wait 400, Take 700 (listed again: the first one counts), Resolve 900. Pauses
     * [100, 300) before the response and [400, 700) after it. */
    eventlog_step_t s[] = {{0, N, 0, NULL},   {100, H, 0, NULL}, {300, P, 1, NULL},
                           {400, H, 0, NULL}, {700, P, 1, NULL}, {900, R, 0, NULL}};
    eventlog_rules_t r = rules_with(TS_MAX, 1);
    r.response_listed = 1;
    walked_t w;
    walk(&w, s, 6, &r);
    assert_int_equal(w.w.first_response, 300);
    static const pause_t waits[] = {{100, 300}, {400, 700}};
    assert_pauses(&w, waits, 2);
    assert_ends(&w, R, 900, TS_NONE, 0);
    done(&w);

    /* a listed activity need not move the state: an unlisted one that is a response */
    eventlog_step_t s2[] = {{0, N, 0, NULL}, {50, U, 1, NULL}, {80, P, 0, NULL}};
    walk(&w, s2, 3, &r);
    assert_int_equal(w.w.first_response, 50);
    done(&w);

    /* with a response list that no event matches, no first response (even after moves) */
    eventlog_step_t s3[] = {{0, N, 0, NULL}, {80, P, 0, NULL}, {90, R, 0, NULL}};
    walk(&w, s3, 3, &r);
    assert_int_equal(w.w.first_response, TS_NONE);
    done(&w);
}

static void test_unmapped_and_resources(void **state)
{
    (void)state;
    /* unlisted activities move nothing but open the case and carry resources; the resources
     * are interned, so equal text is an equal pointer. Resources: (none), ann, (none), ann,
     * bob, ann: the first non-empty is ann; changes ann→bob, bob→ann = 2; assignee ann */
    const char *ann = "ann", *bob = "bob";
    eventlog_step_t s[] = {STEP_R(10, U, NULL), STEP_R(20, U, ann), STEP_R(30, P, NULL),
                           STEP_R(40, U, ann),  STEP_R(50, U, bob), STEP_R(60, U, ann)};
    eventlog_rules_t r = rules_with(TS_MAX, 0);
    walked_t w;
    walk(&w, s, 6, &r);
    assert_int_equal(w.w.opened, 10);
    assert_int_equal(w.w.status, P);
    assert_int_equal(w.w.first_response, 30);
    assert_ptr_equal(w.w.assignee, ann);
    assert_int_equal(w.w.reassignment_count, 2);
    done(&w);

    /* only unlisted activities: the case stays new, no response, no resource: both unknown */
    eventlog_step_t s2[] = {STEP(10, U), STEP(20, U)};
    walk(&w, s2, 2, &r);
    assert_int_equal(w.w.status, N);
    assert_int_equal(w.w.first_response, TS_NONE);
    assert_null(w.w.assignee);
    assert_int_equal(w.w.reassignment_count, -1);
    done(&w);
}

/* ---- the collection ---- */

typedef struct seen {
    size_t n;
    char ids[8][8];
    eventlog_walk_t walks[8];
    const char *attrs[8][2];
    uint32_t lines[8][8];
    size_t nevents[8];
    pause_t pauses[8][4];
    size_t npauses[8];
} seen_t;

static void S_collect(void *ctx, const eventlog_case_t *c)
{
    seen_t *s = ctx;
    assert_true(s->n < 8);
    size_t i = s->n++;
    strncpy(s->ids[i], c->id, sizeof s->ids[i] - 1);
    s->walks[i] = *c->walk;
    s->attrs[i][0] = c->attrs[0];
    s->attrs[i][1] = c->attrs[1];
    s->nevents[i] = c->nevents;
    for (size_t k = 0; k < c->nevents && k < 8; k++)
        s->lines[i][k] = c->lines[k];
    s->npauses[i] = c->npauses;
    for (size_t k = 0; k < c->npauses && k < 4; k++)
        s->pauses[i][k] = c->pauses[k];
}

static void test_collect_and_rebuild(void **state)
{
    (void)state;
    interner_t *strings = interner_new();
    /* as-of 1000; two attribute slots (say priority and service) */
    eventlog_t *log = eventlog_new(strings, 2, 1000);
    int added;
    size_t open = eventlog_activity(log, "Open", 4, &added);
    assert_true(added);
    eventlog_activity_at(log, open)->state = N;
    size_t work = eventlog_activity(log, "Work", 4, &added);
    eventlog_activity_at(log, work)->state = P;
    size_t wait = eventlog_activity(log, "Wait", 4, &added);
    eventlog_activity_at(log, wait)->state = H;
    size_t done_ = eventlog_activity(log, "Done", 4, &added);
    eventlog_activity_at(log, done_)->state = R;
    size_t note = eventlog_activity(log, "Note", 4, &added);
    assert_int_equal(eventlog_activity(log, "Work", 4, &added), work);
    assert_false(added);

    /* the file, line by line (lines 2..9):
     *   2 B Work 300 bob   prio "2"
     *   3 A Open 100 ann   prio "3", service "Mail"
     *   4 A Done 400 ann   (written before the Wait it follows in time)
     *   5 A Wait 200 ann   prio "1" (an earlier event than line 4: line 4's empty prio does
     *                      not matter, line 5 is the latest with one)
     *   6 B Done 300 bob   (same time as line 2: file order puts it after Work)
     *   7 A Note 1500      prio "4" (after as-of: ignored, also for the attributes)
     *   8 C Open 2000      (every event of C after as-of)
     *   9 B Note 300 carl  service "ERP"
     */
    assert_int_equal(eventlog_add(log, "B", 1, 300, work, "bob", 3, 2), 0);
    eventlog_attr(log, 0, "2", 1);
    assert_int_equal(eventlog_add(log, "A", 1, 100, open, "ann", 3, 3), 0);
    eventlog_attr(log, 0, "3", 1);
    eventlog_attr(log, 1, "Mail", 4);
    assert_int_equal(eventlog_add(log, "A", 1, 400, done_, "ann", 3, 4), 0);
    assert_int_equal(eventlog_add(log, "A", 1, 200, wait, "ann", 3, 5), 0);
    eventlog_attr(log, 0, "1", 1);
    assert_int_equal(eventlog_add(log, "B", 1, 300, done_, "bob", 3, 6), 0);
    assert_int_equal(eventlog_add(log, "A", 1, 1500, note, NULL, 0, 7), 0);
    eventlog_attr(log, 0, "4", 1);
    assert_int_equal(eventlog_add(log, "C", 1, 2000, open, NULL, 0, 8), 0);
    assert_int_equal(eventlog_add(log, "B", 1, 300, note, "carl", 4, 9), 0);
    eventlog_attr(log, 1, "ERP", 3);

    assert_int_equal(eventlog_event_count(log), 8);
    assert_int_equal(eventlog_case_count(log), 3);
    assert_int_equal(eventlog_activity_at(log, done_)->count, 2);
    assert_int_equal(eventlog_activity_at(log, note)->count, 2);
    ts_t first, last;
    eventlog_span(log, &first, &last);
    assert_int_equal(first, 100);
    assert_int_equal(last, 2000);

    eventlog_rules_t r = rules_with(1000, 1);
    seen_t s;
    memset(&s, 0, sizeof s);
    eventlog_rebuild(log, &r, S_collect, &s);
    assert_int_equal(s.n, 3);
    /* B first (its first event is the file's first line), then A, then C */
    assert_string_equal(s.ids[0], "B");
    assert_string_equal(s.ids[1], "A");
    assert_string_equal(s.ids[2], "C");
    /* B: Work 300 (line 2), Done 300 (line 6), Note 300 (line 9): opened 300, response 300,
     * resolved 300; resources bob, bob, carl: one change, assignee carl */
    assert_int_equal(s.walks[0].opened, 300);
    assert_int_equal(s.walks[0].first_response, 300);
    assert_int_equal(s.walks[0].resolved, 300);
    assert_int_equal(s.walks[0].status, R);
    assert_string_equal(s.walks[0].assignee, "carl");
    assert_int_equal(s.walks[0].reassignment_count, 1);
    assert_int_equal(s.lines[0][0], 2);
    assert_int_equal(s.lines[0][1], 6);
    assert_int_equal(s.lines[0][2], 9);
    assert_string_equal(s.attrs[0][0], "2");
    assert_string_equal(s.attrs[0][1], "ERP");
    /* A in time order: Open 100 (line 3), Wait 200 (line 5), Done 400 (line 4), Note 1500
     * (line 7, after as-of): opened 100, response 200 (into on_hold), pause [200, 400),
     * resolved 400; priority "1" (line 5 is the latest event up to as-of that has one),
     * service "Mail" */
    assert_int_equal(s.walks[1].used, 3);
    assert_int_equal(s.walks[1].opened, 100);
    assert_int_equal(s.walks[1].first_response, 200);
    assert_int_equal(s.walks[1].resolved, 400);
    assert_int_equal(s.nevents[1], 4);
    assert_int_equal(s.lines[1][0], 3);
    assert_int_equal(s.lines[1][1], 5);
    assert_int_equal(s.lines[1][2], 4);
    assert_int_equal(s.lines[1][3], 7);
    assert_int_equal(s.npauses[1], 1);
    assert_int_equal(s.pauses[1][0].start, 200);
    assert_int_equal(s.pauses[1][0].end, 400);
    assert_string_equal(s.attrs[1][0], "1");
    assert_string_equal(s.attrs[1][1], "Mail");
    /* C: nothing up to as-of */
    assert_int_equal(s.walks[2].used, 0);
    assert_null(s.attrs[2][0]);

    eventlog_free(log);
    interner_free(strings);
}

/* Checks that the cases of test_many_cases arrive in order, each walked in time order. */
static void S_check_many(void *ctx, const eventlog_case_t *c)
{
    size_t *n = ctx;
    char want[32];
    snprintf(want, sizeof want, "case-%zu", *n);
    assert_string_equal(c->id, want);
    assert_int_equal(c->nevents, 3);
    /* written Done (line 1), then Open +1 (line 2), then Open +0 (line 3): time order is the
     * reverse of file order */
    assert_int_equal(c->lines[0], 3);
    assert_int_equal(c->lines[2], 1);
    assert_int_equal(c->walk->opened, (ts_t)(1000 * *n));
    assert_int_equal(c->walk->resolved, (ts_t)(1000 * *n + 2));
    assert_int_equal(c->walk->first_response, (ts_t)(1000 * *n + 2));
    for (size_t k = 0; k < 3; k++) /* slot k was given by the event of round k: the case's id */
        assert_string_equal(c->attrs[k], want);
    (*n)++;
}

static void test_many_cases(void **state)
{
    (void)state;
    /* 5,000 cases of 3 events each, written interleaved and in reverse time order, each event
     * giving one of three attribute slots: the case table and the slots grow many times, and
     * every case is still found, ordered and keeps its values */
    interner_t *strings = interner_new();
    eventlog_t *log = eventlog_new(strings, 3, TS_MAX);
    int added;
    size_t open = eventlog_activity(log, "Open", 4, &added);
    eventlog_activity_at(log, open)->state = N;
    size_t done_ = eventlog_activity(log, "Done", 4, &added);
    eventlog_activity_at(log, done_)->state = R;
    char id[16];
    for (int round = 2; round >= 0; round--)
        for (int c = 0; c < 5000; c++) {
            int n = snprintf(id, sizeof id, "case-%d", c);
            assert_int_equal(eventlog_add(log, id, (size_t)n, 1000 * c + round,
                                          round == 2 ? done_ : open, NULL, 0, (size_t)(3 - round)),
                             0);
            eventlog_attr(log, (size_t)round, id, (size_t)n);
        }
    assert_int_equal(eventlog_case_count(log), 5000);
    assert_int_equal(eventlog_event_count(log), 15000);
    eventlog_rules_t r = rules_with(TS_MAX, 0);
    size_t n = 0;
    eventlog_rebuild(log, &r, S_check_many, &n);
    assert_int_equal(n, 5000);
    eventlog_free(log);
    interner_free(strings);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_same_state_and_first_response),
        cmocka_unit_test(test_reopen_from_resolved_and_from_closed),
        cmocka_unit_test(test_close_without_resolve),
        cmocka_unit_test(test_cancel_and_uncancel),
        cmocka_unit_test(test_pauses),
        cmocka_unit_test(test_as_of),
        cmocka_unit_test(test_response_list_and_waits),
        cmocka_unit_test(test_unmapped_and_resources),
        cmocka_unit_test(test_collect_and_rebuild),
        cmocka_unit_test(test_many_cases),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
