"""Build the workbook's Chinese font: a subset of Noto Sans CJK SC in ``relmark_helpers/fonts/``.

The figures draw Latin text with DejaVu Sans (matplotlib's own font) and take
every Chinese glyph from this subset, so Chinese renders on any machine with
no system font.  The subset holds:

* printable ASCII (U+0020-U+007E);
* every character of GB 2312 (rows 1-9: punctuation, full-width forms, kana,
  Greek, Cyrillic, box drawing; level 1: 3,755 common hanzi; level 2: 3,008
  less common hanzi), read from Python's own ``gb2312`` codec, plus the two
  punctuation marks GB 18030 decodes differently from the same codes (U+00B7
  middle dot, U+2014 em dash, the forms Chinese text uses);
* the blocks CJK Symbols and Punctuation (U+3000-U+303F) and Halfwidth and
  Fullwidth Forms (U+FF00-U+FFEF), as far as the source font has them;
* every character of ``data/glossary.csv``'s Chinese columns (``*_zh``) and of the
  translations in ``relmark_helpers/locale/*.po``, so a rebuild after a new
  translation covers it (``tests/test_fonts.py`` fails until then).

The source is Debian's ``fonts-noto-cjk`` package (used at build time only,
never at install time)::

    apt-get download fonts-noto-cjk        # bookworm: 1:20220127+repack1-1
    dpkg-deb -x fonts-noto-cjk_*.deb /tmp/noto-cjk
    python tools/subset_font.py /tmp/noto-cjk/usr/share/fonts/opentype/noto

The output is byte-identical on every run from the same source files (their
SHA-256 sums are checked; ``--any-version`` accepts others).  The font is
licensed under the SIL Open Font License 1.1 (``relmark_helpers/fonts/OFL.txt``);
the subset is renamed ``Relmark CJK Sans`` so it is never taken for the full font.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import sys
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTCollection, TTFont

ROOT = Path(__file__).resolve().parent.parent
FONT_DIR = ROOT / "relmark_helpers" / "fonts"
GLOSSARY = ROOT / "data" / "glossary.csv"
LOCALE_DIR = ROOT / "relmark_helpers" / "locale"

SOURCE_FAMILY = "Noto Sans CJK SC"
FAMILY = "Relmark CJK Sans"
POSTSCRIPT_FAMILY = "RelmarkCJKSans"

SOURCES: dict[str, tuple[str, str]] = {
    # weight: (file in fonts-noto-cjk 1:20220127+repack1-1, its SHA-256)
    "Regular": ("NotoSansCJK-Regular.ttc",
                "b76b0433203017ca80401b2ee0dd69350349871c4b19d504c34dbdd80541690a"),
    "Bold": ("NotoSansCJK-Bold.ttc",
             "faa5f3656a78b2e2d450d27fe8382c778bc2b6bb5ea29c986664a6a435056ceb"),
}

EXTRA_BLOCKS = ((0x3000, 0x303F), (0xFF00, 0xFFEF))


def gb2312_characters() -> set[str]:
    """Every character GB 2312 encodes (ASCII excluded): rows 1-9, level 1 and level 2 hanzi.

    Each code is decoded both as ``gb2312`` and as ``gb18030``; they differ only at A1A4
    (U+30FB or U+00B7) and A1AA (U+2015 or U+2014), and both forms are kept.
    """
    chars: set[str] = set()
    for row in range(0xA1, 0xF8):
        for cell in range(0xA1, 0xFF):
            try:
                code = bytes((row, cell))
                chars |= {code.decode("gb2312"), code.decode("gb18030")}
            except UnicodeDecodeError:
                continue
    return chars


def workbook_characters() -> set[str]:
    """The non-ASCII characters of the glossary's Chinese columns and of every PO translation."""
    from babel.messages.pofile import read_po

    text: list[str] = []
    with GLOSSARY.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            text += [value for column, value in row.items() if column.endswith("_zh") and value]
    for po_file in sorted(LOCALE_DIR.glob("*.po")):
        with po_file.open("rb") as handle:
            for message in read_po(handle):
                strings = message.string if isinstance(message.string, tuple) else (message.string,)
                text += [s for s in strings if s]
    return {ch for ch in "".join(text) if ord(ch) > 0x7E and not ch.isspace()}


