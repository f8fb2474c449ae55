/*
 * init — `iso20k init DIR`: writes a commented starter review.yaml, a readiness
 * self-assessment template, an ROI template and an example of each review register
 * (a CSV file each in DIR/registers), refusing to overwrite any existing file.
 */
#ifndef ISO20K_INIT_H
#define ISO20K_INIT_H

#include "core/diag.h"

/* Writes the files into dir (created if missing, and its registers/ folder). ST_CANTCREATE
 * when a file exists or cannot be made; nothing is written when one of them exists. */
status_t init_write(const char *dir, diag_t *d);

#endif
