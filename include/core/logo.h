/*
 * logo — decodes a theme's logo, a PNG (libpng) or a JPEG (libjpeg), into the small RGB raster
 * the PDF shows, checking all of it when the theme is loaded: a damaged image is a
 * configuration error then, never an abort inside a library while the pack is written (libpng's
 * error path in libharu ends in abort()). Its size is bounded from the header before any pixel
 * is decoded, and the raster is scaled down to the box the page gives it, so a decompression
 * bomb costs neither memory nor a 400 MB PDF. Every PNG variant (palette, grey, 16 bits,
 * interlaced, transparency) and baseline or progressive JPEG (grey, RGB, CMYK) is read; what is
 * transparent is laid on white, the page's colour. The only module that touches libpng and
 * libjpeg. It knows no file: it works on bytes.
 */
#ifndef ISO20K_LOGO_H
#define ISO20K_LOGO_H

#include <stddef.h>

#include "core/util.h"

/* The largest logo file read, and the most pixels a side of its image may have. */
#define LOGO_MAX_BYTES (16u << 20)
#define LOGO_MAX_SIDE 4000

typedef struct logo_image {
    const unsigned char *rgb;  /* width × height pixels, 3 bytes each, row by row; NULL: none */
    int width, height;         /* of the raster, at most the box asked for */
    int src_width, src_height; /* of the image in the file */
} logo_image_t;

/*
 * Decodes the n bytes at b, a PNG or a JPEG, into *out scaled down (never up) to fit
 * box_w × box_h pixels with its proportions kept, the raster in `arena` (it lives as long as
 * the arena; an image refused partway may leave its part there). Returns 0, or -1 with why (a
 * sentence, with the library's own words where it gave any) and *out empty.
 */
int logo_decode(const unsigned char *b, size_t n, int box_w, int box_h, arena_t *arena,
                logo_image_t *out, strbuf_t *why);

#endif
