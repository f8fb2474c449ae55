/*
 * config — look-ups over the loaded configuration. Loading is app/config_load.c's job.
 */
#include "core/config.h"

#include <stddef.h>
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

/* The position of `name` in a list of n records of `size` bytes whose first member is their
 * name: through the hash index once the list is long, else by a walk (the first of a repeated
 * name either way); -1 when absent. */
static long S_named(const hashmap_t *index, const void *list, size_t n, size_t size,
                    const char *name)
{
    if (index && n > CONFIG_WALK) {
        uintptr_t at = (uintptr_t)hashmap_get(index, name, strlen(name));
        return at ? (long)at - 1 : -1;
    }
    for (size_t i = 0; i < n; i++)
        if (strcmp(*(const char *const *)((const char *)list + i * size), name) == 0)
            return (long)i;
    return -1;
}

_Static_assert(offsetof(cfg_calendar_t, name) == 0, "S_named reads a calendar's name first");
_Static_assert(offsetof(cfg_service_t, name) == 0, "S_named reads a service's name first");

const cfg_calendar_t *config_calendar(const config_t *cfg, const char *name)
{
    long i =
        S_named(cfg->calendar_index, cfg->calendars, cfg->ncalendars, sizeof *cfg->calendars, name);
    return i < 0 ? NULL : &cfg->calendars[i];
}

const cfg_service_t *config_service(const config_t *cfg, const char *name)
{
    long i =
        S_named(cfg->service_index, cfg->services, cfg->nservices, sizeof *cfg->services, name);
    return i < 0 ? NULL : &cfg->services[i];
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
