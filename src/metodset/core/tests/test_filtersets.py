"""core.filters.FilterSet copies its declared filters and its form's fields without deep
copies (issue #19): each instance must still have its own filters, method bindings, field
arguments, fields and form, and filter as django-filter's own FilterSet does."""

import django_filters
import pytest
from django.db.models import Q
from django.http import QueryDict

from metodset.core.filters import FilterSet
from metodset.orgs.models import Organisation
from metodset.people.models import Category, Teacher
from metodset.people.tests.factories import TeacherFactory


class _Filter(FilterSet):
    q = django_filters.CharFilter(label="Search", method="search")
    category = django_filters.ChoiceFilter(label="Category", choices=Category.choices)
    organisation = django_filters.ModelChoiceFilter(
        label="Organisation", queryset=Organisation.objects.none()
    )

    class Meta:
        model = Teacher
        fields = ["q", "category", "organisation", "is_active"]

    def search(self, queryset, name, value):
        self.searched = value
        return queryset.filter(Q(last_name__icontains=value))


class _Plain(django_filters.FilterSet):
    """The same with django-filter's own FilterSet, to compare with."""

    q = django_filters.CharFilter(label="Search", method="search")
    category = django_filters.ChoiceFilter(label="Category", choices=Category.choices)

    class Meta:
        model = Teacher
        fields = ["q", "category", "is_active"]

    def search(self, queryset, name, value):
        return queryset.filter(Q(last_name__icontains=value))


def test_each_instance_has_its_own_filters_and_fields():
    first, second = _Filter(), _Filter()
    for name in first.filters:
        assert first.filters[name] is not second.filters[name]
        assert first.filters[name] is not _Filter.base_filters[name]
        assert first.filters[name].parent is first
        assert first.form.fields[name] is not second.form.fields[name]
    assert first.form is not second.form


def test_changes_to_one_instance_stay_in_it():
    first = _Filter()
    first.filters["category"].extra["choices"] = [("x", "X")]
    first.filters["organisation"].queryset = Organisation.objects.all()
    first.form.fields["category"].label = "Changed"
    second = _Filter()
    assert list(second.form.fields["category"].choices)[1:] == list(Category.choices)
    assert second.form.fields["category"].label == "Category"
    assert second.filters["organisation"].queryset is _Filter.base_filters["organisation"].queryset
    assert "x" in dict(first.form.fields["category"].choices)
    assert _Filter.base_filters["category"].extra["choices"] == Category.choices
    assert "_field" not in _Filter.base_filters["category"].__dict__


def test_a_filter_set_before_its_form_decides_the_field():
    """A queryset assigned in __init__, before the form is built, is the field's."""
    filterset = _Filter()
    filterset.filters["organisation"].queryset = Organisation.objects.filter(pk=-1)
    assert filterset.form.fields["organisation"].queryset.query.where


@pytest.mark.django_db
def test_a_method_filter_calls_its_own_filter_set():
    TeacherFactory(last_name="Иванова")
    TeacherFactory(last_name="Петрова")
    first = _Filter(QueryDict("q=Иван"), queryset=Teacher.objects.all())
    second = _Filter(QueryDict("q=Петр"), queryset=Teacher.objects.all())
    assert [t.last_name for t in first.qs] == ["Иванова"]
    assert [t.last_name for t in second.qs] == ["Петрова"]
    assert (first.searched, second.searched) == ("Иван", "Петр")


@pytest.mark.django_db
def test_filters_as_django_filter_does():
    TeacherFactory(last_name="Иванова", category=Category.FIRST, is_active=True)
    TeacherFactory(last_name="Иванов", category=Category.HIGHEST, is_active=False)
    TeacherFactory(last_name="Петрова", category=Category.FIRST, is_active=True)
    for query in ["q=Иван", "category=first", "q=Иван&category=first", "is_active=false", ""]:
        ours = _Filter(QueryDict(query) if query else None, queryset=Teacher.objects.all())
        theirs = _Plain(QueryDict(query) if query else None, queryset=Teacher.objects.all())
        assert ours.is_valid() == theirs.is_valid()
        assert set(ours.qs) == set(theirs.qs), query
        for name in theirs.form.fields:
            assert str(ours.form[name]) == str(theirs.form[name])
    bad = _Filter(QueryDict("category=nonsense"), queryset=Teacher.objects.all())
    assert not bad.is_valid() and "category" in bad.errors
