"""One progress bar for the whole import: reading, then the index builds, never past 100 %."""

from __future__ import annotations

import warnings

from recordright.directory.progress import ImportProgress


def test_the_index_builds_move_the_bar_after_the_file_is_read():
    bar = ImportProgress(1_000, enabled=True, post_share=0.4)
    bar.read(1_000)
    assert round(bar.bar.n / bar.bar.total, 2) == 0.6
    bar.finished_share(0.5)
    assert round(bar.bar.n / bar.bar.total, 2) == 0.8
    bar.close()
    assert bar.bar.n == bar.bar.total


def test_shares_adding_up_to_a_hair_over_the_whole_never_pass_the_total():
    bar = ImportProgress(1_000_003, enabled=True, post_share=0.35)
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # tqdm's "clamping frac to range [0, 1]"
        bar.read(1_000_003)
        for share in [0.04, *[0.5 / 45] * 45, 0.06, *[0.4 / 7] * 7, 0.1]:
            bar.finished_share(share)
            assert bar.bar.n <= bar.bar.total
        bar.close()
