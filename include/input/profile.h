/*
 * profile — maps one tool's CSV export onto the canonical records of store.h (docs/configuration.md
 * §6, §9). Each tool is a data table (header names, value vocabularies, time formats,
 * missing-value markers, quirks), read by one row parser; `generic` builds its table from the
 * config, and `auto` picks a table from the header row. A source with several rows per ticket (the
 * ServiceNow audit log) is rebuilt into one ticket per id, with its first response and paused
 * intervals; a generic source with an `events` block (docs/configuration.md §5: CSV, spreadsheet or
 * XES) hands its events to eventlog.h and turns each case's walk into a ticket. Every row is either
 * accepted or rejected with a reason and its line.
 */
#ifndef ISO20K_PROFILE_H
#define ISO20K_PROFILE_H

#include "core/config.h"
#include "core/diag.h"
#include "input/store.h"
#include "input/tz.h"

/* True when `name` is a profile of docs/configuration.md §9 (or "auto"). */
int profile_known(const char *name);
/* What a profile's rows are (docs/configuration.md §6): tickets, outage records or survey
 * responses; or a review register (docs/configuration.md §14, profile "register:<name>"), which is
 * no source of the period's figures and whose coverage of the period is never judged. */
enum { PROFILE_TICKETS, PROFILE_OUTAGES, PROFILE_SURVEYS, PROFILE_REGISTER };
/* The records of the profile `name` (the one a source used: for `auto`, the one it picked, as
 * source_quality_t.profile holds it after reading); tickets for generic and for an unknown name,
 * PROFILE_REGISTER for "register:<name>". */
int profile_records(const char *name);
/* The profile names, comma-separated, for messages. */
const char *profile_names_help(void);
/* True when `name` is a canonical column that `columns` may map for a source read with
 * `profile` (a ticket, outage or survey field by the profile's record type; for `auto`, any). */
int profile_canonical_column(const char *profile, const char *name);
/* The canonical column names of that profile's record type, comma-separated, into out (for
 * messages). */
void profile_column_names(const char *profile, strbuf_t *out);
/* True when the walk of an event log (docs/configuration.md §5) sets the ticket field `column`, so
 * that `columns` may not give it: id, opened_at, first_response_at, resolved_at, closed_at, status,
 * reopen_count, and with a resource column also assignee and reassignment_count. */
int profile_walk_sets(const char *column, int with_resource);
/* The ticket state named `name` (new, in_progress, on_hold, resolved, closed, cancelled), as a
 * ticket_status_t, or -1. */
int profile_state_by_name(const char *name);
/* True when pairs hold `key`. */
int profile_pairs_have(const cfg_pair_t *pairs, size_t n, const char *key);

/*
 * Reads source number `index` of cfg into store, converting local times with the source's zone
 * (or report_tz). An event log (an `events` block, docs/configuration.md §5) is rebuilt into
 * tickets from its events up to `as_of` (TS_MAX: all). Rejected rows and warnings go to
 * store->quality[index]; the profile used is recorded there (for `auto`, the one picked), and for
 * an event log what `check` says of it. Errors: ST_NOINPUT when the file cannot be read; ST_DATA
 * when the file has no header the profile recognises (its rows are then counted as rejected too, so
 * the report shows them); ST_CONFIG, placed in the config, when a CSV or spreadsheet log's `events`
 * lacks its case, activity or time column.
 */
status_t profile_read_source(const config_t *cfg, size_t index, const tz_t *report_tz, ts_t as_of,
                             store_t *store, diag_t *d);

#endif
