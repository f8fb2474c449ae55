/* Fuzz target: each tool profile over the CSV reader (the first byte picks the profile), and
 * the rows-read = accepted + rejected invariant of docs/metrics.md §13. */
#include "fuzz_common.h"

#include <string.h>

#include "app/config_load.h"
#include "input/profile.h"
#include "input/store.h"
#include "input/tz.h"

static const char *const PROFILES[] = {"servicenow-incident",
                                       "servicenow-outage",
                                       "servicenow-survey",
                                       "freshservice-ticket",
                                       "freshservice-survey",
                                       "manageengine-request",
                                       "jira-sm",
                                       "zendesk-ticket",
                                       "glpi-ticket",
                                       "tickets",
                                       "outages",
                                       "csat",
                                       "auto",
                                       "generic"};
#define NPROFILES (sizeof PROFILES / sizeof PROFILES[0])

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static memfile_t mf;
    static tz_t *tz;
    diag_t d = {0};
    if (size < 1)
        return 0;
    if (!tz && tz_load("Europe/Berlin", &tz, &d) != ST_OK)
        abort();
    const char *profile = PROFILES[data[0] % NPROFILES];
    const char *path = memfile_fill(&mf, "export.csv", data + 1, size - 1);
    char text[1024];
    if (!strcmp(profile, "generic"))
        snprintf(
            text, sizeof text,
            "timezone: Europe/Berlin\nsources:\n  - {file: %s, profile: generic, kind: incident,\n"
            "     columns: {id: Number, opened_at: Opened, resolved_at: Resolved, priority: Prio,\n"
            "               service: Service, status: State},\n"
            "     time_format: \"%%d.%%m.%%Y %%H:%%M\", priorities: {Hoch: 1, Mittel: 3}}\n",
            path);
    else
        snprintf(text, sizeof text, "timezone: Europe/Berlin\nsources: [{file: %s, profile: %s}]\n",
                 path, profile);
    config_t *cfg = NULL;
    if (config_load_buffer("/nonexistent-fuzz/review.yaml", text, strlen(text), &cfg, &d) != ST_OK)
        abort(); /* the config above is valid */
    store_t *store = store_new(cfg->nsources);
    status_t st = profile_read_source(cfg, 0, tz, TS_MAX, store, &d);
    diag_clear(&d);
    const source_quality_t *q = &store->quality[0];
    if (st != ST_NOINPUT && q->rows_read != q->rows_accepted + q->rows_rejected)
        abort(); /* a row neither accepted nor counted as rejected */
    store_free(store);
    config_free(cfg);
    return 0;
}
