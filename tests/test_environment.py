"""The lock (lock/requirements.txt, lock/npm/) matches what pyproject.toml and the package.json files ask
for; the conda route (environment.yml) pins the lock's versions; course.py refuses a lock it cannot use."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import tomllib

import pytest
import yaml
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

import course
from lock import CONDA_NAMES, conda_spec, pinned_environment, versions
from tests.conftest import ROOT


def normalise(requirement: str) -> tuple[str, str]:
    name, spec = re.match(r"^\s*([A-Za-z0-9_.-]+)\s*(.*)$", requirement).groups()
    return name.lower().replace("_", "-"), spec.replace(" ", "")


def locked() -> dict[str, str]:
    return versions(course.LOCK)


def test_the_lock_matches_pyproject():
    """Fails when pyproject.toml's requirements (the course, test, hub) changed and the lock did not, or
    the other way round: the message says what to run."""
    assert course.lock_header()["lock-pyproject"] == course.lock_fingerprint(), course.lock_problem()


def test_every_requirement_of_pyproject_is_met_by_the_locked_version():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    extras = project["optional-dependencies"]
    pins = locked()
    for line in project["dependencies"] + [r for extra in course.LOCKED_EXTRAS for r in extras[extra]]:
        requirement = Requirement(line)
        found = pins.get(canonicalize_name(requirement.name))
        assert found, f"{requirement.name} is not in the lock: run python3 course.py lock"
        for version in found.split(", "):  # one version per Python range where the lock parts them
            assert requirement.specifier.contains(version, prereleases=True), (
                f"{requirement.name} {version} in the lock, but pyproject.toml asks for {requirement.specifier}: "
                "run python3 course.py lock"
            )


def test_every_locked_package_is_pinned_with_hashes_and_the_left_out_ones_are_absent():
    text = course.LOCK.read_text(encoding="utf-8")
    pins = [block for block in re.split(r"\n(?=[A-Za-z0-9])", text) if block[:1].isalnum()]
    assert len(pins) > 100
    for block in pins:
        assert re.match(r"[a-z0-9][a-z0-9._-]*==\S+", block), block.splitlines()[0]
        assert "--hash=sha256:" in block, f"no hash for {block.splitlines()[0]}"
    assert not set(course.LEFT_OUT) & set(locked()), "the lock holds a package course.py leaves out (record 0011)"
    assert "jsonschema" in locked() and "uv" in locked(), "the installer (uv) is locked with the rest"
    assert "://" not in text, "the lock names no index: an institution's mirror serves the same files"


def locked_files(lock) -> dict[str, set[str]]:
    """``name==version`` -> the hashes of its files (a smaller lock may need a package on fewer platforms:
    its marker may differ)."""
    blocks = re.split(r"\n(?=[A-Za-z0-9])", lock.read_text(encoding="utf-8"))
    return {re.split(r"[ ;\\]", b)[0]: set(re.findall(r"sha256:\w+", b)) for b in blocks if b[:1].isalnum()}


def test_each_smaller_lock_is_cut_from_the_whole_one():
    """A student's commands (the course alone) and the class hub install smaller locks: every package in
    them is the same version with the same files as in the lock the test command ran on."""
    whole = locked_files(course.LOCK)
    for lock in course.LOCKS.values():
        assert course.lock_header(lock)["lock-pyproject"] == course.lock_fingerprint(), course.lock_problem(lock)
        assert course.lock_header(lock)["lock-python"] == course.lock_header()["lock-python"]
        different = {pin for pin, files in locked_files(lock).items() if whole.get(pin) != files}
        assert not different, f"{lock.name}: not as in requirements.txt: {sorted(different)}"
    alone, hub = (set(versions(course.LOCKS[extras])) for extras in ((), ("hub",)))
    assert {"jupyterlab", "voila", "plotly", "ipywidgets", "uv"} <= alone
    assert not {"pytest", "playwright", "ruff", "mypy", "jupyterhub"} & alone, "a student gets no test tools"
    assert {"jupyterhub", "jupyterhub-idle-culler"} <= hub and not {"pytest", "playwright"} & hub


def test_the_lock_covers_the_pythons_and_platforms_it_names():
    header = course.lock_header()
    pythons = header["lock-python"].split()
    assert pythons[0] == "3.11" and all(re.fullmatch(r"3\.\d+", p) for p in pythons)
    for platform in ("Linux x86_64", "macOS arm64", "Windows x86_64"):
        assert platform in header["lock-wheels"]


def test_conda_lists_the_packages_of_pyproject_at_the_locked_versions():
    """environment.yml (conda, Binder) pins every package pyproject.toml names to the lock's version, and
    Python to the versions the lock covers; python3 course.py lock rewrites those pins."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    pip = {normalise(r)[0] for r in project["dependencies"] + project["optional-dependencies"]["test"]}
    text = (ROOT / "environment.yml").read_text(encoding="utf-8")
    conda_deps = yaml.safe_load(text)["dependencies"]
    conda = dict(normalise(d) for d in conda_deps if isinstance(d, str))
    # what conda-forge does not build comes from pip inside the environment, pinned the same way
    pip_section = next(d["pip"] for d in conda_deps if isinstance(d, dict))
    conda |= dict(normalise(d) for d in pip_section if not d.startswith("-e"))
    named = {CONDA_NAMES.get(name, name): spec for name, spec in conda.items() if name not in ("python", "pip")}
    assert set(named) == pip, f"only pip: {sorted(pip - set(named))}; only conda: {sorted(set(named) - pip)}"
    pins = locked()
    wrong = {name: spec for name, spec in named.items() if spec != conda_spec(pins[name])}
    assert not wrong, f"environment.yml differs from the lock: {wrong}; python3 course.py lock rewrites it"
    pythons = course.lock_header()["lock-python"].split()
    assert conda["python"] == f">={pythons[0]},<3.{int(pythons[-1].split('.')[1]) + 1}"
    assert pinned_environment(text, pins, pythons) == text


