"""One bibliography for the course: complete entries, every author–year citation in a lesson
resolves to an entry the lesson lists, and every References section is rendered from it."""

from __future__ import annotations

import sys

import nbformat
import pandas as pd
import pytest
from bibliography import (  # tools/ (on the path through conftest)
    COLUMNS,
    citation_problems,
    citations_in,
    format_entry,
    load_references,
    missing_fields,
    reference_list,
    resolve,
    surnames,
)

from helpers.decoding import CourseDataError
from tests.conftest import ROOT

sys.path.insert(0, str(ROOT / "tools"))
import references as reference_tool

REFERENCES = load_references()
LESSONS = reference_tool.lesson_paths()


def test_the_examples_in_the_bibliography_module_hold():
    import doctest

    import bibliography

    result = doctest.testmod(bibliography)
    assert result.attempted >= 5 and result.failed == 0


def table(*rows: dict) -> pd.DataFrame:
    """A small bibliography in memory, in the shape load_references returns."""
    frame = pd.DataFrame([{**dict.fromkeys(COLUMNS, ""), **row} for row in rows], dtype=object)
    frame["_line"] = range(2, 2 + len(frame))
    return frame.set_index("key", drop=False)


WILLIAMS = table(
    {
        "key": "williams2015qpr",
        "kind": "article",
        "authors": "Williams, J., Leamy, M., Pesola, F., & Slade, M.",
        "year": "2015",
        "title": "QPR",
        "container": "British Journal of Psychiatry",
        "volume": "207",
        "pages": "551–555",
    },
    {
        "key": "williams2015inspire",
        "kind": "article",
        "authors": "Williams, J., Leamy, M., Bird, V., & Slade, M.",
        "year": "2015",
        "title": "INSPIRE",
        "container": "Social Psychiatry and Psychiatric Epidemiology",
        "volume": "50",
        "pages": "1–10",
    },
)


def write(folder, *lines: str):
    (folder / "references.csv").write_text("\n".join([",".join(COLUMNS), *lines]) + "\n", encoding="utf-8")
    return folder


# ---------------------------------------------------------------- (1) the bibliography


def test_every_entry_is_complete_for_its_kind():
    assert len(REFERENCES) > 20
    assert {key: missing_fields(row) for key, row in REFERENCES.iterrows() if missing_fields(row)} == {}


def test_every_entry_formats_and_secondary_citations_name_a_complete_work():
    for _, row in REFERENCES.iterrows():
        assert format_entry(row, REFERENCES).count("*") % 2 == 0
        if row["kind"] == "secondary":
            assert REFERENCES.at[row["cited_in"], "kind"] != "secondary"


def test_the_two_source_texts_are_in_the_bibliography():
    assert REFERENCES.at["sociotherapie2005", "url"].endswith("soc04.htm")
    assert REFERENCES.at["movisie2016", "authors"] == "Movisie"


@pytest.mark.parametrize(
    "line, field",
    [
        ('a1,article,"Doe, J.",2001,Title,Journal,3,,,,,,,', "pages"),  # an article needs pages
        ('a1,article,"Doe, J.",2001,Title,Journal,3,,5-9,,,,,', "pages"),  # hyphen, not an en dash
        ('a1,book,"Doe, J.",n.d.,Title,,,,,Press,,,,', "year"),  # n.d. only for web pages
        ('a1,book,"Doe, J., Roe, R.",2001,Title,,,,,Press,,,,', "authors"),  # no & before the last author
        ('a1,book,"Doe, J. et al.",2001,Title,,,,,Press,,,,', "authors"),  # every author, not et al.
        ("a1,web,Org,2001,Title,,,,,,,,,", "url"),  # a web page needs its address
        ("a1,secondary,Doe,2001,,,,,,,,nowhere,,", "cited_in"),  # cited_in names no entry
        ('A-1,book,"Doe, J.",2001,Title,,,,,Press,,,,', "key"),
        ('a1,poem,"Doe, J.",2001,Title,,,,,Press,,,,', "kind"),
        ('a1,book,"Doe, J.",2001,Title,,,,,Press,,,A note.,', "note_nl"),  # a note in English only
        ('a1,book,"Doe, J.",2001,Title,,,,,Press,,,,Een noot.', "note"),  # a note in Dutch only
    ],
)
def test_an_incomplete_or_wrong_entry_is_named_precisely(tmp_path, line, field):
    with pytest.raises(CourseDataError) as error:
        load_references(write(tmp_path, line))
    assert (error.value.line, error.value.field) == (2, field)
    assert "references.csv" in str(error.value) and "allowed" in str(error.value)


