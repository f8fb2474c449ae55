/*
 * config — the review configuration of docs/configuration.md §4 as plain typed data. Every stage
 * reads it; only the config loaders of app/ (config_load.c and the files it names, over the YAML
 * layer ydoc.c) fill it. Defaults are applied by the loader, so every field here holds a usable
 * value.
 */
#ifndef ISO20K_CONFIG_H
#define ISO20K_CONFIG_H

#include <stddef.h>
#include <stdint.h>

#include "core/assessment.h"
#include "core/catalogue.h"
#include "core/roi_config.h"
#include "core/theme.h"
#include "core/util.h"

/* Ticket kinds, in the documented order (and JSON by_kind prints them). */
typedef enum {
    KIND_INCIDENT = 0,
    KIND_REQUEST,
    KIND_PROBLEM,
    KIND_CHANGE,
    KIND_COUNT
} ticket_kind_t;
#define KIND_NONE (-1)
extern const char *const kind_names[KIND_COUNT];

/* A place in the config file, for errors found after loading (1-based; 0 = unknown). */
typedef struct cfg_mark {
    size_t line, column;
} cfg_mark_t;

typedef struct cfg_hours {
    int start_min; /* minutes after local midnight */
    int end_min;   /* exclusive; 1440 = midnight at the end of the day */
} cfg_hours_t;

typedef struct cfg_calendar {
    const char *name;
    int always_open;       /* the built-in 24x7 */
    cfg_hours_t *hours[7]; /* Monday = 0; sorted, non-overlapping */
    size_t nhours[7];
    int64_t *holidays; /* sorted day numbers (days_from_civil) */
    size_t nholidays;
    int64_t *holiday_open; /* [i]: open seconds of the distinct holidays before holidays[i] on
                            * the weekly pattern (nholidays + 1 sums); NULL until config_index */
} cfg_calendar_t;

typedef struct cfg_pair {
    const char *key;
    const char *value;
    int number; /* for priority maps */
} cfg_pair_t;

/* A source's `events` block (docs/configuration.md §5): one row per event of a case, rebuilt into
 * tickets. */
typedef struct cfg_events {
    int set;             /* the source has an `events` block */
    const char *case_id; /* the column (XES: trace attribute) of the case id; NULL: not given */
    const char *activity;
    const char *time;
    const char *resource; /* NULL: not given (XES: org:resource, unless `columns` names an
                           * assignee) */
    cfg_pair_t *states;   /* activity → state; `number` is the state (store.h ticket_status_t) */
    size_t nstates;
    const char **response; /* the activities that are a first response; NULL: the default */
    size_t nresponse;
    cfg_mark_t mark; /* the `events` key, for errors found when the file is read */
} cfg_events_t;

typedef struct cfg_source {
    const char *file;         /* resolved against the config's directory */
    const char *file_written; /* as written in the config */
    const char *profile;
    const char *timezone; /* NULL: the report's */
    int kind;             /* generic: the kind of every row; KIND_NONE: from the data */
    cfg_pair_t *columns;  /* generic: canonical name → header */
    size_t ncolumns;
    const char *time_format;
    cfg_pair_t *priorities; /* value in the export → priority 1..5 */
    size_t npriorities;
    const char *encoding;
    char delimiter;    /* 0: sniffed */
    const char *sheet; /* a workbook's sheet, by name or 1-based index; NULL: the default */
    size_t header_row; /* 1-based row of the header; 0: searched (docs/spreadsheets.md) */
    cfg_events_t events;
    cfg_mark_t mark;
} cfg_source_t;

typedef struct cfg_service {
    const char *name;
    const char *calendar;
    double availability_target;
    cfg_mark_t mark;
} cfg_service_t;

typedef struct cfg_maintenance {
    const char *service;
    int64_t start_local, end_local; /* local wall-clock seconds in the report's zone */
    cfg_mark_t mark;
} cfg_maintenance_t;

typedef struct cfg_sla_target {
    int kind;        /* KIND_INCIDENT or KIND_REQUEST */
    int priority;    /* 1..5, or 0 for the kind's `default` */
    int64_t respond; /* seconds on the calendar; -1 when not set */
    int64_t resolve;
    const char *calendar;
    cfg_mark_t mark;
} cfg_sla_target_t;

/* The review registers of docs/configuration.md §14, in the documented order (the pack's sections
 * and the JSON's `registers` keep it). */
