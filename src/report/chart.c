/*
 * chart — cairo drawing of every chart kind, one function each: bars (grouped, histogram),
 * stacked bars, lines, the cumulative line, doughnut, radar, heat map, tornado and the 5 × 5
 * risk matrix.
 * Non-finite values are skipped, never handed to cairo (NaN geometry breaks it).
 */
#include "report/chart.h"

#include <cairo.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define FONT "DejaVu Sans"

/* the theme of the chart being drawn (set by chart_draw; per thread, for the PDF may be drawn
 * on a thread of its own) */
static _Thread_local const theme_t *theme;

/* chart_labels: every text drawn, with its box, while a chart is drawn for it */
typedef struct recorder {
    chart_label_t *v;
    size_t n, cap;
} recorder_t;
static _Thread_local recorder_t *recording;

/* Records the box of a text drawn by chart_draw: x0..x1 across, y0..y1 down (a rotated one is
 * only the square its slope spans). */
static void S_record(const char *s, double x0, double y0, double x1, double y1, int rotated)
{
    if (!recording || !s || !*s)
        return;
    xgrow((void **)&recording->v, &recording->cap, recording->n + 1, sizeof(chart_label_t));
    chart_label_t *l = &recording->v[recording->n++];
    l->text = xstrdup(s);
    l->x0 = x0;
    l->x1 = x1;
    l->y0 = y0;
    l->y1 = y1;
    l->rotated = rotated;
}

/* The font's ascent and descent at the current size: a line of text takes this room whatever
 * its letters (a 'g' reaches below the baseline). */
static void S_font_room(cairo_t *cr, double *ascent, double *descent)
{
    cairo_font_extents_t fe;
    cairo_font_extents(cr, &fe);
    *ascent = isfinite(fe.ascent) ? fe.ascent : 0;
    *descent = isfinite(fe.descent) ? fe.descent : 0;
}

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

static void S_rgb(cairo_t *cr, theme_rgb_t c)
{
    cairo_set_source_rgb(cr, c.r, c.g, c.b);
}

/* cairo's text functions need valid UTF-8 (an invalid string is a sticky error that fails the
 * chart): every text is cleaned first, invalid bytes becoming U+FFFD, in a buffer that belongs
 * to the cairo context (chart_draw attaches it; cairo frees it with the context). */
static const cairo_user_data_key_t clean_key;

static void S_clean_free(void *sb)
{
    strbuf_clear(sb);
    free(sb);
}

static const char *S_clean(cairo_t *cr, const char *s)
{
    strbuf_t *sb = cairo_get_user_data(cr, &clean_key);
    return sb ? utf8_clean(sb, s ? s : "", 0) : "";
}

static void S_text_size(cairo_t *cr, const char *s, double *w, double *h)
{
    cairo_text_extents_t ex;
    cairo_text_extents(cr, S_clean(cr, s), &ex);
    *w = isfinite(ex.x_advance) ? ex.x_advance : 0;
    *h = isfinite(ex.height) ? ex.height : 0;
}

/* Draws s with its anchor: ax 0 left, 0.5 centre, 1 right; ay likewise from the baseline up. */
static void S_text(cairo_t *cr, double x, double y, const char *s, double ax)
{
    double w, h;
    S_text_size(cr, s, &w, &h);
    cairo_move_to(cr, x - ax * w, y);
    cairo_show_text(cr, S_clean(cr, s));
    if (recording) {
        double asc, desc;
        S_font_room(cr, &asc, &desc);
        S_record(S_clean(cr, s), x - ax * w, y - asc, x - ax * w + w, y + desc, 0);
    }
}

/* S_text on a white box a little larger than the text, so that a line behind it (a target)
 * never runs through it; the colour in force is kept for the text. */
