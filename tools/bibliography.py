"""The course bibliography (``data/references.csv``) and the author–year citations in a lesson.

One row per work; :func:`load_references` checks that every entry is complete for its kind
and raises :class:`~helpers.decoding.CourseDataError` naming the file, line, field and value.
Lessons cite works author–year; :func:`citations_in` finds those citations in a text and
:func:`resolve` finds the entry each one means.

>>> refs = load_references()
>>> [resolve(c, refs) for c in citations_in("CHIME (Leamy et al., 2011); Nobody (1999).")]
['leamy2011', None]
"""

from __future__ import annotations

import re
import textwrap
import unicodedata
from pathlib import Path
from typing import NamedTuple

import pandas as pd

from helpers.checks import ID_PATTERN
from helpers.decoding import CourseDataError, find_data_dir, read_csv

FILE = "references.csv"
COLUMNS = (
    "key",
    "kind",
    "authors",
    "year",
    "title",
    "container",
    "volume",
    "issue",
    "pages",
    "publisher",
    "url",
    "cited_in",
    "note",
    "note_nl",
)
KINDS = ("article", "book", "chapter", "report", "web", "secondary")
REQUIRED = {  # fields every entry of a kind must fill in (web: also container or publisher)
    "article": ("authors", "year", "title", "container", "volume", "pages"),
    "book": ("authors", "year", "title", "publisher"),
    "chapter": ("authors", "year", "title", "container", "pages", "publisher"),
    "report": ("authors", "year", "title", "publisher"),
    "web": ("authors", "year", "title", "url"),
    "secondary": ("authors", "year", "cited_in"),
}
NO_DATE = "n.d."
# What an APA reference list says in each language: no date, and a work known from another.
LIST_WORDS = {
    "en": {"no_date": "n.d.", "cited": "as cited in"},
    "nl": {"no_date": "z.d.", "cited": "zoals geciteerd in"},
}
YEAR = re.compile(r"\d{4}[a-z]?")
PAGES = re.compile(r"\d+(–\d+)?|e\d+|Article \d+")
SUFFIXES = {"jr.", "sr.", "ii", "iii"}


# ---------------------------------------------------------------- the bibliography file


def load_references(folder: Path | str | None = None) -> pd.DataFrame:
    """Read and check ``references.csv`` in ``folder`` (default: the course's data folder).
    Returns one row per work, indexed by ``key``, with the file's line in ``_line``."""
    path = Path(folder if folder is not None else find_data_dir()) / FILE
    frame = read_csv(path, COLUMNS)
    seen: set[str] = set()
    for _, row in frame.iterrows():
        check_entry(path, row, seen)
        seen.add(row["key"])
    references = frame.set_index("key", drop=False)
    for _, row in references[references["kind"] == "secondary"].iterrows():
        target = row["cited_in"]
        if target not in references.index or references.at[target, "kind"] == "secondary":
            fail(
                path,
                row,
                "cited_in",
                "cited_in does not name a complete work",
                "the key of another entry that is not itself secondary",
            )
    return references


def fail(path: Path, row: pd.Series, field: str, problem: str, allowed: str) -> None:
    raise CourseDataError(path, problem, line=int(row["_line"]), field=field, found=row[field], allowed=allowed)


def check_entry(path: Path, row: pd.Series, seen: set[str]) -> None:
    """Raise CourseDataError for the first thing wrong with one entry."""
    _check_what_it_is(path, row, seen)
    _check_how_it_is_written(path, row)


def _check_what_it_is(path: Path, row: pd.Series, seen: set[str]) -> None:
    """A new valid key, a known kind, every field the kind needs, a year."""
    if not ID_PATTERN.match(row["key"]):
        fail(path, row, "key", "not a valid key", "lower-case letters, digits and _ (leamy2011)")
    if row["key"] in seen:
        fail(path, row, "key", "duplicate key", "each key once")
    if row["kind"] not in KINDS:
        fail(path, row, "kind", "unknown kind of work", ", ".join(KINDS))
    for name in missing_fields(row):
        fail(
            path,
            row,
            name,
            f"a {row['kind']} entry needs its {name}",
            f"a {row['kind']} fills in "
            + ", ".join(REQUIRED[row["kind"]])
            + (" and container or publisher" if row["kind"] == "web" else ""),
        )
    dateless = row["kind"] in ("web", "secondary")
    if not (YEAR.fullmatch(row["year"]) or (dateless and row["year"] == NO_DATE)):
        fail(
            path,
            row,
            "year",
            "not a year",
            "four digits, e.g. 2011 or 2015a"
            + (" (or n.d.)" if dateless else " (n.d. only for web pages and secondary citations)"),
        )


