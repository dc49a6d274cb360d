"""Content-Security-Policy: a strict policy on every page (scripts only from
this site or carrying the request's nonce; no eval, no inline event handlers, no
plugins, no framing). The pages working under it in real Chromium:
tests/browser/test_csp_browser.py."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _policy(response) -> dict[str, list[str]]:
    header = response["Content-Security-Policy"]
    return {part.split()[0]: part.split()[1:] for part in header.split(";") if part.strip()}


@pytest.mark.django_db
def test_pages_carry_a_strict_policy_with_a_fresh_nonce(login):
    client = login("zy_leader")
    first, second = client.get("/"), client.get("/")
    assert first.status_code == 200
    policy = _policy(first)
    nonce = next(s for s in policy["script-src"] if s.startswith("'nonce-"))
    assert policy["script-src"] == ["'self'", nonce]
    assert "'unsafe-inline'" not in policy["script-src"] and "'unsafe-eval'" not in str(policy)
    assert policy["object-src"] == ["'none'"] and policy["frame-ancestors"] == ["'none'"]
    assert policy["default-src"] == ["'self'"] and policy["form-action"] == ["'self'"]
    assert policy["base-uri"] == ["'self'"]
    # Every inline script of the page carries this response's nonce …
    page = first.content.decode()
    inline = [
        attrs
        for attrs in re.findall(r"<script(?![^>]*\bsrc=)([^>]*)>", page)
        if "application/json" not in attrs  # data, never executed
    ]
    assert inline, "the leadership home page has inline chart data and code"
    value = nonce[len("'nonce-") : -1]
    assert all(f'nonce="{value}"' in attrs for attrs in inline), inline
    # … and the nonce changes with every response.
    assert _policy(second)["script-src"] != policy["script-src"]


@pytest.mark.django_db
def test_public_portal_and_api_carry_the_policy(client):
    assert "script-src 'self'" in client.get("/public/")["Content-Security-Policy"]
    assert "default-src 'self'" in client.get("/healthz")["Content-Security-Policy"]


def test_no_template_uses_inline_event_handlers_or_javascript_urls():
    pattern = re.compile(r"\son[a-z]+\s*=|javascript:", re.IGNORECASE)
    offending = []
    for top in ROOT.iterdir():
        if not top.is_dir() or top.name[0] in "._" or top.name in {"static", "tests"}:
            continue
        for path in top.rglob("*.html"):
            if "templates" in path.parts and pattern.search(path.read_text(encoding="utf-8")):
                offending.append(str(path.relative_to(ROOT)))
    assert offending == []
