#!/usr/bin/env python3
"""Set up and run the course with nothing but Python 3.11+ (no activated environment needed).

Students and lecturers:
    python3 course.py open [nl]     install (first time only) and open the course in JupyterLab
    python3 course.py voila [PATH]  serve one notebook as a Voila app (classroom demo)
    python3 course.py html          build the static course site for an LMS in build/site/ (both languages)
    python3 course.py roster CSV    give the class hub its accounts, a login code each (printable sheet)
    python3 course.py hub           run the course for a class on this machine (JupyterHub, hand-ins; as root)

Maintainers:
    python3 course.py test          install and run the tests: unit, notebooks, browser, class hub (CI too)
    python3 course.py test --quick  the edit loop: no browser and no notebooks (its time: CONTRIBUTING.md)
    python3 course.py test --twins  the English twins of the Dutch apps' Voila checks (CI and a release run it)
    python3 course.py lint          ruff check, ruff format --check, mypy helpers, notebooks stripped
    python3 course.py format        ruff format and ruff's safe fixes, then strip the notebooks
    python3 course.py pin [NB ...]  run notebooks and store the outputs of their pinned cells
    python3 course.py references    check every lesson's references; 'references render' rewrites them
    python3 course.py bench         benchmark: in-page latency, nbval time, imports, class sizes
    python3 course.py soak          load every Voila app 20 times in a row; fails on any stall
    python3 course.py demo          write the fictional demo class into data/class_demo/
    python3 course.py mutation      mutation testing of the code that judges or counts (mutmut)
    python3 course.py lock          lock what pyproject.toml asks for; --upgrade: the newest versions the
                                    ranges allow, written only when the full tests pass on them

The first run makes a virtual environment in ``.venv`` and installs the course into it from the lock,
``lock/requirements.txt`` (with uv, else pip: ``--require-hashes --no-deps``, then ``--no-deps -e .``);
later runs reuse it until the lock or ``pyproject.toml``'s [project] table changes.
``python3 course.py COMMAND --help`` explains one command without installing anything.
"""

from __future__ import annotations

import argparse
import hashlib
import json
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
# The English twin of each Dutch app's Voila check (marker ``twin``, decision record 0022): the same app, its
# strings in the other language. The full run leaves them out to keep within its five minutes.
TWINS_TEST_COMMAND = ["-m", "pytest", f"--numprocesses={TEST_WORKERS}", "-m", "twin", "tests/test_browser_voila.py"]
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
# Everything the course installs is locked: lock/requirements.txt holds every Python package's version
# (the course and its test and hub extras) with the hashes of its files for Linux, macOS and Windows,
# and each folder in lock/npm/ an npm package.json with its package-lock.json (integrity hashes).
# python3 course.py lock makes them (tools/lock.py; docs/decisions/0018-locked-install.md).
LOCK = ROOT / "lock" / "requirements.txt"
LOCKED_EXTRAS = ("test", "hub")
# A command installs the smallest lock that holds the extras it asks for: the course alone (a student's
# open, voila, html), with the class hub, or everything (the test command, which CI runs). The smaller
# two are cut from the same resolution as the whole one: each package the same version, the same files.
LOCKS = {
    (): ROOT / "lock" / "requirements-course.txt",
    ("hub",): ROOT / "lock" / "requirements-hub.txt",
    LOCKED_EXTRAS: LOCK,
}
# uv installs the course (decision record 0011); it is locked with the rest, and pip installs it first
INSTALLER = "uv>=0.9"
# npm packages, each installed from its folder in lock/npm/ into a folder of its own (nothing global):
# JupyterHub's proxy for the class hub, and axe-core (Deque's WCAG rules) for the browser tests'
# accessibility check
NPM_LOCKS = ROOT / "lock" / "npm"
PROXY_PACKAGE = "hub-proxy"
PROXY = VENV / "hub-proxy" / "node_modules" / ".bin" / "configurable-http-proxy"
AXE_PACKAGE = "axe"
AXE_SCRIPT = ROOT / "build" / "axe" / "node_modules" / "axe-core" / "axe.min.js"
# Left out of .venv although a dependency asks for it (docs/decisions/0011-lean-jupyter-servers.md):
# rfc3987-syntax, jsonschema's IRI grammar that jupyter-events asks for, compiles that grammar when
# jsonschema is imported: about 1.2 s of every Jupyter server's start (JupyterLab, Voila, the hub
# and each student's server) and of every pytest worker. Nothing in the course checks an IRI.
# The lock is made without it (and without what only it needs), so neither uv nor pip installs it.
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


