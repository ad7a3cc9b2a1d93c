"""Make the course's locks: every Python and npm package version the course installs, with hashes.

    python3 course.py lock                      after editing pyproject.toml (or lock/npm/*/package.json):
                                                keep every locked version that still fits, lock what is new
    python3 course.py lock --upgrade            the newest versions the ranges allow
    python3 course.py lock --upgrade --no-write the newest versions, tested, and the lock left as it is
                                                (to see a coming break before the semester)
    python3 course.py lock --check              does the lock match pyproject.toml? (no network, no tests)

Each run but ``--check`` resolves into a scratch folder, prints what changed (package: old -> new), runs
the full test command (``--quick``: the quick one) in a copy of the course that installs the new lock as a
student would, and writes ``lock/`` and the pins of ``environment.yml`` only if those tests pass (never
with ``--no-write``). The Python lock is uv's universal resolution (``uv pip compile --universal
--generate-hashes``): one file for Linux, macOS and Windows, which uv and pip both install from. Its
header says which Pythons and platforms have a ready-made wheel for every package; ``course.py`` refuses
other Pythons. Decision record: docs/decisions/0018-locked-install.md.

Runs with the Python that runs course.py (the standard library and uv; no .venv needed).
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import course  # noqa: E402

# The platforms whose wheels the lock is checked for (uv's names), as the lock's header names them.
PLATFORMS = {
    "x86_64-manylinux_2_28": "Linux x86_64",
    "aarch64-manylinux_2_28": "Linux aarch64",
    "aarch64-apple-darwin": "macOS arm64 (Apple silicon)",
    "x86_64-apple-darwin": "macOS x86_64 (Intel)",
    "x86_64-pc-windows-msvc": "Windows x86_64",
}
# A Python version is covered when every package has a wheel for it on each of these: what students have.
STUDENT_PLATFORMS = ("x86_64-manylinux_2_28", "aarch64-apple-darwin", "x86_64-pc-windows-msvc")
NEWEST_PYTHON_TRIED = 16  # 3.11 ... 3.16
CONDA_NAMES = {"python-fastjsonschema": "fastjsonschema"}  # conda-forge's name -> the package's name
HEADER = """\
# The Python packages {holds}, locked (docs/decisions/0018-locked-install.md):
# each at one version, with the hashes of its files for Linux, macOS and Windows. course.py installs
# exactly these (uv, else pip: --require-hashes --no-deps), then the course itself (--no-deps -e .).
# Made with the other files in lock/ by `python3 course.py lock` (tools/lock.py); never edit it by hand.
# lock-pyproject: {fingerprint}
# lock-python: {pythons}
# lock-wheels: {wheels}
# lock-source-builds: {builds}
"""
HOLDS = {(): "of the course alone", ("hub",): "of the course and its extra hub"}
HOLDS[course.LOCKED_EXTRAS] = "of the course and its extras test and hub (what the test command runs on)"


def say(message: str) -> None:
    print(f"[lock] {message}", flush=True)


def find_uv(scratch: Path) -> str:
    """.venv's uv, else one on the PATH, else uv installed into a scratch environment."""
    if course.tool("uv").exists():
        return str(course.tool("uv"))
    if shutil.which("uv"):
        return str(shutil.which("uv"))
    say("no uv in .venv or on the PATH: installing it into a scratch environment")
    subprocess.run([sys.executable, "-m", "venv", str(scratch / "uv")], check=True)
    bin_dir = scratch / "uv" / ("Scripts" if sys.platform == "win32" else "bin")
    pip = [str(bin_dir / "python"), "-m", "pip", "install", "--quiet"]
    if course.LOCK.exists():  # the locked uv, hashes checked, as course.py installs it
        (scratch / "uv.txt").write_text(course.locked_block("uv"), encoding="utf-8")
        subprocess.run([*pip, "--require-hashes", "--no-deps", "-r", str(scratch / "uv.txt")], check=True)
    else:
        subprocess.run([*pip, course.INSTALLER], check=True)
    return str(bin_dir / ("uv.exe" if sys.platform == "win32" else "uv"))


def minimum_python() -> str:
    found = re.search(r">=\s*(\d+\.\d+)", str(course.lock_inputs()["requires-python"]))
    return found.group(1) if found else "3.11"


