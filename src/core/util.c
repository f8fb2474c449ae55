/*
 * util — allocation wrappers, arena, string buffer, hash table and interning.
 * Out of memory is never recovered from: the hook cleans up and the process exits 71.
 */
#include "core/util.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static void (*oom_hook)(void);

void util_set_oom_hook(void (*hook)(void))
{
    oom_hook = hook;
}

static void S_out_of_memory(size_t size)
{
    if (oom_hook)
        oom_hook();
    fprintf(stderr, "iso20k: error: out of memory (allocating %zu bytes)\n", size);
    exit(UTIL_EXIT_OOM);
}

#ifdef ISO20K_FAULTS
#include <errno.h>
#include <signal.h>

static long fault_alloc_at = -1, fault_io_at = -1, kill_io_at = -1, allocs, ios;

static void S_fault_report(void)
{
    if (getenv("ISO20K_COUNT_FAULTS"))
        fprintf(stderr, "iso20k: faults: %ld allocations, %ld output operations\n", allocs, ios);
}

static void S_fault_init(void)
{
    if (fault_alloc_at >= 0)
        return;
    const char *a = getenv("ISO20K_FAIL_ALLOC"), *i = getenv("ISO20K_FAIL_IO"),
               *k = getenv("ISO20K_KILL_IO");
    fault_alloc_at = a ? atol(a) : 0;
    fault_io_at = i ? atol(i) : 0;
    kill_io_at = k ? atol(k) : 0;
    atexit(S_fault_report);
}

static int S_fault_alloc(void)
{
    S_fault_init();
    return ++allocs == fault_alloc_at;
}

int util_fault_io(void)
{
    S_fault_init();
    if (++ios == kill_io_at) /* a kill just before the Nth output operation */
        raise(SIGKILL);
    if (ios != fault_io_at)
        return 0;
    errno = EIO;
    return 1;
}
#define FAULT_ALLOC() S_fault_alloc()
#else
#define FAULT_ALLOC() 0
#endif

void *xmalloc(size_t size)
{
    void *p = FAULT_ALLOC() ? NULL : malloc(size ? size : 1);
    if (!p)
        S_out_of_memory(size);
    return p;
}

void *xcalloc(size_t count, size_t size)
{
    void *p = FAULT_ALLOC() ? NULL : calloc(count ? count : 1, size ? size : 1);
    if (!p)
        S_out_of_memory(count * size);
    return p;
}

void *xrealloc(void *ptr, size_t size)
{
    void *p = FAULT_ALLOC() ? NULL : realloc(ptr, size ? size : 1);
    if (!p)
        S_out_of_memory(size);
    return p;
}

char *xstrdup(const char *s)
{
    return xstrndup(s, strlen(s));
}

char *xstrndup(const char *s, size_t len)
{
    char *p = xmalloc(len + 1);
    memcpy(p, s, len);
    p[len] = '\0';
    return p;
}

/* The room xgrow and arena_grow give an array of `size`-byte elements that must hold `need`:
 * doubling from cap (8 at first), with `extra` bytes beside it still countable in a size_t. */
static size_t S_grown(size_t cap, size_t need, size_t size, size_t extra)
{
    size_t n = cap ? cap : 8;
    while (n < need) {
        if (n > (SIZE_MAX - extra) / 2 / size)
            S_out_of_memory(SIZE_MAX);
        n *= 2;
    }
    return n;
}

void xgrow(void **ptr, size_t *cap, size_t need, size_t size)
{
    if (need <= *cap)
        return;
    size_t n = S_grown(*cap, need, size, 0);
    *ptr = xrealloc(*ptr, n * size);
    *cap = n;
}

void *xpush(void **ptr, size_t *n, size_t *cap, size_t size)
{
    xgrow(ptr, cap, *n + 1, size);
    void *at = (char *)*ptr + *n * size;
    memset(at, 0, size);
    (*n)++;
    return at;
}

static int S_cmp_keyed(const void *a, const void *b)
{
    const keyed_t *x = a, *y = b;
    if (x->key != y->key)
        return x->key < y->key ? -1 : 1;
    return x->index < y->index ? -1 : x->index > y->index;
}

void keyed_sort(keyed_t *k, size_t n)
{
    if (n > 1)
        qsort(k, n, sizeof *k, S_cmp_keyed);
}

long util_cores(void)
{
#ifdef ISO20K_FAULTS
    return 1; /* the Nth allocation must be the same one on every run */
#else
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n > 1 ? n : 1;
#endif
}

/* ---- arena ---- */

#define ARENA_FIRST (4 * 1024)   /* the first block: many arenas hold only a few names */
#define ARENA_BLOCK (256 * 1024) /* blocks double from ARENA_FIRST up to this size */

