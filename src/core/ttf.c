/*
 * ttf — the checks libharu's TrueType reader needs and does not make; see core/ttf.h. Offsets
 * and lengths are compared in 64 bits, so no sum can wrap.
 */
#include "core/ttf.h"

#include <stdint.h>
#include <string.h>

typedef struct table {
    uint64_t off, len; /* within the file */
} table_t;

typedef struct font {
    const unsigned char *b;
    size_t n;
    table_t head, maxp, hhea, hmtx, loca, glyf, cmap, name, os2, post;
    unsigned glyphs, hmetrics;
    int long_loca;
} font_t;

static unsigned S_u16(const unsigned char *p)
{
    return (unsigned)p[0] << 8 | p[1];
}

static uint32_t S_u32(const unsigned char *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

/* Bytes at offset `at` of table t, when `need` of them lie within it; else NULL. */
static const unsigned char *S_at(const font_t *f, const table_t *t, uint64_t at, uint64_t need)
{
    if (at > t->len || need > t->len - at)
        return NULL;
    return f->b + t->off + at;
}

/* libharu keeps at most 10,000 bytes of table records, 16 bytes each. */
#define TTF_MAX_TABLES 625

/* The table directory: every table within the file, none twice, the ones libharu reads kept. */
static const char *S_directory(font_t *f)
{
    if (f->n < 12)
        return "the file is too short for a font";
    uint32_t version = S_u32(f->b);
    if (version == 0x4F54544FU) /* OTTO */
        return "an OpenType font with CFF outlines: libharu embeds TrueType outlines only";
    if (version == 0x74746366U) /* ttcf */
        return "a font collection (.ttc): name one font file (.ttf)";
    if (version != 0x00010000U && version != 0x74727565U) /* 1.0, 'true' */
        return "not a TrueType font";
    unsigned ntables = S_u16(f->b + 4);
    if (ntables == 0 || ntables > TTF_MAX_TABLES)
        return "the table directory is damaged";
    if (12 + 16 * (uint64_t)ntables > f->n)
        return "the file ends inside its table directory";
    static const char tags[][5] = {"head", "maxp", "hhea", "hmtx", "loca",
                                   "glyf", "cmap", "name", "OS/2", "post"};
    table_t *slot[] = {&f->head, &f->maxp, &f->hhea, &f->hmtx, &f->loca,
                       &f->glyf, &f->cmap, &f->name, &f->os2,  &f->post};
    for (unsigned i = 0; i < ntables; i++) {
        const unsigned char *r = f->b + 12 + 16 * (size_t)i;
        uint64_t off = S_u32(r + 8), len = S_u32(r + 12);
        if (off > f->n || len > f->n - off)
            return "a table lies beyond the end of the file (the file is cut short?)";
        for (size_t k = 0; k < sizeof tags / sizeof tags[0]; k++) {
            if (memcmp(r, tags[k], 4) != 0)
                continue;
            if (slot[k]->len || slot[k]->off)
                return "a table is listed twice";
            slot[k]->off = off;
            slot[k]->len = len;
        }
    }
    for (size_t k = 0; k + 1 < sizeof tags / sizeof tags[0]; k++) /* post may be missing */
        if (!slot[k]->off)
            return k == 5 ? "no glyf table: not a font with TrueType outlines"
                          : "a table every TrueType font has is missing (head, maxp, hhea, "
                            "hmtx, loca, cmap, name or OS/2)";
    return NULL;
}

/* head, maxp, hhea and hmtx: the units per em libharu divides by, the glyph count it sizes its
 * arrays with, and the metrics it copies into them. */
static const char *S_metrics(font_t *f)
{
    const unsigned char *h = S_at(f, &f->head, 0, 54);
    if (!h || S_u32(h + 12) != 0x5F0F3CF5U)
        return "the head table is damaged";
    unsigned upem = S_u16(h + 18), loc = S_u16(h + 50);
    if (upem < 16 || upem > 16384)
        return "the head table's units per em are out of range";
    if (loc > 1)
        return "the head table's loca format is unknown";
    f->long_loca = loc == 1;
    const unsigned char *m = S_at(f, &f->maxp, 0, 6);
    if (!m)
        return "the maxp table is damaged";
    f->glyphs = S_u16(m + 4);
    if (f->glyphs == 0)
        return "the font has no glyphs";
    const unsigned char *hh = S_at(f, &f->hhea, 0, 36);
    if (!hh)
        return "the hhea table is damaged";
    f->hmetrics = S_u16(hh + 34);
    if (f->hmetrics == 0 || f->hmetrics > f->glyphs)
        return "the hhea table's count of metrics does not match the glyphs";
    if (!S_at(f, &f->hmtx, 0, 4 * (uint64_t)f->hmetrics + 2 * (uint64_t)(f->glyphs - f->hmetrics)))
        return "the hmtx table is shorter than its glyphs need";
    return NULL;
}

/* loca and glyf: every glyph within glyf, in order, and at least a glyph header long. */
static const char *S_glyphs(const font_t *f)
{
    unsigned w = f->long_loca ? 4 : 2;
    const unsigned char *l = S_at(f, &f->loca, 0, ((uint64_t)f->glyphs + 1) * w);
    if (!l)
        return "the loca table is shorter than its glyphs need";
    uint64_t prev = 0;
    for (unsigned i = 0; i <= f->glyphs; i++) {
        uint64_t o =
            f->long_loca ? S_u32(l + 4 * (size_t)i) : 2 * (uint64_t)S_u16(l + 2 * (size_t)i);
        if (o < prev || o > f->glyf.len)
            return "the loca table points outside the glyf table (the font is cut short?)";
        if (i && o != prev && o - prev < 10)
            return "a glyph in the glyf table is damaged";
        prev = o;
    }
    return NULL;
}

/* The encoding record libharu picks (its order: the first Windows Unicode record of format 4;
 * else the last Macintosh Roman one of format 0; else the last Unicode one of format 4), which
 * must be a format 4 map of Unicode. Returns its offset in cmap, or 0 with *why set. */
static uint64_t S_pick_cmap(const font_t *f, const char **why)
{
    const unsigned char *c = S_at(f, &f->cmap, 0, 4);
    unsigned n = c ? S_u16(c + 2) : 0;
    if (!c || S_u16(c) != 0 || !S_at(f, &f->cmap, 4, 8 * (uint64_t)n)) {
        *why = "the cmap table is damaged";
        return 0;
    }
    uint64_t ms = 0, mac = 0, uni = 0;
    for (unsigned i = 0; i < n; i++) {
        const unsigned char *r = c + 4 + 8 * (size_t)i;
        unsigned platform = S_u16(r), encoding = S_u16(r + 2);
        uint64_t off = S_u32(r + 4);
        const unsigned char *sub = S_at(f, &f->cmap, off, 2);
        if (!sub) {
            *why = "a character map lies outside the cmap table";
            return 0;
        }
        unsigned format = S_u16(sub);
        if (platform == 3 && encoding == 1 && format == 4) {
            ms = off;
            break;
        }
        if (platform == 1 && encoding == 0 && format == 0)
            mac = off;
        if (platform == 0 && encoding == 3 && format == 4)
            uni = off;
    }
    if (ms || (!mac && uni))
        return ms ? ms : uni;
    *why = mac ? "its character map is a Macintosh byte encoding, not Unicode"
               : "no Unicode character map (format 4)";
    return 0;
}

/* A format 4 map as libharu reads it: segments in order ending at U+FFFF (its search stops at
 * the first segment that ends at or after a character), and every glyph index a segment takes
 * from the glyph array inside that array (libharu reads one element past it). */
static const char *S_cmap4(const font_t *f, uint64_t at)
{
    const unsigned char *s = S_at(f, &f->cmap, at, 16);
    if (!s)
        return "the character map is damaged";
    uint64_t len = S_u16(s + 2);
    unsigned seg = S_u16(s + 6) / 2;
    if ((S_u16(s + 6) & 1) || seg == 0 || len < 16 + 8 * (uint64_t)seg ||
        !S_at(f, &f->cmap, at, len))
        return "the character map is damaged";
    const unsigned char *end = s + 14, *start = end + 2 * (size_t)seg + 2;
    const unsigned char *range = start + 4 * (size_t)seg;
    int64_t count = (int64_t)(len - 16 - 8 * (uint64_t)seg) / 2; /* the glyph array */
    for (unsigned i = 0; i < seg; i++) {
        unsigned e = S_u16(end + 2 * (size_t)i), st = S_u16(start + 2 * (size_t)i);
        unsigned ro = S_u16(range + 2 * (size_t)i);
        if (st > e || (i && e <= S_u16(end + 2 * (size_t)(i - 1))))
            return "the character map's segments are out of order";
        if (ro == 0)
            continue;
        int64_t first = (int64_t)ro / 2 - (int64_t)(seg - i);
        if (first < 0 || first + (int64_t)(e - st) >= count)
            return "the character map points outside its glyph array";
    }
    if (S_u16(end + 2 * (size_t)(seg - 1)) != 0xFFFF)
        return "the character map's last segment does not end at U+FFFF";
    return NULL;
}

/* A name libharu builds the PDF font name from: printable ASCII, no PDF delimiter. */
static int S_name_ok(const unsigned char *p, uint64_t len, int unicode, int spaces)
{
    uint64_t chars = unicode ? len / 2 : len;
    if (chars == 0)
        return 0;
    for (uint64_t i = 0; i < chars; i++) {
        unsigned c = unicode ? S_u16(p + 2 * i) : p[i];
        if (c < (spaces ? 0x20U : 0x21U) || c > 0x7E || strchr("()<>[]{}/%", (int)c))
            return 0;
    }
    return 1;
}

/* name: every record within the table; the PostScript name (6) and the subfamily (2) libharu
 * takes (the last Macintosh Roman record, else the last Windows US English one), short enough
 * for its 127 bytes and fit for a PDF name. */
static const char *S_names(const font_t *f)
{
    const unsigned char *h = S_at(f, &f->name, 0, 6);
    unsigned count = h ? S_u16(h + 2) : 0;
    if (!h || !S_at(f, &f->name, 6, 12 * (uint64_t)count))
        return "the name table is damaged";
    uint64_t strings = S_u16(h + 4);
    const unsigned char *pick[2][2] = {{NULL, NULL}, {NULL, NULL}}; /* [id 6, id 2][mac, win] */
    uint64_t plen[2][2] = {{0, 0}, {0, 0}};
    for (unsigned i = 0; i < count; i++) {
        const unsigned char *r = h + 6 + 12 * (size_t)i;
        unsigned platform = S_u16(r), encoding = S_u16(r + 2), lang = S_u16(r + 4);
        unsigned id = S_u16(r + 6);
        uint64_t len = S_u16(r + 8), off = strings + S_u16(r + 10);
        const unsigned char *p = S_at(f, &f->name, off, len);
        if (!p)
            return "a name lies outside the name table";
        int which = id == 6 ? 0 : id == 2 ? 1 : -1;
        int win = platform == 3 && encoding == 1 && lang == 0x0409;
        if (which < 0 || !(win || (platform == 1 && encoding == 0)))
            continue;
        pick[which][win] = p;
        plen[which][win] = len;
    }
    uint64_t total = 8;
    for (int k = 0; k < 2; k++) {
        int win = !pick[k][0];
        if (!pick[k][win])
            return "the name table has no PostScript name or no subfamily name";
        if (!S_name_ok(pick[k][win], plen[k][win], win, k == 1))
            return "the font's PostScript name is not plain ASCII";
        total += win ? plen[k][win] / 2 + plen[k][win] % 2 : plen[k][win];
    }
    if (total > 127)
        return "the font's PostScript name is too long";
    return NULL;
}

/* OS/2 (the fields libharu reads for its version) and post's header. */
static const char *S_os2_post(const font_t *f)
{
    const unsigned char *o = S_at(f, &f->os2, 0, 78);
    if (!o)
        return "the OS/2 table is damaged";
    unsigned version = S_u16(o);
    if (!S_at(f, &f->os2, 0, version >= 2 ? 96 : version == 1 ? 86 : 78))
        return "the OS/2 table is shorter than its version says";
    if (S_u16(o + 8) & (0x0002 | 0x0100 | 0x0200))
        return "its licence (OS/2 fsType) does not allow embedding it in a document";
    if (f->post.off && !S_at(f, &f->post, 0, 32))
        return "the post table is damaged";
    return NULL;
}

int ttf_check(const unsigned char *b, size_t n, const char **why)
{
    font_t f;
    memset(&f, 0, sizeof f);
    f.b = b;
    f.n = n;
    const char *w = n > TTF_MAX_BYTES ? "the file is larger than 64 MiB" : S_directory(&f);
    uint64_t at = 0;
    if (!w)
        w = S_metrics(&f);
    if (!w)
        w = S_glyphs(&f);
    if (!w && (at = S_pick_cmap(&f, &w)) != 0)
        w = S_cmap4(&f, at);
    if (!w)
        w = S_names(&f);
    if (!w)
        w = S_os2_post(&f);
    *why = w;
    return w ? -1 : 0;
}