def wanted_characters() -> set[str]:
    """All characters the subset should hold (before dropping those the source font lacks)."""
    chars = {chr(cp) for cp in range(0x20, 0x7F)} | gb2312_characters() | workbook_characters()
    for low, high in EXTRA_BLOCKS:
        chars |= {chr(cp) for cp in range(low, high + 1)}
    return chars


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def source_face(collection_path: Path) -> TTFont:
    """The Noto Sans CJK SC face of a Noto Sans CJK collection (.ttc)."""
    collection = TTCollection(str(collection_path))
    for font in collection.fonts:
        if font["name"].getDebugName(1) == SOURCE_FAMILY:
            return font
    raise ValueError(f"{collection_path} holds no face named {SOURCE_FAMILY!r}.")


def rename(font: TTFont, weight: str) -> None:
    """Give the subset its own family name (name table and CFF), keeping every notice."""
    version = font["name"].getDebugName(5)
    postscript = f"{POSTSCRIPT_FAMILY}-{weight}"
    names = {
        1: FAMILY,
        2: weight,
        3: f"{postscript};subset of {SOURCE_FAMILY} {version.split(';')[0]}",
        4: f"{FAMILY} {weight}" if weight != "Regular" else FAMILY,
        6: postscript,
    }
    table = font["name"]
    table.names = [record for record in table.names if record.nameID not in (16, 17)]
    for name_id, text in names.items():
        table.names = [record for record in table.names if record.nameID != name_id]
        table.setName(text, name_id, 3, 1, 0x409)
        table.setName(text, name_id, 1, 0, 0)
    cff = font["CFF "].cff
    cff.fontNames = [postscript]
    top = cff.topDictIndex[0]
    for key, value in (("FullName", names[4]), ("FamilyName", FAMILY)):
        if hasattr(top, key):
            setattr(top, key, value)
    if hasattr(top, "CIDFontName"):
        top.CIDFontName = postscript


def build(source_dir: Path, out_dir: Path, check_sums: bool) -> list[Path]:
    """Subset each weight of the source collection into ``out_dir``; return the written files."""
    wanted = wanted_characters()
    written = []
    for weight, (file_name, expected) in SOURCES.items():
        path = source_dir / file_name
        if not path.is_file():
            raise FileNotFoundError(f"{path} not found; see this script's docstring for the source.")
        actual = sha256(path)
        if check_sums and actual != expected:
            raise ValueError(f"{path} has SHA-256 {actual}, not {expected}; use --any-version to accept it.")
        font = source_face(path)
        cmap = font.getBestCmap()
        codepoints = sorted(ord(ch) for ch in wanted if ord(ch) in cmap)
        missing = sorted(ch for ch in wanted if ord(ch) not in cmap and not (0xFF00 <= ord(ch) <= 0xFFEF
                                                                           or 0x3000 <= ord(ch) <= 0x303F))
        if missing:
            raise ValueError(f"the source font lacks characters the workbook needs: {''.join(missing)!r}")
        options = subset.Options()
        options.drop_tables += ["VORG", "vhea", "vmtx", "BASE"]  # vertical text: matplotlib draws none
        # Horizontal shaping only: 'locl' and the vertical features would pull in thousands of
        # Japanese, Korean and Traditional glyph variants that Simplified Chinese text never uses.
        options.layout_features = ["ccmp", "kern", "liga", "calt", "mark", "mkmk"]
        options.hinting = False
        options.desubroutinize = False
        options.name_IDs = ["*"]
        options.name_languages = ["*"]
        subsetter = subset.Subsetter(options)
        subsetter.populate(unicodes=codepoints)
        subsetter.subset(font)
        rename(font, weight)
        font.recalcTimestamp = False
        out = out_dir / f"{POSTSCRIPT_FAMILY}-{weight}.otf"
        font.save(str(out))
        written.append(out)
        print(f"{out}: {len(codepoints)} characters, {out.stat().st_size:,} bytes "
              f"(source {file_name}, SHA-256 {actual})")
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source_dir", type=Path, help="folder holding NotoSansCJK-Regular.ttc and -Bold.ttc")
    parser.add_argument("--out", type=Path, default=FONT_DIR, help="output folder (default: the package's)")
    parser.add_argument("--any-version", action="store_true", help="accept source files of another version")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    build(args.source_dir, args.out, check_sums=not args.any_version)
    return 0


if __name__ == "__main__":
    sys.exit(main())
