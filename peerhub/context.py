"""What the service layer needs from the running server, passed explicitly.

``create_app`` builds one ``AppContext`` in the lifespan and views hand it to
service functions; tests build their own. Nothing here is global.
"""

from __future__ import annotations

from dataclasses import dataclass

from peerhub.broker import Broker
from peerhub.clock import Clock
from peerhub.db import Database
from peerhub.settings import Settings


@dataclass
class AppContext:
    settings: Settings
    db: Database
    clock: Clock
    broker: Broker
