"""Plotly figures from model outputs, in the chosen language, with a text summary each.

Every figure has a title and a one-line summary (``summary(fig)``) for screen readers,
static output and students who would rather read. Colours come from the Okabe–Ito
palette, which stays distinguishable for colour-blind readers. Figures are built from what
the caller passes (model results and display names from ``helpers.labels``): no function
here reads the course files.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio

from helpers import model
from helpers.data import PROFILE_IDS
from helpers.labels import direction_label
from helpers.text import t

# Okabe & Ito (2008), colour-blind safe
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000")
FONT = dict(family="Arial, Helvetica, sans-serif", size=14)
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


def _finish(figure: go.Figure, title: str, text: str, height: int = 420) -> go.Figure:
    figure.update_layout(
        title=dict(text=title, x=0.02, y=0.97, yanchor="top"),
        meta={"summary": text},
        font=FONT,
        height=height,
        margin=dict(l=60, r=30, t=100, b=40),
        legend=dict(orientation="h", x=0, y=1.02, xanchor="left", yanchor="bottom"),
    )
    figure.update_xaxes(automargin=True)
    figure.update_yaxes(automargin=True)
    return figure


def function_bars(values: pd.Series, names: list[str], title: str, text: str) -> go.Figure:
    """A bar per function (0–4), labelled with ``names``, e.g. for the set-up check."""
    figure = go.Figure(go.Bar(x=names, y=list(values), marker_color=PALETTE[0]))
    figure.update_yaxes(range=[0, 4], dtick=1, title=t("score"))
    return _finish(figure, title, text, height=360)


def radar(profiles: dict[str, pd.Series], names: list[str], title: str) -> go.Figure:
    """Overlaid radar (spider) chart of one or more profiles (the four profile functions, 0–4);
    ``names`` are the functions' display names in course order."""
    figure = go.Figure()
    for number, (label, profile) in enumerate(profiles.items()):
        values = list(profile.reindex(list(PROFILE_IDS)).fillna(0))
        figure.add_trace(
            go.Scatterpolar(
                r=values + values[:1],
                theta=names + names[:1],
                name=label,
                mode="lines+markers",
                line=dict(color=PALETTE[number % len(PALETTE)], width=3, dash="solid" if number == 0 else "dash"),
                fill="toself" if number == 0 else "none",
                opacity=0.85,
            )
        )
    figure.update_layout(polar=dict(radialaxis=dict(range=[0, 4], dtick=1)), showlegend=True)
    text = "; ".join(
        f"{label}: "
        + ", ".join(
            f"{n} {int(v) if v == v else '–'}" for n, v in zip(names, profile.reindex(list(PROFILE_IDS)), strict=True)
        )
        for label, profile in profiles.items()
    )
    figure = _finish(figure, title, text, height=480)
    # the legend goes below the radar: above it, it covers the label of the axis at the top
    figure.update_layout(legend=dict(y=-0.08, yanchor="top"), margin=dict(b=70))
    return figure


SEVERITY_COLOURS = {"fit": PALETTE[0], "strain": PALETTE[1], "serious": PALETTE[5], "unknown": "#999999"}


def gap_bars(gaps: pd.DataFrame, names: list[str], title: str) -> go.Figure:
    """Diverging bars of the signed gap per profile function (``names`` in the gaps' order), coloured
    by how serious the misfit is and labelled with its direction in the words that suit the function."""
    colours = [SEVERITY_COLOURS[s] for s in gaps["severity"]]
    figure = go.Figure(
        go.Bar(
            y=names,
            x=list(gaps["gap"].fillna(0)),
            orientation="h",
            marker_color=colours,
            text=[direction_label(d, w) for d, w in zip(gaps["direction"], gaps["words"], strict=True)],
            textposition="auto",
        )
    )
    figure.update_xaxes(range=[-4.2, 4.2], dtick=1, zeroline=True, zerolinewidth=2, title=t("gap_axis"))
    figure.update_yaxes(autorange="reversed", automargin=True)
    text = ", ".join(f"{n} {int(g):+d}" if g == g else f"{n} –" for n, g in zip(names, gaps["gap"], strict=True))
    return _finish(figure, title, t("gap_summary", gaps=text), height=360)


