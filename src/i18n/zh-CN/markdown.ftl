# 正文：Markdown、链接、图片、代码。

# 手工缩进的段落（主题会自动缩进段落）。
md-indented-prose = 这一段开头有四个空格，Markdown 会把它当成代码块；现已按普通段落显示
md-indented-prose-hint = 删掉这一段每行开头的空格：主题会自动把段落首行缩进两个字
md-full-width-indent = 段落开头用全角空格 `　　` 缩进了；这些空格已删去，主题会自动把每段首行缩进两个字
md-full-width-indent-hint = 每段从第一个字直接写起，开头不要加空格
