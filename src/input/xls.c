/*
 * xls — legacy Excel workbooks (.xls, BIFF8) through FreeXL, with its limits
 * (docs/spreadsheets.md): FreeXL loads a whole sheet into memory (at most 65,536 × 256 cells in
 * BIFF8), reads neither formulas nor boolean and error cells (they come out empty) and tells date,
 * date-time and time cells from numbers by their formats.
 *
 * FreeXL skips formula cells and reads booleans and error cells alike as the number 1 or 0: the
 * child finds them in the workbook stream's own records (BIFF8 FORMULA and BOOLERR, per sheet),
 * so that booleans are read as TRUE/FALSE, error cells are empty and counted, and each sheet's
 * formula cells are one warning naming the first one's column: an empty column is never silent.
 *
 * FreeXL runs in a child process. Fuzzing found that a crafted .xls makes Debian's FreeXL 1.0.6
 * read past a stack buffer (a string length taken from the file, handed to iconv): a bug in the
 * library that no check of ours before it can rule out. The child opens the workbook, converts
 * every sheet into a simple stream of rows and cells on a pipe and exits; the parent keeps that
 * stream (its size bounded) and hands out the rows. A child that dies, hangs (killed after two
 * minutes) or fails costs the run an exit 65 with a message, never a crash. A gzipped .xls
 * reaches FreeXL through an anonymous in-memory file, since FreeXL needs a path.
 */
#define _GNU_SOURCE /* memfd_create */
#include <errno.h>
#include <freexl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#include "input/detect.h"
#include "input/sheet.h"
#include "input/timeparse.h"

#define XLS_CHILD_SECONDS 120
#define XLS_MAX_STREAM ((size_t)1 << 30)

/* Records of the child's stream (integers little-endian). */
enum {
    REC_OPEN_ERROR = 'E', /* u32: FreeXL's code */
    REC_PASSWORD = 'P',
    REC_SHEETS = 'N',      /* u32: how many */
    REC_SHEET = 'S',       /* u32 length, name */
    REC_SHEET_ERROR = 'X', /* u32: FreeXL's code */
    REC_ROW = 'R',         /* u32 row (0-based), u32 cells, then per cell: u16 column, u8 type,
                              i64 value, u32 length, text */
    REC_CELL_ERROR = 'C',  /* u32 row, u32 column, u32 code */
    REC_FORMULAS = 'F',    /* u32 count, u32 row and u32 column of the first: the current sheet's */
    REC_END = 'Z'
};

/* ---- the child ---- */

typedef struct out {
    int fd;
    unsigned char buf[64 * 1024];
    size_t n;
} out_t;

static void S_flush(out_t *o)
{
    size_t done = 0;
    while (done < o->n) {
        ssize_t w = write(o->fd, o->buf + done, o->n - done);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            _exit(1); /* the parent went away */
        done += (size_t)w;
    }
    o->n = 0;
}

static void S_put(out_t *o, const void *p, size_t n)
{
    const unsigned char *b = p;
    while (n) {
        if (o->n == sizeof o->buf)
            S_flush(o);
        size_t k = sizeof o->buf - o->n < n ? sizeof o->buf - o->n : n;
        memcpy(o->buf + o->n, b, k);
        o->n += k;
        b += k;
        n -= k;
    }
}

static void S_put_u(out_t *o, uint64_t v, int bytes)
{
    unsigned char b[8];
    for (int i = 0; i < bytes; i++)
        b[i] = (unsigned char)(v >> (8 * i));
    S_put(o, b, (size_t)bytes);
}

static void S_put_rec(out_t *o, char type)
{
    S_put(o, &type, 1);
}

static int S_time(const char *s, int64_t *out)
{
    unsigned h, m, sec;
    char extra;
    if (sscanf(s, "%u:%u:%u%c", &h, &m, &sec, &extra) != 3 || m > 59 || sec > 60)
        return -1;
    *out = (int64_t)h * 3600 + m * 60 + sec;
    return 0;
}

