from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from metodset.core.roles import Role

__all__ = ["Role", "User", "UserManager"]


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create(self, email, password, **fields):
        if not email:
            raise ValueError("email is required")
        user = self.model(email=self.normalize_email(email).lower(), **fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def get_by_natural_key(self, username):
        # E-mail addresses are stored lower-case; people type them as they like.
        return self.get(email__iexact=username)

    def create_user(self, email, password=None, **fields):
        fields.setdefault("is_staff", False)
        fields.setdefault("is_superuser", False)
        return self._create(email, password, **fields)

    def create_superuser(self, email, password=None, **fields):
        fields.update(is_staff=True, is_superuser=True, role=Role.PLATFORM_ADMIN)
        return self._create(email, password, **fields)


class User(AbstractBaseUser, PermissionsMixin):
    """A person who logs in. Login is by e-mail.

    `role` fixes the breadth of what the user sees (platform, region,
    municipality). Heading an association is not a stored role: it follows from
    a current head appointment (see `heads_associations`).
    """

    email = models.EmailField(_("e-mail"), unique=True)
    last_name = models.CharField(_("last name"), max_length=100)
    first_name = models.CharField(_("first name"), max_length=100)
    patronymic = models.CharField(_("patronymic"), max_length=100, blank=True)
    role = models.CharField(_("role"), max_length=32, choices=Role.choices, default=Role.TEACHER)
    region = models.ForeignKey(
        "core.Region",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="users",
        verbose_name=_("region"),
        help_text=_("For a regional coordinator."),
    )
    municipality = models.ForeignKey(
        "core.Municipality",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="users",
        verbose_name=_("municipality"),
    )
    is_active = models.BooleanField(_("account active"), default=True)
    is_staff = models.BooleanField(_("access to the admin site"), default=False)
    date_joined = models.DateTimeField(_("registered"), default=timezone.now)
    history = HistoricalRecords(excluded_fields=["password", "last_login"])

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["last_name", "first_name"]

    class Meta:
        ordering = ["last_name", "first_name"]
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self) -> str:
        return self.get_full_name() or self.email

    def clean(self):
        super().clean()
        self.email = self.email.lower()
        if self.role == Role.REGIONAL_COORDINATOR and not self.region_id:
            raise ValidationError({"region": _("A regional coordinator needs a region.")})
        if self.role in (Role.METHODIST, Role.TEACHER) and not self.municipality_id:
            raise ValidationError({"municipality": _("This role needs a municipality.")})

    def get_full_name(self) -> str:
        return " ".join(p for p in (self.last_name, self.first_name, self.patronymic) if p)

    def get_short_name(self) -> str:
        initials = "".join(f"{p[0]}." for p in (self.first_name, self.patronymic) if p)
        return f"{self.last_name} {initials}".strip()

    @property
    def is_platform_admin(self) -> bool:
        return self.is_superuser or self.role == Role.PLATFORM_ADMIN

    @property
    def is_regional_coordinator(self) -> bool:
        return self.role == Role.REGIONAL_COORDINATOR

    @property
    def is_methodist(self) -> bool:
        return self.role == Role.METHODIST

    @property
    def is_teacher(self) -> bool:
        return self.role == Role.TEACHER

    @cached_property
    def teacher_id(self) -> int | None:
        """The teacher-bank record of this user, if he is a teacher."""
        profile = getattr(self, "teacher_profile", None)
        return profile.pk if profile else None

    @cached_property
    def headed_association_ids(self) -> frozenset[int]:
        """Associations this user heads today (a current head appointment)."""
        if not self.teacher_id:
            return frozenset()
        # Through the teacher's reverse relation: accounts sits below associations.
        return frozenset(
            self.teacher_profile.head_appointments.current().values_list(
                "association_id", flat=True
            )
        )

    @property
    def is_head(self) -> bool:
        return bool(self.headed_association_ids)

    @property
    def role_label(self) -> str:
        if self.is_teacher and self.is_head:
            return str(_("Head of an association"))
        return self.get_role_display()
