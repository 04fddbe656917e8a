"""Building the demo data set: five municipalities of the seed regulations.

Everything is drawn from one seeded random generator per municipality and dated relative
to today, so the same seed gives the same demo on the same day, and "a head's term ends in
the next 60 days" stays true whenever the demo is loaded.
"""

from __future__ import annotations

import datetime as dt
import random
from collections import defaultdict
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass, field

from django.apps import apps
from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.db.models import ForeignKey, Model, Q
from django.db.models.signals import post_save
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from simple_history.utils import bulk_create_with_history

from metodset.accounts.models import Role, User
from metodset.acts.models import Order, OrderKind
from metodset.acts.services import order_create
from metodset.associations.models import (
    Association,
    AssociationKind,
    HeadAppointment,
    Membership,
)
from metodset.associations.services import association_create, association_liquidate, head_appoint
from metodset.consultations.demo import consultations_load
from metodset.core.dates import SchoolYear, years_ago
from metodset.core.models import Municipality, Region
from metodset.core.services import model_create
from metodset.demo import chronology
from metodset.demo.activity import activity_load
from metodset.demo.bank import bank_load
from metodset.demo.library import library_load
from metodset.demo.network import council_compositions, network_groups
from metodset.demo.plans import plans_load
from metodset.demo.portfolios import portfolios_load
from metodset.demo.service_plans import service_plans_load
from metodset.demo.surveys import surveys_load
from metodset.events.models import Event
from metodset.indicators.compute import bump_version
from metodset.orgs.models import AuthorityHead, Organisation, OrganisationKind
from metodset.orgs.services import organisation_create
from metodset.pdorders.demo import pdorders_load
from metodset.people.models import (
    Category,
    EducationLevel,
    Gender,
    SelfEducationTheme,
    Subject,
    Teacher,
)
from metodset.people.services import teacher_update
from metodset.plans.models import Plan
from metodset.proposals.demo import proposals_load
from metodset.regulations.models import Regulation
from metodset.regulations.services import presets_load
from metodset.schools.demo import schools_load

from . import data as D
from . import names as N
from . import tracks as T

BATCH = 500
DAY = dt.timedelta(days=1)
MIN_TEACHERS = 10
MIN_PER_MUNICIPALITY = 20  # a head for each association and members besides
POOL_MINIMUM = 11  # candidates per association: 8 current members after up to 3 leavers
MAX_TEACHERS = 3000
ADMIN_EMAIL = f"admin@{D.DOMAIN}"
HIGHER = (EducationLevel.HIGHER, EducationLevel.HIGHER_PEDAGOGICAL)


# --- dates ----------------------------------------------------------------------------------


def add_years(day: dt.date, years: int) -> dt.date:
    return years_ago(day, -years)


def workday(day: dt.date) -> dt.date:
    """The same day or the Friday before: orders are not signed at weekends."""
    while day.weekday() >= 5:
        day -= DAY
    return day


def between(rng: random.Random, start: dt.date, end: dt.date) -> dt.date:
    if end <= start:
        return start
    return start + dt.timedelta(days=rng.randint(0, (end - start).days))


def weighted(rng: random.Random, pairs) -> str:
    items = list(pairs.items()) if isinstance(pairs, dict) else list(pairs)
    return rng.choices([k for k, _w in items], weights=[w for _k, w in items])[0]


def fmt(day: dt.date) -> str:
    return day.strftime("%d.%m.%Y")


# --- what exists ----------------------------------------------------------------------------


def demo_slugs() -> list[str]:
    return [spec.slug for spec in D.MUNICIPALITIES]


def demo_is_loaded() -> bool:
    return (
        User.objects.filter(email=ADMIN_EMAIL).exists()
        or Municipality.objects.filter(slug__in=demo_slugs()).exists()
    )


def database_is_empty() -> bool:
    """No municipality yet: a superuser made beforehand does not count."""
    return not Municipality.objects.exists()


@dataclass(frozen=True)
class DemoAccount:
    role: str
    scope: str
    email: str
    name: str
    note: str


def demo_accounts() -> list[DemoAccount]:
    """The demo's logins as they are in the database, in a stable order."""
    users = list(
        User.objects.filter(Q(email=ADMIN_EMAIL) | Q(email__endswith=f".{D.DOMAIN}"))
        .select_related("region", "municipality", "teacher_profile")
        .order_by("email")
    )
    slug_order = {slug: i for i, slug in enumerate(demo_slugs())}
    role_order = {"admin": 0, "coordinator": 1, "methodist": 2, "head": 3, "teacher": 4}

    def sort_key(user: User):
        local, _at, domain = user.email.partition("@")
        slug = domain.removesuffix(f".{D.DOMAIN}")
        return (slug_order.get(slug, -1), role_order.get(local, 9), user.email)

    accounts = []
    for user in sorted(users, key=sort_key):
        note = ""
        teacher = getattr(user, "teacher_profile", None)
        if teacher is not None:
            headed = Association.objects.filter(pk__in=user.headed_association_ids)
            if headed:
                note = _("heads: %(names)s") % {"names": "; ".join(a.name for a in headed)}
            else:
                memberships = (
                    Membership.objects.current()
                    .filter(teacher=teacher)
                    .select_related("association")
                )
                if memberships:
                    note = _("member of: %(names)s") % {
                        "names": "; ".join(m.association.name for m in memberships)
                    }
        scope = user.region.name if user.region_id else ""
        if user.municipality_id:
            scope = user.municipality.name
        accounts.append(
            DemoAccount(str(user.role_label), scope, user.email, user.get_full_name(), note)
        )
    return accounts


# --- loading --------------------------------------------------------------------------------


@dataclass
class OrderDraft:
    date: dt.date
    kind: str
    title: str
    text: str | Callable[[], str]
    number: str | None = None
    seq: int = 0
    instance: Order | None = None


@dataclass
class TermDraft:
    start: dt.date
    end: dt.date
    teacher: Teacher | None = None
    terminated: dt.date | None = None
    order: OrderDraft | None = None


@dataclass
class AssociationDraft:
    spec: D.AssociationSpec
    special: str = ""  # "soon": term ends within 60 days; "vacant": no current head
    terms: list[TermDraft] = field(default_factory=list)
    members: dict[int, tuple[Teacher, dt.date, dt.date | None]] = field(default_factory=dict)
    creation_order: OrderDraft | None = None
    liquidation_order: OrderDraft | None = None
    instance: Association | None = None


