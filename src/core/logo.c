/*
 * logo — PNG and JPEG logos decoded, checked and scaled; see core/logo.h. Both libraries report
 * errors by longjmp: the state a decoder changes after its setjmp lives on the heap (a decode_t
 * reached through a pointer set before setjmp), so nothing is indeterminate after the jump.
 */
#include "core/logo.h"

#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jpeglib.h>
#include <jerror.h>
#include <png.h>

/* ---- scaling: a box filter over source rows, each pixel laid on white first ---- */

typedef struct scaler {
    int sw, sh, tw, th;
    uint64_t *acc;      /* the target row being filled: r, g, b and a count per pixel */
    unsigned char *out; /* the raster, in the caller's arena */
    int row;            /* the target row acc holds */
} scaler_t;

/* The raster size for a sw × sh image in a box_w × box_h box: scaled down, never up. */
static void S_fit(int sw, int sh, int box_w, int box_h, int *tw, int *th)
{
    double s = 1;
    if ((double)sw * s > box_w)
        s = (double)box_w / sw;
    if ((double)sh * s > box_h)
        s = (double)box_h / sh;
    *tw = (int)(sw * s + 0.5);
    *th = (int)(sh * s + 0.5);
    *tw = *tw < 1 ? 1 : *tw > sw ? sw : *tw;
    *th = *th < 1 ? 1 : *th > sh ? sh : *th;
}

static void S_scaler_init(scaler_t *sc, arena_t *arena, int sw, int sh, int box_w, int box_h)
{
    sc->sw = sw;
    sc->sh = sh;
    S_fit(sw, sh, box_w, box_h, &sc->tw, &sc->th);
    sc->acc = xcalloc((size_t)sc->tw * 4, sizeof(uint64_t));
    sc->out = arena_alloc(arena, (size_t)sc->tw * (size_t)sc->th * 3);
    sc->row = 0;
}

static void S_scaler_flush(scaler_t *sc)
{
    unsigned char *o = sc->out + (size_t)sc->row * (size_t)sc->tw * 3;
    for (int x = 0; x < sc->tw; x++) {
        uint64_t *a = sc->acc + 4 * (size_t)x, n = a[3] ? a[3] : 1;
        for (int k = 0; k < 3; k++)
            o[3 * x + k] = (unsigned char)((a[k] + n / 2) / n);
    }
    memset(sc->acc, 0, (size_t)sc->tw * 4 * sizeof(uint64_t));
}

/* Source row y: `channels` bytes a pixel (3 RGB, 4 RGBA, 5 CMYK with `adobe` set when its
 * values are inverted, as Adobe writes them). */
static void S_scaler_row(scaler_t *sc, int y, const unsigned char *px, int channels, int adobe)
{
    int ty = (int)((int64_t)y * sc->th / sc->sh);
    if (ty != sc->row) {
        S_scaler_flush(sc);
        sc->row = ty;
    }
    for (int x = 0; x < sc->sw; x++) {
        const unsigned char *p = px + (size_t)x * (size_t)(channels == 5 ? 4 : channels);
        unsigned rgb[3];
        if (channels == 5) { /* CMYK */
            unsigned k = adobe ? p[3] : 255u - p[3];
            for (int c = 0; c < 3; c++)
                rgb[c] = (adobe ? p[c] : 255u - p[c]) * k / 255u;
        } else {
            unsigned a = channels == 4 ? p[3] : 255u;
            for (int c = 0; c < 3; c++) /* over white */
                rgb[c] = (p[c] * a + 255u * (255u - a) + 127u) / 255u;
        }
        uint64_t *acc = sc->acc + 4 * (size_t)((int64_t)x * sc->tw / sc->sw);
        acc[0] += rgb[0];
        acc[1] += rgb[1];
        acc[2] += rgb[2];
        acc[3]++;
    }
    if (y == sc->sh - 1)
        S_scaler_flush(sc);
}

/* What a decoder holds; freed whatever way the decoding ends. */
typedef struct decode {
    jmp_buf jump;
    strbuf_t *why;
    const unsigned char *b;
    size_t n, at;
    scaler_t sc;
    arena_t *arena;             /* where the raster goes (a refused image leaves its part there) */
    unsigned char *row;         /* one row, or the whole image of an interlaced PNG */
    unsigned char **rows;       /* the rows of an interlaced PNG */
    unsigned long src_w, src_h; /* the image's size in the file */
} decode_t;

static void S_decode_free(decode_t *dc)
{
    free(dc->sc.acc);
    free(dc->row);
    free(dc->rows);
}

/* The size check every image passes before a pixel is decoded. */
static int S_size_ok(decode_t *dc, unsigned long w, unsigned long h)
{
    dc->src_w = w;
    dc->src_h = h;
    if (w == 0 || h == 0) {
        strbuf_puts(dc->why, "the image has no pixels");
        return 0;
    }
    if (w > LOGO_MAX_SIDE || h > LOGO_MAX_SIDE) {
        strbuf_printf(dc->why,
                      "the image is %lu × %lu pixels; a logo may have at most %d on a side "
                      "(the cover shows it at most 200 × 40 points)",
                      w, h, LOGO_MAX_SIDE);
        return 0;
    }
    return 1;
}