/* One cell → its type, value and text; 0 for an empty cell. */
static int S_cell(const FreeXL_CellValue *cv, rows_cell_t *type, int64_t *value, char buf[40],
                  const char **text)
{
    parsed_time_t pt;
    *value = 0;
    *text = buf;
    switch (cv->type) {
    case FREEXL_CELL_INT:
        snprintf(buf, 40, "%d", cv->value.int_value);
        *type = ROWS_CELL_NUMBER;
        return 1;
    case FREEXL_CELL_DOUBLE:
        sheet_number_text(cv->value.double_value, 17, buf);
        *type = ROWS_CELL_NUMBER;
        return 1;
    case FREEXL_CELL_TEXT:
    case FREEXL_CELL_SST_TEXT:
        if (!cv->value.text_value || !cv->value.text_value[0])
            return 0;
        *text = cv->value.text_value;
        *type = ROWS_CELL_TEXT;
        return 1;
    case FREEXL_CELL_DATE:
    case FREEXL_CELL_DATETIME:
        if (!cv->value.text_value)
            return 0;
        if (timeparse_canonical(cv->value.text_value, strlen(cv->value.text_value), &pt) == 0) {
            *value = pt.seconds;
            sheet_datetime_text(pt.seconds, buf);
            *type = ROWS_CELL_DATETIME;
        } else {
            *text = cv->value.text_value;
            *type = ROWS_CELL_TEXT;
        }
        return 1;
    case FREEXL_CELL_TIME:
        if (!cv->value.text_value || S_time(cv->value.text_value, value) != 0)
            return 0;
        sheet_duration_text(*value, buf);
        *type = ROWS_CELL_DURATION;
        return 1;
    default:
        return 0;
    }
}

/* ---- the child: what FreeXL leaves out ---- */

enum { BIFF_FORMULA, BIFF_BOOL, BIFF_ERROR };

typedef struct biff_cell {
    uint32_t row;
    uint16_t col;
    uint8_t kind;  /* BIFF_* */
    uint8_t value; /* a boolean's value, an error's code */
} biff_cell_t;

typedef struct biff_sheet {
    char name[1024]; /* UTF-8 */
    uint32_t offset; /* of its BOF record in the workbook stream */
    biff_cell_t *cells;
    size_t n, cap;
    int used;
} biff_sheet_t;

static int S_cmp_cell(const void *a, const void *b)
{
    const biff_cell_t *x = a, *y = b;
    if (x->row != y->row)
        return x->row < y->row ? -1 : 1;
    return x->col < y->col ? -1 : x->col > y->col;
}

/* A BOUNDSHEET name (ShortXLUnicodeString) as UTF-8. */
static void S_sheet_name(const unsigned char *p, size_t avail, char out[1024])
{
    size_t o = 0;
    if (avail >= 2) {
        size_t cch = p[0];
        int wide = p[1] & 1;
        for (size_t i = 0; i < cch && o + 4 < 1024; i++) {
            size_t at = 2 + (wide ? 2 * i : i);
            if (at + (wide ? 2u : 1u) > avail)
                break;
            unsigned cp = wide ? (unsigned)p[at] | (unsigned)p[at + 1] << 8 : p[at];
            o += sheet_utf8_bmp(cp, out + o);
        }
    }
    out[o] = '\0';
}

/* Finds the formula, boolean and error cells of each sheet in the file's workbook stream. */
static biff_sheet_t *S_biff_scan(const char *path, size_t *nsheets)
{
    *nsheets = 0;
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    strbuf_t file = {0}, wb = {0};
    char buf[64 * 1024];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, f)) > 0 && file.len < XLS_MAX_STREAM)
        strbuf_append(&file, buf, n);
    fclose(f);
    static const char *const names[] = {"Workbook", "Book", NULL};
    biff_sheet_t *sheets = NULL;
    size_t ns = 0, cap = 0;
    if (file.len &&
        detect_ole2_stream((const unsigned char *)file.data, file.len, names, &wb) == 0) {
        const unsigned char *b = (const unsigned char *)wb.data;
        long cur = -1;
        for (size_t pos = 0; pos + 4 <= wb.len;) {
            unsigned type = (unsigned)b[pos] | (unsigned)b[pos + 1] << 8;
            size_t len = (size_t)b[pos + 2] | (size_t)b[pos + 3] << 8;
            if (pos + 4 + len > wb.len)
                break;
            const unsigned char *r = b + pos + 4;
            if (type == 0x0085 && len >= 8) { /* BOUNDSHEET */
                xgrow((void **)&sheets, &cap, ns + 1, sizeof *sheets);
                biff_sheet_t *sh = &sheets[ns++];
                memset(sh, 0, sizeof *sh);
                sh->offset = (uint32_t)r[0] | (uint32_t)r[1] << 8 | (uint32_t)r[2] << 16 |
                             (uint32_t)r[3] << 24;
                S_sheet_name(r + 6, len - 6, sh->name);
            } else if (type == 0x0809) { /* BOF: a substream begins */
                cur = -1;
                for (size_t i = 0; i < ns; i++)
                    if (sheets[i].offset == pos)
                        cur = (long)i;
            } else if (cur >= 0 && ((type == 0x0006 && len >= 6) || (type == 0x0205 && len >= 8))) {
                biff_sheet_t *sh = &sheets[cur];
                if (sh->n < (size_t)65536 * 256) {
                    xgrow((void **)&sh->cells, &sh->cap, sh->n + 1, sizeof *sh->cells);
                    biff_cell_t *c = &sh->cells[sh->n++];
                    c->row = (uint32_t)r[0] | (uint32_t)r[1] << 8;
                    c->col = (uint16_t)(r[2] | r[3] << 8);
                    c->kind = type == 0x0006 ? BIFF_FORMULA : r[7] ? BIFF_ERROR : BIFF_BOOL;
                    c->value = type == 0x0006 ? 0 : r[6];
                }
            }
            pos += 4 + len;
        }
    }
    for (size_t i = 0; i < ns; i++)
        if (sheets[i].n > 1)
            qsort(sheets[i].cells, sheets[i].n, sizeof *sheets[i].cells, S_cmp_cell);
    strbuf_clear(&file);
    strbuf_clear(&wb);
    *nsheets = ns;
    return sheets;
}

