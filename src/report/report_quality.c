/*
 * report_quality — the data-quality and method section both packs end with: inputs with their
 * counts and SHA-256, rejected rows and warnings by reason, the SLA targets and calendars used,
 * and the definitions.
 */

#include <string.h>

#include "input/profile.h"
#include "report/report_parts.h"

/* A local date "2026-10-05", or "–". */
static const char *S_day(report_t *r, ts_t t)
{
    if (t == TS_NONE)
        return "–";
    int64_t y;
    int mo, d;
    civil_from_days(floor_div(tz_utc_to_local(r->facts.tz, t), 86400), &y, &mo, &d);
    return report_fmt(r, "%04d-%02d-%02d", (int)y, mo, d);
}

/* Every input with its rows read, accepted, rejected (marked against the limit), warnings, and
 * the span of its data with its coverage of the period (docs/metrics.md §9). */
static void S_inputs(report_t *r, report_section_t *s)
{
    const report_facts_t *f = &r->facts;
    const store_t *st = r->facts.store;
    const coverage_report_t *cv = f->coverage;
    static const char *const hdr[] = {"Input",    "Profile",  "Rows read", "Accepted",
                                      "Rejected", "Warnings", "Data",      "Period"};
    size_t ncols = cv ? 8 : 6;
    report_table_t *t = report_add_table(r, s, "Inputs", st->nquality, ncols, hdr);
    for (size_t i = 0; i < st->nquality; i++) {
        const source_quality_t *q = &st->quality[i];
        report_set_text(t, i, 0, q->file);
        report_set_text(t, i, 1, q->profile);
        report_set_num(t, i, 2, CELL_INT, (double)q->rows_read, 0);
        report_set_num(t, i, 3, CELL_INT, (double)q->rows_accepted, 0);
        report_set_num(t, i, 4, CELL_INT, (double)q->rows_rejected, 0);
        double pct = q->rows_read ? 100.0 * (double)q->rows_rejected / (double)q->rows_read : 0;
        report_cell(t, i, 4)->rag = q->rows_rejected == 0            ? RAG_GREEN
                                    : pct > f->cfg->max_rejected_pct ? RAG_RED
                                                                     : RAG_AMBER;
        report_set_num(t, i, 5, CELL_INT, (double)store_warning_count(q), 0);
        if (!cv)
            continue;
        if (!coverage_judged(cv, i)) { /* a register: read as of the period's end, not spanned */
            report_set_text(t, i, 6, "register");
            report_set_text(t, i, 7, "n/a");
            continue;
        }
        const coverage_t *c = &cv->sources[i];
        report_set_text(t, i, 6,
                        c->first == TS_NONE
                            ? "none"
                            : report_fmt(r, "%s to %s", S_day(r, c->first), S_day(r, c->last)));
        report_set_text(t, i, 7,
                        c->status == COVERAGE_COVERED   ? "covered"
                        : c->status == COVERAGE_PARTIAL ? "in part"
                                                        : "not covered");
        /* only the sources that speak for the period's coverage are marked (outage records
         * and responses are sparse) */
        int speaks = !cv->from_tickets || cv->records[i] == PROFILE_TICKETS;
        report_cell(t, i, 7)->rag = c->status == COVERAGE_COVERED   ? RAG_GREEN
                                    : !speaks                       ? RAG_NONE
                                    : c->status == COVERAGE_PARTIAL ? RAG_AMBER
                                                                    : RAG_RED;
    }
    if (cv)
        report_add_note(
            s, report_fmt(r,
                          "Data: the earliest and latest time of each input's records known at "
                          "the as-of time. Period: whether they cover the period; a start or end "
                          "up to %s inside it still covers it (quality.coverage_gap).",
                          report_fmt(r, "%g day%s", (double)f->cfg->coverage_gap / 86400,
                                     f->cfg->coverage_gap == 86400 ? "" : "s")));
}

