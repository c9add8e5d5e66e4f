"""The one translation function every user-facing string goes through.

`_("text")` looks the text up in the active gettext catalog; `ngettext` picks the
right plural form (the catalog's own plural rule: Russian has three forms).
Catalogs are the `.po` files under `game/locale/<lang>/LC_MESSAGES/`, read with
Babel and compiled in memory when a language is chosen, so no binary file is
kept in the repository. Scenario text may be a plain string or a map of language
code to string (`LocalText`); `local()` picks the active language from such a
field. `number()`, `percent()` and `date()` format by the active locale (Babel). The active
language is process state set once by the front end (command line or client)
with `set_language`; the core never reads the environment.

Never upper- or lower-case translated text in code: Turkish has a dotted and a
dotless i, and `str.upper()` gets them wrong.
"""

from __future__ import annotations

import datetime as _dt
import gettext
import io
from functools import lru_cache
from pathlib import Path
from typing import Mapping, Union

DOMAIN = "parley"
DEFAULT_LANGUAGE = "en"
LANGUAGES = {"en": "English", "tr": "Türkçe", "ru": "Русский"}

LocalText = Union[str, Mapping[str, str]]

_translations: gettext.NullTranslations = gettext.NullTranslations()
_language = DEFAULT_LANGUAGE


def po_path(lang: str) -> Path:
    from game.resources import locale_dir

    return locale_dir() / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


@lru_cache(maxsize=None)
def catalog(lang: str) -> gettext.NullTranslations:
    """The compiled catalog of `lang` (English, or a missing catalog: the texts as written)."""
    path = po_path(lang)
    if lang == DEFAULT_LANGUAGE or not path.exists():
        return gettext.NullTranslations()
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    with open(path, "rb") as handle:
        po = read_po(handle, locale=lang, domain=DOMAIN)
    buffer = io.BytesIO()
    write_mo(buffer, po, use_fuzzy=False)
    buffer.seek(0)
    return gettext.GNUTranslations(buffer)


def set_language(lang: str) -> None:
    """Activate `lang` (e.g. "tr"); a language without a catalog shows the English texts."""
    global _translations, _language
    _language = lang if lang in LANGUAGES else DEFAULT_LANGUAGE
    _translations = catalog(_language)


def language() -> str:
    return _language


class Translated(str):
    """Translated text whose `.format()` writes numbers the way the active locale does.

    A field with a numeric format (`{x:.1f}`, `{n:,}`, `{w:g}`) is rendered with
    Babel: 1,234.5 in English, 1.234,5 in Turkish, 1 234,5 in Russian. Fields
    without a format, and all other values, are formatted as usual.
    """

    __slots__ = ()

    def format(self, *args: object, **kwargs: object) -> str:
        return str.format(self, *map(_localised, args), **{k: _localised(v) for k, v in kwargs.items()})


class _Number:
    __slots__ = ("value",)

    def __init__(self, value: float):
        self.value = value

    def __format__(self, spec: str) -> str:
        if spec.endswith("f") and spec[:-1].lstrip(".").isdigit():
            return number(self.value, int(spec[:-1].lstrip(".")))
        if spec == ",":
            return number(self.value, 0)
        if spec == "g":
            return _number_g(self.value)
        return format(self.value, spec)

    def __str__(self) -> str:
        return str(self.value)


def _localised(value: object) -> object:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return _Number(value)
    return value


def _number_g(value: float) -> str:
    return _decimal(value, "#,##0.######", _language)


@lru_cache(maxsize=8192)
def _decimal(value: float, pattern: str, lang: str) -> str:
    """Babel's formatting, remembered: it costs ~60 µs a call, and the table redraws the same numbers."""
    from babel.numbers import format_decimal

    return format_decimal(value, format=pattern, locale=lang)


def _(message: str) -> str:
    return Translated(_translations.gettext(message))


def N_(message: str) -> str:
    """Mark a text for the catalog without translating it now (it is translated where shown)."""
    return message


def ngettext(singular: str, plural: str, n: int) -> str:
    return Translated(_translations.ngettext(singular, plural, n))


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


def number(value: float, decimals: int = 1, *, trim: bool = False) -> str:
    """`value` formatted for the active locale: 1,234.5 (en), 1.234,5 (tr), 1 234,5 (ru).

    `trim=True` writes at most `decimals` decimals, without trailing zeros ("12.5", "12").
    A value that rounds to zero is written "0" (never "-0").
    """
    if round(value, decimals) == 0:
        value = 0.0
    digit = "#" if trim else "0"
    pattern = "#,##0" + ("." + digit * decimals if decimals > 0 else "")
    return _decimal(value, pattern, _language)


def percent(value: float, digits: int = 0) -> str:
    """A share (0.635) as a percentage for the active locale, with `digits` decimals:
    63.5% (en), %63,5 (tr), 63,5 % (ru). A share that rounds to zero is written 0%, never -0%."""
    from babel import Locale
    from babel.numbers import parse_pattern

    if round(value * 100, digits) == 0:
        value = 0.0
    locale = Locale.parse(_language)
    pattern = parse_pattern(locale.percent_formats[None].pattern)  # a fresh copy: Babel caches the locale's own
    pattern.frac_prec = (digits, digits)
    return pattern.apply(value, locale)


def conjunction_list(items: list[str], style: str = "standard") -> str:
    """`items` joined the locale's way: "en, tr, and ru" ("standard") or "en, tr, or ru" ("or")."""
    from babel.lists import format_list

    return format_list(list(items), style=style, locale=_language)


def date(value: _dt.date | str, form: str = "long") -> str:
    """A date (or an ISO "YYYY", "YYYY-MM", "YYYY-MM-DD" text) for the active locale."""
    from babel.dates import format_date, format_skeleton

    if isinstance(value, str):
        parts = [int(p) for p in value.split("-")]
        if len(parts) == 1:
            return str(parts[0])
        if len(parts) == 2:
            return format_skeleton("yMMMM", _dt.date(parts[0], parts[1], 1), locale=_language)
        value = _dt.date(*parts)
    return format_date(value, format=form, locale=_language)
