/*
 * config_roi — the ROI assumptions a config names (`roi:`, docs/metrics.md §12): horizon, discount
 * rate, costs, unit values, named benefits, risk adjustments, ramp, annual baseline numbers and
 * scenarios, loaded into a roi_config_t.
 */
#ifndef ISO20K_CONFIG_ROI_H
#define ISO20K_CONFIG_ROI_H

#include "core/config.h"
#include "core/diag.h"

/*
 * Loads cfg->roi into a new cfg->roi_model (in the config's arena). ST_CONFIG with the ROI file's
 * line and column, or the config's `roi` key when the file cannot be read.
 */
status_t config_roi_load(config_t *cfg, diag_t *d);

#endif
