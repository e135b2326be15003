"""The patient handout: a one- or two-page A4 PDF of a plan, drawn with fpdf2. Pure: returns bytes.

The body map is drawn as vector polygons from the same geometry the app draws
(``atlas.outlines`` and ``atlas.features``), with the same pattern layers
(:func:`tpatlas.patterns.shades_for`, :func:`tpatlas.patterns.marks_for`): essential
zones solid, spillover zones light and stippled, an X at each trigger point.
There is a blank line for the patient's name, written in by hand; nothing else about
the patient is asked for or printed, apart from the screening notes the therapist ticked.
"""

from __future__ import annotations

import copy
import functools
import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pandas as pd
from fontTools import ttLib
from fpdf import FPDF, FontFace, XPos, YPos
from fpdf.enums import MethodReturnValue
from fpdf.fonts import SubsetMap, TTFFont

from tpatlas import safety
from tpatlas.clinic_data import KIND_TITLES
from tpatlas.data import Atlas
from tpatlas.figures import (
    EDGE,
    ESSENTIAL,
    SKIN,
    SPILLOVER,
    X_RANGE,
    Y_RANGE,
    Mark,
    Shade,
    map_labels,
)
from tpatlas.geometry import grid_points_in
from tpatlas.lookups import source_short
from tpatlas.pattern_drawing import level_rings
from tpatlas.patterns import marks_for, shades_for
from tpatlas.plan import (
    BLOCK,
    EMPTY_PLAN_REASON,
    TICK,
    Note,
    NoteGroup,
    Plan,
    PlanError,
    blocked_by,
    day_text,
    plan_notes,
    plan_sources,
    plan_table,
    points_text,
    schedule,
)
from tpatlas.views import VIEWS

FONT_DIR = Path(__file__).resolve().parent / "fonts"  # DejaVu Sans, bundled (fonts/LICENSE-DejaVu.txt)
FONT_FAMILY = "DejaVu"
FONT_FILES = {"": "DejaVuSans.ttf", "B": "DejaVuSans-Bold.ttf"}  # style -> file in FONT_DIR
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
WARN_FILL = {BLOCK: (250, 226, 222), TICK: (253, 240, 210)}  # by level; information is unfilled
TABLE_COLUMNS = (  # heading, plan_table column, width in mm
    ("No.", "No.", 9.0),  # the number beside the X on the map
    ("Muscle", "Muscle", 34.0),  # fits 'Sternocleidomastoid' unbroken; the side on a line below
    ("Where the trigger point lies", "Where the trigger point lies", 61.0),
    ("Where you may feel the pain", "Where it sends pain", 78.0),
)
SIDE_TEXT = {"Right": "right side", "Left": "left side", "Both": "both sides"}  # plan_table's Side
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


# ---------------------------------------------------------------- fonts, parsed once per process
@functools.cache
def _font_bytes(path: Path) -> bytes:
    return path.read_bytes()


@functools.cache
def _parsed_font(path: Path, style: str) -> TTFFont:
    """The font as fpdf2 parses it (cmap, widths, glyph ids): about 0.3 s, done once per process."""
    pdf = FPDF()
    pdf.add_font(FONT_FAMILY, style, path)
    font = pdf.fonts[f"{FONT_FAMILY.lower()}{style}"]
    assert isinstance(font, TTFFont)
    return font


def add_cached_font(pdf: FPDF, style: str, path: Path) -> None:
    """``pdf.add_font(FONT_FAMILY, style, path)`` from the parsed font kept for the process.

    The document gets a shallow copy with its own glyph subset and its own fontTools object
    (fpdf2 subsets that object in place when it writes the PDF), read from bytes kept in memory.
    """
    shared = _parsed_font(path, style)
    font = copy.copy(shared)
    font.i = len(pdf.fonts) + 1
    font.ttfont = ttLib.TTFont(io.BytesIO(_font_bytes(path)), recalcTimestamp=False, lazy=True)
    font.biggest_size_pt = 0
    font.missing_glyphs = []
    font._hbfont = None
    font.subset = SubsetMap(font)
    pdf.fonts[shared.fontkey] = font


