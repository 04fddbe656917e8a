"""The project's URLs. No route serves uploaded files: each app's download view hands a
file out after an access check (metodset.core.files.file_response)."""

from django.contrib import admin
from django.urls import include, path

from metodset.core import views as core_views
from metodset.library import portal as library_portal

urlpatterns = [
    path("", include("metodset.home.urls")),
    path("healthz", core_views.healthz, name="healthz"),  # monitoring, no login
    path("notifications/", include("metodset.core.urls")),
    path("search/", include("metodset.core.autocomplete_urls")),  # the pickers' options
    path("accounts/", include("metodset.accounts.urls")),
    path("orgs/", include("metodset.orgs.urls")),
    path("teachers/", include("metodset.people.urls")),
    path("associations/", include("metodset.associations.urls")),
    path("orders/", include("metodset.acts.urls")),
    path("regulations/", include("metodset.regulations.urls")),
    path("imports/", include("metodset.imports.urls")),
    path("events/", include("metodset.events.urls")),
    path("growth/", include("metodset.growth.urls")),
    path("schools/", include("metodset.schools.urls")),  # issue #17
    path("pd-order/", include("metodset.pdorders.urls")),  # issue #17
    path("roadmaps/", include("metodset.roadmaps.urls")),  # issue #17
    path("indicators/", include("metodset.indicators.urls")),
    path("plans/", include("metodset.plans.urls")),
    path("meetings/", include("metodset.meetings.urls")),
    path("proposals/", include("metodset.proposals.urls")),  # integration: issue #16
    path("documents/", include("metodset.documents.urls")),
    path("analysis/", include("metodset.analysis.urls")),  # integration: issue #14
    path("calendar/", include("metodset.calendars.urls")),
    path("surveys/", include("metodset.surveys.urls")),
    # integration: the bank on the public portal and the portal's sitemap (library app).
    path("p/<slug:slug>/bank/", include("metodset.library.portal_urls")),
    path("sitemap.xml", library_portal.sitemap, name="sitemap"),
    path("p/<slug:slug>/ask/", include("metodset.consultations.portal_urls")),
    path("p/", include("metodset.portal.urls")),
    path("privacy/", include("metodset.privacy.urls")),
    path("portfolio/", include("metodset.portfolio.urls")),
    path("consultations/", include("metodset.consultations.urls")),
    path("library/", include("metodset.library.urls")),  # integration: library app
    path("api/v1/", include(("metodset.api.urls", "ninja"), namespace="api")),
    path("admin/", admin.site.urls),
]
