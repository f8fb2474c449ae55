/*
 * config_catalogue — a readiness catalogue file (`readiness: {catalogue: FILE}`) that extends or
 * replaces the built-in catalogue of clauses and assessment items.
 */
#ifndef ISO20K_CONFIG_CATALOGUE_H
#define ISO20K_CONFIG_CATALOGUE_H

#include "core/config.h"
#include "core/diag.h"

/*
 * Sets cfg->catalogue: the built-in catalogue, or the one cfg->readiness_catalogue makes of it
 * (in the config's arena). ST_CONFIG with the catalogue file's line and column.
 */
status_t config_catalogue_load(config_t *cfg, diag_t *d);

#endif
