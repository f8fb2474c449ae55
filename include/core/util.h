/*
 * util — allocation that never returns NULL, an arena for records and their strings, a growable
 * byte buffer, a string-keyed hash table (interning, id look-ups) and small number helpers.
 * It knows nothing of tickets, files or reports.
 */
#ifndef ISO20K_UTIL_H
#define ISO20K_UTIL_H

#include <stddef.h>
#include <stdint.h>

/* Exit status for out of memory (sysexits EX_OSERR). */
#define UTIL_EXIT_OOM 71

/*
 * Allocation wrappers: on failure they run the out-of-memory hook (which removes the run's
 * temporary files), print one message and exit 71. No caller needs to check for NULL.
 */
void *xmalloc(size_t size);
void *xcalloc(size_t count, size_t size);
void *xrealloc(void *ptr, size_t size);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t len);
/* Grows *ptr (an array of *cap elements of `size` bytes) so that it holds at least `need`. */
void xgrow(void **ptr, size_t *cap, size_t need, size_t size);
/* Appends one zeroed element of `size` bytes to the growable array *ptr (*n elements, room for
 * *cap), growing it as xgrow does; returns the new element and counts it in *n. */
void *xpush(void **ptr, size_t *n, size_t *cap, size_t size);

/* An index with the key it is ordered by. */
typedef struct keyed {
    size_t index;
    double key;
} keyed_t;

/* Orders k[0..n-1] by key ascending, ties in index order (so the order is total and the same on
 * every run whatever qsort does with equal elements). */
void keyed_sort(keyed_t *k, size_t n);
/* Binary search over n int64_t keys in ascending order, `stride` bytes apart from keys[0]
 * (sizeof (int64_t) for a plain array, the element's size for a member of an array of structs):
 * the position of the first key above `key` when `above` is set, else of the first at or above
 * it; n when there is none. keys may be NULL when n is 0. Inline: time zones search on every
 * conversion. */
static inline size_t i64_search(const int64_t *keys, size_t n, size_t stride, int64_t key,
                                int above)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int64_t k = *(const int64_t *)(const void *)((const char *)keys + mid * stride);
        if (k < key || (above && k == key))
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}
/* Sets the function called before exiting on out of memory (NULL: none). */
void util_set_oom_hook(void (*hook)(void));

/*
 * Fault injection (a build with -DISO20K_FAULTS, `make faults`): with ISO20K_FAIL_ALLOC=N the
 * Nth allocation through the x* wrappers fails; with ISO20K_FAIL_IO=N the Nth output operation
 * (write, fsync, close, link, rename, unlink of an output file or journal) fails (util_fault_io
 * returns 1 and sets errno); with ISO20K_KILL_IO=N the process kills itself (SIGKILL) just
 * before the Nth. With ISO20K_COUNT_FAULTS set, the counts are printed at exit. In other builds
 * these are no-ops.
 */
#ifdef ISO20K_FAULTS
int util_fault_io(void);
#else
static inline int util_fault_io(void)
{
    return 0;
}
#endif

/* The cores the program may use for its threads: those online, and 1 in the fault-injection
 * build (whose Nth allocation must be the same one on every run). */
long util_cores(void);

/* A 64-bit hash of len bytes, read eight at a time: decides only where keys sit in hash tables,
 * never any output. */
uint64_t util_hash(const char *s, size_t len);

/* An arena: many small allocations freed at once. */
typedef struct arena arena_t;
/* Returns a new arena; free it with arena_free. */
arena_t *arena_new(void);
/* Frees the arena and everything allocated in it; arena_free(NULL) is a no-op. */
void arena_free(arena_t *arena);
/* Returns `size` zeroed bytes aligned for any type, owned by the arena. */
void *arena_alloc(arena_t *arena, size_t size);
/* Copies `len` bytes of `s` and a NUL into the arena. */
char *arena_strndup(arena_t *arena, const char *s, size_t len);
char *arena_strdup(arena_t *arena, const char *s);
/* Grows *ptr, an array of *cap elements of `size` bytes owned by the arena (NULL with *cap 0
 * at first), as xgrow does: it holds at least `need` afterwards and may have moved. The array
 * is freed with the arena, never alone: for the arrays an object keeps until it is freed. */
void arena_grow(arena_t *arena, void **ptr, size_t *cap, size_t need, size_t size);
/* Appends one zeroed element to such an array, as xpush does. */
void *arena_push(arena_t *arena, void **ptr, size_t *n, size_t *cap, size_t size);
/* Bytes the arena holds, in its blocks and its arrays (used or not): what it costs in memory. */
size_t arena_bytes(const arena_t *arena);

/* A growable, always NUL-terminated byte buffer. Zero-initialise, then strbuf_clear. */
typedef struct strbuf {
    char *data; /* NUL-terminated; NULL until the first append */
    size_t len;
    size_t cap;
} strbuf_t;

