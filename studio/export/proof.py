"""Customer proofs (a fillable PDF, or one self-contained HTML page) and the result sheet.

A proof shows each chosen variant's mockups with its details and fingerprint, and a form: the
radio group ``choice`` (one export value per variant name, plus ``changes``) and the text fields
``name``, ``email`` and ``comment``. Its document information carries ``/StudioProofId``,
``/StudioFingerprints`` (JSON: variant name to fingerprint) and ``/StudioLang``.
"""

from __future__ import annotations

import base64
import html
import io
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from PIL import Image

from studio import resources
from studio.export._files import atomic_target, write_atomically
from studio.export.document import document_for
from studio.io.approval import DECISION_FORMAT, INFO_FINGERPRINTS, INFO_LANG, INFO_PROOF_ID
from studio.io.project import Project
from studio.model.errors import StudioError
from studio.model.tally import Tally
from studio.model.template import localize
from studio.model.variants import CHANGES
from studio.render.mockup import MockupRenderer

__all__ = ["TEXT", "ProofOptions", "export_proof_html", "export_proof_pdf", "export_result_pdf"]

TEXT: dict[str, dict[str, str]] = {
    "en": {
        "title": "Design proof",
        "for": "Prepared for {customer}",
        "proof": "Proof {id}",
        "variant": "Variant {name}",
        "product": "Product",
        "options": "Options",
        "colours": "Colours",
        "print": "Print",
        "print_line": "{area}: {w:g} × {h:g} mm, {method}",
        "screen": "Colours on a screen differ from printed colours; the mockup shows the layout, not an exact colour match.",
        "fingerprint": "Fingerprint (SHA-256) of this design",
        "decide": "Your decision",
        "how": (
            "1. Choose one design below, or “changes needed” if none is right.\n"
            "2. Write your name and e-mail; add a comment if you wish.\n"
            "3. Save this PDF (File > Save) and send the saved file back to us by e-mail.\n"
            "Any PDF reader fills this form: Acrobat Reader, Preview, a web browser, Evince, Okular."
        ),
        "choose": "I choose",
        "changes": "Changes needed (none of these designs; say what to change below)",
        "name": "Name",
        "email": "E-mail",
        "comment": "Comment",
        "message": "Message",
        "page": "Page {n} of {total}",
        "outdated": "Note: variant {name} was edited after it was approved; this proof shows the new version.",
        "save_html": "Save my decision",
        "html_how": (
            "Choose one design, write your name and e-mail, then press “Save my decision”: a small file is "
            "saved on your device. Send that file back to us by e-mail."
        ),
        "result_title": "The result",
        "result_chosen": "The chosen design: variant {name}",
        "votes": "Votes",
        "share": "Share (95 % interval)",
        "thanks": "Thank you for taking part!",
        "none_chosen": "No design has been chosen yet.",
    },
    "fr": {
        "title": "Bon à tirer",
        "for": "Préparé pour {customer}",
        "proof": "Épreuve {id}",
        "variant": "Variante {name}",
        "product": "Produit",
        "options": "Options",
        "colours": "Couleurs",
        "print": "Impression",
        "print_line": "{area} : {w:g} × {h:g} mm, {method}",
        "screen": "Les couleurs à l’écran diffèrent des couleurs imprimées ; la maquette montre la mise en page, "
        "pas la couleur exacte.",
        "fingerprint": "Empreinte (SHA-256) de ce design",
        "decide": "Votre décision",
        "how": (
            "1. Choisissez un design ci-dessous, ou « modifications nécessaires » si aucun ne convient.\n"
            "2. Indiquez votre nom et votre e-mail ; ajoutez un commentaire si vous le souhaitez.\n"
            "3. Enregistrez ce PDF (Fichier > Enregistrer) et renvoyez-nous le fichier enregistré par e-mail.\n"
            "Tout lecteur PDF remplit ce formulaire : Acrobat Reader, Aperçu, un navigateur web, Evince, Okular."
        ),
        "choose": "Je choisis",
        "changes": "Modifications nécessaires (aucun de ces designs ; dites ci-dessous quoi changer)",
        "name": "Nom",
        "email": "E-mail",
        "comment": "Commentaire",
        "message": "Message",
        "page": "Page {n} sur {total}",
        "outdated": "Remarque : la variante {name} a été modifiée après son approbation ; cette épreuve montre "
        "la nouvelle version.",
        "save_html": "Enregistrer ma décision",
        "html_how": (
            "Choisissez un design, indiquez votre nom et votre e-mail, puis appuyez sur « Enregistrer ma décision » : "
            "un petit fichier est enregistré sur votre appareil. Renvoyez-nous ce fichier par e-mail."
        ),
        "result_title": "Le résultat",
        "result_chosen": "Le design choisi : variante {name}",
        "votes": "Votes",
        "share": "Part (intervalle à 95 %)",
        "thanks": "Merci d’avoir participé !",
        "none_chosen": "Aucun design n’a encore été choisi.",
    },
}

