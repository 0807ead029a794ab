"""SVG sanitising: entities and outside references refused, active content removed."""

from __future__ import annotations

import base64
import gzip
from xml.etree import ElementTree as ET

import pytest
from io_samples import image_bytes

from studio.io.assets import SvgAsset, sanitize_svg
from studio.model.errors import InvalidFile
from studio.render.sources import SvgSource

SVG = "http://www.w3.org/2000/svg"
XLINK = "http://www.w3.org/1999/xlink"


def _svg(body: str, attrs: str = 'viewBox="0 0 100 50"') -> bytes:
    return f'<svg xmlns="{SVG}" xmlns:xlink="{XLINK}" {attrs}>{body}</svg>'.encode()


def _refused(data: bytes, name: str = "art.svg") -> str:
    with pytest.raises(InvalidFile) as err:
        sanitize_svg(data, name)
    message = str(err.value)
    assert message.startswith(name)
    return message


def test_plain_drawing_keeps_its_shapes_and_ids() -> None:
    asset = sanitize_svg(_svg('<g id="g1"><rect id="r" width="10" height="5" fill="url(#grad)"/></g>'), "art.svg")
    svg: SvgSource = asset
    assert svg.view_box == (0.0, 0.0, 100.0, 50.0)
    assert asset.element_ids == {"g1", "r"}
    root = ET.fromstring(asset.data)
    assert root.tag == f"{{{SVG}}}svg"
    assert root.find(f".//{{{SVG}}}rect") is not None
    assert asset.data.startswith(b"<?xml")
    assert b"<svg xmlns=" in asset.data  # the default namespace, no ns0: prefixes
    assert len(asset.key) == 64


def test_entity_is_refused() -> None:
    data = b'<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY x "boom">]><svg xmlns="http://www.w3.org/2000/svg">&x;</svg>'
    assert "DOCTYPE or entities" in _refused(data)


def test_external_entity_is_refused() -> None:
    data = (
        b'<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
        b'<svg xmlns="http://www.w3.org/2000/svg"><text>&x;</text></svg>'
    )
    assert "DOCTYPE or entities" in _refused(data)


def test_file_url_href_is_refused_and_named() -> None:
    message = _refused(_svg('<image xlink:href="file:///etc/passwd" width="1" height="1"/>'))
    assert message == "art.svg: refers to the outside file 'file:///etc/passwd'; embed images as data: URIs instead."


def test_relative_href_is_refused() -> None:
    assert "'../x.png'" in _refused(_svg('<image href="../x.png" width="1" height="1"/>'))


def test_url_in_style_attribute_is_refused() -> None:
    message = _refused(_svg('<rect width="1" height="1" style="fill: url(http://evil.example/p.svg#x)"/>'))
    assert "'http://evil.example/p.svg#x'" in message


def test_url_in_presentation_attribute_is_refused() -> None:
    assert "'https://x.example/f'" in _refused(
        _svg('<rect width="1" height="1" filter="url(\'https://x.example/f\')"/>')
    )


def test_url_in_style_sheet_is_refused_even_when_escaped() -> None:
    assert "http://x.example/a.png" in _refused(_svg("<style>rect { fill: u\\72l(http://x.example/a.png) }</style>"))


def test_import_in_style_sheet_is_refused() -> None:
    assert "@import" in _refused(_svg('<style>@import "https://x.example/a.css";</style>'))


def test_use_of_another_file_is_refused() -> None:
    assert "'other.svg#icon'" in _refused(_svg('<use href="other.svg#icon"/>'))


def test_script_event_handlers_and_foreign_objects_are_dropped() -> None:
    data = _svg(
        '<script>alert(1)</script><rect onclick="alert(2)" width="1" height="1"/>'
        '<foreignObject><div xmlns="http://www.w3.org/1999/xhtml">hi</div></foreignObject>'
        '<set attributeName="href" to="javascript:alert(3)"/>',
        'viewBox="0 0 10 10" onload="alert(4)"',
    )
    asset = sanitize_svg(data, "art.svg")
    text = asset.data.decode()
    assert "script" not in text and "alert" not in text and "foreignObject" not in text
    assert "<rect" in text
    assert "<script>" in asset.removed
    assert "the onclick attribute" in asset.removed


def test_outside_link_is_dropped_but_its_content_kept() -> None:
    asset = sanitize_svg(_svg('<a href="javascript:alert(1)"><rect id="r" width="1" height="1"/></a>'), "art.svg")
    assert b"javascript" not in asset.data
    assert "r" in asset.element_ids


def test_data_uri_image_is_kept_and_checked() -> None:
    png = base64.b64encode(image_bytes("PNG", (4, 4))).decode()
    asset = sanitize_svg(_svg(f'<image xlink:href="data:image/png;base64,{png}" width="4" height="4"/>'), "art.svg")
    assert png.encode() in asset.data
    assert b"xlink:href" in asset.data  # the prefix Qt's renderer looks for


def test_damaged_data_uri_image_is_refused() -> None:
    bad = base64.b64encode(b"\x89PNG\r\n\x1a\n not really").decode()
    assert "(an embedded image)" in _refused(_svg(f'<image href="data:image/png;base64,{bad}" width="1" height="1"/>'))


def test_html_data_uri_is_refused() -> None:
    assert "'text/html'" in _refused(_svg('<image href="data:text/html,&lt;script&gt;" width="1" height="1"/>'))


def test_embedded_svg_is_sanitised_too() -> None:
    inner = _svg('<script>alert(1)</script><circle r="1"/>')
    uri = "data:image/svg+xml;base64," + base64.b64encode(inner).decode()
    asset = sanitize_svg(_svg(f'<image href="{uri}" width="1" height="1"/>'), "art.svg")
    href = ET.fromstring(asset.data).find(f"{{{SVG}}}image").get("href")  # type: ignore[union-attr]
    assert href is not None
    cleaned = base64.b64decode(href.split(",", 1)[1])
    assert b"script" not in cleaned and b"circle" in cleaned
    bad_inner = _svg('<image href="file:///etc/passwd"/>')
    uri = "data:image/svg+xml;base64," + base64.b64encode(bad_inner).decode()
    assert "file:///etc/passwd" in _refused(_svg(f'<image href="{uri}" width="1" height="1"/>'))


def test_view_box_from_width_and_height_in_mm() -> None:
    asset = sanitize_svg(_svg("", 'width="25.4mm" height="72pt"'), "art.svg")
    assert asset.view_box == pytest.approx((0.0, 0.0, 96.0, 96.0))


def test_size_unknown_is_refused() -> None:
    assert "size is unknown" in _refused(_svg("", 'width="100%" height="100%"'))


def test_not_svg_is_refused() -> None:
    assert "root element is <html>" in _refused(b"<html><body/></html>", "page.svg")
    assert "is not a readable SVG document" in _refused(b"<svg", "broken.svg")


def test_svgz_is_accepted() -> None:
    asset = sanitize_svg(gzip.compress(_svg('<rect id="a" width="1" height="1"/>')), "art.svgz")
    assert isinstance(asset, SvgAsset)
    assert asset.element_ids == {"a"}


def test_too_deep_nesting_is_refused() -> None:
    body = "<g>" * 300 + "</g>" * 300
    assert "nests elements" in _refused(_svg(body))


def test_sanitising_is_idempotent() -> None:
    once = sanitize_svg(_svg('<rect id="a" width="1" height="1" style="fill:url(#g)"/><script/>'), "art.svg")
    twice = sanitize_svg(once.data, "art.svg")
    assert twice.data == once.data
    assert twice.key == once.key
