"""Start the Glossa window: ``python main.py [PROJECT] [--sample] [--screenshot PNG]``.

Also the entry point of the PyInstaller bundle, whose executable doubles as the sandboxed
MuPDF reader: ``--run-mupdf-child SCRIPT ...`` (``core.importers.mupdf``) runs that script
before anything else is imported, so the child loads neither Qt nor the rest of Glossa.
"""

import runpy
import sys

if __name__ == "__main__":
    if sys.argv[1:2] == ["--run-mupdf-child"] and getattr(sys, "frozen", False):
        sys.argv = sys.argv[2:]
        runpy.run_path(sys.argv[0], run_name="__main__")
        sys.exit(0)  # the script exits itself; this is only reached if it does not
    from gui.app import main

    sys.exit(main())
