"""The demo forum: categories in four languages, a partners' intranet and the coordination
committee's space, and conversations between officials of member authorities.

The people and conversations are illustrative (written for the demo, like the demo accounts);
the situations they discuss are the everyday ones of the network's cases. Posts are written as
past conversations, straight into their rows with their rendered HTML (``post_render``), so
seeding emails nobody; the search index is brought up to date at the end. Safe to run
repeatedly: categories are found by slug, topics by title within their category, people by
email.
"""

from dataclasses import dataclass, field
from datetime import timedelta

from django.contrib.auth.models import Group
from django.utils import timezone

from network.demo import DEMO_DOMAIN, demo_person_ensure
from network.models import LocalAuthority, Membership, PartnerOrganisation, User
from network.roles import Role

from .models import (
    Category,
    CategoryGrant,
    CategoryWatch,
    Flag,
    ModerationAction,
    Post,
    Reaction,
    Space,
    Topic,
    TopicWatch,
)
from .services.rendering import post_render
from .services.search_index import forum_search_rebuild

# People who take part in the demo conversations besides the demo accounts (network/demo.py):
# (key, first name, last name, language, organisation slug, position).
FORUM_PEOPLE = [
    ("mariana", "Mariana", "Torres", "es", "tapachula-mx", "Jefa de atención a población migrante"),
    ("roberto", "Roberto", "Aguilar", "es", "huaquillas-ec", "Técnico de desarrollo social"),
    ("thiago", "Thiago", "Lima", "pt", "manaus-br", "Coordenador de assistência social"),
    ("claire", "Claire", "Dubois", "fr", "unhcr", "Chargée de liaison avec les villes"),
    ("kevin", "Kevin", "Brooks", "en", "", ""),
]
# The demo accounts (network/demo.py) by role.
ACCOUNTS = {
    "lucia": "coordinator",
    "carlos": "official",
    "ana": "member",
    "marie": "researcher",
    "daniel": "tutor",
    "sarah": "partner",
    "jorge": "moderator",
}

SPACES = [
    {
        "slug": "partners",
        "default_language": "en",
        "name_en": "Partners' intranet",
        "name_es": "Intranet de socios",
        "name_pt": "Intranet dos parceiros",
        "name_fr": "Intranet des partenaires",
        "description_en": "Where the network's partner organisations coordinate their support.",
        "description_es": "Donde las organizaciones socias coordinan su apoyo a la red.",
        "description_pt": "Onde as organizações parceiras coordenam o seu apoio à rede.",
        "description_fr": "Où les organisations partenaires coordonnent leur appui au réseau.",
        "position": 1,
    },
    {
        "slug": "committee",
        "default_language": "es",
        "name_en": "Coordination committee",
        "name_es": "Comité de coordinación",
        "name_pt": "Comitê de coordenação",
        "name_fr": "Comité de coordination",
        "description_en": "Agendas, minutes and decisions of the coordination committee.",
        "description_es": "Órdenes del día, actas y decisiones del comité de coordinación.",
        "description_pt": "Pautas, atas e decisões do comitê de coordenação.",
        "description_fr": "Ordres du jour, comptes rendus et décisions du comité de coordination.",
        "position": 2,
    },
]

