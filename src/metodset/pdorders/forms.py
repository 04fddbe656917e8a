from django import forms
from django.utils.translation import gettext_lazy as _

from metodset.core.autocomplete import autocomplete
from metodset.core.forms import DateInput
from metodset.growth.models import Competence
from metodset.pdorders.models import PDRequest, PDRequestLine, PlannedCourse, Source
from metodset.pdorders.selectors import Proposal
from metodset.pdorders.services import ChosenLine
from metodset.people.models import Teacher


class RequestForm(forms.ModelForm):
    class Meta:
        model = PDRequest
        fields = ["school_year"]


class ProposalForm(forms.Form):
    """The proposed lines as rows to tick: a line goes in only when a person ticks it and
    gives its hours; the names go in only when ticked too (where they are agreed)."""

    def __init__(self, *args, proposals: list[Proposal], **kwargs):
        super().__init__(*args, **kwargs)
        self.proposals = proposals
        for p in proposals:
            self.fields[f"{p.key}-choose"] = forms.BooleanField(required=False, label=p.topic)
            self.fields[f"{p.key}-hours"] = forms.IntegerField(
                required=False, min_value=1, max_value=2000, initial=p.hours, label=_("hours")
            )
            self.fields[f"{p.key}-places"] = forms.IntegerField(
                required=False, min_value=1, max_value=10000, initial=p.places, label=_("places")
            )
            self.fields[f"{p.key}-names"] = forms.BooleanField(
                required=False, label=_("with the names")
            )

    def rows(self):
        for p in self.proposals:
            yield p, [self[f"{p.key}-{part}"] for part in ("choose", "hours", "places", "names")]

    def clean(self):
        data = super().clean()
        chosen = [p for p in self.proposals if data.get(f"{p.key}-choose")]
        if not chosen:
            raise forms.ValidationError(_("Tick the lines that go into the request."))
        for p in chosen:
            for part in ("hours", "places"):
                if not data.get(f"{p.key}-{part}"):
                    self.add_error(f"{p.key}-{part}", _("Required for a line that goes in."))
        return data

    def chosen(self, competences: dict[int, Competence]) -> list[ChosenLine]:
        data = self.cleaned_data
        return [
            ChosenLine(
                topic=p.topic,
                hours=data[f"{p.key}-hours"],
                places=data[f"{p.key}-places"],
                source=p.source,
                competence=competences.get(p.competence_id) if p.competence_id else None,
                teachers=p.teachers if data.get(f"{p.key}-names") else [],
                note=p.reason[:400],
            )
            for p in self.proposals
            if data.get(f"{p.key}-choose")
        ]


class LineForm(forms.ModelForm):
    class Meta:
        model = PDRequestLine
        fields = ["topic", "competence", "hours", "places", "teachers", "note"]

    def __init__(self, *args, request: PDRequest, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.request = request
        if self.instance.pk is None:
            self.instance.source = Source.MANUAL
        self.fields["competence"].queryset = Competence.objects.filter(
            municipality_id=request.municipality_id
        )
        self.fields["teachers"].queryset = Teacher.objects.working_in(request.municipality_id)
        autocomplete(
            self.fields["teachers"], "teachers", filters={"municipality": request.municipality_id}
        )


class CourseForm(forms.ModelForm):
    class Meta:
        model = PlannedCourse
        fields = ["title", "provider", "hours", "starts_on", "ends_on", "places", "line"]
        widgets = {"starts_on": DateInput(), "ends_on": DateInput()}

    def __init__(self, *args, municipality, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.municipality = municipality
        self.fields["line"].queryset = PDRequestLine.objects.filter(
            request__municipality=municipality
        ).select_related("request__association", "request__municipality")
        self.fields["line"].label_from_instance = lambda line: (
            f"{line.topic} — {line.request.association or line.request.municipality}, "
            f"{line.request.year}"
        )


class EnrolForm(forms.Form):
    teacher = forms.ModelChoiceField(queryset=Teacher.objects.none(), label=_("teacher"))

    def __init__(self, *args, course: PlannedCourse, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["teacher"].queryset = Teacher.objects.working_in(course.municipality_id)
        autocomplete(
            self.fields["teacher"], "teachers", filters={"municipality": course.municipality_id}
        )


class CompetenceForm(forms.ModelForm):
    class Meta:
        model = Competence
        fields = ["code", "title"]
