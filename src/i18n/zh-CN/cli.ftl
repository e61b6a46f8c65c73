# 各命令结束时的报告。

check-summary = { $errors } 处错误，{ $warnings } 处警告
build-summary = 已生成 { $pages } 个页面（{ $articles } 篇文章，{ $static_files } 个静态文件；{ $changed }），用时 { $ms } 毫秒 → { $output }
build-nothing-changed = 没有文件改动
build-all-written = 全部写出
build-some-written = 写出 { $count } 个
build-failed = 构建失败，共 { $count } 处错误；{ $output } 保持原样，未被改动
new-written = 已写好 { $path }（草稿：用 `jianbao serve --drafts` 预览）
file-written = 已写好 { $path }
init-ready = 新站点已建好；用 `jianbao build --root { $dir }` 生成
theme-exported = 内置主题已写到 { $dir }（{ $count } 个文件）
theme-exported-how = site.yaml 写着 `theme: default` 的站点现在使用这份副本：修改其中的 templates/ 和 static/ 即可
new-list-split = { $option } { $value }：已在“{ $separator }”处分成 { $parts }

# 构建略过的：草稿和定时发布的文章。
left-out = { $what }未发布；加 { $flags } 可预览
left-out-both = { $drafts }、{ $scheduled }
left-out-drafts = { $count } 篇草稿
left-out-scheduled = { $count } 篇定时（{ $dates }）
left-out-date = { $month }月{ $day }日 { $time }
left-out-more = …

# `jianbao --help` 和各命令 `--help` 的说明。
help-jianbao = jianbao（简报）：为中文社区简报生成网站。
help-quiet = 只显示错误：不显示警告和总结
help-lang = 消息语言：zh（简体中文）或 en；默认按 site.yaml 的 `language:`，其次按系统的 LANG
help-version = 显示版本
help-help = 显示帮助
help-heading-usage = 用法
help-heading-options = 选项
help-heading-arguments = 参数
help-heading-commands = 命令
help-root = 站点文件夹（site.yaml 所在的文件夹）
help-drafts = 包括标了 `draft: true` 的草稿
help-future = 包括日期在以后的定时文章
help-build = 生成网站，写到输出文件夹（默认 public/）
help-build-output = 输出文件夹；相对于站点文件夹
help-build-base-url = 用这个网址代替 site.yaml 的 base_url 发布（用于预览）
help-build-minify = 压缩页面（HTML）和样式表；同样的输入仍得到同样的输出
help-serve = 在内存里生成网站并提供预览，每次改动后重新生成并刷新浏览器
help-serve-port = 监听的端口；0 表示自动选一个空闲端口
help-serve-bind = 监听的地址；不改的话只有本机能访问
help-serve-open = 在默认浏览器里打开网站
help-check = 报告生成时会发现的全部错误和警告、失效链接和编辑部检查项；不写任何文件
help-check-format = 问题的输出格式：text 给人看，json 给工具，github 给 CI 批注
help-check-deny-warnings = 有警告也以 1 退出，不只是有错误时
help-check-drafts = 也检查草稿
help-check-future = 也检查日期在以后的定时文章
help-new = 新建一篇文章，文章头部各项齐全
help-new-path = 文章写到哪里，须在 content/ 下：content/2013/11/fengjing.md
help-new-title = 文章标题
help-new-district = site.yaml 里列出的区（或它的别名）
help-new-kind = 体裁：feature（特稿）、news（消息）、brief（短讯）或 photo（图片新闻）
help-new-tags = 标签，用逗号分隔：--tags 消防安全,演练
help-new-towns = 镇（街道），用逗号分隔
help-new-column = 文章所属栏目
help-new-issue = 把文章编入一期：不写期号就是最新一期，也可以写期号（--issue 12）
help-init = 新建一个站点，用内置主题即可生成
help-init-dir = 新站点的文件夹
help-theme = 主题相关：`jianbao theme export` 把内置主题写出来，以便修改
help-theme-export = 把内置的默认主题写到一个文件夹（不指定则为站点的 themes/default），site.yaml 写 `theme: default` 时就用这份，不再用内置的
help-theme-export-dir = 主题写到哪里；默认是站点文件夹里的 themes/default

# 命令行参数错误的中文说明。
cli-unknown-option = 没有 `{ $option }` 这个选项
cli-unknown-command = 没有 `{ $command }` 这个命令
cli-invalid-value = `{ $option }` 不能取值 `{ $value }`
cli-missing-option = 缺少：{ $options }
cli-missing-command = 请说明要做什么：build、serve、check、new、init 或 theme
cli-did-you-mean = 可能是想写 `{ $name }`？
cli-valid-values = 可选的值：{ $values }
cli-more-help = 用 `--help` 查看全部选项
help-default = （默认：{ $value }）
help-possible-values = （可选：{ $values }）
