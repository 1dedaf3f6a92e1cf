"""Standard Webhooks signatures (https://www.standardwebhooks.com/).

A secret is ``whsec_`` followed by the base64 of 24–64 random bytes. A message is signed as
``v1,<base64 HMAC-SHA256 over "{webhook-id}.{webhook-timestamp}.{body}">``; several signatures
(one per secret, e.g. during a rotation) are joined by spaces in ``webhook-signature``.
Verification compares in constant time and refuses timestamps outside a tolerance.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import secrets
from collections.abc import Iterable, Mapping

SECRET_PREFIX = "whsec_"
MIN_SECRET_BYTES = 24
MAX_SECRET_BYTES = 64
DEFAULT_TOLERANCE_SECONDS = 5 * 60


class WebhookSigningError(ValueError):
    """Base of every signing/verification error."""


class InvalidSecretError(WebhookSigningError):
    """The secret is not ``whsec_`` + base64 of 24–64 bytes."""


class VerificationError(WebhookSigningError):
    """A delivery's headers or signature do not verify."""


def generate_secret(nbytes: int = 32) -> str:
    """A new random secret, ready to show to the subscriber once."""
    if not MIN_SECRET_BYTES <= nbytes <= MAX_SECRET_BYTES:
        raise InvalidSecretError(
            f"a secret must have {MIN_SECRET_BYTES}–{MAX_SECRET_BYTES} random bytes, not {nbytes}"
        )
    return SECRET_PREFIX + base64.b64encode(secrets.token_bytes(nbytes)).decode("ascii")


def secret_key(secret: str) -> bytes:
    """The HMAC key inside a ``whsec_`` secret."""
    if not secret.startswith(SECRET_PREFIX):
        raise InvalidSecretError(f"a webhook secret starts with {SECRET_PREFIX!r}")
    try:
        key = base64.b64decode(secret[len(SECRET_PREFIX) :], validate=True)
    except (binascii.Error, ValueError) as exc:
        raise InvalidSecretError("the part after 'whsec_' is not valid base64") from exc
    if not MIN_SECRET_BYTES <= len(key) <= MAX_SECRET_BYTES:
        raise InvalidSecretError(
            f"a webhook secret holds {MIN_SECRET_BYTES}–{MAX_SECRET_BYTES} bytes; this one has {len(key)}"
        )
    return key


def _digest(key: bytes, msg_id: str, timestamp: int, body: bytes) -> bytes:
    signed = msg_id.encode() + b"." + str(timestamp).encode() + b"." + body
    return hmac.new(key, signed, hashlib.sha256).digest()


def sign(secret: str, msg_id: str, timestamp: int, body: bytes) -> str:
    """One ``v1,<base64>`` signature of ``body`` for ``msg_id`` at ``timestamp`` (Unix seconds)."""
    if not msg_id or any(c in msg_id for c in ". \r\n"):
        raise WebhookSigningError(f"webhook-id must be non-empty without dots or spaces: {msg_id!r}")
    return "v1," + base64.b64encode(_digest(secret_key(secret), msg_id, timestamp, body)).decode("ascii")


def signature_header(secrets_: Iterable[str], msg_id: str, timestamp: int, body: bytes) -> str:
    """The ``webhook-signature`` value: one signature per secret (current first), space-separated."""
    values = [sign(secret, msg_id, timestamp, body) for secret in secrets_]
    if not values:
        raise InvalidSecretError("at least one secret is needed to sign a delivery")
    return " ".join(values)


def delivery_headers(secrets_: Iterable[str], msg_id: str, timestamp: int, body: bytes) -> dict[str, str]:
    """The three Standard Webhooks headers for one attempt."""
    return {
        "webhook-id": msg_id,
        "webhook-timestamp": str(timestamp),
        "webhook-signature": signature_header(secrets_, msg_id, timestamp, body),
    }


def verify(
    secret: str,
    headers: Mapping[str, str],
    body: bytes,
    *,
    now: float,
    tolerance_seconds: int = DEFAULT_TOLERANCE_SECONDS,
) -> None:
    """Raise VerificationError unless ``headers`` carry a valid, fresh signature of ``body``."""
    lowered = {name.lower(): value for name, value in headers.items()}
    msg_id = lowered.get("webhook-id")
    raw_timestamp = lowered.get("webhook-timestamp")
    signatures = lowered.get("webhook-signature")
    if not (msg_id and raw_timestamp and signatures):
        raise VerificationError("webhook-id, webhook-timestamp and webhook-signature are all required")
    try:
        timestamp = int(raw_timestamp)
    except ValueError as exc:
        raise VerificationError(f"webhook-timestamp is not an integer: {raw_timestamp!r}") from exc
    if abs(now - timestamp) > tolerance_seconds:
        raise VerificationError(
            f"webhook-timestamp is {now - timestamp:+.0f}s from now (tolerance {tolerance_seconds}s)"
        )
    expected = _digest(secret_key(secret), msg_id, timestamp, body)
    for candidate in signatures.split(" "):
        version, _, encoded = candidate.partition(",")
        if version != "v1":
            continue
        try:
            received = base64.b64decode(encoded, validate=True)
        except (binascii.Error, ValueError):
            continue
        if hmac.compare_digest(expected, received):
            return
    raise VerificationError("no signature in webhook-signature matches this secret and body")
