/*
 * run — the phases of a run over the run_t that owns what it allocates; see app/run.h. It
 * decides nothing a module below decides for it: trend periods come from metrics/trend.c, ROI
 * inputs from metrics/roi.c, and it prints nothing.
 */
#include "app/run.h"

#include <errno.h>
#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "app/config_load.h"
#include "app/outfile.h"
#include "input/profile.h"
#include "render/render_csv.h"
#include "render/render_json.h"
#include "render/render_pdf.h"
#include "render/render_xlsx.h"

static void S_phase(const run_t *r, const char *what)
{
    if (r->on_phase)
        r->on_phase(r->ctx, what);
}

run_t *run_new(const run_options_t *o, run_phase_fn on_phase, void *ctx)
{
    run_t *r = xcalloc(1, sizeof *r);
    r->opt = *o;
    r->on_phase = on_phase;
    r->ctx = ctx;
    r->arena = arena_new();
    r->lock = -1;
    return r;
}

/* The pack's temporaries not moved into place are removed, then the lock released. */
static void S_release_outputs(run_t *r)
{
    for (size_t i = 0; i < r->nfiles; i++) {
        if (!r->files[i].committed)
            outfile_discard(r->files[i].tmp_path);
        free(r->files[i].tmp_path);
        free(r->files[i].final_path);
    }
    outfile_unlock(r->lock);
}

/* The report and the figures it was built of besides the metrics. */
static void S_free_report(run_t *r)
{
    report_free(r->report);
    roi_outcome_clear(&r->roi);
    readiness_clear(&r->readiness);
    register_figures_clear(&r->reg_figures);
}

/* What the metrics computed: the coverage of P, the trend and the periods' metrics. */
static void S_free_figures(run_t *r)
{
    metrics_free(r->previous);
    metrics_free(r->baseline);
    metrics_free(r->metrics);
    trend_clear(&r->trend);
    coverage_clear(&r->coverage);
}

/* What the run read: the config and its time zone, the records, the registers, the history. */
static void S_free_inputs(run_t *r)
{
    history_clear(&r->history);
    store_free(r->store);
    registers_free(r->registers);
    tz_free(r->tz);
    config_free(r->cfg);
}

/* The parts in the reverse of the order the phases made them: each holds pointers into the
 * earlier ones. */
void run_free(run_t *r)
{
    if (!r)
        return;
    S_release_outputs(r);
    S_free_report(r);
    S_free_figures(r);
    S_free_inputs(r);
    arena_free(r->arena);
    free(r);
}

status_t run_load_config(run_t *r, diag_t *d)
{
    status_t st = config_load(r->opt.config, &r->cfg, d);
    if (st != ST_OK)
        return st;
    r->outdir = r->opt.outdir ? r->opt.outdir : r->cfg->output_dir;
    return tz_load(r->cfg->timezone, &r->tz, d);
}

/* The range of "now", as for the times of the inputs: 1970-01-01 to the end of 2199 (UTC; a
 * local --as-of may be 14 hours either side). A SOURCE_DATE_EPOCH given in milliseconds or
 * nanoseconds is out of it. */
#define AS_OF_FIRST ((ts_t)0)
#define AS_OF_END ((ts_t)7258118400LL) /* 2200-01-01T00:00:00Z */

/* "now": --as-of (ISO 8601 with or without offset; a date alone is its midnight), else
 * SOURCE_DATE_EPOCH, else the clock. */
static status_t S_as_of(run_t *r, diag_t *d)
{
    const char *epoch = getenv("SOURCE_DATE_EPOCH");
    if (r->opt.as_of) {
        parsed_time_t pt;
        if (timeparse_canonical(r->opt.as_of, strlen(r->opt.as_of), &pt) != 0)
            return diag_set(d, ST_USAGE, NULL, 0, 0,
                            "--as-of '%s' is not an ISO 8601 time (e.g. 2026-11-01T06:00:00 or "
                            "2026-11-01T06:00:00+01:00)",
                            r->opt.as_of);
        ts_t slack = pt.has_offset ? 14 * 3600 : 0; /* a UTC time of a local one in range */
        if (pt.seconds < AS_OF_FIRST - slack || pt.seconds >= AS_OF_END + slack)
            return diag_set(d, ST_USAGE, NULL, 0, 0,
                            "--as-of '%s' is out of range: a time from 1970 to 2199, as in the "
                            "inputs",
                            r->opt.as_of);
        r->as_of = pt.has_offset ? pt.seconds : tz_local_to_utc(r->tz, pt.seconds, NULL);
    } else if (epoch && *epoch) {
        char *end;
        errno = 0;
        long long v = strtoll(epoch, &end, 10);
        if (*end || errno || end == epoch)
            return diag_set(d, ST_USAGE, NULL, 0, 0,
                            "SOURCE_DATE_EPOCH='%s' is not a number of seconds", epoch);
        /* milliseconds or nanoseconds since 1970 would be a year past 2199 */
        if (v < AS_OF_FIRST || v >= AS_OF_END)
            return diag_set(d, ST_USAGE, NULL, 0, 0,
                            "SOURCE_DATE_EPOCH='%s' is out of range: seconds since 1970 from 0 to "
                            "%lld (the end of 2199)",
                            epoch, (long long)AS_OF_END - 1);
        r->as_of = v;
    } else {
        r->as_of = (ts_t)time(NULL);
    }
    return ST_OK;
}

