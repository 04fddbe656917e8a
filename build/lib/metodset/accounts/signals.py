"""What apps above `accounts` may listen to."""

from django.dispatch import Signal

# Sent inside `password_changed`'s transaction with `user`: what the old password allowed
# ends (the API revokes its tokens).
credentials_changed = Signal()
