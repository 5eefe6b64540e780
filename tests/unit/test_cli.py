"""The command line: sub-commands and --data-dir wherever it is written."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.cli.parser import build_parser


@pytest.mark.parametrize(
    "argv",
    [["--data-dir", "/d", "lookup", "x"], ["lookup", "x", "--data-dir", "/d"],
     ["lookup", "--data-dir", "/d", "x"]],
)
def test_data_dir_before_or_after_the_command(argv: list[str]) -> None:
    assert build_parser().parse_args(argv).data_dir == "/d"


def test_no_data_dir_means_default() -> None:
    assert build_parser().parse_args(["lookup", "x"]).data_dir is None


@pytest.mark.parametrize("command", ["demo", "demo-data", "lookup", "migrate"])
def test_every_command_takes_data_dir(command: str) -> None:
    extra = {"demo-data": ["--accounts", "1"], "lookup": ["q"]}.get(command, [])
    args = build_parser().parse_args([command, *extra, "--data-dir", "/x"])
    assert args.data_dir == "/x"


def test_no_sub_command_means_the_counter_window() -> None:
    from desktop.__main__ import cmd_gui
    from desktop.cli import command

    args = build_parser().parse_args(["--data-dir", "/d"])
    assert args.command is None and command(args.command) is cmd_gui


def test_pdf_layouts_named_once() -> None:
    from desktop.cli import parser
    from desktop.printing import pdf

    assert parser.LAYOUTS == pdf.LAYOUTS


def test_vietqr_prints_static_and_dynamic_payloads(capsys: pytest.CaptureFixture[str]) -> None:
    from desktop.cli import main

    assert main(["vietqr", "--bin", "970403", "--account", "0011012345678"]) == 0
    assert capsys.readouterr().out.strip().endswith("5802VN63049E6F")
    assert main(["vietqr", "--bin", "970403", "--account", "0011012345678", "--amount",
                 "180.000", "--bill", "NPS6869", "--purpose", "thanh toán đơn hàng"]) == 0
    assert capsys.readouterr().out.strip().endswith("0819thanh toan don hang63042E2E")
    assert main(["vietqr", "--bin", "970403", "--account", "0011012345678", "--amount",
                 "1,5"]) == 2
    assert "không có phần lẻ" in capsys.readouterr().err


HEAVY = ("pydantic", "sqlalchemy", "PySide6", "httpx", "keyring", "desktop.app", "desktop.link")


@pytest.mark.parametrize("argv", [["words", "5"], ["--help"]])
def test_light_commands_load_nothing_heavy(argv: list[str]) -> None:
    """`quaythu words 5` and `--help` start in a fraction of a second: neither the store,
    the contract's pydantic models, the network, the keyring nor Qt are imported (a label
    module importing the contract once made them 2.5 times slower)."""
    import subprocess
    import sys

    child = ("import contextlib, io, sys\nfrom desktop.cli import main\n"
             f"with contextlib.suppress(SystemExit), contextlib.redirect_stdout(io.StringIO()):\n"
             f"    main({argv!r})\n"
             f"print(sorted({{m for m in sys.modules if m.startswith({HEAVY!r})}}))")
    out = subprocess.run([sys.executable, "-c", child], capture_output=True, text=True,
                         check=True, cwd=Path(__file__).resolve().parents[2]).stdout
    assert out.strip() == "[]"