status_t run_resolve_period(run_t *r, diag_t *d)
{
    status_t st = S_as_of(r, d);
    if (st != ST_OK)
        return st;
    period_spec_t spec;
    if (r->opt.period) {
        if (period_parse(r->opt.period, &spec) != 0)
            return diag_set(d, ST_USAGE, NULL, 0, 0, "-p '%s' is not a period; %s", r->opt.period,
                            period_forms_help);
    } else {
        period_parse(r->cfg->period ? r->cfg->period : "last-month", &spec);
    }
    period_resolve(&spec, r->tz, r->as_of, &r->period);
    return ST_OK;
}

status_t run_lock_output(run_t *r, diag_t *d)
{
    status_t st = outfile_mkdir(r->outdir, d);
    if (st == ST_OK)
        st = outfile_lock(r->outdir, &r->lock, d);
    if (st == ST_OK) /* before anything else: a pack an interrupted run left half replaced */
        st = outfile_sweep(r->outdir, &r->swept, d);
    return st;
}

/* The store, with a data-quality entry for every source and then every register given. */
static store_t *S_store(run_t *r)
{
    if (!r->store)
        r->store = store_new(r->cfg->nsources + config_register_count(r->cfg));
    return r->store;
}

status_t run_read_source(run_t *r, size_t i, diag_t *d)
{
    status_t st = profile_read_source(r->cfg, i, r->tz, r->as_of, S_store(r), d);
    if (st == ST_DATA)
        r->data_error = 1;
    return st;
}

status_t run_read_register(run_t *r, register_kind_t k, diag_t *d)
{
    const config_t *cfg = r->cfg;
    if (!cfg->registers[k].file)
        return ST_OK;
    if (!r->registers)
        r->registers = registers_new();
    size_t at =
        cfg->nsources; /* the registers' entries follow the sources', in the documented order */
    for (int j = 0; j < (int)k; j++)
        at += cfg->registers[j].file != NULL;
    status_t st = registers_read(cfg, k, at, S_store(r), r->registers, d);
    if (st == ST_DATA)
        r->data_error = 1;
    return st;
}

int run_check_rejections(run_t *r, size_t i, diag_t *d)
{
    const source_quality_t *q = &r->store->quality[i];
    if (q->is_register)
        return 0; /* docs/configuration.md §14: a register's rejected rows never count toward the
                     limit */
    double pct = q->rows_read ? 100.0 * (double)q->rows_rejected / (double)q->rows_read : 0;
    if (pct <= r->cfg->max_rejected_pct)
        return 0;
    r->over_limit = 1;
    diag_set(d, ST_DATA, q->file, 0, 0,
             "%zu of %zu rows rejected (%.1f%%), more than quality.max_rejected_pct (%g%%)",
             q->rows_rejected, q->rows_read, pct, r->cfg->max_rejected_pct);
    return 1;
}

void run_load_history(run_t *r)
{
    strbuf_t path = {0};
    strbuf_printf(&path, "%s/history.csv", r->outdir);
    history_load(&r->history, path.data);
    strbuf_clear(&path);
    /* the periods of the reports already produced (for the readiness checks) */
    const history_t *h = &r->history;
    r->report_spans = arena_alloc(r->arena, (h->nrows ? h->nrows : 1) * sizeof *r->report_spans);
    for (size_t i = 0; i < h->nrows; i++) {
        r->report_spans[i][0] = h->rows[i].start;
        r->report_spans[i][1] = h->rows[i].end;
    }
}

/* metrics for P, the ROI baseline and the trend: the periods are chosen first, then computed
 * together (metrics_compute_many shares them among the cores), then used in order */
