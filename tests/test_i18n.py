"""The translation catalogs under game/locale/ and the helpers of game/i18n.py.

The completeness test extracts the messages from the source tree afresh (as
`pybabel extract` does, with the keywords and method map of babel.cfg), so it
fails as soon as a new or changed user-facing string has no translation yet:
that is intended. docs/translating.md says how to update the catalogs.
"""

from __future__ import annotations

import ast
import datetime as dt
import io
import re
import string
import tokenize
from functools import lru_cache
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po

from game import i18n

ROOT = Path(__file__).resolve().parents[1]
GAME = ROOT / "game"
KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2)}  # as in `pybabel extract -k _ -k N_ -k ngettext:1,2`
TRANSLATED = sorted(lang for lang in i18n.LANGUAGES if lang != i18n.DEFAULT_LANGUAGE)
PLURAL_FORMS = {"tr": 2, "ru": 3}  # CLDR: Turkish one/other; Russian one/few/many (integers)


# -- helpers -------------------------------------------------------------------------


@lru_cache(maxsize=None)
def source_messages() -> dict[str | tuple[str, str], list[str]]:
    """Every message of the source tree -> its places ("game/x.py:12").

    Two sources, united: Babel's extractor with the method map of babel.cfg, and a
    walk of each file's syntax tree for `_("...")` and `ngettext("...", "...", n)`
    calls with literal texts. The second finds calls inside f-strings, which
    Babel's extractor only sees when it runs on Python 3.12 or newer.
    """
    with open(ROOT / "babel.cfg", encoding="utf-8") as handle:
        method_map, options_map = parse_mapping_cfg(handle)
    found: dict[str | tuple[str, str], list[str]] = {}
    for filename, lineno, message, _comments, _context in extract_from_dir(
            str(ROOT), method_map, options_map, keywords=KEYWORDS):
        found.setdefault(message, []).append(f"{filename}:{lineno}")
    for path in sorted(GAME.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in ast.walk(tree):
            message = _literal_message(node)
            if message is not None:
                where = f"{path.relative_to(ROOT).as_posix()}:{node.lineno}"
                places = found.setdefault(message, [])
                if where not in places:
                    places.append(where)
    return found


def _literal_message(node: ast.AST) -> str | tuple[str, str] | None:
    if not isinstance(node, ast.Call) or not isinstance(node.func, ast.Name):
        return None
    texts = [a.value if isinstance(a, ast.Constant) and isinstance(a.value, str) else None for a in node.args]
    if node.func.id == "_" and len(texts) == 1 and texts[0]:
        return texts[0]
    if node.func.id == "ngettext" and len(texts) == 3 and texts[0] and texts[1]:
        return (texts[0], texts[1])
    return None


@lru_cache(maxsize=None)
def catalog(lang: str):
    path = i18n.po_path(lang)
    assert path.exists(), f"no catalog for '{lang}': {path.relative_to(ROOT)}"
    with open(path, "rb") as handle:
        return read_po(handle, locale=lang, domain=i18n.DOMAIN)


def fields(text: str) -> set[str]:
    """The names of the replacement fields of a str.format text ("{n:,}" -> "n")."""
    names = set()
    for _literal, name, _spec, _conversion in string.Formatter().parse(text):
        if name is not None:
            names.add(re.split(r"[.\[]", name, maxsplit=1)[0])
    return names


def shown(message) -> str:
    return repr(message[0] if isinstance(message, tuple) else message)


def strings(message) -> list[str]:
    return list(message.string) if isinstance(message.string, (list, tuple)) else [message.string]


# -- completeness --------------------------------------------------------------------


def test_the_source_has_messages():
    assert len(source_messages()) > 100
    assert "error" in source_messages()
    assert ("{n} error", "{n} errors") in source_messages()


@pytest.mark.parametrize("lang", TRANSLATED)
def test_catalog_is_complete(lang):
    po = catalog(lang)
    missing, untranslated, fuzzy = [], [], []
    for message, places in sorted(source_messages().items(), key=lambda kv: kv[1][0]):
        entry = po.get(message)
        where = places[0] + (f" (+{len(places) - 1})" if len(places) > 1 else "")
        if entry is None:
            missing.append(f"  {where}: {shown(message)}")
        elif not all(s.strip() for s in strings(entry)):
            untranslated.append(f"  {where}: {shown(message)}")
        elif entry.fuzzy:
            fuzzy.append(f"  {where}: {shown(message)}")
    report = []
    for title, items in (("missing", missing), ("untranslated", untranslated), ("fuzzy", fuzzy)):
        if items:
            report.append(f"{len(items)} {title} in {lang}/LC_MESSAGES/parley.po:\n" + "\n".join(items))
    assert not report, ("\n".join(report) + "\nUpdate the catalogs and translate these messages: "
                        "see docs/translating.md.")


# -- placeholders ----------------------------------------------------------------------


@pytest.mark.parametrize("lang", TRANSLATED)
def test_translations_keep_the_placeholders(lang):
    wrong = []
    for message in catalog(lang):
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        expected = set().union(*(fields(i) for i in ids))
        for text in strings(message):
            if not text:
                continue
            try:
                got = fields(text)
            except ValueError as exc:  # a stray "{" or "}"
                wrong.append(f"  {shown(message.id)} -> {text!r}: {exc}")
                continue
            if got != expected:
                wrong.append(f"  {shown(message.id)} -> {text!r}: fields {sorted(got)}, expected {sorted(expected)}")
    assert not wrong, f"{len(wrong)} translations in {lang} change the {{...}} fields:\n" + "\n".join(wrong)


@pytest.mark.parametrize("lang", TRANSLATED)
def test_translations_keep_the_outer_spaces_and_newlines(lang):
    wrong = []
    for message in catalog(lang):
        if not message.id:
            continue
        source = message.id[0] if isinstance(message.id, tuple) else message.id
        for text in strings(message):
            if text and (source[:1].isspace() != text[:1].isspace() or source[-1:].isspace() != text[-1:].isspace()
                         or source.endswith("\n") != text.endswith("\n")):
                wrong.append(f"  {source!r} -> {text!r}")
    assert not wrong, f"{lang}: leading or trailing blanks differ from the English:\n" + "\n".join(wrong)


# -- plural forms ----------------------------------------------------------------------


@pytest.mark.parametrize("lang", TRANSLATED)
def test_catalog_declares_the_cldr_number_of_plural_forms(lang):
    po = catalog(lang)
    assert po.num_plurals == PLURAL_FORMS[lang]
    short = [shown(m.id) for m in po if isinstance(m.id, tuple) and len(strings(m)) != PLURAL_FORMS[lang]]
    assert not short, f"{lang}: plural messages without {PLURAL_FORMS[lang]} forms: {short}"


def test_russian_plurals_have_three_forms_chosen_by_the_number():
    po = catalog("ru")
    plurals = [m for m in po if isinstance(m.id, tuple)]
    assert plurals
    i18n.set_language("ru")
    form_of = {1: 0, 2: 1, 5: 2, 21: 0, 11: 2, 12: 2, 22: 1, 0: 2, 111: 2}
    wrong = []
    for m in plurals:
        forms = strings(m)
        assert len(forms) == 3 and all(f.strip() for f in forms), f"{shown(m.id)}: {forms}"
        for n, k in form_of.items():
            if i18n.ngettext(m.id[0], m.id[1], n) != forms[k]:
                wrong.append(f"  {shown(m.id)} for {n}: expected form {k}")
    assert not wrong, "\n".join(wrong)
    assert [i18n.ngettext("{n} error", "{n} errors", n).format(n=n) for n in (1, 2, 5, 21)] == \
        ["1 ошибка", "2 ошибки", "5 ошибок", "21 ошибка"]


def test_turkish_plurals_put_no_plural_suffix_after_a_number():
    i18n.set_language("tr")
    assert [i18n.ngettext("{n} error", "{n} errors", n).format(n=n) for n in (1, 3)] == ["1 hata", "3 hata"]
    suffixed = re.compile(r"\{n[^}]*\}\s+\w+(?:lar|ler)\b")
    wrong = [f"  {shown(m.id)} -> {s!r}" for m in catalog("tr") if m.id for s in strings(m) if suffixed.search(s)]
    assert not wrong, "Turkish takes no plural suffix after a number (\"3 hata\"):\n" + "\n".join(wrong)


# -- choosing a language -------------------------------------------------------------


def test_set_language_translates_and_unknown_falls_back_to_english():
    i18n.set_language("tr")
    assert i18n.language() == "tr"
    assert i18n._("error") == "hata"
    assert i18n._("warning") == "uyarı"
    i18n.set_language("ru")
    assert i18n._("error") == "ошибка"
    i18n.set_language("xx")
    assert i18n.language() == "en"
    assert i18n._("error") == "error"
    assert i18n.ngettext("{n} error", "{n} errors", 2) == "{n} errors"


def test_a_text_without_translation_stays_english():
    i18n.set_language("tr")
    assert i18n._("a text no catalog has") == "a text no catalog has"


# -- numbers and dates -----------------------------------------------------------------


def _spaces(text: str) -> str:
    """CLDR separates Russian thousands (and "г.") with no-break spaces; compare them as spaces."""
    return text.replace("\u00a0", " ").replace("\u202f", " ")


@pytest.mark.parametrize("lang, big, small", [
    ("en", "1,234,567.5", "3.25"),
    ("tr", "1.234.567,5", "3,25"),
    ("ru", "1 234 567,5", "3,25"),
])
def test_numbers_follow_the_locale(lang, big, small):
    i18n.set_language(lang)
    assert _spaces(i18n.number(1234567.5)) == big
    assert _spaces(i18n.number(3.25, 2)) == small
    assert i18n.number(42, 0) == "42"


@pytest.mark.parametrize("lang, day, month", [
    ("en", "March 5, 2020", "March 2020"),
    ("tr", "5 Mart 2020", "Mart 2020"),
    ("ru", "5 марта 2020 г.", "март 2020 г."),
])
def test_dates_follow_the_locale(lang, day, month):
    i18n.set_language(lang)
    assert _spaces(i18n.date(dt.date(2020, 3, 5))) == day
    assert _spaces(i18n.date("2020-03-05")) == day
    assert _spaces(i18n.date("2020-03")) == month
    assert i18n.date("2020") == "2020"


# -- no case changes on translated text --------------------------------------------------

CASE_METHODS = {"upper", "lower", "title", "capitalize", "casefold", "swapcase"}
TRANSLATING = {"_", "local", "ngettext"}
FSTRING_START = getattr(tokenize, "FSTRING_START", None)
FSTRING_END = getattr(tokenize, "FSTRING_END", None)
_CALL_IN_STRING = re.compile(r"(?<![\w.])(?:_|local|ngettext)\(")


def _receiver(tokens: list[tokenize.TokenInfo], end: int) -> list[tokenize.TokenInfo]:
    """The tokens of the expression before tokens[end] (the '.' of '.upper()'), walking back
    over names, strings, attribute dots and bracketed calls or subscripts."""
    out: list[tokenize.TokenInfo] = []
    i = end - 1
    while i >= 0:
        tok = tokens[i]
        if FSTRING_END is not None and tok.type == FSTRING_END:  # Python 3.12+: an f-string is many tokens
            depth = 0
            while i >= 0:
                depth += {FSTRING_END: 1, FSTRING_START: -1}.get(tokens[i].type, 0)
                out.append(tokens[i])
                if depth == 0:
                    break
                i -= 1
            tok = tokens[i]
            i -= 1
            if i >= 0 and tokens[i].type == tokenize.OP and tokens[i].string == ".":
                out.append(tokens[i])
                i -= 1
                continue
            break
        if tok.type == tokenize.OP and tok.string in ")]}":
            depth = 0
            while i >= 0:
                if tokens[i].type == tokenize.OP and tokens[i].string in ")]}":
                    depth += 1
                elif tokens[i].type == tokenize.OP and tokens[i].string in "([{":
                    depth -= 1
                out.append(tokens[i])
                if depth == 0:
                    break
                i -= 1
            i -= 1
            continue  # a call or subscript: its callee comes next
        if tok.type in (tokenize.NAME, tokenize.STRING, tokenize.NUMBER) and tok.string not in ("return", "in", "not",
                                                                                            "and", "or", "if", "else"):
            out.append(tok)
            i -= 1
            if i >= 0 and tokens[i].type == tokenize.OP and tokens[i].string == ".":
                out.append(tokens[i])
                i -= 1
                continue
            if i >= 0 and tokens[i].type == tokenize.STRING and tok.type == tokenize.STRING:
                continue  # implicitly joined strings
            break
        break
    return out[::-1]


def case_changes_on_translated_text(path: Path) -> list[int]:
    """Lines where `.upper()`, `.lower()`, `.title()`, `.capitalize()` (or casefold/swapcase)
    is applied to an expression that calls `_(`, `local(` or `ngettext(`."""
    tokens = [t for t in tokenize.generate_tokens(io.StringIO(path.read_text(encoding="utf-8")).readline)
              if t.type not in (tokenize.NL, tokenize.NEWLINE, tokenize.COMMENT, tokenize.INDENT, tokenize.DEDENT)]
    lines = []
    for i in range(1, len(tokens) - 1):
        if tokens[i].type == tokenize.NAME and tokens[i].string in CASE_METHODS \
                and tokens[i - 1].string == "." and tokens[i + 1].string == "(":
            receiver = _receiver(tokens, i - 1)
            for k, tok in enumerate(receiver):
                calls = tok.type == tokenize.NAME and tok.string in TRANSLATING and k + 1 < len(receiver) \
                    and receiver[k + 1].string == "(" and (k == 0 or receiver[k - 1].string != ".")
                if calls or (tok.type == tokenize.STRING and _CALL_IN_STRING.search(tok.string)):
                    lines.append(tokens[i].start[0])
                    break
    return lines


def test_the_case_scanner_finds_what_it_should(tmp_path):
    sample = tmp_path / "sample.py"
    sample.write_text(
        'a = _("x").upper()\n'
        'b = _("{n}").format(n=1).lower()\n'
        'c = " ".join(local(t) for t in ts).lower()\n'
        'd = (ngettext("a", "b", n)\n     .title())\n'
        'e = str(value).lower()\n'
        'f = name.lower()\n'
        'g = _("y") + x.upper()\n'
        "h = f\"{_('z')}\".capitalize()\n",
        encoding="utf-8")
    assert case_changes_on_translated_text(sample) == [1, 2, 3, 5, 9]


def test_no_code_changes_the_case_of_translated_text():
    found = [f"{path.relative_to(ROOT).as_posix()}:{line}"
             for path in sorted(GAME.rglob("*.py")) for line in case_changes_on_translated_text(path)]
    assert not found, ("upper/lower-casing translated text breaks Turkish (i/İ, ı/I); write the text in the "
                       "case it is shown in, or compare with the untranslated ids instead:\n  " + "\n  ".join(found))


@pytest.mark.parametrize("lang, expected", [
    ("en", "1,234.6 | 35 | 1,200,000 | 4.8"),
    ("tr", "1.234,6 | 35 | 1.200.000 | 4,8"),
    ("ru", "1\u00a0234,6 | 35 | 1\u00a0200\u00a0000 | 4,8"),
])
def test_translated_text_formats_numbers_by_locale(lang, expected):
    """`_(...).format()` writes numeric fields ({x:.1f}, {n:,}, {w:g}) the locale's way."""
    i18n.set_language(lang)
    try:
        text = i18n.Translated("{a:.1f} | {b:g} | {c:,} | {d:.1f}").format(a=1234.56, b=35.0, c=1200000, d=4.8)
        assert text.replace("\u202f", "\u00a0") == expected
        assert i18n.Translated("{n} {s}").format(n=3, s="x") == "3 x"  # no format: as usual
    finally:
        i18n.set_language("en")


# -- percentages ---------------------------------------------------------------------------


@pytest.mark.parametrize("lang, whole, one_decimal, thousand", [
    ("en", "63%", "8.5%", "1,250%"),
    ("tr", "%63", "%8,5", "%1.250"),
    ("ru", "63 %", "8,5 %", "1 250 %"),
])
def test_percentages_follow_the_locale(lang, whole, one_decimal, thousand):
    i18n.set_language(lang)
    assert _spaces(i18n.percent(0.63)) == whole
    assert _spaces(i18n.percent(0.634)) == whole  # rounded to whole percent by default
    assert _spaces(i18n.percent(0.085, 1)) == one_decimal
    assert _spaces(i18n.percent(12.5)) == thousand
    assert _spaces(i18n.percent(-0.0001)) == _spaces(i18n.percent(0))  # never "-0%"


@pytest.mark.parametrize("lang, expected", [("en", ["12.5", "12", "0", "1,234.25"]),
                                            ("tr", ["12,5", "12", "0", "1.234,25"]),
                                            ("ru", ["12,5", "12", "0", "1 234,25"])])
def test_trimmed_numbers_drop_trailing_zeros_and_minus_zero(lang, expected):
    i18n.set_language(lang)
    assert [_spaces(i18n.number(x, 2, trim=True)) for x in (12.5, 12.0, -0.001, 1234.25)] == expected


@pytest.mark.parametrize("lang, expected", [("en", "en, tr, or ru"), ("tr", "en, tr veya ru"), ("ru", "en, tr или ru")])
def test_the_language_list_comes_from_languages(lang, expected):
    i18n.set_language(lang)
    assert i18n.conjunction_list(list(i18n.LANGUAGES), "or") == expected


# -- whole sentences, not pieces -------------------------------------------------------------


def test_handout_header_counts_rounds_with_plural_forms():
    i18n.set_language("ru")
    ru = [i18n.ngettext("{title} · {date} · {rounds} round · first offer: {opener}",
                        "{title} · {date} · {rounds} rounds · first offer: {opener}", n)
          .format(title="T", date="D", rounds=n, opener="Турция") for n in (1, 2, 5, 21)]
    assert ru == ["T · D · 1 раунд · первое предложение: Турция",
                  "T · D · 2 раунда · первое предложение: Турция",
                  "T · D · 5 раундов · первое предложение: Турция",
                  "T · D · 21 раунд · первое предложение: Турция"]
    i18n.set_language("tr")
    tr = [i18n.ngettext("{title} · {date} · {rounds} round · first offer: {opener}",
                        "{title} · {date} · {rounds} rounds · first offer: {opener}", n)
          .format(title="T", date="D", rounds=n, opener="Türkiye") for n in (1, 3)]
    assert tr == ["T · D · 1 tur · ilk teklif: Türkiye", "T · D · 3 tur · ilk teklif: Türkiye"]


@pytest.mark.parametrize("lang, expected", [
    ("tr", "russia tarafının masadan kalkma değerinin 35 değerinden 40 değerine yükseltilmesi, anlaşma alanını "
           "paketlerin %81 kadarından %40 kadarına daraltır"),
    ("ru", "повышение точки ухода стороны «russia» с 35 до 40 сужает зону возможного соглашения с 81 % до 40 % "
           "пакетов"),
])
def test_balance_suggestion_is_one_whole_sentence(lang, expected):
    from game.cli.balance import _suggestions
    from types import SimpleNamespace

    i18n.set_language(lang)
    change = SimpleNamespace(party="russia", before=35.0, after=40.0, share_before=0.81, share_after=0.4)
    b = SimpleNamespace(zone_suggestions=[change], weight_change=None, points_gap=0.0)
    assert [_spaces(s) for s in _suggestions(b)] == [expected]


@pytest.mark.parametrize("lang, expected", [
    ("en", "duplicate issue id 'length' (first used at line 3)"),
    ("tr", "yinelenen konu id'si 'length' (ilk kullanım: 3. satır)"),
    ("ru", "повторяющийся id вопроса 'length' (впервые использован в строке 3)"),
])
def test_duplicate_id_messages_name_the_kind_in_one_sentence(lang, expected):
    i18n.set_language(lang)
    assert i18n._("duplicate issue id '{id}' (first used at line {line})").format(id="length", line=3) == expected


@pytest.mark.parametrize("lang, expected", [
    ("en", "a right-to-left override character (U+202E)"),
    ("tr", "bir sağdan sola geçersiz kılma karakteri (U+202E)"),
    ("ru", "символ переопределения направления справа налево (U+202E)"),
])
def test_bidi_character_names_are_translated(lang, expected):
    from game.scenario.references import _describe_hidden

    i18n.set_language(lang)
    assert _describe_hidden("\u202e") == expected


# -- no _() inside f-strings -------------------------------------------------------------------

def translating_calls_in_fstrings(path: Path) -> list[int]:
    """Lines of `_(`, `N_(` or `ngettext(` calls written inside an f-string: `pybabel extract` on
    Python 3.11 does not see them, and `pybabel update` would mark their messages obsolete."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    lines = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.JoinedStr):
            for sub in ast.walk(node):
                if isinstance(sub, ast.Call) and isinstance(sub.func, ast.Name) \
                        and sub.func.id in ("_", "N_", "ngettext"):
                    lines.add(sub.lineno)
    return sorted(lines)


def test_the_fstring_scanner_finds_what_it_should(tmp_path):
    sample = tmp_path / "sample.py"
    sample.write_text('a = f"{_(\'x\')}"\n'
                      'b = _("y")\n'
                      'c = f"<p>{esc(_(\'z\').format(n=1))}</p>"\n'
                      'd = f"{x}" + _("w")\n'
                      'e = f"{ngettext(\'a\', \'b\', n)}"\n', encoding="utf-8")
    assert translating_calls_in_fstrings(sample) == [1, 3, 5]


def test_no_translation_call_inside_an_fstring():
    paths = sorted(GAME.rglob("*.py"))
    scanned = {p.relative_to(ROOT).as_posix() for p in paths}
    assert {"game/report/page.py", "game/report/svg.py", "game/workbench/handouts.py",
            "game/app/screens/debrief.py", "game/app/table_text.py"} <= scanned
    found = [f"{p.relative_to(ROOT).as_posix()}:{line}" for p in paths for line in translating_calls_in_fstrings(p)]
    assert not found, ("call _() outside the f-string (assign the text to a variable first): pybabel extract on "
                       "Python 3.11 does not see it:\n  " + "\n  ".join(found))
