/*
 * csv — streaming reader. One pass over a 64 KiB buffer with a four-state machine; a record's
 * fields are gathered in one growable buffer and cut into NUL-terminated strings at its end.
 */
#include "input/csv.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "core/sha256.h"
#include "core/util.h"

#define CSV_BUF (64 * 1024)

struct csv {
    FILE *f;
    int owns_file;
    char delim;
    unsigned char buf[CSV_BUF];
    size_t pos, len;
    int eof, error, started;
    size_t line;      /* current physical line, 1-based */
    int last_cr;      /* previous byte was CR: an LF now belongs to the same line end */
    sha256_t sha;
    char hex[65];
    int hashed;
    size_t bytes;
    strbuf_t row;     /* field bytes, each followed by a NUL */
    size_t *starts;   /* offsets of fields in row */
    size_t nstarts, capstarts;
    char **fields;
    size_t *lens;
    size_t capfields;
};

static void S_init(csv_t *c, const csv_options_t *opt)
{
    c->delim = opt ? opt->delimiter : 0;
    c->line = 1;
    sha256_init(&c->sha);
}

status_t csv_open(const char *path, const csv_options_t *opt, csv_t **out, diag_t *d)
{
    *out = NULL;
    FILE *f = fopen(path, "rb");
    if (!f)
        return diag_set(d, ST_NOINPUT, path, 0, 0, "cannot open input file: %s", strerror(errno));
    csv_t *c = csv_open_stream(f, opt);
    c->owns_file = 1;
    *out = c;
    return ST_OK;
}

csv_t *csv_open_stream(FILE *f, const csv_options_t *opt)
{
    csv_t *c = xcalloc(1, sizeof(*c));
    c->f = f;
    S_init(c, opt);
    return c;
}

static int S_fill(csv_t *c)
{
    if (c->eof)
        return 0;
    c->len = fread(c->buf, 1, CSV_BUF, c->f);
    c->pos = 0;
    if (c->len == 0) {
        if (ferror(c->f))
            c->error = 1;
        c->eof = 1;
        return 0;
    }
    sha256_update(&c->sha, c->buf, c->len);
    c->bytes += c->len;
    return 1;
}

/* Picks the delimiter that occurs most often outside quotes in the first line. */
static void S_sniff(csv_t *c)
{
    size_t counts[3] = {0, 0, 0};
    static const char cand[3] = {',', ';', '\t'};
    int inq = 0;
    for (size_t i = c->pos; i < c->len; i++) {
        unsigned char ch = c->buf[i];
        if (ch == '"')
            inq = !inq;
        else if (!inq && (ch == '\n' || ch == '\r'))
            break;
        else if (!inq)
            for (int k = 0; k < 3; k++)
                counts[k] += ch == (unsigned char)cand[k];
    }
    int best = 0;
    for (int k = 1; k < 3; k++)
        if (counts[k] > counts[best])
            best = k;
    c->delim = cand[best];
}

static void S_field_start(csv_t *c)
{
    xgrow((void **)&c->starts, &c->capstarts, c->nstarts + 1, sizeof(size_t));
    c->starts[c->nstarts++] = c->row.len;
}

static void S_field_end(csv_t *c) { strbuf_putc(&c->row, '\0'); }

static void S_put(csv_t *c, unsigned char ch)
{
    if (ch == 0)
        strbuf_append(&c->row, "\xEF\xBF\xBD", 3); /* U+FFFD for a NUL byte */
    else
        strbuf_putc(&c->row, (char)ch);
}

