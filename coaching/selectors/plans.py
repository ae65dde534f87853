"""
A shared plan's comments, suggestions and reviews, prefetched for the plan page in a fixed number of queries.
"""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet, Value
from django.db.models.functions import Coalesce, Replace

from coaching.models import (
    Comment,
    Review,
    Suggestion,
)


def comment_threads() -> QuerySet[Comment]:
    """
    Comments with their authors, each thread's opening comment followed by its replies.

    ``thread`` is the id of the opening comment, so templates can ``regroup`` by it.
    """
    return (
        Comment.objects.select_related("author")
        .annotate(thread=Coalesce("parent", "id"))
        .order_by("thread", "created_at", "id")
    )


def plan_page_prefetches() -> list[Prefetch]:
    """What coaches and the owner wrote about a plan, for planner's plan query (see coaching.extensions)."""
    return [
        Prefetch("steps__comments", queryset=comment_threads()),
        Prefetch("comments", queryset=comment_threads().filter(step__isnull=True), to_attr="plan_comments"),
        Prefetch(
            "suggestions",
            queryset=Suggestion.objects.select_related("author", "move__role", "step").annotate(
                route_words=Replace(Replace("route", Value(","), Value(" → ")), Value("-"), Value(" "))
            ),
        ),
        Prefetch("reviews", queryset=Review.objects.select_related("author")),
    ]


def commented_step_ids(plan_id: int) -> set[int]:
    """The plan's steps someone commented on: a reroute keeps them (see coaching.extensions)."""
    return set(Comment.objects.filter(plan_id=plan_id, step__isnull=False).values_list("step_id", flat=True).distinct())
