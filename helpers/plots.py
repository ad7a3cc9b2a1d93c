"""Plotly figures from model outputs, in the chosen language, with a text summary each.

Every figure has a title and a one-line summary (``summary(fig)``) for screen readers,
static output and students who would rather read. Colours come from the Okabe–Ito
palette, which stays distinguishable for colour-blind readers. Figures are built from what
the caller passes (model results and display names from ``helpers.labels``): no function
here reads the course files.
"""

from __future__ import annotations

import math
import textwrap
from collections.abc import Iterable, Mapping
from typing import Any

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio

from helpers import model, plotly_start  # noqa: F401  (plotly_start before any figure: see its docstring)
from helpers.labels import direction_label
from helpers.text import counted, number, t
from helpers.vocabulary import PROFILE_IDS

# Okabe & Ito (2008), colour-blind safe
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000")
FONT_SIZE = 14
FONT = dict(family="Arial, Helvetica, sans-serif", size=FONT_SIZE)
# A title sits below plotly's toolbar (its modebar, 22 px tall at 2 px from the top; 28 px in projector mode,
# which scales this pad too), so the toolbar never covers it, and wraps before it runs out of its figure:
# a line of TITLE_CHARS characters (about half an em each at plotly's title size, 1.4 × the font) fits a
# figure 848 px wide, as JupyterLab shows an app at 1280×720 with the file browser open. Each line after the
# first takes TITLE_LINE px more (plotly's line spacing, 1.3 × the title's size) of the top margin.
# plotly draws a title of several lines about 18 px higher than its pad says (14 at projector size, where the
# pad is scaled too): TITLE_SHIFT more keeps it below the toolbar.
TITLE_PAD = 30
TITLE_SHIFT = 16
TITLE_CHARS = 80
TITLE_LINE = 28
EM = 0.5  # an average character's width in Arial as a share of the font size (measured 0.44–0.47), rounded up
# The legend above the plot grows upwards when its entries take more than a row: toward the title. A figure
# whose legend needs two rows at projector size in JupyterLab's width (LEGEND_ROOM px for a row; an entry is
# its name and about 40 px of symbol and gap) gets a row's room (LEGEND_ROW px, scaled in projector mode).
PROJECTOR_FONT = 20
LEGEND_ROOM = 760
LEGEND_ROW = 22
GRID = "#E5E5E5"
# A small template of our own: plotly's built-in ones are large, and copying them into every
# figure made each widget update several times slower.
pio.templates["course"] = go.layout.Template(
    layout=dict(
        paper_bgcolor="white",
        plot_bgcolor="white",
        colorway=list(PALETTE),
        xaxis=dict(gridcolor=GRID, zerolinecolor="#BBBBBB", linecolor="#BBBBBB"),
        yaxis=dict(gridcolor=GRID, zerolinecolor="#BBBBBB", linecolor="#BBBBBB"),
        polar=dict(bgcolor="white", radialaxis=dict(gridcolor=GRID), angularaxis=dict(gridcolor=GRID)),
    )
)
pio.templates.default = "course"


def summary(figure: go.Figure) -> str:
    """The one-line text summary stored with a figure."""
    return (figure.layout.meta or {}).get("summary", "")


# a figure's data as a table: {"columns": [header, ...], "rows": [[row header, cell, ...], ...]}
Table = dict[str, list]


def title_text(figure: go.Figure) -> str:
    """The figure's title as plain text (its line breaks as spaces)."""
    return str(figure.layout.title.text or "").replace("<br>", " ")


def data_table(figure: go.Figure) -> Table | None:
    """The figure's data as a table (the text route to what the figure shows), stored with it: its column
    headers and its rows, each row's first cell naming the row, every cell text in the current language."""
    return (figure.layout.meta or {}).get("table")


def _cell(value: float, digits: int = 0, sign: bool = False) -> str:
    """A number for a data table, "–" where there is none (NaN).

    >>> _cell(2.0), _cell(float("nan")), _cell(0.5, 2, sign=True)  # in English
    ('2', '–', '+0.50')
    """
    return "–" if value != value else number(value, digits, sign)


