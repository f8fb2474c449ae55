/*
 * init — `iso20k init DIR`: writes a commented starter review.yaml, a readiness
 * self-assessment template and an ROI template, refusing to overwrite any existing file.
 */
#ifndef ISO20K_INIT_H
#define ISO20K_INIT_H

#include "core/diag.h"

/* Writes the three files into dir (created if missing). ST_CANTCREATE when a file exists or
 * cannot be made; nothing is written unless all three can be. */
status_t init_write(const char *dir, diag_t *d);

#endif