void run_plan_periods(run_t *r)
{
    const config_t *cfg = r->cfg;
    size_t ntrend = (size_t)cfg->trend_periods;
    r->jobs = arena_alloc(r->arena, (ntrend + 3) * sizeof(metrics_period_t));
    r->jobs[r->njobs++] = (metrics_period_t){r->period.start, r->period.end, r->as_of, NULL, 0};
    if (cfg->roi_model && cfg->baseline) {
        period_spec_t bs;
        period_parse(cfg->baseline, &bs);
        period_resolve(&bs, r->tz, r->as_of, &r->baseline_period);
        r->base_job = r->njobs;
        r->jobs[r->njobs++] =
            (metrics_period_t){r->baseline_period.start, r->baseline_period.end, r->as_of, NULL, 0};
    }
    coverage_compute(cfg, r->store, r->period.start, r->period.end, r->as_of, &r->coverage);
    trend_data_t data = {metrics_earliest_opened(r->store, r->as_of), r->coverage.overall,
                         cfg->coverage_gap};
    trend_plan(&r->trend, &r->period, ntrend, r->tz, r->as_of, &data, r->history.rows,
               r->history.nrows, r->jobs, &r->njobs);
}

int run_not_covered(const run_t *r)
{
    return r->coverage.overall.status == COVERAGE_NOT_COVERED;
}

/* docs/metrics.md §11: what each trend period's data says (the trend period's own checks) */
static void S_trend_checks(run_t *r, metrics_t *const *results)
{
    size_t ntrend = r->trend.ntrend;
    r->trend_checks = arena_alloc(r->arena, ntrend * CHECK_COUNT * sizeof(readiness_check_t));
    for (size_t i = 0; i < ntrend; i++) {
        const metrics_t *rm = trend_row_metrics(&r->trend, i, r->metrics, results);
        if (!rm)
            continue;
        readiness_data_t rd = {
            r->cfg,           r->store,     rm,   (const ts_t(*)[2])r->report_spans,
            r->history.nrows, r->registers, r->tz};
        readiness_checks(&rd, &r->trend_checks[i * CHECK_COUNT]);
    }
}

void run_compute_metrics(run_t *r)
{
    metrics_t **results = xcalloc(r->njobs, sizeof(metrics_t *));
    metrics_compute_many(r->cfg, r->store, r->tz, r->jobs, r->njobs, results);
    r->metrics = results[0];
    if (run_not_covered(r))
        metrics_blank(r->metrics); /* docs/metrics.md §9: no figure for a period the data misses */
    trend_fill(&r->trend, r->metrics, results);
    if (r->cfg->assessment || r->opt.readiness)
        S_trend_checks(r, results);
    r->baseline = r->base_job ? results[r->base_job] : NULL; /* kept for the ROI */
    /* kept for the KPIs whose previous value the history file does not hold (the baseline is a
     * job of its own even when it is the previous period) */
    const metrics_t *prev = trend_previous_metrics(&r->trend, r->metrics, results);
    for (size_t k = 1; k < r->njobs; k++) {
        if (k == r->base_job)
            continue;
        if (results[k] == prev)
            r->previous = results[k];
        else
            metrics_free(results[k]);
    }
    free(results);
}

/* The ROI (against the baseline period, or roi.yaml's annual numbers) and the readiness
 * score with the period's own checks, into the facts of the report. */
static void S_assess(run_t *r, report_facts_t *f)
{
    const config_t *cfg = r->cfg;
    if (r->trend_checks) {
        readiness_data_t rd = {
            cfg,          r->store, r->metrics, (const ts_t(*)[2])r->report_spans, r->history.nrows,
            r->registers, r->tz};
        readiness_checks(&rd, r->checks);
        f->checks = r->checks;
        f->trend_checks = r->trend_checks;
    }
    if (cfg->assessment) {
        readiness_score(cfg->assessment, r->checks, &r->readiness);
        f->readiness = &r->readiness;
        f->assessment = cfg->assessment;
    }
    if (cfg->roi_model) {
        roi_compute(cfg->roi_model, r->metrics, r->baseline, &r->roi);
        f->roi = &r->roi.results[0];
        f->roi_scenarios = r->roi.results + 1;
        f->nroi_scenarios = r->roi.nresults - 1;
        f->roi_sensitivity = r->roi.sensitivity;
        f->nroi_sensitivity = r->roi.nsensitivity;
        f->roi_baseline = &r->roi.baseline;
        f->roi_current = &r->roi.current;
        f->roi_baseline_label = r->baseline ? r->baseline_period.label : NULL;
    }
}