/* The SHA-256 of every file read. */
static void S_fingerprints(report_t *r, report_section_t *s)
{
    const store_t *st = r->facts.store;
    static const char *const fh[] = {"Input", "SHA-256 of the file read"};
    report_table_t *ft = report_add_table(r, s, "Input fingerprints", st->nquality, 2, fh);
    for (size_t i = 0; i < st->nquality; i++) {
        report_set_text(ft, i, 0, st->quality[i].file);
        report_set_text(ft, i, 1, st->quality[i].sha256);
    }
}

/* A place "dir/tickets.csv:41" as "tickets.csv:41": the table names the input in full, and a
 * long path must never push the line number out of sight. */
static const char *S_place(report_t *r, const source_quality_t *q, const char *example)
{
    const char *slash = strrchr(q->file, '/');
    size_t n = strlen(q->file);
    if (slash && !strncmp(example, q->file, n) && example[n] == ':')
        return report_fmt(r, "%s", example + (slash + 1 - q->file));
    return example;
}

/* Rejected rows and warnings by reason with their first places, then the data's warnings
 * (grouped: one row for all the services outside the catalogue). */
static void S_reasons(report_t *r, report_section_t *s)
{
    const store_t *st = r->facts.store;
    size_t nreasons = 0;
    for (size_t i = 0; i < st->nquality; i++)
        nreasons += st->quality[i].nrejected + st->quality[i].nwarnings;
    static const char *const rh[] = {"Input", "Rejected or warned", "Rows", "First places"};
    report_table_t *rt =
        report_add_table(r, s, "Rejected rows and warnings by reason", nreasons, 4, rh);
    size_t row = 0;
    for (size_t i = 0; i < st->nquality; i++) {
        const source_quality_t *q = &st->quality[i];
        for (int w = 0; w < 2; w++) {
            const quality_entry_t *es = w ? q->warnings : q->rejected;
            size_t ne = w ? q->nwarnings : q->nrejected;
            for (size_t j = 0; j < ne; j++, row++) {
                strbuf_t sb = {0};
                for (size_t k = 0; k < QUALITY_EXAMPLES && es[j].examples[k]; k++)
                    strbuf_printf(&sb, "%s%s", k ? ", " : "", S_place(r, q, es[j].examples[k]));
                report_set_text(rt, row, 0, q->file);
                report_set_text(rt, row, 1,
                                report_fmt(r, "%s: %s", w ? "warning" : "rejected", es[j].reason));
                report_set_num(rt, row, 2, CELL_INT, (double)es[j].count, 0);
                report_set_text(rt, row, 3, arena_strdup(r->arena, strbuf_cstr(&sb)));
                strbuf_clear(&sb);
            }
        }
    }
    if (!row)
        report_add_para(s, "Every row of every input was accepted, with no warnings.");
    if (r->nwarnings) {
        static const char *const wh[] = {"Warning about the data as a whole"};
        report_table_t *wt = report_add_table(r, s, "The data as a whole", r->nwarnings, 1, wh);
        for (size_t i = 0; i < r->nwarnings; i++)
            report_set_text(wt, i, 0, r->warnings[i].full);
    }
}

/* A target's duration as people write it: minutes under an hour, else hours of the target's
 * calendar ("15 min", "4 h", "1.5 h", "72 h": a day of a target is 24 open hours,
 * docs/configuration.md §4). */
static const char *S_duration(report_t *r, int64_t seconds)
{
    if (seconds < 3600)
        return report_fmt(r, "%.0f min", (double)seconds / 60.0);
    return report_fmt(r, "%.10g h", round_half_away((double)seconds / 3600.0, 2));
}

/* The SLA targets used. */
static void S_sla_targets(report_t *r, report_section_t *s)
{
    const report_facts_t *f = &r->facts;
    static const char *const sh[] = {"Kind", "Priority", "Respond", "Resolve", "Calendar"};
    report_table_t *slt = report_add_table(r, s, "SLA targets used", f->cfg->nsla, 5, sh);
    for (size_t i = 0; i < f->cfg->nsla; i++) {
        const cfg_sla_target_t *tg = &f->cfg->sla[i];
        report_set_text(slt, i, 0, kind_names[tg->kind]);
        report_set_text(slt, i, 1, tg->priority ? report_fmt(r, "%d", tg->priority) : "default");
        report_set_text(slt, i, 2, tg->respond >= 0 ? S_duration(r, tg->respond) : NULL);
        report_set_text(slt, i, 3, tg->resolve >= 0 ? S_duration(r, tg->resolve) : NULL);
        report_set_text(slt, i, 4, tg->calendar);
    }
}

