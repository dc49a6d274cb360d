"""Every service says its rule (STYLE.md 12; issue 19): each public function in an
app's services has a docstring, and each one that writes in a transaction names
where its rule comes from (a DOMAIN.md or DESIGN.md section, the legal text, a
transition table). Read from the source, so a new service without one fails here."""

from __future__ import annotations

import ast
import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
# Every app: the import contract's packages but the composition root, the kernel
# and the demo data set.
_PACKAGES = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["importlinter"]
APPS = sorted(set(_PACKAGES["root_packages"]) - {"wiring", "haikou_exec", "demo"})
# The kernel's own write services.
KERNEL = ("jobs.py", "notifications.py", "outbox.py", "uploads.py")
SOURCE = re.compile(
    r"DOMAIN\.md|DESIGN\.md|STYLE\.md|§|[A-Z_]+_TRANSITIONS|法|规定|RFC|GB/T|《|办法"
)


def _service_files() -> list[Path]:
    files = []
    for app in APPS:
        package = ROOT / app / "services"
        if package.is_dir():
            files += sorted(package.rglob("*.py"))
        elif (ROOT / app / "services.py").exists():
            files.append(ROOT / app / "services.py")
    return files + [ROOT / "haikou_exec" / name for name in KERNEL]


def _public_functions():
    for path in _service_files():
        for node in ast.parse(path.read_text()).body:
            if isinstance(node, ast.FunctionDef) and not node.name.startswith("_"):
                yield f"{path.relative_to(ROOT)}:{node.lineno} {node.name}", node


def _writes_in_a_transaction(node: ast.FunctionDef) -> bool:
    return any("atomic" in ast.unparse(d) for d in node.decorator_list) or any(
        isinstance(inner, ast.With) and "atomic" in ast.unparse(inner) for inner in ast.walk(node)
    )


def test_the_service_files_are_found():
    assert len(list(_public_functions())) > 300


def test_every_service_has_a_docstring():
    missing = [where for where, node in _public_functions() if not ast.get_docstring(node)]
    assert missing == []


def test_every_write_service_names_the_source_of_its_rule():
    unsourced = [
        where
        for where, node in _public_functions()
        if _writes_in_a_transaction(node) and not SOURCE.search(ast.get_docstring(node) or "")
    ]
    assert unsourced == []
