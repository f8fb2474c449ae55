/*
 * report_registers — the review pack's parts that come from the review registers (README.md "The
 * pack"): "What this review covers" (the fourteen inputs of docs/metrics.md §14), a section per
 * register given (its figures, the rows a review looks at, a chart where one says more than a
 * table, and on its workbook sheet every row with its computed columns), the executive summary's
 * sentence per register, and "Decisions and actions of this review". The figures come from
 * metrics/registers.c; this file selects and arranges.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "report/report_parts.h"

/* The PDF lists at most this many rows of one kind; the workbook sheet has them all. */
#define REG_PDF_ROWS 40

static const char *const SECTION_TITLES[REG_COUNT] = {"Actions",
                                                      "Nonconformities and corrective actions",
                                                      "Audits",
                                                      "Complaints",
                                                      "Suppliers",
                                                      "Risks and opportunities",
                                                      "Improvements",
                                                      "Capacity",
                                                      "Changes in context"};
static const char *const SHEETS[REG_COUNT] = {"Actions",      "Nonconformities", "Audits",
                                              "Complaints",   "Suppliers",       "Risks",
                                              "Improvements", "Capacity",        "Context"};

const char *report_register_title(register_kind_t k)
{
    return SECTION_TITLES[k];
}

/* ---- helpers ---- */

/* The last day of the span ("the end of the period" in sentences). */
static const char *S_end_day(report_t *r)
{
    return report_day(r, floor_div(r->facts.reg_span.end - 1, 86400));
}

static const char *S_word(const char *const *words, int v)
{
    return v == REG_NONE ? NULL : words[v];
}

static void S_yes(report_table_t *t, size_t i, size_t c, int v, rag_t when_yes)
{
    report_set_text(t, i, c, v < 0 ? NULL : v ? "yes" : "no");
    if (v > 0)
        report_cell(t, i, c)->rag = when_yes;
}

static void S_int(report_table_t *t, size_t i, size_t c, double v)
{
    report_set_num(t, i, c, CELL_INT, v, 0);
}

/* An age in days, or an empty cell when unknown. */
static void S_age(report_table_t *t, size_t i, size_t c, long age)
{
    if (age >= 0)
        S_int(t, i, c, (double)age);
}

/* A due date, marked when the item is overdue: "2026-10-15, overdue" on red. */
static void S_due(report_t *r, report_table_t *t, size_t i, size_t c, int64_t due, int overdue)
{
    report_set_text(
        t, i, c, overdue ? report_fmt(r, "%s, overdue", report_day(r, due)) : report_day(r, due));
    if (overdue)
        report_cell(t, i, c)->rag = RAG_RED;
}

/* A number with the decimals it needs (up to two): 8, 99.9, 5.25. */
static void S_amount(report_table_t *t, size_t i, size_t c, double v)
{
    int dec = fabs(v - round(v)) < 1e-9 ? 0 : fabs(v * 10 - round(v * 10)) < 1e-9 ? 1 : 2;
    report_set_num(t, i, c, CELL_NUMBER, v, dec);
}

/* "1 action" / "2 actions". */
static const char *S_n(report_t *r, size_t n, const char *one, const char *many)
{
    return report_fmt(r, "%zu %s", n, n == 1 ? one : many);
}

static report_section_t *S_section(report_t *r, register_kind_t k)
{
    report_section_t *s = report_add_section(r, SECTION_TITLES[k], SHEETS[k]);
    s->id = SECTION_REGISTER + (int)k;
    return s;
}

/* The workbook's listing of every row of a register (left out of the PDF). */
static report_table_t *S_listing(report_t *r, report_section_t *s, register_kind_t k, size_t n,
                                 size_t ncols, const char *const *hdr)
{
    report_table_t *t =
        report_add_table(r, s,
                         report_fmt(r, "The whole %s register, with the state of each row at %s",
                                    register_names[k], S_end_day(r)),
                         n, ncols, hdr);
    t->sheet_only = 1;
    return t;
}

/* The file's row of a record ("12", or "Sheet 2:12" in a workbook of several sheets). */
static const char *S_row(report_t *r, const reg_place_t *at)
{
    return at->sheet ? report_fmt(r, "%s:%u", at->sheet, at->line) : report_fmt(r, "%u", at->line);
}

/* A note when a PDF list was cut. */
static void S_more(report_t *r, report_section_t *s, size_t shown, size_t all, const char *what)
{
    if (shown < all)
        report_add_note(s, report_fmt(r,
                                      "The first %zu of %zu %s are listed; the workbook's %s "
                                      "sheet has them all.",
                                      shown, all, what, s->sheet));
}

/* Whether a register's record rec belongs in one of the PDF's lists (arg: which one, where a
 * register has several), with the key that orders the list (smallest first) in *key. */
typedef int (*reg_pick_t)(const void *rec, const reg_span_t *sp, int arg, double *key);

/* The records of a register (nrecs of size bytes at recs) that pick keeps, ordered by their keys:
 * returns their keys (*n of them; the caller frees). */
static keyed_t *S_pick(report_t *r, const void *recs, size_t nrecs, size_t size, reg_pick_t pick,
                       int arg, size_t *n)
{
    keyed_t *k = xmalloc((nrecs ? nrecs : 1) * sizeof *k);
    *n = 0;
    for (size_t i = 0; i < nrecs; i++) {
        double key;
        if (pick((const char *)recs + i * size, &r->facts.reg_span, arg, &key))
            k[(*n)++] = (keyed_t){i, key};
    }
    keyed_sort(k, *n);
    return k;
}

/* Adds the PDF's table of the first REG_PDF_ROWS of n picked records, their number in *shown;
 * S_more then says when the list was cut. */
static report_table_t *S_first_rows(report_t *r, report_section_t *s, size_t n, const char *title,
                                    size_t ncols, const char *const *hdr, size_t *shown)
{
    *shown = n <= REG_PDF_ROWS ? n : REG_PDF_ROWS;
    return report_add_table(r, s, title, *shown, ncols, hdr);
}

/* One of the PDF's lists of a register's records: which records, in which order (pick), and
 * each one's row of a table of ncols columns headed hdr. */
typedef struct reg_list {
    reg_pick_t pick;
    void (*row)(report_t *r, report_table_t *t, size_t j, const void *rec);
    size_t ncols;
    const char *const *hdr;
} reg_list_t;

/* Adds l to s for the register's records (nrecs of size bytes at recs): those l->pick keeps with
 * arg, in its order, the first REG_PDF_ROWS in a table of that title, then a note naming the
 * records `what` if that cut the list. Returns the table. */
static report_table_t *S_list(report_t *r, report_section_t *s, const reg_list_t *l, int arg,
                              const char *title, const char *what, const void *recs, size_t nrecs,
                              size_t size)
{
    size_t n, shown;
    keyed_t *k = S_pick(r, recs, nrecs, size, l->pick, arg, &n);
    report_table_t *t = S_first_rows(r, s, n, title, l->ncols, l->hdr, &shown);
    for (size_t j = 0; j < shown; j++)
        l->row(r, t, j, (const char *)recs + k[j].index * size);
    S_more(r, s, shown, n, what);
    free(k);
    return t;
}

/* ---- actions ---- */

/* The key that lists overdue actions first, then by due date (none last), then file order. */
static double S_due_key(int overdue, int64_t due)
{
    return (overdue ? 0 : 1e9) + (due == REG_NO_DATE ? 5e8 : (double)due);
}

/* The actions open at end, in the order a review takes them: overdue first, then by due date
 * (none last), then file order. */
static int S_pick_open_action(const void *rec, const reg_span_t *sp, int arg, double *key)
{
    const reg_action_t *a = rec;
    reg_state_t st = registers_action_state(a, sp);
    (void)arg;
    *key = S_due_key(st.overdue, a->due);
    return st.open;
}

