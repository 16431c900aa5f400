<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de" sourcelanguage="en">
<context>
    <name>Annotating</name>
    <message>
        <source>Select a passage first, then press a tag&apos;s key.</source>
        <extracomment>The analyst agreed, once for this project, to change colleagues&apos; annotations.</extracomment>
        <translation>Markieren Sie zuerst eine Passage und drücken Sie dann die Taste eines Tags.</translation>
    </message>
    <message>
        <source>Editing</source>
        <translation>Das Bearbeiten</translation>
    </message>
    <message>
        <source>No annotation is selected.</source>
        <translation>Keine Annotation ist ausgewählt.</translation>
    </message>
    <message>
        <source>Deleting</source>
        <translation>Das Löschen</translation>
    </message>
    <message>
        <source>Deleted {path} (Ctrl+Z brings it back).</source>
        <translation>{path} gelöscht (Strg+Z holt es zurück).</translation>
    </message>
    <message>
        <source>Select an annotation, then the new text for it.</source>
        <translation>Wählen Sie eine Annotation aus, dann den neuen Text dafür.</translation>
    </message>
    <message>
        <source>Moving</source>
        <translation>Das Verschieben</translation>
    </message>
    <message>
        <source>an unknown analyst</source>
        <translation>einer unbekannten Person</translation>
    </message>
    <message>
        <source>This {tag} is {owner}&apos;s annotation. {action} it changes {owner}&apos;s layer, not yours.

Change colleagues&apos; annotations from now on (until Glossa closes)? To settle them as a reviewer, use Review instead.</source>
        <translation>Diese Annotation ({tag}) stammt von {owner}. {action} ändert die Ebene von {owner}, nicht Ihre.

Ab jetzt Annotationen von Kollegen ändern (bis Glossa geschlossen wird)? Um sie als Prüfer zu entscheiden, nutzen Sie stattdessen den Abgleich.</translation>
    </message>
    <message>
        <source>A colleague&apos;s annotation</source>
        <translation>Die Annotation eines Kollegen</translation>
    </message>
</context>
<context>
    <name>AnnotationList</name>
    <message>
        <source>(any)</source>
        <translation>(alle)</translation>
    </message>
    <message>
        <source>List scope</source>
        <translation>Umfang der Liste</translation>
    </message>
    <message>
        <source>This document</source>
        <translation>Dieses Dokument</translation>
    </message>
    <message>
        <source>Whole project</source>
        <translation>Ganzes Projekt</translation>
    </message>
    <message>
        <source>Filter by tag</source>
        <translation>Nach Tag filtern</translation>
    </message>
    <message>
        <source>Filter by author</source>
        <translation>Nach Autor filtern</translation>
    </message>
    <message>
        <source>Filter by status</source>
        <translation>Nach Status filtern</translation>
    </message>
    <message>
        <source>Annotations</source>
        <translation>Annotationen</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>Zeigen</translation>
    </message>
    <message>
        <source>Tag</source>
        <translation>Tag</translation>
    </message>
    <message>
        <source>Author</source>
        <translation>Autor</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>{n} annotation</source>
        <translation>{n} Annotation</translation>
    </message>
    <message>
        <source>{n} annotations</source>
        <translation>{n} Annotationen</translation>
    </message>
</context>
<context>
    <name>AnnotationTable</name>
    <message>
        <source>Text</source>
        <translation>Text</translation>
    </message>
    <message>
        <source>Tag</source>
        <translation>Tag</translation>
    </message>
    <message>
        <source>Attributes</source>
        <translation>Attribute</translation>
    </message>
    <message>
        <source>Author</source>
        <translation>Autor</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Document</source>
        <translation>Dokument</translation>
    </message>
</context>
<context>
    <name>App</name>
    <message>
        <source>Something went wrong: {where}

Your work so far is saved. Details are in {log}.</source>
        <extracomment>How long after the window is shown ``--screenshot`` waits for layout and painting.</extracomment>
        <translation>Etwas ist schiefgegangen: {where}

Ihre bisherige Arbeit ist gespeichert. Einzelheiten stehen in {log}.</translation>
    </message>
    <message>
        <source>Welcome to Glossa</source>
        <translation>Willkommen bei Glossa</translation>
    </message>
    <message>
        <source>Open the sample project to look around? (You can also create or open a project from the File menu.)</source>
        <translation>Das Beispielprojekt öffnen, um sich umzusehen? (Sie können auch im Menü „Datei“ ein Projekt anlegen oder öffnen.)</translation>
    </message>
    <message>
        <source>Your name, as it should appear on your annotations:</source>
        <translation>Ihr Name, wie er an Ihren Annotationen stehen soll:</translation>
    </message>
    <message>
        <source>Glossa could not start</source>
        <translation>Glossa konnte nicht starten</translation>
    </message>
</context>
<context>
    <name>Appearance</name>
    <message>
        <source>Follow the &amp;system</source>
        <translation>&amp;System folgen</translation>
    </message>
    <message>
        <source>&amp;Light</source>
        <translation>&amp;Hell</translation>
    </message>
    <message>
        <source>&amp;Dark</source>
        <translation>&amp;Dunkel</translation>
    </message>
    <message>
        <source>Colour &amp;scheme</source>
        <translation>&amp;Farbschema</translation>
    </message>
</context>
<context>
    <name>ArticleDisplay</name>
    <message>
        <source>{name}&apos;s annotations</source>
        <extracomment>(A, B) while B&apos;s layer stands beside the article.</extracomment>
        <translation>Annotationen von {name}</translation>
    </message>
    <message>
        <source>Annotations by {names}</source>
        <translation>Annotationen von {names}</translation>
    </message>
    <message>
        <source>No layer shown</source>
        <translation>Keine Ebene angezeigt</translation>
    </message>
    <message>
        <source> (layer hidden)</source>
        <translation> (Ebene ausgeblendet)</translation>
    </message>
</context>
<context>
    <name>ArticleView</name>
    <message>
        <source>Article</source>
        <extracomment>Find matches are marked yellow, a colour no default tag or analyst uses (a marker pen).</extracomment>
        <translation>Artikel</translation>
    </message>
</context>
<context>
    <name>ChangeFollower</name>
    <message>
        <source>; undo history cleared (it no longer matches the file)</source>
        <extracomment>How long the annotation list waits after a change, so the article repaints first. Above this many annotations in one change, reload the document instead of patching it. How often the window looks for commits by other programs (one read of a counter: cheap).</extracomment>
        <translation>; Rückgängig-Verlauf geleert (er passt nicht mehr zur Datei)</translation>
    </message>
    <message>
        <source>Another program changed {name}: the window shows it now{note}.</source>
        <translation>Ein anderes Programm hat {name} geändert: das Fenster zeigt jetzt den neuen Stand{note}.</translation>
    </message>
