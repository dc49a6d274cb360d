#!/usr/bin/env python
"""The Chinese catalogs read as one: where they disagree, what users see, what is missing.

    .venv/bin/python scripts/translations.py                 # msgids translated differently
    .venv/bin/python scripts/translations.py --shadowed      # ours, hidden by Django's or a library's
    .venv/bin/python scripts/translations.py --untranslated  # used in the code, no Chinese of ours

Django merges every catalog into one at run time: the project's LOCALE_PATHS
(``locale/``) first, then each installed app's ``locale/`` in INSTALLED_APPS order
(the admin, Django's contrib apps and the libraries come before ours, then
personnel, cases, command_center, equipment, supervision, assessment), then Django's
own. A msgid without context therefore has ONE Chinese text on every page: the first
catalog holding it wins, and a different msgstr for it in another app's catalog is
never seen. Where the same English words mean two things (a party's *role*, 诉讼地位,
and an officer's *role*, 岗位) they need a context (``pgettext``/msgctxt), not two
msgstrs. tests/platform/test_translation_consistency.py holds the catalogs to this.

The uses come from the code itself (xgettext over the Python files and over the
templates as Django's makemessages converts them), not from the ``#:`` comments,
which hand-appended entries do not carry.
"""

from __future__ import annotations

import argparse
import ast
import gettext
import os
import subprocess
import sys
import tempfile
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LANGUAGE = "zh_Hans"
SKIP_DIRS = {".venv", "node_modules", ".git", "__pycache__", "tests", "static", "media"}
# Django's own keywords (makemessages) plus this code base's alias for gettext_lazy.
KEYWORDS = [
    "_",
    "_lazy",
    "gettext",
    "gettext_noop",
    "gettext_lazy",
    "ngettext:1,2",
    "ngettext_lazy:1,2",
    "pgettext:1c,2",
    "npgettext:1c,2,3",
    "pgettext_lazy:1c,2",
    "npgettext_lazy:1c,2,3",
]

Key = tuple[str | None, str]  # (msgctxt, msgid)


@dataclass
class Entry:
    msgid: str
    msgctxt: str | None = None
    msgid_plural: str | None = None
    msgstr: list[str] = field(default_factory=list)
    fuzzy: bool = False
    line: int = 0

    @property
    def key(self) -> Key:
        return (self.msgctxt, self.msgid)

    @property
    def translated(self) -> bool:
        """What msgfmt puts in the .mo: not fuzzy, every form filled in."""
        return not self.fuzzy and bool(self.msgstr) and all(self.msgstr)

    @property
    def text(self) -> str:
        return " | ".join(self.msgstr)


def _unquote(text: str) -> str:
    return ast.literal_eval(text)


def parse_po(text: str) -> list[Entry]:
    """The live entries of a .po file (obsolete ``#~`` entries and the header left out)."""
    entries: list[Entry] = []
    current: Entry | None = None
    flags: set[str] = set()  # the ``#,`` flags of the entry about to start
    part: str | None = None  # the keyword a continuation line belongs to

    def in_msgstr() -> bool:
        return part is not None and part.startswith("msgstr")

    def finish() -> None:
        nonlocal current, part
        if current is not None and current.msgid != "":
            entries.append(current)
        current, part = None, None

    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.strip()
        if not line:
            finish()
            continue
        if line.startswith("#~"):
            continue
        if line.startswith("#"):
            if in_msgstr():
                finish()
            if line.startswith("#,"):
                flags |= {flag.strip() for flag in line[2:].split(",")}
            continue
        if line.startswith('"'):
            if current is None or part is None:
                raise ValueError(f"line {number}: a continuation outside an entry")
            value = _unquote(line)
            if part == "msgctxt":
                current.msgctxt = (current.msgctxt or "") + value
            elif part == "msgid":
                current.msgid += value
            elif part == "msgid_plural":
                current.msgid_plural = (current.msgid_plural or "") + value
            else:
                current.msgstr[-1] += value
            continue
        keyword, _space, rest = line.partition(" ")
        value = _unquote(rest.strip())
        if keyword in ("msgctxt", "msgid") and (current is None or in_msgstr()):
            finish()
            current = Entry(msgid="", fuzzy="fuzzy" in flags, line=number)
            flags = set()
        if current is None:
            raise ValueError(f"line {number}: {keyword} outside an entry")
        if keyword == "msgctxt":
            current.msgctxt = value
        elif keyword == "msgid":
            current.msgid = value
        elif keyword == "msgid_plural":
            current.msgid_plural = value
        elif keyword == "msgstr" or keyword.startswith("msgstr["):
            current.msgstr.append(value)
        else:
            raise ValueError(f"line {number}: unknown keyword {keyword!r}")
        part = keyword
    finish()
    return entries