def resolve(uv: str, output: Path, upgrade: bool, scratch: Path, extras=course.LOCKED_EXTRAS, within=None) -> None:
    """uv's universal resolution of pyproject.toml (with ``extras``) and the installer, hashes of every
    file; the existing lock's versions are kept where they fit unless ``upgrade``. ``within``: a lock
    whose versions this one must take (the smaller locks are cut from the whole one so)."""
    left_out = scratch / "left-out.txt"
    left_out.write_text("\n".join(course.LEFT_OUT) + "\n", encoding="utf-8")
    if course.LOCK.exists() and not upgrade and not within:
        shutil.copyfile(course.LOCK, output)  # uv keeps the versions of the file it writes to
    # fewest: one version of a package for every Python where one fits them all, so that the versions
    # the tests ran on (on one Python) are those every Python gets; by default uv takes a newer version
    # for the newer Pythons where a release has dropped the oldest (numpy 2.5 for 3.12+, untested here)
    command = [uv, "pip", "compile", "pyproject.toml", "-", "--universal", "--fork-strategy=fewest"]
    command += ["--generate-hashes", "--no-header", *[f"--extra={extra}" for extra in extras]]
    command += [f"--python-version={minimum_python()}", "--excludes", str(left_out), "-o", str(output), "--quiet"]
    if within:
        pins = scratch / "pins.txt"
        pins.write_text("\n".join(course.locked_pins(within)) + "\n", encoding="utf-8")
        command += ["--constraint", str(pins)]
    if upgrade and not within:
        command.append("--upgrade")
    subprocess.run(command, input=course.INSTALLER + "\n", text=True, cwd=ROOT, check=True)


def coverage(uv: str, lock: Path, scratch: Path) -> dict[str, str]:
    """Which Pythons and platforms get a wheel for every locked package, and what builds from source."""
    missing: dict[tuple[str, str], list[str]] = {}
    for minor in range(int(minimum_python().split(".")[1]), NEWEST_PYTHON_TRIED + 1):
        for platform in PLATFORMS:
            command = [uv, "pip", "compile", str(lock), "--no-deps", "--only-binary", ":all:", "--quiet"]
            command += [f"--python-platform={platform}", f"--python-version=3.{minor}", "-o", str(scratch / "x.txt")]
            # offline first: the resolution just fetched every package's list of files
            result = subprocess.run([*command, "--offline"], capture_output=True, text=True, check=False)
            if result.returncode and "Wheels are required" not in result.stderr:
                result = subprocess.run(command, capture_output=True, text=True, check=False)
            if result.returncode:
                missing[(f"3.{minor}", platform)] = sorted(
                    set(re.findall(r"Wheels are required for `([^`]+)`", result.stderr))
                ) or ["?"]
    pythons = []
    for minor in range(int(minimum_python().split(".")[1]), NEWEST_PYTHON_TRIED + 1):
        if any((f"3.{minor}", platform) in missing for platform in STUDENT_PLATFORMS):
            break
        pythons.append(f"3.{minor}")
    wheels = [name for platform, name in PLATFORMS.items() if all((p, platform) not in missing for p in pythons)]
    builds = [
        f"{name} builds {', '.join(sorted({m for p in pythons for m in missing.get((p, platform), [])}))} from source"
        for platform, name in PLATFORMS.items()
        if name not in wheels
    ]
    return {
        "pythons": " ".join(pythons),
        "wheels": ", ".join(wheels) + f" (every package a wheel, Python {pythons[0]}-{pythons[-1]})"
        if pythons
        else "none",
        "builds": "; ".join(builds) + " (needs a C compiler)" if builds else "none",
    }


def versions(lock: Path) -> dict[str, str]:
    """package -> its locked version(s) (two where the lock picks one per Python, as for soupsieve)."""
    found: dict[str, list[str]] = {}
    for pin in course.locked_pins(lock):
        name, version = re.match(r"([^=\s]+)==([^\s;]+)", pin).groups()
        found.setdefault(name, []).append(version)
    return {name: ", ".join(sorted(set(found[name]), key=version_key)) for name in sorted(found)}


def version_key(version: str) -> tuple:
    return tuple((int(part), "") if part.isdigit() else (-1, part) for part in re.split(r"[.+-]", version))


