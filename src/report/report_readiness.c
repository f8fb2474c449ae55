/*
 * report_readiness — ISO/IEC 20000-1 readiness (docs/metrics.md §11) in the report: the readiness
 * section of the review pack, and the sections of the pre-audit readiness pack (README.md
 * "Readiness for certification"), built from the same helpers (verdict, clause chart and table,
 * heat map, gap register, evidence, actions).
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "metrics/sample.h"
#include "report/report_parts.h"

/* An action's status as people write it ("in progress"). */
static const char *S_status_text(int status)
{
    static const char *const text[ACTION_STATUS_COUNT] = {"", "open", "in progress", "done",
                                                          "cancelled"};
    return status > 0 && status < ACTION_STATUS_COUNT ? text[status] : "";
}

/* The verdict and its reasons, item by item. */
static void S_rd_verdict(report_t *r, report_section_t *s)
{
    const readiness_result_t *rr = r->facts.readiness;
    const assessment_t *as = r->facts.assessment;
    report_add_para(
        s,
        report_fmt(
            r,
            "Stage 1 (documentation): %s. Stage 2 (implementation): %s. Overall readiness "
            "%s over %zu of %zu items assessed (coverage %.0f%%); %zu gaps, %zu of them major%s.",
            rr->stage1_ready ? "ready" : "not ready", rr->stage2_ready ? "ready" : "not ready",
            report_kpi_text(r, KPI_READINESS, rr->overall_pct), rr->assessed, rr->nitems,
            rr->coverage_pct, rr->ngaps, rr->nmajor,
            rr->ncontradicted ? report_fmt(r, "; the data contradicts %zu self-assessed score%s",
                                           rr->ncontradicted, rr->ncontradicted == 1 ? "" : "s")
                              : ""));
    if (as->assessed_on || as->assessor)
        report_add_note(s,
                        report_fmt(r, "Self-assessment%s%s%s%s.", as->assessed_on ? " of " : "",
                                   as->assessed_on ? as->assessed_on : "",
                                   as->assessor ? " by " : "", as->assessor ? as->assessor : ""));
    size_t nreasons = rr->nstage1_reasons + rr->nstage2_reasons;
    if (nreasons) {
        static const char *const hdr[] = {"Verdict", "Reason"};
        report_table_t *t = report_add_table(r, s, "Why not ready", nreasons, 2, hdr);
        for (size_t i = 0; i < rr->nstage1_reasons; i++) {
            report_set_text(t, i, 0, "Stage 1");
            report_set_text(t, i, 1, rr->stage1_reasons[i]);
            report_cell(t, i, 0)->rag = RAG_RED;
        }
        for (size_t i = 0; i < rr->nstage2_reasons; i++) {
            report_set_text(t, rr->nstage1_reasons + i, 0, "Stage 2");
            report_set_text(t, rr->nstage1_reasons + i, 1, rr->stage2_reasons[i]);
            report_cell(t, rr->nstage1_reasons + i, 0)->rag = RAG_AMBER;
        }
    }
}

/* Clause scores: a bar per top-level clause against the 60 % line. */
static void S_rd_clause_chart(report_t *r, report_section_t *s)
{
    const readiness_result_t *rr = r->facts.readiness;
    size_t ntop = 0;
    for (size_t i = 0; i < rr->nclauses; i++)
        ntop += rr->clauses[i].depth == 0;
    chart_spec_t *ch =
        report_add_chart(r, s, CHART_BAR, "Clause scores against the 60% stage 2 line", ntop, 1);
    ch->series[0].name = "Score";
    ch->y_title = "%";
    ch->percent = 1;
    ch->y_min = 0;
    ch->y_max = 100;
    ch->target = 60;
    ch->target_label = "60%";
    for (size_t i = 0, k = 0; i < rr->nclauses; i++) {
        if (rr->clauses[i].depth)
            continue;
        /* the number and the title's first word ("7 Support"), short enough to stand upright */
        const char *title = rr->clauses[i].title;
        size_t w = strcspn(title, " ,");
        ch->categories[k] =
            report_fmt(r, "%s %.*s", rr->clauses[i].clause, (int)(w > 14 ? 14 : w), title);
        ch->series[0].values[k++] = rr->clauses[i].score_pct;
    }
}

