"""Voila (classroom demo mode): every interactive notebook renders as an app, and the kernels of closed
pages are culled so a long demo does not fill the machine.

One real load per app runs in the default test run. Loading each app again and again — the check
that a live demo never stalls — is marked ``soak`` and run by ``python3 course.py soak``."""

from __future__ import annotations

import statistics
import time

import pytest
from browsing import SCREENSHOTS, kernel_processes, load_voila_app, served

from tests.conftest import ROOT

pytestmark = pytest.mark.browser
APPS = sorted(
    p.relative_to(ROOT / "notebooks").as_posix()
    for p in (ROOT / "notebooks").rglob("*.ipynb")
    if ".ipynb_checkpoints" not in p.parts
)
DASHBOARD = "lecturer/class_dashboard.ipynb"
SOAK_LOADS = 20


@pytest.fixture(scope="module")
def voila(tmp_path_factory):
    with served("voila", tmp_path_factory.mktemp("voila"), ["--show_tracebacks=True"]) as server:
        yield server


@pytest.mark.parametrize("name", APPS)
def test_app_renders_in_voila(voila, browser, name):
    _, page = load_voila_app(browser, voila, name)
    try:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / f"voila_{name.replace('/', '_').removesuffix('.ipynb')}.png"))
    finally:
        page.close()


def test_dashboard_renders_its_figures_and_report_in_voila(voila, browser):
    _, page = load_voila_app(browser, voila, DASHBOARD)
    try:
        app = page.locator(".course-app")
        assert "Loaded the work of 30 students from 32 files." in app.inner_text()
        assert page.locator("text=upload_broken.json").count() == 1
        assert page.locator("text=Jan_de_Vries").count() >= 1
        page.get_by_role("tab", name="Vignettes").click()
        vignette_plot = page.locator(".js-plotly-plot:visible").first
        vignette_plot.wait_for()
        assert vignette_plot.locator(".main-svg").first.bounding_box()["height"] > 100
        assert page.locator("text=Discuss in class").count() == 1
    finally:
        page.close()


def test_kernels_of_closed_pages_are_culled(voila, browser):
    """A closed page's kernel is shut down after a minute idle (course.py and voila.json set it)."""
    for _ in range(2):
        _, page = load_voila_app(browser, voila, DASHBOARD)
        page.close()
    left = [kernel_processes(voila)]
    assert left[0] >= 1, "the loads started no kernel: the check would pass for nothing"
    while left[-1] > 0 and len(left) < 30:
        time.sleep(5)
        left.append(kernel_processes(voila))
    assert left[-1] == 0, f"kernels still running after closing every page: {left}"


@pytest.mark.soak
@pytest.mark.parametrize("name", APPS)
def test_app_loads_again_and_again_without_a_stall(voila, browser, name):
    """Every load must draw every widget area and figure within 60 s with no error shown. Prints the
    load times (run with -s, as ``course.py soak`` does)."""
    timings, stalls = [], []
    for _ in range(SOAK_LOADS):
        try:
            took, page = load_voila_app(browser, voila, name)
        except Exception as error:  # a stall or an error on the page: count it and go on
            stalls.append(str(error).splitlines()[0][:160])
            continue
        timings.append(took)
        page.close()
    if timings:
        print(
            f"\n{name}: {SOAK_LOADS} loads, {len(stalls)} stalls, median {statistics.median(timings):.2f} s, "
            f"slowest {max(timings):.2f} s"
        )
    assert stalls == []
