/*
 * report_review_inputs — what a management review covers and what it leaves on record
 * (docs/metrics.md §14 and the README's "The pack"): the "What this review covers" section (the
 * fourteen inputs of docs/metrics.md §14 with their status and source, the missing ones marked),
 * the executive summary's coverage line and its sentence per register, and "Decisions and actions
 * of this review" (the open actions carried forward and an empty table for the meeting's record).
 * The statuses come from metrics/registers.c.
 */
#include <math.h>
#include <string.h>

#include "report/report_parts.h"

/* The titles of the sections an input may point to (report_review.c gives the others the same
 * words). */
static const char *S_section_title(int id)
{
    switch (id) {
    case SECTION_TRENDS:
        return "Trends";
    case SECTION_SATISFACTION:
        return "Customer satisfaction";
    case SECTION_INCIDENTS:
        return "Incidents and requests";
    default:
        return id >= SECTION_REGISTER && id < SECTION_REGISTER + REG_COUNT
                   ? report_register_title((register_kind_t)(id - SECTION_REGISTER))
                   : NULL;
    }
}

/* Each input in the review's words, the section that shows it, and what would give it. */
static const struct {
    const char *text;
    int section; /* a section id */
    const char *give;
} INPUTS[INPUT_COUNT] = {
    {"Status of actions from earlier reviews", SECTION_REGISTER + REG_ACTIONS,
     "an actions register (registers.actions)"},
    {"Changes in external and internal issues", SECTION_REGISTER + REG_CONTEXT,
     "context entries of kind internal_issue or external_issue (registers.context)"},
    {"Needs and expectations of interested parties", SECTION_REGISTER + REG_CONTEXT,
     "context entries of kind interested_party (registers.context)"},
    {"Service management policies: followed and still fit", SECTION_REGISTER + REG_CONTEXT,
     "context entries of kind policy (registers.context)"},
    {"Achievement of service management objectives", SECTION_REGISTER + REG_CONTEXT,
     "context entries of kind objective (registers.context)"},
    {"Nonconformities and corrective actions", SECTION_REGISTER + REG_NONCONFORMITIES,
     "a nonconformities register (registers.nonconformities)"},
    {"Monitoring and measurement results", SECTION_TRENDS,
     "tickets, outages or surveys that cover the period"},
    {"Audit results", SECTION_REGISTER + REG_AUDITS, "an audits register (registers.audits)"},
    {"Customer feedback: satisfaction and complaints", SECTION_SATISFACTION,
     "survey responses in the period, or a complaints register (registers.complaints)"},
    {"Performance of suppliers and other parties", SECTION_REGISTER + REG_SUPPLIERS,
     "a suppliers register (registers.suppliers)"},
    {"Service performance against its targets", SECTION_INCIDENTS,
     "SLA targets met by tickets of the period, or outage records"},
    {"Resources and capacity, current and forecast", SECTION_REGISTER + REG_CAPACITY,
     "a capacity register (registers.capacity) or context entries of kind resources"},
    {"Risks and opportunities, and the actions on them", SECTION_REGISTER + REG_RISKS,
     "a risks register (registers.risks)"},
    {"Opportunities for improvement", SECTION_REGISTER + REG_IMPROVEMENTS,
     "an improvements register (registers.improvements)"}};

/* The names of the sources of an input ("tickets, outages", "the context register"). */
static const char *S_sources(report_t *r, const review_input_t *in)
{
    strbuf_t sb = {0};
    for (size_t i = 0; i < in->nsources; i++) {
        const char *s = in->sources[i];
        int data = !strcmp(s, "tickets") || !strcmp(s, "outages") || !strcmp(s, "surveys");
        strbuf_printf(&sb, "%s%s%s", i ? ", " : "", s, data ? "" : " register");
    }
    const char *out = arena_strdup(r->arena, strbuf_cstr(&sb));
    strbuf_clear(&sb);
    return out;
}

/* The missing inputs' names, comma-separated ("" when none), and how many there are. */
static const char *S_missing(report_t *r, size_t *n)
{
    const review_input_t *in = r->facts.review_inputs;
    strbuf_t sb = {0};
    *n = 0;
    for (int i = 0; i < INPUT_COUNT; i++)
        if (in[i].status == INPUT_MISSING)
            strbuf_printf(&sb, "%s%s", (*n)++ ? "; " : "", INPUTS[i].text);
    const char *out = arena_strdup(r->arena, strbuf_cstr(&sb));
    strbuf_clear(&sb);
    return out;
}

/* Where an input shows in the pack; customer feedback and resources have two homes. */
static int S_home(const report_t *r, int i)
{
    const review_input_t *in = &r->facts.review_inputs[i];
    if (i == INPUT_CUSTOMER_FEEDBACK && in->status == INPUT_DECLARED)
        return SECTION_REGISTER + REG_COMPLAINTS;
    if (i == INPUT_RESOURCES && in->status && strcmp(in->sources[0], "capacity") != 0)
        return SECTION_REGISTER + REG_CONTEXT;
    return INPUTS[i].section;
}

