"""Operator command for a workspace's office hours settings (`make workspace`).

`set --tenant <id> --time-zone <IANA name>` sets the workspace's default time zone: the zone
of schedules created without `time_zone_name` (Intercom 2.17); a name that is not an IANA zone
of the layer's tzdata is refused and nothing is written. `set --tenant <id> --default-schedule
<schedule id>` sets the workspace default schedule, the one teams and teammates without their
own use (`none` clears it), as `PUT /workspace/office_hours` does: a schedule the workspace does
not have is refused and nothing is written. Both may be given at once (the zone is set first).
`show --tenant <id>` prints both (`UTC` and none when never set). Storage as for the token
commands (`tools.tokens`): the local DynamoDB of `make serve`, or `--table <name>` for a
deployed table with the usual AWS credentials and region.
"""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from tools.tokens import operator_storage, prepare

if TYPE_CHECKING:
    from calendar_exceptions.office_hours.assignments.service import AssignmentService

NONE = "none"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--table", help="a deployed table's name (default: the local table of `make serve`)")
    commands = parser.add_subparsers(dest="command", required=True)
    setting = commands.add_parser("set", help="set the workspace's default time zone and/or default schedule")
    setting.add_argument("--tenant", required=True, help="the Intercom workspace (= LivePerson accountId)")
    setting.add_argument("--time-zone", help="an IANA time zone name, e.g. Europe/Dublin")
    setting.add_argument("--default-schedule", help=f"a schedule id of the workspace, or {NONE} to clear it")
    showing = commands.add_parser("show", help="print the workspace's default time zone and default schedule")
    showing.add_argument("--tenant", required=True)
    args = parser.parse_args(argv)
    if args.command == "set" and args.time_zone is None and args.default_schedule is None:
        parser.error("set: give --time-zone, --default-schedule or both")

    prepare(args.table)
    from calendar_exceptions.errors import DomainError
    from calendar_exceptions.office_hours.assignments import rules as assignments
    from calendar_exceptions.office_hours.assignments.repository import AssignmentRepository
    from calendar_exceptions.office_hours.assignments.service import AssignmentService, Wanted
    from calendar_exceptions.office_hours.exception_repository import ExceptionRepository
    from calendar_exceptions.office_hours.schedule_repository import ScheduleRepository
    from calendar_exceptions.office_hours.service import OfficeHoursService
    from calendar_exceptions.primitives import RuleViolation
    from local.dynamodb import NoLocalStorage

    try:
        with operator_storage(args.table) as (client, table):
            schedules = ScheduleRepository(client, table)
            defaults = AssignmentService(AssignmentRepository(client, table))
            if args.command == "set" and args.time_zone is not None:
                service = OfficeHoursService(schedules, ExceptionRepository(client, table))
                service.set_default_time_zone(args.tenant, args.time_zone)
            if args.command == "set" and args.default_schedule is not None:
                wanted = None if args.default_schedule == NONE else args.default_schedule
                defaults.assign(args.tenant, [Wanted(assignments.WORKSPACE_DEFAULT, wanted, "--default-schedule")])
            zone = schedules.default_time_zone(args.tenant)
            print(f"workspace {args.tenant}: default time zone {zone}")
            print(f"workspace {args.tenant}: default schedule {_default_schedule(defaults, args.tenant)}")
    except (RuleViolation, DomainError, NoLocalStorage) as error:
        print(f"error: {getattr(error, 'message', error)}", file=sys.stderr)
        return 2
    return 0


def _default_schedule(defaults: AssignmentService, workspace: str) -> str:
    """`<id> (<name>)`, or `none`."""
    from calendar_exceptions.errors import NotFound
    from calendar_exceptions.office_hours.assignments import rules as assignments

    try:
        answered = defaults.schedule(workspace, assignments.WORKSPACE_DEFAULT)
    except NotFound:
        return NONE
    return f"{answered['id']} ({answered['name']})"


if __name__ == "__main__":
    sys.exit(main())
