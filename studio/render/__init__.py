"""Display lists and the backends that draw them: raster (Qt), PDF and SVG."""
