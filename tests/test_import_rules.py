"""The package rules of the house (DESIGN, Layout), checked on every import statement, those
inside functions included:

- ontology/ is the base: it imports none of kg's other packages;
- graph/ (model, ids, stores) imports only the ontology;
- loaders/ take from graph/ only the model, keys, ids, settings and the gc pause: never a store
  or a batch;
- queries/ never import loaders/ nor the derivations (alignment.deriving, calibration);
- nothing imports kg/, the composition root, except kg/ itself (tests and bench use its
  library, `kg.ingest`, from outside the packages).
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("kg", "graph", "loaders", "queries", "alignment", "viz", "ontology", "synth")


def imports(package: str, root: Path = ROOT) -> list[tuple[str, int, str]]:
    """(file, line, imported module) for every absolute import in `package`, of a module of
    another of kg's packages; `from a.b import c` counts as a.b and as a.b.c."""
    out = []
    for path in sorted((root / package).rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module, *(f"{node.module}.{a.name}" for a in node.names)]
            else:
                continue
            out += [(str(path.relative_to(root)), node.lineno, n) for n in names
                    if n.split(".")[0] in PACKAGES and n.split(".")[0] != package]
    return out


def offending(package: str, allowed, root: Path = ROOT) -> list[str]:
    return [f"{f}:{line} imports {name}" for f, line, name in imports(package, root)
            if not allowed(name)]


def _under(name: str, *prefixes: str) -> bool:
    return any(name == p or name.startswith(p + ".") for p in prefixes)


def test_the_ontology_imports_no_other_package():
    assert offending("ontology", lambda n: False) == []


def test_graph_imports_only_the_ontology():
    assert offending("graph", lambda n: _under(n, "ontology")) == []


def test_loaders_never_import_a_store():
    allowed = ("graph.model", "graph.keys", "graph.ids", "graph.settings", "graph.gcpause",
               "ontology")
    assert offending("loaders", lambda n: _under(n, *allowed)) == []


def test_queries_never_import_loaders_or_derivations():
    banned = ("loaders", "alignment.deriving", "alignment.calibration", "kg", "viz")
    assert offending("queries", lambda n: not _under(n, *banned)) == []


@pytest.mark.parametrize("package", [p for p in PACKAGES if p != "kg"])
def test_nothing_imports_the_composition_root(package):
    assert offending(package, lambda n: not _under(n, "kg")) == []


def test_the_checker_sees_imports_inside_functions(tmp_path):
    pkg = tmp_path / "queries"
    pkg.mkdir()
    (pkg / "x.py").write_text("def f():\n    from loaders.read import read_source\n",
                              encoding="utf-8")
    found = offending("queries", lambda n: not _under(n, "loaders"), tmp_path)
    assert found == ["queries/x.py:2 imports loaders.read",
                     "queries/x.py:2 imports loaders.read.read_source"]


# A store's methods that change it (graph.store.Store): queries/ only reads (its `query`
# calls are held to reading by the engine; this keeps the other methods out).
WRITING_METHODS = {"execute", "write", "retract", "checkpoint", "bulk", "ensure_schema"}


def writing_calls(package: str, root: Path = ROOT) -> list[str]:
    """file:line of every call of a method named like one of a store's writing methods."""
    out = []
    for path in sorted((root / package).rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                    and node.func.attr in WRITING_METHODS):
                out.append(f"{path.relative_to(root)}:{node.lineno} calls {node.func.attr}")
    return out


def test_queries_never_call_a_writing_method_of_a_store():
    assert writing_calls("queries") == []


def test_the_write_checker_sees_a_write(tmp_path):
    pkg = tmp_path / "queries"
    pkg.mkdir()
    (pkg / "x.py").write_text("def f(store):\n    store.execute('CREATE (:X)')\n",
                              encoding="utf-8")
    assert writing_calls("queries", tmp_path) == ["queries/x.py:2 calls execute"]
