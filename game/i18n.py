"""The one translation function every user-facing string goes through.

`_("text")` looks the text up in the active gettext catalog; `ngettext` picks the
right plural form. Scenario text may be a plain string or a map of language code
to string (`LocalText`); `local()` picks the active language from such a field.
The active language is process state set once by the front end (command line or
client) with `set_language`; the core never reads the environment.
"""

from __future__ import annotations

import gettext
from pathlib import Path
from typing import Mapping, Union

LOCALE_DIR = Path(__file__).parent / "locale"
DOMAIN = "parley"
DEFAULT_LANGUAGE = "en"

LocalText = Union[str, Mapping[str, str]]

_translations: gettext.NullTranslations = gettext.NullTranslations()
_language = DEFAULT_LANGUAGE


def set_language(lang: str) -> None:
    """Activate `lang` (e.g. "tr"); unknown languages fall back to English."""
    global _translations, _language
    _language = lang or DEFAULT_LANGUAGE
    _translations = gettext.translation(
        DOMAIN, localedir=str(LOCALE_DIR), languages=[_language], fallback=True
    )


def language() -> str:
    return _language


def _(message: str) -> str:
    return _translations.gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return _translations.ngettext(singular, plural, n)


def local(text: LocalText | None, lang: str | None = None) -> str:
    """The text of a scenario field in the active language (or English, or any)."""
    if text is None:
        return ""
    if isinstance(text, str):
        return text
    lang = lang or _language
    for key in (lang, DEFAULT_LANGUAGE):
        if key in text:
            return text[key]
    return next(iter(text.values()), "")
