/*
 * Unit tests: the readiness catalogue (its coverage of ISO/IEC 20000-1:2018, whose clause
 * numbers tests/fixtures/readiness/clauses.txt lists), the scoring rules of
 * docs/metrics.md §11 on small hand-made assessments worked out in the comments, and every data
 * check on crafted data that passes and that fails it, with the contradiction flag.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/config_load.h"
#include "metrics/readiness.h"

#define CLAUSES "tests/fixtures/readiness/clauses.txt"

/* ---- the catalogue ---- */

static void test_catalogue_covers_the_standard(void **state)
{
    (void)state;
    FILE *f = fopen(CLAUSES, "rb");
    assert_non_null(f);
    char line[256];
    size_t found = 0, tops = 0;
    char seen[128][16];
    while (fgets(line, sizeof line, f)) {
        line[strcspn(line, "\r\n")] = '\0';
        if (line[0] == '#' || line[0] == '\0')
            continue;
        if (catalogue_find_clause(&catalogue_builtin, line) < 0)
            fail_msg("clause %s of %s is not in the catalogue", line, CLAUSES);
        assert_true(found < sizeof seen / sizeof seen[0] && strlen(line) < sizeof seen[0]);
        strcpy(seen[found++], line);
        tops += strchr(line, '.') == NULL;
    }
    fclose(f);
    assert_int_equal(found, 77); /* 4 … 10.2 with 8.1 … 8.7.3.3 */
    assert_int_equal(tops, 7);
    /* and the catalogue holds no clause the standard does not have */
    const catalogue_t *c = &catalogue_builtin;
    for (size_t i = 0; i < c->nclauses; i++) {
        size_t k = 0;
        while (k < found && strcmp(seen[k], c->clauses[i].number) != 0)
            k++;
        if (k == found)
            fail_msg("catalogue clause %s is not in %s", c->clauses[i].number, CLAUSES);
    }
}

static void test_catalogue_well_formed(void **state)
{
    (void)state;
    const catalogue_t *c = &catalogue_builtin;
    size_t required = 0;
    for (size_t i = 0; i < c->nclauses; i++) {
        /* parents come first */
        const char *dot = strrchr(c->clauses[i].number, '.');
        if (dot) {
            char parent[16];
            snprintf(parent, sizeof parent, "%.*s", (int)(dot - c->clauses[i].number),
                     c->clauses[i].number);
            long p = catalogue_find_clause(c, parent);
            if (p < 0 || (size_t)p >= i)
                fail_msg("clause %s comes before its parent", c->clauses[i].number);
        }
        /* a clause without sub-clauses has items */
        int leaf = i + 1 == c->nclauses ||
                   !catalogue_under(c->clauses[i + 1].number, c->clauses[i].number);
        size_t items = 0;
        for (size_t j = 0; j < c->nitems; j++)
            items += !strcmp(c->items[j].clause, c->clauses[i].number);
        if (leaf && !items)
            fail_msg("clause %s has no assessment item", c->clauses[i].number);
    }
    for (size_t i = 0; i < c->nitems; i++) {
        const catalogue_item_t *it = &c->items[i];
        assert_int_equal(catalogue_find_item(c, it->id), (long)i); /* unique */
        assert_true(catalogue_find_clause(c, it->clause) >= 0);
        assert_true(it->weight > 0);
        /* no longer than a couple of sentences */
        size_t sentences = 0;
        for (const char *p = it->text; *p; p++)
            sentences += (*p == '.' || *p == '?') && (p[1] == '\0' || p[1] == ' ');
        if (strlen(it->text) > 200 || sentences < 1 || sentences > 2)
            fail_msg("item %s: %zu characters, %zu sentences", it->id, strlen(it->text), sentences);
        required += it->required != 0;
    }
    /* certification bodies count 20–25 required documents and records; several are split here */
    assert_true(required >= 20 && required <= 40);
    assert_true(catalogue_cmp_id("9.4-a", "10.1-a") < 0);
    assert_true(catalogue_cmp_id("8.5.1.3-b", "8.5.1.3-a") > 0);
    assert_true(catalogue_cmp_id("8.5", "8.5") == 0);
    assert_true(catalogue_under("8.5.1.3", "8.5") && !catalogue_under("8.50", "8.5") &&
                !catalogue_under("8", "8.5"));
}

