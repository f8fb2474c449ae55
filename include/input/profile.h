/*
 * profile — maps one tool's CSV export onto the canonical records of store.h (SPEC 3.2, 3.3).
 * Each tool is a data table (header names, value vocabularies, time formats, missing-value
 * markers, quirks), read by one row parser; `generic` builds its table from the config, and
 * `auto` picks a table from the header row. A source with several rows per ticket (the
 * ServiceNow audit log) is rebuilt into one ticket per id, with its first response and paused
 * intervals. Every row is either accepted or rejected with a reason and its line.
 */
#ifndef ISO20K_PROFILE_H
#define ISO20K_PROFILE_H

#include "core/config.h"
#include "core/diag.h"
#include "input/store.h"
#include "input/tz.h"

/* True when `name` is a profile of SPEC 3.3 (or "auto"). */
int profile_known(const char *name);
/* What a profile's rows are (SPEC 3.2): tickets, outage records or survey responses; or a
 * review register (SPEC 3.6, profile "register:<name>"), which is no source of the period's
 * figures and whose coverage of the period is never judged. */
enum { PROFILE_TICKETS, PROFILE_OUTAGES, PROFILE_SURVEYS, PROFILE_REGISTER };
/* The records of the profile `name` (the one a source used: for `auto`, the one it picked, as
 * source_quality_t.profile holds it after reading); tickets for generic and for an unknown name,
 * PROFILE_REGISTER for "register:<name>". */
int profile_records(const char *name);
/* The profile names, comma-separated, for messages. */
const char *profile_names_help(void);
/* True when `name` is a canonical column (for the generic profile's `columns`). */
int profile_canonical_column(const char *name);
/* True when pairs hold `key`. */
int profile_pairs_have(const cfg_pair_t *pairs, size_t n, const char *key);

/*
 * Reads source number `index` of cfg into store, converting local times with the source's zone
 * (or report_tz). Rejected rows and warnings go to store->quality[index]; the profile used is
 * recorded there (for `auto`, the one picked).
 * Errors: ST_NOINPUT when the file cannot be read; ST_DATA when the file has no header the
 * profile recognises (its rows are then counted as rejected too, so the report shows them).
 */
status_t profile_read_source(const config_t *cfg, size_t index, const tz_t *report_tz,
                             store_t *store, diag_t *d);

#endif
