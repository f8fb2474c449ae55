/*
 * sheet — the row builder and the format-independent cell rules of docs/spreadsheets.md (numbers as
 * text, serial dates, durations, number-format classes), and the XML readers' count of the bytes
 * their streams parsed. Pure functions and buffers: it opens and reads nothing.
 */
#include "input/sheet.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "input/timeparse.h"
#include "input/zipxml.h"

/* ---- warnings ---- */

void sheet_warn(sheet_warnings_t *w, const char *reason, size_t line, size_t column,
                const char *sheet, const char *note)
{
    sheet_warn_n(w, reason, 1, line, column, sheet, note);
}

void sheet_warnings_clear(sheet_warnings_t *w)
{
    w->n = 0;
}

void sheet_warn_n(sheet_warnings_t *w, const char *reason, size_t count, size_t line, size_t column,
                  const char *sheet, const char *note)
{
    for (size_t i = 0; i < w->n; i++)
        if (w->items[i].reason == reason || !strcmp(w->items[i].reason, reason)) {
            w->items[i].count += count;
            return;
        }
    xgrow((void **)&w->items, &w->cap, w->n + 1, sizeof *w->items);
    rows_warning_t *e = &w->items[w->n++];
    memset(e, 0, sizeof *e);
    e->reason = reason;
    e->count = count;
    e->line = line;
    e->column = column;
    e->sheet = sheet;
    if (note)
        snprintf(e->note, sizeof e->note, "%s", note);
}

void sheet_warnings_free(sheet_warnings_t *w)
{
    free(w->items);
    memset(w, 0, sizeof *w);
}

/* ---- XML streams ---- */

void sheet_xml_end(sheet_xml_t *x)
{
    x->bytes_done += xmlstream_bytes(x->xs);
    xmlstream_close(x->xs);
    x->xs = NULL;
}

uint64_t sheet_xml_bytes(void *impl)
{
    const sheet_xml_t *x = impl;
    return x->bytes_done + xmlstream_bytes(x->xs);
}

/* ---- rows ---- */

void sheet_row_reset(sheet_row_t *r, size_t row)
{
    for (size_t c = 0; c < r->ncols; c++) {
        r->starts[c] = 0;
        r->lens[c] = 0;
        r->types[c] = ROWS_CELL_EMPTY;
        r->values[c] = 0;
    }
    r->row = row;
    r->ncols = 0;
    r->nonempty = 0;
    r->too_long = 0;
    strbuf_reset(&r->text);
    strbuf_append(&r->text, "", 1); /* offset 0: the empty cell */
}

static void S_grow(sheet_row_t *r, size_t need)
{
    if (need <= r->cap)
        return;
    size_t cap = r->cap ? r->cap : 32;
    while (cap < need)
        cap *= 2;
    r->starts = xrealloc(r->starts, cap * sizeof *r->starts);
    r->lens = xrealloc(r->lens, cap * sizeof *r->lens);
    r->types = xrealloc(r->types, cap * sizeof *r->types);
    r->values = xrealloc(r->values, cap * sizeof *r->values);
    memset(r->starts + r->cap, 0, (cap - r->cap) * sizeof *r->starts);
    memset(r->lens + r->cap, 0, (cap - r->cap) * sizeof *r->lens);
    memset(r->types + r->cap, 0, (cap - r->cap) * sizeof *r->types);
    memset(r->values + r->cap, 0, (cap - r->cap) * sizeof *r->values);
    r->cap = cap;
}

void sheet_row_set(sheet_row_t *r, size_t col, rows_cell_t type, const char *s, size_t len,
                   int64_t value)
{
    if (!r->text.data)
        sheet_row_reset(r, r->row);
    S_grow(r, col + 1);
    if (col >= r->ncols)
        r->ncols = col + 1;
    if (len > CSV_MAX_FIELD) {
        len = CSV_MAX_FIELD;
        r->too_long = 1;
    }
    if (r->starts[col] && r->lens[col])
        r->nonempty--; /* replaced */
    if (len) {
        r->starts[col] = r->text.len;
        if (r->text.len + len + 2 <= r->text.cap) {
            memcpy(r->text.data + r->text.len, s, len);
            r->text.len += len + 1;
            r->text.data[r->text.len - 1] = '\0';
            r->text.data[r->text.len] = '\0';
        } else {
            strbuf_append(&r->text, s, len);
            strbuf_append(&r->text, "", 1);
        }
        r->nonempty++;
    } else {
        r->starts[col] = 0;
    }
    r->lens[col] = len;
    r->types[col] = (unsigned char)type;
    r->values[col] = value;
}

void sheet_row_set_value(sheet_row_t *r, size_t col, rows_cell_t type, int64_t value)
{
    char buf[40];
    if (type == ROWS_CELL_DATETIME)
        sheet_datetime_text(value, buf);
    else if (type == ROWS_CELL_DURATION)
        sheet_duration_text(value, buf);
    else
        snprintf(buf, sizeof buf, "%s", value ? "TRUE" : "FALSE");
    sheet_row_set(r, col, type, buf, strlen(buf), value);
}

