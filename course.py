#!/usr/bin/env python3
"""Set up and run the course with nothing but Python 3.11+ (no activated environment needed).

Students and lecturers:
    python3 course.py open [nl]     install (first time only) and open the course in JupyterLab
    python3 course.py voila [PATH]  serve one notebook as a Voila app (classroom demo)
    python3 course.py html          build the static course site for an LMS in build/site/ (both languages)
    python3 course.py roster CSV    give the class hub its accounts, a login code each (printable sheet)
    python3 course.py hub           run the course for a class on this machine (JupyterHub, hand-ins; as root)

Maintainers:
    python3 course.py test          install and run every test (what CI runs)
    python3 course.py test --quick  the edit loop: no browser and no notebooks (about 15 s)
    python3 course.py lint          ruff check, ruff format --check, mypy helpers, notebooks stripped
    python3 course.py format        ruff format and ruff's safe fixes, then strip the notebooks
    python3 course.py pin [NB ...]  run notebooks and store the outputs of their pinned cells
    python3 course.py references    check every lesson's references; 'references render' rewrites them
    python3 course.py bench         benchmark: in-page latency, nbval time, imports, class sizes
    python3 course.py soak          load every Voila app 20 times in a row; fails on any stall
    python3 course.py demo          write the fictional demo class into data/class_demo/
    python3 course.py mutation      mutation testing of the scoring model (mutmut)

The first run makes a virtual environment in ``.venv`` and installs the course into it
(with uv, else pip: ``pip install -e .[test]``); later runs reuse it until ``pyproject.toml`` changes.
``python3 course.py COMMAND --help`` explains one command without installing anything.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import shutil
import signal
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PYTHON = BIN / ("python.exe" if os.name == "nt" else "python")
START = {"en": "notebooks/00_start_here.ipynb", "nl": "notebooks/nl/00_start.ipynb"}
# The README's test command runs this: unit tests and doctests, every notebook under nbval, browser tests.
# Spread over one worker more than the cores this process may use (pytest-xdist): the browser tests
# spend much of their time waiting for servers, kernels and pages. At most four: each worker runs its
# own servers and browser, and more than cores + 1 starved a kernel here. conftest.py keeps a
# notebook's cells and the tests that share a site build or a hub together (decision record 0009).
CORES = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
TEST_WORKERS = min(CORES, 3) + 1
TEST_COMMAND = [
    "-m",
    "pytest",
    f"--numprocesses={TEST_WORKERS}",
    "--nbval-lax",
    "--nbval-current-env",
    "--doctest-modules",
    "--ignore-glob=*.ipynb_checkpoints*",
    "tests",
    "helpers",
    "notebooks",
]
QUICK_TEST_COMMAND = ["-m", "pytest", "--doctest-modules", "-m", "not browser", "tests", "helpers"]
# Voila starts a kernel per page load and keeps it after the page is closed; without culling,
# every reload in a classroom demo leaves ~150 MB behind. Kernels with no page attached are
# shut down after a minute of idling; a page that is open is never culled.
# (docs/decisions/0004-voila-kernel-culling.md; voila.json holds the same settings.)
VOILA_OPTIONS = [
    "--MappingKernelManager.cull_idle_timeout=60",
    "--MappingKernelManager.cull_interval=15",
    "--MappingKernelManager.cull_connected=False",
]
# npm packages, each installed once into its own folder (nothing global): JupyterHub's proxy for
# the class hub, and axe-core (Deque's WCAG rules) for the browser tests' accessibility check
PROXY_PACKAGE = "configurable-http-proxy@5"
PROXY = VENV / "hub-proxy" / "node_modules" / ".bin" / "configurable-http-proxy"
AXE_PACKAGE = "axe-core@4.11.4"
AXE_SCRIPT = ROOT / "build" / "axe" / "node_modules" / "axe-core" / "axe.min.js"
# Left out of .venv although a dependency asks for it (docs/decisions/0011-lean-jupyter-servers.md):
# rfc3987-syntax, jsonschema's IRI grammar that jupyter-events asks for, compiles that grammar when
# jsonschema is imported: about 1.2 s of every Jupyter server's start (JupyterLab, Voila, the hub
# and each student's server) and of every pytest worker. Nothing in the course checks an IRI.
LEFT_OUT = ("rfc3987-syntax",)
# JupyterLab asks the internet for news and for a newer version unless told not to: the course
# contacts no outside host (offline classrooms, students' privacy). The class hub's servers need the
# same options (deploy/jupyterhub_config.py) and, for Voila, JUPYTER_PATH from jupyter_path_with_course.
OFFLINE_LAB = (
    "--LabApp.news_url=None",
    "--LabApp.check_for_updates_class=jupyterlab.handlers.announcements.NeverCheckForUpdate",
    # Voila inside JupyterLab (/voila/render): the course's template and MathJax settings, as below
    "--VoilaConfiguration.template=course",
    "--ServerApp.tornado_settings=" + '{"mathjax_url": "null", "mathjax_config": "null"}',
)
# Voila's own template asks cdn.jsdelivr.net for Font Awesome's CSS on every page, and a Voila page
# loads MathJax 2 from cdnjs.cloudflare.com for a formula unless both MathJax settings are "null" (it
# then uses the MathJax 3 it bundles). The course's template (share/jupyter/voila/templates/course,
# found through JUPYTER_PATH: see jupyter_path_with_course) leaves out the CDN's stylesheets.
VOILA_OFFLINE = ["--VoilaConfiguration.template=course", "--Voila.mathjax_url=null", "--Voila.mathjax_config=null"]
JUPYTER_DATA = ROOT / "share" / "jupyter"
# JupyterLab's defaults for the course, per interface language (share/jupyter/lab/settings/<language>/
# overrides.json): no news prompt, no update check; the class hub uses the same folders
LAB_DEFAULTS = JUPYTER_DATA / "lab" / "settings"
BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome")


def say(message: str) -> None:
    print(f"[course] {message}", flush=True)


def ensure_environment(extra: str = "test") -> None:
    """Create .venv and install the course into it when pyproject.toml is new or changed, or when
    no install of this pyproject.toml had every extra asked for (``test,hub`` also serves ``test``)."""
    if sys.version_info < (3, 11):  # noqa: UP036  (course.py runs on whatever python3 the student has)
        sys.exit(f"This course needs Python 3.11 or newer; this is {sys.version.split()[0]}.")
    stamp = VENV / f"course-installed-{extra.replace(',', '-')}.txt"
    wanted = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()
    if PYTHON.exists() and any(
        set(extra.split(",")) <= set(done.stem.removeprefix("course-installed-").split("-"))
        and done.read_text(encoding="utf-8") == wanted
        for done in VENV.glob("course-installed-*.txt")
    ):
        return
    if not PYTHON.exists():
        say("creating the virtual environment .venv (first run only)")
        venv.EnvBuilder(with_pip=True).create(VENV)
    say(f"installing the course and its packages into .venv ({extra}; about a minute the first time)")
    pip = [str(PYTHON), "-m", "pip", "install", "--quiet", "--disable-pip-version-check"]
    # setuptools' notes about editable installs read like errors to a student; real errors still show
    quiet = {**os.environ, "PYTHONWARNINGS": "ignore"}
    editable_course = ["-e", f"{ROOT}[{extra}]"]
    if not installed_with_uv(pip, editable_course, quiet):
        say("uv could not install the course (see above); installing with pip instead")
        subprocess.run([*pip, *editable_course], check=True, env=quiet)
    stamp.write_text(wanted, encoding="utf-8")


def compile_course_package() -> None:
    """Write the bytecode of helpers/ where it is missing or stale.

    The editable install leaves the course's own package as source. Where PYTHONDONTWRITEBYTECODE is
    set (as on the course's CI machine), Python never writes its bytecode, so every kernel and test
    worker would compile helpers/ again: about 50 ms each, a hundred times in the full test run."""
    subprocess.run([str(PYTHON), "-m", "compileall", "-q", str(ROOT / "helpers")], check=False)


def installed_with_uv(pip: list[str], editable_course: list[str], environment: dict[str, str]) -> bool:
    """Install the course with uv, leaving out :data:`LEFT_OUT`; False when uv could not be installed or failed.

    uv installs the same packages as pip in less time (it fetches in parallel) and can leave packages
    out. It does not read pip's configuration (an institution's package mirror, say), so pip
    stays the fallback. It uses the system's certificates, as pip does, and compiles bytecode at
    install, as pip does, so that imports are fast even where PYTHONDONTWRITEBYTECODE is set."""
    if subprocess.run([*pip, "uv"], check=False).returncode:
        return False
    left_out = VENV / "course-left-out.txt"
    left_out.write_text("\n".join(LEFT_OUT) + "\n", encoding="utf-8")
    uv = [str(BIN / "uv"), "pip", "install", "--quiet", "--python", str(PYTHON), "--compile-bytecode", "--system-certs"]
    return (
        subprocess.run([*uv, "--excludes", str(left_out), *editable_course], check=False, env=environment).returncode
        == 0
    )


def find_browser() -> str | None:
    """A Chromium-family browser for the browser tests: $COURSE_BROWSER or one on the PATH."""
    if os.environ.get("COURSE_BROWSER"):
        return os.environ["COURSE_BROWSER"]
    return next((found for name in BROWSERS if (found := shutil.which(name))), None)


def ensure_browser() -> None:
    """Make sure the browser tests have a browser: the system's Chromium, else Playwright's own."""
    browser = find_browser()
    if browser:
        os.environ["COURSE_BROWSER"] = browser
        return
    if shutil.which("apt-get") and hasattr(os, "geteuid") and os.geteuid() == 0:
        say("installing Debian's chromium for the browser tests")
        subprocess.run(["apt-get", "update", "-qq"], check=True)
        subprocess.run(
            ["apt-get", "install", "-y", "-qq", "chromium"],
            check=True,
            env={**os.environ, "DEBIAN_FRONTEND": "noninteractive"},
        )
        os.environ["COURSE_BROWSER"] = find_browser() or ""
        return
    say("no Chromium found: installing Playwright's own Chromium for the browser tests")
    subprocess.run([str(PYTHON), "-m", "playwright", "install", "chromium"], check=True)


def ensure_npm_package(package: str, installed: Path, prefix: Path, needed_for: str) -> None:
    """Install an npm package into ``prefix`` unless ``installed`` (a file it brings) is there."""
    if installed.exists():
        return
    npm = shutil.which("npm")
    if not npm:
        sys.exit(f"{needed_for} needs Node.js 18 or newer with npm (for {package}): install it and run again.")
    say(f"installing {package} into {prefix.relative_to(ROOT)} ({needed_for})")
    command = ["install", "--silent", "--no-save", "--no-fund", "--no-audit", "--prefix", str(prefix), package]
    subprocess.run([npm, *command], check=True)


def ensure_proxy() -> None:
    ensure_npm_package(PROXY_PACKAGE, PROXY, VENV / "hub-proxy", "The class hub")


def run(*command: str | Path) -> int:
    return subprocess.call([str(part) for part in command])


def tool(name: str) -> Path:
    return BIN / (f"{name}.exe" if os.name == "nt" else name)


def as_root() -> list[str]:
    """In a container or some WSL set-ups the user is root; JupyterLab then refuses to start without this."""
    return ["--allow-root"] if hasattr(os, "geteuid") and os.geteuid() == 0 else []


def open_lab(arguments: argparse.Namespace, extra: list[str]) -> int:
    # rooted at the course folder, so the file browser shows my_work/ beside notebooks/
    (ROOT / "my_work").mkdir(exist_ok=True)
    start = f"--LabApp.default_url=/lab/tree/{START[arguments.language]}"
    os.environ["JUPYTER_PATH"] = jupyter_path_with_course()
    defaults = f"--LabApp.app_settings_dir={LAB_DEFAULTS / arguments.language}"
    return run(
        tool("jupyter"), "lab", f"--ServerApp.root_dir={ROOT}", start, defaults, *OFFLINE_LAB, *as_root(), *extra
    )


def voila(arguments: argparse.Namespace, extra: list[str]) -> int:
    os.environ["JUPYTER_PATH"] = jupyter_path_with_course()
    return run(tool("voila"), arguments.notebook, *VOILA_OPTIONS, *VOILA_OFFLINE, *extra)


def jupyter_path_with_course(environment: dict[str, str] | None = None) -> str:
    """JUPYTER_PATH with the course's own Jupyter data (its Voila template) first."""
    existing = (environment if environment is not None else os.environ).get("JUPYTER_PATH", "")
    return os.pathsep.join([str(JUPYTER_DATA), *[p for p in existing.split(os.pathsep) if p]])


