# The site as a whole: terms, redirects, pages, search.

# A kind of term (`kind` is `tags`, `districts`, `towns` or `columns`).
site-kind = { $kind ->
        [districts] district
        [towns] town
        [columns] column
       *[tags] tag
    }

# Names that read alike and so would share an address.
site-same-pinyin = the { $kind ->
        [districts] districts
        [towns] towns
        [columns] columns
       *[tags] tags
    } { $names } share a pinyin; their URLs are { $urls } ({ $first } keeps the plain one: it is named in `slugs:` or was used first)
site-same-pinyin-hint = to choose the URLs yourself, add them to `slugs:` in site.yaml

# A term whose address moved since the last build (`kind` is a `site-kind`).
site-term-moved = the { $kind } { $name }'s address moves from /{ $key }/{ $old }/ to /{ $key }/{ $new }/
site-term-moved-taken = the { $kind } { $name }'s address moves from /{ $key }/{ $old }/ to /{ $key }/{ $new }/: { $taker }, used here earlier, now has that address
site-term-moved-hint = to keep it, add `{ $name }: { $old }` under `slugs:` in site.yaml; to move it on purpose, add `{ $name }: [{ $old }]` under `old_slugs:` so that old links still lead to it

# Old slugs in site.yaml that no article's term has.
site-old-slugs-unused = no published article has the tag, town or column { $name }, so its old slugs lead nowhere
site-old-slugs-district-hint = a district lists its old slugs in its own entry: districts: {"{"} { $name }: {"{"} old_slugs: [{ $first }] {"}"} {"}"}
site-old-slugs-near-hint = did you mean { $near }?
site-old-slugs-hint = write the name as articles write it in `tags:`, `towns:` or `column:`

# How a redirect is named: an article's alias, or a term's old slug.
site-redirect-alias = the alias /{ $path }
site-redirect-old-slug = the old slug `{ $slug }` of the { $kind } { $name } (/{ $path })
site-redirect-named = { $redirect } ({ $place })

# A redirect that takes the place of a page or of another redirect.
site-redirect-file-over-folder = { $redirect } would be a file where pages are in a folder
site-redirect-file-over-folder-hint = write the old address as it was, ending in /
site-redirect-clash = { $redirect } clashes with { $others }
site-redirect-clash-hint = an old address can lead to one page only: remove all but one
site-redirect-own-url = { $redirect } is this article's own URL
site-redirect-own-url-hint = remove it: the article is published at that address already
site-redirect-own-slug = { $redirect } is its slug now
site-redirect-own-slug-hint = remove it from `old_slugs:`: the page is published at that address already
site-redirect-takes-page = { $redirect } clashes with { $page }
site-redirect-takes-page-at = { $redirect } clashes with { $page } at /{ $path }
site-redirect-takes-page-alias-hint = an alias is an old address that has no page now: remove it, or move that page
site-redirect-takes-page-slug-hint = an old slug is one that has no page now: remove it, or give that term another slug

# How a page is named in the errors above.
site-page-numbered = page { $number } of { $page }
site-page-front = the front page
site-page-article = the article { $file }
site-page-index = the index of { $kind ->
        [districts] districts
        [towns] towns
        [columns] columns
       *[tags] tags
    }
site-page-term = the page of the { $kind } { $name }
site-page-briefs = the short news (短讯)
site-page-feed = the feed /{ $path }
site-page-file = /{ $path }
site-page-search = the search page
site-page-search-index = the search index
site-page-redirect = the redirect /{ $path }
site-page-editions = the list of editions
site-page-edition = the page /{ $path } of edition { $number }
site-page-wechat = the WeChat copy of the article { $file }
