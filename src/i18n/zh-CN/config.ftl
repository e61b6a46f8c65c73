# site.yaml：各项设置、区、镇、拼音别名和检查项。

# 找到并读取 site.yaml。
config-not-utf8 = 站点设置（site.yaml）不是 UTF-8 编码的文本，可能是用 GBK 等其他编码保存的
config-not-utf8-hint = 在文本编辑器里把 site.yaml 另存为 UTF-8 编码
config-missing = 这里没有站点设置文件 site.yaml
config-missing-hint = 请在站点的文件夹里运行 jianbao，或用 --root DIR 指明站点所在的文件夹
config-io-read = 读取站点设置 site.yaml

# `lints:` 里写错的项：从检查项的名称里找最接近的。
config-lint-did-you-mean-hint = 可能是想写 `{ $key }`？
config-lint-keys-hint = 检查项只有这些：{ $keys }

# `title:`
config-no-title = 站点设置里没有 `title`（站点标题）
config-no-title-hint = 加上一行，例如 `title: 郊区简报`

# `base_url:`；`reason` 是某条 `config-url-…`。
config-no-base-url = 站点设置里没有 `base_url`（简报发布的网址）
config-no-base-url-hint = 写上简报发布的网址，例如 `base_url: https://example.org/`
config-base-url-hint = 写完整的网址，例如 https://example.org/bulletin/
config-base-url-not-url = `{ $input }` 不是网址（{ $reason }）
config-base-url-not-http = `{ $input }` 不是以 http:// 或 https:// 开头的网址
config-base-url-query = `{ $input }` 带有 `?` 或 `#` 及其后面的部分，站点网址不能带这些
config-url-no-scheme = 开头缺少 https://
config-url-empty-host = 缺少域名
config-url-bad-port = 冒号后面的端口号不对
config-url-bad-host = 域名里有不能用的字符
config-url-other = { $error }

# 数字和时区。
config-at-least-one = `{ $key }` 至少要写 1，这里写的是 { $value }
config-bad-utc-offset = `{ $value }` 不是时区写法（与 UTC 相差的时间）
config-utc-offset-hint = 这样写：`utc_offset: "+08:00"`

# `districts:`：各区的网址名、别名和镇（街道）。
config-no-districts = 站点设置里没有列出任何区
config-no-districts-hint = 每篇文章都要写明所属的区，请在这里列出各区，例如 `districts: {"{"} 松江区: {"{"} slug: songjiang {"}"} {"}"}`
config-district-slug-invalid = { $name }的网址名 `{ $slug }` 不能用在网址里
config-district-slug-hint = 网址名只能用小写字母、数字和单个连字符（-），例如 songjiang
config-same-slug = { $first }和{ $second }的网址名都是 `{ $slug }`
config-same-slug-hint = 给其中一个区另写一个 `slug:`
config-alias-shared = 名称“{ $alias }”同时用在了几个区上
config-town-split = { $district }的“{ $town }”中间有输入法打出的 `{ $separator }`，已在这里拆成 { $count } 个镇（街道）：{ $parts }
config-town-split-hint = 每个镇（街道）单独写一项，改成这样：towns: [{ $towns }]
# 并列的名称（英文用 and 连接；中文用顿号）。
config-and = { $first }、{ $rest }
config-name = { $name }

# `slugs:` 和 `old_slugs:`。
config-slug-invalid = { $name }的网址名 `{ $slug }` 不能用在网址里
config-slug-hint = 网址名只能用小写字母、数字和单个连字符（-）
config-old-slug-invalid = { $name }的旧网址名 `{ $slug }` 不能用在网址里
config-old-slug-hint = 照旧网址里的写法填写，例如 { $suggestion }
config-old-slug-rule-hint = 照旧网址里的写法填写：只能用小写字母、数字和单个连字符（-）
