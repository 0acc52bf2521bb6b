"""The private storage shared by every app that keeps files without a public address (proposals'
files, forum attachments): ``STORAGES["private"]``, looked up on first use and again after a test
overrides ``STORAGES`` (as Django's own ``default_storage``). Such files are only ever streamed by
a view that checks who is asking."""

from django.core.files.storage import storages
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.utils.functional import LazyObject, empty

PRIVATE_STORAGE_ALIAS = "private"


class _PrivateStorage(LazyObject):
    def _setup(self) -> None:
        self._wrapped = storages[PRIVATE_STORAGE_ALIAS]


private_storage_object = _PrivateStorage()


def private_storage() -> _PrivateStorage:
    """The private storage, for ``FileField(storage=...)``: a callable, so that migrations
    record this function rather than whichever backend the settings chose."""
    return private_storage_object


@receiver(setting_changed, dispatch_uid="private_storage_reset")
def _private_storage_reset(*, setting: str, **kwargs) -> None:
    if setting == "STORAGES":
        private_storage_object._wrapped = empty
