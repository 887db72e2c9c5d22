"""One settings object, read from the environment and `.env`, made once and passed down."""

from __future__ import annotations

from datetime import time
from pathlib import Path
from typing import Annotated, Literal

from platformdirs import user_data_path
from pydantic import AliasChoices, Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

PACKAGE_DIR = Path(__file__).resolve().parent
BUNDLED_DATA = PACKAGE_DIR / "data"
BUNDLED_PROMPTS = PACKAGE_DIR / "prompts"

MAX_DRAFT_CHARS = 40_000
ReviewerChoice = Literal["auto", "offline", "llm"]


def default_db_path() -> Path:
    """Per user, not per folder: cron, a shell in another folder and the bots all find the same log."""
    return user_data_path("party-coach", appauthor=False) / "party-coach.db"


def _env(*names: str) -> AliasChoices:
    return AliasChoices(*names)


class Settings(BaseSettings):
    """Every setting Party Coach reads. Secrets are SecretStr so they never print."""

    model_config = SettingsConfigDict(
        env_file=".env", env_file_encoding="utf-8", extra="ignore", populate_by_name=True
    )

    # Core
    db_path: Path = Field(default_factory=default_db_path, validation_alias=_env("PARTY_COACH_DB"))
    hash_drafts: bool = Field(False, validation_alias=_env("PARTY_COACH_HASH_DRAFTS"))
    principles_path: Path = Field(
        BUNDLED_DATA / "principles.toml", validation_alias=_env("PARTY_COACH_PRINCIPLES")
    )
    tips_path: Path = Field(BUNDLED_DATA / "tips.toml", validation_alias=_env("PARTY_COACH_TIPS"))
    prompts_dir: Path = Field(BUNDLED_PROMPTS, validation_alias=_env("PARTY_COACH_PROMPTS_DIR"))
    reviewer: ReviewerChoice = Field("auto", validation_alias=_env("PARTY_COACH_REVIEWER"))
    log_level: str = Field("INFO", validation_alias=_env("PARTY_COACH_LOG_LEVEL"))

    # LLM (any OpenAI-compatible server)
    openai_api_key: SecretStr | None = Field(None, validation_alias=_env("OPENAI_API_KEY"))
    openai_base_url: str | None = Field(None, validation_alias=_env("OPENAI_BASE_URL"))
    openai_model: str = Field("gpt-4.1-mini", validation_alias=_env("PARTY_COACH_MODEL", "OPENAI_MODEL"))
    openai_timeout: float = Field(20.0, gt=0, validation_alias=_env("PARTY_COACH_LLM_TIMEOUT"))
    openai_max_retries: int = Field(2, ge=0, le=10, validation_alias=_env("PARTY_COACH_LLM_RETRIES"))
    llm_budget_seconds: float = Field(30.0, gt=0, validation_alias=_env("PARTY_COACH_LLM_BUDGET"))
    llm_max_draft_chars: int = Field(4_000, ge=200, validation_alias=_env("PARTY_COACH_LLM_MAX_CHARS"))
    llm_max_output_tokens: int = Field(700, ge=100, validation_alias=_env("PARTY_COACH_LLM_MAX_TOKENS"))

    # Triggers shared by Slack and Discord
    review_emoji: str = Field("mag", validation_alias=_env("PARTY_COACH_REVIEW_EMOJI"))
    tip_time: time = Field(time(9, 30), validation_alias=_env("PARTY_COACH_TIP_TIME"))
    tip_timezone: str = Field("UTC", validation_alias=_env("PARTY_COACH_TIP_TIMEZONE", "TZ"))
    tip_weekdays_only: bool = Field(True, validation_alias=_env("PARTY_COACH_TIP_WEEKDAYS_ONLY"))

    # Slack
    slack_bot_token: SecretStr | None = Field(None, validation_alias=_env("SLACK_BOT_TOKEN"))
    slack_signing_secret: SecretStr | None = Field(None, validation_alias=_env("SLACK_SIGNING_SECRET"))
    slack_app_token: SecretStr | None = Field(None, validation_alias=_env("SLACK_APP_TOKEN"))
    slack_api_url: str = Field("https://slack.com/api/", validation_alias=_env("SLACK_API_URL"))
    slack_drafts_channels: Annotated[list[str], NoDecode] = Field(
        default_factory=list, validation_alias=_env("SLACK_DRAFTS_CHANNELS")
    )
    slack_tip_channels: Annotated[list[str], NoDecode] = Field(
        default_factory=list, validation_alias=_env("SLACK_TIP_CHANNELS")
    )

    # Discord
    discord_token: SecretStr | None = Field(None, validation_alias=_env("DISCORD_TOKEN"))
    discord_dev_guild: int | None = Field(None, validation_alias=_env("DISCORD_DEV_GUILD"))
    discord_review_emoji: str = Field("🔍", validation_alias=_env("DISCORD_REVIEW_EMOJI"))
    discord_message_content: bool = Field(True, validation_alias=_env("DISCORD_MESSAGE_CONTENT"))
    discord_drafts_channels: Annotated[list[int], NoDecode] = Field(
        default_factory=list, validation_alias=_env("DISCORD_DRAFTS_CHANNELS")
    )
    discord_tip_channels: Annotated[list[int], NoDecode] = Field(
        default_factory=list, validation_alias=_env("DISCORD_TIP_CHANNELS")
    )

    @field_validator(
        "slack_drafts_channels",
        "slack_tip_channels",
        "discord_drafts_channels",
        "discord_tip_channels",
        mode="before",
    )
    @classmethod
    def _comma_list(cls, value: object) -> object:
        if isinstance(value, str):
            return [part.strip() for part in value.split(",") if part.strip()]
        return value

    @field_validator("db_path")
    @classmethod
    def _absolute_db_path(cls, value: Path) -> Path:
        """A relative PARTY_COACH_DB is fixed to the folder it was given in, and shown in full."""
        return value if str(value) == ":memory:" else value.expanduser().absolute()

    @field_validator("openai_base_url", mode="before")
    @classmethod
    def _blank_is_none(cls, value: object) -> object:
        return value or None

    @field_validator("tip_timezone")
    @classmethod
    def _known_timezone(cls, value: str) -> str:
        from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError(f"unknown timezone {value!r} (use a name like Europe/Berlin)") from None
        return value

    @property
    def llm_configured(self) -> bool:
        """An LLM is usable with a key, or with a base URL (local servers often need no key)."""
        return self.openai_api_key is not None or self.openai_base_url is not None

    def chosen_reviewer(self, override: ReviewerChoice | None = None) -> Literal["offline", "llm"]:
        choice = override or self.reviewer
        if choice == "auto":
            return "llm" if self.llm_configured else "offline"
        return choice


def load_settings(**overrides: object) -> Settings:
    """Build settings, turning a validation failure into a friendly ConfigError."""
    from pydantic import ValidationError

    from bot.errors import ConfigError

    try:
        return Settings(**overrides)  # type: ignore[arg-type]
    except ValidationError as exc:
        first = exc.errors()[0]
        name = str(first["loc"][0]) if first["loc"] else "settings"
        raise ConfigError(f"setting {name}: {first['msg']}") from None
