"""Deadlines of every shape, kept as printed and normalised."""

import datetime as dt

import pytest

from loaders.deadlines import find_deadline, parse_deadline


@pytest.mark.parametrize(("printed", "kind", "year", "quarter", "recurrence"), [
    ("hoàn thành trong quý IV năm 2018", "quarter", 2018, 4, None),
    ("trong quý I/2020", "quarter", 2020, 1, None),
    ("thực hiện từ năm 2019", "from_year", 2019, None, None),
    ("hoàn thành, áp dụng từ năm 2019", "from_year", 2019, None, None),
    ("thực hiện hàng năm", "recurring", None, None, "yearly"),
    ("thực hiện hằng năm hoặc theo nhu cầu", "recurring", None, None, "yearly"),
    ("định kỳ 6 tháng", "recurring", None, None, "periodic"),
    ("thực hiện thường xuyên", "recurring", None, None, "continuous"),
    ("triển khai từ năm học 2019 - 2020", "school_year", 2019, None, None),
    ("hoàn thành trong năm 2021", "year", 2021, None, None),
])
def test_normalised(printed, kind, year, quarter, recurrence):
    d = parse_deadline(printed)
    assert (d.text, d.kind, d.year, d.quarter, d.recurrence) == (
        printed, kind, year, quarter, recurrence)


def test_dates_and_months():
    assert parse_deadline("trước ngày 30/6/2019").date == dt.date(2019, 6, 30)
    assert parse_deadline("hoàn thành trong tháng 2/2020").date == dt.date(2020, 2, 29)


def test_trailing_parenthesis_is_found_without_its_brackets():
    text = "Xây dựng quy chế (theo Quyết định số 12) (hoàn thành trong quý II năm 2021);"
    d, a, b = find_deadline(text)
    assert d.text == "hoàn thành trong quý II năm 2021" and text[a:b] == d.text


def test_inline_periodic_and_before_date():
    assert find_deadline("phối hợp, định kỳ hằng năm hoặc đột xuất báo cáo")[0].text == (
        "định kỳ hằng năm hoặc đột xuất")
    assert find_deadline("Báo cáo kết quả trước ngày 15/12/2020.")[0].kind == "date"


def test_other_parentheses_are_not_deadlines():
    assert find_deadline("Ban Thường vụ (BTV) và cán bộ trẻ (dưới 40 tuổi)") is None


def test_recurring_report_days_and_on_request_clause():
    from loaders.deadlines import find_deadline

    text = "Các sở gửi báo cáo trước ngày 20 hằng tháng về Sở Nội vụ."
    assert find_deadline(text)[0].text == "trước ngày 20 hằng tháng"
    text = "báo cáo định kỳ hằng quý hoặc đột xuất theo yêu cầu của Bộ."
    assert find_deadline(text)[0].text == "định kỳ hằng quý"
    text = "báo cáo định kỳ hàng năm hoặc đột xuất về Ủy ban nhân dân tỉnh."
    assert find_deadline(text)[0].text == "định kỳ hàng năm hoặc đột xuất"
    text = "gửi kết quả trước ngày 01/6 và 15/11 hằng năm"
    assert find_deadline(text)[0].kind == "recurring"


def test_a_periodic_deadline_keeps_the_further_periods_listed_after_it():
    d = find_deadline("Các sở định kỳ hằng tháng, quý, năm gửi báo cáo về Sở Nội vụ.")[0]
    assert d.text == "định kỳ hằng tháng, quý, năm" and d.kind == "recurring"
    # a year that follows is the subject of what comes next, not one more period
    d = find_deadline("Báo cáo định kỳ hằng quý, năm 2026 tiếp tục rà soát.")[0]
    assert d.text == "định kỳ hằng quý"


@pytest.mark.parametrize(("text", "printed", "kind"), [
    ("Rà soát quy chế, hoàn thành trong Quý III/2026.", "hoàn thành trong Quý III/2026",
     "quarter"),
    ("Lập đề án, xong trước tháng 9/2027.", "xong trước tháng 9/2027", "date"),
    ("Mở lớp tập huấn; hoàn thành trong năm 2028.", "hoàn thành trong năm 2028", "year"),
])
def test_a_completion_clause_closing_the_item_without_brackets(text, printed, kind):
    d, a, b = find_deadline(text)
    assert (d.text, d.kind, text[a:b]) == (printed, kind, printed)


def test_the_deadline_part_of_a_parenthesis_that_also_names_the_lead():
    text = "Tổng kết mô hình (Ban Tổ chức Tỉnh ủy chủ trì; hoàn thành trong quý IV/2026)."
    assert find_deadline(text)[0].text == "hoàn thành trong quý IV/2026"
