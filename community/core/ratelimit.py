"""Rate limits that services check where their rule lives (log-in, sending in a channel).

The counters live in ``RATELIMIT_STORAGE_URI`` (the ``limits`` library's storages): in memory
for one process, in Redis when several processes share them. Each app has its own counters, so
two apps in one process (tests, a job beside a server) never share a storage by accident. If
the storage cannot be reached, the limit is not enforced for that moment and a warning is
logged: a Redis restart must not turn every log-in and every message into an error.

No limit is checked before every request: a page that has no rule pays nothing for this.
"""

from __future__ import annotations

import logging
import math

from flask import current_app
from limits import parse
from limits.storage import storage_from_string
from limits.strategies import FixedWindowRateLimiter
from werkzeug.exceptions import TooManyRequests

from community.core.db import utcnow

log = logging.getLogger(__name__)


def rate_limiter() -> FixedWindowRateLimiter:
    """The app's counters, made on first use from ``RATELIMIT_STORAGE_URI``."""
    app = current_app._get_current_object()
    found = app.extensions.get("rate_limiter")
    if found is None:
        storage = storage_from_string(app.config["RATELIMIT_STORAGE_URI"])
        found = app.extensions.setdefault("rate_limiter", FixedWindowRateLimiter(storage))
    return found


def check_rate(limit: str, scope: str, *key: str, message: str, count: bool = True) -> None:
    """Raise 429 (with ``Retry-After``) once ``limit`` is spent for ``scope`` and ``key``;
    ``count=False`` only looks."""
    item = parse(limit)
    strategy = rate_limiter()
    try:
        allowed = strategy.hit(item, scope, *key) if count else strategy.test(item, scope, *key)
        if allowed:
            return
        reset_at = strategy.get_window_stats(item, scope, *key).reset_time
    except Exception as error:  # the storage went away: serve now, count again when it is back
        log.warning("rate-limit storage unavailable (%s): %s not enforced", error, scope)
        return
    raise TooManyRequests(message, retry_after=max(1, math.ceil(reset_at - utcnow().timestamp())))
