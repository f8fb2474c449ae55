/*
 * kpi — the KPI table; see metrics/kpi.h. It computes nothing: each row fetches a figure the
 * metric files computed.
 */
#include "metrics/kpi.h"

#include <math.h>
#include <string.h>

/* ---- values and denominators ---- */

/* A KPI's value from the metrics (rr: the readiness result, or NULL). */
#define VALUE(name, expr)                                                                          \
    static double name(const metrics_t *m, const readiness_result_t *rr)                           \
    {                                                                                              \
        (void)m;                                                                                   \
        (void)rr;                                                                                  \
        return (expr);                                                                             \
    }
/* A KPI's denominator n (docs/metrics.md §9). */
#define DENOMINATOR(name, expr)                                                                    \
    static double name(const metrics_t *m)                                                         \
    {                                                                                              \
        return (double)(expr);                                                                     \
    }

VALUE(S_availability, m->overall_availability_pct)
VALUE(S_response, m->sla.response_attainment_pct)
VALUE(S_resolution, m->sla.resolution_attainment_pct)
VALUE(S_csat, m->satisfaction.csat_pct)
VALUE(S_csat_mean, m->satisfaction.csat_mean)
VALUE(S_nps, m->satisfaction.nps)
VALUE(S_response_rate, m->satisfaction.response_rate_pct)
VALUE(S_reopen, m->efficiency.reopen_rate_pct)
VALUE(S_first_assignment, m->efficiency.first_assignment_resolution_pct)
VALUE(S_change_success, m->efficiency.change_success_pct)
VALUE(S_emergency, m->efficiency.emergency_change_pct)
VALUE(S_opened, metrics_count(m, m->volumes.opened))
VALUE(S_resolved, metrics_count(m, m->volumes.resolved))
VALUE(S_backlog, metrics_count(m, m->volumes.backlog_end))
VALUE(S_readiness, rr ? rr->overall_pct : NAN)
VALUE(S_cancelled, metrics_count(m, m->volumes.cancelled))
VALUE(S_open_breached, metrics_count(m, m->sla.open_breached))
VALUE(S_no_target, metrics_count(m, m->sla.no_target))
VALUE(S_response_median, m->response.median)
VALUE(S_response_p90, m->response.p90)
VALUE(S_resolution_median, m->resolution.median)
VALUE(S_resolution_p90, m->resolution.p90)

DENOMINATOR(S_response_n, m->sla.resp_met + m->sla.resp_breached)
DENOMINATOR(S_resolution_n, m->sla.res_met + m->sla.res_breached)
DENOMINATOR(S_scored_n, m->satisfaction.scored)
DENOMINATOR(S_nps_n, m->satisfaction.with_nps)
DENOMINATOR(S_reopen_n, m->efficiency.reopen_known)
DENOMINATOR(S_first_assignment_n, m->efficiency.reassignment_known)
DENOMINATOR(S_change_success_n, m->efficiency.changes_successful + m->efficiency.changes_failed +
                                    m->efficiency.changes_backed_out)
DENOMINATOR(S_changes_n, m->efficiency.changes_resolved)
DENOMINATOR(S_responded_n, m->response.n)
DENOMINATOR(S_resolved_n, m->resolution.n)

/* ---- the table ---- */

#define PCT KPI_UNIT_PERCENT
#define COUNT KPI_UNIT_COUNT
#define SCORE KPI_UNIT_SCORE
#define MINUTES KPI_UNIT_MINUTES
#define K_LIST KPI_LISTED
#define K_SUMM KPI_SUMMARY
#define K_TGT KPI_TARGET

