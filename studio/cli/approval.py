"""``studio approval`` and the proof, proof-html and result exports."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from studio.cli._usage import UsageError
from studio.model.errors import StudioError

PROOF_FORMATS = ("proof", "proof-html", "result")


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    """Add ``studio approval import|show|tally`` to the subcommands."""
    approval = sub.add_parser("approval", help="record and count customers' decisions on proofs", parents=[common])
    asub = approval.add_subparsers(title="approval commands", metavar="ACTION")
    imp = asub.add_parser("import", help="record decisions from returned proofs or decision files", parents=[common])
    imp.add_argument("project", type=Path, metavar="PROJECT")
    imp.add_argument("files", type=Path, nargs="+", metavar="FILE")
    imp.set_defaults(handler=cmd_import)
    show = asub.add_parser("show", help="the decisions recorded and the approved variant", parents=[common])
    show.add_argument("project", type=Path, metavar="PROJECT")
    show.add_argument("--json", action="store_true", help="machine-readable output")
    show.set_defaults(handler=cmd_show)
    tally = asub.add_parser("tally", help="votes per variant with 95 %% intervals", parents=[common])
    tally.add_argument("project", type=Path, metavar="PROJECT")
    tally.add_argument("--json", action="store_true", help="machine-readable output")
    tally.set_defaults(handler=cmd_tally)


def _load(path: Path) -> Any:
    from studio.cli import _library
    from studio.io.project import load_project

    return load_project(path, _library())


def save(project: Any, path: Path) -> None:
    """Save ``project`` back where it was read from, atomically (archive or ``design.json`` form)."""
    from studio.io.approval import write_json_project
    from studio.io.project import DESIGN_MEMBER, save_project
    from studio.model.variants import document_of

    source = project.path or path
    if source.suffix.lower() == ".json" or source.name == DESIGN_MEMBER:
        write_json_project(source, document_of(project.variant_set()))
        return
    from studio.export.document import document_for
    from studio.export.thumbnail import thumbnail_png

    try:
        thumbnail = thumbnail_png(document_for(project))
    except StudioError:
        thumbnail = None
    save_project(project, source, thumbnail_png=thumbnail)


def current_fingerprints(project: Any) -> dict[str, str]:
    from studio.io.approval import fingerprints_of

    return fingerprints_of(project.variant_set(), project.assets)


def outdated(project: Any, prints: dict[str, str] | None = None) -> list[str]:
    """Approved variants edited since their approval (at most the approved one)."""
    variants = project.variant_set()
    approved = variants.approved()
    if approved is None:
        return []
    prints = prints if prints is not None else current_fingerprints(project)
    approvals = variants.approval_fingerprints(approved)
    return [approved] if approvals and prints[approved] not in approvals else []


# -- exports ---------------------------------------------------------------------------------------
def cmd_export_proof(args: argparse.Namespace) -> int:
    """``studio export --format proof|proof-html|result``."""
    from studio.export.proof import ProofOptions, check_variants, export_proof_html, export_proof_pdf
    from studio.io.approval import new_proof_id, now_iso
    from studio.model.variants import Proof

    project = _load(args.project)
    variants = project.variant_set()
    if args.format == "result":
        return _export_result(project, args)
    names = variants.names()
    chosen = names
    if args.variants:
        chosen = [n.strip() for n in args.variants.split(",") if n.strip()]
        if not chosen:
            raise UsageError("--variants expects NAME,NAME,...")
    check_variants(chosen, names, str(args.project))
    prints = current_fingerprints(project)
    options = ProofOptions(
        proof_id=new_proof_id(),
        variants=tuple(chosen),
        fingerprints=prints,
        lang=args.lang or "en",
        customer=(args.customer or "").strip(),
        message=(args.message or "").strip(),
        created=now_iso(),
        outdated=tuple(outdated(project, prints)),
    )
    if args.format == "proof":
        export_proof_pdf(project, args.output, options=options)
    else:
        export_proof_html(project, args.output, options=options)
    variants.proofs = [
        *variants.proofs,
        Proof(
            id=options.proof_id,
            created=options.created,
            lang=options.lang,
            format="pdf" if args.format == "proof" else "html",
            customer=options.customer[:200],
            fingerprints={n: prints[n] for n in chosen},
        ),
    ]
    save(project, args.project)
    print(f"{args.output}: proof {options.proof_id} of variant{'s' if len(chosen) > 1 else ''} {', '.join(chosen)}.")
    return 0


def _export_result(project: Any, args: argparse.Namespace) -> int:
    from studio.export.proof import export_result_pdf
    from studio.model.tally import tally
    from studio.model.variants import CHANGES

    variants = project.variant_set()
    if not variants.decisions:
        raise StudioError(f"{args.project}: no decision has been recorded yet; `studio approval import` records them.")
    result = tally(variants.votes(), [*variants.names(), CHANGES])
    lang = args.lang or (variants.proofs[-1].lang if variants.proofs else "en")
    export_result_pdf(
        project, args.output, chosen=variants.approved(), result=result, lang=lang, message=(args.message or "").strip()
    )
    if sys.stdout.isatty():
        print(f"{args.output}: written.")
    return 0


# -- approval commands -------------------------------------------------------------------------------
def cmd_import(args: argparse.Namespace) -> int:
    from studio.io.approval import read_returned, record

    project = _load(args.project)
    variants = project.variant_set()
    prints = current_fingerprints(project)
    recorded = refused = 0
    for file in args.files:
        try:
            returned = read_returned(file)
            _decision, said = record(variants, returned, prints)
        except StudioError as error:
            print(str(error), file=sys.stderr)
            refused += 1
            continue
        print(said)
        recorded += 1
    if recorded:
        save(project, args.project)
    approved = variants.approved()
    if recorded:
        print(
            f"{args.project}: {recorded} decision{'s' if recorded > 1 else ''} recorded"
            + (f", {refused} file{'s' if refused > 1 else ''} refused" if refused else "")
            + (f"; approved variant: {approved}." if approved else "; no variant is approved.")
        )
    return 1 if refused else 0


def _approval_state(project: Any) -> dict[str, Any]:
    variants = project.variant_set()
    prints = current_fingerprints(project)
    approved = variants.approved()
    stale = outdated(project, prints)
    return {
        "project": str(project.path),
        "variants": variants.names(),
        "current": variants.current,
        "approved": approved,
        "approval_out_of_date": bool(stale),
        "proofs": [p.model_dump(mode="json") for p in variants.proofs],
        "decisions": [d.model_dump(mode="json") for d in variants.decisions],
    }


def cmd_show(args: argparse.Namespace) -> int:
    project = _load(args.project)
    state = _approval_state(project)
    if args.json:
        print(json.dumps(state, indent=2, ensure_ascii=False))
        return 0
    print(f"{args.project}: variants {', '.join(state['variants'])}; {len(state['proofs'])} proof(s) sent.")
    for d in state["decisions"]:
        who = d["name"] or d["email"] or d["file_name"]
        what = "asked for changes" if d["choice"] == "changes" else f"chose {d['choice']}"
        tail = " (the variant was edited after the proof)" if d["edited_since"] else ""
        comment = f": {d['comment']!r}" if d["comment"] else ""
        print(f"  {d['recorded']}  {who} {what} on proof {d['proof']}{tail}{comment}")
    if state["approved"] is None:
        print("No variant is approved.")
    elif state["approval_out_of_date"]:
        print(f"Approved: variant {state['approved']}, but it was edited since; the approval is out of date.")
    else:
        print(f"Approved: variant {state['approved']}.")
    return 0


def tally_sentence(result: Any) -> str:
    """One plain sentence on whether the leader's lead is larger than chance."""
    if result.total == 0:
        return "No votes yet."
    first, second = result.shares[0], result.shares[1]
    if first.votes == second.votes:
        return f"{_label(first.choice)} and {_label(second.choice)} are tied at {first.votes} votes each; more votes are needed."
    p = result.p_value
    if result.settled:
        return (
            f"{_label(first.choice)} leads {_label(second.choice)} by {first.votes} votes to {second.votes}: "
            f"a lead this large would arise by chance in {p * 100:.1f} % of cases (exact binomial test), "
            "so it is larger than chance."
        )
    more = (
        ""
        if result.votes_needed is None
        else (
            f"; at the same shares, about {result.votes_needed} votes in all ({result.votes_needed - result.total} more) would settle it"
        )
    )
    return (
        f"{_label(first.choice)} leads {_label(second.choice)} by {first.votes} votes to {second.votes}, "
        f"but a lead this large would arise by chance in {p * 100:.0f} % of cases (exact binomial test), "
        f"so it is not yet larger than chance{more}."
    )


