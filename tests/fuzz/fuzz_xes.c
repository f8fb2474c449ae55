/* Fuzz target: an XES event log (plain, or gzipped when the first byte is odd) read twice:
 * by the rows interface with a set of trace, event and either-scope attributes (every field
 * NUL-terminated at its length, a rewind reads the same first row), and by a generic source
 * with an `events` block, whose rebuild must keep rows read = accepted + rejected. */
#include "fuzz_common.h"

#include <string.h>

#include "app/config_load.h"
#include "input/profile.h"
#include "input/rows.h"
#include "input/store.h"
#include "input/tz.h"

static const rows_xes_key_t KEYS[] = {
    {"concept:name", ROWS_XES_TRACE},   {"concept:name", ROWS_XES_EVENT},
    {"time:timestamp", ROWS_XES_EVENT}, {"org:resource", ROWS_XES_EVENT},
    {"priority", ROWS_XES_ANY},         {"vip", ROWS_XES_ANY}};

/* Every row through rows.h; returns the number read. */
static size_t S_rows(const char *path)
{
    rows_t *r = NULL;
    diag_t d = {0};
    size_t n = 0;
    if (rows_open(path, "fuzz", NULL, &r, &d) == ST_OK && rows_format(r) == ROWS_XES &&
        rows_xes_columns(r, KEYS, sizeof KEYS / sizeof KEYS[0], &d) == ST_OK) {
        rows_record_t rec;
        size_t first_line = 0;
        while (rows_next(r, &rec) == 1) {
            if (!n)
                first_line = rec.line;
            n++;
            if (rec.nfields > sizeof KEYS / sizeof KEYS[0])
                abort(); /* a column nobody asked for */
            for (size_t i = 0; i < rec.nfields; i++)
                if (rec.fields[i][rec.lens[i]] != '\0')
                    abort();
        }
        if (n && rows_rewind(r, &d) == ST_OK && rows_next(r, &rec) == 1 && rec.line != first_line)
            abort(); /* a rewind starts again from the first event */
    }
    diag_clear(&d);
    rows_close(r);
    return n;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static memfile_t mf;
    static tz_t *tz;
    static unsigned char *buf;
    static size_t cap;
    diag_t d = {0};
    if (size < 1)
        return 0;
    if (!tz && tz_load("Europe/Berlin", &tz, &d) != ST_OK)
        abort();
    const uint8_t *body = data + 1;
    size_t n = size - 1;
    if (data[0] & 1) { /* gzipped */
        uLongf need = compressBound((uLong)n) + 32;
        if (need > cap) {
            free(buf);
            cap = need;
            buf = malloc(cap);
        }
        z_stream zs;
        memset(&zs, 0, sizeof zs);
        if (deflateInit2(&zs, 1, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK)
            abort();
        zs.next_in = (Bytef *)body;
        zs.avail_in = (uInt)n;
        zs.next_out = buf;
        zs.avail_out = (uInt)cap;
        if (deflate(&zs, Z_FINISH) != Z_STREAM_END)
            abort();
        n = zs.total_out;
        deflateEnd(&zs);
        body = buf;
    }
    const char *path = memfile_fill(&mf, "log.xes", body, n);
    size_t rows = S_rows(path);
    char text[1024];
    snprintf(text, sizeof text,
             "timezone: Europe/Berlin\n"
             "sources:\n"
             "  - file: %s\n"
             "    profile: generic\n"
             "    kind: incident\n"
             "    events: {states: {open: new, work: in_progress, wait: on_hold, done: resolved, "
             "shut: closed, drop: cancelled}%s}\n"
             "    columns: {priority: priority, channel: vip}\n"
             "    priorities: {high: 1, low: 4}\n"
             "sla: {pause_states: [on_hold]}\n",
             path, data[0] & 2 ? ", response: [work]" : "");
    config_t *cfg = NULL;
    if (config_load_buffer("/nonexistent-fuzz/review.yaml", text, strlen(text), &cfg, &d) != ST_OK)
        abort(); /* the config above is valid */
    store_t *store = store_new(cfg->nsources);
    /* as-of in the middle of 2026 or none, so that later events are left out sometimes */
    status_t st = profile_read_source(cfg, 0, tz, data[0] & 4 ? 1782900000 : TS_MAX, store, &d);
    diag_clear(&d);
    const source_quality_t *q = &store->quality[0];
    if (st == ST_OK && q->rows_read != q->rows_accepted + q->rows_rejected)
        abort(); /* a row neither accepted nor counted as rejected */
    if (st == ST_OK && q->rows_read != rows)
        abort(); /* the profile read other rows than the rows interface */
    for (size_t i = 0; i < store->ntickets; i++) {
        const ticket_t *t = &store->tickets[i];
        ts_t res = t->resolved != TS_NONE ? t->resolved : t->closed;
        if ((t->first_response != TS_NONE && t->first_response < t->opened) ||
            (res != TS_NONE && res < t->opened))
            abort(); /* the walk never answers or resolves before the opening */
        for (uint32_t k = 0; k < t->pause_count; k++)
            if (store->pauses[t->pause_first + k].end <= store->pauses[t->pause_first + k].start)
                abort();
    }
    store_free(store);
    config_free(cfg);
    return 0;
}
