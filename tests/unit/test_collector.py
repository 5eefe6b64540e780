"""Cyclic garbage is collected on the GUI thread only (ui/plumbing/collector.py): a
collection on a worker's thread may destroy a Qt object there and crash the process."""

from __future__ import annotations

import gc
import os
import subprocess
import sys
from pathlib import Path

from ui.plumbing.collector import collect_if_due

ROOT = Path(__file__).resolve().parents[2]


class Node:
    def __init__(self) -> None:
        self.me = self  # a cycle only the cyclic collector frees


def test_the_generational_rule_runs_when_called_and_frees_cycles() -> None:
    was_on = gc.isenabled()
    gc.disable()
    try:
        gc.collect()
        for _ in range(gc.get_threshold()[0] + 10):
            Node()
        assert gc.get_count()[0] > gc.get_threshold()[0]  # nothing collected them by itself
        assert collect_if_due() >= gc.get_threshold()[0]
        assert gc.get_count()[0] < gc.get_threshold()[0]
    finally:
        if was_on:
            gc.enable()


def test_the_application_turns_automatic_collection_off_and_collects_itself() -> None:
    code = (
        "import gc\n"
        "from ui.plumbing.qapp import make_qapplication\n"
        "from ui.plumbing.collector import GuiThreadCollector\n"
        "qapp = make_qapplication()\n"
        "print(gc.isenabled(), len(qapp.findChildren(GuiThreadCollector)))\n")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True,
                         text=True, timeout=120,
                         env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    assert out.returncode == 0, out.stderr
    assert out.stdout.split() == ["False", "1"]
