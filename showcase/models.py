"""Showcase (good-practice examples) and guides (handreikingen) as Wagtail pages.

Tree: HomePage > ShowcaseIndexPage > ShowcaseYearPage (one per edition, also the edition's results
page) > ShowcasePage; HomePage > GuideIndexPage > GuidePage.

What a visitor may see is decided in ONE place, `showcase.selectors.public_showcase_pages`:
live, not restricted, the entry's owners consented to publication and the edition's results are
published. `serve`, lists, search, feeds, exports, the API and the sitemap all ask it.
Keys used for filtering (themes, organisation types, datasets, cited examples) are stored as
",a,b," strings so one `__contains` filter works on SQLite and PostgreSQL alike.
"""

from django.db import models
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from awardsite.blocks import RICH_TEXT_FEATURES
from submissions.enums import ApplicationType, Maturity, OrganisationType

from .admin_forms import ShowcasePageForm
from .blocks import GuideStreamBlock
from .datasets import dataset_key
from .enums import AWARD_RANK, AwardKind
from .workflow_tasks import SecondEditorApprovalTask  # noqa: F401  (a model of this app)


def join_keys(values) -> str:
    keys = sorted({str(value) for value in values if value})
    return f",{','.join(keys)}," if keys else ""


class ShowcaseIndexPage(Page):
    intro = models.TextField(_("introduction"), blank=True, max_length=600)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["awardsite.HomePage"]
    subpage_types = ["showcase.ShowcaseYearPage"]
    max_count = 1
    template = "showcase/showcase_index_page.html"

    class Meta:
        verbose_name = _("showcase index")

    def serve(self, request, *args, **kwargs):
        from .cache import serve_cached

        return serve_cached(request, key="index", render=lambda: super(ShowcaseIndexPage, self).serve(request))

    def get_context(self, request, *args, **kwargs):
        from .selectors import showcase_index

        context = super().get_context(request, *args, **kwargs)
        context.update(showcase_index(params=request.GET))
        return context


class ShowcaseYearPage(Page):
    """The examples of one edition and that edition's results page (winners, nominees, jury report)."""

    edition = models.OneToOneField(
        "submissions.Edition", on_delete=models.PROTECT, related_name="showcase_year_page", verbose_name=_("edition")
    )
    intro = models.TextField(_("introduction"), blank=True, max_length=600)
    jury_report = RichTextField(_("jury report summary"), blank=True, features=RICH_TEXT_FEATURES)
    ceremony_text = RichTextField(
        _("about the ceremony"),
        blank=True,
        features=RICH_TEXT_FEATURES,
        help_text=_("Where and when the award was handed out, who presented it."),
    )

    content_panels = Page.content_panels + [
        FieldPanel("edition"),
        FieldPanel("intro"),
        FieldPanel("jury_report"),
        FieldPanel("ceremony_text"),
    ]
    parent_page_types = ["showcase.ShowcaseIndexPage"]
    subpage_types = ["showcase.ShowcasePage"]
    template = "showcase/showcase_year_page.html"

    class Meta:
        verbose_name = _("edition results page")

    def serve(self, request, *args, **kwargs):
        from .selectors import edition_results_are_public

        if not getattr(request, "is_preview", False) and not edition_results_are_public(self.edition):
            raise Http404
        return super().serve(request, *args, **kwargs)

    def get_context(self, request, *args, **kwargs):
        from .selectors import edition_results

        context = super().get_context(request, *args, **kwargs)
        context["results"] = edition_results(edition=self.edition)
        return context

    def get_sitemap_urls(self, request=None):
        from .selectors import edition_results_are_public

        return super().get_sitemap_urls(request) if edition_results_are_public(self.edition) else []