def _table(columns: list[str], rows: list[list[str]]) -> Table:
    """A figure's data table: the column headers, then the rows, each named by its first cell."""
    return {"columns": columns, "rows": rows}


def _figure(
    traces: list[dict[str, Any]],
    title: str,
    text: str,
    table: Table,
    height: int = 420,
    **layout: Any,
) -> go.Figure:
    """The figure, built in one step from plain trace and layout dicts.

    plotly checks every property as it is set; building a figure step by step (``add_trace``,
    ``update_layout``, ``update_xaxes``) took ten times as long as one constructor call, and the
    sliders rebuild a figure on every move. ``layout`` is merged into the course's defaults; ``text``
    (a one-line summary) and ``table`` (the data, see :func:`data_table`) travel with the figure.
    The figure is built unchecked (0.5 ms instead of 2.3 ms for lesson 01's, on every slider move):
    what reaches a page is checked once, where it is sent, by the live ``FigureWidget`` of
    :class:`helpers.figures.FigurePanel` (the static site draws those widgets too).
    """
    lines = title_lines(title)
    base = {
        "title": {"text": "<br>".join(lines), "x": 0.02, "y": 1, "yanchor": "top", "pad": {"t": title_pad(lines)}},
        "meta": {"summary": text, "table": table},
        "font": FONT,
        "height": height,
        "margin": {"l": 60, "r": 30, "t": 100, "b": 40},
        "legend": {"orientation": "h", "x": 0, "y": 1.02, "xanchor": "left", "yanchor": "bottom"},
        "xaxis": {"automargin": True},
        "yaxis": {"automargin": True},
    }
    merged = _merged(base, layout)
    # a longer title, or a legend of two rows, takes its room from above the plot, not from the plot
    extra = TITLE_LINE * (len(lines) - 1)
    if merged.get("legend", {}).get("yanchor") == "bottom":  # the legend above the plot
        shown = [str(trace.get("name", "")) for trace in traces if trace.get("showlegend", len(traces) > 1)]
        extra += LEGEND_ROW * (legend_rows(shown, PROJECTOR_FONT) - 1)
    if extra:
        merged["height"] += extra
        merged["margin"] = {**merged["margin"], "t": merged["margin"]["t"] + extra}
    return go.Figure({"data": traces, "layout": merged}, _validate=False)


def legend_rows(names: list[str], size: float) -> int:
    """How many rows a horizontal legend of ``names`` at font ``size`` takes in :data:`LEGEND_ROOM`.

    >>> legend_rows(["other members", "member 0 (the member the routes are about)", "group mean"], 20)
    2
    >>> legend_rows(["students", "class mean", "reference scoring"], 20)
    1
    """
    rows, used = 1, 0
    for width in (text_width(name, size) + 40 for name in names):
        if used and used + width > LEGEND_ROOM:
            rows, used = rows + 1, 0
        used += width
    return rows


def title_pad(lines: list[str]) -> int:
    """The room above a title of ``lines``, in px: below plotly's toolbar."""
    return TITLE_PAD + (TITLE_SHIFT if len(lines) > 1 else 0)


def title_lines(title: str, chars: int = TITLE_CHARS) -> list[str]:
    """``title`` in as few lines of at most ``chars`` characters as it needs, of about equal length
    (a word longer than a line keeps its own line).

    >>> title_lines("Profile of De Linde ward against the needs of Adults in acute psychosis", 56)
    ['Profile of De Linde ward against the', 'needs of Adults in acute psychosis']
    >>> title_lines("Equilibrium simulation")
    ['Equilibrium simulation']
    """
    if len(title) <= chars:
        return [title]
    count = len(textwrap.wrap(title, chars))
    for width in range(math.ceil(len(title) / count), chars + 1):  # the narrowest width giving as few lines
        lines = textwrap.wrap(title, width)
        if len(lines) == count:
            return lines
    return textwrap.wrap(title, chars)


