# Writing the output folder.

# What was being done when a file could not be read or written (the action of `io-error`).
output-io-create-parent = create the output's parent folder
output-io-clear-staging = clear the staging folder
output-io-create-staging = create the staging folder
output-io-read-link = read the link
output-io-keep-link = keep the link
output-io-inspect-output = inspect the output folder
output-io-move-old-output = move the old output aside
output-io-move-new-output = move the new output into place
output-io-write-manifest = write the build manifest
output-io-write-record = write the record of this build
output-io-remove-record = remove the record of the last build
output-io-create-cache = create the cache folder
output-io-record-terms = record the published terms

# Writing into the staging folder and swapping it in.
output-needs-name = the output folder needs a name
output-needs-name-hint = pass a folder such as --output public
output-write-outside = refusing to write outside the output folder
output-copy-outside = refusing to copy outside the output folder
output-unsafe-path = unsafe path
output-not-a-folder = the output path exists and is not a folder
output-not-a-folder-hint = remove it, or build into another folder with --output

# An output folder that would take the place of the site's own files.
output-refused = cannot build into { $output }: { $why }
output-refused-hint = build into a folder of its own, such as --output public (the default)
output-refused-site = it is the site's own folder, and a build replaces its output folder as a whole
output-refused-holds-site = it holds the site, and a build replaces its output folder as a whole
output-refused-folder = it is the site's { $folder }/ folder, { $what }
output-refused-inside = it is inside the site's { $folder }/ folder, { $what }
output-folder-content = where the articles are
output-folder-static = whose files are copied into the output
output-folder-templates = where the site's templates are
output-folder-themes = where the themes are

# build: the record of published terms could not be written.
output-terms-not-saved-hint = the site was built; the next build cannot tell whether a tag's address moved

# check: links in the rendered pages that lead nowhere.
output-check-page = (page /{ $path })
output-check-broken-link = link to { $link } leads nowhere: { $problem }
output-check-broken-link-hint = fix the link's address, or the #anchor it names
output-check-no-page = no such page
output-check-no-anchor = no such #anchor on that page
