"""`sentra bench` and its tools (no Dagster at import): measure.py runs the stages and prints the
figures, pagegen.py writes realistic generated article pages, rss.py samples a process tree's memory."""