void sheet_row_finish(sheet_row_t *r, rows_record_t *rec)
{
    if (!r->text.data)
        sheet_row_reset(r, r->row);
    xgrow((void **)&r->fields, &r->capfields, r->ncols ? r->ncols : 1, sizeof *r->fields);
    for (size_t c = 0; c < r->ncols; c++)
        r->fields[c] = r->text.data + r->starts[c];
    memset(rec, 0, sizeof *rec);
    rec->nfields = r->ncols;
    rec->fields = r->fields;
    rec->lens = r->lens;
    rec->types = r->types;
    rec->values = r->values;
    rec->line = rec->end_line = r->row;
    rec->too_long = r->too_long;
}

void sheet_row_free(sheet_row_t *r)
{
    free(r->starts);
    free(r->lens);
    free(r->types);
    free(r->values);
    free(r->fields);
    strbuf_clear(&r->text);
    memset(r, 0, sizeof *r);
}

/* ---- cell rules ---- */

int sheet_parse_number(const char *s, size_t len, double *out)
{
    /* Clinger's fast path: a mantissa below 2^53 divided by an exact power of ten (≤ 10^22)
     * is one correctly rounded operation, so it equals strtod's result */
    static const double POW10[] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,
                                   1e8,  1e9,  1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
                                   1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};
    size_t i = 0;
    int neg = 0;
    if (i < len && (s[i] == '-' || s[i] == '+'))
        neg = s[i++] == '-';
    uint64_t m = 0;
    size_t digits = 0, frac = 0;
    int dot = 0, ok = i < len;
    for (; i < len && ok; i++) {
        char c = s[i];
        if (c >= '0' && c <= '9') {
            if (m > (UINT64_C(1) << 53) / 10) {
                ok = 0;
                break;
            }
            m = m * 10 + (uint64_t)(c - '0');
            digits++;
            frac += (size_t)dot;
        } else if (c == '.' && !dot) {
            dot = 1;
        } else {
            ok = 0;
        }
    }
    if (ok && digits && m < (UINT64_C(1) << 53) && frac <= 22) {
        double v = (double)m / POW10[frac];
        *out = neg ? -v : v;
        return 0;
    }
    /* exponents, long mantissas, anything else: strtod on a terminated copy */
    char buf[64];
    char *tmp = len < sizeof buf ? buf : xmalloc(len + 1);
    memcpy(tmp, s, len);
    tmp[len] = '\0';
    char *end;
    double v = strtod(tmp, &end);
    int rc = (end != tmp && *end == '\0' && len) ? 0 : -1;
    if (tmp != buf)
        free(tmp);
    if (rc == 0)
        *out = v;
    return rc;
}

const char *sheet_number_text(double v, int digits, char buf[40])
{
    if (!isfinite(v)) {
        snprintf(buf, 40, "%s", isnan(v) ? "NaN" : v > 0 ? "Infinity" : "-Infinity");
        return buf;
    }
    if (v == 0) { /* also -0 */
        snprintf(buf, 40, "0");
        return buf;
    }
    if (v == floor(v) && fabs(v) < 1e17) {
        /* ids and counts: every whole number below 1e17 is exact in a double */
        char tmp[24];
        size_t n = 0;
        uint64_t u = (uint64_t)fabs(v);
        do
            tmp[n++] = (char)('0' + u % 10);
        while ((u /= 10) != 0);
        size_t o = 0;
        if (v < 0)
            buf[o++] = '-';
        while (n)
            buf[o++] = tmp[--n];
        buf[o] = '\0';
        return buf;
    }
    for (int p = 1; p <= digits; p++) {
        snprintf(buf, 40, "%.*g", p, v);
        if (p == digits || strtod(buf, NULL) == v)
            break;
    }
    return buf;
}

int sheet_serial_to_local(double serial, int date1904, int64_t *seconds)
{
    /* 2958466 is 10000-01-01 in the 1900 system: Excel's last date is the day before */
    if (!isfinite(serial) || serial < 0 || serial >= 2958466.0)
        return -1;
    int64_t secs = llround(serial * 86400.0);
    int64_t day = secs / 86400, sod = secs % 86400;
    int64_t days;
    if (date1904)
        days = days_from_civil(1904, 1, 1) + day;
    else if (day >= 61)
        days = days_from_civil(1899, 12, 30) + day;
    else if (day == 60)
        days = days_from_civil(1900, 3, 1); /* the nonexistent 1900-02-29 */
    else
        days = days_from_civil(1899, 12, 31) + day; /* 1 = 1900-01-01 */
    *seconds = days * 86400 + sod;
    return 0;
}