void report_review_inputs_section(report_t *r)
{
    const review_input_t *in = r->facts.review_inputs;
    report_section_t *s = report_add_section(r, "What this review covers", "Review inputs");
    s->id = SECTION_REVIEW_INPUTS;
    size_t count[3] = {0}, nmissing;
    for (int i = 0; i < INPUT_COUNT; i++)
        count[in[i].status]++;
    const char *missing = S_missing(r, &nmissing);
    report_add_para(
        s, report_fmt(r,
                      "A management review (ISO/IEC 20000-1:2018, clause 9.3) considers the "
                      "fourteen inputs below. For this period %zu are measured from the tickets, "
                      "outages and surveys and %zu are declared in the registers the "
                      "configuration names; %s.",
                      count[INPUT_MEASURED], count[INPUT_DECLARED],
                      nmissing ? report_fmt(r, "%zu %s missing: %s", nmissing,
                                            nmissing == 1 ? "is" : "are", missing)
                               : "none is missing"));
    if (nmissing)
        report_add_para(s, "A missing input is not evidence that all is well: the review has not "
                           "seen it, and its minutes should say how it was considered.");
    static const char *const hdr[] = {"Input of the review", "Status", "From", "In this pack"};
    report_table_t *t = report_add_table(r, s, "The inputs of clause 9.3", INPUT_COUNT, 4, hdr);
    t->row_links = arena_alloc(r->arena, INPUT_COUNT * sizeof(int));
    for (int i = 0; i < INPUT_COUNT; i++) {
        size_t row = (size_t)i;
        report_set_text(t, row, 0, INPUTS[i].text);
        report_set_text(t, row, 1,
                        in[i].status == INPUT_MISSING    ? "MISSING"
                        : in[i].status == INPUT_DECLARED ? "declared"
                                                         : "measured");
        report_cell(t, row, 1)->rag = in[i].status == INPUT_MISSING ? RAG_RED : RAG_GREEN;
        report_set_text(t, row, 2,
                        in[i].status == INPUT_MISSING
                            ? report_fmt(r, "nothing; it needs %s", INPUTS[i].give)
                            : S_sources(r, &in[i]));
        /* a link only where the pack has the section */
        int home = in[i].status == INPUT_MISSING ? -1 : S_home(r, i);
        t->row_links[row] = home;
        report_set_text(t, row, 3, home >= 0 ? S_section_title(home) : NULL);
    }
    report_add_note(
        s, "measured: computed from the period's tickets, outages or surveys; declared: taken "
           "from a register named in the configuration (an actions register without rows "
           "declares that nothing is open); missing: no input gives it.");
}

/* ---- the executive summary: coverage, then a sentence per register ---- */

static const char *S_actions_sentence(report_t *r, const register_figures_t *f)
{
    return report_fmt(r, "%zu overdue of %zu open at the end of the period; %zu done in it.",
                      f->actions.overdue, f->actions.open_end, f->actions.done);
}

static const char *S_nc_sentence(report_t *r, const register_figures_t *f)
{
    return report_fmt(r,
                      "%zu major open (%zu open in all, %zu overdue); %zu closed "
                      "as not effective.",
                      f->nonconformities.major_open, f->nonconformities.open_end,
                      f->nonconformities.overdue, f->nonconformities.ineffective);
}

static const char *S_audits_sentence(report_t *r, const register_figures_t *f)
{
    size_t nf = 0;
    for (int g = 0; g <= GRADE_COUNT; g++)
        nf += f->audits.findings[g];
    return report_fmt(r,
                      "%zu in the period with %zu findings (%zu major); %zu findings open "
                      "at its end.",
                      f->audits.audits, nf, f->audits.findings[GRADE_MAJOR],
                      f->audits.open_findings_end);
}

static const char *S_complaints_sentence(report_t *r, const register_figures_t *f)
{
    return report_fmt(r, "%zu received (%zu upheld); %zu open at the end.", f->complaints.received,
                      f->complaints.upheld, f->complaints.open_end);
}

static const char *S_suppliers_sentence(report_t *r, const register_figures_t *f)
{
    size_t measures = 0, met = 0;
    const supplier_score_t *worst = NULL;
    for (size_t i = 0; i < f->nsuppliers; i++) {
        const supplier_score_t *s = &f->suppliers[i];
        measures += s->measures;
        met += s->met;
        if (s->measures && s->met < s->measures && (!worst || s->met_pct < worst->met_pct))
            worst = s;
    }
    return report_fmt(r, "%zu of %zu measures on target%s.", met, measures,
                      worst ? report_fmt(r, "; the furthest off is %s (%zu of %zu)",
                                         worst->supplier, worst->met, worst->measures)
                            : "");
}

