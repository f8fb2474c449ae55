/*
 * xls — legacy Excel workbooks (.xls, BIFF8) through FreeXL, with its limits (SPEC 3.4): FreeXL
 * loads a whole sheet into memory (at most 65,536 × 256 cells in BIFF8), reads neither
 * formulas nor boolean and error cells (they come out empty), and tells date, date-time and
 * time cells apart from numbers by their formats. Cells FreeXL returns empty where the workbook
 * has a formula, a boolean or an error are found by a scan of the workbook stream's records
 * (ole2 below) and reported, one warning per kind naming its first column, so that nothing
 * is dropped silently. A gzipped .xls reaches FreeXL through an anonymous in-memory file.
 */
#define _GNU_SOURCE /* memfd_create */
#include <errno.h>
#include <freexl.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "input/sheet.h"
#include "input/timeparse.h"

typedef struct xls {
    const void *h;
    char *display;
    sheet_warnings_t *w;
    unsigned nsheets;
    char **names;
    unsigned cur; /* sheets begun */
    unsigned rows;
    unsigned short cols;
    unsigned next_row; /* 0-based */
    sheet_row_t row;
    int memfd; /* the anonymous file of an inflated workbook, or -1 */
} xls_t;

static const char *S_label(const xls_t *x)
{
    return x->nsheets > 1 && x->cur ? x->names[x->cur - 1] : NULL;
}

static const char *S_freexl_error(int rc)
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

static int S_next_sheet(void *impl, const char **name, diag_t *d)
{
    xls_t *x = impl;
    if (x->cur >= x->nsheets)
        return 0;
    unsigned idx = x->cur++;
    int rc = freexl_select_active_worksheet(x->h, (unsigned short)idx);
    if (rc == FREEXL_OK)
        rc = freexl_worksheet_dimensions(x->h, &x->rows, &x->cols);
    if (rc != FREEXL_OK) {
        diag_set(d, ST_DATA, x->display, 0, 0, "cannot read sheet '%s' of the .xls workbook: %s",
                 x->names[idx], S_freexl_error(rc));
        return -1;
    }
    x->next_row = 0;
    *name = x->names[idx];
    return 1;
}

