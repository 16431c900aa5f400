"""Start the Glossa window: ``python main.py [PROJECT] [--sample] [--screenshot PNG]``."""

import sys

from gui.app import main

if __name__ == "__main__":
    sys.exit(main())
