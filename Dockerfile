# Trigger Point Atlas: one app replica. Build: `make image` (podman or docker build -t tpatlas .).
# Run: `docker run -p 8501:8501 tpatlas`, or several behind nginx with compose.yaml.
# BASE: any Debian bookworm image whose PATH has Python 3.11 with pip (tools/base_image.sh builds
# one from Debian's packages where no container registry can be reached).
ARG BASE=python:3.11-slim-bookworm
FROM ${BASE}

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

# A non-root user owns nothing but its home: the app writes nothing to disk.
RUN useradd --create-home --uid 10001 atlas
WORKDIR /app

# 1. The locked dependencies, exact versions checked against their hashes (a layer of its own,
#    rebuilt only when the lock changes): requirements-app.txt, the runtime part of the lock
#    (`make lock` writes both; the same pins without the test tools, ~300 MB less).
COPY requirements-app.txt ./
RUN pip install --require-hashes -r requirements-app.txt

# 2. The package itself, not editable, without dependencies: the wheel carries data/ and the
#    bundled DejaVu font (no system fonts needed for the PDF).
COPY pyproject.toml README.md LICENSE ./
COPY src ./src
COPY data ./data
RUN pip install --no-deps --no-build-isolation . && rm -rf build src/*.egg-info

# 3. The Streamlit entry points: the router, the pages, the icon and the settings.
COPY streamlit_app.py ./
COPY pages ./pages
COPY assets ./assets
COPY .streamlit ./.streamlit
# The app reads the installed package's data, not /app/data. The maps load plotly.js from
# Streamlit's static folder (/app/static); it is copied there now, as the app user cannot write.
RUN rm -rf data src \
    && python -c "from pathlib import Path; from tpatlas.mapview import ensure_plotly_js; ensure_plotly_js(Path('static'))"

USER atlas
EXPOSE 8501
HEALTHCHECK --interval=15s --timeout=3s --start-period=30s --retries=3 \
    CMD python -c "import os, urllib.request; p = os.environ.get('STREAMLIT_SERVER_BASE_URL_PATH', '').strip('/'); urllib.request.urlopen(f'http://127.0.0.1:8501/{p + \"/\" if p else \"\"}_stcore/health', timeout=2)"
CMD ["streamlit", "run", "streamlit_app.py", "--server.address=0.0.0.0", "--server.port=8501", "--server.headless=true"]
