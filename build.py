#!/usr/bin/env python3
"""Build inspection reports: `python build.py [build|check] [REPORT...]`. See README.md."""

import sys

from inspection_report.warm_client import end_process, run_warm

if __name__ == "__main__":
    # In the warm process of `python build.py warm` when one runs for this code, else here.
    code = run_warm(sys.argv[1:])
    if code is None:
        from inspection_report.cli import main

        code = main()
    end_process(code)
