"""The public holidays feature is only where its layer is: the public holiday functions, nothing else.

The package `public_holidays` and the library it uses ship in their own layer (layers/holidays,
template.yaml HolidaysLayer), which only the functions that import the package have; in that
package only `library.py` imports the library, and nothing of the common layer imports either.
So the common layer and every other function's package and cold start stay as they were, and
no function with the layer imports the library before a request needs it.
"""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path

from local import template

LAYER = "HolidaysLayer"
PACKAGE = "public_holidays"
HOLIDAY_FUNCTIONS = {
    "ListHolidaysFunction",
    "CreateOfficeHoursHolidayExceptionsFunction",
    "CreateSpecialOccasionHolidaysFunction",
}


def _imports(source: Path) -> set[str]:
    """Every module `source` imports, wherever in the file (function-local imports too)."""
    found = set()
    for node in ast.walk(ast.parse(source.read_text())):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.add(node.module)
            found |= {f"{node.module}.{alias.name}" for alias in node.names}
    return found


def _names(modules: set[str], top: str) -> set[str]:
    return {name for name in modules if name == top or name.startswith(top + ".")}


def test_only_the_public_holiday_functions_have_the_holidays_layer_and_they_import_the_package():
    for name, spec in template.functions().items():
        imports_package = bool(_names(_imports(spec.code_dir / "app.py"), PACKAGE))
        assert (LAYER in spec.layers) == imports_package == (name in HOLIDAY_FUNCTIONS), name


def test_the_common_layer_imports_neither_the_library_nor_the_package_and_one_module_imports_the_library():
    for source in (template.LAYER_DIR / "calendar_exceptions").rglob("*.py"):
        imported = _imports(source)
        assert not _names(imported, "holidays") and not _names(imported, PACKAGE), source
    package = template.layers()[LAYER] / PACKAGE
    library_users = {source.name for source in package.rglob("*.py") if _names(_imports(source), "holidays")}
    assert library_users == {"library.py"}


_IMPORT_ALL = """
import json, sys
from local import runtime, template
runtime.prepare_process()
for name, spec in template.functions().items():
    runtime.import_handler_module(spec, "app_" + name)
print(json.dumps(sorted(m for m in sys.modules if m.split(".")[0] == "holidays")))
"""


def test_no_function_imports_the_library_before_a_request_needs_it():
    # Given a fresh interpreter, when every function's handler is imported (a cold start's init)
    completed = subprocess.run(
        [sys.executable, "-c", _IMPORT_ALL], cwd=template.ROOT, capture_output=True, text=True, timeout=120, check=False
    )
    assert completed.returncode == 0, completed.stderr
    # Then the library is not imported: a request refused before it names a country (401, 403, a
    # malformed body) never pays for it
    assert json.loads(completed.stdout.strip().splitlines()[-1]) == []
