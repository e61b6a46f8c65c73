# 写出输出文件夹。

# 文件读写失败时正在做的事（`io-error` 的动作）。
output-io-create-parent = 创建输出文件夹的上一级文件夹
output-io-clear-staging = 清空临时文件夹
output-io-create-staging = 创建临时文件夹
output-io-read-link = 读取快捷方式（符号链接）
output-io-keep-link = 保留快捷方式（符号链接）
output-io-inspect-output = 查看输出文件夹
output-io-move-old-output = 把旧的输出文件夹挪开
output-io-move-new-output = 把新的输出文件夹放到位
output-io-write-manifest = 写入构建清单
output-io-write-record = 写入本次构建的记录
output-io-remove-record = 删除上次构建的记录
output-io-create-cache = 创建缓存文件夹
output-io-record-terms = 记录已发布的标签、镇（街道）和栏目的网址

# 写入临时文件夹，再换上它。
output-needs-name = 输出文件夹需要一个名字
output-needs-name-hint = 指定一个文件夹，例如 --output public
output-write-outside = 拒绝写到输出文件夹以外
output-copy-outside = 拒绝复制到输出文件夹以外
output-unsafe-path = 路径不安全
output-not-a-folder = 输出路径已经存在，但不是文件夹
output-not-a-folder-hint = 删掉它，或者用 --output 指定另一个文件夹

# 输出文件夹会占用站点自己的文件。
output-refused = 不能输出到 { $output }：{ $why }
output-refused-hint = 输出到一个单独的文件夹，例如 --output public（默认就是它）
output-refused-site = 这是站点本身的文件夹，而每次构建都会把输出文件夹整个换掉
output-refused-holds-site = 站点就在这个文件夹里，而每次构建都会把输出文件夹整个换掉
output-refused-folder = 这是站点的 { $folder }/ 文件夹（{ $what }）
output-refused-inside = 它在站点的 { $folder }/ 文件夹里面（{ $what }）
output-folder-content = 存放文章
output-folder-static = 其中的文件会复制到输出文件夹
output-folder-templates = 存放站点的模板
output-folder-themes = 存放主题

# build：已发布名称的记录写不进去。
output-terms-not-saved-hint = 网站已经生成；只是下次构建将无法发现标签的网址有没有变

# check：生成的页面里打不开的链接。
output-check-page = （页面 /{ $path }）
output-check-broken-link = 链接 { $link } 打不开：{ $problem }
output-check-broken-link-hint = 改正链接的地址，或者它 `#` 后面的锚点
output-check-no-page = 没有这个页面
output-check-no-anchor = 那个页面上没有这个锚点（`#` 后面的部分）
