"""House rules that keep the code readable: small functions and classes, no reaching into
another module's private names, no Streamlit in the library."""
import ast
from pathlib import Path

import pytest

from conftest import ROOT

SOURCES = sorted([*(ROOT / "geo").rglob("*.py"), *(ROOT / "dashboard").rglob("*.py")])
MAX_FUNCTION_LINES, MAX_CLASS_LINES = 60, 200


def _tree(path: Path) -> ast.Module:
    return ast.parse(path.read_text(encoding="utf-8"))


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: str(p.relative_to(ROOT)))
def test_functions_and_classes_stay_small(path):
    too_long = []
    for node in ast.walk(_tree(path)):
        limit = MAX_CLASS_LINES if isinstance(node, ast.ClassDef) else MAX_FUNCTION_LINES
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            if node.end_lineno - node.lineno + 1 > limit:
                too_long.append(f"{node.name}: {node.end_lineno - node.lineno + 1} lines")
    assert not too_long


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: str(p.relative_to(ROOT)))
def test_no_private_names_of_our_other_modules(path):
    used = []
    for node in ast.walk(_tree(path)):
        if isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] in ("geo", "dashboard", ""):
            used += [a.name for a in node.names if a.name.startswith("_")]
        if isinstance(node, ast.Attribute) and node.attr.startswith("_") and not node.attr.startswith("__") \
                and isinstance(node.value, ast.Name) and node.value.id not in ("self", "cls"):
            used.append(f"{node.value.id}.{node.attr}")
    assert not used


def test_the_library_does_not_import_streamlit():
    for path in (ROOT / "geo").rglob("*.py"):
        for node in ast.walk(_tree(path)):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else \
                [node.module or ""] if isinstance(node, ast.ImportFrom) else []
            assert not any(n.split(".")[0] in ("streamlit", "streamlit_folium") for n in names), path
