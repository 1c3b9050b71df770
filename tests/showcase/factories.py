"""Factories and builders of the showcase tests."""

from datetime import timedelta
from io import BytesIO

from django.core.files.images import ImageFile
from django.utils import timezone
from PIL import Image as PILImage

from awardsite.images import CustomImage
from showcase.enums import AwardKind
from showcase.models import ShowcaseDataset, ShowcaseImage, ShowcaseOrganisation, ShowcasePage, ShowcaseYearPage
from submissions.enums import OrganisationType
from tests.factories import EditionFactory


def past_edition(*, year, published=True, signed=True):
    """An edition whose call closed long ago; its results are published unless `published=False`."""
    now = timezone.now()
    return EditionFactory(
        year=year,
        opens_at=now - timedelta(days=400),
        closes_at=now - timedelta(days=300),
        jury_deadline=now - timedelta(days=250),
        ceremony_at=now - timedelta(days=200),
        decision_signed_at=(now - timedelta(days=210)) if signed else None,
        results_published_at=(now - timedelta(days=200)) if published else None,
    )


def png_bytes(size=(64, 48), colour=(20, 90, 160)) -> bytes:
    buffer = BytesIO()
    PILImage.new("RGB", size, colour).save(buffer, "PNG")
    return buffer.getvalue()


def make_image(title="Schermafbeelding") -> CustomImage:
    image = CustomImage(
        title=title,
        alt_text=f"{title}: een kaart met gekleurde wijken",
        file=ImageFile(BytesIO(png_bytes()), name="voorbeeld.png"),
    )
    image.save()
    return image


def year_page_for(*, index, edition) -> ShowcaseYearPage:
    page = ShowcaseYearPage.objects.filter(edition=edition).first()
    if page is None:
        page = ShowcaseYearPage(title=f"Uitslag {edition.year}", slug=str(edition.year), edition=edition)
        index.add_child(instance=page)
        page.save_revision().publish()
    return page


def make_showcase_page(
    *,
    index,
    edition,
    title="Buurtdata in beeld",
    entry=None,
    publish=True,
    award_kind=AwardKind.WINNER,
    datasets=(("kerncijfers-wijken-en-buurten", "Kerncijfers wijken en buurten"),),
    org_type=OrganisationType.MARKET,
    themes=("bestuur",),
    image=False,
    slug=None,
) -> ShowcasePage:
    year_page = year_page_for(index=index, edition=edition)
    page = ShowcasePage(
        title=title,
        slug=slug or None,
        entry=entry,
        summary=f"{title}: een samenvatting voor bezoekers.",
        description="<p>Uitleg over de toepassing.</p>",
        award_kind=award_kind,
        award_label={"winner": "Winnaar", "nominee": "Genomineerd"}.get(award_kind, "Eervolle vermelding"),
        themes=list(themes),
        application_type="website",
        live=publish,
    )
    page.organisations = [ShowcaseOrganisation(name=f"{title} BV", org_type=org_type)]
    page.datasets = [
        ShowcaseDataset(title=ds_title, ckan_name=name, licence_title="CC-0", publisher="CBS")
        for name, ds_title in datasets
    ]
    if image:
        page.images = [ShowcaseImage(image=make_image(title))]
    year_page.add_child(instance=page)
    revision = page.save_revision()
    if publish:
        revision.publish()
    page.refresh_from_db()
    return page
