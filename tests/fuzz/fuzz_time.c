/* Fuzz target: every parser of times, dates, durations and periods, and the TZif reader (the
 * bytes read as a zone file, then used for conversions at the edges of the range). */
#include "fuzz_common.h"

#include <string.h>

#include "app/config_load.h"
#include "metrics/period.h"
#include "input/timeparse.h"
#include "input/tz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const char *const patterns[] = {"%d.%m.%Y %H:%M",    "%m/%d/%Y %I:%M %p",
                                           "%Y-%m-%dT%H:%M:%S", "%d/%m/%Y %H:%M:%S",
                                           "%d-%b-%Y %H:%M",    "%Y%m%d%H%M%S"};
    char *s = malloc(size + 1);
    memcpy(s, data, size);
    s[size] = '\0';
    parsed_time_t pt;
    int64_t x;
    (void)timeparse_canonical(s, size, &pt);
    for (size_t i = 0; i < sizeof patterns / sizeof patterns[0]; i++)
        (void)timeparse_format(patterns[i], s, size, &pt);
    /* a pattern from the data itself, against a fixed value */
    (void)timeparse_format(s, "2026-10-01 12:00", 16, &pt);
    (void)timeparse_duration(s, size, 60, &x);
    (void)timeparse_date(s, size, &x);
    (void)config_parse_duration(s);
    period_spec_t sp;
    (void)period_parse(s, &sp);
    free(s);
    tz_t *tz = NULL;
    diag_t d = {0};
    if (tz_load_bytes("Fuzz/Zone", "fuzz", data, size, &tz, &d) == ST_OK) {
        static const ts_t instants[] = {-((ts_t)1 << 59), -14 * 3600,   0,
                                        1790935200,       7258118400LL, (ts_t)1 << 59};
        for (size_t i = 0; i < sizeof instants / sizeof instants[0]; i++) {
            int flags;
            char buf[32];
            (void)tz_local_to_utc(tz, instants[i], &flags);
            (void)tz_next_transition(tz, instants[i]);
            if (instants[i] > -((ts_t)1 << 40) && instants[i] < ((ts_t)1 << 40))
                tz_format_iso(tz, instants[i], buf);
        }
        tz_free(tz);
    }
    diag_clear(&d);
    return 0;
}
