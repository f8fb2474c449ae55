/*
 * init — starter files: the review config, the self-assessment and ROI templates, and an
 * example of each review register in registers/. Each is written atomically (temporary file,
 * then link() into place, which fails rather than replacing an existing file).
 */
#include "app/init.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "app/outfile.h"
#include "core/catalogue.h"
#include "core/util.h"

/* The starter config: every key of docs/configuration.md §4, the optional ones commented out.
 * "@DATA@" is the directory of the demo inputs (installed examples or the source tree), so the
 * starter runs at once; a user replaces the sources with their own exports. */
static const char REVIEW_YAML[] =
    "# iso20k review configuration (docs/configuration.md §4; man iso20k). Relative paths are "
    "relative\n"
    "# to this file's directory. Only `sources` is required; every other key has a default.\n"
    "organization: Example Corp            # shown on the cover and usable in output.name\n"
    "scope: \"IT services for the EU region\" # the SMS scope statement\n"
    "timezone: Europe/Berlin               # the report's time zone (IANA name; default UTC)\n"
    "period: last-month                    # 2026-10, 2026-Q3, 2026, A..B, last-month,\n"
    "                                      # last-quarter, this-month (default last-month)\n"
    "# theme: theme.yaml                   # fonts, colours, logo (default: built-in theme)\n"
    "output: {dir: output, name: \"review-{period}\"}   # also {organization} and {as_of}\n"
    "\n"
    "# The demo data shipped with iso20k, so that this file runs at once. Replace with your\n"
    "# exports; profiles: servicenow-incident, servicenow-outage, servicenow-survey,\n"
    "# freshservice-ticket, freshservice-survey, manageengine-request, jira-sm, zendesk-ticket,\n"
    "# glpi-ticket, tickets, outages, csat, generic (with `columns`), auto.\n"
    "sources:\n"
    "  - {file: \"@DATA@tickets.csv\", profile: tickets}\n"
    "  - {file: \"@DATA@outages.csv\", profile: outages}\n"
    "  - {file: \"@DATA@surveys.csv\", profile: csat}\n"
    "  # - {file: incidents.csv, profile: servicenow-incident, timezone: UTC, encoding: utf-8,\n"
    "  #    delimiter: \",\", time_format: \"%d.%m.%Y %H:%M\", priorities: {\"1 - Critical\": 1}}\n"
    "\n"
    "calendars:                            # service hours; 24x7 always exists\n"
    "  business:\n"
    "    hours: {mon-fri: \"08:00-18:00\"}\n"
    "    holidays: [2026-05-01, 2026-10-03, 2026-12-24, 2026-12-25, 2026-12-26]\n"
    "\n"
    "services:                             # the service catalogue in scope\n"
    "  - {name: Email, calendar: 24x7, availability_target: 99.9}\n"
    "  - {name: ERP, calendar: business, availability_target: 99.5}\n"
    "  - {name: Warehouse Scanning, calendar: 24x7, availability_target: 99.5}\n"
    "  - {name: Customer Portal, calendar: 24x7, availability_target: 99.9}\n"
    "  - {name: VPN, calendar: 24x7, availability_target: 99.5}\n"
    "  - {name: Payroll, calendar: business, availability_target: 99.0}\n"
    "service_defaults: {calendar: 24x7, availability_target: 99.5}\n"
    "# maintenance:                        # agreed windows, not counted as downtime\n"
    "#   - {service: ERP, start: \"2026-10-10 20:00\", end: \"2026-10-11 02:00\"}\n"
    "\n"
    "sla:                                  # durations: 90s, 15m, 4h, 3d (72 open hours), 1w\n"
    "  incident:\n"
    "    1: {respond: 15m, resolve: 4h}\n"
    "    2: {respond: 30m, resolve: 8h}\n"
    "    3: {respond: 4h, resolve: 30h, calendar: business}\n"
    "    4: {respond: 8h, resolve: 50h, calendar: business}\n"
    "  request:\n"
    "    default: {respond: 8h, resolve: 50h, calendar: business}\n"
    "  pause_states: [on_hold]             # states that stop the SLA clock\n"
    "\n"
    "# availability: {from_incidents: {max_priority: 1}, count_degradation: false}\n"
    "satisfaction: {scale: [1, 5], satisfied_from: 4}\n"
    "targets:                              # red/amber/green marks\n"
    "  availability_pct: {target: 99.5, amber: 99.0}\n"
    "  csat_pct: {target: 85, amber: 80}\n"
    "  response_attainment_pct: {target: 95, amber: 90}\n"
    "  resolution_attainment_pct: {target: 90, amber: 85}\n"
    "  reopen_rate_pct: {target: 5, amber: 8, lower_is_better: true}\n"
    "  # readiness_pct: {target: 75, amber: 60}\n"
    "trend: {periods: 6}                   # periods in the trend charts (default 12)\n"
    "quality:                              # data quality\n"
    "  max_rejected_pct: 5                 # more rejected rows in a source: exit 65\n"
    "  min_sample: 10                      # a share of fewer tickets or responses: small sample\n"
    "  coverage_gap: 3d                    # the data may start or end this far inside the period\n"
    "\n"
    "\n";

