#!/usr/bin/env python3
"""Build inspection reports: `python build.py [build|check] [REPORT...]`. See README.md."""

import sys

from inspection_report.cli import main

if __name__ == "__main__":
    sys.exit(main())