def _check_how_it_is_written(path: Path, row: pd.Series) -> None:
    """Authors, pages, volume, address, secondary citation and notes as APA and the course write them."""
    if "et al" in row["authors"]:
        fail(path, row, "authors", "authors abbreviated", "every author, as in APA: Leamy, M., Bird, V., & Slade, M.")
    if len(surnames(row["authors"])) > 1 and "&" not in row["authors"]:
        fail(path, row, "authors", "no & before the last author", "Surname, I., Surname, I., & Surname, I.")
    if row["pages"] and not PAGES.fullmatch(row["pages"]):
        fail(path, row, "pages", "not a page range", "445–452 (with an en dash –), e123 or Article 12")
    if row["volume"] and not row["volume"].isdigit():
        fail(path, row, "volume", "not a volume number", "digits only, e.g. 199")
    if row["url"] and not row["url"].startswith(("https://", "http://")):
        fail(path, row, "url", "not a web address", "an address starting with https:// or http://")
    if row["cited_in"] and row["kind"] != "secondary":
        fail(path, row, "cited_in", "cited_in is only for secondary citations", "empty, or kind secondary")
    for filled, empty in (("note", "note_nl"), ("note_nl", "note")):
        if row[filled] and not row[empty]:
            fail(path, row, empty, "a note in one language only", f"the note in both languages ({filled} is filled in)")


DOI = re.compile(r"https://doi\.org/10\.\d{4,9}/\S+")


def missing_fields(row: pd.Series) -> list[str]:
    """The fields an entry of its kind must fill in but leaves empty.

    An article in an online journal that numbers its articles instead of paging them may give
    its DOI (``url``: https://doi.org/…) in place of pages.
    """
    missing = [name for name in REQUIRED.get(row["kind"], ()) if not str(row[name]).strip()]
    if row["kind"] == "article" and "pages" in missing and DOI.fullmatch(str(row["url"]).strip()):
        missing.remove("pages")
    if row["kind"] == "web" and not (row["container"] or row["publisher"]):
        missing.append("container")
    return missing


def surnames(authors: str) -> list[str]:
    """The surnames (or organisation names) in an APA author list.

    >>> surnames("Røssberg, J. I., & Friis, S.")
    ['Røssberg', 'Friis']
    """
    parts = [p.strip() for p in re.split(r"\s*(?:,|&)\s*", authors) if p.strip()]
    return [p for p in parts if not re.fullmatch(r"(?:[A-ZÀ-Þ][a-z]?\.[\s-]*)+", p) and p.casefold() not in SUFFIXES]


# ---------------------------------------------------------------- formatting


def year(row: pd.Series, language: str = "en") -> str:
    """The entry's year, or 'no date' as the language's reference lists write it."""
    return LIST_WORDS[language]["no_date"] if row["year"] == NO_DATE else row["year"]


def short_citation(row: pd.Series, language: str = "en") -> str:
    """How the text cites an entry: ``Leamy et al. (2011)``, ``Røssberg & Friis (2004)``."""
    names = surnames(row["authors"])
    who = names[0] if len(names) == 1 else " & ".join(names) if len(names) == 2 else f"{names[0]} et al."
    return f"{who} ({year(row, language)})"


def format_entry(row: pd.Series, references: pd.DataFrame | None = None, language: str = "en") -> str:
    """One reference-list line in APA style, as markdown (italics with ``*…*``), for a list in
    ``language``: a Dutch list keeps a Dutch title without the English translation in brackets.

    >>> refs = load_references()
    >>> format_entry(refs.loc["parsons1953"])
    'Parsons, T., Bales, R. F., & Shils, E. A. (1953). *Working papers in the theory of action*. Free Press.'
    >>> format_entry(refs.loc["movisie2016"], language="nl")[:85]
    'Movisie. (2016). *De sociaal werker in spagaat: Persoonlijk versus klinisch herstel*.'
    """
    kind = row["kind"]
    if kind == "secondary":
        source = row["cited_in"]
        if references is not None and source in references.index:
            source = short_citation(references.loc[source], language)
        title = f" {sentence(row['title'])}" if row["title"] else ""
        return f"{short_citation(row, language)}, {LIST_WORDS[language]['cited']} {source}.{title}"
    if language == "nl":
        row = row.copy()
        row["title"] = re.sub(r"\s*\[[^\]]*\]$", "", row["title"])
    authors = row["authors"] if row["authors"].endswith(".") else row["authors"] + "."
    parts = [f"{authors} ({year(row, language)})."]
    if kind == "article":
        issue = f"({row['issue']})" if row["issue"] else ""
        pages = f", {row['pages']}" if row["pages"] else ""  # an online journal may give a DOI instead
        parts += [sentence(row["title"]), f"*{row['container']}*, *{row['volume']}*{issue}{pages}."]
    elif kind == "chapter":
        parts += [sentence(row["title"]), f"In *{row['container']}* (pp. {row['pages']}).", sentence(row["publisher"])]
    else:
        parts.append(italic_title(row["title"]))
        for name in ("container", "publisher"):
            if row[name] and row[name] != row["authors"]:
                parts.append(sentence(row[name]))
    if row["url"]:
        parts.append(row["url"])
    return " ".join(parts)


