"""The Linux bundle, built from this checkout by ``build_scripts/build.py`` (PyInstaller,
one folder), passes its own ``--self-test`` and answers commands; a bundle that lost a data
file fails the self-test and says which check."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHECKS = ("store", "central", "fonts", "data", "escpos", "pdf", "qt", "i18n")


@pytest.fixture(scope="module")
def bundle(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("bundle")
    subprocess.run([sys.executable, str(ROOT / "build_scripts" / "build.py"),
                    "--dist", str(out / "dist"), "--work", str(out / "work")],
                   check=True, timeout=1200, cwd=ROOT, capture_output=True)
    built = out / "dist" / "QuayThu"
    assert (built / "QuayThu").is_file() and (built / "quaythu-cli").is_file()
    return built


def run(exe: Path, *args: str) -> subprocess.CompletedProcess[str]:
    # a fresh process with nothing of this checkout on its path: the bundle alone
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    env["QT_QPA_PLATFORM"] = "offscreen"
    return subprocess.run([str(exe), *args], capture_output=True, text=True, timeout=300,
                          env=env, cwd=exe.parent.parent)


def test_the_bundle_passes_its_self_test(bundle: Path) -> None:
    done = run(bundle / "QuayThu", "--self-test")
    assert done.returncode == 0, done.stdout + done.stderr
    lines = done.stdout.splitlines()
    assert [line.split()[1] for line in lines if line.startswith("ok")] == list(CHECKS)
    assert lines[-1] == "self-test: passed"


def test_the_bundle_answers_commands_in_vietnamese(bundle: Path) -> None:
    done = run(bundle / "quaythu-cli", "words", "1.709.544")
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("Một triệu bảy trăm linh chín nghìn")


def test_a_bundle_that_lost_a_migration_fails_its_self_test(bundle: Path,
                                                           tmp_path: Path) -> None:
    broken = Path(shutil.copytree(bundle, tmp_path / "QuayThu", symlinks=True))
    versions = broken / "_internal" / "db" / "migrations" / "versions"
    # the newest migration that changes the schema (a data-only one, such as 0023's
    # masking, leaves the tables as the models want them: nothing for the check to see)
    newest = sorted(p for p in versions.glob("0*.py")
                    if "add_column" in p.read_text(encoding="utf-8")
                    or "create_table" in p.read_text(encoding="utf-8"))[-1]
    newest.unlink()
    done = run(broken / "QuayThu", "--self-test")
    assert done.returncode == 1
    failed = [line for line in done.stdout.splitlines() if line.startswith("FAIL")]
    assert failed and failed[0].split()[1] == "store", done.stdout
    assert done.stdout.splitlines()[-1] == "self-test: 1 failed"
