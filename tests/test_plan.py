"""Tasks with their assignment, deadline and themes; the document a task list belongs to."""

from pathlib import Path

import pytest
import yaml

from graph.model import Document, Evidence, Source
from loaders.context import TextContext
from loaders.plan import extract_plan

FIXTURES = Path(__file__).parent / "fixtures" / "plans"
SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"
GOLD = SEEDS.parent / "gold"


def doc(uid: str, type_: str, at: int, locality: str | None = None,
        subject: bool = False) -> Document:
    ev = Evidence("src:t", "", at, at + 1)
    return Document(uid, None, type_, None, "provincial", locality, None, ev, is_subject=subject)


def ctx_of(text: str, documents: list[Document], **kw) -> TextContext:
    ctx = TextContext(text, Source("src:t", "t.txt", "t.txt", "0", len(text), "utf-8"), **kw)
    ctx.documents = documents
    return ctx


@pytest.fixture(scope="module")
def plan_tasks():
    text = (FIXTURES / "province_plan.txt").read_text("utf-8")
    parts = extract_plan(ctx_of(text, [doc("kh:this", "Kế hoạch", 0, subject=True)]))
    return {t.label: t for t in parts.tasks}, parts


def test_heading_assignment_is_inherited(plan_tasks):
    tasks, _ = plan_tasks
    t = tasks["III.1 (1)"]
    assert (t.lead, t.support) == ("Sở Nội vụ", ("Sở Tài chính",))
    assert t.deadline.text == "hoàn thành trong quý II năm 2021" and t.deadline.quarter == 2


def test_phoi_hop_with_a_named_body_keeps_the_lead(plan_tasks):
    tasks, _ = plan_tasks
    assert (tasks["III.1 (2)"].lead, tasks["III.1 (2)"].support) == (
        "Sở Nội vụ", ("Ban Tổ chức Tỉnh ủy",))


def test_phoi_hop_with_a_collective_under_a_declared_lead(plan_tasks):
    tasks, _ = plan_tasks  # "Sở Nội vụ chủ trì …:" then "(3) Phối hợp với các sở, ngành …":
    # the collective is named by kind, kept as printed (not a vague "… có liên quan")
    assert (tasks["III.1 (3)"].lead, tasks["III.1 (3)"].support) == ("Sở Nội vụ",
                                                                      ("các sở, ngành",))


def test_chu_tri_item_names_its_own_partners(plan_tasks):
    tasks, _ = plan_tasks
    assert tasks["III.1 (4)"].support == ("Sở Thông tin và Truyền thông",)


def test_giao_and_colon_heading_forms(plan_tasks):
    tasks, _ = plan_tasks
    t = tasks["III.2.1 -2"]
    assert (t.lead, t.support) == ("Sở Giáo dục và Đào tạo", ("Trường Chính trị tỉnh",))
    assert t.deadline.kind == "date"
    assert tasks["III.3"].lead == "Sở Xây dựng"


def test_vague_leads_are_not_organisations(plan_tasks):
    tasks, _ = plan_tasks
    assert tasks["III.2.2"].lead == "Các sở, ban, ngành"  # a collective named by kind is kept
    assert (tasks["III.1"].lead, tasks["III.1"].support) == (None, ("Sở Nội vụ",))
    assert tasks["III.1"].deadline.text == "định kỳ hằng năm hoặc đột xuất"


def test_themes_evidence_and_organisation_records(plan_tasks):
    tasks, parts = plan_tasks
    assert {"housing", "rotation"} <= {th.theme for th in tasks["III.3"].themes}
    assert all(t.evidence.method == "structure" for t in tasks.values())
    assert tasks["II.1"].text.startswith("Rà soát quy hoạch")
    names = {o.name: o for o in parts.organisations}
    assert names["Sở Nội vụ"].kind == "state" and names["Sở Nội vụ"].level == "provincial"
    assert names["Ban Tổ chức Tỉnh ủy"].kind == "party"
    assert "Bộ Nội vụ" not in names  # the Nơi nhận block is a distribution list


def test_news_lists_belong_to_the_plan_described_before_them():
    text = (FIXTURES / "news_roundup.txt").read_text("utf-8")
    na, th = text.index("Nghệ An\n"), text.index("Thanh Hóa\n")
    docs = [doc("nq:26", "Nghị quyết", text.index("Nghị quyết 26")),
            doc("kh:45@na", "Kế hoạch", text.index("Kế hoạch số 45"), "Nghệ An")]
    parts = extract_plan(ctx_of(text, docs, localities=[(na, "Nghệ An"), (th, "Thanh Hóa")]))
    got = [(t.document, t.label, t.lead, t.support) for t in parts.tasks]
    assert got == [  # a list handed to a body: its "Phối hợp …" item makes that body support
        ("kh:45@na", "(1)", "Ban Tổ chức Tỉnh ủy", ()),
        ("kh:45@na", "(2)", "Ban Tổ chức Tỉnh ủy", ("Sở Nội vụ",)),
        ("kh:45@na", "(3)", None, ("Ban Tổ chức Tỉnh ủy",)),
    ]


@pytest.mark.skipif(not SEEDS.is_dir(), reason="needs ../shared/seeds")
def test_seed_plan_tasks_match_the_hand_annotation():
    """Whole-document check on the one real plan among the seeds (read at run time)."""
    from loaders.pipeline import extract_file

    src = next(SEEDS.glob("002_*.txt"))
    gold = yaml.safe_load((GOLD / (src.stem + ".yaml")).read_text("utf-8"))
    got = {t.label: t for t in extract_file(src).tasks}
    assert set(got) == {g["label"] for g in gold["tasks"]}
    for g in gold["tasks"]:
        t = got[g["label"]]
        assert (t.lead, sorted(t.support)) == (g["lead"], sorted(g["support"]))
        assert (t.deadline.text if t.deadline else None) == g["deadline"]
