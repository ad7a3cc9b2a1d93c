"""The class hub's own parts: the class roster with a personal login code per account, the
authenticator that checks those codes, and the spawner that runs every account's server and kernels
as a system user of its own, with limits. ``jupyterhub_config.py`` wires them; decision record
docs/decisions/0014-class-hub-trust-model.md says who can reach what, and why.

The roster is a CSV a lecturer keeps (Excel's CSV in any of its encodings and separators does):

    account;role
    s1234567;student
    jdevries;lecturer

``python3 course.py roster ROSTER.csv`` gives every new account a code and writes a printable sheet
of them; only a salted hash of each code is kept (``credentials.json``, readable by root alone).
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import html
import json
import os
import pwd
import re
import resource
import secrets
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from jupyterhub.auth import Authenticator
from jupyterhub.spawner import LocalProcessSpawner, set_user_setuid
from traitlets import Integer, Unicode

from helpers.decoding import CourseDataError, read_csv
from helpers.student_work import write_atomically
from helpers.text import LABELS, LANGUAGES

ROLES = ("student", "lecturer")
# A hub account: what the OS user name is made from (prefix + account, at most 32 characters in all).
ACCOUNT_PATTERN = re.compile(r"[a-z0-9][a-z0-9_-]{0,23}")
ACCOUNT_RULE = "1 to 24 characters: lower-case letters a-z, digits, '-' or '_', starting with a letter or digit"
# Personal codes: 12 characters from an alphabet without look-alikes (0/o, 1/l/i), about 60 bits.
CODE_ALPHABET = "23456789abcdefghjkmnpqrstuvwxyz"
SCRYPT = {"n": 2**14, "r": 8, "p": 1, "dklen": 32}


def normalize_account(name: str) -> str:
    """The one spelling of an account: ``"Ben"``, ``" ben"`` and ``"BEN"`` are all ``"ben"``."""
    return name.strip().lower()


@dataclass(frozen=True)
class Account:
    name: str
    role: str


def read_roster(path: Path) -> list[Account]:
    """The accounts of a roster CSV (columns ``account`` and ``role``); a CourseDataError names the file,
    line, field, value and what is allowed for a bad name, an unknown role or an account listed twice."""
    rows = read_csv(path, ("account", "role"))
    accounts: dict[str, tuple[int, Account]] = {}
    for _, row in rows.iterrows():
        line, name, role = int(row["_line"]), normalize_account(row["account"]), row["role"].strip().lower()
        if not ACCOUNT_PATTERN.fullmatch(name):
            raise CourseDataError(
                path,
                "not a usable account name",
                line=line,
                field="account",
                found=row["account"],
                allowed=ACCOUNT_RULE,
            )
        if role not in ROLES:
            raise CourseDataError(
                path, "unknown role", line=line, field="role", found=row["role"], allowed=" or ".join(ROLES)
            )
        if name in accounts:
            raise CourseDataError(
                path,
                f"account already listed on line {accounts[name][0]} (names are compared "
                "in lower case, without spaces around them)",
                line=line,
                field="account",
                found=row["account"],
                allowed="each account once",
            )
        accounts[name] = (line, Account(name, role))
    return [account for _, account in accounts.values()]


def new_code() -> str:
    """A personal login code such as ``k7mq-3xvd-9hpt``."""
    characters = "".join(secrets.choice(CODE_ALPHABET) for _ in range(12))
    return "-".join(characters[start : start + 4] for start in (0, 4, 8))


def hash_code(code: str, salt: bytes) -> str:
    return hashlib.scrypt(code.strip().lower().encode(), salt=salt, **SCRYPT).hex()


def code_matches(code: str, entry: dict) -> bool:
    """True when ``code`` is the account's code (compared in constant time; spaces and case ignored)."""
    return hmac.compare_digest(hash_code(code, bytes.fromhex(entry["salt"])), entry["hash"])


def read_credentials(path: Path) -> dict[str, dict]:
    """account -> {"role", "salt", "hash"}; empty when no roster was given yet."""
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}