class ShowcasePage(Page):
    entry = models.ForeignKey(
        "submissions.Entry",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="showcase_pages",
        verbose_name=_("entry (provenance)"),
        help_text=_("The entry this page was made from. Its consent and its edition's embargo apply."),
    )
    edition = models.ForeignKey(
        "submissions.Edition",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="showcase_pages",
        verbose_name=_("edition"),
        editable=False,
    )
    summary = models.TextField(_("summary"), max_length=600)
    description = RichTextField(_("description"), blank=True, features=RICH_TEXT_FEATURES)
    societal_question = models.TextField(_("societal question"), blank=True, max_length=2000)
    impact = models.TextField(_("impact"), blank=True, max_length=4000)
    lessons_learned = models.TextField(_("lessons learned"), blank=True, max_length=4000)
    application_type = models.CharField(
        _("application type"), max_length=32, choices=ApplicationType.choices, blank=True
    )
    maturity = models.PositiveSmallIntegerField(_("maturity"), choices=Maturity.choices, null=True, blank=True)
    themes = models.JSONField(_("themes"), default=list, blank=True)
    application_url = models.URLField(_("application URL"), blank=True)
    source_code_url = models.URLField(_("source code URL"), blank=True)
    source_code_licence = models.CharField(_("source code licence"), max_length=100, blank=True)
    award_kind = models.CharField(_("award"), max_length=16, choices=AwardKind.choices, default=AwardKind.OTHER)
    award_label = models.CharField(
        _("award label"), max_length=120, blank=True, help_text=_("E.g. 'Winner 2025' or 'Honourable mention'.")
    )
    award_amount = models.DecimalField(_("prize money (EUR)"), max_digits=10, decimal_places=2, null=True, blank=True)
    jury_motivation = models.TextField(_("jury motivation"), blank=True)
    # Derived in save(): sorting and filtering keys.
    award_rank = models.PositiveSmallIntegerField(default=2, editable=False, db_index=True)
    year = models.PositiveIntegerField(null=True, blank=True, editable=False, db_index=True)
    theme_keys = models.CharField(max_length=600, blank=True, editable=False)
    org_type_keys = models.CharField(max_length=200, blank=True, editable=False)
    dataset_keys = models.TextField(blank=True, editable=False)

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        FieldPanel("description"),
        MultiFieldPanel(
            [FieldPanel("societal_question"), FieldPanel("impact"), FieldPanel("lessons_learned")],
            heading=_("Story"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("application_type"), FieldPanel("maturity")]),
                FieldPanel("themes"),
                FieldPanel("application_url"),
                FieldRowPanel([FieldPanel("source_code_url"), FieldPanel("source_code_licence")]),
            ],
            heading=_("Facts"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("award_kind"), FieldPanel("award_label"), FieldPanel("award_amount")]),
                FieldPanel("jury_motivation"),
            ],
            heading=_("Award"),
        ),
        InlinePanel("images", label=_("Images")),
        InlinePanel("organisations", label=_("Organisations"), min_num=1),
        InlinePanel("datasets", label=_("Datasets used")),
        FieldPanel("entry", read_only=True),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("summary", boost=1.5),
        index.SearchField("description"),
        index.SearchField("societal_question"),
        index.SearchField("impact"),
        index.SearchField("jury_motivation"),
        index.RelatedFields("organisations", [index.SearchField("name")]),
        index.RelatedFields("datasets", [index.SearchField("title"), index.SearchField("publisher")]),
    ]
    parent_page_types = ["showcase.ShowcaseYearPage"]
    subpage_types: list = []
    template = "showcase/showcase_page.html"
    base_form_class = ShowcasePageForm

    class Meta:
        verbose_name = _("showcase page")
        verbose_name_plural = _("showcase pages")

    def save(self, *args, **kwargs):
        if self.edition_id is None and self.path:
            parent = self.get_parent()
            if parent is not None and isinstance(parent.specific, ShowcaseYearPage):
                self.edition_id = parent.specific.edition_id
        if self.edition_id and self.year is None:
            self.year = self.edition.year
        self.award_rank = AWARD_RANK.get(self.award_kind, 2)
        self.theme_keys = join_keys(self.themes or [])
        self.org_type_keys = join_keys(org.org_type for org in self.organisations.all())
        self.dataset_keys = join_keys(dataset_key(ckan_name=ds.ckan_name, title=ds.title) for ds in self.datasets.all())
        return super().save(*args, **kwargs)

    def serve(self, request, *args, **kwargs):
        from .cache import serve_cached
        from .selectors import showcase_page_is_public

        if getattr(request, "is_preview", False):
            return super().serve(request, *args, **kwargs)
        if not showcase_page_is_public(self):
            raise Http404
        return serve_cached(
            request, key=f"page:{self.pk}", render=lambda: super(ShowcasePage, self).serve(request, *args, **kwargs)
        )

    def get_context(self, request, *args, **kwargs):
        from .selectors import showcase_page_extras

        context = super().get_context(request, *args, **kwargs)
        context.update(showcase_page_extras(page=self, request=request))
        return context

    def get_sitemap_urls(self, request=None):
        from .selectors import showcase_page_is_public

        return super().get_sitemap_urls(request) if showcase_page_is_public(self) else []


