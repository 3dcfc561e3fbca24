"""Adapters to the systems around FitTrack: cache, queue, secrets, mail, encryption.

Each has a production implementation (OCI) and a local one; importing this
package stays cheap because the SDKs load only when a client is first built.
"""

from fittrack.adapters.cache import Cache, CacheUnavailable, MemoryCache, RedisCache, open_cache
from fittrack.adapters.crypto import DecryptionError, TokenCipher, cipher_from_secrets
from fittrack.adapters.mail import (
    EmailMessage,
    LocalMailSender,
    MailSender,
    SmtpMailSender,
    dispatch_pending,
    enqueue_email,
    list_outbox,
    open_mail_sender,
)
from fittrack.adapters.queue import DbQueue, Message, OciQueue, Queue, open_queue
from fittrack.adapters.ratelimit import Decision, RateLimiter
from fittrack.adapters.secrets import (
    LocalSecrets,
    MissingSecret,
    Secrets,
    VaultSecrets,
    open_secrets,
)

__all__ = [
    "Cache",
    "CacheUnavailable",
    "DbQueue",
    "Decision",
    "DecryptionError",
    "EmailMessage",
    "LocalMailSender",
    "LocalSecrets",
    "MailSender",
    "MemoryCache",
    "Message",
    "MissingSecret",
    "OciQueue",
    "Queue",
    "RateLimiter",
    "RedisCache",
    "Secrets",
    "SmtpMailSender",
    "TokenCipher",
    "VaultSecrets",
    "cipher_from_secrets",
    "dispatch_pending",
    "enqueue_email",
    "list_outbox",
    "open_cache",
    "open_mail_sender",
    "open_queue",
    "open_secrets",
]
