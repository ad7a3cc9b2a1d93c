"""Voila (classroom demo mode): every interactive notebook renders as an app, again and again.

A live demo must not stall: the dashboard is loaded 20 times in a row and each lesson app 5
times (tools/voila_soak.py loads every app 20 times and prints the timings)."""
from __future__ import annotations

import time

import pytest

from tests.browser import SCREENSHOTS, chromium, kernel_processes, load_voila_app, served
from tests.conftest import ROOT

pytestmark = pytest.mark.browser
LESSONS = sorted(p.name for p in (ROOT / "notebooks").glob("0*.ipynb"))
DASHBOARD = "lecturer/class_dashboard.ipynb"


@pytest.fixture(scope="module")
def voila(tmp_path_factory):
    with served("voila", tmp_path_factory.mktemp("voila"), ["--show_tracebacks=True"]) as server:
        yield server


@pytest.fixture(scope="module")
def browser():
    with chromium() as browser:
        yield browser


def test_dashboard_renders_its_figures_and_report_in_voila(voila, browser):
    seconds, page = load_voila_app(browser, voila, DASHBOARD)
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
        page.get_by_role("tab", name="Wards").click()
        page.locator(".js-plotly-plot").first.scroll_into_view_if_needed()
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / "voila_class_dashboard.png"))
    finally:
        page.close()


def test_dashboard_loads_20_times_in_a_row_in_voila(voila, browser):
    timings = []
    for _ in range(20):
        seconds, page = load_voila_app(browser, voila, DASHBOARD)
        page.close()
        timings.append(seconds)
    assert len(timings) == 20
    # the kernels of closed pages are culled after a minute idle, so reloads do not pile up
    left = [kernel_processes(voila)]
    while left[-1] > 0 and len(left) < 30:
        time.sleep(5)
        left.append(kernel_processes(voila))
    assert left[-1] == 0, f"kernels still running after closing every page: {left}"


@pytest.mark.parametrize("name", LESSONS)
def test_lesson_app_loads_5_times_in_a_row_in_voila(voila, browser, name):
    for number in range(5):
        seconds, page = load_voila_app(browser, voila, name)
        if number == 0:
            page.screenshot(path=str(SCREENSHOTS / f"voila_{name.removesuffix('.ipynb')}.png"))
        page.close()