/* The rest of the starter config (a string literal of its own: C caps one at 4095 bytes). */
static const char REVIEW_YAML_MORE[] =
    "# The other inputs of a management review (docs/configuration.md §14), each optional: the "
    "examples in\n"
    "# registers/ show each register's columns (docs/configuration.md describes them). A path,\n"
    "# or {file, sheet, columns} for a spreadsheet whose headers differ, e.g.\n"
    "#   risks: {file: risks.xlsx, sheet: Register, columns: {likelihood: \"Probability\"}}\n"
    "# registers:\n"
    "#   actions: registers/actions.csv               # actions from reviews, audits, ...\n"
    "#   nonconformities: registers/nonconformities.csv\n"
    "#   audits: registers/audits.csv                 # one row per finding\n"
    "#   complaints: registers/complaints.csv\n"
    "#   suppliers: registers/suppliers.csv           # one row per measure and period\n"
    "#   risks: registers/risks.csv\n"
    "#   improvements: registers/improvements.csv\n"
    "#   capacity: registers/capacity.csv             # one row per resource and period\n"
    "#   context: registers/context.csv               # issues, parties, policies, objectives\n"
    "# risk_levels: {high: 15, medium: 8}   # rating = likelihood x impact: high from 15\n"
    "\n"
    "# readiness: readiness.yaml            # ISO/IEC 20000-1 self-assessment (docs/metrics.md "
    "§11)\n"
    "# roi: roi.yaml                        # cost/benefit assumptions (docs/metrics.md §12)\n"
    "# baseline: 2026-05..2026-06           # the pre-programme period ROI compares against\n";

/* The directory of the demo inputs, with a trailing '/', or "" when none is found: installed
 * beside the binary (PREFIX/bin/iso20k → PREFIX/share/iso20k/examples/demo) or in the source
 * tree. */
static char *S_demo_dir(void)
{
    char exe[4096];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n <= 0)
        return xstrdup("");
    exe[n] = '\0';
    char *slash = strrchr(exe, '/');
    if (!slash)
        return xstrdup("");
    *slash = '\0';
    /* installed; the source tree's ./iso20k; its sanitizer build (build/asan/iso20k) */
    static const char *const rel[] = {"/../share/iso20k/examples/demo", "/inputs/demo",
                                      "/../../inputs/demo"};
    for (size_t i = 0; i < 3; i++) {
        strbuf_t sb = {0};
        strbuf_printf(&sb, "%s%s/tickets.csv", exe, rel[i]);
        char *real = access(sb.data, R_OK) == 0 ? realpath(sb.data, NULL) : NULL;
        strbuf_clear(&sb);
        if (real) {
            /* keep the directory and its '/'; a path YAML cannot hold plainly is left out */
            char *end = strrchr(real, '/');
            end[1] = '\0';
            if (!strpbrk(real, "\"\\\n"))
                return real;
            free(real);
        }
    }
    return xstrdup("");
}

