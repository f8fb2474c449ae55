/*
 * Unit tests of the review registers (docs/configuration.md §14, docs/metrics.md §14): a small
 * register of each kind read from CSV (and from an .xlsx with date cells) into records, its
 * rejected rows counted with their places, and its figures for October 2026 (Europe/Berlin, as-of 1
 * November 06:00) worked out by hand in the comments; the edges of the state rules (closed after
 * the end but marked done, raised after the end, closed by a status alone, as-of inside the
 * period); and the review inputs with and without registers.
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
#include <xlsxwriter.h>

#include "app/config_load.h"
#include "input/registers.h"
#include "metrics/registers.h"

static char dir[] = "/tmp/iso20k-test-registers-XXXXXX";

static const char *tpath(const char *name)
{
    static char bufs[4][512];
    static int next;
    char *b = bufs[next++ % 4];
    snprintf(b, 512, "%s/%s", dir, name);
    return b;
}

static void S_write(const char *name, const char *text)
{
    FILE *f = fopen(tpath(name), "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(text, 1, strlen(text), f), strlen(text));
    assert_int_equal(fclose(f), 0);
}

static int setup(void **state)
{
    (void)state;
    if (!mkdtemp(dir))
        return -1;
    S_write("t.csv", "id,kind,opened_at\n");
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    char cmd[600];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    return system(cmd);
}

/* A config naming the registers in `extra`, its registers read, and their figures for
 * October 2026 with as-of `as_of` (local, Europe/Berlin). */
typedef struct fx {
    config_t *cfg;
    tz_t *tz;
    store_t *store;
    registers_t *regs;
    reg_span_t sp;
    register_figures_t f;
    status_t st[REG_COUNT];
    diag_t d[REG_COUNT];
} fx_t;

static void fx_open_at(fx_t *x, const char *extra, const char *as_of)
{
    memset(x, 0, sizeof *x);
    char yaml[2048];
    snprintf(yaml, sizeof yaml,
             "timezone: Europe/Berlin\nsources: [{file: t.csv, profile: tickets}]\n"
             "services: [{name: Email}, {name: ERP}]\n%s",
             extra);
    diag_t d = {0};
    if (config_load_buffer(tpath("review.yaml"), yaml, strlen(yaml), &x->cfg, &d) != ST_OK)
        fail_msg("config: %s", d.message);
    assert_int_equal(tz_load("Europe/Berlin", &x->tz, &d), ST_OK);
    x->store = store_new(x->cfg->nsources + config_register_count(x->cfg));
    x->regs = registers_new();
    size_t at = x->cfg->nsources;
    for (int k = 0; k < REG_COUNT; k++)
        if (x->cfg->registers[k].file)
            x->st[k] =
                registers_read(x->cfg, (register_kind_t)k, at++, x->store, x->regs, &x->d[k]);
    parsed_time_t pt;
    assert_int_equal(timeparse_canonical(as_of, strlen(as_of), &pt), 0);
    metrics_period_t p = {tz_day_start(x->tz, days_from_civil(2026, 10, 1)),
                          tz_day_start(x->tz, days_from_civil(2026, 11, 1)),
                          tz_local_to_utc(x->tz, pt.seconds, NULL), NULL, 0};
    x->sp = registers_span(&p, x->tz);
    registers_compute(x->cfg, x->regs, &x->sp, &x->f);
}

static void fx_open(fx_t *x, const char *extra)
{
    fx_open_at(x, extra, "2026-11-01 06:00");
}

static void fx_close(fx_t *x)
{
    register_figures_clear(&x->f);
    registers_free(x->regs);
    store_free(x->store);
    tz_free(x->tz);
    config_free(x->cfg);
    for (int k = 0; k < REG_COUNT; k++)
        diag_clear(&x->d[k]);
}

/* The data-quality entry of the first register given. */
static const source_quality_t *fx_quality(const fx_t *x)
{
    return &x->store->quality[x->cfg->nsources];
}

/* The count and first example of a rejection reason (or a warning), or 0. */
static size_t S_reason(const source_quality_t *q, int warning, const char *reason,
                       const char **example)
{
    const quality_entry_t *e = warning ? q->warnings : q->rejected;
    size_t n = warning ? q->nwarnings : q->nrejected;
    for (size_t i = 0; i < n; i++)
        if (!strcmp(e[i].reason, reason)) {
            if (example)
                *example = e[i].examples[0];
            return e[i].count;
        }
    return 0;
}

static int64_t D(int y, int m, int d)
{
    return days_from_civil(y, m, d);
}

/* ---- actions: a title row above the header, case variations, the state rules ---- */

