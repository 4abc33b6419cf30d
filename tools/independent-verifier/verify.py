#!/usr/bin/env python3
"""Independent verifier for Bulwark audit logs.

Checks what a Bulwark server publishes about a tenant's audit log with nothing but the Python 3.11
standard library and the specifications, sharing no code with the server or bulwark-ledger:

* RFC 8785 (JSON Canonicalization Scheme) for the leaf data of each entry;
* RFC 9162 §2.1 Merkle tree hashing, inclusion proofs (§2.1.3.2) and consistency proofs (§2.1.4.2);
* C2SP signed-note and tlog-checkpoint, with Ed25519 signatures verified as in RFC 8032 §5.1.7;
* the bulwark-ledger export format (JSON Lines), re-hashing every entry and folding the range proof.

Exit status: 0 verified, 1 verification failed, 2 usage error.
"""

from __future__ import annotations

import argparse
import base64
import binascii
import hashlib
import json
import math
import sys
from decimal import Decimal

OK, FAILED, USAGE = 0, 1, 2


class VerificationError(Exception):
    """The input is well-formed enough to check, and it does not verify."""


# --------------------------------------------------------------------------- RFC 8785 (JCS)


def _reject_duplicates(pairs):
    result = {}
    for key, value in pairs:
        if key in result:
            raise VerificationError("duplicate member name (RFC 8785 requires I-JSON)")
        result[key] = value
    return result


def _reject_constant(name):
    raise VerificationError(f"{name} is not JSON")


def parse_json(text: str):
    """Parses I-JSON: duplicate member names, NaN and Infinity are rejected."""
    try:
        return json.loads(
            text, object_pairs_hook=_reject_duplicates, parse_constant=_reject_constant
        )
    except json.JSONDecodeError as e:
        raise VerificationError(f"not JSON: {e.msg} at line {e.lineno}") from None


def _ecmascript_number(value: float) -> str:
    """ECMAScript Number::toString (ECMA-262 §6.1.6.1.20), as RFC 8785 §3.2.2.3 requires."""
    if math.isnan(value) or math.isinf(value):
        raise VerificationError("NaN and Infinity have no canonical form")
    if value == 0:
        return "0"  # also -0
    sign = "-" if value < 0 else ""
    # repr() gives the shortest digit string that round-trips, the closest one on ties: the
    # digits ECMAScript requires. Only the layout differs.
    _, digit_tuple, exponent = Decimal(repr(abs(value))).as_tuple()
    digits = "".join(map(str, digit_tuple)).rstrip("0")
    exponent += len("".join(map(str, digit_tuple))) - len(digits)
    digits = digits.lstrip("0") or "0"
    k = len(digits)
    n = exponent + k  # value = 0.digits × 10^n
    if k <= n <= 21:
        text = digits + "0" * (n - k)
    elif 0 < n <= 21:
        text = digits[:n] + "." + digits[n:]
    elif -6 < n <= 0:
        text = "0." + "0" * (-n) + digits
    else:
        e = n - 1
        mantissa = digits if k == 1 else digits[0] + "." + digits[1:]
        text = mantissa + "e" + ("+" if e >= 0 else "-") + str(abs(e))
    return sign + text


def _number(value) -> str:
    if isinstance(value, int):
        as_double = float(value)  # may raise OverflowError for huge integers
        text = _ecmascript_number(as_double)
        # Accepted only when no value changes: exactly representable, or already written the way
        # ECMAScript prints that double (295147905179352830000).
        if int(as_double) != value and text != str(value):
            raise VerificationError("integer not exactly representable as an IEEE 754 double")
        return text
    return _ecmascript_number(value)


