# 图片：读取、缩放、编码。

# 图片无法发布的原因；`reason` 是另一条消息。
image-missing = 图片 { $path } 不存在
image-unreadable = 无法读取图片 { $path }：{ $reason }
image-corrupt = 图片 { $path } 无法识别，文件可能已损坏或不是图片（{ $reason }）
image-cache = 无法写入图片缓存 { $path }：{ $reason }

# 原因。`error` 是图片处理程序的原文（英文）。
image-unknown-format = 认不出图片格式；请用 JPEG、PNG、GIF 或 WebP 格式
image-library-error = { $error }
image-cache-unreadable = 刚写入的缓存读不回来