static void test_actions(void **state)
{
    (void)state;
    S_write("actions.csv",
            "Action log of the SMS (exported 2026-11-01),,,,,,,\n"
            "ID, Action ,STATUS,Owner,Raised,Due,Closed,Source\n"
            "A1,Done after the end,Done,Ann,2026-09-01,2026-10-20,2026-11-03,review\n"
            "A2,Raised after the end,open,Ann,2026-11-02,2026-11-30,,review\n"
            "A3,Cancelled without a date,cancelled,Bob,2026-08-01,2026-09-01,,audit\n"
            "A4,A closing word for done,closed,Bob,2026-09-15,2026-10-10,2026-10-05,Risk\n"
            "A5,In progress and late,In progress,Cy,2026-10-03,2026-10-31,,\n"
            "A6,Unknown status,wip,Cy,2026-10-03,,,review\n"
            "A7,Bad date,open,Cy,2026-13-01,,,review\n"
            "A8,No dates,open,,,,,OTHER\n");
    fx_t x;
    fx_open(&x, "registers: {actions: actions.csv}\n");
    assert_int_equal(x.st[REG_ACTIONS], ST_OK);
    assert_true(x.regs->read[REG_ACTIONS]);
    const source_quality_t *q = fx_quality(&x);
    assert_string_equal(q->profile, "register:actions");
    assert_true(q->is_register);
    /* 8 rows read (the title row is above the header): A6 and A7 rejected */
    assert_int_equal(q->rows_read, 8);
    assert_int_equal(q->rows_accepted, 6);
    assert_int_equal(q->rows_rejected, 2);
    const char *ex = NULL;
    assert_int_equal(S_reason(q, 0, "status is not one of open, in_progress, done, cancelled", &ex),
                     1);
    assert_non_null(strstr(ex, "actions.csv:8 ('wip')"));
    assert_int_equal(S_reason(q, 0, "raised is not a date (write YYYY-MM-DD)", &ex), 1);
    assert_non_null(strstr(ex, "actions.csv:9 ('2026-13-01')"));
    assert_int_equal(
        S_reason(q, 1, "a closing status outside the register's vocabulary, read as its own", &ex),
        1);
    assert_non_null(strstr(ex, "actions.csv:6 ('closed' read as done)"));
    /* the records: A4's "closed" is done, A5's "In progress" is in_progress, A8's OTHER other */
    assert_int_equal(x.regs->nactions, 6); /* A1, A2, A3, A4, A5, A8 */
    assert_int_equal(x.regs->actions[3].status, ACT_DONE);
    assert_int_equal(x.regs->actions[4].status, ACT_IN_PROGRESS);
    assert_int_equal(x.regs->actions[5].source, ASRC_OTHER);
    assert_int_equal(x.regs->actions[4].source, REG_NONE);
    assert_string_equal(x.regs->actions[0].action, "Done after the end");
    /* end = 1 November 00:00 (before as-of). A1 done but closed on 3 November: open at end,
     * due 20 October: overdue, age 1 Nov - 1 Sep = 61 days. A2 raised 2 November: does not
     * exist. A3 cancelled without a date: closed, age unknown. A4 done, closed 5 October: done
     * in P, age 5 Oct - 15 Sep = 20. A5 open, due 31 October < end: overdue, age 1 Nov - 3 Oct
     * = 29. A8 open without dates: open, not overdue, age unknown. */
    reg_state_t s = registers_action_state(&x.regs->actions[0], &x.sp);
    assert_true(s.exists && s.open && s.overdue);
    assert_int_equal(s.age, 61);
    s = registers_action_state(&x.regs->actions[1], &x.sp);
    assert_false(s.exists || s.open);
    s = registers_action_state(&x.regs->actions[2], &x.sp);
    assert_true(s.closed && !s.open);
    assert_int_equal(s.age, -1);
    assert_int_equal(registers_action_state(&x.regs->actions[3], &x.sp).age, 20);
    assert_int_equal(registers_action_state(&x.regs->actions[4], &x.sp).age, 29);
    s = registers_action_state(&x.regs->actions[5], &x.sp);
    assert_true(s.open && !s.overdue);
    assert_int_equal(s.age, -1);
    /* open_end: A1, A5, A8 = 3; overdue: A1, A5 = 2; done in P: A4 = 1; by source (open):
     * review A1, none A5, other A8 */
    assert_int_equal(x.f.actions.open_end, 3);
    assert_int_equal(x.f.actions.overdue, 2);
    assert_int_equal(x.f.actions.done, 1);
    assert_int_equal(x.f.actions.by_source[ASRC_REVIEW], 1);
    assert_int_equal(x.f.actions.by_source[ASRC_OTHER], 1);
    assert_int_equal(x.f.actions.by_source[ASRC_COUNT], 1);
    assert_int_equal(x.f.actions.by_source[ASRC_AUDIT] + x.f.actions.by_source[ASRC_RISK], 0);
    fx_close(&x);
}

/* With as-of inside the period, `end` is as-of: a date on or after it has not happened. */
static void test_end_is_as_of(void **state)
{
    (void)state;
    S_write("late.csv", "id,action,status,raised,due,closed\n"
                        "B1,Closed on the as-of day,done,2026-10-01,2026-10-10,2026-10-15\n"
                        "B2,Due on the as-of day,open,2026-10-01,2026-10-15,\n"
                        "B3,Due the day before,open,2026-10-01,2026-10-14,\n");
    fx_t x;
    fx_open_at(&x, "registers: {actions: late.csv}\n", "2026-10-15 12:00");
    /* end = 15 October 12:00: the 15th's midnight is before it, so B1 is closed and done in
     * P (age 14); B2 due the 15th is overdue; B3 too; ages of the open ones: 14 days and 12
     * hours, in whole days 14 */
    assert_int_equal(x.f.actions.done, 1);
    assert_int_equal(x.f.actions.open_end, 2);
    assert_int_equal(x.f.actions.overdue, 2);
    assert_int_equal(registers_action_state(&x.regs->actions[1], &x.sp).age, 14);
    assert_int_equal(registers_action_state(&x.regs->actions[0], &x.sp).age, 14);
    fx_close(&x);
    /* as-of at the 15th's midnight exactly: the 15th has not happened yet, so B1 is still
     * open (and overdue: due the 10th), B2 is not yet overdue, B3 is */
    fx_open_at(&x, "registers: {actions: late.csv}\n", "2026-10-15 00:00");
    assert_int_equal(x.f.actions.done, 0);
    assert_int_equal(x.f.actions.open_end, 3);
    assert_int_equal(x.f.actions.overdue, 2);
    assert_false(registers_action_state(&x.regs->actions[1], &x.sp).overdue);
    fx_close(&x);
}

