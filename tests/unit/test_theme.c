/*
 * Unit tests: a theme's logo and fonts, checked when the theme is loaded. Logos: every PNG
 * variant (palette with transparency, grey of 1 bit, 16 bits, interlaced, alpha) decodes to the
 * pixels worked out by hand, laid on white; JPEGs (RGB, grey, progressive, CMYK) decode;
 * a large image is scaled into the cover's box keeping its proportions; damaged, oversized or
 * foreign files are refused with their reason. Fonts: DejaVu passes; each damage libharu would
 * misread is refused with its reason, and libharu embeds what passes. A theme file naming a
 * broken logo or font is a configuration error with the theme file's line and column.
 */
#define _GNU_SOURCE /* memmem */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <jpeglib.h>
#include <png.h>
#include <zlib.h>

#include "app/config_load.h"
#include "core/logo.h"
#include "core/ttf.h"
#include "render/render_pdf.h"

#define BOX_W (THEME_LOGO_W_PT * THEME_LOGO_PX_PER_PT)
#define BOX_H (THEME_LOGO_H_PT * THEME_LOGO_PX_PER_PT)

/* ---- images written for the tests ---- */

static void S_png_put(png_structp png, png_bytep data, size_t len)
{
    strbuf_append(png_get_io_ptr(png), (const char *)data, len);
}

static void S_png_flush(png_structp png)
{
    (void)png;
}

/* A w × h PNG of the given type whose pixel (x, y) the callback fills (rowbytes of one row);
 * plte/trns for a palette image. */
typedef void (*fill_fn)(int x, int y, unsigned char *px);
static void make_png(strbuf_t *out, int w, int h, int depth, int type, int interlace, fill_fn fill,
                     int px_bytes, const png_color *plte, int nplte, const unsigned char *trns,
                     int ntrns)
{
    png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, NULL, NULL, NULL);
    png_infop info = png_create_info_struct(png);
    assert_non_null(info);
    png_set_write_fn(png, out, S_png_put, S_png_flush);
    png_set_IHDR(png, info, (png_uint_32)w, (png_uint_32)h, depth, type, interlace,
                 PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
    if (plte)
        png_set_PLTE(png, info, plte, nplte);
    if (trns)
        png_set_tRNS(png, info, trns, ntrns, NULL);
    png_write_info(png, info);
    if (depth < 8)
        png_set_packing(png);
    if (depth == 16)
        png_set_swap(png); /* rows below are host-order 16-bit samples */
    int passes = png_set_interlace_handling(png);
    unsigned char *row = calloc((size_t)w, (size_t)px_bytes);
    for (int pass = 0; pass < passes; pass++)
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++)
                fill(x, y, row + (size_t)x * (size_t)px_bytes);
            png_write_row(png, row);
        }
    png_write_end(png, info);
    png_destroy_write_struct(&png, &info);
    free(row);
}

/* a red that is opaque in the left half, half transparent in the right */
static void fill_rgba(int x, int y, unsigned char *px)
{
    (void)y;
    px[0] = 255;
    px[1] = px[2] = 0;
    px[3] = x < 2 ? 255 : 128;
}

static void fill_rgb_columns(int x, int y, unsigned char *px)
{
    (void)y;
    px[0] = (unsigned char)(x * 10);
    px[1] = (unsigned char)(y * 10);
    px[2] = 7;
}

static void fill_palette(int x, int y, unsigned char *px)
{
    px[0] = (unsigned char)((x + y) % 3);
}

static void fill_bit(int x, int y, unsigned char *px)
{
    (void)y;
    px[0] = (unsigned char)(x % 2);
}

/* 16-bit RGB: 0x8080 in every sample, i.e. 128 once cut to 8 bits */
static void fill_rgb16(int x, int y, unsigned char *px)
{
    (void)x;
    (void)y;
    uint16_t v = 0x8080;
    for (int k = 0; k < 3; k++)
        memcpy(px + 2 * k, &v, 2);
}

static void fill_grey_stripes(int x, int y, unsigned char *px)
{
    (void)x;
    px[0] = (unsigned char)(y < 500 ? 0 : 255);
}

