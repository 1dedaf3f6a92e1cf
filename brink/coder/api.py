"""Public entry point of the coder."""

from __future__ import annotations

from schemas.article import Article
from schemas.event import CodedArticle

CODER_VERSION = "0.0.0"


class Coder:
    """Placeholder until the coder lands: codes no events (interface is final)."""

    @classmethod
    def load(cls) -> Coder:
        return cls()

    def code(self, article: Article) -> CodedArticle:
        return CodedArticle(article_id=article.article_id, events=[], threat_score=0.0, tone=0.0)