static void S_text_boxed(cairo_t *cr, double x, double y, const char *s, double ax)
{
    double w, h;
    S_text_size(cr, s, &w, &h);
    cairo_pattern_t *ink = cairo_pattern_reference(cairo_get_source(cr));
    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_rectangle(cr, x - ax * w - 1, y - h - 1.5, w + 2, h + 3);
    cairo_fill(cr);
    cairo_set_source(cr, ink);
    cairo_pattern_destroy(ink);
    S_text(cr, x, y, s, ax);
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

/* Label thinning: draw every n-th label so that rotated labels `label_h` high never overlap
 * on slots `slot` wide. */
size_t chart_label_step(double slot, double label_h)
{
    if (!(slot > 0) || !(label_h > 0))
        return 1;
    size_t n = 1;
    while (slot * (double)n < label_h && n < 1000000)
        n++;
    return n;
}

typedef struct plot {
    double x0, y0, x1, y1; /* plot area: x0,y1 is the bottom-left */
    double lo, hi;         /* value range */
} plot_t;

static double S_y(const plot_t *p, double v)
{
    if (v < p->lo)
        v = p->lo;
    if (v > p->hi)
        v = p->hi;
    return p->y1 - (v - p->lo) / (p->hi - p->lo) * (p->y1 - p->y0);
}

/* A category label shortened to at most 28 characters (UTF-8 aware), with an ellipsis. */
static const char *S_short(const char *s, char *buf, size_t n)
{
    if (!s)
        return "";
    size_t chars = 0, i = 0;
    while (s[i] && chars < 27) {
        i++;
        while (((unsigned char)s[i] & 0xC0) == 0x80)
            i++;
        chars++;
    }
    if (!s[i])
        return s;
    if (i + 4 > n)
        i = n - 4;
    memcpy(buf, s, i);
    memcpy(buf + i, "…", 4);
    return buf;
}

/* Value range of the axis-based kinds. */
static void S_range(const chart_spec_t *spec, double *plo, double *phi)
{
    double lo = 0, hi = 0;
    int any = 0;
    int cumulative = spec->kind == CHART_CUMULATIVE;
    for (size_t j = 0; j < spec->ncat; j++) {
        double stack = 0;
        for (size_t s = 0; s < spec->nseries; s++) {
            double v = spec->series[s].values[j];
            if (!isfinite(v))
                continue;
            any = 1;
            if (spec->kind == CHART_STACKED_BAR) {
                stack += v > 0 ? v : 0;
                v = stack;
            }
            if (v < lo)
                lo = v;
            if (v > hi)
                hi = v;
        }
    }
    double extra[4] = {spec->target, spec->band_lo, spec->band_hi,
                       spec->target2_label ? spec->target2 : NAN};
    for (int k = 0; k < 4; k++) {
        if (isfinite(extra[k]) && extra[k] > hi)
            hi = extra[k];
        if (isfinite(extra[k]) && extra[k] < lo)
            lo = extra[k];
    }
    for (size_t j = 0; spec->cat_targets && j < spec->ncat; j++)
        if (isfinite(spec->cat_targets[j]) && spec->cat_targets[j] > hi)
            hi = spec->cat_targets[j];
    if ((spec->kind == CHART_LINE) && any && !isfinite(spec->y_min)) {
        /* lines show change: start the axis near the data, not at zero */
        double mn = INFINITY;
        for (size_t s = 0; s < spec->nseries; s++)
            for (size_t j = 0; j < spec->ncat; j++)
                if (isfinite(spec->series[s].values[j]) && spec->series[s].values[j] < mn)
                    mn = spec->series[s].values[j];
        for (int k = 0; k < 4; k++)
            if (isfinite(extra[k]) && extra[k] < mn)
                mn = extra[k];
        lo = mn - (hi - mn) * 0.1;
        if (lo < 0 && mn >= 0)
            lo = 0;
    }
    if (spec->percent && !isfinite(spec->y_min) && spec->kind != CHART_LINE && !cumulative && any) {
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
    if (!(hi > lo) || !isfinite(hi - lo))
        hi = lo + 1;
    if (!isfinite(lo) || !isfinite(hi)) {
        lo = 0;
        hi = 1;
    }
    *plo = lo;
    *phi = hi;
}

/* A chart's second target line (drawn dotted, in the muted colour). */
static int S_has_target2(const chart_spec_t *spec)
{
    return spec->target2_label && isfinite(spec->target2);
}

static int S_has_legend(const chart_spec_t *spec)
{
    return spec->nseries > 1 || isfinite(spec->target) || isfinite(spec->band_lo) ||
           S_has_target2(spec) || spec->cat_targets;
}

/* The legend row: a swatch per series, and the target and band where there are. */
static void S_legend(cairo_t *cr, const chart_spec_t *spec, double x, double y, int swatch_series)
{
    char buf[96];
    for (size_t s = 0; swatch_series && s < spec->nseries; s++) {
        S_color(cr, s);
        cairo_rectangle(cr, x, y - 4, 8, 8);
        cairo_fill(cr);
        S_rgb(cr, theme->muted);
        snprintf(buf, sizeof buf, "%s", spec->series[s].name ? spec->series[s].name : "");
        S_text(cr, x + 11, y + 3, buf, 0);
        double w, h;
        S_text_size(cr, buf, &w, &h);
        x += w + 24;
    }
    if (isfinite(spec->band_lo) && isfinite(spec->band_hi)) {
        cairo_set_source_rgba(cr, theme->rag_fill[2].r, theme->rag_fill[2].g, theme->rag_fill[2].b,
                              0.8);
        cairo_rectangle(cr, x, y - 4, 14, 8);
        cairo_fill(cr);
        S_rgb(cr, theme->muted);
        S_text(cr, x + 17, y + 3, "amber zone", 0);
        x += 80;
    }
    for (int k = 0; k < 2; k++) {
        double v = k ? (S_has_target2(spec) ? spec->target2 : NAN) : spec->target;
        if (!isfinite(v) && !(k == 0 && spec->cat_targets)) /* per-category marks: one entry */
            continue;
        S_rgb(cr, k ? theme->muted : theme->target);
        cairo_set_line_width(cr, 1.2);
        cairo_set_dash(cr, k ? (double[]){1, 2} : (double[]){3, 2}, 2, 0);
        cairo_move_to(cr, x, y);
        cairo_line_to(cr, x + 14, y);
        cairo_stroke(cr);
        cairo_set_dash(cr, NULL, 0, 0);
        S_rgb(cr, theme->muted);
        const char *lab =
            k ? spec->target2_label : (spec->target_label ? spec->target_label : "target");
        S_text(cr, x + 17, y + 3, lab, 0);
        double w, h;
        S_text_size(cr, lab, &w, &h);
        x += 17 + w + 14;
    }
}

/* A horizontal target line across the plot: the first dashed in the target colour, the second
 * dotted in the muted one. */
static void S_target_line(cairo_t *cr, const plot_t *p, double v, int second)
{
    double y = S_y(p, v);
    S_rgb(cr, second ? theme->muted : theme->target);
    cairo_set_line_width(cr, 1.2);
    cairo_set_dash(cr, second ? (double[]){1, 2} : (double[]){3, 2}, 2, 0);
    cairo_move_to(cr, p->x0, y);
    cairo_line_to(cr, p->x1, y);
    cairo_stroke(cr);
    cairo_set_dash(cr, NULL, 0, 0);
}

/* The layout of an axis chart, shared by the drawing of its axes, data and labels. */
typedef struct axes {
    plot_t p;
    double first, step; /* the first tick and the tick step */
    double slot;        /* the width of one category */
    double base;        /* where bars start: the value 0, or the axis' low end */
    int rotate;         /* category labels drawn at 45° */
    double label_max;   /* … at most this wide, to stay on the canvas */
    size_t every;       /* every n-th category label is drawn */
} axes_t;

/* The value range [*lo, *hi] of an axis chart and its ticks from *first by *step: nice
 * numbers, whole ones for counts, the range widened to the ticks unless the spec fixes it. */
static void S_axes_range(const chart_spec_t *spec, double *lo, double *hi, double *first,
                         double *step)
{
    S_range(spec, lo, hi);
    double last;
    chart_nice_ticks(*lo, *hi, 5, first, &last, step);
    if (spec->integer && *step < 1) {
        /* counts: whole-number ticks (a chart of 0 to 2 tickets has no 0.5 ticket) */
        *step = 1;
        *first = floor(*first);
        last = ceil(last);
    }
    if (!isfinite(spec->y_min))
        *lo = *first;
    if (!isfinite(spec->y_max))
        *hi = last;
    if (!(*hi > *lo) || !isfinite(*step) || *step <= 0) {
        *hi = *lo + 1;
        *step = 1;
        *first = *lo;
    }
}

/* The width of the widest tick label from `first` to `hi` by `step` (at most 100 ticks). */
static double S_tick_label_width(cairo_t *cr, const chart_spec_t *spec, double first, double hi,
                                 double step)
{
    char buf[64];
    double label_w = 0;
    int nticks = 0;
    for (double t = first; t <= hi + step * 1e-6 && nticks < 100; t += step, nticks++) {
        double w, h;
        S_format(buf, sizeof buf, t, step, spec->percent);
        S_text_size(cr, buf, &w, &h);
        if (w > label_w)
            label_w = w;
    }
    return label_w;
}

/* Category labels too wide for their slot are drawn at 45°: room below the plot for them (cut
 * to fit beyond 40% of the height), room on the left for the first ones, and every n-th drawn
 * when the slots are narrow. `max_lw` is the widest label. */
static void S_axes_rotate(cairo_t *cr, const chart_spec_t *spec, double height_pt, double max_lw,
                          axes_t *ax)
{
    char sbuf[160];
    double room = max_lw * 0.7 + 8;
    ax->label_max = max_lw + 1;
    if (room > height_pt * 0.4) { /* longer labels are cut to fit (S_fit_label) */
        room = height_pt * 0.4;
        ax->label_max = (room - 8) / 0.7;
    }
    ax->p.y1 = height_pt - room - 4;
    /* a label drawn at 45° reaches left of its category by 0.7 of its width: the first ones
     * must not leave the canvas */
    double reach = ax->p.x0;
    for (size_t j = 0; j < spec->ncat && j < 4; j++) {
        double w, h;
        S_text_size(cr, S_short(spec->categories[j], sbuf, sizeof sbuf), &w, &h);
        double need = fmin(w, ax->label_max) * 0.71 + 4 - ax->slot * ((double)j + 0.5);
        if (need > reach)
            reach = need;
    }
    if (reach > ax->p.x0) {
        ax->p.x0 = reach;
        ax->slot = (ax->p.x1 - ax->p.x0) / (double)spec->ncat;
    }
    ax->every = chart_label_step(ax->slot, 9);
}

/* The value range, ticks and plot area of an axis chart, its category labels measured. */
static void S_axes_layout(cairo_t *cr, const chart_spec_t *spec, double width_pt, double height_pt,
                          axes_t *ax)
{
    double lo, hi, first, step;
    S_axes_range(spec, &lo, &hi, &first, &step);
    double legend_h = S_has_legend(spec) ? 14 : 0;
    double label_w = S_tick_label_width(cr, spec, first, hi, step);
    /* the y-axis title, turned, left of the tick labels, with room of its own */
    double title_room = spec->y_title ? 8 : 0;
    /* bars carry their value above them: room for the tallest one's below the legend */
    int valued =
        spec->kind == CHART_BAR || spec->kind == CHART_GROUPED_BAR || spec->kind == CHART_HISTOGRAM;
    plot_t p = {label_w + 12 + title_room,
                22 + legend_h + (valued ? 10 : 0),
                width_pt - 8,
                height_pt - 22,
                lo,
                hi};
    ax->p = p;
    ax->slot = spec->ncat ? (p.x1 - p.x0) / (double)spec->ncat : 1;
    double max_lw = 0;
    char sbuf[160];
    for (size_t j = 0; j < spec->ncat; j++) {
        double w, h;
        S_text_size(cr, S_short(spec->categories[j], sbuf, sizeof sbuf), &w, &h);
        if (w > max_lw)
            max_lw = w;
    }
    ax->rotate = max_lw > ax->slot - 4;
    ax->every = 1;
    if (ax->rotate)
        S_axes_rotate(cr, spec, height_pt, max_lw, ax);
    ax->first = first;
    ax->step = step;
    ax->base = S_y(&ax->p, lo > 0 ? lo : 0);
}

/* What an axis chart draws under its data: the legend, the band, the grid with the value
 * labels, the axis line, and the target line (first, so bars and their labels stay readable
 * over it). */
static void S_axes(cairo_t *cr, const chart_spec_t *spec, double width_pt, double height_pt,
                   axes_t *ax)
{
    S_axes_layout(cr, spec, width_pt, height_pt, ax);
    const plot_t *p = &ax->p;
    int legend = S_has_legend(spec);
    if (legend)
        S_legend(cr, spec, p->x0, 24, spec->nseries > 1);
    if (isfinite(spec->band_lo) && isfinite(spec->band_hi)) {
        double ya = S_y(p, spec->band_hi), yb = S_y(p, spec->band_lo);
        cairo_set_source_rgba(cr, theme->rag_fill[2].r, theme->rag_fill[2].g, theme->rag_fill[2].b,
                              0.6);
        cairo_rectangle(cr, p->x0, ya, p->x1 - p->x0, yb - ya);
        cairo_fill(cr);
    }
    cairo_set_line_width(cr, 0.5);
    char buf[64];
    int nticks = 0;
    for (double t = ax->first; t <= p->hi + ax->step * 1e-6 && nticks < 100;
         t += ax->step, nticks++) {
        if (t < p->lo - ax->step * 1e-6)
            continue;
        double y = S_y(p, t);
        cairo_set_source_rgb(cr, 0.88, 0.88, 0.9);
        cairo_move_to(cr, p->x0, y);
        cairo_line_to(cr, p->x1, y);
        cairo_stroke(cr);
        S_rgb(cr, theme->muted);
        S_format(buf, sizeof buf, t, ax->step, spec->percent);
        S_text(cr, p->x0 - 4, y + 2.5, buf, 1);
    }
    cairo_set_source_rgb(cr, 0.4, 0.4, 0.45);
    cairo_set_line_width(cr, 0.8);
    cairo_move_to(cr, p->x0, p->y1);
    cairo_line_to(cr, p->x1, p->y1);
    cairo_stroke(cr);
    if (isfinite(spec->target))
        S_target_line(cr, p, spec->target, 0);
    if (S_has_target2(spec))
        S_target_line(cr, p, spec->target2, 1);
}

/* A label cut (with an ellipsis, at a character boundary) to at most maxw wide. */
static const char *S_fit_label(cairo_t *cr, const char *lab, double maxw, char *buf, size_t n)
{
    double w, h;
    S_text_size(cr, lab, &w, &h);
    if (w <= maxw)
        return lab;
    size_t len = strlen(lab);
    if (len + 4 > n)
        len = n - 4;
    while (len > 0) {
        do /* back to the start of a character */
            len--;
        while (len > 0 && ((unsigned char)lab[len] & 0xC0) == 0x80);
        memcpy(buf, lab, len);
        memcpy(buf + len, "…", 4);
        S_text_size(cr, buf, &w, &h);
        if (w <= maxw)
            break;
    }
    return buf;
}

/* What an axis chart draws over its data: the category labels and the y-axis title. */
static void S_axes_labels(cairo_t *cr, const chart_spec_t *spec, const axes_t *ax)
{
    const plot_t *p = &ax->p;
    char sbuf[160];
    S_rgb(cr, theme->muted);
    for (size_t j = 0; j < spec->ncat; j += ax->every) {
        const char *lab = S_short(spec->categories[j], sbuf, sizeof sbuf);
        double cx = p->x0 + ax->slot * ((double)j + 0.5);
        if (ax->rotate) {
            char fbuf[160];
            lab = S_fit_label(cr, lab, ax->label_max, fbuf, sizeof fbuf);
            double w, h;
            S_text_size(cr, lab, &w, &h);
            cairo_save(cr);
            cairo_move_to(cr, cx + 2, p->y1 + 6);
            cairo_rotate(cr, -M_PI / 4);
            cairo_rel_move_to(cr, -w, 0);
            cairo_show_text(cr, S_clean(cr, lab));
            cairo_restore(cr);
            /* drawn down-left at 45° from its anchor: its box is the square the slope spans */
            S_record(S_clean(cr, lab), cx + 2 - w * 0.71, p->y1 + 6, cx + 2 + h,
                     p->y1 + 6 + w * 0.71, 1);
        } else {
            S_text(cr, cx, p->y1 + 10, lab, 0.5);
        }
    }
    if (spec->y_title) {
        cairo_save(cr);
        S_rgb(cr, theme->muted);
        cairo_move_to(cr, 8, (p->y0 + p->y1) / 2);
        cairo_rotate(cr, -M_PI / 2);
        double w, h;
        S_text_size(cr, spec->y_title, &w, &h);
        cairo_rel_move_to(cr, -w / 2, 0);
        cairo_show_text(cr, S_clean(cr, spec->y_title));
        cairo_restore(cr);
        /* turned a quarter: its baseline runs up at x = 8, ascent left of it, descent right */
        if (recording) {
            double asc, desc;
            S_font_room(cr, &asc, &desc);
            S_record(S_clean(cr, spec->y_title), 8 - asc, (p->y0 + p->y1) / 2 - w / 2, 8 + desc,
                     (p->y0 + p->y1) / 2 + w / 2, 0);
        }
    }
}

/* CHART_BAR, CHART_GROUPED_BAR, CHART_HISTOGRAM: a bar per series side by side in each
 * category (adjacent over a histogram's bins), each with its value above it when it fits. */
static void S_bar_chart(cairo_t *cr, const chart_spec_t *spec, double width_pt, double height_pt)
{
    axes_t ax;
    S_axes(cr, spec, width_pt, height_pt, &ax);
    const plot_t *p = &ax.p;
    /* each category's group of bars, a bar per series; a histogram's bins touch */
    size_t ns = spec->nseries ? spec->nseries : 1;
    double group = spec->kind == CHART_HISTOGRAM ? ax.slot : ax.slot * (ns > 1 ? 0.86 : 0.75);
    double bw = group / (double)ns;
    double gap = spec->kind == CHART_HISTOGRAM ? 0.25 : 0.5;
    char buf[64];
    for (int pass = 0; pass < 3; pass++) /* the bars, the categories' targets, the values */
        for (size_t j = 0; j < spec->ncat; j++) {
            double cx = p->x0 + ax.slot * ((double)j + 0.5);
            double tv = spec->cat_targets ? spec->cat_targets[j] : NAN;
            if (pass == 1 && isfinite(tv)) { /* a dashed mark across the category's bars */
                S_rgb(cr, theme->target);
                cairo_set_line_width(cr, 1.4);
                cairo_set_dash(cr, (double[]){3, 2}, 2, 0);
                cairo_move_to(cr, cx - group / 2 - 3, S_y(p, tv));
                cairo_line_to(cr, cx + group / 2 + 3, S_y(p, tv));
                cairo_stroke(cr);
                cairo_set_dash(cr, NULL, 0, 0);
            }
            for (size_t s = 0; pass != 1 && s < spec->nseries; s++) {
                double v = spec->series[s].values[j];
                if (!isfinite(v))
                    continue;
                double x = cx - group / 2 + bw * (double)s;
                double y = S_y(p, v);
                /* a share of too few to judge: grey, and labelled with its n rather than its
                 * value (docs/metrics.md §9: never coloured) */
                const double *sample = spec->series[s].n;
                int small = sample && isfinite(sample[j]) && sample[j] < (double)spec->min_sample;
                if (pass == 0) {
                    if (small)
                        cairo_set_source_rgb(cr, 0.78, 0.78, 0.8);
                    else
                        S_color(cr, s);
                    cairo_rectangle(cr, x + gap, fmin(y, ax.base), bw - 2 * gap, fabs(ax.base - y));
                    cairo_fill(cr);
                    continue;
                }
                int dec = spec->percent ? (spec->value_decimals > 0 ? spec->value_decimals : 1)
                                        : (fabs(v) < 10 && v != floor(v) ? 1 : 0);
                if (small)
                    snprintf(buf, sizeof buf, "n=%.0f", sample[j]);
                else
                    snprintf(buf, sizeof buf, "%.*f", dec, v);
                /* on its bar, never over its neighbour's: a size smaller when needed, else
                 * none */
                double w, h, size = 7.5;
                for (;; size -= 0.75) {
                    cairo_set_font_size(cr, size);
                    S_text_size(cr, buf, &w, &h);
                    if (w + 2 <= bw || size <= 6)
                        break;
                }
                if (w + 2 <= bw || (ns == 1 && w + 2 <= ax.slot)) {
                    S_rgb(cr, theme->text);
                    S_text_boxed(cr, x + bw / 2, fmin(y, ax.base) - 3, buf, 0.5);
                }
                cairo_set_font_size(cr, 7.5);
            }
        }
    S_axes_labels(cr, spec, &ax);
}

/* CHART_STACKED_BAR: the series stacked in each category, each part with its value inside it
 * when it fits. */
static void S_stacked_chart(cairo_t *cr, const chart_spec_t *spec, double width_pt,
                            double height_pt)
{
    axes_t ax;
    S_axes(cr, spec, width_pt, height_pt, &ax);
    const plot_t *p = &ax.p;
    char buf[64];
    for (size_t j = 0; j < spec->ncat; j++) {
        double cx = p->x0 + ax.slot * ((double)j + 0.5);
        double bw = ax.slot * 0.6, acc = 0;
        for (size_t s = 0; s < spec->nseries; s++) {
            double v = spec->series[s].values[j];
            if (!isfinite(v) || v <= 0)
                continue;
            double ya = S_y(p, acc), yb = S_y(p, acc + v);
            S_color(cr, s);
            cairo_rectangle(cr, cx - bw / 2, yb, bw, ya - yb);
            cairo_fill(cr);
            snprintf(buf, sizeof buf, "%.0f", v);
            double w, h;
            S_text_size(cr, buf, &w, &h);
            if (ya - yb > 9 && w < bw) {
                cairo_set_source_rgb(cr, 1, 1, 1);
                S_text(cr, cx, (ya + yb) / 2 + 3, buf, 0.5);
            }
            acc += v;
        }
    }
    S_axes_labels(cr, spec, &ax);
}

/* A line per series over the categories, broken where a value is missing, with a dot on each
 * value. */
static void S_lines(cairo_t *cr, const chart_spec_t *spec, const axes_t *ax)
{
    const plot_t *p = &ax->p;
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
            double x = p->x0 + ax->slot * ((double)j + 0.5), y = S_y(p, v);
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
            cairo_arc(cr, p->x0 + ax->slot * ((double)j + 0.5), S_y(p, v), 1.8, 0, 2 * M_PI);
            cairo_fill(cr);
        }
    }
}