/* The open actions, overdue first (at most REG_PDF_ROWS). */
static void S_open_actions(report_t *r, report_section_t *s)
{
    const registers_t *g = r->facts.registers;
    size_t n, late = 0;
    keyed_t *k = S_pick(r, g->actions, g->nactions, sizeof *g->actions, S_pick_open_action, 0, &n);
    static const char *const hdr[] = {"Id", "Action", "Owner", "Status", "Due", "Age (days)"};
    size_t shown;
    report_table_t *t = S_first_rows(
        r, s, n, "Open actions at the end of the period, overdue first", 6, hdr, &shown);
    for (size_t j = 0; j < shown; j++) {
        const reg_action_t *a = &g->actions[k[j].index];
        reg_state_t st = registers_action_state(a, &r->facts.reg_span);
        report_set_text(t, j, 0, a->id);
        report_set_text(t, j, 1, a->action);
        report_set_text(t, j, 2, a->owner);
        /* a status that closes it with a closed date after the end: it was open then */
        int after = a->status == ACT_DONE || a->status == ACT_CANCELLED;
        late += after;
        report_set_text(
            t, j, 3,
            after ? report_fmt(r, "%s %s", action_status_words[a->status], report_day(r, a->closed))
                  : action_status_words[a->status]);
        S_due(r, t, j, 4, a->due, st.overdue);
        S_age(t, j, 5, st.age);
    }
    if (late)
        report_add_note(s, "An action marked done or cancelled whose closed date falls after the "
                           "end of the period was still open at its end, and is listed with that "
                           "date.");
    S_more(r, s, shown, n, "open actions");
    free(k);
}

/* An action carried forward: an overdue one marked, room to note the decision on it. */
static void S_carried_row(report_t *r, report_table_t *t, size_t j, const void *rec)
{
    const reg_action_t *a = rec;
    report_set_text(t, j, 0, a->id);
    report_set_text(t, j, 1, a->action);
    report_set_text(t, j, 2, a->owner);
    report_set_text(t, j, 3, report_day(r, a->due));
    S_yes(t, j, 4, registers_action_state(a, &r->facts.reg_span).overdue, RAG_RED);
    report_set_text(t, j, 5, "");
}

void report_carried_forward(report_t *r, report_section_t *s)
{
    static const char *const hdr[] = {"Id", "Action", "Owner", "Due", "Overdue", "Decision"};
    static const reg_list_t list = {S_pick_open_action, S_carried_row, 6, hdr};
    static const double cw[] = {0.13, 0.35, 0.14, 0.11, 0.09, 0.18};
    const registers_t *g = r->facts.registers;
    report_table_t *t = S_list(r, s, &list, 0, "Open and overdue actions carried forward",
                               "open actions", g->actions, g->nactions, sizeof *g->actions);
    t->shares = cw; /* room to note the decision on each */
    report_mark_value(r, t, 4, "yes", RAG_RED);
}

static const char *S_owner(const reg_action_t *a)
{
    return a->owner ? a->owner : "(no owner)";
}

static int S_cmp_owner(const void *a, const void *b)
{
    return strcmp(S_owner(*(const reg_action_t *const *)a),
                  S_owner(*(const reg_action_t *const *)b));
}

/* Open actions by owner: overdue and not yet due, the twelve owners with the most. */
static void S_actions_chart(report_t *r, report_section_t *s)
{
    const registers_t *g = r->facts.registers;
    const reg_span_t *sp = &r->facts.reg_span;
    const reg_action_t **open = xmalloc((g->nactions ? g->nactions : 1) * sizeof *open);
    size_t nopen = 0, n = 0;
    for (size_t i = 0; i < g->nactions; i++)
        if (registers_action_state(&g->actions[i], sp).open)
            open[nopen++] = &g->actions[i];
    qsort(open, nopen, sizeof *open, S_cmp_owner);
    /* one group per owner: its first action, and its overdue and other open actions */
    const reg_action_t **first = xmalloc((nopen ? nopen : 1) * sizeof *first);
    double(*cnt)[2] = xcalloc(nopen ? nopen : 1, sizeof *cnt);
    for (size_t i = 0; i < nopen; i++) {
        if (i == 0 || S_cmp_owner(&open[i - 1], &open[i]) != 0)
            first[n++] = open[i];
        cnt[n - 1][registers_action_state(open[i], sp).overdue ? 0 : 1]++;
    }
    if (n) {
        keyed_t *k = xmalloc(n * sizeof *k);
        for (size_t j = 0; j < n; j++) /* the most overdue first, then the most open */
            k[j] = (keyed_t){j, -(cnt[j][0] * 1e6 + cnt[j][1])};
        keyed_sort(k, n);
        size_t shown = n < 12 ? n : 12;
        chart_spec_t *c = report_add_chart(r, s, CHART_STACKED_BAR,
                                           n > 12 ? "Open actions by owner (the 12 with the most)"
                                                  : "Open actions by owner",
                                           shown, 2);
        c->y_title = "actions";
        c->y_min = 0;
        c->series[0].name = "Overdue";
        c->series[1].name = "Not yet due";
        for (size_t j = 0; j < shown; j++) {
            c->categories[j] = S_owner(first[k[j].index]);
            c->series[0].values[j] = cnt[k[j].index][0];
            c->series[1].values[j] = cnt[k[j].index][1];
        }
        free(k);
    }
    free(open);
    free(first);
    free(cnt);
}

static void S_actions_listing(report_t *r, report_section_t *s)
{
    const registers_t *g = r->facts.registers;
    static const char *const hdr[] = {"Id",          "Action",  "Owner",      "Source",
                                      "Status",      "Raised",  "Due",        "Closed",
                                      "Open at end", "Overdue", "Age (days)", "Done in the period",
                                      "Row"};
    report_table_t *t = S_listing(r, s, REG_ACTIONS, g->nactions, 13, hdr);
    report_mark_value(r, t, 9, "yes", RAG_RED);
    report_mark_value(r, t, 11, "yes", RAG_GREEN);
    for (size_t i = 0; i < g->nactions; i++) {
        const reg_action_t *a = &g->actions[i];
        reg_state_t st = registers_action_state(a, &r->facts.reg_span);
        report_set_text(t, i, 0, a->id);
        report_set_text(t, i, 1, a->action);
        report_set_text(t, i, 2, a->owner);
        report_set_text(t, i, 3, S_word(action_source_words, a->source));
        report_set_text(t, i, 4, action_status_words[a->status]);
        report_set_text(t, i, 5, report_day(r, a->raised));
        report_set_text(t, i, 6, report_day(r, a->due));
        report_set_text(t, i, 7, report_day(r, a->closed));
        S_yes(t, i, 8, st.exists ? st.open : -1, RAG_NONE);
        S_yes(t, i, 9, st.exists ? st.overdue : -1, RAG_RED);
        S_age(t, i, 10, st.age);
        S_yes(t, i, 11, a->status == ACT_DONE && registers_in_period(a->closed, &r->facts.reg_span),
              RAG_GREEN);
        report_set_text(t, i, 12, S_row(r, &a->at));
    }
}

static void S_actions(report_t *r)
{
    const register_figures_t *f = r->facts.reg_figures;
    report_section_t *s = S_section(r, REG_ACTIONS);
    report_add_para(
        s, report_fmt(r,
                      "The status of actions from earlier reviews and from audits, "
                      "nonconformities, improvements and risks (clause 9.3): %s open at the end "
                      "of the period (%s), %zu of them overdue; %zu done in the period.",
                      S_n(r, f->actions.open_end, "action", "actions"), S_end_day(r),
                      f->actions.overdue, f->actions.done));
    S_open_actions(r, s);
    static const char *const bh[] = {"Source", "Open actions"};
    report_table_t *bt = report_add_table(r, s, "Open actions by source", ASRC_COUNT + 1, 2, bh);
    for (int k = 0; k <= ASRC_COUNT; k++) {
        report_set_text(bt, (size_t)k, 0, k < ASRC_COUNT ? action_source_words[k] : "(none)");
        S_int(bt, (size_t)k, 1, (double)f->actions.by_source[k]);
    }
    S_actions_chart(r, s);
    S_actions_listing(r, s);
}

