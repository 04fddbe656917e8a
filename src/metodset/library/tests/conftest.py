from metodset.meetings.tests.fixtures import *  # noqa: F403
