"""Tasks in the shapes real plans use, from a plan written here in the markdown a web-to-text
conversion leaves (bold markers, hard wraps, markers split from their text, flattened table)."""

from dataclasses import replace
from pathlib import Path

import pytest

from loaders.plan import extract_plan, own_document
from tests.test_plan import ctx_of, doc

WEB = (Path(__file__).parent / "fixtures" / "plans" / "web_plan.md.txt").read_text("utf-8")


@pytest.fixture(scope="module")
def web():
    parts = extract_plan(ctx_of(WEB, [doc("kh:45", "Kế hoạch", 0, subject=True)]))
    return {t.label: t for t in parts.tasks}


def attrs(t):
    return t.lead, list(t.support), t.deadline.text if t.deadline else None


def tasks_of(text: str, type_name: str = "Kế hoạch"):
    """The tasks of `text` read as the plan (or other document) it opens."""
    return extract_plan(ctx_of(text, [doc("own:1", type_name, 0, subject=True)])).tasks


def rows(text: str, type_name: str = "Kế hoạch") -> list[tuple]:
    return [(t.label, *attrs(t)) for t in tasks_of(text, type_name)]


def leads(text: str, type_name: str = "Kế hoạch") -> list[tuple]:
    return [(t.label, t.lead) for t in tasks_of(text, type_name)]


def lead_names(text: str, type_name: str = "Kế hoạch") -> list[str | None]:
    return [t.lead for t in tasks_of(text, type_name)]


def test_labels_skip_purposes_funding_recipients_and_grouping_headings(web):
    assert list(web) == [
        "II.1.1", "II.1.2", "II.2",
        "IV.1 -1", "IV.1 -2", "IV.2", "IV.3.a", "IV.3.b", "IV.4",
        "PL.I.1", "PL.I.2", "PL.II.3"]


def test_fields_on_lines_of_their_own_belong_to_one_item(web):
    assert attrs(web["II.1.1"]) == ("Sở Công Thương",
                                    ["Sở Tài chính", "UBND các xã, phường"],
                                    "Hoàn thành trong quý III năm 2026")
    # co-leads stay one printed string; collectives named by kind are kept as printed
    assert attrs(web["II.2"]) == ("Sở Giáo dục và Đào tạo, Sở Nội vụ",
                                  ["Các sở, ngành", "UBND các phường, xã"], None)


def test_several_executing_bodies_name_no_lead(web):
    assert attrs(web["II.1.2"]) == (None, [], "Năm 2026")


def test_heading_naming_a_body_leads_its_bullets(web):
    assert attrs(web["IV.1 -1"]) == ("Sở Nội vụ", ["Sở Tư pháp", "sở, ban, ngành"], None)
    assert attrs(web["IV.1 -2"]) == ("Sở Nội vụ", [], None)  # "Phối hợp với …": no partner
    assert web["IV.2"].lead == "Sở Tài chính"


def test_request_to_bodies_outside_the_issuer_has_no_lead(web):
    assert attrs(web["IV.3.a"]) == attrs(web["IV.3.b"]) == (None, [], None)


def test_subject_of_the_item_leads_and_closing_paragraph_stays_out(web):
    assert attrs(web["IV.4"]) == ("Sở Khoa học và Công nghệ", [], "trước ngày 25 hằng tháng")
    assert "vướng mắc" not in web["IV.4"].text


def test_appendix_table_rows_are_tasks_labelled_by_group_and_number(web):
    assert attrs(web["PL.I.1"]) == ("Sở KH&CN", ["Sở Tài chính"], "Quý III-2026")
    assert attrs(web["PL.I.2"]) == ("Sở Nội vụ", ["Sở KH&CN", "Sở Tư pháp", "UBND các xã, phường"],
                                    "Năm 2026")
    assert attrs(web["PL.II.3"]) == ("Sở Nội vụ", ["Các sở, ban, ngành tỉnh"], "Hằng năm")
    row = web["PL.I.2"].evidence
    assert WEB[row.start:row.end].startswith("2\n|\nXây dựng kho lưu trữ số")
    assert web["PL.I.2"].deadline.year == 2026


def test_markdown_table_rows_give_the_same_tasks():
    table = ("\n| STT | Nhiệm vụ | Cơ quan chủ trì | Cơ quan phối hợp | Thời hạn hoàn thành |\n"
             "|---|---|---|---|---|\n"
             "| I. | HẠ TẦNG | | | |\n"
             "| 1 | Mua sắm máy quét | Sở KH&CN | Sở Tài chính; các đơn vị liên quan "
             "| Quý III-2026 |\n")
    text = WEB[:WEB.index("|\n**STT**")] + table
    parts = extract_plan(ctx_of(text, [doc("kh:45", "Kế hoạch", 0, subject=True)]))
    got = {t.label: attrs(t) for t in parts.tasks if t.label.startswith("PL")}
    assert got == {"PL.I.1": ("Sở KH&CN", ["Sở Tài chính"], "Quý III-2026")}


