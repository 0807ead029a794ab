"""Reading and writing files: projects, assets, templates.

- :mod:`studio.io.project` — ``.studio`` projects and the ``design.json`` scripting form.
- :mod:`studio.io.assets` — images, SVG drawings and fonts, checked and sanitised on import.
- :mod:`studio.io.templates` — product templates (``template.toml`` plus art) and the library.
- :mod:`studio.io.migrations` — upgrades of ``design.json`` written by older versions.
- :mod:`studio.io.schema` — JSON Schemas of ``design.json`` and ``template.toml``.
- :mod:`studio.io.limits` — the size limits every reader enforces.

Nothing here imports Qt or the renderer: assets implement the render protocols structurally.
"""
