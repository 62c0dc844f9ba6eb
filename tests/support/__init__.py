"""Shared test helpers: databases on both backends, a running gateway, clients."""
