"""Signal handlers: they only call the service that retires cached public responses."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.models import PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move

from submissions.models import Edition, Entry


@receiver(page_published)
@receiver(page_unpublished)
@receiver(post_page_move)
def _page_changed(sender, instance=None, **kwargs):
    from .services import invalidate_public_cache

    invalidate_public_cache(reason="page published, unpublished or moved")


@receiver(post_delete)
def _page_deleted(sender, instance=None, **kwargs):
    from wagtail.models import Page

    if isinstance(instance, Page):
        from .services import invalidate_public_cache

        invalidate_public_cache(reason="page deleted")


@receiver(post_save, sender=PageViewRestriction)
@receiver(post_delete, sender=PageViewRestriction)
def _restriction_changed(sender, instance=None, **kwargs):
    from .services import invalidate_public_cache

    invalidate_public_cache(reason="page view restriction changed")


@receiver(post_save, sender=Entry)
def _entry_saved(sender, instance, **kwargs):
    """A consent withdrawn or an entry withdrawn must take its page off the site at once."""
    if instance.showcase_pages.exists():
        from .services import invalidate_public_cache

        invalidate_public_cache(reason="entry of a showcase page changed")


@receiver(post_save, sender=Edition)
def _edition_saved(sender, instance, **kwargs):
    from .services import invalidate_public_cache

    invalidate_public_cache(reason="edition changed")
