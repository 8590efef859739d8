"""Command line: ``coach`` with no subcommand starts the GUI.

Subcommands live in ``coach/commands/<name>.py``; each module has
``register(subparsers)`` which adds its parser and sets ``func`` to a function
``(args) -> int`` (the exit code). Modules are found automatically.
"""
from __future__ import annotations

import argparse
import sys
from importlib import import_module

from . import __version__



def command_modules() -> list[str]:
    import pkgutil

    from . import commands

    return sorted(m.name for m in pkgutil.iter_modules(commands.__path__)
                  if not m.name.startswith("_"))


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="coach",
        description="Coach (协作教练): a private self-coaching journal for collaboration skills. "
        "Run without a subcommand to open the app.",
    )
    parser.add_argument("--version", action="version", version=f"coach {__version__}")
    parser.add_argument("--data-dir", help="folder that holds the diary (default: "
                        "$COACH_DATA_DIR, else the platform's user data folder)")
    parser.add_argument("--lang", choices=("zh_CN", "en"),
                        help="language of messages for this run")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in command_modules():
        import_module(f"coach.commands.{name}").register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser()
    args, rest = parser.parse_known_args(argv)
    if args.command is None:
        from .ui.app import run_gui

        return run_gui(args, rest)
    if rest:
        parser.error(f"unrecognised arguments: {' '.join(rest)}")
    from . import i18n

    i18n.set_language(args.lang or i18n.system_language())
    return int(args.func(args) or 0)
