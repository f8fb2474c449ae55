/*
 * catalogue — the ISO/IEC 20000-1:2018 readiness catalogue: every clause and sub-clause of 4–10
 * (numbers and titles are public facts) and, under the deepest ones, assessment items written in
 * the project's own words (never the standard's text), each with a weight, whether it is
 * required documented information (a document to maintain, M, or a record to retain, R), and
 * which checks on the period's data speak to it. The built-in catalogue is static data; a
 * config may extend or replace it (app/config_catalogue.c builds a catalogue_t for that).
 */
#ifndef ISO20K_CATALOGUE_H
#define ISO20K_CATALOGUE_H

#include <stddef.h>

/* The checks the period's data can make (metrics/readiness.c computes them). */
typedef enum {
    CHECK_INCIDENTS_RECORDED = 0, /* incidents recorded with a priority and a service */
    CHECK_SLA_TARGETS,            /* an SLA target for every kind/priority seen */
    CHECK_SLA_MEASURED,           /* response or resolution SLA measured */
    CHECK_AVAILABILITY_TARGETS,   /* an agreed availability target for every service with outages */
    CHECK_AVAILABILITY_MEASURED,  /* availability measured against targets */
    CHECK_CSAT_MEASURED,          /* satisfaction measured on at least 30 responses */
    CHECK_CHANGES_RECORDED,       /* changes recorded with type and outcome */
    CHECK_EMERGENCY_CHANGES,      /* emergency changes identified */
    CHECK_PROBLEMS_RECORDED,      /* problems recorded */
    CHECK_REPORTS_PRODUCED,       /* service reports for 3 consecutive periods (history) */
    /* the review registers' evidence (docs/configuration.md §14; not checked when the register is
       not given) */
    CHECK_INTERNAL_AUDIT,     /* an internal audit dated in the twelve months before end */
    CHECK_REVIEW_ACTIONS,     /* a management-review action log */
    CHECK_CORRECTIVE_ACTIONS, /* nonconformities recorded with corrective actions */
    CHECK_IMPROVEMENTS,       /* improvements recorded in the twelve months before end */
    CHECK_SUPPLIER_MEASURES,  /* supplier performance measured in the twelve months before end */
    CHECK_CAPACITY,           /* capacity figures in the twelve months before end */
    CHECK_COUNT
} check_id_t;
#define CHECK_BIT(c) (1u << (c))
/* Stable names ("incidents_recorded", …), used in the JSON and in custom catalogues. */
extern const char *const check_names[CHECK_COUNT];
/* Short titles for tables ("Incidents recorded with priority and service", …). */
extern const char *const check_titles[CHECK_COUNT];
/* The check with this name, or -1. */
int check_by_name(const char *name);

typedef struct catalogue_clause {
    const char *number; /* "8.5.1.3" */
    const char *title;
} catalogue_clause_t;

typedef struct catalogue_item {
    const char *id;     /* "8.5.1.3-a" */
    const char *clause; /* the deepest clause it sits under */
    const char *text;   /* one or two sentences, the project's own words */
    double weight;
    char required;   /* 'M' document, 'R' record, 0 none */
    unsigned checks; /* CHECK_BIT()s of the data checks that speak to it */
} catalogue_item_t;

/* A catalogue in force: clauses in order (parents before children), then items. */
typedef struct catalogue {
    const catalogue_clause_t *clauses;
    size_t nclauses;
    const catalogue_item_t *items;
    size_t nitems;
} catalogue_t;

/* The built-in catalogue. */
extern const catalogue_t catalogue_builtin;

/* True when `clause` is `parent` or lies beneath it ("8.5.1.3" under "8.5" and "8"). */
int catalogue_under(const char *clause, const char *parent);
/* Index of the item with this id in cat, or -1. */
long catalogue_find_item(const catalogue_t *cat, const char *id);
/* Index of the clause with this number in cat, or -1. */
long catalogue_find_clause(const catalogue_t *cat, const char *number);
/* Compares two clause numbers or item ids numerically by segment ("9.4-a" < "10.1-a"). */
int catalogue_cmp_id(const char *a, const char *b);

#endif
