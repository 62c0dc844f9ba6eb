"""Analyst tooling: the model registry (train, serve, promote, roll back), and later evaluation,
redacted transcript export and reviewed-data import."""
