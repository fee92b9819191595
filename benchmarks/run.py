"""Benchmarks of mesakb up to 10,000 concepts, each against a floor measured in the same run.

One command, not part of the test run::

    .venv/bin/python benchmarks/run.py            # full run (about 13 minutes on 2 cores)
    .venv/bin/python benchmarks/run.py --quick    # smaller sizes, fewer repeats (about 3)
    .venv/bin/python benchmarks/run.py --output site/guides/benchmarks.md

Synthetic knowledge bases come from ``benchmarks/synth.py`` (deterministic, so every
run measures the same bytes). Each figure is printed next to its floor, the cheapest
thing that does the same job, and the ratio of the two, as a Markdown table:

- load + validate + cross-checks vs parsing the same files with PyYAML's CSafeLoader;
- ``mesakb check`` as a whole process (wall time, peak RSS) vs a process that only
  parses the files with CSafeLoader;
- ``mesakb --help`` vs ``python -c pass``, and which heavy modules a command imports;
- single-concept queries vs a dict lookup or a plain networkx walk;
- a clean site build vs a bare mkdocs-material build of the same pages as plain
  Markdown (same nav), its log-log slope in N, and search index bytes per concept;
- a concept page's weight (its HTML plus the CSS and JS it loads, raw and gzipped)
  vs the same page in that bare build;
- the rebuild after editing one concept file while ``mesakb serve`` runs;
- the first search in headless Chromium (focus to first results) against the bare
  build's search, the index bytes a page fetches before any search, and the size of
  the concept search index (needs Debian's chromium and Playwright, as the tests do).

Cheap measurements are repeated and the median kept; noisy whole-process ones keep the
best of their repeats.
"""

from __future__ import annotations

import argparse
import datetime
import gc
import gzip
import json
import math
import os
import platform
import random
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
PY = sys.executable
HEAVY = ("sympy", "networkx", "mkdocs", "markdown", "latex2mathml")

# Run in a child process by the runner: execute one mesakb command line in-process,
# then report which heavy modules it imported. Kept as source so the child imports
# nothing but mesakb.
PROBE = """\
import json, sys
from mesakb.cli import main
out, argv = sys.argv[1], sys.argv[2:]
code = main(argv)
heavy = {name: name in sys.modules for name in HEAVY}
with open(out, "w") as f:
    json.dump({"code": code, "modules": heavy}, f)
""".replace("HEAVY", repr(HEAVY))

# Run in a child process: the whole-process floor for `mesakb check`.
PARSE_ONLY = """\
import sys, yaml
from pathlib import Path
root = Path(sys.argv[1])
for folder in ("concepts", "sources"):
    for file in sorted((root / folder).iterdir()):
        yaml.load(file.read_bytes(), Loader=yaml.CSafeLoader)
"""

# Run in a child process: run a command, report its wall time and peak RSS (KiB).
RUSAGE = """\
import json, resource, subprocess, sys, time
start = time.perf_counter()
subprocess.run(sys.argv[1:], check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
wall = time.perf_counter() - start
print(json.dumps({"wall": wall, "rss": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss}))
"""


@dataclass(frozen=True)
class Row:
    """One line of the results table."""

    what: str
    n: str
    ours: str
    floor: str
    floor_name: str
    ratio: float | None
    target: str
    met: bool | None

    def cells(self) -> list[str]:
        ratio = "" if self.ratio is None else f"{self.ratio:.2f}×"
        verdict = {True: "met", False: "**missed**", None: ""}[self.met]
        return [
            self.what,
            self.n,
            self.ours,
            self.floor,
            self.floor_name,
            ratio,
            self.target,
            verdict,
        ]


def table(rows: Sequence[Row]) -> str:
    """Return the rows as a Markdown table."""
    head = ["measurement", "N", "mesakb", "floor", "floor is", "ratio", "target", ""]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    lines += ["| " + " | ".join(row.cells()) + " |" for row in rows]
    return "\n".join(lines)


