# 各种报告共用的词。

raw = { $text }

# 文本报告里每条问题前的标签。
label-error = 错误
label-warning = 警告
label-hint = 提示
