"""One module per group of verbs; each exposes COMMANDS."""
