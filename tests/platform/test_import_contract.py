"""The shape of the code stays as docs/ARCHITECTURE.md draws it: the import
contracts in pyproject.toml ([tool.importlinter]) hold. A function-level import is
still an import, so a lazy import that goes upward fails here too."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
# `lint-imports`, run by the interpreter of this test run (the venv's).
_CLI = "import sys; from importlinter.cli import lint_imports_command; sys.exit(lint_imports_command())"
CONTRACTS = {
    "apps-downward",
    "kernel",
    "query-batches",
    "supervision-config",
}


def _lint(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-c", _CLI, "--no-cache", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_every_import_contract_holds():
    result = _lint()
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


def test_the_contracts_are_the_documented_ones():
    """Each contract named in docs/ARCHITECTURE.md is checked (none dropped)."""
    import tomllib

    config = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["importlinter"]
    assert {c["id"] for c in config["contracts"]} == CONTRACTS
    doc = (ROOT / "docs" / "ARCHITECTURE.md").read_text()
    for contract_id in CONTRACTS:
        assert f"`{contract_id}`" in doc