class Loader:
    def __init__(self, *, seed: int, teachers: int, today: dt.date):
        self.seed = seed
        self.teachers = teachers
        self.today = today
        self.password = make_password(D.PASSWORD)
        self.subjects: dict[str, Subject] = {}
        self.regions: dict[str, Region] = {}

    def load(self) -> None:
        self._subjects()
        for key, spec in D.REGIONS.items():
            region, created = Region.objects.get_or_create(
                name=spec.name, defaults={"institute": spec.institute}
            )
            if not created and not region.institute:
                region.institute = spec.institute
                region.save(update_fields=["institute"])
            self.regions[key] = region
        self._platform_users()
        for spec in D.MUNICIPALITIES:
            MunicipalityLoader(self, spec).load()
        # The regulations of the seeds as data (regulations/presets/<slug>.yaml), so the
        # compliance check has rules to apply; they refer to the orders made above.
        presets_load(municipality_slugs=demo_slugs())
        # Two school years of events and growth records, for the schedules and indicators.
        activity_load(slugs=demo_slugs(), seed=self.seed, today=self.today)
        library_load(slugs=demo_slugs(), seed=self.seed, today=self.today)
        plans_load(slugs=demo_slugs(), seed=self.seed, today=self.today)
        # integration: the methodical service's own plan behind its orders (issue #14)
        service_plans_load(slugs=demo_slugs(), today=self.today)
        # Each step of the plans and minutes on its own day, not all today.
        chronology.settle(slugs=demo_slugs(), seed=self.seed)
        # integration: the year-end portfolios (issue #14); demo/services.py becomes
        # demo/generator.py (issue #13).
        portfolios_load(slugs=demo_slugs(), seed=self.seed, today=self.today)
        surveys_load(slugs=demo_slugs(), seed=self.seed, today=self.today)
        # integration: the bank of pedagogical information (library app)
        bank_load(slugs=demo_slugs(), seed=self.seed, today=self.today)
        consultations_load(slugs=demo_slugs(), seed=self.seed, today=self.today)  # issue 16
        proposals_load(slugs=demo_slugs(), seed=self.seed, today=self.today)  # issue #16
        schools_load(slugs=demo_slugs(), seed=self.seed, today=self.today)  # issue #17
        pdorders_load(slugs=demo_slugs(), seed=self.seed, today=self.today)  # issue #17

    def _subjects(self) -> None:
        # The school subjects are built in: shared by every municipality.
        wanted = {s for track in T.TRACKS.values() for s in track.subjects} | {T.ORKSE}
        Subject.objects.bulk_create(
            [Subject(name=name) for name in sorted(wanted)], ignore_conflicts=True
        )
        builtin = Subject.objects.filter(municipality__isnull=True, name__in=wanted)
        self.subjects = {s.name: s for s in builtin}

    def user(self, *, email: str, role: str, name: N.FullName, **extra) -> User:
        user = User(
            email=email,
            role=role,
            last_name=name.last_name,
            first_name=name.first_name,
            patronymic=name.patronymic,
            password=self.password,
            **extra,
        )
        user.full_clean(exclude=["password"])
        user.save()
        return user

    def _platform_users(self) -> None:
        rng = random.Random(f"{self.seed}:platform")
        self.user(
            email=ADMIN_EMAIL,
            role=Role.PLATFORM_ADMIN,
            name=N.full_name(rng, female=False, born=1978),
            is_staff=True,
            is_superuser=True,
        )
        region = D.REGIONS[D.COORDINATOR_REGION]
        self.user(
            email=f"coordinator@{region.key}.{D.DOMAIN}",
            role=Role.REGIONAL_COORDINATOR,
            name=N.full_name(rng, female=True, born=1971, region=region.key),
            region=self.regions[region.key],
        )


def _birth_year_weight(year: int) -> float:
    """Teachers are an older profession: many born in the 1960s–70s, fewer in the 1990s."""
    for before, weight in ((1965, 0.9), (1980, 1.25), (1990, 0.95), (1996, 0.8)):
        if year < before:
            return weight
    return 0.95


BIRTH_YEAR_WEIGHTS = {year: _birth_year_weight(year) for year in range(1960, 2002)}


