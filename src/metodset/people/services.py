from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import ProtectedError
from django.utils.translation import gettext as _

from metodset.core.models import Municipality
from metodset.core.services import model_create, model_update, with_history_user
from metodset.people.models import SelfEducationTheme, Teacher


@transaction.atomic
def teacher_create(*, user, municipality: Municipality, **fields) -> Teacher:
    """Add a teacher to the municipality's teacher bank."""
    return model_create(Teacher, user=user, municipality=municipality, **fields)


@transaction.atomic
def teacher_update(*, user, teacher: Teacher, data: dict) -> Teacher:
    teacher, _changed = model_update(teacher, user=user, data=data)
    return teacher


@transaction.atomic
def teacher_delete(*, user, teacher: Teacher) -> None:
    """Delete a card nothing refers to; a teacher with memberships is marked as not working."""
    try:
        with_history_user(teacher, user).delete()
    except ProtectedError as error:
        raise ValidationError(
            _(
                "The teacher cannot be deleted: memberships, appointments or participations "
                "refer to him. Mark him as not working instead."
            )
        ) from error


@transaction.atomic
def self_education_theme_set(
    *, user, teacher: Teacher, school_year: int, theme: str
) -> SelfEducationTheme:
    """Set (or replace) the teacher's self-education theme for a school year."""
    record = SelfEducationTheme.objects.filter(teacher=teacher, school_year=school_year).first()
    record = record or SelfEducationTheme(teacher=teacher, school_year=school_year)
    record.theme = theme.strip()
    record.full_clean()
    with_history_user(record, user).save()
    return record
