# The copy desk's lints: each warning and its hint.

# The article's file could not be read again to lint it (the action of `io-error`).
lint-io-read-again = read the article again to lint it

# The front-matter fields a headline is made of, as the warnings name them.
lint-field-title = title
lint-field-kicker = kicker
lint-field-subtitle = subtitle

# Lists inside warnings: `a, b and c`, `xing, hang or heng`.
lint-list-and = { $rest } and { $last }
lint-list-or = { $rest } or { $last }

# column-break: a paragraph cut off mid-sentence, as a print column break leaves it.
lint-column-break = this paragraph stops mid-sentence at “{ $end }” and the next one carries on with “{ $start }”: a column break from print?
lint-column-break-hint = join the two paragraphs by removing the blank line between them; if a new paragraph is meant, end this one with the punctuation it is missing

# number-mismatch: a number in the title, kicker or subtitle that the body does not contain.
lint-number-mismatch = the { $field } gives { $number }, a number the body does not contain: “{ $text }”
lint-number-mismatch-value = { $written } ({ $value })
lint-number-mismatch-hint = check the figure against the story, and make the { $field } and the body agree
lint-number-mismatch-found-hint = the body has { $found }; make the { $field } and the body agree

# brief-too-long: a brief longer than the site allows.
lint-brief-too-long = this brief is { $length } characters long, over the site's limit of { $limit }
lint-brief-too-long-hint = cut it to { $limit } characters, or make it a news item with `kind: news`; site.yaml sets the limit with `lints: {"{"} brief_limit: { $limit } {"}"}`

# no-byline: an article that credits nobody.
lint-no-byline = the article credits nobody: it has no byline
lint-no-byline-hint = add a line such as `byline: [{"{"} role: 通讯员, name: 金领军 {"}"}]` to the front matter

# town-not-in-district: a town site.yaml does not list under the article's district.
lint-town-not-in-district = { $town } is not one of { $district }'s towns in site.yaml
lint-town-not-in-district-elsewhere-hint = site.yaml lists { $town } under { $other }; check the article's district
lint-town-not-in-district-near-hint = did you mean { $near }?
lint-town-not-in-district-add-hint = if { $town } is in { $district }, add it to the district's `towns:` in site.yaml

# image-no-alt: a picture with neither alt text nor caption.
lint-image-no-alt = the picture { $src } has no alt text
lint-image-no-alt-hint = describe what it shows inside the brackets, such as ![演练现场]({ $src }), for readers who cannot see it
lint-image-no-alt-lead = the picture { $src } has neither alt text nor a caption
lint-image-no-alt-lead-hint = say what it shows, for readers who cannot see it: image: {"{"} src: { $src }, caption: 演练现场 {"}"}, or `alt:`

# link-empty-text: a link with no text to click.
lint-link-empty-text = the link to { $url } has no text to click
lint-link-empty-text-hint = put the words readers click inside the brackets, such as [区政府网站]({ $url })

# half-width-punctuation: `,` `:` `;` `(` `)` `?` `!` between Chinese characters, one warning per line.
lint-half-width = half-width “{ $mark }” between Chinese characters: “{ $context }”
lint-half-width-more = half-width “{ $mark }” between Chinese characters: “{ $context }” (and { $more } more on this line)
lint-half-width-hint = Chinese text takes full-width punctuation: write { $fixes }
lint-half-width-fix = { $full } for { $half }

# mixed-quotes: “…”, "…" and 「…」 side by side in one article.
lint-mixed-quotes = the article mixes quotation marks: { $others } among { $main } ({ $times }), first here: “{ $context }”
lint-mixed-quotes-style = { $style } ({ $times })
lint-mixed-quotes-times = { $count ->
        [1] once
        [2] twice
       *[other] { $count } times
    }
lint-mixed-quotes-hint = use one style throughout: “…” is the standard in mainland Chinese text, with ‘…’ for a quotation inside a quotation

# pinyin-guess: a name whose pinyin no dictionary word settles, so that its slug is a guess.
lint-pinyin-guess = the pinyin of { $name } is a guess: { $guesses }, and no dictionary entry for this name says which; it is read `{ $slug }`
lint-pinyin-guess-reads = { $character } reads { $readings }
lint-pinyin-guess-more = { $before }; { $next }
lint-pinyin-guess-other-hint = if { $name } reads otherwise, add { $other } { $place }; if `{ $slug }` is right, add { $keep } to say so
lint-pinyin-guess-confirm-hint = add { $keep } { $place } to confirm the reading, or write the right one
lint-pinyin-guess-in-slugs = under `slugs:` in site.yaml
lint-pinyin-guess-in-district = to its entry
lint-pinyin-guess-in-front-matter = to the front matter

# The national standards' lints: each hint names the standard and clause.
# ordinal-mark: the mark after an ordinal opening a line is not its level's.
lint-ordinal-mark = the ordinal “{ $wrong }” takes another mark
lint-ordinal-mark-hint = write “{ $right }” (GB/T 15834—2011 { $rule }: a Chinese-numeral ordinal takes 、, an Arabic one a full stop, one in brackets no mark)
# year-zero: 零 in a year of Chinese numerals.
lint-year-zero = the year “{ $wrong }” writes its zero wrongly
lint-year-zero-hint = write “{ $right }” (GB/T 15835—2011 5.2.5: in numbering and years, zero is written 〇)
# range-mark: a range written with a hyphen or a half-width tilde.
lint-range-mark = the range “{ $wrong }” is written with a hyphen or a half-width tilde
lint-range-mark-hint = write “{ $right }” (GB/T 15834—2011 4.13.3.2: ranges take the wave dash ～ or the dash —; the hyphen joins numbers and dates)
# doc-number: the brackets of a document number's year.
lint-doc-number = the document number “{ $wrong }” is not in the standard form
lint-doc-number-hint = write “{ $right }” (GB/T 9704—2012 7.2.5: the year in hexagonal brackets 〔〕, no 第 before the serial number)
# mixed-numerals: Arabic digits with 千 or 百.
lint-mixed-numerals = “{ $wrong }” mixes Arabic digits with a Chinese place
lint-mixed-numerals-hint = write “{ $right }”, or the whole number in Chinese numerals (GB/T 15835—2011 5.3: apart from 万 and 亿, one number does not mix the two)
# date-numerals: one date in two kinds of numerals.
lint-date-numerals = the date “{ $wrong }” mixes Arabic and Chinese numerals
lint-date-numerals-hint = write “{ $right }”, or the whole date in Chinese numerals (GB/T 15835—2011 4.3: numbers of one kind in one place take one form)
# nested-quotes: double quotation marks inside double ones.
lint-nested-quotes = a quotation inside a quotation in double marks: { $wrong }
lint-nested-quotes-hint = write { $right } (GB/T 15834—2011 4.8: a quotation within a quotation takes single marks, the outer one double)
# ordinal-level: ordinals out of their levels' order.
lint-ordinal-level = “{ $wrong }” comes after “{ $below }”, a lower level, under the same heading
lint-ordinal-level-hint = use the levels from the highest down: { $levels } (GB/T 15834—2011 附录B.3.8)
# dash: two hyphens for the dash.
lint-dash = “{ $wrong }” is not a dash
lint-dash-hint = write “{ $right }” (GB/T 15834—2011 4.10: the dash is —— and takes the room of two characters)
# measure-numerals: a measure in Chinese numerals.
lint-measure-numerals = the measure “{ $wrong }” is written in Chinese numerals
lint-measure-numerals-hint = write “{ $right }” (GB/T 15835—2011 4.1.1: numbers that measure, above all with a unit, are written in Arabic digits)
