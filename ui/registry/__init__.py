"""Parts of the main window's document registry: the folder list and the filters panel."""
