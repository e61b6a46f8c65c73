# Attachments: the files an article brings with it.

# A link to a file beside the article.
attach-missing = the link to { $link } points to no file (looked for content/{ $target })
attach-missing-near-hint = did you mean { $near }?
attach-missing-files-hint = { $folder } holds { $count ->
        [one] { $count } file
       *[other] { $count } files
    }: { $files }; a link is relative to this article's folder
attach-missing-address-hint = to link a website, write its address in full: https://{ $address }
attach-missing-hint = put the file in this article's folder, or correct its name; a link is relative to this article's folder
attach-symlink = the link to { $link } points to a symbolic link, which is not published
attach-symlink-hint = copy the file itself into the article's folder
attach-active = the link to { $link } points to a web page or script, which is not published from content/
attach-active-hint = put it in static/ to publish it as it is, or link a PDF of it instead
attach-active-not-published = a web page or script in an article's folder is not published
attach-same-name = the link to { $link } would publish { $name } beside the page, where { $other } is published already
attach-same-name-hint = rename one of the two files
