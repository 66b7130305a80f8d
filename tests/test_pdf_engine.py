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


def test_sized_arrays_are_built_without_the_c_parser(monkeypatch):
    """Every new array length WeasyPrint allocates when subsetting a font would otherwise be
    a C parse of its own."""
    import pycparser

    from inspection_report.pdf_engine import load_engine

    load_engine()
    from weasyprint.text.ffi import ffi

    ffi.typeof("uint16_t *")  # the item's pointer type, parsed once per item type
    parsed: list[str] = []
    parse = pycparser.CParser.parse
    monkeypatch.setattr(
        pycparser.CParser,
        "parse",
        lambda self, text, *a, **k: parsed.append(text) or parse(self, text, *a, **k),
    )
    arrays = {
        length: ffi.new(f"uint16_t[{length}]", list(range(length - 1))) for length in (7919, 7907, 7901)
    }
    spaced = ffi.new(" uint16_t [ 7883 ] ")
    assert parsed == []
    ffi.new("uint16_t *[7877]")
    assert parsed, "a type name of another shape is still parsed"
    monkeypatch.undo()
    for length, array in arrays.items():
        assert ffi.typeof(array) is ffi.typeof(f"uint16_t[{length}]")
        assert list(array) == [*range(length - 1), 0]
    assert ffi.typeof(spaced) is ffi.typeof("uint16_t[7883]")