def html(arguments: argparse.Namespace, extra: list[str]) -> int:
    return run(PYTHON, "tools/build_site.py", *extra)


def hub(arguments: argparse.Namespace, extra: list[str]) -> int:
    ensure_proxy()
    os.environ["PATH"] = f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}"
    # its own session: Ctrl-C reaches course.py only, which passes it on once, and the hub stops the
    # students' servers, its services and its proxy itself
    command = [str(tool("jupyterhub")), "-f", "deploy/jupyterhub_config.py", *extra]
    process = subprocess.Popen(command, start_new_session=True)
    try:
        return process.wait()
    except KeyboardInterrupt:
        say("stopping the class hub (the students' work is saved in .hub/)")
        process.send_signal(signal.SIGINT)
        return process.wait()


def roster(arguments: argparse.Namespace, extra: list[str]) -> int:
    return run(PYTHON, "deploy/roster.py", arguments.roster, *extra)


def test(arguments: argparse.Namespace, extra: list[str]) -> int:
    # A full run starts about a hundred Python processes that import numpy (kernels, servers, workers).
    # OpenBLAS starts a thread per core in each, which spins at start: about 0.1 CPU-s a process,
    # taken from the other workers on a 2-core machine. The course's computations need no BLAS threads.
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
    if arguments.quick:
        return run(PYTHON, *QUICK_TEST_COMMAND, *extra)
    ensure_browser()
    ensure_proxy()
    ensure_npm_package(AXE_PACKAGE, AXE_SCRIPT, ROOT / "build" / "axe", "The accessibility check")
    return run(PYTHON, *TEST_COMMAND, *extra)


