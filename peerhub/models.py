"""Imports every subsystem's tables so ``Base.metadata`` is complete (alembic, tests)."""

from peerhub.accounts import models as accounts_models
from peerhub.db import Base
from peerhub.forum import models as forum_models
from peerhub.moderation import confidentiality_models, escalation_models, filters_models
from peerhub.moderation import models as moderation_models
from peerhub.realtime import models as realtime_models

__all__ = [
    "Base", "accounts_models", "confidentiality_models", "escalation_models", "filters_models", "forum_models",
    "moderation_models", "realtime_models",
]
