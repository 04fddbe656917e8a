"""The review flow of a best practice, and what counts in the dissemination indicator."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from metodset.accounts.models import Role
from metodset.accounts.tests.factories import UserFactory
from metodset.associations.tests.factories import MembershipFactory
from metodset.core.dates import SchoolYear
from metodset.core.tests.files import PDF, upload
from metodset.growth.models import Practice as DeclaredPractice
from metodset.indicators.compute import for_associations
from metodset.library import services
from metodset.library.models import PracticeStatus, ReviewStatus, Verdict
from metodset.library.tests.factories import practice as submit
from metodset.people.tests.factories import TeacherFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def author(municipality):
    user = UserFactory(role=Role.TEACHER, municipality=municipality)
    TeacherFactory(user=user, organisation__municipality=municipality)
    return user


@pytest.fixture
def experts(municipality):
    return [UserFactory(role=Role.TEACHER, municipality=municipality) for _ in range(2)]


def _review(review, user, verdict=Verdict.ACCEPT):
    criteria = services.criteria_for(review.practice.municipality)
    return services.review_submit(
        user=user,
        review=review,
        scores={c.pk: 2 for c in criteria},
        verdict=verdict,
        opinion="Опыт актуален, материалы оформлены.",
    )


def _reviews(practice, round_):
    return list(practice.reviews.filter(round=round_).order_by("pk"))


class TestFlow:
    def test_it_goes_from_submission_to_publication(self, author, experts, methodist):
        practice = submit(
            author,
            author.municipality,
            authors=[author.teacher_profile],
            uploads=[upload("опыт.pdf", PDF)],
        )
        assert practice.status == PracticeStatus.SUBMITTED
        assert practice.reviewers_required == 2
        assert practice.files.count() == 1
        services.experts_appoint(user=methodist, practice=practice, experts=experts)
        practice.refresh_from_db()
        assert practice.status == PracticeStatus.UNDER_REVIEW
        first, second = _reviews(practice, 1)
        _review(first, experts[0], Verdict.RETURN)
        practice.refresh_from_db()
        assert practice.status == PracticeStatus.RETURNED
        assert practice.reviews.get(pk=second.pk).status == ReviewStatus.CANCELLED
        practice.results = "Доля учащихся выросла с 40 до 65 %."
        services.practice_revise(user=author, practice=practice, authors=[author.teacher_profile])
        practice.refresh_from_db()
        assert (practice.status, practice.review_round) == (PracticeStatus.UNDER_REVIEW, 2)
        for review, expert in zip(_reviews(practice, 2), experts, strict=True):
            _review(review, expert)
        assert services.ready_to_accept(practice)
        services.practice_accept(user=methodist, practice=practice, level="municipal", publish=True)
        practice.refresh_from_db()
        assert practice.status == PracticeStatus.PUBLISHED
        assert practice.accepted_by == methodist

    def test_it_needs_the_required_number_of_experts(self, author, experts, methodist):
        practice = submit(author, author.municipality, authors=[author.teacher_profile])
        with pytest.raises(ValidationError):
            services.experts_appoint(user=methodist, practice=practice, experts=experts[:1])

    def test_it_cannot_be_accepted_before_the_reviews(self, author, experts, methodist):
        practice = submit(author, author.municipality, authors=[author.teacher_profile])
        services.experts_appoint(user=methodist, practice=practice, experts=experts)
        _review(_reviews(practice, 1)[0], experts[0])
        with pytest.raises(ValidationError):
            services.practice_accept(user=methodist, practice=practice, level="school")


class TestNobodyReviewsHisOwnWork:
    def test_an_author_cannot_be_appointed(self, author, experts, methodist):
        practice = submit(author, author.municipality, authors=[author.teacher_profile])
        with pytest.raises(ValidationError):
            services.experts_appoint(user=methodist, practice=practice, experts=[author, *experts])

    def test_a_teacher_cannot_accept(self, author, experts, methodist):
        practice = submit(author, author.municipality, authors=[author.teacher_profile])
        with pytest.raises(PermissionDenied):
            services.experts_appoint(user=author, practice=practice, experts=experts)
        with pytest.raises(PermissionDenied):
            services.practice_accept(user=author, practice=practice, level="school")

    def test_a_methodist_author_cannot_accept_his_own(self, municipality, experts):
        methodist = UserFactory(role=Role.METHODIST, municipality=municipality)
        TeacherFactory(user=methodist, organisation__municipality=municipality)
        practice = submit(methodist, municipality, authors=[methodist.teacher_profile])
        services.experts_appoint(user=methodist, practice=practice, experts=experts)
        for review, expert in zip(_reviews(practice, 1), experts, strict=True):
            _review(review, expert)
        with pytest.raises(ValidationError):
            services.practice_accept(user=methodist, practice=practice, level="school")

    def test_another_user_cannot_write_an_experts_review(self, author, experts, methodist):
        practice = submit(author, author.municipality, authors=[author.teacher_profile])
        services.experts_appoint(user=methodist, practice=practice, experts=experts)
        with pytest.raises(PermissionDenied):
            _review(_reviews(practice, 1)[0], author)


class TestIndicator:
    def test_only_accepted_units_count(self, association, author, experts, methodist):
        MembershipFactory(association=association, teacher=author.teacher_profile)
        year = SchoolYear.current()
        DeclaredPractice.objects.create(
            teacher=author.teacher_profile, title="Сама себе приняла", accepted_on=year.starts_on
        )

        def value():
            return for_associations([association.pk], year)[association.pk][
                "dissemination_units"
            ].value

        assert value() == 0
        practice = submit(author, author.municipality, authors=[author.teacher_profile])
        services.experts_appoint(user=methodist, practice=practice, experts=experts)
        assert value() == 0
        for review, expert in zip(_reviews(practice, 1), experts, strict=True):
            _review(review, expert)
        services.practice_accept(user=methodist, practice=practice, level="regional")
        assert value() == 1
