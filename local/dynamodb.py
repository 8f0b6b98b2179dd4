"""Local DynamoDB: a moto server over HTTP, and the template's tables created in it.

moto applies a TransactWriteItems (and restores the table when one fails) without a lock,
so two concurrent requests can interleave inside it in ways DynamoDB never allows. The
server here handles one request at a time, which gives every request the atomicity and
isolation DynamoDB gives each of its operations; the races under test are the
application's own read-then-conditional-write races, which this keeps intact. It also
applies a transaction once per ClientRequestToken, as DynamoDB does, so that the SDK's
retry of a transaction whose answer was lost is not refused by the transaction itself.
And a transaction costs what it writes, not what the table holds (`_backup_only_what_a_transaction_names`).
"""

from __future__ import annotations

import contextlib
import copy
import io
import json
import os
import socket
import threading
from collections import OrderedDict
from collections.abc import Iterator
from typing import Any

import boto3
from botocore.config import Config

from local import template

LOCAL_CREDENTIALS = {
    "AWS_ACCESS_KEY_ID": "local",
    "AWS_SECRET_ACCESS_KEY": "local",
    "AWS_SESSION_TOKEN": "local",
    "AWS_DEFAULT_REGION": "us-east-1",
}


class _OneAtATime:
    """WSGI middleware that serialises requests to the wrapped application."""

    def __init__(self, app: Any) -> None:
        self._app = app
        self._lock = threading.Lock()

    def __call__(self, environ: dict[str, Any], start_response: Any) -> list[bytes]:
        with self._lock:
            return list(self._app(environ, start_response))


class _CopyAllButTables:
    """moto's `copy` module for its backend, with a table "copied" as itself (see below)."""

    def __getattr__(self, name: str) -> Any:
        return getattr(copy, name)

    @staticmethod
    def deepcopy(value: Any, memo: Any = None) -> Any:
        from moto.dynamodb.models.table import Table

        return value if isinstance(value, Table) else copy.deepcopy(value, memo)


def _backup_only_what_a_transaction_names() -> None:
    """Make moto's TransactWriteItems back up the items it names instead of every table, whole.

    moto deep-copies each table a transaction touches, once per item of the transaction,
    to restore it when the transaction is cancelled: O(table) per transaction, most of its
    time once a table holds a few dozen items (about 50 ms of a 60 ms create with 50
    occasions stored, measured with cProfile), where DynamoDB's cost does not grow with
    the table. Contended writers (32 concurrent creates of one collection) then spend
    their deadline in moto's copies. Here the items the transaction names are saved and
    put back when it fails; sound because this server handles one request at a time.
    """
    from moto.dynamodb import models
    from moto.dynamodb.models.dynamo_type import DynamoType

    backend = models.DynamoDBBackend
    if getattr(backend.transact_write_items, "_backs_up_items", False):
        return
    original = backend.transact_write_items
    models.copy = _CopyAllButTables()  # type: ignore[assignment]

    def transact_write_items(self: Any, transact_items: list[dict[str, Any]]) -> None:
        saved = []
        for transact_item in transact_items:
            op_type, op = next(iter(transact_item.items()))
            table = self.get_table(op["TableName"])
            key = op["Item"] if op_type == "Put" else op["Key"]
            hash_key = DynamoType(key[table.hash_key_attr])
            range_key = DynamoType(key[table.range_key_attr]) if table.range_key_attr else None
            saved.append((table, hash_key, range_key, copy.deepcopy(table.get_item(hash_key, range_key))))
        try:
            original(self, transact_items)
        except BaseException:
            for table, hash_key, range_key, item in reversed(saved):
                _restore(table, hash_key, range_key, item)
            raise

    transact_write_items._backs_up_items = True  # type: ignore[attr-defined]
    backend.transact_write_items = transact_write_items  # type: ignore[method-assign]


def _restore(table: Any, hash_key: Any, range_key: Any, item: Any) -> None:
    if range_key is None:
        if item is None:
            table.items.pop(hash_key, None)
        else:
            table.items[hash_key] = item
    elif item is None:
        table.items.get(hash_key, {}).pop(range_key, None)
    else:
        table.items[hash_key][range_key] = item


class _IdempotentTransactions:
    """WSGI middleware that applies a TransactWriteItems once per ClientRequestToken, as DynamoDB does.

    The SDK sends the same token when it retries a transaction (after a timeout, say), and
    DynamoDB answers a repeat of an applied one with success without applying it again;
    moto would apply it again, and its conditions would then refuse the application's own
    write. The answers of the last `remembered` applied transactions are replayed.
    """

    def __init__(self, app: Any, remembered: int = 10_000) -> None:
        self._app = app
        self._remembered = remembered
        self._applied: OrderedDict[str, tuple[str, list[tuple[str, str]], list[bytes]]] = OrderedDict()

    def __call__(self, environ: dict[str, Any], start_response: Any) -> Any:
        if not environ.get("HTTP_X_AMZ_TARGET", "").endswith(".TransactWriteItems"):
            return self._app(environ, start_response)
        body = environ["wsgi.input"].read(int(environ.get("CONTENT_LENGTH") or 0))
        environ["wsgi.input"] = io.BytesIO(body)
        token = json.loads(body or b"{}").get("ClientRequestToken")
        if token in self._applied:
            status, headers, answer = self._applied[token]
            start_response(status, headers)
            return answer
        sent: dict[str, Any] = {}

        def remember(status: str, headers: list[tuple[str, str]], exc_info: Any = None) -> Any:
            sent.update(status=status, headers=headers)
            return start_response(status, headers, exc_info)

        answer = list(self._app(environ, remember))
        if token and sent.get("status", "").startswith("200"):
            self._applied[token] = (sent["status"], sent["headers"], answer)
            while len(self._applied) > self._remembered:
                self._applied.popitem(last=False)
        return answer


