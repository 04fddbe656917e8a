"""What a head may upload into a portfolio item: office documents, PDF and scans."""

from metodset.core.files import UPLOAD_KINDS, UploadKind

PORTFOLIO_FILE = UploadKind(
    "portfolio",
    ("pdf", "docx", "xlsx", "pptx", "odt", "ods", "odp", "doc", "xls", "jpg", "jpeg", "png"),
    20,
)
# integration: core.files keeps every upload kind in UPLOAD_KINDS (the validator looks the
# folder up there); the lead may move this entry into core/files.py.
UPLOAD_KINDS.setdefault(PORTFOLIO_FILE.folder, PORTFOLIO_FILE)
