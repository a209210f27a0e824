"""SMART Health Links (HL7 SMART Health Cards and Links IG): the ``shlink:/`` payload and
files encrypted as compact JWE (``alg`` "dir", ``enc`` "A256GCM").

The link's key is derived from the link's secret (HKDF-SHA256), so the server keeps
neither: the database holds only the secret's hash, and a file is encrypted at the moment
someone who holds the link asks for it.
"""

from __future__ import annotations

import base64
import json
import os

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def unb64url(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def key_for(secret: str) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=None,
                info=b"recordright smart health link key").derive(secret.encode("ascii"))


def payload(*, manifest_url: str, key: bytes, exp: int, passcode: bool, label: str) -> dict:
    data: dict = {"url": manifest_url, "key": b64url(key), "exp": exp}
    if passcode:
        data["flag"] = "P"
    if label:
        data["label"] = label[:80]
    return data


def shlink(data: dict) -> str:
    return "shlink:/" + b64url(json.dumps(data, separators=(",", ":")).encode("utf-8"))


def parse_shlink(link: str) -> dict:
    body = link.split("shlink:/", 1)[1]
    return json.loads(unb64url(body))


def encrypt(plaintext: bytes, key: bytes, content_type: str) -> str:
    header = b64url(json.dumps({"alg": "dir", "enc": "A256GCM", "cty": content_type},
                               separators=(",", ":")).encode("ascii"))
    iv = os.urandom(12)
    sealed = AESGCM(key).encrypt(iv, plaintext, header.encode("ascii"))
    ciphertext, tag = sealed[:-16], sealed[-16:]
    return ".".join([header, "", b64url(iv), b64url(ciphertext), b64url(tag)])


def decrypt(jwe: str, key: bytes) -> tuple[dict, bytes]:
    header, _key, iv, ciphertext, tag = jwe.split(".")
    plain = AESGCM(key).decrypt(unb64url(iv), unb64url(ciphertext) + unb64url(tag),
                                header.encode("ascii"))
    return json.loads(unb64url(header)), plain
