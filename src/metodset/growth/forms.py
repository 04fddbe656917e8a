from django import forms
from django.utils.translation import gettext_lazy as _

from metodset.core.autocomplete import autocomplete
from metodset.core.files import PD_CERTIFICATE
from metodset.core.forms import DateInput
from metodset.growth.models import (
    Attestation,
    Competence,
    Diagnostic,
    Mentoring,
    PDCourse,
    Practice,
    Publication,
    RegionalMethodistStatus,
    Route,
    RouteStep,
    TeacherNeed,
)
from metodset.people.models import Teacher
from metodset.privacy.forms import ConsentMixin
from metodset.privacy.models import ConsentPurpose


class RecordForm(ConsentMixin, forms.ModelForm):
    # A teacher keeping his own records enters his own data: his consent is asked.
    consent_purpose = ConsentPurpose.PROFILE

    def __init__(self, *args, teacher, user, **kwargs):
        own = teacher.user_id is not None and teacher.user_id == user.pk
        super().__init__(*args, consent_user=user if own else None, **kwargs)
        self.instance.teacher = teacher
        for field in self.fields.values():
            if isinstance(field, forms.DateField):
                field.widget = DateInput()


class PDCourseForm(RecordForm):
    class Meta:
        model = PDCourse
        fields = [
            "program",
            "provider",
            "hours",
            "starts_on",
            "ends_on",
            "in_federal_registry",
            "after_diagnostics",
            "certificate_number",
            "certificate",
        ]
        widgets = {
            "certificate": forms.ClearableFileInput(
                attrs={"accept": ",".join(f".{e}" for e in PD_CERTIFICATE.extensions)}
            )
        }


class AttestationForm(RecordForm):
    class Meta:
        model = Attestation
        fields = ["category", "assigned_on", "expires_on", "next_planned_on", "basis"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["expires_on"].required = False
        self.fields["expires_on"].help_text = _("Empty: five years after the assignment.")


class DiagnosticForm(RecordForm):
    class Meta:
        model = Diagnostic
        fields = ["date", "instrument", "result", "competences", "deficits"]
        widgets = {"competences": forms.CheckboxSelectMultiple}

    def __init__(self, *args, teacher, user, **kwargs):
        super().__init__(*args, teacher=teacher, user=user, **kwargs)
        self.fields["competences"].queryset = Competence.objects.filter(
            municipality_id=teacher.municipality_id
        )
        self.fields["deficits"].label = _("Other deficits (a note)")


class RouteForm(RecordForm):
    class Meta:
        model = Route
        fields = ["school_year", "title", "diagnostic", "status", "completed_on"]

    def __init__(self, *args, teacher, **kwargs):
        super().__init__(*args, teacher=teacher, **kwargs)
        self.fields["diagnostic"].queryset = Diagnostic.objects.filter(teacher=teacher)


class RouteStepForm(forms.ModelForm):
    class Meta:
        model = RouteStep
        fields = ["title", "deadline", "evidence", "done_on"]
        widgets = {"deadline": DateInput(), "done_on": DateInput()}


class MentoringForm(RecordForm):
    class Meta:
        model = Mentoring
        fields = ["mentor", "starts_on", "ends_on", "plan", "outcome"]

    def __init__(self, *args, teacher, user, **kwargs):
        super().__init__(*args, teacher=teacher, user=user, **kwargs)
        self.fields["mentor"].queryset = Teacher.objects.working_in(
            teacher.municipality_id
        ).exclude(pk=teacher.pk)
        autocomplete(
            self.fields["mentor"],
            "teachers",
            filters={"municipality": teacher.municipality_id, "not": teacher.pk},
        )


class RegionalMethodistForm(RecordForm):
    class Meta:
        model = RegionalMethodistStatus
        fields = ["starts_on", "ends_on", "basis"]


class NeedForm(RecordForm):
    class Meta:
        model = TeacherNeed
        fields = ["school_year", "need", "text"]

    def __init__(self, *args, teacher, user, **kwargs):
        super().__init__(*args, teacher=teacher, user=user, **kwargs)
        self.fields["need"].queryset = self.fields["need"].queryset.filter(
            municipality_id=teacher.municipality_id
        )


class PracticeForm(RecordForm):
    class Meta:
        model = Practice
        fields = ["title", "level", "accepted_on", "accepted_by", "summary"]


class PublicationForm(RecordForm):
    class Meta:
        model = Publication
        fields = ["title", "venue", "url", "published_on"]


# kind in the URL → (model, form, section title)
KINDS = {
    "courses": (PDCourse, PDCourseForm, _("PD course")),
    "attestations": (Attestation, AttestationForm, _("Attestation")),
    "diagnostics": (Diagnostic, DiagnosticForm, _("Diagnostic of professional competencies")),
    "routes": (Route, RouteForm, _("Individual educational route (ИОМ)")),
    "mentoring": (Mentoring, MentoringForm, _("Mentoring pair")),
    "regional": (RegionalMethodistStatus, RegionalMethodistForm, _("Regional methodist status")),
    "needs": (TeacherNeed, NeedForm, _("Professional need")),
    "practices": (Practice, PracticeForm, _("Experience unit for dissemination")),
    "publications": (Publication, PublicationForm, _("Publication")),
}
