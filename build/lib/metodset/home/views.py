from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from metodset.home import selectors


def home(request: HttpRequest) -> HttpResponse:
    """The dashboard of the current user's role."""
    return render(request, "home/home.html", selectors.dashboard_for(request.user))