/* CHART_LINE: lines over ordered categories. */
static void S_line_chart(cairo_t *cr, const chart_spec_t *spec, double width_pt, double height_pt)
{
    axes_t ax;
    S_axes(cr, spec, width_pt, height_pt, &ax);
    S_lines(cr, spec, &ax);
    S_axes_labels(cr, spec, &ax);
}

/* CHART_CUMULATIVE: a cumulative line with the zero line and its marked crossing (payback). */
static void S_cumulative_chart(cairo_t *cr, const chart_spec_t *spec, double width_pt,
                               double height_pt)
{
    axes_t ax;
    S_axes(cr, spec, width_pt, height_pt, &ax);
    S_lines(cr, spec, &ax);
    const plot_t *p = &ax.p;
    if (p->lo < 0 && p->hi > 0) {
        double y0 = S_y(p, 0);
        cairo_set_source_rgb(cr, 0.3, 0.3, 0.35);
        cairo_set_line_width(cr, 0.8);
        cairo_move_to(cr, p->x0, y0);
        cairo_line_to(cr, p->x1, y0);
        cairo_stroke(cr);
    }
    if (isfinite(spec->marker_x) && spec->marker_x >= 0 && spec->marker_x <= (double)spec->ncat) {
        double x = p->x0 + ax.slot * (spec->marker_x + 0.5);
        double y = S_y(p, p->lo < 0 && p->hi > 0 ? 0 : p->lo);
        S_rgb(cr, theme->target);
        cairo_arc(cr, x, y, 3.5, 0, 2 * M_PI);
        cairo_fill(cr);
        /* below and right of the point: the rising curve leaves that corner empty */
        if (spec->marker_label)
            S_text_boxed(cr, x + 7, y + 12, spec->marker_label, 0);
    }
    S_axes_labels(cr, spec, &ax);
}