/* A calendar's opening hours: "always open", "Mon 08:00–18:00; Tue …" or "never open". */
static void S_opening_hours(const cfg_calendar_t *cal, strbuf_t *sb)
{
    static const char *const days[7] = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
    if (cal->always_open) {
        strbuf_puts(sb, "always open");
        return;
    }
    for (int d = 0; d < 7; d++) {
        if (!cal->nhours[d])
            continue;
        strbuf_printf(sb, "%s%s ", sb->len ? "; " : "", days[d]);
        for (size_t k = 0; k < cal->nhours[d]; k++)
            strbuf_printf(sb, "%s%02d:%02d–%02d:%02d", k ? "," : "",
                          cal->hours[d][k].start_min / 60, cal->hours[d][k].start_min % 60,
                          cal->hours[d][k].end_min / 60, cal->hours[d][k].end_min % 60);
    }
    if (!sb->len)
        strbuf_puts(sb, "never open");
}

/* The calendars: opening hours and holidays. */
static void S_calendars(report_t *r, report_section_t *s)
{
    const report_facts_t *f = &r->facts;
    static const char *const calh[] = {"Calendar", "Opening hours", "Holidays"};
    report_table_t *calt = report_add_table(r, s, "Calendars", f->cfg->ncalendars, 3, calh);
    for (size_t i = 0; i < f->cfg->ncalendars; i++) {
        const cfg_calendar_t *cal = &f->cfg->calendars[i];
        report_set_text(calt, i, 0, cal->name);
        strbuf_t sb = {0};
        S_opening_hours(cal, &sb);
        report_set_text(calt, i, 1, arena_strdup(r->arena, strbuf_cstr(&sb)));
        strbuf_reset(&sb);
        for (size_t k = 0; k < cal->nholidays; k++) {
            int64_t y;
            int mo, dd;
            civil_from_days(cal->holidays[k], &y, &mo, &dd);
            strbuf_printf(&sb, "%s%04d-%02d-%02d", k ? ", " : "", (int)y, mo, dd);
        }
        report_set_text(calt, i, 2, cal->nholidays ? arena_strdup(r->arena, sb.data) : "none");
        strbuf_clear(&sb);
    }
}

/* The definitions, the time zone and the as-of time. */
static void S_definitions(report_t *r, report_section_t *s)
{
    const report_facts_t *f = &r->facts;
    report_add_para(
        s, "Definitions (iso20k docs/metrics.md). Cancelled tickets count only as cancelled. "
           "Response SLA: incidents and requests opened in the period; met when the first "
           "response (or the resolution, if earlier) came within the target on the target's "
           "calendar, breached when it came later or has not come and the target has already "
           "passed; others are pending and left out. Resolution SLA: incidents and requests "
           "resolved in the period. Times are wall-clock; medians and percentiles use the "
           "nearest-rank method. A ratio with no denominator is shown as n/a, never 0 or 100.");
    report_add_para(
        s, report_fmt(r,
                      "What the data can support (docs/metrics.md §9): a share from fewer than %zu "
                      "tickets or responses (quality.min_sample) is a small sample, shown with its "
                      "n and never judged; availability needs outage records, satisfaction a "
                      "survey source, change and problem figures at least one such record; a "
                      "period the data does not cover has no figure at all, and one it covers "
                      "only in part is marked so.",
                      f->cfg->min_sample));
    report_add_para(
        s, report_fmt(r,
                      "Times are reported in %s. Data as known at %s: later events count as "
                      "not yet happened.",
                      tz_name(f->tz), r->as_of_text));
}

void report_quality_section(report_t *r)
{
    static const report_part_fn parts[] = {S_inputs,      S_fingerprints, S_reasons,
                                           S_sla_targets, S_calendars,    S_definitions};
    report_add_parts(r, "Data quality and method", "Data quality", parts, NPARTS(parts));
}
