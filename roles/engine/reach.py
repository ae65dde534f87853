"""Where a role leads: the roles reachable from it, and its neighbourhood in and out (networkx)."""

from __future__ import annotations

import networkx as nx

from roles.engine.types import UnknownRole, role_node


def reachable_beyond(G: nx.DiGraph, role_id: int, *, max_depth: int | None = None) -> list[tuple[int, int]]:
    """
    Return the roles reachable from a role over live moves, with the fewest moves to each.

    Nearest first, then by seniority level and title; the role itself is left out, and so is
    every archived role or move. Raise UnknownRole for a role not in the graph.
    """
    role_node(G, role_id)
    if G.nodes[role_id]["archived"]:
        return []
    live = nx.subgraph_view(G, filter_edge=lambda u, v: G.succ[u][v]["live"])
    depths = nx.single_source_shortest_path_length(live, role_id, cutoff=max_depth)
    del depths[role_id]
    nodes = G.nodes
    return sorted(depths.items(), key=lambda item: (item[1], nodes[item[0]]["level"], nodes[item[0]]["title"]))


def neighbourhood(G: nx.DiGraph, role_id: int, *, depth: int = 2) -> tuple[dict[int, int], dict[int, int]]:
    """
    Return the roles within ``depth`` live moves out of a role and those within ``depth`` moves
    into it, each with the fewest moves (the role itself at 0 in both).

    Moves out and moves in are followed separately (no "in, then out again" siblings), so the
    picture around a role shows where people come from and where they go. Archived roles are
    left out. Raise UnknownRole for a role not in the graph.
    """
    if role_id not in G:
        raise UnknownRole(role_id)
    live = nx.subgraph_view(
        G,
        filter_node=lambda node: not G.nodes[node]["archived"],
        filter_edge=lambda u, v: G.succ[u][v]["live"],
    )
    if role_id not in live:
        return {role_id: 0}, {role_id: 0}
    out = nx.single_source_shortest_path_length(live, role_id, cutoff=depth)
    into = nx.single_source_shortest_path_length(live.reverse(copy=False), role_id, cutoff=depth)
    return dict(out), dict(into)