/* ---- scoring, on a small catalogue: clauses 4–10 with one sub-clause each (9 has three) ---- */

static const catalogue_clause_t CL[] = {
    {"4", "Context"},          {"4.1", "Issues"},
    {"5", "Leadership"},       {"5.1", "Commitment"},
    {"6", "Planning"},         {"6.1", "Risks"},
    {"7", "Support"},          {"7.1", "Resources"},
    {"8", "Operation"},        {"8.1", "Control"},
    {"9", "Evaluation"},       {"9.1", "Monitoring"},
    {"9.2", "Internal audit"}, {"9.3", "Management review"},
    {"10", "Improvement"},     {"10.1", "Corrective action"},
};
enum { I41A, I41B, I51A, I61A, I71A, I81A, I91A, I92A, I93A, I101A, NI };
static const catalogue_item_t IT[NI] = {
    {"4.1-a", "4.1", "A.", 1, 0, 0},
    {"4.1-b", "4.1", "B.", 3, 'M', 0},
    {"5.1-a", "5.1", "C.", 1, 0, 0},
    {"6.1-a", "6.1", "D.", 1, 0, 0},
    {"7.1-a", "7.1", "E.", 1, 0, 0},
    {"8.1-a", "8.1", "F.", 1, 0,
     CHECK_BIT(CHECK_INCIDENTS_RECORDED) | CHECK_BIT(CHECK_SLA_MEASURED)},
    {"9.1-a", "9.1", "G.", 1, 0, 0},
    {"9.2-a", "9.2", "H.", 1, 0, 0},
    {"9.3-a", "9.3", "I.", 1, 'R', 0},
    {"10.1-a", "10.1", "J.", 1, 0, 0},
};
static const catalogue_t CAT = {CL, sizeof CL / sizeof CL[0], IT, NI};

static assessment_entry_t entries[NI];
static assessment_t A = {&CAT, entries, NULL, NULL};

/* Every item at `score`, each naming its evidence. */
static void all(int score)
{
    memset(entries, 0, sizeof entries);
    for (int i = 0; i < NI; i++) {
        entries[i].score = score;
        entries[i].evidence = "EV-1";
    }
}

static const readiness_clause_t *clause(const readiness_result_t *r, const char *num)
{
    for (size_t i = 0; i < r->nclauses; i++)
        if (!strcmp(r->clauses[i].clause, num))
            return &r->clauses[i];
    fail_msg("no clause %s", num);
    return NULL;
}

static int has_reason(char **list, size_t n, const char *what)
{
    for (size_t i = 0; i < n; i++)
        if (strstr(list[i], what))
            return 1;
    return 0;
}

#define NEAR(a, b) assert_true(fabs((a) - (b)) < 1e-9)

