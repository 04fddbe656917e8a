"""Optional error reports to Sentry or a compatible server (GlitchTip) when SENTRY_DSN is set.

sentry-sdk is an optional extra (`pip install metodset[sentry]`), imported only here and only
when a DSN is configured: without it the app runs and logs why nothing is reported. Reports
carry no personal data: no user, cookies, request bodies, query strings or local variables
(docs/personal-data.md, docs/operations.md).
"""

import logging
from importlib import metadata

logger = logging.getLogger(__name__)


def _without_personal_data(event: dict, hint: dict) -> dict:
    event.pop("user", None)
    request = event.get("request")
    if isinstance(request, dict):
        for key in ("cookies", "data", "query_string", "env"):
            request.pop(key, None)
        headers = request.get("headers")
        if isinstance(headers, dict):
            request["headers"] = {
                k: v for k, v in headers.items() if k.lower() in {"user-agent", "content-type"}
            }
    return event


def sentry_init(dsn: str, *, environment: str, traces_sample_rate: float) -> bool:
    try:
        import sentry_sdk
        from sentry_sdk.integrations.django import DjangoIntegration
    except ImportError:
        logger.warning(
            "SENTRY_DSN is set but sentry-sdk is not installed: pip install 'metodset[sentry]'"
        )
        return False
    try:
        version = metadata.version("metodset")
    except metadata.PackageNotFoundError:  # pragma: no cover: a checkout without install
        version = "unknown"
    sentry_sdk.init(
        dsn=dsn,
        environment=environment,
        release=f"metodset@{version}",
        integrations=[DjangoIntegration()],
        send_default_pii=False,
        include_local_variables=False,
        max_request_body_size="never",
        traces_sample_rate=traces_sample_rate,
        before_send=_without_personal_data,
    )
    return True