def _label(choice: str) -> str:
    return "'changes needed'" if choice == "changes" else f"variant {choice}"


def cmd_tally(args: argparse.Namespace) -> int:
    from studio.model.tally import tally
    from studio.model.variants import CHANGES

    project = _load(args.project)
    variants = project.variant_set()
    result = tally(variants.votes(), [*variants.names(), CHANGES])
    sentence = tally_sentence(result)
    if args.json:
        data = {
            "votes": result.total,
            "interval": "Wilson score, 95 %",
            "shares": [
                {"choice": s.choice, "votes": s.votes, "share": s.share, "low": s.low, "high": s.high}
                for s in result.shares
            ],
            "test": "exact two-sided binomial test of the first two",
            "p_value": result.p_value,
            "settled": result.settled,
            "votes_needed": result.votes_needed,
            "approved": variants.approved(),
            "sentence": sentence,
        }
        print(json.dumps(data, indent=2, ensure_ascii=False))
        return 0
    print(f"{args.project}: {result.total} vote{'s' if result.total != 1 else ''} (one per person, the latest).")
    for s in result.shares:
        print(
            f"  {_label(s.choice):<22} {s.votes:>5}  {s.share * 100:5.1f} %  "
            f"(95 % Wilson interval {s.low * 100:.1f}–{s.high * 100:.1f} %)"
        )
    print(sentence)
    return 0


