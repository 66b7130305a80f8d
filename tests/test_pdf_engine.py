"""WeasyPrint loads for layout without running the compiler, and with the same libraries as a
plain import."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

_REPORT = """
import json, sys
runs = []
sys.addaudithook(lambda event, args: runs.append(str(args[0])) if event == "subprocess.Popen" else None)
{load}
libraries = sorted({{line.split()[-1] for line in open("/proc/self/maps") if ".so" in line}})
print(json.dumps({{"runs": runs, "libraries": libraries}}))
"""


def _loaded(load: str) -> dict:
    code = _REPORT.format(load=load)
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return json.loads(done.stdout)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the lookup is only cut short on Linux")
def test_the_engine_loads_its_libraries_without_a_compiler_run():
    quick = _loaded("from inspection_report.pdf_engine import load_engine\nload_engine()")
    plain = _loaded("import weasyprint, inspection_report.pdf_tags")
    assert quick["runs"] == []
    assert plain["runs"], "a plain import no longer runs the compiler: the shortcut can go"
    assert quick["libraries"] == plain["libraries"]
    assert any("libpango" in library for library in quick["libraries"])
