# 文章头部（两行 `---` 之间）与 YAML：中文输入法打出的符号，以及 YAML 解析发现的问题。

# 提示里给出改正后的一行。
yaml-write-like-hint = 改成这样：{ $line }
yaml-left-edge-hint = 这一行要顶格写，前面不留空格：`{ $line }`
yaml-spaces-hint = 改成这样，行首空 { $count } 个普通空格：`{ $line }`
yaml-leave-empty-hint = 删掉这些空格，让这一行空着

# 消息里提到的项（`what`）：中文用编辑的叫法，英文用项名本身。
yaml-key-title = 标题
yaml-key-subtitle = 副题
yaml-key-kicker = 引题
yaml-key-date = 日期
yaml-key-district = 区
yaml-key-towns = 镇（街道）
yaml-key-column = 栏目
yaml-key-kind = 体裁
yaml-key-tags = 标签
yaml-key-byline = 署名
yaml-key-image = 图片
yaml-key-slug = 网址名
yaml-key-aliases = 旧网址
yaml-key-draft = 草稿
yaml-key-summary = 摘要
yaml-key-issue = 期号
yaml-key-number = 期号
yaml-key-sections = 版块
yaml-key-articles = 文章
yaml-key-lints = 检查项
yaml-key-off = 关掉的检查项
yaml-key-supplement = 增刊
yaml-key-total = 总期号
yaml-key-publisher = 编印单位
yaml-key-send_to = 报送
yaml-key-copy_to = 抄送
yaml-key-copies = 印数
yaml-key-caption = 图片说明
yaml-key-alt = 替代文字
yaml-key-credit = 图片署名
yaml-key-src = 图片文件
yaml-key-role = 署名身份
yaml-key-name = 姓名
yaml-key-other = `{ $key }` 项

# 项名后面中文输入法打出的符号。
yaml-full-width-colon = `{ $key }` 后面是中文冒号“：”（中文输入法打出的），要换成英文冒号 `:`，再空一格
yaml-full-width-space-after-colon = `{ $key }:` 后面是全角空格“　”（中文输入法打出的），要换成普通空格
yaml-no-space-after-colon = `{ $key }:` 的冒号后面要空一格
yaml-colon-in-value = { $what }里有英文冒号加空格，会被误当成另一项；要把它整个放在英文引号里

# 用 Tab 键或全角空格缩进。
yaml-indented-with-tab = 这一行开头是用 Tab 键缩进的，要改用普通空格
yaml-indented-with-full-width-space = 这一行开头是用全角空格“　”缩进的（中文输入法打出的），要改用普通空格
yaml-empty-line-full-width-spaces = 这个空行里有全角空格“　”（中文输入法打出的）

# 列表写在“【】”或“［］”里，列表各项之间用了“，”或“、”（`between` 是某条 `yaml-between-…`）。
yaml-full-width-brackets = { $what }用了中文括号“{ $pair }”（中文输入法打出的）；列表要用英文方括号 `[ ]`
yaml-old-slugs = 旧网址名
yaml-separator-read-as-comma = { $between }之间的“{ $separator }”（中文输入法打出的）已当作英文逗号 `,` 读取
yaml-between-tags = 标签
yaml-between-towns = 镇（街道）
yaml-between-aliases = 旧网址
yaml-between-byline = 署名
yaml-between-old-slugs = 旧网址名
yaml-between-list-items = 列表各项
yaml-between-items-of = `{ $key }` 的各项
yaml-between-entries-of = `{ $key }` 里的各项

# 不认识的项，不在可选范围内的值。
yaml-unknown-key = 没有 `{ $key }` 这一项
yaml-did-you-mean-hint = 可能是想写 `{ $name }`？
yaml-allowed-keys-hint = 这里可以写的项有：{ $keys }
yaml-unknown-value = { $what }不能写 `{ $value }`
yaml-unknown-value-here = `{ $value }` 不是可选的值
yaml-allowed-values-hint = 只能写其中之一：{ $values }

# 值的类型不对：`what` 应该是 `expected`（某条 `yaml-type-…`），写的却是 `got`（某条 `yaml-got-…`）。
yaml-wrong-type = { $what }{ $expected }，现在写的是{ $got }
yaml-wrong-type-here = 这里{ $expected }，现在写的是{ $got }
yaml-empty-value = { $what }是空的；{ $expected }
yaml-type-list = 要写成列表
yaml-type-text = 要写成文字
yaml-type-true-false = 只能写 true 或 false
yaml-type-whole-number = 要写成整数
yaml-type-number = 要写成数字
yaml-type-key-value-lines = 要写成若干“项: 值”
yaml-type-one-value = 只能写可选值中的一个
yaml-type-other = 要写成 { $text }
yaml-got-text = 文字“{ $value }”
yaml-got-number = 数字 { $value }
yaml-got-true-false = “{ $value }”
yaml-got-list = 列表
yaml-got-key-value-lines = 若干“项: 值”
yaml-got-nothing = 空值
yaml-got-other = { $text }
# YAML 解析器的英文原话（`text`），只在说不出更多时才用。
yaml-key-problem = { $what }的写法有问题（解析器提示：{ $text }）
yaml-unreadable = 这一行的写法无法识别（解析器提示：{ $text }）
yaml-unreadable-hint = 检查这一行的冒号、引号和括号；值里有 `:`、`#`、`[` 或 `{"{"}` 时，把整个值放在英文引号里

