"""Run axe-core (installed by `make test` from the npm registry) on the page a test has open."""

import json
import os
from pathlib import Path

import pytest

AXE_JS = Path(__file__).resolve().parent / "axe" / "node_modules" / "axe-core" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def axe_source() -> str:
    if not AXE_JS.exists():
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail("CI=true but axe-core is missing: `make test` installs it with npm")
        pytest.skip("axe-core not installed (make test installs it with npm)")
    return AXE_JS.read_text()


def axe_violations(page) -> list[dict]:
    """The WCAG 2.1 A/AA violations on the open page, each with its rule, impact and targets."""
    page.evaluate(axe_source())
    result = page.evaluate(
        "async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})",
        WCAG_TAGS,
    )
    return [
        {
            "rule": violation["id"],
            "impact": violation["impact"],
            "help": violation["help"],
            "targets": [node["target"] for node in violation["nodes"]][:5],
        }
        for violation in result["violations"]
    ]


def assert_no_violations(page, label: str) -> None:
    violations = axe_violations(page)
    assert not violations, f"axe found WCAG 2.1 A/AA violations on {label}:\n{json.dumps(violations, indent=2)}"