def production_variant(project: Any, name: str | None) -> None:
    """Select the variant a production export uses: ``name``, else the approved one, else the current one.

    Says on stderr when the approval it uses is out of date.
    """
    if name is not None:
        project.select(name)
        return
    variants = project.variant_set()
    if len(variants.variants) == 1:
        return
    approved = variants.approved()
    if approved is not None:
        project.select(approved)
        if outdated(project):
            print(
                f"studio: warning: variant {approved} was edited after it was approved; the approval is out of date.",
                file=sys.stderr,
            )


# -- variants ------------------------------------------------------------------------------------------
def register_variants(sub: Any, common: argparse.ArgumentParser) -> None:
    """Add ``studio variants list|add|rename|delete``."""
    variants = sub.add_parser("variants", help="list, add, rename or delete a project's variants", parents=[common])
    vsub = variants.add_subparsers(title="variants commands", metavar="ACTION")
    vlist = vsub.add_parser("list", help="the variants and their fingerprints", parents=[common])
    vlist.add_argument("project", type=Path, metavar="PROJECT")
    vlist.add_argument("--json", action="store_true", help="machine-readable output")
    vlist.set_defaults(handler=cmd_variants_list)
    add = vsub.add_parser("add", help="add a variant: a copy of another, with changes", parents=[common])
    add.add_argument("project", type=Path, metavar="PROJECT")
    add.add_argument("name", nargs="?", metavar="NAME", help="its name (default: the next free letter)")
    add.add_argument("--from", dest="source", metavar="VARIANT", help="the variant to copy (default: the current)")
    add.add_argument("--set", action="append", default=[], metavar="KEY=VALUE", help="a product option or a text field")
    add.set_defaults(handler=cmd_variants_add)
    rename = vsub.add_parser("rename", help="rename a variant", parents=[common])
    rename.add_argument("project", type=Path, metavar="PROJECT")
    rename.add_argument("old", metavar="NAME")
    rename.add_argument("new", metavar="NEW")
    rename.set_defaults(handler=cmd_variants_rename)
    delete = vsub.add_parser("delete", help="delete a variant", parents=[common])
    delete.add_argument("project", type=Path, metavar="PROJECT")
    delete.add_argument("name", metavar="NAME")
    delete.set_defaults(handler=cmd_variants_delete)


