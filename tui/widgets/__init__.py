"""The TUI's widgets: each one job, styled from ``tui/app.tcss``."""
