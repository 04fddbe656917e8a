from django.core.exceptions import ValidationError
from django.core.validators import FileExtensionValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

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
    date = models.DateField(_("date"))
    # Stored so that "one number per municipality per year" is a database constraint.
    year = models.PositiveSmallIntegerField(_("year"), editable=False, blank=True)
    issuer = models.CharField(
        _("issued by"), max_length=300, help_text=_("The body that issued the order.")
    )
    kind = models.CharField(_("kind"), max_length=32, choices=OrderKind.choices)
    title = models.CharField(_("title"), max_length=500)
    text = models.TextField(_("text"), blank=True)
    file = models.FileField(
        _("file"),
        upload_to="orders/%Y/",
        blank=True,
        validators=[FileExtensionValidator(["pdf", "docx", "doc", "odt", "jpg", "png"])],
    )
    history = HistoricalRecords()

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

    def clean(self):
        super().clean()
        if self.date:
            self.year = self.date.year
            duplicate = (
                Order.objects.filter(
                    municipality_id=self.municipality_id,
                    year=self.year,
                    number__iexact=self.number.strip(),
                )
                .exclude(pk=self.pk)
                .exists()
            )
            if duplicate:
                raise ValidationError(
                    {
                        "number": _(
                            "Order No. %(number)s of %(year)s already exists in this municipality."
                        )
                        % {"number": self.number, "year": self.year}
                    }
                )
        if self.file and self.file.size > 10 * 1024 * 1024:
            raise ValidationError({"file": _("The file is larger than 10 MB.")})

    def save(self, *args, **kwargs):
        self.year = self.date.year
        super().save(*args, **kwargs)
