/*
 * roi_config — look-ups over the ROI assumptions.
 */
#include "core/roi_config.h"

#include <string.h>

double roi_risk(const roi_assumptions_t *a, const char *line)
{
    for (size_t i = 0; i < a->nrisk; i++)
        if (!strcmp(a->risk[i].name, line))
            return a->risk[i].value;
    return a->risk_default;
}
