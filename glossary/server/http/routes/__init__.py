"""The API's routes under /api/v1, one module per family, as in the CLI."""
