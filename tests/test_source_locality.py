"""Place from where the text came from: the publisher's host and the address path."""

from __future__ import annotations

import pytest

from graph.model import Source
from loaders.localities import host_province, path_province, source_locality
from loaders.pipeline import extract_text


@pytest.mark.parametrize("url, province", [
    ("https://hcc.laocai.gov.vn/tin/1", "Lào Cai"),
    ("https://baothaibinh.com.vn/a.htm", "Thái Bình"),
    ("https://namdinhtv.vn/x", "Nam Định"),
    ("http://congansoctrang.gov.vn/y", "Sóc Trăng"),
    ("https://tphcm.gov.vn/z", "Hồ Chí Minh"),
    ("https://thuvienphapluat.vn/van-ban/a.aspx", None),
    ("https://baoquankhu9.vn/a", None),
    ("https://ubndtinhbinhphuoc.gov.vn/a", "Bình Phước"),  # "ubndtinh" + the name
    ("https://hue.gov.vn/a", "Thừa Thiên Huế"),
    ("https://hcmcpv.org.vn/a", "Hồ Chí Minh"),  # the city party committee's site
    ("https://www.sggp.org.vn/a", None),  # a city daily reports the whole country
    # provincial party papers and stations named otherwise than their province
    ("https://baodongkhoi.vn/a", "Bến Tre"),
    ("https://baodienbienphu.com.vn/a", "Điện Biên"),
    ("https://www.qtv.vn/a", "Quảng Ninh"),
    (None, None),
])
def test_host_names_the_province(url, province):
    assert host_province(url) == province


def test_path_names_the_issuers_province_after_tinh():
    url = "https://example.vn/ke-hoach-12-kh-ubnd-do-tinh-kon-tum-ban-hanh.html"
    assert path_province(url, True) == "Kon Tum"
    assert path_province("https://example.vn/ke-hoach-ca-mau-2020.html", True) is None
    assert path_province("https://example.vn/ke-hoach-ca-mau-2020.html", False) == "Cà Mau"


def test_a_path_segment_that_is_a_province_run_together_places_the_text():
    # a legal database files local documents under the province's name: "/binhphuoc/"
    assert path_province("https://vbpl.example.vn/binhphuoc/Pages/vb.aspx?ItemID=7", False) \
        == "Bình Phước"
    assert path_province("https://vbpl.example.vn/TW/Pages/vb.aspx?ItemID=7", False) is None


def test_body_outranks_host_and_prefixed_path_outranks_body():
    host = "https://baobinhphuoc.com.vn/a.htm"
    assert source_locality(host, None) == "Bình Phước"
    assert source_locality(host, "Long An") == "Long An"
    path = "https://db.vn/ke-hoach-5-kh-ubnd-tinh-bac-lieu.html"
    assert source_locality(path, "Hà Nội") == "Bạc Liêu"


def _extract(text: str, url: str | None):
    return extract_text(text, Source("src:00000000000000cc", "x.txt", "", "", 0, "utf-8",
                                     url=url))


def test_host_localises_a_local_document_the_body_leaves_unplaced():
    text = ("UBND tỉnh vừa ban hành Kế hoạch số 41/KH-UBND về chuyển đổi số, thực hiện "
            "Nghị quyết số 57-NQ/TW của Bộ Chính trị.\n")
    docs = {d.symbol: d for d in _extract(text, "https://baoyenbai.com.vn/a.htm").documents}
    assert docs["41/KH-UBND"].locality == "Yên Bái"
    assert docs["57-NQ/TW"].locality is None  # a host never localises a central document
    unplaced = {d.symbol: d for d in _extract(text, None).documents}
    assert unplaced["41/KH-UBND"].locality is None
