"""Backup and restore of an installation: the database, the private files and MEDIA_ROOT in
one tar archive, with a manifest of versions and the SHA-256 of every file in it.

The archive (`metodset backup`, docs/operations.md):

    database/metodset.dump      PostgreSQL: pg_dump --format=custom
    database/metodset.sqlite3   SQLite: a copy made with SQLite's online backup API
    database/metodset.fulljson.gz  either: a Django-level dump (no pg_dump, --db-format=django)
    private/<name>              every file of PRIVATE_MEDIA_ROOT
    media/<name>                every file of MEDIA_ROOT (older versions' uploads), if any
    manifest.json               versions, migrations, database engine, checksums

`metodset restore` reads the manifest, extracts every file into a staging folder while
checking its checksum and refuses an archive with a changed, missing or unlisted file before
touching anything; it refuses a database that holds data unless told `--force`, and moves the
folders it replaces aside instead of deleting them.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import platform
import shutil
import sqlite3
import subprocess  # nosec B404
import tarfile
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path, PurePosixPath
from typing import IO

import django
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import serializers
from django.core.management import call_command
from django.db import connection, connections, transaction
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone
from django.utils.translation import gettext as _

FORMAT = "metodset-backup"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
CHUNK = 1024 * 1024
DB_FILES = {
    "pg_dump": "database/metodset.dump",
    "sqlite": "database/metodset.sqlite3",
    "django": "database/metodset.fulljson.gz",
}


class BackupError(Exception):
    """A backup or restore that cannot go on; the message is for the operator, in Russian."""


@dataclass
class BackupResult:
    path: Path
    method: str
    files: int
    size: int


@dataclass
class RestoreResult:
    method: str
    files: int
    moved_aside: list[Path] = field(default_factory=list)
    pending_migrations: list[str] = field(default_factory=list)


# -- what the installation is ---------------------------------------------------------------


def engine() -> str:
    vendor = connection.vendor
    if vendor not in {"postgresql", "sqlite"}:
        raise BackupError(_("Backup supports PostgreSQL and SQLite, not %s.") % vendor)
    return vendor


def app_version() -> str:
    try:
        return metadata.version("metodset")
    except metadata.PackageNotFoundError:  # pragma: no cover: a checkout run without install
        return "unknown"


def applied_migrations() -> dict[str, list[str]]:
    applied: dict[str, list[str]] = {}
    if MigrationRecorder.Migration._meta.db_table not in connection.introspection.table_names():
        return applied
    for app_label, name in MigrationRecorder(connection).applied_migrations():
        applied.setdefault(app_label, []).append(name)
    return {label: sorted(names) for label, names in sorted(applied.items())}


def known_migrations() -> set[tuple[str, str]]:
    return set(MigrationLoader(None, ignore_no_migrations=True).disk_migrations)


def pending_migrations() -> list[str]:
    executor = MigrationExecutor(connection)
    plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    return [f"{migration.app_label}.{migration.name}" for migration, _backwards in plan]


def database_holds_data() -> bool:
    """Migrations alone create no user: an installation with accounts holds real data."""
    user_model = get_user_model()
    if user_model._meta.db_table not in connection.introspection.table_names():
        return False
    return user_model._base_manager.exists()


def private_root() -> Path:
    return Path(settings.PRIVATE_MEDIA_ROOT)


def media_root() -> Path:
    return Path(settings.MEDIA_ROOT)


def _folders() -> dict[str, Path]:
    return {"private": private_root(), "media": media_root()}


def _walk(root: Path) -> Iterator[tuple[str, Path]]:
    """Regular files under root with their names relative to it, in a stable order."""
    if not root.is_dir():
        return
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames.sort()
        for filename in sorted(filenames):
            path = Path(dirpath) / filename
            if path.is_file() and not path.is_symlink():
                yield path.relative_to(root).as_posix(), path


# -- backup ---------------------------------------------------------------------------------


def default_backup_path() -> Path:
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M%S")
    return Path(settings.DATA_DIR) / "backups" / f"metodset-{stamp}.tar"


def _pg_command(binary: str, options: list[str], *, dbname_flag: bool) -> tuple[list, dict]:
    client = connection.client
    args, env = client.settings_to_cmd_args_env(connection.settings_dict, [])
    dbname = args.pop()  # settings_to_cmd_args_env puts the database name last
    args[0] = binary
    args += [*options, "--dbname" if dbname_flag else "", dbname]
    return [a for a in args if a], {**os.environ, **(env or {})}


def _run(args: list[str], env: dict, what: str) -> None:
    # pg_dump or pg_restore as found on PATH, arguments from the settings, never a shell.
    result = subprocess.run(  # noqa: S603  # nosec B603
        args, env=env, capture_output=True, text=True, check=False
    )
    if result.returncode != 0:
        raise BackupError(
            _("%(what)s failed (exit code %(code)s): %(error)s")
            % {"what": what, "code": result.returncode, "error": result.stderr.strip()[-2000:]}
        )


def _dump_database(target: Path, db_format: str) -> tuple[str, dict]:
    """Write the database into target/database/; return the method and its facts."""
    vendor = engine()
    (target / "database").mkdir(parents=True)
    facts: dict = {"engine": vendor}
    if vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SHOW server_version")
            facts["server_version"] = cursor.fetchone()[0]
    else:
        facts["server_version"] = sqlite3.sqlite_version
    pg_dump = shutil.which("pg_dump")
    if db_format == "native" and vendor == "postgresql" and pg_dump:
        method = "pg_dump"
        facts["pg_dump"] = subprocess.run(  # noqa: S603
            [pg_dump, "--version"], capture_output=True, text=True, check=False
        ).stdout.strip()
        args, env = _pg_command(
            pg_dump,
            [
                "--format=custom",
                "--no-owner",
                "--no-privileges",
                f"--file={target / DB_FILES[method]}",
            ],
            dbname_flag=False,
        )
        _run(args, env, "pg_dump")
    elif db_format == "native" and vendor == "sqlite":
        method = "sqlite"
        source = sqlite3.connect(connection.settings_dict["NAME"])
        copy = sqlite3.connect(target / DB_FILES[method])
        try:
            with copy:
                source.backup(copy)
        finally:
            copy.close()
            source.close()
    else:
        method = "django"
        # Every row of every model through the base managers (--all), whatever the manager
        # of a model filters; natural keys are not used, so content types keep their ids.
        # (dumpdata compresses by the .gz of the name; loaddata reads it back the same way;
        # "fulljson" is Django's JSON with datetimes to the microsecond.)
        serializers.register_serializer("fulljson", "metodset.core.fulljson")
        call_command(
            "dumpdata",
            all=True,
            format="fulljson",
            output=str(target / DB_FILES[method]),
            verbosity=0,
        )
    facts["method"] = method
    facts["file"] = DB_FILES[method]
    return method, facts


class _HashingReader:
    """A file read once: into the archive and through SHA-256 at the same time."""

    def __init__(self, stream: IO[bytes]):
        self.stream = stream
        self.digest = hashlib.sha256()

    def read(self, size: int = -1) -> bytes:
        data = self.stream.read(size)
        self.digest.update(data)
        return data


def _add(archive: tarfile.TarFile, name: str, path: Path, manifest: dict) -> None:
    info = archive.gettarinfo(str(path), arcname=name)
    info.uid = info.gid = 0
    info.uname = info.gname = ""
    info.mode = 0o600
    with path.open("rb") as stream:
        reader = _HashingReader(stream)
        archive.addfile(info, reader)  # type: ignore[arg-type]
    manifest["files"][name] = {"sha256": reader.digest.hexdigest(), "size": info.size}


def backup_create(output: Path | None = None, *, db_format: str = "native") -> BackupResult:
    """Write the database, the private files and MEDIA_ROOT into one archive at `output`."""
    if db_format not in {"native", "django"}:
        raise BackupError(_("Unknown database format: %s.") % db_format)
    output = Path(output) if output else default_backup_path()
    for folder in _folders().values():
        if output.resolve().is_relative_to(folder.resolve()):
            raise BackupError(
                _("The archive may not be written inside %s: it would back up itself.") % folder
            )
    output.parent.mkdir(parents=True, exist_ok=True)
    manifest: dict = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "created_at": timezone.now().isoformat(),
        "versions": {
            "metodset": app_version(),
            "django": django.get_version(),
            "python": platform.python_version(),
        },
        "migrations": applied_migrations(),
        "folders": {},
        "files": {},
    }
    partial = output.with_name(output.name + ".partial")
    # Readable by the owner only from its first byte: it holds personal data.
    descriptor = os.open(partial, os.O_CREAT | os.O_WRONLY | os.O_TRUNC, 0o600)
    try:
        with (
            os.fdopen(descriptor, "wb") as stream,
            tempfile.TemporaryDirectory(dir=output.parent, prefix=".metodset-backup-") as tmp,
        ):
            method, manifest["database"] = _dump_database(Path(tmp), db_format)
            with tarfile.open(fileobj=stream, mode="w", format=tarfile.PAX_FORMAT) as archive:
                _add(archive, DB_FILES[method], Path(tmp) / DB_FILES[method], manifest)
                for section, root in _folders().items():
                    count = 0
                    for relative, path in _walk(root):
                        _add(archive, f"{section}/{relative}", path, manifest)
                        count += 1
                    manifest["folders"][section] = count
                data = json.dumps(manifest, ensure_ascii=False, indent=2, sort_keys=True).encode()
                info = tarfile.TarInfo(MANIFEST)
                info.size = len(data)
                info.mode = 0o600
                info.mtime = int(timezone.now().timestamp())
                archive.addfile(info, io.BytesIO(data))
        partial.replace(output)
    finally:
        partial.unlink(missing_ok=True)
    return BackupResult(
        path=output,
        method=method,
        files=sum(manifest["folders"].values()),
        size=output.stat().st_size,
    )


# -- restore --------------------------------------------------------------------------------


def _read_manifest(archive: tarfile.TarFile) -> dict:
    try:
        member = archive.getmember(MANIFEST)
        stream = archive.extractfile(member)
        manifest = json.loads(stream.read()) if stream else None
    except (KeyError, ValueError):
        manifest = None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise BackupError(
            _("This is not a Metodset backup or it is incomplete: %s is missing or unreadable.")
            % MANIFEST
        )
    if manifest.get("format_version") != FORMAT_VERSION:
        raise BackupError(
            _("The archive has format version %(found)s; this version of Metodset reads %(ours)s.")
            % {"found": manifest.get("format_version"), "ours": FORMAT_VERSION}
        )
    return manifest


def _safe_name(name: str) -> bool:
    path = PurePosixPath(name)
    return (
        not path.is_absolute()
        and ".." not in path.parts
        and len(path.parts) >= 2
        and path.parts[0] in {"database", "private", "media"}
    )


def _extract_verified(archive: tarfile.TarFile, manifest: dict, staging: Path) -> None:
    """Every member into staging, checked against the manifest on the way; any difference
    raises before the installation is touched."""
    expected: dict[str, dict] = manifest.get("files") or {}
    seen: set[str] = set()
    for member in archive:
        if member.name == MANIFEST or (member.isdir() and _safe_name(member.name + "/x")):
            continue
        if not member.isfile() or not _safe_name(member.name) or member.name not in expected:
            raise BackupError(
                _("The archive holds %s, which its manifest does not list: it has been altered.")
                % member.name
            )
        if member.name in seen:
            raise BackupError(_("The archive holds %s twice: it has been altered.") % member.name)
        seen.add(member.name)
        target = staging / member.name
        target.parent.mkdir(parents=True, exist_ok=True)
        digest = hashlib.sha256()
        size = 0
        source = archive.extractfile(member)
        if source is None:  # pragma: no cover: a regular file, checked above
            raise BackupError(_("The archive is damaged: %s cannot be read.") % member.name)
        with target.open("wb") as out:
            while chunk := source.read(CHUNK):
                digest.update(chunk)
                size += len(chunk)
                out.write(chunk)
        entry = expected[member.name]
        if digest.hexdigest() != entry.get("sha256") or size != entry.get("size"):
            raise BackupError(
                _(
                    "The checksum of %s does not match the manifest: the archive is damaged "
                    "or has been altered. Nothing was restored."
                )
                % member.name
            )
    missing = sorted(set(expected) - seen)
    if missing:
        raise BackupError(
            _("The archive is incomplete: %(count)s files of the manifest are missing (%(names)s).")
            % {"count": len(missing), "names": ", ".join(missing[:5])}
        )


def _check_compatible(manifest: dict, *, force: bool) -> str:
    database = manifest.get("database") or {}
    method = database.get("method")
    if (
        method not in DB_FILES
        or database.get("file") != DB_FILES[method]
        or DB_FILES[method] not in (manifest.get("files") or {})
    ):
        raise BackupError(_("The manifest does not name a database dump Metodset can restore."))
    vendor = engine()
    if method != "django" and database.get("engine") != vendor:
        raise BackupError(
            _(
                "The archive holds a %(theirs)s database, but this installation uses %(ours)s. "
                "Make a portable copy with `metodset backup --db-format=django` to move "
                "between them."
            )
            % {"theirs": database.get("engine"), "ours": vendor}
        )
    archived = {
        (label, name)
        for label, names in (manifest.get("migrations") or {}).items()
        for name in names
    }
    unknown = sorted(archived - known_migrations())
    if unknown:
        raise BackupError(
            _(
                "The archive was made by a newer version of Metodset (%(version)s): this one "
                "does not know its migrations %(names)s. Install that version or a newer one."
            )
            % {
                "version": (manifest.get("versions") or {}).get("metodset", "?"),
                "names": ", ".join(".".join(m) for m in unknown[:5]),
            }
        )
    if method == "pg_dump" and not shutil.which("pg_restore"):
        raise BackupError(
            _("pg_restore is not installed: install the PostgreSQL client (postgresql-client).")
        )
    if database_holds_data() and not force:
        raise BackupError(
            _(
                "The database already holds data (user accounts). Restoring replaces all of it: "
                "make a backup of it first, then run the restore again with --force."
            )
        )
    return method


def _restore_sqlite(dump: Path) -> None:
    name = connection.settings_dict["NAME"]
    connections.close_all()
    source = sqlite3.connect(dump)
    target = sqlite3.connect(name, timeout=30)
    try:
        # Page by page into the live file: other processes wait for the lock, then see the
        # restored database whole.
        source.backup(target)
    finally:
        target.close()
        source.close()


def _drop_all_tables() -> None:
    with transaction.atomic(), connection.cursor() as cursor:
        for table in connection.introspection.table_names(include_views=False):
            cursor.execute(f"DROP TABLE IF EXISTS {connection.ops.quote_name(table)} CASCADE")


def _restore_pg_dump(dump: Path) -> None:
    pg_restore = shutil.which("pg_restore") or "pg_restore"
    _drop_all_tables()
    connections.close_all()
    args, env = _pg_command(
        pg_restore,
        ["--no-owner", "--no-privileges", "--single-transaction", "--exit-on-error"],
        dbname_flag=True,
    )
    _run([*args, str(dump)], env, "pg_restore")


def _restore_django(dump: Path, manifest: dict) -> None:
    archived = manifest.get("migrations") or {}
    if not applied_migrations():
        call_command("migrate", interactive=False, verbosity=0)
    if applied_migrations() != archived:
        raise BackupError(
            _(
                "A portable (Django-level) copy is restored into a database at the same "
                "migrations as the archive. Restore into an empty database of the version "
                "%s, then upgrade."
            )
            % (manifest.get("versions") or {}).get("metodset", "?")
        )
    serializers.register_serializer("fulljson", "metodset.core.fulljson")
    call_command("flush", interactive=False, inhibit_post_migrate=True, verbosity=0)
    call_command("loaddata", str(dump), verbosity=0)


def _replace_folder(staged: Path, root: Path, stamp: str) -> Path | None:
    """Put the staged folder where root is; the old one is moved aside, never deleted."""
    moved = None
    if root.exists() and any(root.iterdir()):
        moved = root.with_name(f"{root.name}.before-restore-{stamp}")
        shutil.move(str(root), str(moved))
    elif root.exists():
        root.rmdir()
    root.parent.mkdir(parents=True, exist_ok=True)
    if staged.exists():
        shutil.move(str(staged), str(root))
    else:
        root.mkdir()
    return moved


def backup_restore(path: Path, *, force: bool = False) -> RestoreResult:
    """Restore the database and the folders from an archive made by `backup_create`."""
    path = Path(path)
    if not path.is_file():
        raise BackupError(_("No archive at %s.") % path)
    try:
        archive = tarfile.open(path, "r:*")  # noqa: SIM115 (closed by the with below)
    except tarfile.TarError as error:
        raise BackupError(
            _("%(path)s is not a readable archive: %(error)s")
            % {
                "path": path,
                "error": error,
            }
        ) from error
    parent = private_root().resolve().parent
    parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(dir=parent, prefix=".metodset-restore-"))
    try:
        with archive:
            manifest = _read_manifest(archive)
            try:
                _extract_verified(archive, manifest, staging)
            except (tarfile.TarError, OSError, EOFError) as error:
                raise BackupError(
                    _("The archive is damaged or incomplete: %s. Nothing was restored.") % error
                ) from error
        method = _check_compatible(manifest, force=force)
        dump = staging / DB_FILES[method]
        if method == "sqlite":
            _restore_sqlite(dump)
        elif method == "pg_dump":
            _restore_pg_dump(dump)
        else:
            _restore_django(dump, manifest)
        stamp = timezone.localtime().strftime("%Y%m%d-%H%M%S")
        moved = []
        for section, root in _folders().items():
            if section not in (manifest.get("folders") or {}):
                continue
            aside = _replace_folder(staging / section, root, stamp)
            if aside:
                moved.append(aside)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return RestoreResult(
        method=method,
        files=sum((manifest.get("folders") or {}).values()),
        moved_aside=moved,
        pending_migrations=pending_migrations(),
    )
