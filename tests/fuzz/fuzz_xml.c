/* Fuzz target: the fast XML scanner against expat. The input is an XML document, zipped (stored)
 * and parsed by both; every element, attribute and run of text they report is recorded. When
 * expat accepts the document, the scanner must accept it too and report the same events (it may
 * accept more: it does not validate UTF-8, name characters or duplicate attributes). A handler
 * pauses after every end tag, as the sheet readers do. */
#include "fuzz_common.h"

#include <stdlib.h>
#include <string.h>

#include "input/zipxml.h"

typedef struct rec {
    strbuf_t ev;
    int in_text;
    xmlstream_t *s;
} rec_t;

static void S_start(void *ctx, const char *name, const char **attrs)
{
    rec_t *r = ctx;
    r->in_text = 0;
    strbuf_printf(&r->ev, "\n<%s", name);
    for (size_t i = 0; attrs[i]; i += 2)
        strbuf_printf(&r->ev, " %s=[%s]", attrs[i], attrs[i + 1]);
    strbuf_puts(&r->ev, ">");
}

static void S_end(void *ctx, const char *name)
{
    rec_t *r = ctx;
    r->in_text = 0;
    strbuf_printf(&r->ev, "\n</%s>", name);
    xmlstream_pause(r->s);
}

static void S_text(void *ctx, const char *s, int len)
{
    rec_t *r = ctx;
    if (!r->in_text)
        strbuf_puts(&r->ev, "\nT:");
    r->in_text = 1;
    strbuf_append(&r->ev, s, (size_t)len);
}

/* Parses with `flags`; returns 1 when the document was accepted. */
static int S_parse(const unsigned char *zip, size_t len, int flags, strbuf_t *ev)
{
    zipxml_t *z;
    diag_t d = {0};
    void *copy = xmalloc(len);
    memcpy(copy, zip, len);
    if (zipxml_open_memory(copy, len, "fuzz", &z, &d) != ST_OK) {
        diag_clear(&d);
        return -1;
    }
    rec_t r = {{0}, 0, NULL};
    xml_handlers_t h = {&r, S_start, S_end, S_text};
    int rc = -1;
    if (xmlstream_open_member(z, "doc.xml", flags, &h, &r.s, &d) == ST_OK) {
        while ((rc = xmlstream_run(r.s, &d)) == 1)
            ;
        xmlstream_close(r.s);
    }
    diag_clear(&d);
    zipxml_close(z);
    *ev = r.ev;
    return rc == 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *names[] = {"doc.xml"};
    const unsigned char *d[] = {data};
    size_t s[] = {size};
    size_t cap = size + 256;
    unsigned char *zip = malloc(cap);
    size_t len = zip_stored(zip, cap, 1, names, d, s);
    strbuf_t a = {0}, b = {0};
    int expat = S_parse(zip, len, 0, &a), fast = S_parse(zip, len, XMLSTREAM_FAST, &b);
    if (expat == 1 && fast != 1)
        abort(); /* the scanner refused a document expat reads */
    if (expat == 1 && strcmp(strbuf_cstr(&a), strbuf_cstr(&b)) != 0)
        abort(); /* … or read it differently */
    strbuf_clear(&a);
    strbuf_clear(&b);
    free(zip);
    return 0;
}