static void test_weights_and_unassessed(void **state)
{
    (void)state;
    readiness_result_t r;
    /* 4.1-a scores 5 (weight 1), 4.1-b scores 1 (weight 3): (5 + 3) / 4 = 2 → 40 %;
     * 5.1-a unassessed; the rest 4 → 80 % */
    all(4);
    entries[I41A].score = 5;
    entries[I41B].score = 1;
    entries[I51A].score = -1;
    readiness_score(&A, NULL, &r);
    NEAR(clause(&r, "4")->score_pct, 40);
    NEAR(clause(&r, "4.1")->score_pct, 40);
    assert_true(isnan(clause(&r, "5")->score_pct)); /* nothing assessed beneath */
    assert_int_equal(clause(&r, "5")->items, 1);
    assert_int_equal(clause(&r, "5")->assessed, 0);
    assert_int_equal(clause(&r, "9")->items, 3);
    NEAR(clause(&r, "9")->score_pct, 80);
    /* overall: (5 + 3 + 4 × 7) / (1 + 3 + 7) = 36 / 11 → 100 × 36 / 11 / 5 */
    NEAR(r.overall_pct, 100.0 * 36 / 11 / 5);
    NEAR(r.coverage_pct, 90);
    assert_int_equal(r.assessed, 9);
    /* 4.1-b is required documentation below 3: a major gap that blocks stage 1 */
    assert_int_equal(r.ngaps, 1);
    assert_int_equal(r.nmajor, 1);
    assert_false(r.stage1_ready);
    /* the reason names the item, its requirement and what is missing */
    assert_true(has_reason(r.stage1_reasons, r.nstage1_reasons,
                           "4.1-b (required document, clause 4.1: B): scores 1, below 3."));
    assert_int_equal(strcmp(readiness_gap_reason(&r.gaps[0]), "score"), 0);
    assert_false(r.stage2_ready);
    assert_true(
        has_reason(r.stage2_reasons, r.nstage2_reasons, "Clause 4 (Context): scores 40.00 %"));
    assert_true(
        has_reason(r.stage2_reasons, r.nstage2_reasons, "Clause 5 (Leadership): no item assessed"));
    readiness_clear(&r);

    /* nothing assessed: every score null, coverage 0, no gap, not ready */
    all(-1);
    readiness_score(&A, NULL, &r);
    assert_true(isnan(r.overall_pct));
    NEAR(r.coverage_pct, 0);
    assert_int_equal(r.ngaps, 0);
    assert_false(r.stage1_ready); /* required items unassessed */
    assert_true(has_reason(r.stage1_reasons, r.nstage1_reasons,
                           "9.3-a (required record, clause 9.3: I): not assessed."));
    readiness_clear(&r);
}

static void test_evidence_named(void **state)
{
    (void)state;
    readiness_result_t r;
    /* 9.3-a, a required record, at 4 but naming no evidence: a major gap "no evidence named"
     * that blocks stage 1 (and so stage 2), whatever its score */
    all(4);
    entries[I93A].evidence = NULL;
    readiness_score(&A, NULL, &r);
    assert_int_equal(r.ngaps, 1);
    assert_int_equal(r.nmajor, 1);
    assert_int_equal(r.gaps[0].item, I93A);
    assert_string_equal(readiness_gap_reason(&r.gaps[0]), "no evidence named");
    assert_false(r.stage1_ready);
    assert_false(r.stage2_ready);
    assert_int_equal(r.nstage1_reasons, 1);
    assert_true(has_reason(r.stage1_reasons, r.nstage1_reasons,
                           "9.3-a (required record, clause 9.3: I): no evidence named"));
    assert_int_equal(r.nstage2_reasons, 0); /* stage 2 lists only reasons beyond stage 1's */
    readiness_clear(&r);
    /* blank evidence is no evidence; an item that is not required needs none */
    all(4);
    entries[I93A].evidence = "  ";
    entries[I51A].evidence = NULL;
    readiness_score(&A, NULL, &r);
    assert_int_equal(r.ngaps, 1);
    assert_false(r.stage1_ready);
    readiness_clear(&r);
    /* a required item below 3 and without evidence: the gap's reason is its score, and the
     * stage 1 reason says both */
    all(4);
    entries[I41B].score = 2;
    entries[I41B].evidence = NULL;
    readiness_score(&A, NULL, &r);
    assert_int_equal(r.ngaps, 1);
    assert_true(r.gaps[0].major);
    assert_string_equal(readiness_gap_reason(&r.gaps[0]), "score");
    assert_true(has_reason(r.stage1_reasons, r.nstage1_reasons,
                           "scores 2, below 3, and no evidence named"));
    readiness_clear(&r);
    /* an unassessed required item is not a gap, but not ready */
    all(4);
    entries[I41B].score = -1;
    entries[I41B].evidence = NULL;
    readiness_score(&A, NULL, &r);
    assert_int_equal(r.ngaps, 0);
    assert_false(r.stage1_ready);
    readiness_clear(&r);
    assessment_entry_t e = {3, "  ;  ", NULL, NULL, NULL, 0};
    assert_false(readiness_has_evidence(&e));
    e.evidence = "BCP-01";
    assert_true(readiness_has_evidence(&e));
}

