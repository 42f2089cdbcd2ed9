"""Exit codes of the ``newsmeta`` command."""

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2
EXIT_INTERRUPTED = 130  # what shells report for Ctrl-C
