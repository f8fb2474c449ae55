/*
 * render_xlsx_roi — the workbook's ROI sheet: a live model of docs/metrics.md §12 in formulas
 * (the inputs as yellow editable cells, the cash flow, payback, NPV, the sensitivity and the
 * charts over them), with the metrics' figures as each formula's cached value. It computes no
 * figure of its own: the ROI result comes from the report model. Part of the render_xlsx module.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <xlsxwriter.h>

#include "render_xlsx_int.h"

/* The ROI sheet being written: its formats, and the cells the later steps refer to. */
typedef struct roi_sheet {
    xl_t *x;
    lxw_worksheet *ws;
    const char *sheet;
    const report_facts_t *f;
    const roi_result_t *ro;
    const roi_assumptions_t *a;
    int n; /* the horizon in years */
    lxw_format *input, *input_pct, *money, *money_bold, *bold;
    lxw_row_t row;        /* the next row to write */
    char rate[16];        /* the discount rate's cell */
    lxw_row_t cost_total; /* the row of the costs' totals by year */
    char total[16];       /* the total annual benefit's cell */
    lxw_row_t ramp_row, ben_row, cost_row, net_row, cum_row;
    lxw_row_t sens_first; /* the first sensitivity row */
    lxw_row_t line_first; /* the first benefit line's row */
    char npv[16];         /* the NPV's cell */
} roi_sheet_t;

/* The input cells (yellow, unlocked) and the money formats in the configured currency. */
/* An input cell's format: yellow, outlined, unlocked (the sheet is protected). */
static lxw_format *S_input_format(xl_t *x, const char *num_format)
{
    lxw_format *f = workbook_add_format(x->wb);
    format_set_bg_color(f, 0xFFF2CC);
    format_set_border(f, LXW_BORDER_THIN);
    format_set_border_color(f, 0xBF9000);
    format_set_unlocked(f);
    format_set_num_format(f, num_format);
    return f;
}

static void S_roi_formats(roi_sheet_t *rs)
{
    xl_t *x = rs->x;
    rs->input = S_input_format(x, "#,##0.00");
    rs->input_pct = S_input_format(x, "0.0%");
    /* money in the configured currency; the currency code is text in the format, so quote it */
    char money_fmt[64];
    char cur[8];
    size_t cl = 0;
    for (const char *c = rs->a->currency; *c && cl < sizeof cur - 1; c++)
        if ((*c >= 'A' && *c <= 'Z') || (*c >= 'a' && *c <= 'z'))
            cur[cl++] = *c;
    cur[cl] = '\0';
    snprintf(money_fmt, sizeof money_fmt, "#,##0.00 \"%s\";-#,##0.00 \"%s\"", cur, cur);
    rs->money = workbook_add_format(x->wb);
    format_set_num_format(rs->money, money_fmt);
    rs->money_bold = workbook_add_format(x->wb);
    format_set_num_format(rs->money_bold, money_fmt);
    format_set_bold(rs->money_bold);
    rs->bold = workbook_add_format(x->wb);
    format_set_bold(rs->bold);
}

/* A header row "<label>, Year 0 … Year N". */
static void S_roi_years(roi_sheet_t *rs, const char *label)
{
    xl_str(rs->x, rs->ws, rs->row, 0, label, rs->x->header);
    for (int t = 0; t <= rs->n; t++) {
        char h[16];
        snprintf(h, sizeof h, "Year %d", t);
        xl_str(rs->x, rs->ws, rs->row, (lxw_col_t)(1 + t), h, rs->x->header);
    }
    rs->row++;
}

/* "=SUM(first:last)" over a column, or "=0" for no rows. */
static void S_sum(char *fbuf, size_t n, lxw_row_t first, lxw_row_t last, lxw_col_t col)
{
    if (last < first) {
        snprintf(fbuf, n, "=0");
        return;
    }
    char c1[16], c2[16];
    xl_ref(c1, first, col);
    xl_ref(c2, last, col);
    snprintf(fbuf, n, "=SUM(%s:%s)", c1, c2);
}

