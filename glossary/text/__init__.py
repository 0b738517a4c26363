"""Language processing: pure functions over strings, no I/O and no store access.

This package imports nothing from the rest of :mod:`glossary`, so every layer
(the model's validation, the store's search keys, search itself) may use it.
"""
