# Shortcodes: photo sets, videos, boxes and quotes called from an article.
# 短代码：文章里调用的组图、视频、编者按和引语。

# How a call is written.
sc-syntax = the shortcode `{ $name }` is not written right: { $problem }
sc-syntax-mismatched = it opens with `{ $open }` but does not end with `{ $close }`
sc-syntax-close = `{ $close }` should follow the `)` that ends the arguments
sc-syntax-full-width-comma = arguments are separated by an ASCII comma `,`, not `，` or `、`
sc-syntax-comma = a comma `,` should come between two arguments
sc-syntax-key = an argument's name should come here, as in `title="编者按"`
sc-syntax-equals = `=` and a value should follow the argument `{ $arg }`
sc-syntax-unterminated = a quoted value is not closed with its quote mark
sc-syntax-curly-quotes = values are put in ASCII quotes "…", not Chinese quotes “…”
sc-syntax-value = a value should come here: text in quotes, a number, true or false
sc-syntax-bare = `{ $value }` should be in quotes: text is written "{ $value }"
sc-syntax-example-hint = write it like this: { $example }
sc-syntax-hint = a shortcode is written like this: { $example }
sc-duplicate-arg = `{ $name }` is given the argument `{ $arg }` twice
sc-duplicate-arg-hint = keep one of them
sc-stray-end = `{ $end }` closes no shortcode
sc-stray-end-hint = remove it, or open a shortcode above it, such as { $example }
sc-unclosed = `{ $name }` is opened here but never closed with `{ $end }`
sc-unclosed-hint = put `{ $end }` on a line of its own where the shortcode's content ends
sc-nested = the shortcode `{ $name }` is inside `{ $outer }`, which cannot hold another shortcode
sc-nested-hint = close `{ $outer }` with `{ $end }` before it

# Names and arguments.
sc-unknown = there is no shortcode `{ $name }`
sc-unknown-near-hint = did you mean `{ $near }`? The shortcodes are: { $names }
sc-unknown-hint = the shortcodes are: { $names }; a theme adds one with templates/shortcodes/NAME.html
sc-unknown-arg = `{ $name }` has no argument `{ $arg }`
sc-unknown-arg-near-hint = did you mean `{ $near }`? Its arguments are: { $args }
sc-unknown-arg-hint = its arguments are: { $args }
sc-no-args-hint = `{ $name }` takes no arguments: write `{ $name }()`
sc-missing-arg = `{ $name }` needs the argument `{ $arg }`
sc-arg-text = the argument `{ $arg }` of `{ $name }` is text: put its value in quotes
sc-arg-number = the argument `{ $arg }` of `{ $name }` is a whole number from { $min } to { $max }
sc-one-of-missing = `{ $name }` needs one of the arguments { $args }
sc-one-of-both = `{ $name }` takes only one of the arguments { $args }
sc-no-body = `{ $name }` has no content between tags: it is written on its own, in double braces
sc-needs-body = `{ $name }` holds content: write it between its opening tag and `{ $end }`

# Files and addresses.
sc-not-a-file = `{ $value }` is not a file of the article's folder
sc-not-a-file-hint = put the file in the folder beside index.md and write its name, as in { $example }
sc-video-not-a-file-hint = put the video file in the folder beside index.md and write its name as src="huodong.mp4"; for an online player, write url="https://…"
sc-not-a-video = `{ $value }` is not a video file
sc-not-a-video-hint = browsers play these: { $kinds }
sc-not-an-address = `{ $value }` is not a web address
sc-not-an-address-hint = url= takes the player's address, starting with https://
sc-photoset-empty = the photo set has no pictures
sc-photoset-line-hint = one picture a line: its file, then its caption, then `|` and the credit: { $example }

# Online players.
sc-embeds-off = online players are off: `{ $key }` in site.yaml lists no host, so the player at { $host } cannot be shown
sc-embeds-off-hint = to allow it, add to site.yaml: { $example }
sc-embed-host = the player's host { $host } is not in `{ $key }` of site.yaml
sc-embed-host-hint = the hosts allowed are: { $hosts }; add { $host } to them if you trust it