static void make_jpeg(strbuf_t *out, int w, int h, int comps, int progressive)
{
    struct jpeg_compress_struct ci;
    struct jpeg_error_mgr je;
    ci.err = jpeg_std_error(&je);
    jpeg_create_compress(&ci);
    unsigned char *mem = NULL;
    unsigned long len = 0;
    jpeg_mem_dest(&ci, &mem, &len);
    ci.image_width = (JDIMENSION)w;
    ci.image_height = (JDIMENSION)h;
    ci.input_components = comps;
    ci.in_color_space = comps == 1 ? JCS_GRAYSCALE : comps == 3 ? JCS_RGB : JCS_CMYK;
    jpeg_set_defaults(&ci);
    jpeg_set_quality(&ci, 95, TRUE);
    if (progressive)
        jpeg_simple_progression(&ci);
    jpeg_start_compress(&ci, TRUE);
    unsigned char *row = malloc((size_t)w * (size_t)comps);
    /* a flat mid grey (CMYK: no ink but K at 50 %, which is inverted, as Adobe writes it) */
    memset(row, comps == 4 ? 255 : 128, (size_t)w * (size_t)comps);
    if (comps == 4)
        for (int x = 0; x < w; x++)
            row[4 * x + 3] = 128;
    while (ci.next_scanline < ci.image_height) {
        JSAMPROW r = row;
        jpeg_write_scanlines(&ci, &r, 1);
    }
    jpeg_finish_compress(&ci);
    jpeg_destroy_compress(&ci);
    strbuf_append(out, (const char *)mem, len);
    free(mem);
    free(row);
}

/* The rasters the tests decode, freed after the last test. */
static arena_t *pixels;

static int free_pixels(void **state)
{
    (void)state;
    arena_free(pixels);
    pixels = NULL;
    return 0;
}

/* decodes into img; the reason of a refusal in why */
static int decode(const strbuf_t *file, logo_image_t *img, strbuf_t *why)
{
    strbuf_reset(why);
    if (!pixels)
        pixels = arena_new();
    return logo_decode((const unsigned char *)file->data, file->len, BOX_W, BOX_H, pixels, img,
                       why);
}

static const unsigned char *px(const logo_image_t *img, int x, int y)
{
    return img->rgb + ((size_t)y * (size_t)img->width + (size_t)x) * 3;
}

static void test_png_variants(void **state)
{
    (void)state;
    strbuf_t f = {0}, why = {0};
    logo_image_t img;
    /* RGBA 4 × 2: opaque red, then red at alpha 128 over white: (255·128 + 255·127)/255 = 255
     * and (0·128 + 255·127 + 127)/255 = 127 */
    make_png(&f, 4, 2, 8, PNG_COLOR_TYPE_RGBA, PNG_INTERLACE_NONE, fill_rgba, 4, NULL, 0, NULL, 0);
    assert_int_equal(decode(&f, &img, &why), 0);
    assert_int_equal(img.width, 4);
    assert_int_equal(img.height, 2);
    assert_memory_equal(px(&img, 0, 1), "\xFF\x00\x00", 3);
    assert_memory_equal(px(&img, 3, 0), "\xFF\x7F\x7F", 3);
    /* interlaced: the same pixels as written row by row */
    strbuf_reset(&f);
    make_png(&f, 23, 11, 8, PNG_COLOR_TYPE_RGB, PNG_INTERLACE_ADAM7, fill_rgb_columns, 3, NULL, 0,
             NULL, 0);
    assert_int_equal(decode(&f, &img, &why), 0);
    assert_memory_equal(px(&img, 22, 10), "\xDC\x64\x07", 3); /* 220, 100, 7 */
    assert_memory_equal(px(&img, 5, 3), "\x32\x1E\x07", 3);   /* 50, 30, 7 */
    /* a 2-bit palette with transparency: index 0 red opaque, 1 green at alpha 0 (white),
     * 2 blue (no tRNS entry: opaque) */
    static const png_color plte[3] = {{255, 0, 0}, {0, 255, 0}, {0, 0, 255}};
    static const unsigned char trns[2] = {255, 0};
    strbuf_reset(&f);
    make_png(&f, 6, 2, 2, PNG_COLOR_TYPE_PALETTE, PNG_INTERLACE_NONE, fill_palette, 1, plte, 3,
             trns, 2);
    assert_int_equal(decode(&f, &img, &why), 0);
    assert_memory_equal(px(&img, 0, 0), "\xFF\x00\x00", 3);
    assert_memory_equal(px(&img, 1, 0), "\xFF\xFF\xFF", 3);
    assert_memory_equal(px(&img, 2, 0), "\x00\x00\xFF", 3);
    /* 1-bit grey: black and white columns */
    strbuf_reset(&f);
    make_png(&f, 9, 3, 1, PNG_COLOR_TYPE_GRAY, PNG_INTERLACE_NONE, fill_bit, 1, NULL, 0, NULL, 0);
    assert_int_equal(decode(&f, &img, &why), 0);
    assert_memory_equal(px(&img, 0, 2), "\x00\x00\x00", 3);
    assert_memory_equal(px(&img, 1, 2), "\xFF\xFF\xFF", 3);
    /* 16 bits a sample, cut to 8 */
    strbuf_reset(&f);
    make_png(&f, 5, 5, 16, PNG_COLOR_TYPE_RGB, PNG_INTERLACE_NONE, fill_rgb16, 6, NULL, 0, NULL, 0);
    assert_int_equal(decode(&f, &img, &why), 0);
    assert_memory_equal(px(&img, 4, 4), "\x80\x80\x80", 3);
    strbuf_clear(&f);
    strbuf_clear(&why);
}