def lint(arguments: argparse.Namespace, extra: list[str]) -> int:
    failures = 0
    for command in (
        [tool("ruff"), "check", "."],
        [tool("ruff"), "format", "--check", "."],
        [tool("mypy")],
        [PYTHON, "tools/notebooks.py", "check"],
    ):
        say(" ".join(str(part.name if isinstance(part, Path) else part) for part in command))
        failures += run(*command) != 0
    return 1 if failures else 0


def format_code(arguments: argparse.Namespace, extra: list[str]) -> int:
    fixed = run(tool("ruff"), "check", "--fix", ".")
    formatted = run(tool("ruff"), "format", ".")
    stripped = run(PYTHON, "tools/notebooks.py", "clean")
    return 1 if fixed or formatted or stripped else 0


def pin(arguments: argparse.Namespace, extra: list[str]) -> int:
    return run(PYTHON, "tools/notebooks.py", "pin", *arguments.notebooks)


def references(arguments: argparse.Namespace, extra: list[str]) -> int:
    return run(PYTHON, "tools/references.py", arguments.action, *extra)


def bench(arguments: argparse.Namespace, extra: list[str]) -> int:
    ensure_browser()
    return run(PYTHON, "tools/benchmark.py", *extra)


def soak(arguments: argparse.Namespace, extra: list[str]) -> int:
    ensure_browser()
    return run(PYTHON, "-m", "pytest", "-m", "soak", "-s", "-q", "tests/test_browser_voila.py", *extra)


