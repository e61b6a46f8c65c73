# 站点整体：标签与地名、跳转、页面、搜索。

# 一类名称（`kind` 是 `tags`、`districts`、`towns` 或 `columns`）。
site-kind = { $kind ->
        [districts] 区
        [towns] 镇（街道）
        [columns] 栏目
       *[tags] 标签
    }

# 读音相同、本会用同一个网址的名称。
site-same-pinyin = { $kind ->
        [districts] 区
        [towns] 镇（街道）
        [columns] 栏目
       *[tags] 标签
    }“{ $names }”的拼音相同，网址分别是 { $urls }（“{ $first }”用不带编号的网址，因为它写在 `slugs:` 里，或者用得最早）
site-same-pinyin-hint = 想自己决定网址，就在站点设置（site.yaml）的 `slugs:` 里写上它们

# 某个名称的网址与上次构建时不同（`kind` 是 `site-kind`）。
site-term-moved = { $kind }“{ $name }”的网址从 /{ $key }/{ $old }/ 变成了 /{ $key }/{ $new }/
site-term-moved-taken = { $kind }“{ $name }”的网址从 /{ $key }/{ $old }/ 变成了 /{ $key }/{ $new }/：本文用的“{ $taker }”日期更早，现在占用了原来的网址
site-term-moved-hint = 要保留原网址，就在站点设置（site.yaml）的 `slugs:` 下加一行 `{ $name }: { $old }`；如果是有意改网址，就在 `old_slugs:` 下加一行 `{ $name }: [{ $old }]`，旧链接仍会跳转过来

# site.yaml 里的旧网址名，但没有文章用这个名称。
site-old-slugs-unused = 没有已发布的文章用“{ $name }”作标签、镇（街道）或栏目，它的旧网址名不会跳转到任何页面
site-old-slugs-district-hint = 区的旧网址名写在 `districts:` 里这个区自己的那一项中：districts: {"{"} { $name }: {"{"} old_slugs: [{ $first }] {"}"} {"}"}
site-old-slugs-near-hint = 可能是想写“{ $near }”？
site-old-slugs-hint = 名称要和文章在 `tags:`、`towns:` 或 `column:` 里写的完全一样

# 跳转的说法：文章的旧地址，或某个名称的旧网址名。
site-redirect-alias = 旧地址 /{ $path }
site-redirect-old-slug = { $kind }“{ $name }”的旧网址名 `{ $slug }`（/{ $path }）
site-redirect-named = { $redirect }（{ $place }）

# 跳转占用了某个页面或另一个跳转的位置。
site-redirect-file-over-folder = { $redirect } 会成为一个文件，但那里是放页面的文件夹
site-redirect-file-over-folder-hint = 照原样写旧地址，以 / 结尾
site-redirect-clash = { $redirect } 与别的跳转冲突：{ $others }
site-redirect-clash-hint = 一个旧地址只能跳转到一个页面：只保留其中一个
site-redirect-own-url = { $redirect } 就是这篇文章现在的网址
site-redirect-own-url-hint = 删掉它：文章已经发布在这个地址了
site-redirect-own-slug = { $redirect } 就是它现在的网址名
site-redirect-own-slug-hint = 从 `old_slugs:` 里删掉它：页面已经发布在这个地址了
site-redirect-takes-page = { $redirect } 与已有的页面冲突：{ $page }
site-redirect-takes-page-at = { $redirect } 与 /{ $path } 上已有的页面冲突：{ $page }
site-redirect-takes-page-alias-hint = 旧地址必须是现在没有页面的地址：删掉它，或者把那个页面移走
site-redirect-takes-page-slug-hint = 旧网址名必须是现在没有页面用的：删掉它，或者在 `slugs:` 里给占用它的名称另起一个网址名

# 上面这些问题里对页面的说法。
site-page-numbered = { $page }第 { $number } 页
site-page-front = 首页
site-page-article = 文章 { $file } 的页面
site-page-index = { $kind ->
        [districts] 各区索引页
        [towns] 各镇（街道）索引页
        [columns] 栏目索引页
       *[tags] 标签索引页
    }
site-page-term = { $kind }“{ $name }”的页面
site-page-briefs = 短讯页面
site-page-feed = 订阅源 /{ $path }
site-page-file = /{ $path }
site-page-search = 搜索页面
site-page-search-index = 搜索索引
site-page-redirect = 跳转页面 /{ $path }
site-page-editions = 期刊目录
site-page-edition = 第{ $number }期的页面 /{ $path }
site-page-wechat = 文章 { $file } 的公众号稿
