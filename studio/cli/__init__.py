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
from studio.model.errors import StudioError

if TYPE_CHECKING:
    from studio.io.templates import TemplateLibrary
    from studio.render.scene import Document

EXIT_ERROR = 1
EXIT_USAGE = 64
EXIT_INTERNAL = 70


class UsageError(StudioError):
    """A command line that cannot be carried out as given."""


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the process exit status."""
    args_list = list(sys.argv[1:] if argv is None else argv)
    parser = _parser()
    if not args_list or (len(args_list) == 1 and not args_list[0].startswith("-") and args_list[0] not in _COMMANDS):
        return _open_editor(args_list[0] if args_list else None)
    args = parser.parse_args(args_list)
    debug = bool(getattr(args, "debug", False))
    handler: Callable[[argparse.Namespace], int] | None = getattr(args, "handler", None)
    if handler is None:
        parser.print_help()
        return EXIT_USAGE
    try:
        return handler(args)
    except UsageError as error:
        print(f"studio: {error}", file=sys.stderr)
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
    except Exception as error:  # a bug: say so in one line, keep the details for --debug
        if debug:
            raise
        print(
            f"studio: internal error ({type(error).__name__}: {error}); run again with --debug for details.",
            file=sys.stderr,
        )
        return EXIT_INTERNAL


def _naming_the_file(message: str, project: Path | None) -> str:
    """Put the project's name in front of a message that does not say which file it is about."""
    if project is None or project.name in message:
        return message
    return f"{project}: {message[:1].lower()}{message[1:]}"


def _open_editor(project: str | None) -> int:
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
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--debug", action="store_true", help="show the full traceback of an error")
    parser = argparse.ArgumentParser(
        prog="studio",
        description="Personalise products on templates and export print-ready files.",
        parents=[common],
    )
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
    new.set_defaults(handler=_cmd_new)

    export = sub.add_parser("export", help="write print files", parents=[common])
    export.add_argument("project", type=Path, metavar="PROJECT")
    export.add_argument("--format", choices=("pdf", "svg", "png", "mockup"), required=True)
    export.add_argument("-o", "--output", type=Path, required=True, metavar="OUT")
    export.add_argument("--area", help="print area id (SVG and PNG; default the first)")
    export.add_argument("--dpi", type=float, default=300.0, help="PNG resolution (default 300)")
    export.add_argument("--bleed", type=float, help="bleed in mm (PDF default: the template's; SVG/PNG default: none)")
    export.add_argument("--marks", action="store_true", help="PDF: crop marks outside the bleed")
    export.add_argument("--cmyk", action="store_true", help="PDF: CMYK through the FOGRA39 profile, PDF/X-4")
    export.add_argument("--cut-line", action="store_true", help="stroke the die line in the spot colour CutContour")
    export.add_argument("--mirror", action="store_true", help="mirror the print (heat-transfer vinyl, transfers)")
    export.add_argument("--transparent", action="store_true", help="PNG and mockup: transparent background")
    export.add_argument("--view", help="mockup: the product view (default the first)")
    export.add_argument("--size", type=int, default=1200, help="mockup: longer side in pixels (default 1200)")
    export.add_argument("--angle", type=float, default=0.0, help="mockup: turn a round product by DEG degrees")
    export.add_argument("--background", default="#FFFFFF", metavar="COLOR", help="mockup: #RRGGBB or 'transparent'")
    export.add_argument(
        "--sheet",
        nargs="?",
        const=True,
        default=False,
        metavar="SHEET",
        help="pdf, svg, png: copies on a paper or label sheet (studio sheets list); mockup (no value): a contact sheet",
    )
    export.add_argument("--copies", type=int, metavar="N", help="with --sheet: how many copies (default: a sheet full)")
    export.add_argument(
        "--colorway",
        action="append",
        default=[],
        metavar="KEY=A,B,...",
        help="mockup sheet: an option (or part) and the choices (or colours) to show, one row each",
    )
    export.add_argument("--lang", choices=("en", "fr"), default="en", help="mockup sheet: language of the captions")
    export.add_argument("--set", action="append", default=[], metavar="KEY=VALUE", help="value for a {field} in text")
    export.set_defaults(handler=_cmd_export)

    preflight = sub.add_parser("preflight", help="check that a design prints as intended", parents=[common])
    preflight.add_argument("project", type=Path, metavar="PROJECT")
    preflight.add_argument("--json", action="store_true", help="machine-readable output")
    preflight.add_argument("--bleed", type=float, help="bleed in mm (default: the template's)")
    preflight.set_defaults(handler=_cmd_preflight)

    from studio.cli import sheets as _sheets
    from studio.cli.batch import add_parser as add_batch_parser

    add_batch_parser(sub, common)
    _sheets.register(sub, common)
    return parser


