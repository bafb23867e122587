"""``python -m arctic_routes``: the ``arctic-routes`` command line."""

import sys

from arctic_routes.cli import main

if __name__ == "__main__":
    sys.exit(main())
