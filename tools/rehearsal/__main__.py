"""`python -m tools.rehearsal` (what tools/rehearsal/rehearse.sh runs, from the project root)."""
import sys

from .cli import main

sys.exit(main())
