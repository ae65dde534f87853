"""factory_boy factories for the role graph and people."""

from decimal import Decimal

import factory
from django.contrib.auth import get_user_model

from roles.models import (
    Certification,
    Role,
    RoleCertification,
    RoleSkill,
    SalaryFact,
    Skill,
    Track,
    Transition,
    TransitionStep,
)

SOURCE = "000_d4181f5a91f292d4.txt"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"person{n}")
    email = factory.LazyAttribute(lambda o: f"{o.username}@example.com")
    password = factory.django.Password("correct horse battery staple")


class SkillFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Skill

    slug = factory.Sequence(lambda n: f"skill-{n}")
    name = factory.Sequence(lambda n: f"Skill {n}")
    category = Skill.Category.INTERPERSONAL
    level_1 = "Starting out"
    level_2 = "Can do it with help"
    level_3 = "Does it alone"
    level_4 = "Does it well under pressure"
    level_5 = "Teaches others"


class CertificationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Certification

    slug = factory.Sequence(lambda n: f"cert-{n}")
    name = factory.Sequence(lambda n: f"Certification {n}")
    issuer = "Customer Service Institute of America"


class RoleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Role

    slug = factory.Sequence(lambda n: f"role-{n}")
    title = factory.Sequence(lambda n: f"Role {n}")
    track = Track.FRONTLINE
    level = 1
    summary = "Helps customers."
    duties = "Answer questions\nResolve complaints"


class RoleSkillFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RoleSkill

    role = factory.SubFactory(RoleFactory)
    skill = factory.SubFactory(SkillFactory)
    level = 3
    source = SOURCE


class RoleCertificationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RoleCertification

    role = factory.SubFactory(RoleFactory)
    certification = factory.SubFactory(CertificationFactory)
    kind = RoleCertification.Kind.RECOMMENDED
    source = SOURCE


class SalaryFactFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SalaryFact

    role = factory.SubFactory(RoleFactory)
    kind = SalaryFact.Kind.AVERAGE
    amount = Decimal("50000")
    source = SOURCE


class TransitionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Transition

    source_role = factory.SubFactory(RoleFactory)
    target_role = factory.SubFactory(RoleFactory, level=2)
    source = SOURCE


class TransitionStepFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TransitionStep

    transition = factory.SubFactory(TransitionFactory)
    order = factory.Sequence(lambda n: n + 1)
    kind = TransitionStep.Kind.ACTION
    title = "Apply for the role"
    months_min = 1
    months_max = 3
