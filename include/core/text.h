/*
 * text — makes text from the inputs safe for every consumer at once: cairo and libharu take
 * only valid UTF-8, XML 1.0 (the workbook) refuses control characters and U+FFFE/U+FFFF, and
 * JSON readers choke on invalid UTF-8. Text is checked once where it enters the records (the
 * profiles, the config loader); every character none of them can hold becomes U+FFFD. It does
 * not escape anything for a format: that stays each renderer's job.
 */
#ifndef ISO20K_TEXT_H
#define ISO20K_TEXT_H

#include <stddef.h>
#include <stdint.h>

#include "core/util.h"

/*
 * True when s[0..len) is safe text: valid UTF-8 (no overlong form, no surrogate, nothing above
 * U+10FFFF) holding no C0 control character other than tab, line feed and carriage return, and
 * no Unicode noncharacter (U+FDD0..U+FDEF, and the last two code points of every plane).
 */
int text_is_safe(const char *s, size_t len);

/*
 * Appends s[0..len) to out with every character text_is_safe refuses replaced by U+FFFD (one
 * for each invalid byte of a broken UTF-8 sequence). Returns how many were replaced.
 */
size_t text_make_safe(strbuf_t *out, const char *s, size_t len);
/* Writes code point cp (below 0x110000, not a surrogate: the caller checks) as UTF-8 into out;
 * returns its length, 1 to 4. */
size_t text_utf8_encode(uint32_t cp, unsigned char out[4]);

#endif
