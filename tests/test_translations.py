"""The Russian UI: every catalogue is complete, compiled, and in step with the code."""

import shutil
import subprocess
from pathlib import Path

import polib
import pytest

SRC = Path(__file__).resolve().parent.parent / "src" / "metodset"
CATALOGUES = sorted(SRC.glob("**/locale/ru/LC_MESSAGES/django.po"))


def _translated(entry: polib.POEntry) -> bool:
    if entry.msgid_plural:
        return all(entry.msgstr_plural.get(i) for i in range(3))
    return bool(entry.msgstr)


@pytest.mark.parametrize("path", CATALOGUES, ids=lambda p: str(p.relative_to(SRC)))
class TestCatalogue:
    def test_it_translates_every_message(self, path):
        po = polib.pofile(str(path))
        missing = [e.msgid for e in po if not e.obsolete and not _translated(e)]
        fuzzy = [e.msgid for e in po.fuzzy_entries()]
        assert missing == [], f"untranslated in {path}"
        assert fuzzy == [], f"fuzzy in {path}"

    def test_it_ships_a_compiled_catalogue_matching_the_source(self, path):
        mo_path = path.with_suffix(".mo")
        assert mo_path.exists(), f"run `make messages`: {mo_path} is missing"
        compiled = {
            (e.msgctxt, e.msgid): e.msgstr or e.msgstr_plural for e in polib.mofile(str(mo_path))
        }
        source = {
            (e.msgctxt, e.msgid): e.msgstr or e.msgstr_plural
            for e in polib.pofile(str(path))
            if not e.obsolete and _translated(e)
        }
        assert source.items() <= compiled.items(), f"run `make messages`: {mo_path} is stale"


def test_it_gives_every_app_a_catalogue():
    apps = {d.name for d in SRC.iterdir() if (d / "apps.py").exists()}
    with_catalogue = {p.parents[3].name for p in CATALOGUES}
    assert apps - with_catalogue == set()


@pytest.mark.skipif(shutil.which("xgettext") is None, reason="GNU gettext is not installed")
def test_it_has_every_marked_string_in_a_catalogue(tmp_path):
    """Re-extract the messages into a copy of the tree: nothing new may appear."""
    copy = tmp_path / "metodset"
    shutil.copytree(SRC, copy, ignore=shutil.ignore_patterns("__pycache__", "*.mo"))
    env = {"DEBUG": "1", "DJANGO_SETTINGS_MODULE": "metodset.settings", "PATH": "/usr/bin:/bin"}
    django_admin = shutil.which("django-admin") or str(
        Path(__import__("sys").executable).parent / "django-admin"
    )
    stale = {}
    for po_path in sorted(copy.glob("**/locale/ru/LC_MESSAGES/django.po")):
        before = {e.msgid for e in polib.pofile(str(po_path))}
        base = po_path.parents[3]
        args = [django_admin, "makemessages", "-l", "ru", "--ignore", "tests/*"]
        if base == copy:
            args += [f"--ignore={d.name}/*" for d in copy.iterdir() if (d / "apps.py").exists()]
            args += ["--ignore=formats/*"]
        subprocess.run(
            args,
            cwd=base,
            env={**env, "PATH": f"{Path(django_admin).parent}:/usr/bin:/bin"},
            check=True,
            capture_output=True,
        )
        after = {e.msgid for e in polib.pofile(str(po_path)) if not e.obsolete}
        if after - before:
            stale[str(po_path.relative_to(copy))] = sorted(after - before)
    assert stale == {}, f"run `make messages` and translate: {stale}"


def test_no_message_is_translated_two_ways():
    """Django merges all catalogues: a msgid translated differently by two apps would show the
    first app's Russian everywhere (an import column header once read «ФИО» instead of
    «Полное наименование»). Give such messages distinct ids."""
    translations: dict[str, dict[str, str]] = {}
    for path in CATALOGUES:
        for entry in polib.pofile(str(path)):
            if entry.obsolete or entry.msgctxt:
                continue
            text = entry.msgstr or str(sorted(entry.msgstr_plural.items()))
            translations.setdefault(entry.msgid, {})[str(path.relative_to(SRC))] = text
    conflicts = {k: v for k, v in translations.items() if len(set(v.values())) > 1}
    assert conflicts == {}
