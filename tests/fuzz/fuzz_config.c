/* Fuzz target: the review config loader (YAML, every key, every error path). */
#include "fuzz_common.h"

#include "app/config_load.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    config_t *cfg = NULL;
    diag_t d = {0};
    /* a path whose directory does not exist: side files named by the config are not found */
    if (config_load_buffer("/nonexistent-fuzz/review.yaml", (const char *)data, size, &cfg, &d) ==
        ST_OK)
        config_free(cfg);
    diag_clear(&d);
    return 0;
}
