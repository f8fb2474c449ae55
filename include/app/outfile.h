/*
 * outfile — atomic output files (README.md "Where the outputs land"): each file is written to a
 * temporary file in a work directory of the run beside its target, flushed, synced and renamed over
 * the target, and the directory synced; the files of a pack are replaced as a set through a
 * journal, so that a failed or killed run leaves the previous pack whole. Also the output
 * directory's lock, and the clean-up of what interrupted runs left. It knows nothing of what the
 * files hold.
 */
#ifndef ISO20K_OUTFILE_H
#define ISO20K_OUTFILE_H

#include <stddef.h>

#include "core/diag.h"

/* Creates `dir` (and its parents) when missing. ST_CANTCREATE on failure. */
status_t outfile_mkdir(const char *dir, diag_t *d);

/*
 * Creates an empty temporary file for `final_path` (O_EXCL, in the run's work directory
 * DIR/.iso20k-work-XXXXXX, made with mode 0700 on first use). *tmp_path is a new string the
 * caller frees (after committing or discarding it). ST_CANTCREATE on failure.
 */
status_t outfile_temp(const char *final_path, char **tmp_path, diag_t *d);
/* Writes `len` bytes to the temporary (replacing what it holds; never through a link), syncing
 * it. ST_IOERR on failure. */
status_t outfile_fill(const char *tmp_path, const void *data, size_t len, diag_t *d);
/* Commits one temporary as a set of one (outfile_set_commit). */
status_t outfile_commit(const char *tmp_path, const char *final_path, diag_t *d);
/* Removes a temporary that will not be committed. */
void outfile_discard(const char *tmp_path);
/* Puts back the previous files of a set whose renames had begun, and removes every temporary
 * not yet committed or discarded. Safe in a signal handler's path (the out-of-memory and
 * signal path). */
void outfile_cleanup_all(void);

/* The files of one pack, replaced together. */
typedef struct outfile_set outfile_set_t;
/* A new empty set for files in `dir`; free with outfile_set_free. */
outfile_set_t *outfile_set_new(const char *dir);
/* Adds a filled temporary (outfile_temp, outfile_fill) and the final name it replaces. The set
 * copies both strings. */
void outfile_set_add(outfile_set_t *set, const char *tmp_path, const char *final_path);
/*
 * Replaces every final file of the set by its temporary, as one set: the temporaries synced,
 * each file they replace kept as a hard link, a journal naming the set written and synced,
 * then the renames, then the journal and the kept files removed. A failure at any step puts
 * the previous files back (what did not exist goes again) and returns ST_CANTCREATE (a final
 * name taken by a directory, a file that cannot be kept) or ST_IOERR; the temporaries are gone
 * either way. When even the rollback fails, the journal stays and the next run's outfile_sweep
 * finishes it.
 */
status_t outfile_set_commit(outfile_set_t *set, diag_t *d);
void outfile_set_free(outfile_set_t *set);

/*
 * Takes the lock of the output directory (a `.iso20k.lock` file held with flock: a lock left by
 * a dead process never blocks). The lock file is opened without following a link and must be a
 * regular file. *fd receives the descriptor to pass to outfile_unlock.
 * ST_LOCKED when another run holds it; ST_CANTCREATE when the lock file cannot be made or is
 * not a regular file.
 */
status_t outfile_lock(const char *dir, int *fd, diag_t *d);
void outfile_unlock(int fd);

/* What outfile_sweep did. */
typedef struct outfile_swept {
    size_t recovered; /* files of a set an interrupted run left in its journal */
    int rolled_back;  /* 1: that set was rolled back (the previous files are back); 0: it was
                       * completed (the interrupted run had already replaced them all) */
    size_t removed;   /* work directories of dead runs removed */
} outfile_swept_t;
/*
 * Call only while holding dir's lock (no live run then writes there). Finishes the set of a
 * run killed while replacing a pack (DIR/.iso20k-journal): rolled back when every previous file
 * is still kept, completed when the run had passed that point; then removes the work
 * directories of dead runs (DIR/.iso20k-work-XXXXXX) and nothing else. ST_CANTCREATE when a
 * journal cannot be read as one of this program's or cannot be finished (every later run then
 * stops there, so that no pack is written over a mixed one).
 */
status_t outfile_sweep(const char *dir, outfile_swept_t *what, diag_t *d);

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
