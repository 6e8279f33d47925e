"""Reply trees: where a new reply goes, and the order a page is shown in.

Pure functions over stored rows (no I/O).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol, TypeVar

# Deeper nesting is unreadable on a phone; a reply to a post at this depth
# is attached next to it (to its parent), keeping ``reply_to_id``.
MAX_DEPTH = 8


class TreeNode(Protocol):
    @property
    def id(self) -> int: ...

    @property
    def parent_id(self) -> int | None: ...

    @property
    def root_id(self) -> int | None: ...

    @property
    def depth(self) -> int: ...


@dataclass(frozen=True, slots=True)
class Placement:
    parent_id: int | None
    root_id: int | None
    depth: int


def place_reply(parent: TreeNode | None) -> Placement:
    """Where a reply to ``parent`` (None: a new top-level post) is stored.

    Depth is capped at ``MAX_DEPTH``: a reply to a post already at the cap
    becomes that post's sibling, i.e. it attaches at the deepest allowed level.
    """
    if parent is None:
        return Placement(None, None, 0)
    root = parent.root_id if parent.root_id is not None else parent.id
    if parent.depth < MAX_DEPTH:
        return Placement(parent.id, root, parent.depth + 1)
    return Placement(parent.parent_id, root, parent.depth)


N = TypeVar("N", bound=TreeNode)


def preorder(nodes: Sequence[N]) -> list[N]:
    """Depth-first order, children by id, top-level posts by id.

    A node whose parent is not in ``nodes`` is shown as if top-level, so a
    partial page never loses posts.
    """
    present = {n.id for n in nodes}
    children: dict[int | None, list[N]] = {}
    for node in sorted(nodes, key=lambda n: n.id):
        key = node.parent_id if node.parent_id in present else None
        children.setdefault(key, []).append(node)
    ordered: list[N] = []
    stack = list(reversed(children.get(None, [])))
    while stack:
        node = stack.pop()
        ordered.append(node)
        stack.extend(reversed(children.get(node.id, [])))
    return ordered
