"""Benchmarks for Sozdik (not part of the installed package).

Run from the repository root, e.g. ``python -m benchmarks.store_bench``.
``benchmarks.synth`` generates synthetic en/ru/kk glossaries for them.
"""