/* The heat map: a row per clause 4–10 (8 by its sub-clauses), a cell per item. */
static void S_rd_heatmap(report_t *r, report_section_t *s)
{
    const readiness_result_t *rr = r->facts.readiness;
    const assessment_t *as = r->facts.assessment;
    const catalogue_t *cat = as->catalogue;
    size_t nrows = 0, maxcols = 0;
    const char *rows[64];
    for (size_t i = 0; i < rr->nclauses && nrows < 64; i++) {
        const readiness_clause_t *c = &rr->clauses[i];
        int split = !strcmp(c->clause, "8");
        if ((c->depth == 0 && !split) || (c->depth == 1 && catalogue_under(c->clause, "8")))
            rows[nrows++] = c->clause;
    }
    for (size_t k = 0; k < nrows; k++) {
        size_t n = 0;
        for (size_t i = 0; i < cat->nitems; i++)
            n += catalogue_under(cat->items[i].clause, rows[k]);
        if (n > maxcols)
            maxcols = n;
    }
    if (nrows && maxcols) {
        chart_spec_t *hm = report_add_chart(
            r, s, CHART_HEATMAP, "Self-assessed scores by item (0–5; grey: not assessed)", maxcols,
            nrows);
        hm->y_min = 0;
        hm->y_max = 5;
        hm->cell_labels = arena_alloc(r->arena, nrows * maxcols * sizeof(char *));
        for (size_t j = 0; j < maxcols; j++)
            hm->categories[j] = report_fmt(r, "%zu", j + 1);
        for (size_t k = 0; k < nrows; k++) {
            long ci = catalogue_find_clause(cat, rows[k]);
            hm->series[k].name = report_fmt(r, "%s %s", rows[k],
                                            ci < 0 ? ""
                                            : strlen(cat->clauses[ci].title) > 22
                                                ? report_fmt(r, "%.20s…", cat->clauses[ci].title)
                                                : cat->clauses[ci].title);
            size_t j = 0;
            for (size_t i = 0; i < cat->nitems; i++) {
                if (!catalogue_under(cat->items[i].clause, rows[k]))
                    continue;
                int sc = as->entries[i].score;
                hm->series[k].values[j] = sc < 0 ? NAN : sc;
                hm->cell_labels[k * maxcols + j] = cat->items[i].id;
                j++;
            }
            for (; j < maxcols; j++)
                hm->cell_labels[k * maxcols + j] = NULL;
        }
    }
}

/* The clause scores, two levels deep. */
static void S_rd_clause_table(report_t *r, report_section_t *s)
{
    const readiness_result_t *rr = r->facts.readiness;
    size_t nshow = 0;
    for (size_t i = 0; i < rr->nclauses; i++)
        nshow += rr->clauses[i].depth <= 1;
    static const char *const chdr[] = {"Clause", "Title", "Score", "Assessed", "Items"};
    report_table_t *ct = report_add_table(r, s, "Clause scores", nshow, 5, chdr);
    cfg_kpi_target_t line60 = {"clause_score_pct", 60, NAN, 0};
    for (size_t i = 0, k = 0; i < rr->nclauses; i++) {
        const readiness_clause_t *c = &rr->clauses[i];
        if (c->depth > 1)
            continue;
        report_set_text(ct, k, 0, c->clause);
        report_set_text(ct, k, 1, c->depth ? report_fmt(r, "  %s", c->title) : c->title);
        report_set_num(ct, k, 2, CELL_PERCENT, c->score_pct, 1);
        report_judge(report_cell(ct, k, 2), &line60, -1);
        report_set_num(ct, k, 3, CELL_INT, (double)c->assessed, 0);
        report_set_num(ct, k, 4, CELL_INT, (double)c->items, 0);
        k++;
    }
}

/* The gap register, major first. */
static void S_rd_gaps(report_t *r, report_section_t *s)
{
    const readiness_result_t *rr = r->facts.readiness;
    const assessment_t *as = r->facts.assessment;
    const catalogue_t *cat = as->catalogue;
    if (rr->ngaps) {
        static const char *const ghdr[] = {"Item", "Requirement",          "Score", "Gap", "Owner",
                                           "Due",  "Action and its status"};
        report_table_t *gt =
            report_add_table(r, s, "Gap register (major first)", rr->ngaps, 7, ghdr);
        for (size_t g = 0; g < rr->ngaps; g++) {
            const readiness_gap_t *gp = &rr->gaps[g];
            const assessment_entry_t *e = &as->entries[gp->item];
            const catalogue_item_t *it = &cat->items[gp->item];
            report_set_text(gt, g, 0, it->id);
            report_set_text(gt, g, 1, report_fmt(r, "%s (clause %s)", it->text, it->clause));
            report_set_num(gt, g, 2, CELL_INT, gp->score, 0);
            /* severity and reason (docs/metrics.md §11): "major: no evidence named" */
            report_set_text(
                gt, g, 3,
                report_fmt(r, "%s: %s", gp->major ? "major" : "minor", readiness_gap_reason(gp)));
            report_cell(gt, g, 3)->rag = gp->major ? RAG_RED : RAG_AMBER;
            report_set_text(gt, g, 4, e->owner);
            report_set_text(gt, g, 5, e->due);
            report_set_text(gt, g, 6,
                            e->action ? report_fmt(r, "%s%s%s%s", e->action, e->status ? " (" : "",
                                                   e->status ? S_status_text(e->status) : "",
                                                   e->status ? ")" : "")
                                      : NULL);
        }
    } else {
        report_add_para(s, "No assessed item scores below 3 or lacks its evidence: the gap "
                           "register is empty.");
    }
}

