"""The layout's promises that anyone can check (README, "Layout"): each a rule over the source tree.

- no module of the layers over 300 lines: a module that grows past it holds two things;
- no import by string in the layers: every lazy import is a plain function-local `from … import`,
  so go-to-definition and grep reach what is imported;
- one module turns local date-times into instants: `fold=` (the DST rule) appears only there;
- `local/` (the emulator) imports nothing of `tools/` (operator commands and generators);
- the repository's text speaks for itself: no reference to a tracker's issue number.
"""

from __future__ import annotations

import ast
import os
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
LAYERS = ROOT / "layers"
SKIPPED = {".venv", ".venv-sam", ".aws-sam", ".git", "__pycache__", ".hypothesis", ".pytest_cache", ".ruff_cache"}
MAX_LINES = 300
TIME_MODULE = LAYERS / "common" / "calendar_exceptions" / "hours" / "local_time.py"


def _files(top: Path, suffixes: tuple[str, ...]) -> list[Path]:
    """The files under `top` with one of `suffixes`, never looking into environments and caches."""
    found = []
    for folder, subfolders, names in os.walk(top):
        subfolders[:] = [name for name in subfolders if name not in SKIPPED]
        found += [Path(folder, name) for name in names if Path(name).suffix in suffixes]
    return sorted(found)


LAYER_MODULES = _files(LAYERS, (".py",))


def test_the_layers_have_their_modules():
    # The rules below must not pass for want of files.
    names = {path.relative_to(LAYERS).as_posix() for path in LAYER_MODULES}
    assert "common/calendar_exceptions/hours/local_time.py" in names
    assert any(name.startswith("holidays/public_holidays/") for name in names)
    assert len(names) > 50


def test_no_module_of_the_layers_is_over_300_lines():
    long = {
        path.relative_to(ROOT).as_posix(): n
        for path in LAYER_MODULES
        if (n := len(path.read_text().splitlines())) > MAX_LINES
    }
    assert long == {}


def test_no_module_of_the_layers_imports_by_string():
    by_string = []
    for path in LAYER_MODULES:
        for node in ast.walk(ast.parse(path.read_text())):
            called = node.func if isinstance(node, ast.Call) else None
            name = getattr(called, "attr", None) or getattr(called, "id", None)
            if name in {"import_module", "__import__"}:
                by_string.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert by_string == []


def test_only_the_local_time_module_applies_the_dst_rule():
    with_fold = [path for path in LAYER_MODULES if "fold=" in path.read_text()]
    assert with_fold == [TIME_MODULE]


def test_the_emulator_imports_nothing_of_the_operator_tools():
    from_tools = []
    for path in _files(ROOT / "local", (".py",)):
        for node in ast.walk(ast.parse(path.read_text())):
            modules = [alias.name for alias in node.names] if isinstance(node, ast.Import) else []
            if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                modules = [node.module]
            from_tools += [f"{path.name}: {m}" for m in modules if m == "tools" or m.startswith("tools.")]
    assert from_tools == []


def test_no_text_of_the_repository_refers_to_an_issue_number():
    pattern = re.compile(r"\bissues? #?\d+\b", re.IGNORECASE)
    suffixes = (".py", ".md", ".yaml", ".toml", ".json", ".txt", ".in", ".cfg")
    found = [
        f"{path.relative_to(ROOT)}: {match.group()}"
        for path in [*_files(ROOT, suffixes), ROOT / "Makefile"]
        for match in pattern.finditer(path.read_text(errors="replace"))
    ]
    assert found == []
