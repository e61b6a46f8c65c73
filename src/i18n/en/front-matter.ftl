# Front matter and YAML: the slips of an input method, and what the YAML parser finds.
