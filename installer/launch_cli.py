"""PyInstaller entry of the command line (``edo``): the same ``edo_app.cli:main`` as the pip script."""

import sys

from edo_app.cli import main

if __name__ == "__main__":
    sys.exit(main())
