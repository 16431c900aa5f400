"""Every user-visible string in gui/ goes through Qt's translation (``translate`` or
``self.tr``), and every string in the German catalogue has a German translation.

The scan looks at calls that put text on screen (titles, labels, buttons, tool tips,
status messages, the dialogs module's questions); a plain literal or f-string among
their arguments is a string a German analyst would meet in English."""

from __future__ import annotations

import ast
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from string import Formatter

REPO = Path(__file__).resolve().parent.parent
GUI = REPO / "gui"
CATALOGUE = REPO / "resources" / "translations" / "glossa_de.ts"

#: Calls whose string arguments the user reads.
SHOWN = {
    "QAction", "QPushButton", "QLabel", "QCheckBox", "QRadioButton", "QGroupBox", "QMenu",
    "QToolBar", "setText", "setWindowTitle", "setTitle", "addMenu", "showMessage",
    "setToolTip", "setStatusTip", "setPlaceholderText", "setAccessibleName", "addTab",
    "setTabText", "setHeaderLabels", "addRow", "addButton", "addItem", "insertMenus",
    "_action", "insert_menus", "confirm", "offer", "choose", "ask_text", "ask_color",
    "show_error", "show_info", "offer_open", "warning", "information", "critical",
    "question", "setWhatsThis", "HelpDialog", "addItems", "_titled", "QToolButton",
    "setHorizontalHeaderLabels", "setWindowIconText", "attempt",
    "QProgressDialog", "setLabelText", "_listed", "getSaveFileName", "getOpenFileName",
    "getOpenFileNames", "getExistingDirectory",
}
#: Literals that are no words: object names, separators, symbols, keys.
NOT_WORDS = {"", " ", "·", "—", "✕", "…", "Glossa"}
#: Key sequences ("Ctrl+Shift+E", "F3", "Shift+Tab") are Qt's to translate in menus, not
#: ours. A bare word ("Delete") is a key only with a modifier: alone it was a button's text.
KEYS = re.compile(r"((Ctrl|Shift|Alt|Meta)\+)*(.|F\d+)|((Ctrl|Shift|Alt|Meta)\+)+"
                  r"(Tab|Del|Delete|Esc|Return)")
#: Modules not converted yet (the language work goes module by module): shrink it, never grow it.
NOT_YET: set[str] = set()


def _plain_strings(node: ast.expr) -> list[str]:
    """String literals and f-strings among ``node`` (tuples/lists looked into) that are not
    wrapped in a translating call."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        if KEYS.fullmatch(node.value):
            return []
        return [] if node.value.strip() in NOT_WORDS or not any(
            c.isalpha() for c in node.value) else [node.value]
    if isinstance(node, ast.JoinedStr):
        parts = "".join(v.value for v in node.values
                        if isinstance(v, ast.Constant) and isinstance(v.value, str))
        return [f"f{parts!r}"] if any(c.isalpha() for c in parts) else []
    if isinstance(node, ast.BinOp):
        return _plain_strings(node.left) + _plain_strings(node.right)
    if isinstance(node, ast.IfExp):
        return _plain_strings(node.body) + _plain_strings(node.orelse)
    if isinstance(node, ast.BoolOp):  # name or "(no name)"
        return [s for value in node.values for s in _plain_strings(value)]
    if isinstance(node, ast.Tuple | ast.List):
        return [s for e in node.elts for s in _plain_strings(e)]
    return []


def _name(func: ast.expr) -> str:
    if isinstance(func, ast.Attribute):
        owner = getattr(func.value, "id", "")
        return "" if owner in ("log", "logging", "parser") else func.attr
    return getattr(func, "id", "")


def untranslated(path: Path) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not isinstance(node, ast.Call):
            continue
        if _name(node.func) == "translate" and len(node.args) == 2 and isinstance(
                node.args[1], ast.IfExp | ast.BoolOp):  # lupdate extracts no branch of it
            found.append(f"{path.relative_to(REPO)}:{node.lineno}: a choice inside translate()")
        if _name(node.func) in SHOWN:
            args = [*node.args, *(k.value for k in node.keywords if k.arg != "objectName")]
        else:  # a command's text= is its name in Edit › Undo
            args = [k.value for k in node.keywords if k.arg == "text"]
        if args:
            found += [f"{path.relative_to(REPO)}:{node.lineno}: {s!r}"
                      for a in args for s in _plain_strings(a)]
    return found


def test_user_visible_strings_are_translatable() -> None:
    found = [line for p in sorted(GUI.rglob("*.py"))
             if str(p.relative_to(REPO)) not in NOT_YET for line in untranslated(p)]
    assert found == [], "\n".join(found)


def test_modules_not_yet_translatable_are_still_listed() -> None:
    """A module converted must leave NOT_YET, so the scan holds it from then on."""
    done = sorted(m for m in NOT_YET if not untranslated(REPO / m))
    assert done == [], f"remove from NOT_YET: {done}"


def test_every_string_has_a_german_translation() -> None:
    root = ET.parse(CATALOGUE).getroot()
    missing = [f"{ctx.findtext('name')}: {m.findtext('source')!r}"
               for ctx in root.iter("context") for m in ctx.iter("message")
               if (t := m.find("translation")) is not None
               and t.get("type") not in ("obsolete", "vanished")
               and (t.get("type") == "unfinished" or not (t.text or "").strip())]
    assert missing == [], "\n".join(missing)


def _fields(text: str) -> list[str]:
    return sorted(name for _, name, _, _ in Formatter().parse(text) if name is not None)


def test_translations_keep_the_placeholders_and_an_alt_key() -> None:
    """A German text without the source's ``{n}`` (or with a new one) would fail in
    ``str.format`` on the analyst's screen; one without "&" loses its Alt-key."""
    root = ET.parse(CATALOGUE).getroot()
    wrong = []
    for ctx in root.iter("context"):
        for m in ctx.iter("message"):
            source, target = m.findtext("source") or "", m.findtext("translation") or ""
            if target and (_fields(source) != _fields(target)
                           or ("&" in source.replace("&&", "")) != ("&" in target)):
                wrong.append(f"{ctx.findtext('name')}: {source!r} -> {target!r}")
    assert wrong == [], "\n".join(wrong)
