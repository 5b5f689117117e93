"""The few named errors of boamp-kg; the CLI catches each kind and maps it to an exit status.

Exit statuses (as pySHACL's CLI): 0 full success, 1 data that does not conform or a batch with
failures, 2 unusable input or configuration.
"""

from __future__ import annotations

from pathlib import Path


class BoampKgError(Exception):
    """Base class: every error boamp-kg raises on purpose."""


class InputError(BoampKgError):
    """A file that cannot be read as a notice. The message names the file and the cause,
    in one line, so a batch can report it and go on."""

    def __init__(self, path: str | Path, cause: str) -> None:
        self.path = str(path)
        self.cause = cause
        super().__init__(f"{self.path}: {cause}")


class NotANoticeError(InputError):
    """A readable file that is not a BOAMP notice (no notice number, no sections)."""


class StoreError(BoampKgError):
    """The store cannot be opened, read or written (full disk, unreachable server, ...)."""


class ConfigError(BoampKgError):
    """A setting with a value boamp-kg cannot use."""
