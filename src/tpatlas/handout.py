"""The patient handout: a one- or two-page A4 PDF of a plan, drawn with fpdf2. Pure: returns bytes.

The body map is drawn as vector polygons from the same geometry the app draws
(``atlas.outlines`` and ``atlas.features``), with the same pattern layers
(:func:`tpatlas.patterns.shades_for`, :func:`tpatlas.patterns.marks_for`): essential
zones solid, spillover zones light and stippled, an X at each trigger point.
There is a blank line for the patient's name, written in by hand; nothing else about
the patient is asked for or printed, apart from the screening notes the therapist ticked.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pandas as pd
from fpdf import FPDF, FontFace, XPos, YPos

from tpatlas.clinic_data import KIND_TITLES
from tpatlas.data import Atlas
from tpatlas.figures import EDGE, ESSENTIAL, SKIN, SPILLOVER, X_RANGE, Y_RANGE, Mark, Shade
from tpatlas.figures import annotations as figure_labels
from tpatlas.geometry import grid_points_in
from tpatlas.lookups import source_short
from tpatlas.pattern_drawing import level_rings
from tpatlas.patterns import marks_for, shades_for
from tpatlas.plan import (
    EMPTY_PLAN_REASON,
    Plan,
    PlanError,
    day_text,
    plan_sources,
    plan_table,
    schedule,
)
from tpatlas.views import VIEWS

FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")  # Debian's fonts-dejavu-core; optional
MARGIN = 14.0
PAGE_W = 210.0
CONTENT_W = PAGE_W - 2 * MARGIN
MAP_W = 104.0  # mm; the map keeps the app's aspect ratio
STIPPLE_STEP = 1.5  # diagram units between spillover dots (about 0.8 mm on paper)
WHOLE = VIEWS["whole"]  # the handout draws the whole body: front, back and soles
INK = (35, 48, 58)
MUTED = (95, 107, 116)
HEAD_FILL = (229, 236, 241)
URGENT, URGENT_INK = "call", (160, 40, 30)  # aftercare kind printed beside the map, and its colour
WARN_FILL = {"contraindication": (250, 226, 222), "precaution": (253, 240, 210)}
WARN_WORD = {
    "contraindication": "Usually a reason not to needle",
    "precaution": "Needle only with extra care",
}
TABLE_COLUMNS = (  # heading, plan_table column, width in mm
    ("Muscle", "Muscle", 35.0),  # fits 'Sternocleidomastoid' unbroken
    ("Side", "Side", 11.0),
    ("Where the trigger point lies", "Where the trigger point lies", 52.0),
    ("Where you may feel the pain", "Where it sends pain", 64.0),
    ("Care", "Care", 20.0),
)
ToPage = Callable[[float, float], tuple[float, float]]  # diagram units -> mm on the page
_PLAIN = str.maketrans(
    {"–": "-", "—": "-", "‘": "'", "’": "'", "“": '"', "”": '"', "…": "...", "\u00a0": " "}
)


def _rgb(hex_colour: str) -> tuple[int, int, int]:
    return tuple(int(hex_colour[i : i + 2], 16) for i in (1, 3, 5))  # type: ignore[return-value]


def _tint(hex_colour: str, alpha: float) -> tuple[int, int, int]:
    """The colour laid at ``alpha`` over white paper (PDF fills here are opaque)."""
    return tuple(round(255 - alpha * (255 - c)) for c in _rgb(hex_colour))  # type: ignore[return-value]


# ---------------------------------------------------------------- the map as shapes
@dataclass(frozen=True)
class Shape:
    """One filled polygon of the map, in diagram units, with fill and edge colours."""

    layer: str  # outline | region | spillover | essential
    ring: tuple[tuple[float, float], ...]
    fill: tuple[int, int, int]
    edge: tuple[int, int, int] | None
    edge_width: float  # mm


def map_shapes(atlas: Atlas, shades: Sequence[Shade]) -> list[Shape]:
    """The map's polygons bottom to top: silhouette, region tints, spillover, essential zones."""
    out = [
        Shape("outline", ring, _rgb(SKIN), _rgb(EDGE), 0.35)
        for view in WHOLE.drawn
        for ring in atlas.outlines.get(view, ())
    ]
    colours = atlas.regions["colour"]
    white = (255, 255, 255)
    alpha = 0.3 if shades else 0.6  # regions stay faint so the pattern stands out
    features = [f for f in atlas.features if f.view in WHOLE.drawn]  # the page shows the whole body
    for f in features:
        out.extend(Shape("region", ring, _tint(colours[f.region], alpha), white, 0.15) for ring in f.rings)
    for level, fill in (("spillover", _tint(SPILLOVER, 0.55)), ("essential", _rgb(ESSENTIAL))):
        # the same smooth outlines as the app's pattern map (one per connected area)
        rings = level_rings(atlas, shades, level, WHOLE.drawn)
        out.extend(Shape(level, ring, fill, fill, 0.2) for ring in rings)
    return out


