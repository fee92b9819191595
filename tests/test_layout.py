"""The package's layout reads as its data flow: layers, no cycles, one public surface."""

from __future__ import annotations

import ast
import importlib
import subprocess
import sys
import textwrap
from pathlib import Path

import networkx as nx
import pytest

import mesakb

SRC = Path(mesakb.__file__).resolve().parent

# Each layer may import only from its own layer and the layers before it.
LAYERS: tuple[tuple[str, ...], ...] = (
    (
        "mesakb.__about__",
        "mesakb.suggest",
        "mesakb.errors",
        "mesakb.diagnostics",
        "mesakb.vocab",
        "mesakb.urls",
        "mesakb.model",
    ),
    ("mesakb.read",),
    ("mesakb.kb",),
    ("mesakb.quotes", "mesakb.examples"),
    ("mesakb.write",),
    ("mesakb.site",),
    ("mesakb.cli", "mesakb"),
)


def module_name(path: Path) -> str:
    parts = path.relative_to(SRC.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def layer_of(module: str) -> int:
    best, found = -1, -1
    for index, prefixes in enumerate(LAYERS):
        for prefix in prefixes:
            if (module == prefix or module.startswith(prefix + ".")) and len(prefix) > best:
                best, found = len(prefix), index
    assert found >= 0, f"{module} belongs to no layer; add it to LAYERS"
    return found


def imports_of(path: Path, modules: set[str]) -> set[str]:
    """Every mesakb module a file imports, at any depth (function bodies and
    TYPE_CHECKING blocks included): a lazy import is still a dependency."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        names: list[str] = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [node.module]
            names += [f"{node.module}.{alias.name}" for alias in node.names]
        found |= {name for name in names if name in modules}
    return found


def module_graph() -> nx.DiGraph[str]:
    files = {module_name(p): p for p in SRC.rglob("*.py")}
    graph: nx.DiGraph[str] = nx.DiGraph()
    graph.add_nodes_from(files)
    for name, path in files.items():
        for target in imports_of(path, set(files)):
            if target != name:
                graph.add_edge(name, target)
    return graph


def test_every_module_belongs_to_a_layer() -> None:
    for module in module_graph():
        layer_of(module)


def test_module_graph_has_no_cycles() -> None:
    graph = module_graph()
    cycles = list(nx.simple_cycles(graph))
    assert cycles == []


def test_no_module_imports_from_a_layer_above_it() -> None:
    upward = [
        f"{a} (layer {layer_of(a)}) imports {b} (layer {layer_of(b)})"
        for a, b in module_graph().edges
        if layer_of(b) > layer_of(a)
    ]
    assert upward == []


def test_the_layer_check_catches_an_upward_import(tmp_path: Path) -> None:
    """The graph is computed from the source, so an upward import shows as an edge."""
    fake = tmp_path / "m.py"
    fake.write_text("def f():\n    from mesakb.site.pages import concept_page\n")
    assert imports_of(fake, {"mesakb.site.pages"}) == {"mesakb.site.pages"}


def test_only_mkdocs_modules_import_mkdocs() -> None:
    users = {
        module_name(p)
        for p in SRC.rglob("*.py")
        if any(
            isinstance(n, ast.Import | ast.ImportFrom)
            and any(
                (a.name if isinstance(n, ast.Import) else (n.module or "")).startswith(
                    ("mkdocs", "material")
                )
                for a in n.names
            )
            for n in ast.walk(ast.parse(p.read_text(encoding="utf-8")))
        )
    }
    assert users <= {"mesakb.site.build", "mesakb.site.hook", "mesakb.site.session"}


@pytest.mark.parametrize("name", mesakb.__all__)
def test_every_public_name_is_importable_from_mesakb(name: str) -> None:
    assert getattr(mesakb, name) is not None
    exec(f"from mesakb import {name}", {})


def test_no_module_is_named_like_a_public_function() -> None:
    modules = {module_name(p).rsplit(".", 1)[-1] for p in SRC.rglob("*.py")}
    functions = {n for n in mesakb.__all__ if callable(getattr(mesakb, n)) and n.islower()}
    assert modules & functions == set()


@pytest.mark.parametrize(
    "module", ["mesakb.read.loader", "mesakb.kb.base", "mesakb.write.citation", "mesakb.site.pages"]
)
def test_import_module_as_name_gives_the_module(module: str) -> None:
    namespace: dict[str, object] = {}
    exec(f"import {module} as m", namespace)
    assert namespace["m"] is importlib.import_module(module)
    assert type(namespace["m"]).__name__ == "module"


def test_package_ships_py_typed() -> None:
    assert (SRC / "py.typed").is_file()


def test_mypy_strict_sees_the_public_types(tmp_path: Path) -> None:
    user = tmp_path / "user.py"
    user.write_text(
        textwrap.dedent(
            """
            import mesakb

            kb: mesakb.KnowledgeBase = mesakb.load()
            term: str = kb["mesa-optimizer"].term
            wrong: int = kb["mesa-optimizer"].term
            """
        )
    )
    out = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-incremental", str(user)],
        capture_output=True,
        text=True,
        check=False,
        cwd=tmp_path,
    )
    # The one error is the deliberate one: mypy knows `term` is a str.
    assert out.stdout.count("error:") == 1, out.stdout
    assert (
        'Incompatible types in assignment (expression has type "str", variable has type "int")'
        in out.stdout
    )


@pytest.mark.parametrize(
    "error",
    [
        mesakb.UnknownConceptError("mesa-optimiser", ("mesa-optimizer",)),
        mesakb.UnknownSourceError("paper", ()),
        mesakb.ExampleError("deceptive-toy", "stopped after 10 s (time limit)"),
        mesakb.UnknownExampleError("levin", ("levin-complexity",)),
        mesakb.UsageError("format", "docx", "unknown citation format 'docx'"),
        mesakb.NoPathError("a", "b"),
        mesakb.NotAKnowledgeBaseError("/tmp/x"),
        mesakb.UnsafeMarkupError(r"\href{x}{y}", "TeX command \\href is not allowed"),
        mesakb.SiteError("mkdocs: broken"),
    ],
    ids=lambda e: type(e).__name__,
)
def test_errors_survive_pickling_between_processes(error: mesakb.MesakbError) -> None:
    import pickle

    copy = pickle.loads(pickle.dumps(error))
    assert type(copy) is type(error)
    assert str(copy) == str(error)
    assert copy.__dict__ == error.__dict__