</context>
<context>
    <name>Codebook</name>
    <message>
        <source>Codebook</source>
        <translation>Codebuch</translation>
    </message>
    <message>
        <source>Tag</source>
        <translation>Tag</translation>
    </message>
    <message>
        <source>Key</source>
        <translation>Taste</translation>
    </message>
    <message>
        <source>In doc</source>
        <translation>Im Dok.</translation>
    </message>
    <message>
        <source>Add a top-level tag</source>
        <translation>Ein Tag auf oberster Ebene anlegen</translation>
    </message>
    <message>
        <source>Add a tag inside the selected one</source>
        <translation>Ein Tag unter dem ausgewählten anlegen</translation>
    </message>
    <message>
        <source>Rename the selected tag</source>
        <translation>Das ausgewählte Tag umbenennen</translation>
    </message>
    <message>
        <source>Change the selected tag&apos;s colour</source>
        <translation>Die Farbe des ausgewählten Tags ändern</translation>
    </message>
    <message>
        <source>Set the selected tag&apos;s key</source>
        <translation>Die Taste des ausgewählten Tags festlegen</translation>
    </message>
    <message>
        <source>Nest the selected tag under another</source>
        <translation>Das ausgewählte Tag einem anderen unterordnen</translation>
    </message>
    <message>
        <source>Delete the selected tag and its annotations</source>
        <translation>Das ausgewählte Tag und seine Annotationen löschen</translation>
    </message>
    <message>
        <source>Select a tag first.</source>
        <translation>Wählen Sie zuerst ein Tag aus.</translation>
    </message>
    <message>
        <source>Name of the new tag inside {parent}:</source>
        <translation>Name des neuen Tags unter {parent}:</translation>
    </message>
    <message>
        <source>Name of the new tag:</source>
        <translation>Name des neuen Tags:</translation>
    </message>
    <message>
        <source>New tag</source>
        <translation>Neues Tag</translation>
    </message>
    <message>
        <source>Rename tag</source>
        <translation>Tag umbenennen</translation>
    </message>
    <message>
        <source>New name:</source>
        <translation>Neuer Name:</translation>
    </message>
    <message>
        <source>Colour of {name}</source>
        <translation>Farbe von {name}</translation>
    </message>
    <message>
        <source>Tag key</source>
        <translation>Taste des Tags</translation>
    </message>
    <message>
        <source>Key for {name} (one letter or digit, empty for none):</source>
        <translation>Taste für {name} (ein Buchstabe oder eine Ziffer, leer für keine):</translation>
    </message>
    <message>
        <source>{n} nested tag</source>
        <translation>{n} untergeordnetem Tag</translation>
    </message>
    <message>
        <source>{n} nested tags</source>
        <translation>{n} untergeordneten Tags</translation>
    </message>
    <message>
        <source>{n} annotation in the project</source>
        <translation>{n} Annotation im Projekt</translation>
    </message>
    <message>
        <source>{n} annotations in the project</source>
        <translation>{n} Annotationen im Projekt</translation>
    </message>
    <message>
        <source>Delete the tag {path!r} with {details}? You can undo this.</source>
        <translation>Das Tag „{path}“ mit {details} löschen? Sie können das rückgängig machen.</translation>
    </message>
    <message>
        <source> and </source>
        <translation> und </translation>
    </message>
    <message>
        <source>Delete tag</source>
        <translation>Tag löschen</translation>
    </message>
</context>
<context>
    <name>CodebookButton</name>
    <message>
        <source>Add</source>
        <extracomment>The buttons&apos; words, for lupdate (the English name is also the button&apos;s key).</extracomment>
        <translation>Neu</translation>
    </message>
    <message>
        <source>Nested</source>
        <translation>Unter-Tag</translation>
    </message>
    <message>
        <source>Rename</source>
        <translation>Umbenennen</translation>
    </message>
    <message>
        <source>Colour</source>
        <translation>Farbe</translation>
    </message>
    <message>
        <source>Key</source>
        <translation>Taste</translation>
    </message>
    <message>
        <source>Move</source>
        <translation>Einordnen</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Löschen</translation>
    </message>
</context>
<context>
    <name>Dialogs</name>
    <message>
        <source>&amp;Open</source>
        <translation>Ö&amp;ffnen</translation>
    </message>
</context>
<context>
    <name>DocumentList</name>
    <message>
        <source>Title</source>
        <translation>Titel</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Quelle</translation>
    </message>
    <message>
        <source>Outlet or file</source>
        <translation>Medium oder Datei</translation>
    </message>
    <message>
        <source>Annotations</source>
        <translation>Annotationen</translation>
    </message>
    <message>
        <source>{n} character</source>
        <translation>{n} Zeichen</translation>
    </message>
    <message>
        <source>{n} characters</source>
        <translation>{n} Zeichen</translation>
    </message>
</context>
<context>
    <name>DocumentMenu</name>
    <message>
        <source>&amp;Document</source>
        <translation>D&amp;okument</translation>
    </message>
    <message>
        <source>Use &amp;full page text</source>
        <translation>&amp;Volltext der Seite verwenden</translation>
    </message>
    <message>
        <source>Show the saved web page&apos;s whole readable text, for when the article was taken from the wrong part of it</source>
        <translation>Den ganzen lesbaren Text der gespeicherten Webseite zeigen, wenn der Artikel aus dem falschen Teil genommen wurde</translation>
    </message>
    <message>
        <source>Use &amp;article text</source>
        <translation>&amp;Artikeltext verwenden</translation>
    </message>
    <message>
        <source>Show only the article the extractor found on the saved web page</source>
        <translation>Nur den Artikel zeigen, den die Extraktion auf der gespeicherten Webseite gefunden hat</translation>
    </message>
    <message>
        <source>Document</source>
        <translation>Dokument</translation>
    </message>
    <message>
        <source>the full page text</source>
        <translation>den Volltext der Seite</translation>
    </message>
    <message>
        <source>the article text</source>
        <translation>den Artikeltext</translation>
    </message>
    <message>
        <source>{n} annotation stays on its words</source>
        <translation>{n} Annotation bleibt auf ihren Wörtern</translation>
    </message>
    <message>
        <source>{n} annotations stay on their words</source>
        <translation>{n} Annotationen bleiben auf ihren Wörtern</translation>
    </message>
    <message>
        <source>The document shows {shown} now; {moved}.</source>
        <translation>Das Dokument zeigt jetzt {shown}; {moved}.</translation>
    </message>
</context>
<context>
    <name>Documents</name>
    <message>
        <source>Filter documents</source>
        <translation>Dokumente filtern</translation>
    </message>
    <message>
        <source>Documents</source>
        <translation>Dokumente</translation>
    </message>
</context>
<context>
    <name>Exchange</name>
    <message>
        <source>Export</source>
        <extracomment>Anki&apos;s rule: a progress dialog appears only for work that takes a noticeable while. The numbers of the commits it made, for the window to adopt as its own.</extracomment>
        <translation>Export</translation>
    </message>
    <message>
        <source>An export or merge is already running.</source>
        <translation>Ein Export oder eine Zusammenführung läuft bereits.</translation>
    </message>
    <message>
        <source>Exporting to {name}…</source>
        <translation>Exportiere nach {name}…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Exported {n} annotation to {path}.</source>
        <translation>{n} Annotation nach {path} exportiert.</translation>
    </message>
    <message>
        <source>Exported {n} annotations to {path}.</source>
        <translation>{n} Annotationen nach {path} exportiert.</translation>
    </message>
    <message>
        <source>{path} was written, but no program opened it (is one set up for {suffix} files?). Open it from its folder.</source>
        <translation>{path} wurde geschrieben, aber kein Programm hat die Datei geöffnet (ist eines für {suffix}-Dateien eingerichtet?). Öffnen Sie sie aus ihrem Ordner.</translation>
    </message>
    <message>
        <source>Merge</source>
        <translation>Zusammenführen</translation>
    </message>
    <message>
        <source>Merge a colleague&apos;s work</source>
        <translation>Arbeit eines Kollegen zusammenführen</translation>
    </message>
    <message>
        <source>Colleague&apos;s work (*.glossa *.json *.jsonld *.qdpx);;Glossa projects (*.glossa);;Glossa JSON exports (*.json);;W3C Web Annotation (*.json *.jsonld);;REFI-QDA projects (*.qdpx);;All files (*)</source>
        <translation>Arbeit eines Kollegen (*.glossa *.json *.jsonld *.qdpx);;Glossa-Projekte (*.glossa);;Glossa-JSON-Exporte (*.json);;W3C Web Annotation (*.json *.jsonld);;REFI-QDA-Projekte (*.qdpx);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>{name} was merged into {project}, which was closed meanwhile; reopen it to see the result (there is nothing to undo here).</source>
        <translation>{name} wurde in {project} übernommen, das inzwischen geschlossen wurde; öffnen Sie es erneut, um das Ergebnis zu sehen (hier gibt es nichts rückgängig zu machen).</translation>
    </message>
    <message>
        <source>Not placed:</source>
        <translation>Nicht platziert:</translation>
    </message>
    <message>
        <source>Warnings:</source>
        <translation>Warnungen:</translation>
    </message>
    <message>
        <source>These annotations could not be placed on your copy of the text:</source>
        <translation>Diese Annotationen ließen sich nicht auf Ihre Fassung des Textes setzen:</translation>
    </message>
    <message>
        <source>… and {n} more.</source>
        <translation>… und {n} weitere.</translation>
    </message>
