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
