"""Annotated reports: what a report says (``content``), and how it is typeset.

``content.build_report`` turns a project and an export scope into plain dataclasses that
know nothing of HTML, PDF or Word; ``templates`` renders them with Jinja2 (autoescaped),
``pdf_render`` typesets HTML as PDF through pymupdf's Story with embedded fonts. The
exporters in ``core.exporters`` (html, pdf, docx, ...) put these pieces together.
"""
