/*
 * render_xlsx — the workbook (README.md "The workbook") from the report model, with libxlsxwriter:
 * one sheet per section with its tables (frozen headers, number formats, red/amber/green fills), a
 * native Excel chart for every chart spec (over cells that hold its data), and the ticket detail.
 * The only module that touches libxlsxwriter. Text from inputs is always written as text.
 */
#ifndef ISO20K_RENDER_XLSX_H
#define ISO20K_RENDER_XLSX_H

#include <stddef.h>

#include "core/diag.h"
#include "report/report.h"

/* Above this many ticket rows in the period, the ticket sheets and the evidence lists written
 * after them (and only they) are written in libxlsxwriter's constant-memory mode: each row goes
 * to a temporary file as it is written, its text inline rather than in the shared-string table.
 * An in-memory workbook keeps every cell until it closes (about 1.6 KB a ticket row of 16
 * cells): at this threshold the pack of a month of a million tickets stays within 1.5 times its
 * input. libxlsxwriter refuses Excel tables in that mode, so those sheets get autofilters. */
#define RENDER_XLSX_CONSTANT_MEMORY_ROWS 50000

/* Whether the ticket sheets (and the evidence lists) of a period listing `rows` tickets are
 * written in constant-memory mode (1) or not (0). */
int render_xlsx_constant_memory(size_t rows);

/* Writes the workbook to `path` (a temporary file the caller then commits).
 * ST_IOERR with libxlsxwriter's message on failure. */
status_t render_xlsx(const report_t *r, const char *path, diag_t *d);

#endif