static void S_donut(cairo_t *cr, const chart_spec_t *spec, double width_pt, double height_pt)
{
    /* shares of the largest value, so that huge values neither overflow the total nor make a
     * sweep of infinity (cairo_arc then subdivides for minutes) */
    double max = 0, total = 0;
    for (size_t j = 0; spec->nseries && j < spec->ncat; j++) {
        double v = spec->series[0].values[j];
        if (isfinite(v) && v > max)
            max = v;
    }
    for (size_t j = 0; max > 0 && j < spec->ncat; j++) {
        double v = spec->series[0].values[j];
        if (isfinite(v) && v > 0)
            total += v / max;
    }
    double cy = (height_pt + 20) / 2, r = (height_pt - 40) / 2;
    if (r < 10)
        r = 10;
    double cx = 20 + r;
    double angle = -M_PI / 2;
    char buf[128];
    for (size_t j = 0; total > 0 && j < spec->ncat; j++) {
        double v = spec->series[0].values[j];
        if (!isfinite(v) || v <= 0)
            continue;
        double sweep = 2 * M_PI * (v / max / total);
        if (!(sweep > 0))
            continue;
        if (sweep > 2 * M_PI)
            sweep = 2 * M_PI;
        S_color(cr, j);
        cairo_move_to(cr, cx, cy);
        cairo_arc(cr, cx, cy, r, angle, angle + sweep);
        cairo_close_path(cr);
        cairo_fill(cr);
        angle += sweep;
    }
    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_arc(cr, cx, cy, r * 0.58, 0, 2 * M_PI);
    cairo_fill(cr);
    if (spec->center_text) {
        /* the largest size at which the figure fits inside the ring's hole */
        cairo_select_font_face(cr, FONT, CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_BOLD);
        double size = 15, w, h;
        for (;; size -= 1) {
            cairo_set_font_size(cr, size);
            S_text_size(cr, spec->center_text, &w, &h);
            if (w <= r * 1.05 || size <= 6)
                break;
        }
        S_rgb(cr, theme->text);
        S_text(cr, cx, cy + h / 2, spec->center_text, 0.5);
        cairo_select_font_face(cr, FONT, CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);
        cairo_set_font_size(cr, 7.5);
    }
    /* the legend with counts and shares, beside the ring */
    double lx = cx + r + 30, ly = cy - (double)spec->ncat * 7;
    for (size_t j = 0; j < spec->ncat && lx < width_pt - 40; j++, ly += 14) {
        double v = spec->series[0].values[j];
        S_color(cr, j);
        cairo_rectangle(cr, lx, ly - 7, 9, 9);
        cairo_fill(cr);
        S_rgb(cr, theme->text);
        /* the share of the whole: total is the sum of v / max, so v's share is v / max over
         * it (the shares add up to 100 %) */
        if (isfinite(v) && total > 0)
            snprintf(buf, sizeof buf, "%s: %.0f (%.1f %%)",
                     spec->categories[j] ? spec->categories[j] : "", v,
                     100.0 * (v > 0 ? v / max : 0) / total);
        else
            snprintf(buf, sizeof buf, "%s: n/a", spec->categories[j] ? spec->categories[j] : "");
        S_text(cr, lx + 14, ly + 1, buf, 0);
    }
}

