"""The bank in the back office: search, materials, practices and their review, news."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from metodset.core.access import require_perm
from metodset.core.files import file_response
from metodset.core.forms import add_service_errors
from metodset.core.history import history_for
from metodset.core.views import confirm_page, form_page
from metodset.library import access, search, selectors, services
from metodset.library.forms import (
    AcceptForm,
    CriterionForm,
    ExpertsForm,
    MaterialForm,
    NewsForm,
    PracticeForm,
    ReviewersForm,
    ReviewForm,
    SearchForm,
)
from metodset.library.models import (
    MaterialFile,
    MaterialKind,
    News,
    Practice,
    PracticeStatus,
    ReviewCriterion,
    ReviewStatus,
)

# --- Search and the bank ---------------------------------------------------------------------


def index(request: HttpRequest) -> HttpResponse:
    """The bank: every record the user may find, filtered, or found by words (any form)."""
    form = SearchForm(request.GET or None)
    entries = access.visible_entries(request.user)
    query = ""
    if form.is_bound and form.is_valid():
        entries = entries.filter(**form.filters())
        query = form.cleaned_data["q"].strip()
    page_number = _page_number(request)
    size = settings.METODSET_PAGE_SIZE
    if query:
        result = search.search(entries, query, offset=(page_number - 1) * size, limit=size)
        total, hits, capped = result.total, result.hits, result.capped
    else:
        capped = False
        total = entries.count()
        rows = entries.order_by("-school_year", "title", "pk").defer("vector", "stems")
        hits = [
            search.Hit(e, search.highlight(e.body[:400], set()))
            for e in rows[(page_number - 1) * size : page_number * size]
        ]
    page = Paginator(range(total), size).get_page(page_number)
    context = {
        "form": form,
        "query": query,
        "hits": hits,
        "total": total,
        "capped": capped,
        "page": page,
    }
    return render(request, "library/index.html", context)


def _page_number(request) -> int:
    try:
        return max(1, min(int(request.GET.get("page", 1)), 100_000))
    except ValueError:
        return 1


# --- Materials -------------------------------------------------------------------------------


def material_detail(request: HttpRequest, pk: int) -> HttpResponse:
    material = access.get_material_for_user(request.user, pk)
    if material.kind == MaterialKind.PRACTICE:
        return redirect("library:practice", pk=pk)
    context = {
        "material": material,
        "authors": list(material.authors.all()),
        "files": list(material.files.all()),
        "can_edit": request.user.has_perm("library.change_material", material),
        "history": history_for(material),
    }
    return render(request, "library/material_detail.html", context)


def material_create(request: HttpRequest) -> HttpResponse:
    require_perm(request.user, "library.add_material")
    initial = {}
    if request.user.teacher_id:
        initial["authors"] = [request.user.teacher_id]
    form = MaterialForm(
        request.POST or None, request.FILES or None, user=request.user, initial=initial
    )

    def save():
        material = form.save(commit=False)
        material.municipality = form.municipality()
        return services.material_save(
            user=request.user,
            material=material,
            authors=form.cleaned_data["authors"],
            uploads=form.cleaned_data["files"],
        )

    return form_page(
        request,
        form,
        save=save,
        title=_("New material"),
        cancel_url=reverse("library:index"),
        success_message=_("The material is in the bank."),
    )


def material_edit(request: HttpRequest, pk: int) -> HttpResponse:
    material = access.get_material_for_user(request.user, pk, write=True)
    if material.kind == MaterialKind.PRACTICE:
        return redirect("library:practice_edit", pk=pk)
    form = MaterialForm(
        request.POST or None, request.FILES or None, instance=material, user=request.user
    )
    return form_page(
        request,
        form,
        save=lambda: services.material_save(
            user=request.user,
            material=form.save(commit=False),
            authors=form.cleaned_data["authors"],
            uploads=form.cleaned_data["files"],
        ),
        title=_("Edit the material"),
        cancel_url=material.get_absolute_url(),
        success_message=_("The material is saved."),
    )


def material_delete(request: HttpRequest, pk: int) -> HttpResponse:
    material = access.get_material_for_user(request.user, pk, write=True)
    return confirm_page(
        request,
        action=lambda: services.material_delete(user=request.user, material=material),
        title=_("Delete the material"),
        question=_("Delete «%(title)s» and its files?") % {"title": material.title},
        confirm_label=_("Delete"),
        cancel_url=material.get_absolute_url(),
        success_url=reverse("library:index"),
        success_message=_("The material is deleted."),
    )


def material_file(request: HttpRequest, pk: int) -> HttpResponse:
    """A file of a material, for whoever may open the material (404 for everybody else)."""
    attachment = get_object_or_404(MaterialFile.objects.select_related("material"), pk=pk)
    material = access.visible_materials(request.user).filter(pk=attachment.material_id)
    if not material.exists():
        raise Http404
    return file_response(attachment.file, attachment.download_name())


# --- Practices -------------------------------------------------------------------------------


def practice_list(request: HttpRequest) -> HttpResponse:
    rows = selectors.practice_list(request.user)
    status = request.GET.get("status", "")
    if status in PracticeStatus.values:
        rows = rows.filter(status=status)
    page = Paginator(rows, settings.METODSET_PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "page": page,
        "rows": page.object_list,
        "status": status,
        "statuses": PracticeStatus.choices,
        "can_submit": request.user.has_perm("library.submit_practice"),
    }
    return render(request, "library/practice_list.html", context)


def practice_detail(request: HttpRequest, pk: int) -> HttpResponse:
    practice = access.get_practice_for_user(request.user, pk)
    user = request.user
    decides = user.has_perm("library.decide_practice", practice)
    own = user.pk in practice.author_user_ids()
    reviews = selectors.practice_reviews(practice)
    # An author sees the opinions once they are written; an expert sees his own.
    if not decides:
        reviews = [
            r for r in reviews if r.expert_id == user.pk or (own and r.status == ReviewStatus.DONE)
        ]
    context = {
        "practice": practice,
        "authors": list(practice.authors.all()),
        "files": list(practice.files.all()),
        "reviews": reviews,
        "decides": decides and not own,
        "own": own,
        "can_revise": (own or decides)
        and practice.status in (PracticeStatus.SUBMITTED, PracticeStatus.RETURNED),
        "can_appoint": decides
        and practice.status in (PracticeStatus.SUBMITTED, PracticeStatus.UNDER_REVIEW),
        "ready": services.ready_to_accept(practice),
        "my_review": next(
            (r for r in reviews if r.expert_id == user.pk and r.status == ReviewStatus.PENDING),
            None,
        ),
        "show_experts": decides or not own,
    }
    return render(request, "library/practice_detail.html", context)


def practice_submit(request: HttpRequest) -> HttpResponse:
    require_perm(request.user, "library.submit_practice")
    initial = {"authors": [request.user.teacher_id]} if request.user.teacher_id else {}
    form = PracticeForm(
        request.POST or None, request.FILES or None, user=request.user, initial=initial
    )

    def save():
        practice = form.save(commit=False)
        practice.municipality = form.municipality()
        return services.practice_submit(
            user=request.user,
            practice=practice,
            authors=form.cleaned_data["authors"],
            uploads=form.cleaned_data["files"],
        )

    return form_page(
        request,
        form,
        save=save,
        title=_("Submit a best practice for review"),
        cancel_url=reverse("library:practices"),
        submit_label=_("Submit for review"),
        success_message=_("The practice is submitted; the methodist will appoint experts."),
    )


def practice_edit(request: HttpRequest, pk: int) -> HttpResponse:
    practice = access.get_practice_for_user(request.user, pk)
    if request.user.pk not in practice.author_user_ids() and not request.user.has_perm(
        "library.decide_practice", practice
    ):
        raise PermissionDenied
    form = PracticeForm(
        request.POST or None, request.FILES or None, instance=practice, user=request.user
    )
    returned = practice.status == PracticeStatus.RETURNED
    return form_page(
        request,
        form,
        save=lambda: services.practice_revise(
            user=request.user,
            practice=form.save(commit=False),
            authors=form.cleaned_data["authors"],
            uploads=form.cleaned_data["files"],
        ),
        title=_("Revise the practice"),
        cancel_url=practice.get_absolute_url(),
        submit_label=_("Submit again") if returned else _("Save"),
        success_message=_("The practice is saved."),
    )


def practice_experts(request: HttpRequest, pk: int) -> HttpResponse:
    practice = access.get_practice_for_user(request.user, pk, perm="library.decide_practice")
    form = ExpertsForm(request.POST or None, practice=practice)

    def save():
        services.experts_appoint(
            user=request.user, practice=practice, experts=form.cleaned_data["experts"]
        )
        return practice

    return form_page(
        request,
        form,
        save=save,
        title=_("Appoint experts"),
        cancel_url=practice.get_absolute_url(),
        success_url=practice.get_absolute_url(),
        submit_label=_("Appoint"),
        success_message=_("The experts are appointed."),
        extra={"intro": practice.title},
    )


def practice_accept(request: HttpRequest, pk: int) -> HttpResponse:
    practice = access.get_practice_for_user(request.user, pk, perm="library.decide_practice")
    form = AcceptForm(request.POST or None)
    return form_page(
        request,
        form,
        save=lambda: services.practice_accept(
            user=request.user, practice=practice, **form.cleaned_data
        ),
        title=_("Accept for dissemination"),
        cancel_url=practice.get_absolute_url(),
        submit_label=_("Accept"),
        success_message=_("The practice is accepted for dissemination."),
    )


def practice_publish(request: HttpRequest, pk: int) -> HttpResponse:
    practice = access.get_practice_for_user(request.user, pk, perm="library.decide_practice")
    return confirm_page(
        request,
        action=lambda: services.practice_publish(user=request.user, practice=practice),
        title=_("Publish the practice"),
        question=_("Publish «%(title)s»?") % {"title": practice.title},
        consequences=_(
            "With visibility «everyone» it appears on the public portal with its authors."
        ),
        confirm_label=_("Publish"),
        cancel_url=practice.get_absolute_url(),
        success_url=practice.get_absolute_url(),
        success_message=_("The practice is published."),
    )


# --- Reviews ---------------------------------------------------------------------------------


def review_list(request: HttpRequest) -> HttpResponse:
    rows = list(selectors.review_list(request.user)[:200])
    return render(request, "library/review_list.html", {"rows": rows})


def review_detail(request: HttpRequest, pk: int) -> HttpResponse:
    review = access.get_review_for_user(request.user, pk)
    practice = review.practice
    open_review = review.status == ReviewStatus.PENDING and review.expert_id == request.user.pk
    criteria = services.criteria_for(practice.municipality)
    form = ReviewForm(request.POST or None, criteria=criteria) if open_review else None
    if request.method == "POST":
        if form is None:
            raise PermissionDenied
        if form.is_valid():
            try:
                services.review_submit(
                    user=request.user,
                    review=review,
                    scores=form.scores(),
                    verdict=form.cleaned_data["verdict"],
                    opinion=form.cleaned_data["opinion"],
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("The review is sent."))
                return redirect(practice.get_absolute_url())
    context = {
        "review": review,
        "practice": Practice.objects.get(pk=practice.pk),
        "form": form,
        "scores": list(review.scores.select_related("criterion")),
    }
    return render(
        request, "library/review_detail.html", context, status=400 if form and form.errors else 200
    )


# --- The review form the municipality keeps ---------------------------------------------------


def criteria(request: HttpRequest) -> HttpResponse:
    require_perm(request.user, "library.manage_criteria")
    municipality = request.user.municipality
    if municipality is None:
        raise PermissionDenied  # the admin edits another municipality's form in the admin site
    form = CriterionForm(request.POST or None, prefix="c")
    reviewers = ReviewersForm(
        request.POST or None,
        prefix="r",
        initial={"reviewers": services.reviewers_required(municipality)},
    )
    if request.method == "POST":
        if "r-reviewers" in request.POST and reviewers.is_valid():
            services.review_settings_save(
                user=request.user,
                municipality=municipality,
                reviewers=reviewers.cleaned_data["reviewers"],
            )
            messages.success(request, _("Saved."))
            return redirect("library:criteria")
        if "c-name" in request.POST and form.is_valid():
            criterion = form.save(commit=False)
            criterion.municipality = municipality
            try:
                services.criterion_save(user=request.user, criterion=criterion)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("The criterion is added."))
                return redirect("library:criteria")
    rows = list(ReviewCriterion.objects.filter(municipality=municipality))
    context = {"rows": rows, "form": form, "reviewers": reviewers}
    return render(request, "library/criteria.html", context)


# --- News ------------------------------------------------------------------------------------


def news_list(request: HttpRequest) -> HttpResponse:
    published = access.visible_news(request.user, timezone.now()).select_related("association")
    drafts = News.objects.none()
    if request.user.has_perm("library.add_news"):
        drafts = (
            News.objects.for_user(request.user)
            .filter(author=request.user)
            .exclude(pk__in=published.values("pk"))
            .select_related("association")
        )
    page = Paginator(published.order_by("-publish_at", "-pk"), settings.METODSET_PAGE_SIZE)
    context = {
        "page": page.get_page(request.GET.get("page")),
        "drafts": list(drafts[:50]),
        "can_add": request.user.has_perm("library.add_news"),
    }
    return render(request, "library/news_list.html", context)


def news_detail(request: HttpRequest, pk: int) -> HttpResponse:
    news = access.get_news_for_user(request.user, pk)
    context = {"news": news, "can_edit": access.can_edit_news(request.user, news)}
    return render(request, "library/news_detail.html", context)


def news_create(request: HttpRequest) -> HttpResponse:
    require_perm(request.user, "library.add_news")
    form = NewsForm(request.POST or None, user=request.user)

    def save():
        news = form.save(commit=False)
        news.municipality = form.municipality()
        return services.news_save(user=request.user, news=news)

    return form_page(
        request,
        form,
        save=save,
        title=_("New news item"),
        cancel_url=reverse("library:news"),
        success_message=_("The news item is saved."),
    )


def news_edit(request: HttpRequest, pk: int) -> HttpResponse:
    news = access.get_news_for_user(request.user, pk, write=True)
    form = NewsForm(request.POST or None, instance=news, user=request.user)
    return form_page(
        request,
        form,
        save=lambda: services.news_save(user=request.user, news=form.save(commit=False)),
        title=_("Edit the news item"),
        cancel_url=news.get_absolute_url(),
        success_message=_("The news item is saved."),
    )