/* ---- nonconformities ---- */

/* Open at the end: major first, then the oldest. */
static int S_pick_open_nc(const void *rec, const reg_span_t *sp, int arg, double *key)
{
    const reg_nonconformity_t *nc = rec;
    reg_state_t st = registers_nc_state(nc, sp);
    (void)arg;
    *key = (nc->severity == SEV_MAJOR ? 0 : 1e9) - (double)st.age;
    return st.open;
}

/* An open nonconformity's row: a major one marked, an overdue due date marked. */
static void S_nc_open_row(report_t *r, report_table_t *t, size_t j, const void *rec)
{
    const reg_nonconformity_t *nc = rec;
    reg_state_t st = registers_nc_state(nc, &r->facts.reg_span);
    report_set_text(t, j, 0, nc->id);
    report_set_text(t, j, 1, S_word(severity_words, nc->severity));
    if (nc->severity == SEV_MAJOR)
        report_cell(t, j, 1)->rag = RAG_RED;
    report_set_text(t, j, 2, nc->clause);
    report_set_text(t, j, 3, nc->description);
    report_set_text(t, j, 4, nc->corrective_action ? nc->corrective_action : "(none recorded)");
    report_set_text(t, j, 5, nc->owner);
    S_due(r, t, j, 6, nc->due, st.overdue);
    S_age(t, j, 7, st.age);
}

static void S_nc_open(report_t *r, report_section_t *s)
{
    static const char *const hdr[] = {"Id",          "Severity",          "Clause",
                                      "Description", "Corrective action", "Owner",
                                      "Due",         "Age (days)"};
    static const reg_list_t list = {S_pick_open_nc, S_nc_open_row, 8, hdr};
    const registers_t *g = r->facts.registers;
    S_list(r, s, &list, 0, "Open nonconformities at the end of the period, major first",
           "open nonconformities", g->nonconformities, g->nnonconformities,
           sizeof *g->nonconformities);
}

/* Closed in the twelve months before end, the latest first. */
static int S_pick_closed_nc(const void *rec, const reg_span_t *sp, int arg, double *key)
{
    const reg_nonconformity_t *nc = rec;
    (void)arg;
    *key = -(double)nc->closed;
    return registers_in_year(nc->closed, sp);
}

/* A closed nonconformity's row: how long it took and whether it worked. */
static void S_nc_closed_row(report_t *r, report_table_t *t, size_t j, const void *rec)
{
    const reg_nonconformity_t *nc = rec;
    report_set_text(t, j, 0, nc->id);
    report_set_text(t, j, 1, S_word(severity_words, nc->severity));
    report_set_text(t, j, 2, nc->corrective_action);
    report_set_text(t, j, 3, report_day(r, nc->closed));
    S_age(t, j, 4, registers_nc_state(nc, &r->facts.reg_span).age);
    report_set_text(t, j, 5,
                    nc->effective == 1   ? "yes"
                    : nc->effective == 0 ? "no: needs follow-up"
                                         : "not yet verified");
    report_cell(t, j, 5)->rag = nc->effective == 1   ? RAG_GREEN
                                : nc->effective == 0 ? RAG_RED
                                                     : RAG_AMBER;
}

static void S_nc_closed(report_t *r, report_section_t *s)
{
    static const char *const hdr[] = {"Id",     "Severity",   "Corrective action",
                                      "Closed", "Age (days)", "Effective"};
    static const reg_list_t list = {S_pick_closed_nc, S_nc_closed_row, 6, hdr};
    const registers_t *g = r->facts.registers;
    S_list(r, s, &list, 0, "Closed in the last 12 months: time taken and effectiveness",
           "nonconformities closed in the last 12 months", g->nonconformities, g->nnonconformities,
           sizeof *g->nonconformities);
}

/* The open nonconformities by age and severity. */
static void S_nc_chart(report_t *r, report_section_t *s)
{
    const registers_t *g = r->facts.registers;
    static const char *const bins[4] = {"0–30 days", "31–90 days", "91–180 days", "over 180 days"};
    double v[3][4] = {{0}};
    size_t open = 0;
    for (size_t i = 0; i < g->nnonconformities; i++) {
        const reg_nonconformity_t *nc = &g->nonconformities[i];
        reg_state_t st = registers_nc_state(nc, &r->facts.reg_span);
        if (!st.open)
            continue;
        open++;
        int b = st.age <= 30 ? 0 : st.age <= 90 ? 1 : st.age <= 180 ? 2 : 3;
        v[nc->severity == REG_NONE ? 2 : nc->severity][b]++;
    }
    if (!open)
        return;
    chart_spec_t *c =
        report_add_chart(r, s, CHART_STACKED_BAR, "Open nonconformities by age and severity", 4, 3);
    c->y_title = "nonconformities";
    c->y_min = 0;
    c->series[0].name = "Major";
    c->series[1].name = "Minor";
    c->series[2].name = "Not graded";
    for (int b = 0; b < 4; b++) {
        c->categories[b] = bins[b];
        for (int k = 0; k < 3; k++)
            c->series[k].values[b] = v[k][b];
    }
}

static void S_nc_listing(report_t *r, report_section_t *s)
{
    const registers_t *g = r->facts.registers;
    static const char *const hdr[] = {
        "Id",         "Raised",      "Description",       "Source",     "Clause", "Severity",
        "Correction", "Root cause",  "Corrective action", "Owner",      "Due",    "Closed",
        "Effective",  "Open at end", "Overdue",           "Age (days)", "Row"};
    report_table_t *t = S_listing(r, s, REG_NONCONFORMITIES, g->nnonconformities, 17, hdr);
    report_mark_value(r, t, 12, "yes", RAG_GREEN);
    report_mark_value(r, t, 12, "no", RAG_RED);
    report_mark_value(r, t, 14, "yes", RAG_RED);
    for (size_t i = 0; i < g->nnonconformities; i++) {
        const reg_nonconformity_t *nc = &g->nonconformities[i];
        reg_state_t st = registers_nc_state(nc, &r->facts.reg_span);
        const char *text[] = {nc->id,
                              report_day(r, nc->raised),
                              nc->description,
                              S_word(nc_source_words, nc->source),
                              nc->clause,
                              S_word(severity_words, nc->severity),
                              nc->correction,
                              nc->root_cause,
                              nc->corrective_action,
                              nc->owner,
                              report_day(r, nc->due),
                              report_day(r, nc->closed)};
        for (size_t c = 0; c < 12; c++)
            report_set_text(t, i, c, text[c]);
        S_yes(t, i, 12, nc->effective, RAG_GREEN);
        if (nc->effective == 0)
            report_cell(t, i, 12)->rag = RAG_RED;
        S_yes(t, i, 13, st.exists ? st.open : -1, RAG_NONE);
        S_yes(t, i, 14, st.exists ? st.overdue : -1, RAG_RED);
        S_age(t, i, 15, st.age);
        report_set_text(t, i, 16, S_row(r, &nc->at));
    }
}

static void S_nonconformities(report_t *r)
{
    const register_figures_t *f = r->facts.reg_figures;
    report_section_t *s = S_section(r, REG_NONCONFORMITIES);
    report_add_para(
        s, report_fmt(
               r,
               "%zu raised and %zu closed in the period; %zu open at its end (%zu major), %zu of "
               "them overdue. %zu closed as not effective need follow-up. Corrective actions "
               "verified in the last 12 months: %s effective%s.",
               f->nonconformities.raised, f->nonconformities.closed, f->nonconformities.open_end,
               f->nonconformities.major_open, f->nonconformities.overdue,
               f->nonconformities.ineffective,
               isnan(f->nonconformities.effective_pct)
                   ? "none verified, so none"
                   : report_fmt(r, "%.0f%%", f->nonconformities.effective_pct),
               f->nonconformities.verified
                   ? report_fmt(r, " (of %zu verified)", f->nonconformities.verified)
                   : ""));
    S_nc_open(r, s);
    S_nc_chart(r, s);
    S_nc_closed(r, s);
    S_nc_listing(r, s);
}

