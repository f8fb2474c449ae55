/*
 * ydoc — the YAML layer under every config file (review.yaml, the theme, the ROI assumptions,
 * the self-assessment, a readiness catalogue): it reads a file whole, checks its events first
 * (nesting depth, anchors and aliases, one document only), loads it with libyaml, and gives the
 * loaders typed scalars (text, numbers, whole numbers, booleans, percentages, durations, paths)
 * and key checks that name the known keys, every error with file, line and column.
 *
 * It knows no config key: the loaders (app/config_load.c and app/config_*.c) walk the nodes it
 * loads. libyaml is parsed only here; the loaders see its node types through this header.
 */
#ifndef ISO20K_YDOC_H
#define ISO20K_YDOC_H

#include <stddef.h>
#include <stdint.h>
#include <yaml.h>

#include "core/config.h"
#include "core/diag.h"
#include "core/util.h"

/* A config file larger than this is refused (no config comes near it). */
#define YDOC_MAX_BYTES (1 << 20)
/* The largest magnitude of a number in a config file: an amount of money, a target, a weight.
 * Any sum or product of such numbers the program forms stays far below NUM_SHOWN_MAX. */
#define YDOC_MAX_NUMBER 1e12

/* The most characters (code points) a text of a config file may hold, and a name (an
 * organisation, a service, a key): enough for any real one, and well within what every
 * renderer takes (libharu refuses a text of 65,535 bytes or more). */
#define YDOC_MAX_TEXT 4000
#define YDOC_MAX_NAME 1000

/* One loaded YAML document and where its errors go. Strings read from it are copied into
 * cfg->arena; relative paths are resolved against cfg->dir. */
typedef struct ydoc {
    yaml_document_t doc;
    const char *path; /* the file, for messages */
    diag_t *d;
    config_t *cfg;
    const char *file_dir; /* the directory of a file the config names (ydoc_load_file): a
                           * theme's fonts and logo are relative to it */
} ydoc_t;

/* Sets the error at a node (1-based line and column) and returns ST_CONFIG from the caller. */
#define FAIL_AT(node, ...)                                                                         \
    return diag_set(ld->d, ST_CONFIG, ld->path, (node)->start_mark.line + 1,                       \
                    (node)->start_mark.column + 1, __VA_ARGS__)

/* Returns the status of expr from the caller when it is not ST_OK. */
#define TRY(expr)                                                                                  \
    do {                                                                                           \
        status_t st_ = (expr);                                                                     \
        if (st_ != ST_OK)                                                                          \
            return st_;                                                                            \
    } while (0)

/* Walking mappings and sequences (checked with ydoc_check_keys / ydoc_expect first). */
#define PAIRS(map) ((map)->data.mapping.pairs.start)
#define NPAIRS(map) ((size_t)((map)->data.mapping.pairs.top - (map)->data.mapping.pairs.start))
#define ITEMS(seq) ((seq)->data.sequence.items.start)
#define NITEMS(seq) ((size_t)((seq)->data.sequence.items.top - (seq)->data.sequence.items.start))
#define KEY(ld, pair) ((const char *)ydoc_node(ld, (pair).key)->data.scalar.value)
#define VAL(ld, pair) (ydoc_node(ld, (pair).value))

/* The node with libyaml's index idx. */
yaml_node_t *ydoc_node(ydoc_t *ld, int idx);
/* Where a node starts (1-based), for errors found after loading. */
cfg_mark_t ydoc_mark(const yaml_node_t *n);
/* True for an empty plain scalar, `~` or `null`: a key left empty. */
int ydoc_is_null(const yaml_node_t *n);

/*
 * Typed scalars. Each checks the node and returns ST_OK with *out set, or ST_CONFIG with the
 * node's place and a message naming `what`. Strings are copied into the config's arena.
 */
status_t ydoc_expect(ydoc_t *ld, yaml_node_t *n, yaml_node_type_t type, const char *what);
/* A text of at most `max` characters; a control character or noncharacter becomes U+FFFD. */
status_t ydoc_text(ydoc_t *ld, yaml_node_t *n, const char *what, size_t max, const char **out);
/* A text of at most YDOC_MAX_TEXT characters. */
status_t ydoc_string(ydoc_t *ld, yaml_node_t *n, const char *what, const char **out);
status_t ydoc_nonempty(ydoc_t *ld, yaml_node_t *n, const char *what, const char **out);
/* A non-empty name of at most YDOC_MAX_NAME characters. */
status_t ydoc_name(ydoc_t *ld, yaml_node_t *n, const char *what, const char **out);
/* A number, finite and within ±YDOC_MAX_NUMBER. */
status_t ydoc_number(ydoc_t *ld, yaml_node_t *n, const char *what, double *out);
status_t ydoc_integer(ydoc_t *ld, yaml_node_t *n, const char *what, long lo, long hi, long *out);
status_t ydoc_bool(ydoc_t *ld, yaml_node_t *n, const char *what, int *out);
/* A number from 0 to 100. */
status_t ydoc_percent(ydoc_t *ld, yaml_node_t *n, const char *what, double *out);
/* A duration (config_parse_duration) longer than zero, in seconds. */
status_t ydoc_duration(ydoc_t *ld, yaml_node_t *n, const char *what, int64_t *out);
/* A non-empty path, resolved against the config's directory. */
status_t ydoc_path(ydoc_t *ld, yaml_node_t *n, const char *what, const char **out);
/* Resolves a path against the config's directory (absolute paths stay); arena-owned. */
const char *ydoc_resolve(ydoc_t *ld, const char *p);

