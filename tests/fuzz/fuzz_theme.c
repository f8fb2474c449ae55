/* Fuzz target: what a theme's logo and fonts hold. The first byte picks: a logo (the bytes
 * decoded by core/logo as PNG or JPEG into the cover's box); a font (the bytes checked by
 * core/ttf, and embedded by libharu when they pass); or DejaVu Sans with the rest read as
 * patches (a table of its directory, an offset in it, a byte), checked and, when it passes,
 * embedded by libharu: whatever passes the check must never crash libharu. */
#include "fuzz_common.h"

#include "core/logo.h"
#include "core/theme.h"
#include "core/ttf.h"
#include "render/render_pdf.h"

#define DEJAVU "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"

/* DejaVu Sans, read once. */
static unsigned char *S_dejavu(size_t *n)
{
    static unsigned char *b;
    static size_t len;
    if (!b) {
        FILE *f = fopen(DEJAVU, "rb");
        if (!f)
            abort();
        b = malloc(TTF_MAX_BYTES);
        len = fread(b, 1, TTF_MAX_BYTES, f);
        fclose(f);
    }
    *n = len;
    return b;
}

/* Patches of 4 bytes (table, offset high, offset low, value) applied to a copy of DejaVu. */
static unsigned char *S_patched(const uint8_t *p, size_t np, size_t *n)
{
    size_t len;
    const unsigned char *src = S_dejavu(&len);
    unsigned char *b = malloc(len);
    memcpy(b, src, len);
    unsigned ntables = (unsigned)b[4] << 8 | b[5];
    for (size_t i = 0; i + 4 <= np; i += 4) {
        size_t off = 0, tl = 12 + 16 * (size_t)ntables; /* 255: the directory itself */
        if (p[i] != 255) {
            const unsigned char *r = b + 12 + 16 * (size_t)(p[i] % ntables);
            off = (size_t)r[8] << 24 | (size_t)r[9] << 16 | (size_t)r[10] << 8 | r[11];
            tl = (size_t)r[12] << 24 | (size_t)r[13] << 16 | (size_t)r[14] << 8 | r[15];
        }
        size_t at = off + (tl ? ((size_t)p[i + 1] << 8 | p[i + 2]) % tl : 0);
        if (at < len)
            b[at] = p[i + 3];
    }
    *n = len;
    return b;
}

static void S_font(const unsigned char *b, size_t n)
{
    static memfile_t mf;
    const char *why = NULL;
    if (ttf_check(b, n, &why) != 0)
        return;
    strbuf_t msg = {0};
    render_pdf_font_check(memfile_fill(&mf, "font.ttf", b, n), &msg);
    strbuf_clear(&msg);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    if (data[0] % 3 == 0) {
        logo_image_t img;
        strbuf_t why = {0};
        arena_t *pixels = arena_new();
        if (logo_decode(data + 1, size - 1, THEME_LOGO_W_PT * THEME_LOGO_PX_PER_PT,
                        THEME_LOGO_H_PT * THEME_LOGO_PX_PER_PT, pixels, &img, &why) == 0) {
            if (!img.rgb || img.width < 1 || img.height < 1 ||
                img.width > THEME_LOGO_W_PT * THEME_LOGO_PX_PER_PT ||
                img.height > THEME_LOGO_H_PT * THEME_LOGO_PX_PER_PT)
                abort(); /* a raster in the box, always */
        }
        arena_free(pixels);
        strbuf_clear(&why);
    } else if (data[0] % 3 == 1) {
        S_font(data + 1, size - 1);
    } else {
        size_t n;
        unsigned char *b = S_patched(data + 1, size - 1, &n);
        S_font(b, n);
        free(b);
    }
    return 0;
}
