/*
 * registers — the review registers of docs/configuration.md §14 (actions, nonconformities, audits,
 * complaints, suppliers, risks, improvements, capacity, context) read through the rows interface
 * (CSV, .xlsx, .ods, .xls) into records of their own: dates as day numbers, vocabularies as enum
 * values, numbers checked. Every row is accepted or rejected with its reason and place in the
 * data-quality log (a source with the profile `register:<name>`).
 * It computes nothing (metrics/registers.c does) and never touches tickets.
 */
#ifndef ISO20K_INPUT_REGISTERS_H
#define ISO20K_INPUT_REGISTERS_H

#include <stddef.h>
#include <stdint.h>

#include "core/config.h"
#include "core/diag.h"
#include "input/store.h"

/* A date is a day number (days_from_civil) of the report's calendar; REG_NO_DATE: empty. */
#define REG_NO_DATE INT64_MIN
/* A vocabulary cell left empty. */
#define REG_NONE (-1)

/* The vocabularies, each in the documented order (their names are in the tables below). */
enum { ACT_OPEN, ACT_IN_PROGRESS, ACT_DONE, ACT_CANCELLED, ACT_STATUS_COUNT };
enum {
    ASRC_REVIEW,
    ASRC_AUDIT,
    ASRC_NONCONFORMITY,
    ASRC_IMPROVEMENT,
    ASRC_RISK,
    ASRC_OTHER,
    ASRC_COUNT
};
enum {
    NCSRC_INTERNAL_AUDIT,
    NCSRC_EXTERNAL_AUDIT,
    NCSRC_INCIDENT,
    NCSRC_COMPLAINT,
    NCSRC_REVIEW,
    NCSRC_OTHER,
    NCSRC_COUNT
};
enum { SEV_MAJOR, SEV_MINOR, SEV_COUNT };
enum {
    AUDIT_INTERNAL,
    AUDIT_CERTIFICATION,
    AUDIT_SURVEILLANCE,
    AUDIT_CUSTOMER,
    AUDIT_SUPPLIER,
    AUDIT_KIND_COUNT
};
enum { GRADE_MAJOR, GRADE_MINOR, GRADE_OBSERVATION, GRADE_OPPORTUNITY, GRADE_COUNT };
enum { FSTAT_OPEN, FSTAT_CLOSED, FSTAT_COUNT };
enum { RISK_KIND_RISK, RISK_KIND_OPPORTUNITY, RISK_KIND_COUNT };
enum { RISK_OPEN, RISK_TREATED, RISK_ACCEPTED, RISK_CLOSED, RISK_STATUS_COUNT };
enum { IMP_PROPOSED, IMP_APPROVED, IMP_IN_PROGRESS, IMP_DONE, IMP_REJECTED, IMP_STATUS_COUNT };
enum {
    CTX_INTERNAL_ISSUE,
    CTX_EXTERNAL_ISSUE,
    CTX_INTERESTED_PARTY,
    CTX_POLICY,
    CTX_OBJECTIVE,
    CTX_RESOURCES,
    CTX_KIND_COUNT
};

extern const char *const action_status_words[ACT_STATUS_COUNT];
extern const char *const action_source_words[ASRC_COUNT];
extern const char *const nc_source_words[NCSRC_COUNT];
extern const char *const severity_words[SEV_COUNT];
extern const char *const audit_kind_words[AUDIT_KIND_COUNT];
extern const char *const grade_words[GRADE_COUNT];
extern const char *const finding_status_words[FSTAT_COUNT];
extern const char *const risk_kind_words[RISK_KIND_COUNT];
extern const char *const risk_status_words[RISK_STATUS_COUNT];
extern const char *const improvement_status_words[IMP_STATUS_COUNT];
extern const char *const context_kind_words[CTX_KIND_COUNT];

/* Every record keeps its place: the row of the file (1-based) and, in a workbook of several
 * sheets, the sheet's name (else NULL). Texts are NULL when the cell is empty. */
typedef struct reg_place {
    uint32_t line;
    const char *sheet;
} reg_place_t;

typedef struct reg_action {
    const char *id, *action, *owner;
    int status; /* ACT_* */
    int source; /* ASRC_*, REG_NONE */
    int64_t raised, due, closed;
    reg_place_t at;
} reg_action_t;

