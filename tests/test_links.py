"""Untrusted input from URLs and browser events becomes known ids or a safe notice."""

from __future__ import annotations

from tpatlas.links import parse_choice, safe_snippet

KNOWN = ["heel", "neck", "jaw"]


def test_known_value_is_accepted_forgivingly():
    assert parse_choice("heel", KNOWN, "region").value == "heel"
    assert parse_choice(" HEEL ", KNOWN, "region").value == "heel"
    assert parse_choice(["neck", "jaw"], KNOWN, "region").value == "jaw"


def test_missing_value_is_silent():
    parsed = parse_choice(None, KNOWN, "region")
    assert parsed.value is None and parsed.notice is None


def test_unknown_value_gets_a_notice_that_quotes_it_inertly():
    parsed = parse_choice("<script>alert(1)</script>", KNOWN, "region")
    assert parsed.value is None
    assert "unknown region" in parsed.notice
    assert "<script>" not in parsed.notice
    assert "\\<script\\>" in parsed.notice


def test_empty_and_huge_values():
    assert "names no region" in parse_choice("", KNOWN, "region").notice
    assert "too long" in parse_choice("x" * 10_000, KNOWN, "region").notice


def test_safe_snippet_drops_controls_and_cuts():
    text = safe_snippet("a\x00b\u202ec[link](javascript:x)" + "z" * 100)
    assert "\x00" not in text and "\u202e" not in text
    assert "\\[link\\]" in text
    assert text.endswith("…")
