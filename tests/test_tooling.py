"""The project's own checks run in the test command: lint, format, types, and the commands a newcomer types."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tomllib

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
    assert {"open", "test", "lint", "pin", "bench", "soak", "demo", "html", "mutation"} <= set(commands)
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