</context>
<context>
    <name>ExchangeActions</name>
    <message>
        <source>Import</source>
        <translation>Import</translation>
    </message>
    <message>
        <source>Open or create a project first.</source>
        <translation>Öffnen oder erstellen Sie zuerst ein Projekt.</translation>
    </message>
    <message>
        <source>Import documents</source>
        <translation>Dokumente importieren</translation>
    </message>
    <message>
        <source>Articles ({patterns});;All files (*)</source>
        <translation>Artikel ({patterns});;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>An import is already running.</source>
        <translation>Ein Import läuft bereits.</translation>
    </message>
    <message>
        <source>Importing…</source>
        <translation>Importiere…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Importing {name} ({n} of {total})</source>
        <translation>Importiere {name} ({n} von {total})</translation>
    </message>
    <message>
        <source>Imported {n} document</source>
        <translation>{n} Dokument importiert</translation>
    </message>
    <message>
        <source>Imported {n} documents</source>
        <translation>{n} Dokumente importiert</translation>
    </message>
    <message>
        <source>, {n} already in the project</source>
        <translation>, {n} schon im Projekt</translation>
    </message>
    <message>
        <source> (cancelled)</source>
        <translation> (abgebrochen)</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <source>(any)</source>
        <translation>(alle)</translation>
    </message>
    <message>
        <source>{n} disagreement listed.</source>
        <translation>{n} Abweichung aufgeführt.</translation>
    </message>
    <message>
        <source>{n} disagreements listed.</source>
        <translation>{n} Abweichungen aufgeführt.</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>Export</translation>
    </message>
    <message>
        <source>Export format</source>
        <translation>Exportformat</translation>
    </message>
    <message>
        <source>&amp;This document</source>
        <translation>Dieses &amp;Dokument</translation>
    </message>
    <message>
        <source>&amp;Chosen documents</source>
        <translation>Ausgewählte Do&amp;kumente</translation>
    </message>
    <message>
        <source>&amp;All documents</source>
        <translation>Alle Doku&amp;mente</translation>
    </message>
    <message>
        <source>Documents to export</source>
        <translation>Zu exportierende Dokumente</translation>
    </message>
    <message>
        <source>Only this tag</source>
        <translation>Nur dieses Tag</translation>
    </message>
    <message>
        <source>Only this analyst</source>
        <translation>Nur diese/r Analyst/in</translation>
    </message>
    <message>
        <source>(no name)</source>
        <translation>(ohne Namen)</translation>
    </message>
    <message>
        <source>Only this status</source>
        <translation>Nur dieser Status</translation>
    </message>
    <message>
        <source>Export to file</source>
        <translation>In Datei exportieren</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>Durch&amp;suchen…</translation>
    </message>
    <message>
        <source>&amp;Format</source>
        <translation>&amp;Format</translation>
    </message>
    <message>
        <source>Documents</source>
        <translation>Dokumente</translation>
    </message>
    <message>
        <source>Ta&amp;g</source>
        <translation>Ta&amp;g</translation>
    </message>
    <message>
        <source>Sa&amp;ve as</source>
        <translation>Speichern &amp;unter</translation>
    </message>
    <message>
        <source>A&amp;nalyst</source>
        <translation>A&amp;nalyst/in</translation>
    </message>
    <message>
        <source>&amp;Status</source>
        <translation>S&amp;tatus</translation>
    </message>
    <message>
        <source>&amp;Export</source>
        <translation>&amp;Exportieren</translation>
    </message>
    <message>
        <source>Export to</source>
        <translation>Exportieren nach</translation>
    </message>
    <message>
        <source>{label} (*{suffix});;All files (*)</source>
        <translation>{label} (*{suffix});;Alle Dateien (*)</translation>
    </message>
</context>
<context>
    <name>FindMode</name>
    <message>
        <source>Plain text</source>
        <extracomment>FindMode&apos;s values as lupdate should see them (the combo shows them translated).</extracomment>
        <translation>Einfacher Text</translation>
    </message>
    <message>
        <source>Whole word</source>
        <translation>Ganzes Wort</translation>
    </message>
    <message>
        <source>Regular expression</source>
        <translation>Regulärer Ausdruck</translation>
    </message>
</context>
<context>
    <name>Finding</name>
    <message>
        <source>{n} match</source>
        <translation>{n} Treffer</translation>
    </message>
    <message>
        <source>{n} matches</source>
        <translation>{n} Treffer</translation>
    </message>
    <message>
        <source>{index} of {total}</source>
        <translation>{index} von {total}</translation>
    </message>
    <message>
        <source>Find something first (Ctrl+F).</source>
        <translation>Suchen Sie zuerst etwas (Strg+F).</translation>
    </message>
    <message>
        <source>Tag all matches</source>
        <translation>Alle Treffer taggen</translation>
    </message>
    <message>
        <source>Choose a tag in the codebook first.</source>
        <translation>Wählen Sie zuerst ein Tag im Codebuch.</translation>
    </message>
    <message>
        <source>Tagged {n} match as {path}.</source>
        <translation>{n} Treffer als {path} getaggt.</translation>
    </message>
    <message>
        <source>Tagged {n} matches as {path}.</source>
        <translation>{n} Treffer als {path} getaggt.</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>Suche</translation>
    </message>
</context>
<context>
    <name>Help</name>
    <message>
        <source>