/* ---- audits ---- */

static const char *S_clause(const reg_finding_t *f)
{
    return f->clause ? f->clause : "(no clause)";
}

/* Clause order (9.2 before 10.1), then the text. */
static int S_cmp_clause(const void *a, const void *b)
{
    const char *x = S_clause(*(const reg_finding_t *const *)a),
               *y = S_clause(*(const reg_finding_t *const *)b);
    int c = catalogue_cmp_id(x, y);
    return c ? c : strcmp(x, y);
}

/* The findings of audits dated in P (year 0) or in the twelve months before end (year 1), by
 * clause and grade: a table for the period, a chart for the year (three clauses or more: fewer
 * say no more than a table). */
static void S_audit_clauses(report_t *r, report_section_t *s, int year)
{
    const registers_t *g = r->facts.registers;
    const reg_span_t *sp = &r->facts.reg_span;
    const reg_finding_t **f = xmalloc((g->nfindings ? g->nfindings : 1) * sizeof *f);
    size_t nf = 0, n = 0;
    for (size_t i = 0; i < g->nfindings; i++)
        if (g->findings[i].finding && (year ? registers_in_year(g->findings[i].date, sp)
                                            : registers_in_period(g->findings[i].date, sp)))
            f[nf++] = &g->findings[i];
    qsort(f, nf, sizeof *f, S_cmp_clause);
    for (size_t i = 0; i < nf; i++)
        n += i == 0 || S_cmp_clause(&f[i - 1], &f[i]) != 0;
    static const char *const hdr[] = {"Clause",      "Major",    "Minor", "Observation",
                                      "Opportunity", "Ungraded", "Total"};
    report_table_t *t = NULL;
    chart_spec_t *c = NULL;
    if (!year)
        t = report_add_table(
            r, s, "Findings of the audits dated in the period, by clause and grade", n, 7, hdr);
    else if (n >= 3)
        c = report_add_chart(r, s, CHART_STACKED_BAR,
                             "Findings of the last 12 months' audits by clause and grade", n,
                             GRADE_COUNT + 1);
    for (size_t i = 0, j = 0; i < nf; j++) {
        size_t cnt[GRADE_COUNT + 1] = {0}, total = 0, e = i;
        for (; e < nf && S_cmp_clause(&f[i], &f[e]) == 0; e++, total++)
            cnt[f[e]->grade == REG_NONE ? GRADE_COUNT : f[e]->grade]++;
        if (t)
            report_set_text(t, j, 0, S_clause(f[i]));
        if (c)
            c->categories[j] = S_clause(f[i]);
        for (int gr = 0; gr <= GRADE_COUNT; gr++) {
            if (t)
                S_int(t, j, 1 + (size_t)gr, (double)cnt[gr]);
            if (c)
                c->series[gr].values[j] = (double)cnt[gr];
        }
        if (t)
            S_int(t, j, 6, (double)total);
        i = e;
    }
    if (c) {
        for (int gr = 0; gr <= GRADE_COUNT; gr++)
            c->series[gr].name = hdr[1 + gr];
        c->y_title = "findings";
        c->y_min = 0;
    }
    free(f);
}

static int S_cmp_audit(const void *a, const void *b)
{
    const reg_finding_t *x = *(const reg_finding_t *const *)a,
                        *y = *(const reg_finding_t *const *)b;
    int c = strcmp(x->audit, y->audit);
    if (!c && x->date != y->date)
        c = x->date < y->date ? -1 : 1;
    return c ? c : (x < y ? -1 : x > y);
}

/* The audits dated in the period: one row each (its rows grouped by name), with its
 * findings. */
static void S_audit_list(report_t *r, report_section_t *s)
{
    const registers_t *g = r->facts.registers;
    const reg_span_t *sp = &r->facts.reg_span;
    const reg_finding_t **f = xmalloc((g->nfindings ? g->nfindings : 1) * sizeof *f);
    size_t nf = 0;
    for (size_t i = 0; i < g->nfindings; i++)
        if (registers_in_period(g->findings[i].date, sp))
            f[nf++] = &g->findings[i];
    qsort(f, nf, sizeof *f, S_cmp_audit);
    static const char *const hdr[] = {"Audit", "Kind", "Date", "Scope", "Findings"};
    report_table_t *t = report_add_table(r, s, "Audits dated in the period",
                                         r->facts.reg_figures->audits.audits, 5, hdr);
    for (size_t i = 0, j = 0; i < nf && j < t->nrows; j++) {
        size_t e = i, findings = 0;
        for (; e < nf && !strcmp(f[e]->audit, f[i]->audit); e++)
            findings += f[e]->finding != NULL;
        report_set_text(t, j, 0, f[i]->audit);
        report_set_text(t, j, 1, audit_kind_words[f[i]->kind]);
        report_set_text(t, j, 2, report_day(r, f[i]->date));
        report_set_text(t, j, 3, f[i]->scope);
        S_int(t, j, 4, (double)findings);
        i = e;
    }
    free(f);
}

/* A finding open at the end (major, minor, ungraded), the oldest first. */
static int S_pick_open_finding(const void *rec, const reg_span_t *sp, int arg, double *key)
{
    const reg_finding_t *fd = rec;
    int counted = fd->grade == REG_NONE || fd->grade == GRADE_MAJOR || fd->grade == GRADE_MINOR;
    (void)arg;
    *key = (double)fd->date;
    return fd->finding && counted && registers_finding_state(fd, sp).open;
}

/* An open finding's row, a major one marked. */
static void S_audit_open_row(report_t *r, report_table_t *t, size_t j, const void *rec)
{
    const reg_finding_t *fd = rec;
    report_set_text(t, j, 0, fd->audit);
    report_set_text(t, j, 1, report_day(r, fd->date));
    report_set_text(t, j, 2, fd->clause);
    report_set_text(t, j, 3, fd->grade == REG_NONE ? "ungraded" : grade_words[fd->grade]);
    if (fd->grade == GRADE_MAJOR)
        report_cell(t, j, 3)->rag = RAG_RED;
    report_set_text(t, j, 4, fd->finding);
    S_age(t, j, 5, registers_finding_state(fd, &r->facts.reg_span).age);
}

static void S_audit_open(report_t *r, report_section_t *s)
{
    static const char *const hdr[] = {"Audit", "Date", "Clause", "Grade", "Finding", "Age (days)"};
    static const reg_list_t list = {S_pick_open_finding, S_audit_open_row, 6, hdr};
    const registers_t *g = r->facts.registers;
    S_list(r, s, &list, 0, "Findings open at the end of the period (major, minor or ungraded)",
           "open findings", g->findings, g->nfindings, sizeof *g->findings);
}

