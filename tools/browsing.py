"""Start JupyterLab or Voila on 127.0.0.1 and drive them in headless Chromium (Playwright).

Shared by the browser tests and the maintainer tools (benchmark, soak); servers listen on
127.0.0.1 only and are stopped when their ``with`` block ends."""

from __future__ import annotations

import contextlib
import json
import os
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from course import LAB_DEFAULTS, OFFLINE_LAB, VOILA_OFFLINE, VOILA_OPTIONS, jupyter_path_with_course  # noqa: E402

CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SCREENSHOTS = ROOT / "build" / "screenshots"
SCREEN = {"width": 1280, "height": 720}  # a common laptop and projector resolution
# The tests render every cell of a notebook (windowing off) so that they can find any output; a student's
# JupyterLab renders cells out of view lazily (its default, contentVisibility), and so does the benchmark.
NOTEBOOK_SETTINGS = "@jupyterlab/notebook-extension/tracker.jupyterlab-settings"
LAB_SETTINGS = {
    NOTEBOOK_SETTINGS: {"windowingMode": "none"},
    "@jupyterlab/apputils-extension/notification.jupyterlab-settings": {"checkForUpdates": False, "fetchNews": "false"},
}


def browser_path() -> str:
    """The Chromium to drive: $COURSE_BROWSER, else one on the PATH (course.py test sets it)."""
    for candidate in (
        os.environ.get("COURSE_BROWSER"),
        shutil.which("chromium"),
        shutil.which("chromium-browser"),
        shutil.which("google-chrome"),
    ):
        if candidate:
            return candidate
    raise RuntimeError(
        "no Chromium found for the browser tests: install Debian's 'chromium' "
        "(apt-get install chromium) or set COURSE_BROWSER to a Chrome/Chromium binary"
    )


def port_numbers() -> Iterator[int]:
    """Port numbers for this process's servers, in turn: below the range the system hands out for port 0.

    A server is told its port and binds it a moment later. A port from that range (what binding port 0
    gives) could be taken in between by a kernel, which takes its five ports that way: the class hub
    once failed so, its proxy's port answered by a kernel. Each pytest-xdist worker has a block of its
    own, so two workers never pick the same number either; a process starts at an offset from its id,
    so that two runs side by side rarely try the same numbers."""
    first_ephemeral = 32768
    with contextlib.suppress(OSError, ValueError):
        first_ephemeral = int(Path("/proc/sys/net/ipv4/ip_local_port_range").read_text().split()[0])
    worker = int("0" + "".join(c for c in os.environ.get("PYTEST_XDIST_WORKER", "") if c.isdigit()))
    block = 1000
    start = max(1024, first_ephemeral - 10 * block) + (worker % 10) * block
    yield from range(start + os.getpid() % 100, start + block)


PORT_NUMBERS = port_numbers()


def free_port() -> int:
    """A port on 127.0.0.1 that nothing listens on now and that no kernel will be given (:func:`port_numbers`)."""
    for port in PORT_NUMBERS:
        with socket.socket() as sock, contextlib.suppress(OSError):
            sock.bind(("127.0.0.1", port))
            return port
    raise RuntimeError("no free port left in this process's block")


