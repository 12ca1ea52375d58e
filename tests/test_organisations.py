"""Gazetteer of agencies: canonical names, abbreviations, short forms, vague collectives."""

from loaders.organisations import find_organisations


def names(text: str) -> list[str]:
    return [m.entry.name for m in find_organisations(text)]


def test_abbreviations_resolve_to_canonical_names():
    assert names("Sở TT&TT, Sở GD&ĐT, UBND tỉnh, TT HĐND tỉnh và Ủy ban MTTQ Việt Nam tỉnh") == [
        "Sở Thông tin và Truyền thông", "Sở Giáo dục và Đào tạo", "Ủy ban nhân dân tỉnh",
        "Thường trực Hội đồng nhân dân tỉnh", "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh"]


def test_old_tone_placement_and_missing_accents():
    assert names("BTV Tỉnh uỷ; So Noi vu") == ["Ban Thường vụ Tỉnh ủy", "Sở Nội vụ"]


def test_short_form_means_the_body_named_in_full_before():
    text = "Ban Tổ chức Thành ủy tham mưu. Sau đó Ban Tổ chức thực hiện 5 nhiệm vụ."
    assert names(text) == ["Ban Tổ chức Thành ủy", "Ban Tổ chức Thành ủy"]
    assert names("Ban Tổ chức thực hiện") == ["Ban Tổ chức Tỉnh ủy"]


def test_symbols_are_not_bodies():
    assert names("Kế hoạch số 86-KH/TU và Nghị quyết 26-NQ/TW") == []


def test_vague_phrases_are_not_organisations():
    assert names("các sở, ngành và các địa phương; UBND các huyện, thị xã, thành phố") == []


def test_printed_lists_split_into_bodies_as_printed():
    from loaders.organisations import split_bodies

    text = ("Sở KH&CN Sở Tư pháp; các sở, ban, ngành tỉnh, UBND các phường, xã "
            "và Trung tâm Lưu trữ tỉnh (Sở Nội vụ)")
    assert [p for p, _, _ in split_bodies(text, 0, len(text))] == [
        "Sở KH&CN", "Sở Tư pháp", "các sở, ban, ngành tỉnh", "UBND các phường, xã",
        "Trung tâm Lưu trữ tỉnh (Sở Nội vụ)"]
    two = "Sở Khoa học và Công nghệ, Văn phòng Sở Y tế."
    assert [p for p, _, _ in split_bodies(two, 0, len(two))] == [
        "Sở Khoa học và Công nghệ", "Văn phòng Sở Y tế"]


def test_vague_bodies_are_those_named_by_kind_or_as_related():
    from loaders.organisations import is_vague

    assert is_vague("các cơ quan, đơn vị có liên quan") and is_vague("các cơ quan, đơn vị")
    assert is_vague("các sở, ngành liên quan")
    assert not is_vague("Các sở, ban, ngành") and not is_vague("UBND các xã, phường")


def test_partners_in_running_text_keep_collectives_and_drop_related_ones():
    from loaders.organisations import printed_partners

    text = "sở, ban, ngành, UBND xã, phường và các đơn vị liên quan rà soát hồ sơ, Sở Y tế"
    assert [p for p, _ in printed_partners(text, 0, len(text))] == [
        "sở, ban, ngành", "UBND xã, phường"]
    text = "các sở, ngành, đơn vị có liên quan, Công an tỉnh kiểm tra"
    assert [p for p, _ in printed_partners(text, 0, len(text))] == ["Công an tỉnh"]


def test_a_body_printed_by_its_abbreviation_has_one_canonical_name():
    from loaders.organisations import canonical_name
    assert canonical_name("Sở  TT&TT") == "Sở Thông tin và Truyền thông"
    assert canonical_name("Sở Nội vụ, Sở Tài chính") == "Sở Nội vụ, Sở Tài chính"  # two bodies
    assert canonical_name("Hội Nông dân xã Bình An") == "Hội Nông dân xã Bình An"  # unknown


def test_leads_printed_two_ways_are_one_organisation_in_the_graph():
    from graph.batch import to_batch
    from graph.model import Source
    from loaders.pipeline import extract_text
    text = ("ỦY BAN NHÂN DÂN TỈNH NAM ĐỊNH\nSố: 31/KH-UBND\nKẾ HOẠCH\nSố hóa hồ sơ đất đai\n"
            "II. NHIỆM VỤ\n1. Sở TN&MT chủ trì quét hồ sơ địa chính.\n"
            "2. Sở Tài nguyên và Môi trường chủ trì cập nhật bản đồ số.\n")
    ex = extract_text(text, Source("src:o", "o.txt", "o.txt", "0", len(text), "utf-8"))
    assert [t.lead for t in ex.tasks] == ["Sở TN&MT", "Sở Tài nguyên và Môi trường"]  # as printed
    b = to_batch(ex)
    leads = {e.dst for e in b.edges if e.type == "LEAD"}
    assert len(leads) == 1


def test_every_gazetteer_row_holds_its_whole_name():
    # a name holding a comma ("Sở Văn hóa, Thể thao và Du lịch") must be quoted in the data,
    # or YAML cuts it at the comma into a short name and a stray key
    import yaml

    from loaders.organisations import DATA

    rows = yaml.safe_load(DATA.read_text(encoding="utf-8"))["organisations"]
    assert [r for r in rows if set(r) - {"name", "level", "kind", "aliases"}] == []
    culture, works = "Sở Văn hóa, Thể thao và Du lịch", "Phòng Kinh tế, Hạ tầng và Đô thị"
    found = find_organisations(f"{works} cùng Sở VHTT&DL khảo sát; {culture} tổng hợp")
    assert [m.entry.name for m in found] == [works, culture, culture]


def test_provincial_branches_and_commands_by_their_printed_names():
    found = find_organisations("BCH Quân sự tỉnh, Ngân hàng Nhà nước chi nhánh tỉnh, Cục Hải "
                               "quan tỉnh và Liên minh Hợp tác xã tỉnh")
    assert [m.entry.name for m in found] == [
        "Bộ Chỉ huy Quân sự tỉnh", "Ngân hàng Nhà nước chi nhánh tỉnh", "Cục Hải quan tỉnh",
        "Liên minh Hợp tác xã tỉnh"]
