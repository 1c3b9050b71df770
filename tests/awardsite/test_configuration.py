"""Every environment variable the settings read is documented in .env.example and docs/configuration.md."""

import re

from django.conf import settings

ROOT = settings.BASE_DIR
READ = re.compile(r"env(?:_bool|_list)?\(\s*\"([A-Z][A-Z0-9_]+)\"")


def _variables_read_by_settings() -> set[str]:
    names = set()
    for path in (ROOT / "awardsite" / "settings").glob("*.py"):
        names |= set(READ.findall(path.read_text()))
    return names


def test_settings_read_the_documented_variables():
    assert {"SECRET_KEY", "DATABASE_URL", "REDIS_URL", "TASK_BACKEND"} <= _variables_read_by_settings()


def test_every_variable_is_in_env_example():
    example = (ROOT / ".env.example").read_text()
    missing = sorted(name for name in _variables_read_by_settings() if not re.search(rf"^#? ?{name}=", example, re.M))
    assert missing == [], f"add to .env.example: {missing}"


def test_every_variable_is_in_the_configuration_table():
    table = (ROOT / "docs" / "configuration.md").read_text()
    missing = sorted(name for name in _variables_read_by_settings() if f"`{name}`" not in table)
    assert missing == [], f"add to docs/configuration.md: {missing}"