class MunicipalityLoader:
    def __init__(self, loader: Loader, spec: D.MunicipalitySpec):
        self.loader = loader
        self.spec = spec
        self.region = D.REGIONS[spec.region]
        self.today = loader.today
        self.rng = random.Random(f"{loader.seed}:{spec.slug}")
        self.localities = {loc.name: loc for loc in spec.localities}
        self.orgs: dict[str, Organisation] = {}
        self.teachers: list[Teacher] = []
        self.orders: list[OrderDraft] = []
        self.associations: dict[str, AssociationDraft] = {}
        self.busy: dict[int, list[tuple[dt.date, dt.date]]] = defaultdict(list)
        self.emails: set[str] = set()

    @property
    def domain(self) -> str:
        return f"{self.spec.slug}.{D.DOMAIN}"

    def load(self) -> None:
        spec = self.spec
        self.municipality = model_create(
            Municipality,
            user=None,
            region=self.loader.regions[spec.region],
            name=spec.name,
            slug=spec.slug,
            authority_name=spec.authority_name,
            service_name=spec.service_name,
            settlement=spec.settlement,
        )
        self._authority_heads()
        self._organisations()
        self._teachers()
        self._themes()
        self._plan_associations()
        self._pick_logins()
        self._plan_orders()
        self._number_orders()
        self._save_orders()
        self._save_associations()
        # integration: network groups and the council's composition (issue #17).
        network_groups(self.associations.values(), self.today)
        council_compositions(self.associations.values(), self.orders, self.today)
        self._users()

    def _authority_heads(self) -> None:
        """The present head of the education authority and a predecessor, who sign orders."""
        spec = self.spec
        rng = random.Random(f"{self.loader.seed}:{spec.slug}:authority")  # apart from self.rng
        since = spec.authority_head_since
        terms = ((add_years(since, -6), since - dt.timedelta(days=1)), (since, None))
        for starts_on, ends_on in terms:
            name = N.full_name(rng, female=rng.random() < 0.7, born=rng.randint(1962, 1980))
            model_create(
                AuthorityHead,
                user=None,
                municipality=self.municipality,
                position=spec.authority_head,
                last_name=name.last_name,
                first_name=name.first_name,
                patronymic=name.patronymic,
                starts_on=starts_on,
                ends_on=ends_on,
            )

    # organisations ---------------------------------------------------------------------------

    def _address(self, locality_name: str) -> str:
        loc = self.localities[locality_name]
        street = self.rng.choice(loc.streets)
        house = self.rng.randint(1, 120 if locality_name.startswith("г.") else 40)
        if self.rng.random() < 0.15:
            house = f"{house}{self.rng.choice('АБ')}"
        parts = [loc.postcode, self.region.name]
        if self.spec.district and not locality_name.startswith("г."):
            parts.append(self.spec.district)
        parts += [loc.name, street, f"д. {house}"]
        return ", ".join(str(p) for p in parts)

    def _phone(self) -> str:
        code = self.spec.phone_code
        digits = 10 - len(code)
        first = self.rng.choice("2345679") if digits == 5 else self.rng.choice("3456")
        rest = "".join(self.rng.choice("0123456789") for _ in range(digits - 1))
        local = first + rest
        body = (
            f"{local[0]}-{local[1:3]}-{local[3:]}"
            if digits == 5
            else (f"{local[:2]}-{local[2:4]}-{local[4:]}")
        )
        return f"+7 ({code}) {body}"

    def _org_specs(self) -> list[D.OrgSpec]:
        town = self.spec.town.name
        authority = D.OrgSpec(
            "authority",
            OrganisationKind.AUTHORITY,
            self.spec.authority_full,
            self.spec.authority_short,
            town,
            venue=True,
        )
        service = D.OrgSpec(
            "service",
            OrganisationKind.METHODICAL_SERVICE,
            self.spec.service_org,
            self.spec.service_short,
            town,
            {"service_methodist": 1},
            venue=True,
        )
        return [authority, service, *self.spec.organisations]

    def _organisations(self) -> None:
        rng = self.rng
        for org in self._org_specs():
            venue = (
                org.venue
                if org.venue is not None
                else rng.random() < (0.35 if org.kind == OrganisationKind.SCHOOL else 0.1)
            )
            capacity = None
            if venue:
                capacity = {
                    OrganisationKind.SCHOOL: rng.randrange(80, 260, 10),
                    OrganisationKind.KINDERGARTEN: rng.randrange(30, 70, 5),
                    OrganisationKind.ADDITIONAL: rng.randrange(40, 160, 10),
                }.get(org.kind, rng.randrange(25, 60, 5))
            director = N.full_name(rng, female=rng.random() < 0.8, born=rng.randint(1962, 1985))
            self.orgs[org.key] = organisation_create(
                user=None,
                municipality=self.municipality,
                kind=org.kind,
                name=org.name,
                short_name=org.short_name,
                address=self._address(org.locality),
                phone=self._phone(),
                email=f"{org.key}@{self.domain}",
                director=" ".join((director.last_name, director.first_name, director.patronymic)),
                is_venue=venue,
                venue_capacity=capacity,
            )

    # teachers --------------------------------------------------------------------------------

    def _allocation(self) -> list[tuple[D.OrgSpec, str]]:
        """(organisation, track) for every teacher of the municipality."""
        rng = self.rng
        total = max(MIN_PER_MUNICIPALITY, round(self.loader.teachers * self.spec.size))
        specs = [o for o in self._org_specs() if o.mix]
        service = next(o for o in specs if o.key == "service")
        slots: list[tuple[D.OrgSpec, str]] = [
            (service, "service_head"),
            (service, "service_methodist"),
            (service, "service_methodist"),
        ]
        others = [o for o in specs if o.key != "service"]
        weights = [o.size * rng.uniform(0.85, 1.15) for o in others]
        remaining = max(0, total - len(slots))
        shares = [remaining * w / sum(weights) for w in weights]
        counts = [int(s) for s in shares]
        by_remainder = sorted(range(len(others)), key=lambda i: shares[i] - counts[i], reverse=True)
        for i in by_remainder[: remaining - sum(counts)]:
            counts[i] += 1
        for org, count in zip(others, counts, strict=True):
            slots += [(org, weighted(rng, org.mix)) for _ in range(count)]
        self._fill_pools(slots)
        return slots

    def _fill_pools(self, slots: list[tuple[D.OrgSpec, str]]) -> None:
        """Give every association enough candidates: a head, 8+ members and a few leavers.

        A small district may draw too few teachers of a subject by chance; teachers of the
        most plentiful profile at a school that teaches the subject change profile instead.
        """
        rng = self.rng
        specs = [s for s in self.spec.associations if s.tracks and not s.is_council]

        def eligible(spec, org):
            return (not spec.school or org.key == spec.school) and bool(spec.tracks & set(org.mix))

        def have(spec) -> int:
            return sum(1 for org, track in slots if track in spec.tracks and eligible(spec, org))

        def spare(index: int) -> bool:
            org, track = slots[index]
            return all(
                have(other) > POOL_MINIMUM
                for other in specs
                if track in other.tracks and eligible(other, org)
            )

        for spec in specs:
            while have(spec) < POOL_MINIMUM:
                counts = defaultdict(int)
                for _org, track in slots:
                    counts[track] += 1
                donors = [
                    i
                    for i, (org, track) in enumerate(slots)
                    if track not in spec.tracks
                    and track in org.mix
                    and not track.startswith("service")
                    and eligible(spec, org)
                ]
                donors.sort(key=lambda i: (-counts[slots[i][1]], i))
                donor = next((i for i in donors if spare(i)), None)
                if donor is None:
                    break  # too few teachers in the municipality to fill this pool
                org = slots[donor][0]
                wanted = sorted(spec.tracks & set(org.mix))
                slots[donor] = (org, rng.choice(wanted))

    def _teachers(self) -> None:
        teachers = [self._teacher(org, track) for org, track in self._allocation()]
        for teacher in teachers:
            teacher.full_clean(exclude=["user"])
        self.teachers = bulk_create_with_history(teachers, Teacher, batch_size=BATCH)
        for teacher, original in zip(self.teachers, teachers, strict=True):
            for attr in ("_demo_track", "_demo_org", "_demo_subjects"):
                setattr(teacher, attr, getattr(original, attr))
        self._teacher_subjects()

    def _teacher_subjects(self) -> None:
        through = Teacher.subjects.through
        links = [
            through(teacher_id=t.pk, subject_id=self.loader.subjects[name].pk)
            for t in self.teachers
            for name in t._demo_subjects
        ]
        links = through.objects.bulk_create(links, batch_size=BATCH)
        # The teachers' first history entries list their subjects, as an edit would.
        history = Teacher.history.model
        m2m_history = history._meta.get_field("historicalteacher_subjects").related_model
        first = dict(
            history.objects.filter(id__in=[t.pk for t in self.teachers]).values_list(
                "id", "history_id"
            )
        )
        m2m_history.objects.bulk_create(
            [
                m2m_history(
                    id=link.pk,
                    teacher_id=link.teacher_id,
                    subject_id=link.subject_id,
                    history_id=first[link.teacher_id],
                )
                for link in links
            ],
            batch_size=BATCH,
        )

    def _birth(self, track: str) -> dt.date:
        rng = self.rng
        latest = {"service_head": 1982, "senior_educator": 1990, "do_methodist": 1995}.get(
            track, 2001
        )
        years = {y: w for y, w in BIRTH_YEAR_WEIGHTS.items() if y <= latest}
        year = int(weighted(rng, years))
        return dt.date(year, rng.randint(1, 12), rng.randint(1, 28))

    def _institution(self, level: str, graduated: int, track: str) -> str:
        rng = self.rng
        level_kind = D.UNIVERSITY if level in HIGHER else D.COLLEGE
        pedagogical = level in (
            EducationLevel.HIGHER_PEDAGOGICAL,
            EducationLevel.SECONDARY_VOCATIONAL_PEDAGOGICAL,
        )
        found = [
            i
            for i in D.INSTITUTIONS[self.spec.region]
            if i.level == level_kind and i.first <= graduated <= i.last
        ]
        preferred = [
            i for i in found if i.pedagogical == pedagogical and (not i.suits or track in i.suits)
        ] or [i for i in found if i.pedagogical]
        return rng.choice(preferred).name if preferred else ""

    def _specialty(self, track: T.Track, level: str, graduated: int) -> str:
        rng = self.rng
        if level == EducationLevel.HIGHER_PEDAGOGICAL:
            if graduated >= 2014:
                word = "профили" if "» и «" in track.profile else "профиль"
                return f"Педагогическое образование ({word} «{track.profile}»)"
            return rng.choice(track.specialties)
        if level == EducationLevel.HIGHER:
            return rng.choice(track.university or track.specialties)
        return rng.choice(track.college)

    def _teacher(self, org: D.OrgSpec, track_key: str) -> Teacher:
        rng, today = self.rng, self.today
        track = T.TRACKS[track_key]
        female = rng.random() < track.female
        birth = self._birth(track_key)
        name = N.full_name(rng, female=female, born=birth.year, region=self.spec.region)
        level = weighted(rng, track.education)
        if level in (T.CP, T.C) and not track.college:
            level = EducationLevel.HIGHER_PEDAGOGICAL  # no college diploma fits this position
        if level == T.C and not any(
            track_key in i.suits for i in D.INSTITUTIONS[self.spec.region] if i.level == D.COLLEGE
        ):
            level = T.CP  # no technical or culture college teaches this profession
        age = (
            rng.choice((21, 22, 22, 22, 23, 23, 24))
            if level in HIGHER
            else rng.choice((19, 19, 20))
        )
        last_graduation = today.year if today >= dt.date(today.year, 8, 20) else today.year - 1
        graduated = min(birth.year + age, last_graduation)
        started = dt.date(graduated, 8, rng.randint(15, 31))
        if rng.random() < 0.2:
            started = dt.date(graduated, 9, 1)
        working_since = teaching_since = started
        latest_start = today - dt.timedelta(days=30)
        if rng.random() < 0.14 and started < add_years(today, -10):
            # Came to school after some years in another job.
            teaching_since = dt.date(
                started.year + rng.randint(2, 8), rng.choice((8, 9)), rng.randint(1, 28)
            )
        teaching_since = min(teaching_since, latest_start)
        working_since = min(working_since, teaching_since)
        subjects = list(track.subjects)
        if track_key in ("primary", "history") and rng.random() < 0.25:
            subjects.append(T.ORKSE)
        position = self.spec.service_head if track_key == "service_head" else track.position
        category, assigned = self._category(teaching_since)
        years = (today - teaching_since).days // 365
        if (
            track_key in T.CLASS_TEACHER_TRACKS
            and years >= 12
            and category == Category.HIGHEST
            and rng.random() < 0.12
        ):
            position = f"заместитель директора по учебно-воспитательной работе, {position}"
        teacher = Teacher(
            municipality=self.municipality,
            organisation=self.orgs[org.key],
            last_name=name.last_name,
            first_name=name.first_name,
            patronymic=name.patronymic,
            gender=Gender.FEMALE if female else Gender.MALE,
            birth_date=birth,
            email=self._email(name) if rng.random() < 0.45 else "",
            position=position,
            education_level=level,
            education_institution=self._institution(level, graduated, track_key),
            graduation_year=graduated,
            specialty=self._specialty(track, level, graduated),
            teaching_since=teaching_since,
            working_since=working_since,
            category=category,
            category_assigned_on=assigned,
            awards=self._awards(teaching_since),
            honorary_titles=self._titles(teaching_since),
            is_active=track_key.startswith("service") or rng.random() > 0.015,
        )
        teacher._demo_track = track_key
        teacher._demo_org = org
        teacher._demo_subjects = subjects
        return teacher

    def _email(self, name: N.FullName) -> str:
        base = (
            f"{N.translit(name.last_name)}.{N.translit(name.first_name)[:1]}"
            f"{N.translit(name.patronymic)[:1]}"
        )
        email, n = f"{base}@{self.domain}", 1
        while email in self.emails:
            n += 1
            email = f"{base}{n}@{self.domain}"
        self.emails.add(email)
        return email

    def _category(self, teaching_since: dt.date) -> tuple[str, dt.date | None]:
        rng, today = self.rng, self.today
        years = (today - teaching_since).days / 365.25
        if years < 2:
            weights = {Category.NONE: 1}
        elif years < 5:
            weights = {Category.NONE: 40, Category.CONFORMITY: 30, Category.FIRST: 30}
        elif years < 15:
            weights = {
                Category.HIGHEST: 20,
                Category.FIRST: 42,
                Category.CONFORMITY: 24,
                Category.NONE: 14,
            }
        else:
            weights = {
                Category.HIGHEST: 42,
                Category.FIRST: 34,
                Category.CONFORMITY: 15,
                Category.NONE: 9,
            }
        category = weighted(rng, weights)
        window_start = add_years(today, -5) + DAY  # a category is valid for five years
        window_end = today - dt.timedelta(days=7)
        for candidate, after in (
            (Category.HIGHEST, 4),
            (Category.FIRST, 2),
            (Category.CONFORMITY, 2),
        ):
            if category != candidate:
                continue
            earliest = max(window_start, add_years(teaching_since, after))
            if earliest <= window_end:
                return candidate, workday(between(rng, earliest, window_end))
            category = {Category.HIGHEST: Category.FIRST, Category.FIRST: Category.CONFORMITY}.get(
                candidate, Category.NONE
            )
        return Category.NONE, None

    def _awards(self, teaching_since: dt.date) -> str:
        rng, today = self.rng, self.today
        years = (today - teaching_since).days // 365
        if years < 5 or rng.random() > min(0.5, 0.15 + 0.015 * (years - 5)):
            return ""
        local = ((1995, 2100, self.spec.award),)
        pools = ((local, 45), (self.region.ministry_award, 35), (D.FEDERAL_AWARDS, 20))
        awards = set()
        for _award in range(rng.choice((1, 1, 2, 2, 3))):
            pool = rng.choices([p for p, _w in pools], weights=[w for _p, w in pools])[0]
            first_year = teaching_since.year + 3
            options = [
                (title, year)
                for start, end, title in pool
                for year in range(max(first_year, start), min(today.year, end) + 1)
            ]
            if options:
                awards.add(rng.choice(options))
        return "\n".join(f"{title} ({year})" for title, year in sorted(awards, key=lambda a: a[1]))

    def _titles(self, teaching_since: dt.date) -> str:
        """At most one departmental title, and rarely «Заслуженный учитель»."""
        rng, today = self.rng, self.today
        years = (today - teaching_since).days // 365
        titles = []
        departmental = [
            (title, year)
            for start, end, title, after in D.HONORARY_TITLES
            for year in range(max(start, teaching_since.year + after), min(end, today.year) + 1)
        ]
        if years >= 15 and departmental and rng.random() < 0.14:
            titles.append(rng.choice(departmental))
        start, end, title, after = D.HONOURED_TEACHER
        first, last = max(start, teaching_since.year + after), min(end, today.year)
        if first <= last and rng.random() < 0.015:
            titles.append((title, rng.randint(first, last)))
        return "\n".join(f"{title} ({year})" for title, year in sorted(titles, key=lambda t: t[1]))

    def _themes(self) -> None:
        rng = self.rng
        current = SchoolYear.of(self.today)
        themes = []
        for teacher in self.teachers:
            if not teacher.is_active:
                continue
            track = T.TRACKS[teacher._demo_track]
            rural = not teacher._demo_org.locality.startswith("г.")

            def pick(track=track, rural=rural):
                if track.themes and rng.random() < 0.7:
                    theme = rng.choice(track.themes)
                else:
                    theme = rng.choice(T.GENERAL_THEMES)
                if rural and track.teaches_lessons and rng.random() < 0.15:
                    theme += " в условиях малокомплектной сельской школы"
                return theme

            this_year = pick() if rng.random() < 0.85 else None
            if this_year:
                themes.append(
                    SelfEducationTheme(
                        teacher=teacher, school_year=current.start_year, theme=this_year
                    )
                )
            if rng.random() < 0.5:
                last_year = this_year if this_year and rng.random() < 0.6 else pick()
                themes.append(
                    SelfEducationTheme(
                        teacher=teacher, school_year=current.previous.start_year, theme=last_year
                    )
                )
        for theme in themes:
            theme.full_clean()
        bulk_create_with_history(themes, SelfEducationTheme, batch_size=BATCH)

    # associations ------------------------------------------------------------------------------

    def _pool(self, spec: D.AssociationSpec) -> list[Teacher]:
        if spec.is_council:
            return []
        pool = [
            t
            for t in self.teachers
            if t.is_active
            and (t._demo_track in spec.tracks or spec.subjects & set(t._demo_subjects))
        ]
        if spec.school:
            school = self.orgs[spec.school]
            pool = [t for t in pool if t.organisation_id == school.pk]
        return pool

    def _plan_associations(self) -> None:
        rng = self.rng
        specs = self.spec.associations
        # Network groups are temporary (004 §3.3.2): the terms ending and the vacancy are
        # shown on the standing associations.
        regular = [
            s.key
            for s in specs
            if not (
                s.is_council
                or s.liquidated
                or s.kind in (AssociationKind.SHMO, AssociationKind.NETWORK)
            )
        ]
        soon, soon2, vacant = rng.sample(regular, 3)
        special = {soon: "soon", soon2: "soon", vacant: "vacant"}
        ordered = [s for s in specs if not s.is_council] + [s for s in specs if s.is_council]
        for spec in ordered:
            draft = AssociationDraft(spec, special.get(spec.key, ""))
            draft.terms = self._terms(draft)
            pool = self._pool(spec)
            self._heads(draft, pool)
            if spec.is_council:
                self._council_members(draft)
            else:
                self._members(draft, pool)
            self.associations[spec.key] = draft

    def _terms(self, draft: AssociationDraft) -> list[TermDraft]:
        """Consecutive terms of up to three years from the founding to today."""
        rng, today, spec = self.rng, self.today, draft.spec
        # Drawn whatever the branch, so the rest of the demo does not shift with the date.
        soon, vacant, later = rng.randint(12, 55), rng.randint(10, 45), rng.randint(200, 900)
        horizon = spec.liquidated or today
        terms, start = [], spec.founded
        while start <= horizon:
            end = add_years(start, 3) - DAY
            terms.append(TermDraft(start, end))
            start = end + DAY
        if spec.liquidated:
            if terms[-1].end > spec.liquidated:
                terms[-1].terminated = spec.liquidated
            return terms
        if draft.special == "soon":
            end = today + dt.timedelta(days=soon)
        elif draft.special == "vacant":
            end = today - dt.timedelta(days=vacant)
        elif (terms[-1].end - today).days < 75:
            # Keep the "ends soon" cases the two chosen ones, whatever day the demo loads.
            end = today + dt.timedelta(days=later)
        else:
            return terms
        return self._terms_ending(spec.founded, terms, end)

    @staticmethod
    def _terms_ending(founded: dt.date, terms: list[TermDraft], end: dt.date) -> list[TermDraft]:
        start = max(founded, add_years(end, -3) + DAY)
        kept = []
        for term in terms:
            if term.start >= start:
                break
            term.end = min(term.end, start - DAY)
            if (term.end - term.start).days >= 120:
                kept.append(term)
        kept.append(TermDraft(start, end))
        return kept

    def _free(self, teacher: Teacher, term: TermDraft) -> bool:
        end = term.terminated or term.end
        return all(e < term.start or s > end for s, e in self.busy[teacher.pk])

    def _choose_head(self, pool: list[Teacher], term: TermDraft) -> Teacher:
        """An experienced teacher with higher education and a high category (000 §3.4)."""
        rng = self.rng
        experienced = add_years(term.start, -3)
        free = [t for t in pool if t.teaching_since <= experienced and self._free(t, term)]
        qualified = [
            t
            for t in free
            if t.education_level in HIGHER and t.category in (Category.HIGHEST, Category.FIRST)
        ]
        highest = [t for t in qualified if t.category == Category.HIGHEST]
        for group in (highest if rng.random() < 0.8 else qualified, qualified, free):
            if group:
                return rng.choice(group)
        others = [
            t
            for t in (pool or self.teachers)
            if t.is_active
            and t.teaching_since <= term.start
            and self._free(t, term)
            and not t._demo_track.startswith("service")
        ]
        if others:
            return rng.choice(others)
        return min((t for t in self.teachers if t.is_active), key=lambda t: t.teaching_since)

    def _heads(self, draft: AssociationDraft, pool: list[Teacher]) -> None:
        previous = None
        for term in draft.terms:
            if draft.spec.is_council:
                term.teacher = self.service_head
            elif previous is not None and self.rng.random() < 0.6 and self._free(previous, term):
                term.teacher = previous  # renewed after a term with positive dynamics
            else:
                term.teacher = self._choose_head(pool, term)
            self.busy[term.teacher.pk].append((term.start, term.terminated or term.end))
            previous = term.teacher

    @property
    def service_head(self) -> Teacher:
        return next(t for t in self.teachers if t._demo_track == "service_head")

    def _join_date(self, earliest: dt.date, latest: dt.date, founded: dt.date) -> dt.date:
        rng = self.rng
        if earliest == founded and rng.random() < 0.5:
            return founded  # a founding member
        year = rng.randint(earliest.year, latest.year)
        day = dt.date(year, 9, 1) + dt.timedelta(days=rng.randint(0, 45))
        if rng.random() < 0.3:
            day = between(rng, earliest, latest)
        return min(max(day, earliest), latest)

    def _add_heads_as_members(self, draft: AssociationDraft) -> None:
        rng, spec = self.rng, draft.spec
        for term in draft.terms:
            teacher = term.teacher
            joined = max(
                spec.founded,
                term.start - dt.timedelta(days=rng.randint(0, 400)),
                teacher.teaching_since,
            )
            joined = min(joined, term.start)
            if teacher.pk in draft.members:
                joined = min(joined, draft.members[teacher.pk][1])
            draft.members[teacher.pk] = (teacher, joined, None)

    def _members(self, draft: AssociationDraft, pool: list[Teacher]) -> None:
        rng, today, spec = self.rng, self.today, draft.spec
        self._add_heads_as_members(draft)
        latest = (spec.liquidated or today) - dt.timedelta(days=20)
        target = rng.randint(8, 30)
        candidates = [t for t in pool if t.pk not in draft.members]
        rng.shuffle(candidates)
        for teacher in candidates:
            if len(draft.members) >= target:
                break
            earliest = max(spec.founded, teacher.teaching_since)
            if earliest > latest:
                continue
            draft.members[teacher.pk] = (
                teacher,
                self._join_date(earliest, latest, spec.founded),
                None,
            )
        heads = {term.teacher.pk for term in draft.terms}
        if spec.liquidated:
            return  # association_liquidate closes the memberships
        leavers = [
            pk
            for pk, (_t, joined, _left) in sorted(draft.members.items())
            if pk not in heads and joined <= today - dt.timedelta(days=200)
        ]
        # 8 current members stay; a tiny demo still shows one leaver.
        keep = 8 if len(draft.members) >= 8 else len(draft.members) - 1
        count = min(len(leavers), rng.choice((0, 1, 1, 2, 2, 3)), len(draft.members) - keep)
        for pk in rng.sample(leavers, max(0, count)):
            teacher, joined, _left = draft.members[pk]
            left = between(rng, joined + dt.timedelta(days=120), today - dt.timedelta(days=10))
            draft.members[pk] = (teacher, joined, left)

    def _current_term(self, draft: AssociationDraft) -> TermDraft | None:
        today = self.today
        for term in draft.terms:
            if term.start <= today <= term.end and not (
                term.terminated and term.terminated <= today
            ):
                return term
        return None

    def _council_members(self, draft: AssociationDraft) -> None:
        """The council: the service's methodists and the heads of the associations (000 §4.1)."""
        spec = draft.spec
        self._add_heads_as_members(draft)
        for other in self.associations.values():
            if other.spec.kind == AssociationKind.NETWORK:
                continue  # a temporary group's head is not thereby on the council
            term = self._current_term(other)
            if term is None or term.teacher.pk in draft.members:
                continue
            draft.members[term.teacher.pk] = (term.teacher, max(spec.founded, term.start), None)
        for teacher in self.teachers:
            if teacher._demo_track == "service_methodist" and teacher.pk not in draft.members:
                joined = max(spec.founded, teacher.teaching_since)
                draft.members[teacher.pk] = (teacher, joined, None)

    # orders ------------------------------------------------------------------------------------

    def _order(self, date, kind, title, text, number=None) -> OrderDraft:
        draft = OrderDraft(date, kind, title, text, number, seq=len(self.orders))
        self.orders.append(draft)
        return draft

    def _control(self) -> str:
        return "Контроль за исполнением настоящего приказа оставляю за собой."

    def _plan_orders(self) -> None:
        rng, spec = self.rng, self.spec
        regulation = spec.regulation
        self._order(
            regulation.date,
            OrderKind.REGULATION,
            regulation.title,
            regulation.text,
            regulation.number,
        )
        drafts = list(self.associations.values())
        by_founding: dict[dt.date, list[AssociationDraft]] = defaultdict(list)
        for draft in drafts:
            s = draft.spec
            if s.kind == AssociationKind.SHMO:
                continue  # a school association is created by the school's own order
            if s.is_council:
                date = workday(s.founded - dt.timedelta(days=rng.randint(1, 7)))
                draft.creation_order = self._order(
                    date,
                    OrderKind.COUNCIL,
                    f"О создании {s.genitive} и утверждении его состава",
                    f"В целях координации методической работы на муниципальном уровне\n\n"
                    f"ПРИКАЗЫВАЮ:\n1. Создать {s.genitive} с {fmt(s.founded)}.\n"
                    f"2. Утвердить состав {s.genitive} (приложение).\n3. {self._control()}",
                )
                continue
            by_founding[s.founded].append(draft)
        for founded, group in sorted(by_founding.items()):
            date = workday(founded - dt.timedelta(days=rng.randint(2, 10)))
            if regulation.date <= founded:
                date = max(date, regulation.date)
            if len(group) == 1:
                title = f"О создании {group[0].spec.genitive or group[0].spec.name}"
            else:
                title = f"О создании {spec.association_word}"
            if len(group) == 1:
                what = f" {group[0].spec.accusative or group[0].spec.name}."
            else:
                what = ":\n" + "\n".join(f"— {d.spec.name};" for d in group).rstrip(";") + "."
            order = self._order(
                date,
                OrderKind.CREATION,
                title,
                f"В соответствии с Положением, в целях совершенствования методической работы с "
                f"педагогическими работниками\n\nПРИКАЗЫВАЮ:\n1. Создать с {fmt(founded)}{what}\n"
                f"2. Руководителям образовательных организаций обеспечить участие "
                f"педагогических работников в работе объединений.\n3. {self._control()}",
            )
            for draft in group:
                draft.creation_order = order
        self._plan_appointments(drafts)
        for draft in drafts:
            if draft.spec.liquidated:
                self._plan_liquidation(draft)
        self._plan_yearly_orders()

    def _plan_appointments(self, drafts: list[AssociationDraft]) -> None:
        rng = self.rng
        by_start: dict[tuple, list[tuple[AssociationDraft, TermDraft]]] = defaultdict(list)
        for draft in drafts:
            if draft.spec.kind == AssociationKind.SHMO:
                continue  # the school's director appoints the head of a ШМО
            for term in draft.terms:
                # The council's chair gets an order of his own.
                by_start[(term.start, draft.spec.is_council)].append((draft, term))
        for (start, council), items in sorted(by_start.items()):
            floor = max(d.creation_order.date for d, _t in items)
            date = max(floor, workday(start - dt.timedelta(days=rng.randint(1, 8))))
            if len(items) == 1:
                s = items[0][0].spec
                word = "председателя" if council else "руководителя"
                title = f"О назначении {word} {s.genitive or s.name}"
            else:
                title = f"О назначении руководителей {self.spec.association_word}"
            role = "председателем" if council else "руководителями"
            lines = []
            for draft, term in items:
                t = term.teacher
                lines.append(
                    f"— {draft.spec.name} — {t.full_name}, {t.position}, "
                    f"{t.organisation.short_name or t.organisation.name} "
                    f"(срок полномочий с {fmt(term.start)} по {fmt(term.end)})"
                )
            order = self._order(
                date,
                OrderKind.APPOINTMENT,
                title,
                "В соответствии с Положением, по согласованию с руководителями образовательных "
                f"организаций\n\nПРИКАЗЫВАЮ:\n1. Назначить {role}:\n"
                + ";\n".join(lines)
                + ".\n2. "
                + self._control(),
            )
            for _draft, term in items:
                term.order = order

    def _plan_liquidation(self, draft: AssociationDraft) -> None:
        s = draft.spec
        date = workday(s.liquidated - dt.timedelta(days=self.rng.randint(0, 6)))
        date = max(date, draft.creation_order.date)
        creation = draft.creation_order

        def text() -> str:
            return (
                f"ПРИКАЗЫВАЮ:\n1. Ликвидировать {s.accusative or s.name} с {fmt(s.liquidated)} "
                f"{s.liquidation_reason}.\n2. Признать утратившим силу приказ от "
                f"{fmt(creation.date)} № {creation.number} в части создания "
                f"{s.genitive or s.name}.\n3. {self._control()}"
            )

        draft.liquidation_order = self._order(
            date, OrderKind.LIQUIDATION, f"О ликвидации {s.genitive or s.name}", text
        )

    def _plan_yearly_orders(self) -> None:
        rng, today, spec = self.rng, self.today, self.spec
        current = SchoolYear.of(today)
        council = next((d for d in self.associations.values() if d.spec.is_council), None)
        for sy in (current.previous, current):
            candidates = [
                (
                    workday(dt.date(sy.start_year, 8, rng.randint(25, 31))),
                    OrderKind.PLAN,
                    f"Об утверждении плана работы муниципальной методической службы на {sy} "
                    f"учебный год",
                    f"В целях организации методического сопровождения педагогических работников"
                    f"\n\nПРИКАЗЫВАЮ:\n1. Утвердить план работы муниципальной методической "
                    f"службы на {sy} учебный год (приложение).\n2. Руководителям "
                    f"образовательных организаций обеспечить участие педагогических работников "
                    f"в мероприятиях плана.\n3. {self._control()}",
                ),
                (
                    workday(dt.date(sy.start_year, 9, rng.randint(10, 20))),
                    OrderKind.PLAN,
                    f"Об утверждении планов работы {spec.association_word} на {sy} учебный год",
                    f"ПРИКАЗЫВАЮ:\n1. Утвердить планы работы {spec.association_word} на {sy} "
                    f"учебный год (приложение).\n2. Руководителям объединений разместить планы "
                    f"работы на сайте в разделе «Муниципальная методическая служба».\n"
                    f"3. {self._control()}",
                ),
            ]
            if council and sy.starts_on > council.spec.founded:
                candidates.append(
                    (
                        workday(dt.date(sy.start_year, 9, rng.randint(2, 9))),
                        OrderKind.COUNCIL,
                        f"Об утверждении состава {council.spec.genitive} на {sy} учебный год",
                        f"ПРИКАЗЫВАЮ:\n1. Утвердить состав {council.spec.genitive} на {sy} "
                        f"учебный год (приложение).\n2. {self._control()}",
                    )
                )
            # Every municipality runs the municipal stage of the all-Russian olympiad.
            candidates.append(
                (
                    workday(dt.date(sy.start_year, 10, rng.randint(20, 28))),
                    OrderKind.OTHER,
                    D.OLYMPIAD_ORDER.format(school_year=str(sy)),
                    D.OLYMPIAD_TEXT,
                )
            )
            for month_day, title, text in spec.extra_orders:
                month, day = (int(p) for p in month_day.split("-"))
                year = sy.start_year if month >= 9 else sy.start_year + 1
                formatted = title.format(year=year, school_year=str(sy))
                candidates.append(
                    (workday(dt.date(year, month, day)), OrderKind.OTHER, formatted, text)
                )
            for date, kind, title, text in candidates:
                if date <= today:
                    self._order(date, kind, title, text)

    def _number_orders(self) -> None:
        """Numbers grow with the date within a year and never repeat (uniq per year)."""
        rng = self.rng
        by_year: dict[int, list[OrderDraft]] = defaultdict(list)
        for order in self.orders:
            by_year[order.date.year].append(order)
        for orders in by_year.values():
            orders.sort(key=lambda o: (o.date, o.seq))
            used = {int(o.number) for o in orders if o.number}
            previous = 0
            for i, order in enumerate(orders):
                if order.number:
                    previous = max(previous, int(order.number))
                    continue
                day_of_year = order.date.timetuple().tm_yday
                number = max(
                    int(self.spec.orders_per_day * day_of_year) + rng.randint(1, 4), previous + 1
                )
                following = [int(o.number) for o in orders[i + 1 :] if o.number]
                if following and number >= following[0]:
                    number = previous + 1
                while number in used:
                    number += 1
                used.add(number)
                previous = number
                order.number = str(number)

    def _save_orders(self) -> None:
        for order in sorted(self.orders, key=lambda o: (o.date, int(o.number))):
            order.instance = order_create(
                user=None,
                municipality=self.municipality,
                number=order.number,
                date=order.date,
                issuer=self.spec.authority_name,
                kind=order.kind,
                title=order.title,
                text=order.text() if callable(order.text) else order.text,
            )

    def _save_associations(self) -> None:
        """Through the associations' services, as a methodist would: create, fill, appoint,
        liquidate. Memberships go in bulk (hundreds of rows), validated one by one first."""
        drafts = list(self.associations.values())
        for draft in drafts:
            s = draft.spec
            draft.instance = association_create(
                user=None,
                municipality=self.municipality,
                kind=s.kind,
                name=s.name,
                area=s.area,
                teacher_category=s.teacher_category,
                description=s.description,
                founded_on=s.founded,
                parent=self.associations[s.parent].instance if s.parent else None,
                organisation=self.orgs[s.school] if s.school else None,
                creation_order=draft.creation_order.instance if draft.creation_order else None,
            )
        memberships = [
            Membership(association=draft.instance, teacher=teacher, joined_on=joined, left_on=left)
            for draft in drafts
            for teacher, joined, left in draft.members.values()
        ]
        for membership in memberships:
            membership.full_clean()
        bulk_create_with_history(memberships, Membership, batch_size=BATCH)
        for draft in drafts:
            for term in draft.terms:
                # Heads are members already, so head_appoint adds no membership.
                head_appoint(
                    user=None,
                    association=draft.instance,
                    teacher=term.teacher,
                    order=term.order.instance if term.order else None,
                    starts_on=term.start,
                    ends_on=term.end,
                )
            if draft.spec.liquidated:
                association_liquidate(
                    user=None,
                    association=draft.instance,
                    on=draft.spec.liquidated,
                    order=draft.liquidation_order.instance,
                )

    # users -------------------------------------------------------------------------------------

    def _pick_logins(self) -> None:
        """The demo's head and member logins: a head and one of his current members."""
        rng, today = self.rng, self.today
        current_heads = {
            term.teacher.pk
            for draft in self.associations.values()
            if (term := self._current_term(draft))
        }

        def current_members(draft):
            return [
                t
                for t, _joined, left in draft.members.values()
                if left is None
                and t.is_active
                and t.pk not in current_heads
                and not t._demo_track.startswith("service")
            ]

        showcase = [
            d
            for d in self.associations.values()
            if not (d.special or d.spec.is_council or d.spec.liquidated)
            and d.spec.kind not in (AssociationKind.SHMO, AssociationKind.NETWORK)
            and self._current_term(d)
        ]
        showcase.sort(key=lambda d: len(current_members(d)), reverse=True)
        draft = showcase[0]
        self.head_login = self._current_term(draft).teacher
        members = current_members(draft)
        if members:
            self.member_login = rng.choice(members)
            return
        # A tiny demo (--teachers 10) may leave the association without other members.
        others = [
            t
            for t in self.teachers
            if t.is_active and t.pk not in current_heads and not t._demo_track.startswith("service")
        ] or [t for t in self.teachers if t.is_active and t is not self.head_login]
        self.member_login = teacher = rng.choice(others)
        joined = min(max(draft.spec.founded, teacher.teaching_since), today - DAY)
        draft.members[teacher.pk] = (teacher, joined, None)

    def _users(self) -> None:
        domain = self.domain
        methodist = next(t for t in self.teachers if t._demo_track == "service_methodist")
        self.loader.user(
            email=f"methodist@{domain}",
            role=Role.METHODIST,
            name=N.FullName(methodist.last_name, methodist.first_name, methodist.patronymic),
            municipality=self.municipality,
        )
        self._link(self.head_login, f"head@{domain}")
        self._link(self.member_login, f"teacher@{domain}")

    def _link(self, teacher: Teacher, email: str) -> None:
        user = self.loader.user(
            email=email,
            role=Role.TEACHER,
            name=N.FullName(teacher.last_name, teacher.first_name, teacher.patronymic),
            municipality=self.municipality,
        )
        teacher_update(user=None, teacher=teacher, data={"user": user, "email": email})