static const char *S_error_text(unsigned code)
{
    switch (code) {
    case 0x00:
        return "#NULL!";
    case 0x07:
        return "#DIV/0!";
    case 0x0F:
        return "#VALUE!";
    case 0x17:
        return "#REF!";
    case 0x1D:
        return "#NAME?";
    case 0x24:
        return "#NUM!";
    case 0x2A:
        return "#N/A";
    default:
        return "#ERROR";
    }
}

/* A cell of a row being gathered in the child. */
typedef struct ccell {
    uint16_t col;
    uint8_t type;
    int64_t value;
    size_t off, len; /* its text in the row's text buffer */
} ccell_t;

/* The row the child is gathering: its cells in column order and their text. */
typedef struct crow {
    ccell_t *cells;
    size_t n, cap;
    strbuf_t text;
} crow_t;

/* Opens the workbook and sends its sheet count; 0 with *h open, -1 when the stream is to end
 * here (an open error or a password, already sent). */
static int S_child_open(out_t *o, const char *path, const void **h, unsigned *nsheets)
{
    int rc = freexl_open(path, h);
    if (rc != FREEXL_OK) {
        S_put_rec(o, REC_OPEN_ERROR);
        S_put_u(o, (uint32_t)rc, 4);
        return -1;
    }
    unsigned info = 0;
    if (freexl_get_info(*h, FREEXL_BIFF_PASSWORD, &info) == FREEXL_OK &&
        info == FREEXL_BIFF_OBFUSCATED) {
        S_put_rec(o, REC_PASSWORD);
        return -1;
    }
    *nsheets = 0;
    if (freexl_get_info(*h, FREEXL_BIFF_SHEET_COUNT, nsheets) != FREEXL_OK)
        *nsheets = 0;
    if (*nsheets > 65535)
        *nsheets = 65535;
    S_put_rec(o, REC_SHEETS);
    S_put_u(o, *nsheets, 4);
    return 0;
}

/* The scanned formula, boolean and error cells of the sheet called `name` (each scanned sheet
 * taken once, so that sheets of the same name pair up in order), or NULL. Sends the sheet's
 * formula count and the first formula's place when it has any. */
static biff_sheet_t *S_child_biff(out_t *o, biff_sheet_t *biff, size_t nbiff, const char *name)
{
    biff_sheet_t *bs = NULL;
    for (size_t k = 0; k < nbiff && !bs; k++)
        if (!biff[k].used && !strcmp(biff[k].name, name))
            bs = &biff[k];
    if (!bs)
        return NULL;
    bs->used = 1;
    size_t nformulas = 0;
    for (size_t k = 0; k < bs->n; k++)
        if (bs->cells[k].kind == BIFF_FORMULA && nformulas++ == 0) {
            S_put_rec(o, REC_FORMULAS);
            size_t count = 0;
            for (size_t m = k; m < bs->n; m++)
                count += bs->cells[m].kind == BIFF_FORMULA;
            S_put_u(o, count, 4);
            S_put_u(o, bs->cells[k].row, 4);
            S_put_u(o, bs->cells[k].col, 4);
        }
    return bs;
}

