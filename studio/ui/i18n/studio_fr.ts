<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr">
<context>
    <name>AboutDialog</name>
    <message>
        <source>About Studio</source>
        <translation>À propos de Studio</translation>
    </message>
    <message>
        <source>Version {version}</source>
        <translation>Version {version}</translation>
    </message>
    <message>
        <source>Personalise products on templates and export print-ready files, mockups and cut files.</source>
        <translation>Personnalisez des produits à partir de modèles et exportez des fichiers prêts à imprimer, des maquettes et des fichiers de découpe.</translation>
    </message>
    <message>
        <source>Licences</source>
        <translation>Licences</translation>
    </message>
    <message>
        <source>Bundled fonts</source>
        <translation>Polices fournies</translation>
    </message>
    <message>
        <source>These typefaces ship unmodified with their licence files, in the fonts folder of Studio&apos;s assets. OFL 1.1: SIL Open Font License; Apache 2.0: Apache License.</source>
        <translation>Ces polices sont livrées sans modification avec leurs fichiers de licence, dans le dossier fonts des ressources de Studio. OFL 1.1&#xa0;: SIL Open Font License&#xa0;; Apache 2.0&#xa0;: Apache License.</translation>
    </message>
    <message>
        <source>Family</source>
        <translation>Famille</translation>
    </message>
    <message>
        <source>Licence</source>
        <translation>Licence</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Source</translation>
    </message>
    <message>
        <source>Built with</source>
        <translation>Conçu avec</translation>
    </message>
</context>
<context>
    <name>Actions</name>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Fichier</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>&amp;Édition</translation>
    </message>
    <message>
        <source>&amp;Insert</source>
        <translation>&amp;Insérer</translation>
    </message>
    <message>
        <source>&amp;Arrange</source>
        <translation>Dis&amp;position</translation>
    </message>
    <message>
        <source>Align and &amp;Distribute</source>
        <translation>A&amp;ligner et répartir</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Affichage</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>Ai&amp;de</translation>
    </message>
    <message>
        <source>&amp;New…</source>
        <translation>&amp;Nouveau…</translation>
    </message>
    <message>
        <source>Start a design on a product</source>
        <translation>Commencer une création sur un produit</translation>
    </message>
    <message>
        <source>&amp;Open…</source>
        <translation>&amp;Ouvrir…</translation>
    </message>
    <message>
        <source>Open a project</source>
        <translation>Ouvrir un projet</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>&amp;Enregistrer</translation>
    </message>
    <message>
        <source>Save the project</source>
        <translation>Enregistrer le projet</translation>
    </message>
    <message>
        <source>Save &amp;As…</source>
        <translation>Enregistrer &amp;sous…</translation>
    </message>
    <message>
        <source>&amp;Export…</source>
        <translation>E&amp;xporter…</translation>
    </message>
    <message>
        <source>Export print files and mockups</source>
        <translation>Exporter les fichiers d’impression et les maquettes</translation>
    </message>
    <message>
        <source>&amp;Close Project</source>
        <translation>&amp;Fermer le projet</translation>
    </message>
    <message>
        <source>Pre&amp;ferences…</source>
        <translation>&amp;Préférences…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Quitter</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>&amp;Annuler</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>&amp;Rétablir</translation>
    </message>
    <message>
        <source>Cu&amp;t</source>
        <translation>Co&amp;uper</translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation>&amp;Copier</translation>
    </message>
    <message>
        <source>&amp;Paste</source>
        <translation>C&amp;oller</translation>
    </message>
    <message>
        <source>D&amp;uplicate</source>
        <translation>&amp;Dupliquer</translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation>&amp;Supprimer</translation>
    </message>
    <message>
        <source>Select &amp;All</source>
        <translation>&amp;Tout sélectionner</translation>
    </message>
    <message>
        <source>Select &amp;None</source>
        <translation>Tout désé&amp;lectionner</translation>
    </message>
    <message>
        <source>&amp;Text</source>
        <translation>&amp;Texte</translation>
    </message>
    <message>
        <source>Add a line of text</source>
        <translation>Ajouter une ligne de texte</translation>
    </message>
    <message>
        <source>&amp;Image…</source>
        <translation>&amp;Image…</translation>
    </message>
    <message>
        <source>Add a photo or picture</source>
        <translation>Ajouter une photo ou une image</translation>
    </message>
    <message>
        <source>&amp;Clipart…</source>
        <translation>&amp;Clipart…</translation>
    </message>
    <message>
        <source>Browse the clipart library</source>
        <translation>Parcourir la bibliothèque de cliparts</translation>
    </message>
    <message>
        <source>&amp;Rectangle</source>
        <translation>&amp;Rectangle</translation>
    </message>
    <message>
        <source>&amp;Ellipse</source>
        <translation>&amp;Ellipse</translation>
    </message>
    <message>
        <source>&amp;Star</source>
        <translation>&amp;Étoile</translation>
    </message>
    <message>
        <source>&amp;Line</source>
        <translation>&amp;Ligne</translation>
    </message>
    <message>
        <source>&amp;Group</source>
        <translation>&amp;Grouper</translation>
    </message>
    <message>
        <source>&amp;Ungroup</source>
        <translation>&amp;Dissocier</translation>
    </message>
    <message>
        <source>Bring &amp;Forward</source>
        <translation>&amp;Avancer d’un plan</translation>
    </message>
    <message>
        <source>Send &amp;Backward</source>
        <translation>&amp;Reculer d’un plan</translation>
    </message>
    <message>
        <source>Bring to Fron&amp;t</source>
        <translation>Mettre au &amp;premier plan</translation>
    </message>
    <message>
        <source>Send to Bac&amp;k</source>
        <translation>Mettre à l’arrière-pla&amp;n</translation>
    </message>
    <message>
        <source>Align &amp;Left</source>
        <translation>Aligner à &amp;gauche</translation>
    </message>
    <message>
        <source>Align &amp;Centres Horizontally</source>
        <translation>&amp;Centrer horizontalement</translation>
    </message>
    <message>
        <source>Align &amp;Right</source>
        <translation>Aligner à &amp;droite</translation>
    </message>
    <message>
        <source>Align &amp;Top</source>
        <translation>Aligner en &amp;haut</translation>
    </message>
    <message>
        <source>Align Centres &amp;Vertically</source>
        <translation>Centrer &amp;verticalement</translation>
    </message>
    <message>
        <source>Align &amp;Bottom</source>
        <translation>Aligner en &amp;bas</translation>
    </message>
    <message>
        <source>Distribute &amp;Horizontally</source>
        <translation>&amp;Répartir horizontalement</translation>
    </message>
    <message>
        <source>Distribute V&amp;ertically</source>
        <translation>Répartir v&amp;erticalement</translation>
    </message>
    <message>
        <source>&amp;Lock</source>
        <translation>&amp;Verrouiller</translation>
    </message>
    <message>
        <source>&amp;Hide</source>
        <translation>&amp;Masquer</translation>
    </message>
    <message>
        <source>Zoom &amp;In</source>
        <translation>Zoom &amp;avant</translation>
    </message>
    <message>
        <source>Zoom &amp;Out</source>
        <translation>Zoom a&amp;rrière</translation>
    </message>
    <message>
        <source>Zoom to &amp;Fit</source>
        <translation>A&amp;juster à la fenêtre</translation>
    </message>
    <message>
        <source>&amp;Actual Size</source>
        <translation>&amp;Taille réelle</translation>
    </message>
    <message>
        <source>Real size on this screen</source>
        <translation>Taille réelle sur cet écran</translation>
    </message>
    <message>
        <source>&amp;Guides</source>
        <translation>Re&amp;pères</translation>
    </message>
    <message>
        <source>Trim, bleed and safe-area guides</source>
        <translation>Repères de coupe, de fond perdu et de zone de sécurité</translation>
    </message>
    <message>
        <source>&amp;Rulers</source>
        <translation>Rè&amp;gles</translation>
    </message>
    <message>
        <source>&amp;Snap</source>
        <translation>&amp;Magnétisme</translation>
    </message>
    <message>
        <source>Snap to guides and other layers</source>
        <translation>Aimanter aux repères et aux autres calques</translation>
    </message>
    <message>
        <source>User &amp;Guide</source>
        <translation>&amp;Guide de l’utilisateur</translation>
    </message>
    <message>
        <source>&amp;About Studio</source>
        <translation>À &amp;propos de Studio</translation>
    </message>
</context>
<context>
    <name>AreaStrip</name>
    <message>
        <source>Print areas</source>
        <translation>Zones d’impression</translation>
    </message>
    <message>
        <source>Print areas of this product: click one to design it</source>
        <translation>Zones d’impression de ce produit&#xa0;: cliquez sur l’une d’elles pour la personnaliser</translation>
    </message>
