# jianbao new、init 和 theme export。

# jianbao init：文件夹里已经有站点。
scaffold-init-site-exists = 这里已经有一个站点了
scaffold-init-site-exists-hint = 换一个空文件夹，或者新建一个文件夹

# jianbao theme export：文件夹里已经有文件。
scaffold-export-not-empty = 这个文件夹不是空的
scaffold-export-not-empty-hint = 换一个新文件夹；要重新导出主题，先把这个文件夹挪到别处

# jianbao new：文章放在哪里，写些什么。
scaffold-new-not-markdown = { $path } 不是 content/ 下面的 Markdown 文件
scaffold-new-not-markdown-hint = 照这样写文件名：content/2013/11/fengjing.md
scaffold-new-outside-site = 这个路径跑到站点外面去了
scaffold-new-outside-site-hint = 请写 content/ 下面的文件
scaffold-new-exists = { $path } 已经存在
scaffold-new-exists-hint = 换一个文件名；jianbao new 从不覆盖已有的文件
scaffold-new-unknown-district = 站点设置（site.yaml）里没有“{ $name }”这个区
scaffold-new-district-near-hint = 是不是想写{ $near }？
scaffold-new-district-list-hint = 站点设置（site.yaml）里的区有：{ $names }
scaffold-new-no-title = 标题是空的
scaffold-new-no-title-hint = 用 --title 写上标题
scaffold-new-bug-hint = 这是 jianbao new 自身的问题，请告诉维护 jianbao 的人

# 新文章头部里的注释，写在 `byline: []` 和 `draft: true` 后面。
scaffold-new-byline-comment = 比如 [{"{"} role: 通讯员, name: 金领军 {"}"}]
scaffold-new-draft-comment = 删掉这一行就会发布
scaffold-new-no-edition = 站点还没有任何一期，没法编入“最新一期”
scaffold-new-unknown-edition = 没有第{ $number }期
