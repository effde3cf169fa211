"""The English catalog covers every message the code and templates use."""

from pathlib import Path

from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[2]
KEYWORDS = {"_": None, "gettext": None, "N_": None, "_l": None, "lazy_gettext": None}
METHODS = [("community/**.py", "python"), ("templates/**.html", "jinja2")]


def source_messages() -> set[str]:
    found = set()
    for _filename, _lineno, message, _comments, _context in extract_from_dir(
        str(ROOT), METHODS, keywords=KEYWORDS, options_map={"templates/**.html": {}}
    ):
        found.add(message if isinstance(message, str) else message[0])
    return found


def test_every_message_has_an_english_translation():
    with open(ROOT / "translations/en/LC_MESSAGES/messages.po", "rb") as handle:
        catalog = read_po(handle)
    translated = {m.id: m.string for m in catalog if m.id}
    used = source_messages()
    assert {
        "必須項目です。",
        "ラボ一覧",
        "ログインが必要です。",
    } <= used  # the extractor sees all three kinds
    missing = sorted(used - set(translated))
    assert not missing, f"run `make messages` and translate: {missing}"
    empty = sorted(key for key, value in translated.items() if not value)
    assert not empty, f"untranslated: {empty}"
    fuzzy = [m.id for m in catalog if m.id and m.fuzzy]
    assert not fuzzy
