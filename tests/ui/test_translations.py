"""The French translation: complete, faithful to placeholders and mnemonics, in step with the code,
and what the window shows once it is installed."""

from __future__ import annotations

import ast
import re
import shutil
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QApplication

from studio.commands import MoveLayers
from studio.model import design as design_model
from studio.ui import i18n
from studio.ui import units as ui_units
from studio.ui._command_names import COMMAND_NAMES
from studio.ui.actions import ACTIONS, MENUS
from studio.ui.app import build_window, install_translators
from studio.ui.i18n import __main__ as i18n_tool
from studio.ui.main_window import MainWindow
from studio.ui.settings import Settings

ROOT = Path(__file__).resolve().parents[2]
TS = i18n.ts_file("fr")
NBSP = "\u00a0"

Message = tuple[str, str, list[str], bool]
"""Context, source, translations (one per plural form) and whether it is still unfinished."""


def read_ts(path: Path) -> list[Message]:
    messages: list[Message] = []
    for context in ET.parse(path).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            source = message.findtext("source") or ""
            translation = message.find("translation")
            assert translation is not None, f"{name}: {source!r} has no <translation>"
            forms = [form.text or "" for form in translation.iter("numerusform")]
            if message.get("numerus") != "yes":
                forms = [translation.text or ""]
            messages.append((name, source, forms, translation.get("type") == "unfinished"))
    return messages


@pytest.fixture(scope="module")
def french() -> list[Message]:
    return read_ts(TS)


def translated(messages: list[Message]) -> set[tuple[str, str]]:
    return {(context, source) for context, source, forms, unfinished in messages if not unfinished and all(forms)}


# -- the .ts file ------------------------------------------------------------------------------------
def test_every_message_is_translated(french):
    assert len(french) > 500
    unfinished = [(c, s) for c, s, _forms, todo in french if todo]
    assert not unfinished, f"unfinished translations: {unfinished}"
    empty = [(c, s) for c, s, forms, _todo in french if not all(form.strip() for form in forms)]
    assert not empty, f"empty translations: {empty}"


def test_plural_messages_have_both_french_forms(french):
    plural = ET.parse(TS).getroot().findall(".//message[@numerus='yes']")
    for message in plural:
        forms = message.findall("translation/numerusform")
        assert len(forms) == 2, message.findtext("source")


_PLACEHOLDER = re.compile(r"\{\{|\}\}|\{[^{}]*\}|%L?\d+|%n")


def test_placeholders_survive_translation(french):
    for context, source, forms, _todo in french:
        wanted = Counter(_PLACEHOLDER.findall(source))
        for form in forms:
            got = Counter(_PLACEHOLDER.findall(form))
            assert got == wanted, f"{context}: {source!r} → {form!r}"


def _mnemonics(text: str) -> int:
    return len(re.findall(r"&(?!&)", text.replace("&&", "")))


def test_mnemonics_ellipses_and_french_typography(french):
    for context, source, forms, _todo in french:
        for form in forms:
            where = f"{context}: {source!r} → {form!r}"
            assert _mnemonics(form) == _mnemonics(source), where
            assert form.endswith("…") == source.endswith("…"), where
            assert "..." not in form, where
            # French punctuation: a non-breaking space before : ; ! ? and inside « », never a plain one.
            assert not re.search(r" [:;!?»]|« ", form), where
            bare = form.replace(";;", "")  # file dialog filters
            assert not re.search(r"[^\u00a0\u202f][;!?»]|[^\u00a0\u202f]:(\s|$)", bare), where
            assert "“" not in form and "”" not in form, where


def test_menu_mnemonics_are_unique_within_each_menu(french):
    fr = {(c, s): forms[0] for c, s, forms, _todo in french}

    def key(text: str) -> str:
        return text[text.index("&") + 1].lower()

    menus: dict[str, list[str]] = {"": [title for _id, title in MENUS if "." not in _id]}
    for spec in ACTIONS:
        menus.setdefault(spec.menu, []).append(spec.text)
    menus["file"].append("Open &Recent")  # the submenu, named by MainWindow
    menus["arrange"].append("Align and &Distribute")
    for menu, texts in menus.items():
        keys = [key(fr.get(("Actions", text), fr.get(("MainWindow", text), text))) for text in texts]
        assert len(keys) == len(set(keys)), f"menu {menu or 'bar'}: {Counter(keys).most_common(3)}"


# -- the code and the .ts in step ------------------------------------------------------------------
def test_the_code_has_no_string_the_translation_misses(tmp_path):
    lupdate = Path(i18n_tool._tool("lupdate"))
    assert lupdate.exists() or shutil.which(str(lupdate)), f"{lupdate} is missing: PySide6-Essentials ships it"
    fresh = tmp_path / "studio_fr.ts"
    shutil.copy(TS, fresh)
    i18n_tool.update("fr", ts=fresh)
    messages = read_ts(fresh)
    missing = [(c, s) for c, s, forms, todo in messages if todo or not all(forms)]
    assert not missing, "run `python -m studio.ui.i18n` and translate: " + repr(missing)


