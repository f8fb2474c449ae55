/*
 * config — look-ups over the loaded configuration. Loading is app/config_load.c's job.
 */
#include "core/config.h"

#include <stdlib.h>
#include <string.h>

const char *const kind_names[KIND_COUNT] = {"incident", "request", "problem", "change"};

const char *const register_names[REG_COUNT] = {"actions",      "nonconformities", "audits",
                                               "complaints",   "suppliers",       "risks",
                                               "improvements", "capacity",        "context"};

size_t config_register_count(const config_t *cfg)
{
    size_t n = 0;
    for (int k = 0; k < REG_COUNT; k++)
        n += cfg->registers[k].file != NULL;
    return n;
}

const cfg_calendar_t *config_calendar(const config_t *cfg, const char *name)
{
    for (size_t i = 0; i < cfg->ncalendars; i++)
        if (strcmp(cfg->calendars[i].name, name) == 0)
            return &cfg->calendars[i];
    return NULL;
}

const cfg_service_t *config_service(const config_t *cfg, const char *name)
{
    for (size_t i = 0; i < cfg->nservices; i++)
        if (strcmp(cfg->services[i].name, name) == 0)
            return &cfg->services[i];
    return NULL;
}

const cfg_kpi_target_t *config_target(const config_t *cfg, const char *kpi)
{
    for (size_t i = 0; i < cfg->ntargets; i++)
        if (strcmp(cfg->targets[i].kpi, kpi) == 0)
            return &cfg->targets[i];
    return NULL;
}

const cfg_sla_target_t *config_sla_target(const config_t *cfg, int kind, int priority)
{
    const cfg_sla_target_t *def = NULL;
    for (size_t i = 0; i < cfg->nsla; i++) {
        const cfg_sla_target_t *t = &cfg->sla[i];
        if (t->kind != kind)
            continue;
        if (priority > 0 && t->priority == priority)
            return t;
        if (t->priority == 0)
            def = t;
    }
    return def;
}

void config_free(config_t *cfg)
{
    if (!cfg)
        return;
    arena_free(cfg->arena);
    free(cfg);
}
