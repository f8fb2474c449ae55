/*
 * ydoc — the YAML layer of the config files: reading a file whole, checking its events, loading
 * it with libyaml, typed scalars and key checks. See app/ydoc.h. It knows no config key.
 */
#include "app/ydoc.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <stdint.h>
#include <string.h>
#include <sys/stat.h>

#include "core/text.h"
#include "app/config_load.h"
#include "core/text.h"

yaml_node_t *ydoc_node(ydoc_t *ld, int idx)
{
    return yaml_document_get_node(&ld->doc, idx);
}

cfg_mark_t ydoc_mark(const yaml_node_t *n)
{
    cfg_mark_t m = {n->start_mark.line + 1, n->start_mark.column + 1};
    return m;
}

static const char *S_type_name(const yaml_node_t *n)
{
    switch (n->type) {
    case YAML_SCALAR_NODE:
        return "a scalar";
    case YAML_SEQUENCE_NODE:
        return "a list";
    case YAML_MAPPING_NODE:
        return "a mapping";
    default:
        return "nothing";
    }
}

int ydoc_is_null(const yaml_node_t *n)
{
    if (n->type != YAML_SCALAR_NODE || n->data.scalar.style != YAML_PLAIN_SCALAR_STYLE)
        return 0;
    const char *v = (const char *)n->data.scalar.value;
    return !*v || strcmp(v, "~") == 0 || strcmp(v, "null") == 0;
}

status_t ydoc_expect(ydoc_t *ld, yaml_node_t *n, yaml_node_type_t type, const char *what)
{
    if (n->type != type)
        FAIL_AT(n, "%s must be %s, not %s", what,
                type == YAML_MAPPING_NODE    ? "a mapping"
                : type == YAML_SEQUENCE_NODE ? "a list"
                                             : "a scalar",
                S_type_name(n));
    return ST_OK;
}

/* The characters (code points) of UTF-8 text: its bytes that do not continue a sequence. */
static size_t S_chars(const char *s, size_t len)
{
    size_t n = 0;
    for (size_t i = 0; i < len; i++)
        n += ((unsigned char)s[i] & 0xC0) != 0x80;
    return n;
}

/* Fails unless the scalar n holds at most max characters. */
static status_t S_length(ydoc_t *ld, yaml_node_t *n, const char *what, size_t max)
{
    size_t chars = S_chars((const char *)n->data.scalar.value, n->data.scalar.length);
    if (chars > max)
        FAIL_AT(n, "%s is %zu characters long; at most %zu are allowed", what, chars, max);
    return ST_OK;
}

status_t ydoc_text(ydoc_t *ld, yaml_node_t *n, const char *what, size_t max, const char **out)
{
    TRY(ydoc_expect(ld, n, YAML_SCALAR_NODE, what));
    const char *v = (const char *)n->data.scalar.value;
    if (strlen(v) != n->data.scalar.length)
        FAIL_AT(n, "%s contains a NUL byte", what);
    TRY(S_length(ld, n, what, max));
    *out = arena_strdup(ld->cfg->arena, v);
    if (!text_is_safe(v, n->data.scalar.length)) { /* as input text is (core/text.h) */
        strbuf_t sb = {0};
        text_make_safe(&sb, v, n->data.scalar.length);
        *out = arena_strdup(ld->cfg->arena, sb.data);
        strbuf_clear(&sb);
    }
    return ST_OK;
}

status_t ydoc_string(ydoc_t *ld, yaml_node_t *n, const char *what, const char **out)
{
    return ydoc_text(ld, n, what, YDOC_MAX_TEXT, out);
}

status_t ydoc_nonempty(ydoc_t *ld, yaml_node_t *n, const char *what, const char **out)
{
    TRY(ydoc_string(ld, n, what, out));
    if (!**out)
        FAIL_AT(n, "%s must not be empty", what);
    return ST_OK;
}

status_t ydoc_name(ydoc_t *ld, yaml_node_t *n, const char *what, const char **out)
{
    TRY(ydoc_text(ld, n, what, YDOC_MAX_NAME, out));
    if (!**out)
        FAIL_AT(n, "%s must not be empty", what);
    return ST_OK;
}

