"""
The roles app's pages: ``public`` (the role list, a role, the graph, the home page) and, for staff
who keep the graph (``access``), the ``editor``, its checks and ``history``, and the ``graph_file``
import and export.
"""
