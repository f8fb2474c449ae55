/* Fuzz target: the .ods reader. The input is content.xml, zipped (stored) beside the
 * spreadsheet mimetype and read through rows.h (the first byte: which sheet); with the first
 * byte odd, the input is the file itself. */
#include "fuzz_common.h"

#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static memfile_t mf;
    if (size < 1)
        return 0;
    if (data[0] & 1) {
        fuzz_read_rows(memfile_fill(&mf, "book.ods", data + 1, size - 1), NULL);
        return 0;
    }
    static const char mt[] = "application/vnd.oasis.opendocument.spreadsheet";
    const char *names[] = {"mimetype", "content.xml"};
    const unsigned char *d[] = {(const unsigned char *)mt, data + 1};
    size_t s[] = {strlen(mt), size - 1};
    size_t cap = size + 4096;
    unsigned char *zip = malloc(cap);
    size_t len = zip_stored(zip, cap, 2, names, d, s);
    static const char *const sheets[] = {NULL, "2", "Sheet1"};
    if (len)
        fuzz_read_rows(memfile_fill(&mf, "book.ods", zip, len), sheets[(data[0] >> 1) % 3]);
    free(zip);
    return 0;
}
