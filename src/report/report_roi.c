/*
 * report_roi — the ROI section (docs/metrics.md §12): the verdict in a sentence, the benefit lines,
 * the cash flow by year with its cumulative chart, results, scenarios, the tornado of sensitivities
 * and the assumptions. The numbers come from metrics/roi.c; this file only arranges them.
 */
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "report/report_parts.h"

static const char *S_money(report_t *r, const char *currency, double v)
{
    if (!num_shown(v)) /* never "EUR inf" or 300 digits */
        return "n/a";
    char buf[64], digits[64];
    snprintf(digits, sizeof digits, "%.0f", fabs(round_half_away(v, 0)));
    size_t len = strlen(digits), o = 0;
    for (size_t i = 0; i < len && o + 2 < sizeof buf; i++) {
        if (i && (len - i) % 3 == 0)
            buf[o++] = ',';
        buf[o++] = digits[i];
    }
    buf[o] = '\0';
    return report_fmt(r, "%s%s %s", v < 0 && round_half_away(v, 0) != 0 ? "−" : "", currency, buf);
}

static const char *S_payback(report_t *r, double months)
{
    return !num_shown(months) ? "not within the horizon" : report_fmt(r, "%.1f months", months);
}

/* A scenario's name with a capital first letter ("" stays ""). */
static const char *S_capitalised(report_t *r, const char *name)
{
    if (!*name)
        return name;
    return report_fmt(r, "%c%s", toupper((unsigned char)name[0]), name + 1);
}

/* The verdict in a sentence, each scenario's NPV and payback, and how the benefits were measured.
 */
static void S_roi_verdict(report_t *r, report_section_t *s)
{
    const report_facts_t *f = &r->facts;
    const roi_result_t *ro = r->facts.roi;
    const roi_assumptions_t *a = &r->facts.cfg->roi_model->base;
    const char *cur = r->facts.cfg->roi_model->base.currency;
    strbuf_t sb = {0};
    if (ro->incomplete)
        report_add_warning(
            s, "The return on investment cannot be computed for this period: a measured benefit "
               "line needs figures the period's data does not give (no data for the period, or "
               "no outage records), so NPV, ROI and payback are left empty rather than computed "
               "without it.");
    else
        strbuf_printf(&sb,
                      "At the expected scenario the programme %s; over %d years its net present "
                      "value is %s (ROI %s, discounted at %.1f %%).",
                      !num_shown(ro->payback_months)
                          ? "does not pay back within the horizon"
                          : report_fmt(r, "pays back in %.1f months", ro->payback_months),
                      ro->years, S_money(r, cur, ro->npv),
                      !num_shown(ro->roi_pct) ? "n/a" : report_fmt(r, "%.1f %%", ro->roi_pct),
                      a->discount_rate * 100);
    for (size_t i = 0; i < f->nroi_scenarios && !ro->incomplete; i++)
        strbuf_printf(&sb, " %s: NPV %s, payback %s.",
                      S_capitalised(r, f->roi_scenarios[i].scenario),
                      S_money(r, cur, f->roi_scenarios[i].npv),
                      S_payback(r, f->roi_scenarios[i].payback_months));
    if (sb.len)
        report_add_para(s, arena_strdup(r->arena, sb.data));
    strbuf_reset(&sb);
    if (f->roi_baseline_label)
        strbuf_printf(
            &sb,
            "Measured benefits compare the baseline period %s with %s, each "
            "annualised (× 365.25 days / the period's length); a line that got worse is a "
            "negative benefit and is not risk-adjusted.",
            f->roi_baseline_label, f->period_label);
    else
        strbuf_printf(
            &sb,
            "Measured benefits compare the annual baseline numbers given in the ROI "
            "assumptions with %s, annualised; a line that got worse is a negative benefit.",
            f->period_label);
    report_add_note(s, arena_strdup(r->arena, sb.data));
    strbuf_clear(&sb);
}

