"""FitTrack shared layer: domain rules, services, data access and adapters."""

__version__ = "0.1.0"
