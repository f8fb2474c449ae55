/*
 * cli — the command line: arguments, the phases of a run (app/run.c) called in order, every
 * message on standard error and the exit code. The run itself decides and prints nothing.
 */
#include "app/cli.h"

#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#include "app/init.h"
#include "app/outfile.h"
#include "app/run.h"
#include "core/version.h"
#include "input/profile.h"

enum { CMD_PACK, CMD_METRICS, CMD_CHECK, CMD_INIT };

typedef struct options {
    int command;
    const char *config;
    const char *period;
    const char *outdir;
    const char *as_of;
    int formats;
    int readiness;
    int has_seed; /* --sample-seed given */
    uint64_t seed;
    int quiet, verbose;
    const char *init_dir;
} options_t;

static int progress_on; /* standard error is a terminal */
static int show_warnings;

static const char USAGE[] =
    "usage: iso20k pack    [-c CONFIG] [-p PERIOD] [-o DIR] [--as-of TIME] [--format "
    "pdf,xlsx,json]\n"
    "                      [--kind review|readiness] [--sample-seed N]\n"
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
    "  --sample-seed N  pack: draw the readiness pack's audit samples with seed N instead of\n"
    "                   the one derived from the organisation, the period and the population\n"
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
    if (d->status == ST_USAGE) { /* a command-line error the run found: --as-of, -p */
        fprintf(stderr, "iso20k: %s\n%s", d->message, USAGE);
        diag_clear(d);
        return 64;
    }
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
            *out |= RUN_PDF;
        else if (len == 4 && !strncmp(p, "xlsx", 4) && command == CMD_PACK)
            *out |= RUN_XLSX;
        else if (len == 4 && !strncmp(p, "json", 4))
            *out |= RUN_JSON;
        else if (len == 3 && !strncmp(p, "csv", 3) && command == CMD_METRICS)
            *out |= RUN_CSV;
        else
            return -1;
        p += len;
        if (*p == ',')
            p++;
    }
    if (!*out || (command == CMD_METRICS && *out == (RUN_JSON | RUN_CSV)))
        return -1;
    return 0;
}

/* The length of the place in an example "t.csv:7 ('P9')": up to the note in parentheses that
 * ends it, if any. */
static size_t S_place_len(const char *ex)
{
    size_t n = strlen(ex);
    if (n < 3 || ex[n - 1] != ')')
        return n;
    int depth = 0;
    for (size_t i = n; i-- > 1;) {
        depth += ex[i] == ')' ? 1 : ex[i] == '(' ? -1 : 0;
        if (depth == 0)
            return ex[i - 1] == ' ' ? i - 1 : n;
    }
    return n;
}

/* The rows' warnings and rejections by reason, with their first place, then the data's
 * grouped warnings of the report (the period's coverage is printed apart, always). */
static void S_print_quality_warnings(const store_t *st, const report_t *rep)
{
    for (size_t i = 0; i < st->nquality; i++) {
        const source_quality_t *q = &st->quality[i];
        for (int w = 0; w < 2; w++) {
            const quality_entry_t *es = w ? q->warnings : q->rejected;
            size_t n = w ? q->nwarnings : q->nrejected;
            for (size_t j = 0; j < n; j++) {
                /* a rejected row "t.csv:7 ('P9')": the place first, the value to blame after
                 * the reason (a warning's note stays with its place, as it always has) */
                const char *ex = es[j].examples[0] ? es[j].examples[0] : q->file;
                size_t place = w ? strlen(ex) : S_place_len(ex);
                fprintf(stderr, "%.*s: warning: %s%s%s", (int)place, ex,
                        w ? "" : "rejected row: ", es[j].reason, ex + place);
                if (es[j].count > 1)
                    fprintf(stderr, " (%zu in all)", es[j].count);
                fputc('\n', stderr);
            }
        }
    }
    for (size_t i = 0; rep && i < rep->nwarnings; i++)
        if (!rep->warnings[i].always)
            fprintf(stderr, "iso20k: warning: %s\n", rep->warnings[i].line);
}

/* The activities `check` lists of an event log; the rarer ones are summed in one line. */
#define CHECK_ACTIVITIES 40

/* An event log's facts (docs/configuration.md §5): events read, cases rebuilt, the time span, and
 * each activity with its count and the state it maps to. */
