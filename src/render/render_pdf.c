/*
 * render_pdf — libharu document assembly. libharu reports errors through a handler and keeps
 * the first one (sticky); each page operation's status is folded into that, and the document is
 * only saved when no error occurred.
 */
#include "render/render_pdf.h"

#include <hpdf.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/ttf.h"
#include "core/version.h"
#include "report/chart.h"

#define PAGE_W 595.276
#define PAGE_H 841.89
#define TOP (PAGE_H - 62.0) /* below the running header */
#define BOTTOM 56.0         /* above the footer */
#define CHART_SCALE 3.0     /* pixels per point: 216 dpi */

typedef struct pdf {
    HPDF_Doc doc;
    const theme_t *theme;
    double margin;
    HPDF_Font regular, bold;
    const report_t *r;
    HPDF_Page page;
    HPDF_Page *pages;
    size_t npages, cappages;
    double y;          /* cursor, from the bottom of the page */
    HPDF_STATUS error; /* first libharu error */
    HPDF_STATUS detail;
    HPDF_Outline root;
    HPDF_Encoder utf8;
    diag_t *d;
    status_t st;
    HPDF_Destination *section_dst; /* where each section starts (nsections) */
    struct link {                  /* a rectangle that jumps to a section, made at the end */
        HPDF_Page page;
        HPDF_Rect rect;
        int section;
    } * links;
    size_t nlinks, caplinks;
} pdf_t;

static void S_link(pdf_t *p, double x0, double y0, double x1, double y1, int section)
{
    if (section < 0 || (size_t)section >= p->r->nsections)
        return;
    xgrow((void **)&p->links, &p->caplinks, p->nlinks + 1, sizeof(struct link));
    struct link *l = &p->links[p->nlinks++];
    l->page = p->page;
    l->rect.left = (HPDF_REAL)x0;
    l->rect.bottom = (HPDF_REAL)y0;
    l->rect.right = (HPDF_REAL)x1;
    l->rect.top = (HPDF_REAL)y1;
    l->section = section;
}

static void S_on_error(HPDF_STATUS error_no, HPDF_STATUS detail_no, void *user)
{
    pdf_t *p = user;
    if (!p->error) {
        p->error = error_no;
        p->detail = detail_no;
    }
}

/* libharu must never see a broken UTF-8 sequence or a control character. */
static const char *S_clean(strbuf_t *sb, const char *s)
{
    return utf8_clean(sb, s, 0);
}

/* The most bytes of text handed to libharu at once: a line of the page shows a few hundred
 * characters at most, and libharu refuses a string over 65,535 bytes (which failed the whole
 * document). Document information and bookmarks are cut shorter still. */
#define PDF_MAX_LINE 4000
#define PDF_MAX_META 1000

/* The start of the character that byte n of UTF-8 text s falls in. */
static size_t S_char_start(const char *s, size_t n)
{
    while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
        n--;
    return n;
}

/* S_clean, then cut at a character boundary to at most max bytes. */
static const char *S_clean_cut(strbuf_t *sb, const char *s, size_t max)
{
    S_clean(sb, s);
    if (sb->len > max) {
        sb->len = S_char_start(sb->data, max);
        sb->data[sb->len] = '\0';
    }
    return strbuf_cstr(sb);
}

/* The width of s; of its first PDF_MAX_LINE bytes when it is longer, which is all a line shows
 * (libharu refuses to measure more than 65,535 bytes). */
static double S_width(pdf_t *p, HPDF_Font font, double size, const char *s)
{
    HPDF_Page_SetFontAndSize(p->page, font, (HPDF_REAL)size);
    strbuf_t cut = {0};
    if (strnlen(s, PDF_MAX_LINE + 1) > PDF_MAX_LINE) {
        strbuf_append(&cut, s, S_char_start(s, PDF_MAX_LINE));
        s = strbuf_cstr(&cut);
    }
    double w = HPDF_Page_TextWidth(p->page, s);
    strbuf_clear(&cut);
    return isfinite(w) ? w : 0;
}

static void S_text(pdf_t *p, HPDF_Font font, double size, double x, double y, const char *s)
{
    strbuf_t sb = {0};
    const char *t = S_clean_cut(&sb, s, PDF_MAX_LINE);
    HPDF_Page_BeginText(p->page);
    HPDF_Page_SetFontAndSize(p->page, font, (HPDF_REAL)size);
    HPDF_Page_TextOut(p->page, (HPDF_REAL)x, (HPDF_REAL)y, t);
    HPDF_Page_EndText(p->page);
    strbuf_clear(&sb);
}

/* Text cut to fit `maxw`, with an ellipsis. */
static void S_fit(pdf_t *p, HPDF_Font font, double size, const char *s, double maxw, strbuf_t *out)
{
    strbuf_t clean = {0};
    S_clean(&clean, s);
    strbuf_reset(out);
    strbuf_puts(out, strbuf_cstr(&clean));
    if (S_width(p, font, size, out->data ? out->data : "") <= maxw) {
        strbuf_clear(&clean);
        return;
    }
    /* the longest prefix that fits with the ellipsis, cut at a character boundary: widths grow
     * with the prefix, so a binary search over its length needs only log2(len) measurements */
    size_t lo = 0, hi = clean.len; /* the prefix cut at lo fits (the empty one counts), hi not */
    while (hi - lo > 1) {
        size_t mid = lo + (hi - lo) / 2;
        strbuf_reset(out);
        strbuf_append(out, clean.data, S_char_start(clean.data, mid));
        strbuf_puts(out, "…");
        if (S_width(p, font, size, out->data) <= maxw)
            lo = mid;
        else
            hi = mid;
    }
    lo = S_char_start(clean.data, lo);
    strbuf_reset(out);
    strbuf_append(out, clean.data, lo);
    strbuf_puts(out, "…");
    strbuf_clear(&clean);
}

static void S_new_page(pdf_t *p)
{
    p->page = HPDF_AddPage(p->doc);
    if (!p->page)
        return;
    HPDF_Page_SetSize(p->page, HPDF_PAGE_SIZE_A4, HPDF_PAGE_PORTRAIT);
    xgrow((void **)&p->pages, &p->cappages, p->npages + 1, sizeof(HPDF_Page));
    p->pages[p->npages++] = p->page;
    p->y = TOP;
}

static void S_need(pdf_t *p, double h)
{
    if (p->y - h < BOTTOM)
        S_new_page(p);
}

