"""The pip route (pyproject.toml) and the conda route (environment.yml) list the same packages."""

from __future__ import annotations

import re
import tomllib

import yaml

from tests.conftest import ROOT


def normalise(requirement: str) -> tuple[str, str]:
    name, spec = re.match(r"^\s*([A-Za-z0-9_.-]+)\s*(.*)$", requirement).groups()
    return name.lower().replace("_", "-"), spec.replace(" ", "")


CONDA_NAMES = {"python-fastjsonschema": "fastjsonschema"}  # conda-forge's name -> the package's name


def test_pip_and_conda_list_the_same_packages_and_versions():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    pip = {normalise(r) for r in project["dependencies"] + project["optional-dependencies"]["test"]}
    conda_deps = yaml.safe_load((ROOT / "environment.yml").read_text(encoding="utf-8"))["dependencies"]
    conda_listed = [normalise(d) for d in conda_deps if isinstance(d, str)]
    conda = {(CONDA_NAMES.get(name, name), spec) for name, spec in conda_listed if name not in ("python", "pip")}
    assert pip == conda, f"only pip: {sorted(pip - conda)}; only conda: {sorted(conda - pip)}"


def test_conda_route_installs_the_course_package_itself():
    conda_deps = yaml.safe_load((ROOT / "environment.yml").read_text(encoding="utf-8"))["dependencies"]
    pip_section = next(d["pip"] for d in conda_deps if isinstance(d, dict))
    assert "-e ." in pip_section


def test_the_version_is_the_same_in_the_package_the_citation_and_the_changelog():
    from helpers import __version__

    citation = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    # the newest released heading: an "## Unreleased" section above it collects what the next release brings
    changelog = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    newest = re.search(r"^## (?!Unreleased)(\S+)", changelog, re.M).group(1)
    assert citation["version"] == __version__ == newest


def test_voila_culls_idle_kernels_the_same_way_from_course_py_and_voila_json():
    import json

    from course import VOILA_OPTIONS

    settings = json.loads((ROOT / "voila.json").read_text(encoding="utf-8"))["MappingKernelManager"]
    options = dict(option.removeprefix("--MappingKernelManager.").split("=") for option in VOILA_OPTIONS)
    assert options == {"cull_idle_timeout": "60", "cull_interval": "15", "cull_connected": "False"}
    assert settings == {"cull_idle_timeout": 60, "cull_interval": 15, "cull_connected": False}
