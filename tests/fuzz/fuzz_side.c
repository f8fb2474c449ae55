/* Fuzz target: the files a config names: a theme, a self-assessment, a readiness catalogue and
 * the ROI assumptions (the first byte picks which). */
#include "fuzz_common.h"

#include <string.h>

#include "app/config_load.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static memfile_t mf;
    if (size < 1)
        return 0;
    const char *path = memfile_fill(&mf, "side.yaml", data + 1, size - 1);
    char text[512];
    static const char *const keys[] = {"theme: %s\n", "readiness: %s\n",
                                       "readiness: {catalogue: %s}\n", "roi: %s\n"};
    int n = snprintf(
        text, sizeof text,
        "sources: [{file: t.csv, profile: tickets}]\nservices: [{name: ERP}, {name: Email}]\n");
    snprintf(text + n, sizeof text - (size_t)n, keys[data[0] & 3], path);
    config_t *cfg = NULL;
    diag_t d = {0};
    if (config_load_buffer("/nonexistent-fuzz/review.yaml", text, strlen(text), &cfg, &d) == ST_OK)
        config_free(cfg);
    diag_clear(&d);
    return 0;
}
