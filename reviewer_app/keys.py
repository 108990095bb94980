"""X.509 keys and certificates for the one algorithm profile: ECDSA P-256 with SHA-256.

Private keys live only in PKCS#12 files encrypted with AES-256-CBC under PBKDF2-HMAC-SHA256
(600,000 rounds, far above the library default) with an HMAC-SHA256 MAC whose key derivation
also runs 600,000 rounds (cryptography fixes it at 2048, which would make the MAC a cheap
passphrase-guessing oracle; we recompute it, see _with_strong_mac). A third party can check
such a file with stock OpenSSL:

    openssl pkcs12 -info -noout -in expert.p12 -passin file:PASSFILE

which prints ``MAC: sha256, Iteration 600000`` and, for the key and certificate bags,
``PBES2, PBKDF2, AES-256-CBC, Iteration 600000, PRF hmacWithSHA256``.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import os
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from asn1crypto import algos as asn1_algos
from asn1crypto import pem as asn1_pem
from asn1crypto import pkcs12 as asn1_pkcs12
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.exceptions import UnsupportedAlgorithm
from cryptography.hazmat.primitives import hashes, padding, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.types import PrivateKeyTypes
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
from cryptography.hazmat.primitives.kdf.pbkdf2 import PBKDF2HMAC
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID

from reviewer_app import durable
from reviewer_app import passphrase as passphrase_rules
from reviewer_app.errors import QT_TRANSLATE_NOOP, Term, UserFacingError

ALGORITHM = "ecdsa-p256-sha256"
PKCS12_ITERATIONS = 600_000
# More rounds than any key file needs: a file asking for more is damaged (or made to hang the unlock).
MAX_KEY_FILE_ROUNDS = 10 * PKCS12_ITERATIONS
ORG_CERT_DAYS = 5 * 365 + 1
ORG_KEY_FILE = "org.p12"
ORG_CERT_FILE = "org-cert.pem"
# Laptops at review sessions often have a wrong clock; backdating the start of validity by a
# day keeps a fresh certificate from looking "not yet valid" on a machine that runs behind.
CLOCK_SKEW_ALLOWANCE = dt.timedelta(days=1)
MAX_KEY_FILE_BYTES = 1 << 20


class WrongPassphrase(UserFacingError):
    """The passphrase does not open the key file."""

    def __init__(self) -> None:
        super().__init__(QT_TRANSLATE_NOOP("Errors", "The passphrase is wrong."))


class KeyFileError(UserFacingError):
    """A key or certificate file is missing, damaged or of the wrong kind."""


class KeyMismatch(KeyFileError):
    """The key file holds another key than the certificate that goes with it."""

    def __init__(self, source: str) -> None:
        super().__init__(
            QT_TRANSLATE_NOOP("Errors", "The key file {file} does not hold the key of its certificate: one of the two was replaced or damaged."),
            file=source,
        )


def new_private_key() -> ec.EllipticCurvePrivateKey:
    """A fresh ECDSA P-256 key, the only kind this app uses."""
    return ec.generate_private_key(ec.SECP256R1())


def is_p256(public_key: object) -> bool:
    return isinstance(public_key, ec.EllipticCurvePublicKey) and isinstance(public_key.curve, ec.SECP256R1)


def _name(common_name: str, organization: str | None, extra: Sequence[x509.NameAttribute]) -> x509.Name:
    attributes = [x509.NameAttribute(NameOID.COMMON_NAME, common_name)]
    if organization:
        attributes.append(x509.NameAttribute(NameOID.ORGANIZATION_NAME, organization))
    attributes.extend(extra)
    return x509.Name(attributes)


def make_self_signed(
    private_key: ec.EllipticCurvePrivateKey,
    common_name: str,
    organization: str | None = None,
    *,
    days: int,
    ca: bool = False,
    extra_attributes: Sequence[x509.NameAttribute] = (),
    extra_extensions: Sequence[x509.ExtensionType] = (),
) -> x509.Certificate:
    """A self-signed ECDSA P-256/SHA-256 certificate for signing (documents, CMS, PDFs).

    KeyUsage is digitalSignature + nonRepudiation (critical); `ca=True` adds keyCertSign and
    cRLSign and marks the certificate as a CA. No ExtendedKeyUsage: it would only narrow the
    purposes OpenSSL and PDF validators accept. Strings are UTF-8, so Chinese names work.
    """
    if not is_p256(private_key.public_key()):
        raise ValueError("only ECDSA P-256 keys are supported")
    subject = _name(common_name, organization, extra_attributes)
    now = dt.datetime.now(dt.timezone.utc)
    public_key = private_key.public_key()
    key_usage = x509.KeyUsage(
        digital_signature=True,
        content_commitment=True,  # nonRepudiation
        key_encipherment=False,
        data_encipherment=False,
        key_agreement=False,
        key_cert_sign=ca,
        crl_sign=ca,
        encipher_only=False,
        decipher_only=False,
    )
    subject_key_id = x509.SubjectKeyIdentifier.from_public_key(public_key)
    builder = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(subject)
        .public_key(public_key)
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - CLOCK_SKEW_ALLOWANCE)
        .not_valid_after(now + dt.timedelta(days=days))
        .add_extension(x509.BasicConstraints(ca=ca, path_length=None), critical=True)
        .add_extension(key_usage, critical=True)
        .add_extension(subject_key_id, critical=False)
        .add_extension(x509.AuthorityKeyIdentifier.from_issuer_subject_key_identifier(subject_key_id), critical=False)
    )
    for extension in extra_extensions:
        builder = builder.add_extension(extension, critical=False)
    return builder.sign(private_key, hashes.SHA256())


def fingerprint(cert: x509.Certificate) -> str:
    """SHA-256 of the DER, as `openssl x509 -noout -fingerprint -sha256` prints it after '='."""
    return fingerprint_of_der(cert.public_bytes(serialization.Encoding.DER))


def fingerprint_of_der(der: bytes) -> str:
    digest = hashlib.sha256(der).hexdigest().upper()
    return ":".join(digest[i : i + 2] for i in range(0, len(digest), 2))


def load_certificate(data: bytes) -> x509.Certificate:
    """One certificate, PEM or DER, from untrusted bytes; ValueError for anything malformed.

    asn1crypto checks the structure first: cryptography would only warn (not refuse) on a
    non-positive serial number, and raises InvalidVersion, which is no ValueError.
    """
    try:
        der = data
        if asn1_pem.detect(data):
            kind, _, der = asn1_pem.unarmor(data.strip())
            if kind != "CERTIFICATE":
                raise ValueError(f"PEM block {kind!r}")
        parsed = asn1_x509.Certificate.load(der, strict=True)
        if parsed.serial_number <= 0 or parsed["tbs_certificate"]["version"].native != "v3":
            raise ValueError("not an RFC 5280 v3 certificate with a positive serial number")
        return x509.load_der_x509_certificate(der)
    except (ValueError, TypeError, KeyError, IndexError, OverflowError, x509.InvalidVersion) as exc:
        raise ValueError(f"malformed certificate: {exc}") from None


NOT_A_FINGERPRINT = QT_TRANSLATE_NOOP(
    "Errors",
    "{fingerprint} is not a certificate fingerprint: it has 64 hexadecimal digits (0-9, A-F), for example B1CA B6B0 ….",
)
_FINGERPRINT_DIGITS = re.compile(r"[0-9A-F]{64}")
_FINGERPRINT_SEPARATORS = re.compile(r"[\s:\-]+")


class NotAFingerprint(UserFacingError):
    """Text that does not spell a SHA-256 certificate fingerprint."""


def fingerprint_hex(text: str) -> str:
    """The 64 upper-case hex digits of a fingerprint typed in any common way.

    Groups of four (`B1CA B6B0 …`, the one format shown to people), OpenSSL's colons
    (`B1:CA:…`, also after `sha256 Fingerprint=`), no separators, lower case.
    """
    digits = _FINGERPRINT_SEPARATORS.sub("", text.rpartition("=")[2]).upper()
    if not _FINGERPRINT_DIGITS.fullmatch(digits):
        raise NotAFingerprint(NOT_A_FINGERPRINT, fingerprint=text.strip())
    return digits


def format_fingerprint(fp: str) -> str:
    """The fingerprint as people compare it everywhere: 16 groups of four hex digits, `B1CA B6B0 …`.

    Groups of four are read aloud as two short bursts, in Chinese as in English, and
    leave no colon to mishear; the machine formats (bundle.json, score.json) keep
    OpenSSL's `AB:CD:…` spelling.
    """
    digits = fingerprint_hex(fp)
    return " ".join(digits[i : i + 4] for i in range(0, len(digits), 4))


def same_fingerprint(a: str, b: str) -> bool:
    """Whether two fingerprints, each in any accepted spelling, are the same."""
    return fingerprint_hex(a) == fingerprint_hex(b)


def certificate_pem(cert: x509.Certificate) -> str:
    return cert.public_bytes(serialization.Encoding.PEM).decode("ascii")


def _passphrase_bytes(passphrase: str) -> bytes:
    # NFC, so the same visible text typed on different systems gives the same bytes.
    return unicodedata.normalize("NFC", passphrase).encode("utf-8")


def pkcs12_bytes(
    private_key: ec.EllipticCurvePrivateKey, cert: x509.Certificate, passphrase: str, friendly_name: str
) -> bytes:
    """The PKCS#12 encoding with the app's profile (AES-256-CBC, PBKDF2-SHA256 600k, MAC SHA-256 600k)."""
    if not passphrase:
        raise ValueError("a PKCS#12 file must be encrypted with a non-empty passphrase")
    encryption = (
        serialization.PrivateFormat.PKCS12.encryption_builder()
        .kdf_rounds(PKCS12_ITERATIONS)
        .key_cert_algorithm(pkcs12.PBES.PBESv2SHA256AndAES256CBC)
        .hmac_hash(hashes.SHA256())
        .build(_passphrase_bytes(passphrase))
    )
    der = pkcs12.serialize_key_and_certificates(friendly_name.encode("utf-8"), private_key, cert, None, encryption)
    return _with_strong_mac(der, passphrase)


