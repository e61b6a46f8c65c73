# The site as a whole: terms, redirects, pages, search.