status_t ydoc_number(ydoc_t *ld, yaml_node_t *n, const char *what, double *out)
{
    TRY(ydoc_expect(ld, n, YAML_SCALAR_NODE, what));
    const char *v = (const char *)n->data.scalar.value;
    char *end;
    errno = 0;
    double x = strtod(v, &end);
    if (end == v || *end || errno || !isfinite(x))
        FAIL_AT(n, "%s must be a number, not '%s'", what, v);
    if (x < -YDOC_MAX_NUMBER || x > YDOC_MAX_NUMBER) /* sums of such amounts stay finite */
        FAIL_AT(n, "%s must lie between -10^12 and 10^12, not %s", what, v);
    *out = x;
    return ST_OK;
}

status_t ydoc_integer(ydoc_t *ld, yaml_node_t *n, const char *what, long lo, long hi, long *out)
{
    TRY(ydoc_expect(ld, n, YAML_SCALAR_NODE, what));
    const char *v = (const char *)n->data.scalar.value;
    char *end;
    errno = 0;
    long x = strtol(v, &end, 10);
    if (end == v || *end || errno)
        FAIL_AT(n, "%s must be a whole number, not '%s'", what, v);
    if (x < lo || x > hi)
        FAIL_AT(n, "%s must be between %ld and %ld, not %ld", what, lo, hi, x);
    *out = x;
    return ST_OK;
}

status_t ydoc_bool(ydoc_t *ld, yaml_node_t *n, const char *what, int *out)
{
    TRY(ydoc_expect(ld, n, YAML_SCALAR_NODE, what));
    const char *v = (const char *)n->data.scalar.value;
    size_t len = strlen(v);
    if (ascii_ieq(v, len, "true") || ascii_ieq(v, len, "yes") || ascii_ieq(v, len, "on"))
        *out = 1;
    else if (ascii_ieq(v, len, "false") || ascii_ieq(v, len, "no") || ascii_ieq(v, len, "off"))
        *out = 0;
    else
        FAIL_AT(n, "%s must be true or false, not '%s'", what, v);
    return ST_OK;
}

status_t ydoc_percent(ydoc_t *ld, yaml_node_t *n, const char *what, double *out)
{
    TRY(ydoc_number(ld, n, what, out));
    if (*out < 0 || *out > 100)
        FAIL_AT(n, "%s must be a percentage between 0 and 100, not %g", what, *out);
    return ST_OK;
}

int64_t config_parse_duration(const char *s)
{
    if (!s || !*s)
        return -1;
    int64_t total = 0;
    const char *p = s;
    char last_unit = 0;
    static const char units[] = "wdhms";
    while (*p) {
        if (*p < '0' || *p > '9')
            return -1;
        int64_t v = 0;
        while (*p >= '0' && *p <= '9') {
            v = v * 10 + (*p++ - '0');
            if (v > 100000000)
                return -1;
        }
        const char *u = *p ? strchr(units, *p) : NULL;
        if (!u)
            return -1;
        /* units in decreasing order, each once: 1h30m, not 30m1h */
        if (last_unit && u <= strchr(units, last_unit))
            return -1;
        last_unit = *p++;
        static const int64_t mult[] = {7 * 86400, 86400, 3600, 60, 1};
        total += v * mult[u - units];
    }
    return total;
}

status_t ydoc_duration(ydoc_t *ld, yaml_node_t *n, const char *what, int64_t *out)
{
    const char *v;
    TRY(ydoc_string(ld, n, what, &v));
    *out = config_parse_duration(v);
    if (*out < 0)
        FAIL_AT(n, "%s: '%s' is not a duration (write e.g. 90s, 15m, 4h, 3d, 1w or 1h30m)", what,
                v);
    if (*out == 0)
        FAIL_AT(n, "%s must be longer than zero", what);
    return ST_OK;
}

/* Resolves a path against the config's directory. */
const char *ydoc_resolve(ydoc_t *ld, const char *p)
{
    if (p[0] == '/' || !ld->cfg->dir[0] || strcmp(ld->cfg->dir, ".") == 0)
        return arena_strdup(ld->cfg->arena, p);
    strbuf_t sb = {0};
    strbuf_printf(&sb, "%s/%s", ld->cfg->dir, p);
    const char *r = arena_strdup(ld->cfg->arena, sb.data);
    strbuf_clear(&sb);
    return r;
}

status_t ydoc_path(ydoc_t *ld, yaml_node_t *n, const char *what, const char **out)
{
    const char *v;
    TRY(ydoc_nonempty(ld, n, what, &v));
    *out = ydoc_resolve(ld, v);
    return ST_OK;
}

