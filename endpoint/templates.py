"""The one Jinja2 environment of the endpoint, built once with autoescaping on.

Every page (query page, linked-data pages) renders through :data:`env`, so escaping and the few
filters are the same everywhere. Templates receive ready-made values: they never run queries or
build IRIs.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import jinja2

TEMPLATES_DIR = Path(__file__).resolve().parent / "templates"

env = jinja2.Environment(
    loader=jinja2.FileSystemLoader(TEMPLATES_DIR),
    autoescape=True,
    undefined=jinja2.StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
)


def render(template: str, **context: Any) -> str:
    """Render ``template`` (a file in ``endpoint/templates/``) with ``context``.

    :param template: the template file name, e.g. ``"query.html"``.
    :param context: the values the template shows.
    :return: the HTML text.

    >>> "<title>" in render("base.html", title="x")
    True
    """
    return env.get_template(template).render(**context)
