"""Mutation testing of the code that judges or counts, with mutmut.

    python3 course.py mutation                          # every module (from anywhere: sets up .venv, installs mutmut)
    python3 course.py mutation helpers/student_work.py  # only the modules named

mutmut changes a module one small thing at a time (a flipped sign, another threshold, a dropped
argument) and runs the tests against each change; a "killed" mutant is one the tests caught. The
modules are ``[tool.mutmut]``'s ``only_mutate`` in pyproject.toml, with the test files it selects;
each mutant runs only those of its tests that call the function it changed (mutmut first records
which tests call which function). Of a module where only part judges or counts, ``FUNCTIONS`` names
the functions whose mutants run (the rest lays out widgets). Lines marked ``# pragma: no mutate``
carry, on the line above, the reason their mutants are equivalent (they cannot change any result).

Prints killed of all mutants per module and in all, and the survivors; exit status 1 when a module
or the whole is below the course's bar of 90%. The working copy lives in ``mutants/`` (ignored by
git); a run starts from a fresh one. Its time is in CONTRIBUTING.md.
"""

from __future__ import annotations

import fnmatch
import os
import shutil
import subprocess
import sys
import time
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BAR = 0.90
# the functions whose mutants run, for a module not judged whole ("Class.method", "function", "*" a wildcard)
FUNCTIONS = {
    # make_demo_class writes the demo class (a fixture, not a judgement)
    "helpers/classroom.py": ["ClassWork.*", "_Collector.*", "_*", "source_path", "load_class"],
    "helpers/app_quiz.py": [
        "Quiz.results",
        "Quiz.explain",
        "Quiz.on_check",
        "Quiz.show_results",
        "Quiz.collect",
        "Quiz.restore",
    ],
    # the live dashboard: the hand-ins it counts and the ward it follows
    "helpers/apps_class.py": ["LiveHandIns.refresh", "LiveHandIns.tick", "LiveHandIns.follow_the_class"],
    # the store, the feedback and the releases; the request handlers need a hub (tests/test_hub.py)
    "deploy/handin_service.py": ["Store.*", "Feedback.*", "Releases.*", "read_handouts", "reasons_of", "Refused.*"],
}


def modules() -> list[str]:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["mutmut"]
    return config["only_mutate"]


def patterns(module: str) -> list[str]:
    """mutmut's names for the mutants of ``module`` that run: ``helpers.model.x_fit_gaps__mutmut_3``,
    ``helpers.classroom.xǁ_Collectorǁclaim__mutmut_1``."""
    prefix = module.removesuffix(".py").replace("/", ".")
    if module not in FUNCTIONS:
        return [f"{prefix}.*"]
    names = []
    for function in FUNCTIONS[module]:
        owner, _, name = function.rpartition(".")
        names.append(f"{prefix}.xǁ{owner}ǁ{name}__mutmut_*" if owner else f"{prefix}.x_{name}__mutmut_*")
    return names


def main(chosen: list[str]) -> int:
    mutmut = str(Path(sys.executable).parent / "mutmut")
    unknown = (set(FUNCTIONS) | set(chosen)) - set(modules())
    if unknown:
        print(f"not among [tool.mutmut]'s only_mutate: {', '.join(sorted(unknown))}", file=sys.stderr)
        return 2
    shutil.rmtree(ROOT / "mutants", ignore_errors=True)  # a fresh run: results never come from a stale cache
    selected = {module: patterns(module) for module in modules() if module in chosen or not chosen}
    started = time.monotonic()
    run = subprocess.run(
        [mutmut, "run", "--max-children", str(os.cpu_count() or 2), *(p for ps in selected.values() for p in ps)],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    if run.returncode:
        print(run.stderr[-2000:], file=sys.stderr)
        return run.returncode
    minutes, seconds = divmod(round(time.monotonic() - started), 60)
    listing = subprocess.run([mutmut, "results", "--all", "true"], cwd=ROOT, capture_output=True, text=True).stdout
    status = dict(line.strip().rsplit(": ", 1) for line in listing.splitlines() if ": " in line)
    stale = [p for ps in selected.values() for p in ps if not any(fnmatch.fnmatchcase(n, p) for n in status)]
    if stale:  # a function renamed or gone: its module's figure would quietly leave it out
        print(f"FUNCTIONS names what has no mutants: {', '.join(stale)}", file=sys.stderr)
        return 2
    print(f"{'module':<28}{'killed':>8}{'of':>7}{'share':>8}   not killed")
    survivors, low = [], []
    totals = [0, 0]
    for module, module_patterns in selected.items():
        mine = {n: s for n, s in status.items() if any(fnmatch.fnmatchcase(n, p) for p in module_patterns)}
        killed = sum(s == "killed" for s in mine.values())
        others = sorted({s for s in mine.values() if s != "killed"})
        missed = ", ".join(f"{sum(s == o for s in mine.values())} {o}" for o in others)
        share = killed / len(mine) if mine else 0.0
        print(f"{module:<28}{killed:>8}{len(mine):>7}{share:>8.1%}   {missed}")
        totals[0], totals[1] = totals[0] + killed, totals[1] + len(mine)
        survivors += [n for n, s in mine.items() if s != "killed"]
        if share < BAR:
            low.append(module)
    share = totals[0] / totals[1] if totals[1] else 0.0
    print(f"{'all':<28}{totals[0]:>8}{totals[1]:>7}{share:>8.1%}   in {minutes} min {seconds} s")
    if survivors:
        print("\nnot killed (inspect one with: .venv/bin/mutmut show NAME):")
        print("\n".join(f"  {name}: {status[name]}" for name in survivors))
    if low or share < BAR:
        print(f"\nbelow the bar of {BAR:.0%}: {', '.join(low) or 'all'}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
