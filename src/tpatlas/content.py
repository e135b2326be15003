"""The "Learn" texts and their facts: load, validate, fill in figures, and index citations.

Two kinds of file, both in ``data/``:

- ``facts.csv``: one row per checked fact (``fact_id``, ``topic``, ``text``, ``figure``,
  ``unit``, ``source_ids``, ``note``). Every number the Learn texts quote lives here, once.
- ``learn/NN_slug.md``: one section each. A front matter between ``---`` lines gives
  ``title``, ``tab``, ``sources`` (``;``-separated source ids) and optionally ``table`` (a
  table the page shows after the text) with its ``table_caption``; the
  body is Markdown for patients, and an optional ``## More detail`` part is for students.

Texts never write a number themselves: a figure is written ``{fact:brady_bruising}`` and
filled in from its row, a reference ``{cite:brady_2014}`` from ``sources.csv`` ("Brady et al.
2014"), so a text and the data cannot disagree. The loader refuses digits (and number words)
outside placeholders, and a section must cite every source of each fact it quotes.

Pure: no Streamlit. Errors are :class:`~tpatlas.data.DataError` naming file and line.
"""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from urllib.parse import urlsplit

import pandas as pd

from tpatlas.data import (
    EVIDENCE_LEVELS,
    DataError,
    data_dir,
    load_sources,
    read_table,
    split_list,
)
from tpatlas.links import safe_snippet

FACT_COLUMNS = ("fact_id", "topic", "text", "figure", "unit", "source_ids", "note")
FRONT_KEYS = ("title", "tab", "sources", "evidence", "table", "table_caption")
TABLES = ("adverse_events",)  # tables a section may ask the page to show after it
DETAIL_HEADING = "## More detail"
BARE_UNITS = ("year", "code")  # shown without a unit and without thousands separators

PLACEHOLDER = re.compile(r"\{(fact|cite):([a-z0-9_]+)\}")
# A figure: an optional qualifier (< under, <= at most, ~ about), then a number or a range "a-b".
FIGURE = re.compile(r"^(?P<q><=|[<~]?)(?P<a>\d+(?:\.\d+)?)(?:-(?P<b>\d+(?:\.\d+)?))?$")
DIGIT = re.compile(r"\d")
# Markup a text may not contain: HTML tags, LaTeX ($ ... $ renders as maths in Streamlit).
FORBIDDEN = re.compile(r"<[a-zA-Z/!]|\$")
NUMBER_WORDS = re.compile(
    r"\b(two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|"
    r"sixty|seventy|eighty|ninety|hundred|thousand|million|dozen|twice|thrice|half)\b",
    re.IGNORECASE,
)
QUALIFIERS = {"": "", "<": "under ", "<=": "at most ", "~": "about "}


@dataclass(frozen=True)
class Fact:
    """One checked fact; ``display`` is its figure as the texts show it ("7.55 %")."""

    fact_id: str
    topic: str
    text: str
    figure: str
    unit: str
    source_ids: tuple[str, ...]
    note: str
    line: int
    display: str


@dataclass(frozen=True)
class Section:
    """One Learn section: patient text (``body``) and student text (``detail``), figures filled in."""

    section_id: str
    file: str
    title: str
    tab: str
    source_ids: tuple[str, ...]
    body: str
    detail: str
    facts: tuple[str, ...]  # fact ids quoted, in order of first use
    table: str = ""
    table_caption: str = ""
    evidence: tuple[str, ...] = ()  # levels from data.EVIDENCE_LEVELS, strongest claim first
    raw: str = field(default="", repr=False)  # the Markdown as written, placeholders unfilled


@dataclass(frozen=True)
class Content:
    """Facts by id and sections in file order. Treat as read-only."""

    facts: Mapping[str, Fact]
    sections: tuple[Section, ...]

    def tabs(self) -> list[str]:
        """Tab names in order of first appearance."""
        return list(dict.fromkeys(s.tab for s in self.sections))

    def in_tab(self, tab: str) -> list[Section]:
        return [s for s in self.sections if s.tab == tab]


