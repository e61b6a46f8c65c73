# The body of an article: Markdown, links, pictures, code.

# Paragraphs indented by hand, which the theme indents itself.
md-indented-prose = this paragraph starts with four spaces, which Markdown reads as a block of code; it is shown as an ordinary paragraph
md-indented-prose-hint = remove the spaces at the start of its lines: the theme indents paragraphs itself
md-full-width-indent = paragraphs are indented with full-width spaces `　　`; they were removed, as the theme indents paragraphs itself
md-full-width-indent-hint = start each paragraph with its first character
