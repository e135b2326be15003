"""The Learn texts and facts: every fact cited, every figure in a text traceable to its fact row,
and a readable error (file and line) for each kind of breakage."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest

from tpatlas.content import (
    NUMBER_WORDS,
    PLACEHOLDER,
    adverse_event_table,
    figure_numbers,
    format_figure,
    load_content_from,
    section_files,
    short_citation,
)
from tpatlas.data import PACKAGED_DATA, DataError, load_sources, split_list


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


@pytest.fixture(scope="module")
def content():
    return load_content_from(PACKAGED_DATA)


@pytest.fixture(scope="module")
def sources():
    return load_sources(PACKAGED_DATA)


FACT_ROWS = {r["fact_id"]: r for r in _rows(PACKAGED_DATA / "facts.csv")}


# ---------------------------------------------------------------- facts
def test_every_fact_row_cites_a_known_source(sources):
    for fid, row in FACT_ROWS.items():
        cited = split_list(row["source_ids"])
        assert cited, fid
        assert set(cited) <= set(sources.index), fid


def test_every_section_cites_a_known_source(content, sources):
    assert len(content.sections) >= 10
    for s in content.sections:
        assert s.source_ids and set(s.source_ids) <= set(sources.index), s.file


# The figures checked in ../shared/notes/clinical-sources.md: the data must keep them.
CHECKED = {
    "brady_therapists": "39",
    "brady_treatments": "7629",
    "brady_any_mild": "19.18",
    "brady_bruising": "7.55",
    "brady_bleeding": "4.65",
    "brady_pain_during": "3.01",
    "brady_pain_after": "2.19",
    "brady_serious_upper": "<=0.04",
    "boyce_therapists": "420",
    "boyce_sessions": "~20464",
    "boyce_any_minor": "36.7",
    "boyce_bleeding": "16",
    "boyce_bruising": "7.7",
    "boyce_pain_during": "5.9",
    "boyce_major_count": "20",
    "boyce_major_share": "<0.1",
    "soreness_onset": "2-8",
    "soreness_duration": "24-48",
    "soreness_max": "~72",
    "pneumothorax_rate": "<0.01",
    "session_length": "20-30",
    "course_sessions": "1-3",
    "sessions_per_week": "1-2",
    "child_age": "12",
    "cpt_small_code": "20560",
    "cpt_large_code": "20561",
    "cpt_year": "2020",
    "tpi_codes": "20552-20553",
    "acupuncture_codes": "97810-97814",
    "gattie_trials": "13",
    "gattie_weeks": "12",
    "cummings_papers": "23",
}


@pytest.mark.parametrize(("fact_id", "figure"), sorted(CHECKED.items()))
def test_checked_figures_are_in_the_data(fact_id, figure):
    assert FACT_ROWS[fact_id]["figure"] == figure


@pytest.mark.parametrize(
    ("figure", "unit", "shown"),
    [
        ("7629", "treatments", "7,629 treatments"),
        ("7.55", "%", "7.55\u00a0%"),
        ("<0.1", "%", "under 0.1\u00a0%"),
        ("<=0.04", "%", "at most 0.04\u00a0%"),
        ("~20464", "sessions", "about 20,464 sessions"),
        ("20-30", "minutes", "20–30 minutes"),
        ("2020", "year", "2020"),
        ("97810-97814", "code", "97810–97814"),
    ],
)
def test_format_figure(figure, unit, shown):
    assert format_figure(figure, unit) == shown


# ---------------------------------------------------------------- texts
def _text_part(raw: str) -> str:
    """A section file without its front matter."""
    return raw.split("\n---\n", 1)[1]


def test_texts_write_no_number_of_their_own():
    """Digits and number words appear in a text only inside {fact:...} or {cite:...}."""
    for path in section_files(PACKAGED_DATA):
        text = PLACEHOLDER.sub("", _text_part(path.read_text(encoding="utf-8")))
        assert not re.search(r"\d", text), path.name
        assert not NUMBER_WORDS.search(text), path.name


def test_every_figure_quoted_in_a_text_matches_its_fact_row(content, sources):
    """Read independently of the loader: each placeholder shows its row's figure, and every number
    in a shown text comes from a quoted fact row or a cited source's year."""
    for section in content.sections:
        raw = _text_part(section.raw)
        shown = f"{section.body}\n{section.detail}"
        allowed: set[float] = set()
        for kind, key in PLACEHOLDER.findall(raw):
            if kind == "fact":
                row = FACT_ROWS[key]
                assert format_figure(row["figure"], row["unit"]) in shown, (section.file, key)
                allowed |= set(figure_numbers(row["figure"]))
            else:
                assert short_citation(sources, key) in shown, (section.file, key)
                allowed |= set(figure_numbers(str(sources.at[key, "year"])))
        stray = set(figure_numbers(shown)) - allowed
        assert not stray, f"{section.file}: numbers not from a fact row: {stray}"


def test_a_section_cites_the_sources_of_the_facts_it_quotes(content):
    for section in content.sections:
        for fid in section.facts:
            assert set(content.facts[fid].source_ids) <= set(section.source_ids), (section.file, fid)


