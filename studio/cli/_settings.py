"""``--set KEY=VALUE``: a product option or a text field, never silently ignored."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from studio.cli._usage import UsageError
from studio.model.design import Design
from studio.model.template import Template


def pairs(values: Sequence[str]) -> dict[str, str]:
    """``KEY=VALUE`` items as a dict (the last of a repeated key wins)."""
    out: dict[str, str] = {}
    for item in values:
        key, sep, value = item.partition("=")
        if not sep or not key.strip():
            raise UsageError(f"--set expects KEY=VALUE, got {item!r}")
        out[key.strip()] = value
    return out


def split_settings(
    values: Mapping[str, str], template: Template, design: Design
) -> tuple[dict[str, str], dict[str, str]]:
    """Sort ``--set`` values into option choices and field values, refusing what is neither.

    Parameters
    ----------
    values
        Key to value, as given.
    template
        Its options are the option keys.
    design
        Its ``{fields}`` (and the variables it already holds) are the field keys.

    Returns
    -------
    (options, variables)

    Raises
    ------
    UsageError
        For a key that is neither, or a choice the option does not offer, listing the valid ones.
    """
    options = {o.id: o for o in template.options}
    fields = sorted(design.fields() | set(design.variables))
    chosen: dict[str, str] = {}
    variables: dict[str, str] = {}
    for key, value in values.items():
        option = options.get(key)
        if option is not None:
            choices = [c.id for c in option.choices]
            if value not in choices:
                raise UsageError(
                    f"--set {key}={value}: the option {key!r} of {template.id} has no choice {value!r} "
                    f"(its choices: {', '.join(choices)})"
                )
            chosen[key] = value
        elif key in fields:
            variables[key] = value
        else:
            keys = [*(f"{o} (option)" for o in options), *(f"{f} (field)" for f in fields)]
            listed = ", ".join(keys) if keys else "none: this design has no option and no {field}"
            raise UsageError(
                f"--set {key}: {key!r} is neither an option of {template.id} nor a field of the design "
                f"(valid keys: {listed})"
            )
    return chosen, variables
