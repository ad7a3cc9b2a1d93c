"""Mutation testing of the scoring model (``helpers/model.py``) with mutmut.

    python3 course.py mutation      # from anywhere: sets up .venv, installs mutmut, runs this

mutmut changes the model one small thing at a time (a flipped sign, another threshold, a
dropped argument) and runs the model, widget and classroom tests against each change; a
"killed" mutant is one the tests caught. The configuration is ``[tool.mutmut]`` in
pyproject.toml. Lines marked ``# pragma: no mutate`` carry, on the line above, the reason their
mutants are equivalent (they cannot change any result). Takes about two minutes here; the
working copy lives in ``mutants/`` (ignored by git). Exit status 1 below the course's bar of 90%.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BAR = 0.90


def main() -> int:
    mutmut = Path(sys.executable).parent / "mutmut"
    shutil.rmtree(ROOT / "mutants", ignore_errors=True)  # a fresh run: results never come from a stale cache
    workers = str(max(1, (os.cpu_count() or 2)))
    run = subprocess.run(
        [str(mutmut), "run", "--max-children", workers],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    if run.returncode:
        print(run.stderr[-2000:], file=sys.stderr)
        return run.returncode
    subprocess.run([str(mutmut), "export-cicd-stats"], cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
    stats = json.loads((ROOT / "mutants" / "mutmut-cicd-stats.json").read_text(encoding="utf-8"))
    share = stats["killed"] / stats["total"] if stats["total"] else 0.0
    print(
        f"helpers/model.py: {stats['killed']} of {stats['total']} mutants killed ({share:.1%}); "
        f"survived {stats['survived']}, no tests {stats['no_tests']}, timeout {stats['timeout']}"
    )
    if stats["survived"]:
        survivors = subprocess.run([str(mutmut), "results"], cwd=ROOT, capture_output=True, text=True).stdout
        print("survivors (inspect one with: .venv/bin/mutmut show NAME):\n" + survivors)
    return 0 if share >= BAR else 1


if __name__ == "__main__":
    sys.exit(main())