/*
 * Iterates a mapping: checks that keys are scalars, unique, and among `allowed` (a
 * NULL-terminated list; NULL allows any key). Returns ST_OK or the error.
 */
/* The first scalar key of a mapping that an earlier one repeats (*first: that one), or -1;
 * by hash, so that a mapping of thousands of keys costs no n² comparisons. */
static long S_repeated_key(ydoc_t *ld, yaml_node_pair_t *pairs, size_t n, size_t *first)
{
    hashmap_t *seen = hashmap_new();
    long twice = -1;
    for (size_t i = 0; i < n && twice < 0; i++) {
        yaml_node_t *k = ydoc_node(ld, pairs[i].key);
        if (k->type != YAML_SCALAR_NODE)
            continue;
        void **at = hashmap_slot(seen, (const char *)k->data.scalar.value,
                                 strlen((const char *)k->data.scalar.value), NULL);
        if (*at) {
            *first = (uintptr_t)*at - 1;
            twice = (long)i;
        }
        *at = (void *)(uintptr_t)(i + 1);
    }
    hashmap_free(seen);
    return twice;
}

status_t ydoc_check_keys(ydoc_t *ld, yaml_node_t *map, const char *what, const char *const *allowed)
{
    TRY(ydoc_expect(ld, map, YAML_MAPPING_NODE, what));
    yaml_node_pair_t *pairs = map->data.mapping.pairs.start;
    size_t n = (size_t)(map->data.mapping.pairs.top - pairs), first = 0;
    long twice = S_repeated_key(ld, pairs, n, &first);
    for (size_t i = 0; i < n; i++) {
        yaml_node_t *k = ydoc_node(ld, pairs[i].key);
        if (k->type != YAML_SCALAR_NODE)
            FAIL_AT(k, "keys in %s must be plain names", what);
        const char *key = (const char *)k->data.scalar.value;
        if (!text_is_safe(key, k->data.scalar.length)) /* keys name things the outputs show */
            FAIL_AT(k, "a key in %s holds a control character, a Unicode noncharacter or a NUL",
                    what);
        TRY(S_length(ld, k, "a key", YDOC_MAX_NAME)); /* keys are names */
        if ((long)i == twice)
            FAIL_AT(k, "duplicate key '%s' in %s (first at line %zu)", key, what,
                    (size_t)ydoc_node(ld, pairs[first].key)->start_mark.line + 1);
        if (!allowed)
            continue;
        int ok = 0;
        for (const char *const *a = allowed; *a; a++)
            if (strcmp(*a, key) == 0)
                ok = 1;
        if (!ok) {
            strbuf_t sb = {0};
            for (const char *const *a = allowed; *a; a++)
                strbuf_printf(&sb, "%s%s", a == allowed ? "" : ", ", *a);
            status_t st = diag_set(ld->d, ST_CONFIG, ld->path, k->start_mark.line + 1,
                                   k->start_mark.column + 1, "unknown key '%s' in %s (known: %s)",
                                   key, what, sb.data);
            strbuf_clear(&sb);
            return st;
        }
    }
    return ST_OK;
}

/* The readers of the kinds that fill a text, and of those that fill a number. */
static status_t (*const S_TEXT_READERS[])(ydoc_t *, yaml_node_t *, const char *,
                                          const char **) = {[YDOC_STRING] = ydoc_string,
                                                            [YDOC_NONEMPTY] = ydoc_nonempty,
                                                            [YDOC_NAME] = ydoc_name,
                                                            [YDOC_PATH] = ydoc_path};
static status_t (*const S_NUMBER_READERS[])(ydoc_t *, yaml_node_t *, const char *, double *) = {
    [YDOC_NUMBER] = ydoc_number, [YDOC_PERCENT] = ydoc_percent};

/* Reads value v of field f into out (the field in the object). */
static status_t S_value(ydoc_t *ld, const ydoc_field_t *f, yaml_node_t *v, void *out)
{
    const char *what = f->what ? f->what : f->key;
    long n = 0;
    switch (f->kind) {
    case YDOC_STRING:
    case YDOC_NONEMPTY:
    case YDOC_NAME:
    case YDOC_PATH:
        return S_TEXT_READERS[f->kind](ld, v, what, out);
    case YDOC_NUMBER:
    case YDOC_PERCENT:
        return S_NUMBER_READERS[f->kind](ld, v, what, out);
    case YDOC_BOOL:
        return ydoc_bool(ld, v, what, out);
    case YDOC_DURATION:
        return ydoc_duration(ld, v, what, out);
    case YDOC_INT:
    case YDOC_SIZE:
        TRY(ydoc_integer(ld, v, what, f->lo, f->hi, &n));
        if (f->kind == YDOC_INT)
            *(int *)out = (int)n;
        else
            *(size_t *)out = (size_t)n;
        return ST_OK;
    case YDOC_MAP:
        return ydoc_fields(ld, v, what, f->fields, out);
    case YDOC_READ:
        break;
    }
    return f->read(ld, v, what, out);
}

