/* Fuzz target: the .xlsx reader. The input is split at "@@@" into a sheet, the shared strings,
 * the styles and the workbook part, zipped (stored) into a workbook of one or two sheets and
 * read through rows.h; with the first byte odd, the input is the file itself (detection, the
 * zip directory, everything). */
#include "fuzz_common.h"

#include <stdlib.h>
#include <string.h>

static const char WB[] = "<workbook xmlns:r=\"r\"><workbookPr date1904=\"0\"/><sheets>"
                         "<sheet name=\"A\" sheetId=\"1\" r:id=\"rId1\"/>"
                         "<sheet name=\"B\" sheetId=\"2\" r:id=\"rId2\"/></sheets></workbook>";
static const char RELS[] =
    "<Relationships><Relationship Id=\"rId1\" Type=\"x/worksheet\" "
    "Target=\"worksheets/sheet1.xml\"/>"
    "<Relationship Id=\"rId2\" Type=\"x/worksheet\" Target=\"worksheets/sheet2.xml\"/>"
    "<Relationship Id=\"rId3\" Type=\"x/sharedStrings\" Target=\"sharedStrings.xml\"/>"
    "<Relationship Id=\"rId4\" Type=\"x/styles\" Target=\"styles.xml\"/></Relationships>";

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static memfile_t mf;
    if (size < 1)
        return 0;
    if (data[0] & 1) {
        fuzz_read_rows(memfile_fill(&mf, "book.xlsx", data + 1, size - 1), NULL);
        return 0;
    }
    const unsigned char *parts[4];
    size_t sizes[4];
    size_t n = fuzz_split(data + 1, size - 1, parts, sizes, 4);
    const char *names[6] = {"xl/worksheets/sheet1.xml", "xl/worksheets/sheet2.xml",
                            "xl/sharedStrings.xml",     "xl/styles.xml",
                            "xl/workbook.xml",          "xl/_rels/workbook.xml.rels"};
    const unsigned char *d[6] = {parts[0],
                                 parts[0],
                                 n > 1 ? parts[1] : (const unsigned char *)"",
                                 n > 2 ? parts[2] : (const unsigned char *)"",
                                 n > 3 ? parts[3] : (const unsigned char *)WB,
                                 (const unsigned char *)RELS};
    size_t s[6] = {sizes[0],
                   sizes[0],
                   n > 1 ? sizes[1] : 0,
                   n > 2 ? sizes[2] : 0,
                   n > 3 ? sizes[3] : strlen(WB),
                   strlen(RELS)};
    size_t cap = size * 2 + 4096;
    unsigned char *zip = malloc(cap);
    /* empty parts are left out: a missing sharedStrings or styles part is normal */
    const char *nm[6];
    const unsigned char *dd[6];
    size_t ss[6], k = 0;
    for (size_t i = 0; i < 6; i++)
        if (s[i] || i >= 4)
            nm[k] = names[i], dd[k] = d[i], ss[k++] = s[i];
    size_t len = zip_stored(zip, cap, k, nm, dd, ss);
    if (len)
        fuzz_read_rows(memfile_fill(&mf, "book.xlsx", zip, len), (data[0] & 2) ? "B" : NULL);
    free(zip);
    return 0;
}
