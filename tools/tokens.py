"""Operator commands for API access tokens: mint, list and revoke (`make token`, `make tokens`, `make revoke`).

Storage follows the rules of `make serve` (local.dynamodb.local_storage), except that no
throw-away store is started: with neither AWS_ENDPOINT_URL_DYNAMODB set nor a `make serve`
running, the commands stop with an explanation. `--table <name>` works on a deployed table
instead, with the usual AWS credentials and region.

`mint` prints the token as the last line of its output; it is shown only then (only its
hash is stored). `list` never shows a token, only its id, scopes, expiry and revocation.
"""

from __future__ import annotations

import argparse
import contextlib
import re
import sys
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

from local import template
from local.runtime import prepare_process

_DURATION = re.compile(r"(\d+)([smhd]?)")
_UNIT_SECONDS = {"": 1, "s": 1, "m": 60, "h": 3600, "d": 86400}
DEFAULT_EXPIRY = "90d"


def expiry(value: str, now: float) -> int | None:
    """`90d`, `12h`, `30m`, `3600` (seconds) from now, or `never`."""
    if value.strip().lower() == "never":
        return None
    match = _DURATION.fullmatch(value.strip().lower())
    if not match or int(match.group(1)) == 0:
        raise argparse.ArgumentTypeError(f"expiry {value!r}: use e.g. 90d, 12h, 30m, 3600 or never")
    return int(now) + int(match.group(1)) * _UNIT_SECONDS[match.group(2)]


def _when(epoch: int | None) -> str:
    return "-" if epoch is None else datetime.fromtimestamp(epoch, UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def prepare(table: str | None) -> None:
    """Make the layer importable: with `table`, a deployed table's, with none of the local defaults."""
    if table:
        # A deployed table: the caller's own AWS region and credentials, none of the local defaults.
        if str(template.LAYER_DIR) not in sys.path:
            sys.path.insert(0, str(template.LAYER_DIR))
    else:
        prepare_process()


@contextlib.contextmanager
def operator_storage(table: str | None) -> Iterator[tuple[Any, str]]:
    """The DynamoDB client and table name an operator command works on (call `prepare` first).

    `table`: a deployed table; otherwise the local storage of `make serve` (never a
    throw-away store: NoLocalStorage when there is none).
    """
    from calendar_exceptions import storage

    if table:
        yield storage.dynamodb_client(), table
        return
    from local.dynamodb import local_storage

    with local_storage(embedded=False) as endpoint:
        print(f"DynamoDB at {endpoint}, table {storage.table_name()}", file=sys.stderr)
        yield storage.dynamodb_client(), storage.table_name()


@contextlib.contextmanager
def _repository(table: str | None) -> Iterator[Any]:
    from calendar_exceptions.tokens import TokenRepository

    with operator_storage(table) as (client, name):
        yield TokenRepository(client, name)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--table", help="a deployed table's name (default: the local table of `make serve`)")
    commands = parser.add_subparsers(dest="command", required=True)
    mint = commands.add_parser("mint", help="mint a token and print it as the last line")
    mint.add_argument("--tenant", required=True, help="LivePerson accountId = Intercom workspace")
    mint.add_argument("--scopes", default="read write", help="'read write' (default) or 'read'")
    mint.add_argument("--expires-in", default=DEFAULT_EXPIRY, help="e.g. 90d (default), 12h, 30m, 3600, never")
    mint.add_argument("--note", help="what the token is for, shown by list")
    listing = commands.add_parser("list", help="list a tenant's tokens (never the tokens themselves)")
    listing.add_argument("--tenant", required=True)
    revoke = commands.add_parser("revoke", help="revoke a tenant's token by its id")
    revoke.add_argument("--tenant", required=True)
    revoke.add_argument("--token-id", required=True, help="the id `list` shows")
    args = parser.parse_args(argv)

    prepare(args.table)
    from calendar_exceptions import clock
    from calendar_exceptions.errors import DomainError
    from local.dynamodb import NoLocalStorage

    try:
        expires_at = expiry(args.expires_in, clock.now()) if args.command == "mint" else None
        with _repository(args.table) as repository:
            if args.command == "mint":
                token, record = repository.mint(args.tenant, args.scopes, expires_at, args.note)
                print(
                    f"token {record.token_id} for tenant {record.tenant}, scopes {' '.join(sorted(record.scopes))}, "
                    f"expires {_when(record.expires_at)}; shown once, store it now:"
                )
                print(token)
            elif args.command == "list":
                print(f"{'TOKEN_ID':16}  {'SCOPES':10}  {'CREATED':20}  {'EXPIRES':20}  {'REVOKED':20}  NOTE")
                for r in sorted(repository.of_tenant(args.tenant), key=lambda r: (r.created_at, r.token_id)):
                    print(
                        f"{r.token_id:16}  {' '.join(sorted(r.scopes)):10}  {_when(r.created_at):20}  "
                        f"{_when(r.expires_at):20}  {_when(r.revoked_at):20}  {r.note or ''}"
                    )
            else:
                record = repository.revoke(args.tenant, args.token_id)
                print(f"token {record.token_id} of tenant {record.tenant} revoked at {_when(record.revoked_at)}")
    except (argparse.ArgumentTypeError, DomainError, NoLocalStorage) as error:
        print(f"error: {getattr(error, 'message', error)}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
