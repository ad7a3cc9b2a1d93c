"""Reading a file a lecturer or student made, whatever program saved it: bytes to text (UTF-8 with or
without a byte-order mark, UTF-16, UTF-32, Windows-1252 as Excel writes it; a workbook, a PDF or Mac Roman
refused by name), CSV rows with their line numbers (comma, semicolon or tab; a cut-off file caught), and
where ``data/`` is.

Every problem raises :class:`CourseDataError` naming the file, the line, the field, the value found and
what is allowed; what the values may be is for ``helpers/checks.py`` and the loaders.
"""

from __future__ import annotations

import codecs
import csv
import io
import os
import sys
from pathlib import Path

import pandas as pd

DATA_ENV = "COURSE_DATA_DIR"
INSTALLED_DATA = Path("share") / "social-systems-course" / "data"  # where a non-editable install puts data/


class CourseDataError(ValueError):
    """A data file is missing or holds a value the course cannot use."""

    def __init__(
        self,
        file: Path | str,
        problem: str,
        *,
        line: int | None = None,
        field: str | None = None,
        found: object = None,
        allowed: str | None = None,
    ):
        self.file, self.line, self.field, self.found, self.allowed = str(file), line, field, found, allowed
        where = self.file + (f", line {line}" if line is not None else "")
        parts = [f"{where}: {problem}"]
        if field is not None:
            parts.append(f"field '{field}'")
        if found is not None:
            parts.append(f"found {found!r}")
        if allowed is not None:
            parts.append(f"allowed: {allowed}")
        super().__init__("; ".join(parts))


def find_data_dir() -> Path:
    """The ``data/`` folder: ``$COURSE_DATA_DIR``, else the checkout this package sits in,
    else the nearest ``data/`` above the working directory, else an installed copy."""
    candidates = []
    if os.environ.get(DATA_ENV):
        candidates.append(Path(os.environ[DATA_ENV]))
    candidates.append(Path(__file__).resolve().parent.parent / "data")
    cwd = Path.cwd().resolve()
    candidates.extend(folder / "data" for folder in (cwd, *cwd.parents))
    candidates.append(Path(sys.prefix) / INSTALLED_DATA)
    for candidate in candidates:
        if (candidate / "functions.csv").is_file():
            return candidate
    raise CourseDataError(
        candidates[0],
        "no course data folder found (looked for functions.csv)",
        allowed=f"set {DATA_ENV} to the course's data/ folder",
    )


SAVE_AS_UTF8 = "UTF-8: in Excel 'Save As' > 'CSV UTF-8 (comma delimited)', in a text editor 'Save with encoding UTF-8'"
# Files that are not text at all, by their first bytes.
SIGNATURES = {
    b"PK\x03\x04": ("an Excel workbook (.xlsx) or another zip file", ".xlsx/.zip"),
    b"\xd0\xcf\x11\xe0": ("an old Excel or Word file (.xls, .doc)", ".xls/.doc"),
    b"%PDF": ("a PDF document", "PDF"),
    b"{\\rtf": ("an RTF document (WordPad, TextEdit)", "RTF"),
}
# Byte-order marks: these encodings are certain, so the file loads. UTF-32 first (its mark starts like UTF-16's).
BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32", "UTF-32"),
    (codecs.BOM_UTF32_BE, "utf-32", "UTF-32"),
    (codecs.BOM_UTF8, "utf-8-sig", "UTF-8 with a byte-order mark"),
    (codecs.BOM_UTF16_LE, "utf-16", "UTF-16"),
    (codecs.BOM_UTF16_BE, "utf-16", "UTF-16"),
)
# What the non-ASCII characters of a Dutch or English course text are: accented letters and typographic
# punctuation. Ð Ñ Ò Ó Ô Õ are left out: they are Windows-1252's reading of a Mac's dashes and quotes.
LIKELY_LETTERS = frozenset("àáâäãåæçèéêëìíîïñòóôöõøùúûüýÿÀÁÂÄÃÅÆÇÈÉÊËÌÍÎÏÖØÙÚÛÜß")
LIKELY_PUNCTUATION = frozenset("–—‘’“”…€°«»·×")


class UnreadableText(ValueError):
    """Bytes the course cannot read as text safely: what was found, and on which line.
    ``name`` is the short name of what was found (``Mac Roman``, ``PDF``), the same in every language."""

    def __init__(self, problem: str, found: str, line: int | None = None, name: str = ""):
        self.problem, self.found, self.line, self.name = problem, found, line, name or found
        super().__init__(f"{problem}: found {found}")


