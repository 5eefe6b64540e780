"""The bundle's entry point: ``QuayThu`` (the window; ``--self-test``; every sub-command)."""

import multiprocessing
import sys

from desktop.cli import main

if __name__ == "__main__":
    # a spawned child of the bundle (the demo city's growth, the demo generator's
    # workers) runs its task here instead of starting QuayThu again
    multiprocessing.freeze_support()
    sys.exit(main())