METHODS = {
    "en": {
        "digital": "digital print",
        "offset": "offset print",
        "dtg": "direct-to-garment print",
        "screen": "screen print",
        "vinyl": "cut vinyl",
        "sublimation": "sublimation",
        "embroidery": "embroidery",
        "uv": "UV print",
        "pad": "pad print",
    },
    "fr": {
        "digital": "impression numérique",
        "offset": "impression offset",
        "dtg": "impression directe sur textile",
        "screen": "sérigraphie",
        "vinyl": "vinyle découpé",
        "sublimation": "sublimation",
        "embroidery": "broderie",
        "uv": "impression UV",
        "pad": "tampographie",
    },
}


@dataclass(frozen=True, kw_only=True)
class ProofOptions:
    proof_id: str
    variants: tuple[str, ...]
    fingerprints: Mapping[str, str]
    lang: str = "en"
    customer: str = ""
    message: str = ""
    created: str = ""
    outdated: tuple[str, ...] = ()
    """Variants whose approval is out of date (the proof says so)."""


@dataclass(frozen=True)
class _VariantView:
    name: str
    images: list[Image.Image]
    details: list[tuple[str, str]]


def _variant_views(project: Project, options: ProofOptions, size: int) -> list[_VariantView]:
    variants = project.variant_set()
    renderer = MockupRenderer(project.template)
    template = project.template
    lang = options.lang
    t = TEXT[lang]
    out = []
    for name in options.variants:
        design = variants.get(name).design
        doc = document_for(replace(project, design=design), name=name)
        images = [renderer.render(doc, view.id, size=size) for view in template.views[:3]]
        chosen = []
        for option in template.options:
            choice = next((c for c in option.choices if c.id == design.options.get(option.id, option.default)), None)
            if choice is not None:
                chosen.append(f"{localize(option.name, lang)}: {localize(choice.name, lang)}")
        colours = []
        for part in template.parts:
            colour = design.part_colors.get(part.id)
            if colour is not None:
                named = next((n for n in part.palette if n.color.hex == colour.hex), None)
                colours.append(f"{localize(part.name, lang)}: {localize(named.name, lang) if named else colour.hex}")
        areas = [
            t["print_line"].format(
                area=localize(a.name, lang),
                w=a.width,
                h=a.height,
                method=METHODS[lang].get(a.print_method, a.print_method),
            )
            for a in template.print_areas
            if a.id in doc.designed_area_ids()
        ]
        details = [(t["product"], localize(template.product.name, lang))]
        if chosen:
            details.append((t["options"], "; ".join(chosen)))
        if colours:
            details.append((t["colours"], "; ".join(colours)))
        if areas:
            details.append((t["print"], "; ".join(areas)))
        out.append(_VariantView(name, images, details))
    return out


# -- PDF -----------------------------------------------------------------------------------------------
_FONTS_REGISTERED = False


def _fonts() -> tuple[str, str]:
    global _FONTS_REGISTERED
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    if not _FONTS_REGISTERED:
        folder = resources.assets_dir() / "fonts" / "Lato"
        pdfmetrics.registerFont(TTFont("StudioProof", str(folder / "Lato-Regular.ttf")))
        pdfmetrics.registerFont(TTFont("StudioProof-Bold", str(folder / "Lato-Bold.ttf")))
        _FONTS_REGISTERED = True
    return "StudioProof", "StudioProof-Bold"


