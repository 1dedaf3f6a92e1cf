"""``Coder.code_many``: several articles' candidate sentences parsed in one batch, each article coded as
``code`` codes it alone (the batch is a speed measure, never a change of result)."""

from __future__ import annotations

from schemas.article import Article
from tests.fixtures.coder import article, seed_article, shared_coder


def _articles() -> list[Article]:
    return [
        seed_article(),
        article(
            "Turkish jets bombed Kurdish militia positions in northern Syria on Monday. "
            "The militia vowed to retaliate, and Damascus condemned the raid.",
            article_id="turkey",
        ),
        article("L'Iran a menacé Israël.", article_id="french", language="fr"),
        article(
            "He said they would respond. Russia warned Ukraine against joining the alliance.",
            article_id="pronouns",
        ),
        article("Markets closed higher on Friday.", article_id="nothing"),
    ]


def test_code_many_gives_each_article_what_code_gives_it_in_order() -> None:
    coder = shared_coder()
    articles = _articles()
    alone = [coder.code(a).model_dump_json() for a in articles]
    together = [c.model_dump_json() for c in coder.code_many(articles)]
    assert together == alone
    assert any(coder.code(a).events for a in articles)  # (the articles do code to something)


def test_code_many_of_no_articles_is_empty_and_a_non_english_article_codes_to_nothing() -> None:
    coder = shared_coder()
    assert coder.code_many([]) == []
    [french] = coder.code_many([a for a in _articles() if a.article_id == "french"])
    assert (french.article_id, french.events) == ("french", [])