def _pkcs12_mac_key(passphrase: str, salt: bytes, iterations: int) -> bytes:
    """RFC 7292 B.2 key derivation (ID 3, MAC key) for HMAC-SHA256: one 32-byte block.

    The password is a BMPString (UTF-16BE plus two zero bytes), as OpenSSL converts it.
    """
    block = 64  # SHA-256 input block size v
    password = _passphrase_bytes(passphrase).decode("utf-8").encode("utf-16-be") + b"\0\0"

    def stretch(data: bytes) -> bytes:
        length = block * -(-len(data) // block)
        return (data * (length // len(data) + 1))[:length]

    digest = hashlib.sha256(bytes([3]) * block + stretch(salt) + stretch(password)).digest()
    for _ in range(iterations - 1):
        digest = hashlib.sha256(digest).digest()
    return digest


def _with_strong_mac(der: bytes, passphrase: str) -> bytes:
    """Redo the PKCS#12 MAC with PKCS12_ITERATIONS rounds.

    cryptography hard-codes 2048 MAC rounds; the MAC checks the passphrase too, so it would
    let an attacker test guesses ~300 times faster than the 600,000-round encryption.
    """
    pfx = asn1_pkcs12.Pfx.load(der)
    auth_safe = pfx["auth_safe"]
    salt = os.urandom(16)
    mac = hmac.new(_pkcs12_mac_key(passphrase, salt, PKCS12_ITERATIONS), auth_safe["content"].native, "sha256")
    mac_data = asn1_pkcs12.MacData(
        {
            "mac": {"digest_algorithm": asn1_algos.DigestAlgorithm({"algorithm": "sha256"}), "digest": mac.digest()},
            "mac_salt": salt,
            "iterations": PKCS12_ITERATIONS,
        }
    )
    return asn1_pkcs12.Pfx({"version": "v3", "auth_safe": auth_safe, "mac_data": mac_data}).dump()


def write_pkcs12(
    path: Path, private_key: ec.EllipticCurvePrivateKey, cert: x509.Certificate, passphrase: str, friendly_name: str
) -> None:
    durable.write_bytes(Path(path), pkcs12_bytes(private_key, cert, passphrase, friendly_name), mode=durable.PRIVATE)


def _read_limited(path: Path, limit: int, what: str) -> bytes:
    try:
        with open(path, "rb") as handle:
            data = handle.read(limit + 1)
    except FileNotFoundError:
        raise KeyFileError(QT_TRANSLATE_NOOP("Errors", "The file {file} does not exist."), file=str(path)) from None
    except OSError as exc:
        raise KeyFileError(
            QT_TRANSLATE_NOOP("Errors", "The file {file} cannot be read: {reason}."),
            file=str(path),
            reason=exc.strerror or type(exc).__name__,
        ) from None
    if len(data) > limit:
        raise KeyFileError(
            QT_TRANSLATE_NOOP("Errors", "The file {file} is too large to be {what}."), file=str(path), what=what
        )
    return data


def _parsed_pkcs12(data: bytes) -> asn1_pkcs12.Pfx | None:
    """The PKCS#12 structure in `data`, or None when it is none (telling 'damaged' from 'wrong
    passphrase')."""
    try:
        pfx = asn1_pkcs12.Pfx.load(data, strict=True)
        sound = (
            pfx["version"].native == "v3"
            and pfx["auth_safe"]["content_type"].native == "data"
            and bool(pfx["mac_data"]["mac"]["digest"].native)
            and 1 <= pfx["mac_data"]["iterations"].native <= MAX_KEY_FILE_ROUNDS
        )
    except (ValueError, TypeError, KeyError):
        return None
    return pfx if sound else None


class _OtherProfile(Exception):
    """A PKCS#12 file not laid out as pkcs12_bytes() writes it (cryptography's reader opens it)."""


class _Implausible(Exception):
    """Key derivation parameters no key file has: a damaged file."""


def _pbes2_decrypt(algorithm: asn1_algos.EncryptionAlgorithm, ciphertext: bytes, passphrase: str) -> bytes:
    """PBES2 (RFC 8018) with PBKDF2-HMAC-SHA256 and AES-256-CBC, the one scheme this app writes.

    cryptography's PBKDF2HMAC releases the GIL while it derives the key; OpenSSL's PKCS#12 and
    PKCS#8 readers (through cryptography) hold it for all 600,000 rounds."""
    try:
        params = algorithm["parameters"]
        kdf = params["key_derivation_func"]["parameters"]
        scheme = params["encryption_scheme"]
        if (
            algorithm["algorithm"].native != "pbes2"
            or params["key_derivation_func"]["algorithm"].native != "pbkdf2"
            or kdf["salt"].name != "specified"
            or kdf["prf"]["algorithm"].native != "sha256"
            or kdf["key_length"].native not in (None, 32)
            or scheme["algorithm"].native != "aes256_cbc"
        ):
            raise _OtherProfile
        salt, iterations, iv = kdf["salt"].native, kdf["iteration_count"].native, scheme["parameters"].native
    except (ValueError, TypeError, KeyError) as exc:
        raise _OtherProfile from exc
    # OpenSSL's own range of rounds (PBKDF2HMAC raises OverflowError beyond it); AES's block.
    if not (isinstance(salt, bytes) and isinstance(iv, bytes) and len(iv) == 16 and 1 <= iterations <= MAX_KEY_FILE_ROUNDS):
        raise _Implausible
    key = PBKDF2HMAC(hashes.SHA256(), 32, salt, iterations).derive(_passphrase_bytes(passphrase))
    decryptor = Cipher(algorithms.AES(key), modes.CBC(iv)).decryptor()
    unpadder = padding.PKCS7(128).unpadder()
    # ValueError for a wrong length or padding: a wrong key (the caller's "wrong passphrase").
    return unpadder.update(decryptor.update(ciphertext) + decryptor.finalize()) + unpadder.finalize()


def _own_private_key(pfx: asn1_pkcs12.Pfx, passphrase: str) -> PrivateKeyTypes:
    """The key in the one shrouded key bag of a file laid out as pkcs12_bytes() writes it;
    _OtherProfile for any other layout, ValueError when it does not decrypt.

    Only that bag is decrypted, with calls that release the GIL. The MAC and the certificate
    bag are not read: the caller holds the certificate the key must belong to (load_pkcs12
    checks that it does), which says more about the key than the MAC, and the passphrase is
    checked by the key's decryption (the MAC's is the same 600,000-round strength)."""
    try:
        bags = [
            bag
            for info in asn1_pkcs12.AuthenticatedSafe.load(pfx["auth_safe"]["content"].native)
            if info["content_type"].native == "data"
            for bag in asn1_pkcs12.SafeContents.load(info["content"].native)
        ]
        kinds = [bag["bag_id"].native for bag in bags]
        if kinds.count("pkcs8_shrouded_key_bag") != 1 or "key_bag" in kinds:
            raise _OtherProfile
        shrouded = bags[kinds.index("pkcs8_shrouded_key_bag")]["bag_value"]
        algorithm, ciphertext = shrouded["encryption_algorithm"], shrouded["encrypted_data"].native
    except (ValueError, TypeError, KeyError) as exc:
        raise _OtherProfile from exc
    try:
        return serialization.load_der_private_key(_pbes2_decrypt(algorithm, ciphertext, passphrase), password=None)
    except UnsupportedAlgorithm as exc:
        raise _OtherProfile from exc


def load_pkcs12(
    data: bytes, passphrase: str, *, source: str, certificate: x509.Certificate | None = None
) -> tuple[ec.EllipticCurvePrivateKey, x509.Certificate]:
    """The key and certificate in PKCS#12 `data`; WrongPassphrase or KeyFileError otherwise.

    With `certificate` (the one the key must belong to, known without the passphrase: the
    expert's certificate.pem, the organization's org-cert.pem, pinned by others) a file as this app writes it is opened
    without holding the GIL (issue 16: a worker unlocking never stops the window); any other is
    read by cryptography's PKCS#12 reader, which holds it. Either way the key must belong to
    `certificate` (KeyMismatch otherwise), which is then the one returned.
    """
    damaged = KeyFileError(QT_TRANSLATE_NOOP("Errors", "The key file {file} is damaged."), file=source)
    pfx = _parsed_pkcs12(data)
    if pfx is None:
        raise damaged
    try:
        try:
            if certificate is None:
                raise _OtherProfile
            key, cert = _own_private_key(pfx, passphrase), certificate
        except _OtherProfile:
            key, cert, _ = pkcs12.load_key_and_certificates(data, _passphrase_bytes(passphrase))
    except _Implausible:
        raise damaged from None
    except ValueError:
        # The structure is sound, so the MAC or decryption failed: the passphrase is wrong.
        # (A flipped byte inside the encrypted part looks the same; nobody can tell them apart.)
        raise WrongPassphrase() from None
    if key is None or cert is None:
        raise damaged
    if not isinstance(key, ec.EllipticCurvePrivateKey) or not is_p256(cert.public_key()):
        raise KeyFileError(
            QT_TRANSLATE_NOOP("Errors", "The key file {file} holds a kind of key this app does not use."), file=source
        )
    if certificate is not None and key.public_key() != certificate.public_key():
        raise KeyMismatch(source)
    if key.public_key() != cert.public_key():
        raise damaged
    return key, cert if certificate is None else certificate


def read_pkcs12(
    path: Path, passphrase: str, *, certificate: x509.Certificate | None = None
) -> tuple[ec.EllipticCurvePrivateKey, x509.Certificate]:
    """The key and certificate in `path`; WrongPassphrase or KeyFileError otherwise (see load_pkcs12)."""
    data = _read_limited(Path(path), MAX_KEY_FILE_BYTES, Term(QT_TRANSLATE_NOOP("Errors", "a key file")))
    return load_pkcs12(data, passphrase, source=str(path), certificate=certificate)


def load_certificate_file(path: Path) -> x509.Certificate:
    data = _read_limited(Path(path), MAX_KEY_FILE_BYTES, Term(QT_TRANSLATE_NOOP("Errors", "a certificate")))
    try:
        return load_certificate(data)
    except ValueError:
        raise KeyFileError(
            QT_TRANSLATE_NOOP("Errors", "The certificate file {file} is damaged."), file=str(path)
        ) from None


@dataclass(frozen=True)
class OrgCredentials:
    """The review organization's signing key and certificate, unlocked."""

    certificate: x509.Certificate
    private_key: ec.EllipticCurvePrivateKey = field(repr=False)

    @property
    def fingerprint(self) -> str:
        return fingerprint(self.certificate)

    @property
    def name(self) -> str:
        return str(self.certificate.subject.get_attributes_for_oid(NameOID.COMMON_NAME)[0].value)


def create_org_credentials(org_dir: Path, name: str, passphrase: str) -> OrgCredentials:
    """Make the organization key (`org.p12`) and certificate (`org-cert.pem`) in `org_dir`.

    Refuses to overwrite an existing key and a weak passphrase. `org.p12` is written last, so
    it exists only when everything else does.
    """
    org_dir = Path(org_dir)
    name = name.strip()
    if not name:
        raise UserFacingError(QT_TRANSLATE_NOOP("Errors", "Enter the name of the organization."))
    if (org_dir / ORG_KEY_FILE).exists():
        raise UserFacingError(
            QT_TRANSLATE_NOOP("Errors", "An organization key already exists in {folder}. It was not replaced."),
            folder=str(org_dir),
        )
    passphrase_rules.require_acceptable(passphrase, personal_words=(name,))
    org_dir.mkdir(parents=True, exist_ok=True)
    private_key = new_private_key()
    cert = make_self_signed(private_key, name, name, days=ORG_CERT_DAYS)
    durable.write_bytes(org_dir / ORG_CERT_FILE, certificate_pem(cert).encode("ascii"))
    write_pkcs12(org_dir / ORG_KEY_FILE, private_key, cert, passphrase, friendly_name=name)
    return OrgCredentials(certificate=cert, private_key=private_key)


def load_org_credentials(org_dir: Path, passphrase: str) -> OrgCredentials:
    """The organization's key, which must belong to org-cert.pem, the certificate the experts
    pinned: org.p12 then opens by its key bag alone (load_pkcs12; 0.1 s of CPU instead of 0.2
    on every seal). Without a readable org-cert.pem, org.p12 alone decides, as before."""
    org_dir = Path(org_dir)
    try:
        published = load_certificate_file(org_dir / ORG_CERT_FILE)
    except KeyFileError:
        published = None
    private_key, cert = read_pkcs12(org_dir / ORG_KEY_FILE, passphrase, certificate=published)
    return OrgCredentials(certificate=cert, private_key=private_key)