</context>
<context>
    <name>BackgroundSection</name>
    <message>
        <source>Background</source>
        <translation>Fond</translation>
    </message>
    <message>
        <source>Background colour</source>
        <translation>Couleur de fond</translation>
    </message>
    <message>
        <source>&amp;Colour</source>
        <translation>&amp;Couleur</translation>
    </message>
    <message>
        <source>Covers the whole area, bleed included. Select a layer to edit it.</source>
        <translation>Couvre toute la zone, fond perdu compris. Sélectionnez un calque pour le modifier.</translation>
    </message>
</context>
<context>
    <name>Canvas</name>
    <message>
        <source>Your text</source>
        <translation>Votre texte</translation>
    </message>
    <message>
        <source>Add a line of text (T); double-click a text to edit it</source>
        <translation>Ajouter une ligne de texte (T)&#xa0;; double-cliquez sur un texte pour le modifier</translation>
    </message>
    <message>
        <source>Add a rectangle (R)</source>
        <translation>Ajouter un rectangle (R)</translation>
    </message>
    <message>
        <source>Add an ellipse (E)</source>
        <translation>Ajouter une ellipse (E)</translation>
    </message>
    <message>
        <source>Add a star</source>
        <translation>Ajouter une étoile</translation>
    </message>
    <message>
        <source>Add a line (L)</source>
        <translation>Ajouter une ligne (L)</translation>
    </message>
    <message>
        <source>Zoom</source>
        <translation>Zoom</translation>
    </message>
    <message>
        <source>Rectangle</source>
        <translation>Rectangle</translation>
    </message>
    <message>
        <source>Ellipse</source>
        <translation>Ellipse</translation>
    </message>
    <message>
        <source>Star</source>
        <translation>Étoile</translation>
    </message>
    <message>
        <source>Line</source>
        <translation>Ligne</translation>
    </message>
    <message>
        <source>Images and drawings ({patterns})</source>
        <translation>Images et dessins ({patterns})</translation>
    </message>
    <message>
        <source>Photos (*.jpg *.jpeg *.png *.webp *.tif *.tiff)</source>
        <translation>Photos (*.jpg *.jpeg *.png *.webp *.tif *.tiff)</translation>
    </message>
    <message>
        <source>SVG drawings (*.svg *.svgz)</source>
        <translation>Dessins SVG (*.svg *.svgz)</translation>
    </message>
    <message>
        <source>Add an image</source>
        <translation>Ajouter une image</translation>
    </message>
</context>
<context>
    <name>CanvasEditor</name>
    <message>
        <source>Editor</source>
        <translation>Éditeur</translation>
    </message>
    <message>
        <source>Ruler units</source>
        <translation>Unités des règles</translation>
    </message>
    <message>
        <source>Pointer position</source>
        <translation>Position du pointeur</translation>
    </message>
    <message>
        <source>Zoom</source>
        <translation>Zoom</translation>
    </message>
    <message>
        <source>Zoom (Ctrl+wheel zooms at the pointer)</source>
        <translation>Zoom (Ctrl+molette zoome sous le pointeur)</translation>
    </message>
    <message>
        <source>Canvas status</source>
        <translation>État du plan de travail</translation>
    </message>
</context>
<context>
    <name>CanvasView</name>
    <message>
        <source>Design canvas</source>
        <translation>Plan de travail</translation>
    </message>
    <message>
        <source>The print area being designed, with its layers</source>
        <translation>La zone d’impression en cours de création, avec ses calques</translation>
    </message>
    <message>
        <source>Canvas menu</source>
        <translation>Menu du plan de travail</translation>
    </message>
</context>
<context>
    <name>ClipartBrowser</name>
    <message>
        <source>Clipart</source>
        <translation>Clipart</translation>
    </message>
    <message>
        <source>Added “{name}”.</source>
        <translation>«&#xa0;{name}&#xa0;» ajouté.</translation>
    </message>
</context>
<context>
    <name>ClipartPanel</name>
    <message>
        <source>All categories</source>
        <translation>Toutes les catégories</translation>
    </message>
    <message>
        <source>Search clipart (heart, fleur…)</source>
        <translation>Rechercher un clipart (cœur, heart…)</translation>
    </message>
    <message>
        <source>Search clipart</source>
        <translation>Rechercher un clipart</translation>
    </message>
    <message>
        <source>Search by name or keyword, in English or French</source>
        <translation>Recherchez par nom ou mot-clé, en français ou en anglais</translation>
    </message>
    <message>
        <source>Clipart category</source>
        <translation>Catégorie de clipart</translation>
    </message>
    <message>
        <source>Show one category of clipart</source>
        <translation>Afficher une seule catégorie de cliparts</translation>
    </message>
    <message>
        <source>Clipart</source>
        <translation>Clipart</translation>
    </message>
    <message>
        <source>Click a drawing to add it to the design, or drag it onto the canvas.</source>
        <translation>Cliquez sur un dessin pour l’ajouter à la création, ou faites-le glisser sur le plan de travail.</translation>
    </message>
    <message>
        <source>No clipart matches this search.</source>
        <translation>Aucun clipart ne correspond à cette recherche.</translation>
    </message>
</context>
<context>
    <name>ColorButton</name>
    <message>
        <source>Choose a colour</source>
        <translation>Choisir une couleur</translation>
    </message>
    <message>
        <source>No colour</source>
        <translation>Aucune couleur</translation>
    </message>
    <message>
        <source>Custom colour…</source>
        <translation>Couleur personnalisée…</translation>
    </message>
    <message>
        <source>no colour</source>
        <translation>aucune couleur</translation>
    </message>
</context>
<context>
    <name>ColorField</name>
    <message>
        <source>Hexadecimal colour</source>
        <translation>Couleur hexadécimale</translation>
    </message>
    <message>
        <source>The colour as #RRGGBB; press Enter to apply</source>
        <translation>La couleur au format #RRGGBB&#xa0;; appuyez sur Entrée pour l’appliquer</translation>
    </message>
    <message>
        <source>none</source>
        <translation>aucune</translation>
    </message>