const char *sheet_datetime_text(int64_t seconds, char buf[40])
{
    int64_t days = floor_div(seconds, 86400), sod = seconds - days * 86400;
    int64_t y;
    int m, d;
    civil_from_days(days, &y, &m, &d);
    if (y < 0 || y > 9999) {
        snprintf(buf, 40, "%04lld-%02d-%02d %02d:%02d:%02d", (long long)y, m, d, (int)(sod / 3600),
                 (int)(sod / 60 % 60), (int)(sod % 60));
        return buf;
    }
    /* by hand: a sheet can hold a million of these */
    int parts[6] = {(int)y, m, d, (int)(sod / 3600), (int)(sod / 60 % 60), (int)(sod % 60)};
    char *o = buf;
    *o++ = (char)('0' + parts[0] / 1000), *o++ = (char)('0' + parts[0] / 100 % 10);
    *o++ = (char)('0' + parts[0] / 10 % 10), *o++ = (char)('0' + parts[0] % 10);
    static const char seps[] = "?-- ::"; /* before parts 1 to 5 */
    for (int i = 1; i < 6; i++) {
        *o++ = seps[i];
        *o++ = (char)('0' + parts[i] / 10), *o++ = (char)('0' + parts[i] % 10);
    }
    *o = '\0';
    return buf;
}

const char *sheet_duration_text(int64_t seconds, char buf[40])
{
    const char *sign = seconds < 0 ? "-" : "";
    uint64_t s = seconds < 0 ? (uint64_t)0 - (uint64_t)seconds : (uint64_t)seconds;
    snprintf(buf, 40, "%s%llu:%02u:%02u", sign, (unsigned long long)(s / 3600),
             (unsigned)(s / 60 % 60), (unsigned)(s % 60));
    return buf;
}

size_t sheet_utf8_bmp(unsigned cp, char *out)
{
    if (cp < 0x80) {
        out[0] = (char)cp;
        return 1;
    }
    if (cp < 0x800) {
        out[0] = (char)(0xC0 | cp >> 6);
        out[1] = (char)(0x80 | (cp & 0x3F));
        return 2;
    }
    out[0] = (char)(0xE0 | cp >> 12);
    out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
    out[2] = (char)(0x80 | (cp & 0x3F));
    return 3;
}

sheet_fmt_t sheet_builtin_kind(long id)
{
    if ((id >= 14 && id <= 17) || id == 22 || (id >= 27 && id <= 36) || (id >= 50 && id <= 58))
        return SHEET_FMT_DATE;
    if ((id >= 18 && id <= 21) || (id >= 45 && id <= 47))
        return SHEET_FMT_DURATION;
    if (id == 9 || id == 10)
        return SHEET_FMT_PERCENT;
    return SHEET_FMT_GENERAL;
}

static int S_prefix_ci(const char *s, const char *word)
{
    for (; *word; s++, word++)
        if (tolower((unsigned char)*s) != *word)
            return 0;
    return 1;
}

sheet_fmt_t sheet_format_kind(const char *code)
{
    if (!code)
        return SHEET_FMT_GENERAL;
    /* the date and time letters of the first section, one token per run of a letter */
    char tok[64];
    size_t ntok = 0;
    int percent = 0, elapsed = 0, ampm = 0;
    for (const char *p = code; *p && *p != ';'; p++) {
        char c = (char)tolower((unsigned char)*p);
        if (*p == '"') {
            while (p[1] && p[1] != '"')
                p++;
            if (p[1])
                p++;
        } else if (*p == '\\' || *p == '_' || *p == '*') {
            if (p[1])
                p++;
        } else if (*p == '[') {
            const char *close = strchr(p, ']');
            if (!close)
                break;
            int hms = close > p + 1;
            for (const char *q = p + 1; q < close; q++)
                if (!strchr("hHmMsS", *q))
                    hms = 0;
            if (hms) {
                elapsed = 1; /* [h], [mm], [ss]: elapsed time */
                if (ntok < sizeof tok)
                    tok[ntok++] = (char)tolower((unsigned char)p[1]);
            }
            p = close;
        } else if (*p == '%') {
            percent = 1;
        } else if (S_prefix_ci(p, "am/pm")) {
            ampm = 1;
            p += 4;
        } else if (S_prefix_ci(p, "a/p")) {
            ampm = 1;
            p += 2;
        } else if (S_prefix_ci(p, "general")) {
            p += 6;
        } else if (c == 'y' || c == 'd' || c == 'm' || c == 'h' || c == 's') {
            if ((p == code || tolower((unsigned char)p[-1]) != c) && ntok < sizeof tok)
                tok[ntok++] = c; /* the start of a run ("yyyy" is one token) */
        }
    }
    int date = 0, time = elapsed || ampm;
    for (size_t i = 0; i < ntok; i++) {
        char c = tok[i];
        if (c == 'y' || c == 'd')
            date = 1;
        else if (c == 'h' || c == 's')
            time = 1;
        else { /* m: minutes after an hour or before a second, else the month */
            int minutes = (i > 0 && tok[i - 1] == 'h') || (i + 1 < ntok && tok[i + 1] == 's');
            if (minutes)
                time = 1;
            else
                date = 1;
        }
    }
    return date      ? SHEET_FMT_DATE
           : time    ? SHEET_FMT_DURATION
           : percent ? SHEET_FMT_PERCENT
                     : SHEET_FMT_GENERAL;
}