def lock_inputs() -> dict[str, object]:
    """What the lock is made from: pyproject.toml's Python range and the requirements of the course and
    of :data:`LOCKED_EXTRAS`, the installer and :data:`LEFT_OUT` (spaces dropped: they change nothing)."""
    import tomllib

    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    extras = project.get("optional-dependencies", {})
    lists = {"dependencies": project.get("dependencies", [])}
    lists |= {f"extra {name}": extras.get(name, []) for name in LOCKED_EXTRAS}
    lists |= {"installer": [INSTALLER], "left out": list(LEFT_OUT)}
    inputs: dict[str, object] = {name: ["".join(r.split()) for r in items] for name, items in lists.items()}
    inputs["requires-python"] = "".join(project.get("requires-python", "").split())
    return inputs


def lock_fingerprint() -> str:
    """The SHA-256 of :func:`lock_inputs`; the lock records it in its ``# lock-pyproject:`` line."""
    return hashlib.sha256(json.dumps(lock_inputs(), sort_keys=True).encode()).hexdigest()


def lock_header(lock: Path | None = None) -> dict[str, str]:
    """The ``# lock-KEY: value`` lines at the top of the lock."""
    fields = {}
    for line in (lock or LOCK).read_text(encoding="utf-8").splitlines():
        if not line.startswith("#"):
            break
        key, colon, value = line.lstrip("# ").partition(":")
        if colon and key.startswith("lock-"):
            fields[key] = value.strip()
    return fields


def lock_for(extra: str) -> tuple[tuple[str, ...], Path]:
    """The extras and the file of the smallest lock that holds the locked extras in ``extra``."""
    asked = set(extra.split(",")) & set(LOCKED_EXTRAS)
    return next((extras, lock) for extras, lock in LOCKS.items() if asked <= set(extras))


def lock_problem(lock: Path | None = None) -> str | None:
    """Why the course cannot be installed from ``lock`` on this Python, or None when it can."""
    lock = lock or LOCK
    here = f"{sys.version_info.major}.{sys.version_info.minor}"
    if not lock.exists():
        return f"{lock.relative_to(ROOT)} is missing. Maintainers: run python3 course.py lock and commit lock/."
    header = lock_header(lock)
    if header.get("lock-pyproject") != lock_fingerprint():
        return (
            f"{lock.relative_to(ROOT)} does not match pyproject.toml: the requirements changed after the lock "
            "was made (or the lock was edited by hand). Maintainers: run python3 course.py lock "
            "(it tests the new versions and writes the lock), then commit lock/ with pyproject.toml."
        )
    covered = header.get("lock-python", "").split()
    if here not in covered:
        return (
            f"The course's tested packages (lock/requirements.txt) are there for Python {', '.join(covered)}; "
            f"this is Python {sys.version.split()[0]}, for which some have no ready-made package. Run the course "
            f"with one of those versions, e.g. python{covered[-1] if covered else '3'} course.py open (on Windows: "
            f"py -{covered[-1] if covered else '3'} course.py open); python.org has every version."
        )
    return None


