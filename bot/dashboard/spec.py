"""The shipped description of the dashboard (data/dashboard.yml): labels, saved queries and charts."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pydantic import BaseModel, Field

from bot.settings import BUNDLED_DATA

SPEC_PATH = BUNDLED_DATA / "dashboard.yml"


class TableSpec(BaseModel):
    description: str | None = None
    sort_desc: str | None = None
    columns: dict[str, str] = Field(default_factory=dict)


class QuerySpec(BaseModel):
    title: str
    description: str
    sql: str
    chart: dict[str, Any]  # a Vega-Lite view: mark and encoding


class MetricSpec(BaseModel):
    title: str
    sql: str
    field: str
    suffix: str = ""


class DashboardSpec(BaseModel):
    slug: str
    title: str
    description: str
    metrics: dict[str, MetricSpec]
    layout: list[list[str]]


class Spec(BaseModel):
    title: str
    description: str
    database_description: str
    tables: dict[str, TableSpec]
    hidden_tables: list[str]
    queries: dict[str, QuerySpec]
    dashboard: DashboardSpec


def load_spec(path: Path = SPEC_PATH) -> Spec:
    """The dashboard's description; it ships with the package, so a broken one is a bug, not bad input."""
    import yaml  # Datasette brings PyYAML, and only the dashboard reads YAML

    return Spec.model_validate(yaml.safe_load(path.read_text(encoding="utf-8")))