DECISION = """QUYẾT ĐỊNH
Về việc ban hành Kế hoạch chuyển đổi số

Số: 12/QĐ-UBND

QUYẾT ĐỊNH:
Điều 1. Ban hành kèm theo Quyết định này Kế hoạch chuyển đổi số năm 2026.
Điều 2. Giao Sở Tư pháp chủ trì, phối hợp với Sở Tài chính triển khai Kế hoạch.
Điều 3. Chánh Văn phòng UBND tỉnh, Thủ trưởng các sở chịu trách nhiệm thi hành Quyết định này.

Nơi nhận:
- Như Điều 3;
- Lưu: VT.
"""


def test_an_article_that_assigns_work_is_a_task_standard_clauses_are_not():
    parts = extract_plan(ctx_of(DECISION, [doc("qd:12", "Quyết định", 0, subject=True)]))
    assert [(t.label, t.lead, t.support) for t in parts.tasks] == [
        ("Điều 2", "Sở Tư pháp", ("Sở Tài chính",))]


def test_own_document_is_the_one_the_header_numbers():
    numbered = replace(doc("qd:12", "Quyết định", DECISION.index("12/QĐ")), symbol="12/QĐ-UBND")
    other = doc("kh:9", "Kế hoạch", 5)
    ctx = ctx_of(DECISION, [other, numbered])
    assert own_document(ctx) is numbered
    assert own_document(ctx_of("Tin tức không có số hiệu.", [other])) is None


ATX = """KẾ HOẠCH
## I. MỤC ĐÍCH
1. Nâng cao nhận thức của cán bộ.
## II. PHÂN CÔNG TRÁCH NHIỆM
1. Đối với Sở Nội vụ:
- Rà soát hồ sơ cán bộ (Thời gian thực hiện: Quý I/2026).
- Chủ trì, phối hợp với Sở Tư pháp kiểm tra.
2. Trách nhiệm của Ủy ban nhân dân các xã, phường
Tổ chức tuyên truyền tại cơ sở.
3. Lập danh mục hồ sơ:
- Chủ trì: Sở Y tế.
- Phối hợp: Sở Tài chính.
"""


def test_markdown_headings_and_headings_that_introduce_the_body():
    assert rows(ATX) == [
        ("II.1 -1", "Sở Nội vụ", [], "Quý I/2026"),
        ("II.1 -2", "Sở Nội vụ", ["Sở Tư pháp"], None),
        ("II.2", "Ủy ban nhân dân các xã, phường", [], None),
        ("II.3", "Sở Y tế", ["Sở Tài chính"], None)]


def test_a_task_table_in_the_body_is_read_by_rows_not_by_the_bullets_in_its_cells():
    text = ("KẾ HOẠCH\nII. NHIỆM VỤ\n"
            "| STT | Nhiệm vụ | Cơ quan chủ trì | Cơ quan phối hợp | Thời hạn |\n"
            "|---|---|---|---|---|\n"
            "| 1 | - Lập danh mục hồ sơ | Sở Nội vụ | Các sở, ngành có liên quan | Năm 2026 |\n"
            "III. TỔ CHỨC THỰC HIỆN\n1. Tổ chức kiểm tra.\n- Cơ quan chủ trì: các cơ quan có liên "
            "quan.\n- Thời gian thực hiện: Quý IV/2026.\n")
    assert rows(text) == [
        ("III.1", None, [], "Quý IV/2026"),  # a vague lead field names no lead
        ("1", "Sở Nội vụ", [], "Năm 2026")]


PAGE = """Văn bản liên quan
- 1. Quyết định về quy chế phối hợp quản lý chợ đầu mối
- 2. Kế hoạch phát triển thương mại điện tử giai đoạn trước
ỦY BAN NHÂN DÂN TỈNH
Số: 12/KH-UBND
KẾ HOẠCH
Phát triển thương mại nông thôn
II. NHIỆM VỤ
1. Sở Công Thương chủ trì rà soát mạng lưới chợ nông thôn.
2. Sở Tài chính bố trí kinh phí hỗ trợ cải tạo chợ.
"""


def test_lists_before_the_documents_header_are_page_furniture():
    at = PAGE.index("KẾ HOẠCH")
    tasks = extract_plan(ctx_of(PAGE, [doc("kh:12", "Kế hoạch", at, subject=True)])).tasks
    assert [t.label for t in tasks] == ["II.1", "II.2"]


HEADLESS = """Số: 8/KH-UBND
Ủy ban nhân dân tỉnh ban hành kế hoạch như sau:
1. Bảo đảm việc chuyển đổi số diễn ra thống nhất, không chồng chéo giữa các ngành.
2. Nâng cao chất lượng phục vụ người dân trong mọi khâu của thủ tục.
3. Sở Công Thương chủ trì hướng dẫn các xã cập nhật dữ liệu về chợ.
"""


