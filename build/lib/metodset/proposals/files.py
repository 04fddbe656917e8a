"""The upload kind of a draft act opened for discussion (core.files checks it)."""

from metodset.core.files import UPLOAD_KINDS, UploadKind

DRAFT_ACT_FILE = UploadKind("proposals/drafts", ("pdf", "docx", "doc", "odt"), 20)

# integration: core.files keeps every upload kind in UPLOAD_KINDS (the validator looks the
# kind up by its folder), as the portfolio's files do.
UPLOAD_KINDS.setdefault(DRAFT_ACT_FILE.folder, DRAFT_ACT_FILE)
