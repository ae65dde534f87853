"""
Run requests really at the same time, each thread on its own database connection.

Only PostgreSQL runs them concurrently: the test database on SQLite is in memory, shared between
threads through one shared cache where a second writer is refused at once, whatever the busy
timeout (tests/planner/test_concurrency.py runs SQLite's case on a database file instead).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection, connections
from django.test import Client

needs_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="concurrent requests need PostgreSQL (set DATABASE_URL); SQLite's in-memory test database "
    "is one shared cache that refuses a second writer instead of making it wait",
)


def run_together(count: int, work: Callable[[int], Any], *, timeout: float = 60) -> list[Any]:
    """
    Call ``work(index)`` in ``count`` threads released at once by a barrier; return what each
    returned, or the exception it raised, in order.
    """
    barrier = threading.Barrier(count)
    results: list[Any] = [None] * count

    def run(index: int) -> None:
        try:
            barrier.wait(timeout=timeout)
            results[index] = work(index)
        except BaseException as error:
            results[index] = error
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(index,)) for index in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout)
    assert not any(thread.is_alive() for thread in threads), "a request never finished (a deadlock?)"
    return results


def logged_in_clients(user, count: int) -> list[Client]:
    """``count`` test clients logged in as ``user``, answering a server error as a 500 response."""
    clients = []
    for _ in range(count):
        client = Client(raise_request_exception=False)
        client.force_login(user)
        clients.append(client)
    return clients