def test_a_text_without_part_headings_takes_only_items_that_name_who_acts():
    tasks = extract_plan(ctx_of(HEADLESS, [doc("kh:8", "Kế hoạch", 0, subject=True)])).tasks
    assert [(t.label, t.lead) for t in tasks] == [("3", "Sở Công Thương")]


LETTER = """BỘ NÔNG NGHIỆP
Số: 77/BNN-KH
V/v hướng dẫn kiểm kê rừng
|
Kính gửi:
|
- Ủy ban nhân dân các tỉnh miền núi;
- Sở Nông nghiệp các tỉnh có rừng.
|
Để có số liệu cho kỳ báo cáo cuối năm, Bộ đề nghị các địa phương làm các công việc sau đây:
1. Công tác kiểm kê
1.1. Rà soát ranh giới từng lô rừng trên bản đồ số.
1.2. Sở Tài chính chủ trì tổng hợp số liệu, gửi Bộ trước ngày 15/12.
2. Công an tỉnh chủ trì kiểm tra hiện trường.
"""


def test_a_letters_recipients_are_not_tasks_and_its_announced_items_need_no_lead():
    # the numbered items never hang under the last recipient bullet; an item that names no
    # body is still a task when the sentence before the list announces the work
    tasks = extract_plan(ctx_of(LETTER, [doc("cv:77", "Công văn", 0, subject=True)])).tasks
    assert [(t.label, t.lead) for t in tasks] == [
        ("1.1", None), ("1.2", "Sở Tài chính"), ("2", "Công an tỉnh")]


def test_without_an_announcing_sentence_a_headless_list_keeps_needing_a_lead():
    text = LETTER.replace("làm các công việc sau đây:", "rà soát kỹ.")
    tasks = extract_plan(ctx_of(text, [doc("cv:77", "Công văn", 0, subject=True)])).tasks
    assert [t.label for t in tasks] == ["1.2", "2"]


AGENCY_LETTER = """ỦY BAN NHÂN DÂN
TỈNH BẮC TRUNG
Số: 58/UBND-NC
V/v phòng chống cháy rừng mùa khô
Kính gửi:
- Các sở, ngành: Nông nghiệp và Môi trường, Công an tỉnh, Bộ Chỉ huy Quân
sự tỉnh;
- UBND các xã, phường.
Mùa khô năm nay đến sớm hơn mọi năm, nhiều khu rừng trồng đã khô lá, nguy cơ cháy rừng \
ở mức cao tại hầu hết các xã miền núi, nhất là những nơi người dân còn đốt nương làm rẫy.
Để chủ động ứng phó, Chủ tịch UBND tỉnh yêu cầu các cơ quan, địa phương thực hiện ngay \
các nhiệm vụ sau:
1. Sở Nông nghiệp và Môi trường
a) Cập nhật bản đồ cảnh báo cháy rừng hằng tuần và gửi cho các xã có rừng trong ngày \
thứ hai đầu tuần để các xã bố trí lực lượng trực.
b) Chủ trì, phối hợp với Công an tỉnh kiểm tra các khu rừng trọng điểm, lập biên bản \
các điểm có nguy cơ cháy cao và đề xuất biện pháp xử lý.
2. Công an tỉnh
a) Xử lý nghiêm các vụ đốt nương trái phép, công khai kết quả xử lý trên các phương \
tiện thông tin đại chúng của tỉnh.
3. Trách nhiệm của các doanh nghiệp kinh doanh lâm sản
a) Bố trí người canh lửa suốt mùa khô, trang bị dụng cụ chữa cháy tại mỗi bãi gỗ.
"""


def test_a_recipient_wrapped_onto_two_lines_stays_a_recipient():
    tasks = extract_plan(ctx_of(AGENCY_LETTER, [doc("cv:58", "Công văn", 0, subject=True)])).tasks
    assert not [t for t in tasks if t.label.startswith("-")]


def test_items_under_headings_that_only_name_a_body_are_that_bodys_tasks():
    # the sentence before the list hands out the work; "1. Sở X" names who does items a), b)
    tasks = extract_plan(ctx_of(AGENCY_LETTER, [doc("cv:58", "Công văn", 0, subject=True)])).tasks
    assert [(t.label, t.lead) for t in tasks] == [
        ("1.a", "Sở Nông nghiệp và Môi trường"), ("1.b", "Sở Nông nghiệp và Môi trường"),
        ("2.a", "Công an tỉnh"), ("3.a", "các doanh nghiệp kinh doanh lâm sản")]
    assert list(tasks[1].support) == ["Công an tỉnh"]


DIRECTIVE = """CHỈ THỊ
Về chuẩn bị mùa khô
Chủ tịch UBND tỉnh yêu cầu các sở, ngành và UBND các huyện triển khai ngay, với các nội dung sau:
I. KIỂM TRA HỒ CHỨA
Các địa phương khẩn trương rà soát mực nước từng hồ.
II. TRỮ NƯỚC
Công an tỉnh chủ trì bảo vệ các công trình trữ nước.
"""


