"""HTTP over the fdk context: registry, requests, problems, the invocation runtime."""