def our_catalogs(root: Path = ROOT) -> dict[str, Path]:
    """{label: .po path}: ``locale`` for the project's own, else the app's folder name."""
    found: dict[str, Path] = {}
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if d not in SKIP_DIRS and not d.startswith("."))
        here = Path(dirpath)
        if "django.po" in filenames and here.parts[-3:] == ("locale", LANGUAGE, "LC_MESSAGES"):
            owner = here.parent.parent.parent
            label = "locale" if owner == root else str(owner.relative_to(root))
            found[label] = here / "django.po"
    return found


def read_catalogs(catalogs: dict[str, Path]) -> dict[str, list[Entry]]:
    return {label: parse_po(path.read_text(encoding="utf-8")) for label, path in catalogs.items()}


def differing(read: dict[str, list[Entry]]) -> dict[Key, dict[str, list[str]]]:
    """{(msgctxt, msgid): {msgstr: [catalog, …]}} for each msgid (with or without a
    context) that two catalogs translate differently (empty and fuzzy ones do not
    count: msgfmt leaves them out, so they never win)."""
    texts: dict[Key, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for label, entries in read.items():
        for entry in entries:
            if entry.translated:
                texts[entry.key][entry.text].append(label)
    return {key: dict(by_text) for key, by_text in texts.items() if len(by_text) > 1}


def duplicates(read: dict[str, list[Entry]]) -> dict[str, list[Key]]:
    """Keys a single catalog holds twice (msgfmt refuses such a file)."""
    found: dict[str, list[Key]] = {}
    for label, entries in read.items():
        seen: set[Key] = set()
        twice = [e.key for e in entries if e.key in seen or seen.add(e.key)]
        if twice:
            found[label] = twice
    return found


# -- the code's uses ------------------------------------------------------------


def _sources(root: Path) -> tuple[list[Path], list[Path]]:
    python, templates = [], []
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if d not in SKIP_DIRS and not d.startswith("."))
        for name in sorted(filenames):
            path = Path(dirpath) / name
            if name.endswith(".py") and "migrations" not in path.parts:
                python.append(path)
            elif name.endswith((".html", ".txt")) and "templates" in path.parts:
                templates.append(path)
    return python, templates


def extract_uses(root: Path = ROOT) -> dict[Key, list[str]]:
    """{(msgctxt, msgid): ["cases/views/cases.py:32", …]} for every marked string in
    the code and the templates (the plural's singular msgid stands for the entry)."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "haikou_exec.settings")
    from django.utils.translation.template import templatize

    python, templates = _sources(root)
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        listed = [str(p.relative_to(root)) for p in python]
        for template in templates:
            relative = template.relative_to(root)
            target = work / "t" / (str(relative) + ".py")
            target.parent.mkdir(parents=True, exist_ok=True)
            source = template.read_text(encoding="utf-8")
            target.write_text(templatize(source, origin=str(template)), encoding="utf-8")
            listed.append(str(target))
        files = work / "files.txt"
        files.write_text("\n".join(listed) + "\n", encoding="utf-8")
        pot = work / "uses.pot"
        subprocess.run(
            [
                "xgettext",
                "--language=Python",
                "--from-code=UTF-8",
                "--no-wrap",
                "--sort-by-file",
                *[f"--keyword={k}" for k in KEYWORDS],
                f"--files-from={files}",
                f"--output={pot}",
            ],
            cwd=root,
            check=True,
            capture_output=True,
        )
        text = pot.read_text(encoding="utf-8") if pot.exists() else ""
    prefix = str(work / "t") + "/"
    uses: dict[Key, list[str]] = {}
    refs: list[str] = []
    for block in text.split("\n\n"):
        refs = []
        for raw in block.splitlines():
            if raw.startswith("#:"):
                for ref in raw[2:].split():
                    ref = ref.replace(prefix, "")
                    path, _colon, number = ref.rpartition(":")
                    if path.endswith((".html.py", ".txt.py")):
                        path = path.removesuffix(".py")
                    refs.append(f"{path}:{number}")
        for entry in parse_po(block):
            uses.setdefault(entry.key, []).extend(refs)
    return uses


# -- what users see -----------------------------------------------------------


def runtime_order() -> list[tuple[str, Path]]:
    """The catalogs in the order Django looks a msgid up (trans_real.DjangoTranslation):
    LOCALE_PATHS, then the installed apps in INSTALLED_APPS order, then Django's own."""
    import django
    from django.apps import apps
    from django.conf import settings

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "haikou_exec.settings")
    if not apps.ready:
        django.setup()
    order: list[tuple[str, Path]] = []
    for path in settings.LOCALE_PATHS:
        order.append(("locale" if Path(path) == ROOT / "locale" else str(path), Path(path)))
    for config in apps.get_app_configs():
        location = Path(config.path) / "locale"
        if location.is_dir():
            try:
                label = str(Path(config.path).relative_to(ROOT))
            except ValueError:
                label = config.name
            order.append((label, location))
    order.append(("django", Path(django.__file__).parent / "conf" / "locale"))
    return order


