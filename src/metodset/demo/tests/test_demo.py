import io
import random

import pytest
from django.core.management import CommandError, call_command
from django.db import transaction
from django.http import HttpRequest

from metodset.accounts.models import User
from metodset.acts.models import Order
from metodset.associations.models import (
    Association,
    AssociationKind,
    Membership,
)
from metodset.core.models import Municipality
from metodset.core.tests.factories import MunicipalityFactory
from metodset.demo import data
from metodset.demo.generator import demo_load
from metodset.demo.names import feminine_surname, full_name
from metodset.orgs.models import Organisation
from metodset.people.models import Teacher

from .common import EMAIL, EXPECTED, SMALL

pytestmark = pytest.mark.django_db


@pytest.fixture
def debug(settings):
    settings.DEVELOPMENT = True


def run(*args) -> str:
    out = io.StringIO()
    call_command("demo", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def output(debug):
    return run("--teachers", str(SMALL))


class TestCommand:
    def test_it_refuses_without_debug(self, settings):
        settings.DEVELOPMENT = False
        with pytest.raises(CommandError, match="DEBUG"):
            run("--teachers", str(SMALL))
        assert not Municipality.objects.exists()
        assert not User.objects.exists()

    def test_it_rejects_a_teacher_count_out_of_range(self, debug):
        with pytest.raises(CommandError, match="--teachers"):
            run("--teachers", "3")
        assert not Municipality.objects.exists()

    def test_it_prints_the_password_and_one_login_per_role(self, output):
        assert data.PASSWORD in output
        for email in (
            "admin@metodset.demo",
            "coordinator@altai-krai.metodset.demo",
            "methodist@rubtsovsk.metodset.demo",
            "head@rubtsovsk.metodset.demo",
            "teacher@rubtsovsk.metodset.demo",
        ):
            assert email in output
        for slug in EXPECTED:
            for role in ("methodist", "head", "teacher"):
                assert f"{role}@{slug}.metodset.demo" in output

    def test_it_prints_in_russian(self, output):
        assert "Пароль" in output or "пароль" in output
        assert "Региональный координатор" in output

    def test_it_prints_logins_that_work_with_the_printed_password(self, output, client):
        emails = sorted(set(EMAIL.findall(output)))
        assert len(emails) == 2 + 3 * len(EXPECTED)
        for email in emails:
            # The login lockout (django-axes) needs the request it counts against.
            assert client.login(request=HttpRequest(), email=email, password=data.PASSWORD), email
            assert int(client.session["_auth_user_id"]) == User.objects.get(email=email).pk
            client.logout()

    def test_it_changes_nothing_with_if_empty_when_the_demo_is_loaded(self, output):
        counts = [m.objects.count() for m in (Teacher, Order, Association, Membership, User)]
        again = run("--if-empty", "--teachers", str(SMALL))
        assert [m.objects.count() for m in (Teacher, Order, Association, Membership, User)] == (
            counts
        )
        assert "уже загружен" in again
        assert set(EMAIL.findall(again)) == set(EMAIL.findall(output))

    def test_it_refuses_to_load_twice_without_if_empty(self, output):
        with pytest.raises(CommandError, match="--if-empty"):
            run("--teachers", str(SMALL))
        assert Municipality.objects.count() == len(EXPECTED)

    def test_it_leaves_other_data_alone_with_if_empty(self, debug):
        MunicipalityFactory()
        out = run("--if-empty", "--teachers", str(SMALL))
        assert Municipality.objects.count() == 1
        assert not User.objects.exists()
        assert "не загружен" in out

    def test_it_loads_with_if_empty_beside_a_superuser_made_beforehand(self, debug):
        User.objects.create_superuser("owner@example.ru", "x-password-1", last_name="Ли")
        run("--if-empty", "--teachers", str(SMALL))
        assert Municipality.objects.count() == len(EXPECTED)
        assert User.objects.filter(email="owner@example.ru").exists()

    def test_it_loads_an_empty_database_with_if_empty(self, debug):
        run("--if-empty", "--teachers", str(SMALL))
        assert Municipality.objects.count() == len(EXPECTED)


class TestNames:
    def test_it_forms_feminine_surnames(self):
        assert [
            feminine_surname(s)
            for s in ("Иванов", "Ильин", "Покровский", "Полевой", "Ткаченко", "Шмидт", "Черных")
        ] == ["Иванова", "Ильина", "Покровская", "Полевая", "Ткаченко", "Шмидт", "Черных"]

    def test_it_forms_patronymics_by_gender(self):
        rng = random.Random(5)
        for _i in range(300):
            female = rng.random() < 0.5
            name = full_name(rng, female=female, born=rng.randint(1960, 2001), region="penza")
            assert name.patronymic.endswith("на" if female else "ич")


class TestReproducibility:
    @staticmethod
    def fingerprint(seed: int):
        class Rollback(Exception):
            pass

        result = None
        try:
            with transaction.atomic():
                demo_load(seed=seed, teachers=SMALL)
                result = (
                    sorted(
                        Teacher.objects.values_list(
                            "last_name", "first_name", "patronymic", "birth_date", "position"
                        )
                    ),
                    sorted(Order.objects.values_list("number", "date", "title")),
                    sorted(Membership.objects.values_list("teacher__last_name", "joined_on")),
                )
                raise Rollback
        except Rollback:
            pass
        return result

    def test_it_gives_the_same_demo_for_the_same_seed(self):
        assert self.fingerprint(7) == self.fingerprint(7)

    def test_it_gives_another_demo_for_another_seed(self):
        assert self.fingerprint(7) != self.fingerprint(8)


class TestFullScale:
    def test_it_loads_the_default_size_with_8_to_30_members_per_association(self, debug):
        demo_load()
        for municipality in Municipality.objects.all():
            count = Teacher.objects.filter(municipality=municipality).count()
            assert 100 <= count <= 300, municipality
            assert Organisation.objects.filter(municipality=municipality).count() >= 20
            associations = Association.objects.filter(municipality=municipality)
            # Network groups are temporary structures (004 §3.3.2), counted apart: up to
            # three beside the 5–10 standing associations.
            network = associations.filter(kind=AssociationKind.NETWORK)
            assert 5 <= associations.exclude(pk__in=network).count() <= 10
            assert network.count() <= 3
            for association in associations.active():
                members = association.memberships.current().count()
                assert 8 <= members <= 30, association