def ensure_environment(extra: str = "test") -> None:
    """Install the course into .venv from the smallest lock that holds the extras asked for (:data:`LOCKS`)
    when .venv is missing, holds less, or was installed from another lock or another pyproject.toml; add
    the extra ``dev`` (not locked) when it is asked for.

    Each package is the same version and the same file in every lock, the one the test command ran on. A
    lock that does not match pyproject.toml or lacks this Python stops the command before anything is
    installed; a failed install leaves the previous .venv in place (:func:`install_from_lock`)."""
    if sys.version_info < (3, 11):  # noqa: UP036  (course.py runs on whatever python3 the student has)
        sys.exit(f"This course needs Python 3.11 or newer; this is {sys.version.split()[0]}.")
    project = hashlib.sha256(json.dumps(project_table(), sort_keys=True).encode()).hexdigest()

    def installed_as(extras: tuple[str, ...], lock: Path) -> str:
        return f"{','.join(extras)} {hashlib.sha256(lock.read_bytes() if lock.exists() else b'').hexdigest()} {project}"

    stamp = VENV / "course-installed.txt"
    done = stamp.read_text(encoding="utf-8") if PYTHON.exists() and stamp.exists() else ""
    # an install of a larger lock serves a command that asks for less (test's serves open)
    served = any(
        done == installed_as(extras, lock) and set(lock_for(extra)[0]) <= set(extras) for extras, lock in LOCKS.items()
    )
    if not served:
        extras, lock = lock_for(extra)
        problem = lock_problem(lock)
        if problem:
            sys.exit(f"[course] {problem}")
        install_from_lock(lock)
        stamp.write_text(installed_as(extras, lock), encoding="utf-8")
    wanted = stamp.read_text(encoding="utf-8")
    dev = VENV / "course-installed-dev.txt"
    if "dev" in extra.split(",") and not (dev.exists() and dev.read_text(encoding="utf-8") == wanted):
        say("installing the maintainers' tools (the extra dev; the lock's versions of everything else)")
        pins = VENV / "course-lock-pins.txt"
        pins.write_text("\n".join(locked_pins()) + "\n", encoding="utf-8")
        left_out = VENV / "course-left-out.txt"
        left_out.write_text("\n".join(LEFT_OUT) + "\n", encoding="utf-8")
        uv = [str(tool("uv")), "pip", "install", "--quiet", "--python", str(PYTHON), "--system-certs"]
        editable = ["-e", f"{ROOT}[dev]", "--constraint", str(pins)]
        if subprocess.run([*uv, "--compile-bytecode", "--excludes", str(left_out), *editable], check=False).returncode:
            subprocess.run([str(PYTHON), "-m", "pip", "install", "--quiet", *editable], check=True)
        dev.write_text(wanted, encoding="utf-8")


def project_table() -> dict[str, object]:
    """pyproject.toml's [project] table: what the course's own install depends on."""
    import tomllib

    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]


def locked_pins(lock: Path | None = None) -> list[str]:
    """The lock's requirements without their hashes: ``name==version`` with any environment marker."""
    text = (lock or LOCK).read_text(encoding="utf-8").replace("\\\n", " ")
    return [line.split(" --hash")[0].strip() for line in text.splitlines() if line and line[0].isalnum()]


def install_from_lock(lock: Path) -> None:
    """Install the lock into a new .venv, with uv or else pip, hashes checked; the course itself goes on
    top (``--no-deps -e .``). The old .venv waits in .venv-previous until the new one is complete and
    comes back if the install fails, so a failure never leaves a half-installed environment."""
    previous = VENV.with_name(".venv-previous")
    if previous.exists():
        shutil.rmtree(previous)
    if VENV.exists():
        try:
            VENV.rename(previous)
        except OSError as error:  # Windows: a program still runs from .venv
            sys.exit(f"[course] .venv cannot be replaced ({error}): close JupyterLab, Voila or the hub and run again.")
    say(f"installing the course's tested packages into .venv from {lock.relative_to(ROOT)} (about a minute)")
    # setuptools' notes about editable installs read like errors to a student; real errors still show
    quiet = {**os.environ, "PYTHONWARNINGS": "ignore"}
    output: list[str] = []
    try:
        installed = installed_with_uv(lock, quiet, output)
        if not installed:
            say("uv could not install the course (see above); installing with pip instead")
            installed = installed_with_pip(lock, quiet, output)
    except BaseException:
        restore(previous)
        raise
    if not installed:
        restore(previous)
        hashes = "hash" in "".join(output).lower()
        sys.exit(
            "[course] Installing from the lock failed (see above); .venv is as it was before. "
            + (
                f"A downloaded file did not match its hash in {lock.relative_to(ROOT)}: it is not the file the "
                "course was tested with (a broken download, or a package mirror serving another build). Run "
                "the command again; if it fails the same way, tell the course's maintainers. Do not remove "
                "the hashes."
                if hashes
                else "Check the network (or the package mirror in pip's configuration) and run the command again."
            )
        )
    if (previous / "hub-proxy").exists() and not (VENV / "hub-proxy").exists():
        (previous / "hub-proxy").rename(VENV / "hub-proxy")
    if previous.exists():
        shutil.rmtree(previous, ignore_errors=True)


