"""Every setting of boamp-kg, declared once as (name, default, help).

The CLI, the endpoint and the docs read this one list, so a default cannot differ between
them. A value comes from, in order: an explicit argument (CLI flag), the environment variable
``BOAMP_KG_<NAME>``, the config file (``boamp-kg.toml`` in the working directory, or the file
named by ``BOAMP_KG_CONFIG``, table ``[boamp-kg]``), then the default here.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

from kg_builder.errors import ConfigError


@dataclass(frozen=True, slots=True)
class Setting:
    name: str
    default: Any
    help: str


SETTINGS: tuple[Setting, ...] = (
    Setting(
        "store",
        "data/store",
        "Embedded Oxigraph store folder, or the URL of a SPARQL 1.1 store (http://...).",
    ),
    Setting(
        "store_update_url",
        "",
        "SPARQL Update URL of a remote store, when it differs from the query URL.",
    ),
    Setting(
        "store_gsp_url",
        "",
        "SPARQL 1.1 Graph Store Protocol URL of a remote store (preferred for writes).",
    ),
    Setting("store_user", "", "User name for a remote store (HTTP digest or basic auth)."),
    Setting("store_password", "", "Password for a remote store."),
    Setting(
        "base_iri",
        "https://data.boamp-kg.example/id/",
        "Base under which every resource IRI is minted.",
    ),
    Setting(
        "quarantine",
        "data/quarantine",
        "Folder where notices that fail SHACL are kept with their report.",
    ),
    Setting("pdf_engine", "pypdfium2", "PDF text engine: pypdfium2 (fast) or pdfplumber."),
    Setting("jobs", 0, "Worker processes for build (0 = all cores)."),
    Setting("host", "127.0.0.1", "Address the endpoint listens on."),
    Setting("port", 8000, "Port the endpoint listens on."),
    Setting("query_timeout", 10.0, "Seconds a SPARQL query may run before it is stopped."),
    Setting("result_limit", 10000, "Most rows (or triples) a query result may hold."),
    Setting("max_body", 1_000_000, "Largest request body (bytes) the endpoint accepts."),
    Setting("max_concurrent_queries", 4, "Queries evaluated at once; more wait, then get 503."),
    Setting(
        "service_allowlist",
        "",
        "Space-separated SPARQL endpoints a federated SERVICE may call (default: none).",
    ),
    Setting("worker_memory_mb", 2048, "Memory cap (MiB) of each query worker process (0 = none)."),
    Setting(
        "http_workers",
        2,
        "Endpoint server processes, each evaluating queries itself and restarted after stopping an overrunning query (0 = one process with a pool of query worker processes).",
    ),
    Setting(
        "public_url",
        "",
        "Public URL of the endpoint, for VoID/DCAT (default: derived from base_iri).",
    ),
    Setting(
        "dumps", "data/dumps", "Folder of the dumps (boamp-kg dump --output) served under /dumps/."
    ),
)

_BY_NAME = {s.name: s for s in SETTINGS}


@dataclass(frozen=True, slots=True)
class Config:
    store: str = "data/store"
    store_update_url: str = ""
    store_gsp_url: str = ""
    store_user: str = ""
    store_password: str = ""
    base_iri: str = "https://data.boamp-kg.example/id/"
    quarantine: str = "data/quarantine"
    pdf_engine: str = "pypdfium2"
    jobs: int = 0
    host: str = "127.0.0.1"
    port: int = 8000
    query_timeout: float = 10.0
    result_limit: int = 10000
    max_body: int = 1_000_000
    max_concurrent_queries: int = 4
    service_allowlist: str = ""
    worker_memory_mb: int = 2048
    http_workers: int = 2
    public_url: str = ""
    dumps: str = "data/dumps"

    @property
    def store_is_remote(self) -> bool:
        return self.store.startswith(("http://", "https://"))


def _config_file() -> dict[str, Any]:
    path = Path(os.environ.get("BOAMP_KG_CONFIG", "boamp-kg.toml"))
    if not path.is_file():
        return {}
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"{path}: {exc}") from exc
    table = data.get("boamp-kg", data)
    unknown = set(table) - set(_BY_NAME)
    if unknown:
        raise ConfigError(f"{path}: unknown setting(s) {', '.join(sorted(unknown))}")
    return dict(table)


def load_config(**overrides: Any) -> Config:
    """Resolve every setting: explicit overrides (``None`` = not given), env, file, default.

    >>> load_config(port=9000).port
    9000
    """
    file_values = _config_file()
    values: dict[str, Any] = {}
    for f in fields(Config):
        default = _BY_NAME[f.name].default
        raw: Any = overrides.get(f.name)
        if raw is None:
            env = os.environ.get(f"BOAMP_KG_{f.name.upper()}")
            raw = env if env is not None else file_values.get(f.name, default)
        try:
            values[f.name] = type(default)(raw)
        except (TypeError, ValueError) as exc:
            raise ConfigError(
                f"setting {f.name}: {raw!r} is not a {type(default).__name__}"
            ) from exc
    return Config(**values)
