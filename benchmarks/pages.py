"""The pages `make bench` measures. Add a page by appending a BenchPage; keep names unique."""

from dataclasses import dataclass


@dataclass(frozen=True)
class BenchPage:
    name: str
    path: str
    # True: every request is another address (benchmarks/varied.py); ``path`` names the page.
    varied: bool = False
    # Which generator of benchmarks/varied.py draws a varied page's addresses.
    generator: str = "directory"


PAGES: list[BenchPage] = [
    BenchPage(name="home", path="/en/"),
]

# The practice finder at its heaviest: two facets (one OR-ed pair) and a search term.
PAGES.append(
    BenchPage(
        name="practice-finder",
        path="/en/practices/?q=migracion&country=MX&country=CO&theme=health",
    )
)

# The directory as many visitors use it: no two requests alike (search words in four languages,
# facet combinations, sorts and page numbers), so that no cache of one address or term helps.
PAGES.append(BenchPage(name="directory-varied", path="/<lang>/practices/?<varied>", varied=True))

# The forum at the sizes (`--size large`: a topic of 2,000 replies, a category of 5,000
# topics), any page of either, in the four languages, as anonymous visitors read them.
PAGES.append(
    BenchPage(
        name="forum-topic",
        path="/<lang>/community/t/<id>/<slug>/?page=<n>",
        varied=True,
        generator="forum-topic",
    )
)
PAGES.append(
    BenchPage(
        name="forum-category",
        path="/<lang>/community/c/bench-forum/?page=<n>",
        varied=True,
        generator="forum-category",
    )
)

# Answering a needs assessment (benchmarks/assessment_answer.py builds it): any section page of
# any invitation's link, a 120-question questionnaire with skip logic, responses from never
# started to all answered, in the four languages. The POSTs that save and check a section are
# timed in process by benchmarks/assessment_answer.py.
PAGES.append(
    BenchPage(
        name="assessment-section",
        path="/<lang>/assessments/a/<token>/s/<section>/",
        varied=True,
        generator="assessment-section",
    )
)
