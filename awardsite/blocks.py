"""StreamField blocks shared by home, standard, call, showcase and guide pages."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.images.blocks import ImageBlock

RICH_TEXT_FEATURES = ["h2", "h3", "h4", "bold", "italic", "ol", "ul", "link", "document-link"]


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Text"), max_length=200)
    level = blocks.ChoiceBlock(choices=[("h2", "H2"), ("h3", "H3"), ("h4", "H4")], default="h2", label=_("Level"))

    class Meta:
        icon = "title"
        template = "components/blocks/heading.html"
        label = _("Heading")


class CalloutBlock(blocks.StructBlock):
    kind = blocks.ChoiceBlock(
        choices=[("info", _("Information")), ("warning", _("Warning")), ("ok", _("Tip"))],
        default="info",
        label=_("Kind"),
    )
    title = blocks.CharBlock(required=False, label=_("Title"))
    text = blocks.RichTextBlock(features=RICH_TEXT_FEATURES, label=_("Text"))

    class Meta:
        icon = "warning"
        template = "components/blocks/callout.html"
        label = _("Callout")


class QuoteBlock(blocks.StructBlock):
    quote = blocks.TextBlock(label=_("Quote"))
    attribution = blocks.CharBlock(required=False, label=_("Attribution"))

    class Meta:
        icon = "openquote"
        template = "components/blocks/quote.html"
        label = _("Quote")


class LinkBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Link text"))
    page = blocks.PageChooserBlock(required=False, label=_("Page"))
    url = blocks.URLBlock(required=False, label=_("External URL"))

    class Meta:
        icon = "link"
        template = "components/blocks/link.html"
        label = _("Link")


class FaqItemBlock(blocks.StructBlock):
    question = blocks.CharBlock(label=_("Question"))
    answer = blocks.RichTextBlock(features=RICH_TEXT_FEATURES, label=_("Answer"))


class FaqBlock(blocks.StructBlock):
    title = blocks.CharBlock(required=False, label=_("Title"))
    items = blocks.ListBlock(FaqItemBlock(), label=_("Questions"))

    class Meta:
        icon = "help"
        template = "components/blocks/faq.html"
        label = _("Frequently asked questions")


class BaseStreamBlock(blocks.StreamBlock):
    """The blocks every content page may use."""

    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(features=RICH_TEXT_FEATURES, label=_("Paragraph"), icon="pilcrow")
    image = ImageBlock(label=_("Image"), template="components/blocks/image.html")
    callout = CalloutBlock()
    quote = QuoteBlock()
    link = LinkBlock()
    faq = FaqBlock()
