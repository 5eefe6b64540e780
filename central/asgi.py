"""ASGI entry for several uvicorn workers: each builds its app from the environment."""

from __future__ import annotations

import os

from central.api import create_app
from central.database import make_engine, make_sessions
from central.service import Central

app = create_app(Central(make_sessions(make_engine(os.environ.get("QUAYTHU_CENTRAL_DB",
                                                                   "central.db"))),
                         bank_secret=os.environ.get("QUAYTHU_BANK_SECRET")))
