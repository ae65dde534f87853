"""What coaching adds to planner's plan page, plan query, reroutes and data export (see planner.extensions)."""

from coaching import selectors, services
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
    extensions.register_export_section(key="comments_received", section=selectors.comments_received_export)
    extensions.register_export_section(key="suggestions", section=selectors.suggestions_export)
    extensions.register_export_section(key="reviews", section=selectors.reviews_export)
    extensions.register_export_section(key="notifications", section=selectors.notifications_export)
    # A coach's side: the application and codes, the clients' consent records, the private notes.
    extensions.register_export_section(key="coach", section=selectors.coach_export)
    extensions.register_export_section(key="clients", section=selectors.clients_export)
    extensions.register_export_section(key="coach_notes", section=selectors.coach_notes_export)
    extensions.register_account_deletion(
        summary=selectors.account_deletion_summary, prepare=services.account_delete_prepare
    )
