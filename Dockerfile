# The image that docker-compose.yml runs as web, worker and beat.
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    UV_PROJECT_ENVIRONMENT=/opt/venv \
    UV_PYTHON_DOWNLOADS=never \
    PATH=/opt/venv/bin:$PATH

RUN pip install --no-cache-dir "uv==0.13.9" \
    && useradd --system --create-home --home-dir /app jobcluster

WORKDIR /app
COPY pyproject.toml uv.lock README.md ./
RUN uv sync --locked --no-dev --no-install-project

COPY . .
RUN uv sync --locked --no-dev \
    && DJANGO_SECRET_KEY=collectstatic-only python manage.py collectstatic --no-input \
       --settings jobcluster.settings.base \
    && chown -R jobcluster /app

USER jobcluster
EXPOSE 8000
CMD ["gunicorn", "jobcluster.wsgi", "--bind", "0.0.0.0:8000", "--workers", "3", "--access-logfile", "-"]
