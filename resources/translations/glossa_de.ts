<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de" sourcelanguage="en">
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
        <source>{name} — Glossa</source>
        <translation>{name} — Glossa</translation>
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
        <translation>Vergleich {a} mit {b} · Beenden ✕</translation>
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
        <source>&amp;Remove document</source>
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
        <translation>Den aktuellen Tag auf jeden Treffer setzen (ein Rückgängig-Schritt)</translation>
    </message>
    <message>
        <source>Search &amp;project…</source>
        <translation>Im &amp;Projekt suchen…</translation>
    </message>
    <message>
        <source>Search every document and note</source>
        <translation>Alle Dokumente und Notizen durchsuchen</translation>
    </message>
    <message>
        <source>Analyst &amp;name…</source>
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
        <translation>&amp;Rückgängig</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>Wieder&amp;holen</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <source>Re&amp;view</source>
        <translation>Ab&amp;gleich</translation>
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
        <source>Open a document first.</source>
        <translation>Öffnen Sie zuerst ein Dokument.</translation>
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
</TS>
