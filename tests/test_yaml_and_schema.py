"""The strict YAML loader and validator: safe, line-numbered, strings stay strings."""

from __future__ import annotations

import pytest

from nsk_cli.core.errors import DataError
from nsk_cli.data import schema as s
from nsk_cli.data import yamlio


def test_plain_scalars_stay_strings():
    doc = yamlio.loads("a: no\nb: on\nc: 2024-06-24\nd: 43 57 75 78\ne: ja\nf: 1\ng: true\n")
    assert doc.data == {
        "a": "no",
        "b": "on",
        "c": "2024-06-24",
        "d": "43 57 75 78",
        "e": "ja",
        "f": 1,
        "g": True,
    }


def test_syntax_error_names_file_and_line():
    with pytest.raises(DataError) as e:
        yamlio.loads("a: 1\nb: [1, 2\nc: 3\n", "rules/flow.yaml")
    assert e.value.message.startswith("rules/flow.yaml: linje")


def test_python_object_tags_are_refused():
    with pytest.raises(DataError, match="ikke tilladt"):
        yamlio.loads("a: !!python/object/apply:os.system ['echo hej']\n", "x.yaml")


def test_alias_bomb_is_refused_fast():
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{c}: &{c} [*{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}]\n"
        for p, c in zip("abcdefgh", "bcdefghi", strict=False)
    )
    with pytest.raises(DataError, match="aliaser"):
        yamlio.loads(bomb, "bomb.yaml")


def test_binary_and_missing_files(tmp_path):
    binary = tmp_path / "x.yaml"
    binary.write_bytes(b"\x00\x01\x02")
    with pytest.raises(DataError, match="ikke en tekstfil"):
        yamlio.load(binary)
    with pytest.raises(DataError, match="findes ikke"):
        yamlio.load(tmp_path / "nope.yaml")
    latin = tmp_path / "l.yaml"
    latin.write_bytes("a: æ\n".encode("latin-1"))
    with pytest.raises(DataError, match="UTF-8"):
        yamlio.load(latin)


def test_unknown_key_reports_path_and_line():
    doc = yamlio.loads("items:\n  - id: a\n    nmae: x\n", "f.yaml")
    spec = s.Map(
        {"items": s.Field(s.ListOf(s.Map({"id": s.Field(s.Str(), True), "name": s.Field(s.Str())})))}
    )
    problems = s.validate(doc, spec)
    assert problems == ["f.yaml: linje 3: items[0].nmae: ukendt nøgle 'nmae'; tilladte nøgler: id, name"]


def test_number_where_text_expected_hints_quotes():
    doc = yamlio.loads("phone: 112\n", "c.yaml")
    problems = s.validate(doc, s.Map({"phone": s.Field(s.Str())}))
    assert "anførselstegn" in problems[0]


# ----------------------------------------------------------------- parser problems in Danish

BROKEN_YAML = {  # what people really get wrong when they edit a data file by hand
    "kolon i teksten": "name: Ring til: Politiet\n",
    "tabulator": "contacts:\n\t- id: x\n",
    "liste ikke lukket": "roles: [underretning, boern\n",
    "opslag ikke lukket": "phone: {number: 12345678\n",
    "anførselstegn ikke lukket": 'notes: "Åben hverdage\n',
    "forkert indrykning": "contacts:\n  - id: a\n    name: A\n   url: https://x.dk\n",
    "liste og opslag blandet": "- id: a\nname: A\n",
    "ukendt escape": 'notes: "Se C:\\mapper\\plan"\n',
    "to dokumenter": "a: 1\n...\nb\n c: 1\n",
}
ENGLISH = ("expected", "found", "allowed", "mapping", "scalar", "token", "stream", "while", "parsing")


@pytest.mark.parametrize("text", list(BROKEN_YAML.values()), ids=list(BROKEN_YAML))
def test_a_yaml_syntax_error_is_told_in_danish(text):
    from nsk_cli.core.errors import DataError
    from nsk_cli.data import yamlio

    with pytest.raises(DataError) as exc:
        yamlio.loads(text, "contacts/kommuner/faxe.yaml")
    message = exc.value.message
    assert message.startswith("contacts/kommuner/faxe.yaml: linje ") and "ugyldig YAML (" in message
    assert yamlio._GENERAL not in message  # a specific hint, not the general one
    assert not [w for w in ENGLISH if w in message.lower()], message


@pytest.mark.parametrize("loader", ["CSafeLoader", "SafeLoader"])
def test_both_parsers_problems_have_danish_words(loader):
    """PyYAML's pure-Python parser and libyaml word their problems differently: each one a
    broken file gives has its own Danish hint."""
    import yaml

    from nsk_cli.data import yamlio

    base = getattr(yaml, loader, None)
    if base is None:
        pytest.skip("PyYAML without libyaml")
    for text in BROKEN_YAML.values():
        try:
            yaml.load(text, Loader=base)  # noqa: S506 - the safe loaders, to collect their words
        except yaml.MarkedYAMLError as exc:
            english = f"{exc.context or ''} {exc.problem or ''}"
            assert yamlio.danish_problem(english) != yamlio._GENERAL, english