/* A data check's result in words: a check whose register is not given is not made. */
static const char *S_check_result(const readiness_check_t *c)
{
    return c->passed == CHECK_NOT_CHECKED ? "not checked" : c->passed ? "pass" : "fail";
}

/* Its mark: green when it passed, `failed` when it failed, none when it was not made. */
static rag_t S_check_rag(const readiness_check_t *c, rag_t failed)
{
    return c->passed == CHECK_NOT_CHECKED ? RAG_NONE : c->passed ? RAG_GREEN : failed;
}

/* What this period's data says of the items it speaks to. */
static void S_rd_evidence(report_t *r, report_section_t *s)
{
    const readiness_result_t *rr = r->facts.readiness;
    const assessment_t *as = r->facts.assessment;
    const catalogue_t *cat = as->catalogue;
    if (rr->have_checks) {
        static const char *const ehdr[] = {"Check", "Items", "Self-assessed",
                                           "Measured in the period", "Result"};
        report_table_t *et =
            report_add_table(r, s, "Evidence from the period's data", CHECK_COUNT, 5, ehdr);
        for (int c = 0; c < CHECK_COUNT; c++) {
            strbuf_t ids = {0}, scores = {0};
            int contradicted = 0;
            for (size_t i = 0; i < cat->nitems; i++) {
                if (!(cat->items[i].checks & CHECK_BIT(c)))
                    continue;
                int sc = as->entries[i].score;
                strbuf_printf(&ids, "%s%s", ids.len ? ", " : "", cat->items[i].id);
                strbuf_printf(&scores, "%s%s", scores.len ? ", " : "",
                              sc < 0 ? "–" : report_fmt(r, "%d", sc));
                contradicted |= rr->contradicted[i] && rr->checks[c].passed == CHECK_FAIL;
            }
            report_set_text(et, (size_t)c, 0, check_titles[c]);
            report_set_text(et, (size_t)c, 1,
                            ids.len ? arena_strdup(r->arena, ids.data) : "none in the catalogue");
            report_set_text(et, (size_t)c, 2,
                            scores.len ? arena_strdup(r->arena, scores.data) : NULL);
            report_set_text(et, (size_t)c, 3, rr->checks[c].fact);
            report_set_text(et, (size_t)c, 4,
                            contradicted ? "fail: contradicts" : S_check_result(&rr->checks[c]));
            report_cell(et, (size_t)c, 4)->rag =
                contradicted ? RAG_RED : S_check_rag(&rr->checks[c], RAG_AMBER);
            strbuf_clear(&ids);
            strbuf_clear(&scores);
        }
        if (rr->ncontradicted)
            report_add_note(
                s,
                "\"fail: contradicts\" marks a check the data fails while an item it speaks to is "
                "self-assessed at 3 or more: the score needs evidence or a correction before the "
                "audit.");
        report_add_note(s, "\"not checked\": the check's source is absent (no outage, survey, "
                           "change or problem records) or the data does not cover the period; it "
                           "blocks nothing and contradicts nothing.");
    }
}

/* The status of actions from previous reviews (clause 9.3 input a). */
static void S_rd_actions(report_t *r, report_section_t *s)
{
    const assessment_t *as = r->facts.assessment;
    const catalogue_t *cat = as->catalogue;
    const report_facts_t *f = &r->facts;
    size_t nact = 0;
    for (size_t i = 0; i < cat->nitems; i++)
        nact += as->entries[i].action != NULL;
    if (nact) {
        static const char *const ahdr[] = {"Item", "Action", "Owner", "Due", "Status"};
        report_table_t *at =
            report_add_table(r, s, "Status of actions from previous reviews", nact, 5, ahdr);
        char today[16];
        int64_t local = tz_utc_to_local(f->tz, f->metrics->period.as_of), y;
        int mo, dd;
        civil_from_days(local / 86400 - (local % 86400 < 0), &y, &mo, &dd);
        snprintf(today, sizeof today, "%04d-%02d-%02d", (int)y, mo, dd);
        for (size_t i = 0, k = 0; i < cat->nitems; i++) {
            const assessment_entry_t *e = &as->entries[i];
            if (!e->action)
                continue;
            int overdue = e->due && strcmp(e->due, today) < 0 && e->status != ACTION_DONE &&
                          e->status != ACTION_CANCELLED;
            report_set_text(at, k, 0, cat->items[i].id);
            report_set_text(at, k, 1, e->action);
            report_set_text(at, k, 2, e->owner);
            report_set_text(at, k, 3, e->due);
            report_set_text(at, k, 4,
                            overdue ? report_fmt(r, "%s, overdue", S_status_text(e->status))
                                    : S_status_text(e->status));
            report_cell(at, k, 4)->rag = e->status == ACTION_DONE ? RAG_GREEN
                                         : overdue                ? RAG_RED
                                                                  : RAG_NONE;
            k++;
        }
    }
}

