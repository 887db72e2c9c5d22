"""Errors that carry a message written for the person who will read it."""


class PartyCoachError(Exception):
    """Base error; `str(err)` is always safe and friendly to show a user."""


class ConfigError(PartyCoachError):
    """A setting or a configured file is missing or malformed."""


class DraftError(PartyCoachError):
    """The draft can't be reviewed as given (empty, too long, not text)."""


class ReviewerUnavailable(PartyCoachError):
    """The configured reviewer could not produce a review (down, slow, or nonsense)."""


class LogError(PartyCoachError):
    """The suggestion log can't be opened or written."""


class LogBusy(LogError):
    """Another program held the log's write lock for longer than the busy timeout; trying again may work."""


class LogMissing(LogError):
    """A command that only reads the log was pointed at a log that doesn't exist."""


class DashboardError(PartyCoachError):
    """The dashboard can't start: Datasette is missing, the port is taken, or the file isn't a log."""
