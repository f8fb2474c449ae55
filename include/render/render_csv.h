/*
 * render_csv — the KPI CSV of `iso20k metrics --format csv` from the report's facts.
 */
#ifndef ISO20K_RENDER_CSV_H
#define ISO20K_RENDER_CSV_H

#include "core/util.h"
#include "report/report.h"

/*
 * Appends one KPI per CSV row for `iso20k metrics --format csv`:
 * `kpi,scope,value,target,status,previous,delta`, scope `all` or `service:…`, `group:…`,
 * `incident:P1` …; status green/amber/red where a target exists; values rounded as in the JSON.
 */
void render_csv_kpis(const report_t *r, strbuf_t *out);

#endif
