"""
Settings for CareerPath, read from the environment (12-factor).

Every setting that differs between machines comes from an environment variable, with a default
that suits local development on SQLite. See .env.example for the variables.
"""

import sys
from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
# A .env file is optional: the environment always wins over it.
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env.bool("DEBUG", default=False)
# pytest (and `manage.py test`) run with DEBUG off but are not production: they may use the
# development key and plain HTTP.
TESTING = "pytest" in sys.modules or sys.argv[1:2] == ["test"]
# Production means every safeguard below is on by default; each stays overridable by its variable.
PRODUCTION = not DEBUG and not TESTING

DEVELOPMENT_SECRET_KEY = "django-insecure-careerpath-development-only-key-change-me"
SECRET_KEY = env.str("SECRET_KEY", default="")
if not SECRET_KEY or SECRET_KEY == DEVELOPMENT_SECRET_KEY or SECRET_KEY.startswith("change-me"):
    if PRODUCTION:
        # A public key would let anyone forge sessions and password-reset links: refuse to start.
        raise ImproperlyConfigured(
            "SECRET_KEY is missing or is the public development key, and DEBUG is off. Set SECRET_KEY to a "
            "long random string, e.g. from: python -c 'import secrets; print(secrets.token_urlsafe(50))'"
        )
    SECRET_KEY = DEVELOPMENT_SECRET_KEY
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    # Trigram lookups for the job title search on PostgreSQL (harmless on SQLite).
    "django.contrib.postgres",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_htmx",
    "simple_history",
    "csp",
    "axes",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "roles",
    "planner",
    "coaching",
    "api",
    "careerpath",
]

MIDDLEWARE = [
    # First, so that every log line of the request, the error page included, carries its id.
    "careerpath.middleware.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # After sessions, before common: picks the language from the switcher's cookie, else the
    # browser's Accept-Language; URLs carry no language prefix (DESIGN.md keeps the paths).
    "django.middleware.locale.LocaleMiddleware",
    # The JSON API stays in English (machine-readable): see the middleware.
    "careerpath.middleware.MachineReadableEnglishMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "careerpath.middleware.SessionIdleTimeoutMiddleware",
    # After authentication: it needs request.user to know whether the page is private.
    "careerpath.middleware.PrivateCacheControlMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # Records who made each change to the role graph (django-simple-history).
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, as django-axes asks: it turns a locked-out login into the lock-out page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "careerpath.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "coaching.context_processors.navigation",
                "careerpath.context_processors.security",
                "roles.context_processors.citations",
            ],
        },
    },
]

WSGI_APPLICATION = "careerpath.wsgi.application"

DATABASES = {
    "default": env.db_url("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
# Persistent connections in production (each gunicorn worker keeps one), checked before reuse so a
# database restart costs one failed request at most, not one per stale connection.
DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("CONN_MAX_AGE", default=60 if PRODUCTION else 0))
DATABASES["default"]["CONN_HEALTH_CHECKS"] = env.bool("CONN_HEALTH_CHECKS", default=True)

# SQLite (the embedded default): a write waits its turn instead of failing with "database is
# locked". IMMEDIATE takes the write lock when a transaction begins, so two writers never both
# read and then deadlock on upgrading; the timeout is how long a writer waits (seconds); WAL
# lets pages be read while a write is under way.
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "transaction_mode": "IMMEDIATE",
            "timeout": env.int("SQLITE_BUSY_TIMEOUT", default=20),
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
    )

# The shared cache: rate-limit counters live here, so every worker and machine must see the same
# one (Redis in production). REDIS_URL is accepted as a synonym, as hosting platforms set it.
CACHES = {
    "default": env.cache_url(
        "CACHE_URL", default=env.str("REDIS_URL", default="locmemcache://careerpath") or "locmemcache://careerpath"
    ),
}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTHENTICATION_BACKENDS = [
    # First: refuses a locked-out account or address before any password is checked.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "/"

# English and Spanish. The interface is translated (locale/, `make messages` refreshes the catalogue);
# the source documents' and O*NET's own text stays as written, marked with its language.
LANGUAGE_CODE = "en"
LANGUAGES = [("en", "English"), ("es", "Español")]
LOCALE_PATHS = [BASE_DIR / "locale"]
# The switcher's choice is remembered for a year (a cookie, so it holds before signing in too).
LANGUAGE_COOKIE_AGE = 365 * 24 * 60 * 60
LANGUAGE_COOKIE_SAMESITE = "Lax"
LANGUAGE_COOKIE_SECURE = PRODUCTION
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [
    BASE_DIR / "static",
    # Third-party browser libraries come from npm (package.json); never copied into the repo.
    ("vendor/bootstrap", BASE_DIR / "node_modules/bootstrap/dist"),
    ("vendor/bootstrap-icons", BASE_DIR / "node_modules/bootstrap-icons/font"),
    ("vendor/cytoscape", BASE_DIR / "node_modules/cytoscape/dist"),
    ("vendor/cytoscape-dagre", BASE_DIR / "node_modules/cytoscape-dagre/dist"),
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": env.str(
            "STATICFILES_BACKEND",
            default=(
                "django.contrib.staticfiles.storage.StaticFilesStorage"
                if DEBUG
                else "whitenoise.storage.CompressedManifestStaticFilesStorage"
            ),
        ),
    },
}