_ESCAPES = {'"': '\\"', "\\": "\\\\", "\b": "\\b", "\f": "\\f", "\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _string(value: str) -> str:
    out = ['"']
    for ch in value:
        if ch in _ESCAPES:
            out.append(_ESCAPES[ch])
        elif ord(ch) < 0x20:
            out.append("\\u%04x" % ord(ch))
        elif 0xD800 <= ord(ch) <= 0xDFFF:
            raise VerificationError("unpaired surrogate in a string")
        else:
            out.append(ch)
    out.append('"')
    return "".join(out)


def _utf16_key(name: str) -> bytes:
    # Big-endian UTF-16 bytes compare like the sequence of UTF-16 code units (RFC 8785 §3.2.3).
    return name.encode("utf-16-be", "surrogatepass")


def canonical_json(value) -> str:
    """The RFC 8785 canonical form of a parsed JSON value."""
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, (int, float)):
        try:
            return _number(value)
        except OverflowError:
            raise VerificationError("number out of the IEEE 754 double range") from None
    if isinstance(value, str):
        return _string(value)
    if isinstance(value, list):
        return "[" + ",".join(canonical_json(item) for item in value) + "]"
    if isinstance(value, dict):
        members = sorted(value.items(), key=lambda item: _utf16_key(item[0]))
        return "{" + ",".join(_string(k) + ":" + canonical_json(v) for k, v in members) + "}"
    raise VerificationError(f"not a JSON value: {type(value).__name__}")


def canonical_bytes(value) -> bytes:
    return canonical_json(value).encode("utf-8")


# --------------------------------------------------------------------------- RFC 9162 §2.1


def leaf_hash(data: bytes) -> bytes:
    return hashlib.sha256(b"\x00" + data).digest()


def node_hash(left: bytes, right: bytes) -> bytes:
    return hashlib.sha256(b"\x01" + left + right).digest()


def verify_inclusion(index: int, size: int, leaf: bytes, path: list[bytes], root: bytes) -> None:
    """RFC 9162 §2.1.3.2."""
    if index < 0 or index >= size:
        raise VerificationError(f"index {index} is not below tree size {size}")
    fn, sn, r = index, size - 1, leaf
    for p in path:
        if sn == 0:
            raise VerificationError("inclusion proof is longer than the tree allows")
        if fn & 1 or fn == sn:
            r = node_hash(p, r)
            while not fn & 1 and fn != 0:
                fn >>= 1
                sn >>= 1
        else:
            r = node_hash(r, p)
        fn >>= 1
        sn >>= 1
    if sn != 0:
        raise VerificationError("inclusion proof is shorter than the tree requires")
    if r != root:
        raise VerificationError("inclusion proof does not lead to the checkpoint's root hash")


def verify_consistency(
    first: int, second: int, first_root: bytes, second_root: bytes, path: list[bytes]
) -> None:
    """RFC 9162 §2.1.4.2."""
    if first < 0 or first > second:
        raise VerificationError(f"sizes {first} and {second} are not in order")
    if first == second:
        if path:
            raise VerificationError("a proof between equal sizes must be empty")
        if first_root != second_root:
            raise VerificationError("equal tree sizes with different root hashes")
        return
    if first == 0:
        # Every tree extends the empty tree; the proof is empty (RFC 9162 §2.1.4.1).
        if path:
            raise VerificationError("a proof from the empty tree must be empty")
        if first_root != hashlib.sha256(b"").digest():
            raise VerificationError("the empty tree's root hash is not SHA-256 of nothing")
        return
    if not path:
        raise VerificationError("consistency proof is empty")
    if first & (first - 1) == 0:
        path = [first_root] + path
    fn, sn = first - 1, second - 1
    while fn & 1:
        fn >>= 1
        sn >>= 1
    fr = sr = path[0]
    for c in path[1:]:
        if sn == 0:
            raise VerificationError("consistency proof is longer than the trees allow")
        if fn & 1 or fn == sn:
            fr = node_hash(c, fr)
            sr = node_hash(c, sr)
            while not fn & 1 and fn != 0:
                fn >>= 1
                sn >>= 1
        else:
            sr = node_hash(sr, c)
        fn >>= 1
        sn >>= 1
    if sn != 0:
        raise VerificationError("consistency proof is shorter than the trees require")
    if fr != first_root:
        raise VerificationError("consistency proof does not reproduce the older root hash")
    if sr != second_root:
        raise VerificationError("consistency proof does not reproduce the newer root hash")