def stipple(shapes: Sequence[Shape]) -> list[tuple[float, float]]:
    """Dots (diagram units) inside the spillover polygons: the Travell & Simons stipple."""
    return [p for s in shapes if s.layer == "spillover" for p in grid_points_in(s.ring, STIPPLE_STEP)]


# ---------------------------------------------------------------- the document
class _Handout(FPDF):
    """FPDF with the handout's fonts, footer and text clean-up."""

    def __init__(self, footer_lines: tuple[str, str]) -> None:
        super().__init__(orientation="portrait", unit="mm", format="A4")
        self.footer_lines = footer_lines
        self.scale = 1.0  # of the type and line heights below the map (< 1 for long plans)
        self.unicode = (FONT_DIR / "DejaVuSans.ttf").exists() and (FONT_DIR / "DejaVuSans-Bold.ttf").exists()
        if self.unicode:
            self.add_font("DejaVu", "", str(FONT_DIR / "DejaVuSans.ttf"))
            self.add_font("DejaVu", "B", str(FONT_DIR / "DejaVuSans-Bold.ttf"))
        self.family = "DejaVu" if self.unicode else "Helvetica"
        self.set_margins(MARGIN, MARGIN, MARGIN)
        self.set_auto_page_break(True, margin=24)
        self.set_title("Dry-needling treatment plan")
        self.set_creator("Trigger Point Atlas")
        self.set_text_color(*INK)

    def t(self, text: object) -> str:
        """Text safe for the font in use: core fonts only know Latin-1."""
        value = str(text)
        if self.unicode:
            return value
        return value.translate(_PLAIN).encode("latin-1", "replace").decode("latin-1")

    def style(self, size: float, bold: bool = False, colour: tuple[int, int, int] = INK) -> None:
        self.set_font(self.family, "B" if bold else "", size * self.scale)
        self.set_text_color(*colour)

    def heading(self, text: str) -> None:
        if self.get_y() > self.page_break_trigger - 25:  # keep a heading with its first lines
            self.add_page()
        self.ln(2.5)
        self.style(12, bold=True)
        self.cell(0, 6.5, self.t(text), new_x=XPos.LMARGIN, new_y=YPos.NEXT)

    def lh(self, height: float) -> float:
        """A line height, scaled with the type."""
        return height * self.scale

    def para(self, text: str, size: float = 9.5, h: float = 4.6, colour: tuple[int, int, int] = INK) -> None:
        self.style(size, colour=colour)
        self.multi_cell(0, self.lh(h), self.t(text), align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)

    def footer(self) -> None:
        self.set_y(-20)
        self.set_draw_color(*MUTED)
        self.set_line_width(0.2)
        self.line(MARGIN, self.get_y(), PAGE_W - MARGIN, self.get_y())
        self.ln(1)
        self.set_font(self.family, "", 7)  # not scaled
        self.set_text_color(*MUTED)
        self.multi_cell(0, 3.2, self.t(self.footer_lines[0]), align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.cell(0, 3.2, self.t(f"{self.footer_lines[1]}   Page {self.page_no()} of {{nb}}"))


def _draw_map(pdf: _Handout, atlas: Atlas, plan: Plan, x0: float, y0: float) -> float:
    """Draw the body map with the plan's pattern at (x0, y0); returns its height in mm."""
    picks = list(plan.picks)
    shades, marks = shades_for(atlas, picks), marks_for(atlas, picks)
    k = MAP_W / (X_RANGE[1] - X_RANGE[0])

    def at(x: float, y: float) -> tuple[float, float]:
        return x0 + (x - X_RANGE[0]) * k, y0 + (Y_RANGE[1] - y) * k

    shapes = map_shapes(atlas, shades)
    for shape in shapes:
        pdf.set_fill_color(*shape.fill)
        if shape.edge is not None:
            pdf.set_draw_color(*shape.edge)
            pdf.set_line_width(shape.edge_width)
        pdf.polygon([at(x, y) for x, y in shape.ring], style="DF" if shape.edge else "F")
    pdf.set_fill_color(*_rgb(ESSENTIAL))
    for x, y in stipple(shapes):
        px, py = at(x, y)
        pdf.circle(px, py, 0.2, style="F")
    pdf.set_draw_color(*_rgb(EDGE))  # the silhouette's edge again, crisp over the fills
    pdf.set_line_width(0.3)
    for view in WHOLE.drawn:
        for ring in atlas.outlines.get(view, ()):
            pdf.polygon([at(x, y) for x, y in ring], style="D")
    # only the X marks of the whole-body views: the side views lie outside the drawn frame
    _draw_marks(pdf, [m for m in marks if WHOLE.x[0] <= m.x <= WHOLE.x[1]], at)
    _draw_labels(pdf, at)
    return (Y_RANGE[1] - Y_RANGE[0]) * k


def _draw_marks(pdf: _Handout, marks: Sequence[Mark], at: ToPage) -> None:
    arm = 1.4  # mm: half the X's width
    for m in marks:
        px, py = at(m.x, m.y)
        for width, colour in ((1.1, (255, 255, 255)), (0.55, (17, 17, 17))):  # white halo, then ink
            pdf.set_draw_color(*colour)
            pdf.set_line_width(width)
            pdf.line(px - arm, py - arm, px + arm, py + arm)
            pdf.line(px - arm, py + arm, px + arm, py - arm)


def _draw_labels(pdf: _Handout, at: ToPage) -> None:
    """The app's map labels (FRONT, BACK, which side is the patient's right...)."""
    for label in (lb for lb in figure_labels() if X_RANGE[0] <= lb["x"] <= X_RANGE[1]):
        text = label["text"].replace("<b>", "").replace("</b>", "")
        bold = "<b>" in label["text"]
        pdf.style(8.5 if bold else 6.5, bold=bold, colour=(23, 65, 90) if bold else MUTED)
        lines = text.split("<br>")
        px, py = at(label["x"], label["y"])
        h = 2.8
        for i, line in enumerate(lines):
            w = pdf.get_string_width(pdf.t(line))
            pdf.text(px - w / 2, py - (len(lines) - 1) * h / 2 + i * h + 1, pdf.t(line))


def _legend(pdf: _Handout, x: float, y: float) -> float:
    """Key to the map; returns the y below it."""
    pdf.style(8.5)
    rows = (
        ("essential", "Where the pain is mainly felt"),
        ("spillover", "Where it may spread"),
        ("mark", "Trigger point (the spot that is needled)"),
    )
    for kind, text in rows:
        if kind == "essential":
            pdf.set_fill_color(*_rgb(ESSENTIAL))
            pdf.rect(x, y, 5, 3.4, style="F")
        elif kind == "spillover":
            pdf.set_fill_color(*_tint(SPILLOVER, 0.55))
            pdf.rect(x, y, 5, 3.4, style="F")
            pdf.set_fill_color(*_rgb(ESSENTIAL))
            for i in range(4):
                for j in range(3):
                    pdf.circle(x + 0.7 + i * 1.2, y + 0.6 + j * 1.1, 0.2, style="F")
        else:
            pdf.set_draw_color(17, 17, 17)
            pdf.set_line_width(0.5)
            pdf.line(x + 1.2, y + 0.2, x + 3.8, y + 3.2)
            pdf.line(x + 1.2, y + 3.2, x + 3.8, y + 0.2)
        pdf.set_xy(x + 7, y - 0.6)
        pdf.multi_cell(PAGE_W - MARGIN - x - 7, 4.2, pdf.t(text), new_x=XPos.LEFT, new_y=YPos.NEXT)
        y = max(pdf.get_y(), y + 4.2) + 1.2
    return y


def _course(pdf: _Handout, plan: Plan, x: float, y: float) -> float:
    """The course and its dated schedule with tick boxes; returns the y below it."""
    w = PAGE_W - MARGIN - x
    times = {1: "once a week", 2: "twice a week", 3: "three times a week"}[plan.per_week]
    pdf.set_xy(x, y)
    pdf.style(12, bold=True)
    pdf.cell(w, 6.5, pdf.t("Your course"), new_x=XPos.LEFT, new_y=YPos.NEXT)
    pdf.style(9.5)
    summary = (
        f"{plan.sessions} session{'s' if plan.sessions > 1 else ''}, {times}, "
        f"about {plan.minutes} minutes each. Tick each one off as you go."
    )
    pdf.multi_cell(w, 4.6, pdf.t(summary), align="L", new_x=XPos.LEFT, new_y=YPos.NEXT)
    pdf.ln(1)
    two_cols = plan.sessions > 6
    col_w = w / 2 if two_cols else w
    rows = (plan.sessions + 1) // 2 if two_cols else plan.sessions
    top = pdf.get_y()
    pdf.style(9)
    pdf.set_draw_color(*INK)
    pdf.set_line_width(0.25)
    for s in schedule(plan):
        col, row = divmod(s.number - 1, rows)
        cx, cy = x + col * col_w, top + row * 5.6
        pdf.rect(cx, cy + 0.9, 3.2, 3.2)
        pdf.set_xy(cx + 4.5, cy)
        pdf.cell(col_w - 4.5, 5, pdf.t(f"{s.number}. {day_text(s.day)}"))
    return top + rows * 5.6 + 2


def care_notes(table: pd.DataFrame) -> tuple[list[str], list[tuple[int, str, str]]]:
    """Per row, a reference ("Note 1" or "-"); and the numbered notes (number, who, caution).

    Trigger points sharing a caution (one muscle on both sides, or several points of one
    muscle) share its note, so the list stays short.
    """
    numbers: dict[str, int] = {}
    who: dict[str, list[str]] = {}
    refs = []
    for rec in table.to_dict("records"):
        caution = str(rec["Take care"]).strip()
        if not caution:
            refs.append("-")
            continue
        n = numbers.setdefault(caution, len(numbers) + 1)
        side = rec["Side"].lower()
        name = f"{rec['Muscle']} ({'both sides' if side == 'both' else side})"
        if name not in who.setdefault(caution, []):
            who[caution].append(name)
        refs.append(f"Note {n}")
    return refs, [(n, ", ".join(who[c]), c) for c, n in numbers.items()]


def _trigger_point_table(pdf: _Handout, table: pd.DataFrame) -> None:
    refs, notes = care_notes(table)
    pdf.style(8.5)
    pdf.set_fill_color(255, 255, 255)  # colours set for the map must not leak into the table
    pdf.set_draw_color(*MUTED)
    pdf.set_line_width(0.2)
    widths = [w for _, _, w in TABLE_COLUMNS]
    with pdf.table(
        col_widths=widths,
        width=sum(widths),
        line_height=pdf.lh(3.9),
        text_align="LEFT",
        v_align="TOP",
        align="LEFT",
        padding=(1, 1.2),
        borders_layout="HORIZONTAL_LINES",
        headings_style=FontFace(emphasis="BOLD", fill_color=HEAD_FILL),
        cell_fill_mode="NONE",
    ) as tab:
        head = tab.row()
        for heading, _, _ in TABLE_COLUMNS:
            head.cell(pdf.t(heading))
        for rec, ref in zip(table.to_dict("records"), refs, strict=True):
            row = tab.row()
            for _, col, _ in TABLE_COLUMNS:
                row.cell(pdf.t(ref if col == "Care" else rec[col]))
    if notes:
        pdf.ln(1.5)
        pdf.style(9, bold=True)
        pdf.cell(0, pdf.lh(5), pdf.t("Care notes: why the therapist takes extra care at these points"),
                 new_x=XPos.LMARGIN, new_y=YPos.NEXT)  # fmt: skip
        for n, who, caution in notes:
            pdf.para(f"{n}. {who}: {caution}", size=8.5, h=3.9)


def _warnings(pdf: _Handout, warnings: Sequence[tuple[str, str, str]]) -> None:
    pdf.heading("Screening notes from your therapist")
    if not warnings:
        pdf.para("No screening item was ticked. Tell your therapist before each session if anything changes.")
        return
    pdf.para("These were noted before needling. Please read them and ask about anything unclear.", size=9)
    pdf.ln(1)
    for severity, label, reason in warnings:
        pdf.set_fill_color(*WARN_FILL.get(severity, HEAD_FILL))
        pdf.style(9.5, bold=True)
        pdf.multi_cell(
            0, pdf.lh(5), pdf.t(f"{WARN_WORD.get(severity, severity)}: {label}"), fill=True, align="L",
            new_x=XPos.LMARGIN, new_y=YPos.NEXT, padding=(0.8, 1.5, 0, 1.5),
        )  # fmt: skip
        pdf.style(9)
        pdf.multi_cell(
            0,
            pdf.lh(4.4),
            pdf.t(reason),
            fill=True,
            align="L",
            new_x=XPos.LMARGIN,
            new_y=YPos.NEXT,
            padding=(0, 1.5, 1, 1.5),
        )
        pdf.ln(1.2)


def _urgent(pdf: _Handout, aftercare: pd.DataFrame, x: float, y: float) -> float:
    """The 'when to get help' notes in a red-edged box beside the map; returns the y below it."""
    rows = aftercare[aftercare["kind"] == URGENT]
    if rows.empty:
        return y
    w = PAGE_W - MARGIN - x
    pdf.set_xy(x + 2, y + 1.5)
    pdf.style(10, bold=True, colour=URGENT_INK)
    pdf.cell(w - 4, 5.5, pdf.t(KIND_TITLES[URGENT]), new_x=XPos.LEFT, new_y=YPos.NEXT)
    pdf.style(8.5)
    for text in rows["text"]:
        pdf.set_x(x + 2)
        pdf.multi_cell(w - 4, 3.9, pdf.t(text), align="L", new_x=XPos.LEFT, new_y=YPos.NEXT)
        pdf.ln(1)
    bottom = pdf.get_y() + 0.5
    pdf.set_draw_color(*URGENT_INK)
    pdf.set_line_width(0.5)
    pdf.rect(x, y, w, bottom - y)
    return bottom


def _aftercare(pdf: _Handout, aftercare: pd.DataFrame) -> None:
    pdf.heading("After each session")
    for kind, title in KIND_TITLES.items():
        if kind == URGENT:  # already on page 1, beside the map
            continue
        rows = aftercare[aftercare["kind"] == kind]
        if rows.empty:
            continue
        pdf.style(10, bold=True)
        pdf.cell(0, pdf.lh(5.5), pdf.t(title), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        for text in rows["text"]:
            pdf.style(9.5)
            pdf.set_x(MARGIN + 2)
            pdf.cell(4, pdf.lh(4.6), pdf.t("-"))
            pdf.multi_cell(0, pdf.lh(4.6), pdf.t(text), align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
            pdf.ln(0.6)


def _sources(pdf: _Handout, atlas: Atlas, ids: Sequence[str]) -> None:
    pdf.heading("Sources")
    cited = []
    for n, sid in enumerate(ids, start=1):
        row = atlas.sources.loc[sid]
        cited.append(f"[{n}] {row['citation']}" + (f" {row['url']}" if row["url"] else ""))
    pdf.para("  ".join(cited), size=7.5, h=3.4, colour=MUTED)


def _render(
    atlas: Atlas,
    plan: Plan,
    warnings: Sequence[tuple[str, str, str]],
    aftercare: pd.DataFrame,
    prepared: date,
    source_ids: Sequence[str],
    scale: float,
) -> FPDF:
    short = "; ".join(source_short(atlas, sid) for sid in source_ids)
    pdf = _Handout(
        (
            f"Sources (in full at the end): {short}.",
            f"Prepared {day_text(prepared)} with Trigger Point Atlas. Education for use with your "
            "therapist, not a diagnosis.",
        )
    )
    pdf.add_page()
    pdf.style(18, bold=True)
    pdf.cell(0, 9, pdf.t("Your dry-needling plan"), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(2)
    pdf.style(10)
    pdf.cell(14, 6, pdf.t("Name:"))
    y = pdf.get_y() + 5
    pdf.set_draw_color(*INK)
    pdf.set_line_width(0.25)
    pdf.line(MARGIN + 14, y, MARGIN + 110, y)  # left blank: written in by hand
    pdf.set_x(MARGIN + 118)
    pdf.cell(0, 6, pdf.t(f"Date: {day_text(prepared)}"), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(3)
    top = pdf.get_y()
    map_h = _draw_map(pdf, atlas, plan, MARGIN - 2, top)
    right = MARGIN + MAP_W + 2
    y = _course(pdf, plan, right, top + 2)
    y = _legend(pdf, right, y + 3)
    y = _urgent(pdf, aftercare, right, y + 2)
    pdf.scale = scale
    pdf.set_xy(MARGIN, max(top + map_h, y) + 2)
    pdf.heading("Trigger points in your plan")
    _trigger_point_table(pdf, plan_table(atlas, plan))
    _warnings(pdf, warnings)
    _aftercare(pdf, aftercare)
    _sources(pdf, atlas, source_ids)
    return pdf


def build_handout(
    atlas: Atlas,
    plan: Plan,
    warnings: Sequence[tuple[str, str, str]],
    aftercare: pd.DataFrame,
    screening: pd.DataFrame | None = None,
    prepared: date | None = None,
) -> bytes:
    """The handout PDF for a plan.

    ``warnings`` are :func:`tpatlas.plan.screening_warnings` for the ticked items;
    ``screening`` (the checklist) adds the sources of those items to the footer.
    Raises :class:`~tpatlas.plan.PlanError` for an empty plan. Long plans are set in
    smaller type so the handout stays within two pages where it can.
    """
    if not plan.picks:
        raise PlanError(EMPTY_PLAN_REASON)
    tables = [aftercare]
    if screening is not None and warnings:
        labels = {label for _, label, _ in warnings}
        tables.append(screening[screening["label"].isin(labels)])
    source_ids = plan_sources(atlas, plan, *tables)
    for scale in (1.0, 0.9, 0.82):  # 8 pt is about the smallest a patient should have to read
        pdf = _render(atlas, plan, warnings, aftercare, prepared or date.today(), source_ids, scale)
        if pdf.pages_count <= 2:
            break
    return bytes(pdf.output())
