from metodset.documents.tests.fixtures import *  # noqa: F403
from metodset.meetings.tests.fixtures import *  # noqa: F403
