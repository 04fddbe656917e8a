def notifications(request) -> dict:
    """The count of unread notifications for the bell in the top bar."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    from metodset.core.notifications import unread_count

    return {"unread_notifications": unread_count(user=user)}
