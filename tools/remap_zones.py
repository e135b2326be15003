"""Rewrite the zone columns of data/trigger_points.csv and data/conditions.csv onto the new
body map's ids, mechanically, from tools/zone_mapping.csv.

Kept ids stay as they are. A removed id becomes the subset of its new ids that fits the
row: palm-side or back-side fingers, thumb and wrist by the row's other hand and forearm
zones, toes on top or underneath by its other foot zones. The careful, row-by-row
re-mapping of the clinical content is done by hand elsewhere; this keeps the app and the
data contract working on the new ids. Run: ``python tools/remap_zones.py`` (idempotent).
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MAPPING = ROOT / "tools" / "zone_mapping.csv"
PALM_SIDE = {"palm", "forearm_front", "thumb_base", "medial_elbow", "elbow_crease", "wrist_front"}
BACK_SIDE = {"back_of_hand", "forearm_back", "lateral_elbow", "knuckles", "wrist_back", "thumb_web"}
UNDERSIDE = {"ball_of_foot", "arch", "heel_underside", "big_toe_underside"}


def mapping() -> dict[str, list[str]]:
    with MAPPING.open(newline="", encoding="utf-8") as fh:
        return {r["old_zone"]: r["new_zones"].split(";") for r in csv.DictReader(fh)}


def pick(old: str, new: list[str], context: set[str]) -> list[str]:
    """The new ids an old id becomes in a row whose other zones are ``context``."""
    if len(new) == 1:
        return new
    palm, back = bool(context & PALM_SIDE), bool(context & BACK_SIDE)
    if old in ("fingers", "thumb"):
        suffix = "_palm" if palm and not back else "_back"
        return [z for z in new if z.endswith(suffix)]
    if old == "wrist":
        if palm and not back:
            return ["wrist_front"]
        if back and not palm:
            return ["wrist_back"]
        return ["wrist_front", "wrist_back"]
    if old == "big_toe":
        return ["big_toe_underside"] if context & UNDERSIDE else ["big_toe_top"]
    if old == "toes" and context & UNDERSIDE:
        return [z.replace("_top", "_underside") for z in new]
    return new


def remap_cell(cell: str, table: dict[str, list[str]], context: set[str]) -> str:
    out: list[str] = []
    for old in (z.strip() for z in cell.split(";") if z.strip()):
        out.extend(pick(old, table[old], context) if old in table else [old])
    return ";".join(dict.fromkeys(out))


def remap_file(path: Path, columns: tuple[str, ...], table: dict[str, list[str]]) -> int:
    with path.open(newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
        header = list(rows[0].keys()) if rows else []
    changed = 0
    for row in rows:
        context = {z.strip() for c in columns for z in row[c].split(";") if z.strip()}
        before = {c: row[c] for c in columns}
        for c in columns:
            row[c] = remap_cell(row[c], table, context)
        if "location_zone" in row:
            row["location_zone"] = row["location_zone"].split(";")[0]
        if "essential_zones" in row:
            ess = set(row["essential_zones"].split(";"))
            row["spillover_zones"] = ";".join(
                z for z in row["spillover_zones"].split(";") if z and z not in ess
            )
        changed += any(before[c] != row[c] for c in columns)
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=header, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    path.write_text(buf.getvalue(), encoding="utf-8")
    return changed


def main() -> None:
    table = mapping()
    n_tp = remap_file(
        ROOT / "data" / "trigger_points.csv", ("essential_zones", "spillover_zones", "location_zone"), table
    )
    n_cond = remap_file(ROOT / "data" / "conditions.csv", ("zones",), table)
    print(f"re-mapped {n_tp} trigger points and {n_cond} conditions")


if __name__ == "__main__":
    main()
