/*
 * config_theme — the theme file a config names (`theme:`): fonts, colours, logo and margin,
 * checked (the logo decoded, bounded and scaled by core/logo; a font checked by core/ttf and
 * embedded once by libharu) and loaded over the built-in theme.
 */
#ifndef ISO20K_CONFIG_THEME_H
#define ISO20K_CONFIG_THEME_H

#include "core/config.h"
#include "core/diag.h"

/*
 * Loads cfg->theme into cfg->look (which holds the built-in theme until then). ST_CONFIG with
 * the theme file's line and column, or the config's `theme` key when the file cannot be read.
 */
status_t config_theme_load(config_t *cfg, diag_t *d);

#endif
