# site.yaml: its keys, districts, towns, slugs and lints.
