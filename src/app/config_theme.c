/*
 * config_theme — loads a theme file; see app/config_theme.h.
 */
#include "app/config_theme.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "app/ydoc.h"
#include "core/logo.h"
#include "core/ttf.h"
#include "render/render_pdf.h"

static status_t S_color(ydoc_t *ld, yaml_node_t *n, const char *what, theme_rgb_t *out)
{
    const char *v;
    TRY(ydoc_string(ld, n, what, &v));
    if (theme_parse_color(v, out) != 0)
        FAIL_AT(n, "%s '%s' is not a colour (write \"#RRGGBB\")", what, v);
    return ST_OK;
}

/* Reads a whole file of at most max bytes into sb: 0, or -1 with why set (errno's words, or
 * that it is a directory or too large). */
static int S_slurp(const char *path, size_t max, strbuf_t *sb, strbuf_t *why)
{
    FILE *f = fopen(path, "rb");
    struct stat st;
    if (!f || fstat(fileno(f), &st) != 0) {
        strbuf_puts(why, strerror(errno));
        if (f)
            fclose(f);
        return -1;
    }
    int rc = 0;
    if (S_ISDIR(st.st_mode)) {
        strbuf_puts(why, "it is a directory");
        rc = -1;
    } else {
        char buf[65536];
        size_t n;
        while (rc == 0 && (n = fread(buf, 1, sizeof buf, f)) > 0) {
            strbuf_append(sb, buf, n);
            if (sb->len > max) {
                strbuf_printf(why, "it is larger than %zu MiB", max >> 20);
                rc = -1;
            }
        }
        if (rc == 0 && ferror(f)) {
            strbuf_puts(why, strerror(errno));
            rc = -1;
        }
    }
    fclose(f);
    return rc;
}

/* `logo`: a PNG or JPEG file, decoded and scaled now (core/logo.h): a broken image is a
 * configuration error here, never a failure while the pack is written. */
static status_t S_logo(ydoc_t *ld, yaml_node_t *v, const char *dir, theme_t *t)
{
    if (ydoc_is_null(v)) {
        t->logo = NULL;
        t->logo_rgb = NULL;
        return ST_OK;
    }
    const char *logo;
    TRY(ydoc_nonempty(ld, v, "logo", &logo));
    strbuf_t sb = {0}, why = {0};
    if (logo[0] == '/' || !strcmp(dir, "."))
        strbuf_puts(&sb, logo);
    else
        strbuf_printf(&sb, "%s/%s", dir, logo);
    t->logo = arena_strdup(ld->cfg->arena, sb.data);
    strbuf_reset(&sb);
    status_t st = ST_OK;
    logo_image_t img;
    if (S_slurp(t->logo, LOGO_MAX_BYTES, &sb, &why) != 0) {
        st = diag_set(ld->d, ST_CONFIG, ld->path, v->start_mark.line + 1, v->start_mark.column + 1,
                      "logo '%s' cannot be read: %s", t->logo, why.data);
    } else if (logo_decode((const unsigned char *)strbuf_cstr(&sb), sb.len,
                           THEME_LOGO_W_PT * THEME_LOGO_PX_PER_PT,
                           THEME_LOGO_H_PT * THEME_LOGO_PX_PER_PT, &img, &why) != 0) {
        st = diag_set(ld->d, ST_CONFIG, ld->path, v->start_mark.line + 1, v->start_mark.column + 1,
                      "logo '%s': %s", t->logo, why.data);
    } else {
        size_t bytes = (size_t)img.width * (size_t)img.height * 3;
        unsigned char *rgb = arena_alloc(ld->cfg->arena, bytes);
        memcpy(rgb, img.rgb, bytes);
        t->logo_rgb = rgb;
        t->logo_width = img.width;
        t->logo_height = img.height;
        t->logo_src_width = img.src_width;
        t->logo_src_height = img.src_height;
        logo_clear(&img);
    }
    strbuf_clear(&sb);
    strbuf_clear(&why);
    return st;
}

/* One font of `fonts`: a TrueType file (a name with a slash is relative to the theme), checked
 * now as libharu reads it (core/ttf.h) and then embedded once by libharu itself, so that a font
 * the PDF cannot carry is a configuration error here. */
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
    strbuf_t bytes = {0}, why = {0};
    const char *bad = NULL;
    status_t st = ST_OK;
    if (S_slurp(path, TTF_MAX_BYTES, &bytes, &why) != 0)
        st = diag_set(ld->d, ST_CONFIG, ld->path, fv->start_mark.line + 1,
                      fv->start_mark.column + 1, "font '%s' cannot be read: %s", path, why.data);
    else if (ttf_check((const unsigned char *)strbuf_cstr(&bytes), bytes.len, &bad) != 0)
        st =
            diag_set(ld->d, ST_CONFIG, ld->path, fv->start_mark.line + 1, fv->start_mark.column + 1,
                     "font '%s' is not a TrueType font the PDF can "
                     "embed: %s",
                     path, bad);
    else if (render_pdf_font_check(path, &why) != 0)
        st = diag_set(ld->d, ST_CONFIG, ld->path, fv->start_mark.line + 1,
                      fv->start_mark.column + 1, "font '%s': %s", path, why.data);
    free(path);
    strbuf_clear(&bytes);
    strbuf_clear(&why);
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
            TRY(ydoc_name(ld, v, "name", &t->name));
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
