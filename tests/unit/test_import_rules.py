"""The import direction of DESIGN.md, checked over the source with ast."""

from __future__ import annotations

import ast
from pathlib import Path

from tests.oracles import PROJECT

BASE = {"edo_app.errors", "edo_app.config", "edo_app.xmlio", "edo_app.fileio", "edo_app.model", "edo_app.sqlprep"}
DOMAIN = {"documents", "schemas", "crypto", "poa", "storage", "printing", "transport"}
ALLOWED_SIBLINGS = {("poa", "crypto.certificates"), ("printing", "documents")}
UI_ALLOWED = ("edo_app.services", "edo_app.model", "edo_app.errors", "edo_app.config", "edo_app.documents")


def _imports(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.extend(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.append(node.module)
    return found


def _layer(module: str) -> str:
    parts = module.split(".")
    if len(parts) < 2 or ".".join(parts[:2]) in BASE:  # edo_app/__init__ is base too
        return "base"
    return parts[1]


def _is_base(target: str) -> bool:
    return target == "edo_app" or any(target == b or target.startswith(b + ".") for b in BASE)


def _violation(src_layer: str, target: str) -> bool:
    if not target.startswith("edo_app.") or _is_base(target):
        return False
    if src_layer == "base":
        return True
    rest = target.removeprefix("edo_app.")
    dst = rest.split(".")[0]
    if src_layer in DOMAIN:
        sibling_ok = any(src_layer == s and rest.startswith(d) for s, d in ALLOWED_SIBLINGS)
        return dst != src_layer and not sibling_ok
    allowed = {"services": DOMAIN | {"services"}, "cli": {"services", "cli"}}
    return dst not in allowed.get(src_layer, {dst})


def _modules(package: str) -> list[tuple[str, Path]]:
    root = PROJECT / package
    return [
        (".".join(p.relative_to(PROJECT).with_suffix("").parts).removesuffix(".__init__"), p)
        for p in sorted(root.rglob("*.py"))
    ]


def test_core_never_imports_qt_or_ui() -> None:
    bad = [
        f"{mod}: {imp}"
        for mod, path in _modules("edo_app")
        for imp in _imports(path)
        if imp.split(".")[0] in {"PySide6", "PyQt5", "PyQt6", "shiboken6", "ui"}
    ]
    assert bad == []


def test_core_layers_point_one_way() -> None:
    bad = [
        f"{mod} imports {imp}"
        for mod, path in _modules("edo_app")
        for imp in _imports(path)
        if _violation(_layer(mod), imp)
    ]
    assert bad == []


def test_ui_uses_only_the_published_core() -> None:
    bad = [
        f"{mod} imports {imp}"
        for mod, path in _modules("ui")
        for imp in _imports(path)
        if imp.startswith("edo_app.") and not imp.startswith(UI_ALLOWED)
    ]
    assert bad == []


def test_the_checker_sees_a_violation() -> None:
    assert _violation("schemas", "edo_app.storage.repository")
    assert _violation("base", "edo_app.services.drafts")
    assert not _violation("poa", "edo_app.crypto.certificates")
    assert not _violation("services", "edo_app.storage.repository")
