/*
 * render_json — the JSON of docs/iso20k.schema.json from the report's facts: every key present,
 * null where a value is not computable or a section does not apply, numbers rounded half away from
 * zero (minutes to one decimal, percentages and scores to two).
 */
#ifndef ISO20K_RENDER_JSON_H
#define ISO20K_RENDER_JSON_H

#include "core/util.h"
#include "report/report.h"

/* Appends the JSON document (with a final newline) to out. */
void render_json(const report_t *r, strbuf_t *out);

#endif