def test_required_topics_are_covered(content):
    text = " ".join(f"{s.title} {s.body} {s.detail}" for s in content.sections).lower()
    for phrase in (
        "trigger point", "twitch", "acupuncture", "plan", "session", "pneumothorax", "bruising",
        "lymphoedema", "first trimester", "cpt", "state", "placebo", "certainty", "reliable",
    ):  # fmt: skip
        assert phrase in text, phrase


def test_adverse_event_table_matches_the_facts(content, sources):
    table = adverse_event_table(content, sources)
    assert list(table.columns) == ["What happened", "Brady et al. 2014", "Boyce et al. 2020"]
    by_event = table.set_index("What happened")
    assert by_event.at["Bruising", "Brady et al. 2014"] == content.facts["brady_bruising"].display
    assert by_event.at["Bleeding", "Boyce et al. 2020"] == content.facts["boyce_bleeding"].display
    assert by_event.at["Pain after needling", "Boyce et al. 2020"] == "not reported"


def test_short_citations(sources):
    assert short_citation(sources, "brady_2014") == "Brady et al. 2014"
    assert short_citation(sources, "cummings_2001") == "Cummings & White 2001"
    assert short_citation(sources, "martin_pintado_2018") == "Martin-Pintado-Zugasti et al. 2018"
    assert short_citation(sources, "seed_gundersen").endswith("(patient page)")


# ---------------------------------------------------------------- broken copies
def _edit(path: Path, old: str, new: str) -> int:
    """Replace ``old`` once and return the 1-based line where it was."""
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return text[: text.index(old)].count("\n") + 1


def _expect(folder: Path, file: str, pattern: str, line: int) -> None:
    with pytest.raises(DataError) as info:
        load_content_from(folder)
    err = info.value
    assert err.file == file
    assert re.search(pattern, err.problem), err.problem
    assert err.line == line
    assert str(err).startswith(f"{file}, line {line}: ")


BREAKAGES = [
    # (file under data/, text to replace, replacement, expected problem)
    ("facts.csv", ",7.55,%,", ",7,55,%,", "cells, the header has"),
    ("facts.csv", ",7.55,%,", ",about 7.55,%,", "not a number or range"),
    ("facts.csv", ",%,brady_2014,Share", ",%,brady_2041,Share", "unknown source 'brady_2041'"),
    ("facts.csv", ",%,brady_2014,Share", ",%,,Share", "'source_ids' is empty"),
    ("facts.csv", "Bruising,7.55", "Bruising in 8 %,7.55", "text has a number"),
    ("learn/06_after_effects.md", "Small bruises,", "Small bruises (in 8 % of cases),", "writes a number"),
    ("learn/05_session.md", "Most people hardly", "Two people hardly", "in words"),
    ("learn/06_after_effects.md", "{fact:brady_bruising}", "{fact:brady_bruise}", "unknown fact"),
    ("learn/06_after_effects.md", "({cite:brady_2014})", "({cite:hong_1995})", "front matter does not list"),
    ("learn/06_after_effects.md", "Small bruises", "Small {bruises}", "brace"),
    ("learn/01_what_it_is.md", "That sore spot", "<script>x</script> That sore spot", "HTML"),
    ("learn/11_evidence.md", "sources: gattie_2017;", "sources: gattie_2071;", "unknown source 'gattie"),
    (
        "learn/12_weak_points.md",
        "sources: lucas_2009; gattie_2017;",
        "sources: lucas_2009;",
        "does not cite its source 'gattie_2017'",
    ),
    ("learn/10_law.md", "tab: Cost and law", "tabs: Cost and law", "front matter line"),
    (
        "learn/11_evidence.md",
        "evidence: systematic review",
        "evidence: gut feeling",
        "evidence 'gut feeling'",
    ),
]


@pytest.mark.parametrize(("file", "old", "new", "problem"), BREAKAGES)
def test_broken_copy_names_file_and_line(data_copy, file, old, new, problem):
    line = _edit(data_copy / file, old, new)
    _expect(data_copy, f"data/{file}", re.escape(problem), line)


def test_section_without_front_matter(data_copy):
    path = data_copy / "learn" / "10_law.md"
    path.write_text("Just text.\n", encoding="utf-8")
    _expect(data_copy, "data/learn/10_law.md", "front-matter", 1)


def test_every_section_says_how_strong_its_evidence_is(content):
    from tpatlas.content import evidence_markdown
    from tpatlas.data import EVIDENCE_LEVELS

    for section in content.sections:
        assert section.evidence and set(section.evidence) <= set(EVIDENCE_LEVELS), section.file
        text = evidence_markdown(section.evidence)
        assert all(EVIDENCE_LEVELS[level] in text for level in section.evidence)
    by_id = {s.section_id: s for s in content.sections}
    assert "case reports" in by_id["serious_risks"].evidence
    assert by_id["evidence"].evidence[0] == "systematic review"


def test_section_without_evidence_is_refused(data_copy):
    path = data_copy / "learn" / "11_evidence.md"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("evidence: systematic review\n", "", 1), encoding="utf-8")
    with pytest.raises(DataError, match="front matter lacks 'evidence'"):
        load_content_from(data_copy)
