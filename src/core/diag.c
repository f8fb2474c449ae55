/*
 * diag — status codes, their exit codes, and the owned diagnostic message.
 */
#include "core/diag.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/util.h"

int status_exit_code(status_t st)
{
    switch (st) {
    case ST_OK:
        return 0;
    case ST_USAGE:
        return 64;
    case ST_DATA:
        return 65;
    case ST_NOINPUT:
        return 66;
    case ST_NOMEM:
        return 71;
    case ST_CANTCREATE:
        return 73;
    case ST_IOERR:
        return 74;
    case ST_LOCKED:
        return 75;
    case ST_CONFIG:
        return 78;
    case ST_INTERNAL:
        return 70;
    }
    return 70;
}

const char *status_str(status_t st)
{
    static const char *const names[] = {"success",
                                        "usage error",
                                        "input data error",
                                        "input file missing or unreadable",
                                        "out of memory",
                                        "output file could not be created",
                                        "input/output error while writing",
                                        "output directory locked by another run",
                                        "configuration error",
                                        "internal error"};
    if ((unsigned)st < sizeof(names) / sizeof(names[0]))
        return names[st];
    return "unknown status";
}

status_t diag_set(diag_t *d, status_t status, const char *path, size_t line, size_t column,
                  const char *fmt, ...)
{
    if (!d)
        return status;
    diag_clear(d);
    d->status = status;
    d->path = path ? xstrdup(path) : NULL;
    d->line = line;
    d->column = column;
    strbuf_t sb = {0};
    va_list ap;
    va_start(ap, fmt);
    char tmp[512];
    int n = vsnprintf(tmp, sizeof tmp, fmt, ap);
    va_end(ap);
    if (n >= 0 && (size_t)n < sizeof tmp) {
        strbuf_puts(&sb, tmp);
    } else if (n >= 0) {
        char *big = xmalloc((size_t)n + 1);
        va_start(ap, fmt);
        vsnprintf(big, (size_t)n + 1, fmt, ap);
        va_end(ap);
        strbuf_puts(&sb, big);
        free(big);
    }
    d->message = sb.data ? sb.data : xstrdup("");
    return status;
}

void diag_clear(diag_t *d)
{
    if (d) {
        free(d->path);
        free(d->message);
        memset(d, 0, sizeof *d); /* ST_OK, no place, no message */
    }
}

char *diag_format(const diag_t *d, const char *severity)
{
    strbuf_t sb = {0};
    if (d->path) {
        strbuf_puts(&sb, d->path);
        if (d->line) {
            strbuf_printf(&sb, ":%zu", d->line);
            if (d->column)
                strbuf_printf(&sb, ":%zu", d->column);
        }
        strbuf_puts(&sb, ": ");
    } else {
        strbuf_puts(&sb, "iso20k: ");
    }
    strbuf_printf(&sb, "%s: %s", severity, d->message ? d->message : status_str(d->status));
    return sb.data;
}