def test_each_npm_lock_matches_its_package_json_with_integrity_hashes():
    folders = sorted(course.NPM_LOCKS.iterdir())
    assert {folder.name for folder in folders} == {course.PROXY_PACKAGE, course.AXE_PACKAGE}
    for folder in folders:
        wanted = json.loads((folder / "package.json").read_text(encoding="utf-8"))["dependencies"]
        lock = json.loads((folder / "package-lock.json").read_text(encoding="utf-8"))
        assert lock["packages"][""]["dependencies"] == wanted, f"run python3 course.py lock ({folder.name})"
        for path, entry in lock["packages"].items():
            if path:
                assert entry["integrity"].startswith("sha512-"), (folder.name, path)
                assert "resolved" not in entry, "the lock names no registry (the folder's .npmrc)"


def test_the_lock_command_reports_each_change_as_old_to_new():
    from lock import changes, version_key

    old = {"plotly": "7.1.0", "numpy": "2.4.6", "gone": "1.0"}
    new = {"plotly": "7.2.0", "numpy": "2.4.6, 2.5.5", "added": "0.3"}
    assert changes(old, new) == [
        "  numpy 2.4.6 -> 2.4.6, 2.5.5",
        "  plotly 7.1.0 -> 7.2.0",
        "  + added 0.3",
        "  - gone 1.0",
    ]
    assert sorted(["10.0", "9.1", "2.10", "2.9"], key=version_key) == ["2.9", "2.10", "9.1", "10.0"]


@pytest.fixture
def course_copy(tmp_path):
    """course.py with pyproject.toml and the lock in a folder of their own (no .venv)."""
    for name in ("course.py", "pyproject.toml"):
        shutil.copy(ROOT / name, tmp_path / name)
    shutil.copytree(ROOT / "lock", tmp_path / "lock")
    return tmp_path


def refusal(folder) -> subprocess.CompletedProcess:
    result = subprocess.run(
        [sys.executable, "course.py", "demo"], cwd=folder, capture_output=True, text=True, timeout=60
    )
    assert result.returncode != 0
    assert not (folder / ".venv").exists(), "a refused install made .venv"
    return result


