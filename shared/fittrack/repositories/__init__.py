"""SQL, one module per aggregate: rows in, domain objects out. Bind variables only."""