def say(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


def mesakb_command() -> list[str]:
    script = Path(PY).parent / "mesakb"
    return [str(script)] if script.exists() else [PY, "-m", "mesakb.cli"]


def kb_root(work: Path, n: int) -> Path:
    """Return a synthetic knowledge base of ``n`` concepts, generating it once."""
    sys.path.insert(0, str(HERE))
    import synth

    root = work / f"kb{n}"
    if not (root / ".complete").exists():
        shutil.rmtree(root, ignore_errors=True)
        synth.generate(n, root, seed=0)
        (root / ".complete").write_text("")
    return root


def timed(func: Callable[[], object]) -> float:
    gc.collect()
    start = time.perf_counter()
    func()
    return time.perf_counter() - start


def wall(argv: Sequence[str], **kwargs: Any) -> float:
    start = time.perf_counter()
    subprocess.run(argv, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, **kwargs)
    return time.perf_counter() - start


def probe(argv: Sequence[str], work: Path) -> tuple[float, dict[str, bool]]:
    """Run ``mesakb argv`` in a fresh process; return its wall time and heavy imports."""
    out = work / "probe.json"
    seconds = wall([PY, "-c", PROBE, str(out), *argv])
    found = json.loads(out.read_text())
    if found["code"] != 0:
        raise SystemExit(f"mesakb {' '.join(argv)} failed with exit code {found['code']}")
    return seconds, found["modules"]


def fmt_s(seconds: float) -> str:
    return f"{seconds:.2f} s" if seconds >= 1 else f"{seconds * 1000:.0f} ms"


# -- measurements ---------------------------------------------------------------------


def bench_load(work: Path, sizes: Sequence[int], repeat: int) -> list[Row]:
    import yaml

    import mesakb

    rows = []
    for n in sizes:
        root = kb_root(work, n)
        files = sorted([*(root / "concepts").iterdir(), *(root / "sources").iterdir()])

        def parse_only(files: list[Path] = files) -> None:
            for file in files:
                yaml.load(file.read_bytes(), Loader=yaml.CSafeLoader)

        def load(root: Path = root) -> None:
            mesakb.load(root)

        ours, floor = [], []
        for _ in range(repeat):
            floor.append(timed(parse_only))
            ours.append(timed(load))
        a, b = statistics.median(ours), statistics.median(floor)
        target = n >= 10_000
        rows.append(
            Row(
                "load + validate + cross-checks",
                f"{n:,}",
                fmt_s(a),
                fmt_s(b),
                "CSafeLoader parse",
                a / b,
                "≤ 1.3×" if target else "",
                a / b <= 1.3 if target else None,
            )
        )
        say(f"load {n}: {a:.3f} s vs {b:.3f} s")
    return rows


def rusage(argv: Sequence[str]) -> tuple[float, int]:
    found = json.loads(
        subprocess.run([PY, "-c", RUSAGE, *argv], check=True, capture_output=True, text=True).stdout
    )
    return found["wall"], found["rss"]


def bench_check(work: Path, n: int, repeat: int) -> list[Row]:
    root = kb_root(work, n)
    ours = [rusage([*mesakb_command(), "--root", str(root), "check"]) for _ in range(repeat)]
    floor = [rusage([PY, "-c", PARSE_ONLY, str(root)]) for _ in range(repeat)]
    a, b = min(t for t, _ in ours), min(t for t, _ in floor)
    rss_a = statistics.median(r for _, r in ours)
    rss_b = statistics.median(r for _, r in floor)
    per, per_b = rss_a / n, rss_b / n
    say(f"check {n}: {a:.2f} s, {rss_a / 1024:.0f} MiB vs {b:.2f} s, {rss_b / 1024:.0f} MiB")
    return [
        Row(
            "`mesakb check`, whole process",
            f"{n:,}",
            fmt_s(a),
            fmt_s(b),
            "process that only parses (CSafeLoader)",
            a / b,
            "≤ 2.5 s",
            a <= 2.5,
        ),
        Row(
            "`mesakb check`, peak RSS per concept",
            f"{n:,}",
            f"{per:.1f} KiB",
            f"{per_b:.1f} KiB",
            "same parse-only process",
            per / per_b,
            "≤ 20 KB",
            per * 1024 <= 20_000,
        ),
    ]


def bench_startup(work: Path, repeat: int) -> list[Row]:
    cmd = mesakb_command()
    wall([*cmd, "--help"])  # warm the bytecode cache
    ours = statistics.median(wall([*cmd, "--help"]) for _ in range(repeat))
    floor = statistics.median(wall([PY, "-c", "pass"]) for _ in range(repeat))
    say(f"--help: {ours * 1000:.0f} ms vs {floor * 1000:.0f} ms")
    rows = [
        Row(
            "`mesakb --help`",
            "",
            fmt_s(ours),
            fmt_s(floor),
            "`python -c pass`",
            ours / floor,
            "≤ 200 ms",
            ours <= 0.2,
        )
    ]
    root = kb_root(work, 300)
    loaded = subprocess.run(
        [
            PY,
            "-c",
            "import sys, mesakb; mesakb.load(sys.argv[1]); "
            f"print(','.join(m for m in {HEAVY!r} if m in sys.modules))",
            str(root),
        ],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    _, checked = probe(["--root", str(root), "check"], work)
    heavy = {
        "load": set(filter(None, loaded.split(","))),
        "check": {m for m, on in checked.items() if on},
    }
    for what, found in heavy.items():
        clean = "sympy" not in found and "networkx" not in found
        rows.append(
            Row(
                f"heavy imports on {what}",
                "300",
                ", ".join(sorted(found)) or "none",
                "",
                "",
                None,
                "no sympy, no networkx",
                clean,
            )
        )
    return rows


def median_us(func: Callable[[Any], object], args: Sequence[Any]) -> float:
    times = []
    clock = time.perf_counter_ns
    for arg in args:
        start = clock()
        func(arg)
        times.append(clock() - start)
    return statistics.median(times) / 1000


def bench_queries(work: Path, n: int, samples: int) -> list[Row]:
    import networkx as nx

    import mesakb

    kb = mesakb.load(kb_root(work, n))
    rng = random.Random(0)
    ids = rng.sample(list(kb.concepts), samples)
    pairs = [(a, rng.choice(ids)) for a in ids]
    terms = [kb[i].term for i in ids]
    by_term = {c.term.casefold(): c.id for c in kb}
    is_a: nx.DiGraph[str] = nx.DiGraph()
    reading: nx.DiGraph[str] = nx.DiGraph()
    either: nx.Graph[str] = nx.Graph()
    for c in kb:
        for relation, targets in c.relations.items():
            for t in targets:
                either.add_edge(c.id, t)
                if relation == "is_a":
                    is_a.add_edge(c.id, t)
                if relation in ("is_a", "requires"):
                    reading.add_edge(c.id, t)

    def walk(graph: Any, start: str) -> list[str]:
        seen, order, queue = {start}, [], [start]
        for node in queue:
            for other in graph[node]:
                if other not in seen:
                    seen.add(other)
                    order.append(other)
                    queue.append(other)
        return order

    cases: list[tuple[str, Callable[[Any], object], Callable[[Any], object], str, Sequence[Any]]]
    cases = [
        (
            "`more_general`",
            kb.more_general,
            lambda i: walk(is_a.succ, i),
            "networkx successor walk",
            ids,
        ),
        (
            "`more_specific`",
            kb.more_specific,
            lambda i: walk(is_a.pred, i),
            "networkx predecessor walk",
            ids,
        ),
        (
            "`prerequisites`",
            kb.prerequisites,
            lambda i: walk(reading.succ, i),
            "networkx walk (unordered)",
            ids,
        ),
        (
            "`path`",
            lambda p: kb.path(*p),
            lambda p: nx.shortest_path(either, *p),
            "`nx.shortest_path`",
            pairs,
        ),
        ("`search` (a term)", kb.search, lambda t: by_term.get(t.casefold()), "dict lookup", terms),
        ("`kb[id]`", kb.concept, lambda i: kb.concepts[i], "dict lookup", ids),
    ]
    kb.search("warm up")
    rows = []
    for name, ours_f, floor_f, floor_name, args in cases:
        a = median_us(ours_f, args)
        b = median_us(floor_f, args)
        rows.append(
            Row(
                f"query {name}, median",
                f"{n:,}",
                f"{a:.1f} µs",
                f"{b:.1f} µs",
                floor_name,
                a / b if b else None,
                "≤ 200 µs",
                a <= 200,
            )
        )
        say(f"query {name}: {a:.1f} µs vs {b:.1f} µs")
    return rows


def bare_site(work: Path, root: Path, out: Path) -> Path:
    """Write the site's pages as plain Markdown with a bare mkdocs-material config."""
    import yaml

    import mesakb
    from mesakb.site.files import site_pages
    from mesakb.site.indexes import fill_tables
    from mesakb.urls import Urls

    docs = out / "docs"
    shutil.rmtree(out, ignore_errors=True)
    shutil.copytree(REPO / "site", docs)
    for page in docs.rglob("*.md"):
        page.write_text(fill_tables(page.read_text(encoding="utf-8")), encoding="utf-8")
    for generated in site_pages(mesakb.load(root), urls=Urls(directory=True)):
        target = docs / generated.src_uri
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(generated.content, encoding="utf-8")

    class Loader(yaml.SafeLoader):
        pass

    Loader.add_constructor("!ENV", lambda loader, node: False)
    repo = yaml.load((REPO / "mkdocs.yml").read_text(encoding="utf-8"), Loader=Loader)
    config = {
        "site_name": "bare",
        "site_url": repo["site_url"],
        "docs_dir": str(docs),
        "site_dir": str(out / "site"),
        "use_directory_urls": True,
        "theme": {"name": "material"},
        "plugins": ["search"],
        "markdown_extensions": repo["markdown_extensions"],
        "nav": repo["nav"],
    }
    path = out / "mkdocs.yml"
    path.write_text(json.dumps(config), encoding="utf-8")
    return path


_ASSET = re.compile(rb'<(?:link[^>]*rel="stylesheet"[^>]*href|script[^>]*src)="([^"]+)"')


def page_weights(site: Path) -> tuple[list[int], list[int]]:
    """Return (raw, gzip) bytes of every concept page: its HTML plus the CSS and JS it loads.

    What a first visit downloads before any interaction (images: none; the search
    index, which Material's worker fetches on load, is measured by its own row).
    Each file is gzipped on its own at level 6, as a web server would.
    """
    cache: dict[Path, tuple[int, int]] = {}

    def size(data: bytes) -> tuple[int, int]:
        return len(data), len(gzip.compress(data, 6))

    raw, packed = [], []
    for page in sorted((site / "concepts").glob("*/index.html")):
        html = page.read_bytes()
        total = size(html)
        for ref in _ASSET.findall(html):
            target = (page.parent / ref.decode().split("?")[0]).resolve()
            if b"://" in ref or not target.is_file():
                continue
            if target not in cache:
                cache[target] = size(target.read_bytes())
            total = (total[0] + cache[target][0], total[1] + cache[target][1])
        raw.append(total[0])
        packed.append(total[1])
    return raw, packed


def bench_site(work: Path, sizes: Sequence[int], repeats: dict[int, int]) -> list[Row]:
    rows = []
    times: dict[int, float] = {}
    bare_times: dict[int, float] = {}
    modules: dict[str, bool] = {}
    for n in sizes:
        root = kb_root(work, n)
        site = work / f"site{n}"
        ours = []
        for _ in range(repeats.get(n, 1)):
            shutil.rmtree(site, ignore_errors=True)
            seconds, modules = probe(["--root", str(root), "build", "--site-dir", str(site)], work)
            ours.append(seconds)
        index = (site / "search" / "search_index.json").stat().st_size
        config = bare_site(work, root, work / f"bare{n}")
        floor = []
        for _ in range(repeats.get(n, 1)):
            shutil.rmtree(work / f"bare{n}" / "site", ignore_errors=True)
            floor.append(wall([PY, "-m", "mkdocs", "build", "-q", "-f", str(config)]))
        bare_index = (work / f"bare{n}" / "site" / "search" / "search_index.json").stat().st_size
        weights, bare_weights = page_weights(site), page_weights(work / f"bare{n}" / "site")
        for label, kind in (("raw", 0), ("gzip", 1)):
            mine, most = statistics.median(weights[kind]), max(weights[kind])
            plain = statistics.median(bare_weights[kind])
            say(f"page {n} {label}: {mine / 1024:.0f} KiB vs {plain / 1024:.0f} KiB")
            rows.append(
                Row(
                    f"concept page + CSS + JS, {label} (median; max {most / 1024:.0f} KiB)",
                    f"{n:,}",
                    f"{mine / 1024:.0f} KiB",
                    f"{plain / 1024:.0f} KiB",
                    "same page, bare build",
                    mine / plain,
                    "≤ 1.25×",
                    mine / plain <= 1.25,
                )
            )
        a, b = min(ours), min(floor)
        times[n] = a
        bare_times[n] = b
        say(f"site {n}: {a:.1f} s vs {b:.1f} s; index {index / n:.0f} B/concept")
        rows.append(
            Row(
                "clean site build",
                f"{n:,}",
                fmt_s(a),
                fmt_s(b),
                "bare mkdocs-material, same pages",
                a / b,
                "≤ 1.3×",
                a / b <= 1.3,
            )
        )
        rows.append(
            Row(
                "search index per concept",
                f"{n:,}",
                f"{index / n / 1024:.2f} KiB",
                f"{bare_index / n / 1024:.2f} KiB",
                "same pages, bare build",
                index / bare_index,
                "≤ 2.5 KB",
                index / n <= 2500,
            )
        )
    if len(sizes) >= 2:
        lo, hi = sizes[-2], sizes[-1]
        slope = math.log(times[hi] / times[lo]) / math.log(hi / lo)
        bare = math.log(bare_times[hi] / bare_times[lo]) / math.log(hi / lo)
        rows.append(
            Row(
                "site build, log-log slope",
                f"{lo:,}→{hi:,}",
                f"{slope:.2f}",
                f"{bare:.2f}",
                "bare build's slope, same run",
                slope / bare,
                "≤ 1.1",
                slope <= 1.1,
            )
        )
    found = {m for m, on in modules.items() if on}
    rows.append(
        Row(
            "heavy imports on build",
            f"{sizes[-1]:,}",
            ", ".join(sorted(found)),
            "",
            "",
            None,
            "no sympy",
            "sympy" not in found,
        )
    )
    return rows


def built_sites(work: Path, n: int) -> tuple[Path, Path]:
    """Return our site and the bare mkdocs-material site of N concepts (built if missing)."""
    root = kb_root(work, n)
    site = work / f"site{n}"
    if not (site / "search" / "concepts.json").is_file():
        shutil.rmtree(site, ignore_errors=True)
        probe(["--root", str(root), "build", "--site-dir", str(site)], work)
    bare = work / f"bare{n}" / "site"
    if not (bare / "search" / "search_index.json").is_file():
        config = bare_site(work, root, work / f"bare{n}")
        subprocess.run([PY, "-m", "mkdocs", "build", "-q", "-f", str(config)], check=True)
    return site, bare


# In the page, before any script: when the search box gets focus, and when the first
# result appears (our concept results, or Material's full-text results on the bare site).
SEARCH_PROBE = """
window.__bench = {focus: null, shown: null};
document.addEventListener("focusin", e => {
  if (__bench.focus === null && e.target.matches("input.md-search__input"))
    __bench.focus = performance.now();
}, true);
new MutationObserver(() => {
  if (__bench.shown === null && __bench.focus !== null &&
      document.querySelector(".mesakb-typo a.mesakb-typo-hit, .md-search-result__item"))
    __bench.shown = performance.now();
}).observe(document, {subtree: true, childList: true});
"""


def first_search(browser: Any, base: str, folder: Path, path: str, query: str) -> tuple[float, int]:
    """Open a concept page in a fresh context; return (ms to the first result, bytes of
    the search indexes the page requested before the reader touched the search box)."""
    context = browser.new_context()
    context.add_init_script(SEARCH_PROBE)
    page = context.new_page()
    requested: list[str] = []
    page.on("request", lambda r: requested.append(urllib.parse.urlsplit(r.url).path))
    page.goto(base + path)
    page.wait_for_load_state("networkidle")
    before = {p for p in requested if p.startswith("/search/") and p.endswith(".json")}
    page.locator("input.md-search__input").click()
    page.keyboard.insert_text(query)
    page.keyboard.press("End")  # Material reads the query on keyup
    page.wait_for_function("__bench.shown !== null", timeout=60_000)
    ms = float(page.evaluate("__bench.shown - __bench.focus"))
    context.close()
    return ms, sum((folder / p.lstrip("/")).stat().st_size for p in before)


def bench_search(work: Path, sizes: Sequence[int], repeat: int) -> list[Row]:
    """First search in headless Chromium: our concept results vs Material's full text."""
    from playwright.sync_api import sync_playwright

    sys.path.insert(0, str(REPO / "tests"))
    from site_tools import serve

    rows = []
    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path="/usr/bin/chromium", args=["--no-sandbox", "--disable-gpu"]
        )
        for n in sizes:
            site, bare = built_sites(work, n)
            import mesakb

            kb = mesakb.load(kb_root(work, n))
            first = next(iter(kb.concepts))
            query = kb[first].term
            path = f"concepts/{first}/"
            with serve(site) as ours_url, serve(bare) as bare_url:
                ours = [first_search(browser, ours_url, site, path, query) for _ in range(repeat)]
                floor = [first_search(browser, bare_url, bare, path, query) for _ in range(repeat)]
            a = statistics.median(ms for ms, _ in ours)
            b = statistics.median(ms for ms, _ in floor)
            say(f"first search {n}: {a:.0f} ms vs {b:.0f} ms")
            rows.append(
                Row(
                    "first search: results shown after focus, median",
                    f"{n:,}",
                    f"{a:.0f} ms",
                    f"{b:.0f} ms",
                    "bare mkdocs-material search, same pages",
                    a / b,
                    "≤ 0.5×",
                    a <= 0.5 * b,
                )
            )
            loaded, bare_loaded = ours[0][1], floor[0][1]
            rows.append(
                Row(
                    "search index bytes fetched by a page before any search",
                    f"{n:,}",
                    f"{loaded:,} B",
                    f"{bare_loaded:,} B",
                    "bare mkdocs-material, same page",
                    loaded / bare_loaded if bare_loaded else None,
                    "0 B",
                    loaded == 0,
                )
            )
            concepts = (site / "search" / "concepts.json").stat().st_size
            full = (bare / "search" / "search_index.json").stat().st_size
            rows.append(
                Row(
                    "concept search index (search/concepts.json) per concept",
                    f"{n:,}",
                    f"{concepts / n / 1024:.2f} KiB",
                    f"{full / n / 1024:.2f} KiB",
                    "Material's full-text index, bare build",
                    concepts / full,
                    "≤ 1 KiB",
                    concepts / n <= 1024,
                )
            )
        browser.close()
    return rows


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return str(response.read().decode("utf-8"))
    except OSError:
        return None


@contextmanager
def serving(root: Path, port: int) -> Iterator[subprocess.Popen[bytes]]:
    process = subprocess.Popen(
        [*mesakb_command(), "--root", str(root), "serve", "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        yield process
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def bench_serve(work: Path, n: int, edits: int) -> list[Row]:
    root = work / f"serve{n}"
    shutil.rmtree(root, ignore_errors=True)
    shutil.copytree(kb_root(work, n), root)
    cid = f"concept-{n // 2:05d}"
    file = root / "concepts" / f"{cid}.yaml"
    original = file.read_text(encoding="utf-8")
    port = free_port()
    url = f"http://127.0.0.1:{port}/concepts/{cid}/"
    times = []
    with serving(root, port):
        deadline = time.monotonic() + 900
        while fetch(url) is None:
            if time.monotonic() > deadline:
                raise SystemExit("mesakb serve did not come up")
            time.sleep(0.2)
        time.sleep(1.0)
        for k in range(edits):
            marker = f"Edited{k}marker"
            text = original.replace("summary: ", f"summary: {marker} ", 1)
            start = time.perf_counter()
            file.write_text(text, encoding="utf-8")
            while marker not in (fetch(url) or ""):
                if time.perf_counter() - start > 600:
                    raise SystemExit("the edit never reached the served page")
                time.sleep(0.02)
            times.append(time.perf_counter() - start)
            time.sleep(1.0)
    a = statistics.median(times)
    build = wall(
        [*mesakb_command(), "--root", str(root), "build", "--site-dir", str(work / "serve-build")]
    )
    say(f"serve {n}: rebuild {a:.2f} s (clean build {build:.2f} s)")
    return [
        Row(
            "rebuild after a one-concept edit, while serving",
            f"{n:,}",
            fmt_s(a),
            fmt_s(build),
            "clean build (whole process)",
            a / build,
            "≤ 1 s",
            a <= 1.0,
        )
    ]


# -- report ---------------------------------------------------------------------------


def machine() -> str:
    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return (
        f"{os.cpu_count()} cores ({cpu}), Python {platform.python_version()}, "
        f"{platform.system()} {platform.release()}"
    )


PAGE = """\
# Benchmarks

How mesakb behaves as the knowledge base grows to thousands of concepts. Every
figure comes with a *floor* measured in the same run, the cheapest thing that does the
same job, and the ratio of the two, so the numbers mean something on any machine.

Run them yourself (not part of the test suite):

```sh
.venv/bin/python benchmarks/run.py            # full run
.venv/bin/python benchmarks/run.py --quick    # smaller sizes, fewer repeats
```

The knowledge bases are synthetic (`benchmarks/synth.py`, deterministic for a seed):
each concept has 1–3 aliases, 2–3 quoted definitions with locators, a Markdown body of
1–2 KB with a link and a citation, a formula with a symbol table, and about five typed
relations: an `is_a` tree, `requires` edges to earlier siblings, random `related` edges.

## Results

{meta}

{table}

Times are medians of repeated runs, or the best of the repeats for whole processes
and site builds. KiB is 1,024 bytes; the targets are in the units of the issue that set
them (KB = 1,000 bytes).

## Reading the table

{notes}
"""


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else "")
    parser.add_argument("--quick", action="store_true", help="smaller sizes, fewer repeats")
    parser.add_argument("--work", type=Path, help="folder for generated data (default: temp)")
    parser.add_argument("--output", type=Path, help="also write the results page here")
    parser.add_argument("--notes", type=Path, help="Markdown notes to put under the table")
    parser.add_argument(
        "--only",
        nargs="+",
        choices=("load", "check", "startup", "queries", "site", "serve", "search"),
        help="run only these measurements",
    )
    args = parser.parse_args(argv)
    quick = args.quick
    chosen = set(args.only or ("load", "check", "startup", "queries", "site", "serve", "search"))
    work = args.work or Path(tempfile.mkdtemp(prefix="mesakb-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    big = 10_000
    started = time.perf_counter()
    rows: list[Row] = []
    if "load" in chosen:
        rows += bench_load(work, (1_000, big), repeat=2 if quick else 3)
    if "check" in chosen:
        rows += bench_check(work, big, repeat=1 if quick else 3)
    if "startup" in chosen:
        rows += bench_startup(work, repeat=5 if quick else 15)
    if "queries" in chosen:
        rows += bench_queries(work, big, samples=100 if quick else 300)
    if "site" in chosen:
        sizes = (100, 300) if quick else (300, 1_000, 3_000)
        rows += bench_site(work, sizes, {300: 1 if quick else 2})
    if "serve" in chosen:
        rows += bench_serve(work, 100 if quick else 300, edits=2 if quick else 3)
    if "search" in chosen:
        sizes = (100, 300) if quick else (300, 1_000, 3_000)
        rows += bench_search(work, sizes, repeat=3 if quick else 5)
    today = datetime.date.today().isoformat()
    meta = (
        f"Run on {today}: {machine()}; {time.perf_counter() - started:.0f} s in all"
        + (" (`--quick`)" if quick else "")
        + "."
    )
    result = table(rows)
    print(meta + "\n\n" + result)
    if args.output is not None:
        notes = args.notes.read_text(encoding="utf-8").strip() if args.notes else ""
        args.output.write_text(PAGE.format(meta=meta, table=result, notes=notes), encoding="utf-8")
        say(f"wrote {args.output}")
    if args.work is None:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
