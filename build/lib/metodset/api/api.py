"""The REST API at /api/v1/: same scoping, permissions and services as the pages."""

from django.conf import settings
from ninja import NinjaAPI
from ninja.throttling import UserRateThrottle

from metodset.api import errors
from metodset.api.auth import SessionAuth, TokenAuth
from metodset.api.routers import (
    acts,
    associations,
    events,
    growth,
    indicators,
    library,
    meetings,
    orgs,
    people,
    plans,
    surveys,
    tokens,
)

api = NinjaAPI(
    title="Методсеть API",
    version="1",
    description=(
        "REST API Методсети. Аутентификация: персональный токен (Authorization: Bearer ms_…) "
        "или сессия браузера. Ошибки: JSON с полями code и message."
    ),
    urls_namespace="api",
    auth=[TokenAuth(), SessionAuth()],
    # Per user, after authentication. The anonymous limit (per address) runs before it:
    # ninja's would never see the requests that authentication refuses (api/throttling.py).
    throttle=[UserRateThrottle(settings.METODSET_API_USER_RATE)],
)
errors.install(api)
api.add_router("/tokens/", tokens.router)
api.add_router("/organisations/", orgs.router)
api.add_router("/teachers/", people.router)
api.add_router("/associations/", associations.router)
api.add_router("/orders/", acts.router)
api.add_router("/events/", events.router)
api.add_router("/growth/", growth.router)
api.add_router("/indicators/", indicators.router)
api.add_router("/surveys/", surveys.router)
api.add_router("/plans/", plans.router)
api.add_router("/meetings/", meetings.router)
api.add_router("/library/", library.router)  # integration: library app
