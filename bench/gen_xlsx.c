/*
 * Writes a benchmark workbook: ROWS canonical ticket rows of 20 columns (17 the tickets profile
 * reads, 3 it ignores) on one sheet, as Excel writes them: text through the shared-string table,
 * times as date cells, counts as numbers. UNIQUE=1 gives every row its own title (the shared
 * strings then grow with the rows); otherwise titles repeat every 500 rows.
 * usage: gen_xlsx OUT.xlsx ROWS [UNIQUE]
 */
#include <stdio.h>
#include <stdlib.h>
#include <xlsxwriter.h>

int main(int argc, char **argv)
{
    if (argc < 3)
        return 64;
    long rows = strtol(argv[2], NULL, 10);
    int unique = argc > 3 && argv[3][0] == '1';
    static const char *const head[] = {
        "id", "kind", "service", "priority", "status", "opened_at", "first_response_at",
        "resolved_at", "closed_at", "group", "assignee", "channel", "reopen_count",
        "reassignment_count", "title", "change_type", "outcome", "category", "location",
        "caller"};
    static const char *const kinds[] = {"incident", "request", "incident", "change", "problem"};
    static const char *const services[] = {"Email", "ERP", "Customer Portal", "VPN", "Payroll"};
    lxw_workbook *wb = workbook_new(argv[1]);
    lxw_worksheet *ws = workbook_add_worksheet(wb, "Tickets");
    lxw_format *dt = workbook_add_format(wb);
    format_set_num_format(dt, "yyyy-mm-dd hh:mm:ss");
    for (int c = 0; c < 20; c++)
        worksheet_write_string(ws, 0, (lxw_col_t)c, head[c], NULL);
    char buf[64];
    for (long i = 0; i < rows; i++) {
        lxw_row_t r = (lxw_row_t)(i + 1);
        int kind = (int)(i % 5);
        snprintf(buf, sizeof buf, "T%07ld", i);
        worksheet_write_string(ws, r, 0, buf, NULL);
        worksheet_write_string(ws, r, 1, kinds[kind], NULL);
        worksheet_write_string(ws, r, 2, services[i % 5], NULL);
        worksheet_write_number(ws, r, 3, (double)(1 + i % 4), NULL);
        worksheet_write_string(ws, r, 4, i % 20 ? "closed" : "in_progress", NULL);
        long s = i % 80000;
        lxw_datetime o = {2026, 10, (int)(1 + i % 28), (int)(s / 3600 % 24), (int)(s / 60 % 60),
                          (double)(s % 60)};
        worksheet_write_datetime(ws, r, 5, &o, dt);
        o.min = (o.min + 10) % 60;
        o.hour = o.min < 10 ? o.hour + 1 : o.hour;
        if (o.hour > 23)
            o.hour = 23;
        worksheet_write_datetime(ws, r, 6, &o, dt);
        if (i % 20) {
            o.day = o.day < 28 ? o.day + 1 : o.day;
            worksheet_write_datetime(ws, r, 7, &o, dt);
            worksheet_write_datetime(ws, r, 8, &o, dt);
        }
        snprintf(buf, sizeof buf, "Group %ld", i % 9);
        worksheet_write_string(ws, r, 9, buf, NULL);
        snprintf(buf, sizeof buf, "Agent %ld", i % 120);
        worksheet_write_string(ws, r, 10, buf, NULL);
        worksheet_write_string(ws, r, 11, i % 3 ? "email" : "phone", NULL);
        worksheet_write_number(ws, r, 12, (double)(i % 7 == 0), NULL);
        worksheet_write_number(ws, r, 13, (double)(i % 4), NULL);
        snprintf(buf, sizeof buf, "Title %ld, \"quoted\" and ünïcödé", unique ? i : i % 500);
        worksheet_write_string(ws, r, 14, buf, NULL);
        if (kind == 3) {
            worksheet_write_string(ws, r, 15, "normal", NULL);
            worksheet_write_string(ws, r, 16, "successful", NULL);
        }
        snprintf(buf, sizeof buf, "Category %ld", i % 30);
        worksheet_write_string(ws, r, 17, buf, NULL);
        snprintf(buf, sizeof buf, "Site %ld", i % 12);
        worksheet_write_string(ws, r, 18, buf, NULL);
        snprintf(buf, sizeof buf, "Caller %ld", i % 2000);
        worksheet_write_string(ws, r, 19, buf, NULL);
    }
    return workbook_close(wb) == LXW_NO_ERROR ? 0 : 1;
}
