"""
Services for coaching: applying to coach, consent between a client and a coach, and what a
coach may do with a shared plan (comments, suggestions, reviews, skill verification, notes).

Every write is here, by concern in the modules below; import them from ``coaching.services``.
"""

from coaching.services.clients import (
    coach_note_create,
    coach_note_delete,
    skill_verify,
)
from coaching.services.coaches import (
    coach_apply,
    coach_decide,
    coach_make,
    user_is_coach,
)
from coaching.services.comments import (
    comment_create,
    comment_delete,
    comment_update,
    review_create,
)
from coaching.services.consent import (
    INVITATION_DAYS,
    MAX_OPEN_INVITATIONS,
    account_delete_prepare,
    coaching_accept,
    coaching_decline,
    coaching_invite_client,
    coaching_invite_coach,
    coaching_revoke,
    coaching_share,
    invitation_create,
    invitation_redeem,
)
from coaching.services.notifications import (
    notifications_mark_read,
    notify,
)
from coaching.services.suggestions import (
    suggestion_accept,
    suggestion_create,
    suggestion_decline,
)

__all__ = [
    "INVITATION_DAYS",
    "MAX_OPEN_INVITATIONS",
    "account_delete_prepare",
    "coach_apply",
    "coach_decide",
    "coach_make",
    "coach_note_create",
    "coach_note_delete",
    "coaching_accept",
    "coaching_decline",
    "coaching_invite_client",
    "coaching_invite_coach",
    "coaching_revoke",
    "coaching_share",
    "comment_create",
    "comment_delete",
    "comment_update",
    "invitation_create",
    "invitation_redeem",
    "notifications_mark_read",
    "notify",
    "review_create",
    "skill_verify",
    "suggestion_accept",
    "suggestion_create",
    "suggestion_decline",
    "user_is_coach",
]
