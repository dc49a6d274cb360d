"""One Chinese text per English msgid (issue 16, language): Django merges every
catalog into one, so a msgid two apps translate differently shows one of the two on
every page — a party's *role* read 岗位 (an officer's post) until it got a context.
Words that mean two things get a msgctxt (pgettext), not two msgstrs.

Also: every string the code marks has Chinese (not empty, not fuzzy), what a user
sees is what our catalogs say (Django's, the admin's or a library's catalog does
not win over ours: django_celery_beat's "Minutes" read 分钟 where the consultation
form meant 会商纪要), and each compiled .mo holds what its .po says.

The catalogs are read by scripts/translations.py, which also prints the report
(``.venv/bin/python scripts/translations.py [--shadowed|--untranslated]``)."""

from __future__ import annotations

import gettext
import subprocess
import sys
from pathlib import Path

import pytest
from django.utils import translation

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "scripts"))
import translations  # noqa: E402

sys.path.remove(str(ROOT / "scripts"))

CATALOGS = translations.our_catalogs(ROOT)


@pytest.fixture(scope="module")
def read():
    return translations.read_catalogs(CATALOGS)


@pytest.fixture(scope="module")
def uses():
    return translations.extract_uses(ROOT)


def _listing(found) -> str:
    return "\n".join(
        f"{key[0] + ' | ' if key[0] else ''}{key[1]!r}: "
        + "; ".join(f"{text} ({', '.join(labels)})" for text, labels in by_text.items())
        for key, by_text in found.items()
    )


def test_every_catalog_is_found():
    assert {"locale", "cases", "command_center", "personnel", "assessment"} <= set(CATALOGS)
    assert {"equipment", "supervision"} <= set(CATALOGS)


def test_one_msgid_one_translation_across_the_catalogs(read):
    found = translations.differing(read)
    assert not found, (
        "The same msgid has different Chinese in two catalogs; pick one term, or give "
        "the uses a context (pgettext_lazy / {% translate … context … %}):\n" + _listing(found)
    )


def test_no_catalog_holds_an_entry_twice(read):
    assert translations.duplicates(read) == {}


def test_no_entry_is_empty_or_fuzzy(read):
    """msgfmt leaves such entries out of the .mo: the page shows the English."""
    found = {
        label: [entry.key for entry in entries if not entry.translated]
        for label, entries in read.items()
    }
    assert {label: keys for label, keys in found.items() if keys} == {}


def test_every_marked_string_has_chinese_in_our_catalogs(read, uses):
    """In ours, not only in a library's: django_celery_beat translates "Minutes" as
    分钟 and the admin "Close" as 关闭, which is not what our pages mean."""
    ours = {entry.key for entries in read.values() for entry in entries if entry.translated}
    missing = {key: refs[:3] for key, refs in uses.items() if key not in ours}
    assert not missing, f"Marked for translation but no Chinese in our catalogs: {missing}"


def _shown(key, entry) -> str:
    context, msgid = key
    if entry.msgid_plural:
        if context:
            return translation.npgettext(context, msgid, entry.msgid_plural, 1)
        return translation.ngettext(msgid, entry.msgid_plural, 1)
    return translation.pgettext(context, msgid) if context else translation.gettext(msgid)


def test_what_users_see_is_what_our_catalogs_say(read, uses):
    """Through Django's own merge, for every msgid the code uses."""
    ours = {e.key: e for entries in read.values() for e in entries if e.translated}
    wrong = {}
    with translation.override("zh-hans"):
        for key in uses:
            if key in ours and _shown(key, ours[key]) != ours[key].msgstr[0]:
                wrong[key] = (ours[key].msgstr[0], _shown(key, ours[key]))
    assert not wrong, (
        "Another catalog wins with other words (Django's, the admin's, a library's or "
        "another app's); "
        "give our uses a context, or put the entry in locale/ (looked up first): "
        f"{wrong}"
    )


@pytest.mark.parametrize("label", sorted(CATALOGS))
def test_each_compiled_catalog_holds_what_its_po_says(label, tmp_path):
    po = CATALOGS[label]
    fresh = tmp_path / "fresh.mo"
    subprocess.run(["msgfmt", "-o", str(fresh), str(po)], check=True)

    def catalog(path):
        with open(path, "rb") as mo:
            found = gettext.GNUTranslations(mo)._catalog
        return {key: text for key, text in found.items() if key != ""}

    assert catalog(po.with_suffix(".mo")) == catalog(fresh), (
        f"{po.with_suffix('.mo')} is stale: run msgfmt -o django.mo django.po in its folder"
    )


# -- the reading itself ---------------------------------------------------------

A = """
msgid ""
msgstr ""
"Plural-Forms: nplurals=1; plural=0;\\n"

#: models.py:3
msgid "role"
msgstr "岗位"

msgctxt "party"
msgid "role"
msgstr "诉讼地位"

#, fuzzy
msgid "Note"
msgstr "说明"

msgid "Total"
msgstr ""
"合"
"计"
"""

B = """
msgid "role"
msgstr "诉讼地位"

msgctxt "party"
msgid "role"
msgstr "诉讼地位"

msgid "Note"
msgstr "备注"

msgid "Total"
msgstr "合计"

#~ msgid "Total"
#~ msgstr "总分"
"""


def test_the_reading_finds_a_msgid_translated_two_ways():
    read = {"a": translations.parse_po(A), "b": translations.parse_po(B)}
    # The context-less "role" differs; the party's role agrees; a fuzzy entry and an
    # obsolete one do not count; continued lines are joined.
    assert translations.differing(read) == {(None, "role"): {"岗位": ["a"], "诉讼地位": ["b"]}}
    a = {entry.key: entry for entry in read["a"]}
    assert a[(None, "Note")].fuzzy and not a[(None, "Note")].translated
    assert a[(None, "Total")].msgstr == ["合计"]
    assert translations.duplicates({"a": read["a"] + read["a"][:1]}) == {"a": [(None, "role")]}
