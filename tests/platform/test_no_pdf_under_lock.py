"""No PDF is rendered while a row lock is held (issue 19; docs/DEVELOPING.md):
WeasyPrint takes a second or more a document, and every other write on the locked
rows would wait as long. A service renders between its transactions
(``cases.services.documents.render_then_store``); read from the source, a call to
a renderer inside a ``transaction.atomic`` function or block fails here."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
RENDERERS = {"write_pdf", "html_to_pdf", "render_pdf", "joint_pdf", "assessment_pdf", "report_pdf"}
SKIPPED = {".venv", "tests", "migrations", "node_modules", "static"}


def _is_atomic(node) -> bool:
    if isinstance(node, ast.FunctionDef):
        return any("atomic" in ast.unparse(d) for d in node.decorator_list)
    if isinstance(node, ast.With):
        return any("atomic" in ast.unparse(item.context_expr) for item in node.items)
    return False


def _renders_under_a_lock(source: str, name: str) -> list[str]:
    found = []
    for block in (n for n in ast.walk(ast.parse(source)) if _is_atomic(n)):
        for inner in ast.walk(block):
            if isinstance(inner, ast.Call):
                func = inner.func
                called = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
                if called in RENDERERS:
                    found.append(f"{name}:{inner.lineno} {called}")
    return found


def test_no_pdf_is_rendered_inside_a_transaction():
    paths = [p for p in ROOT.rglob("*.py") if not SKIPPED & set(p.relative_to(ROOT).parts)]
    assert len(paths) > 200
    hits = [
        hit
        for path in paths
        for hit in _renders_under_a_lock(path.read_text(), str(path.relative_to(ROOT)))
    ]
    assert hits == []


def test_the_check_sees_a_render_inside_a_transaction():
    source = (
        "from django.db import transaction\n"
        "@transaction.atomic\n"
        "def bad(html):\n"
        "    return html_to_pdf(html)\n"
        "def good(html):\n"
        "    with transaction.atomic():\n"
        "        pass\n"
        "    return html_to_pdf(html)\n"
    )
    assert _renders_under_a_lock(source, "sample.py") == ["sample.py:4 html_to_pdf"]
