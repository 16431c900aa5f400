"""What Glossa adds to a W3C Web Annotation, shared by its writer and its reader.

The Web Annotation vocabulary has no review status. Glossa declares one extension term
in a second ``@context`` entry after the standard one, as the model's section on
extensions asks: ``"glossa:status"`` (``proposed``, ``accepted`` or ``rejected``).
Tools that do not know the term ignore it; an annotation without it is accepted.
"""

from __future__ import annotations

ANNO_CONTEXT = "http://www.w3.org/ns/anno.jsonld"
#: Glossa's namespace: a URN, since no document lives at it to fetch.
GLOSSA_NAMESPACE = "urn:glossa:terms:"
CONTEXT: list[object] = [ANNO_CONTEXT, {"glossa": GLOSSA_NAMESPACE}]
STATUS_TERM = "glossa:status"

__all__ = ["ANNO_CONTEXT", "CONTEXT", "GLOSSA_NAMESPACE", "STATUS_TERM"]
