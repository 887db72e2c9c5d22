"""Reading a TOML file into a pydantic model, with one friendly line for any mistake."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import TypeVar

from pydantic import BaseModel, ValidationError

from bot.errors import ConfigError

ModelT = TypeVar("ModelT", bound=BaseModel)


def load_toml_model(path: Path, model: type[ModelT], what: str) -> ModelT:
    """Parse `path` as TOML and validate it; a missing file, bad TOML or bad field raises ConfigError."""
    try:
        return model.model_validate(tomllib.loads(path.read_text(encoding="utf-8")))
    except FileNotFoundError:
        raise ConfigError(f"{what} file not found: {path}") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{what} file {path} is not valid TOML: {exc}") from None
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(part) for part in first["loc"])
        raise ConfigError(f"{what} file {path}: {where}: {first['msg']}") from None