/* A cost item's label ("Initial: consultancy") in the first column of the current row. */
static void S_cost_label(roi_sheet_t *rs, const char *kind, const char *name)
{
    strbuf_t sb = {0};
    strbuf_printf(&sb, "%s: %s", kind, name);
    xl_str(rs->x, rs->ws, rs->row, 0, sb.data, NULL);
    strbuf_clear(&sb);
}

/* The discount rate and currency, then the costs: items × years and their totals. */
static void S_roi_costs(roi_sheet_t *rs)
{
    xl_t *x = rs->x;
    lxw_worksheet *ws = rs->ws;
    xl_str(x, ws, rs->row, 0, "Discount rate", rs->bold);
    const roi_assumptions_t *a = rs->a;
    xl_number(x, ws, rs->row, 1, a->discount_rate, rs->input_pct);
    lxw_rowcol_to_cell_abs(rs->rate, rs->row, 1, 1, 1);
    rs->row++;
    xl_str(x, ws, rs->row, 0, "Currency", rs->bold);
    xl_str(x, ws, rs->row++, 1, a->currency, NULL);
    rs->row++;
    S_roi_years(rs, "Costs");
    lxw_row_t cost_first = rs->row;
    for (size_t i = 0; i < a->ninitial; i++, rs->row++) {
        S_cost_label(rs, "Initial", a->initial[i].name);
        xl_number(x, ws, rs->row, 1, a->initial[i].value, rs->input);
    }
    for (size_t i = 0; i < a->nannual; i++, rs->row++) {
        S_cost_label(rs, "Annual", a->annual[i].name);
        for (int t = 1; t <= rs->n; t++)
            xl_number(x, ws, rs->row, (lxw_col_t)(1 + t), a->annual[i].value, rs->input);
    }
    lxw_row_t cost_last = rs->row - 1;
    rs->cost_total = rs->row;
    xl_str(x, ws, rs->row, 0, "Costs (total)", rs->bold);
    char fbuf[64];
    for (int t = 0; t <= rs->n; t++) {
        S_sum(fbuf, sizeof fbuf, cost_first, cost_last, (lxw_col_t)(1 + t));
        xl_formula(x, ws, rs->row, (lxw_col_t)(1 + t), fbuf, rs->money_bold, rs->ro->costs[t]);
    }
    rs->row += 2;
}

/* One benefit line: its inputs and its annual value before and after risk, as formulas. */
static void S_roi_line(roi_sheet_t *rs, const roi_line_t *l, double bdays, double cdays)
{
    xl_t *x = rs->x;
    lxw_worksheet *ws = rs->ws;
    lxw_row_t row = rs->row;
    char fbuf[2048];
    xl_str(x, ws, row, 0, l->name, NULL);
    char b[16], bd[16], c[16], cd[16], u[16], rk[16], h[16];
    xl_ref(b, row, 1);
    xl_ref(bd, row, 2);
    xl_ref(c, row, 3);
    xl_ref(cd, row, 4);
    xl_ref(u, row, 5);
    xl_ref(rk, row, 6);
    xl_ref(h, row, 7);
    if (l->measured) {
        xl_number(x, ws, row, 1, l->baseline, rs->input);
        xl_number(x, ws, row, 2, bdays, rs->input);
        /* a measure the period's data cannot give is an empty input: the line and every total
         * that needs it are #N/A, as the JSON's are null */
        if (num_shown(l->current))
            xl_number(x, ws, row, 3, l->current, rs->input);
        else
            xl_check(x, worksheet_write_blank(ws, row, 3, rs->input));
        xl_number(x, ws, row, 4, cdays, rs->input);
        xl_number(x, ws, row, 5, l->unit, rs->input);
        snprintf(fbuf, sizeof fbuf, "=IF(ISNUMBER(%s),(%s*365.25/%s-%s*365.25/%s)*%s,NA())", c, b,
                 bd, c, cd, u);
    } else {
        xl_number(x, ws, row, 5, l->value, rs->input);
        snprintf(fbuf, sizeof fbuf, "=%s", u);
    }
    xl_number(x, ws, row, 6, l->risk, rs->input_pct);
    xl_formula(x, ws, row, 7, fbuf, rs->money, l->value);
    snprintf(fbuf, sizeof fbuf, "=IF(%s>0,%s*(1-%s),%s)", h, h, rk, h); /* a loss stays whole */
    xl_formula(x, ws, row, 8, fbuf, rs->money, l->adjusted);
}