/*
 * Checks a mapping: keys are plain scalars, none twice, each among `allowed` (a NULL-terminated
 * list; NULL allows any key). An unknown key's message lists the known ones.
 */
status_t ydoc_check_keys(ydoc_t *ld, yaml_node_t *map, const char *what,
                         const char *const *allowed);

/* How ydoc_fields reads a field; the C type of the field is in brackets. */
typedef enum ydoc_kind {
    YDOC_STRING,   /* [const char *] ydoc_string */
    YDOC_NONEMPTY, /* [const char *] ydoc_nonempty */
    YDOC_NAME,     /* [const char *] ydoc_name */
    YDOC_PATH,     /* [const char *] ydoc_path */
    YDOC_NUMBER,   /* [double] ydoc_number */
    YDOC_PERCENT,  /* [double] ydoc_percent */
    YDOC_BOOL,     /* [int] ydoc_bool */
    YDOC_DURATION, /* [int64_t] ydoc_duration */
    YDOC_INT,      /* [int] ydoc_integer, from lo to hi */
    YDOC_SIZE,     /* [size_t] ydoc_integer, from lo to hi */
    YDOC_MAP,      /* [a struct] a mapping, read by ydoc_fields with its own table, `fields` */
    YDOC_READ      /* [any] the field's own function, `read` */
} ydoc_kind_t;

/* Reads node v into out (the object plus the field's offset); `what` names it in messages. */
typedef status_t (*ydoc_read_fn)(ydoc_t *ld, yaml_node_t *v, const char *what, void *out);

/* One key of a mapping and the field of an object it fills. A table of them ends with a row
 * whose key is NULL; its order is the order the unknown-key message lists the keys in. */
typedef struct ydoc_field {
    const char *key;
    ydoc_kind_t kind;
    size_t offset;     /* offsetof the field in the object (YDOC_READ: 0 passes the object) */
    const char *what;  /* the name in messages; NULL: the key */
    ydoc_read_fn read; /* YDOC_READ */
    const struct ydoc_field *fields; /* YDOC_MAP */
    long lo, hi;                     /* YDOC_INT, YDOC_SIZE */
    size_t mark; /* 0, or YDOC_MARK: a cfg_mark_t set to the value's place once read */
} ydoc_field_t;

/* The `mark` of a field: where in the object the value's place goes. */
#define YDOC_MARK(type, member) (offsetof(type, member) + 1)

/*
 * Reads mapping map into obj: checks its keys against the table (ydoc_check_keys, `what`
 * naming the mapping), then reads each pair in the file's order by its row. Returns ST_OK, or
 * ST_CONFIG with the first error (an empty key is read like any value: the kind decides).
 * A YDOC_MAP row reads a mapping inside with its own table: as deep as the tables, not the file.
 */
status_t ydoc_fields(ydoc_t *ld, yaml_node_t *map, const char *what, const ydoc_field_t *fields,
                     void *obj);

/*
 * Loads text (len bytes) into ld->doc after checking its events; ld->path, ld->d and ld->cfg
 * must be set. On ST_OK the caller reads yaml_document_get_root_node(&ld->doc) and then calls
 * ydoc_close. ST_CONFIG for malformed YAML, deep nesting, anchors, aliases or a second
 * document; ST_NOMEM when libyaml cannot start.
 */
status_t ydoc_load(ydoc_t *ld, const char *text, size_t len);
/* Frees the loaded document. */
void ydoc_close(ydoc_t *ld);

/*
 * Appends the file at path to text, stopping once it holds more than YDOC_MAX_BYTES (the
 * caller refuses it then). Returns NULL, or why the file cannot be read ("it is a directory,
 * not a file", strerror's text); text is the caller's to clear either way.
 */
const char *ydoc_read(const char *path, strbuf_t *text);

/* Reads the root of a file the config names (ld->file_dir is that file's directory). */
typedef status_t (*ydoc_root_fn)(ydoc_t *ld, yaml_node_t *root, void *out);

/*
 * Loads a YAML file the config names (a theme, the ROI assumptions, the self-assessment, a
 * catalogue) and runs fn over its root; errors name that file, line and column, or the
 * config's key (at `mark`) when the file cannot be read. `what` names the file in messages.
 */
status_t ydoc_load_file(config_t *cfg, const char *path, cfg_mark_t mark, const char *what,
                        ydoc_root_fn fn, void *out, diag_t *d);

#endif