struct arena_block {
    struct arena_block *next;
    size_t used, size;
    max_align_t data[];
};

/* An array the arena owns sits behind a header holding its place in arena->arrays: growing it
 * may move it, and arena_free must free it where it is now. */
union arena_array {
    struct {
        size_t slot;  /* in arena->arrays */
        size_t bytes; /* allocated, this header included */
    } at;
    max_align_t align; /* keeps the array behind it aligned for any type */
};

struct arena {
    struct arena_block *head;
    size_t block;               /* the size of the next ordinary block (0: ARENA_FIRST) */
    union arena_array **arrays; /* the growable arrays it owns, freed with it */
    size_t narrays, caparrays;
};

arena_t *arena_new(void)
{
    return xcalloc(1, sizeof(arena_t));
}

void arena_free(arena_t *arena)
{
    if (!arena)
        return;
    struct arena_block *b = arena->head;
    while (b) {
        struct arena_block *next = b->next;
        free(b);
        b = next;
    }
    for (size_t i = 0; i < arena->narrays; i++)
        free(arena->arrays[i]);
    free(arena->arrays);
    free(arena);
}

void arena_grow(arena_t *arena, void **ptr, size_t *cap, size_t need, size_t size)
{
    if (need <= *cap)
        return;
    size_t n = S_grown(*cap, need, size, sizeof(union arena_array));
    union arena_array *h = *ptr ? (union arena_array *)*ptr - 1 : NULL;
    if (!h) {
        xgrow((void **)&arena->arrays, &arena->caparrays, arena->narrays + 1,
              sizeof *arena->arrays);
        h = xmalloc(sizeof *h + n * size);
        h->at.slot = arena->narrays++;
    } else {
        h = xrealloc(h, sizeof *h + n * size);
    }
    h->at.bytes = sizeof *h + n * size;
    arena->arrays[h->at.slot] = h;
    *ptr = h + 1;
    *cap = n;
}

void *arena_push(arena_t *arena, void **ptr, size_t *n, size_t *cap, size_t size)
{
    arena_grow(arena, ptr, cap, *n + 1, size);
    void *at = (char *)*ptr + *n * size;
    memset(at, 0, size);
    (*n)++;
    return at;
}

void *arena_alloc(arena_t *arena, size_t size)
{
    size_t align = sizeof(max_align_t);
    size = (size + align - 1) / align * align;
    struct arena_block *b = arena->head;
    if (!b || b->size - b->used < size) {
        size_t want = arena->block ? arena->block : ARENA_FIRST;
        size_t bsize = size > want ? size : want;
        b = xmalloc(sizeof(struct arena_block) + bsize);
        b->used = 0;
        b->size = bsize;
        /* A big allocation gets its own block behind the current one, so the rest of the
         * current block stays usable. */
        if (arena->head && size > want) {
            b->next = arena->head->next;
            arena->head->next = b;
        } else {
            b->next = arena->head;
            arena->head = b;
            arena->block = want < ARENA_BLOCK ? 2 * want : ARENA_BLOCK;
        }
    }
    void *p = (char *)b->data + b->used;
    b->used += size;
    memset(p, 0, size);
    return p;
}

char *arena_strndup(arena_t *arena, const char *s, size_t len)
{
    char *p = arena_alloc(arena, len + 1);
    memcpy(p, s, len);
    p[len] = '\0';
    return p;
}

char *arena_strdup(arena_t *arena, const char *s)
{
    return arena_strndup(arena, s, strlen(s));
}

size_t arena_bytes(const arena_t *arena)
{
    size_t total = 0;
    for (const struct arena_block *b = arena ? arena->head : NULL; b; b = b->next)
        total += b->size;
    for (size_t i = 0; arena && i < arena->narrays; i++)
        total += arena->arrays[i]->at.bytes;
    return total;
}

/* ---- strbuf ---- */

void strbuf_clear(strbuf_t *sb)
{
    free(sb->data);
    sb->data = NULL;
    sb->len = sb->cap = 0;
}

void strbuf_reset(strbuf_t *sb)
{
    sb->len = 0;
    if (sb->data)
        sb->data[0] = '\0';
}

void strbuf_append(strbuf_t *sb, const char *s, size_t len)
{
    xgrow((void **)&sb->data, &sb->cap, sb->len + len + 1, 1);
    memcpy(sb->data + sb->len, s, len);
    sb->len += len;
    sb->data[sb->len] = '\0';
}

void strbuf_puts(strbuf_t *sb, const char *s)
{
    strbuf_append(sb, s, strlen(s));
}

void strbuf_printf(strbuf_t *sb, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0)
        return;
    xgrow((void **)&sb->data, &sb->cap, sb->len + (size_t)n + 1, 1);
    va_start(ap, fmt);
    vsnprintf(sb->data + sb->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    sb->len += (size_t)n;
}