static void S_rd_scoring_note(report_section_t *s)
{
    report_add_note(
        s,
        "Scores: 0 absent, 1 initial, 2 repeatable, 3 defined, 4 managed, 5 optimising. A clause "
        "scores 100 × the weighted mean of its assessed items / 5. A gap is an item below 3; it is "
        "major at 0 or 1 or when the item is required documented information, and a required "
        "item that names no evidence is a major gap whatever its score. Stage 1 needs every "
        "required document and record at 3 or more with its evidence named; stage 2 also needs "
        "each clause 4–10 at 60% or more, no major gap, every item of 9.2 and 9.3 at 3 or more, "
        "and no self-assessed score the data contradicts.");
}

void report_readiness_section(report_t *r)
{
    report_section_t *s = report_add_section(r, "ISO/IEC 20000-1 readiness", "Readiness");
    if (!r->facts.readiness) {
        report_add_para(
            s, "No readiness self-assessment is configured (config key 'readiness'), so this "
               "pack shows no clause scores, gap register or verdict. Run 'iso20k init DIR' "
               "for a template.");
        return;
    }
    S_rd_verdict(r, s);
    S_rd_clause_chart(r, s);
    S_rd_heatmap(r, s);
    S_rd_clause_table(r, s);
    S_rd_gaps(r, s);
    S_rd_evidence(r, s);
    S_rd_actions(r, s);
    S_rd_scoring_note(s);
}

/* ---- the pre-audit readiness pack (README.md "Readiness for certification") ---- */

static const char *S_yes_no(int v)
{
    return v ? "ready" : "not ready";
}

static void S_rp_verdict(report_t *r)
{
    report_section_t *s = report_add_section(r, "Verdict", "Verdict");
    const readiness_result_t *rr = r->facts.readiness;
    if (!rr) {
        report_add_para(
            s, "No readiness self-assessment is configured (config key 'readiness'), so there "
               "is no verdict: this pack shows only the evidence the period's data gives. Run "
               "'iso20k init DIR' for a self-assessment template listing every item.");
        return;
    }
    S_rd_verdict(r, s);
    static const char *const hdr[] = {"Figure", "Value"};
    report_table_t *t = report_add_table(r, s, "Readiness in figures", 8, 2, hdr);
    report_set_text(t, 0, 0, "Stage 1 (documentation)");
    report_set_text(t, 0, 1, S_yes_no(rr->stage1_ready));
    report_cell(t, 0, 1)->rag = rr->stage1_ready ? RAG_GREEN : RAG_RED;
    report_set_text(t, 1, 0, "Stage 2 (implementation)");
    report_set_text(t, 1, 1, S_yes_no(rr->stage2_ready));
    report_cell(t, 1, 1)->rag = rr->stage2_ready ? RAG_GREEN : RAG_RED;
    report_set_text(t, 2, 0, "Overall readiness");
    report_set_num(t, 2, 1, CELL_PERCENT, rr->overall_pct, kpi_table[KPI_READINESS].decimals);
    report_judge(report_cell(t, 2, 1), kpi_target(KPI_READINESS, r->facts.cfg), -1);
    report_set_text(t, 3, 0, "Coverage (items assessed)");
    report_set_num(t, 3, 1, CELL_PERCENT, rr->coverage_pct, 1);
    report_set_text(t, 4, 0, "Items assessed");
    report_set_num(t, 4, 1, CELL_INT, (double)rr->assessed, 0);
    report_set_text(t, 5, 0, "Major gaps");
    report_set_num(t, 5, 1, CELL_INT, (double)rr->nmajor, 0);
    report_cell(t, 5, 1)->rag = rr->nmajor ? RAG_RED : RAG_GREEN;
    report_set_text(t, 6, 0, "Minor gaps");
    report_set_num(t, 6, 1, CELL_INT, (double)(rr->ngaps - rr->nmajor), 0);
    report_set_text(t, 7, 0, "Scores the data contradicts");
    report_set_num(t, 7, 1, CELL_INT, (double)rr->ncontradicted, 0);
    report_cell(t, 7, 1)->rag = rr->ncontradicted ? RAG_AMBER : RAG_GREEN;
    S_rd_clause_chart(r, s);
}

