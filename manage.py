#!/usr/bin/env python
import os
import sys

# Commands that never connect to the database, so they start no embedded PostgreSQL: an image
# build runs `check` and `collectstatic` with no database at hand.
COMMANDS_WITHOUT_DATABASE = {
    *("help", "version", "--version", "check", "diffsettings", "startapp", "startproject"),
    *("collectstatic", "findstatic", "compilemessages", "makemessages"),
}


def needs_database(argv: list[str]) -> bool:
    command = argv[1] if len(argv) > 1 else "help"
    if command == "check":  # only database checks connect
        return any(argument.startswith("--database") for argument in argv)
    return command not in COMMANDS_WITHOUT_DATABASE and not {"-h", "--help"} & set(argv)


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "plenary.settings")
    from django.core.management import execute_from_command_line

    from plenary.embedded_pg import ensure_embedded_server

    if needs_database(sys.argv):
        # Started by the first process that needs it, stopped when the last one exits.
        ensure_embedded_server()
    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