EMAIL_BACKEND = env.str("EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend")
# An SMTP server in one variable, e.g. smtp+tls://user:password@smtp.example.com:587 (sets the backend too).
if env.str("EMAIL_URL", default=""):
    vars().update(env.email_url("EMAIL_URL"))
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="CareerPath <noreply@careerpath.local>")

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# The bundled role graph that `load_role_graph` loads when given no file.
ROLE_GRAPH_FILE = BASE_DIR / "roles" / "data" / "role_graph.json"

# HTTPS. On by default in production; behind a TLS-terminating proxy set
# SECURE_PROXY_SSL_HEADER=HTTP_X_FORWARDED_PROTO,https (only if the proxy always sets that header).
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=PRODUCTION)
# Load balancers poll the health endpoint over plain HTTP on the private network.
SECURE_REDIRECT_EXEMPT = [r"^health/$"]
SECURE_PROXY_SSL_HEADER = tuple(env.list("SECURE_PROXY_SSL_HEADER", default=[])) or None
if SECURE_PROXY_SSL_HEADER is not None and len(SECURE_PROXY_SSL_HEADER) != 2:
    raise ImproperlyConfigured(
        "SECURE_PROXY_SSL_HEADER takes two values: a header and its value, e.g. HTTP_X_FORWARDED_PROTO,https"
    )
# One year, as the HSTS preload list requires; subdomains and preload are a promise about the
# whole domain, so each is a choice of the operator.
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31_536_000 if PRODUCTION else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True)
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=True)
# Turning either off is a deliberate choice made in the environment: `check --deploy` then stays quiet
# about it, so that `make serve` (which fails on any warning) still starts.
SILENCED_SYSTEM_CHECKS = [
    *([] if SECURE_HSTS_INCLUDE_SUBDOMAINS else ["security.W005"]),
    *([] if SECURE_HSTS_PRELOAD else ["security.W021"]),
]
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

SESSION_COOKIE_SECURE = env.bool("SESSION_COOKIE_SECURE", default=PRODUCTION)
CSRF_COOKIE_SECURE = env.bool("CSRF_COOKIE_SECURE", default=PRODUCTION)
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
# Idle timeout: a session ends after SESSION_IDLE_SECONDS without a request, and when the browser
# closes. careerpath.middleware.SessionIdleTimeoutMiddleware moves the expiry forward on activity,
# writing the session at most once per SESSION_IDLE_REFRESH_SECONDS (SESSION_SAVE_EVERY_REQUEST would
# write it on every page).
SESSION_COOKIE_AGE = env.int("SESSION_IDLE_SECONDS", default=2 * 60 * 60)
SESSION_IDLE_REFRESH_SECONDS = env.int("SESSION_IDLE_REFRESH_SECONDS", default=5 * 60)
SESSION_EXPIRE_AT_BROWSER_CLOSE = True

# Content Security Policy (django-csp 4). Scripts only from this origin. Two libraries insert a fixed
# <style> element at run time, allowed by its hash: htmx's indicator rule and Cytoscape's container
# rule. style attributes stay allowed (style-src-attr): the Django admin's own pages set them (the
# site's pages use classes only), and an attribute cannot run script.
CSP_STYLE_HASHES = [
    "'sha256-faU7yAF8NxuMTNEwVmBz+VcYeIoBQ2EMHW3WaVxCvnk='",  # htmx 2 indicator styles
    "'sha256-pgvDUBa4IjFA2yuSJ2cqcyxmNYJMborsd0ORcRv9vw8='",  # Cytoscape's container style
]
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'", *CSP_STYLE_HASHES],
        "style-src-attr": ["'unsafe-inline'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
    },
}

