"""Benchmarks, run on demand (not part of the installed kg); their corpus comes from synth."""
