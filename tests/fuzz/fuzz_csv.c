/* Fuzz target: the CSV reader (encodings, gzip, quoting, delimiters) over arbitrary bytes. */
#include "fuzz_common.h"

#include "input/csv.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    /* the first byte picks the options: sniffed or fixed delimiter, Windows-1252 or auto */
    static const char delims[4] = {0, ',', ';', '\t'};
    csv_options_t opt = {delims[data[0] & 3], (data[0] & 4) ? CSV_ENC_CP1252 : CSV_ENC_AUTO};
    FILE *f = fmemopen((void *)(data + 1), size - 1 ? size - 1 : 1, "rb");
    if (!f)
        return 0;
    if (size == 1)
        fseek(f, 0, SEEK_END); /* an empty file */
    csv_t *csv = csv_open_stream(f, &opt);
    csv_record_t rec;
    size_t fields = 0;
    while (csv_next(csv, &rec) > 0)
        fields += rec.nfields;
    (void)csv_bytes(csv);
    (void)csv_notes(csv);
    (void)fields;
    csv_close(csv);
    fclose(f);
    return 0;
}
