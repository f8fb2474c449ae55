/*
 * registers (metrics) — docs/metrics.md §14 over the registers' records: dates are local
 * days, compared with the span's local seconds (a day d is "before end" when its midnight is).
 * Pure: no I/O; the only memory it allocates belongs to the figures.
 */
#include "metrics/registers.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

const char *const band_names[3] = {"low", "medium", "high"};
const char *const review_input_names[INPUT_COUNT] = {"actions",
                                                     "issues",
                                                     "interested_parties",
                                                     "policies",
                                                     "objectives",
                                                     "nonconformities",
                                                     "monitoring",
                                                     "audits",
                                                     "customer_feedback",
                                                     "suppliers",
                                                     "service_performance",
                                                     "resources",
                                                     "risks",
                                                     "improvements"};
const char *const review_input_status_names[3] = {"missing", "declared", "measured"};

reg_span_t registers_span(const metrics_period_t *p, const tz_t *tz)
{
    reg_span_t sp;
    ts_t end = p->as_of < p->end ? p->as_of : p->end;
    sp.start = tz_utc_to_local(tz, p->start);
    sp.end = tz_utc_to_local(tz, end);
    if (sp.end < sp.start) /* as-of before the period: nothing of it has happened */
        sp.end = sp.start;
    /* the same wall-clock time twelve months earlier (29 February becomes the 28th) */
    int64_t day = floor_div(sp.end, 86400), secs = sp.end - day * 86400, y;
    int m, d;
    civil_from_days(day, &y, &m, &d);
    if (d > days_in_month(y - 1, m))
        d = days_in_month(y - 1, m);
    sp.year_ago = days_from_civil(y - 1, m, d) * 86400 + secs;
    return sp;
}

int registers_before_end(int64_t d, const reg_span_t *sp)
{
    return d != REG_NO_DATE && d * 86400 < sp->end;
}

int registers_in_period(int64_t d, const reg_span_t *sp)
{
    return d != REG_NO_DATE && d * 86400 >= sp->start && d * 86400 < sp->end;
}

int registers_in_year(int64_t d, const reg_span_t *sp)
{
    return d != REG_NO_DATE && d * 86400 >= sp->year_ago && d * 86400 < sp->end;
}

int registers_period_within(const reg_period_t *p, const reg_span_t *sp)
{
    return p->first * 86400 >= sp->start && p->end * 86400 <= sp->end;
}

int registers_measure_met(const reg_measure_t *m)
{
    return m->lower_is_better ? m->actual <= m->target : m->actual >= m->target;
}

reg_state_t registers_state(int64_t raised, int64_t due, int64_t closed, int closing,
                            const reg_span_t *sp)
{
    reg_state_t s;
    s.exists = raised == REG_NO_DATE || registers_before_end(raised, sp);
    /* a closed date decides alone: an item marked done but closed after end was open at end */
    s.closed = closed != REG_NO_DATE ? registers_before_end(closed, sp) : closing;
    s.open = s.exists && !s.closed;
    s.overdue = s.open && registers_before_end(due, sp);
    s.age = -1;
    if (s.exists && raised != REG_NO_DATE) {
        if (s.closed && closed != REG_NO_DATE)
            s.age = (long)(closed - raised);
        else if (!s.closed)
            s.age = (long)floor_div(sp->end - raised * 86400, 86400);
    }
    return s;
}

reg_state_t registers_action_state(const reg_action_t *a, const reg_span_t *sp)
{
    return registers_state(a->raised, a->due, a->closed,
                           a->status == ACT_DONE || a->status == ACT_CANCELLED, sp);
}

reg_state_t registers_nc_state(const reg_nonconformity_t *n, const reg_span_t *sp)
{
    return registers_state(n->raised, n->due, n->closed, 0, sp);
}

reg_state_t registers_finding_state(const reg_finding_t *f, const reg_span_t *sp)
{
    return registers_state(f->date, REG_NO_DATE, f->closed, f->status == FSTAT_CLOSED, sp);
}

reg_state_t registers_complaint_state(const reg_complaint_t *c, const reg_span_t *sp)
{
    return registers_state(c->received, REG_NO_DATE, c->resolved, 0, sp);
}

