"""The platform's shared taxonomy, defined once: stable codes (stored in the database, used in
URLs and exports) mapped to translated labels (shown to people). Practices, resources, courses
and competition entries all classify themselves with these codes.

Codes never change once published; labels may be reworded freely.
"""

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Term:
    code: str
    label: Promise


def _terms(*pairs: tuple[str, Promise]) -> tuple[Term, ...]:
    return tuple(Term(code, label) for code, label in pairs)


THEMES = _terms(
    ("employment", _("Employment and livelihoods")),
    ("socioeconomic", _("Socio-economic integration")),
    ("social-protection", _("Social protection")),
    ("education", _("Education")),
    ("health", _("Health")),
    ("psychosocial", _("Psychosocial support")),
    ("gbv", _("Gender-based violence")),
    ("housing", _("Housing and urban planning")),
    ("interculturality", _("Interculturality and social cohesion")),
    ("anti-xenophobia", _("Prevention of xenophobia and discrimination")),
    ("documentation", _("Documentation and regularisation")),
    ("reception", _("Reception and humanitarian assistance")),
    ("return", _("Return and reintegration")),
    ("participation", _("Participation and governance")),
    ("data", _("Data and evidence")),
    ("local-development", _("Local development and diaspora")),
)

TARGET_GROUPS = _terms(
    ("migrants", _("Migrants")),
    ("refugees", _("Refugees")),
    ("asylum-seekers", _("Asylum seekers")),
    ("returnees", _("Returnees")),
    ("idps", _("Internally displaced people")),
    ("host-communities", _("Host communities")),
    ("women-girls", _("Women and girls")),
    ("children", _("Children and adolescents")),
    ("indigenous", _("Indigenous peoples")),
    ("older-people", _("Older people")),
    ("disabilities", _("People with disabilities")),
    ("lgbtiq", _("LGBTIQ+ people")),
)

# The 23 objectives of the Global Compact for Safe, Orderly and Regular Migration (2018).
GCM_OBJECTIVES = _terms(
    ("gcm-01", _("1. Collect and use accurate and disaggregated data")),
    ("gcm-02", _("2. Minimise the adverse drivers that compel people to leave")),
    ("gcm-03", _("3. Provide accurate and timely information at all stages of migration")),
    ("gcm-04", _("4. Ensure all migrants have proof of legal identity and documentation")),
    ("gcm-05", _("5. Enhance availability and flexibility of pathways for regular migration")),
    ("gcm-06", _("6. Facilitate fair and ethical recruitment and decent work")),
    ("gcm-07", _("7. Address and reduce vulnerabilities in migration")),
    ("gcm-08", _("8. Save lives and coordinate efforts on missing migrants")),
    ("gcm-09", _("9. Strengthen the transnational response to smuggling of migrants")),
    ("gcm-10", _("10. Prevent, combat and eradicate trafficking in persons")),
    ("gcm-11", _("11. Manage borders in an integrated, secure and coordinated manner")),
    ("gcm-12", _("12. Strengthen certainty and predictability in migration procedures")),
    ("gcm-13", _("13. Use immigration detention only as a last resort")),
    ("gcm-14", _("14. Enhance consular protection, assistance and cooperation")),
    ("gcm-15", _("15. Provide access to basic services for migrants")),
    ("gcm-16", _("16. Empower migrants and societies to realise full inclusion and cohesion")),
    ("gcm-17", _("17. Eliminate discrimination and promote evidence-based public discourse")),
    ("gcm-18", _("18. Invest in skills development and mutual recognition of skills")),
    ("gcm-19", _("19. Create conditions for migrants and diasporas to contribute to development")),
    ("gcm-20", _("20. Promote faster, safer and cheaper remittances")),
    ("gcm-21", _("21. Cooperate on safe and dignified return, readmission and reintegration")),
    ("gcm-22", _("22. Establish mechanisms for the portability of social security")),
    ("gcm-23", _("23. Strengthen international cooperation and global partnerships")),
)

# Sustainable Development Goal targets that local integration work most often serves.
SDG_TARGETS = _terms(
    ("sdg-1.3", _("1.3 Social protection systems for all")),
    ("sdg-3.8", _("3.8 Universal health coverage")),
    ("sdg-4.1", _("4.1 Free, equitable and quality primary and secondary education")),
    ("sdg-4.4", _("4.4 Skills for employment and decent jobs")),
    ("sdg-5.2", _("5.2 Eliminate violence against women and girls")),
    ("sdg-8.5", _("8.5 Full and productive employment and decent work for all")),
    ("sdg-8.8", _("8.8 Protect labour rights, including of migrant workers")),
    ("sdg-10.2", _("10.2 Social, economic and political inclusion of all")),
    ("sdg-10.3", _("10.3 Equal opportunity and an end to discriminatory practices")),
    ("sdg-10.7", _("10.7 Orderly, safe, regular and responsible migration")),
    ("sdg-10.c", _("10.c Reduce the cost of migrant remittances")),
    ("sdg-11.1", _("11.1 Adequate, safe and affordable housing")),
    ("sdg-11.3", _("11.3 Inclusive and participatory urban planning")),
    ("sdg-16.2", _("16.2 End abuse, exploitation and trafficking")),
    ("sdg-16.7", _("16.7 Responsive, inclusive and participatory decision-making")),
    ("sdg-16.9", _("16.9 Legal identity for all, including birth registration")),
    ("sdg-17.18", _("17.18 Timely, reliable and disaggregated data")),
)


def choices(terms: tuple[Term, ...]) -> list[tuple[str, Promise]]:
    """Django ``choices`` for a vocabulary, in its defined order."""
    return [(term.code, term.label) for term in terms]


def label(terms: tuple[Term, ...], code: str) -> str:
    """The translated label of ``code`` in ``terms``, or the code itself if it is unknown."""
    for term in terms:
        if term.code == code:
            return str(term.label)
    return code