static const char *S_risks_sentence(report_t *r, const register_figures_t *f)
{
    return report_fmt(r, "%zu high, %zu without treatment; %zu past their review date.",
                      f->risks.high, f->risks.untreated, f->risks.review_overdue);
}

static const char *S_improvements_sentence(report_t *r, const register_figures_t *f)
{
    return report_fmt(r, "%zu done in the period; %zu open, %zu overdue.", f->improvements.done,
                      f->improvements.open_end, f->improvements.overdue);
}

static const char *S_capacity_sentence(report_t *r, const register_figures_t *f)
{
    const capacity_figure_t *worst = NULL;
    size_t over = 0;
    for (size_t i = 0; i < f->ncapacity; i++) {
        const capacity_figure_t *c = &f->capacity[i];
        over += c->over_threshold;
        if (c->over_threshold && (!worst || c->utilisation_pct - c->row->threshold_pct >
                                                worst->utilisation_pct - worst->row->threshold_pct))
            worst = c;
    }
    return report_fmt(r, "%zu of %zu resources over their threshold%s.", over, f->ncapacity,
                      worst ? report_fmt(r, " (%s: %s at %.0f%% against %.0f%%)",
                                         worst->row->service, worst->row->resource,
                                         worst->utilisation_pct, worst->row->threshold_pct)
                            : "");
}

static const char *S_context_sentence(report_t *r, const register_figures_t *f)
{
    return report_fmt(r, "%zu %s recorded in the period.", f->ncontext,
                      f->ncontext == 1 ? "change" : "changes");
}

void report_register_summary(report_t *r, report_section_t *s)
{
    const register_figures_t *f = r->facts.reg_figures;
    size_t nmissing;
    const char *missing = S_missing(r, &nmissing);
    report_add_para(s, nmissing ? report_fmt(r,
                                             "This review covers %zu of the 14 inputs of clause "
                                             "9.3; missing: %s (see What this review covers).",
                                             (size_t)INPUT_COUNT - nmissing, missing)
                                : "This review covers all 14 inputs of clause 9.3.");
    static const char *(*const sentence[REG_COUNT])(report_t *, const register_figures_t *) = {
        S_actions_sentence,      S_nc_sentence,        S_audits_sentence,
        S_complaints_sentence,   S_suppliers_sentence, S_risks_sentence,
        S_improvements_sentence, S_capacity_sentence,  S_context_sentence};
    static const char *const names[REG_COUNT] = {"Actions",      "Nonconformities", "Audits",
                                                 "Complaints",   "Suppliers",       "Risks",
                                                 "Improvements", "Capacity",        "Context"};
    size_t n = 0;
    for (int k = 0; f && k < REG_COUNT; k++)
        n += f->read[k] != 0;
    if (!n)
        return;
    static const char *const hdr[] = {"Register", "At the end of the period"};
    report_table_t *t = report_add_table(r, s, "The review registers", n, 2, hdr);
    t->row_links = arena_alloc(r->arena, n * sizeof(int));
    for (int k = 0, j = 0; k < REG_COUNT; k++) {
        if (!f->read[k])
            continue;
        report_set_text(t, (size_t)j, 0, names[k]);
        report_set_text(t, (size_t)j, 1, sentence[k](r, f));
        t->row_links[j++] = SECTION_REGISTER + k;
    }
}

/* ---- decisions and actions of this review ---- */

void report_decisions_section(report_t *r)
{
    const registers_t *g = r->facts.registers;
    report_section_t *s =
        report_add_section(r, "Decisions and actions of this review", "Decisions");
    s->id = SECTION_DECISIONS;
    if (g && g->read[REG_ACTIONS]) {
        size_t open = r->facts.reg_figures->actions.open_end;
        report_add_para(s, report_fmt(r,
                                      "Carried forward: the %zu actions open at the end of the "
                                      "period, overdue first. The review confirms, re-plans or "
                                      "closes each.",
                                      open));
        report_carried_forward(r, s);
    } else {
        report_add_para(s, "No actions register is given (registers.actions), so no earlier "
                           "action is carried forward here: the review's minutes must show the "
                           "status of the actions of earlier reviews.");
    }
    report_add_para(s, "Record here the decisions and actions of this review (clause 9.3: "
                       "decisions on improvements and on changes to the service management "
                       "system and the services, with the resources they need). They belong in "
                       "the actions register, with the source review, for the next pack.");
    static const char *const dh[] = {"Decision or action", "Owner", "Due"};
    report_table_t *d = report_add_table(r, s, "Decisions and actions of this review", 10, 3, dh);
    static const double dw[] = {0.62, 0.22, 0.16};
    d->shares = dw;
    for (size_t i = 0; i < 10; i++)
        for (size_t c = 0; c < 3; c++)
            report_set_text(d, i, c, "");
}
