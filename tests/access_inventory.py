"""
URL names whose access is tested outside the planner and coaching test modules, each with the
test that covers it (read by tests/test_urls.py).

The role graph's tests live in tests/roles/; their modules do not declare ACCESS_TESTED, so the
names are listed here. Each was checked against the cited test: it requests the URL as the
people named and asserts who is let in and who is refused.
"""

PUBLIC = (
    "test_public_pages_answer_everyone (anonymous and logged in), in tests/roles/test_views.py "
    "(tests/roles/views/test_public.py once the roles tests mirror roles/views/)"
)
EDITING = (
    "_editing_requests in tests/roles/test_editor_views.py (tests/roles/views/test_editor.py once the "
    "roles tests mirror roles/views/), through "
    "test_anonymous_visitors_are_asked_to_log_in_and_change_nothing, "
    "test_everyone_but_staff_with_the_permission_gets_403_and_changes_nothing (seeker, coach-like "
    "user with the permission, staff without it) and test_staff_with_the_permission_reach_every_editing_url"
)

ACCESS_TESTED = {
    "home": PUBLIC,
    "roles:role-list": PUBLIC,
    "roles:role-graph": PUBLIC,
    "roles:role-graph-json": PUBLIC,
    "roles:role-detail": PUBLIC,
    "roles:editor": EDITING,
    "roles:editor-data": EDITING,
    "roles:editor-role-new": EDITING,
    "roles:editor-role": EDITING,
    "roles:editor-role-archive": EDITING,
    "roles:editor-role-restore": EDITING,
    "roles:editor-transition-new": EDITING,
    "roles:editor-transition": EDITING,
    "roles:editor-transition-archive": EDITING,
    "roles:editor-transition-restore": EDITING,
    "roles:editor-step-new": EDITING,
    "roles:editor-step": EDITING,
    "roles:editor-step-archive": EDITING,
    "roles:editor-step-restore": EDITING,
    "roles:editor-step-move": EDITING,
    "roles:graph-health": EDITING,
    "roles:history": EDITING,
    "roles:history-role": EDITING,
    "roles:history-transition": EDITING,
    "roles:history-revert": EDITING,
    "roles:graph-export": EDITING,
    "roles:graph-import": EDITING,
    "roles:graph-import-apply": EDITING,
}
