# Themes and templates, and rendering pages.