/* The benefit lines and their risk-adjusted total. */
static void S_roi_lines(roi_sheet_t *rs)
{
    xl_t *x = rs->x;
    const roi_result_t *ro = rs->ro;
    char fbuf[64];
    static const char *const bh[] = {
        "Benefit line",    "Baseline measure",      "Baseline period (days)",
        "Current measure", "Current period (days)", "Unit value",
        "Risk adjustment", "Annual value",          "Risk-adjusted"};
    for (int c = 0; c < 9; c++)
        xl_str(x, rs->ws, rs->row, (lxw_col_t)c, bh[c], x->header);
    rs->row++;
    lxw_row_t line_first = rs->row;
    rs->line_first = line_first;
    double bdays = rs->f->roi_baseline ? rs->f->roi_baseline->seconds / 86400.0 : 365.25;
    double cdays = rs->f->roi_current ? rs->f->roi_current->seconds / 86400.0 : 365.25;
    for (size_t i = 0; i < ro->nlines; i++, rs->row++)
        S_roi_line(rs, &ro->lines[i], bdays, cdays);
    lxw_row_t line_last = rs->row - 1;
    xl_str(x, rs->ws, rs->row, 0, "Total annual benefit (risk-adjusted)", rs->bold);
    double total_v = 0;
    for (size_t i = 0; i < ro->nlines; i++)
        total_v += ro->lines[i].adjusted;
    S_sum(fbuf, sizeof fbuf, line_first, line_last, 8);
    xl_formula(x, rs->ws, rs->row, 8, fbuf, rs->money_bold, total_v);
    lxw_rowcol_to_cell_abs(rs->total, rs->row, 8, 1, 1);
    rs->row += 2;
}

/* The ramp and the cash flow by year: benefits, costs, net and cumulative, as formulas (rows
 * are written in that order). */
static void S_roi_cashflow(roi_sheet_t *rs)
{
    xl_t *x = rs->x;
    lxw_worksheet *ws = rs->ws;
    const roi_result_t *ro = rs->ro;
    const int n = rs->n;
    char c1[16], c2[16], fbuf[2048];
    S_roi_years(rs, "Cash flow");
    rs->ramp_row = rs->row, rs->ben_row = rs->row + 1, rs->cost_row = rs->row + 2;
    rs->net_row = rs->row + 3, rs->cum_row = rs->row + 4;
    xl_str(x, ws, rs->ramp_row, 0, "Ramp (share of the full benefit)", NULL);
    for (int t = 1; t <= n; t++)
        xl_number(x, ws, rs->ramp_row, (lxw_col_t)(1 + t), rs->a->ramp[t - 1], rs->input_pct);
    xl_str(x, ws, rs->ben_row, 0, "Benefits", rs->bold);
    xl_str(x, ws, rs->cost_row, 0, "Costs", rs->bold);
    xl_str(x, ws, rs->net_row, 0, "Net cash flow", rs->bold);
    xl_str(x, ws, rs->cum_row, 0, "Cumulative", rs->bold);
    xl_formula(x, ws, rs->ben_row, 1, "=0", rs->money, 0);
    for (int t = 1; t <= n; t++) {
        xl_ref(c1, rs->ramp_row, (lxw_col_t)(1 + t));
        snprintf(fbuf, sizeof fbuf, "=%s*%s", c1, rs->total);
        xl_formula(x, ws, rs->ben_row, (lxw_col_t)(1 + t), fbuf, rs->money, ro->benefits[t]);
    }
    for (int t = 0; t <= n; t++) {
        xl_ref(c1, rs->cost_total, (lxw_col_t)(1 + t));
        snprintf(fbuf, sizeof fbuf, "=%s", c1);
        xl_formula(x, ws, rs->cost_row, (lxw_col_t)(1 + t), fbuf, rs->money, ro->costs[t]);
    }
    for (int t = 0; t <= n; t++) {
        xl_ref(c1, rs->ben_row, (lxw_col_t)(1 + t));
        xl_ref(c2, rs->cost_row, (lxw_col_t)(1 + t));
        snprintf(fbuf, sizeof fbuf, "=%s-%s", c1, c2);
        xl_formula(x, ws, rs->net_row, (lxw_col_t)(1 + t), fbuf, rs->money,
                   ro->benefits[t] - ro->costs[t]);
    }
    double cum = 0;
    for (int t = 0; t <= n; t++) {
        cum += ro->benefits[t] - ro->costs[t];
        xl_ref(c1, rs->net_row, (lxw_col_t)(1 + t));
        if (t == 0) {
            snprintf(fbuf, sizeof fbuf, "=%s", c1);
        } else {
            xl_ref(c2, rs->cum_row, (lxw_col_t)t);
            snprintf(fbuf, sizeof fbuf, "=%s+%s", c2, c1);
        }
        xl_formula(x, ws, rs->cum_row, (lxw_col_t)(1 + t), fbuf, rs->money, cum);
    }
    rs->row = rs->cum_row + 2;
}