/* Gathers row r's cells as FreeXL reads them into cr; 0, or -1 when FreeXL fails on a cell
 * (sent). */
static int S_child_cells(out_t *o, const void *h, unsigned r, unsigned short cols, crow_t *cr)
{
    cr->n = 0;
    strbuf_reset(&cr->text);
    for (unsigned short c = 0; c < cols; c++) {
        FreeXL_CellValue cv;
        int rc = freexl_get_cell_value(h, r, c, &cv);
        if (rc != FREEXL_OK) {
            S_put_rec(o, REC_CELL_ERROR);
            S_put_u(o, r, 4);
            S_put_u(o, c, 4);
            S_put_u(o, (uint32_t)rc, 4);
            return -1;
        }
        rows_cell_t type;
        int64_t value;
        char buf[40];
        const char *t;
        if (!S_cell(&cv, &type, &value, buf, &t))
            continue;
        xgrow((void **)&cr->cells, &cr->cap, cr->n + 1, sizeof *cr->cells);
        ccell_t *cc = &cr->cells[cr->n++];
        cc->col = c;
        cc->type = (uint8_t)type;
        cc->value = value;
        cc->off = cr->text.len;
        cc->len = strnlen(t, CSV_MAX_FIELD);
        strbuf_append(&cr->text, t, cc->len);
    }
    return 0;
}

/* Puts the booleans and errors of row r, which FreeXL reads as the number 1 or 0 (or not at
 * all), into cr as what they are, in column order among the other cells. *bi walks bs's cells,
 * which are sorted by row. */
static void S_child_biff_cells(const biff_sheet_t *bs, size_t *bi, unsigned r, unsigned short cols,
                               crow_t *cr)
{
    while (*bi < bs->n && bs->cells[*bi].row < r)
        (*bi)++;
    for (; *bi < bs->n && bs->cells[*bi].row == r; (*bi)++) {
        const biff_cell_t *b = &bs->cells[*bi];
        if (b->kind == BIFF_FORMULA || b->col >= cols)
            continue;
        size_t at = cr->n;
        for (size_t k = 0; k < cr->n; k++)
            if (cr->cells[k].col == b->col)
                at = k;
        if (at == cr->n) {
            xgrow((void **)&cr->cells, &cr->cap, cr->n + 1, sizeof *cr->cells);
            cr->n++;
            while (at > 0 && cr->cells[at - 1].col > b->col) {
                cr->cells[at] = cr->cells[at - 1];
                at--;
            }
        }
        ccell_t *cc = &cr->cells[at];
        cc->col = b->col;
        cc->off = cr->text.len;
        if (b->kind == BIFF_BOOL) {
            cc->type = ROWS_CELL_BOOL;
            cc->value = b->value != 0;
            cc->len = b->value ? 4 : 5;
            strbuf_append(&cr->text, b->value ? "TRUE" : "FALSE", cc->len);
        } else {
            const char *e = S_error_text(b->value);
            cc->type = ROWS_CELL_ERROR;
            cc->value = 0;
            cc->len = strlen(e); /* the code, for the warning; the cell is empty */
            strbuf_append(&cr->text, e, cc->len);
        }
    }
}

/* Sends row r's gathered cells as one row record. */
static void S_child_put_row(out_t *o, unsigned r, const crow_t *cr)
{
    S_put_rec(o, REC_ROW);
    S_put_u(o, r, 4);
    S_put_u(o, cr->n, 4);
    for (size_t k = 0; k < cr->n; k++) {
        S_put_u(o, cr->cells[k].col, 2);
        S_put_u(o, cr->cells[k].type, 1);
        S_put_u(o, (uint64_t)cr->cells[k].value, 8);
        S_put_u(o, cr->cells[k].len, 4);
        S_put(o, cr->text.data + cr->cells[k].off, cr->cells[k].len);
    }
}

/* Sends sheet i: its name, then its formula count and its non-empty rows, or the error FreeXL
 * gave on it. 0, or -1 when the stream is to end here (a cell FreeXL failed on, sent). */