def restore(previous: Path) -> None:
    """Put the .venv that was there before an install back in place."""
    if VENV.exists():
        shutil.rmtree(VENV)
    if previous.exists():
        previous.rename(VENV)


def new_venv() -> list[str]:
    """A new, empty .venv; the command that installs into it with its pip."""
    if VENV.exists():
        shutil.rmtree(VENV)
    venv.EnvBuilder(with_pip=True).create(VENV)
    return [str(PYTHON), "-m", "pip", "install", "--quiet", "--disable-pip-version-check"]


def installed(command: list[str], environment: dict[str, str], output: list[str]) -> bool:
    """Run an install command; show what it printed; keep it in ``output``, True when it succeeded."""
    result = subprocess.run(command, check=False, env=environment, capture_output=True, text=True)
    print(result.stdout, end="", flush=True)
    print(result.stderr, end="", file=sys.stderr, flush=True)
    output += [result.stdout, result.stderr]
    return result.returncode == 0


def compile_course_package() -> None:
    """Write the bytecode of helpers/ where it is missing or stale.

    The editable install leaves the course's own package as source. Where PYTHONDONTWRITEBYTECODE is
    set (as on the course's CI machine), Python never writes its bytecode, so every kernel and test
    worker would compile helpers/ again: about 50 ms each, a hundred times in the full test run."""
    subprocess.run([str(PYTHON), "-m", "compileall", "-q", str(ROOT / "helpers")], check=False)


def installed_with_uv(lock: Path, environment: dict[str, str], output: list[str]) -> bool:
    """Install the lock and then the course with uv into a new .venv; False when uv could not do it.

    uv installs the same files as pip in less time (it fetches in parallel). pip installs uv itself
    from the lock (hash-checked) first. uv does not read pip's configuration (an institution's package
    mirror, say), so pip stays the fallback. It uses the system's certificates, as pip does, and compiles
    bytecode at install, as pip does, so that imports are fast even where PYTHONDONTWRITEBYTECODE is set."""
    pip = new_venv()
    installer = VENV / "course-installer.txt"
    installer.write_text(locked_block("uv", lock), encoding="utf-8")
    if not installed([*pip, "--require-hashes", "--no-deps", "-r", str(installer)], environment, output):
        return False
    uv = [str(tool("uv")), "pip", "install", "--quiet", "--python", str(PYTHON), "--compile-bytecode", "--system-certs"]
    locked = [*uv, "--require-hashes", "--no-deps", "-r", str(lock)]
    return installed(locked, environment, output) and installed(
        [*uv, "--no-deps", "-e", str(ROOT)], environment, output
    )


def installed_with_pip(lock: Path, environment: dict[str, str], output: list[str]) -> bool:
    """Install the lock and then the course with pip into a new .venv, hashes checked."""
    pip = new_venv()
    locked = [*pip, "--require-hashes", "--no-deps", "-r", str(lock)]
    return installed(locked, environment, output) and installed(
        [*pip, "--no-deps", "-e", str(ROOT)], environment, output
    )


def locked_block(name: str, lock: Path | None = None) -> str:
    """The lock's lines for one package: its pin and its hashes (pip installs uv from them)."""
    lines, found = [], False
    for line in (lock or LOCK).read_text(encoding="utf-8").splitlines():
        if line[:1].isalnum():
            found = line.startswith(f"{name}==")
        if found and not line.lstrip().startswith("#"):
            lines.append(line)
    return "\n".join(lines) + "\n"


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


# The screen-reader check (tests/test_screen_reader.py): a virtual screen, a D-Bus session, the AT-SPI bus and
# Debian's Python bindings for it
SCREEN_READER_PACKAGES = ["xvfb", "dbus", "at-spi2-core", "python3-pyatspi"]


