"""Write (or check) the JSON Schema of every contract into ``schemas/json/``.

python -m schemas.export          # rewrite the files
python -m schemas.export --check  # exit 1 when a file differs from the models
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from pydantic import BaseModel

from schemas.alert import Alert
from schemas.article import Article, ArticleSubmission
from schemas.deadletter import DeadLetter
from schemas.event import CodedArticle, EscalationEvent
from schemas.findings import ArticleFindings, ArticlePage, ArticleSummary, EventPage
from schemas.subscription import (
    AlertsView,
    SecretRotated,
    Silence,
    SilenceCreate,
    Subscription,
    SubscriptionCreate,
    SubscriptionCreated,
    SubscriptionUpdate,
)
from schemas.webhook import WebhookPayload

JSON_DIR = Path(__file__).parent / "json"

EXPORTED: dict[str, type[BaseModel]] = {
    "article.v1": Article,
    "article_submission.v1": ArticleSubmission,
    "escalation_event.v1": EscalationEvent,
    "coded_article.v1": CodedArticle,
    "alert.v1": Alert,
    "deadletter.v1": DeadLetter,
    "webhook_payload.v1": WebhookPayload,
    "subscription_create.v1": SubscriptionCreate,
    "subscription_update.v1": SubscriptionUpdate,
    "subscription.v1": Subscription,
    "subscription_created.v1": SubscriptionCreated,
    "secret_rotated.v1": SecretRotated,
    "silence_create.v1": SilenceCreate,
    "silence.v1": Silence,
    "alerts_view.v1": AlertsView,
    "event_page.v1": EventPage,
    "article_summary.v1": ArticleSummary,
    "article_findings.v1": ArticleFindings,
    "article_page.v1": ArticlePage,
}


def rendered() -> dict[Path, str]:
    return {
        JSON_DIR / f"{name}.schema.json": json.dumps(
            model.model_json_schema(mode="serialization"), indent=2, sort_keys=True
        )
        + "\n"
        for name, model in EXPORTED.items()
    }


def stale_files() -> list[Path]:
    return [path for path, text in rendered().items() if not path.exists() or path.read_text() != text]


def main(argv: list[str]) -> int:
    if "--check" in argv:
        stale = stale_files()
        for path in stale:
            print(f"{path} differs from the models; run: python -m schemas.export", file=sys.stderr)
        return 1 if stale else 0
    JSON_DIR.mkdir(exist_ok=True)
    for path, text in rendered().items():
        path.write_text(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