def text_width(text: str, size: float = FONT_SIZE) -> int:
    """How wide ``text`` can be at font ``size``, in px, rounded up: room to leave for a label."""
    return math.ceil(len(text) * EM * size)


def _merged(base: dict, extra: dict) -> dict:
    """``base`` with ``extra`` laid over it, nested dicts merged key by key."""
    merged = dict(base)
    for key, value in extra.items():
        merged[key] = (
            _merged(merged[key], value) if isinstance(value, dict) and isinstance(merged.get(key), dict) else value
        )
    return merged


def _band(y0: float, y1: float, colour: str, opacity: float) -> dict:
    """A horizontal band across the plot between ``y0`` and ``y1``, behind the data."""
    return {
        "type": "rect",
        "xref": "x domain",
        "x0": 0,
        "x1": 1,
        "yref": "y",
        "y0": y0,
        "y1": y1,
        "fillcolor": colour,
        "opacity": opacity,
        "line": {"width": 0},
        "layer": "below",
    }


def _line(y: float) -> dict:
    """A dotted horizontal reference line across the plot at ``y``."""
    return {
        "type": "line",
        "xref": "x domain",
        "x0": 0,
        "x1": 1,
        "yref": "y",
        "y0": y,
        "y1": y,
        "line": {"dash": "dot", "color": "#555"},
    }


def _label(y: float, text: str, above: bool = True) -> dict:
    """A small label at the right edge of the plot, just above (or below) ``y``."""
    return {
        "text": text,
        "xref": "x domain",
        "x": 1,
        "xanchor": "right",
        "yref": "y",
        "y": y,
        "yanchor": "bottom" if above else "top",
        "showarrow": False,
    }


def _margin_label(y: float, text: str, above: bool = True) -> dict:
    """A small label in the right margin beside a reference line at ``y``, just above (or below) it; the
    figure's right margin is :func:`margin_for` its labels."""
    return {**_label(y, text, above), "xref": "paper", "x": 1.01, "xanchor": "left"}


def margin_for(labels: Iterable[str]) -> int:
    """A right margin wide enough for every label of :func:`_margin_label` (Dutch "de helft van de klas"
    was cut off in a fixed one), and at least 90 px.

    >>> margin_for(["α = 0.8"]), margin_for(["de helft van de klas"])
    (90, 160)
    """
    return max(90, *(text_width(label) + 20 for label in labels))


def function_bars(values: pd.Series, names: list[str], title: str, text: str) -> go.Figure:
    """A bar per function (0–4), labelled with ``names``, e.g. for the set-up check."""
    bars = {"type": "bar", "x": names, "y": list(values), "marker": {"color": PALETTE[0]}}
    rows = [[n, _cell(v)] for n, v in zip(names, values, strict=True)]
    table = _table([t("function"), t("score")], rows)
    return _figure([bars], title, text, table, height=360, yaxis={"range": [0, 4], "dtick": 1, "title": t("score")})


def radar(profiles: dict[str, pd.Series], names: list[str], title: str) -> go.Figure:
    """Overlaid radar (spider) chart of one or more profiles (the four profile functions, 0–4);
    ``names`` are the functions' display names in course order."""
    ordered = {label: profile.reindex(list(PROFILE_IDS)).tolist() for label, profile in profiles.items()}
    traces = []
    for position, (label, scores) in enumerate(ordered.items()):
        values = [0 if v != v else v for v in scores]  # a missing score (NaN) drawn at the centre
        traces.append(
            {
                "type": "scatterpolar",
                "r": values + values[:1],
                "theta": names + names[:1],
                "name": label,
                "mode": "lines+markers",
                "line": {
                    "color": PALETTE[position % len(PALETTE)],
                    "width": 3,
                    "dash": "solid" if position == 0 else "dash",
                },
                "fill": "toself" if position == 0 else "none",
                "opacity": 0.85,
            }
        )
    text = "; ".join(
        f"{label}: " + ", ".join(f"{n} {int(v) if v == v else '–'}" for n, v in zip(names, scores, strict=True))
        for label, scores in ordered.items()
    )
    table = _table(
        [t("function"), *ordered],
        [[name, *(_cell(scores[i]) for scores in ordered.values())] for i, name in enumerate(names)],
    )
    return _figure(
        traces,
        title,
        text,
        table,
        height=480,
        polar={"radialaxis": {"range": [0, 4], "dtick": 1}},
        showlegend=True,
        # the legend goes below the radar: above it, it covers the label of the axis at the top
        legend={"y": -0.08, "yanchor": "top"},
        margin={"b": 70},
    )


