# Month and year archives.

# An article whose slug would put it among its month archive's later pages.
archive-slug-page = the URL /{ $url } is where the archive of { $year }-{ $mm } has its later pages (/{ $url }2/ …): no article may be named `page`
archive-slug-page-hint = give the article another `slug:`
archive-slug-page-file-hint = the URL comes from the file name: give the article its own `slug:`, or rename the file

# Archive pages as errors name them (an old address that would take their place).
archive-page-month = the archive of { $year }-{ $mm }
archive-page-year = the archive of { $year }
