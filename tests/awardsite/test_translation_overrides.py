"""Our Dutch overrides of allauth's and Django's messages: still matching upstream, "u" form, in use."""

import ast
import gettext
import re
from pathlib import Path

import allauth
import django
import pytest
from django.conf import settings
from django.utils import translation

PO = settings.PROJECT_DIR / "translation_overrides" / "nl" / "LC_MESSAGES" / "django.po"
INFORMAL = re.compile(r"\b(je|jij|jou|jouw|jezelf)\b", re.IGNORECASE)


def _po_string(lines: str) -> str:
    # PO strings are C-style quoted pieces; Python's literal syntax reads them the same way.
    return "".join(ast.literal_eval(piece) for piece in re.findall(r'^".*"$', lines, re.M))


def _entries() -> dict[str, str]:
    """msgid -> msgstr of the singular entries of our .po file."""
    entries = {}
    for block in PO.read_text().split("\n\n"):
        match = re.search(r'^msgid ((?:".*"\n)+)msgstr ((?:".*"\n?)+)', block + "\n", re.M)
        if match:
            entries[_po_string(match[1])] = _po_string(match[2])
    entries.pop("", None)
    return entries


def test_every_override_still_matches_an_allauth_or_django_message():
    upstream = {}
    for package in (allauth, django):
        mo = Path(package.__file__).parent / ("conf/locale" if package is django else "locale")
        with (mo / "nl" / "LC_MESSAGES" / "django.mo").open("rb") as handle:
            upstream.update(gettext.GNUTranslations(handle)._catalog)
    stale = [msgid for msgid in _entries() if msgid not in upstream]
    assert stale == [], f"allauth or Django changed these messages; update the overrides: {stale}"


def test_overrides_are_complete_and_use_u():
    entries = _entries()
    assert len(entries) > 50
    for msgid, msgstr in entries.items():
        assert msgstr.strip(), msgid
        assert not INFORMAL.search(msgstr), msgstr


@pytest.mark.skipif(not PO.with_suffix(".mo").exists(), reason="translations not compiled (make messages)")
def test_overrides_win_over_allauth_and_django():
    with translation.override("nl"):
        assert translation.gettext("You have signed out.") == "U bent uitgelogd."
        assert "te kort" in translation.ngettext(
            "This password is too short. It must contain at least %d character.",
            "This password is too short. It must contain at least %d characters.",
            10,
        )
