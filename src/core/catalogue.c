/*
 * catalogue — the readiness catalogue as data. Item texts are this project's own wording of
 * what an assessor looks for; they do not reproduce the standard.
 */
#include "core/catalogue.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

/* The tables are laid out by hand, one clause or item a line. */
/* clang-format off */
const char *const check_names[CHECK_COUNT] = {
    "incidents_recorded", "sla_targets_defined", "sla_measured", "availability_targets_defined",
    "availability_measured", "csat_measured", "changes_recorded", "emergency_changes_identified",
    "problems_recorded", "service_reports_produced", "internal_audit_held",
    "review_actions_recorded", "corrective_actions_recorded", "improvements_recorded",
    "supplier_performance_measured", "capacity_monitored"};

const char *const check_titles[CHECK_COUNT] = {
    "Incidents recorded with a priority and a service",
    "SLA targets defined for every kind and priority seen",
    "Response and resolution SLAs measured",
    "Availability targets agreed for every service with outages",
    "Availability measured against targets",
    "Customer satisfaction measured (at least 30 responses)",
    "Changes recorded with type and outcome",
    "Emergency changes identified",
    "Problems recorded",
    "Service reports produced for 3 consecutive periods",
    "Internal audit held in the last 12 months (audits register)",
    "Management-review actions on record (actions register)",
    "Nonconformities with corrective actions (nonconformities register)",
    "Improvements recorded in the last 12 months (improvements register)",
    "Supplier performance measured in the last 12 months (suppliers register)",
    "Capacity measured in the last 12 months (capacity register)"};

int check_by_name(const char *name)
{
    for (int i = 0; i < CHECK_COUNT; i++)
        if (!strcmp(check_names[i], name))
            return i;
    return -1;
}

static const catalogue_clause_t catalogue_clauses[] = {
    {"4", "Context of the organization"},
    {"4.1", "Understanding the organization and its context"},
    {"4.2", "Understanding the needs and expectations of interested parties"},
    {"4.3", "Determining the scope of the service management system"},
    {"4.4", "Service management system"},
    {"5", "Leadership"},
    {"5.1", "Leadership and commitment"},
    {"5.2", "Policy"},
    {"5.2.1", "Establishing the service management policy"},
    {"5.2.2", "Communicating the service management policy"},
    {"5.3", "Organizational roles, responsibilities and authorities"},
    {"6", "Planning"},
    {"6.1", "Actions to address risks and opportunities"},
    {"6.2", "Service management objectives and planning to achieve them"},
    {"6.2.1", "Establish objectives"},
    {"6.2.2", "Plan to achieve objectives"},
    {"6.3", "Plan the service management system"},
    {"7", "Support of the service management system"},
    {"7.1", "Resources"},
    {"7.2", "Competence"},
    {"7.3", "Awareness"},
    {"7.4", "Communication"},
    {"7.5", "Documented information"},
    {"7.5.1", "General"},
    {"7.5.2", "Creating and updating documented information"},
    {"7.5.3", "Control of documented information"},
    {"7.5.4", "Service management system documented information"},
    {"7.6", "Knowledge"},
    {"8", "Operation of the service management system"},
    {"8.1", "Operational planning and control"},
    {"8.2", "Service portfolio"},
    {"8.2.1", "Service delivery"},
    {"8.2.2", "Plan the services"},
    {"8.2.3", "Control of parties involved in the service lifecycle"},
    {"8.2.4", "Service catalogue management"},
    {"8.2.5", "Asset management"},
    {"8.2.6", "Configuration management"},
    {"8.3", "Relationship and agreement"},
    {"8.3.1", "General"},
    {"8.3.2", "Business relationship management"},
    {"8.3.3", "Service level management"},
    {"8.3.4", "Supplier management"},
    {"8.3.4.1", "Management of external suppliers"},
    {"8.3.4.2", "Management of internal suppliers and customers acting as a supplier"},
    {"8.4", "Supply and demand"},
    {"8.4.1", "Budgeting and accounting for services"},
    {"8.4.2", "Demand management"},
    {"8.4.3", "Capacity management"},
    {"8.5", "Service design, build and transition"},
    {"8.5.1", "Change management"},
    {"8.5.1.1", "Change management policy"},
    {"8.5.1.2", "Change management initiation"},
    {"8.5.1.3", "Change management activities"},
    {"8.5.2", "Service design and transition"},
    {"8.5.2.1", "Plan new or changed services"},
    {"8.5.2.2", "Design"},
    {"8.5.2.3", "Build and transition"},
    {"8.5.3", "Release and deployment management"},
    {"8.6", "Resolution and fulfilment"},
    {"8.6.1", "Incident management"},
    {"8.6.2", "Service request management"},
    {"8.6.3", "Problem management"},
    {"8.7", "Service assurance"},
    {"8.7.1", "Service availability management"},
    {"8.7.2", "Service continuity management"},
    {"8.7.3", "Information security management"},
    {"8.7.3.1", "Information security policy"},
    {"8.7.3.2", "Information security controls"},
    {"8.7.3.3", "Information security incidents"},
    {"9", "Performance evaluation"},
    {"9.1", "Monitoring, measurement, analysis and evaluation"},
    {"9.2", "Internal audit"},
    {"9.3", "Management review"},
    {"9.4", "Service reporting"},
    {"10", "Improvement"},
    {"10.1", "Nonconformity and corrective action"},
    {"10.2", "Continual improvement"},
};

