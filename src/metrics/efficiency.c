/*
 * efficiency — docs/metrics.md §7: reopen rate and first-assignment resolution over incidents and
 * requests resolved in P; change success and emergency share over changes resolved in P;
 * problem counts.
 */
#include <math.h>
#include <string.h>

#include "metrics/metrics.h"

static double S_pct(size_t num, size_t den)
{
    return den ? 100.0 * (double)num / (double)den : NAN;
}

void metrics_efficiency(const store_t *store, const metrics_period_t *p, efficiency_t *out)
{
    memset(out, 0, sizeof *out);
    size_t reopened = 0, reopen_known = 0, first_assign = 0, assign_known = 0;
    for (size_t i = 0, nt = period_ntickets(store, p); i < nt; i++) {
        const ticket_t *t = period_ticket(store, p, i);
        if (!ticket_counts(t, p->as_of))
            continue;
        ts_t res = ticket_resolution(t, p->as_of);
        if (is_incident_or_request(t) && in_period(res, p)) {
            if (t->reopen_count >= 0) {
                reopen_known++;
                reopened += t->reopen_count > 0;
            }
            if (t->reassignment_count >= 0) {
                assign_known++;
                first_assign += t->reassignment_count == 0;
            }
        } else if (t->kind == KIND_CHANGE && in_period(res, p)) {
            out->changes_resolved++;
            out->changes_successful += t->outcome == OUTCOME_SUCCESSFUL;
            out->changes_failed += t->outcome == OUTCOME_FAILED;
            out->changes_backed_out += t->outcome == OUTCOME_BACKED_OUT;
            out->changes_emergency += t->change_type == CHANGE_EMERGENCY;
        } else if (t->kind == KIND_PROBLEM) {
            out->problems_opened += in_period(t->opened, p);
            out->problems_resolved += in_period(res, p);
            out->problems_open_end += t->opened < p->end && (res == TS_NONE || res >= p->end);
        }
    }
    out->reopen_known = reopen_known;
    out->reassignment_known = assign_known;
    out->reopen_rate_pct = S_pct(reopened, reopen_known);
    out->first_assignment_resolution_pct = S_pct(first_assign, assign_known);
    out->change_success_pct =
        S_pct(out->changes_successful,
              out->changes_successful + out->changes_failed + out->changes_backed_out);
    out->emergency_change_pct = S_pct(out->changes_emergency, out->changes_resolved);
}