class ShowcaseImage(Orderable):
    page = ParentalKey(ShowcasePage, on_delete=models.CASCADE, related_name="images")
    image = models.ForeignKey(
        "awardsite.CustomImage", on_delete=models.CASCADE, related_name="+", verbose_name=_("image")
    )
    caption = models.CharField(_("caption"), max_length=300, blank=True)

    panels = [FieldPanel("image"), FieldPanel("caption")]


class ShowcaseOrganisation(Orderable):
    page = ParentalKey(ShowcasePage, on_delete=models.CASCADE, related_name="organisations")
    name = models.CharField(_("name"), max_length=200)
    org_type = models.CharField(_("type"), max_length=32, choices=OrganisationType.choices)
    website = models.URLField(_("website"), blank=True)

    panels = [FieldPanel("name"), FieldPanel("org_type"), FieldPanel("website")]

    def __str__(self):
        return self.name


class ShowcaseDataset(Orderable):
    page = ParentalKey(ShowcasePage, on_delete=models.CASCADE, related_name="datasets")
    title = models.CharField(_("title"), max_length=300)
    ckan_name = models.CharField(
        _("catalogue name"), max_length=200, blank=True, help_text=_("The dataset's name on data.overheid.nl.")
    )
    key = models.SlugField(_("key"), max_length=200, blank=True, editable=False, db_index=True)
    url = models.URLField(_("link to the dataset"), max_length=500, blank=True)
    publisher = models.CharField(_("publisher"), max_length=300, blank=True)
    licence_title = models.CharField(_("licence"), max_length=200, blank=True)
    licence_url = models.URLField(_("licence URL"), max_length=500, blank=True)
    how_used = models.TextField(_("how it is used"), blank=True, max_length=1000)

    panels = [
        FieldPanel("title"),
        FieldPanel("ckan_name"),
        FieldPanel("url"),
        FieldPanel("publisher"),
        FieldRowPanel([FieldPanel("licence_title"), FieldPanel("licence_url")]),
        FieldPanel("how_used"),
    ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self.key = dataset_key(ckan_name=self.ckan_name, title=self.title)
        super().save(*args, **kwargs)

    @property
    def catalogue_url(self) -> str:
        if self.ckan_name:
            return f"https://data.overheid.nl/dataset/{self.ckan_name}"
        return self.url


class GuideIndexPage(Page):
    intro = models.TextField(_("introduction"), blank=True, max_length=600)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["awardsite.HomePage"]
    subpage_types = ["showcase.GuidePage"]
    max_count = 1
    template = "showcase/guide_index_page.html"

    class Meta:
        verbose_name = _("guide index")

    def get_context(self, request, *args, **kwargs):
        from .selectors import guide_index

        context = super().get_context(request, *args, **kwargs)
        context.update(guide_index(index_page=self, params=request.GET))
        return context


class GuidePageTag(TaggedItemBase):
    content_object = ParentalKey("showcase.GuidePage", on_delete=models.CASCADE, related_name="tagged_items")


class GuidePage(Page):
    intro = models.TextField(_("introduction"), max_length=600)
    body = StreamField(GuideStreamBlock(), verbose_name=_("body"))
    topics = ClusterTaggableManager(through=GuidePageTag, blank=True, verbose_name=_("topics"))
    last_reviewed = models.DateField(_("last reviewed"))
    # Derived in save() from the body: which examples and datasets this guide cites.
    example_keys = models.TextField(blank=True, editable=False)
    dataset_keys = models.TextField(blank=True, editable=False)

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        FieldPanel("body"),
        FieldPanel("topics"),
        FieldPanel("last_reviewed"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("intro", boost=1.5),
        index.SearchField("body"),
        index.RelatedFields("topics", [index.SearchField("name")]),
    ]
    parent_page_types = ["showcase.GuideIndexPage"]
    subpage_types: list = []
    template = "showcase/guide_page.html"

    class Meta:
        verbose_name = _("guide")
        verbose_name_plural = _("guides")

    def save(self, *args, **kwargs):
        examples, datasets = set(), set()
        for block in self.body:
            if block.block_type == "examples":
                examples.update(page.pk for page in block.value["pages"] if page is not None)
            elif block.block_type == "datasets":
                datasets.update(
                    dataset_key(ckan_name=item["key"], title=item["title"]) for item in block.value["datasets"]
                )
        self.example_keys = join_keys(examples)
        self.dataset_keys = join_keys(datasets)
        return super().save(*args, **kwargs)

    def get_context(self, request, *args, **kwargs):
        from .selectors import guide_extras

        context = super().get_context(request, *args, **kwargs)
        context.update(guide_extras(page=self))
        return context
