"""Benchmarks of the routing engine on the O*NET graph (see README.md)."""
