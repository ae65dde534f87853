"""roles.engine.neighbourhood: the roles around one, moves in and out followed separately."""

import networkx as nx
import pytest

from roles.engine import UnknownRole, neighbourhood


def _graph(edges, archived=(), dead=()):
    G = nx.DiGraph()
    for node in {n for edge in edges for n in edge}:
        G.add_node(node, archived=node in archived)
    for u, v in edges:
        G.add_edge(u, v, live=(u, v) not in dead)
    return G


def test_moves_in_and_out_to_a_depth():
    # 1 -> 2 -> 3 -> 4, 5 -> 2, 6 -> 1, and 1 -> 7 (7 is a sibling of 2: in, then out again).
    G = _graph([(1, 2), (2, 3), (3, 4), (5, 2), (6, 1), (1, 7)])
    assert neighbourhood(G, 2, depth=1) == ({2: 0, 3: 1}, {2: 0, 1: 1, 5: 1})
    assert neighbourhood(G, 2, depth=2) == ({2: 0, 3: 1, 4: 2}, {2: 0, 1: 1, 5: 1, 6: 2})
    out, into = neighbourhood(G, 2, depth=3)
    assert 7 not in out and 7 not in into


def test_archived_roles_and_dead_moves_are_left_out():
    G = _graph([(1, 2), (2, 3), (1, 4)], archived={3}, dead={(1, 4)})
    assert neighbourhood(G, 1, depth=3) == ({1: 0, 2: 1}, {1: 0})


def test_an_unknown_role_raises():
    G = _graph([(1, 2)])
    with pytest.raises(UnknownRole):
        neighbourhood(G, 99)