def test_every_action_text_and_tip_is_translated(french):
    # Every spec's text and tip is a literal QT_TRANSLATE_NOOP("Actions", ...): lupdate sees each one.
    done = translated(french)
    for spec in ACTIONS:
        for text in (spec.text, spec.tip):
            if text:
                assert ("Actions", text) in done, f"{spec.id}: {text!r} (declare it in studio/ui/_command_names.py)"
    for _menu_id, title in MENUS:
        assert ("Actions", title) in done


def test_helper_tr_functions_find_their_translations(french):
    """A module's own ``tr(text)`` translates in a fixed context, which lupdate does not know about."""
    done = translated(french)
    missing: list[str] = []
    for path in sorted((ROOT / "studio" / "ui").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        context = None
        for node in tree.body:
            if isinstance(node, ast.FunctionDef) and node.name == "tr":
                for inner in ast.walk(node):
                    if (
                        isinstance(inner, ast.Call)
                        and getattr(inner.func, "attr", "") == "translate"
                        and inner.args
                        and isinstance(inner.args[0], ast.Constant)
                    ):
                        context = inner.args[0].value
        if context is None:
            continue
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id == "tr"
                and node.args
                and isinstance(node.args[0], ast.Constant)
                and (context, node.args[0].value) not in done
            ):
                missing.append(f"{path.relative_to(ROOT)}:{node.lineno}: ({context!r}, {node.args[0].value!r})")
    assert not missing, "declare in studio/ui/_command_names.py (UNSEEN_ELSEWHERE) and translate: " + repr(missing)


def _strings(node: ast.AST) -> Iterator[str]:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        yield node.value
    elif isinstance(node, ast.IfExp):
        yield from _strings(node.body)
        yield from _strings(node.orelse)
    elif isinstance(node, ast.Dict):
        for value in node.values:
            yield from _strings(value)


def command_labels_in_code() -> dict[str, str]:
    """Every literal command label of studio/commands and studio/ui, with where it is."""
    found: dict[str, str] = {}
    dynamic: list[str] = []
    for folder in ("studio/commands", "studio/ui"):
        for path in sorted((ROOT / folder).rglob("*.py")):
            where = str(path.relative_to(ROOT))
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                values: list[ast.AST] = []
                if isinstance(node, ast.keyword) and node.arg == "label":
                    values.append(node.value)
                elif isinstance(node, ast.Assign | ast.AnnAssign) and node.value is not None:
                    targets = node.targets if isinstance(node, ast.Assign) else [node.target]
                    for target in targets:
                        if isinstance(target, ast.Attribute) and target.attr in ("label", "_LABELS"):
                            values.append(node.value)
                            if isinstance(node.value, ast.JoinedStr):
                                dynamic.append(f"{where}:{node.lineno}: {ast.unparse(node.value)}")
                        elif isinstance(target, ast.Name) and target.id in ("label", "labels", "_LABELS"):
                            values.append(node.value)
                elif isinstance(node, ast.Call) and node.args:
                    func = node.func
                    name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
                    if name in ("group", "CompoundCommand"):
                        values.append(node.args[0])
                    elif name == "_labelled":
                        values.append(node.args[-1])
                elif isinstance(node, ast.FunctionDef):
                    for arg, default in zip(node.args.kwonlyargs, node.args.kw_defaults, strict=True):
                        if arg.arg == "label" and default is not None:
                            values.append(default)
                for value in values:
                    for text in _strings(value):
                        found.setdefault(text, f"{where}:{getattr(node, 'lineno', '?')}")
    known_dynamic = ["studio/commands/edits.py", "Add {layer.kind_label()}"]
    unknown = [d for d in dynamic if not all(part in d for part in known_dynamic)]
    assert not unknown, f"labels built at run time; list their values in studio/ui/_command_names.py: {unknown}"
    # AddLayer's f"Add {layer.kind_label()}", for every kind of layer.
    for cls in vars(design_model).values():
        if isinstance(cls, type) and issubclass(cls, design_model._LayerBase) and cls is not design_model._LayerBase:
            found.setdefault(f"Add {cls.model_construct().kind_label()}", "studio/commands/edits.py (AddLayer)")
    return found


def test_every_command_label_is_declared_and_translated(french):
    declared = set(COMMAND_NAMES)
    labels = command_labels_in_code()
    assert {"Move", "Edit Text", "Add Text", "Add Image", "Recolour Part"} <= set(labels)
    missing = {label: where for label, where in labels.items() if label not in declared}
    assert not missing, f"declare in studio/ui/_command_names.py: {missing}"
    done = translated(french)
    assert not [label for label in declared if ("Commands", label) not in done]