</context>
<context>
    <name>Commands</name>
    <message>
        <source>Edit</source>
        <translation>Modification</translation>
    </message>
    <message>
        <source>Add Text</source>
        <translation>Ajouter un texte</translation>
    </message>
    <message>
        <source>Add Image</source>
        <translation>Ajouter une image</translation>
    </message>
    <message>
        <source>Add Vector</source>
        <translation>Ajouter une illustration</translation>
    </message>
    <message>
        <source>Add Shape</source>
        <translation>Ajouter une forme</translation>
    </message>
    <message>
        <source>Add Group</source>
        <translation>Ajouter un groupe</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Supprimer</translation>
    </message>
    <message>
        <source>Delete Layer</source>
        <translation>Supprimer le calque</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>Modifier</translation>
    </message>
    <message>
        <source>Edit Text</source>
        <translation>Modifier le texte</translation>
    </message>
    <message>
        <source>Move</source>
        <translation>Déplacer</translation>
    </message>
    <message>
        <source>Transform</source>
        <translation>Transformer</translation>
    </message>
    <message>
        <source>Change Order</source>
        <translation>Changer l’ordre</translation>
    </message>
    <message>
        <source>Change Option</source>
        <translation>Changer d’option</translation>
    </message>
    <message>
        <source>Recolour Part</source>
        <translation>Changer la couleur de la pièce</translation>
    </message>
    <message>
        <source>Change Field</source>
        <translation>Modifier le champ</translation>
    </message>
    <message>
        <source>Change Background</source>
        <translation>Modifier le fond</translation>
    </message>
    <message>
        <source>Cut</source>
        <translation>Couper</translation>
    </message>
    <message>
        <source>Paste</source>
        <translation>Coller</translation>
    </message>
    <message>
        <source>Duplicate</source>
        <translation>Dupliquer</translation>
    </message>
    <message>
        <source>Group</source>
        <translation>Grouper</translation>
    </message>
    <message>
        <source>Ungroup</source>
        <translation>Dissocier</translation>
    </message>
    <message>
        <source>Bring Forward</source>
        <translation>Avancer d’un plan</translation>
    </message>
    <message>
        <source>Send Backward</source>
        <translation>Reculer d’un plan</translation>
    </message>
    <message>
        <source>Bring to Front</source>
        <translation>Mettre au premier plan</translation>
    </message>
    <message>
        <source>Send to Back</source>
        <translation>Mettre à l’arrière-plan</translation>
    </message>
    <message>
        <source>Lock</source>
        <translation>Verrouiller</translation>
    </message>
    <message>
        <source>Unlock</source>
        <translation>Déverrouiller</translation>
    </message>
    <message>
        <source>Hide</source>
        <translation>Masquer</translation>
    </message>
    <message>
        <source>Align Left</source>
        <translation>Aligner à gauche</translation>
    </message>
    <message>
        <source>Align Centres</source>
        <translation>Centrer horizontalement</translation>
    </message>
    <message>
        <source>Align Right</source>
        <translation>Aligner à droite</translation>
    </message>
    <message>
        <source>Align Top</source>
        <translation>Aligner en haut</translation>
    </message>
    <message>
        <source>Align Middles</source>
        <translation>Centrer verticalement</translation>
    </message>
    <message>
        <source>Align Bottom</source>
        <translation>Aligner en bas</translation>
    </message>
    <message>
        <source>Distribute Horizontally</source>
        <translation>Répartir horizontalement</translation>
    </message>
    <message>
        <source>Distribute Vertically</source>
        <translation>Répartir verticalement</translation>
    </message>
    <message>
        <source>Resize</source>
        <translation>Redimensionner</translation>
    </message>
    <message>
        <source>Rotate</source>
        <translation>Faire pivoter</translation>
    </message>
    <message>
        <source>Rename Layer</source>
        <translation>Renommer le calque</translation>
    </message>
    <message>
        <source>Hide Layer</source>
        <translation>Masquer le calque</translation>
    </message>
    <message>
        <source>Show Layer</source>
        <translation>Afficher le calque</translation>
    </message>
    <message>
        <source>Lock Layer</source>
        <translation>Verrouiller le calque</translation>
    </message>
    <message>
        <source>Unlock Layer</source>
        <translation>Déverrouiller le calque</translation>
    </message>
    <message>
        <source>Change Opacity</source>
        <translation>Modifier l’opacité</translation>
    </message>
    <message>
        <source>Change Font</source>
        <translation>Changer de police</translation>
    </message>
    <message>
        <source>Change Colour</source>
        <translation>Changer la couleur</translation>
    </message>
    <message>
        <source>Change Size</source>
        <translation>Modifier la taille</translation>
    </message>
    <message>
        <source>Change Spacing</source>
        <translation>Modifier l’espacement</translation>
    </message>
    <message>
        <source>Change Line Height</source>
        <translation>Modifier l’interligne</translation>
    </message>
    <message>
        <source>Change Outline</source>
        <translation>Modifier le contour</translation>
    </message>
    <message>
        <source>Add Outline</source>
        <translation>Ajouter un contour</translation>
    </message>
    <message>
        <source>Remove Outline</source>
        <translation>Supprimer le contour</translation>
    </message>
    <message>
        <source>Align Text</source>
        <translation>Aligner le texte</translation>
    </message>
    <message>
        <source>Change Text Box</source>
        <translation>Modifier le cadre de texte</translation>
    </message>
    <message>
        <source>Change Arc</source>
        <translation>Modifier l’arc</translation>
    </message>
    <message>
        <source>Change Hyphenation</source>
        <translation>Modifier la césure</translation>
    </message>
    <message>
        <source>Set Text on Arc</source>
        <translation>Placer le texte sur un arc</translation>
    </message>
    <message>
        <source>Straighten Text</source>
        <translation>Redresser le texte</translation>
    </message>
    <message>
        <source>Change Shape</source>
        <translation>Changer de forme</translation>
    </message>
    <message>
        <source>Change Fill</source>
        <translation>Modifier le remplissage</translation>
    </message>
    <message>
        <source>Round Corners</source>
        <translation>Arrondir les coins</translation>
    </message>
    <message>
        <source>Change Corners</source>
        <translation>Modifier les sommets</translation>
    </message>
    <message>
        <source>Change Star</source>
        <translation>Modifier l’étoile</translation>
    </message>
    <message>
        <source>Change Fit</source>
        <translation>Modifier l’ajustement</translation>
    </message>
    <message>
        <source>Flip</source>
        <translation>Retourner</translation>
    </message>
    <message>
        <source>Crop</source>
        <translation>Recadrer</translation>
    </message>
    <message>
        <source>Replace Picture</source>
        <translation>Remplacer l’image</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <source>Background Colour</source>
        <translation>Couleur de fond</translation>
    </message>
    <message>
        <source>Background colour {color}</source>
        <translation>Couleur de fond {color}</translation>
    </message>
    <message>
        <source>PDF document (*.pdf)</source>
        <translation>Document PDF (*.pdf)</translation>
    </message>
    <message>
        <source>SVG drawing (*.svg)</source>
        <translation>Dessin SVG (*.svg)</translation>
    </message>
    <message>
        <source>PNG image (*.png)</source>
        <translation>Image PNG (*.png)</translation>
    </message>
    <message>
        <source>PNG image (*.png);;JPEG image (*.jpg *.jpeg)</source>
        <translation>Image PNG (*.png);;Image JPEG (*.jpg *.jpeg)</translation>
    </message>
    <message>
        <source>Export To</source>
        <translation>Exporter vers</translation>
    </message>
    <message>
        <source>The options are not valid: {reason}.</source>
        <translation>Les options ne sont pas valides&#xa0;: {reason}.</translation>
    </message>
    <message>
        <source>Choose a file to export to.</source>
        <translation>Choisissez le fichier dans lequel exporter.</translation>
    </message>
    <message>
        <source>{folder}: no such folder.</source>
        <translation>{folder}&#xa0;: ce dossier n’existe pas.</translation>
    </message>
    <message>
        <source>{path}: is a folder; choose a file name.</source>
        <translation>{path} est un dossier&#xa0;; choisissez un nom de fichier.</translation>
    </message>
    <message>
        <source>The export failed.</source>
        <translation>L’exportation a échoué.</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Fermer</translation>
    </message>
    <message>
        <source>Cancel the export</source>
        <translation>Annuler l’exportation</translation>
    </message>
    <message>
        <source>Exporting “{name}”…</source>
        <translation>Exportation de «&#xa0;{name}&#xa0;»…</translation>
    </message>
    <message>
        <source>✓  Exported “{name}”.</source>
        <translation>✓  «&#xa0;{name}&#xa0;» exporté.</translation>
    </message>
    <message>
        <source>Export cancelled. Nothing was written.</source>
        <translation>Exportation annulée. Aucun fichier n’a été écrit.</translation>
    </message>
    <message>
        <source>“{name}” exists and will be replaced.</source>
        <translation>«&#xa0;{name}&#xa0;» existe déjà et sera remplacé.</translation>
    </message>
    <message>
        <source>{width} × {height} pixels</source>
        <translation>{width} × {height} pixels</translation>
    </message>
    <message>
        <source>Print PDF</source>
        <translation>PDF d’impression</translation>
    </message>
    <message>
        <source>One page per print area, with bleed, ready for a printer or a print shop.</source>
        <translation>Une page par zone d’impression, avec fond perdu, prête pour une imprimante ou un imprimeur.</translation>
    </message>
    <message>
        <source>SVG</source>
        <translation>SVG</translation>
    </message>
    <message>
        <source>One print area as a vector drawing, for cutters and other design programs.</source>
        <translation>Une zone d’impression en dessin vectoriel, pour les plotters de découpe et les autres logiciels de création.</translation>
    </message>
    <message>
        <source>PNG image</source>
        <translation>Image PNG</translation>
    </message>
    <message>
        <source>One print area as an image at the resolution you choose.</source>
        <translation>Une zone d’impression en image, à la résolution de votre choix.</translation>
    </message>
    <message>
        <source>Mockup</source>
        <translation>Maquette</translation>
    </message>
    <message>
        <source>A realistic picture of the product with your design, for a shop listing or a client.</source>
        <translation>Une image réaliste du produit avec votre création, pour une fiche produit ou un client.</translation>
    </message>
    <message>
        <source>Export “{name}”</source>
        <translation>Exporter «&#xa0;{name}&#xa0;»</translation>
    </message>
    <message>
        <source>Format</source>
        <translation>Format</translation>
    </message>
    <message>
        <source>Print &amp;areas:</source>
        <translation>&amp;Zones d’impression&#xa0;:</translation>
    </message>
    <message>
        <source>&amp;Bleed:</source>
        <translation>&amp;Fond perdu&#xa0;:</translation>
    </message>
    <message>
        <source>Marks and colour:</source>
        <translation>Repères et couleur&#xa0;:</translation>
    </message>
    <message>
        <source>The product&apos;s own ({bleed})</source>
        <translation>Celui du produit ({bleed})</translation>
    </message>
    <message>
        <source>Bleed</source>
        <translation>Fond perdu</translation>
    </message>
    <message>
        <source>Crop &amp;marks</source>
        <translation>Traits de &amp;coupe</translation>
    </message>
    <message>
        <source>C&amp;ut line (CutContour spot colour)</source>
        <translation>Ligne de déco&amp;upe (ton direct CutContour)</translation>
    </message>
    <message>
        <source>CM&amp;YK for offset print (PDF/X-4)</source>
        <translation>CM&amp;JN pour l’impression offset (PDF/X-4)</translation>
    </message>
    <message>
        <source>M&amp;irror (heat transfer, sublimation)</source>
        <translation>&amp;Miroir (transfert à chaud, sublimation)</translation>
    </message>
    <message>
        <source>Print &amp;area:</source>
        <translation>&amp;Zone d’impression&#xa0;:</translation>
    </message>
    <message>
        <source>Options:</source>
        <translation>Options&#xa0;:</translation>
    </message>
    <message>
        <source>C&amp;ut line as a separate path</source>
        <translation>Ligne de déco&amp;upe en tracé séparé</translation>
    </message>
    <message>
        <source>M&amp;irror</source>
        <translation>&amp;Miroir</translation>
    </message>
    <message>
        <source>&amp;Resolution:</source>
        <translation>&amp;Résolution&#xa0;:</translation>
    </message>
    <message>
        <source> dpi</source>
        <translation> ppp</translation>
    </message>
    <message>
        <source>&amp;Transparent background</source>
        <translation>Fond &amp;transparent</translation>
    </message>
    <message>
        <source>&amp;View:</source>
        <translation>&amp;Vue&#xa0;:</translation>
    </message>
    <message>
        <source>&amp;Size:</source>
        <translation>&amp;Taille&#xa0;:</translation>
    </message>
    <message>
        <source>&amp;Turn:</source>
        <translation>&amp;Rotation&#xa0;:</translation>
    </message>
    <message>
        <source>Back&amp;ground:</source>
        <translation>&amp;Fond&#xa0;:</translation>
    </message>
    <message>
        <source>Layout:</source>
        <translation>Disposition&#xa0;:</translation>
    </message>
    <message>
        <source> px (longer side)</source>
        <translation> px (grand côté)</translation>
    </message>
    <message>
        <source>°</source>
        <translation>°</translation>
    </message>
    <message>
        <source>Transparent</source>
        <translation>Transparent</translation>
    </message>
    <message>
        <source>&amp;Contact sheet: every view in every colourway</source>
        <translation>&amp;Planche contact&#xa0;: toutes les vues dans tous les coloris</translation>
    </message>
    <message>
        <source>&amp;Save to:</source>
        <translation>Enregistrer &amp;dans&#xa0;:</translation>
    </message>
    <message>
        <source>File to export to</source>
        <translation>Fichier de destination</translation>
    </message>
    <message>
        <source>C&amp;hoose…</source>
        <translation>C&amp;hoisir…</translation>
    </message>
    <message>
        <source>Show in &amp;Folder</source>
        <translation>Afficher dans le d&amp;ossier</translation>
    </message>
    <message>
        <source>&amp;Export</source>
        <translation>&amp;Exporter</translation>
    </message>
    <message>
        <source>Export progress</source>
        <translation>Progression de l’exportation</translation>
    </message>