static void S_rp_register(report_t *r)
{
    report_section_t *s =
        report_add_section(r, "Clause scores, gap register and action plan", "Readiness");
    if (!r->facts.readiness) {
        report_add_para(s, "No self-assessment is configured.");
        return;
    }
    S_rd_heatmap(r, s);
    S_rd_clause_table(r, s);
    S_rd_gaps(r, s);
    S_rd_actions(r, s);
    S_rd_scoring_note(s);
}

/* Each required document and record of the catalogue, the evidence given, and whether it is there.
 */
static void S_rp_documents(report_t *r)
{
    report_section_t *s = report_add_section(r, "Documented information index", "Documents");
    const assessment_t *as = r->facts.assessment;
    const catalogue_t *cat = as                        ? as->catalogue
                             : r->facts.cfg->catalogue ? r->facts.cfg->catalogue
                                                       : &catalogue_builtin;
    size_t n = 0, present = 0;
    for (size_t i = 0; i < cat->nitems; i++)
        n += cat->items[i].required != 0;
    static const char *const hdr[] = {"Item",           "Clause", "Kind",   "What is required",
                                      "Evidence given", "Score",  "Present"};
    report_table_t *t = report_add_table(r, s, "Required documents and records", n, 7, hdr);
    for (size_t i = 0, k = 0; i < cat->nitems; i++) {
        const catalogue_item_t *it = &cat->items[i];
        if (!it->required)
            continue;
        const assessment_entry_t *e = as ? &as->entries[i] : NULL;
        report_set_text(t, k, 0, it->id);
        report_set_text(t, k, 1, it->clause);
        report_set_text(t, k, 2, it->required == 'M' ? "document" : "record");
        report_set_text(t, k, 3, it->text);
        report_set_text(t, k, 4, e ? e->evidence : NULL);
        if (e && e->score >= 0)
            report_set_num(t, k, 5, CELL_INT, e->score, 0);
        /* present: the self-assessment names its evidence (the JSON's `present`); a named
         * reference scored below 3 is present but still a gap */
        int named = e && readiness_has_evidence(e);
        report_set_text(t, k, 6, named ? "yes" : "no");
        report_cell(t, k, 6)->rag = !named                          ? RAG_RED
                                    : e->score >= 0 && e->score < 3 ? RAG_AMBER
                                                                    : RAG_GREEN;
        present += named;
        k++;
    }
    report_add_para(
        s, report_fmt(r,
                      "%zu of %zu required documents and records name their evidence. Present: "
                      "the self-assessment names a document or record; one that names none is a "
                      "major gap (\"no evidence named\") and blocks stage 1, whatever its score. "
                      "Amber: named, but scored below 3.",
                      present, n));
}

/* The data checks month by month over the trend periods: the processes ran. */
static void S_rp_evidence(report_t *r)
{
    report_section_t *s = report_add_section(r, "Evidence from data", "Evidence");
    const report_facts_t *f = &r->facts;
    if (f->readiness)
        S_rd_evidence(r, s);
    else if (f->checks) {
        static const char *const hdr[] = {"Check", "Measured in the period", "Result"};
        report_table_t *t =
            report_add_table(r, s, "Evidence from the period's data", CHECK_COUNT, 3, hdr);
        for (int c = 0; c < CHECK_COUNT; c++) {
            report_set_text(t, (size_t)c, 0, check_titles[c]);
            report_set_text(t, (size_t)c, 1, f->checks[c].fact);
            report_set_text(t, (size_t)c, 2, S_check_result(&f->checks[c]));
            report_cell(t, (size_t)c, 2)->rag = S_check_rag(&f->checks[c], RAG_AMBER);
        }
    }
    if (!f->trend_checks || !f->ntrend)
        return;
    const char **hdr = arena_alloc(r->arena, (f->ntrend + 1) * sizeof(char *));
    hdr[0] = "Check";
    for (size_t i = 0; i < f->ntrend; i++)
        hdr[i + 1] = f->trend[i].label;
    /* every check but the reports one (its own row below, from the history file) */
    report_table_t *t = report_add_table(r, s, "Month by month over the trend periods", CHECK_COUNT,
                                         f->ntrend + 1, hdr);
    for (int c = 0; c < CHECK_COUNT; c++) {
        report_set_text(t, (size_t)c, 0,
                        c == CHECK_REPORTS_PRODUCED ? "Service report in the history file"
                                                    : check_titles[c]);
        for (size_t i = 0; i < f->ntrend; i++) {
            const trend_row_t *row = &f->trend[i];
            report_cell_t *cell = report_cell(t, (size_t)c, i + 1);
            if (c == CHECK_REPORTS_PRODUCED) {
                int found = i + 1 == f->ntrend; /* this pack reports the period itself */
                for (size_t h = 0; h < f->nhistory && !found; h++)
                    found = f->history[h].start == row->start && f->history[h].end == row->end;
                report_set_text(t, (size_t)c, i + 1, found ? "yes" : "no");
                cell->rag = found ? RAG_GREEN : RAG_AMBER;
                continue;
            }
            if (!row->known || row->from_history) {
                report_set_text(t, (size_t)c, i + 1, "n/a");
                continue;
            }
            const readiness_check_t *ck = &f->trend_checks[i * CHECK_COUNT + (size_t)c];
            report_set_text(t, (size_t)c, i + 1, S_check_result(ck));
            cell->rag = S_check_rag(ck, RAG_RED);
        }
    }
    report_add_note(
        s, "Each month is checked as the period is: on the tickets, outages and surveys of that "
           "month as known at the as-of time, and on the registers as they stood at its end. "
           "n/a: the inputs do not reach back to that month (or do not cover it); not checked: "
           "the check's source (outage, survey, change or problem data, or a register) is "
           "absent.");
}