def npm_versions(package_lock: Path) -> dict[str, str]:
    packages = json.loads(package_lock.read_text(encoding="utf-8"))["packages"]
    found: dict[str, set[str]] = {}
    for path, entry in packages.items():
        if path:
            found.setdefault(path.rsplit("node_modules/", 1)[-1], set()).add(entry["version"])
    return {name: ", ".join(sorted(found[name], key=version_key)) for name in sorted(found)}


def resolve_npm(folder: Path, upgrade: bool) -> None:
    """npm's lock for one folder of lock/npm (a copy in the scratch folder): fitted to its package.json,
    and with ``upgrade`` moved to the newest versions its ranges allow."""
    quiet = ["--package-lock-only", "--ignore-scripts", "--no-audit", "--no-fund", "--silent"]
    npm = shutil.which("npm")
    if not npm:
        sys.exit("[lock] the npm locks need Node.js with npm: install it and run again.")
    subprocess.run([npm, "install", *quiet], cwd=folder, check=True)
    if upgrade:
        subprocess.run([npm, "update", *quiet], cwd=folder, check=True)


def changes(old: dict[str, str], new: dict[str, str]) -> list[str]:
    lines = [
        f"  {name} {old[name]} -> {new[name]}" for name in sorted(old.keys() & new.keys()) if old[name] != new[name]
    ]
    lines += [f"  + {name} {new[name]}" for name in sorted(new.keys() - old.keys())]
    lines += [f"  - {name} {old[name]}" for name in sorted(old.keys() - new.keys())]
    return lines


def conda_spec(version: str) -> str:
    """``==1.2`` for one locked version; ``>=1.2,<=1.4`` where the lock has one per Python range."""
    found = version.split(", ")
    return f"=={found[0]}" if len(found) == 1 else f">={found[0]},<={found[-1]}"


def pinned_environment(text: str, locked: dict[str, str], pythons: list[str]) -> str:
    """environment.yml with every conda package at the lock's version, and Python within the lock's range."""

    def pin(match: re.Match) -> str:
        indent, name = match.group(1), match.group(2)
        if name == "python":
            minor = int(pythons[-1].split(".")[1])
            return f"{indent}python>={pythons[0]},<3.{minor + 1}"
        version = locked.get(CONDA_NAMES.get(name, name))
        return f"{indent}{name}{conda_spec(version)}" if version else match.group(0)

    return re.sub(r"^(\s*- )([A-Za-z0-9][A-Za-z0-9_.-]*)(\S*)$", pin, text, flags=re.M)


