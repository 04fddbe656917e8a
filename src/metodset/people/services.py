from collections import Counter

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import ProtectedError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from metodset.core.access import require_fields, require_perm
from metodset.core.models import Municipality
from metodset.core.services import model_create, model_update, with_history_user
from metodset.people.models import SelfEducationTheme, Teacher

# What a teacher keeps up to date in his own card; the rest (his post, category, dates)
# is the methodist's.
PERSONAL_FIELDS = (
    "email",
    "phone",
    "education_level",
    "education_institution",
    "graduation_year",
    "specialty",
    "subjects",
    "awards",
    "honorary_titles",
)

# What protects a card, in the words of the refusal (other apps' verbose names are terse).
PROTECTING = {
    "associations.membership": gettext_lazy("memberships in associations"),
    "associations.headappointment": gettext_lazy("head appointments"),
    "events.participation": gettext_lazy("participations in events"),
    "events.competitionentry": gettext_lazy("competition entries"),
    "growth.mentoring": gettext_lazy("mentoring pairs where he is the mentor"),
}


def _check_subjects(municipality_id: int, subjects) -> None:
    """A card takes built-in subjects and its own municipality's, never another's."""
    foreign = sorted(
        s.name for s in subjects or () if s.municipality_id not in (None, municipality_id)
    )
    if foreign:
        raise ValidationError(
            {
                "subjects": _("Not a subject of this municipality: %(names)s.")
                % {"names": ", ".join(foreign)}
            }
        )


@transaction.atomic
def teacher_create(*, user, municipality: Municipality, **fields) -> Teacher:
    """Add a teacher to the municipality's teacher bank.

    The model's clean() refuses a birth date less than 16 years ago, teaching
    experience starting before total experience, a category without its date
    and an organisation of another municipality; nothing is saved then. So are
    subjects another municipality added.
    """
    require_perm(user, "people.add_teacher", municipality)
    _check_subjects(municipality.pk, fields.get("subjects"))
    return model_create(Teacher, user=user, municipality=municipality, **fields)


@transaction.atomic
def teacher_update(*, user, teacher: Teacher, data: dict) -> Teacher:
    """Change the card; an edit that changes nothing leaves no history entry."""
    require_fields(
        user,
        data,
        perm="people.change_teacher",
        obj=teacher,
        full_perm="people.manage_teacher",
        allowed=PERSONAL_FIELDS,
        message=_(
            "A teacher keeps his contacts and education; his post and category are the methodist's."
        ),
    )
    _check_subjects(teacher.municipality_id, data.get("subjects"))
    teacher, _changed = model_update(teacher, user=user, data=data)
    return teacher


@transaction.atomic
def teacher_delete(*, user, teacher: Teacher) -> None:
    """Delete a card entered by mistake.

    Memberships, head appointments, event participations, competition entries and
    mentoring as a mentor are the associations' records and protect the card: a
    teacher who has left is marked as not working instead, so those records keep
    their person. His own records (themes, PD courses, attestations, routes)
    go with the card. The history rows of the card keep no name, birth date or contacts.
    """
    require_perm(user, "people.delete_teacher", teacher)
    pk, neutral = teacher.pk, teacher.neutral_values()
    try:
        with_history_user(teacher, user).delete()
    except ProtectedError as error:
        counts = Counter(
            str(PROTECTING.get(o._meta.label_lower, o._meta.verbose_name_plural))
            for o in error.protected_objects
        )
        records = "; ".join(f"{name}: {n}" for name, n in sorted(counts.items()))
        raise ValidationError(
            _(
                "The card cannot be deleted: other records refer to it (%(records)s). "
                "If the teacher has left, mark him as not working instead."
            )
            % {"records": records}
        ) from error
    # A deleted card keeps its history (who deleted it and when), but not the person:
    # 152-ФЗ art. 21 asks for his data to be destroyed, copies included.
    Teacher.history.filter(id=pk).update(**neutral)


@transaction.atomic
def self_education_theme_set(
    *, user, teacher: Teacher, school_year: int, theme: str
) -> SelfEducationTheme:
    """Set (or replace) the teacher's self-education theme for a school year."""
    require_perm(user, "people.change_teacher", teacher)
    record = SelfEducationTheme.objects.filter(teacher=teacher, school_year=school_year).first()
    record = record or SelfEducationTheme(teacher=teacher, school_year=school_year)
    record.theme = theme.strip()
    record.full_clean()
    with_history_user(record, user).save()
    return record
