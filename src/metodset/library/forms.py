from django import forms
from django.utils.translation import gettext_lazy as _

from metodset.accounts.models import User
from metodset.core.dates import SchoolYear
from metodset.core.files import LIBRARY_FILE
from metodset.core.forms import ScopedModelForm
from metodset.library.models import (
    EntryKind,
    Material,
    MaterialKind,
    News,
    Practice,
    PracticeLevel,
    PracticeStatus,
    ReviewCriterion,
    Verdict,
)


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files at once; each is checked by the service (type by content, size)."""

    def __init__(self, *args, **kwargs):
        accept = ",".join(f".{e}" for e in LIBRARY_FILE.extensions)
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": accept}))
        kwargs.setdefault("required", False)
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(d, initial) for d in data if d]
        return [single(data, initial)] if data else []


def _year_choices():
    this = SchoolYear.current().start_year
    return [(y, str(SchoolYear(y))) for y in range(this + 1, this - 6, -1)]


class MaterialForm(ScopedModelForm):
    files = MultipleFileField(
        label=_("Files"),
        help_text=_("PDF, Office or OpenDocument files, images or ZIP, up to %(mb)s MB each.")
        % {"mb": LIBRARY_FILE.max_mb},
    )
    school_year = forms.TypedChoiceField(label=_("School year"), coerce=int, choices=())

    class Meta:
        model = Material
        fields = [
            "kind",
            "title",
            "summary",
            "subject",
            "level",
            "age_group",
            "tags",
            "authors",
            "association",
            "school_year",
            "link",
            "visibility",
            "adopted_by",
            "adopted_on",
        ]
        widgets = {"authors": forms.CheckboxSelectMultiple}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["school_year"].choices = _year_choices()
        if "kind" in self.fields:
            self.fields["kind"].choices = [
                c for c in self.fields["kind"].choices if c[0] != MaterialKind.PRACTICE
            ]
        # The widget first: a queryset set afterwards gives the new widget its options (the
        # other way round the list rendered empty, found by the e2e test of the bank).
        self.fields["authors"].widget = forms.SelectMultiple(attrs={"size": 6})
        self.fields["authors"].queryset = self.fields["authors"].queryset.filter(is_active=True)


class PracticeForm(MaterialForm):
    class Meta(MaterialForm.Meta):
        model = Practice
        fields = [
            "title",
            "summary",
            "description",
            "conditions",
            "results",
            "where_to_see",
            "contact",
            "subject",
            "level",
            "age_group",
            "tags",
            "authors",
            "association",
            "school_year",
            "link",
            "visibility",
        ]


class ExpertsForm(forms.Form):
    experts = forms.ModelMultipleChoiceField(
        queryset=User.objects.none(),
        label=_("Experts"),
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, practice: Practice, **kwargs):
        super().__init__(*args, **kwargs)
        excluded = practice.author_user_ids() | set(
            practice.reviews.filter(round=practice.review_round).values_list("expert_id", flat=True)
        )
        self.fields["experts"].queryset = (
            User.objects.filter(municipality_id=practice.municipality_id, is_active=True)
            .exclude(pk__in=excluded)
            .order_by("last_name", "first_name")
        )


class ReviewForm(forms.Form):
    verdict = forms.ChoiceField(
        label=_("Verdict"), choices=Verdict.choices, widget=forms.RadioSelect
    )
    opinion = forms.CharField(label=_("Written opinion"), widget=forms.Textarea)

    def __init__(self, *args, criteria: list[ReviewCriterion], **kwargs):
        super().__init__(*args, **kwargs)
        scores = {
            f"score_{c.pk}": forms.TypedChoiceField(
                label=c.name,
                coerce=int,
                choices=[(n, str(n)) for n in range(c.max_score + 1)],
                widget=forms.RadioSelect,
            )
            for c in criteria
        }
        self.fields = {**scores, **self.fields}
        self.criteria = criteria

    def scores(self) -> dict[int, int]:
        return {c.pk: self.cleaned_data[f"score_{c.pk}"] for c in self.criteria}


class AcceptForm(forms.Form):
    level = forms.ChoiceField(label=_("Level of acceptance"), choices=PracticeLevel.choices)
    decision = forms.CharField(
        label=_("Decision"),
        max_length=300,
        required=False,
        help_text=_("E.g. the minutes of the methodical council."),
    )
    publish = forms.BooleanField(label=_("Publish it now"), required=False)


class CriterionForm(forms.ModelForm):
    class Meta:
        model = ReviewCriterion
        fields = ["name", "max_score", "position", "is_active"]


class ReviewersForm(forms.Form):
    reviewers = forms.IntegerField(label=_("Reviews required"), min_value=1, max_value=5)


class NewsForm(ScopedModelForm):
    class Meta:
        model = News
        fields = [
            "title",
            "text",
            "is_announcement",
            "association",
            "audience",
            "is_draft",
            "publish_at",
        ]
        widgets = {"publish_at": forms.DateTimeInput(attrs={"type": "datetime-local"})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["publish_at"].input_formats = ["%Y-%m-%dT%H:%M", "%d.%m.%Y %H:%M"]
        if self.user.is_teacher:
            self.fields["association"].queryset = self.fields["association"].queryset.filter(
                pk__in=self.user.headed_association_ids
            )
            self.fields["association"].required = True


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Words to find"), max_length=200, required=False)
    entry = forms.ChoiceField(
        label=_("What"), choices=[("", _("everything")), *list(EntryKind.choices)], required=False
    )
    kind = forms.ChoiceField(
        label=_("Kind"), choices=[("", _("any")), *list(MaterialKind.choices)], required=False
    )
    subject = forms.IntegerField(required=False, widget=forms.HiddenInput)
    level = forms.CharField(required=False, widget=forms.HiddenInput)
    association = forms.IntegerField(required=False, widget=forms.HiddenInput)
    year = forms.TypedChoiceField(label=_("School year"), coerce=int, required=False, choices=())
    status = forms.ChoiceField(
        label=_("Review status"),
        choices=[("", _("any")), *list(PracticeStatus.choices)],
        required=False,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [("", _("any")), *_year_choices()]

    def filters(self) -> dict:
        data = self.cleaned_data
        pairs = {
            "entry_kind": data.get("entry"),
            "kind": data.get("kind"),
            "subject_id": data.get("subject"),
            "level": data.get("level"),
            "association_id": data.get("association"),
            "school_year": data.get("year"),
            "review_status": data.get("status"),
        }
        return {k: v for k, v in pairs.items() if v not in (None, "")}
