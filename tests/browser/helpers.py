"""Steps the browser journeys share: logging in (with a TOTP code for demo staff and jurors)."""

from awardsite.demo import DEMO_PASSWORD, demo_totp_secret


def current_totp(email: str, *, secret: str | None = None) -> str:
    """The TOTP code of now for a demo user (or for `secret`, e.g. the judging tests' secret)."""
    import time

    from allauth.mfa import app_settings
    from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value

    counter = int(time.time()) // app_settings.TOTP_PERIOD
    return format_hotp_value(hotp_value(secret or demo_totp_secret(email), counter))


def log_in(
    page,
    base_url: str,
    email: str,
    *,
    password: str = DEMO_PASSWORD,
    totp: bool = False,
    totp_secret: str | None = None,
    lang: str = "nl",
):
    prefix = "" if lang == "nl" else "/en"
    page.goto(f"{base_url}{prefix}/accounts/login/")
    page.fill("input[name=login]", email)
    page.fill("input[name=password]", password)
    page.locator("form").filter(has=page.locator("input[name=password]")).locator("button[type=submit]").first.click()
    if totp:
        page.wait_for_selector("input[name=code]")
        page.fill("input[name=code]", current_totp(email, secret=totp_secret))
        page.locator("form").filter(has=page.locator("input[name=code]")).locator("button[type=submit]").first.click()
    page.wait_for_load_state("networkidle")


def click_and_wait(page, selector: str) -> None:
    """Click (a submit button, a link) and wait until the page it leads to has loaded."""
    with page.expect_navigation():
        page.locator(selector).first.click()


def log_out(page) -> None:
    click_and_wait(page, "form[action$='/accounts/logout/'] button[type=submit]")


def png_file(path) -> str:
    """A small real PNG (made with Pillow) to upload; returns its path."""
    from PIL import Image

    Image.new("RGB", (320, 200), (20, 110, 180)).save(path, format="PNG")
    return str(path)
