/*
 * chart — cairo drawing of bar, grouped bar, stacked bar and line charts.
 * Non-finite values are skipped, never handed to cairo (NaN geometry breaks it).
 */
#include "report/chart.h"

#include <cairo.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define FONT "DejaVu Sans"

static const theme_t *theme; /* the theme of the chart being drawn (set by chart_draw) */

void chart_nice_ticks(double lo, double hi, int want, double *first, double *last, double *step)
{
    if (!(hi > lo)) {
        hi = lo + 1;
    }
    double raw = (hi - lo) / (want > 1 ? want : 1);
    double mag = pow(10, floor(log10(raw)));
    double norm = raw / mag;
    double nice = norm <= 1 ? 1 : norm <= 2 ? 2 : norm <= 2.5 ? 2.5 : norm <= 5 ? 5 : 10;
    *step = nice * mag;
    *first = floor(lo / *step + 1e-9) * *step;
    *last = ceil(hi / *step - 1e-9) * *step;
}

static void S_color(cairo_t *cr, size_t i)
{
    theme_rgb_t c = theme->series[i % theme->nseries];
    cairo_set_source_rgb(cr, c.r, c.g, c.b);
}

static void S_rgb(cairo_t *cr, theme_rgb_t c) { cairo_set_source_rgb(cr, c.r, c.g, c.b); }

static void S_text_size(cairo_t *cr, const char *s, double *w, double *h)
{
    cairo_text_extents_t ex;
    cairo_text_extents(cr, s, &ex);
    *w = ex.x_advance;
    *h = ex.height;
}

/* Draws s with its anchor: ax 0 left, 0.5 centre, 1 right; ay likewise from the baseline up. */
static void S_text(cairo_t *cr, double x, double y, const char *s, double ax)
{
    double w, h;
    S_text_size(cr, s, &w, &h);
    cairo_move_to(cr, x - ax * w, y);
    cairo_show_text(cr, s);
}

static void S_format(char *buf, size_t n, double v, double step, int percent)
{
    int dec = 0;
    while (dec < 3 && fabs(step * pow(10, dec) - round(step * pow(10, dec))) > 1e-9)
        dec++;
    if (fabs(v) >= 10000 && step >= 1) {
        /* thousands separators for large axis values */
        char tmp[64];
        snprintf(tmp, sizeof tmp, "%.0f", fabs(v));
        size_t len = strlen(tmp), o = 0;
        if (v < 0 && o + 1 < n)
            buf[o++] = '-';
        for (size_t i = 0; i < len && o + 2 < n; i++) {
            if (i && (len - i) % 3 == 0)
                buf[o++] = ',';
            buf[o++] = tmp[i];
        }
        buf[o] = '\0';
    } else {
        (void)percent;
        snprintf(buf, n, "%.*f", dec, v);
    }
}

typedef struct plot {
    double x0, y0, x1, y1;  /* plot area: x0,y1 is the bottom-left */
    double lo, hi;          /* value range */
} plot_t;

static double S_y(const plot_t *p, double v)
{
    if (v < p->lo)
        v = p->lo;
    if (v > p->hi)
        v = p->hi;
    return p->y1 - (v - p->lo) / (p->hi - p->lo) * (p->y1 - p->y0);
}

