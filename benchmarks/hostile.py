"""Hostile sizes: ``check`` stays flat, and what it passes renders in linear time.

One command, not part of the test run::

    .venv/bin/python benchmarks/hostile.py          # about a minute on 2 cores

For each hostile shape of a concept ``body`` (19,000 ``[``, unclosed link targets,
deep quotes, brackets hidden by backticks, ...) at growing sizes, and for a 2 GB
sparse file behind a symbolic link, it prints as a Markdown table:

- ``check`` time (best of 5, in-process) and Python peak memory (tracemalloc) for
  the fixture knowledge base plus the hostile file, next to the same for a normal
  file of the same size (plain words), and their ratio;
- whether ``check`` refuses the body, and, when it passes it, the time to render
  it (:func:`mesakb.site.html.markdown_html`) next to plain words of the same size.

Before the checker's Markdown limits, 19,000 ``[`` passed ``check`` in 0.4 s and took
minutes to render (8,000 took 61 s: the renderer's bracket matching is quadratic).
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "src"))

from mesakb.read.loader import check  # noqa: E402
from mesakb.site.html import markdown_html  # noqa: E402

FIXTURE = HERE.parent / "tests" / "fixtures" / "kb"
SIZES = (1_000, 5_000, 19_000)

HEAD = """\
id: x
term: x
kind: concept
summary: A thing.
definitions:
  - quote: A thing is a thing.
    source: paper
    locator: sec. 1
    rank: preferred
relations:
  related: [optimizer, objective]
body: |
"""

UNITS = {
    "plain words": "word ",
    "open brackets [": "[",
    "unclosed link [a](b": "[a](b ",
    "backtick-hidden [": "`[`",
    "nested quotes >": "> ",
    "escaped \\[": "\\[",
    "closed links [a](b)": "[a](b) ",
}
"""Each shape is its unit repeated to the size (whole units only)."""


def shape(name: str, n: int) -> str:
    unit = UNITS[name]
    return unit * (n // len(unit))


def body_file(text: str) -> str:
    return HEAD + "".join(f"  {line}\n" for line in text.split("\n"))


def measure_check(root: Path) -> tuple[float, float, bool]:
    """Best seconds of 5, peak MiB and whether the knowledge base passed."""
    times = []
    for _ in range(5):
        start = time.perf_counter()
        result = check(root)
        times.append(time.perf_counter() - start)
    tracemalloc.start()
    check(root)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return min(times), peak / 2**20, result.ok


def render_seconds(text: str) -> float:
    markdown_html.cache_clear()
    start = time.perf_counter()
    markdown_html(text)
    return time.perf_counter() - start


def main() -> None:
    columns = ["shape", "body chars", "check s", "peak MiB", "vs plain (time, memory)"]
    columns += ["check", "render s", "render vs plain"]
    print("| " + " | ".join(columns) + " |")
    print("|---|---:|---:|---:|---:|---|---:|---:|")
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "kb"
        shutil.copytree(FIXTURE, root)
        target = root / "concepts" / "x.yaml"
        for n in SIZES:
            target.write_text(body_file(shape("plain words", n)), encoding="utf-8")
            measure_check(root)  # warm up: imports, caches
            base_time, base_peak, _ = measure_check(root)
            base_render = min(render_seconds(shape("plain words", n)) for _ in range(3))
            for name in UNITS:
                text = shape(name, n)
                target.write_text(body_file(text), encoding="utf-8")
                seconds, peak, ok = measure_check(root)
                render = min(render_seconds(text) for _ in range(3)) if ok else float("nan")
                ratio = f"{seconds / base_time:.2f}, {peak / base_peak:.2f}"
                shown = f"{render:.3f}" if ok else "-"
                vs = f"{render / base_render:.2f}" if ok else "-"
                verdict = "passes" if ok else "refuses"
                print(
                    f"| {name} | {n} | {seconds:.3f} | {peak:.2f} | {ratio} | {verdict} "
                    f"| {shown} | {vs} |"
                )
        # A 2 GB file behind a symbolic link: refused from its size, never read.
        target.unlink()
        big = root / "notes" / "big.yaml"
        big.parent.mkdir()
        with big.open("wb") as handle:
            handle.truncate(2 * 2**30)
        os.symlink("../notes/big.yaml", target)
        seconds, peak, ok = measure_check(root)
        print(
            f"| 2 GB sparse file via symlink | - | {seconds:.3f} | {peak:.2f} | - | "
            f"{'passes' if ok else 'refuses'} | - | - |"
        )


if __name__ == "__main__":
    main()
