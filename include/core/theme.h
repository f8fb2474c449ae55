/*
 * theme — how a pack looks: fonts, colours (palette for chart series, red/amber/green, text,
 * the primary colour of headings and tables), page margin and a logo. Pure data with the
 * built-in defaults; loaded from a theme YAML by app/config_theme.c, used by the renderers.
 */
#ifndef ISO20K_THEME_H
#define ISO20K_THEME_H

#include <stddef.h>

#include "core/logo.h"

typedef struct theme_rgb {
    double r, g, b; /* 0..1 */
} theme_rgb_t;

#define THEME_MAX_SERIES 10

/* The box the cover draws the logo in, and the raster's resolution in it (288 dpi). */
#define THEME_LOGO_W_PT 200
#define THEME_LOGO_H_PT 40
#define THEME_LOGO_PX_PER_PT 4

typedef struct theme {
    const char *name;
    const char *font_regular; /* TrueType file: a path, or a name in the font directory */
    const char *font_bold;
    const char *logo; /* PNG or JPEG file, checked on loading; NULL: none */
    /* the logo decoded on loading and scaled to the box the cover gives it (at most
     * THEME_LOGO_W_PT × THEME_LOGO_H_PT points, THEME_LOGO_PX_PER_PT pixels a point), in the
     * configuration's arena; rgb NULL when there is no logo */
    logo_image_t logo_image;
    double margin_pt;    /* page margin */
    theme_rgb_t primary; /* cover band, headings, table headers */
    theme_rgb_t text, muted, zebra, target;
    theme_rgb_t rag_fill[4]; /* indexed by rag_t: none, green, amber, red */
    theme_rgb_t series[THEME_MAX_SERIES];
    size_t nseries;
} theme_t;

/* Fills t with the built-in default theme (what themes/default.yaml also says). */
void theme_default(theme_t *t);
/* The directory of fonts named without a path ($ISO20K_FONT_DIR, else Debian's DejaVu). */
const char *theme_font_dir(void);
/* The file of a font: `name` itself when it holds a '/', else name in theme_font_dir().
 * Returns a new string the caller frees. */
char *theme_font_path(const char *name);

/* Parses "#RRGGBB"; returns 0 or -1. */
int theme_parse_color(const char *s, theme_rgb_t *out);

#endif
