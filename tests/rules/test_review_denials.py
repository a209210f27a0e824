"""Adversarial denial cases from the pre-release review (45 CFR 164.524(a), (d))."""

import pytest
from rules_helpers import codes, denial, run


@pytest.mark.parametrize(("received", "denied", "code"), [
    ("2014-10-01", "2014-10-20", "denial_not_permitted"),  # request before, denial after
    ("2014-10-01", "2014-10-05", "denial_unreviewable"),   # both before compliance
    ("2014-10-06", "2014-10-06", "denial_not_permitted"),  # compliance day itself
])
def test_a1_clia_judged_by_the_date_of_the_denial(received, denied, code):
    """79 FR 7290: labs had to comply by Oct 6, 2014; a denial issued from that day cannot
    rest on the removed CLIA exception, whenever the request arrived."""
    r = run(received=received, today="2014-11-15", holder="clinical_lab",
            records=["lab_results"], events=[denial(denied, ["clia_lab_rule"])])
    assert code in codes(r)


@pytest.mark.parametrize("right", ["access", "amendment", "accounting"])
def test_plain_words_not_codes_in_messages_and_report(right):
    """A patient reads the text report: grounds and actions in words, citation and dates kept."""
    import datetime as dt

    from rules_helpers import make_case

    from recordright.rules import assess
    from recordright.rules.report import render_text

    case = make_case(right=right, received="2024-01-02", as_of="2024-04-20", events=[
        denial("2024-01-10", ["unpaid_bill"]),
        {"on": "2024-01-05", "type": "condition_imposed", "what": "pay_outstanding_bill"}])
    result = assess(case, today=dt.date(2024, 4, 20))
    text = render_text(result)
    for code in ("unpaid_bill", "pay_outstanding_bill", "file_ocr_complaint", "send_reminder"):
        assert code not in text, code
    assert "unpaid bill" in text
    assert "Complain to the HHS Office for Civil Rights (by July" in text
    assert "Citation: " in text
