# Front matter and YAML: the slips of an input method, and what the YAML parser finds.

# The hints that show a line as it should be written.
yaml-write-like-hint = write it like this: { $line }
yaml-left-edge-hint = start the line at the left edge: `{ $line }`
yaml-spaces-hint = write it like this, with { $count ->
        [one] { $count } ordinary space
       *[other] { $count } ordinary spaces
    }: `{ $line }`
yaml-leave-empty-hint = leave the line empty

# A key named in a message (`what`): the editor's word for it in Chinese, the key itself in English.
yaml-key-title = title
yaml-key-subtitle = subtitle
yaml-key-kicker = kicker
yaml-key-date = date
yaml-key-district = district
yaml-key-towns = towns
yaml-key-column = column
yaml-key-kind = kind
yaml-key-tags = tags
yaml-key-byline = byline
yaml-key-image = image
yaml-key-slug = slug
yaml-key-aliases = aliases
yaml-key-draft = draft
yaml-key-summary = summary
yaml-key-issue = issue
yaml-key-number = number
yaml-key-sections = sections
yaml-key-articles = articles
yaml-key-lints = lints
yaml-key-off = off
yaml-key-supplement = supplement
yaml-key-total = total
yaml-key-publisher = publisher
yaml-key-send_to = send_to
yaml-key-copy_to = copy_to
yaml-key-copies = copies
yaml-key-caption = caption
yaml-key-alt = alt
yaml-key-credit = credit
yaml-key-src = src
yaml-key-role = role
yaml-key-name = name
yaml-key-other = { $key }

# Slips of the Chinese input method after a key.
yaml-full-width-colon = `{ $key }` is followed by a full-width colon `：` (typed by the Chinese input method); write an ordinary colon `:` and a space
yaml-full-width-space-after-colon = `{ $key }:` is followed by a full-width space `　` (typed by the Chinese input method); write an ordinary space
yaml-no-space-after-colon = `{ $key }:` needs a space after the colon
yaml-colon-in-value = the { $what } has a colon followed by a space in it, so it must be put in quotes

# Indentation typed with a tab or the input method's full-width space.
yaml-indented-with-tab = the line is indented with a tab; indent with ordinary spaces
yaml-indented-with-full-width-space = the line is indented with a full-width space `　` (typed by the Chinese input method); indent with ordinary spaces
yaml-empty-line-full-width-spaces = this empty line holds full-width spaces `　` (typed by the Chinese input method)

# A list in `【】` or `［］`, and `，` or `、` between the items of a list (`between`, one of `yaml-between-…`).
yaml-full-width-brackets = the { $what } are in full-width brackets `{ $pair }` (typed by the Chinese input method); a list needs ordinary square brackets `[ ]`
yaml-old-slugs = old slugs
yaml-separator-read-as-comma = `{ $separator }` (typed by the Chinese input method) between { $between } was read as a comma
yaml-between-tags = tags
yaml-between-towns = towns
yaml-between-aliases = aliases
yaml-between-byline = byline credits
yaml-between-old-slugs = old slugs
yaml-between-list-items = list items
yaml-between-items-of = the items of `{ $key }`
yaml-between-entries-of = the entries of `{ $key }`

# Keys the document may not have, and values not among those allowed.
yaml-unknown-key = unknown key `{ $key }`
yaml-did-you-mean-hint = did you mean `{ $name }`?
yaml-allowed-keys-hint = the keys allowed here are: { $keys }
yaml-unknown-value = `{ $value }` is not one of the allowed values of `{ $what }`
yaml-unknown-value-here = `{ $value }` is not one of the allowed values
yaml-allowed-values-hint = use one of { $values }

# A value of the wrong type: `what` must be `expected` (one of `yaml-type-…`), not `got` (one of `yaml-got-…`).
yaml-wrong-type = `{ $what }` must be { $expected }, not { $got }
yaml-wrong-type-here = this must be { $expected }, not { $got }
yaml-empty-value = `{ $what }` is empty; it must be { $expected }
yaml-type-list = a list
yaml-type-text = text
yaml-type-true-false = true or false
yaml-type-whole-number = a whole number
yaml-type-number = a number
yaml-type-key-value-lines = a set of `key: value` lines
yaml-type-one-value = one of the allowed values
yaml-type-other = { $text }
yaml-got-text = the text "{ $value }"
yaml-got-number = the number { $value }
yaml-got-true-false = `{ $value }`
yaml-got-list = a list
yaml-got-key-value-lines = a set of `key: value` lines
yaml-got-nothing = nothing
yaml-got-other = { $text }
# What the YAML parser said, in its own English (`text`), where nothing better can be said.
yaml-key-problem = `{ $what }`: { $text }
yaml-unreadable = { $text }
yaml-unreadable-hint = check the colons, quotation marks and brackets of this line; put a value holding `:`, `#`, `[` or `{"{"}` in quotes