SEVERITY_COLOURS = {"fit": PALETTE[0], "strain": PALETTE[1], "serious": PALETTE[5], "unknown": "#999999"}


def gap_bars(gaps: pd.DataFrame, names: list[str], title: str) -> go.Figure:
    """Diverging bars of the signed gap per profile function (``names`` in the gaps' order), coloured
    by how serious the misfit is and labelled with its direction in the words that suit the function."""
    labels = [direction_label(d, w) for d, w in zip(gaps["direction"], gaps["words"], strict=True)]
    # one trace per severity, so the legend says what a colour means: the colour shows how far the
    # profile is from the need (fit, strain, serious), never the direction (that is the bar's side and label)
    bars = [
        {
            "type": "bar",
            "y": [n for n, s in zip(names, gaps["severity"], strict=True) if s == severity],
            "x": [g for g, s in zip(gaps["gap"].fillna(0), gaps["severity"], strict=True) if s == severity],
            "orientation": "h",
            "name": t(f"gap_legend_{severity}"),
            "marker": {"color": colour},
            "text": [label for label, s in zip(labels, gaps["severity"], strict=True) if s == severity],
            "textposition": "inside",
            "insidetextanchor": "middle",
            "cliponaxis": False,
        }
        for severity, colour in SEVERITY_COLOURS.items()
        if (gaps["severity"] == severity).any()
    ]
    text = ", ".join(f"{n} {int(g):+d}" if g == g else f"{n} –" for n, g in zip(names, gaps["gap"], strict=True))
    table = _table(
        [t("function"), t("table_gap"), t("table_fit"), t("table_direction")],
        [
            [n, _cell(g, sign=g != 0), t(f"gap_legend_{s}"), label]
            for n, g, s, label in zip(names, gaps["gap"], gaps["severity"], labels, strict=True)
        ],
    )
    return _figure(
        bars,
        title,
        t("gap_summary", gaps=text),
        table,
        height=420,
        barmode="relative",
        showlegend=True,
        xaxis={"range": [-4.2, 4.2], "dtick": 1, "zeroline": True, "zerolinewidth": 2, "title": t("gap_axis")},
        yaxis={"autorange": "reversed", "categoryorder": "array", "categoryarray": names},
    )


def fit_value(gap: float) -> str:
    """A mean gap of :func:`model.fit_matrix` as the heat map and the printed table both write it: two
    decimals (the matrix's own rounding, so 0.25 stays 0.25), with the language's decimal sign; no gap
    is "–".

    >>> fit_value(0.25), fit_value(1.0), fit_value(float("nan"))  # in English
    ('0.25', '1.00', '–')
    """
    return number(gap, 2) if gap == gap else "–"


