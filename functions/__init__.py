"""Thin entry points: one module per area, one function per endpoint or job.

A function named "<module>.<operation>" lives in `functions/<module>.py`.
List every module here so the contract generator and the local platform find it.
"""

MODULES = (
    "health",
    "tiers",
    "mail",
    "wellknown",
    "auth",
    "social",
    "users",
    "activities",
    "points",
    "admin_points",
    "leaderboards",
    "review",
    "admin_review",
    "admin_sponsors",
    "admin_prizes",
    "prizes",
    "admin_fulfillment",
    "notifications",
    "fulfillment_jobs",
    "drawings",
    "admin_drawings",
    "lifecycle",
    "connections",
    "sync",
    "webhooks",
    "dev",
)
