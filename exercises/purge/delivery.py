"""Getting purges to the caches: after the commit, without holding up or failing a save.

The tags of every change in a transaction are sent together when it commits. Each cache has
a sender thread of its own (per process) that sends its purges one at a time; an editor's
save waits for the first try at most DJANGO_PURGE_TIMEOUT seconds, and not at all while
that cache is failing. A failed purge is logged and tried again DJANGO_PURGE_RETRIES times,
after growing pauses, together with whatever came in meanwhile. Every purge goes out once
more a little later (`Repeats`).
"""

import atexit
import logging
import os
import threading
import time
from collections.abc import Iterable

from django.conf import settings
from django.db import transaction

from .caches import PurgeFailed, caches, purging_is_on

logger = logging.getLogger("exercises.purge")

# A failed purge is tried again after 1 s, then 4 s, 16 s... (with what came in meanwhile)
FIRST_RETRY_PAUSE_SECONDS = 1.0


def describe(tags: list[str] | None) -> str:
    if tags is None:
        return "everything"
    return " ".join(tags[:8]) + (f" (and {len(tags) - 8} more tags)" if tags[8:] else "")


def purge(cache, tags: list[str] | None) -> None:
    """One attempt: these tags, or (None) everything."""
    if tags is None:
        cache.purge_everything()
    else:
        cache.purge(tags)


def retry_pause(failures: int) -> float:
    return FIRST_RETRY_PAUSE_SECONDS * 4 ** (failures - 1)


def purge_with_retries(cache, tags: list[str] | None) -> bool:
    """Purge now, trying again after a pause when it fails (for `manage.py purge_http_cache`)."""
    for failures in range(1, settings.PURGE_RETRIES + 2):
        try:
            purge(cache, tags)
            return True
        except PurgeFailed as error:
            logger.warning("Purging %s at %s failed: %s", describe(tags), cache, error)
            if failures <= settings.PURGE_RETRIES:
                time.sleep(retry_pause(failures))
    return False


class Sender:
    """Sends one cache's purges from a thread of its own, one request at a time. Purges that
    come in while it is busy or waiting to try again are merged into its next request, so a
    burst of saves, or a cache that is down, costs a few requests, not one per change."""

    def __init__(self, cache):
        self.cache = cache
        self.changed = threading.Condition()
        self.tags: set[str] = set()
        self.everything = False
        self.received = self.attempted = 0  # purges handed in, and tried once (in order)
        self.failures = 0  # in a row, for what is waiting
        self.thread: threading.Thread | None = None

    def add(self, tags: set[str] | None) -> int:
        """Queue these tags (None: everything); returns the purge's number for `wait`."""
        with self.changed:
            if tags is None:
                self.everything = True
            else:
                self.tags |= tags
            self.received += 1
            if self.thread is None or not self.thread.is_alive():
                self.thread = threading.Thread(target=self.run, daemon=True, name="purge")
                self.thread.start()
            self.changed.notify_all()
            return self.received

    def wait(self, number: int, timeout: float) -> None:
        """Until purge `number` has been tried once, unless the cache is failing (its next
        try carries the purge anyway): an editor waits for a working cache only."""
        with self.changed:
            self.changed.wait_for(
                lambda: self.attempted >= number or self.failures > 0, timeout=timeout
            )

    def is_idle(self) -> bool:
        with self.changed:
            return self.attempted == self.received and not self.failures

    def run(self) -> None:
        while True:
            with self.changed:
                self.changed.wait_for(lambda: self.tags or self.everything)
                tags = None if self.everything else sorted(self.tags)
                self.tags, self.everything, number = set(), False, self.received
            try:
                purge(self.cache, tags)
                error = None
            except Exception as failure:  # PurgeFailed, or a surprise: never lose the thread
                error = failure
            with self.changed:
                self.attempted = number
                self.failures = 0 if error is None else self.failures + 1
                given_up = self.failures > settings.PURGE_RETRIES
                if given_up:
                    self.failures = 0
                elif error is not None:  # goes out again with whatever comes in meanwhile
                    if tags is None:
                        self.everything = True
                    else:
                        self.tags.update(tags)
                failures = self.failures
                self.changed.notify_all()
            if given_up:
                logger.error(
                    "Gave up purging %s at %s after %d attempts (%s). Pages showing what "
                    "changed may be stale there until they expire or `manage.py "
                    "purge_http_cache` runs.",
                    describe(tags),
                    self.cache,
                    settings.PURGE_RETRIES + 1,
                    error,
                )
            elif error is not None:
                pause = retry_pause(failures)
                logger.warning(
                    "Purging %s at %s failed (%s); trying again in %g s.",
                    describe(tags),
                    self.cache,
                    error,
                    pause,
                )
                time.sleep(pause)