# -- handlers ---------------------------------------------------------------------------------
def _library() -> TemplateLibrary:
    from studio.io.templates import TemplateLibrary

    return TemplateLibrary.default()


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
    for problem in getattr(library, "problems", []):
        print(f"warning: {problem}", file=sys.stderr)
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


def _pairs(values: Sequence[str]) -> dict[str, str]:
    out: dict[str, str] = {}
    for item in values:
        key, sep, value = item.partition("=")
        if not sep or not key.strip():
            raise UsageError(f"--set expects KEY=VALUE, got {item!r}")
        out[key.strip()] = value
    return out


def _cmd_new(args: argparse.Namespace) -> int:
    from studio.io.assets import AssetStore
    from studio.io.project import Project, new_design, save_project

    template = _library().get(args.template)
    values = _pairs(args.set)
    option_ids = {o.id for o in template.options}
    options = {k: v for k, v in values.items() if k in option_ids}
    variables = {k: v for k, v in values.items() if k not in option_ids}
    design = new_design(template, options=options, variables=variables)
    _check_output(args.output)
    project = Project(design=design, template=template, assets=AssetStore(), path=None)
    from studio.export.document import document_for
    from studio.export.thumbnail import thumbnail_png

    save_project(project, args.output, thumbnail_png=thumbnail_png(document_for(project)))
    print(f"{args.output}: new {template.id} project.")
    return 0


def _load_document(path: Path, variables: dict[str, str] | None = None) -> Document:
    from studio.export.document import open_document

    return open_document(path, library=_library(), variables=variables)


def _check_output(path: Path) -> None:
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise StudioError(f"{path}: the folder {folder} does not exist.")
    if not os.access(folder, os.W_OK):
        raise StudioError(f"{path}: the folder {folder} cannot be written to.")
    if path.is_dir():
        raise StudioError(f"{path}: is a folder; give a file name.")


def _cmd_export(args: argparse.Namespace) -> int:
    # Every exporter writes through a temporary file and an atomic rename: a failed export leaves
    # nothing behind and an existing file untouched.
    _check_output(args.output)
    doc = _load_document(args.project, _pairs(args.set))
    area_ids = doc.area_ids()
    if args.area is not None and args.area not in area_ids:
        raise UsageError(f"{args.project}: no print area {args.area!r}; the areas are {', '.join(area_ids)}")
    if args.dpi <= 0 or args.dpi > 2400:
        raise UsageError("--dpi must be between 1 and 2400")
    if args.bleed is not None and not 0 <= args.bleed <= 50:
        raise UsageError("--bleed must be between 0 and 50 mm")
    if isinstance(args.sheet, str) or args.copies is not None or (args.sheet is True and args.format != "mockup"):
        return _export_sheet(doc, args)
    if args.format == "pdf":
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
    else:
        from studio.export.options import PngOptions
        from studio.export.png import export_png

        png_options = PngOptions(
            area=args.area or _first_designed(doc),
            dpi=args.dpi,
            transparent=args.transparent,
            bleed=args.bleed or 0.0,
            mirror=args.mirror,
        )
        export_png(doc, args.output, options=png_options)
    if sys.stdout.isatty():
        print(f"{args.output}: written.")
    return 0


def _export_mockup(doc: Document, args: argparse.Namespace) -> None:
    from studio.export.mockup import MockupOptions, export_mockup
    from studio.model.color import Color

    views = [v.id for v in doc.template.views]
    if args.view is not None and args.view not in views:
        raise UsageError(f"{args.project}: no view {args.view!r}; the views are {', '.join(views)}")
    if not 16 <= args.size <= 8000:
        raise UsageError("--size must be between 16 and 8000 pixels")
    background: str | None = None
    if not args.transparent and args.background.lower() != "transparent":
        try:
            background = Color.model_validate(args.background).hex
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
        size=args.size,
        angle=args.angle,
        background=background,
        sheet=args.sheet,
        colorways=colorways or None,
        lang=args.lang,
    )
    export_mockup(doc, args.output, options=options)


def _export_sheet(doc: Document, args: argparse.Namespace) -> int:
    from studio.cli.sheets import export_on_sheet

    if not isinstance(args.sheet, str) or args.format not in ("pdf", "svg", "png"):
        raise UsageError(
            "--sheet SHEET and --copies go with --format pdf, svg or png (studio sheets list shows the sheets)"
        )
    area = args.area or _first_designed(doc) or doc.area_ids()[0]
    export_on_sheet(doc, args, area)
    return 0


def _first_designed(doc: Document) -> str | None:
    designed = doc.designed_area_ids()
    return designed[0] if designed else None


def _cmd_preflight(args: argparse.Namespace) -> int:
    from studio.preflight import exit_code, run_preflight

    doc = _load_document(args.project)
    findings = run_preflight(doc, bleed=args.bleed)
    code = exit_code(findings)
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
    if not findings:
        print(f"{args.project}: ready to print, no problems found.")
    return code