/* A 1,000 × 1,000 image fills the 800 × 160 box by its height: 160 × 160, the top half black
 * and the bottom white (rows 0–499 → 0–79), whatever the source's size within the bound. */
static void test_png_scaled(void **state)
{
    (void)state;
    strbuf_t f = {0}, why = {0};
    logo_image_t img;
    make_png(&f, 1000, 1000, 8, PNG_COLOR_TYPE_GRAY, PNG_INTERLACE_NONE, fill_grey_stripes, 1, NULL,
             0, NULL, 0);
    assert_int_equal(decode(&f, &img, &why), 0);
    assert_int_equal(img.width, 160);
    assert_int_equal(img.height, 160);
    assert_int_equal(img.src_width, 1000);
    assert_int_equal(img.src_height, 1000);
    assert_memory_equal(px(&img, 100, 79), "\x00\x00\x00", 3);
    assert_memory_equal(px(&img, 100, 80), "\xFF\xFF\xFF", 3);
    strbuf_clear(&f);
    strbuf_clear(&why);
}

/* The size is refused from the header, before a pixel is decoded (a 20,000 × 20,000 image
 * whose data is absent), and damage anywhere is an error with libpng's words. */
static void test_png_refused(void **state)
{
    (void)state;
    strbuf_t f = {0}, why = {0};
    logo_image_t img;
    make_png(&f, 4, 2, 8, PNG_COLOR_TYPE_RGBA, PNG_INTERLACE_NONE, fill_rgba, 4, NULL, 0, NULL, 0);
    strbuf_t cut = {0};
    strbuf_append(&cut, f.data, f.len - 20); /* IEND and the end of IDAT gone */
    assert_int_equal(decode(&cut, &img, &why), -1);
    assert_non_null(strstr(why.data, "a damaged PNG image"));
    assert_null(img.rgb);
    /* a byte of IDAT's checksum */
    strbuf_reset(&cut);
    strbuf_append(&cut, f.data, f.len);
    char *idat = memmem(cut.data, cut.len, "IDAT", 4);
    uint32_t n = (uint32_t)(unsigned char)idat[-2] << 8 | (unsigned char)idat[-1];
    idat[4 + n] ^= 0x55;
    assert_int_equal(decode(&cut, &img, &why), -1);
    assert_string_equal(why.data, "a damaged PNG image (IDAT: CRC error)");
    /* an IHDR of width 20,000 and height 20,000 */
    strbuf_reset(&cut);
    strbuf_append(&cut, f.data, f.len);
    char *ihdr = memmem(cut.data, cut.len, "IHDR", 4);
    memcpy(ihdr + 4, "\x00\x00\x4E\x20\x00\x00\x4E\x20", 8);
    uint32_t crc = (uint32_t)crc32(0, (const unsigned char *)ihdr, 17);
    unsigned char be[4] = {crc >> 24, crc >> 16 & 0xFF, crc >> 8 & 0xFF, crc & 0xFF};
    memcpy(ihdr + 17, be, 4);
    assert_int_equal(decode(&cut, &img, &why), -1);
    assert_non_null(strstr(why.data, "20000 × 20000 pixels; a logo may have at most 4000"));
    /* not an image at all */
    strbuf_reset(&cut);
    strbuf_puts(&cut, "GIF89a");
    assert_int_equal(decode(&cut, &img, &why), -1);
    assert_string_equal(why.data, "not a PNG or JPEG image");
    strbuf_clear(&cut);
    strbuf_clear(&f);
    strbuf_clear(&why);
}

