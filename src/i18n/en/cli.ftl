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

# The help of `jianbao --help` and of each command's `--help`.
help-jianbao = jianbao (简报): builds community news bulletins written in Chinese.
help-quiet = Print errors only: no warnings, no summary
help-lang = Messages in zh (简体中文) or en; default: site.yaml's `language:`, then LANG
help-version = Print version
help-help = Print help
help-heading-usage = Usage
help-heading-options = Options
help-heading-arguments = Arguments
help-heading-commands = Commands
help-root = The site's folder (the one holding site.yaml)
help-drafts = Include articles marked `draft: true`
help-future = Include articles dated in the future
help-build = Build the site into the output folder (public/ by default)
help-build-output = Where to write the site; relative to the site's folder
help-build-base-url = Publish under this address instead of site.yaml's base_url (for previews)
help-build-minify = Minify pages (HTML) and stylesheets; the output is still the same for the same input
help-serve = Build the site in memory, serve it, and rebuild and reload on every change
help-serve-port = The port to listen on; 0 picks a free one
help-serve-bind = The address to listen on; only this machine can connect unless you change it
help-serve-open = Open the site in the default browser
help-check = Report every error and warning a build would, broken links and newsroom lints; write nothing
help-check-format = How to print problems: text for people, json for tools, github for CI annotations
help-check-deny-warnings = Exit with 1 on warnings too, not only on errors
help-check-drafts = Check drafts as well
help-check-future = Check articles dated in the future as well
help-new = Write a new article with complete front matter
help-new-path = Where to write the article, under content/: content/2013/11/fengjing.md
help-new-title = The article's title
help-new-district = A district listed in site.yaml (or one of its aliases)
help-new-kind = feature, news, brief or photo
help-new-tags = Tags, separated by commas: --tags 消防安全,演练
help-new-towns = Towns, separated by commas
help-new-column = The column the article runs in
help-new-issue = Put the article in an edition: the newest one, or the number given (--issue 12)
help-init = Create a new site that builds at once with the built-in theme
help-init-dir = The folder to create the site in
help-theme = Work with themes: `jianbao theme export` writes the built-in theme out to change it
help-theme-export = Write the built-in default theme into a folder (themes/default of the site unless given), where site.yaml's `theme: default` picks it up instead of the built-in one
help-theme-export-dir = Where to write the theme; default: themes/default in the site's folder

# clap's errors, in Chinese (English keeps clap's own words).
cli-unknown-option = there is no option `{ $option }`
cli-unknown-command = there is no command `{ $command }`
cli-invalid-value = `{ $option }` cannot be `{ $value }`
cli-missing-option = missing: { $options }
cli-missing-command = say what to do: build, serve, check, new, init or theme
cli-did-you-mean = did you mean `{ $name }`?
cli-valid-values = possible values: { $values }
cli-more-help = see all options with `--help`
help-default = [default: { $value }]
help-possible-values = [possible values: { $values }]