static void S_rgb(pdf_t *p, double r, double g, double b, int fill)
{
    if (fill)
        HPDF_Page_SetRGBFill(p->page, (HPDF_REAL)r, (HPDF_REAL)g, (HPDF_REAL)b);
    else
        HPDF_Page_SetRGBStroke(p->page, (HPDF_REAL)r, (HPDF_REAL)g, (HPDF_REAL)b);
}

static void S_color(pdf_t *p, theme_rgb_t c, int fill)
{
    S_rgb(p, c.r, c.g, c.b, fill);
}

/* Whether the first n bytes of s are wider than maxw. */
static int S_wider(pdf_t *p, HPDF_Font font, double size, const char *s, size_t n, double maxw,
                   strbuf_t *trial)
{
    strbuf_reset(trial);
    strbuf_append(trial, s, n);
    return S_width(p, font, size, strbuf_cstr(trial)) > maxw;
}

/* How many bytes of a word wider than a line (s[0..len)) go on the line: the longest prefix
 * that fits, cut at a character boundary, and at least one character so that the paragraph
 * goes on. No line holds more than PDF_MAX_LINE bytes, so no longer prefix is measured, and the
 * prefixes measured grow from 64 bytes (a line holds about a hundred characters), so that a
 * word of 70,000 bytes costs a few short measurements per line, not a search over 4,000. */
static size_t S_break_word(pdf_t *p, HPDF_Font font, double size, const char *s, size_t len,
                           double maxw)
{
    strbuf_t trial = {0};
    size_t cap = S_char_start(s, len < PDF_MAX_LINE ? len : PDF_MAX_LINE);
    size_t lo = 0, hi = 64; /* the prefix of lo bytes fits, that of hi does not */
    for (;;) {
        if (hi >= cap) {
            hi = cap;
            if (!S_wider(p, font, size, s, hi, maxw, &trial))
                lo = hi; /* zero-width characters, say: as many as a line may hold */
            break;
        }
        hi = S_char_start(s, hi);
        if (S_wider(p, font, size, s, hi, maxw, &trial))
            break;
        lo = hi;
        hi *= 2;
    }
    while (lo < hi && hi - lo > 1) {
        size_t mid = S_char_start(s, lo + (hi - lo) / 2);
        if (mid <= lo)
            break;
        if (S_wider(p, font, size, s, mid, maxw, &trial))
            hi = mid;
        else
            lo = mid;
    }
    strbuf_clear(&trial);
    if (lo == 0) { /* not even one character fits: it goes alone */
        lo = 1;
        while (lo < len && ((unsigned char)s[lo] & 0xC0) == 0x80)
            lo++;
    }
    return lo;
}

/* The end of the line of s that fits maxw (at a space; a word wider than the line alone, broken
 * by the caller). No line holds more than PDF_MAX_LINE bytes: a longer word is not scanned
 * further nor measured. */
static const char *S_line_end(pdf_t *p, HPDF_Font font, double size, const char *s, double maxw,
                              strbuf_t *trial)
{
    const char *last_fit = s;
    const char *q = s;
    while (*q) {
        const char *word_end = q;
        while (*word_end && *word_end != ' ' && (size_t)(word_end - s) <= PDF_MAX_LINE)
            word_end++;
        size_t n = (size_t)(word_end - s);
        int wide = n > PDF_MAX_LINE;
        if (!wide) {
            strbuf_reset(trial);
            strbuf_append(trial, s, n);
            wide = S_width(p, font, size, trial->data) > maxw;
        }
        if (wide && last_fit != s)
            break;
        last_fit = word_end;
        q = *word_end ? word_end + 1 : word_end;
        if (wide)
            break;
    }
    return last_fit;
}

/* Word-wrapped paragraph (a word wider than a line is broken across lines); one of a few lines
 * is kept on one page (no line left alone). */
static void S_paragraph(pdf_t *p, const char *text, HPDF_Font font, double size, double indent,
                        double gray)
{
    strbuf_t clean = {0}, line = {0}, trial = {0};
    S_clean(&clean, text);
    const char *s = strbuf_cstr(&clean);
    double maxw = PAGE_W - 2 * p->margin - indent, lead = size * 1.4;
    size_t nlines = 0;
    for (const char *q = s; *q && nlines <= 8; nlines++) {
        q = S_line_end(p, font, size, q, maxw, &trial);
        while (*q == ' ')
            q++;
    }
    if (nlines <= 8)
        S_need(p, lead * (double)nlines);
    while (*s) {
        strbuf_reset(&line);
        const char *last_fit = S_line_end(p, font, size, s, maxw, &trial);
        size_t n = (size_t)(last_fit - s);
        strbuf_append(&line, s, n < PDF_MAX_LINE + 1 ? n : PDF_MAX_LINE + 1);
        /* one word wider than a line, or longer than a line may hold (S_text would cut it) */
        if (n > PDF_MAX_LINE || S_width(p, font, size, strbuf_cstr(&line)) > maxw) {
            last_fit = s + S_break_word(p, font, size, s, n, maxw);
            strbuf_reset(&line);
            strbuf_append(&line, s, (size_t)(last_fit - s));
        }
        S_need(p, lead);
        S_color(p, gray < 0.2 ? p->theme->text : p->theme->muted, 1);
        S_text(p, font, size, p->margin + indent, p->y - size, strbuf_cstr(&line));
        p->y -= lead;
        s = last_fit;
        while (*s == ' ')
            s++;
    }
    S_rgb(p, 0, 0, 0, 1);
    p->y -= 4;
    strbuf_clear(&clean);
    strbuf_clear(&line);
    strbuf_clear(&trial);
}

/* A warning set apart: bold, with a bar in the theme's red down its left side. */
static void S_warning(pdf_t *p, const char *text)
{
    S_need(p, 60); /* a few lines: never split from its bar */
    double top = p->y;
    S_paragraph(p, text, p->bold, 9.5, 10, 0.1);
    S_color(p, p->theme->target, 1);
    HPDF_Page_Rectangle(p->page, (HPDF_REAL)p->margin, (HPDF_REAL)(p->y + 4), 3,
                        (HPDF_REAL)(top - p->y - 4));
    HPDF_Page_Fill(p->page);
    S_rgb(p, 0, 0, 0, 1);
    p->y -= 4;
}

