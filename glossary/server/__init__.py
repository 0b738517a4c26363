"""Front ends that serve the glossary to other tools: HTTP (JSON API, web widget) and DICT (RFC 2229)."""
