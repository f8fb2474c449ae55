/*
 * cli — argument parsing, the pipeline, diagnostics and exit codes.
 */
#include "app/cli.h"

#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "app/config_load.h"
#include "app/history.h"
#include "app/init.h"
#include "app/outfile.h"
#include "app/period.h"
#include "core/version.h"
#include "input/profile.h"
#include "metrics/metrics.h"
#include "metrics/readiness.h"
#include "metrics/roi.h"
#include "render/render_json.h"
#include "render/render_pdf.h"
#include "render/render_xlsx.h"
#include "report/report.h"

enum { CMD_PACK, CMD_METRICS, CMD_CHECK, CMD_INIT };
enum { FMT_PDF = 1, FMT_XLSX = 2, FMT_JSON = 4, FMT_CSV = 8 };

typedef struct options {
    int command;
    const char *config;
    const char *period;
    const char *outdir;
    const char *as_of;
    int formats;
    int readiness;
    int quiet, verbose;
    const char *init_dir;
} options_t;

static int progress_on; /* standard error is a terminal */
static int show_warnings;

static const char USAGE[] =
    "usage: iso20k pack    [-c CONFIG] [-p PERIOD] [-o DIR] [--as-of TIME] [--format "
    "pdf,xlsx,json]\n"
    "                      [--kind review|readiness]\n"
    "       iso20k metrics [-c CONFIG] [-p PERIOD] [--as-of TIME] [--format json|csv]\n"
    "       iso20k check   [-c CONFIG] [-p PERIOD]\n"
    "       iso20k init    DIR\n"
    "       iso20k --help | --version\n";

static const char HELP[] =
    "\n"
    "iso20k turns ITSM ticket exports, outage records and survey data into ISO/IEC 20000\n"
    "management-review packs: a charted PDF, an Excel workbook and JSON.\n"
    "\n"
    "commands:\n"
    "  pack       write DIR/<name>.pdf, .xlsx and .json for the period\n"
    "  metrics    print the metrics JSON (or one CSV row per KPI) on standard output\n"
    "  check      read every input, print the data-quality summary and exit\n"
    "  init DIR   write a commented starter config and templates into DIR\n"
    "\n"
    "options:\n"
    "  -c CONFIG        the review config (default: review.yaml)\n"
    "  -p PERIOD        2026-10, 2026-Q3, 2026, 2026-10-01..2026-10-15, last-month,\n"
    "                   last-quarter or this-month (default: the config's period)\n"
    "  -o DIR           output directory (default: the config's output.dir)\n"
    "  --as-of TIME     fix \"now\" (ISO 8601; without an offset, in the report's time zone)\n"
    "  --format LIST    pack: pdf,xlsx,json (default all); metrics: json or csv\n"
    "  --kind KIND      pack: review (default) or readiness\n"
    "  -q               no warnings\n"
    "  -v               verbose: warnings and timings even without a terminal\n"
    "\n"
    "exit status: 0 ok, 64 usage, 65 input data error, 66 input missing, 71 out of memory,\n"
    "73 cannot create output, 74 write error, 75 output directory locked, 78 config error\n";

static void S_print_diag(const diag_t *d, const char *severity)
{
    char *msg = diag_format(d, severity);
    fprintf(stderr, "%s\n", msg);
    free(msg);
}

static int S_fail(diag_t *d)
{
    S_print_diag(d, "error");
    int code = status_exit_code(d->status);
    diag_clear(d);
    return code;
}

static int S_usage(const char *message)
{
    fprintf(stderr, "iso20k: %s\n%s", message, USAGE);
    return 64;
}

/* S_usage with one quoted argument in the message: "<before>'<arg>'<after>". */
static int S_usage_arg(const char *before, const char *arg, const char *after)
{
    fprintf(stderr, "iso20k: %s'%s'%s\n%s", before, arg, after, USAGE);
    return 64;
}