static void S_heading(pdf_t *p, const char *title, int level)
{
    double size = level == 0 ? 17 : 11.5;
    S_need(p, size * 2 + 40);
    S_color(p, p->theme->primary, 1);
    S_text(p, p->bold, size, p->margin, p->y - size, title);
    p->y -= size * 1.6;
    if (level == 0) {
        S_color(p, p->theme->primary, 0);
        HPDF_Page_SetLineWidth(p->page, 1.2);
        HPDF_Page_MoveTo(p->page, p->margin, (HPDF_REAL)p->y + 4);
        HPDF_Page_LineTo(p->page, PAGE_W - p->margin, (HPDF_REAL)p->y + 4);
        HPDF_Page_Stroke(p->page);
        p->y -= 10;
    }
    S_rgb(p, 0, 0, 0, 1);
}

/* ---- number formatting for display ---- */

static void S_group(char *out, size_t n, double v, int dec)
{
    char tmp[64];
    snprintf(tmp, sizeof tmp, "%.*f", dec, fabs(round_half_away(v, dec)));
    char *dot = strchr(tmp, '.');
    size_t ilen = dot ? (size_t)(dot - tmp) : strlen(tmp);
    size_t o = 0;
    if (v < 0 && round_half_away(v, dec) != 0 && o + 1 < n)
        out[o++] = '-';
    for (size_t i = 0; i < ilen && o + 2 < n; i++) {
        if (i && (ilen - i) % 3 == 0)
            out[o++] = ',';
        out[o++] = tmp[i];
    }
    if (dot)
        for (const char *c = dot; *c && o + 1 < n; c++)
            out[o++] = *c;
    out[o] = '\0';
}

static const char *S_cell_text(const report_cell_t *c, char *buf, size_t n);

/* A cell as the PDF shows it, into out (a text of any length: the table wraps it). */
static const char *S_cell_string(const report_cell_t *c, strbuf_t *out)
{
    strbuf_reset(out);
    char buf[128];
    if (c->type == CELL_TEXT || (c->type != CELL_EMPTY && isfinite(c->number) && c->text))
        strbuf_puts(out, c->text ? c->text : "");
    else
        strbuf_puts(out, S_cell_text(c, buf, sizeof buf));
    return strbuf_cstr(out);
}

/* A number cell (or an empty one) as shown, into buf. */
static const char *S_cell_text(const report_cell_t *c, char *buf, size_t n)
{
    switch (c->type) {
    case CELL_EMPTY:
        snprintf(buf, n, "%s", "");
        break;
    case CELL_TEXT:
        snprintf(buf, n, "%s", c->text ? c->text : "");
        break;
    default:
        if (!num_shown(c->number)) { /* never "inf" or a 300-digit number */
            snprintf(buf, n, "n/a");
            break;
        }
        if (c->text) {
            snprintf(buf, n, "%s", c->text);
            break;
        }
        if (c->type == CELL_INT) {
            S_group(buf, n, c->number, 0);
        } else if (c->type == CELL_PERCENT) {
            S_group(buf, n, c->number, c->decimals);
            strncat(buf, " %", n - strlen(buf) - 1);
        } else if (c->type == CELL_DELTA) {
            char tmp[64];
            S_group(tmp, sizeof tmp, c->number, c->decimals);
            snprintf(buf, n, "%s%s",
                     c->number > 0 && round_half_away(c->number, c->decimals) != 0 ? "+" : "", tmp);
        } else {
            S_group(buf, n, c->number, c->decimals);
        }
    }
    return buf;
}

static void S_rag_fill(pdf_t *p, rag_t rag)
{
    S_color(p, p->theme->rag_fill[rag], 1);
}

/*
 * Wraps text into at most max_lines lines of width maxw (at spaces; a word too long for a line
 * is cut with an ellipsis, and so is the last line when text remains). Returns the line count.
 */
static size_t S_wrap(pdf_t *p, HPDF_Font font, double size, const char *text, double maxw,
                     strbuf_t *lines, size_t max_lines)
{
    strbuf_t clean = {0}, trial = {0};
    const char *s = S_clean(&clean, text);
    size_t n = 0;
    while (*s == ' ')
        s++;
    while (*s && n < max_lines) {
        const char *end = s, *fit = NULL;
        for (;;) {
            const char *w = end;
            while (*w == ' ')
                w++;
            while (*w && *w != ' ')
                w++;
            strbuf_reset(&trial);
            strbuf_append(&trial, s, (size_t)(w - s));
            if (S_width(p, font, size, strbuf_cstr(&trial)) > maxw)
                break;
            fit = w;
            end = w;
            if (!*w)
                break;
        }
        strbuf_reset(&lines[n]);
        if (!fit) { /* one word wider than the line */
            const char *w = s;
            while (*w && *w != ' ')
                w++;
            strbuf_reset(&trial);
            strbuf_append(&trial, s, (size_t)(w - s));
            S_fit(p, font, size, strbuf_cstr(&trial), maxw, &lines[n]);
            fit = w;
        } else {
            strbuf_append(&lines[n], s, (size_t)(fit - s));
        }
        n++;
        s = fit;
        while (*s == ' ')
            s++;
        if (*s && n == max_lines) { /* text left over: mark the cut on the last line */
            strbuf_reset(&trial);
            /* a line never shows more than a few hundred characters: don't measure the rest */
            strbuf_printf(&trial, "%s %.400s", strbuf_cstr(&lines[n - 1]), s);
            S_fit(p, font, size, strbuf_cstr(&trial), maxw, &lines[n - 1]);
        }
    }
    strbuf_clear(&clean);
    strbuf_clear(&trial);
    return n;
}

#define CELL_LINES 8
#define HEAD_LINES 2

/* Each column's natural width (its widest cell or header) and the least it needs (its longest
 * header word; a number never wraps). Marks the columns that hold numbers. */
/* The width of the longest word of s (words break at spaces), padded like a cell. */
static double S_longest_word(pdf_t *p, HPDF_Font font, double size, const char *s, strbuf_t *word)
{
    double most = 0;
    for (const char *q = s; *q;) {
        const char *e = q;
        while (*e && *e != ' ')
            e++;
        strbuf_reset(word);
        strbuf_append(word, q, (size_t)(e - q));
        double ww = S_width(p, font, size, strbuf_cstr(word)) + 10;
        if (ww > most)
            most = ww;
        q = *e ? e + 1 : e;
    }
    return most;
}

/* Each column's natural width (its widest cell or header) and the least it needs: its longest
 * header word, and the longest word of its cells up to `word_cap` (an id or a date is never
 * cut while a description can wrap; a number never wraps). Marks the columns of numbers. */