/* An outage-profile source is configured (docs/metrics.md §9: availability is measured from it,
 * even with no rows in P). */
static int S_outage_source(const run_t *r)
{
    for (size_t i = 0; i < r->coverage.nsources; i++)
        if (r->coverage.records[i] == PROFILE_OUTAGES)
            return 1;
    return 0;
}

/* The registers' figures for P and what the review covers (docs/metrics.md §14). */
static void S_review_inputs(run_t *r)
{
    const metrics_t *m = r->metrics;
    if (!r->registers)
        r->registers = registers_new(); /* none given: every register absent */
    r->reg_span = registers_span(&m->period, r->tz);
    registers_compute(r->cfg, r->registers, &r->reg_span, &r->reg_figures);
    /* monitoring is measured when the data covers P at least partly, availability by the coverage
     * rule of docs/metrics.md §9: both as the metrics decided them (metrics/coverage.c) */
    int outage_source = S_outage_source(r);
    review_measured_t rm = {.period_covered = !run_not_covered(r),
                            .availability_measured = m->availability_measured,
                            .attainment_known = !isnan(m->sla.response_attainment_pct) ||
                                                !isnan(m->sla.resolution_attainment_pct),
                            .responses = m->satisfaction.responses,
                            .tickets = r->store->ntickets > 0,
                            .outages = outage_source,
                            .surveys = r->store->nsurveys > 0};
    registers_review_inputs(r->registers, &r->reg_span, &rm, r->review_inputs);
}

void run_build_report(run_t *r)
{
    report_facts_t facts = {0};
    S_review_inputs(r);
    S_assess(r, &facts);
    facts.history = r->history.rows;
    facts.nhistory = r->history.nrows;
    facts.cfg = r->cfg;
    facts.store = r->store;
    facts.tz = r->tz;
    facts.metrics = r->metrics;
    facts.period_label = r->period.label;
    facts.trend = r->trend.rows;
    facts.ntrend = r->trend.ntrend;
    facts.previous = trend_previous(&r->trend);
    facts.previous_metrics = r->previous;
    facts.coverage = &r->coverage;
    facts.kind_readiness = r->opt.readiness;
    facts.has_sample_seed = r->opt.has_sample_seed;
    facts.sample_seed = r->opt.sample_seed;
    facts.over_rejected_limit = r->over_limit;
    facts.registers = r->registers;
    facts.reg_figures = &r->reg_figures;
    facts.reg_span = r->reg_span;
    facts.review_inputs = r->review_inputs;
    r->report = report_build(&facts);
}

void run_render_metrics(const run_t *r, strbuf_t *out)
{
    if (r->opt.formats & RUN_CSV)
        render_csv_kpis(r->report, out);
    else
        render_json(r->report, out);
}

/* The base name of the pack's files (output.name, default review-{period}). */
static char *S_pack_base(const run_t *r)
{
    const config_t *cfg = r->cfg;
    const char *pattern = cfg->output_name   ? cfg->output_name
                          : r->opt.readiness ? "readiness-{period}"
                                             : "review-{period}";
    /* a readiness pack never takes the name of the review pack beside it: a configured name
     * without "readiness" in it gets the prefix (see docs/decisions.md) */
    strbuf_t prefixed = {0};
    if (r->opt.readiness && cfg->output_name && !strstr(cfg->output_name, "readiness")) {
        strbuf_printf(&prefixed, "readiness-%s", cfg->output_name);
        pattern = prefixed.data;
    }
    char as_of[16]; /* 2026-11-01T06:00:00+01:00 → 20261101T0600 */
    size_t n = 0;
    for (const char *p = r->report->as_of_iso; *p && n < 13; p++)
        if (*p != '-' && *p != ':')
            as_of[n++] = *p;
    as_of[n] = '\0';
    char *base = outfile_pack_name(pattern, r->period.label, cfg->organization, as_of);
    strbuf_clear(&prefixed);
    return base;
}

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

/* The workbook; then the PDF drawn meanwhile, when it was. */
static status_t S_render_xlsx(run_t *r, const run_file_t *f, pdf_job_t *pj, int *pdf_running,
                              const char *pdf_tmp, diag_t *d)
{
    status_t st = render_xlsx(r->report, f->tmp_path, d);
    if (!*pdf_running) {
        S_phase(r, "rendered the workbook");
        return st;
    }
    pthread_join(pj->thread, NULL);
    *pdf_running = 0;
    if (pj->st != ST_OK) { /* the PDF's failure is told first, as before */
        diag_clear(d);
        *d = pj->d;
        memset(&pj->d, 0, sizeof pj->d);
        st = pj->st;
    } else if (st == ST_OK) {
        st = outfile_fill(pdf_tmp, pj->buf.data, pj->buf.len, d);
    }
    S_phase(r, "rendered the PDF and the workbook, on two cores");
    return st;
}

