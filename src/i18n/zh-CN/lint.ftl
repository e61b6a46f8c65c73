# 校对检查项：每条警告和它的提示。

# 检查时无法再次读取文章（`io-error` 的动作）。
lint-io-read-again = 再次读取文章来检查

# 警告里提到的标题部分。
lint-field-title = 标题
lint-field-kicker = 引题
lint-field-subtitle = 副题

# 警告里的并列：“甲、乙和丙”“xing、hang 或 heng”。
lint-list-and = { $rest }和{ $last }
lint-list-or = { $rest } 或 { $last }

# column-break：段落在句子中间断开，像是报纸转栏留下的。
lint-column-break = 这一段到“{ $end }”就断了，句子没说完，下一段从“{ $start }”接着往下说：是不是从报纸版面复制时留下的转栏断行？
lint-column-break-hint = 删去两段之间的空行，把两段接成一段；如果确实要另起一段，请给这一段补上句末标点

# number-mismatch：标题、引题或副题里的数字，正文里没有。
lint-number-mismatch = { $field }写的是 { $number }，正文里却没有这个数：“{ $text }”
lint-number-mismatch-value = { $written }（{ $value }）
lint-number-mismatch-hint = 请对照正文核实这个数字，让{ $field }和正文一致
lint-number-mismatch-found-hint = 正文里写的是 { $found }，请核实，让{ $field }和正文一致

# brief-too-long：短讯超过了本站规定的字数。
lint-brief-too-long = 这条短讯有 { $length } 字，超过了本站 { $limit } 字的上限
lint-brief-too-long-hint = 删到 { $limit } 字以内，或者用 `kind: news` 改成消息；上限在站点设置（site.yaml）里用 `lints: {"{"} brief_limit: { $limit } {"}"}` 来定

# no-byline：文章没有署名。
lint-no-byline = 这篇文章没有署名
lint-no-byline-hint = 在文章头部（两行 `---` 之间）加上署名，比如：`byline: [{"{"} role: 通讯员, name: 金领军 {"}"}]`

# town-not-in-district：站点设置没有把这个镇（街道）列在文章所属的区下面。
lint-town-not-in-district = 站点设置（site.yaml）里，{ $district }下面没有{ $town }
lint-town-not-in-district-elsewhere-hint = 站点设置（site.yaml）把{ $town }列在{ $other }下面，请核对文章的 `district` 项
lint-town-not-in-district-near-hint = 是不是想写{ $near }？
lint-town-not-in-district-add-hint = 如果{ $town }确实属于{ $district }，请在站点设置（site.yaml）里把它加到这个区的 `towns:` 中

# image-no-alt：图片既没有替代文字，也没有图片说明。
lint-image-no-alt = 图片 { $src } 没有替代文字
lint-image-no-alt-hint = 在方括号里写明图片内容，方便看不到图片的读者，比如：![演练现场]({ $src })
lint-image-no-alt-lead = 图片 { $src } 既没有替代文字，也没有图片说明
lint-image-no-alt-lead-hint = 写明图片内容，方便看不到图片的读者，比如：image: {"{"} src: { $src }, caption: 演练现场 {"}"}，也可以用 `alt:`

# link-empty-text：链接没有可点的文字。
lint-link-empty-text = 指向 { $url } 的链接没有文字，读者没有地方可点
lint-link-empty-text-hint = 在方括号里写上读者要点的文字，比如：[区政府网站]({ $url })

# half-width-punctuation：中文之间用了半角标点，每行只报一次。
lint-half-width = 中文之间用了半角“{ $mark }”：“{ $context }”
lint-half-width-more = 中文之间用了半角“{ $mark }”：“{ $context }”（这一行还有 { $more } 处）
lint-half-width-hint = 中文要用全角标点：{ $fixes }
lint-half-width-fix = “{ $half }”改成“{ $full }”

# mixed-quotes：一篇文章里混用了几种引号。
lint-mixed-quotes = 文章里引号混用：以{ $main }为主（{ $times }），又用了{ $others }，第一处在这里：“{ $context }”
lint-mixed-quotes-style = { $style }（{ $times }）
lint-mixed-quotes-times = { $count } 处
lint-mixed-quotes-hint = 全文统一用一种引号：大陆通行“…”，引号里再套引号用‘…’

