"""kg — the composition root: loading as a library (`kg.ingest`) and the command line over
graph/, loaders/, alignment/, queries/ and viz/."""