# (slug, access, default language, theme, position, names, descriptions, options)
CATEGORIES = [
    {
        "slug": "announcements",
        "access": Category.Access.PUBLIC,
        "default_language": "en",
        "position": 0,
        "who_can_start": Category.Who.GRANTED,
        "grants": [(Role.COORDINATOR, True, True, True)],
        "name_en": "Network announcements",
        "name_es": "Anuncios de la red",
        "name_pt": "Avisos da rede",
        "name_fr": "Annonces du réseau",
        "description_en": "News from the secretariat. Only coordinators start topics here.",
        "description_es": "Noticias de la secretaría. Solo la coordinación abre temas aquí.",
        "description_pt": "Notícias da secretaria. Só a coordenação abre tópicos aqui.",
        "description_fr": "Nouvelles du secrétariat. Seule la coordination ouvre des sujets ici.",
    },
    {
        "slug": "reception",
        "access": Category.Access.PUBLIC,
        "default_language": "es",
        "theme": "reception",
        "position": 1,
        "approve_first_posts": True,
        "name_en": "Reception and first assistance",
        "name_es": "Acogida y primera asistencia",
        "name_pt": "Acolhimento e primeira assistência",
        "name_fr": "Accueil et première assistance",
        "description_en": "Shelters, orientation desks, the first days of new arrivals.",
        "description_es": "Albergues, puntos de orientación, los primeros días de quien llega.",
        "description_pt": "Abrigos, postos de orientação, os primeiros dias de quem chega.",
        "description_fr": "Hébergement, points d'orientation, les premiers jours des arrivants.",
    },
    {
        "slug": "documentation",
        "access": Category.Access.PUBLIC,
        "default_language": "pt",
        "theme": "documentation",
        "position": 2,
        "name_en": "Documentation and regularisation",
        "name_es": "Documentación y regularización",
        "name_pt": "Documentação e regularização",
        "name_fr": "Documents et régularisation",
        "description_en": "Identity papers, civil registration, access to services without "
        "documents.",
        "description_es": "Documentos de identidad, registro civil, acceso a servicios sin "
        "documentos.",
        "description_pt": "Documentos de identidade, registro civil, acesso a serviços sem "
        "documentos.",
        "description_fr": "Papiers d'identité, état civil, accès aux services sans documents.",
    },
    {
        "slug": "employment",
        "access": Category.Access.MEMBERS,
        "default_language": "es",
        "theme": "employment",
        "position": 3,
        "name_en": "Employment and livelihoods",
        "name_es": "Empleo y medios de vida",
        "name_pt": "Emprego e meios de vida",
        "name_fr": "Emploi et moyens de subsistance",
        "description_en": "Job fairs, recognition of diplomas, entrepreneurship. Members only.",
        "description_es": "Ferias de empleo, títulos, emprendimiento. Solo para miembros.",
        "description_pt": "Feiras de emprego, diplomas, empreendedorismo. Só para membros.",
        "description_fr": "Salons de l'emploi, diplômes, entrepreneuriat. Membres seulement.",
    },
    {
        "slug": "using-convive",
        "access": Category.Access.MEMBERS,
        "default_language": "en",
        "position": 4,
        "accepts_email_topics": True,
        "name_en": "Using Convive",
        "name_es": "Cómo usar Convive",
        "name_pt": "Como usar o Convive",
        "name_fr": "Utiliser Convive",
        "description_en": "Questions about the platform. You can start a topic by email here.",
        "description_es": "Preguntas sobre la plataforma. Aquí se puede abrir un tema por correo.",
        "description_pt": "Perguntas sobre a plataforma. Aqui dá para abrir um tópico por e-mail.",
        "description_fr": "Questions sur la plateforme. On peut ouvrir un sujet par courriel ici.",
    },
    {
        "slug": "partners-coordination",
        "access": Category.Access.PRIVATE,
        "space": "partners",
        "default_language": "en",
        "position": 10,
        "grants": [(Role.PARTNER, True, True, True), (Role.COORDINATOR, True, True, True)],
        "name_en": "Partner coordination",
        "name_es": "Coordinación de socios",
        "name_pt": "Coordenação dos parceiros",
        "name_fr": "Coordination des partenaires",
        "description_en": "Planning support to member authorities together.",
        "description_es": "Planificar juntos el apoyo a las autoridades miembro.",
        "description_pt": "Planejar juntos o apoio às autoridades membros.",
        "description_fr": "Planifier ensemble l'appui aux autorités membres.",
    },
    {
        "slug": "committee-meetings",
        "access": Category.Access.PRIVATE,
        "space": "committee",
        "default_language": "es",
        "position": 11,
        "grants": [(Role.COORDINATOR, True, True, True)],
        "name_en": "Committee meetings",
        "name_es": "Reuniones del comité",
        "name_pt": "Reuniões do comitê",
        "name_fr": "Réunions du comité",
        "description_en": "Agendas and minutes.",
        "description_es": "Órdenes del día y actas.",
        "description_pt": "Pautas e atas.",
        "description_fr": "Ordres du jour et comptes rendus.",
    },
]


@dataclass
class DemoPost:
    author: str
    language: str
    text: str
    days_ago: float
    reply_to: int | None = None  # number of the post answered
    helpful: list[str] = field(default_factory=list)


@dataclass
class DemoTopic:
    category: str
    title: str
    language: str
    posts: list[DemoPost]
    tags: list[str] = field(default_factory=list)
    solution: int | None = None  # number of the post marked as the answer
    pinned: bool = False
    closed: bool = False


