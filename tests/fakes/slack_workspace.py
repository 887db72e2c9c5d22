"""The state behind the fake Slack: channels, messages and threads, and the Web API's answers to them."""

from __future__ import annotations

import itertools
import threading
from typing import Any

TEAM_ID = "T0FAKE"
BOT_USER_ID = "UBOT0001"
BOT_ID = "BBOT0001"
READ_METHODS = ("conversations.history", "conversations.replies")


class SlackWorkspace:
    """Messages by channel, answered the way Slack's Web API answers (for the methods the bot uses)."""

    def __init__(self) -> None:
        self.messages: dict[str, list[dict[str, Any]]] = {}
        self.not_in_channel: set[str] = set()
        # conversations.info knows these, the channels with messages, and those in not_in_channel
        self.channels: set[str] = set()
        # users.info answers: workspace admins and owners by user id; anyone else is a plain member
        self.workspace_admins: set[str] = set()
        self.workspace_owners: set[str] = set()
        self._lock = threading.Lock()
        self._ids = itertools.count(1)

    def new_ts(self) -> str:
        n = next(self._ids)
        return f"{1_700_000_000 + n}.{n:06d}"

    def add_message(
        self, channel: str, text: str, *, user: str = "UAUTHOR1", ts: str | None = None, **extra: Any
    ) -> dict[str, Any]:
        message = {"type": "message", "user": user, "text": text, "ts": ts or self.new_ts(), **extra}
        with self._lock:
            self.messages.setdefault(channel, []).append(message)
        return message

    def edit_message(self, channel: str, ts: str, text: str) -> dict[str, Any]:
        message = self.find_message(channel, ts)
        assert message is not None, f"no message {ts} in {channel}"
        message["text"] = text
        message["edited"] = {"user": message.get("user"), "ts": self.new_ts()}
        return dict(message)

    def find_message(self, channel: str, ts: str) -> dict[str, Any] | None:
        return next((m for m in self.messages.get(channel, []) if m["ts"] == ts), None)

    def thread(self, channel: str, thread_ts: str) -> list[dict[str, Any]]:
        """Replies in a thread (not the parent), oldest first."""
        return [
            m
            for m in self.messages.get(channel, [])
            if m.get("thread_ts") == thread_ts and m["ts"] != thread_ts
        ]

    def answer(self, method: str, args: dict[str, Any]) -> dict[str, Any]:
        channel = str(args.get("channel", ""))
        if method in READ_METHODS and channel in self.not_in_channel:
            return {"ok": False, "error": "not_in_channel"}
        if method == "conversations.info":
            return self._channel_info(channel)
        if method == "users.info":
            return self._user_info(str(args.get("user", "")))
        if method == "auth.test":
            return {
                "ok": True,
                "url": "https://fake.slack.test/",
                "team": "Fake Team",
                "user": "party_coach",
                "team_id": TEAM_ID,
                "user_id": BOT_USER_ID,
                "bot_id": BOT_ID,
                "is_enterprise_install": False,
            }
        if method == "chat.postMessage":
            target = channel if not channel.startswith("U") else f"D{channel}"
            extra = {"thread_ts": args["thread_ts"]} if args.get("thread_ts") else {}
            message = self.add_message(
                target,
                str(args.get("text", "")),
                user=BOT_USER_ID,
                bot_id=BOT_ID,
                blocks=args.get("blocks"),
                **extra,
            )
            return {"ok": True, "channel": target, "ts": message["ts"], "message": message}
        if method == "chat.update":
            found = self.find_message(channel, str(args.get("ts")))
            if found is None:
                return {"ok": False, "error": "message_not_found"}
            found["text"] = args.get("text", found["text"])
            found["blocks"] = args.get("blocks", found.get("blocks"))
            return {"ok": True, "channel": channel, "ts": found["ts"], "text": found["text"]}
        if method == "chat.postEphemeral":
            return {"ok": True, "message_ts": self.new_ts()}
        if method == "conversations.history":
            return {"ok": True, "messages": self._history(channel, args), "has_more": False}
        if method == "conversations.replies":
            return self._replies(channel, args)
        if method in ("reactions.add", "reactions.remove"):
            return {"ok": True}
        if method in ("views.open", "views.update", "views.publish"):
            return {"ok": True, "view": {"id": f"V{next(self._ids):08d}", **(args.get("view") or {})}}
        return {"ok": False, "error": "unknown_method"}

    def _channel_info(self, channel: str) -> dict[str, Any]:
        if channel not in self.channels | set(self.messages) | self.not_in_channel:
            return {"ok": False, "error": "channel_not_found"}
        # A public channel Party Coach hasn't joined is still visible; it just isn't a member.
        member = channel not in self.not_in_channel
        return {"ok": True, "channel": {"id": channel, "name": channel.lower(), "is_member": member}}

    def _user_info(self, user: str) -> dict[str, Any]:
        if not user:
            return {"ok": False, "error": "user_not_found"}
        owner = user in self.workspace_owners
        return {
            "ok": True,
            "user": {
                "id": user,
                "team_id": TEAM_ID,
                "name": user.lower(),
                "is_admin": owner or user in self.workspace_admins,
                "is_owner": owner,
                "is_primary_owner": False,
                "is_bot": False,
            },
        }

    def _history(self, channel: str, args: dict[str, Any]) -> list[dict[str, Any]]:
        top = [m for m in self.messages.get(channel, []) if m.get("thread_ts", m["ts"]) == m["ts"]]
        found = [m for m in top if _in_range(m["ts"], args)]
        return sorted(found, key=lambda m: float(m["ts"]), reverse=True)[: int(args.get("limit", 100))]

    def _replies(self, channel: str, args: dict[str, Any]) -> dict[str, Any]:
        message = self.find_message(channel, str(args.get("ts")))
        if message is None:
            return {"ok": False, "error": "thread_not_found"}
        root = message.get("thread_ts", message["ts"])
        thread = [m for m in self.messages[channel] if m["ts"] == root or m.get("thread_ts") == root]
        found = [m for m in sorted(thread, key=lambda m: float(m["ts"])) if _in_range(m["ts"], args)]
        return {"ok": True, "messages": found[: int(args.get("limit", 100))], "has_more": False}


def _in_range(ts: str, args: dict[str, Any]) -> bool:
    inclusive = str(args.get("inclusive", "")).lower() in ("1", "true")
    value = float(ts)
    if "oldest" in args:
        oldest = float(args["oldest"])
        if value < oldest or (value == oldest and not inclusive):
            return False
    if "latest" in args:
        latest = float(args["latest"])
        if value > latest or (value == latest and not inclusive):
            return False
    return True