status_t chart_draw(const chart_spec_t *spec, const theme_t *look, double width_pt,
                    double height_pt, double scale, chart_image_t *out, diag_t *d)
{
    memset(out, 0, sizeof *out);
    theme = look;
    if (!(width_pt > 0 && height_pt > 0 && scale > 0 && width_pt * scale < 10000 &&
          height_pt * scale < 10000))
        return diag_set(d, ST_INTERNAL, NULL, 0, 0, "chart size out of range");
    int W = (int)lround(width_pt * scale), H = (int)lround(height_pt * scale);
    cairo_surface_t *surf = cairo_image_surface_create(CAIRO_FORMAT_RGB24, W, H);
    cairo_t *cr = cairo_create(surf);
    cairo_scale(cr, scale, scale);
    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_paint(cr);
    cairo_select_font_face(cr, FONT, CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_BOLD);
    cairo_set_font_size(cr, 10);
    S_rgb(cr, theme->text);
    S_text(cr, 4, 13, spec->title ? spec->title : "", 0);
    cairo_select_font_face(cr, FONT, CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);
    cairo_set_font_size(cr, 7.5);

    /* value range */
    double lo = 0, hi = 0;
    int any = 0;
    for (size_t j = 0; j < spec->ncat; j++) {
        double stack = 0;
        for (size_t s = 0; s < spec->nseries; s++) {
            double v = spec->series[s].values[j];
            if (!isfinite(v))
                continue;
            any = 1;
            if (spec->kind == CHART_STACKED_BAR) {
                stack += v;
                v = stack;
            }
            if (v < lo)
                lo = v;
            if (v > hi)
                hi = v;
        }
    }
    if (isfinite(spec->target)) {
        if (spec->target > hi)
            hi = spec->target;
        if (spec->target < lo)
            lo = spec->target;
    }
    if (spec->kind == CHART_LINE && any && !isfinite(spec->y_min)) {
        /* lines show change: start the axis near the data, not at zero */
        double mn = INFINITY;
        for (size_t s = 0; s < spec->nseries; s++)
            for (size_t j = 0; j < spec->ncat; j++)
                if (isfinite(spec->series[s].values[j]) && spec->series[s].values[j] < mn)
                    mn = spec->series[s].values[j];
        if (isfinite(spec->target) && spec->target < mn)
            mn = spec->target;
        lo = mn - (hi - mn) * 0.1;
        if (lo < 0 && mn >= 0)
            lo = 0;
    }
    if (spec->percent && !isfinite(spec->y_min) && spec->kind != CHART_LINE && any) {
        /* availability-style percentages: zoom in when everything is high */
        double mn = INFINITY;
        for (size_t s = 0; s < spec->nseries; s++)
            for (size_t j = 0; j < spec->ncat; j++)
                if (isfinite(spec->series[s].values[j]) && spec->series[s].values[j] < mn)
                    mn = spec->series[s].values[j];
        if (mn > 90)
            lo = floor(mn - (hi - mn) * 0.5 - 0.01);
        if (lo < 0)
            lo = 0;
    }
    if (isfinite(spec->y_min))
        lo = spec->y_min;
    if (isfinite(spec->y_max))
        hi = spec->y_max;
    if (!(hi > lo))
        hi = lo + 1;
    double first, last, step;
    chart_nice_ticks(lo, hi, 5, &first, &last, &step);
    if (!isfinite(spec->y_min))
        lo = first;
    if (!isfinite(spec->y_max))
        hi = last;
    if (!(hi > lo))
        hi = lo + step;

    /* layout: legend row when several series */
    double legend_h = spec->nseries > 1 || isfinite(spec->target) ? 14 : 0;
    char buf[64];
    double label_w = 0;
    for (double t = first; t <= hi + step * 1e-6; t += step) {
        double w, h;
        S_format(buf, sizeof buf, t, step, spec->percent);
        S_text_size(cr, buf, &w, &h);
        if (w > label_w)
            label_w = w;
    }
    plot_t p = {label_w + 12, 22 + legend_h, width_pt - 8, height_pt - 22, lo, hi};
    /* category labels: rotate when they do not fit side by side */
    double slot = spec->ncat ? (p.x1 - p.x0) / (double)spec->ncat : 1;
    double max_lw = 0;
    for (size_t j = 0; j < spec->ncat; j++) {
        double w, h;
        S_text_size(cr, spec->categories[j] ? spec->categories[j] : "", &w, &h);
        if (w > max_lw)
            max_lw = w;
    }
    int rotate = max_lw > slot - 4;
    size_t every = 1;
    if (rotate) {
        double room = max_lw * 0.7 + 8;
        if (room > height_pt * 0.3)
            room = height_pt * 0.3;
        p.y1 = height_pt - room - 4;
        while (slot * (double)every < 9)
            every++;
    }

    /* legend */
    if (legend_h > 0) {
        double lx = p.x0;
        for (size_t s = 0; s < spec->nseries; s++) {
            S_color(cr, s);
            cairo_rectangle(cr, lx, 20, 8, 8);
            cairo_fill(cr);
            cairo_set_source_rgb(cr, 0.2, 0.2, 0.25);
            const char *nm = spec->series[s].name ? spec->series[s].name : "";
            S_text(cr, lx + 11, 27, nm, 0);
            double w, h;
            S_text_size(cr, nm, &w, &h);
            lx += w + 24;
        }
        if (isfinite(spec->target)) {
            S_rgb(cr, theme->target);
            cairo_set_line_width(cr, 1.2);
            cairo_set_dash(cr, (double[]){3, 2}, 2, 0);
            cairo_move_to(cr, lx, 24);
            cairo_line_to(cr, lx + 14, 24);
            cairo_stroke(cr);
            cairo_set_dash(cr, NULL, 0, 0);
            cairo_set_source_rgb(cr, 0.2, 0.2, 0.25);
            S_text(cr, lx + 17, 27, spec->target_label ? spec->target_label : "target", 0);
        }
    }

    /* grid and y labels */
    cairo_set_line_width(cr, 0.5);
    for (double t = first; t <= hi + step * 1e-6; t += step) {
        if (t < lo - step * 1e-6)
            continue;
        double y = S_y(&p, t);
        cairo_set_source_rgb(cr, 0.88, 0.88, 0.9);
        cairo_move_to(cr, p.x0, y);
        cairo_line_to(cr, p.x1, y);
        cairo_stroke(cr);
        cairo_set_source_rgb(cr, 0.35, 0.35, 0.4);
        S_format(buf, sizeof buf, t, step, spec->percent);
        S_text(cr, p.x0 - 4, y + 2.5, buf, 1);
    }
    cairo_set_source_rgb(cr, 0.4, 0.4, 0.45);
    cairo_set_line_width(cr, 0.8);
    cairo_move_to(cr, p.x0, p.y1);
    cairo_line_to(cr, p.x1, p.y1);
    cairo_stroke(cr);

    /* the target line first, so bars and their labels stay readable over it */
    if (isfinite(spec->target)) {
        double y = S_y(&p, spec->target);
        S_rgb(cr, theme->target);
        cairo_set_line_width(cr, 1.2);
        cairo_set_dash(cr, (double[]){3, 2}, 2, 0);
        cairo_move_to(cr, p.x0, y);
        cairo_line_to(cr, p.x1, y);
        cairo_stroke(cr);
        cairo_set_dash(cr, NULL, 0, 0);
    }

    /* data */
    double base = S_y(&p, lo > 0 ? lo : 0);
    for (size_t j = 0; j < spec->ncat; j++) {
        double cx = p.x0 + slot * ((double)j + 0.5);
        if (spec->kind == CHART_LINE)
            continue;
        if (spec->kind == CHART_STACKED_BAR) {
            double bw = slot * 0.5, acc = 0;
            for (size_t s = 0; s < spec->nseries; s++) {
                double v = spec->series[s].values[j];
                if (!isfinite(v) || v <= 0)
                    continue;
                double ya = S_y(&p, acc), yb = S_y(&p, acc + v);
                S_color(cr, s);
                cairo_rectangle(cr, cx - bw / 2, yb, bw, ya - yb);
                cairo_fill(cr);
                if (ya - yb > 9) {
                    cairo_set_source_rgb(cr, 1, 1, 1);
                    snprintf(buf, sizeof buf, "%.0f", v);
                    S_text(cr, cx, (ya + yb) / 2 + 3, buf, 0.5);
                }
                acc += v;
            }
            continue;
        }
        size_t ns = spec->nseries ? spec->nseries : 1;
        double group = slot * 0.75, bw = group / (double)ns;
        for (size_t s = 0; s < spec->nseries; s++) {
            double v = spec->series[s].values[j];
            if (!isfinite(v))
                continue;
            double x = cx - group / 2 + bw * (double)s;
            double y = S_y(&p, v);
            S_color(cr, s);
            cairo_rectangle(cr, x + 0.5, fmin(y, base), bw - 1, fabs(base - y));
            cairo_fill(cr);
            /* value label when the bar is wide enough */
            int dec = spec->percent ? (fabs(hi - lo) < 5 ? 2 : 1) : (fabs(v) < 10 && v != floor(v) ? 1 : 0);
            snprintf(buf, sizeof buf, "%.*f", dec, v);
            double w, h;
            S_text_size(cr, buf, &w, &h);
            if (w < bw + 2) {
                cairo_set_source_rgb(cr, 0.2, 0.2, 0.25);
                S_text(cr, x + bw / 2, y - 2, buf, 0.5);
            }
        }
    }
    if (spec->kind == CHART_LINE) {
        for (size_t s = 0; s < spec->nseries; s++) {
            S_color(cr, s);
            cairo_set_line_width(cr, 1.6);
            int pen = 0;
            for (size_t j = 0; j < spec->ncat; j++) {
                double v = spec->series[s].values[j];
                if (!isfinite(v)) {
                    pen = 0;
                    continue;
                }
                double x = p.x0 + slot * ((double)j + 0.5), y = S_y(&p, v);
                if (pen)
                    cairo_line_to(cr, x, y);
                else
                    cairo_move_to(cr, x, y);
                pen = 1;
            }
            cairo_stroke(cr);
            for (size_t j = 0; j < spec->ncat; j++) {
                double v = spec->series[s].values[j];
                if (!isfinite(v))
                    continue;
                cairo_arc(cr, p.x0 + slot * ((double)j + 0.5), S_y(&p, v), 1.8, 0, 2 * M_PI);
                cairo_fill(cr);
            }
        }
    }

    /* category labels */
    cairo_set_source_rgb(cr, 0.25, 0.25, 0.3);
    for (size_t j = 0; j < spec->ncat; j += every) {
        const char *lab = spec->categories[j] ? spec->categories[j] : "";
        double cx = p.x0 + slot * ((double)j + 0.5);
        if (rotate) {
            double w, h;
            S_text_size(cr, lab, &w, &h);
            cairo_save(cr);
            cairo_move_to(cr, cx + 2, p.y1 + 6);
            cairo_rotate(cr, -M_PI / 4);
            cairo_rel_move_to(cr, -w, 0);
            cairo_show_text(cr, lab);
            cairo_restore(cr);
        } else {
            S_text(cr, cx, p.y1 + 10, lab, 0.5);
        }
    }
    if (spec->y_title) {
        cairo_save(cr);
        cairo_set_source_rgb(cr, 0.4, 0.4, 0.45);
        cairo_move_to(cr, 8, (p.y0 + p.y1) / 2);
        cairo_rotate(cr, -M_PI / 2);
        double w, h;
        S_text_size(cr, spec->y_title, &w, &h);
        cairo_rel_move_to(cr, -w / 2, 0);
        cairo_show_text(cr, spec->y_title);
        cairo_restore(cr);
    }

    cairo_surface_flush(surf);
    status_t st = ST_OK;
    if (cairo_status(cr) != CAIRO_STATUS_SUCCESS) {
        st = diag_set(d, ST_INTERNAL, NULL, 0, 0, "chart '%s': %s", spec->title ? spec->title : "",
                      cairo_status_to_string(cairo_status(cr)));
    } else {
        int stride = cairo_image_surface_get_stride(surf);
        const unsigned char *px = cairo_image_surface_get_data(surf);
        out->rgb = xmalloc((size_t)W * (size_t)H * 3);
        for (int y = 0; y < H; y++) {
            const uint32_t *row = (const uint32_t *)(px + (size_t)y * (size_t)stride);
            unsigned char *o = out->rgb + (size_t)y * (size_t)W * 3;
            for (int x = 0; x < W; x++) {
                o[3 * x] = (unsigned char)(row[x] >> 16);
                o[3 * x + 1] = (unsigned char)(row[x] >> 8);
                o[3 * x + 2] = (unsigned char)row[x];
            }
        }
        out->width = W;
        out->height = H;
    }
    cairo_destroy(cr);
    cairo_surface_destroy(surf);
    return st;
}

void chart_image_free(chart_image_t *img)
{
    if (!img)
        return;
    free(img->rgb);
    img->rgb = NULL;
}
