"""One progress bar for a whole import, with a time estimate that includes the index builds.

Reading the file advances the bar by bytes; the work after it (search index, indexes,
swap) is counted in the same units, as a share of the whole estimated from measured
runs (``POST_SHARE``), and advanced step by step (``staging.Step.weight``). The bar
no longer sits at 100 % for minutes while the indexes are built.
"""

from __future__ import annotations

import sys

from tqdm import tqdm

# Share of a full import's time spent after the rows are loaded, measured at 9M rows
# (bench/nppes.py: SQLCipher 54 %, PostgreSQL 72 %; the file is read fast since the
# pyarrow reader, the indexes are most of the work).
POST_SHARE = {"sqlite": 0.54, "postgresql": 0.72}


class ImportProgress:
    def __init__(self, source_bytes: int, enabled: bool, post_share: float = 0.0,
                 label: str = ""):
        post = source_bytes * post_share / (1 - post_share) if post_share else 0
        self.post_total, self.post_done = post, 0.0
        # A float total: the post-load shares are fractions of bytes (an int total fell
        # short of their sum, and tqdm warned "clamping frac to range [0, 1]").
        self.bar = tqdm(total=(source_bytes + post) or None, file=sys.stderr,
                        disable=not enabled, mininterval=0.5, desc=label[:40],
                        bar_format="{desc}: {percentage:3.0f}%|{bar}| "
                                   "[{elapsed} elapsed, {remaining} left]")

    def phase(self, label: str) -> None:
        self.bar.set_description_str(label[:40], refresh=False)

    def read(self, delta_bytes: int) -> None:
        self._advance(delta_bytes)

    def finished_share(self, weight: float) -> None:
        """A step after loading finished: ``weight`` of the post-load work."""
        delta = min(self.post_total * weight, self.post_total - self.post_done)
        self.post_done += delta
        self._advance(delta)

    def _advance(self, delta: float) -> None:
        # Never past the total: float shares that add up to a hair over it made tqdm
        # warn "clamping frac to range [0, 1]" on the user's terminal.
        if self.bar.total:
            delta = min(delta, self.bar.total - self.bar.n)
        if delta > 0:
            self.bar.update(delta)

    def stop(self) -> None:
        """The import failed: the bar stays where it was and ends its line."""
        self.bar.close()

    def close(self) -> None:
        if self.bar.total:
            self.bar.update(max(0, self.bar.total - self.bar.n))
        self.bar.close()