class CompactRange:
    """Roots of the perfect subtrees covering [0, size), largest first."""

    def __init__(self):
        self.size = 0
        self.stack: list[tuple[int, bytes]] = []

    def append_subtree(self, level: int, digest: bytes) -> None:
        if self.size % (1 << level) != 0:
            raise VerificationError("subtree is not aligned in the tree")
        self.stack.append((level, digest))
        self.size += 1 << level
        while len(self.stack) >= 2 and self.stack[-2][0] == self.stack[-1][0]:
            (lvl, left), (_, right) = self.stack[-2], self.stack[-1]
            self.stack[-2:] = [(lvl + 1, node_hash(left, right))]

    def root(self) -> bytes:
        if not self.stack:
            return hashlib.sha256(b"").digest()
        r = self.stack[-1][1]
        for _, digest in reversed(self.stack[:-1]):
            r = node_hash(digest, r)
        return r


def _perfect_subtree_levels(begin: int, end: int) -> list[int]:
    """Levels of the maximal aligned perfect subtrees of [begin, end), left to right."""
    levels = []
    while begin < end:
        level = 0
        while (begin % (1 << (level + 1)) == 0) and begin + (1 << (level + 1)) <= end:
            level += 1
        levels.append(level)
        begin += 1 << level
    return levels


# --------------------------------------------------------------------------- RFC 8032 Ed25519

