"""Composition root: parse the command line, then run a subcommand or the GUI.

Subcommands never create a QApplication and need no display. The GUI startup is one ordered,
logged sequence: args -> org/app name -> QApplication -> paths -> logging -> database ->
protocol -> translators -> services -> main window -> event loop.
"""

from __future__ import annotations

import argparse
import importlib
import logging
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from consult_app import APP_ID, __version__

logger = logging.getLogger(__name__)

EXIT_OK = 0
EXIT_BUG = 1
EXIT_USAGE = 2
EXIT_STORAGE = 8


def build_parser() -> argparse.ArgumentParser:
    """The command-line grammar of case-format.md."""
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--data-dir",
        type=Path,
        default=argparse.SUPPRESS,
        help="data folder (default: $CONSULT_APP_HOME or the platform's user data folder)",
    )
    common.add_argument(
        "--database",
        default=argparse.SUPPRESS,
        metavar="URL",
        help="sqlite:///PATH or postgresql://USER@HOST:PORT/DB (default: $CONSULT_APP_DATABASE,"
        " clinic.toml's database, else consult.sqlite3 in the data folder)",
    )
    common.add_argument(
        "--protocol",
        type=Path,
        default=argparse.SUPPRESS,
        help="a clinic's own protocol folder instead of the bundled one",
    )
    parser = argparse.ArgumentParser(
        prog=APP_ID, parents=[common], description="Neuromodulator Consult"
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument(
        "--smoke-test",
        action="store_true",
        help="start offscreen, check everything, render a PDF and exit",
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="verbose logging")
    parser.add_argument(
        "--ui-lang",
        choices=("system", "en", "fr"),
        default=None,
        help="the window's language for this run (default: the settings' interface language)",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    run = sub.add_parser("run", parents=[common], help="run a consultation case file")
    run.add_argument("case", type=Path, metavar="CASE.json")
    run.add_argument("--out", type=Path, required=True, metavar="DIR")
    run.add_argument("--lang", choices=("en", "fr"), default="en")
    run.add_argument("--email", action="store_true", help="also email the handout")

    demo = sub.add_parser("demo", parents=[common], help="run the bundled sample case")
    demo.add_argument("--out", type=Path, required=True, metavar="DIR")
    demo.add_argument("--lang", choices=("en", "fr"), default="en")

    protocol = sub.add_parser("protocol", help="protocol tools")
    protocol_sub = protocol.add_subparsers(dest="protocol_command", metavar="ACTION")
    check = protocol_sub.add_parser("check", help="validate a protocol folder")
    check.add_argument("dir", type=Path, nargs="?", default=None, metavar="DIR")

    sub.add_parser("verify", parents=[common], help="check every seal and the audit chain")
    backup = sub.add_parser("backup", parents=[common], help="copy the database to a file")
    backup.add_argument("--to", type=Path, required=True, metavar="FILE")
    restore = sub.add_parser("restore", parents=[common], help="replace the database from a backup")
    restore.add_argument("file", type=Path, metavar="FILE", nargs="?", default=None)
    restore.add_argument(
        "--newest", action="store_true", help="the newest backup in the backup folder that verifies"
    )
    followup = sub.add_parser("followup", parents=[common], help="record a follow-up visit")
    followup.add_argument("file", type=Path, metavar="FILE.json")
    followup.add_argument("--out", type=Path, required=True, metavar="DIR")
    followup.add_argument("--lang", choices=("en", "fr"), default="en")
    due = sub.add_parser("due", parents=[common], help="patients due for review or re-treatment")
    due.add_argument("--from", dest="date_from", default=None, metavar="DATE")
    due.add_argument("--to", dest="date_to", default=None, metavar="DATE")
    lot = sub.add_parser("lot", parents=[common], help="consultations that used a lot")
    lot.add_argument("lot", metavar="LOT")
    find = sub.add_parser(
        "find", parents=[common], help="find patients by name, chart, birth date or phone (CSV)"
    )
    find.add_argument("query", metavar="QUERY")
    export = sub.add_parser("export", help="export records for another system")
    export_sub = export.add_subparsers(dest="export_format", metavar="FORMAT")
    fhir = export_sub.add_parser(
        "fhir", parents=[common], help="one FHIR R4B bundle per patient, for the clinic's EMR"
    )
    fhir.add_argument("--out", type=Path, required=True, metavar="DIR")
    fhir.add_argument("--patient", default=None, metavar="CHART_NUMBER")
    fhir.add_argument(
        "--with-documents",
        action="store_true",
        help="embed each signed record PDF in its Consent (base64), not only its hash and size",
    )
    return parser


_COMMANDS = {
    "run": "consult_app.app.cmd_run",
    "demo": "consult_app.app.cmd_demo",
    "verify": "consult_app.app.cmd_verify",
    "backup": "consult_app.app.cmd_backup",
    "restore": "consult_app.app.cmd_restore",
    "protocol": "consult_app.app.cmd_protocol",
    "followup": "consult_app.app.cmd_followup",
    "due": "consult_app.app.cmd_lists",
    "lot": "consult_app.app.cmd_lists",
    "find": "consult_app.app.cmd_find",
    "export": "consult_app.app.cmd_export",
}


def main(argv: Sequence[str] | None = None) -> int:
    """Run the app; return the process exit code (case-format.md)."""
    # Everything the app writes holds patient data: private by default (files 0600, folders 0700).
    os.umask(0o077)
    parser = build_parser()
    args = parser.parse_args(list(sys.argv[1:] if argv is None else argv))
    for name in ("data_dir", "protocol", "database"):
        if not hasattr(args, name):
            setattr(args, name, None)
    if args.command is None:
        from consult_app.app.gui import run_gui  # Qt only for the GUI

        return run_gui(args)
    if args.command == "protocol" and getattr(args, "protocol_command", None) != "check":
        parser.parse_args(["protocol", "--help"])
        return EXIT_USAGE
    if args.command == "export" and getattr(args, "export_format", None) != "fhir":
        parser.parse_args(["export", "--help"])
        return EXIT_USAGE
    from consult_app.app.logging_setup import setup_logging

    setup_logging(None, verbose=args.verbose)
    try:
        module = importlib.import_module(_COMMANDS[args.command])
    except ModuleNotFoundError as exc:
        if exc.name == _COMMANDS[args.command]:
            print(f"{APP_ID}: '{args.command}' is not available in this build", file=sys.stderr)  # noqa: T201
            return EXIT_USAGE
        raise
    try:
        return int(module.run(args))
    except KeyboardInterrupt:
        return EXIT_BUG
    except Exception:
        logger.exception("unexpected error in '%s'", args.command)
        print(  # noqa: T201
            f"{APP_ID}: an unexpected error stopped '{args.command}'. This is a bug; "
            "nothing that was already saved is lost.",
            file=sys.stderr,
        )
        return EXIT_BUG


if __name__ == "__main__":
    sys.exit(main())
