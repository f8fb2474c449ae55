/*
 * sha256 — a thin wrapper over libcrypto's EVP digest interface. A libcrypto failure here can
 * only be out of memory (SHA-256 is always available), so it takes the out-of-memory path.
 */
#include "core/sha256.h"

#include <openssl/evp.h>
#include <stdio.h>
#include <stdlib.h>

#include "core/util.h"

static void S_fail(void)
{
    xmalloc((size_t)-1 / 2); /* the allocation wrapper's out-of-memory exit (71) */
    abort();
}

void sha256_init(sha256_t *ctx)
{
    EVP_MD_CTX *md = EVP_MD_CTX_new();
    if (!md || EVP_DigestInit_ex(md, EVP_sha256(), NULL) != 1)
        S_fail();
    ctx->md = md;
}

void sha256_update(sha256_t *ctx, const void *data, size_t len)
{
    if (len && EVP_DigestUpdate((EVP_MD_CTX *)ctx->md, data, len) != 1)
        S_fail();
}

void sha256_final_hex(sha256_t *ctx, char hex[65])
{
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int n = 0;
    if (EVP_DigestFinal_ex((EVP_MD_CTX *)ctx->md, digest, &n) != 1 || n != 32)
        S_fail();
    for (unsigned i = 0; i < 32; i++)
        snprintf(hex + 2 * i, 3, "%02x", digest[i]);
    hex[64] = '\0';
    sha256_discard(ctx);
}

void sha256_discard(sha256_t *ctx)
{
    EVP_MD_CTX_free((EVP_MD_CTX *)ctx->md);
    ctx->md = NULL;
}