/* The benefit lines: baseline and current per year, unit value, value, risk, adjusted value. */
static void S_roi_lines(report_t *r, report_section_t *s)
{
    const roi_result_t *ro = r->facts.roi;
    const char *cur = r->facts.cfg->roi_model->base.currency;
    static const char *const lh[] = {"Benefit line", "Baseline / year", "Now / year",
                                     "Unit value",   "Annual value",    "Risk",
                                     "Adjusted"};
    report_table_t *lt =
        report_add_table(r, s, report_fmt(r, "Benefit lines (%s)", cur), ro->nlines, 7, lh);
    for (size_t i = 0; i < ro->nlines; i++) {
        const roi_line_t *l = &ro->lines[i];
        report_set_text(lt, i, 0, arena_strdup(r->arena, l->name));
        report_set_num(lt, i, 1, CELL_NUMBER, l->baseline_annual, 1);
        report_set_num(lt, i, 2, CELL_NUMBER, l->current_annual, 1);
        report_set_num(lt, i, 3, CELL_NUMBER, l->unit, 0);
        report_set_num(lt, i, 4, CELL_NUMBER, l->value, 0);
        report_set_num(lt, i, 5, CELL_PERCENT, l->risk * 100, 0);
        report_set_num(lt, i, 6, CELL_NUMBER, l->adjusted, 0);
        if (l->adjusted < 0)
            report_cell(lt, i, 6)->rag = RAG_RED;
    }
}

/* The cash flow by year, and its cumulative chart with the payback point. */
static void S_roi_cashflow(report_t *r, report_section_t *s)
{
    const roi_result_t *ro = r->facts.roi;
    const char *cur = r->facts.cfg->roi_model->base.currency;
    static const char *const yh[] = {"Year", "Benefits", "Costs", "Net", "Cumulative"};
    report_table_t *yt =
        report_add_table(r, s, report_fmt(r, "Cash flow by year (%s, undiscounted)", cur),
                         (size_t)ro->years + 1, 5, yh);
    chart_spec_t *cc =
        report_add_chart(r, s, CHART_CUMULATIVE, report_fmt(r, "Cumulative cash flow (%s)", cur),
                         (size_t)ro->years + 1, 1);
    if (ro->incomplete) /* no curve of costs alone: the benefits are unknown */
        report_chart_replace(s, "No cumulative cash flow: the benefits of this period are "
                                "unknown.");
    cc->series[0].name = "Cumulative net cash flow";
    cc->y_title = cur;
    double cum = 0;
    for (int t = 0; t <= ro->years; t++) {
        double net = ro->benefits[t] - ro->costs[t];
        cum += net;
        report_set_text(yt, (size_t)t, 0, report_fmt(r, "%d", t));
        report_set_num(yt, (size_t)t, 1, CELL_NUMBER, ro->benefits[t], 0);
        report_set_num(yt, (size_t)t, 2, CELL_NUMBER, ro->costs[t], 0);
        report_set_num(yt, (size_t)t, 3, CELL_NUMBER, net, 0);
        report_set_num(yt, (size_t)t, 4, CELL_NUMBER, cum, 0);
        cc->categories[t] = report_fmt(r, "Year %d", t);
        cc->series[0].values[t] = cum;
    }
    if (num_shown(ro->payback_months)) {
        cc->marker_x = ro->payback_months / 12.0;
        cc->marker_label = report_fmt(r, "payback: %.1f months", ro->payback_months);
    }
}

/* NPV, ROI, payback and IRR at the expected scenario. */
static void S_roi_results(report_t *r, report_section_t *s)
{
    const roi_result_t *ro = r->facts.roi;
    const char *cur = r->facts.cfg->roi_model->base.currency;
    static const char *const rh[] = {"Result", "Value"};
    report_table_t *rt = report_add_table(r, s, "Results (expected scenario)", 6, 2, rh);
    const char *names[6] = {"PV of benefits",    "PV of costs",
                            "Net present value", "ROI",
                            "Payback",           "Internal rate of return"};
    const char *vals[6] = {S_money(r, cur, ro->pv_benefits),
                           S_money(r, cur, ro->pv_costs),
                           S_money(r, cur, ro->npv),
                           !num_shown(ro->roi_pct) ? "n/a" : report_fmt(r, "%.1f %%", ro->roi_pct),
                           ro->incomplete ? "n/a" : S_payback(r, ro->payback_months),
                           !num_shown(ro->irr) ? "n/a" : report_fmt(r, "%.1f %%", ro->irr * 100)};
    for (int i = 0; i < 6; i++) {
        report_set_text(rt, (size_t)i, 0, names[i]);
        report_set_text(rt, (size_t)i, 1, vals[i]);
    }
}

