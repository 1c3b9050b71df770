"""StreamField blocks of guide pages (handreikingen).

Blocks that show showcase examples filter them through `showcase.selectors.public_showcase_pages`
when they render, so a guide never links to an example that is embargoed or lost its consent.
"""

from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock

from awardsite.blocks import RICH_TEXT_FEATURES, CalloutBlock, HeadingBlock, QuoteBlock


class StepBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Step"), max_length=200)
    text = blocks.RichTextBlock(features=RICH_TEXT_FEATURES, required=False, label=_("Explanation"))


class StepsBlock(blocks.StructBlock):
    title = blocks.CharBlock(required=False, label=_("Title"))
    steps = blocks.ListBlock(StepBlock(), label=_("Steps"), min_num=1)

    class Meta:
        icon = "list-ol"
        template = "showcase/blocks/steps.html"
        label = _("Numbered steps")


class ChecklistBlock(blocks.StructBlock):
    title = blocks.CharBlock(required=False, label=_("Title"))
    items = blocks.ListBlock(blocks.CharBlock(label=_("Item"), max_length=300), label=_("Items"), min_num=1)

    class Meta:
        icon = "tick"
        template = "showcase/blocks/checklist.html"
        label = _("Checklist")


class ExamplesBlock(blocks.StructBlock):
    title = blocks.CharBlock(required=False, label=_("Title"))
    pages = blocks.ListBlock(
        blocks.PageChooserBlock(page_type="showcase.ShowcasePage", label=_("Example")),
        label=_("Showcase examples"),
        min_num=1,
    )

    class Meta:
        icon = "pick"
        template = "showcase/blocks/examples.html"
        label = _("Linked showcase examples")

    def get_context(self, value, parent_context=None):
        from .selectors import public_showcase_pages

        context = super().get_context(value, parent_context=parent_context)
        ids = [page.pk for page in value["pages"] if page is not None]
        visible = {page.pk: page for page in public_showcase_pages().filter(pk__in=ids)}
        context["examples"] = [visible[pk] for pk in ids if pk in visible]
        return context


class DatasetItemBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Dataset title"), max_length=300)
    key = blocks.CharBlock(
        required=False,
        max_length=200,
        label=_("Catalogue name"),
        help_text=_("The name of the dataset on data.overheid.nl, e.g. 'kerncijfers-wijken-en-buurten'."),
    )
    url = blocks.URLBlock(required=False, label=_("Link to the dataset"))
    licence = blocks.CharBlock(required=False, max_length=200, label=_("Licence"))
    note = blocks.TextBlock(required=False, label=_("Why it is useful"))


class DatasetListBlock(blocks.StructBlock):
    title = blocks.CharBlock(required=False, label=_("Title"))
    datasets = blocks.ListBlock(DatasetItemBlock(), label=_("Datasets"), min_num=1)

    class Meta:
        icon = "table"
        template = "showcase/blocks/datasets.html"
        label = _("Dataset list")


class DownloadsBlock(blocks.StructBlock):
    title = blocks.CharBlock(required=False, label=_("Title"))
    documents = blocks.ListBlock(DocumentChooserBlock(label=_("Document")), label=_("Documents"), min_num=1)

    class Meta:
        icon = "doc-full"
        template = "showcase/blocks/downloads.html"
        label = _("Downloads")


class GuideStreamBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(features=RICH_TEXT_FEATURES, label=_("Text"), icon="pilcrow")
    steps = StepsBlock()
    callout = CalloutBlock()
    quote = QuoteBlock()
    examples = ExamplesBlock()
    datasets = DatasetListBlock()
    downloads = DownloadsBlock()
    checklist = ChecklistBlock()


def heading_anchor(text: str, index: int) -> str:
    """A stable id for a heading, used by the table of contents."""
    return f"{slugify(text)[:60] or 'kop'}-{index}"