TOPICS = [
    DemoTopic(
        category="announcements",
        title="Welcome to the community of practice · Bienvenidos · Bem-vindos · Bienvenue",
        language="en",
        pinned=True,
        closed=True,
        posts=[
            DemoPost(
                "lucia",
                "en",
                "This forum is where officials of the network's local authorities ask each other "
                "how they do things. Write in **your own language**: English, Spanish, Portuguese "
                "or French. Most of us read at least two of them.\n\n"
                "- Ask a precise question and say where you work.\n"
                "- Reply by email if that is easier: every forum email has a reply address.\n"
                "- When an answer solves your question, mark it as the answer.\n\n"
                "Escriba en su idioma · Escreva na sua língua · Écrivez dans votre langue.",
                20,
            ),
        ],
    ),
    DemoTopic(
        category="reception",
        title="¿Cómo organizan la primera atención de las familias que llegan de noche?",
        language="es",
        tags=["albergue", "primera acogida"],
        solution=2,
        posts=[
            DemoPost(
                "carlos",
                "es",
                "En Cúcuta muchas familias cruzan el puente al final de la tarde y llegan a la "
                "ciudad cuando las oficinas ya cerraron. Pasan la primera noche en la terminal "
                "o en la calle.\n\n¿Alguien tiene un punto de atención nocturno? ¿Con qué "
                "personal y con qué aliados lo sostienen?",
                14,
            ),
            DemoPost(
                "mariana",
                "es",
                "En Tapachula abrimos un punto de orientación que funciona hasta las 23:00 junto "
                "a la central de autobuses. Lo atienden dos personas de la dirección municipal y "
                "voluntariado de la Cruz Roja por turnos.\n\n"
                "Lo que nos funcionó:\n\n"
                "1. Un acuerdo firmado con dos albergues para recibir derivaciones después de "
                "las 20:00.\n"
                "2. Una ficha única de registro, en papel, que al día siguiente se digitaliza.\n"
                "3. Un teléfono de guardia que rota cada semana entre las áreas.\n\n"
                "El mayor problema fue el transporte hasta el albergue: lo resolvimos con una "
                "camioneta del DIF.",
                13.5,
                reply_to=1,
                helpful=["carlos", "ana", "roberto"],
            ),
            DemoPost(
                "ana",
                "pt",
                "Em Boa Vista o posto de triagem funciona 24 horas, mas isso só foi possível com "
                "o apoio federal e das agências. Para um município sozinho eu começaria como a "
                "Mariana descreveu: horário estendido e um acordo com os abrigos.",
                13,
                reply_to=1,
                helpful=["mariana"],
            ),
            DemoPost(
                "roberto",
                "es",
                "En Huaquillas la dificultad es la misma. Una pregunta para @mariana_torres: "
                "¿la ficha única la comparten con la Cruz Roja o cada institución registra por "
                "su lado?",
                12,
                reply_to=2,
            ),
            DemoPost(
                "mariana",
                "es",
                "La compartimos: la ficha tiene un consentimiento al pie, y solo pasan a la base "
                "municipal los datos que la persona autoriza.",
                11.5,
                reply_to=4,
                helpful=["roberto"],
            ),
            DemoPost(
                "carlos",
                "es",
                "Gracias a todos. Vamos a presentar al concejo un piloto con horario extendido y "
                "el acuerdo con los albergues. Marco la respuesta de Mariana como solución.",
                11,
            ),
        ],
    ),
    DemoTopic(
        category="reception",
        title="Checklist for opening a temporary reception point",
        language="en",
        tags=["checklist"],
        posts=[
            DemoPost(
                "sarah",
                "en",
                "Several cities asked us for a short checklist before opening a temporary "
                "reception point. Here is the one we use with municipalities; corrections "
                "welcome.\n\n"
                "| Area | Before opening | First week |\n"
                "|---|---|---|\n"
                "| Space | Water, toilets, shade, access ramp | Separate area for families |\n"
                "| People | A named focal point per shift | Interpreters on call |\n"
                "| Information | Signs in the languages of arrivals | Printed service map |\n"
                "| Protection | Referral route for children alone | Daily review with partners |\n",
                9,
            ),
            DemoPost(
                "carlos",
                "es",
                "Muy útil. Agregaría en la primera semana un registro de quienes siguen viaje, "
                "para no contar dos veces a las mismas familias.",
                8,
                reply_to=1,
                helpful=["sarah"],
            ),
        ],
    ),
    DemoTopic(
        category="documentation",
        title="Crianças sem certidão de nascimento: como vocês fazem a matrícula escolar?",
        language="pt",
        tags=["educação", "registro civil"],
        solution=3,
        posts=[
            DemoPost(
                "ana",
                "pt",
                "Recebemos crianças que chegam sem nenhum documento. A escola pede a certidão "
                "de nascimento e a família não consegue obter no país de origem.\n\n"
                "Como outros municípios garantem a matrícula enquanto o documento não sai?",
                10,
            ),
            DemoPost(
                "mariana",
                "es",
                "En México la Secretaría de Educación permite inscribir con una declaración de la "
                "familia y la escuela regulariza después. Lo que hicimos en Tapachula fue "
                "acompañar a las familias a la escuela con una carta de la dirección municipal.",
                9.5,
                reply_to=1,
            ),
            DemoPost(
                "thiago",
                "pt",
                "Em Manaus a matrícula é feita com a autodeclaração do responsável, como prevê a "
                "resolução do Conselho Nacional de Educação para crianças migrantes. A "
                "assistência social encaminha a família para a Defensoria para a documentação "
                "em paralelo. O importante é a escola conhecer a norma: fizemos uma circular "
                "para todas as diretoras.",
                9,
                reply_to=1,
                helpful=["ana", "marie"],
            ),
            DemoPost(
                "claire",
                "fr",
                "Merci Thiago. Du côté du HCR, nous pouvons appuyer les municipalités pour "
                "l'enregistrement tardif des naissances quand il existe un risque d'apatridie. "
                "Écrivez-moi si un cas se présente.",
                8,
                reply_to=3,
            ),
        ],
    ),
    DemoTopic(
        category="documentation",
        title="Quels documents les municipalités acceptent-elles pour l'accès aux services ?",
        language="fr",
        tags=["recherche"],
        posts=[
            DemoPost(
                "marie",
                "fr",
                "Pour l'évaluation des besoins du réseau, je compare les pièces que chaque "
                "municipalité accepte pour ouvrir un dossier social : passeport expiré, carte "
                "consulaire, attestation d'une organisation, simple déclaration…\n\n"
                "Pourriez-vous indiquer ce que votre administration accepte aujourd'hui ?",
                6,
            ),
            DemoPost(
                "carlos",
                "es",
                "En Cúcuta aceptamos el pasaporte vencido, la cédula venezolana y el Permiso por "
                "Protección Temporal. Sin ningún documento, abrimos la ficha con una declaración "
                "juramentada.",
                5.5,
                reply_to=1,
            ),
            DemoPost(
                "ana",
                "pt",
                "Em Boa Vista: qualquer documento com foto, inclusive vencido, e o protocolo de "
                "solicitação de refúgio.",
                5,
                reply_to=1,
            ),
        ],
    ),
    DemoTopic(
        category="employment",
        title="Ferias de empleo con empresas locales: ¿qué resultados han tenido?",
        language="es",
        tags=["empleo", "empresas"],
        posts=[
            DemoPost(
                "roberto",
                "es",
                "Estamos preparando una feria de empleo con la cámara de comercio de Huaquillas. "
                "¿Qué resultados tuvieron otras ciudades? ¿Cuántas personas consiguieron empleo "
                "después de la feria, y cómo hicieron el seguimiento?",
                7,
            ),
            DemoPost(
                "thiago",
                "pt",
                "Na nossa última feira em Manaus, 40 empresas participaram. O que mais ajudou foi "
                "preparar os currículos na semana anterior e levar um balcão da carteira de "
                "trabalho ao local da feira.",
                6.5,
                reply_to=1,
                helpful=["roberto"],
            ),
            DemoPost(
                "kevin",
                "en",
                "Best recruitment software for your city!!! Visit our website for a free trial.",
                6,
            ),
            DemoPost(
                "sarah",
                "en",
                "IOM can share the follow-up form we use three and six months after a job fair. "
                "The key figure is how many people still have the job at six months.",
                5,
                reply_to=1,
            ),
        ],
    ),
    DemoTopic(
        category="employment",
        title="Validação de diplomas de profissionais venezuelanos",
        language="pt",
        tags=["diplomas"],
        posts=[
            DemoPost(
                "thiago",
                "pt",
                "Temos enfermeiras e professores venezuelanos trabalhando em funções que não "
                "exigem formação porque o diploma não foi revalidado. Algum município apoia o "
                "custo ou a tradução juramentada da revalidação?",
                2,
            ),
        ],
    ),
    DemoTopic(
        category="using-convive",
        title="Can I reply to forum posts by email?",
        language="en",
        solution=2,
        posts=[
            DemoPost(
                "daniel",
                "en",
                "Our office has a slow connection, so I read the forum emails on my phone. Can I "
                "answer a question without opening the website?",
                4,
            ),
            DemoPost(
                "jorge",
                "es",
                "Sí: responda al correo del foro como a cualquier correo. Su respuesta aparece en "
                "el tema con su nombre. Escriba arriba del texto citado; la firma y la cita se "
                "quitan solas. En «Seguimiento» elige si quiere cada mensaje o un resumen diario.",
                3.5,
                reply_to=1,
                helpful=["daniel"],
            ),
        ],
    ),
    DemoTopic(
        category="partners-coordination",
        title="Coordinating cash-based assistance with municipalities in 2027",
        language="en",
        posts=[
            DemoPost(
                "sarah",
                "en",
                "Before the committee meets, can we agree which of us supports which border "
                "municipalities with cash-based assistance next year? A shared table would avoid "
                "two agencies registering the same families.",
                3,
            ),
            DemoPost(
                "claire",
                "fr",
                "D'accord. Le HCR peut prendre les municipalités de la frontière nord de "
                "l'Équateur ; je partage notre liste avant vendredi.",
                2.5,
                reply_to=1,
            ),
            DemoPost(
                "lucia",
                "es",
                "Gracias. Llevo la tabla consolidada a la reunión del comité del 10 de diciembre.",
                2,
            ),
        ],
    ),
    DemoTopic(
        category="committee-meetings",
        title="Orden del día: reunión del comité del 10 de diciembre",
        language="es",
        posts=[
            DemoPost(
                "lucia",
                "es",
                "1. Aprobación del cuestionario de la evaluación de necesidades.\n"
                "2. Calendario del curso en línea.\n"
                "3. Apoyo de los socios a municipios de frontera (tabla de la intranet de "
                "socios).",
                1,
            ),
        ],
    ),
]