static void S_radar(cairo_t *cr, const chart_spec_t *spec, double width_pt, double height_pt)
{
    size_t n = spec->ncat;
    if (n < 3)
        return;
    double max = isfinite(spec->y_max) && spec->y_max > 0 ? spec->y_max : 100;
    double cy = (height_pt + 22) / 2, r = (height_pt - 60) / 2, cx = width_pt / 2;
    if (r < 10)
        r = 10;
    cairo_set_line_width(cr, 0.5);
    for (int ring = 1; ring <= 5; ring++) {
        cairo_set_source_rgb(cr, 0.85, 0.85, 0.88);
        for (size_t k = 0; k <= n; k++) {
            double a = -M_PI / 2 + 2 * M_PI * (double)(k % n) / (double)n;
            double x = cx + r * ring / 5 * cos(a), y = cy + r * ring / 5 * sin(a);
            if (k == 0)
                cairo_move_to(cr, x, y);
            else
                cairo_line_to(cr, x, y);
        }
        cairo_stroke(cr);
    }
    S_rgb(cr, theme->muted);
    for (size_t k = 0; k < n; k++) {
        double a = -M_PI / 2 + 2 * M_PI * (double)k / (double)n;
        cairo_set_source_rgb(cr, 0.85, 0.85, 0.88);
        cairo_move_to(cr, cx, cy);
        cairo_line_to(cr, cx + r * cos(a), cy + r * sin(a));
        cairo_stroke(cr);
        S_rgb(cr, theme->muted);
        double lx = cx + (r + 10) * cos(a), ly = cy + (r + 10) * sin(a) + 3;
        S_text(cr, lx, ly, spec->categories[k] ? spec->categories[k] : "",
               cos(a) > 0.2    ? 0
               : cos(a) < -0.2 ? 1
                               : 0.5);
    }
    for (size_t s = 0; s < spec->nseries; s++) {
        int pen = 0;
        for (size_t k = 0; k <= n; k++) {
            double v = spec->series[s].values[k % n];
            if (!isfinite(v))
                v = 0;
            if (v < 0)
                v = 0;
            if (v > max)
                v = max;
            double a = -M_PI / 2 + 2 * M_PI * (double)(k % n) / (double)n;
            double x = cx + r * v / max * cos(a), y = cy + r * v / max * sin(a);
            if (!pen)
                cairo_move_to(cr, x, y), pen = 1;
            else
                cairo_line_to(cr, x, y);
        }
        theme_rgb_t c = theme->series[s % theme->nseries];
        cairo_set_source_rgba(cr, c.r, c.g, c.b, 0.25);
        cairo_fill_preserve(cr);
        cairo_set_source_rgb(cr, c.r, c.g, c.b);
        cairo_set_line_width(cr, 1.5);
        cairo_stroke(cr);
    }
    if (spec->nseries > 1 || isfinite(spec->target))
        S_legend(cr, spec, 10, 24, spec->nseries > 1);
}

/* A heat-map cell's colour: red (low) → amber → green (high), the theme's status colours; grey
 * without a value. */
