"""The closed vocabularies of the case format. Anything outside them is a CaseError."""

RIGHTS = ("access", "amendment", "accounting")
HOLDER_TYPES = ("provider", "hospital", "clinical_lab", "health_plan", "pharmacy",
                "correctional", "other")
REQUESTERS = ("individual", "personal_representative")
# Who the personal representative is, 45 CFR 164.502(g)(2)-(4); optional.
REPRESENTATIVE_KINDS = ("parent_of_minor", "guardian", "health_care_agent", "executor", "other")
RECORD_KINDS = ("medical", "billing", "lab_results", "imaging", "psychotherapy_notes",
                "litigation_materials", "research", "other")
COPY_KINDS = ("electronic", "paper", "inspection")
DELIVERIES = ("mail", "email", "unencrypted_email", "portal", "pickup", "fax", "app",
              "portable_media")
SEND_TO = ("self", "third_party")
FORMS = ("electronic", "paper")
DENIAL_SCOPES = ("full", "partial")
FEE_COMPONENTS = ("copying_labor", "supplies", "postage", "summary", "search_retrieval",
                  "verification", "handling", "certification", "per_page", "media", "other")
CONDITIONS = ("in_person_request", "portal_only", "mail_only", "buy_media",
              "pay_outstanding_bill", "reason_for_request", "other")

UNREVIEWABLE_GROUNDS = ("psychotherapy_notes", "litigation_materials", "correctional_safety",
                        "research_in_progress", "privacy_act", "confidential_source")
REVIEWABLE_GROUNDS = ("endanger_life_or_safety", "harm_to_other_person",
                      "personal_representative_harm")
AMENDMENT_GROUNDS = ("not_created_by_entity", "not_in_designated_record_set",
                     "not_available_for_inspection", "accurate_and_complete")
# Accounting may only be suspended at an oversight agency's or police request, 164.528(a)(2).
ACCOUNTING_GROUNDS = ("oversight_suspension",)
# Reasons entities give that the law does not allow (plus `records_not_held`, which is not a
# denial at all: (d)(3) requires saying where the records are).
UNLAWFUL_GROUNDS = ("unpaid_bill", "privacy_law", "emotional_distress",
                    "records_from_other_provider", "clia_lab_rule", "records_too_old",
                    "in_person_required", "identity_not_verified", "policy", "records_not_held",
                    "other")
DENIAL_GROUNDS = (UNREVIEWABLE_GROUNDS + REVIEWABLE_GROUNDS + AMENDMENT_GROUNDS
                  + ACCOUNTING_GROUNDS + UNLAWFUL_GROUNDS)

# Every next-step action the engine can emit (result "next_steps"[*]["action"]), in the order
# results list them; findings.step refuses any other, and the app maps each to a letter or
# to "no letter" (recordright.letters.registry.STEP_LETTERS).
NEXT_STEP_ACTIONS = ("request_review", "request_remaining_records", "request_electronic_format",
                     "request_own_copy", "dispute_fee", "send_reminder", "wait",
                     "submit_statement_of_disagreement", "file_ocr_complaint",
                     "file_state_complaint", "seek_court_remedy")

NOTICE_FIELDS = ("basis", "review_rights", "complaint_process",
                 "statement_of_disagreement_rights", "future_disclosures")
CASE_FIELDS = ("format", "right", "as_of", "state", "holder", "requester", "representative",
               "representative_facts", "request", "events")
# Extension: what is known about a personal representative's standing (all optional; absent =
# unknown). 164.514(h) verification, 164.502(g)(3) minor exceptions, 164.502(g)(5) abuse.
REPRESENTATIVE_FACTS = ("authority_documented", "minor_exception", "abuse_concern_cited",
                        "professional_judgment")
MINOR_EXCEPTIONS = ("none", "minor_consented", "court_authorized", "confidentiality_agreed")
REQUEST_FIELDS = ("received_on", "in_writing", "records", "copy", "maintained_electronically",
                  "delivery", "send_to", "prior_accountings_last_12_months", "summary_agreed")

EVENT_FIELDS: dict[str, dict[str, tuple[str, ...]]] = {
    "extension_notice": {"required": ("in_writing", "reasons_given"),
                         "optional": ("new_date",)},
    "fee_quote": {"required": ("amount",),
                  "optional": ("components", "pages", "per_page_rate", "postage_amount",
                               "disclosed_in_advance")},
    "denial": {"required": ("grounds", "in_writing"),
               "optional": ("scope", "licensed_professional_determination", "notice",
                            "records")},
    "records_provided": {"required": (), "optional": ("complete", "form", "summary_only")},
    "amendment_accepted": {"required": (), "optional": ()},
    "condition_imposed": {"required": ("what",), "optional": ()},
    # Extension: the individual's own follow-up (a written reminder, a call). While records are
    # still withheld, an unanswered reminder renews the refusal (45 CFR 160.306(b)(3)).
    "reminder_sent": {"required": (), "optional": ("in_writing",)},
}

# The 50 states, DC and the inhabited territories.
USPS_CODES = frozenset({
    "AL", "AK", "AZ", "AR", "CA", "CO", "CT", "DE", "DC", "FL", "GA", "HI", "ID", "IL", "IN",
    "IA", "KS", "KY", "LA", "ME", "MD", "MA", "MI", "MN", "MS", "MO", "MT", "NE", "NV", "NH",
    "NJ", "NM", "NY", "NC", "ND", "OH", "OK", "OR", "PA", "RI", "SC", "SD", "TN", "TX", "UT",
    "VT", "VA", "WA", "WV", "WI", "WY", "PR", "GU", "VI", "AS", "MP",
})
