# The body of an article: Markdown, links, pictures, code.
