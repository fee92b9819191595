"""Writing the knowledge base out: citations in writers' formats and the release files.

- :mod:`~mesakb.write.citation`: :func:`mesakb.cite`, a dispatch table from format name
  to the function that writes it.
- :mod:`~mesakb.write.texescape`: escaping for TeX and BibTeX.
- :mod:`~mesakb.write.release`: :func:`mesakb.export`, the deterministic files of
  ``glossary/`` and ``graph/``.
- :mod:`~mesakb.write.schema`: JSON Schemas of the content files, and the skeleton
  ``mesakb new`` writes.
- :mod:`~mesakb.write.terminal`: a concept as plain text for ``mesakb show``.
"""
