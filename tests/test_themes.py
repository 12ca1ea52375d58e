"""Cadre-work themes from the SKOS scheme."""

from loaders.themes import tag_themes, themes


def ids(text: str) -> list[str]:
    return [t.theme for t in tag_themes(text)]


def test_scheme_has_stable_ids_and_labels_in_both_languages():
    by_id = {t.id: t for t in themes()}
    for required in ("evaluation", "succession", "training", "rotation", "power-control",
                     "housing", "cadre-database", "non-local-secretaries", "downsizing"):
        assert by_id[required].label_vi and by_id[required].label_en


def test_with_and_without_accents():
    assert ids("Đánh giá và luân chuyển cán bộ") == ids("danh gia va luan chuyen can bo") == [
        "evaluation", "rotation"]


def test_words_that_triggered_are_kept_as_written():
    tags = {t.theme: t.words for t in tag_themes("Chống chạy chức, chạy quyền; nhà ở công vụ")}
    assert tags["power-control"] == ("chạy chức", "chạy quyền")
    assert tags["housing"] == ("nhà ở công vụ",)


def test_word_boundaries():
    assert "female-cadres" not in ids("Nâng cao năng lực nữa")
    assert "female-cadres" in ids("tỷ lệ cán bộ nữ")
