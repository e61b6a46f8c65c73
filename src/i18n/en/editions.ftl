# Editions (one file per edition in issues/): problems reading edition files and the articles they list.

edition-io-read = reading the edition file
edition-front-matter-hint = an edition file begins like an article: between two `---` lines write `number:`, `date:` and `sections:` (the articles of each section); the editor's note may follow
edition-no-number = the edition file has no `number:`
edition-no-date = the edition file has no `date:`
edition-number-taken = { $supplement ->
    [yes] supplement { $number }
   *[other] edition { $number }
} is already declared in { $other }; each number may be used once
edition-number-taken-hint = give this file another `number:`; if both files are the same edition, merge them
edition-no-article = no article `{ $path }`
edition-no-article-close-hint = did you mean `{ $path }`? Paths start from the content folder
edition-no-article-hint = article paths start from the content folder, such as `2013/11/zuzhuan-fuwu.md`
edition-article-twice = the article `{ $path }` is already listed in { $supplement ->
    [yes] supplement { $number }
   *[other] edition { $number }
} ({ $other }); an article appears in one edition only
edition-article-twice-hint = remove this listing or the other one
edition-article-elsewhere = this article says `issue: { $number }`, but the file of { $supplement ->
    [yes] supplement { $listed }
   *[other] edition { $listed }
} lists it
edition-article-elsewhere-hint = change `issue:` to { $listed }, or remove the line and list it in the edition file only
edition-unknown = this article is in edition { $number }, but no edition file declares edition { $number }
edition-unknown-hint = the editions declared are { $declared }; to start a new one, add a file to the issues folder with `number: { $number }` and `date:`
edition-unknown-none-hint = to publish edition { $number }, add a file to the site's issues folder (for example issues/{ $number }.md) with `number: { $number }` and `date:`