static int S_child_sheet(out_t *o, const void *h, unsigned i, biff_sheet_t *biff, size_t nbiff,
                         crow_t *cr)
{
    const char *name = NULL;
    if (freexl_get_worksheet_name(h, (unsigned short)i, &name) != FREEXL_OK || !name)
        name = "";
    size_t nl = strnlen(name, 1024);
    S_put_rec(o, REC_SHEET);
    S_put_u(o, nl, 4);
    S_put(o, name, nl);
    unsigned rows = 0;
    unsigned short cols = 0;
    int rc = freexl_select_active_worksheet(h, (unsigned short)i);
    if (rc == FREEXL_OK)
        rc = freexl_worksheet_dimensions(h, &rows, &cols);
    if (rc != FREEXL_OK) {
        S_put_rec(o, REC_SHEET_ERROR);
        S_put_u(o, (uint32_t)rc, 4);
        return 0;
    }
    const biff_sheet_t *bs = S_child_biff(o, biff, nbiff, name);
    size_t bi = 0;
    for (unsigned r = 0; r < rows; r++) {
        if (S_child_cells(o, h, r, cols, cr) != 0)
            return -1;
        if (bs)
            S_child_biff_cells(bs, &bi, r, cols, cr);
        if (cr->n)
            S_child_put_row(o, r, cr);
    }
    return 0;
}

static void S_child(const char *path, int fd)
{
    signal(SIGINT, SIG_DFL); /* the parent cleans up, not its copy */
    signal(SIGTERM, SIG_DFL);
    signal(SIGHUP, SIG_DFL);
    alarm(XLS_CHILD_SECONDS);
    static out_t o;
    o.fd = fd;
    const void *h = NULL;
    unsigned nsheets = 0;
    if (S_child_open(&o, path, &h, &nsheets) == 0) {
        size_t nbiff = 0;
        biff_sheet_t *biff = S_biff_scan(path, &nbiff);
        crow_t cr = {0};
        for (unsigned i = 0; i < nsheets; i++)
            if (S_child_sheet(&o, h, i, biff, nbiff, &cr) != 0)
                break;
    }
    /* the child exits at once: what it allocated goes with it */
    S_put_rec(&o, REC_END);
    S_flush(&o);
    if (h)
        freexl_close(h);
    _exit(0);
}

/* ---- the parent ---- */

typedef struct xls_sheet {
    char *name;
    size_t start, end;               /* its row records in the stream */
    int failed;                      /* FreeXL could not read it (code) */
    size_t formulas;                 /* formula cells (read as empty) */
    size_t formula_row, formula_col; /* the first one's place, 0-based */
} xls_sheet_t;

typedef struct xls {
    arena_t *arena; /* the display name, the sheets and their names */
    char *display;
    sheet_warnings_t *w;
    strbuf_t stream;
    xls_sheet_t *sheets;
    size_t nsheets, capsheets;
    size_t cur; /* sheets begun */
    size_t pos; /* in the current sheet's records */
    sheet_row_t row;
    int memfd; /* the anonymous file of an inflated workbook, or -1 */
} xls_t;

static const char *S_label(const xls_t *x)
{
    return x->nsheets > 1 && x->cur ? x->sheets[x->cur - 1].name : NULL;
}

static const char *S_freexl_error(long rc)
{
    switch (rc) {
    case FREEXL_INSUFFICIENT_MEMORY:
        return "out of memory";
    case FREEXL_INVALID_CFBF_HEADER:
    case FREEXL_CFBF_INVALID_SIGNATURE:
    case FREEXL_CFBF_INVALID_SECTOR_SIZE:
    case FREEXL_CFBF_EMPTY_FAT_CHAIN:
    case FREEXL_CFBF_ILLEGAL_FAT_ENTRY:
    case FREEXL_INVALID_MINI_STREAM:
    case FREEXL_CFBF_ILLEGAL_MINI_FAT_ENTRY:
    case FREEXL_CFBF_READ_ERROR:
    case FREEXL_CFBF_SEEK_ERROR:
        return "its compound-file structure is damaged or truncated";
    case FREEXL_BIFF_INVALID_BOF:
    case FREEXL_BIFF_WORKBOOK_NOT_FOUND:
        return "its workbook stream is not BIFF8 (Excel 97-2003) or is damaged";
    case FREEXL_BIFF_INVALID_SST:
    case FREEXL_BIFF_ILLEGAL_SST_INDEX:
        return "its shared-string table is damaged";
    case FREEXL_CRAFTED_FILE:
        return "it is severely damaged (or crafted)";
    case FREEXL_UNSUPPORTED_CHARSET:
    case FREEXL_INVALID_CHARACTER:
        return "its text is in a character set FreeXL cannot convert";
    default:
        return "FreeXL cannot read it";
    }
}

