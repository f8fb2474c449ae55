/*
 * Unit tests of the spreadsheet readers (docs/spreadsheets.md): the cell rules (numbers as text,
 * serial dates in both date systems, number-format classes), workbooks written here by
 * libxlsxwriter and by hand (the parts zipped with libzip, to reach what libxlsxwriter never
 * writes: the 1904 system, error cells, inline strings, phonetic runs, prefixed names, reordered
 * relationships), OpenDocument spreadsheets written by hand (repeated rows and cells,
 * annotations, covered cells), the LibreOffice fixtures of tests/fixtures/sheets, every profile
 * fixture read from an .xlsx copy against its CSV, and each class of bad file: its status and
 * its message.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <xlsxwriter.h>
#include <zip.h>
#include <zlib.h>

#include "app/config_load.h"
#include "input/detect.h"
#include "input/profile.h"
#include "input/rows.h"
#include "input/sheet.h"

static char dir[] = "/tmp/iso20k-test-sheets-XXXXXX";

static const char *tpath(const char *name)
{
    static char bufs[8][512];
    static int next;
    char *b = bufs[next++ % 8];
    snprintf(b, 512, "%s/%s", dir, name);
    return b;
}

static int setup(void **state)
{
    (void)state;
    return mkdtemp(dir) ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    char cmd[600];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    return system(cmd);
}

/* ---- building files ---- */

/* Writes a zip of name/text pairs (NULL-terminated); `stored` members are not compressed. */
static void zip_write(const char *path, const char *const *m)
{
    int err = 0;
    zip_t *z = zip_open(path, ZIP_CREATE | ZIP_TRUNCATE, &err);
    assert_non_null(z);
    for (; m[0]; m += 2) {
        zip_source_t *s = zip_source_buffer(z, m[1], strlen(m[1]), 0);
        assert_non_null(s);
        zip_int64_t i = zip_file_add(z, m[0], s, ZIP_FL_OVERWRITE);
        assert_true(i >= 0);
        if (!strcmp(m[0], "mimetype"))
            zip_set_file_compression(z, (zip_uint64_t)i, ZIP_CM_STORE, 0);
    }
    assert_int_equal(zip_close(z), 0);
}

static void file_write(const char *path, const void *data, size_t n)
{
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(data, 1, n, f), n);
    assert_int_equal(fclose(f), 0);
}

#define NS_MAIN "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
#define NS_REL "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

/*
 * An .xlsx of n sheets: bodies[i] is the inside of <sheetData> (or a whole document when it
 * starts with "<?xml"). The relationship ids and sheetIds run backwards from the part names, so
 * that a reader that took a sheet's part from its sheetId would read the wrong one.
 */
static void xlsx_write(const char *path, const char *workbook_pr, const char *styles,
                       const char *sst, size_t n, const char *const *names,
                       const char *const *bodies)
{
    strbuf_t wb = {0}, rels = {0};
    strbuf_t parts[8] = {{0}};
    char pnames[8][64];
    assert_true(n <= 8);
    strbuf_printf(&wb,
                  "<?xml version=\"1.0\"?><workbook xmlns=\"" NS_MAIN "\" xmlns:r=\"" NS_REL
                  "\">%s<sheets>",
                  workbook_pr ? workbook_pr : "");
    strbuf_printf(&rels, "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/"
                         "relationships\">");
    for (size_t i = 0; i < n; i++) {
        strbuf_printf(&wb, "<sheet name=\"%s\" sheetId=\"%zu\" r:id=\"rId%zu\"/>", names[i], n - i,
                      n - i);
        strbuf_printf(&rels,
                      "<Relationship Id=\"rId%zu\" Type=\"" NS_REL
                      "/worksheet\" Target=\"worksheets/sheet%zu.xml\"/>",
                      n - i, i + 1);
        snprintf(pnames[i], sizeof pnames[i], "xl/worksheets/sheet%zu.xml", i + 1);
        if (!strncmp(bodies[i], "<?xml", 5))
            strbuf_puts(&parts[i], bodies[i]);
        else
            strbuf_printf(&parts[i],
                          "<worksheet xmlns=\"" NS_MAIN "\"><sheetData>%s</sheetData></worksheet>",
                          bodies[i]);
    }
    strbuf_puts(&wb, "</sheets></workbook>");
    strbuf_printf(&rels,
                  "<Relationship Id=\"rIdS\" Type=\"" NS_REL "/styles\" Target=\"styles.xml\"/>"
                  "<Relationship Id=\"rIdT\" Type=\"" NS_REL
                  "/sharedStrings\" Target=\"/xl/sharedStrings.xml\"/></Relationships>");
    const char *m[40];
    size_t k = 0;
    m[k++] = "[Content_Types].xml";
    m[k++] = "<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/"
             "2006/content-types\"/>";
    m[k++] = "xl/workbook.xml";
    m[k++] = wb.data;
    m[k++] = "xl/_rels/workbook.xml.rels";
    m[k++] = rels.data;
    for (size_t i = 0; i < n; i++) {
        m[k++] = pnames[i];
        m[k++] = parts[i].data;
    }
    if (styles) {
        m[k++] = "xl/styles.xml";
        m[k++] = styles;
    }
    if (sst) {
        m[k++] = "xl/sharedStrings.xml";
        m[k++] = sst;
    }
    m[k] = NULL;
    zip_write(path, m);
    strbuf_clear(&wb);
    strbuf_clear(&rels);
    for (size_t i = 0; i < n; i++)
        strbuf_clear(&parts[i]);
}

static void xlsx_one(const char *path, const char *body)
{
    const char *names[] = {"Data"};
    xlsx_write(path, NULL, NULL, NULL, 1, names, &body);
}

#define ODS_NS                                                                                     \
    "xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" "                           \
    "xmlns:table=\"urn:oasis:names:tc:opendocument:xmlns:table:1.0\" "                             \
    "xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\" "                               \
    "xmlns:calcext=\"urn:org:documentfoundation:names:experimental:calc:xmlns:calcext:1.0\""

/* An .ods whose <office:spreadsheet> holds `tables`. */
static void ods_write(const char *path, const char *tables)
{
    strbuf_t content = {0};
    strbuf_printf(&content,
                  "<?xml version=\"1.0\"?><office:document-content " ODS_NS
                  "><office:body><office:spreadsheet>%s</office:spreadsheet></office:body>"
                  "</office:document-content>",
                  tables);
    const char *m[] = {"mimetype", "application/vnd.oasis.opendocument.spreadsheet", "content.xml",
                       content.data, NULL};
    zip_write(path, m);
    strbuf_clear(&content);
}

/* ---- reading ---- */

typedef struct result {
    status_t open;  /* rows_open's status */
    char *text;     /* one line a row: "ROW[SHEET]: field|field…", typed cells marked */
    char *error;    /* the formatted error of rows_open or rows_next, or NULL */
    char *sheets;   /* rows_sheets */
    char *warnings; /* "reason xN @line:col (note)" per warning */
    char format[8];
} result_t;

static void result_free(result_t *r)
{
    free(r->text);
    free(r->error);
    free(r->sheets);
    free(r->warnings);
    memset(r, 0, sizeof *r);
}

/* Reads every row of `path` (optionally one sheet, or from header_row) into r. */
static void dump(result_t *r, const char *path, const char *sheet, size_t header_row)
{
    memset(r, 0, sizeof *r);
    rows_options_t o = {0, CSV_ENC_AUTO, sheet, header_row};
    rows_t *rows = NULL;
    diag_t d = {0};
    r->open = rows_open(path, "book", &o, &rows, &d);
    if (r->open != ST_OK) {
        r->error = diag_format(&d, "error");
        diag_clear(&d);
        r->text = xstrdup("");
        return;
    }
    snprintf(r->format, sizeof r->format, "%s", rows_format_name(rows_format(rows)));
    strbuf_t sb = {0};
    rows_record_t rec;
    int rc;
    while ((rc = rows_next(rows, &rec)) == 1) {
        strbuf_printf(&sb, "%zu", rec.line);
        if (rec.sheet)
            strbuf_printf(&sb, "[%s]", rec.sheet);
        strbuf_puts(&sb, ":");
        for (size_t i = 0; i < rec.nfields; i++) {
            strbuf_printf(&sb, "%s%s", i ? "|" : " ", rec.fields[i]);
            assert_int_equal(strlen(rec.fields[i]), rec.lens[i]);
            if (!rec.types)
                continue;
            switch (rec.types[i]) {
            case ROWS_CELL_NUMBER:
                strbuf_puts(&sb, "#");
                break;
            case ROWS_CELL_DATETIME:
                strbuf_printf(&sb, "{t%lld}", (long long)rec.values[i]);
                break;
            case ROWS_CELL_DURATION:
                strbuf_printf(&sb, "{s%lld}", (long long)rec.values[i]);
                break;
            case ROWS_CELL_BOOL:
                strbuf_printf(&sb, "{b%lld}", (long long)rec.values[i]);
                break;
            case ROWS_CELL_ERROR:
                strbuf_puts(&sb, "!");
                break;
            default:
                break;
            }
        }
        strbuf_puts(&sb, "\n");
    }
    if (rc < 0)
        r->error = diag_format(rows_error(rows), "error");
    r->text = sb.data ? sb.data : xstrdup("");
    r->sheets = xstrdup(rows_sheets(rows));
    size_t nw;
    const rows_warning_t *w = rows_warnings(rows, &nw);
    strbuf_t ws = {0};
    for (size_t i = 0; i < nw; i++)
        strbuf_printf(&ws, "%s x%zu @%zu:%zu%s%s%s (%s)\n", w[i].reason, w[i].count, w[i].line,
                      w[i].column, w[i].sheet ? " [" : "", w[i].sheet ? w[i].sheet : "",
                      w[i].sheet ? "]" : "", w[i].note);
    r->warnings = ws.data ? ws.data : xstrdup("");
    rows_close(rows);
}

