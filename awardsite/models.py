"""Models of the project package. Each lives in its own module; this file makes Django see them."""

from .audit import AuditEvent
from .images import CustomImage, Rendition
from .pages import HomePage, StandardPage
from .site_settings import SiteSettings
from .users import User

__all__ = ["AuditEvent", "CustomImage", "HomePage", "Rendition", "SiteSettings", "StandardPage", "User"]