/* ---- nonconformities: closed as not effective, the effectiveness of the last year ---- */

static void test_nonconformities(void **state)
{
    (void)state;
    S_write("nc.csv",
            "id,raised,description,source,clause,severity,correction,root_cause,"
            "corrective_action,owner,due,closed,effective\n"
            "N1,2026-10-05,Raised in P,incident,8.6.1,Major,,,,Ann,2026-10-20,,\n"
            "N2,2025-12-01,Closed ineffective,internal_audit,8.5.1.3,minor,,,Fix,Bob,2026-01-31,"
            "2026-01-20,no\n"
            "N3,2026-03-01,Closed effective,review,9.3,minor,,,Fix,Bob,2026-04-30,2026-04-10,YES\n"
            "N4,2025-09-01,Closed long ago,other,10.1,minor,,,Fix,Bob,2025-10-01,2025-10-15,yes\n"
            "N5,2026-09-10,Closed in P,complaint,8.3.2,,,,Fix,Cy,2026-10-31,2026-10-12,\n"
            "N6,2026-09-10,Closed before raised,complaint,8.3.2,,,,Fix,Cy,,2026-09-01,\n");
    fx_t x;
    fx_open(&x, "registers: {nonconformities: nc.csv}\n");
    assert_int_equal(fx_quality(&x)->rows_rejected, 1);
    assert_int_equal(S_reason(fx_quality(&x), 0, "closed is before raised", NULL), 1);
    /* raised in P: N1; closed in P: N5; open at end: N1 (major, due 20 Oct: overdue);
     * ineffective: N2 (closed before end with effective no); effectiveness over the 12 months
     * to 1 Nov 2026 (from 1 Nov 2025): N2 no, N3 yes (N4 closed 15 Oct 2025, before; N5 not
     * verified) = 100 × 1 / 2 = 50 % */
    assert_int_equal(x.f.nonconformities.raised, 1);
    assert_int_equal(x.f.nonconformities.closed, 1);
    assert_int_equal(x.f.nonconformities.open_end, 1);
    assert_int_equal(x.f.nonconformities.overdue, 1);
    assert_int_equal(x.f.nonconformities.major_open, 1);
    assert_int_equal(x.f.nonconformities.ineffective, 1);
    assert_int_equal(x.f.nonconformities.verified, 2);
    assert_true(fabs(x.f.nonconformities.effective_pct - 50.0) < 1e-9);
    assert_int_equal(x.regs->nonconformities[0].severity, SEV_MAJOR);
    assert_int_equal(x.regs->nonconformities[2].effective, 1);
    fx_close(&x);
}

/* ---- audits: a finding closed by date alone, an audit without findings, a bad grade ---- */

static void test_audits(void **state)
{
    (void)state;
    S_write("audits.csv", "audit,kind,date,scope,finding,clause,grade,status,closed\n"
                          "IA-1,internal,2026-10-07,SLM,F1 open,8.3.3,minor,open,\n"
                          "IA-1,internal,2026-10-07,SLM,F2 closed by date,9.4,major,,2026-10-20\n"
                          "IA-1,internal,2026-10-07,SLM,F3,8.3.3,observation,,\n"
                          "IA-0,Internal,2026-06-01,All,F4 old and ungraded,7.5,,,\n"
                          "Cust,customer,2026-10-15,Portal,,,,,\n"
                          "IA-2,internal,2026-10-08,X,F5,8.1,severe,open,\n"
                          "IA-3,certification,2026-11-05,All,F6 after the end,4.4,minor,open,\n");
    fx_t x;
    fx_open(&x, "registers: {audits: audits.csv}\n");
    const char *ex = NULL;
    assert_int_equal(S_reason(fx_quality(&x), 0,
                              "grade is not one of major, minor, observation, opportunity", &ex),
                     1);
    assert_non_null(strstr(ex, "audits.csv:7 ('severe')"));
    /* audits dated in P: IA-1 and Cust (IA-2 rejected) = 2; findings of them: minor F1, major
     * F2, observation F3; open at end (major, minor or ungraded, dated before end): F1, and F4
     * (ungraded) = 2 (F2 closed on 20 October without a status; F6 is dated after the end) */
    assert_int_equal(x.f.audits.audits, 2);
    assert_int_equal(x.f.audits.findings[GRADE_MINOR], 1);
    assert_int_equal(x.f.audits.findings[GRADE_MAJOR], 1);
    assert_int_equal(x.f.audits.findings[GRADE_OBSERVATION], 1);
    assert_int_equal(x.f.audits.findings[GRADE_OPPORTUNITY], 0);
    assert_int_equal(x.f.audits.findings[GRADE_COUNT], 0);
    assert_int_equal(x.f.audits.open_findings_end, 2);
    assert_true(registers_finding_state(&x.regs->findings[1], &x.sp).closed);
    assert_null(x.regs->findings[4].finding);
    fx_close(&x);
}

