# Shortcodes: photo sets, videos, boxes and quotes called from an article.
# 短代码：文章里调用的组图、视频、编者按和引语。

# How a call is written.
sc-syntax = 短代码 `{ $name }` 的写法有误：{ $problem }
sc-syntax-mismatched = 它以 `{ $open }` 开头，却没有以 `{ $close }` 结尾
sc-syntax-close = 参数后面的 `)` 之后应该是 `{ $close }`
sc-syntax-full-width-comma = 参数之间用英文逗号 `,` 隔开，不能用 `，` 或 `、`
sc-syntax-comma = 两个参数之间要有英文逗号 `,`
sc-syntax-key = 这里应该写参数名，例如 `title="编者按"`
sc-syntax-equals = 参数 `{ $arg }` 后面应该写 `=` 和它的值
sc-syntax-unterminated = 引号里的值缺少后引号
sc-syntax-curly-quotes = 值要放在英文引号 "…" 里，不能用中文引号“…”
sc-syntax-value = 这里应该写值：引号里的文字、数字，或者 true、false
sc-syntax-bare = `{ $value }` 要加英文引号，写成 "{ $value }"
sc-syntax-example-hint = 改成这样：{ $example }
sc-syntax-hint = 短代码的写法是这样的：{ $example }
sc-duplicate-arg = `{ $name }` 的参数 `{ $arg }` 写了两次
sc-duplicate-arg-hint = 只保留其中一个
sc-stray-end = 这个 `{ $end }` 前面没有要结束的短代码
sc-stray-end-hint = 删掉它，或者在它上面写上短代码的开头，例如 { $example }
sc-unclosed = `{ $name }` 从这里开始，但没有用 `{ $end }` 结束
sc-unclosed-hint = 在短代码内容结束的地方另起一行，写上 `{ $end }`
sc-nested = 短代码 `{ $name }` 写在了 `{ $outer }` 里面，`{ $outer }` 里不能再放短代码
sc-nested-hint = 先用 `{ $end }` 结束 `{ $outer }`，再写它

# Names and arguments.
sc-unknown = 没有名为 `{ $name }` 的短代码
sc-unknown-near-hint = 可能是想写 `{ $near }`？可用的短代码有：{ $names }
sc-unknown-hint = 可用的短代码有：{ $names }；主题可以用 templates/shortcodes/名字.html 添加新的短代码
sc-unknown-arg = `{ $name }` 没有 `{ $arg }` 这个参数
sc-unknown-arg-near-hint = 可能是想写 `{ $near }`？它的参数有：{ $args }
sc-unknown-arg-hint = 它的参数有：{ $args }
sc-no-args-hint = `{ $name }` 不带参数：写成 `{ $name }()`
sc-missing-arg = `{ $name }` 缺少参数 `{ $arg }`
sc-arg-text = `{ $name }` 的参数 `{ $arg }` 是文字，值要放在英文引号里
sc-arg-number = `{ $name }` 的参数 `{ $arg }` 要写 { $min } 到 { $max } 之间的整数
sc-one-of-missing = `{ $name }` 需要参数 { $args } 中的一个
sc-one-of-both = `{ $name }` 只能用参数 { $args } 中的一个
sc-no-body = `{ $name }` 不包含内容，不能写成成对的标签：应单独写在双花括号里
sc-needs-body = `{ $name }` 要包含内容：内容写在开头的标签和 `{ $end }` 之间

# Files and addresses.
sc-not-a-file = `{ $value }` 不是文章所在文件夹里的文件
sc-not-a-file-hint = 把文件放进 index.md 所在的文件夹，再写上文件名，例如 { $example }
sc-video-not-a-file-hint = 把视频文件放进 index.md 所在的文件夹，写成 src="huodong.mp4"；在线播放器请写 url="https://…"
sc-not-a-video = `{ $value }` 不是视频文件
sc-not-a-video-hint = 浏览器能播放的视频格式有：{ $kinds }
sc-not-an-address = `{ $value }` 不是网址
sc-not-an-address-hint = url= 后面写播放器的网址，以 https:// 开头
sc-photoset-empty = 这组图片里没有图片
sc-photoset-line-hint = 每行一张图片：先写文件名，再写图片说明，最后用 `|` 隔开写摄影者：{ $example }

# Online players.
sc-embeds-off = 在线播放器没有开启：站点设置（site.yaml）的 `{ $key }` 里没有列出任何网站，所以 { $host } 的播放器不能显示
sc-embeds-off-hint = 要允许它，在 site.yaml 里加上：{ $example }
sc-embed-host = 播放器所在的网站 { $host } 不在站点设置（site.yaml）的 `{ $key }` 里
sc-embed-host-hint = 允许的网站有：{ $hosts }；如果信任 { $host }，把它加进去