def compiled(localedir: Path) -> dict:
    """The .mo catalog Django loads from one locale folder ({} when it has none)."""
    found = gettext.find("django", str(localedir), languages=[LANGUAGE])
    if not found:
        return {}
    with open(found, "rb") as mo:
        return gettext.GNUTranslations(mo)._catalog


def mo_key(key: Key) -> str:
    context, msgid = key
    return f"{context}\x04{msgid}" if context is not None else msgid


def winners(keys, order=None) -> dict[Key, tuple[str, str]]:
    """{key: (catalog, msgstr)} as Django resolves them from the compiled catalogs."""
    order = order or runtime_order()
    loaded = [(label, compiled(location)) for label, location in order]
    found: dict[Key, tuple[str, str]] = {}
    for key in keys:
        for label, catalog in loaded:
            for candidate in (mo_key(key), (mo_key(key), 0)):
                if candidate in catalog:
                    found[key] = (label, catalog[candidate])
                    break
            if key in found:
                break
    return found


def shadowed(read: dict[str, list[Entry]], order=None) -> dict[Key, tuple[str, str, str, str]]:
    """{key: (our catalog, our msgstr, winning catalog, its msgstr)} where a catalog we
    do not own (Django's, the admin's, a library's) wins with other words."""
    ours = {
        entry.key: (label, entry.msgstr[0])
        for label, entries in read.items()
        for entry in entries
        if entry.translated
    }
    won = winners(ours, order)
    return {
        key: (label, text, won[key][0], won[key][1])
        for key, (label, text) in ours.items()
        if key in won and won[key][0] not in read and won[key][1] != text
    }


def _report_differing(read, uses) -> int:
    found = differing(read)
    won = winners(found)
    for key in sorted(found, key=lambda k: k[1].lower()):
        print(f"msgid {key[1]!r}" + (f" (msgctxt {key[0]!r})" if key[0] else ""))
        for text, labels in sorted(found[key].items()):
            mark = "  <- shown" if won.get(key, (None, None))[1] == text else ""
            print(f"    {text!r}: {', '.join(labels)}{mark}")
        for ref in uses.get(key, []) or ["(no use found in the code)"]:
            print(f"        {ref}")
    print(f"{len(found)} msgid(s) with differing translations")
    return len(found)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--shadowed", action="store_true")
    parser.add_argument("--untranslated", action="store_true")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(ROOT))
    read = read_catalogs(our_catalogs())
    problems = 0
    for label, keys in duplicates(read).items():
        print(f"{label}: twice in one catalog: {keys}")
        problems += len(keys)
    if args.shadowed:
        for key, (label, text, winner, shown) in sorted(shadowed(read).items()):
            print(f"{key!r}: {label} says {text!r}, {winner} wins with {shown!r}")
            problems += 1
        return 1 if problems else 0
    uses = extract_uses()
    if args.untranslated:
        ours = {e.key for entries in read.values() for e in entries if e.translated}
        for key in sorted(uses, key=lambda k: (k[1], k[0] or "")):
            if key not in ours:
                print(f"{key!r}: {', '.join(uses[key][:4])}")
                problems += 1
        print(f"{problems} msgid(s) used without a Chinese translation in our catalogs")
        return 1 if problems else 0
    problems += _report_differing(read, uses)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