def sentence(text: str) -> str:
    return text if text.endswith((".", "?", "!")) else text + "."


def italic_title(title: str) -> str:
    """``*Title*.``, keeping an edition such as ``(2nd ed.)`` upright as APA does."""
    match = re.fullmatch(r"(.*?)\s*(\(\d+\w* ed\.\))", title)
    if match:
        return f"*{match.group(1)}* {match.group(2)}."
    return f"*{title}*" + ("" if title.endswith(("?", "!")) else ".")


def sort_key(row: pd.Series) -> tuple[str, str]:
    plain = unicodedata.normalize("NFKD", row["authors"].translate(str.maketrans("øØæÆ", "oOaA")))
    return "".join(c for c in plain if not unicodedata.combining(c)).casefold(), row["year"]


def reference_list(
    items: list[tuple[str, str]], references: pd.DataFrame, width: int = 100, language: str = "en"
) -> str:
    """A markdown list of the given ``(key, lesson note)`` pairs, sorted as APA sorts a
    reference list; each entry is followed by its general note (in ``language``) and then the
    lesson's note, each after a dash."""
    entries = dict(references.iterrows())
    rows = sorted(((entries[key], note) for key, note in items), key=lambda pair: sort_key(pair[0]))
    lines = []
    for row, note in rows:
        general = row["note_nl" if language == "nl" else "note"]
        text = " — ".join(part for part in (format_entry(row, references, language), general, note) if part)
        lines.append(
            textwrap.fill(
                text, width, initial_indent="- ", subsequent_indent="  ", break_long_words=False, break_on_hyphens=False
            )
        )
    return "\n".join(lines)


# ---------------------------------------------------------------- citations in a text


class Citation(NamedTuple):
    """One author–year citation found in a text."""

    text: str  # for messages, e.g. "Leamy et al. (2011)" for "Leamy et al., 2011"
    surnames: tuple[str, ...]  # the names written, e.g. ("Leamy",)
    et_al: bool
    year: str  # "2011", "2015a" or "n.d."
    hint: str = ""  # what follows the year inside the brackets, e.g. "Br J Psychiatry"


_UPPER = "A-ZÀ-ÖØ-ÞŁŚŠŽ"
_WORD = rf"[{_UPPER}][’']?[^\W\d_]+(?:-[{_UPPER}][^\W\d_]+)*"
_PARTICLE = r"(?:[Vv]an|[Vv]on|[Dd]e|[Dd]er|[Dd]en|[Dd]i|[Dd]u|[Ll]a|[Ll]e|[Tt]en|[Tt]er)"
_NAME = rf"(?:{_PARTICLE}\s+)*{_WORD}(?:\s+(?:voor|van|of|for)\s+{_WORD})*"  # also "Instituut voor Sociotherapie"
_YEAR = r"(?:\d{4}[a-z]?(?!\w)|n\.d\.)"
CITATION = re.compile(
    rf"(?<![\w’'-])(?P<authors>{_NAME}(?:\s*,\s*{_NAME})*(?:\s*,?\s*(?:&|and)\s+{_NAME})?)"
    rf"(?P<etal>\s+et\s+al\.?)?[*_]*(?:['’]s)?"
    rf"(?:\s*\(\s*|\s*,\s*)(?P<years>{_YEAR}(?:\s*[/;,]\s*{_YEAR})*)"
    rf"(?:\s*,\s*(?P<hint>[^();]*))?"
)


