from django.core.management.base import BaseCommand

from planner.models import BIN_DAYS
from planner.services import plan_bin_purge


class Command(BaseCommand):
    help = (
        f"Delete for good the plans that have been in their owner's bin for more than {BIN_DAYS} days. "
        "Run it daily (from cron or a scheduler); running it twice changes nothing more."
    )

    def handle(self, *args, verbosity=1, **options):
        count = plan_bin_purge()
        if verbosity >= 1:
            self.stdout.write(f"Deleted {count} plan(s) binned more than {BIN_DAYS} days ago.")
