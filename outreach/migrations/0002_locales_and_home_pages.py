"""Create the Locale rows of every content language and a home page per language, and make the
English home page the default Site's root (replacing Wagtail's welcome page), so that /en/,
/es/, /pt/ and /fr/ each render a home page on a fresh database."""

import uuid
from urllib.parse import urlsplit

from django.conf import settings
from django.db import migrations

ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"  # treebeard's materialised-path digits
STEPLEN = 4

HOMES = {
    "en": (
        "home",
        "Home",
        "Local authorities welcoming migrants, refugees and returnees",
        "Convive connects municipalities, cities and provinces of the Americas that receive and "
        "integrate people on the move, so they can learn from each other.",
    ),
    "es": (
        "home-es",
        "Inicio",
        "Gobiernos locales que acogen a personas migrantes, refugiadas y retornadas",
        "Convive conecta a municipios, ciudades y provincias de las Américas que reciben e "
        "integran a personas en movilidad, para que aprendan unos de otros.",
    ),
    "pt": (
        "home-pt",
        "Início",
        "Governos locais que acolhem pessoas migrantes, refugiadas e retornadas",
        "Convive conecta municípios, cidades e províncias das Américas que recebem e integram "
        "pessoas em mobilidade, para que aprendam uns com os outros.",
    ),
    "fr": (
        "home-fr",
        "Accueil",
        "Des collectivités locales qui accueillent personnes migrantes, réfugiées et rapatriées",
        "Convive relie les municipalités, villes et provinces des Amériques qui accueillent et "
        "intègrent les personnes en mobilité, pour qu'elles apprennent les unes des autres.",
    ),
}


def _encode(number: int) -> str:
    digits = ""
    while number:
        number, remainder = divmod(number, len(ALPHABET))
        digits = ALPHABET[remainder] + digits
    return digits.rjust(STEPLEN, "0")


def create_home_pages(apps, schema_editor):
    Locale = apps.get_model("wagtailcore", "Locale")
    Page = apps.get_model("wagtailcore", "Page")
    Site = apps.get_model("wagtailcore", "Site")
    ContentType = apps.get_model("contenttypes", "ContentType")
    HomePage = apps.get_model("outreach", "HomePage")

    locales = {
        code: Locale.objects.get_or_create(language_code=code)[0]
        for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES
    }
    if HomePage.objects.exists():
        return

    root = Page.objects.filter(depth=1).order_by("path").first()
    if root is None:
        return
    content_type, _created = ContentType.objects.get_or_create(
        app_label="outreach", model="homepage"
    )
    last = Page.objects.filter(depth=2, path__startswith=root.path).order_by("-path").first()
    position = int(last.path[-STEPLEN:], 36) if last else 0
    translation_key = uuid.uuid4()
    homes = {}
    for code, (slug, title, heading, text) in HOMES.items():
        if code not in locales:
            continue
        position += 1
        homes[code] = HomePage.objects.create(
            title=title,
            draft_title=title,
            slug=slug,
            content_type=content_type,
            path=root.path + _encode(position),
            depth=2,
            numchild=0,
            url_path=f"/{slug}/",
            locale=locales[code],
            translation_key=translation_key,
            live=True,
            has_unpublished_changes=False,
            show_in_menus=False,
            hero_heading=heading,
            hero_text=text,
            intro="",
            actions="[]",
        )

    english = homes.get(settings.LANGUAGE_CODE) or next(iter(homes.values()))
    # Full URLs (sitemap, feeds, sharing tags) are built from the Site: match SITE_URL.
    address = urlsplit(getattr(settings, "SITE_URL", "") or "http://localhost")
    hostname = address.hostname or "localhost"
    port = address.port or (443 if address.scheme == "https" else 80)
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(
            hostname=hostname,
            port=port,
            site_name="Convive",
            root_page_id=english.pk,
            is_default_site=True,
        )
    else:
        welcome_id = site.root_page_id
        site.root_page_id = english.pk
        site.hostname, site.port = hostname, port
        site.site_name = site.site_name or "Convive"
        site.save()
        # Wagtail's "Welcome to your new Wagtail site!" page, if it is still the plain page.
        Page.objects.filter(
            pk=welcome_id,
            depth=2,
            numchild=0,
            content_type__app_label="wagtailcore",
            content_type__model="page",
        ).delete()
    root.numchild = Page.objects.filter(depth=2, path__startswith=root.path).count()
    root.save(update_fields=["numchild"])


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtailcore", "0098_apitoken"),
        ("outreach", "0001_initial"),
    ]

    operations = [migrations.RunPython(create_home_pages, migrations.RunPython.noop)]