def _wrap(text: str, font: str, size: float, width: float) -> list[str]:
    from reportlab.pdfbase.pdfmetrics import stringWidth

    lines: list[str] = []
    for paragraph in text.split("\n"):
        line = ""
        for word in paragraph.split(" "):
            trial = f"{line} {word}".strip()
            if stringWidth(trial, font, size) <= width or not line:
                line = trial
            else:
                lines.append(line)
                line = word
        lines.append(line)
    return lines


_INK = (0.13, 0.14, 0.16)
_GREY = (0.42, 0.44, 0.48)
_ACCENT = (0.16, 0.35, 0.62)


def export_proof_pdf(project: Project, path: Path, *, options: ProofOptions) -> Path:
    """Write a fillable proof PDF of ``options.variants`` to ``path`` (atomically)."""
    from reportlab.lib.colors import Color as RlColor
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen.canvas import Canvas

    regular, bold = _fonts()
    t = TEXT[options.lang]
    views = _variant_views(project, options, size=900)
    buf = io.BytesIO()
    width, height = A4
    margin = 42.0
    c = Canvas(buf, pagesize=A4, pageCompression=1, invariant=0)
    product = localize(project.template.product.name, options.lang)
    c.setTitle(f"{t['title']} — {product} — {t['proof'].format(id=options.proof_id)}")
    c.setAuthor("Studio")
    c.setSubject(t["title"])
    c.setCreator("Studio")
    total = len(views) + 1

    def header(page: int) -> float:
        c.setFillColorRGB(*_ACCENT)
        c.rect(0, height - 6, width, 6, stroke=0, fill=1)
        c.setFillColorRGB(*_INK)
        c.setFont(bold, 18)
        c.drawString(margin, height - margin - 8, f"{t['title']} · {product}")
        c.setFont(regular, 10)
        c.setFillColorRGB(*_GREY)
        c.drawRightString(width - margin, height - margin - 6, t["proof"].format(id=options.proof_id))
        sub = options.created[:10]
        if options.customer:
            sub = f"{t['for'].format(customer=options.customer)} · {sub}"
        c.drawString(margin, height - margin - 24, sub)
        c.setStrokeColorRGB(0.85, 0.86, 0.88)
        c.line(margin, height - margin - 34, width - margin, height - margin - 34)
        c.setFont(regular, 8)
        c.drawCentredString(width / 2, 22, t["page"].format(n=page, total=total))
        return float(height - margin - 50)

    for number, view in enumerate(views, start=1):
        y = header(number)
        c.setFillColorRGB(*_INK)
        c.setFont(bold, 26)
        c.drawString(margin, y - 20, t["variant"].format(name=view.name))
        y -= 40
        if view.name in options.outdated:
            c.setFont(regular, 9)
            c.setFillColorRGB(0.7, 0.3, 0.05)
            c.drawString(margin, y, t["outdated"].format(name=view.name))
            y -= 14
        # Mockups in a row, as large as the width allows (at most 360 pt high).
        count = len(view.images)
        gap = 10.0
        cell = (width - 2 * margin - gap * (count - 1)) / count
        tallest = 0.0
        for image in view.images:
            tallest = max(tallest, cell * image.height / image.width)
        box_h = min(360.0, tallest)
        x = margin
        for image in view.images:
            scale = min(cell / image.width, box_h / image.height)
            w, h = image.width * scale, image.height * scale
            c.setStrokeColorRGB(0.88, 0.89, 0.9)
            c.rect(x, y - box_h, cell, box_h, stroke=1, fill=0)
            c.drawImage(ImageReader(image), x + (cell - w) / 2, y - box_h + (box_h - h) / 2, w, h)
            x += cell + gap
        y -= box_h + 24
        for label, value in view.details:
            c.setFont(bold, 10)
            c.setFillColorRGB(*_INK)
            c.drawString(margin, y, label)
            c.setFont(regular, 10)
            for line in _wrap(value, regular, 10, width - 2 * margin - 90):
                c.drawString(margin + 90, y, line)
                y -= 14
            y -= 4
        c.setFont(regular, 9)
        c.setFillColorRGB(*_GREY)
        for line in _wrap(t["screen"], regular, 9, width - 2 * margin):
            c.drawString(margin, y, line)
            y -= 12
        c.setFont(regular, 7.5)
        c.drawString(margin, 40, f"{t['fingerprint']}: {options.fingerprints[view.name]}")
        c.showPage()

    # The form page.
    y = header(total)
    c.setFillColorRGB(*_INK)
    c.setFont(bold, 22)
    c.drawString(margin, y - 16, t["decide"])
    y -= 40
    if options.message:
        c.setFont(regular, 11)
        for line in _wrap(options.message, regular, 11, width - 2 * margin):
            c.drawString(margin, y, line)
            y -= 15
        y -= 6
    c.setFont(regular, 10)
    c.setFillColorRGB(*_GREY)
    for line in _wrap(t["how"], regular, 10, width - 2 * margin):
        c.drawString(margin, y, line)
        y -= 14
    y -= 14
    form = c.acroForm
    ink = RlColor(*_INK)
    border = RlColor(0.45, 0.47, 0.5)
    white = RlColor(1, 1, 1)
    c.setFillColorRGB(*_INK)
    c.setFont(bold, 12)
    c.drawString(margin, y, t["choose"])
    y -= 26
    for value, label in [*((v.name, t["variant"].format(name=v.name)) for v in views), (CHANGES, t["changes"])]:
        form.radio(
            name="choice",
            value=value,
            selected=False,
            x=margin,
            y=y - 4,
            size=16,
            buttonStyle="circle",
            shape="circle",
            borderColor=border,
            fillColor=white,
            textColor=ink,
            borderWidth=1,
            forceBorder=True,
            tooltip=label,
        )
        c.setFont(regular, 12)
        c.setFillColorRGB(*_INK)
        c.drawString(margin + 26, y, label)
        y -= 28
    y -= 10
    for field, label, h in (("name", t["name"], 22.0), ("email", t["email"], 22.0), ("comment", t["comment"], 110.0)):
        c.setFont(bold, 11)
        c.setFillColorRGB(*_INK)
        c.drawString(margin, y, label)
        y -= h + 6
        form.textfield(
            name=field,
            x=margin,
            y=y,
            width=width - 2 * margin,
            height=h,
            fontName="Helvetica",
            fontSize=11,
            borderColor=border,
            fillColor=white,
            textColor=ink,
            borderWidth=1,
            forceBorder=True,
            fieldFlags="multiline" if field == "comment" else "",
            maxlen=2000 if field == "comment" else 200,
            tooltip=label,
        )
        y -= 22
    c.setFont(regular, 7.5)
    c.setFillColorRGB(*_GREY)
    fy = 40 + 10 * (len(views) - 1)
    for view in views:
        c.drawString(margin, fy, f"{t['variant'].format(name=view.name)} — {options.fingerprints[view.name]}")
        fy -= 10
    c.drawString(margin, fy, t["proof"].format(id=options.proof_id))
    c.showPage()
    c.save()
    _write_with_metadata(path, buf.getvalue(), options)
    return path