/* ---- complaints: by service, catalogue first, then others, then (none) ---- */

static void test_complaints(void **state)
{
    (void)state;
    S_write("complaints.csv", "id,received,service,summary,upheld,resolved\n"
                              "C1,2026-10-02,Email,a,yes,2026-10-05\n"
                              "C2,2026-10-10,Printing,b,no,\n"
                              "C3,2026-10-11,,c,,2026-10-12\n"
                              "C4,2026-09-20,ERP,d,yes,\n"
                              "C5,2026-10-20,Email,e,Yes,2026-11-05\n"
                              "C6,2026-10-21,Email,f,maybe,\n");
    fx_t x;
    fx_open(&x, "registers: {complaints: complaints.csv}\n");
    assert_int_equal(S_reason(fx_quality(&x), 0, "upheld is not yes or no", NULL), 1);
    /* received in P: C1, C2, C3, C5 = 4; upheld C1, C5 = 2; open at end: C2, C4 (received in
     * September), C5 (resolved after the end) = 3 */
    assert_int_equal(x.f.complaints.received, 4);
    assert_int_equal(x.f.complaints.upheld, 2);
    assert_int_equal(x.f.complaints.open_end, 3);
    const reg_count_t *bs = x.f.complaints.by_service;
    assert_int_equal(x.f.complaints.nby_service, 4);
    assert_string_equal(bs[0].name, "Email");
    assert_int_equal(bs[0].count, 2);
    assert_string_equal(bs[1].name, "ERP");
    assert_int_equal(bs[1].count, 0);
    assert_string_equal(bs[2].name, "Printing");
    assert_int_equal(bs[2].count, 1);
    assert_string_equal(bs[3].name, REG_NONE_KEY);
    assert_int_equal(bs[3].count, 1);
    fx_close(&x);
}

/* ---- suppliers: the rows whose period lies within P ---- */

static void test_suppliers(void **state)
{
    (void)state;
    S_write("suppliers.csv", "supplier,measure,target,actual,period,service,lower_is_better\n"
                             "Net,Availability,99.9,99.95,2026-10,VPN,no\n"
                             "Net,MTTR,4,5,2026-10,VPN,yes\n"
                             "Net,Availability,99.9,99.0,2026-Q4,VPN,no\n"
                             "Mail,Availability,99.9,99.9%,2026-10-01..2026-10-15,Email,\n"
                             "Cloud,Availability,99.9,98,2026-09,,no\n"
                             "Cloud,Availability,99.9,98,October,,no\n");
    fx_t x;
    fx_open(&x, "registers: {suppliers: suppliers.csv}\n");
    assert_int_equal(
        S_reason(fx_quality(&x), 0,
                 "period is not a period (write 2026-10, 2026-Q3, 2026 or a range A..B)", NULL),
        1);
    /* by name: Cloud has no measure within October (September): 0, null; Mail 99.9 >= 99.9
     * within the range: 1 of 1; Net: 99.95 >= 99.9 met, MTTR 5 > 4 (lower is better) missed,
     * the Q4 row does not lie within October: 1 of 2 = 50 % */
    assert_int_equal(x.f.nsuppliers, 3);
    assert_string_equal(x.f.suppliers[0].supplier, "Cloud");
    assert_int_equal(x.f.suppliers[0].measures, 0);
    assert_true(isnan(x.f.suppliers[0].met_pct));
    assert_string_equal(x.f.suppliers[1].supplier, "Mail");
    assert_int_equal(x.f.suppliers[1].met, 1);
    assert_string_equal(x.f.suppliers[2].supplier, "Net");
    assert_int_equal(x.f.suppliers[2].measures, 2);
    assert_int_equal(x.f.suppliers[2].met, 1);
    assert_true(fabs(x.f.suppliers[2].met_pct - 50.0) < 1e-9);
    assert_string_equal(x.regs->measures[2].period.label, "2026-Q4");
    assert_string_equal(x.regs->measures[3].period.label, "2026-10-01..2026-10-15");
    fx_close(&x);
}

/* ---- risks: bands, treated and accepted still on the matrix, a likelihood of 7 ---- */

