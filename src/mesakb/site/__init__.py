"""The website: pages rendered by pure functions, built and served with mkdocs.

- :mod:`~mesakb.site.html`: safe HTML from contributor Markdown, MathML from TeX.
- :mod:`~mesakb.site.termlinks`: the first mention of a concept links to it.
- :mod:`~mesakb.site.svg`: the neighbourhood graph of a concept page.
- :mod:`~mesakb.site.pages`: every generated page, as Markdown (no mkdocs here).
- :mod:`~mesakb.site.incremental`: rebuilding only what an edit changed.
- :mod:`~mesakb.site.build`: ``mesakb build`` and ``mesakb serve``; with
  :mod:`~mesakb.site.hook`, the only modules that import mkdocs.
"""