def test_a_directives_parts_are_tasks_even_those_addressed_to_everyone():
    tasks = extract_plan(ctx_of(DIRECTIVE, [doc("ct:3", "Chỉ thị", 0, subject=True)])).tasks
    assert [(t.label, t.lead) for t in tasks] == [("I", None), ("II", "Công an tỉnh")]


EXCERPT = """(Thứ hai, 02/3/2026)
1. Các bộ, ngành và Ủy ban nhân dân các tỉnh xây dựng kế hoạch triển khai đề án.
2. Giao Bộ Tư pháp theo dõi, đôn đốc việc thực hiện đề án.
Quyết định có hiệu lực từ ngày ký.

File đính kèm
Quyết định 321/QĐ-TTg
"""


def test_a_portal_excerpt_belongs_to_the_document_it_attaches():
    attached = replace(doc("qd:321", "Quyết định", EXCERPT.index("Quyết định 321")),
                       symbol="321/QĐ-TTg")
    ctx = ctx_of(EXCERPT, [attached])
    assert own_document(ctx) is attached
    tasks = extract_plan(ctx).tasks
    assert [(t.label, t.lead) for t in tasks] == [
        ("1", "Các bộ, ngành và Ủy ban nhân dân các tỉnh"), ("2", "Bộ Tư pháp")]
    # a document merely cited in the text, with no attachment line, is not the text's own
    cited = EXCERPT.replace("File đính kèm\n", "Xem thêm\n")
    assert own_document(ctx_of(cited, [attached])) is None


def test_a_body_whose_name_holds_a_verb_is_named_whole():
    # "Sở Xây dựng": "xây dựng" is also a verb; the lead is the body, not "Sở"
    text = AGENCY_LETTER.replace("2. Công an tỉnh\n", "2. Giao Sở Xây dựng\n")
    tasks = extract_plan(ctx_of(text, [doc("cv:58", "Công văn", 0, subject=True)])).tasks
    assert ("2.a", "Sở Xây dựng") in [(t.label, t.lead) for t in tasks]


PARAGRAPH_LINES = """KẾ HOẠCH
Thực hiện công tác dân số năm 2031
I. NHIỆM VỤ
1. Sở Y tế
a) Chủ trì tổ chức các đợt truyền thông về dân số, về chăm sóc người già và về khám sàng lọc \
trước sinh ở tất cả các xã, phường trên địa bàn tỉnh trong suốt cả năm.
2. Sở Tài
chính
a) Cân đối ngân sách cho công tác dân số trong dự toán hằng năm của tỉnh, ưu tiên các xã vùng \
cao, vùng đồng bào dân tộc thiểu số và các xã có mức sinh thấp dưới mức sinh thay thế.
"""


def test_a_heading_wrapped_in_a_text_of_whole_paragraph_lines_is_rejoined():
    # the text is not hard-wrapped (each paragraph is one line), yet a line that goes on in
    # lower case continues the line above: "2. Sở Tài" / "chính" is one heading
    tasks = extract_plan(ctx_of(PARAGRAPH_LINES, [doc("kh:1", "Kế hoạch", 0, subject=True)])).tasks
    assert [(t.label, t.lead) for t in tasks] == [("I.1.a", "Sở Y tế"), ("I.2.a", "Sở Tài chính")]


NAMED_ITEMS = """KẾ HOẠCH
I. MỤC ĐÍCH
1. Thống nhất nhận thức.
II. NHIỆM VỤ
Nhiệm vụ 1: Số hóa hồ sơ đất đai của tỉnh
- Đơn vị chủ trì: Sở Nông nghiệp và Môi trường.
- Đơn vị phối hợp: Sở Tài chính, Sở Tư pháp.
- Thời gian hoàn thành: Quý IV/2026.
Nhiệm vụ số 2. Mở lớp bồi dưỡng kỹ năng số
- Đơn vị chủ trì: Sở Nội vụ.
- Thời gian hoàn thành: Hằng năm.
Giải pháp 3: Huy động nguồn lực xã hội
- Đơn vị chủ trì: Sở Tài chính.
"""


def test_items_numbered_after_the_word_naming_them():
    # "Nhiệm vụ 1:" / "Giải pháp 3:" number items like "1." does, their fields on lines below
    assert rows(NAMED_ITEMS) == [
        ("II.1", "Sở Nông nghiệp và Môi trường", ["Sở Tài chính", "Sở Tư pháp"], "Quý IV/2026"),
        ("II.2", "Sở Nội vụ", [], "Hằng năm"),
        ("II.3", "Sở Tài chính", [], None)]


