"""Loading must stay light: no sympy, and no networkx until the graph is asked for."""

from __future__ import annotations

import subprocess
import sys


def imported_after(code: str) -> set[str]:
    probe = f"{code}\nimport sys\nprint('\\n'.join(sys.modules))"
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    return set(out.stdout.split())


def test_import_and_load_do_not_import_sympy_or_networkx() -> None:
    modules = imported_after(
        "import mesakb; kb = mesakb.load(); kb.search('x'); kb.more_general('mesa-optimizer')"
    )
    assert "sympy" not in modules
    assert "networkx" not in modules


def test_graph_imports_networkx_only_when_asked() -> None:
    assert "networkx" in imported_after("import mesakb; mesakb.load().graph")
