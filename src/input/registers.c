/*
 * registers — the review registers of docs/configuration.md §14 read into records: each register is
 * a table of columns (some required) and one row parser that checks every cell it reads and rejects
 * the row, with one reason, on the first cell it cannot read. The header is found as a source's is
 * (the first of the first rows that names every required column). It computes nothing.
 */
#include "input/registers.h"

#include <errno.h>
#include <math.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "input/rows.h"
#include "input/timeparse.h"

const char *const action_status_words[ACT_STATUS_COUNT] = {"open", "in_progress", "done",
                                                           "cancelled"};
const char *const action_source_words[ASRC_COUNT] = {"review",      "audit", "nonconformity",
                                                     "improvement", "risk",  "other"};
const char *const nc_source_words[NCSRC_COUNT] = {"internal_audit", "external_audit", "incident",
                                                  "complaint",      "review",         "other"};
const char *const severity_words[SEV_COUNT] = {"major", "minor"};
const char *const audit_kind_words[AUDIT_KIND_COUNT] = {"internal", "certification", "surveillance",
                                                        "customer", "supplier"};
const char *const grade_words[GRADE_COUNT] = {"major", "minor", "observation", "opportunity"};
const char *const finding_status_words[FSTAT_COUNT] = {"open", "closed"};
const char *const risk_kind_words[RISK_KIND_COUNT] = {"risk", "opportunity"};
const char *const risk_status_words[RISK_STATUS_COUNT] = {"open", "treated", "accepted", "closed"};
const char *const improvement_status_words[IMP_STATUS_COUNT] = {"proposed", "approved",
                                                                "in_progress", "done", "rejected"};
const char *const context_kind_words[CTX_KIND_COUNT] = {
    "internal_issue", "external_issue", "interested_party", "policy", "objective", "resources"};

/* ---- the registers' columns (docs/configuration.md §14), required ones marked ---- */

typedef struct reg_col {
    const char *name;
    int required;
} reg_col_t;

/* Column positions, in the order of each table below. */
enum { A_ID, A_ACTION, A_STATUS, A_OWNER, A_RAISED, A_DUE, A_CLOSED, A_SOURCE };
enum {
    N_ID,
    N_RAISED,
    N_DESCRIPTION,
    N_SOURCE,
    N_CLAUSE,
    N_SEVERITY,
    N_CORRECTION,
    N_ROOT_CAUSE,
    N_CORRECTIVE,
    N_OWNER,
    N_DUE,
    N_CLOSED,
    N_EFFECTIVE
};
enum { U_AUDIT, U_KIND, U_DATE, U_SCOPE, U_FINDING, U_CLAUSE, U_GRADE, U_STATUS, U_CLOSED };
enum { C_ID, C_RECEIVED, C_SERVICE, C_SUMMARY, C_UPHELD, C_RESOLVED };
enum { S_SUPPLIER, S_MEASURE, S_TARGET, S_ACTUAL, S_PERIOD, S_SERVICE, S_LOWER };
enum {
    R_ID,
    R_DESCRIPTION,
    R_LIKELIHOOD,
    R_IMPACT,
    R_KIND,
    R_OWNER,
    R_TREATMENT,
    R_STATUS,
    R_REVIEW_DUE,
    R_RAISED
};
enum { I_ID, I_DESCRIPTION, I_STATUS, I_RAISED, I_SOURCE, I_OWNER, I_DUE, I_CLOSED, I_BENEFIT };
enum { P_SERVICE, P_RESOURCE, P_PERIOD, P_USED, P_CAPACITY, P_THRESHOLD };
enum { X_DATE, X_KIND, X_SUMMARY };

static const reg_col_t ACTION_COLS[] = {{"id", 1},     {"action", 1}, {"status", 1},
                                        {"owner", 0},  {"raised", 0}, {"due", 0},
                                        {"closed", 0}, {"source", 0}, {NULL, 0}};
static const reg_col_t NC_COLS[] = {{"id", 1},         {"raised", 1},     {"description", 1},
                                    {"source", 0},     {"clause", 0},     {"severity", 0},
                                    {"correction", 0}, {"root_cause", 0}, {"corrective_action", 0},
                                    {"owner", 0},      {"due", 0},        {"closed", 0},
                                    {"effective", 0},  {NULL, 0}};
static const reg_col_t AUDIT_COLS[] = {{"audit", 1},   {"kind", 1},   {"date", 1},  {"scope", 0},
                                       {"finding", 0}, {"clause", 0}, {"grade", 0}, {"status", 0},
                                       {"closed", 0},  {NULL, 0}};