def fit_heatmap(
    matrix: pd.DataFrame, names: Mapping[Any, str], title: str, admitted: pd.DataFrame | None = None
) -> go.Figure:
    """Wards × client groups heat map of the mean absolute gap (lower = closer profiles); ``names`` maps
    ward and client-group ids to display names. ``admitted`` (wards × groups, True where the ward could
    admit the group) keeps the summary's closest group per ward among the groups a ward admits: a close
    profile for a group it does not admit is no placement."""
    wards = [names[w] for w in matrix.index]
    groups = [names[g] for g in matrix.columns]
    cells = [[fit_value(v) for v in row] for row in matrix.to_numpy()]
    heatmap = {
        "type": "heatmap",
        "z": matrix.to_numpy(),
        "x": groups,
        "y": wards,
        "zmin": 0,
        "zmax": 2.5,
        "colorscale": [[0, "#0072B2"], [0.4, "#F7F7F7"], [1, "#D55E00"]],
        # each cell's number written here, as the printed table writes it (plotly's own format rounded
        # 0.25 up to 0.3 where the table said 0.25), and the hover in words
        "text": cells,
        "texttemplate": "%{text}",
        "hovertemplate": t("heatmap_hover", ward="%{y}", group="%{x}", gap="%{text}") + "<extra></extra>",
        "colorbar": {"title": {"text": t("mean_gap")}},
    }
    among = matrix if admitted is None else matrix.where(admitted.reindex_like(matrix).fillna(False).astype(bool))
    best = [names[g] for g in among.idxmin(axis=1)]
    text = t("heatmap_summary", pairs="; ".join(f"{w} → {g}" for w, g in zip(wards, best, strict=True)))
    table = _table([t("ward"), *groups], [[ward, *row] for ward, row in zip(wards, cells, strict=True)])
    return _figure([heatmap], title, text, table, height=540, xaxis={"tickangle": -25})


def equilibrium_lines(simulation: pd.DataFrame, title: str, text: str) -> go.Figure:
    """Time plot of each member's level, member 0 highlighted, and the group mean.

    The other members share one trace (their lines separated by gaps), so the figure has three
    traces whatever the group's size and a slider move updates them in place."""
    step, member = simulation["step"].to_numpy(), simulation["member"].to_numpy()
    table = np.full((step.max() + 1, member.max() + 1), np.nan)  # steps × members (pandas' pivot: 1 ms a move)
    table[step, member] = simulation["level"].to_numpy()
    step_axis = np.arange(len(table), dtype=float)
    # each other member's steps, then a gap (NaN) before the next member's line
    levels = np.vstack([table[:, 1:], np.full((1, table.shape[1] - 1), np.nan)]).T.ravel()
    steps = np.tile(np.append(step_axis, np.nan), table.shape[1] - 1)
    mean = table.mean(axis=1)
    traces: list[dict[str, Any]] = [
        {
            "type": "scatter",
            "x": steps,
            "y": levels,
            "mode": "lines",
            "name": t("other_members"),
            "legendrank": 2,
            "line": {"color": "#9DB9D3", "width": 1.2},
        },
        {
            "type": "scatter",
            "x": step_axis,
            "y": table[:, 0],
            "mode": "lines",
            "name": t("member_zero"),
            "legendrank": 1,
            "line": {"color": PALETTE[5], "width": 3},
        },
        {
            "type": "scatter",
            "x": step_axis,
            "y": mean,
            "mode": "lines",
            "name": t("group_mean"),
            "legendrank": 3,
            "line": {"color": PALETTE[0], "width": 4},
        },
    ]
    others = table[:, 1:]
    data = _table(
        [t("step"), t("member_zero"), t("group_mean"), t("table_others_lowest"), t("table_others_highest")],
        [
            [str(s), *(_cell(v, 2) for v in values)]
            for s, values in enumerate(zip(table[:, 0], mean, others.min(axis=1), others.max(axis=1), strict=True))
        ],
    )
    return _figure(
        traces,
        title,
        text,
        data,
        shapes=[
            _band(model.HEALTHY_FROM, 1, PALETTE[2], 0.08),
            _band(0, model.LESS_HEALTHY_BELOW, PALETTE[5], 0.08),
        ],
        # fixed ranges and margins: a slider move then redraws the lines without measuring the axes again
        yaxis={"range": [0, 1], "title": t("wellbeing"), "automargin": False},
        xaxis={"range": [0, len(table) - 1], "title": t("step"), "automargin": False},
    )