# ---------------------------------------------------------------- the document
class _Handout(FPDF):
    """FPDF with the handout's fonts, footer and text clean-up."""

    def __init__(self, footer_text: str) -> None:
        super().__init__(orientation="portrait", unit="mm", format="A4")
        self.footer_text = footer_text
        self.scale = 1.0  # of the type and line heights below the map (< 1 for long plans)
        self.unicode = all((FONT_DIR / name).exists() for name in FONT_FILES.values())
        if self.unicode:
            for style, name in FONT_FILES.items():
                add_cached_font(self, style, FONT_DIR / name)
        self.family = FONT_FAMILY if self.unicode else "Helvetica"
        self.set_margins(MARGIN, MARGIN, MARGIN)
        self.set_auto_page_break(True, margin=17)
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
        self.set_y(-14)
        self.set_draw_color(*MUTED)
        self.set_line_width(0.2)
        self.line(MARGIN, self.get_y(), PAGE_W - MARGIN, self.get_y())
        self.ln(1)
        self.set_font(self.family, "", 7)  # not scaled
        self.set_text_color(*MUTED)
        self.cell(0, 3.2, self.t(f"{self.footer_text}   Page {self.page_no()} of {{nb}}"))


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
    """Each X, a leader line to where a moved X belongs, and its number (white-edged, readable)."""
    arm = 1.4  # mm: half the X's width
    pdf.set_draw_color(17, 17, 17)
    pdf.set_line_width(0.35)
    for m in marks:
        if m.anchor is not None:
            ax, ay = at(*m.anchor)
            px, py = at(m.x, m.y)
            pdf.line(ax, ay, px, py)
            pdf.set_fill_color(17, 17, 17)
            pdf.circle(ax, ay, 0.45, style="F")
    for m in marks:
        px, py = at(m.x, m.y)
        for width, colour in ((1.1, (255, 255, 255)), (0.55, (17, 17, 17))):  # white halo, then ink
            pdf.set_draw_color(*colour)
            pdf.set_line_width(width)
            pdf.line(px - arm, py - arm, px + arm, py + arm)
            pdf.line(px - arm, py + arm, px + arm, py - arm)
    pdf.style(7.5, bold=True, colour=(17, 17, 17))
    for m in marks:
        if not m.label:
            continue
        px, py = at(m.x, m.y)
        w = pdf.get_string_width(m.label)
        pdf.set_fill_color(255, 255, 255)
        pdf.rect(px + arm + 0.2, py - 1.6, w + 0.8, 3.0, style="F")
        pdf.text(px + arm + 0.6, py + 1.0, m.label)


def _draw_labels(pdf: _Handout, at: ToPage) -> None:
    """The app's map labels (FRONT, BACK, which side is the patient's right...)."""
    for label in (lb for lb in map_labels() if X_RANGE[0] <= lb["x"] <= X_RANGE[1]):
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
        ("mark", "Trigger point (the spot that is needled), numbered as in the table"),
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


def _trigger_point_table(pdf: _Handout, table: pd.DataFrame) -> None:
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
        padding=(0.7, 1.2),
        borders_layout="HORIZONTAL_LINES",
        headings_style=FontFace(emphasis="BOLD", fill_color=HEAD_FILL),
        cell_fill_mode="NONE",
    ) as tab:
        head = tab.row()
        for heading, _, _ in TABLE_COLUMNS:
            head.cell(pdf.t(heading))
        for rec in table.to_dict("records"):
            row = tab.row()
            for _, col, _ in TABLE_COLUMNS:
                text = f"{rec[col]}\n{SIDE_TEXT[rec['Side']]}" if col == "Muscle" else str(rec[col])
                row.cell(pdf.t(text), style=FontFace(emphasis="BOLD") if col == "No." else None)


def _box(
    pdf: _Handout, fill: tuple[int, int, int] | None, lines: Sequence[tuple[str, bool]], gap: float = 1.2
) -> None:
    """Lines (text, bold) in one block, moved whole to the next page when it would not fit."""

    def cells(dry: bool) -> float:
        height = 0.0
        for i, (text, bold) in enumerate(lines):
            pdf.style(9 if bold else 8.5, bold=bold)
            if fill:
                pdf.set_fill_color(*fill)
            padding = (0.8 if i == 0 else 0, 1.5, 1 if i == len(lines) - 1 else 0, 1.5)
            result = pdf.multi_cell(
                0, pdf.lh(4.1), pdf.t(text), fill=bool(fill), align="L", new_x=XPos.LMARGIN,
                new_y=YPos.NEXT, padding=padding,  # type: ignore[arg-type]  # fpdf2 types it int; mm work
                dry_run=dry, output=MethodReturnValue.HEIGHT, markdown=text.startswith("**"),
            )  # fmt: skip
            height += float(result)  # type: ignore[arg-type]  # output=HEIGHT returns a float
        return height

    if pdf.get_y() + cells(dry=True) > pdf.page_break_trigger:
        pdf.add_page()
    cells(dry=False)
    pdf.ln(gap)


def _warnings(pdf: _Handout, groups: Sequence[NoteGroup], reason: str) -> None:
    """Safety notes: one block per kind of warning, naming the numbered points it concerns."""
    pdf.heading("Safety notes")
    if not any(g.level in (BLOCK, TICK) for g in groups):
        pdf.para("No screening item was ticked. Tell your therapist before each session if anything changes.")
    if groups:
        pdf.para("Please read these and ask your therapist about anything unclear.", size=9)
        pdf.ln(1)
    for g in groups:
        fill = WARN_FILL.get(g.level)
        if g.level == BLOCK:  # what was found, and the therapist's recorded reason to go on
            lines = [
                (f"{g.heading}: {'; '.join(g.labels)}.", True),
                (
                    f"Your therapist discussed this with you and decided to go on because: {reason}",
                    False,
                ),
            ]
        elif g.level == TICK:  # one line: what calls for care, and that it was considered
            lines = [
                (f"{g.heading}: {'; '.join(g.labels)}. Your therapist has taken this into account.", True)
            ]
        else:
            lines = [(g.heading, True)]
            lines += [
                (f"{points_text(points) or 'The whole plan'}: {text}", False) for text, points in g.items
            ]
        _box(pdf, fill, lines)


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