/* "2026-10-05", "2026-10-05 10:30:15" → local seconds; "10:30:15" → seconds. */
static int S_datetime(const char *s, int64_t *out)
{
    parsed_time_t pt;
    if (timeparse_canonical(s, strlen(s), &pt) != 0)
        return -1;
    *out = pt.seconds;
    return 0;
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

static int S_next_row(void *impl, rows_record_t *rec, diag_t *d)
{
    xls_t *x = impl;
    if (!x->cur)
        return 0;
    while (x->next_row < x->rows) {
        unsigned r = x->next_row++;
        sheet_row_reset(&x->row, (size_t)r + 1);
        for (unsigned short c = 0; c < x->cols; c++) {
            FreeXL_CellValue cv;
            int rc = freexl_get_cell_value(x->h, r, c, &cv);
            if (rc != FREEXL_OK) {
                diag_set(d, ST_DATA, x->display, (size_t)r + 1, (size_t)c + 1,
                         "%s%s%scannot read the cell: %s", S_label(x) ? "sheet '" : "",
                         S_label(x) ? S_label(x) : "", S_label(x) ? "': " : "", S_freexl_error(rc));
                return -1;
            }
            char buf[40];
            int64_t v;
            switch (cv.type) {
            case FREEXL_CELL_INT:
                snprintf(buf, sizeof buf, "%d", cv.value.int_value);
                sheet_row_set(&x->row, c, ROWS_CELL_NUMBER, buf, strlen(buf), 0);
                break;
            case FREEXL_CELL_DOUBLE:
                sheet_number_text(cv.value.double_value, 17, buf);
                sheet_row_set(&x->row, c, ROWS_CELL_NUMBER, buf, strlen(buf), 0);
                break;
            case FREEXL_CELL_TEXT:
            case FREEXL_CELL_SST_TEXT:
                if (cv.value.text_value)
                    sheet_row_set(&x->row, c, ROWS_CELL_TEXT, cv.value.text_value,
                                  strlen(cv.value.text_value), 0);
                break;
            case FREEXL_CELL_DATE:
            case FREEXL_CELL_DATETIME:
                if (cv.value.text_value && S_datetime(cv.value.text_value, &v) == 0)
                    sheet_row_set_value(&x->row, c, ROWS_CELL_DATETIME, v);
                else if (cv.value.text_value)
                    sheet_row_set(&x->row, c, ROWS_CELL_TEXT, cv.value.text_value,
                                  strlen(cv.value.text_value), 0);
                break;
            case FREEXL_CELL_TIME:
                if (cv.value.text_value && S_time(cv.value.text_value, &v) == 0)
                    sheet_row_set_value(&x->row, c, ROWS_CELL_DURATION, v);
                break;
            default:
                break;
            }
        }
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
    x->rows = 0;
    x->next_row = 0;
    return ST_OK;
}

static size_t S_sheet_count(void *impl)
{
    return ((xls_t *)impl)->nsheets;
}

static uint64_t S_xml_bytes(void *impl)
{
    (void)impl;
    return 0;
}

static void S_close(void *impl)
{
    xls_t *x = impl;
    if (!x)
        return;
    if (x->h)
        freexl_close(x->h);
    for (unsigned i = 0; x->names && i < x->nsheets; i++)
        free(x->names[i]);
    free(x->names);
    free(x->display);
    sheet_row_free(&x->row);
    if (x->memfd >= 0)
        close(x->memfd);
    free(x);
}

status_t xls_open(const char *path, const char *display, sheet_warnings_t *w, sheet_reader_t *out,
                  diag_t *d)
{
    xls_t *x = xcalloc(1, sizeof *x);
    x->display = xstrdup(display);
    x->w = w;
    x->memfd = -1;
    status_t st = ST_OK;
    int rc = freexl_open(path, &x->h);
    if (rc != FREEXL_OK) {
        if (rc == FREEXL_FILE_NOT_FOUND)
            st = diag_set(d, ST_NOINPUT, display, 0, 0, "cannot open input file");
        else if (rc == FREEXL_INSUFFICIENT_MEMORY)
            st = diag_set(d, ST_NOMEM, display, 0, 0, "out of memory reading the .xls workbook");
        else
            st = diag_set(d, ST_DATA, display, 0, 0, "cannot read the .xls workbook: %s",
                          S_freexl_error(rc));
        x->h = NULL;
        goto fail;
    }
    unsigned info = 0;
    if (freexl_get_info(x->h, FREEXL_BIFF_PASSWORD, &info) == FREEXL_OK &&
        info == FREEXL_BIFF_OBFUSCATED) {
        st = diag_set(d, ST_DATA, display, 0, 0,
                      "a password-protected workbook: save it without a password (or export "
                      "the list as CSV)");
        goto fail;
    }
    if (freexl_get_info(x->h, FREEXL_BIFF_SHEET_COUNT, &x->nsheets) != FREEXL_OK ||
        x->nsheets == 0) {
        st = diag_set(d, ST_DATA, display, 0, 0, "the .xls workbook has no worksheet");
        goto fail;
    }
    if (x->nsheets > 65535)
        x->nsheets = 65535;
    x->names = xcalloc(x->nsheets, sizeof *x->names);
    for (unsigned i = 0; i < x->nsheets; i++) {
        const char *nm = NULL;
        if (freexl_get_worksheet_name(x->h, (unsigned short)i, &nm) != FREEXL_OK || !nm)
            nm = "";
        x->names[i] = xstrdup(nm);
    }
    out->impl = x;
    out->next_sheet = S_next_sheet;
    out->next_row = S_next_row;
    out->rewind = S_rewind;
    out->sheet_count = S_sheet_count;
    out->xml_bytes = S_xml_bytes;
    out->close = S_close;
    return ST_OK;
fail:
    S_close(x);
    return st;
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
