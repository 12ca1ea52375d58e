"""The offline HTML explorer and per-query pages (DESIGN §8)."""

from viz.explorer import ExplorerGraph, build_explorer_graph
from viz.layout import hierarchical_positions
from viz.pages import write_explorer, write_table_html, write_trace_html
from viz.render import page_data, render_explorer, render_table, script_json

__all__ = ["ExplorerGraph", "build_explorer_graph", "hierarchical_positions", "page_data",
           "render_explorer", "render_table", "script_json", "write_explorer", "write_table_html",
           "write_trace_html"]
