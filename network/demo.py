"""Demo data of the network: member authorities, partners, one account per role.

Idempotent: every row is found by a stable key (slug, email) and brought up to date, so
running ``seed_network`` twice changes nothing. The demo passwords and the TOTP secret are
public: never run this against a production database that real people use.
"""

from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.utils import encrypt

from .models import JoinRequest, LocalAuthority, Membership, PartnerOrganisation, User
from .roles import MFA_REQUIRED_ROLES, Role, role_groups_ensure

DEMO_DOMAIN = "demo.convive.example.org"
# Base32; enter it in any authenticator app (or read the current code from `demo_accounts`).
DEMO_TOTP_SECRET = "CONVIVEDEMOTOTPSECRETFORDEMOONLY"  # noqa: S105 (public demo secret)

L = LocalAuthority.Level
P = LocalAuthority.PopulationBand

# (slug, name, level, country, region, population band, latitude, longitude, joined, website)
AUTHORITIES = [
    (
        "cucuta-co",
        "Cúcuta",
        L.CITY,
        "CO",
        "Norte de Santander",
        P.FROM_250K,
        "7.89391",
        "-72.50782",
        "2024-03-12",
        "https://www.cucuta.gov.co",
    ),
    (
        "barranquilla-co",
        "Barranquilla",
        L.CITY,
        "CO",
        "Atlántico",
        P.OVER_1M,
        "10.96854",
        "-74.78132",
        "2024-05-20",
        "https://www.barranquilla.gov.co",
    ),
    (
        "necocli-co",
        "Necoclí",
        L.MUNICIPALITY,
        "CO",
        "Antioquia",
        P.UNDER_50K,
        "8.42648",
        "-76.78409",
        "2025-02-03",
        "",
    ),
    (
        "quito-ec",
        "Quito",
        L.CITY,
        "EC",
        "Pichincha",
        P.OVER_1M,
        "-0.22985",
        "-78.52495",
        "2024-03-12",
        "https://www.quito.gob.ec",
    ),
    (
        "huaquillas-ec",
        "Huaquillas",
        L.MUNICIPALITY,
        "EC",
        "El Oro",
        P.FROM_50K,
        "-3.47523",
        "-80.23083",
        "2024-06-18",
        "",
    ),
    (
        "catamayo-ec",
        "Catamayo",
        L.MUNICIPALITY,
        "EC",
        "Loja",
        P.UNDER_50K,
        "-3.98333",
        "-79.35000",
        "2025-01-14",
        "",
    ),
    (
        "tapachula-mx",
        "Tapachula",
        L.MUNICIPALITY,
        "MX",
        "Chiapas",
        P.FROM_250K,
        "14.90385",
        "-92.25749",
        "2024-03-12",
        "",
    ),
    (
        "ciudad-juarez-mx",
        "Ciudad Juárez",
        L.MUNICIPALITY,
        "MX",
        "Chihuahua",
        P.OVER_1M,
        "31.72024",
        "-106.46084",
        "2024-09-09",
        "https://www.juarez.gob.mx",
    ),
    (
        "tijuana-mx",
        "Tijuana",
        L.MUNICIPALITY,
        "MX",
        "Baja California",
        P.OVER_1M,
        "32.50270",
        "-117.00371",
        "2024-09-09",
        "https://www.tijuana.gob.mx",
    ),
    (
        "boa-vista-br",
        "Boa Vista",
        L.MUNICIPALITY,
        "BR",
        "Roraima",
        P.FROM_250K,
        "2.82384",
        "-60.67533",
        "2024-04-22",
        "https://boavista.rr.gov.br",
    ),
    (
        "pacaraima-br",
        "Pacaraima",
        L.MUNICIPALITY,
        "BR",
        "Roraima",
        P.UNDER_50K,
        "4.47970",
        "-61.14770",
        "2024-11-05",
        "",
    ),
    (
        "manaus-br",
        "Manaus",
        L.CITY,
        "BR",
        "Amazonas",
        P.OVER_1M,
        "-3.10194",
        "-60.02500",
        "2025-03-03",
        "",
    ),
    (
        "lima-pe",
        "Lima",
        L.CITY,
        "PE",
        "Lima",
        P.OVER_1M,
        "-12.04318",
        "-77.02824",
        "2024-05-06",
        "https://www.munlima.gob.pe",
    ),
    (
        "tumbes-pe",
        "Tumbes",
        L.PROVINCE,
        "PE",
        "Tumbes",
        P.FROM_50K,
        "-3.56694",
        "-80.45153",
        "2025-01-27",
        "",
    ),
    (
        "santiago-cl",
        "Santiago",
        L.MUNICIPALITY,
        "CL",
        "Región Metropolitana",
        P.FROM_250K,
        "-33.45694",
        "-70.64827",
        "2024-07-01",
        "https://www.munistgo.cl",
    ),
    (
        "guatemala-city-gt",
        "Guatemala City",
        L.MUNICIPALITY,
        "GT",
        "Guatemala",
        P.OVER_1M,
        "14.64072",
        "-90.51327",
        "2024-08-14",
        "https://www.muniguate.com",
    ),
    (
        "amatitlan-gt",
        "Amatitlán",
        L.MUNICIPALITY,
        "GT",
        "Guatemala",
        P.FROM_50K,
        "14.48333",
        "-90.61667",
        "2025-02-18",
        "",
    ),
    (
        "zacatecoluca-sv",
        "Zacatecoluca",
        L.MUNICIPALITY,
        "SV",
        "La Paz",
        P.FROM_50K,
        "13.50000",
        "-88.86667",
        "2024-10-21",
        "",
    ),
    (
        "san-jose-cr",
        "San José",
        L.MUNICIPALITY,
        "CR",
        "San José",
        P.FROM_250K,
        "9.93333",
        "-84.08333",
        "2024-06-03",
        "https://www.msj.go.cr",
    ),
    (
        "panama-city-pa",
        "Panama City",
        L.MUNICIPALITY,
        "PA",
        "Panamá",
        P.OVER_1M,
        "8.99360",
        "-79.51973",
        "2024-12-02",
        "https://mupa.gob.pa",
    ),
    (
        "montevideo-uy",
        "Montevideo",
        L.DEPARTMENT,
        "UY",
        "Montevideo",
        P.OVER_1M,
        "-34.90328",
        "-56.18816",
        "2024-04-08",
        "https://montevideo.gub.uy",
    ),
]

