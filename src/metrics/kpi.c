/*
 * kpi — the KPI table; see metrics/kpi.h. It computes nothing: each row fetches a figure the
 * metric files computed.
 */
#include "metrics/kpi.h"

#include <math.h>
#include <string.h>

/* ---- values and denominators ---- */

static double S_availability(const metrics_t *m, const readiness_result_t *rr)
{
    (void)rr;
    return m->overall_availability_pct;
}
static double S_response(const metrics_t *m, const readiness_result_t *rr)
{
    (void)rr;
    return m->sla.response_attainment_pct;
}
static double S_response_n(const metrics_t *m)
{
    return (double)(m->sla.resp_met + m->sla.resp_breached);
}
static double S_resolution(const metrics_t *m, const readiness_result_t *rr)
{
    (void)rr;
    return m->sla.resolution_attainment_pct;
}
static double S_resolution_n(const metrics_t *m)
{
    return (double)(m->sla.res_met + m->sla.res_breached);
}
static double S_csat(const metrics_t *m, const readiness_result_t *rr)
{
    (void)rr;
    return m->satisfaction.csat_pct;
}
static double S_scored_n(const metrics_t *m)
{
    return (double)m->satisfaction.scored;
}
static double S_csat_mean(const metrics_t *m, const readiness_result_t *rr)
{
    (void)rr;
    return m->satisfaction.csat_mean;
}
static double S_nps(const metrics_t *m, const readiness_result_t *rr)
{
    (void)rr;
    return m->satisfaction.nps;
}
static double S_nps_n(const metrics_t *m)
{
    return (double)m->satisfaction.with_nps;
}
static double S_response_rate(const metrics_t *m, const readiness_result_t *rr)
{
    (void)rr;
    return m->satisfaction.response_rate_pct;
}
static double S_reopen(const metrics_t *m, const readiness_result_t *rr)
{
    (void)rr;
    return m->efficiency.reopen_rate_pct;
}
static double S_reopen_n(const metrics_t *m)
{
    return (double)m->efficiency.reopen_known;
}
static double S_first_assignment(const metrics_t *m, const readiness_result_t *rr)
{
    (void)rr;
    return m->efficiency.first_assignment_resolution_pct;
}
static double S_first_assignment_n(const metrics_t *m)
{
    return (double)m->efficiency.reassignment_known;
}
static double S_change_success(const metrics_t *m, const readiness_result_t *rr)
{
    (void)rr;
    return m->efficiency.change_success_pct;
}
static double S_change_success_n(const metrics_t *m)
{
    const efficiency_t *e = &m->efficiency;
    return (double)(e->changes_successful + e->changes_failed + e->changes_backed_out);
}
static double S_emergency(const metrics_t *m, const readiness_result_t *rr)
{
    (void)rr;
    return m->efficiency.emergency_change_pct;
}
static double S_changes_n(const metrics_t *m)
{
    return (double)m->efficiency.changes_resolved;
}
static double S_opened(const metrics_t *m, const readiness_result_t *rr)
{
    (void)rr;
    return (double)m->volumes.opened;
}
static double S_resolved(const metrics_t *m, const readiness_result_t *rr)
{
    (void)rr;
    return (double)m->volumes.resolved;
}
static double S_backlog(const metrics_t *m, const readiness_result_t *rr)
{
    (void)rr;
    return (double)m->volumes.backlog_end;
}
static double S_readiness(const metrics_t *m, const readiness_result_t *rr)
{
    (void)m;
    return rr ? rr->overall_pct : NAN;
}
static double S_cancelled(const metrics_t *m, const readiness_result_t *rr)
{
    (void)rr;
    return (double)m->volumes.cancelled;
}
static double S_open_breached(const metrics_t *m, const readiness_result_t *rr)
{
    (void)rr;
    return (double)m->sla.open_breached;
}
static double S_no_target(const metrics_t *m, const readiness_result_t *rr)
{
    (void)rr;
    return (double)m->sla.no_target;
}
static double S_response_median(const metrics_t *m, const readiness_result_t *rr)
{
    (void)rr;
    return m->response.median;
}
static double S_response_p90(const metrics_t *m, const readiness_result_t *rr)
{
    (void)rr;
    return m->response.p90;
}
static double S_responded_n(const metrics_t *m)
{
    return (double)m->response.n;
}
static double S_resolution_median(const metrics_t *m, const readiness_result_t *rr)
{
    (void)rr;
    return m->resolution.median;
}
static double S_resolution_p90(const metrics_t *m, const readiness_result_t *rr)
{
    (void)rr;
    return m->resolution.p90;
}
static double S_resolved_n(const metrics_t *m)
{
    return (double)m->resolution.n;
}

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
        PCT, 3, 2, 0, K_LIST | K_SUMM | K_TGT, KPI_AREA_AVAILABILITY, 6, "Availability %", 12,
        S_availability, NULL},
    [KPI_RESPONSE] = {"response_attainment_pct", "Response SLA attainment",
        "incidents and requests opened in the period with a response target, answered or past "
        "their target",
        PCT, 1, 2, 0, K_LIST | K_SUMM | K_TGT, KPI_AREA_TICKETS, 2, "Response %", 6,
        S_response, S_response_n},
    [KPI_RESOLUTION] = {"resolution_attainment_pct", "Resolution SLA attainment",
        "incidents and requests resolved in the period with a resolution target",
        PCT, 1, 2, 0, K_LIST | K_SUMM | K_TGT, KPI_AREA_TICKETS, 3, "Resolution %", 7,
        S_resolution, S_resolution_n},
    [KPI_CSAT] = {"csat_pct", "Customer satisfaction (CSAT)",
        "survey responses in the period with a score",
        PCT, 1, 2, 0, K_LIST | K_SUMM | K_TGT, KPI_AREA_SATISFACTION, 4, "CSAT %", 13,
        S_csat, S_scored_n},
    [KPI_CSAT_MEAN] = {"csat_mean", "Mean score",
        "survey responses in the period with a score",
        SCORE, 2, 2, 0, K_TGT, KPI_AREA_SATISFACTION, -1, NULL, 14,
        S_csat_mean, S_scored_n},
    [KPI_NPS] = {"nps", "Net promoter score",
        "survey responses in the period with a recommendation score (0-10)",
        SCORE, 0, 2, 0, K_LIST | K_SUMM | K_TGT, KPI_AREA_SATISFACTION, -1, NULL, 15,
        S_nps, S_nps_n},
    [KPI_RESPONSE_RATE] = {"response_rate_pct", "Response rate",
        "survey responses in the period, per incident and request resolved in the period",
        PCT, 1, 2, 0, K_TGT, KPI_AREA_SATISFACTION, -1, NULL, 16,
        S_response_rate, NULL},
    [KPI_REOPEN] = {"reopen_rate_pct", "Reopen rate",
        "incidents and requests resolved in the period with a known reopen count",
        PCT, 1, 2, 1, K_LIST | K_SUMM | K_TGT, KPI_AREA_EFFICIENCY, 5, "Reopen %", 17,
        S_reopen, S_reopen_n},
    [KPI_FIRST_ASSIGNMENT] = {"first_assignment_resolution_pct", "First-assignment resolution",
        "incidents and requests resolved in the period with a known reassignment count",
        PCT, 1, 2, 0, K_LIST | K_SUMM | K_TGT, KPI_AREA_EFFICIENCY, -1, NULL, 18,
        S_first_assignment, S_first_assignment_n},
    [KPI_CHANGE_SUCCESS] = {"change_success_pct", "Change success",
        "changes closed in the period as successful, failed or backed out",
        PCT, 1, 2, 0, K_LIST | K_SUMM | K_TGT, KPI_AREA_EFFICIENCY, -1, NULL, 19,
        S_change_success, S_change_success_n},
    [KPI_EMERGENCY_CHANGE] = {"emergency_change_pct", "Emergency changes",
        "changes closed in the period",
        PCT, 1, 2, 1, K_LIST | K_TGT, KPI_AREA_EFFICIENCY, -1, NULL, 20,
        S_emergency, S_changes_n},
    [KPI_OPENED] = {"opened", "Tickets opened",
        "tickets of every kind opened in the period",
        COUNT, 0, 0, 0, K_LIST | K_SUMM, KPI_AREA_TICKETS, 0, "Opened", 0,
        S_opened, NULL},
    [KPI_RESOLVED] = {"resolved", "Tickets resolved",
        "tickets of every kind resolved in the period",
        COUNT, 0, 0, 0, K_LIST | K_SUMM, KPI_AREA_TICKETS, 1, "Resolved", 1,
        S_resolved, NULL},
    [KPI_BACKLOG] = {"backlog_end", "Open backlog at period end",
        "incidents and requests open at the end of the period",
        COUNT, 0, 0, 1, K_LIST | K_SUMM, KPI_AREA_TICKETS, -1, NULL, 3,
        S_backlog, NULL},
    [KPI_READINESS] = {"readiness_pct", "ISO/IEC 20000-1 readiness",
        "items of the self-assessment that are assessed, weighted",
        PCT, 1, 2, 0, K_LIST | K_SUMM | K_TGT, KPI_AREA_READINESS, -1, NULL, 21,
        S_readiness, NULL},
    [KPI_CANCELLED] = {"cancelled", "Tickets cancelled",
        "cancelled tickets opened in the period",
        COUNT, 0, 0, 0, 0, KPI_AREA_TICKETS, -1, NULL, 2,
        S_cancelled, NULL},
    [KPI_OPEN_BREACHED] = {"open_breached", "Open past their resolution target",
        "incidents and requests open at the end of the period and past their resolution target",
        COUNT, 0, 0, 1, 0, KPI_AREA_TICKETS, -1, NULL, 4,
        S_open_breached, NULL},
    [KPI_NO_TARGET] = {"no_target", "Without an SLA target",
        "incidents and requests opened in the period with no SLA target for their kind and "
        "priority",
        COUNT, 0, 0, 1, 0, KPI_AREA_TICKETS, -1, NULL, 5,
        S_no_target, NULL},
    [KPI_RESPONSE_MEDIAN] = {"response_median_minutes", "Median first response (minutes)",
        "incidents and requests opened in the period with a first response",
        MINUTES, 1, 1, 1, 0, KPI_AREA_TICKETS, -1, NULL, 8,
        S_response_median, S_responded_n},
    [KPI_RESPONSE_P90] = {"response_p90_minutes", "90th percentile first response (minutes)",
        "incidents and requests opened in the period with a first response",
        MINUTES, 1, 1, 1, 0, KPI_AREA_TICKETS, -1, NULL, 9,
        S_response_p90, S_responded_n},
    [KPI_RESOLUTION_MEDIAN] = {"resolution_median_minutes", "Median resolution (minutes)",
        "incidents and requests resolved in the period",
        MINUTES, 1, 1, 1, 0, KPI_AREA_TICKETS, -1, NULL, 10,
        S_resolution_median, S_resolved_n},
    [KPI_RESOLUTION_P90] = {"resolution_p90_minutes", "90th percentile resolution (minutes)",
        "incidents and requests resolved in the period",
        MINUTES, 1, 1, 1, 0, KPI_AREA_TICKETS, -1, NULL, 11,
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

kpi_id_t kpi_csv_at(size_t pos)
{
    for (size_t k = 0; k < KPI_COUNT; k++)
        if (kpi_table[k].csv == (int)pos)
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

const cfg_kpi_target_t *kpi_target(kpi_id_t k, const config_t *cfg)
{
    return (kpi_table[k].flags & KPI_TARGET) ? config_target(cfg, kpi_table[k].key) : NULL;
}

void kpi_trend_none(trend_kpis_t *out)
{
    for (size_t k = 0; k < KPI_COUNT; k++)
        out->value[k] = NAN;
}

void kpi_trend_values(const metrics_t *m, trend_kpis_t *out)
{
    kpi_trend_none(out);
    for (size_t k = 0; k < KPI_COUNT; k++)
        if (kpi_table[k].trend >= 0)
            out->value[k] = kpi_value((kpi_id_t)k, m, NULL);
}
