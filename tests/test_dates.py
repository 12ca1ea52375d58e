"""Dates attached to documents, in the shapes Vietnamese texts print."""

from __future__ import annotations

import datetime as dt

import pytest

from loaders.dates import date_after, leading_date, parse_date


@pytest.mark.parametrize("text, expected", [
    ("ngày 19-5-2018", dt.date(2018, 5, 19)),
    ("ngày 19/5/2018", dt.date(2018, 5, 19)),
    ("ngày 5.3.2019", dt.date(2019, 3, 5)),
    ("ngày 05 tháng 03 năm 2019", dt.date(2019, 3, 5)),
    ("ngày 31/2/2019", None),
    ("năm 2019", None),
])
def test_parse_date(text, expected):
    assert parse_date(text) == expected


def test_date_right_after_a_reference_only():
    text = "Kế hoạch số 15-KH/TU ngày 2/4/2021 của Tỉnh ủy"
    end = text.index(" ngày")
    assert date_after(text, end)[0] == dt.date(2021, 4, 2)
    assert date_after("Kế hoạch số 15-KH/TU của Tỉnh ủy ngày 2/4/2021", 20) is None


def test_leading_date_dates_the_sentence():
    assert leading_date("Ngày 12-3-2021, Bộ Chính trị ban hành") == dt.date(2021, 3, 12)
    assert leading_date("Thứ ba, ngày 9/3/2021") is None