static void test_sixty_exactly(void **state)
{
    (void)state;
    readiness_result_t r;
    /* every item at 3: every clause exactly 60 %, which meets the line */
    all(3);
    readiness_score(&A, NULL, &r);
    NEAR(clause(&r, "8")->score_pct, 60);
    assert_true(r.stage1_ready);
    assert_true(r.stage2_ready);
    assert_int_equal(r.nstage2_reasons, 0);
    readiness_clear(&r);
    /* clause 9 meets the line through a mean: 9.1 at 4, 9.2 at 2, 9.3 at 3 → 9 / 3 = 3 → 60 %;
     * but 9.2-a below 3 blocks stage 2 on its own */
    all(3);
    entries[I91A].score = 4;
    entries[I92A].score = 2;
    readiness_score(&A, NULL, &r);
    NEAR(clause(&r, "9")->score_pct, 60);
    assert_true(r.stage1_ready);
    assert_false(r.stage2_ready);
    assert_int_equal(r.nstage2_reasons, 1);
    assert_true(has_reason(r.stage2_reasons, r.nstage2_reasons,
                           "9.2-a (clause 9.2: H): scores 2, below the 3"));
    assert_int_equal(r.ngaps, 1);
    assert_int_equal(r.nmajor, 0); /* 2 and not required: minor */
    readiness_clear(&r);
    /* just under the line: 4.1-a at 2 (weight 1), 4.1-b at 3 (weight 3): (2 + 9) / 4 = 2.75 → 55 %
     */
    all(3);
    entries[I41A].score = 2;
    readiness_score(&A, NULL, &r);
    NEAR(clause(&r, "4")->score_pct, 55);
    assert_true(r.stage1_ready);
    assert_false(r.stage2_ready);
    assert_true(has_reason(r.stage2_reasons, r.nstage2_reasons,
                           "Clause 4 (Context): scores 55.00 %, below the 60 % needed"));
    readiness_clear(&r);
    /* 9.3 unassessed blocks stage 2 (and stage 1, as 9.3-a is a required record) */
    all(3);
    entries[I93A].score = -1;
    readiness_score(&A, NULL, &r);
    assert_false(r.stage1_ready);
    assert_false(r.stage2_ready);
    assert_true(has_reason(r.stage2_reasons, r.nstage2_reasons,
                           "9.3-a (clause 9.3: I): not assessed; every item of internal audit"));
    readiness_clear(&r);
}

static void test_gap_order_and_severity(void **state)
{
    (void)state;
    readiness_result_t r;
    all(4);
    entries[I101A].score = 2; /* minor */
    entries[I91A].score = 0;  /* major: 0 */
    entries[I41A].score = 2;  /* minor */
    entries[I51A].score = 1;  /* major: 1 */
    entries[I93A].score = 2;  /* major: required */
    readiness_score(&A, NULL, &r);
    assert_int_equal(r.ngaps, 5);
    assert_int_equal(r.nmajor, 3);
    static const char *const want[] = {"5.1-a", "9.1-a", "9.3-a", "4.1-a", "10.1-a"};
    for (size_t i = 0; i < 5; i++)
        assert_string_equal(CAT.items[r.gaps[i].item].id, want[i]);
    assert_true(r.gaps[0].major && r.gaps[2].major && !r.gaps[3].major);
    assert_true(has_reason(r.stage2_reasons, r.nstage2_reasons,
                           "9.1-a (clause 9.1: G): scores 0, a major gap"));
    /* 9.3-a is required: its gap is a stage 1 reason, not repeated for stage 2 */
    assert_false(has_reason(r.stage2_reasons, r.nstage2_reasons, "9.3-a"));
    assert_true(has_reason(r.stage1_reasons, r.nstage1_reasons, "9.3-a"));
    readiness_clear(&r);
}