static char *S_review_template(void)
{
    char *dir = S_demo_dir();
    strbuf_t sb = {0};
    for (const char *p = REVIEW_YAML; *p;) {
        if (!strncmp(p, "@DATA@", 6)) {
            strbuf_puts(&sb, dir);
            p += 6;
        } else {
            strbuf_putc(&sb, *p++);
        }
    }
    strbuf_puts(&sb, REVIEW_YAML_MORE);
    free(dir);
    return sb.data;
}

/* The self-assessment template: every clause of the built-in catalogue as a comment, every item
 * with its wording and an empty score (an empty score is "not assessed"). */
static char *S_readiness_template(void)
{
    const catalogue_t *c = &catalogue_builtin;
    strbuf_t sb = {0};
    strbuf_puts(
        &sb, "# ISO/IEC 20000-1:2018 readiness self-assessment (docs/metrics.md §11).\n"
             "# Name it in review.yaml (readiness: readiness.yaml). For each item give:\n"
             "#   score     0 absent, 1 initial, 2 repeatable, 3 defined, 4 managed, 5 optimising\n"
             "#             (left empty: not assessed; it is not a gap but blocks the verdict)\n"
             "#   evidence  a text, or a list of document and record references\n"
             "#   owner, due (YYYY-MM-DD), action, status (open, in_progress, done, cancelled)\n"
             "# [document] and [record] mark required documented information: below 3 it is a\n"
             "# major gap and blocks stage 1. [data] marks items the period's data is checked\n"
             "# against: a score of 3 or more that the data contradicts is flagged in the pack.\n"
             "# Item wording is iso20k's own summary, not the text of the standard.\n"
             "assessed_on: ~                       # YYYY-MM-DD\n"
             "assessor: ~\n"
             "items:\n");
    size_t item = 0;
    for (size_t i = 0; i < c->nclauses; i++) {
        strbuf_printf(&sb, "%s  # %s %s\n", strchr(c->clauses[i].number, '.') ? "" : "\n",
                      c->clauses[i].number, c->clauses[i].title);
        for (; item < c->nitems && !strcmp(c->items[item].clause, c->clauses[i].number); item++) {
            const catalogue_item_t *it = &c->items[item];
            strbuf_printf(&sb, "  #   %s%s%s\n", it->text,
                          it->required == 'M'   ? " [document]"
                          : it->required == 'R' ? " [record]"
                                                : "",
                          it->checks ? " [data]" : "");
            strbuf_printf(&sb, "  %s: {score: ~, evidence: ~, owner: ~, due: ~, action: ~}\n",
                          it->id);
        }
    }
    return sb.data;
}

