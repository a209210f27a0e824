"""Complaint-window cases from the pre-release review (45 CFR 160.306(b)(3))."""

from rules_helpers import denial, only, run, step_for


def test_160306b3_closed_window_step_has_no_past_due_date():
    """A closed window is not a date to meet: the step has no due date and says how to ask
    for a good-cause waiver; the finding keeps the date the window closed. Since issue 15.2
    only a completed act (here a written denial) has a window that can close; the same case
    with the records simply still withheld is a continuing refusal (see below)."""
    r = run(received="2022-01-02", today="2024-03-10",
            events=[denial("2022-02-02", ["policy"])])
    f = only(r, "complaint_deadline")
    assert f["window_open"] is False and f["due"] == "2022-08-01"
    s = step_for(r, "file_ocr_complaint")
    assert s["due"] is None
    assert "good cause" in s["message"]


def test_160306b3_still_withheld_is_never_closed():
    """The same dates with the records still withheld (45 CFR 160.306(b)(3), 160.406): file
    now, asking for a good-cause waiver; never "closed", never a past due date."""
    r = run(received="2022-01-02", today="2024-03-10")
    f = only(r, "complaint_deadline")
    assert f["window_open"] is True and f["continuing"] is True and f["due"] == "2024-03-10"
    assert "closed" not in f["message"] and "good cause" in f["message"]
    s = step_for(r, "file_ocr_complaint")
    assert s["due"] == "2024-03-10" and "good cause" in s["message"]


def test_160306b3_open_window_step_keeps_its_date():
    r = run(received="2024-01-02", today="2024-03-01")
    assert step_for(r, "file_ocr_complaint")["due"] == "2024-07-31"
    assert "good cause" not in step_for(r, "file_ocr_complaint")["message"]