/* A reader of the stream held in memory, bounds-checked. */
typedef struct cursor {
    const unsigned char *p;
    size_t n, pos;
    int bad;
} cursor_t;

static uint64_t S_get(cursor_t *c, int bytes)
{
    if (c->bad || c->n - c->pos < (size_t)bytes) {
        c->bad = 1;
        return 0;
    }
    uint64_t v = 0;
    for (int i = 0; i < bytes; i++)
        v |= (uint64_t)c->p[c->pos + (size_t)i] << (8 * i);
    c->pos += (size_t)bytes;
    return v;
}

static const char *S_bytes(cursor_t *c, size_t n)
{
    if (c->bad || c->n - c->pos < n) {
        c->bad = 1;
        return NULL;
    }
    const char *s = (const char *)c->p + c->pos;
    c->pos += n;
    return s;
}

/* Skips one row record's cells (after its row and count). */
static void S_skip_cells(cursor_t *c, uint64_t ncells)
{
    for (uint64_t k = 0; k < ncells && !c->bad; k++) {
        S_get(c, 2); /* column */
        S_get(c, 1); /* type */
        S_get(c, 8); /* value */
        S_bytes(c, (size_t)S_get(c, 4));
    }
}

/* Reads what the child sends into x->stream, at most XLS_MAX_STREAM bytes (the child killed
 * beyond), then waits for it. */
static status_t S_drain(xls_t *x, int fd, pid_t pid, int *status, diag_t *d)
{
    status_t st = ST_OK;
    char buf[64 * 1024];
    for (;;) {
        ssize_t n = read(fd, buf, sizeof buf);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            break;
        if (x->stream.len + (size_t)n > XLS_MAX_STREAM) {
            st = diag_set(d, ST_DATA, x->display, 0, 0,
                          "the .xls workbook expands to more than 1 GiB of cells");
            kill(pid, SIGKILL);
            break;
        }
        strbuf_append(&x->stream, buf, (size_t)n);
    }
    close(fd);
    *status = 0;
    while (waitpid(pid, status, 0) < 0 && errno == EINTR)
        ;
    return st;
}

/* Runs FreeXL on `path` in a child and keeps what it sends in x->stream. */
static status_t S_spawn(xls_t *x, const char *path, diag_t *d)
{
    int fds[2];
    if (pipe(fds) != 0)
        return diag_set(d, ST_IOERR, x->display, 0, 0, "cannot make a pipe: %s", strerror(errno));
    fflush(NULL); /* nothing buffered is written twice */
    pid_t pid = fork();
    if (pid < 0) {
        int e = errno;
        close(fds[0]);
        close(fds[1]);
        return diag_set(d, e == ENOMEM ? ST_NOMEM : ST_IOERR, x->display, 0, 0,
                        "cannot start reading the .xls workbook: %s", strerror(e));
    }
    if (pid == 0) {
        close(fds[0]);
        S_child(path, fds[1]);
    }
    close(fds[1]);
    int status = 0;
    status_t st = S_drain(x, fds[0], pid, &status, d);
    if (st != ST_OK)
        return st;
    if (WIFEXITED(status) && WEXITSTATUS(status) == UTIL_EXIT_OOM)
        return diag_set(d, ST_NOMEM, x->display, 0, 0, "out of memory reading the .xls workbook");
    if (WIFSIGNALED(status))
        return diag_set(d, ST_DATA, x->display, 0, 0,
                        WTERMSIG(status) == SIGALRM
                            ? "FreeXL did not finish reading the .xls workbook in %d seconds: it "
                              "is damaged or crafted"
                            : "FreeXL failed on the .xls workbook (signal %d): it is damaged or "
                              "crafted",
                        WTERMSIG(status) == SIGALRM ? XLS_CHILD_SECONDS : WTERMSIG(status));
    return ST_OK;
}

/* The sheet the stream's records are about now (the last one begun), or NULL before any. */
static xls_sheet_t *S_last(xls_t *x)
{
    return x->nsheets ? &x->sheets[x->nsheets - 1] : NULL;
}

/* Indexes one record of the stream, of `type` (read), at c: a sheet begun, its error, its
 * formulas, a row's place. Sets *ended at the stream's end; an error record is the run's. */
