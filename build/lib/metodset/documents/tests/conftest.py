from metodset.documents.tests.fixtures import *  # noqa: F403
