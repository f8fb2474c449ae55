/*
 * profile_tables — the built-in tool profiles of docs/configuration.md §9 as data. Header names
 * come from each tool's real exports (docs/configuration.md lists them per profile); vocabularies
 * are matched case-insensitively; time formats are candidates, chosen per column from the data.
 */
#include "input/profile_tables.h"

/* The tables are laid out by hand, a vocabulary or a profile per paragraph. */
/* clang-format off */
/* ---- vocabularies shared by the tool profiles ---- */

const vocab_t profile_kinds_common[] = {
    {"incident", KIND_INCIDENT}, {"service request", KIND_REQUEST}, {"request", KIND_REQUEST},
    {"service request with approvals", KIND_REQUEST}, {"demande", KIND_REQUEST},
    {"question", KIND_REQUEST}, {"task", KIND_REQUEST}, {"sc_req_item", KIND_REQUEST},
    {"problem", KIND_PROBLEM}, {"problème", KIND_PROBLEM}, {"change", KIND_CHANGE},
    {"change request", KIND_CHANGE}, {"changement", KIND_CHANGE}, END_VOCAB};

const vocab_t profile_priorities_common[] = {
    {"critical", 1}, {"urgent", 1}, {"highest", 1}, {"very high", 1}, {"blocker", 1},
    {"high", 2}, {"major", 2}, {"medium", 3}, {"moderate", 3}, {"normal", 3}, {"low", 4},
    {"minor", 4}, {"lowest", 5}, {"very low", 5}, {"planning", 5}, {"trivial", 5}, END_VOCAB};

const vocab_t profile_statuses_common[] = {
    {"new", TSTATUS_NEW}, {"nouveau", TSTATUS_NEW}, {"to do", TSTATUS_NEW},
    {"waiting for support", TSTATUS_NEW},
    {"active", TSTATUS_IN_PROGRESS}, {"open", TSTATUS_IN_PROGRESS},
    {"in progress", TSTATUS_IN_PROGRESS}, {"work in progress", TSTATUS_IN_PROGRESS},
    {"assigned", TSTATUS_IN_PROGRESS}, {"escalated", TSTATUS_IN_PROGRESS},
    {"en cours (attribué)", TSTATUS_IN_PROGRESS}, {"en cours (planifié)", TSTATUS_IN_PROGRESS},
    {"processing (assigned)", TSTATUS_IN_PROGRESS}, {"processing (planned)", TSTATUS_IN_PROGRESS},
    {"on hold", TSTATUS_ON_HOLD}, {"hold", TSTATUS_ON_HOLD}, {"pending", TSTATUS_ON_HOLD},
    {"awaiting user info", TSTATUS_ON_HOLD}, {"awaiting vendor", TSTATUS_ON_HOLD},
    {"awaiting problem", TSTATUS_ON_HOLD}, {"awaiting evidence", TSTATUS_ON_HOLD},
    {"awaiting change", TSTATUS_ON_HOLD}, {"en attente", TSTATUS_ON_HOLD},
    {"waiting for customer", TSTATUS_ON_HOLD}, {"waiting on customer", TSTATUS_ON_HOLD},
    {"waiting on third party", TSTATUS_ON_HOLD},
    {"resolved", TSTATUS_RESOLVED}, {"solved", TSTATUS_RESOLVED}, {"résolu", TSTATUS_RESOLVED},
    {"done", TSTATUS_RESOLVED},
    {"closed", TSTATUS_CLOSED}, {"clos", TSTATUS_CLOSED}, {"completed", TSTATUS_CLOSED},
    {"canceled", TSTATUS_CANCELLED}, {"cancelled", TSTATUS_CANCELLED},
    {"canceled by user", TSTATUS_CANCELLED}, {"declined", TSTATUS_CANCELLED}, END_VOCAB};

const vocab_t profile_outcomes_common[] = {
    {"successful", OUTCOME_SUCCESSFUL}, {"success", OUTCOME_SUCCESSFUL},
    {"successful with issues", OUTCOME_SUCCESSFUL}, {"failed", OUTCOME_FAILED},
    {"unsuccessful", OUTCOME_FAILED}, {"backed out", OUTCOME_BACKED_OUT},
    {"backed_out", OUTCOME_BACKED_OUT}, {"rolled back", OUTCOME_BACKED_OUT},
    {"cancelled", OUTCOME_CANCELLED}, {"canceled", OUTCOME_CANCELLED}, END_VOCAB};

