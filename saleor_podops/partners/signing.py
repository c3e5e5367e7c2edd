"""HMAC-SHA256 signatures over raw bodies, both ways (jobs out, status webhooks in)."""

from __future__ import annotations

import hashlib
import hmac

SIGNATURE_HEADER = "X-PodOps-Signature"
IDEMPOTENCY_HEADER = "Idempotency-Key"
_PREFIX = "sha256="


def sign(secret: str, body: bytes) -> str:
    return _PREFIX + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


def signature_matches(secret: str, body: bytes, signature: str) -> bool:
    """Constant-time comparison; an empty secret never matches."""
    if not secret or not signature:
        return False
    return hmac.compare_digest(sign(secret, body), signature.strip())