static void S_heat_color(cairo_t *cr, double v, double max)
{
    if (!isfinite(v)) {
        cairo_set_source_rgb(cr, 0.93, 0.93, 0.94);
        return;
    }
    double f = v / max;
    f = f < 0 ? 0 : f > 1 ? 1 : f;
    theme_rgb_t a = f < 0.5 ? theme->rag_fill[3] : theme->rag_fill[2];
    theme_rgb_t b = f < 0.5 ? theme->rag_fill[2] : theme->rag_fill[1];
    double t = f < 0.5 ? f * 2 : (f - 0.5) * 2;
    cairo_set_source_rgb(cr, a.r + (b.r - a.r) * t, a.g + (b.g - a.g) * t, a.b + (b.b - a.b) * t);
}

/* A heat-map cell's text in a cw × ch cell at x, y: its label (an item id) and its value beside
 * or below it where they fit, else what fits. */
static void S_heat_text(cairo_t *cr, double v, const char *label, double x, double y, double cw,
                        double ch)
{
    char buf[32];
    double lw = 0, lh = 0;
    if (label) {
        /* a long id in a narrow cell: a smaller size before giving up on the score */
        cairo_set_font_size(cr, 7.5);
        S_text_size(cr, label, &lw, &lh);
        if (lw + 12 > cw - 4) {
            cairo_set_font_size(cr, 6.5);
            S_text_size(cr, label, &lw, &lh);
        }
    }
    if (label && lw <= cw - 4 && ch > 9) {
        S_rgb(cr, theme->text);
        snprintf(buf, sizeof buf, "%.0f", v);
        double sw, sh;
        S_text_size(cr, isfinite(v) ? buf : "", &sw, &sh);
        if (isfinite(v) && lw + sw + 6 <= cw - 4) {
            S_text(cr, x + cw / 2 - (sw + 6) / 2, y + ch / 2 + 3, label, 0.5);
            S_text(cr, x + cw / 2 + lw / 2, y + ch / 2 + 3, buf, 0.5);
        } else if (isfinite(v) && ch > 22) {
            S_text(cr, x + cw / 2, y + ch / 2 - 2, label, 0.5);
            S_text(cr, x + cw / 2, y + ch / 2 + 8, buf, 0.5);
        } else {
            S_text(cr, x + cw / 2, y + ch / 2 + 3, label, 0.5);
        }
    } else if (isfinite(v) && cw > 14 && ch > 9) {
        S_rgb(cr, theme->text);
        snprintf(buf, sizeof buf, "%.0f", v);
        S_text(cr, x + cw / 2, y + ch / 2 + 3, buf, 0.5);
    }
    cairo_set_font_size(cr, 7.5); /* the chart's text size (chart_draw) */
}

/* CHART_HEATMAP: rows = series, columns = categories, each cell coloured by its value. */
static void S_heatmap(cairo_t *cr, const chart_spec_t *spec, double width_pt, double height_pt)
{
    double max = isfinite(spec->y_max) && spec->y_max > 0 ? spec->y_max : 5;
    double label_w = 0;
    for (size_t s = 0; s < spec->nseries; s++) {
        double w, h;
        S_text_size(cr, spec->series[s].name ? spec->series[s].name : "", &w, &h);
        if (w > label_w)
            label_w = w;
    }
    if (label_w > width_pt * 0.35)
        label_w = width_pt * 0.35;
    double x0 = label_w + 10, y0 = 22, x1 = width_pt - 6, y1 = height_pt - 18;
    if (!spec->ncat || !spec->nseries)
        return;
    double cw = (x1 - x0) / (double)spec->ncat, ch = (y1 - y0) / (double)spec->nseries;
    for (size_t s = 0; s < spec->nseries; s++) {
        S_rgb(cr, theme->text);
        S_text(cr, x0 - 4, y0 + ch * ((double)s + 0.5) + 3,
               spec->series[s].name ? spec->series[s].name : "", 1);
        for (size_t j = 0; j < spec->ncat; j++) {
            double v = spec->series[s].values[j];
            double x = x0 + cw * (double)j, y = y0 + ch * (double)s;
            const char *label = spec->cell_labels ? spec->cell_labels[s * spec->ncat + j] : NULL;
            if (spec->cell_labels && !label)
                continue; /* no item in this cell */
            S_heat_color(cr, v, max);
            cairo_rectangle(cr, x + 0.5, y + 0.5, cw - 1, ch - 1);
            cairo_fill(cr);
            S_heat_text(cr, v, label, x, y, cw, ch);
        }
    }
    if (spec->cell_labels)
        return; /* the cells name themselves; the columns are only positions */
    S_rgb(cr, theme->muted);
    size_t every = chart_label_step(cw, 30);
    for (size_t j = 0; j < spec->ncat; j += every)
        S_text(cr, x0 + cw * ((double)j + 0.5), y1 + 11,
               spec->categories[j] ? spec->categories[j] : "", 0.5);
}

/* The tornado's bars in drawing order, the largest swing on top (owned by the caller); the
 * largest distance of a value from the base in *max_dev (1 when there is none). */
static size_t *S_tornado_order(const chart_spec_t *spec, double base, double *max_dev)
{
    size_t *order = xmalloc(spec->ncat * sizeof(size_t));
    *max_dev = 0;
    for (size_t j = 0; j < spec->ncat; j++) {
        order[j] = j;
        for (size_t s = 0; s < 2; s++) {
            double v = spec->series[s].values[j];
            if (isfinite(v) && fabs(v - base) > *max_dev)
                *max_dev = fabs(v - base);
        }
    }
    for (size_t a = 1; a < spec->ncat; a++) { /* insertion sort: a handful of assumptions */
        size_t k = order[a], b = a;
        double swing_k = fabs(spec->series[1].values[k] - spec->series[0].values[k]);
        while (b > 0) {
            size_t m = order[b - 1];
            double swing_m = fabs(spec->series[1].values[m] - spec->series[0].values[m]);
            if (!(swing_k > swing_m))
                break;
            order[b] = m;
            b--;
        }
        order[b] = k;
    }
    if (!(*max_dev > 0) || !isfinite(*max_dev))
        *max_dev = 1;
    return order;
}

/* The room the tornado's category labels take (at most 30% of the width) in *label_w, and its
 * value labels at both ends of the bars (as wide as the widest) in *value_w. */
static void S_tornado_widths(cairo_t *cr, const chart_spec_t *spec, double base, double width_pt,
                             double *label_w, double *value_w)
{
    *label_w = 0;
    for (size_t j = 0; j < spec->ncat; j++) {
        double w, h;
        S_text_size(cr, spec->categories[j] ? spec->categories[j] : "", &w, &h);
        if (w > *label_w)
            *label_w = w;
    }
    if (*label_w > width_pt * 0.3)
        *label_w = width_pt * 0.3;
    char buf[64];
    *value_w = 0;
    for (size_t j = 0; j < spec->ncat; j++)
        for (size_t s = 0; s < 2; s++) {
            double v = spec->series[s].values[j], w, h;
            if (!isfinite(v))
                continue;
            snprintf(buf, sizeof buf, "%+.0f", v - base);
            S_text_size(cr, buf, &w, &h);
            *value_w = w > *value_w ? w : *value_w;
        }
}

