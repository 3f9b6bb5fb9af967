"""The Pax Silica bilingual edition as Python: the texts as a model (``model``),
the parity checker (``checker``), absolute URLs (``urls``), UI strings
(``ui``), the exports (``exports``) and the site audit (``audit``).

Nothing here imports MkDocs: overrides/hooks/edition.py adapts it to the
MkDocs build, and another generator could use it the same way.
"""
