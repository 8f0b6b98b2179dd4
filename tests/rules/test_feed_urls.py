"""A feed link's absolute URLs come from the request: API Gateway's domain and stage, or the local API's host."""

from __future__ import annotations

import pytest

from calendar_exceptions.feeds.links import base_url, urls

SECRET = "cexf_" + "s" * 43


def event(path: str, context_path: str | None, domain: str | None, host: str | None = None) -> dict:
    return {
        "path": path,
        "headers": {"Host": host} if host else None,
        "requestContext": {"path": context_path, "domainName": domain},
    }


@pytest.mark.parametrize(
    ("sent", "expected"),
    [
        # API Gateway's own domain: the stage is the path's prefix
        (
            event(
                "/office_hours_schedules/1/feeds",
                "/v1/office_hours_schedules/1/feeds",
                "abc.execute-api.eu-west-1.amazonaws.com",
            ),
            "https://abc.execute-api.eu-west-1.amazonaws.com/v1",
        ),
        # A custom domain with a base path mapping, and one mapped at its root
        (
            event("/api/account/1/shift-status/feeds", "/hours/api/account/1/shift-status/feeds", "api.example.com"),
            "https://api.example.com/hours",
        ),
        (
            event("/office_hours_schedules/1/feeds", "/office_hours_schedules/1/feeds", "api.example.com"),
            "https://api.example.com",
        ),
        # The local API: the host and port called, plain HTTP
        (
            event("/office_hours_schedules/1/feeds", "/office_hours_schedules/1/feeds", "127.0.0.1:3000"),
            "http://127.0.0.1:3000",
        ),
        (
            event("/office_hours_schedules/1/feeds", "/office_hours_schedules/1/feeds", "localhost:8080"),
            "http://localhost:8080",
        ),
        (
            event("/office_hours_schedules/1/feeds", "/office_hours_schedules/1/feeds", "[::1]:3000"),
            "http://[::1]:3000",
        ),
        # No domain in the context: the Host header
        (event("/x", None, None, "127.0.0.1:3001"), "http://127.0.0.1:3001"),
    ],
)
def test_the_base_url_is_where_the_client_reached_the_api(sent, expected):
    assert base_url(sent) == expected


def test_the_two_urls_of_a_secret():
    sent = event(
        "/office_hours_schedules/1/feeds",
        "/v1/office_hours_schedules/1/feeds",
        "abc.execute-api.us-east-1.amazonaws.com",
    )
    assert urls(sent, SECRET) == (
        f"https://abc.execute-api.us-east-1.amazonaws.com/v1/feeds/{SECRET}/calendar.ics",
        f"https://abc.execute-api.us-east-1.amazonaws.com/v1/feeds/{SECRET}/status",
    )