static void S_audit_listing(report_t *r, report_section_t *s)
{
    const registers_t *g = r->facts.registers;
    static const char *const hdr[] = {"Audit",   "Kind",        "Date",       "Scope",
                                      "Finding", "Clause",      "Grade",      "Status",
                                      "Closed",  "Open at end", "Age (days)", "Row"};
    report_table_t *t = S_listing(r, s, REG_AUDITS, g->nfindings, 12, hdr);
    report_mark_value(r, t, 9, "yes", RAG_AMBER);
    for (size_t i = 0; i < g->nfindings; i++) {
        const reg_finding_t *fd = &g->findings[i];
        reg_state_t st = registers_finding_state(fd, &r->facts.reg_span);
        report_set_text(t, i, 0, fd->audit);
        report_set_text(t, i, 1, audit_kind_words[fd->kind]);
        report_set_text(t, i, 2, report_day(r, fd->date));
        report_set_text(t, i, 3, fd->scope);
        report_set_text(t, i, 4, fd->finding);
        report_set_text(t, i, 5, fd->clause);
        report_set_text(t, i, 6, S_word(grade_words, fd->grade));
        report_set_text(t, i, 7, S_word(finding_status_words, fd->status));
        report_set_text(t, i, 8, report_day(r, fd->closed));
        S_yes(t, i, 9, fd->finding && st.exists ? st.open : -1, RAG_NONE);
        S_age(t, i, 10, fd->finding ? st.age : -1);
        report_set_text(t, i, 11, S_row(r, &fd->at));
    }
}

static void S_audits(report_t *r)
{
    const register_figures_t *f = r->facts.reg_figures;
    report_section_t *s = S_section(r, REG_AUDITS);
    size_t nf = 0;
    for (int gr = 0; gr <= GRADE_COUNT; gr++)
        nf += f->audits.findings[gr];
    report_add_para(
        s, report_fmt(r,
                      "%s dated in the period with %s (major %zu, minor %zu, observation %zu, "
                      "opportunity %zu, ungraded %zu). At the end of the period %s (major, minor "
                      "or ungraded) from audits of any date %s open.",
                      S_n(r, f->audits.audits, "audit", "audits"),
                      S_n(r, nf, "finding", "findings"), f->audits.findings[GRADE_MAJOR],
                      f->audits.findings[GRADE_MINOR], f->audits.findings[GRADE_OBSERVATION],
                      f->audits.findings[GRADE_OPPORTUNITY], f->audits.findings[GRADE_COUNT],
                      S_n(r, f->audits.open_findings_end, "finding", "findings"),
                      f->audits.open_findings_end == 1 ? "was" : "were"));
    S_audit_list(r, s);
    S_audit_clauses(r, s, 0);
    S_audit_open(r, s);
    S_audit_clauses(r, s, 1);
    S_audit_listing(r, s);
}

/* ---- complaints ---- */

/* A complaint's columns 0-5, the same in the pack's list and the listing (an upheld one marked
 * upheld_rag). */
static void S_complaint_row(report_t *r, report_table_t *t, size_t j, const reg_complaint_t *c,
                            rag_t upheld_rag)
{
    report_set_text(t, j, 0, c->id);
    report_set_text(t, j, 1, report_day(r, c->received));
    report_set_text(t, j, 2, c->service);
    report_set_text(t, j, 3, c->summary);
    S_yes(t, j, 4, c->upheld, upheld_rag);
    report_set_text(t, j, 5, report_day(r, c->resolved));
}

/* Received in the period or open at its end, in the order received. */
static int S_pick_complaint(const void *rec, const reg_span_t *sp, int arg, double *key)
{
    const reg_complaint_t *c = rec;
    (void)arg;
    *key = (double)c->received;
    return registers_in_period(c->received, sp) || registers_complaint_state(c, sp).open;
}

/* A complaint's row in the pack's list: upheld and still open marked. */
static void S_complaint_table_row(report_t *r, report_table_t *t, size_t j, const void *rec)
{
    const reg_complaint_t *c = rec;
    reg_state_t st = registers_complaint_state(c, &r->facts.reg_span);
    S_complaint_row(r, t, j, c, RAG_AMBER);
    S_age(t, j, 6, st.age);
    S_yes(t, j, 7, st.open, RAG_AMBER);
}

static void S_complaint_table(report_t *r, report_section_t *s)
{
    static const char *const hdr[] = {"Id",     "Received", "Service",    "Summary",
                                      "Upheld", "Resolved", "Age (days)", "Open at end"};
    static const reg_list_t list = {S_pick_complaint, S_complaint_table_row, 8, hdr};
    const registers_t *g = r->facts.registers;
    S_list(r, s, &list, 0, "Complaints received in the period or open at its end", "complaints",
           g->complaints, g->ncomplaints, sizeof *g->complaints);
}

static void S_complaint_listing(report_t *r, report_section_t *s)
{
    const registers_t *g = r->facts.registers;
    static const char *const hdr[] = {"Id",          "Received",   "Service",
                                      "Summary",     "Upheld",     "Resolved",
                                      "Open at end", "Age (days)", "Received in the period",
                                      "Row"};
    report_table_t *t = S_listing(r, s, REG_COMPLAINTS, g->ncomplaints, 10, hdr);
    report_mark_value(r, t, 6, "yes", RAG_AMBER);
    for (size_t i = 0; i < g->ncomplaints; i++) {
        const reg_complaint_t *c = &g->complaints[i];
        reg_state_t st = registers_complaint_state(c, &r->facts.reg_span);
        S_complaint_row(r, t, i, c, RAG_NONE);
        S_yes(t, i, 6, st.exists ? st.open : -1, RAG_NONE);
        S_age(t, i, 7, st.age);
        S_yes(t, i, 8, registers_in_period(c->received, &r->facts.reg_span), RAG_NONE);
        report_set_text(t, i, 9, S_row(r, &c->at));
    }
}

static void S_complaints(report_t *r)
{
    const register_figures_t *f = r->facts.reg_figures;
    report_section_t *s = S_section(r, REG_COMPLAINTS);
    report_add_para(s, report_fmt(r,
                                  "%s received in the period, %zu of them upheld; %zu open at "
                                  "its end (received before it and not resolved by then).",
                                  S_n(r, f->complaints.received, "complaint", "complaints"),
                                  f->complaints.upheld, f->complaints.open_end));
    static const char *const hdr[] = {"Service", "Complaints received in the period"};
    size_t nz = 0, most = 0;
    for (size_t i = 0; i < f->complaints.nby_service; i++) {
        nz += f->complaints.by_service[i].count > 0;
        if (f->complaints.by_service[i].count > most)
            most = f->complaints.by_service[i].count;
    }
    report_table_t *t =
        report_add_table(r, s, "Complaints by service", f->complaints.nby_service, 2, hdr);
    for (size_t i = 0; i < f->complaints.nby_service; i++) {
        report_set_text(t, i, 0, f->complaints.by_service[i].name);
        S_int(t, i, 1, (double)f->complaints.by_service[i].count);
    }
    if (nz >= 3 && most > 1) { /* fewer, or one each: the table says it all */
        chart_spec_t *c = report_add_chart(r, s, CHART_BAR,
                                           "Complaints received in the period by service", nz, 1);
        c->y_title = "complaints";
        c->y_min = 0;
        c->series[0].name = "Complaints";
        for (size_t i = 0, j = 0; i < f->complaints.nby_service; i++)
            if (f->complaints.by_service[i].count) {
                c->categories[j] = f->complaints.by_service[i].name;
                c->series[0].values[j++] = (double)f->complaints.by_service[i].count;
            }
    }
    S_complaint_table(r, s);
    S_complaint_listing(r, s);
}

/* ---- suppliers ---- */

/* Each measure's actual against its own target, in the table and in the workbook's formats. */
static void S_measure_row(report_t *r, report_table_t *t, size_t j, const reg_measure_t *m)
{
    int met = registers_measure_met(m);
    report_set_text(t, j, 0, m->supplier);
    report_set_text(t, j, 1, m->service);
    report_set_text(t, j, 2, m->measure);
    report_set_text(t, j, 3, m->period.label);
    S_amount(t, j, 4, m->target);
    S_amount(t, j, 5, m->actual);
    cfg_kpi_target_t tg = {"supplier measure", m->target, NAN, m->lower_is_better};
    report_judge(report_cell(t, j, 5), &tg, 4);
    report_set_text(t, j, 6, m->lower_is_better ? "lower" : "higher");
    S_yes(t, j, 7, met, RAG_NONE);
    report_cell(t, j, 7)->rag = met ? RAG_GREEN : RAG_RED;
    (void)r;
}