static void test_risks(void **state)
{
    (void)state;
    S_write("risks.csv",
            "id,description,likelihood,impact,kind,owner,treatment,status,review_due,raised\n"
            "R1,High untreated,4,4,,Ann,,open,2026-09-30,2026-05-01\n"
            "R2,Treated high,3,5,risk,Ann,Replica,treated,2026-12-31,\n"
            "R3,Accepted low,2,3,risk,Bob,Accept,Accepted,,\n"
            "R4,Closed,5,5,risk,Bob,Done,closed,,\n"
            "R5,Bad likelihood,7,2,risk,,,open,,\n"
            "R6,Opportunity,3,3,opportunity,Cy,,open,,\n"
            "R7,Medium untreated,2,4,RISK,Cy,,open,2026-11-15,\n"
            "R8,Raised after the end,5,5,risk,,,open,,2026-11-10\n"
            "R9,Half a likelihood,2.5,2,risk,,,open,,\n");
    fx_t x;
    fx_open(&x, "registers: {risks: risks.csv}\n");
    const char *ex = NULL;
    assert_int_equal(
        S_reason(fx_quality(&x), 0, "likelihood is not a whole number from 1 to 5", &ex), 2);
    assert_non_null(strstr(ex, "risks.csv:6 ('7')"));
    /* open risks at end (R4 closed, R8 raised after, R6 an opportunity): R1 4×4 = 16 high,
     * R2 3×5 = 15 high (treated: still on the register), R3 2×3 = 6 low (accepted), R7 2×4 = 8
     * medium; untreated (status open, no treatment): R1, R7; review overdue: R1 (30 Sep; R7's
     * 15 Nov is after the end) */
    assert_int_equal(x.f.risks.high, 2);
    assert_int_equal(x.f.risks.medium, 1);
    assert_int_equal(x.f.risks.low, 1);
    assert_int_equal(x.f.risks.untreated, 2);
    assert_int_equal(x.f.risks.review_overdue, 1);
    assert_int_equal(x.f.risks.opportunities, 1);
    assert_int_equal(x.f.risks.matrix[3][3], 1); /* likelihood 4, impact 4 */
    assert_int_equal(x.f.risks.matrix[2][4], 1);
    assert_int_equal(x.f.risks.matrix[1][2], 1);
    assert_int_equal(x.f.risks.matrix[1][3], 1);
    assert_int_equal(x.f.risks.matrix[4][4], 0);             /* R4 closed, R8 not yet raised */
    assert_int_equal(x.regs->risks[0].kind, RISK_KIND_RISK); /* the default */
    fx_close(&x);
    /* other bands: high from 16, medium from 6: R2 (15) is medium, R3 (6) medium */
    fx_open(&x, "registers: {risks: risks.csv}\nrisk_levels: {high: 16, medium: 6}\n");
    assert_int_equal(x.f.risks.high, 1);
    assert_int_equal(x.f.risks.medium, 3);
    assert_int_equal(x.f.risks.low, 0);
    assert_int_equal(registers_band(x.cfg, 15), BAND_MEDIUM);
    fx_close(&x);
}

/* ---- improvements ---- */

static void test_improvements(void **state)
{
    (void)state;
    S_write("improvements.csv", "id,description,status,raised,source,owner,due,closed,benefit\n"
                                "I1,Done in P,done,2026-09-01,review,Ann,2026-10-31,2026-10-15,x\n"
                                "I2,Open and late,approved,2026-10-02,audit,Bob,2026-10-20,,y\n"
                                "I3,Rejected,rejected,2026-08-01,,,,2026-08-15,\n"
                                "I4,A closing word,cancelled,2026-10-05,,,,,\n"
                                "I5,Proposed,Proposed,2026-10-25,,,,,\n");
    fx_t x;
    fx_open(&x, "registers: {improvements: improvements.csv}\n");
    /* raised in P: I2, I4, I5; done in P: I1; open at end: I2, I5 (I4's "cancelled" is read
     * as rejected: closed); overdue: I2 */
    assert_int_equal(x.f.improvements.raised, 3);
    assert_int_equal(x.f.improvements.done, 1);
    assert_int_equal(x.f.improvements.open_end, 2);
    assert_int_equal(x.f.improvements.overdue, 1);
    assert_int_equal(x.regs->improvements[3].status, IMP_REJECTED);
    assert_int_equal(S_reason(fx_quality(&x), 1,
                              "a closing status outside the register's vocabulary, read as its own",
                              NULL),
                     1);
    fx_close(&x);
}

/* ---- capacity: the latest period within P per service and resource ---- */

static void test_capacity(void **state)
{
    (void)state;
    S_write("capacity.csv", "service,resource,period,used,capacity,threshold_pct\n"
                            "ERP,Storage,2026-09,80,100,85\n"
                            "ERP,Storage,2026-10,90,100,85\n"
                            "ERP,Storage,2026-11,95,100,85\n"
                            "VPN,Tunnels,2026-10-16..2026-10-31,41,50,\n"
                            "VPN,Tunnels,2026-10-01..2026-10-15,40,50,\n"
                            "Mail,Disk,2026-10,1,0,80\n");
    fx_t x;
    fx_open(&x, "registers: {capacity: capacity.csv}\n");
    assert_int_equal(S_reason(fx_quality(&x), 0, "capacity is not above zero", NULL), 1);
    /* ERP/Storage: October is the latest within P (November is not): 100 × 90 / 100 = 90 %
     * > 85: over. VPN/Tunnels: the second half of October is the latest (whatever the file
     * order): 100 × 41 / 50 = 82 % > 80 (the default threshold): over. */
    assert_int_equal(x.f.ncapacity, 2);
    assert_int_equal(x.f.capacity_pairs, 2);
    assert_string_equal(x.f.capacity[0].row->service, "ERP");
    assert_true(fabs(x.f.capacity[0].utilisation_pct - 90.0) < 1e-9);
    assert_true(x.f.capacity[0].over_threshold);
    assert_string_equal(x.f.capacity[1].row->service, "VPN");
    assert_true(fabs(x.f.capacity[1].utilisation_pct - 82.0) < 1e-9);
    assert_true(x.f.capacity[1].row->threshold_pct == 80);
    assert_true(x.f.capacity[1].over_threshold);
    fx_close(&x);
}

