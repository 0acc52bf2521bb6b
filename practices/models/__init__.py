from .pages import (
    PracticeGcmObjective,
    PracticeIndexPage,
    PracticePage,
    PracticeSdgTarget,
    PracticeTag,
    PracticeTargetGroup,
    PracticeTheme,
)

__all__ = [
    "PracticeGcmObjective",
    "PracticeIndexPage",
    "PracticePage",
    "PracticeSdgTarget",
    "PracticeTag",
    "PracticeTargetGroup",
    "PracticeTheme",
]