/* The scenarios side by side. */
static void S_roi_scenarios(report_t *r, report_section_t *s)
{
    const report_facts_t *f = &r->facts;
    const roi_result_t *ro = r->facts.roi;
    const char *cur = r->facts.cfg->roi_model->base.currency;
    if (f->nroi_scenarios) {
        static const char *const sh[] = {"Scenario", "NPV", "ROI %", "Payback (months)", "IRR %"};
        report_table_t *st = report_add_table(r, s, report_fmt(r, "Scenarios (%s)", cur),
                                              f->nroi_scenarios + 1, 5, sh);
        for (size_t i = 0; i <= f->nroi_scenarios; i++) {
            const roi_result_t *sc = i == 0 ? ro : &f->roi_scenarios[i - 1];
            report_set_text(st, i, 0, sc->scenario);
            report_set_num(st, i, 1, CELL_NUMBER, sc->npv, 0);
            report_set_num(st, i, 2, CELL_PERCENT, sc->roi_pct, 1);
            report_set_num(st, i, 3, CELL_NUMBER, sc->payback_months, 1);
            report_set_num(st, i, 4, CELL_PERCENT, sc->irr * 100, 1);
        }
    }
}

/* The sensitivity of NPV to ±20 % on each assumption. */
static void S_roi_tornado(report_t *r, report_section_t *s)
{
    const report_facts_t *f = &r->facts;
    const roi_result_t *ro = r->facts.roi;
    const char *cur = r->facts.cfg->roi_model->base.currency;
    if (f->nroi_sensitivity) {
        chart_spec_t *tc = report_add_chart(
            r, s, CHART_TORNADO,
            report_fmt(r, "Sensitivity of NPV to ±20 %% on each assumption (%s)", cur),
            f->nroi_sensitivity, 2);
        tc->series[0].name = "assumption −20 %";
        tc->series[1].name = "assumption +20 %";
        tc->base = ro->npv;
        for (size_t i = 0; i < f->nroi_sensitivity; i++) {
            tc->categories[i] = f->roi_sensitivity[i].assumption;
            tc->series[0].values[i] = f->roi_sensitivity[i].npv_low;
            tc->series[1].values[i] = f->roi_sensitivity[i].npv_high;
        }
    }
}

/* The assumptions the figures rest on. */
static void S_roi_assumptions(report_t *r, report_section_t *s)
{
    const roi_assumptions_t *a = &r->facts.cfg->roi_model->base;
    const char *cur = r->facts.cfg->roi_model->base.currency;
    static const char *const ah[] = {"Assumption", "Value"};
    size_t na = 4 + a->ninitial + a->nannual;
    report_table_t *at = report_add_table(r, s, "Assumptions", na, 2, ah);
    size_t k = 0;
    report_set_text(at, k, 0, "Horizon");
    report_set_text(at, k++, 1, report_fmt(r, "%d years", a->horizon_years));
    report_set_text(at, k, 0, "Discount rate");
    report_set_text(at, k++, 1, report_fmt(r, "%.1f %%", a->discount_rate * 100));
    strbuf_t ramp = {0};
    for (int t = 0; t < a->horizon_years; t++)
        strbuf_printf(&ramp, "%s%.0f %%", t ? ", " : "", a->ramp[t] * 100);
    report_set_text(at, k, 0, "Ramp (share of the full benefit per year)");
    report_set_text(at, k++, 1, arena_strdup(r->arena, ramp.data ? ramp.data : ""));
    strbuf_clear(&ramp);
    report_set_text(at, k, 0, "Risk adjustment (default)");
    report_set_text(at, k++, 1, report_fmt(r, "%.0f %%", a->risk_default * 100));
    for (size_t i = 0; i < a->ninitial; i++, k++) {
        report_set_text(at, k, 0, report_fmt(r, "Initial cost: %s", a->initial[i].name));
        report_set_text(at, k, 1, S_money(r, cur, a->initial[i].value));
    }
    for (size_t i = 0; i < a->nannual; i++, k++) {
        report_set_text(at, k, 0, report_fmt(r, "Annual cost: %s", a->annual[i].name));
        report_set_text(at, k, 1, S_money(r, cur, a->annual[i].value));
    }
}

void report_roi_section(report_t *r)
{
    report_section_t *s = report_add_section(r, "Return on investment", "ROI");
    if (!r->facts.roi) {
        report_add_para(
            s, "No ROI model is configured (config key 'roi'), so this pack shows no NPV, ROI "
               "or payback figures. Run 'iso20k init DIR' for a template.");
        return;
    }
    static const report_part_fn parts[] = {S_roi_verdict,    S_roi_lines,     S_roi_cashflow,
                                           S_roi_results,    S_roi_scenarios, S_roi_tornado,
                                           S_roi_assumptions};
    for (size_t i = 0; i < NPARTS(parts); i++)
        parts[i](r, s);
}