/* Payback: the first year whose cumulative cash flow reaches 0, interpolated within it. */
static void S_roi_payback(roi_sheet_t *rs)
{
    strbuf_t pb = {0};
    char cz[16];
    xl_ref(cz, rs->cum_row, 1);
    strbuf_printf(&pb, "=IF(%s>=0,0,", cz);
    for (int t = 1; t <= rs->n; t++) {
        char ct[16], cp[16], nt[16];
        xl_ref(ct, rs->cum_row, (lxw_col_t)(1 + t));
        xl_ref(cp, rs->cum_row, (lxw_col_t)t);
        xl_ref(nt, rs->net_row, (lxw_col_t)(1 + t));
        strbuf_printf(&pb, "IF(AND(%s>0,%s>=0),%d+12*(-%s)/%s,", nt, ct, 12 * (t - 1), cp, nt);
    }
    strbuf_puts(&pb, "\"\"");
    for (int t = 0; t <= rs->n; t++)
        strbuf_putc(&pb, ')');
    xl_str(rs->x, rs->ws, rs->row, 0, "Payback (months)", rs->bold);
    xl_formula(rs->x, rs->ws, rs->row, 1, pb.data, rs->x->number[1], rs->ro->payback_months);
    strbuf_clear(&pb);
    rs->row++;
}

/* The cells of one cash-flow row that the formulas name: year 0, year 1 and the last year. */
typedef struct flow_cells {
    char y0[16], y1[16], last[16];
} flow_cells_t;

static flow_cells_t S_flow_cells(const roi_sheet_t *rs, lxw_row_t row)
{
    flow_cells_t c;
    xl_ref(c.y0, row, 1);
    xl_ref(c.y1, row, 2);
    xl_ref(c.last, row, (lxw_col_t)(1 + rs->n));
    return c;
}

/* The results as formulas over the cash flow: PV of benefits and costs, NPV, ROI, payback,
 * IRR. */