static void test_contradiction(void **state)
{
    (void)state;
    readiness_check_t checks[CHECK_COUNT];
    memset(checks, 0, sizeof checks);
    for (int c = 0; c < CHECK_COUNT; c++)
        checks[c].passed = 1;
    readiness_result_t r;
    all(3);
    readiness_score(&A, checks, &r);
    assert_int_equal(r.ncontradicted, 0);
    readiness_clear(&r);
    /* a failed check that speaks to 8.1-a, self-assessed at 3: contradicted */
    checks[CHECK_SLA_MEASURED].passed = 0;
    readiness_score(&A, checks, &r);
    assert_int_equal(r.ncontradicted, 1);
    assert_true(r.contradicted[I81A]);
    /* a contradicted score blocks stage 2, with the item, its requirement and the fact */
    assert_true(r.stage1_ready);
    assert_false(r.stage2_ready);
    assert_true(has_reason(r.stage2_reasons, r.nstage2_reasons,
                           "8.1-a (clause 8.1: F): self-assessed at 3, but the data contradicts"));
    readiness_clear(&r);
    /* a check not made (its source absent) contradicts nothing and blocks nothing */
    checks[CHECK_SLA_MEASURED].passed = CHECK_NOT_CHECKED;
    readiness_score(&A, checks, &r);
    assert_int_equal(r.ncontradicted, 0);
    assert_true(r.stage2_ready);
    readiness_clear(&r);
    checks[CHECK_SLA_MEASURED].passed = 0;
    /* at 2 the item claims nothing the data could contradict */
    entries[I81A].score = 2;
    readiness_score(&A, checks, &r);
    assert_int_equal(r.ncontradicted, 0);
    readiness_clear(&r);
    /* a failed check that speaks to no assessed item contradicts nothing */
    all(5);
    checks[CHECK_SLA_MEASURED].passed = 1;
    checks[CHECK_CSAT_MEASURED].passed = 0;
    readiness_score(&A, checks, &r);
    assert_int_equal(r.ncontradicted, 0);
    readiness_clear(&r);
}

/* ---- the data checks, October 2026 in UTC ---- */

static const char CONFIG[] = "timezone: UTC\n"
                             "sources: [{file: x.csv, profile: tickets}, {file: o.csv, profile: "
                             "outages}, {file: s.csv, profile: csat}]\n"
                             "services:\n"
                             "  - {name: Email, availability_target: 99.9}\n"
                             "sla:\n"
                             "  incident:\n"
                             "    1: {respond: 15m, resolve: 4h}\n"
                             "  request:\n"
                             "    default: {respond: 8h, resolve: 3d}\n";

typedef struct fx {
    config_t *cfg;
    tz_t *tz;
    store_t *store;
    metrics_period_t p;
    readiness_check_t c[CHECK_COUNT];
} fx_t;

static ts_t T(const char *s)
{
    parsed_time_t pt;
    if (!s)
        return TS_NONE;
    assert_int_equal(timeparse_canonical(s, strlen(s), &pt), 0);
    return pt.seconds;
}

static ticket_t *add(fx_t *f, int kind, int prio, const char *svc, const char *opened,
                     const char *resolved)
{
    ticket_t t;
    memset(&t, 0, sizeof t);
    char id[32];
    snprintf(id, sizeof id, "t%zu", f->store->ntickets + 1);
    t.id = arena_strdup(f->store->arena, id);
    t.kind = (int8_t)kind;
    t.priority = (int8_t)prio;
    t.status = TSTATUS_NONE;
    t.opened = T(opened);
    t.first_response = TS_NONE;
    t.resolved = T(resolved);
    t.closed = TS_NONE;
    t.reopen_count = t.reassignment_count = -1;
    t.change_type = CHANGE_NONE;
    t.outcome = OUTCOME_NONE;
    t.service = svc ? intern(f->store->strings, svc, strlen(svc)) : NULL;
    return store_add_ticket(f->store, &t);
}

static void fx_open(fx_t *f, const char *config)
{
    memset(f, 0, sizeof *f);
    diag_t d = {0};
    assert_int_equal(config_load_buffer("t.yaml", config, strlen(config), &f->cfg, &d), ST_OK);
    assert_int_equal(tz_load("UTC", &f->tz, &d), ST_OK);
    f->store = store_new(f->cfg->nsources);
    for (size_t i = 0; i < f->cfg->nsources; i++) /* as reading the sources records them */
        f->store->quality[i].profile = f->cfg->sources[i].profile;
    f->p.start = T("2026-10-01 00:00");
    f->p.end = T("2026-11-01 00:00");
    f->p.as_of = T("2026-11-01 06:00");
}

/* Computes the metrics and runs the checks, with `nreports` history spans; `blank`: as for a
 * period the data does not cover. */