static void S_natural_widths(pdf_t *p, const report_table_t *t, double size, double word_cap,
                             double *natural, double *least, int *numeric)
{
    strbuf_t cellbuf = {0}, clean = {0}, word = {0};
    for (size_t c = 0; c < t->ncols; c++) {
        /* a header may wrap onto two lines: its longest word is what it needs at least */
        const char *h = S_clean(&clean, t->headers[c]);
        natural[c] = S_width(p, p->bold, size, h) + 10;
        least[c] = S_longest_word(p, p->bold, size, h, &word);
        for (size_t r = 0; r < t->nrows; r++) {
            const report_cell_t *cell = &t->cells[r * t->ncols + c];
            const char *text = S_clean(&clean, S_cell_string(cell, &cellbuf));
            double cw = S_width(p, p->regular, size, text) + 10;
            if (cw > natural[c])
                natural[c] = cw;
            double need = cell->type != CELL_TEXT && cell->type != CELL_EMPTY
                              ? cw /* numbers never wrap */
                              : fmin(word_cap, S_longest_word(p, p->regular, size, text, &word));
            numeric[c] |= cell->type != CELL_TEXT && cell->type != CELL_EMPTY;
            if (need > least[c])
                least[c] = need;
        }
        if (least[c] > natural[c])
            natural[c] = least[c];
    }
    strbuf_clear(&word);
    strbuf_clear(&clean);
    strbuf_clear(&cellbuf);
}

/* A table too wide for avail: widths shared max–min fairly (columns below the fair share keep
 * their width, the others share the rest in proportion to their natural widths), then never
 * below what a column needs at least, taken from the widest. */
static void S_share_widths(size_t ncols, const double *natural, const double *least, double avail,
                           double *w)
{
    int *done = xcalloc(ncols, sizeof(int));
    double left = avail;
    size_t nleft = ncols;
    int changed = 1;
    while (changed && nleft) {
        changed = 0;
        double share = left / (double)nleft;
        for (size_t c = 0; c < ncols; c++) {
            if (!done[c] && natural[c] <= share) {
                w[c] = natural[c];
                done[c] = 1;
                left -= w[c];
                nleft--;
                changed = 1;
            }
        }
    }
    /* the columns wider than the fair share share the rest as their natural widths stand: a
     * long requirement gets more room than a short action */
    double over = 0;
    for (size_t c = 0; c < ncols; c++)
        if (!done[c])
            over += natural[c];
    for (size_t c = 0; c < ncols; c++)
        if (!done[c])
            w[c] = over > 0 ? left * natural[c] / over : left / (double)nleft;
    for (size_t c = 0; c < ncols; c++) {
        if (w[c] >= least[c])
            continue;
        double need = least[c] - w[c];
        w[c] = least[c];
        while (need > 0.01) {
            size_t widest = c;
            for (size_t k = 0; k < ncols; k++)
                if (w[k] - least[k] > w[widest] - least[widest])
                    widest = k;
            double give = w[widest] - least[widest];
            if (give <= 0.01)
                break; /* cannot fit: cells are cut with an ellipsis */
            if (give > need)
                give = need;
            w[widest] -= give;
            need -= give;
        }
    }
    free(done);
}

/* Column widths: every column gets its natural width when the table fits (the spare width to
 * the first, label column); otherwise S_share_widths. */
static void S_widths(pdf_t *p, const report_table_t *t, double size, double avail, double *w,
                     int *numeric)
{
    double *natural = xcalloc(t->ncols, sizeof(double));
    double *least = xcalloc(t->ncols, sizeof(double));
    S_natural_widths(p, t, size, avail * 0.2, natural, least, numeric);
    if (t->shares) { /* a form: the widths its writer asked for */
        for (size_t c = 0; c < t->ncols; c++)
            w[c] = t->shares[c] * avail;
        free(natural);
        free(least);
        return;
    }
    double total = 0;
    for (size_t c = 0; c < t->ncols; c++)
        total += natural[c];
    if (total <= avail) {
        for (size_t c = 0; c < t->ncols; c++)
            w[c] = natural[c];
        if (t->ncols > 1)
            w[0] += avail - total;
    } else {
        S_share_widths(t->ncols, natural, least, avail, w);
    }
    free(natural);
    free(least);
}

/* A table being drawn: its columns and the lines of its header and of the current row. */
typedef struct pdf_table {
    const report_table_t *t;
    double size, lead, pad, avail;
    double *w;
    int *numeric;
    strbuf_t *hl; /* header lines, HEAD_LINES per column */
    size_t *hn;
    double head_h;
    strbuf_t *cl; /* the current row's lines, CELL_LINES per column */
    size_t *cn;
} pdf_table_t;

/* Lays row r out (its cells wrapped into lines); returns its height. */
static double S_row_layout(pdf_t *p, pdf_table_t *pt, size_t r)
{
    const report_table_t *t = pt->t;
    strbuf_t buf = {0};
    size_t lines = 1;
    if (r < t->nrows) {
        for (size_t c = 0; c < t->ncols; c++) {
            const report_cell_t *cell = &t->cells[r * t->ncols + c];
            S_cell_string(cell, &buf);
            int is_text = cell->type == CELL_TEXT || cell->type == CELL_EMPTY;
            pt->cn[c] = S_wrap(p, p->regular, pt->size, strbuf_cstr(&buf), pt->w[c] - 8,
                               &pt->cl[c * CELL_LINES], is_text ? CELL_LINES : 1);
            if (pt->cn[c] > lines)
                lines = pt->cn[c];
        }
    }
    strbuf_clear(&buf);
    double h = (double)lines * pt->lead + pt->pad;
    return t->shares && h < 22 ? 22 : h; /* a form's rows leave room to write */
}

/* The header band (on a new page when the first row would not fit under it). */
static void S_table_header(pdf_t *p, const pdf_table_t *pt, double row_h)
{
    const report_table_t *t = pt->t;
    if (p->y - pt->head_h - row_h < BOTTOM)
        S_new_page(p);
    double x = p->margin;
    S_color(p, p->theme->primary, 1);
    HPDF_Page_Rectangle(p->page, p->margin, (HPDF_REAL)(p->y - pt->head_h), (HPDF_REAL)pt->avail,
                        (HPDF_REAL)pt->head_h);
    HPDF_Page_Fill(p->page);
    S_rgb(p, 1, 1, 1, 1);
    for (size_t c = 0; c < t->ncols; c++) {
        for (size_t k = 0; k < pt->hn[c]; k++) {
            const char *line = strbuf_cstr(&pt->hl[c * HEAD_LINES + k]);
            double tw = S_width(p, p->bold, pt->size, line);
            double tx = pt->numeric[c] ? x + pt->w[c] - 4 - tw : x + 4;
            S_text(p, p->bold, pt->size, tx, p->y - pt->lead * (double)(k + 1) + 1, line);
        }
        x += pt->w[c];
    }
    p->y -= pt->head_h;
}

