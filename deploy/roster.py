"""Give the class hub its class: ``python3 course.py roster ROSTER.csv [--new-code ACCOUNT ...]``.

Every account of the roster that has no code yet gets one (and so does each account named with
``--new-code``, for a student who lost theirs); the new codes go into a printable sheet that only
root can read, shown once: the hub keeps a salted hash of each, never the code. Accounts no longer
on the roster can no longer log in after the hub's next start; their work and hand-ins are kept.
"""

from __future__ import annotations

import argparse
import os
import sys
from datetime import datetime
from pathlib import Path

from course_hub import apply_roster, code_sheet

from helpers.decoding import CourseDataError
from helpers.student_work import write_atomically

COURSE = Path(__file__).resolve().parent.parent


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="course.py roster", description=__doc__.split("\n\n")[0])
    parser.add_argument("roster", type=Path, help="CSV with the columns account and role (student or lecturer)")
    parser.add_argument("--new-code", nargs="+", default=(), metavar="ACCOUNT", help="give these accounts a new code")
    arguments = parser.parse_args(argv)
    state = Path(os.environ.get("COURSE_HUB_STATE", COURSE / ".hub")).resolve()
    hub_url = f"http://{os.environ.get('COURSE_HUB_IP', '127.0.0.1')}:{os.environ.get('COURSE_HUB_PORT', '8000')}/"
    state.mkdir(parents=True, exist_ok=True)
    state.chmod(0o711)
    try:
        result = apply_roster(arguments.roster, state / "credentials.json", tuple(arguments.new_code))
    except CourseDataError as error:
        print(f"[course] the roster cannot be used: {error}", file=sys.stderr)
        return 2
    roles = result["accounts"]
    print(f"[course] {len(roles)} accounts on the roster ({sum(r == 'lecturer' for r in roles.values())} lecturers)")
    if result["removed"]:
        print(
            "[course] no longer on the roster (cannot log in after the hub's next start): "
            + ", ".join(result["removed"])
        )
    if not result["codes"]:
        print("[course] no new codes: every account already has one (--new-code ACCOUNT gives one a new code)")
        return 0
    sheet = state / f"login-codes-{datetime.now():%Y%m%d-%H%M%S}.html"
    old_umask = os.umask(0o077)
    try:
        write_atomically(sheet, code_sheet(result["codes"], roles, hub_url))
    finally:
        os.umask(old_umask)
    print(f"[course] {len(result['codes'])} new login codes, to print and hand out: {sheet}")
    print("[course] (readable by root only; delete it once the codes are handed out: the hub does not need it)")
    print("[course] start or restart the hub to let new accounts in: python3 course.py hub")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
