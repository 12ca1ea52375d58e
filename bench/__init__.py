"""Benchmarks and the synthetic national corpus they run on (not part of the installed kg)."""
