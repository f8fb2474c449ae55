/*
 * theme — the built-in default theme and colour parsing.
 */
#include "core/theme.h"

#include <stdlib.h>
#include <string.h>

#include "core/util.h"

static theme_rgb_t S_hex(unsigned v)
{
    theme_rgb_t c = {((v >> 16) & 0xFF) / 255.0, ((v >> 8) & 0xFF) / 255.0, (v & 0xFF) / 255.0};
    return c;
}

void theme_default(theme_t *t)
{
    memset(t, 0, sizeof *t);
    t->name = "default";
    t->font_regular = "DejaVuSans.ttf";
    t->font_bold = "DejaVuSans-Bold.ttf";
    t->logo = NULL;
    t->margin_pt = 40;
    t->primary = S_hex(0x0D4073);
    t->text = S_hex(0x1A1A1F);
    t->muted = S_hex(0x595966);
    t->zebra = S_hex(0xF2F5F7);
    t->target = S_hex(0xCC1A1A);
    t->rag_fill[1] = S_hex(0xCCEBD1);
    t->rag_fill[2] = S_hex(0xFCE3B3);
    t->rag_fill[3] = S_hex(0xF7C7C2);
    /* Okabe–Ito: distinguishable with the common forms of colour blindness */
    static const unsigned okabe_ito[] = {0x0072B2, 0xE69F00, 0x009E73, 0xCC79A7,
                                         0x56B4E9, 0xD55E00, 0xF0E442};
    t->nseries = sizeof okabe_ito / sizeof okabe_ito[0];
    for (size_t i = 0; i < t->nseries; i++)
        t->series[i] = S_hex(okabe_ito[i]);
}

int theme_parse_color(const char *s, theme_rgb_t *out)
{
    if (!s || s[0] != '#' || strlen(s) != 7)
        return -1;
    unsigned v = 0;
    for (int i = 1; i < 7; i++) {
        char c = s[i];
        int d = c >= '0' && c <= '9'   ? c - '0'
                : c >= 'a' && c <= 'f' ? c - 'a' + 10
                : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                       : -1;
        if (d < 0)
            return -1;
        v = v * 16 + (unsigned)d;
    }
    *out = S_hex(v);
    return 0;
}

const char *theme_font_dir(void)
{
    const char *dir = getenv("ISO20K_FONT_DIR");
    return STR_EMPTY(dir) ? "/usr/share/fonts/truetype/dejavu" : dir;
}

char *theme_font_path(const char *name)
{
    if (strchr(name, '/'))
        return xstrdup(name);
    strbuf_t sb = {0};
    strbuf_printf(&sb, "%s/%s", theme_font_dir(), name);
    return sb.data;
}
