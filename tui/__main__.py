"""`python -m tui`: the same as the `fuente` command."""
import sys

from .cli import main

sys.exit(main())
