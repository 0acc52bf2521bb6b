"""The demo site's pictures: abstract illustrations drawn for Convive with Pillow
(``docs/identity/generate_images.py``), kept in ``demo_media/`` under CC0 (its LICENCE.md),
loaded as Wagtail images and given to the home page, the news, the events and the campaign.

Kept apart from the demo's texts (``demo_content.py``) so either changes alone. Idempotent: an
image is loaded once (found again by its title) and only pages without a picture get one."""

from pathlib import Path

from django.conf import settings
from django.core.files.images import ImageFile
from wagtail.images import get_image_model
from wagtail.models import Page

MEDIA = Path(__file__).resolve().parent / "demo_media"

# File name: the image's description (its alternative text where a page shows it as content).
ILLUSTRATIONS = {
    "harbour": "Illustration: blue hills under an orange sun, with towns linked by lines",
    "market": "Illustration: sand-coloured hills with towns linked by lines",
    "highlands": "Illustration: green highlands with towns linked by lines",
    "river": "Illustration: blue valleys with towns linked by lines",
    "dusk": "Illustration: violet hills at dusk with towns linked by lines",
    "plaza": "Illustration: golden hills with towns linked by lines",
}
HERO = "harbour"
# The pictures pages take in turn, in the order of their English versions.
ROTATION = ["river", "market", "highlands", "dusk", "plaza", "harbour"]


def demo_image(name: str):
    """The Wagtail image of the illustration ``name``, loaded from demo_media/ the first time."""
    image_model = get_image_model()
    title = f"Convive illustration: {name}"
    image = image_model.objects.filter(title=title).first()
    if image is None:
        with (MEDIA / f"{name}.jpg").open("rb") as handle:
            image = image_model(
                title=title,
                description=ILLUSTRATIONS[name],
                file=ImageFile(handle, name=f"convive-{name}.jpg"),
            )
            image.save()
    return image


def _give(pages: list, field: str, image) -> int:
    """Publish each of ``pages`` (a page and its translations) that has no picture with one."""
    given = 0
    for page in pages:
        if getattr(page, f"{field}_id") is None:
            setattr(page, field, image)
            page.save_revision().publish()
            given += 1
    return given


def attach_demo_pictures(*, homes: dict, indexes: list[dict]) -> int:
    """Give the home pages (``{language: home}``) the hero picture, and each child of the
    ``indexes`` (each ``{language: index}``) one in turn; returns how many pages changed."""
    given = _give(list(homes.values()), "hero_image", demo_image(HERO))
    position = 0
    for index in indexes:
        for source in index[settings.LANGUAGE_CODE].get_children().specific().order_by("path"):
            image = demo_image(ROTATION[position % len(ROTATION)])
            position += 1
            family = [
                page.specific
                for page in Page.objects.filter(translation_key=source.translation_key)
            ]
            given += _give(family, "image", image)
    return given
