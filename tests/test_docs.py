"""The front door tells the truth: every command and every setting is documented in README.md."""

from __future__ import annotations

import re

import pytest
import typer.main

from kg_builder.cli import app
from kg_builder.settings import SETTINGS
from tests.conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def _commands() -> list[str]:
    group = typer.main.get_command(app)
    return sorted(group.commands)  # type: ignore[attr-defined]


@pytest.mark.parametrize("command", _commands())
def test_every_command_is_in_the_readme(command: str) -> None:
    assert re.search(rf"boamp-kg {command}\b", README), (
        f"README.md does not show `boamp-kg {command}`"
    )


@pytest.mark.parametrize("setting", [s.name for s in SETTINGS])
def test_every_setting_is_in_the_readme(setting: str) -> None:
    assert f"`{setting}`" in README, f"README.md does not document the setting `{setting}`"


def test_the_two_front_door_commands_are_in_the_readme_and_ci() -> None:
    assert "make demo" in README and "make test" in README
    assert "make test" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")
