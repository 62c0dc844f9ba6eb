"""Application layer: each use case checks, loads with a lock, calls the domain, commits, and only
then publishes (zulip's check_*/do_*/notify_* split). Nothing here knows about HTTP."""