/* ---- context, and what the review covers ---- */

static void test_context_and_review_inputs(void **state)
{
    (void)state;
    S_write("context.csv", "date,kind,summary\n"
                           "2026-10-20,objective,b\n"
                           "2026-10-03,External issue,a\n"
                           "2026-05-01,policy,c\n"
                           "2026-10-03,interested_party,d\n"
                           "2026-11-02,resources,e\n");
    fx_t x;
    fx_open(&x, "registers: {context: context.csv}\n");
    /* dated in P, oldest first, ties in file order: a (3 Oct), d (3 Oct), b (20 Oct) */
    assert_int_equal(x.f.ncontext, 3);
    assert_string_equal(x.f.context[0]->summary, "a");
    assert_int_equal(x.f.context[0]->kind, CTX_EXTERNAL_ISSUE);
    assert_string_equal(x.f.context[1]->summary, "d");
    assert_string_equal(x.f.context[2]->summary, "b");
    review_measured_t m = {0};
    review_input_t in[INPUT_COUNT];
    registers_review_inputs(x.regs, &x.sp, &m, in);
    /* issues, interested parties, policies (May) and objectives come from context entries
     * dated before end; resources' entry is dated after it: missing */
    assert_int_equal(in[INPUT_ISSUES].status, INPUT_DECLARED);
    assert_string_equal(in[INPUT_ISSUES].sources[0], "context");
    assert_int_equal(in[INPUT_INTERESTED_PARTIES].status, INPUT_DECLARED);
    assert_int_equal(in[INPUT_POLICIES].status, INPUT_DECLARED);
    assert_int_equal(in[INPUT_OBJECTIVES].status, INPUT_DECLARED);
    assert_int_equal(in[INPUT_RESOURCES].status, INPUT_MISSING);
    assert_int_equal(in[INPUT_ACTIONS].status, INPUT_MISSING);
    assert_int_equal(in[INPUT_MONITORING].status, INPUT_MISSING);
    assert_int_equal(in[INPUT_CUSTOMER_FEEDBACK].status, INPUT_MISSING);
    assert_int_equal(in[INPUT_SERVICE_PERFORMANCE].status, INPUT_MISSING);
    assert_int_equal(in[INPUT_RESOURCES].nsources, 0);
    fx_close(&x);
}

static void test_review_inputs_measured(void **state)
{
    (void)state;
    /* no register at all: only what the tickets, outages and surveys measure */
    registers_t *g = registers_new();
    reg_span_t sp = {0, 86400 * 30, 0};
    review_measured_t m = {1, 1, 1, 12, 1, 1, 1};
    review_input_t in[INPUT_COUNT];
    registers_review_inputs(g, &sp, &m, in);
    size_t missing = 0;
    for (int i = 0; i < INPUT_COUNT; i++)
        missing += in[i].status == INPUT_MISSING;
    assert_int_equal(missing, 11); /* all but monitoring, customer feedback, performance */
    assert_int_equal(in[INPUT_MONITORING].status, INPUT_MEASURED);
    assert_int_equal(in[INPUT_MONITORING].nsources, 3);
    assert_string_equal(in[INPUT_CUSTOMER_FEEDBACK].sources[0], "surveys");
    assert_int_equal(in[INPUT_SERVICE_PERFORMANCE].nsources, 2); /* tickets, outages */
    /* availability from incidents, no outage source: service performance from tickets */
    m = (review_measured_t){1, 1, 0, 0, 1, 0, 0};
    registers_review_inputs(g, &sp, &m, in);
    assert_int_equal(in[INPUT_SERVICE_PERFORMANCE].status, INPUT_MEASURED);
    assert_int_equal(in[INPUT_SERVICE_PERFORMANCE].nsources, 1);
    assert_string_equal(in[INPUT_SERVICE_PERFORMANCE].sources[0], "tickets");
    assert_int_equal(in[INPUT_CUSTOMER_FEEDBACK].status, INPUT_MISSING);
    /* a period the data does not cover: monitoring is missing */
    m.period_covered = 0;
    registers_review_inputs(g, &sp, &m, in);
    assert_int_equal(in[INPUT_MONITORING].status, INPUT_MISSING);
    registers_free(g);
}

/* An empty register (a header, no rows) is a declaration: nothing open. */
static void test_empty_register(void **state)
{
    (void)state;
    S_write("empty-actions.csv", "id,action,status\n");
    S_write("empty-complaints.csv", "id,received\n");
    fx_t x;
    fx_open(&x, "registers: {actions: empty-actions.csv, complaints: empty-complaints.csv}\n");
    assert_int_equal(x.st[REG_ACTIONS], ST_OK);
    assert_true(x.regs->read[REG_ACTIONS]);
    assert_int_equal(x.f.actions.open_end, 0);
    review_measured_t m = {0};
    review_input_t in[INPUT_COUNT];
    registers_review_inputs(x.regs, &x.sp, &m, in);
    assert_int_equal(in[INPUT_ACTIONS].status, INPUT_DECLARED);
    assert_string_equal(in[INPUT_ACTIONS].sources[0], "actions");
    /* no survey response: customer feedback is declared by the complaints register */
    assert_int_equal(in[INPUT_CUSTOMER_FEEDBACK].status, INPUT_DECLARED);
    assert_string_equal(in[INPUT_CUSTOMER_FEEDBACK].sources[0], "complaints");
    fx_close(&x);
}