# --- entry points ---------------------------------------------------------------------------


def _known_fk(self, value, model_instance) -> None:
    """ForeignKey.validate without its query: the loader's rows refer to rows it has just
    made in the same transaction, and the database checks the references anyway."""
    if self.remote_field.parent_link:
        return
    super(ForeignKey, self).validate(value, model_instance)


def _database_constraints(self, exclude=None) -> None:
    """Model.validate_constraints left to the database, which enforces the same unique and
    check constraints (an error there is a bug of the loader, not a user's mistake)."""


@contextmanager
def trusted_load():
    """The demo's writes without the per-row work that serves users and not a loader:
    full_clean runs (every field, every clean()) but asks the database neither whether
    each foreign key exists nor whether each unique constraint holds; the indicator cache
    and the search index are not refreshed on every save, but once at the end (bank_load
    rebuilds the index). With the items of a plan in one insert, the demo loads with about
    a quarter less CPU time."""
    from metodset.indicators import signals as indicator_signals
    from metodset.library import indexing

    saved = ForeignKey.validate, Model.validate_constraints
    ForeignKey.validate = _known_fk  # type: ignore[method-assign]
    Model.validate_constraints = _database_constraints  # type: ignore[method-assign]
    labels = indicator_signals.sources()
    for label in labels:
        post_save.disconnect(sender=apps.get_model(label), dispatch_uid=f"indicators-save-{label}")
    for model, uid in ((Plan, "library-index-plan"), (Event, "library-index-event")):
        post_save.disconnect(sender=model, dispatch_uid=uid)
    try:
        yield
    finally:
        ForeignKey.validate, Model.validate_constraints = saved  # type: ignore[method-assign]
        indicator_signals.connect()
        indexing.connect()
        transaction.on_commit(bump_version)


