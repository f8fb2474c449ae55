/*
 * render_xlsx_int — what the three files of the render_xlsx module share: the workbook being
 * written (xl_t), the cell and sheet helpers of render_xlsx.c, and the writers of the ROI sheet
 * (render_xlsx_roi.c) and of the ticket and evidence sheets (render_xlsx_evidence.c). Internal
 * to the renderer: nothing outside src/render includes it, so libxlsxwriter stays in one module.
 */
#ifndef ISO20K_RENDER_XLSX_INT_H
#define ISO20K_RENDER_XLSX_INT_H

#include <xlsxwriter.h>

#include "metrics/metrics.h"
#include "render/render_xlsx.h"

/* The workbook being written, its formats, and the first libxlsxwriter error met. */
typedef struct xl {
    lxw_workbook *wb;
    const report_t *r;
    int constant_memory;
    lxw_format *title, *subtitle, *header, *text, *integer, *number[4], *percent[4], *fraction,
        *delta[4], *date, *note, *rag[4], *helper_header, *helper;
    /* number formats with a red/amber/green fill, made as needed (S_marked_format) */
    struct marked {
        const char *num_format;
        rag_t rag;
        lxw_format *format;
    } marked[32];
    size_t nmarked;
    /* the "sla_target" text of each of the config's SLA targets, made when first needed
     * (xl_target_text): one per cfg->sla entry, or NULL; owned */
    char **target_text;
    strbuf_t target_scratch; /* a target outside cfg->sla (none is): formatted here each time */
    lxw_error err;
    size_t cut_strings;                /* text cells longer than Excel allows, cut with a marker */
    char *print_header, *print_footer; /* every sheet's printed header and footer; owned */
} xl_t;

/* ---- render_xlsx.c ---- */

/* Keeps `e` as the workbook's error if it is the first one (render_xlsx reports it). */
void xl_check(xl_t *x, lxw_error e);

/* Writes `s` at row, col as a string cell, always (a text "=…" stays text): cleaned to valid
 * UTF-8, cut with a marker past Excel's limit and counted. An empty text writes a blank cell
 * when `f` is given, else nothing. `f` may be NULL. */
void xl_str(xl_t *x, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col, const char *s, lxw_format *f);

/* Writes `v` at row, col with format `f` (may be NULL), or the text "n/a" when no output shows
 * it (num_shown), so that a formula over it shows #VALUE!, never a figure from a hole. */
void xl_number(xl_t *x, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col, double v, lxw_format *f);

/* A sheet's print set-up: A4, one page wide, at most `tall` pages high (0: as many as it
 * takes), landscape or portrait, rows first..last repeated on every page (none when
 * last < first), the workbook's printed header and footer. */
void xl_print(xl_t *x, lxw_worksheet *ws, int landscape, uint16_t tall, lxw_row_t first,
              lxw_row_t last);

/* Rows 0..2 of a sheet: `title`, then the organization and the report's title, then the period
 * and the as-of time. */
void xl_title_block(xl_t *x, lxw_worksheet *ws, const char *title);

/* Makes rows first..last (the first the header) and columns 0..ncols-1 an Excel table whose
 * column names are `names` (ncols of them; borrowed). */
void xl_add_table(xl_t *x, lxw_worksheet *ws, lxw_row_t first, lxw_row_t last, size_t ncols,
                  char *const *names);

/* A chart's title, axis or series name from `s` into `sb` (caller-owned, cleared by the
 * caller): cleaned, at most 1,000 bytes, and never read as a reference (a leading '=' gets a
 * space before it). Returns sb's text. */
const char *xl_chart_name(strbuf_t *sb, const char *s);

/* Colours series `s` of a chart of libxlsxwriter type `type` from the theme's palette, as the
 * PDF's charts draw it; nothing when the theme has no palette. */
void xl_series_color(xl_t *x, lxw_chart_series *ser, uint8_t type, size_t s);

/* The A1-style reference of row, col into `buf` (16 bytes are enough). */
void xl_ref(char *buf, lxw_row_t row, lxw_col_t col);

/* Writes formula `f` at row, col with `cached` as its stored result, or an empty result when
 * no output shows `cached` (num_shown). `fmt` may be NULL. */
void xl_formula(xl_t *x, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col, const char *f,
                lxw_format *fmt, double cached);

/* A ticket's "sla_target" cell: "incident P2 (24x7)", "request default (business)". Owned by
 * x, valid until the next call (each text is made once for a target, not once a row). */
const char *xl_target_text(xl_t *x, const cfg_sla_target_t *t);

/* ---- render_xlsx_roi.c ---- */

/* The ROI section `sec` as the ROI sheet: the model's inputs as editable cells and every
 * result as a live formula over them, each with the report's ROI figure as its cached value. */
void xl_roi_sheet(xl_t *x, const report_section_t *sec);

/* ---- render_xlsx_evidence.c ---- */

/* A breached ticket of the ticket detail with the SLA outcome its row showed. */
typedef struct breach {
    const ticket_t *t;
    ticket_sla_t o;
} breach_t;

/* The breached tickets of the ticket detail, kept for the Breaches sheet with their outcome
 * (48 bytes a breached ticket; computing it again there cost more than its SLA columns). */
typedef struct breaches {
    breach_t *v;
    size_t n, cap;
} breaches_t;

/* The ticket detail: every ticket the metrics list for the period, one row each with its SLA
 * outcome, continued on further sheets past Excel's last row (one empty sheet when there is
 * none). Appends each breached ticket to `br`, whose array the caller frees. Returns the number
 * of ticket sheets (at least 1). */
int xl_tickets(xl_t *x, breaches_t *br);

/* The "Breaches" sheet: one row per breached measure of each ticket of `br`. */
void xl_breaches(xl_t *x, const breaches_t *br);

/* The "Outages" sheet: every merged unplanned-outage interval of the availability rows, one
 * row per record it came from. */
void xl_outages(xl_t *x);

/* The "SLA check" sheet: the SLA counts per kind and priority recounted by COUNTIFS formulas
 * over the SLA columns of the `nsheets` ticket sheets. */
void xl_sla_check(xl_t *x, int nsheets);

#endif