# 一组项里缺了必须有的一项（`whose` 是某条 `yaml-whose-…`）。
yaml-missing-field = { $whose }缺少 `{ $field }`
yaml-missing-field-misplaced = { $whose }缺少 `{ $field }`：这一行的 `{ $field }:` 没有和上面的项对齐
yaml-whose-credit = 署名第 { $number } 项
yaml-whose-image = 图片
yaml-whose-key = `{ $key }` 项
yaml-whose-file = 这个文件

# YAML 语法错误，换成编辑看得懂的话。
yaml-needs-colon = `{ $key }` 后面少了冒号
yaml-not-key-value = 这一行既不是“项: 值”，也不是上一行的接续
yaml-not-key-value-hint = 按“项名、英文冒号、空格、值”的顺序写，例如 `title: 标题`；如果这一行是上一行没写完的内容，就把它接到上一行末尾
yaml-key-not-lined-up = `{ $key }:` 没有和上面几行对齐
yaml-not-lined-up = 这一行没有和上面几行对齐
yaml-value-starts-with = 值不能以“{ $character }”开头，要把整个值放在英文引号里
yaml-list-not-closed = 这个 `[` 开始的列表没有结束
yaml-list-not-closed-hint = 在同一行末尾加上 `]`，各项之间用英文逗号 `,` 隔开
yaml-braces-not-closed = 这里的 `{"{"}` 没有对应的 `{"}"}`
yaml-braces-not-closed-hint = 在同一行末尾加上 `{"}"}`，各项之间用英文逗号 `,` 隔开
yaml-quote-not-closed = 这个引号没有配对的结束引号
yaml-quote-not-closed-hint = 在同一行值的末尾补上同样的引号，或者删掉这个引号
yaml-key-twice = `{ $key }` 项写了两次
yaml-key-twice-hint = 只保留其中一行

# 文章的两行 `---`。
fm-empty-file = 文件是空的
fm-empty-file-hint = 文章开头是文章头部（两行 `---` 之间的各项），接着是正文
fm-no-front-matter = 文件开头没有文章头部（两行 `---` 之间的部分）
fm-no-front-matter-hint = 第一行写 `---`，接着写 `title:`、`date:`、`district:` 等几行，再写一行 `---`
fm-not-closed = 文章头部没有结束：缺少第二行 `---`
fm-not-closed-hint = 在文章头部最后一项的下一行加一行 `---`

# 每篇文章都要有的项。
fm-no-title = 文章没有标题
fm-add-line-hint = 加一行 `{ $line }`
fm-no-date = 文章没有日期
fm-no-date-hint = 加一行日期，例如 `date: 2013-11-03`
fm-no-district = 文章没有写所属的区
fm-no-district-hint = 加一行区名，例如 `district: 松江区`

# 不是日期的 `date:`。
fm-bad-time = { $text } 不是有效的时间
fm-no-such-month = { $text } 不是有效的日期：一年只有 12 个月，没有 { $month } 月
fm-no-such-day = { $text } 不是有效的日期：{ $year }年{ $month }月只有 { $days } 天
fm-not-a-date = `{ $text }` 不是日期
fm-date-hint = 日期写成 2013-11-03；带时间的写成 2013-11-03 09:30
fm-date-written-otherwise = 日期“{ $text }”的写法不对：年、月、日之间要用短横线 `-` 隔开

# `district:` 写的不是 site.yaml 里的区。
fm-unknown-district = 站点设置（site.yaml）里没有“{ $name }”这个区
fm-district-did-you-mean-hint = 可能是想写“{ $name }”？改成这样：district: { $name }
fm-districts-hint = site.yaml 里的区有：{ $names }；如果“{ $name }”是新设的区，先把它加到 site.yaml 里

# 标签和镇（街道）。
fm-empty-item = { $what }里有一项是空的
fm-term-split = { $noun }“{ $item }”里有“{ $separator }”（中文输入法打出的），已拆成{ $parts }
fm-term-split-hint = 每个{ $noun }单独写一项，改成这样：{ $line }
fm-noun-tag = 标签
fm-noun-town = 镇（街道）
fm-part = “{ $name }”
fm-parts = { $first }{ $rest }

# 署名、图片和网址名。
fm-credit-no-name = 署名第 { $number } 项没有写姓名
fm-image-no-src = 图片没有写 `src`（图片文件名）
fm-image-src-hint = 写上图片的文件名，例如 image: {"{"} src: drill.jpg {"}"}
fm-image-src-unsafe = 图片的 `src` 写的是 { $src }，它既不是文章旁边的文件，也不是 http(s) 网址
fm-bad-slug = 网址名 `{ $value }` 不能用在网址里
fm-issue-zero = 期号从 1 开始，不能是 0
fm-unknown-lint = 没有叫 `{ $id }` 的检查项
fm-lint-close-hint = 可能是想写 `{ $id }`？检查项的名字就是 `jianbao check` 在每条警告后面方括号里写的那个
fm-lint-ids-hint = 可以关掉的检查项有：{ $ids }
fm-slug-hint = 网址名只能用小写字母、数字和单个连字符 `-`，例如 `slug: { $suggestion }`
fm-slug-rules-hint = 网址名只能用小写字母 a–z、数字和单个连字符 `-`
