"""Our signer against the independent Standard Webhooks verifier (the PyPI ``standardwebhooks``)."""

from __future__ import annotations

import base64
import time

import pytest
from standardwebhooks import Webhook, WebhookVerificationError

from brink.webhooks.signing import (
    InvalidSecretError,
    VerificationError,
    delivery_headers,
    generate_secret,
    secret_key,
    sign,
    verify,
)

BODY = b'{"type":"alert.firing","data":{"dyad":"IRN-USA","summary":"caf\xc3\xa9"}}'


def test_generated_secret_is_whsec_base64_of_24_to_64_random_bytes() -> None:
    for nbytes in (24, 32, 64):
        secret = generate_secret(nbytes)
        assert secret.startswith("whsec_")
        assert len(base64.b64decode(secret[6:])) == nbytes
    assert generate_secret() != generate_secret()
    with pytest.raises(InvalidSecretError):
        generate_secret(16)


def test_signature_verifies_with_the_standardwebhooks_package() -> None:
    secret = generate_secret()
    headers = delivery_headers([secret], "msg_abc", int(time.time()), BODY)
    assert Webhook(secret).verify(BODY, headers)["data"]["dyad"] == "IRN-USA"
    verify(secret, headers, BODY, now=time.time())


def test_tampered_body_fails_verification() -> None:
    secret = generate_secret()
    headers = delivery_headers([secret], "msg_abc", int(time.time()), BODY)
    tampered = BODY.replace(b"IRN-USA", b"IRN-ISR")
    with pytest.raises(WebhookVerificationError):
        Webhook(secret).verify(tampered, headers)
    with pytest.raises(VerificationError):
        verify(secret, headers, tampered, now=time.time())


def test_other_webhook_id_or_secret_fails_verification() -> None:
    secret = generate_secret()
    headers = delivery_headers([secret], "msg_abc", int(time.time()), BODY)
    with pytest.raises(WebhookVerificationError):
        Webhook(secret).verify(BODY, {**headers, "webhook-id": "msg_abd"})
    with pytest.raises(WebhookVerificationError):
        Webhook(generate_secret()).verify(BODY, headers)


def test_stale_timestamp_fails_verification() -> None:
    secret = generate_secret()
    stale = int(time.time()) - 10 * 60
    headers = delivery_headers([secret], "msg_abc", stale, BODY)
    with pytest.raises(WebhookVerificationError, match="too old"):
        Webhook(secret).verify(BODY, headers)
    with pytest.raises(VerificationError, match="tolerance"):
        verify(secret, headers, BODY, now=time.time())


def test_during_rotation_both_secrets_verify_one_header() -> None:
    new, old = generate_secret(), generate_secret()
    headers = delivery_headers([new, old], "msg_rot", int(time.time()), BODY)
    assert len(headers["webhook-signature"].split(" ")) == 2
    for secret in (new, old):
        Webhook(secret).verify(BODY, headers)
        verify(secret, headers, BODY, now=time.time())
    with pytest.raises(WebhookVerificationError):
        Webhook(generate_secret()).verify(BODY, headers)


def test_signature_matches_the_published_formula() -> None:
    secret = "whsec_" + base64.b64encode(bytes(range(32))).decode()
    import hashlib
    import hmac

    expected = hmac.new(bytes(range(32)), b"msg_1.1700000000." + BODY, hashlib.sha256).digest()
    assert sign(secret, "msg_1", 1700000000, BODY) == "v1," + base64.b64encode(expected).decode()


@pytest.mark.parametrize(
    "bad", ["abc", "whsec_", "whsec_!!!notbase64", "whsec_" + base64.b64encode(b"short").decode()]
)
def test_malformed_secrets_are_refused_with_a_reason(bad: str) -> None:
    with pytest.raises(InvalidSecretError):
        secret_key(bad)


def test_missing_headers_are_a_verification_error() -> None:
    with pytest.raises(VerificationError, match="required"):
        verify(generate_secret(), {"webhook-id": "msg_1"}, BODY, now=time.time())
