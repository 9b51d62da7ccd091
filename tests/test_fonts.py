"""Chinese in figures: the shipped CJK font covers the workbook's text and renders with no missing glyph."""

import csv
import fnmatch
import tomllib
import warnings
from pathlib import Path

import matplotlib
import matplotlib.pyplot as plt
import numpy as np
import pytest
from babel.messages.pofile import read_po
from fontTools.ttLib import TTFont
from matplotlib import font_manager

from relmark_helpers import use_workbook_style
from relmark_helpers.core.style import CJK_FONT_FAMILY, CJK_FONT_FILES

from .conftest import ROOT

FONT_DIR = ROOT / "relmark_helpers" / "fonts"
WEIGHTS = ("Regular", "Bold")


def font_characters(weight: str) -> set[str]:
    """The characters the shipped font of this weight maps to a glyph (read from its cmap)."""
    return {chr(cp) for cp in TTFont(FONT_DIR / f"RelmarkCJKSans-{weight}.otf").getBestCmap()}


def workbook_chinese_text() -> str:
    """The glossary's Chinese columns and every translation in the PO catalogues, joined."""
    parts = []
    with (ROOT / "data" / "glossary.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    zh_columns = [column for column in rows[0] if column.endswith("_zh")]
    assert "term_zh" in zh_columns
    parts += [row[column] for row in rows for column in zh_columns]
    for po_file in sorted((ROOT / "relmark_helpers" / "locale").glob("*.po")):
        with po_file.open("rb") as handle:
            for message in read_po(handle):
                strings = message.string if isinstance(message.string, tuple) else (message.string,)
                parts += [s for s in strings if s]
    return "".join(parts)


def draw_chinese_figure() -> plt.Figure:
    """A figure with a Chinese title, axis labels, legend, tick labels and annotation, drawn."""
    fig, ax = plt.subplots(figsize=(7, 4), layout="constrained")
    ax.plot([1, 2, 3], [100, 180, 240], label="忠诚客户（保留率 80%）")
    ax.plot([1, 2, 3], [90, 120, 130], label="新客户：折现率 10%")
    ax.set_title("客户终身价值随时间的变化")
    ax.set_xlabel("年份（第 t 年）")
    ax.set_ylabel("累计利润（元）")
    ax.set_xticks([1, 2, 3], ["第一年", "第二年", "第三年"])
    ax.annotate("回收期", xy=(2, 180), xytext=(2.3, 120), arrowprops={"arrowstyle": "->"})
    ax.legend(title="客户群体")
    fig.canvas.draw()
    return fig


def text_pixels(text: str) -> np.ndarray:
    """The rendered pixels of ``text`` alone (regular weight), as a grey array."""
    fig = plt.figure(figsize=(1.5, 0.6), dpi=100)
    fig.text(0.1, 0.2, text, fontsize=24)
    fig.canvas.draw()
    pixels = np.asarray(fig.canvas.buffer_rgba())[..., 0].copy()
    plt.close(fig)
    return pixels


def test_chinese_figure_has_no_missing_glyph():
    use_workbook_style()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        draw_chinese_figure()
    missing = [str(w.message) for w in caught if "missing from font" in str(w.message)]
    assert missing == []


def test_missing_glyph_warning_is_an_error_in_the_tests():
    # Without the workbook style the family is DejaVu Sans alone, which has no hanzi: matplotlib
    # warns, and pyproject.toml's filterwarnings turns that warning into an error.
    with matplotlib.rc_context({"font.family": ["DejaVu Sans"]}):
        with pytest.raises(UserWarning, match=r"Glyph .* missing from font"):
            draw_chinese_figure()


def test_chinese_glyphs_are_real_glyphs_not_boxes():
    use_workbook_style()
    first, second, blank = text_pixels("客"), text_pixels("户"), text_pixels(" ")
    assert (first < 128).sum() > 50 and (second < 128).sum() > 50  # ink was drawn
    assert not np.array_equal(first, second)  # two hanzi differ; missing glyphs draw the same box
    assert (blank < 128).sum() == 0


def test_latin_text_is_unchanged_by_the_cjk_fallback():
    use_workbook_style()
    text = "Customer lifetime value, 2026: $1,234.5 (r = 0.8)"
    with_fallback = text_pixels(text)
    with matplotlib.rc_context({"font.family": ["DejaVu Sans"]}):
        dejavu_only = text_pixels(text)
    assert np.array_equal(with_fallback, dejavu_only)


def test_workbook_style_uses_dejavu_then_the_cjk_font():
    use_workbook_style()
    assert list(matplotlib.rcParams["font.family"]) == ["DejaVu Sans", CJK_FONT_FAMILY]
    found = {
        weight: Path(font_manager.findfont(font_manager.FontProperties(family=CJK_FONT_FAMILY,
                                                                       weight=weight.lower()),
                                           fallback_to_default=False)).name
        for weight in WEIGHTS
    }
    assert found == {"Regular": "RelmarkCJKSans-Regular.otf", "Bold": "RelmarkCJKSans-Bold.otf"}


def test_calling_the_style_again_registers_nothing_more():
    use_workbook_style()
    shipped = {str(path) for path in CJK_FONT_FILES}
    registered = {entry.fname for entry in font_manager.fontManager.ttflist if entry.fname in shipped}
    assert registered == shipped
    before = len(font_manager.fontManager.ttflist)
    use_workbook_style()
    assert len(font_manager.fontManager.ttflist) == before


def dejavu_characters() -> set[str]:
    """What DejaVu Sans, first in the figures' font list, draws itself (Latin, dashes, maths)."""
    path = Path(matplotlib.get_data_path()) / "fonts" / "ttf" / "DejaVuSans.ttf"
    return {chr(code) for code in TTFont(path).getBestCmap()}


@pytest.mark.parametrize("weight", WEIGHTS)
def test_font_covers_every_chinese_character_of_the_workbook(weight):
    needed = {ch for ch in workbook_chinese_text() if not ch.isspace()} - dejavu_characters()
    missing = sorted(needed - font_characters(weight))
    assert missing == [], f"rebuild the font with tools/subset_font.py; missing: {''.join(missing)}"


@pytest.mark.parametrize("weight", WEIGHTS)
def test_font_covers_gb2312_level_one_and_cjk_punctuation(weight):
    level_one = set()
    for row in range(0xB0, 0xD8):  # GB 2312 rows 16-55: the 3,755 level-1 hanzi
        for cell in range(0xA1, 0xFF):
            try:
                level_one.add(bytes((row, cell)).decode("gb2312"))
            except UnicodeDecodeError:
                pass
    assert len(level_one) == 3755
    punctuation = set("，。、；：？！“”‘’（）《》〈〉【】「」『』—…·～％＋－＝＜＞￥")
    chars = font_characters(weight)
    assert level_one <= chars
    assert punctuation <= chars
    assert {chr(cp) for cp in range(0xFF01, 0xFF5F)} <= chars  # full-width ASCII forms


def test_font_is_renamed_keeps_its_notice_and_ships_its_licence():
    for weight in WEIGHTS:
        names = TTFont(FONT_DIR / f"RelmarkCJKSans-{weight}.otf")["name"]
        assert names.getDebugName(1) == CJK_FONT_FAMILY
        assert names.getDebugName(2) == weight
        assert "Adobe" in names.getDebugName(0)  # the copyright notice the OFL requires to keep
        assert "Open Font License" in names.getDebugName(13)
    licence = (FONT_DIR / "OFL.txt").read_text(encoding="utf-8")
    assert "SIL OPEN FONT LICENSE Version 1.1" in licence and "Adobe" in licence


def test_font_files_are_package_data():
    settings = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    patterns = settings["tool"]["setuptools"]["package-data"]["relmark_helpers"]
    shipped = sorted(path.name for path in FONT_DIR.iterdir())
    for name in shipped:
        assert any(fnmatch.fnmatch(f"fonts/{name}", pattern) for pattern in patterns), name
    assert {"RelmarkCJKSans-Regular.otf", "RelmarkCJKSans-Bold.otf", "OFL.txt", "README.md"} <= set(shipped)
