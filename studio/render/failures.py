"""Turning a library's failure while drawing a layer into one sentence that names the layer.

Content reaches the renderers only after the checks of :mod:`studio.io` (sanitised SVG within
limits, fonts whose every glyph was read), so a failure here is a library's bug or a limit the
checks do not know yet. Either way the user sees which layer could not be drawn, and the cause
is kept (``__cause__``) for ``--debug`` and bug reports.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from studio.model.errors import RenderError, StudioError

__all__ = ["drawing", "layer_failure"]


def layer_failure(layer: str, error: BaseException) -> RenderError:
    """A :class:`RenderError` for ``error`` raised while drawing the layer named ``layer``."""
    who = f"the layer {layer!r}" if layer else "a layer"
    if isinstance(error, StudioError):
        text = str(error).rstrip(".")
        return RenderError(f"{who[:1].upper()}{who[1:]} cannot be drawn: {text[:1].lower()}{text[1:]}.", layer=layer)
    if isinstance(error, MemoryError):
        return RenderError(
            f"{who[:1].upper()}{who[1:]} is too large to draw in the memory available; make it smaller "
            "or lower the resolution.",
            layer=layer,
        )
    if isinstance(error, RecursionError):
        reason = "its content nests too deeply"
    else:
        reason = str(error).strip().rstrip(".").splitlines()[0][:160] if str(error).strip() else type(error).__name__
    return RenderError(
        f"{who[:1].upper()}{who[1:]} cannot be drawn: the renderer failed on it ({reason}).", layer=layer
    )


@contextmanager
def drawing(layer: str) -> Iterator[None]:
    """Run the drawing of one layer; any failure but a :class:`RenderError` becomes one naming it.

    A :class:`StudioError` that already names what is wrong (a missing asset) passes unchanged.
    """
    try:
        yield
    except StudioError:
        raise
    except Exception as error:
        raise layer_failure(layer, error) from error
