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

/* A colour "#RRGGBB" (out: a theme_rgb_t). */
static status_t S_color(ydoc_t *ld, yaml_node_t *n, const char *what, void *out)
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
 * configuration error here, never a failure while the pack is written (out: the theme_t). */
static status_t S_logo(ydoc_t *ld, yaml_node_t *v, const char *what, void *out)
{
    theme_t *t = out;
    if (ydoc_is_null(v)) {
        t->logo = NULL;
        t->logo_image = (logo_image_t){0};
        return ST_OK;
    }
    const char *logo;
    TRY(ydoc_nonempty(ld, v, what, &logo));
    strbuf_t sb = {0}, why = {0};
    if (logo[0] == '/' || !strcmp(ld->file_dir, "."))
        strbuf_puts(&sb, logo);
    else
        strbuf_printf(&sb, "%s/%s", ld->file_dir, logo);
    t->logo = arena_strdup(ld->cfg->arena, sb.data);
    strbuf_reset(&sb);
    status_t st = ST_OK;
    if (S_slurp(t->logo, LOGO_MAX_BYTES, &sb, &why) != 0) {
        st = diag_set(ld->d, ST_CONFIG, ld->path, v->start_mark.line + 1, v->start_mark.column + 1,
                      "logo '%s' cannot be read: %s", t->logo, why.data);
    } else if (logo_decode((const unsigned char *)strbuf_cstr(&sb), sb.len,
                           THEME_LOGO_W_PT * THEME_LOGO_PX_PER_PT,
                           THEME_LOGO_H_PT * THEME_LOGO_PX_PER_PT, ld->cfg->arena, &t->logo_image,
                           &why) != 0) {
        st = diag_set(ld->d, ST_CONFIG, ld->path, v->start_mark.line + 1, v->start_mark.column + 1,
                      "logo '%s': %s", t->logo, why.data);
    }
    strbuf_clear(&sb);
    strbuf_clear(&why);
    return st;
}

/* One font of `fonts`: a TrueType file (a name with a slash is relative to the theme), checked
 * now as libharu reads it (core/ttf.h) and then embedded once by libharu itself, so that a font
 * the PDF cannot carry is a configuration error here (out: a const char *). */
static status_t S_font(ydoc_t *ld, yaml_node_t *fv, const char *what, void *out)
{
    const char *name;
    TRY(ydoc_nonempty(ld, fv, what, &name));
    if (strchr(name, '/') && name[0] != '/' && strcmp(ld->file_dir, ".") != 0) {
        strbuf_t sb = {0};
        strbuf_printf(&sb, "%s/%s", ld->file_dir, name);
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
        *(const char **)out = name;
    return st;
}

/* `colors.series`: the palette of the chart series, 2 to THEME_MAX_SERIES colours (out: the
 * theme_t). */
static status_t S_series(ydoc_t *ld, yaml_node_t *v, const char *what, void *out)
{
    theme_t *t = out;
    TRY(ydoc_expect(ld, v, YAML_SEQUENCE_NODE, what));
    if (NITEMS(v) < 2 || NITEMS(v) > THEME_MAX_SERIES)
        FAIL_AT(v, "series needs 2 to %d colours", THEME_MAX_SERIES);
    t->nseries = NITEMS(v);
    for (size_t m = 0; m < t->nseries; m++)
        TRY(S_color(ld, ydoc_node(ld, ITEMS(v)[m]), "a series colour", &t->series[m]));
    return ST_OK;
}

/* `colors.rag`: the fills of the green, amber and red statuses. */
static const ydoc_field_t RAG_FIELDS[] = {
    {"green", YDOC_READ, .offset = offsetof(theme_t, rag_fill[1]), .read = S_color},
    {"amber", YDOC_READ, .offset = offsetof(theme_t, rag_fill[2]), .read = S_color},
    {"red", YDOC_READ, .offset = offsetof(theme_t, rag_fill[3]), .read = S_color},
    {.key = NULL}};

/* `colors`: the named colours, the status fills and the series palette. */
static const ydoc_field_t COLOR_FIELDS[] = {
    {"primary", YDOC_READ, .offset = offsetof(theme_t, primary), .read = S_color},
    {"text", YDOC_READ, .offset = offsetof(theme_t, text), .read = S_color},
    {"muted", YDOC_READ, .offset = offsetof(theme_t, muted), .read = S_color},
    {"zebra", YDOC_READ, .offset = offsetof(theme_t, zebra), .read = S_color},
    {"target", YDOC_READ, .offset = offsetof(theme_t, target), .read = S_color},
    {"rag", YDOC_MAP, .fields = RAG_FIELDS},
    {"series", YDOC_READ, .read = S_series},
    {.key = NULL}};

static const ydoc_field_t FONT_FIELDS[] = {
    {"regular", YDOC_READ, .offset = offsetof(theme_t, font_regular), .what = "a font",
     .read = S_font},
    {"bold", YDOC_READ, .offset = offsetof(theme_t, font_bold), .what = "a font", .read = S_font},
    {.key = NULL}};

/* `margin_mm`: the page margin, 5 to 40 mm (out: a double, in points). */
static status_t S_margin(ydoc_t *ld, yaml_node_t *v, const char *what, void *out)
{
    double mm;
    TRY(ydoc_number(ld, v, what, &mm));
    if (mm < 5 || mm > 40)
        FAIL_AT(v, "margin_mm must be between 5 and 40, not %g", mm);
    *(double *)out = mm * 72.0 / 25.4;
    return ST_OK;
}

static const ydoc_field_t THEME_FIELDS[] = {
    {"name", YDOC_NAME, .offset = offsetof(theme_t, name)},
    {"fonts", YDOC_MAP, .fields = FONT_FIELDS},
    {"colors", YDOC_MAP, .fields = COLOR_FIELDS},
    {"logo", YDOC_READ, .read = S_logo},
    {"margin_mm", YDOC_READ, .offset = offsetof(theme_t, margin_pt), .read = S_margin},
    {.key = NULL}};

static status_t S_theme_fn(ydoc_t *ld, yaml_node_t *root, void *out)
{
    return ydoc_fields(ld, root, "the theme", THEME_FIELDS, out);
}

status_t config_theme_load(config_t *cfg, diag_t *d)
{
    return ydoc_load_file(cfg, cfg->theme, cfg->theme_mark, "theme", S_theme_fn, &cfg->look, d);
}