# The post flagged by members and hidden by the moderator: (topic title, post number).
HIDDEN_POST = ("Ferias de empleo con empresas locales: ¿qué resultados han tenido?", 3)

# Category watches of demo people: (person, category slug, level).
WATCHES = [
    ("ana", "documentation", CategoryWatch.Level.EVERY_POST),
    ("carlos", "reception", CategoryWatch.Level.DAILY),
    ("roberto", "employment", CategoryWatch.Level.WEEKLY),
    ("sarah", "partners-coordination", CategoryWatch.Level.EVERY_POST),
]


def _person(key: str) -> User:
    if key in ACCOUNTS:
        return User.objects.get(email=f"{ACCOUNTS[key]}@{DEMO_DOMAIN}")
    return User.objects.get(email=f"{key}@{DEMO_DOMAIN}")


def _seed_people() -> int:
    created = 0
    for key, first, last, language, organisation, position in FORUM_PEOPLE:
        user, is_new = demo_person_ensure(
            email=f"{key}@{DEMO_DOMAIN}",
            first_name=first,
            last_name=last,
            language=language,
            position=position,
            languages=sorted({language, "es"}),
        )
        created += is_new
        user.groups.add(Group.objects.get(name=Role.MEMBER))
        if key == "claire":
            user.groups.add(Group.objects.get(name=Role.PARTNER))
        authority = LocalAuthority.objects.filter(slug=organisation).first()
        partner = PartnerOrganisation.objects.filter(slug=organisation).first()
        if authority or partner:
            Membership.objects.get_or_create(
                user=user,
                local_authority=authority,
                partner=partner,
                defaults={"position": position},
            )
    return created


