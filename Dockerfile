# Production image: gunicorn web, Celery worker and beat share it (docker-compose.yml).
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 HAIKOU_ENV=production
# WeasyPrint's libraries and fonts that cover Chinese (PDF documents), gettext for
# translations.
RUN apt-get update \
    && apt-get install -y --no-install-recommends \
       libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz0b libffi8 \
       fonts-noto-cjk fontconfig gettext \
    && rm -rf /var/lib/apt/lists/*

WORKDIR /app
COPY pyproject.toml ./
RUN pip install --no-cache-dir .
COPY . .
RUN SECRET_KEY=build-only-key-build-only-key-build-only-key-000000 ALLOWED_HOSTS=build \
    python manage.py collectstatic --no-input \
    && useradd --system --home /app haikou && mkdir -p /data/media && chown -R haikou /data
USER haikou
EXPOSE 8000
CMD ["gunicorn", "haikou_exec.wsgi", "--config", "python:haikou_exec.gunicorn_conf", "--bind", "0.0.0.0:8000", "--workers", "3", "--access-logfile", "-"]
