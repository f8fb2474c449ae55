/*
 * config_theme — loads a theme file; see app/config_theme.h.
 */
#include "app/config_theme.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/ydoc.h"

static status_t S_color(ydoc_t *ld, yaml_node_t *n, const char *what, theme_rgb_t *out)
{
    const char *v;
    TRY(ydoc_string(ld, n, what, &v));
    if (theme_parse_color(v, out) != 0)
        FAIL_AT(n, "%s '%s' is not a colour (write \"#RRGGBB\")", what, v);
    return ST_OK;
}

/* Reads the first bytes of a file; returns how many, or -1 with errno when it cannot. */
static long S_head(const char *path, unsigned char *buf, size_t n)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return -1;
    size_t got = fread(buf, 1, n, f);
    fclose(f);
    return (long)got;
}

/* True when the bytes start a PNG whose header chunk is sane, or a JPEG. */
static int S_image_ok(const unsigned char *b, long n)
{
    static const unsigned char png[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
    if (n >= 33 && !memcmp(b, png, 8) && !memcmp(b + 12, "IHDR", 4)) {
        uint32_t len = (uint32_t)b[8] << 24 | (uint32_t)b[9] << 16 | (uint32_t)b[10] << 8 | b[11];
        uint32_t w = (uint32_t)b[16] << 24 | (uint32_t)b[17] << 16 | (uint32_t)b[18] << 8 | b[19];
        uint32_t h = (uint32_t)b[20] << 24 | (uint32_t)b[21] << 16 | (uint32_t)b[22] << 8 | b[23];
        int depth = b[24], type = b[25];
        return len == 13 && w > 0 && h > 0 && w <= 20000 && h <= 20000 &&
               (depth == 1 || depth == 2 || depth == 4 || depth == 8 || depth == 16) &&
               (type == 0 || type == 2 || type == 3 || type == 4 || type == 6) && b[28] == 0;
    }
    return n >= 4 && b[0] == 0xFF && b[1] == 0xD8 && b[2] == 0xFF;
}

/* `logo`: a PNG or JPEG file (checked here, so that the PDF never meets a broken image). */
static status_t S_logo(ydoc_t *ld, yaml_node_t *v, const char *dir, theme_t *t)
{
    if (ydoc_is_null(v)) {
        t->logo = NULL;
        return ST_OK;
    }
    const char *logo;
    TRY(ydoc_nonempty(ld, v, "logo", &logo));
    strbuf_t sb = {0};
    if (logo[0] == '/' || !strcmp(dir, "."))
        strbuf_puts(&sb, logo);
    else
        strbuf_printf(&sb, "%s/%s", dir, logo);
    t->logo = arena_strdup(ld->cfg->arena, sb.data);
    strbuf_clear(&sb);
    unsigned char head[64];
    long n = S_head(t->logo, head, sizeof head);
    if (n < 0)
        FAIL_AT(v, "logo '%s' cannot be read: %s", t->logo, strerror(errno));
    if (!S_image_ok(head, n))
        FAIL_AT(v, "logo '%s' is not a PNG or JPEG image", t->logo);
    return ST_OK;
}

/* One font of `fonts`: a TrueType file (a name with a slash is relative to the theme). */
static status_t S_font(ydoc_t *ld, yaml_node_t *fv, const char *dir, const char **out)
{
    const char *name;
    TRY(ydoc_nonempty(ld, fv, "a font", &name));
    if (strchr(name, '/') && name[0] != '/' && strcmp(dir, ".") != 0) {
        strbuf_t sb = {0};
        strbuf_printf(&sb, "%s/%s", dir, name);
        name = arena_strdup(ld->cfg->arena, sb.data);
        strbuf_clear(&sb);
    }
    char *path = theme_font_path(name);
    unsigned char head[4];
    long n = S_head(path, head, sizeof head);
    int ttf = n == 4 && ((head[0] == 0 && head[1] == 1 && head[2] == 0 && head[3] == 0) ||
                         !memcmp(head, "true", 4));
    status_t st = ST_OK;
    if (n < 0)
        st =
            diag_set(ld->d, ST_CONFIG, ld->path, fv->start_mark.line + 1, fv->start_mark.column + 1,
                     "font '%s' cannot be read: %s", path, strerror(errno));
    else if (!ttf)
        st = diag_set(ld->d, ST_CONFIG, ld->path, fv->start_mark.line + 1,
                      fv->start_mark.column + 1, "font '%s' is not a TrueType font", path);
    free(path);
    if (st == ST_OK)
        *out = name;
    return st;
}

/* `colors`: the named colours, the status fills and the series palette. */
static status_t S_colors(ydoc_t *ld, yaml_node_t *v, theme_t *t)
{
    static const char *const color_keys[] = {"primary", "text", "muted",  "zebra",
                                             "target",  "rag",  "series", NULL};
    static const char *const rag_keys[] = {"green", "amber", "red", NULL};
    TRY(ydoc_check_keys(ld, v, "colors", color_keys));
    for (size_t j = 0; j < NPAIRS(v); j++) {
        const char *ck = KEY(ld, PAIRS(v)[j]);
        yaml_node_t *cv = VAL(ld, PAIRS(v)[j]);
        if (!strcmp(ck, "primary"))
            TRY(S_color(ld, cv, ck, &t->primary));
        else if (!strcmp(ck, "text"))
            TRY(S_color(ld, cv, ck, &t->text));
        else if (!strcmp(ck, "muted"))
            TRY(S_color(ld, cv, ck, &t->muted));
        else if (!strcmp(ck, "zebra"))
            TRY(S_color(ld, cv, ck, &t->zebra));
        else if (!strcmp(ck, "target"))
            TRY(S_color(ld, cv, ck, &t->target));
        else if (!strcmp(ck, "rag")) {
            TRY(ydoc_check_keys(ld, cv, "rag", rag_keys));
            for (size_t m = 0; m < NPAIRS(cv); m++) {
                const char *rk = KEY(ld, PAIRS(cv)[m]);
                int idx = !strcmp(rk, "green") ? 1 : !strcmp(rk, "amber") ? 2 : 3;
                TRY(S_color(ld, VAL(ld, PAIRS(cv)[m]), rk, &t->rag_fill[idx]));
            }
        } else {
            TRY(ydoc_expect(ld, cv, YAML_SEQUENCE_NODE, "series"));
            if (NITEMS(cv) < 2 || NITEMS(cv) > THEME_MAX_SERIES)
                FAIL_AT(cv, "series needs 2 to %d colours", THEME_MAX_SERIES);
            t->nseries = NITEMS(cv);
            for (size_t m = 0; m < t->nseries; m++)
                TRY(S_color(ld, ydoc_node(ld, ITEMS(cv)[m]), "a series colour", &t->series[m]));
        }
    }
    return ST_OK;
}

static status_t S_theme_root(ydoc_t *ld, yaml_node_t *root, const char *dir, theme_t *t)
{
    static const char *const keys[] = {"name", "fonts", "colors", "logo", "margin_mm", NULL};
    static const char *const font_keys[] = {"regular", "bold", NULL};
    TRY(ydoc_check_keys(ld, root, "the theme", keys));
    for (size_t i = 0; i < NPAIRS(root); i++) {
        const char *k = KEY(ld, PAIRS(root)[i]);
        yaml_node_t *v = VAL(ld, PAIRS(root)[i]);
        if (!strcmp(k, "name")) {
            TRY(ydoc_nonempty(ld, v, "name", &t->name));
        } else if (!strcmp(k, "margin_mm")) {
            double mm;
            TRY(ydoc_number(ld, v, "margin_mm", &mm));
            if (mm < 5 || mm > 40)
                FAIL_AT(v, "margin_mm must be between 5 and 40, not %g", mm);
            t->margin_pt = mm * 72.0 / 25.4;
        } else if (!strcmp(k, "logo")) {
            TRY(S_logo(ld, v, dir, t));
        } else if (!strcmp(k, "fonts")) {
            TRY(ydoc_check_keys(ld, v, "fonts", font_keys));
            for (size_t j = 0; j < NPAIRS(v); j++)
                TRY(S_font(ld, VAL(ld, PAIRS(v)[j]), dir,
                           !strcmp(KEY(ld, PAIRS(v)[j]), "regular") ? &t->font_regular
                                                                    : &t->font_bold));
        } else if (!strcmp(k, "colors")) {
            TRY(S_colors(ld, v, t));
        }
    }
    return ST_OK;
}

static status_t S_theme_fn(ydoc_t *ld, yaml_node_t *root, const char *dir, void *out)
{
    return S_theme_root(ld, root, dir, out);
}

status_t config_theme_load(config_t *cfg, diag_t *d)
{
    return ydoc_load_file(cfg, cfg->theme, cfg->theme_mark, "theme", S_theme_fn, &cfg->look, d);
}
