"""The process-wide collaborators a function needs, built lazily and reused.

A function container keeps one Platform for its whole life: the database pool,
the Redis client and the OCI clients are created on first use, so a cold start
pays only for what the invoked function touches.
"""

from __future__ import annotations

import threading
from functools import cached_property
from typing import TYPE_CHECKING

from fittrack import config
from fittrack.clock import Clock, running_from, utc_now
from fittrack.domain.errors import Unauthorized

if TYPE_CHECKING:
    from fittrack.adapters.cache import Cache
    from fittrack.adapters.drand import DrandClient
    from fittrack.adapters.mail import MailSender
    from fittrack.adapters.queue import Queue
    from fittrack.adapters.ratelimit import RateLimiter
    from fittrack.adapters.secrets import Secrets
    from fittrack.db import Database
    from fittrack.domain.identity import Caller
    from fittrack.services.tokens import TokenService


class Platform:
    def __init__(self, settings: config.Settings, clock: Clock | None = None) -> None:
        self.settings = settings
        self.clock = clock or clock_for(settings)
        self._lock = threading.Lock()

    @cached_property
    def db(self) -> Database:
        from fittrack.db import open_database

        with self._lock:
            database = open_database(self.settings.database_url, password=self._db_password)
            database.assert_production_ready(self.settings)
            return database

    def _db_password(self) -> str:
        return self.secrets.get("database-password")

    @cached_property
    def cache(self) -> Cache:
        from fittrack.adapters.cache import open_cache

        return open_cache(self.settings)

    @cached_property
    def rate_limiter(self) -> RateLimiter:
        from fittrack.adapters.ratelimit import RateLimiter

        return RateLimiter(self.cache, lambda: self.clock())

    @cached_property
    def queue(self) -> Queue:
        from fittrack.adapters.queue import open_queue

        return open_queue(self.settings, lambda: self.db)

    @cached_property
    def secrets(self) -> Secrets:
        from fittrack.adapters.secrets import open_secrets

        return open_secrets(self.settings)

    @cached_property
    def beacon(self) -> DrandClient:
        from fittrack.adapters.drand import DrandClient

        return DrandClient(self.settings.beacon_relays, self.settings.beacon_chain_hash)

    @cached_property
    def mail(self) -> MailSender:
        from fittrack.adapters.mail import open_mail_sender

        return open_mail_sender(self.settings, self.secrets)

    @cached_property
    def tokens(self) -> TokenService:
        from fittrack.services.tokens import TokenService

        # Read the clock at call time, so a replaced platform clock reaches the tokens too.
        return TokenService(
            self.secrets, self.settings.jwt_issuer, self.settings.jwt_audience, lambda: self.clock()
        )

    def verify_access_token(self, token: str, *, allow_ended_session: bool = False) -> Caller:
        """Turn a bearer token into a caller (a 401 problem when it is not valid).

        A token names its session; once that session is logged out or revoked the
        token stops working at once, not when it expires (unless the function asks
        for `allow_ended_session`: logging out twice is not an error).
        """
        from fittrack.services.sessions import is_session_active

        caller = self.tokens.verify_access(token)
        if caller.session_id is None:
            raise Unauthorized("The access token is not valid.")
        if allow_ended_session:
            return caller
        with self.db.unit_of_work(readonly=True) as uow:
            if not is_session_active(uow, caller.session_id, self.clock()):
                raise Unauthorized("This session has ended; sign in again.")
        return caller

    def close(self) -> None:
        if "db" in self.__dict__:
            self.db.close()


def clock_for(settings: config.Settings) -> Clock:
    """Real time, or (locally) a clock started at FITTRACK_CLOCK_START."""
    if settings.clock_start is None:
        return utc_now
    if settings.is_production:
        raise RuntimeError("FITTRACK_CLOCK_START is for the local platform and tests only")
    return running_from(settings.clock_start)


_current: Platform | None = None
_current_lock = threading.Lock()


def get_platform() -> Platform:
    global _current
    with _current_lock:
        if _current is None:
            _current = Platform(config.settings())
        return _current


def set_platform(platform: Platform | None) -> None:
    """Install a platform (the local runner and tests); None forgets the current one."""
    global _current
    with _current_lock:
        if _current is not None and _current is not platform:
            _current.close()
        _current = platform
