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
    "services-acyclic",
    "supervision-config",
}


def _config() -> dict:
    import tomllib

    return tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["importlinter"]


def _lint(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-c", _CLI, "--no-cache", *args],
        cwd=cwd,
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
    config = _config()
    assert {c["id"] for c in config["contracts"]} == CONTRACTS
    doc = (ROOT / "docs" / "ARCHITECTURE.md").read_text()
    for contract_id in CONTRACTS:
        assert f"`{contract_id}`" in doc


def test_the_composition_root_is_on_top_and_the_kernel_has_no_exception(settings):
    """The site is put together in one place, the composition root (``wiring``:
    ROOT_URLCONF), the top layer; every app is layered under it; the kernel may
    import no app but ``courts``, with no exception to hide a kernel module that
    does (docs/ARCHITECTURE.md "The import contract")."""
    config = _config()
    contracts = {c["id"]: c for c in config["contracts"]}
    layers = contracts["apps-downward"]["layers"]
    assert layers[0] == "wiring" and settings.ROOT_URLCONF == "wiring.urls"
    layered = {name.strip() for layer in layers for name in layer.split("|")}
    assert layered == set(config["root_packages"]) - {"haikou_exec"}
    kernel = contracts["kernel"]
    assert kernel["source_modules"] == ["haikou_exec"]
    assert set(kernel["forbidden_modules"]) == layered - {"courts"}
    assert not kernel.get("ignore_imports")


def _toml(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return "[" + ", ".join(_toml(v) for v in value) + "]"
    return '"' + value + '"'


def test_the_kernel_contract_catches_a_kernel_module_that_imports_an_app(tmp_path):
    """The real contract, on a small tree: a kernel module importing an app breaks
    it, the composition root importing one does not."""
    config = _config()
    kernel = next(c for c in config["contracts"] if c["id"] == "kernel")
    for package in config["root_packages"]:
        (tmp_path / package).mkdir()
        (tmp_path / package / "__init__.py").write_text("")
    (tmp_path / "wiring" / "urls.py").write_text("import cases\nimport haikou_exec\n")
    contract = "\n".join(f"{key} = {_toml(value)}" for key, value in kernel.items())
    (tmp_path / "contracts.toml").write_text(
        f"[tool.importlinter]\nroot_packages = {_toml(config['root_packages'])}\n\n"
        f"[[tool.importlinter.contracts]]\n{contract}\n"
    )
    kept = _lint("--config", "contracts.toml", cwd=tmp_path)
    assert kept.returncode == 0, kept.stdout + kept.stderr

    (tmp_path / "haikou_exec" / "stray.py").write_text("from cases import models\n")
    (tmp_path / "cases" / "models.py").write_text("")
    broken = _lint("--config", "contracts.toml", cwd=tmp_path)
    assert broken.returncode != 0
    assert "haikou_exec.stray -> cases" in broken.stdout
