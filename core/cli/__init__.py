"""The ``glossa`` command line: the same project services as the GUI, without a window.

Every subcommand opens the project, does one thing and closes it. Output for people is
aligned columns; ``--json`` gives UTF-8 JSON whatever the locale. Failures print one
line, ``glossa: <message>``, and exit 2 for bad usage, 1 for bad input (unknown
document, span outside the text, unreadable file...), 130 when interrupted; never a
traceback.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sqlite3
import sys

from core.cli.annotations import cmd_annotations, cmd_tag, cmd_tags
from core.cli.argparse_language import speak
from core.cli.backups import cmd_backup, cmd_backups, cmd_restore
from core.cli.common import (
    PROG,
    Handler,
    Parser,
    UsageError,
    attribute_arg,
    name_arg,
    offset_arg,
    positive_arg,
    say,
    text_arg,
    use_utf8_output,
)
from core.cli.documents import (
    cmd_docs,
    cmd_export,
    cmd_import,
    cmd_merge,
    cmd_new,
    cmd_search,
    cmd_text,
)
from core.cli.review import (
    DECISIONS,
    cmd_agreement,
    cmd_agreement_report,
    cmd_decide,
    cmd_review,
)
from core.cli.suggest import cmd_suggest
from core.errors import DamagedProject, GlossaError
from core.exporters.registry import FORMATS
from core.i18n import _, chosen_language, use_language
from core.model import Status


def build_parser() -> argparse.ArgumentParser:
    parser = Parser(
        prog=PROG,
        description=_("Annotate news articles from the command line: import documents, "
                      "tag passages, list, search and export."),
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND",
                                     parser_class=Parser)

    def command(name: str, handler: Handler, help_text: str) -> argparse.ArgumentParser:
        sub = commands.add_parser(name, help=help_text, description=help_text)
        sub.set_defaults(handler=handler)
        sub.add_argument("project", metavar="PROJECT", help=_("the .glossa project file"))
        return sub

    def json_flag(sub: argparse.ArgumentParser) -> None:
        sub.add_argument("--json", action="store_true", help=_("print JSON instead of a table"))

    command("new", cmd_new, _("create a project with the default codebook"))

    sub = command("import", cmd_import,
                  _("import documents (text, Markdown, HTML, PDF, EPUB) or annotation data "
                    "(a Glossa JSON export, W3C JSON-LD, REFI-QDA .qdpx)"))
    sub.add_argument("files", metavar="FILE", nargs="+", help=_("files to import"))
    sub.add_argument("--title", type=name_arg, help=_("title for the document (one FILE only)"))
    sub.add_argument("--full-page", action="store_true",
                     help=_("web pages: keep the page's full readable text, not only the "
                            "article"))
    sub.add_argument("--suggest", action="store_true",
                     help=_("propose quotes (with speakers) and sources in each new document"))

    json_flag(command("docs", cmd_docs, _("list the documents")))

    sub = command("text", cmd_text, _("print a document's stored text (UTF-8, as stored)"))
    sub.add_argument("doc", metavar="DOC", help=_("document id or a unique prefix of it"))

    sub = command("tag", cmd_tag, _("tag a passage of a document"))
    sub.add_argument("doc", metavar="DOC", help=_("document id or a unique prefix of it"))
    sub.add_argument("tag", metavar="TAG", type=name_arg,
                     help=_('tag path or name, e.g. "Quote" or "Tone/Conciliatory"'))
    where = sub.add_mutually_exclusive_group(required=True)
    where.add_argument("--span", nargs=2, type=offset_arg, metavar=("START", "END"),
                       help=_("code-point offsets of the passage (end exclusive)"))
    where.add_argument("--quote", type=text_arg, metavar="TEXT",
                       help=_("the passage's exact text"))
    sub.add_argument("--occurrence", type=positive_arg, metavar="N",
                     help=_("with --quote: tag the N-th occurrence (default 1)"))
    sub.add_argument("--attr", type=attribute_arg, action="append", metavar="KEY=VALUE",
                     help=_("an attribute, e.g. speaker=Baerbock (repeatable)"))
    sub.add_argument("--note", type=text_arg, metavar="TEXT",
                     help=_("a note on the annotation"))
    sub.add_argument("--author", type=name_arg, metavar="NAME",
                     help=_("annotator (default: $GLOSSA_AUTHOR or your login name)"))

    sub = command("annotations", cmd_annotations, _("list annotations"))
    sub.add_argument("--doc", metavar="DOC", help=_("only this document"))
    sub.add_argument("--tag", type=name_arg, help=_("only this tag (and tags nested in it)"))
    sub.add_argument("--author", type=name_arg, metavar="NAME", help=_("only this annotator's"))
    json_flag(sub)

    sub = command("suggest", cmd_suggest,
                  _("propose quotes (with speakers) and sources in a document, for review"))
    sub.add_argument("doc", metavar="DOC", help=_("document id or a unique prefix of it"))
    sub.add_argument("--accept", action="store_true", help=_("accept them at once"))
    sub.add_argument("--tone", action="store_true",
                     help=_("also propose Tone levels from cue words (low confidence)"))
    json_flag(sub)

    json_flag(command("tags", cmd_tags, _("show the codebook with usage counts")))

    sub = command("search", cmd_search, _("full-text search over texts, titles and notes"))
    sub.add_argument("query", metavar="QUERY", type=text_arg,
                     help=_("words that must all occur; end a word with * for a prefix"))
    json_flag(sub)

    sub = command("merge", cmd_merge,
                  _("merge a colleague's project (.glossa) or export (Glossa JSON, W3C "
                    "JSON-LD, REFI-QDA .qdpx) into this one"))
    sub.add_argument("other", metavar="OTHER", help=_("the colleague's project or export"))

    sub = command("agreement", cmd_agreement,
                  _("agreement between two analysts: kappa, alpha and span F1 per tag "
                    "(alpha among three or more)"))
    who = sub.add_mutually_exclusive_group(required=True)
    who.add_argument("--between", nargs=2, metavar=("A", "B"), type=name_arg,
                     help=_("the two analysts' names"))
    who.add_argument("--among", nargs="+", metavar="ANALYST", type=name_arg,
                     help=_("two or more analysts (after PROJECT): alpha among them all, "
                            "then each pair's overall figures"))
    sub.add_argument("--unit", choices=("sentence", "char"), default="sentence",
                     help=_("units for kappa and alpha (default: sentence)"))
    json_flag(sub)

    sub = command("agreement-report", cmd_agreement_report,
                  _("write an agreement report (figures, confusion matrix, disagreements) "
                    "as HTML, PDF or CSV"))
    sub.add_argument("--between", nargs=2, metavar=("A", "B"), type=name_arg, required=True,
                     help=_("the two analysts' names"))
    sub.add_argument("--out", metavar="PATH", required=True,
                     help=_("file to write; .html, .pdf or .csv chooses the format"))
    sub.add_argument("--format", choices=("html", "pdf", "csv"),
                     help=_("the format, when the file name does not tell"))
    sub.add_argument("--unit", choices=("sentence", "char"), default="sentence",
                     help=_("units for kappa, alpha and the confusion matrix (default: "
                            "sentence)"))
    sub.add_argument("--doc", metavar="DOC", action="append",
                     help=_("only this document (repeatable)"))

    sub = command("review", cmd_review,
                  _("list the disagreements between two analysts, with their decisions"))
    sub.add_argument("--between", nargs=2, metavar=("A", "B"), type=name_arg, required=True,
                     help=_("the two analysts' names"))
    sub.add_argument("--doc", metavar="DOC", help=_("only this document"))
    json_flag(sub)

    sub = command("decide", cmd_decide,
                  _("decide a disagreement: the outcome goes into the Adjudicated layer"))
    sub.add_argument("disagreement", metavar="DISAGREEMENT_ID",
                     help=_("a disagreement id from glossa review, or a unique prefix of it"))
    sub.add_argument("action", choices=DECISIONS,
                     help=_("accept A's or B's annotation, both, reject both, or only comment"))
    sub.add_argument("--comment", type=text_arg, metavar="TEXT",
                     help=_("why (required for comment)"))
    sub.add_argument("--author", type=name_arg, metavar="NAME",
                     help=_("who decides (default: $GLOSSA_AUTHOR or your login name)"))
    sub.add_argument("--between", nargs=2, metavar=("A", "B"), type=name_arg,
                     help=_("only look among these two analysts' disagreements (faster)"))

    sub = command("export", cmd_export, _("export annotations or the whole project"))
    sub.add_argument("--format", choices=tuple(FORMATS), required=True,
                     help="; ".join(f"{f.name}: {f.description_text()}" for f in FORMATS.values()))
    sub.add_argument("--out", metavar="PATH", required=True, help=_("file to write"))
    sub.add_argument("--doc", metavar="DOC", action="append",
                     help=_("only this document (repeatable)"))
    sub.add_argument("--tag", metavar="T", type=name_arg,
                     help=_("only this tag (and nested tags)"))
    sub.add_argument("--author", metavar="A", type=name_arg,
                     help=_("only this annotator's (or layer's, e.g. Adjudicated)"))
    sub.add_argument("--status", choices=tuple(s.value for s in Status),
                     help=_("only annotations with this status"))
    sub.add_argument("--positions", choices=("codepoints", "utf16"),
                     help=_("qdpx only: count positions in code points (the standard's "
                            "characters; default) or in UTF-16 units (what QualCoder counts)"))
    sub = command("backup", cmd_backup, _("keep a backup of the project now (SQLite's online "
                                          "backup; in PROJECT-backups/ unless --to says where)"))
    sub.add_argument("--to", metavar="PATH", help=_("a new file, or a folder to put it in"))

    json_flag(command("backups", cmd_backups,
                      _("list the project's backups, newest first, with their annotation "
                        "counts")))

    sub = command("restore", cmd_restore,
                  _("replace the project by a backup, after checking the backup and keeping "
                    "a copy of the project as it is (refused while it is open elsewhere)"))
    sub.add_argument("backup", metavar="BACKUP", help=_("the backup file (see glossa backups)"))
    return parser


def subcommands() -> list[str]:
    """The subcommand names, in the order ``--help`` lists them (the README test uses it)."""
    parser = build_parser()
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return list(action.choices)
    return []


def _os_message(err: OSError) -> str:
    reason = err.strerror or str(err)
    return f"{err.filename}: {reason}" if err.filename else reason


def _silence_stdout() -> None:
    """After a closed pipe (``glossa docs p | head``), drop further output quietly."""
    with contextlib.suppress(OSError, ValueError, AttributeError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())


def _project_name(argv: list[str] | None) -> str:
    """The PROJECT argument (the first after the command), for messages about its content."""
    words = [w for w in (sys.argv[1:] if argv is None else argv) if not w.startswith("-")]
    return words[1] if len(words) > 1 else _("the project")


def main(argv: list[str] | None = None) -> int:
    """Run one ``glossa`` command; return the exit status (0 ok, 1 bad input, 2 bad usage)."""
    use_utf8_output()
    use_language(chosen_language())
    speak()
    try:
        args = build_parser().parse_args(argv)
        handler: Handler = args.handler
        return handler(args)
    except SystemExit as done:  # --help and --version
        return done.code if isinstance(done.code, int) else 0
    except UsageError as err:
        say(f"{PROG}: {err}")
        return 2
    except DamagedProject as err:  # names the file: the message only knows the row
        say(f"{PROG}: {_project_name(argv)}: {err}")
        return 1
    except GlossaError as err:
        say(f"{PROG}: {err}")
        return 1
    except BrokenPipeError:
        _silence_stdout()
        return 1
    except OSError as err:
        say(f"{PROG}: {_os_message(err)}")
        return 1
    except sqlite3.Error as err:
        say(f"{PROG}: " + _("the project file could not be read or written (%(error)s)")
            % {"error": err})
        return 1
    except UnicodeError as err:
        say(f"{PROG}: " + _("text could not be converted (%(error)s)") % {"error": err})
        return 1
    except KeyboardInterrupt:
        say(f"{PROG}: " + _("interrupted"))
        return 130



__all__ = ["build_parser", "main", "subcommands"]
