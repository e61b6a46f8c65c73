# 主题、模板与页面生成。

# 找到主题、读取主题的文件。
theme-missing = 没有名为 `{ $name }` 的主题
theme-missing-hint = 把主题放在 themes/{ $name }/ 文件夹里，或写 `theme: default` 使用内置主题
theme-io-read-settings = 读取主题设置
theme-io-read-template = 读取模板
theme-unreadable = 无法读取：{ $error }
theme-symlink = 符号链接（快捷方式）不会发布
theme-symlink-hint = 把文件本身复制到这里，不要用链接指向它

# 每个主题都要有的模板。
theme-no-template = 主题缺少模板 { $name }
theme-no-template-hint = 在站点或主题的 templates/ 文件夹里加上 { $name }
theme-copy-not-inlined = 用模板 { $template } 生成 /{ $page } 后，没能把样式写进各元素：{ $reason }
theme-no-template-search-hint = 在站点或主题的 templates/ 文件夹里加上 { $name }，或在站点设置（site.yaml）里写 `search: false`

# 模板写法有误，或生成页面时出错：`error` 是 tera 的原文（英文），`template` 是模板名，`line` 是行号。
theme-template-syntax = 模板 { $template } 第 { $line } 行的写法有误：{ $error }
theme-template-render = 用模板 { $template } 生成页面时，第 { $line } 行出错：{ $error }
theme-template-error = 模板 { $template } 第 { $line } 行有问题：{ $error }
theme-template-error-unplaced = 模板有问题：{ $error }
theme-template-page-hint = 这是生成页面 /{ $page } 时出的错；内置主题的模板用到了页面的每一个变量，运行 `jianbao theme export` 可以把它们写出来对照
theme-template-hint = 内置主题的模板用到了所有的变量、过滤器和函数，运行 `jianbao theme export` 可以把它们写出来对照

# jianbao 自带的模板过滤器和函数报的错，由 tera 显示。
theme-asset-not-hashed = asset：`{ $path }` 不是样式表、脚本或字体（{ $extensions }），没有带哈希值的文件名；请改用 url(path="{ $key }") 链接它
theme-asset-missing = asset：主题和站点的 static/ 里都没有文件 `{ $path }`
theme-asset-missing-near = asset：主题和站点的 static/ 里都没有文件 `{ $path }`，可能是想写 `{ $near }`？
theme-zh-date-invalid = zh_date：`{ $value }` 不是日期，日期要写成 2013-11-03 这样
theme-include-cached-early = { $function }：只有页面模板能用它，短代码里不能用；短代码请改用 {"{"}% include %{"}"}
theme-include-cached-failed = { $function }：{ $template } 第 { $line } 行：{ $error }
theme-include-cached-failed-unplaced = { $function }：{ $template }：{ $error }

# 压缩样式表（`--minify`）；`error` 是 lightningcss 的原文（英文）。
theme-css-not-minified = 无法压缩这个样式表：{ $error }
theme-css-not-minified-hint = 它已按原样发布；改正这里的 CSS 后就能压缩