class DynamoDBServer:
    """A moto DynamoDB endpoint on 127.0.0.1, started and stopped by the project itself."""

    def __init__(self, port: int = 0) -> None:
        from moto.moto_server.werkzeug_app import DomainDispatcherApplication, create_backend_app
        from werkzeug.serving import WSGIRequestHandler, make_server

        class QuietHandler(WSGIRequestHandler):
            disable_nagle_algorithm = True  # see local.serve: no delayed-ACK stall per response

            def log_request(self, *args: Any, **kwargs: Any) -> None:
                pass

        _backup_only_what_a_transaction_names()
        app = _OneAtATime(_IdempotentTransactions(DomainDispatcherApplication(create_backend_app)))
        # Port 0 binds whatever port is free, atomically: no window in which another process takes it.
        self._server = make_server("127.0.0.1", port, app, threaded=True, request_handler=QuietHandler)
        # serve_forever looks for a shutdown every poll interval (0.5 s by default): every
        # `make invoke` stops its server, and would wait that long each time for nothing.
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, name="moto-dynamodb", daemon=True
        )

    @property
    def endpoint(self) -> str:
        return f"http://127.0.0.1:{self._server.server_port}"

    def start(self) -> DynamoDBServer:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()


def client(endpoint: str | None = None) -> Any:
    return boto3.client("dynamodb", endpoint_url=endpoint or os.environ.get("AWS_ENDPOINT_URL_DYNAMODB"))


def ensure_tables(dynamodb: Any) -> list[str]:
    """Create every table of the template that the endpoint does not have yet; return their names."""
    existing = set(dynamodb.list_tables()["TableNames"])
    names = []
    for logical_id, properties in template.tables().items():
        request = template.create_table_request(logical_id, properties)
        names.append(request["TableName"])
        if request["TableName"] not in existing:
            with contextlib.suppress(dynamodb.exceptions.ResourceInUseException):
                dynamodb.create_table(**request)
            dynamodb.get_waiter("table_exists").wait(TableName=request["TableName"])
    return names


DEFAULT_PORT = 8100


class NoLocalStorage(RuntimeError):
    """No DynamoDB to use, and the caller does not want a throw-away one."""


def local_port() -> int:
    """The port of the local DynamoDB of `make serve` (LOCAL_DYNAMODB_PORT, default 8100; 0: any free port)."""
    return int(os.environ.get("LOCAL_DYNAMODB_PORT") or DEFAULT_PORT)


def _running_endpoint(port: int) -> str | None:
    """The endpoint of a DynamoDB already listening on 127.0.0.1:`port` (a running `make serve`), if any."""
    if port == 0:
        return None
    endpoint = f"http://127.0.0.1:{port}"
    with socket.socket() as sock:
        sock.settimeout(0.5)
        if sock.connect_ex(("127.0.0.1", port)) != 0:
            return None
    probe = boto3.client(
        "dynamodb",
        endpoint_url=endpoint,
        config=Config(connect_timeout=1, read_timeout=2, retries={"max_attempts": 1}),
    )
    try:
        probe.list_tables(Limit=1)
    except Exception as error:  # noqa: BLE001 - anything but a DynamoDB answer means "not ours"
        raise NoLocalStorage(
            f"127.0.0.1:{port} is in use by something that does not answer as DynamoDB ({error.__class__.__name__}); "
            "set LOCAL_DYNAMODB_PORT to a free port or AWS_ENDPOINT_URL_DYNAMODB to a DynamoDB endpoint"
        ) from None
    return endpoint


@contextlib.contextmanager
def local_storage(*, embedded: bool = True) -> Iterator[str]:
    """The storage rules of `make serve`, `make invoke` and the token commands, in this order:

    1. AWS_ENDPOINT_URL_DYNAMODB when set;
    2. else the DynamoDB listening on 127.0.0.1:$LOCAL_DYNAMODB_PORT (8100), i.e. a running
       `make serve`, so every command in another shell shares its data;
    3. else, when `embedded`, a moto server started on that port for the duration (the
       token commands refuse this: a token in a store that vanishes is of no use).

    The template's tables are created if missing. Yields the endpoint, also set as
    AWS_ENDPOINT_URL_DYNAMODB for the duration.
    """
    server = None
    endpoint = os.environ.get("AWS_ENDPOINT_URL_DYNAMODB")
    chosen_here = not endpoint
    if endpoint:
        for key, value in LOCAL_CREDENTIALS.items():
            os.environ.setdefault(key, value)
    else:
        for key, value in LOCAL_CREDENTIALS.items():
            os.environ[key] = value
        endpoint = _running_endpoint(local_port())
        if endpoint is None:
            if not embedded:
                raise NoLocalStorage(
                    "no local DynamoDB: start `make serve` (it listens on 127.0.0.1:"
                    f"{local_port()}) or set AWS_ENDPOINT_URL_DYNAMODB"
                )
            server = DynamoDBServer(local_port()).start()
            endpoint = server.endpoint
        os.environ["AWS_ENDPOINT_URL_DYNAMODB"] = endpoint
    try:
        ensure_tables(client(endpoint))
        yield endpoint
    finally:
        if server is not None:
            server.stop()
        if chosen_here:
            os.environ.pop("AWS_ENDPOINT_URL_DYNAMODB", None)
