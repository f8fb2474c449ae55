/* Fuzz target: every parser of times, dates, durations and periods. */
#include "fuzz_common.h"

#include <string.h>

#include "app/config_load.h"
#include "metrics/period.h"
#include "input/timeparse.h"

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
    return 0;
}