static const char ROI_YAML[] =
    "# ROI assumptions for the service-management programme (docs/metrics.md §12), in the style "
    "of\n"
    "# Forrester's Total Economic Impact studies: benefits, costs, risk adjustment, a horizon\n"
    "# discounted yearly with the initial costs undiscounted in year 0. The figures below are\n"
    "# examples of a plausible size for a company of a few hundred staff; replace them.\n"
    "currency: EUR\n"
    "horizon_years: 3                     # Forrester TEI uses three years\n"
    "discount_rate: 0.10                  # your cost of capital (TEI studies use 10 %)\n"
    "costs:\n"
    "  initial:                           # year 0, undiscounted\n"
    "    consultancy: 40000               # gap analysis and implementation, ~25-30 consultant "
    "days\n"
    "    training: 12000                  # ISO/IEC 20000 foundation courses for the process "
    "owners\n"
    "    certification_audit: 15000       # stage 1 + stage 2: auditor-days x day rate, by "
    "headcount\n"
    "  annual:                            # years 1...N\n"
    "    surveillance_audit: 8000         # surveillance in years 1 and 2, recertification in year "
    "3\n"
    "    staff_time: 25000                # SMS owner and process owners (often more than audit "
    "fees)\n"
    "    tooling: 6000\n"
    "# what an hour of unplanned downtime costs: one figure, or per service with a default\n"
    "# (ITIC 2024: over 90 % of mid-size and large firms lose more than USD 300,000 an hour;\n"
    "# use your own figure from lost revenue and idle staff)\n"
    "downtime_cost_per_hour: {default: 5000}\n"
    "cost_per_incident: 22                # service-desk cost per contact (MetricNet 2010: USD "
    "21.84)\n"
    "cost_per_breach: 150                 # service credits and goodwill per late resolution\n"
    "benefits:                            # other annual benefits you can defend\n"
    "  audit preparation: 12000           # evidence gathered by the pack instead of by hand\n"
    "risk_adjustment: {default: 0.10, downtime: 0.20}   # TEI: 10-20 % off each benefit line\n"
    "ramp: [0.6, 1, 1]                    # share of the full benefit reached in each year\n"
    "# without a `baseline` period in review.yaml, give the pre-programme figures per year:\n"
    "# baseline: {downtime_hours: 40, incidents: 8000, breaches: 300}\n"
    "scenarios:                           # each overrides any of the keys above\n"
    "  conservative: {risk_adjustment: {default: 0.25, downtime: 0.35}, ramp: [0.4, 0.8, 1]}\n"
    "  optimistic: {risk_adjustment: 0.05, ramp: [0.8, 1, 1]}\n";

/* An example of each review register (docs/configuration.md §14): a few rows of a believable
 * organisation, the columns in the documented order. */
static const char ACTIONS_CSV[] =
    "id,action,status,owner,raised,due,closed,source\n"
    "A-01,Document the major-incident procedure,done,Service Desk Lead,2026-05-20,2026-07-31,"
    "2026-07-24,review\n"
    "A-02,Agree availability targets for every service,in_progress,SMS Owner,2026-05-20,"
    "2026-09-30,,review\n"
    "A-03,Close the minor findings of the internal audit,open,Quality Manager,2026-09-15,"
    "2026-12-15,,audit\n";
static const char NONCONFORMITIES_CSV[] =
    "id,raised,description,source,clause,severity,correction,root_cause,corrective_action,owner,"
    "due,closed,effective\n"
    "NC-01,2026-06-10,Changes closed without a post-implementation review,internal_audit,8.5.1.3,"
    "minor,,No review step in the change template,Add a review step to the template,Change "
    "Manager,2026-08-31,2026-08-20,yes\n"
    "NC-02,2026-09-22,Certificate expired unnoticed,incident,8.7.3.2,minor,Renewed the "
    "certificate,No expiry monitoring,Monitor expiry 30 days ahead,Infrastructure Lead,"
    "2026-10-31,,\n";
static const char AUDITS_CSV[] =
    "audit,kind,date,scope,finding,clause,grade,status,closed\n"
    "IA-2026-01,internal,2026-06-10,8.5 and 8.6,Changes closed without a review,8.5.1.3,minor,"
    "closed,2026-08-20\n"
    "IA-2026-01,internal,2026-06-10,8.5 and 8.6,Knowledge articles could be linked to known "
    "errors,8.6.3,opportunity,open,\n"
    "Customer audit,customer,2026-09-15,Customer portal,,,,,\n";
static const char COMPLAINTS_CSV[] =
    "id,received,service,summary,upheld,resolved\n"
    "C-01,2026-09-21,Customer Portal,Certificate warning on the tracking page,yes,2026-09-24\n"
    "C-02,2026-10-14,Email,Invoices stuck in the spam quarantine,no,2026-10-16\n";