# Login throttling (django-axes): a lock-out after AXES_FAILURE_LIMIT wrong passwords for one
# account or from one address, ending after AXES_COOLOFF_TIME. Attempts are kept in the database,
# shared by every worker and machine, and listed in the admin.
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=10)
AXES_COOLOFF_TIME = env.float("AXES_COOLOFF_HOURS", default=0.25)  # hours
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_LOCKOUT_TEMPLATE = "registration/lockout.html"
AXES_RESET_ON_SUCCESS = True
# One reading of the client address for lock-outs and rate limits (see careerpath.ratelimit.client_ip).
AXES_CLIENT_IP_CALLABLE = "careerpath.ratelimit.client_ip"
AXES_USERNAME_CALLABLE = "careerpath.ratelimit.axes_username"
# Behind N trusted proxies, the client address is the Nth from the right in X-Forwarded-For; 0 means
# no proxy and REMOTE_ADDR (a client could forge the header otherwise).
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)

# Rate limits (careerpath.ratelimit) on the shared cache: "<count>/<s|m|h|d>".
RATELIMIT_ENABLED = env.bool("RATELIMIT_ENABLED", default=True)
RATELIMIT_SIGNUP = env.str("RATELIMIT_SIGNUP", default="5/h")
RATELIMIT_PASSWORD_RESET = env.str("RATELIMIT_PASSWORD_RESET", default="5/h")
# For the coaching views (coach and client invitations, comments on plans), per signed-in person.
RATELIMIT_INVITE = env.str("RATELIMIT_INVITE", default="20/h")
RATELIMIT_COMMENT = env.str("RATELIMIT_COMMENT", default="30/m")

# Structured logs: one JSON object per line on stdout, each with the request id when there is one.
LOG_FORMAT = env.str("LOG_FORMAT", default="text" if DEBUG or TESTING else "json")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "careerpath.logging.RequestIdFilter"}},
    "formatters": {
        "json": {"()": "careerpath.logging.JsonFormatter"},
        "text": {"format": "%(levelname)s %(name)s [%(request_id)s] %(message)s"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "stream": "ext://sys.stdout",
            "filters": ["request_id"],
            "formatter": LOG_FORMAT,
        }
    },
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO" if PRODUCTION else "WARNING")},
    "loggers": {
        # django.server and django.request log through the root handler once, not twice.
        "django": {"handlers": [], "propagate": True},
        # django-axes says hello at every start; lock-outs are warnings and still show.
        "axes": {"level": "WARNING"},
    },
}

# The JSON API (/api/v1/): Django REST framework, described by drf-spectacular.
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "api.authentication.PersonalAccessTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["api.authentication.TokenScopePermission"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_PAGINATION_CLASS": "api.pagination.Pagination",
    "PAGE_SIZE": 20,
    # Throttles count in the default cache, which production shares between processes (CACHE_URL).
    "DEFAULT_THROTTLE_CLASSES": ["api.throttling.AnonThrottle", "api.throttling.UserThrottle"],
    "DEFAULT_THROTTLE_RATES": {
        "anon": env("API_THROTTLE_ANON", default="60/minute"),
        "user": env("API_THROTTLE_USER", default="300/minute"),
    },
    # Proxies in front of the app that append to X-Forwarded-For: 0 trusts only REMOTE_ADDR, so a
    # client cannot dodge the per-address throttle by sending its own X-Forwarded-For header.
    "NUM_PROXIES": TRUSTED_PROXY_COUNT,
    "EXCEPTION_HANDLER": "api.errors.problem_exception_handler",
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
}

SPECTACULAR_SETTINGS = {
    "TITLE": "CareerPath API",
    "DESCRIPTION": (
        "The role graph of customer-service careers and people's own plans, on the same rules as the "
        "site. Graph reads are public and carry an ETag tied to the graph revision; a person's data "
        "needs the browser session or a personal access token (`Authorization: Bearer cp_…`). "
        "Every error is an RFC 9457 problem (`application/problem+json`)."
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": r"/api/v1",
    "COMPONENT_SPLIT_REQUEST": True,
    # Swagger UI from the drf-spectacular-sidecar package, served by Django (no CDN).
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "api.schema.add_problem_responses",
    ],
    "ENUM_NAME_OVERRIDES": {
        "StepStatusEnum": "planner.models.PlanStep.Status",
        "RankingEnum": "planner.models.Plan.Ranking",
        # Through the API's adapters, so a model that moves to another app is fixed there only.
        "StepKindEnum": "roles.models.TransitionStep.Kind",
        "SuggestionKindEnum": "coaching.models.Suggestion.Kind",
        "TokenScopeEnum": "api.models.PersonalAccessToken.Scope",
    },
}