def _line_at(raw: bytes, offset: int) -> int:
    return raw[:offset].count(b"\n") + 1


def _plausibility(text: str) -> int:
    """How much the non-ASCII characters of ``text`` look like those of a Dutch or English text: an accented
    letter or a dash counts +1; a quote between two letters, an upper-case accent inside a lower-case word or
    any other character (‡, Ž, ¿, Ð…) counts against."""
    score = 0
    for index, character in enumerate(text):
        if character.isascii():
            continue
        before = text[index - 1] if index else " "
        after = text[index + 1] if index + 1 < len(text) else " "
        if character in LIKELY_LETTERS:
            score += -2 if character.isupper() and before.islower() else 1
        elif character in LIKELY_PUNCTUATION:
            score += -1 if before.isalpha() and after.isalpha() and character not in "’–—" else 1
        else:
            score -= 2
    return score


def _looks_like_mac_roman(raw: bytes) -> bool:
    """Whether an 8-bit file reads more like a text in Mac Roman than in Windows-1252 (cliënt is
    b"cli\\x91nt" on a Mac, which Windows-1252 reads as cli‘nt)."""
    return _plausibility(raw.decode("mac_roman")) > _plausibility(raw.decode("cp1252", errors="replace"))


def decode_text(raw: bytes) -> tuple[str, str]:
    """The text in ``raw`` and the name of its encoding; raises :class:`UnreadableText` when the
    encoding is not one that can be read safely (a binary file, Mac Roman, an unknown 8-bit encoding).

    UTF-8 (with or without byte-order mark), UTF-16 and UTF-32 load; so does Windows-1252, which Excel
    writes for "CSV (puntkomma)" in a Dutch locale.

    >>> decode_text("cliënt".encode("cp1252")), decode_text("cliënt".encode("utf-16"))
    (('cliënt', 'Windows-1252'), ('cliënt', 'UTF-16'))
    >>> decode_text("cliënt".encode("mac_roman"))  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    helpers.decoding.UnreadableText: file is not in an encoding the course reads: found Mac Roman (an older Mac...)
    """
    for signature, (what, short) in SIGNATURES.items():
        if raw.startswith(signature):
            raise UnreadableText("not a text file", what, None, short)
    for bom, codec, name in BOMS:
        if raw.startswith(bom):
            try:
                return raw.decode(codec), name
            except UnicodeDecodeError as error:
                line = _line_at(raw, error.start)
                raise UnreadableText("file is damaged", f"{name} with invalid bytes", line, name) from None
    if b"\x00" in raw:
        return _decode_with_zero_bytes(raw)
    try:
        return raw.decode("utf-8"), "UTF-8"
    except UnicodeDecodeError as error:
        line = _line_at(raw, error.start)
    unreadable = "file is not in an encoding the course reads"
    if _looks_like_mac_roman(raw):
        raise UnreadableText(unreadable, "Mac Roman (an older Mac text format)", line, "Mac Roman")
    try:
        return raw.decode("cp1252"), "Windows-1252"
    except UnicodeDecodeError:
        found = "an 8-bit encoding that is neither UTF-8 nor Windows-1252 (Mac Roman, ISO-8859-x or another)"
        raise UnreadableText(unreadable, found, line, "8-bit (ISO-8859-x, Mac Roman…)") from None


def _decode_with_zero_bytes(raw: bytes) -> tuple[str, str]:
    """UTF-16 without a byte-order mark (every other byte zero in a mostly ASCII text); any other file
    with zero bytes is binary."""
    odd, even = raw[1::2].count(0), raw[0::2].count(0)
    codec = "utf-16-le" if odd > len(raw) // 8 and not even else "utf-16-be" if even > len(raw) // 8 and not odd else ""
    try:
        if codec:
            return raw.decode(codec), "UTF-16 without a byte-order mark"
    except UnicodeDecodeError:
        pass
    line = _line_at(raw, raw.index(0))
    raise UnreadableText("not a text file", "a binary file (it holds zero bytes)", line, "binary")


def read_text(path: Path) -> str:
    """A text file's contents: UTF-8 (with or without BOM), UTF-16 or UTF-32 with a byte-order mark, or
    Windows-1252 as Excel saves it; anything else stops with the encoding found and how to save the file."""
    if not path.is_file():
        raise CourseDataError(path, "not a file (a folder or a device)" if path.exists() else "file is missing")
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise CourseDataError(path, f"file cannot be read ({error.strerror or error})") from None
    try:
        text = decode_text(raw)[0]
    except UnreadableText as problem:
        raise CourseDataError(
            path, problem.problem, line=problem.line, found=problem.found, allowed=SAVE_AS_UTF8
        ) from None
    if not text.strip():
        raise CourseDataError(path, "file is empty")
    return text


