"""Writing the knowledge base out: citations in writers' formats and the release files.

- :mod:`~mesakb.write.citation`: :func:`mesakb.cite`, a dispatch table from format name
  to the function that writes it.
- :mod:`~mesakb.write.texescape`: escaping for TeX and BibTeX.
- :mod:`~mesakb.write.release`: :func:`mesakb.export`, the table of the deterministic
  files of ``glossary/`` and ``graph/``, each rendered by the module of its format:
  :mod:`~mesakb.write.glossary` (LaTeX and Markdown glossaries),
  :mod:`~mesakb.write.graphjson` (node-link JSON), :mod:`~mesakb.write.graphml`,
  :mod:`~mesakb.write.rdf` (Turtle, JSON-LD, the ``mkbv:`` vocabulary, SHACL shapes, and
  :func:`~mesakb.write.rdf.read_rdf` back), :mod:`~mesakb.write.obo` (OBO 1.4),
  :mod:`~mesakb.write.obographs` (OBO-Graphs JSON), through
  :mod:`~mesakb.write.serial` (bytes: UTF-8, sorted JSON).
- :mod:`~mesakb.write.triplestore`: :func:`mesakb.sparql`, SPARQL over an embedded
  Oxigraph store.
- :mod:`~mesakb.write.schema`: JSON Schemas of the content files, and the skeleton
  ``mesakb new`` writes.
- :mod:`~mesakb.write.terminal`: a concept as plain text for ``mesakb show``.
"""
