# Every role around the home association, as the plans and meetings tests use them.
from metodset.meetings.tests.fixtures import *  # noqa: F403
