from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from metodset.acts.forms import OrderChoiceField
from metodset.acts.models import Order
from metodset.core.autocomplete import autocomplete
from metodset.core.concurrency import EditTokenMixin
from metodset.core.dates import SchoolYear
from metodset.core.forms import DateInput
from metodset.meetings.models import AgendaItem
from metodset.orgs.models import Organisation
from metodset.people.models import Teacher
from metodset.plans.models import ItemStatus, Plan, PlanItem
from metodset.plans.selectors import adoption_choices


def new_plan_year(today=None) -> SchoolYear:
    """The school year a new plan is most likely for: the current one, the next from May.

    In May the year's work is analysed and the next year's plan composed and handed in
    (000 §9.5: by 31 May); from September the current year's plan is the one missing.
    """
    today = today or timezone.localdate()
    current = SchoolYear.of(today)
    return SchoolYear(current.start_year + 1) if 5 <= today.month <= 8 else current


def school_year_choices(around: SchoolYear | None = None) -> list[tuple[int, str]]:
    """The previous, current and next two school years: a plan is composed ahead."""
    current = around or SchoolYear.current()
    return [(y, str(SchoolYear(y))) for y in range(current.start_year - 1, current.start_year + 3)]


class PlanForm(EditTokenMixin, forms.ModelForm):
    school_year = forms.TypedChoiceField(label=_("School year"), coerce=int, choices=())

    class Meta:
        model = Plan
        fields = ["school_year", "theme", "goal", "priorities", "tasks"]
        widgets = {
            "theme": forms.Textarea(attrs={"rows": 2}),
            "goal": forms.Textarea(attrs={"rows": 3}),
            "priorities": forms.Textarea(attrs={"rows": 4}),
            "tasks": forms.Textarea(attrs={"rows": 5}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            # The year is the plan's identity; a plan for another year is a new plan.
            del self.fields["school_year"]
        else:
            self.fields["school_year"].choices = school_year_choices()
            # The instance's empty year would otherwise win over the field's initial value
            # and the select would open on its first option, a finished school year.
            self.initial["school_year"] = (
                self.initial.get("school_year") or new_plan_year().start_year
            )


class CopyForm(forms.Form):
    school_year = forms.TypedChoiceField(label=_("School year of the new plan"), coerce=int)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["school_year"].choices = school_year_choices()
        self.fields["school_year"].initial = new_plan_year().start_year


class PlanItemForm(EditTokenMixin, forms.ModelForm):
    class Meta:
        model = PlanItem
        fields = [
            "date",
            "month",
            "form",
            "topic",
            "responsible",
            "responsible_note",
            "venue",
            "expected_result",
        ]
        widgets = {
            "date": DateInput(),
            "topic": forms.Textarea(attrs={"rows": 2}),
            "expected_result": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, user, plan: Plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.plan = plan
        self.fields["responsible"].queryset = Teacher.objects.working_in(
            plan.municipality_id
        ).order_by("last_name", "first_name", "patronymic")
        self.fields["venue"].queryset = Organisation.objects.for_user(user).filter(
            municipality_id=plan.municipality_id, is_venue=True
        )
        autocomplete(
            self.fields["responsible"],
            "teachers",
            filters={"municipality": plan.municipality_id},
            help_text=_("Find each by a part of the name; untick one to take him off."),
        )
        autocomplete(
            self.fields["venue"],
            "organisations",
            filters={"municipality": plan.municipality_id, "venue": 1},
        )

    def model_data(self) -> dict:
        return dict(self.cleaned_data)


class ItemStatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=ItemStatus.choices)
    reason = forms.CharField(
        label=_("Reason"),
        required=False,
        max_length=500,
        help_text=_("Required for a moved or cancelled item."),
    )
    moved_to = forms.DateField(label=_("Moved to"), required=False, widget=DateInput())


def decision_label(question: AgendaItem) -> str:
    """«Протокол № 3 от 12.11.2025, вопрос 2: …» for a choice of an adopting decision."""
    return _("Minutes No. %(number)s of %(date)s, question %(position)s: %(title)s") % {
        "number": question.meeting.number,
        "date": question.meeting.date.strftime("%d.%m.%Y"),
        "position": question.position,
        "title": question.title if len(question.title) <= 90 else f"{question.title[:89]}…",
    }


class AdoptForm(forms.Form):
    decision = forms.ModelChoiceField(
        AgendaItem.objects.none(),
        label=_("Decision of the meeting"),
        help_text=_(
            "A question of a meeting already held, with its decision, e.g. "
            "«Принять план работы на учебный год»."
        ),
    )

    def __init__(self, *args, plan: Plan, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["decision"]
        field.queryset = adoption_choices(plan)
        field.label_from_instance = decision_label


class ApproveForm(forms.Form):
    order = OrderChoiceField(
        Order.objects.none(),
        label=_("Order of approval"),
        required=False,
        help_text=_("Where the municipality's regulation approves the plan by an order."),
    )

    def __init__(self, *args, user, plan: Plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["order"].queryset = (
            Order.objects.for_user(user)
            .filter(municipality_id=plan.municipality_id, date__gte=plan.year.previous.starts_on)
            .order_by("-date", "-pk")
        )
        autocomplete(
            self.fields["order"],
            "orders",
            filters={
                "municipality": plan.municipality_id,
                "since": plan.year.previous.starts_on.isoformat(),
            },
        )


class ReturnForm(forms.Form):
    reason = forms.CharField(
        label=_("Why is the plan returned?"), widget=forms.Textarea(attrs={"rows": 3})
    )


class ItemMeetingForm(forms.Form):
    date = forms.DateField(label=_("Date"), widget=DateInput())
    starts_at = forms.TimeField(
        label=_("Time"), required=False, widget=forms.TimeInput(attrs={"type": "time"})
    )
    venue = forms.ModelChoiceField(Organisation.objects.none(), label=_("Place"), required=False)
    online_url = forms.URLField(label=_("Online link"), required=False)

    def __init__(self, *args, user, item: PlanItem, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["venue"].queryset = Organisation.objects.for_user(user).filter(
            municipality_id=item.plan.municipality_id
        )
        self.fields["date"].initial = item.date
        self.fields["venue"].initial = item.venue_id
        autocomplete(
            self.fields["venue"],
            "organisations",
            filters={"municipality": item.plan.municipality_id},
        )
