"""Signing in through the login page, for the fixtures and the tests that open several
browser contexts (one per user)."""


def log_in(page, user):
    """Sign `user` in on `page` (the test password of the factories)."""
    from metodset.accounts.tests.factories import PASSWORD

    page.goto("/accounts/login/")
    page.get_by_label("Электронная почта").fill(user.email)
    page.get_by_label("Пароль").fill(PASSWORD)
    page.get_by_role("button", name="Войти").click()
    page.wait_for_url("**/")
    return page
