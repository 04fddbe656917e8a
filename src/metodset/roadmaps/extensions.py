"""What the roadmaps app contributes to the extension points (metodset.core.extensions).

INDICATOR_SOURCES: the roadmap indicator (indicators/catalogue.py, code `roadmap`) counts
the measures done of those due, so a change of a measure starts a new generation of the
cached values.
"""

INDICATOR_SOURCES = ["roadmaps.Roadmap", "roadmaps.RoadmapMeasure"]