&lt;h3&gt;Getting started&lt;/h3&gt;
&lt;ol&gt;
&lt;li&gt;&lt;b&gt;Open or create a project&lt;/b&gt; (File ▸ New project, or Help ▸ Open sample project).
Everything you do is saved at once; there is no Save button.&lt;/li&gt;
&lt;li&gt;&lt;b&gt;Import articles&lt;/b&gt;: File ▸ Import documents, or drop files on the window
(text, HTML, PDF, EPUB).&lt;/li&gt;
&lt;li&gt;&lt;b&gt;Tag a passage&lt;/b&gt;: select it with the mouse or Shift+arrows and press a tag&apos;s key
(1 Quote, 2 Source, 3–7 the tone scale, 8 Note). Leading and trailing spaces are left out.&lt;/li&gt;
&lt;li&gt;&lt;b&gt;Fill in the details&lt;/b&gt;: after a Quote or Source the cursor is in its first field
(speaker, outlet…); Tab moves on, Enter returns to the article. A sources line such as
“22.09.2021 – (RFE/RL) – Title” fills date, outlet and title by itself.&lt;/li&gt;
&lt;li&gt;&lt;b&gt;Move around&lt;/b&gt;: Tab / Shift+Tab step through annotations, Ctrl+F finds text,
Ctrl+Shift+F searches the whole project. Ctrl+Z undoes anything.&lt;/li&gt;
&lt;li&gt;&lt;b&gt;Review a colleague&apos;s tags&lt;/b&gt;: File ▸ Merge colleague&apos;s project, then the Review tab:
choose analysts A and B, Compare, and decide each disagreement with the Review menu&apos;s keys.
Their annotations are marked as theirs; changing one asks first.&lt;/li&gt;
&lt;li&gt;&lt;b&gt;Export&lt;/b&gt;: File ▸ Export writes reports (HTML, PDF, Word), data (CSV, JSON, W3C,
REFI-QDA) or the original PDF with highlights.&lt;/li&gt;
&lt;/ol&gt;
</source>
        <extracomment>Translated when shown (Qt Linguist keeps the markup; translators edit only the words).</extracomment>
        <translation>
&lt;h3&gt;Erste Schritte&lt;/h3&gt;
&lt;ol&gt;
&lt;li&gt;&lt;b&gt;Ein Projekt öffnen oder anlegen&lt;/b&gt; (Datei ▸ Neues Projekt oder Hilfe ▸ Beispielprojekt öffnen).
Alles wird sofort gespeichert; einen Speichern-Knopf gibt es nicht.&lt;/li&gt;
&lt;li&gt;&lt;b&gt;Artikel importieren&lt;/b&gt;: Datei ▸ Dokumente importieren, oder Dateien auf das Fenster ziehen
(Text, HTML, PDF, EPUB).&lt;/li&gt;
&lt;li&gt;&lt;b&gt;Eine Passage taggen&lt;/b&gt;: mit der Maus oder Umschalt+Pfeiltasten markieren und die Taste eines Tags drücken
(1 Zitat, 2 Quelle, 3–7 die Tonskala, 8 Notiz). Leerzeichen am Anfang und Ende bleiben außen vor.&lt;/li&gt;
&lt;li&gt;&lt;b&gt;Details ausfüllen&lt;/b&gt;: nach einem Zitat oder einer Quelle steht der Cursor im ersten Feld
(Sprecher, Medium…); Tab geht weiter, Enter führt zurück in den Artikel. Eine Quellenzeile wie
„22.09.2021 – (RFE/RL) – Titel“ füllt Datum, Medium und Titel von selbst.&lt;/li&gt;
&lt;li&gt;&lt;b&gt;Sich bewegen&lt;/b&gt;: Tab / Umschalt+Tab springen von Annotation zu Annotation, Strg+F sucht Text,
Strg+Umschalt+F durchsucht das ganze Projekt. Strg+Z macht alles rückgängig.&lt;/li&gt;
&lt;li&gt;&lt;b&gt;Die Tags eines Kollegen abgleichen&lt;/b&gt;: Datei ▸ Projekt eines Kollegen zusammenführen, dann der Reiter „Abgleich“:
Analysten A und B wählen, Vergleichen, und jede Abweichung mit den Tasten des Menüs „Abgleich“ entscheiden.
Seine Annotationen sind als seine gekennzeichnet; wer eine ändert, wird vorher gefragt.&lt;/li&gt;
&lt;li&gt;&lt;b&gt;Exportieren&lt;/b&gt;: Datei ▸ Exportieren schreibt Berichte (HTML, PDF, Word), Daten (CSV, JSON, W3C,
REFI-QDA) oder das Original-PDF mit Markierungen.&lt;/li&gt;
&lt;/ol&gt;
</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Keyboard shortcuts&lt;/h3&gt;&lt;p&gt;Tag keys work while the article has focus; the Review menu&apos;s keys work anywhere in the window.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Tastenkürzel&lt;/h3&gt;&lt;p&gt;Die Tasten der Tags wirken, solange der Artikel den Fokus hat; die Tasten des Menüs „Abgleich“ wirken überall im Fenster.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Menu</source>
        <translation>Menü</translation>
    </message>
    <message>
        <source>Command</source>
        <translation>Befehl</translation>
    </message>
    <message>
        <source>Keys</source>
        <translation>Tasten</translation>
    </message>
    <message>
        <source>&amp;Getting started</source>
        <translation>&amp;Erste Schritte</translation>
    </message>
    <message>
        <source>Getting started</source>
        <translation>Erste Schritte</translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation>&amp;Tastenkürzel</translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>Tastenkürzel</translation>
    </message>
</context>
<context>
    <name>Inspector</name>
    <message>
        <source>YYYY-MM-DD</source>
        <extracomment>Shown in an empty field of that kind (a date as the language writes it; any common form is taken and stored as YYYY-MM-DD).</extracomment>
        <translation>TT.MM.JJJJ</translation>
    </message>
    <message>
        <source>Inspector</source>
        <translation>Details</translation>
    </message>
    <message>
        <source>Select a passage and press a tag&apos;s key,
or click a highlight.</source>
        <extracomment>Attribute name -&gt; where its completions come from (asked when first needed).</extracomment>
        <translation>Markieren Sie eine Passage und drücken Sie die Taste eines Tags,
oder klicken Sie auf eine Hervorhebung.</translation>
    </message>
    <message>
        <source>Annotated text</source>
        <translation>Annotierter Text</translation>
    </message>
    <message>
        <source>Whose annotation</source>
        <translation>Wessen Annotation</translation>
    </message>
    <message>
        <source>Author and times</source>
        <translation>Autor und Zeiten</translation>
    </message>
    <message>
        <source>Set span to selection</source>
        <translation>Bereich auf Auswahl setzen</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Löschen</translation>
    </message>
    <message>
        <source>Delete annotation</source>
        <translation>Annotation löschen</translation>
    </message>
    <message>
        <source>{name}&apos;s annotation: changes here change their layer</source>
        <translation>Annotation von {name}: Änderungen hier gelten für diese Ebene, nicht für Ihre</translation>
    </message>
    <message>
        <source>Unknown analyst</source>
        <translation>Unbekannte/r Analyst/in</translation>
    </message>
    <message>
        <source>Tag</source>
        <translation>Tag</translation>
    </message>
    <message>
        <source>Tone level</source>
        <translation>Tonstufe</translation>
    </message>
    <message>
        <source>Level</source>
        <translation>Stufe</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>Sonstiges</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Notiz</translation>
    </message>
    <message>
        <source>By {author}{origin}
Created {created}
Modified {modified}</source>
        <translation>Von {author}{origin}
Erstellt {created}
Geändert {modified}</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>unbekannt</translation>
    </message>