static void S_roi_results(roi_sheet_t *rs)
{
    xl_t *x = rs->x;
    lxw_worksheet *ws = rs->ws;
    const roi_result_t *ro = rs->ro;
    char fbuf[2048], pvb[16], pvc[16], npv[16];
    flow_cells_t b = S_flow_cells(rs, rs->ben_row), k = S_flow_cells(rs, rs->cost_row);
    flow_cells_t net = S_flow_cells(rs, rs->net_row);
    xl_str(x, ws, rs->row, 0, "PV of benefits", rs->bold);
    /* Excel's NPV discounts its first value: year 0 is added outside it */
    snprintf(fbuf, sizeof fbuf, "=%s+NPV(%s,%s:%s)", b.y0, rs->rate, b.y1, b.last);
    xl_formula(x, ws, rs->row, 1, fbuf, rs->money_bold, ro->pv_benefits);
    xl_ref(pvb, rs->row, 1);
    rs->row++;
    xl_str(x, ws, rs->row, 0, "PV of costs", rs->bold);
    snprintf(fbuf, sizeof fbuf, "=%s+NPV(%s,%s:%s)", k.y0, rs->rate, k.y1, k.last);
    xl_formula(x, ws, rs->row, 1, fbuf, rs->money_bold, ro->pv_costs);
    xl_ref(pvc, rs->row, 1);
    rs->row++;
    xl_str(x, ws, rs->row, 0, "NPV", rs->bold);
    snprintf(fbuf, sizeof fbuf, "=%s-%s", pvb, pvc);
    xl_formula(x, ws, rs->row, 1, fbuf, rs->money_bold, ro->npv);
    xl_ref(npv, rs->row, 1);
    lxw_rowcol_to_cell_abs(rs->npv, rs->row, 1, 1, 1);
    rs->row++;
    xl_str(x, ws, rs->row, 0, "ROI %", rs->bold);
    snprintf(fbuf, sizeof fbuf, "=IF(%s>0,100*%s/%s,\"\")", pvc, npv, pvc);
    xl_formula(x, ws, rs->row, 1, fbuf, x->number[2], ro->roi_pct);
    rs->row++;
    S_roi_payback(rs);
    xl_str(x, ws, rs->row, 0, "IRR", rs->bold);
    snprintf(fbuf, sizeof fbuf, "=IFERROR(IRR(%s:%s),\"\")", net.y0, net.last);
    xl_formula(x, ws, rs->row, 1, fbuf, x->fraction, isnan(ro->irr) ? NAN : ro->irr);
    rs->row += 2;
}

/* The adjusted-benefit cells of the lines an assumption scales ("+I20+I21"), empty when it
 * scales none: the downtime lines for the downtime cost, "incidents", "breaches", or the named
 * benefit of that name. */
static void S_roi_lines_of(const roi_sheet_t *rs, const char *assumption, strbuf_t *sb)
{
    for (size_t i = 0; i < rs->ro->nlines; i++) {
        const roi_line_t *l = &rs->ro->lines[i];
        int hit;
        if (!strcmp(assumption, "downtime cost per hour"))
            hit = l->measured && !strncmp(l->name, "downtime", 8);
        else if (!strcmp(assumption, "cost per incident"))
            hit = l->measured && !strcmp(l->name, "incidents");
        else if (!strcmp(assumption, "cost per breach"))
            hit = l->measured && !strcmp(l->name, "breaches");
        else
            hit = !l->measured && !strcmp(l->name, assumption);
        if (hit) {
            char c[16];
            xl_ref(c, rs->line_first + (lxw_row_t)i, 8);
            strbuf_printf(sb, "+%s", c);
        }
    }
}

/*
 * One sensitivity cell (column 1: −20 %, 2: +20 %) as a formula over the live model: NPV is
 * linear in every assumption but the discount rate, so scaling one by f moves it by (f − 1)
 * times that assumption's present value; the discount rate re-discounts the cash-flow rows.
 * Agrees with roi_sensitivity, which recomputes the model (docs/metrics.md §12).
 */
