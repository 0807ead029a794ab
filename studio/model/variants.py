"""Variants of a project's design, the proofs sent to customers, and the decisions they returned.

A project holds one or more *variants* (``A``, ``B``… or names the user gives): each a full
:class:`~studio.model.design.Design` of the same template. A *proof* shows some of them to a
customer with a fingerprint of each; a *decision* is what came back: who chose which variant
(or asked for changes), when, and whether the variant had been edited since the proof was made.

The approved variant is not stored: it is the variant most of the latest decisions (one per
person) chose, when it strictly leads; see :meth:`VariantSet.approved`.
"""

from __future__ import annotations

from collections import Counter
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from studio.model.design import Design

VARIANT_NAME = r"^[A-Za-z0-9][A-Za-z0-9_-]{0,31}$"
"""A variant's name: letters, digits, ``_`` and ``-`` (it is also the proof form's export value)."""

CHANGES = "changes"
"""The ``choice`` value of a decision that asks for changes instead of choosing a variant."""

Sha256 = Annotated[str, Field(pattern=r"^[0-9a-f]{64}$")]
ProofId = Annotated[str, Field(pattern=r"^[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}$")]
Text = Annotated[str, Field(max_length=10_000)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", allow_inf_nan=False)


class Variant(BaseModel):
    """One proposal: a name and a full design."""

    model_config = ConfigDict(extra="forbid", arbitrary_types_allowed=True)

    name: Annotated[str, Field(pattern=VARIANT_NAME)]
    design: Design


class Proof(_Strict):
    """A proof sent out: which variants it showed, and the fingerprint of each as shown."""

    id: ProofId
    created: Annotated[str, Field(max_length=40)] = Field(description="UTC time, ISO 8601.")
    lang: Literal["en", "fr"] = "en"
    format: Literal["pdf", "html"] = "pdf"
    customer: Annotated[str, Field(max_length=200)] = ""
    fingerprints: dict[Annotated[str, Field(pattern=VARIANT_NAME)], Sha256] = Field(
        description="Variant name to the SHA-256 fingerprint of its design when the proof was made."
    )


class Decision(_Strict):
    """A decision returned on a proof."""

    proof: ProofId
    choice: Annotated[str, Field(pattern=VARIANT_NAME)] = Field(description="A variant name, or 'changes'.")
    name: Annotated[str, Field(max_length=200)] = ""
    email: Annotated[str, Field(max_length=320)] = ""
    comment: Text = ""
    recorded: Annotated[str, Field(max_length=40)] = Field(description="UTC time of the import, ISO 8601.")
    decided: Annotated[str, Field(max_length=40)] = Field(
        default="", description="When the customer decided, if the returned file says (ISO 8601)."
    )
    fingerprint: Sha256 | None = Field(
        default=None, description="Fingerprint of the chosen variant as the proof showed it (None for 'changes')."
    )
    edited_since: bool = Field(default=False, description="The chosen variant had been edited since the proof.")
    file_sha256: Sha256 = Field(description="SHA-256 of the returned file.")
    file_name: Annotated[str, Field(max_length=500)] = ""

    def voter(self) -> str:
        """Who decided, for counting one vote per person: the e-mail address, else the name, else the file."""
        return self.email.strip().lower() or self.name.strip().lower() or self.file_sha256


class VariantSet(BaseModel):
    """Every variant of a project, which one is being edited, and the approval record."""

    model_config = ConfigDict(extra="forbid", arbitrary_types_allowed=True)

    variants: list[Variant] = Field(min_length=1, max_length=26 * 4)
    current: Annotated[str, Field(pattern=VARIANT_NAME)]
    proofs: list[Proof] = Field(default_factory=list)
    decisions: list[Decision] = Field(default_factory=list)

    @model_validator(mode="after")
    def _consistent(self) -> VariantSet:
        names = [v.name for v in self.variants]
        for name in names:
            if name == CHANGES:
                raise ValueError(f"a variant may not be called {CHANGES!r} (proofs use it for 'changes needed')")
        if len(set(names)) != len(names):
            raise ValueError("two variants have the same name")
        if self.current not in names:
            raise ValueError(f"current names no variant ({self.current!r}; the variants: {', '.join(names)})")
        templates = {v.design.template for v in self.variants}
        if len(templates) > 1:
            raise ValueError("every variant must be a design of the same template")
        proof_ids = [p.id for p in self.proofs]
        if len(set(proof_ids)) != len(proof_ids):
            raise ValueError("two proofs have the same id")
        return self

    # -- access --------------------------------------------------------------------------------
    def names(self) -> list[str]:
        return [v.name for v in self.variants]

    def get(self, name: str) -> Variant:
        """The variant called ``name``.

        Raises
        ------
        KeyError
            When there is none.
        """
        for variant in self.variants:
            if variant.name == name:
                return variant
        raise KeyError(name)

    def proof(self, proof_id: str) -> Proof | None:
        for proof in self.proofs:
            if proof.id == proof_id:
                return proof
        return None

    def next_name(self) -> str:
        """The first free name in A, B, … Z, A2, B2, …"""
        taken = set(self.names())
        suffix = ""
        for round_ in range(1, 100):
            suffix = "" if round_ == 1 else str(round_)
            for letter in "ABCDEFGHIJKLMNOPQRSTUVWXYZ":
                if letter + suffix not in taken:
                    return letter + suffix
        raise ValueError("no free variant name")

    # -- decisions -----------------------------------------------------------------------------
    def latest_decisions(self) -> list[Decision]:
        """One decision per person: the last one recorded for each voter, in recording order."""
        latest: dict[str, Decision] = {}
        for decision in self.decisions:
            latest.pop(decision.voter(), None)
            latest[decision.voter()] = decision
        return list(latest.values())

    def votes(self) -> Counter[str]:
        """Votes per variant (and for 'changes'), counting each person's latest decision."""
        return Counter(d.choice for d in self.latest_decisions())

    def approved(self) -> str | None:
        """The variant the latest decisions chose, when it strictly leads; None otherwise."""
        ranked = self.votes().most_common()
        if not ranked:
            return None
        top, count = ranked[0]
        if top == CHANGES or (len(ranked) > 1 and ranked[1][1] == count):
            return None
        return top if top in self.names() else None

    def approval_fingerprints(self, name: str) -> set[str]:
        """The fingerprints of ``name`` that its latest decisions approved."""
        return {d.fingerprint for d in self.latest_decisions() if d.choice == name and d.fingerprint is not None}


# -- the project document (``design.json`` from schema version 2) ---------------------------------
_SHARED = ("template", "template_version")
"""Keys of a design that every variant shares; the document stores them once, at the top."""


def variant_set_from_document(data: dict[str, object]) -> VariantSet:
    """Build the variant set from a ``design.json`` object of the current schema.

    Raises
    ------
    pydantic.ValidationError
        For anything that does not fit (located as ``variants.<i>.…``).
    ValueError
        When ``variants`` is not a list of objects.
    """
    raw_variants = data.get("variants")
    if not isinstance(raw_variants, list) or not all(isinstance(v, dict) for v in raw_variants):
        raise ValueError("variants should be a list of objects, each with a name and a design")
    shared = {key: data[key] for key in _SHARED if key in data}
    variants = []
    for raw in raw_variants:
        assert isinstance(raw, dict)
        body = {k: v for k, v in raw.items() if k != "name"}
        variants.append({"name": raw.get("name"), "design": {**body, **shared}})
    rest = {k: v for k, v in data.items() if k not in (*_SHARED, "schema_version", "variants")}
    return VariantSet.model_validate({**rest, "variants": variants})


def document_of(variant_set: VariantSet) -> dict[str, object]:
    """The ``design.json`` object of ``variant_set`` (JSON-ready; asset references as they are)."""
    first = variant_set.variants[0].design
    variants = []
    for variant in variant_set.variants:
        body = variant.design.model_dump(mode="json")
        for key in (*_SHARED, "schema_version"):
            body.pop(key, None)
        variants.append({"name": variant.name, **body})
    return {
        "schema_version": first.schema_version,
        "template": first.template,
        "template_version": first.template_version,
        "current": variant_set.current,
        "variants": variants,
        "proofs": [p.model_dump(mode="json") for p in variant_set.proofs],
        "decisions": [d.model_dump(mode="json") for d in variant_set.decisions],
    }


def single(design: Design, name: str = "A") -> VariantSet:
    """A variant set holding ``design`` alone."""
    return VariantSet(variants=[Variant(name=name, design=design)], current=name)
