# jianbao new, init and theme export.

# jianbao init: a folder that already has a site.
scaffold-init-site-exists = there is already a site here
scaffold-init-site-exists-hint = choose an empty or new folder

# jianbao theme export: a folder that already has files.
scaffold-export-not-empty = this folder is not empty
scaffold-export-not-empty-hint = name a new folder, or move this one aside to export the theme afresh

# jianbao new: where the article goes, and what it says.
scaffold-new-not-markdown = { $path } is not a Markdown file under content/
scaffold-new-not-markdown-hint = name it like content/2013/11/fengjing.md
scaffold-new-outside-site = the path leaves the site
scaffold-new-outside-site-hint = name a file under content/
scaffold-new-exists = { $path } already exists
scaffold-new-exists-hint = choose another file name; jianbao new never overwrites
scaffold-new-unknown-district = unknown district { $name }
scaffold-new-district-near-hint = did you mean { $near }?
scaffold-new-district-list-hint = site.yaml lists { $names }
scaffold-new-no-title = the title is empty
scaffold-new-no-title-hint = give a title with --title
scaffold-new-bug-hint = this is a bug in jianbao new

# Notes in the front matter of a new article, after `byline: []` and `draft: true`.
scaffold-new-byline-comment = such as [{"{"} role: 通讯员, name: 金领军 {"}"}]
scaffold-new-draft-comment = remove this line to publish
scaffold-new-no-edition = the site has no edition yet to put the article in
scaffold-new-unknown-edition = there is no edition { $number }
