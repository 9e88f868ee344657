"""One shape for every problem the data can have, so all of them are reported at once."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Problem:
    """Something wrong in the data: where (file, line, id), what, and how to fix it."""

    level: str  # "error" fails validation; "warning" is shown but does not
    file: str
    id: str
    message: str
    hint: str
    line: int | None = None
    #: The validator check that reported it (set by ``validate``; not part of equality).
    check: str = field(default="", compare=False)

    def __str__(self) -> str:
        where = self.file + (f":{self.line}" if self.line else "")
        ident = f" [{self.id}]" if self.id else ""
        return f"{self.level.upper()} {where}{ident}: {self.message} (fix: {self.hint})"

    def as_dict(self) -> dict[str, object]:
        return {
            "level": self.level,
            "file": self.file,
            "line": self.line,
            "id": self.id,
            "message": self.message,
            "hint": self.hint,
            "check": self.check,
        }


def error(file: str, id: str, message: str, hint: str, line: int | None = None) -> Problem:
    return Problem("error", file, id, message, hint, line)


def warning(file: str, id: str, message: str, hint: str, line: int | None = None) -> Problem:
    return Problem("warning", file, id, message, hint, line)
