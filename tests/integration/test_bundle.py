"""The installer's inputs stay in step with the tree; the bundle itself is built and self-tested
by .ci/run (installer/build.sh, then dist/edo-app/edo-app --self-test)."""

from __future__ import annotations

import re

from tests.oracles import PROJECT

SPEC = PROJECT / "installer" / "edo-app.spec"


def test_every_path_the_spec_bundles_exists() -> None:
    text = SPEC.read_text(encoding="utf-8")
    paths = re.findall(r'ROOT((?: / "[^"]+")+)', text)
    assert len(paths) >= 6, "the spec no longer names its inputs as ROOT / ... paths"
    missing = [p for p in paths if not PROJECT.joinpath(*re.findall(r'"([^"]+)"', p)).exists()]
    assert missing == []


def test_resources_the_app_loads_at_run_time_are_bundled() -> None:
    text = SPEC.read_text(encoding="utf-8")
    for source, target in (('"xsd"', '"xsd"'), ('"resources" / "fonts"', '"resources/fonts"'),
                           ('"edo_app" / "storage" / "migrations"', '"edo_app/storage/migrations"')):
        assert f"(str(ROOT / {source}), {target})" in text


def test_the_windows_installer_packs_the_bundle_and_speaks_russian() -> None:
    iss = (PROJECT / "installer" / "edo-app.iss").read_text(encoding="utf-8")
    assert r'Source: "..\dist\edo-app\*"' in iss
    assert "Russian.isl" in iss and "{autopf}" in iss and "{uninstallexe}" in iss