def _check_name(name: str) -> None:
    import re

    from studio.model.variants import CHANGES, VARIANT_NAME

    if not re.match(VARIANT_NAME, name) or name == CHANGES:
        raise UsageError(
            f"{name!r} cannot name a variant: use up to 32 letters, digits, '_' or '-', and not {CHANGES!r}"
        )


def cmd_variants_list(args: argparse.Namespace) -> int:
    project = _load(args.project)
    variants = project.variant_set()
    prints = current_fingerprints(project)
    approved = variants.approved()
    if args.json:
        data = [
            {"name": n, "current": n == variants.current, "approved": n == approved, "fingerprint": prints[n]}
            for n in variants.names()
        ]
        print(json.dumps(data, indent=2))
        return 0
    for name in variants.names():
        marks = [m for m, on in (("current", name == variants.current), ("approved", name == approved)) if on]
        print(f"{name:<8} {prints[name][:16]}  {', '.join(marks)}".rstrip())
    return 0


def cmd_variants_add(args: argparse.Namespace) -> int:
    from studio.cli._settings import pairs, split_settings
    from studio.model.design import Design
    from studio.model.variants import Variant

    project = _load(args.project)
    variants = project.variant_set()
    name = args.name or variants.next_name()
    _check_name(name)
    if name in variants.names():
        raise StudioError(f"{args.project}: already has a variant {name!r}.")
    if args.source is not None:
        project.select(args.source)
    values = pairs(args.set)
    options, fields = split_settings(values, project.template, project.design)
    copy = Design.model_validate(project.design.model_dump(mode="json"))
    if options:
        copy.options = {**copy.options, **options}
    if fields:
        copy.variables = {**copy.variables, **fields}
    variants.variants = [*variants.variants, Variant(name=name, design=copy)]
    save(project, args.project)
    print(f"{args.project}: variant {name} added (a copy of {variants.current}).")
    return 0


def cmd_variants_rename(args: argparse.Namespace) -> int:
    project = _load(args.project)
    variants = project.variant_set()
    _check_name(args.new)
    variant = _existing(project, args.old, args.project)
    if args.new in variants.names():
        raise StudioError(f"{args.project}: already has a variant {args.new!r}.")
    if any(d.choice == args.old for d in variants.decisions) or any(
        args.old in p.fingerprints for p in variants.proofs
    ):
        raise StudioError(
            f"{args.project}: variant {args.old} was sent in a proof; renaming it would detach the decisions about it."
        )
    variant.name = args.new
    if variants.current == args.old:
        variants.current = args.new
    save(project, args.project)
    print(f"{args.project}: variant {args.old} is now {args.new}.")
    return 0


def cmd_variants_delete(args: argparse.Namespace) -> int:
    project = _load(args.project)
    variants = project.variant_set()
    variant = _existing(project, args.name, args.project)
    if len(variants.variants) == 1:
        raise StudioError(f"{args.project}: {args.name} is the only variant; a project keeps at least one.")
    variants.variants = [v for v in variants.variants if v is not variant]
    if variants.current == args.name:
        project.select(variants.variants[0].name)
    save(project, args.project)
    print(f"{args.project}: variant {args.name} deleted.")
    return 0


def _existing(project: Any, name: str, source: Path) -> Any:
    variants = project.variant_set()
    try:
        return variants.get(name)
    except KeyError:
        raise StudioError(
            f"{source}: has no variant {name!r}; its variants are {', '.join(variants.names())}."
        ) from None


def preflight_note(path: Path) -> str | None:
    """The warning preflight gives when the approved variant was edited after its approval."""
    try:
        project = _load(path)
    except StudioError:
        return None
    stale = outdated(project)
    if not stale:
        return None
    return (
        f"{path}: variant {stale[0]} was edited after it was approved; the approval is out of date "
        "(send a new proof: studio export --format proof)."
    )
