"""The ``quaythu`` command (also ``python -m desktop``), grouped by what it serves.

``parser`` declares every sub-command; each runs from a module of its own,
imported only when chosen (``COMMANDS``), so ``quaythu words 5`` or
``quaythu --help`` never load the store, the network or Qt:

* ``store``: ``demo-data``, ``lookup``, ``migrate``, ``recover``, ``backup``, ``restore``, ``export-unsent``;
* ``bill``: the bill calculator;
* ``link``: ``enrol``, ``renew``, ``sync``, ``status``, ``audit verify``;
* ``counter``: ``simulate-counter``, ``simulate-route``;
* ``tools``: ``vietqr``, ``words``, ``print-test``, ``printer-emulator``;
* ``settings``: the effective settings and their sources;
* the window (no sub-command) and ``demo``: ``desktop/__main__.py``, the one module of the
  core that may start the GUI.
"""

from __future__ import annotations

import importlib
import logging
import sys
from collections.abc import Callable, Sequence

from desktop.errors import QuayThuError, as_core_error

logger = logging.getLogger("desktop")

#: sub-command → "module:function" (loaded when the command runs)
COMMANDS: dict[str | None, str] = {
    None: "desktop.__main__:cmd_gui",
    "demo": "desktop.__main__:cmd_demo",
    "self-test": "desktop.__main__:cmd_self_test",
    "demo-data": "desktop.cli.store:cmd_demo_data",
    "lookup": "desktop.cli.store:cmd_lookup",
    "migrate": "desktop.cli.store:cmd_migrate",
    "recover": "desktop.cli.store:cmd_recover",
    "backup": "desktop.cli.store:cmd_backup",
    "export-unsent": "desktop.cli.store:cmd_export_unsent",
    "restore": "desktop.cli.store:cmd_restore",
    "bill": "desktop.cli.bill:cmd_bill",
    "enrol": "desktop.cli.link:cmd_enrol",
    "renew": "desktop.cli.link:cmd_renew",
    "sync": "desktop.cli.link:cmd_sync",
    "status": "desktop.cli.link:cmd_status",
    "audit": "desktop.cli.link:cmd_audit",
    "simulate-counter": "desktop.cli.counter:cmd_simulate_counter",
    "simulate-route": "desktop.cli.counter:cmd_simulate_route",
    "vietqr": "desktop.cli.tools:cmd_vietqr",
    "words": "desktop.cli.tools:cmd_words",
    "print-test": "desktop.cli.tools:cmd_print_test",
    "printer-emulator": "desktop.cli.tools:cmd_printer_emulator",
    "settings": "desktop.cli.settings:cmd_settings",
    "support-bundle": "desktop.cli.settings:cmd_support_bundle",
}
#: commands that work on no store and no settings: a broken settings file never stops them
#: commands that open a window: a settings file they cannot use is said on screen too
#: (a shortcut has no terminal), by the command itself
WINDOWED = frozenset({None, "demo"})
STANDALONE = frozenset({"vietqr", "words", "print-test", "printer-emulator", "bill",
                        "self-test"})


def command(name: str | None) -> Callable[..., int]:
    module, _, func = COMMANDS[name].partition(":")
    handler: Callable[..., int] = getattr(importlib.import_module(module), func)
    return handler


def main(argv: Sequence[str] | None = None) -> int:
    from desktop.cli.language import apply, choose_language
    from desktop.cli.parser import build_parser

    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["--self-test"]:  # what an installer's check calls: the bundle's own test
        argv[0] = "self-test"
    from desktop import i18n

    language = choose_language(argv)
    i18n.set_language(language)  # the core's messages too
    args = apply(build_parser(), language).parse_args(argv)
    level = logging.INFO if args.verbose else logging.WARNING
    logging.basicConfig(level=level, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    for handler in logging.getLogger().handlers:
        handler.setLevel(level)  # the terminal stays quiet; the log file takes INFO
    from desktop.staff.privacy import install_log_redaction

    install_log_redaction()
    if args.command not in STANDALONE:
        from desktop.support import install_file_log

        install_file_log()  # the lines support asks for, kept (rotating, redacted)
    try:
        if args.command not in STANDALONE:
            from desktop.settings_file import load_settings

            try:
                loaded = load_settings(overrides=args.overrides)
                args.settings, args.settings_loaded = loaded.settings, loaded
            except QuayThuError as exc:
                if args.command not in WINDOWED:
                    raise
                args.settings_problem = exc
        return command(args.command)(args)
    except QuayThuError as exc:
        print(exc.user_message, file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # the reader (e.g. ``| head``) went away; not an error of ours
        sys.stderr.close()
        return 0
    except Exception as exc:
        typed = as_core_error(exc)  # disk full, busy, corrupt: said as such, not a traceback
        if typed is None:
            raise
        logger.warning("store failure: %s", typed.detail)
        print(typed.user_message, file=sys.stderr)
        return 2
