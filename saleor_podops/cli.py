"""``podops``: the console script wrapping PodOps' management commands.

``podops serve`` (web server, plus the embedded worker on the default), ``podops worker``,
``podops migrate`` and any other Django management command (``podops <command> ...``).
"""

from __future__ import annotations

import os
import sys


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "saleor_podops.settings")
    from django.core.management import execute_from_command_line

    args = list(sys.argv[1:] if argv is None else argv)
    execute_from_command_line(["podops", *args])


if __name__ == "__main__":
    main()