def _write_with_metadata(path: Path, data: bytes, options: ProofOptions) -> None:
    import pikepdf

    with pikepdf.open(io.BytesIO(data)) as pdf:
        pdf.docinfo[pikepdf.Name(INFO_PROOF_ID)] = options.proof_id
        shown = {name: options.fingerprints[name] for name in options.variants}
        pdf.docinfo[pikepdf.Name(INFO_FINGERPRINTS)] = json.dumps(shown, separators=(",", ":"))
        pdf.docinfo[pikepdf.Name(INFO_LANG)] = options.lang
        pdf.Root.Lang = pikepdf.String(options.lang)
        with atomic_target(path, "PDF") as tmp:
            pdf.save(tmp)


# -- HTML ----------------------------------------------------------------------------------------------
def _data_uri(image: Image.Image) -> str:
    buf = io.BytesIO()
    image.convert("RGB").save(buf, "JPEG", quality=86, optimize=True)
    return "data:image/jpeg;base64," + base64.b64encode(buf.getvalue()).decode("ascii")


def export_proof_html(project: Project, path: Path, *, options: ProofOptions) -> Path:
    """Write the proof as one self-contained HTML page whose form saves a decision file (JSON)."""
    t = TEXT[options.lang]
    views = _variant_views(project, options, size=800)
    esc = html.escape
    product = localize(project.template.product.name, options.lang)
    parts = []
    for view in views:
        images = "".join(
            f'<img src="{_data_uri(i)}" alt="{esc(t["variant"].format(name=view.name))}">' for i in view.images
        )
        details = "".join(f"<dt>{esc(k)}</dt><dd>{esc(v)}</dd>" for k, v in view.details)
        outdated = (
            f'<p class="warn">{esc(t["outdated"].format(name=view.name))}</p>' if view.name in options.outdated else ""
        )
        parts.append(
            f'<section><h2>{esc(t["variant"].format(name=view.name))}</h2>{outdated}<div class="shots">{images}</div>'
            f'<dl>{details}</dl><p class="note">{esc(t["screen"])}</p>'
            f'<p class="fp">{esc(t["fingerprint"])}: <code>{options.fingerprints[view.name]}</code></p></section>'
        )
    radios = "".join(
        f'<label class="pick"><input type="radio" name="choice" value="{esc(v.name)}" required> '
        f"{esc(t['variant'].format(name=v.name))}</label>"
        for v in views
    )
    radios += f'<label class="pick"><input type="radio" name="choice" value="{CHANGES}"> {esc(t["changes"])}</label>'
    shown = {name: options.fingerprints[name] for name in options.variants}
    payload = json.dumps({"format": DECISION_FORMAT, "proof_id": options.proof_id, "fingerprints": shown})
    customer = f"<p>{esc(t['for'].format(customer=options.customer))}</p>" if options.customer else ""
    message = f"<p class='msg'>{esc(options.message)}</p>" if options.message else ""
    page = f"""<!DOCTYPE html>
<html lang="{options.lang}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="studio-proof-id" content="{options.proof_id}">
<meta name="studio-fingerprints" content="{esc(json.dumps(shown, separators=(",", ":")))}">
<title>{esc(t["title"])} — {esc(product)} — {esc(t["proof"].format(id=options.proof_id))}</title>
<style>
body{{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;margin:0;color:#222;background:#f5f6f8}}
header{{background:#295a9e;color:#fff;padding:16px 20px}} header h1{{margin:0;font-size:1.4em}}
main{{max-width:960px;margin:auto;padding:12px}} section,form{{background:#fff;border-radius:8px;padding:16px;margin:12px 0;
box-shadow:0 1px 3px rgba(0,0,0,.1)}} .shots{{display:flex;flex-wrap:wrap;gap:8px}}
.shots img{{flex:1 1 260px;max-width:100%;height:auto;border:1px solid #ddd;border-radius:4px}}
dt{{font-weight:600;margin-top:6px}} dd{{margin:0 0 4px 0}} .note,.fp{{color:#666;font-size:.85em}}
code{{word-break:break-all}} .warn{{color:#a14a00}} .pick{{display:block;padding:10px 0;font-size:1.1em}}
input[type=text],input[type=email],textarea{{width:100%;box-sizing:border-box;padding:8px;font:inherit;margin:4px 0 12px}}
button{{background:#295a9e;color:#fff;border:0;border-radius:6px;padding:12px 20px;font-size:1.1em}}
</style></head><body>
<header><h1>{esc(t["title"])} · {esc(product)}</h1><div>{esc(t["proof"].format(id=options.proof_id))}</div></header>
<main>{customer}{message}{"".join(parts)}
<form id="decision"><h2>{esc(t["decide"])}</h2><p>{esc(t["html_how"])}</p>{radios}
<label>{esc(t["name"])}<input type="text" name="name" maxlength="200" required></label>
<label>{esc(t["email"])}<input type="email" name="email" maxlength="320"></label>
<label>{esc(t["comment"])}<textarea name="comment" rows="5" maxlength="2000"></textarea></label>
<button type="submit">{esc(t["save_html"])}</button></form></main>
<script>
const proof = {payload};
document.getElementById("decision").addEventListener("submit", function (event) {{
  event.preventDefault();
  const form = new FormData(event.target);
  const decision = Object.assign({{}}, proof, {{
    choice: form.get("choice") || "", name: form.get("name") || "", email: form.get("email") || "",
    comment: form.get("comment") || "", decided: new Date().toISOString()
  }});
  const blob = new Blob([JSON.stringify(decision, null, 2)], {{type: "application/json"}});
  const link = document.createElement("a");
  link.href = URL.createObjectURL(blob);
  link.download = "decision-" + proof.proof_id + ".json";
  document.body.appendChild(link); link.click(); link.remove();
}});
</script></body></html>
"""
    write_atomically(path, page.encode("utf-8"), "HTML")
    return path


