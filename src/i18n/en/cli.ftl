# What the commands say when they finish.

check-summary = { $errors ->
        [one] { $errors } error
       *[other] { $errors } errors
    }, { $warnings ->
        [one] { $warnings } warning
       *[other] { $warnings } warnings
    }
build-summary = built { $pages } pages ({ $articles ->
        [one] { $articles } article
       *[other] { $articles } articles
    }, { $static_files } static files; { $changed }) in { $ms } ms → { $output }
build-nothing-changed = nothing changed
build-all-written = all written
build-some-written = { $count } written
build-failed = build failed with { $count ->
        [one] { $count } error
       *[other] { $count } errors
    }; { $output } was left as it was
new-written = wrote { $path } (a draft: preview it with `jianbao serve --drafts`)
file-written = wrote { $path }
init-ready = a new site is ready; build it with `jianbao build --root { $dir }`
theme-exported = wrote the built-in theme to { $dir } ({ $count } files)
theme-exported-how = a site whose site.yaml says `theme: default` now uses this copy: change its templates/ and static/
new-list-split = { $option } { $value }: split at `{ $separator }` into { $parts }

# What a build left out: drafts and articles dated later.
left-out = { $what } not published; add { $flags } to preview { $count ->
        [one] it
       *[other] them
    }
left-out-both = { $drafts } and { $scheduled }
left-out-drafts = { $count ->
        [one] { $count } draft
       *[other] { $count } drafts
    }
left-out-scheduled = { $count ->
        [one] { $count } scheduled article
       *[other] { $count } scheduled articles
    } ({ $dates })
left-out-date = { $date }
left-out-more = …
