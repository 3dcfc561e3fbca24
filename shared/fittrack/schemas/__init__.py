"""Pydantic v2 API models: camelCase on the wire."""
