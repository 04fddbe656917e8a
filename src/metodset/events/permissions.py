import rules

from metodset.associations.predicates import is_head_of
from metodset.core.predicates import is_methodist_in, is_methodist_of, is_platform_admin


@rules.predicate
def is_head_of_event_association(user, event) -> bool:
    return (
        event is not None
        and event.association_id is not None
        and is_head_of(user, event.association)
    )


@rules.predicate
def is_any_head(user) -> bool:
    return user.is_authenticated and user.is_head


@rules.predicate
def has_teacher_card_in_municipality(user, event) -> bool:
    return (
        event is not None
        and user.is_authenticated
        and user.teacher_id is not None
        and user.municipality_id == event.municipality_id
    )


can_organise = is_platform_admin | is_methodist_of | is_head_of_event_association


@rules.predicate
def is_open_competition_of_own_municipality(user, event) -> bool:
    """A professional competition of the user's municipality, planned and not over yet."""
    from metodset.events.models import EventForm, EventStatus

    return (
        event is not None
        and event.form == EventForm.COMPETITION
        and event.status == EventStatus.PLANNED
        and not event.has_ended
        and user.municipality_id == event.municipality_id
    )


@rules.predicate
def is_own_participation(user, participation) -> bool:
    teacher_id = getattr(user, "teacher_id", None)
    return (
        participation is not None
        and teacher_id is not None
        and (participation.teacher_id == teacher_id)
    )


@rules.predicate
def organises_participation_event(user, participation) -> bool:
    return participation is not None and can_organise.test(user, participation.event)


rules.add_perm("events.add_event", is_platform_admin | is_methodist_in | is_any_head)
rules.add_perm("events.change_event", can_organise)
rules.add_perm("events.manage_participants", can_organise)
rules.add_perm("events.register_self", has_teacher_card_in_municipality)
# A participant cancels his own registration and downloads his certificate; the organisers
# do it for anyone. Object: the participation.
rules.add_perm("events.change_participation", is_own_participation | organises_participation_event)
# A head puts members of his association forward for an open competition himself (000 §6.8);
# the organisers enter anyone. Object: the event.
rules.add_perm(
    "events.enter_competition",
    can_organise | (is_any_head & is_open_competition_of_own_municipality),
)