/* Seconds on a clock: CLOCK_MONOTONIC (wall) or CLOCK_PROCESS_CPUTIME_ID (all threads' CPU). */
static double S_clock(clockid_t id)
{
    struct timespec ts;
    clock_gettime(id, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* When the current phase began (wall and CPU), for -v's figures of each phase. */
static double phase_wall, phase_cpu;

static void S_phase_begin(void)
{
    phase_wall = S_clock(CLOCK_MONOTONIC);
    phase_cpu = S_clock(CLOCK_PROCESS_CPUTIME_ID);
}

/* Ends a phase: its name on a terminal; with -v also its wall and CPU time (CPU above wall:
 * several cores at work) and the peak memory of the run so far. */
static void S_phase(const options_t *o, const char *what)
{
    if (o->verbose) {
        struct rusage ru;
        long rss_kb = getrusage(RUSAGE_SELF, &ru) == 0 ? ru.ru_maxrss : 0;
        double wall = S_clock(CLOCK_MONOTONIC) - phase_wall;
        double cpu = S_clock(CLOCK_PROCESS_CPUTIME_ID) - phase_cpu;
        fprintf(stderr, "iso20k: %s (%.3f s, CPU %.3f s, peak RSS %.0f MB)\n", what, wall, cpu,
                (double)rss_kb / 1024);
    } else if (progress_on && !o->quiet) {
        fprintf(stderr, "iso20k: %s\n", what);
    }
    S_phase_begin();
}

static void S_on_signal(int sig)
{
    outfile_cleanup_all();
    signal(sig, SIG_DFL);
    raise(sig);
}

static int S_parse_formats(const char *s, int command, int *out)
{
    *out = 0;
    const char *p = s;
    while (*p) {
        const char *comma = strchr(p, ',');
        size_t len = comma ? (size_t)(comma - p) : strlen(p);
        if (len == 3 && !strncmp(p, "pdf", 3) && command == CMD_PACK)
            *out |= FMT_PDF;
        else if (len == 4 && !strncmp(p, "xlsx", 4) && command == CMD_PACK)
            *out |= FMT_XLSX;
        else if (len == 4 && !strncmp(p, "json", 4))
            *out |= FMT_JSON;
        else if (len == 3 && !strncmp(p, "csv", 3) && command == CMD_METRICS)
            *out |= FMT_CSV;
        else
            return -1;
        p += len;
        if (*p == ',')
            p++;
    }
    if (!*out || (command == CMD_METRICS && *out == (FMT_JSON | FMT_CSV)))
        return -1;
    return 0;
}

/* --as-of: ISO 8601 with or without offset; a date alone is its midnight. */
static int S_parse_as_of(const char *s, const tz_t *tz, ts_t *out)
{
    parsed_time_t pt;
    if (timeparse_canonical(s, strlen(s), &pt) != 0)
        return -1;
    *out = pt.has_offset ? pt.seconds : tz_local_to_utc(tz, pt.seconds, NULL);
    return 0;
}

static void S_print_quality_warnings(const store_t *st, const metrics_t *m)
{
    for (size_t i = 0; i < st->nquality; i++) {
        const source_quality_t *q = &st->quality[i];
        for (int w = 0; w < 2; w++) {
            const quality_entry_t *es = w ? q->warnings : q->rejected;
            size_t n = w ? q->nwarnings : q->nrejected;
            for (size_t j = 0; j < n; j++) {
                fprintf(stderr, "%s: warning: %s%s",
                        es[j].examples[0] ? es[j].examples[0] : q->file,
                        w ? "" : "rejected row: ", es[j].reason);
                if (es[j].count > 1)
                    fprintf(stderr, " (%zu in all)", es[j].count);
                fputc('\n', stderr);
            }
        }
    }
    for (size_t i = 0; m && i < m->nwarnings; i++)
        fprintf(stderr, "iso20k: warning: %s\n", m->warnings[i]);
}

static void S_print_check(const store_t *st, const config_t *cfg, FILE *out)
{
    fprintf(out, "%-40s %-20s %10s %10s %10s %9s\n", "input", "profile", "read", "accepted",
            "rejected", "warnings");
    for (size_t i = 0; i < st->nquality; i++) {
        const source_quality_t *q = &st->quality[i];
        fprintf(out, "%-40s %-20s %10zu %10zu %10zu %9zu\n", q->file, q->profile, q->rows_read,
                q->rows_accepted, q->rows_rejected, store_warning_count(q));
        for (size_t j = 0; j < q->nrejected; j++) {
            fprintf(out, "  rejected %6zu  %s  (", q->rejected[j].count, q->rejected[j].reason);
            for (size_t k = 0; k < QUALITY_EXAMPLES && q->rejected[j].examples[k]; k++)
                fprintf(out, "%s%s", k ? ", " : "", q->rejected[j].examples[k]);
            fprintf(out, ")\n");
        }
        for (size_t j = 0; j < q->nwarnings; j++) {
            fprintf(out, "  warning  %6zu  %s  (", q->warnings[j].count, q->warnings[j].reason);
            for (size_t k = 0; k < QUALITY_EXAMPLES && q->warnings[j].examples[k]; k++)
                fprintf(out, "%s%s", k ? ", " : "", q->warnings[j].examples[k]);
            fprintf(out, ")\n");
        }
        fprintf(out, "  sha256 %s\n", q->sha256);
    }
    (void)cfg;
}

/* Substitutes {period} in the output name. */
/* What a period measured, for the ROI benefit lines. The arrays point into m. */
static void S_roi_measures(const metrics_t *m, roi_measures_t *out, const char **names,
                           double *hours)
{
    const metrics_period_t *p = &m->period;
    ts_t hi = p->end < p->as_of ? p->end : p->as_of;
    out->seconds = hi > p->start ? (double)(hi - p->start) : 0;
    out->downtime_hours = 0;
    for (size_t i = 0; i < m->navailability; i++) {
        names[i] = m->availability[i].service;
        hours[i] = (double)m->availability[i].downtime_seconds / 3600.0;
        out->downtime_hours += hours[i];
    }
    out->services = names;
    out->service_hours = hours;
    out->nservices = m->navailability;
    out->incidents = (double)m->volumes.by_kind[KIND_INCIDENT];
    out->breaches = (double)m->sla.res_breached;
}

typedef struct pending {
    char *final_path;
    char *tmp_path;
} pending_t;

/* The PDF of a pack, drawn on a thread of its own. */
typedef struct pdf_job {
    const report_t *rep;
    strbuf_t buf;
    diag_t d;
    status_t st;
    pthread_t thread;
} pdf_job_t;

static void *S_pdf_main(void *arg)
{
    pdf_job_t *j = arg;
    j->st = render_pdf(j->rep, &j->buf, &j->d);
    return NULL;
}

static int S_pack(const options_t *o, const config_t *cfg, const report_t *rep, history_t *hist,
                  const trend_row_t *p_row, diag_t *d)
{
    const char *dir = o->outdir ? o->outdir : cfg->output_dir;
    status_t st = ST_OK; /* the directory exists and its lock is held (S_run) */
    const char *pattern = cfg->output_name ? cfg->output_name
                          : o->readiness   ? "readiness-{period}"
                                           : "review-{period}";
    /* a readiness pack never takes the name of the review pack beside it: a configured name
     * without "readiness" in it gets the prefix (see docs/decisions.md) */
    strbuf_t prefixed = {0};
    if (o->readiness && cfg->output_name && !strstr(cfg->output_name, "readiness")) {
        strbuf_printf(&prefixed, "readiness-%s", cfg->output_name);
        pattern = prefixed.data;
    }
    char as_of[16]; /* 2026-11-01T06:00:00+01:00 → 20261101T0600 */
    size_t n = 0;
    for (const char *p = rep->as_of_iso; *p && n < 13; p++)
        if (*p != '-' && *p != ':')
            as_of[n++] = *p;
    as_of[n] = '\0';
    char *base = outfile_pack_name(pattern, rep->facts.period_label, cfg->organization, as_of);
    strbuf_free(&prefixed);
    pending_t files[3] = {{0}};
    size_t nfiles = 0;
    static const struct {
        int fmt;
        const char *ext;
    } kinds[3] = {{FMT_PDF, ".pdf"}, {FMT_XLSX, ".xlsx"}, {FMT_JSON, ".json"}};
    pdf_job_t pj;
    memset(&pj, 0, sizeof pj);
    pj.rep = rep;
    const char *pdf_tmp = NULL;
    int pdf_running = 0;
    for (int k = 0; k < 3 && st == ST_OK; k++) {
        if (!(o->formats & kinds[k].fmt))
            continue;
        pending_t *pf = &files[nfiles++];
        strbuf_t path = {0};
        strbuf_printf(&path, "%s/%s%s", dir, base, kinds[k].ext);
        pf->final_path = path.data;
        if ((st = outfile_temp(pf->final_path, &pf->tmp_path, d)) != ST_OK)
            break;
        /* the PDF is drawn on a second core while the workbook is written (they share only
         * the report, which both only read) */
        if (kinds[k].fmt == FMT_PDF && (o->formats & FMT_XLSX) && util_cores() > 1 &&
            pthread_create(&pj.thread, NULL, S_pdf_main, &pj) == 0) {
            pdf_running = 1;
            pdf_tmp = pf->tmp_path;
            continue;
        }
        if (kinds[k].fmt == FMT_XLSX) {
            st = render_xlsx(rep, pf->tmp_path, d);
            if (pdf_running) {
                pthread_join(pj.thread, NULL);
                pdf_running = 0;
                if (pj.st != ST_OK) { /* the PDF's failure is told first, as before */
                    diag_clear(d);
                    *d = pj.d;
                    memset(&pj.d, 0, sizeof pj.d);
                    st = pj.st;
                } else if (st == ST_OK) {
                    st = outfile_fill(pdf_tmp, pj.buf.data, pj.buf.len, d);
                }
                S_phase(o, "rendered the PDF and the workbook, on two cores");
            } else {
                S_phase(o, "rendered the workbook");
            }
        } else {
            strbuf_t buf = {0};
            if (kinds[k].fmt == FMT_PDF) {
                st = render_pdf(rep, &buf, d);
                S_phase(o, "rendered the PDF");
            } else {
                render_json(rep, &buf);
                S_phase(o, "rendered the JSON");
            }
            if (st == ST_OK)
                st = outfile_fill(pf->tmp_path, buf.data, buf.len, d);
            strbuf_free(&buf);
        }
    }
    if (pdf_running) /* the workbook's temporary file could not be made */
        pthread_join(pj.thread, NULL);
    strbuf_free(&pj.buf);
    diag_clear(&pj.d);
    /* with the period's row in the history (only a review pack is a service report, and only
     * when computed from the inputs), all rendered files replace the previous ones as one set:
     * on any failure, none is replaced (SPEC 9) */
    strbuf_t hp = {0}, htext = {0};
    char *htmp = NULL;
    if (st == ST_OK && !o->readiness && p_row->known && !p_row->from_history) {
        strbuf_printf(&hp, "%s/history.csv", dir);
        history_put(hist, p_row);
        history_render(hist, rep->facts.tz, &htext);
        if ((st = outfile_temp(hp.data, &htmp, d)) == ST_OK)
            st = outfile_fill(htmp, htext.data, htext.len, d);
    }
    if (st == ST_OK) {
        outfile_set_t *set = outfile_set_new(dir);
        for (size_t i = 0; i < nfiles; i++)
            outfile_set_add(set, files[i].tmp_path, files[i].final_path);
        if (htmp)
            outfile_set_add(set, htmp, hp.data);
        st = outfile_set_commit(set, d);
        outfile_set_free(set);
    }
    for (size_t i = 0; i < nfiles; i++) {
        if (st != ST_OK)
            outfile_discard(files[i].tmp_path);
        else if (o->verbose)
            fprintf(stderr, "iso20k: wrote %s\n", files[i].final_path);
        free(files[i].tmp_path);
        free(files[i].final_path);
    }
    if (htmp && st != ST_OK)
        outfile_discard(htmp);
    free(htmp);
    strbuf_free(&hp);
    strbuf_free(&htext);
    free(base);
    if (st != ST_OK)
        return S_fail(d);
    return 0;
}

static int S_run(const options_t *o)
{
    diag_t d = {0};
    S_phase_begin();
    config_t *cfg = NULL;
    tz_t *tz = NULL;
    store_t *store = NULL;
    metrics_t *m = NULL;
    metrics_t *prev_m = NULL;
    report_t *rep = NULL;
    trend_row_t *trend = NULL;
    history_t hist = {0};
    metrics_t *base_m = NULL;
    roi_result_t *roi_keep = NULL;
    const char **roi_arrays[2] = {NULL, NULL};
    double *roi_hours[2] = {NULL, NULL};
    readiness_result_t readiness = {0};
    readiness_check_t *trend_checks = NULL; /* per trend row, CHECK_COUNT checks */
    ts_t(*report_spans)[2] = NULL;
    int lock = -1;
    int code = 0;

    if (config_load(o->config, &cfg, &d) != ST_OK) {
        code = S_fail(&d);
        goto done;
    }
    if (tz_load(cfg->timezone, &tz, &d) != ST_OK) {
        code = S_fail(&d);
        goto done;
    }
    /* "now": --as-of, else SOURCE_DATE_EPOCH, else the clock */
    ts_t as_of;
    if (o->as_of) {
        if (S_parse_as_of(o->as_of, tz, &as_of) != 0) {
            code = S_usage_arg("--as-of ", o->as_of,
                               " is not an ISO 8601 time (e.g. "
                               "2026-11-01T06:00:00 or 2026-11-01T06:00:00+01:00)");
            goto done;
        }
    } else if (getenv("SOURCE_DATE_EPOCH") && *getenv("SOURCE_DATE_EPOCH")) {
        char *end;
        errno = 0;
        long long v = strtoll(getenv("SOURCE_DATE_EPOCH"), &end, 10);
        if (*end || errno) {
            code = S_usage_arg("SOURCE_DATE_EPOCH=", getenv("SOURCE_DATE_EPOCH"),
                               " is not a number of seconds");
            goto done;
        }
        as_of = v;
    } else {
        as_of = (ts_t)time(NULL);
    }
    period_spec_t spec;
    if (o->period) {
        if (period_parse(o->period, &spec) != 0) {
            fprintf(stderr, "iso20k: -p '%s' is not a period; %s\n%s", o->period, period_forms_help,
                    USAGE);
            code = 64;
            goto done;
        }
    } else {
        period_parse(cfg->period ? cfg->period : "last-month", &spec);
    }
    period_t period;
    period_resolve(&spec, tz, as_of, &period);

    /* pack: hold the output directory's lock for the whole run, so that a second run exits 75 at
     * once instead of reading and computing for nothing */
    if (o->command == CMD_PACK) {
        const char *dir = o->outdir ? o->outdir : cfg->output_dir;
        if (outfile_mkdir(dir, &d) != ST_OK || outfile_lock(dir, &lock, &d) != ST_OK) {
            code = S_fail(&d);
            goto done;
        }
        /* before anything else: the pack an interrupted run left half replaced (SPEC 9) */
        outfile_swept_t swept;
        if (outfile_sweep(dir, &swept, &d) != ST_OK) {
            code = S_fail(&d);
            goto done;
        }
        if (swept.recovered && !o->quiet)
            fprintf(stderr, "iso20k: warning: an interrupted run left its pack half replaced: %s\n",
                    swept.rolled_back ? "its previous files are back"
                                      : "its new files were all in place and are kept");
        if (swept.removed && (o->verbose || (progress_on && !o->quiet)))
            fprintf(stderr, "iso20k: removed %zu work director%s left by an interrupted run\n",
                    swept.removed, swept.removed == 1 ? "y" : "ies");
    }

    /* read every input */
    store = store_new(cfg->nsources);
    int data_error = 0;
    for (size_t i = 0; i < cfg->nsources; i++) {
        status_t st = profile_read_source(cfg, i, tz, store, &d);
        if (st == ST_DATA) {
            S_print_diag(&d, "error");
            diag_clear(&d);
            data_error = 1;
        } else if (st != ST_OK) {
            code = S_fail(&d);
            goto done;
        }
        if ((progress_on && !o->quiet) || o->verbose) {
            const source_quality_t *q = &store->quality[i];
            fprintf(stderr, "iso20k: read %s: %.1f MB, %zu rows, %zu rejected\n", q->file,
                    (double)q->bytes / 1e6, q->rows_read, q->rows_rejected);
        }
    }
    S_phase(o, "read the inputs");
    int over_limit = 0;
    for (size_t i = 0; i < store->nquality; i++) {
        const source_quality_t *q = &store->quality[i];
        double pct = q->rows_read ? 100.0 * (double)q->rows_rejected / (double)q->rows_read : 0;
        if (pct > cfg->max_rejected_pct) {
            over_limit = 1;
            fprintf(stderr,
                    "%s: error: %zu of %zu rows rejected (%.1f%%), more than "
                    "quality.max_rejected_pct (%g%%)\n",
                    q->file, q->rows_rejected, q->rows_read, pct, cfg->max_rejected_pct);
        }
    }

    /* the history file of earlier packs, for trend periods the inputs do not reach */
    strbuf_t hist_path = {0};
    strbuf_printf(&hist_path, "%s/history.csv", o->outdir ? o->outdir : cfg->output_dir);
    history_load(&hist, hist_path.data);
    strbuf_free(&hist_path);
    if (show_warnings && !o->quiet)
        for (size_t i = 0; i < hist.nproblems; i++)
            fprintf(stderr, "%s\n", hist.problems[i]);

    /* the periods of the reports already produced (for the readiness checks) */
    report_spans = xcalloc(hist.nrows ? hist.nrows : 1, sizeof *report_spans);
    for (size_t i = 0; i < hist.nrows; i++) {
        report_spans[i][0] = hist.rows[i].start;
        report_spans[i][1] = hist.rows[i].end;
    }

    /* metrics for P, its trend, the previous period and the ROI baseline: the periods are
     * chosen first, then computed together (metrics_compute_many shares them among the cores),
     * then used in order */
    ts_t earliest = metrics_earliest_opened(store, as_of);
    size_t ntrend = (size_t)cfg->trend_periods;
    trend = xcalloc(ntrend + 1, sizeof(trend_row_t)); /* the extra row is "previous" */
    enum { ROW_SKIP, ROW_MAIN, ROW_COPY, ROW_COMPUTED };
    int *row_kind = xcalloc(ntrend + 1, sizeof(int));
    size_t *row_job = xcalloc(ntrend + 1, sizeof(size_t));
    metrics_period_t *jobs = xcalloc(ntrend + 3, sizeof(metrics_period_t));
    metrics_t **results = xcalloc(ntrend + 3, sizeof(metrics_t *));
    size_t njobs = 0;
    jobs[njobs++] = (metrics_period_t){period.start, period.end, as_of, NULL, 0};
    period_t bp; /* the ROI baseline period, when the config names one */
    memset(&bp, 0, sizeof bp);
    size_t base_job = 0;
    if (cfg->roi_model && cfg->baseline) {
        period_spec_t bs;
        period_parse(cfg->baseline, &bs);
        period_resolve(&bs, tz, as_of, &bp);
        base_job = njobs;
        jobs[njobs++] = (metrics_period_t){bp.start, bp.end, as_of, NULL, 0};
    }
    for (size_t i = 0; i <= ntrend; i++) {
        int back = i < ntrend ? (int)(ntrend - 1 - i) : 1;
        period_t tp;
        period_shift_back(&period, back, tz, &tp);
        trend_row_t *row = &trend[i];
        memcpy(row->label, tp.label, sizeof row->label);
        row->start = tp.start;
        row->end = tp.end;
        row->kpis.opened = row->kpis.resolved = -1;
        row->kpis.response_attainment_pct = row->kpis.resolution_attainment_pct = NAN;
        row->kpis.csat_pct = row->kpis.reopen_rate_pct = row->kpis.availability_pct = NAN;
        if (earliest == TS_NONE || earliest > tp.start) {
            /* the inputs do not reach back to this period: the history file may hold it */
            const trend_row_t *h = history_find(&hist, tp.label);
            if (h && h->start == tp.start && h->end == tp.end) {
                *row = *h;
                row->from_history = 1;
            }
            row_kind[i] = ROW_SKIP;
        } else if (back == 0) {
            row_kind[i] = ROW_MAIN;
        } else if (i == ntrend && ntrend >= 2) {
            row_kind[i] = ROW_COPY; /* previous = the second-to-last trend row */
        } else {
            row_kind[i] = ROW_COMPUTED;
            row_job[i] = njobs;
            jobs[njobs++] = (metrics_period_t){tp.start, tp.end, as_of, NULL, 0};
        }
    }
    metrics_compute_many(cfg, store, tz, jobs, njobs, results);
    m = results[0];
    if (cfg->assessment || o->readiness)
        trend_checks = xcalloc(ntrend * CHECK_COUNT, sizeof(readiness_check_t));
    for (size_t i = 0; i <= ntrend; i++) {
        trend_row_t *row = &trend[i];
        if (row_kind[i] == ROW_SKIP)
            continue;
        if (row_kind[i] == ROW_COPY) {
            *row = trend[ntrend - 2];
            continue;
        }
        const metrics_t *rm = row_kind[i] == ROW_MAIN ? m : results[row_job[i]];
        metrics_trend_kpis(rm, &row->kpis);
        if (trend_checks && i < ntrend) {
            readiness_data_t rd = {cfg, store, rm, (const ts_t(*)[2])report_spans, hist.nrows};
            readiness_checks(&rd, &trend_checks[i * CHECK_COUNT]);
        }
        row->known = 1;
    }
    base_m = base_job ? results[base_job] : NULL; /* kept for the ROI below */
    for (size_t k = 1; k < njobs; k++)
        if (k != base_job)
            metrics_free(results[k]);
    free(results);
    free(jobs);
    free(row_job);
    free(row_kind);
    S_phase(o, "computed the metrics");

    /* ROI: the period against the baseline period (or roi.yaml's annual numbers) */
    roi_measures_t roi_cur = {0}, roi_base = {0};
    const char **cur_names = NULL, **base_names = NULL;
    double *cur_hours = NULL, *base_hours = NULL;
    roi_result_t *roi_results = NULL;
    roi_sensitivity_t roi_sens[64];
    size_t nroi_sens = 0;
    const char *baseline_label = NULL;
    char baseline_label_buf[48];
    if (cfg->roi_model) {
        const roi_config_t *rc = cfg->roi_model;
        cur_names = xcalloc(m->navailability + 1, sizeof(char *));
        cur_hours = xcalloc(m->navailability + 1, sizeof(double));
        S_roi_measures(m, &roi_cur, cur_names, cur_hours);
        if (base_m) {
            base_names = xcalloc(base_m->navailability + 1, sizeof(char *));
            base_hours = xcalloc(base_m->navailability + 1, sizeof(double));
            S_roi_measures(base_m, &roi_base, base_names, base_hours);
            memcpy(baseline_label_buf, bp.label, sizeof baseline_label_buf);
            baseline_label = baseline_label_buf;
        } else {
            roi_base.seconds = 365.25 * 86400; /* roi.yaml's numbers are annual already */
            roi_base.downtime_hours = rc->base.baseline_downtime_hours;
            roi_base.incidents = rc->base.baseline_incidents;
            roi_base.breaches = rc->base.baseline_breaches;
        }
        roi_results = xcalloc(1 + rc->nscenarios, sizeof(roi_result_t));
        roi_evaluate(&rc->base, &roi_base, &roi_cur, &roi_results[0]);
        for (size_t i = 0; i < rc->nscenarios; i++)
            roi_evaluate(&rc->scenarios[i], &roi_base, &roi_cur, &roi_results[1 + i]);
        nroi_sens = roi_sensitivity(&rc->base, &roi_base, &roi_cur, roi_sens, 64);
    }

    report_facts_t facts = {0};
    readiness_check_t checks[CHECK_COUNT];
    if (trend_checks) {
        /* SPEC 6: what this period's data says, and the self-assessment it speaks to */
        readiness_data_t rd = {cfg, store, m, (const ts_t(*)[2])report_spans, hist.nrows};
        readiness_checks(&rd, checks);
        facts.checks = checks;
        facts.trend_checks = trend_checks;
    }
    if (cfg->assessment) {
        readiness_score(cfg->assessment, checks, &readiness);
        facts.readiness = &readiness;
        facts.assessment = cfg->assessment;
    }
    facts.history = hist.rows;
    facts.nhistory = hist.nrows;
    if (roi_results) {
        facts.roi = &roi_results[0];
        facts.roi_scenarios = roi_results + 1;
        facts.nroi_scenarios = cfg->roi_model->nscenarios;
        facts.roi_sensitivity = roi_sens;
        facts.nroi_sensitivity = nroi_sens;
        facts.roi_baseline = &roi_base;
        facts.roi_current = &roi_cur;
        facts.roi_baseline_label = baseline_label;
    }
    facts.cfg = cfg;
    facts.store = store;
    facts.tz = tz;
    facts.metrics = m;
    facts.period_label = period.label;
    facts.trend = trend;
    facts.ntrend = ntrend;
    facts.previous = trend[ntrend].known ? &trend[ntrend] : NULL;
    facts.kind_readiness = o->readiness;
    facts.over_rejected_limit = over_limit;
    rep = report_build(&facts);
    S_phase(o, "built the report");

    if (show_warnings && !o->quiet)
        S_print_quality_warnings(store, m);

    if (o->command == CMD_CHECK) {
        S_print_check(store, cfg, stdout);
    } else if (o->command == CMD_METRICS) {
        strbuf_t out = {0};
        if (o->formats & FMT_CSV)
            render_csv_kpis(rep, &out);
        else
            render_json(rep, &out);
        if (fwrite(strbuf_cstr(&out), 1, out.len, stdout) != out.len || fflush(stdout) != 0) {
            fprintf(stderr, "iso20k: error: cannot write to standard output: %s\n",
                    strerror(errno));
            code = 74;
        }
        strbuf_free(&out);
        S_phase(o, o->formats & FMT_CSV ? "wrote the CSV" : "wrote the JSON");
    } else {
        code = S_pack(o, cfg, rep, &hist, &trend[ntrend - 1], &d);
        S_phase(o, "wrote the pack");
    }
    roi_keep = roi_results;
    roi_arrays[0] = cur_names;
    roi_arrays[1] = base_names;
    roi_hours[0] = cur_hours;
    roi_hours[1] = base_hours;
    if (code == 0 && (over_limit || data_error))
        code = 65;

done:
    outfile_unlock(lock);
    report_free(rep);
    readiness_free(&readiness);
    free(trend_checks);
    free(report_spans);
    history_free(&hist);
    free(roi_keep);
    free(roi_arrays[0]);
    free(roi_arrays[1]);
    free(roi_hours[0]);
    free(roi_hours[1]);
    metrics_free(base_m);
    free(trend);
    metrics_free(prev_m);
    metrics_free(m);
    store_free(store);
    tz_free(tz);
    config_free(cfg);
    diag_clear(&d);
    return code;
}

int cli_main(int argc, char **argv)
{
    util_set_oom_hook(outfile_cleanup_all);
    signal(SIGINT, S_on_signal);
    signal(SIGTERM, S_on_signal);
    signal(SIGHUP, S_on_signal);
    progress_on = isatty(2);

    if (argc < 2)
        return S_usage("a command is required");
    options_t o = {0};
    o.config = "review.yaml";
    const char *cmd = argv[1];
    if (!strcmp(cmd, "--help") || !strcmp(cmd, "-h")) {
        fputs(USAGE, stdout);
        fputs(HELP, stdout);
        return 0;
    }
    if (!strcmp(cmd, "--version")) {
        printf("iso20k %s\n", ISO20K_VERSION);
        return 0;
    }
    if (!strcmp(cmd, "pack"))
        o.command = CMD_PACK, o.formats = FMT_PDF | FMT_XLSX | FMT_JSON;
    else if (!strcmp(cmd, "metrics"))
        o.command = CMD_METRICS, o.formats = FMT_JSON;
    else if (!strcmp(cmd, "check"))
        o.command = CMD_CHECK;
    else if (!strcmp(cmd, "init"))
        o.command = CMD_INIT;
    else
        return S_usage_arg("unknown command ", cmd, "");

    enum { OPT_AS_OF = 256, OPT_FORMAT, OPT_KIND };
    static const struct option longopts[] = {{"config", required_argument, NULL, 'c'},
                                             {"period", required_argument, NULL, 'p'},
                                             {"output", required_argument, NULL, 'o'},
                                             {"as-of", required_argument, NULL, OPT_AS_OF},
                                             {"format", required_argument, NULL, OPT_FORMAT},
                                             {"kind", required_argument, NULL, OPT_KIND},
                                             {"quiet", no_argument, NULL, 'q'},
                                             {"verbose", no_argument, NULL, 'v'},
                                             {"help", no_argument, NULL, 'h'},
                                             {NULL, 0, NULL, 0}};
    optind = 2;
    opterr = 0;
    int c;
    int allowed_p = o.command != CMD_INIT, allowed_o = o.command == CMD_PACK;
    while ((c = getopt_long(argc, argv, ":c:p:o:qvh", longopts, NULL)) != -1) {
        switch (c) {
        case 'c':
            o.config = optarg;
            break;
        case 'p':
            if (!allowed_p)
                return S_usage("-p is not an option of this command");
            o.period = optarg;
            break;
        case 'o':
            if (!allowed_o)
                return S_usage("-o is an option of 'pack' only");
            o.outdir = optarg;
            break;
        case OPT_AS_OF:
            o.as_of = optarg;
            break;
        case OPT_FORMAT:
            if (o.command != CMD_PACK && o.command != CMD_METRICS)
                return S_usage("--format is an option of 'pack' and 'metrics' only");
            if (S_parse_formats(optarg, o.command, &o.formats) != 0)
                return S_usage_arg("--format ", optarg,
                                   o.command == CMD_PACK
                                       ? ": use pdf, xlsx and json, comma-separated"
                                       : ": use json or csv");
            break;
        case OPT_KIND:
            if (o.command != CMD_PACK)
                return S_usage("--kind is an option of 'pack' only");
            if (!strcmp(optarg, "readiness"))
                o.readiness = 1;
            else if (strcmp(optarg, "review") != 0)
                return S_usage_arg("--kind ", optarg, ": use review or readiness");
            break;
        case 'q':
            o.quiet = 1;
            break;
        case 'v':
            o.verbose = 1;
            break;
        case 'h':
            fputs(USAGE, stdout);
            fputs(HELP, stdout);
            return 0;
        case ':':
            return S_usage_arg("option ", argv[optind - 1], " needs a value");
        default:
            return S_usage_arg("unknown option ", argv[optind - 1], "");
        }
    }
    if (o.command == CMD_INIT) {
        if (optind != argc - 1)
            return S_usage("init takes exactly one directory");
        diag_t d = {0};
        if (init_write(argv[optind], &d) != ST_OK)
            return S_fail(&d);
        if (progress_on || o.verbose)
            fprintf(stderr, "iso20k: wrote review.yaml, readiness.yaml and roi.yaml into %s\n",
                    argv[optind]);
        return 0;
    }
    if (optind != argc)
        return S_usage_arg("unexpected argument ", argv[optind], "");
    show_warnings = !o.quiet && (progress_on || o.verbose);
    return S_run(&o);
}