def _seed_categories() -> dict[str, Category]:
    spaces = {}
    for data in SPACES:
        spaces[data["slug"]], _ = Space.objects.update_or_create(
            slug=data["slug"], defaults={k: v for k, v in data.items() if k != "slug"}
        )
    categories = {}
    for data in CATEGORIES:
        values = {k: v for k, v in data.items() if k not in ("slug", "grants", "space")}
        values["space"] = spaces.get(data.get("space", ""))
        category, _ = Category.objects.update_or_create(slug=data["slug"], defaults=values)
        for role, see, reply, start in data.get("grants", []):
            CategoryGrant.objects.update_or_create(
                category=category,
                group=Group.objects.get(name=role),
                defaults={"can_see": see, "can_reply": reply, "can_start": start},
            )
        categories[category.slug] = category
    return categories


def _seed_topic(demo: DemoTopic, category: Category, now) -> Topic | None:
    if Topic.objects.filter(category=category, title=demo.title).exists():
        return None
    opening = demo.posts[0]
    author = _person(opening.author)
    topic = Topic.objects.create(
        category=category,
        title=demo.title,
        slug=_slug(demo.title),
        author=author,
        language=demo.language,
        created_at=now - timedelta(days=opening.days_ago),
        is_pinned=demo.pinned,
        is_closed=demo.closed,
    )
    if demo.tags:
        topic.tags.set(demo.tags)
    posts: dict[int, Post] = {}
    for number, demo_post in enumerate(demo.posts, start=1):
        writer = _person(demo_post.author)
        posts[number] = Post.objects.create(
            topic=topic,
            number=number,
            author=writer,
            reply_to=posts.get(demo_post.reply_to) if demo_post.reply_to else None,
            source=demo_post.text,
            html=post_render(source=demo_post.text, author=writer).html,
            language=demo_post.language,
            created_at=now - timedelta(days=demo_post.days_ago),
            # History, not news: the fan-out's sweep emails nobody about it.
            notified_at=now,
        )
        for key in demo_post.helpful:
            Reaction.objects.get_or_create(post=posts[number], user=_person(key))
        posts[number].helpful_count = len(demo_post.helpful)
        posts[number].save(update_fields=["helpful_count"])
        TopicWatch.objects.get_or_create(
            user=writer,
            topic=topic,
            defaults={
                "reason": TopicWatch.Reason.STARTED if number == 1 else TopicWatch.Reason.REPLIED
            },
        )
    last = posts[len(posts)]
    topic.last_post_number = len(posts)
    topic.last_post_at = last.created_at
    topic.reply_count = len(posts) - 1
    topic.solution = posts.get(demo.solution) if demo.solution else None
    topic.save()
    return topic


