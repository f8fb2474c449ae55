/*
 * render_xlsx — the workbook (SPEC 8.2) from the report model, with libxlsxwriter: one sheet
 * per section with its tables (frozen headers, number formats, red/amber/green fills), a native
 * Excel chart for every chart spec (over cells that hold its data), and the ticket detail.
 * The only module that touches libxlsxwriter. Text from inputs is always written as text.
 */
#ifndef ISO20K_RENDER_XLSX_H
#define ISO20K_RENDER_XLSX_H

#include "core/diag.h"
#include "report/report.h"

/* Writes the workbook to `path` (a temporary file the caller then commits).
 * ST_IOERR with libxlsxwriter's message on failure. */
status_t render_xlsx(const report_t *r, const char *path, diag_t *d);

#endif
