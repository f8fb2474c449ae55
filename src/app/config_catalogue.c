/*
 * config_catalogue — loads a readiness catalogue; see app/config_catalogue.h.
 */
#include "app/config_catalogue.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "app/ydoc.h"

typedef struct cat_build {
    catalogue_clause_t *clauses;
    size_t nclauses, capclauses;
    catalogue_item_t *items;
    size_t nitems, capitems;
} cat_build_t;

static long S_cat_clause(const cat_build_t *b, const char *number)
{
    for (size_t i = 0; i < b->nclauses; i++)
        if (!strcmp(b->clauses[i].number, number))
            return (long)i;
    return -1;
}

/* A clause number is digits separated by single dots ("8", "8.5.1.3", "A.1" is not one). */
static int S_clause_number_ok(const char *s)
{
    if (!isdigit((unsigned char)*s))
        return 0;
    for (; *s; s++)
        if (!isdigit((unsigned char)*s) && !(*s == '.' && isdigit((unsigned char)s[1])))
            return 0;
    return 1;
}

static status_t S_cat_clauses(ydoc_t *ld, yaml_node_t *seq, cat_build_t *b)
{
    static const char *const keys[] = {"number", "title", NULL};
    TRY(ydoc_expect(ld, seq, YAML_SEQUENCE_NODE, "clauses"));
    for (size_t i = 0; i < NITEMS(seq); i++) {
        yaml_node_t *m = ydoc_node(ld, ITEMS(seq)[i]);
        TRY(ydoc_check_keys(ld, m, "a clause", keys));
        catalogue_clause_t c = {0};
        for (size_t j = 0; j < NPAIRS(m); j++) {
            const char *k = KEY(ld, PAIRS(m)[j]);
            yaml_node_t *v = VAL(ld, PAIRS(m)[j]);
            if (!strcmp(k, "number")) {
                TRY(ydoc_name(ld, v, "number", &c.number));
                if (!S_clause_number_ok(c.number))
                    FAIL_AT(v, "clause number '%s' must be numbers separated by dots, like 8.6.1",
                            c.number);
                if (S_cat_clause(b, c.number) >= 0)
                    FAIL_AT(v, "clause %s is already in the catalogue", c.number);
            } else
                TRY(ydoc_nonempty(ld, v, "title", &c.title));
        }
        if (!c.number || !c.title)
            FAIL_AT(m, "a clause needs a number and a title");
        /* its parent must exist; it goes after the parent's last descendant */
        size_t at = b->nclauses;
        const char *dot = strrchr(c.number, '.');
        if (dot) {
            char *parent = xstrndup(c.number, (size_t)(dot - c.number));
            long p = S_cat_clause(b, parent);
            free(parent);
            if (p < 0)
                FAIL_AT(m, "clause %s needs its parent clause in the catalogue first", c.number);
            at = (size_t)p + 1;
            while (at < b->nclauses && catalogue_under(b->clauses[at].number, b->clauses[p].number))
                at++;
        }
        xgrow((void **)&b->clauses, &b->capclauses, b->nclauses + 1, sizeof *b->clauses);
        memmove(&b->clauses[at + 1], &b->clauses[at], (b->nclauses - at) * sizeof *b->clauses);
        b->clauses[at] = c;
        b->nclauses++;
    }
    return ST_OK;
}

static status_t S_cat_items(ydoc_t *ld, yaml_node_t *seq, cat_build_t *b)
{
    static const char *const keys[] = {"id",       "clause", "text", "weight",
                                       "required", "checks", NULL};
    TRY(ydoc_expect(ld, seq, YAML_SEQUENCE_NODE, "items"));
    for (size_t i = 0; i < NITEMS(seq); i++) {
        yaml_node_t *m = ydoc_node(ld, ITEMS(seq)[i]);
        TRY(ydoc_check_keys(ld, m, "an item", keys));
        catalogue_item_t it = {0};
        it.weight = 1;
        for (size_t j = 0; j < NPAIRS(m); j++) {
            const char *k = KEY(ld, PAIRS(m)[j]);
            yaml_node_t *v = VAL(ld, PAIRS(m)[j]);
            if (!strcmp(k, "id")) {
                TRY(ydoc_name(ld, v, "id", &it.id));
                for (size_t x = 0; x < b->nitems; x++)
                    if (!strcmp(b->items[x].id, it.id))
                        FAIL_AT(v, "item '%s' is already in the catalogue", it.id);
            } else if (!strcmp(k, "clause")) {
                TRY(ydoc_name(ld, v, "clause", &it.clause));
                if (S_cat_clause(b, it.clause) < 0)
                    FAIL_AT(v, "clause '%s' is not in the catalogue", it.clause);
            } else if (!strcmp(k, "text")) {
                TRY(ydoc_nonempty(ld, v, "text", &it.text));
            } else if (!strcmp(k, "weight")) {
                TRY(ydoc_number(ld, v, "weight", &it.weight));
                if (it.weight <= 0 || it.weight > 100)
                    FAIL_AT(v, "weight must be above 0 and at most 100, not %g", it.weight);
            } else if (!strcmp(k, "required")) {
                const char *r;
                TRY(ydoc_string(ld, v, "required", &r));
                if (!strcmp(r, "document"))
                    it.required = 'M';
                else if (!strcmp(r, "record"))
                    it.required = 'R';
                else if (strcmp(r, "no") != 0 && strcmp(r, "none") != 0)
                    FAIL_AT(v, "required must be document, record or none, not '%s'", r);
            } else {
                TRY(ydoc_expect(ld, v, YAML_SEQUENCE_NODE, "checks"));
                for (size_t x = 0; x < NITEMS(v); x++) {
                    yaml_node_t *cv = ydoc_node(ld, ITEMS(v)[x]);
                    const char *cn;
                    TRY(ydoc_string(ld, cv, "a check", &cn));
                    int c = check_by_name(cn);
                    if (c < 0) {
                        strbuf_t sb = {0};
                        for (int y = 0; y < CHECK_COUNT; y++)
                            strbuf_printf(&sb, "%s%s", y ? ", " : "", check_names[y]);
                        status_t st = diag_set(ld->d, ST_CONFIG, ld->path, cv->start_mark.line + 1,
                                               cv->start_mark.column + 1,
                                               "unknown check '%s' (known: %s)", cn, sb.data);
                        strbuf_clear(&sb);
                        return st;
                    }
                    it.checks |= CHECK_BIT(c);
                }
            }
        }
        if (!it.id || !it.clause || !it.text)
            FAIL_AT(m, "an item needs an id, a clause and a text");
        xgrow((void **)&b->items, &b->capitems, b->nitems + 1, sizeof *b->items);
        b->items[b->nitems++] = it;
    }
    return ST_OK;
}

