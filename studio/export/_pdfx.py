"""Document metadata and the PDF/X-4 output intent, added with pikepdf after reportlab's save.

reportlab writes no XMP and knows nothing of PDF/X. PDF/X-4 asks for: an OutputIntent whose
destination profile is the press condition's ICC profile; an XMP packet naming the PDF/X version
with the usual Dublin Core, XMP, XMP Media Management and PDF properties; and an Info dictionary that
agrees with it (title, dates, ``Trapped``, ``GTS_PDFXVersion``).
"""

from __future__ import annotations

import zlib
from datetime import datetime
from html import escape as _html_escape

import pikepdf

from studio.render.pdf import ColorConverter

PDFX_VERSION = "PDF/X-4"


def escape(text: str) -> str:
    """``&``, ``<`` and ``>`` as XML entities (what xml.sax.saxutils does, without loading urllib)."""
    return _html_escape(text, quote=False)


# Where the identifier of a registered characterization is defined (ICC's registry).
_REGISTRY = "http://www.color.org"
_CONDITIONS = {
    "FOGRA39": "Offset printing, ISO 12647-2:2004/Amd 1, coated paper (paper types 1 and 2), FOGRA39",
}


def add_output_intent(pdf: pikepdf.Pdf, converter: ColorConverter) -> None:
    """Declare the press condition the CMYK values were made for (GTS_PDFX OutputIntent)."""
    profile = pikepdf.Stream(pdf, zlib.compress(converter.profile))
    profile.Filter = pikepdf.Name.FlateDecode
    profile.N = 4
    intent = pikepdf.Dictionary(
        Type=pikepdf.Name.OutputIntent,
        S=pikepdf.Name.GTS_PDFX,
        OutputConditionIdentifier=converter.identifier,
        OutputCondition=_CONDITIONS.get(converter.identifier, converter.description),
        RegistryName=_REGISTRY,
        Info=converter.description,
        DestOutputProfile=pdf.make_indirect(profile),
    )
    pdf.Root.OutputIntents = pikepdf.Array([pdf.make_indirect(intent)])


def _pdf_date(moment: datetime) -> str:
    return moment.strftime("D:%Y%m%d%H%M%S+00'00'")


def _xmp_date(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%S+00:00")


def add_metadata(
    pdf: pikepdf.Pdf,
    *,
    title: str,
    created: datetime,
    creator: str,
    pdfx: bool,
    document_id: str,
) -> None:
    """Write the Info dictionary and a matching XMP packet.

    Parameters
    ----------
    pdf
        The document, changed in place.
    title
        The document's title.
    created
        Creation (and modification) time, in UTC.
    creator
        The application that made the content.
    pdfx
        Whether to declare PDF/X-4 conformance.
    document_id
        A UUID for ``xmpMM:DocumentID`` and ``xmpMM:InstanceID``.
    """
    producer = f"{creator} (reportlab, pikepdf)"
    info = pikepdf.Dictionary(
        Title=title,
        Creator=creator,
        Producer=producer,
        CreationDate=_pdf_date(created),
        ModDate=_pdf_date(created),
        Trapped=pikepdf.Name("/False"),
    )
    if pdfx:
        info.GTS_PDFXVersion = PDFX_VERSION
    pdf.trailer.Info = pdf.make_indirect(info)

    date = _xmp_date(created)
    pdfx_property = f"\n   <pdfxid:GTS_PDFXVersion>{PDFX_VERSION}</pdfxid:GTS_PDFXVersion>" if pdfx else ""
    xmp = f"""<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
 <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
  <rdf:Description rdf:about=""
    xmlns:dc="http://purl.org/dc/elements/1.1/"
    xmlns:xmp="http://ns.adobe.com/xap/1.0/"
    xmlns:xmpMM="http://ns.adobe.com/xap/1.0/mm/"
    xmlns:pdf="http://ns.adobe.com/pdf/1.3/"
    xmlns:pdfxid="http://www.npes.org/pdfx/ns/id/">
   <dc:format>application/pdf</dc:format>
   <dc:title><rdf:Alt><rdf:li xml:lang="x-default">{escape(title)}</rdf:li></rdf:Alt></dc:title>
   <xmp:CreateDate>{date}</xmp:CreateDate>
   <xmp:ModifyDate>{date}</xmp:ModifyDate>
   <xmp:MetadataDate>{date}</xmp:MetadataDate>
   <xmp:CreatorTool>{escape(creator)}</xmp:CreatorTool>
   <xmpMM:DocumentID>uuid:{document_id}</xmpMM:DocumentID>
   <xmpMM:InstanceID>uuid:{document_id}</xmpMM:InstanceID>
   <xmpMM:VersionID>1</xmpMM:VersionID>
   <xmpMM:RenditionClass>default</xmpMM:RenditionClass>
   <pdf:Producer>{escape(producer)}</pdf:Producer>
   <pdf:Trapped>False</pdf:Trapped>{pdfx_property}
  </rdf:Description>
 </rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>"""
    # Left uncompressed, as PDF/X recommends, so that tools that do not inflate streams can read it.
    metadata = pikepdf.Stream(pdf, xmp.encode("utf-8"))
    metadata.Type = pikepdf.Name.Metadata
    metadata.Subtype = pikepdf.Name.XML
    pdf.Root.Metadata = pdf.make_indirect(metadata)
