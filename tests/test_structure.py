"""The numbering hierarchy of plans and of task lists in running text."""

from pathlib import Path

from loaders.structure import intro_names_tasks, parse_outline, task_nodes

PLAN = (Path(__file__).parent / "fixtures" / "plans" / "province_plan.txt").read_text("utf-8")
NEWS = (Path(__file__).parent / "fixtures" / "plans" / "news_roundup.txt").read_text("utf-8")


def labels(text: str, mode: str) -> list[str]:
    return [n.label for n in task_nodes(parse_outline(text, mode))]


def test_plan_tasks_are_leaves_of_task_parts_with_printed_paths():
    assert labels(PLAN, "plan") == [
        "II.1", "II.2",
        "III.1 (1)", "III.1 (2)", "III.1 (3)", "III.1 (4)",
        "III.2.1 -1", "III.2.1 -2", "III.2.2", "III.3",
        "III.1", "III.2",  # the second part printed "III." keeps its number
    ]


def test_purpose_part_and_recipients_hold_no_tasks():
    got = labels(PLAN, "plan")
    assert "I.1" not in got
    outline = parse_outline(PLAN, "plan")
    assert PLAN[outline.body_end:].startswith("Nơi nhận")
    assert all(n.start < outline.body_end for n in outline.nodes())


def test_heading_with_children_is_not_a_task():
    nodes = {n.label: n for n in parse_outline(PLAN, "plan").nodes()}
    assert nodes["III.2.1"].children and "III.2.1" not in labels(PLAN, "plan")


def test_decimal_child_does_not_repeat_its_parent_number():
    assert "III.2.2" in labels(PLAN, "plan")
    assert not any(lbl.startswith("III.2.2.2") for lbl in labels(PLAN, "plan"))


def test_spans_cover_item_text():
    node = next(n for n in task_nodes(parse_outline(PLAN, "plan")) if n.label == "III.3")
    own = PLAN[node.text_start:node.body_end]
    assert own.startswith("Sở Xây dựng:") and own.rstrip().endswith("năm 2022).")


def test_news_lists_goals_are_not_tasks():
    assert labels(NEWS, "list") == ["(1)", "(2)", "(3)"]
    outline = parse_outline(NEWS, "list")
    assert len(outline.lists) == 2
    first, second = outline.lists
    assert "mục tiêu" in NEWS[first.intro_start:first.intro_end]
    assert "3 nhiệm vụ" in NEWS[second.intro_start:second.intro_end]


def test_intro_sentence_decides_by_the_last_noun():
    assert intro_names_tasks("Tỉnh ủy nêu một số nhiệm vụ, giải pháp chủ yếu sau:")
    assert not intro_names_tasks("Kế hoạch nêu rõ nhiệm vụ với 3 mục tiêu:")
    assert not intro_names_tasks("Ban Tổ chức thực hiện 14 nhiệm vụ.")  # no list follows


def test_inline_enumeration_inside_a_paragraph_is_not_numbering():
    text = "II. NHIỆM VỤ\n1. Thí điểm các chủ trương: (1) thi tuyển; (2) giao quyền.\n"
    assert labels(text, "plan") == ["II.1"]


def test_party_content_part_holds_tasks_but_the_resolutions_content_does_not():
    """ "II- NỘI DUNG" of a Politburo plan lists what each body does, an item's heading and its
    assignment on one line; "NỘI DUNG CƠ BẢN CỦA NGHỊ QUYẾT" summarises what is studied."""
    text = ("I- MỤC ĐÍCH VÀ YÊU CẦU\n1- Quán triệt Nghị quyết.\n"
            "II- NỘI DUNG CƠ BẢN CỦA NGHỊ QUYẾT\n1- Quan điểm chỉ đạo.\n2- Mục tiêu.\n"
            "III- NỘI DUNG\n1- Tổ chức học tập. Ban Tuyên giáo Trung ương chủ trì hướng dẫn "
            "(hoàn thành trong quý III năm 2018).\n2- Sơ kết. Ban Tổ chức Trung ương chủ trì.\n")
    assert labels(text, "plan") == ["III.1", "III.2"]


def test_clean_view_keeps_offsets_and_joins_wrapped_lines_and_bare_markers():
    from loaders.structure import clean_view

    wrapped = "\n".join(["**II.", "NHIỆM VỤ**", "", "**1.** Sở Nội vụ rà soát hồ sơ lưu trữ",
                         "của các cơ quan trong tỉnh và báo cáo", "kết quả cho tỉnh."] * 4)
    view = clean_view(wrapped)
    assert len(view) == len(wrapped) and "*" not in view
    assert view.startswith("  II. NHIỆM VỤ  \n")  # the marker joined to its heading
    assert "lưu trữ của các cơ quan trong tỉnh và báo cáo kết quả" in view
    one_per_line = "1. Về nhà ở\nSở Xây dựng chủ trì.\n2. Về đào tạo\nSở Nội vụ chủ trì.\n" * 5
    assert clean_view(one_per_line) == one_per_line  # paragraphs on one line each: untouched


