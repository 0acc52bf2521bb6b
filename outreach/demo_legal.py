"""The pages every footer links to (base_tags.FOOTER_PAGES): privacy notice, terms of use and
accessibility statement, in the four languages, seeded as standard pages under the home page.

Kept apart from the demo's other texts (``demo_content.py``). What they say is what Convive
does: the data listed in network/personal_data.py, the export and deletion on the profile page,
the cookies the site sets, how pages are tested."""

from django.conf import settings


def _h(text: str) -> tuple[str, dict]:
    return ("heading", {"text": text, "level": "h2"})


def _p(*paragraphs: str) -> list[tuple[str, str]]:
    return [("paragraph", f"<p>{text}</p>") for text in paragraphs]


def _ul(*items: str) -> tuple[str, str]:
    return ("paragraph", "<ul>" + "".join(f"<li>{item}</li>" for item in items) + "</ul>")


def _mail(email: str) -> str:
    return f'<a href="mailto:{email}">{email}</a>'


def legal_pages(email: str) -> list[dict]:
    """The three pages, each ``{"key", "en": fields, "es": ..., "pt": ..., "fr": ...}``."""
    mail = _mail(email)
    return [
        {
            "key": "privacy",
            "en": {
                "slug": "privacy",
                "title": "Privacy notice",
                "intro": "What Convive keeps about you, why, and how to get it or delete it.",
                "body": [
                    _h("Who is responsible"),
                    *_p(
                        "The Convive network secretariat runs this site and answers for the "
                        f"personal data it holds. Write to {mail} about anything on this page."
                    ),
                    _h("If you only read the site"),
                    *_p(
                        "Reading needs no account. The site uses no analytics, advertising or "
                        "tracking, and loads nothing from other sites: no fonts, scripts or "
                        "social media buttons. It sets one cookie when you choose a language, "
                        "to remember it. Like every web server, ours records requests (address, "
                        "time, page) in technical logs used only to fix faults and stop abuse.",
                        "The one exception is a video embedded in a page: it plays from YouTube "
                        "(in its privacy-enhanced mode) or Vimeo (with do-not-track), which then "
                        "receive your address. Each video also has a plain link.",
                    ),
                    _h("If you have an account"),
                    *_p(
                        "Accounts are for staff of member authorities and partner organisations. "
                        "For each account Convive keeps:"
                    ),
                    _ul(
                        "your email addresses, name, position, preferred language, the "
                        "languages you speak and, if you add one, your photo;",
                        "your organisation, your role in the network and whether you are its "
                        "focal point;",
                        "the invitations you sent or received and the requests to join you made;",
                        "your event registrations, your notifications and the practices you "
                        "proposed (their attachments stay private until they are approved);",
                        "which second-factor methods you use, and the date you joined and last "
                        "signed in.",
                    ),
                    *_p(
                        "Signing in sets a session cookie and a security (CSRF) cookie; they "
                        "are needed for the site to work and are not used for anything else."
                    ),
                    _h("Your rights"),
                    *_p(
                        "On your profile page you can download everything listed above as one "
                        "file, and delete your account. Deleting removes the account and what "
                        "is yours alone. A request to join that your authority still needs is "
                        "kept without your name, email or message; practices published for the "
                        "network stay online without a link to you.",
                        f"To correct something you cannot edit yourself, or to complain, write "
                        f"to {mail}.",
                    ),
                ],
            },
            "es": {
                "slug": "privacidad",
                "title": "Aviso de privacidad",
                "intro": "Qué datos suyos guarda Convive, para qué, y cómo obtenerlos o borrarlos.",
                "body": [
                    _h("Quién es responsable"),
                    *_p(
                        "La secretaría de la red Convive administra este sitio y responde por "
                        "los datos personales que contiene. Escriba a "
                        f"{mail} por cualquier tema de esta página."
                    ),
                    _h("Si solo lee el sitio"),
                    *_p(
                        "Para leer no hace falta una cuenta. El sitio no usa analítica, "
                        "publicidad ni seguimiento, y no carga nada de otros sitios: ni "
                        "fuentes, ni scripts, ni botones de redes sociales. Guarda una sola "
                        "cookie cuando usted elige un idioma, para recordarlo. Como todo "
                        "servidor web, el nuestro registra las solicitudes (dirección, hora, "
                        "página) en registros técnicos que solo sirven para corregir fallas y "
                        "frenar abusos.",
                        "La única excepción es un video insertado en una página: se reproduce "
                        "desde YouTube (en su modo de privacidad mejorada) o Vimeo (sin "
                        "seguimiento), que reciben entonces su dirección. Cada video tiene "
                        "también un enlace simple.",
                    ),
                    _h("Si tiene una cuenta"),
                    *_p(
                        "Las cuentas son para el personal de los gobiernos locales miembros y "
                        "de las organizaciones aliadas. De cada cuenta Convive guarda:"
                    ),
                    _ul(
                        "sus direcciones de correo, nombre, cargo, idioma preferido, los "
                        "idiomas que habla y, si la agrega, su foto;",
                        "su organización, su función en la red y si es su punto focal;",
                        "las invitaciones que envió o recibió y las solicitudes de adhesión "
                        "que hizo;",
                        "sus inscripciones a eventos, sus notificaciones y las prácticas que "
                        "propuso (sus adjuntos siguen privados hasta su aprobación);",
                        "los métodos de segundo factor que usa, la fecha en que se registró y "
                        "la de su último ingreso.",
                    ),
                    *_p(
                        "Al iniciar sesión se guardan una cookie de sesión y una de seguridad "
                        "(CSRF); son necesarias para que el sitio funcione y no se usan para "
                        "nada más."
                    ),
                    _h("Sus derechos"),
                    *_p(
                        "En su página de perfil puede descargar todo lo anterior en un solo "
                        "archivo y borrar su cuenta. Al borrarla se elimina la cuenta y todo lo "
                        "que es solo suyo. Una solicitud de adhesión que su gobierno local aún "
                        "necesita se conserva sin su nombre, correo ni mensaje; las prácticas "
                        "publicadas para la red siguen en línea sin vínculo con usted.",
                        "Para corregir algo que no puede editar usted mismo, o para presentar "
                        f"una queja, escriba a {mail}.",
                    ),
                ],
            },
            "pt": {
                "slug": "privacidade",
                "title": "Aviso de privacidade",
                "intro": "Quais dados seus a Convive guarda, para quê, e como obtê-los ou "
                "apagá-los.",
                "body": [
                    _h("Quem é responsável"),
                    *_p(
                        "A secretaria da rede Convive administra este site e responde pelos "
                        f"dados pessoais que ele contém. Escreva para {mail} sobre qualquer "
                        "assunto desta página."
                    ),
                    _h("Se você só lê o site"),
                    *_p(
                        "Para ler não é preciso ter uma conta. O site não usa análise de "
                        "audiência, publicidade nem rastreamento, e não carrega nada de outros "
                        "sites: nem fontes, nem scripts, nem botões de redes sociais. Ele grava "
                        "um único cookie quando você escolhe um idioma, para lembrá-lo. Como "
                        "todo servidor web, o nosso registra as solicitações (endereço, hora, "
                        "página) em logs técnicos usados apenas para corrigir falhas e impedir "
                        "abusos.",
                        "A única exceção é um vídeo incorporado em uma página: ele é reproduzido "
                        "a partir do YouTube (no modo de privacidade aprimorada) ou do Vimeo "
                        "(sem rastreamento), que recebem então o seu endereço. Cada vídeo tem "
                        "também um link simples.",
                    ),
                    _h("Se você tem uma conta"),
                    *_p(
                        "As contas são para equipes dos governos locais membros e das "
                        "organizações parceiras. De cada conta a Convive guarda:"
                    ),
                    _ul(
                        "seus endereços de e-mail, nome, cargo, idioma preferido, os idiomas "
                        "que você fala e, se você adicionar, sua foto;",
                        "sua organização, seu papel na rede e se você é o ponto focal dela;",
                        "os convites que você enviou ou recebeu e os pedidos de adesão que fez;",
                        "suas inscrições em eventos, suas notificações e as práticas que você "
                        "propôs (os anexos ficam privados até a aprovação);",
                        "os métodos de segundo fator que você usa, a data de cadastro e a do "
                        "último acesso.",
                    ),
                    *_p(
                        "Ao entrar, o site grava um cookie de sessão e um de segurança (CSRF); "
                        "eles são necessários para o funcionamento do site e não servem para "
                        "mais nada."
                    ),
                    _h("Seus direitos"),
                    *_p(
                        "Na sua página de perfil você pode baixar tudo o que está acima em um "
                        "único arquivo e excluir sua conta. A exclusão remove a conta e tudo o "
                        "que é só seu. Um pedido de adesão de que seu governo local ainda "
                        "precisa é mantido sem seu nome, e-mail ou mensagem; as práticas "
                        "publicadas para a rede continuam on-line sem vínculo com você.",
                        "Para corrigir algo que você não consegue editar, ou para reclamar, "
                        f"escreva para {mail}.",
                    ),
                ],
            },
            "fr": {
                "slug": "confidentialite",
                "title": "Politique de confidentialité",
                "intro": "Ce que Convive conserve à votre sujet, pourquoi, et comment l'obtenir "
                "ou l'effacer.",
                "body": [
                    _h("Responsable"),
                    *_p(
                        "Le secrétariat du réseau Convive gère ce site et répond des données "
                        f"personnelles qu'il contient. Écrivez à {mail} pour toute question "
                        "sur cette page."
                    ),
                    _h("Si vous lisez seulement le site"),
                    *_p(
                        "La lecture ne demande aucun compte. Le site n'utilise ni mesure "
                        "d'audience, ni publicité, ni pistage, et ne charge rien depuis "
                        "d'autres sites : ni polices, ni scripts, ni boutons de réseaux "
                        "sociaux. Il dépose un seul cookie quand vous choisissez une langue, "
                        "pour s'en souvenir. Comme tout serveur web, le nôtre enregistre les "
                        "requêtes (adresse, heure, page) dans des journaux techniques servant "
                        "uniquement à corriger les pannes et à bloquer les abus.",
                        "Seule exception : une vidéo intégrée à une page est lue depuis YouTube "
                        "(en mode de confidentialité renforcée) ou Vimeo (sans pistage), qui "
                        "reçoivent alors votre adresse. Chaque vidéo a aussi un simple lien.",
                    ),
                    _h("Si vous avez un compte"),
                    *_p(
                        "Les comptes sont destinés au personnel des collectivités membres et "
                        "des organisations partenaires. Pour chaque compte, Convive conserve :"
                    ),
                    _ul(
                        "vos adresses e-mail, nom, fonction, langue préférée, les langues que "
                        "vous parlez et, si vous l'ajoutez, votre photo ;",
                        "votre organisation, votre rôle dans le réseau et si vous en êtes le "
                        "point focal ;",
                        "les invitations envoyées ou reçues et les demandes d'adhésion que "
                        "vous avez faites ;",
                        "vos inscriptions aux événements, vos notifications et les pratiques "
                        "que vous avez proposées (leurs pièces jointes restent privées "
                        "jusqu'à leur approbation) ;",
                        "les méthodes de second facteur que vous utilisez, la date de votre "
                        "inscription et celle de votre dernière connexion.",
                    ),
                    *_p(
                        "La connexion dépose un cookie de session et un cookie de sécurité "
                        "(CSRF) ; ils sont nécessaires au fonctionnement du site et ne servent "
                        "à rien d'autre."
                    ),
                    _h("Vos droits"),
                    *_p(
                        "Depuis votre page de profil, vous pouvez télécharger tout ce qui "
                        "précède en un seul fichier et supprimer votre compte. La suppression "
                        "efface le compte et tout ce qui n'appartient qu'à vous. Une demande "
                        "d'adhésion dont votre collectivité a encore besoin est conservée sans "
                        "votre nom, e-mail ni message ; les pratiques publiées pour le réseau "
                        "restent en ligne sans lien avec vous.",
                        "Pour corriger ce que vous ne pouvez pas modifier vous-même, ou pour "
                        f"déposer une réclamation, écrivez à {mail}.",
                    ),
                ],
            },
        },
        {
            "key": "terms",
            "en": {
                "slug": "terms-of-use",
                "title": "Terms of use",
                "intro": "The rules for reading, reusing and publishing on Convive.",
                "body": [
                    _h("The site"),
                    *_p(
                        "Convive is run by the network secretariat for local authorities of the "
                        "Americas that receive migrants, refugees and returnees, and for their "
                        "partners. Reading is free and open to everyone."
                    ),
                    _h("Content"),
                    *_p(
                        "Practices, news and documents are written by member authorities and "
                        "partners. The secretariat reviews every proposed practice before it is "
                        "published; examples written to show what a practice can look like are "
                        "marked “Illustrative example”. Results and figures are those reported "
                        "by the authority concerned.",
                        "You may quote and share the texts for non-commercial purposes, naming "
                        "Convive and the authority that shared the practice. Documents in the "
                        "library keep the terms of their publishers.",
                    ),
                    _h("Accounts"),
                    *_p(
                        "An account is personal: do not share it, keep your password safe and "
                        "use the second factor asked for by your role. Never publish personal "
                        "data of the people your services support, such as names, case details "
                        "or photos in which they can be recognised, without their consent."
                    ),
                    _h("Limits"),
                    *_p(
                        "The secretariat may correct or remove content that breaks these terms. "
                        "Links to other sites are given for information; we do not answer for "
                        f"their content. Questions: {mail}."
                    ),
                ],
            },
            "es": {
                "slug": "condiciones-de-uso",
                "title": "Condiciones de uso",
                "intro": "Las reglas para leer, reutilizar y publicar en Convive.",
                "body": [
                    _h("El sitio"),
                    *_p(
                        "La secretaría de la red administra Convive para los gobiernos locales "
                        "de las Américas que reciben a personas migrantes, refugiadas y "
                        "retornadas, y para sus aliados. La lectura es libre y gratuita."
                    ),
                    _h("Contenidos"),
                    *_p(
                        "Las prácticas, noticias y documentos los escriben los gobiernos "
                        "locales miembros y los aliados. La secretaría revisa cada práctica "
                        "propuesta antes de publicarla; los ejemplos escritos para mostrar cómo "
                        "puede ser una práctica llevan la marca «Ejemplo ilustrativo». Los "
                        "resultados y cifras son los que informa cada gobierno local.",
                        "Puede citar y compartir los textos con fines no comerciales, "
                        "mencionando a Convive y al gobierno local que compartió la práctica. "
                        "Los documentos de la biblioteca conservan las condiciones de quienes "
                        "los publicaron.",
                    ),
                    _h("Cuentas"),
                    *_p(
                        "Una cuenta es personal: no la comparta, cuide su contraseña y use el "
                        "segundo factor que exige su función. Nunca publique datos personales "
                        "de las personas que atienden sus servicios, como nombres, detalles de "
                        "casos o fotos en las que se las reconozca, sin su consentimiento."
                    ),
                    _h("Límites"),
                    *_p(
                        "La secretaría puede corregir o retirar contenidos que no respeten "
                        "estas condiciones. Los enlaces a otros sitios son informativos; no "
                        f"respondemos por su contenido. Consultas: {mail}."
                    ),
                ],
            },
            "pt": {
                "slug": "termos-de-uso",
                "title": "Termos de uso",
                "intro": "As regras para ler, reutilizar e publicar na Convive.",
                "body": [
                    _h("O site"),
                    *_p(
                        "A secretaria da rede administra a Convive para os governos locais das "
                        "Américas que recebem migrantes, refugiados e retornados, e para seus "
                        "parceiros. A leitura é livre e gratuita."
                    ),
                    _h("Conteúdos"),
                    *_p(
                        "As práticas, notícias e documentos são escritos pelos governos locais "
                        "membros e pelos parceiros. A secretaria revisa cada prática proposta "
                        "antes de publicá-la; os exemplos escritos para mostrar como uma "
                        "prática pode ser levam a marca “Exemplo ilustrativo”. Os resultados e "
                        "números são os informados pelo governo local.",
                        "Você pode citar e compartilhar os textos para fins não comerciais, "
                        "mencionando a Convive e o governo local que compartilhou a prática. "
                        "Os documentos da biblioteca mantêm as condições de quem os publicou.",
                    ),
                    _h("Contas"),
                    *_p(
                        "Uma conta é pessoal: não a compartilhe, guarde bem sua senha e use o "
                        "segundo fator exigido pelo seu papel. Nunca publique dados pessoais "
                        "das pessoas atendidas pelos seus serviços, como nomes, detalhes de "
                        "casos ou fotos em que possam ser reconhecidas, sem o consentimento "
                        "delas."
                    ),
                    _h("Limites"),
                    *_p(
                        "A secretaria pode corrigir ou retirar conteúdos que desrespeitem estes "
                        "termos. Os links para outros sites são informativos; não respondemos "
                        f"pelo conteúdo deles. Dúvidas: {mail}."
                    ),
                ],
            },
            "fr": {
                "slug": "conditions-d-utilisation",
                "title": "Conditions d'utilisation",
                "intro": "Les règles pour lire, réutiliser et publier sur Convive.",
                "body": [
                    _h("Le site"),
                    *_p(
                        "Le secrétariat du réseau gère Convive pour les collectivités locales "
                        "des Amériques qui accueillent des personnes migrantes, réfugiées et "
                        "de retour, et pour leurs partenaires. La lecture est libre et "
                        "gratuite."
                    ),
                    _h("Contenus"),
                    *_p(
                        "Les pratiques, actualités et documents sont rédigés par les "
                        "collectivités membres et les partenaires. Le secrétariat examine "
                        "chaque pratique proposée avant sa publication ; les exemples rédigés "
                        "pour montrer à quoi peut ressembler une pratique portent la mention "
                        "« Exemple illustratif ». Les résultats et chiffres sont ceux déclarés "
                        "par la collectivité concernée.",
                        "Vous pouvez citer et partager les textes à des fins non commerciales, "
                        "en nommant Convive et la collectivité qui a partagé la pratique. Les "
                        "documents de la bibliothèque restent soumis aux conditions de leurs "
                        "éditeurs.",
                    ),
                    _h("Comptes"),
                    *_p(
                        "Un compte est personnel : ne le partagez pas, protégez votre mot de "
                        "passe et utilisez le second facteur demandé pour votre rôle. Ne "
                        "publiez jamais de données personnelles des personnes accompagnées "
                        "par vos services, comme des noms, des détails de dossiers ou des "
                        "photos où elles sont reconnaissables, sans leur consentement."
                    ),
                    _h("Limites"),
                    *_p(
                        "Le secrétariat peut corriger ou retirer les contenus qui ne respectent "
                        "pas ces conditions. Les liens vers d'autres sites sont donnés à titre "
                        "d'information ; nous ne répondons pas de leur contenu. Questions : "
                        f"{mail}."
                    ),
                ],
            },
        },
        {
            "key": "accessibility",
            "en": {
                "slug": "accessibility",
                "title": "Accessibility statement",
                "intro": "Convive aims to be usable by everyone, whatever their device, "
                "connection or disability.",
                "body": [
                    _h("Our target"),
                    *_p(
                        "We aim to meet the Web Content Accessibility Guidelines (WCAG) 2.2 at "
                        "level AA. Every page works without JavaScript, on a 360-pixel-wide "
                        "screen without sideways scrolling, with the keyboard alone and when "
                        "text is enlarged to 200%."
                    ),
                    _h("How we test"),
                    _ul(
                        "Automated browser tests check the main pages in every language with "
                        "axe-core and fail on any violation.",
                        "Page templates are checked with the W3C Nu HTML checker.",
                        "Colours are chosen for a contrast of at least 4.5 to 1, and the "
                        "keyboard focus is always shown.",
                        "The same tests load the pages on a 360-pixel-wide screen and fail if "
                        "they scroll sideways.",
                    ),
                    _h("Known gaps"),
                    _ul(
                        "Documents in the library are published by partners; some PDF files "
                        "are not fully accessible. Ask us for an accessible version.",
                        "Videos embedded from other sites may lack captions in your language.",
                        "Some practices are only available in the language they were written "
                        "in; the page says so.",
                        "The map of practices is a picture; the same figures are given in a "
                        "table under it.",
                    ),
                    _h("Tell us"),
                    *_p(
                        "If something on Convive is hard to use, or you need content in "
                        f"another format, write to {mail}. We aim to answer within ten working "
                        "days."
                    ),
                ],
            },
            "es": {
                "slug": "accesibilidad",
                "title": "Declaración de accesibilidad",
                "intro": "Convive quiere poder usarse por todas las personas, sea cual sea su "
                "dispositivo, su conexión o su discapacidad.",
                "body": [
                    _h("Nuestro objetivo"),
                    *_p(
                        "Buscamos cumplir las Pautas de Accesibilidad para el Contenido Web "
                        "(WCAG) 2.2 en el nivel AA. Todas las páginas funcionan sin JavaScript, "
                        "en una pantalla de 360 píxeles de ancho sin desplazamiento lateral, "
                        "solo con el teclado y con el texto ampliado al 200 %."
                    ),
                    _h("Cómo lo comprobamos"),
                    _ul(
                        "Pruebas automáticas en el navegador revisan las páginas principales "
                        "en cada idioma con axe-core y fallan ante cualquier infracción.",
                        "Las plantillas de página se validan con el validador HTML Nu del W3C.",
                        "Los colores se eligen con un contraste de al menos 4,5 a 1, y el foco "
                        "del teclado siempre es visible.",
                        "Las mismas pruebas cargan las páginas en una pantalla de 360 píxeles "
                        "de ancho y fallan si se desplazan hacia los lados.",
                    ),
                    _h("Limitaciones conocidas"),
                    _ul(
                        "Los documentos de la biblioteca los publican los aliados; algunos PDF "
                        "no son del todo accesibles. Pídanos una versión accesible.",
                        "Los videos insertados desde otros sitios pueden no tener subtítulos "
                        "en su idioma.",
                        "Algunas prácticas solo están en el idioma en que se escribieron; la "
                        "página lo indica.",
                        "El mapa de prácticas es una imagen; las mismas cifras figuran en una "
                        "tabla debajo.",
                    ),
                    _h("Escríbanos"),
                    *_p(
                        "Si algo en Convive le resulta difícil de usar, o necesita un contenido "
                        f"en otro formato, escriba a {mail}. Procuramos responder en un plazo "
                        "de diez días hábiles."
                    ),
                ],
            },
            "pt": {
                "slug": "acessibilidade",
                "title": "Declaração de acessibilidade",
                "intro": "A Convive quer ser usável por todas as pessoas, qualquer que seja o "
                "dispositivo, a conexão ou a deficiência.",
                "body": [
                    _h("Nosso objetivo"),
                    *_p(
                        "Buscamos atender às Diretrizes de Acessibilidade para Conteúdo Web "
                        "(WCAG) 2.2 no nível AA. Todas as páginas funcionam sem JavaScript, em "
                        "uma tela de 360 pixels de largura sem rolagem lateral, só com o "
                        "teclado e com o texto ampliado a 200%."
                    ),
                    _h("Como testamos"),
                    _ul(
                        "Testes automáticos no navegador verificam as páginas principais em "
                        "cada idioma com o axe-core e falham em qualquer violação.",
                        "Os modelos de página são validados com o validador HTML Nu do W3C.",
                        "As cores são escolhidas com contraste de pelo menos 4,5 para 1, e o "
                        "foco do teclado está sempre visível.",
                        "Os mesmos testes abrem as páginas em uma tela de 360 pixels de "
                        "largura e falham se houver rolagem lateral.",
                    ),
                    _h("Limitações conhecidas"),
                    _ul(
                        "Os documentos da biblioteca são publicados pelos parceiros; alguns PDF "
                        "não são totalmente acessíveis. Peça-nos uma versão acessível.",
                        "Vídeos incorporados de outros sites podem não ter legendas no seu idioma.",
                        "Algumas práticas só existem no idioma em que foram escritas; a página "
                        "avisa.",
                        "O mapa de práticas é uma imagem; os mesmos números estão em uma "
                        "tabela logo abaixo.",
                    ),
                    _h("Fale conosco"),
                    *_p(
                        "Se algo na Convive for difícil de usar, ou se você precisar de um "
                        f"conteúdo em outro formato, escreva para {mail}. Procuramos responder "
                        "em até dez dias úteis."
                    ),
                ],
            },
            "fr": {
                "slug": "accessibilite",
                "title": "Déclaration d'accessibilité",
                "intro": "Convive veut être utilisable par toutes et tous, quels que soient "
                "l'appareil, la connexion ou le handicap.",
                "body": [
                    _h("Notre objectif"),
                    *_p(
                        "Nous visons le niveau AA des Règles pour l'accessibilité des contenus "
                        "Web (WCAG) 2.2. Toutes les pages fonctionnent sans JavaScript, sur un "
                        "écran de 360 pixels de large sans défilement horizontal, au clavier "
                        "seul et avec un texte agrandi à 200 %."
                    ),
                    _h("Comment nous testons"),
                    _ul(
                        "Des tests automatisés dans le navigateur vérifient les pages "
                        "principales dans chaque langue avec axe-core et échouent à la moindre "
                        "violation.",
                        "Les gabarits de page sont vérifiés avec le validateur HTML Nu du W3C.",
                        "Les couleurs sont choisies pour un contraste d'au moins 4,5 pour 1, et "
                        "le focus clavier est toujours visible.",
                        "Les mêmes tests chargent les pages sur un écran de 360 pixels de large "
                        "et échouent en cas de défilement horizontal.",
                    ),
                    _h("Limites connues"),
                    _ul(
                        "Les documents de la bibliothèque sont publiés par les partenaires ; "
                        "certains PDF ne sont pas entièrement accessibles. Demandez-nous une "
                        "version accessible.",
                        "Les vidéos intégrées depuis d'autres sites peuvent ne pas avoir de "
                        "sous-titres dans votre langue.",
                        "Certaines pratiques n'existent que dans leur langue d'origine ; la "
                        "page l'indique.",
                        "La carte des pratiques est une image ; les mêmes chiffres figurent "
                        "dans un tableau en dessous.",
                    ),
                    _h("Contactez-nous"),
                    *_p(
                        "Si quelque chose sur Convive est difficile à utiliser, ou si vous "
                        f"avez besoin d'un contenu dans un autre format, écrivez à {mail}. "
                        "Nous nous efforçons de répondre sous dix jours ouvrés."
                    ),
                ],
            },
        },
    ]


def seed_legal_pages(seeder, homes: dict) -> dict:
    """The three pages under the home pages (outside the main menu), created where missing with
    ``seeder.page`` (outreach.demo); returns {key: {language: page}}."""
    from .models import StandardPage

    return {
        spec["key"]: seeder.page(
            parents=homes,
            model=StandardPage,
            fields={code: dict(spec[code]) for code in seeder.languages},
            common={"show_in_menus": False},
        )
        for spec in legal_pages(settings.CONTACT_EMAIL)
    }
