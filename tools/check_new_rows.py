"""Check the staged new trigger points before they are appended to data/trigger_points.csv.

Reads ``staging/new_trigger_points.csv``, ``staging/new_sources.csv`` and
``staging/new_conditions.csv`` and checks them against the zone catalogue
(``tools/zone_catalogue.csv``), the regions, conditions and sources in ``data/`` (plus the
staged ones), the ids already in ``data/trigger_points.csv`` and the column vocabulary.
Prints every problem with its file and line, then the counts after a merge.

    .venv/bin/python tools/check_new_rows.py [--data DIR] [--staging DIR] [--catalogue FILE]
                                             [--adopt-sessions-note]

``--adopt-sessions-note`` first rewrites the staged rows' sessions note to the one the rows in
``data/`` share (and cites the patient-education page behind it, as they do): use it after
another branch has reworded that note.

Exit status 0 when there are no errors (warnings are printed but allowed), 1 otherwise.
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

from tpatlas.conditions import normalize
from tpatlas.data import SLUG, SOURCE_COLUMNS, TP_COLUMNS, split_list

ROOT = Path(__file__).resolve().parents[1]

# The loader's columns plus the provenance columns of issue 13 (which the loader may already have).
PROVENANCE = ("figure_ref", "evidence", "review_status", "referral_sides")
TP_HEADER = [*TP_COLUMNS, *(c for c in PROVENANCE if c not in TP_COLUMNS)]
SOURCE_HEADER = list(SOURCE_COLUMNS)
OPTIONAL = ("spillover_zones", "mimics", "cautions")  # may be empty; every other cell is required
REQUIRED = tuple(c for c in TP_HEADER if c not in OPTIONAL)
TEXT_COLUMNS = ("trigger_point", "local_pain", "referred_pain", "cautions")
MAX_TEXT = 300  # the longest text cell among the existing rows is about 260 characters
EVIDENCE = ("expert manual", "expert manual and case series", "experimental study", "systematic review")
SIDES = ("same", "both")
SESSIONS = {"sessions_min": "1", "sessions_max": "3", "sessions_per_week": "1-2"}
MANUALS = {"simons_1999": "Simons 1999 vol. 1", "travell_1992": "Travell 1992 vol. 2"}
FIGURE = re.compile(r"^(Simons 1999 vol\. 1|Travell 1992 vol\. 2), ch\. \d+(, fig\. \d+-\d+[A-Z]?)?$")
STATUS = re.compile(r"^(checked against .+ on \d{4}-\d{2}-\d{2}|needs clinician review: .+)$")
STATUS_FORMS = "'checked against <source> on <date>' or 'needs clinician review: <reason>'"
LINK = re.compile(r"^https://\S+$")  # the app links https only (tpatlas.data.load_sources)
# Rib bracketing (fixing a rib between two fingers and needling onto it) was the technique in a
# reported pneumothorax; a caution must never present it as protective.
BRACKETING = re.compile(r"bracket|between (two|the) fingers|fix(es|ed)? the rib|onto (the|a) rib", re.I)


@dataclass
class Report:
    """Problems found, each ``(file, line, message)``; errors fail the check, warnings do not."""

    errors: list[tuple[str, int, str]] = field(default_factory=list)
    warnings: list[tuple[str, int, str]] = field(default_factory=list)

    def error(self, file: str, line: int, message: str) -> None:
        self.errors.append((file, line, message))

    def warn(self, file: str, line: int, message: str) -> None:
        self.warnings.append((file, line, message))


def read_rows(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    """Header and rows of a CSV; each row gets its file line number under ``_line``."""
    with path.open(newline="", encoding="utf-8") as fh:
        reader = csv.reader(fh)
        header = next(reader, [])
        rows = []
        for cells in reader:
            if not any(c.strip() for c in cells):
                continue
            row = dict(zip(header, (c.strip() for c in cells), strict=False))
            row["_line"] = str(reader.line_num)
            row["_cells"] = str(len(cells))
            rows.append(row)
    return header, rows


def name_of(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(ROOT))
    except ValueError:
        return str(path)


def check_header(report: Report, path: Path, header: list[str], expected: list[str]) -> bool:
    if header != expected:
        report.error(name_of(path), 1, f"header must be exactly: {','.join(expected)}")
        return False
    return True


def check_cells(report: Report, file: str, rows: list[dict[str, str]], width: int) -> None:
    for row in rows:
        if int(row["_cells"]) != width:
            report.error(file, int(row["_line"]), f"has {row['_cells']} cells, the header has {width}")


def check_sources(report: Report, path: Path, existing: set[str]) -> set[str]:
    """Staged sources: unique new ids, a citation, a URL or DOI where one exists."""
    file = name_of(path)
    header, rows = read_rows(path)
    if not check_header(report, path, header, SOURCE_HEADER):
        return set()
    check_cells(report, file, rows, len(SOURCE_HEADER))
    seen: dict[str, int] = {}
    for row in rows:
        sid, line = row.get("source_id", ""), int(row["_line"])
        if not check_new_id(report, file, line, "source_id", sid, existing, seen):
            report.error(file, line, f"source_id '{sid}' already exists in data/sources.csv")
        if sid.startswith("seed_"):
            report.error(file, line, "a staged source may not be a seed (patient-education) page")
        if not row.get("citation"):
            report.error(file, line, f"source '{sid}' has no citation")
        year = row.get("year", "")
        if year and not re.fullmatch(r"\d{4}", year):
            report.error(file, line, f"source '{sid}': year '{year}' is not four digits")
        url = row.get("url", "")
        if not url:
            report.warn(file, line, f"source '{sid}' has no URL or DOI (fine only if none exists)")
        elif not LINK.match(url):
            report.error(
                file,
                line,
                f"source '{sid}': url '{url}' must be an https:// link (a DOI as https://doi.org/...)",
            )
    return set(seen)


def condition_names(rows: list[dict[str, str]]) -> dict[str, str]:
    """Normalized label or alias -> condition id, for the existing conditions."""
    return {
        normalize(word): row["condition"]
        for row in rows
        for word in (row["label"], *split_list(row.get("aliases", "")))
    }


def check_conditions(
    report: Report,
    path: Path,
    expected_header: list[str],
    existing: list[dict[str, str]],
    zones: set[str],
    sources: set[str],
) -> set[str]:
    """Staged conditions: the header of data/conditions.csv, new ids, catalogue zones, unique names."""
    file = name_of(path)
    header, rows = read_rows(path)
    if not check_header(report, path, header, expected_header):
        return set()
    check_cells(report, file, rows, len(expected_header))
    known_ids = {row["condition"] for row in existing}
    names = condition_names(existing)
    seen: dict[str, int] = {}
    for row in rows:
        cid, line = row.get("condition", ""), int(row["_line"])
        if not check_new_id(report, file, line, "condition", cid, known_ids, seen):
            # Another branch may add the same condition first; the data/ row then wins.
            report.warn(file, line, f"condition '{cid}' is already in data/conditions.csv: drop this row")
        words = (row.get("label", ""), *split_list(row.get("aliases", "")))
        if normalize(cid.replace("_", " ")) not in {normalize(w) for w in words}:
            report.error(
                file, line, f"condition id '{cid}' must read as its label or an alias (mimics use it)"
            )
        for col in ("label", "summary", "zones", "source_ids"):
            if not row.get(col):
                report.error(file, line, f"condition '{cid}': '{col}' is empty")
        if row.get("doctor_first") not in ("yes", "no"):
            report.error(file, line, f"condition '{cid}': doctor_first must be yes or no")
        for zone in split_list(row.get("zones", "")):
            if zone not in zones:
                report.error(file, line, f"condition '{cid}': zone '{zone}' is not in the catalogue")
        check_source_list(report, file, line, cid, row.get("source_ids", ""), sources)
        for word in (row.get("label", ""), *split_list(row.get("aliases", ""))):
            key = normalize(word)
            if names.get(key, cid) != cid:
                report.error(file, line, f"'{word}' already names condition '{names[key]}'")
            names[key] = cid
    return set(seen)


def check_new_id(
    report: Report, file: str, line: int, what: str, value: str, known: set[str], seen: dict[str, int]
) -> bool:
    """A lower-case slug, not staged twice; False when ``known`` (already in data/) has it."""
    if not SLUG.match(value):
        report.error(file, line, f"{what} '{value}' is not a lower-case slug (a-z, 0-9, _)")
    if value in seen:
        report.error(file, line, f"{what} '{value}' is staged twice (first on line {seen[value]})")
    seen.setdefault(value, line)
    return value not in known


def check_source_list(
    report: Report,
    file: str,
    line: int,
    what: str,
    value: str,
    sources: set[str],
    session_seeds: frozenset[str] = frozenset(),
) -> None:
    """Known sources, none twice, and no patient-education page except the one behind the
    sessions note that every existing row cites (``session_seeds``)."""
    listed = split_list(value)
    for sid in listed:
        if sid not in sources:
            report.error(file, line, f"'{what}': unknown source '{sid}'")
        if sid.startswith("seed_") and sid not in session_seeds:
            report.error(file, line, f"'{what}': a seed (patient-education) page may not source a pattern")
    if len(set(listed)) != len(listed):
        report.error(file, line, f"'{what}': a source is listed twice")


def check_zone_lists(report: Report, file: str, row: dict[str, str], catalogue: dict[str, str]) -> None:
    tp, line = row["tp_id"], int(row["_line"])
    essential = split_list(row.get("essential_zones", ""))
    spillover = split_list(row.get("spillover_zones", ""))
    for zone in (*essential, *spillover, row.get("location_zone", "")):
        if zone and zone not in catalogue:
            report.error(file, line, f"'{tp}': zone '{zone}' is not in the catalogue")
    for col, zones in (("essential_zones", essential), ("spillover_zones", spillover)):
        if len(set(zones)) != len(zones):
            report.error(file, line, f"'{tp}': a zone is repeated in {col}")
    both = sorted(set(essential) & set(spillover))
    if both:
        report.error(file, line, f"'{tp}': zone(s) {', '.join(both)} both essential and spillover")
    location = row.get("location_zone", "")
    if location in catalogue and catalogue[location] != row.get("region"):
        report.warn(
            file,
            line,
            f"'{tp}': location_zone '{location}' is in region '{catalogue[location]}', not the row's region",
        )


def check_provenance(
    report: Report, file: str, row: dict[str, str], sources: set[str], session_seeds: frozenset[str]
) -> None:
    tp, line = row["tp_id"], int(row["_line"])
    check_source_list(report, file, line, tp, row.get("source_ids", ""), sources, session_seeds)
    cited = split_list(row.get("source_ids", ""))
    figure = row.get("figure_ref", "")
    manuals = [MANUALS[s] for s in cited if s in MANUALS]
    if FIGURE.match(figure):
        if not any(figure.startswith(m) for m in manuals):
            report.error(file, line, f"'{tp}': figure_ref names a manual volume the row does not cite")
    elif figure:
        report.warn(
            file, line, f"'{tp}': figure_ref '{figure}' is not a manual chapter: does it name a paper?"
        )
    if not manuals and not figure:
        report.error(file, line, f"'{tp}': no manual cited and no figure or paper reference")
    if row.get("evidence") not in EVIDENCE:
        report.error(file, line, f"'{tp}': evidence must be one of: {'; '.join(EVIDENCE)}")
    status = row.get("review_status", "")
    if not STATUS.match(status):
        report.error(file, line, f"'{tp}': review_status must be {STATUS_FORMS}")


def check_trigger_points(
    report: Report,
    path: Path,
    existing_ids: set[str],
    regions: set[str],
    catalogue: dict[str, str],
    conditions: set[str],
    sources: set[str],
    sessions: tuple[str, frozenset[str]],
) -> list[dict[str, str]]:
    """The staged rows against every contract; returns the rows for the counts."""
    file = name_of(path)
    header, rows = read_rows(path)
    if not check_header(report, path, header, TP_HEADER):
        return []
    check_cells(report, file, rows, len(TP_HEADER))
    sessions_note, session_seeds = sessions
    seen: dict[str, int] = {}
    for row in rows:
        tp, line = row.get("tp_id", ""), int(row["_line"])
        for col in REQUIRED:
            if not row.get(col):
                report.error(file, line, f"'{tp}': '{col}' is empty")
        if not check_new_id(report, file, line, "tp_id", tp, existing_ids, seen):
            report.error(file, line, f"tp_id '{tp}' already exists in data/trigger_points.csv")
        if row.get("region") not in regions:
            report.error(file, line, f"'{tp}': region '{row.get('region')}' is not in data/regions.csv")
        check_zone_lists(report, file, row, catalogue)
        for mimic in split_list(row.get("mimics", "")):
            if normalize(mimic) not in conditions:
                report.error(file, line, f"'{tp}': mimic '{mimic}' names no condition (label, alias or id)")
        for col, value in SESSIONS.items():
            if row.get(col) != value:
                report.error(file, line, f"'{tp}': {col} must be {value}")
        if sessions_note and row.get("sessions_note") != sessions_note:
            report.error(file, line, f"'{tp}': sessions_note differs from the existing rows' wording")
        if row.get("referral_sides") not in SIDES:
            report.error(file, line, f"'{tp}': referral_sides must be same or both")
        check_provenance(report, file, row, sources, session_seeds)
        for col in TEXT_COLUMNS:
            text = row.get(col, "")
            if "<" in text or ">" in text:
                report.error(file, line, f"'{tp}': {col} contains < or > (no HTML in data)")
            if len(text) > MAX_TEXT:
                report.warn(file, line, f"'{tp}': {col} has {len(text)} characters, more than existing rows")
        if BRACKETING.search(row.get("cautions", "")):
            report.error(file, line, f"'{tp}': cautions describe rib bracketing; it is not protective")
    return rows


def counts(existing: list[dict[str, str]], staged: list[dict[str, str]]) -> dict[str, int]:
    before = {row["muscle"] for row in existing}
    after = before | {row["muscle"] for row in staged}
    return {
        "muscles_before": len(before),
        "trigger_points_before": len(existing),
        "new_muscles": len(after - before),
        "new_trigger_points": len(staged),
        "rows_for_existing_muscles": sum(row["muscle"] in before for row in staged),
        "muscles_after": len(after),
        "trigger_points_after": len(existing) + len(staged),
    }


def session_guidance(tp_rows: list[dict[str, str]]) -> tuple[str, frozenset[str]]:
    """The sessions note all existing rows share ("" if they differ) and the patient-education
    pages every existing row cites, which back that note rather than any pattern."""
    notes = {row.get("sessions_note", "") for row in tp_rows} - {""}
    cited = [set(split_list(row.get("source_ids", ""))) for row in tp_rows]
    shared = set.intersection(*cited) if cited else set()
    return (notes.pop() if len(notes) == 1 else ""), frozenset(s for s in shared if s.startswith("seed_"))


def adopt_sessions_note(data: Path, staging: Path) -> int:
    """Give the staged rows the sessions note of data/trigger_points.csv and cite the pages
    behind it, as the existing rows do; returns the number of rows changed."""
    _, tp_rows = read_rows(data / "trigger_points.csv")
    note, seeds = session_guidance(tp_rows)
    if not note:
        return 0
    path = staging / "new_trigger_points.csv"
    with path.open(newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    changed = 0
    for row in rows:
        listed = list(split_list(row["source_ids"]))
        cited = ";".join([*listed, *sorted(seeds - set(listed))])
        if row["sessions_note"] != note or row["source_ids"] != cited:
            row["sessions_note"], row["source_ids"] = note, cited
            changed += 1
    with path.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, TP_HEADER, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    return changed


def run(data: Path, staging: Path, catalogue_path: Path) -> tuple[Report, dict[str, int]]:
    """Check everything; returns the report and the counts after a merge."""
    report = Report()
    _, catalogue_rows = read_rows(catalogue_path)
    catalogue = {row["zone"]: row["region"] for row in catalogue_rows}
    _, region_rows = read_rows(data / "regions.csv")
    regions = {row["region"] for row in region_rows}
    _, source_rows = read_rows(data / "sources.csv")
    sources = {row["source_id"] for row in source_rows}
    cond_header, cond_rows = read_rows(data / "conditions.csv")
    _, tp_rows = read_rows(data / "trigger_points.csv")
    sessions = session_guidance(tp_rows)
    if not sessions[0]:
        report.warn("data/trigger_points.csv", 1, "sessions_note varies between rows; not compared")

    sources |= check_sources(report, staging / "new_sources.csv", sources)
    check_conditions(report, staging / "new_conditions.csv", cond_header, cond_rows, set(catalogue), sources)
    _, staged_conditions = read_rows(staging / "new_conditions.csv")
    # A mimic may be written as a condition's label (as data/ does), an alias or its id.
    conditions = set(condition_names([*cond_rows, *staged_conditions]))
    conditions |= {normalize(row["condition"]) for row in [*cond_rows, *staged_conditions]}
    staged = check_trigger_points(
        report,
        staging / "new_trigger_points.csv",
        {row["tp_id"] for row in tp_rows},
        regions,
        catalogue,
        conditions,
        sources,
        sessions,
    )
    return report, counts(tp_rows, staged)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=ROOT / "data")
    parser.add_argument("--staging", type=Path, default=ROOT / "staging")
    parser.add_argument("--catalogue", type=Path, default=ROOT / "tools" / "zone_catalogue.csv")
    parser.add_argument(
        "--adopt-sessions-note",
        action="store_true",
        help="first rewrite the staged rows' sessions_note (and its patient-page source) to match data/",
    )
    args = parser.parse_args(argv)
    if args.adopt_sessions_note:
        print(f"sessions note adopted in {adopt_sessions_note(args.data, args.staging)} staged row(s)")
    report, figures = run(args.data, args.staging, args.catalogue)
    for kind, items in (("error", report.errors), ("warning", report.warnings)):
        for file, line, message in items:
            print(f"{kind}: {file}, line {line}: {message}")
    print(
        f"muscles: {figures['muscles_before']} now, {figures['new_muscles']} new, "
        f"{figures['muscles_after']} after merge"
    )
    print(
        f"trigger points: {figures['trigger_points_before']} now, {figures['new_trigger_points']} new "
        f"({figures['rows_for_existing_muscles']} for muscles already in), "
        f"{figures['trigger_points_after']} after merge"
    )
    print(f"{len(report.errors)} error(s), {len(report.warnings)} warning(s)")
    return 1 if report.errors else 0


if __name__ == "__main__":
    sys.exit(main())
