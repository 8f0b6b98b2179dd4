"""The layer's one clock: "now" wherever a request or an event carries no time of its own.

Everything that depends on the time takes it as an input (API Gateway's request time, an `at`
parameter, the scheduled event's `time`); this is the fallback when there is none, and the
one seam tests set: `monkeypatch.setattr(clock, "now", lambda: ...)`. Callers import the
module (`from calendar_exceptions import clock`, then `clock.now()`), never the function, so
that setting it reaches them all.
"""

from __future__ import annotations

import time


def now() -> float:
    """Unix seconds, as time.time() gives them."""
    return time.time()


def request_time(request_time_epoch: int | None) -> float:
    """When a request was made: API Gateway's `requestTimeEpoch` (milliseconds), else now()."""
    return request_time_epoch / 1000 if isinstance(request_time_epoch, int) else now()