</context>
<context>
    <name>LanguageMenu</name>
    <message>
        <source>Follow the &amp;system</source>
        <extracomment>(setting, menu text); a language&apos;s own name is never translated.</extracomment>
        <translation>&amp;System folgen</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>&amp;Sprache</translation>
    </message>
    <message>
        <source>The window speaks this language from its next start</source>
        <translation>Das Fenster spricht diese Sprache ab dem nächsten Start</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Analyst</source>
        <translation>Analyst/in</translation>
    </message>
    <message>
        <source>Leave comparison</source>
        <translation>Vergleich beenden</translation>
    </message>
    <message>
        <source>Show every analyst&apos;s layer again (Alt+L)</source>
        <translation>Wieder die Ebenen aller Analysten zeigen (Alt+L)</translation>
    </message>
    <message>
        <source>Open project</source>
        <translation>Projekt öffnen</translation>
    </message>
    <message>
        <source>New project</source>
        <translation>Neues Projekt</translation>
    </message>
    <message>
        <source>{name} — Glossa</source>
        <translation>{name} — Glossa</translation>
    </message>
    <message>
        <source>Open document</source>
        <translation>Dokument öffnen</translation>
    </message>
    <message>
        <source>Remove document</source>
        <translation>Dokument entfernen</translation>
    </message>
    <message>
        <source>No document</source>
        <translation>Kein Dokument</translation>
    </message>
    <message>
        <source>{n} annotation here</source>
        <translation>{n} Annotation hier</translation>
    </message>
    <message>
        <source>{n} annotations here</source>
        <translation>{n} Annotationen hier</translation>
    </message>
    <message>
        <source>{n} document</source>
        <translation>{n} Dokument</translation>
    </message>
    <message>
        <source>{n} documents</source>
        <translation>{n} Dokumente</translation>
    </message>
    <message>
        <source>Analyst: {name}</source>
        <translation>Analyst/in: {name}</translation>
    </message>
    <message>
        <source>Comparing {a} with {b} · Leave ✕</source>
        <translation>Vergleich: {a} mit {b} · Beenden ✕</translation>
    </message>
    <message>
        <source>No project is open. Create one with File ▸ New project (Ctrl+N), open one (Ctrl+O), or look around in the sample project (Help ▸ Open sample project).</source>
        <translation>Kein Projekt ist geöffnet. Legen Sie eines an mit Datei ▸ Neues Projekt (Strg+N), öffnen Sie eines (Strg+O) oder sehen Sie sich im Beispielprojekt um (Hilfe ▸ Beispielprojekt öffnen).</translation>
    </message>
    <message>
        <source>Import articles with File ▸ Import documents, or drop files here</source>
        <translation>Artikel importieren mit Datei ▸ Dokumente importieren, oder Dateien hierher ziehen</translation>
    </message>
    <message>
        <source>Remove {title!r} and its {n} annotation from the project? You can undo this.</source>
        <translation>„{title}“ und seine {n} Annotation aus dem Projekt entfernen? Sie können das rückgängig machen.</translation>
    </message>
    <message>
        <source>Remove {title!r} and its {n} annotations from the project? You can undo this.</source>
        <translation>„{title}“ und seine {n} Annotationen aus dem Projekt entfernen? Sie können das rückgängig machen.</translation>
    </message>
</context>
<context>
    <name>MarginLabels</name>
    <message>
        <source>Margin labels</source>
        <extracomment>Bars of nested annotations stand side by side, this far apart.</extracomment>
        <translation>Randbeschriftungen</translation>
    </message>
    <message>
        <source>&amp;Margin labels</source>
        <translation>&amp;Randbeschriftungen</translation>
    </message>
    <message>
        <source>The tag&apos;s name beside the lines each annotation covers</source>
        <translation>Der Name des Tags neben den Zeilen, die eine Annotation umfasst</translation>
    </message>
</context>
<context>
    <name>Menu</name>
    <message>
        <source>&amp;New project…</source>
        <translation>&amp;Neues Projekt…</translation>
    </message>
    <message>
        <source>Create an empty project</source>
        <translation>Ein leeres Projekt anlegen</translation>
    </message>
    <message>
        <source>&amp;Open project…</source>
        <translation>Projekt ö&amp;ffnen…</translation>
    </message>
    <message>
        <source>Open a project file</source>
        <translation>Eine Projektdatei öffnen</translation>
    </message>
    <message>
        <source>&amp;Import documents…</source>
        <translation>Dokumente &amp;importieren…</translation>
    </message>
    <message>
        <source>Import articles (text, HTML, PDF, EPUB)</source>
        <translation>Artikel importieren (Text, HTML, PDF, EPUB)</translation>
    </message>
    <message>
        <source>Remo&amp;ve document</source>
        <translation>Dokument &amp;entfernen</translation>
    </message>
    <message>
        <source>Remove the open document</source>
        <translation>Das geöffnete Dokument entfernen</translation>
    </message>
    <message>
        <source>&amp;Export…</source>
        <translation>E&amp;xportieren…</translation>
    </message>
    <message>
        <source>Export reports or data (HTML, PDF, Word, CSV, JSON, W3C, REFI-QDA)</source>
        <translation>Berichte oder Daten exportieren (HTML, PDF, Word, CSV, JSON, W3C, REFI-QDA)</translation>
    </message>
    <message>
        <source>&amp;Merge colleague&apos;s project…</source>
        <translation>Projekt eines Kollegen zusa&amp;mmenführen…</translation>
    </message>
    <message>
        <source>Bring in a colleague&apos;s project or JSON export, keeping authors</source>
        <translation>Das Projekt oder den JSON-Export eines Kollegen übernehmen, mit den Autoren</translation>
    </message>
    <message>
        <source>Restore from &amp;backup…</source>
        <translation>Aus &amp;Sicherung wiederherstellen…</translation>
    </message>
    <message>
        <source>Put a backup of this project in its place</source>
        <translation>Eine Sicherung dieses Projekts an seine Stelle setzen</translation>
    </message>
    <message>
        <source>Save a &amp;copy as…</source>
        <translation>&amp;Kopie speichern unter…</translation>
    </message>
    <message>
        <source>Write this project to another file (e.g. when its disk is full or it was moved)</source>
        <translation>Dieses Projekt in eine andere Datei schreiben (z. B. wenn sein Datenträger voll ist oder es verschoben wurde)</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>&amp;Delete annotation</source>
        <translation>Annotation &amp;löschen</translation>
    </message>
    <message>
        <source>Delete the selected annotation</source>
        <translation>Die ausgewählte Annotation löschen</translation>
    </message>
    <message>
        <source>Set span to &amp;selection</source>
        <translation>Bereich auf &amp;Auswahl setzen</translation>
    </message>
    <message>
        <source>Move the selected annotation to the selected text</source>
        <translation>Die ausgewählte Annotation auf den markierten Text verschieben</translation>
    </message>
    <message>
        <source>&amp;Next annotation</source>
        <translation>&amp;Nächste Annotation</translation>
    </message>
    <message>
        <source>&amp;Previous annotation</source>
        <translation>&amp;Vorherige Annotation</translation>
    </message>
    <message>
        <source>&amp;Find in document…</source>
        <translation>Im Dokument &amp;suchen…</translation>
    </message>
    <message>
        <source>Find text in the open document</source>
        <translation>Text im geöffneten Dokument suchen</translation>
    </message>
    <message>
        <source>Find ne&amp;xt</source>
        <translation>&amp;Weitersuchen</translation>
    </message>
    <message>
        <source>Find pre&amp;vious</source>
        <translation>Rückwärts su&amp;chen</translation>
    </message>
    <message>
        <source>&amp;Tag all matches</source>
        <translation>Alle &amp;Treffer taggen</translation>
    </message>
    <message>
        <source>Put the current tag on every match (one undo step)</source>
        <translation>Das aktuelle Tag auf jeden Treffer setzen (ein Rückgängig-Schritt)</translation>
    </message>
    <message>
        <source>Searc&amp;h project…</source>
        <translation>Im &amp;Projekt suchen…</translation>
    </message>
    <message>
        <source>Search every document and note</source>
        <translation>Alle Dokumente und Notizen durchsuchen</translation>
    </message>
    <message>
        <source>Anal&amp;yst name…</source>
        <translation>Analystenna&amp;me…</translation>
    </message>
    <message>
        <source>Who is annotating</source>
        <translation>Wer annotiert</translation>
    </message>
    <message>
        <source>Open &amp;sample project</source>
        <translation>&amp;Beispielprojekt öffnen</translation>
    </message>
    <message>
        <source>&amp;About Glossa</source>
        <translation>Über &amp;Glossa</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <source>Open &amp;recent</source>
        <translation>&amp;Zuletzt geöffnet</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>&amp;Bearbeiten</translation>
    </message>
    <message>
        <source>&amp;Tag</source>
        <translation>&amp;Tag</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <source>Main</source>
        <translation>Haupt</translation>
    </message>
    <message>
        <source>Main toolbar</source>
        <translation>Hauptwerkzeugleiste</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <extracomment>The property holding a menu action&apos;s name without the step it would take back (&quot;&amp;Undo&quot;), for lists of commands such as Help › Keyboard shortcuts.</extracomment>
        <translation>&amp;Rückgängig</translation>
    </message>
    <message>
        <source>&amp;Undo {step}</source>
        <translation>&amp;Rückgängig: {step}</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>Wieder&amp;holen</translation>
    </message>
    <message>
        <source>&amp;Redo {step}</source>
        <translation>Wieder&amp;holen: {step}</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <source>Revie&amp;w</source>
        <translation>Ab&amp;gleich</translation>
    </message>