const vocab_t profile_change_types_common[] = {
    {"normal", CHANGE_NORMAL}, {"standard", CHANGE_STANDARD}, {"emergency", CHANGE_EMERGENCY},
    {"minor", CHANGE_STANDARD}, {"major", CHANGE_NORMAL}, END_VOCAB};

static const vocab_t OUTAGE_TYPES_COMMON[] = {
    {"outage", OUTAGE_OUTAGE}, {"planned outage", OUTAGE_PLANNED}, {"planned", OUTAGE_PLANNED},
    {"maintenance", OUTAGE_PLANNED}, {"degradation", OUTAGE_DEGRADATION},
    {"degraded", OUTAGE_DEGRADATION}, END_VOCAB};

/* ---- the canonical formats (docs/configuration.md §6): exact names and values ---- */

const vocab_t profile_kinds_canonical[] = {
    {"incident", KIND_INCIDENT}, {"request", KIND_REQUEST}, {"problem", KIND_PROBLEM},
    {"change", KIND_CHANGE}, END_VOCAB};
const vocab_t profile_statuses_canonical[] = {
    {"new", TSTATUS_NEW}, {"in_progress", TSTATUS_IN_PROGRESS}, {"on_hold", TSTATUS_ON_HOLD},
    {"resolved", TSTATUS_RESOLVED}, {"closed", TSTATUS_CLOSED}, {"cancelled", TSTATUS_CANCELLED},
    END_VOCAB};
static const vocab_t OUTCOMES_CANONICAL[] = {
    {"successful", OUTCOME_SUCCESSFUL}, {"failed", OUTCOME_FAILED},
    {"backed_out", OUTCOME_BACKED_OUT}, {"cancelled", OUTCOME_CANCELLED}, END_VOCAB};
static const vocab_t CHANGE_TYPES_CANONICAL[] = {
    {"normal", CHANGE_NORMAL}, {"standard", CHANGE_STANDARD}, {"emergency", CHANGE_EMERGENCY},
    END_VOCAB};
static const vocab_t OUTAGE_TYPES_CANONICAL[] = {
    {"outage", OUTAGE_OUTAGE}, {"degradation", OUTAGE_DEGRADATION}, {"planned", OUTAGE_PLANNED},
    END_VOCAB};

const char *const profile_formats_iso[] = {"iso", NULL};

static const coldef_t COLS_TICKETS[] = {
    {F_ID, "id"}, {F_KIND, "kind"}, {F_SERVICE, "service"}, {F_PRIORITY, "priority"},
    {F_STATUS, "status"}, {F_OPENED, "opened_at"}, {F_FIRST_RESPONSE, "first_response_at"},
    {F_RESOLVED, "resolved_at"}, {F_CLOSED, "closed_at"}, {F_GROUP, "group"},
    {F_ASSIGNEE, "assignee"}, {F_CHANNEL, "channel"}, {F_REOPEN, "reopen_count"},
    {F_REASSIGN, "reassignment_count"}, {F_TITLE, "title"}, {F_CHANGE_TYPE, "change_type"},
    {F_OUTCOME, "outcome"}, END_COLS};
static const coldef_t COLS_OUTAGES[] = {
    {F_O_SERVICE, "service"}, {F_O_START, "start"}, {F_O_END, "end"}, {F_O_TYPE, "type"},
    {F_O_ID, "id"}, {F_O_DESCRIPTION, "description"}, END_COLS};
static const coldef_t COLS_CSAT[] = {
    {F_S_RESPONDED, "responded_at"}, {F_S_SCORE, "score"}, {F_S_TICKET, "ticket_id"},
    {F_S_NPS, "nps"}, {F_S_COMMENT, "comment"}, END_COLS};

/* ---- ServiceNow ---- */

static const char *const FORMATS_SERVICENOW[] = {
    "iso", "%d/%m/%Y %H:%M[:%S]", "%m/%d/%Y %H:%M[:%S]", "%d-%m-%Y %H:%M[:%S]",
    "%m-%d-%Y %H:%M[:%S]", "%d.%m.%Y %H:%M[:%S]", NULL};

/* Each ServiceNow column by its field name (CSV) and then its field label (Excel .xls and .xlsx
 * exports write labels; older releases say "Business service" and "Contact type"). */
