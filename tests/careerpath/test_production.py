"""
The production settings, as `make serve` runs them: in subprocesses with DEBUG off, so that the
test process's own settings (TESTING) cannot soften anything.
"""

import http.client
import os
import secrets
import socket
import subprocess
import sys
import time
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode

import pytest

ROOT = Path(__file__).resolve().parents[2]
PASSWORD = "a long and unusual passphrase"


@pytest.fixture(scope="module")
def production_env(tmp_path_factory) -> dict[str, str]:
    database = tmp_path_factory.mktemp("prod") / "db.sqlite3"
    env = {key: value for key, value in os.environ.items() if not key.startswith(("DJANGO_", "PYTEST_"))}
    for key in ("DEBUG", "DATABASE_URL", "CACHE_URL", "REDIS_URL", "SECURE_SSL_REDIRECT", "SESSION_COOKIE_SECURE"):
        env.pop(key, None)
    env.update(
        DEBUG="false",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="127.0.0.1",
        DATABASE_URL=f"sqlite:///{database}",
        SECURE_PROXY_SSL_HEADER="HTTP_X_FORWARDED_PROTO,https",
        # collectstatic is `make serve`'s business; the pages here need no static files.
        STATICFILES_BACKEND="django.contrib.staticfiles.storage.StaticFilesStorage",
        DJANGO_SETTINGS_MODULE="careerpath.settings",
    )
    return env


def _manage(env: dict[str, str], *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )


@pytest.mark.parametrize("secret_key", [None, "", "change-me-to-a-long-random-string"])
def test_without_a_real_secret_key_production_refuses_to_start(production_env, secret_key):
    env = {**production_env}
    env.pop("SECRET_KEY")
    if secret_key is not None:
        env["SECRET_KEY"] = secret_key

    result = _manage(env, "check")

    assert result.returncode != 0
    assert "ImproperlyConfigured: SECRET_KEY is missing or is the public development key" in result.stderr


def test_check_deploy_prints_no_warning_with_production_settings(production_env):
    result = _manage(production_env, "check", "--deploy", "--fail-level", "WARNING")

    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout
    assert "WARNING" not in result.stdout + result.stderr


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def production_server(production_env):
    """gunicorn with careerpath/gunicorn.conf.py, as `make serve` starts it, on a migrated database."""
    assert _manage(production_env, "migrate", "--noinput", "-v0").returncode == 0
    create = f"from tests.factories import UserFactory; UserFactory(username='ana', password={PASSWORD!r})"
    assert _manage(production_env, "shell", "-c", create).returncode == 0
    port = _free_port()
    env = {**production_env, "PORT": str(port), "WEB_CONCURRENCY": "1"}
    server = subprocess.Popen(
        [str(Path(sys.executable).parent / "gunicorn"), "--config", "careerpath/gunicorn.conf.py", "careerpath.wsgi"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        for _ in range(150):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.1)
        yield port
    finally:
        server.terminate()
        server.wait(timeout=20)


def _request(port, method, path, *, https=True, headers=None, body=None):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    all_headers = {"Host": "127.0.0.1", **({"X-Forwarded-Proto": "https"} if https else {}), **(headers or {})}
    connection.request(method, path, body=body, headers=all_headers)
    response = connection.getresponse()
    response.read()
    connection.close()
    return response


def _cookies(response) -> dict[str, str]:
    """Each Set-Cookie header by cookie name, lower-cased for attribute checks."""
    return {header.split("=", 1)[0]: header.lower() for header in response.headers.get_all("Set-Cookie") or []}


def _log_in(port) -> tuple[dict[str, str], str]:
    form = _request(port, "GET", "/accounts/login/")
    csrf = SimpleCookie(form.headers["Set-Cookie"])["csrftoken"].value
    response = _request(
        port,
        "POST",
        "/accounts/login/",
        headers={
            "Cookie": f"csrftoken={csrf}",
            "Content-Type": "application/x-www-form-urlencoded",
            "Referer": "https://127.0.0.1/accounts/login/",
        },
        body=urlencode({"username": "ana", "password": PASSWORD, "csrfmiddlewaretoken": csrf}),
    )
    assert response.status == 302, response.status
    jar = SimpleCookie()
    for header in response.headers.get_all("Set-Cookie"):
        jar.load(header)
    return _cookies(response), f"sessionid={jar['sessionid'].value}; csrftoken={jar['csrftoken'].value}"


def test_plain_http_is_redirected_to_https(production_server):
    response = _request(production_server, "GET", "/roles/", https=False)

    assert response.status == 301
    assert response.headers["Location"] == "https://127.0.0.1/roles/"


def test_headers_pass_the_http_observatory_rules(production_server):
    """Each test of the MDN HTTP Observatory, on a page served by the production server."""
    response = _request(production_server, "GET", "/accounts/login/")
    headers = response.headers
    assert response.status == 200

    # Content Security Policy: no unsafe-inline/eval for scripts, default-src, object-src none,
    # frame-ancestors none (clickjacking), base-uri and form-action restricted.
    csp = {part.split()[0]: part.split()[1:] for part in headers["Content-Security-Policy"].split("; ")}
    assert csp["default-src"] == ["'self'"]
    assert csp["script-src"] == ["'self'"]
    assert csp["object-src"] == ["'none'"]
    assert csp["frame-ancestors"] == ["'none'"]
    assert csp["base-uri"] == ["'self'"]
    assert csp["form-action"] == ["'self'"]
    assert "'unsafe-inline'" not in csp["style-src"]
    sources = [value for values in csp.values() for value in values]
    assert not any("unsafe-eval" in value or value in ("*", "http:", "https:") for value in sources)
    # Strict-Transport-Security: at least six months.
    hsts = headers["Strict-Transport-Security"]
    assert int(hsts.split(";")[0].removeprefix("max-age=")) >= 15_768_000
    assert "includeSubDomains" in hsts
    # X-Content-Type-Options, X-Frame-Options, Referrer-Policy, Cross-Origin-Opener-Policy.
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["X-Frame-Options"] == "DENY"
    safe_referrer_policies = ("no-referrer", "same-origin", "strict-origin", "strict-origin-when-cross-origin")
    assert headers["Referrer-Policy"] in safe_referrer_policies
    assert headers["Cross-Origin-Opener-Policy"] == "same-origin"
    # No Access-Control-Allow-Origin: * on pages.
    assert "Access-Control-Allow-Origin" not in headers
    # Cookies: the CSRF cookie is Secure and SameSite.
    csrf_cookie = _cookies(response)["csrftoken"]
    assert "; secure" in csrf_cookie
    assert "samesite=lax" in csrf_cookie


def test_session_cookie_is_secure_httponly_samesite_and_private_pages_are_not_stored(production_server):
    cookies, cookie_header = _log_in(production_server)

    session_cookie = cookies["sessionid"]
    assert "; secure" in session_cookie
    assert "; httponly" in session_cookie
    assert "samesite=lax" in session_cookie
    assert "max-age=" not in session_cookie  # ends with the browser, or after the idle timeout

    plans = _request(production_server, "GET", "/plans/", headers={"Cookie": cookie_header})
    assert plans.status == 200
    assert "no-store" in plans.headers["Cache-Control"]
    assert "private" in plans.headers["Cache-Control"]
    assert plans.headers["X-Request-ID"]


def test_health_answers_over_plain_http_for_the_load_balancer(production_server):
    response = _request(production_server, "GET", "/health/", https=False)

    assert response.status == 200
