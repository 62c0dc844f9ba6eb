"""Retention also covers Rasa's own copy of the conversations (its SQL tracker store)."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

from analytics.transcripts import purge_rasa_trackers

NOW = datetime(2026, 11, 28, 12, 0, tzinfo=UTC)


def tracker_db(path: Path, events: list[tuple[str, datetime]]) -> None:
    with sqlite3.connect(path) as connection:
        connection.execute(
            "CREATE TABLE events (id INTEGER PRIMARY KEY, sender_id VARCHAR(255) NOT NULL, "
            "type_name VARCHAR(255) NOT NULL, timestamp FLOAT, intent_name VARCHAR(255), "
            "action_name VARCHAR(255), data TEXT)"
        )
        connection.executemany(
            "INSERT INTO events (sender_id, type_name, timestamp, data) VALUES (?, 'user', ?, '{}')",
            [(sender, at.timestamp()) for sender, at in events],
        )


def senders(path: Path) -> set[str]:
    with sqlite3.connect(path) as connection:
        return {row[0] for row in connection.execute("SELECT DISTINCT sender_id FROM events")}


def test_whole_conversations_older_than_the_cutoff_go(tmp_path: Path) -> None:
    db = tmp_path / "trackers.db"
    cutoff = NOW - timedelta(days=90)
    tracker_db(
        db,
        [
            ("old", cutoff - timedelta(days=5)),
            ("old", cutoff - timedelta(seconds=1)),
            # Started before the cutoff but active since: kept whole, not cut in half.
            ("straddles", cutoff - timedelta(days=10)),
            ("straddles", cutoff + timedelta(days=1)),
            ("new", NOW),
            ("exactly", cutoff),
        ],
    )
    assert purge_rasa_trackers(db, cutoff=cutoff, dry_run=True) == 1
    assert senders(db) == {"old", "straddles", "new", "exactly"}
    assert purge_rasa_trackers(db, cutoff=cutoff) == 1
    assert senders(db) == {"straddles", "new", "exactly"}


def test_no_tracker_store_file_is_nothing_to_purge(tmp_path: Path) -> None:
    assert purge_rasa_trackers(tmp_path / "missing.db", cutoff=NOW) == 0