static void S_roi_sensitivity_cell(roi_sheet_t *rs, const char *assumption, int col, double cached)
{
    const char *d = col == 1 ? "-0.2" : "0.2", *f = col == 1 ? "0.8" : "1.2";
    flow_cells_t b = S_flow_cells(rs, rs->ben_row), k = S_flow_cells(rs, rs->cost_row);
    flow_cells_t ramp = S_flow_cells(rs, rs->ramp_row);
    strbuf_t sb = {0};
    if (!strcmp(assumption, "discount rate")) {
        strbuf_printf(&sb, "=%s+NPV(%s*%s,%s:%s)-(%s+NPV(%s*%s,%s:%s))", b.y0, rs->rate, f, b.y1,
                      b.last, k.y0, rs->rate, f, k.y1, k.last);
    } else if (!strcmp(assumption, "initial costs")) {
        strbuf_printf(&sb, "=%s-(%s)*%s", rs->npv, d, k.y0); /* year 0 holds the initial costs */
    } else if (!strcmp(assumption, "annual costs")) {
        strbuf_printf(&sb, "=%s-(%s)*NPV(%s,%s:%s)", rs->npv, d, rs->rate, k.y1, k.last);
    } else {
        strbuf_t lines = {0};
        S_roi_lines_of(rs, assumption, &lines);
        /* a benefit line scaled by f > 0 keeps its sign, so its risk-adjusted value scales too */
        strbuf_printf(&sb, "=%s+(%s)*(0%s)*NPV(%s,%s:%s)", rs->npv, d, lines.len ? lines.data : "",
                      rs->rate, ramp.y1, ramp.last);
        strbuf_clear(&lines);
    }
    xl_formula(rs->x, rs->ws, rs->row, (lxw_col_t)col, sb.data, rs->money, cached);
    strbuf_clear(&sb);
}

/* The scenarios and the sensitivity, as iso20k computed them (values, not formulas). */
static void S_roi_computed(roi_sheet_t *rs)
{
    xl_t *x = rs->x;
    lxw_worksheet *ws = rs->ws;
    const report_facts_t *f = rs->f;
    xl_str(x, ws, rs->row++, 0, "Scenarios (computed by iso20k from the ROI assumptions)",
           x->subtitle);
    static const char *const sh[] = {"Scenario", "NPV", "ROI %", "Payback (months)", "IRR"};
    for (int c = 0; c < 5; c++)
        xl_str(x, ws, rs->row, (lxw_col_t)c, sh[c], x->header);
    rs->row++;
    for (size_t i = 0; i <= f->nroi_scenarios; i++, rs->row++) {
        const roi_result_t *sc = i == 0 ? rs->ro : &f->roi_scenarios[i - 1];
        xl_str(x, ws, rs->row, 0, sc->scenario, NULL);
        double v[4] = {sc->npv, sc->roi_pct, sc->payback_months, sc->irr};
        lxw_format *fm[4] = {rs->money, x->number[2], x->number[1], x->fraction};
        for (int c = 0; c < 4; c++)
            if (num_shown(v[c]))
                xl_number(x, ws, rs->row, (lxw_col_t)(1 + c), v[c], fm[c]);
    }
    rs->row++;
    xl_str(x, ws, rs->row++, 0,
           "Sensitivity of NPV to ±20 % on each assumption (live: it follows the inputs above)",
           x->subtitle);
    static const char *const th[] = {"Assumption", "NPV at −20 %", "NPV at +20 %"};
    for (int c = 0; c < 3; c++)
        xl_str(x, ws, rs->row, (lxw_col_t)c, th[c], x->header);
    rs->row++;
    rs->sens_first = rs->row;
    for (size_t i = 0; i < f->nroi_sensitivity; i++, rs->row++) {
        const roi_sensitivity_t *sv = &f->roi_sensitivity[i];
        xl_str(x, ws, rs->row, 0, sv->assumption, NULL);
        S_roi_sensitivity_cell(rs, sv->assumption, 1, sv->npv_low);
        S_roi_sensitivity_cell(rs, sv->assumption, 2, sv->npv_high);
    }
}

