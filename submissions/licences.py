"""Which licences count as open: the ONE list, used by the CKAN client, the manual dataset form
and the Secretariaat's exports.

Licence identifiers arrive in many spellings (CKAN ids such as ``cc-by``, URIs such as
``http://creativecommons.org/licenses/by/4.0/deed.nl``). `normalise_licence_id` folds them to one
key; `licence_is_open` answers from `OPEN_LICENCE_PATTERNS` (Open Definition conformant licences:
public domain dedications, attribution and share-alike licences; never "non-commercial" or
"no-derivatives").
"""

import re

from django.db import models
from django.utils.translation import gettext_lazy as _

# Normalised keys (see normalise_licence_id) of open licences. Regular expressions, full match.
OPEN_LICENCE_PATTERNS = (
    # Public domain
    r"creativecommons\.org/publicdomain/zero/1\.0",
    r"creativecommons\.org/publicdomain/mark/1\.0",
    r"opendatacommons\.org/licenses/pddl(/1\.0)?",
    r"cc-?zero|cc-?0|cc0(-1\.0)?|odc-pddl|other-pd|publiek-?domein|public-?domain",
    # CKAN's own ids for other licences that conform to the Open Definition
    r"other-open|other-at",
    # Attribution / share-alike (Creative Commons 2.0-4.0)
    r"creativecommons\.org/licenses/by(-sa)?/[234]\.[05](/[a-z]{2})?",
    r"cc-by(-sa)?(-[234]\.[05])?",
    # Open Data Commons
    r"opendatacommons\.org/licenses/(odbl|by)(/1\.0)?",
    r"odc-(odbl|by)|odbl(-1\.0)?",
    # Dutch government open data licence names seen on data.overheid.nl
    r"standaarden\.overheid\.nl/owms/terms/(publiekdomein|cc-0|cc-by(-sa)?)",
)
_OPEN_RE = re.compile("|".join(f"(?:{p})" for p in OPEN_LICENCE_PATTERNS))


class ManualLicence(models.TextChoices):
    """What an entrant can pick when the catalogue cannot be used (manual entry)."""

    CC0 = "http://creativecommons.org/publicdomain/zero/1.0/", _("CC0 (public domain dedication)")
    PUBLIC_DOMAIN = "http://creativecommons.org/publicdomain/mark/1.0/", _("Public domain")
    CC_BY = "http://creativecommons.org/licenses/by/4.0/", _("CC BY 4.0 (attribution)")
    CC_BY_SA = "http://creativecommons.org/licenses/by-sa/4.0/", _("CC BY-SA 4.0 (attribution, share alike)")
    ODBL = "http://opendatacommons.org/licenses/odbl/1.0/", _("ODbL (Open Database License)")
    OTHER_CLOSED = "other-closed", _("Another licence, not open (for example non-commercial)")
    UNKNOWN = "unknown", _("I do not know the licence")


def normalise_licence_id(value: str | None) -> str:
    """`HTTPS://www.CreativeCommons.org/licenses/by/4.0/deed.nl` -> `creativecommons.org/licenses/by/4.0`."""
    key = (value or "").strip().lower()
    key = re.sub(r"^https?://", "", key)
    key = re.sub(r"^www\.", "", key)
    key = re.sub(r"/(deed\.[a-z-]+|legalcode(\.[a-z-]+)?)$", "", key)
    return key.rstrip("/")


def licence_is_open(licence_id: str | None) -> bool:
    key = normalise_licence_id(licence_id)
    return bool(key) and _OPEN_RE.fullmatch(key) is not None


def licence_label(licence_id: str | None) -> str:
    """A readable name for a licence id we know (the manual choices), else the id itself."""
    for choice in ManualLicence:
        if normalise_licence_id(choice.value) == normalise_licence_id(licence_id):
            return str(choice.label)
    return licence_id or ""
