"""The project's own checks run in the test command: lint, format, types, and the commands a newcomer types."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
import yaml

from tests.conftest import ROOT


def run(*command: str, cwd=ROOT) -> subprocess.CompletedProcess:
    return subprocess.run(command, cwd=cwd, capture_output=True, text=True, timeout=300)


@pytest.mark.parametrize(
    "command",
    [("ruff", "check", "."), ("ruff", "format", "--check", "."), ("mypy",)],
    ids=["ruff check", "ruff format --check", "mypy helpers"],
)
def test_code_passes_the_projects_checks(command):
    result = run(sys.executable, "-m", *command)
    assert result.returncode == 0, result.stdout + result.stderr


def test_every_command_explains_itself_without_installing(tmp_path):
    """``course.py COMMAND --help`` answers on a fresh checkout: no .venv is made, nothing installed."""
    shutil.copy(ROOT / "course.py", tmp_path / "course.py")
    overview = run(sys.executable, "course.py", "--help", cwd=tmp_path)
    assert overview.returncode == 0
    commands = re.findall(r"^    (\w+)\s{2,}", overview.stdout, re.M)
    assert {"open", "test", "lint", "pin", "bench", "soak", "demo", "html", "mutation", "lock"} <= set(commands)
    for command in commands:
        result = run(sys.executable, "course.py", command, "--help", cwd=tmp_path)
        assert result.returncode == 0 and result.stdout.startswith(f"usage: course.py {command}"), result.stderr
    assert "--quick" in run(sys.executable, "course.py", "test", "--help", cwd=tmp_path).stdout
    assert not (tmp_path / ".venv").exists()


def test_pre_commit_hooks_use_the_tool_versions_the_project_declares():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    declared = {
        re.match(r"[\w-]+", spec).group(): spec
        for spec in project["optional-dependencies"]["test"] + project["dependencies"]
    }
    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    hooks = {hook["id"]: hook for repo in config["repos"] for hook in repo["hooks"]}
    assert {"ruff-check", "ruff-format", "mypy", "notebooks-stripped"} <= set(hooks)
    for hook in hooks.values():
        for spec in hook.get("additional_dependencies", []):
            name = re.match(r"[\w-]+", spec).group()
            assert spec == declared[name], f"hook {hook['id']}: {spec}, but pyproject.toml says {declared[name]}"


def test_the_parallel_run_keeps_each_notebook_and_each_shared_set_up_on_one_worker():
    import importlib.util

    spec = importlib.util.spec_from_file_location("root_conftest", ROOT / "conftest.py")
    root = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(root)
    scope = root.WholeFilesTogether._split_scope
    cells = ["notebooks/nl/03_een_afdeling_scoren.ipynb::Cell 0", "notebooks/nl/03_een_afdeling_scoren.ipynb::Cell 4"]
    assert {scope(None, cell) for cell in cells} == {"notebooks/nl/03_een_afdeling_scoren.ipynb"}
    assert scope(None, "tests/test_site.py::test_a[x.html]") == scope(None, "tests/test_site.py::test_b")
    assert scope(None, "tests/test_hub.py::test_a") == "tests/test_hub.py"
    lab = ["tests/test_browser_lab.py::test_x[00_start_here.ipynb]", "tests/test_browser_lab.py::test_y"]
    assert scope(None, lab[0]) != scope(None, lab[1]), "other tests spread one by one"


@pytest.fixture
def fake_install(tmp_path, monkeypatch):
    """course.py's install with a .venv in tmp_path and every command recorded instead of run; a command
    whose step is in ``fails`` fails, printing ``failure``."""
    import course

    venv_dir = tmp_path / ".venv"
    monkeypatch.setattr(course, "VENV", venv_dir)
    monkeypatch.setattr(course, "BIN", venv_dir / "bin")
    monkeypatch.setattr(course, "PYTHON", venv_dir / "bin" / "python")

    def make_venv(builder, path):
        course.PYTHON.parent.mkdir(parents=True)
        course.PYTHON.touch()

    monkeypatch.setattr(course.venv.EnvBuilder, "create", make_venv)
    state = {"commands": [], "fails": set(), "failure": "error: could not connect"}

    def step(command) -> str:
        pip = command[1:3] == ["-m", "pip"]
        if "-e" in command:
            return "course"
        installer = any(part.endswith("course-installer.txt") for part in command)
        return "pip install uv" if installer else "pip install lock" if pip else "uv install lock"

    def recorded(command, check=False, env=None, capture_output=False, text=False):
        command = [str(part) for part in command]
        state["commands"].append(command)
        failed = step(command) in state["fails"]
        if failed and check:
            raise subprocess.CalledProcessError(1, command)
        return subprocess.CompletedProcess(command, int(failed), "", state["failure"] if failed else "")

    monkeypatch.setattr(course.subprocess, "run", recorded)
    return course, state


@pytest.mark.parametrize(
    "fails",
    [set(), {"pip install uv"}, {"uv install lock"}],
    ids=["with uv", "pip where uv cannot be installed", "pip where uv cannot install the course"],
)
def test_the_first_run_installs_the_lock_with_hashes_once(fake_install, fails):
    """``course.py``'s first run makes .venv and installs exactly the lock, hashes checked: pip installs uv
    from the lock's lines for it, uv installs the lock (bytecode compiled, as pip does; rfc3987-syntax is
    not in the lock, decision record 0011), then the course itself; or pip installs the lock when uv
    cannot be installed or cannot install it. A second run with the same lock installs nothing."""
    course, state = fake_install
    state["fails"] = fails
    commands = state["commands"]
    course.ensure_environment("test,hub")
    assert course.PYTHON.exists(), "no virtual environment was made"
    lock, editable = commands[-2], commands[-1]
    assert lock[-4:] == ["--require-hashes", "--no-deps", "-r", str(course.LOCK)]
    assert editable[-3:] == ["--no-deps", "-e", str(ROOT)]
    if not fails:
        installer = Path(commands[0][-1]).read_text(encoding="utf-8")
        assert re.match(r"uv==\S+ \\\n    --hash=sha256:", installer) and "#" not in installer
        assert commands[0][-4:-1] == ["--require-hashes", "--no-deps", "-r"]
        assert lock[0] == str(course.BIN / "uv") and "--compile-bytecode" in lock
    else:
        assert lock[:4] == [str(course.PYTHON), "-m", "pip", "install"]
    installs = len(commands)
    for extra in ("test,hub", "test", "hub"):
        course.ensure_environment(extra)
        assert len(commands) == installs, f"{extra}: installed again, but every command gets the whole lock"
    course.ensure_environment("test,dev")
    assert len(commands) == installs + 1, "the extra dev was never installed"
    assert "--constraint" in commands[-1], "the extra dev goes on top of the lock's versions"
    left_out = Path(commands[-1][commands[-1].index("--excludes") + 1]).read_text(encoding="utf-8").split()
    assert left_out == ["rfc3987-syntax"], "the extra dev leaves out what the lock leaves out (record 0011)"


def test_each_command_installs_the_smallest_lock_that_holds_what_it_asks_for(fake_install):
    """The course alone for an extra that holds no locked one (a student's open, voila, html), the hub's
    lock for hub, the whole lock for test; an install that holds more serves a command that asks for less."""
    course, state = fake_install
    commands = state["commands"]
    installed_lock = {}
    for extra, lock, again in [
        ("student", (), True),
        ("hub", ("hub",), True),
        ("student", ("hub",), False),
        ("test", ("test", "hub"), True),
        ("hub", ("test", "hub"), False),
    ]:
        installs = len(commands)
        course.ensure_environment(extra)
        assert (len(commands) > installs) == again, f"{extra} after {installed_lock}"
        installed_lock = course.LOCKS[lock]
        if again:
            assert commands[-2][-1] == str(installed_lock), f"{extra}: not from {installed_lock.name}"


def test_a_failed_install_leaves_the_previous_environment_as_it_was(fake_install, capsys):
    """A hash mismatch (or any failure) in both routes: the old .venv comes back whole, no stamp says the
    new lock is installed, and the message names the hash problem."""
    course, state = fake_install
    course.VENV.mkdir()
    (course.VENV / "previous.txt").write_text("the environment that worked", encoding="utf-8")
    state["fails"] = {"uv install lock", "pip install lock"}
    state["failure"] = "ERROR: THESE PACKAGES DO NOT MATCH THE HASHES FROM THE REQUIREMENTS FILE."
    with pytest.raises(SystemExit) as stop:
        course.ensure_environment("test")
    assert "did not match its hash" in str(stop.value) and ".venv is as it was before" in str(stop.value)
    assert sorted(path.name for path in course.VENV.iterdir()) == ["previous.txt"]
    assert not course.VENV.with_name(".venv-previous").exists()


def test_the_course_package_is_compiled_where_python_writes_no_bytecode(tmp_path, monkeypatch):
    """The editable install leaves helpers/ as source: course.py writes its bytecode, also where
    PYTHONDONTWRITEBYTECODE is set, so that no kernel compiles the package again."""
    import course

    package = tmp_path / "helpers"
    package.mkdir()
    (package / "__init__.py").write_text("ANSWER = 42\n", encoding="utf-8")
    monkeypatch.setattr(course, "ROOT", tmp_path)
    monkeypatch.setattr(course, "PYTHON", Path(sys.executable))
    monkeypatch.setenv("PYTHONDONTWRITEBYTECODE", "1")
    course.compile_course_package()
    assert [path.name.split(".")[0] for path in (package / "__pycache__").glob("*.pyc")] == ["__init__"]


@pytest.mark.parametrize("argv", [["open"], ["open", "nl"], ["voila"], ["html"]])
def test_what_a_student_runs_installs_no_test_tools(argv):
    """Issue 28: course.py open installed pytest, Playwright, ruff and mypy into a student's environment.
    A student's commands ask for extras that hold none of the test tools; the test command still gets them."""
    import course

    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    extras = project["optional-dependencies"]

    def installed(command: list[str]) -> set[str]:
        asked = course.parser().parse_known_args(command)[0].extra.split(",")
        assert set(asked) <= set(extras), f"course.py {command[0]} asks for an extra pyproject.toml does not define"
        return {re.split(r"[<>=\[ ;]", r)[0].lower() for extra in asked for r in extras[extra]}

    test_tools = {"pytest", "playwright", "ruff", "mypy", "nbval", "pre-commit", "mutmut"}
    assert not installed(argv) & test_tools, f"course.py {' '.join(argv)} installs {installed(argv) & test_tools}"
    assert {"pytest", "playwright", "ruff", "mypy"} <= installed(["test"]), "the test command brings the test tools"


def test_course_py_serves_voila_and_jupyterlab_with_the_offline_template(monkeypatch):
    """Issue 28: Voila asked cdn.jsdelivr.net (Font Awesome) and cdnjs (MathJax). course.py voila and open
    pass the course's template, found on JUPYTER_PATH, and MathJax settings that keep every page here
    (tests/test_browser_*.py record every request and fail on any to another host)."""
    import course

    ran = []
    monkeypatch.setattr(course, "run", lambda *command: ran.append([str(c) for c in command]) or 0)
    monkeypatch.setenv("JUPYTER_PATH", "/elsewhere")
    arguments, extra = course.parser().parse_known_args(["voila"])
    course.voila(arguments, extra)
    assert {"--VoilaConfiguration.template=course", "--Voila.mathjax_url=null"} <= set(ran[-1])
    assert os.environ["JUPYTER_PATH"].split(os.pathsep) == [str(ROOT / "share" / "jupyter"), "/elsewhere"]
    template = ROOT / "share" / "jupyter" / "voila" / "templates" / "course"
    assert (template / "conf.json").is_file() and "https://" not in (template / "index.html.j2").read_text("utf-8")
    arguments, extra = course.parser().parse_known_args(["open"])
    course.open_lab(arguments, extra)
    assert "--VoilaConfiguration.template=course" in ran[-1]
    assert any("tornado_settings" in option and '"mathjax_url": "null"' in option for option in ran[-1])


def test_the_functions_mutation_testing_runs_exist_in_the_modules_it_mutates():
    """tools/mutation.py runs the mutants of the functions it names: a function renamed or moved must be named
    anew there, or its module's figure would quietly leave it out."""
    import ast
    import fnmatch

    from mutation import FUNCTIONS, modules  # tools/ (on the path through conftest)

    for module, functions in FUNCTIONS.items():
        assert module in modules(), module
        tree = ast.parse((ROOT / module).read_text(encoding="utf-8"))
        defined = [node.name for node in tree.body if isinstance(node, ast.FunctionDef)]
        defined += [
            f"{node.name}.{item.name}"
            for node in tree.body
            if isinstance(node, ast.ClassDef)
            for item in node.body
            if isinstance(item, ast.FunctionDef | ast.AsyncFunctionDef)
        ]
        for function in functions:
            assert fnmatch.filter(defined, function), f"{module}: no {function}"


def test_ci_runs_the_readmes_test_command_then_the_english_voila_twins():
    """CI runs the README's test command, then the English Voilà twins that command leaves out (record 0022):
    every English app's Voilà check is marked ``twin``, every Dutch one is not, and each has its twin."""
    from tests.test_browser_voila import RENDERED

    assert "python3 course.py test       # installs everything" in (ROOT / "README.md").read_text(encoding="utf-8")
    ci = [line for line in (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines() if "course.py" in line]
    assert [line for line in ci if not line.startswith("#")] == [
        "python3 course.py test",
        "python3 course.py test --twins",
    ]
    twins = {p.values[0] for p in RENDERED if not isinstance(p, str) and [m.name for m in p.marks] == ["twin"]}
    dutch = {p for p in RENDERED if isinstance(p, str)}
    assert twins and all(not name.startswith("nl/") for name in twins)
    assert all(name.startswith("nl/") for name in dutch) and len(dutch) == len(twins)
