"""Backup and restore drill: a site with content is exported, then restored into a fresh
database and fresh storage; row counts and file checksums must be equal.

Runs `manage.py` in subprocesses against real databases (a SQLite file, or PostgreSQL when the
suite runs on it), because the restore needs a second, independent database.
"""

import json
import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from django.conf import settings

pytestmark = pytest.mark.slow
ROOT = Path(__file__).resolve().parents[2]


def manage(env: dict, *args: str) -> str:
    result = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
    )
    assert result.returncode == 0, f"manage.py {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}"
    return result.stdout


@pytest.fixture
def site_env(tmp_path):
    """Two independent sites: `source` and a fresh `target` (database + both storages)."""
    created: list[str] = []

    def make(name: str) -> dict:
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "awardsite.settings.dev",
            "MEDIA_ROOT": str(tmp_path / name / "media"),
            "PRIVATE_MEDIA_ROOT": str(tmp_path / name / "private"),
            "TASK_BACKEND": "immediate",
        }
        env.pop("REDIS_URL", None)
        if settings.DATABASE_IS_POSTGRES:
            import psycopg

            db = f"soda_drill_{name}_{uuid.uuid4().hex[:8]}"
            admin = settings.DATABASES["default"]
            conninfo = (
                f"host={admin['HOST'] or '127.0.0.1'} port={admin['PORT'] or 5432} user={admin['USER']} dbname=postgres"
            )
            with psycopg.connect(conninfo, autocommit=True) as connection:
                connection.execute(f'CREATE DATABASE "{db}"')
            created.append(db)
            env["DATABASE_URL"] = (
                f"postgres://{admin['USER']}@{admin['HOST'] or '127.0.0.1'}:{admin['PORT'] or 5432}/{db}"
            )
        else:
            env["DATABASE_URL"] = f"sqlite:///{tmp_path / name / 'db.sqlite3'}"
            (tmp_path / name).mkdir()
        return env

    yield make
    if created:
        import psycopg

        admin = settings.DATABASES["default"]
        conninfo = (
            f"host={admin['HOST'] or '127.0.0.1'} port={admin['PORT'] or 5432} user={admin['USER']} dbname=postgres"
        )
        with psycopg.connect(conninfo, autocommit=True) as connection:
            for db in created:
                connection.execute(f'DROP DATABASE IF EXISTS "{db}" WITH (FORCE)')


def test_backup_restores_into_fresh_database_and_storage_with_equal_counts_and_checksums(site_env, tmp_path):
    source = site_env("source")
    manage(source, "migrate", "--noinput", "-v0")
    manage(source, "load_demo")
    # A private and a public file, so both storages take part in the drill.
    private_file = Path(source["PRIVATE_MEDIA_ROOT"]) / "entries" / "drill" / "attachment.pdf"
    private_file.parent.mkdir(parents=True)
    private_file.write_bytes(b"%PDF-1.7\n% drill\n")
    public_file = Path(source["MEDIA_ROOT"]) / "documents" / "drill.txt"
    public_file.parent.mkdir(parents=True)
    public_file.write_text("openbaar bestand voor de hersteloefening\n")
    before = json.loads(manage(source, "site_inventory"))
    assert sum(before["rows"].values()) > 50, "the drill needs a site with content"
    assert before["files"]["private"] and before["files"]["default"]

    archive = tmp_path / "backup.tar.gz"
    manage(source, "backup_site", str(archive))

    target = site_env("target")
    manage(target, "migrate", "--noinput", "-v0")
    manage(target, "restore_site", str(archive))
    after = json.loads(manage(target, "site_inventory"))

    assert after["rows"] == before["rows"]
    assert after["files"] == before["files"]


def test_restore_refuses_a_database_that_already_holds_entries(site_env, tmp_path):
    source = site_env("full")
    manage(source, "migrate", "--noinput", "-v0")
    manage(source, "load_demo")
    archive = tmp_path / "backup.tar.gz"
    manage(source, "backup_site", str(archive))
    result = subprocess.run(
        [sys.executable, "manage.py", "restore_site", str(archive)],
        cwd=ROOT,
        env=source,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0
    assert "already holds entries" in result.stderr
