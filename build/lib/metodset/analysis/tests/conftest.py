from metodset.documents.tests.fixtures import fake_pdf, libreoffice  # noqa: F401
