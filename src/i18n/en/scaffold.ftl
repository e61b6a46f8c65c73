# jianbao new, init and theme export.