static void test_jpeg(void **state)
{
    (void)state;
    strbuf_t f = {0}, why = {0};
    logo_image_t img;
    for (int comps = 1; comps <= 4; comps++) {
        if (comps == 2)
            continue;
        for (int prog = 0; prog < 2; prog++) {
            strbuf_reset(&f);
            make_jpeg(&f, 64, 32, comps, prog);
            assert_int_equal(decode(&f, &img, &why), 0);
            assert_int_equal(img.width, 64);
            assert_int_equal(img.height, 32);
            /* mid grey within JPEG's rounding (CMYK: K 50 % inverted is 128 of 255) */
            for (int k = 0; k < 3; k++)
                assert_in_range(px(&img, 10, 10)[k], 124, 132);
        }
    }
    /* 4,000 × 100: decoded at 1/4 (1,000 × 25 still fills 800 × 20), then 800 × 20 */
    strbuf_reset(&f);
    make_jpeg(&f, 4000, 100, 3, 0);
    assert_int_equal(decode(&f, &img, &why), 0);
    assert_int_equal(img.width, 800);
    assert_int_equal(img.height, 20);
    /* cut short, its scan damaged, 65,000 pixels high */
    strbuf_reset(&f);
    make_jpeg(&f, 64, 32, 3, 0);
    strbuf_t bad = {0};
    strbuf_append(&bad, f.data, f.len / 2);
    assert_int_equal(decode(&bad, &img, &why), -1);
    assert_string_equal(why.data, "a damaged JPEG image (Premature end of JPEG file)");
    strbuf_reset(&bad);
    strbuf_append(&bad, f.data, f.len);
    char *sof = memmem(bad.data, bad.len, "\xFF\xC0", 2);
    memcpy(sof + 5, "\xFD\xE8", 2);
    assert_int_equal(decode(&bad, &img, &why), -1);
    assert_non_null(strstr(why.data, "the image is 64 × 65000 pixels"));
    strbuf_clear(&bad);
    strbuf_clear(&f);
    strbuf_clear(&why);
}

/* ---- fonts ---- */

static const char DEJAVU[] = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";

static void read_file(const char *path, strbuf_t *out)
{
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    char buf[65536];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, f)) > 0)
        strbuf_append(out, buf, n);
    fclose(f);
}

/* The offset of a table of the font in b, or 0. */
static size_t table_at(const strbuf_t *b, const char *tag, size_t *record)
{
    const unsigned char *p = (const unsigned char *)b->data;
    unsigned n = (unsigned)p[4] << 8 | p[5];
    for (unsigned i = 0; i < n; i++) {
        const unsigned char *r = p + 12 + 16 * i;
        if (!memcmp(r, tag, 4)) {
            if (record)
                *record = 12 + 16 * (size_t)i;
            return (size_t)r[8] << 24 | (size_t)r[9] << 16 | (size_t)r[10] << 8 | r[11];
        }
    }
    return 0;
}

static void put16(strbuf_t *b, size_t at, unsigned v)
{
    b->data[at] = (char)(v >> 8);
    b->data[at + 1] = (char)(v & 0xFF);
}

/* ttf_check on a copy of DejaVu with two bytes at table+offset set to v: its reason */
static const char *damaged(const strbuf_t *font, const char *tag, size_t offset, unsigned v)
{
    strbuf_t c = {0};
    strbuf_append(&c, font->data, font->len);
    put16(&c, table_at(&c, tag, NULL) + offset, v);
    const char *why = NULL;
    int rc = ttf_check((const unsigned char *)c.data, c.len, &why);
    strbuf_clear(&c);
    return rc == 0 ? "(accepted)" : why;
}