def test_a_lock_that_does_not_match_pyproject_stops_the_install_before_anything_is_made(course_copy):
    pyproject = course_copy / "pyproject.toml"
    text = pyproject.read_text(encoding="utf-8")
    pyproject.write_text(text.replace("dependencies = [", 'dependencies = [\n    "six>=1.16",', 1), encoding="utf-8")
    message = refusal(course_copy).stderr
    assert "lock/requirements.txt does not match pyproject.toml" in message
    assert "python3 course.py lock" in message


def test_a_python_the_lock_lacks_is_refused_with_the_versions_it_has(course_copy):
    lock = course_copy / "lock" / "requirements.txt"
    here = f"{sys.version_info.major}.{sys.version_info.minor}"
    text = lock.read_text(encoding="utf-8")
    lock.write_text(re.sub(r"(?m)^# lock-python: .*$", "# lock-python: 3.98 3.99", text), encoding="utf-8")
    message = refusal(course_copy).stderr
    assert f"this is Python {here}" in message and "3.98, 3.99" in message and "python3.99 course.py open" in message


def test_conda_route_installs_the_course_package_itself():
    conda_deps = yaml.safe_load((ROOT / "environment.yml").read_text(encoding="utf-8"))["dependencies"]
    pip_section = next(d["pip"] for d in conda_deps if isinstance(d, dict))
    assert "-e ." in pip_section


def newest_release() -> tuple[str, str]:
    """The version and date of the changelog's newest released heading (``## 2.1.0 — 2026-11-25``); an
    ``## Unreleased`` section above it collects what the next release brings."""
    changelog = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    heading = re.search(r"^## (?!Unreleased)(\S+) — (\d{4}-\d{2}-\d{2})$", changelog, re.M)
    assert heading, "the newest released heading in CHANGELOG.md reads '## X.Y.Z — YYYY-MM-DD' (RELEASING.md)"
    return heading.group(1), heading.group(2)


def test_the_version_is_the_same_in_the_package_pyproject_the_citation_and_the_changelog():
    from helpers import __version__

    citation = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    # pyproject.toml names no version of its own: it reads the package's
    assert "version" in project["project"]["dynamic"] and "version" not in project["project"]
    assert project["tool"]["setuptools"]["dynamic"]["version"] == {"attr": "helpers.__version__"}
    assert citation["version"] == __version__ == newest_release()[0]


def test_the_citation_is_dated_the_day_the_changelog_gives_its_release():
    citation = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    assert str(citation["date-released"]) == newest_release()[1]


def test_the_zenodo_record_describes_the_release_the_citation_does():
    """A release gets a DOI from .zenodo.json once the repository is connected to Zenodo; it must say what
    CITATION.cff says. Zenodo takes one licence: the code's, with the content's in the notes."""
    citation = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    zenodo = json.loads((ROOT / ".zenodo.json").read_text(encoding="utf-8"))
    assert zenodo["upload_type"] == "software"
    assert (zenodo["title"], zenodo["version"], zenodo["keywords"]) == (
        citation["title"],
        citation["version"],
        citation["keywords"],
    )
    assert zenodo["creators"] == [{"name": author["name"]} for author in citation["authors"]]
    first, *others = citation["license"]
    assert zenodo["license"] == first and all(other in zenodo["notes"] for other in others)


def test_voila_culls_idle_kernels_the_same_way_from_course_py_and_voila_json():
    import json

    from course import VOILA_OPTIONS

    settings = json.loads((ROOT / "voila.json").read_text(encoding="utf-8"))["MappingKernelManager"]
    options = dict(option.removeprefix("--MappingKernelManager.").split("=") for option in VOILA_OPTIONS)
    assert options == {"cull_idle_timeout": "60", "cull_interval": "15", "cull_connected": "False"}
    assert settings == {"cull_idle_timeout": 60, "cull_interval": 15, "cull_connected": False}
