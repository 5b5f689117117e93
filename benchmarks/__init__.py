"""Benchmarks: commands that measure and print figures (never tests; no timing assertions in ``make test``)."""
