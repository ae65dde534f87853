"""The records beside the graph: the revision counter, the sources its facts cite, the O*NET reference."""

import uuid

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class GraphRevision(models.Model):
    """
    A counter bumped on every change to the role graph.

    The cached networkx graph is keyed by this number, so every process notices a change made in
    another one by reading a single row.
    """

    number = models.PositiveBigIntegerField(default=0)
    # A new token with every bump: a rolled-back bump can never be mistaken for a later one.
    token = models.UUIDField(default=uuid.uuid4)
    changed_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.CheckConstraint(condition=Q(id=1), name="graphrevision_single_row"),
        ]

    def __str__(self) -> str:
        return f"Graph revision {self.number}"


class Source(models.Model):
    """
    A source the graph's facts come from (``roles/data/sources.json``): a document, a data set or
    the project's editorial estimates. Graph rows cite it by ``key`` in their ``source`` fields;
    pages show its title and publisher, never the key.
    """

    class Kind(models.TextChoices):
        DOCUMENT = "document", _("Document")
        DATASET = "dataset", _("Data set")
        EDITORIAL = "editorial", _("Editorial")

    key = models.CharField(verbose_name=_("key"), max_length=120, unique=True)
    kind = models.CharField(verbose_name=_("kind"), max_length=10, choices=Kind.choices)
    title = models.CharField(verbose_name=_("title"), max_length=300)
    publisher = models.CharField(verbose_name=_("publisher"), max_length=200, blank=True)
    date = models.CharField(verbose_name=_("date"), max_length=40, blank=True, help_text=_("As the source prints it."))
    address = models.URLField(verbose_name=_("address"), max_length=300, blank=True)
    licence = models.TextField(verbose_name=_("licence"), blank=True)
    attribution = models.TextField(
        verbose_name=_("attribution"), blank=True, help_text=_("The notice the licence asks to show with the data.")
    )
    note = models.TextField(verbose_name=_("note"), blank=True)

    class Meta:
        verbose_name = _("source")
        verbose_name_plural = _("sources")
        ordering = ["key"]

    def __str__(self) -> str:
        return f"{self.title} ({self.publisher})" if self.publisher else self.title


class OnetReference(models.Model):
    """
    What per-role O*NET data refers to (the joined graph file's top-level ``onet``): the release,
    its scales, the 35 skills, the education categories and the job zones. One row, or none when
    the graph was loaded without O*NET.
    """

    data = models.JSONField()

    class Meta:
        constraints = [models.CheckConstraint(condition=Q(id=1), name="onetreference_single_row")]

    def __str__(self) -> str:
        return str(self.data.get("release", "O*NET reference"))