static const coldef_t COLS_SERVICENOW_INCIDENT[] = {
    {F_ID, "number"}, {F_STATUS, "incident_state|incident state|state"}, {F_PRIORITY, "priority"},
    {F_OPENED, "opened_at|opened"}, {F_RESOLVED, "resolved_at|resolved"},
    {F_CLOSED, "closed_at|closed"},
    {F_SERVICE, "business_service|service|business service|cmdb_ci|configuration item|u_service|"
                "service_offering|service offering"},
    {F_GROUP, "assignment_group|assignment group"}, {F_ASSIGNEE, "assigned_to|assigned to"},
    {F_CHANNEL, "contact_type|channel|contact type"},
    {F_REOPEN, "reopen_count|reopen count"}, {F_REASSIGN, "reassignment_count|reassignment count"},
    {F_TITLE, "short_description|short description"},
    {F_UPDATED, "sys_updated_on|sys_updated_at|updated"}, {F_SEQ, "sys_mod_count|updates"},
    {F_FIRST_RESPONSE, "u_first_response|first_response_at|first response"}, END_COLS};

static const coldef_t COLS_SERVICENOW_OUTAGE[] = {
    {F_O_ID, "number"},
    {F_O_SERVICE, "cmdb_ci|configuration item|business_service|business service|service"},
    {F_O_TYPE, "type"}, {F_O_START, "begin"}, {F_O_END, "end"},
    {F_O_DESCRIPTION, "details|short_description|short description"}, END_COLS};

static const coldef_t COLS_SERVICENOW_SURVEY[] = {
    {F_S_RESPONDED, "sys_created_on|taken_on|created|taken on"},
    {F_S_SCORE, "actual_value|actual value"}, {F_S_NPS, "nps_value|nps value"},
    {F_S_COMMENT, "string_value|string value"}, {F_S_TICKET, "trigger_id|task|trigger id"},
    END_COLS};

/* ---- Freshservice ---- */

static const char *const FORMATS_FRESHSERVICE[] = {
    "iso", "%d-%m-%Y %H:%M[:%S]", "%m-%d-%Y %H:%M[:%S]", "%d/%m/%Y %H:%M[:%S]",
    "%m/%d/%Y %H:%M[:%S]", NULL};

static const coldef_t COLS_FRESHSERVICE_TICKET[] = {
    {F_ID, "ticket id"}, {F_TITLE, "subject"}, {F_KIND, "type"}, {F_STATUS, "status"},
    {F_PRIORITY, "priority"}, {F_GROUP, "group"}, {F_ASSIGNEE, "agent"},
    {F_OPENED, "created time"}, {F_RESOLVED, "resolved time"}, {F_CLOSED, "closed time"},
    {F_UPDATED, "last updated time"}, {F_FIRST_RESPONSE, "initial response time"},
    {F_RESPONSE_DURATION, "first response time (in hrs)"}, {F_CHANNEL, "source"},
    {F_SERVICE, "service|category"}, END_COLS};

static const vocab_t SCORES_FRESHSERVICE[] = {
    {"extremely happy", 5}, {"very happy", 5}, {"happy", 4}, {"neutral", 3}, {"unhappy", 2},
    {"very unhappy", 1}, {"extremely unhappy", 1}, {"103", 5}, {"102", 5}, {"101", 4},
    {"100", 3}, {"-101", 2}, {"-102", 1}, {"-103", 1}, END_VOCAB};

static const coldef_t COLS_FRESHSERVICE_SURVEY[] = {
    {F_S_TICKET, "ticket id|ticket_id"}, {F_S_SCORE, "rating|ratings|survey result"},
    {F_S_COMMENT, "feedback|comments|comment"},
    {F_S_RESPONDED, "responded at|created at|created time|created_at|updated at"}, END_COLS};

/* ---- ManageEngine ServiceDesk Plus ---- */

static const char *const FORMATS_MANAGEENGINE[] = {
    "%d-%m-%Y %H:%M[:%S]", "%d/%m/%Y %H:%M[:%S]", "%m-%d-%Y %H:%M[:%S]",
    "%m/%d/%Y %H:%M[:%S]", "%d %b %Y, %H:%M:%S", "%b %d, %Y %I:%M %p", "iso", "epoch_ms", NULL};

static const coldef_t COLS_MANAGEENGINE[] = {
    {F_ID, "request id"}, {F_KIND, "request type"}, {F_CHANNEL, "request mode"},
    {F_STATUS, "request status"}, {F_TITLE, "subject"}, {F_GROUP, "group"},
    {F_ASSIGNEE, "technician"}, {F_PRIORITY, "priority"}, {F_OPENED, "created time"},
    {F_FIRST_RESPONSE, "responded date|responded time"}, {F_RESOLVED, "resolved time"},
    {F_CLOSED, "completed time"}, {F_UPDATED, "last update time"},
    {F_REOPENED_FLAG, "reopened"}, {F_SERVICE, "service category|service"}, END_COLS};

/* ---- Jira Service Management ---- */