static void S_suppliers(report_t *r)
{
    const register_figures_t *f = r->facts.reg_figures;
    const registers_t *g = r->facts.registers;
    const reg_span_t *sp = &r->facts.reg_span;
    report_section_t *s = S_section(r, REG_SUPPLIERS);
    size_t measures = 0, met = 0, with = 0;
    for (size_t i = 0; i < f->nsuppliers; i++) {
        measures += f->suppliers[i].measures;
        met += f->suppliers[i].met;
        with += f->suppliers[i].measures > 0;
    }
    report_add_para(s, report_fmt(r,
                                  "%zu of %s whose period lies within the reporting period were "
                                  "on target, for %zu of the register's %s.",
                                  met, S_n(r, measures, "measure", "measures"), with,
                                  S_n(r, f->nsuppliers, "supplier", "suppliers")));
    static const char *const hdr[] = {"Supplier", "Measures", "Met", "Met %"};
    report_table_t *t = report_add_table(r, s, "Supplier scorecard", f->nsuppliers, 4, hdr);
    for (size_t i = 0; i < f->nsuppliers; i++) {
        report_set_text(t, i, 0, f->suppliers[i].supplier);
        S_int(t, i, 1, (double)f->suppliers[i].measures);
        S_int(t, i, 2, (double)f->suppliers[i].met);
        report_set_num(t, i, 3, CELL_PERCENT, f->suppliers[i].met_pct, 0);
    }
    if (with) {
        chart_spec_t *c =
            report_add_chart(r, s, CHART_BAR, "Measures on target by supplier (%)", with, 1);
        c->percent = 1;
        c->y_min = 0;
        c->y_max = 100;
        c->y_title = "%";
        c->series[0].name = "Met";
        for (size_t i = 0, j = 0; i < f->nsuppliers; i++)
            if (f->suppliers[i].measures) {
                c->categories[j] = f->suppliers[i].supplier;
                c->series[0].values[j++] = f->suppliers[i].met_pct;
            }
    }
    size_t n = 0;
    for (size_t i = 0; i < g->nmeasures; i++)
        n += registers_period_within(&g->measures[i].period, sp);
    static const char *const mh[] = {"Supplier", "Service", "Measure", "Period",
                                     "Target",   "Actual",  "Better",  "Met"};
    report_table_t *mt = report_add_table(r, s, "The period's measures", n, 8, mh);
    report_mark_value(r, mt, 7, "yes", RAG_GREEN);
    report_mark_value(r, mt, 7, "no", RAG_RED);
    for (size_t i = 0, j = 0; i < g->nmeasures; i++)
        if (registers_period_within(&g->measures[i].period, sp))
            S_measure_row(r, mt, j++, &g->measures[i]);
    static const char *const lh[] = {
        "Supplier", "Service", "Measure",           "Period", "Target", "Actual",
        "Better",   "Met",     "Within the period", "Row"};
    report_table_t *lt = S_listing(r, s, REG_SUPPLIERS, g->nmeasures, 10, lh);
    report_mark_value(r, lt, 7, "yes", RAG_GREEN);
    report_mark_value(r, lt, 7, "no", RAG_RED);
    for (size_t i = 0; i < g->nmeasures; i++) {
        S_measure_row(r, lt, i, &g->measures[i]);
        S_yes(lt, i, 8, registers_period_within(&g->measures[i].period, sp), RAG_NONE);
        report_set_text(lt, i, 9, S_row(r, &g->measures[i].at));
    }
}

/* ---- risks ---- */

/* The 5 × 5 matrix of the open risks: likelihood 5 (top) to 1, impact 1 to 5. */
static void S_risk_matrix(report_t *r, report_section_t *s)
{
    const register_figures_t *f = r->facts.reg_figures;
    const registers_t *g = r->facts.registers;
    chart_spec_t *c = report_add_chart(
        r, s, CHART_RISK_MATRIX, "Open risks by likelihood and impact (ids in their cells)", 5, 5);
    c->band_lo = r->facts.cfg->risk_medium;
    c->band_hi = r->facts.cfg->risk_high;
    c->cell_labels = arena_alloc(r->arena, 25 * sizeof(char *));
    c->y_title = "likelihood";
    c->target_label = "impact";
    for (int col = 0; col < 5; col++)
        c->categories[col] = report_fmt(r, "%d", col + 1);
    for (int row = 0; row < 5; row++) {
        int likelihood = 5 - row;
        c->series[row].name = report_fmt(r, "%d", likelihood);
        for (int col = 0; col < 5; col++) {
            size_t n = f->risks.matrix[likelihood - 1][col];
            c->series[row].values[col] = (double)n;
            if (!n)
                continue;
            strbuf_t ids = {0};
            size_t listed = 0;
            for (size_t i = 0; i < g->nrisks; i++) {
                const reg_risk_t *k = &g->risks[i];
                if (k->kind != RISK_KIND_RISK || k->likelihood != likelihood ||
                    k->impact != col + 1 || !registers_risk_state(k, &r->facts.reg_span).open)
                    continue;
                if (listed++ < 3)
                    strbuf_printf(&ids, "%s%s", ids.len ? ", " : "", k->id);
            }
            if (listed > 3)
                strbuf_printf(&ids, " +%zu", listed - 3);
            c->cell_labels[row * 5 + col] = arena_strdup(r->arena, ids.data);
            strbuf_clear(&ids);
        }
    }
}

/* The bands of a column of risks coloured by conditional formats in the workbook. */
static void S_band_marks(report_t *r, report_table_t *t, size_t col)
{
    report_mark_value(r, t, col, band_names[BAND_HIGH], RAG_RED);
    report_mark_value(r, t, col, band_names[BAND_MEDIUM], RAG_AMBER);
    report_mark_value(r, t, col, band_names[BAND_LOW], RAG_GREEN);
}

/* A risk's row: in the pack, its rating as "16 (4 × 4)"; in the listing, likelihood, impact
 * and rating as numbers, the rating coloured by formulas against the bands. */
static void S_risk_row(report_t *r, report_table_t *t, size_t j, const reg_risk_t *k, int listing)
{
    const config_t *cfg = r->facts.cfg;
    int rating = k->likelihood * k->impact, band = registers_band(cfg, rating);
    size_t c = 0;
    report_set_text(t, j, c++, k->id);
    report_set_text(t, j, c++, k->description);
    if (listing) {
        S_int(t, j, c++, k->likelihood);
        S_int(t, j, c++, k->impact);
        S_int(t, j, c, rating);
        cfg_kpi_target_t tg = {"risk rating", cfg->risk_medium - 1, cfg->risk_high - 1, 1};
        report_judge(report_cell(t, j, c++), &tg, -1);
    } else {
        report_set_text(t, j, c++, report_fmt(r, "%d (%d × %d)", rating, k->likelihood, k->impact));
    }
    report_set_text(t, j, c, band_names[band]);
    report_cell(t, j, c++)->rag = band == BAND_HIGH     ? RAG_RED
                                  : band == BAND_MEDIUM ? RAG_AMBER
                                                        : RAG_GREEN;
    report_set_text(t, j, c++, risk_status_words[k->status]);
    if (!listing && !k->treatment && k->status == RISK_OPEN) { /* untreated: say so */
        report_set_text(t, j, c, "(none)");
        report_cell(t, j, c)->rag = RAG_RED;
        c++;
    } else {
        report_set_text(t, j, c++, k->treatment);
    }
    report_set_text(t, j, c++, k->owner);
    int late = registers_before_end(k->review_due, &r->facts.reg_span) &&
               registers_risk_state(k, &r->facts.reg_span).open;
    S_due(r, t, j, c, k->review_due, late);
}

