"""Case vignettes: one plain-text file per vignette in ``data/vignettes/`` (the format is in
``data/README.md``; why text and not CSV in ``docs/decisions/0005-vignette-text-format.md``).

A file is a header (``id``, titles, ``fictional``, settings) and numbered moves, each ``field: value`` on
a line of its own. A bad file raises :class:`~helpers.decoding.CourseDataError` with the line, the field,
the value found and what is allowed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from helpers.checks import ID_PATTERN
from helpers.decoding import ENDS_A_TEXT, CourseDataError, read_text
from helpers.vocabulary import PERSPECTIVES

VIGNETTE_HEADER = ("id", "title_nl", "title_en", "fictional", "setting_nl", "setting_en")
MOVE_FIELDS = ("actor_nl", "actor_en", "text_nl", "text_en", "key", "dimension", "reason_nl", "reason_en")


@dataclass
class Vignette:
    """A case vignette: header texts and its numbered moves (one row per move)."""

    vignette_id: str
    title_nl: str
    title_en: str
    fictional: bool
    setting_nl: str
    setting_en: str
    moves: pd.DataFrame
    path: Path = field(repr=False, default=Path())


def load_vignette(path: Path, dimensions: pd.DataFrame) -> Vignette:
    """Parse one vignette file (format in data/README.md)."""
    header, moves = _read_fields(path)
    _check_header(path, header)
    if not moves:
        raise CourseDataError(path, "vignette has no moves", allowed="one or more 'move: N' blocks")
    for move in moves:
        _check_move(path, move, dimensions)
    frame = pd.DataFrame([{k: v for k, v in m.items() if not k.startswith("_line_")} for m in moves])
    return Vignette(
        header["id"],
        header["title_nl"],
        header["title_en"],
        header["fictional"] == "yes",
        header["setting_nl"],
        header["setting_en"],
        frame.set_index("move"),
        path,
    )


def _read_fields(path: Path) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """The header's fields and each move's, as field -> text and ``_line_<field>`` -> its line number; a line
    that is not ``field: value``, an unknown field, a field given twice or empty, moves out of order and a file
    cut off inside a text stop here."""
    header: dict[str, Any] = {}
    moves: list[dict[str, Any]] = []
    current = header
    text = read_text(path)
    last: tuple[int, str, str] = (0, "", "")  # the last field read: a cut-off file stops inside it
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        name, value = _field(path, number, line)
        if name == "move":
            expected = str(len(moves) + 1)
            if value != expected:
                raise CourseDataError(
                    path, "moves out of order", line=number, field="move", found=value, allowed=expected
                )
            current = {"move": int(value), "_line": number}
            moves.append(current)
            continue
        allowed_fields = VIGNETTE_HEADER if current is header else MOVE_FIELDS
        if name not in allowed_fields:
            raise CourseDataError(
                path,
                "unknown field",
                line=number,
                field=name,
                allowed=", ".join(allowed_fields) + ("" if moves else ", move"),
            )
        if name in current:
            raise CourseDataError(path, "field given twice", line=number, field=name)
        if not value:
            raise CourseDataError(path, "empty value", line=number, field=name, allowed="a non-empty text")
        current[name] = value
        current[f"_line_{name}"] = number
        last = (number, name, value)
    number, name, value = last
    if not text.endswith(("\n", "\r")) and name.endswith(("_nl", "_en")) and not value.endswith(ENDS_A_TEXT):
        raise CourseDataError(
            path,
            "file ends in the middle of a text, without a line break: it looks cut off",
            line=number,
            field=name,
            found=value[-40:],
            allowed="a complete file (if the text is complete, add a line break after it)",
        )
    return header, moves


def _field(path: Path, number: int, line: str) -> tuple[str, str]:
    """The name and the value of a ``field: value`` line."""
    name, colon, value = line.partition(":")
    name, value = name.strip(), value.strip()
    if not colon or not ID_PATTERN.match(name):
        raise CourseDataError(
            path,
            "line is not 'field: value'",
            line=number,
            found=line[:60],
            allowed="field: value, a '# comment' or an empty line",
        )
    return name, value


def _check_header(path: Path, header: dict[str, Any]) -> None:
    """Every header field is there, the id is valid and equals the file name, ``fictional`` is yes or no."""
    for name in VIGNETTE_HEADER:
        if name not in header:
            raise CourseDataError(
                path, "header field missing", line=1, field=name, allowed="header fields " + ", ".join(VIGNETTE_HEADER)
            )
    if not ID_PATTERN.match(path.stem):
        suggestion = suggest_id(path.stem)
        raise CourseDataError(
            path,
            "file name is not a valid vignette id",
            line=header["_line_id"],
            field="id",
            found=path.stem,
            allowed=f"lower-case letters, digits and _: rename the file to {suggestion}.txt and write "
            f"'id: {suggestion}' (a copy such as 'x (1).txt' needs its own id, or remove it)",
        )
    if not ID_PATTERN.match(header["id"]):
        raise CourseDataError(
            path,
            "not a valid id",
            line=header["_line_id"],
            field="id",
            found=header["id"],
            allowed=f"lower-case letters, digits and _, equal to the file name: {path.stem}",
        )
    if header["id"] != path.stem:
        raise CourseDataError(
            path,
            "id differs from the file name",
            line=header["_line_id"],
            field="id",
            found=header["id"],
            allowed=f"{path.stem} (or rename the file to {header['id']}{path.suffix})",
        )
    if header["fictional"] not in ("yes", "no"):
        raise CourseDataError(
            path,
            "unknown value",
            line=header["_line_fictional"],
            field="fictional",
            found=header["fictional"],
            allowed="yes, no",
        )


def _check_move(path: Path, move: dict[str, Any], dimensions: pd.DataFrame) -> None:
    """Every field of a move is there, its key is a perspective and its dimension one of that perspective's."""
    for name in MOVE_FIELDS:
        if name not in move:
            raise CourseDataError(
                path,
                f"move {move['move']} has no {name}",
                line=move["_line"],
                field=name,
                allowed="every move has " + ", ".join(MOVE_FIELDS),
            )
    if move["key"] not in PERSPECTIVES:
        raise CourseDataError(
            path,
            "unknown key",
            line=move["_line_key"],
            field="key",
            found=move["key"],
            allowed=", ".join(PERSPECTIVES),
        )
    matching = list(dimensions.index[dimensions["perspective"] == move["key"]])
    if move["dimension"] not in matching:
        raise CourseDataError(
            path,
            "unknown dimension for this key",
            line=move["_line_dimension"],
            field="dimension",
            found=move["dimension"],
            allowed=f"a {move['key']} dimension: " + ", ".join(matching),
        )