static const char *const FORMATS_JIRA[] = {
    "%d/%b/%y %I:%M %p", "%d/%b/%Y %I:%M %p", "%d/%b/%y %H:%M", "iso", "%d.%m.%Y %H:%M",
    "%d/%m/%Y %H:%M", "%m/%d/%Y %H:%M", NULL};

static const coldef_t COLS_JIRA[] = {
    {F_TITLE, "summary"}, {F_ID, "issue key"}, {F_KIND, "issue type"}, {F_STATUS, "status"},
    {F_PRIORITY, "priority"}, {F_ASSIGNEE, "assignee"}, {F_OPENED, "created"},
    {F_UPDATED, "updated"}, {F_RESOLVED, "resolved"},
    {F_CHANNEL, "custom field (request type)"},
    {F_SERVICE, "custom field (affected services)|component/s|components"},
    {F_GROUP, "custom field (team)|custom field (assignment group)"}, END_COLS};

/* ---- Zendesk ---- */

static const char *const FORMATS_ZENDESK[] = {
    "iso", "%Y-%m-%d %H:%M[:%S] %z", "%d/%m/%Y %H:%M", "%m/%d/%Y %H:%M", NULL};

static const coldef_t COLS_ZENDESK[] = {
    {F_ID, "id"}, {F_GROUP, "group"}, {F_ASSIGNEE, "assignee"}, {F_TITLE, "subject"},
    {F_STATUS, "status"}, {F_PRIORITY, "priority"}, {F_CHANNEL, "via"},
    {F_KIND, "ticket type"}, {F_OPENED, "created at"}, {F_UPDATED, "updated at"},
    {F_RESOLVED, "solved at"}, {F_REOPEN, "reopens"},
    {F_RESPONSE_DURATION, "first reply time in minutes"},
    {F_ASSIGNEE_STATIONS, "assignee stations"}, {F_SERVICE, "organization"}, END_COLS};

static const vocab_t STATUSES_ZENDESK[] = {
    {"new", TSTATUS_NEW}, {"open", TSTATUS_IN_PROGRESS}, {"pending", TSTATUS_ON_HOLD},
    {"hold", TSTATUS_ON_HOLD}, {"on-hold", TSTATUS_ON_HOLD}, {"solved", TSTATUS_RESOLVED},
    {"closed", TSTATUS_CLOSED}, {"deleted", TSTATUS_CANCELLED}, END_VOCAB};

/* ---- GLPI (French and English user interface) ---- */

static const char *const FORMATS_GLPI[] = {
    "%d-%m-%Y %H:%M[:%S]", "%Y-%m-%d %H:%M[:%S]", "%m-%d-%Y %H:%M[:%S]", "%d/%m/%Y %H:%M[:%S]",
    "iso", NULL};

static const coldef_t COLS_GLPI[] = {
    {F_ID, "id"}, {F_TITLE, "titre|title"}, {F_STATUS, "statut|status"}, {F_KIND, "type"},
    {F_PRIORITY, "priorité|priority"}, {F_OPENED, "date d'ouverture|opening date"},
    {F_UPDATED, "dernière modification|last update"},
    {F_RESOLVED, "date de résolution|resolution date"},
    {F_CLOSED, "date de clôture|closing date"},
    {F_ASSIGNEE, "attribué à - technicien|assigned to - technician"},
    {F_GROUP, "attribué à - groupe de techniciens|assigned to - technician group"},
    {F_SERVICE, "élément associé|associated element|entité|entity"}, END_COLS};

static const vocab_t PRIORITIES_GLPI[] = {
    {"majeure", 1}, {"major", 1}, {"très haute", 1}, {"very high", 1}, {"haute", 2},
    {"high", 2}, {"moyenne", 3}, {"medium", 3}, {"basse", 4}, {"low", 4}, {"très basse", 5},
    {"very low", 5}, END_VOCAB};

static const vocab_t STATUSES_GLPI[] = {
    {"nouveau", TSTATUS_NEW}, {"new", TSTATUS_NEW},
    {"en cours (attribué)", TSTATUS_IN_PROGRESS}, {"en cours (planifié)", TSTATUS_IN_PROGRESS},
    {"processing (assigned)", TSTATUS_IN_PROGRESS}, {"processing (planned)", TSTATUS_IN_PROGRESS},
    {"en attente", TSTATUS_ON_HOLD}, {"pending", TSTATUS_ON_HOLD},
    {"résolu", TSTATUS_RESOLVED}, {"solved", TSTATUS_RESOLVED},
    {"clos", TSTATUS_CLOSED}, {"closed", TSTATUS_CLOSED}, END_VOCAB};