/* Internal audit (9.2), management review (9.3) and service reporting (9.4): their items and
 * the reviews this tool has produced. */
static void S_rp_audit_review(report_t *r)
{
    report_section_t *s =
        report_add_section(r, "Internal audit and management review", "Audit and review");
    const report_facts_t *f = &r->facts;
    const assessment_t *as = f->assessment;
    if (as) {
        const catalogue_t *cat = as->catalogue;
        size_t n = 0;
        for (size_t i = 0; i < cat->nitems; i++)
            n += catalogue_under(cat->items[i].clause, "9.2") ||
                 catalogue_under(cat->items[i].clause, "9.3") ||
                 catalogue_under(cat->items[i].clause, "9.4");
        static const char *const hdr[] = {
            "Item", "What is assessed", "Score", "Evidence", "Owner", "Due", "Action"};
        report_table_t *t =
            report_add_table(r, s, "Self-assessment of clauses 9.2, 9.3 and 9.4", n, 7, hdr);
        for (size_t i = 0, k = 0; i < cat->nitems; i++) {
            const catalogue_item_t *it = &cat->items[i];
            if (!(catalogue_under(it->clause, "9.2") || catalogue_under(it->clause, "9.3") ||
                  catalogue_under(it->clause, "9.4")))
                continue;
            const assessment_entry_t *e = &as->entries[i];
            report_set_text(t, k, 0, it->id);
            report_set_text(t, k, 1, it->text);
            if (e->score >= 0) {
                report_set_num(t, k, 2, CELL_INT, e->score, 0);
                report_cell(t, k, 2)->rag = e->score >= 3 ? RAG_GREEN : RAG_RED;
            } else {
                report_set_text(t, k, 2, "not assessed");
                report_cell(t, k, 2)->rag = RAG_RED;
            }
            report_set_text(t, k, 3, e->evidence);
            report_set_text(t, k, 4, e->owner);
            report_set_text(t, k, 5, e->due);
            report_set_text(
                t, k, 6,
                e->action ? report_fmt(r, "%s (%s)", e->action, S_status_text(e->status)) : NULL);
            k++;
        }
    } else {
        report_add_para(
            s, "No self-assessment is configured, so the status of internal audits and management "
               "reviews is not recorded here.");
    }
    /* the service reports (management-review packs) iso20k has produced, from its history file */
    size_t n = f->nhistory;
    if (!n) {
        report_add_para(
            s, "The history file holds no earlier report: iso20k writes a row there for every "
               "management-review pack, so regular packs become evidence of service reporting "
               "(clause 9.4).");
        return;
    }
    static const char *const rh[] = {"Period", "From", "To", "Tickets opened", "Resolution SLA"};
    report_table_t *t = report_add_table(r, s, "Service reports produced (history file)", n, 5, rh);
    for (size_t i = 0; i < n; i++) {
        const trend_row_t *h = &f->history[i];
        char a[32], b[32];
        tz_format_iso(f->tz, h->start, a);
        tz_format_iso(f->tz, h->end, b);
        report_set_text(t, i, 0, arena_strdup(r->arena, h->label));
        report_set_text(t, i, 1, report_fmt(r, "%.10s", a));
        report_set_text(t, i, 2, report_fmt(r, "%.10s", b));
        report_set_num(t, i, 3, CELL_INT, h->kpis.value[KPI_OPENED], 0);
        report_set_num(t, i, 4, CELL_PERCENT, h->kpis.value[KPI_RESOLUTION],
                       kpi_table[KPI_RESOLUTION].decimals);
    }
}