/* An open risk or opportunity (arg: its kind), the highest rating first. */
static int S_pick_open_risk(const void *rec, const reg_span_t *sp, int kind, double *key)
{
    const reg_risk_t *k = rec;
    *key = -(double)(k->likelihood * k->impact);
    return k->kind == kind && registers_risk_state(k, sp).open;
}

/* An open risk's or opportunity's row in the pack's list. */
static void S_risk_table_row(report_t *r, report_table_t *t, size_t j, const void *rec)
{
    S_risk_row(r, t, j, rec, 0);
}

/* The open risks (or opportunities), highest rating first. */
static void S_risk_table(report_t *r, report_section_t *s, int kind, const char *title)
{
    static const char *const hdr[] = {"Id",     "Description", "Rating (L × I)", "Band",
                                      "Status", "Treatment",   "Owner",          "Review due"};
    static const reg_list_t list = {S_pick_open_risk, S_risk_table_row, 8, hdr};
    const registers_t *g = r->facts.registers;
    report_table_t *t = S_list(r, s, &list, kind, title,
                               kind == RISK_KIND_RISK ? "open risks" : "open opportunities",
                               g->risks, g->nrisks, sizeof *g->risks);
    S_band_marks(r, t, 3);
}

static void S_risks(report_t *r)
{
    const register_figures_t *f = r->facts.reg_figures;
    const registers_t *g = r->facts.registers;
    const config_t *cfg = r->facts.cfg;
    report_section_t *s = S_section(r, REG_RISKS);
    report_add_para(
        s, report_fmt(r,
                      "Open risks at the end of the period by rating (likelihood × impact; high "
                      "from %d, medium from %d): %zu high, %zu medium, %zu low. %zu open with no "
                      "treatment; %zu past their review date. Treated and accepted risks stay on "
                      "the register with their residual rating. %s open.",
                      cfg->risk_high, cfg->risk_medium, f->risks.high, f->risks.medium,
                      f->risks.low, f->risks.untreated, f->risks.review_overdue,
                      S_n(r, f->risks.opportunities, "opportunity", "opportunities")));
    S_risk_matrix(r, s);
    S_risk_table(r, s, RISK_KIND_RISK, "Open risks, highest rating first");
    if (f->risks.opportunities)
        S_risk_table(r, s, RISK_KIND_OPPORTUNITY, "Open opportunities");
    static const char *const hdr[] = {"Id",          "Description",    "Likelihood", "Impact",
                                      "Rating",      "Band",           "Status",     "Treatment",
                                      "Owner",       "Review due",     "Kind",       "Raised",
                                      "Open at end", "Review overdue", "Row"};
    report_table_t *t = S_listing(r, s, REG_RISKS, g->nrisks, 15, hdr);
    S_band_marks(r, t, 5);
    report_mark_value(r, t, 13, "yes", RAG_RED);
    for (size_t i = 0; i < g->nrisks; i++) {
        const reg_risk_t *k = &g->risks[i];
        reg_state_t st = registers_risk_state(k, &r->facts.reg_span);
        S_risk_row(r, t, i, k, 1);
        report_set_text(t, i, 10, risk_kind_words[k->kind]);
        report_set_text(t, i, 11, report_day(r, k->raised));
        S_yes(t, i, 12, st.exists ? st.open : -1, RAG_NONE);
        S_yes(t, i, 13, st.open && registers_before_end(k->review_due, &r->facts.reg_span),
              RAG_RED);
        report_set_text(t, i, 14, S_row(r, &k->at));
    }
}

/* ---- improvements ---- */

/* An improvement's row: in the pack, its due date marked when overdue; in the listing, an
 * Overdue column of its own (columns 0-7; the listing adds its own after). */
static void S_improvement_row(report_t *r, report_table_t *t, size_t j, const reg_improvement_t *m,
                              const reg_state_t *st, int listing)
{
    int overdue = st->exists && st->open && st->overdue;
    report_set_text(t, j, 0, m->id);
    report_set_text(t, j, 1, m->description);
    report_set_text(t, j, 2, improvement_status_words[m->status]);
    report_set_text(t, j, 3, m->owner);
    if (listing)
        report_set_text(t, j, 4, report_day(r, m->due));
    else
        S_due(r, t, j, 4, m->due, overdue);
    S_age(t, j, 5, st->age);
    if (listing)
        S_yes(t, j, 6, st->exists && st->open ? st->overdue : -1, RAG_RED);
    report_set_text(t, j, listing ? 7 : 6, m->benefit);
}

/* Done in the period (arg 1), in the order done, or open at the end (arg 0), overdue first and
 * then by due date. */
static int S_pick_improvement(const void *rec, const reg_span_t *sp, int done, double *key)
{
    const reg_improvement_t *m = rec;
    reg_state_t st = registers_improvement_state(m, sp);
    *key = done ? (double)m->closed : S_due_key(st.overdue, m->due);
    return done ? m->status == IMP_DONE && registers_in_period(m->closed, sp) : st.open;
}

/* An improvement's row in the pack's lists. */
static void S_improvement_table_row(report_t *r, report_table_t *t, size_t j, const void *rec)
{
    reg_state_t st = registers_improvement_state(rec, &r->facts.reg_span);
    S_improvement_row(r, t, j, rec, &st, 0);
}

static void S_improvement_tables(report_t *r, report_section_t *s)
{
    static const char *const hdr[] = {"Id",  "Description", "Status", "Owner",
                                      "Due", "Age (days)",  "Benefit"};
    static const reg_list_t list = {S_pick_improvement, S_improvement_table_row, 7, hdr};
    const registers_t *g = r->facts.registers;
    for (int done = 0; done < 2; done++)
        S_list(r, s, &list, done,
               done ? "Done in the period" : "Open at the end of the period, overdue first",
               done ? "improvements done" : "open improvements", g->improvements, g->nimprovements,
               sizeof *g->improvements);
}

static void S_improvements(report_t *r)
{
    const register_figures_t *f = r->facts.reg_figures;
    const registers_t *g = r->facts.registers;
    const reg_span_t *sp = &r->facts.reg_span;
    report_section_t *s = S_section(r, REG_IMPROVEMENTS);
    report_add_para(s, report_fmt(r,
                                  "%zu raised and %zu done in the period; %zu open at its end, "
                                  "%zu of them overdue.",
                                  f->improvements.raised, f->improvements.done,
                                  f->improvements.open_end, f->improvements.overdue));
    double by[IMP_STATUS_COUNT] = {0};
    for (size_t i = 0; i < g->nimprovements; i++) {
        const reg_improvement_t *m = &g->improvements[i];
        if (registers_improvement_state(m, sp).open)
            by[m->status]++;
    }
    by[IMP_DONE] = (double)f->improvements.done;
    if (f->improvements.open_end || f->improvements.done) {
        chart_spec_t *c = report_add_chart(
            r, s, CHART_BAR, "Improvements: open by status, and done in the period", 4, 1);
        static const char *const cats[4] = {"proposed", "approved", "in progress",
                                            "done in the period"};
        static const int st[4] = {IMP_PROPOSED, IMP_APPROVED, IMP_IN_PROGRESS, IMP_DONE};
        c->y_title = "improvements";
        c->y_min = 0;
        c->series[0].name = "Improvements";
        for (int i = 0; i < 4; i++) {
            c->categories[i] = cats[i];
            c->series[0].values[i] = by[st[i]];
        }
    }
    S_improvement_tables(r, s);
    static const char *const hdr[] = {"Id",
                                      "Description",
                                      "Status",
                                      "Owner",
                                      "Due",
                                      "Age (days)",
                                      "Overdue",
                                      "Benefit",
                                      "Raised",
                                      "Closed",
                                      "Source",
                                      "Open at end",
                                      "Done in the period",
                                      "Row"};
    report_table_t *t = S_listing(r, s, REG_IMPROVEMENTS, g->nimprovements, 14, hdr);
    report_mark_value(r, t, 6, "yes", RAG_RED);
    report_mark_value(r, t, 12, "yes", RAG_GREEN);
    for (size_t i = 0; i < g->nimprovements; i++) {
        const reg_improvement_t *m = &g->improvements[i];
        reg_state_t st = registers_improvement_state(m, sp);
        S_improvement_row(r, t, i, m, &st, 1);
        report_set_text(t, i, 8, report_day(r, m->raised));
        report_set_text(t, i, 9, report_day(r, m->closed));
        report_set_text(t, i, 10, m->source);
        S_yes(t, i, 11, st.exists ? st.open : -1, RAG_NONE);
        S_yes(t, i, 12, m->status == IMP_DONE && registers_in_period(m->closed, sp), RAG_GREEN);
        report_set_text(t, i, 13, S_row(r, &m->at));
    }
}