def test_a_dutch_list_drops_the_translated_title_and_speaks_dutch():
    english = " ".join(reference_list([("movisie2016", ""), ("stam2014", "")], REFERENCES).split())
    dutch = " ".join(reference_list([("movisie2016", ""), ("stam2014", "")], REFERENCES, language="nl").split())
    assert "[The social worker caught in between" in english and "[The social worker" not in dutch
    assert "as cited in Movisie (2016)" in english and "zoals geciteerd in Movisie (2016)" in dutch
    assert "The source text of lessons 05–07." in english and "De brontekst van les 05–07." in dutch


def test_a_complete_small_bibliography_loads(tmp_path):
    refs = load_references(
        write(tmp_path, 'a1,book,"Doe, J., & Roe, R.",2001,Title,,,,,Press,,,,', "s1,secondary,Stam,2014,,,,,,,,a1,,")
    )
    assert list(refs.index) == ["a1", "s1"]


# ---------------------------------------------------------------- (2)–(4) every lesson


def test_the_lessons_and_the_dashboard_are_checked():
    names = [p.name for p in LESSONS]
    assert names[0] == "00_start_here.ipynb" and "class_dashboard.ipynb" in names
    assert "00_start.ipynb" in names and "klasdashboard.ipynb" in names, "the Dutch lessons too"


@pytest.mark.parametrize("path", LESSONS, ids=lambda p: str(p.relative_to(ROOT / "notebooks")))
def test_lesson_lists_its_works_by_known_keys(path):
    items = reference_tool.listed(nbformat.read(path, as_version=4))
    assert items is not None, 'add "course": {"references": [...]} to the notebook metadata'
    assert [key for key, _ in items if key not in REFERENCES.index] == []


@pytest.mark.parametrize("path", LESSONS, ids=lambda p: str(p.relative_to(ROOT / "notebooks")))
def test_every_citation_resolves_to_a_listed_entry(path):
    notebook = nbformat.read(path, as_version=4)
    keys = [key for key, _ in reference_tool.listed(notebook) or []]
    text = reference_tool.lesson_text(notebook, reference_tool.language_of(path))
    assert citation_problems(text, keys, REFERENCES) == []


@pytest.mark.parametrize("path", LESSONS, ids=lambda p: str(p.relative_to(ROOT / "notebooks")))
def test_references_section_is_rendered_from_the_keys(path):
    notebook, language = nbformat.read(path, as_version=4), reference_tool.language_of(path)
    cells = reference_tool.section_cells(notebook, language)
    assert len(cells) == 1, f"one markdown cell with a '{reference_tool.HEADINGS[language]}' line"
    source = notebook.cells[cells[0]].source
    items = reference_tool.listed(notebook) or []
    assert source == reference_tool.rendered(source, items, REFERENCES, language), "run: python3 course.py references"


# ---------------------------------------------------------------- (5) the pieces, on small strings


@pytest.mark.parametrize(
    "text, names, et_al, year",
    [
        ("Leamy et al. (2011)", ("Leamy",), True, "2011"),
        ("CHIME (Leamy et al., 2011).", ("Leamy",), True, "2011"),
        ("(Wing et al., 1998)", ("Wing",), True, "1998"),
        ("Røssberg & Friis (2004) compared", ("Røssberg", "Friis"), False, "2004"),
        (
            "Liberman, Kopelowicz, Ventura & Gutkind (2002)",
            ("Liberman", "Kopelowicz", "Ventura", "Gutkind"),
            False,
            "2002",
        ),
        ("**Slade (2009)** says", ("Slade",), False, "2009"),
        ("trend report (Van Hoof et al., 2014)", ("Van Hoof",), True, "2014"),
        ("forensic hospitals (Schalast et al., 2008); a", ("Schalast",), True, "2008"),
        ("Houweling-Meijers & Visser (n.d.)", ("Houweling-Meijers", "Visser"), False, "n.d."),
        ("in Gunderson's (1978) list", ("Gunderson",), False, "1978"),
        ("(citing Stam, 2014)", ("Stam",), False, "2014"),
        ("de Haan et al. (2015b)", ("de Haan",), True, "2015b"),
    ],
)
def test_citations_in_finds_author_year_citations(text, names, et_al, year):
    [citation] = citations_in(text)
    assert (citation.surnames, citation.et_al, citation.year) == (names, et_al, year)


