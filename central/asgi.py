"""ASGI entry for several uvicorn workers: each builds its app from the environment.

``quaythu-central serve --workers N`` migrates once and sets the environment; a
process manager may also run ``uvicorn central.asgi:app`` itself after
``quaythu-central migrate``.
"""

from __future__ import annotations

import logging
import os

from central.api import create_app
from central.database import make_engine, make_sessions
from central.observe import log_as_json
from central.security import receipt_secret
from central.service import Central
from central.service.common import vietqr_grace_from_env

_DB = os.environ.get("QUAYTHU_CENTRAL_DB", "central.db")
if os.environ.get("QUAYTHU_LOG_FORMAT", "json") == "json":
    log_as_json(logging.INFO)
# every worker derives the same receipt keys: the secret comes from the environment or
# the file beside the database, never a worker's own random one
app = create_app(Central(make_sessions(make_engine(_DB)),
                         bank_secret=os.environ.get("QUAYTHU_BANK_SECRET"),
                         receipt_secret=receipt_secret(_DB),
                         vietqr_grace=vietqr_grace_from_env()))