def quiz_results(results: pd.DataFrame, categories: Mapping[Any, str], title: str) -> go.Figure:
    """Stacked bars per key category: right, wrong and not yet answered.

    ``results`` has columns key, answer, correct (from ``model.score_answers``);
    ``categories`` maps each key value to its display name, in display order.
    """
    answered = results["answer"] != ""
    counts = (
        pd.DataFrame(
            {
                "right": results[answered & results["correct"]].groupby("key").size(),
                "wrong": results[answered & ~results["correct"]].groupby("key").size(),
                "open": results[~answered].groupby("key").size(),
            }
        )
        .reindex(list(categories))
        .fillna(0)
        .astype(int)
    )
    names = list(categories.values())
    traces: list[dict[str, Any]] = [
        {
            "type": "bar",
            "x": names,
            "y": counts[column].tolist(),
            "name": t(f"quiz_{column}"),
            "marker": {"color": colour},
        }
        for column, colour in (("right", PALETTE[2]), ("wrong", PALETTE[5]), ("open", "#BBBBBB"))
    ]
    text = t(
        "quiz_summary",
        right=int(counts["right"].sum()),
        wrong=int(counts["wrong"].sum()),
        open=int(counts["open"].sum()),
    )
    table = _table(
        [t("table_category"), t("quiz_right"), t("quiz_wrong"), t("quiz_open")],
        [[name, *(str(v) for v in counts.loc[key])] for key, name in categories.items()],
    )
    return _figure(traces, title, text, table, height=380, barmode="stack", yaxis={"title": t("items"), "dtick": 1})


def dimension_bars(
    series: dict[str, pd.Series], dimensions: pd.DataFrame, names: Mapping[Any, str], title: str
) -> go.Figure:
    """Horizontal bars of moves per recovery dimension (personal dimensions on top), one trace per series;
    ``dimensions`` is the course's dimension table (for each one's perspective)."""
    dimensions = dimensions.sort_values("perspective", ascending=False, kind="stable")
    dimension_names = [names[d] for d in dimensions.index]
    traces: list[dict[str, Any]] = [
        {
            "type": "bar",
            "y": dimension_names,
            "x": counts.reindex(dimensions.index, fill_value=0).tolist(),
            "name": label,
            "orientation": "h",
            "marker": {"color": PALETTE[position % len(PALETTE)], "pattern": {"shape": "" if position == 0 else "/"}},
        }
        for position, (label, counts) in enumerate(series.items())
    ]
    personal = int((dimensions["perspective"] == "personal").sum())
    most = max([1, *[int(c.max()) for c in series.values() if len(c)]])
    text = "; ".join(
        f"{label}: "
        + (
            ", ".join(
                f"{n} {int(v)}"
                for n, v in zip(dimension_names, counts.reindex(dimensions.index, fill_value=0), strict=True)
                if v
            )
            or t("no_tags_yet")
        )
        for label, counts in series.items()
    )
    table = _table(
        [t("dimension"), t("table_perspective"), *series],
        [
            [name, t(f"perspective_{perspective}"), *(str(int(c.get(d, 0))) for c in series.values())]
            for d, name, perspective in zip(dimensions.index, dimension_names, dimensions["perspective"], strict=True)
        ],
    )
    return _figure(
        traces,
        title,
        text,
        table,
        height=480,
        barmode="group",
        shapes=[
            _band(-0.5, personal - 0.5, PALETTE[2], 0.07),
            _band(personal - 0.5, len(dimension_names) - 0.5, PALETTE[5], 0.07),
        ],
        annotations=[
            # the y axis runs downwards: a band's lower edge on screen is its larger y
            _label(personal - 0.5, t("perspective_personal")),
            _label(len(dimension_names) - 0.5, t("perspective_clinical")),
        ],
        yaxis={"autorange": "reversed"},
        xaxis={"title": t("moves"), "dtick": 1, "range": [0, most + 0.5]},
    )


