/*
 * init — starter files. Each is written atomically (temporary file, then link() into place,
 * which fails rather than replacing an existing file).
 */
#include "app/init.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "app/outfile.h"
#include "core/util.h"

static const char REVIEW_YAML[] =
    "# iso20k review configuration (see SPEC section 3.1). Relative paths are relative to\n"
    "# this file's directory.\n"
    "organization: Example Corp            # shown on the cover\n"
    "scope: \"IT services for the EU region\" # the SMS scope statement\n"
    "timezone: Europe/Berlin               # the report's time zone (IANA name)\n"
    "period: last-month                    # 2026-10, 2026-Q3, 2026, A..B, last-month, ...\n"
    "output: {dir: output, name: \"review-{period}\"}\n"
    "\n"
    "sources:                              # canonical CSV: see SPEC 3.2 for the columns\n"
    "  - {file: tickets.csv, profile: tickets}\n"
    "  - {file: outages.csv, profile: outages}\n"
    "  - {file: surveys.csv, profile: csat}\n"
    "\n"
    "calendars:                            # service hours; 24x7 always exists\n"
    "  business:\n"
    "    hours: {mon-fri: \"08:00-18:00\"}\n"
    "    holidays: [2026-12-24, 2026-12-25]\n"
    "\n"
    "services:                             # the service catalogue in scope\n"
    "  - {name: Email, calendar: 24x7, availability_target: 99.9}\n"
    "service_defaults: {calendar: 24x7, availability_target: 99.5}\n"
    "\n"
    "sla:                                  # durations: 90s, 15m, 4h, 3d (72 open hours), 1w\n"
    "  incident:\n"
    "    1: {respond: 15m, resolve: 4h}\n"
    "    2: {respond: 30m, resolve: 8h}\n"
    "    3: {respond: 4h, resolve: 30h, calendar: business}\n"
    "    4: {respond: 8h, resolve: 50h, calendar: business}\n"
    "  request:\n"
    "    default: {respond: 8h, resolve: 50h, calendar: business}\n"
    "\n"
    "targets:                              # red/amber/green marks\n"
    "  csat_pct: {target: 90, amber: 85}\n"
    "  response_attainment_pct: {target: 95, amber: 90}\n"
    "  resolution_attainment_pct: {target: 90, amber: 85}\n"
    "  reopen_rate_pct: {target: 5, amber: 8, lower_is_better: true}\n"
    "\n"
    "# readiness: readiness.yaml            # ISO/IEC 20000-1 self-assessment (SPEC 6)\n"
    "# roi: roi.yaml                        # cost/benefit assumptions (SPEC 7)\n"
    "# baseline: 2025-01..2025-06           # the pre-programme period ROI compares against\n";

static const char READINESS_YAML[] =
    "# ISO/IEC 20000-1:2018 readiness self-assessment (SPEC section 6).\n"
    "# For each assessment item: score 0-5 (0 absent, 1 initial, 2 repeatable, 3 defined,\n"
    "# 4 managed, 5 optimising), evidence, owner, due date and action. Items without a score\n"
    "# count as not assessed. The item catalogue is printed here by a later version of iso20k;\n"
    "# until then this file is accepted but not scored.\n"
    "items: {}\n";

static const char ROI_YAML[] =
    "# ROI assumptions for the service-management programme (SPEC section 7).\n"
    "# Figures are examples: replace them with your own.\n"
    "horizon_years: 3\n"
    "discount_rate: 0.10\n"
    "costs:\n"
    "  initial: {consultancy: 40000, training: 12000, certification_audit: 15000}\n"
    "  annual: {surveillance_audit: 8000, tooling: 20000}\n"
    "downtime_cost_per_hour: 5000         # cost of an hour of unplanned downtime\n"
    "cost_per_incident: 22                # service-desk cost per contact (MetricNet 2010: USD 21.84)\n"
    "cost_per_breach: 150                 # penalty or goodwill cost of a resolution SLA breach\n";

status_t init_write(const char *dir, diag_t *d)
{
    static const struct { const char *name; const char *text; } files[] = {
        {"review.yaml", REVIEW_YAML}, {"readiness.yaml", READINESS_YAML}, {"roi.yaml", ROI_YAML}};
    status_t st = outfile_mkdir(dir, d);
    if (st != ST_OK)
        return st;
    char *paths[3] = {0};
    for (int i = 0; i < 3; i++) {
        strbuf_t sb = {0};
        strbuf_printf(&sb, "%s/%s", dir, files[i].name);
        paths[i] = sb.data;
        if (access(paths[i], F_OK) == 0) {
            st = diag_set(d, ST_CANTCREATE, paths[i], 0, 0, "already exists; iso20k init never "
                          "overwrites a file");
            goto done;
        }
    }
    for (int i = 0; i < 3 && st == ST_OK; i++) {
        char *tmp = NULL;
        if ((st = outfile_temp(paths[i], &tmp, d)) != ST_OK)
            break;
        st = outfile_fill(tmp, files[i].text, strlen(files[i].text), d);
        if (st == ST_OK && link(tmp, paths[i]) != 0)
            st = diag_set(d, ST_CANTCREATE, paths[i], 0, 0, "cannot create: %s", strerror(errno));
        outfile_discard(tmp);
        free(tmp);
    }
done:
    for (int i = 0; i < 3; i++)
        free(paths[i]);
    return st;
}
