r"""Release files: the knowledge base exported for writers and for tools.

:func:`export_files` is the table of release files: it renders every one in memory
(a pure function of the knowledge base) with the module that owns its format;
:func:`export` writes them atomically. Output is deterministic: sorted keys,
stable order, a trailing newline, no timestamps, so re-exporting unchanged content
changes no byte. Regenerate the committed files with ``mesakb export``;
``graph/README.md`` says which tool reads which file.

- ``glossary/sources.bib``, ``glossary/concepts.bib``: BibTeX of every source, and
  one ``@misc`` entry per concept (key ``mesakb:<id>``) (:mod:`.citation`).
- ``glossary/concepts.csl.json``, ``glossary/sources.csl.json``: CSL-JSON (pandoc,
  Zotero) (:mod:`.citation`).
- ``glossary/glossary.tex``, ``glossary/glossary.md``: LaTeX ``glossaries`` and
  Markdown (:mod:`.glossary`).
- ``graph/mesakb.json``: node-link JSON of :attr:`KnowledgeBase.graph`
  (:mod:`.graphjson`); ``graph/mesakb.graphml``: GraphML of it (:mod:`.graphml`).
- ``graph/mesakb.ttl``, ``graph/mesakb.jsonld``: every concept, definition, relation
  and source as RDF (SKOS, Dublin Core, schema.org, PROV, ``mkbv:``);
  ``graph/vocab.ttl``: the ``mkbv:`` vocabulary; ``graph/shapes.ttl``: SHACL shapes
  (:mod:`.rdf`).
- ``graph/mesakb.obo``: OBO 1.4 (:mod:`.obo`); ``graph/mesakb.obographs.json``:
  OBO-Graphs JSON (:mod:`.obographs`).
- ``graph/concept.schema.json``, ``graph/source.schema.json``: JSON Schemas.
- ``w3id/.htaccess``: the rules forwarding permanent identifiers
  (``https://w3id.org/mesakb/concept/<id>``...) to the hosting address, for w3id.org;
  ``w3id/_redirects``: the same for a static host (Netlify, Cloudflare Pages).

Examples:
    >>> import mesakb
    >>> from pathlib import Path
    >>> files = export_files(mesakb.load(Path("tests/fixtures/kb")))
    >>> sorted(files)[:3]
    ['glossary/concepts.bib', 'glossary/concepts.csl.json', 'glossary/glossary.md']
    >>> print(files["glossary/glossary.tex"].decode().splitlines()[-1][:45])
    \newglossaryentry{optimizer}{name={optimizer}
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from mesakb.write.bibtex import concept_bib, source_bib
from mesakb.write.csl import concept_csl, source_csl
from mesakb.write.forwarding import htaccess, netlify_redirects
from mesakb.write.glossary import bib_file, glossary_md, glossary_tex
from mesakb.write.graphml import graphml_graph
from mesakb.write.rdf import SCHEME_URL, rdf_graph
from mesakb.write.serial import json_bytes, text_bytes

if TYPE_CHECKING:
    from mesakb.kb.base import KnowledgeBase

__all__ = [
    "SCHEME_URL",
    "export",
    "export_files",
    "glossary_md",
    "glossary_tex",
    "graphml_graph",
    "htaccess",
    "netlify_redirects",
    "rdf_graph",
]


def export_files(kb: KnowledgeBase) -> dict[str, bytes]:
    r"""Render every release file in memory.

    Args:
        kb: The knowledge base.

    Returns:
        File contents by path relative to the repository root (``glossary/...``,
        ``graph/...``), in path order.

    Examples:
        >>> import mesakb
        >>> from pathlib import Path
        >>> files = export_files(mesakb.load(Path("tests/fixtures/kb")))
        >>> print(files["glossary/concepts.bib"].decode().split("\n\n")[1])
        @misc{mesakb:learned-algorithm,
          author = {{The mesakb contributors}},
          title = {{learned algorithm}},
          howpublished = {mesakb: a knowledge base of the theory of learned optimization, version 0.1.0},
          year = {2026},
          month = dec,
          url = {https://w3id.org/mesakb/edition/0.1.0/concept/learned-algorithm},
          note = {Latest edition: \url{https://w3id.org/mesakb/concept/learned-algorithm}},
        }
    """  # noqa: E501
    from mesakb.write.graphjson import node_link_json
    from mesakb.write.graphml import graphml_bytes
    from mesakb.write.obo import obo_text
    from mesakb.write.obographs import obographs_bytes
    from mesakb.write.rdf import jsonld_bytes, shapes_turtle, turtle_bytes, vocab_graph
    from mesakb.write.schema import json_schema

    concepts = list(kb.concepts.values())
    sources = [kb.sources[key] for key in sorted(kb.sources)]
    rdf = rdf_graph(kb)
    files = {
        "glossary/concepts.bib": bib_file(kb, [concept_bib(kb, c.id, "bibtex") for c in concepts]),
        "glossary/concepts.csl.json": json_bytes([concept_csl(kb, c.id) for c in concepts]),
        "glossary/glossary.md": text_bytes(glossary_md(kb)),
        "glossary/glossary.tex": text_bytes(glossary_tex(kb)),
        "glossary/sources.bib": bib_file(kb, [source_bib(s, "bibtex") for s in sources]),
        "glossary/sources.csl.json": json_bytes([source_csl(s) for s in sources]),
        "graph/concept.schema.json": json_bytes(json_schema("concept")),
        "graph/mesakb.graphml": graphml_bytes(kb),
        "graph/mesakb.json": node_link_json(kb),
        "graph/mesakb.jsonld": jsonld_bytes(rdf),
        "graph/mesakb.obo": text_bytes(obo_text(kb)),
        "graph/mesakb.obographs.json": obographs_bytes(kb),
        "graph/mesakb.ttl": turtle_bytes(rdf),
        "graph/shapes.ttl": text_bytes(shapes_turtle()),
        "graph/source.schema.json": json_bytes(json_schema("source")),
        "graph/vocab.ttl": turtle_bytes(vocab_graph()),
        "w3id/.htaccess": text_bytes(htaccess(kb)),
        "w3id/_redirects": text_bytes(netlify_redirects(kb)),
    }
    return dict(sorted(files.items()))


def export(kb: KnowledgeBase, root: str | Path) -> list[Path]:
    """Write every release file under ``root``, atomically, changing only what differs.

    Every file is rendered first, then written in full to a temporary file beside
    its target; only when all are written are they renamed over their targets, so a
    failure while rendering or writing changes nothing, and no file is ever left
    half-written. Files whose bytes would not change are not touched.

    Args:
        kb: The knowledge base.
        root: The folder to write ``glossary/`` and ``graph/`` into.

    Returns:
        The paths written (those whose content changed).

    Examples:
        >>> import mesakb, tempfile
        >>> from pathlib import Path
        >>> kb = mesakb.load(Path("tests/fixtures/kb"))
        >>> with tempfile.TemporaryDirectory() as out:
        ...     first, again = export(kb, out), export(kb, out)
        >>> len(first), again
        (18, [])
    """
    from mesakb.errors import OutputError
    from mesakb.read.loader import content_root
    from mesakb.write.output import guard_output

    root = Path(root)
    files = export_files(kb)
    for folder in sorted({relative.split("/")[0] for relative in files}):
        guard_output(root / folder, kb.root or root, roots=(content_root(),))
    pending: list[tuple[Path, Path]] = []
    done: list[tuple[Path, Path | None]] = []
    target = root
    try:
        # Every target must be a regular file or absent before anything is renamed.
        for relative in files:
            target = root / relative
            if target.is_symlink() or (target.exists() and not target.is_file()):
                raise OutputError(target, "exists and is not a regular file; remove it first")
        for relative, data in files.items():
            target = root / relative
            if target.is_file() and target.read_bytes() == data:
                continue
            target.parent.mkdir(parents=True, exist_ok=True)
            handle, name = tempfile.mkstemp(
                dir=target.parent, prefix=f".{target.name}.", suffix=".tmp"
            )
            pending.append((Path(name), target))
            with os.fdopen(handle, "wb") as stream:
                stream.write(data)
                stream.flush()
                os.fsync(stream.fileno())
        # Keep each replaced file (a hard link beside it) until every rename is done,
        # so a rename that fails half-way puts the previous release set back whole.
        for temporary, target in pending:
            temporary.chmod(0o644)
            backup = None
            if target.exists():
                backup = target.with_name(f".{target.name}.{os.getpid()}.old")
                backup.unlink(missing_ok=True)
                os.link(target, backup)
            done.append((target, backup))
            temporary.replace(target)
    except OSError as exc:
        for replaced, backup in reversed(done):
            with contextlib.suppress(OSError):
                if backup is not None:
                    backup.replace(replaced)
                else:
                    replaced.unlink(missing_ok=True)
        if isinstance(exc, OutputError):
            raise
        raise OutputError(target, f"cannot write: {exc.strerror or exc}") from None
    finally:
        for temporary, _ in pending:
            temporary.unlink(missing_ok=True)
        for _, backup in done:
            if backup is not None:
                backup.unlink(missing_ok=True)
    return [target for _, target in pending]