</context>
<context>
    <name>FieldsSection</name>
    <message>
        <source>Fields</source>
        <translation>Champs</translation>
    </message>
    <message>
        <source>Text layers show these values in place of {field}. A batch run fills them from a spreadsheet.</source>
        <translation>Les calques de texte affichent ces valeurs à la place de {field}. Une production en série les remplit à partir d’un tableur.</translation>
    </message>
    <message>
        <source>Value of {{{name}}}</source>
        <translation>Valeur de {{{name}}}</translation>
    </message>
    <message>
        <source>Shown wherever the text says {{{name}}}</source>
        <translation>Affichée partout où le texte contient {{{name}}}</translation>
    </message>
    <message>
        <source>Field {name}</source>
        <translation>Champ {name}</translation>
    </message>
</context>
<context>
    <name>FileController</name>
    <message>
        <source>Studio projects (*.studio design.json)</source>
        <translation>Projets Studio (*.studio design.json)</translation>
    </message>
    <message>
        <source>Studio project (*.studio)</source>
        <translation>Projet Studio (*.studio)</translation>
    </message>
    <message>
        <source>Design in JSON form (design.json)</source>
        <translation>Création au format JSON (design.json)</translation>
    </message>
    <message>
        <source>Open Project</source>
        <translation>Ouvrir un projet</translation>
    </message>
    <message>
        <source>{name}: cannot be read ({reason}).</source>
        <translation>{name}&#xa0;: lecture impossible ({reason}).</translation>
    </message>
    <message>
        <source>Save Project As</source>
        <translation>Enregistrer le projet sous</translation>
    </message>
    <message>
        <source>Saved “{name}”.</source>
        <translation>«&#xa0;{name}&#xa0;» enregistré.</translation>
    </message>
    <message>
        <source>Open &amp;Recent</source>
        <translation>Ouvrir un projet &amp;récent</translation>
    </message>
    <message>
        <source>{name} (not found)</source>
        <translation>{name} (introuvable)</translation>
    </message>
    <message>
        <source>No Recent Projects</source>
        <translation>Aucun projet récent</translation>
    </message>
    <message>
        <source>&amp;Clear Recent</source>
        <translation>&amp;Effacer la liste</translation>
    </message>
    <message>
        <source>Recovered “{name}”. Save it to keep the changes.</source>
        <translation>«&#xa0;{name}&#xa0;» récupéré. Enregistrez-le pour conserver les modifications.</translation>
    </message>
    <message>
        <source>The user guide is not installed ({path}).</source>
        <translation>Le guide de l’utilisateur n’est pas installé ({path}).</translation>
    </message>
    <message>
        <source>No program is set up to show {name}.</source>
        <translation>Aucun programme n’est configuré pour afficher {name}.</translation>
    </message>