static void expect_rows(const char *path, const char *sheet, const char *want)
{
    result_t r;
    dump(&r, path, sheet, 0);
    if (r.error)
        fail_msg("%s: %s", path, r.error);
    assert_string_equal(r.text, want);
    result_free(&r);
}

/* Opening or reading fails with `st` and a message containing `what`. */
static void expect_error(const char *path, status_t st, const char *what)
{
    result_t r;
    dump(&r, path, NULL, 0);
    if (!r.error)
        fail_msg("%s: no error, rows:\n%s", path, r.text);
    if (!strstr(r.error, what))
        fail_msg("%s: '%s' does not say '%s'", path, r.error, what);
    if (r.open != ST_OK)
        assert_int_equal(r.open, st);
    result_free(&r);
}

/* ---- cell rules ---- */

/* The bytes of each UTF-8 length at its edges, by hand from the encoding's table. */
static void test_utf8_bmp(void **state)
{
    (void)state;
    static const struct {
        unsigned cp;
        const char *utf8;
    } cases[] = {
        {0x41, "A"},
        {0x7F, "\x7F"},
        {0x80, "\xC2\x80"},
        {0xE9, "\xC3\xA9"}, /* é */
        {0x7FF, "\xDF\xBF"},
        {0x800, "\xE0\xA0\x80"},
        {0x20AC, "\xE2\x82\xAC"}, /* € */
        {0xFFFF, "\xEF\xBF\xBF"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char out[4] = {'#', '#', '#', '#'};
        size_t n = sheet_utf8_bmp(cases[i].cp, out);
        assert_int_equal(n, strlen(cases[i].utf8));
        assert_memory_equal(out, cases[i].utf8, n);
        assert_int_equal(out[n], '#'); /* nothing written beyond */
    }
}

static void test_number_text(void **state)
{
    (void)state;
    char b[40];
    assert_string_equal(sheet_number_text(1234, 17, b), "1234");
    assert_string_equal(sheet_number_text(-0.0, 17, b), "0");
    assert_string_equal(sheet_number_text(0.1, 17, b), "0.1");
    assert_string_equal(sheet_number_text(1.0 / 3, 17, b), "0.3333333333333333");
    assert_string_equal(sheet_number_text(0.07000000000000001, 17, b), "0.07");
    assert_string_equal(sheet_number_text(2.5e-7, 17, b), "2.5e-07");
    assert_string_equal(sheet_number_text(12345678901234567.0, 17, b), "12345678901234568");
    assert_string_equal(sheet_number_text(1e20, 17, b), "1e+20");
    /* a percent cell: 100 × 0.07 is 7.000000000000001 in binary; 15 digits say 7 */
    assert_string_equal(sheet_number_text(0.07 * 100, 15, b), "7");
    assert_string_equal(sheet_number_text(0.075 * 100, 15, b), "7.5");
}

static void test_serial_dates(void **state)
{
    (void)state;
    int64_t s;
    char b[40];
    /* 1900 system: 1 = 1900-01-01; 59 = 1900-02-28; 60 = the nonexistent 1900-02-29 */
    assert_int_equal(sheet_serial_to_local(1, 0, &s), 0);
    assert_string_equal(sheet_datetime_text(s, b), "1900-01-01 00:00:00");
    assert_int_equal(sheet_serial_to_local(59, 0, &s), 0);
    assert_string_equal(sheet_datetime_text(s, b), "1900-02-28 00:00:00");
    assert_int_equal(sheet_serial_to_local(60, 0, &s), 0);
    assert_string_equal(sheet_datetime_text(s, b), "1900-03-01 00:00:00");
    assert_int_equal(sheet_serial_to_local(61, 0, &s), 0);
    assert_string_equal(sheet_datetime_text(s, b), "1900-03-01 00:00:00");
    assert_int_equal(sheet_serial_to_local(25569, 0, &s), 0);
    assert_int_equal(s, 0); /* 1970-01-01 */
    assert_int_equal(sheet_serial_to_local(45000.5, 0, &s), 0);
    assert_string_equal(sheet_datetime_text(s, b), "2023-03-15 12:00:00");
    /* libxlsxwriter's 2026-10-05 10:30:15; to the nearest second, not truncated */
    assert_int_equal(sheet_serial_to_local(46300.43767361111, 0, &s), 0);
    assert_string_equal(sheet_datetime_text(s, b), "2026-10-05 10:30:15");
    assert_int_equal(sheet_serial_to_local(46300.0 + 86399.6 / 86400, 0, &s), 0);
    assert_string_equal(sheet_datetime_text(s, b), "2026-10-06 00:00:00");
    /* 1904 system: 0 = 1904-01-01, 1462 days after the 1900 system's serials */
    assert_int_equal(sheet_serial_to_local(0, 1, &s), 0);
    assert_string_equal(sheet_datetime_text(s, b), "1904-01-01 00:00:00");
    assert_int_equal(sheet_serial_to_local(46300.43767361111 - 1462, 1, &s), 0);
    assert_string_equal(sheet_datetime_text(s, b), "2026-10-05 10:30:15");
    assert_int_equal(sheet_serial_to_local(2958465.99999, 0, &s), 0);
    assert_string_equal(sheet_datetime_text(s, b), "9999-12-31 23:59:59");
    assert_int_equal(sheet_serial_to_local(-1, 0, &s), -1);
    assert_int_equal(sheet_serial_to_local(2958466, 0, &s), -1);
    assert_int_equal(sheet_serial_to_local(0.0 / 0.0, 0, &s), -1);
    assert_string_equal(sheet_duration_text(36 * 3600 + 61, b), "36:01:01");
    assert_string_equal(sheet_duration_text(-90, b), "-0:01:30");
}

static void test_format_kinds(void **state)
{
    (void)state;
    assert_int_equal(sheet_format_kind("yyyy-mm-dd hh:mm:ss"), SHEET_FMT_DATE);
    assert_int_equal(sheet_format_kind("yyyy\\-mm\\-dd\\ hh:mm:ss"), SHEET_FMT_DATE);
    assert_int_equal(sheet_format_kind("[$-409]d-mmm-yy;@"), SHEET_FMT_DATE);
    assert_int_equal(sheet_format_kind("m/d/yyyy h:mm AM/PM"), SHEET_FMT_DATE);
    assert_int_equal(sheet_format_kind("mmm yy"), SHEET_FMT_DATE);
    assert_int_equal(sheet_format_kind("h:mm"), SHEET_FMT_DURATION);
    assert_int_equal(sheet_format_kind("[h]:mm"), SHEET_FMT_DURATION);
    assert_int_equal(sheet_format_kind("[h]:mm:ss"), SHEET_FMT_DURATION);
    assert_int_equal(sheet_format_kind("mm:ss"), SHEET_FMT_DURATION); /* m before s: minutes */
    assert_int_equal(sheet_format_kind("hh:mm AM/PM"), SHEET_FMT_DURATION);
    assert_int_equal(sheet_format_kind("0.0%"), SHEET_FMT_PERCENT);
    assert_int_equal(sheet_format_kind("General"), SHEET_FMT_GENERAL);
    assert_int_equal(sheet_format_kind("0.00E+00"), SHEET_FMT_GENERAL);
    assert_int_equal(sheet_format_kind("[Red]#,##0.00"), SHEET_FMT_GENERAL);
    assert_int_equal(sheet_format_kind("0\" days\""), SHEET_FMT_GENERAL); /* quoted: no date */
    assert_int_equal(sheet_format_kind("#,##0;[Red]-#,##0"), SHEET_FMT_GENERAL);
    assert_int_equal(sheet_format_kind("@"), SHEET_FMT_GENERAL);
    assert_int_equal(sheet_builtin_kind(14), SHEET_FMT_DATE);
    assert_int_equal(sheet_builtin_kind(22), SHEET_FMT_DATE);
    assert_int_equal(sheet_builtin_kind(18), SHEET_FMT_DURATION);
    assert_int_equal(sheet_builtin_kind(46), SHEET_FMT_DURATION);
    assert_int_equal(sheet_builtin_kind(10), SHEET_FMT_PERCENT);
    assert_int_equal(sheet_builtin_kind(0), SHEET_FMT_GENERAL);
    assert_int_equal(sheet_builtin_kind(49), SHEET_FMT_GENERAL);
}

/* ---- .xlsx ---- */

static void test_xlsx_libxlsxwriter(void **state)
{
    (void)state;
    const char *path = tpath("lxw.xlsx");
    lxw_workbook *wb = workbook_new(path);
    lxw_worksheet *ws = workbook_add_worksheet(wb, "Export");
    lxw_format *dt = workbook_add_format(wb), *day = workbook_add_format(wb);
    lxw_format *dur = workbook_add_format(wb), *pct = workbook_add_format(wb);
    lxw_format *bold = workbook_add_format(wb), *two = workbook_add_format(wb);
    format_set_num_format(dt, "yyyy-mm-dd hh:mm");
    format_set_num_format(day, "dd/mm/yyyy");
    format_set_num_format(dur, "[h]:mm:ss");
    format_set_num_format(pct, "0.0%");
    format_set_num_format(two, "0.00");
    format_set_bold(bold);
    const char *head[] = {"Number", "Opened", "Day",   "Took", "Done",
                          "Share",  "Ratio",  "Title", "Twice"};
    for (int c = 0; c < 9; c++)
        worksheet_write_string(ws, 0, (lxw_col_t)c, head[c], NULL);
    worksheet_write_number(ws, 1, 0, 1234, NULL);
    lxw_datetime when = {2026, 10, 5, 10, 30, 15.4};
    worksheet_write_datetime(ws, 1, 1, &when, dt);
    lxw_datetime d = {2026, 10, 5, 0, 0, 0};
    worksheet_write_datetime(ws, 1, 2, &d, day);
    worksheet_write_number(ws, 1, 3, 1.5, dur);
    worksheet_write_boolean(ws, 1, 4, 1, NULL);
    worksheet_write_number(ws, 1, 5, 0.075, pct);
    worksheet_write_number(ws, 1, 6, 2.5, two);
    lxw_rich_string_tuple f1 = {NULL, "Mail "}, f2 = {bold, "down"};
    lxw_rich_string_tuple *rich[] = {&f1, &f2, NULL};
    worksheet_write_rich_string(ws, 1, 7, rich, NULL);
    worksheet_write_formula_num(ws, 1, 8, "=A2*2", NULL, 2468);
    /* row 3 left empty; row 4 sparse */
    worksheet_write_string(ws, 3, 0, "  spaced  ", NULL);
    worksheet_write_boolean(ws, 3, 4, 0, NULL);
    worksheet_write_number(ws, 3, 6, -0.5, NULL);
    assert_int_equal(workbook_close(wb), LXW_NO_ERROR);
    /* 2026-10-05 10:30:15 is 1791196215 in wall-clock seconds */
    expect_rows(path, NULL,
                "1: Number|Opened|Day|Took|Done|Share|Ratio|Title|Twice\n"
                "2: 1234#|2026-10-05 10:30:15{t1791196215}|2026-10-05 00:00:00{t1791158400}|"
                "36:00:00{s129600}|TRUE{b1}|7.5#|2.5#|Mail down|2468#\n"
                "4:   spaced  ||||FALSE{b0}||-0.5#\n");
}

/* The header holds an "id" column (a score of 2), or is the title row (0). */
static int score(const rows_record_t *h, void *ctx)
{
    ++*(int *)ctx;
    for (size_t i = 0; i < h->nfields; i++)
        if (!strcmp(h->fields[i], "id"))
            return 2;
    return 0;
}

static void test_xlsx_sheets(void **state)
{
    (void)state;
    const char *path = tpath("sheets.xlsx");
    const char *names[] = {"Page 1", "Summary", "Page 2", "Empty"};
    const char *bodies[] = {
        "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>Report</t></is></c></row>"
        "<row r=\"3\"><c r=\"A3\" t=\"inlineStr\"><is><t>id</t></is></c>"
        "<c r=\"B3\" t=\"inlineStr\"><is><t>kind</t></is></c></row>"
        "<row r=\"4\"><c r=\"A4\"><v>1</v></c><c r=\"B4\" "
        "t=\"inlineStr\"><is><t>a</t></is></c></row>",
        "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>total</t></is></c></row>",
        "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t> id </t></is></c>"
        "<c r=\"B1\" t=\"inlineStr\"><is><t>kind</t></is></c></row>"
        "<row r=\"2\"><c r=\"A2\"><v>2</v></c><c r=\"B2\" "
        "t=\"inlineStr\"><is><t>b</t></is></c></row>",
        ""};
    xlsx_write(path, NULL, NULL, NULL, 4, names, bodies);

    /* without a header: the first sheet, and a later one only if its first row is the first
     * sheet's first row (here none is) */
    result_t r;
    dump(&r, path, NULL, 0);
    assert_null(r.error);
    assert_string_equal(r.text, "1[Page 1]: Report\n3[Page 1]: id|kind\n4[Page 1]: 1#|a\n");
    assert_string_equal(r.sheets, "Page 1");
    result_free(&r);

    /* with the header found (row 3): Page 2 repeats it, its rows follow; Summary does not */
    rows_t *rows;
    diag_t d = {0};
    rows_options_t o = {0};
    assert_int_equal(rows_open(path, NULL, &o, &rows, &d), ST_OK);
    rows_record_t rec;
    int score_calls = 0;
    assert_int_equal(rows_find_header(rows, score, &score_calls, &rec), 1);
    assert_int_equal(rec.line, 3);
    assert_int_equal(rows_next(rows, &rec), 1);
    assert_int_equal(rec.line, 4);
    assert_string_equal(rec.sheet, "Page 1");
    assert_int_equal(rows_next(rows, &rec), 1);
    assert_int_equal(rec.line, 2);
    assert_string_equal(rec.sheet, "Page 2");
    assert_string_equal(rec.fields[1], "b");
    assert_int_equal(rows_next(rows, &rec), 0);
    assert_string_equal(rows_sheets(rows), "Page 1, Page 2");
    assert_int_equal(rows_sheet_count(rows), 4);
    /* a second pass starts after the header again */
    assert_int_equal(rows_rewind_to_data(rows, &d), ST_OK);
    assert_int_equal(rows_next(rows, &rec), 1);
    assert_int_equal(rec.line, 4);
    rows_close(rows);

    /* a sheet by name (also differing in case), by index; none such */
    expect_rows(path, "Summary", "1[Summary]: total\n");
    expect_rows(path, "summary", "1[Summary]: total\n");
    expect_rows(path, "3", "1[Page 2]:  id |kind\n2[Page 2]: 2#|b\n");
    expect_rows(path, "4", "");
    dump(&r, path, "Sheet9", 0);
    assert_int_equal(r.open, ST_DATA);
    assert_non_null(strstr(r.error, "no sheet named 'Sheet9' (its sheets: 'Page 1', 'Summary', "
                                    "'Page 2', 'Empty')"));
    result_free(&r);
    dump(&r, path, "5", 0);
    assert_non_null(strstr(r.error, "sheet: 5, but the workbook has 4 sheets"));
    result_free(&r);

    /* header_row names the header */
    rows_options_t o3 = {0, CSV_ENC_AUTO, NULL, 3};
    assert_int_equal(rows_open(path, NULL, &o3, &rows, &d), ST_OK);
    assert_int_equal(rows_find_header(rows, score, &score_calls, &rec), 1);
    assert_int_equal(rec.line, 3);
    rows_close(rows);
    rows_options_t o2 = {0, CSV_ENC_AUTO, NULL, 2};
    assert_int_equal(rows_open(path, NULL, &o2, &rows, &d), ST_OK);
    assert_int_equal(rows_find_header(rows, score, &score_calls, &rec), -1);
    assert_non_null(strstr(rows_error(rows)->message, "header_row: 2, but that row is empty"));
    rows_close(rows);
    assert_true(score_calls > 0);
}

static void test_xlsx_parts(void **state)
{
    (void)state;
    const char *path = tpath("parts.xlsx");
    const char *styles =
        "<styleSheet xmlns=\"" NS_MAIN "\"><numFmts count=\"2\">"
        "<numFmt numFmtId=\"164\" formatCode=\"d/m/yyyy h:mm\"/>"
        "<numFmt numFmtId=\"165\" formatCode=\"[h]:mm\"/></numFmts>"
        "<cellStyleXfs count=\"1\"><xf numFmtId=\"14\"/></cellStyleXfs>"
        "<cellXfs count=\"5\"><xf numFmtId=\"0\"/><xf numFmtId=\"164\"/><xf numFmtId=\"165\"/>"
        "<xf numFmtId=\"14\"/><xf numFmtId=\"9\"/></cellXfs></styleSheet>";
    const char *sst = "<sst xmlns=\"" NS_MAIN "\" count=\"3\" uniqueCount=\"3\">"
                      "<si><t>Number</t></si>"
                      "<si><r><rPr><b/></rPr><t xml:space=\"preserve\">Rich </t></r><r><t>text</t>"
                      "</r><rPh sb=\"0\" eb=\"1\"><t>PHONETIC</t></rPh></si>"
                      "<si><t>line_x000D__x000A_two _x005F_x0041_</t></si></sst>";
    const char *body =
        "<row r=\"2\"><c r=\"B2\" t=\"s\"><v>0</v></c><c t=\"s\"><v>1</v></c>"
        "<c t=\"s\"><v>2</v></c></row>"
        "<row><c r=\"A3\" s=\"1\"><v>46300.4375</v></c><c r=\"B3\" s=\"2\"><v>1.25</v></c>"
        "<c r=\"C3\" s=\"3\"><v>1</v></c><c r=\"D3\" s=\"4\"><v>0.5</v></c>"
        "<c r=\"E3\" t=\"e\"><v>#N/A</v></c><c r=\"F3\" t=\"d\"><v>2026-10-05T08:00:00</v></c>"
        "<c r=\"G3\" t=\"str\"><f>A1</f><v>formula text</v></c><c r=\"H3\" s=\"9\"><v>7</v></c>"
        "<c r=\"I3\" t=\"d\"><v>2026-10-05T08:00:00+02:00</v></c>"
        "</row>"
        "<row r=\"5\"><c r=\"C5\" s=\"1\"/><c r=\"D5\" t=\"e\"><v>#REF!</v></c></row>"
        "<row r=\"7\" spans=\"1:3\"><c r=\"C7\" t=\"inlineStr\"><is><r><t>in</t></r><r><t>line</t>"
        "</r></is></c></row>";
    const char *names[] = {"Data"};
    /* the 1904 date system: the serial of 2026-10-05 10:30 is 1462 days smaller */
    xlsx_write(path, "<workbookPr date1904=\"1\"/>", styles, sst, 1, names, &body);
    result_t r;
    dump(&r, path, NULL, 0);
    assert_null(r.error);
    assert_string_equal(r.text,
                        "2: |Number|Rich text|line\r\ntwo _x0041_\n"
                        "3: 2030-10-06 10:30:00{t1917513000}|30:00:00{s108000}|"
                        "1904-01-02 00:00:00{t-2082758400}|50#|!|2026-10-05 08:00:00{t1791187200}|"
                        "formula text|7#|2026-10-05T08:00:00+02:00\n"
                        "7: ||inline\n");
    /* error cells: empty, counted, the first place kept */
    assert_string_equal(r.warnings, "error cell (#N/A, #VALUE!, …) read as empty x2 @3:5 (#N/A)\n");
    result_free(&r);

    /* prefixed element names and a relationship target outside xl/ */
    const char *prefixed = "<?xml version=\"1.0\"?><x:worksheet xmlns:x=\"" NS_MAIN
                           "\"><x:sheetData><x:row r=\"1\"><x:c r=\"A1\" t=\"inlineStr\"><x:is>"
                           "<x:t>ok</x:t></x:is></x:c><x:c r=\"B1\"><x:v>1.5</x:v></x:c></x:row>"
                           "</x:sheetData></x:worksheet>";
    xlsx_one(tpath("prefixed.xlsx"), prefixed);
    expect_rows(tpath("prefixed.xlsx"), NULL, "1: ok|1.5#\n");
}

static void test_xlsx_bounds(void **state)
{
    (void)state;
    xlsx_one(tpath("rows.xlsx"), "<row r=\"1048576\"><c r=\"A1048576\"><v>1</v></c></row>"
                                 "<row r=\"1048577\"><c r=\"A1048577\"><v>1</v></c></row>");
    expect_error(tpath("rows.xlsx"), ST_DATA,
                 "book:1048577: error: more than 1,048,576 rows, the most a sheet has");
    xlsx_one(tpath("cols.xlsx"), "<row r=\"2\"><c r=\"XFD2\"><v>1</v></c><c r=\"XFE2\"><v>1</v></c>"
                                 "</row>");
    expect_error(tpath("cols.xlsx"), ST_DATA,
                 "book:2:16385: error: a cell beyond column 16,384 (XFD)");
    xlsx_one(tpath("sst-index.xlsx"), "<row r=\"1\"><c r=\"B1\" t=\"s\"><v>7</v></c></row>");
    expect_error(tpath("sst-index.xlsx"), ST_DATA,
                 "book:1:2: error: shared string 7 does not exist");
    xlsx_one(tpath("malformed.xlsx"), "<row r=\"1\"><c r=\"A1\"><v>1</v></row>");
    expect_error(tpath("malformed.xlsx"), ST_DATA,
                 "malformed XML in 'xl/worksheets/sheet1.xml' at line 1, column");
    xlsx_one(tpath("entity.xlsx"),
             "<?xml version=\"1.0\"?><!DOCTYPE worksheet [<!ENTITY a \"aaaaaaaaaa\">]>"
             "<worksheet xmlns=\"" NS_MAIN "\"><sheetData><row r=\"1\"><c r=\"A1\" "
             "t=\"inlineStr\"><is><t>&a;</t></is></c></row></sheetData></worksheet>");
    expect_error(tpath("entity.xlsx"), ST_DATA, "a document type declaration (<!DOCTYPE>)");
    xlsx_one(tpath("external.xlsx"),
             "<?xml version=\"1.0\"?><!DOCTYPE worksheet SYSTEM \"file:///etc/passwd\">"
             "<worksheet xmlns=\"" NS_MAIN "\"><sheetData/></worksheet>");
    expect_error(tpath("external.xlsx"), ST_DATA, "document type declaration");

    /* a truncated archive: the first half of a valid workbook */
    xlsx_one(tpath("whole.xlsx"), "<row r=\"1\"><c r=\"A1\"><v>1</v></c></row>");
    FILE *f = fopen(tpath("whole.xlsx"), "rb");
    char buf[8192];
    size_t n = fread(buf, 1, sizeof buf, f);
    fclose(f);
    file_write(tpath("truncated.xlsx"), buf, n / 2);
    expect_error(tpath("truncated.xlsx"), ST_DATA, "a damaged or truncated zip archive");
}

/* A zip of one deflated member whose directory claims `declared` bytes. */
static void zip_lying(const char *path, const char *name, const char *text, uint32_t declared)
{
    unsigned char comp[4096];
    z_stream zs;
    memset(&zs, 0, sizeof zs);
    assert_int_equal(deflateInit2(&zs, 9, Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY), Z_OK);
    zs.next_in = (unsigned char *)text;
    zs.avail_in = (uInt)strlen(text);
    zs.next_out = comp;
    zs.avail_out = sizeof comp;
    assert_int_equal(deflate(&zs, Z_FINISH), Z_STREAM_END);
    uint32_t clen = (uint32_t)zs.total_out;
    deflateEnd(&zs);
    uint32_t crc = (uint32_t)crc32(0, (const unsigned char *)text, (uInt)strlen(text));
    unsigned char out[8192];
    size_t o = 0, nl = strlen(name);
#define U16(v) (out[o++] = (unsigned char)(v), out[o++] = (unsigned char)((v) >> 8))
#define U32(v) (U16((v)&0xFFFF), U16((uint32_t)(v) >> 16))
    U32(0x04034b50u), U16(20), U16(0), U16(8), U16(0), U16(0), U32(crc), U32(clen), U32(declared);
    U16(nl), U16(0);
    memcpy(out + o, name, nl), o += nl;
    memcpy(out + o, comp, clen), o += clen;
    size_t cd = o;
    U32(0x02014b50u), U16(20), U16(20), U16(0), U16(8), U16(0), U16(0), U32(crc), U32(clen);
    U32(declared), U16(nl), U16(0), U16(0), U16(0), U16(0), U32(0), U32(0);
    memcpy(out + o, name, nl), o += nl;
    size_t cdlen = o - cd;
    U32(0x06054b50u), U16(0), U16(0), U16(1), U16(1), U32(cdlen), U32(cd), U16(0);
#undef U16
#undef U32
    file_write(path, out, o);
}

static void test_zip_bombs(void **state)
{
    (void)state;
    /* the directory says 2 GiB from a few bytes: refused before inflating a byte */
    zip_lying(tpath("bomb.xlsx"), "xl/workbook.xml", "<workbook/>", 0x80000000u);
    expect_error(tpath("bomb.xlsx"), ST_DATA,
                 "(more than 100 times and more than 1 GiB): a zip bomb");
    /* the directory says 10 bytes and the member inflates to more: caught while inflating */
    char big[3000];
    memset(big, ' ', sizeof big - 1);
    big[sizeof big - 1] = '\0';
    memcpy(big, "<workbook>", 10);
    memcpy(big + sizeof big - 12, "</workbook>", 11);
    zip_lying(tpath("liar.xlsx"), "xl/workbook.xml", big, 10);
    result_t r;
    dump(&r, tpath("liar.xlsx"), NULL, 0);
    assert_int_equal(r.open, ST_DATA);
    assert_non_null(r.error);
    result_free(&r);
}

static void test_shared_string_bound(void **state)
{
    (void)state;
    /* 10,000,001 shared strings (55 MB of XML, generated here, not kept) */
    size_t n = 10000001;
    strbuf_t sst = {0};
    strbuf_puts(&sst, "<sst xmlns=\"" NS_MAIN "\">");
    for (size_t i = 0; i < n; i++)
        strbuf_append(&sst, "<si/>", 5);
    strbuf_puts(&sst, "</sst>");
    const char *names[] = {"Data"};
    const char *body = "<row r=\"1\"><c r=\"A1\"><v>1</v></c></row>";
    xlsx_write(tpath("sst.xlsx"), NULL, NULL, sst.data, 1, names, &body);
    strbuf_clear(&sst);
    expect_error(tpath("sst.xlsx"), ST_DATA, "more than 10 million shared strings");
    unlink(tpath("sst.xlsx"));
}

/* ---- .ods ---- */

static void test_ods(void **state)
{
    (void)state;
    const char *tables =
        "<table:table table:name=\"Tickets\"><table:table-column "
        "table:number-columns-repeated=\"4\"/>"
        "<table:table-row><table:table-cell office:value-type=\"string\"><text:p>id</text:p>"
        "</table:table-cell><table:table-cell office:value-type=\"string\"><text:p>when</text:p>"
        "</table:table-cell><table:table-cell office:value-type=\"string\"><text:p>took</text:p>"
        "</table:table-cell><table:table-cell office:value-type=\"string\"><text:p>note</text:p>"
        "</table:table-cell></table:table-row>"
        /* an empty row repeated: counted, never materialised */
        "<table:table-row table:number-rows-repeated=\"2\"><table:table-cell "
        "table:number-columns-repeated=\"4\"/></table:table-row>"
        "<table:table-row table:number-rows-repeated=\"2\">"
        "<table:table-cell office:value-type=\"float\" office:value=\"1234\"><text:p>1,234</text:p>"
        "</table:table-cell><table:table-cell office:value-type=\"date\" "
        "office:date-value=\"2026-10-05T10:30:15.6\"><text:p>05/10/26</text:p></table:table-cell>"
        "<table:table-cell office:value-type=\"time\" office:time-value=\"PT26H30M00S\">"
        "<text:p>26:30</text:p></table:table-cell><table:table-cell office:value-type=\"string\">"
        "<text:p>a<text:s text:c=\"3\"/>b<text:span>c</text:span></text:p><text:p>second"
        "<text:tab/>line</text:p><office:annotation><text:p>NOT THIS</text:p></office:annotation>"
        "</table:table-cell></table:table-row>"
        "<table:table-row><table:table-cell office:value-type=\"percentage\" office:value=\"0.07\">"
        "<text:p>7%</text:p></table:table-cell><table:table-cell office:value-type=\"boolean\" "
        "office:boolean-value=\"true\"><text:p>TRUE</text:p></table:table-cell>"
        "<table:table-cell table:number-columns-spanned=\"2\" office:value-type=\"string\">"
        "<text:p>merged</text:p></table:table-cell><table:covered-table-cell "
        "office:value-type=\"string\"><text:p>HIDDEN</text:p></table:covered-table-cell>"
        "<table:table-cell office:value-type=\"float\" office:value=\"0\" "
        "calcext:value-type=\"error\"><text:p>#DIV/0!</text:p></table:table-cell>"
        "<table:table-cell office:value-type=\"string\" office:string-value=\"attr\"/>"
        "<table:table-cell table:number-columns-repeated=\"16370\"/></table:table-row>"
        "<table:table-row table:number-rows-repeated=\"1048569\"><table:table-cell "
        "table:number-columns-repeated=\"16384\"/></table:table-row></table:table>"
        "<table:table table:name=\"Other\"><table:table-row><table:table-cell "
        "office:value-type=\"date\" office:date-value=\"2026-10-06\"/></table:table-row>"
        "</table:table>";
    ods_write(tpath("book.ods"), tables);
    result_t r;
    dump(&r, tpath("book.ods"), NULL, 0);
    assert_null(r.error);
    assert_string_equal(r.format, "ods");
    /* 10:30:15.6 rounds to :16; the annotation and the covered cell are not text */
    assert_string_equal(r.text,
                        "1[Tickets]: id|when|took|note\n"
                        "4[Tickets]: 1234#|2026-10-05 10:30:16{t1791196216}|26:30:00{s95400}|"
                        "a   bc\nsecond\tline\n"
                        "5[Tickets]: 1234#|2026-10-05 10:30:16{t1791196216}|26:30:00{s95400}|"
                        "a   bc\nsecond\tline\n"
                        "6[Tickets]: 7#|TRUE{b1}|merged||!|attr\n");
    assert_string_equal(r.sheets, "Tickets");
    assert_string_equal(
        r.warnings, "error cell (#N/A, #VALUE!, …) read as empty x1 @6:5 [Tickets] (#DIV/0!)\n");
    result_free(&r);
    expect_rows(tpath("book.ods"), "Other", "1[Other]: 2026-10-06 00:00:00{t1791244800}\n");
    expect_rows(tpath("book.ods"), "2", "1[Other]: 2026-10-06 00:00:00{t1791244800}\n");

    /* a non-empty row repeated past the last row of a sheet */
    ods_write(
        tpath("rows.ods"),
        "<table:table table:name=\"T\"><table:table-row table:number-rows-repeated=\"1048577\">"
        "<table:table-cell office:value-type=\"float\" office:value=\"1\"/></table:table-row>"
        "</table:table>");
    expect_error(tpath("rows.ods"), ST_DATA, "book:1048577: error: more than 1,048,576 rows");
    ods_write(
        tpath("cols.ods"),
        "<table:table table:name=\"T\"><table:table-row><table:table-cell "
        "table:number-columns-repeated=\"16384\"/><table:table-cell office:value-type=\"float\" "
        "office:value=\"1\"/></table:table-row></table:table>");
    expect_error(tpath("cols.ods"), ST_DATA, "book:1:16385: error: a cell beyond column 16,384");
    ods_write(tpath("bad.ods"), "<table:table table:name=\"T\"><table:table-row></table:table>");
    expect_error(tpath("bad.ods"), ST_DATA, "malformed XML in 'content.xml'");
}

/* ---- detection and refused files ---- */

/* A minimal OLE2 compound file whose directory holds one stream named `stream`. */
static void ole2_write(const char *path, const char *stream)
{
    unsigned char f[512 * 3];
    memset(f, 0, sizeof f);
    memcpy(f, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8);
    f[0x1A] = 0x3E, f[0x1C] = 0xFE, f[0x1D] = 0xFF, f[0x1E] = 9, f[0x20] = 6;
    f[0x2C] = 1;                            /* one FAT sector: sector 0 */
    f[0x30] = 1;                            /* the directory starts at sector 1 */
    memset(f + 0x38, 0, 4), f[0x39] = 0x10; /* mini stream cutoff 4096 */
    memset(f + 0x3C, 0xFE, 4), memset(f + 0x44, 0xFE, 4);
    memset(f + 0x4C, 0xFF, 109 * 4);
    memset(f + 0x4C, 0, 4);       /* DIFAT[0] = sector 0 */
    unsigned char *fat = f + 512; /* sector 0 */
    memset(fat, 0xFF, 512);
    memcpy(fat, "\xFD\xFF\xFF\xFF\xFE\xFF\xFF\xFF", 8); /* FAT sector, directory end of chain */
    unsigned char *dirs = f + 1024;                     /* sector 1 */
    const char *root = "Root Entry";
    for (size_t i = 0; root[i]; i++)
        dirs[2 * i] = (unsigned char)root[i];
    dirs[0x40] = (unsigned char)(2 * strlen(root) + 2), dirs[0x42] = 5;
    unsigned char *e = dirs + 128;
    for (size_t i = 0; stream[i]; i++)
        e[2 * i] = (unsigned char)stream[i];
    e[0x40] = (unsigned char)(2 * strlen(stream) + 2), e[0x42] = 2;
    file_write(path, f, sizeof f);
}

static void test_refused(void **state)
{
    (void)state;
    const char *pdf = "%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n";
    file_write(tpath("report.csv"), pdf, strlen(pdf));
    expect_error(tpath("report.csv"), ST_DATA, "book: error: a PDF document, not a table");
    const char *html = "\xEF\xBB\xBF\r\n  <html><body><table><tr><td>id</td></tr></table>";
    file_write(tpath("export.xls"), html, strlen(html));
    expect_error(tpath("export.xls"), ST_DATA, "an HTML page (web tools often save these");
    const char *table = "<table border=1><tr><th>id</th></tr></table>";
    file_write(tpath("t.xls"), table, strlen(table));
    expect_error(tpath("t.xls"), ST_DATA, "an HTML page");
    const char *doctype = "<!DOCTYPE HTML PUBLIC \"-//W3C//DTD HTML 4.01//EN\">\n<HTML>";
    file_write(tpath("d.xls"), doctype, strlen(doctype));
    expect_error(tpath("d.xls"), ST_DATA, "an HTML page");
    const char *ss2003 = "<?xml version=\"1.0\"?>\n<?mso-application progid=\"Excel.Sheet\"?>\n"
                         "<!-- saved -->\n<Workbook xmlns=\"urn:schemas-microsoft-com:office:"
                         "spreadsheet\">";
    file_write(tpath("ss.xml"), ss2003, strlen(ss2003));
    expect_error(tpath("ss.xml"), ST_DATA, "an Excel 2003 XML spreadsheet (SpreadsheetML)");
    const char *other = "<?xml version=\"1.0\"?><rss version=\"2.0\">";
    file_write(tpath("o.xml"), other, strlen(other));
    expect_error(tpath("o.xml"), ST_DATA, "an XML document (root element <rss>)");
    /* UTF-16 with a byte-order mark is looked at as text too */
    const char u16[] = "\xFF\xFE%\0P\0D\0F\0-\0";
    file_write(tpath("u16.csv"), u16, sizeof u16 - 1);
    expect_error(tpath("u16.csv"), ST_DATA, "a PDF document");

    const char *notbook[] = {"readme.txt", "hello", "data/tickets.csv", "id,kind\n", NULL};
    zip_write(tpath("archive.xlsx"), notbook);
    expect_error(tpath("archive.xlsx"), ST_DATA, "a zip archive that is not a workbook");
    const char *docx[] = {"word/document.xml", "<w/>", NULL};
    zip_write(tpath("w.xlsx"), docx);
    expect_error(tpath("w.xlsx"), ST_DATA, "a Word document (.docx)");
    const char *odt[] = {"mimetype", "application/vnd.oasis.opendocument.text", NULL};
    zip_write(tpath("t.ods"), odt);
    expect_error(tpath("t.ods"), ST_DATA, "an OpenDocument file that is not a spreadsheet");
    const char *xlsb[] = {"xl/workbook.bin", "x", NULL};
    zip_write(tpath("b.xlsx"), xlsb);
    expect_error(tpath("b.xlsx"), ST_DATA, "an Excel binary workbook (.xlsb)");
    const char *nosheet[] = {"xl/workbook.xml", "<workbook><sheets/></workbook>", NULL};
    zip_write(tpath("nosheet.xlsx"), nosheet);
    expect_error(tpath("nosheet.xlsx"), ST_DATA, "the workbook has no worksheet");

    ole2_write(tpath("locked.xlsx"), "EncryptedPackage");
    expect_error(tpath("locked.xlsx"), ST_DATA,
                 "a password-protected workbook: save it without a password");
    ole2_write(tpath("doc.xls"), "WordDocument");
    expect_error(tpath("doc.xls"), ST_DATA, "a Word document (.doc)");
    ole2_write(tpath("other.xls"), "Contents");
    expect_error(tpath("other.xls"), ST_DATA, "an OLE2 compound file without an Excel workbook");
    /* a Workbook stream FreeXL cannot read: refused with FreeXL's reason, no crash */
    ole2_write(tpath("empty.xls"), "Workbook");
    expect_error(tpath("empty.xls"), ST_DATA, "cannot read the .xls workbook");

    /* an .xls on which FreeXL reads past a stack buffer (found by fuzzing): FreeXL runs in a
     * child process, so the run gets its error, never the damage */
    expect_error("tests/bad/freexl-overread.xls", ST_DATA, "the .xls workbook");

    /* an XES log opens but gives no rows to a row reader */
    const char *xes = "<?xml version=\"1.0\"?>\n<log xes.version=\"1.0\"><trace/></log>";
    file_write(tpath("log.xes"), xes, strlen(xes));
    result_t r;
    dump(&r, tpath("log.xes"), NULL, 0);
    assert_int_equal(r.open, ST_OK);
    assert_string_equal(r.format, "xes");
    assert_non_null(strstr(r.error, "an XES event log"));
    result_free(&r);
    /* CSV stays CSV, also one starting with a '<' that is no markup */
    const char *csv = "id,kind\n1,incident\n";
    file_write(tpath("plain.xlsx"), csv, strlen(csv));
    expect_rows(tpath("plain.xlsx"), NULL, "1: id|kind\n2: 1|incident\n");
    /* a missing file */
    dump(&r, tpath("missing.xlsx"), NULL, 0);
    assert_int_equal(r.open, ST_NOINPUT);
    result_free(&r);
}

static void test_gzip(void **state)
{
    (void)state;
    /* the LibreOffice fixtures, gzipped: a zip and an OLE2 workbook inflated in memory */
    const char *fx[] = {"tests/fixtures/sheets/tickets.xlsx", "tests/fixtures/sheets/tickets.xls"};
    for (size_t i = 0; i < 2; i++) {
        char cmd[600];
        snprintf(cmd, sizeof cmd, "gzip -c '%s' >'%s'", fx[i], tpath(i ? "t.xls.gz" : "t.xlsx.gz"));
        assert_int_equal(system(cmd), 0);
        result_t plain, gz;
        dump(&plain, fx[i], NULL, 0);
        dump(&gz, tpath(i ? "t.xls.gz" : "t.xlsx.gz"), NULL, 0);
        assert_null(gz.error);
        assert_string_equal(gz.format, i ? "xls" : "xlsx");
        assert_string_equal(gz.text, plain.text);
        assert_true(strlen(plain.text) > 100);
        result_free(&plain);
        result_free(&gz);
    }
    /* a gzipped workbook cut short */
    FILE *f = fopen(tpath("t.xlsx.gz"), "rb");
    char buf[4096];
    size_t n = fread(buf, 1, sizeof buf, f);
    fclose(f);
    file_write(tpath("cut.xlsx.gz"), buf, n * 2 / 3);
    expect_error(tpath("cut.xlsx.gz"), ST_DATA, "the compressed file ends early");
}

/* Rewrites the text cell (row, col) of an .xls (a LABELSST record) into a BOOLERR record. */
static void xls_patch(unsigned char *d, size_t n, unsigned row, unsigned col, unsigned char value,
                      unsigned char is_error)
{
    unsigned char pat[8] = {0xFD, 0x00, 10, 0, (unsigned char)row, 0, (unsigned char)col, 0};
    for (size_t i = 0; i + 14 <= n; i++)
        if (!memcmp(d + i, pat, 8)) {
            d[i] = 0x05, d[i + 1] = 0x02; /* the record keeps its length: 8 bytes used */
            d[i + 10] = value, d[i + 11] = is_error;
            return;
        }
    fail_msg("no LABELSST record for %u:%u", row, col);
}

static void test_xls(void **state)
{
    (void)state;
    FILE *f = fopen("tests/fixtures/sheets/tickets.xls", "rb");
    assert_non_null(f);
    static unsigned char d[65536];
    size_t n = fread(d, 1, sizeof d, f);
    fclose(f);
    /* FreeXL leaves booleans and errors empty; the workbook stream's records give them */
    xls_patch(d, n, 1, 1, 1, 0);    /* B2 TRUE */
    xls_patch(d, n, 2, 1, 0x2A, 1); /* B3 #N/A */
    xls_patch(d, n, 1, 10, 0, 0);   /* K2 FALSE */
    file_write(tpath("bools.xls"), d, n);
    result_t r;
    dump(&r, tpath("bools.xls"), NULL, 0);
    assert_null(r.error);
    assert_string_equal(r.format, "xls");
    char *line2 = strstr(r.text, "\n2: "), *line3 = strstr(r.text, "\n3: ");
    assert_non_null(line2);
    assert_non_null(line3);
    assert_memory_equal(line2, "\n2: 1001#|TRUE{b1}|Email|", 25);
    assert_memory_equal(line3, "\n3: 1002#|!|ERP|", 16);
    assert_non_null(strstr(line2, "|Service Desk|FALSE{b0}|0#"));
    assert_string_equal(r.warnings, "error cell (#N/A, #VALUE!, …) read as empty x1 @3:2 (#N/A)\n");
    result_free(&r);

    /* formula cells: LibreOffice writes TRUE as =TRUE(); FreeXL reads no formula */
    const char *path = tpath("formulas.xlsx");
    lxw_workbook *wb = workbook_new(path);
    lxw_worksheet *ws = workbook_add_worksheet(wb, "F");
    worksheet_write_string(ws, 0, 0, "id", NULL);
    worksheet_write_string(ws, 0, 1, "twice", NULL);
    for (lxw_row_t k = 1; k <= 3; k++) {
        worksheet_write_number(ws, k, 0, k, NULL);
        worksheet_write_formula_num(ws, k, 1, "=A2*2", NULL, 2.0 * k);
    }
    assert_int_equal(workbook_close(wb), LXW_NO_ERROR);
    char cmd[1200];
    snprintf(cmd, sizeof cmd,
             "cd '%s' && HOME='%s' timeout 300 soffice -env:UserInstallation=file://%s/lo "
             "--headless --convert-to xls formulas.xlsx >/dev/null 2>&1",
             dir, dir, dir);
    if (system(cmd) != 0 || access(tpath("formulas.xls"), R_OK) != 0) {
        fprintf(stderr, "# soffice not available: the .xls formula case is not run\n");
        return;
    }
    dump(&r, tpath("formulas.xls"), NULL, 0);
    assert_null(r.error);
    assert_string_equal(r.text, "1: id|twice\n2: 1#\n3: 2#\n4: 3#\n");
    assert_string_equal(r.warnings,
                        "formula cells read as empty (FreeXL reads no formulas: save as .xlsx) x3 "
                        "@2:2 ()\n");
    result_free(&r);
}

/* ---- through the profiles ---- */

typedef struct loaded {
    config_t *cfg;
    tz_t *tz;
    store_t *store;
} loaded_t;

static void load_config(loaded_t *l, const char *path, const char *text)
{
    diag_t d = {0};
    memset(l, 0, sizeof *l);
    if (config_load_buffer(path, text, strlen(text), &l->cfg, &d) != ST_OK)
        fail_msg("config: %zu:%zu %s", d.line, d.column, d.message);
    assert_int_equal(tz_load("UTC", &l->tz, &d), ST_OK);
    l->store = store_new(l->cfg->nsources);
    for (size_t i = 0; i < l->cfg->nsources; i++) {
        profile_read_source(l->cfg, i, l->tz, TS_MAX, l->store, &d);
        diag_clear(&d);
    }
}

static void unload(loaded_t *l)
{
    store_free(l->store);
    tz_free(l->tz);
    config_free(l->cfg);
}

static int S_same(const char *a, const char *b)
{
    return (!a && !b) || (a && b && !strcmp(a, b));
}

/* The stores hold the same records and row counts (not the same lines: a CSV record may span
 * several lines where a sheet has one row). */
static void same_stores(const store_t *a, const store_t *b)
{
    assert_int_equal(a->ntickets, b->ntickets);
    assert_int_equal(a->noutages, b->noutages);
    assert_int_equal(a->nsurveys, b->nsurveys);
    assert_int_equal(a->npauses, b->npauses);
    for (size_t i = 0; i < a->ntickets; i++) {
        const ticket_t *x = &a->tickets[i];
        long j = store_find_ticket(b, x->id);
        if (j < 0)
            fail_msg("ticket %s missing", x->id);
        const ticket_t *y = &b->tickets[j];
        if (x->kind != y->kind || x->priority != y->priority || x->status != y->status ||
            x->opened != y->opened || x->first_response != y->first_response ||
            x->resolved != y->resolved || x->closed != y->closed || x->updated != y->updated ||
            x->reopen_count != y->reopen_count || x->reassignment_count != y->reassignment_count ||
            x->change_type != y->change_type || x->outcome != y->outcome ||
            x->source != y->source || !S_same(x->service, y->service) ||
            !S_same(x->group, y->group) || !S_same(x->assignee, y->assignee) ||
            !S_same(x->channel, y->channel) || !S_same(x->title, y->title) ||
            x->pause_count != y->pause_count)
            fail_msg("ticket %s differs (source %u)", x->id, x->source);
        for (uint32_t k = 0; k < x->pause_count; k++) {
            assert_int_equal(a->pauses[x->pause_first + k].start,
                             b->pauses[y->pause_first + k].start);
            assert_int_equal(a->pauses[x->pause_first + k].end, b->pauses[y->pause_first + k].end);
        }
    }
    for (size_t i = 0; i < a->noutages; i++) {
        const outage_t *x = &a->outages[i], *y = &b->outages[i];
        assert_true(S_same(x->service, y->service) && S_same(x->id, y->id) &&
                    S_same(x->description, y->description));
        assert_int_equal(x->start, y->start);
        assert_int_equal(x->end, y->end);
        assert_int_equal(x->type, y->type);
    }
    for (size_t i = 0; i < a->nsurveys; i++) {
        const survey_t *x = &a->surveys[i], *y = &b->surveys[i];
        assert_int_equal(x->responded, y->responded);
        assert_true(x->score == y->score || (x->score != x->score && y->score != y->score));
        assert_int_equal(x->nps, y->nps);
        assert_true(S_same(x->ticket_id, y->ticket_id) && S_same(x->comment, y->comment));
    }
    for (size_t i = 0; i < a->nquality; i++) {
        const source_quality_t *p = &a->quality[i], *q = &b->quality[i];
        if (p->rows_read != q->rows_read || p->rows_accepted != q->rows_accepted ||
            p->rows_rejected != q->rows_rejected)
            fail_msg("%s: %zu/%zu/%zu rows, %s: %zu/%zu/%zu", p->file, p->rows_read,
                     p->rows_accepted, p->rows_rejected, q->file, q->rows_read, q->rows_accepted,
                     q->rows_rejected);
    }
}

/* Copies a CSV file into a one-sheet .xlsx the way a tool's Excel export holds it: whole
 * numbers as number cells, `YYYY-MM-DD HH:MM[:SS]` as date cells, the rest as text. */
static void csv_to_xlsx(const char *csv_path, const char *xlsx_path)
{
    csv_t *csv;
    diag_t d = {0};
    assert_int_equal(csv_open(csv_path, NULL, &csv, &d), ST_OK);
    lxw_workbook_options opt = {.constant_memory = LXW_TRUE};
    lxw_workbook *wb = workbook_new_opt(xlsx_path, &opt);
    lxw_worksheet *ws = workbook_add_worksheet(wb, NULL);
    lxw_format *dt = workbook_add_format(wb);
    format_set_num_format(dt, "yyyy-mm-dd hh:mm:ss");
    csv_record_t rec;
    lxw_row_t row = 0;
    while (csv_next(csv, &rec) == 1) {
        for (size_t c = 0; c < rec.nfields; c++) {
            const char *s = rec.fields[c];
            size_t len = rec.lens[c];
            int y, mo, dd, h, mi, sec = 0, used = 0;
            size_t digits = strspn(s, "0123456789");
            if (!len)
                continue;
            if (row > 0 && digits == len && len < 10 && s[0] != '0') {
                worksheet_write_number(ws, row, (lxw_col_t)c, strtod(s, NULL), NULL);
            } else if (row > 0 && (len == 16 || len == 19) &&
                       sscanf(s, "%4d-%2d-%2d %2d:%2d%n:%2d%n", &y, &mo, &dd, &h, &mi, &used, &sec,
                              &used) >= 5 &&
                       (size_t)used == len) {
                if (len == 16)
                    sec = 0;
                lxw_datetime when = {y, mo, dd, h, mi, sec};
                worksheet_write_datetime(ws, row, (lxw_col_t)c, &when, dt);
            } else {
                worksheet_write_string(ws, row, (lxw_col_t)c, s, NULL);
            }
        }
        row++;
    }
    csv_close(csv);
    assert_int_equal(workbook_close(wb), LXW_NO_ERROR);
}

static void test_profiles_from_xlsx(void **state)
{
    (void)state;
    static const char *const fixtures[] = {"servicenow-list",
                                           "servicenow-eventlog",
                                           "servicenow-outage",
                                           "servicenow-survey",
                                           "freshservice-ticket",
                                           "freshservice-survey",
                                           "manageengine-request",
                                           "jira-sm",
                                           "zendesk-ticket",
                                           "glpi-fr",
                                           "glpi-en",
                                           "generic"};
    for (size_t i = 0; i < sizeof fixtures / sizeof fixtures[0]; i++) {
        char csv[300], xlsx[100];
        snprintf(csv, sizeof csv, "tests/fixtures/profiles/%s.csv", fixtures[i]);
        snprintf(xlsx, sizeof xlsx, "%s.xlsx", fixtures[i]);
        csv_to_xlsx(csv, tpath(xlsx));
    }
    /* the fixtures' own config, once as it is and once naming the copies */
    FILE *f = fopen("tests/fixtures/profiles/all.yaml", "rb");
    assert_non_null(f);
    static char text[8192], copy[8192];
    size_t n = fread(text, 1, sizeof text - 1, f);
    fclose(f);
    text[n] = '\0';
    char *o = copy;
    for (const char *p = text; *p;) {
        if (!strncmp(p, ".csv", 4)) {
            memcpy(o, ".xlsx", 5), o += 5, p += 4;
        } else {
            *o++ = *p++;
        }
    }
    *o = '\0';
    loaded_t a, b;
    load_config(&a, "tests/fixtures/profiles/all.yaml", text);
    load_config(&b, tpath("all.yaml"), copy);
    assert_true(a.store->ntickets >= 25);
    same_stores(a.store, b.store);
    for (size_t i = 0; i < b.store->nquality; i++)
        assert_string_equal(b.store->quality[i].format, "xlsx");
    unload(&a);
    unload(&b);
}

static void test_libreoffice_fixtures(void **state)
{
    (void)state;
    const char *fmt[] = {"csv", "xlsx", "ods", "xls"};
    loaded_t l[4];
    for (size_t i = 0; i < 4; i++) {
        char text[300];
        snprintf(text, sizeof text, "sources: [{file: tickets.%s, profile: tickets}]\n", fmt[i]);
        load_config(&l[i], "tests/fixtures/sheets/review.yaml", text);
        assert_string_equal(l[i].store->quality[0].format, fmt[i]);
        assert_int_equal(l[i].store->quality[0].rows_accepted, 4);
    }
    for (size_t i = 1; i < 4; i++)
        same_stores(l[0].store, l[i].store);
    const ticket_t *t = &l[2].store->tickets[store_find_ticket(l[2].store, "1002")];
    assert_int_equal(t->opened, 1791279015); /* 2026-10-06 09:30:15, a date cell */
    assert_string_equal(t->title, "Access for \"new\" hire");
    for (size_t i = 0; i < 4; i++)
        unload(&l[i]);
}

/* Title rows above the header, labels, a date cell whatever time_format says, the row ServiceNow
 * writes when it stops an export, a second sheet that continues the first, and the places. */
static void test_servicenow_excel(void **state)
{
    (void)state;
    const char *path = tpath("incident.xlsx");
    lxw_workbook *wb = workbook_new(path);
    lxw_format *dt = workbook_add_format(wb);
    format_set_num_format(dt, "dd-mm-yyyy hh:mm:ss");
    const char *head[] = {"Number",
                          "Opened",
                          "Priority",
                          "Incident state",
                          "Assignment group",
                          "Configuration item",
                          "Short description",
                          "Resolved",
                          "Updates"};
    for (int s = 0; s < 2; s++) {
        lxw_worksheet *ws = workbook_add_worksheet(wb, s ? "Page 2" : "Page 1");
        lxw_row_t r = 0;
        if (!s) {
            worksheet_write_string(ws, r++, 0, "Incidents", NULL);
            worksheet_write_string(ws, r++, 0, "Filter: Active = true", NULL);
        }
        for (int c = 0; c < 9; c++)
            worksheet_write_string(ws, r, (lxw_col_t)c, head[c], NULL);
        r++;
        for (int k = 0; k < 2; k++, r++) {
            char id[20];
            snprintf(id, sizeof id, "INC00%d", 10 * s + k);
            worksheet_write_string(ws, r, 0, id, NULL);
            lxw_datetime when = {2026, 10, 5 + k, 9, 0, 0};
            worksheet_write_datetime(ws, r, 1, &when, dt);
            worksheet_write_string(ws, r, 2, "2 - High", NULL);
            worksheet_write_string(ws, r, 3, k ? "Resolved" : "In Progress", NULL);
            worksheet_write_string(ws, r, 4, "Network", NULL);
            worksheet_write_string(ws, r, 5, "VPN", NULL);
            worksheet_write_string(ws, r, 6, "Tunnel drops", NULL);
            if (k) /* text in the display format of the exporting user */
                worksheet_write_string(ws, r, 7, "07-10-2026 10:00:00", NULL);
        }
        if (s)
            worksheet_write_string(ws, r, 0,
                                   "Export stopped due to excessive size. Use CSV for a complete "
                                   "export",
                                   NULL);
    }
    assert_int_equal(workbook_close(wb), LXW_NO_ERROR);
    loaded_t l;
    load_config(&l, tpath("review.yaml"),
                "sources: [{file: incident.xlsx, profile: servicenow-incident}]\n");
    const source_quality_t *q = &l.store->quality[0];
    assert_int_equal(q->rows_read, 5);
    assert_int_equal(q->rows_accepted, 4);
    assert_int_equal(q->nrejected, 1);
    assert_string_equal(q->rejected[0].reason, "export truncated by the tool");
    assert_string_equal(q->rejected[0].examples[0], "incident.xlsx:4 (sheet 'Page 2')");
    assert_string_equal(q->sheets, "Page 1, Page 2");
    int warned = 0;
    for (size_t i = 0; i < q->nwarnings; i++)
        if (strstr(q->warnings[i].reason, "stopped the export early"))
            warned = 1;
    assert_true(warned);
    long i = store_find_ticket(l.store, "INC0011");
    assert_true(i >= 0);
    const ticket_t *t = &l.store->tickets[i];
    assert_int_equal(t->opened, 1791277200);   /* 2026-10-06 09:00 */
    assert_int_equal(t->resolved, 1791367200); /* 07-10-2026 10:00 read day-first */
    assert_int_equal(t->priority, 2);
    assert_int_equal(t->status, TSTATUS_RESOLVED);
    assert_string_equal(t->group, "Network");
    assert_string_equal(t->service, "VPN");
    assert_string_equal(t->title, "Tunnel drops");
    unload(&l);

    /* a typed date needs no time_format: a generic source with a format the cells do not have */
    load_config(&l, tpath("review.yaml"),
                "sources:\n  - {file: incident.xlsx, profile: generic, kind: incident, "
                "sheet: Page 2, time_format: \"%m/%d/%Y\",\n     columns: {id: Number, opened_at: "
                "Opened}}\n");
    assert_int_equal(l.store->quality[0].rows_accepted, 2);
    assert_int_equal(l.store->tickets[0].opened, 1791190800);
    unload(&l);
}

/* The time formats are chosen in a pass of their own: cells are still counted once. */
static void test_warnings_once(void **state)
{
    (void)state;
    const char *body = "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>Number</t></is></c>"
                       "<c r=\"B1\" t=\"inlineStr\"><is><t>Opened</t></is></c>"
                       "<c r=\"C1\" t=\"inlineStr\"><is><t>Priority</t></is></c></row>"
                       "<row r=\"2\"><c r=\"A2\" t=\"inlineStr\"><is><t>INC1</t></is></c>"
                       "<c r=\"B2\" t=\"inlineStr\"><is><t>13/10/2026 10:00</t></is></c>"
                       "<c r=\"C2\" t=\"e\"><v>#N/A</v></c></row>";
    xlsx_one(tpath("once.xlsx"), body);
    loaded_t l;
    load_config(&l, tpath("review.yaml"),
                "sources: [{file: once.xlsx, profile: servicenow-incident}]\n");
    const source_quality_t *q = &l.store->quality[0];
    assert_int_equal(q->rows_accepted, 1);
    assert_int_equal(l.store->tickets[0].opened, 1791885600); /* 13 October, day first */
    int found = 0;
    for (size_t i = 0; i < q->nwarnings; i++)
        if (strstr(q->warnings[i].reason, "error cell")) {
            found = 1;
            assert_int_equal(q->warnings[i].count, 1);
            assert_string_equal(q->warnings[i].examples[0],
                                "once.xlsx:2 (column C; 1 cell, e.g. #N/A)");
        }
    assert_true(found);
    unload(&l);
}

/* Reads every row of an open reader; returns the rows read. */
static size_t read_all(rows_t *rows)
{
    rows_record_t rec;
    size_t n = 0;
    while (rows_next(rows, &rec) == 1)
        n++;
    return n;
}

/* The XML parsed is counted over every pass: reading a file whole, rewinding and reading it whole
 * again counts its bytes twice (each reader's closed streams are kept in sheet_xml_t). */
static void expect_bytes_doubled(const char *path, const rows_xes_key_t *keys, size_t rows_want)
{
    rows_options_t o = {0, CSV_ENC_AUTO, NULL, 0};
    rows_t *rows = NULL;
    diag_t d = {0};
    assert_int_equal(rows_open(path, "book", &o, &rows, &d), ST_OK);
    if (keys)
        assert_int_equal(rows_xes_columns(rows, keys, 1, &d), ST_OK);
    assert_int_equal(read_all(rows), rows_want);
    uint64_t one = rows_xml_bytes(rows);
    assert_true(one > 0);
    assert_int_equal(rows_rewind(rows, &d), ST_OK);
    assert_int_equal(read_all(rows), rows_want);
    assert_int_equal(rows_xml_bytes(rows), 2 * one);
    rows_close(rows);
}

static void test_xml_bytes(void **state)
{
    (void)state;
    xlsx_one(tpath("bytes.xlsx"),
             "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>id</t></is></c></row>"
             "<row r=\"2\"><c r=\"A1\"><v>7</v></c></row>");
    expect_bytes_doubled(tpath("bytes.xlsx"), NULL, 2);
    ods_write(tpath("bytes.ods"),
              "<table:table table:name=\"T\"><table:table-row><table:table-cell "
              "office:value-type=\"string\"><text:p>id</text:p></table:table-cell>"
              "</table:table-row><table:table-row><table:table-cell office:value-type=\"float\" "
              "office:value=\"7\"><text:p>7</text:p></table:table-cell></table:table-row>"
              "</table:table>");
    expect_bytes_doubled(tpath("bytes.ods"), NULL, 2);
    const char *xes = "<?xml version=\"1.0\"?>\n<log xes.version=\"1.0\"><trace>"
                      "<event><string key=\"concept:name\" value=\"open\"/></event>"
                      "<event><string key=\"concept:name\" value=\"close\"/></event>"
                      "</trace></log>";
    file_write(tpath("bytes.xes"), xes, strlen(xes));
    const rows_xes_key_t name = {"concept:name", ROWS_XES_EVENT};
    expect_bytes_doubled(tpath("bytes.xes"), &name, 2);
}

static void test_ten_thousand_rows(void **state)
{
    (void)state;
    const char *path = tpath("limit.xlsx");
    lxw_workbook_options opt = {.constant_memory = LXW_TRUE};
    lxw_workbook *wb = workbook_new_opt(path, &opt);
    lxw_worksheet *ws = workbook_add_worksheet(wb, NULL);
    worksheet_write_string(ws, 0, 0, "number", NULL);
    worksheet_write_string(ws, 0, 1, "opened_at", NULL);
    for (lxw_row_t r = 1; r <= 10000; r++) {
        char id[20];
        snprintf(id, sizeof id, "INC%05u", r);
        worksheet_write_string(ws, r, 0, id, NULL);
        worksheet_write_string(ws, r, 1, "2026-10-05 10:00:00", NULL);
    }
    assert_int_equal(workbook_close(wb), LXW_NO_ERROR);
    loaded_t l;
    load_config(&l, tpath("review.yaml"),
                "sources: [{file: limit.xlsx, profile: servicenow-incident}]\n");
    const source_quality_t *q = &l.store->quality[0];
    assert_int_equal(q->rows_accepted, 10000);
    int warned = 0;
    for (size_t i = 0; i < q->nwarnings; i++)
        if (strstr(q->warnings[i].reason, "exactly 10,000 rows"))
            warned = 1;
    assert_true(warned);
    unload(&l);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_utf8_bmp),
        cmocka_unit_test(test_number_text),
        cmocka_unit_test(test_serial_dates),
        cmocka_unit_test(test_format_kinds),
        cmocka_unit_test(test_xlsx_libxlsxwriter),
        cmocka_unit_test(test_xlsx_sheets),
        cmocka_unit_test(test_xlsx_parts),
        cmocka_unit_test(test_xlsx_bounds),
        cmocka_unit_test(test_zip_bombs),
        cmocka_unit_test(test_shared_string_bound),
        cmocka_unit_test(test_ods),
        cmocka_unit_test(test_refused),
        cmocka_unit_test(test_gzip),
        cmocka_unit_test(test_xls),
        cmocka_unit_test(test_profiles_from_xlsx),
        cmocka_unit_test(test_libreoffice_fixtures),
        cmocka_unit_test(test_servicenow_excel),
        cmocka_unit_test(test_warnings_once),
        cmocka_unit_test(test_xml_bytes),
        cmocka_unit_test(test_ten_thousand_rows),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
