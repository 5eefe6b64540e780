"""Background work yields the processor to the cashier's keys (issue 31): the demo city's
growth process runs lowered, and lowering a thread leaves the rest of the process as it was."""

from __future__ import annotations

import multiprocessing
import os
import sys
import threading

import pytest

from desktop.link.background import NICE, lower_this_process, this_thread_lowered, thread

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"),
                                reason="nice values per thread are Linux's")


def test_the_city_growth_process_runs_below_the_window() -> None:
    # the pool central/embedded.py grows the demo city in, made the same way
    with multiprocessing.get_context("spawn").Pool(1, initializer=lower_this_process) as pool:
        assert pool.apply(os.nice, (0,)) == max(NICE, os.nice(0))
    assert os.nice(0) < NICE  # this process, which started it, is untouched


def test_a_background_thread_is_lowered_and_its_neighbours_are_not() -> None:
    seen: dict[str, bool] = {}

    def work() -> None:
        seen["background"] = this_thread_lowered()

    worker = thread(work, "test-background")
    worker.start()
    worker.join(30)
    neighbour = threading.Thread(target=lambda: seen.update(neighbour=this_thread_lowered()))
    neighbour.start()
    neighbour.join(30)
    assert seen == {"background": True, "neighbour": False}
    assert this_thread_lowered() is False