/* A missing required column: an error naming the file and the column; every row rejected and
 * the register not read (absent from the figures, so never shown as "nothing open"). */
static void test_missing_column(void **state)
{
    (void)state;
    S_write("no-status.csv", "id,action,owner\nA1,Something,Ann\nA2,Else,Bob\n");
    fx_t x;
    fx_open(&x, "registers: {actions: no-status.csv}\n");
    assert_int_equal(x.st[REG_ACTIONS], ST_DATA);
    assert_non_null(strstr(x.d[REG_ACTIONS].path, "no-status.csv"));
    assert_non_null(strstr(x.d[REG_ACTIONS].message, "no 'status' column"));
    assert_int_equal(x.d[REG_ACTIONS].line, 1);
    assert_true(x.regs->given[REG_ACTIONS]);
    assert_false(x.regs->read[REG_ACTIONS]);
    assert_false(x.f.read[REG_ACTIONS]);
    assert_int_equal(fx_quality(&x)->rows_rejected, 2);
    assert_int_equal(S_reason(fx_quality(&x), 0, "missing required column 'status'", NULL), 2);
    fx_close(&x);
    /* a file of no rows at all is an error too, not an empty register */
    S_write("nothing.csv", "");
    fx_open(&x, "registers: {actions: nothing.csv}\n");
    assert_int_equal(x.st[REG_ACTIONS], ST_DATA);
    assert_false(x.regs->read[REG_ACTIONS]);
    fx_close(&x);
}

/* The config's `columns` maps the register's names onto other headers. */
static void test_columns_mapping(void **state)
{
    (void)state;
    S_write("mapped.csv", "Ref;Massnahme;Zustand;Termin\nM1;Etwas tun;open;2026-10-01\n");
    fx_t x;
    fx_open(&x, "registers:\n  actions: {file: mapped.csv, columns: {id: Ref, action: Massnahme, "
                "status: Zustand, due: Termin}}\n");
    assert_int_equal(x.st[REG_ACTIONS], ST_OK);
    assert_int_equal(x.regs->nactions, 1);
    assert_int_equal(x.regs->actions[0].due, D(2026, 10, 1));
    assert_int_equal(x.f.actions.overdue, 1);
    fx_close(&x);
    /* a key that is not one of the register's columns is a configuration error */
    config_t *cfg = NULL;
    diag_t d = {0};
    const char *bad = "sources: [{file: t.csv, profile: tickets}]\n"
                      "registers: {risks: {file: r.csv, columns: {probability: P}}}\n";
    assert_int_equal(config_load_buffer(tpath("bad.yaml"), bad, strlen(bad), &cfg, &d), ST_CONFIG);
    assert_non_null(strstr(d.message, "'probability' is not a column of the risks register"));
    assert_int_equal(d.line, 2);
    diag_clear(&d);
    const char *levels = "sources: [{file: t.csv, profile: tickets}]\n"
                         "risk_levels: {high: 8, medium: 8}\n";
    assert_int_equal(config_load_buffer(tpath("bad.yaml"), levels, strlen(levels), &cfg, &d),
                     ST_CONFIG);
    assert_non_null(strstr(d.message, "medium (8) must be below high (8)"));
    diag_clear(&d);
}

/* A register in an .xlsx workbook: date cells for dates, a date cell in a period column (what
 * a spreadsheet makes of "2026-10") read as its month, numbers as numbers. */
static void test_xlsx_date_cells(void **state)
{
    (void)state;
    lxw_workbook *wb = workbook_new(tpath("registers.xlsx"));
    lxw_worksheet *ws = workbook_add_worksheet(wb, "Capacity");
    lxw_format *date = workbook_add_format(wb);
    format_set_num_format(date, "yyyy-mm-dd");
    lxw_format *month = workbook_add_format(wb);
    format_set_num_format(month, "mmm-yy");
    worksheet_write_string(ws, 0, 0, "Capacity register", NULL); /* a title above the header */
    const char *hdr[] = {"Service", "Resource", "Period", "Used", "Capacity"};
    for (int c = 0; c < 5; c++)
        worksheet_write_string(ws, 2, (lxw_col_t)c, hdr[c], NULL);
    lxw_datetime oct = {2026, 10, 1, 0, 0, 0};
    worksheet_write_string(ws, 3, 0, "ERP", NULL);
    worksheet_write_string(ws, 3, 1, "Storage", NULL);
    worksheet_write_datetime(ws, 3, 2, &oct, month);
    worksheet_write_number(ws, 3, 3, 85, NULL);
    worksheet_write_number(ws, 3, 4, 100, NULL);
    lxw_worksheet *ws2 = workbook_add_worksheet(wb, "Actions");
    const char *ah[] = {"id", "action", "status", "raised", "due"};
    for (int c = 0; c < 5; c++)
        worksheet_write_string(ws2, 0, (lxw_col_t)c, ah[c], NULL);
    lxw_datetime raised = {2026, 9, 14, 0, 0, 0}, due = {2026, 10, 9, 0, 0, 0};
    worksheet_write_number(ws2, 1, 0, 1001, NULL); /* an id typed as a number */
    worksheet_write_string(ws2, 1, 1, "Renew the contract", NULL);
    worksheet_write_string(ws2, 1, 2, "open", NULL);
    worksheet_write_datetime(ws2, 1, 3, &raised, date);
    worksheet_write_datetime(ws2, 1, 4, &due, date);
    assert_int_equal(workbook_close(wb), LXW_NO_ERROR);
    fx_t x;
    fx_open(&x, "registers:\n  capacity: {file: registers.xlsx, sheet: Capacity}\n"
                "  actions: {file: registers.xlsx, sheet: Actions}\n");
    assert_int_equal(x.st[REG_CAPACITY], ST_OK);
    assert_int_equal(x.st[REG_ACTIONS], ST_OK);
    assert_int_equal(x.regs->ncapacity, 1);
    assert_string_equal(x.regs->capacity[0].period.label, "2026-10");
    assert_int_equal(x.f.ncapacity, 1); /* October lies within P: 85 % > 80 */
    assert_true(x.f.capacity[0].over_threshold);
    assert_int_equal(x.regs->nactions, 1);
    assert_string_equal(x.regs->actions[0].id, "1001");
    assert_int_equal(x.regs->actions[0].raised, D(2026, 9, 14));
    assert_int_equal(x.regs->actions[0].due, D(2026, 10, 9));
    /* open at end, due 9 October: overdue; age 1 Nov - 14 Sep = 48 days */
    assert_int_equal(x.f.actions.overdue, 1);
    assert_int_equal(registers_action_state(&x.regs->actions[0], &x.sp).age, 48);
    assert_string_equal(x.store->quality[x.cfg->nsources].format, "xlsx");
    fx_close(&x);
}