static void S_print_events(const quality_events_t *e, const tz_t *tz, FILE *out)
{
    fprintf(out, "  events %zu read, %zu case%s rebuilt into tickets", e->events, e->rebuilt,
            e->rebuilt == 1 ? "" : "s");
    if (e->rejected)
        fprintf(out, ", %zu rejected", e->rejected);
    if (e->later)
        fprintf(out, ", %zu after as-of", e->later);
    if (e->first != TS_NONE) {
        char a[32], b[32];
        tz_format_iso(tz, e->first, a);
        tz_format_iso(tz, e->last, b);
        fprintf(out, ", from %s to %s", a, b);
    }
    fputc('\n', out);
    size_t rest = 0, rest_events = 0;
    strbuf_t name = {0};
    for (size_t i = 0; i < e->nactivities; i++) {
        const quality_activity_t *a = &e->activities[i];
        if (i >= CHECK_ACTIVITIES) {
            rest++;
            rest_events += a->count;
            continue;
        }
        /* a name from the data: control characters (a line break) would break the listing */
        fprintf(out, "  activity %6zu  %s -> %s\n", a->count,
                a->name[0] ? utf8_clean(&name, a->name, 0) : "(empty)",
                a->state >= 0 ? ticket_status_names[a->state] : "(unmapped: keeps the state)");
    }
    strbuf_clear(&name);
    if (rest)
        fprintf(out, "  activity %6zu  (%zu more activities)\n", rest_events, rest);
}

/* docs/metrics.md §9: the period's coverage, when the data covers it only in part or not at all,
 * even with -q and without a terminal. */
static void S_print_coverage(const report_t *rep)
{
    for (size_t i = 0; rep && i < rep->nwarnings; i++)
        if (rep->warnings[i].always)
            fprintf(stderr, "iso20k: warning: %s\n", rep->warnings[i].line);
}

/* A time as the report zone's "2026-10-05 14:30", or "-" when there is none. */
static const char *S_local(const tz_t *tz, ts_t t, char buf[32])
{
    if (t == TS_NONE)
        return "-";
    tz_format_iso(tz, t, buf); /* 2026-10-05T14:30:00+02:00 */
    buf[10] = ' ';
    buf[16] = '\0';
    return buf;
}

static void S_print_check(const run_t *r, FILE *out)
{
    const store_t *st = r->store;
    int fw = 40, pw = 20; /* columns as wide as the longest name (register:nonconformities) */
    for (size_t i = 0; i < st->nquality; i++) {
        size_t fl = strlen(st->quality[i].file), pl = strlen(st->quality[i].profile);
        fw = fl > (size_t)fw && fl < 200 ? (int)fl : fw;
        pw = pl > (size_t)pw && pl < 60 ? (int)pl : pw;
    }
    fprintf(out, "%-*s %-*s %10s %10s %10s %9s\n", fw, "input", pw, "profile", "read", "accepted",
            "rejected", "warnings");
    for (size_t i = 0; i < st->nquality; i++) {
        const source_quality_t *q = &st->quality[i];
        fprintf(out, "%-*s %-*s %10zu %10zu %10zu %9zu\n", fw, q->file, pw, q->profile,
                q->rows_read, q->rows_accepted, q->rows_rejected, store_warning_count(q));
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
        if (q->format)
            fprintf(out, "  format %s%s%s\n", q->format,
                    q->sheets && q->sheets[0] ? ", sheets: " : "", q->sheets ? q->sheets : "");
        if (q->events.set)
            S_print_events(&q->events, r->tz, out);
        const coverage_t *c = &r->coverage.sources[i];
        char a[32], b[32];
        if (coverage_judged(&r->coverage, i)) /* a register has no span of the period's data */
            fprintf(out, "  span   %s .. %s\n", S_local(r->tz, c->first, a),
                    S_local(r->tz, c->last, b));
        if (r->opt.period && coverage_judged(&r->coverage, i))
            fprintf(out, "  period %s: %zu %s in the period, %s\n", r->period.label,
                    r->coverage.in_period[i],
                    r->coverage.records[i] == PROFILE_OUTAGES   ? "outage records"
                    : r->coverage.records[i] == PROFILE_SURVEYS ? "survey responses"
                                                                : "tickets opened (cancelled too)",
                    coverage_status_names[c->status]);
        fprintf(out, "  sha256 %s\n", q->sha256);
    }
    if (r->opt.period) {
        char a[32], b[32];
        fprintf(out, "period %s: %s (the data spans %s .. %s)\n", r->period.label,
                coverage_status_names[r->coverage.overall.status],
                S_local(r->tz, r->coverage.overall.first, a),
                S_local(r->tz, r->coverage.overall.last, b));
    }
}

