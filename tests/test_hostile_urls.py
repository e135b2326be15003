"""Every query parameter the app reads, fed hostile values: the normal page, a short notice,
never a traceback, and no markup from the URL reaching the page as markup."""

from __future__ import annotations

import re

import pytest
from streamlit.testing.v1 import AppTest

from tests.conftest import ROOT

BAD_VALUES = {
    "unknown id": "not_a_real_thing",
    "empty": "",
    "repeated": ["heel", "<b>x</b>"],
    "10,000 characters": "a" * 10_000,
    "unicode and controls": "h\u00e9\u200b\u202e\x00\x07l\U0001f9b6",
    "unicode digits": "\u00b2\u0663\uff11",
    "script": "<script>window.__pwned=1</script>",
    "html": '<img src=x onerror="window.__pwned=1">',
    "markdown link": "[click](javascript:alert(1))",
    "path": "../../../../etc/passwd",
    "encoded": "%3Cscript%3Ealert(1)%3C%2Fscript%3E",
    "sql-ish": "heel' OR '1'='1",
    "separators only": ",,,;;;||",
}

# Every query parameter the app reads, by page.
PARAMS = [
    ("pages/body_map.py", "region"),
    ("pages/pattern.py", "muscle"),
    ("pages/pattern.py", "side"),
    ("pages/finder.py", "zones"),
    ("pages/finder.py", "condition"),
    ("pages/quiz.py", "seed"),
    ("pages/plan.py", "plan"),
]
PAGES = dict.fromkeys(page for page, _ in PARAMS)

# A tag opener that Markdown would treat as HTML: "<" not escaped with a backslash.
RAW_TAG = re.compile(r"(?<!\\)<[a-zA-Z/!]")
# A Markdown link or image whose brackets are not escaped.
RAW_LINK = re.compile(r"(?<!\\)\]\((?:javascript|data):")


def _texts(at: AppTest) -> list[str]:
    texts = []
    for kind in (
        "markdown",
        "caption",
        "info",
        "warning",
        "error",
        "success",
        "title",
        "header",
        "subheader",
    ):
        texts.extend(str(el.value) for el in getattr(at, kind))
    return texts


def _run(page: str, params: dict[str, str | list[str]]) -> AppTest:
    at = AppTest.from_file(str(ROOT / page), default_timeout=30)
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    return at


@pytest.mark.parametrize(("page", "param"), PARAMS)
@pytest.mark.parametrize("case", list(BAD_VALUES))
def test_bad_parameter_gives_the_page_and_no_markup(page, param, case):
    at = _run(page, {param: BAD_VALUES[case]})
    assert not at.exception, f"{page} {param} {case}: {at.exception}"
    for text in _texts(at):
        assert not RAW_TAG.search(text), f"{page} {case}: raw markup in {text[:160]!r}"
        assert not RAW_LINK.search(text), f"{page} {case}: live link in {text[:160]!r}"


@pytest.mark.parametrize(("page", "param"), PARAMS)
def test_unknown_id_gets_a_notice(page, param):
    at = _run(page, {param: "not_a_real_thing"})
    notices = [el.value for el in (*at.info, *at.warning)]
    assert notices, f"{page}: expected a notice for an unknown value"
    assert all(len(n) < 400 for n in notices)


@pytest.mark.parametrize("page", list(PAGES))
def test_parameters_the_page_does_not_read_are_ignored(page):
    at = _run(page, {"foo": "<script>x</script>", "region_select": "heel", "__proto__": "1"})
    assert not at.exception