class Senders:
    """One sender per cache and process (gunicorn forks its workers after the import)."""

    lock = threading.Lock()
    pid: int | None = None
    senders: dict[str, Sender] = {}

    @classmethod
    def of(cls, cache) -> Sender:
        with cls.lock:
            if cls.pid != os.getpid():
                cls.pid, cls.senders = os.getpid(), {}
            if str(cache) not in cls.senders:
                cls.senders[str(cache)] = Sender(cache)
            return cls.senders[str(cache)]

    @classmethod
    def busy(cls) -> list[Sender]:
        with cls.lock:
            senders = list(cls.senders.values()) if cls.pid == os.getpid() else []
        return [sender for sender in senders if not sender.is_idle()]


def send_purges(tags: set[str] | None, wait: float = 0) -> None:
    """Purge these tags (None: everything) at every cache, in the background, waiting at
    most `wait` seconds for the first attempts."""
    deadline = time.monotonic() + wait
    handed_in = [(sender, sender.add(tags)) for sender in map(Senders.of, caches())]
    for sender, number in handed_in:
        sender.wait(number, max(0.0, deadline - time.monotonic()))


@atexit.register
def report_unsent() -> None:
    """A command that changed content (an import) waits a little at exit for purges still
    on their way, then says which were lost."""
    deadline = time.monotonic() + settings.PURGE_TIMEOUT_SECONDS
    while Senders.busy() and time.monotonic() < deadline:
        time.sleep(0.05)
    for sender in Senders.busy():
        logger.error(
            "Exiting before purging %s at %s: run `manage.py purge_http_cache`.",
            describe(None if sender.everything else sorted(sender.tags)),
            sender.cache,
        )


class PendingTags(threading.local):
    """This thread's tags waiting for a commit. Those of a transaction that was rolled back
    go out with the next commit: a purge too many costs a page render, never a stale page."""

    def __init__(self):
        self.tags: set[str] = set()

    def take(self) -> set[str]:
        tags, self.tags = self.tags, set()
        return tags


pending = PendingTags()


def purge_after_commit(tags: Iterable[str]) -> None:
    """Have the shared caches drop the responses with these tags once the current
    transaction commits (at once outside a transaction). The tags of all the changes in one
    transaction go out together."""
    if not purging_is_on():
        return
    pending.tags.update(tags)
    # Registered for every change: the first to run after the commit sends all the tags.
    # Robust: should sending fail unexpectedly, it is logged, and the save stands.
    transaction.on_commit(send_pending, robust=True)


def send_pending() -> None:
    tags = pending.take()
    if tags:
        send_purges(tags, wait=settings.PURGE_TIMEOUT_SECONDS)
        Repeats.schedule(tags)


class Repeats:
    """Tags to purge once more when every reader's request that began before their commit
    has ended (settings.PURGE_REPEAT_SECONDS: the readers' deadline and a second): such a
    request may have handed a page drawn from the rows before the change to a cache just
    after the first purge. One timer per process, however many commits."""

    lock = threading.Lock()
    pid: int | None = None
    due: dict[str, float] = {}
    timer: threading.Timer | None = None
    timer_at = 0.0

    @classmethod
    def schedule(cls, tags: set[str]) -> None:
        if not settings.PURGE_REPEAT_SECONDS:
            return
        when = time.monotonic() + settings.PURGE_REPEAT_SECONDS
        with cls.lock:
            if cls.pid != os.getpid():
                cls.pid, cls.due, cls.timer = os.getpid(), {}, None
            cls.due.update(dict.fromkeys(tags, when))
            if cls.timer is None or when < cls.timer_at:  # sooner: the delay was shortened
                if cls.timer is not None:
                    cls.timer.cancel()
                cls.start_timer()

    @classmethod
    def start_timer(cls) -> None:
        cls.timer_at = min(cls.due.values())
        cls.timer = threading.Timer(max(0.0, cls.timer_at - time.monotonic()), cls.send_due)
        cls.timer.daemon = True
        cls.timer.start()

    @classmethod
    def send_due(cls) -> None:
        with cls.lock:
            now = time.monotonic()
            ready = {tag for tag, when in cls.due.items() if when <= now}
            for tag in ready:
                del cls.due[tag]
            cls.timer = None
            if cls.due:
                cls.start_timer()
        if ready:
            send_purges(ready)