def _slug(title: str) -> str:
    from django.utils.text import slugify

    return slugify(title)[:80] or "topic"


def _seed_hidden_post(now) -> None:
    title, number = HIDDEN_POST
    post = Post.objects.filter(topic__title=title, number=number).first()
    if post is None or post.state == Post.State.HIDDEN:
        return
    moderator = _person("jorge")
    for key, reason, note in (
        ("ana", Flag.Reason.SPAM, "Publicidad, no tiene relación con el tema."),
        ("thiago", Flag.Reason.SPAM, ""),
    ):
        Flag.objects.get_or_create(
            post=post,
            reporter=_person(key),
            defaults={
                "reason": reason,
                "note": note,
                "resolved_at": now - timedelta(days=5.5),
                "resolved_by": moderator,
                "resolution": "Post hidden.",
            },
        )
    reason = "Publicidad no solicitada / Unsolicited advertising"
    post.state = Post.State.HIDDEN
    post.hidden_at = now - timedelta(days=5.5)
    post.hidden_by = moderator
    post.hidden_reason = reason
    post.save()
    ModerationAction.objects.create(
        actor=moderator,
        action=ModerationAction.Action.HIDE,
        topic=post.topic,
        post=post,
        member=post.author,
        reason=reason,
    )
    Topic.objects.filter(pk=post.topic_id).update(reply_count=post.topic.reply_count - 1)


def seed_community(*, stdout) -> None:
    """Create (or bring up to date) the demo forum. Safe to run repeatedly."""
    now = timezone.now()
    people = _seed_people()
    categories = _seed_categories()
    topics = [
        topic
        for demo in TOPICS
        if (topic := _seed_topic(demo, categories[demo.category], now)) is not None
    ]
    _seed_hidden_post(now)
    for key, slug, level in WATCHES:
        CategoryWatch.objects.update_or_create(
            user=_person(key), category=categories[slug], defaults={"level": level}
        )
    indexed = forum_search_rebuild()
    stdout.write(
        f"Community: {len(categories)} categories ({len(SPACES)} private spaces), "
        f"{len(topics)} topic(s) and {people} forum member(s) created; "
        f"{Topic.objects.count()} topics in all, {indexed} posts searchable."
    )
