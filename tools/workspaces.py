"""Operator command for a workspace's office hours settings (`make workspace`).

`set --tenant <id> --time-zone <IANA name>` sets the workspace's default time zone: the zone
of schedules created without `time_zone_name` (Intercom 2.17); `show --tenant <id>` prints
it (`UTC` when never set). A name that is not an IANA zone of the layer's tzdata is
refused and nothing is written. Storage as for the token commands (`tools.tokens`): the
local DynamoDB of `make serve`, or `--table <name>` for a deployed table with the usual AWS
credentials and region.
"""

from __future__ import annotations

import argparse
import sys

from tools.tokens import operator_storage, prepare


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--table", help="a deployed table's name (default: the local table of `make serve`)")
    commands = parser.add_subparsers(dest="command", required=True)
    setting = commands.add_parser("set", help="set the workspace's default time zone")
    setting.add_argument("--tenant", required=True, help="the Intercom workspace (= LivePerson accountId)")
    setting.add_argument("--time-zone", required=True, help="an IANA time zone name, e.g. Europe/Dublin")
    showing = commands.add_parser("show", help="print the workspace's default time zone")
    showing.add_argument("--tenant", required=True)
    args = parser.parse_args(argv)

    prepare(args.table)
    from calendar_exceptions.errors import DomainError
    from calendar_exceptions.office_hours.exception_repository import ExceptionRepository
    from calendar_exceptions.office_hours.schedule_repository import ScheduleRepository
    from calendar_exceptions.office_hours.service import OfficeHoursService
    from calendar_exceptions.primitives import RuleViolation
    from local.dynamodb import NoLocalStorage

    try:
        with operator_storage(args.table) as (client, table):
            schedules = ScheduleRepository(client, table)
            if args.command == "set":
                service = OfficeHoursService(schedules, ExceptionRepository(client, table))
                service.set_default_time_zone(args.tenant, args.time_zone)
            zone = schedules.default_time_zone(args.tenant)
            print(f"workspace {args.tenant}: default time zone {zone}")
    except (RuleViolation, DomainError, NoLocalStorage) as error:
        print(f"error: {getattr(error, 'message', error)}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
