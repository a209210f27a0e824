"""The one error the engine raises for bad input."""


class CaseError(ValueError):
    """A case document is malformed. `field` is the path of the offending field, e.g.
    "events[2].grounds[0]", so a user (or the web form) can point at it."""

    def __init__(self, field: str, problem: str) -> None:
        self.field = field
        self.problem = problem
        super().__init__(f"{field}: {problem}")
