# 文章：查找、读取、检查与互相链接。

# 在 content/ 下查找文章。
content-no-folder = 没有 content/ 文件夹，所以网站里没有文章
content-no-folder-hint = 把文章写成 Markdown 文件，放在 content/ 文件夹里，例如 content/2013/11/fengjing.md
content-symlink = 文章不能是快捷方式（符号链接）
content-symlink-hint = 把文件本身复制到 content/ 里，不要用快捷方式

# 读取文章文件（`io-error` 的动作），以及文件编码。
content-io-read-article = 读取文章
content-io-read-set-aside = 从 .jianbao-cache 里的暂存文件读回这篇文章的内容
content-not-utf8 = 文件不是 UTF-8 编码：从这里起有无法识别的字符（字节 0x{ $byte }）
content-not-utf8-hint = 把文件另存为 UTF-8 编码（多数编辑器在“另存为”的“编码”选项里可以选）

# 文章的网址。
content-no-slug = 无法用这个文件名生成网址
content-no-slug-hint = 把文件名改成含有字母或汉字的名字，或者在文章头部加一行 `slug:`（网址名）
content-same-url = 网址 /{ $url } 与 { $others } 的网址重复
content-same-url-slug-hint = 给其中一篇文章换一个 `slug:`（网址名）
content-same-url-file-hint = 这个网址是由文件名生成的：给其中一篇文章加上自己的 `slug:`（网址名）

# 链接到其他文章（`[文字](other.md)`）。
content-link-outside = 链接 { $link } 指向了 content/ 文件夹以外
content-link-outside-hint = 只能链接 content/ 里的文章：路径从本文件所在的文件夹算起，或者以 / 开头、从 content/ 算起
content-link-draft = 链接 { $link } 指向一篇草稿，草稿不会发布
content-link-draft-hint = 先发布那篇文章（删掉 `draft: true`），或者删掉这个链接
content-link-future = 链接 { $link } 指向一篇定时发布的文章，它的日期还没到，尚未发布
content-link-future-hint = 等那篇文章发布以后再加链接，或者用 --future 构建
content-link-missing = 链接 { $link } 找不到文章（找的是 content/{ $target }）
content-link-missing-near-hint = 可能是想链接 content/{ $near }？
content-link-missing-hint = 请核对文件名：链接的路径从本文件所在的文件夹算起，以 / 开头时从 content/ 算起

# 链接到文章里的小标题（`[文字](other.md#小标题)`），但那篇文章没有这个小标题。
content-anchor-missing = 链接 { $link } 要跳到的小标题在《{ $title }》里找不到
content-anchor-no-headings-hint = 《{ $title }》没有小标题可以链接；请直接链接这篇文章，去掉 `#` 和后面的部分
content-anchor-headings-hint = 它的小标题有：{ $headings }；`#` 后面要写其中一个小标题的文字，或者它的锚点（例如 #{ $anchor }）

# 文章缺少的东西。
content-photo-no-picture = 这条图片新闻没有图片
content-photo-no-picture-hint = 加一张图片，例如 image: {"{"} src: drill.jpg, caption: 演练现场 {"}"}，或者把 `kind` 改成别的类型
content-no-text = 这篇文章没有正文
content-no-text-hint = 在文章头部结尾的 `---` 下面写正文

# 文章旁边的图片。
content-pictures-not-processed = 这里不处理图片
content-picture-hint = 把图片放在文章旁边（同一个文件夹里），或者改正图片的文件名
content-lead-picture-hint = 把图片放在文章旁边（每篇文章一个文件夹最方便），或者改正 `src`

# 文章的 `aliases:`，即它以前的地址。
content-alias-example-hint = 写这篇文章以前在本站的地址的路径，例如 /2013/11/old-slug/
content-alias-empty = `aliases` 里有一个旧地址是空的
content-alias-full-address = 旧地址 `{ $alias }` 是完整的网址；`aliases` 里只写本站内的路径
content-alias-full-address-hint = 去掉 https:// 和域名：https://example.org/2013/11/old-slug/ 写成 /2013/11/old-slug/
content-alias-query = 旧地址 `{ $alias }` 带有 `?` 或 `#` 及其后面的部分
content-alias-query-hint = 跳转页面只按路径发布：去掉 ? 或 # 以及它们后面的部分
content-alias-bad-escape = 旧地址 `{ $alias }` 里的 % 编码不是有效的 UTF-8 文字
content-alias-bad-character = 旧地址 `{ $alias }` 含有文件名里不能有的字符：{ $character }
content-alias-climbs = 旧地址 `{ $alias }` 用 `..` 跳出了所在的文件夹
content-alias-climbs-hint = 从网站的最上层写起，以 / 开头，例如 /2013/11/old-slug/
content-alias-hidden = 旧地址 `{ $alias }` 指向隐藏的文件或文件夹（{ $name }）
content-alias-front-page = 旧地址 `{ $alias }` 是网站首页
content-alias-front-page-hint = 旧地址只能是这篇文章自己以前的地址，例如 /2013/11/old-slug/
