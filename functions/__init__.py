"""Thin entry points: one module per area, one function per endpoint or job.

A function named "<module>.<operation>" lives in `functions/<module>.py`. Every
module here except `main` (the fdk entry point) is a function module: the contract
generator and the local platform discover them (`fittrack.http.registry.load_all`),
so a new module cannot be forgotten.
"""
