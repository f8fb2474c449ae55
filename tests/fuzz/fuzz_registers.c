/* Fuzz target: each review register's reader over the CSV reader (the first byte picks the
 * register), the rows-read = accepted + rejected invariant, and the register figures and review
 * inputs over whatever was read (no state may produce an age below -1 or a count above the
 * rows). */
#include "fuzz_common.h"

#include <math.h>
#include <string.h>

#include "app/config_load.h"
#include "input/registers.h"
#include "input/store.h"
#include "input/tz.h"
#include "metrics/registers.h"

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
    register_kind_t kind = (register_kind_t)(data[0] % REG_COUNT);
    const char *path = memfile_fill(&mf, "register.csv", data + 1, size - 1);
    char text[512];
    snprintf(text, sizeof text,
             "timezone: Europe/Berlin\nsources: [{file: t.csv, profile: tickets}]\n"
             "services: [{name: Email}]\nregisters: {%s: %s}\n",
             register_names[kind], path);
    config_t *cfg = NULL;
    if (config_load_buffer("/nonexistent-fuzz/review.yaml", text, strlen(text), &cfg, &d) != ST_OK)
        abort(); /* the config above is valid */
    store_t *store = store_new(cfg->nsources + 1);
    registers_t *regs = registers_new();
    status_t st = registers_read(cfg, kind, cfg->nsources, store, regs, &d);
    diag_clear(&d);
    const source_quality_t *q = &store->quality[cfg->nsources];
    if (st != ST_NOINPUT && q->rows_read != q->rows_accepted + q->rows_rejected)
        abort(); /* a row neither accepted nor counted as rejected */
    metrics_period_t p = {tz_day_start(tz, days_from_civil(2026, 10, 1)),
                          tz_day_start(tz, days_from_civil(2026, 11, 1)),
                          tz_day_start(tz, days_from_civil(2026, 10, 20)), NULL, 0};
    reg_span_t sp = registers_span(&p, tz);
    register_figures_t f;
    registers_compute(cfg, regs, &sp, &f);
    if (f.actions.open_end > regs->nactions || f.risks.high > regs->nrisks ||
        f.ncapacity > regs->ncapacity || f.ncontext > regs->ncontext ||
        (!isnan(f.nonconformities.effective_pct) &&
         (f.nonconformities.effective_pct < 0 || f.nonconformities.effective_pct > 100)))
        abort();
    for (size_t i = 0; i < regs->nactions; i++)
        if (registers_action_state(&regs->actions[i], &sp).age < -1)
            abort();
    review_measured_t m = {1, 1, 1, 3, 1, 1, 1};
    review_input_t in[INPUT_COUNT];
    registers_review_inputs(regs, &sp, &m, in);
    register_figures_clear(&f);
    registers_free(regs);
    store_free(store);
    config_free(cfg);
    return 0;
}
