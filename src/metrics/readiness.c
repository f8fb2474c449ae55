/*
 * readiness — docs/metrics.md §11: scoring a self-assessment against the catalogue, and the checks
 * the period's data can make on what was claimed.
 */
#include "metrics/readiness.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "metrics/registers.h"

double readiness_round(double pct)
{
    return isnan(pct) ? pct : round_half_away(pct, 2);
}

static void S_fact(readiness_check_t *c, int passed, double value, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
static void S_fact(readiness_check_t *c, int passed, double value, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(c->fact, sizeof c->fact, fmt, ap);
    va_end(ap);
    c->passed = passed;
    c->value = value;
}

static double S_pct(size_t part, size_t whole)
{
    return whole ? 100.0 * (double)part / (double)whole : NAN;
}

/* Appends a name to a short list ("a, b, c and 2 more"). */
static void S_list_add(char *buf, size_t cap, size_t *shown, size_t *more, const char *name)
{
    if (*shown < 3) {
        size_t len = strlen(buf);
        snprintf(buf + len, cap - len, "%s%s", *shown ? ", " : "", name);
        (*shown)++;
    } else {
        (*more)++;
    }
}

static void S_list_end(char *buf, size_t cap, size_t more)
{
    if (more) {
        size_t len = strlen(buf);
        snprintf(buf + len, cap - len, " and %zu more", more);
    }
}

static void S_check_incidents(const store_t *st, const metrics_period_t *p, readiness_check_t *c)
{
    size_t n = 0, full = 0;
    for (size_t i = 0, nt = period_ntickets(st, p); i < nt; i++) {
        const ticket_t *t = period_ticket(st, p, i);
        if (t->kind != KIND_INCIDENT || !ticket_counts(t, p->as_of) || !in_period(t->opened, p))
            continue;
        n++;
        full += t->priority > 0 && t->service != NULL;
    }
    double pct = S_pct(full, n);
    if (!n)
        S_fact(c, 0, NAN, "No incident was recorded in the period.");
    else
        S_fact(c, pct >= READINESS_RECORDED_PCT, pct,
               "%zu incidents opened; %.1f %% with both a priority and a service (%.0f %% needed).",
               n, pct, READINESS_RECORDED_PCT);
}

static void S_check_sla_targets(const config_t *cfg, const store_t *st, const metrics_period_t *p,
                                readiness_check_t *c)
{
    int seen[2][6] = {{0}};
    for (size_t i = 0, nt = period_ntickets(st, p); i < nt; i++) {
        const ticket_t *t = period_ticket(st, p, i);
        if (!is_incident_or_request(t) || !ticket_counts(t, p->as_of) || !in_period(t->opened, p))
            continue;
        seen[t->kind == KIND_REQUEST][t->priority >= 0 && t->priority <= 5 ? t->priority : 0] = 1;
    }
    size_t nseen = 0, covered = 0, shown = 0, more = 0;
    char missing[160] = "";
    for (int k = 0; k < 2; k++)
        for (int pr = 0; pr <= 5; pr++) {
            if (!seen[k][pr])
                continue;
            nseen++;
            int kind = k ? KIND_REQUEST : KIND_INCIDENT;
            if (config_sla_target(cfg, kind, pr)) {
                covered++;
            } else {
                char name[40];
                if (pr)
                    snprintf(name, sizeof name, "%s P%d", kind_names[kind], pr);
                else
                    snprintf(name, sizeof name, "%s without priority", kind_names[kind]);
                S_list_add(missing, sizeof missing, &shown, &more, name);
            }
        }
    S_list_end(missing, sizeof missing, more);
    if (!nseen)
        S_fact(c, 0, NAN,
               "No incident or request was opened in the period, so no target is in use.");
    else if (covered == nseen)
        S_fact(c, 1, S_pct(covered, nseen), "Targets cover all %zu kind/priority pairs seen.",
               nseen);
    else
        S_fact(c, 0, S_pct(covered, nseen),
               "Targets cover %zu of %zu kind/priority pairs seen (none for %s).", covered, nseen,
               missing);
}

static void S_check_sla_measured(const metrics_t *m, readiness_check_t *c)
{
    const sla_result_t *s = &m->sla;
    size_t resp = s->resp_met + s->resp_breached, res = s->res_met + s->res_breached;
    if (!resp && !res) {
        S_fact(c, 0, NAN, "No ticket of the period could be measured against an SLA target.");
        return;
    }
    char a[64] = "no response measured", b[64] = "no resolution measured";
    if (resp)
        snprintf(a, sizeof a, "response on %zu tickets (%.1f %% met)", resp,
                 s->response_attainment_pct);
    if (res)
        snprintf(b, sizeof b, "resolution on %zu tickets (%.1f %% met)", res,
                 s->resolution_attainment_pct);
    S_fact(c, 1, (double)(resp + res), "Measured %s and %s.", a, b);
}

static void S_check_availability_targets(const config_t *cfg, const metrics_t *m,
                                         readiness_check_t *c)
{
    size_t with = 0, agreed = 0, shown = 0, more = 0;
    char missing[160] = "";
    for (size_t i = 0; i < m->navailability; i++) {
        const availability_row_t *r = &m->availability[i];
        if (!r->outages)
            continue;
        with++;
        if (config_service(cfg, r->service))
            agreed++;
        else
            S_list_add(missing, sizeof missing, &shown, &more, r->service);
    }
    S_list_end(missing, sizeof missing, more);
    if (!with && !cfg->nservices)
        S_fact(c, 0, NAN, "No service has an agreed availability target in the config.");
    else if (!with)
        S_fact(c, 1, 100, "No outage in the period; %zu services have agreed targets.",
               cfg->nservices);
    else if (agreed == with)
        S_fact(c, 1, 100, "All %zu services with outages have an agreed target.", with);
    else
        S_fact(c, 0, S_pct(agreed, with),
               "%zu of %zu services with outages have an agreed target (not: %s).", agreed, with,
               missing);
}

/* (Without outage data the check is not made: S_sources_absent.) */
static void S_check_availability_measured(const metrics_t *m, readiness_check_t *c)
{
    size_t measured = 0, met = 0;
    for (size_t i = 0; i < m->navailability; i++) {
        const availability_row_t *r = &m->availability[i];
        if (!r->in_catalogue || isnan(r->availability_pct))
            continue;
        measured++;
        met += r->met_target == 1;
    }
    if (!measured)
        S_fact(c, 0, 0, "No agreed service could be measured in the period.");
    else
        S_fact(c, 1, (double)measured,
               "%zu catalogue services measured against their own targets; %zu met them.", measured,
               met);
}

static void S_check_csat(const metrics_t *m, readiness_check_t *c)
{
    size_t n = m->satisfaction.responses;
    if (!n)
        S_fact(c, 0, 0, "No survey response in the period.");
    else if (n < READINESS_MIN_RESPONSES)
        S_fact(c, 0, (double)n, "Only %zu survey responses (at least %d needed).", n,
               READINESS_MIN_RESPONSES);
    else
        S_fact(c, 1, (double)n, "%zu survey responses; CSAT %.1f %%.", n, m->satisfaction.csat_pct);
}

static void S_check_changes(const store_t *st, const metrics_period_t *p, readiness_check_t *rec,
                            readiness_check_t *emg)
{
    size_t n = 0, typed = 0, emergency = 0, done = 0, with_outcome = 0;
    for (size_t i = 0, nt = period_ntickets(st, p); i < nt; i++) {
        const ticket_t *t = period_ticket(st, p, i);
        /* a cancelled change counts nowhere but in `cancelled` (docs/metrics.md) */
        if (t->kind != KIND_CHANGE || !ticket_counts(t, p->as_of))
            continue;
        if (in_period(t->opened, p)) {
            n++;
            typed += t->change_type != CHANGE_NONE;
            emergency += t->change_type == CHANGE_EMERGENCY;
        }
        if (in_period(ticket_resolution(t, p->as_of), p)) {
            done++;
            with_outcome += t->outcome != OUTCOME_NONE;
        }
    }
    double tp = S_pct(typed, n), op = S_pct(with_outcome, done);
    if (!n && !done) {
        S_fact(rec, 0, NAN, "No change was recorded in the period.");
        S_fact(emg, 0, NAN, "No change was recorded in the period.");
        return;
    }
    int ok = (!n || tp >= READINESS_RECORDED_PCT) && (!done || op >= READINESS_RECORDED_PCT);
    char a[96] = "none opened", b[96] = "none completed";
    if (n)
        snprintf(a, sizeof a, "%zu opened, %.1f %% with a type", n, tp);
    if (done)
        snprintf(b, sizeof b, "%zu completed, %.1f %% with an outcome", done, op);
    S_fact(rec, ok,
           isnan(tp)   ? op
           : isnan(op) ? tp
                       : fmin(tp, op),
           "Changes: %s; %s (%.0f %% needed).", a, b, READINESS_RECORDED_PCT);
    if (!n)
        S_fact(emg, 0, NAN, "No change was opened in the period.");
    else
        S_fact(emg, tp >= READINESS_RECORDED_PCT, (double)emergency,
               "%zu of %zu changes opened were emergency changes; %.1f %% carry a type.", emergency,
               n, tp);
}

static void S_check_problems(const metrics_t *m, readiness_check_t *c)
{
    const efficiency_t *e = &m->efficiency;
    size_t n = e->problems_opened + e->problems_open_end;
    if (!n)
        S_fact(c, 0, 0, "No problem record was opened in the period or open at its end.");
    else
        S_fact(c, 1, (double)e->problems_opened,
               "%zu problems opened, %zu resolved, %zu open at the end of the period.",
               e->problems_opened, e->problems_resolved, e->problems_open_end);
}

static void S_check_reports(const readiness_data_t *d, readiness_check_t *c)
{
    /* walk back from this period through reports whose end is the next one's start */
    ts_t start = d->metrics->period.start;
    size_t run = 1;
    for (size_t guard = 0; guard < d->nreports; guard++) {
        size_t j = 0;
        while (j < d->nreports && !(d->reports[j][1] == start && d->reports[j][0] < start))
            j++;
        if (j == d->nreports)
            break;
        run++;
        start = d->reports[j][0];
    }
    S_fact(
        c, run >= READINESS_REPORTS_IN_A_ROW, (double)run,
        "%zu consecutive period%s reported up to this one (history file and this pack; %d needed).",
        run, run == 1 ? "" : "s", READINESS_REPORTS_IN_A_ROW);
}

/* A check that cannot be made: why, in words. */
static void S_not_checked(readiness_check_t *c, const char *why)
{
    S_fact(c, CHECK_NOT_CHECKED, NAN, "Not checked: %s.", why);
}

/* docs/metrics.md §11: a check whose source is absent, or whose period the data misses, is not
 * checked (it blocks nothing and contradicts nothing). */
static void S_sources_absent(const metrics_t *m, readiness_check_t out[CHECK_COUNT])
{
    const data_kinds_t *k = &m->kinds;
    if (m->no_data) { /* the registers' checks stand: they read the registers, not the period */
        for (int c = 0; c < CHECK_INTERNAL_AUDIT; c++)
            S_not_checked(&out[c], "the data does not cover the period");
        return;
    }
    if (!k->tickets) {
        S_not_checked(&out[CHECK_INCIDENTS_RECORDED], "no ticket source is configured");
        S_not_checked(&out[CHECK_SLA_TARGETS], "no ticket source is configured");
        S_not_checked(&out[CHECK_SLA_MEASURED], "no ticket source is configured");
    }
    if (!k->outage_data) {
        static const char why[] = "no outage records are read and incidents are not counted as "
                                  "outages, so availability is not measured from the data";
        S_not_checked(&out[CHECK_AVAILABILITY_TARGETS], why);
        S_not_checked(&out[CHECK_AVAILABILITY_MEASURED], why);
    }
    if (!k->survey_source)
        S_not_checked(&out[CHECK_CSAT_MEASURED], "no survey source is configured");
    if (!k->changes) {
        S_not_checked(&out[CHECK_CHANGES_RECORDED], "no source holds a change record");
        S_not_checked(&out[CHECK_EMERGENCY_CHANGES], "no source holds a change record");
    }
    if (!k->problems)
        S_not_checked(&out[CHECK_PROBLEMS_RECORDED], "no source holds a problem record");
}

/* ---- the registers' evidence: not checked when the register is not given or not read ---- */

/* "2026-10-31": the last day before the span's end. */
static void S_end_day(const reg_span_t *sp, char buf[16])
{
    int64_t y;
    int m, d;
    civil_from_days(floor_div(sp->end - 1, 86400), &y, &m, &d);
    snprintf(buf, 16, "%04d-%02d-%02d", (int)y, m, d);
}

static int S_cmp_name(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static int S_not_given(const registers_t *g, register_kind_t k, readiness_check_t *c)
{
    if (g && g->read[k])
        return 0;
    S_fact(c, CHECK_NOT_CHECKED, NAN, "Not checked: no %s register is given%s.", register_names[k],
           g && g->given[k] ? " that could be read" : "");
    return 1;
}

static void S_check_internal_audit(const registers_t *g, const reg_span_t *sp, readiness_check_t *c)
{
    size_t n = 0, nyear = 0;
    int64_t latest = REG_NO_DATE;
    const char **names = xmalloc((g->nfindings ? g->nfindings : 1) * sizeof(char *));
    for (size_t i = 0; i < g->nfindings; i++) {
        const reg_finding_t *f = &g->findings[i];
        if (f->kind != AUDIT_INTERNAL || !registers_before_end(f->date, sp))
            continue;
        if (f->date > latest)
            latest = f->date;
        if (registers_in_year(f->date, sp))
            names[nyear++] = f->audit;
    }
    /* an audit has a row per finding: its name counts once */
    qsort(names, nyear, sizeof *names, S_cmp_name);
    for (size_t i = 0; i < nyear; i++)
        n += i == 0 || strcmp(names[i], names[i - 1]) != 0;
    free(names);
    char end[16];
    S_end_day(sp, end);
    if (n)
        S_fact(c, 1, (double)n, "%zu internal audit%s dated in the 12 months to %s.", n,
               n == 1 ? "" : "s", end);
    else if (latest != REG_NO_DATE) {
        int64_t y;
        int m, d;
        civil_from_days(latest, &y, &m, &d);
        S_fact(c, 0, 0,
               "No internal audit in the 12 months to %s; the latest is dated %04d-%02d-%02d.", end,
               (int)y, m, d);
    } else
        S_fact(c, 0, 0, "The audits register holds no internal audit dated before %s.", end);
}

static void S_check_review_actions(const registers_t *g, const reg_span_t *sp, readiness_check_t *c)
{
    size_t n = 0, open = 0, overdue = 0;
    for (size_t i = 0; i < g->nactions; i++) {
        const reg_action_t *a = &g->actions[i];
        reg_state_t s = registers_action_state(a, sp);
        if (!s.exists || (a->source != REG_NONE && a->source != ASRC_REVIEW))
            continue;
        n++;
        open += s.open;
        overdue += s.overdue;
    }
    if (n)
        S_fact(c, 1, (double)n,
               "%zu actions from management reviews on record; %zu open at the end of the period, "
               "%zu of them overdue.",
               n, open, overdue);
    else
        S_fact(c, 0, 0,
               "The actions register holds no action from a management review (source review or "
               "none) raised before the end of the period.");
}

/* Nonconformities closed in the twelve months before end: each with its corrective action
 * recorded (one still open may be waiting for its root cause). */
static void S_check_corrective(const registers_t *g, const reg_span_t *sp, readiness_check_t *c)
{
    size_t n = 0, with = 0, shown = 0, more = 0;
    char missing[160] = "";
    for (size_t i = 0; i < g->nnonconformities; i++) {
        const reg_nonconformity_t *nc = &g->nonconformities[i];
        if (!registers_in_year(nc->closed, sp))
            continue;
        n++;
        if (nc->corrective_action)
            with++;
        else
            S_list_add(missing, sizeof missing, &shown, &more, nc->id);
    }
    S_list_end(missing, sizeof missing, more);
    double pct = S_pct(with, n);
    if (!n)
        S_fact(c, CHECK_NOT_CHECKED, NAN,
               "Not checked: no nonconformity was closed in the 12 months before the end of the "
               "period.");
    else if (pct >= READINESS_RECORDED_PCT)
        S_fact(c, 1, pct,
               "%zu of %zu nonconformities closed in the last 12 months have a corrective action "
               "recorded.",
               with, n);
    else
        S_fact(c, 0, pct,
               "%zu of %zu nonconformities closed in the last 12 months have a corrective action "
               "recorded (%.0f %% needed; without: %s).",
               with, n, READINESS_RECORDED_PCT, missing);
}

static void S_check_improvements(const registers_t *g, const reg_span_t *sp, readiness_check_t *c)
{
    size_t raised = 0, open = 0;
    for (size_t i = 0; i < g->nimprovements; i++) {
        const reg_improvement_t *m = &g->improvements[i];
        raised += registers_in_year(m->raised, sp);
        open += registers_improvement_state(m, sp).open;
    }
    if (raised || open)
        S_fact(c, 1, (double)raised,
               "%zu improvements raised in the last 12 months; %zu open at the end of the period.",
               raised, open);
    else
        S_fact(c, 0, 0,
               "The improvements register holds no improvement raised in the last 12 months and "
               "none open.");
}

/* A register `period` that overlaps the twelve months before end. */
static int S_period_in_year(const reg_period_t *p, const reg_span_t *sp)
{
    return p->first * 86400 < sp->end && p->end * 86400 > sp->year_ago;
}

static void S_check_suppliers(const registers_t *g, const reg_span_t *sp, readiness_check_t *c)
{
    size_t n = 0, met = 0;
    for (size_t i = 0; i < g->nmeasures; i++) {
        const reg_measure_t *m = &g->measures[i];
        if (!S_period_in_year(&m->period, sp))
            continue;
        n++;
        met += registers_measure_met(m);
    }
    if (n)
        S_fact(c, 1, (double)n, "%zu supplier measures in the last 12 months; %zu on target.", n,
               met);
    else
        S_fact(c, 0, 0, "The suppliers register holds no measure for the last 12 months.");
}

static void S_check_capacity(const registers_t *g, const reg_span_t *sp, readiness_check_t *c)
{
    size_t n = 0;
    for (size_t i = 0; i < g->ncapacity; i++)
        n += S_period_in_year(&g->capacity[i].period, sp);
    if (n)
        S_fact(c, 1, (double)n, "%zu capacity figures for the last 12 months.", n);
    else
        S_fact(c, 0, 0, "The capacity register holds no figure for the last 12 months.");
}

/* The checks on the registers, each with the register it reads: one that was not read is
 * not checked. */
typedef struct register_check {
    check_id_t check;
    register_kind_t reg;
    void (*fn)(const registers_t *g, const reg_span_t *sp, readiness_check_t *c);
} register_check_t;

static const register_check_t REGISTER_CHECKS[] = {
    {CHECK_INTERNAL_AUDIT, REG_AUDITS, S_check_internal_audit},
    {CHECK_REVIEW_ACTIONS, REG_ACTIONS, S_check_review_actions},
    {CHECK_CORRECTIVE_ACTIONS, REG_NONCONFORMITIES, S_check_corrective},
    {CHECK_IMPROVEMENTS, REG_IMPROVEMENTS, S_check_improvements},
    {CHECK_SUPPLIER_MEASURES, REG_SUPPLIERS, S_check_suppliers},
    {CHECK_CAPACITY, REG_CAPACITY, S_check_capacity}};

static void S_register_checks(const readiness_data_t *d, readiness_check_t out[CHECK_COUNT])
{
    const registers_t *g = d->registers;
    reg_span_t sp = {0, 0, 0};
    if (g && d->tz)
        sp = registers_span(&d->metrics->period, d->tz);
    else
        g = NULL;
    for (size_t i = 0; i < sizeof REGISTER_CHECKS / sizeof *REGISTER_CHECKS; i++) {
        const register_check_t *rc = &REGISTER_CHECKS[i];
        if (!S_not_given(g, rc->reg, &out[rc->check]))
            rc->fn(g, &sp, &out[rc->check]);
    }
}

void readiness_checks(const readiness_data_t *d, readiness_check_t out[CHECK_COUNT])
{
    const metrics_period_t *p = &d->metrics->period;
    memset(out, 0, CHECK_COUNT * sizeof *out);
    S_check_incidents(d->store, p, &out[CHECK_INCIDENTS_RECORDED]);
    S_check_sla_targets(d->cfg, d->store, p, &out[CHECK_SLA_TARGETS]);
    S_check_sla_measured(d->metrics, &out[CHECK_SLA_MEASURED]);
    S_check_availability_targets(d->cfg, d->metrics, &out[CHECK_AVAILABILITY_TARGETS]);
    S_check_availability_measured(d->metrics, &out[CHECK_AVAILABILITY_MEASURED]);
    S_check_csat(d->metrics, &out[CHECK_CSAT_MEASURED]);
    S_check_changes(d->store, p, &out[CHECK_CHANGES_RECORDED], &out[CHECK_EMERGENCY_CHANGES]);
    S_check_problems(d->metrics, &out[CHECK_PROBLEMS_RECORDED]);
    S_check_reports(d, &out[CHECK_REPORTS_PRODUCED]);
    S_register_checks(d, out);
    S_sources_absent(d->metrics, out);
}

/* ---- scoring ---- */

/* Appends a reason to a list; measured first, for it quotes catalogue texts of any length. */
static void S_reason(char ***list, size_t *n, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static void S_reason(char ***list, size_t *n, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int len = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    char *buf = xmalloc(len > 0 ? (size_t)len + 1 : 1);
    buf[0] = '\0';
    va_start(ap, fmt);
    if (len > 0)
        vsnprintf(buf, (size_t)len + 1, fmt, ap);
    va_end(ap);
    *list = xrealloc(*list, (*n + 1) * sizeof(char *));
    (*list)[(*n)++] = buf;
}

int readiness_has_evidence(const assessment_entry_t *e)
{
    for (const char *p = e->evidence; p && *p; p++)
        if (*p != ' ' && *p != '\t' && *p != ';' && *p != '\n' && *p != '\r')
            return 1;
    return 0;
}

const char *readiness_gap_reason(const readiness_gap_t *g)
{
    return g->no_evidence ? "no evidence named" : "score";
}

static const catalogue_t *S_sort_cat;
static int S_cmp_gap(const void *a, const void *b)
{
    const readiness_gap_t *x = a, *y = b;
    if (x->major != y->major)
        return x->major ? -1 : 1;
    return catalogue_cmp_id(S_sort_cat->items[x->item].id, S_sort_cat->items[y->item].id);
}

/* The length of an item's text without its final full stop, for quoting it inside a sentence
 * ("%.*s"). */
static int S_text_len(const catalogue_item_t *it)
{
    size_t n = strlen(it->text);
    if (n && it->text[n - 1] == '.')
        n--;
    return n > 100000 ? 100000 : (int)n;
}

static const char *S_required_name(char r)
{
    return r == 'M' ? "required document" : r == 'R' ? "required record" : "item";
}

/* The weighted score of the assessed items under `clause` (NULL: all), or NAN. */
static double S_score_under(const assessment_t *a, const char *clause, size_t *items,
                            size_t *assessed)
{
    const catalogue_t *cat = a->catalogue;
    double sw = 0, sws = 0;
    *items = *assessed = 0;
    for (size_t i = 0; i < cat->nitems; i++) {
        if (clause && !catalogue_under(cat->items[i].clause, clause))
            continue;
        (*items)++;
        int s = a->entries[i].score;
        if (s < 0)
            continue;
        (*assessed)++;
        sw += cat->items[i].weight;
        sws += cat->items[i].weight * s;
    }
    return sw > 0 ? 100.0 * (sws / sw) / 5.0 : NAN;
}

/* The score of every clause of the catalogue, at every level. */
static void S_clauses(const assessment_t *a, readiness_result_t *out)
{
    const catalogue_t *cat = a->catalogue;
    out->nclauses = cat->nclauses;
    out->clauses = xcalloc(cat->nclauses ? cat->nclauses : 1, sizeof *out->clauses);
    for (size_t c = 0; c < cat->nclauses; c++) {
        readiness_clause_t *rc = &out->clauses[c];
        rc->clause = cat->clauses[c].number;
        rc->title = cat->clauses[c].title;
        for (const char *p = rc->clause; *p; p++)
            rc->depth += *p == '.';
        rc->score_pct = S_score_under(a, rc->clause, &rc->items, &rc->assessed);
    }
}

/* The gap register: every assessed item below 3, and every assessed item of required
 * documented information that names no evidence (a major gap whatever its score); major
 * first. */
static void S_gaps(const assessment_t *a, readiness_result_t *out)
{
    const catalogue_t *cat = a->catalogue;
    out->gaps = xcalloc(cat->nitems ? cat->nitems : 1, sizeof *out->gaps);
    for (size_t i = 0; i < cat->nitems; i++) {
        const assessment_entry_t *e = &a->entries[i];
        int required = cat->items[i].required != 0;
        int no_evidence = required && !readiness_has_evidence(e);
        if (e->score < 0 || (e->score >= 3 && !no_evidence))
            continue;
        readiness_gap_t *g = &out->gaps[out->ngaps++];
        g->item = i;
        g->score = e->score;
        /* below 3 the score is the gap; at 3 or more only the missing evidence is */
        g->no_evidence = e->score >= 3;
        g->major = e->score <= 1 || required;
        out->nmajor += g->major;
    }
    S_sort_cat = cat;
    qsort(out->gaps, out->ngaps, sizeof *out->gaps, S_cmp_gap);
    S_sort_cat = NULL;
}

/* Stage 1: every item of required documented information assessed, at 3 or more, and naming
 * its evidence. Each reason names the item, its requirement and what is missing. */
static void S_stage1(const assessment_t *a, readiness_result_t *out)
{
    const catalogue_t *cat = a->catalogue;
    for (size_t i = 0; i < cat->nitems; i++) {
        const catalogue_item_t *it = &cat->items[i];
        const assessment_entry_t *e = &a->entries[i];
        if (!it->required)
            continue;
        int evidence = readiness_has_evidence(e);
        if (e->score < 0)
            S_reason(&out->stage1_reasons, &out->nstage1_reasons,
                     "%s (%s, clause %s: %.*s): not assessed.", it->id,
                     S_required_name(it->required), it->clause, S_text_len(it), it->text);
        else if (e->score < 3)
            S_reason(&out->stage1_reasons, &out->nstage1_reasons,
                     "%s (%s, clause %s: %.*s): scores %d, below 3%s.", it->id,
                     S_required_name(it->required), it->clause, S_text_len(it), it->text, e->score,
                     evidence ? "" : ", and no evidence named");
        else if (!evidence)
            S_reason(&out->stage1_reasons, &out->nstage1_reasons,
                     "%s (%s, clause %s: %.*s): no evidence named (scores %d, but the "
                     "self-assessment names no document or record that shows it).",
                     it->id, S_required_name(it->required), it->clause, S_text_len(it), it->text,
                     e->score);
    }
    out->stage1_ready = out->nstage1_reasons == 0;
}

/* Stage 2, beyond stage 1: each clause 4..10 at 60 % or more, no major gap, 9.2 and 9.3 at 3
 * or more, and no self-assessed score the data contradicts. */
static void S_stage2(const assessment_t *a, readiness_result_t *out)
{
    const catalogue_t *cat = a->catalogue;
    for (int top = 4; top <= 10; top++) {
        char num[12];
        snprintf(num, sizeof num, "%d", top);
        long c = catalogue_find_clause(cat, num);
        double pct = c >= 0 ? out->clauses[c].score_pct : NAN;
        const char *title = c >= 0 ? out->clauses[c].title : "not in the catalogue";
        if (isnan(pct))
            S_reason(&out->stage2_reasons, &out->nstage2_reasons,
                     "Clause %s (%s): no item assessed; each clause 4 to 10 needs 60 %%.", num,
                     title);
        else if (readiness_round(pct) < 60)
            S_reason(&out->stage2_reasons, &out->nstage2_reasons,
                     "Clause %s (%s): scores %.2f %%, below the 60 %% needed.", num, title,
                     readiness_round(pct));
    }
    for (size_t g = 0; g < out->ngaps; g++) {
        const catalogue_item_t *it = &cat->items[out->gaps[g].item];
        if (!out->gaps[g].major || it->required) /* required items are stage 1's reasons */
            continue;
        S_reason(&out->stage2_reasons, &out->nstage2_reasons,
                 "%s (clause %s: %.*s): scores %d, a major gap (0 or 1).", it->id, it->clause,
                 S_text_len(it), it->text, out->gaps[g].score);
    }
    for (size_t i = 0; i < cat->nitems; i++) {
        const catalogue_item_t *it = &cat->items[i];
        int s = a->entries[i].score;
        if (!(catalogue_under(it->clause, "9.2") || catalogue_under(it->clause, "9.3")) || s >= 3)
            continue;
        if (s < 0)
            S_reason(&out->stage2_reasons, &out->nstage2_reasons,
                     "%s (clause %s: %.*s): not assessed; every item of internal audit and "
                     "management review must be.",
                     it->id, it->clause, S_text_len(it), it->text);
        else if (s > 1 && !it->required) /* 0 or 1, or a required item: listed above */
            S_reason(&out->stage2_reasons, &out->nstage2_reasons,
                     "%s (clause %s: %.*s): scores %d, below the 3 internal audit and management "
                     "review need.",
                     it->id, it->clause, S_text_len(it), it->text, s);
    }
    for (size_t i = 0; out->have_checks && i < cat->nitems; i++) {
        if (!out->contradicted[i])
            continue;
        const catalogue_item_t *it = &cat->items[i];
        for (int c = 0; c < CHECK_COUNT; c++)
            if ((it->checks & CHECK_BIT(c)) && out->checks[c].passed == CHECK_FAIL)
                S_reason(&out->stage2_reasons, &out->nstage2_reasons,
                         "%s (clause %s: %.*s): self-assessed at %d, but the data contradicts "
                         "it: %s",
                         it->id, it->clause, S_text_len(it), it->text, a->entries[i].score,
                         out->checks[c].fact);
    }
    out->stage2_ready = out->stage1_ready && out->nstage2_reasons == 0;
}

/* The data's word on what was claimed: a check that was made on data covering the period and
 * failed contradicts a score of 3 or more of the items it speaks to; a check not made
 * contradicts nothing. */
static void S_contradictions(const assessment_t *a, const readiness_check_t *checks,
                             readiness_result_t *out)
{
    const catalogue_t *cat = a->catalogue;
    out->contradicted = xcalloc(cat->nitems ? cat->nitems : 1, sizeof(int));
    if (checks) {
        out->have_checks = 1;
        memcpy(out->checks, checks, sizeof out->checks);
        unsigned failed = 0;
        for (int c = 0; c < CHECK_COUNT; c++)
            if (checks[c].passed == CHECK_FAIL)
                failed |= CHECK_BIT(c);
        for (size_t i = 0; i < cat->nitems; i++)
            if (a->entries[i].score >= 3 && (cat->items[i].checks & failed)) {
                out->contradicted[i] = 1;
                out->ncontradicted++;
            }
    }
}

void readiness_score(const assessment_t *a, const readiness_check_t *checks,
                     readiness_result_t *out)
{
    const catalogue_t *cat = a->catalogue;
    memset(out, 0, sizeof *out);
    out->nitems = cat->nitems;
    out->overall_pct = S_score_under(a, NULL, &out->nitems, &out->assessed);
    out->coverage_pct = cat->nitems ? 100.0 * (double)out->assessed / (double)cat->nitems : NAN;
    S_clauses(a, out);
    S_gaps(a, out);
    S_contradictions(a, checks, out);
    S_stage1(a, out);
    S_stage2(a, out);
}

void readiness_clear(readiness_result_t *r)
{
    if (!r)
        return;
    for (size_t i = 0; i < r->nstage1_reasons; i++)
        free(r->stage1_reasons[i]);
    for (size_t i = 0; i < r->nstage2_reasons; i++)
        free(r->stage2_reasons[i]);
    free(r->stage1_reasons);
    free(r->stage2_reasons);
    free(r->clauses);
    free(r->gaps);
    free(r->contradicted);
    memset(r, 0, sizeof *r);
}
