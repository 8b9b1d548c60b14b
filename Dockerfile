# Skymma service image: python slim base, the system packages in packages.apt, the project and its
# shipped models. Runs fully offline: nothing is downloaded at run time.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    SKYMMA_DATA_DIR=/var/lib/skymma \
    SKYMMA_NER_MODEL_PATH=/opt/skymma/models/sv_ner/model

WORKDIR /opt/skymma
# packages.apt holds tesseract-ocr, tesseract-ocr-swe and tesseract-ocr-eng (OCR of scanned documents)
COPY packages.apt ./
RUN apt-get update \
    && grep -v '^#' packages.apt | xargs -r apt-get install -y --no-install-recommends \
    && rm -rf /var/lib/apt/lists/*

COPY pyproject.toml README.md ./
COPY app ./app
COPY recognizers ./recognizers
COPY models ./models
RUN pip install .

RUN useradd --system --home-dir /var/lib/skymma --create-home skymma
USER skymma
EXPOSE 8000
CMD ["uvicorn", "app.api.main:create_app", "--factory", "--host", "0.0.0.0", "--port", "8000"]