/* Row r as laid out: its link, zebra band, status fills and lines (numbers right-aligned). */
static void S_table_row(pdf_t *p, const pdf_table_t *pt, size_t r, double row_h)
{
    const report_table_t *t = pt->t;
    if (t->row_links && t->row_links[r] >= 0) /* a section id: its place in this pack */
        S_link(p, p->margin, p->y - row_h, p->margin + pt->avail, p->y,
               report_section_index(p->r, t->row_links[r]));
    double x = p->margin;
    if (r % 2) {
        S_color(p, p->theme->zebra, 1);
        HPDF_Page_Rectangle(p->page, p->margin, (HPDF_REAL)(p->y - row_h), (HPDF_REAL)pt->avail,
                            (HPDF_REAL)row_h);
        HPDF_Page_Fill(p->page);
    }
    for (size_t c = 0; c < t->ncols; c++) {
        const report_cell_t *cell = &t->cells[r * t->ncols + c];
        if (cell->rag != RAG_NONE) {
            S_rag_fill(p, cell->rag);
            HPDF_Page_Rectangle(p->page, (HPDF_REAL)x + 1, (HPDF_REAL)(p->y - row_h + 1),
                                (HPDF_REAL)pt->w[c] - 2, (HPDF_REAL)row_h - 2);
            HPDF_Page_Fill(p->page);
        }
        int right = cell->type != CELL_TEXT && cell->type != CELL_EMPTY;
        S_color(p, p->theme->text, 1);
        for (size_t k = 0; k < pt->cn[c]; k++) {
            const char *line = strbuf_cstr(&pt->cl[c * CELL_LINES + k]);
            double tw = S_width(p, p->regular, pt->size, line);
            S_text(p, p->regular, pt->size, right ? x + pt->w[c] - 4 - tw : x + 4,
                   p->y - pt->lead * (double)(k + 1) + 1, line);
        }
        x += pt->w[c];
    }
    p->y -= row_h;
}

static void S_table(pdf_t *p, const report_table_t *t)
{
    pdf_table_t pt = {t, 8, 10, 4, PAGE_W - 2 * p->margin, NULL, NULL, NULL, NULL, 0, NULL, NULL};
    pt.w = xcalloc(t->ncols, sizeof(double));
    pt.numeric = xcalloc(t->ncols, sizeof(int));
    S_widths(p, t, pt.size, pt.avail, pt.w, pt.numeric);
    /* header lines, computed once */
    pt.hl = xcalloc(t->ncols * HEAD_LINES, sizeof(strbuf_t));
    pt.hn = xcalloc(t->ncols, sizeof(size_t));
    size_t head_lines = 1;
    for (size_t c = 0; c < t->ncols; c++) {
        pt.hn[c] = S_wrap(p, p->bold, pt.size, t->headers[c], pt.w[c] - 8, &pt.hl[c * HEAD_LINES],
                          HEAD_LINES);
        if (pt.hn[c] > head_lines)
            head_lines = pt.hn[c];
    }
    pt.head_h = (double)head_lines * pt.lead + pt.pad;
    pt.cl = xcalloc(t->ncols * CELL_LINES, sizeof(strbuf_t));
    pt.cn = xcalloc(t->ncols, sizeof(size_t));
    if (t->title) {
        S_need(p, 18 + pt.head_h + pt.lead + pt.pad);
        S_color(p, p->theme->text, 1);
        S_text(p, p->bold, 9.5, p->margin, p->y - 10, t->title);
        p->y -= 16;
    }
    int need_header = 1;
    for (size_t r = 0; r < t->nrows || need_header; r++) {
        /* lay the row out first: its height decides whether it fits on this page */
        double row_h = S_row_layout(p, &pt, r);
        if (!need_header && p->y - row_h < BOTTOM) {
            S_new_page(p);
            need_header = 1;
        }
        if (need_header) {
            S_table_header(p, &pt, row_h);
            need_header = 0;
            if (t->nrows == 0) {
                S_color(p, p->theme->muted, 1);
                S_text(p, p->regular, pt.size, p->margin + 4, p->y - pt.lead, "(none)");
                p->y -= pt.lead + pt.pad;
                break;
            }
        }
        if (r >= t->nrows)
            break;
        S_table_row(p, &pt, r, row_h);
    }
    S_rgb(p, 0, 0, 0, 1);
    p->y -= 12;
    for (size_t i = 0; i < t->ncols * HEAD_LINES; i++)
        strbuf_clear(&pt.hl[i]);
    for (size_t i = 0; i < t->ncols * CELL_LINES; i++)
        strbuf_clear(&pt.cl[i]);
    free(pt.hl);
    free(pt.hn);
    free(pt.cl);
    free(pt.cn);
    free(pt.w);
    free(pt.numeric);
}

static void S_chart(pdf_t *p, const chart_spec_t *spec)
{
    const double cw = PAGE_W - 2 * p->margin;
    const double ch = spec->kind == CHART_DONUT ? 150 : spec->kind == CHART_TORNADO ? 190 : 210;
    chart_image_t img;
    diag_t cd = {0};
    if (chart_draw(spec, p->theme, cw, ch, CHART_SCALE, &img, &cd) != ST_OK) {
        if (p->st == ST_OK)
            p->st = diag_set(p->d, ST_INTERNAL, NULL, 0, 0, "%s", cd.message);
        diag_clear(&cd);
        return;
    }
    S_need(p, ch + 10);
    HPDF_Image im = HPDF_LoadRawImageFromMem(p->doc, img.rgb, (HPDF_UINT)img.width,
                                             (HPDF_UINT)img.height, HPDF_CS_DEVICE_RGB, 8);
    if (im)
        HPDF_Page_DrawImage(p->page, im, p->margin, (HPDF_REAL)(p->y - ch), (HPDF_REAL)cw,
                            (HPDF_REAL)ch);
    chart_image_clear(&img);
    p->y -= ch + 12;
}

