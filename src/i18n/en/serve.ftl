# jianbao serve: starting, rebuilding, and the page shown when a rebuild fails.

serve-port-in-use = port { $port } on { $bind } is already in use
serve-port-in-use-hint = stop the other server, or choose another port with --port N
serve-cannot-listen = could not listen on { $bind }:{ $port }: { $error }
serve-cannot-watch = could not watch the site's files: { $error }
serve-cannot-start = could not start the server: { $error }

# What the terminal says while serving.
serve-serving = serving { $root } at { $url } (Ctrl-C to stop)
serve-cannot-open-browser = could not open a browser: { $error }
serve-stopped = stopped
serve-rebuilt = rebuilt in { $ms } ms: { $rendered ->
        [one] { $rendered } page rendered
       *[other] { $rendered } pages rendered
    }, { $changed ->
        [one] { $changed } file changed
       *[other] { $changed } files changed
    }, { $removed } removed
serve-rebuild-failed = rebuild failed in { $ms } ms; still serving the last good pages
serve-previewed = open pages served first in { $ms } ms: { $changed ->
        [one] { $changed } file changed
       *[other] { $changed } files changed
    }
serve-search-updated = search index updated in { $ms } ms: { $changed ->
        [one] { $changed } file changed
       *[other] { $changed } files changed
    }

# The page's words: the bar shown over it when a rebuild failed, and a missing page without a 404.html.
serve-overlay-title = jianbao: build failed — the last good pages are shown; fix the file and save
serve-not-found = not found

# The button on an article or edition that has a WeChat copy.
serve-copy-wechat = Copy for WeChat
serve-copied-wechat = Copied: paste it into the WeChat editor
serve-copy-wechat-failed = Could not copy: the browser did not allow writing to the clipboard
serve-warnings-as-before = { $count ->
        [one] { $count } warning is
       *[other] { $count } warnings are
    } as before and not shown again; `jianbao check` lists every one
