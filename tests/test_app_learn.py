"""The Learn page through AppTest: it renders, shows every section, its figures and its sources,
and a broken text gives a readable error naming the file and line."""

from __future__ import annotations

import pytest

from tests.conftest import run_page
from tpatlas.content import adverse_event_table, load_content_from, short_citation
from tpatlas.data import PACKAGED_DATA, load_sources
from tpatlas.links import safe_snippet


@pytest.fixture(scope="module")
def content():
    return load_content_from(PACKAGED_DATA)


@pytest.fixture(scope="module")
def page():
    at = run_page("pages/learn.py")
    assert not at.exception
    return at


def test_learn_renders_with_tabs_and_footer(page, content):
    assert page.title[0].value == "About dry needling"
    assert [t.label for t in page.tabs] == content.tabs()
    assert "education, not medical advice" in page.main.caption[-1].value.lower()
    assert not page.error


def test_every_section_is_shown_with_its_sources(page, content):
    sources = load_sources(PACKAGED_DATA)
    titles = [h.value for h in page.header]
    markdown = [m.value for m in page.markdown]
    captions = [c.value for c in page.caption]
    for section in content.sections:
        assert section.title in titles
        assert section.body in markdown, section.file
        if section.detail:
            assert section.detail in markdown, section.file
        line = next(c for c in captions if c.startswith("Sources:") and all(
            safe_snippet(short_citation(sources, s), limit=None) in c for s in section.source_ids
        ))  # fmt: skip
        assert line


def test_figures_are_shown(page, content):
    shown = "\n".join(m.value for m in page.markdown)
    quoted = {f for s in content.sections for f in s.facts}
    assert {
        "brady_bruising",
        "boyce_bleeding",
        "pneumothorax_rate",
        "cpt_small_code",
        "gattie_trials",
    } <= quoted
    for fid in quoted:
        assert content.facts[fid].display in shown, fid
    assert "7.55\u00a0%" in shown and "7,629 treatments" in shown and "20560" in shown


def test_adverse_event_table_is_shown(page, content):
    sources = load_sources(PACKAGED_DATA)
    assert len(page.dataframe) == 1
    frame = page.dataframe[0].value
    expected = adverse_event_table(content, sources)
    assert list(frame.columns) == list(expected.columns)
    assert frame.values.tolist() == expected.values.tolist()


def test_sources_page_renders():
    at = run_page("pages/sources.py")
    assert not at.exception
    assert at.title[0].value == "Sources"
    assert "education, not medical advice" in at.main.caption[-1].value.lower()


@pytest.mark.parametrize("page_path", ["pages/learn.py", "pages/sources.py"])
def test_broken_text_shows_a_readable_error(data_copy, monkeypatch, page_path):
    path = data_copy / "learn" / "06_after_effects.md"
    text = path.read_text(encoding="utf-8")
    line = text[: text.index("Small bruises")].count("\n") + 1
    path.write_text(text.replace("Small bruises", "In 9 cases small bruises", 1), encoding="utf-8")
    monkeypatch.setenv("TPATLAS_DATA_DIR", str(data_copy))
    at = run_page(page_path)
    assert not at.exception
    assert len(at.error) == 1 and "could not be loaded" in at.error[0].value
    assert at.code[0].value.startswith(f"data/learn/06_after_effects.md, line {line}: writes a number")
    assert "education, not medical advice" in at.main.caption[-1].value.lower()


def test_each_section_shows_how_strong_its_evidence_is(page, content):
    captions = [c.value for c in page.caption]
    for section in content.sections:
        level = safe_snippet(section.evidence[0].capitalize(), limit=None)
        assert any(c.startswith("How strong the evidence is.") and level in c for c in captions), section.file