static const catalogue_item_t catalogue_items[] = {
    {"4.1-a", "4.1", "Internal and external issues that affect the SMS are listed and reviewed at least yearly, climate change among them.", 1, 0, 0},
    {"4.2-a", "4.2", "Interested parties and what they require of the services are recorded and kept current.", 1, 0, 0},
    {"4.3-a", "4.3", "A written scope names the services, the organisations and the locations the SMS covers.", 1, 'M', 0},
    {"4.4-a", "4.4", "The SMS is set up as a whole: its processes, their interactions and owners are defined.", 1, 0, 0},
    {"5.1-a", "5.1", "Top management visibly sponsors the SMS: it approves objectives, funds resources and attends reviews.", 1, 0, 0},
    {"5.2.1-a", "5.2.1", "A service management policy exists, approved by top management, committing to requirements and improvement.", 1, 'M', 0},
    {"5.2.2-a", "5.2.2", "The policy is available to staff and relevant parties and they know where to find it.", 1, 'M', 0},
    {"5.3-a", "5.3", "Roles for the SMS and each process are assigned, with an SMS owner accountable to management.", 1, 0, 0},
    {"6.1-a", "6.1", "A documented approach identifies risks to the SMS and services, with actions whose effect is checked.", 1, 'M', 0},
    {"6.2.1-a", "6.2.1", "Measurable service management objectives are set and documented for the relevant functions.", 1, 'M', 0},
    {"6.2.2-a", "6.2.2", "Each objective has actions, resources, an owner, a date and a way to evaluate the result.", 1, 0, 0},
    {"6.3-a", "6.3", "A service management plan is written and maintained: services, limits, roles, resources, and how the SMS is run.", 1.5, 'M', 0},
    {"7.1-a", "7.1", "People, budget, tools and suppliers needed to run the SMS are identified and provided.", 1, 0, 0},
    {"7.2-a", "7.2", "Required competences are defined and evidence of training, education or experience is kept.", 1, 'R', 0},
    {"7.3-a", "7.3", "Staff know the policy, the objectives that concern them and what happens if requirements are not met.", 1, 0, 0},
    {"7.4-a", "7.4", "What is communicated about the SMS, when, to whom and by whom is decided and followed.", 1, 0, 0},
    {"7.5.1-a", "7.5.1", "The SMS keeps the documented information the standard requires and what the organisation needs itself.", 1, 0, 0},
    {"7.5.2-a", "7.5.2", "Documents carry an owner, a version and an approval; changes go through review.", 1, 0, 0},
    {"7.5.3-a", "7.5.3", "Documents and records are protected, retained for a defined time and available where needed.", 1, 0, 0},
    {"7.5.4-a", "7.5.4", "The SMS document set is complete: scope, policy, objectives, plan, policies for change, security and continuity, process descriptions, catalogue, SLAs, supplier contracts.", 1.5, 'M', 0},
    {"7.6-a", "7.6", "Knowledge needed to run the services is captured, maintained and shared (for example a knowledge base).", 1, 0, 0},
    {"8.1-a", "8.1", "Processes are planned and controlled against criteria, and outsourced processes are governed.", 1, 0, 0},
    {"8.2.1-a", "8.2.1", "Services are delivered in line with the service management plan and the agreed requirements.", 1, 0, 0},
    {"8.2.2-a", "8.2.2", "Service requirements, dependencies and priorities are determined and planned for.", 1, 0, 0},
    {"8.2.3-a", "8.2.3", "Other parties in the service lifecycle are identified and their part is controlled.", 1, 0, 0},
    {"8.2.4-a", "8.2.4", "A service catalogue describes each service, its intended outcomes and dependencies, and is kept current.", 1, 'M', 0},
    {"8.2.5-a", "8.2.5", "Assets that support the services are managed, including licences and those of other parties.", 1, 0, 0},
    {"8.2.6-a", "8.2.6", "Configuration items are recorded with their relations and their records are accurate and audited.", 1, 'R', 0},
    {"8.3.1-a", "8.3.1", "Relationships with customers, users and suppliers are established and reviewed.", 1, 0, 0},
    {"8.3.2-a", "8.3.2", "Customer complaints are recorded, investigated and closed.", 1, 'R', 0},
    {"8.3.2-b", "8.3.2", "Customer satisfaction is measured regularly on enough responses and the results are acted upon.", 1, 0, CHECK_BIT(CHECK_CSAT_MEASURED)},
    {"8.3.3-a", "8.3.3", "Agreed service levels with measurable targets exist for every service in scope.", 1, 'M', CHECK_BIT(CHECK_SLA_TARGETS)},
    {"8.3.3-b", "8.3.3", "Performance against the service level targets is monitored, reported and acted upon.", 1, 0, CHECK_BIT(CHECK_SLA_MEASURED)},
    {"8.3.4.1-a", "8.3.4.1", "Each external supplier has a contract stating the services, service levels and obligations.", 1, 'M', 0},
    {"8.3.4.1-b", "8.3.4.1", "Supplier performance is reviewed, and disputes with suppliers are recorded and resolved.", 1, 'R', CHECK_BIT(CHECK_SUPPLIER_MEASURES)},
    {"8.3.4.2-a", "8.3.4.2", "Internal suppliers and customers acting as suppliers have documented agreements with targets.", 1, 'M', 0},
    {"8.4.1-a", "8.4.1", "The cost of providing services is budgeted and accounted for.", 1, 0, 0},
    {"8.4.2-a", "8.4.2", "Demand for services is measured and forecast, and the forecast is used.", 1, 0, 0},
    {"8.4.3-a", "8.4.3", "Capacity of people, technology and budget is planned and monitored against demand.", 1, 0, CHECK_BIT(CHECK_CAPACITY)},
    {"8.5.1.1-a", "8.5.1.1", "A change management policy defines what is under change control and what counts as an emergency change.", 1, 'M', 0},
    {"8.5.1.2-a", "8.5.1.2", "Requests for change are recorded and classified before work starts.", 1, 'R', CHECK_BIT(CHECK_CHANGES_RECORDED)},
    {"8.5.1.3-a", "8.5.1.3", "Changes are assessed, approved, scheduled, reviewed after implementation and their outcome recorded.", 1, 'R', CHECK_BIT(CHECK_CHANGES_RECORDED)},
    {"8.5.1.3-b", "8.5.1.3", "Emergency changes are identified, authorised quickly and reviewed afterwards; change success is trended.", 1, 0, CHECK_BIT(CHECK_EMERGENCY_CHANGES)},
    {"8.5.2.1-a", "8.5.2.1", "New or changed services with a major impact are planned with requirements, resources and risks.", 1, 0, 0},
    {"8.5.2.2-a", "8.5.2.2", "Designs of new or changed services are documented and meet the requirements.", 1, 0, 0},
    {"8.5.2.3-a", "8.5.2.3", "New or changed services are built, tested against acceptance criteria and handed over.", 1, 0, 0},
    {"8.5.3-a", "8.5.3", "Releases are planned, tested, deployed and verified, and failed releases are analysed.", 1, 0, 0},
    {"8.6.1-a", "8.6.1", "Every incident is recorded, classified and prioritised by impact and urgency.", 1, 'R', CHECK_BIT(CHECK_INCIDENTS_RECORDED)},
    {"8.6.1-b", "8.6.1", "Incidents are escalated, resolved and closed within their targets; a major-incident procedure is used.", 1, 0, CHECK_BIT(CHECK_SLA_MEASURED)},
    {"8.6.2-a", "8.6.2", "Service requests are recorded, prioritised, fulfilled and closed.", 1, 'R', 0},
    {"8.6.3-a", "8.6.3", "Problems are found from incident trends, recorded, and their root causes and known errors kept.", 1, 'R', CHECK_BIT(CHECK_PROBLEMS_RECORDED)},
    {"8.7.1-a", "8.7.1", "Availability requirements and targets are documented for each service.", 1, 'M', CHECK_BIT(CHECK_AVAILABILITY_TARGETS)},
    {"8.7.1-b", "8.7.1", "Availability is monitored and compared with targets, and unplanned non-availability is investigated.", 1, 'R', CHECK_BIT(CHECK_AVAILABILITY_MEASURED)},
    {"8.7.2-a", "8.7.2", "Continuity requirements are agreed and continuity plans exist for the services.", 1, 'M', 0},
    {"8.7.2-b", "8.7.2", "Continuity plans are tested at planned intervals and the test results are kept.", 1, 'R', 0},
    {"8.7.3.1-a", "8.7.3.1", "An information security policy is approved, communicated and reviewed.", 1, 'M', 0},
    {"8.7.3.2-a", "8.7.3.2", "Security controls are chosen from assessed risks and their effectiveness is reviewed.", 1, 0, 0},
    {"8.7.3.3-a", "8.7.3.3", "Information security incidents are recorded, handled with priority and reviewed.", 1, 'R', 0},
    {"9.1-a", "9.1", "What is measured, how and when is decided, and the results are analysed and kept.", 1, 'R', CHECK_BIT(CHECK_SLA_MEASURED) | CHECK_BIT(CHECK_AVAILABILITY_MEASURED)},
    {"9.2-a", "9.2", "An internal audit programme covers the whole SMS at planned intervals.", 1, 'R', CHECK_BIT(CHECK_INTERNAL_AUDIT)},
    {"9.2-b", "9.2", "Internal audits have been carried out, their results reported and findings followed up.", 1, 'R', CHECK_BIT(CHECK_INTERNAL_AUDIT)},
    {"9.3-a", "9.3", "Management reviews are held at planned intervals and consider the required inputs.", 1, 'R', 0},
    {"9.3-b", "9.3", "Review decisions and actions are recorded and their status followed at the next review.", 1, 'R', CHECK_BIT(CHECK_REVIEW_ACTIONS)},
    {"9.4-a", "9.4", "Service reports on performance and trends are produced regularly for the parties that need them.", 1, 0, CHECK_BIT(CHECK_REPORTS_PRODUCED)},
    {"10.1-a", "10.1", "Nonconformities are recorded with their causes and corrective actions, and effectiveness is checked.", 1, 'R', CHECK_BIT(CHECK_CORRECTIVE_ACTIONS)},
    {"10.2-a", "10.2", "Improvement opportunities are recorded, evaluated, prioritised and followed up.", 1, 'R', CHECK_BIT(CHECK_IMPROVEMENTS)},
};
const catalogue_t catalogue_builtin = {catalogue_clauses, sizeof catalogue_clauses / sizeof catalogue_clauses[0],
                                       catalogue_items, sizeof catalogue_items / sizeof catalogue_items[0]};
/* clang-format on */

int catalogue_under(const char *clause, const char *parent)
{
    size_t n = strlen(parent);
    return strncmp(clause, parent, n) == 0 && (clause[n] == '\0' || clause[n] == '.');
}

long catalogue_find_item(const catalogue_t *cat, const char *id)
{
    for (size_t i = 0; i < cat->nitems; i++)
        if (!strcmp(cat->items[i].id, id))
            return (long)i;
    return -1;
}

long catalogue_find_clause(const catalogue_t *cat, const char *number)
{
    for (size_t i = 0; i < cat->nclauses; i++)
        if (!strcmp(cat->clauses[i].number, number))
            return (long)i;
    return -1;
}

int catalogue_cmp_id(const char *a, const char *b)
{
    while (*a && *b) {
        if (isdigit((unsigned char)*a) && isdigit((unsigned char)*b)) {
            unsigned long x = strtoul(a, (char **)&a, 10), y = strtoul(b, (char **)&b, 10);
            if (x != y)
                return x < y ? -1 : 1;
        } else {
            if (*a != *b)
                return (unsigned char)*a < (unsigned char)*b ? -1 : 1;
            a++, b++;
        }
    }
    return (unsigned char)*a - (unsigned char)*b;
}