# The network's figures that texts quote (news, reports); the home page counts the same rows.
MEMBER_AUTHORITY_COUNT = len(AUTHORITIES)
MEMBER_COUNTRY_COUNT = len({row[3] for row in AUTHORITIES})

# (slug, name, acronym, website)
PARTNERS = [
    ("oas", "Organization of American States", "OAS", "https://www.oas.org"),
    ("iom", "International Organization for Migration", "IOM", "https://www.iom.int"),
    ("unhcr", "UN Refugee Agency", "UNHCR", "https://www.unhcr.org"),
    ("uclg", "United Cities and Local Governments", "UCLG", "https://www.uclg.org"),
    ("fcm-co", "Federación Colombiana de Municipios", "FCM", "https://www.fcm.org.co"),
]


@dataclass(frozen=True)
class DemoAccount:
    role: str  # a Role code, or "admin" for the superuser
    first_name: str
    last_name: str
    language: str
    organisation: str = ""  # slug of a local authority or partner
    position: str = ""  # as the person would write it: in their own language
    focal_point: bool = False

    @property
    def email(self) -> str:
        return f"{self.role}@{DEMO_DOMAIN}"

    @property
    def password(self) -> str:
        return f"convive-demo-{self.role}"

    @property
    def needs_totp(self) -> bool:
        # The superuser acts in every role, always with the second factor (network.permissions).
        return self.role == "admin" or self.role in MFA_REQUIRED_ROLES


DEMO_ACCOUNTS = [
    DemoAccount("admin", "Convive", "Administrator", "en"),
    DemoAccount("coordinator", "Lucía", "Fernández", "es", "oas", "Coordinadora de la red"),
    DemoAccount(
        "official",
        "Carlos",
        "Ramírez",
        "es",
        "cucuta-co",
        "Director de la oficina de migración",
        True,
    ),
    DemoAccount("member", "Ana", "Souza", "pt", "boa-vista-br", "Assistente social"),
    DemoAccount("researcher", "Marie", "Joseph", "fr"),
    DemoAccount("tutor", "Daniel", "Moreno", "en"),
    DemoAccount("juror", "Gabriela", "Rocha", "pt"),
    DemoAccount("partner", "Sarah", "Mitchell", "en", "iom", "Programme officer", True),
    DemoAccount("moderator", "Jorge", "Castillo", "es"),
]

PENDING_JOIN_REQUESTS = [
    {
        "authority_name": "Arica",
        "level": L.MUNICIPALITY,
        "country": "CL",
        "region": "Arica y Parinacota",
        "population_band": P.FROM_50K,
        "contact_name": "Valentina Soto",
        "contact_email": f"valentina.soto@arica.{DEMO_DOMAIN}",
        "contact_position": "Jefa de desarrollo social",
        "preferred_language": "es",
        "message": "Arica recibe a muchas personas que cruzan desde Perú y Bolivia; "
        "queremos aprender de otras ciudades fronterizas.",
    },
    {
        "authority_name": "Cap-Haïtien",
        "level": L.CITY,
        "country": "HT",
        "region": "Nord",
        "population_band": P.FROM_250K,
        "contact_name": "Jean-Baptiste Pierre",
        "contact_email": f"jb.pierre@cap-haitien.{DEMO_DOMAIN}",
        "contact_position": "Conseiller du maire pour les personnes rapatriées",
        "preferred_language": "fr",
        "message": "Nous accueillons des personnes rapatriées chaque semaine et souhaitons "
        "partager notre pratique d'accueil.",
    },
]