# -- the window in French -----------------------------------------------------------------------------
@pytest.fixture
def in_french(qtbot) -> Iterator[None]:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    locale = QLocale()
    assert install_translators(app, "fr") == "fr"
    try:
        yield
    finally:
        install_translators(app, "en")
        QLocale.setDefault(locale)


@pytest.fixture
def french_window(in_french, qtbot, tmp_path) -> Iterator[MainWindow]:
    window = build_window(Settings(tmp_path / "settings.ini"))
    qtbot.addWidget(window)
    yield window
    if window.session is not None:
        window.session.stack.set_clean()
    window.close()


def test_the_window_speaks_french(french_window, qtbot):
    window = french_window
    titles = [action.text() for action in window.menuBar().actions()]
    assert titles == ["&Fichier", "&Édition", "&Insérer", "Dis&position", "&Affichage", "Ai&de"]
    assert window.action_registry["file.save_as"].text() == "Enregistrer &sous…"
    assert window.action_registry["file.preferences"].text() == "&Préférences…"
    assert window.action_registry["edit.undo"].text() == "&Annuler"
    assert window.docks["layers"].windowTitle() == "Calques"
    assert window.docks["preflight"].windowTitle() == "Contrôle"
    files = getattr(window, "files", None)
    if files is not None:
        assert files.start_page.title.text() == "Bienvenue dans Studio"
        assert files.open_path(ROOT / "examples" / "jar-name" / "design.json")
    else:  # the start page is not installed: open the project directly
        from studio.io.project import load_project
        from studio.ui.session import EditorSession

        window.open_session(EditorSession(load_project(ROOT / "examples" / "jar-name" / "design.json", window.library)))
    session = window.session
    assert session is not None
    session.push(MoveLayers([session.layers()[-1].id], 5, 0))
    assert window.action_registry["edit.undo"].text() == f"&Annuler «{NBSP}Déplacer{NBSP}»"
    history = window.docks["history"].widget().list
    assert [history.item(i).text() for i in range(history.count())] == ["Ouverture", "Déplacer"]
    window.action_registry["edit.undo"].trigger()
    assert window.action_registry["edit.redo"].text() == f"&Rétablir «{NBSP}Déplacer{NBSP}»"

    # Back to English while the window is open: the actions follow at once.
    install_translators(QApplication.instance(), "en")  # type: ignore[arg-type]
    qtbot.waitUntil(lambda: window.action_registry["edit.redo"].text() == "&Redo Move")
    assert window.action_registry["file.save_as"].text() == "Save &As…"


ENGLISH_MENUS = ["&File", "&Edit", "&Insert", "&Arrange", "&View", "&Help"]
FRENCH_MENUS = ["&Fichier", "&Édition", "&Insérer", "Dis&position", "&Affichage", "Ai&de"]


def test_the_open_window_follows_a_language_switch(make_window, qtbot):
    """Preferences switches the language of an open window: menus, toolbar and docks follow."""
    window = make_window()
    app = QApplication.instance()
    assert isinstance(app, QApplication)

    def menu_titles() -> list[str]:
        return [action.text() for action in window.menuBar().actions()]

    assert menu_titles() == ENGLISH_MENUS
    assert window.docks["layers"].windowTitle() == "Layers"
    locale = QLocale()
    try:
        assert install_translators(app, "fr") == "fr"
        qtbot.waitUntil(lambda: menu_titles() == FRENCH_MENUS)
        assert window.menu("arrange.align").title() == "A&ligner et répartir"
        assert window.menu("recent").title() == "Ouvrir un projet &récent"
        assert window.toolbar.windowTitle() == "Barre d’outils principale"
        assert window.docks["layers"].windowTitle() == "Calques"
        assert window.docks["layers"].toggleViewAction().text() == "Calques"
        assert window.docks["preflight"].windowTitle() == "Contrôle"
        if "preview" in window.docks:  # a plain title from a part the window does not own
            assert window.docks["preview"].windowTitle() == "Maquette"
        assert window.action_registry["file.save_as"].text() == "Enregistrer &sous…"
        assert ui_units.suffix("in") == " po" and ui_units.suffix("mm") == " mm"

        install_translators(app, "en")
        qtbot.waitUntil(lambda: menu_titles() == ENGLISH_MENUS)
        assert window.menu("recent").title() == "Open &Recent"
        assert window.toolbar.windowTitle() == "Main toolbar"
        assert window.docks["layers"].windowTitle() == "Layers"
        assert window.docks["preflight"].windowTitle() == "Preflight"
        if "preview" in window.docks:
            assert window.docks["preview"].windowTitle() == "Mockup"
        assert ui_units.suffix("in") == " in"
    finally:
        install_translators(app, "en")
        QLocale.setDefault(locale)


def test_english_is_back_after_the_french_tests(make_window):
    window = make_window()
    assert window.menuBar().actions()[0].text() == "&File"
    assert window.action_registry["edit.undo"].text() == "&Undo"