# ---------------------------------------------------------------- figures
def _number(text: str, unit: str) -> str:
    if "." in text or unit in BARE_UNITS:
        return text
    return f"{int(text):,}"


def format_figure(figure: str, unit: str) -> str:
    """A figure as shown in text: "7629" + "treatments" gives "7,629 treatments".

    Ranges get an en dash ("20–30 minutes"); "<", "<=" and "~" read "under", "at most" and
    "about"; "%"
    hangs on a no-break space; codes and years are shown bare.
    """
    m = FIGURE.match(figure)
    if not m:
        raise ValueError(f"not a figure: {figure!r}")
    number = _number(m["a"], unit)
    if m["b"]:
        number += "–" + _number(m["b"], unit)
    text = QUALIFIERS[m["q"]] + number
    if unit in BARE_UNITS or not unit:
        return text
    return f"{text}\u00a0%" if unit == "%" else f"{text} {unit}"


def figure_numbers(text: str) -> list[float]:
    """The numbers written in a text ("7,629", "0.04", "20-30" gives 20 and 30), as floats."""
    return [
        float(n.replace(",", "")) for n in re.findall(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?", text)
    ]


# ---------------------------------------------------------------- facts.csv
def load_facts(folder: Path, sources: set[str] | None = None) -> dict[str, Fact]:
    """Facts from ``facts.csv``; checks ids, figure syntax, units and cited sources."""
    name = "data/facts.csv"
    frame = read_table(
        folder / "facts.csv", FACT_COLUMNS, "fact_id", ("fact_id", "topic", "text", "source_ids"), sources
    )
    facts = {}
    for rec in frame.to_dict("records"):
        line, fid = rec["_line"], rec["fact_id"]
        figure, unit = rec["figure"], rec["unit"]
        if DIGIT.search(rec["text"]):
            raise DataError(name, f"fact '{fid}': text has a number; put it in 'figure'", line=line)
        if figure and not FIGURE.match(figure):
            raise DataError(
                name, f"fact '{fid}': figure '{figure[:20]}' is not a number or range like 20-30", line=line
            )
        if figure and not unit:
            raise DataError(name, f"fact '{fid}': figure '{figure}' has no unit", line=line)
        for col in ("text", "unit", "note"):
            if FORBIDDEN.search(rec[col]):
                raise DataError(name, f"fact '{fid}': {col} contains markup ('<' or '$')", line=line)
        display = format_figure(figure, unit) if figure else ""
        facts[fid] = Fact(
            fid, rec["topic"], rec["text"], figure, unit, split_list(rec["source_ids"]), rec["note"],
            line, display,
        )  # fmt: skip
    return facts


# ---------------------------------------------------------------- learn/*.md
def _front_matter(lines: list[str], name: str) -> tuple[dict[str, tuple[str, int]], int]:
    """The ``key: value`` pairs between the opening and closing ``---``, and the body's first index."""
    if not lines or lines[0].strip() != "---":
        raise DataError(name, "must start with a '---' front-matter line", line=1)
    meta: dict[str, tuple[str, int]] = {}
    for i, raw in enumerate(lines[1:], start=2):
        text = raw.strip()
        if text == "---":
            missing = [k for k in ("title", "tab", "sources", "evidence") if k not in meta]
            if missing:
                raise DataError(name, f"front matter lacks '{missing[0]}'", line=i)
            return meta, i
        if not text:
            continue
        key, sep, value = text.partition(":")
        key = key.strip()
        if not sep or key not in FRONT_KEYS:
            raise DataError(name, f"front matter line is not one of {', '.join(FRONT_KEYS)}: value", line=i)
        if key in meta:
            raise DataError(name, f"front matter repeats '{key}'", line=i)
        value = value.strip()
        if len(value) >= 2 and value[0] == value[-1] == '"':
            value = value[1:-1]
        if not value:
            raise DataError(name, f"'{key}' is empty", line=i)
        meta[key] = (value, i)
    raise DataError(name, "front matter is not closed with '---'", line=len(lines))


def _fill(text: str, first_line: int, name: str, known: _Known, used: list[str]) -> str:
    """Check a block of Markdown line by line and fill in its placeholders."""
    out = []
    for i, line in enumerate(text.split("\n"), start=first_line):
        bare = PLACEHOLDER.sub("", line)
        if FORBIDDEN.search(bare):
            raise DataError(name, "contains HTML or '$' (not allowed in texts)", line=i)
        if "{" in bare or "}" in bare:
            raise DataError(name, "has a brace that is not a {fact:id} or {cite:id} placeholder", line=i)
        if DIGIT.search(bare):
            raise DataError(name, "writes a number; quote figures as {fact:id} from data/facts.csv", line=i)
        if m := NUMBER_WORDS.search(bare):
            raise DataError(name, f"writes the number '{m[0]}' in words; use a {{fact:id}}", line=i)
        for kind, key in PLACEHOLDER.findall(line):
            if kind == "cite" and key not in known.cited:
                raise DataError(name, f"{{cite:{key}}} names a source the front matter does not list", line=i)
            if kind == "fact" and key not in known.facts:
                raise DataError(name, f"unknown fact '{key}'", line=i)
            if kind == "fact" and not known.facts[key].figure:
                raise DataError(name, f"fact '{key}' has no figure to quote", line=i)
            if kind == "fact" and key not in used:
                used.append(key)
        out.append(PLACEHOLDER.sub(known.render, line))
    return "\n".join(out).strip()


@dataclass(frozen=True)
class _Known:
    facts: Mapping[str, Fact]
    sources: pd.DataFrame
    cited: tuple[str, ...]  # the section's own sources

    def render(self, m: re.Match[str]) -> str:
        if m[1] == "fact":
            return self.facts[m[2]].display
        return short_citation(self.sources, m[2])


def load_section(path: Path, facts: Mapping[str, Fact], sources: pd.DataFrame) -> Section:
    """One ``learn/*.md`` file as a :class:`Section`; ``sources`` is the loaded ``sources.csv``."""
    name = f"data/learn/{path.name}"
    try:
        raw = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise DataError(name, "cannot be read as UTF-8") from None
    lines = raw.split("\n")
    meta, end = _front_matter(lines, name)
    value, line = meta["sources"]
    ids = split_list(value)
    unknown = [s for s in ids if s not in sources.index]
    if unknown:
        raise DataError(name, f"cites unknown source '{unknown[0]}'", line=line)
    levels, line_e = meta["evidence"]
    evidence = split_list(levels)
    bad = [e for e in evidence if e not in EVIDENCE_LEVELS]
    if bad or not evidence:
        raise DataError(
            name,
            f"evidence '{(bad or [''])[0][:30]}' is not one of {', '.join(EVIDENCE_LEVELS)}",
            line=line_e,
        )
    table, line_t = meta.get("table", ("", 0))
    if table and table not in TABLES:
        raise DataError(name, f"unknown table '{table}' (known: {', '.join(TABLES)})", line=line_t)
    for key in ("title", "tab", "table_caption"):
        text, line_k = meta.get(key, ("", 0))
        if FORBIDDEN.search(text) or DIGIT.search(text):
            raise DataError(name, f"{key} may not contain markup or numbers", line=line_k)
    body_lines = lines[end:]
    split = next((k for k, t in enumerate(body_lines) if t.strip() == DETAIL_HEADING), len(body_lines))
    used: list[str] = []
    known = _Known(facts, sources, ids)
    body = _fill("\n".join(body_lines[:split]), end + 1, name, known, used)
    detail = _fill("\n".join(body_lines[split + 1 :]), end + split + 2, name, known, used)
    if not body:
        raise DataError(name, "has no text for patients before '## More detail'", line=end + 1)
    for fid in used:
        missing = [s for s in facts[fid].source_ids if s not in ids]
        if missing:
            raise DataError(
                name, f"quotes fact '{fid}' but does not cite its source '{missing[0]}'", line=line
            )
    return Section(
        section_id=re.sub(r"^\d+_", "", path.stem),
        file=name,
        title=meta["title"][0],
        tab=meta["tab"][0],
        source_ids=ids,
        body=body,
        detail=detail,
        facts=tuple(used),
        table=table,
        table_caption=meta.get("table_caption", ("", 0))[0],
        evidence=evidence,
        raw=raw,
    )


def section_files(folder: Path) -> list[Path]:
    """The Learn section files in reading order (by their numeric prefix)."""
    return sorted((folder / "learn").glob("*.md"))


def load_content_from(folder: Path) -> Content:
    """Facts and sections from ``folder``, checked against its ``sources.csv``."""
    sources = load_sources(folder)
    facts = load_facts(folder, set(sources.index))
    files = section_files(folder)
    if not files:
        raise DataError("data/learn", "has no section files (*.md)")
    sections = tuple(load_section(p, facts, sources) for p in files)
    seen: dict[str, str] = {}
    for s in sections:
        if s.section_id in seen:
            raise DataError(s.file, f"section id '{s.section_id}' repeats {seen[s.section_id]}")
        seen[s.section_id] = s.file
    return Content(facts, sections)


@lru_cache(maxsize=4)
def _cached(folder: Path) -> Content:
    return load_content_from(folder)


def load_content() -> Content:
    """The app's content from :func:`~tpatlas.data.data_dir`, loaded once per process."""
    return _cached(data_dir())


def evidence_levels_markdown() -> str:
    """Every evidence level the atlas uses, with what it means, as a Markdown list."""
    return "\n".join(f"- **{level.capitalize()}:** {text}" for level, text in EVIDENCE_LEVELS.items())


def evidence_markdown(levels: Iterable[str]) -> str:
    """How strong the evidence is, in words a patient reads: each level with its explanation."""
    return " ".join(f"**{level.capitalize()}:** {EVIDENCE_LEVELS[level]}" for level in levels)


# ---------------------------------------------------------------- tables and citations
# An author as cited: "Brady S", "Martin-Pintado-Zugasti A", "Mayoral del Moral O".
_AUTHOR = re.compile(r"^([A-Z][\w'-]+(?: (?:[a-z]+|[A-Z][a-z][\w'-]*))*) [A-Z]{1,3}$")


def short_citation(sources: pd.DataFrame, source_id: str) -> str:
    """A short name for a source: "Brady et al. 2014", "Cummings & White 2001"; for a page
    without authors, its publisher or title, marked "(patient page)" when it is one."""
    row = sources.loc[source_id]
    citation = str(row["citation"])
    head = re.split(r"(?<=[.?!]) ", citation, maxsplit=1)[0].strip().rstrip(".")
    year = str(row["year"])
    people = [p.strip() for p in head.split(",")]
    names = [m[1] for p in people if (m := _AUTHOR.match(p))]
    if names and len(names) == len([p for p in people if p != "et al"]):
        many = len(people) > 2
        name = f"{names[0]} et al." if many else " & ".join(names)
    else:
        name = head if len(head) <= 48 else head[:47].rsplit(" ", 1)[0] + "…"
    label = f"{name} {year}".strip() if year and year not in name else name
    patient_page = "patient-education" in f"{citation} {row['note']}".lower()
    return f"{label} (patient page)" if patient_page and not names else label


NOT_REPORTED = "not reported"


def adverse_event_table(content: Content, sources: pd.DataFrame) -> pd.DataFrame:
    """Adverse-event rates (facts of topic ``adverse_event``): one row per event, one column per
    survey (its short citation), "not reported" where a survey gives no figure."""
    cells: dict[str, dict[str, str]] = {}
    surveys: list[str] = []
    for f in content.facts.values():
        if f.topic != "adverse_event":
            continue
        survey = "; ".join(short_citation(sources, s) for s in f.source_ids)
        surveys += [survey] if survey not in surveys else []
        cells.setdefault(f.text, {})[survey] = f.display
    rows = [[event, *(by.get(s, NOT_REPORTED) for s in surveys)] for event, by in cells.items()]
    return pd.DataFrame(rows, columns=["What happened", *surveys])


@dataclass(frozen=True)
class Citer:
    """One row or section of the data that cites sources."""

    file: str  # "data/trigger_points.csv", "data/learn/06_after_effects.md"
    line: int
    key: str  # the row's id (its first column) or the section id
    source_ids: tuple[str, ...]


def citing_rows(folder: Path) -> list[Citer]:
    """Every CSV row (any CSV under ``folder`` with a ``source_ids`` column), GeoJSON feature (a
    ``source_ids`` property) and section front matter that cites sources. Generic on purpose: a
    new data file is picked up without code."""
    out: list[Citer] = []
    for path in sorted(folder.rglob("*.csv")):
        rel = f"data/{path.relative_to(folder).as_posix()}"
        with path.open(newline="", encoding="utf-8") as fh:
            reader = csv.reader(fh)
            header = [h.strip() for h in next(reader, [])]
            if "source_ids" not in header:
                continue
            col = header.index("source_ids")
            for line, row in enumerate(reader, start=2):
                if len(row) > col and row[col].strip():
                    out.append(Citer(rel, line, row[0].strip(), split_list(row[col])))
    for path in sorted(folder.glob("*.geojson")):  # features citing sources (muscle outlines)
        features = json.loads(path.read_text(encoding="utf-8")).get("features") or []
        for i, feat in enumerate(features, start=1):
            props = feat.get("properties") or {} if isinstance(feat, dict) else {}
            if str(props.get("source_ids") or "").strip():
                key = str(props.get("muscle") or props.get("zone") or i)
                out.append(Citer(f"data/{path.name}", i, key, split_list(str(props["source_ids"]))))
    for path in section_files(folder):
        for line, text in enumerate(path.read_text(encoding="utf-8").split("\n"), start=1):
            if text.startswith("sources:"):
                ids = split_list(text.partition(":")[2])
                out.append(Citer(f"data/learn/{path.name}", line, re.sub(r"^\d+_", "", path.stem), ids))
                break
    return out


def uncited_sources(source_ids: Iterable[str], citers: Iterable[Citer]) -> list[str]:
    """Sources that no data row or section cites, in the given order."""
    cited = {s for c in citers for s in c.source_ids}
    return [s for s in source_ids if s not in cited]


@dataclass(frozen=True)
class CitedBy:
    """What cites one source, in words the Sources page can show."""

    total: int  # data rows and sections that cite it
    trigger_points: tuple[str, ...]  # muscle names (a muscle may have several trigger-point rows)
    regions: tuple[str, ...]  # region labels
    sections: tuple[str, ...]  # Learn section titles
    facts: tuple[str, ...]  # fact texts with their figures ("Bruising: 7.55 %")
    other: tuple[tuple[str, int], ...]  # (file, rows) for every other data file


def cited_by(
    sources: pd.DataFrame,
    trigger_points: pd.DataFrame,
    regions: pd.DataFrame,
    content: Content,
    citers: Iterable[Citer],
) -> dict[str, CitedBy]:
    """For each source id, what cites it (trigger points by muscle, regions, sections, facts, other files)."""
    known = {"data/trigger_points.csv", "data/regions.csv", "data/facts.csv"}
    other: dict[str, dict[str, int]] = {s: {} for s in sources.index}
    total = dict.fromkeys(sources.index, 0)
    for c in citers:
        for s in set(c.source_ids) & set(total):
            total[s] += 1
            if c.file not in known and not c.file.startswith("data/learn/"):
                other[s][c.file] = other[s].get(c.file, 0) + 1

    def who(frame: pd.DataFrame, label: str, sid: str) -> tuple[str, ...]:
        hits = frame[[sid in split_list(v) for v in frame["source_ids"]]]
        return tuple(dict.fromkeys(str(v) for v in hits[label]))

    return {
        sid: CitedBy(
            total=total[sid],
            trigger_points=tuple(sorted(who(trigger_points, "muscle", sid), key=str.lower)),
            regions=who(regions, "label", sid),
            sections=tuple(s.title for s in content.sections if sid in s.source_ids),
            facts=tuple(
                f"{f.text}: {f.display}" if f.display else f.text
                for f in content.facts.values()
                if sid in f.source_ids
            ),
            other=tuple(sorted(other[sid].items())),
        )
        for sid in sources.index
    }


# ---------------------------------------------------------------- Markdown for the pages
_SAFE_URL = re.compile(r"^https://[^\s()<>\[\]\"'`]+$")


def link_markdown(text: str, url: str) -> str:
    """``[text](url)`` for an https URL without characters that could break out of the link;
    otherwise the text alone. The text is always escaped."""
    label = safe_snippet(text, limit=None)
    return f"[{label}]({url})" if _SAFE_URL.match(url) else label


def citations_markdown(sources: pd.DataFrame, ids: Iterable[str]) -> str:
    """Short citations, each linked when it has a safe https URL ("Brady et al. 2014; ...")."""
    return "; ".join(link_markdown(short_citation(sources, s), str(sources.at[s, "url"])) for s in ids)


def is_patient_page(sources: pd.DataFrame, source_id: str) -> bool:
    row = sources.loc[source_id]
    return "patient-education" in f"{row['citation']} {row['note']}".lower()


def source_groups(sources: pd.DataFrame) -> list[tuple[str, list[str]]]:
    """Sources split into research (papers, books, codes) and patient pages, each sorted by name."""
    groups: dict[str, list[str]] = {"Research and references": [], "Patient-education pages": []}
    for sid in sources.index:
        groups[list(groups)[is_patient_page(sources, sid)]].append(sid)
    return [
        (name, sorted(ids, key=lambda s: short_citation(sources, s).lower())) for name, ids in groups.items()
    ]


def _file_label(file: str) -> str:
    return Path(file).stem.replace("_", " ").capitalize()


def source_card(sources: pd.DataFrame, source_id: str, cited: CitedBy) -> str:
    """One source as Markdown: name, year, full citation, link, and what cites it."""
    row = sources.loc[source_id]
    year = str(row["year"]) or "not given"
    times = "time" if cited.total == 1 else "times"
    url = str(row["url"])
    lines = [
        f"**{safe_snippet(short_citation(sources, source_id), limit=None)}** · year: {year} · "
        f"cited {cited.total} {times}",
        "",
        safe_snippet(str(row["citation"]), limit=None),
        "",
        link_markdown(f"Open the source ({urlsplit(url).hostname})", url)
        if _SAFE_URL.match(url)
        else "No online link.",
        "",
    ]

    def item(name: str, values: tuple[str, ...], sep: str = "; ") -> None:
        if values:
            joined = safe_snippet(sep.join(values), limit=None)
            lines.append(f"- **{name} ({len(values)}):** {joined}")

    # A patient page is cited on the trigger-point rows only for the session guidance, never a pattern.
    patient = is_patient_page(sources, source_id)
    item(
        f"{'Session guidance on trigger points' if patient else 'Trigger points'} in muscles",
        cited.trigger_points,
        ", ",
    )
    item("Body regions", cited.regions, ", ")
    item("Learn sections", cited.sections)
    item("Facts", cited.facts)
    if cited.other:
        other = ", ".join(f"{_file_label(f)} ({n} {'row' if n == 1 else 'rows'})" for f, n in cited.other)
        lines.append(f"- **Other data:** {safe_snippet(other, limit=None)}")
    return "\n".join(lines)


PROVENANCE_COLUMNS = {
    "point": "Trigger point",
    "figure_ref": "Pattern drawn from",
    "evidence": "Evidence",
    "review_status": "Review",
}


def provenance_table(trigger_points: pd.DataFrame) -> pd.DataFrame:
    """Where each referral pattern comes from, how strong its evidence is and how it was reviewed:
    one row per trigger point ("Multifidus, point 2 of 2"), rows still awaiting a clinician first."""
    out = trigger_points[["muscle", "figure_ref", "evidence", "review_status"]].copy()
    number = out.groupby("muscle", sort=False).cumcount() + 1
    total = out.groupby("muscle", sort=False)["muscle"].transform("size")
    out["point"] = [
        m if t == 1 else f"{m}, point {n} of {t}"
        for m, n, t in zip(out["muscle"], number, total, strict=True)
    ]
    out["_open"] = ~out["review_status"].str.startswith("needs clinician review")
    out = out.sort_values(["_open", "muscle"], kind="stable")
    return out[list(PROVENANCE_COLUMNS)].rename(columns=PROVENANCE_COLUMNS).reset_index(drop=True)