static HPDF_Destination S_bookmark(pdf_t *p, const char *title)
{
    HPDF_Destination made = NULL;
    strbuf_t sb = {0};
    HPDF_Outline o =
        HPDF_CreateOutline(p->doc, p->root, S_clean_cut(&sb, title, PDF_MAX_META), p->utf8);
    strbuf_clear(&sb);
    if (o) {
        HPDF_Destination dst = HPDF_Page_CreateDestination(p->page);
        if (dst) {
            HPDF_Destination_SetXYZ(dst, 0, (HPDF_REAL)p->y + 30, 1);
            HPDF_Outline_SetDestination(o, dst);
            made = dst;
        }
    }
    return made;
}

/* The theme's logo on its own line below the cover's band, when the theme has one; the
 * organisation's name follows it. */
static void S_cover_logo(pdf_t *p)
{
    const theme_t *th = p->theme;
    const logo_image_t *img = &th->logo_image;
    if (!img->rgb || img->width <= 0 || img->height <= 0)
        return;
    /* decoded and scaled when the theme was loaded (core/logo.h): libharu never parses the
     * file (its PNG reader aborts the process on a damaged one) */
    HPDF_Image logo = HPDF_LoadRawImageFromMem(p->doc, img->rgb, (HPDF_UINT)img->width,
                                               (HPDF_UINT)img->height, HPDF_CS_DEVICE_RGB, 8);
    if (!logo) {
        if (p->st == ST_OK)
            p->st = diag_set(p->d, ST_INTERNAL, th->logo, 0, 0,
                             "libharu could not take the logo (error 0x%04X)", (unsigned)p->error);
        return;
    }
    double w = img->src_width, h = img->src_height;
    if (w > 0 && h > 0) {
        double dh = THEME_LOGO_H_PT, dw = w * dh / h;
        if (dw > THEME_LOGO_W_PT)
            dw = THEME_LOGO_W_PT, dh = h * dw / w;
        HPDF_Page_DrawImage(p->page, logo, (HPDF_REAL)(p->margin + 10),
                            (HPDF_REAL)(PAGE_H - 300 - 20 - dh), (HPDF_REAL)dw, (HPDF_REAL)dh);
        p->y = PAGE_H - 300 - 20 - dh - 34;
    }
}

/* The organisation, the scope, the coverage banner, as-of and what the pack is for. */
static void S_cover_facts(pdf_t *p)
{
    const report_t *r = p->r;
    S_color(p, p->theme->text, 1);
    /* the organisation on up to three lines (a longer name ends with an ellipsis) */
    strbuf_t org[3] = {{0}};
    size_t norg = S_wrap(p, p->bold, 20, r->organization, PAGE_W - 2 * p->margin - 20, org, 3);
    for (size_t i = 0; i < norg; i++) {
        S_text(p, p->bold, 20, p->margin + 10, p->y, strbuf_cstr(&org[i]));
        p->y -= i + 1 < norg ? 24 : 30;
        strbuf_clear(&org[i]);
    }
    if (!norg)
        p->y -= 30;
    if (!STR_EMPTY(r->scope)) {
        S_text(p, p->bold, 10, p->margin + 10, p->y, "Scope of the service management system");
        p->y -= 6;
        S_paragraph(p, r->scope, p->regular, 11, 10, 0.15);
    }
    p->y -= 10;
    if (r->coverage_text) /* docs/metrics.md §9: the banner on the cover */
        S_warning(p, r->coverage_text);
    strbuf_t sb = {0};
    strbuf_printf(&sb, "Data as known at %s (%s).", r->as_of_text, tz_name(r->facts.tz));
    S_paragraph(p, sb.data, p->regular, 10, 10, 0.3);
    strbuf_reset(&sb);
    strbuf_printf(
        &sb, "%s Generated by iso20k %s from %zu input file%s.",
        r->facts.kind_readiness
            ? "Prepared for the audit team and the SMS owner ahead of a stage 1 or stage 2 "
              "certification audit: the verdict first, then the gaps, the documented "
              "information and the evidence the operational data gives."
            : "Prepared for the management review of clause 9.3 with the service reporting "
              "of clause 9.4.",
        ISO20K_VERSION, r->facts.store->nquality, r->facts.store->nquality == 1 ? "" : "s");
    S_paragraph(p, sb.data, p->regular, 10, 10, 0.3);
    strbuf_clear(&sb);
}

/* The table of contents, each line a link to its section. */
static void S_cover_contents(pdf_t *p)
{
    const report_t *r = p->r;
    S_heading(p, "Contents", 1);
    /* one column while it fits above the footer, else two, closer together if need be */
    size_t n = r->nsections, per_col = n;
    double line = 18, avail = p->y - BOTTOM, col_w = PAGE_W - 2 * p->margin;
    if ((double)n * line > avail) {
        per_col = (n + 1) / 2;
        col_w /= 2;
        if ((double)per_col * line > avail)
            line = fmax(12, avail / (double)per_col);
    }
    strbuf_t fit = {0};
    double top = p->y;
    for (size_t i = 0; i < n; i++) {
        double x = p->margin + col_w * (double)(i / per_col);
        double y = top - line * (double)(i % per_col);
        char num[24];
        snprintf(num, sizeof num, "%zu.", i + 1);
        S_text(p, p->regular, 11, x + 10, y - 11, num);
        S_fit(p, p->regular, 11, r->sections[i].title, col_w - 40, &fit);
        S_text(p, p->regular, 11, x + 32, y - 11, strbuf_cstr(&fit));
        S_link(p, x + 8, y - 15, x + fmin(300, col_w - 4), y + 1, (int)i);
    }
    strbuf_clear(&fit);
    p->y = top - line * (double)per_col;
}

static void S_cover(pdf_t *p)
{
    const report_t *r = p->r;
    S_new_page(p);
    S_bookmark(p, "Cover");
    S_color(p, p->theme->primary, 1);
    HPDF_Page_Rectangle(p->page, 0, PAGE_H - 300, PAGE_W, 300);
    HPDF_Page_Fill(p->page);
    S_rgb(p, 1, 1, 1, 1);
    S_text(p, p->regular, 13, p->margin + 10, PAGE_H - 120,
           "ISO/IEC 20000-1:2018 service management system");
    S_text(p, p->bold, 28, p->margin + 10, PAGE_H - 165, r->title);
    S_text(p, p->regular, 16, p->margin + 10, PAGE_H - 200, r->period_text);
    p->y = PAGE_H - 350;
    S_cover_logo(p);
    S_cover_facts(p);
    p->y -= 20;
    S_cover_contents(p);
}

