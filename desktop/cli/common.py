"""What several commands share: the store path, the application, a password."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from desktop.config import STORE_FILE, Settings, ensure_data_dir, resolve_data_dir
from desktop.money.amounts import group_digits

if TYPE_CHECKING:
    from desktop.app import App


def store_path(args: argparse.Namespace, default_name: str = STORE_FILE) -> Path:
    if getattr(args, "db", None):
        return Path(args.db)
    return ensure_data_dir(resolve_data_dir(args.data_dir)) / default_name


def progress(done: int, total: int) -> None:
    if sys.stderr.isatty() or done == total:
        print(f"\r  {group_digits(done)}/{group_digits(total)} khách hàng", end="" if done < total else "\n",
              file=sys.stderr, flush=True)


def device_app(args: argparse.Namespace) -> App:
    """The application on the data directory's store (created on first use)."""
    from desktop.app import build_app

    return build_app(store_path(args), settings=settings_of(args))


def settings_of(args: argparse.Namespace) -> Settings | None:
    """The settings ``main`` loaded (file, environment, ``--set``), or None for the defaults."""
    settings = getattr(args, "settings", None)
    return settings if isinstance(settings, Settings) else None


def staff_password() -> str:
    import getpass

    return os.environ.get("QUAYTHU_STAFF_PASSWORD") or getpass.getpass("Mật khẩu: ")
