"""Backups of the store, taken online, and putting one back.

A backup is SQLite's own online copy (the backup API: consistent while the
counter works) with the operation log beside it, in a folder of its own
(``backup_folder``, default ``<data dir>/backups``); the newest
``backup_keep`` are kept. The window takes one after every shift close.

Putting one back (``quaythu restore``) keeps the current files aside, never
overwrites the operation log (it is newer than any backup, and what the copy
lacks comes back from it at the next start), and then trusts central over the
copy: the next sync raises the receipt counter to central's last number and
refuses cash while the journal is shorter than central's.
"""

from __future__ import annotations

import datetime as dt
import logging
import shutil
import sqlite3
from pathlib import Path

from db.engine import copy_store
from desktop.errors import ValidationError

logger = logging.getLogger(__name__)

PREFIX = "quaythu-"


def take_backup(store: Path, folder: Path, *, keep: int = 7,
                now: dt.datetime | None = None) -> Path:
    """A consistent copy of ``store`` (and its ops.log) in ``folder``; the oldest go."""
    stamp = (now or dt.datetime.now(dt.UTC)).strftime("%Y%m%d-%H%M%S")
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    target = folder / f"{PREFIX}{stamp}.db"
    partial = target.with_name(target.name + ".partial")
    copy_store(store, partial)
    partial.replace(target)  # a backup is whole or absent
    log = store.with_name("ops.log")
    if log.exists():
        shutil.copyfile(log, target.with_suffix(".ops.log"))
    for old in sorted(folder.glob(f"{PREFIX}*.db"))[:-keep]:
        old.unlink(missing_ok=True)
        old.with_suffix(".ops.log").unlink(missing_ok=True)
    logger.info("backup of %s written to %s", store.name, target)
    return target


def restore_backup(backup: Path, store: Path, *, now: dt.datetime | None = None) -> Path:
    """Put ``backup`` in the place of ``store``; the current files go aside (their path)."""
    if not backup.is_file():
        raise ValidationError(f"Không tìm thấy bản sao lưu {backup}.")
    try:
        con = sqlite3.connect(f"file:{backup}?mode=ro", uri=True)
        try:
            ok = con.execute("PRAGMA quick_check").fetchone()
        finally:
            con.close()
    except sqlite3.Error as exc:
        raise ValidationError(f"Bản sao lưu {backup.name} không đọc được: {exc}.") from exc
    if ok != ("ok",):
        raise ValidationError(f"Bản sao lưu {backup.name} bị hỏng; chọn bản khác.")
    stamp = (now or dt.datetime.now(dt.UTC)).strftime("%Y%m%d-%H%M%S")
    aside = store.with_name(f"{store.name}.replaced-{stamp}")
    aside.mkdir(mode=0o700)
    for suffix in ("", "-wal", "-shm"):
        current = store.with_name(store.name + suffix)
        if current.exists():
            current.replace(aside / current.name)
    shutil.copyfile(backup, store)
    store.chmod(0o600)
    # ops.log stays where it is: the copy is older, and what it lacks comes back from it
    logger.warning("store %s replaced by the backup %s; the previous files are in %s",
                   store, backup, aside)
    return aside
