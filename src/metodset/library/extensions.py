"""What the library app contributes to the extension points (metodset.core.extensions).

INDICATOR_SOURCES: the bank's practices; the dissemination indicator counts those accepted
after expert review, so a review's verdict starts a new generation of the cached values.
"""

INDICATOR_SOURCES = ["library.Practice"]
