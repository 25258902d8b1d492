"""Entry point for ``python -m consult_app``."""

import sys

from consult_app.app.main import main

if __name__ == "__main__":
    sys.exit(main())
