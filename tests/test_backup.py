"""`metodset backup` and `metodset restore`: a round trip gives back every row of every table
and every file; a changed, incomplete or foreign archive and a database that holds data are
refused with a Russian message before anything changes.

Runs on the suite's database: SQLite locally, PostgreSQL in CI (pg_dump and pg_restore are
required there: METODSET_REQUIRE_PG_TOOLS=1).
"""

import hashlib
import io
import json
import os
import shutil
import tarfile
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.db import connection

from metodset.accounts.tests.factories import UserFactory
from metodset.core.backup import backup_create
from metodset.people.models import Teacher

# Every test writes and replaces the database as another process would: no test transaction;
# the rows the migrations create (consent texts) are put back before each test.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

POSTGRESQL = connection.vendor == "postgresql"
HAS_PG_TOOLS = bool(shutil.which("pg_dump") and shutil.which("pg_restore"))


def _plain(value):
    return bytes(value) if isinstance(value, memoryview) else value


def table_digests() -> dict[str, tuple[int, str]]:
    """Per table: the row count and a hash of its rows (in a stable order)."""
    digests = {}
    with connection.cursor() as cursor:
        for table in sorted(connection.introspection.table_names(include_views=False)):
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")  # noqa: S608
            rows = sorted(repr(tuple(_plain(v) for v in row)) for row in cursor.fetchall())
            digests[table] = (len(rows), hashlib.sha256("\n".join(rows).encode()).hexdigest())
    return digests


def file_digests(root: Path) -> dict[str, str]:
    return {
        path.relative_to(root).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


@pytest.fixture(scope="class")
def _serialized_start(django_db_setup, django_db_blocker):
    """serialized_rollback puts back the rows the migrations left, content types and
    permissions under their first ids. A transactional test that ran earlier on this worker
    (an end-to-end one) flushed the database and let post_migrate create them again under
    other ids, which collide with those. Start the class without them."""
    from django.contrib.auth.models import Permission
    from django.contrib.contenttypes.models import ContentType

    with django_db_blocker.unblock():
        Permission.objects.all().delete()
        ContentType.objects.all().delete()
        ContentType.objects.clear_cache()


@pytest.fixture
def installation(world):
    """The shared world (with its uploaded files) and a file left in MEDIA_ROOT by an
    earlier version."""
    old = Path(settings.MEDIA_ROOT) / "orders" / "2019" / "приказ.pdf"
    old.parent.mkdir(parents=True)
    old.write_bytes(b"%PDF-1.4 old upload")
    assert file_digests(Path(settings.PRIVATE_MEDIA_ROOT))  # the world uploads files
    return world


def _backup(tmp_path, *args) -> Path:
    path = tmp_path / "backups" / "b.tar"
    call_command("backup", "--output", str(path), *args, stdout=io.StringIO())
    return path


def _members(path: Path) -> dict[str, bytes]:
    with tarfile.open(path) as archive:
        return {
            m.name: archive.extractfile(m).read()  # type: ignore[union-attr]
            for m in archive.getmembers()
            if m.isfile()
        }


def _write(path: Path, members: dict[str, bytes]) -> None:
    with tarfile.open(path, "w") as archive:
        for name, data in members.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))


def _db_format(param: str) -> list[str]:
    if param == "native" and POSTGRESQL and not HAS_PG_TOOLS:
        if os.environ.get("METODSET_REQUIRE_PG_TOOLS"):
            pytest.fail("pg_dump and pg_restore are required (METODSET_REQUIRE_PG_TOOLS)")
        pytest.skip("pg_dump/pg_restore are not installed: the native PostgreSQL dump is untested")
    return ["--db-format", param]


# One worker runs the class from start to end, after the clean-up above.
@pytest.mark.xdist_group("backup")
@pytest.mark.usefixtures("_serialized_start")
class TestRoundTrip:
    @pytest.mark.parametrize("db_format", ["native", "django"])
    def test_it_gives_back_every_table_and_every_file(self, installation, tmp_path, db_format):
        options = _db_format(db_format)
        private, media = Path(settings.PRIVATE_MEDIA_ROOT), Path(settings.MEDIA_ROOT)
        tables, private_files, media_files = (
            table_digests(),
            file_digests(private),
            file_digests(media),
        )
        archive = _backup(tmp_path, *options)

        manifest = json.loads(_members(archive)["manifest.json"])
        expected_method = {"native": "pg_dump" if POSTGRESQL else "sqlite", "django": "django"}
        assert manifest["database"]["method"] == expected_method[db_format]
        assert manifest["database"]["engine"] == connection.vendor
        assert manifest["versions"]["django"]
        assert manifest["migrations"]["core"]
        assert manifest["folders"] == {"private": len(private_files), "media": 1}
        assert len(manifest["files"]) == len(private_files) + 1 + 1  # and the database

        # Life goes on after the backup: rows change, files come and go.
        UserFactory()
        Teacher.objects.update(last_name="Изменено")
        first = sorted(private_files)[0]
        (private / first).unlink()
        (private / "stray.txt").write_text("after the backup")

        out = io.StringIO()
        call_command("restore", str(archive), "--force", stdout=out)

        assert table_digests() == tables
        assert file_digests(private) == private_files
        assert file_digests(media) == media_files
        assert "Восстановлено" in out.getvalue()
        # The replaced folder is kept aside, not deleted.
        aside = list(private.parent.glob("private.before-restore-*"))
        assert len(aside) == 1
        assert (aside[0] / "stray.txt").exists()
        # The restored database takes new rows (its sequences came back too).
        UserFactory()

    def test_an_empty_installation_is_restored_without_force(self, installation, tmp_path):
        tables = table_digests()
        archive = _backup(tmp_path)
        call_command("flush", interactive=False, verbosity=0)
        call_command("restore", str(archive), stdout=io.StringIO())
        assert table_digests() == tables