def fit_heatmap(matrix: pd.DataFrame, names: dict[str, str], title: str) -> go.Figure:
    """Wards × client groups heat map of the mean absolute gap (lower = better fit); ``names`` maps
    ward and client-group ids to display names."""
    wards = [names[w] for w in matrix.index]
    groups = [names[g] for g in matrix.columns]
    figure = go.Figure(
        go.Heatmap(
            z=matrix.to_numpy(),
            x=groups,
            y=wards,
            zmin=0,
            zmax=2.5,
            colorscale=[[0, "#0072B2"], [0.4, "#F7F7F7"], [1, "#D55E00"]],
            text=matrix.to_numpy(),
            texttemplate="%{text:.1f}",
            colorbar=dict(title=t("mean_gap")),
        )
    )
    figure.update_xaxes(tickangle=-25)
    best = [names[g] for g in matrix.idxmin(axis=1)]
    text = t("heatmap_summary", pairs="; ".join(f"{w} → {g}" for w, g in zip(wards, best, strict=True)))
    return _finish(figure, title, text, height=480)


def equilibrium_lines(simulation: pd.DataFrame, title: str, text: str) -> go.Figure:
    """Time plot of each member's level, member 0 highlighted, and the group mean."""
    figure = go.Figure()
    for member, rows in simulation.groupby("member"):
        figure.add_trace(
            go.Scatter(
                x=rows["step"],
                y=rows["level"],
                mode="lines",
                name=t("member_zero") if member == 0 else t("other_members"),
                showlegend=member in (0, 1),
                legendgroup="zero" if member == 0 else "others",
                line=dict(color=PALETTE[5] if member == 0 else "#9DB9D3", width=3 if member == 0 else 1.2),
            )
        )
    mean = simulation.groupby("step")["level"].mean()
    figure.add_trace(
        go.Scatter(
            x=mean.index, y=mean.values, mode="lines", name=t("group_mean"), line=dict(color=PALETTE[0], width=4)
        )
    )
    figure.add_hrect(y0=model.HEALTHY_FROM, y1=1, fillcolor=PALETTE[2], opacity=0.08, line_width=0)
    figure.add_hrect(y0=0, y1=model.LESS_HEALTHY_BELOW, fillcolor=PALETTE[5], opacity=0.08, line_width=0)
    figure.update_yaxes(range=[0, 1], title=t("wellbeing"))
    figure.update_xaxes(title=t("step"))
    return _finish(figure, title, text)


def quiz_results(results: pd.DataFrame, categories: dict[str, str], title: str) -> go.Figure:
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
    figure = go.Figure()
    for column, colour in (("right", PALETTE[2]), ("wrong", PALETTE[5]), ("open", "#BBBBBB")):
        figure.add_trace(go.Bar(x=names, y=counts[column].tolist(), name=t(f"quiz_{column}"), marker_color=colour))
    figure.update_layout(barmode="stack")
    figure.update_yaxes(title=t("items"), dtick=1)
    text = t(
        "quiz_summary",
        right=int(counts["right"].sum()),
        wrong=int(counts["wrong"].sum()),
        open=int(counts["open"].sum()),
    )
    return _finish(figure, title, text, height=380)


def dimension_bars(
    series: dict[str, pd.Series], dimensions: pd.DataFrame, names: dict[str, str], title: str
) -> go.Figure:
    """Horizontal bars of moves per recovery dimension (personal dimensions on top), one trace per series;
    ``dimensions`` is the course's dimension table (for each one's perspective)."""
    dimensions = dimensions.sort_values("perspective", ascending=False, kind="stable")
    names = [names[d] for d in dimensions.index]
    figure = go.Figure()
    for number, (label, counts) in enumerate(series.items()):
        values = counts.reindex(dimensions.index, fill_value=0).tolist()
        figure.add_trace(
            go.Bar(
                y=names,
                x=values,
                name=label,
                orientation="h",
                marker_color=PALETTE[number % len(PALETTE)],
                marker_pattern_shape="" if number == 0 else "/",
            )
        )
    personal = int((dimensions["perspective"] == "personal").sum())
    figure.add_hrect(
        y0=-0.5,
        y1=personal - 0.5,
        fillcolor=PALETTE[2],
        opacity=0.07,
        line_width=0,
        annotation_text=t("perspective_personal"),
        annotation_position="bottom right",
    )
    figure.add_hrect(
        y0=personal - 0.5,
        y1=len(names) - 0.5,
        fillcolor=PALETTE[5],
        opacity=0.07,
        line_width=0,
        annotation_text=t("perspective_clinical"),
        annotation_position="bottom right",
    )
    most = max([1, *[int(c.max()) for c in series.values() if len(c)]])
    figure.update_layout(barmode="group")
    figure.update_yaxes(autorange="reversed", automargin=True)
    figure.update_xaxes(title=t("moves"), dtick=1, range=[0, most + 0.5])
    text = "; ".join(
        f"{label}: "
        + (
            ", ".join(
                f"{n} {int(v)}" for n, v in zip(names, counts.reindex(dimensions.index, fill_value=0), strict=True) if v
            )
            or t("no_tags_yet")
        )
        for label, counts in series.items()
    )
    return _finish(figure, title, text, height=480)


