# 期刊（issues/ 文件夹里每期一个文件）：读取期刊文件、核对所列文章时发现的问题。

edition-io-read = 读取期刊文件
edition-front-matter-hint = 期刊文件和文章一样，开头两行 `---` 之间写 `number:`（期号）、`date:`（出刊日期）和 `sections:`（各版块的文章），后面可以写编者按
edition-no-number = 期刊文件没有写期号
edition-no-date = 期刊文件没有写出刊日期
edition-number-taken = { $supplement ->
    [yes] 增刊第{ $number }期
   *[other] 第{ $number }期
}已经在 { $other } 里写过了，一个期号只能用一次
edition-number-taken-hint = 把这个文件的 `number:` 改成别的期号；如果两个文件是同一期，把它们合成一个
edition-no-article = 找不到文章 `{ $path }`
edition-no-article-close-hint = 可能是想写 `{ $path }`？路径从 content 文件夹算起
edition-no-article-hint = 文章路径从 content 文件夹算起，例如 `2013/11/zuzhuan-fuwu.md`
edition-article-twice = 文章 `{ $path }` 已经列在{ $supplement ->
    [yes] 增刊第{ $number }期
   *[other] 第{ $number }期
}（{ $other }）里了，一篇文章只能登在一期
edition-article-twice-hint = 删掉这一处，或者删掉另一处
edition-article-elsewhere = 本文写的是 `issue: { $number }`，可是{ $supplement ->
    [yes] 增刊第{ $listed }期
   *[other] 第{ $listed }期
}的期刊文件列了它
edition-article-elsewhere-hint = 把 `issue:` 改成 { $listed }，或者删掉这一行，只在期刊文件里列出
edition-unknown = 本文写的是第{ $number }期，可是没有哪个期刊文件是第{ $number }期
edition-unknown-hint = 已有的期号是 { $declared }；要新出一期，就在 issues 文件夹里加一个文件，写 `number: { $number }` 和 `date:`
edition-unknown-none-hint = 要出第{ $number }期，就在站点的 issues 文件夹里加一个文件（例如 issues/{ $number }.md），写 `number: { $number }` 和 `date:`
