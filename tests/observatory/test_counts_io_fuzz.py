"""Whatever the input, the parsers either return rows or raise CountsRefused, nothing else."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from vigie.observatory.counts_io import CountsRefused, parse_local_feed, parse_spf_sidep

PARSERS = [parse_spf_sidep, parse_local_feed]
CELLS = st.sampled_from(
    ["35", "2A", "2021-01-04", "04/01/2021", "0", "9", "90", "all", "-1", "1.5", '"', "", "x" * 60]
)
# Text that is mostly well-formed, so that the checks after the header are exercised too.
NEAR_VALID = st.builds(
    lambda header, rows, sep: (
        header.replace(",", sep) + "".join(sep.join(row) + "\n" for row in rows)
    ),
    st.sampled_from(["dep,jour,P,T,cl_age90,pop\n", "area_code,date,age_class,tests,positives\n"]),
    st.lists(st.lists(CELLS, min_size=4, max_size=7), max_size=6),
    st.sampled_from([",", ";"]),
)


def _either(parser, data: str | bytes) -> None:
    try:
        parser(data, "fuzz")
    except CountsRefused as error:
        assert error.issues
        assert str(error).startswith("fuzz: refused")


@pytest.mark.parametrize("parser", PARSERS)
@settings(max_examples=200, deadline=None)
@given(data=st.binary(max_size=300))
def test_random_bytes(parser, data: bytes) -> None:
    _either(parser, data)


@pytest.mark.parametrize("parser", PARSERS)
@settings(max_examples=200, deadline=None)
@given(data=st.text(max_size=300))
def test_random_text(parser, data: str) -> None:
    _either(parser, data)


@pytest.mark.parametrize("parser", PARSERS)
@settings(max_examples=200, deadline=None)
@given(data=NEAR_VALID)
def test_near_valid_text(parser, data: str) -> None:
    _either(parser, data)