int csv_next(csv_t *c, csv_record_t *rec)
{
    enum { FIELD_START, UNQUOTED, QUOTED, QUOTE_IN_QUOTED } st;
    for (;;) {
        if (!c->started) {
            c->started = 1;
            if (!S_fill(c))
                return c->error ? -1 : 0;
            if (c->len >= 3 && memcmp(c->buf, "\xEF\xBB\xBF", 3) == 0)
                c->pos = 3;
            if (!c->delim)
                S_sniff(c);
        }
        strbuf_reset(&c->row);
        c->nstarts = 0;
        st = FIELD_START;
        size_t start_line = c->line;
        int any = 0; /* saw any byte of this record (other than its line end) */
        int done = 0;
        while (!done) {
            if (c->pos >= c->len && !S_fill(c)) {
                if (c->error)
                    return -1;
                if (!any)
                    return 0;
                break; /* last record without a line end */
            }
            unsigned char ch = c->buf[c->pos++];
            if (ch == '\n' && c->last_cr) {
                c->last_cr = 0;
                continue; /* the LF of a CRLF: the line was already counted at the CR */
            }
            c->last_cr = ch == '\r';
            int newline = ch == '\n' || ch == '\r';
            switch (st) {
            case FIELD_START:
                if (ch == '"') {
                    S_field_start(c);
                    st = QUOTED;
                    any = 1;
                } else if (ch == (unsigned char)c->delim) {
                    S_field_start(c);
                    S_field_end(c);
                    any = 1;
                } else if (newline) {
                    c->line++;
                    if (any) {
                        S_field_start(c); /* trailing empty field after a delimiter */
                        S_field_end(c);
                        done = 1;
                    } else {
                        start_line = c->line; /* blank line: skipped */
                    }
                } else {
                    S_field_start(c);
                    S_put(c, ch);
                    st = UNQUOTED;
                    any = 1;
                }
                break;
            case UNQUOTED:
                if (ch == (unsigned char)c->delim) {
                    S_field_end(c);
                    st = FIELD_START;
                } else if (newline) {
                    c->line++;
                    S_field_end(c);
                    done = 1;
                } else {
                    S_put(c, ch);
                }
                break;
            case QUOTED:
                if (ch == '"') {
                    st = QUOTE_IN_QUOTED;
                } else {
                    if (newline) {
                        c->line++;
                        if (ch == '\r') { /* keep CRLF inside a field as a single LF */
                            S_put(c, '\n');
                            break;
                        }
                    }
                    S_put(c, ch);
                }
                break;
            case QUOTE_IN_QUOTED:
                if (ch == '"') {
                    S_put(c, '"');
                    st = QUOTED;
                } else if (ch == (unsigned char)c->delim) {
                    S_field_end(c);
                    st = FIELD_START;
                } else if (newline) {
                    c->line++;
                    S_field_end(c);
                    done = 1;
                } else {
                    /* text after a closing quote: keep it, as spreadsheets do */
                    S_put(c, ch);
                    st = UNQUOTED;
                }
                break;
            }
        }
        if (!done) { /* end of file inside a record */
            if (st == FIELD_START)
                S_field_start(c);
            S_field_end(c);
        }
        xgrow((void **)&c->fields, &c->capfields, c->nstarts, sizeof(char *));
        size_t capl = 0;
        (void)capl;
        c->lens = xrealloc(c->lens, (c->nstarts ? c->nstarts : 1) * sizeof(size_t));
        for (size_t i = 0; i < c->nstarts; i++) {
            c->fields[i] = c->row.data + c->starts[i];
            size_t endoff = i + 1 < c->nstarts ? c->starts[i + 1] - 1 : c->row.len - 1;
            c->lens[i] = endoff - c->starts[i];
        }
        rec->nfields = c->nstarts;
        rec->fields = c->fields;
        rec->lens = c->lens;
        rec->line = start_line;
        rec->end_line = done ? c->line - 1 : c->line;
        if (rec->end_line < start_line)
            rec->end_line = start_line;
        return 1;
    }
}

char csv_delimiter(const csv_t *c) { return c->delim ? c->delim : ','; }

const char *csv_sha256(csv_t *c)
{
    if (!c->hashed) {
        while (S_fill(c))
            ;
        sha256_final_hex(&c->sha, c->hex);
        c->hashed = 1;
    }
    return c->hex;
}

size_t csv_bytes(const csv_t *c) { return c->bytes; }

void csv_close(csv_t *c)
{
    if (!c)
        return;
    if (c->owns_file && c->f)
        fclose(c->f);
    strbuf_free(&c->row);
    free(c->starts);
    free(c->fields);
    free(c->lens);
    free(c);
}
