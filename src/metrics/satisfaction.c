/*
 * satisfaction — SPEC 5.6: every accepted survey row with responded_at in P counts, whatever
 * its ticket. Out-of-scale rows were already rejected on reading.
 */
#include <math.h>
#include <string.h>

#include "metrics/metrics.h"

void metrics_satisfaction(const config_t *cfg, const store_t *store, const metrics_period_t *p,
                          size_t resolved_incidents_requests, satisfaction_t *out)
{
    memset(out, 0, sizeof *out);
    double sum = 0;
    for (size_t i = 0; i < store->nsurveys; i++) {
        const survey_t *s = &store->surveys[i];
        if (!in_period(s->responded, p) || s->responded > p->as_of)
            continue;
        out->responses++;
        if (!isnan(s->score)) {
            out->scored++;
            sum += s->score;
            if (s->score >= cfg->satisfied_from)
                out->satisfied++;
        }
        if (s->nps >= 0) {
            out->with_nps++;
            if (s->nps >= 9)
                out->promoters++;
            else if (s->nps <= 6)
                out->detractors++;
        }
    }
    out->csat_pct = out->scored ? 100.0 * (double)out->satisfied / (double)out->scored : NAN;
    out->csat_mean = out->scored ? sum / (double)out->scored : NAN;
    out->nps = out->with_nps ? 100.0 * ((double)out->promoters - (double)out->detractors) /
                                   (double)out->with_nps
                             : NAN;
    out->response_rate_pct = resolved_incidents_requests
                                 ? 100.0 * (double)out->responses / (double)resolved_incidents_requests
                                 : NAN;
}