/* Removed temporaries and the progress of reading, on a terminal or with -v. */
static int S_progress(const options_t *o)
{
    return (progress_on && !o->quiet) || o->verbose;
}

static void S_on_phase(void *ctx, const char *what)
{
    S_phase(ctx, what);
}

/* After reading input number qi: a file that cannot be parsed is told and the run goes on;
 * anything worse stops it (the exit code, else 0). The progress line with -v or a terminal. */
static int S_read_one(run_t *r, const options_t *o, status_t st, size_t qi, diag_t *d)
{
    if (st == ST_DATA && !r->store->quality[qi].unreadable) {
        S_print_diag(d, "error");
        diag_clear(d);
    } else if (st != ST_OK) {
        return S_fail(d);
    }
    if (S_progress(o)) {
        const source_quality_t *q = &r->store->quality[qi];
        fprintf(stderr, "iso20k: read %s: %.1f MB, %zu rows, %zu rejected\n", q->file,
                (double)q->bytes / 1e6, q->rows_read, q->rows_rejected);
    }
    return 0;
}

/* Every source in config order, then every register given; then every source over the
 * rejection limit. Returns an exit code when the run must stop. */
static int S_read(run_t *r, const options_t *o, diag_t *d)
{
    int code = 0;
    size_t qi = 0;
    for (size_t i = 0; i < r->cfg->nsources && !code; i++)
        code = S_read_one(r, o, run_read_source(r, i, d), qi++, d);
    for (int k = 0; k < REG_COUNT && !code; k++)
        if (r->cfg->registers[k].file)
            code = S_read_one(r, o, run_read_register(r, (register_kind_t)k, d), qi++, d);
    if (code)
        return code;
    S_phase(o, "read the inputs");
    for (size_t i = 0; i < r->store->nquality; i++) {
        if (run_check_rejections(r, i, d))
            S_print_diag(d, "error");
        diag_clear(d);
    }
    return 0;
}

/* pack: render, move into place, record the history; the files written with -v. */
static int S_pack(run_t *r, const options_t *o, diag_t *d)
{
    status_t st = run_render(r, d);
    if (st == ST_OK)
        st = run_record_history(r, d);
    if (st == ST_OK)
        st = run_write_outputs(r, d);
    if (st != ST_OK)
        return S_fail(d);
    for (size_t i = 0; i < r->nfiles && o->verbose; i++)
        fprintf(stderr, "iso20k: wrote %s\n", r->files[i].final_path);
    return 0;
}

/* The output of the command: the check report, the metrics on standard output, or the pack. */
static int S_output(run_t *r, const options_t *o, diag_t *d)
{
    int code = 0;
    if (o->command == CMD_CHECK) {
        S_print_check(r, stdout);
    } else if (o->command == CMD_METRICS) {
        strbuf_t out = {0};
        run_render_metrics(r, &out);
        if (fwrite(strbuf_cstr(&out), 1, out.len, stdout) != out.len || fflush(stdout) != 0) {
            fprintf(stderr, "iso20k: error: cannot write to standard output: %s\n",
                    strerror(errno));
            code = 74;
        }
        strbuf_clear(&out);
        S_phase(o, o->formats & RUN_CSV ? "wrote the CSV" : "wrote the JSON");
    } else {
        code = S_pack(r, o, d);
        S_phase(o, "wrote the pack");
    }
    return code;
}

