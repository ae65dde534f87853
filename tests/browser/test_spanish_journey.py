"""A new job seeker's whole journey in Spanish, in a real browser: the language chosen once in the
footer is kept on every page, in the emails, the messages, the errors at the fields and the export."""

import datetime
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import timezone
from playwright.sync_api import Page, expect

from planner.models import Plan, PlanStep

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _in_spanish(page: Page) -> None:
    expect(page.locator("html")).to_have_attribute("lang", "es")


def test_the_seeker_journey_in_spanish_from_the_language_switcher_to_the_calendar(
    page: Page, live_server, loaded_graph, mailoutbox
):
    # Choose Español with the footer's switcher; the home page answers in Spanish.
    page.goto(f"{live_server.url}/")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    page.get_by_label("Language").select_option("es")
    page.get_by_role("button", name="Change language").click()
    _in_spanish(page)
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "De la primera línea a gerente de atención al cliente, y más allá"
    )
    assert any(cookie["name"] == settings.LANGUAGE_COOKIE_NAME for cookie in page.context.cookies())

    # Sign up.
    page.get_by_role("link", name="Crear cuenta").first.click()
    _in_spanish(page)
    expect(page.get_by_role("heading", name="Crea tu cuenta")).to_be_visible()
    page.locator("#id_username").fill("lucia")
    page.get_by_label("Correo electrónico").fill("lucia@example.com")
    page.locator("#id_password1").fill("una frase de paso larga y poco común")
    page.locator("#id_password2").fill("una frase de paso larga y poco común")
    page.get_by_role("button", name="Crear cuenta").click()

    # The confirmation email is in Spanish too; its link confirms the account.
    expect(page.get_by_role("heading", name="Revisa tu correo")).to_be_visible()
    email = mailoutbox[-1]
    assert email.subject == "CareerPath: confirma tu correo electrónico"
    assert "Te damos la bienvenida a CareerPath" in email.body
    link = re.search(r"https?://\S+/accounts/signup/confirm/\S+/", email.body).group(0)
    page.goto(link)
    _in_spanish(page)
    page.get_by_role("button", name="Confirmar e iniciar sesión").click()

    # Say where you stand: the role is found by its (English) job title.
    _in_spanish(page)
    expect(page.get_by_role("heading", name="Dónde estás")).to_be_visible()
    expect(page.get_by_text("Te damos la bienvenida a CareerPath")).to_be_visible()
    page.get_by_label("Puesto actual").fill("Customer Service Rep")
    page.get_by_role("option", name="Customer Service Representative", exact=True).click()
    expect(page.locator("input[name=current_role]")).to_have_value("customer-service-representative")
    page.get_by_label("Años de experiencia en atención al cliente").fill("1")
    page.get_by_role("button", name="Guardar perfil").click()
    expect(page.get_by_text("Perfil guardado")).to_be_visible()

    # Compare routes toward customer service manager, then rank them by moves.
    page.get_by_role("link", name="Planificar una ruta").click()
    _in_spanish(page)
    expect(page.get_by_label("Puesto objetivo")).to_have_value("Customer Service Manager")
    expect(page.get_by_role("heading", name="Ruta 2")).to_be_visible()
    expect(page.get_by_role("columnheader", name="Qué cambia")).to_be_visible()
    page.get_by_label("Ordenar rutas por").select_option("moves")
    page.get_by_role("button", name="Comparar rutas").click()
    expect(page.get_by_role("heading", name=re.compile("primero las de menos cambios"))).to_be_visible()

    # Pick the first route: the plan page, in Spanish, with the graph's text marked as English.
    page.get_by_role("button", name="Elegir la ruta 1").click()
    _in_spanish(page)
    expect(page.get_by_text("Tu plan está listo")).to_be_visible()
    expect(page.get_by_role("heading", name="Tu ruta")).to_be_visible()
    expect(page.locator(".step-title[lang=en]").first).to_be_visible()
    plan = Plan.objects.get(owner__username="lucia")
    first_open, second_open = PlanStep.objects.filter(plan=plan, status="todo").order_by("move__position", "order")[:2]
    progress = page.get_by_test_id("progress-count")
    expect(progress).to_contain_text("pasos hechos u omitidos")
    before = progress.inner_text()

    # Save a step in place: marked done, with a note and a date.
    row = page.locator(f"#step-{first_open.pk}")
    row.get_by_label("Estado").select_option("done")
    note = row.get_by_label("Tu nota")
    note.fill("Hablé con mi líder de equipo")
    expect(page.locator(f"#id_step-{first_open.pk}-note-count")).to_have_text("Hasta 2000 caracteres")
    row.get_by_label("Fecha objetivo").fill("2027-06-01")
    row.get_by_role("button", name=re.compile("^Guardar")).click()
    expect(page.locator(f"#step-{first_open.pk}").get_by_role("status")).to_have_text("Guardado")
    expect(progress).not_to_have_text(before)

    # A refused save says why at the field, in Spanish, and keeps what was typed.
    too_far_back = (timezone.localdate() - datetime.timedelta(days=400)).isoformat()
    row = page.locator(f"#step-{second_open.pk}")
    row.get_by_label("Fecha objetivo").fill(too_far_back)
    row.get_by_role("button", name=re.compile("^Guardar")).click()
    field = page.locator(f"#step-{second_open.pk}").get_by_label("Fecha objetivo")
    expect(field).to_have_attribute("aria-invalid", "true")
    expect(page.locator(f"#step-{second_open.pk}").locator(".invalid-feedback")).to_contain_text(
        "fue hace más de un año: revisa el año"
    )
    expect(field).to_have_value(too_far_back)
    expect(field).to_be_focused()
    second_open.refresh_from_db()
    assert second_open.target_date is None

    # Export: the calendar keeps the standard's form, its text is in Spanish.
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Calendario (.ics)").click()
    download = download_info.value
    assert download.suggested_filename.endswith(".ics")
    body = Path(download.path()).read_text(encoding="utf-8")
    assert body.count("BEGIN:VEVENT") == 1
    assert "DTSTART;VALUE=DATE:20270601" in body
    assert "(Hecho)" in body and "Tu nota: Hablé con mi líder de equipo" in body

    # The printable plan too.
    page.get_by_role("link", name="Para imprimir").click()
    _in_spanish(page)
    expect(page.get_by_role("link", name="Volver al plan")).to_be_visible()
    expect(page.get_by_role("heading", name="Progreso")).to_be_visible()

    # The choice is remembered on every page, without choosing again.
    page.goto(f"{live_server.url}/plans/")
    _in_spanish(page)
    expect(page.get_by_role("heading", name="Tus planes")).to_be_visible()
    page.get_by_role("link", name="Perfil").click()
    _in_spanish(page)
    expect(page.get_by_role("heading", name="Tu cuenta")).to_be_visible()
    expect(page.get_by_label("Idioma")).to_have_value("es")