_P = 2**255 - 19
_Q = 2**252 + 27742317777372353535851937790883648493
_D = -121665 * pow(121666, _P - 2, _P) % _P
_SQRT_M1 = pow(2, (_P - 1) // 4, _P)


def _point_add(a, b):
    # RFC 8032 §5.1.4, extended homogeneous coordinates (X, Y, Z, T).
    A = (a[1] - a[0]) * (b[1] - b[0]) % _P
    B = (a[1] + a[0]) * (b[1] + b[0]) % _P
    C = 2 * a[3] * b[3] * _D % _P
    D = 2 * a[2] * b[2] % _P
    E, F, G, H = B - A, D - C, D + C, B + A
    return (E * F % _P, G * H % _P, F * G % _P, E * H % _P)


def _point_mul(scalar: int, point):
    result = (0, 1, 1, 0)
    while scalar > 0:
        if scalar & 1:
            result = _point_add(result, point)
        point = _point_add(point, point)
        scalar >>= 1
    return result


def _point_equal(a, b) -> bool:
    return (a[0] * b[2] - b[0] * a[2]) % _P == 0 and (a[1] * b[2] - b[1] * a[2]) % _P == 0


def _recover_x(y: int, sign: int):
    if y >= _P:
        return None
    x2 = (y * y - 1) * pow(_D * y * y + 1, _P - 2, _P) % _P
    if x2 == 0:
        return None if sign else 0
    x = pow(x2, (_P + 3) // 8, _P)
    if (x * x - x2) % _P != 0:
        x = x * _SQRT_M1 % _P
    if (x * x - x2) % _P != 0:
        return None
    if (x & 1) != sign:
        x = _P - x
    return x


def _point_decode(data: bytes):
    """RFC 8032 §5.1.3."""
    if len(data) != 32:
        return None
    y = int.from_bytes(data, "little")
    sign = y >> 255
    y &= (1 << 255) - 1
    x = _recover_x(y, sign)
    if x is None:
        return None
    return (x, y, 1, x * y % _P)


def _point_encode(point) -> bytes:
    z_inv = pow(point[2], _P - 2, _P)
    x, y = point[0] * z_inv % _P, point[1] * z_inv % _P
    return int.to_bytes(y | ((x & 1) << 255), 32, "little")


_G_Y = 4 * pow(5, _P - 2, _P) % _P
_G_X = _recover_x(_G_Y, 0)
_G = (_G_X, _G_Y, 1, _G_X * _G_Y % _P)


def ed25519_public_key(secret: bytes) -> bytes:
    """RFC 8032 §5.1.5 (used by the self-test only)."""
    h = hashlib.sha512(secret).digest()
    a = int.from_bytes(h[:32], "little")
    a &= (1 << 254) - 8
    a |= 1 << 254
    return _point_encode(_point_mul(a, _G))


def ed25519_verify(public: bytes, message: bytes, signature: bytes) -> bool:
    """RFC 8032 §5.1.7, with the cofactored group equation [8][S]B = [8]R + [8][k]A."""
    if len(public) != 32 or len(signature) != 64:
        return False
    a = _point_decode(public)
    r = _point_decode(signature[:32])
    if a is None or r is None:
        return False
    s = int.from_bytes(signature[32:], "little")
    if s >= _Q:
        return False
    k = int.from_bytes(hashlib.sha512(signature[:32] + public + message).digest(), "little") % _Q
    left = _point_mul(8 * s, _G)
    right = _point_mul(8, _point_add(r, _point_mul(k, a)))
    return _point_equal(left, right)


# RFC 8032 §7.1, TEST 1
_TEST1_SECRET = "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60"
_TEST1_PUBLIC = "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a"
_TEST1_SIGNATURE = (
    "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b"
)


def self_test() -> list[str]:
    """Known-answer tests; returns the names of those that failed."""
    failures = []
    public = bytes.fromhex(_TEST1_PUBLIC)
    signature = bytes.fromhex(_TEST1_SIGNATURE)
    if ed25519_public_key(bytes.fromhex(_TEST1_SECRET)) != public:
        failures.append("RFC 8032 test 1: public key from secret key")
    if not ed25519_verify(public, b"", signature):
        failures.append("RFC 8032 test 1: signature verifies")
    tampered = bytearray(signature)
    tampered[0] ^= 1
    if ed25519_verify(public, b"", bytes(tampered)):
        failures.append("RFC 8032 test 1: altered signature is rejected")
    if ed25519_verify(public, b"\x00", signature):
        failures.append("RFC 8032 test 1: other message is rejected")
    # RFC 8785 §3.2.2 / Appendix B samples
    samples = {
        '{"numbers":[333333333.33333329,1E30,4.50,2e-3,0.000000000000000000000000001]}':
            '{"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27]}',
        '{"b":1,"a":2,"\\u20ac":3,"\\r":4,"1":5,"\\ud83d\\ude00":6,"\\u00f6":7}':
            '{"\\r":4,"1":5,"a":2,"b":1,"ö":7,"€":3,"😀":6}',
        '[-0, 5e-324, 1e21, 1e-7, 123456789012345680000, 9007199254740992, 0.1, "\\u000f\\u007f"]':
            '[0,5e-324,1e+21,1e-7,123456789012345680000,9007199254740992,0.1,"\\u000f\x7f"]',
    }
    for given, expected in samples.items():
        if canonical_json(parse_json(given)) != expected:
            failures.append(f"RFC 8785 sample {given[:30]}…")
    # C2SP signed-note: the example of golang.org/x/mod/sumdb/note
    note = (
        "If you think cryptography is the answer to your problem,\n"
        "then you don't know what your problem is.\n"
        "\n"
        "\u2014 PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfq"
        "dngotpRZb6KE6RyyBwJnAM=\n"
    ).encode("utf-8")
    key = VerifierKey("PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW")
    try:
        open_note(note, [key])
    except VerificationError:
        failures.append("C2SP signed-note: Go sumdb/note example verifies")
    try:
        open_note(note.replace(b"problem,", b"problem;"), [key])
        failures.append("C2SP signed-note: altered text is rejected")
    except VerificationError:
        pass
    # RFC 9162: the empty tree
    if hashlib.sha256(b"").hexdigest() != (
        "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
    ):
        failures.append("RFC 9162 empty root")
    return failures


# --------------------------------------------------------------------------- C2SP notes


class VerifierKey:
    """C2SP signed-note verifier key <name>+<hex key ID>+<base64(0x01 ‖ Ed25519 public key)>."""

    def __init__(self, text: str):
        parts = text.strip().split("+", 2)  # base64 may contain "+"; names may not
        if len(parts) != 3:
            raise ValueError("a verifier key is <name>+<key id>+<key>")
        self.name, key_id_hex, key_b64 = parts
        if not self.name or any(c.isspace() for c in self.name):
            raise ValueError("bad key name")
        try:
            self.key_id = bytes.fromhex(key_id_hex)
            key = base64.b64decode(key_b64, validate=True)
        except (ValueError, binascii.Error):
            raise ValueError("key id or key is not hex / base64") from None
        if len(self.key_id) != 4 or len(key) != 33 or key[0] != 0x01:
            raise ValueError("not an Ed25519 verifier key")
        self.public = key[1:]
        expected = hashlib.sha256(self.name.encode() + b"\n" + key).digest()[:4]
        if expected != self.key_id:
            raise ValueError("key id does not match the key")


def open_note(note: bytes, keys: list[VerifierKey]) -> str:
    """Verifies a C2SP signed note with at least one trusted key; returns its text."""
    try:
        text = note.decode("utf-8")
    except UnicodeDecodeError:
        raise VerificationError("note is not UTF-8") from None
    split = text.rfind("\n\n")
    if split < 0 or not text.endswith("\n"):
        raise VerificationError("note has no signature block")
    body, signature_block = text[: split + 1], text[split + 2 :]
    verified = []
    for line in signature_block[:-1].split("\n"):
        if not line.startswith("\u2014 "):
            raise VerificationError("malformed signature line")
        name, _, encoded = line[2:].rpartition(" ")
        try:
            signature = base64.b64decode(encoded, validate=True)
        except binascii.Error:
            raise VerificationError("signature is not base64") from None
        if len(signature) < 5:
            raise VerificationError("signature too short")
        for key in keys:
            if key.name == name and key.key_id == signature[:4]:
                if not ed25519_verify(key.public, body.encode("utf-8"), signature[4:]):
                    raise VerificationError(f"signature by trusted key {name} does not verify")
                verified.append(name)
    if not verified:
        raise VerificationError("no signature from a trusted key")
    return body


def parse_checkpoint(body: str) -> tuple[str, int, bytes]:
    """C2SP tlog-checkpoint: origin, decimal tree size, base64 root hash, extension lines."""
    lines = body.split("\n")
    if len(lines) < 4 or lines[-1] != "":
        raise VerificationError("checkpoint needs origin, size and root hash lines")
    origin, size_text, root_text = lines[0], lines[1], lines[2]
    if not origin or not size_text.isdigit() or (size_text != "0" and size_text[0] == "0"):
        raise VerificationError("malformed checkpoint origin or size")
    try:
        root = base64.b64decode(root_text, validate=True)
    except binascii.Error:
        raise VerificationError("checkpoint root hash is not base64") from None
    if len(root) != 32 or base64.b64encode(root).decode() != root_text:
        raise VerificationError("checkpoint root hash is not 32 bytes in canonical base64")
    return origin, int(size_text), root


# --------------------------------------------------------------------------- commands


def _read(path: str) -> bytes:
    try:
        with open(path, "rb") as f:
            return f.read()
    except OSError as e:
        raise UsageError(f"cannot read {path}: {e.strerror}") from None


class UsageError(Exception):
    pass


def _keys(values: list[str] | None) -> list[VerifierKey]:
    keys = []
    for value in values or []:
        lines = _read(value[1:]).decode("utf-8").splitlines() if value.startswith("@") else [value]
        for line in lines:
            line = line.strip()
            if line and not line.startswith("#"):
                try:
                    keys.append(VerifierKey(line))
                except ValueError as e:
                    raise UsageError(f"bad --vkey: {e}") from None
    if not keys:
        raise UsageError("at least one --vkey is required")
    return keys


def _checkpoint(path: str, keys: list[VerifierKey], origin: str | None):
    found = parse_checkpoint(open_note(_read(path), keys))
    if origin is not None and found[0] != origin:
        raise VerificationError(f"checkpoint is for origin {found[0]}, not {origin}")
    return found


def _hashes(values) -> list[bytes]:
    if not isinstance(values, list):
        raise VerificationError("hashes must be an array")
    out = []
    for value in values:
        try:
            digest = base64.b64decode(value, validate=True)
        except (binascii.Error, TypeError):
            raise VerificationError("a proof hash is not base64") from None
        if len(digest) != 32:
            raise VerificationError("a proof hash is not 32 bytes")
        out.append(digest)
    return out


def _json_file(path: str):
    try:
        return parse_json(_read(path).decode("utf-8"))
    except UnicodeDecodeError:
        raise VerificationError(f"{path} is not UTF-8") from None


def _integer(document, name: str) -> int:
    value = document.get(name) if isinstance(document, dict) else None
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise VerificationError(f"'{name}' must be a non-negative integer")
    return value


def command_checkpoint(args) -> str:
    origin, size, root = _checkpoint(args.note, _keys(args.vkey), args.origin)
    return f"OK: checkpoint {origin} size {size} root {base64.b64encode(root).decode()}"


def command_inclusion(args) -> str:
    origin, size, root = _checkpoint(args.checkpoint, _keys(args.vkey), args.origin)
    document = _json_file(args.leaf_entry)
    proof = _json_file(args.proof)
    if isinstance(document, dict) and set(document) == {"index", "entry"}:
        entry, entry_index = document["entry"], _integer(document, "index")
    else:
        entry, entry_index = document, None
    index = _integer(proof, "index")
    if entry_index is not None and entry_index != index:
        raise VerificationError(f"the entry is #{entry_index} but the proof is for #{index}")
    if _integer(proof, "size") != size:
        raise VerificationError(f"proof is for tree size {proof['size']}, checkpoint is {size}")
    computed = leaf_hash(canonical_bytes(entry))
    if "leaf_hash" in proof and base64.b64encode(computed).decode() != proof["leaf_hash"]:
        raise VerificationError(f"entry {index}: canonical form does not hash to the leaf hash")
    verify_inclusion(index, size, computed, _hashes(proof.get("hashes")), root)
    return f"OK: entry {index} is included in {origin} at tree size {size}"


def command_consistency(args) -> str:
    keys = _keys(args.vkey)
    old_origin, old_size, old_root = _checkpoint(args.old, keys, args.origin)
    new_origin, new_size, new_root = _checkpoint(args.new, keys, args.origin)
    if old_origin != new_origin:
        raise VerificationError("the checkpoints are of different logs")
    proof = _json_file(args.proof)
    if _integer(proof, "from") != old_size or _integer(proof, "to") != new_size:
        raise VerificationError(
            f"proof is for sizes {proof.get('from')}..{proof.get('to')},"
            f" checkpoints are {old_size}..{new_size}"
        )
    verify_consistency(old_size, new_size, old_root, new_root, _hashes(proof.get("hashes")))
    return f"OK: {new_origin} at size {new_size} extends size {old_size}"


def command_export(args) -> str:
    keys = _keys(args.vkey)
    try:
        lines = _read(args.export).decode("utf-8").split("\n")
    except UnicodeDecodeError:
        raise VerificationError("export is not UTF-8") from None
    if lines[-1] != "":
        raise VerificationError("export does not end with a newline")
    lines = lines[:-1]
    if not lines:
        raise VerificationError("export is empty")
    header = parse_json(lines[0])
    if not isinstance(header, dict) or header.get("format") != "bulwark-ledger-export" or (
        header.get("version") != 1
    ):
        raise VerificationError("line 1: not a bulwark-ledger export, version 1")
    tree_size, begin, end = (_integer(header, f) for f in ("tree_size", "begin", "end"))
    if not begin <= end <= tree_size:
        raise VerificationError("line 1: range is not within the tree")
    note = header.get("checkpoint")
    if not isinstance(note, str):
        raise VerificationError("line 1: no checkpoint")
    origin, size, root = parse_checkpoint(open_note(note.encode("utf-8"), keys))
    if origin != header.get("origin") or (args.origin is not None and origin != args.origin):
        raise VerificationError("checkpoint: origin differs from the export's")
    if size != tree_size:
        raise VerificationError("checkpoint: tree size differs from the export's")
    proof = header.get("range_proof")
    if not isinstance(proof, dict):
        raise VerificationError("line 1: no range proof")
    left, right = _hashes(proof.get("left")), _hashes(proof.get("right"))
    left_levels = _perfect_subtree_levels(0, begin)
    right_levels = _perfect_subtree_levels(end, tree_size)
    if len(left) != len(left_levels) or len(right) != len(right_levels):
        raise VerificationError("line 1: range proof has the wrong number of hashes")
    tree = CompactRange()
    for level, digest in zip(left_levels, left):
        tree.append_subtree(level, digest)
    pruned = 0
    expected = begin
    for line in lines[1:]:
        item = parse_json(line)
        index = _integer(item, "index")
        if index != expected or index >= end:
            raise VerificationError(f"entry {expected}: missing or out of order (found {index})")
        stored = _hashes([item.get("leaf_hash")])[0]
        if "entry" in item:
            if leaf_hash(canonical_bytes(item["entry"])) != stored:
                raise VerificationError(f"entry {index}: leaf hash does not match")
        else:
            pruned += 1
        tree.append_subtree(0, stored)
        expected += 1
    if expected != end:
        raise VerificationError(f"entry {expected}: missing (export ends before entry {end - 1})")
    for level, digest in zip(right_levels, right):
        tree.append_subtree(level, digest)
    if tree.size != tree_size or tree.root() != root:
        raise VerificationError(
            f"entries {begin}..{end - 1}: leaf hashes and range proof do not reproduce"
            " the checkpoint root hash"
        )
    return (
        f"OK: {origin}: entries {begin}..{end - 1} of tree size {tree_size} verified"
        f" ({end - begin - pruned} with body, {pruned} pruned)"
    )


def command_selftest(args) -> str:
    failures = self_test()
    if failures:
        raise VerificationError("self-test failed: " + "; ".join(failures))
    return "OK: self-test (RFC 8032 test 1, RFC 8785 samples, C2SP signed-note example)"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="verify.py", description="Independent RFC 9162 / C2SP verifier for Bulwark audit logs"
    )
    sub = parser.add_subparsers(dest="command", required=True)

    def with_keys(p):
        p.add_argument(
            "--vkey", action="append", metavar="VKEY|@FILE",
            help="trusted C2SP verifier key, or @file with one a line; repeatable",
        )
        p.add_argument("--origin", help="expected log origin")
        return p

    p = with_keys(sub.add_parser("checkpoint", help="verify a signed checkpoint"))
    p.add_argument("--note", required=True, help="file with the signed note (GET …/checkpoint)")
    p.set_defaults(run=command_checkpoint)
    p = with_keys(sub.add_parser("inclusion", help="verify an entry's inclusion proof"))
    p.add_argument("--leaf-entry", required=True, help="GET …/entries/{i} body, or the entry")
    p.add_argument("--proof", required=True, help="GET …/proofs/inclusion body")
    p.add_argument("--checkpoint", required=True, help="signed note of the proof's tree size")
    p.set_defaults(run=command_inclusion)
    p = with_keys(sub.add_parser("consistency", help="verify a consistency proof"))
    p.add_argument("--old", required=True, help="signed note of the older checkpoint")
    p.add_argument("--new", required=True, help="signed note of the newer checkpoint")
    p.add_argument("--proof", required=True, help="GET …/proofs/consistency body")
    p.set_defaults(run=command_consistency)
    p = with_keys(sub.add_parser("export", help="verify a JSONL export (GET …/export)"))
    p.add_argument("export", help="the export file")
    p.set_defaults(run=command_export)
    p = sub.add_parser("selftest", help="run the known-answer tests")
    p.set_defaults(run=command_selftest)

    args = parser.parse_args(argv)
    try:
        print(args.run(args))
        return OK
    except UsageError as e:
        print(f"error: {e}", file=sys.stderr)
        return USAGE
    except VerificationError as e:
        print(f"FAIL: {e}")
        return FAILED


if __name__ == "__main__":
    sys.exit(main())