# A key that a group of keys needs (`whose`, one of `yaml-whose-…`) is missing.
yaml-missing-field = { $whose } has no `{ $field }`
yaml-missing-field-misplaced = { $whose } has no `{ $field }`: the `{ $field }:` on this line is not lined up with the keys above it
yaml-whose-credit = credit { $number } of the byline
yaml-whose-image = the image
yaml-whose-key = `{ $key }`
yaml-whose-file = the file

# The YAML grammar's own errors, reworded.
yaml-needs-colon = `{ $key }` needs a colon after it
yaml-not-key-value = this line is neither `key: value` nor part of the line above
yaml-not-key-value-hint = write a key, a colon, a space and the value; a line that carries on the one above is indented
yaml-key-not-lined-up = `{ $key }:` is not lined up with the lines above it
yaml-not-lined-up = this line is not lined up with the lines above it
yaml-value-starts-with = a value cannot start with `{ $character }`, so it must be put in quotes
yaml-list-not-closed = the list opened by this `[` is not closed
yaml-list-not-closed-hint = end it with `]` on the same line, and separate the items with `,`
yaml-braces-not-closed = the `{"{"}` here is not closed
yaml-braces-not-closed-hint = end it with `{"}"}` on the same line, and separate the entries with `,`
yaml-quote-not-closed = this quotation mark is never closed
yaml-quote-not-closed-hint = end the value with the same mark on the same line, or remove it
yaml-key-twice = `{ $key }` is written twice
yaml-key-twice-hint = keep one of them

# An article's `---` lines.
fm-empty-file = the file is empty
fm-empty-file-hint = an article starts with front matter between two `---` lines, then the text
fm-no-front-matter = the file does not start with front matter
fm-no-front-matter-hint = put a line `---` first, then `title:`, `date:` and `district:` lines, then another `---`
fm-not-closed = the front matter is never closed
fm-not-closed-hint = add a line `---` after the last front-matter line

# The keys every article needs.
fm-no-title = the article has no title
fm-add-line-hint = add a line `{ $line }`
fm-no-date = the article has no date
fm-no-date-hint = add a line such as `date: 2013-11-03`
fm-no-district = the article has no district
fm-no-district-hint = add a line such as `district: 松江区`

# `date:` that is not a date.
fm-bad-time = { $text } is not a valid time
fm-no-such-month = { $text } is not a date: there is no month { $month }
fm-no-such-day = { $text } is not a date: { $year }年{ $month }月 has { $days } days
fm-not-a-date = `{ $text }` is not a date
fm-date-hint = write the date as 2013-11-03, or 2013-11-03T09:30:00+08:00
fm-date-written-otherwise = `{ $text }` is a date, but not written the way jianbao reads one

# `district:` naming no district of site.yaml.
fm-unknown-district = unknown district { $name }
fm-district-did-you-mean-hint = did you mean { $name }?
fm-districts-hint = site.yaml lists { $names }; add { $name } there if it is new

# Tags and towns.
fm-empty-item = `{ $what }` has an empty item
fm-term-split = the { $noun } { $item } was split at `{ $separator }` (typed by the Chinese input method) into { $parts }
fm-term-split-hint = write each { $noun } as an item of its own: { $line }
fm-noun-tag = tag
fm-noun-town = town
fm-part = { $name }
fm-parts = { $first } and { $rest }

# The byline, the picture and the slug.
fm-credit-no-name = credit { $number } of the byline has no name
fm-image-no-src = the image has no `src`
fm-image-src-hint = name the picture file, such as image: {"{"} src: drill.jpg {"}"}
fm-image-src-unsafe = the image `src` { $src } is neither a file beside the article nor an http(s) address
fm-bad-slug = slug `{ $value }` is not URL-safe
fm-issue-zero = issue numbers start at 1, not 0
fm-unknown-lint = there is no lint `{ $id }`
fm-lint-close-hint = did you mean `{ $id }`? A lint's name is the one `jianbao check` prints in brackets after each warning
fm-lint-ids-hint = the lints that can be switched off are { $ids }
fm-slug-hint = use lowercase letters, digits and single hyphens, such as `slug: { $suggestion }`
fm-slug-rules-hint = use lowercase letters a–z, digits and single hyphens