def ensure_screen_reader_stack() -> None:
    """On Debian or Ubuntu as root, install what the screen-reader check needs if any of it is missing
    (elsewhere that check says what is missing)."""
    present = (
        shutil.which("Xvfb")
        and shutil.which("dbus-daemon")
        and Path("/usr/libexec/at-spi-bus-launcher").exists()
        and subprocess.run(["/usr/bin/python3", "-c", "import pyatspi"], capture_output=True, check=False).returncode
        == 0
    )
    if present or not (shutil.which("apt-get") and hasattr(os, "geteuid") and os.geteuid() == 0):
        return
    say("installing Debian's " + ", ".join(SCREEN_READER_PACKAGES) + " for the screen-reader check")
    subprocess.run(["apt-get", "update", "-qq"], check=True)
    subprocess.run(
        ["apt-get", "install", "-y", "-qq", "--no-install-recommends", *SCREEN_READER_PACKAGES],
        check=True,
        env={**os.environ, "DEBIAN_FRONTEND": "noninteractive"},
    )


def ensure_npm_package(package: str, installed: Path, prefix: Path, needed_for: str) -> None:
    """Install lock/npm/``package`` into ``prefix`` with ``npm ci``: the versions and integrity hashes of
    its package-lock.json, nothing else. Skipped when ``installed`` (a file it brings) is there and was
    installed from the same package-lock.json."""
    locked = NPM_LOCKS / package
    lock = (locked / "package-lock.json").read_bytes()
    done = prefix / "package-lock.json"
    if installed.exists() and done.exists() and done.read_bytes() == lock:
        return
    npm = shutil.which("npm")
    if not npm:
        sys.exit(f"{needed_for} needs Node.js 18 or newer with npm (for lock/npm/{package}): install it and run again.")
    say(f"installing lock/npm/{package} into {prefix.relative_to(ROOT)} ({needed_for}; npm ci, hashes checked)")
    if prefix.exists():
        shutil.rmtree(prefix)
    prefix.mkdir(parents=True)
    for name in ("package.json", "package-lock.json"):
        shutil.copyfile(locked / name, prefix / name)
    command = ["ci", "--silent", "--no-fund", "--no-audit", "--ignore-scripts"]
    if subprocess.run([npm, *command], cwd=prefix, check=False).returncode:
        shutil.rmtree(prefix, ignore_errors=True)
        sys.exit(
            f"[course] npm could not install lock/npm/{package} (see above; a file that does not match its "
            "integrity hash in package-lock.json is refused). Check the network and run the command again."
        )


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
    ensure_npm_package(AXE_PACKAGE, AXE_SCRIPT, ROOT / "build" / "axe", "The accessibility check")
    if arguments.twins:
        return run(PYTHON, *TWINS_TEST_COMMAND, *extra)
    ensure_screen_reader_stack()
    ensure_proxy()
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


def lock(arguments: argparse.Namespace, extra: list[str]) -> int:
    """Runs with this Python, not .venv's: the lock may not match pyproject.toml yet (tools/lock.py)."""
    options = [
        f"--{name.replace('_', '-')}" for name in ("upgrade", "no_write", "quick", "check") if getattr(arguments, name)
    ]
    return run(sys.executable, ROOT / "tools" / "lock.py", *options, *extra)


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
    testing = command(
        "test",
        test,
        "run the tests: unit, doctests, every notebook (nbval), the browser and a class hub",
        extra="test,hub",
    )
    testing.add_argument("--quick", action="store_true", help="no browser and no notebooks: the edit loop")
    testing.add_argument("--twins", action="store_true", help="the English twins of the Dutch apps' Voila checks")
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
    command("mutation", mutation, "mutation testing of the code that judges or counts (mutmut)", extra="test,dev")
    locking = command("lock", lock, "lock every package version with hashes; tested before it is written", extra="")
    locking.add_argument("--upgrade", action="store_true", help="the newest versions the ranges allow")
    locking.add_argument("--no-write", action="store_true", help="test the new versions; leave the lock as it is")
    locking.add_argument("--quick", action="store_true", help="test with test --quick instead of the full run")
    locking.add_argument("--check", action="store_true", help="only check the lock matches pyproject.toml")
    return parser


def main(argv: list[str]) -> int:
    if not argv:
        parser().print_help()
        return 2
    arguments, extra = parser().parse_known_args(argv)
    if arguments.extra:  # lock installs nothing into .venv: it makes what the others install from
        ensure_environment(arguments.extra)
        compile_course_package()
    os.chdir(ROOT)
    return arguments.run(arguments, extra)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