# A refused archive changes nothing, so these run in the test's transaction (quicker); the
# archive, written by another connection, then holds the rows the migrations made.
@pytest.mark.django_db
class TestRefusals:
    def _refused(self, archive, *args) -> str:
        with pytest.raises(CommandError) as error:
            call_command("restore", str(archive), *args, stdout=io.StringIO())
        return str(error.value)

    def test_it_refuses_a_database_that_holds_data_without_force(self, installation, tmp_path):
        archive = _backup(tmp_path)
        UserFactory(email="later@example.ru")
        message = self._refused(archive)
        assert "уже есть данные" in message
        assert "--force" in message
        assert UserFactory._meta.model.objects.filter(email="later@example.ru").exists()

    def test_it_refuses_a_changed_file(self, installation, tmp_path):
        archive = _backup(tmp_path)
        members = _members(archive)
        name = next(n for n in members if n.startswith("private/"))
        members[name] = b"X" + members[name][1:]  # same size, other content
        _write(archive, members)
        private_before = file_digests(Path(settings.PRIVATE_MEDIA_ROOT))
        tables = table_digests()
        message = self._refused(archive, "--force")
        assert "Контрольная сумма" in message
        assert name in message
        assert table_digests() == tables
        assert file_digests(Path(settings.PRIVATE_MEDIA_ROOT)) == private_before

    def test_it_refuses_a_changed_database_dump(self, installation, tmp_path):
        archive = _backup(tmp_path)
        members = _members(archive)
        name = next(n for n in members if n.startswith("database/"))
        members[name] = members[name][:-1] + bytes([members[name][-1] ^ 1])
        _write(archive, members)
        assert "Контрольная сумма" in self._refused(archive, "--force")

    def test_it_refuses_an_incomplete_archive(self, installation, tmp_path):
        archive = _backup(tmp_path)
        members = _members(archive)
        del members[next(n for n in members if n.startswith("private/"))]
        _write(archive, members)
        assert "неполон" in self._refused(archive, "--force")

    def test_it_refuses_a_file_the_manifest_does_not_list(self, installation, tmp_path):
        archive = _backup(tmp_path)
        members = _members(archive) | {"private/extra.pdf": b"%PDF-1.4 smuggled"}
        _write(archive, members)
        assert "не перечислен" in self._refused(archive, "--force")

    def test_it_refuses_a_path_outside_its_folders(self, installation, tmp_path):
        archive = _backup(tmp_path)
        members = _members(archive) | {"../escape.txt": b"x"}
        _write(archive, members)
        self._refused(archive, "--force")
        assert not (tmp_path / "escape.txt").exists()

    def test_it_refuses_a_manifest_without_its_database(self, installation, tmp_path):
        archive = _backup(tmp_path)
        members = _members(archive)
        manifest = json.loads(members["manifest.json"])
        dump = manifest["database"]["file"]
        del manifest["files"][dump], members[dump]
        members["manifest.json"] = json.dumps(manifest).encode()
        _write(archive, members)
        assert "дамп базы данных" in self._refused(archive, "--force")

    def test_it_refuses_a_tar_without_manifest(self, db, tmp_path):
        archive = tmp_path / "other.tar"
        _write(archive, {"private/a.txt": b"a"})
        assert "manifest.json" in self._refused(archive)

    def test_it_refuses_what_is_not_an_archive(self, db, tmp_path):
        archive = tmp_path / "notes.tar"
        archive.write_text("just text")
        assert "не архив" in self._refused(archive)

    def test_it_refuses_an_archive_of_a_newer_version(self, installation, tmp_path):
        archive = _backup(tmp_path)
        members = _members(archive)
        manifest = json.loads(members["manifest.json"])
        manifest["migrations"]["core"].append("9999_from_the_future")
        members["manifest.json"] = json.dumps(manifest).encode()
        _write(archive, members)
        assert "более новой версией" in self._refused(archive, "--force")

    def test_it_refuses_another_engines_native_dump(self, installation, tmp_path):
        archive = _backup(tmp_path)
        members = _members(archive)
        manifest = json.loads(members["manifest.json"])
        if manifest["database"]["method"] == "django":
            pytest.skip("a Django-level dump moves between engines")
        manifest["database"]["engine"] = "sqlite" if POSTGRESQL else "postgresql"
        members["manifest.json"] = json.dumps(manifest).encode()
        _write(archive, members)
        assert "--db-format=django" in self._refused(archive, "--force")


@pytest.mark.django_db
class TestBackup:
    def test_it_will_not_write_into_the_folders_it_backs_up(self, db, tmp_path):
        with pytest.raises(CommandError, match="внутри"):
            call_command("backup", "--output", str(Path(settings.PRIVATE_MEDIA_ROOT) / "b.tar"))

    def test_the_archive_is_private_to_its_owner(self, db, tmp_path):
        result = backup_create(tmp_path / "b.tar")
        assert result.path.stat().st_mode & 0o077 == 0