/* The PDF (when not drawn on a thread) or the JSON, into its temporary file. */
static status_t S_render_buffer(run_t *r, int fmt, const run_file_t *f, diag_t *d)
{
    status_t st = ST_OK;
    strbuf_t buf = {0};
    if (fmt == RUN_PDF) {
        st = render_pdf(r->report, &buf, d);
        S_phase(r, "rendered the PDF");
    } else {
        render_json(r->report, &buf);
        S_phase(r, "rendered the JSON");
    }
    if (st == ST_OK)
        st = outfile_fill(f->tmp_path, buf.data, buf.len, d);
    strbuf_clear(&buf);
    return st;
}

status_t run_render(run_t *r, diag_t *d)
{
    static const struct {
        int fmt;
        const char *ext;
    } kinds[3] = {{RUN_PDF, ".pdf"}, {RUN_XLSX, ".xlsx"}, {RUN_JSON, ".json"}};
    char *base = S_pack_base(r);
    status_t st = ST_OK;
    pdf_job_t pj;
    memset(&pj, 0, sizeof pj);
    pj.rep = r->report;
    const char *pdf_tmp = NULL;
    int pdf_running = 0;
    for (int k = 0; k < 3 && st == ST_OK; k++) {
        if (!(r->opt.formats & kinds[k].fmt))
            continue;
        run_file_t *f = &r->files[r->nfiles++];
        strbuf_t path = {0};
        strbuf_printf(&path, "%s/%s%s", r->outdir, base, kinds[k].ext);
        f->final_path = path.data;
        if ((st = outfile_temp(f->final_path, &f->tmp_path, d)) != ST_OK)
            break;
        /* the PDF is drawn on a second core while the workbook is written (they share only
         * the report, which both only read) */
        if (kinds[k].fmt == RUN_PDF && (r->opt.formats & RUN_XLSX) && util_cores() > 1 &&
            pthread_create(&pj.thread, NULL, S_pdf_main, &pj) == 0) {
            pdf_running = 1;
            pdf_tmp = f->tmp_path;
            continue;
        }
        if (kinds[k].fmt == RUN_XLSX)
            st = S_render_xlsx(r, f, &pj, &pdf_running, pdf_tmp, d);
        else
            st = S_render_buffer(r, kinds[k].fmt, f, d);
    }
    if (pdf_running) /* the workbook's temporary file could not be made */
        pthread_join(pj.thread, NULL);
    strbuf_clear(&pj.buf);
    diag_clear(&pj.d);
    free(base);
    return st;
}

status_t run_record_history(run_t *r, diag_t *d)
{
    /* only a review pack is a service report, only one computed from the inputs, and only a
     * run that exits 0: a pack made from an unreadable or over-rejected source is not one to
     * remember */
    const trend_row_t *row = &r->trend.rows[r->trend.ntrend - 1];
    if (r->opt.readiness || !row->known || row->from_history || run_not_covered(r) ||
        r->data_error || r->over_limit)
        return ST_OK;
    if (!history_put(&r->history, row))
        return ST_OK; /* the file holds this period from data that covered it */
    run_file_t *f = &r->files[r->nfiles++];
    strbuf_t path = {0}, text = {0};
    strbuf_printf(&path, "%s/history.csv", r->outdir);
    f->final_path = path.data;
    history_render(&r->history, r->tz, &text);
    status_t st = outfile_temp(f->final_path, &f->tmp_path, d);
    if (st == ST_OK)
        st = outfile_fill(f->tmp_path, text.data, text.len, d);
    strbuf_clear(&text);
    return st;
}

status_t run_write_outputs(run_t *r, diag_t *d)
{
    /* all rendered, history.csv too: they replace the previous files as one set, and on any
     * failure none is replaced (README.md "Where the outputs land") */
    outfile_set_t *set = outfile_set_new(r->outdir);
    for (size_t i = 0; i < r->nfiles; i++)
        outfile_set_add(set, r->files[i].tmp_path, r->files[i].final_path);
    status_t st = outfile_set_commit(set, d);
    outfile_set_free(set);
    for (size_t i = 0; i < r->nfiles; i++)
        r->files[i].committed = st == ST_OK;
    return st;
}