/* clang-format off */
const kpi_t kpi_table[KPI_COUNT] = {
    [KPI_AVAILABILITY] = {"availability_pct", "Service availability (all services)",
        "agreed service time of the services in scope, on each service's calendar",
        PCT, 3, 3, 0, K_LIST | K_SUMM | K_TGT, KPI_AREA_AVAILABILITY, 6, "Availability %",
        S_availability, NULL},
    [KPI_RESPONSE] = {"response_attainment_pct", "Response SLA attainment",
        "incidents and requests opened in the period with a response target, answered or past "
        "their target",
        PCT, 1, 2, 0, K_LIST | K_SUMM | K_TGT, KPI_AREA_TICKETS, 2, "Response %",
        S_response, S_response_n},
    [KPI_RESOLUTION] = {"resolution_attainment_pct", "Resolution SLA attainment",
        "incidents and requests resolved in the period with a resolution target",
        PCT, 1, 2, 0, K_LIST | K_SUMM | K_TGT, KPI_AREA_TICKETS, 3, "Resolution %",
        S_resolution, S_resolution_n},
    [KPI_CSAT] = {"csat_pct", "Customer satisfaction (CSAT)",
        "survey responses in the period with a score",
        PCT, 1, 2, 0, K_LIST | K_SUMM | K_TGT, KPI_AREA_SATISFACTION, 4, "CSAT %",
        S_csat, S_scored_n},
    [KPI_CSAT_MEAN] = {"csat_mean", "Mean score",
        "survey responses in the period with a score",
        SCORE, 2, 2, 0, K_TGT, KPI_AREA_SATISFACTION, -1, NULL,
        S_csat_mean, S_scored_n},
    [KPI_NPS] = {"nps", "Net promoter score",
        "survey responses in the period with a recommendation score (0-10)",
        SCORE, 1, 2, 0, K_LIST | K_SUMM | K_TGT, KPI_AREA_SATISFACTION, -1, NULL,
        S_nps, S_nps_n},
    [KPI_RESPONSE_RATE] = {"response_rate_pct", "Response rate",
        "survey responses in the period, per incident and request resolved in the period",
        PCT, 1, 2, 0, K_TGT, KPI_AREA_SATISFACTION, -1, NULL,
        S_response_rate, NULL},
    [KPI_REOPEN] = {"reopen_rate_pct", "Reopen rate",
        "incidents and requests resolved in the period with a known reopen count",
        PCT, 1, 2, 1, K_LIST | K_SUMM | K_TGT, KPI_AREA_EFFICIENCY, 5, "Reopen %",
        S_reopen, S_reopen_n},
    [KPI_FIRST_ASSIGNMENT] = {"first_assignment_resolution_pct", "First-assignment resolution",
        "incidents and requests resolved in the period with a known reassignment count",
        PCT, 1, 2, 0, K_LIST | K_SUMM | K_TGT, KPI_AREA_EFFICIENCY, -1, NULL,
        S_first_assignment, S_first_assignment_n},
    [KPI_CHANGE_SUCCESS] = {"change_success_pct", "Change success",
        "changes closed in the period as successful, failed or backed out",
        PCT, 1, 2, 0, K_LIST | K_SUMM | K_TGT, KPI_AREA_EFFICIENCY, -1, NULL,
        S_change_success, S_change_success_n},
    [KPI_EMERGENCY_CHANGE] = {"emergency_change_pct", "Emergency changes",
        "changes closed in the period",
        PCT, 1, 2, 1, K_LIST | K_TGT, KPI_AREA_EFFICIENCY, -1, NULL,
        S_emergency, S_changes_n},
    [KPI_OPENED] = {"opened", "Tickets opened",
        "tickets of every kind opened in the period",
        COUNT, 0, 0, 0, K_LIST | K_SUMM, KPI_AREA_TICKETS, 0, "Opened",
        S_opened, NULL},
    [KPI_RESOLVED] = {"resolved", "Tickets resolved",
        "tickets of every kind resolved in the period",
        COUNT, 0, 0, 0, K_LIST | K_SUMM, KPI_AREA_TICKETS, 1, "Resolved",
        S_resolved, NULL},
    [KPI_BACKLOG] = {"backlog_end", "Open backlog at period end",
        "incidents and requests open at the end of the period",
        COUNT, 0, 0, 1, K_LIST | K_SUMM, KPI_AREA_TICKETS, -1, NULL,
        S_backlog, NULL},
    [KPI_READINESS] = {"readiness_pct", "ISO/IEC 20000-1 readiness",
        "items of the self-assessment that are assessed, weighted",
        PCT, 1, 2, 0, K_LIST | K_SUMM | K_TGT, KPI_AREA_READINESS, -1, NULL,
        S_readiness, NULL},
    [KPI_CANCELLED] = {"cancelled", "Tickets cancelled",
        "cancelled tickets opened in the period",
        COUNT, 0, 0, 0, 0, KPI_AREA_TICKETS, -1, NULL,
        S_cancelled, NULL},
    [KPI_OPEN_BREACHED] = {"open_breached", "Open past their resolution target",
        "incidents and requests open at the end of the period and past their resolution target",
        COUNT, 0, 0, 1, 0, KPI_AREA_TICKETS, -1, NULL,
        S_open_breached, NULL},
    [KPI_NO_TARGET] = {"no_target", "Without an SLA target",
        "incidents and requests opened in the period with no SLA target for their kind and "
        "priority",
        COUNT, 0, 0, 1, 0, KPI_AREA_TICKETS, -1, NULL,
        S_no_target, NULL},
    [KPI_RESPONSE_MEDIAN] = {"response_median_minutes", "Median first response (minutes)",
        "incidents and requests opened in the period with a first response",
        MINUTES, 1, 1, 1, 0, KPI_AREA_TICKETS, -1, NULL,
        S_response_median, S_responded_n},
    [KPI_RESPONSE_P90] = {"response_p90_minutes", "90th percentile first response (minutes)",
        "incidents and requests opened in the period with a first response",
        MINUTES, 1, 1, 1, 0, KPI_AREA_TICKETS, -1, NULL,
        S_response_p90, S_responded_n},
    [KPI_RESOLUTION_MEDIAN] = {"resolution_median_minutes", "Median resolution (minutes)",
        "incidents and requests resolved in the period",
        MINUTES, 1, 1, 1, 0, KPI_AREA_TICKETS, -1, NULL,
        S_resolution_median, S_resolved_n},
    [KPI_RESOLUTION_P90] = {"resolution_p90_minutes", "90th percentile resolution (minutes)",
        "incidents and requests resolved in the period",
        MINUTES, 1, 1, 1, 0, KPI_AREA_TICKETS, -1, NULL,
        S_resolution_p90, S_resolved_n},
};
/* clang-format on */