/* The span: twelve months before end, on 29 February too. */
/* A measure meets its target at the target itself, from either side; no actual meets none. */
static void test_measure_met(void **state)
{
    (void)state;
    reg_measure_t m = {.target = 99.5, .actual = 99.5};
    assert_true(registers_measure_met(&m));
    m.actual = 99.4;
    assert_false(registers_measure_met(&m));
    m.lower_is_better = 1; /* e.g. a response time in hours */
    assert_true(registers_measure_met(&m));
    m.actual = 99.5;
    assert_true(registers_measure_met(&m));
    m.actual = 99.6;
    assert_false(registers_measure_met(&m));
    m.actual = NAN;
    assert_false(registers_measure_met(&m));
    m.lower_is_better = 0;
    assert_false(registers_measure_met(&m));
}

static void test_span(void **state)
{
    (void)state;
    tz_t *tz = NULL;
    diag_t d = {0};
    assert_int_equal(tz_load("UTC", &tz, &d), ST_OK);
    metrics_period_t p = {days_from_civil(2028, 2, 1) * 86400, days_from_civil(2028, 3, 1) * 86400,
                          days_from_civil(2028, 2, 29) * 86400 + 3600, NULL, 0};
    reg_span_t sp = registers_span(&p, tz);
    /* end = as-of, 29 Feb 2028 01:00; a year earlier: 28 Feb 2027 01:00 */
    assert_int_equal(sp.end, days_from_civil(2028, 2, 29) * 86400 + 3600);
    assert_int_equal(sp.year_ago, days_from_civil(2027, 2, 28) * 86400 + 3600);
    assert_true(registers_in_year(days_from_civil(2027, 3, 1), &sp));
    assert_false(registers_in_year(days_from_civil(2027, 2, 28), &sp));
    assert_true(registers_before_end(days_from_civil(2028, 2, 29), &sp));
    assert_false(registers_before_end(REG_NO_DATE, &sp));
    tz_free(tz);
}

/* The column list that messages give for each register is the column table itself: every
 * name in order, none left out or added, each found again by registers_column. */
static void test_columns_help(void **state)
{
    (void)state;
    for (int k = 0; k < REG_COUNT; k++) {
        char joined[1024] = "";
        int c = 0;
        for (const char *name; (name = registers_column_name((register_kind_t)k, c)); c++) {
            assert_int_equal(registers_column((register_kind_t)k, name), c);
            if (c)
                strcat(joined, ", ");
            assert_true(strlen(joined) + strlen(name) < sizeof joined);
            strcat(joined, name);
        }
        assert_true(c >= 3);
        assert_null(registers_column_name((register_kind_t)k, c + 1));
        assert_null(registers_column_name((register_kind_t)k, -1));
        assert_string_equal(registers_columns_help((register_kind_t)k), joined);
    }
    assert_null(registers_column_name(REG_COUNT, 0));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_columns_help),
        cmocka_unit_test(test_actions),
        cmocka_unit_test(test_end_is_as_of),
        cmocka_unit_test(test_nonconformities),
        cmocka_unit_test(test_audits),
        cmocka_unit_test(test_complaints),
        cmocka_unit_test(test_suppliers),
        cmocka_unit_test(test_risks),
        cmocka_unit_test(test_improvements),
        cmocka_unit_test(test_capacity),
        cmocka_unit_test(test_context_and_review_inputs),
        cmocka_unit_test(test_review_inputs_measured),
        cmocka_unit_test(test_empty_register),
        cmocka_unit_test(test_missing_column),
        cmocka_unit_test(test_columns_mapping),
        cmocka_unit_test(test_xlsx_date_cells),
        cmocka_unit_test(test_measure_met),
        cmocka_unit_test(test_span),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