static void fx_run_blank(fx_t *f, const ts_t (*reports)[2], size_t nreports, int blank)
{
    metrics_t *m = metrics_compute(f->cfg, f->store, f->tz, &f->p);
    if (blank)
        metrics_blank(m);
    readiness_data_t rd = {f->cfg, f->store, m, reports, nreports, NULL, f->tz};
    readiness_checks(&rd, f->c);
    metrics_free(m);
}

static void fx_run(fx_t *f, const ts_t (*reports)[2], size_t nreports)
{
    fx_run_blank(f, reports, nreports, 0);
}

static void fx_close(fx_t *f)
{
    store_free(f->store);
    tz_free(f->tz);
    config_free(f->cfg);
}

static void test_checks_empty(void **state)
{
    (void)state;
    fx_t f;
    fx_open(&f, CONFIG);
    fx_run(&f, NULL, 0);
    /* no data in the sources: the ticket checks fail; availability passes on the outage source
     * that holds no outage (Email measured at 100 %, its target agreed); no change or problem
     * record anywhere: those checks are not made; no register is given: the registers' checks
     * are not made either (they contradict nothing) */
    assert_int_equal(f.c[CHECK_INCIDENTS_RECORDED].passed, CHECK_FAIL);
    for (int c = CHECK_INTERNAL_AUDIT; c < CHECK_COUNT; c++) {
        assert_int_equal(f.c[c].passed, CHECK_NOT_CHECKED);
        assert_non_null(strstr(f.c[c].fact, "Not checked: no "));
    }
    assert_non_null(strstr(f.c[CHECK_INCIDENTS_RECORDED].fact, "No incident"));
    assert_int_equal(f.c[CHECK_SLA_TARGETS].passed, CHECK_FAIL);
    assert_int_equal(f.c[CHECK_SLA_MEASURED].passed, CHECK_FAIL);
    assert_int_equal(f.c[CHECK_AVAILABILITY_TARGETS].passed, CHECK_PASS);
    assert_int_equal(f.c[CHECK_AVAILABILITY_MEASURED].passed, CHECK_PASS);
    assert_int_equal(f.c[CHECK_CSAT_MEASURED].passed, CHECK_FAIL);
    assert_int_equal(f.c[CHECK_CHANGES_RECORDED].passed, CHECK_NOT_CHECKED);
    assert_int_equal(f.c[CHECK_EMERGENCY_CHANGES].passed, CHECK_NOT_CHECKED);
    assert_int_equal(f.c[CHECK_PROBLEMS_RECORDED].passed, CHECK_NOT_CHECKED);
    assert_non_null(strstr(f.c[CHECK_PROBLEMS_RECORDED].fact, "Not checked: no source holds a"));
    assert_int_equal(f.c[CHECK_REPORTS_PRODUCED].passed, CHECK_FAIL);
    assert_non_null(strstr(f.c[CHECK_REPORTS_PRODUCED].fact, "1 consecutive period"));
    /* a period the data does not cover: nothing is checked (the registers' checks read the
     * registers, not the period's data; none is given here) */
    fx_run_blank(&f, NULL, 0, 1);
    for (int c = 0; c < CHECK_COUNT; c++)
        assert_int_equal(f.c[c].passed, CHECK_NOT_CHECKED);
    assert_non_null(strstr(f.c[CHECK_SLA_MEASURED].fact, "does not cover the period"));
    fx_close(&f);
    /* tickets only: no outage data, no survey source; those checks are not made */
    fx_open(&f, "timezone: UTC\nsources: [{file: x.csv, profile: tickets}]\n");
    add(&f, KIND_INCIDENT, 1, "Email", "2026-10-05 10:00", "2026-10-05 11:00");
    fx_run(&f, NULL, 0);
    assert_int_equal(f.c[CHECK_INCIDENTS_RECORDED].passed, CHECK_PASS);
    assert_int_equal(f.c[CHECK_AVAILABILITY_TARGETS].passed, CHECK_NOT_CHECKED);
    assert_int_equal(f.c[CHECK_AVAILABILITY_MEASURED].passed, CHECK_NOT_CHECKED);
    assert_non_null(strstr(f.c[CHECK_AVAILABILITY_MEASURED].fact, "no outage records"));
    assert_int_equal(f.c[CHECK_CSAT_MEASURED].passed, CHECK_NOT_CHECKED);
    fx_close(&f);
}