size_t kpi_trend_count(void)
{
    size_t n = 0;
    for (size_t k = 0; k < KPI_COUNT; k++)
        n += kpi_table[k].trend >= 0;
    return n;
}

kpi_id_t kpi_trend_at(size_t col)
{
    for (size_t k = 0; k < KPI_COUNT; k++)
        if (kpi_table[k].trend == (int)col)
            return (kpi_id_t)k;
    return KPI_COUNT;
}

int kpi_by_key(const char *key)
{
    for (size_t k = 0; k < KPI_COUNT; k++)
        if (!strcmp(kpi_table[k].key, key))
            return (int)k;
    return -1;
}

int kpi_available(kpi_id_t k, const readiness_result_t *rr)
{
    return k != KPI_READINESS || rr != NULL;
}

double kpi_value(kpi_id_t k, const metrics_t *m, const readiness_result_t *rr)
{
    return kpi_table[k].value(m, rr);
}

double kpi_n(kpi_id_t k, const metrics_t *m)
{
    return kpi_table[k].n ? kpi_table[k].n(m) : NAN;
}

const char *const kpi_status_names[KPI_ST_COUNT] = {"no_data", "small_sample", "no_target",
                                                    "green",   "amber",        "red"};

kpi_status_t kpi_judge(double value, double n, size_t min_sample, const cfg_kpi_target_t *t)
{
    if (isnan(value))
        return KPI_ST_NO_DATA;
    if (!isnan(n) && n < (double)min_sample)
        return KPI_ST_SMALL_SAMPLE;
    if (!t)
        return KPI_ST_NO_TARGET;
    if (t->lower_is_better) {
        if (value <= t->target)
            return KPI_ST_GREEN;
        return (!isnan(t->amber) && value <= t->amber) ? KPI_ST_AMBER : KPI_ST_RED;
    }
    if (value >= t->target)
        return KPI_ST_GREEN;
    return (!isnan(t->amber) && value >= t->amber) ? KPI_ST_AMBER : KPI_ST_RED;
}

kpi_status_t kpi_status(kpi_id_t k, const metrics_t *m, const readiness_result_t *rr,
                        const config_t *cfg)
{
    if (m->no_data && k != KPI_READINESS)
        return KPI_ST_NO_DATA;
    return kpi_judge(kpi_value(k, m, rr), kpi_n(k, m), cfg->min_sample, kpi_target(k, cfg));
}

const cfg_kpi_target_t *kpi_target(kpi_id_t k, const config_t *cfg)
{
    return (kpi_table[k].flags & KPI_TARGET) ? config_target(cfg, kpi_table[k].key) : NULL;
}

void kpi_trend_none(trend_kpis_t *out)
{
    for (size_t k = 0; k < KPI_COUNT; k++)
        out->value[k] = out->n[k] = NAN;
}

void kpi_trend_values(const metrics_t *m, trend_kpis_t *out)
{
    kpi_trend_none(out);
    for (size_t k = 0; k < KPI_COUNT; k++)
        if (kpi_table[k].trend >= 0) {
            out->value[k] = kpi_value((kpi_id_t)k, m, NULL);
            out->n[k] = kpi_n((kpi_id_t)k, m);
        }
}
