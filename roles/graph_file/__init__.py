"""
Read, check, load and export the role graph file (docs/role-graph-format.md).

``shape`` defines the file (its keys and the role's fields, once), ``checking`` reads and checks
a file, ``writing`` loads a checked file into the database and ``export`` writes the database
back out. Loading is all or nothing, idempotent, and archives instead of deleting; see each
module.
"""

from roles.graph_file.checking import ParsedGraph, parse_graph, parse_graph_text, read_graph_file
from roles.graph_file.export import graph_dumps, graph_export
from roles.graph_file.shape import GraphFileError, LoadResult
from roles.graph_file.writing import graph_load

__all__ = [
    "GraphFileError",
    "LoadResult",
    "ParsedGraph",
    "graph_dumps",
    "graph_export",
    "graph_load",
    "parse_graph",
    "parse_graph_text",
    "read_graph_file",
]
