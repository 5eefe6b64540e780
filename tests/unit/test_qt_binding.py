"""The Qt binding the project runs on must not corrupt the interpreter.

PySide6 6.12.0 released a reference to ``True`` at every ``Signal.emit()`` made from
Python. Python 3.11's ``True`` is an ordinary counted object, so a working day of
background tasks (each emits twice) drove its count to zero and the program aborted
with "Fatal Python error: bool_dealloc" — in the middle of a shift, or at quit with a
non-zero exit. pyproject.toml excludes that release; this test fails on any binding
that brings the fault back.
"""
from __future__ import annotations

import sys

from PySide6.QtCore import QObject, Signal


class _Emitter(QObject):
    bare = Signal()
    with_text = Signal(str)


def test_emitting_a_signal_leaves_the_reference_counts_of_true_and_false_alone() -> None:
    emitter = _Emitter()
    seen: list[str] = []
    emitter.with_text.connect(seen.append)
    for _ in range(10):  # warm up whatever the binding caches on first use
        emitter.bare.emit()
        emitter.with_text.emit("x")
    true_before, false_before = sys.getrefcount(True), sys.getrefcount(False)
    for _ in range(1000):
        emitter.bare.emit()
        emitter.with_text.emit("x")
    lost_true = true_before - sys.getrefcount(True)
    lost_false = false_before - sys.getrefcount(False)
    # other threads may hold or drop a few references meanwhile; a leak per emit is 1000s
    assert lost_true < 100, f"True lost {lost_true} references over 2000 emits"
    assert lost_false < 100, f"False lost {lost_false} references over 2000 emits"
    assert len(seen) == 1010