reg_state_t registers_risk_state(const reg_risk_t *k, const reg_span_t *sp)
{
    /* risks close by their status alone (the register has no closed date) */
    return registers_state(k->raised, REG_NO_DATE, REG_NO_DATE, k->status == RISK_CLOSED, sp);
}

reg_state_t registers_improvement_state(const reg_improvement_t *m, const reg_span_t *sp)
{
    return registers_state(m->raised, m->due, m->closed,
                           m->status == IMP_DONE || m->status == IMP_REJECTED, sp);
}

int registers_band(const config_t *cfg, int rating)
{
    return rating >= cfg->risk_high     ? BAND_HIGH
           : rating >= cfg->risk_medium ? BAND_MEDIUM
                                        : BAND_LOW;
}

/* ---- the figures of each register ---- */

static void S_actions(const registers_t *g, const reg_span_t *sp, register_figures_t *f)
{
    for (size_t i = 0; i < g->nactions; i++) {
        const reg_action_t *a = &g->actions[i];
        reg_state_t s = registers_action_state(a, sp);
        f->actions.open_end += s.open;
        f->actions.overdue += s.overdue;
        f->actions.done += a->status == ACT_DONE && registers_in_period(a->closed, sp);
        if (s.open)
            f->actions.by_source[a->source == REG_NONE ? ASRC_COUNT : a->source]++;
    }
}

static void S_nonconformities(const registers_t *g, const reg_span_t *sp, register_figures_t *f)
{
    size_t effective = 0;
    for (size_t i = 0; i < g->nnonconformities; i++) {
        const reg_nonconformity_t *n = &g->nonconformities[i];
        reg_state_t s = registers_nc_state(n, sp);
        f->nonconformities.raised += registers_in_period(n->raised, sp);
        f->nonconformities.closed += registers_in_period(n->closed, sp);
        f->nonconformities.open_end += s.open;
        f->nonconformities.overdue += s.overdue;
        f->nonconformities.major_open += s.open && n->severity == SEV_MAJOR;
        f->nonconformities.ineffective += registers_before_end(n->closed, sp) && n->effective == 0;
        if (registers_in_year(n->closed, sp) && n->effective != REG_NONE) {
            f->nonconformities.verified++;
            effective += n->effective == 1;
        }
    }
    f->nonconformities.effective_pct =
        f->nonconformities.verified
            ? 100.0 * (double)effective / (double)f->nonconformities.verified
            : NAN;
}