/* ---- capacity ---- */

static void S_capacity_row(report_table_t *t, size_t j, const reg_capacity_t *c)
{
    report_set_text(t, j, 0, c->service);
    report_set_text(t, j, 1, c->resource);
    report_set_text(t, j, 2, c->period.label);
    S_amount(t, j, 3, c->used);
    S_amount(t, j, 4, c->capacity);
    double u = 100.0 * c->used / c->capacity;
    report_set_num(t, j, 5, CELL_PERCENT, u, 1);
    report_set_num(t, j, 6, CELL_PERCENT, c->threshold_pct, 1);
    cfg_kpi_target_t tg = {"threshold", c->threshold_pct, NAN, 1};
    report_judge(report_cell(t, j, 5), &tg, 6);
    report_cell(t, j, 5)->rag = u > c->threshold_pct ? RAG_RED : RAG_GREEN;
    S_yes(t, j, 7, u > c->threshold_pct, RAG_RED);
}

static void S_capacity(report_t *r)
{
    const register_figures_t *f = r->facts.reg_figures;
    const registers_t *g = r->facts.registers;
    report_section_t *s = S_section(r, REG_CAPACITY);
    size_t over = 0;
    for (size_t i = 0; i < f->ncapacity; i++)
        over += f->capacity[i].over_threshold;
    report_add_para(
        s, report_fmt(r,
                      "Utilisation of each resource in the latest period within the reporting "
                      "period (used / capacity), against its threshold: %zu of %zu over it. %s",
                      over, f->ncapacity,
                      f->ncapacity < f->capacity_pairs
                          ? report_fmt(r,
                                       "%zu of the register's %zu resources have no figure for "
                                       "a period within the reporting period.",
                                       f->capacity_pairs - f->ncapacity, f->capacity_pairs)
                          : ""));
    if (f->ncapacity) {
        chart_spec_t *c =
            report_add_chart(r, s, CHART_BAR, "Utilisation against threshold (%)", f->ncapacity, 1);
        double *marks = arena_alloc(r->arena, f->ncapacity * sizeof(double));
        c->percent = 1;
        c->y_min = 0;
        c->y_title = "%";
        c->series[0].name = "Utilisation";
        c->target_label = "threshold";
        for (size_t i = 0; i < f->ncapacity; i++) {
            c->categories[i] =
                report_fmt(r, "%s: %s", f->capacity[i].row->service, f->capacity[i].row->resource);
            c->series[0].values[i] = f->capacity[i].utilisation_pct;
            marks[i] = f->capacity[i].row->threshold_pct;
        }
        c->cat_targets = marks;
    }
    static const char *const hdr[] = {"Service",  "Resource",      "Period",      "Used",
                                      "Capacity", "Utilisation %", "Threshold %", "Over threshold"};
    report_table_t *t =
        report_add_table(r, s, "Latest figure in the period per resource", f->ncapacity, 8, hdr);
    report_mark_value(r, t, 7, "yes", RAG_RED);
    for (size_t i = 0; i < f->ncapacity; i++)
        S_capacity_row(t, i, f->capacity[i].row);
    static const char *const lh[] = {"Service",     "Resource",       "Period",
                                     "Used",        "Capacity",       "Utilisation %",
                                     "Threshold %", "Over threshold", "Within the period",
                                     "Row"};
    report_table_t *lt = S_listing(r, s, REG_CAPACITY, g->ncapacity, 10, lh);
    report_mark_value(r, lt, 7, "yes", RAG_RED);
    for (size_t i = 0; i < g->ncapacity; i++) {
        S_capacity_row(lt, i, &g->capacity[i]);
        S_yes(lt, i, 8, registers_period_within(&g->capacity[i].period, &r->facts.reg_span),
              RAG_NONE);
        report_set_text(lt, i, 9, S_row(r, &g->capacity[i].at));
    }
}

/* ---- context ---- */

static const char *const CONTEXT_KIND_TEXT[CTX_KIND_COUNT] = {
    "internal issue", "external issue", "interested party", "policy", "objective", "resources"};

static void S_context(report_t *r)
{
    const register_figures_t *f = r->facts.reg_figures;
    const registers_t *g = r->facts.registers;
    report_section_t *s = S_section(r, REG_CONTEXT);
    report_add_para(
        s, report_fmt(r,
                      "Changes in internal and external issues, interested parties, policies, "
                      "objectives and resources recorded in the period (clause 9.3): %s.",
                      S_n(r, f->ncontext, "entry", "entries")));
    static const char *const hdr[] = {"Date", "Kind", "Summary"};
    report_table_t *t =
        report_add_table(r, s, "Entries dated in the period, oldest first", f->ncontext, 3, hdr);
    for (size_t i = 0; i < f->ncontext; i++) {
        report_set_text(t, i, 0, report_day(r, f->context[i]->date));
        report_set_text(t, i, 1, CONTEXT_KIND_TEXT[f->context[i]->kind]);
        report_set_text(t, i, 2, f->context[i]->summary);
    }
    /* the standing context a review weighs: the latest entry of each kind before the period */
    const reg_context_t *latest[CTX_KIND_COUNT] = {NULL};
    size_t nlatest = 0;
    for (size_t i = 0; i < g->ncontext; i++) {
        const reg_context_t *x = &g->context[i];
        if (x->date * 86400 >= r->facts.reg_span.start)
            continue;
        if (!latest[x->kind])
            nlatest++;
        if (!latest[x->kind] || x->date >= latest[x->kind]->date)
            latest[x->kind] = x;
    }
    report_table_t *lt0 = report_add_table(
        r, s, "On record before the period: the latest entry of each kind", nlatest, 3, hdr);
    for (int k = 0, j = 0; k < CTX_KIND_COUNT; k++)
        if (latest[k]) {
            report_set_text(lt0, (size_t)j, 0, report_day(r, latest[k]->date));
            report_set_text(lt0, (size_t)j, 1, CONTEXT_KIND_TEXT[k]);
            report_set_text(lt0, (size_t)j++, 2, latest[k]->summary);
        }
    static const char *const lh[] = {"Date", "Kind", "Summary", "In the period", "Row"};
    report_table_t *lt = S_listing(r, s, REG_CONTEXT, g->ncontext, 5, lh);
    for (size_t i = 0; i < g->ncontext; i++) {
        report_set_text(lt, i, 0, report_day(r, g->context[i].date));
        report_set_text(lt, i, 1, context_kind_words[g->context[i].kind]);
        report_set_text(lt, i, 2, g->context[i].summary);
        S_yes(lt, i, 3, registers_in_period(g->context[i].date, &r->facts.reg_span), RAG_NONE);
        report_set_text(lt, i, 4, S_row(r, &g->context[i].at));
    }
}

void report_register_sections(report_t *r)
{
    static void (*const build[REG_COUNT])(report_t *) = {
        S_actions, S_nonconformities, S_audits,   S_complaints, S_suppliers,
        S_risks,   S_improvements,    S_capacity, S_context};
    const registers_t *g = r->facts.registers;
    for (int k = 0; g && k < REG_COUNT; k++)
        if (g->read[k])
            build[k](r);
}