def class_distribution(stats: pd.DataFrame, scores: pd.DataFrame, names: dict[str, str], title: str) -> go.Figure:
    """Per item of a ward scoring: every student's score (box and points), the class mean and the reference.

    ``stats`` comes from ``model.class_vs_reference``; ``scores`` holds item_id and score rows.
    """
    items = list(stats.index)
    lookup = {i: names[i] for i in items}
    shown = [lookup[i] for i in items]
    figure = go.Figure()
    figure.add_trace(
        go.Box(
            x=[lookup[i] for i in scores["item_id"]],
            y=scores["score"].tolist(),
            name=t("students"),
            boxpoints="all",
            jitter=0.5,
            pointpos=0,
            marker=dict(color=PALETTE[0], size=5, opacity=0.5),
            line=dict(color=PALETTE[0]),
            fillcolor="rgba(0,114,178,0.08)",
        )
    )
    figure.add_trace(
        go.Scatter(
            x=shown,
            y=stats["mean"].tolist(),
            mode="markers",
            name=t("class_mean"),
            marker=dict(symbol="line-ew-open", size=28, color=PALETTE[0], line=dict(width=3)),
        )
    )
    figure.add_trace(
        go.Scatter(
            x=shown,
            y=stats["reference"].tolist(),
            mode="markers",
            name=t("reference_scoring"),
            marker=dict(symbol="diamond", size=13, color=PALETTE[1], line=dict(width=1)),
        )
    )
    figure.update_yaxes(range=[-0.4, 4.4], dtick=1, title=t("score"))
    figure.update_xaxes(tickangle=-30, categoryorder="array", categoryarray=shown)
    off = stats[stats["difference"].abs() >= 0.75]
    text = t(
        "class_summary",
        students=int(stats["students"].max() or 0),
        items=", ".join(f"{lookup[i]} ({d:+.1f})" for i, d in off["difference"].items()) or "—",
    )
    return _finish(figure, title, text, height=480)


def agreement_bars(agreement: pd.DataFrame, labels: dict[str, str], title: str) -> go.Figure:
    """Krippendorff's alpha per ward / function, with reference lines at the usual bars
    (``model.ALPHA_TENTATIVE`` and ``model.ALPHA_RELIABLE``)."""
    names = [labels.get(i, i) for i in agreement["id"]]
    alpha = agreement["alpha"].astype(float)
    colours = [
        PALETTE[2] if a >= model.ALPHA_RELIABLE else PALETTE[1] if a >= model.ALPHA_TENTATIVE else PALETTE[5]
        for a in alpha.fillna(-1)
    ]
    figure = go.Figure(
        go.Bar(
            x=names,
            y=alpha.fillna(0).tolist(),
            marker_color=colours,
            text=[f"{a:.2f}" if a == a else "–" for a in alpha],
            textposition="outside",
        )
    )
    for level in (model.ALPHA_TENTATIVE, model.ALPHA_RELIABLE):
        figure.add_hline(y=level, line_dash="dot", line_color="#555", annotation_text=f"α = {level}")
    figure.update_yaxes(
        range=[min(-0.2, float(alpha.min()) - 0.1 if alpha.notna().any() else 0), 1.05], title="Krippendorff α"
    )
    figure.update_xaxes(tickangle=-30)
    pairs = ", ".join(f"{n} {a:.2f}" if a == a else f"{n} –" for n, a in zip(names, alpha, strict=True))
    text = t("agreement_summary", pairs=pairs)
    return _finish(figure, title, text, height=420)


def move_agreement_bars(agreement: pd.DataFrame, title: str) -> go.Figure:
    """Per move: the share of students agreeing with the key, coloured by the key's perspective."""
    moves = [str(m) for m in agreement.index]
    colours = [PALETTE[2] if k == "personal" else PALETTE[5] for k in agreement["key"]]
    share = agreement["agree_with_key"].astype(float).fillna(0)
    figure = go.Figure(
        go.Bar(
            x=moves,
            y=(share * 100).tolist(),
            marker_color=colours,
            text=[f"{s:.0%}" for s in share],
            textposition="outside",
            customdata=[t(f"perspective_{k}") for k in agreement["key"]],
            hovertemplate="%{x}: %{y:.0f}% (%{customdata})<extra></extra>",
        )
    )
    figure.add_hline(y=50, line_dash="dot", line_color="#555")
    figure.update_yaxes(range=[0, 110], title=t("agree_axis"))
    figure.update_xaxes(title=t("move"), type="category")
    lowest = agreement.sort_values("agree_with_key").head(3)
    text = t("move_agreement_summary", moves=", ".join(f"{m} ({s:.0%})" for m, s in lowest["agree_with_key"].items()))
    return _finish(figure, title, text, height=400)
