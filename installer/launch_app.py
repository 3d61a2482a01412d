"""PyInstaller entry of the desktop app (``edo-app``): the same ``ui.app:main`` as the pip script."""

import sys

from ui.app import main

if __name__ == "__main__":
    sys.exit(main())