/* ---- PNG ---- */

static void S_png_error(png_structp png, png_const_charp msg)
{
    decode_t *dc = png_get_error_ptr(png);
    if (!dc->why->len)
        strbuf_printf(dc->why, "a damaged PNG image (%s)", msg);
    png_longjmp(png, 1);
}

static void S_png_warning(png_structp png, png_const_charp msg)
{
    (void)png;
    (void)msg; /* a warning leaves the image readable; errors are what count */
}

static void S_png_read(png_structp png, png_bytep out, size_t len)
{
    decode_t *dc = png_get_io_ptr(png);
    if (len > dc->n - dc->at)
        png_error(png, "the file ends early");
    memcpy(out, dc->b + dc->at, len);
    dc->at += len;
}

/* Asks libpng for 8-bit RGBA whatever the file holds, reads the pixels into the scaler. */
static void S_png_pixels(decode_t *dc, png_structp png, png_infop info, int box_w, int box_h)
{
    png_uint_32 w = png_get_image_width(png, info), h = png_get_image_height(png, info);
    png_set_expand(png); /* palette and grey below 8 bits to 8 bits, tRNS to alpha */
    png_set_strip_16(png);
    png_set_gray_to_rgb(png);
    png_set_add_alpha(png, 0xFF, PNG_FILLER_AFTER);
    int passes = png_set_interlace_handling(png);
    png_read_update_info(png, info);
    if (png_get_rowbytes(png, info) != (size_t)w * 4)
        png_error(png, "unexpected row size");
    S_scaler_init(&dc->sc, dc->arena, (int)w, (int)h, box_w, box_h);
    if (passes == 1) { /* row by row: memory for one row */
        dc->row = xmalloc((size_t)w * 4);
        for (png_uint_32 y = 0; y < h; y++) {
            png_read_row(png, dc->row, NULL);
            S_scaler_row(&dc->sc, (int)y, dc->row, 4, 0);
        }
    } else { /* interlaced: every pass fills the whole image (at most 64 MB) */
        dc->row = xmalloc((size_t)w * 4 * (size_t)h);
        dc->rows = xmalloc((size_t)h * sizeof(unsigned char *));
        for (png_uint_32 y = 0; y < h; y++)
            dc->rows[y] = dc->row + (size_t)y * (size_t)w * 4;
        png_read_image(png, dc->rows);
        for (png_uint_32 y = 0; y < h; y++)
            S_scaler_row(&dc->sc, (int)y, dc->rows[y], 4, 0);
    }
    png_read_end(png, NULL); /* the chunks after the pixels, and their checksums */
}

static int S_png(decode_t *dc, int box_w, int box_h)
{
    png_structp png = png_create_read_struct(PNG_LIBPNG_VER_STRING, dc, S_png_error, S_png_warning);
    png_infop info = png ? png_create_info_struct(png) : NULL;
    if (!png || !info) {
        png_destroy_read_struct(png ? &png : NULL, NULL, NULL);
        strbuf_puts(dc->why, "libpng could not start");
        return -1;
    }
    volatile int rc = -1;
    if (setjmp(png_jmpbuf(png)) == 0) {
        png_set_read_fn(png, dc, S_png_read);
        /* damage anywhere is an error: checksums of every chunk, zlib's own check */
        png_set_crc_action(png, PNG_CRC_DEFAULT, PNG_CRC_ERROR_QUIT);
        png_set_benign_errors(png, 0);
        png_set_chunk_malloc_max(png, 8u << 20); /* a text or profile chunk's memory */
        png_set_chunk_cache_max(png, 1000);
        png_read_info(png, info);
        if (S_size_ok(dc, png_get_image_width(png, info), png_get_image_height(png, info))) {
            S_png_pixels(dc, png, info, box_w, box_h);
            rc = 0;
        }
    }
    png_destroy_read_struct(&png, &info, NULL);
    return rc;
}

/* ---- JPEG ---- */

typedef struct jpeg_err {
    struct jpeg_error_mgr mgr; /* first: libjpeg passes it as the error manager */
    decode_t *dc;
} jpeg_err_t;

static void S_jpeg_fail(j_common_ptr cinfo)
{
    jpeg_err_t *e = (jpeg_err_t *)cinfo->err;
    if (!e->dc->why->len) {
        char msg[JMSG_LENGTH_MAX];
        cinfo->err->format_message(cinfo, msg);
        strbuf_printf(e->dc->why, "a damaged JPEG image (%s)", msg);
    }
    longjmp(e->dc->jump, 1);
}

/* A warning (level −1) is corrupt data libjpeg would paper over: an error here. */
static void S_jpeg_message(j_common_ptr cinfo, int level)
{
    if (level < 0)
        S_jpeg_fail(cinfo);
}

