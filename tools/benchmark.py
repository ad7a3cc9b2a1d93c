"""Measure the course's performance targets and print the figures (not a test: machines are noisy).

    python tools/benchmark.py                 # everything
    python tools/benchmark.py --skip-browser  # without JupyterLab/Voila in Chromium

What it measures (SPEC §7):
1. ``import helpers`` and ``import helpers.widgets`` in fresh processes;
2. class loading, aggregation and agreement for 30 and 1,000 students;
3. executing every notebook (nbclient) against the bare cost of starting a kernel and
   importing pandas + plotly + ipywidgets once per notebook;
4. in headless Chromium: slider → updated figure latency in JupyterLab, and Voila page loads.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def seconds(function, repeat: int = 1) -> float:
    timings = []
    for _ in range(repeat):
        started = time.perf_counter()
        function()
        timings.append(time.perf_counter() - started)
    return statistics.median(timings)


def report(label: str, value: float, unit: str = "s") -> None:
    shown = f"{value * 1000:.0f} ms" if unit == "ms" else f"{value:.2f} s"
    print(f"  {label:<58} {shown:>10}", flush=True)


def import_times() -> None:
    print("import time (fresh process, median of 5)")
    for module in ("helpers", "helpers.data", "helpers.widgets"):
        code = f"import time; t = time.perf_counter(); import {module}; print(time.perf_counter() - t)"
        values = [
            float(
                subprocess.run(
                    [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT
                ).stdout
            )
            for _ in range(5)
        ]
        report(f"import {module}", statistics.median(values), "ms")


def class_times() -> None:
    from helpers import classroom, model
    from helpers.data import load_course

    course = load_course()
    for students in (30, 1000):
        print(
            f"class dashboard model, {students} students × {len(course.wards)} wards and "
            f"{len(course.vignettes)} vignettes"
        )
        with tempfile.TemporaryDirectory() as folder:
            report(
                "generate the class (write files)",
                seconds(lambda: classroom.make_demo_class(Path(folder) / "c", course, students=students)),
            )
            work = classroom.load_class(Path(folder) / "c", course)
            report("load and check every file", seconds(lambda: classroom.load_class(Path(folder) / "c", course), 3))

            def aggregate() -> None:
                for ward_id in course.wards.index:
                    model.class_vs_reference(work.ward_scores, course.reference, ward_id)
                for vignette_id, vignette in course.vignettes.items():
                    tags = work.vignette_tags[work.vignette_tags["vignette_id"] == vignette_id]
                    model.discussion_prompts(model.move_agreement(tags, vignette.moves))

            report("aggregate (class vs reference, per-move agreement)", seconds(aggregate, 3))
            report(
                "agreement (Krippendorff's alpha, wards and vignettes)",
                seconds(
                    lambda: (
                        model.ward_agreement(work.ward_scores),
                        model.vignette_agreement(work.vignette_tags, course.vignettes),
                    ),
                    3,
                ),
            )
            print(
                f"  ({work.students} students, {len(work.ward_scores)} ward scores, "
                f"{len(work.vignette_tags)} vignette tags)"
            )


def execution_times() -> None:
    import nbformat
    from nbclient import NotebookClient

    paths = sorted(p for p in (ROOT / "notebooks").rglob("*.ipynb") if ".ipynb_checkpoints" not in p.parts)
    print(f"notebook execution ({len(paths)} notebooks, one fresh kernel each)")
    bare = nbformat.v4.new_notebook(
        cells=[nbformat.v4.new_code_cell("import pandas, plotly.graph_objects, ipywidgets")]
    )

    def run(notebook, folder: Path) -> None:
        NotebookClient(
            notebook, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(folder)}}
        ).execute()

    floor = sum(seconds(lambda: run(nbformat.from_dict(bare), ROOT)) for _ in paths)
    total = 0.0
    for path in paths:
        took = seconds(lambda: run(nbformat.read(path, as_version=4), path.parent))
        total += took
        report(f"{path.relative_to(ROOT / 'notebooks')}", took)
    report("whole course", total)
    report("floor: kernel start + import of the stack, per notebook", floor)
    print(f"  the course's own work: {total - floor:.2f} s ({total / floor:.1f}× the floor)")


def browser_times(updates: int, voila_loads: int) -> None:
    import json

    from browsing import FIGURE_STATE_JS, chromium, load_voila_app, run_all_cells, served

    print(f"JupyterLab in headless Chromium: slider → figure updated (median of {updates} moves)")
    with tempfile.TemporaryDirectory() as folder, served("lab", Path(folder)) as lab, chromium() as browser:
        for name in (
            "00_start_here.ipynb",
            "01_social_systems.ipynb",
            "03_scoring_a_ward.ipynb",
            "07_social_worker_in_the_split.ipynb",
        ):
            cells = json.loads((ROOT / "notebooks" / name).read_text(encoding="utf-8"))["cells"]
            page = browser.new_page(viewport={"width": 1400, "height": 1000})
            page.goto(f"{lab.base_url}/lab/tree/notebooks/{name}?reset&token={lab.token}")
            page.wait_for_selector(".jp-Notebook .jp-Cell", timeout=90_000)
            run_all_cells(page, sum(c["cell_type"] == "code" for c in cells))
            output = (
                page.locator(".jp-OutputArea-output")
                .filter(has=page.locator(".widget-slider"))
                .filter(has=page.locator(".js-plotly-plot"))
                .first
            )
            output.scroll_into_view_if_needed()
            plot = output.locator(".js-plotly-plot").first
            output.locator(".widget-slider .noUi-handle").first.click()
            timings = []
            for number in range(updates):
                before = plot.evaluate(FIGURE_STATE_JS)
                started = time.perf_counter()
                page.keyboard.press("ArrowRight" if number % 2 == 0 else "ArrowLeft")
                page.wait_for_function(
                    "([plot, before]) => JSON.stringify((plot.data || []).map(t => [t.r, t.y, t.x, t.z])) !== before",
                    arg=[plot.element_handle(), before],
                    timeout=10_000,
                    polling=5,
                )
                timings.append(time.perf_counter() - started)
            report(name, statistics.median(timings), "ms")
            page.close()
            lab.close_sessions()
    print(f"Voila in headless Chromium: page load until every figure has drawn (median, max of {voila_loads})")
    with tempfile.TemporaryDirectory() as folder, served("voila", Path(folder)) as voila, chromium() as browser:
        for name in ("00_start_here.ipynb", "03_scoring_a_ward.ipynb", "lecturer/class_dashboard.ipynb"):
            timings = []
            for _ in range(voila_loads):
                took, page = load_voila_app(browser, voila, name)
                page.close()
                timings.append(took)
            print(f"  {name:<58} {statistics.median(timings):>7.2f} s (max {max(timings):.2f} s)", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--skip-browser", action="store_true")
    parser.add_argument("--updates", type=int, default=15)
    parser.add_argument("--voila-loads", type=int, default=5)
    arguments = parser.parse_args()
    import_times()
    class_times()
    execution_times()
    if not arguments.skip_browser:
        browser_times(arguments.updates, arguments.voila_loads)


if __name__ == "__main__":
    main()
