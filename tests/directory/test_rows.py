"""The fast row splitter gives exactly what the csv module gives, on any line."""

from __future__ import annotations

import csv
import io

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from recordright.directory import nppes
from tests.directory.conftest import MAIN


def _member(text: str) -> nppes.Member:
    data = text.encode("utf-8")
    return nppes.Member("main", "npidata_pfile_x.csv", len(data), lambda: io.BytesIO(data))


def _read(text: str, needed: int | None = None) -> list[list[str]]:
    with nppes.open_rows(_member(text)) as (header, rows, _raw):
        rows.needed = needed
        return [header, *rows]


def _csv(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text, newline="")))


def test_it_splits_the_fixture_like_the_csv_module():
    text = MAIN.read_text(encoding="utf-8")
    assert _read(text) == _csv(text)


def test_it_leaves_the_fields_after_the_needed_ones_unsplit():
    text = '"a","b","c","d"\r\n"1","2","3,x","4"\r\n'
    assert _read(text, needed=2) == [["a", "b", "c", "d"], ["1", "2", '3,x","4']]


def test_it_falls_back_to_the_csv_module_for_odd_lines():
    text = ('"a","b","c"\r\n'
            '"1","say ""hi""","3"\r\n'  # escaped quotes
            '"1","two\r\nlines","3"\r\n'  # a newline inside a field
            '1,unquoted,3\r\n'
            '"short","row"\r\n'
            '\r\n'
            '"x","y","z"\n')
    assert _read(text) == _csv(text)


field = st.text(alphabet=st.sampled_from('ab,"\r\n é'), max_size=6)


@given(st.lists(st.lists(field, min_size=3, max_size=3), max_size=5),
       st.sampled_from([csv.QUOTE_ALL, csv.QUOTE_MINIMAL]))
# The 2 cores are shared: generating the input can look slow without being so.
# No deadline: on a shared 2-core machine one example can wait 250 ms for a core.
@settings(suppress_health_check=[HealthCheck.too_slow], deadline=None)
def test_it_reads_any_csv_like_the_csv_module(records, quoting):
    buffer = io.StringIO()
    writer = csv.writer(buffer, quoting=quoting, lineterminator="\r\n")
    writer.writerows([["h1", "h2", "h3"], *records])
    text = buffer.getvalue()
    assert _read(text) == _csv(text)
