"""Load every interactive notebook as a Voila app N times in a row in headless Chromium.

    python tools/voila_soak.py            # 20 loads of each app
    python tools/voila_soak.py -n 5 notebooks/03_scoring_a_ward.ipynb

A load counts when every widget area and every figure has drawn within 60 s, with no error
shown; anything else is a stall. Prints per app: loads, stalls, median and slowest seconds.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from browsing import chromium, load_voila_app, served  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("-n", "--loads", type=int, default=20)
    parser.add_argument("notebooks", nargs="*", type=Path)
    arguments = parser.parse_args()
    names = [p.resolve().relative_to(ROOT / "notebooks").as_posix() for p in arguments.notebooks] or sorted(
        p.relative_to(ROOT / "notebooks").as_posix()
        for p in (ROOT / "notebooks").rglob("*.ipynb")
        if ".ipynb_checkpoints" not in p.parts
    )
    stalls_total = 0
    with tempfile.TemporaryDirectory() as folder, served("voila", Path(folder)) as voila, chromium() as browser:
        for name in names:
            timings, stalls = [], 0
            for _ in range(arguments.loads):
                try:
                    took, page = load_voila_app(browser, voila, name)
                    timings.append(took)
                except Exception as error:  # a stall or an error shown: count it and go on
                    stalls += 1
                    print(f"  stall in {name}: {str(error).splitlines()[0][:160]}", flush=True)
                    continue
                page.close()
            stalls_total += stalls
            median = f"{statistics.median(timings):.2f}" if timings else "-"
            slowest = f"{max(timings):.2f}" if timings else "-"
            print(
                f"{name:<45} loads {arguments.loads:>3}  rendered {len(timings):>3}  stalls {stalls:>2}  "
                f"median {median} s  slowest {slowest} s",
                flush=True,
            )
    return 1 if stalls_total else 0


if __name__ == "__main__":
    sys.exit(main())
