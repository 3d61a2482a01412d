"""Page 1 rasterised with poppler's pdftoppm: the form is drawn, not blank (skipped without poppler)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from PIL import Image

from edo_app.documents import sample_buyer_title, sample_upd
from edo_app.printing import SignatureStamp, print_upd

PDFTOPPM = shutil.which("pdftoppm")


@pytest.mark.skipif(PDFTOPPM is None, reason="pdftoppm (poppler-utils) не установлен")
def test_first_page_renders_with_ink_in_the_form_areas(tmp_path: Path) -> None:
    assert PDFTOPPM is not None
    doc = sample_upd(lines=6, seed=2)
    stamp = SignatureStamp("Орлов Пётр Ильич", "ООО «Кедр-7»", "7707083893", "01DA2B", verdict_text="Подпись верна")
    (tmp_path / "upd.pdf").write_bytes(print_upd(doc, [stamp], sample_buyer_title(doc)))
    subprocess.run([PDFTOPPM, "-r", "60", "-png", "-f", "1", "-l", "1", "-singlefile", str(tmp_path / "upd.pdf"),
                    str(tmp_path / "page")], check=True, timeout=60)
    image = Image.open(tmp_path / "page.png").convert("L")
    width, height = image.size
    assert width > height  # landscape

    def ink(box: tuple[int, int, int, int]) -> float:
        region = image.crop(box)
        dark = sum(region.histogram()[:160])
        return dark / (region.width * region.height)

    assert 0.01 < ink((0, 0, width, height)) < 0.5
    assert ink((0, 0, width // 8, height // 4)) > 0.005  # the status strip
    assert ink((0, height // 3, width, height // 2)) > 0.02  # the goods table's grid and header
