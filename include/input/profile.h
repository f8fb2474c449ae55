/*
 * profile — maps one tool's CSV export onto the canonical records of store.h. This version
 * reads the canonical formats of SPEC 3.2 (`tickets`, `outages`, `csat`); the tool profiles of
 * SPEC 3.3 are known by name and refused with a clear message until they are implemented.
 * Every row is either accepted or rejected with a reason and its line; nothing is dropped.
 */
#ifndef ISO20K_PROFILE_H
#define ISO20K_PROFILE_H

#include "core/config.h"
#include "core/diag.h"
#include "input/store.h"
#include "input/tz.h"

/* True when `name` is a profile of SPEC 3.3. */
int profile_known(const char *name);
/* The profile names, comma-separated, for messages. */
const char *profile_names_help(void);
/* True when `name` is a canonical column (for the generic profile's `columns`). */
int profile_canonical_column(const char *name);
/* True when pairs hold `key`. */
int profile_pairs_have(const cfg_pair_t *pairs, size_t n, const char *key);

/*
 * Reads source number `index` of cfg into store, converting local times with the source's zone
 * (or report_tz). Rejected rows and warnings go to store->quality[index].
 * Errors: ST_NOINPUT when the file cannot be read; ST_CONFIG for a profile this version cannot
 * read yet; ST_DATA when the file is not a CSV with the profile's header (the rows are then
 * counted as rejected too, so the report still shows them).
 */
status_t profile_read_source(const config_t *cfg, size_t index, const tz_t *report_tz,
                             store_t *store, diag_t *d);

#endif
