/*
 * chart — draws a chart spec with cairo into an RGB raster (for the PDF). One drawing function
 * per chart kind; axes with nice tick values, legends, value labels where legible, category
 * labels thinned or rotated so they never overlap. The only module that touches cairo.
 * Colours come from the theme (by default a colour-blind-safe palette, Okabe–Ito).
 */
#ifndef ISO20K_CHART_H
#define ISO20K_CHART_H

#include "core/diag.h"
#include "core/theme.h"
#include "report/report.h"

typedef struct chart_image {
    unsigned char *rgb; /* width × height × 3 bytes; owned, free with chart_image_clear */
    int width, height;  /* pixels */
} chart_image_t;

/*
 * Draws `spec` on a canvas of width_pt × height_pt points at `scale` pixels per point.
 * ST_INTERNAL (with cairo's message) when cairo fails.
 */
status_t chart_draw(const chart_spec_t *spec, const theme_t *theme, double width_pt,
                    double height_pt, double scale, chart_image_t *out, diag_t *d);
/* Frees the pixels and empties img; img itself is the caller's. */
void chart_image_clear(chart_image_t *img);

/* A text a chart draws, with its box in points (y downwards). */
typedef struct chart_label {
    char *text;
    double x0, y0, x1, y1;
    int rotated; /* a category label at 45°: its box is only the square its slope spans */
} chart_label_t;

/*
 * The texts chart_draw would draw for spec on a width_pt × height_pt canvas, in drawing order:
 * the title, legends, tick and category labels, value labels, shares. Chart text is pixels in
 * the PDF, so this is how tests read what a chart says and check that no two labels collide.
 * Returns a new array in *out (*n entries); free it with chart_labels_free. ST_INTERNAL as
 * chart_draw.
 */
status_t chart_labels(const chart_spec_t *spec, const theme_t *theme, double width_pt,
                      double height_pt, chart_label_t **out, size_t *n, diag_t *d);
void chart_labels_free(chart_label_t *labels, size_t n);
/* Whether two label boxes overlap (rotated ones are never compared). */
int chart_labels_overlap(const chart_label_t *a, const chart_label_t *b);

/* Label thinning: draw every n-th category label so that labels `label_h` apart never overlap
 * on slots `slot` wide (returns n >= 1). */
size_t chart_label_step(double slot, double label_h);

/* "Nice" axis ticks covering [lo, hi]: writes the step and the first and last tick. */
void chart_nice_ticks(double lo, double hi, int want, double *first, double *last, double *step);

#endif
