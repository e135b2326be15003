"""The handout's font is bundled with the package and parsed once per process, not per document."""

from __future__ import annotations

import shutil
import subprocess
from datetime import UTC, datetime
from pathlib import Path

import pytest
from fpdf import FPDF

from tpatlas import handout


def text_of(pdf: bytes, tmp_path: Path) -> str:
    path = tmp_path / "out.pdf"
    path.write_bytes(pdf)
    return subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout


def document(text: str) -> bytes:
    pdf = FPDF()
    pdf.set_creation_date(datetime(2025, 6, 2, tzinfo=UTC))
    for style, name in handout.FONT_FILES.items():
        handout.add_cached_font(pdf, style, handout.FONT_DIR / name)
    pdf.add_page()
    pdf.set_font(handout.FONT_FAMILY, "", 12)
    pdf.cell(0, 10, text)
    pdf.set_font(handout.FONT_FAMILY, "B", 12)
    pdf.cell(0, 10, text.upper())
    return bytes(pdf.output())


def test_font_is_bundled_with_its_licence():
    assert Path(handout.__file__).resolve().parent / "fonts" == handout.FONT_DIR
    for name in handout.FONT_FILES.values():
        assert (handout.FONT_DIR / name).stat().st_size > 100_000
    assert "Bitstream Vera" in (handout.FONT_DIR / "LICENSE-DejaVu.txt").read_text(encoding="utf-8")


def test_font_is_parsed_once_for_many_documents():
    handout._parsed_font.cache_clear()
    for word in ("first", "second", "third"):
        document(word)
    info = handout._parsed_font.cache_info()
    assert info.misses == len(handout.FONT_FILES)  # one parse per style, not per document
    assert info.hits == 2 * len(handout.FONT_FILES)


@pytest.mark.skipif(not shutil.which("pdftotext"), reason="poppler-utils is not installed")
def test_documents_sharing_the_font_keep_their_own_glyphs(tmp_path):
    first = document("Schmerz – Kiefer ≥ 2 Sitzungen")
    second = document("Ωmega façade “quoted”")
    again = document("Schmerz – Kiefer ≥ 2 Sitzungen")
    assert "Schmerz – Kiefer ≥ 2 Sitzungen" in text_of(first, tmp_path)
    assert "Ωmega façade “quoted”" in text_of(second, tmp_path)
    assert again == first  # nothing of the second document leaked into the shared font
