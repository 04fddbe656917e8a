"""Row-by-row checking and the all-or-nothing write of an import.

`plan()` understands the sheet (layout.py: the header row, what each column
means, the methodist's own choices), then decides every row's outcome (new,
update, unchanged, error with the column and the reason) without writing anything;
`apply()` writes a plan with no errors in one transaction. Matching keys, so
that re-importing the same file changes nothing:
- teachers: e-mail if given, otherwise last name + first name + patronymic + date of birth;
- organisations: the full name.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import translation
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from metodset.core.models import Municipality
from metodset.imports import synonyms
from metodset.imports.columns import (
    BIAS_COLUMNS,
    ORGANISATION_COLUMNS,
    RESULT_COLUMNS,
    TEACHER_COLUMNS,
    Column,
)
from metodset.imports.layout import Layout, Reader
from metodset.imports.names import gender_from_patronymic
from metodset.imports.reading import Sheet
from metodset.orgs.models import Organisation
from metodset.people.models import Subject, Teacher
from metodset.schools.models import BiasFlag, Result

NEW, UPDATE, UNCHANGED, ERROR = "new", "update", "unchanged", "error"
BATCH = 1000


@dataclass
class Row:
    number: int
    outcome: str
    label: str
    errors: list[tuple[str, str]] = field(default_factory=list)
    instance: models.Model | None = None
    changed: list[str] = field(default_factory=list)
    subjects: list[str] | None = None


@dataclass
class ImportPlan:
    rows: list[Row]
    file_errors: list[str]
    layout: Layout

    @property
    def counts(self) -> dict[str, int]:
        counts = dict.fromkeys((NEW, UPDATE, UNCHANGED, ERROR), 0)
        for row in self.rows:
            counts[row.outcome] += 1
        return counts

    @property
    def valid(self) -> bool:
        return not self.file_errors and not any(r.outcome == ERROR for r in self.rows)


class Importer:
    columns: list[Column]
    synonyms: dict[str, tuple[str, ...]]
    derivable: dict[str, tuple[str, ...]] = {}
    model: type[models.Model]
    exclude_from_clean: list[str] = ["municipality"]

    def __init__(self, municipality: Municipality, user):
        self.municipality = municipality
        self.user = user

    @classmethod
    def reader(cls) -> Reader:
        return Reader(cls.columns, cls.synonyms, cls.derivable)

    def key(self, values: dict) -> tuple:
        raise NotImplementedError

    def existing(self, key: tuple):
        raise NotImplementedError

    def label(self, values: dict) -> str:
        raise NotImplementedError

    def resolve(self, values: dict, errors: list[tuple[str, str]], titles: dict) -> None:
        """Turn names into related objects (organisation); add errors for what is unknown."""

    def plan(
        self,
        sheet: Sheet,
        progress: Callable[[int], None] | None = None,
        overrides: dict | None = None,
    ) -> ImportPlan:
        layout = self.reader().read(sheet.rows, overrides)
        if layout.missing:
            by_field = {c.field: c for c in self.columns}
            with translation.override("ru"):
                missing = ", ".join(str(by_field[f].header) for f in layout.missing)
            return ImportPlan(
                [], [_("Required columns are missing: %(columns)s.") % {"columns": missing}], layout
            )
        used = [
            (use, next(c for c in self.columns if c.field == use.field)) for use in layout.used()
        ]
        # Errors name a field's column as the file does («Д.р.»), else as the template does.
        with translation.override("ru"):
            titles = {c.field: str(c.header) for c in self.columns}
        for use, column in used:
            titles |= dict.fromkeys((column.field, *column.provides), use.title)
        rows: list[Row] = []
        seen: dict[tuple, int] = {}
        for position, (number, cells) in enumerate(layout.body, start=1):
            rows.append(self._plan_row(number, cells, used, titles, seen))
            if progress and position % BATCH == 0:
                progress(position)
        return ImportPlan(rows, [], layout)

    def _plan_row(self, number, cells, used, titles, seen) -> Row:
        values: dict = {}
        several: dict = {}  # from a cell that gives several fields; a field's own column wins
        errors: list[tuple[str, str]] = []
        for use, column in used:
            text = cells[use.index].strip() if use.index < len(cells) else ""
            if not text:
                if (column.required and column.field not in self.derivable) or column.provides:
                    errors.append((use.title, _("The value is required.")))
                continue
            try:
                parsed = column.parse(text)
            except ValidationError as error:
                errors.append((use.title, " ".join(error.messages)))
                continue
            if isinstance(parsed, dict):
                several |= parsed
            else:
                values[column.field] = parsed
        values = several | values
        label = self.label(values)
        self.resolve(values, errors, titles)
        if errors:
            return Row(number, ERROR, label, errors)
        key = self.key(values)
        if key in seen:
            return Row(number, ERROR, label, [("", _("Repeats row %(row)s.") % {"row": seen[key]})])
        seen[key] = number
        subjects = values.pop("subjects", None)
        instance = self.existing(key)
        if instance is None:
            instance = self.model(municipality=self.municipality, **self._defaults(values))
            outcome, changed = NEW, []
        else:
            changed = [name for name, value in values.items() if getattr(instance, name) != value]
            for name in changed:
                setattr(instance, name, values[name])
            outcome = UPDATE if changed else UNCHANGED
        if subjects is not None and self._subjects_changed(instance, subjects):
            outcome = UPDATE if outcome == UNCHANGED else outcome
        try:
            instance.full_clean(
                exclude=self.exclude_from_clean, validate_unique=False, validate_constraints=False
            )
        except ValidationError as error:
            return Row(number, ERROR, label, self._column_errors(error, titles))
        return Row(number, outcome, label, [], instance, changed, subjects)

    def _defaults(self, values: dict) -> dict:
        return {k: v for k, v in values.items() if v is not None}

    def _subjects_changed(self, instance, subjects) -> bool:
        return False

    def _column_errors(self, error: ValidationError, titles: dict) -> list[tuple[str, str]]:
        return [
            (titles.get(name, ""), message)
            for name, messages in error.message_dict.items()
            for message in messages
        ]

    @transaction.atomic
    def apply(self, plan: ImportPlan) -> dict[str, int]:
        """Write a plan with no errors: everything or, on any failure, nothing."""
        if not plan.valid:
            raise ValidationError(_("The file has errors; nothing was imported."))
        new = [r.instance for r in plan.rows if r.outcome == NEW]
        updated = [r for r in plan.rows if r.outcome == UPDATE]
        bulk_create_with_history(new, self.model, batch_size=BATCH, default_user=self.user)
        fields = sorted({name for r in updated for name in r.changed} | {"updated_at"})
        if updated and fields != ["updated_at"]:
            bulk_update_with_history(
                [r.instance for r in updated if r.changed],
                self.model,
                fields,
                batch_size=BATCH,
                default_user=self.user,
            )
        self.after_apply(plan)
        return plan.counts

    def after_apply(self, plan: ImportPlan) -> None:
        pass


class OrganisationImporter(Importer):
    columns = ORGANISATION_COLUMNS
    synonyms = synonyms.ORGANISATIONS
    model = Organisation

    def __init__(self, municipality, user):
        super().__init__(municipality, user)
        self.by_name = {
            o.name.lower(): o for o in Organisation.objects.filter(municipality=municipality)
        }

    def key(self, values):
        return (values.get("name", "").lower(),)

    def existing(self, key):
        return self.by_name.get(key[0])

    def label(self, values):
        return values.get("name", "")


class TeacherImporter(Importer):
    columns = TEACHER_COLUMNS
    synonyms = synonyms.TEACHERS
    derivable = {"gender": ("patronymic",)}  # «…вна», «… кызы»: ж; «…вич», «… оглы»: м
    model = Teacher
    exclude_from_clean = ["municipality", "organisation", "user"]

    def __init__(self, municipality, user):
        super().__init__(municipality, user)
        organisations = Organisation.objects.filter(municipality=municipality)
        self.organisations: dict[str, Organisation | None] = {}
        for org in organisations:
            for name in {org.name.lower(), org.short_name.lower()} - {""}:
                # A short name two organisations share cannot identify either.
                self.organisations[name] = None if name in self.organisations else org
        teachers = Teacher.objects.filter(municipality=municipality).prefetch_related("subjects")
        self.by_email = {t.email.lower(): t for t in teachers if t.email}
        self.by_person = {
            (t.last_name.lower(), t.first_name.lower(), t.patronymic.lower(), t.birth_date): t
            for t in teachers
        }
        # The built-in subjects and the municipality's own: a name matches either, whatever
        # its case; a new one is added to this municipality only.
        available = Subject.objects.available_in(municipality).order_by("-municipality_id")
        self.subjects = {s.name.lower(): s for s in available}

    def key(self, values):
        email = values.get("email", "").lower()
        if email:
            return ("email", email)
        return (
            "person",
            values["last_name"].lower(),
            values["first_name"].lower(),
            values.get("patronymic", "").lower(),
            values["birth_date"],
        )

    def existing(self, key):
        if key[0] == "email":
            return self.by_email.get(key[1])
        return self.by_person.get(key[1:])

    def label(self, values):
        return " ".join(
            str(values.get(k, "")) for k in ("last_name", "first_name", "patronymic")
        ).strip()

    def resolve(self, values, errors, titles):
        gender_title = titles["gender"]
        if (
            "gender" not in values
            and values.get("last_name")
            and not any(title == gender_title for title, _message in errors)
        ):
            gender = gender_from_patronymic(values.get("patronymic", ""))
            if gender is None:
                errors.append(
                    (gender_title, _("The value is required: the patronymic does not tell it."))
                )
            else:
                values["gender"] = gender
        if "subjects" in values:
            names = re.split(r"[,;\n]", values["subjects"])
            values["subjects"] = sorted({s.strip() for s in names if s.strip()}, key=str.lower)
        name = values.get("organisation")
        if name is None:
            return
        org = self.organisations.get(name.lower())
        if org is None:
            errors.append(
                (
                    titles["organisation"],
                    _("No organisation «%(name)s» in the municipality.") % {"name": name},
                )
            )
        else:
            values["organisation"] = org

    def _subjects_changed(self, instance, subjects) -> bool:
        if instance.pk is None:
            return bool(subjects)
        current = sorted(s.name.lower() for s in instance.subjects.all())
        return current != sorted(s.lower() for s in subjects)

    def after_apply(self, plan: ImportPlan) -> None:
        wanted = {name.lower(): name for r in plan.rows if r.subjects for name in r.subjects}
        missing = [
            Subject(name=name, municipality=self.municipality)
            for key, name in wanted.items()
            if key not in self.subjects
        ]
        Subject.objects.bulk_create(missing, ignore_conflicts=True)
        added = Subject.objects.filter(
            municipality=self.municipality, name__in=[s.name for s in missing]
        )
        subjects = self.subjects | {s.name.lower(): s for s in added}
        through = Teacher.subjects.through
        touched = [r for r in plan.rows if r.subjects is not None and r.outcome in (NEW, UPDATE)]
        through.objects.filter(
            teacher_id__in=[r.instance.pk for r in touched if r.outcome == UPDATE]
        ).delete()
        through.objects.bulk_create(
            [
                through(teacher_id=r.instance.pk, subject_id=subjects[name.lower()].pk)
                for r in touched
                for name in r.subjects
            ],
            batch_size=BATCH,
            ignore_conflicts=True,
        )


# --- integration: the schools app's results and bias lists (issue #17) -------------------


def _organisations_by_name(municipality) -> dict[str, Organisation | None]:
    """{full or short name, lower case: organisation}; None for a name two share."""
    found: dict[str, Organisation | None] = {}
    for org in Organisation.objects.filter(municipality=municipality):
        for name in {org.name.lower(), org.short_name.lower()} - {""}:
            found[name] = None if name in found else org
    return found


class _SchoolRows(Importer):
    """Rows naming a school and a subject of the municipality; both must exist already."""

    exclude_from_clean = ["municipality", "organisation", "subject"]

    def __init__(self, municipality, user):
        super().__init__(municipality, user)
        self.organisations = _organisations_by_name(municipality)
        available = Subject.objects.available_in(municipality).order_by("-municipality_id")
        self.subjects = {s.name.lower(): s for s in available}

    def resolve(self, values, errors, titles):
        name = values.get("organisation")
        if name is not None:
            org = self.organisations.get(name.lower())
            if org is None:
                message = _("No organisation «%(name)s» in the municipality.") % {"name": name}
                errors.append((titles["organisation"], message))
            else:
                values["organisation"] = org
        subject = values.get("subject")
        if subject:
            found = self.subjects.get(subject.lower())
            if found is None:
                message = _("No subject «%(name)s»: write it as the list of subjects does.") % {
                    "name": subject
                }
                errors.append((titles["subject"], message))
            else:
                values["subject"] = found
        elif "subject" in values:
            values["subject"] = None

    def label(self, values):
        return str(values.get("organisation", ""))


class ResultImporter(_SchoolRows):
    """A school's result: key school + subject + grade + school year + procedure."""

    columns = RESULT_COLUMNS
    synonyms = synonyms.RESULTS
    model = Result

    def __init__(self, municipality, user):
        super().__init__(municipality, user)
        self.by_key = {
            (r.organisation_id, r.subject_id, r.grade, r.school_year, r.procedure): r
            for r in Result.objects.filter(municipality=municipality).select_related(
                "organisation", "subject"
            )
        }

    def key(self, values):
        return (
            values["organisation"].pk,
            values["subject"].pk,
            values["grade"],
            values["school_year"],
            values["procedure"],
        )

    def existing(self, key):
        return self.by_key.get(key)


class BiasImporter(_SchoolRows):
    """A school on the region's list of biased results: key school + year + procedure +
    subject (none for the whole procedure)."""

    columns = BIAS_COLUMNS
    synonyms = synonyms.BIAS
    model = BiasFlag

    def __init__(self, municipality, user):
        super().__init__(municipality, user)
        self.by_key = {
            (f.organisation_id, f.school_year, f.procedure, f.subject_id): f
            for f in BiasFlag.objects.filter(municipality=municipality).select_related(
                "organisation", "subject"
            )
        }

    def key(self, values):
        subject = values.get("subject")
        return (
            values["organisation"].pk,
            values["school_year"],
            values["procedure"],
            subject.pk if subject else None,
        )

    def existing(self, key):
        return self.by_key.get(key)


IMPORTERS: dict[str, type[Importer]] = {
    "teachers": TeacherImporter,
    "organisations": OrganisationImporter,
    "results": ResultImporter,
    "bias": BiasImporter,
}