def sniff_delimiter(header_line: str) -> str:
    """The separator of a CSV file, from its header: comma, semicolon (Excel in a Dutch locale) or tab
    (Excel's "Unicode text")."""
    counts = {delimiter: header_line.count(delimiter) for delimiter in (",", ";", "\t")}
    best = max(counts, key=lambda delimiter: counts[delimiter])
    return best if counts[best] > counts[","] else ","


ENDS_A_TEXT = (".", "?", "!", "…", ")", '"', "'", "”", "’", ":")


def read_csv(path: Path, columns: tuple[str, ...]) -> pd.DataFrame:
    """Read a CSV with the given required columns into strings, keeping each row's line number
    in the column ``_line``. Comma, semicolon or tab separated; ragged rows, an unclosed quote and
    a file that stops in the middle of a row or a text (cut off) are an error."""
    text = read_text(path)
    delimiter = sniff_delimiter(text.splitlines()[0])
    separated = f"separated by {delimiter!r}" if delimiter != "\t" else "separated by tabs"
    cut_off = not text.endswith(("\n", "\r"))  # no line break after the last row: perhaps cut off
    parsed = _parse_csv(path, text, delimiter, separated)
    header = [name.strip() for name in parsed[0][1]]
    _check_header(path, header, columns)
    rows, lines = [], []
    for number, (start, values) in enumerate(parsed[1:], start=2):
        if not any(value.strip() for value in values):
            continue
        if len(values) != len(header):
            if cut_off and number == len(parsed):
                raise CourseDataError(
                    path,
                    "the last row is incomplete and has no line break: the file looks cut off",
                    line=start,
                    found=f"{len(values)} fields",
                    allowed=f"a complete file: {len(header)} fields in every row",
                )
            raise CourseDataError(
                path,
                "row has the wrong number of fields",
                line=start,
                found=f"{len(values)} fields",
                allowed=f"{len(header)} fields, {separated} (quote text that contains the separator)",
            )
        rows.append([value.strip() for value in values])
        lines.append(start)
    if not rows:
        raise CourseDataError(path, "file has a header but no rows")
    if cut_off and not text.rstrip().endswith('"'):
        last = rows[-1][-1]
        if header[-1].endswith(("_nl", "_en")) and last and not last.endswith(ENDS_A_TEXT):
            raise CourseDataError(
                path,
                "file ends in the middle of a text, without a line break: it looks cut off",
                line=lines[-1],
                field=header[-1],
                found=last[-40:],
                allowed="a complete file (if the row is complete, add a line break after it)",
            )
    frame = pd.DataFrame(rows, columns=header, dtype=object)[list(columns)]
    frame["_line"] = lines
    return frame


def _parse_csv(path: Path, text: str, delimiter: str, separated: str) -> list[tuple[int, list[str]]]:
    """Every row of a CSV text with the line it starts on; an unclosed quote or text after a closing
    quote is an error."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    parsed, line = [], 0
    try:
        for values in reader:
            parsed.append((line + 1, values))
            line = reader.line_num
    except csv.Error as error:
        if "end of data" in str(error):
            raise CourseDataError(
                path,
                "file ends inside a quoted text: it looks cut off (an upload or copy that stopped half-way)",
                line=line + 1,
                allowed="a complete file, in which every opening quote is closed",
            ) from None
        raise CourseDataError(
            path,
            "row cannot be read",
            line=reader.line_num,
            found=str(error),
            allowed=f'fields {separated}; a quote inside a quoted text is written twice ("")',
        ) from None
    return parsed


def _check_header(path: Path, header: list[str], columns: tuple[str, ...]) -> None:
    missing = [name for name in columns if name not in header]
    if missing:
        raise CourseDataError(
            path,
            "column missing",
            line=1,
            field=missing[0],
            found=", ".join(header),
            allowed="columns " + ", ".join(columns),
        )
    named = [name for name in header if name]  # Excel may add empty columns at the end
    if len(set(named)) != len(named):
        duplicate = next(name for name in named if named.count(name) > 1)
        raise CourseDataError(path, "column appears twice", line=1, field=duplicate)