typedef enum {
    REG_ACTIONS = 0,
    REG_NONCONFORMITIES,
    REG_AUDITS,
    REG_COMPLAINTS,
    REG_SUPPLIERS,
    REG_RISKS,
    REG_IMPROVEMENTS,
    REG_CAPACITY,
    REG_CONTEXT,
    REG_COUNT
} register_kind_t;
/* "actions", "nonconformities", … (config keys, JSON keys, `register:<name>` profiles). */
extern const char *const register_names[REG_COUNT];

/* One register the config names (`registers.<name>`: a path, or {file, sheet, columns}). */
typedef struct cfg_register {
    const char *file;         /* resolved against the config's directory; NULL: not given */
    const char *file_written; /* as written in the config */
    const char *sheet;        /* a workbook's sheet, by name or 1-based index; NULL: the default */
    cfg_pair_t *columns;      /* the register's column name → the file's header */
    size_t ncolumns;
    cfg_mark_t mark;
} cfg_register_t;

typedef struct cfg_kpi_target {
    const char *kpi;
    double target;
    double amber; /* NAN when not given */
    int lower_is_better;
} cfg_kpi_target_t;

typedef struct config {
    arena_t *arena;   /* owns every string and array below */
    const char *path; /* the config file */
    const char *dir;  /* its directory */
    const char *organization;
    const char *scope;
    const char *timezone;
    const char *period; /* as written; NULL: last-month */
    cfg_mark_t period_mark;
    const char *theme; /* resolved path, or NULL for the built-in theme */
    cfg_mark_t theme_mark;
    theme_t look;            /* the theme in force (the built-in default when none) */
    const char *output_dir;  /* resolved */
    const char *output_name; /* NULL: review-{period} / readiness-{period} */
    cfg_source_t *sources;
    size_t nsources;
    cfg_calendar_t *calendars; /* calendars[0] is 24x7 */
    size_t ncalendars;
    cfg_service_t *services;
    size_t nservices;
    cfg_service_t service_defaults;
    cfg_maintenance_t *maintenance;
    size_t nmaintenance;
    cfg_sla_target_t *sla;
    size_t nsla;
    const char **pause_states;
    size_t npause_states;
    int from_incidents_max_priority; /* 0: incidents are not counted as outages */
    int count_degradation;
    double scale_min, scale_max, satisfied_from;
    cfg_kpi_target_t *targets;
    size_t ntargets;
    int trend_periods;
    double max_rejected_pct;
    size_t min_sample;     /* quality.min_sample: a share from fewer observations is small_sample */
    int64_t coverage_gap;  /* quality.coverage_gap, seconds: the slack of the coverage rule */
    const char *readiness; /* resolved paths, or NULL */
    cfg_mark_t readiness_mark;
    const char *readiness_catalogue; /* a catalogue file that extends or replaces the built-in */
    int readiness_catalogue_replace;
    cfg_mark_t readiness_catalogue_mark;
    const catalogue_t *catalogue; /* the catalogue in force (the built-in when none) */
    assessment_t *assessment;     /* loaded from `readiness`, or NULL */
    const char *roi;
    cfg_mark_t roi_mark;
    roi_config_t *roi_model; /* loaded from `roi`, or NULL */
    const char *baseline;    /* as written, or NULL */
    cfg_mark_t baseline_mark;
    cfg_register_t registers[REG_COUNT]; /* indexed by register_kind_t; file NULL: not given */
    int risk_high, risk_medium; /* risk rating bands (`risk_levels`): high >= risk_high, medium
                                   >= risk_medium, low below */
    hashmap_t *service_index;   /* service name → position + 1 (config_index) */
    hashmap_t *calendar_index;  /* calendar name → position + 1 (config_index) */
} config_t;

/*
 * Builds what the look-ups below need so that none walks a list per ticket: the services and
 * calendars by name, and each calendar's holiday sums. The loader calls it; a config filled in
 * by hand needs it once its lists are complete (look-ups without it walk the lists). Returns
 * the position of the first service whose name an earlier one has, or -1.
 */
long config_index(config_t *cfg);

/* The calendar named `name`, or NULL. */
const cfg_calendar_t *config_calendar(const config_t *cfg, const char *name);
/* The catalogue entry for a service, or NULL. */
const cfg_service_t *config_service(const config_t *cfg, const char *name);
/* The KPI target for `kpi`, or NULL. */
const cfg_kpi_target_t *config_target(const config_t *cfg, const char *kpi);
/* The SLA target for a ticket of this kind and priority (0 = none): the exact one, else the
 * kind's default, else NULL. */
const cfg_sla_target_t *config_sla_target(const config_t *cfg, int kind, int priority);
/* The number of registers the config names. */
size_t config_register_count(const config_t *cfg);
/* Frees everything; config_free(NULL) is a no-op. */
void config_free(config_t *cfg);

#endif