def _aftercare(pdf: _Handout, aftercare: pd.DataFrame, x: float, y: float, w: float) -> float:
    """'After each session' in a column (beside the 'when to get help' box, under the map);
    returns the y below it."""
    pdf.set_xy(x, y)
    pdf.style(12, bold=True)
    pdf.cell(w, 6.5, pdf.t("After each session"), new_x=XPos.LEFT, new_y=YPos.NEXT)
    for kind, title in KIND_TITLES.items():
        if kind == URGENT:  # in its own box
            continue
        rows = aftercare[aftercare["kind"] == kind]
        if rows.empty:
            continue
        pdf.style(9.5, bold=True)
        pdf.set_x(x)
        pdf.cell(w, 5, pdf.t(title), new_x=XPos.LEFT, new_y=YPos.NEXT)
        pdf.style(8.5)
        for text in rows["text"]:
            pdf.set_x(x + 1)
            pdf.cell(3, 3.9, pdf.t("-"))
            pdf.multi_cell(w - 4, 3.9, pdf.t(text), align="L", new_x=XPos.LEFT, new_y=YPos.NEXT)
            pdf.ln(0.6)
    return pdf.get_y()


def short_url(url: str) -> str:
    """A source's address as printed: ``doi:10...`` for a DOI link, else without ``https://``."""
    for prefix in ("https://doi.org/", "http://doi.org/", "https://dx.doi.org/"):
        if url.startswith(prefix):
            return "doi:" + url[len(prefix) :]
    return url.removeprefix("https://").removeprefix("http://")


def _sources(pdf: _Handout, atlas: Atlas, ids: Sequence[str]) -> None:
    pdf.heading("Sources (full references on the atlas's Sources page)")
    cited = []
    for n, sid in enumerate(ids, start=1):
        row = atlas.sources.loc[sid]
        where = f", {short_url(row['url'])}" if row["url"] else ""
        cited.append(f"[{n}] {source_short(atlas, sid)}{where}")
    pdf.para("  ".join(cited), size=7.5, h=3.4, colour=MUTED)


def _render(
    atlas: Atlas,
    plan: Plan,
    groups: Sequence[NoteGroup],
    reason: str,
    aftercare: pd.DataFrame,
    prepared: date,
    source_ids: Sequence[str],
    scale: float,
) -> FPDF:
    pdf = _Handout(
        f"Prepared {day_text(prepared)} with Trigger Point Atlas. Education for use with your "
        "therapist, not a diagnosis. Sources at the end."
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
    below_map = _aftercare(pdf, aftercare, MARGIN, top + map_h + 1, right - MARGIN - 4)
    pdf.scale = scale
    pdf.set_xy(MARGIN, max(below_map, y) + 2)
    pdf.heading("Trigger points in your plan")
    _trigger_point_table(pdf, plan_table(atlas, plan))
    _warnings(pdf, groups, reason)
    _sources(pdf, atlas, source_ids)
    return pdf


def build_handout(
    atlas: Atlas,
    plan: Plan,
    warnings: Sequence[tuple[str, str, str]],
    aftercare: pd.DataFrame,
    screening: pd.DataFrame | None = None,
    prepared: date | None = None,
    *,
    reason: str = "",
    extra: Sequence[Note] = (),
) -> bytes:
    """The handout PDF for a plan.

    ``warnings`` are :func:`tpatlas.plan.screening_warnings` for the ticked items;
    ``screening`` (the checklist) adds the sources of those items to the footer;
    ``reason`` is the therapist's reason to needle despite a contraindication (printed);
    ``extra`` are further warnings of any kind, grouped with the rest.
    Raises :class:`~tpatlas.plan.PlanError` for an empty plan, or a contraindication
    without a reason. Long plans are set in smaller type so the handout stays within two
    pages where it can.
    """
    if not plan.picks:
        raise PlanError(EMPTY_PLAN_REASON)
    groups = plan_notes(atlas, plan, warnings, extra)
    on_hold = blocked_by(groups, reason, considered=True)
    if on_hold:
        raise PlanError(on_hold)
    tables = [aftercare]
    if screening is not None and warnings:
        labels = {label for _, label, _ in warnings}
        tables.append(screening[screening["label"].isin(labels)])
    tp_ids = [p.tp_id for p in plan.picks]
    tables.append(pd.DataFrame({"source_ids": safety.plan_risk_sources(atlas, tp_ids)}, dtype=object))
    source_ids = plan_sources(atlas, plan, *tables)
    for scale in (1.0, 0.9, 0.82, 0.78):  # ~7 pt is about the smallest a patient should have to read
        pdf = _render(
            atlas, plan, groups, reason.strip(), aftercare, prepared or date.today(), source_ids, scale
        )
        if pdf.pages_count <= 2:
            break
    return bytes(pdf.output())
