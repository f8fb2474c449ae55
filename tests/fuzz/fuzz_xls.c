/* Fuzz target: the .xls path — detection's walk of the OLE2 directory, then FreeXL — with the
 * input as the file; with the first byte odd, gzipped first (the in-memory .xls path). */
#include "fuzz_common.h"

#include <stdlib.h>
#include <zlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static memfile_t mf;
    if (size < 1)
        return 0;
    if (!(data[0] & 1)) {
        fuzz_read_rows(memfile_fill(&mf, "book.xls", data + 1, size - 1), NULL);
        return 0;
    }
    uLongf cap = compressBound((uLong)size) + 32;
    unsigned char *gz = malloc(cap);
    z_stream zs = {0};
    if (deflateInit2(&zs, 1, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) == Z_OK) {
        zs.next_in = (unsigned char *)data + 1;
        zs.avail_in = (uInt)(size - 1);
        zs.next_out = gz;
        zs.avail_out = (uInt)cap;
        if (deflate(&zs, Z_FINISH) == Z_STREAM_END)
            fuzz_read_rows(memfile_fill(&mf, "book.xls.gz", gz, zs.total_out), NULL);
        deflateEnd(&zs);
    }
    free(gz);
    return 0;
}