def apply_roster(roster: Path, credentials: Path, renew: tuple[str, ...] = ()) -> dict:
    """Bring the stored credentials in line with the roster: a code for every new account (and for the
    accounts in ``renew``), roles updated, accounts no longer listed removed (their work is kept).
    Returns ``{"codes": {account: code}, "removed": [...], "accounts": {account: role}}``; the codes are
    shown once and never stored."""
    accounts = {account.name: account.role for account in read_roster(roster)}
    unknown = [name for name in map(normalize_account, renew) if name not in accounts]
    if unknown:
        raise CourseDataError(
            roster,
            "a new code was asked for an account the roster does not list",
            field="account",
            found=", ".join(unknown),
            allowed="an account of the roster",
        )
    stored = read_credentials(credentials)
    codes, kept = {}, {}
    for name, role in accounts.items():
        entry = stored.get(name)
        if entry is None or name in map(normalize_account, renew):
            codes[name] = new_code()
            salt = secrets.token_bytes(16)
            entry = {"salt": salt.hex(), "hash": hash_code(codes[name], salt)}
        kept[name] = {**entry, "role": role}
    credentials.parent.mkdir(parents=True, exist_ok=True)
    old_umask = os.umask(0o077)  # the temporary file is private from its first byte
    try:
        write_atomically(credentials, json.dumps(kept, indent=2) + "\n")
    finally:
        os.umask(old_umask)
    credentials.chmod(0o600)
    return {"codes": codes, "removed": sorted(set(stored) - set(kept)), "accounts": accounts}


def label(key: str, language: str, **values: object) -> str:
    english, dutch = LABELS[key]
    return (dutch if language == "nl" else english).format(**values)


def code_sheet(codes: dict[str, str], roles: dict[str, str], hub_url: str) -> str:
    """A printable HTML page: one slip per account with its code and how to log in, in both languages,
    to cut up and hand out."""
    slips = []
    for name in sorted(codes):
        lines = "".join(
            f"<p lang='{language}'>{html.escape(label('roster_slip', language, url=hub_url))}</p>"
            for language in LANGUAGES
        )
        slips.append(
            f"<section class='slip'><p class='account'>{html.escape(name)} · {html.escape(roles[name])}</p>"
            f"<p class='code'>{html.escape(codes[name])}</p>{lines}</section>"
        )
    title = " / ".join(label("roster_sheet_title", language) for language in LANGUAGES)
    return (
        "<!doctype html><html lang='en'><head><meta charset='utf-8'>"
        f"<title>{html.escape(title)}</title><style>"
        "body{font-family:sans-serif;margin:1cm} .slip{border-bottom:1px dashed #555;padding:0.4cm 0;"
        "break-inside:avoid} .account{font-weight:bold;margin:0} .code{font:bold 1.5em monospace;margin:0.2em 0}"
        f"</style></head><body><h1>{html.escape(title)}</h1>{''.join(slips)}</body></html>\n"
    )


class RosterAuthenticator(Authenticator):
    """Only the roster's accounts, each with its own code; the name is compared normalised."""

    credentials_file = Unicode(help="credentials.json written by `course.py roster`").tag(config=True)

    def normalize_username(self, username: str) -> str:
        return normalize_account(username)

    def check_allowed(self, username, authentication=None):
        return username in read_credentials(Path(self.credentials_file))

    async def authenticate(self, handler, data):
        name = self.normalize_username(data.get("username", ""))
        entry = read_credentials(Path(self.credentials_file)).get(name)
        if entry and code_matches(data.get("password", ""), entry):
            return name
        self.log.warning("failed login for a name given as %r", name[:40])
        return None


def traversable_by_others(path: Path) -> Path | None:
    """The first folder on the way to ``path`` that other users cannot pass through, or None."""
    for folder in [*reversed(path.parents), path]:
        if not folder.stat().st_mode & 0o001:
            return folder
    return None


