import datetime as dt

from django.db.models import Q
from django.utils import timezone

from metodset.core.dates import years_ago
from metodset.core.scoping import Scope, ScopedQuerySet, scope_for


class SubjectQuerySet(ScopedQuerySet):
    """Built-in subjects are everyone's; a municipality's own ones stay in its scope."""

    def in_scope(self, scope: Scope):
        if scope.everything:
            return self
        return self.filter(municipality__isnull=True) | super().in_scope(scope)

    def available_in(self, municipality):
        """What a teacher of `municipality` may be given: the built-in and its own subjects."""
        return self.filter(Q(municipality__isnull=True) | Q(municipality=municipality))


class TeacherQuerySet(ScopedQuerySet):
    def for_user(self, user):
        """Teachers' personal data: narrower than the municipality for teachers.

        Methodists see their municipality, coordinators their region, the
        platform admin everything; a head sees himself and the members of the
        associations he heads; a teacher sees only himself.
        """
        qs = self.in_scope(scope_for(user))
        if not user.is_authenticated or not user.is_teacher:
            return qs
        visible = Q(user_id=user.pk)
        if user.headed_association_ids:
            visible |= Q(memberships__association_id__in=user.headed_association_ids)
        return qs.filter(pk__in=self.model.objects.filter(visible).values("pk"))

    def working(self):
        """Teachers who work now (a dismissed teacher's card stays, with is_active off)."""
        return self.filter(is_active=True)

    def working_in(self, municipality):
        """The working teachers of a municipality (an instance or its pk).

        Also the list a colleague is chosen from (a member, a head, a plan item's
        responsible, a meeting's chair, a mentor, an event's participant), for every role
        that may write the record: choosing a colleague is not reading his personal data,
        the choice shows his name and school only, and the record's municipality has been
        checked by its access helper. `for_user` narrows reading teachers' cards, not this.
        """
        return self.working().filter(municipality=municipality)

    def young(self, on: dt.date | None = None):
        from metodset.people.models import YOUNG_TEACHER_MAX_AGE, YOUNG_TEACHER_MAX_YEARS

        on = on or timezone.localdate()
        return self.filter(
            Q(birth_date__gt=years_ago(on, YOUNG_TEACHER_MAX_AGE))
            | Q(teaching_since__gt=years_ago(on, YOUNG_TEACHER_MAX_YEARS))
        )