</context>
<context>
    <name>OverviewStrip</name>
    <message>
        <source>Annotation overview</source>
        <extracomment>Changes arriving within this time share one redraw of the marks.</extracomment>
        <translation>Annotationsübersicht</translation>
    </message>
    <message>
        <source>Where annotations sit in the article; click to jump</source>
        <translation>Wo im Artikel Annotationen stehen; Klick springt hin</translation>
    </message>
</context>
<context>
    <name>ProjectMenu</name>
    <message>
        <source>New project</source>
        <translation>Neues Projekt</translation>
    </message>
    <message>
        <source>Glossa projects (*{suffix})</source>
        <translation>Glossa-Projekte (*{suffix})</translation>
    </message>
    <message>
        <source>Open project</source>
        <translation>Projekt öffnen</translation>
    </message>
    <message>
        <source>Glossa projects (*{suffix});;All files (*)</source>
        <translation>Glossa-Projekte (*{suffix});;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Restore from backup</source>
        <translation>Aus Sicherung wiederherstellen</translation>
    </message>
    <message>
        <source>There is no backup of {name} yet (one is taken each day the project is opened, and by glossa backup).</source>
        <translation>Von {name} gibt es noch keine Sicherung (eine entsteht an jedem Tag, an dem das Projekt geöffnet wird, und mit glossa backup).</translation>
    </message>
    <message>
        <source>{n} annotation</source>
        <translation>{n} Annotation</translation>
    </message>
    <message>
        <source>{n} annotations</source>
        <translation>{n} Annotationen</translation>
    </message>
    <message>
        <source>Put which backup in place of {name}? The project as it is now is kept as a backup first.</source>
        <translation>Welche Sicherung soll an die Stelle von {name} treten? Das Projekt in seinem jetzigen Stand wird vorher als Sicherung aufbewahrt.</translation>
    </message>
    <message>
        <source>Restored the backup of {backup}; the project as it was is kept in {kept}.</source>
        <translation>Sicherung vom {backup} wiederhergestellt; das Projekt im vorigen Stand liegt in {kept}.</translation>
    </message>
    <message>
        <source>Save a copy as</source>
        <translation>Kopie speichern unter</translation>
    </message>
    <message>
        <source>Save a copy</source>
        <translation>Kopie speichern</translation>
    </message>
    <message>
        <source>Saved {name}. Work on in the copy from now on?</source>
        <translation>{name} gespeichert. Ab jetzt in der Kopie weiterarbeiten?</translation>
    </message>
    <message>
        <source>Sample project</source>
        <translation>Beispielprojekt</translation>
    </message>
    <message>
        <source>The sample project is not available in this version of Glossa.</source>
        <translation>Das Beispielprojekt ist in dieser Version von Glossa nicht enthalten.</translation>
    </message>
    <message>
        <source>Analyst</source>
        <translation>Analyst/in</translation>
    </message>
    <message>
        <source>Your name (recorded on your annotations):</source>
        <translation>Ihr Name (wird an Ihren Annotationen vermerkt):</translation>
    </message>
    <message>
        <source>About Glossa</source>
        <translation>Über Glossa</translation>
    </message>
    <message>
        <source>Glossa: annotate news articles — quotes, sources, tone and your own codebook, saved as you go.</source>
        <translation>Glossa: Nachrichtenartikel annotieren — Zitate, Quellen, Tonlage und Ihr eigenes Codebuch, laufend gespeichert.</translation>
    </message>
