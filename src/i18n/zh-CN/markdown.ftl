# 正文：Markdown、链接、图片、代码。
