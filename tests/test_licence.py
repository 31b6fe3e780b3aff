"""The licences a teacher relies on: MIT for the code (LICENSE), CC BY 4.0 for the lesson
and homework text and figures (LICENSE-CONTENT), and package metadata that names both."""

import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def test_code_licence_is_the_full_mit_text():
    text = " ".join((ROOT / "LICENSE").read_text().split())
    assert text.startswith("MIT License Copyright (c) ")
    for part in ("Permission is hereby granted, free of charge, to any person obtaining a copy",
                 "The above copyright notice and this permission notice shall be included in all "
                 "copies or substantial portions of the Software.",
                 'THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND'):
        assert part in text


def test_content_licence_names_cc_by_4_and_its_legal_code():
    text = (ROOT / "LICENSE-CONTENT").read_text()
    assert "Creative Commons Attribution 4.0 International Public License" in text
    assert "https://creativecommons.org/licenses/by/4.0/legalcode" in text
    assert "LICENSE" in text and "MIT" in text  # says what it does not cover, and where that is


def test_package_metadata_names_both():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    if "license" not in project:
        pytest.skip("pyproject.toml has no `license` yet (license = \"MIT AND CC-BY-4.0\")")
    assert project["license"] == "MIT AND CC-BY-4.0"
    assert set(project.get("license-files", [])) == {"LICENSE", "LICENSE-CONTENT"}
