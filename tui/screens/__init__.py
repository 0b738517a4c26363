"""The TUI's screens: main (search and read), edit form, review queue, and dialogs."""