static int S_phases(run_t *r, const options_t *o, diag_t *d)
{
    if (run_load_config(r, d) != ST_OK || run_resolve_period(r, d) != ST_OK)
        return S_fail(d);
    /* pack: hold the output directory's lock for the whole run, so that a second run exits 75 at
     * once instead of reading and computing for nothing */
    if (o->command == CMD_PACK) {
        if (run_lock_output(r, d) != ST_OK)
            return S_fail(d);
        if (r->swept.recovered && !o->quiet)
            fprintf(stderr, "iso20k: warning: an interrupted run left its pack half replaced: %s\n",
                    r->swept.rolled_back ? "its previous files are back"
                                         : "its new files were all in place and are kept");
        if (r->swept.removed && S_progress(o))
            fprintf(stderr, "iso20k: removed %zu work director%s left by an interrupted run\n",
                    r->swept.removed, r->swept.removed == 1 ? "y" : "ies");
    }
    int code = S_read(r, o, d);
    if (code)
        return code;
    /* the history file of earlier packs, for trend periods the inputs do not reach */
    run_load_history(r);
    if (show_warnings && !o->quiet)
        for (size_t i = 0; i < r->history.nproblems; i++)
            fprintf(stderr, "%s\n", r->history.problems[i]);
    run_plan_periods(r);
    run_compute_metrics(r);
    S_phase(o, "computed the metrics");
    run_build_report(r);
    S_phase(o, "built the report");
    if (show_warnings && !o->quiet)
        S_print_quality_warnings(r->store, r->report);
    if (o->command != CMD_CHECK || o->period) /* check speaks of a period when given one */
        S_print_coverage(r->report);
    code = S_output(r, o, d);
    /* docs/metrics.md §9: a period the data does not cover is a data error (its output still
     * written); check says so only when asked about a period */
    int uncovered = run_not_covered(r) && (o->command != CMD_CHECK || o->period);
    if (code == 0 && (r->over_limit || r->data_error || uncovered))
        code = 65;
    return code;
}

static int S_run(const options_t *o)
{
    static const run_command_t commands[] = {
        [CMD_PACK] = RUN_PACK, [CMD_METRICS] = RUN_METRICS, [CMD_CHECK] = RUN_CHECK};
    run_options_t ro = {commands[o->command], o->config,    o->period,   o->outdir, o->as_of,
                        o->formats,           o->readiness, o->has_seed, o->seed};
    S_phase_begin();
    run_t *r = run_new(&ro, S_on_phase, (void *)o);
    diag_t d = {0};
    int code = S_phases(r, o, &d);
    run_free(r);
    diag_clear(&d);
    return code;
}

/* The command word: 1 with the command in o, or 0 with *code set (--help, --version, an
 * unknown command). */
static int S_command(const char *cmd, options_t *o, int *code)
{
    if (!strcmp(cmd, "--help") || !strcmp(cmd, "-h")) {
        fputs(USAGE, stdout);
        fputs(HELP, stdout);
        *code = 0;
        return 0;
    }
    if (!strcmp(cmd, "--version")) {
        printf("iso20k %s\n", ISO20K_VERSION);
        *code = 0;
        return 0;
    }
    if (!strcmp(cmd, "pack"))
        o->command = CMD_PACK, o->formats = RUN_PDF | RUN_XLSX | RUN_JSON;
    else if (!strcmp(cmd, "metrics"))
        o->command = CMD_METRICS, o->formats = RUN_JSON;
    else if (!strcmp(cmd, "check"))
        o->command = CMD_CHECK;
    else if (!strcmp(cmd, "init"))
        o->command = CMD_INIT;
    else {
        *code = S_usage_arg("unknown command ", cmd, "");
        return 0;
    }
    return 1;
}

enum { OPT_AS_OF = 256, OPT_FORMAT, OPT_KIND, OPT_SAMPLE_SEED };

/* --sample-seed N: a decimal integer from 0 to 2^64 - 1; 0 on success. */
static int S_parse_seed(const char *arg, uint64_t *out)
{
    uint64_t v = 0;
    if (!*arg)
        return -1;
    for (const char *p = arg; *p; p++) {
        if (*p < '0' || *p > '9')
            return -1;
        unsigned d = (unsigned)(*p - '0');
        if (v > (UINT64_MAX - d) / 10)
            return -1;
        v = v * 10 + d;
    }
    *out = v;
    return 0;
}

