"""Entry point of the bundled app: the same as ``python -m coach``."""
import sys

from coach.__main__ import main

if __name__ == "__main__":
    sys.exit(main())