@transaction.atomic
def demo_load(*, seed: int = D.DEFAULT_SEED, teachers: int = D.DEFAULT_TEACHERS) -> None:
    """Create the whole demo in one transaction: everything or nothing."""
    if not MIN_TEACHERS <= teachers <= MAX_TEACHERS:
        raise ValueError(f"teachers must be between {MIN_TEACHERS} and {MAX_TEACHERS}")
    with trusted_load():
        Loader(seed=seed, teachers=teachers, today=timezone.localdate()).load()


def demo_counts() -> list[tuple[str, int]]:
    municipalities = Municipality.objects.filter(slug__in=demo_slugs())
    in_demo = {"municipality__in": municipalities}
    return [
        (pgettext("demo summary", "municipalities"), municipalities.count()),
        (pgettext("demo summary", "organisations"), Organisation.objects.filter(**in_demo).count()),
        (pgettext("demo summary", "teachers"), Teacher.objects.filter(**in_demo).count()),
        (
            pgettext("demo summary", "self-education themes"),
            SelfEducationTheme.objects.filter(teacher__municipality__in=municipalities).count(),
        ),
        (pgettext("demo summary", "orders"), Order.objects.filter(**in_demo).count()),
        (pgettext("demo summary", "associations"), Association.objects.filter(**in_demo).count()),
        (
            pgettext("demo summary", "head appointments"),
            HeadAppointment.objects.filter(association__municipality__in=municipalities).count(),
        ),
        (
            pgettext("demo summary", "memberships"),
            Membership.objects.filter(association__municipality__in=municipalities).count(),
        ),
        (
            pgettext("demo summary", "regulations"),
            Regulation.objects.filter(**in_demo).count(),
        ),
        (pgettext("demo summary", "accounts"), len(demo_accounts())),
    ]