class CourseSpawner(LocalProcessSpawner):
    """Each hub account's server and kernels as the system user ``<prefix><account>``, made the first
    time it is needed, with a home of its own (0700) and per-process limits."""

    system_user_prefix = Unicode("course-", help="prefix of the system user made for each hub account").tag(config=True)
    homes = Unicode(help="the folder that holds every account's home").tag(config=True)
    memory_mb = Integer(2048, help="address space of each process of a student (server, kernel), MB").tag(config=True)
    processes = Integer(256, help="processes and threads a student may run at once").tag(config=True)
    file_mb = Integer(500, help="largest file a student's process may write, MB").tag(config=True)
    home_mb = Integer(1024, help="size of each account's home disk, MB").tag(config=True)
    disks = Unicode(help="folder of the home disks (one file each); empty: homes are plain folders").tag(config=True)

    @property
    def system_user(self) -> str:
        """``<prefix><account>``; an account that would not make a valid system user name (an LMS's
        long opaque id, say) is named by a hash of it instead."""
        name = f"{self.system_user_prefix}{self.user.name}"
        if len(name) <= 32 and ACCOUNT_PATTERN.fullmatch(self.user.name):
            return name
        return f"{self.system_user_prefix}u{hashlib.sha256(self.user.name.encode()).hexdigest()[:16]}"

    @property
    def home(self) -> Path:
        return Path(self.homes) / self.system_user.removeprefix(self.system_user_prefix)

    def ensure_system_user(self) -> pwd.struct_passwd:
        """The account's system user and home (0700, its own), made when missing."""
        try:
            entry = pwd.getpwnam(self.system_user)
        except KeyError:
            subprocess.run(
                [
                    "useradd",
                    "--no-create-home",
                    "--home-dir",
                    str(self.home),
                    "--shell",
                    "/usr/sbin/nologin",
                    "--user-group",
                    "--comment",
                    f"class hub account {self.user.name}",
                    self.system_user,
                ],
                check=True,
                capture_output=True,
            )
            entry = pwd.getpwnam(self.system_user)
        self.home.mkdir(parents=True, exist_ok=True)
        if self.disks:
            mount_home_disk(Path(self.disks) / f"{self.home.name}.img", self.home, self.home_mb)
        os.chown(self.home, entry.pw_uid, entry.pw_gid)
        self.home.chmod(0o700)
        return entry

    def limits(self) -> list[tuple[int, int]]:
        megabyte = 2**20
        return [
            (resource.RLIMIT_AS, self.memory_mb * megabyte),
            (resource.RLIMIT_NPROC, self.processes),
            (resource.RLIMIT_FSIZE, self.file_mb * megabyte),
            (resource.RLIMIT_CORE, 0),
        ]

    def make_preexec_fn(self, name):
        become_user = set_user_setuid(self.system_user)
        limits = self.limits()

        def preexec():
            os.umask(0o077)
            for which, value in limits:
                resource.setrlimit(which, (value, value))
            become_user()

        return preexec

    def user_env(self, env):
        entry = pwd.getpwnam(self.system_user)
        env.update(USER=entry.pw_name, LOGNAME=entry.pw_name, HOME=entry.pw_dir, SHELL=entry.pw_shell)
        return env


def mount_home_disk(image: Path, home: Path, size_mb: int) -> None:
    """Mount the account's own disk (an ext4 file of ``size_mb``, made the first time) on its home, so a
    student who fills their home fills only their own disk: the next write fails with "No space left on
    device" in that student's kernel. Already mounted: nothing to do."""
    if os.path.ismount(home):
        return
    if not image.exists():
        image.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        with open(image, "wb") as disk:
            disk.truncate(size_mb * 2**20)  # sparse: takes room only as the student writes
        subprocess.run(["mkfs.ext4", "-q", "-F", "-m", "0", str(image)], check=True, capture_output=True)
        fresh = True
    else:
        fresh = False
    if any(home.iterdir()):
        raise RuntimeError(f"{home} is not empty: a home disk is mounted only on an empty folder")
    subprocess.run(["mount", "-o", "loop,nosuid,nodev", str(image), str(home)], check=True, capture_output=True)
    if fresh:
        (home / "lost+found").rmdir()


def unmount_home_disks(homes: Path) -> None:
    """Unmount every home disk under ``homes`` (when the hub stops; a busy one as soon as it is free)."""
    for home in sorted(homes.iterdir()) if homes.exists() else []:
        if os.path.ismount(home):
            done = subprocess.run(["umount", str(home)], check=False, capture_output=True)
            if done.returncode:
                subprocess.run(["umount", "--lazy", str(home)], check=False, capture_output=True)


