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
