"""The Wagtail admin makes no third-party requests about our users."""

from wagtail.users.utils import get_gravatar_url


def test_admin_avatars_never_come_from_gravatar():
    # With a provider URL Wagtail renders <img src="//www.gravatar.com/avatar/<hash of the e-mail>">.
    assert get_gravatar_url("redactie@demo.soda.example") is None