def adopt_old_home(old: Path, home: Path, uid: int, gid: int) -> None:
    """Move an account's folder from a hub of course 2.1 (all accounts one user, ``<state>/users/``) into its
    home, files the home already has left as they are, all of it then the account's own; the old folder
    is renamed to ``<name>.moved`` so this happens once."""
    if not old.is_dir():
        return
    shutil.copytree(old, home, dirs_exist_ok=True, copy_function=copy_if_missing)
    for folder, subfolders, files in os.walk(home):
        for name in [folder, *(os.path.join(folder, entry) for entry in subfolders + files)]:
            os.lchown(name, uid, gid)
    old.rename(old.with_name(old.name + ".moved"))


def copy_if_missing(source: str, target: str) -> None:
    if not os.path.exists(target):
        shutil.copy2(source, target)


def copy_lessons(home: Path, lessons: dict[str, Path], uid: int, gid: int) -> None:
    """Copy every lesson the home does not have yet, outputs and widget state left out (a lesson a student
    changed is never overwritten), owned by the account."""
    for relative, source in lessons.items():
        target = home / relative
        if target.exists():
            continue
        folder = home
        for part in Path(relative).parent.parts:
            folder = folder / part
            if not folder.exists():
                folder.mkdir(mode=0o700)
                os.chown(folder, uid, gid)
        write_atomically(target, clean_notebook(source))
        os.chown(target, uid, gid)
        target.chmod(0o600)


def copy_private(source: Path, home: Path, relative: str, uid: int, gid: int) -> None:
    """Copy the files of ``source`` the home does not have yet into ``home/relative`` (a file the account
    changed is never overwritten), every folder 0700 and every file 0600, owned by the account; nothing is
    written through a link the account made. For the assignments' keys, which only lecturers get."""
    for folder, _, files in os.walk(source):
        target = home
        for part in (Path(relative) / Path(folder).relative_to(source)).parts:
            target = target / part
            if target.is_symlink():
                return
            if not target.exists():
                target.mkdir(mode=0o700)
                os.chown(target, uid, gid)
        for name in files:
            try:  # a new file only (O_EXCL), never through a link (O_NOFOLLOW); any kind of file, as it is
                handle = os.open(target / name, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o600)
            except FileExistsError:
                continue
            with os.fdopen(handle, "wb") as stream:
                stream.write((Path(folder) / name).read_bytes())
                os.fchown(stream.fileno(), uid, gid)


def clean_notebook(source: Path) -> str:
    """A notebook as a student should first see it: no outputs, execution counts or saved widget state."""
    notebook = json.loads(source.read_text(encoding="utf-8"))
    notebook.get("metadata", {}).pop("widgets", None)
    for cell in notebook["cells"]:
        if cell["cell_type"] == "code":
            cell["outputs"], cell["execution_count"] = [], None
    return json.dumps(notebook, indent=1, ensure_ascii=False) + "\n"


def remove_system_users(prefix: str) -> list[str]:
    """Remove every system user whose name starts with ``prefix`` (and stop its processes): for tests
    and for a lecturer ending a course. Homes are left to the caller. Returns the names removed."""
    removed = []
    for entry in pwd.getpwall():
        if entry.pw_name.startswith(prefix):
            with contextlib.suppress(FileNotFoundError):
                subprocess.run(["pkill", "-KILL", "-u", entry.pw_name], check=False)
            subprocess.run(["userdel", entry.pw_name], check=False, capture_output=True)
            removed.append(entry.pw_name)
    return removed


def private_folder(path: Path, uid: int, gid: int) -> Path:
    """A folder of the account's own (0700), made by root in a folder only root can write to; one that is
    not a plain folder of that account (a link, someone else's) is replaced."""
    if path.is_symlink() or (path.exists() and (not path.is_dir() or path.stat().st_uid != uid)):
        shutil.rmtree(path) if path.is_dir() and not path.is_symlink() else path.unlink()
    path.mkdir(mode=0o700, exist_ok=True)
    os.chown(path, uid, gid)
    path.chmod(0o700)
    return path


def private(path: Path, mode: int = 0o600) -> None:
    """``path`` readable by its owner (the hub's user) alone, if it exists."""
    if path.exists():
        path.chmod(mode)