def trial_copy(scratch: Path) -> Path:
    """A copy of the course as committed plus what is changed or new (no .venv, build/ or other ignored files)."""
    # A path as short as a usual checkout's: the dashboard shows the data folder's path in a box, and
    # the browser tests' layout check flags a path longer than the box (a 48-character one was)
    copy = Path(tempfile.mkdtemp(prefix="course-"))
    if (ROOT / ".git").exists():
        listed = subprocess.run(
            ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.split("\0")
        files = [ROOT / name for name in listed if name]
    else:
        skip = {".venv", ".venv-previous", "build", ".hub", "my_work", "mutants", "__pycache__", ".pytest_cache"}
        files = [path for path in ROOT.rglob("*") if not skip & set(path.relative_to(ROOT).parts)]
    for path in files:
        if path.is_file():
            target = copy / path.relative_to(ROOT)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(path, target)
    return copy


def check() -> int:
    problem = next(filter(None, map(course.lock_problem, course.LOCKS.values())), None)
    for folder in sorted(course.NPM_LOCKS.iterdir()):
        wanted = json.loads((folder / "package.json").read_text(encoding="utf-8")).get("dependencies", {})
        locked = json.loads((folder / "package-lock.json").read_text(encoding="utf-8"))["packages"][""]
        if locked.get("dependencies", {}) != wanted:
            problem = (problem or "") + f" lock/npm/{folder.name}/package-lock.json does not match its package.json."
    if problem:
        print(f"[lock] {problem.strip()}")
        return 1
    say("lock/ matches pyproject.toml and lock/npm/*/package.json")
    return 0


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="course.py lock", description=__doc__.split("\n\n")[0])
    parser.add_argument("--upgrade", action="store_true", help="the newest versions the ranges allow")
    parser.add_argument("--no-write", action="store_true", help="test the new versions, leave the lock as it is")
    parser.add_argument("--quick", action="store_true", help="run test --quick instead of the full test command")
    parser.add_argument("--check", action="store_true", help="only check that the lock matches pyproject.toml")
    arguments = parser.parse_args(argv)
    if arguments.check:
        return check()
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="course-lock-") as name:
        scratch = Path(name)
        uv = find_uv(scratch)
        new_lock = scratch / "requirements.txt"
        say(
            "resolving the Python packages "
            + ("(newest allowed)" if arguments.upgrade else "(keeping the lock's versions)")
        )
        resolve(uv, new_lock, arguments.upgrade, scratch)
        say("checking which Pythons and platforms have a wheel for every package")
        covered = coverage(uv, new_lock, scratch)
        # what each file of lock/ and environment.yml are to hold: the path in the course -> the text
        files: dict[Path, str] = {}
        for extras, target in course.LOCKS.items():
            cut = scratch / target.name
            if cut != new_lock:
                resolve(uv, cut, False, scratch, extras, within=new_lock)
            header = HEADER.format(holds=HOLDS[extras], fingerprint=course.lock_fingerprint(), **covered)
            # uv names the scratch file of the whole lock's versions where they held a package
            body = re.sub(r"-c \S*pins\.txt", "-c lock/requirements.txt", cut.read_text(encoding="utf-8"))
            files[target] = header + body
        report = {}
        for target, text in files.items():
            (scratch / f"new-{target.name}").write_text(text, "utf-8", newline="\n")
            new = versions(scratch / f"new-{target.name}")
            old = versions(target) if target.exists() else {}
            report[str(target.relative_to(ROOT))] = (
                changes(old, new) if target.exists() else [f"  new: {len(new)} packages"]
            )
        for folder in sorted(course.NPM_LOCKS.iterdir()):
            refitted = scratch / "npm" / folder.name
            shutil.copytree(folder, refitted)
            resolve_npm(refitted, arguments.upgrade)
            before, after = folder / "package-lock.json", refitted / "package-lock.json"
            report[f"lock/npm/{folder.name}"] = changes(npm_versions(before), npm_versions(after))
            files[before] = after.read_text(encoding="utf-8")
        environment = ROOT / "environment.yml"
        files[environment] = pinned_environment(
            environment.read_text(encoding="utf-8"), versions(new_lock), covered["pythons"].split()
        )
        for where, lines in report.items():
            print(f"{where}: " + (f"{len(lines)} changed" if lines else "no version changed"))
            for line in lines:
                print(line)
        stale = [path for path, text in files.items() if not path.exists() or path.read_bytes() != text.encode()]
        if stale and not any(report.values()):
            print(
                "the same versions, but headers or hashes changed in: "
                + ", ".join(str(p.relative_to(ROOT)) for p in stale)
            )
        print(f"Pythons: {covered['pythons']}; wheels: {covered['wheels']}; from source: {covered['builds']}")
        if not stale:
            say(f"nothing changed: the lock already holds these versions ({time.monotonic() - started:.0f} s)")
            return 0
        copy = trial_copy(scratch)
        try:
            return trial(arguments, copy, files)
        finally:
            shutil.rmtree(copy, ignore_errors=True)


def trial(arguments: argparse.Namespace, copy: Path, files: dict[Path, str]) -> int:
    """Test the new lock in ``copy`` (the course with ``files``); write them into the course if the tests pass."""
    for path, text in files.items():
        (copy / path.relative_to(ROOT)).write_text(text, "utf-8", newline="\n")
    command = [sys.executable, "course.py", "test", *(["--quick"] if arguments.quick else [])]
    say(f"testing the new versions in a copy of the course: {' '.join(command[1:])} (installs the new lock there)")
    tested = time.monotonic()
    result = subprocess.run(command, cwd=copy, check=False)
    minutes = f"{(time.monotonic() - tested) / 60:.1f} min"
    if result.returncode:
        say(f"the tests FAILED against the new versions ({minutes}); lock/ and environment.yml are unchanged")
        return 1
    if arguments.no_write:
        say(f"the tests passed against the new versions ({minutes}); --no-write: lock/ is unchanged")
        return 0
    for path, text in files.items():
        path.write_text(text, "utf-8", newline="\n")
    say(f"the tests passed ({minutes}); wrote lock/ and environment.yml: commit them (course.py installs from them)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
