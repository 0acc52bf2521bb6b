"""Which parts of an email are its text: one rule for the trimmer, the files and the inbound
pipeline.

``get_body`` gives the first text part a client meant as the body. Apple Mail, when a file is
placed in the middle of a message, sends a ``multipart/mixed`` of the text before the file, the
file, and the text after it: both text parts are the body, in order, and the second must not be
lost (nor taken for a file). So the body is the part ``get_body`` finds and, when it sits in a
``multipart/mixed``, every other inline part of the same type, without a file name, beside it.
"""

import email.message

Message = email.message.EmailMessage


def _container_of(root: Message, wanted: Message) -> Message | None:
    """The multipart that holds ``wanted`` directly, if any."""
    stack = [root]
    while stack:
        part = stack.pop()
        if not part.is_multipart() or part.get_content_type() == "message/rfc822":
            continue
        children = list(part.iter_parts())
        if any(child is wanted for child in children):
            return part
        stack.extend(children)
    return None


def body_parts(*, message: Message, preference: str) -> list[Message]:
    """The ``text/<preference>`` parts ("plain" or "html") that make up the message's text, in
    order; empty when it has none."""
    first = message.get_body(preferencelist=(preference,))
    if first is None:
        return []
    container = _container_of(message, first)
    if container is None or container.get_content_subtype() != "mixed":
        return [first]
    return [
        part
        for part in container.iter_parts()
        if part is first
        or (
            part.get_content_type() == first.get_content_type()
            and part.get_content_disposition() != "attachment"
            and not part.get_filename()
        )
    ]