static void S_running(pdf_t *p)
{
    const report_t *r = p->r;
    strbuf_t sb = {0}, fit = {0};
    for (size_t i = 0; i < p->npages; i++) {
        p->page = p->pages[i];
        S_color(p, p->theme->muted, 1);
        strbuf_reset(&sb);
        strbuf_printf(&sb, "%s — %s", r->organization, STR_EMPTY(r->scope) ? r->title : r->scope);
        if (i > 0) {
            S_fit(p, p->regular, 8, sb.data, PAGE_W - 2 * p->margin - 150, &fit);
            S_text(p, p->regular, 8, p->margin, PAGE_H - 30, strbuf_cstr(&fit));
            const char *pl = r->facts.period_label;
            S_text(p, p->bold, 8, PAGE_W - p->margin - S_width(p, p->bold, 8, pl), PAGE_H - 30, pl);
            S_rgb(p, 0.8, 0.8, 0.83, 0);
            HPDF_Page_SetLineWidth(p->page, 0.5);
            HPDF_Page_MoveTo(p->page, p->margin, PAGE_H - 36);
            HPDF_Page_LineTo(p->page, PAGE_W - p->margin, PAGE_H - 36);
            HPDF_Page_Stroke(p->page);
        }
        if (r->banner) {
            S_rgb(p, 0.97, 0.78, 0.76, 1);
            HPDF_Page_Rectangle(p->page, p->margin, PAGE_H - 56, PAGE_W - 2 * p->margin, 16);
            HPDF_Page_Fill(p->page);
            S_rgb(p, 0.5, 0.05, 0.05, 1);
            S_fit(p, p->bold, 7.5, r->banner, PAGE_W - 2 * p->margin - 8, &fit);
            S_text(p, p->bold, 7.5, p->margin + 4, PAGE_H - 51, strbuf_cstr(&fit));
        }
        S_color(p, p->theme->muted, 1);
        strbuf_reset(&sb);
        strbuf_printf(&sb, "%s · %s · period %s · data as at %s", r->title, r->organization,
                      r->facts.period_label, r->as_of_text);
        S_fit(p, p->regular, 7.5, sb.data, PAGE_W - 2 * p->margin - 80, &fit);
        S_text(p, p->regular, 7.5, p->margin, 30, strbuf_cstr(&fit));
        strbuf_reset(&sb);
        strbuf_printf(&sb, "Page %zu of %zu", i + 1, p->npages);
        S_text(p, p->regular, 7.5, PAGE_W - p->margin - S_width(p, p->regular, 7.5, sb.data), 30,
               sb.data);
    }
    strbuf_clear(&sb);
    strbuf_clear(&fit);
}

static status_t S_load_font(pdf_t *p, const char *file, HPDF_Font *out)
{
    strbuf_t path = {0};
    char *full = theme_font_path(file);
    strbuf_puts(&path, full);
    free(full);
    FILE *f = fopen(path.data, "rb");
    if (!f) {
        status_t st = diag_set(p->d, ST_INTERNAL, path.data, 0, 0,
                               "font not found (install "
                               "fonts-dejavu-core, or set ISO20K_FONT_DIR)");
        strbuf_clear(&path);
        return st;
    }
    /* a theme's fonts were checked when it was loaded; the built-in ones (from
     * ISO20K_FONT_DIR, say) are checked here, for libharu trusts what it reads */
    strbuf_t bytes = {0};
    char buf[65536];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, f)) > 0 && bytes.len <= TTF_MAX_BYTES)
        strbuf_append(&bytes, buf, n);
    fclose(f);
    const char *bad = NULL;
    int ok = ttf_check((const unsigned char *)strbuf_cstr(&bytes), bytes.len, &bad) == 0;
    strbuf_clear(&bytes);
    if (!ok) {
        status_t st = diag_set(p->d, ST_INTERNAL, path.data, 0, 0,
                               "not a TrueType font the PDF can embed: %s", bad);
        strbuf_clear(&path);
        return st;
    }
    const char *name = HPDF_LoadTTFontFromFile(p->doc, path.data, HPDF_TRUE);
    strbuf_clear(&path);
    *out = name ? HPDF_GetFont(p->doc, name, "UTF-8") : NULL;
    if (!*out)
        return diag_set(p->d, ST_INTERNAL, NULL, 0, 0,
                        "libharu could not load the font %s "
                        "(error 0x%04X)",
                        file, (unsigned)p->error);
    return ST_OK;
}

/* Document information; the dates are the as-of time, so output is reproducible. */
static void S_info(pdf_t *p)
{
    const report_t *r = p->r;
    HPDF_SetInfoAttr(p->doc, HPDF_INFO_CREATOR, "iso20k " ISO20K_VERSION);
    strbuf_t sb = {0}, clean = {0};
    strbuf_printf(&sb, "%s %s", r->title, r->facts.period_label);
    HPDF_SetInfoAttr(p->doc, HPDF_INFO_TITLE, S_clean_cut(&clean, sb.data, PDF_MAX_META));
    HPDF_SetInfoAttr(p->doc, HPDF_INFO_AUTHOR, S_clean_cut(&clean, r->organization, PDF_MAX_META));
    strbuf_reset(&sb);
    strbuf_printf(&sb, "ISO/IEC 20000-1 %s, period %s",
                  r->facts.kind_readiness ? "pre-audit readiness" : "management review",
                  r->facts.period_label);
    HPDF_SetInfoAttr(p->doc, HPDF_INFO_SUBJECT, S_clean_cut(&clean, sb.data, PDF_MAX_META));
    HPDF_SetInfoAttr(p->doc, HPDF_INFO_KEYWORDS,
                     "ISO/IEC 20000-1, service management, management review, SLA, "
                     "availability, customer satisfaction");
    strbuf_clear(&sb);
    strbuf_clear(&clean);
    HPDF_SetInfoAttr(p->doc, HPDF_INFO_PRODUCER, "iso20k with libharu");
    int64_t local = tz_utc_to_local(r->facts.tz, r->facts.metrics->period.as_of);
    int off = tz_offset_at(r->facts.tz, r->facts.metrics->period.as_of);
    int64_t y;
    int mo, dd;
    civil_from_days(floor_div(local, 86400), &y, &mo, &dd);
    int64_t secs = local - floor_div(local, 86400) * 86400;
    HPDF_Date date = {(HPDF_INT)y,
                      mo,
                      dd,
                      (HPDF_INT)(secs / 3600),
                      (HPDF_INT)(secs / 60 % 60),
                      (HPDF_INT)(secs % 60),
                      off < 0   ? '-'
                      : off > 0 ? '+'
                                : 'Z',
                      abs(off) / 3600,
                      abs(off) / 60 % 60};
    HPDF_SetInfoDateAttr(p->doc, HPDF_INFO_CREATION_DATE, date);
    HPDF_SetInfoDateAttr(p->doc, HPDF_INFO_MOD_DATE, date);
}

