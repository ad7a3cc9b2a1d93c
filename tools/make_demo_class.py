"""Write the fictional demo class into data/class_demo/ (fixed seed: the same files every time).

python tools/make_demo_class.py                 # 30 students into data/class_demo/
python tools/make_demo_class.py FOLDER -n 1000  # a larger class elsewhere
"""

from __future__ import annotations

import argparse
import shutil
from pathlib import Path

from helpers.classroom import make_demo_class
from helpers.data import load_course


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    course = load_course()
    parser.add_argument("folder", nargs="?", type=Path, default=course.folder / "class_demo")
    parser.add_argument("-n", "--students", type=int, default=30)
    arguments = parser.parse_args()
    if arguments.folder.exists():
        shutil.rmtree(arguments.folder)
    folder = make_demo_class(arguments.folder, course, students=arguments.students)
    print(f"wrote {len(list(folder.iterdir()))} files to {folder}")


if __name__ == "__main__":
    main()
