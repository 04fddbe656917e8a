"""What the indicators app contributes to the extension points (metodset.core.extensions).

INDICATORS: the built-in catalogue of effectiveness indicators (catalogue.py).
INDICATOR_SOURCES: the models those indicators read; saving or deleting a row of one starts
a new generation of the cached values (signals.py). An app that adds an indicator in its
own extensions.py lists the models it reads beside it.
"""

from metodset.indicators.catalogue import BUILT_IN

INDICATORS = BUILT_IN

INDICATOR_SOURCES = [
    "associations.Membership",
    "events.Participation",
    "events.Event",  # moving an event to another year or association moves its attendance
    "growth.Diagnostic",
    "growth.PDCourse",
    "growth.Route",
    "growth.RegionalMethodistStatus",
    "growth.Mentoring",
    "growth.Practice",
    "growth.Publication",
    "indicators.ExpertAssessment",
    "people.Teacher",
    "surveys.Survey",  # the satisfaction indicator counts closed surveys' answers
    "surveys.Response",
]
