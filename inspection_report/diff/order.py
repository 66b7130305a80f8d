"""Which items changed place among the items both drafts share.

Adding or removing one item shifts every later position, so positions are not compared:
only items outside a longest common subsequence of the two orders count as moved, which
marks the fewest items that explain the new order.
"""

from __future__ import annotations


def moved_ids(old_order: list[str], new_order: list[str]) -> set[str]:
    """Ids whose relative order changed: those outside a longest common subsequence."""
    common = set(old_order) & set(new_order)
    a = [i for i in old_order if i in common]
    b = [i for i in new_order if i in common]
    lengths = [[0] * (len(b) + 1) for _ in range(len(a) + 1)]
    for i in range(len(a) - 1, -1, -1):
        for j in range(len(b) - 1, -1, -1):
            lengths[i][j] = (
                lengths[i + 1][j + 1] + 1 if a[i] == b[j] else max(lengths[i + 1][j], lengths[i][j + 1])
            )
    kept, i, j = set(), 0, 0
    while i < len(a) and j < len(b):
        if a[i] == b[j]:
            kept.add(a[i])
            i, j = i + 1, j + 1
        elif lengths[i + 1][j] >= lengths[i][j + 1]:
            i += 1
        else:
            j += 1
    return common - kept
