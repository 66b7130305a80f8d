"""What the code imports is what pyproject.toml declares: building needs only the package's
dependencies (`make report` installs nothing else), and the tests need only those plus the
test extras. A module imported but not declared works here by luck (another package pulled
it in) and breaks on a clean machine."""

from __future__ import annotations

import ast
import re
import sys
import tomllib
from importlib.metadata import packages_distributions
from pathlib import Path

from conftest import ROOT

PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
# The project's own modules: its packages, build.py, and the test and bench helpers.
LOCAL = {"inspection_report", "charts", "build"} | {
    p.stem for p in [*ROOT.glob("tests/*.py"), *ROOT.glob("bench/*.py")]
}
MAX_MODULE_LINES = 400


def _names(requirements: list[str]) -> set[str]:
    return {re.split(r"[<>=!~\[; ]", r, maxsplit=1)[0].lower().replace("_", "-") for r in requirements}


def _imported_distributions(files: list[Path]) -> dict[str, set[str]]:
    """Distribution name -> the files that import it (third-party imports only)."""
    owners = packages_distributions()
    found: dict[str, set[str]] = {}
    for path in files:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                modules = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                modules = [node.module]
            else:
                continue
            for module in modules:
                top = module.split(".")[0]
                if top in sys.stdlib_module_names or top in LOCAL:
                    continue
                for distribution in owners.get(top, [top]):
                    found.setdefault(distribution.lower().replace("_", "-"), set()).add(path.name)
    return found


# Distributions code uses by name rather than by import: BeautifulSoup's parser backends.
_SOUP_PARSERS = {"lxml": "lxml", "html5lib": "html5lib"}


def _soup_parsers(files: list[Path]) -> set[str]:
    """Distributions named as a parser in `BeautifulSoup(markup, "lxml")`."""
    found = set()
    for path in files:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "BeautifulSoup":
                for argument in node.args[1:]:
                    if isinstance(argument, ast.Constant) and argument.value in _SOUP_PARSERS:
                        found.add(_SOUP_PARSERS[argument.value])
    return found


def _code() -> list[Path]:
    return [*ROOT.glob("inspection_report/**/*.py"), *ROOT.glob("charts/*.py"), ROOT / "build.py"]


def test_everything_the_package_imports_is_a_declared_dependency():
    declared = _names(PROJECT["dependencies"])
    undeclared = {d: files for d, files in _imported_distributions(_code()).items() if d not in declared}
    assert undeclared == {}
    assert _soup_parsers(_code()) - declared == set()


def test_every_declared_dependency_is_used_by_the_package():
    used = set(_imported_distributions(_code())) | _soup_parsers(_code())
    assert _names(PROJECT["dependencies"]) - used == set()


def test_everything_the_tests_and_benchmarks_import_is_declared():
    declared = _names(PROJECT["dependencies"]) | _names(PROJECT["optional-dependencies"]["test"])
    files = [*ROOT.glob("tests/*.py"), *ROOT.glob("bench/*.py")]
    undeclared = {d: files for d, files in _imported_distributions(files).items() if d not in declared}
    assert undeclared == {}


def test_no_module_is_over_400_lines():
    long = {
        str(path.relative_to(ROOT)): lines
        for path in _code()
        if (lines := len(path.read_text(encoding="utf-8").splitlines())) > MAX_MODULE_LINES
    }
    assert long == {}
