#!/usr/bin/env python3
"""Independent known-answer vectors for PinProtocolVectorsTest and ClientPinTest.

Computed with pyca/cryptography (OpenSSL), not with KeyDesk's code. Run: python3 pin_vectors.py
Fixed inputs: the platform key of python-fido2's tests, an arbitrary authenticator key, a 32-byte
token 40..5f, and protocol-2 IVs 11..11 (first platform encryption), 22..22 (second), 33..33
(the authenticator's token encryption).
"""
import hashlib
from cryptography.hazmat.primitives import hashes, hmac
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

PLATFORM_PRIV = 0x7452E599FEE739D8A653F6A507343D12D382249108A651402520B72F24FE7684
AUTH_PRIV = 0x1F2E3D4C5B6A79880F1E2D3C4B5A69788796A5B4C3D2E1F00112233445566778
TOKEN = bytes(range(0x40, 0x60))
IV1, IV2, IV_AUTH = b"\x11" * 16, b"\x22" * 16, b"\x33" * 16
CLIENT_DATA_HASH = b"\x5a" * 32


def cbor(v):
    def head(major, n):
        if n < 24:
            return bytes([major << 5 | n])
        for size, ai in ((1, 24), (2, 25), (4, 26), (8, 27)):
            if n < 1 << (8 * size):
                return bytes([major << 5 | ai]) + n.to_bytes(size, "big")

    if isinstance(v, bool):
        return b"\xf5" if v else b"\xf4"
    if isinstance(v, int):
        return head(0, v) if v >= 0 else head(1, -1 - v)
    if isinstance(v, bytes):
        return head(2, len(v)) + v
    if isinstance(v, str):
        return head(3, len(v.encode())) + v.encode()
    if isinstance(v, dict):
        items = sorted((cbor(k), cbor(x)) for k, x in v.items())
        items.sort(key=lambda kv: (len(kv[0]), kv[0]))
        return head(5, len(items)) + b"".join(k + x for k, x in items)
    raise TypeError(v)


def pub(priv):
    key = ec.derive_private_key(priv, ec.SECP256R1())
    n = key.public_key().public_numbers()
    return key, {1: 2, 3: -25, -1: 1, -2: n.x.to_bytes(32, "big"), -3: n.y.to_bytes(32, "big")}


def aes(key, iv, data):
    e = Cipher(algorithms.AES(key), modes.CBC(iv)).encryptor()
    return e.update(data) + e.finalize()


def mac(key, msg):
    h = hmac.HMAC(key, hashes.SHA256())
    h.update(msg)
    return h.finalize()


def hkdf(z, info):
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=b"\0" * 32, info=info).derive(z)


platform, platform_cose = pub(PLATFORM_PRIV)
auth, auth_cose = pub(AUTH_PRIV)
z = platform.exchange(ec.ECDH(), auth.public_key())
print("AUTH_X", auth_cose[-2].hex())
print("AUTH_Y", auth_cose[-3].hex())
print("Z", z.hex())

pad = lambda pin: pin.encode().ljust(64, b"\0")
pin_hash = lambda pin: hashlib.sha256(pin.encode()).digest()[:16]

for version in (1, 2):
    if version == 1:
        secret = hashlib.sha256(z).digest()
        hmac_key, aes_key = secret, secret
        enc = lambda data, iv: aes(aes_key, b"\0" * 16, data)
        auth_ = lambda key, msg: mac(key, msg)[:16]
    else:
        hmac_key, aes_key = hkdf(z, b"CTAP2 HMAC key"), hkdf(z, b"CTAP2 AES key")
        secret = hmac_key + aes_key
        enc = lambda data, iv: iv + aes(aes_key, iv, data)
        auth_ = lambda key, msg: mac(key[:32], msg)
    print(f"V{version}_SECRET", secret.hex())
    base = {1: version}
    set_enc = enc(pad("1234"), IV1)
    req = {**base, 2: 3, 3: platform_cose, 4: auth_(secret, set_enc), 5: set_enc}
    print(f"V{version}_SET_PIN_REQUEST", "06" + cbor(req).hex())
    new_enc = enc(pad("4321"), IV1)
    hash_enc = enc(pin_hash("1234"), IV2)
    req = {**base, 2: 4, 3: platform_cose, 4: auth_(secret, new_enc + hash_enc), 5: new_enc,
           6: hash_enc}
    print(f"V{version}_CHANGE_PIN_REQUEST", "06" + cbor(req).hex())
    hash_enc = enc(pin_hash("1234"), IV1)
    req = {**base, 2: 5, 3: platform_cose, 6: hash_enc}
    print(f"V{version}_GET_PIN_TOKEN_REQUEST", "06" + cbor(req).hex())
    req = {**base, 2: 9, 3: platform_cose, 6: hash_enc, 9: 0x03, 10: "example.com"}
    print(f"V{version}_TOKEN_WITH_PIN_REQUEST", "06" + cbor(req).hex())
    req = {**base, 2: 6, 3: platform_cose, 9: 0x04}
    print(f"V{version}_TOKEN_WITH_UV_REQUEST", "06" + cbor(req).hex())
    print(f"V{version}_TOKEN_ENC", enc(TOKEN, IV_AUTH).hex())
    print(f"V{version}_TOKEN_PARAM", auth_(TOKEN, CLIENT_DATA_HASH).hex())
    for sub, name in ((1, "GET_PIN_RETRIES"), (2, "GET_KEY_AGREEMENT"), (7, "GET_UV_RETRIES")):
        print(f"V{version}_{name}_REQUEST", "06" + cbor({**base, 2: sub}).hex())
print("KEY_AGREEMENT_RESPONSE", "00" + cbor({1: auth_cose}).hex())