/* name, record, fixed kind, default kind, columns, kinds, priorities, statuses, outcomes,
 * change types, outage types, scores, time formats, missing markers, strict, html,
 * grouped ids, duration unit, servicenow */
const profile_def_t profile_defs[] = {
    {"tickets", REC_TICKET, KIND_NONE, KIND_NONE, COLS_TICKETS, profile_kinds_canonical, NULL,
     profile_statuses_canonical, OUTCOMES_CANONICAL, CHANGE_TYPES_CANONICAL, NULL, NULL, profile_formats_iso, "",
     1, 0, 0, 60, 0},
    {"outages", REC_OUTAGE, KIND_NONE, KIND_NONE, COLS_OUTAGES, NULL, NULL, NULL, NULL, NULL,
     OUTAGE_TYPES_CANONICAL, NULL, profile_formats_iso, "", 1, 0, 0, 60, 0},
    {"csat", REC_SURVEY, KIND_NONE, KIND_NONE, COLS_CSAT, NULL, NULL, NULL, NULL, NULL, NULL,
     NULL, profile_formats_iso, "", 1, 0, 0, 60, 0},
    {"servicenow-incident", REC_TICKET, KIND_INCIDENT, KIND_INCIDENT, COLS_SERVICENOW_INCIDENT,
     NULL, profile_priorities_common, profile_statuses_common, NULL, NULL, NULL, NULL, FORMATS_SERVICENOW, "?",
     0, 0, 0, 60, 1},
    {"servicenow-outage", REC_OUTAGE, KIND_NONE, KIND_NONE, COLS_SERVICENOW_OUTAGE, NULL, NULL,
     NULL, NULL, NULL, OUTAGE_TYPES_COMMON, NULL, FORMATS_SERVICENOW, "?", 0, 0, 0, 60, 1},
    {"servicenow-survey", REC_SURVEY, KIND_NONE, KIND_NONE, COLS_SERVICENOW_SURVEY, NULL, NULL,
     NULL, NULL, NULL, NULL, NULL, FORMATS_SERVICENOW, "?|-1", 0, 0, 0, 60, 1},
    {"freshservice-ticket", REC_TICKET, KIND_NONE, KIND_INCIDENT, COLS_FRESHSERVICE_TICKET,
     profile_kinds_common, profile_priorities_common, profile_statuses_common, NULL, NULL, NULL, NULL,
     FORMATS_FRESHSERVICE, "", 0, 0, 0, 3600, 0},
    {"freshservice-survey", REC_SURVEY, KIND_NONE, KIND_NONE, COLS_FRESHSERVICE_SURVEY, NULL,
     NULL, NULL, NULL, NULL, NULL, SCORES_FRESHSERVICE, FORMATS_FRESHSERVICE, "", 0, 0, 0,
     60, 0},
    {"manageengine-request", REC_TICKET, KIND_NONE, KIND_REQUEST, COLS_MANAGEENGINE,
     profile_kinds_common, profile_priorities_common, profile_statuses_common, NULL, NULL, NULL, NULL,
     FORMATS_MANAGEENGINE, "-|not assigned", 0, 0, 0, 60, 0},
    {"jira-sm", REC_TICKET, KIND_NONE, KIND_NONE, COLS_JIRA, profile_kinds_common, profile_priorities_common,
     profile_statuses_common, NULL, NULL, NULL, NULL, FORMATS_JIRA, "", 0, 0, 0, 60, 0},
    {"zendesk-ticket", REC_TICKET, KIND_NONE, KIND_REQUEST, COLS_ZENDESK, profile_kinds_common,
     profile_priorities_common, STATUSES_ZENDESK, NULL, NULL, NULL, NULL, FORMATS_ZENDESK, "-", 0, 0,
     0, 60, 0},
    {"glpi-ticket", REC_TICKET, KIND_NONE, KIND_NONE, COLS_GLPI, profile_kinds_common, PRIORITIES_GLPI,
     STATUSES_GLPI, NULL, NULL, NULL, NULL, FORMATS_GLPI, "", 0, 1, 1, 60, 0},
};



const char *const profile_formats_generic[] = {
    "iso", "%d/%m/%Y %H:%M[:%S]", "%m/%d/%Y %H:%M[:%S]", "%d-%m-%Y %H:%M[:%S]",
    "%m-%d-%Y %H:%M[:%S]", "%d.%m.%Y %H:%M[:%S]", "%Y/%m/%d %H:%M[:%S]%f", NULL};


const size_t profile_ndefs = sizeof profile_defs / sizeof profile_defs[0];
/* clang-format on */
