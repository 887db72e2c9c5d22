"""One settings object, read from the environment and `.env`, made once and passed down."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import time
from pathlib import Path
from typing import Annotated, Any, Literal

from platformdirs import user_data_path
from pydantic import AliasChoices, Field, SecretStr, ValidationError, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

from bot.errors import ConfigError

PACKAGE_DIR = Path(__file__).resolve().parent
BUNDLED_DATA = PACKAGE_DIR / "data"
BUNDLED_PROMPTS = PACKAGE_DIR / "prompts"

MAX_DRAFT_CHARS = 40_000
ReviewerChoice = Literal["auto", "offline", "llm"]
DigestDay = Literal["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "off"]
LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")


def default_db_path() -> Path:
    """Per user, not per folder: cron, a shell in another folder and the bots all find the same log."""
    return user_data_path("party-coach", appauthor=False) / "party-coach.db"


def _env(*names: str) -> AliasChoices:
    return AliasChoices(*names)


def _comma_list_of(name: str) -> Any:
    """A comma-separated list setting, empty when unset."""
    return Field(default_factory=list, validation_alias=_env(name))


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
    log_format: Literal["text", "json"] = Field("text", validation_alias=_env("PARTY_COACH_LOG_FORMAT"))
    retention_days: int | None = Field(None, ge=1, validation_alias=_env("PARTY_COACH_RETENTION_DAYS"))
    # Defaults are gpt-4.1-mini's list prices in US dollars; check them against the provider's price page.
    price_input_per_m: float = Field(0.40, ge=0, validation_alias=_env("PARTY_COACH_PRICE_INPUT_PER_M"))
    price_output_per_m: float = Field(1.60, ge=0, validation_alias=_env("PARTY_COACH_PRICE_OUTPUT_PER_M"))
    admins: Annotated[list[str], NoDecode] = Field(
        default_factory=list, validation_alias=_env("PARTY_COACH_ADMINS")
    )

    # Who may ask for reviews in chat (bot/access.py): deny wins, an empty allow list allows everyone
    allow_channels: Annotated[list[str], NoDecode] = _comma_list_of("PARTY_COACH_ALLOW_CHANNELS")
    deny_channels: Annotated[list[str], NoDecode] = _comma_list_of("PARTY_COACH_DENY_CHANNELS")
    allow_users: Annotated[list[str], NoDecode] = _comma_list_of("PARTY_COACH_ALLOW_USERS")
    deny_users: Annotated[list[str], NoDecode] = _comma_list_of("PARTY_COACH_DENY_USERS")

    # Spend limits on AI reviews in chat (bot/spend_limits.py); unset means no cap
    llm_user_hourly: int | None = Field(None, ge=1, validation_alias=_env("PARTY_COACH_LLM_USER_HOURLY"))
    llm_user_daily: int | None = Field(None, ge=1, validation_alias=_env("PARTY_COACH_LLM_USER_DAILY"))
    llm_channel_hourly: int | None = Field(
        None, ge=1, validation_alias=_env("PARTY_COACH_LLM_CHANNEL_HOURLY")
    )
    llm_channel_daily: int | None = Field(None, ge=1, validation_alias=_env("PARTY_COACH_LLM_CHANNEL_DAILY"))
    monthly_tokens: int | None = Field(None, ge=1, validation_alias=_env("PARTY_COACH_MONTHLY_TOKENS"))

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
    digest_day: DigestDay = Field("monday", validation_alias=_env("PARTY_COACH_DIGEST_DAY"))
    digest_time: time = Field(time(9, 0), validation_alias=_env("PARTY_COACH_DIGEST_TIME"))

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
    discord_allow_roles: Annotated[list[int], NoDecode] = _comma_list_of("DISCORD_ALLOW_ROLES")
    discord_deny_roles: Annotated[list[int], NoDecode] = _comma_list_of("DISCORD_DENY_ROLES")

    @field_validator(
        "admins",
        "allow_channels",
        "deny_channels",
        "allow_users",
        "deny_users",
        "slack_drafts_channels",
        "slack_tip_channels",
        "discord_drafts_channels",
        "discord_tip_channels",
        "discord_allow_roles",
        "discord_deny_roles",
        mode="before",
    )
    @classmethod
    def _comma_list(cls, value: object) -> object:
        if isinstance(value, str):
            return [part.strip() for part in value.split(",") if part.strip()]
        return value

    @field_validator("digest_day", mode="before")
    @classmethod
    def _lower_case_day(cls, value: object) -> object:
        return value.strip().lower() if isinstance(value, str) else value

    @field_validator("db_path")
    @classmethod
    def _absolute_db_path(cls, value: Path) -> Path:
        """A relative PARTY_COACH_DB is fixed to the folder it was given in, and shown in full."""
        return value if str(value) == ":memory:" else value.expanduser().absolute()

    @field_validator(
        "openai_base_url",
        "retention_days",
        "llm_user_hourly",
        "llm_user_daily",
        "llm_channel_hourly",
        "llm_channel_daily",
        "monthly_tokens",
        mode="before",
    )
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

    @field_validator("log_level")
    @classmethod
    def _known_log_level(cls, value: str) -> str:
        if value.upper() not in LOG_LEVELS:
            raise ValueError(f"unknown log level {value!r} (use DEBUG, INFO or WARNING)")
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


@dataclass(frozen=True)
class SettingProblem:
    """A setting that needs fixing, named as the person set it (its environment variable)."""

    name: str
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.name}: {self.message}"


# Read only by the chat bots (and `tip`), so a mistake in them must not stop `review`.
SPEND_LIMIT_SETTINGS = frozenset(
    {"llm_user_hourly", "llm_user_daily", "llm_channel_hourly", "llm_channel_daily", "monthly_tokens"}
)
CHAT_SETTINGS = SPEND_LIMIT_SETTINGS | frozenset(
    name
    for name in Settings.model_fields
    if name.startswith(("slack_", "discord_", "tip_", "digest_", "review_emoji", "allow_", "deny_"))
)
DISCORD_ID_HOWTO = (
    "in Discord, turn on Developer Mode, then right-click the channel, server or role → Copy ID"
)
SLACK_ID_HOWTO = "open the channel, click its name, and copy the Channel ID at the bottom"
HINTS = {
    "time_parsing": "use a 24-hour time like 09:30",
    "bool_parsing": "use true or false",
    "int_parsing": "use a whole number",
    "float_parsing": "use a number",
}


def env_name(field: str) -> str:
    """The environment variable a person sets for a field (its first alias)."""
    alias = Settings.model_fields[field].validation_alias
    choices = getattr(alias, "choices", None)
    return str(choices[0]) if choices else field.upper()


def _field_named(name: str) -> str | None:
    for field, info in Settings.model_fields.items():
        if name == field or name in (getattr(info.validation_alias, "choices", None) or []):
            return field
    return None


def _problem(error: Any) -> SettingProblem:
    """One pydantic error in plain words, with how to fix it."""
    loc = error.get("loc") or ("settings",)
    field = _field_named(str(loc[0])) or str(loc[0])
    name = env_name(field) if field in Settings.model_fields else field
    given = str(error.get("input", ""))[:60]
    kind = error["type"]
    if field.startswith("discord_") and kind == "int_parsing":
        return discord_id_problem(name, given)
    if kind == "literal_error":
        choices = str(error["ctx"]["expected"]).replace("'", "")
        return SettingProblem(name, field, f"{given!r} is not one of the choices: use {choices}")
    if kind == "value_error":
        return SettingProblem(name, field, str(error["msg"]).removeprefix("Value error, "))
    detail = HINTS.get(kind) or str(error["msg"]).replace("Input should be", "it should be")
    return SettingProblem(name, field, f"{given!r} won't do: {detail}")


def read_settings(**overrides: object) -> tuple[Settings, list[SettingProblem]]:
    """Settings, and every bad value at once (each left at its default), so one mistake hides no other."""
    try:
        return Settings(**overrides), []  # type: ignore[arg-type]
    except ValidationError as exc:
        problems = [_problem(error) for error in exc.errors()]
    defaults = {
        p.field: Settings.model_fields[p.field].get_default(call_default_factory=True)
        for p in problems
        if p.field in Settings.model_fields
    }
    try:
        return Settings(**{**overrides, **defaults}), problems
    except ValidationError:
        raise ConfigError(describe_problems(problems)) from None


SLACK_TOKEN_KINDS = {
    "xoxb-": "the bot token",
    "xoxp-": "a user token",
    "xapp-": "the app-level token",
    "xoxe": "a token-rotation token",
}
SLACK_CHANNEL_ID = re.compile(r"[CGD][A-Z0-9]+")
SLACK_USER_ID = re.compile(r"[UW][A-Z0-9]+")
DISCORD_ID_DIGITS = range(17, 21)  # every Discord ID (a "snowflake") made since 2015 has 17 to 20 digits


def _slack_token_problem(name: str, token: SecretStr | None, want: str, where: str) -> SettingProblem | None:
    value = token.get_secret_value().strip() if token else ""
    if not value or value.startswith(want):
        return None
    # Name the kind of token by its public prefix only; the secret itself is never shown.
    kind = next((f"{k} ({p}…)" for p, k in SLACK_TOKEN_KINDS.items() if value.startswith(p)), "")
    said = f"this is {kind}" if kind else "this isn't a Slack token"
    return SettingProblem(name, name.lower(), f"{said}; use {SLACK_TOKEN_KINDS[want]} ({want}…) from {where}")


def _slack_channel_problems(name: str, channels: list[str]) -> list[SettingProblem]:
    return [
        SettingProblem(
            name, name.lower(), f"{c!r} is not a channel ID (one looks like C0123ABCD); {SLACK_ID_HOWTO}"
        )
        for c in channels
        if not SLACK_CHANNEL_ID.fullmatch(c)
    ]


def discord_id_problem(name: str, given: object) -> SettingProblem:
    """A value that isn't a Discord ID, with where to copy a real one."""
    return SettingProblem(
        name,
        name.lower(),
        f"{given!r} is not a Discord ID (those are numbers with 17 to 20 digits); {DISCORD_ID_HOWTO}",
    )