/* A local time as the sample tables show it: "10-05 10:00" in the year the period starts in,
 * else "2025-12-30 10:00" (narrow enough for the PDF's columns); "" for none. */
static const char *S_when(report_t *r, ts_t t)
{
    if (t == TS_NONE)
        return "";
    char iso[32], start[32];
    tz_format_iso(r->facts.tz, t, iso);
    tz_format_iso(r->facts.tz, r->facts.metrics->period.start, start);
    iso[10] = ' ';
    if (!strncmp(iso, start, 4))
        return report_fmt(r, "%.11s", iso + 5);
    return report_fmt(r, "%.16s", iso);
}

/* The table of one population's sample, titled with the population and its sample's size. */
static report_table_t *S_sample_grid(report_t *r, report_section_t *s, const sample_t *smp,
                                     size_t ncols, const char *const *hdr)
{
    return report_add_table(r, s,
                            report_fmt(r, "%s: %zu of %zu",
                                       sample_population_labels[smp->population], smp->n,
                                       smp->population_size),
                            smp->n, ncols, hdr);
}

/* A register's date, or an empty cell without one. */
static const char *S_reg_day(report_t *r, int64_t day)
{
    return day != REG_NO_DATE ? report_day(r, day) : "";
}

/* One population's sample: the tickets drawn, with what an auditor checks of each. */
static void S_sample_table(report_t *r, report_section_t *s, const sample_t *smp)
{
    const report_facts_t *f = &r->facts;
    const metrics_period_t *p = &f->metrics->period;
    static const char *const hdr[] = {"Ticket",     "Opened",           "Prio",     "Service",
                                      "Assignee",   "Responded",        "Resolved", "SLA",
                                      "Paused min", "Checked / finding"};
    report_table_t *t = S_sample_grid(r, s, smp, 10, hdr);
    for (size_t i = 0; i < smp->n; i++) {
        const ticket_t *tk = smp->drawn[i];
        ticket_sla_t o;
        metrics_ticket_sla(f->cfg, f->store, f->tz, p, tk, &o);
        report_set_text(t, i, 0, tk->id);
        report_set_text(t, i, 1, S_when(r, tk->opened));
        report_set_text(t, i, 2, tk->priority ? report_fmt(r, "P%d", tk->priority) : "");
        report_set_text(t, i, 3, tk->service ? tk->service : "");
        report_set_text(t, i, 4, tk->assignee ? tk->assignee : "");
        report_set_text(t, i, 5, S_when(r, ticket_response(tk, p->as_of)));
        report_set_text(t, i, 6, S_when(r, ticket_resolution(tk, p->as_of)));
        report_set_text(t, i, 7,
                        o.response || o.resolution
                            ? report_fmt(r, "%s / %s",
                                         o.response ? sla_outcome_names[o.response] : "-",
                                         o.resolution ? sla_outcome_names[o.resolution] : "-")
                            : "");
        if (o.paused >= 0)
            report_set_num(t, i, 8, CELL_NUMBER, (double)o.paused / 60.0, 0);
        else
            report_set_text(t, i, 8, "");
        report_set_text(t, i, 9, ""); /* for the auditor's pen */
    }
}

/* Row i of a register sample's table: the n texts (NULL for an empty cell), then the empty
 * "Checked / finding" column for the auditor's pen. */
static void S_register_sample_row(report_table_t *t, size_t i, const char *const *text, size_t n)
{
    for (size_t c = 0; c < n; c++)
        report_set_text(t, i, c, text[c] ? text[c] : "");
    report_set_text(t, i, n, "");
}

/* A sample of complaints (the complaints register): what an auditor checks of each. */
static void S_complaint_table(report_t *r, report_section_t *s, const sample_t *smp)
{
    static const char *const hdr[] = {"Complaint", "Received", "Service",          "Summary",
                                      "Upheld",    "Resolved", "Checked / finding"};
    report_table_t *t = S_sample_grid(r, s, smp, 7, hdr);
    for (size_t i = 0; i < smp->n; i++) {
        const reg_complaint_t *c = smp->drawn[i];
        const char *text[] = {c->id,
                              S_reg_day(r, c->received),
                              c->service,
                              c->summary,
                              c->upheld == 1   ? "yes"
                              : c->upheld == 0 ? "no"
                                               : NULL,
                              S_reg_day(r, c->resolved)};
        S_register_sample_row(t, i, text, sizeof text / sizeof *text);
    }
}