def wait_for(url: str, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except OSError:
            time.sleep(0.3)
    raise TimeoutError(f"server did not answer at {url} within {seconds} s")


class Server:
    """A Jupyter server process on 127.0.0.1 serving a copy of the notebooks."""

    def __init__(self, root: Path, base_url: str, token: str, process: subprocess.Popen):
        self.root, self.base_url, self.token, self.process = root, base_url, token, process

    def api(self, path: str, method: str = "GET", body: dict | None = None):
        request = urllib.request.Request(
            f"{self.base_url}{path}",
            method=method,
            data=json.dumps(body).encode() if body is not None else None,
            headers={"Authorization": f"token {self.token}"},
        )
        with urllib.request.urlopen(request, timeout=30) as response:
            text = response.read()
        return json.loads(text) if text else None

    def voila_url(self, name: str) -> str:
        """The address of notebooks/``name`` as a Voila app (a Voila server)."""
        return f"{self.base_url}/voila/render/notebooks/{name}?token={self.token}"

    def close_sessions(self) -> None:
        for session in self.api("/api/sessions"):
            self.api(f"/api/sessions/{session['id']}", method="DELETE")


@contextmanager
def served(
    kind: str,
    workdir: Path,
    extra: list[str] | None = None,
    as_students_have_it: bool = False,
    interface_language: str | None = None,
):
    """Serve a copy of notebooks/ with ``jupyter lab`` (kind='lab') or ``voila`` (kind='voila');
    ``as_students_have_it`` keeps JupyterLab's own notebook settings instead of the tests' (see above);
    ``interface_language`` ('en' or 'nl') gives JupyterLab the course's defaults for that language, as
    ``course.py open`` and the class hub do (its menus in Dutch for 'nl')."""
    root = workdir / "course"
    shutil.copytree(ROOT / "notebooks", root / "notebooks", ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
    settings = workdir / "lab-settings"
    for name, values in LAB_SETTINGS.items():
        if as_students_have_it and name == NOTEBOOK_SETTINGS:
            continue
        (settings / name).parent.mkdir(parents=True, exist_ok=True)
        (settings / name).write_text(json.dumps(values), encoding="utf-8")
    port, token = free_port(), secrets.token_hex(16)
    env = {
        **os.environ,
        "COURSE_DATA_DIR": str(ROOT / "data"),
        "COURSE_WORK_DIR": str(workdir / "my_work"),
        "JUPYTERLAB_SETTINGS_DIR": str(settings),
        "JUPYTER_RUNTIME_DIR": str(workdir / "runtime"),
        "JUPYTER_PATH": jupyter_path_with_course(),  # the course's Voila template, as course.py serves it
    }
    if kind == "lab":
        command = [
            sys.executable,
            "-m",
            "jupyterlab",
            "--no-browser",
            "--allow-root",
            "--ip=127.0.0.1",
            f"--port={port}",
            f"--ServerApp.token={token}",
            f"--ServerApp.root_dir={root}",
            "--LabApp.expose_app_in_browser=True",
            "--ServerApp.disable_check_xsrf=True",
            *OFFLINE_LAB,  # as course.py open starts it: no news, no update check, Voila offline
            *([f"--LabApp.app_settings_dir={LAB_DEFAULTS / interface_language}"] if interface_language else []),
        ]
        ready = f"http://127.0.0.1:{port}/api/status?token={token}"
    else:
        command = [
            sys.executable,
            "-m",
            "voila",
            "--no-browser",
            "--Voila.ip=127.0.0.1",
            f"--port={port}",
            f"--Voila.root_dir={root}",
            f"--ServerApp.token={token}",
            # the course's options, each unless ``extra`` gives it another value
            *[
                o
                for o in [*VOILA_OPTIONS, *VOILA_OFFLINE]
                if o.split("=")[0] not in {e.split("=")[0] for e in extra or []}
            ],
            *(extra or []),
        ]
        ready = f"http://127.0.0.1:{port}/?token={token}"
    log = (workdir / f"{kind}.log").open("w")
    process = subprocess.Popen(command, cwd=root, env=env, stdout=log, stderr=subprocess.STDOUT)
    try:
        wait_for(ready)
        yield Server(root, f"http://127.0.0.1:{port}", token, process)
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
        log.close()


LOCAL_HOSTS = frozenset({"127.0.0.1", "localhost", "::1"})


def leaves_the_machine(url: str) -> bool:
    """True for a request to another host (data:, blob: and this machine's servers stay here).

    >>> [leaves_the_machine(u) for u in ("http://127.0.0.1:8888/lab", "data:text/css,", "https://cdn.jsdelivr.net/x")]
    [False, False, True]
    """
    parts = urllib.parse.urlsplit(url)
    return parts.scheme in ("http", "https", "ws", "wss") and parts.hostname not in LOCAL_HOSTS


class Chromium:
    """Headless Chromium (Debian's, through Playwright) with a profile on disk, as a student's browser has.

    Its pages share the profile's cache: a script loaded before (JupyterLab's, Voila's, plotly.js) comes
    from the disk cache with the code V8 compiled for it. Playwright's usual private contexts fetch and
    compile every script again for each page: a Voila app cost 7.9 CPU-s a load that way against 5.6
    with the cache (4 loads each, alternating). The pages also share cookies and storage;
    :meth:`new_private_page` gives a page that shares nothing (e.g. one per JupyterHub user).
    """

    def __init__(self, playwright, profile: Path):
        self.playwright = playwright  # one Playwright per test session: others borrow it
        self._private = None
        self.context = playwright.chromium.launch_persistent_context(
            str(profile), executable_path=browser_path(), args=CHROMIUM_FLAGS
        )
        # every request any page makes to a host other than this machine (no lesson or app may make one)
        self.outside_requests: list[str] = []
        self.context.on("request", self._record)

    def _record(self, request) -> None:
        if leaves_the_machine(request.url):
            self.outside_requests.append(f"{request.url} (from {request.frame.url if request.frame else '?'})")

    def new_page(self, viewport: dict | None = None):
        """A page in the shared profile, at ``viewport`` (width, height) if given."""
        page = self.context.new_page()
        if viewport:
            page.set_viewport_size(viewport)
        return page

    def new_private_page(self, viewport: dict | None = None):
        """A page in a context of its own: no cache, cookies or storage shared with any other page."""
        if self._private is None:
            self._private = self.playwright.chromium.launch(executable_path=browser_path(), args=CHROMIUM_FLAGS)
        page = self._private.new_page(viewport=viewport)
        page.on("request", self._record)
        return page

    def close(self) -> None:
        try:
            self.context.close()
        finally:
            if self._private is not None:
                self._private.close()


@contextmanager
def chromium():
    """A headless :class:`Chromium` with a fresh profile, closed and removed afterwards."""
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory(prefix="course-chromium-") as profile, sync_playwright() as playwright:
        browser = Chromium(playwright, Path(profile))
        try:
            yield browser
        finally:
            browser.close()


# Every output of the notebook open in JupyterLab, as nbformat JSON, read from the live model.
LIVE_OUTPUTS_JS = """() => {
  const cells = window.jupyterapp.shell.currentWidget.content.model.cells;
  const outputs = [];
  for (let i = 0; i < cells.length; i++) {
    const cell = cells.get(i);
    if (cell.type === 'code') outputs.push(...cell.outputs.toJSON());
  }
  return outputs;
}"""


# Waits for a page to finish loading ask every POLL_MS: Playwright's default asks on every animation
# frame, which keeps Chromium drawing frames while it waits (measured: 0.3 CPU-s of a Voila load's 5).
POLL_MS = 50
# A course app has drawn a figure, and every figure on the page has its data and title.
APP_DRAWN_JS = """() => {
  const plots = [...document.querySelectorAll('.js-plotly-plot')];
  return document.querySelector('.course-app .js-plotly-plot .main-svg') !== null
    && plots.every((p) => p.querySelector('.main-svg') && (p.data || []).length > 0
                          && ((p.layout || {}).title || {}).text);
}"""
VOILA_ERROR_TEXT = ("Traceback", "There was an error when executing cell", "Error displaying widget")


def jupyterlab_page(browser, lab: Server):
    """A page with JupyterLab loaded at 1280×720 with its file browser open (the layout ``course.py open``
    gives on a common laptop) and no notebook open; ``page.errors`` collects page errors."""
    page = browser.new_page(viewport=SCREEN)
    page.errors = []
    page.on("pageerror", lambda error: page.errors.append(str(error)))
    page.goto(f"{lab.base_url}/lab?reset&token={lab.token}", wait_until="domcontentloaded")
    page.wait_for_function("() => window.jupyterapp", timeout=90_000)
    page.evaluate("() => window.jupyterapp.restored.then(() => true)")  # the layout is restored: safe to open
    page.evaluate("() => window.jupyterapp.shell.activateById('filebrowser')")
    page.wait_for_function("() => document.querySelector('#filebrowser').getBoundingClientRect().width > 150")
    return page


def load_voila_app(
    browser, server: Server, name: str, timeout_ms: int = 60_000, init_script: str | None = None
) -> tuple[float, object]:
    """Open one notebook as a Voila app and wait until every widget area and figure has rendered;
    ``init_script`` runs in the page before any of its own scripts.

    Returns the seconds it took and the page (the caller closes it). Raises on a stall or error.
    """
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    if init_script:
        page.add_init_script(init_script)
    started = time.monotonic()
    # Voila streams the page while the kernel runs: wait for the first bytes, then for content
    page.goto(server.voila_url(name), wait_until="commit")
    page.wait_for_function(APP_DRAWN_JS, timeout=timeout_ms, polling=POLL_MS)
    seconds = time.monotonic() - started
    text = page.inner_text("body")
    found = [marker for marker in VOILA_ERROR_TEXT if marker in text]
    if found:
        raise AssertionError(f"{name} in Voila shows an error: {found}")
    return seconds, page


def kernel_processes(server: Server) -> int:
    """How many kernels the server's process has running now (its child processes)."""
    return len(psutil.Process(server.process.pid).children())


RUN_STATE_JS = """() => {
  const panel = window.jupyterapp.shell.currentWidget;
  const kernel = panel && panel.sessionContext && panel.sessionContext.session
                 && panel.sessionContext.session.kernel;
  const cells = panel ? panel.content.widgets.filter(c => c.model.type === 'code') : [];
  const prompts = [...document.querySelectorAll('.jp-Notebook .jp-InputArea-prompt')].map(p => p.textContent);
  return {status: kernel ? kernel.status : 'none', busy: prompts.filter(p => p.includes('*')).length,
          done: cells.filter(c => c.model.executionCount !== null).length};
}"""

FIGURE_DRAWN_JS = """(plot) => ({traces: (plot.data || []).length,
                                 title: ((plot.layout || {}).title || {}).text || ''})"""
FIGURE_STATE_JS = """(plot) => JSON.stringify((plot.data || []).map(t => [t.r, t.y, t.x, t.z]))"""
FIGURE_CHANGED_JS = f"""([plot, before]) => ({FIGURE_STATE_JS})(plot) !== before"""


def wait_until_figure_changes(page, plot, before: str, timeout_ms: int = 10_000) -> None:
    """Wait until the figure's data differs from ``before`` (a :data:`FIGURE_STATE_JS` reading)."""
    page.wait_for_function(FIGURE_CHANGED_JS, arg=[plot.element_handle(), before], timeout=timeout_ms)


# The open notebook's kernel: how far it got (a timeout says which step never came) and any dialog shown.
KERNEL_STATE_JS = """() => {
  const widget = window.jupyterapp && window.jupyterapp.shell.currentWidget;
  const session = widget && widget.sessionContext && widget.sessionContext.session;
  return {notebook: widget && widget.context ? widget.context.path : null, session: Boolean(session),
          kernel: session && session.kernel ? session.kernel.status : null,
          connection: session && session.kernel ? session.kernel.connectionStatus : null,
          dialog: (document.querySelector('.jp-Dialog') || {}).innerText || null};
}"""


def code_cells(path: Path) -> int:
    """How many code cells the notebook at ``path`` has (what :func:`run_all_cells` waits for)."""
    return sum(cell["cell_type"] == "code" for cell in json.loads(path.read_text(encoding="utf-8"))["cells"])


def run_all_cells(page, cells: int) -> None:
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    try:
        page.wait_for_function(f"() => ({KERNEL_STATE_JS})().kernel === 'idle'", timeout=90_000)
    except PlaywrightTimeout:
        raise AssertionError(f"kernel not idle after 90 s: {page.evaluate(KERNEL_STATE_JS)}") from None
    page.evaluate("() => window.jupyterapp.commands.execute('notebook:run-all-cells')")
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline:
        state = page.evaluate(RUN_STATE_JS)
        if state["status"] == "idle" and state["busy"] == 0 and state["done"] >= cells:
            return
        time.sleep(0.2)
    raise AssertionError(f"notebook did not finish running: {state}")