static void test_checks_pass(void **state)
{
    (void)state;
    fx_t f;
    fx_open(&f, CONFIG);
    /* 20 incidents: 19 with priority and service = exactly 95 % → pass */
    for (int i = 0; i < 19; i++)
        add(&f, KIND_INCIDENT, 1, "Email", "2026-10-05 10:00", "2026-10-05 11:00");
    add(&f, KIND_INCIDENT, 1, NULL, "2026-10-06 10:00", "2026-10-06 11:00");
    add(&f, KIND_REQUEST, 3, "Email", "2026-10-07 10:00", "2026-10-07 12:00"); /* request default */
    /* changes: 2 opened with a type, both completed with an outcome; one emergency */
    ticket_t *t = add(&f, KIND_CHANGE, 3, "Email", "2026-10-08 10:00", "2026-10-09 10:00");
    t->change_type = CHANGE_EMERGENCY, t->outcome = OUTCOME_SUCCESSFUL;
    t = add(&f, KIND_CHANGE, 3, "Email", "2026-10-08 10:00", "2026-10-09 10:00");
    t->change_type = CHANGE_NORMAL, t->outcome = OUTCOME_FAILED;
    /* a cancelled change with neither: it counts nowhere but in `cancelled` */
    t = add(&f, KIND_CHANGE, 3, "Email", "2026-10-08 10:00", "2026-10-08 12:00");
    t->status = TSTATUS_CANCELLED;
    /* a problem still open */
    add(&f, KIND_PROBLEM, 3, "Email", "2026-09-08 10:00", NULL);
    /* an outage on Email, 30 survey responses */
    outage_t o;
    memset(&o, 0, sizeof o);
    o.service = intern(f.store->strings, "Email", 5);
    o.type = OUTAGE_OUTAGE;
    o.start = T("2026-10-10 10:00");
    o.end = T("2026-10-10 10:30");
    o.source = 1; /* the outage source */
    store_add_outage(f.store, &o);
    for (int i = 0; i < READINESS_MIN_RESPONSES; i++) {
        survey_t s;
        memset(&s, 0, sizeof s);
        s.source = 2;
        s.responded = T("2026-10-12 10:00");
        s.score = 4;
        s.nps = -1;
        store_add_survey(f.store, &s);
    }
    /* history: August and September, ending where October starts → 3 in a row; a July row
     * that does not touch August does not extend the run */
    ts_t reports[3][2] = {{T("2026-09-01 00:00"), T("2026-10-01 00:00")},
                          {T("2026-08-01 00:00"), T("2026-09-01 00:00")},
                          {T("2026-06-01 00:00"), T("2026-07-01 00:00")}};
    fx_run(&f, (const ts_t(*)[2])reports, 3);
    for (int c = 0; c < CHECK_INTERNAL_AUDIT; c++) /* every check of the period's data */
        if (f.c[c].passed != CHECK_PASS)
            fail_msg("check %s did not pass: %s", check_names[c], f.c[c].fact);
    for (int c = CHECK_INTERNAL_AUDIT; c < CHECK_COUNT; c++) /* no register given */
        assert_int_equal(f.c[c].passed, CHECK_NOT_CHECKED);
    NEAR(f.c[CHECK_INCIDENTS_RECORDED].value, 95);
    NEAR(f.c[CHECK_REPORTS_PRODUCED].value, 3);
    NEAR(f.c[CHECK_EMERGENCY_CHANGES].value, 1);
    NEAR(f.c[CHECK_CSAT_MEASURED].value, 30);
    assert_non_null(strstr(f.c[CHECK_CHANGES_RECORDED].fact, "2 opened, 100.0 % with a type"));
    fx_close(&f);
}