const char *strbuf_cstr(const strbuf_t *sb)
{
    return sb->data ? sb->data : "";
}

/* ---- hash table (open addressing, linear probing) ---- */

struct hash_entry {
    const char *key;
    size_t len;
    uint64_t hash;
    void *value;
};

struct hashmap {
    struct hash_entry *slots;
    size_t cap, count;
    arena_t *keys;
};

uint64_t util_hash(const char *s, size_t len)
{
    /* eight bytes a step, then a final mix so that the low bits (the slot) depend on every
     * byte: every row hashes its id and its interned values, most under 16 bytes */
    uint64_t h = 0x9E3779B97F4A7C15ULL ^ len, w;
    const char *last = s + len; /* the tail is read as whole words that may overlap bytes
                                 * hashed already (the length is in h: no two keys mix up) */
    if (len >= 8) {
        for (; len > 8; s += 8, len -= 8) {
            memcpy(&w, s, 8);
            h = (h ^ w) * 0xBF58476D1CE4E5B9ULL;
            h ^= h >> 31;
        }
        memcpy(&w, last - 8, 8);
    } else if (len >= 4) {
        uint32_t a, b;
        memcpy(&a, s, 4);
        memcpy(&b, last - 4, 4);
        w = (uint64_t)a << 32 | b;
    } else if (len) {
        w = (uint64_t)(unsigned char)s[0] << 16 | (uint64_t)(unsigned char)s[len / 2] << 8 |
            (unsigned char)last[-1];
    } else {
        w = 0;
    }
    h = (h ^ w) * 0xBF58476D1CE4E5B9ULL;
    h ^= h >> 31;
    h *= 0x94D049BB133111EBULL;
    return h ^ (h >> 29);
}

hashmap_t *hashmap_new(void)
{
    hashmap_t *m = xcalloc(1, sizeof(*m));
    m->cap = 64;
    m->slots = xcalloc(m->cap, sizeof(struct hash_entry));
    m->keys = arena_new();
    return m;
}

void hashmap_free(hashmap_t *map)
{
    if (map) {
        arena_free(map->keys);
        free(map->slots);
        free(map);
    }
}

static struct hash_entry *S_find(const hashmap_t *m, const char *key, size_t len, uint64_t h)
{
    size_t mask = m->cap - 1;
    for (size_t i = h & mask;; i = (i + 1) & mask) {
        struct hash_entry *e = &m->slots[i];
        if (!e->key)
            return e;
        if (e->hash == h && e->len == len && memcmp(e->key, key, len) == 0)
            return e;
    }
}

void *hashmap_get(const hashmap_t *map, const char *key, size_t len)
{
    struct hash_entry *e = S_find(map, key, len, util_hash(key, len));
    return e->key ? e->value : NULL;
}

static void S_rehash(hashmap_t *m)
{
    struct hash_entry *old = m->slots;
    size_t oldcap = m->cap;
    m->cap *= 2;
    m->slots = xcalloc(m->cap, sizeof(struct hash_entry));
    for (size_t i = 0; i < oldcap; i++) {
        if (old[i].key)
            *S_find(m, old[i].key, old[i].len, old[i].hash) = old[i];
    }
    free(old);
}

void **hashmap_slot(hashmap_t *map, const char *key, size_t len, const char **stored)
{
    uint64_t h = util_hash(key, len);
    struct hash_entry *e = S_find(map, key, len, h);
    if (!e->key) {
        if ((map->count + 1) * 4 > map->cap * 3) {
            S_rehash(map);
            e = S_find(map, key, len, h);
        }
        e->key = arena_strndup(map->keys, key, len);
        e->len = len;
        e->hash = h;
        e->value = NULL;
        map->count++;
    }
    if (stored)
        *stored = e->key;
    return &e->value;
}

const char *hashmap_put(hashmap_t *map, const char *key, size_t len, void *value)
{
    const char *stored;
    *hashmap_slot(map, key, len, &stored) = value;
    return stored;
}

size_t hashmap_count(const hashmap_t *map)
{
    return map->count;
}

interner_t *interner_new(void)
{
    return hashmap_new();
}

void interner_free(interner_t *in)
{
    hashmap_free(in);
}

const char *intern(interner_t *in, const char *s, size_t len)
{
    const char *key;
    void **value = hashmap_slot(in, s, len, &key);
    if (!*value)
        *value = (void *)key; /* one probe for a string seen before or not */
    return key;
}

/* ---- numbers and text ---- */

/* What utf8_clean does with the character at p (not the end): 0 keeps its *n bytes, 1 writes
 * a space for its one byte (a control character), 2 writes U+FFFD for its *n bytes (one for an
 * invalid byte, the whole character for a noncharacter). */
