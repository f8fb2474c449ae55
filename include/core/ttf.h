/*
 * ttf — checks that a TrueType font file holds what libharu 2.3.0 reads from it, before
 * libharu sees it. libharu trusts the file: a head table with no units per em divides by zero,
 * a maxp table with no glyphs corrupts its heap, a character map whose last segment ends below
 * U+FFFF or whose glyph array is short is read past its end, and a glyph table cut short is
 * embedded as garbage without an error. This module reads the table directory and every table
 * libharu parses (head, maxp, hhea, hmtx, loca, glyf, cmap, name, OS/2, post) with bounds on
 * everything, and refuses what libharu would misread or refuse itself. It does not draw, embed
 * or measure text, and knows no file: it works on bytes.
 */
#ifndef ISO20K_TTF_H
#define ISO20K_TTF_H

#include <stddef.h>

/* The largest font file read (DejaVuSans.ttf is 0.7 MB, a CJK font some 20 MB). */
#define TTF_MAX_BYTES (64u << 20)

/*
 * Checks the n bytes at b as a TrueType font libharu can load and embed. Returns 0, or -1 with
 * *why set to a static sentence saying what is wrong ("the head table has no units per em").
 */
int ttf_check(const unsigned char *b, size_t n, const char **why);

#endif