# pinyin-guess：名称的读音词典定不下来，网址名是猜的。
lint-pinyin-guess = { $name }的读音拿不准：{ $guesses }，词典里查不到这个名称，定不下该读哪个；现在按 `{ $slug }` 生成网址名
lint-pinyin-guess-reads = “{ $character }”可读 { $readings }
lint-pinyin-guess-more = { $before }；{ $next }
lint-pinyin-guess-other-hint = 如果{ $name }不读 `{ $slug }`，请{ $place }加上 { $other }；如果读得没错，也请加上 { $keep } 加以确认
lint-pinyin-guess-confirm-hint = 请{ $place }加上 { $keep } 确认这个读音，或者写上正确的读音
lint-pinyin-guess-in-slugs = 在站点设置（site.yaml）的 `slugs:` 下
lint-pinyin-guess-in-district = 在这个区的条目里
lint-pinyin-guess-in-front-matter = 在文章头部（两行 `---` 之间）

# 国家标准检查项：每条提示都写明依据的标准和条款。
# ordinal-mark：行首序次语后的标点不合层级。
lint-ordinal-mark = 序次语“{ $wrong }”后的标点不对
lint-ordinal-mark-hint = 改成“{ $right }”（GB/T 15834—2011 { $rule }：汉字数字序次语后用顿号，阿拉伯数字序次语后用下脚点，加括号的序次语后不用标点）
# year-zero：汉字数字纪年里的“零”。
lint-year-zero = 汉字数字纪年“{ $wrong }”中的零写法不对
lint-year-zero-hint = 改成“{ $right }”（GB/T 15835—2011 5.2.5：编号、纪年中的零写作“〇”）
# range-mark：数值范围用了短横线或半角波浪号。
lint-range-mark = 数值范围“{ $wrong }”用了短横线或半角波浪号
lint-range-mark-hint = 改成“{ $right }”（GB/T 15834—2011 4.13.3.2：起止、数值范围用浪纹线“～”或一字线“—”；短横线只用于编号、年月日等的连接）
# doc-number：发文字号的年份括号。
lint-doc-number = 发文字号“{ $wrong }”写法不对
lint-doc-number-hint = 改成“{ $right }”（GB/T 9704—2012 7.2.5：年份用六角括号“〔〕”括入，序号不加“第”）
# mixed-numerals：阿拉伯数字和“千”“百”混用。
lint-mixed-numerals = “{ $wrong }”把阿拉伯数字和汉字数位混在一起
lint-mixed-numerals-hint = 写成“{ $right }”，或全用汉字数字（GB/T 15835—2011 5.3：除“万”“亿”外，一个数值不同时用阿拉伯数字和汉字数字）
# date-numerals：一个日期里混用阿拉伯数字和汉字数字。
lint-date-numerals = 日期“{ $wrong }”混用了阿拉伯数字和汉字数字
lint-date-numerals-hint = 改成“{ $right }”，或年月日全用汉字数字（GB/T 15835—2011 4.3：同一场合同类别的数字形式要一致，不写“二〇一三年11月14日”）
# nested-quotes：双引号里又套了双引号。
lint-nested-quotes = 引号里又用了双引号：{ $wrong }
lint-nested-quotes-hint = 改成 { $right }（GB/T 15834—2011 4.8：引号里面还要用引号时，外面一层用双引号，里面一层用单引号）
# ordinal-level：序次语层级颠倒。
lint-ordinal-level = 同一标题下先用了“{ $below }”，又用了高一级的“{ $wrong }”，层级颠倒了
lint-ordinal-level-hint = 按层级从高到低使用：{ $levels }（GB/T 15834—2011 附录B.3.8）
# dash：两个短横线代替破折号。
lint-dash = “{ $wrong }”不是破折号
lint-dash-hint = 改成“{ $right }”（GB/T 15834—2011 4.10：破折号写作“——”，占两个字的位置）
# measure-numerals：计量数字用了汉字。
lint-measure-numerals = 计量数字“{ $wrong }”用了汉字数字
lint-measure-numerals-hint = 改成“{ $right }”（GB/T 15835—2011 4.1.1：计量用的数字，尤其是带计量单位的，用阿拉伯数字）
