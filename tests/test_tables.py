"""Tables in text: flattened "|"-line tables and markdown rows, cells with their spans."""

from loaders.tables import find_tables
from loaders.task_tables import header_roles, table_rows

FLAT = "\n".join([
    "Trước bảng.", "|", "**STT**", "|", "Nhiệm vụ", "|", "Cơ quan chủ trì", "|",
    "Thời hạn", "|", "|", "1", "|", "Lập danh mục", "dữ liệu", "|", "Sở Y tế", "|",
    "Năm 2026", "|", "|", "", "", "Sau bảng."])

MARKDOWN = ("Trước bảng.\n| TT | Nội dung | Đơn vị chủ trì | Phối hợp |\n|:--|---|---|---|\n"
            "| 1 | Lập danh mục | Sở Y tế | Sở Tài chính |\nSau bảng.\n")


def test_flattened_table_cells_are_separated_by_pipe_lines():
    (table,) = find_tables(FLAT)
    assert [r.texts() for r in table.rows] == [
        ["STT", "Nhiệm vụ", "Cơ quan chủ trì", "Thời hạn"],
        ["1", "Lập danh mục dữ liệu", "Sở Y tế", "Năm 2026"]]
    cell = table.rows[1].cells[2]
    assert FLAT[cell.start:cell.end] == "Sở Y tế"


def test_markdown_rows_skip_the_separator_line():
    (table,) = find_tables(MARKDOWN)
    assert [r.texts() for r in table.rows] == [
        ["TT", "Nội dung", "Đơn vị chủ trì", "Phối hợp"],
        ["1", "Lập danh mục", "Sở Y tế", "Sở Tài chính"]]
    row = table.rows[1]
    assert MARKDOWN[row.start:row.end] == "| 1 | Lập danh mục | Sở Y tế | Sở Tài chính |"


def test_a_task_table_is_known_by_its_header():
    (flat,) = find_tables(FLAT)
    assert header_roles(flat.rows[0]) == {"label": 0, "task": 1, "lead": 2, "deadline": 3}
    assert [(g, stt) for g, stt, _, _ in table_rows(flat)] == [(None, "1")]
    header_block = find_tables("|\nỦY BAN NHÂN DÂN\n|\nCỘNG HÒA XÃ HỘI\n|\n|\nSố: 5\n|\n")
    assert all(table_rows(t) == [] for t in header_block)


def test_text_without_tables_has_none():
    assert find_tables("Một đoạn văn. Không có bảng | nào ở đây.\n") == []


def test_one_blank_line_after_a_pipe_ends_a_flattened_table():
    # a signature block laid out as a table, one blank line, then the appendix's task table:
    # two tables, and the second keeps its header row (one blank line is as good as two)
    signature = "\n".join(["Nơi nhận:", "- Lưu: VT.", "|", "KT. CHỦ TỊCH", "Nguyễn Văn B", "|"])
    text = signature + "\n\nPHỤ LỤC\n\n" + FLAT.split("Trước bảng.\n", 1)[1]
    tables = find_tables(text)
    assert len(tables) == 2
    assert tables[1].rows[0].texts() == ["STT", "Nhiệm vụ", "Cơ quan chủ trì", "Thời hạn"]
    assert header_roles(tables[1].rows[0]) is not None


TABBED = ("Trước bảng.\nTT\tNội dung\tĐơn vị chủ trì\tPhối hợp\tThời hạn\n"
          "1\tLập danh mục\tSở Y tế\t\tNăm 2027\n2\tCập nhật bản đồ\tSở Xây dựng\tSở Tài chính\t"
          "Quý I/2027\nSau bảng, một câu\tcó tab lạc.\n")


def test_tab_separated_rows_are_a_table_with_their_empty_cells():
    # a table copied from a word processor: one tab per cell boundary, so an empty cell keeps
    # the columns aligned; a stray tab in a sentence is no table
    (table,) = find_tables(TABBED)
    assert [r.texts() for r in table.rows] == [
        ["TT", "Nội dung", "Đơn vị chủ trì", "Phối hợp", "Thời hạn"],
        ["1", "Lập danh mục", "Sở Y tế", "", "Năm 2027"],
        ["2", "Cập nhật bản đồ", "Sở Xây dựng", "Sở Tài chính", "Quý I/2027"]]
    cell = table.rows[2].cells[2]
    assert TABBED[cell.start:cell.end] == "Sở Xây dựng"
    assert [(g, stt) for g, stt, _, _ in table_rows(table)] == [(None, "1"), (None, "2")]