def demo(arguments: argparse.Namespace, extra: list[str]) -> int:
    return run(PYTHON, "tools/make_demo_class.py", *extra)


def mutation(arguments: argparse.Namespace, extra: list[str]) -> int:
    return run(PYTHON, "tools/mutation.py", *extra)


def parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="course.py",
        description=__doc__.split("\n\n")[0],
        epilog="Options a command does not know are passed on to the tool it runs (e.g. test -k fit).",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    def command(name: str, run: object, help: str, extra: str = "test") -> argparse.ArgumentParser:
        sub = commands.add_parser(name, help=help, description=help)
        sub.set_defaults(run=run, extra=extra)
        return sub

    # what a student runs installs what a student needs: the course and its dependencies, no test tools
    command("open", open_lab, "open the course in JupyterLab", extra="student").add_argument(
        "language", nargs="?", choices=("en", "nl"), default="en", help="nl opens the Dutch lessons"
    )
    command("voila", voila, "serve one notebook as a Voila app (classroom demo)", extra="student").add_argument(
        "notebook", nargs="?", default="notebooks/03_scoring_a_ward.ipynb"
    )
    command("html", html, "build the static course site (both languages) in build/site/", extra="student")
    command(
        "roster", roster, "give the class hub its accounts (CSV: account, role), a login code each", extra="hub"
    ).add_argument("roster", help="the class's CSV with the columns account and role (student or lecturer)")
    command("hub", hub, "run the course for a class on this machine (as root): JupyterHub with hand-ins", extra="hub")
    command(
        "test",
        test,
        "run the tests: unit, doctests, every notebook (nbval), the browser and a class hub",
        extra="test,hub",
    ).add_argument("--quick", action="store_true", help="no browser and no notebooks: the edit loop")
    command("lint", lint, "ruff check, ruff format --check, mypy, notebooks stripped")
    command("format", format_code, "apply ruff format and ruff's safe fixes; strip the notebooks")
    command("pin", pin, "run notebooks and store the outputs of their pinned cells").add_argument(
        "notebooks", nargs="*", help="default: every notebook"
    )
    command("references", references, "check the lessons' references against data/references.csv").add_argument(
        "action", nargs="?", choices=("check", "render", "suggest"), default="check"
    )
    command("bench", bench, "benchmark: in-page latency ratios, nbval ratio, imports, class sizes")
    command("soak", soak, "load every Voila app 20 times in a row; fails on any stall")
    command("demo", demo, "write the fictional demo class into data/class_demo/")
    command("mutation", mutation, "mutation testing of the scoring model (mutmut)", extra="test,dev")
    return parser


def main(argv: list[str]) -> int:
    if not argv:
        parser().print_help()
        return 2
    arguments, extra = parser().parse_known_args(argv)
    ensure_environment(arguments.extra)
    compile_course_package()
    os.chdir(ROOT)
    return arguments.run(arguments, extra)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