/* One option c (of getopt_long) into o: -1 to go on, else the exit code. */
static int S_option(int c, const char *arg, const char *word, options_t *o)
{
    switch (c) {
    case 'c':
        o->config = arg;
        return -1;
    case 'p':
        if (o->command == CMD_INIT)
            return S_usage("-p is not an option of this command");
        o->period = arg;
        return -1;
    case 'o':
        if (o->command != CMD_PACK)
            return S_usage("-o is an option of 'pack' only");
        o->outdir = arg;
        return -1;
    case OPT_AS_OF:
        o->as_of = arg;
        return -1;
    case OPT_FORMAT:
        if (o->command != CMD_PACK && o->command != CMD_METRICS)
            return S_usage("--format is an option of 'pack' and 'metrics' only");
        if (S_parse_formats(arg, o->command, &o->formats) != 0)
            return S_usage_arg("--format ", arg,
                               o->command == CMD_PACK ? ": use pdf, xlsx and json, comma-separated"
                                                      : ": use json or csv");
        return -1;
    case OPT_KIND:
        if (o->command != CMD_PACK)
            return S_usage("--kind is an option of 'pack' only");
        if (!strcmp(arg, "readiness"))
            o->readiness = 1;
        else if (strcmp(arg, "review") != 0)
            return S_usage_arg("--kind ", arg, ": use review or readiness");
        return -1;
    case OPT_SAMPLE_SEED:
        if (o->command != CMD_PACK)
            return S_usage("--sample-seed is an option of 'pack' only");
        if (S_parse_seed(arg, &o->seed) != 0)
            return S_usage_arg("--sample-seed ", arg,
                               ": use a whole number from 0 to 18446744073709551615");
        o->has_seed = 1;
        return -1;
    case 'q':
        o->quiet = 1;
        return -1;
    case 'v':
        o->verbose = 1;
        return -1;
    case 'h':
        fputs(USAGE, stdout);
        fputs(HELP, stdout);
        return 0;
    case ':':
        return S_usage_arg("option ", word, " needs a value");
    default:
        return S_usage_arg("unknown option ", word, "");
    }
}

/* init DIR: the starter files. */
static int S_init(const char *dir, const options_t *o)
{
    diag_t d = {0};
    if (init_write(dir, &d) != ST_OK)
        return S_fail(&d);
    if (progress_on || o->verbose)
        fprintf(stderr,
                "iso20k: wrote review.yaml, readiness.yaml, roi.yaml and registers/ into %s\n",
                dir);
    return 0;
}

static int S_main(int argc, char **argv)
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
    int code;
    if (!S_command(argv[1], &o, &code))
        return code;
    static const struct option longopts[] = {
        {"config", required_argument, NULL, 'c'},
        {"period", required_argument, NULL, 'p'},
        {"output", required_argument, NULL, 'o'},
        {"as-of", required_argument, NULL, OPT_AS_OF},
        {"format", required_argument, NULL, OPT_FORMAT},
        {"kind", required_argument, NULL, OPT_KIND},
        {"sample-seed", required_argument, NULL, OPT_SAMPLE_SEED},
        {"quiet", no_argument, NULL, 'q'},
        {"verbose", no_argument, NULL, 'v'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0}};
    optind = 2;
    opterr = 0;
    int c;
    while ((c = getopt_long(argc, argv, ":c:p:o:qvh", longopts, NULL)) != -1)
        if ((code = S_option(c, optarg, argv[optind - 1], &o)) >= 0)
            return code;
    if (o.command == CMD_INIT) {
        if (optind != argc - 1)
            return S_usage("init takes exactly one directory");
        return S_init(argv[optind], &o);
    }
    if (optind != argc)
        return S_usage_arg("unexpected argument ", argv[optind], "");
    show_warnings = !o.quiet && (progress_on || o.verbose);
    return S_run(&o);
}

int cli_main(int argc, char **argv)
{
    int code = S_main(argc, argv);
    /* What went to standard output (the check report, --help) must have arrived: a full disk or
     * a closed pipe there is an I/O error (74), never a success. The metrics path checks its
     * own write and has already said so. */
    errno = 0;
    if ((fflush(stdout) != 0 || ferror(stdout)) && (code == 0 || code == 65)) {
        fprintf(stderr, "iso20k: error: cannot write to standard output: %s\n",
                errno ? strerror(errno) : "write error");
        code = 74;
    }
    return code;
}