def class_distribution(stats: pd.DataFrame, scores: pd.DataFrame, names: Mapping[Any, str], title: str) -> go.Figure:
    """Per item of a ward scoring: every student's score (box and points), the class mean and the reference.

    ``stats`` comes from ``model.class_vs_reference``; ``scores`` holds item_id and score rows. A ward
    nobody scored shows the reference alone and says so (no empty box, no mean of nothing).
    """
    items = list(stats.index)
    lookup = {i: names[i] for i in items}
    shown = [lookup[i] for i in items]
    reference = {
        "type": "scatter",
        "x": shown,
        "y": stats["reference"].tolist(),
        "mode": "markers",
        "name": t("reference_scoring"),
        "marker": {"symbol": "diamond", "size": 13, "color": PALETTE[1], "line": {"width": 1}},
    }
    students = int(stats["students"].max() or 0)
    if students == 0:
        traces: list[dict[str, Any]] = [{**reference, "showlegend": True}]
        text = t(
            "class_summary_unscored",
            items=", ".join(f"{lookup[i]} {int(r)}" for i, r in stats["reference"].items() if r == r),
        )
    else:
        traces = [
            {
                "type": "box",
                "x": [lookup[i] for i in scores["item_id"]],
                "y": scores["score"].tolist(),
                "name": t("students"),
                "boxpoints": "all",
                "jitter": 0.5,
                "pointpos": 0,
                "marker": {"color": PALETTE[0], "size": 5, "opacity": 0.5},
                "line": {"color": PALETTE[0]},
                "fillcolor": "rgba(0,114,178,0.08)",
            },
            {
                "type": "scatter",
                "x": shown,
                "y": stats["mean"].tolist(),
                "mode": "markers",
                "name": t("class_mean"),
                "marker": {"symbol": "line-ew-open", "size": 28, "color": PALETTE[0], "line": {"width": 3}},
            },
            reference,
        ]
        off = stats[stats["difference"].abs() >= 0.75]
        text = t(
            "class_summary_counted",
            students=counted("students", students),
            items=", ".join(f"{lookup[i]} ({number(d, 1, sign=True)})" for i, d in off["difference"].items()) or "—",
        )
    given = scores.groupby(["item_id", "score"]).size()
    table = _table(
        [
            t("table_item"),
            t("students"),
            *(t("table_scored", score=s) for s in range(5)),
            t("class_mean"),
            t("reference_scoring"),
        ],
        [
            [
                lookup[i],
                str(int(stats["students"][i])),
                *(str(int(given.get((i, s), 0))) for s in range(5)),
                _cell(float(stats["mean"][i]), 2),
                _cell(float(stats["reference"][i])),
            ]
            for i in items
        ],
    )
    return _figure(
        traces,
        title,
        text,
        table,
        height=480,
        yaxis={"type": "linear", "range": [-0.4, 4.4], "dtick": 1, "title": t("score")},
        # the items in the model's order, whatever trace comes first (an axis typed by its data scrambled them)
        xaxis={"type": "category", "tickangle": -30, "categoryorder": "array", "categoryarray": shown},
    )


