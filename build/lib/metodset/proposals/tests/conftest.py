from metodset.documents.tests.fixtures import fake_pdf, libreoffice  # noqa: F401
from metodset.proposals.tests.fixtures import *  # noqa: F403
