/*
 * render_pdf — the PDF pack (README.md "The pack") from the report model, with libharu: A4, DejaVu
 * Sans embedded (any Unicode text shows), bookmarks, the organisation, scope, period and as-of date
 * and page numbers on every page, charts drawn by chart.c. The only module that touches
 * libharu. Byte-identical output for the same report.
 */
#ifndef ISO20K_RENDER_PDF_H
#define ISO20K_RENDER_PDF_H

#include "core/diag.h"
#include "core/util.h"
#include "report/report.h"

/* Renders the PDF into out (bytes). ST_INTERNAL with libharu's error code on failure. */
status_t render_pdf(const report_t *r, strbuf_t *out, diag_t *d);

/*
 * Embeds the TrueType font at path in a one-page document with libharu, as render_pdf would:
 * 0 when libharu loads it, draws text with it and writes it into the file, else -1 with why
 * set (libharu's error code). Check the file with ttf_check (core/ttf.h) first: libharu trusts
 * what it reads.
 */
int render_pdf_font_check(const char *path, strbuf_t *why);

#endif