PARTY = (
    "KẾ HOẠCH\nI. MỤC ĐÍCH\n1. Thống nhất nhận thức.\nII. NHIỆM VỤ\n"
    "1. Mở hội nghị học tập chuyên đề cho cán bộ chủ chốt (Ban Tuyên giáo và Dân vận Tỉnh ủy "
    "chủ trì, phối hợp với Trường Chính trị tỉnh thực hiện; hoàn thành trong quý II/2027).\n"
    "2. Tổng kết mô hình điểm ở cơ sở (Ủy ban Kiểm tra Tỉnh ủy chủ trì; thực hiện hằng năm).\n"
    "3. Gửi báo cáo kết quả về Văn phòng Tỉnh ủy (thời gian: trước ngày 20/11/2027).\n"
    "III. TỔ CHỨC THỰC HIỆN\n"
    "1. Các huyện ủy, thị ủy và đảng ủy trực thuộc Tỉnh ủy cụ thể hóa kế hoạch ở địa phương.\n")


def test_a_parenthesis_closing_the_item_names_its_lead_partners_and_deadline():
    # Party plans hand out work in a closing parenthesis: "(X chủ trì, phối hợp với Y; <time>)";
    # a body merely named in the item's text ("về Văn phòng Tỉnh ủy") does not lead it
    assert rows(PARTY) == [
        ("II.1", "Ban Tuyên giáo và Dân vận Tỉnh ủy", ["Trường Chính trị tỉnh"],
         "hoàn thành trong quý II/2027"),
        ("II.2", "Ủy ban Kiểm tra Tỉnh ủy", [], "thực hiện hằng năm"),
        ("II.3", None, [], "trước ngày 20/11/2027"),
        ("III.1", "Các huyện ủy, thị ủy và đảng ủy trực thuộc Tỉnh ủy", [], None)]


APPENDIX_NO_SIGNATURE = (
    "KẾ HOẠCH\nI. MỤC ĐÍCH\n1. Bảo đảm thống nhất.\nII. TỔ CHỨC THỰC HIỆN\n"
    "1. Sở Tài chính cân đối kinh phí.\n\nPHỤ LỤC\nDANH MỤC NHIỆM VỤ\n\n"
    "| STT | Nội dung | Sản phẩm | Thời gian hoàn thành | Cơ quan chủ trì | Cơ quan phối hợp |\n"
    "|---|---|---|---|---|---|\n"
    "| 1 | Lập bản đồ số vùng trồng | Bản đồ | Năm 2027 | Sở Nông nghiệp và Môi trường "
    "| Sở Tài chính |\n")


def test_an_appendix_heading_ends_the_body_where_the_signature_was_lost():
    # text copied without its signature block: the appendix heading alone says where the body
    # ends, so the last item does not swallow the table, whose rows are the appendix's
    assert rows(APPENDIX_NO_SIGNATURE) == [
        ("II.1", "Sở Tài chính", [], None),
        ("PL.1", "Sở Nông nghiệp và Môi trường", ["Sở Tài chính"], "Năm 2027")]


COMMUNE = (
    "KẾ HOẠCH\nI. MỤC ĐÍCH\n1. Bảo đảm thống nhất.\nII. NHIỆM VỤ\n"
    "1. Phòng Văn hóa - Xã hội chủ trì, phối hợp với Văn phòng HĐND và UBND phường in tài liệu.\n"
    "2. Trung tâm Phục vụ hành chính công xã hướng dẫn người dân nộp hồ sơ trực tuyến.\n"
    "3. Phòng Tài chính - Kế hoạch chủ trì, phối hợp với Phòng Nội vụ rà soát biên chế.\n")


def test_district_and_commune_offices_lead_and_support_as_printed():
    assert rows(COMMUNE) == [
        ("II.1", "Phòng Văn hóa - Xã hội", ["Văn phòng HĐND và UBND phường"], None),
        ("II.2", "Trung tâm Phục vụ hành chính công xã", [], None),
        ("II.3", "Phòng Tài chính - Kế hoạch", ["Phòng Nội vụ"], None)]


def test_a_collective_lead_ends_at_its_verb():
    text = ("KẾ HOẠCH\nI. MỤC ĐÍCH\n1. Bảo đảm thống nhất.\nII. NHIỆM VỤ\n"
            "1. Các sở, ban, ngành, UBND các xã, phường bố trí công chức làm công tác pháp chế.\n")
    assert lead_names(text) == ["Các sở, ban, ngành, UBND các xã, phường"]


def test_the_head_of_a_named_body_leads_as_printed():
    text = ("CHỈ THỊ\nVề phòng cháy\n\nChủ tịch Ủy ban nhân dân tỉnh yêu cầu:\n"
            "1. Giám đốc Sở Giáo dục và Đào tạo chỉ đạo các trường tổ chức diễn tập.\n"
            "2. Chỉ huy trưởng Bộ Chỉ huy Quân sự tỉnh chủ trì, phối hợp với Công an tỉnh "
            "tập huấn lực lượng.\n")
    assert rows(text, "Chỉ thị") == [
        ("1", "Giám đốc Sở Giáo dục và Đào tạo", [], None),
        ("2", "Chỉ huy trưởng Bộ Chỉ huy Quân sự tỉnh", ["Công an tỉnh"], None)]


