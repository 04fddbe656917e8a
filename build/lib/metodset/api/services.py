from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from metodset.api.models import ApiToken, hash_token


@transaction.atomic
def token_create(*, user, name: str) -> tuple[ApiToken, str]:
    """Create a personal token; returns the record and the token, which is never shown again."""
    token, prefix = ApiToken.generate()
    record = ApiToken(user=user, name=name.strip(), prefix=prefix, key_hash=hash_token(token))
    record.full_clean()
    record.save()
    return record, token


@transaction.atomic
def token_revoke(*, user, token: ApiToken) -> ApiToken:
    if user is not None and token.user_id != user.pk:
        raise PermissionDenied
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
    return token


def token_revoke_all(*, user) -> int:
    """Revoke every active token of `user` (a new password ends what the old one allowed)."""
    return ApiToken.objects.filter(user=user, revoked_at__isnull=True).update(
        revoked_at=timezone.now()
    )