def citations_in(text: str) -> list[Citation]:
    """The author–year citations in a text, one per year (``Slade (2009/2017)`` gives two).
    Names without a year (``Parsons' AGIL``, ``Houweling-Meijers & Visser``) are not citations.

    >>> [c.text for c in citations_in("Liberman, Kopelowicz, Ventura & Gutkind (2002) and (Wing et al., 1998)")]
    ['Liberman, Kopelowicz, Ventura & Gutkind (2002)', 'Wing et al. (1998)']
    """
    found = []
    for match in CITATION.finditer(text):
        written = " ".join(match["authors"].split())
        names = tuple(n for n in re.split(r"\s*(?:,|&|\band\b)\s*", written) if n)
        et_al = bool(match["etal"])
        for year in re.findall(_YEAR, match["years"]):
            shown = f"{written}{' et al.' if et_al else ''} ({year})"
            found.append(Citation(shown, names, et_al, year, (match["hint"] or "").strip(" *_")))
    return found


def _fold(name: str) -> str:
    return " ".join(name.split()).casefold()


def _names_match(cited: tuple[str, ...], et_al: bool, authors: list[str]) -> bool:
    if et_al and not (len(authors) >= 3 and len(authors) > len(cited)):
        return False  # APA uses "et al." only for three or more authors
    if not et_al and len(authors) != len(cited):
        return False
    pairs = zip((_fold(c) for c in cited), (_fold(a) for a in authors), strict=False)  # "et al.": fewer cited
    return all(a == c or a.endswith(" " + c) for c, a in pairs)


def journal_hint(hint: str) -> bool:
    """Does the text after the year name a journal (``Br J Psychiatry``), not a page or remark?"""
    words = re.findall(r"[^\W\d_]+", hint)
    return bool(words) and all(w[0].isupper() for w in words)


def journal_matches(hint: str, container: str) -> bool:
    """Does ``Br J Psychiatry`` (or the full name) name ``British Journal of Psychiatry``?"""
    skip = {"of", "and", "the", "for", "in", "on"}
    short = [w for w in re.findall(r"[^\W\d_]+", hint.casefold()) if w not in skip]
    full = [w for w in re.findall(r"[^\W\d_]+", container.casefold()) if w not in skip]
    return bool(short) and len(short) == len(full) and all(f.startswith(s) for s, f in zip(short, full, strict=True))


def candidates(citation: Citation, references: pd.DataFrame) -> list[str]:
    """The keys whose authors and year fit the citation, and its journal if it names one
    after the year. More than one key: the citation is ambiguous."""
    keys = [
        str(key)
        for key, row in references.iterrows()
        if row["year"] == citation.year and _names_match(citation.surnames, citation.et_al, surnames(row["authors"]))
    ]
    if journal_hint(citation.hint):
        keys = [k for k in keys if journal_matches(citation.hint, str(references.at[k, "container"]))]
    return keys


def resolve(citation: Citation, references: pd.DataFrame) -> str | None:
    """The key of the one entry a citation means: same year, the names written are the
    authors (all of them, or the first ones before "et al."), and the journal if one is named
    after the year. Two works by the same authors in one year are told apart that way,
    as in ``Williams et al. (2015, Br J Psychiatry)``. ``None`` when no entry, or more than
    one, fits."""
    keys = candidates(citation, references)
    return keys[0] if len(keys) == 1 else None


def citation_problems(text: str, listed: list[str] | set[str], references: pd.DataFrame) -> list[str]:
    """Readable problems with the citations in a lesson's text, given the keys it lists.

    >>> citation_problems("Nobody (1999) says so.", [], load_references())
    ['Nobody (1999): no entry in references.csv has these authors and this year']
    """
    problems = []
    for citation in citations_in(text):
        keys = candidates(citation, references)
        if not keys:
            where = f" in {citation.hint}" if journal_hint(citation.hint) else ""
            problem = f"{citation.text}: no entry in {FILE} has these authors and this year{where}"
            near = [
                short_citation(row) + (f" in {row['container']}" if where else "")
                for _, row in references.iterrows()
                if row["year"] == citation.year and _fold(surnames(row["authors"])[0]) == _fold(citation.surnames[0])
            ]
            problems.append(problem + (f" (did you mean {' or '.join(near)}?)" if near else ""))
        elif len(keys) > 1:
            problems.append(
                f"{citation.text}: fits {', '.join(keys)}; name the journal after the year, "
                "e.g. (2015, Br J Psychiatry)"
            )
        elif keys[0] not in listed:
            problems.append(f"{citation.text}: is {keys[0]}, which the lesson's references metadata does not list")
    return list(dict.fromkeys(problems))