static void test_checks_fail(void **state)
{
    (void)state;
    fx_t f;
    /* incidents P2 (no target: incidents have no default), 18 of 20 with a service: 90 % */
    fx_open(&f, CONFIG);
    for (int i = 0; i < 18; i++)
        add(&f, KIND_INCIDENT, 2, "Email", "2026-10-05 10:00", "2026-10-05 11:00");
    add(&f, KIND_INCIDENT, 2, NULL, "2026-10-06 10:00", NULL);
    add(&f, KIND_INCIDENT, 0, "Email", "2026-10-06 10:00", NULL);
    /* a change with no type completed with no outcome */
    add(&f, KIND_CHANGE, 3, "Email", "2026-10-08 10:00", "2026-10-09 10:00");
    /* an outage on a service the config does not agree */
    outage_t o;
    memset(&o, 0, sizeof o);
    o.service = intern(f.store->strings, "Printing", 8);
    o.source = 1;
    o.type = OUTAGE_OUTAGE;
    o.start = T("2026-10-10 10:00");
    o.end = T("2026-10-10 10:30");
    store_add_outage(f.store, &o);
    /* 29 responses: one short */
    for (int i = 0; i < READINESS_MIN_RESPONSES - 1; i++) {
        survey_t s;
        memset(&s, 0, sizeof s);
        s.source = 2;
        s.responded = T("2026-10-12 10:00");
        s.score = 5;
        s.nps = -1;
        store_add_survey(f.store, &s);
    }
    /* history with a gap: September missing */
    ts_t reports[1][2] = {{T("2026-08-01 00:00"), T("2026-09-01 00:00")}};
    fx_run(&f, (const ts_t(*)[2])reports, 1);
    assert_false(f.c[CHECK_INCIDENTS_RECORDED].passed);
    NEAR(f.c[CHECK_INCIDENTS_RECORDED].value, 90);
    assert_false(f.c[CHECK_SLA_TARGETS].passed);
    assert_non_null(strstr(f.c[CHECK_SLA_TARGETS].fact, "incident P2"));
    assert_non_null(strstr(f.c[CHECK_SLA_TARGETS].fact, "incident without priority"));
    assert_false(f.c[CHECK_SLA_MEASURED].passed);
    assert_false(f.c[CHECK_AVAILABILITY_TARGETS].passed);
    assert_non_null(strstr(f.c[CHECK_AVAILABILITY_TARGETS].fact, "not: Printing"));
    assert_true(f.c[CHECK_AVAILABILITY_MEASURED].passed); /* Email is measured (no outage: 100 %) */
    assert_false(f.c[CHECK_CSAT_MEASURED].passed);
    assert_non_null(strstr(f.c[CHECK_CSAT_MEASURED].fact, "Only 29"));
    assert_false(f.c[CHECK_CHANGES_RECORDED].passed);
    assert_false(f.c[CHECK_EMERGENCY_CHANGES].passed);
    assert_int_equal(f.c[CHECK_PROBLEMS_RECORDED].passed, CHECK_NOT_CHECKED); /* none at all */
    assert_false(f.c[CHECK_REPORTS_PRODUCED].passed);
    NEAR(f.c[CHECK_REPORTS_PRODUCED].value, 1);

    /* the contradiction flag on the built-in catalogue: 8.6.1-a claimed at 4 */
    assessment_entry_t *e = calloc(catalogue_builtin.nitems, sizeof *e);
    for (size_t i = 0; i < catalogue_builtin.nitems; i++)
        e[i].score = -1;
    e[catalogue_find_item(&catalogue_builtin, "8.6.1-a")].score = 4;
    e[catalogue_find_item(&catalogue_builtin, "8.6.2-a")].score = 4; /* no check speaks to it */
    assessment_t a = {&catalogue_builtin, e, NULL, NULL};
    readiness_result_t r;
    readiness_score(&a, f.c, &r);
    assert_int_equal(r.ncontradicted, 1);
    assert_true(r.contradicted[catalogue_find_item(&catalogue_builtin, "8.6.1-a")]);
    readiness_clear(&r);
    free(e);
    fx_close(&f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_catalogue_covers_the_standard),
        cmocka_unit_test(test_catalogue_well_formed),
        cmocka_unit_test(test_weights_and_unassessed),
        cmocka_unit_test(test_sixty_exactly),
        cmocka_unit_test(test_evidence_named),
        cmocka_unit_test(test_gap_order_and_severity),
        cmocka_unit_test(test_contradiction),
        cmocka_unit_test(test_checks_empty),
        cmocka_unit_test(test_checks_pass),
        cmocka_unit_test(test_checks_fail),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