/* Native charts: the cumulative cash flow over the live row, and the sensitivity. */
static void S_roi_charts(roi_sheet_t *rs)
{
    xl_t *x = rs->x;
    const char *sheet = rs->sheet;
    lxw_chart *ch = workbook_add_chart(x->wb, LXW_CHART_LINE);
    if (ch) {
        lxw_chart_series *ser = chart_add_series(ch, NULL, NULL);
        chart_series_set_categories(ser, sheet, rs->cum_row - 5, 1, rs->cum_row - 5,
                                    (lxw_col_t)(1 + rs->n));
        chart_series_set_values(ser, sheet, rs->cum_row, 1, rs->cum_row, (lxw_col_t)(1 + rs->n));
        strbuf_t sb = {0};
        chart_series_set_name(ser, xl_chart_name(&sb, "Cumulative net cash flow"));
        xl_series_color(x, ser, LXW_CHART_LINE, 0);
        chart_title_set_name(ch, xl_chart_name(&sb, "Cumulative cash flow"));
        chart_axis_set_name(ch->y_axis, xl_chart_name(&sb, rs->a->currency));
        strbuf_clear(&sb);
        chart_legend_set_position(ch, LXW_CHART_LEGEND_NONE);
        lxw_chart_options opt = {.x_scale = 1.2, .y_scale = 1.0};
        xl_check(x, worksheet_insert_chart_opt(rs->ws, 4, 11, ch, &opt));
    }
    if (!rs->f->nroi_sensitivity)
        return;
    lxw_chart *tc = workbook_add_chart(x->wb, LXW_CHART_BAR);
    if (!tc)
        return;
    for (int c = 1; c <= 2; c++) {
        lxw_chart_series *ser = chart_add_series(tc, NULL, NULL);
        chart_series_set_categories(ser, sheet, rs->sens_first, 0, rs->row - 1, 0);
        chart_series_set_values(ser, sheet, rs->sens_first, (lxw_col_t)c, rs->row - 1,
                                (lxw_col_t)c);
        chart_series_set_name_range(ser, sheet, rs->sens_first - 1, (lxw_col_t)c);
        xl_series_color(x, ser, LXW_CHART_BAR, (size_t)(c - 1));
    }
    strbuf_t sb = {0};
    chart_title_set_name(tc, xl_chart_name(&sb, "Sensitivity of NPV (±20 %)"));
    strbuf_clear(&sb);
    chart_legend_set_position(tc, LXW_CHART_LEGEND_BOTTOM);
    lxw_chart_options opt = {.x_scale = 1.2, .y_scale = 1.1};
    xl_check(x, worksheet_insert_chart_opt(rs->ws, 22, 11, tc, &opt));
}

void xl_roi_sheet(xl_t *x, const report_section_t *sec)
{
    roi_sheet_t rs;
    memset(&rs, 0, sizeof rs);
    rs.x = x;
    rs.sheet = sec->sheet;
    rs.f = &x->r->facts;
    rs.ro = rs.f->roi;
    rs.a = &rs.f->cfg->roi_model->base;
    rs.n = rs.a->horizon_years;
    rs.ws = workbook_add_worksheet(x->wb, sec->sheet);
    if (!rs.ws) {
        xl_check(x, LXW_ERROR_SHEETNAME_ALREADY_USED);
        return;
    }
    S_roi_formats(&rs);
    xl_title_block(x, rs.ws, sec->title);
    rs.row = 4;
    xl_str(x, rs.ws, rs.row++, 0,
           "A live model of docs/metrics.md §12: edit the yellow cells and every result below "
           "recalculates. The values shown before recalculation are iso20k's own.",
           x->note);
    rs.row++;
    S_roi_costs(&rs);
    S_roi_lines(&rs);
    S_roi_cashflow(&rs);
    S_roi_results(&rs);
    S_roi_computed(&rs);
    S_roi_charts(&rs);
    xl_check(x, worksheet_set_column(rs.ws, 0, 0, 38, NULL));
    xl_check(x, worksheet_set_column(rs.ws, 1, 9, 15, NULL));
    worksheet_freeze_panes(rs.ws, 4, 1);
    xl_print(x, rs.ws, 1, 1, 1, 0);
    worksheet_protect(rs.ws, NULL, NULL); /* formulas locked; the yellow inputs stay editable */
}