/* Every section on new pages: its bookmark, numbered heading and blocks. */
static void S_sections(pdf_t *p)
{
    const report_t *r = p->r;
    for (size_t i = 0; i < r->nsections && !p->error; i++) {
        const report_section_t *sec = &r->sections[i];
        S_new_page(p);
        p->section_dst[i] = S_bookmark(p, sec->title);
        char title[256];
        snprintf(title, sizeof title, "%zu. %s", i + 1, sec->title);
        S_heading(p, title, 0);
        for (size_t b = 0; b < sec->nblocks; b++) {
            const report_block_t *blk = &sec->blocks[b];
            switch (blk->kind) {
            case BLOCK_PARAGRAPH:
                S_paragraph(p, blk->text, p->regular, 9.5, 0, 0.1);
                break;
            case BLOCK_NOTE:
                S_paragraph(p, blk->text, p->regular, 8.5, 0, 0.4);
                break;
            case BLOCK_WARNING:
                S_warning(p, blk->text);
                break;
            case BLOCK_TABLE:
                if (!blk->table->sheet_only) /* a full listing: the workbook's */
                    S_table(p, blk->table);
                break;
            case BLOCK_CHART:
                S_chart(p, blk->chart);
                break;
            }
        }
    }
}

/* The links from the contents and the summary to the sections, made once every section has
 * its page. */
static void S_links(pdf_t *p)
{
    for (size_t i = 0; i < p->nlinks; i++) {
        HPDF_Destination dst = p->section_dst[p->links[i].section];
        if (!dst)
            continue;
        HPDF_Annotation a = HPDF_Page_CreateLinkAnnot(p->links[i].page, p->links[i].rect, dst);
        if (a)
            HPDF_LinkAnnot_SetBorderStyle(a, 0, 0, 0);
    }
}

/* The finished document into out. */
static void S_save(pdf_t *p, strbuf_t *out)
{
    if (HPDF_SaveToStream(p->doc) != HPDF_OK)
        return;
    HPDF_ResetStream(p->doc);
    for (;;) {
        HPDF_BYTE buf[65536];
        HPDF_UINT32 n = sizeof buf;
        HPDF_STATUS rs = HPDF_ReadFromStream(p->doc, buf, &n);
        strbuf_append(out, (const char *)buf, n);
        if (rs == HPDF_STREAM_EOF || n == 0)
            break;
        if (rs != HPDF_OK)
            break;
    }
}

status_t render_pdf(const report_t *r, strbuf_t *out, diag_t *d)
{
    pdf_t pv = {0};
    pdf_t *p = &pv;
    p->r = r;
    p->d = d;
    p->theme = &r->facts.cfg->look;
    p->margin = p->theme->margin_pt;
    p->doc = HPDF_New(S_on_error, p);
    if (!p->doc)
        return diag_set(d, ST_NOMEM, NULL, 0, 0, "libharu could not create a document");
    status_t st = ST_OK;
    HPDF_SetCompressionMode(p->doc, HPDF_COMP_ALL);
    HPDF_UseUTFEncodings(p->doc);
    HPDF_SetCurrentEncoder(p->doc, "UTF-8");
    p->utf8 = HPDF_GetEncoder(p->doc, "UTF-8");
    if ((st = S_load_font(p, p->theme->font_regular, &p->regular)) != ST_OK ||
        (st = S_load_font(p, p->theme->font_bold, &p->bold)) != ST_OK)
        goto done;
    HPDF_SetPageMode(p->doc, HPDF_PAGE_MODE_USE_OUTLINE);
    strbuf_t root = {0};
    p->root = HPDF_CreateOutline(p->doc, NULL, S_clean_cut(&root, r->title, PDF_MAX_META), p->utf8);
    strbuf_clear(&root);
    if (p->root)
        HPDF_Outline_SetOpened(p->root, HPDF_TRUE);
    S_info(p);
    p->section_dst = xcalloc(r->nsections ? r->nsections : 1, sizeof *p->section_dst);
    S_cover(p);
    S_sections(p);
    if (st == ST_OK)
        st = p->st;
    S_running(p);
    S_links(p);
    if (st == ST_OK && !p->error)
        S_save(p, out);
    if (st == ST_OK && p->error)
        st = diag_set(d, ST_INTERNAL, NULL, 0, 0, "libharu failed (error 0x%04X, detail %u)",
                      (unsigned)p->error, (unsigned)p->detail);
done:
    HPDF_Free(p->doc);
    free(p->pages);
    free(p->links);
    free(p->section_dst);
    return st;
}

/* The characters the pack's own words use beyond ASCII, drawn with the font on trial. */
static const char FONT_SAMPLE[] = "Aa0 Ünïcödé — – … − ± · € → ✓ %";

int render_pdf_font_check(const char *path, strbuf_t *why)
{
    pdf_t pv = {0};
    pdf_t *p = &pv;
    p->doc = HPDF_New(S_on_error, p);
    if (!p->doc) {
        strbuf_puts(why, "libharu could not create a document");
        return -1;
    }
    HPDF_SetCompressionMode(p->doc, HPDF_COMP_ALL);
    HPDF_UseUTFEncodings(p->doc);
    HPDF_SetCurrentEncoder(p->doc, "UTF-8");
    const char *name = HPDF_LoadTTFontFromFile(p->doc, path, HPDF_TRUE);
    HPDF_Font font = name ? HPDF_GetFont(p->doc, name, "UTF-8") : NULL;
    strbuf_t out = {0};
    if (font && (p->page = HPDF_AddPage(p->doc)) != NULL) {
        S_text(p, font, 12, 50, 50, FONT_SAMPLE);
        S_save(p, &out);
    }
    /* the font is in the file: a FontFile2 stream (libharu has no other way to say it) */
    int ok = 0;
    static const char tag[] = "/FontFile2";
    for (size_t i = 0; font && !p->error && i + sizeof tag - 1 <= out.len && !ok; i++)
        ok = !memcmp(out.data + i, tag, sizeof tag - 1);
    if (!ok)
        strbuf_printf(why, "libharu cannot embed it in the PDF (error 0x%04X)", (unsigned)p->error);
    strbuf_clear(&out);
    HPDF_Free(p->doc);
    return ok ? 0 : -1;
}
