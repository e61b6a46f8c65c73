# Themes and templates, and rendering pages.

# Finding the theme and reading its files.
theme-missing = there is no theme `{ $name }`
theme-missing-hint = put it in themes/{ $name }/, or use the built-in theme with `theme: default`
theme-io-read-settings = read the theme's settings
theme-io-read-template = read the template
theme-unreadable = could not read: { $error }
theme-symlink = symbolic links are not published
theme-symlink-hint = copy the file here instead of linking to it

# Templates every theme needs.
theme-no-template = the theme has no template { $name }
theme-no-template-hint = add templates/{ $name } to the site or the theme
theme-copy-not-inlined = the page /{ $page } made with { $template } could not have its styles inlined: { $reason }
theme-no-template-search-hint = add templates/{ $name } to the site or the theme, or set `search: false` in site.yaml

# A template that does not parse or fails while a page is made: `error` is
# tera's own text, `template` the template's name, `line` its line.
theme-template-syntax = { $error }
theme-template-render = { $error }
theme-template-error = { $error }
theme-template-error-unplaced = { $error }
theme-template-page-hint = met while rendering /{ $page }; the built-in theme's templates use every variable pages have: `jianbao theme export` writes them out to read
theme-template-hint = the built-in theme's templates use every variable, filter and function there is: `jianbao theme export` writes them out to read

# Errors of jianbao's own template filters and functions, as tera shows them.
theme-asset-not-hashed = asset: `{ $path }` is not a stylesheet, script or font ({ $extensions }), so it has no hashed name; link it with url(path="{ $key }")
theme-asset-missing = asset: there is no static file `{ $path }` in the theme's or the site's static/
theme-asset-missing-near = asset: there is no static file `{ $path }` in the theme's or the site's static/ (did you mean `{ $near }`?)
theme-zh-date-invalid = zh_date: `{ $value }` is not a date such as 2013-11-03
theme-include-cached-early = { $function }: only page templates can call it, not shortcodes; use {"{"}% include %{"}"} there
theme-include-cached-failed = { $function }: { $template }, line { $line }: { $error }
theme-include-cached-failed-unplaced = { $function }: { $template }: { $error }

# Minifying stylesheets (`--minify`); `error` is lightningcss's own text.
theme-css-not-minified = could not minify this stylesheet: { $error }
theme-css-not-minified-hint = it is published as it is; fix the CSS there to have it minified
