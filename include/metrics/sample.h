/*
 * sample — reproducible audit samples for the pre-audit readiness pack: for each population an
 * auditor checks from the data (P1/P2 incidents, resolution breaches, …), a sample of ticket
 * ids whose size follows a stated rule, drawn with a seed derived from the organisation, the
 * period and the population (or given with --sample-seed) by a documented hash and generator,
 * so that anyone can draw it again. Pure: no I/O, no clock. It does not format anything.
 */
#ifndef ISO20K_SAMPLE_H
#define ISO20K_SAMPLE_H

#include <stdint.h>

#include "input/registers.h"
#include "metrics/metrics.h"

/* The populations, in the order the pack lists them; the last two come from the registers
 * (docs/configuration.md §14) and exist only when those are read. A further population: an id here,
 * its name and label, and its members in sample.c. */
typedef enum sample_population {
    SAMPLE_P1P2_INCIDENTS = 0,  /* incidents of priority 1 or 2 opened in P */
    SAMPLE_RESOLUTION_BREACHES, /* incidents and requests resolved in P past their target */
    SAMPLE_EMERGENCY_CHANGES,   /* changes resolved in P of type emergency */
    SAMPLE_FAILED_CHANGES,      /* changes resolved in P that failed or were backed out */
    SAMPLE_MAJOR_INCIDENTS,     /* incidents counted as outages (availability.from_incidents) */
    SAMPLE_REOPENED,            /* incidents and requests resolved in P and reopened */
    SAMPLE_COMPLAINTS,          /* complaints received in P (the complaints register) */
    SAMPLE_NONCONFORMITIES,     /* nonconformities raised in P (the nonconformities register) */
    SAMPLE_POPULATIONS
} sample_population_t;

/* "p1_p2_incidents", "resolution_breaches", "emergency_changes", "failed_changes",
 * "major_incidents_as_outages", "reopened_tickets", "complaints", "nonconformities": the names
 * the seed is derived from. */
extern const char *const sample_population_names[SAMPLE_POPULATIONS];
/* What each population is, in the pack's words. */
extern const char *const sample_population_labels[SAMPLE_POPULATIONS];

/* The sample size for a population of n: all of them up to 10, else 10 plus a tenth of those
 * beyond 10 (rounded up), at most 25. */
size_t sample_size(size_t n);

/* The next value of the SplitMix64 generator (state advanced by 0x9E3779B97F4A7C15). */
uint64_t sample_splitmix64(uint64_t *state);

/* The seed of a population: the first 8 bytes, big-endian, of SHA-256 of
 * "<organisation>|<period label>|<population name>", or of "<override>|<population name>"
 * (the number in decimal) when `has_override`. */
uint64_t sample_seed(const char *organization, const char *period, const char *population,
                     int has_override, uint64_t override);

/* A uniform integer in [0, m) (m > 0) from the generator, rejecting the values that would bias
 * it (those at or above the largest multiple of m). */
uint64_t sample_below(uint64_t *state, uint64_t m);

/* The positions of a sample of k out of n (k <= n) into out[0..k-1], in draw order: a
 * Fisher–Yates shuffle of 0..n-1 stopped after k steps (step i swaps position i with
 * i + sample_below(n - i)), seeded with `seed`. */
void sample_draw(uint64_t seed, size_t n, size_t k, size_t *out);

/* What a population's records are. */
typedef enum sample_record {
    SAMPLE_TICKETS,
    SAMPLE_COMPLAINT_RECORDS,
    SAMPLE_NC_RECORDS
} sample_record_t;
/* The record kind of each population. */
sample_record_t sample_record_kind(sample_population_t pop);

typedef struct sample {
    sample_population_t population;
    int available;          /* 0: the data cannot give this population (not configured) */
    size_t population_size; /* records in the population */
    uint64_t seed;
    /* n records in draw order, pointing into the store or the registers (ticket_t,
     * reg_complaint_t or reg_nonconformity_t as sample_record_kind says); owned */
    const void **drawn;
    size_t n;
} sample_t;

typedef struct samples {
    sample_t v[SAMPLE_POPULATIONS];
} samples_t;

/*
 * Draws every population's sample for m's period from the store's tickets and the registers
 * (NULL: none; records sorted by id, byte order, before drawing) into *out (the caller's; free
 * with samples_clear).
 */
void samples_draw(const config_t *cfg, const store_t *store, const registers_t *regs,
                  const tz_t *tz, const metrics_t *m, const char *organization, const char *period,
                  int has_override, uint64_t override, samples_t *out);
void samples_clear(samples_t *s);

#endif