# -- result sheet ------------------------------------------------------------------------------------------
def export_result_pdf(
    project: Project, path: Path, *, chosen: str | None, result: Tally, lang: str, message: str = ""
) -> Path:
    """Write the one-page result sheet: the chosen design's mockup, the tally and a thank-you."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen.canvas import Canvas

    regular, bold = _fonts()
    t = TEXT[lang]
    buf = io.BytesIO()
    width, height = A4
    margin = 48.0
    c = Canvas(buf, pagesize=A4, pageCompression=1)
    product = localize(project.template.product.name, lang)
    c.setTitle(f"{t['result_title']} — {product}")
    c.setCreator("Studio")
    c.setFillColorRGB(*_ACCENT)
    c.rect(0, height - 6, width, 6, stroke=0, fill=1)
    c.setFillColorRGB(*_INK)
    c.setFont(bold, 24)
    c.drawString(margin, height - margin - 12, f"{t['result_title']} · {product}")
    y = height - margin - 40
    c.setFont(regular, 13)
    if chosen is None:
        c.drawString(margin, y, t["none_chosen"])
        y -= 20
    else:
        c.drawString(margin, y, t["result_chosen"].format(name=chosen))
        y -= 16
        design = project.variant_set().get(chosen).design
        doc = document_for(replace(project, design=design), name=chosen)
        image = MockupRenderer(project.template).render(doc, project.template.views[0].id, size=1000)
        box_w, box_h = width - 2 * margin, 380.0
        scale = min(box_w / image.width, box_h / image.height)
        w, h = image.width * scale, image.height * scale
        c.drawImage(ImageReader(image), margin + (box_w - w) / 2, y - box_h + (box_h - h) / 2, w, h)
        y -= box_h + 24
    if result.total:
        c.setFont(bold, 11)
        c.drawString(margin, y, t["votes"])
        c.drawString(margin + 220, y, t["share"])
        y -= 6
        c.setStrokeColorRGB(0.8, 0.8, 0.82)
        c.line(margin, y, width - margin, y)
        y -= 16
        for share in result.shares:
            label = t["changes"].split(" (")[0] if share.choice == CHANGES else t["variant"].format(name=share.choice)
            c.setFont(regular, 11)
            c.drawString(margin, y, f"{label}: {share.votes}")
            c.drawString(
                margin + 220, y, f"{share.share * 100:.0f} %  ({share.low * 100:.0f}–{share.high * 100:.0f} %)"
            )
            bar = (width - 2 * margin - 380) * share.share
            c.setFillColorRGB(*_ACCENT)
            c.rect(margin + 380, y - 2, bar, 10, stroke=0, fill=1)
            c.setFillColorRGB(*_INK)
            y -= 18
        y -= 10
    c.setFont(bold, 16)
    for line in _wrap(message or t["thanks"], bold, 16, width - 2 * margin):
        c.drawString(margin, y, line)
        y -= 22
    c.showPage()
    c.save()
    write_atomically(path, buf.getvalue(), "PDF")
    return path


def check_variants(names: Sequence[str], known: Sequence[str], source: str) -> tuple[str, ...]:
    """``names`` checked against the project's variants (one sentence listing them when one is unknown)."""
    for name in names:
        if name not in known:
            raise StudioError(f"{source}: has no variant {name!r}; its variants are {', '.join(known)}.")
    if len(set(names)) != len(names):
        raise StudioError(f"{source}: --variants names a variant twice.")
    return tuple(names)
