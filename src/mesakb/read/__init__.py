"""Reading content: strict YAML, schema errors, text policy, cross-file rules, the loader.

The first stage of the pipeline. :func:`mesakb.check` (in :mod:`mesakb.read.loader`)
reads a knowledge base folder and returns a :class:`~mesakb.read.loader.CheckResult`
with every valid concept and source and every problem found, each at ``path:line:col``.

- :mod:`~mesakb.read.document`: the strict YAML reader (no duplicate keys, anchors,
  aliases or tags; YAML 1.2 scalars; positions for diagnostics).
- :mod:`~mesakb.read.validate`: pydantic's errors mapped back to lines and columns.
- :mod:`~mesakb.read.markup` and :mod:`~mesakb.read.tex`: what contributor Markdown
  and TeX may contain.
- :mod:`~mesakb.read.rules`: the checks across files (ids, references, cycles, labels).
- :mod:`~mesakb.read.loader`: the folder walk that ties them together.
"""