def test_citations_in_splits_years_and_lists_and_ignores_names_without_a_year():
    found = citations_in(
        "Slade (2009/2017); (Leamy et al., 2011; Wing et al.,\n  1998). Parsons' AGIL, "
        "Houweling-Meijers & Visser (as cited in the profile), Moos and Krippendorff's alpha."
    )
    assert [c.text for c in found] == ["Slade (2009)", "Slade (2017)", "Leamy et al. (2011)", "Wing et al. (1998)"]


def test_resolve_matches_authors_and_year():
    def key(text):
        return resolve(citations_in(text)[0], REFERENCES)

    assert key("Leamy et al. (2011)") == "leamy2011"
    assert key("Liberman, Kopelowicz, Ventura & Gutkind (2002)") == "liberman2002"
    assert key("Røssberg & Friis (2004)") == "rossberg2004"
    assert key("van Hoof et al., 2014") == "vanhoof2014"
    assert key("Instituut voor Sociotherapie (2005)") == "sociotherapie2005"


@pytest.mark.parametrize(
    "text",
    [
        "Nobody (1999)",  # no such work
        "Leamy et al. (2012)",  # wrong year
        "Liberman & Kopelowicz (2002)",  # the work has four authors: name all or use et al.
        "Middelboe (2001)",  # likewise
        "Røssberg et al. (2004)",  # et al. is for three or more authors
    ],
)
def test_resolve_refuses_what_the_bibliography_does_not_hold(text):
    assert resolve(citations_in(text)[0], REFERENCES) is None


def test_two_works_of_one_year_are_told_apart_by_the_journal():
    def key(text):
        return resolve(citations_in(text)[0], WILLIAMS)

    assert key("Williams et al. (2015)") is None  # ambiguous
    assert key("Williams et al. (2015, *Br J Psychiatry*)") == "williams2015qpr"
    assert key("Williams et al. (2015, Soc Psychiatry Psychiatr Epidemiol)") == "williams2015inspire"
    assert key("Williams et al. (2015, Psychological Medicine)") is None
    assert "fits williams2015qpr, williams2015inspire" in citation_problems("Williams et al. (2015)", [], WILLIAMS)[0]


def test_the_check_fails_on_a_made_up_citation():
    text = "As Leamy et al. (2011) and Nobody (1999) show."
    assert citation_problems(text, ["leamy2011"], REFERENCES) == [
        "Nobody (1999): no entry in references.csv has these authors and this year"
    ]
    assert citation_problems(text.replace(" and Nobody (1999)", ""), ["leamy2011"], REFERENCES) == []


def test_the_check_fails_on_a_citation_the_lesson_does_not_list():
    [problem] = citation_problems("Slade (2009) says.", ["leamy2011"], REFERENCES)
    assert "slade2009" in problem and "metadata" in problem


def lesson(*markdown: str, references: list | None = None):
    notebook = nbformat.v4.new_notebook()
    notebook.cells = [nbformat.v4.new_markdown_cell(text) for text in markdown]
    if references is not None:
        notebook.metadata["course"] = {"references": references}
    return notebook


