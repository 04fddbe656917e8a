"""Reads for the dashboards."""

from django.db.models import Count

from metodset.core.models import Municipality


def dashboard_for(user) -> dict:
    return {"municipalities": Municipality.objects.for_user(user).annotate(n=Count("users"))}
