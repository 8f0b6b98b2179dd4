"""Feed links: secret, read-only URLs of an office hours schedule's or a LivePerson account's hours (docs/feeds.md).

- `links`: the secret (format, hash, new ones), a link as stored, the absolute URLs from the request.
- `store`: the link items (DynamoDB): creating, listing, revoking, and the public routes' look-up.
- `management`: the answers and request rules of the routes that create, list and revoke links;
  `models`: the one request body (a LivePerson create), imported when that body is parsed.
- `public`: the two public routes' HTTP rules (no token, one 404, ETag and 304, CORS, caching).
- `office_hours_source`, `liveperson_source`: what a feed shows, read for one link in two round trips.
- `series`, `calendar`: open periods as weekly series and single events; the iCalendar document,
  built with the `icalendar` library (its own layer: only the calendar function imports it).
"""
