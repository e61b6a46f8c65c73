# jianbao serve: starting, rebuilding, and the page shown when a rebuild fails.

serve-port-in-use = port { $port } on { $bind } is already in use
serve-port-in-use-hint = stop the other server, or choose another port with --port N
serve-cannot-listen = could not listen on { $bind }:{ $port }: { $error }
serve-cannot-watch = could not watch the site's files: { $error }
serve-cannot-start = could not start the server: { $error }