static status_t S_record(xls_t *x, cursor_t *c, char type, int *ended, diag_t *d)
{
    xls_sheet_t *sh = S_last(x);
    switch (type) {
    case REC_OPEN_ERROR: {
        long code = (long)(int32_t)S_get(c, 4);
        if (code == FREEXL_INSUFFICIENT_MEMORY)
            return diag_set(d, ST_NOMEM, x->display, 0, 0,
                            "out of memory reading the .xls workbook");
        return diag_set(d, ST_DATA, x->display, 0, 0, "cannot read the .xls workbook: %s",
                        S_freexl_error(code));
    }
    case REC_PASSWORD:
        return diag_set(d, ST_DATA, x->display, 0, 0,
                        "a password-protected workbook: save it without a password (or "
                        "export the list as CSV)");
    case REC_SHEETS:
        S_get(c, 4);
        break;
    case REC_SHEET: {
        size_t nl = (size_t)S_get(c, 4);
        const char *name = S_bytes(c, nl);
        if (!name)
            break;
        sh = arena_push(x->arena, (void **)&x->sheets, &x->nsheets, &x->capsheets, sizeof *sh);
        sh->name = arena_strndup(x->arena, name, nl);
        sh->start = sh->end = c->pos;
        break;
    }
    case REC_SHEET_ERROR: {
        int code = (int)(int32_t)S_get(c, 4);
        if (sh)
            sh->failed = code;
        break;
    }
    case REC_FORMULAS: {
        size_t count = (size_t)S_get(c, 4), r = (size_t)S_get(c, 4);
        size_t col = (size_t)S_get(c, 4);
        if (sh) {
            sh->formulas = count;
            sh->formula_row = r;
            sh->formula_col = col;
            sh->start = sh->end = c->pos;
        }
        break;
    }
    case REC_ROW:
        S_get(c, 4);
        S_skip_cells(c, S_get(c, 4));
        if (sh)
            sh->end = c->pos;
        break;
    case REC_CELL_ERROR: {
        size_t r = (size_t)S_get(c, 4), col = (size_t)S_get(c, 4);
        long code = (long)(int32_t)S_get(c, 4);
        return diag_set(d, ST_DATA, x->display, r + 1, col + 1, "%s%s%scannot read the cell: %s",
                        x->nsheets > 1 ? "sheet '" : "", x->nsheets > 1 ? sh->name : "",
                        x->nsheets > 1 ? "': " : "", S_freexl_error(code));
    }
    case REC_END:
        *ended = 1;
        break;
    default:
        c->bad = 1;
        break;
    }
    return ST_OK;
}

/* Runs FreeXL on `path` in a child and indexes what it sends back. */
static status_t S_load(xls_t *x, const char *path, diag_t *d)
{
    status_t st = S_spawn(x, path, d);
    if (st != ST_OK)
        return st;
    cursor_t c = {(const unsigned char *)x->stream.data, x->stream.len, 0, 0};
    int ended = 0;
    while (!c.bad && !ended && c.pos < c.n) {
        char type = (char)S_get(&c, 1);
        st = S_record(x, &c, type, &ended, d);
        if (st != ST_OK)
            return st;
    }
    if (c.bad || !ended)
        return diag_set(d, ST_DATA, x->display, 0, 0,
                        "FreeXL stopped reading the .xls workbook early: it is damaged");
    if (!x->nsheets)
        return diag_set(d, ST_DATA, x->display, 0, 0, "the .xls workbook has no worksheet");
    return ST_OK;
}

static int S_next_sheet(void *impl, const char **name, diag_t *d)
{
    xls_t *x = impl;
    if (x->cur >= x->nsheets)
        return 0;
    xls_sheet_t *sh = &x->sheets[x->cur++];
    if (sh->failed) {
        diag_set(d, ST_DATA, x->display, 0, 0, "cannot read sheet '%s' of the .xls workbook: %s",
                 sh->name, S_freexl_error(sh->failed));
        return -1;
    }
    x->pos = sh->start;
    *name = sh->name;
    if (sh->formulas)
        sheet_warn_n(x->w, "formula cells read as empty (FreeXL reads no formulas: save as .xlsx)",
                     sh->formulas, sh->formula_row + 1, sh->formula_col + 1, S_label(x), NULL);
    return 1;
}

