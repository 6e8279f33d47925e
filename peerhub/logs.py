"""Structured JSON logs, one event per line, with no personal data.

Log calls pass an event name and safe fields only (ids, codes, counts,
durations): ``log.info("message.sent", extra={"fields": {"room_id": 3}})``.
Never message text, titles, search queries, filter words, handles next to
addresses, passwords, tokens or cookies. Exception records carry the type and
the code location, never the exception message (database errors embed the
statement's parameters, i.e. user text).
"""

from __future__ import annotations

import json
import logging
import sys
import traceback
from contextvars import ContextVar
from datetime import UTC, datetime
from typing import Any

request_id: ContextVar[str | None] = ContextVar("peerhub_request_id", default=None)


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        data: dict[str, Any] = {
            "ts": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname.lower(),
            "logger": record.name,
            "event": record.getMessage() if record.name.startswith("peerhub") else _foreign(record),
        }
        rid = request_id.get()
        if rid:
            data["request_id"] = rid
        fields = getattr(record, "fields", None)
        if isinstance(fields, dict):
            data.update(fields)
        if record.exc_info and record.exc_info[0] is not None:
            exc_type, _exc, tb = record.exc_info
            frames = traceback.extract_tb(tb)
            data["error_type"] = exc_type.__name__
            data["where"] = [f"{f.filename.rsplit('/', 1)[-1]}:{f.lineno}:{f.name}" for f in frames[-5:]]
        return json.dumps(data, ensure_ascii=False)


def _foreign(record: logging.LogRecord) -> str:
    """Third-party messages may interpolate values; keep only the template."""
    return str(record.msg)[:200]


def configure_logging(level: str = "INFO") -> None:
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(JsonFormatter())
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
    for name in ("uvicorn", "uvicorn.error"):
        logging.getLogger(name).handlers[:] = []
        logging.getLogger(name).propagate = True
    for name in ("alembic", "sqlalchemy"):
        logging.getLogger(name).setLevel(logging.WARNING)
    # uvicorn's access log carries client addresses and query strings: off.
    access = logging.getLogger("uvicorn.access")
    access.handlers[:] = []
    access.propagate = False
    access.disabled = True