static const reg_col_t COMPLAINT_COLS[] = {{"id", 1},      {"received", 1}, {"service", 0},
                                           {"summary", 0}, {"upheld", 0},   {"resolved", 0},
                                           {NULL, 0}};
static const reg_col_t SUPPLIER_COLS[] = {{"supplier", 1},        {"measure", 1}, {"target", 1},
                                          {"actual", 1},          {"period", 1},  {"service", 0},
                                          {"lower_is_better", 0}, {NULL, 0}};
static const reg_col_t RISK_COLS[] = {{"id", 1},        {"description", 1}, {"likelihood", 1},
                                      {"impact", 1},    {"kind", 0},        {"owner", 0},
                                      {"treatment", 0}, {"status", 0},      {"review_due", 0},
                                      {"raised", 0},    {NULL, 0}};
static const reg_col_t IMPROVEMENT_COLS[] = {
    {"id", 1},    {"description", 1}, {"status", 1}, {"raised", 0},  {"source", 0},
    {"owner", 0}, {"due", 0},         {"closed", 0}, {"benefit", 0}, {NULL, 0}};
static const reg_col_t CAPACITY_COLS[] = {{"service", 1}, {"resource", 1}, {"period", 1},
                                          {"used", 1},    {"capacity", 1}, {"threshold_pct", 0},
                                          {NULL, 0}};
static const reg_col_t CONTEXT_COLS[] = {{"date", 1}, {"kind", 1}, {"summary", 1}, {NULL, 0}};

static const reg_col_t *const COLUMNS[REG_COUNT] = {ACTION_COLS,      NC_COLS,       AUDIT_COLS,
                                                    COMPLAINT_COLS,   SUPPLIER_COLS, RISK_COLS,
                                                    IMPROVEMENT_COLS, CAPACITY_COLS, CONTEXT_COLS};

/* The most columns a register has. */
#define REG_MAX_COLS 16

/* ---- reading ---- */

typedef struct rreader {
    const cfg_register_t *creg;
    register_kind_t kind;
    const reg_col_t *cols;
    store_t *store;
    size_t qi; /* the register's data-quality entry */
    registers_t *regs;
    rows_t *rows;
    rows_record_t rec;
    int col[REG_MAX_COLS]; /* the header's field of each register column, -1: absent */
    size_t header_fields;
    size_t line;      /* the row being read */
    strbuf_t reason;  /* the current row's reason for rejection */
    strbuf_t note;    /* … and the cell it quotes */
    strbuf_t pending; /* a status read as another: warned of when the row is accepted */
    size_t cap;       /* the capacity of the register's record array */
} rreader_t;

