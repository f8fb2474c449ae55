/*
 * sha256 — FIPS 180-4 SHA-256, for the input fingerprints the data-quality section prints.
 * Hand-written (about a hundred lines) rather than linking a crypto library for one digest.
 */
#ifndef ISO20K_SHA256_H
#define ISO20K_SHA256_H

#include <stddef.h>
#include <stdint.h>

typedef struct sha256 {
    uint32_t state[8];
    uint64_t bytes;
    unsigned char block[64];
    size_t fill;
} sha256_t;

void sha256_init(sha256_t *ctx);
void sha256_update(sha256_t *ctx, const void *data, size_t len);
/* Writes the 64 lowercase hex digits and a NUL into hex[65]. */
void sha256_final_hex(sha256_t *ctx, char hex[65]);

#endif
