/*
 * Fuzz target: the CSV reader (encodings, gzip, quoting, delimiters) over arbitrary bytes, and
 * a differential check: the same bytes read on one thread and read ahead on a second thread
 * (started after a number of records the input picks) give the same records, line numbers,
 * flags, notes, byte count and digest; any difference aborts.
 */
#include "fuzz_common.h"

#include <stdlib.h>
#include <string.h>

#include "input/csv.h"

static csv_t *S_open(FILE **f, const uint8_t *data, size_t size, const csv_options_t *opt)
{
    *f = fmemopen((void *)(data + 1), size - 1 ? size - 1 : 1, "rb");
    if (!*f)
        return NULL;
    if (size == 1)
        fseek(*f, 0, SEEK_END); /* an empty file */
    return csv_open_stream(*f, opt);
}

static void S_same(const csv_record_t *a, const csv_record_t *b)
{
    if (a->nfields != b->nfields || a->line != b->line || a->end_line != b->end_line ||
        a->too_long != b->too_long || a->unterminated != b->unterminated ||
        a->too_many != b->too_many)
        abort();
    for (size_t i = 0; i < a->nfields; i++)
        if (a->lens[i] != b->lens[i] || memcmp(a->fields[i], b->fields[i], a->lens[i] + 1) != 0)
            abort();
}

static void S_same_notes(const csv_notes_t *a, const csv_notes_t *b)
{
    if (strcmp(a->encoding, b->encoding) != 0 || a->gzip != b->gzip ||
        a->fallback_bytes != b->fallback_bytes || a->fallback_line != b->fallback_line ||
        a->truncated_gzip != b->truncated_gzip || a->nul_bytes != b->nul_bytes ||
        a->nul_line != b->nul_line || a->bad_utf16 != b->bad_utf16 ||
        a->bad_utf16_line != b->bad_utf16_line || a->inflate_bound != b->inflate_bound ||
        a->inflate_line != b->inflate_line)
        abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    /* the first byte picks the options: sniffed or fixed delimiter, Windows-1252 or auto, and
     * after how many records (0 to 3) the second reader starts reading ahead */
    static const char delims[4] = {0, ',', ';', '\t'};
    csv_options_t opt = {delims[data[0] & 3], (data[0] & 4) ? CSV_ENC_CP1252 : CSV_ENC_AUTO};
    size_t ahead_after = (size_t)(data[0] >> 3) & 3;
    FILE *f1 = NULL, *f2 = NULL;
    csv_t *one = S_open(&f1, data, size, &opt), *two = S_open(&f2, data, size, &opt);
    if (one && two) {
        csv_record_t r1, r2;
        size_t n = 0;
        int g1, g2;
        for (;;) {
            if (n == ahead_after)
                csv_read_ahead(two);
            g1 = csv_next(one, &r1);
            g2 = csv_next(two, &r2);
            if (g1 != g2)
                abort();
            if (g1 != 1)
                break;
            S_same(&r1, &r2);
            n++;
        }
        if (csv_bytes(one) != csv_bytes(two) || csv_delimiter(one) != csv_delimiter(two))
            abort();
        S_same_notes(csv_notes(one), csv_notes(two));
        if (strcmp(csv_sha256(one), csv_sha256(two)) != 0)
            abort();
    }
    csv_close(one);
    csv_close(two);
    if (f1)
        fclose(f1);
    if (f2)
        fclose(f2);
    return 0;
}
