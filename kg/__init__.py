"""kg — the command line over graph/, loaders/, queries/ and viz/."""