def _discord_id_problems(name: str, ids: list[int]) -> list[SettingProblem]:
    return [discord_id_problem(name, i) for i in ids if len(str(i)) not in DISCORD_ID_DIGITS]


def _either_id_problems(name: str, ids: list[str], slack: re.Pattern[str], kind: str) -> list[SettingProblem]:
    """Lists for both platforms: each entry a Slack ID of this kind, or a Discord ID."""
    slack_example = "C0123ABCD" if kind == "channel" else "U0123ABCD"
    return [
        SettingProblem(
            name,
            name.lower(),
            f"{i!r} is not a {kind} ID (a Slack one looks like {slack_example}, a Discord one is a number "
            "with 17 to 20 digits)",
        )
        for i in ids
        if not (slack.fullmatch(i) or (i.isdigit() and len(i) in DISCORD_ID_DIGITS))
    ]


def shape_problems(settings: Settings) -> list[SettingProblem]:
    """Values that load but are the wrong kind: a user token as the bot token, a channel name as an ID."""
    problems = [
        _slack_token_problem("SLACK_BOT_TOKEN", settings.slack_bot_token, "xoxb-", "OAuth & Permissions"),
        _slack_token_problem(
            "SLACK_APP_TOKEN", settings.slack_app_token, "xapp-", "Basic Information → App-Level Tokens"
        ),
    ]
    found = [p for p in problems if p is not None]
    found += _slack_channel_problems("SLACK_DRAFTS_CHANNELS", settings.slack_drafts_channels)
    found += _slack_channel_problems("SLACK_TIP_CHANNELS", settings.slack_tip_channels)
    found += _discord_id_problems("DISCORD_DRAFTS_CHANNELS", settings.discord_drafts_channels)
    found += _discord_id_problems("DISCORD_TIP_CHANNELS", settings.discord_tip_channels)
    for name, ids in (
        ("PARTY_COACH_ALLOW_CHANNELS", settings.allow_channels),
        ("PARTY_COACH_DENY_CHANNELS", settings.deny_channels),
    ):
        found += _either_id_problems(name, ids, SLACK_CHANNEL_ID, "channel")
    for name, ids in (
        ("PARTY_COACH_ALLOW_USERS", settings.allow_users),
        ("PARTY_COACH_DENY_USERS", settings.deny_users),
    ):
        found += _either_id_problems(name, ids, SLACK_USER_ID, "user")
    found += _discord_id_problems("DISCORD_ALLOW_ROLES", settings.discord_allow_roles)
    found += _discord_id_problems("DISCORD_DENY_ROLES", settings.discord_deny_roles)
    if settings.discord_dev_guild is not None:
        found += _discord_id_problems("DISCORD_DEV_GUILD", [settings.discord_dev_guild])
    return found


def describe_problems(problems: list[SettingProblem]) -> str:
    """Every problem on one line, with the command that explains them."""
    if len(problems) == 1:
        return f"setting {problems[0]}"
    listed = "; ".join(str(p) for p in problems)
    return f"{len(problems)} settings need fixing: {listed} (`party-coach doctor` shows them all)"


def load_settings(**overrides: object) -> Settings:
    """Build settings, turning validation failures into one friendly ConfigError naming every bad setting."""
    settings, problems = read_settings(**overrides)
    if problems:
        raise ConfigError(describe_problems(problems))
    return settings
