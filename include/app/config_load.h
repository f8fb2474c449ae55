/*
 * config_load — reads review.yaml (docs/configuration.md §4) with libyaml into a config_t: every
 * key typed and checked, defaults applied, relative paths resolved against the config file's
 * directory. Unknown keys, wrong types, duplicate keys and impossible values are errors with
 * file:line:col.
 */
#ifndef ISO20K_CONFIG_LOAD_H
#define ISO20K_CONFIG_LOAD_H

#include "core/config.h"
#include "core/diag.h"

/*
 * Loads the config at `path`. On success *out is a new config (free with config_free).
 * Errors: ST_NOINPUT when the file cannot be read, ST_CONFIG for anything wrong in it.
 */
status_t config_load(const char *path, config_t **out, diag_t *d);
/* The same from a buffer; `path` names it in messages and anchors relative paths. */
status_t config_load_buffer(const char *path, const char *text, size_t len, config_t **out,
                            diag_t *d);
/* Parses a duration (`90s`, `15m`, `4h`, `3d`, `1w`, `1h30m`) into seconds; -1 if invalid. */
int64_t config_parse_duration(const char *s);

#endif