PAGED = (
    "KẾ HOẠCH\nI. MỤC ĐÍCH\n1. Bảo đảm thống nhất.\nII. NHIỆM VỤ\n"
    "1. Sở Tài chính chủ trì, phối hợp với Sở Nội vụ cân đối kinh phí cho các\n"
    "{page}\n"
    "xã mới (hoàn thành trong tháng 8/2026).\n"
    "{page}\n"
    "2. Sở Nội vụ chủ trì hướng dẫn bố trí công chức (hoàn thành trong quý III/2026).\n"
    "3. Công an tỉnh chủ trì giữ an ninh tại các xã mới (thường xuyên).\n")


@pytest.mark.parametrize("page", ["- 2 -", "Trang 2/4", "2"])
def test_page_numbers_of_a_pdf_text_are_neither_items_nor_text(page):
    # a page break falls inside an item's sentence, and between two items
    text = PAGED.format(page=page)
    if page == "2":  # a bare number mid-sentence is indistinguishable from text: between only
        text = text.replace("các\n2\nxã", "các\nxã")
    assert rows(text) == [
        ("II.1", "Sở Tài chính", ["Sở Nội vụ"], "hoàn thành trong tháng 8/2026"),
        ("II.2", "Sở Nội vụ", [], "hoàn thành trong quý III/2026"),
        ("II.3", "Công an tỉnh", [], "thường xuyên")]


LETTERED = (
    "KẾ HOẠCH\nA. MỤC ĐÍCH, YÊU CẦU\n1. Thống nhất nhận thức.\nB. NHIỆM VỤ, GIẢI PHÁP\n"
    "I. Thể chế\n1. Sở Tư pháp chủ trì rà soát quy chế (hoàn thành trong quý II/2027).\n"
    "2. Sở Nội vụ chủ trì sắp xếp bộ máy.\nII. Hạ tầng\n"
    "1. Sở Xây dựng chủ trì lập quy hoạch.\nC. TỔ CHỨC THỰC HIỆN\n"
    "1. Sở Tài chính cân đối kinh phí.\nD. Nguyễn Văn An, chuyên viên, theo dõi.\n")


def test_parts_lettered_above_the_roman_ones():
    # "B. NHIỆM VỤ" / "I. …" / "1. …": the numbering path keeps the part's letter; a line
    # opening with a capital and a dot before lower case is no part
    assert leads(LETTERED) == [
        ("B.I.1", "Sở Tư pháp"), ("B.I.2", "Sở Nội vụ"), ("B.II.1", "Sở Xây dựng"),
        ("C.1", "Sở Tài chính")]


def test_letters_with_a_dot_number_items_as_letters_with_a_bracket_do():
    text = ("KẾ HOẠCH\nI. MỤC ĐÍCH\n1. Thống nhất nhận thức.\nII. NHIỆM VỤ\n1. Về thể chế\n"
            "a. Sở Tư pháp chủ trì rà soát quy chế (năm 2027).\n"
            "b. Sở Nội vụ chủ trì sắp xếp bộ máy.\n2. Về hạ tầng\n"
            "a. Sở Xây dựng chủ trì lập quy hoạch.\n")
    assert leads(text) == [
        ("II.1.a", "Sở Tư pháp"), ("II.1.b", "Sở Nội vụ"), ("II.2.a", "Sở Xây dựng")]


def test_markdown_star_bullets_are_bullets():
    # a web page converted to markdown lists with "* ", not "- "
    text = ("KẾ HOẠCH\nI. MỤC ĐÍCH\n1. Thống nhất nhận thức.\nII. NHIỆM VỤ\n**1. Sở Nội vụ**\n"
            "* Rà soát biên chế các cơ quan (Quý I/2027).\n* Hướng dẫn sắp xếp bộ máy.\n"
            "2. Sở Tài chính\n* Bố trí kinh phí.\n")
    assert rows(text) == [
        ("II.1 -1", "Sở Nội vụ", [], "Quý I/2027"), ("II.1 -2", "Sở Nội vụ", [], None),
        ("II.2 -1", "Sở Tài chính", [], None)]


def test_a_collective_lead_before_a_colon_is_printed_without_it():
    text = ("KẾ HOẠCH\nI. MỤC ĐÍCH\n1. Thống nhất nhận thức.\nII. TỔ CHỨC THỰC HIỆN\n"
            "- Sở Tài chính: Bố trí kinh phí.\n"
            "- Các sở, ban, ngành: Căn cứ chức năng, nhiệm vụ tổ chức thực hiện.\n")
    assert lead_names(text) == ["Sở Tài chính", "Các sở, ban, ngành"]