/* A progressive JPEG of thousands of tiny scans costs minutes: 500 are more than any needs. */
static void S_jpeg_progress(j_common_ptr cinfo)
{
    jpeg_err_t *e = (jpeg_err_t *)cinfo->err;
    j_decompress_ptr d = (j_decompress_ptr)cinfo;
    if (d->input_scan_number > 500) {
        strbuf_puts(e->dc->why, "a JPEG image of more than 500 scans");
        longjmp(e->dc->jump, 1);
    }
}

/* The pixels, decoded at the smallest of 1/1, 1/2, 1/4, 1/8 that still fills the raster. */
static void S_jpeg_pixels(decode_t *dc, j_decompress_ptr cinfo, int box_w, int box_h)
{
    int tw, th;
    S_fit((int)cinfo->image_width, (int)cinfo->image_height, box_w, box_h, &tw, &th);
    cinfo->scale_num = 1;
    cinfo->scale_denom = 1;
    for (unsigned d = 8; d > 1; d /= 2)
        if ((cinfo->image_width + d - 1) / d >= (unsigned)tw &&
            (cinfo->image_height + d - 1) / d >= (unsigned)th) {
            cinfo->scale_denom = d;
            break;
        }
    int cmyk = cinfo->jpeg_color_space == JCS_CMYK || cinfo->jpeg_color_space == JCS_YCCK;
    cinfo->out_color_space = cmyk ? JCS_CMYK : JCS_RGB;
    jpeg_start_decompress(cinfo);
    int ow = (int)cinfo->output_width, oh = (int)cinfo->output_height;
    if (cinfo->output_components != (cmyk ? 4 : 3) || ow < 1 || oh < 1)
        ERREXIT(cinfo, JERR_CONVERSION_NOTIMPL);
    S_scaler_init(&dc->sc, dc->arena, ow, oh, box_w, box_h);
    dc->row = xmalloc((size_t)ow * (size_t)cinfo->output_components);
    while (cinfo->output_scanline < cinfo->output_height) {
        int y = (int)cinfo->output_scanline;
        JSAMPROW r = dc->row;
        if (jpeg_read_scanlines(cinfo, &r, 1) != 1)
            ERREXIT(cinfo, JERR_INPUT_EOF);
        S_scaler_row(&dc->sc, y, dc->row, cmyk ? 5 : 3, cinfo->saw_Adobe_marker);
    }
    jpeg_finish_decompress(cinfo);
}

static int S_jpeg(decode_t *dc, int box_w, int box_h)
{
    struct jpeg_decompress_struct *cinfo = xcalloc(1, sizeof *cinfo);
    jpeg_err_t *err = xcalloc(1, sizeof *err);
    struct jpeg_progress_mgr *progress = xcalloc(1, sizeof *progress);
    cinfo->err = jpeg_std_error(&err->mgr);
    err->mgr.error_exit = S_jpeg_fail;
    err->mgr.emit_message = S_jpeg_message;
    err->dc = dc;
    volatile int rc = -1;
    if (setjmp(dc->jump) == 0) {
        jpeg_create_decompress(cinfo);
        cinfo->mem->max_memory_to_use = 128L << 20; /* a progressive 4000 × 4000 needs 96 MB */
        progress->progress_monitor = S_jpeg_progress;
        cinfo->progress = progress;
        jpeg_mem_src(cinfo, dc->b, (unsigned long)dc->n);
        jpeg_read_header(cinfo, TRUE);
        if (S_size_ok(dc, cinfo->image_width, cinfo->image_height)) {
            S_jpeg_pixels(dc, cinfo, box_w, box_h);
            rc = 0;
        }
    }
    jpeg_destroy_decompress(cinfo);
    free(progress);
    free(err);
    free(cinfo);
    return rc;
}

int logo_decode(const unsigned char *b, size_t n, int box_w, int box_h, arena_t *arena,
                logo_image_t *out, strbuf_t *why)
{
    memset(out, 0, sizeof *out);
    static const unsigned char png_sig[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
    int is_png = n >= 8 && !memcmp(b, png_sig, 8);
    int is_jpeg = n >= 3 && b[0] == 0xFF && b[1] == 0xD8 && b[2] == 0xFF;
    if (!is_png && !is_jpeg) {
        strbuf_puts(why, "not a PNG or JPEG image");
        return -1;
    }
    if (n > LOGO_MAX_BYTES) {
        strbuf_puts(why, "the file is larger than 16 MiB");
        return -1;
    }
    decode_t *dc = xcalloc(1, sizeof *dc);
    dc->why = why;
    dc->b = b;
    dc->n = n;
    dc->arena = arena;
    strbuf_reset(why);
    int rc = is_png ? S_png(dc, box_w, box_h) : S_jpeg(dc, box_w, box_h);
    if (rc == 0) {
        out->rgb = dc->sc.out;
        out->width = dc->sc.tw;
        out->height = dc->sc.th;
        out->src_width = (int)dc->src_w;
        out->src_height = (int)dc->src_h;
    }
    S_decode_free(dc);
    free(dc);
    return rc;
}
