import re

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from metodset.core.files import ORDER, download_name, extension_of, private_file_field
from metodset.core.models import MunicipalityOwned


class OrderKind(models.TextChoices):
    CREATION = "creation", _("Creation of an association")
    LIQUIDATION = "liquidation", _("Liquidation of an association")
    APPOINTMENT = "appointment", _("Appointment of a head")
    REGULATION = "regulation", _("Approval of a regulation")
    PLAN = "plan", _("Approval of a plan")
    COUNCIL = "council", _("Approval of the council composition")
    OTHER = "other", _("Other")


class Order(MunicipalityOwned):
    """An order (приказ) of the education authority."""

    number = models.CharField(_("number"), max_length=40)
    # The number's leading digits, so that № 9 sorts before № 157 («45-од» sorts as 45).
    number_value = models.PositiveBigIntegerField(null=True, editable=False)
    date = models.DateField(_("date"))
    # Stored so that "one number per municipality per year" is a database constraint.
    year = models.PositiveSmallIntegerField(_("year"), editable=False, blank=True)
    issuer = models.CharField(
        _("issued by"), max_length=300, help_text=_("The body that issued the order.")
    )
    kind = models.CharField(_("kind"), max_length=32, choices=OrderKind.choices)
    title = models.CharField(_("title"), max_length=500)
    text = models.TextField(_("text"), blank=True)
    file = private_file_field(
        ORDER,
        _("file"),
        blank=True,
        help_text=_("The signed order: PDF, DOCX, DOC, ODT, JPG or PNG, up to 10 MB."),
    )
    history = HistoricalRecords(excluded_fields=["number_value"])

    class Meta:
        ordering = ["-date", "-pk"]
        verbose_name = _("order")
        verbose_name_plural = _("orders")
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "year", "number"],
                name="uniq_order_number_per_year",
                violation_error_message=_(
                    "An order with this number already exists in this municipality this year."
                ),
            )
        ]

    def __str__(self) -> str:
        return _("Order No. %(number)s of %(date)s") % {
            "number": self.number,
            "date": self.date.strftime("%d.%m.%Y"),
        }

    def get_absolute_url(self) -> str:
        return reverse("acts:detail", args=[self.pk])

    @property
    def file_extension(self) -> str:
        return extension_of(self.file.name) if self.file else ""

    @property
    def file_size(self) -> int | None:
        """The stored file's size, or None when there is none (or it has gone missing)."""
        if not self.file:
            return None
        try:
            return self.file.size
        except OSError:
            return None

    def download_name(self) -> str:
        """«Приказ № 157 от 09.09.2024.pdf»: the requisites, safe as a file name."""
        return download_name(str(self), self.file.name)

    def clean(self):
        super().clean()
        self.number = (self.number or "").strip()
        if self.date:
            self.year = self.date.year
            # Compared in Python: SQLite folds the case of Latin letters only, and
            # «45-ОД» is the same number as «45-од». A year holds a few hundred orders.
            numbers = (
                Order.objects.filter(municipality_id=self.municipality_id, year=self.year)
                .exclude(pk=self.pk)
                .values_list("number", flat=True)
            )
            duplicate = self.number.casefold() in {n.strip().casefold() for n in numbers}
            if duplicate:
                raise ValidationError(
                    {
                        "number": _(
                            "Order No. %(number)s of %(year)s already exists in this municipality."
                        )
                        % {"number": self.number, "year": self.year}
                    }
                )

    def save(self, *args, **kwargs):
        self.year = self.date.year
        self.number_value = leading_number(self.number)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            # Derived fields follow the fields they come from (a new date may fall in
            # another year, and the constraint reads the stored year).
            update_fields = set(update_fields)
            if "date" in update_fields:
                update_fields.add("year")
            if "number" in update_fields:
                update_fields.add("number_value")
            kwargs["update_fields"] = update_fields
        super().save(*args, **kwargs)


def leading_number(number: str) -> int | None:
    """157 for «157», 45 for «45-од», None for «б/н»."""
    match = re.match(r"\s*(\d{1,15})", number or "")
    return int(match.group(1)) if match else None
