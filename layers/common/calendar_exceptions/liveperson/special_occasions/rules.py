"""Every rule of a special occasion event: the one home of special occasion rules.

An event's period follows the rules every LivePerson event shares (events.local_period: an
IANA zone of the pinned tzdata, the same at both ends; `yyyy-MM-dd`, `yyyy-MM-dd'T'HH:mm` or
`yyyy-MM-dd'T'HH:mm:ss`, both ends the same kind; no time in a DST gap; the end after the
start as hours/local_time.local_span reads them: an end date exclusive, so one whole day D is
D to D+1 and an occasion may span several, an end at 23:59 the end of its day), and its
recurrence, if any, is one `RRULE:` line of the supported subset that can occur (rrule.check_recurrence).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from calendar_exceptions.liveperson.events import local_period
from calendar_exceptions.liveperson.rrule import check_recurrence

if TYPE_CHECKING:
    # Annotations only: the functions that validate no body import no models (pydantic).
    from calendar_exceptions.liveperson.special_occasions.models import Event


def check_event(event: Event) -> None:
    """The rules of one special occasion event: its period and its recurrence line, if any."""
    period = local_period(event.start, event.end)
    if event.recurrence:
        check_recurrence(event.recurrence[0], period.start, period.zone)