def _seed_organisations(created: list) -> dict[str, LocalAuthority | PartnerOrganisation]:
    organisations: dict[str, LocalAuthority | PartnerOrganisation] = {}
    for slug, name, level, country, region, band, lat, lng, joined, website in AUTHORITIES:
        organisations[slug], is_new = LocalAuthority.objects.update_or_create(
            slug=slug,
            defaults={
                "name": name,
                "level": level,
                "country": country,
                "region": region,
                "population_band": band,
                "latitude": Decimal(lat),
                "longitude": Decimal(lng),
                "website": website,
                "is_member": True,
                "joined_at": datetime.fromisoformat(joined).replace(tzinfo=UTC),
            },
        )
        created += [organisations[slug]] if is_new else []
    for slug, name, acronym, website in PARTNERS:
        organisations[slug], is_new = PartnerOrganisation.objects.update_or_create(
            slug=slug, defaults={"name": name, "acronym": acronym, "website": website}
        )
        created += [organisations[slug]] if is_new else []
    return organisations


def demo_person_ensure(
    *,
    email: str,
    first_name: str,
    last_name: str,
    language: str,
    position: str = "",
    languages: list[str] | None = None,
) -> tuple[User, bool]:
    """A demo person other than the demo accounts: nobody signs in as them (no usable
    password), their address is verified (they receive the demo's emails). Returns the user and
    whether it was created."""
    user, created = User.objects.get_or_create(
        email=email,
        defaults={
            "first_name": first_name,
            "last_name": last_name,
            "preferred_language": language,
            "languages_spoken": languages or [language],
            "position": position,
        },
    )
    if created:
        user.set_unusable_password()
        user.save()
    EmailAddress.objects.get_or_create(
        user=user, email=user.email, defaults={"verified": True, "primary": True}
    )
    return user, created


def _seed_account(account: DemoAccount, organisations: dict, created: list) -> User:
    user = User.objects.filter(email=account.email).first()
    if user is None:
        user = User(email=account.email)
        created.append(user)
    user.first_name = account.first_name
    user.last_name = account.last_name
    user.preferred_language = account.language
    user.languages_spoken = sorted({account.language, "en"})
    user.position = account.position
    user.is_superuser = user.is_staff = account.role == "admin"
    if not user.check_password(account.password):
        user.set_password(account.password)
    user.save()
    EmailAddress.objects.update_or_create(
        user=user, email=account.email, defaults={"verified": True, "primary": True}
    )
    if account.role in Role.values:
        user.groups.add(*_groups([account.role]))
    organisation = organisations.get(account.organisation)
    if organisation is not None:
        is_authority = isinstance(organisation, LocalAuthority)
        Membership.objects.update_or_create(
            user=user,
            local_authority=organisation if is_authority else None,
            partner=None if is_authority else organisation,
            defaults={"position": account.position, "is_focal_point": account.focal_point},
        )
    if account.needs_totp:
        Authenticator.objects.update_or_create(
            user=user,
            type=Authenticator.Type.TOTP,
            defaults={"data": {"secret": encrypt(DEMO_TOTP_SECRET)}},
        )
    return user


def _groups(codes: list[str]):
    from django.contrib.auth.models import Group

    return list(Group.objects.filter(name__in=codes))


def seed_network(*, stdout) -> None:
    """Create (or bring up to date) the demo network. Safe to run repeatedly."""
    role_groups_ensure()
    created: list = []
    organisations = _seed_organisations(created)
    for account in DEMO_ACCOUNTS:
        _seed_account(account, organisations, created)
    for data in PENDING_JOIN_REQUESTS:
        join_request, is_new = JoinRequest.objects.get_or_create(
            authority_name=data["authority_name"],
            contact_email=data["contact_email"],
            defaults=data,
        )
        created += [join_request] if is_new else []
    with_totp = ", ".join(account.role for account in DEMO_ACCOUNTS if account.needs_totp)
    stdout.write(
        f"Network: {len(created)} row(s) created; {MEMBER_AUTHORITY_COUNT} member authorities, "
        f"{len(PARTNERS)} partners, {len(DEMO_ACCOUNTS)} demo accounts and "
        f"{len(PENDING_JOIN_REQUESTS)} pending join requests in all (TOTP secret for {with_totp}: "
        f"{DEMO_TOTP_SECRET})."
    )
