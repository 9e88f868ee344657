"""What every command of the command line shares: the one bad-data policy (refuse data with
errors unless --allow-errors) and its option, so every command refuses in the same words.
"""

from __future__ import annotations

import argparse
import sys

from ..problems import Problem
from ..store import rawdata
from ..validate import validate

PERMS = "check the folder's permissions and free space"


def refused(command: str, problems: list[Problem], allow_errors: bool) -> bool:
    """The one bad-data policy of every command that reads the data: data with errors is refused,
    in these words and with exit 1, unless --allow-errors asks for what is valid. What a command
    makes of data in error would silently lack (or, for `measure`, misstate) what is in error."""
    errors = [p for p in problems if p.level == "error"]
    if not errors or allow_errors:
        return False
    first = errors[0]
    where = first.file + (f":{first.line}" if first.line else "")
    where += f" [{first.id}]" if first.id else ""
    print(
        f"{command} refused: the data has {len(errors)} error(s) (first: {where}: "
        f"{first.message}); nothing was done (run `python -m corridors validate` to see them all, or pass --allow-errors to "
        "use what is valid)",
        file=sys.stderr,
    )
    return True


def add_allow_errors(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--allow-errors",
        action="store_true",
        help="use what is valid even when the data has errors (default: refuse, exit 1)",
    )


def data_problems(datadir) -> list[Problem]:
    """Every problem with the data, for a command that writes into it (ingest, review)."""
    return validate(rawdata.read(datadir))
