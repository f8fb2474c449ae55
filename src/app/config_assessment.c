/*
 * config_assessment — loads the self-assessment; see app/config_assessment.h.
 */
#include "app/config_assessment.h"

#include <stdint.h>
#include <string.h>

#include "app/ydoc.h"
#include "input/timeparse.h"

const char *const action_status_names[ACTION_STATUS_COUNT] = {"", "open", "in_progress", "done",
                                                              "cancelled"};

static status_t S_date_string(ydoc_t *ld, yaml_node_t *v, const char *what, const char **out)
{
    int64_t day;
    TRY(ydoc_nonempty(ld, v, what, out));
    if (timeparse_date(*out, strlen(*out), &day) != 0)
        FAIL_AT(v, "%s '%s' is not a date (write YYYY-MM-DD)", what, *out);
    return ST_OK;
}

/* `evidence` is a text or a list of texts (file references), kept as one text joined by "; ";
 * empty entries are left out, so a list of empty entries names no evidence (docs/metrics.md §11).
 */
static status_t S_evidence(ydoc_t *ld, yaml_node_t *v, const char **out)
{
    if (v->type != YAML_SEQUENCE_NODE)
        return ydoc_string(ld, v, "evidence", out);
    strbuf_t sb = {0};
    for (size_t i = 0; i < NITEMS(v); i++) {
        const char *e;
        status_t st = ydoc_string(ld, ydoc_node(ld, ITEMS(v)[i]), "an evidence reference", &e);
        if (st != ST_OK) {
            strbuf_clear(&sb);
            return st;
        }
        if (!STR_EMPTY(e))
            strbuf_printf(&sb, "%s%s", sb.len ? "; " : "", e);
    }
    *out = sb.len ? arena_strdup(ld->cfg->arena, sb.data) : NULL;
    strbuf_clear(&sb);
    return ST_OK;
}

static status_t S_assessment_item(ydoc_t *ld, yaml_node_t *m, assessment_entry_t *e)
{
    static const char *const keys[] = {"score",  "evidence", "owner", "due",
                                       "action", "status",   NULL};
    TRY(ydoc_check_keys(ld, m, "an assessed item", keys));
    for (size_t j = 0; j < NPAIRS(m); j++) {
        const char *k = KEY(ld, PAIRS(m)[j]);
        yaml_node_t *v = VAL(ld, PAIRS(m)[j]);
        if (ydoc_is_null(v))
            continue; /* an empty key: not given (a score left empty is "not assessed") */
        if (!strcmp(k, "score")) {
            long sc;
            TRY(ydoc_integer(ld, v, "score", 0, 5, &sc));
            e->score = (int)sc;
        } else if (!strcmp(k, "evidence")) {
            TRY(S_evidence(ld, v, &e->evidence));
        } else if (!strcmp(k, "owner")) {
            TRY(ydoc_string(ld, v, k, &e->owner));
        } else if (!strcmp(k, "due")) {
            TRY(S_date_string(ld, v, "due", &e->due));
        } else if (!strcmp(k, "action")) {
            TRY(ydoc_string(ld, v, k, &e->action));
        } else {
            const char *sv;
            TRY(ydoc_string(ld, v, "status", &sv));
            e->status = -1;
            for (int x = 1; x < ACTION_STATUS_COUNT; x++)
                if (!strcmp(action_status_names[x], sv))
                    e->status = x;
            if (e->status < 0)
                FAIL_AT(v, "status must be open, in_progress, done or cancelled, not '%s'", sv);
        }
    }
    if (e->action && e->status == ACTION_NONE)
        e->status = ACTION_OPEN;
    return ST_OK;
}

static status_t S_assessment_fn(ydoc_t *ld, yaml_node_t *root, void *out)
{
    static const char *const keys[] = {"assessed_on", "assessor", "items", NULL};
    assessment_t *a = out;
    const catalogue_t *cat = ld->cfg->catalogue;
    a->catalogue = cat;
    a->entries = arena_alloc(ld->cfg->arena, cat->nitems * sizeof *a->entries);
    for (size_t i = 0; i < cat->nitems; i++) {
        memset(&a->entries[i], 0, sizeof a->entries[i]);
        a->entries[i].score = -1;
    }
    TRY(ydoc_check_keys(ld, root, "the self-assessment", keys));
    for (size_t i = 0; i < NPAIRS(root); i++) {
        const char *k = KEY(ld, PAIRS(root)[i]);
        yaml_node_t *v = VAL(ld, PAIRS(root)[i]);
        if (ydoc_is_null(v))
            continue;
        if (!strcmp(k, "assessed_on"))
            TRY(S_date_string(ld, v, "assessed_on", &a->assessed_on));
        else if (!strcmp(k, "assessor"))
            TRY(ydoc_string(ld, v, k, &a->assessor));
        else {
            TRY(ydoc_check_keys(ld, v, "items", NULL)); /* also rejects an item given twice */
            for (size_t j = 0; j < NPAIRS(v); j++) {
                yaml_node_t *kn = ydoc_node(ld, PAIRS(v)[j].key);
                const char *id = KEY(ld, PAIRS(v)[j]);
                long idx = catalogue_find_item(cat, id);
                if (idx < 0) {
                    /* name the items of the same clause, the likely intent */
                    strbuf_t sb = {0};
                    const char *dash = strrchr(id, '-');
                    size_t clen = dash ? (size_t)(dash - id) : strlen(id);
                    for (size_t x = 0; x < cat->nitems; x++)
                        if (strlen(cat->items[x].clause) == clen &&
                            !strncmp(cat->items[x].clause, id, clen))
                            strbuf_printf(&sb, "%s%s", sb.len ? ", " : "", cat->items[x].id);
                    status_t st = diag_set(
                        ld->d, ST_CONFIG, ld->path, kn->start_mark.line + 1,
                        kn->start_mark.column + 1,
                        "unknown item '%s' (%s%s; 'iso20k init' writes every item)", id,
                        sb.len ? "this clause has " : "not in the catalogue", strbuf_cstr(&sb));
                    strbuf_clear(&sb);
                    return st;
                }
                yaml_node_t *iv = VAL(ld, PAIRS(v)[j]);
                if (ydoc_is_null(iv))
                    continue;
                TRY(S_assessment_item(ld, iv, &a->entries[idx]));
            }
        }
    }
    return ST_OK;
}

status_t config_assessment_load(config_t *cfg, diag_t *d)
{
    if (!cfg->readiness)
        return ST_OK;
    cfg->assessment = arena_alloc(cfg->arena, sizeof(assessment_t));
    memset(cfg->assessment, 0, sizeof(assessment_t));
    return ydoc_load_file(cfg, cfg->readiness, cfg->readiness_mark, "self-assessment",
                          S_assessment_fn, cfg->assessment, d);
}
