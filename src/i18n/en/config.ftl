# site.yaml: its keys, districts, towns, slugs and lints.

# Finding and reading site.yaml.
config-not-utf8 = not UTF-8 text: { $error }
config-not-utf8-hint = save site.yaml as UTF-8
config-missing = there is no site.yaml here
config-missing-hint = run jianbao in a site's folder, or name it with --root DIR
config-io-read = read site.yaml

# An unknown key inside `lints:`: the lint names are the candidates.
config-lint-did-you-mean-hint = did you mean `{ $key }`?
config-lint-keys-hint = the lints are: { $keys }

# `title:`
config-no-title = site.yaml has no title
config-no-title-hint = add a line such as `title: 郊区简报`

# `base_url:`; `reason` is one of the `config-url-…` messages.
config-no-base-url = site.yaml has no base_url
config-no-base-url-hint = add the address the bulletin is published at, such as `base_url: https://example.org/`
config-base-url-hint = write a full address such as https://example.org/bulletin/
config-base-url-not-url = `{ $input }` is not a URL ({ $reason })
config-base-url-not-http = `{ $input }` is not an http or https address
config-base-url-query = `{ $input }` has a query or fragment; a base URL cannot
config-url-no-scheme = relative URL without a base
config-url-empty-host = empty host
config-url-bad-port = invalid port number
config-url-bad-host = invalid domain character
config-url-other = { $error }

# Numbers and the time zone.
config-at-least-one = `{ $key }` must be at least 1, not { $value }
config-bad-utc-offset = `{ $value }` is not a UTC offset
config-utc-offset-hint = write it like `utc_offset: "+08:00"`

# `districts:`, their slugs, aliases and towns.
config-no-districts = site.yaml lists no districts
config-no-districts-hint = every article names its district; list them, such as `districts: {"{"} 松江区: {"{"} slug: songjiang {"}"} {"}"}`
config-district-slug-invalid = district { $name }: slug `{ $slug }` is not URL-safe
config-district-slug-hint = use lowercase letters, digits and single hyphens, such as songjiang
config-same-slug = districts { $first } and { $second } have the same slug `{ $slug }`
config-same-slug-hint = give one of them its own `slug:`
config-alias-shared = the name { $alias } is used by more than one district
config-town-split = the town { $town } of { $district } was split at `{ $separator }` (typed by the Chinese input method) into { $joined }
config-town-split-hint = write each town as an item of its own: towns: [{ $towns }]
# Names in a row: `a and b`, `a and b and c`.
config-and = { $first } and { $rest }
config-name = { $name }

# `slugs:` and `old_slugs:`.
config-slug-invalid = slug `{ $slug }` for { $name } is not URL-safe
config-slug-hint = use lowercase letters, digits and single hyphens
config-old-slug-invalid = old slug `{ $slug }` for { $name } is not URL-safe
config-old-slug-hint = write the slug as it was in the old URL, such as { $suggestion }
config-old-slug-rule-hint = write the slug as it was in the old URL: lowercase letters, digits and single hyphens
