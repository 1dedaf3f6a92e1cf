"""The ingest API's OpenAPI spec documents what the handler really accepts and answers."""

from brink.settings import Settings
from services.ingest.app import create_app


def test_post_articles_documents_both_body_types_every_status_and_bearer_auth() -> None:
    spec = create_app(Settings()).openapi()
    post = spec["paths"]["/v1/articles"]["post"]
    content = post["requestBody"]["content"]
    assert set(content) == {"application/json", "application/x-ndjson"}
    assert {"$ref": "#/components/schemas/ArticleSubmission"} in content["application/json"]["schema"][
        "oneOf"
    ]
    assert set(post["responses"]) == {"202", "401", "413", "415", "422", "503"}
    assert post["security"] == [{"HTTPBearer": []}]
    submission = spec["components"]["schemas"]["ArticleSubmission"]
    assert submission["required"] == ["text"]
    assert {"/healthz", "/readyz", "/metrics", "/v1/articles/{article_id}"} <= set(spec["paths"])
