/*
 * config_assessment — the self-assessment file (`readiness:`, docs/metrics.md §11): a score,
 * evidence, owner, due date, action and action status per item of the catalogue in force.
 */
#ifndef ISO20K_CONFIG_ASSESSMENT_H
#define ISO20K_CONFIG_ASSESSMENT_H

#include "core/config.h"
#include "core/diag.h"

/*
 * Loads cfg->readiness (when set) into a new cfg->assessment against cfg->catalogue, which must
 * be set first (config_catalogue_load). ST_CONFIG with the file's line and column; an unknown
 * item names the items of its clause.
 */
status_t config_assessment_load(config_t *cfg, diag_t *d);

#endif