static void S_tornado(cairo_t *cr, const chart_spec_t *spec, double width_pt, double height_pt)
{
    if (spec->nseries < 2 || !spec->ncat)
        return;
    double base = isfinite(spec->base) ? spec->base : 0;
    double max_dev, label_w, value_w;
    size_t *order = S_tornado_order(spec, base, &max_dev);
    S_tornado_widths(cr, spec, base, width_pt, &label_w, &value_w);
    char buf[64];
    double x0 = label_w + 12 + value_w + 6, x1 = width_pt - value_w - 8, y0 = 36,
           y1 = height_pt - 10;
    double cx = (x0 + x1) / 2, half = (x1 - x0) / 2;
    double rh = (y1 - y0) / (double)spec->ncat;
    S_legend(cr, spec, x0, 24, 1);
    for (size_t i = 0; i < spec->ncat; i++) {
        size_t j = order[i];
        double y = y0 + rh * (double)i;
        S_rgb(cr, theme->text);
        S_text(cr, x0 - value_w - 10, y + rh / 2 + 3,
               spec->categories[j] ? spec->categories[j] : "", 1);
        for (size_t s = 0; s < 2; s++) {
            double v = spec->series[s].values[j];
            if (!isfinite(v))
                continue;
            double d = (v - base) / max_dev * half;
            S_color(cr, s);
            cairo_rectangle(cr, fmin(cx, cx + d), y + rh * 0.15, fabs(d), rh * 0.7);
            cairo_fill(cr);
            S_rgb(cr, theme->muted);
            snprintf(buf, sizeof buf, "%+.0f", v - base);
            S_text(cr, d >= 0 ? cx + d + 3 : cx + d - 3, y + rh / 2 + 3, buf, d >= 0 ? 0 : 1);
        }
    }
    cairo_set_source_rgb(cr, 0.3, 0.3, 0.35);
    cairo_set_line_width(cr, 0.8);
    cairo_move_to(cr, cx, y0 - 2);
    cairo_line_to(cr, cx, y1);
    cairo_stroke(cr);
    free(order);
}

/* A risk-matrix cell's ids ("R-01, R-07 +2"): on one line when they fit, else one id a line
 * for as many lines as the cell holds, the rest as "+n". */
static void S_matrix_labels(cairo_t *cr, const char *label, double x, double y, double cw,
                            double ch)
{
    double w, h;
    S_text_size(cr, label, &w, &h);
    S_rgb(cr, theme->text);
    if (w <= cw - 6) {
        S_text(cr, x + cw / 2, y + ch / 2 + 3, label, 0.5);
        return;
    }
    size_t lines = (size_t)((ch - 4) / 9), nids = 1;
    for (const char *p = label; *p; p++)
        nids += p[0] == ',' && p[1] == ' ';
    if (lines < 1)
        lines = 1;
    size_t shown = nids <= lines ? nids : lines - 1;
    double top = y + ch / 2 - 9.0 * (double)(shown + (shown < nids)) / 2 + 7;
    const char *p = label;
    char buf[64];
    for (size_t k = 0; k < shown && *p; k++) {
        const char *e = strstr(p, ", ");
        size_t len = e ? (size_t)(e - p) : strlen(p);
        snprintf(buf, sizeof buf, "%.*s", (int)(len < 60 ? len : 60), p);
        S_text(cr, x + cw / 2, top + 9.0 * (double)k, buf, 0.5);
        p = e ? e + 2 : p + len;
    }
    if (shown < nids) {
        /* the ids left, with the "+n" the label already carries for those not named */
        size_t left = nids - shown, more = 0;
        const char *plus = strrchr(label, '+');
        if (plus && plus > label && plus[-1] == ' ')
            more = (size_t)strtoul(plus + 1, NULL, 10);
        snprintf(buf, sizeof buf, "+%zu more", left + more);
        S_text(cr, x + cw / 2, top + 9.0 * (double)shown, buf, 0.5);
    }
}

/*
 * CHART_RISK_MATRIX: series are the likelihood rows (top first), categories the impact
 * columns; each cell is coloured by the band of its rating (row's likelihood × column's
 * impact: high from band_hi, medium from band_lo) and names the risks in it.
 */
static void S_risk_matrix(cairo_t *cr, const chart_spec_t *spec, double width_pt, double height_pt)
{
    size_t nr = spec->nseries, nc = spec->ncat;
    if (!nr || !nc)
        return;
    double x0 = 44, y0 = 22, y1 = height_pt - 30;
    double ch = (y1 - y0) / (double)nr, cw = fmin(ch * 1.9, (width_pt - x0 - 150) / (double)nc);
    for (size_t s = 0; s < nr; s++) {
        S_rgb(cr, theme->muted);
        S_text(cr, x0 - 5, y0 + ch * ((double)s + 0.5) + 3,
               spec->series[s].name ? spec->series[s].name : "", 1);
        for (size_t j = 0; j < nc; j++) {
            double rating = (double)(nr - s) * (double)(j + 1);
            int band = isfinite(spec->band_hi) && rating >= spec->band_hi   ? 3
                       : isfinite(spec->band_lo) && rating >= spec->band_lo ? 2
                                                                            : 1;
            double x = x0 + cw * (double)j, y = y0 + ch * (double)s;
            S_rgb(cr, theme->rag_fill[band]);
            cairo_rectangle(cr, x + 0.5, y + 0.5, cw - 1, ch - 1);
            cairo_fill(cr);
            const char *label = spec->cell_labels ? spec->cell_labels[s * nc + j] : NULL;
            double v = spec->series[s].values[j];
            char buf[32];
            if (!label && isfinite(v) && v > 0) {
                snprintf(buf, sizeof buf, "%.0f", v);
                label = buf;
            }
            if (label && *label)
                S_matrix_labels(cr, label, x, y, cw, ch);
        }
    }
    S_rgb(cr, theme->muted);
    for (size_t j = 0; j < nc; j++)
        S_text(cr, x0 + cw * ((double)j + 0.5), y1 + 11,
               spec->categories[j] ? spec->categories[j] : "", 0.5);
    S_text(cr, x0 + cw * (double)nc / 2, y1 + 24, spec->target_label ? spec->target_label : "",
           0.5);
    if (spec->y_title) {
        double w, h;
        S_text_size(cr, spec->y_title, &w, &h);
        cairo_save(cr);
        cairo_move_to(cr, 12, (y0 + y1) / 2 + w / 2);
        cairo_rotate(cr, -M_PI / 2);
        cairo_show_text(cr, S_clean(cr, spec->y_title));
        cairo_restore(cr);
    }
    /* the bands, to the right of the grid */
    static const char *const names[3] = {"high", "medium", "low"};
    double lx = x0 + cw * (double)nc + 16, ly = y0 + 6;
    for (int b = 0; b < 3 && isfinite(spec->band_lo) && isfinite(spec->band_hi); b++) {
        char buf[48];
        S_rgb(cr, theme->rag_fill[3 - b]);
        cairo_rectangle(cr, lx, ly + 14.0 * b - 4, 10, 10);
        cairo_fill(cr);
        if (b == 0)
            snprintf(buf, sizeof buf, "%s: rating %.0f or more", names[b], spec->band_hi);
        else if (b == 1)
            snprintf(buf, sizeof buf, "%s: %.0f to %.0f", names[b], spec->band_lo,
                     spec->band_hi - 1);
        else
            snprintf(buf, sizeof buf, "%s: below %.0f", names[b], spec->band_lo);
        S_rgb(cr, theme->muted);
        S_text(cr, lx + 14, ly + 14.0 * b + 4, buf, 0);
    }
    S_text(cr, lx, ly + 50, "rating = likelihood × impact", 0);
}