static const char SUPPLIERS_CSV[] =
    "supplier,measure,target,actual,period,service,lower_is_better\n"
    "Network Carrier,WAN availability %,99.9,99.82,2026-10,VPN,no\n"
    "Network Carrier,Mean time to restore (hours),4,3.5,2026-10,VPN,yes\n"
    "Mail Provider,Availability %,99.9,99.97,2026-10,Email,no\n";
static const char RISKS_CSV[] =
    "id,description,likelihood,impact,kind,owner,treatment,status,review_due,raised\n"
    "R-01,Single database behind the customer portal,3,5,risk,Platform Lead,Add a replica,"
    "treated,2026-12-31,2026-06-05\n"
    "R-02,Loss of the WAN link to the warehouse,4,4,risk,Network Lead,,open,2026-11-30,"
    "2026-05-14\n"
    "O-01,Move the portal to a managed platform,3,4,opportunity,Platform Lead,Business case,open,"
    "2027-01-31,2026-09-01\n";
static const char IMPROVEMENTS_CSV[] =
    "id,description,status,raised,source,owner,due,closed,benefit\n"
    "I-01,Self-service password reset,done,2026-05-25,review,Service Desk Lead,2026-08-31,"
    "2026-08-20,Fewer password tickets\n"
    "I-02,Chat channel for warehouse staff,in_progress,2026-08-05,customer feedback,Service Desk "
    "Lead,2026-12-15,,Faster first response\n";
static const char CAPACITY_CSV[] = "service,resource,period,used,capacity,threshold_pct\n"
                                   "ERP,Database storage (GB),2026-10,1820,2000,85\n"
                                   "VPN,Concurrent tunnels,2026-10,455,500,\n";
static const char CONTEXT_CSV[] =
    "date,kind,summary\n"
    "2026-05-18,policy,Service management policy version 2 approved\n"
    "2026-05-18,objective,Objectives for 2026: availability 99.5 %; CSAT 85 %\n"
    "2026-10-01,external_issue,New incident reporting duties for significant incidents\n";

status_t init_write(const char *dir, diag_t *d)
{
    char *readiness = S_readiness_template(), *review = S_review_template();
    const struct {
        const char *name;
        const char *text;
    } files[] = {{"review.yaml", review},
                 {"readiness.yaml", readiness},
                 {"roi.yaml", ROI_YAML},
                 {"registers/actions.csv", ACTIONS_CSV},
                 {"registers/nonconformities.csv", NONCONFORMITIES_CSV},
                 {"registers/audits.csv", AUDITS_CSV},
                 {"registers/complaints.csv", COMPLAINTS_CSV},
                 {"registers/suppliers.csv", SUPPLIERS_CSV},
                 {"registers/risks.csv", RISKS_CSV},
                 {"registers/improvements.csv", IMPROVEMENTS_CSV},
                 {"registers/capacity.csv", CAPACITY_CSV},
                 {"registers/context.csv", CONTEXT_CSV}};
    enum { NFILES = sizeof files / sizeof files[0] };
    char *paths[NFILES] = {0};
    strbuf_t regdir = {0};
    strbuf_printf(&regdir, "%s/registers", dir);
    status_t st = outfile_mkdir(dir, d);
    if (st != ST_OK)
        goto done;
    for (int i = 0; i < NFILES; i++) {
        strbuf_t sb = {0};
        strbuf_printf(&sb, "%s/%s", dir, files[i].name);
        paths[i] = sb.data;
        if (access(paths[i], F_OK) == 0) {
            st = diag_set(d, ST_CANTCREATE, paths[i], 0, 0,
                          "already exists; iso20k init never "
                          "overwrites a file");
            goto done;
        }
    }
    if ((st = outfile_mkdir(regdir.data, d)) != ST_OK)
        goto done;
    for (int i = 0; i < NFILES && st == ST_OK; i++) {
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
    for (int i = 0; i < NFILES; i++)
        free(paths[i]);
    strbuf_clear(&regdir);
    free(readiness);
    free(review);
    return st;
}