</context>
<context>
    <name>FontPicker</name>
    <message>
        <source>Font (each is shown in its own face; type to jump to a name)</source>
        <translation>Police (chacune s’affiche dans son propre dessin&#xa0;; tapez un nom pour y accéder)</translation>
    </message>
    <message>
        <source>Font</source>
        <translation>Police</translation>
    </message>
    <message>
        <source>{family} (missing)</source>
        <translation>{family} (manquante)</translation>
    </message>
    <message>
        <source>{family} is not installed: add its font file or choose another font.</source>
        <translation>La police {family} n’est pas installée&#xa0;: ajoutez son fichier ou choisissez-en une autre.</translation>
    </message>
</context>
<context>
    <name>HistoryPanel</name>
    <message>
        <source>History</source>
        <translation>Historique</translation>
    </message>
    <message>
        <source>Click a step to undo or redo back to it</source>
        <translation>Cliquez sur une étape pour annuler ou rétablir jusqu’à elle</translation>
    </message>
    <message>
        <source>Opened</source>
        <translation>Ouverture</translation>
    </message>
    <message>
        <source>The state now</source>
        <translation>État actuel</translation>
    </message>
    <message>
        <source>Click to redo up to here</source>
        <translation>Cliquez pour rétablir jusqu’ici</translation>
    </message>
    <message>
        <source>Click to undo back to here</source>
        <translation>Cliquez pour annuler jusqu’ici</translation>
    </message>
</context>
<context>
    <name>ImageSection</name>
    <message>
        <source>Picture</source>
        <translation>Image</translation>
    </message>
    <message>
        <source>Picture information</source>
        <translation>Informations sur l’image</translation>
    </message>
    <message>
        <source>&amp;Replace…</source>
        <translation>&amp;Remplacer…</translation>
    </message>
    <message>
        <source>Use another file in the same frame</source>
        <translation>Utiliser un autre fichier dans le même cadre</translation>
    </message>
    <message>
        <source>Crop left</source>
        <translation>Rogner à gauche</translation>
    </message>
    <message>
        <source>Crop top</source>
        <translation>Rogner en haut</translation>
    </message>
    <message>
        <source>Crop right</source>
        <translation>Rogner à droite</translation>
    </message>
    <message>
        <source>Crop bottom</source>
        <translation>Rogner en bas</translation>
    </message>
    <message>
        <source>Part of the picture cut away on this side</source>
        <translation>Part de l’image rognée de ce côté</translation>
    </message>
    <message>
        <source>Fill the frame (cut the excess)</source>
        <translation>Remplir le cadre (rogner)</translation>
    </message>
    <message>
        <source>Fit inside the frame</source>
        <translation>Ajuster dans le cadre</translation>
    </message>
    <message>
        <source>Stretch to the frame</source>
        <translation>Étirer au cadre</translation>
    </message>
    <message>
        <source>How the picture sits in its frame</source>
        <translation>Placement de l’image dans son cadre</translation>
    </message>
    <message>
        <source>Flip horizontally</source>
        <translation>Retourner horizontalement</translation>
    </message>
    <message>
        <source>Flip vertically</source>
        <translation>Retourner verticalement</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Fichier</translation>
    </message>
    <message>
        <source>Crop &amp;left</source>
        <translation>Rogner à &amp;gauche</translation>
    </message>
    <message>
        <source>Crop &amp;top</source>
        <translation>Rogner en &amp;haut</translation>
    </message>
    <message>
        <source>Crop ri&amp;ght</source>
        <translation>Rogner à &amp;droite</translation>
    </message>
    <message>
        <source>Crop &amp;bottom</source>
        <translation>Rogner en &amp;bas</translation>
    </message>
    <message>
        <source>F&amp;it</source>
        <translation>A&amp;justement</translation>
    </message>
    <message>
        <source>Flip</source>
        <translation>Retourner</translation>
    </message>
    <message>
        <source>Photo</source>
        <translation>Photo</translation>
    </message>
    <message>
        <source>Artwork</source>
        <translation>Illustration</translation>
    </message>
    <message>
        <source>{name} — vector artwork, sharp at any size</source>
        <translation>{name} — illustration vectorielle, nette à toutes les tailles</translation>
    </message>
    <message>
        <source>{w} × {h} px, prints at {dpi} DPI</source>
        <translation>{w} × {h} px, soit {dpi} ppp</translation>
    </message>
    <message>
        <source>SVG artwork (*.svg)</source>
        <translation>Illustration SVG (*.svg)</translation>
    </message>
    <message>
        <source>Pictures (*.jpg *.jpeg *.png *.webp *.tif *.tiff *.gif *.bmp)</source>
        <translation>Images (*.jpg *.jpeg *.png *.webp *.tif *.tiff *.gif *.bmp)</translation>
    </message>
    <message>
        <source>Replace Picture</source>
        <translation>Remplacer l’image</translation>
    </message>
    <message>
        <source>an SVG file</source>
        <translation>un fichier SVG</translation>
    </message>
    <message>
        <source>a photo or picture</source>
        <translation>une photo ou une image</translation>
    </message>
    <message>
        <source>{name}: choose {kind} for this layer.</source>
        <translation>{name}&#xa0;: choisissez {kind} pour ce calque.</translation>
    </message>
    <message>
        <source>too low, will look pixelated</source>
        <translation>trop faible, l’image sera pixelisée</translation>
    </message>
    <message>
        <source>300 recommended</source>
        <translation>300 recommandés</translation>
    </message>
</context>
<context>
    <name>InlineTextEditor</name>
    <message>
        <source>Text of the layer</source>
        <translation>Texte du calque</translation>
    </message>
    <message>
        <source>Type the text; Enter starts a new line, Esc or Ctrl+Enter finishes</source>
        <translation>Tapez le texte&#xa0;; Entrée commence une nouvelle ligne, Échap ou Ctrl+Entrée termine</translation>
    </message>
    <message>
        <source>Type your text</source>
        <translation>Tapez votre texte</translation>
    </message>
</context>
<context>
    <name>LayerListModel</name>
    <message>
        <source>Hide this layer</source>
        <translation>Masquer ce calque</translation>
    </message>
    <message>
        <source>Show this layer</source>
        <translation>Afficher ce calque</translation>
    </message>
    <message>
        <source>Unlock this layer</source>
        <translation>Déverrouiller ce calque</translation>
    </message>
    <message>
        <source>Lock this layer</source>
        <translation>Verrouiller ce calque</translation>
    </message>
    <message>
        <source>hidden</source>
        <translation>masqué</translation>
    </message>
    <message>
        <source>locked</source>
        <translation>verrouillé</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>Texte</translation>
    </message>
    <message>
        <source>Photo</source>
        <translation>Photo</translation>
    </message>
    <message>
        <source>Artwork</source>
        <translation>Illustration</translation>
    </message>
    <message>
        <source>Rectangle</source>
        <translation>Rectangle</translation>
    </message>
    <message>
        <source>Ellipse</source>
        <translation>Ellipse</translation>
    </message>
    <message>
        <source>Polygon</source>
        <translation>Polygone</translation>
    </message>
    <message>
        <source>Star</source>
        <translation>Étoile</translation>
    </message>
    <message>
        <source>Line</source>
        <translation>Ligne</translation>
    </message>
    <message>
        <source>Group</source>
        <translation>Groupe</translation>
    </message>
</context>
<context>
    <name>LayerTreeView</name>
    <message>
        <source>Layers</source>
        <translation>Calques</translation>
    </message>
    <message>
        <source>Layers, top first. Drag to reorder; double-click a name to rename it.</source>
        <translation>Calques, du premier plan à l’arrière-plan. Faites glisser pour changer l’ordre&#xa0;; double-cliquez sur un nom pour le renommer.</translation>
    </message>
    <message>
        <source>No layers yet. Add text, a photo or clipart from the Insert menu.</source>
        <translation>Aucun calque pour l’instant. Ajoutez un texte, une photo ou un clipart depuis le menu Insérer.</translation>
    </message>
    <message>
        <source>Rename</source>
        <translation>Renommer</translation>
    </message>
    <message>
        <source>Hide</source>
        <translation>Masquer</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>Afficher</translation>
    </message>
    <message>
        <source>Unlock</source>
        <translation>Déverrouiller</translation>
    </message>
    <message>
        <source>Lock</source>
        <translation>Verrouiller</translation>
    </message>
    <message>
        <source>Bring Forward</source>
        <translation>Avancer d’un plan</translation>
    </message>
    <message>
        <source>Send Backward</source>
        <translation>Reculer d’un plan</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Supprimer</translation>
    </message>
</context>
<context>
    <name>LayersPanel</name>
    <message>
        <source>Bring forward</source>
        <translation>Avancer d’un plan</translation>
    </message>
    <message>
        <source>Send backward</source>
        <translation>Reculer d’un plan</translation>
    </message>
    <message>
        <source>Delete the selected layers (Del)</source>
        <translation>Supprimer les calques sélectionnés (Suppr)</translation>
    </message>
    <message>
        <source>1 layer on {area}</source>
        <translation>{area}&#xa0;: 1 calque</translation>
    </message>
    <message>
        <source>{count} layers on {area}</source>
        <translation>{area}&#xa0;: {count} calques</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Choose a product to start.</source>
        <translation>Choisissez un produit pour commencer.</translation>
    </message>
    <message>
        <source>Open &amp;Recent</source>
        <translation>Ouvrir un projet &amp;récent</translation>
    </message>
    <message>
        <source>Main toolbar</source>
        <translation>Barre d’outils principale</translation>
    </message>
    <message>
        <source>Unsaved changes</source>
        <translation>Modifications non enregistrées</translation>
    </message>
    <message>
        <source>Save the changes to “{name}” before closing?</source>
        <translation>Enregistrer les modifications apportées à «&#xa0;{name}&#xa0;» avant de fermer&#xa0;?</translation>
    </message>
    <message>
        <source>If you don&apos;t save, your changes will be lost.</source>
        <translation>Si vous n’enregistrez pas, vos modifications seront perdues.</translation>
    </message>
    <message>
        <source>Studio</source>
        <translation>Studio</translation>
    </message>
    <message>
        <source>&amp;Undo {action}</source>
        <translation>&amp;Annuler «&#xa0;{action}&#xa0;»</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>&amp;Annuler</translation>
    </message>
    <message>
        <source>&amp;Redo {action}</source>
        <translation>&amp;Rétablir «&#xa0;{action}&#xa0;»</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>&amp;Rétablir</translation>
    </message>
    <message>
        <source>Something went wrong ({error}). Your work is safe; details are in {log}.</source>
        <translation>Un problème est survenu ({error}). Votre travail est en sécurité&#xa0;; les détails se trouvent dans {log}.</translation>
    </message>
</context>
<context>
    <name>Panels</name>
    <message>
        <source>Layers</source>
        <translation>Calques</translation>
    </message>
    <message>
        <source>Properties</source>
        <translation>Propriétés</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>Produit</translation>
    </message>
    <message>
        <source>Preflight</source>
        <translation>Contrôle</translation>
    </message>
    <message>
        <source>History</source>
        <translation>Historique</translation>
    </message>
</context>
<context>
    <name>PreferencesDialog</name>
    <message>
        <source>Add Template Folder</source>
        <translation>Ajouter un dossier de modèles</translation>
    </message>
    <message>
        <source>Preferences</source>
        <translation>Préférences</translation>
    </message>
    <message>
        <source>Millimetres (mm)</source>
        <translation>Millimètres (mm)</translation>
    </message>
    <message>
        <source>Inches (in)</source>
        <translation>Pouces (in)</translation>
    </message>
    <message>
        <source>Same as the system</source>
        <translation>Comme le système</translation>
    </message>
    <message>
        <source>&amp;Units:</source>
        <translation>&amp;Unités&#xa0;:</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>&amp;Langue&#xa0;:</translation>
    </message>
    <message>
        <source>&amp;Keep a recovery copy every:</source>
        <translation>&amp;Copie de secours toutes les&#xa0;:</translation>
    </message>
    <message>
        <source> s</source>
        <translation> s</translation>
    </message>
    <message>
        <source>Never</source>
        <translation>Jamais</translation>
    </message>
    <message>
        <source>While a project has unsaved changes, Studio keeps a copy to offer back after a crash.</source>
        <translation>Tant qu’un projet a des modifications non enregistrées, Studio en garde une copie pour vous la proposer après un plantage.</translation>
    </message>
    <message>
        <source>&amp;Template folders:</source>
        <translation>Dossiers de &amp;modèles&#xa0;:</translation>
    </message>
    <message>
        <source>Template folders</source>
        <translation>Dossiers de modèles</translation>
    </message>
    <message>
        <source>Folders of product templates, besides the ones that come with Studio</source>
        <translation>Dossiers de modèles de produits, en plus de ceux fournis avec Studio</translation>
    </message>
    <message>
        <source>&amp;Add…</source>
        <translation>&amp;Ajouter…</translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation>&amp;Retirer</translation>
    </message>
</context>
<context>
    <name>Preflight</name>
    <message>
        <source>the image prints at {dpi} DPI, under {minimum}: it will look pixelated.</source>
        <translation>l’image s’imprime à {dpi}&#xa0;ppp, moins de {minimum}&#xa0;: elle paraîtra pixelisée.</translation>
    </message>
    <message>
        <source>the image prints at {dpi} DPI; {good} is recommended.</source>
        <translation>l’image s’imprime à {dpi}&#xa0;ppp&#xa0;; {good}&#xa0;ppp sont recommandés.</translation>
    </message>
    <message>
        <source>it lies entirely outside the print area and will not print.</source>
        <translation>il est entièrement hors de la zone d’impression et ne sera pas imprimé.</translation>
    </message>
    <message>
        <source>{percent} % of it lies outside the print area and will not print; move it onto the print area.</source>
        <translation>{percent} % de sa surface est hors de la zone d’impression et ne sera pas imprimée&#xa0;; ramenez-le sur la zone d’impression.</translation>
    </message>
    <message>
        <source>it reaches the {sides} trim edge but stops short of the bleed; extend it to the bleed edge or keep it inside the safe area.</source>
        <translation>il touche le bord de coupe ({sides}) sans atteindre le fond perdu&#xa0;; prolongez-le jusqu’au bord du fond perdu ou gardez-le dans la zone de sécurité.</translation>
    </message>
    <message>
        <source>the art leaves the safe area ({margin} mm inside the trim) and may be cut.</source>
        <translation>l’illustration sort de la zone de sécurité ({margin}&#xa0;mm en deçà de la coupe) et risque d’être coupée.</translation>
    </message>
    <message>
        <source>the text comes closer than {margin} mm to the trim and may be cut; move it inside the safe area.</source>
        <translation>le texte s’approche à moins de {margin} mm de la coupe et risque d’être coupé&#xa0;; ramenez-le dans la zone de sécurité.</translation>
    </message>
    <message>
        <source>no font has a glyph for {chars}: they will not print.</source>
        <translation>aucune police ne sait dessiner {chars}&#xa0;: ces caractères ne seront pas imprimés.</translation>
    </message>
    <message>
        <source>the font {font} has no glyph for {chars}; they print in {fallback}.</source>
        <translation>la police {font} ne sait pas dessiner {chars}&#xa0;; ils s’impriment en {fallback}.</translation>
    </message>
    <message>
        <source>the text prints at {size} pt, under the {minimum} pt that stays legible for {method}.</source>
        <translation>le texte s’imprime en {size} pt, sous les {minimum} pt qui restent lisibles en {method}.</translation>
    </message>
    <message>
        <source>the text is shrunk from {requested} pt to {size} pt to fit its box, under the {minimum} pt that stays legible for {method}; shorten it or widen the box.</source>
        <translation>le texte est réduit de {requested} pt à {size} pt pour tenir dans son cadre, sous les {minimum} pt qui restent lisibles en {method}&#xa0;; raccourcissez-le ou élargissez le cadre.</translation>
    </message>
    <message>
        <source>nothing on this print area will print.</source>
        <translation>rien ne sera imprimé sur cette zone d’impression.</translation>
    </message>
    <message>
        <source>nothing on this print area will print, and no other area of the design has anything either.</source>
        <translation>rien ne sera imprimé sur cette zone d’impression, et aucune autre zone du modèle n’a de contenu non plus.</translation>
    </message>
    <message>
        <source>the art contains text ({count} text elements): it is drawn with the fonts of the computer that shows or prints it, and exported as text in SVG files; convert the text to paths in your drawing program to be sure of its look.</source>
        <translation>l’illustration contient du texte ({count} éléments texte)&#xa0;: il est dessiné avec les polices de l’ordinateur qui l’affiche ou l’imprime, et exporté comme texte dans les fichiers SVG&#xa0;; vectorisez le texte dans votre logiciel de dessin pour être sûr de son rendu.</translation>
    </message>
    <message>
        <source>{error}</source>
        <translation>{error}</translation>
    </message>
    <message>
        <source>left</source>
        <translation>gauche</translation>
    </message>
    <message>
        <source>top</source>
        <translation>haut</translation>
    </message>
    <message>
        <source>right</source>
        <translation>droite</translation>
    </message>
    <message>
        <source>bottom</source>
        <translation>bas</translation>
    </message>
    <message>
        <source>and</source>
        <translation>et</translation>
    </message>
    <message>
        <source>digital printing</source>
        <translation>impression numérique</translation>
    </message>
    <message>
        <source>offset printing</source>
        <translation>offset</translation>
    </message>
    <message>
        <source>UV printing</source>
        <translation>impression UV</translation>
    </message>
    <message>
        <source>pad printing</source>
        <translation>tampographie</translation>
    </message>
    <message>
        <source>direct-to-garment printing</source>
        <translation>impression directe sur textile</translation>
    </message>
    <message>
        <source>screen printing</source>
        <translation>sérigraphie</translation>
    </message>
    <message>
        <source>sublimation</source>
        <translation>sublimation</translation>
    </message>
    <message>
        <source>cut vinyl</source>
        <translation>vinyle découpé</translation>
    </message>
    <message>
        <source>embroidery</source>
        <translation>broderie</translation>
    </message>
    <message>
        <source>Layer “{layer}”: {problem}</source>
        <translation>Calque «&#xa0;{layer}&#xa0;»&#xa0;: {problem}</translation>
    </message>
</context>
<context>
    <name>PreflightPanel</name>
    <message>
        <source>Preflight summary</source>
        <translation>Résumé du contrôle avant impression</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>Problème</translation>
    </message>
    <message>
        <source>Area</source>
        <translation>Zone</translation>
    </message>
    <message>
        <source>Preflight findings</source>
        <translation>Résultats du contrôle avant impression</translation>
    </message>
    <message>
        <source>Click a finding to select the layer concerned</source>
        <translation>Cliquez sur un résultat pour sélectionner le calque concerné</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>Vérification…</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>Erreur</translation>
    </message>
    <message>
        <source>Warning</source>
        <translation>Avertissement</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Remarque</translation>
    </message>
    <message>
        <source>No project open</source>
        <translation>Aucun projet ouvert</translation>
    </message>
    <message>
        <source>1 error</source>
        <translation>1 erreur</translation>
    </message>
    <message>
        <source>{n} errors</source>
        <translation>{n} erreurs</translation>
    </message>
    <message>
        <source>1 warning</source>
        <translation>1 avertissement</translation>
    </message>
    <message>
        <source>{n} warnings</source>
        <translation>{n} avertissements</translation>
    </message>
    <message>
        <source>Ready to print</source>
        <translation>Prêt pour l’impression</translation>
    </message>
    <message>
        <source>Errors stop a print job; warnings deserve a look.</source>
        <translation>Les erreurs bloquent l’impression&#xa0;; les avertissements méritent un coup d’œil.</translation>
    </message>
    <message>
        <source>No problems found</source>
        <translation>Aucun problème détecté</translation>
    </message>
</context>
<context>
    <name>PreviewPanel</name>
    <message>
        <source>The mockup could not be drawn ({error}).</source>
        <translation>Impossible de dessiner la maquette ({error}).</translation>
    </message>
    <message>
        <source>Mockup preview</source>
        <translation>Aperçu de la maquette</translation>
    </message>
    <message>
        <source>Turn the product</source>
        <translation>Faire tourner le produit</translation>
    </message>
    <message>
        <source>Turn the product to see all of a wrap-around label</source>
        <translation>Faites tourner le produit pour voir toute une étiquette enveloppante</translation>
    </message>
    <message>
        <source>Turn</source>
        <translation>Rotation</translation>
    </message>
    <message>
        <source>Mockup picture</source>
        <translation>Image de la maquette</translation>
    </message>
    <message>
        <source>View: {name}</source>
        <translation>Vue&#xa0;: {name}</translation>
    </message>
    <message>
        <source>Click to recolour: {part}</source>
        <translation>Cliquez pour changer la couleur&#xa0;: {part}</translation>
    </message>
    <message>
        <source>Mockup</source>
        <translation>Maquette</translation>
    </message>
</context>
<context>
    <name>ProductPanel</name>
    <message>
        <source>No project open</source>
        <translation>Aucun projet ouvert</translation>
    </message>
    <message>
        <source>Colours</source>
        <translation>Couleurs</translation>
    </message>
    <message>
        <source>This product has no options or colourable parts.</source>
        <translation>Ce produit n’a ni options ni pièces à colorer.</translation>
    </message>
    <message>
        <source>Colour of {part}</source>
        <translation>Couleur — {part}</translation>
    </message>
    <message>
        <source>Custom…</source>
        <translation>Personnalisée…</translation>
    </message>
</context>
<context>
    <name>PropertiesPanel</name>
    <message>
        <source>No project open</source>
        <translation>Aucun projet ouvert</translation>
    </message>
    <message>
        <source>Print area — nothing selected</source>
        <translation>Zone d’impression — aucune sélection</translation>
    </message>
    <message>
        <source> · locked</source>
        <translation> · verrouillé</translation>
    </message>
    <message>
        <source>{count} layers</source>
        <translation>{count} calques</translation>
    </message>
    <message>
        <source>Only what they have in common is shown</source>
        <translation>Seuls leurs réglages communs sont affichés</translation>
    </message>
</context>
<context>
    <name>RecoveryDialog</name>
    <message>
        <source>never saved</source>
        <translation>jamais enregistré</translation>
    </message>
    <message>
        <source>Recover Unsaved Work</source>
        <translation>Récupérer le travail non enregistré</translation>
    </message>
    <message>
        <source>Studio closed before your work was saved</source>
        <translation>Studio s’est fermé avant l’enregistrement de votre travail</translation>
    </message>
    <message>
        <source>Copies of the projects you were working on were kept. Recover one to open it with its unsaved changes, or discard the copies you no longer need.</source>
        <translation>Des copies des projets sur lesquels vous travailliez ont été conservées. Récupérez-en une pour l’ouvrir avec ses modifications non enregistrées, ou supprimez celles dont vous n’avez plus besoin.</translation>
    </message>
    <message>
        <source>Unsaved projects</source>
        <translation>Projets non enregistrés</translation>
    </message>
    <message>
        <source>&amp;Recover</source>
        <translation>&amp;Récupérer</translation>
    </message>
    <message>
        <source>&amp;Discard</source>
        <translation>&amp;Supprimer</translation>
    </message>
    <message>
        <source>Decide &amp;Later</source>
        <translation>Décider &amp;plus tard</translation>
    </message>
</context>
<context>
    <name>Ruler</name>
    <message>
        <source>Horizontal ruler</source>
        <translation>Règle horizontale</translation>
    </message>
    <message>
        <source>Vertical ruler</source>
        <translation>Règle verticale</translation>
    </message>
</context>
<context>
    <name>ShapeSection</name>
    <message>
        <source>Shape</source>
        <translation>Forme</translation>
    </message>
    <message>
        <source>Rectangle</source>
        <translation>Rectangle</translation>
    </message>
    <message>
        <source>Ellipse</source>
        <translation>Ellipse</translation>
    </message>
    <message>
        <source>Polygon</source>
        <translation>Polygone</translation>
    </message>
    <message>
        <source>Star</source>
        <translation>Étoile</translation>
    </message>
    <message>
        <source>Line</source>
        <translation>Ligne</translation>
    </message>
    <message>
        <source>Kind of shape</source>
        <translation>Type de forme</translation>
    </message>
    <message>
        <source>Fill colour</source>
        <translation>Couleur de remplissage</translation>
    </message>
    <message>
        <source>Outline</source>
        <translation>Contour</translation>
    </message>
    <message>
        <source>Draw the shape&apos;s outline</source>
        <translation>Tracer le contour de la forme</translation>
    </message>
    <message>
        <source>Outline colour</source>
        <translation>Couleur du contour</translation>
    </message>
    <message>
        <source>Outline width</source>
        <translation>Épaisseur du contour</translation>
    </message>
    <message>
        <source>Roundness of the corners</source>
        <translation>Arrondi des coins</translation>
    </message>
    <message>
        <source>Corners of a polygon, points of a star</source>
        <translation>Sommets d’un polygone, branches d’une étoile</translation>
    </message>
    <message>
        <source>Depth of the star&apos;s points: inner radius as a share of the outer</source>
        <translation>Profondeur des branches&#xa0;: rayon intérieur en proportion du rayon extérieur</translation>
    </message>
    <message>
        <source>&amp;Kind</source>
        <translation>&amp;Type</translation>
    </message>
    <message>
        <source>F&amp;ill</source>
        <translation>&amp;Remplissage</translation>
    </message>
    <message>
        <source>Corner &amp;radius</source>
        <translation>Ra&amp;yon des coins</translation>
    </message>
    <message>
        <source>Co&amp;rners</source>
        <translation>&amp;Sommets</translation>
    </message>
    <message>
        <source>Inner radius</source>
        <translation>Rayon intérieur</translation>
    </message>
</context>
<context>
    <name>StartPage</name>
    <message>
        <source>Not found — {folder}</source>
        <translation>Introuvable — {folder}</translation>
    </message>
    <message>
        <source>Today, {time}</source>
        <translation>Aujourd’hui à {time}</translation>
    </message>
    <message>
        <source>No product matches “{query}”.</source>
        <translation>Aucun produit ne correspond à «&#xa0;{query}&#xa0;».</translation>
    </message>
    <message>
        <source>No product in this category.</source>
        <translation>Aucun produit dans cette catégorie.</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Ouvrir</translation>
    </message>
    <message>
        <source>Show in Folder</source>
        <translation>Afficher dans le dossier</translation>
    </message>
    <message>
        <source>Remove from List</source>
        <translation>Retirer de la liste</translation>
    </message>
    <message>
        <source>All</source>
        <translation>Tous</translation>
    </message>
    <message>
        <source>Jars</source>
        <translation>Bocaux</translation>
    </message>
    <message>
        <source>Bottles</source>
        <translation>Bouteilles</translation>
    </message>
    <message>
        <source>Apparel</source>
        <translation>Vêtements</translation>
    </message>
    <message>
        <source>Shoes</source>
        <translation>Chaussures</translation>
    </message>
    <message>
        <source>Drinkware</source>
        <translation>Vaisselle</translation>
    </message>
    <message>
        <source>Bags</source>
        <translation>Sacs</translation>
    </message>
    <message>
        <source>Stickers</source>
        <translation>Stickers</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>Autres</translation>
    </message>
    <message>
        <source>Welcome to Studio</source>
        <translation>Bienvenue dans Studio</translation>
    </message>
    <message>
        <source>Pick a product to personalise, or pick up where you left off.</source>
        <translation>Choisissez un produit à personnaliser, ou reprenez là où vous vous étiez arrêté.</translation>
    </message>
    <message>
        <source>Open…</source>
        <translation>Ouvrir…</translation>
    </message>
    <message>
        <source>Open a project file</source>
        <translation>Ouvrir un fichier de projet</translation>
    </message>
    <message>
        <source>Open a project</source>
        <translation>Ouvrir un projet</translation>
    </message>
    <message>
        <source>Start a new design</source>
        <translation>Commencer une nouvelle création</translation>
    </message>
    <message>
        <source>Show {category}</source>
        <translation>Afficher la catégorie {category}</translation>
    </message>
    <message>
        <source>Search products</source>
        <translation>Rechercher un produit</translation>
    </message>
    <message>
        <source>Products</source>
        <translation>Produits</translation>
    </message>
    <message>
        <source>Recent projects</source>
        <translation>Projets récents</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>Effacer</translation>
    </message>
    <message>
        <source>Clear the recent projects list</source>
        <translation>Effacer la liste des projets récents</translation>
    </message>
    <message>
        <source>Projects you open or save will appear here.</source>
        <translation>Les projets que vous ouvrez ou enregistrez apparaîtront ici.</translation>
    </message>
</context>
<context>
    <name>Swatch</name>
    <message>
        <source>No colour</source>
        <translation>Aucune couleur</translation>
    </message>
</context>
<context>
    <name>TextSection</name>
    <message>
        <source>Text</source>
        <translation>Texte</translation>
    </message>
    <message>
        <source>The words; {field} is replaced by a field&apos;s value (see Fields)</source>
        <translation>Le texte&#xa0;; {field} est remplacé par la valeur d’un champ (voir Champs)</translation>
    </message>
    <message>
        <source>Type the text…</source>
        <translation>Tapez le texte…</translation>
    </message>
    <message>
        <source>Weight and slant of the font</source>
        <translation>Graisse et inclinaison de la police</translation>
    </message>
    <message>
        <source>Font size in points</source>
        <translation>Corps de la police, en points</translation>
    </message>
    <message>
        <source>Text colour</source>
        <translation>Couleur du texte</translation>
    </message>
    <message>
        <source>Draw an outline around the letters</source>
        <translation>Tracer un contour autour des lettres</translation>
    </message>
    <message>
        <source>Outline</source>
        <translation>Contour</translation>
    </message>
    <message>
        <source>Outline colour</source>
        <translation>Couleur du contour</translation>
    </message>
    <message>
        <source>Outline width</source>
        <translation>Épaisseur du contour</translation>
    </message>
    <message>
        <source>Space between letters, in thousandths of an em</source>
        <translation>Espace entre les lettres, en millièmes de cadratin</translation>
    </message>
    <message>
        <source> /1000 em</source>
        <translation> /1000 em</translation>
    </message>
    <message>
        <source>Distance between lines, as a multiple of the size</source>
        <translation>Distance entre les lignes, en multiple du corps</translation>
    </message>
    <message>
        <source>Align left</source>
        <translation>Aligner à gauche</translation>
    </message>
    <message>
        <source>Centre</source>
        <translation>Centrer</translation>
    </message>
    <message>
        <source>Align right</source>
        <translation>Aligner à droite</translation>
    </message>
    <message>
        <source>Fixed width</source>
        <translation>Largeur fixe</translation>
    </message>
    <message>
        <source>Wrap or shrink the text to a box of this width</source>
        <translation>Renvoyer à la ligne ou réduire le texte pour qu’il tienne dans un cadre de cette largeur</translation>
    </message>
    <message>
        <source>Width of the text box</source>
        <translation>Largeur du cadre de texte</translation>
    </message>
    <message>
        <source>Box width</source>
        <translation>Largeur du cadre</translation>
    </message>
    <message>
        <source>Shrink to fit</source>
        <translation>Réduire pour ajuster</translation>
    </message>
    <message>
        <source>Make the text smaller until it fits the box (long names stay on one line)</source>
        <translation>Réduire le texte jusqu’à ce qu’il tienne dans le cadre (les noms longs restent sur une ligne)</translation>
    </message>
    <message>
        <source>Words too long for the box are split by the rules of this language; off: never split</source>
        <translation>Les mots trop longs pour le cadre sont coupés selon les règles de cette langue&#xa0;; désactivée&#xa0;: jamais coupés</translation>
    </message>
    <message>
        <source>Hyphenation language</source>
        <translation>Langue de césure</translation>
    </message>
    <message>
        <source>Off</source>
        <translation>Désactivée</translation>
    </message>
    <message>
        <source>English</source>
        <translation>Anglais</translation>
    </message>
    <message>
        <source>French</source>
        <translation>Français</translation>
    </message>
    <message>
        <source>German</source>
        <translation>Allemand</translation>
    </message>
    <message>
        <source>Spanish</source>
        <translation>Espagnol</translation>
    </message>
    <message>
        <source>Italian</source>
        <translation>Italien</translation>
    </message>
    <message>
        <source>Dutch</source>
        <translation>Néerlandais</translation>
    </message>
    <message>
        <source>Portuguese</source>
        <translation>Portugais</translation>
    </message>
    <message>
        <source>Along a circle</source>
        <translation>Sur un cercle</translation>
    </message>
    <message>
        <source>Set the text on an arc (round labels, lids)</source>
        <translation>Placer le texte sur un arc (étiquettes rondes, couvercles)</translation>
    </message>
    <message>
        <source>Radius of the circle</source>
        <translation>Rayon du cercle</translation>
    </message>
    <message>
        <source>Arc radius</source>
        <translation>Rayon de l’arc</translation>
    </message>
    <message>
        <source>Outside (reads along the top)</source>
        <translation>Extérieur (se lit en haut)</translation>
    </message>
    <message>
        <source>Inside (reads along the bottom)</source>
        <translation>Intérieur (se lit en bas)</translation>
    </message>
    <message>
        <source>Arc side</source>
        <translation>Côté de l’arc</translation>
    </message>
    <message>
        <source>&amp;Text</source>
        <translation>&amp;Texte</translation>
    </message>
    <message>
        <source>&amp;Font</source>
        <translation>&amp;Police</translation>
    </message>
    <message>
        <source>St&amp;yle</source>
        <translation>St&amp;yle</translation>
    </message>
    <message>
        <source>Si&amp;ze</source>
        <translation>Tai&amp;lle</translation>
    </message>
    <message>
        <source>&amp;Colour</source>
        <translation>&amp;Couleur</translation>
    </message>
    <message>
        <source>Letter spacing</source>
        <translation>Espacement</translation>
    </message>
    <message>
        <source>Line height</source>
        <translation>Interligne</translation>
    </message>
    <message>
        <source>Alignment</source>
        <translation>Alignement</translation>
    </message>
    <message>
        <source>Box</source>
        <translation>Cadre</translation>
    </message>
    <message>
        <source>Hyphenation</source>
        <translation>Césure</translation>
    </message>
    <message>
        <source>Arc</source>
        <translation>Arc</translation>
    </message>
</context>
<context>
    <name>TransformSection</name>
    <message>
        <source>Layout</source>
        <translation>Disposition</translation>
    </message>
    <message>
        <source>Horizontal position of the layer&apos;s centre, from the trim&apos;s left edge</source>
        <translation>Position horizontale du centre du calque, depuis le bord gauche du format fini</translation>
    </message>
    <message>
        <source>Vertical position of the layer&apos;s centre, from the trim&apos;s top edge</source>
        <translation>Position verticale du centre du calque, depuis le bord supérieur du format fini</translation>
    </message>
    <message>
        <source>Printed width</source>
        <translation>Largeur imprimée</translation>
    </message>
    <message>
        <source>Printed height</source>
        <translation>Hauteur imprimée</translation>
    </message>
    <message>
        <source>Keep the proportions when changing the width or height</source>
        <translation>Conserver les proportions en modifiant la largeur ou la hauteur</translation>
    </message>
    <message>
        <source>Keep proportions</source>
        <translation>Conserver les proportions</translation>
    </message>
    <message>
        <source>Size of the layer</source>
        <translation>Taille du calque</translation>
    </message>
    <message>
        <source>Clockwise rotation</source>
        <translation>Rotation dans le sens horaire</translation>
    </message>
    <message>
        <source>How opaque the layer is</source>
        <translation>Opacité du calque</translation>
    </message>
    <message>
        <source>Horizontal position</source>
        <translation>Position horizontale</translation>
    </message>
    <message>
        <source>Vertical position</source>
        <translation>Position verticale</translation>
    </message>
    <message>
        <source>Width</source>
        <translation>Largeur</translation>
    </message>
    <message>
        <source>Height</source>
        <translation>Hauteur</translation>
    </message>
    <message>
        <source>X</source>
        <translation>X</translation>
    </message>
    <message>
        <source>Y</source>
        <translation>Y</translation>
    </message>
    <message>
        <source>W</source>
        <translation>L</translation>
    </message>
    <message>
        <source>H</source>
        <translation>H</translation>
    </message>
    <message>
        <source>Position</source>
        <translation>Position</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Taille</translation>
    </message>
    <message>
        <source>Scale</source>
        <translation>Échelle</translation>
    </message>
    <message>
        <source>&amp;Rotation</source>
        <translation>&amp;Rotation</translation>
    </message>
    <message>
        <source>&amp;Opacity</source>
        <translation>&amp;Opacité</translation>
    </message>
</context>
<context>
    <name>Units</name>
    <message>
        <source> in</source>
        <translation> po</translation>
    </message>
</context>
<context>
    <name>_NameDelegate</name>
    <message>
        <source>Layer name</source>
        <translation>Nom du calque</translation>
    </message>
</context>
<context>
    <name>_SwatchPopup</name>
    <message>
        <source>Recent</source>
        <translation>Récentes</translation>
    </message>
    <message>
        <source>Suggested</source>
        <translation>Suggérées</translation>
    </message>
    <message>
        <source>None yet</source>
        <translation>Aucune pour l’instant</translation>
    </message>
</context>
</TS>