/* A number no output shows (num_shown: not finite, or beyond 1e15) as NAN, so that the drawing
 * functions skip it as they skip a missing value. */
static double S_shown(double v)
{
    return num_shown(v) ? v : NAN;
}

/* A copy of spec whose numbers are all shown or NAN (its values, then its per-category targets,
 * in vals: nseries × ncat + ncat doubles). */
static chart_spec_t S_shown_spec(const chart_spec_t *spec, chart_series_t *series, double *vals)
{
    chart_spec_t c = *spec;
    c.target = S_shown(c.target);
    c.y_min = S_shown(c.y_min);
    c.y_max = S_shown(c.y_max);
    c.band_lo = S_shown(c.band_lo);
    c.band_hi = S_shown(c.band_hi);
    c.marker_x = S_shown(c.marker_x);
    c.base = S_shown(c.base);
    for (size_t s = 0; s < spec->nseries; s++) {
        series[s] = spec->series[s];
        series[s].values = vals + s * spec->ncat;
        for (size_t j = 0; j < spec->ncat; j++)
            series[s].values[j] = S_shown(spec->series[s].values[j]);
    }
    c.series = series;
    if (spec->cat_targets) {
        double *t = vals + spec->nseries * spec->ncat;
        for (size_t j = 0; j < spec->ncat; j++)
            t[j] = S_shown(spec->cat_targets[j]);
        c.cat_targets = t;
    }
    return c;
}

/* chart_draw over a spec whose numbers are all shown. */
static status_t S_draw(const chart_spec_t *spec, const theme_t *look, double width_pt,
                       double height_pt, double scale, chart_image_t *out, diag_t *d)
{
    theme = look;
    if (!(width_pt > 0 && height_pt > 0 && scale > 0 && width_pt * scale < 10000 &&
          height_pt * scale < 10000))
        return diag_set(d, ST_INTERNAL, NULL, 0, 0, "chart size out of range");
    int W = (int)lround(width_pt * scale), H = (int)lround(height_pt * scale);
    cairo_surface_t *surf = cairo_image_surface_create(CAIRO_FORMAT_RGB24, W, H);
    cairo_t *cr = cairo_create(surf);
    strbuf_t *clean = xcalloc(1, sizeof *clean);
    if (cairo_set_user_data(cr, &clean_key, clean, S_clean_free) != CAIRO_STATUS_SUCCESS) {
        S_clean_free(clean);
        cairo_destroy(cr);
        cairo_surface_destroy(surf);
        return diag_set(d, ST_INTERNAL, NULL, 0, 0, "chart '%.60s': out of memory",
                        spec->title ? spec->title : "");
    }
    cairo_scale(cr, scale, scale);
    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_paint(cr);
    cairo_select_font_face(cr, FONT, CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_BOLD);
    cairo_set_font_size(cr, 10);
    S_rgb(cr, theme->text);
    S_text(cr, 4, 13, spec->title ? spec->title : "", 0);
    cairo_select_font_face(cr, FONT, CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);
    cairo_set_font_size(cr, 7.5);
    /* the drawing function of each kind; an unknown kind is drawn as bars */
    typedef void (*draw_fn)(cairo_t *, const chart_spec_t *, double, double);
    static const draw_fn draw[] = {[CHART_BAR] = S_bar_chart,
                                   [CHART_GROUPED_BAR] = S_bar_chart,
                                   [CHART_STACKED_BAR] = S_stacked_chart,
                                   [CHART_HISTOGRAM] = S_bar_chart,
                                   [CHART_LINE] = S_line_chart,
                                   [CHART_CUMULATIVE] = S_cumulative_chart,
                                   [CHART_DONUT] = S_donut,
                                   [CHART_RADAR] = S_radar,
                                   [CHART_HEATMAP] = S_heatmap,
                                   [CHART_TORNADO] = S_tornado,
                                   [CHART_RISK_MATRIX] = S_risk_matrix};
    size_t kind = (size_t)spec->kind;
    (kind < sizeof draw / sizeof draw[0] ? draw[kind] : S_bar_chart)(cr, spec, width_pt, height_pt);
    cairo_surface_flush(surf);
    status_t st = ST_OK;
    if (cairo_status(cr) != CAIRO_STATUS_SUCCESS) {
        st = diag_set(d, ST_INTERNAL, NULL, 0, 0, "chart '%.60s': %s",
                      spec->title ? spec->title : "", cairo_status_to_string(cairo_status(cr)));
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

status_t chart_draw(const chart_spec_t *spec_in, const theme_t *look, double width_pt,
                    double height_pt, double scale, chart_image_t *out, diag_t *d)
{
    memset(out, 0, sizeof *out);
    chart_series_t *series = xcalloc(spec_in->nseries ? spec_in->nseries : 1, sizeof *series);
    double *vals = xcalloc((spec_in->nseries + 1) * spec_in->ncat + 1, sizeof(double));
    chart_spec_t shown = S_shown_spec(spec_in, series, vals);
    const chart_spec_t *spec = &shown;
    status_t st = S_draw(spec, look, width_pt, height_pt, scale, out, d);
    free(series);
    free(vals);
    return st;
}

void chart_image_clear(chart_image_t *img)
{
    if (!img)
        return;
    free(img->rgb);
    img->rgb = NULL;
}

status_t chart_labels(const chart_spec_t *spec, const theme_t *look, double width_pt,
                      double height_pt, chart_label_t **out, size_t *n, diag_t *d)
{
    recorder_t rec = {0};
    recording = &rec;
    chart_image_t img;
    status_t st = chart_draw(spec, look, width_pt, height_pt, 1, &img, d);
    recording = NULL;
    chart_image_clear(&img);
    if (st != ST_OK) {
        chart_labels_free(rec.v, rec.n);
        rec.v = NULL;
        rec.n = 0;
    }
    *out = rec.v;
    *n = rec.n;
    return st;
}

void chart_labels_free(chart_label_t *labels, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(labels[i].text);
    free(labels);
}

int chart_labels_overlap(const chart_label_t *a, const chart_label_t *b)
{
    if (a->rotated || b->rotated)
        return 0;
    return a->x0 < b->x1 && b->x0 < a->x1 && a->y0 < b->y1 && b->y0 < a->y1;
}