def test_items_under_an_article_that_give_work_are_tasks_a_codes_clauses_are_not():
    text = ("QUYẾT ĐỊNH:\nĐiều 1. Ban hành kèm theo Quyết định này Kế hoạch số hóa năm 2027.\n"
            "Điều 2. Tổ chức thực hiện\n"
            "1. Giao Sở Tư pháp chủ trì, phối hợp với Sở Tài chính biên soạn sổ tay "
            "hướng dẫn (hoàn thành trong quý I/2027).\n"
            "2. Sở Nội vụ chủ trì theo dõi, đánh giá kết quả.\n"
            "Điều 3. Xử phạt\n1. Giao dịch trái phép bị xử phạt theo quy định.\n"
            "Điều 4. Chánh Văn phòng chịu trách nhiệm thi hành Quyết định này.\n")
    assert rows(text, "Quyết định") == [
        ("Điều 2.1", "Sở Tư pháp", ["Sở Tài chính"], "hoàn thành trong quý I/2027"),
        ("Điều 2.2", "Sở Nội vụ", [], None)]


DISTRICT_PARTY = (
    "KẾ HOẠCH\nthực hiện Kế hoạch của Ban Thường vụ Tỉnh ủy\n\nI. MỤC ĐÍCH, YÊU CẦU\n"
    "1. Thống nhất nhận thức trong Đảng bộ.\nII. NHIỆM VỤ\n"
    "1. Mở hội nghị học tập chuyên đề cho đảng viên. Ban Tuyên giáo Huyện ủy chủ trì, phối "
    "hợp với Trung tâm Chính trị huyện thực hiện, hoàn thành trước 30/4/2027.\n"
    "2. Bổ sung quy hoạch cán bộ chủ chốt các xã. Ban Tổ chức Huyện ủy chủ trì tham mưu, "
    "thực hiện hằng năm.\n"
    "3. Kiểm tra việc sinh hoạt chi bộ. Các chi bộ phối hợp với Ủy ban Kiểm tra Huyện ủy, "
    "thực hiện thường xuyên.\n")


def test_a_later_sentence_of_the_item_declaring_its_lead_leads_it():
    # "… . X chủ trì, phối hợp với Y …": the lead is declared in the item's second sentence;
    # bodies that only support ("Các chi bộ phối hợp với …") do not lead; the clause closing
    # the item ("…, thực hiện hằng năm.", "trước 30/4/2027") is its deadline
    assert rows(DISTRICT_PARTY) == [
        ("II.1", "Ban Tuyên giáo Huyện ủy", ["Trung tâm Chính trị huyện"],
         "trước 30/4/2027"),
        ("II.2", "Ban Tổ chức Huyện ủy", [], "thực hiện hằng năm"),
        ("II.3", None, ["Ủy ban Kiểm tra Huyện ủy"], "thực hiện thường xuyên")]


def test_standing_bodies_given_work_by_an_article_lead_up_to_their_verb():
    text = ("NGHỊ QUYẾT\nVề mức hỗ trợ học tập\n\nQUYẾT NGHỊ:\n\nĐiều 1. Mức hỗ trợ\n"
            "Mỗi người được hỗ trợ một lần.\n\nĐiều 2. Tổ chức thực hiện\n"
            "1. Giao Ủy ban nhân dân tỉnh hướng dẫn thực hiện.\n"
            "2. Giao Thường trực Hội đồng nhân dân tỉnh giám sát việc thực hiện.\n")
    assert leads(text, "Nghị quyết") == [
        ("Điều 2.1", "Ủy ban nhân dân tỉnh"),
        ("Điều 2.2", "Thường trực Hội đồng nhân dân tỉnh")]


def test_a_parenthesis_describing_the_body_does_not_hide_its_lead():
    text = ("KẾ HOẠCH\nsắp xếp bộ máy\n\n"
            "1. Ban Tổ chức Tỉnh ủy (cơ quan thường trực Ban Chỉ đạo) chủ trì, phối hợp với "
            "Văn phòng Tỉnh ủy xây dựng đề án; xong trước ngày 15/4/2027.\n"
            "2. Văn phòng Tỉnh ủy bảo đảm điều kiện làm việc.\n")
    assert rows(text) == [
        ("1", "Ban Tổ chức Tỉnh ủy", ["Văn phòng Tỉnh ủy"], "trước ngày 15/4/2027"),
        ("2", "Văn phòng Tỉnh ủy", [], None)]


GUIDANCE_LETTER = """UBND TỈNH NAM TRUNG
SỞ NỘI VỤ
Số: 310/SNV-CCVC
V/v hướng dẫn tuyển dụng viên chức năm 2027
Nam Trung, ngày 03 tháng 3 năm 2027
Kính gửi:
- Các sở, ban, ngành;
- UBND các xã, phường.
Sở Nội vụ hướng dẫn một số nội dung như sau:
1. Các đơn vị rà soát chỉ tiêu còn thiếu, gửi về Sở Nội vụ trước ngày 20/3/2027.
2. Sở Tài chính bố trí kinh phí tổ chức thi tuyển.
"""