/* A sample of nonconformities (the nonconformities register). */
static void S_nc_table(report_t *r, report_section_t *s, const sample_t *smp)
{
    static const char *const hdr[] = {"Nonconformity", "Raised",      "Clause",
                                      "Severity",      "Description", "Owner",
                                      "Due",           "Closed",      "Checked / finding"};
    report_table_t *t = S_sample_grid(r, s, smp, 9, hdr);
    for (size_t i = 0; i < smp->n; i++) {
        const reg_nonconformity_t *n = smp->drawn[i];
        const char *text[] = {n->id,
                              S_reg_day(r, n->raised),
                              n->clause,
                              n->severity >= 0 ? severity_words[n->severity] : NULL,
                              n->description,
                              n->owner,
                              S_reg_day(r, n->due),
                              S_reg_day(r, n->closed)};
        S_register_sample_row(t, i, text, sizeof text / sizeof *text);
    }
}

/*
 * Audit samples: for each population an auditor checks from the data, a sample drawn so that
 * anyone can draw it again (metrics/sample.h), and its tickets with a column for the finding.
 */
static void S_rp_samples(report_t *r)
{
    report_section_t *s = report_add_section(r, "Audit samples", "Samples");
    const report_facts_t *f = &r->facts;
    samples_t sm;
    samples_draw(f->cfg, f->store, f->registers, f->tz, f->metrics, f->cfg->organization,
                 f->period_label, f->has_sample_seed, f->sample_seed, &sm);
    report_add_para(
        s, report_fmt(
               r,
               "Each sample below is drawn at random from its population of the period, so that "
               "an auditor can check those tickets against the records. Size: the whole "
               "population up to 10 tickets, else 10 plus a tenth of those beyond 10 (rounded "
               "up), at most 25. Seed: the first 8 bytes of SHA-256 of %s; the ids are sorted "
               "(byte order), then a SplitMix64-driven Fisher-Yates shuffle stopped after the "
               "sample size gives the tickets in draw order, as each table lists them "
               "(docs/metrics.md of iso20k). The same inputs give the same samples on any "
               "machine. Times are local, in the year the period starts in unless dated.",
               f->has_sample_seed ? report_fmt(r, "\"%llu|<population>\" (--sample-seed)",
                                               (unsigned long long)f->sample_seed)
                                  : "\"<organisation>|<period>|<population>\""));
    static const char *const hdr[] = {"Population", "Name in the seed", "Tickets", "Sampled",
                                      "Seed"};
    report_table_t *t = report_add_table(r, s, "Populations", SAMPLE_POPULATIONS, 5, hdr);
    for (int k = 0; k < SAMPLE_POPULATIONS; k++) {
        const sample_t *smp = &sm.v[k];
        report_set_text(t, (size_t)k, 0, sample_population_labels[k]);
        report_set_text(t, (size_t)k, 1, sample_population_names[k]);
        if (smp->available) {
            report_set_num(t, (size_t)k, 2, CELL_INT, (double)smp->population_size, 0);
            report_set_num(t, (size_t)k, 3, CELL_INT, (double)smp->n, 0);
        } else {
            report_set_text(t, (size_t)k, 2,
                            sample_record_kind(smp->population) == SAMPLE_TICKETS ? "not configured"
                                                                                  : "no register");
            report_set_text(t, (size_t)k, 3, "");
        }
        report_set_text(t, (size_t)k, 4, report_fmt(r, "%016llx", (unsigned long long)smp->seed));
    }
    report_add_note(s, "Incidents are counted as outages only with availability.from_incidents; "
                       "complaints and nonconformities are sampled from their registers.");
    for (int k = 0; k < SAMPLE_POPULATIONS; k++) {
        if (!sm.v[k].n)
            continue;
        switch (sample_record_kind(sm.v[k].population)) {
        case SAMPLE_COMPLAINT_RECORDS:
            S_complaint_table(r, s, &sm.v[k]);
            break;
        case SAMPLE_NC_RECORDS:
            S_nc_table(r, s, &sm.v[k]);
            break;
        default:
            S_sample_table(r, s, &sm.v[k]);
        }
    }
    samples_clear(&sm);
}

void report_readiness(report_t *r)
{
    /* README.md "Readiness for certification": for the audit team, verdict first */
    S_rp_verdict(r);
    S_rp_register(r);
    S_rp_documents(r);
    S_rp_evidence(r);
    S_rp_audit_review(r);
    S_rp_samples(r);
    report_quality_section(r);
}