def agreement_bars(agreement: pd.DataFrame, labels: Mapping[Any, str], title: str) -> go.Figure:
    """Krippendorff's alpha per ward / function, with reference lines at the usual bars
    (``model.ALPHA_TENTATIVE`` and ``model.ALPHA_RELIABLE``)."""
    names = [labels.get(i, i) for i in agreement["id"]]
    alpha = agreement["alpha"].astype(float)
    colours = [
        PALETTE[2] if a >= model.ALPHA_RELIABLE else PALETTE[1] if a >= model.ALPHA_TENTATIVE else PALETTE[5]
        for a in alpha.fillna(-1)
    ]
    bars = {
        "type": "bar",
        "x": names,
        "y": alpha.fillna(0).tolist(),
        "marker": {"color": colours},
        "text": [number(a) if a == a else "–" for a in alpha],
        # inside a bar tall enough, so a value near a reference line never sits on it; upright (plotly turned a
        # value in a narrow bar by 90°), a value inside a bar made smaller until it fits the bar
        "textposition": "auto",
        "insidetextanchor": "end",
        "textangle": 0,
        "constraintext": "inside",
        "cliponaxis": False,
    }
    levels = (model.ALPHA_TENTATIVE, model.ALPHA_RELIABLE)
    labels = {level: f"α = {number(level, 3).rstrip('0')}" for level in levels}
    pairs = ", ".join(f"{n} {number(a)}" if a == a else f"{n} –" for n, a in zip(names, alpha, strict=True))
    reasons = dict.fromkeys(  # why a bar has no number, once per reason, in the order they occur
        model.why_no_alpha(int(n), a, int(u))
        for n, a, u in zip(agreement["students"], alpha, agreement["units"], strict=True)
        if a != a
    )
    pairs += "".join(f"; – {t(f'alpha_{reason}')}" for reason in reasons if reason)
    lowest = min(-0.2, float(alpha.min()) - 0.1 if alpha.notna().any() else 0)
    table = _table(
        [t("table_scope"), "Krippendorff α", t("students")],
        [[n, _cell(a, 2), str(int(s))] for n, a, s in zip(names, alpha, agreement["students"], strict=True)],
    )
    return _figure(
        [bars],
        title,
        t("agreement_summary", pairs=pairs),
        table,
        height=500,
        shapes=[_line(level) for level in levels],
        # the lines' labels in the right margin, the lower one below its line: clear of the bars' values
        annotations=[_margin_label(level, label, above=level == max(levels)) for level, label in labels.items()],
        margin={"r": margin_for(labels.values())},
        yaxis={"range": [lowest, 1.05], "title": "Krippendorff α"},
        xaxis={"tickangle": -30},
    )


def move_agreement_bars(agreement: pd.DataFrame, title: str) -> go.Figure:
    """Per move: the share of students agreeing with the key, coloured by the key's perspective (one
    trace per perspective, so the legend names the colours); a labelled line at half the class."""
    share = agreement["agree_with_key"].astype(float).fillna(0)
    moves = [str(m) for m in agreement.index]
    bars: list[dict[str, Any]] = [
        {
            "type": "bar",
            "x": [m for m, k in zip(moves, agreement["key"], strict=True) if k == key],
            "y": [100 * s for s, k in zip(share, agreement["key"], strict=True) if k == key],
            "name": t("key_is", orientation=t(f"perspective_{key}")),
            "marker": {"color": colour},
            "text": [  # a move nobody tagged: "–", not a 0% the class never gave
                f"{s:.0%}" if s == s else "–"
                for s, k in zip(agreement["agree_with_key"], agreement["key"], strict=True)
                if k == key
            ],
            "textposition": "outside",
            "cliponaxis": False,
            "hovertemplate": f"%{{x}}: %{{y:.0f}}% ({t(f'perspective_{key}')})<extra></extra>",
        }
        for key, colour in (("personal", PALETTE[2]), ("clinical", PALETTE[5]))
        if (agreement["key"] == key).any()
    ]
    lowest = agreement.dropna(subset=["agree_with_key"]).sort_values("agree_with_key").head(3)
    text = (
        t("move_agreement_summary", moves=", ".join(f"{m} ({s:.0%})" for m, s in lowest["agree_with_key"].items()))
        if len(lowest)
        else t("dashboard_no_tags")
    )
    table = _table(
        [t("move"), t("table_key"), t("agree_axis")],
        [
            [m, t(f"perspective_{k}"), "–" if s != s else f"{s:.0%}"]
            for m, k, s in zip(moves, agreement["key"], agreement["agree_with_key"], strict=True)
        ],
    )
    return _figure(
        bars,
        title,
        text,
        table,
        height=420,
        barmode="relative",
        showlegend=True,
        shapes=[_line(50)],
        annotations=[_margin_label(50, t("half_the_class"))],
        margin={"r": margin_for([t("half_the_class")])},
        yaxis={"range": [0, 115], "title": t("agree_axis")},
        xaxis={"title": t("move"), "type": "category", "categoryorder": "array", "categoryarray": moves},
    )
