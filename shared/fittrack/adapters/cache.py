"""Hot copies and counters: Redis (OCI Cache) in production, memory otherwise.

Redis is never the only copy of anything, so callers treat CacheUnavailable as
"recompute from the database" (or, for rate limits, "allow").
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from fittrack.adapters.cache_memory import MemoryCache
from fittrack.adapters.cache_protocol import Cache, CacheUnavailable, Replacement
from fittrack.adapters.cache_redis import STAGING_SLICE, STAGING_TTL_SECONDS, RedisCache

if TYPE_CHECKING:
    from fittrack.config import Settings

__all__ = [
    "STAGING_SLICE",
    "STAGING_TTL_SECONDS",
    "Cache",
    "CacheUnavailable",
    "MemoryCache",
    "RedisCache",
    "Replacement",
    "open_cache",
]


def open_cache(settings: Settings) -> Cache:
    return RedisCache(settings.redis_url) if settings.redis_url else MemoryCache()
