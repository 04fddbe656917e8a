"""The main menu is built once per kind of user, language and URLconf (issue #19): users
alike share it, users unlike do not, and the current page's mark is per request."""

import pytest
from django.test import RequestFactory
from django.urls import resolve
from django.utils import translation

from metodset.home.context_processors import _menu, navigation


def _request(user, path="/"):
    request = RequestFactory().get(path)
    request.user = user
    request.resolver_match = resolve(path)
    return request


def _labels(menu):
    return [e["label"] for e in menu["nav"]] + [e["label"] for e in menu["nav_more"]]


@pytest.mark.django_db
class TestMenu:
    def test_a_teacher_and_a_methodist_get_their_own_menus(self, methodist, teacher_user):
        _menu.cache_clear()
        for _ in range(2):  # the second time from the cache
            of_methodist = _labels(navigation(_request(methodist)))
            of_teacher = _labels(navigation(_request(teacher_user)))
            assert "Педагоги" in of_methodist and "Педагоги" not in of_teacher
            assert of_methodist != of_teacher
        assert _menu.cache_info().hits >= 2

    def test_it_is_the_same_menu_as_built_afresh(self, methodist, teacher_user, head):
        for user in (methodist, teacher_user, head):
            cached = navigation(_request(user))
            _menu.cache_clear()
            assert navigation(_request(user)) == cached

    def test_the_current_page_is_marked_per_request(self, methodist):
        on_teachers = navigation(_request(methodist, "/teachers/"))
        on_events = navigation(_request(methodist, "/events/"))
        assert [e["label"] for e in on_teachers["nav"] if e["active"]] == ["Педагоги"]
        assert [e["label"] for e in on_events["nav"] if e["active"]] == ["Мероприятия"]

    def test_each_language_has_its_labels(self, methodist):
        russian = _labels(navigation(_request(methodist)))
        with translation.override("en"):
            english = _labels(navigation(_request(methodist)))
        assert "Teachers" in english and "Педагоги" in russian


# base.html's menu loops as they were before the markup was drawn once (issue #19).
LOOPS = (
    '{% for item in nav %}<a href="{{ item.url }}"{% if item.active %} aria-current="page"'
    "{% endif %}>{{ item.label }}</a>{% endfor %}|"
    '<summary{% for item in nav_more %}{% if item.active %} class="is-active"{% endif %}'
    "{% endfor %}>|"
    '{% for item in nav_more %}<a href="{{ item.url }}"{% if item.active %} aria-current="page"'
    "{% endif %}>{{ item.label }}</a>{% endfor %}"
)


def _markup_of(menu) -> str:
    return f"{menu['nav_links']}|<summary{menu['nav_more_mark']}>|{menu['nav_more_links']}"


@pytest.mark.django_db
class TestMenuMarkup:
    PATHS = ["/", "/teachers/", "/events/", "/proposals/", "/proposals/drafts/", "/orgs/"]

    def test_same_markup_as_the_loops(self, methodist, teacher_user, head):
        from django.template import Context, Template

        loops = Template(LOOPS)
        for language in ("ru", "en"):
            with translation.override(language):
                for user in (methodist, teacher_user, head):
                    for path in self.PATHS:
                        menu = navigation(_request(user, path))
                        assert _markup_of(menu) == loops.render(Context(menu)), (user, path)

    def test_the_current_section_is_marked(self, methodist):
        drawn = _markup_of(navigation(_request(methodist, "/teachers/")))
        assert drawn.count('aria-current="page"') == 1
        assert '/teachers/" aria-current="page">Педагоги<' in drawn
        on_proposals = _markup_of(navigation(_request(methodist, "/proposals/")))
        assert 'class="is-active"' in on_proposals and 'class="is-active"' not in drawn

    def test_users_unlike_get_their_own_markup(self, methodist, teacher_user):
        assert "Педагоги" in _markup_of(navigation(_request(methodist)))
        assert "Педагоги" not in _markup_of(navigation(_request(teacher_user)))

    def test_each_language_has_its_markup(self, methodist):
        russian = _markup_of(navigation(_request(methodist)))
        with translation.override("en"):
            english = _markup_of(navigation(_request(methodist)))
        assert ">Teachers<" in english and ">Педагоги<" in russian
