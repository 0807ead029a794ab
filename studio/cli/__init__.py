"""The ``studio`` command.

With no subcommand it opens the desktop editor; the subcommands do headless work and share the
exporters with the editor. Errors are one sentence on stderr naming the file and the problem,
with a non-zero exit status; ``--debug`` shows the traceback as well.
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from studio import __version__
from studio.cli._cut import add_cut_options, export_cut_file
from studio.cli._usage import (
    EXIT_STATUS_HELP,
    EXIT_USAGE,
    Parser,
    UsageError,
    finite_number,
    unknown_word,
    whole_number,
)
from studio.model.errors import StudioError

if TYPE_CHECKING:
    from studio.io.templates import TemplateLibrary
    from studio.render.scene import Document

EXIT_ERROR = 1
EXIT_INTERNAL = 70
EXIT_UNREADABLE = 3
"""``studio preflight``: the project cannot be read (0, 1 and 2 are its findings)."""

__all__ = ["EXIT_ERROR", "EXIT_INTERNAL", "EXIT_UNREADABLE", "EXIT_USAGE", "UsageError", "main"]


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the process exit status."""
    args_list = list(sys.argv[1:] if argv is None else argv)
    parser = _parser()
    commands = _subcommands(parser)
    if not args_list or (len(args_list) == 1 and not args_list[0].startswith("-") and args_list[0] not in commands):
        word = args_list[0] if args_list else None
        if word is not None and not Path(word).exists():
            if Path(word).suffix.lower() not in (".studio", ".json") and os.sep not in word and "/" not in word:
                print(f"studio: {unknown_word(word, commands)}.", file=sys.stderr)
                return EXIT_USAGE
            print(f"{word}: no such file.", file=sys.stderr)
            return EXIT_ERROR
        return _open_editor(word)
    args = parser.parse_args(args_list)
    debug = bool(getattr(args, "debug", False))
    handler: Callable[[argparse.Namespace], int] | None = getattr(args, "handler", None)
    if handler is None:
        parser.print_help()
        return EXIT_USAGE
    try:
        return handler(args)
    except UsageError as error:
        print(f"studio: {str(error).rstrip('.')}.", file=sys.stderr)
        return EXIT_USAGE
    except StudioError as error:
        if debug:
            raise
        print(_naming_the_file(str(error), getattr(args, "project", None)), file=sys.stderr)
        return EXIT_ERROR
    except OSError as error:
        if debug:
            raise
        where = error.filename if error.filename else "studio"
        print(f"{where}: {error.strerror or error}.", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        print("studio: interrupted.", file=sys.stderr)
        return 130
    except Exception:  # a bug: say so in one line, keep the details for --debug
        if debug:
            raise
        print(
            "studio: an unexpected internal error stopped the command; run it again with --debug for the details "
            "and report them.",
            file=sys.stderr,
        )
        return EXIT_INTERNAL


def _naming_the_file(message: str, project: Path | None) -> str:
    """Put the project's name in front of a message that does not say which file it is about."""
    if project is None or project.name in message:
        return message
    return f"{project}: {message[:1].lower()}{message[1:]}"


def _subcommands(parser: argparse.ArgumentParser) -> list[str]:
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return list(action.choices)
    return []


def _open_editor(project: str | None) -> int:
    from studio.cli._display import display_problem

    problem = display_problem()
    if problem is not None:
        print(
            f"studio: {problem}, so the editor cannot open; the subcommands (studio --help) work without one.",
            file=sys.stderr,
        )
        return EXIT_ERROR
    try:
        app = importlib.import_module("studio.ui.app")
    except ImportError:
        print(
            "studio: the desktop editor is not part of this installation; "
            "the subcommands (studio --help) export, check and create designs.",
            file=sys.stderr,
        )
        return EXIT_USAGE
    result: int = app.main(project)
    return result


_COMMANDS = ("templates", "new", "export", "preflight", "batch", "sheets")


def _parser() -> argparse.ArgumentParser:
    # --debug is accepted before and after the subcommand: the subcommands' copy only sets it when given.
    common = Parser(add_help=False)
    common.add_argument("--debug", action="store_true", default=argparse.SUPPRESS, help="show the full traceback")
    parser = Parser(
        prog="studio",
        description="Personalise products on templates and export print-ready files.",
        epilog=EXIT_STATUS_HELP,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--debug", action="store_true", help="show the full traceback of an error")
    parser.add_argument("--version", action="version", version=f"studio {__version__}")
    sub = parser.add_subparsers(title="commands", metavar="COMMAND")

    templates = sub.add_parser("templates", help="list or check product templates", parents=[common])
    tsub = templates.add_subparsers(title="templates commands", metavar="ACTION")
    tlist = tsub.add_parser("list", help="installed products, their views and print areas", parents=[common])
    tlist.add_argument("--json", action="store_true", help="machine-readable output")
    tlist.set_defaults(handler=_cmd_templates_list)
    tval = tsub.add_parser("validate", help="check a template folder", parents=[common])
    tval.add_argument("folder", type=Path, metavar="DIR")
    tval.set_defaults(handler=_cmd_templates_validate)

    new = sub.add_parser("new", help="create a project from a template", parents=[common])
    new.add_argument("template", metavar="TEMPLATE_ID")
    new.add_argument("-o", "--output", type=Path, required=True, metavar="PROJECT.studio")
    new.add_argument("--set", action="append", default=[], metavar="KEY=VALUE", help="a product option or a text field")
    new.add_argument("--force", action="store_true", help="replace PROJECT.studio if it exists")
    new.set_defaults(handler=_cmd_new)

    export = sub.add_parser("export", help="write print files", parents=[common])
    export.add_argument("project", type=Path, metavar="PROJECT")
    export.add_argument(
        "--format", choices=("pdf", "svg", "png", "mockup", "cut", "proof", "proof-html", "result"), required=True
    )
    export.add_argument("-o", "--output", type=Path, required=True, metavar="OUT")
    export.add_argument("--area", help="print area id (SVG and PNG; default the first)")
    export.add_argument("--dpi", type=finite_number, help="PNG resolution, 10 to 2400 (default 300)")
    export.add_argument(
        "--bleed", type=finite_number, help="bleed in mm (PDF default: the template's; SVG/PNG default: none)"
    )
    export.add_argument("--marks", action="store_true", help="PDF: crop marks outside the bleed")
    export.add_argument("--cmyk", action="store_true", help="PDF: CMYK through the FOGRA39 profile, PDF/X-4")
    export.add_argument("--cut-line", action="store_true", help="stroke the die line in the spot colour CutContour")
    export.add_argument("--mirror", action="store_true", help="mirror the print (heat-transfer vinyl, transfers)")
    export.add_argument("--transparent", action="store_true", help="PNG and mockup: transparent background")
    export.add_argument("--view", help="mockup: the product view (default the first)")
    export.add_argument("--size", type=whole_number, help="mockup: longer side in pixels (default 1200)")
    export.add_argument("--angle", type=finite_number, help="mockup: turn a round product by DEG degrees")
    export.add_argument("--background", metavar="COLOR", help="mockup: #RRGGBB or 'transparent' (default white)")
    export.add_argument(
        "--sheet",
        nargs="?",
        const=True,
        default=False,
        metavar="SHEET",
        help="pdf, svg, png: copies on a paper or label sheet (studio sheets list); mockup (no value): a contact sheet",
    )
    export.add_argument(
        "--copies", type=whole_number, metavar="N", help="with --sheet SHEET: how many copies (default: a sheet full)"
    )
    export.add_argument(
        "--colorway",
        action="append",
        default=[],
        metavar="KEY=A,B,...",
        help="mockup sheet: an option (or part) and the choices (or colours) to show, one row each",
    )
    export.add_argument("--lang", choices=("en", "fr"), help="mockup sheet, proof, result: language")
    export.add_argument("--variant", metavar="NAME", help="the variant to export (default: the approved one)")
    export.add_argument("--variants", metavar="A,B,...", help="proof: the variants to show (default: all)")
    export.add_argument("--customer", metavar="NAME", help="proof: who the proof is for")
    export.add_argument("--message", metavar="TEXT", help="proof: a message to the customer; result: the thanks")
    export.add_argument(
        "--set", action="append", default=[], metavar="KEY=VALUE", help="a product option or a text field"
    )
    add_cut_options(export)
    export.add_argument("--force", action="store_true", help="replace OUT even if it is not an earlier export")
    export.add_argument("--strict", action="store_true", help="write nothing and exit 1 when preflight finds errors")
    export.set_defaults(handler=_cmd_export)

    preflight = sub.add_parser(
        "preflight",
        help="check that a design prints as intended",
        parents=[common],
        epilog="exit status: 0 ready to print, 1 warnings, 2 errors, 3 the project cannot be read, 64 usage error",
    )
    preflight.add_argument("project", type=Path, metavar="PROJECT")
    preflight.add_argument("--json", action="store_true", help="machine-readable output")
    preflight.add_argument("--bleed", type=finite_number, help="bleed in mm (default: the template's)")
    preflight.set_defaults(handler=_cmd_preflight)

    from studio.cli import approval
    from studio.cli import sheets as _sheets
    from studio.cli.batch import add_parser as add_batch_parser

    add_batch_parser(sub, common)
    _sheets.register(sub, common)
    approval.register(sub, common)
    approval.register_variants(sub, common)
    return parser


# -- handlers ---------------------------------------------------------------------------------
def _library() -> TemplateLibrary:
    from studio.io.templates import TemplateLibrary

    library = TemplateLibrary.default()
    # A template that cannot be read is skipped; every command says so, naming its folder.
    for problem in library.problems:
        print(f"studio: warning: {problem.message}", file=sys.stderr)
    return library


def _cmd_templates_list(args: argparse.Namespace) -> int:
    from studio.model.template import localize

    library = _library()
    templates = library.all()
    if args.json:
        data = [
            {
                "id": t.id,
                "name": localize(t.product.name),
                "category": t.product.category,
                "version": t.version,
                "views": [v.id for v in t.views],
                "print_areas": [
                    {
                        "id": a.id,
                        "name": localize(a.name),
                        "width_mm": a.width,
                        "height_mm": a.height,
                        "bleed_mm": a.bleed,
                        "safe_margin_mm": a.safe_margin,
                        "shape": a.shape.kind,
                        "print_method": a.print_method,
                    }
                    for a in t.print_areas
                ],
                "options": {o.id: [c.id for c in o.choices] for o in t.options},
                "parts": [p.id for p in t.parts],
            }
            for t in templates
        ]
        print(json.dumps(data, indent=2, ensure_ascii=False))
        return 0
    for t in templates:
        print(f"{t.id}  {localize(t.product.name)}  [{t.product.category}]")
        print(f"    views: {', '.join(v.id for v in t.views)}")
        for a in t.print_areas:
            print(f"    area {a.id}: {a.width:g} x {a.height:g} mm, bleed {a.bleed:g} mm, {a.shape.kind}")
    return 0


def _cmd_templates_validate(args: argparse.Namespace) -> int:
    from studio.io.templates import validate_template_folder

    problems = validate_template_folder(args.folder)
    for problem in problems:
        print(f"{problem.severity}: {problem.message}")
    errors = sum(1 for p in problems if p.severity == "error")
    if errors:
        print(
            f"{args.folder}: {errors} error{'s' if errors > 1 else ''}; the template cannot be used.", file=sys.stderr
        )
        return EXIT_ERROR
    print(f"{args.folder}: the template is valid.")
    return 0


def _cmd_new(args: argparse.Namespace) -> int:
    from studio.cli._output import check_new_output
    from studio.cli._settings import pairs, split_settings
    from studio.io.project import save_project, starter_project

    values = pairs(args.set)
    check_new_output(args.output, force=args.force)
    template = _library().get(args.template)
    project = starter_project(template)
    options, variables = split_settings(values, template, project.design)
    project = starter_project(template, options=options, variables=variables)
    from studio.export.document import document_for
    from studio.export.thumbnail import thumbnail_png

    save_project(project, args.output, thumbnail_png=thumbnail_png(document_for(project)))
    print(f"{args.output}: new {template.id} project.")
    return 0


def _load_document(path: Path, settings: Sequence[str] = (), variant: str | None = None) -> Document:
    """Open a project, with ``--set`` values applied to its options and fields."""
    from studio.cli._settings import pairs, split_settings
    from studio.export.document import document_for
    from studio.io.project import load_project

    values = pairs(settings)
    project = load_project(path, _library())
    from studio.cli.approval import production_variant

    production_variant(project, variant)
    options, variables = split_settings(values, project.template, project.design)
    if options:
        project.design.options = {**project.design.options, **options}
    name = path.stem if path.suffix == ".studio" else path.parent.name
    return document_for(project, variables=variables, name=name)


def _inputs_of(path: Path, doc: Document) -> list[Path]:
    """The files beside a ``design.json`` that its design reads."""
    if path.is_dir():
        path = path / "design.json"
    if path.suffix.lower() != ".json":
        return []
    return [path.parent / ref for ref in sorted(doc.design.assets())]


def _cmd_export(args: argparse.Namespace) -> int:
    # Every exporter writes through a temporary file and an atomic rename: a failed export leaves
    # nothing behind and an existing file untouched.
    from studio.cli._output import check_export_output, check_folder
    from studio.cli._usage import EXPORT_APPLIES, check_export_request, check_range

    project_file = args.project / "design.json" if args.project.is_dir() else args.project
    # Writing over the input is the worst mistake: say so before anything else.
    check_export_output(args.output, args.format, project=project_file, assets=(), force=True)
    check_export_request(args, _sheet_applies(args, EXPORT_APPLIES))
    check_range("--dpi", args.dpi, 10, 2400)
    check_range("--bleed", args.bleed, 0, 50, "mm")
    check_range("--size", args.size, 16, 8000, "pixels")
    check_folder(args.output)
    if args.format in ("proof", "proof-html", "result"):
        from studio.cli.approval import cmd_export_proof

        return cmd_export_proof(args)
    doc = _load_document(args.project, args.set, args.variant)
    check_export_output(
        args.output, args.format, project=project_file, assets=_inputs_of(args.project, doc), force=args.force
    )
    area_ids = doc.area_ids()
    if args.area is not None and args.area not in area_ids:
        raise UsageError(f"{args.project}: no print area {args.area!r}; the areas are {', '.join(area_ids)}")
    errors = _preflight_errors(doc, args)
    if errors and args.strict:
        raise StudioError(
            f"{args.project}: {_summary(errors)}, so --strict wrote nothing; `studio preflight` lists them."
        )
    if _on_sheet(args):
        _export_sheet(doc, args)
    elif args.format == "pdf":
        from studio.export.options import PdfOptions
        from studio.export.pdf import export_pdf

        pdf_options = PdfOptions(
            bleed=args.bleed,
            marks=args.marks,
            cut_line=args.cut_line,
            cmyk=args.cmyk,
            mirror=args.mirror,
            # Without --area, the areas that carry a design (a blank page helps nobody); all if none do.
            areas=(args.area,) if args.area else tuple(doc.designed_area_ids()) or None,
        )
        export_pdf(doc, args.output, options=pdf_options)
    elif args.format == "svg":
        from studio.export.options import SvgOptions
        from studio.export.svg import export_svg

        svg_options = SvgOptions(
            area=args.area or _first_designed(doc), bleed=args.bleed or 0.0, mirror=args.mirror, cut_line=args.cut_line
        )
        export_svg(doc, args.output, options=svg_options)
    elif args.format == "mockup":
        _export_mockup(doc, args)
    elif args.format == "cut":
        export_cut_file(doc, args, args.area or _first_designed(doc))
    else:
        from studio.export.options import PngOptions
        from studio.export.png import export_png

        png_options = PngOptions(
            area=args.area or _first_designed(doc),
            dpi=300.0 if args.dpi is None else args.dpi,
            transparent=args.transparent,
            bleed=args.bleed or 0.0,
            mirror=args.mirror,
        )
        export_png(doc, args.output, options=png_options)
    if sys.stdout.isatty():
        print(f"{args.output}: written.")
    if errors:
        print(
            f"studio: {args.project}: {_summary(errors)}; {args.output} was written anyway "
            "(`studio preflight` lists them, --strict refuses).",
            file=sys.stderr,
        )
    return 0


def _preflight_errors(doc: Document, args: argparse.Namespace) -> list[str]:
    """The messages of the preflight errors of the areas exported (warnings are for `studio preflight`)."""
    from studio.preflight import run_preflight

    if args.area is not None:
        areas = {args.area}
    elif args.format == "pdf" or args.format == "mockup":
        areas = set(doc.designed_area_ids() or doc.area_ids())
    else:
        areas = {_first_designed(doc) or doc.area_ids()[0]}
    bleed = args.bleed if args.format == "pdf" else None
    return [f.message for f in run_preflight(doc, bleed=bleed) if f.severity == "error" and f.area in areas]


def _summary(errors: Sequence[str]) -> str:
    first = errors[0].rstrip(".")
    more = len(errors) - 1
    tail = f" and {more} more" if more else ""
    return f"preflight found {len(errors)} error{'s' if len(errors) > 1 else ''} ({first}{tail})"


def _export_mockup(doc: Document, args: argparse.Namespace) -> None:
    from studio.export.mockup import MockupOptions, export_mockup
    from studio.model.color import Color

    views = [v.id for v in doc.template.views]
    if args.view is not None and args.view not in views:
        raise UsageError(f"{args.project}: no view {args.view!r}; the views are {', '.join(views)}")
    background: str | None = None
    given = "#FFFFFF" if args.background is None else args.background
    if not args.transparent and given.lower() != "transparent":
        try:
            background = Color.model_validate(given).hex
        except ValueError as error:
            raise UsageError(f"--background expects #RRGGBB or 'transparent', got {args.background!r}") from error
    colorways = {}
    for item in args.colorway:
        key, sep, values = item.partition("=")
        if not sep or not values:
            raise UsageError(f"--colorway expects KEY=A,B,..., got {item!r}")
        colorways[key.strip()] = tuple(v.strip() for v in values.split(",") if v.strip())
    options = MockupOptions(
        view=args.view,
        size=1200 if args.size is None else args.size,
        angle=args.angle or 0.0,
        background=background,
        sheet=args.sheet,
        colorways=colorways or None,
        lang=args.lang or "en",
    )
    export_mockup(doc, args.output, options=options)


def _on_sheet(args: argparse.Namespace) -> bool:
    """Whether the export puts copies on a sheet (``--sheet SHEET``), rather than a mockup contact sheet."""
    return isinstance(args.sheet, str) or args.copies is not None


def _sheet_applies(
    args: argparse.Namespace, applies: dict[str, tuple[str, frozenset[str]]]
) -> dict[str, tuple[str, frozenset[str]]]:
    """The formats each option applies to, for this command line: a sheet of copies takes PDF, SVG and PNG."""
    if args.sheet is True and args.format != "mockup":
        raise UsageError(
            "--sheet needs a sheet with --format pdf, svg or png: a paper (a4, letter, 300x450mm, 22in-roll) "
            "or a label sheet (studio sheets list)"
        )
    copies = ("--copies", frozenset({"pdf", "svg", "png"}))
    if not _on_sheet(args):
        return {**applies, "copies": copies}
    sheet = ("--sheet SHEET", frozenset({"pdf", "svg", "png"}))
    return {**applies, "sheet": sheet, "copies": copies, "marks": ("--marks", frozenset({"pdf", "svg"}))}


def _export_sheet(doc: Document, args: argparse.Namespace) -> None:
    from studio.cli.sheets import export_on_sheet

    if not isinstance(args.sheet, str):
        raise UsageError("--copies goes with --sheet SHEET (studio sheets list shows the sheets)")
    area = args.area or _first_designed(doc) or doc.area_ids()[0]
    export_on_sheet(doc, args, area)


def _first_designed(doc: Document) -> str | None:
    designed = doc.designed_area_ids()
    return designed[0] if designed else None


def _cmd_preflight(args: argparse.Namespace) -> int:
    from studio.preflight import exit_code, run_preflight

    try:
        doc = _load_document(args.project)
    except (StudioError, OSError) as error:
        if args.debug:
            raise
        # A script must tell "cannot check" from "checked: warnings" (1) and "errors" (2).
        if isinstance(error, OSError):
            message = f"{error.filename or args.project}: {error.strerror or error}."
        else:
            message = _naming_the_file(str(error), args.project)
        if args.json:
            print(json.dumps({"project": str(args.project), "status": "unreadable", "error": message, "findings": []}))
        print(message, file=sys.stderr)
        return EXIT_UNREADABLE
    findings = run_preflight(doc, bleed=args.bleed)
    code = exit_code(findings)
    from studio.cli.approval import preflight_note

    note = preflight_note(args.project)
    if note is not None:
        code = max(code, 1)
        print(f"warning: {note}", file=sys.stderr if args.json else sys.stdout)
    if args.json:
        print(
            json.dumps(
                {
                    "project": str(args.project),
                    "status": ["clean", "warnings", "errors"][code],
                    "findings": [f.as_dict() for f in findings],
                },
                indent=2,
                ensure_ascii=False,
            )
        )
        return code
    for f in findings:
        print(f"{f.severity}: {f.message}")
    if code == 0:  # notes (severity info) do not stop a print job
        print(f"{args.project}: ready to print, no problems found.")
    return code
