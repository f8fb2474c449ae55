/*
 * config — look-ups over the loaded configuration. Loading is app/config_load.c's job.
 */
#include "core/config.h"

#include <stdint.h>
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

/* The weekday of a day number (days since 1970-01-01, a Thursday): 0 = Monday … 6 = Sunday, as
 * input/timeparse.h counts them (core does not include input). */
static int S_weekday(int64_t days)
{
    int64_t w = (days + 3) % 7;
    return (int)(w < 0 ? w + 7 : w);
}

/* Open seconds of a weekday on the calendar's weekly pattern (Monday = 0). */
static int64_t S_weekday_open(const cfg_calendar_t *cal, int wd)
{
    int64_t total = 0;
    for (size_t i = 0; i < cal->nhours[wd]; i++)
        total += (int64_t)(cal->hours[wd][i].end_min - cal->hours[wd][i].start_min) * 60;
    return total;
}

long config_index(config_t *cfg)
{
    hashmap_free(cfg->service_index);
    hashmap_free(cfg->calendar_index);
    cfg->service_index = hashmap_new();
    cfg->calendar_index = hashmap_new();
    for (size_t i = 0; i < cfg->ncalendars; i++) {
        cfg_calendar_t *cal = &cfg->calendars[i];
        void **slot = hashmap_slot(cfg->calendar_index, cal->name, strlen(cal->name), NULL);
        if (!*slot) /* a repeated name keeps its first calendar, as a walk of the list would */
            *slot = (void *)(uintptr_t)(i + 1);
        /* holiday sums: the open time the holidays between two dates remove is one
         * subtraction instead of a walk over them (a repeated date counts once) */
        int64_t *sums = arena_alloc(cfg->arena, (cal->nholidays + 1) * sizeof(int64_t));
        int64_t open[7];
        for (int wd = 0; wd < 7; wd++)
            open[wd] = S_weekday_open(cal, wd);
        for (size_t h = 0; h < cal->nholidays; h++) {
            int distinct = h == 0 || cal->holidays[h] != cal->holidays[h - 1];
            sums[h + 1] = sums[h] + (distinct ? open[S_weekday(cal->holidays[h])] : 0);
        }
        cal->holiday_open = sums;
    }
    long duplicate = -1;
    for (size_t i = 0; i < cfg->nservices; i++) {
        const char *name = cfg->services[i].name;
        void **slot = hashmap_slot(cfg->service_index, name, strlen(name), NULL);
        if (!*slot)
            *slot = (void *)(uintptr_t)(i + 1);
        else if (duplicate < 0)
            duplicate = (long)i;
    }
    return duplicate;
}

/* Up to this many names, a walk of the list costs less than hashing the name. */
#define CONFIG_WALK 8

const cfg_calendar_t *config_calendar(const config_t *cfg, const char *name)
{
    if (cfg->calendar_index && cfg->ncalendars > CONFIG_WALK) {
        uintptr_t at = (uintptr_t)hashmap_get(cfg->calendar_index, name, strlen(name));
        return at ? &cfg->calendars[at - 1] : NULL;
    }
    for (size_t i = 0; i < cfg->ncalendars; i++)
        if (strcmp(cfg->calendars[i].name, name) == 0)
            return &cfg->calendars[i];
    return NULL;
}

const cfg_service_t *config_service(const config_t *cfg, const char *name)
{
    if (cfg->service_index && cfg->nservices > CONFIG_WALK) {
        uintptr_t at = (uintptr_t)hashmap_get(cfg->service_index, name, strlen(name));
        return at ? &cfg->services[at - 1] : NULL;
    }
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
    hashmap_free(cfg->service_index);
    hashmap_free(cfg->calendar_index);
    arena_free(cfg->arena);
    free(cfg);
}
