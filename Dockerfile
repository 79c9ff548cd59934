# Drogowskaz: the Telegram bot in webhook mode, with the web chat on the same port (/, /chat).
# Configuration only by environment variables (docs/operations.md); state and the generated
# webhook secret live in /data.

FROM python:3.11-slim AS build
ENV PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PYTHONDONTWRITEBYTECODE=1
WORKDIR /app
COPY pyproject.toml ./
# Runtime dependencies only, read from pyproject.toml; the code runs from /app (catalogs in
# /app/locales next to the packages, where directory.i18n looks for them).
RUN python -m venv /opt/venv \
    && python -c "import tomllib; print('\n'.join(tomllib.load(open('pyproject.toml', 'rb'))['project']['dependencies']))" > /tmp/requirements.txt \
    && /opt/venv/bin/pip install -r /tmp/requirements.txt
COPY bot ./bot
COPY directory ./directory
COPY locales ./locales
COPY scripts/docker-entrypoint.sh ./scripts/docker-entrypoint.sh
# Catalogs compiled once at build: a broken .po fails the build, not the first conversation.
RUN /opt/venv/bin/python -c "from directory.i18n import translator; translator('pl'); translator('en')" \
    && /opt/venv/bin/python -m compileall -q bot directory

FROM python:3.11-slim
RUN groupadd --system --gid 10001 drogowskaz \
    && useradd --system --uid 10001 --gid 10001 --home-dir /app --shell /usr/sbin/nologin drogowskaz \
    && mkdir /data \
    && chown 10001:10001 /data
COPY --from=build /opt/venv /opt/venv
COPY --from=build /app /app
ENV PATH=/opt/venv/bin:$PATH \
    PYTHONUNBUFFERED=1 \
    PYTHONDONTWRITEBYTECODE=1 \
    DROGOWSKAZ_DATA_DIR=/data \
    BOT_MODE=webhook \
    PORT=8080
WORKDIR /app
# Not root: the bot needs no privileges, only /data.
USER 10001:10001
VOLUME ["/data"]
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=5s --start-period=90s --retries=3 \
    CMD ["python", "-c", "import os, urllib.request; urllib.request.urlopen('http://127.0.0.1:' + os.environ.get('PORT', '8080') + '/healthz', timeout=4)"]
ENTRYPOINT ["/app/scripts/docker-entrypoint.sh"]
CMD ["--webhook"]
