"""The embedded local platform: gateway, scheduler, queue worker, simulators."""
