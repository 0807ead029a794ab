"""Fingerprints of variants, and reading the proofs and decision files that customers send back.

A *fingerprint* is the SHA-256 of a variant's design in canonical JSON (keys sorted, no spaces,
UTF-8), with each asset reference replaced by the content name it is stored under (which holds
the SHA-256 of the asset's bytes): two designs share a fingerprint exactly when they would print
the same. ``docs/file-format.md`` lists the form fields and metadata keys a proof carries.
"""

from __future__ import annotations

import hashlib
import json
import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from studio.io import limits
from studio.io._json import parse_object
from studio.io.assets import AssetStore
from studio.io.atomic import atomic_replace
from studio.model.design import Design
from studio.model.errors import InvalidFile, StudioError
from studio.model.variants import CHANGES, VARIANT_NAME, Decision, Proof, VariantSet

# Keys of the proof PDF's document information dictionary.
INFO_PROOF_ID = "/StudioProofId"
INFO_FINGERPRINTS = "/StudioFingerprints"
INFO_LANG = "/StudioLang"
DECISION_FORMAT = "studio-decision"
"""``format`` of the decision file the HTML proof saves."""

_MAX_RETURNED_BYTES = 200 * 2**20
_ID_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"


def fingerprint(design: Design, assets: AssetStore) -> str:
    """The SHA-256 fingerprint (hex) of ``design`` with its assets' contents."""
    renames = {ref: assets.stored(ref)[0] for ref in design.assets()}
    # Values left at their defaults are left out, so that a later Studio adding a field with a
    # default does not change the fingerprint of a design that does not use it.
    data = _with_kinds(design.model_dump(mode="json", exclude_defaults=True), design.model_dump(mode="json"))
    data.pop("schema_version", None)
    data["template"] = design.template

    def rename(value: Any) -> Any:
        if isinstance(value, dict):
            return {
                k: (renames.get(v, v) if k == "asset" and isinstance(v, str) else rename(v)) for k, v in value.items()
            }
        if isinstance(value, list):
            return [rename(v) for v in value]
        return value

    text = json.dumps(rename(data), sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _with_kinds(minimal: Any, full: Any) -> Any:
    """``minimal`` with every object's ``kind`` put back from ``full`` (a layer's kind is its default)."""
    if isinstance(minimal, dict) and isinstance(full, dict):
        out = {k: _with_kinds(v, full.get(k)) for k, v in minimal.items()}
        if "kind" in full:
            out["kind"] = full["kind"]
        return out
    if isinstance(minimal, list) and isinstance(full, list) and len(minimal) == len(full):
        return [_with_kinds(m, f) for m, f in zip(minimal, full, strict=True)]
    return minimal


def new_proof_id() -> str:
    """A new proof id: three groups of four letters and digits (no 0/O or 1/I), e.g. ``K7QM-2XPA-9TDE``."""
    chars = "".join(secrets.choice(_ID_ALPHABET) for _ in range(12))
    return f"{chars[:4]}-{chars[4:8]}-{chars[8:]}"


def now_iso() -> str:
    return datetime.now(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


@dataclass(frozen=True)
class Returned:
    """What a returned proof or decision file says."""

    path: Path
    proof_id: str
    fingerprints: dict[str, str]
    choice: str
    name: str
    email: str
    comment: str
    decided: str
    file_sha256: str


def read_returned(path: Path) -> Returned:
    """Read a returned proof PDF or a decision JSON file.

    Raises
    ------
    InvalidFile
        One sentence naming the file: unreadable, not a Studio proof, or no choice made.
    """
    try:
        with path.open("rb") as f:
            raw = f.read(_MAX_RETURNED_BYTES + 1)
    except FileNotFoundError:
        raise InvalidFile(f"{path}: no such file.") from None
    except OSError as err:
        raise InvalidFile(f"{path}: cannot be read ({err.strerror or err}).") from None
    if len(raw) > _MAX_RETURNED_BYTES:
        raise InvalidFile(f"{path}: is larger than the {_MAX_RETURNED_BYTES // 2**20} MB a returned proof may be.")
    digest = hashlib.sha256(raw).hexdigest()
    if raw.startswith(b"%PDF-") or raw[:1024].find(b"%PDF-") >= 0:
        return _read_pdf(path, raw, digest)
    if raw.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{"):
        return _read_json(path, raw, digest)
    raise InvalidFile(f"{path}: is neither a returned proof (PDF) nor a decision file (JSON).")


def _read_json(path: Path, raw: bytes, digest: str) -> Returned:
    if len(raw) > limits.MAX_DESIGN_JSON_BYTES:
        raise InvalidFile(f"{path}: is too large for a decision file.")
    data = parse_object(raw, str(path))
    if data.get("format") != DECISION_FORMAT:
        raise InvalidFile(f"{path}: is not a Studio decision file (its format is not {DECISION_FORMAT!r}).")
    fingerprints = data.get("fingerprints")
    if not isinstance(fingerprints, dict) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in fingerprints.items()
    ):
        raise InvalidFile(f"{path}: has no valid fingerprints; it was not saved by a Studio proof.")
    fields = {}
    for key in ("proof_id", "choice", "name", "email", "comment", "decided"):
        value = data.get(key, "")
        if not isinstance(value, str):
            raise InvalidFile(f"{path}: {key} should be text, not {type(value).__name__}.")
        fields[key] = value
    return _checked(
        Returned(
            path=path,
            proof_id=fields["proof_id"],
            fingerprints=dict(fingerprints),
            choice=fields["choice"],
            name=fields["name"],
            email=fields["email"],
            comment=fields["comment"],
            decided=fields["decided"],
            file_sha256=digest,
        )
    )


def _read_pdf(path: Path, raw: bytes, digest: str) -> Returned:
    import io

    import pikepdf

    try:
        pdf = pikepdf.open(io.BytesIO(raw))
    except (pikepdf.PdfError, ValueError) as err:
        raise InvalidFile(f"{path}: is a damaged PDF ({str(err).splitlines()[0][:120]}).") from None
    with pdf:
        info = pdf.docinfo
        proof_id = str(info.get(INFO_PROOF_ID, ""))
        if not proof_id:
            raise InvalidFile(f"{path}: is not a Studio proof (it carries no proof id).")
        try:
            fingerprints = json.loads(str(info.get(INFO_FINGERPRINTS, "")))
        except ValueError:
            fingerprints = None
        if not isinstance(fingerprints, dict):
            raise InvalidFile(f"{path}: its fingerprints are missing or garbled; the proof was altered.")
        values = form_values(pdf)
    return _checked(
        Returned(
            path=path,
            proof_id=proof_id,
            fingerprints={str(k): str(v) for k, v in fingerprints.items()},
            choice=values.get("choice", ""),
            name=values.get("name", ""),
            email=values.get("email", ""),
            comment=values.get("comment", ""),
            decided="",
            file_sha256=digest,
        )
    )


def form_values(pdf: Any) -> dict[str, str]:
    """The values of a PDF's form fields by (full) name.

    A radio group's value is its ``/V``, or else the on-state of the widget whose ``/AS`` is on
    (viewers write one or both).
    """
    import pikepdf

    out: dict[str, str] = {}
    acro = pdf.Root.get("/AcroForm")
    if acro is None:
        return out
    stack: list[tuple[Any, str]] = [(field, "") for field in acro.get("/Fields", [])]
    seen = 0
    while stack and seen < 10_000:
        seen += 1
        field, prefix = stack.pop()
        partial = str(field.get("/T", ""))
        name = f"{prefix}.{partial}" if prefix and partial else partial or prefix
        kids = field.get("/Kids")
        value = field.get("/V")
        if kids is not None and any("/T" in kid for kid in kids):
            stack.extend((kid, name) for kid in kids)
            continue
        text = ""
        if isinstance(value, pikepdf.Name):
            text = str(value)[1:]
        elif value is not None:
            text = str(value)
        if (not text or text == "Off") and kids is not None:
            for kid in kids:
                state = kid.get("/AS")
                if isinstance(state, pikepdf.Name) and str(state) != "/Off":
                    text = str(state)[1:]
        if text == "Off":
            text = ""
        if name:
            out[name] = text
    return out


def _checked(returned: Returned) -> Returned:
    path = returned.path
    if not returned.choice:
        raise InvalidFile(f"{path}: no choice was made on this proof (the 'choice' field is empty).")
    import re

    if returned.choice != CHANGES and not re.match(VARIANT_NAME, returned.choice):
        raise InvalidFile(f"{path}: its choice {returned.choice[:40]!r} is not a variant name.")
    return returned


def record(variants: VariantSet, returned: Returned, current_fingerprints: dict[str, str]) -> tuple[Decision, str]:
    """Record ``returned`` in ``variants``; returns the decision and one sentence saying what was recorded.

    Raises
    ------
    InvalidFile
        For a proof of another project, a proof whose fingerprints were altered, a choice that
        the proof did not offer, or a file already recorded.
    """
    path = returned.path
    proof: Proof | None = variants.proof(returned.proof_id)
    if proof is None:
        raise InvalidFile(
            f"{path}: is a proof of another project (proof {returned.proof_id[:20]} was not made from this one)."
        )
    if returned.fingerprints != proof.fingerprints:
        raise InvalidFile(
            f"{path}: its fingerprints differ from those of proof {proof.id} as it was made; "
            "the returned file was altered and is not recorded."
        )
    if returned.choice != CHANGES and returned.choice not in proof.fingerprints:
        raise InvalidFile(
            f"{path}: chooses {returned.choice!r}, which proof {proof.id} did not show "
            f"(it showed {', '.join(proof.fingerprints)})."
        )
    for earlier in variants.decisions:
        if earlier.file_sha256 == returned.file_sha256:
            raise InvalidFile(f"{path}: was already recorded on {earlier.recorded}.")
    shown = proof.fingerprints.get(returned.choice)
    edited = shown is not None and current_fingerprints.get(returned.choice) != shown
    decision = Decision(
        proof=proof.id,
        choice=returned.choice,
        name=returned.name.strip()[:200],
        email=returned.email.strip()[:320],
        comment=returned.comment.strip()[:10_000],
        recorded=now_iso(),
        decided=returned.decided[:40],
        fingerprint=shown,
        edited_since=edited,
        file_sha256=returned.file_sha256,
        file_name=path.name[:500],
    )
    variants.decisions = [*variants.decisions, decision]
    who = decision.name or decision.email or "someone"
    if returned.choice == CHANGES:
        said = f"{path}: recorded: {who} asked for changes"
    else:
        said = f"{path}: recorded: {who} chose variant {returned.choice}"
    if decision.comment:
        said += f" (comment: {decision.comment[:60]!r})"
    if edited:
        said += f"; variant {returned.choice} was edited after the proof was made, so this decision is about an earlier version"
    return decision, said + "."


def write_json_project(path: Path, document: dict[str, Any]) -> None:
    """Write the ``design.json`` form of a project atomically."""
    text = json.dumps(document, indent=2, ensure_ascii=False, allow_nan=False) + "\n"
    try:
        with atomic_replace(path, suffix=".tmp") as temp, open(temp, "w", encoding="utf-8") as f:
            f.write(text)
            f.flush()
            import os

            os.fsync(f.fileno())
    except OSError as err:
        raise StudioError(f"{path.name}: cannot be saved ({err.strerror or err}).") from None


def fingerprints_of(variants: VariantSet, assets: AssetStore, names: Sequence[str] | None = None) -> dict[str, str]:
    """Fingerprint of each variant (of ``names``, in that order; default all)."""
    chosen = variants.names() if names is None else list(names)
    return {name: fingerprint(variants.get(name).design, assets) for name in chosen}
