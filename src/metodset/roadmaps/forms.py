from django import forms

from metodset.associations.models import Association
from metodset.core.forms import DateInput
from metodset.events.models import Event
from metodset.plans.models import PlanItem
from metodset.roadmaps.models import Roadmap, RoadmapMeasure


class RoadmapForm(forms.ModelForm):
    class Meta:
        model = Roadmap
        fields = ["association", "school_year", "title"]

    def __init__(self, *args, municipality, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.municipality = municipality
        self.fields["association"].queryset = Association.objects.filter(
            municipality=municipality
        ).active()


class MeasureForm(forms.ModelForm):
    class Meta:
        model = RoadmapMeasure
        fields = [
            "title",
            "level",
            "responsible",
            "starts_on",
            "due_on",
            "status",
            "done_on",
            "event",
            "plan_item",
        ]
        widgets = {"starts_on": DateInput(), "due_on": DateInput(), "done_on": DateInput()}

    def __init__(self, *args, roadmap, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.roadmap = roadmap
        self.fields["event"].queryset = Event.objects.filter(
            municipality_id=roadmap.municipality_id
        ).order_by("-starts_at")
        self.fields["plan_item"].queryset = PlanItem.objects.filter(
            plan__municipality_id=roadmap.municipality_id,
            plan__school_year=roadmap.school_year,
        ).select_related("plan")
