# Articles: finding, reading, checking and linking them.

# Finding the articles under content/.
content-no-folder = there is no content/ folder, so the site has no articles
content-no-folder-hint = write articles as Markdown files under content/, such as content/2013/11/fengjing.md
content-symlink = articles cannot be symbolic links
content-symlink-hint = copy the file into content/ instead of linking to it

# Reading an article's file (the action of `io-error`), and its encoding.
content-io-read-article = read the article
content-io-read-set-aside = read back what the build set aside for it in a scratch file in .jianbao-cache
content-not-utf8 = the file is not UTF-8: byte 0x{ $byte } cannot start a character
content-not-utf8-hint = save the file as UTF-8 (most editors have it under “Save with encoding”)

# The article's URL.
content-no-slug = cannot make a URL from this file name
content-no-slug-hint = rename the file with letters or Chinese characters, or add a `slug:` line
content-same-url = /{ $url } is also the URL of { $others }
content-same-url-slug-hint = give one of the articles another `slug:`
content-same-url-file-hint = the URL comes from the file name: give one of the articles its own `slug:`

# Links to other articles (`[text](other.md)`).
content-link-outside = the link to { $link } points outside content/
content-link-outside-hint = link to articles inside content/, relative to this file or starting with /
content-link-draft = the link to { $link } points to a draft, which is not published
content-link-draft-hint = publish that article (remove `draft: true`) or remove the link
content-link-future = the link to { $link } points to an article dated in the future, not yet published
content-link-future-hint = wait to link until it is published, or build with --future
content-link-missing = the link to { $link } points to no article (looked for content/{ $target })
content-link-missing-near-hint = did you mean content/{ $near }?
content-link-missing-hint = check the file name; a link is relative to this file, or to content/ when it starts with /

# Links to a heading (`[text](other.md#heading)`) the article does not have.
content-anchor-missing = the link to { $link } names a heading that { $title } does not have
content-anchor-no-headings-hint = { $title } has no headings to link to; link to the article itself
content-anchor-headings-hint = its headings are { $headings }; name one by its text or its anchor (#{ $anchor })

# What an article lacks.
content-photo-no-picture = this photo item has no picture
content-photo-no-picture-hint = add one, such as image: {"{"} src: drill.jpg, caption: 演练现场 {"}"}, or choose another kind
content-no-text = the article has no text
content-no-text-hint = write the article under the front matter's closing `---`

# Pictures beside an article.
content-pictures-not-processed = pictures are not processed here
content-picture-hint = put the picture beside the article, or correct its name
content-lead-picture-hint = put the picture beside the article (a folder per article works well), or correct `src`

# An article's `aliases:`, its former addresses.
content-alias-example-hint = write the old address's path on this site, such as /2013/11/old-slug/
content-alias-empty = an alias is empty
content-alias-full-address = the alias `{ $alias }` is a full address; an alias is a path on this site
content-alias-full-address-hint = leave out https:// and the host: for https://example.org/2013/11/old-slug/ write /2013/11/old-slug/
content-alias-query = the alias `{ $alias }` has a query or a fragment (`?…`, `#…`)
content-alias-query-hint = a redirect page is published at a path alone; write the path without what follows ? or #
content-alias-bad-escape = the alias `{ $alias }` has %-escapes that are not UTF-8 text
content-alias-bad-character = the alias `{ $alias }` has a character no file name may have: { $character }
content-alias-climbs = the alias `{ $alias }` climbs out of its folder with `..`
content-alias-climbs-hint = write the path from the site's top, starting with /, such as /2013/11/old-slug/
content-alias-hidden = the alias `{ $alias }` names a hidden file or folder ({ $name })
content-alias-front-page = the alias `{ $alias }` is the front page
content-alias-front-page-hint = an alias is the old address of this one article, such as /2013/11/old-slug/