</context>
<context>
    <name>Review</name>
    <message>
        <source>only {a}</source>
        <translation>nur {a}</translation>
    </message>
    <message>
        <source>only {b}</source>
        <translation>nur {b}</translation>
    </message>
    <message>
        <source>different tags</source>
        <translation>andere Tags</translation>
    </message>
    <message>
        <source>different bounds</source>
        <translation>andere Grenzen</translation>
    </message>
    <message>
        <source>different attributes</source>
        <translation>andere Attribute</translation>
    </message>
    <message>
        <source>accepted {a}</source>
        <translation>{a} übernommen</translation>
    </message>
    <message>
        <source>accepted {b}</source>
        <translation>{b} übernommen</translation>
    </message>
    <message>
        <source>accepted both</source>
        <translation>beide übernommen</translation>
    </message>
    <message>
        <source>rejected</source>
        <translation>abgelehnt</translation>
    </message>
    <message>
        <source>edited</source>
        <translation>bearbeitet</translation>
    </message>
    <message>
        <source>commented</source>
        <translation>kommentiert</translation>
    </message>
    <message>
        <source>Accept A</source>
        <extracomment>(action, button text, shortcut) in the order the buttons appear.</extracomment>
        <translation>A übernehmen</translation>
    </message>
    <message>
        <source>Accept B</source>
        <translation>B übernehmen</translation>
    </message>
    <message>
        <source>Accept both</source>
        <translation>Beide übernehmen</translation>
    </message>
    <message>
        <source>Reject</source>
        <translation>Ablehnen</translation>
    </message>
    <message>
        <source>Edit to selection</source>
        <translation>Auf Auswahl ändern</translation>
    </message>
    <message>
        <source>Comment…</source>
        <translation>Kommentar…</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Art</translation>
    </message>
    <message>
        <source>Difference (A → B)</source>
        <translation>Unterschied (A → B)</translation>
    </message>
    <message>
        <source>Passage</source>
        <translation>Passage</translation>
    </message>
    <message>
        <source>Decision</source>
        <translation>Entscheidung</translation>
    </message>
    <message>
        <source>Colour highlights by who made them instead of by tag</source>
        <translation>Hervorhebungen nach Urheber statt nach Tag färben</translation>
    </message>
    <message>
        <source>Layers:</source>
        <translation>Ebenen:</translation>
    </message>
    <message>
        <source>Colour by &amp;analyst</source>
        <translation>Nach Analyst &amp;färben</translation>
    </message>
    <message>
        <source>Analyst A</source>
        <translation>Analyst/in A</translation>
    </message>
    <message>
        <source>Analyst B</source>
        <translation>Analyst/in B</translation>
    </message>
    <message>
        <source>Co&amp;mpare</source>
        <translation>&amp;Vergleichen</translation>
    </message>
    <message>
        <source>Show only these two layers, coloured by analyst, and list where they disagree in this document</source>
        <translation>Nur diese beiden Ebenen zeigen, nach Analyst gefärbt, und auflisten, wo sie in diesem Dokument abweichen</translation>
    </message>
    <message>
        <source>&amp;Side by side</source>
        <translation>&amp;Nebeneinander</translation>
    </message>
    <message>
        <source>Compare shows A&apos;s layer in the article and B&apos;s beside it, both in tag colours</source>
        <translation>Vergleichen zeigt die Ebene von A im Artikel und die von B daneben, beide in den Farben der Tags</translation>
    </message>
    <message>
        <source>Agreement re&amp;port…</source>
        <translation>Überein&amp;stimmungsbericht…</translation>
    </message>
    <message>
        <source>Kappa, alpha and F1 per tag, the confusion matrix and the disagreements of these two analysts, as HTML, PDF or CSV</source>
        <translation>Kappa, Alpha und F1 je Tag, die Konfusionsmatrix und die Abweichungen dieser beiden Analysten, als HTML, PDF oder CSV</translation>
    </message>
    <message>
        <source>Leave comparison</source>
        <translation>Vergleich beenden</translation>
    </message>
    <message>
        <source>Show every analyst&apos;s layer again, coloured by tag (Alt+L)</source>
        <translation>Wieder die Ebenen aller Analysten zeigen, nach Tag gefärbt (Alt+L)</translation>
    </message>
    <message>
        <source>Disagreements</source>
        <translation>Abweichungen</translation>
    </message>
    <message>
        <source>Next disagreement</source>
        <extracomment>The decisions as window actions (the Review menu), enabled as their buttons are.</extracomment>
        <translation>Nächste Abweichung</translation>
    </message>
    <message>
        <source>Previous disagreement</source>
        <translation>Vorherige Abweichung</translation>
    </message>
    <message>
        <source>(no name)</source>
        <translation>(ohne Namen)</translation>
    </message>
    <message>
        <source>Show {name}&apos;s annotations</source>
        <translation>Annotationen von {name} zeigen</translation>
    </message>
    <message>
        <source>unnamed</source>
        <translation>ohne Namen</translation>
    </message>
    <message>
        <source>Side by side colours both articles by tag</source>
        <translation>Nebeneinander färbt beide Artikel nach Tag</translation>
    </message>
    <message>
        <source>Choose two different analysts.</source>
        <translation>Wählen Sie zwei verschiedene Analysten.</translation>
    </message>
    <message>
        <source>{n} disagreement, {open} undecided</source>
        <translation>{n} Abweichung, {open} offen</translation>
    </message>
    <message>
        <source>{n} disagreements, {open} undecided</source>
        <translation>{n} Abweichungen, {open} offen</translation>
    </message>
    <message>
        <source>{decision} by {name}</source>
        <translation>{decision} von {name}</translation>
    </message>
</context>
<context>
    <name>ReviewController</name>
    <message>
        <source>Agreement report</source>
        <extracomment>Above this many changed annotations, the analysts&apos; list is read again (a merge).</extracomment>
        <translation>Übereinstimmungsbericht</translation>
    </message>
    <message>
        <source>HTML report (*.html);;PDF report (*.pdf);;CSV table (*.csv)</source>
        <translation>HTML-Bericht (*.html);;PDF-Bericht (*.pdf);;CSV-Tabelle (*.csv)</translation>
    </message>
    <message>
        <source>Comment</source>
        <translation>Kommentar</translation>
    </message>
    <message>
        <source>Your comment on this passage:</source>
        <translation>Ihr Kommentar zu dieser Passage:</translation>
    </message>
    <message>
        <source>Edit</source>
        <translation>Auf Auswahl ändern</translation>
    </message>
    <message>
        <source>Select the passage as it should stand, then choose Edit.</source>
        <translation>Markieren Sie die Passage so, wie sie stehen soll, dann wählen Sie „Auf Auswahl ändern“.</translation>
    </message>
</context>
<context>
    <name>Search</name>
    <message>
        <source>Find in document</source>
        <translation>Im Dokument suchen</translation>
    </message>
    <message>
        <source>Find text</source>
        <translation>Suchtext</translation>
    </message>
    <message>
        <source>Find mode</source>
        <translation>Suchart</translation>
    </message>
    <message>
        <source>Match case</source>
        <translation>Groß-/Kleinschreibung beachten</translation>
    </message>
    <message>
        <source>Matches</source>
        <translation>Treffer</translation>
    </message>
    <message>
        <source>Previous match (Shift+F3)</source>
        <translation>Vorheriger Treffer (Umschalt+F3)</translation>
    </message>
    <message>
        <source>Previous match</source>
        <translation>Vorheriger Treffer</translation>
    </message>
    <message>
        <source>Next match (F3)</source>
        <translation>Nächster Treffer (F3)</translation>
    </message>
    <message>
        <source>Next match</source>
        <translation>Nächster Treffer</translation>
    </message>
    <message>
        <source>Tag all matches</source>
        <translation>Alle Treffer taggen</translation>
    </message>
    <message>
        <source>Close (Esc)</source>
        <translation>Schließen (Esc)</translation>
    </message>
    <message>
        <source>Close find bar</source>
        <translation>Suchleiste schließen</translation>
    </message>
    <message>
        <source>Tag all as {path}</source>
        <translation>Alle als {path} taggen</translation>
    </message>
    <message>
        <source>Tag all (choose a tag)</source>
        <translation>Alle taggen (Tag wählen)</translation>
    </message>
    <message>
        <source>Put this tag on every match, as one undo step (Ctrl+Shift+T)</source>
        <translation>Dieses Tag auf jeden Treffer setzen, als ein Rückgängig-Schritt (Strg+Umschalt+T)</translation>
    </message>
    <message>
        <source>Choose a tag in the codebook first</source>
        <translation>Wählen Sie zuerst ein Tag im Codebuch</translation>
    </message>
    <message>
        <source>Search project</source>
        <translation>Projekt durchsuchen</translation>
    </message>
    <message>
        <source>Search all documents and notes (Enter)</source>
        <translation>Alle Dokumente und Notizen durchsuchen (Enter)</translation>
    </message>
    <message>
        <source>Search text</source>
        <translation>Suchtext</translation>
    </message>
    <message>
        <source>Search results</source>
        <translation>Suchergebnisse</translation>
    </message>
    <message>
        <source>{n} hit</source>
        <translation>{n} Treffer</translation>
    </message>
    <message>
        <source>{n} hits</source>
        <translation>{n} Treffer</translation>
    </message>
    <message>
        <source>no hits</source>
        <translation>keine Treffer</translation>
    </message>
</context>
<context>
    <name>SideBySide</name>
    <message>
        <source>Second analyst&apos;s annotations</source>
        <translation>Annotationen der zweiten Person</translation>
    </message>
    <message>
        <source>{name}&apos;s annotations</source>
        <translation>Annotationen von {name}</translation>
    </message>
</context>
<context>
    <name>Status</name>
    <message>
        <source>proposed</source>
        <translation>vorgeschlagen</translation>
    </message>
    <message>
        <source>accepted</source>
        <translation>angenommen</translation>
    </message>
    <message>
        <source>rejected</source>
        <translation>abgelehnt</translation>
    </message>
