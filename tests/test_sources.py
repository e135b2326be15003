"""Sources: nothing in sources.csv goes uncited, the notes agree with the facts, and the Sources
page lists each source once with the rows that cite it."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from tests.conftest import run_page
from tpatlas.content import (
    citing_rows,
    figure_numbers,
    is_patient_page,
    load_content_from,
    section_files,
    source_groups,
    uncited_sources,
)
from tpatlas.data import PACKAGED_DATA, load_sources, split_list
from tpatlas.links import safe_snippet


def _csvs_with_source_ids(folder: Path) -> set[str]:
    found = set()
    for path in folder.rglob("*.csv"):
        with path.open(newline="", encoding="utf-8") as fh:
            header = next(csv.reader(fh), [])
        if "source_ids" in [h.strip() for h in header]:
            found.add(f"data/{path.relative_to(folder).as_posix()}")
    return found


def test_the_scan_covers_every_csv_with_source_ids_and_every_section():
    files = {c.file for c in citing_rows(PACKAGED_DATA)}
    assert _csvs_with_source_ids(PACKAGED_DATA) <= files
    assert {"data/trigger_points.csv", "data/regions.csv", "data/facts.csv"} <= files
    assert {f"data/learn/{p.name}" for p in section_files(PACKAGED_DATA)} <= files


def test_every_source_is_cited_by_something():
    sources = load_sources(PACKAGED_DATA)
    uncited = uncited_sources(sources.index, citing_rows(PACKAGED_DATA))
    assert not uncited, f"sources nothing cites (cite them or remove them): {uncited}"


def test_an_uncited_source_is_caught(data_copy):
    with (data_copy / "sources.csv").open("a", encoding="utf-8") as fh:
        fh.write('orphan_2024,"Nobody A. Never cited. 2024.",2024,,\n')
    sources = load_sources(data_copy)
    assert uncited_sources(sources.index, citing_rows(data_copy)) == ["orphan_2024"]


def test_a_new_data_file_with_source_ids_counts_as_citing(data_copy):
    with (data_copy / "sources.csv").open("a", encoding="utf-8") as fh:
        fh.write('orphan_2024,"Nobody A. Cited by a new table. 2024.",2024,,\n')
    (data_copy / "new_table.csv").write_text("item,source_ids\nthing,orphan_2024;brady_2014\n", "utf-8")
    sources = load_sources(data_copy)
    assert uncited_sources(sources.index, citing_rows(data_copy)) == []
    rows = [c for c in citing_rows(data_copy) if c.file == "data/new_table.csv"]
    assert len(rows) == 1 and rows[0].line == 2 and rows[0].key == "thing"


def test_every_cited_id_exists():
    known = set(load_sources(PACKAGED_DATA).index)
    for c in citing_rows(PACKAGED_DATA):
        assert set(c.source_ids) <= known, (c.file, c.line)


def test_source_notes_agree_with_the_facts():
    """Where a research source's note quotes figures and facts cite it, they must agree both ways:
    every number in the note is some citing fact's figure, and every citing fact's figure is in
    the note or citation. Patient pages give guidance in words, so they are left out."""
    sources = load_sources(PACKAGED_DATA)
    with (PACKAGED_DATA / "facts.csv").open(newline="", encoding="utf-8") as fh:
        facts = [r for r in csv.DictReader(fh) if r["figure"]]
    checked = 0
    for sid in sources.index:
        if is_patient_page(sources, sid):
            continue
        citing = [f for f in facts if sid in split_list(f["source_ids"])]
        if not citing:
            continue
        note, citation = str(sources.at[sid, "note"]), str(sources.at[sid, "citation"])
        figures = {n for f in citing for n in figure_numbers(f["figure"])}
        in_note = set(figure_numbers(note))
        assert in_note <= figures, f"{sid}: note figures without a fact row: {in_note - figures}"
        written = in_note | set(figure_numbers(citation))
        for f in citing:
            missing = set(figure_numbers(f["figure"])) - written
            assert not missing, f"{sid}: fact {f['fact_id']} figure {missing} is not in the source row"
        checked += 1
    assert checked >= 7


# ---------------------------------------------------------------- the page
@pytest.fixture(scope="module")
def page():
    at = run_page("pages/sources.py")
    assert not at.exception
    return at


def _card(page, citation: str) -> list[str]:
    needle = safe_snippet(citation, limit=None)
    return [m.value for m in page.markdown if needle in m.value]


def test_each_source_is_listed_once_with_its_link(page, atlas):
    for sid, row in atlas.sources.iterrows():
        cards = _card(page, row["citation"])
        assert len(cards) == 1, sid
        link = f"]({row['url']})"
        assert (link in cards[0]) == row["url"].startswith("https://"), sid


def test_cards_link_the_right_rows(page, atlas):
    content = load_content_from(PACKAGED_DATA)
    tps = atlas.trigger_points
    for sid, row in atlas.sources.iterrows():
        card = _card(page, row["citation"])[0]
        cites = [sid in split_list(ids) for ids in tps["source_ids"]]
        muscles = sorted(set(tps.loc[cites, "muscle"]))
        if muscles:
            label = (
                "Session guidance on trigger points"
                if is_patient_page(atlas.sources, sid)
                else "Trigger points"
            )
            line = next(x for x in card.split("\n") if x.startswith(f"- **{label} in muscles"))
            assert f"({len(muscles)}):" in line, sid
            for m in muscles:
                assert safe_snippet(m, limit=None) in line, (sid, m)
        else:
            assert "trigger points in muscles" not in card.lower(), sid
        for section in content.sections:
            assert (safe_snippet(section.title, limit=None) in card) == (sid in section.source_ids), (
                sid,
                section.title,
            )


def test_page_counts_and_groups(page, atlas):
    metrics = {m.label: m.value for m in page.metric}
    assert metrics["Sources"] == str(len(atlas.sources))
    for name, ids in source_groups(atlas.sources):
        assert metrics[name] == str(len(ids))
        assert any(h.value == name for h in page.header)
    assert "education, not medical advice" in page.main.caption[-1].value.lower()


def test_sources_page_lists_each_patterns_provenance(atlas):
    from tpatlas.content import provenance_table

    table = provenance_table(atlas.trigger_points)
    assert len(table) == len(atlas.trigger_points)
    assert list(table.columns) == ["Trigger point", "Pattern drawn from", "Evidence", "Review"]
    open_rows = table["Review"].str.startswith("needs clinician review")
    assert open_rows.any() and not open_rows[open_rows.idxmin() :].any()  # open rows first
    assert "Multifidus, point 1 of 2" in set(table["Trigger point"])
    at = run_page("pages/sources.py")
    assert not at.exception
    shown = [d.value for d in at.dataframe if "Pattern drawn from" in d.value.columns]
    assert len(shown) == 1 and list(shown[0]["Pattern drawn from"]) == list(table["Pattern drawn from"])