static int S_space(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* A vocabulary word: case-insensitive, and a space or a hyphen matches an underscore, so that
 * "In progress" and "in-progress" are in_progress. */
static int S_word(const char *s, size_t len, const char *word)
{
    size_t i = 0;
    for (; i < len && word[i]; i++) {
        unsigned char a = (unsigned char)s[i], b = (unsigned char)word[i];
        if (a >= 'A' && a <= 'Z')
            a += 32;
        if (a == ' ' || a == '-')
            a = '_';
        if (a != b)
            return 0;
    }
    return i == len && !word[i];
}

static int S_lookup(const char *s, size_t len, const char *const *words, int n)
{
    for (int i = 0; i < n; i++)
        if (S_word(s, len, words[i]))
            return i;
    return -1;
}

int registers_column(register_kind_t kind, const char *name)
{
    size_t len = strlen(name);
    ascii_trim(&name, &len);
    for (int c = 0; COLUMNS[kind][c].name; c++)
        if (ascii_ieq(name, len, COLUMNS[kind][c].name))
            return c;
    return -1;
}

const char *registers_column_name(register_kind_t kind, int c)
{
    if ((unsigned)kind >= REG_COUNT || c < 0)
        return NULL;
    for (int i = 0; COLUMNS[kind][i].name; i++)
        if (i == c)
            return COLUMNS[kind][i].name;
    return NULL;
}

/* Written out rather than joined at run time so that messages need no buffer to own; the unit
 * tests hold each text to the column table. */
const char *registers_columns_help(register_kind_t kind)
{
    static const char *const help[REG_COUNT] = {
        "id, action, status, owner, raised, due, closed, source",
        "id, raised, description, source, clause, severity, correction, root_cause, "
        "corrective_action, owner, due, closed, effective",
        "audit, kind, date, scope, finding, clause, grade, status, closed",
        "id, received, service, summary, upheld, resolved",
        "supplier, measure, target, actual, period, service, lower_is_better",
        "id, description, likelihood, impact, kind, owner, treatment, status, review_due, raised",
        "id, description, status, raised, source, owner, due, closed, benefit",
        "service, resource, period, used, capacity, threshold_pct",
        "date, kind, summary"};
    return help[kind];
}

/* The header name of column c: the config's mapping, else the column's own name. */
static const char *S_header_name(const rreader_t *rr, int c)
{
    for (size_t k = 0; k < rr->creg->ncolumns; k++)
        if (registers_column(rr->kind, rr->creg->columns[k].key) == c)
            return rr->creg->columns[k].value;
    return rr->cols[c].name;
}

/* Maps the register's columns onto a candidate header row; returns how many were found. */
static int S_map(rreader_t *rr, const rows_record_t *rec)
{
    int found = 0;
    for (int c = 0; rr->cols[c].name; c++) {
        rr->col[c] = -1;
        const char *want = S_header_name(rr, c);
        size_t wl = strlen(want);
        ascii_trim(&want, &wl);
        for (size_t i = 0; i < rec->nfields && rr->col[c] < 0; i++) {
            const char *h = rec->fields[i];
            size_t hl = rec->lens[i];
            ascii_trim(&h, &hl);
            if (hl && hl == wl && ascii_ieqn(h, want, hl))
                rr->col[c] = (int)i;
        }
        found += rr->col[c] >= 0;
    }
    return found;
}

/* The first required column the mapped header lacks, or -1. */
static int S_missing(const rreader_t *rr)
{
    for (int c = 0; rr->cols[c].name; c++)
        if (rr->cols[c].required && rr->col[c] < 0)
            return c;
    return -1;
}

/* rows_find_header's score: 2 with every required column, 1 with two columns or more. */
static int S_header_score(const rows_record_t *rec, void *ctx)
{
    rreader_t *rr = ctx;
    int found = S_map(rr, rec);
    return S_missing(rr) < 0 ? 2 : found >= 2 ? 1 : 0;
}

/* The trimmed cell of column c, or NULL when the column is absent or the cell empty. */
static const char *S_cell(const rreader_t *rr, int c, size_t *len)
{
    return rows_field(&rr->rec, rr->col[c], len);
}

/* The type of column c's cell in a spreadsheet row (ROWS_CELL_TEXT for CSV), and its value. */
static rows_cell_t S_type(const rreader_t *rr, int c, int64_t *value)
{
    int i = rr->col[c];
    if (!rr->rec.types || i < 0 || (size_t)i >= rr->rec.nfields)
        return ROWS_CELL_TEXT;
    *value = rr->rec.values[i];
    return (rows_cell_t)rr->rec.types[i];
}

/* Sets the row's reason for rejection ("<column> <what>"), quoting the cell (cut at 40 bytes);
 * returns -1. */
static int S_bad(rreader_t *rr, int c, const char *what)
{
    strbuf_reset(&rr->reason);
    strbuf_printf(&rr->reason, "%s %s", rr->cols[c].name, what);
    strbuf_reset(&rr->note);
    size_t len;
    const char *s = S_cell(rr, c, &len);
    if (s)
        strbuf_printf(&rr->note, "'%.*s%s'", (int)(len > 40 ? 40 : len), s, len > 40 ? "…" : "");
    return -1;
}

/* An unknown vocabulary value: the reason names the values the column takes. */
static int S_unknown(rreader_t *rr, int c, const char *const *words, int n)
{
    strbuf_t sb = {0};
    strbuf_puts(&sb, "is not one of ");
    for (int i = 0; i < n; i++)
        strbuf_printf(&sb, "%s%s", i ? ", " : "", words[i]);
    S_bad(rr, c, sb.data);
    strbuf_clear(&sb);
    return -1;
}

/* A text cell copied into the registers' arena; NULL when empty. */
static const char *S_text(rreader_t *rr, int c)
{
    size_t len;
    const char *s = S_cell(rr, c, &len);
    return s ? arena_strndup(rr->regs->arena, s, len) : NULL;
}

/* A required text cell: -1 when empty. */
static int S_need(rreader_t *rr, int c, const char **out)
{
    *out = S_text(rr, c);
    return *out ? 0 : S_bad(rr, c, "is empty (a required column)");
}

/* A date: YYYY-MM-DD (a time after it is allowed and dropped) or a date cell; REG_NO_DATE when
 * empty. */
static int S_date(rreader_t *rr, int c, int64_t *day)
{
    size_t len;
    int64_t v;
    const char *s = S_cell(rr, c, &len);
    *day = REG_NO_DATE;
    if (!s)
        return 0;
    if (S_type(rr, c, &v) == ROWS_CELL_DATETIME) {
        *day = floor_div(v, 86400);
        return 0;
    }
    parsed_time_t pt;
    if (timeparse_date(s, len, day) == 0)
        return 0;
    if (timeparse_canonical(s, len, &pt) == 0 && !pt.has_offset) {
        *day = floor_div(pt.seconds, 86400);
        return 0;
    }
    return S_bad(rr, c, "is not a date (write YYYY-MM-DD)");
}

/* A required date. */
static int S_need_date(rreader_t *rr, int c, int64_t *day)
{
    if (S_date(rr, c, day) != 0)
        return -1;
    return *day == REG_NO_DATE ? S_bad(rr, c, "is empty (a required column)") : 0;
}

/* A `period` cell: an absolute PERIOD; a date cell is the month it falls in (a spreadsheet
 * turns "2026-10" typed into a cell into 1 October 2026). */
static int S_period(rreader_t *rr, int c, reg_period_t *p)
{
    size_t len;
    int64_t v;
    const char *s = S_cell(rr, c, &len);
    if (!s)
        return S_bad(rr, c, "is empty (a required column)");
    period_kind_t kind;
    if (S_type(rr, c, &v) == ROWS_CELL_DATETIME) {
        int64_t y;
        int m, d;
        civil_from_days(floor_div(v, 86400), &y, &m, &d);
        kind = PERIOD_MONTH;
        p->first = days_from_civil(y, m, 1);
        p->end = m == 12 ? days_from_civil(y + 1, 1, 1) : days_from_civil(y, m + 1, 1);
    } else if (timeparse_period(s, len, &kind, &p->first, &p->end) != 0) {
        return S_bad(rr, c, "is not a period (write 2026-10, 2026-Q3, 2026 or a range A..B)");
    }
    char label[48];
    timeparse_period_label(kind, p->first, p->end, label, sizeof label);
    p->label = arena_strdup(rr->regs->arena, label);
    return 0;
}

/* A finite number (a trailing % is allowed and ignored); *set 0 when the cell is empty. */
static int S_number(rreader_t *rr, int c, double *out, int *set)
{
    size_t len;
    const char *s = S_cell(rr, c, &len);
    *set = 0;
    if (!s)
        return 0;
    char buf[64];
    if (len >= sizeof buf)
        return S_bad(rr, c, "is not a number");
    memcpy(buf, s, len);
    buf[len] = '\0';
    if (len > 1 && buf[len - 1] == '%') {
        buf[--len] = '\0';
        while (len && S_space(buf[len - 1]))
            buf[--len] = '\0';
    }
    char *end;
    errno = 0;
    double v = strtod(buf, &end);
    if (end == buf || *end || errno || !isfinite(v))
        return S_bad(rr, c, "is not a number");
    *out = v;
    *set = 1;
    return 0;
}

static int S_need_number(rreader_t *rr, int c, double *out)
{
    int set;
    if (S_number(rr, c, out, &set) != 0)
        return -1;
    return set ? 0 : S_bad(rr, c, "is empty (a required column)");
}

/* A whole number from 1 to 5 (likelihood, impact). */
static int S_scale5(rreader_t *rr, int c, int *out)
{
    double v;
    if (S_need_number(rr, c, &v) != 0)
        return -1;
    if (v != floor(v) || v < 1 || v > 5)
        return S_bad(rr, c, "is not a whole number from 1 to 5");
    *out = (int)v;
    return 0;
}

/* yes/no (also true/false, y/n, 1/0 and boolean cells); REG_NONE when empty. */
static int S_yes_no(rreader_t *rr, int c, int *out)
{
    static const char *const yes[] = {"yes", "y", "true", "1"}, *const no[] = {"no", "n", "false",
                                                                               "0"};
    size_t len;
    const char *s = S_cell(rr, c, &len);
    *out = REG_NONE;
    if (!s)
        return 0;
    if (S_lookup(s, len, yes, 4) >= 0)
        *out = 1;
    else if (S_lookup(s, len, no, 4) >= 0)
        *out = 0;
    else
        return S_bad(rr, c, "is not yes or no");
    return 0;
}

/* A vocabulary value; REG_NONE when empty (an error when the column is required). */
static int S_vocab(rreader_t *rr, int c, const char *const *words, int n, int *out)
{
    size_t len;
    const char *s = S_cell(rr, c, &len);
    *out = REG_NONE;
    if (!s)
        return rr->cols[c].required ? S_bad(rr, c, "is empty (a required column)") : 0;
    if ((*out = S_lookup(s, len, words, n)) < 0)
        return S_unknown(rr, c, words, n);
    return 0;
}

/*
 * A status: a word of the register's vocabulary, or one of the closing words of docs/metrics.md §14
 * (done, cancelled, closed, rejected) outside it, read as the register's closing status of the
 * same sense (done and closed finish an item, cancelled and rejected drop it), with a warning
 * once the row is accepted.
 */
static int S_status(rreader_t *rr, int c, const char *const *words, int n, int finished,
                    int dropped, int *out)
{
    size_t len;
    const char *s = S_cell(rr, c, &len);
    *out = REG_NONE;
    if (!s)
        return rr->cols[c].required ? S_bad(rr, c, "is empty (a required column)") : 0;
    if ((*out = S_lookup(s, len, words, n)) >= 0)
        return 0;
    static const char *const fin[] = {"done", "closed"}, *const drop[] = {"cancelled", "rejected"};
    *out = S_lookup(s, len, fin, 2) >= 0 ? finished : S_lookup(s, len, drop, 2) >= 0 ? dropped : -1;
    if (*out < 0)
        return S_unknown(rr, c, words, n);
    strbuf_reset(&rr->pending);
    strbuf_printf(&rr->pending, "'%.*s' read as %s", (int)(len > 40 ? 40 : len), s, words[*out]);
    return 0;
}

/* A closing date (column c) before the item's opening date is a rejected row. */
static int S_after(rreader_t *rr, int c, int64_t closed, int64_t opened, const char *what)
{
    if (closed == REG_NO_DATE || opened == REG_NO_DATE || closed >= opened)
        return 0;
    return S_bad(rr, c, what);
}

static reg_place_t S_place(const rreader_t *rr)
{
    reg_place_t p = {(uint32_t)rr->line,
                     rr->rec.sheet ? arena_strdup(rr->regs->arena, rr->rec.sheet) : NULL};
    return p;
}

/* ---- one parser per register, filling a zeroed record: 0, or -1 with the reason in rr->reason
 * ---- */

static int S_action(rreader_t *rr, void *rec)
{
    reg_action_t *a = rec;
    if (S_need(rr, A_ID, &a->id) || S_need(rr, A_ACTION, &a->action) ||
        S_status(rr, A_STATUS, action_status_words, ACT_STATUS_COUNT, ACT_DONE, ACT_CANCELLED,
                 &a->status) ||
        S_date(rr, A_RAISED, &a->raised) || S_date(rr, A_DUE, &a->due) ||
        S_date(rr, A_CLOSED, &a->closed) ||
        S_vocab(rr, A_SOURCE, action_source_words, ASRC_COUNT, &a->source) ||
        S_after(rr, A_CLOSED, a->closed, a->raised, "is before raised"))
        return -1;
    a->owner = S_text(rr, A_OWNER);
    return 0;
}

static int S_nonconformity(rreader_t *rr, void *rec)
{
    reg_nonconformity_t *n = rec;
    if (S_need(rr, N_ID, &n->id) || S_need_date(rr, N_RAISED, &n->raised) ||
        S_need(rr, N_DESCRIPTION, &n->description) ||
        S_vocab(rr, N_SOURCE, nc_source_words, NCSRC_COUNT, &n->source) ||
        S_vocab(rr, N_SEVERITY, severity_words, SEV_COUNT, &n->severity) ||
        S_date(rr, N_DUE, &n->due) || S_date(rr, N_CLOSED, &n->closed) ||
        S_yes_no(rr, N_EFFECTIVE, &n->effective) ||
        S_after(rr, N_CLOSED, n->closed, n->raised, "is before raised"))
        return -1;
    n->clause = S_text(rr, N_CLAUSE);
    n->correction = S_text(rr, N_CORRECTION);
    n->root_cause = S_text(rr, N_ROOT_CAUSE);
    n->corrective_action = S_text(rr, N_CORRECTIVE);
    n->owner = S_text(rr, N_OWNER);
    return 0;
}

static int S_finding(rreader_t *rr, void *rec)
{
    reg_finding_t *f = rec;
    if (S_need(rr, U_AUDIT, &f->audit) ||
        S_vocab(rr, U_KIND, audit_kind_words, AUDIT_KIND_COUNT, &f->kind) ||
        S_need_date(rr, U_DATE, &f->date) ||
        S_vocab(rr, U_GRADE, grade_words, GRADE_COUNT, &f->grade) ||
        S_status(rr, U_STATUS, finding_status_words, FSTAT_COUNT, FSTAT_CLOSED, FSTAT_CLOSED,
                 &f->status) ||
        S_date(rr, U_CLOSED, &f->closed) ||
        S_after(rr, U_CLOSED, f->closed, f->date, "is before the audit's date"))
        return -1;
    f->scope = S_text(rr, U_SCOPE);
    f->finding = S_text(rr, U_FINDING);
    f->clause = S_text(rr, U_CLAUSE);
    return 0;
}

static int S_complaint(rreader_t *rr, void *rec)
{
    reg_complaint_t *c = rec;
    if (S_need(rr, C_ID, &c->id) || S_need_date(rr, C_RECEIVED, &c->received) ||
        S_yes_no(rr, C_UPHELD, &c->upheld) || S_date(rr, C_RESOLVED, &c->resolved) ||
        S_after(rr, C_RESOLVED, c->resolved, c->received, "is before received"))
        return -1;
    c->service = S_text(rr, C_SERVICE);
    c->summary = S_text(rr, C_SUMMARY);
    return 0;
}

static int S_measure(rreader_t *rr, void *rec)
{
    reg_measure_t *m = rec;
    int lower;
    if (S_need(rr, S_SUPPLIER, &m->supplier) || S_need(rr, S_MEASURE, &m->measure) ||
        S_need_number(rr, S_TARGET, &m->target) || S_need_number(rr, S_ACTUAL, &m->actual) ||
        S_period(rr, S_PERIOD, &m->period) || S_yes_no(rr, S_LOWER, &lower))
        return -1;
    m->lower_is_better = lower == 1;
    m->service = S_text(rr, S_SERVICE);
    return 0;
}

static int S_risk(rreader_t *rr, void *rec)
{
    reg_risk_t *k = rec;
    if (S_need(rr, R_ID, &k->id) || S_need(rr, R_DESCRIPTION, &k->description) ||
        S_scale5(rr, R_LIKELIHOOD, &k->likelihood) || S_scale5(rr, R_IMPACT, &k->impact) ||
        S_vocab(rr, R_KIND, risk_kind_words, RISK_KIND_COUNT, &k->kind) ||
        S_status(rr, R_STATUS, risk_status_words, RISK_STATUS_COUNT, RISK_CLOSED, RISK_CLOSED,
                 &k->status) ||
        S_date(rr, R_REVIEW_DUE, &k->review_due) || S_date(rr, R_RAISED, &k->raised))
        return -1;
    if (k->kind == REG_NONE)
        k->kind = RISK_KIND_RISK;
    if (k->status == REG_NONE)
        k->status = RISK_OPEN;
    k->owner = S_text(rr, R_OWNER);
    k->treatment = S_text(rr, R_TREATMENT);
    return 0;
}

static int S_improvement(rreader_t *rr, void *rec)
{
    reg_improvement_t *m = rec;
    if (S_need(rr, I_ID, &m->id) || S_need(rr, I_DESCRIPTION, &m->description) ||
        S_status(rr, I_STATUS, improvement_status_words, IMP_STATUS_COUNT, IMP_DONE, IMP_REJECTED,
                 &m->status) ||
        S_date(rr, I_RAISED, &m->raised) || S_date(rr, I_DUE, &m->due) ||
        S_date(rr, I_CLOSED, &m->closed) ||
        S_after(rr, I_CLOSED, m->closed, m->raised, "is before raised"))
        return -1;
    m->source = S_text(rr, I_SOURCE);
    m->owner = S_text(rr, I_OWNER);
    m->benefit = S_text(rr, I_BENEFIT);
    return 0;
}

static int S_capacity(rreader_t *rr, void *rec)
{
    reg_capacity_t *p = rec;
    int set;
    if (S_need(rr, P_SERVICE, &p->service) || S_need(rr, P_RESOURCE, &p->resource) ||
        S_period(rr, P_PERIOD, &p->period) || S_need_number(rr, P_USED, &p->used) ||
        S_need_number(rr, P_CAPACITY, &p->capacity) ||
        S_number(rr, P_THRESHOLD, &p->threshold_pct, &set))
        return -1;
    if (p->used < 0)
        return S_bad(rr, P_USED, "is negative");
    if (!(p->capacity > 0))
        return S_bad(rr, P_CAPACITY, "is not above zero");
    if (!set)
        p->threshold_pct = 80;
    else if (!(p->threshold_pct > 0))
        return S_bad(rr, P_THRESHOLD, "is not above zero");
    return 0;
}

static int S_context(rreader_t *rr, void *rec)
{
    reg_context_t *x = rec;
    if (S_need_date(rr, X_DATE, &x->date) ||
        S_vocab(rr, X_KIND, context_kind_words, CTX_KIND_COUNT, &x->kind) ||
        S_need(rr, X_SUMMARY, &x->summary))
        return -1;
    return 0;
}

/* Where each register keeps its records in registers_t, how large one is, where in it the
 * record's place goes, and the parser that fills it. */
typedef struct reg_kind {
    int (*parse)(rreader_t *, void *);
    size_t size, array, count, at;
} reg_kind_t;

#define KIND(parse, type, array)                                                                   \
    {                                                                                              \
        parse, sizeof(type), offsetof(registers_t, array), offsetof(registers_t, n##array),        \
            offsetof(type, at)                                                                     \
    }
static const reg_kind_t KINDS[REG_COUNT] = {
    KIND(S_action, reg_action_t, actions),
    KIND(S_nonconformity, reg_nonconformity_t, nonconformities),
    KIND(S_finding, reg_finding_t, findings),
    KIND(S_complaint, reg_complaint_t, complaints),
    KIND(S_measure, reg_measure_t, measures),
    KIND(S_risk, reg_risk_t, risks),
    KIND(S_improvement, reg_improvement_t, improvements),
    KIND(S_capacity, reg_capacity_t, capacity),
    KIND(S_context, reg_context_t, context)};
#undef KIND

/* The register's array of records, and its count, in g. */
static void **S_array(registers_t *g, register_kind_t kind)
{
    return (void **)((char *)g + KINDS[kind].array);
}

static size_t *S_count(registers_t *g, register_kind_t kind)
{
    return (size_t *)((char *)g + KINDS[kind].count);
}

/* The current row as a new record of the register: kept with its place when its parser accepts
 * it, taken back when the parser rejects it. 0, or -1 with the reason in rr->reason. */
static int S_record(rreader_t *rr)
{
    const reg_kind_t *k = &KINDS[rr->kind];
    size_t *n = S_count(rr->regs, rr->kind);
    char *rec = xpush(S_array(rr->regs, rr->kind), n, &rr->cap, k->size);
    if (k->parse(rr, rec) != 0) {
        (*n)--;
        return -1;
    }
    *(reg_place_t *)(rec + k->at) = S_place(rr);
    return 0;
}

/* A row whose every cell is empty (a spreadsheet saved as CSV writes them): skipped, like an
 * empty spreadsheet row, and not counted. */
static int S_blank(const rows_record_t *rec)
{
    for (size_t i = 0; i < rec->nfields; i++) {
        const char *s = rec->fields[i];
        size_t len = rec->lens[i];
        ascii_trim(&s, &len);
        if (len)
            return 0;
    }
    return 1;
}

/* Every data row, accepted or rejected with its reason (every one, when a required column is
 * missing). Returns rows_next's last result. */
static int S_rows(rreader_t *rr, int missing)
{
    source_quality_t *q = &rr->store->quality[rr->qi];
    strbuf_t all = {0};
    if (missing >= 0)
        strbuf_printf(&all, "missing required column '%s'", rr->cols[missing].name);
    int csv = rows_format(rr->rows) == ROWS_CSV, got;
    while ((got = rows_next(rr->rows, &rr->rec)) == 1) {
        if (S_blank(&rr->rec))
            continue;
        rr->line = rr->rec.line;
        q->rows_read++;
        const char *why = NULL;
        strbuf_reset(&rr->note);
        strbuf_reset(&rr->pending);
        if (missing >= 0)
            why = all.data;
        else if (rr->rec.too_long)
            why = "field longer than 16 MiB";
        else if (rr->rec.unterminated)
            why = "quoted field never closed (it runs to the end of the file)";
        else if (csv && rr->rec.nfields != rr->header_fields)
            why = "wrong number of fields";
        else if (S_record(rr) != 0)
            why = rr->reason.data;
        q->sheet = rr->rec.sheet;
        if (why) {
            q->rows_rejected++;
            store_reject_note(rr->store, rr->qi, rr->line, why,
                              rr->note.len ? rr->note.data : NULL);
        } else {
            q->rows_accepted++;
            if (rr->pending.len)
                store_warn_note(rr->store, rr->qi, rr->line,
                                "a closing status outside the register's vocabulary, read as its "
                                "own",
                                rr->pending.data);
        }
        q->sheet = NULL;
    }
    strbuf_clear(&all);
    return got;
}

/* The rows reader's failure as the register's error; anything but a read error means the file
 * is not a table, and then nothing may be written. */
static status_t S_failed(rreader_t *rr, diag_t *d)
{
    return rows_failed(rr->rows, rr->creg->file_written, &rr->store->quality[rr->qi].unreadable, d);
}

/* Opens the file as a table; an XES log or any file that is not a table stops the run. */
static status_t S_open(rreader_t *rr, diag_t *d)
{
    source_quality_t *q = &rr->store->quality[rr->qi];
    rows_options_t opt = {0, CSV_ENC_AUTO, rr->creg->sheet, 0};
    status_t st = rows_open(rr->creg->file, rr->creg->file_written, &opt, &rr->rows, d);
    if (st != ST_OK) {
        if (st == ST_DATA)
            q->unreadable = 1;
        return st;
    }
    q->format = rows_format_name(rows_format(rr->rows));
    if (rows_format(rr->rows) == ROWS_XES) {
        q->unreadable = 1;
        return diag_set(d, ST_DATA, rr->creg->file_written, 0, 0,
                        "an XES event log, not a register: save the %s register as CSV or a "
                        "spreadsheet",
                        register_names[rr->kind]);
    }
    return ST_OK;
}

/* Finds the header and reads the rows; the register is read when its header is complete. */
static status_t S_read(rreader_t *rr, diag_t *d)
{
    rows_record_t header;
    int got = rows_find_header(rr->rows, S_header_score, rr, &header);
    if (got < 0)
        return S_failed(rr, d);
    if (got == 0) { /* not even a header: an export that failed, not an empty register */
        rr->store->quality[rr->qi].sheet = NULL;
        store_warn(rr->store, rr->qi, 0, "empty file: no header and no rows");
        return diag_set(d, ST_DATA, rr->creg->file_written, 0, 0,
                        "the file has no header and no rows; an empty %s register needs its "
                        "header row at least; the register is not read",
                        register_names[rr->kind]);
    }
    S_map(rr, &header);
    int missing = S_missing(rr);
    rr->header_fields = header.nfields;
    if (S_rows(rr, missing) < 0)
        return S_failed(rr, d);
    if (missing >= 0)
        return diag_set(d, ST_DATA, rr->creg->file_written, header.end_line, 0,
                        "the %s register has no '%s' column (required; its columns: %s); the "
                        "register is not read",
                        register_names[rr->kind], S_header_name(rr, missing),
                        registers_columns_help(rr->kind));
    /* a header without rows is an empty register: declared, nothing in it */
    rr->regs->read[rr->kind] = 1;
    return ST_OK;
}

status_t registers_read(const config_t *cfg, register_kind_t kind, size_t quality_index,
                        store_t *store, registers_t *regs, diag_t *d)
{
    const cfg_register_t *creg = &cfg->registers[kind];
    source_quality_t *q = &store->quality[quality_index];
    q->file = creg->file_written;
    q->path = creg->file;
    q->is_register = 1;
    strbuf_t profile = {0};
    strbuf_printf(&profile, "register:%s", register_names[kind]);
    q->profile = arena_strdup(store->arena, profile.data);
    strbuf_clear(&profile);
    regs->given[kind] = 1;

    rreader_t rr;
    memset(&rr, 0, sizeof rr);
    rr.creg = creg;
    rr.kind = kind;
    rr.cols = COLUMNS[kind];
    rr.store = store;
    rr.qi = quality_index;
    rr.regs = regs;
    for (int c = 0; c < REG_MAX_COLS; c++)
        rr.col[c] = -1;
    status_t st = S_open(&rr, d);
    if (st == ST_OK)
        st = S_read(&rr, d);
    if (rr.rows) {
        q->sheets = arena_strdup(store->arena, rows_sheets(rr.rows));
        q->bytes = rows_bytes(rr.rows);
        memcpy(q->sha256, rows_sha256(rr.rows), 65);
    }
    strbuf_clear(&rr.reason);
    strbuf_clear(&rr.note);
    strbuf_clear(&rr.pending);
    rows_close(rr.rows);
    return st;
}

registers_t *registers_new(void)
{
    registers_t *g = xcalloc(1, sizeof *g);
    g->arena = arena_new();
    return g;
}

void registers_free(registers_t *g)
{
    if (!g)
        return;
    for (int k = 0; k < REG_COUNT; k++)
        free(*S_array(g, (register_kind_t)k));
    arena_free(g->arena);
    free(g);
}