status_t ydoc_fields(ydoc_t *ld, yaml_node_t *map, const char *what, const ydoc_field_t *fields,
                     void *obj)
{
    size_t nfields = 0;
    while (fields[nfields].key)
        nfields++;
    const char **keys = xmalloc((nfields + 1) * sizeof *keys);
    for (size_t i = 0; i <= nfields; i++)
        keys[i] = fields[i].key;
    status_t st = ydoc_check_keys(ld, map, what, keys);
    free(keys);
    for (size_t i = 0; st == ST_OK && i < NPAIRS(map); i++) {
        const ydoc_field_t *f = fields;
        while (strcmp(f->key, KEY(ld, PAIRS(map)[i])) != 0) /* there: the keys are checked */
            f++;
        yaml_node_t *v = VAL(ld, PAIRS(map)[i]);
        st = S_value(ld, f, v, (char *)obj + f->offset);
        if (st == ST_OK && f->mark)
            *(cfg_mark_t *)((char *)obj + f->mark - 1) = ydoc_mark(v);
    }
    return st;
}

/* Nesting deeper than this is no config (the deepest real key, a source's priorities, is 4). */
#define YDOC_MAX_DEPTH 32

/*
 * libyaml 0.2.5 sets no limit on nesting and resolves aliases into shared nodes that a walk
 * would visit again and again: before loading a document, read its events once and reject
 * nesting deeper than YDOC_MAX_DEPTH, anchors and aliases (a config needs none), and more
 * than one document, each with its line and column.
 */
/* libyaml's error as a diagnostic at its place. A reader error (a byte that is not UTF-8, a
 * control character) carries only a byte offset, no mark: its line and column are counted here
 * from the text (the column in characters, as libyaml counts them), not left at 1:1. */
static status_t S_parser_error(const yaml_parser_t *parser, const char *path, const char *text,
                               size_t len, diag_t *d)
{
    const char *problem = parser->problem ? parser->problem : "malformed YAML";
    if (parser->error != YAML_READER_ERROR)
        return diag_set(d, ST_CONFIG, path, parser->problem_mark.line + 1,
                        parser->problem_mark.column + 1, "%s%s%s", problem,
                        parser->context ? " " : "", parser->context ? parser->context : "");
    size_t at = parser->problem_offset < len ? parser->problem_offset : len, line = 1, col = 1;
    for (size_t i = 0; i < at; i++) {
        unsigned char c = (unsigned char)text[i];
        if (c == '\n' || (c == '\r' && (i + 1 >= len || text[i + 1] != '\n')))
            line++, col = 1;
        else if ((c & 0xC0) != 0x80 && c != '\r')
            col++;
    }
    if (at < len && strstr(problem, "UTF-8"))
        return diag_set(d, ST_CONFIG, path, line, col, "%s (byte 0x%02X): the file must be UTF-8",
                        problem, (unsigned)(unsigned char)text[at]);
    return diag_set(d, ST_CONFIG, path, line, col, "%s", problem);
}

