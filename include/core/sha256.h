/*
 * sha256 — SHA-256 digests of input files for the data-quality section, through OpenSSL's
 * libcrypto (hardware-accelerated where the CPU has SHA extensions: hashing must not be what
 * limits reading a million-row export). The only module that touches libcrypto.
 */
#ifndef ISO20K_SHA256_H
#define ISO20K_SHA256_H

#include <stddef.h>

typedef struct sha256 {
    void *md; /* EVP_MD_CTX, owned */
} sha256_t;

/* Starts a digest; every sha256_init is ended by sha256_final_hex (or sha256_discard). */
void sha256_init(sha256_t *ctx);
void sha256_update(sha256_t *ctx, const void *data, size_t len);
/* Writes the 64 lowercase hex digits and a NUL into hex[65], and releases the context. */
void sha256_final_hex(sha256_t *ctx, char hex[65]);
/* Releases a context whose digest is not needed. */
void sha256_discard(sha256_t *ctx);

#endif
