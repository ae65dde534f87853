"""What coaching adds to planner's plan page, plan query, reroutes and data export (see planner.extensions)."""

from coaching import selectors
from planner import extensions


def register() -> None:
    extensions.register_plan_prefetch(selectors.plan_page_prefetches)
    extensions.register_plan_panel(slot="notice", template="coaching/partials/suggestion_notice.html")
    extensions.register_plan_panel(slot="main", template="coaching/partials/review_list.html")
    extensions.register_plan_panel(slot="main", template="coaching/partials/suggestion_list.html")
    extensions.register_plan_panel(slot="step", template="coaching/partials/comment_step.html")
    extensions.register_plan_panel(slot="earlier_step", template="coaching/partials/comment_earlier_step.html")
    extensions.register_plan_panel(slot="end", template="coaching/partials/comment_section.html")
    extensions.register_step_keeper(selectors.commented_step_ids)
    extensions.register_export_section(key="coaching", section=selectors.coaching_export)
    extensions.register_export_section(key="comments", section=selectors.comments_export)
