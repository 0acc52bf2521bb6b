"""Wagtail's image form with the site's pixel limit checked first, from the image's header.

Wagtail checks ``WAGTAILIMAGES_MAX_IMAGE_PIXELS`` only after Willow has opened (and, for some
formats, decoded) the file, and a damaged file raises there instead of giving a form error. The
CMS uses this form through ``WAGTAILIMAGES_IMAGE_FORM_BASE``."""

from django.core.exceptions import ValidationError
from django.utils.text import capfirst
from wagtail.images import get_image_model
from wagtail.images.fields import WagtailImageField
from wagtail.images.forms import BaseImageForm

from .inputs import image_pixels_validate


class PixelLimitedImageField(WagtailImageField):
    def to_python(self, data):
        if data is not None and hasattr(data, "seek"):
            image_pixels_validate(data)
        try:
            return super().to_python(data)
        except OSError as error:  # damaged or truncated: Pillow only finds out while decoding
            raise ValidationError(
                self.error_messages["invalid_image"], code="invalid_image"
            ) from error


class CmsImageForm(BaseImageForm):
    file = PixelLimitedImageField(
        label=capfirst(get_image_model()._meta.get_field("file").verbose_name)
    )