static status_t S_precheck(const char *path, const char *text, size_t len, diag_t *d)
{
    yaml_parser_t parser;
    if (!yaml_parser_initialize(&parser))
        return diag_set(d, ST_NOMEM, path, 0, 0, "cannot initialise the YAML parser");
    yaml_parser_set_input_string(&parser, (const unsigned char *)text, len);
    status_t st = ST_OK;
    int depth = 0, docs = 0, done = 0;
    while (!done && st == ST_OK) {
        yaml_event_t ev;
        if (!yaml_parser_parse(&parser, &ev)) {
            st = S_parser_error(&parser, path, text, len, d);
            break;
        }
        size_t line = ev.start_mark.line + 1, col = ev.start_mark.column + 1;
        const unsigned char *anchor = NULL;
        switch (ev.type) {
        case YAML_STREAM_END_EVENT:
            done = 1;
            break;
        case YAML_DOCUMENT_START_EVENT:
            if (++docs > 1)
                st = diag_set(d, ST_CONFIG, path, line, col,
                              "a second YAML document ('---'): a config "
                              "file holds one");
            break;
        case YAML_ALIAS_EVENT:
            st = diag_set(d, ST_CONFIG, path, line, col,
                          "YAML aliases (*%s) are not allowed in a config; "
                          "write the value out",
                          (const char *)ev.data.alias.anchor);
            break;
        case YAML_SCALAR_EVENT:
            anchor = ev.data.scalar.anchor;
            break;
        case YAML_SEQUENCE_START_EVENT:
            anchor = ev.data.sequence_start.anchor;
            depth++;
            break;
        case YAML_MAPPING_START_EVENT:
            anchor = ev.data.mapping_start.anchor;
            depth++;
            break;
        case YAML_SEQUENCE_END_EVENT:
        case YAML_MAPPING_END_EVENT:
            depth--;
            break;
        default:
            break;
        }
        if (st == ST_OK && anchor)
            st = diag_set(d, ST_CONFIG, path, line, col,
                          "YAML anchors (&%s) are not allowed in a config", (const char *)anchor);
        if (st == ST_OK && depth > YDOC_MAX_DEPTH)
            st = diag_set(d, ST_CONFIG, path, line, col, "nesting deeper than %d levels",
                          YDOC_MAX_DEPTH);
        yaml_event_delete(&ev);
    }
    yaml_parser_delete(&parser);
    return st;
}

status_t ydoc_load(ydoc_t *ld, const char *text, size_t len)
{
    status_t st = S_precheck(ld->path, text, len, ld->d);
    if (st != ST_OK)
        return st;
    yaml_parser_t parser;
    if (!yaml_parser_initialize(&parser))
        return diag_set(ld->d, ST_NOMEM, ld->path, 0, 0, "cannot initialise the YAML parser");
    yaml_parser_set_input_string(&parser, (const unsigned char *)text, len);
    if (!yaml_parser_load(&parser, &ld->doc))
        st = S_parser_error(&parser, ld->path, text, len, ld->d);
    yaml_parser_delete(&parser);
    return st;
}

void ydoc_close(ydoc_t *ld)
{
    yaml_document_delete(&ld->doc);
}

const char *ydoc_read(const char *path, strbuf_t *text)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return strerror(errno);
    struct stat sb;
    if (fstat(fileno(f), &sb) == 0 && S_ISDIR(sb.st_mode)) {
        fclose(f);
        return "it is a directory, not a file";
    }
    char buf[8192];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, f)) > 0 && text->len <= YDOC_MAX_BYTES)
        strbuf_append(text, buf, n);
    int err = ferror(f) ? errno : 0;
    fclose(f);
    if (err) /* never taken for an empty file */
        return err == EISDIR ? "it is a directory, not a file" : strerror(err);
    return NULL;
}

status_t ydoc_load_file(config_t *cfg, const char *path, cfg_mark_t mark, const char *what,
                        ydoc_root_fn fn, void *out, diag_t *d)
{
    strbuf_t text = {0};
    const char *why = ydoc_read(path, &text);
    if (why) {
        strbuf_clear(&text);
        return diag_set(d, ST_CONFIG, cfg->path, mark.line, mark.column,
                        "%s '%s' cannot be read: %s", what, path, why);
    }
    status_t st = ST_OK;
    ydoc_t ldv = {0};
    ydoc_t *ld = &ldv;
    ld->path = path;
    ld->d = d;
    ld->cfg = cfg;
    if (text.len > YDOC_MAX_BYTES) {
        st = diag_set(d, ST_CONFIG, path, 0, 0, "%s file is larger than 1 MiB", what);
    } else if ((st = ydoc_load(ld, strbuf_cstr(&text), text.len)) == ST_OK) {
        yaml_node_t *root = yaml_document_get_root_node(&ld->doc);
        const char *slash = strrchr(path, '/');
        char *dir = slash ? xstrndup(path, (size_t)(slash - path + (slash == path))) : xstrdup(".");
        ld->file_dir = dir;
        if (!root)
            st = diag_set(d, ST_CONFIG, path, 1, 1, "the %s file is empty", what);
        else
            st = fn(ld, root, out);
        free(dir);
        ydoc_close(ld);
    }
    strbuf_clear(&text);
    return st;
}