typedef struct reg_nonconformity {
    const char *id, *description, *clause, *correction, *root_cause, *corrective_action, *owner;
    int source;    /* NCSRC_*, REG_NONE */
    int severity;  /* SEV_*, REG_NONE */
    int effective; /* 1 yes, 0 no, REG_NONE not yet verified */
    int64_t raised, due, closed;
    reg_place_t at;
} reg_nonconformity_t;

/* One finding of an audit (an audit without findings: one row with finding NULL). */
typedef struct reg_finding {
    const char *audit, *scope, *finding, *clause;
    int kind;   /* AUDIT_* */
    int grade;  /* GRADE_*, REG_NONE */
    int status; /* FSTAT_*, REG_NONE */
    int64_t date, closed;
    reg_place_t at;
} reg_finding_t;

typedef struct reg_complaint {
    const char *id, *service, *summary;
    int upheld; /* 1, 0, REG_NONE */
    int64_t received, resolved;
    reg_place_t at;
} reg_complaint_t;

/* A `period` cell: the days [first, end) of an absolute PERIOD, and its canonical label. */
typedef struct reg_period {
    int64_t first, end;
    const char *label;
} reg_period_t;

typedef struct reg_measure {
    const char *supplier, *measure, *service;
    double target, actual;
    int lower_is_better;
    reg_period_t period;
    reg_place_t at;
} reg_measure_t;

typedef struct reg_risk {
    const char *id, *description, *owner, *treatment;
    int likelihood, impact; /* 1..5 */
    int kind;               /* RISK_KIND_* (default risk) */
    int status;             /* RISK_* (default open) */
    int64_t review_due, raised;
    reg_place_t at;
} reg_risk_t;

typedef struct reg_improvement {
    const char *id, *description, *source, *owner, *benefit;
    int status; /* IMP_* */
    int64_t raised, due, closed;
    reg_place_t at;
} reg_improvement_t;

typedef struct reg_capacity {
    const char *service, *resource;
    reg_period_t period;
    double used, capacity, threshold_pct; /* capacity > 0; threshold default 80 */
    reg_place_t at;
} reg_capacity_t;

typedef struct reg_context {
    int64_t date;
    int kind; /* CTX_* */
    const char *summary;
    reg_place_t at;
} reg_context_t;

/* Every register's records. `given`: the config names it; `read`: it was read (a register
 * whose file lacks a required column is given but not read, and counts as absent). */
typedef struct registers {
    arena_t *arena; /* owns every record and string */
    int given[REG_COUNT];
    int read[REG_COUNT];
    reg_action_t *actions;
    size_t nactions;
    reg_nonconformity_t *nonconformities;
    size_t nnonconformities;
    reg_finding_t *findings;
    size_t nfindings;
    reg_complaint_t *complaints;
    size_t ncomplaints;
    reg_measure_t *measures;
    size_t nmeasures;
    reg_risk_t *risks;
    size_t nrisks;
    reg_improvement_t *improvements;
    size_t nimprovements;
    reg_capacity_t *capacity;
    size_t ncapacity;
    reg_context_t *context;
    size_t ncontext;
} registers_t;

/* A new set of registers, all absent; free with registers_free. */
registers_t *registers_new(void);
/* Frees every record; registers_free(NULL) is a no-op. */
void registers_free(registers_t *regs);

/* The index of `name` among the columns of register `kind` (case-insensitive, surrounding
 * spaces ignored), or -1. */
int registers_column(register_kind_t kind, const char *name);
/* The name of column c of register `kind` (c from 0), or NULL past its last column. */
const char *registers_column_name(register_kind_t kind, int c);
/* The columns of register `kind`, comma-separated, for messages (the names of
 * registers_column_name in order). */
const char *registers_columns_help(register_kind_t kind);

/*
 * Reads register `kind` of cfg into regs, logging its rows in store->quality[quality_index]
 * (profile `register:<name>`; such a source never counts toward quality.max_rejected_pct).
 * Errors: ST_NOINPUT when the file cannot be opened or read; ST_DATA when it is not a table
 * (quality.unreadable is set: nothing may be written) or its header lacks a required column
 * (every row is then counted as rejected, and the register is not read).
 */
status_t registers_read(const config_t *cfg, register_kind_t kind, size_t quality_index,
                        store_t *store, registers_t *regs, diag_t *d);

#endif
