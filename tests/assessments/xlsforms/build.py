"""Test workbooks, built in code: ``workbook`` writes sheets of rows as an .xlsx file, and
``needs_assessment`` is a realistic four-language needs-assessment form, each language in a
different column spelling, as KoboToolbox and ODK users write them."""

import io

from openpyxl import Workbook


def workbook(sheets: dict[str, list[list]]) -> bytes:
    """An .xlsx file with a sheet per entry: its first row the headers, then the rows."""
    book = Workbook()
    book.remove(book.active)
    for name, rows in sheets.items():
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append(row)
    output = io.BytesIO()
    book.save(output)
    return output.getvalue()


# The four languages as four different spellings of a language column.
EN, ES, PT, FR = "English (en)", "es", "Português (pt)", "French"
LANGUAGE_COLUMNS = [EN, ES, PT, FR]


def label_columns(name: str = "label") -> list[str]:
    return [f"{name}::{language}" for language in LANGUAGE_COLUMNS]


def texts(en: str, es: str, pt: str, fr: str) -> list[str]:
    return [en, es, pt, fr]


def needs_assessment() -> bytes:
    """Institutional capacity, services, coordination, financing, subgroups and good practices,
    with groups, a nested group, a repeat, skip logic, constraints with translated messages,
    cascading choices, "other, specify", a Likert scale and yes/no questions."""
    header = [
        "type",
        "name",
        *label_columns(),
        *label_columns("hint"),
        "required",
        "relevant",
        "constraint",
        *label_columns("constraint_message"),
        "calculation",
        "choice_filter",
        "appearance",
        "repeat_count",
        "default",
    ]

    def row(type_, name, label, hint=("", "", "", ""), **extra):
        message = extra.pop("constraint_message", ("", "", "", ""))
        values = dict(zip(header[2:6], label, strict=True))
        values.update(zip(header[6:10], hint, strict=True))
        values.update(zip(header[13:17], message, strict=True))
        values.update({"type": type_, "name": name, **extra})
        return [values.get(column, "") for column in header]

    survey = [
        header,
        row("start", "start", ("", "", "", "")),
        row(
            "begin group",
            "capacity",
            texts(
                "Institutional capacity",
                "Capacidad institucional",
                "Capacidade institucional",
                "Capacité institutionnelle",
            ),
            appearance="field-list",
        ),
        row(
            "select_one countries",
            "country",
            texts("Country", "País", "País", "Pays"),
            required="yes",
        ),
        row(
            "select_one regions",
            "region",
            texts("Region", "Región", "Região", "Région"),
            choice_filter="country=${country}",
            required="TRUE()",
        ),
        row(
            "integer",
            "staff",
            texts(
                "Staff working with migrants",
                "Personal que trabaja con migrantes",
                "Pessoal que trabalha com migrantes",
                "Personnel travaillant avec les migrants",
            ),
            texts(
                "Full-time equivalent",
                "Tiempo completo equivalente",
                "Equivalente a tempo integral",
                "Équivalent temps plein",
            ),
            constraint=". >= 0 and . < 10000",
            constraint_message=texts(
                "Between 0 and 9999", "Entre 0 y 9999", "Entre 0 e 9999", "Entre 0 et 9999"
            ),
            required="true",
        ),
        row(
            "begin group", "office", texts("The office", "La oficina", "O escritório", "Le bureau")
        ),
        row(
            "select_one yes_no",
            "has_office",
            texts(
                "Is there a dedicated office?",
                "¿Hay una oficina dedicada?",
                "Há um escritório dedicado?",
                "Y a-t-il un bureau dédié ?",
            ),
        ),
        row(
            "text",
            "office_name",
            texts("Its name", "Su nombre", "Seu nome", "Son nom"),
            relevant="${has_office} = 'yes'",
        ),
        row("end group", "", ("", "", "", "")),
        row("end group", "", ("", "", "", "")),
        row("begin group", "services", texts("Services", "Servicios", "Serviços", "Services")),
        row(
            "select_multiple services or_other",
            "services_offered",
            texts(
                "Services offered", "Servicios ofrecidos", "Serviços oferecidos", "Services offerts"
            ),
        ),
        row(
            "select_one agreement",
            "coordination",
            texts(
                "Coordination with the national government is good",
                "La coordinación con el gobierno nacional es buena",
                "A coordenação com o governo nacional é boa",
                "La coordination avec le gouvernement national est bonne",
            ),
            appearance="likert",
        ),
        row(
            "text",
            "coordination_notes",
            texts("Comments", "Comentarios", "Comentários", "Commentaires"),
            appearance="multiline",
        ),
        row("end group", "", ("", "", "", "")),
        row(
            "begin repeat",
            "programmes",
            texts("Programmes", "Programas", "Programas", "Programmes"),
            repeat_count="10",
        ),
        row(
            "text",
            "programme_name",
            texts("Programme", "Programa", "Programa", "Programme"),
            required="yes",
        ),
        row(
            "decimal",
            "programme_budget",
            texts("Budget (USD)", "Presupuesto (USD)", "Orçamento (USD)", "Budget (USD)"),
            constraint=". > 0",
        ),
        row(
            "date",
            "programme_start",
            texts("Start date", "Fecha de inicio", "Data de início", "Date de début"),
            constraint=". <= today()",
        ),
        row("end repeat", "", ("", "", "", "")),
        row(
            "calculate",
            "staff_share",
            ("", "", "", ""),
            calculation="if(${staff} > 0, 1 div ${staff}, 0)",
        ),
        row(
            "begin group",
            "subgroups",
            texts(
                "Women, children and indigenous peoples",
                "Mujeres, niñez e indígenas",
                "Mulheres, crianças e indígenas",
                "Femmes, enfants et peuples autochtones",
            ),
        ),
        row(
            "rank priorities",
            "priorities",
            texts(
                "Rank the priorities",
                "Ordene las prioridades",
                "Ordene as prioridades",
                "Classez les priorités",
            ),
        ),
        row(
            "select_one yes_no",
            "gbv_services",
            texts(
                "Services for gender-based violence?",
                "¿Servicios para violencia de género?",
                "Serviços para violência de gênero?",
                "Services contre les violences basées sur le genre ?",
            ),
        ),
        row("note", "thanks_note", texts("Thank you", "Gracias", "Obrigado", "Merci")),
        row(
            "file",
            "practice_file",
            texts(
                "A good practice to share",
                "Una buena práctica para compartir",
                "Uma boa prática para compartilhar",
                "Une bonne pratique à partager",
            ),
        ),
        row("end group", "", ("", "", "", "")),
    ]
    choices = [
        ["list_name", "name", *label_columns(), "country"],
        ["countries", "AR", *texts("Argentina", "Argentina", "Argentina", "Argentine"), ""],
        ["countries", "CO", *texts("Colombia", "Colombia", "Colômbia", "Colombie"), ""],
        [
            "regions",
            "BA",
            *texts("Buenos Aires", "Buenos Aires", "Buenos Aires", "Buenos Aires"),
            "AR",
        ],
        ["regions", "CB", *texts("Córdoba", "Córdoba", "Córdoba", "Cordoba"), "AR"],
        ["regions", "AN", *texts("Antioquia", "Antioquia", "Antioquia", "Antioquia"), "CO"],
        ["yes_no", "yes", *texts("Yes", "Sí", "Sim", "Oui"), ""],
        ["yes_no", "no", *texts("No", "No", "Não", "Non"), ""],
        ["services", "health", *texts("Health", "Salud", "Saúde", "Santé"), ""],
        ["services", "housing", *texts("Housing", "Vivienda", "Moradia", "Logement"), ""],
        ["services", "jobs", *texts("Employment", "Empleo", "Emprego", "Emploi"), ""],
        ["agreement", "agree", *texts("Agree", "De acuerdo", "Concordo", "D'accord"), ""],
        ["agreement", "neutral", *texts("Neutral", "Neutral", "Neutro", "Neutre"), ""],
        [
            "agreement",
            "disagree",
            *texts("Disagree", "En desacuerdo", "Discordo", "Pas d'accord"),
            "",
        ],
        [
            "priorities",
            "women",
            *texts("Women and girls", "Mujeres y niñas", "Mulheres e meninas", "Femmes et filles"),
            "",
        ],
        [
            "priorities",
            "children",
            *texts(
                "Children and adolescents",
                "Niñez y adolescencia",
                "Crianças e adolescentes",
                "Enfants et adolescents",
            ),
            "",
        ],
        [
            "priorities",
            "indigenous",
            *texts(
                "Indigenous peoples", "Pueblos indígenas", "Povos indígenas", "Peuples autochtones"
            ),
            "",
        ],
    ]
    settings = [
        ["form_id", "form_title", "default_language", "version"],
        ["needs_2026", "Needs assessment 2026", EN, "2026010101"],
    ]
    return workbook({"survey": survey, "choices": choices, "settings": settings})
