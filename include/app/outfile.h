/*
 * outfile — atomic output files (SPEC 9): each file is written to a temporary file beside its
 * target, flushed, synced, closed and renamed over the target, and the directory synced. On any
 * failure the temporary is removed and the old file stays. Also the output directory's lock.
 * Temporaries still open are removed by outfile_cleanup_all (the out-of-memory and signal path).
 */
#ifndef ISO20K_OUTFILE_H
#define ISO20K_OUTFILE_H

#include <stddef.h>

#include "core/diag.h"

/* Creates `dir` (and its parents) when missing. ST_CANTCREATE on failure. */
status_t outfile_mkdir(const char *dir, diag_t *d);

/*
 * Creates an empty temporary file for `final_path` in the same directory. *tmp_path is a new
 * string the caller frees (after outfile_commit or outfile_discard). ST_CANTCREATE on failure.
 */
status_t outfile_temp(const char *final_path, char **tmp_path, diag_t *d);
/* Writes `len` bytes to the temporary (replacing what it holds), syncing it. ST_IOERR on failure.
 */
status_t outfile_fill(const char *tmp_path, const void *data, size_t len, diag_t *d);
/* Syncs the temporary, renames it over final_path and syncs the directory. ST_IOERR on failure
 * (the temporary is then removed). */
status_t outfile_commit(const char *tmp_path, const char *final_path, diag_t *d);
/* Removes a temporary that will not be committed. */
void outfile_discard(const char *tmp_path);
/* Removes every temporary not yet committed or discarded. Safe in a signal handler's path. */
void outfile_cleanup_all(void);

/*
 * Takes the lock of the output directory (a `.iso20k.lock` file held with flock: a lock left by
 * a dead process never blocks). *fd receives the descriptor to pass to outfile_unlock.
 * ST_LOCKED when another run holds it; ST_CANTCREATE when the lock file cannot be made.
 */
status_t outfile_lock(const char *dir, int *fd, diag_t *d);
void outfile_unlock(int fd);
/* Removes the temporaries of runs that died (".NAME.tmp-XXXXXX" files in dir); call it only
 * while holding dir's lock, which no live run then holds. Returns how many were removed. */
size_t outfile_sweep(const char *dir);

/*
 * The base name of a pack from output.name: {period} → the period label, {organization} → the
 * organisation made safe for a file name (letters, digits and '.', '_' and '-' kept, UTF-8 kept,
 * every other run of characters one '-', at most 64 bytes, "organization" when nothing is
 * left), {as_of} → the as-of time as YYYYMMDDTHHMM in the report's zone. Returns a new string.
 */
char *outfile_pack_name(const char *pattern, const char *period, const char *organization,
                        const char *as_of);
/* True when every {…} in pattern is one of the placeholders above. */
int outfile_pattern_ok(const char *pattern);

#endif
