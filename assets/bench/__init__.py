"""Benchmark helpers (plain Python, no Dagster): a generator of realistic article pages."""