static int S_clean_char(const unsigned char *p, int keep_breaks, size_t *n)
{
    *n = 1;
    if (*p < 0x80)
        return *p >= 0x20 || (keep_breaks && (*p == '\n' || *p == '\t')) ? 0 : 1;
    size_t len = (*p >> 5) == 6 ? 2 : (*p >> 4) == 14 ? 3 : (*p >> 3) == 30 ? 4 : 0;
    if (!len)
        return 2;
    for (size_t i = 1; i < len; i++)
        if ((p[i] & 0xC0) != 0x80)
            return 2;
    /* overlong forms and surrogates are not valid UTF-8 either */
    if (len == 2 && *p < 0xC2)
        return 2;
    if (len == 3 && ((*p == 0xE0 && p[1] < 0xA0) || (*p == 0xED && p[1] >= 0xA0)))
        return 2;
    if (len == 4 && ((*p == 0xF0 && p[1] < 0x90) || *p > 0xF4 || (*p == 0xF4 && p[1] >= 0x90)))
        return 2;
    *n = len;
    if (len >= 3) { /* noncharacters: cairo refuses them, XML 1.0 U+FFFE and U+FFFF */
        unsigned cp = len == 3 ? (p[0] & 0x0Fu) << 12 | (p[1] & 0x3Fu) << 6 | (p[2] & 0x3Fu)
                               : (p[0] & 0x07u) << 18 | (p[1] & 0x3Fu) << 12 | (p[2] & 0x3Fu) << 6 |
                                     (p[3] & 0x3Fu);
        if ((cp >= 0xFDD0 && cp <= 0xFDEF) || (cp & 0xFFFE) == 0xFFFE)
            return 2;
    }
    return 0;
}

size_t utf8_clean_span(const char *s, int keep_breaks)
{
    const unsigned char *p = (const unsigned char *)(s ? s : "");
    const unsigned char *start = p;
    for (;;) {
        /* printable ASCII, the bulk of every export, a byte at a time without a call */
        while (*p >= 0x20 && *p < 0x80)
            p++;
        size_t n;
        if (!*p || S_clean_char(p, keep_breaks, &n))
            break;
        p += n;
    }
    return (size_t)(p - start);
}

const char *utf8_clean(strbuf_t *sb, const char *s, int keep_breaks)
{
    strbuf_reset(sb);
    const unsigned char *p = (const unsigned char *)(s ? s : "");
    for (;;) {
        size_t keep = utf8_clean_span((const char *)p, keep_breaks);
        if (keep) /* the whole text when nothing changes */
            strbuf_append(sb, (const char *)p, keep);
        p += keep;
        if (!*p)
            break;
        size_t n;
        if (S_clean_char(p, keep_breaks, &n) == 1)
            strbuf_putc(sb, ' ');
        else
            strbuf_append(sb, "\xEF\xBF\xBD", 3);
        p += n;
    }
    return strbuf_cstr(sb);
}

double round_half_away(double x, int decimals)
{
    double f = 1.0;
    for (int i = 0; i < decimals; i++)
        f *= 10.0;
    double y = x * f;
    /* Values a hair below .5 because of binary representation (2.675 → 267.49999…) are
     * rounded as the decimal number the user reads. */
    double r = round(y);
    if (fabs(y - trunc(y)) > 0.5 - 1e-9 && fabs(y - trunc(y)) < 0.5)
        r = trunc(y) + (y > 0 ? 1.0 : -1.0);
    return r / f;
}

char *format_rounded(char *buf, size_t n, double x, int decimals)
{
    snprintf(buf, n, "%.*f", decimals, round_half_away(x, decimals));
    if (strchr(buf, '.')) {
        size_t len = strlen(buf);
        while (buf[len - 1] == '0')
            buf[--len] = '\0';
        if (buf[len - 1] == '.')
            buf[--len] = '\0';
    }
    if (!strcmp(buf, "-0"))
        snprintf(buf, n, "0");
    return buf;
}

int ascii_ieq(const char *s, size_t len, const char *word)
{
    return strlen(word) == len && ascii_ieqn(s, word, len);
}

int ascii_ieqn(const char *a, const char *b, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        unsigned char x = (unsigned char)a[i], y = (unsigned char)b[i];
        if (x >= 'A' && x <= 'Z')
            x += 32;
        if (y >= 'A' && y <= 'Z')
            y += 32;
        if (x != y)
            return 0;
    }
    return 1;
}

static int S_blank(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

void ascii_trim(const char **s, size_t *len)
{
    while (*len && S_blank(**s))
        (*s)++, (*len)--;
    while (*len && S_blank((*s)[*len - 1]))
        (*len)--;
}
