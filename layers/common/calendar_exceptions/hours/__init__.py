"""The hours engine and what it is built on: local times as instants (local_time), interval algebra (intervals)."""