def test_a_letters_guidance_items_are_tasks():
    tasks = extract_plan(ctx_of(GUIDANCE_LETTER, [doc("cv:310", "Công văn", 0, subject=True)]))
    assert [(t.label, t.lead, t.deadline.text if t.deadline else None)
            for t in tasks.tasks] == [("1", None, "trước ngày 20/3/2027"),
                                      ("2", "Sở Tài chính", None)]


INLINE_FIELDS = (
    "KẾ HOẠCH\ncải cách hành chính\n\nI. MỤC ĐÍCH\n1. Bảo đảm.\nII. NHIỆM VỤ\n"
    "1. Số hóa hồ sơ đất đai (Cơ quan chủ trì: Sở Nông nghiệp và Môi trường; cơ quan phối "
    "hợp: Sở Tư pháp; thời gian hoàn thành: quý II/2027).\n"
    "2. Chuẩn hóa quy trình nội bộ. Cơ quan chủ trì: Văn phòng UBND tỉnh; cơ quan phối hợp: "
    "Sở Khoa học và Công nghệ; thời gian: năm 2027.\n"
    "3. Đánh giá mức độ hài lòng. Giao Sở Nội vụ thực hiện; hoàn thành trong năm 2027.\n"
    "4. Sở Y tế chủ trì khảo sát trạm y tế xã (thời gian hoàn thành: quý IV/2027).\n")


def test_fields_inside_an_items_line_name_its_lead_partners_and_deadline():
    assert rows(INLINE_FIELDS) == [
        ("II.1", "Sở Nông nghiệp và Môi trường", ["Sở Tư pháp"], "quý II/2027"),
        ("II.2", "Văn phòng UBND tỉnh", ["Sở Khoa học và Công nghệ"], "năm 2027"),
        ("II.3", "Sở Nội vụ", [], "hoàn thành trong năm 2027"),
        ("II.4", "Sở Y tế", [], "quý IV/2027")]


def test_partners_named_right_after_phoi_hop_without_voi():
    text = ("KẾ HOẠCH\nphát triển du lịch\n\nI. MỤC ĐÍCH\n1. Bảo đảm.\nII. NHIỆM VỤ\n"
            "1. Sở KH&ĐT chủ trì, phối hợp Sở GD&ĐT, Sở VHTT&DL xây dựng danh mục dự án.\n")
    assert rows(text) == [("II.1", "Sở KH&ĐT", ["Sở GD&ĐT", "Sở VHTT&DL"], None)]


def test_items_numbered_with_a_slash():
    # "1/ …" and "a/ …", as some provinces number their items
    text = ("KẾ HOẠCH\ncải cách\n\nI. MỤC ĐÍCH\n1. Bảo đảm.\nII. NHIỆM VỤ\n1/ Về thể chế\n"
            "a/ Sở Tư pháp chủ trì rà soát văn bản quy phạm.\n"
            "b/ Sở Nội vụ chủ trì sửa đổi quy chế làm việc.\n"
            "2/ Sở Tài chính chủ trì bố trí kinh phí.\n")
    assert leads(text) == [("II.1.a", "Sở Tư pháp"), ("II.1.b", "Sở Nội vụ"),
                           ("II.2", "Sở Tài chính")]


@pytest.mark.parametrize("part", ["{r}/ ", "{r}) ", "Phần {r}. ", "PHẦN {r}. "])
def test_parts_numbered_in_roman_with_other_separators(part):
    def head(r: str, title: str) -> str:
        return part.format(r=r) + title
    text = (f"KẾ HOẠCH\ncải cách\n\n{head('I', 'MỤC ĐÍCH, YÊU CẦU')}\n1. Bảo đảm.\n"
            f"{head('II', 'NHIỆM VỤ')}\n1. Sở Tư pháp chủ trì rà soát văn bản.\n"
            f"{head('III', 'TỔ CHỨC THỰC HIỆN')}\n1. Sở Nội vụ chủ trì tổng hợp.\n")
    assert leads(text) == [("II.1", "Sở Tư pháp"), ("III.1", "Sở Nội vụ")]


def test_a_deadline_labelled_hoan_thanh_in_a_field_and_a_column():
    head = "KẾ HOẠCH\ncải cách\n\nI. MỤC ĐÍCH\n1. Bảo đảm.\nII. NHIỆM VỤ\n"
    fields = head + ("1. Rà soát quy hoạch cán bộ.\n- Đơn vị thực hiện: Sở Nội vụ.\n"
                     "- Hoàn thành: Quý II/2027.\n")
    table = head + ("| TT | Nhiệm vụ | Chủ trì | Thời điểm hoàn thành |\n|---|---|---|---|\n"
                    "| 1 | Rà soát quy hoạch cán bộ | Sở Nội vụ | Quý II/2027 |\n")
    assert rows(fields) == [("II.1", "Sở Nội vụ", [], "Quý II/2027")]
    assert rows(table) == [("1", "Sở Nội vụ", [], "Quý II/2027")]