static int S_next_row(void *impl, rows_record_t *rec, diag_t *d)
{
    (void)d;
    xls_t *x = impl;
    if (!x->cur)
        return 0;
    const xls_sheet_t *sh = &x->sheets[x->cur - 1];
    while (x->pos < sh->end) {
        cursor_t c = {(const unsigned char *)x->stream.data, sh->end, x->pos, 0};
        if ((char)S_get(&c, 1) != REC_ROW) {
            x->pos = sh->end;
            break;
        }
        size_t r = (size_t)S_get(&c, 4);
        uint64_t ncells = S_get(&c, 4);
        sheet_row_reset(&x->row, r + 1);
        for (uint64_t k = 0; k < ncells && !c.bad; k++) {
            size_t col = (size_t)S_get(&c, 2);
            rows_cell_t type = (rows_cell_t)S_get(&c, 1);
            int64_t value = (int64_t)S_get(&c, 8);
            size_t tl = (size_t)S_get(&c, 4);
            const char *text = S_bytes(&c, tl);
            if (!text || col >= SHEET_MAX_COLS)
                break;
            if (type == ROWS_CELL_DATETIME || type == ROWS_CELL_DURATION)
                sheet_row_set_value(&x->row, col, type, value);
            else if (type == ROWS_CELL_ERROR) {
                char code[16];
                snprintf(code, sizeof code, "%.*s", (int)(tl < 15 ? tl : 15), text);
                sheet_row_set(&x->row, col, type, "", 0, 0);
                sheet_warn(x->w, "error cell (#N/A, #VALUE!, …) read as empty", r + 1, col + 1,
                           S_label(x), code);
            } else
                sheet_row_set(&x->row, col, type, text, tl, value);
        }
        x->pos = c.bad ? sh->end : c.pos;
        if (x->row.nonempty) {
            sheet_row_finish(&x->row, rec);
            rec->sheet = S_label(x);
            return 1;
        }
    }
    return 0;
}

static status_t S_rewind(void *impl, diag_t *d)
{
    (void)d;
    xls_t *x = impl;
    x->cur = 0;
    x->pos = 0;
    return ST_OK;
}

static size_t S_sheet_count(void *impl)
{
    return ((xls_t *)impl)->nsheets;
}

static void S_close(void *impl)
{
    xls_t *x = impl;
    if (!x)
        return;
    arena_free(x->arena);
    strbuf_clear(&x->stream);
    sheet_row_free(&x->row);
    if (x->memfd >= 0)
        close(x->memfd);
    free(x);
}

/* The reader as rows.c drives it (the order of sheet_reader_t's members; impl set on opening). */
static const sheet_reader_t S_reader = {
    NULL, S_next_sheet, S_next_row, S_rewind, S_sheet_count, NULL, S_close,
};

status_t xls_open(const char *path, const char *display, sheet_warnings_t *w, sheet_reader_t *out,
                  diag_t *d)
{
    xls_t *x = xcalloc(1, sizeof *x);
    x->arena = arena_new();
    x->display = arena_strdup(x->arena, display);
    x->w = w;
    x->memfd = -1;
    status_t st = S_load(x, path, d);
    if (st != ST_OK) {
        S_close(x);
        return st;
    }
    *out = S_reader;
    out->impl = x;
    return ST_OK;
}

status_t xls_open_memory(const void *data, size_t size, const char *display, sheet_warnings_t *w,
                         sheet_reader_t *out, diag_t *d)
{
    int fd = memfd_create("iso20k-xls", MFD_CLOEXEC);
    if (fd < 0) {
        /* no memfd: a temporary file, unlinked at once */
        char tmpl[] = "/tmp/iso20k-xls-XXXXXX";
        fd = mkstemp(tmpl);
        if (fd >= 0)
            unlink(tmpl);
    }
    if (fd < 0)
        return diag_set(d, ST_IOERR, display, 0, 0,
                        "cannot make an in-memory file for the inflated workbook: %s",
                        strerror(errno));
    const unsigned char *p = data;
    size_t left = size;
    while (left) {
        ssize_t n = write(fd, p, left);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            int e = errno;
            close(fd);
            return diag_set(d, ST_IOERR, display, 0, 0,
                            "cannot write the inflated workbook to memory: %s", strerror(e));
        }
        p += n;
        left -= (size_t)n;
    }
    char path[64];
    snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
    status_t st = xls_open(path, display, w, out, d);
    if (st != ST_OK) {
        close(fd);
        return st;
    }
    ((xls_t *)out->impl)->memfd = fd;
    return ST_OK;
}