static int S_cmp_str(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static void S_audits(const registers_t *g, const reg_span_t *sp, register_figures_t *f)
{
    /* distinct audits dated in P: their names sorted, then counted once each */
    const char **names = xmalloc((g->nfindings ? g->nfindings : 1) * sizeof(char *));
    size_t n = 0;
    for (size_t i = 0; i < g->nfindings; i++) {
        const reg_finding_t *r = &g->findings[i];
        int dated_in_p = registers_in_period(r->date, sp);
        if (dated_in_p)
            names[n++] = r->audit;
        if (!r->finding)
            continue; /* a row without a finding only counts its audit */
        if (dated_in_p)
            f->audits.findings[r->grade == REG_NONE ? GRADE_COUNT : r->grade]++;
        int counted = r->grade == REG_NONE || r->grade == GRADE_MAJOR || r->grade == GRADE_MINOR;
        f->audits.open_findings_end += counted && registers_finding_state(r, sp).open;
    }
    qsort(names, n, sizeof *names, S_cmp_str);
    for (size_t i = 0; i < n; i++)
        f->audits.audits += i == 0 || strcmp(names[i], names[i - 1]) != 0;
    free(names);
}

/* The complaints received in P by service: the catalogue's services first (zero included),
 * then the others by name, then the complaints without a service. */
static void S_complaints(const config_t *cfg, const registers_t *g, const reg_span_t *sp,
                         register_figures_t *f)
{
    const char **other = xmalloc((g->ncomplaints ? g->ncomplaints : 1) * sizeof(char *));
    size_t nother = 0, none = 0;
    for (size_t i = 0; i < g->ncomplaints; i++) {
        const reg_complaint_t *c = &g->complaints[i];
        f->complaints.open_end += registers_complaint_state(c, sp).open;
        if (!registers_in_period(c->received, sp))
            continue;
        f->complaints.received++;
        f->complaints.upheld += c->upheld == 1;
        if (!c->service)
            none++;
        else if (!config_service(cfg, c->service))
            other[nother++] = c->service;
    }
    qsort(other, nother, sizeof *other, S_cmp_str);
    reg_count_t *bs = xcalloc(cfg->nservices + nother + 1, sizeof *bs);
    size_t n = 0;
    for (size_t i = 0; i < cfg->nservices; i++)
        bs[n++].name = cfg->services[i].name;
    for (size_t i = 0; i < nother; i++) {
        if (n > cfg->nservices && !strcmp(bs[n - 1].name, other[i])) {
            bs[n - 1].count++;
            continue;
        }
        bs[n].name = other[i];
        bs[n++].count = 1;
    }
    for (size_t i = 0; i < g->ncomplaints; i++) {
        const reg_complaint_t *c = &g->complaints[i];
        if (!registers_in_period(c->received, sp) || !c->service)
            continue;
        for (size_t k = 0; k < cfg->nservices; k++)
            if (!strcmp(bs[k].name, c->service))
                bs[k].count++;
    }
    bs[n].name = REG_NONE_KEY;
    bs[n++].count = none;
    f->complaints.by_service = bs;
    f->complaints.nby_service = n;
    free(other);
}

/* The addresses of the n rows of size bytes at base, sorted by cmp; cmp gets pointers to the
 * `const void *` entries. The caller frees the array (never NULL, even for n == 0). */
static const void **S_sorted_rows(const void *base, size_t n, size_t size,
                                  int (*cmp)(const void *, const void *))
{
    const void **rows = xcalloc(n ? n : 1, sizeof *rows);
    for (size_t i = 0; i < n; i++)
        rows[i] = (const char *)base + i * size;
    qsort(rows, n, sizeof *rows, cmp);
    return rows;
}

static int S_cmp_measure(const void *a, const void *b)
{
    const reg_measure_t *x = *(const void *const *)a, *y = *(const void *const *)b;
    return strcmp(x->supplier, y->supplier);
}

/* Every supplier of the register by name, with its measures within P and those met. */
static void S_suppliers(const registers_t *g, const reg_span_t *sp, register_figures_t *f)
{
    const void **rows =
        S_sorted_rows(g->measures, g->nmeasures, sizeof *g->measures, S_cmp_measure);
    f->suppliers = xcalloc(g->nmeasures ? g->nmeasures : 1, sizeof *f->suppliers);
    for (size_t i = 0; i < g->nmeasures; i++) {
        const reg_measure_t *m = rows[i];
        if (!f->nsuppliers || strcmp(f->suppliers[f->nsuppliers - 1].supplier, m->supplier))
            f->suppliers[f->nsuppliers++].supplier = m->supplier;
        supplier_score_t *s = &f->suppliers[f->nsuppliers - 1];
        if (!registers_period_within(&m->period, sp))
            continue;
        s->measures++;
        s->met += registers_measure_met(m);
    }
    for (size_t i = 0; i < f->nsuppliers; i++)
        f->suppliers[i].met_pct = f->suppliers[i].measures ? 100.0 * (double)f->suppliers[i].met /
                                                                 (double)f->suppliers[i].measures
                                                           : NAN;
    free(rows);
}

static void S_risks(const config_t *cfg, const registers_t *g, const reg_span_t *sp,
                    register_figures_t *f)
{
    for (size_t i = 0; i < g->nrisks; i++) {
        const reg_risk_t *k = &g->risks[i];
        if (!registers_risk_state(k, sp).open)
            continue;
        if (k->kind == RISK_KIND_OPPORTUNITY) {
            f->risks.opportunities++;
            continue;
        }
        /* treated and accepted risks stay on the register with their residual rating */
        int band = registers_band(cfg, k->likelihood * k->impact);
        f->risks.high += band == BAND_HIGH;
        f->risks.medium += band == BAND_MEDIUM;
        f->risks.low += band == BAND_LOW;
        f->risks.untreated += k->status == RISK_OPEN && !k->treatment;
        f->risks.review_overdue += registers_before_end(k->review_due, sp);
        f->risks.matrix[k->likelihood - 1][k->impact - 1]++;
    }
}

static void S_improvements(const registers_t *g, const reg_span_t *sp, register_figures_t *f)
{
    for (size_t i = 0; i < g->nimprovements; i++) {
        const reg_improvement_t *m = &g->improvements[i];
        reg_state_t s = registers_improvement_state(m, sp);
        f->improvements.raised += registers_in_period(m->raised, sp);
        f->improvements.done += m->status == IMP_DONE && registers_in_period(m->closed, sp);
        f->improvements.open_end += s.open;
        f->improvements.overdue += s.overdue;
    }
}

static int S_cmp_capacity(const void *a, const void *b)
{
    const reg_capacity_t *x = *(const void *const *)a, *y = *(const void *const *)b;
    int c = strcmp(x->service, y->service);
    if (!c)
        c = strcmp(x->resource, y->resource);
    if (!c && x->period.end != y->period.end)
        c = x->period.end < y->period.end ? -1 : 1;
    if (!c && x->period.first != y->period.first)
        c = x->period.first < y->period.first ? -1 : 1;
    if (!c) /* the later row of the file last, so that it wins a tie */
        c = x < y ? -1 : x > y;
    return c;
}

/* Per service and resource, the row of the latest period within P (the last of each group
 * once sorted by service, resource, period and file order). */
static void S_capacity(const registers_t *g, const reg_span_t *sp, register_figures_t *f)
{
    const void **rows =
        S_sorted_rows(g->capacity, g->ncapacity, sizeof *g->capacity, S_cmp_capacity);
    f->capacity = xcalloc(g->ncapacity ? g->ncapacity : 1, sizeof *f->capacity);
    for (size_t i = 0; i < g->ncapacity; i++) {
        const reg_capacity_t *r = rows[i], *prev = i ? rows[i - 1] : NULL;
        int new_pair =
            !prev || strcmp(prev->service, r->service) || strcmp(prev->resource, r->resource);
        f->capacity_pairs += new_pair;
        if (!registers_period_within(&r->period, sp))
            continue;
        /* a later period of the same pair (it sorts after) replaces the figure */
        const reg_capacity_t *last = f->ncapacity ? f->capacity[f->ncapacity - 1].row : NULL;
        int same =
            last && !strcmp(last->service, r->service) && !strcmp(last->resource, r->resource);
        capacity_figure_t *c = &f->capacity[same ? f->ncapacity - 1 : f->ncapacity++];
        c->row = r;
        c->utilisation_pct = 100.0 * r->used / r->capacity;
        c->over_threshold = c->utilisation_pct > r->threshold_pct;
    }
    free(rows);
}

static int S_cmp_context(const void *a, const void *b)
{
    const reg_context_t *x = *(const reg_context_t *const *)a,
                        *y = *(const reg_context_t *const *)b;
    if (x->date != y->date)
        return x->date < y->date ? -1 : 1;
    return x < y ? -1 : x > y; /* file order */
}

static void S_context(const registers_t *g, const reg_span_t *sp, register_figures_t *f)
{
    f->context = xmalloc((g->ncontext ? g->ncontext : 1) * sizeof *f->context);
    for (size_t i = 0; i < g->ncontext; i++)
        if (registers_in_period(g->context[i].date, sp))
            f->context[f->ncontext++] = &g->context[i];
    qsort(f->context, f->ncontext, sizeof *f->context, S_cmp_context);
}

void registers_compute(const config_t *cfg, const registers_t *regs, const reg_span_t *sp,
                       register_figures_t *out)
{
    memset(out, 0, sizeof *out);
    out->nonconformities.effective_pct = NAN;
    memcpy(out->read, regs->read, sizeof out->read);
    if (regs->read[REG_ACTIONS])
        S_actions(regs, sp, out);
    if (regs->read[REG_NONCONFORMITIES])
        S_nonconformities(regs, sp, out);
    if (regs->read[REG_AUDITS])
        S_audits(regs, sp, out);
    if (regs->read[REG_COMPLAINTS])
        S_complaints(cfg, regs, sp, out);
    if (regs->read[REG_SUPPLIERS])
        S_suppliers(regs, sp, out);
    if (regs->read[REG_RISKS])
        S_risks(cfg, regs, sp, out);
    if (regs->read[REG_IMPROVEMENTS])
        S_improvements(regs, sp, out);
    if (regs->read[REG_CAPACITY])
        S_capacity(regs, sp, out);
    if (regs->read[REG_CONTEXT])
        S_context(regs, sp, out);
}

void register_figures_clear(register_figures_t *f)
{
    if (!f)
        return;
    free(f->complaints.by_service);
    free(f->suppliers);
    free(f->capacity);
    free(f->context);
    memset(f, 0, sizeof *f);
    f->nonconformities.effective_pct = NAN;
}

/* ---- what the review covers ---- */

static void S_source(review_input_t *in, const char *name)
{
    if (in->nsources < sizeof in->sources / sizeof in->sources[0])
        in->sources[in->nsources++] = name;
}

/* Declared from register k when it was read. */
static void S_declared(const registers_t *g, register_kind_t k, review_input_t *in)
{
    if (!g->read[k])
        return;
    in->status = INPUT_DECLARED;
    S_source(in, register_names[k]);
}

/* Whether the context register holds an entry of one of the kinds dated before end. */
static int S_context_has(const registers_t *g, const reg_span_t *sp, int kind1, int kind2)
{
    for (size_t i = 0; g->read[REG_CONTEXT] && i < g->ncontext; i++)
        if ((g->context[i].kind == kind1 || g->context[i].kind == kind2) &&
            registers_before_end(g->context[i].date, sp))
            return 1;
    return 0;
}

static void S_from_context(const registers_t *g, const reg_span_t *sp, int kind1, int kind2,
                           review_input_t *in)
{
    if (!S_context_has(g, sp, kind1, kind2))
        return;
    in->status = INPUT_DECLARED;
    S_source(in, register_names[REG_CONTEXT]);
}

/* Measured from the period's data: the kinds of record the inputs hold. */
static void S_measured(const review_measured_t *m, review_input_t *in)
{
    in->status = INPUT_MEASURED;
    if (m->tickets)
        S_source(in, "tickets");
    if (m->outages)
        S_source(in, "outages");
    if (m->surveys)
        S_source(in, "surveys");
}

void registers_review_inputs(const registers_t *g, const reg_span_t *sp, const review_measured_t *m,
                             review_input_t out[INPUT_COUNT])
{
    memset(out, 0, INPUT_COUNT * sizeof *out);
    /* "nothing open" is a declaration too: a register given with no rows declares it */
    S_declared(g, REG_ACTIONS, &out[INPUT_ACTIONS]);
    S_from_context(g, sp, CTX_INTERNAL_ISSUE, CTX_EXTERNAL_ISSUE, &out[INPUT_ISSUES]);
    S_from_context(g, sp, CTX_INTERESTED_PARTY, -1, &out[INPUT_INTERESTED_PARTIES]);
    S_from_context(g, sp, CTX_POLICY, -1, &out[INPUT_POLICIES]);
    S_from_context(g, sp, CTX_OBJECTIVE, -1, &out[INPUT_OBJECTIVES]);
    S_declared(g, REG_NONCONFORMITIES, &out[INPUT_NONCONFORMITIES]);
    if (m->period_covered)
        S_measured(m, &out[INPUT_MONITORING]);
    S_declared(g, REG_AUDITS, &out[INPUT_AUDITS]);
    review_input_t *fb = &out[INPUT_CUSTOMER_FEEDBACK];
    if (m->responses > 0) {
        fb->status = INPUT_MEASURED;
        S_source(fb, "surveys");
        if (g->read[REG_COMPLAINTS])
            S_source(fb, register_names[REG_COMPLAINTS]);
    } else {
        S_declared(g, REG_COMPLAINTS, fb);
    }
    S_declared(g, REG_SUPPLIERS, &out[INPUT_SUPPLIERS]);
    review_input_t *sp_in = &out[INPUT_SERVICE_PERFORMANCE];
    if (m->attainment_known || m->availability_measured) {
        sp_in->status = INPUT_MEASURED;
        /* availability comes from outage records, or from incidents when there are none */
        if (m->attainment_known || (m->availability_measured && !m->outages))
            S_source(sp_in, "tickets");
        if (m->availability_measured && m->outages)
            S_source(sp_in, "outages");
    }
    S_declared(g, REG_CAPACITY, &out[INPUT_RESOURCES]);
    S_from_context(g, sp, CTX_RESOURCES, -1, &out[INPUT_RESOURCES]);
    S_declared(g, REG_RISKS, &out[INPUT_RISKS]);
    S_declared(g, REG_IMPROVEMENTS, &out[INPUT_IMPROVEMENTS]);
}
