"""The bundle's entry point: ``QuayThu`` (the window; ``--self-test``; every sub-command)."""

import sys

from desktop.cli import main

if __name__ == "__main__":
    sys.exit(main())