def suggest_id(name: str) -> str:
    """A valid id made from a file name: ``suggest_id("Mehmet acute (1)") == "mehmet_acute_1"``."""
    return re.sub(r"_+", "_", re.sub(r"[^a-z0-9]", "_", name.lower())).strip("_") or "vignette"


# Files a lecturer may have written a vignette in; they are refused with how to save it as text.
DOCUMENT_SUFFIXES = (".docx", ".doc", ".odt", ".rtf", ".pdf", ".md", ".text", ".pages")


def vignette_files(folder: Path) -> list[Path]:
    """The vignette files in ``folder``: every ``*.txt`` (also ``*.TXT``), sorted; hidden and system
    files are left alone."""
    if not folder.is_dir():
        return []
    found = []
    for path in sorted(folder.iterdir()):
        if path.name.startswith((".", "~")) or not path.is_file():
            continue
        if path.suffix.lower() == ".txt":
            found.append(path)
        elif path.suffix.lower() in DOCUMENT_SUFFIXES:
            raise CourseDataError(
                path,
                "a vignette must be a plain text file",
                found=path.suffix,
                allowed="a .txt file saved as UTF-8 text (in Word: 'Save As' > 'Plain Text (.txt)', encoding UTF-8)",
            )
    return found


def load_vignettes(folder: Path, dimensions: pd.DataFrame) -> dict[str, Vignette]:
    files = vignette_files(folder / "vignettes")
    if not files:
        raise CourseDataError(folder / "vignettes", "no vignette files", allowed="one or more *.txt files")
    return {v.vignette_id: v for v in (load_vignette(path, dimensions) for path in files)}
