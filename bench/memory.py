"""Memory of a warm execution environment: RSS over 1,000 requests, and where any growth lives."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from bench import timing

REQUESTS = 1000
CHECKPOINTS = (100, 500, 1000)
TRACED = (500, 2500)  # tracemalloc windows after those, cumulative


@dataclass
class Memory:
    function: str
    rss_kb: dict[int, int]
    alive_kb: dict[int, int]  # allocated by the traced requests and still alive, per window
    top: list[str]

    @property
    def grown_kb(self) -> int:
        """RSS after the last request minus RSS after the 100th (warm-up over)."""
        return self.rss_kb[CHECKPOINTS[-1]] - self.rss_kb[CHECKPOINTS[0]]


def measure(env: timing.Environment, function: str, recording: Any) -> Memory:
    spec = timing.job(
        env,
        function,
        recording,
        mode="memory",
        requests=REQUESTS,
        checkpoints=list(CHECKPOINTS),
        traced=list(TRACED),
    )
    result = timing.run(spec)
    growth = result["growth"]
    return Memory(
        function,
        {int(k): v for k, v in result["rss_kb"].items()},
        {int(k): v for k, v in growth["alive_kb"].items()},
        growth["top"],
    )