/* Frees what the buffer holds and empties it; the strbuf_t itself is the caller's. */
void strbuf_clear(strbuf_t *sb);
void strbuf_reset(strbuf_t *sb);
void strbuf_append(strbuf_t *sb, const char *s, size_t len);
void strbuf_puts(strbuf_t *sb, const char *s);
/* One byte: inline, for the readers call it for every field. */
static inline void strbuf_putc(strbuf_t *sb, char c)
{
    if (sb->len + 2 <= sb->cap) {
        sb->data[sb->len++] = c;
        sb->data[sb->len] = '\0';
    } else {
        strbuf_append(sb, &c, 1);
    }
}
void strbuf_printf(strbuf_t *sb, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Returns the contents ("" when empty); valid until the next change. */
const char *strbuf_cstr(const strbuf_t *sb);

/* A string-keyed hash table of pointers. Keys are copied into the table's own arena. */
typedef struct hashmap hashmap_t;
hashmap_t *hashmap_new(void);
void hashmap_free(hashmap_t *map);
/* Returns the value stored under key, or NULL. */
void *hashmap_get(const hashmap_t *map, const char *key, size_t len);
/* Stores value under key (replacing any value); returns the table's copy of the key. */
const char *hashmap_put(hashmap_t *map, const char *key, size_t len, void *value);
/* The value slot of key, inserted with the value NULL when absent (one probe for both); the
 * map's own copy of the key in *stored when stored is not NULL. */
void **hashmap_slot(hashmap_t *map, const char *key, size_t len, const char **stored);
size_t hashmap_count(const hashmap_t *map);

/* String interning: one copy of each distinct string, compared by pointer afterwards. An
 * interner is a hash table whose values are its own keys. */
typedef struct hashmap interner_t;
interner_t *interner_new(void);
void interner_free(interner_t *in);
/* Returns the interned copy of s[0..len), owned by the interner. */
const char *intern(interner_t *in, const char *s, size_t len);

/*
 * A small cache keyed by an interned string's address: a string met again is found by one
 * comparison of pointers, with the number put beside it. A miss says nothing: the caller looks
 * the string up as it would without the cache. Zero-initialised, it is empty; keys are never
 * NULL.
 */
#define ADDR_MEMO_WAYS 64
typedef struct addr_memo {
    const void *key[ADDR_MEMO_WAYS];
    uintptr_t value[ADDR_MEMO_WAYS];
} addr_memo_t;

static inline size_t addr_memo_slot(const void *key)
{
    return ((uintptr_t)key >> 3) % ADDR_MEMO_WAYS; /* allocations are 8-byte aligned */
}

/* 1 (and its value in *value, when value is not NULL) when key is the last put in its slot. */
static inline int addr_memo_get(const addr_memo_t *m, const void *key, uintptr_t *value)
{
    size_t w = addr_memo_slot(key);
    if (m->key[w] != key)
        return 0;
    if (value)
        *value = m->value[w];
    return 1;
}

static inline void addr_memo_put(addr_memo_t *m, const void *key, uintptr_t value)
{
    size_t w = addr_memo_slot(key);
    m->key[w] = key;
    m->value[w] = value;
}

/*
 * Copies s into sb as text every renderer's library accepts: invalid bytes and Unicode
 * noncharacters (U+FDD0..U+FDEF, U+xFFFE, U+xFFFF) become U+FFFD, control characters a space
 * (line breaks and tabs are kept when keep_breaks is set). Returns sb's text.
 */
const char *utf8_clean(strbuf_t *sb, const char *s, int keep_breaks);
/* The length in bytes of the longest start of s (NULL: "") that utf8_clean(…, keep_breaks)
 * copies unchanged: s is already clean when s[utf8_clean_span(s, k)] is its end. */
size_t utf8_clean_span(const char *s, int keep_breaks);

/* The largest magnitude an output shows. Beyond it a double no longer holds cents exactly (2^53
 * is about 9.0e15) and no figure of this program is that large: the inputs are bounded well
 * below it. A number outside it, or not finite, is written as missing (null in the JSON, "n/a"
 * in the PDF and the workbook), never as "inf", "nan" or 300 digits. */
#define NUM_SHOWN_MAX 1e15
/* True when v is finite and within NUM_SHOWN_MAX (false for NaN and the infinities). */
static inline int num_shown(double v)
{
    return v > -NUM_SHOWN_MAX && v < NUM_SHOWN_MAX;
}

/* Rounds half away from zero to `decimals` places. */
double round_half_away(double x, int decimals);
/* Room for any finite double written with up to 6 decimals by format_rounded (DBL_MAX has 309
 * digits before the point). */
#define FORMAT_ROUNDED_MAX 320
/* Writes finite x rounded half away from zero to `decimals` places into buf (n bytes, at least
 * FORMAT_ROUNDED_MAX), without trailing zeros or a bare decimal point, and "-0" as "0".
 * Returns buf. */
char *format_rounded(char *buf, size_t n, double x, int decimals);
/* Case-insensitive ASCII comparison of s[0..len) with the NUL-terminated word. */
int ascii_ieq(const char *s, size_t len, const char *word);
/* Whether a[0..n) and b[0..n) are equal but for ASCII case (A-Z only: other bytes compare as
 * they are, whatever the locale). */
int ascii_ieqn(const char *a, const char *b, size_t n);
/* Narrows (*s, *len) to leave out leading and trailing spaces, tabs, CRs and LFs. */
void ascii_trim(const char **s, size_t *len);
/* True when s is NULL or "". */
#define STR_EMPTY(s) ((s) == NULL || (s)[0] == '\0')

#endif
