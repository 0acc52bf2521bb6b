"""The network's models, one module per idea; import them from ``network.models``."""

from .accounts import User, UserManager
from .joining import Invitation, JoinRequest
from .organisations import LocalAuthority, Membership, PartnerOrganisation, TimeStampedModel

__all__ = [
    "Invitation",
    "JoinRequest",
    "LocalAuthority",
    "Membership",
    "PartnerOrganisation",
    "TimeStampedModel",
    "User",
    "UserManager",
]