</context>
<context>
    <name>Suggesting</name>
    <message>
        <source>Suggest quotes and sources</source>
        <translation>Zitate und Quellen vorschlagen</translation>
    </message>
    <message>
        <source>Accept suggestion</source>
        <translation>Vorschlag annehmen</translation>
    </message>
    <message>
        <source>Reject suggestion</source>
        <translation>Vorschlag ablehnen</translation>
    </message>
    <message>
        <source>Accept all suggestions here</source>
        <translation>Alle Vorschläge hier annehmen</translation>
    </message>
    <message>
        <source>Include tone cues (low confidence)</source>
        <translation>Ton-Signale einbeziehen (geringe Sicherheit)</translation>
    </message>
    <message>
        <source>Also propose a Tone level for sentences with words such as &apos;kritisierte&apos; or &apos;begrüßte&apos;; each says which words made it</source>
        <translation>Auch eine Ton-Stufe für Sätze mit Wörtern wie &apos;kritisierte&apos; oder &apos;begrüßte&apos; vorschlagen; jeder Vorschlag nennt die Wörter, die ihn ausgelöst haben</translation>
    </message>
    <message>
        <source>Suggest on import</source>
        <translation>Beim Import vorschlagen</translation>
    </message>
    <message>
        <source>Open a document first.</source>
        <translation>Öffnen Sie zuerst ein Dokument.</translation>
    </message>
    <message>
        <source>Suggest</source>
        <translation>Vorschlagen</translation>
    </message>
    <message>
        <source>; {n} suggestion left out (tagged or rejected already)</source>
        <translation>; {n} Vorschlag ausgelassen (schon getaggt oder abgelehnt)</translation>
    </message>
    <message>
        <source>; {n} suggestions left out (tagged or rejected already)</source>
        <translation>; {n} Vorschläge ausgelassen (schon getaggt oder abgelehnt)</translation>
    </message>
    <message>
        <source>Nothing new to suggest{left_out}.</source>
        <translation>Nichts Neues vorzuschlagen{left_out}.</translation>
    </message>
    <message>
        <source>{n} suggestion to decide: Alt+Y accepts, Alt+N rejects</source>
        <translation>{n} Vorschlag zu entscheiden: Alt+Y nimmt an, Alt+N lehnt ab</translation>
    </message>
    <message>
        <source>{n} suggestions to decide: Alt+Y accepts, Alt+N rejects</source>
        <translation>{n} Vorschläge zu entscheiden: Alt+Y nimmt an, Alt+N lehnt ab</translation>
    </message>
    <message>
        <source>Select a suggestion first (they are drawn faint with a dashed underline).</source>
        <translation>Wählen Sie zuerst einen Vorschlag aus (Vorschläge sind blass und gestrichelt unterstrichen).</translation>
    </message>
    <message>
        <source>No suggestion waits here.</source>
        <translation>Hier wartet kein Vorschlag.</translation>
    </message>
</context>
<context>
    <name>Undo</name>
    <message>
        <source>Tag as {path}</source>
        <translation>Als {path} taggen</translation>
    </message>
    <message>
        <source>Delete {path}</source>
        <translation>{path} löschen</translation>
    </message>
    <message>
        <source>Set span to selection</source>
        <translation>Bereich auf Auswahl setzen</translation>
    </message>
    <message>
        <source>Change tag</source>
        <translation>Tag ändern</translation>
    </message>
    <message>
        <source>Edit attributes</source>
        <translation>Attribute bearbeiten</translation>
    </message>
    <message>
        <source>Edit note</source>
        <translation>Notiz bearbeiten</translation>
    </message>
    <message>
        <source>Change status</source>
        <translation>Status ändern</translation>
    </message>
    <message>
        <source>Edit annotation</source>
        <translation>Annotation bearbeiten</translation>
    </message>
    <message>
        <source>Tag {n} match as {path}</source>
        <translation>{n} Treffer als {path} taggen</translation>
    </message>
    <message>
        <source>Tag {n} matches as {path}</source>
        <translation>{n} Treffer als {path} taggen</translation>
    </message>
    <message>
        <source>Remove {title}</source>
        <translation>{title} entfernen</translation>
    </message>
    <message>
        <source>Add tag {name}</source>
        <translation>Tag {name} anlegen</translation>
    </message>
    <message>
        <source>Rename tag {name}</source>
        <translation>Tag {name} umbenennen</translation>
    </message>
    <message>
        <source>Recolour tag {name}</source>
        <translation>Tag {name} umfärben</translation>
    </message>
    <message>
        <source>Set key of {name}</source>
        <translation>Taste von {name} setzen</translation>
    </message>
    <message>
        <source>Move tag {name}</source>
        <translation>Tag {name} verschieben</translation>
    </message>
    <message>
        <source>Delete tag {name}</source>
        <translation>Tag {name} löschen</translation>
    </message>
    <message>
        <source>Suggest {n} passage</source>
        <translation>{n} Passage vorschlagen</translation>
    </message>
    <message>
        <source>Suggest {n} passages</source>
        <translation>{n} Passagen vorschlagen</translation>
    </message>
    <message>
        <source>Accept suggestion</source>
        <translation>Vorschlag annehmen</translation>
    </message>
    <message>
        <source>Reject suggestion</source>
        <translation>Vorschlag ablehnen</translation>
    </message>
    <message>
        <source>Accept {n} suggestion</source>
        <translation>{n} Vorschlag annehmen</translation>
    </message>
    <message>
        <source>Accept {n} suggestions</source>
        <translation>{n} Vorschläge annehmen</translation>
    </message>
    <message>
        <source>Use full page text</source>
        <translation>Volltext der Seite verwenden</translation>
    </message>
    <message>
        <source>Use article text</source>
        <translation>Artikeltext verwenden</translation>
    </message>
</context>
<context>
    <name>WindowLayout</name>
    <message>
        <source>Document title</source>
        <extracomment>Starting widths of documents, article and codebook/inspector; the splitter keeps the proportions on a small screen (1024 × 700 leaves every pane usable). Narrowest the documents pane and the codebook/inspector pane may become: the article gives way first (the codebook needs room for tag names and two rows of buttons).</extracomment>
        <translation>Dokumenttitel</translation>
    </message>
    <message>
        <source>Annotation list and search</source>
        <translation>Annotationsliste und Suche</translation>
    </message>
    <message>
        <source>Annotations</source>
        <translation>Annotationen</translation>
    </message>
    <message>
        <source>Search project</source>
        <translation>Projekt durchsuchen</translation>
    </message>
    <message>
        <source>Review</source>
        <translation>Abgleich</translation>
    </message>
    <message>
        <source>Codebook</source>
        <translation>Codebuch</translation>
    </message>
    <message>
        <source>Annotation</source>
        <translation>Annotation</translation>
    </message>
    <message>
        <source>Documents</source>
        <translation>Dokumente</translation>
    </message>
</context>
<context>
    <name>Workers</name>
    <message>
        <source>{name}: cannot be opened ({error})</source>
        <extracomment>The numbers of the commits it made, for the window to adopt as its own.</extracomment>
        <translation>{name}: lässt sich nicht öffnen ({error})</translation>
    </message>
    <message>
        <source>{name}: could not be imported ({error})</source>
        <translation>{name}: konnte nicht importiert werden ({error})</translation>
    </message>
    <message>
        <source>The export failed: {error!r}</source>
        <translation>Der Export ist fehlgeschlagen: {error!r}</translation>
    </message>
</context>
</TS>