def test_a_whole_lesson_with_a_made_up_citation_is_reported():
    keys = ["leamy2011"]
    section = reference_tool.rendered("## References\n\n- old", [(k, "") for k in keys], REFERENCES)
    clean = lesson("CHIME comes from Leamy et al. (2011).", section, references=keys)
    assert reference_tool.problems(clean, REFERENCES) == []
    broken = lesson("CHIME comes from Leamy et al. (2011) and Nobody (1999).", section, references=keys)
    assert reference_tool.problems(broken, REFERENCES) == [
        "Nobody (1999): no entry in references.csv has these authors and this year"
    ]
    assert reference_tool.problems(lesson("Text.", section), REFERENCES)[0].startswith("no list of works")
    assert "not a key" in reference_tool.problems(lesson("Text.", section, references=["nobody1999"]), REFERENCES)[0]


def test_render_keeps_the_text_around_the_list_and_reports_a_stale_section():
    source = (
        "## Summary\n\n- a point\n\n## References\n\n- Slade (2009/2017). (Old text,\n  wrapped.)\n"
        "- Leamy et al. (2011).\n\nAll wards in this lesson are fictional."
    )
    items = [("slade2009", "Clinical versus personal recovery."), ("leamy2011", "")]
    new = reference_tool.rendered(source, items, REFERENCES)
    assert new.startswith("## Summary\n\n- a point\n\n## References\n\n- Leamy, M., Bird, V.,")
    assert new.endswith(
        "Cambridge University Press. — Clinical versus personal recovery.\n\nAll wards in this lesson are fictional."
    )
    assert reference_tool.rendered(new, items, REFERENCES) == new
    stale = lesson("Slade (2009).", source, references=[{"key": "slade2009", "note": "x"}, "leamy2011"])
    assert "not what the keys render to" in reference_tool.problems(stale, REFERENCES)[-1]


def test_format_entry_in_apa_style():
    assert format_entry(REFERENCES.loc["rossberg2004"]) == (
        "Røssberg, J. I., & Friis, S. (2004). Patients' and staff's perceptions of the psychiatric ward "
        "environment. *Psychiatric Services*, *55*(7), 798–803."
    )
    assert format_entry(REFERENCES.loc["krippendorff2004"]) == (
        "Krippendorff, K. (2004). *Content analysis: An introduction to its methodology* (2nd ed.). Sage."
    )
    assert format_entry(REFERENCES.loc["stam2014"], REFERENCES) == "Stam (2014), as cited in Movisie (2016)."
    assert format_entry(REFERENCES.loc["movisie2016"]).startswith("Movisie. (2016). *De sociaal werker in spagaat")


def test_reference_list_is_sorted_by_author_and_wrapped():
    text = reference_list([("wing1998", ""), ("anthony1993", ""), ("rossberg2004", "")], REFERENCES)
    assert [line[2:12] for line in text.split("\n") if line.startswith("- ")] == [
        "Anthony, W",
        "Røssberg, ",
        "Wing, J. K",
    ]
    assert max(len(line) for line in text.split("\n")) <= 100


def test_surnames_reads_apa_author_lists():
    assert surnames("Andreasen, N. C., Carpenter, W. T., Jr., & Weinberger, D. R.") == [
        "Andreasen",
        "Carpenter",
        "Weinberger",
    ]
    assert surnames("Instituut voor Sociotherapie") == ["Instituut voor Sociotherapie"]
    assert surnames("Van Hoof, F., & Van Erp, N.") == ["Van Hoof", "Van Erp"]


def test_an_online_article_may_give_a_doi_instead_of_pages(tmp_path):
    """BMC-style journals number their articles: a DOI locates the work; without either it is incomplete."""
    from bibliography import COLUMNS, format_entry
    from bibliography import load_references as load

    header = ",".join(COLUMNS)
    base = 'x2023,article,"Doe, J.",2023,A title,BMC Psychiatry,23,,,,{url},,,'
    (tmp_path / "references.csv").write_text(
        f"{header}\n" + base.format(url="https://doi.org/10.1186/x") + "\n", encoding="utf-8"
    )
    entry = load(tmp_path).loc["x2023"]
    assert format_entry(entry) == "Doe, J. (2023). A title. *BMC Psychiatry*, *23*. https://doi.org/10.1186/x"
    (tmp_path / "references.csv").write_text(f"{header}\n" + base.format(url="") + "\n", encoding="utf-8")
    with pytest.raises(CourseDataError, match="needs its pages"):
        load(tmp_path)