static void test_ttf(void **state)
{
    (void)state;
    strbuf_t font = {0};
    read_file(DEJAVU, &font);
    const char *why = NULL;
    assert_int_equal(ttf_check((const unsigned char *)font.data, font.len, &why), 0);
    /* what made libharu divide by zero, corrupt its heap, read past its arrays */
    assert_string_equal(damaged(&font, "head", 18, 0),
                        "the head table's units per em are out of range");
    assert_string_equal(damaged(&font, "maxp", 4, 0), "the font has no glyphs");
    assert_string_equal(damaged(&font, "hhea", 34, 0),
                        "the hhea table's count of metrics does not match the glyphs");
    assert_string_equal(damaged(&font, "head", 50, 7), "the head table's loca format is unknown");
    assert_string_equal(damaged(&font, "OS/2", 8, 0x0002),
                        "its licence (OS/2 fsType) does not allow embedding it in a document");
    assert_string_equal(damaged(&font, "OS/2", 8, 0x0008), "(accepted)"); /* editable: fine */
    assert_string_equal(damaged(&font, "cmap", 0, 1), "the cmap table is damaged");
    /* glyf cut to 100 bytes: libharu embedded garbage glyphs without a word */
    strbuf_t c = {0};
    size_t rec = 0;
    strbuf_append(&c, font.data, font.len);
    table_at(&c, "glyf", &rec);
    put16(&c, rec + 12, 0);
    put16(&c, rec + 14, 100);
    assert_int_equal(ttf_check((const unsigned char *)c.data, c.len, &why), -1);
    assert_string_equal(why,
                        "the loca table points outside the glyf table (the font is cut short?)");
    /* cut in half; a collection; CFF outlines; nothing */
    assert_int_equal(ttf_check((const unsigned char *)font.data, font.len / 2, &why), -1);
    assert_string_equal(why, "a table lies beyond the end of the file (the file is cut short?)");
    memcpy(c.data, "ttcf", 4);
    assert_int_equal(ttf_check((const unsigned char *)c.data, c.len, &why), -1);
    assert_string_equal(why, "a font collection (.ttc): name one font file (.ttf)");
    memcpy(c.data, "OTTO", 4);
    assert_int_equal(ttf_check((const unsigned char *)c.data, c.len, &why), -1);
    assert_non_null(strstr(why, "CFF outlines"));
    assert_int_equal(ttf_check((const unsigned char *)"", 0, &why), -1);
    strbuf_clear(&c);
    /* libharu embeds what passes */
    strbuf_t msg = {0};
    assert_int_equal(render_pdf_font_check(DEJAVU, &msg), 0);
    assert_int_equal(render_pdf_font_check("/nonexistent/font.ttf", &msg), -1);
    assert_non_null(strstr(msg.data, "libharu cannot embed it"));
    strbuf_clear(&msg);
    strbuf_clear(&font);
}

/* A theme naming a broken logo or font: a configuration error at its key in the theme file. */
static void test_theme_file(void **state)
{
    (void)state;
    char dir[] = "/tmp/iso20k-test-theme-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char path[256], theme[256];
    snprintf(path, sizeof path, "%s/logo.png", dir);
    FILE *f = fopen(path, "wb");
    static const char cut[] = "\x89PNG\r\n\x1a\n\0\0\0\rIHDR"; /* a PNG cut in its header */
    fwrite(cut, 1, sizeof cut - 1, f);
    fclose(f);
    snprintf(theme, sizeof theme, "%s/theme.yaml", dir);
    f = fopen(theme, "w");
    fputs("name: t\nlogo: logo.png\n", f);
    fclose(f);
    char cfgtext[512];
    snprintf(cfgtext, sizeof cfgtext, "sources: [{file: x.csv, profile: tickets}]\ntheme: %s\n",
             theme);
    config_t *cfg = NULL;
    diag_t d = {0};
    assert_int_equal(config_load_buffer("r.yaml", cfgtext, strlen(cfgtext), &cfg, &d), ST_CONFIG);
    assert_string_equal(d.path, theme);
    assert_int_equal(d.line, 2);
    assert_int_equal(d.column, 7);
    assert_non_null(strstr(d.message, "a damaged PNG image"));
    diag_clear(&d);
    /* a good logo: decoded and kept, scaled for the cover */
    strbuf_t png = {0};
    make_png(&png, 4, 2, 8, PNG_COLOR_TYPE_RGBA, PNG_INTERLACE_NONE, fill_rgba, 4, NULL, 0, NULL,
             0);
    f = fopen(path, "wb");
    fwrite(png.data, 1, png.len, f);
    fclose(f);
    assert_int_equal(config_load_buffer("r.yaml", cfgtext, strlen(cfgtext), &cfg, &d), ST_OK);
    assert_non_null(cfg->look.logo_image.rgb);
    assert_int_equal(cfg->look.logo_image.width, 4);
    config_free(cfg);
    /* a font that is no font */
    f = fopen(theme, "w");
    fprintf(f, "name: t\nfonts:\n  bold: %s\n", path);
    fclose(f);
    assert_int_equal(config_load_buffer("r.yaml", cfgtext, strlen(cfgtext), &cfg, &d), ST_CONFIG);
    assert_int_equal(d.line, 3);
    assert_int_equal(d.column, 9);
    assert_non_null(strstr(d.message, "is not a TrueType font the PDF can embed: not a TrueType"));
    diag_clear(&d);
    strbuf_clear(&png);
    unlink(path);
    unlink(theme);
    rmdir(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_png_variants), cmocka_unit_test(test_png_scaled),
        cmocka_unit_test(test_png_refused),  cmocka_unit_test(test_jpeg),
        cmocka_unit_test(test_ttf),          cmocka_unit_test(test_theme_file),
    };
    return cmocka_run_group_tests(tests, NULL, free_pixels);
}
