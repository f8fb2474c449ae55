/*
 * Reads every row of a file through rows.h (what a profile reads, without the records a profile
 * makes of them) and prints the rows, the time, the sheet XML parsed and the peak RSS: the
 * reader's own cost. usage: read_rows FILE
 */
#include <stdio.h>
#include <sys/resource.h>
#include <time.h>

#include "input/rows.h"

static double S_now(clockid_t c)
{
    struct timespec ts;
    clock_gettime(c, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
    if (argc != 2)
        return 64;
    double w0 = S_now(CLOCK_MONOTONIC), c0 = S_now(CLOCK_PROCESS_CPUTIME_ID);
    rows_t *r;
    diag_t d = {0};
    if (rows_open(argv[1], NULL, NULL, &r, &d) != ST_OK) {
        fprintf(stderr, "%s\n", d.message);
        return 65;
    }
    rows_record_t rec;
    size_t rows = 0, cells = 0;
    int rc;
    while ((rc = rows_next(r, &rec)) == 1) {
        rows++;
        cells += rec.nfields;
    }
    double wall = S_now(CLOCK_MONOTONIC) - w0, cpu = S_now(CLOCK_PROCESS_CPUTIME_ID) - c0;
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    printf("%zu rows %zu cells %.3f s wall %.3f s cpu %.1f MB xml %.1f MB rss\n", rows, cells,
           wall, cpu, (double)rows_xml_bytes(r) / 1e6, (double)ru.ru_maxrss / 1024);
    rows_close(r);
    return rc < 0 ? 65 : 0;
}
