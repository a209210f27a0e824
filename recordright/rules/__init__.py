"""The rights engine: HIPAA access, amendment and accounting rules as cited data and code.

Pure Python: no Django, and no I/O beyond reading the package's own data files.

    from recordright.rules import assess, CaseError, parse_case
    result = assess(case_dict, source="case.json", today=datetime.date.today())
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from recordright.rules.case import Case, parse_case
from recordright.rules.errors import CaseError

__all__ = ["assess", "CaseError", "parse_case", "Case"]


def assess(case: dict, *, source: str | None = None,
           today: dt.date | None = None) -> dict[str, Any]:
    """Assess one case document (decoded JSON) and return the result document.

    `today` is used when the case has no `as_of`; one of the two must be given. Raises
    CaseError (with `.field`) when the case is malformed."""
    from recordright.rules.engine import assess_case

    return assess_case(parse_case(case), source=source, today=today)
