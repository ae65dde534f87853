"""The seeker's pages in Spanish: their text, and figures and dates as Spanish readers write them."""

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from planner.models import PlanStep
from planner.templatetags.planner_tags import money
from planner.wording import list_words, month_range_words


@pytest.mark.parametrize(
    ("language", "value", "words"),
    [
        ("en", (0, 0), "no time"),
        ("en", (1, 1), "1 month"),
        ("en", (3, 3), "3 months"),
        ("en", (6, 12), "6–12 months"),
        ("es", (0, 0), "sin tiempo"),
        ("es", (1, 1), "1 mes"),
        ("es", (6, 12), "6–12 meses"),
        ("es", None, ""),
    ],
)
def test_month_ranges_in_words(language, value, words):
    with translation.override(language):
        assert month_range_words(value) == words


def test_lists_in_words():
    with translation.override("es"):
        assert list_words(["a", "b", "c"]) == "a, b y c"
        assert list_words(["a"]) == "a"
    with translation.override("en"):
        assert list_words(["a", "b"]) == "a and b"


def test_money_is_grouped_as_the_language_groups_figures():
    with translation.override("en"):
        assert money(46566.4) == "$46,566"
    with translation.override("es"):
        assert money(46566.4) == "US$46\xa0566"


@pytest.fixture
def spanish(client, user):
    client.force_login(user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "es"
    return client


@pytest.mark.parametrize(
    ("name", "spanish_text"),
    [
        ("planner:plan-list", "Tus planes"),
        ("planner:plan-detail", "Siguiente mejor paso"),
        ("planner:plan-print", "Volver al plan"),
        ("planner:plan-create", "Comparar rutas"),
        ("planner:profile", "Dónde estás"),
        ("planner:plan-bin", "La papelera está vacía."),
        ("account-delete", "Eliminar mi cuenta para siempre"),
        ("api:tokens", "Todavía no tienes tokens."),
    ],
)
def test_the_seekers_pages_speak_spanish(spanish, plan, name, spanish_text):
    args = [plan.pk] if name in {"planner:plan-detail", "planner:plan-print"} else []

    response = spanish.get(reverse(name, args=args))

    content = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="es">' in content
    assert spanish_text in content


def test_a_refused_step_save_names_the_day_in_spanish(spanish, plan):
    step = plan.steps.filter(status=PlanStep.Status.TODO).first()

    response = spanish.post(
        reverse("planner:plan-step-update", args=[plan.pk, step.pk]),
        {f"step-{step.pk}-status": "todo", f"step-{step.pk}-target_date": "1999-01-01", f"step-{step.pk}-note": ""},
        headers={"hx-request": "true"},
    )

    assert response.status_code == 422
    assert "El 1 de enero de 1999 fue hace más de un año: revisa el año." in response.content.decode()


def test_the_plan_page_marks_the_graphs_text_as_english(spanish, plan):
    content = spanish.get(reverse("planner:plan-detail", args=[plan.pk])).content.decode()

    step = plan.steps.first()
    assert f'<strong class="step-title" lang="en">{step.title}</strong>' in content


def test_the_engines_route_errors_in_spanish():
    from planner.wording import route_error_words
    from roles import engine

    with translation.override("es"):
        assert route_error_words(engine.NoRoute("A", "B", reason="no moves lead there")) == (
            "No hay ninguna ruta de «A» a «B»: ningún cambio de puesto lleva allí."
        )
        assert route_error_words(engine.NoRoute("A", "B", reason="“C” is archived")) == (
            "No hay ninguna ruta de «A» a «B»: «C» está archivado."
        )
        assert route_error_words(engine.UnknownRole("x")) == "No existe el puesto «x»."
    with translation.override("en"):
        error = engine.NoRoute("A", "B", reason="they are the same role")
        assert route_error_words(error) == str(error)
