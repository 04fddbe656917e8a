import hashlib
import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

TOKEN_PREFIX = "ms"  # noqa: S105 - the public prefix of every token, not a secret


def hash_token(token: str) -> str:
    """Tokens carry 256 bits of randomness, so a plain SHA-256 is enough to store them."""
    return hashlib.sha256(token.encode()).hexdigest()


class ApiTokenQuerySet(models.QuerySet):
    def active(self):
        return self.filter(revoked_at__isnull=True, user__is_active=True)


class ApiToken(models.Model):
    """A personal API token. Only its hash is stored; the token is shown once."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(_("token name"), max_length=100)
    prefix = models.CharField(_("prefix"), max_length=16, editable=False)
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None

    @staticmethod
    def generate() -> tuple[str, str]:
        """A new token and its display prefix."""
        prefix = secrets.token_hex(4)
        return f"{TOKEN_PREFIX}_{prefix}_{secrets.token_urlsafe(32)}", prefix

    def touch(self) -> None:
        now = timezone.now()
        # Write at most once a minute per token: reads must not become writes.
        if self.last_used_at is None or (now - self.last_used_at).total_seconds() > 60:
            self.last_used_at = now
            self.save(update_fields=["last_used_at"])