def test_field_lines_and_sentence_continuations_are_not_items():
    text = ("II. NHIỆM VỤ\n1. Lập kho dữ liệu:\na) Nhiệm vụ: lập kho.\n"
            "b) Cơ quan chủ trì: Sở Y tế.\nc) Thời gian thực hiện: năm 2026.\n"
            "2. Sở Nội vụ theo dõi việc thực hiện các nhiệm vụ "
            "đã giao trong Kế hoạch này, đôn đốc các cơ quan, đơn vị trên địa bàn tỉnh, tổng "
            "hợp báo cáo kết quả về Ủy ban nhân dân tỉnh\n- Văn phòng thường trực chậm nhất ngày "
            "5 hằng tháng.\n")
    assert labels(text, "plan") == ["II.1", "II.2"]


def test_numbered_items_never_nest_under_a_bullet_and_recipients_are_their_own_list():
    text = ("Kính gửi:\n|\n- Sở Tài chính;\n- Sở Xây dựng.\n"
            "Để kịp tổng hợp, đề nghị các sở làm các việc sau:\n"
            "1. Báo cáo tiến độ giải ngân.\n- Kèm số liệu từng dự án.\n"
            "2. Đề xuất điều chỉnh vốn.\n")
    outline = parse_outline(text, "plan")
    recipients, work = outline.lists
    assert recipients.addressed and [n.label for n in recipients.items] == ["-1", "-2"]
    assert not work.addressed
    assert text[work.intro_start:work.intro_end].startswith("Để kịp tổng hợp")
    assert [n.label for n in work.items] == ["1", "2"]
    assert [n.label for n in outline.nodes() if n.parent] == ["1 -1"]  # a bullet under "1."
    assert labels(text, "plan") == ["1 -1", "2"]


def test_a_single_recipient_line_does_not_mark_the_list_after_it():
    text = "Kính gửi: Sở Y tế.\nThực hiện chỉ đạo của tỉnh:\n- Rà soát danh mục thuốc.\n"
    (only,) = parse_outline(text, "plan").lists
    assert not only.addressed


def test_a_request_to_bodies_or_a_directive_announces_tasks_whatever_its_nouns():
    assert intro_names_tasks("Thủ tướng Chính phủ chỉ thị:")
    assert intro_names_tasks("Chủ tịch UBND tỉnh yêu cầu các sở, ngành và UBND các huyện "
                             "khẩn trương triển khai, với các nội dung sau:")
    assert not intro_names_tasks("Nghị quyết gồm các nội dung sau:")  # no one is asked
    assert not intro_names_tasks("Kế hoạch đặt ra các yêu cầu sau:")  # "yêu cầu" as a noun
    assert not intro_names_tasks("Đề nghị các đơn vị bảo đảm các mục tiêu sau:")


def test_parts_of_a_directive_without_plan_headings_are_its_tasks():
    text = ("CHỈ THỊ\nVề chuẩn bị mùa khô\n"
            "Chủ tịch UBND tỉnh yêu cầu các sở, ngành triển khai ngay, với các nội dung sau:\n"
            "I. KIỂM TRA HỒ CHỨA\nCác địa phương rà soát mực nước từng hồ.\n"
            "II. TRỮ NƯỚC\nSở Nông nghiệp và Môi trường hướng dẫn nông dân trữ nước.\n")
    assert labels(text, "plan") == ["I", "II"]
    # in a plan headed by its parts, a part with no items is not a task
    headed = text.replace("I. KIỂM TRA HỒ CHỨA", "I. MỤC ĐÍCH")
    assert labels(headed, "plan") == []


def test_a_shallower_number_after_a_deeper_one_restarts_above_it():
    # a page that lost the heading "2." keeps "2.1", "2.2"; the "1." after them opens a new
    # run of its own, it is not an item of "2.2"
    text = ("2.1. Thống nhất mẫu phiếu khảo sát.\n2.2. Công khai kết quả khảo sát.\n"
            "1. Các sở bảo đảm tiến độ chung.\n2. Việc khảo sát phải khách quan.\n")
    outline = parse_outline(text, "plan")
    assert [n.label for n in outline.nodes()] == ["2.1", "2.2", "1", "2"]
    assert all(n.parent is None for n in outline.nodes())