static const cat_build_t *S_sort_build;
static int S_cmp_items(const void *a, const void *b)
{
    const catalogue_item_t *x = a, *y = b;
    long cx = S_cat_clause(S_sort_build, x->clause), cy = S_cat_clause(S_sort_build, y->clause);
    if (cx != cy)
        return cx < cy ? -1 : 1;
    return catalogue_cmp_id(x->id, y->id);
}

static status_t S_catalogue_fn(ydoc_t *ld, yaml_node_t *root, void *out)
{
    static const char *const keys[] = {"clauses", "items", NULL};
    TRY(ydoc_check_keys(ld, root, "the catalogue", keys));
    config_t *cfg = ld->cfg;
    cat_build_t b = {0};
    if (!cfg->readiness_catalogue_replace) {
        const catalogue_t *bi = &catalogue_builtin;
        b.clauses = xmalloc(bi->nclauses * sizeof *b.clauses);
        memcpy(b.clauses, bi->clauses, bi->nclauses * sizeof *b.clauses);
        b.nclauses = b.capclauses = bi->nclauses;
        b.items = xmalloc(bi->nitems * sizeof *b.items);
        memcpy(b.items, bi->items, bi->nitems * sizeof *b.items);
        b.nitems = b.capitems = bi->nitems;
    }
    status_t st = ST_OK;
    yaml_node_t *items = NULL;
    for (size_t i = 0; i < NPAIRS(root) && st == ST_OK; i++) {
        if (!strcmp(KEY(ld, PAIRS(root)[i]), "clauses"))
            st = S_cat_clauses(ld, VAL(ld, PAIRS(root)[i]), &b);
        else
            items = VAL(ld, PAIRS(root)[i]);
    }
    if (st == ST_OK && items)
        st = S_cat_items(ld, items, &b);
    if (st == ST_OK && b.nitems == 0)
        st = diag_set(ld->d, ST_CONFIG, ld->path, root->start_mark.line + 1,
                      root->start_mark.column + 1, "the catalogue has no items");
    if (st == ST_OK) {
        S_sort_build = &b;
        qsort(b.items, b.nitems, sizeof *b.items, S_cmp_items);
        S_sort_build = NULL;
        catalogue_t *cat = arena_alloc(cfg->arena, sizeof *cat);
        catalogue_clause_t *cl =
            arena_alloc(cfg->arena, (b.nclauses ? b.nclauses : 1) * sizeof *cl);
        catalogue_item_t *it = arena_alloc(cfg->arena, b.nitems * sizeof *it);
        memcpy(cl, b.clauses, b.nclauses * sizeof *cl);
        memcpy(it, b.items, b.nitems * sizeof *it);
        cat->clauses = cl;
        cat->nclauses = b.nclauses;
        cat->items = it;
        cat->nitems = b.nitems;
        *(const catalogue_t **)out = cat;
    }
    free(b.clauses);
    free(b.items);
    return st;
}

status_t config_catalogue_load(config_t *cfg, diag_t *d)
{
    cfg->catalogue = &catalogue_builtin;
    if (!cfg->readiness_catalogue)
        return ST_OK;
    return ydoc_load_file(cfg, cfg->readiness_catalogue, cfg->readiness_catalogue_mark,
                          "readiness catalogue", S_catalogue_fn, &cfg->catalogue, d);
}
